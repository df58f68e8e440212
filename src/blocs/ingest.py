"""Resumable ingest: read documents, code what the store lacks, commit batch by batch.

    summary = ingest(["corpus/"], db="blocs.duckdb", processes=4)
    print(summary.line())   # coded 980, skipped 0, failed 20, events 4211 in 61.2 s (16.0 docs/s)

Every batch is one transaction (store.save_batch), so a kill at any moment loses only the
batch in flight, and a re-run skips what is already coded by this coder version. With
processes > 1 each worker (spawned) loads the pipeline once and sends back plain records.
"""

from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from blocs.documents import JSONL_SUFFIXES, TEXT_SUFFIXES, ReadError, parse_published, read
from blocs.store import Store, coder_version, open_store
from blocs.types import Document

MAX_ERRORS = 100  # failures kept on the summary (all are in the documents table)
LOCK_WAIT_S = 15.0  # how long to wait for a database another process holds


@dataclass
class IngestSummary:
    coded: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (document id, error)

    @property
    def docs_per_second(self) -> float:
        return (self.coded + self.failed) / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        return (f"coded {self.coded}, skipped {self.skipped}, failed {self.failed}, "
                f"events {self.events} in {self.seconds:.1f} s "
                f"({self.docs_per_second:.1f} docs/s)")


# --- worker side: one pipeline per process, plain records out ------------------------

_NLP = None


def _exit_with_parent() -> None:
    """A worker whose parent was killed (-9) exits instead of waiting forever."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        def watch() -> None:
            multiprocessing.connection.wait([parent.sentinel])
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()


def _init_worker(actors_files: tuple[str, ...]) -> None:
    global _NLP
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _exit_with_parent()
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # one core per worker: no BLAS oversubscription
    from blocs.pipeline import load

    _NLP = load(actors_files=actors_files)


def _code(nlp, documents: list[Document], published: str | None) -> list[tuple]:
    from blocs.pipeline import process

    return [(events, error) for _, events, error in process(nlp, documents,
                                                            published=published)]


def _code_chunk(documents: list[Document], published: str | None) -> list[tuple]:
    return _code(_NLP, documents, published)


# --- parent side ---------------------------------------------------------------------

def _failed_row(item: ReadError) -> tuple[dict, None, str]:
    doc_id = item.id or item.source
    error = item.error if doc_id == item.source else f"{item.source}: {item.error}"
    return {"id": doc_id}, None, error


def _items(paths: Iterable[str], published: str | None, done: set[str],
           summary: IngestSummary, bar) -> Iterator[Document | tuple]:
    """Documents to code, and failed rows for what could not be read; skips the rest."""
    seen: set[str] = set()
    for item in read(paths, published=published):
        if isinstance(item, ReadError):
            yield _failed_row(item)
            continue
        if item.id in done or item.id in seen:  # coded already, or repeated in this run
            summary.skipped += 1
            if bar is not None:
                bar.update(1)
            continue
        seen.add(item.id)
        yield item


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _merge(chunk: list, coded: list[tuple]) -> list[tuple]:
    """(document, events, error) for the chunk, coded results in document order."""
    it = iter(coded)
    return [(item, *next(it)) if isinstance(item, Document) else item for item in chunk]


def count_documents(paths: Iterable[str]) -> int | None:
    """About how many documents the paths hold (for a progress total); None for stdin."""
    n = 0
    for p in paths:
        if p == "-":
            return None
        path = Path(p)
        files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower()
                       in TEXT_SUFFIXES | JSONL_SUFFIXES) if path.is_dir() else [path]
        for f in files:
            if f.suffix.lower() not in JSONL_SUFFIXES:
                n += 1
                continue
            try:
                with f.open("rb") as fh:
                    n += sum(1 for line in fh if line.strip())
            except OSError:
                n += 1
    return n


def _progress_bar(paths: list[str], progress: bool | None, silent: bool):
    if silent or progress is False or (progress is None and not sys.stderr.isatty()):
        return None
    from tqdm import tqdm

    return tqdm(total=count_documents(paths), unit="doc", dynamic_ncols=True,
                smoothing=0.1, file=sys.stderr)


def ingest(paths: Iterable[str] | str, *, db: str | Path | Store, published: str | None = None,
           processes: int = 1, batch_size: int = 64, recode: bool = False,
           silent: bool = False, progress: bool | None = None,
           actors_files: tuple[str, ...] = (), nlp=None,
           on_batch: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Code documents into the store at `db` (a path, ':memory:' or an open Store).

    Skips ids already coded by this coder version (unless recode); a document that
    cannot be read or coded becomes a 'failed' row with its error. Each batch of
    `batch_size` documents is one transaction; with processes > 1, workers are spawned
    (a script calling this needs the `if __name__ == "__main__":` guard). progress: None
    shows a bar on a TTY, True/False force it (silent=True always hides it). `nlp`: an
    already-loaded pipeline for processes=1 (workers always load their own).
    on_batch: called with the running summary after each batch is committed.
    ValueError on a bad `published`; StoreError when the database cannot be opened;
    ModelMissing without a model.
    """
    start = time.perf_counter()
    paths = [paths] if isinstance(paths, str) else list(paths)
    if published is not None:
        parse_published(published)
    if processes < 1 or batch_size < 1:
        raise ValueError("processes and batch_size must be at least 1")
    actors_files = tuple(actors_files)
    version = coder_version(actors_files)
    # An explorer's read-only connection closes after 5 s idle: wait for it.
    store = db if isinstance(db, Store) else open_store(db, wait=LOCK_WAIT_S)
    summary = IngestSummary()
    bar = _progress_bar(paths, progress, silent)

    def save(results: list[tuple]) -> None:
        summary.events += store.save_batch(results, version)
        for document, _, error in results:
            if error:
                summary.failed += 1
                if len(summary.errors) < MAX_ERRORS:
                    doc_id = document["id"] if isinstance(document, dict) else document.id
                    summary.errors.append((str(doc_id), error))
            else:
                summary.coded += 1
        if bar is not None:
            bar.update(len(results))
            bar.set_postfix(failed=summary.failed, events=summary.events, refresh=False)
        if on_batch is not None:
            on_batch(summary)

    try:
        done = set() if recode else store.done_ids(version)
        chunks = _chunks(_items(paths, published, done, summary, bar), batch_size)
        if processes == 1:
            _run_here(chunks, save, published, actors_files, nlp)
        else:
            _run_pool(chunks, save, published, actors_files, processes, nlp)
    finally:
        if bar is not None:
            bar.close()
        if not isinstance(db, Store):
            store.close()
    summary.seconds = time.perf_counter() - start
    return summary


def _run_here(chunks: Iterator[list], save, published, actors_files, nlp=None) -> None:
    for chunk in chunks:
        documents = [x for x in chunk if isinstance(x, Document)]
        if documents and nlp is None:
            from blocs.pipeline import load

            nlp = load(actors_files=actors_files)  # loaded only when there is work
        save(_merge(chunk, _code(nlp, documents, published) if documents else []))


WORKER_DIED = "worker process died while coding this document (killed, or out of memory)"


def _pool(processes: int, actors_files) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(actors_files,))


def _run_pool(chunks: Iterator[list], save, published, actors_files, processes: int,
              nlp=None) -> None:
    """Chunks coded by `processes` spawned workers; results saved in completion order.

    A worker that dies (killed, out of memory) breaks the pool: the batches in flight are
    coded again one document at a time in a separate worker, so the document that kills
    it is found and recorded as failed, the others are coded, and a new pool goes on.
    """
    from blocs.pipeline import model_name

    first = [c for _, c in zip(range(processes), chunks, strict=False)]
    if len(first) < 2:  # one batch of work: not worth starting workers
        return _run_here(iter(first), save, published, actors_files, nlp)
    model_name()  # fail here, not in every worker, when no model is installed
    # Fewer chunks than processes means that is all the work: start no idle workers.
    size = len(first)
    pool = _pool(size, actors_files)
    inflight: dict = {}
    broken = False

    def collect(block_until: int) -> None:
        nonlocal broken
        while len(inflight) > block_until:
            finished, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
            for future in finished:
                chunk = inflight.pop(future)
                try:
                    coded = future.result()
                except BrokenProcessPool:
                    broken = True
                    save(_isolate(chunk, published, actors_files))
                    continue
                save(_merge(chunk, coded))

    try:
        for chunk in itertools.chain(first, chunks):
            documents = [x for x in chunk if isinstance(x, Document)]
            if not documents:
                save(chunk)
                continue
            collect(2 * processes - 1)  # bounded: the reader never runs far ahead
            future = None
            try:
                if not broken:
                    future = pool.submit(_code_chunk, documents, published)
            except BrokenProcessPool:  # it broke since the last look
                broken = True
            if future is None:
                collect(0)  # the rest of the broken pool's batches first
                pool.shutdown(wait=False, cancel_futures=True)
                pool, broken = _pool(size, actors_files), False
                future = pool.submit(_code_chunk, documents, published)
            inflight[future] = chunk
        collect(0)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=not broken, cancel_futures=broken)


def _isolate(chunk: list, published, actors_files) -> list[tuple]:
    """A batch whose worker died, coded one document at a time in a worker of its own:
    the document that kills it again is recorded as failed."""
    out: list[tuple] = []
    single = _pool(1, actors_files)
    try:
        for item in chunk:
            if not isinstance(item, Document):
                out.append(item)
                continue
            try:
                (events, error), = single.submit(_code_chunk, [item], published).result()
            except BrokenProcessPool:
                single.shutdown(wait=False, cancel_futures=True)
                single = _pool(1, actors_files)
                events, error = None, WORKER_DIED
            out.append((item, events, error))
    finally:
        single.shutdown(wait=False, cancel_futures=True)
    return out


__all__ = ["IngestSummary", "count_documents", "ingest"]
