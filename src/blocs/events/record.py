"""Event candidate → the event record of DESIGN.md (PLOVER names plus grounding)."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from blocs.events import ontology

if TYPE_CHECKING:
    from blocs.events.extractor import Candidate

LOCATIVE_PREPS = {"in", "at", "near", "inside", "outside", "across", "throughout", "on"}


def _ground(span: Span) -> dict:
    return {"text": span.text, "start": span.start_char, "end": span.end_char}


def _actor(span: Span, actor) -> dict:
    return {**_ground(span), **actor.as_dict()}


def _clause_tokens(anchor: Token) -> set[int]:
    """Tokens of the anchor's clause: its subtree plus the governing chain up to the root."""
    ids = {t.i for t in anchor.subtree}
    cur = anchor
    while cur.head.i != cur.i and cur.dep_ in {"xcomp", "conj", "ccomp", "pcomp", "advcl",
                                               "dobj", "pobj", "prep", "acl", "relcl"}:
        cur = cur.head
        ids.add(cur.i)
        for child in cur.children:
            if child.dep_ in {"prep", "npadvmod", "advmod", "advcl"} and child.i not in ids:
                ids.update(t.i for t in child.subtree)
    return ids


def _time(doc: Doc, anchor: Token) -> tuple[Span | None, object | None]:
    """The time expression governing the event, else the story's current date."""
    times = [t for t in doc.spans.get("times", []) if t._.interval is not None]
    sent = anchor.sent
    in_sent = [t for t in times if sent.start <= t.start and t.end <= sent.end]
    clause = _clause_tokens(anchor)
    for t in in_sent:
        if any(tok.i in clause for tok in t):
            return t, t._.interval
    if len(in_sent) == 1 and in_sent[0]._.interval.start is not None:
        return in_sent[0], in_sent[0]._.interval
    # Narrative date: the latest dated, non-future expression before this sentence —
    # for past-tense clauses only; "the US and Iran are involved" is the paper's present.
    if not _past(anchor):
        return None, None
    for t in reversed(times):
        iv = t._.interval
        if t.end <= sent.start and iv.start is not None and not iv.future:
            return None, iv
    return None, None


# Nouns a place name may modify and still be where the event is ("Borno state").
AREA_NOUNS = {"region", "province", "city", "area", "town", "village", "district", "state",
              "county", "outskirts", "coast", "capital", "border", "part", "suburb", "strip",
              "valley", "governorate", "oblast", "territory", "island", "islands", "port",
              "countryside", "neighbourhood", "neighborhood", "centre", "center", "side"}
PAST_AUX = {"had", "was", "were", "did", "'d"}


def _past(anchor: Token) -> bool:
    """Whether the event's clause is told in the past ("met", "had agreed", "was held")."""
    tok = anchor
    for _ in range(4):
        if tok.pos_ in {"VERB", "AUX"}:
            if tok.tag_ == "VBD" or any(c.dep_ in {"aux", "auxpass"} and c.lower_ in PAST_AUX
                                        for c in tok.children):
                return True
            if tok.tag_ in {"VBZ", "VBP"} or any(c.dep_ in {"aux", "auxpass"} and c.tag_ in {
                    "VBZ", "VBP", "MD"} for c in tok.children):
                return False
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return True


def event_place(doc: Doc, anchor: Token, trigger: Span, *,
                preps: set[str] = LOCATIVE_PREPS) -> Span | None:
    """The place mention governed by the event: "met in Baghdad", "struck targets in
    southern Lebanon" (the place hangs on the event's own clause, not on an actor)."""
    places = [p for p in doc.spans.get("places", []) if p._.place is not None]
    if not places:
        return None
    scope = {t.i for t in anchor.subtree} | {t.i for t in trigger.root.subtree}
    if anchor.dep_ in {"xcomp", "advcl"} and anchor.head.i != anchor.i:
        # "gathered outside the embassy in Baghdad to denounce ...": a purpose clause
        # happens where its governing event does
        scope |= {t.i for t in anchor.head.subtree}
    for p in places:
        root = p.root
        head = root
        while head.dep_ in {"compound", "amod", "poss"} and head.head.i != head.i:
            head = head.head  # "Russia's Samara region", "the Gaza Strip"
        if head.i != root.i and head.lemma_.lower() not in AREA_NOUNS:
            continue  # "outside the U.S. embassy in Baghdad": the US is not the place
        if root.i in scope and head.dep_ in {"pobj"} and head.head.lower_ in preps:
            # "in Baghdad" must hang on the event, not on an actor ("officers in each ...").
            return p
    return None


def event_id(doc_id: str, cand: Candidate) -> str:
    key = json.dumps([doc_id, cand.type, cand.trigger.start_char, cand.status,
                      sorted((a.country or "", a.id) for _, a in cand.actors),
                      sorted((a.country or "", a.id) for _, a in cand.recipients)])
    return hashlib.sha1(key.encode()).hexdigest()[:20]


def build_record(doc: Doc, cand: Candidate) -> dict:
    cameo = ontology.cameo_info(cand.cameo)
    sent = cand.trigger.sent
    sent_index = _sentence_index(doc, sent)
    time_span, interval = _time(doc, cand.anchor)
    place_span = event_place(doc, cand.anchor, cand.trigger)
    status = cand.status
    if interval is not None and getattr(interval, "future", False) and status == "asserted":
        status = "future"
    published = doc._.published
    date, precision = None, None
    if interval is not None and interval.start is not None:
        date, precision = interval.start.isoformat(), interval.precision
        if time_span is None:
            precision = f"{precision}:narrative" if precision else "narrative"
    elif published is not None:
        date, precision = published.isoformat(), "publication"
    location = None
    if place_span is not None:
        place = place_span._.place
        location = {**_ground(place_span), "name": place.name, "country": place.country,
                    "lat": place.lat, "lon": place.lon, "geonameid": place.geonameid}
    doc_id = doc._.doc_id or ""
    sentence_text = sent.text.rstrip()
    record = {
        "id": event_id(doc_id, cand),
        "doc_id": doc_id,
        "event": cand.type,
        "mode": cand.mode,
        "context": _contexts(sent),
        "status": status,
        "actor": [_actor(s, a) for s, a in cand.actors],
        "recipient": [_actor(s, a) for s, a in cand.recipients],
        "date": date,
        "date_precision": precision,
        "time": _ground(time_span) if time_span is not None else None,
        "location": location,
        "cameo": cameo["code"],
        "quad_class": cameo["quad_class"],
        "goldstein": cameo["goldstein"],
        "plover_score": ontology.plover_score(cand.type),
        "trigger": _ground(cand.trigger),
        "text": sentence_text,
        "text_info": {"sentence": sent_index, "start": sent.start_char,
                      "end": sent.start_char + len(sentence_text)},
        "confidence": _confidence(cand, interval),
    }
    return record


def _sentence_index(doc: Doc, sent: Span) -> int:
    cache = doc.user_data.setdefault("blocs_sent_index", {})
    if not cache:
        for i, s in enumerate(doc.sents):
            cache[s.start] = i
    return cache.get(sent.start, 0)


@lru_cache(maxsize=1)
def _cue_table() -> list[tuple[str, frozenset[str], tuple[str, ...]]]:
    return [(name, frozenset(c for c in cues if " " not in c),
             tuple(f" {c} " for c in cues if " " in c))
            for name, cues in ontology.context_cues().items()]


def _contexts(sent: Span) -> list[str]:
    words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    text = f" {' '.join(t.lower_ for t in sent)} "
    return sorted(name for name, singles, multis in _cue_table()
                  if not words.isdisjoint(singles) or any(m in text for m in multis))


def _confidence(cand: Candidate, interval) -> float:
    score = 0.9
    if any(a.kind == "person" for _, a in cand.actors):
        score -= 0.05
    if not cand.recipients and cand.type not in {"CONSULT", "COOPERATE", "AGREE"}:
        score -= 0.1
    if cand.rule.startswith("noun"):
        score -= 0.1
    if interval is None:
        score -= 0.05
    return round(max(score, 0.1), 2)
