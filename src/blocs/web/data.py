"""What the explorer and the report show, as plain dicts: the library behind every page.

    ex = Explorer("news.duckdb")
    ex.network(since="2018-01-01")        # nodes with bloc and position, edges, blocs
    ex.actor("IRN")                       # partners, adversaries, cooperation over time
    ex.events(EventFilter(party=["IRN"]), sort="date", page=2)
    ex.document("russias-new-alliance-in-iraq")   # text, events, highlights, segments
    ex.dyad("RUS", "USA", window="year")

Queries share one read-only DuckDB connection (a cursor each, so threads may query at
once); it is reopened when the file changes and closed after IDLE_S seconds without a
query, so that `blocs ingest` can take the file between visits. Network dyads are cached
until the file changes.
"""

from __future__ import annotations

import datetime as dt
import threading
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from blocs import network
from blocs.network.graph import window_keys, window_span
from blocs.store import StoreError, open_store
from blocs.web import queries
from blocs.web.annotate import annotate
from blocs.web.layout import layout

IDLE_S = 5.0  # close the shared connection after this long without a query
MAX_NODES = 150  # network drawn: the strongest actors …
MAX_EDGES = 600  # … and the strongest ties among them
MAX_BLOCS = 40  # blocs listed beside the drawing, largest first
MAX_UNALIGNED = 200


class NotFound(LookupError):
    """An actor, document, event or dyad the data does not have (HTTP 404)."""


class Unavailable(RuntimeError):
    """The database cannot be read now (missing, locked by a writer, not blocs'): 503."""


def _iso(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)


class Explorer:
    def __init__(self, db: str | Path):
        self.db = str(db)
        self._lock = threading.Lock()
        self._cache: dict[tuple, network.Dyads] = {}
        self._stamp: tuple | None = None
        self._con_lock = threading.Lock()
        self._store = None
        self._store_stamp: tuple | None = None
        self._users = 0
        self._timer: threading.Timer | None = None

    # -- access -------------------------------------------------------------------------
    def _file_stamp(self) -> tuple:
        try:
            stat = Path(self.db).stat()
        except OSError:
            raise Unavailable(f"no database at {self.db} (create one with blocs ingest)"
                              ) from None
        return stat.st_mtime_ns, stat.st_size

    @contextmanager
    def connection(self):
        """A cursor on the shared read-only connection (Unavailable when the file cannot
        be opened: missing, not blocs', or being written by an ingest)."""
        with self._con_lock:
            stamp = self._file_stamp()
            if self._store is not None and stamp != self._store_stamp and not self._users:
                self._store.close()
                self._store = None
            if self._store is None:
                try:
                    self._store = open_store(self.db, read_only=True)
                except StoreError as exc:
                    raise Unavailable(str(exc)) from None
                self._store_stamp = stamp
            cursor = self._store.con.cursor()
            self._users += 1
        try:
            yield cursor
        finally:
            cursor.close()
            with self._con_lock:
                self._users -= 1
                if self._timer is not None:
                    self._timer.cancel()
                self._timer = threading.Timer(IDLE_S, self._close_if_idle)
                self._timer.daemon = True
                self._timer.start()

    def _close_if_idle(self) -> None:
        with self._con_lock:
            if self._users == 0 and self._store is not None:
                self._store.close()
                self._store = None

    def close(self) -> None:
        """Close the shared connection now (it reopens on the next query)."""
        with self._con_lock:
            if self._timer is not None:
                self._timer.cancel()
            if self._store is not None and not self._users:
                self._store.close()
                self._store = None

    def dyads(self, level: str = "country", status: str = "asserted") -> network.Dyads:
        """All dyads at this level and statuses (merged events), cached per file version."""
        statuses = network.parse_statuses(status)
        stamp = self._file_stamp()
        with self._lock:
            if stamp != self._stamp:
                self._cache.clear()
                self._stamp = stamp
            key = (level, statuses)
            if key not in self._cache:
                try:
                    dyads, _ = network.prepare(db=self.db, level=level, statuses=statuses)
                except network.NetworkError as exc:
                    raise Unavailable(str(exc)) from None
                self._cache[key] = dyads
            return self._cache[key]

    # -- pages --------------------------------------------------------------------------
    def summary(self) -> dict:
        with self.connection() as con:
            one = con.execute
            docs = one("SELECT count(*) FROM documents").fetchone()[0]
            events = one("SELECT count(*) FROM events").fetchone()[0]
            first, last = one("SELECT min(date), max(date) FROM events").fetchone()
            types = [r[0] for r in one("SELECT DISTINCT event FROM events WHERE event IS NOT "
                                       "NULL ORDER BY 1").fetchall()]
        return {"db": self.db, "documents": int(docs), "events": int(events),
                "first_date": _iso(first), "last_date": _iso(last), "types": types}

    def windows(self, dyads: network.Dyads) -> list[dict]:
        """Time windows with dyads: all, each year, each quarter (when at most 40)."""
        out = [{"label": "all", "since": None, "until": None}]
        for window in ("year", "quarter"):
            keys = np.unique(window_keys(dyads.day, window))
            keys = keys[keys >= 0]
            if window == "quarter" and len(keys) > 40:
                break
            for key in keys:
                label, start, end = window_span(int(key), window)
                out.append({"label": label, "since": _iso(start), "until": _iso(end)})
        return out

    def network(self, *, since: str | None = None, until: str | None = None,
                level: str = "country", status: str = "asserted", resolution: float = 1.0,
                max_nodes: int = MAX_NODES, max_edges: int = MAX_EDGES) -> dict:
        """The signed graph of [since, until] with its blocs, laid out for drawing."""
        dyads = self.dyads(level, status)
        graph = network.build_graphs(dyads, since=since, until=until)[0]
        found = network.find_blocs(graph, resolution=resolution)
        blocs = [b for b in found.blocs if len(b.members) > 1]
        bloc_of = {m: b.label for b in blocs for m in b.members}
        colour = {b.label: i for i, b in enumerate(blocs)}
        n = len(graph.nodes)
        coop = np.bincount(graph.u, graph.pos, n) + np.bincount(graph.v, graph.pos, n)
        conf = np.bincount(graph.u, graph.neg, n) + np.bincount(graph.v, graph.neg, n)
        count = np.bincount(graph.u, graph.count, n) + np.bincount(graph.v, graph.count, n)
        active = graph.active()
        shown = active[np.lexsort((active, -(coop + conf)[active]))][:max_nodes]
        keep = np.zeros(n, dtype=bool)
        keep[shown] = True
        edge_idx = np.flatnonzero(keep[graph.u] & keep[graph.v])
        edge_idx = edge_idx[np.argsort(-np.abs(graph.net[edge_idx]), kind="stable")][:max_edges]
        nodes = [{"id": graph.nodes[i], "name": dyads.names.get(graph.nodes[i], graph.nodes[i]),
                  "bloc": bloc_of.get(graph.nodes[i]),
                  "colour": colour.get(bloc_of.get(graph.nodes[i]), -1),
                  "cooperation": round(float(coop[i]), 3), "conflict": round(float(conf[i]), 3),
                  "dyads": int(count[i])} for i in sorted(shown, key=lambda i: graph.nodes[i])]
        edges = [{"a": graph.nodes[graph.u[k]], "b": graph.nodes[graph.v[k]],
                  "cooperation": round(float(graph.pos[k]), 3),
                  "conflict": round(float(graph.neg[k]), 3),
                  "net": round(float(graph.net[k]), 3), "dyads": int(graph.count[k])}
                 for k in edge_idx]
        width, height = layout(nodes, [b.members for b in blocs])
        alone = [b.members[0] for b in found.blocs if len(b.members) == 1]
        listed = [b.as_dict() for b in blocs[:MAX_BLOCS]]
        named = {m for b in listed for m in b["members"]} | set(alone[:MAX_UNALIGNED])
        return {"since": _iso(since), "until": _iso(until), "level": level, "status": status,
                "summary": found.summary(), "actors_total": int(len(active)),
                "ties_total": int(len(graph.u)), "width": width, "height": height,
                "nodes": nodes, "edges": edges, "blocs": listed, "blocs_total": len(blocs),
                "unaligned": alone[:MAX_UNALIGNED], "unaligned_total": len(alone),
                "names": {m: dyads.names.get(m, m) for m in sorted(named)},
                "windows": self.windows(dyads)}

    def actors(self, *, level: str = "country", status: str = "asserted", q: str | None = None,
               limit: int = 100) -> list[dict]:
        """Actors with dyads, busiest first; q matches id or name (case-insensitive)."""
        dyads = self.dyads(level, status)
        n = len(dyads.nodes)
        count = np.bincount(dyads.a, minlength=n) + np.bincount(dyads.b, minlength=n)
        out = []
        for i in np.lexsort((np.arange(n), -count)):
            node = dyads.nodes[i]
            name = dyads.names.get(node, node)
            if q and q.lower() not in node.lower() and q.lower() not in str(name).lower():
                continue
            out.append({"id": node, "name": name, "dyads": int(count[i])})
            if len(out) >= limit:
                break
        return out

    def actor(self, actor: str, *, level: str = "country", status: str = "asserted",
              since: str | None = None, until: str | None = None, top: int = 10,
              evidence: int = 2, window: str | None = None) -> dict:
        """An actor's partners and adversaries, and its cooperation and conflict per window."""
        dyads = self.dyads(level, status).between(since, until)
        try:
            profile = network.actor_profile(dyads, actor, top=top, evidence=evidence)
        except network.NetworkError as exc:
            raise NotFound(str(exc)) from None
        i = dyads.index(actor)
        mask = (dyads.a == i) | (dyads.b == i)
        days, weight = dyads.day[mask], dyads.weight[mask]
        window = window or _auto_window(days)
        profile["window"] = window
        profile["series"] = _series(days, weight, window)
        return profile

    def dyad(self, a: str, b: str, *, level: str = "country", status: str = "asserted",
             since: str | None = None, until: str | None = None,
             window: str = "year") -> dict:
        dyads = self.dyads(level, status)
        try:
            i, j = dyads.index(a), dyads.index(b)
        except network.NetworkError as exc:
            raise NotFound(str(exc)) from None
        if i == j:
            raise NotFound("a dyad needs two different actors")
        graphs = network.build_graphs(dyads, window=window, since=since, until=until, fill=True)
        rows = network.dyad_series(graphs, i, j)
        total = network.alignment(network.build_graphs(dyads, since=since, until=until)[0], i, j)
        return {"a": dyads.nodes[i], "b": dyads.nodes[j],
                "names": {dyads.nodes[k]: dyads.names.get(dyads.nodes[k], dyads.nodes[k])
                          for k in (i, j)},
                "level": level, "status": status, "window": window, "since": _iso(since),
                "until": _iso(until),
                "total": {k: (round(v, 4) if isinstance(v, float) else v)
                          for k, v in total.items()},
                "rows": rows}

    def events(self, filt: queries.EventFilter, **page) -> dict:
        with self.connection() as con:
            return queries.event_page(con, filt, **page)

    def event(self, event_id: str) -> dict:
        with self.connection() as con:
            ev = queries.event(con, event_id)
        if ev is None:
            raise NotFound(f"no event {event_id!r}")
        return ev

    def documents(self, **page) -> dict:
        with self.connection() as con:
            return queries.document_page(con, **page)

    def document(self, doc_id: str) -> dict:
        with self.connection() as con:
            found = queries.document(con, doc_id)
        if found is None:
            raise NotFound(f"no document {doc_id!r}")
        doc, events = found
        marks, segs = annotate(doc.get("text") or "", events)
        event_marks: dict[str, list[str]] = {str(ev.get("id")): [] for ev in events}
        for h in marks:
            for ev_id in h["events"]:
                event_marks.setdefault(str(ev_id), []).append(h["id"])
        return {"document": doc, "events": events, "highlights": marks, "segments": segs,
                "event_marks": event_marks}


def _auto_window(days: np.ndarray) -> str:
    dated = days[~np.isnat(days)]
    if not len(dated):
        return "year"
    months = int((dated.max() - dated.min()).astype("timedelta64[D]").astype(int)) / 30.4
    return "month" if months <= 24 else "quarter" if months <= 96 else "year"


def _series(days: np.ndarray, weight: np.ndarray, window: str) -> list[dict]:
    """Cooperation and conflict per window, every window from the first to the last."""
    keys = window_keys(days, window)
    dated = keys >= 0
    if not dated.any():
        return []
    lo = int(keys[dated].min())
    idx = keys[dated] - lo
    size = int(idx.max()) + 1
    w = weight[dated]
    coop = np.bincount(idx, np.clip(w, 0, None), size)
    conf = np.bincount(idx, np.clip(-w, 0, None), size)
    count = np.bincount(idx, minlength=size)
    rows = []
    for k in range(size):
        label, start, end = window_span(lo + k, window)
        rows.append({"window": label, "start": _iso(start), "end": _iso(end),
                     "cooperation": round(float(coop[k]), 3),
                     "conflict": round(float(conf[k]), 3),
                     "net": round(float(coop[k] - conf[k]), 3), "dyads": int(count[k])})
    return rows


__all__ = ["Explorer", "NotFound", "Unavailable", "MAX_NODES", "MAX_EDGES"]
