"""Ingest into DuckDB against spaCy's bare pipeline, on a generated corpus, in one run.

    python benchmarks/ingest.py [--docs 2000] [--processes 1] [--rounds 20]
    python benchmarks/ingest.py --memory 10000 [--processes 2]     # peak RSS, ~15 min

Documents come from blocs.corpus (`python -m blocs.corpus N OUT`, seed 0 by default), written
to a JSONL file first. Both sides get the same documents and the same process count:

- "spaCy bare" is the model alone (tok2vec, tagger, parser, lemmatizer, NER) over the texts,
  already in memory (`nlp.pipe` in batches of 32 as blocs runs it, with `n_process` when
  processes > 1);
- "blocs" is `blocs.ingest.ingest` end to end into a fresh DuckDB file: reading the JSONL,
  the full pipeline (model + clean, actors, time, places, events) and writing documents and
  events, one transaction per batch.

With one process the corpus is cut into `--rounds` slices and the two sides take turns on
each slice (first one, then the other, alternately), so a busy machine slows both alike;
every slice goes into the same database, opened once (opening and closing it count).
Models are loaded before the clock starts. With processes > 1 each side runs once over the
whole corpus, and ingest's timing includes starting its workers (each loads the pipeline),
spaCy's does not (it forks).

The projection is 730,000 articles at the measured blocs rate, with this process count on
this machine. `--memory N` ingests N generated documents in a child process (the `blocs
ingest` command) and reports its peak resident memory, the process and its workers
together, against the 2 GiB budget. Results are printed and written as JSON to
benchmarks/results/ (ingest.json, memory.json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from blocs.corpus import write_jsonl  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
PIPE_BATCH = 32  # nlp.pipe batch size; blocs.pipeline.process's default, used on both sides
ARTICLES = 730_000
MEMORY_BUDGET_MIB = 2048


def _read_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def _slices(path: Path, rounds: int, where: Path) -> list[tuple[Path, list[str]]]:
    """The corpus cut into `rounds` JSONL files of consecutive documents, with their texts."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    size = -(-len(lines) // rounds)
    out = []
    for k in range(0, len(lines), size):
        part = where / f"slice-{k // size:02d}.jsonl"
        part.write_text("\n".join(lines[k:k + size]) + "\n", encoding="utf-8")
        out.append((part, [json.loads(line)["text"] for line in lines[k:k + size]]))
    return out


def _bare(nlp, texts: list[str], processes: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process)."""
    t0, c0 = time.perf_counter(), time.process_time()
    kw = {"n_process": processes} if processes > 1 else {}
    for _ in nlp.pipe(texts, batch_size=PIPE_BATCH, **kw):
        pass
    return time.perf_counter() - t0, time.process_time() - c0


def _ingest(paths: list[Path], db, processes: int, batch_size: int, nlp):
    """(wall seconds, CPU seconds of this process, IngestSummary); db: a path or a Store."""
    from blocs.ingest import ingest

    t0, c0 = time.perf_counter(), time.process_time()
    summary = ingest([str(p) for p in paths], db=db, processes=processes,
                     batch_size=batch_size, silent=True, nlp=nlp if processes == 1 else None)
    return time.perf_counter() - t0, time.process_time() - c0, summary


def _fmt_duration(seconds: float) -> str:
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    return (f"{int(days)} d {int(hours)} h" if days else
            f"{int(hours)} h {int(rest // 60)} min")


def throughput(args) -> dict:
    from blocs.pipeline import load, load_bare

    with tempfile.TemporaryDirectory(prefix="blocs-bench-") as tmp:
        where = Path(tmp)
        corpus = where / "corpus.jsonl"
        t0 = time.perf_counter()
        write_jsonl(corpus, args.docs, seed=args.seed)
        gen_s = time.perf_counter() - t0
        rounds = max(1, min(args.rounds if args.processes == 1 else 1, args.docs))
        slices = _slices(corpus, rounds, where)
        texts = [t for _, ts in slices for t in ts]
        t0 = time.perf_counter()
        bare = load_bare()
        bare_load = time.perf_counter() - t0
        t0 = time.perf_counter()
        full = load() if args.processes == 1 else None
        full_load = time.perf_counter() - t0
        # Warm both up on other documents (lazy tables, the gazetteer), into a scratch db.
        warm = where / "warm.jsonl"
        write_jsonl(warm, 8, seed=args.seed + 1)
        _bare(bare, _read_texts(warm), 1)
        if full is not None:
            _ingest([warm], where / "warm.duckdb", 1, args.batch_size, full)
        from blocs.store import open_store

        db = where / "bench.duckdb"
        bare_s = blocs_s = bare_cpu = blocs_cpu = 0.0
        summaries = []
        # One store for all slices, as one ingest run has: opening and closing it count.
        t0, c0 = time.perf_counter(), time.process_time()
        store = open_store(db)
        blocs_s, blocs_cpu = time.perf_counter() - t0, time.process_time() - c0
        for k, (part, part_texts) in enumerate(slices):
            order = ("bare", "blocs") if k % 2 == 0 else ("blocs", "bare")
            for side in order:
                if side == "bare":
                    seconds, cpu = _bare(bare, part_texts, args.processes)
                    bare_s, bare_cpu = bare_s + seconds, bare_cpu + cpu
                else:
                    seconds, cpu, summary = _ingest([part], store, args.processes,
                                                    args.batch_size, full)
                    blocs_s, blocs_cpu = blocs_s + seconds, blocs_cpu + cpu
                    summaries.append(summary)
        t0, c0 = time.perf_counter(), time.process_time()
        store.close()
        blocs_s += time.perf_counter() - t0
        blocs_cpu += time.process_time() - c0
        db_mib = db.stat().st_size / 2**20
    coded = sum(s.coded for s in summaries)
    failed = sum(s.failed for s in summaries)
    bare_rate, blocs_rate = len(texts) / bare_s, (coded + failed) / blocs_s
    projection = ARTICLES / blocs_rate
    return {
        "benchmark": "ingest", "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "documents": len(texts), "characters": sum(map(len, texts)), "seed": args.seed,
        "processes": args.processes, "batch_size": args.batch_size, "rounds": len(slices),
        "coded": coded, "failed": failed, "events": sum(s.events for s in summaries),
        "database_mib": round(db_mib, 1),
        "spacy_bare_docs_per_s": round(bare_rate, 2), "blocs_ingest_docs_per_s": round(
            blocs_rate, 2), "ratio": round(bare_s / blocs_s, 3), "target_ratio": 0.85,
        # CPU time of this process (one process only; DuckDB's threads count for blocs):
        # what a machine busy with other work disturbs least
        "ratio_cpu": round(bare_cpu / blocs_cpu, 3) if args.processes == 1 else None,
        "seconds": {"spacy_bare": round(bare_s, 1), "blocs_ingest": round(blocs_s, 1),
                    "generate_corpus": round(gen_s, 1)},
        "cpu_seconds": {"spacy_bare": round(bare_cpu, 1), "blocs_ingest": round(blocs_cpu, 1)},
        "load_s": {"spacy_bare": round(bare_load, 2), "blocs": round(full_load, 2)},
        "projection_730k": {"articles": ARTICLES, "seconds": round(projection),
                            "hours": round(projection / 3600, 1),
                            "text": _fmt_duration(projection)},
    }


class _PeakRSS:
    """Samples the resident memory of a process and all its descendants (psutil)."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        self.pid, self.every, self.peak, self.peak_processes = pid, every, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            import psutil
        except ImportError:  # getrusage still gives the largest single process
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            total = 0
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            if total > self.peak:
                self.peak, self.peak_processes = total, len(procs)
            self._stop.wait(self.every)


def memory(args) -> dict:
    with tempfile.TemporaryDirectory(prefix="blocs-mem-") as tmp:
        corpus, db = Path(tmp) / "corpus.jsonl", Path(tmp) / "mem.duckdb"
        write_jsonl(corpus, args.memory, seed=args.seed)
        cmd = [sys.executable, "-m", "blocs.cli", "ingest", str(corpus), "--db", str(db),
               "--processes", str(args.processes), "--batch-size", str(args.batch_size),
               "--silent"]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])}
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        with _PeakRSS(proc.pid) as sampler:
            out, err = proc.communicate()
        seconds = time.perf_counter() - t0
        db_mib = db.stat().st_size / 2**20 if db.exists() else 0.0
    # ru_maxrss (KiB on Linux): the largest single descendant waited for, not their sum
    single = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    peak = sampler.peak / 2**20 if sampler.peak else single
    return {
        "benchmark": "memory", "when": dt.datetime.now().isoformat(timespec="seconds"),
        "documents": args.memory, "seed": args.seed, "processes": args.processes,
        "batch_size": args.batch_size, "exit_code": proc.returncode,
        "summary": (out.strip().splitlines() or [""])[-1], "stderr_tail": err[-500:],
        "seconds": round(seconds, 1), "database_mib": round(db_mib, 1),
        "peak_rss_mib": round(peak, 1), "peak_rss_processes": sampler.peak_processes,
        "max_rss_single_process_mib": round(single, 1),
        "budget_mib": MEMORY_BUDGET_MIB, "within_budget": peak < MEMORY_BUDGET_MIB,
    }


def _write(result: dict, name: str) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / name
    path.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=64,
                    help="documents per ingest transaction (blocs ingest --batch-size)")
    ap.add_argument("--rounds", type=int, default=20,
                    help="slices the two sides take turns on (one process only)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--memory", type=int, metavar="N",
                    help="instead: peak RSS of ingesting N generated documents")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args()
    if args.docs < 1 or args.processes < 1 or args.batch_size < 1:
        ap.error("--docs, --processes and --batch-size must be at least 1")
    if args.memory is not None:
        result = memory(args)
        path = _write(result, "memory.json")
        if args.json:
            print(json.dumps(result))
        else:
            print(f"ingest of {result['documents']} generated documents, "
                  f"{result['processes']} process(es): {result['summary']}")
            print(f"peak RSS            : {result['peak_rss_mib']:8.1f} MiB "
                  f"({result['peak_rss_processes']} processes together; budget "
                  f"{MEMORY_BUDGET_MIB} MiB: {'ok' if result['within_budget'] else 'OVER'})")
            print(f"largest one process : {result['max_rss_single_process_mib']:8.1f} MiB")
            print(f"written to {path.relative_to(ROOT)}")
        sys.exit(0 if result["within_budget"] and result["exit_code"] == 0 else 1)
    result = throughput(args)
    path = _write(result, "ingest.json")
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['documents']} generated documents, {result['characters']} characters, "
          f"{result['events']} events, {result['processes']} process(es), "
          f"{result['rounds']} round(s)")
    print(f"spaCy bare pipeline : {result['spacy_bare_docs_per_s']:8.1f} docs/s")
    print(f"blocs ingest DuckDB : {result['blocs_ingest_docs_per_s']:8.1f} docs/s "
          f"(coded {result['coded']}, failed {result['failed']}, "
          f"{result['database_mib']} MiB)")
    cpu = f", CPU time: {result['ratio_cpu']:.3f}" if result["ratio_cpu"] else ""
    print(f"ratio blocs / bare  : {result['ratio']:.3f} (target 0.85{cpu})")
    p = result["projection_730k"]
    print(f"730,000 articles    : {p['text']} at this rate "
          f"({result['processes']} process(es), {result['machine']['cpus']} CPUs here)")
    print(f"written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
