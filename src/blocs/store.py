"""The DuckDB store (DESIGN.md Storage): documents, events, a dyads view, idempotent batches.

    store = open_store("blocs.duckdb")
    store.save_batch([(document, events, None)], coder_version())   # one transaction
    store.events(actor="IRN", type="CONSULT", since="2018-01-01")   # records, DESIGN.md shape

A document id is coded once per coder version: `done_ids(version)` lists what a re-run
skips; `save_batch` replaces each document's row and events all or nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import duckdb

from blocs import __version__
from blocs.documents import clean_unicode, parse_published

SCHEMA_VERSION = "1"
SPAN = 'STRUCT(text VARCHAR, start INTEGER, "end" INTEGER)'
PARTY = ('STRUCT(text VARCHAR, start INTEGER, "end" INTEGER, country VARCHAR, sector VARCHAR, '
         'id VARCHAR, name VARCHAR)')
PLACE = ('STRUCT(text VARCHAR, start INTEGER, "end" INTEGER, name VARCHAR, country VARCHAR, '
         'lat DOUBLE, lon DOUBLE, geonameid BIGINT)')
TEXT_INFO = 'STRUCT(sentence INTEGER, start INTEGER, "end" INTEGER)'

# Event record fields in DESIGN.md order, with their column types; other keys go to `extra`.
EVENT_COLUMNS: dict[str, str] = {
    "id": "VARCHAR PRIMARY KEY", "doc_id": "VARCHAR NOT NULL", "event": "VARCHAR",
    "mode": "VARCHAR", "context": "VARCHAR[]", "status": "VARCHAR",
    "actor": f"{PARTY}[]", "recipient": f"{PARTY}[]", "date": "DATE",
    "date_precision": "VARCHAR", "time": SPAN, "location": PLACE, "cameo": "VARCHAR",
    "quad_class": "INTEGER", "goldstein": "DOUBLE", "plover_score": "DOUBLE", "trigger": SPAN,
    "text": "VARCHAR", "text_info": TEXT_INFO, "confidence": "DOUBLE",
}
STRUCT_KEYS = {
    "actor": ("text", "start", "end", "country", "sector", "id", "name"),
    "time": ("text", "start", "end"), "trigger": ("text", "start", "end"),
    "location": ("text", "start", "end", "name", "country", "lat", "lon", "geonameid"),
    "text_info": ("sentence", "start", "end"),
}
DOCUMENT_COLUMNS: dict[str, str] = {
    "id": "VARCHAR PRIMARY KEY", "title": "VARCHAR", "published": "DATE", "url": "VARCHAR",
    "source": "VARCHAR", "text": "VARCHAR",
    "status": "VARCHAR NOT NULL CHECK (status IN ('coded', 'failed'))", "error": "VARCHAR",
    "coded_at": "TIMESTAMP", "coder_version": "VARCHAR",
}


def _party_pairs(other: str, first: str, where: str) -> str:
    # actor i × other[j], j from `first`: recipients from 1, or the actors after i
    return f"""
    SELECT e.id AS event_id, e.doc_id, e.event, e.status, e.date,
           e.actor[i].country AS actor_country, e.actor[i].sector AS actor_sector,
           e.actor[i].id AS actor_id, e.{other}[j].country AS recipient_country,
           e.{other}[j].sector AS recipient_sector, e.{other}[j].id AS recipient_id,
           e.plover_score, e.goldstein, e.quad_class
    FROM events e,
         LATERAL (SELECT unnest(generate_series(1, len(e.actor))) AS i) a,
         LATERAL (SELECT unnest(generate_series({first}, len(e.{other}))) AS j) b
    WHERE {where}"""


DYADS_VIEW = ("CREATE OR REPLACE VIEW dyads AS"
              + _party_pairs("recipient", "1", "len(e.recipient) > 0") + "\n    UNION ALL"
              + _party_pairs("actor", "i + 1", "len(e.recipient) = 0"))


_ARROW_SCALARS = {"VARCHAR": "string", "INTEGER": "int32", "BIGINT": "int64",
                  "DOUBLE": "float64", "DATE": "string", "TIMESTAMP": "timestamp[us]"}


def _split_fields(body: str) -> list[str]:
    """ "a T, b STRUCT(x T, y T)" → ["a T", "b STRUCT(x T, y T)"] (commas at depth 0)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(body):
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            out.append(body[start:i].strip())
            start = i + 1
    out.append(body[start:].strip())
    return out


@lru_cache(maxsize=64)
def _arrow_type(sql_type: str):
    """The Arrow type a DuckDB column type is fed from (DATE as its ISO string, cast on
    insert); KeyError for a type not used here."""
    import pyarrow as pa

    t = sql_type.strip()
    if t.endswith("[]"):
        return pa.list_(_arrow_type(t[:-2]))
    if t.upper().startswith("STRUCT(") and t.endswith(")"):
        fields = []
        for field in _split_fields(t[7:-1]):
            name, typ = field.split(" ", 1)
            fields.append((name.strip('"'), _arrow_type(typ)))
        return pa.struct(fields)
    return pa.type_for_alias(_ARROW_SCALARS[t.upper()])


def _arrow_batch(types: list[str], columns: list[list]):
    """The columns as an Arrow table (c1, c2, ...) of the given DuckDB types, or None when
    a type or a value does not convert (the caller then binds the Python lists)."""
    try:
        import pyarrow as pa

        arrays = []
        for sql_type, values in zip(types, columns, strict=True):
            arrow_type = _arrow_type(sql_type)
            if sql_type.upper() == "DATE":  # ISO text, which the insert casts to DATE
                values = [_iso_date(v) for v in values]
            arrays.append(pa.array(values, type=arrow_type))
        return pa.Table.from_arrays(arrays, names=[f"c{i}" for i in range(1, len(arrays) + 1)])
    except Exception:  # noqa: BLE001 — a type or value Arrow refuses: the Python-list path
        return None


def _iso_date(value):
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return value.isoformat() if isinstance(value, dt.date) else value


def records(cursor) -> list[dict]:
    """Rows of `SELECT * FROM events` as event records (DESIGN.md shape, ISO dates)."""
    names = [d[0] for d in cursor.description]
    out = []
    for row in cursor.fetchall():
        record = {k: v.isoformat() if isinstance(v, dt.date) else v
                  for k, v in zip(names, row, strict=True)}
        extra = record.pop("extra", None)
        out.append({**record, **(json.loads(extra) if extra else {})})
    return out


class StoreError(Exception):
    """A database that cannot be opened, read or written (one line, for the CLI)."""


@lru_cache(maxsize=8)
def coder_version(extra_files: tuple[str, ...] = ()) -> str:
    """blocs version + a short hash of the lexicon and dictionary data (and extra actor
    files): a changed lexicon is a new coder version, so ingest codes documents again."""
    digest = hashlib.sha1()
    root = Path(__file__).resolve().parent
    data = [p for p in root.rglob("*") if p.is_file() and "data" in p.relative_to(root).parts
            and p.suffix.lower() in {".yaml", ".yml", ".json"}]
    for path in sorted(data):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    for name in extra_files:
        digest.update(b"extra\0" + Path(name).read_bytes())
    return f"{__version__}+{digest.hexdigest()[:8]}"


def _project(value, keys: tuple[str, ...]):
    return None if value is None else {k: value.get(k) for k in keys}


def _column(key: str, value):
    """A record field as the column stores it."""
    if key in ("actor", "recipient"):
        return [_project(p, STRUCT_KEYS["actor"]) for p in value or []]
    if key in STRUCT_KEYS:
        return _project(value, STRUCT_KEYS[key])
    if key == "context":
        return list(value or [])
    return value


def _field(obj, name: str):
    value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
    return clean_unicode(value)  # a lone surrogate would make DuckDB refuse the whole batch


def _date(value) -> dt.date | None:
    try:
        return parse_published(value)
    except ValueError:
        return None


class Store:
    """A DuckDB connection holding blocs' tables; use `open_store()` to get one."""

    def __init__(self, con: duckdb.DuckDBPyConnection, *, path: str, read_only: bool = False):
        self.con, self.path, self.read_only = con, path, read_only

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _create(self) -> None:
        docs = ", ".join(f'"{k}" {t}' for k, t in DOCUMENT_COLUMNS.items())
        events = ", ".join(f'"{k}" {t}' for k, t in EVENT_COLUMNS.items())
        self.con.execute(f"""BEGIN TRANSACTION;
            CREATE TABLE IF NOT EXISTS documents ({docs});
            CREATE TABLE IF NOT EXISTS events ({events}, extra VARCHAR);
            CREATE TABLE IF NOT EXISTS blocs_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
            INSERT OR REPLACE INTO blocs_meta VALUES ('schema_version', '{SCHEMA_VERSION}');
            {DYADS_VIEW}; COMMIT""")

    def done_ids(self, coder_version: str) -> set[str]:
        """Ids of documents already coded by this coder version (what a re-run skips)."""
        rows = self.con.execute("SELECT id FROM documents WHERE status = 'coded' AND "
                                "coder_version = ?", [coder_version]).fetchall()
        return {r[0] for r in rows}

    def save_batch(self, results: Iterable[tuple], coder_version: str) -> int:
        """Write (document, events | None, error | None) triples in one transaction.

        Each document's old row and events are replaced; either the whole batch is
        written or, on any error (including one raised by `results`), nothing is.
        A later duplicate of a document id in the batch wins. Returns events written.
        """
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        docs: dict[str, list] = {}
        per_doc: dict[str, list[dict]] = {}
        self.con.execute("BEGIN TRANSACTION")
        try:
            for document, evs, error in results:
                doc_id = str(_field(document, "id"))
                docs[doc_id] = [doc_id, _field(document, "title"),
                                _date(_field(document, "published")), _field(document, "url"),
                                _field(document, "source"), _field(document, "text"),
                                "failed" if error else "coded", error, now, coder_version]
                per_doc[doc_id] = [] if error else [{**ev, "doc_id": doc_id} for ev in evs or []]
            events: dict[str, dict] = {}
            for ev in itertools.chain.from_iterable(per_doc.values()):
                events.setdefault(str(ev["id"]), ev)
            if docs:
                self._write(docs, events)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return len(events)

    def _write(self, docs: dict[str, list], events: dict[str, dict]) -> None:
        ids, ev_ids = list(docs), list(events)
        self.con.execute("DELETE FROM events WHERE doc_id IN (SELECT unnest($1::VARCHAR[])) "
                         "OR id IN (SELECT unnest($2::VARCHAR[]))", [ids, ev_ids])
        self.con.execute("DELETE FROM documents WHERE id IN (SELECT unnest($1::VARCHAR[]))",
                         [ids])
        self._insert("documents", DOCUMENT_COLUMNS, [list(c) for c in zip(*docs.values(),
                                                                          strict=True)])
        if not events:
            return
        columns = [[_column(k, ev.get(k)) for ev in events.values()] for k in EVENT_COLUMNS]
        columns.append([json.dumps({k: v for k, v in ev.items() if k not in EVENT_COLUMNS},
                                   ensure_ascii=False, default=str) for ev in events.values()])
        self._insert("events", {**EVENT_COLUMNS, "extra": "VARCHAR"}, columns)

    def _insert(self, table: str, schema: dict[str, str], columns: list[list]) -> None:
        types = [t.split(" PRIMARY")[0].split(" NOT NULL")[0] for t in schema.values()]
        batch = _arrow_batch(types, columns)
        if batch is not None:
            # One statement per batch from an Arrow table (DuckDB reads it in place, ~5x
            # faster than binding Python lists of dicts), each column cast to its type.
            name = f"blocs_batch_{table}"
            self.con.register(name, batch)
            try:
                select = ", ".join(f"CAST(c{i} AS {t})" for i, t in enumerate(types, 1))
                self.con.execute(f"INSERT INTO {table} SELECT {select} FROM {name}")
            finally:
                self.con.unregister(name)
            return
        # Values Arrow does not take as typed: each column as a typed list, unnested in
        # lockstep (DuckDB converts or refuses them).
        select = ", ".join(f"unnest(${i}::{t}[])" for i, t in enumerate(types, 1))
        self.con.execute(f"INSERT INTO {table} SELECT {select}", columns)

    def events(self, *, actor: str | None = None, recipient: str | None = None,
               type: str | None = None, since: str | None = None, until: str | None = None,
               status: str | None = None, grep: str | None = None,
               limit: int | None = None) -> list[dict]:
        """Event records (DESIGN.md shape) matching every filter given.

        actor/recipient: a country (ISO3) or actor id among the event's actors/recipients;
        type: PLOVER type; since/until: ISO dates, inclusive; status: asserted, negated…;
        grep: case-insensitive text of the sentence. Ordered by date, document, offset.
        """
        where, params = [], []
        for role, value in (("actor", actor), ("recipient", recipient)):
            if value:
                where.append(f"EXISTS (SELECT 1 FROM unnest(e.{role}) AS u(p) "
                             "WHERE upper(p.country) = ? OR upper(p.id) = ?)")
                params += [value.upper(), value.upper()]
        if type:
            where.append("upper(e.event) = ?")
            params.append(type.upper())
        for op, value in ((">=", since), ("<=", until)):
            if value:
                where.append(f"e.date {op} ?")
                params.append(parse_published(value))
        if status:
            where.append("lower(e.status) = ?")
            params.append(status.lower())
        if grep:
            where.append("strpos(lower(e.text), ?) > 0")
            params.append(grep.lower())
        sql = ("SELECT * FROM events e" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY e.date NULLS LAST, e.doc_id, e.trigger.start, e.id")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return records(self.con.execute(sql, params))

    def summary(self) -> dict:
        """Counts: documents by status, events by type and status, dates, coder versions."""
        def count(column: str, table: str) -> dict:
            return dict(self.con.execute(f"SELECT {column}, count(*) FROM {table} GROUP BY 1 "
                                         "ORDER BY 2 DESC, 1").fetchall())

        docs, one = count("status", "documents"), self.con.execute
        first, last = one("SELECT min(date), max(date) FROM events").fetchone()
        return {"documents": sum(docs.values()), "coded": docs.get("coded", 0),
                "failed": docs.get("failed", 0),
                "events": one("SELECT count(*) FROM events").fetchone()[0],
                "dyads": one("SELECT count(*) FROM dyads").fetchone()[0],
                "by_type": count("event", "events"), "by_status": count("status", "events"),
                "first_date": first.isoformat() if first else None,
                "last_date": last.isoformat() if last else None,
                "coder_versions": count("coder_version", "documents")}


def _connect(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """duckdb.connect, retrying for up to `wait` seconds while another process holds the
    file's lock (an explorer's idle read-only connection closes within seconds)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            if "lock" not in str(exc).lower():
                raise StoreError(f"cannot open database {path}: {_first_line(exc)}"
                                 ) from exc
            if time.monotonic() >= deadline:
                raise StoreError(f"database {path} is locked by another process (a running "
                                 "blocs ingest, or blocs serve for a few seconds after a "
                                 f"page); try again when it ends: {_first_line(exc)}"
                                 ) from exc
            time.sleep(0.2)


def open_store(path: str | Path = ":memory:", *, read_only: bool = False,
               wait: float = 0.0) -> Store:
    """Open (creating if needed) a blocs DuckDB file, or an in-memory one for ':memory:'.

    read_only opens an existing file for queries; StoreError when it is missing, locked
    by another process (after retrying for `wait` seconds), not a DuckDB file, or lacks
    blocs' tables.
    """
    path, memory = str(path), str(path) == ":memory:"
    if not memory and read_only and not Path(path).is_file():
        raise StoreError(f"no database at {path} (create one with blocs ingest)")
    if not memory and Path(path).is_dir():
        raise StoreError(f"database path is a directory: {path}")
    con = _connect(path, read_only and not memory, wait)
    store = Store(con, path=path, read_only=read_only)
    try:
        if read_only and not memory:
            tables = {r[0] for r in con.execute("SELECT table_name FROM "
                                                "information_schema.tables").fetchall()}
            if not {"documents", "events"} <= tables:
                raise StoreError(f"{path} is not a blocs database (no events table)")
        else:
            store._create()
    except (duckdb.Error, StoreError) as exc:
        con.close()
        if isinstance(exc, StoreError):
            raise
        raise StoreError(f"cannot use database {path}: {_first_line(exc)}") from exc
    return store


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


__all__ = ["Store", "StoreError", "open_store", "coder_version"]
