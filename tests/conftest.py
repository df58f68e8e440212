"""Shared fixtures: the real pipeline (loaded once) and a builder for hand-made Docs."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

import blocs.extensions  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
REFERENCE = EXAMPLES / "russias-new-alliance-in-iraq.txt"
REFERENCE_GOLD = EXAMPLES / "russias-new-alliance-in-iraq.gold.json"


@pytest.fixture(scope="session")
def nlp():
    from blocs.pipeline import load

    return load()


@pytest.fixture(scope="session")
def blank():
    return spacy.blank("en")


def build(vocab, rows: list[tuple], *, ents: list[str] | None = None) -> Doc:
    """A parsed Doc from rows of (word, head_index, dep, pos, lemma[, tag]).

    Lets rule tests state the parse they are about instead of hoping the model gives it.
    """
    words = [r[0] for r in rows]
    doc = Doc(
        vocab,
        words=words,
        spaces=[True] * (len(words) - 1) + [False],
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        lemmas=[r[4] for r in rows],
        tags=[r[5] if len(r) > 5 else "" for r in rows],
        ents=ents,
    )
    return doc
