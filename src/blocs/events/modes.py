"""Mode inference: the means of an event from the words around it (events/data/modes.yaml).

The lexicon entry that fires often knows the type but not the means: "struck" is ASSAULT,
"Israeli warplanes struck" is ASSAULT by air. A candidate without a mode (or with a mode
the cue table may override) takes the first cue mode found in its clause. CONSULT also
reads the meeting's place: in one party's country it is a visit, elsewhere third-party.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Span, Token


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[set[str], list[tuple[str, list[tuple[str, ...]]]]]]:
    text = resources.files("blocs.events").joinpath("data", "modes.yaml").read_text("utf-8")
    out = {}
    for etype, spec in yaml.safe_load(text).items():
        cues = [(c["mode"], [tuple(str(w).lower().split()) for w in c["words"]])
                for c in spec["cues"]]
        out[etype] = (set(spec.get("override") or []), cues)
    return out


class _Words:
    """The scope's words (lemma and lower-case form per position), for phrase lookup."""

    def __init__(self, tokens: list[Token]) -> None:
        self.seq = [(t.lemma_.lower(), t.lower_) for t in sorted(tokens, key=lambda t: t.i)]
        self.at: dict[str, list[int]] = {}
        for i, pair in enumerate(self.seq):
            for w in set(pair):
                self.at.setdefault(w, []).append(i)

    def has(self, phrase: tuple[str, ...]) -> bool:
        starts = self.at.get(phrase[0])
        if not starts or len(phrase) == 1:
            return bool(starts)
        n, seq = len(phrase), self.seq
        return any(i + n <= len(seq) and all(phrase[k] in seq[i + k] for k in range(1, n))
                   for i in starts)


def _cue(etype: str, words: _Words) -> str | None:
    for mode, phrases in _table()[etype][1]:
        if any(words.has(p) for p in phrases):
            return mode
    return None


ECONOMIC = {"economic", "trade", "financial", "commercial"}
RETALIATION = {"retaliation", "response", "consequence", "measure", "countermeasure",
               "reprisal", "action", "punishment"}
ADJUNCT_PREPS = {"at", "in", "on", "during", "after", "before", "since", "by", "amid",
                 "ahead", "following", "near", "from"}


def _asked(child: Token) -> bool:
    """A child of a REQUEST/REJECT/THREATEN verb that says what is asked, refused or
    threatened (not a time, place or occasion adjunct)."""
    if child.dep_ in {"npadvmod", "punct", "cc", "mark", "aux", "auxpass", "neg", "nsubj",
                      "advmod"}:
        return False
    return not (child.dep_ == "prep" and child.lower_ in ADJUNCT_PREPS)


def _without_adjuncts(tok: Token) -> list[Token]:
    """tok's subtree less the time and place phrases inside it."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children
                     if not (c.dep_ == "prep" and c.lower_ in ADJUNCT_PREPS or
                             c.dep_ == "npadvmod"))
    return out


def _scope(trigger: Span, anchor: Token, parties: list[Span], etype: str) -> list[Token]:
    if etype in {"REQUEST", "REJECT", "THREATEN"}:
        # what is asked, refused or threatened: the words after the trigger in its clause
        # (in a passive, the subject: "calls for early elections were brushed aside")
        # — its complements only, not adjuncts: in "will ask NATO to station batteries at
        # next month's summit" the summit is where, not what, is asked
        return [t for c in anchor.children if c.i > trigger.end - 1 and _asked(c)
                for t in _without_adjuncts(c)] + list(trigger) + [
            t for c in anchor.children if c.dep_ == "nsubjpass" for t in c.subtree]
    seen: dict[int, Token] = {t.i: t for t in anchor.subtree}
    seen.update({t.i: t for t in trigger})
    for span in parties:
        seen.update({t.i: t for t in span})
    return list(seen.values())


def infer(etype: str, mode: str | None, trigger: Span, anchor: Token, parties: list[Span],
          *, place_country: str | None = None, countries: list[str | None] = ()) -> str | None:
    """The mode of an event of type etype: its lexicon mode unless a cue overrides it."""
    if etype not in _table():
        return mode
    override, _ = _table()[etype]
    if etype == "THREATEN" and mode == "violence" and any(
            t.lower_ in ECONOMIC and t.dep_ in {"amod", "compound"}
            and t.head.lemma_.lower() in RETALIATION for t in anchor.subtree):
        return "restrict"  # "threatened Vilnius with economic retaliation"
    if mode is not None and mode not in override:
        return mode
    words = _Words(_scope(trigger, anchor, parties, etype))
    if etype == "CONSULT":
        cues = dict(_table()["CONSULT"][1])
        if any(words.has(p) for p in cues["phone"]):
            return "phone"
        if any(words.has(p) for p in cues["third-party"]):
            return "third-party"
        parties_known = {c for c in countries if c}
        if len(set(countries)) >= 3:
            return "multilateral"
        if place_country and parties_known:
            return "visit" if place_country in parties_known else "third-party"
        if any(words.has(p) for p in cues["visit"]):
            return "visit"
        return mode
    return _cue(etype, words) or mode
