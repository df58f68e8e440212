"""blocs_time: time expressions -> dated intervals in doc.spans["times"]. Conventions, and why:

- A span takes a directly preceding temporal preposition (on/in/at/since/until/by/during/over),
  as event records quote the phrase as written ("On Saturday", DESIGN.md); "since X" stretches X
  up to the anchor. Anchor = doc._.published; without one, relative phrases get start=None.
- Story time ("that same day", "two days later/after X") counts from the narrative anchor: the
  latest earlier expression resolved to a day or written out in full, else the anchor.
- A bare weekday/month/season is the latest one on or before the anchor (its own day included),
  or on/after it when the governing verb is future ("will meet on Friday"); "last X" is strictly
  before, "next X" strictly after. A yearless day gets the latest year not > 61 days ahead, or
  the next one when the verb is future ("is scheduled for Nov. 3").
- early/mid/late: thirds of a year Jan-Apr/May-Aug/Sep-Dec ("season"), of a month 1-10/11-20/
  21-end ("week"), of a decade 0-3/4-6/7-9 ("year"). Seasons are meteorological.
- "N days/weeks ago|later" is one day (precision day|week), of months/years the calendar unit;
  windows ("the past two weeks", "the previous two months") run anchor - N units..anchor.
- "the near future"/"soon" = anchor..anchor+365 days ("year"); future=True when it starts later.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

import blocs.extensions  # noqa: F401  (registers span._.interval before any Doc is made)
from blocs.types import TimeInterval

D, TD = dt.date, dt.timedelta
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
NUMS = {w: i + 1 for i, w in enumerate("one two three four five six seven eight nine ten".split())}
NUMS |= {"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3, "several": 3}
PREPS = {"on", "in", "at", "since", "until", "by", "during", "over"}
CAL = ("week", "month", "year")

def _alt(words) -> str:  # longest first, so "sept" wins over "sep"
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))

MON, WD, SEA, NUM = _alt(MONTHS), _alt(WEEKDAYS), _alt(SEASONS), r"\d+|" + _alt(NUMS)
UNIT, PART = r"(day|week|month|year|decade)", "morning|afternoon|evening|night"
TH = "(?:st|nd|rd|th)?"
_Unresolved = type("_Unresolved", (Exception,), {})  # relative, but the anchor is missing
def _missing() -> D:
    raise _Unresolved

class _Ctx(NamedTuple):
    anchor: D | None
    narrative: D | None
    future_hint: bool
    a = property(lambda self: self.anchor or _missing())  # publication anchor
    n = property(lambda self: self.narrative or self.anchor or _missing())  # story-time anchor

def _mend(y: int, m: int) -> D:
    return D(y, m, calendar.monthrange(y, m)[1])
def _shift(d: D, n: int, unit: str) -> D:
    if unit in ("day", "week"):
        return d + TD(days=n * (7 if unit == "week" else 1))
    y, m = divmod(d.month - 1 + n * {"month": 1, "year": 12, "decade": 120}[unit], 12)
    return D(d.year + y, m + 1, min(d.day, calendar.monthrange(d.year + y, m + 1)[1]))
def _iv(s: D, e: D, prec: str, rel: bool = True, fut: bool = False) -> TimeInterval:
    return TimeInterval(s, e, prec, future=fut, relative=rel)
def _unit(d: D, unit: str, rel: bool = True) -> TimeInterval:  # the calendar unit holding d
    if unit in ("day", "week"):
        mon = d - TD(days=d.weekday() if unit == "week" else 0)
        return _iv(mon, mon + TD(days=6 if unit == "week" else 0), unit, rel)
    if unit == "month":
        return _iv(d.replace(day=1), _mend(d.year, d.month), "month", rel)
    y0, span = (d.year - d.year % 10, 9) if unit == "decade" else (d.year, 0)
    return _iv(D(y0, 1, 1), D(y0 + span, 12, 31), unit, rel)
_RULES: list[tuple[re.Pattern, Callable]] = []
def _rule(pattern: str) -> Callable[[Callable], Callable]:
    """Register a rule; rules are tried in order on the normalised text (first non-None wins)."""
    return lambda fn: _RULES.append((re.compile(pattern), fn)) or fn
@_rule(rf"(\d{{4}})-(\d\d?)-(\d\d?)|(?:(?:{WD}) )?(?:({MON}) (\d\d?){TH}|(\d\d?){TH} (?:of )?"
       rf"({MON}))(?: (\d{{4}}))?")
def _date(m, c):
    mo, day = (int(m[2]), int(m[3])) if m[1] else (MONTHS[m[4] or m[7]], int(m[5] or m[6]))
    if m[1] or m[8]:
        return _iv(D(int(m[1] or m[8]), mo, day), D(int(m[1] or m[8]), mo, day), "day", False)
    for y in (c.a.year + 1, c.a.year, c.a.year - 1):  # latest year not > 61 days ahead
        if day <= calendar.monthrange(y, mo)[1] and D(y, mo, day) <= c.a + TD(61):
            break
    else:
        return None
    if c.future_hint and D(y, mo, day) < c.a and day <= calendar.monthrange(y + 1, mo)[1]:
        y += 1  # "is scheduled for Nov. 3": the next one
    return _iv(D(y, mo, day), D(y, mo, day), "day")
@_rule(rf"({MON})(?: of)? (\d{{4}})|(?:(last|next|this|past) )?({MON})")
def _month(m, c):
    if m[1]:
        return _unit(D(int(m[2]), MONTHS[m[1]], 1), "month", False)
    a, mo, mod = c.a, MONTHS[m[4]], m[3]
    if mod == "this":
        y = a.year
    elif mod == "next" or (mod is None and c.future_hint):
        y = a.year + (mo < a.month or (mod == "next" and mo == a.month))
    else:  # latest such month not after the anchor's month; "last" = strictly before
        y = a.year - (mo > a.month or (mod is not None and mo == a.month))
    return _unit(D(y, mo, 1), "month")
@_rule(r"(?:year )?(\d{4})|(\d{4}) ?(?:-|to|and|until|through) ?(\d\d|\d{4})|(\d{3})0s|'(\d)0s")
def _years(m, c):
    if m[4] or m[5]:  # decades: "1990s", "'90s"
        y0 = int(m[4]) * 10 if m[4] else (1900 if int(m[5]) >= 2 else 2000) + int(m[5]) * 10
        return _unit(D(y0, 1, 1), "decade", False)
    y1 = int(m[1] or m[2])
    y2 = y1 if m[1] else int(m[3]) + (y1 // 100 * 100 if len(m[3]) == 2 else 0)
    return _iv(D(y1, 1, 1), D(y2, 12, 31), "year", False) if 1000 <= y1 <= y2 < 2200 else None
def _season(y: int, s: str, rel: bool = True) -> TimeInterval:  # 3 months from its first
    end = _shift(D(y, SEASONS[s], 1), 2, "month")
    return _iv(D(y, SEASONS[s], 1), _mend(end.year, end.month), "season", rel)
@_rule(rf"({SEA})(?: of)? (\d{{4}})|(\d{{4}}) ({SEA})|(?:(last|this|next|past) )?({SEA})")
def _seasons(m, c):
    if not m[6]:
        return _season(int(m[2] or m[3]), m[1] or m[4], False)
    a, mod = c.a, m[5]
    cands = [_season(y, m[6]) for y in range(a.year - 2, a.year + 2)]
    if mod == "next" or (mod is None and c.future_hint):
        return next(s for s in cands if (s.start > a if mod else s.end >= a))
    # "last": the latest one over; bare/"this": the latest one begun
    return [s for s in cands if (s.end < a if mod in ("last", "past") else s.start <= a)][-1]
_THIRDS = dict(early=0, mid=1, late=2, beginning=0, start=0, middle=1, end=2)
@_rule(rf"({_alt(_THIRDS)})(?: of)? (?:the )?(.+)")
def _third(m, c):
    rest = "this " + m[2] if m[2] in (*CAL, "decade") else m[2]
    iv = _resolve(rest, c.anchor, c.narrative, c.future_hint, False)
    if iv is None or iv.start is None:
        return None if iv is None else _missing()
    k, s, rel = _THIRDS[m[1]], iv.start, iv.relative
    if iv.precision == "year":
        return _iv(D(s.year, 4 * k + 1, 1), _mend(s.year, 4 * k + 4), "season", rel)
    if iv.precision == "month":
        return _iv(s.replace(day=10 * k + 1), s.replace(day=(10, 20, iv.end.day)[k]), "week", rel)
    if iv.precision == "decade":
        return _iv(D(s.year + (0, 4, 7)[k], 1, 1), D(s.year + (3, 6, 9)[k], 12, 31), "year", rel)
    return iv
@_rule(rf"(earlier|later) (this|that) (day|{PART}|week|month|year)")
def _earlier_this(m, c):
    u = _unit(c.a if m[2] == "this" else c.n, m[3] if m[3] in CAL else "day")
    if m[2] == "that" or m[1] == "earlier":  # "that": story time, the whole unit
        return u if m[2] == "that" else _iv(u.start, c.a, u.precision)
    return _iv(c.a, u.end, u.precision, fut=True)
_DAYWORDS = {"today": 0, "tonight": 0, "earlier today": 0, "later today": 0, "yesterday": -1}
_DAYWORDS |= {"last night": -1, "tomorrow": 1, "day before yesterday": -2, "day after tomorrow": 2}
@_rule(rf"(this (?:{PART})|{_alt(_DAYWORDS)})(?: (?:{PART}))?")
def _dayword(m, c):
    d = c.a + TD(days=_DAYWORDS.get(m[1], 0))
    return _iv(d, d, "day", fut=d > c.a)
@_rule(rf"(?:(last|next|this|past|coming) )?({WD}|weekend)(?: (?:{PART}))?")
def _weekday(m, c):  # a weekend is its Saturday and the Sunday after
    a, wd, mod = c.a, WEEKDAYS.get(m[2], 5), m[1]
    if mod in ("next", "coming") or (mod in (None, "this") and c.future_hint):
        d = a + TD(days=(wd - a.weekday()) % 7 or (7 if mod else 0))
    else:  # news convention: the most recent such day, today included unless "last"
        d = a - TD(days=(a.weekday() - wd) % 7 or (7 if mod in ("last", "past") else 0))
    return _iv(d, d + TD(days=m[2] == "weekend"), "week" if m[2] == "weekend" else "day")
@_rule(r"(last|this|next|past|previous|preceding|coming|current|following) "
       r"(week|month|year|decade)")
def _unit_rel(m, c):
    mod, unit = m[1], m[2]
    if mod == "past":  # rolling window up to the anchor
        return _iv(_shift(c.a, -1, unit), c.a, unit)
    if mod in ("previous", "preceding", "following"):  # story time
        return _unit(_shift(c.n, 1 if mod == "following" else -1, unit), unit)
    return _unit(_shift(c.a, {"last": -1, "next": 1, "coming": 1}.get(mod, 0), unit), unit)
_VAGUE = {"day": (14, "week"), "week": (60, "month"), "month": (365, "year")}
@_rule(r"(?:near|foreseeable) future|soon|(coming|recent) (day|week|month|year)s|"
       r"(day|week|month|year)s ahead")
def _vague(m, c):
    days, prec = _VAGUE.get(m[2] or m[3] or "", (1826, "decade") if m[2] or m[3] else (365, "year"))
    if m[1] == "recent":
        return _iv(c.a - TD(days=days), c.a, prec)
    return _iv(c.a, c.a + TD(days=days), prec, fut=True)
@_rule(rf"(past|last|previous|preceding|next|coming|following) ({NUM}) {UNIT}s?")
def _window(m, c):
    n, unit, mod = NUMS.get(m[2]) or int(m[2]), m[3], m[1]
    base = c.n if mod in ("previous", "preceding", "following") else c.a
    if mod in ("past", "last", "previous", "preceding"):
        return _iv(_shift(base, -n, unit), base, unit)
    return _iv(base, _shift(base, n, unit), unit, fut=mod != "following")
@_rule(rf"(?:({NUM}) )?{UNIT}(s?) (later|earlier|after|before|ago|time)(?: (.+))?")
def _offset(m, c):
    # "ago"/"in two weeks' time": from publication; "later"/"after X": from X if a date, else story
    n, unit, word = (NUMS.get(m[1]) or int(m[1])) if m[1] else 3 if m[3] else 1, m[2], m[4]
    inner = _resolve(m[5], c.anchor, c.narrative, False, False) if m[5] else None
    sign = -1 if word in ("earlier", "before", "ago") else 1
    base = (inner.end if sign > 0 else inner.start) if inner and inner.start else c.n
    base = c.a if word in ("ago", "time") else base
    d = _shift(base, sign * n, unit)
    return _iv(d, d, unit) if unit in ("day", "week") else _unit(d, unit.replace("decade", "year"))
@_rule(rf"(that|this|same|that same|this same|very same|next|following|previous|preceding) "
       rf"(day|{PART}|week|month|year)")
def _story(m, c):  # after _unit_rel, so "next week"/"the previous week" never get here
    off = {"next": 1, "following": 1, "previous": -1, "preceding": -1}.get(m[1], 0)
    return _unit(c.n + TD(days=off), m[2] if m[2] in CAL else "day")

_FUTURE_WORDS = re.compile(r"\b(tomorrow|coming|future|soon|ahead)\b|\bnext (?!day|morning|night)")
_DP_GUARD = re.compile(rf"\b({MON})\b|\d\d?/\d\d?|\d{{4}}")
_LEAD = re.compile(r"^(?:(?:on|in|at|since|until|till|by|during|over|from|between|the) )+")
@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    t = text.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    t = re.sub(r"(\d)'s\b", r"\1s", t)  # "1990's" is a decade, not a possessive
    t = re.sub(r"\bthis past\b", "past", t)  # "this past weekend" = the one just gone
    t = re.sub(r"'(?!\d)", "", re.sub(r"'s\b", "", re.sub(r"\bmid-", "mid ", t)))  # year's->year
    return " ".join(re.sub(r"[.,;:!?\"()\[\]]", " ", t).split())

def resolve(text: str, anchor: D | None, narrative: D | None = None, *,
            future_hint: bool = False, fallback: bool = False) -> TimeInterval | None:
    """One expression -> interval (None: not a date). `narrative` is the story-time anchor
    (default `anchor`); `future_hint`: the governing verb is future, so a bare weekday, month or
    season looks forward; `fallback`: let slow dateparser try explicit dates the rules miss."""
    return _resolve(_norm(text), anchor, narrative, future_hint, fallback)

@lru_cache(maxsize=65536)
def _resolve(t: str, anchor: D | None, narrative: D | None, future_hint: bool,
             fallback: bool) -> TimeInterval | None:
    since, t = t.startswith("since "), _LEAD.sub("", t, count=1)
    ctx, iv = _Ctx(anchor, narrative, future_hint), None
    try:
        for rx, fn in _RULES:
            if (m := rx.fullmatch(t)) and (iv := fn(m, ctx)) is not None:
                break
    except _Unresolved:  # relative, but no anchor to count from
        return TimeInterval(None, None, None, future=bool(_FUTURE_WORDS.search(t)), relative=True)
    except (ValueError, StopIteration, IndexError):  # impossible dates such as "February 30"
        iv = None
    iv = iv or (_dateparser(t, anchor) if fallback else None)
    if iv is None or iv.start is None or anchor is None:
        return iv
    if since and anchor >= iv.start:
        iv = _iv(iv.start, anchor, iv.precision or "day")
    return iv if iv.future or iv.start <= anchor else replace(iv, future=True)

@lru_cache(maxsize=4096)
def _dateparser(t: str, anchor: D | None) -> TimeInterval | None:
    """Slow last resort for odd explicit dates ("3/4/2015"); never for bare numbers."""
    if not _DP_GUARD.search(t) or (anchor is None and not re.search(r"\d{4}", t)):
        return None
    from dateparser.date import DateDataParser  # lazy: importing dateparser is slow
    base = {"RELATIVE_BASE": dt.datetime.combine(anchor, dt.time())} if anchor else {}
    settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", **base}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(t)
    unit = data.period if data.period in CAL else "day"  # "time" and "day" both mean a day
    rel = not re.search(r"\d{4}", t)  # no year written: it came from the anchor
    return _unit(data.date_obj.date(), unit, rel) if data.date_obj else None

def _L(*words: str, op: str | None = None) -> dict:
    return {"LOWER": {"IN": list(words)}} | ({"OP": op} if op else {})
# Token patterns for what the small model's NER misses; resolve() decides what they mean.
_UNITS = [u + s for u in ("day", "week", "month", "year", "decade") for s in ("", "s")]
_DAY, _THE, _YEAR = ("day", *PART.split("|")), _L("the", op="?"), {"SHAPE": "dddd"}
_REL = ("last", "this", "next", "past", "previous", "preceding", "coming", "following")
_PATTERNS = [
    [_L("last", "next", "this", "past", "coming", op="?"), _L(*WEEKDAYS), _L(*_DAY[1:], op="?")],
    [_L("yesterday", "today", "tomorrow", "tonight"), _L(*_DAY[1:], op="?")],
    [_L("last"), _L("night")], [_L("this"), _L(*_DAY[1:])],
    [_L("that", "the", "this"), _L("very", "same", op="?"), _L("same", op="?"), _L(*_DAY, *CAL)],
    [_L("the"), _L("next", "following", "previous", "preceding"), _L(*_DAY)],
    [_L("the"), _L("day", *CAL), _L("before", "after")],
    [_L("later", "earlier"), _L("that", "this"), _L(*_DAY, *CAL)], [_L("the"), _L("weekend")],
    [_L("later", "earlier"), _L("today", "tonight")], [_L("mid", "early", "late"), _L(*MONTHS)],
    [_THE, _L(*_REL, "current"), _L(*CAL, "decade", "weekend")],
    [_L("early", "mid", "late"), {"ORTH": "-", "OP": "?"}, _YEAR],
    [_L("earlier", "later", "early", "late"), _L("this", "last", "next"), _L(*CAL)],
    [_THE, _L(*SEASONS), _L("of"), _YEAR],
    [_L("last", "this", "next", "past"), _L(*SEASONS)], [_L("the"), _L("near"), _L("future")],
    [_THE, _L("coming", "recent"), _L("days", "weeks", "months", "years")],
]
_OFFSET = _L("later", "earlier", "ago", "after", "before")
for _n in ([{"LIKE_NUM": True}], [_L("a", "an", "several")], [_L("a"), _L("few", "couple")]):
    _PATTERNS += [[*_n, _L("of", op="?"), _L(*_UNITS), _OFFSET],
                  [_THE, _L(*_REL), *_n, _L("of", op="?"), _L(*_UNITS)]]
_WORDS = {*WEEKDAYS, *SEASONS, *MONTHS, *_UNITS, *_DAY, "weekend", "yesterday", "today", "tonight"}
_TRIGGERS = np.array([get_string_id(w) for w in _WORDS | {"tomorrow", "future", "early", "mid",
                      "late"}], dtype="uint64")  # every pattern holds one of these words
@lru_cache(maxsize=8)
def _matcher(vocab: Vocab) -> Matcher:  # one per vocab, built once
    matcher = Matcher(vocab)
    matcher.add("TIME", _PATTERNS)
    return matcher
_FEATURES = ["LOWER", "LIKE_NUM", "SHAPE", "ORTH"]  # columns of the token tests below
def _token_test(spec: dict) -> tuple[int, frozenset[int]] | None:
    """A pattern token as (feature column, accepted values); None for anything else."""
    (attr, value), = spec.items()
    if attr == "LOWER" and isinstance(value, dict) and list(value) == ["IN"]:
        return 0, frozenset(get_string_id(v) for v in value["IN"])
    if attr == "LIKE_NUM" and value is True:
        return 1, frozenset({1})
    if attr in ("LOWER", "SHAPE", "ORTH") and isinstance(value, str):
        return _FEATURES.index(attr), frozenset({get_string_id(value)})
    return None
@lru_cache(maxsize=1)
def _compiled() -> tuple[dict[tuple[int, int], list[tuple]], tuple[int, ...]] | None:
    """_PATTERNS as the Matcher reads them, unrolled: every fixed token sequence a pattern
    allows (each "?" token in or out), indexed by (column, value) of its first token, and
    the columns first tokens are tested on. The Matcher returns each (start, end) that
    some sequence matches once — so does this. None when a pattern uses more than this
    knows (then the Matcher runs)."""
    seqs: set[tuple] = set()
    for pattern in _PATTERNS:
        out: list[tuple] = [()]
        for spec in pattern:
            spec = dict(spec)
            op = spec.pop("OP", None)
            test = _token_test(spec) if op in (None, "?") and len(spec) == 1 else None
            if test is None:
                return None
            out = [o + (test,) for o in out] + (out if op == "?" else [])
        seqs.update(o for o in out if o)
    index: dict[tuple[int, int], list[tuple]] = {}
    for seq in sorted(seqs, key=repr):
        column, values = seq[0]
        for v in values:
            index.setdefault((column, v), []).append(seq)
    return index, tuple(sorted({column for column, _ in index}))
def _window_matches(index: dict, columns: tuple[int, ...],
                    rows: list[list[int]]) -> set[tuple[int, int]]:
    """(start, end) of every pattern match inside rows (token features of a window)."""
    found: set[tuple[int, int]] = set()
    n = len(rows)
    for p, row in enumerate(rows):
        for column in columns:
            for seq in index.get((column, row[column]), ()):
                end = p + len(seq)
                if end <= n and all(rows[p + k][c] in vals
                                    for k, (c, vals) in enumerate(seq[1:], 1)):
                    found.add((p, end))
    return found
_TRIGGER_IDS = frozenset(_TRIGGERS.tolist())
def _rule_matches(doc: Doc) -> list[tuple[int, int, str]]:
    """Matcher hits, looked for only within 6 tokens of a trigger: matching every token is slow."""
    if not len(doc):
        return []
    compiled = _compiled()
    if compiled is None:
        near = np.convolve(np.isin(doc.to_array("LOWER"), _TRIGGERS), np.ones(13))[6:-6] > 0
        runs = np.flatnonzero(np.diff(np.r_[0, near, 0])).tolist()  # start, end, start, end...
        return [(s + a, s + b, "RULE") for s, e in zip(runs[::2], runs[1::2], strict=True)
                for _, a, b in _matcher(doc.vocab)(doc[s:e])]
    feats = doc.to_array(_FEATURES).tolist()
    windows: list[list[int]] = []  # [start, end) of each run of tokens near a trigger
    n = len(feats)
    for i, row in enumerate(feats):
        if row[0] in _TRIGGER_IDS:
            lo, hi = max(0, i - 6), min(n, i + 7)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = hi
            else:
                windows.append([lo, hi])
    return [(s + a, s + b, "RULE") for s, e in windows
            for a, b in sorted(_window_matches(*compiled, feats[s:e]))]

_FUT_AUX = {"will", "'ll", "shall", "wo"}
_FUT_HEADS = {"scheduled", "slated", "due", "set", "expected", "planned", "plans", "plan", "going"}
def _future_hint(span: Span) -> bool:
    """Does the verb governing the expression speak of the future ("will meet on Friday")?"""
    tok, hops = span.root, 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head is not tok and hops < 4:
        tok, hops = tok.head, hops + 1  # climb from the expression to its verb
    for _ in range(3):  # "is set to meet on Friday": the future sits on a governing verb
        aux = {ch.lower_ for ch in tok.children if ch.dep_ in ("aux", "auxpass")}
        if tok.lower_ in _FUT_HEADS or aux & _FUT_AUX:
            return True
        if tok.dep_ not in ("xcomp", "ccomp", "advcl", "conj"):
            return False
        tok = tok.head
    return False

_DAYNUM = re.compile(r"\d\d?(?:st|nd|rd|th)?")
def _extend(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """"two days after X" takes X (the preposition's object); "8 November 2016" the day number
    NER leaves out ("30th (of) November"); then a temporal preposition in front."""
    if start and doc[start].lower_ in MONTHS:
        k = start - 2 if start > 1 and doc[start - 1].lower_ == "of" else start - 1
        if k >= 0 and _DAYNUM.fullmatch(doc[k].lower_):
            start = k
    last = doc[end - 1]
    if last.lower_ in ("after", "before") and end < len(doc):
        stop = last.sent.end if doc.has_annotation("SENT_START") else len(doc)
        right = min(max(t.i for t in last.subtree), end + 10, stop - 1)
        while right >= end and doc[right].is_punct:
            right -= 1
        end = max(end, right + 1)
    return start - (start > 0 and doc[start - 1].lower_ in PREPS), end

def find_times(doc: Doc) -> list[Span]:
    """Time expressions of a parsed doc, in text order, each with span._.interval set."""
    cands: dict[tuple[int, int], str] = {}  # NER first: its label wins on the same span
    found = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    for s, e, label in found + _rule_matches(doc):
        cands.setdefault(_extend(doc, s, e), label)
    anchor, narrative, out = doc._.published, None, []
    # Only candidates that mean a date compete for their tokens, so "Earlier on Tuesday" (no
    # rule) leaves "on Tuesday" in place; whether one resolves does not depend on the narrative.
    spans = filter_spans([sp for (s, e), lab in cands.items() if resolve(
        (sp := Span(doc, s, e, label=lab)).text, anchor, fallback=lab == "DATE") is not None])
    for span in sorted(spans, key=lambda sp: sp.start):
        iv = resolve(span.text, anchor, narrative, future_hint=_future_hint(span),
                     fallback=span.label_ == "DATE")
        if iv is None:
            continue  # durations ("a decade"), bare numbers ("Kurdistan 24"), ...
        out.append(Span(doc, span.start, span.end, label=span.label_.replace("RULE", "DATE")))
        out[-1]._.interval = iv
        if iv.start is not None and (iv.precision == "day" or not iv.relative):
            narrative = iv.start  # story time moves on
    return out

def time_tagger(doc: Doc) -> Doc:  # the component; module-level, so it pickles for n_process
    doc.spans["times"] = find_times(doc)
    return doc

@Language.factory("blocs_time", assigns=["doc.spans"], requires=["doc.ents"])
def make_time_tagger(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    _matcher(nlp.vocab)  # build the Matcher once, up front
    return time_tagger
