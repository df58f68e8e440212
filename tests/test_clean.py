"""blocs_clean on tokenised text only (no model): sentence starts, datelines, repeats."""

from __future__ import annotations

import spacy

import blocs.clean  # noqa: F401
from blocs.clean import dateline_end


def make(text: str):
    nlp = spacy.blank("en")
    nlp.add_pipe("blocs_clean")
    return nlp(text)


def starts(doc):
    return [t.text for t in doc if t.is_sent_start and not t.is_space]


def test_headline_and_paragraphs_start_sentences():
    doc = make("Talks end in Cairo\n\nEgypt hosted envoys.\n\nQatar left early.")
    assert {"Egypt", "Qatar"} <= set(starts(doc))


def test_dateline_split_from_lead():
    doc = make("Title\n\nAMMAN (Desk News) - Jordan closed its border on Monday.")
    assert "Jordan" in starts(doc)
    doc2 = make("Title\n\nKYIV, March 3 — Ukraine said drones hit a depot.")
    assert "Ukraine" in starts(doc2)


def test_no_dateline_in_ordinary_sentence():
    doc = make("Title\n\nThe UN - after weeks of delay - sent aid.")
    assert "after" not in starts(doc)
    assert dateline_end(doc, 2, len(doc)) is None
    assert dateline_end(make("UN - after a delay, aid came."), 0, 9) is None


def test_abbreviation_stays_one_token():
    doc = make("Iran's deputy, Brig. Gen. Qadir Nezami, spoke. Lt. Col. Ana Ruiz agreed.")
    assert "Brig." in [t.text for t in doc] and "Gen." in [t.text for t in doc]


def test_name_particles_stay_whole():
    doc = make("Haider al-Abadi met Bashar al-Assad’s envoy.")
    words = [t.text for t in doc]
    assert "al-Abadi" in words and "al-Assad" in words and "’s" in words
    assert [t.text for t in make("a well-known pro-Western figure")][1] == "well"


def test_repeated_lead_marked_once():
    lead = "On Monday, the presidents of Kenya and Uganda met in Nairobi to discuss trade."
    text = f"Headline\n\n{lead}\n\nNAIROBI (Desk) - {lead}\n\nSomething else happened."
    doc = make(text)
    (start, end), = doc._.duplicate_ranges
    assert text[start:end] == lead and start > text.index(lead)
