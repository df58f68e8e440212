"""blocs_attribute_ruler: spaCy's attribute_ruler, compiled, with the same result.

spaCy's AttributeRuler runs a Matcher with every pattern (179 in the English model) over
every token, then builds a Span per match in Python: about a tenth of the pipeline time.
This subclass keeps its patterns, serialisation and scoring, and compiles the patterns once:

- the tag map: single-token patterns on one attribute alone (`{"TAG": "NN"}`) become a
  sorted table looked up for the whole column with numpy;
- other fixed-length patterns whose tokens test attributes for equality, IN, NOT_IN or
  REGEX are found through one "anchor" token each: its equality/IN attributes, hashed
  together, are looked up in a sorted key table (one numpy search per attribute set), and
  only the tokens found there are checked in Python;
- anything else (operators, extension attributes, other predicates, other attributes, an
  index outside the pattern) goes to a spaCy Matcher that holds just those patterns.

As in spaCy, every pattern is tested against the Doc as it came in, and for each token and
attribute the pattern added last (highest attribute id) wins. POS, TAG, DEP, LEMMA and
MORPH are written back in one Doc.from_array; any other attribute (NORM, flags, "_") goes
through spaCy's own set_token_attrs, in pattern order.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    IDS,
    LEMMA,
    LOWER,
    MORPH,
    NORM,
    ORTH,
    POS,
    PREFIX,
    SHAPE,
    SUFFIX,
    TAG,
)
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

# Token attributes a compiled pattern may test: those whose Doc.to_array value is the value
# the Matcher compares (SENT_START, ENT_IOB, MORPH and LENGTH differ or normalise: fallback).
# Attribute ids below 64 are the lexeme's boolean flags (IS_SPACE, IS_PUNCT, LIKE_NUM, ...).
MATCHABLE = frozenset({ORTH, LOWER, NORM, SHAPE, PREFIX, SUFFIX, TAG, POS, DEP, LEMMA, ENT_TYPE}
                      | {v for k, v in IDS.items() if 0 < v < 64 and not k.startswith("FLAG")})
# Attributes that are plain TokenC fields with no lexeme twin: written with Doc.from_array.
COLUMN_ATTRS = (POS, TAG, DEP, LEMMA, MORPH)
_MULT = 0x9E3779B97F4A7C15  # odd: hashing several attribute values into one uint64 key
_MASK = (1 << 64) - 1
_MAX_KEYS = 10_000  # cap on the cartesian product of IN values in one anchor key table
_REGEX_CACHE = 200_000  # per REGEX predicate: attribute value -> result, cleared when full

EQ, IN, NOT_IN, REGEX = "==", "IN", "NOT_IN", "REGEX"


class Pred(NamedTuple):
    """One test on one token: attribute, kind (EQ, IN, NOT_IN, REGEX), value."""

    attr: int
    kind: str
    value: Any  # int (EQ); frozenset of ints (IN, NOT_IN); (regex, result cache) (REGEX)


class Rule(NamedTuple):
    """One compiled fixed-length pattern of attribute id `attr_id`."""

    attr_id: int
    specs: tuple[tuple[Pred, ...], ...]  # per pattern token
    anchor: int  # the pattern token looked up first
    target: int  # the pattern token that gets the attributes (index, made non-negative)


def compile_spec(spec: object, vocab: Vocab) -> tuple[Pred, ...] | None:
    """The tests of one Matcher token spec, read as the Matcher reads them; None for
    anything this module does not evaluate itself (left to the fallback Matcher)."""
    if not isinstance(spec, dict):
        return None
    preds: list[Pred] = []
    for key, value in spec.items():
        if not isinstance(key, str):
            return None
        name = key.upper()
        attr = IDS.get("ORTH" if name == "TEXT" else name)
        if attr not in MATCHABLE:  # also "OP" and "_"
            return None
        # The same conversions as the Matcher (_get_attr_values): bool before int.
        if isinstance(value, str):
            preds.append(Pred(attr, EQ, vocab.strings.add(value)))
        elif isinstance(value, bool):
            preds.append(Pred(attr, EQ, int(value)))
        elif isinstance(value, int) and 0 <= value <= _MASK:
            preds.append(Pred(attr, EQ, value))
        elif isinstance(value, dict):
            for op, arg in value.items():
                op = op.upper() if isinstance(op, str) else op
                if op in (IN, NOT_IN) and isinstance(arg, list | tuple) and all(
                        isinstance(v, str) or (type(v) is int and 0 <= v <= _MASK)
                        for v in arg):
                    preds.append(Pred(attr, op, frozenset(get_string_id(v) for v in arg)))
                elif op == REGEX and isinstance(arg, str):
                    preds.append(Pred(attr, REGEX, (re.compile(arg), {})))
                else:
                    return None
        else:
            return None
    return tuple(preds)


def _allowed(preds: Iterable[Pred]) -> dict[int, frozenset[int]]:
    """Per attribute, the values its EQ and IN tests allow (intersected)."""
    out: dict[int, frozenset[int]] = {}
    for p in preds:
        if p.kind in (EQ, IN):
            vals = frozenset((p.value,)) if p.kind == EQ else p.value
            out[p.attr] = out[p.attr] & vals if p.attr in out else vals
    return out


def _combine(values: Iterable[int]) -> int:
    key = 0
    for v in values:
        key = (key * _MULT + v) & _MASK
    return key


class FastAttributeRuler(AttributeRuler):
    """AttributeRuler whose patterns are compiled (see the module docstring). Patterns are
    added, listed and saved as in spaCy; they are compiled again after any change."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", *, validate: bool = False,
                 scorer: Callable | None = None) -> None:
        super().__init__(vocab, name, validate=validate, scorer=scorer)
        self._compiled = False

    def add(self, patterns: Iterable, attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._compiled = False

    def clear(self) -> None:
        super().clear()
        self._compiled = False

    # -- compiling ---------------------------------------------------------------------

    def _compile(self) -> None:
        vocab = self.vocab
        # Per attribute id: the column attributes it sets, and the rest (set_token_attrs).
        self._set: list[tuple[tuple[int, int], ...]] = []
        self._other: list[dict] = []
        for attrs in self.attrs:
            self._set.append(tuple((a, v) for a, v in attrs.items() if a in COLUMN_ATTRS))
            self._other.append({a: v for a, v in attrs.items() if a not in COLUMN_ATTRS})
        rules: list[Rule] = []
        self._fallback = Matcher(vocab, validate=self.validate)
        for attr_id, entry in enumerate(self.patterns):
            index = entry["index"]
            for pattern in entry["patterns"]:
                specs = [compile_spec(s, vocab) for s in pattern]
                n = len(pattern)
                if n == 0 or any(s is None for s in specs) or not -n <= index < n:
                    self._fallback.add(str(attr_id), [pattern])
                    continue
                # Anchor: the token with the most attributes fixed by EQ/IN (first on ties).
                anchor = max(range(n), key=lambda j: (len(_allowed(specs[j])), -j))
                rules.append(Rule(attr_id, tuple(specs), anchor, index % n))  # type: ignore[arg-type]
        self._compile_dense(rules)
        self._compile_anchors()
        self._finish_compile()

    def _compile_dense(self, rules: list[Rule]) -> None:
        """The tag map: single-token rules with one EQ/IN test on one attribute (the one most
        such rules use) that set only column attributes become lookup tables per attribute
        set: value -> (attr id, attribute value) of the last rule for that value."""
        def dense_attr(r: Rule) -> int | None:
            if len(r.specs) != 1 or len(r.specs[0]) != 1 or self._other[r.attr_id]:
                return None
            p = r.specs[0][0]
            return p.attr if p.kind in (EQ, IN) else None

        counts: dict[int, int] = {}
        for r in rules:
            a = dense_attr(r)
            if a is not None:
                counts[a] = counts.get(a, 0) + 1
        self._dense_attr = max(counts, key=counts.__getitem__) if counts else None
        table: dict[int, dict[int, tuple[int, int]]] = {}
        self._rules = []
        for r in rules:
            if self._dense_attr is None or dense_attr(r) != self._dense_attr:
                self._rules.append(r)
                continue
            p = r.specs[0][0]
            for value in ((p.value,) if p.kind == EQ else p.value):
                for a, v in self._set[r.attr_id]:
                    table.setdefault(a, {})[value] = (r.attr_id, v)  # later ids overwrite
        keys = sorted({k for t in table.values() for k in t})
        self._dense_keys = np.array(keys, dtype=np.uint64)
        self._dense: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for a, t in table.items():
            ids = np.array([t.get(k, (-1, 0))[0] for k in keys], dtype=np.int64)
            vals = np.array([t.get(k, (-1, 0))[1] for k in keys], dtype=np.uint64)
            self._dense[a] = (ids, vals)

    def _compile_anchors(self) -> None:
        """Group the other rules by the attributes their anchor token fixes; a group's key
        for a token is those attributes' values hashed together (_combine), and each group
        has a table key -> rules. Anchors that fix nothing (only NOT_IN or REGEX tests, or
        an empty spec) are scanned instead."""
        groups: dict[tuple[int, ...], dict[int, list[Rule]]] = {}
        self._scans: list[Rule] = []
        for r in self._rules:
            allowed = _allowed(r.specs[r.anchor])
            attrs = sorted(allowed)
            # Keep the key table small: drop the widest IN sets first.
            while attrs and math.prod(len(allowed[a]) for a in attrs) > _MAX_KEYS:
                attrs.remove(max(attrs, key=lambda a: len(allowed[a])))
            if not attrs:
                self._scans.append(r)
                continue
            table = groups.setdefault(tuple(attrs), {})
            for combo in itertools.product(*(sorted(allowed[a]) for a in attrs)):
                table.setdefault(_combine(combo), []).append(r)
        self._group_attrs = list(groups)
        self._tables = list(groups.values())
        self._keys = np.array(sorted({k for t in self._tables for k in t}), dtype=np.uint64)

    def _finish_compile(self) -> None:
        """Columns to read, and the weights that turn them into every group's keys at once:
        keys = columns @ weights (uint64 arithmetic wraps, as _combine does)."""
        used = {p.attr for r in self._rules for s in r.specs for p in s}
        if self._dense_attr is not None:
            used.add(self._dense_attr)
        set_attrs = {a for s in self._set for a, _ in s}
        self._set_attrs = [a for a in COLUMN_ATTRS if a in set_attrs]
        self._cols = sorted(used | set_attrs)
        self._col = {a: i for i, a in enumerate(self._cols)}
        self._weights = np.zeros((len(self._cols), len(self._group_attrs)), dtype=np.uint64)
        for g, attrs in enumerate(self._group_attrs):
            for j, a in enumerate(reversed(attrs)):
                self._weights[self._col[a], g] = pow(_MULT, j, 1 << 64)
        self._has_other = any(self._other)
        self._compiled = True

    # -- matching ----------------------------------------------------------------------

    def _test(self, p: Pred, v: int) -> bool:
        """Whether attribute value v passes test p, as the Matcher decides it."""
        if p.kind == EQ:
            return v == p.value
        if p.kind == IN:
            return v in p.value
        if p.kind == NOT_IN:
            return v not in p.value
        rx, cache = p.value  # REGEX on the attribute's string; cached per value
        ok = cache.get(v)
        if ok is None:
            if len(cache) >= _REGEX_CACHE:
                cache.clear()
            ok = cache[v] = bool(rx.search(self.vocab.strings[v]))
        return ok

    def _check(self, r: Rule, start: int, cols: list[list[int]]) -> bool:
        """Whether rule r matches at token `start` (every test, the anchor's included:
        distinct value combinations may share a hashed key)."""
        col = self._col
        for j, spec in enumerate(r.specs):
            for p in spec:
                v = cols[col[p.attr]][start + j]
                if p.kind == EQ:  # the common case, inline
                    if v != p.value:
                        return False
                elif not self._test(p, v):
                    return False
        return True

    def _scan_mask(self, spec: tuple[Pred, ...], arr: np.ndarray) -> np.ndarray:
        """Tokens that pass an anchor spec with no EQ/IN test (NOT_IN, REGEX or none),
        each test evaluated once per distinct value."""
        mask = np.ones(len(arr), dtype=bool)
        for p in spec:
            uniq, inv = np.unique(arr[:, self._col[p.attr]], return_inverse=True)
            values = uniq.tolist()
            if p.kind == REGEX:  # read the cached results at C speed, compute the rest
                res = list(map(p.value[1].get, values))
                if None in res:
                    res = [self._test(p, v) if r is None else r
                           for v, r in zip(values, res, strict=True)]
                ok = np.array(res, dtype=bool)
            else:
                ok = np.fromiter((self._test(p, v) for v in values), bool, len(values))
            mask &= ok[inv.reshape(-1)]
        return mask

    def _matches(self, doc: Doc, arr: np.ndarray, cols: list[list[int]]) -> list[tuple[int, int]]:
        """(attr id, token index) for every match of every non-dense rule, in order."""
        n = len(doc)
        out: set[tuple[int, int]] = set()  # a key shared by two groups may find a match twice
        if self._tables:
            keys = (arr @ self._weights).ravel()  # token i, group g at i * n_groups + g
            pos = np.minimum(np.searchsorted(self._keys, keys), len(self._keys) - 1)
            hits = np.flatnonzero(self._keys[pos] == keys)
            n_groups = len(self._tables)
            for at, k in zip(hits.tolist(), keys[hits].tolist(), strict=True):
                i, g = divmod(at, n_groups)
                for r in self._tables[g].get(k, ()):
                    start = i - r.anchor
                    if 0 <= start <= n - len(r.specs) and self._check(r, start, cols):
                        out.add((r.attr_id, start + r.target))
        for r in self._scans:
            for i in np.flatnonzero(self._scan_mask(r.specs[r.anchor], arr)).tolist():
                start = i - r.anchor
                if 0 <= start <= n - len(r.specs) and self._check(r, start, cols):
                    out.add((r.attr_id, start + r.target))
        if len(self._fallback):
            for m_id, start, end in self._fallback(doc, allow_missing=True, as_spans=False):
                attr_id = int(self.vocab.strings[m_id])
                out.add((attr_id, self._target(doc, m_id, start, end, attr_id)))
        return sorted(out)

    def _target(self, doc: Doc, m_id: int, start: int, end: int, attr_id: int) -> int:
        """The token a fallback match sets, with spaCy's error for an index outside it."""
        span = Span(doc, start, end, label=m_id)
        try:
            return span[self.indices[attr_id]].i
        except IndexError:
            from spacy.errors import Errors

            raise ValueError(Errors.E1001.format(
                patterns=self.matcher.get(span.label), span=[t.text for t in span],
                index=self.indices[attr_id])) from None

    # -- applying ----------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self._apply(doc)
            return doc
        except Exception as e:  # noqa: BLE001 — as spaCy's pipes: the error handler decides
            return error_handler(self.name, self, [doc], e)

    def _apply(self, doc: Doc) -> None:
        if not self._compiled:
            self._compile()
        if len(doc) == 0 or not self.attrs:
            return
        arr = (doc.to_array(self._cols).reshape(len(doc), len(self._cols)) if self._cols
               else np.zeros((len(doc), 0), dtype=np.uint64))
        cols = arr.T.tolist()
        # Dense: per column attribute, the winning tag-map attr id per token (-1: none).
        new: dict[int, np.ndarray] = {}
        dense_ids: dict[int, np.ndarray] = {}
        if self._dense_attr is not None and len(self._dense_keys):
            column = arr[:, self._col[self._dense_attr]]
            pos = np.minimum(np.searchsorted(self._dense_keys, column), len(self._dense_keys) - 1)
            hit = self._dense_keys[pos] == column
            if hit.any():
                for a, (ids, vals) in self._dense.items():
                    won = np.where(hit, ids[pos], -1)
                    dense_ids[a] = won
                    new[a] = np.where(won >= 0, vals[pos], arr[:, self._col[a]])
        # Sparse: later attr ids win, and win over the tag map only when added after it.
        matches = self._matches(doc, arr, cols)
        for attr_id, i in matches:
            for a, v in self._set[attr_id]:
                if a in dense_ids and dense_ids[a][i] > attr_id:
                    continue
                if a not in new:
                    new[a] = arr[:, self._col[a]].copy()
                new[a][i] = v
        if new:
            attrs = [a for a in self._set_attrs if a in new]
            doc.from_array(attrs, np.stack([new[a] for a in attrs], axis=1))
        if self._has_other:
            for attr_id, i in matches:
                if self._other[attr_id]:
                    set_token_attrs(doc[i], self._other[attr_id])


@Language.factory(
    "blocs_attribute_ruler",
    assigns=["token.pos", "token.morph", "token.lemma", "token.tag", "token.dep"],
    requires=["token.tag", "token.dep"],
    default_config={"validate": False,
                    "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def make_fast_attribute_ruler(nlp: Language, name: str, validate: bool,
                              scorer: Callable | None) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def replace_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> FastAttributeRuler:
    """Put blocs_attribute_ruler in place of the pipeline's `name` component (same name,
    same position), with that component's own patterns, in the same order."""
    patterns = nlp.get_pipe(name).patterns
    ruler = nlp.replace_pipe(name, "blocs_attribute_ruler")
    ruler.add_patterns(patterns)
    return ruler


__all__ = ["FastAttributeRuler", "replace_attribute_ruler", "compile_spec"]
