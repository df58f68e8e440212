"""End-to-end throughput of blocs against spaCy's bare pipeline, in one run.

    python benchmarks/throughput.py [--docs 300] [--repeat 3]

Both sides get the same documents in the same process. "spaCy bare" is the model alone
(tok2vec, tagger, parser, lemmatizer, NER) over the texts; "blocs" is reading the
documents, the full pipeline (model + clean, actors, time, places, events) and
serialising every event record to JSON. The ratio blocs/bare is what matters: it says
how much of spaCy's speed blocs keeps.
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


def bench_bare(nlp, texts: list[str], batch_size: int) -> float:
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - t0


def bench_blocs(nlp, documents: list, batch_size: int) -> tuple[float, int]:
    t0 = time.perf_counter()
    n = 0
    for _, events, _ in process(nlp, documents, batch_size=batch_size):
        for ev in events or []:
            json.dumps(ev)
            n += 1
    return time.perf_counter() - t0, n


def component_shares(nlp, documents: list) -> dict[str, float]:
    """Seconds per pipeline component over the documents, one component at a time."""
    from blocs.pipeline import make_doc

    docs = [make_doc(nlp, d) for d in documents]
    out: dict[str, float] = {}
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        docs = [proc(d) for d in docs]
        out[name] = time.perf_counter() - t0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
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
    bare_t, blocs_t, n_events = [], [], 0
    for _ in range(args.repeat):  # interleave so machine noise hits both sides alike
        bare_t.append(bench_bare(bare, texts, args.batch_size))
        t, n_events = bench_blocs(full, documents, args.batch_size)
        blocs_t.append(t)
    parts = component_shares(full, documents)
    total = sum(parts.values())
    blocs_parts = {k: v for k, v in parts.items() if k.startswith("blocs_")}
    chars = sum(len(t) for t in texts)
    result = {
        "documents": len(documents), "characters": chars, "events": n_events,
        "spacy_bare_docs_per_s": round(len(texts) / min(bare_t), 1),
        "blocs_docs_per_s": round(len(texts) / min(blocs_t), 1),
        "ratio": round(min(bare_t) / min(blocs_t), 3),
        "load_s": {"spacy_bare": round(bare_load, 2), "blocs": round(full_load, 2)},
        "processes": 1,
        "component_share": {k: round(v / total, 4) for k, v in parts.items()},
        "blocs_components_share": round(sum(blocs_parts.values()) / total, 4),
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['documents']} documents, {chars} characters, {n_events} events, 1 process")
    print(f"spaCy bare pipeline : {result['spacy_bare_docs_per_s']:8.1f} docs/s")
    print(f"blocs end to end    : {result['blocs_docs_per_s']:8.1f} docs/s")
    print(f"ratio blocs / bare  : {result['ratio']:.3f}")
    print(f"load time           : bare {bare_load:.2f} s, blocs {full_load:.2f} s")
    print("share of pipeline time per component:")
    for name, share in result["component_share"].items():
        print(f"  {name:<16} {share * 100:5.1f} %")
    print(f"  blocs components {result['blocs_components_share'] * 100:5.1f} % in all")


if __name__ == "__main__":
    main()
