"""Where the network reads events: a DuckDB store, a Parquet dataset, event-record JSONL,
or documents coded on the fly (.txt, document JSONL, directories, - for stdin).

Every reader returns an EventSet: the records (DESIGN.md shape) and, per document, what
merging needs to name the first report and count sources (published, source, url).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from blocs.network.dyads import NetworkError

DOC_KEYS = ("published", "source", "url", "title")


@dataclass
class EventSet:
    events: list[dict]
    documents: dict[str, dict] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _iso(value) -> str | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return None if value is None else str(value)


def _in_range(ev: dict, since: str | None, until: str | None) -> bool:
    if not since and not until:
        return True
    date = str(ev.get("date") or "")[:10]
    return bool(date) and (not since or date >= since[:10]) and (not until or
                                                                  date <= until[:10])


def from_store(db: str | Path, *, since: str | None = None,
               until: str | None = None) -> EventSet:
    """Events and documents of a blocs DuckDB file (opened read-only)."""
    from blocs.store import StoreError, open_store

    try:
        with open_store(db, read_only=True) as store:
            events = store.events(since=since, until=until)
            rows = store.con.execute("SELECT id, published, source, url, title "
                                     "FROM documents").fetchall()
    except StoreError as exc:
        raise NetworkError(str(exc)) from None
    documents = {r[0]: dict(zip(DOC_KEYS, map(_iso, r[1:]), strict=True)) for r in rows}
    return EventSet(events, documents)


def from_parquet(directory: str | Path, *, since: str | None = None,
                 until: str | None = None) -> EventSet:
    """Events and documents of a Parquet dataset written by `blocs ingest --dask`."""
    from blocs.distributed import query_documents, query_parquet

    directory = Path(directory)
    if not directory.is_dir():
        raise NetworkError(f"no Parquet dataset at {directory}")
    try:
        events = query_parquet(directory, since=since, until=until)
        docs = query_documents(directory)
    except Exception as exc:  # noqa: BLE001 — DuckDB errors on a bad dataset, one line
        raise NetworkError(f"cannot read {directory}: {str(exc).splitlines()[0]}") from None
    for ev in events:
        if isinstance(ev.get("date"), dt.date):
            ev["date"] = ev["date"].isoformat()
    documents = {str(d["id"]): {k: _iso(d.get(k)) for k in DOC_KEYS} for d in docs}
    return EventSet(events, documents)


def is_event_records(path: Path) -> bool:
    """A .jsonl file whose first record is an event (has "event" and "actor"), not a
    document to code."""
    if path.suffix.lower() != ".jsonl" or not path.is_file():
        return False
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.strip():
                try:
                    first = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(first, dict) and "event" in first and "actor" in first
    return False


def read_event_records(path: Path, events: list[dict], documents: dict[str, dict],
                       warnings: list[str]) -> None:
    """Append the records of an event JSONL (as `blocs code` writes it); a record may carry
    its document's published/source/url."""
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                ev = json.loads(line)
            except json.JSONDecodeError as exc:
                warnings.append(f"{path}:{n}: not JSON ({exc.msg})")
                continue
            if not isinstance(ev, dict) or "event" not in ev or "actor" not in ev:
                warnings.append(f"{path}:{n}: not an event record")
                continue
            ev.setdefault("recipient", [])
            doc = documents.setdefault(str(ev.get("doc_id") or ""), {})
            for key in DOC_KEYS:
                if ev.get(key) is not None and key != "title":
                    doc.setdefault(key, ev[key])
            events.append(ev)


def from_paths(paths: Sequence[str], *, published: str | None = None,
               nlp: Callable[[], object] | None = None) -> EventSet:
    """Event-record JSONL files read as they are; every other path (.txt, document JSONL,
    directory, -) is coded with the pipeline `nlp()` returns (built only when needed)."""
    events: list[dict] = []
    documents: dict[str, dict] = {}
    warnings: list[str] = []
    to_code = []
    for p in paths:
        path = Path(p)
        if p != "-" and is_event_records(path):
            read_event_records(path, events, documents, warnings)
        elif p != "-" and not path.exists():
            raise NetworkError(f"no such file or directory: {p}")
        else:
            to_code.append(p)
    if to_code:
        events += _code(to_code, published, nlp, documents, warnings)
    return EventSet(events, documents, warnings)


def _code(paths: Iterable[str], published, nlp, documents, warnings) -> list[dict]:
    from blocs.documents import ReadError, read
    from blocs.pipeline import _cached, process

    language = nlp() if nlp else _cached(None, ())
    out: list[dict] = []

    def docs():
        for item in read(paths, published=published):
            if isinstance(item, ReadError):
                warnings.append(f"{item.source}: {item.error}")
                continue
            documents[item.id] = {"published": item.published or published,
                                  "source": item.source, "url": item.url, "title": item.title}
            yield item

    for document, evs, error in process(language, docs(), published=published):
        if error:
            warnings.append(f"{document.id}: {error}")
        out.extend(evs or [])
    return out


def load_events(*, paths: Sequence[str] = (), db: str | Path | None = None,
                parquet: str | Path | None = None, published: str | None = None,
                since: str | None = None, until: str | None = None,
                nlp: Callable[[], object] | None = None) -> EventSet:
    """Events from paths if any are given, else a Parquet dataset, else a DuckDB file.
    since/until (ISO dates, inclusive) keep dated events in range."""
    if paths:
        evset = from_paths(paths, published=published, nlp=nlp)
        evset.events = [e for e in evset.events if _in_range(e, since, until)]
        return evset
    if parquet:
        return from_parquet(parquet, since=since, until=until)
    if db:
        return from_store(db, since=since, until=until)
    raise NetworkError("nothing to read: give PATHS, --db FILE or --parquet DIR")


__all__ = ["EventSet", "load_events", "from_store", "from_parquet", "from_paths",
           "is_event_records"]
