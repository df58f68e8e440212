"""Event candidate → the event record of DESIGN.md (PLOVER names plus grounding)."""

from __future__ import annotations

import hashlib
import json
import weakref
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Doc, Span, Token

from blocs.clean import _text as _doc_text
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


_CLAUSE_DEPS = {"xcomp", "conj", "ccomp", "pcomp", "advcl", "dobj", "pobj", "prep", "acl",
                "relcl"}
_CLAUSE_ADJUNCTS = {"prep", "npadvmod", "advmod", "advcl"}


def _in_clause(anchor: Token, heads: list[int]):
    """Membership in _clause_tokens(anchor), without walking the subtrees: token j is in
    it when it is on the governing chain or below one of the subtree roots it collects."""
    roots, chain = {anchor.i}, set()

    def member(j: int) -> bool:
        return j in chain or _in_subtrees(heads, j, roots)

    cur = anchor
    while cur.head.i != cur.i and cur.dep_ in _CLAUSE_DEPS:
        cur = cur.head
        chain.add(cur.i)
        for child in cur.children:
            if child.dep_ in _CLAUSE_ADJUNCTS and not member(child.i):
                roots.add(child.i)
    return member


def _in_modifier_clause(doc: Doc, heads: list[int], j: int, anchor_i: int) -> bool:
    """Token j sits in a clause that modifies another noun below the anchor: "voted down
    a bill to bring elections forward to 2023", "met a minister who arrived on Monday" —
    that clause's time is not the event's ("talks held on Monday" is: held modifies the
    anchor itself)."""
    crossed = False
    while j != anchor_i and heads[j] != j:
        crossed = crossed or doc[j].dep_ in {"acl", "relcl"} and heads[j] != anchor_i
        j = heads[j]
    return crossed and j == anchor_i  # only below the anchor


def _time(doc: Doc, anchor: Token, facts: _Facts | None = None
          ) -> tuple[Span | None, object | None]:
    """The time expression governing the event, else the story's current date."""
    facts = facts or _facts(doc)
    times = facts.times  # (span, interval) with an interval, in doc order
    s_start, s_end = facts.sent_bounds(anchor)  # anchor.sent's
    in_sent = [(t, iv) for t, iv in times if s_start <= t.start and t.end <= s_end]
    if in_sent:
        heads = facts.head_of()
        in_clause = _in_clause(anchor, heads)
        for t, iv in in_sent:
            if any(in_clause(j) for j in range(t.start, t.end)) and \
                    not _in_modifier_clause(doc, heads, t.root.i, anchor.i):
                return t, iv
        if len(in_sent) == 1 and in_sent[0][1].start is not None and not (
                in_sent[0][1].future and _past(anchor)):
            # a past event is not dated by a future time outside its clause: "voted down
            # a bill to bring forward elections to 2023"
            return in_sent[0]
    # Narrative date: the latest dated, non-future expression before this sentence —
    # for past-tense clauses only; "the US and Iran are involved" is the paper's present.
    if not _past(anchor):
        return None, None
    for t, iv in reversed(times):
        if t.end <= s_start and iv.start is not None and not iv.future:
            return None, iv
    return None, None


class _Facts:
    """What build_record reads from a document, over and over, computed once per document:
    the dated time spans, the place spans that can be an event's place, token heads and
    each sentence's context labels."""

    __slots__ = ("doc", "times_group", "places_group", "n_times", "n_places", "times",
                 "places", "heads", "contexts", "_text", "_words", "_sent_starts", "_keys",
                 "_last_words", "_spaces", "_deps")

    def __init__(self, doc: Doc) -> None:
        self.doc = weakref.ref(doc)
        self.times_group = doc.spans.get("times")
        self.places_group = doc.spans.get("places")
        self.n_times = len(self.times_group) if self.times_group is not None else 0
        self.n_places = len(self.places_group) if self.places_group is not None else 0
        self.times = [(t, iv) for t in self.times_group or []
                      if (iv := t._.interval) is not None]
        self.places: list[tuple[Span, int, str | None]] | None = None
        self.heads: list[int] | None = None
        self.contexts: dict[tuple[int, int], list[str]] = {}
        self._text: str | None = None
        self._words = None
        self._sent_starts: list[int] | None = None
        self._keys: dict[tuple[int, int], str] = {}
        self._last_words: dict[int, int] = {}
        self._spaces: list[int] | None = None
        self._deps: dict[str, list[int]] | None = None

    def _starts(self) -> list[int]:
        """Token indices that start a sentence (0 and every sent_start == 1); [] when the
        document has sentence hooks or no sentence boundaries (then .sent itself is used)."""
        if self._sent_starts is None:
            doc = self.doc()
            if not len(doc) or "sents" in doc.user_hooks or "sent" in doc.user_span_hooks or \
                    "sent" in doc.user_token_hooks or not doc.has_annotation("SENT_START"):
                self._sent_starts = []
            else:
                starts = doc.to_array("SENT_START").astype("int64") == 1
                starts[0] = True
                self._sent_starts = [int(i) for i in starts.nonzero()[0]]
        return self._sent_starts

    def sent_bounds(self, tok: Token) -> tuple[int, int]:
        """(start, end) of tok.sent: Span.sent walks to the nearest sent_start == 1 (or the
        document's edge) on each side of the token."""
        starts = self._starts()
        if not starts:
            sent = tok.sent
            return sent.start, sent.end
        k = bisect_right(starts, tok.i) - 1
        return starts[k], starts[k + 1] if k + 1 < len(starts) else len(self.doc())

    def sent(self, span: Span) -> Span:
        """span.sent"""
        starts = self._starts()
        if not starts:
            return span.sent
        k = bisect_right(starts, span.start) - 1
        end = starts[k + 1] if k + 1 < len(starts) else len(span.doc)
        return Span(span.doc, starts[k], end)

    def token_words(self) -> tuple[list[str], list[str]]:
        """lower_ and lemma_.lower() of every token, read once from the token arrays."""
        if self._words is None:
            doc = self.doc()
            strings = doc.vocab.strings
            lowers, lemmas = doc.to_array(["LOWER", "LEMMA"]).T.tolist() if len(doc) else (
                [], [])
            self._words = [strings[x] for x in lowers], [strings[x].lower() for x in lemmas]
        return self._words

    def words(self, start: int, end: int) -> tuple[list[str], list[str]]:
        """lower_ and lemma_.lower() of tokens start..end, in order."""
        lowers, lemmas = self.token_words()
        return lowers[start:end], lemmas[start:end]

    def dep_in(self, label: str, start: int, end: int) -> bool:
        """Whether a token start..end has dependency label `label`."""
        if self._deps is None:
            self._deps = {}
        at = self._deps.get(label)
        if at is None:
            doc = self.doc()
            key = doc.vocab.strings[label]
            at = self._deps[label] = np.flatnonzero(doc.to_array("DEP") == key).tolist() \
                if len(doc) else []
        k = bisect_left(at, start)
        return k < len(at) and at[k] < end

    def text(self) -> str:
        """doc.text (which makes and joins a Token per token each time it is read)."""
        if self._text is None:
            self._text = _doc_text(self.doc())
        return self._text

    def sent_key(self, span: Span) -> str:
        """" ".join(span.sent.text.split()).lower(), once per sentence: Span.sent runs
        from the sentence start at or before span.start to the first one at or after
        span.end."""
        starts = self._starts()
        if not starts:
            return " ".join(span.sent.text.split()).lower()
        doc = self.doc()
        start = starts[bisect_right(starts, span.start) - 1]
        k = bisect_left(starts, span.end)
        end = starts[k] if k < len(starts) else len(doc)
        key = self._keys.get((start, end))
        if key is None:
            sent = doc[start:end]
            key = " ".join(self.text()[sent.start_char:sent.end_char].split()).lower()
            self._keys[(start, end)] = key
        return key

    def ends_in_question(self, tok: Token) -> bool | None:
        """status._ends_in_question(tok), the sentence's last word found once per sentence;
        None when sentence starts are not known here."""
        starts = self._starts()
        if not starts:
            return None
        doc = self.doc()
        k = bisect_right(starts, tok.i) - 1
        last = self._last_words.get(k)
        if last is None:
            if self._spaces is None:
                self._spaces = doc.to_array("IS_SPACE").tolist()
            end = starts[k + 1] if k + 1 < len(starts) else len(doc)
            last = next((i for i in range(end - 1, starts[k] - 1, -1) if not self._spaces[i]),
                        -1)
            self._last_words[k] = last
        # the last non-space token after tok in its sentence, else tok itself
        text = doc[last].text if last > tok.i else tok.text
        return text.endswith("?") or text in {"?\"", "?'", "?”", "?’"}

    def valid_for(self, doc: Doc) -> bool:
        if self.doc() is not doc:
            return False
        times, places = doc.spans.get("times"), doc.spans.get("places")
        return times is self.times_group and places is self.places_group and \
            (len(times) if times is not None else 0) == self.n_times and \
            (len(places) if places is not None else 0) == self.n_places

    def place_candidates(self) -> list[tuple[Span, int, str | None]]:
        """(place span, its root's index, the preposition it hangs on or None) for each
        place mention that names where something happens, in doc order."""
        if self.places is None:
            out = []
            for p in self.places_group or []:
                if p._.place is None:
                    continue
                root = p.root
                head = root
                while head.dep_ in {"compound", "amod", "poss"} and head.head.i != head.i:
                    head = head.head  # "Russia's Samara region", "the Gaza Strip"
                if head.i != root.i and head.lemma_.lower() not in AREA_NOUNS:
                    continue  # "outside the U.S. embassy in Baghdad": the US is not the place
                out.append((p, root.i, head.head.lower_ if head.dep_ == "pobj" else None))
            self.places = out
        return self.places

    def head_of(self) -> list[int]:
        if self.heads is None:
            doc = self.doc()
            rel = doc.to_array("HEAD").astype("int64")
            self.heads = [i + int(r) for i, r in enumerate(rel.tolist())]
        return self.heads


_LAST_FACTS: list[_Facts | None] = [None]


def sentence_key(span: Span) -> str:
    """" ".join(span.sent.text.split()).lower(), cached per sentence."""
    return _facts(span.doc).sent_key(span)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token indices of doc.sents, without making a Span per sentence."""
    starts = _facts(doc)._starts()
    if not starts:
        return [(s.start, s.end) for s in doc.sents] if len(doc) else []
    return list(zip(starts, starts[1:] + [len(doc)], strict=True))


def token_words(doc: Doc) -> tuple[list[str], list[str]]:
    """lower_ and lemma_.lower() of every token of doc (shared by the event code)."""
    return _facts(doc).token_words()


def has_dep_within(tok: Token, label: str) -> bool:
    """Whether some token between tok's left and right edge (a superset of its subtree)
    has dependency label `label`: when not, no walk of the subtree can find one."""
    return _facts(tok.doc).dep_in(label, tok.left_edge.i, tok.right_edge.i + 1)


def _facts(doc: Doc) -> _Facts:
    facts = _LAST_FACTS[0]
    if facts is None or not facts.valid_for(doc):
        facts = _LAST_FACTS[0] = _Facts(doc)
    return facts


def _in_subtrees(heads: list[int], i: int, roots: set[int]) -> bool:
    """Whether token i is in the subtree of any token in roots (itself included)."""
    while True:
        if i in roots:
            return True
        up = heads[i]
        if up == i:
            return False
        i = up


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
                preps: set[str] = LOCATIVE_PREPS, facts: _Facts | None = None,
                objects: bool = False) -> Span | None:
    """The place mention governed by the event: "met in Baghdad", "struck targets in
    southern Lebanon" (the place hangs on the event's own clause, not on an actor)."""
    facts = facts or _facts(doc)
    places = facts.place_candidates()
    if not places:
        return None
    roots = {anchor.i, trigger.root.i}
    if anchor.dep_ in {"xcomp", "advcl"} and anchor.head.i != anchor.i:
        # "gathered outside the embassy in Baghdad to denounce ...": a purpose clause
        # happens where its governing event does
        roots.add(anchor.head.i)
    heads = None
    for p, root_i, prep in places:
        # "in Baghdad" must hang on the event, not on an actor ("officers in each ...").
        if prep is not None and prep in preps:
            if heads is None:
                heads = facts.head_of()
            if _in_subtrees(heads, root_i, roots):
                return p
    if objects:
        # "shelled Kherson", "bombed the town of Jenin": the place is the verb's object
        for p, root_i, prep in places:
            head = doc[root_i]
            if prep == "of" and head.head.head.lemma_.lower() in AREA_NOUNS:
                head = head.head.head
            while head.dep_ in {"compound", "amod"} and head.head.i != head.i:
                head = head.head
            if head.dep_ == "dobj" and head.head.i == anchor.i:
                return p
    return None


def event_id(doc_id: str, cand: Candidate) -> str:
    key = json.dumps([doc_id, cand.type, cand.trigger.start_char, cand.status,
                      sorted((a.country or "", a.id) for _, a in cand.actors),
                      sorted((a.country or "", a.id) for _, a in cand.recipients)])
    return hashlib.sha1(key.encode()).hexdigest()[:20]


def build_record(doc: Doc, cand: Candidate) -> dict:
    facts = _facts(doc)
    cameo = ontology.cameo_info(cand.cameo)
    sent = facts.sent(cand.trigger)  # cand.trigger.sent
    sent_index = _sentence_index(doc, sent)
    time_span, interval = _time(doc, cand.anchor, facts)
    place_span = event_place(doc, cand.anchor, cand.trigger, facts=facts)
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
    # sent.text, cut from the document's text (the same characters, no token objects)
    sentence_text = facts.text()[sent.start_char:sent.end_char].rstrip()
    record = {
        "id": event_id(doc_id, cand),
        "doc_id": doc_id,
        "event": cand.type,
        "mode": cand.mode,
        "context": _contexts(sent, facts),
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
def _cue_index() -> tuple[dict[str, set[str]], dict[str, list[tuple[str, str]]],
                          list[tuple[str, str]]]:
    """Context cues indexed by word: single-word cues → context names; multi-word cues by
    their first word → (name, " cue "), matched on the sentence's lower-case text; cues of
    any other shape (none in the data) → always tried on that text."""
    singles: dict[str, set[str]] = {}
    multis: dict[str, list[tuple[str, str]]] = {}
    others: list[tuple[str, str]] = []
    for name, cues in ontology.context_cues().items():
        for c in cues:
            if " " not in c:
                singles.setdefault(c, set()).add(name)
                continue
            words = c.split(" ")
            # " a b " can only occur in " w1 w2 ... " when a is one of the words
            if all(w and not any(ch.isspace() for ch in w) for w in words):
                multis.setdefault(words[0], []).append((name, f" {c} "))
            else:
                others.append((name, f" {c} "))
    return singles, multis, others


def _contexts(sent: Span, facts: _Facts | None = None) -> list[str]:
    facts = facts or _facts(sent.doc)
    cache = facts.contexts
    key = (sent.start, sent.end)
    found = cache.get(key)
    if found is None:
        singles, multis, others = _cue_index()
        lowers, lemma_list = facts.words(sent.start, sent.end)
        lemmas = set(lemma_list)
        lower_set = set(lowers)
        names: set[str] = set()
        for w in lemmas | lower_set:
            hit = singles.get(w)
            if hit:
                names |= hit
        text = f" {' '.join(lowers)} "
        for w in lower_set:
            for name, m in multis.get(w, ()):
                if name not in names and m in text:
                    names.add(name)
        for name, m in others:
            if name not in names and m in text:
                names.add(name)
        found = cache[key] = sorted(names)
    return list(found)


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
