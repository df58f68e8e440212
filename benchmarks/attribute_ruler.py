"""blocs_attribute_ruler against spaCy's attribute_ruler: identity, then speed.

    python benchmarks/attribute_ruler.py [--generated 2000] [--timing-docs 300]

Identity: every text of tests/data (*.jsonl "text" fields and the articles), the examples,
`--generated` documents from blocs.corpus (seed 0) and adversarial snippets (whitespace
runs, tabs, emoji, all-caps headlines, contractions) go through the model up to the
attribute_ruler once; then one copy of the Doc gets spaCy's ruler and one the compiled
ruler (both built from the model's own patterns), and each copy the components after it.
The arrays (TAG POS MORPH LEMMA DEP HEAD SENT_START ENT_IOB ENT_TYPE) and token.morph
strings must be equal right after the ruler and at the end. Both pipelines are checked:
the model alone (load_bare, nlp.make_doc) and blocs' (load, blocs.pipeline.tokenize).

Speed: each ruler alone over the first `--timing-docs` generated documents, already tagged
and parsed, in turns (three passes each, the best pass kept). The result is also written to
benchmarks/results/attribute_ruler.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from spacy.attrs import (  # noqa: E402
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    LEMMA,
    MORPH,
    POS,
    SENT_START,
    TAG,
)
from spacy.pipeline import AttributeRuler  # noqa: E402

from blocs.attributes import FastAttributeRuler  # noqa: E402
from blocs.corpus import write_jsonl  # noqa: E402
from blocs.pipeline import load, load_bare, tokenize  # noqa: E402

FIELDS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, SENT_START, ENT_IOB, ENT_TYPE]
RESULTS = ROOT / "benchmarks" / "results"
ADVERSARIAL = [
    "", " ", "\n", "\t", "   \n\n\t  \n", "😀", "😀😀😀 🙂\n\n🔥",
    "BREAKING: RUSSIA, CHINA SIGN DEFENCE PACT AS NATO WATCHES",
    "IT IS WHAT IT IS.  THEY SAID SO.\n\n\n  WE'LL SEE.",
    "  Leading spaces, trailing spaces.   ",
    "Tabs\tbetween\t\twords and\t\n\tlines.",
    "Runs     of     spaces    and\u00a0non-breaking\u2009spaces\u200b here.",
    "Windows\r\nline\r\n\r\nendings.",
    "y'all ai n't seen nothin' yet, we 're gon na win, gotta go, let's c'mon 'em ol' doin'",
    "I can't, he won't, she shan't, it's, that's, there's, we'd've, they'll, you’re, isn’t.",
    "It is. Is it? There is no way. There are many. That is that, and this is this.",
    "He had had it; she did do it; they have done it; I am being told; been there.",
    "Me, myself and I: mine, yours, his, hers, its, ours, theirs. Something, anyone, nobody.",
    "-" * 250 + " " + "x" * 450 + "\n" + "!" * 300,
    "A" * 50 + " " + "." * 40 + " ... ??? !!! ;;; " + "\n" * 30 + "end",
    "WASHINGTON (Reuters) - \n\nThe U.S. said on Monday it would impose sanctions.\n",
]


def texts(generated: int) -> dict[str, list[str]]:
    data = ROOT / "tests" / "data"
    out: dict[str, list[str]] = {"tests/data jsonl": [], "articles": [], "examples": []}
    for path in sorted(data.glob("*.jsonl")):
        out["tests/data jsonl"] += [json.loads(line)["text"]
                                    for line in path.read_text("utf-8").splitlines()
                                    if line.strip()]
    for path in sorted((data / "articles").iterdir()):
        if path.suffix == ".txt":
            out["articles"].append(path.read_text("utf-8"))
        elif path.suffix == ".jsonl":
            out["articles"] += [json.loads(line)["text"]
                                for line in path.read_text("utf-8").splitlines() if line.strip()]
    out["examples"] = [p.read_text("utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.jsonl"
        write_jsonl(path, generated, seed=0)
        out["generated"] = [json.loads(line)["text"]
                            for line in path.read_text("utf-8").splitlines()]
    out["adversarial"] = ADVERSARIAL
    return out


def split(nlp):
    """(components before the ruler, spaCy's ruler, compiled ruler, spaCy components after).
    spaCy's ruler is the model's own where the pipeline still has it (load_bare), else one
    built from the compiled ruler's patterns (load); the compiled one is built fresh."""
    names = nlp.pipe_names
    at = names.index("attribute_ruler")
    current = nlp.get_pipe("attribute_ruler")
    if type(current) is AttributeRuler:
        original = current
    else:
        original = AttributeRuler(nlp.vocab)
        original.add_patterns(current.patterns)
    fast = FastAttributeRuler(nlp.vocab)
    fast.add_patterns(current.patterns)
    before = [nlp.get_pipe(n) for n in names[:at]]
    after = [nlp.get_pipe(n) for n in names[at + 1:] if not n.startswith("blocs_")]
    return before, original, fast, after


def differ(a, b) -> int:
    """Tokens whose arrays or morph strings differ."""
    bad = (a.to_array(FIELDS) != b.to_array(FIELDS)).any(axis=1)
    bad |= np.array([str(x.morph) != str(y.morph) for x, y in zip(a, b, strict=True)],
                    dtype=bool).reshape(-1)
    return int(bad.sum())


def identity(nlp, make, corpus: dict[str, list[str]]) -> dict:
    before, original, fast, after = split(nlp)
    report: dict = {"docs": 0, "tokens": 0, "mismatched_docs": 0, "mismatched_tokens": 0,
                    "by_source": {}}
    for source, items in corpus.items():
        docs = tokens = bad_docs = bad_tokens = 0
        for text in items:
            doc = make(text)
            for proc in before:
                doc = proc(doc)
            a, b = original(doc.copy()), fast(doc.copy())
            bad = differ(a, b)
            for proc in after:
                a, b = proc(a), proc(b)
            bad = max(bad, differ(a, b))
            docs, tokens = docs + 1, tokens + len(a)
            bad_docs, bad_tokens = bad_docs + (bad > 0), bad_tokens + bad
            if bad:
                print(f"  MISMATCH in {source}: {text[:70]!r}")
        report["by_source"][source] = {"docs": docs, "tokens": tokens,
                                       "mismatched_tokens": bad_tokens}
        for key, value in (("docs", docs), ("tokens", tokens), ("mismatched_docs", bad_docs),
                           ("mismatched_tokens", bad_tokens)):
            report[key] += value
    return report


def timing(nlp, items: list[str], passes: int = 3) -> dict:
    _, original, fast, _ = split(nlp)
    parsed = []
    for doc in nlp.pipe(items, disable=[n for n in nlp.pipe_names
                                        if n not in ("tok2vec", "tagger", "parser")]):
        parsed.append(doc)
    best = {"spacy": float("inf"), "blocs": float("inf")}
    fast(parsed[0].copy())  # compile outside the clock
    for k in range(passes):
        for side in ("spacy", "blocs") if k % 2 == 0 else ("blocs", "spacy"):
            ruler = original if side == "spacy" else fast
            copies = [d.copy() for d in parsed]
            t0 = time.perf_counter()
            for d in copies:
                ruler(d)
            best[side] = min(best[side], time.perf_counter() - t0)
    return {"docs": len(parsed), "tokens": sum(len(d) for d in parsed),
            "spacy_s": round(best["spacy"], 4), "blocs_s": round(best["blocs"], 4),
            "speedup": round(best["spacy"] / best["blocs"], 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--generated", type=int, default=2000)
    ap.add_argument("--timing-docs", type=int, default=300)
    args = ap.parse_args()
    corpus = texts(args.generated)
    result: dict = {}
    bare = load_bare()
    result["timing"] = timing(bare, corpus["generated"][:args.timing_docs])
    t = result["timing"]
    print(f"speed, {t['docs']} parsed docs ({t['tokens']} tokens), each ruler alone: "
          f"spaCy {t['spacy_s']:.3f} s, blocs {t['blocs_s']:.3f} s ({t['speedup']}x)")
    result["identity_bare"] = identity(bare, bare.make_doc, corpus)
    blocs = load()
    result["identity_blocs"] = identity(blocs, lambda text: tokenize(blocs, text), corpus)
    for name in ("identity_bare", "identity_blocs"):
        r = result[name]
        print(f"{name}: {r['docs']} docs, {r['tokens']} tokens, "
              f"{r['mismatched_docs']} docs / {r['mismatched_tokens']} tokens mismatched")
        for source, s in r["by_source"].items():
            print(f"  {source:<18} {s['docs']:5d} docs {s['tokens']:8d} tokens "
                  f"{s['mismatched_tokens']} mismatched")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "attribute_ruler.json").write_text(json.dumps(result, indent=1) + "\n", "utf-8")
    if any(result[n]["mismatched_tokens"] for n in ("identity_bare", "identity_blocs")):
        sys.exit(1)


if __name__ == "__main__":
    main()
