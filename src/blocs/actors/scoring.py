"""Actor quality gate: score doc.spans["actors"] against expected mentions (JSONL).

Each line: {"id", "text", "published", "mentions": [{"text", "country", "sector", "id"}]}.
An expected mention is located at the first whole-word occurrence of its text in the
sentence (a mention may add "occurrence": n, 1-based, for a later one, such as a bare
surname after a titled first mention). The actor spans overlapping it (by characters) are
the candidates; of their actors, the one agreeing best with the expectation (country first,
then sector, then id) is scored.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from blocs.types import Actor


def locate(text: str, mention: str, occurrence: int = 1) -> tuple[int, int]:
    """Character offsets of the n-th whole-word occurrence of mention (else substring)."""
    hits = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(mention)}(?!\w)", text)]
    if not hits:
        hits = [m.start() for m in re.finditer(re.escape(mention), text)]
    if len(hits) < occurrence:
        raise ValueError(f"{mention!r} (occurrence {occurrence}) not in {text!r}")
    start = hits[occurrence - 1]
    return start, start + len(mention)


def _id_ok(actor: Actor, want: dict) -> bool:
    # An org actor of the expected state (a person coded by country) still names the state.
    state = want["id"] is not None and want["id"] == want["country"]
    return actor.id == want["id"] or (state and actor.country == want["id"])


def _best(actors: list[Actor], want: dict) -> Actor | None:
    def rank(a: Actor) -> tuple[bool, bool, bool]:
        return a.country == want["country"], a.sector == want["sector"], _id_ok(a, want)

    return max(actors, key=rank) if actors else None


def _show(actor: Actor | None) -> str:
    return "nothing" if actor is None else f"{actor.country} {actor.sector} {actor.id}"


def score_mentions(lines: list[dict], docs: dict[str, Doc]) -> dict:
    """Rates of expected mentions whose actor has the right country, sector and id."""
    total = found = country = sector = ident = 0
    misses: list[str] = []
    for line in lines:
        doc = docs[line["id"]]
        spans = list(doc.spans["actors"]) if "actors" in doc.spans else []
        for want in line.get("mentions") or []:
            total += 1
            start, end = locate(line["text"], want["text"], want.get("occurrence", 1))
            hits = [s for s in spans if s.start_char < end and s.end_char > start]
            actor = _best([a for s in hits for a in s._.actors or []], want)
            ok = (actor is not None and actor.country == want["country"],
                  actor is not None and actor.sector == want["sector"],
                  actor is not None and _id_ok(actor, want))
            found += bool(hits)
            country, sector, ident = country + ok[0], sector + ok[1], ident + ok[2]
            if not all(ok):
                got = "; ".join(f"{s.text!r}=" + ",".join(_show(a) for a in s._.actors or [])
                                for s in hits) or "no actor span"
                misses.append(f"{line['id']}: {want['text']!r} expected {want['country']} "
                              f"{want['sector']} {want['id']}, got {_show(actor)} [{got}]")

    def rate(n: int) -> float:
        return round(n / total, 4) if total else 0.0

    return {"sentences": len(lines), "mentions": total, "found": rate(found),
            "country": rate(country), "sector": rate(sector), "id": rate(ident),
            "misses": misses}


def read_lines(path: str | Path) -> list[dict]:
    return [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines()
            if x.strip()]


def evaluate_mentions(path: str | Path, *, nlp: Language | None = None) -> dict:
    """Run the pipeline over every sentence of an actor-mention file and score it."""
    from blocs.pipeline import _cached, make_doc
    from blocs.types import Document

    nlp = nlp or _cached(None, ())
    lines = read_lines(path)
    docs: dict[str, Doc] = {}
    for line in lines:
        doc = make_doc(nlp, Document(id=line["id"], text=line["text"],
                                     published=line.get("published")))
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        docs[line["id"]] = doc
    result = score_mentions(lines, docs)
    result["gold"] = str(path)
    return result


def mentions_line(result: dict) -> str:
    return (f"actor mentions {result['mentions']} in {result['sentences']} sentences: "
            f"found {result['found']:.1%}  country {result['country']:.1%}  "
            f"sector {result['sector']:.1%}  id {result['id']:.1%}  "
            f"({len(result['misses'])} misses)")
