"""Property-based tests (hypothesis) of the readers, the tokenizer guard and the coder:
no exception escapes, every emitted offset gives back its text, event ids are stable.

Examples are few (max_examples 30–100) and deadline=None, so the suite stays fast and a
slow parse on a loaded machine is not a failure.
"""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blocs.documents import ReadError, decode, from_text, read, read_jsonl_lines, split_title
from blocs.pipeline import process, tokenize
from blocs.types import Document

FAST = settings(max_examples=100, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
MODEL = settings(max_examples=30, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])

# Any unicode, lone surrogates included (JSON can carry them), and controls.
any_text = st.text(alphabet=st.characters(exclude_categories=())
                   | st.sampled_from(["\ud800", "\udfff", "\x00", "\u2028", "\x85"]),
                   max_size=300)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=10)
fields = st.fixed_dictionaries({}, optional={
    "id": json_values, "text": json_values | any_text, "title": json_values,
    "published": st.sampled_from(["2018-09-03", "2018-02-30", "2018-09-03T10:00:00Z", "",
                                  "last May", "20180903", "9999-99-99"]) | json_values,
    "url": json_values, "source": json_values, "extra": json_values})

WORDS = ["Russia", "Iran", "Iraq", "Turkey", "the", "United States", "met", "attacked",
         "accused", "agreed", "with", "in", "Baghdad", "on", "Monday", "said", "President",
         "Vladimir Putin", "NATO", "troops", "sanctions", "talks", "not", "could", "2018",
         "March 3", "yesterday", "and", ",", ".", "\n\n", "“", "”", "(", ")", "-", "'s",
         "<p>", "&amp;", "😀", "Россия", "\x0b", "\u2028", "e\u0301", "🇷🇺"]
news_text = st.lists(st.sampled_from(WORDS) | st.text(string.printable, max_size=12),
                     min_size=1, max_size=60).map(" ".join)


@FAST
@given(st.lists(any_text | fields.map(json.dumps), max_size=8))
def test_jsonl_reader_never_raises(lines):
    out = list(read_jsonl_lines(lines, "p"))
    assert len(out) == sum(1 for line in lines if line.strip())
    for item in out:
        assert isinstance(item, (Document, ReadError))
        if isinstance(item, Document):
            assert item.text.strip() and isinstance(item.id, str)
            item.text.encode("utf-8")  # no lone surrogate gets through


@FAST
@given(st.binary(max_size=2000))
def test_decode_and_file_reader_never_raise(tmp_path_factory, data):
    try:
        text = decode(data)
    except ValueError:
        text = None
    assert text is None or isinstance(text, str)
    root = tmp_path_factory.mktemp("bytes")
    for name in ("doc.txt", "doc.jsonl"):
        (root / name).write_bytes(data)
    for item in read([str(root / "doc.txt"), str(root / "doc.jsonl")]):
        assert isinstance(item, (Document, ReadError))


@FAST
@given(any_text)
def test_text_documents_keep_their_text(text):
    doc = from_text(text)
    assert doc.text == text and doc.id == from_text(text).id
    title = split_title(text)
    assert title is None or title in text


@FAST
@given(st.lists(st.sampled_from(['"', "(", ")", "😀", "a", ".", " ", "\n", "-", "x" * 150]),
                max_size=80).map("".join))
def test_tokenize_keeps_every_character(blank, text):
    doc = tokenize(blank, text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx:token.idx + len(token.text)] == token.text


def _spans(event: dict):
    yield from event["actor"]
    yield from event["recipient"]
    for key in ("trigger", "time", "location"):
        if event.get(key):
            yield event[key]


@pytest.mark.model
@MODEL
@given(news_text, st.sampled_from([None, "2018-09-03", "2024-02-29"]))
def test_code_offsets_and_stable_ids(nlp, text, published):
    document = Document(id="prop", text=text)
    first = list(process(nlp, [document], published=published))
    assert len(first) == 1
    _, events, error = first[0]
    if not text.strip():
        return
    assert error is None, error
    for event in events:
        assert event["doc_id"] == "prop"
        for span in _spans(event):
            assert text[span["start"]:span["end"]] == span["text"], span
        info = event["text_info"]
        assert text[info["start"]:info["end"]] == event["text"]
    _, again, _ = next(process(nlp, [Document(id="prop", text=text)], published=published))
    assert [e["id"] for e in again] == [e["id"] for e in events]
