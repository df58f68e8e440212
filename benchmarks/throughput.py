"""End-to-end throughput of blocs against spaCy's bare pipeline, in one run.

    python benchmarks/throughput.py [--docs 300] [--repeat 3]

Both sides get the same documents (the examples and test articles, repeated under distinct
ids) in the same process, with the same nlp.pipe batch size. "spaCy bare" is the model
alone (tok2vec, tagger, parser, lemmatizer, NER) over the texts; "blocs" is
blocs.pipeline.process over the documents (make_doc with the document's id and date, the
full pipeline: model + clean, actors, time, places, events) and serialising every event
record to JSON. The sides take turns chunk by chunk (`--chunk` documents, who goes first
alternating), so bursts of other work on a shared machine hit both alike; `--repeat` passes
over all documents, and the rates are over all passes. The ratio blocs/bare is what
matters: it says how much of spaCy's speed blocs keeps. Shares: each component timed alone
over all documents, run as nlp.pipe runs it. The result is also written to
benchmarks/results/throughput.json; the generated-corpus benchmark with the DuckDB store is
benchmarks/ingest.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from blocs.documents import ReadError, read  # noqa: E402
from blocs.pipeline import load, load_bare, process  # noqa: E402

SOURCES = [ROOT / "examples", ROOT / "tests" / "data" / "articles"]
RESULTS = ROOT / "benchmarks" / "results"


def corpus(n: int) -> list:
    docs = [d for d in read([str(p) for p in SOURCES], published="2018-09-03")
            if not isinstance(d, ReadError)]
    out = []
    while len(out) < n:
        for d in docs:
            if len(out) == n:
                break
            # Distinct ids; same text is fine — neither side caches across documents.
            out.append(type(d)(**{**d.as_dict(), "id": f"{d.id}-{len(out)}"}))
    return out


def bench_bare(nlp, texts: list[str], batch_size: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process)."""
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - t0, time.process_time() - c0


def bench_blocs(nlp, documents: list, batch_size: int) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process, events)."""
    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for _, events, _ in process(nlp, documents, batch_size=batch_size):
        for ev in events or []:
            json.dumps(ev)
            n += 1
    return time.perf_counter() - t0, time.process_time() - c0, n


def component_shares(nlp, documents: list, batch_size: int) -> dict[str, float]:
    """Seconds per pipeline component over the documents, each component run as nlp.pipe
    runs it (its own .pipe over batches when it has one), one component at a time."""
    from blocs.pipeline import make_doc

    docs = [make_doc(nlp, d) for d in documents]
    out: dict[str, float] = {}
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(d) for d in docs]
        out[name] = time.perf_counter() - t0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--chunk", type=int, default=32,
                    help="documents per turn: the sides alternate chunk by chunk")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args()
    documents = corpus(args.docs)
    texts = [d.text for d in documents]
    t0 = time.perf_counter()
    bare = load_bare()
    bare_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    full = load()
    full_load = time.perf_counter() - t0
    # Warm up both (lazy tables, gazetteer) so the timings measure steady state.
    bench_bare(bare, texts[:8], args.batch_size)
    bench_blocs(full, documents[:8], args.batch_size)
    # The sides take turns chunk by chunk (and swap who goes first each chunk), so a burst
    # of other work on the machine hits both alike; each pass covers every document.
    chunk = max(1, args.chunk)
    bare_t, blocs_t, bare_cpu, blocs_cpu, n_events = [], [], [], [], 0
    for _ in range(args.repeat):
        wall = {"bare": 0.0, "blocs": 0.0}
        cpu = {"bare": 0.0, "blocs": 0.0}
        n_events = 0
        for j, k in enumerate(range(0, len(documents), chunk)):
            for side in ("bare", "blocs") if j % 2 == 0 else ("blocs", "bare"):
                if side == "bare":
                    t, c = bench_bare(bare, texts[k:k + chunk], args.batch_size)
                else:
                    t, c, n = bench_blocs(full, documents[k:k + chunk], args.batch_size)
                    n_events += n
                wall[side] += t
                cpu[side] += c
        bare_t.append(wall["bare"])
        blocs_t.append(wall["blocs"])
        bare_cpu.append(cpu["bare"])
        blocs_cpu.append(cpu["blocs"])
    parts = component_shares(full, documents, args.batch_size)
    total = sum(parts.values())
    blocs_parts = {k: v for k, v in parts.items() if k.startswith("blocs_")}
    chars = sum(len(t) for t in texts)
    result = {
        "documents": len(documents), "characters": chars, "events": n_events,
        "spacy_bare_docs_per_s": round(len(texts) * args.repeat / sum(bare_t), 1),
        "blocs_docs_per_s": round(len(texts) * args.repeat / sum(blocs_t), 1),
        "ratio": round(sum(bare_t) / sum(blocs_t), 3),
        # CPU time of this process: what a machine busy with other work disturbs least
        "ratio_cpu": round(sum(bare_cpu) / sum(blocs_cpu), 3),
        "ratio_per_pass": [round(b / f, 3) for b, f in zip(bare_t, blocs_t, strict=True)],
        "passes_s": {"spacy_bare": [round(t, 2) for t in bare_t],
                     "blocs": [round(t, 2) for t in blocs_t]},
        "chunk": chunk, "batch_size": args.batch_size,
        "load_s": {"spacy_bare": round(bare_load, 2), "blocs": round(full_load, 2)},
        "processes": 1,
        "component_share": {k: round(v / total, 4) for k, v in parts.items()},
        "blocs_components_share": round(sum(blocs_parts.values()) / total, 4),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "throughput.json").write_text(json.dumps(result, indent=1) + "\n",
                                             encoding="utf-8")
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['documents']} documents, {chars} characters, {n_events} events, 1 process")
    print(f"spaCy bare pipeline : {result['spacy_bare_docs_per_s']:8.1f} docs/s")
    print(f"blocs end to end    : {result['blocs_docs_per_s']:8.1f} docs/s")
    print(f"ratio blocs / bare  : {result['ratio']:.3f} (CPU time: {result['ratio_cpu']:.3f})")
    print(f"load time           : bare {bare_load:.2f} s, blocs {full_load:.2f} s")
    print("share of pipeline time per component:")
    for name, share in result["component_share"].items():
        print(f"  {name:<16} {share * 100:5.1f} %")
    print(f"  blocs components {result['blocs_components_share'] * 100:5.1f} % in all")
    print(f"written to {(RESULTS / 'throughput.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
