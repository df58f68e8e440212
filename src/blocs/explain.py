"""`blocs explain`: why a sentence gave the events it gave (parse, mentions, frames)."""

from __future__ import annotations

from spacy.language import Language

from blocs.export import table
from blocs.pipeline import make_doc
from blocs.types import Document


def explain(nlp: Language, sentence: str, *, published: str | None = None) -> str:
    doc = make_doc(nlp, Document(id="explain", text=sentence), published=published)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    lines = ["parse:"]
    for tok in doc:
        if tok.is_space:
            continue
        lines.append(f"  {tok.i:>3} {tok.text:<16} {tok.lemma_:<14} {tok.pos_:<6} "
                     f"{tok.dep_:<10} -> {tok.head.i:<3} {tok.ent_type_}")
    lines.append("actors:")
    for span in doc.spans.get("actors", []):
        who = "; ".join(f"{a.country or '-'} {a.sector or '-'} {a.id} ({a.kind})"
                        for a in span._.actors or [])
        lines.append(f"  [{span.start_char}:{span.end_char}] {span.text!r} → {who}")
    lines.append("times:")
    for span in doc.spans.get("times", []):
        iv = span._.interval
        lines.append(f"  [{span.start_char}:{span.end_char}] {span.text!r} → "
                     f"{iv.start}..{iv.end} ({iv.precision})" if iv else f"  {span.text!r}")
    lines.append("places:")
    for span in doc.spans.get("places", []):
        p = span._.place
        lines.append(f"  [{span.start_char}:{span.end_char}] {span.text!r} → {p.name}, "
                     f"{p.country}")
    lines.append("frames:")
    extractor = nlp.get_pipe("blocs_events")
    for cand in extractor.candidates(doc):
        entry = cand.entry
        lines.append(f"  {cand.rule}  trigger {cand.trigger.text!r} → {cand.type} "
                     f"(CAMEO {cand.cameo}, lexicon: {entry.get('verb') or entry.get('noun')}"
                     f"{', mode ' + entry['mode'] if entry.get('mode') else ''})  "
                     f"status {cand.status}")
    lines.append("events:")
    lines.append(table(doc._.events or []) if doc._.events else "  (none)")
    return "\n".join(lines)
