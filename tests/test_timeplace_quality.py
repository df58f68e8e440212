"""Quality gates for time and place: the in-context gold sets against pinned floors."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from blocs.evaluate import gold_hash
from blocs.timeplace_scoring import evaluate_places, evaluate_times, load_cases

from conftest import ROOT

FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text())
# Set by the product owner: the pinned floors may be higher, never lower.
REQUIRED = {"times": {"right": 0.95}, "places": {"name": 0.95, "country": 0.98}}

pytestmark = pytest.mark.model


@pytest.mark.parametrize("key", ["times", "places"])
def test_gold_files_unchanged(key):
    floor = FLOORS[key]
    assert gold_hash(ROOT / floor["gold"]) == floor["gold_hash"], (
        f"{floor['gold']} changed: re-measure, update its hash and say why")


@pytest.mark.parametrize("key", ["times", "places"])
def test_floors_not_below_required(key):
    for metric, required in REQUIRED[key].items():
        assert FLOORS[key][metric] >= required, (key, metric)


def test_time_gold_is_well_formed():
    cases = load_cases(ROOT / FLOORS["times"]["gold"])
    assert len(cases) >= 200
    assert len({c["id"] for c in cases}) == len(cases)
    for c in cases:
        assert c["expression"] in c["text"], c["id"]
        start, end = dt.date.fromisoformat(c["start"]), dt.date.fromisoformat(c["end"])
        assert start <= end and dt.date.fromisoformat(c["published"]), c["id"]
        assert c["precision"] in {"day", "week", "month", "season", "year", "decade"}, c["id"]


def test_place_gold_is_well_formed():
    cases = load_cases(ROOT / FLOORS["places"]["gold"])
    assert len(cases) >= 150
    assert len({c["id"] for c in cases}) == len(cases)
    for c in cases:
        assert c["mention"] in c["text"] and c["name"], c["id"]
        assert c["country"] is None or (len(c["country"]) == 3 and c["country"].isupper())


def test_times(nlp):
    floor = FLOORS["times"]
    result = evaluate_times(ROOT / floor["gold"], nlp=nlp)
    print(json.dumps({k: result[k] for k in ("total", "right", "found")}))
    assert result["right"] >= max(floor["right"], REQUIRED["times"]["right"]), result["misses"]


def test_places(nlp):
    floor = FLOORS["places"]
    result = evaluate_places(ROOT / floor["gold"], nlp=nlp)
    print(json.dumps({k: result[k] for k in ("total", "name", "country", "found")}))
    for metric in ("name", "country"):
        assert result[metric] >= max(floor[metric], REQUIRED["places"][metric]), (
            metric, result["misses"])
