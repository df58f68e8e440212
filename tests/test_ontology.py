"""Ontology tables and event lexicon (no spaCy model needed)."""

from __future__ import annotations

from collections import Counter

import pytest

from blocs.events import ontology
from blocs.events.ontology import (
    PLOVER_TYPES,
    STATUSES,
    cameo_info,
    context_cues,
    mode_cameo,
    noun_lexicon,
    plover_info,
    plover_score,
    validate,
    verb_lexicon,
)


def test_data_files_validate():
    assert validate() == []


def test_sixteen_types_in_manual_order():
    assert len(PLOVER_TYPES) == 16
    assert PLOVER_TYPES[0] == "AGREE" and PLOVER_TYPES[-1] == "ASSAULT"
    for t in PLOVER_TYPES:
        info = plover_info(t)
        assert info["type"] == t
        assert info["recipient"] in {"required", "optional"}
        cameo_info(info["cameo"])  # the default code exists
    assert STATUSES == ("asserted", "negated", "hypothetical", "future", "alleged")


def test_every_type_has_enough_frames():
    verbs = Counter(e["type"] for e in verb_lexicon())
    nouns = Counter(e["type"] for e in noun_lexicon())
    assert len(verb_lexicon()) >= 300 and len(noun_lexicon()) >= 120
    for t in PLOVER_TYPES:
        assert verbs[t] >= 12 or verbs[t] + nouns[t] >= 12, t
    for t in ("CONSULT", "AGREE", "SUPPORT", "ACCUSE", "THREATEN", "ASSAULT", "REQUEST", "COERCE"):
        assert verbs[t] >= 16, t


def test_goldstein_range_and_codes():
    table = ontology._load("cameo.yaml")
    assert len(table) >= 300
    for code in table:
        info = cameo_info(code)
        assert -10 <= info["goldstein"] <= 10
        assert info["root"] == code[:2]
    for code in [f"{r:02d}" for r in range(1, 21)]:
        assert code in table
    with pytest.raises(KeyError):
        cameo_info("999")


@pytest.mark.parametrize(
    ("code", "quad", "goldstein"),
    [("043", 1, 2.8), ("057", 1, 8.0), ("0871", 2, 9.0), ("073", 2, 7.4), ("1123", 3, -2.0),
     ("138", 3, -7.0), ("145", 4, -7.5), ("163", 4, -8.0), ("173", 4, -5.0), ("190", 4, -10.0),
     ("1831", 4, -10.0), ("2042", 4, -10.0)],
)  # fmt: skip
def test_quad_class_and_goldstein(code, quad, goldstein):
    info = cameo_info(code)
    assert info["quad_class"] == quad
    assert info["goldstein"] == goldstein


def test_assault_modes_and_scores():
    modes = plover_info("ASSAULT")["modes"]
    for mode in ("aerial", "explosives", "suicide-attack", "firearms", "heavy-weapons", "abduct"):
        assert mode in modes
    assert set(plover_info("CONSULT")["modes"]) == {"visit", "third-party", "multilateral", "phone"}
    assert plover_score("AID") == 10.0
    assert plover_score("ASSAULT") == -9.0
    assert plover_score("REQUEST") == 0.0


def test_mode_cameo_fallbacks():
    assert mode_cameo("ASSAULT", "aerial") == "195"
    assert mode_cameo("ASSAULT", "suicide-attack") == "1831"
    assert mode_cameo("CONSULT", "phone") == "041"
    assert mode_cameo("RETREAT", "ceasefire") == "0871"
    assert mode_cameo("ASSAULT", None) == plover_info("ASSAULT")["cameo"]
    assert mode_cameo("AGREE", "visit") == plover_info("AGREE")["cameo"]  # AGREE has no modes
    assert mode_cameo("COERCE", "no-such-mode") == "170"


def test_lexicon_defaults_are_filled():
    verb = next(e for e in verb_lexicon() if e["verb"] == "meet" and not e["objects"])
    assert verb["symmetric"] and verb["target_preps"] == ["with"] and verb["mode"] is None
    assert verb["needs_object"] is False and verb["alt"] is None
    noun = next(e for e in noun_lexicon() if e["noun"] == "talk")
    assert noun["type"] == "CONSULT" and "hold" in noun["light_verbs"]
    assert noun["needs_light_verb"] is False and noun["recipient_verbs"] == []


def test_key_decisions():
    def frames(verb):
        return [e for e in verb_lexicon() if e["verb"] == verb]

    assert {e["type"] for e in frames("call")} == {"REQUEST"}
    assert frames("phone")[0]["mode"] == "phone"
    assert frames("sign")[0]["type"] == "SUPPORT"
    assert all(e["needs_object"] for e in frames("back") + frames("condemn") + frames("hit"))
    assert {e["type"] for e in frames("strike")} == {"ASSAULT", "PROTEST"}
    assert frames("protest")[0]["alt"]["type"] == "ACCUSE"
    # frames that restrict the object come first, so a first match is the specific sense
    assert frames("seize")[0]["objects"] and not frames("seize")[-1]["objects"]
    types = {(e["noun"], e["type"]) for e in noun_lexicon()}
    assert {("ceasefire", "CONCEDE"), ("ceasefire", "RETREAT"), ("air strike", "ASSAULT"),
            ("hunger strike", "PROTEST"), ("sanction", "SANCTION")} <= types  # fmt: skip


def test_returned_objects_are_copies():
    verb_lexicon()[0]["type"] = "BROKEN"
    plover_info("AID")["modes"]["x"] = "000"
    assert validate() == []
    assert "x" not in plover_info("AID")["modes"]


def test_context_cues():
    cues = context_cues()
    assert {"military", "intelligence", "diplomatic", "election", "terrorism", "cyber"} <= set(cues)
    assert len(cues) == 37
    assert {"army", "troops"} <= cues["military"]
    assert all(len(words) >= 12 for words in cues.values())
    assert "who" not in cues["health"]


def test_validate_reports_problems(monkeypatch):
    real = ontology._load

    def fake(name):
        data = real(name)
        if name == "verbs.yaml":
            return [
                *data,
                {"verb": "meet", "type": "CONSULT", "cameo": "040", "target_preps": ["with"]},
                {"verb": "zap", "type": "ZAP", "cameo": "040"},
                {"verb": "zip", "type": "ASSAULT", "cameo": "999", "mode": "phone"},
                {"verb": "zop", "type": "ASSAULT", "cameo": "190", "target_preps": [True]},
            ]
        return data

    monkeypatch.setattr(ontology, "_load", fake)
    problems = "\n".join(validate())
    assert "'meet': duplicate frame" in problems
    assert "unknown type 'ZAP'" in problems
    assert "cameo '999'" in problems and "mode 'phone' is not a mode of ASSAULT" in problems
    assert "target_preps must be a list of words" in problems
