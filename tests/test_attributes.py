"""blocs_attribute_ruler gives the token attributes spaCy's attribute_ruler gives.

Unit tests build both rulers from the same hand-made patterns (every shape the compiled
paths take, overlaps where the order decides, and shapes only the fallback Matcher takes)
and compare hand-built Docs attribute by attribute; the model test compares the whole
pipeline's arrays with either ruler on real and generated text.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    LEMMA,
    MORPH,
    NORM,
    POS,
    SENT_START,
    TAG,
)
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from blocs.attributes import FastAttributeRuler, compile_spec, replace_attribute_ruler

DATA = Path(__file__).resolve().parent / "data"
FIELDS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, SENT_START, ENT_IOB, ENT_TYPE, NORM]

PATTERNS = [
    # A scan rule (no EQ/IN test on any token), early so that later rules override it.
    {"patterns": [[{"DEP": {"NOT_IN": ["det", "nsubj", "ROOT", ""]},
                    "TAG": {"NOT_IN": ["NN"]}}]], "attrs": {"LEMMA": "scan"}},
    # Tag map (the dense table), with an IN test and two rules for one tag.
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": {"IN": ["NNS", "NNPS"]}}]],
     "attrs": {"POS": "NOUN", "MORPH": "Number=Plur"}},
    {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET"}},
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "PRON", "MORPH": "PronType=Prs"}},
    {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB", "MORPH": "Number=Sing|Person=3"}},
    {"patterns": [[{"TAG": "MD"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"TAG": "_SP"}]], "attrs": {"POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"TAG": "JJ"}]], "attrs": {"POS": "ADJ", "MORPH": "Degree=Pos"}},
    # LOWER + TAG with LEMMA (and MORPH in the other feature order).
    {"patterns": [[{"TAG": "PRP", "LOWER": "it"}]],
     "attrs": {"LEMMA": "it", "MORPH": "PronType=Prs|Gender=Neut|Number=Sing"}},
    {"patterns": [[{"TAG": "DT", "LOWER": "the"}]],
     "attrs": {"MORPH": "Definite=Def|PronType=Art"}},
    {"patterns": [[{"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": {"IN": ["is", "'s"]}}]],
     "attrs": {"LEMMA": "be", "POS": "AUX"}},
    # A tag-map rule added after the LOWER rule for the same tag: it wins for MORPH only.
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"MORPH": "Case=Nom|PronType=Prs"}},
    # Two-token rules with an index, positive and negative; one with an empty token spec.
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": -2},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"LOWER": "by"}, {}]], "attrs": {"NORM": "after-by"}, "index": 1},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "VERB"},
     "index": 1},
    # DEP tests, IN and NOT_IN.
    {"patterns": [[{"LOWER": "it", "DEP": "nsubj"}]], "attrs": {"MORPH": "Case=Nom"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]],
     "attrs": {"POS": "AUX"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "WDT"]}}]],
     "attrs": {"POS": "PRON"}},
    # REGEX, alone (scanned) and next to an EQ token (anchored on the EQ token).
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    # Several patterns under one attribute id.
    {"patterns": [[{"TAG": "VBZ", "LOWER": "gets"}], [{"TAG": "VBD", "LOWER": "got"}]],
     "attrs": {"LEMMA": "get"}},
    # IS_SPACE, true and false, with TAG and DEP; one sets TAG and DEP themselves.
    {"patterns": [[{"TAG": "_SP", "IS_SPACE": False}]], "attrs": {"POS": "X", "MORPH": "_"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE", "MORPH": "_"}},
    # Shapes only the fallback Matcher takes: an operator, a comparison, TEXT with OP "?".
    {"patterns": [[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]],
     "attrs": {"LEMMA": "very-adj", "MORPH": "Degree=Sup"}, "index": -1},
    {"patterns": [[{"LENGTH": {">=": 9}}]], "attrs": {"NORM": "long"}},
    {"patterns": [[{"TEXT": "will"}, {"TAG": "RB", "OP": "?"}, {"TAG": "VB"}]],
     "attrs": {"POS": "AUX", "LEMMA": "WILL"}},
    # Late rules that override earlier sparse and dense ones.
    {"patterns": [[{"LOWER": "the", "DEP": "det"}]], "attrs": {"POS": "DET", "LEMMA": "THE"}},
    {"patterns": [[{"TEXT": "It"}]], "attrs": {"NORM": "IT"}},
]

# (word, tag, dep); the first token is the root, every other token's head.
SENTENCES = [
    [("It", "PRP", "ROOT"), ("is", "VBZ", "aux"), ("gon", "VBG", "xcomp"), ("na", "TO", "aux"),
     ("rain", "VB", "xcomp"), ("by", "IN", "prep"), ("noon", "NN", "pobj"), (".", ".", "punct")],
    [("There", "EX", "expl"), ("is", "VBZ", "ROOT"), ("nothin'", "NN", "attr"),
     ("very", "RB", "advmod"), ("very", "RB", "advmod"), ("big", "JJ", "amod"),
     ("\n\n", "_SP", "dep"), ("the", "DT", "det"), ("dogs", "NNS", "nsubj")],
    [("y'", "PRP", "nsubj"), ("all", "DT", "det"), ("got", "VBD", "ROOT"), ("it", "PRP", "nsubj"),
     ("that", "DT", "nsubj"), ("will", "MD", "aux"), ("not", "RB", "neg"), ("go", "VB", "xcomp"),
     ("\t", "", ""), ("gets", "VBZ", "conj"), ("extraordinarily", "RB", "advmod")],
    [("The", "DT", "ROOT"), ("  ", "_SP", ""), ("THE", "DT", "det"), ("'s", "VBZ", "aux"),
     ("It", "NN", "nsubj"), ("Gon", "NNP", "compound"), ("NA", "NNP", "compound"),
     ("😀", "NFP", "punct"), ("y", "UH", "intj"), ("ALL", "DT", "det")],
]


def make(vocab, rows: list[tuple[str, str, str]]) -> Doc:
    words = [w for w, _, _ in rows]
    return Doc(vocab, words=words, tags=[t for _, t, _ in rows],
               deps=[d or "dep" for _, _, d in rows], heads=[0] * len(rows))


def rulers(vocab, patterns=PATTERNS) -> tuple[AttributeRuler, FastAttributeRuler]:
    spacy_ruler, fast = AttributeRuler(vocab), FastAttributeRuler(vocab)
    spacy_ruler.add_patterns(patterns)
    fast.add_patterns(patterns)
    return spacy_ruler, fast


def assert_same(a: Doc, b: Doc) -> None:
    for ta, tb in zip(a, b, strict=True):
        got = (tb.tag_, tb.pos_, str(tb.morph), tb.lemma_, tb.dep_, tb.head.i, tb.norm_)
        want = (ta.tag_, ta.pos_, str(ta.morph), ta.lemma_, ta.dep_, ta.head.i, ta.norm_)
        assert got == want, f"token {ta.i} {ta.text!r}"
    assert np.array_equal(a.to_array(FIELDS), b.to_array(FIELDS))


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def test_hand_made_patterns_match_spacy(vocab):
    spacy_ruler, fast = rulers(vocab)
    for rows in SENTENCES:
        doc = make(vocab, rows)
        a, b = spacy_ruler(doc.copy()), fast(doc.copy())
        assert_same(a, b)
    # Every path was taken: dense table, anchored groups, a scan, the fallback Matcher.
    assert fast._dense_attr == TAG and len(fast._dense_keys) >= 8
    assert fast._tables and fast._scans and len(fast._fallback) == 3
    a = fast(make(vocab, SENTENCES[0]))
    assert [t.lemma_ for t in a][:5] == ["it", "be", "go", "to", "scan"]
    assert str(a[0].morph) == "Case=Nom|PronType=Prs"  # the later tag-map rule won
    b = fast(make(vocab, SENTENCES[1]))
    assert b[5].lemma_ == "very-adj" and b[2].lemma_ == "nothing" and b[1].pos_ == "VERB"
    assert b[6].dep_ == "dep" and b[6].pos_ == "SPACE" and b[7].lemma_ == "THE"


def test_random_docs_match_spacy(vocab):
    """Random word, tag and dep sequences over the patterns' own vocabulary."""
    rows = [r for s in SENTENCES for r in s]
    words = sorted({w for w, _, _ in rows} | {"na", "gon", "all", "very", " ", "\n"})
    tags = sorted({t for _, t, _ in rows} | {"WDT", "VBP", "VB", "TO"})
    deps = sorted({d for _, _, d in rows} | {"mark", "auxpass"})
    spacy_ruler, fast = rulers(vocab)
    rng = random.Random(0)
    for _ in range(300):
        n = rng.randint(1, 12)
        doc = make(vocab, [(rng.choice(words), rng.choice(tags), rng.choice(deps))
                           for _ in range(n)])
        assert_same(spacy_ruler(doc.copy()), fast(doc.copy()))


def test_patterns_change_and_serialise(vocab):
    spacy_ruler, fast = rulers(vocab, PATTERNS[:5])
    doc = make(vocab, SENTENCES[1])
    fast(doc.copy())  # compiled now; adding must compile again
    spacy_ruler.add_patterns(PATTERNS[5:])
    fast.add_patterns(PATTERNS[5:])
    assert_same(spacy_ruler(doc.copy()), fast(doc.copy()))
    again = FastAttributeRuler(vocab).from_bytes(fast.to_bytes())
    assert again.patterns == fast.patterns
    assert_same(spacy_ruler(doc.copy()), again(doc.copy()))
    empty = FastAttributeRuler(vocab)
    assert empty(doc.copy()).to_bytes() == doc.to_bytes()
    assert len(fast(Doc(vocab, words=[]))) == 0


def test_compile_spec_leaves_other_shapes_to_the_matcher(vocab):
    assert compile_spec({"LOWER": "a", "TAG": {"IN": ["DT"]}}, vocab) is not None
    assert compile_spec({"TEXT": {"REGEX": "^a"}, "IS_SPACE": True}, vocab) is not None
    for spec in ({"LOWER": "a", "OP": "?"}, {"LENGTH": 3}, {"LOWER": {"FUZZY": "a"}},
                 {"_": {"x": 1}}, {"MORPH": {"IS_SUPERSET": ["Number=Sing"]}},
                 {"ENT_IOB": "B"}, {"SENT_START": True}, {"LOWER": {"IN": [True]}}):
        assert compile_spec(spec, vocab) is None


def test_replace_keeps_name_position_and_patterns():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("attribute_ruler").add_patterns(PATTERNS)
    nlp.add_pipe("sentencizer", name="after")
    before = nlp.get_pipe("attribute_ruler").patterns
    ruler = replace_attribute_ruler(nlp)
    assert nlp.pipe_names == ["sentencizer", "attribute_ruler", "after"]
    assert nlp.get_pipe("attribute_ruler") is ruler and isinstance(ruler, FastAttributeRuler)
    assert nlp.get_pipe_meta("attribute_ruler").factory == "blocs_attribute_ruler"
    assert ruler.patterns == before


# -- the model -----------------------------------------------------------------------------


def _texts(generated: int) -> list[str]:
    from blocs.corpus import generate

    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "articles").glob("*.txt"))]
    for path in sorted((DATA / "articles").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()
                  if line.strip()]
    texts += [d.text for d in generate(generated, seed=1)]
    texts += ["BREAKING:  RUSSIA AND CHINA SIGN PACT\n\n\tIt 's gon na be  big 😀😀 .  \n",
              "   \n", "y'all ai n't seen nothin' yet\r\n\r\nThere is   hope."]
    return texts


@pytest.mark.model
def test_model_pipeline_arrays_identical():
    """The blocs pipeline with its compiled ruler against the same pipeline with spaCy's
    ruler built from the same patterns: equal arrays after every spaCy component."""
    from blocs.pipeline import load, tokenize

    nlp = load()
    fast = nlp.get_pipe("attribute_ruler")
    assert isinstance(fast, FastAttributeRuler) and len(fast.patterns) > 100
    original = AttributeRuler(nlp.vocab)
    original.add_patterns(fast.patterns)
    names = nlp.pipe_names
    at = names.index("attribute_ruler")
    before = [nlp.get_pipe(n) for n in names[:at]]
    after = [nlp.get_pipe(n) for n in names[at + 1:] if not n.startswith("blocs_")]
    fields = FIELDS[:-1]
    tokens = 0
    for text in _texts(200):
        doc = tokenize(nlp, text)
        for proc in before:
            doc = proc(doc)
        a, b = original(doc.copy()), fast(doc.copy())
        for proc in after:
            a, b = proc(a), proc(b)
        assert np.array_equal(a.to_array(fields), b.to_array(fields)), text[:80]
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b], text[:80]
        tokens += len(a)
    assert tokens > 30_000
