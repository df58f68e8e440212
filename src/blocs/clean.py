"""blocs_clean: news-layout clean-up that runs before the parser.

It never edits the text (offsets must stay those of the input); it only
- keeps title abbreviations ("Brig.", "Gen.", "Sen.") whole so they do not end a sentence,
- starts a sentence at every paragraph, after the headline and after a dateline
  ("WASHINGTON DC (Kurdistan 24) - ..."),
- marks paragraphs that repeat an earlier one (wire copy often repeats the lead) in
  `doc._.duplicate_ranges`, so events found there are not counted twice.
"""

from __future__ import annotations

import re
from bisect import bisect_left

import numpy as np
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

import blocs.extensions  # noqa: F401  (registers doc._ attributes)

# Titles and abbreviations that the English tokenizer splits off with their period,
# so the parser takes the period for a sentence end. Military ranks, offices, honorifics.
ABBREVIATIONS = (
    "Adm. Amb. Brig. Capt. Cmdr. Col. Cpl. Dep. Dr. Gen. Gov. Hon. Insp. Lt. Maj. Messrs. "
    "Mr. Mrs. Ms. Pres. Prof. Pvt. Rep. Rev. Sen. Sgt. Sr. Jr. Supt. St. Lt.-Col. Lt.-Gen. "
    "Maj.-Gen. Brig.-Gen. No. Nos. Ft. Mt. Gens. Sens. Reps. Govs. approx. est. "
    "Jan. Feb. Mar. Apr. Aug. Sep. Sept. Oct. Nov. Dec."
).split()

_DASHES = {"-", "–", "—", "--"}
_WS = re.compile(r"\s+")


# Arabic-style name particles: keep "al-Abadi", "bin-Salman", "Abu-Bakr" one token, as the
# parser and NER handle a single PROPN far better than "al", "-", "Abadi".
NAME_PARTICLE = re.compile(
    r"^(?:[Aa][lnrstdz]|[Aa]sh|[Ee]l|[Bb]in|[Ii]bn|[Aa]bu|[Aa]bd|[Bb]en)-[A-Z][a-z]+(?:-[A-Z][a-z]+)?$"
)


def tune_tokenizer(nlp: Language) -> None:
    """Abbreviations stay whole; Arabic name particles stay attached."""
    for abbr in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    previous = nlp.tokenizer.token_match
    if getattr(previous, "_blocs", False):
        return

    def token_match(text: str):
        return NAME_PARTICLE.match(text) or (previous(text) if previous else None)

    token_match._blocs = True  # type: ignore[attr-defined]
    nlp.tokenizer.token_match = token_match


def _is_dateline_word(text: str) -> bool:
    return text.isupper() or text in {",", "."} or text.replace(".", "").isupper()


def dateline_end(doc: Doc, start: int, end: int) -> int | None:
    """Index of the first token after a dateline in doc[start:end], or None.

    A dateline is upper-case place words, an optional "(Source)" and a dash:
    "BAGHDAD -", "WASHINGTON DC (Kurdistan 24) -", "MOSCOW, Sept 3 (Reuters) —".
    """
    i, saw_upper = start, False
    limit = min(end, start + 16)
    while i < limit and _is_dateline_word(doc[i].text):
        saw_upper = saw_upper or (doc[i].is_upper and len(doc[i].text) >= 3)
        i += 1
    if not saw_upper:
        return None
    if i < limit and doc[i].text == "(":
        close = next((j for j in range(i, limit) if doc[j].text == ")"), None)
        if close is None:
            return None
        i = close + 1
    # Allow a date between place and dash: "MOSCOW, Sept 3 -"
    while i < limit and doc[i].text not in _DASHES and (doc[i].like_num or doc[i].is_title):
        i += 1
    if i < limit and doc[i].text in _DASHES and i + 1 < end:
        return i + 1
    return None


def _newlines(doc: Doc) -> list[int]:
    """Per token: -1 for a token that is not whitespace, else the newlines it holds."""
    strings = doc.vocab.strings
    columns = doc.to_array(["IS_SPACE", "ORTH"])
    nls = [-1] * len(doc)
    for i in np.flatnonzero(columns[:, 0]).tolist() if len(doc) else []:
        nls[i] = strings[int(columns[i, 1])].count("\n")
    return nls


def _text(doc: Doc) -> str:
    """doc.text, from the token arrays (no Token objects)."""
    if not len(doc):
        return ""
    strings = doc.vocab.strings
    orths, spaces = doc.to_array(["ORTH", "SPACY"]).T.tolist()
    return "".join([strings[o] + " " if sp else strings[o] for o, sp in zip(orths, spaces,
                                                                          strict=True)])


def paragraphs(doc: Doc, newlines: list[int] | None = None) -> list[tuple[int, int]]:
    """Token ranges of paragraphs: runs of tokens separated by a blank line."""
    # (A token's whitespace_ is at most one space, so only whitespace tokens hold "\n".)
    nls = _newlines(doc) if newlines is None else newlines
    out, start = [], 0
    for i, nl in enumerate(nls):
        if nl >= 2 or (nl >= 1 and i == 0):
            if start < i:
                out.append((start, i))
            start = i + 1
    if start < len(nls):
        out.append((start, len(nls)))
    return [(s, e) for s, e in out if any(nls[i] < 0 for i in range(s, e))]


def _normal(text: str) -> str:
    return _WS.sub(" ", text).strip().lower()


@Language.factory(
    "blocs_clean",
    assigns=["token.is_sent_start", "doc._.duplicate_ranges"],
    requires=[],
)
def make_clean(nlp: Language, name: str) -> BlocsClean:
    tune_tokenizer(nlp)
    return BlocsClean()


class BlocsClean:
    def __call__(self, doc: Doc) -> Doc:
        seen: set[str] = set()
        duplicates: list[tuple[int, int]] = []
        nls = _newlines(doc)
        breaks = [i for i, nl in enumerate(nls) if nl >= 1]  # whitespace holding a newline
        text = None
        for start, end in paragraphs(doc, nls):
            first = next(i for i in range(start, end) if nls[i] < 0)
            if first > 0:
                doc[first].is_sent_start = True
            body = first
            after = dateline_end(doc, first, end)
            if after is not None:
                doc[after].is_sent_start = True
                body = after
            # A single newline inside a paragraph also breaks a sentence (headline, byline).
            for k in range(bisect_left(breaks, first), len(breaks)):
                i = breaks[k] + 1  # the token after a newline, if a word of this paragraph
                if i >= end:
                    break
                if nls[i] < 0:
                    doc[i].is_sent_start = True
            if text is None:
                text = _text(doc)
            span = doc[body:end]
            key = _normal(text[span.start_char:span.end_char])  # span.text
            if len(key) > 40 and key in seen:
                duplicates.append((doc[body].idx, doc[end - 1].idx + len(doc[end - 1].text)))
            seen.add(key)
        doc._.duplicate_ranges = duplicates
        return doc
