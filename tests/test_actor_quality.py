"""Actor quality gate: expected actor mentions in news sentences against pinned floors.

The gold file (tests/data/actor_mentions.jsonl) holds the sentences of test_actors.NEWS
(ids news-NNN) and further hand-written ones (am-NNN), each with the mentions a careful
coder resolves to an actor. Floors live in tests/quality_floors.json under "actors".
"""

from __future__ import annotations

import json

import pytest

from blocs.actors.dictionary import SECTORS, alias_table
from blocs.actors.scoring import evaluate_mentions, locate, mentions_line, read_lines
from blocs.evaluate import gold_hash

from conftest import ROOT

FLOOR = json.loads((ROOT / "tests" / "quality_floors.json").read_text())["actors"]
GOLD = ROOT / FLOOR["gold"]
MIN_MENTIONS = 450
MIN_SENTENCES = 300


def test_actor_gold_unchanged():
    assert gold_hash(GOLD) == FLOOR["gold_hash"], (
        f"{FLOOR['gold']} changed: re-measure, update its hash and say why")


def test_actor_gold_is_well_formed():
    lines = read_lines(GOLD)
    assert len(lines) >= MIN_SENTENCES
    assert len({x["id"] for x in lines}) == len(lines)
    assert len({x["text"] for x in lines}) == len(lines)
    states = {e.country for entries in alias_table().values() for e in entries if e.country}
    total = 0
    for line in lines:
        assert line["mentions"], line["id"]
        for m in line["mentions"]:
            total += 1
            locate(line["text"], m["text"], m.get("occurrence", 1))  # raises when absent
            assert m["country"] is None or m["country"] in states, (line["id"], m)
            assert m["sector"] is None or m["sector"] in SECTORS, (line["id"], m)
            assert m["id"], (line["id"], m)
    assert total >= MIN_MENTIONS


@pytest.mark.model
def test_actor_mentions(nlp):
    result = evaluate_mentions(GOLD, nlp=nlp)
    print("\n" + mentions_line(result))
    print(json.dumps({k: result[k] for k in ("found", "country", "sector", "id")}))
    assert result["mentions"] >= MIN_MENTIONS
    misses = "\n".join(result["misses"][:40])
    for key in ("country", "sector", "id"):
        assert result[key] >= FLOOR[key], (
            f"{key} right {result[key]:.4f} < floor {FLOOR[key]}\n{misses}")
