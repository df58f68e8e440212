"""Quality gates: the reference article and the sentence gold sets against pinned floors."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from blocs.evaluate import evaluate, evaluate_sentences, gold_hash

from conftest import ROOT

FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text())

pytestmark = pytest.mark.model


# The development sentence set, and sets written later by other hands and first run blind:
# "heldout_1" and "heldout_2" have since guided rules (their first-run scores are in the
# floors file), "heldout_3" has not, so it says how blocs does on news it was not tuned to.
SENTENCE_SETS = ("sentences", "heldout_1", "heldout_2", "heldout_3")


def test_gold_files_unchanged():
    for key in ("reference_article", *SENTENCE_SETS):
        floor = FLOORS[key]
        assert gold_hash(ROOT / floor["gold"]) == floor["gold_hash"], (
            f"{floor['gold']} changed: re-measure, update its hash and say why")


def test_reference_article(nlp):
    floor = FLOORS["reference_article"]
    result, events = evaluate(ROOT / floor["gold"], nlp=nlp)
    print(json.dumps({k: result[k] for k in ("precision", "recall", "f1")}))
    assert result["precision"] >= floor["precision"], result["unmatched"]
    assert result["recall"] >= floor["recall"], result["missed"]
    assert result["f1"] >= floor["f1"]
    assert result["forbidden_asserted"] <= floor["forbidden_asserted_max"], result["forbidden"]
    assert result["dates_right"] >= floor["dates_right_share"] * result["dates_total"]
    assert result["locations_right"] >= floor["locations_right_share"] * result[
        "locations_total"]


@pytest.mark.parametrize("key", SENTENCE_SETS)
def test_sentence_set(nlp, key):
    floor = FLOORS[key]
    result = evaluate_sentences(ROOT / floor["gold"], nlp=nlp)
    keys = ("type_accuracy", "status_accuracy", "mode_accuracy", "dyad_precision",
            "dyad_recall", "dyad_f1")
    print(json.dumps({k: result[k] for k in keys}))
    for key in keys:
        assert result[key] >= floor[key], (key, result[key], result["misses"][:40])
    assert result["empty_right"] >= floor["empty_right_share"] * result["empty_total"]


def test_sentence_set_covers_every_type():
    lines = [json.loads(x) for x in (ROOT / FLOORS["sentences"]["gold"]).read_text()
             .splitlines() if x.strip()]
    from blocs.events.ontology import PLOVER_TYPES

    seen = {g["event"] for x in lines for g in x["events"]}
    assert seen == set(PLOVER_TYPES)
    # at least N sentences whose main (first) event is each type, and sentences with none
    main = Counter(x["events"][0]["event"] for x in lines if x["events"])
    least = FLOORS["sentences"]["min_sentences_per_type"]
    assert all(main[t] >= least for t in PLOVER_TYPES), main
    assert sum(1 for x in lines if not x["events"]) >= least
    statuses = {g["status"] for x in lines for g in x["events"]}
    assert statuses == {"asserted", "negated", "hypothetical", "future", "alleged"}


def test_reference_required_actors_have_gold_countries_and_sectors(nlp):
    """Every party of every required gold event is found with its gold sector."""
    from blocs.evaluate import _norm, load_gold

    gold, _ = load_gold(ROOT / FLOORS["reference_article"]["gold"])
    _, events = evaluate(ROOT / FLOORS["reference_article"]["gold"], nlp=nlp)
    problems = []
    for g in gold["events"]:
        if not g.get("required"):
            continue
        hits = [e for e in events if _norm(g["sentence"]) in _norm(e["text"])
                and e["event"] in g["types"] and e["status"] == "asserted"]
        parties = [p for e in hits for p in e["actor"] + e["recipient"]]
        wanted = g.get("parties") or [g["source"]] + [t for t in (
            g["target"] if isinstance(g["target"], list) else [g["target"]]) if t][:1]
        for code in wanted:
            if not any(p["country"] == code or p["id"] == code for p in parties):
                problems.append(f"{g['id']}: {code} missing")
        for code, sector in (g.get("sectors") or {}).items():
            if not any(p["country"] == code and p["sector"] == sector for p in parties):
                problems.append(f"{g['id']}: {code} not {sector}")
    assert not problems, problems
