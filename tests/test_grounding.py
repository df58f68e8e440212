"""Every offset of every event gives back its text; ids are stable; records are complete."""

from __future__ import annotations

import json

import pytest

from blocs.documents import ReadError, read
from blocs.pipeline import process

from conftest import ARTICLES, REFERENCE

pytestmark = pytest.mark.model

FIELDS = {"id", "doc_id", "event", "mode", "context", "status", "actor", "recipient", "date",
          "date_precision", "time", "location", "cameo", "quad_class", "goldstein",
          "plover_score", "trigger", "text", "text_info", "confidence"}
PARTY_FIELDS = {"text", "start", "end", "country", "sector", "id", "name"}


def documents():
    items = list(read([str(REFERENCE), str(ARTICLES)], published="2018-09-03"))
    assert not [i for i in items if isinstance(i, ReadError)]
    return items


def check_span(text: str, span: dict, what: str) -> None:
    assert text[span["start"]:span["end"]] == span["text"], (what, span)


def test_every_offset_gives_back_its_text(nlp):
    docs = documents()
    assert len(docs) >= 5
    total = 0
    for doc, events, error in process(nlp, docs):
        assert error is None
        assert events, f"no events in {doc.id}"
        for ev in events:
            total += 1
            assert set(ev) == FIELDS
            check_span(doc.text, ev["trigger"], "trigger")
            for party in ev["actor"] + ev["recipient"]:
                assert set(party) == PARTY_FIELDS
                check_span(doc.text, party, "party")
            if ev["time"]:
                check_span(doc.text, ev["time"], "time")
            if ev["location"]:
                check_span(doc.text, ev["location"], "location")
            info = ev["text_info"]
            assert doc.text[info["start"]:info["end"]] == ev["text"]
            assert ev["trigger"]["start"] >= info["start"] and ev["trigger"]["end"] <= info[
                "end"]
            assert ev["actor"], "an event without a grounded actor must not be emitted"
            json.dumps(ev)
    assert total >= 30


def test_ids_are_stable_and_unique(nlp):
    docs = documents()
    first = [e["id"] for _, evs, _ in process(nlp, docs) for e in evs]
    second = [e["id"] for _, evs, _ in process(nlp, docs) for e in evs]
    assert first == second
    assert len(set(first)) == len(first)
