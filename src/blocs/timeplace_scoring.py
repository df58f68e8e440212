"""Gold scoring for time expressions and place mentions in context (tests/data/*.jsonl).

Times: a case is right when the time span whose text equals or contains the expected
expression resolves to the expected start, end and precision. Places: the place span that
overlaps the expected mention gives the place; name and country are scored separately.
"""

from __future__ import annotations

import json
from pathlib import Path

from blocs.evaluate import gold_hash


def load_cases(path: str | Path) -> list[dict]:
    """The gold cases of a JSONL file, one object a line (blank lines skipped)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _docs(cases: list[dict], nlp) -> list:
    """Each case's text run through the whole pipeline, with doc._.published set."""
    from blocs.pipeline import _cached, make_doc
    from blocs.types import Document

    nlp = nlp or _cached(None, ())
    docs = []
    for case in cases:
        doc = make_doc(nlp, Document(id=case["id"], text=case["text"],
                                     published=case.get("published")))
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        docs.append(doc)
    return docs


def _rate(n: int, total: int) -> float:
    return round(n / total, 4) if total else 0.0


def evaluate_times(path: str | Path, *, nlp=None) -> dict:
    """{total, right, rate, found_rate, misses, gold, gold_hash} for a time-expression gold file."""
    cases = load_cases(path)
    right = found = 0
    misses: list[dict] = []
    for case, doc in zip(cases, _docs(cases, nlp), strict=True):
        expr = case["expression"]
        spans = [s for s in doc.spans.get("times", []) if expr in s.text]
        span = next((s for s in spans if s.text == expr), spans[0] if spans else None)
        iv = span._.interval if span is not None else None
        got = (iv.start.isoformat() if iv and iv.start else None,
               iv.end.isoformat() if iv and iv.end else None, iv.precision if iv else None)
        found += span is not None
        if got == (case["start"], case["end"], case["precision"]):
            right += 1
            continue
        misses.append({"id": case["id"], "expression": expr, "published": case.get("published"),
                       "span": span.text if span is not None else None,
                       "expected": [case["start"], case["end"], case["precision"]],
                       "got": list(got), "spans": [s.text for s in doc.spans.get("times", [])]})
    return {"total": len(cases), "right": _rate(right, len(cases)),
            "found": _rate(found, len(cases)), "misses": misses,
            "gold": str(path), "gold_hash": gold_hash(path)}


def evaluate_places(path: str | Path, *, nlp=None) -> dict:
    """{total, name, country, found, misses, gold, gold_hash} for a place-mention gold file;
    `name` is the share of mentions resolved to the expected gazetteer name (and country),
    `country` the share resolved to the expected ISO3 country."""
    cases = load_cases(path)
    name_right = country_right = found = 0
    misses: list[dict] = []
    for case, doc in zip(cases, _docs(cases, nlp), strict=True):
        start = case["text"].index(case["mention"])
        end = start + len(case["mention"])
        spans = [s for s in doc.spans.get("places", [])
                 if s.start_char < end and start < s.end_char and s._.place is not None]
        # The span that overlaps the mention most (ties: the first).
        span = max(spans, default=None,
                   key=lambda s: min(end, s.end_char) - max(start, s.start_char))
        place = span._.place if span is not None else None
        found += place is not None
        ok_country = place is not None and place.country == case["country"]
        ok_name = ok_country and place.name == case["name"]
        country_right += ok_country
        name_right += ok_name
        if not ok_name:
            misses.append({"id": case["id"], "mention": case["mention"],
                           "expected": [case["name"], case["country"]],
                           "got": [place.name, place.country] if place else None,
                           "span": span.text if span is not None else None})
    return {"total": len(cases), "name": _rate(name_right, len(cases)),
            "country": _rate(country_right, len(cases)), "found": _rate(found, len(cases)),
            "misses": misses, "gold": str(path), "gold_hash": gold_hash(path)}
