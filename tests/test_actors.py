"""blocs_actors: rules on hand-built parses (no model), then news sentences through the model.

The hand-built Docs state the parse each rule is about (see conftest.build); the model tests
measure how often the whole pipeline gets the country and sector of an actor mention right.
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from blocs.actors.resolver import ActorResolver

from conftest import build


def known_bug(reason: str):
    """A resolver bug or gap, written as the behaviour expected; strict, so a fix shows."""
    return pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)


@pytest.fixture(scope="module")
def blank_nlp():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def resolver(blank_nlp):
    return ActorResolver(blank_nlp)


def _run(resolver, doc, published: dt.date | None = None):
    doc._.published = published
    resolver(doc)
    return list(doc.spans["actors"])


def _span(spans, text: str):
    """The actor span whose text is exactly text."""
    hits = [s for s in spans if s.text == text]
    assert hits, f"no actor span {text!r} in {[s.text for s in spans]}"
    return hits[0]


def _codes(span) -> list[tuple[str | None, str | None]]:
    return [(a.country, a.sector) for a in span._.actors]


# ---------------------------------------------------------------------------- rows
def _p(word, head, dep, pos="PROPN", lemma=None, tag="NNP"):
    return (word, head, dep, pos, lemma if lemma is not None else word, tag)


def _n(word, head, dep, lemma, tag="NNS"):
    return (word, head, dep, "NOUN", lemma, tag)


def _v(word, head, dep, lemma, tag="VBD"):
    return (word, head, dep, "VERB", lemma, tag)


def _x(word, head, dep, pos, tag=None):
    return (word, head, dep, pos, word.lower(), tag or word)


# ---------------------------------------------------------------------------- countries
def test_country_name_subject(blank_nlp, resolver):
    # "Egypt condemned the attack ."
    doc = build(blank_nlp.vocab, [_p("Egypt", 1, "nsubj"),
                                  _v("condemned", 1, "ROOT", "condemn"),
                                  _x("the", 3, "det", "DET", "DT"),
                                  _n("attack", 1, "dobj", "attack", "NN"),
                                  _x(".", 1, "punct", "PUNCT")])
    spans = _run(resolver, doc)
    assert [s.text for s in spans] == ["Egypt"]
    (actor,) = spans[0]._.actors
    assert (actor.country, actor.sector, actor.id) == ("EGY", None, "EGY")
    assert actor.name == "Egypt"


def test_capital_as_metonymy(blank_nlp, resolver):
    # "Moscow announced new talks ."
    doc = build(blank_nlp.vocab, [_p("Moscow", 1, "nsubj"),
                                  _v("announced", 1, "ROOT", "announce"),
                                  ("new", 3, "amod", "ADJ", "new", "JJ"),
                                  _n("talks", 1, "dobj", "talk"),
                                  _x(".", 1, "punct", "PUNCT")])
    spans = _run(resolver, doc)
    assert _codes(_span(spans, "Moscow")) == [("RUS", "GOV")]
    assert [s.text for s in spans] == ["Moscow"]


def test_seat_as_metonymy_keeps_its_sector(blank_nlp, resolver):
    # "The Pentagon denied the report ."
    doc = build(blank_nlp.vocab, [_x("The", 1, "det", "DET", "DT"),
                                  _p("Pentagon", 2, "nsubj"),
                                  _v("denied", 2, "ROOT", "deny"),
                                  _x("the", 4, "det", "DET", "DT"),
                                  _n("report", 2, "dobj", "report", "NN")])
    spans = _run(resolver, doc)
    assert _codes(_span(spans, "Pentagon")) == [("USA", "MIL")]


def test_demonym_and_role_noun(blank_nlp, resolver):
    # "Iraqi officials said ."
    doc = build(blank_nlp.vocab, [("Iraqi", 1, "amod", "ADJ", "iraqi", "JJ"),
                                  _n("officials", 2, "nsubj", "official"),
                                  _v("said", 2, "ROOT", "say"),
                                  _x(".", 2, "punct", "PUNCT")])
    spans = _run(resolver, doc)
    assert [s.text for s in spans] == ["Iraqi officials"]
    assert _codes(spans[0]) == [("IRQ", "GOV")]


def test_country_noun_modifier_and_role(blank_nlp, resolver):
    # "U.S. troops withdrew ."
    doc = build(blank_nlp.vocab, [_p("U.S.", 1, "compound"),
                                  _n("troops", 2, "nsubj", "troop"),
                                  _v("withdrew", 2, "ROOT", "withdraw"),
                                  _x(".", 2, "punct", "PUNCT")])
    spans = _run(resolver, doc)
    assert [s.text for s in spans] == ["U.S. troops"]
    assert _codes(spans[0]) == [("USA", "MIL")]


COORDINATED = [
    # "the Russian , Iranian , and Syrian Deputy Chiefs of Staff met ."
    _x("the", 8, "det", "DET", "DT"),
    ("Russian", 8, "amod", "ADJ", "russian", "JJ"),
    _x(",", 1, "punct", "PUNCT"),
    ("Iranian", 1, "conj", "ADJ", "iranian", "JJ"),
    _x(",", 3, "punct", "PUNCT"),
    _x("and", 3, "cc", "CCONJ", "CC"),
    ("Syrian", 3, "conj", "ADJ", "syrian", "JJ"),
    _p("Deputy", 8, "compound"),
    _p("Chiefs", 11, "nsubj", tag="NNPS"),
    _x("of", 8, "prep", "ADP", "IN"),
    _p("Staff", 9, "pobj"),
    _v("met", 11, "ROOT", "meet"),
    _x(".", 11, "punct", "PUNCT"),
]


def test_coordinated_demonyms_share_one_role_noun(blank_nlp, resolver):
    doc = build(blank_nlp.vocab, COORDINATED)
    spans = _run(resolver, doc)
    span = _span(spans, "Russian , Iranian , and Syrian Deputy Chiefs of Staff")
    assert _codes(span) == [("RUS", "MIL"), ("IRN", "MIL"), ("SYR", "MIL")]
    assert [a.kind for a in span._.actors] == ["state"] * 3  # a plural role: not a person


def test_coordinated_demonyms_make_no_extra_spans(blank_nlp, resolver):
    doc = build(blank_nlp.vocab, COORDINATED)
    spans = _run(resolver, doc)
    assert [s.text for s in spans] == ["Russian , Iranian , and Syrian Deputy Chiefs of Staff"]


def test_coordinated_demonyms_as_compounds(blank_nlp, resolver):
    # Same phrase, the parse the model sometimes gives: Syrian a compound of Chiefs.
    rows = list(COORDINATED)
    rows[6] = ("Syrian", 8, "compound", "ADJ", "syrian", "JJ")
    rows[5] = _x("and", 6, "cc", "CCONJ", "CC")
    doc = build(blank_nlp.vocab, rows)
    spans = _run(resolver, doc)
    head = [s for s in spans if "Chiefs" in s.text]
    assert len(head) == 1
    assert sorted(_codes(head[0])) == [("IRN", "MIL"), ("RUS", "MIL"), ("SYR", "MIL")]


def test_possessive_country(blank_nlp, resolver):
    # "Iran 's Deputy Chief of Staff spoke ."
    doc = build(blank_nlp.vocab, [_p("Iran", 3, "poss"),
                                  _x("'s", 0, "case", "PART", "POS"),
                                  _p("Deputy", 3, "compound"),
                                  _p("Chief", 6, "nsubj"),
                                  _x("of", 3, "prep", "ADP", "IN"),
                                  _p("Staff", 4, "pobj"),
                                  _v("spoke", 6, "ROOT", "speak"),
                                  _x(".", 6, "punct", "PUNCT")])
    spans = _run(resolver, doc)
    assert [s.text for s in spans] == ["Iran 's Deputy Chief of Staff"]
    (actor,) = spans[0]._.actors
    assert (actor.country, actor.sector, actor.kind) == ("IRN", "MIL", "person")


def test_possessive_ministry_is_an_institution(blank_nlp, resolver):
    # "Russia 's Defense Ministry said ."
    doc = build(blank_nlp.vocab, [_p("Russia", 3, "poss"),
                                  _x("'s", 0, "case", "PART", "POS"),
                                  _p("Defense", 3, "compound"),
                                  _p("Ministry", 4, "nsubj"),
                                  _v("said", 4, "ROOT", "say"),
                                  _x(".", 4, "punct", "PUNCT")])
    spans = _run(resolver, doc)
    (actor,) = _span(spans, "Russia 's Defense Ministry")._.actors
    assert (actor.country, actor.sector, actor.kind) == ("RUS", "MIL", "state")


def test_of_phrase_gives_the_country(blank_nlp, resolver):
    # "The army of Iraq advanced ."
    doc = build(blank_nlp.vocab, [_x("The", 1, "det", "DET", "DT"),
                                  _n("army", 4, "nsubj", "army", "NN"),
                                  _x("of", 1, "prep", "ADP", "IN"),
                                  _p("Iraq", 2, "pobj"),
                                  _v("advanced", 4, "ROOT", "advance"),
                                  _x(".", 4, "punct", "PUNCT")])
    spans = _run(resolver, doc)
    army = [s for s in spans if s.root.text == "army"]
    assert len(army) == 1
    assert _codes(army[0]) == [("IRQ", "MIL")]


def test_role_noun_without_country_is_no_actor(blank_nlp, resolver):
    # "Officials said the troops withdrew ." — state sectors need a state
    doc = build(blank_nlp.vocab, [_n("Officials", 1, "nsubj", "official"),
                                  _v("said", 1, "ROOT", "say"),
                                  _x("the", 3, "det", "DET", "DT"),
                                  _n("troops", 4, "nsubj", "troop"),
                                  _v("withdrew", 1, "ccomp", "withdraw"),
                                  _x(".", 1, "punct", "PUNCT")])
    assert _run(resolver, doc) == []


def test_people_role_without_country_is_a_countryless_group(blank_nlp, resolver):
    # "Police arrested protesters ." — people sectors wait for the event's place
    doc = build(blank_nlp.vocab, [_n("Police", 1, "nsubj", "police"),
                                  _v("arrested", 1, "ROOT", "arrest"),
                                  _n("protesters", 1, "dobj", "protester"),
                                  _x(".", 1, "punct", "PUNCT")])
    spans = _run(resolver, doc)
    assert [(s.text, _codes(s)) for s in spans] == [("Police", [(None, "COP")]),
                                                    ("protesters", [(None, "CVL")])]
    assert {a.kind for s in spans for a in s._.actors} == {"group"}


# ---------------------------------------------------------------------------- organisations
def test_org_sector_follows_the_date(blank_nlp, resolver):
    # "Taliban seized Kunduz" before and after the Taliban took Kabul (2021-08-15).
    rows = [_p("Taliban", 1, "nsubj"), _v("seized", 1, "ROOT", "seize"),
            _p("Kunduz", 1, "dobj")]
    (span,) = _run(resolver, build(blank_nlp.vocab, rows), dt.date(2015, 9, 28))
    assert (span.text, _codes(span)) == ("Taliban", [("AFG", "REB")])
    (span,) = _run(resolver, build(blank_nlp.vocab, rows), dt.date(2023, 3, 1))
    assert _codes(span) == [("AFG", "GOV")]
    assert span._.actors[0].id == "TALIBAN"


def test_org_with_role_noun_keeps_the_org(blank_nlp, resolver):
    # "Hezbollah fighters crossed ." → the org, with the role's sector
    doc = build(blank_nlp.vocab, [_p("Hezbollah", 1, "compound"),
                                  _n("fighters", 2, "nsubj", "fighter"),
                                  _v("crossed", 2, "ROOT", "cross")])
    spans = _run(resolver, doc)
    (actor,) = _span(spans, "Hezbollah fighters")._.actors
    assert (actor.id, actor.country, actor.sector) == ("HEZBOLLAH", "LBN", "REB")


def test_forces_loyal_to_an_org(blank_nlp, resolver):
    # "Fighters loyal to Hezbollah advanced ."
    doc = build(blank_nlp.vocab, [_n("Fighters", 4, "nsubj", "fighter"),
                                  ("loyal", 0, "amod", "ADJ", "loyal", "JJ"),
                                  _x("to", 1, "prep", "ADP", "IN"),
                                  _p("Hezbollah", 2, "pobj"),
                                  _v("advanced", 4, "ROOT", "advance")])
    spans = _run(resolver, doc)
    (actor,) = _span(spans, "Fighters")._.actors
    assert (actor.id, actor.sector) == ("HEZBOLLAH", "REB")


def test_islamic_state_acronym(blank_nlp, resolver):
    # "IS claimed the bombing ."
    doc = build(blank_nlp.vocab, [_p("IS", 1, "nsubj"), _v("claimed", 1, "ROOT", "claim"),
                                  _x("the", 3, "det", "DET", "DT"),
                                  _n("bombing", 1, "dobj", "bombing", "NN")])
    (span,) = _run(resolver, doc)
    assert (span.text, span._.actors[0].id, span._.actors[0].sector) == ("IS", "ISIL", "REB")


# ---------------------------------------------------------------------------- people
TITLED = [
    # "Russian President Vladimir Putin arrived . Putin met officials . He left ."
    ("Russian", 3, "amod", "ADJ", "russian", "JJ"),
    _p("President", 3, "compound"),
    _p("Vladimir", 3, "compound"),
    _p("Putin", 4, "nsubj"),
    _v("arrived", 4, "ROOT", "arrive"),
    _x(".", 4, "punct", "PUNCT"),
    _p("Putin", 7, "nsubj"),
    _v("met", 7, "ROOT", "meet"),
    _n("officials", 7, "dobj", "official"),
    _x(".", 7, "punct", "PUNCT"),
    ("He", 11, "nsubj", "PRON", "he", "PRP"),
    _v("left", 11, "ROOT", "leave"),
    _x(".", 11, "punct", "PUNCT"),
]


def _renamed(rows, old: str, new: str):
    return [(new if r[0] == old else r[0], r[1], r[2], r[3],
             new if r[4] == old else r[4], r[5]) for r in rows]


def test_titled_name_teaches_memory(blank_nlp, resolver):
    doc = build(blank_nlp.vocab, TITLED)
    spans = _run(resolver, doc, dt.date(2018, 9, 3))
    first = [s for s in spans if s.end == 4]
    assert first and _codes(first[0]) == [("RUS", "GOV")]
    later = [s for s in spans if s.start == 6]
    assert [s.text for s in later] == ["Putin"]
    assert _codes(later[0]) == [("RUS", "GOV")]
    assert later[0]._.actors[0].kind == "person"


def test_titled_unknown_name_teaches_memory(blank_nlp, resolver):
    # A name no dictionary lists: only the title can tell who "Dravik" is.
    rows = _renamed(_renamed(TITLED, "Putin", "Dravik"), "Vladimir", "Oleg")
    doc = build(blank_nlp.vocab, rows, ents=["B-NORP", "O", "B-PERSON", "I-PERSON"] +
                ["O"] * 2 + ["B-PERSON"] + ["O"] * 6)
    spans = _run(resolver, doc, dt.date(2018, 9, 3))
    assert _codes(_span(spans, "Oleg Dravik")) == [("RUS", "GOV")]
    later = [s for s in spans if s.start == 6]
    assert [s.text for s in later] == ["Dravik"]
    assert _codes(later[0]) == [("RUS", "GOV")]


def test_pronoun_is_the_last_person(blank_nlp, resolver):
    doc = build(blank_nlp.vocab, TITLED)
    spans = _run(resolver, doc, dt.date(2018, 9, 3))
    he = _span(spans, "He")
    assert _codes(he) == [("RUS", "GOV")]
    assert he._.actors[0].kind == "person"


def test_pronoun_without_a_person_is_no_actor(blank_nlp, resolver):
    # "Egypt said he left ."
    doc = build(blank_nlp.vocab, [_p("Egypt", 1, "nsubj"), _v("said", 1, "ROOT", "say"),
                                  ("he", 3, "nsubj", "PRON", "he", "PRP"),
                                  _v("left", 1, "ccomp", "leave")])
    assert [s.text for s in _run(resolver, doc)] == ["Egypt"]


def test_titled_name_demonym_is_not_a_separate_actor(blank_nlp, resolver):
    doc = build(blank_nlp.vocab, TITLED)
    spans = _run(resolver, doc, dt.date(2018, 9, 3))
    assert "Russian" not in [s.text for s in spans]


DESCRIBED = [
    # "Hadi al-Amiri , head of the Badr Organization , spoke . Amiri warned ."
    _p("Hadi", 1, "compound"),
    _p("al-Amiri", 9, "nsubj"),
    _x(",", 1, "punct", "PUNCT"),
    _n("head", 1, "appos", "head", "NN"),
    _x("of", 3, "prep", "ADP", "IN"),
    _x("the", 7, "det", "DET", "DT"),
    _p("Badr", 7, "compound"),
    _p("Organization", 4, "pobj"),
    _x(",", 1, "punct", "PUNCT"),
    _v("spoke", 9, "ROOT", "speak"),
    _x(".", 9, "punct", "PUNCT"),
    _p("Amiri", 12, "nsubj"),
    _v("warned", 12, "ROOT", "warn"),
    _x(".", 12, "punct", "PUNCT"),
]


def test_described_name(blank_nlp, resolver):
    doc = build(blank_nlp.vocab, DESCRIBED)
    spans = _run(resolver, doc)
    (amiri,) = _span(spans, "Hadi al-Amiri")._.actors
    assert (amiri.id, amiri.country, amiri.kind) == ("BADR", "IRQ", "person")
    assert _codes(_span(spans, "Badr Organization"))[0][0] == "IRQ"


def test_described_name_teaches_memory(blank_nlp, resolver):
    # Same shape without a name particle: "Qasim Farhadi , head of the Badr Organization ,
    # spoke . Farhadi warned ."
    rows = _renamed(_renamed(_renamed(DESCRIBED, "Hadi", "Qasim"), "al-Amiri", "Farhadi"),
                    "Amiri", "Farhadi")
    spans = _run(resolver, build(blank_nlp.vocab, rows))
    assert _span(spans, "Qasim Farhadi")._.actors[0].id == "BADR"
    later = [s for s in spans if s.start == 11]
    assert [s.text for s in later] == ["Farhadi"]
    assert later[0]._.actors[0].id == "BADR"


def test_described_particle_name_teaches_memory(blank_nlp, resolver):
    spans = _run(resolver, build(blank_nlp.vocab, DESCRIBED))
    (later,) = _span(spans, "Amiri")._.actors
    assert later.id == "BADR"


def test_possessive_role_apposition_teaches_the_name(blank_nlp, resolver):
    # "Iran 's Deputy Chief of Staff , Brig. Gen. Qadir Nezami , spoke . Nezami warned ."
    doc = build(blank_nlp.vocab, [_p("Iran", 3, "poss"),
                                  _x("'s", 0, "case", "PART", "POS"),
                                  _p("Deputy", 3, "compound"),
                                  _p("Chief", 12, "nsubj"),
                                  _x("of", 3, "prep", "ADP", "IN"),
                                  _p("Staff", 4, "pobj"),
                                  _x(",", 3, "punct", "PUNCT"),
                                  _p("Brig.", 10, "compound"),
                                  _p("Gen.", 10, "compound"),
                                  _p("Qadir", 10, "compound"),
                                  _p("Nezami", 3, "appos"),
                                  _x(",", 3, "punct", "PUNCT"),
                                  _v("spoke", 12, "ROOT", "speak"),
                                  _x(".", 12, "punct", "PUNCT"),
                                  _p("Nezami", 15, "nsubj"),
                                  _v("warned", 15, "ROOT", "warn")])
    spans = _run(resolver, doc)
    later = [s for s in spans if s.start == 14]
    assert [s.text for s in later] == ["Nezami"]
    assert _codes(later[0]) == [("IRN", "MIL")]


# ---------------------------------------------------------------------------- groups
def test_group_anaphora_four_countries(blank_nlp, resolver):
    # "Iraq , Russia , Syria and Iran signed a pact . The four countries will share data ."
    doc = build(blank_nlp.vocab, [_p("Iraq", 7, "nsubj"),
                                  _x(",", 0, "punct", "PUNCT"),
                                  _p("Russia", 0, "conj"),
                                  _x(",", 2, "punct", "PUNCT"),
                                  _p("Syria", 2, "conj"),
                                  _x("and", 4, "cc", "CCONJ", "CC"),
                                  _p("Iran", 4, "conj"),
                                  _v("signed", 7, "ROOT", "sign"),
                                  _x("a", 9, "det", "DET", "DT"),
                                  _n("pact", 7, "dobj", "pact", "NN"),
                                  _x(".", 7, "punct", "PUNCT"),
                                  _x("The", 13, "det", "DET", "DT"),
                                  ("four", 13, "nummod", "NUM", "four", "CD"),
                                  _n("countries", 15, "nsubj", "country"),
                                  ("will", 15, "aux", "AUX", "will", "MD"),
                                  _v("share", 15, "ROOT", "share", "VB"),
                                  _n("data", 15, "dobj", "data", "NN"),
                                  _x(".", 15, "punct", "PUNCT")])
    spans = _run(resolver, doc)
    for name, iso in [("Iraq", "IRQ"), ("Russia", "RUS"), ("Syria", "SYR"), ("Iran", "IRN")]:
        assert _codes(_span(spans, name)) == [(iso, None)]
    group = _span(spans, "four countries")
    assert [a.country for a in group._.actors] == ["IRQ", "RUS", "SYR", "IRN"]


def test_both_sides_after_a_pair(blank_nlp, resolver):
    # "Armenia and Azerbaijan clashed . Both sides blamed Russia ."
    doc = build(blank_nlp.vocab, [_p("Armenia", 3, "nsubj"),
                                  _x("and", 0, "cc", "CCONJ", "CC"),
                                  _p("Azerbaijan", 0, "conj"),
                                  _v("clashed", 3, "ROOT", "clash"),
                                  _x(".", 3, "punct", "PUNCT"),
                                  _x("Both", 6, "det", "DET", "DT"),
                                  _n("sides", 7, "nsubj", "side"),
                                  _v("blamed", 7, "ROOT", "blame"),
                                  _p("Russia", 7, "dobj"),
                                  _x(".", 7, "punct", "PUNCT")])
    spans = _run(resolver, doc)
    sides = [s for s in spans if s.root.text == "sides"]
    assert len(sides) == 1
    assert [a.country for a in sides[0]._.actors] == ["ARM", "AZE"]
    # A pair named later is not what "both sides" pointed back to.
    assert _codes(_span(spans, "Russia")) == [("RUS", None)]


def test_group_noun_without_a_group_is_no_actor(blank_nlp, resolver):
    # "The two countries talked ." with nothing before it
    doc = build(blank_nlp.vocab, [_x("The", 2, "det", "DET", "DT"),
                                  ("two", 2, "nummod", "NUM", "two", "CD"),
                                  _n("countries", 3, "nsubj", "country"),
                                  _v("talked", 3, "ROOT", "talk")])
    assert _run(resolver, doc) == []


def test_group_of_wrong_size_is_not_used(blank_nlp, resolver):
    # "Iraq and Iran met . The three countries ..." — no group of three
    doc = build(blank_nlp.vocab, [_p("Iraq", 3, "nsubj"),
                                  _x("and", 0, "cc", "CCONJ", "CC"),
                                  _p("Iran", 0, "conj"),
                                  _v("met", 3, "ROOT", "meet"),
                                  _x(".", 3, "punct", "PUNCT"),
                                  _x("The", 7, "det", "DET", "DT"),
                                  ("three", 7, "nummod", "NUM", "three", "CD"),
                                  _n("countries", 8, "nsubj", "country"),
                                  _v("agreed", 8, "ROOT", "agree")])
    assert [s.text for s in _run(resolver, doc)] == ["Iraq", "Iran"]


# ---------------------------------------------------------------------------- user files
def test_user_file_changes_resolution(blank_nlp, tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text("orgs:\n  - id: ZZFRONT\n    name: Zeta Front\n    names: [Zeta Front]\n"
                    "    country: COL\n    sector: REB\n"
                    "roles:\n  CVL:\n    - shopkeepers\n", encoding="utf-8")
    resolver = ActorResolver(blank_nlp, extra_files=(str(path),))
    # "Zeta Front attacked Colombian shopkeepers ."
    doc = build(blank_nlp.vocab, [_p("Zeta", 1, "compound"), _p("Front", 2, "nsubj"),
                                  _v("attacked", 2, "ROOT", "attack"),
                                  ("Colombian", 4, "amod", "ADJ", "colombian", "JJ"),
                                  _n("shopkeepers", 2, "dobj", "shopkeeper"),
                                  _x(".", 2, "punct", "PUNCT")])
    spans = _run(resolver, doc)
    assert [(s.text, _codes(s)) for s in spans] == [
        ("Zeta Front", [("COL", "REB")]), ("Colombian shopkeepers", [("COL", "CVL")])]


# ---------------------------------------------------------------------------- model
PUBLISHED = dt.date(2024, 5, 15)

# Short news-style sentences written for these tests, each with the actor mentions the
# resolver should find: (text inside the mention's span, ISO3 or None, sector or None).
# Organisations without a home country (UN, NATO, Islamic State) have country None.
NEWS: list[tuple[str, list[tuple[str, str | None, str | None]]]] = [
    # --- Africa
    ("Kenyan police fired tear gas at demonstrators in Nairobi on Tuesday.",
     [("Kenyan police", "KEN", "COP")]),
    ("Nigerian troops killed dozens of Boko Haram fighters in Borno state.",
     [("Nigerian troops", "NGA", "MIL"), ("Boko Haram", "NGA", "REB")]),
    ("Ethiopian federal forces fought Fano militiamen in the Amhara region.",
     [("Ethiopian federal forces", "ETH", "MIL"), ("Fano", "ETH", "REB")]),
    ("The Rapid Support Forces shelled a market in El Fasher.",
     [("Rapid Support Forces", "SDN", "REB")]),
    ("Somali troops drove al-Shabaab militants out of two villages near Mogadishu.",
     [("Somali troops", "SOM", "MIL"), ("al-Shabaab", "SOM", "REB")]),
    ("Congolese troops battled M23 rebels in North Kivu.",
     [("Congolese troops", "COD", "MIL"), ("M23", "COD", "REB")]),
    ("Rwanda denied arming the rebels.", [("Rwanda", "RWA", None)]),
    ("South African President Cyril Ramaphosa addressed parliament in Cape Town.",
     [("Ramaphosa", "ZAF", "GOV")]),
    ("Zimbabwean journalists were detained at a rally in Harare.",
     [("Zimbabwean journalists", "ZWE", "MED")]),
    ("The African Union suspended Niger after the coup.",
     [("African Union", None, "IGO"), ("Niger", "NER", None)]),
    ("Rabat recalled its ambassador from Algiers.", [("Rabat", "MAR", "GOV")]),
    ("Tunisian judges went on strike over the dismissals.",
     [("Tunisian judges", "TUN", "JUD")]),
    ("The Libyan National Army advanced toward Tripoli.",
     [("Libyan National Army", "LBY", "REB")]),
    ("Abuja announced a ceasefire with the separatists.", [("Abuja", "NGA", "GOV")]),
    ("The Wagner Group sent more fighters to Mali.", [("Wagner Group", "RUS", "MIL")]),
    # --- Americas
    ("Brasilia recalled its ambassador after the dispute.", [("Brasilia", "BRA", "GOV")]),
    ("Mexican soldiers clashed with gunmen from the Sinaloa Cartel.",
     [("Mexican soldiers", "MEX", "MIL"), ("Sinaloa Cartel", "MEX", "UAF")]),
    ("Colombia's government resumed peace talks with the ELN.",
     [("government", "COL", "GOV"), ("ELN", "COL", "REB")]),
    ("Venezuelan opposition leaders called for new elections.",
     [("Venezuelan opposition leaders", "VEN", "OPP")]),
    ("Argentine farmers blocked highways to protest export taxes.",
     [("Argentine farmers", "ARG", "CVL")]),
    ("Canada expelled two Indian diplomats.",
     [("Canada", "CAN", None), ("Indian diplomats", "IND", "GOV")]),
    ("Havana accused Washington of tightening the embargo.",
     [("Havana", "CUB", "GOV"), ("Washington", "USA", "GOV")]),
    ("Haitian police battled gangs in Port-au-Prince.", [("Haitian police", "HTI", "COP")]),
    ("Peruvian protesters demanded the resignation of the president.",
     [("Peruvian protesters", "PER", "CVL")]),
    ("Chile's Supreme Court ruled against the mining company.",
     [("Supreme Court", "CHL", "JUD")]),
    ("Bolivian soldiers surrounded the presidential palace in La Paz.",
     [("Bolivian soldiers", "BOL", "MIL")]),
    ("The Pentagon said American forces shot down three drones.",
     [("Pentagon", "USA", "MIL"), ("American forces", "USA", "MIL")]),
    ("Washington imposed new sanctions on Russian banks.",
     [("Washington", "USA", "GOV"), ("Russian banks", "RUS", "BUS")]),
    ("U.S. Secretary of State Antony Blinken arrived in Cairo.",
     [("Blinken", "USA", "GOV")]),
    # --- Europe
    ("Ukraine's Foreign Ministry summoned the Hungarian ambassador.",
     [("Foreign Ministry", "UKR", "GOV"), ("Hungarian ambassador", "HUN", "GOV")]),
    ("Polish lawmakers approved a larger defence budget.", [("Polish lawmakers", "POL", "LEG")]),
    ("The Kremlin rejected the proposal.", [("Kremlin", "RUS", "GOV")]),
    ("French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris.",
     [("Macron", "FRA", "GOV"), ("Scholz", "DEU", "GOV")]),
    ("Downing Street said the talks would continue.", [("Downing Street", "GBR", "GOV")]),
    ("British and French warships escorted the convoy.",
     [("warships", "GBR", "MIL"), ("warships", "FRA", "MIL")]),
    ("A Spanish court sentenced the former mayor to six years.",
     [("Spanish court", "ESP", "JUD")]),
    ("The Italian coast guard rescued hundreds of migrants.",
     [("Italian coast guard", "ITA", "MIL")]),
    ("Greek farmers protested outside parliament in Athens.", [("Greek farmers", "GRC", "CVL")]),
    ("Serbian President Aleksandar Vucic put the army on alert.",
     [("Vucic", "SRB", "GOV")]),
    ("Kosovo police closed two border crossings.", [("Kosovo police", "XKX", "COP")]),
    ("Georgian protesters rallied against the new law in Tbilisi.",
     [("Georgian protesters", "GEO", "CVL")]),
    ("Hungarian Prime Minister Viktor Orban vetoed the aid package.",
     [("Orban", "HUN", "GOV")]),
    ("Finnish border guards closed the crossings with Russia.",
     [("Finnish border guards", "FIN", "MIL"), ("Russia", "RUS", None)]),
    ("Estonian intelligence warned of sabotage plots.", [("Estonian intelligence", "EST", "SPY")]),
    ("Ukrainian drones struck an oil refinery in southern Russia.",
     [("Ukrainian drones", "UKR", "MIL")]),
    ("Dutch prosecutors charged four men with spying.", [("Dutch prosecutors", "NLD", "JUD")]),
    ("Belarusian President Alexander Lukashenko pardoned the activist.",
     [("Lukashenko", "BLR", "GOV")]),
    ("Swiss voters rejected the proposal in a referendum.", [("Swiss voters", "CHE", "CVL")]),
    ("NATO foreign ministers met in Brussels.", [("NATO", None, "IGO")]),
    # --- Middle East and North Africa
    ("Tehran warned Washington against further strikes.",
     [("Tehran", "IRN", "GOV"), ("Washington", "USA", "GOV")]),
    ("Houthi rebels fired a missile at a tanker in the Red Sea.",
     [("Houthi rebels", "YEM", "REB")]),
    ("Turkish jets struck PKK positions in northern Iraq.",
     [("Turkish jets", "TUR", "MIL"), ("PKK", "TUR", "REB")]),
    ("Ankara summoned the Swedish envoy.",
     [("Ankara", "TUR", "GOV"), ("Swedish envoy", "SWE", "GOV")]),
    ("Israeli troops raided a refugee camp near Jenin.", [("Israeli troops", "ISR", "MIL")]),
    ("Palestinian protesters threw stones at the soldiers.",
     [("Palestinian protesters", "PSE", "CVL")]),
    ("Lebanese army units deployed along the southern border.",
     [("Lebanese army", "LBN", "MIL")]),
    ("Hezbollah fighters fired rockets into northern Israel.",
     [("Hezbollah fighters", "LBN", "REB")]),
    ("Syrian rebels captured a town near Aleppo.", [("Syrian rebels", "SYR", "REB")]),
    ("Iraqi officials said the talks had failed.", [("Iraqi officials", "IRQ", "GOV")]),
    ("Iraqis voted in provincial elections on Monday.", [("Iraqis", "IRQ", None)]),
    ("Egyptian mediators met Hamas leaders in Cairo.", [("Hamas", "PSE", "PTY")]),
    ("Saudi Arabia restored diplomatic ties with Qatar.",
     [("Saudi Arabia", "SAU", None), ("Qatar", "QAT", None)]),
    ("The Saudi-led coalition struck targets in Sanaa.",
     [("Saudi-led coalition", "SAU", "MIL")]),
    ("Kuwaiti lawmakers questioned the oil minister.", [("Kuwaiti lawmakers", "KWT", "LEG")]),
    ("Omani diplomats brokered the prisoner exchange.", [("Omani diplomats", "OMN", "GOV")]),
    ("Islamic State claimed the bombing in Kabul.", [("Islamic State", None, "REB")]),
    ("Jordan's foreign minister flew to Damascus.", [("foreign minister", "JOR", "GOV")]),
    ("The Iranian Revolutionary Guards seized a tanker in the Gulf.",
     [("Revolutionary Guards", "IRN", "MIL")]),
    ("Israel's Defense Ministry approved the arms sale.",
     [("Defense Ministry", "ISR", "MIL")]),
    # --- South and Central Asia
    ("Pakistani security forces raided a militant hideout in Balochistan.",
     [("Pakistani security forces", "PAK", "MIL")]),
    ("The Taliban banned girls from secondary schools.", [("Taliban", "AFG", "GOV")]),
    ("Bangladeshi students marched on the parliament in Dhaka.",
     [("Bangladeshi students", "BGD", "EDU")]),
    ("Sri Lankan police arrested several opposition activists.",
     [("Sri Lankan police", "LKA", "COP")]),
    ("Indian and Chinese soldiers clashed in the Himalayas.",
     [("soldiers", "IND", "MIL"), ("soldiers", "CHN", "MIL")]),
    ("Kazakh authorities detained hundreds after the riots.",
     [("Kazakh authorities", "KAZ", "GOV")]),
    ("Tashkent signed a gas deal with Moscow.",
     [("Tashkent", "UZB", "GOV"), ("Moscow", "RUS", "GOV")]),
    ("Afghans fled across the border into Iran.", [("Afghans", "AFG", None)]),
    ("Armenian and Azerbaijani negotiators met in Almaty.",
     [("negotiators", "ARM", "GOV"), ("negotiators", "AZE", "GOV")]),
    ("New Delhi protested the remarks by the Pakistani foreign minister.",
     [("New Delhi", "IND", "GOV"), ("Pakistani foreign minister", "PAK", "GOV")]),
    # --- East and Southeast Asia, Oceania
    ("Japanese officials protested the missile launch.", [("Japanese officials", "JPN", "GOV")]),
    ("Tokyo lodged a formal complaint with Beijing.",
     [("Tokyo", "JPN", "GOV"), ("Beijing", "CHN", "GOV")]),
    ("Chinese warships sailed near the disputed islands.", [("Chinese warships", "CHN", "MIL")]),
    ("North Korea fired a ballistic missile into the sea.", [("North Korea", "PRK", None)]),
    ("South Korean and American troops began joint drills.",
     [("troops", "KOR", "MIL"), ("troops", "USA", "MIL")]),
    ("Taiwanese officials accused Beijing of intimidation.",
     [("Taiwanese officials", "TWN", "GOV"), ("Beijing", "CHN", "GOV")]),
    ("Myanmar's military junta bombed villages held by the Arakan Army.",
     [("junta", "MMR", "GOV"), ("Arakan Army", "MMR", "REB")]),  # roles.yaml: a ruling junta is GOV
    ("Thai prosecutors charged the former prime minister.", [("Thai prosecutors", "THA", "JUD")]),
    ("Indonesian police arrested three suspected militants in Java.",
     [("Indonesian police", "IDN", "COP")]),
    ("The Philippine coast guard accused Chinese vessels of ramming its boat.",
     [("Philippine coast guard", "PHL", "MIL")]),
    ("Vietnamese diplomats held talks in Hanoi.", [("Vietnamese diplomats", "VNM", "GOV")]),
    ("Malaysian police seized a large haul of drugs.", [("Malaysian police", "MYS", "COP")]),
    ("Australian Prime Minister Anthony Albanese visited Port Moresby.",
     [("Albanese", "AUS", "GOV")]),
    ("New Zealand's foreign minister criticised the deal.", [("foreign minister", "NZL", "GOV")]),
    ("Fijian soldiers joined the peacekeeping mission.", [("Fijian soldiers", "FJI", "MIL")]),
    ("Papua New Guinea's government declared a state of emergency.",
     [("government", "PNG", "GOV")]),
    ("Mongolia's parliament approved the budget.", [("parliament", "MNG", "LEG")]),
    # --- international bodies and "X-led" forms
    ("The UN Security Council condemned the attack.", [("Security Council", None, "IGO")]),
    ("Amnesty International accused Egyptian authorities of torture.",
     [("Amnesty International", None, "NGO"), ("Egyptian authorities", "EGY", "GOV")]),
    ("The US-led coalition carried out air strikes in Syria.",
     [("US-led coalition", "USA", "MIL")]),
    ("A Kenyan-led police force arrived in Haiti.", [("police force", "KEN", "COP")]),
    ("ECOWAS leaders threatened military intervention.", [("ECOWAS", None, "IGO")]),
    # --- seats, X-led / X-backed forms, titled and remembered leaders, coordination
    ("Peshmerga fighters repelled the attack near Kirkuk.", [("Peshmerga", "IRQ", "MIL")]),
    ("The CIA warned that the plot was still active.", [("CIA", "USA", "SPY")]),
    ("The Bundestag voted to send tanks to Ukraine.",
     [("Bundestag", "DEU", "LEG"), ("Ukraine", "UKR", None)]),
    ("The Knesset passed the judicial overhaul bill.", [("Knesset", "ISR", "LEG")]),
    ("The Elysee said the president would travel to Algiers.", [("Elysee", "FRA", "GOV")]),
    ("Beijing's foreign ministry rejected the accusation.", [("foreign ministry", "CHN", "GOV")]),
    ("Russian-backed separatists shelled the town.", [("separatists", "RUS", "REB")]),
    ("Iran-backed militias attacked a base in eastern Syria.", [("militias", "IRN", "REB")]),
    ("A French-led naval force patrolled the Gulf of Guinea.", [("naval force", "FRA", "MIL")]),
    ("Hamas leader Yahya Sinwar rejected the offer.", [("Sinwar", "PSE", "PTY")]),
    ("Iranian President Masoud Pezeshkian flew to Baghdad. Pezeshkian met Iraqi leaders there.",
     [("Pezeshkian", "IRN", "GOV"), ("Iraqi leaders", "IRQ", "GOV")]),
    ("Egypt's President Abdel Fattah el-Sisi met Qatar's emir.",
     [("Sisi", "EGY", "GOV"), ("emir", "QAT", "GOV")]),
    ("Ukrainian soldiers and Russian troops exchanged fire overnight.",
     [("Ukrainian soldiers", "UKR", "MIL"), ("Russian troops", "RUS", "MIL")]),
    ("Thousands of Venezuelans crossed into Colombia.", [("Venezuelans", "VEN", None)]),
    ("Nicaraguan authorities closed another university.",
     [("Nicaraguan authorities", "NIC", "GOV")]),
    ("Guatemalan prosecutors raided the electoral tribunal.",
     [("Guatemalan prosecutors", "GTM", "JUD")]),
    ("Ecuador's president declared a state of emergency.", [("president", "ECU", "GOV")]),
    ("The Taliban government in Kabul rejected the report.", [("Taliban", "AFG", "GOV")]),
    ("Islamabad accused Kabul of sheltering militants.",
     [("Islamabad", "PAK", "GOV"), ("Kabul", "AFG", "GOV")]),
    ("The Saudi crown prince hosted the Syrian president in Riyadh.",
     [("Saudi crown prince", "SAU", "GOV"), ("Syrian president", "SYR", "GOV")]),
    ("Algerian and Moroccan diplomats traded accusations at the UN.",
     [("diplomats", "DZA", "GOV"), ("diplomats", "MAR", "GOV")]),
    ("The Sudanese army retook the presidential palace in Khartoum.",
     [("Sudanese army", "SDN", "MIL")]),
    ("Lithuanian and Latvian officials condemned the incursion.",
     [("officials", "LTU", "GOV"), ("officials", "LVA", "GOV")]),
    ("Seoul summoned the Japanese ambassador over the textbook.",
     [("Seoul", "KOR", "GOV"), ("Japanese ambassador", "JPN", "GOV")]),
    ("Cambodian villagers fled the shelling.", [("Cambodian villagers", "KHM", "CVL")]),
    ("Chadian rebels attacked an army post.", [("Chadian rebels", "TCD", "REB")]),
    ("Burkinabe soldiers killed several jihadists.", [("Burkinabe soldiers", "BFA", "MIL")]),
    ("Mozambican police opened fire on protesters in Maputo.",
     [("Mozambican police", "MOZ", "COP")]),
    ("Cameroonian troops clashed with Ambazonian separatists.",
     [("Cameroonian troops", "CMR", "MIL"), ("Ambazonian separatists", "CMR", "REB")]),
    ("Yemen's Houthis seized a cargo ship.", [("Houthis", "YEM", "REB")]),
    ("Turkish President Recep Tayyip Erdogan spoke with Putin by phone.",
     [("Erdogan", "TUR", "GOV"), ("Putin", "RUS", "GOV")]),
    ("Brazilian President Luiz Inacio Lula da Silva met Argentine leaders.",
     [("Lula", "BRA", "GOV"), ("Argentine leaders", "ARG", "GOV")]),
    ("UN peacekeepers came under fire in southern Lebanon.", [("peacekeepers", None, "IGO")]),
    ("Moldovan police detained pro-Russian activists.", [("Moldovan police", "MDA", "COP")]),
    ("The Iraqi government and Kurdish authorities agreed on oil exports.",
     [("Iraqi government", "IRQ", "GOV")]),
    ("Mali's junta expelled the French ambassador.",
     [("junta", "MLI", "GOV"), ("French ambassador", "FRA", "GOV")]),
    ("The Qatari foreign ministry said talks would resume.",
     [("Qatari foreign ministry", "QAT", "GOV")]),
    ("Kenya's High Court blocked the deployment.", [("High Court", "KEN", "JUD")]),
    ("Pakistan's army chief visited Washington.", [("army chief", "PAK", "MIL")]),
    ("Chinese coast guard ships blocked Philippine supply boats.",
     [("Chinese coast guard", "CHN", "MIL")]),
]

COUNTRY_FLOOR = 0.95
SECTOR_FLOOR = 0.85


def _parse(nlp, text: str, published: dt.date = PUBLISHED):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def _check(doc, mention: str, country: str | None, sector: str | None) -> tuple[bool, bool]:
    """(country right, sector right) for one expected mention: some actor span whose text
    contains mention carries an actor of that country, and one of those has that sector."""
    spans = [s for s in doc.spans["actors"] if mention in s.text]
    actors = [a for s in spans for a in s._.actors or [] if a.country == country]
    return bool(actors), any(a.sector == sector for a in actors)


def _describe(doc) -> str:
    return "; ".join(f"{s.text!r}=" + ",".join(f"{a.country}/{a.sector}" for a in s._.actors)
                     for s in doc.spans["actors"]) or "no actors"


def test_news_sentences_are_varied():
    assert len(NEWS) >= 60
    assert len({text for text, _ in NEWS}) == len(NEWS)
    countries = {c for _, expected in NEWS for _, c, _ in expected if c}
    assert len(countries) >= 60


@pytest.mark.model
def test_news_sentences_country_and_sector_rates(nlp):
    total = country_ok = sector_ok = 0
    failures: list[str] = []
    for text, expected in NEWS:
        doc = _parse(nlp, text)
        for mention, country, sector in expected:
            c_ok, s_ok = _check(doc, mention, country, sector)
            total += 1
            country_ok += c_ok
            sector_ok += s_ok
            if not (c_ok and s_ok):
                failures.append(f"{text!r}: expected {mention!r} {country}/{sector}"
                                f" ({'sector' if c_ok else 'country'} wrong);"
                                f" got {_describe(doc)}")
    country_rate, sector_rate = country_ok / total, sector_ok / total
    print(f"\nactor mentions: {total}; country right {country_rate:.1%}, "
          f"sector right {sector_rate:.1%}")
    message = "\n".join([f"country {country_rate:.1%}, sector {sector_rate:.1%}", *failures])
    assert country_rate >= COUNTRY_FLOOR, message
    assert sector_rate >= SECTOR_FLOOR, message


def _actor_spans(nlp, text: str, published: dt.date = PUBLISHED):
    doc = _parse(nlp, text, published)  # the span group needs its Doc alive while read
    return list(doc.spans["actors"])


def _containing(spans, text: str):
    hits = [s for s in spans if text in s.text]
    assert hits, f"no actor span containing {text!r} in {[s.text for s in spans]}"
    return hits[0]


@pytest.mark.model
def test_model_coordinated_deputy_chiefs(nlp):
    spans = _actor_spans(nlp, "Iraqi Prime Minister Mohammed Shia al-Sudani met the Russian, "
                              "Iranian, and Syrian Deputy Chiefs of Staff.")
    chiefs = _containing(spans, "Deputy Chiefs of Staff")
    assert chiefs.text.startswith("Russian")
    assert _codes(chiefs) == [("RUS", "MIL"), ("IRN", "MIL"), ("SYR", "MIL")]
    assert _codes(_containing(spans, "Sudani")) == [("IRQ", "GOV")]


@pytest.mark.model
def test_model_group_anaphora_and_pronoun(nlp):
    spans = _actor_spans(nlp, "Iraq, Russia, Syria and Iran set up a joint center. "
                              "The four countries will share intelligence.")
    group = _containing(spans, "four countries")
    assert [a.country for a in group._.actors] == ["IRQ", "RUS", "SYR", "IRN"]
    spans = _actor_spans(nlp, "Armenia and Azerbaijan traded fire on the border. "
                              "Both sides blamed each other for the clash.")
    assert [a.country for a in _containing(spans, "sides")._.actors] == ["ARM", "AZE"]
    spans = _actor_spans(nlp, "Russian President Vladimir Putin arrived in Ankara. "
                              "He met Turkish officials.")
    he = [s for s in spans if s.text == "He"]
    assert he and _codes(he[0]) == [("RUS", "GOV")]


@pytest.mark.model
def test_model_title_teaches_an_unknown_name(nlp):
    spans = _actor_spans(nlp, "Russian Deputy Foreign Minister Oleg Dravik arrived in "
                              "Damascus. Dravik met Syrian officials.")
    later = [s for s in spans if s.text == "Dravik"]
    assert later and _codes(later[0]) == [("RUS", "GOV")]
    assert _codes(_containing(spans, "Syrian officials")) == [("SYR", "GOV")]


@pytest.mark.model
def test_model_org_sector_by_date(nlp):
    text = "The Taliban attacked a checkpoint in Helmand."
    before = _containing(_actor_spans(nlp, text, dt.date(2015, 6, 1)), "Taliban")
    after = _containing(_actor_spans(nlp, text, dt.date(2023, 6, 1)), "Taliban")
    assert _codes(before) == [("AFG", "REB")]
    assert _codes(after) == [("AFG", "GOV")]


# Known resolver bugs and gaps (see known_bug).
@pytest.mark.model
def test_model_dictionary_match_tagged_pron(nlp):
    spans = _actor_spans(nlp, "Somali troops drove al-Shabaab militants out of the town.")
    assert ("SOM", "REB") in _codes(_containing(spans, "al-Shabaab"))


@pytest.mark.model
def test_model_x_backed_role_noun(nlp):
    spans = _actor_spans(nlp, "Iran-backed militias attacked a base in eastern Syria.")
    assert ("IRN", "REB") in _codes(_containing(spans, "militias"))


@pytest.mark.model
def test_model_country_named_first_name(nlp):
    spans = _actor_spans(nlp, "Senator Chad Smith criticised the plan.")
    assert all(a.country != "TCD" for s in spans for a in s._.actors)


@pytest.mark.model
def test_model_state_force_org_with_fighters(nlp):
    spans = _actor_spans(nlp, "Peshmerga fighters repelled the attack near Kirkuk.")
    assert _codes(_containing(spans, "Peshmerga")) == [("IRQ", "MIL")]


@pytest.mark.model
@known_bug("resolver bug: the model parses 'al-Amiri' as a dep/"
           "nummod of 'Hadi', so the person span is 'Hadi' and memory never learns "
           "'Amiri'; a later 'al-Amiri' is not resolved")
def test_model_described_particle_name(nlp):
    spans = _actor_spans(nlp, "Hadi al-Amiri, head of the Badr Organization, met officials. "
                              "Later al-Amiri said the talks went well.")
    assert _containing(spans, "Hadi al-Amiri")._.actors[0].id == "BADR"
    assert [s for s in spans if s.start > 10 and s.text.endswith("Amiri")]


@pytest.mark.model
def test_model_the_north_in_a_korean_story(nlp):
    spans = _actor_spans(nlp, "Officials in Seoul said the North had moved artillery closer "
                              "to the border.")
    assert [a.id for a in _containing(spans, "North")._.actors] == ["PRK"]
    # no Korea in the story: "the North" is nobody
    spans = _actor_spans(nlp, "Voters in the North backed the ruling party in Rome.")
    assert not [s for s in spans if s.text == "North"]


@pytest.mark.model
def test_model_stance_prefix_is_not_the_country(nlp):
    """Regression: 'Pro-Palestinian activists' were coded as Palestine."""
    spans = _actor_spans(nlp, "Pro-Russian demonstrators gathered outside parliament in "
                              "Chisinau.")
    assert all(a.country != "RUS" for s in spans for a in s._.actors)


@pytest.mark.model
def test_model_group_beside_its_home_state(nlp):
    """Regression: "Colombia's ELN guerrillas" were coded as both Colombia and the ELN."""
    spans = _actor_spans(nlp, "Colombia's ELN guerrillas freed two soldiers on Monday.")
    assert [a.id for a in _containing(spans, "guerrillas")._.actors] == ["ELN"]


# ---------------------------------------------------------------------------- region groups
def test_region_group_names_its_member_states(blank_nlp, resolver):
    # "The five Central Asian republics met ."
    doc = build(blank_nlp.vocab, [_x("The", 4, "det", "DET", "DT"),
                                  _x("five", 4, "nummod", "NUM", "CD"),
                                  _p("Central", 3, "compound"),
                                  ("Asian", 4, "amod", "ADJ", "asian", "JJ"),
                                  _n("republics", 5, "nsubj", "republic"),
                                  _v("met", 5, "ROOT", "meet"),
                                  _x(".", 5, "punct", "PUNCT")])
    spans = _run(resolver, doc)
    span = _span(spans, "Central Asian republics")
    assert {c for c, _ in _codes(span)} == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}


def test_region_group_needs_a_settled_region_and_a_plural_head(blank_nlp, resolver):
    # "The Balkan states met ." — whose members vary by writer: no actor
    doc = build(blank_nlp.vocab, [_x("The", 2, "det", "DET", "DT"),
                                  ("Balkan", 2, "amod", "ADJ", "balkan", "JJ"),
                                  _n("states", 3, "nsubj", "state"),
                                  _v("met", 3, "ROOT", "meet")])
    assert _run(resolver, doc) == []
    # "the two Koreas"
    doc = build(blank_nlp.vocab, [_x("the", 2, "det", "DET", "DT"),
                                  _x("two", 2, "nummod", "NUM", "CD"),
                                  _p("Koreas", 3, "nsubj", tag="NNPS"),
                                  _v("met", 3, "ROOT", "meet")])
    assert {c for c, _ in _codes(_span(_run(resolver, doc), "Koreas"))} == {"KOR", "PRK"}
