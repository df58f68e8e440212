"""The synthetic benchmark corpus: deterministic, varied, within its length range."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

from blocs.corpus import EVENT_TYPES, MAX_CHARS, MIN_CHARS, document, generate, main, write_jsonl
from blocs.documents import read, split_title
from blocs.types import Document


def test_same_seed_same_documents():
    a = [d.as_dict() for d in generate(50, seed=7)]
    b = [d.as_dict() for d in generate(50, seed=7)]
    assert a == b
    assert [d["id"] for d in a] == [f"gen-7-{i}" for i in range(50)]


def test_documents_do_not_depend_on_n_or_on_each_other():
    assert next(iter(generate(1, seed=3))) == list(generate(20, seed=3))[0]
    assert document(13, seed=3) == list(generate(20, seed=3))[13]


def test_other_seed_other_documents():
    a = [d.text for d in generate(20, seed=1)]
    b = [d.text for d in generate(20, seed=2)]
    assert not set(a) & set(b)


def test_shape_length_and_published():
    docs = list(generate(400, seed=0))
    lengths = [len(d.text) for d in docs]
    assert min(lengths) >= MIN_CHARS and max(lengths) <= MAX_CHARS
    assert max(lengths) > 3000 and min(lengths) < 600  # short wires and long stories
    for d in docs:
        assert isinstance(d, Document)
        title, _, body = d.text.partition("\n\n")
        assert split_title(d.text) == d.title == title
        paragraphs = body.strip().split("\n\n")
        assert 4 <= len(paragraphs) <= 12, d.id
        published = dt.date.fromisoformat(d.published[:10])
        assert dt.date(2023, 1, 1) <= published < dt.date(2025, 1, 1)
    assert len({d.text for d in docs}) == len(docs)


def test_vocabulary_is_varied():
    text = " ".join(d.text for d in generate(300, seed=0))
    # capitals as metonymy, demonym + role, titled people, organisations, dates
    for needle in ("Nairobi", "Brazilian", "Foreign Minister", "troops", "police",
                   "United Nations", "NATO", "on Monday", "protesters"):
        assert needle in text, needle
    assert sum(month in text for month in ("January", "March", "June", "October")) >= 3


def test_start_moves_publication_dates():
    d = document(0, seed=0, start=dt.date(2010, 1, 1))
    assert d.published.startswith(("2010", "2011"))


def test_write_jsonl_reads_back(tmp_path):
    path = tmp_path / "c.jsonl"
    assert write_jsonl(path, 25, seed=4) == 25
    docs = list(read([str(path)]))
    assert [d.id for d in docs] == [f"gen-4-{i}" for i in range(25)]
    assert [d.text for d in docs] == [d.text for d in generate(25, seed=4)]


def test_module_entry_point(tmp_path):
    path = tmp_path / "c.jsonl"
    assert main(["5", str(path), "--seed", "9"]) == 0
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert [r["id"] for r in rows] == [f"gen-9-{i}" for i in range(5)]


@pytest.mark.model
def test_coded_corpus_covers_plover(nlp):
    from blocs.pipeline import process

    types: Counter = Counter()
    statuses: Counter = Counter()
    countries: set = set()
    for _doc, events, error in process(nlp, generate(40, seed=0)):
        assert error is None
        for ev in events:
            types[ev["event"]] += 1
            statuses[ev["status"]] += 1
            countries.update(a["country"] for a in ev["actor"] if a["country"])
    assert len(types) >= 12, types
    assert set(types) <= set(EVENT_TYPES)
    assert len(countries) >= 25
    assert statuses["asserted"] and len(statuses) >= 2, statuses
