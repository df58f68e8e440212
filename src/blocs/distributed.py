"""The Dask path: code documents on a dask.distributed cluster into a Parquet dataset.

    summary = code_dask(["big.jsonl"], out=Path("events/"), address="local", n_workers=8)
    rows = query_parquet("events/", actor="IRN", type="ASSAULT", since="2024-01-01")

The client reads the input and cuts it into partitions of `partition_size` documents in
input order: partition k always holds the same documents for the same input, so a re-run
skips every partition whose file is already there (resume). One task codes one partition:
the worker loads the blocs pipeline once, on its first task, and keeps it in a per-process
cache for every later one, then writes

    out/part-00000.parquet             the event records (one row per event)
    out/documents/part-00000.parquet   one row per document: id, status ("ok" | "error"),
                                       error, n_events, title, published, url, source

each to a temporary name first and renamed into place, the documents file before the
events file, so the events file doubles as the partition's "done" marker and a failed task
leaves no partial file behind. Workers write to `out` themselves: on a multi-machine
cluster it must be a path every worker sees (shared filesystem).

`address="local"` starts worker processes with multiprocessing's spawn method, which
re-imports the calling script: call code_dask from under `if __name__ == "__main__":`
(console scripts such as `blocs` already are).

Columns follow the JSONL event record (DESIGN.md): actor and recipient are lists of structs,
time, location, trigger and text_info structs, context a list of strings, date an ISO string.
Keys a record carries beyond that schema are kept as JSON in an `extra` column and merged
back by `query_parquet`, so records round-trip exactly. DuckDB queries the files in place.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from blocs.documents import ReadError, read
from blocs.types import Document

# --------------------------------------------------------------------------- schema

_SPAN = [("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())]
ACTOR = pa.struct(_SPAN + [("country", pa.string()), ("sector", pa.string()),
                           ("id", pa.string()), ("name", pa.string())])
LOCATION = pa.struct(_SPAN + [("name", pa.string()), ("country", pa.string()),
                              ("lat", pa.float64()), ("lon", pa.float64()),
                              ("geonameid", pa.int64())])
EVENTS = pa.schema([
    ("id", pa.string()), ("doc_id", pa.string()), ("event", pa.string()),
    ("mode", pa.string()), ("context", pa.list_(pa.string())), ("status", pa.string()),
    ("actor", pa.list_(ACTOR)), ("recipient", pa.list_(ACTOR)),
    ("date", pa.string()), ("date_precision", pa.string()),
    ("time", pa.struct(_SPAN)), ("location", LOCATION),
    ("cameo", pa.string()), ("quad_class", pa.int64()), ("goldstein", pa.float64()),
    ("plover_score", pa.float64()), ("trigger", pa.struct(_SPAN)), ("text", pa.string()),
    ("text_info", pa.struct([("sentence", pa.int64()), ("start", pa.int64()),
                             ("end", pa.int64())])),
    ("confidence", pa.float64()),
    ("extra", pa.string()),  # JSON of keys outside this schema, else null
])
RECORD_FIELDS = [f.name for f in EVENTS if f.name != "extra"]
DOCUMENTS = pa.schema([
    ("id", pa.string()), ("status", pa.string()), ("error", pa.string()),
    ("n_events", pa.int64()), ("title", pa.string()), ("published", pa.string()),
    ("url", pa.string()), ("source", pa.string()), ("partition", pa.int64()),
    ("coder_version", pa.string()),
])


def _coder_version() -> str:
    from blocs import __version__

    return __version__


def _events_table(records: list[dict]) -> pa.Table:
    rows = []
    for rec in records:
        row = {k: rec.get(k) for k in RECORD_FIELDS}
        extra = {k: v for k, v in rec.items() if k not in row}
        row["extra"] = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=EVENTS)


# --------------------------------------------------------------------------- worker side

_PIPELINES: dict[tuple, object] = {}


def _pipeline(model: str | None = None, actors_files: tuple[str, ...] = ()):
    """The blocs pipeline of this worker process, loaded on first use and kept."""
    key = (model, tuple(actors_files))
    if key not in _PIPELINES:
        from blocs.pipeline import load

        _PIPELINES[key] = load(model=model, actors_files=tuple(actors_files))
    return _PIPELINES[key]


def _write_atomic(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def code_partition(index: int, items: list, out: str, published: str | None = None,
                   model: str | None = None, actors_files: tuple[str, ...] = ()) -> dict:
    """Code one partition (Documents and ReadErrors) and write its two Parquet files.

    Runs on a worker; returns counts for the client's summary."""
    from blocs.pipeline import process

    t0, cpu0 = time.perf_counter(), time.process_time()
    nlp = _pipeline(model, actors_files)
    version = _coder_version()
    documents = [d for d in items if isinstance(d, Document)]
    rows: dict[int, dict] = {}  # keyed by the item's identity, written back in input order
    for item in items:
        if isinstance(item, ReadError):
            rows[id(item)] = {"id": item.id or item.source, "status": "error",
                              "error": f"read: {item.error}", "n_events": 0,
                              "source": item.source, "partition": index,
                              "coder_version": version}
    events: list[dict] = []
    for document, recs, error in process(nlp, documents, published=published):
        rows[id(document)] = {
            "id": document.id, "status": "error" if error else "ok", "error": error,
            "n_events": len(recs or []), "title": document.title,
            "published": document.published, "url": document.url,
            "source": document.source, "partition": index, "coder_version": version}
        events.extend(recs or [])
    doc_rows = [rows[id(item)] for item in items]
    base = Path(out)
    _write_atomic(pa.Table.from_pylist(doc_rows, schema=DOCUMENTS),
                  base / "documents" / part_name(index))
    _write_atomic(_events_table(events), base / part_name(index))  # last: the done marker
    return {"partition": index, "documents": len(items), "events": len(events),
            "errors": sum(r["status"] == "error" for r in doc_rows),
            "seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - cpu0}


# --------------------------------------------------------------------------- client side

@dataclass
class DaskSummary:
    """What one code_dask run did. A run with `failed` partitions is incomplete: run again."""

    out: Path
    partitions: int = 0  # partitions in the input
    coded: int = 0  # partitions coded by this run
    skipped: int = 0  # partitions already on disk (resume)
    failed: dict[int, str] = field(default_factory=dict)  # partition → task error
    documents: int = 0  # documents in the partitions coded by this run
    events: int = 0
    errors: int = 0  # documents that failed (read or coding) in this run
    seconds: float = 0.0  # wall time of this run, cluster start included
    task_seconds: float = 0.0  # wall time inside the partition tasks, summed over workers
    cpu_seconds: float = 0.0  # CPU time of the partition tasks, summed over workers

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def _items(documents_or_paths, published: str | None) -> Iterator[Document | ReadError]:
    if isinstance(documents_or_paths, str | Path):
        documents_or_paths = [documents_or_paths]
    paths: list[str] = []
    for item in documents_or_paths:
        if isinstance(item, Document | ReadError):
            if paths:
                yield from read(paths, published=published)
                paths = []
            yield item
        else:
            paths.append(str(item))
    if paths:
        yield from read(paths, published=published)


def _partitions(items: Iterable, size: int) -> Iterator[tuple[int, list]]:
    chunk: list = []
    index = 0
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield index, chunk
            index, chunk = index + 1, []
    if chunk:
        yield index, chunk


def _item_id(item) -> str:
    return item.id if isinstance(item, Document) else (item.id or item.source)


def _check_resumed(out: Path, index: int, chunk: list) -> None:
    """A partition on disk must hold the same documents as this run's partition."""
    docs_file = out / "documents" / part_name(index)
    if not docs_file.exists():
        return
    on_disk = pq.read_table(docs_file, columns=["id"]).column("id").to_pylist()
    if sorted(on_disk) != sorted(_item_id(i) for i in chunk):
        raise ValueError(f"{out / part_name(index)} holds other documents than this input's "
                         f"partition {index}: the input or partition_size changed; use a new "
                         "output directory")


class _Session:
    """The Dask client for one run: started on first use, closed by whoever opened it."""

    def __init__(self, address, n_workers: int) -> None:
        self.address, self.n_workers = address, n_workers
        self.client = self.cluster = None
        self.own = False

    def connect(self):
        import dask
        from distributed import Client, LocalCluster

        if self.client is None:
            if isinstance(self.address, str) and self.address == "local":
                # Dask's statistical profiler walks the workers' deep spaCy stacks every
                # 10 ms: about a fifth of a worker's CPU time here, so it is off.
                with dask.config.set({"distributed.worker.profile.enabled": False}):
                    self.cluster = LocalCluster(n_workers=self.n_workers, threads_per_worker=1,
                                                processes=True, dashboard_address=":0",
                                                silence_logs=logging.ERROR)
                self.client, self.own = Client(self.cluster), True
            elif isinstance(self.address, str):
                self.client, self.own = Client(self.address), True
            else:
                self.client = self.address  # an existing Client: used, left open
            self.client.wait_for_workers(1)
        return self.client

    def close(self) -> None:
        if self.own and self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def code_dask(documents_or_paths, *, out: Path, address="local", n_workers: int = 2,
              partition_size: int = 200, published: str | None = None,
              model: str | None = None, actors_files: tuple[str, ...] = (),
              max_pending: int | None = None) -> DaskSummary:
    """Code documents (Documents, ReadErrors, or paths the readers accept) on Dask.

    address: "local" starts a LocalCluster of `n_workers` single-threaded processes for this
    call; a scheduler address ("tcp://host:8786") connects to a running cluster; an existing
    `distributed.Client` is used as is (and left open). At most `max_pending` partitions
    (default 2 per worker thread) are in flight, so the input is streamed, not loaded whole.
    A partition whose task fails is reported in `summary.failed` and has no file; re-running
    codes it (and only it) again.
    """
    from distributed import as_completed

    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    if published is not None:
        from blocs.documents import parse_published

        parse_published(published)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "documents").mkdir(exist_ok=True)
    summary = DaskSummary(out=out)
    t0 = time.perf_counter()

    session = _Session(address, n_workers)
    try:
        pending = None
        index_of: dict[str, int] = {}
        in_flight, limit = 0, 1

        def collect(future) -> None:
            index = index_of.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 — one bad partition never stops the rest
                summary.failed[index] = f"{type(exc).__name__}: {exc}"
                return
            summary.coded += 1
            summary.documents += result["documents"]
            summary.events += result["events"]
            summary.errors += result["errors"]
            summary.task_seconds += result["seconds"]
            summary.cpu_seconds += result["cpu_seconds"]

        for index, chunk in _partitions(_items(documents_or_paths, published), partition_size):
            summary.partitions += 1
            if (out / part_name(index)).exists():
                _check_resumed(out, index, chunk)
                summary.skipped += 1
                continue
            if pending is None:  # connect only once there is work (a finished run needs none)
                client = session.connect()
                limit = max_pending or 2 * (sum(client.nthreads().values()) or 1)
                pending = as_completed()
            future = client.submit(code_partition, index, chunk, str(out.resolve()), published,
                                   model, tuple(actors_files), pure=False,
                                   key=f"blocs-part-{index:05d}-{uuid.uuid4().hex[:8]}")
            index_of[future.key] = index
            pending.add(future)
            in_flight += 1
            while in_flight >= limit:
                collect(next(pending))
                in_flight -= 1
        for future in pending or ():
            collect(future)
    finally:
        session.close()
    summary.seconds = time.perf_counter() - t0
    return summary


# --------------------------------------------------------------------------- queries

def _as_list(value) -> list | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def query_parquet(out, *, actor=None, recipient=None, type=None, since=None, until=None,
                  status=None, limit: int | None = None) -> list[dict]:
    """Event records from a code_dask dataset, read in place by DuckDB, in input order.

    actor / recipient: a country code or actor id (or a list: any of them) that one of the
    event's actors / recipients carries; type: PLOVER type(s); since / until: ISO dates,
    inclusive, on the event date (events without a date are left out when either is given);
    status: status(es), e.g. "asserted". Records have the JSONL record's shape."""
    import duckdb

    out = Path(out)
    if not any(out.glob("*.parquet")):
        return []
    where: list[str] = []
    params: list = []

    def party(column: str, values) -> None:
        values = _as_list(values)
        if values:
            where.append(f"EXISTS (SELECT 1 FROM (SELECT unnest({column}) AS p) "
                         "WHERE p.country IN (SELECT unnest(?)) OR p.id IN (SELECT unnest(?)))")
            params.extend([values, values])

    party("actor", actor)
    party("recipient", recipient)
    for column, values in (("event", _as_list(type)), ("status", _as_list(status))):
        if values:
            where.append(f"{column} IN (SELECT unnest(?))")
            params.append(values)
    if since is not None:
        where.append("date >= ?")
        params.append(_iso(since))
    if until is not None:
        where.append("date <= ?")
        params.append(_iso(until))
    sql = (f"SELECT {', '.join(_quote(c) for c in RECORD_FIELDS)}, extra "
           f"FROM read_parquet(?, filename = true, file_row_number = true)"
           + (f" WHERE {' AND '.join(where)}" if where else "")
           + " ORDER BY length(filename), filename, file_row_number")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    con = duckdb.connect()
    try:
        cur = con.execute(sql, [str(out / "*.parquet"), *params])
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
    finally:
        con.close()
    records = []
    for row in rows:
        rec = dict(zip(names, row, strict=True))
        extra = rec.pop("extra")
        if extra:
            rec.update(json.loads(extra))
        records.append(rec)
    return records


def query_documents(out, *, status=None) -> list[dict]:
    """The documents table of a code_dask dataset (id, status, error, n_events, …)."""
    import duckdb

    files = Path(out) / "documents"
    if not any(files.glob("*.parquet")):
        return []
    sql = ("SELECT * EXCLUDE (filename, file_row_number) FROM read_parquet(?, filename = true, "
           "file_row_number = true)")
    params: list = [str(files / "*.parquet")]
    if status is not None:
        sql += " WHERE status IN (SELECT unnest(?))"
        params.append(_as_list(status))
    sql += " ORDER BY length(filename), filename, file_row_number"
    con = duckdb.connect()
    try:
        cur = con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    finally:
        con.close()


def _quote(name: str) -> str:
    return f'"{name}"'


__all__ = ["DaskSummary", "code_dask", "code_partition", "query_parquet", "query_documents",
           "EVENTS", "DOCUMENTS"]
