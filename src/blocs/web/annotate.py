"""The grounding made visible: a document's text cut into segments at every highlight
boundary, each segment naming the highlights (actor, recipient, trigger, time, place of
one or more events) that cover it.

    highlights, segments = annotate(text, events)
    # highlights: [{"id": "h3", "kind": "actor", "start", "end", "text", "label",
    #               "events": [event ids], "ok": text[start:end] == the record's text}]
    # segments:   [{"text": "Baghdad", "h": ["h3", "h7"], "kinds": ["place"]}, ...]

A highlight's characters are the segments whose `h` holds its id, in order; templates
render each segment as one escaped <span>, so overlapping and nested spans need no
nesting of elements.
"""

from __future__ import annotations

KINDS = ("actor", "recipient", "trigger", "time", "place")


def _spans(event: dict):
    for party in event.get("actor") or []:
        yield "actor", party, party.get("name") or party.get("id")
    for party in event.get("recipient") or []:
        yield "recipient", party, party.get("name") or party.get("id")
    if event.get("trigger"):
        yield "trigger", event["trigger"], event.get("event")
    if event.get("time"):
        yield "time", event["time"], event.get("date")
    if event.get("location"):
        place = event["location"]
        yield "place", place, place.get("name")


def party_label(party: dict) -> str:
    """RUS MIL, USA, NATO, REB: country and sector, else the actor id."""
    if not party.get("country"):
        return str(party.get("id") or party.get("sector") or "?")
    return " ".join(x for x in (party["country"], party.get("sector")) if x)


def highlights(text: str, events: list[dict]) -> list[dict]:
    """One highlight per distinct (kind, start, end) over all events, in text order.
    Spans with offsets outside the text are left out."""
    found: dict[tuple, dict] = {}
    for ev in events:
        for kind, span, label in _spans(ev):
            start, end = span.get("start"), span.get("end")
            if not isinstance(start, int) or not isinstance(end, int) or not (
                    0 <= start < end <= len(text)):
                continue
            key = (kind, start, end)
            h = found.get(key)
            if h is None:
                if kind in ("actor", "recipient"):
                    label = f"{party_label(span)} ({label})" if label else party_label(span)
                h = found[key] = {"kind": kind, "start": start, "end": end,
                                  "text": text[start:end], "label": str(label or kind),
                                  "events": [],
                                  "ok": span.get("text") in (None, text[start:end])}
            elif kind in ("actor", "recipient") and party_label(span) not in h["label"]:
                h["label"] += f", {party_label(span)}"  # "Russian, Iranian … staff"
            if ev.get("id") not in h["events"]:
                h["events"].append(ev.get("id"))
    out = sorted(found.values(), key=lambda h: (h["start"], -h["end"], KINDS.index(h["kind"])))
    for i, h in enumerate(out, 1):
        h["id"] = f"h{i}"
    return out


def segments(text: str, marks: list[dict]) -> list[dict]:
    """The text cut at every highlight boundary; each piece with the ids and kinds of the
    highlights covering it (empty for plain text)."""
    cuts = sorted({0, len(text), *(h["start"] for h in marks), *(h["end"] for h in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        cover = [h for h in marks if h["start"] <= a and b <= h["end"]]
        kinds = sorted({h["kind"] for h in cover}, key=KINDS.index)
        out.append({"text": text[a:b], "h": [h["id"] for h in cover], "kinds": kinds,
                    "title": "; ".join(f"{h['kind']}: {h['label']}" for h in cover)})
    return out


def annotate(text: str, events: list[dict]) -> tuple[list[dict], list[dict]]:
    marks = highlights(text or "", events)
    return marks, segments(text or "", marks)


__all__ = ["KINDS", "annotate", "highlights", "segments", "party_label"]
