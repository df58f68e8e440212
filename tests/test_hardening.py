"""Hostile input: every document gets a clear per-document error or is coded, none stops a
batch, and the ingest summary counts them all.

The corpus is generated into tmp_path by `hostile_corpus` (no multi-MB file is committed):
empty and binary files, a 5 MB article, a 100,000-character sentence, control characters,
mixed scripts, HTML junk, long runs without whitespace, and a JSONL file of invalid lines,
unknown fields, impossible dates, lone surrogates and JSON nested too deeply.
"""

from __future__ import annotations

import json
import random
import resource
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from blocs.cli import main
from blocs.documents import ReadError, read, read_jsonl_lines
from blocs.pipeline import MAX_CHARS, MAX_SENTENCE, process, sentence_guard, tokenize
from blocs.store import coder_version, open_store

from conftest import ARTICLES, REFERENCE

STORY = ("Russia and Iran held talks in Baghdad on Monday. The Iraqi foreign minister met his "
         "Turkish counterpart in Ankara on Tuesday.")

# name → (what is in the file, what must happen: "coded" or the words of its error)
EXPECTED_FILES = {
    "empty": "empty", "blank": "empty", "binary": "binary", "big": "too long",
    "long-sentence": "coded", "control": "coded", "scripts": "coded", "html-junk": "coded",
    "runs": "coded", "latin1": "coded", "one-word": "coded",
}
EXPECTED_LINES = {  # line number in hostile.jsonl → expectation
    1: "coded",                 # good line with unknown fields
    2: "Expecting",             # invalid JSON
    3: "published",             # 2018-02-30
    4: "published",             # "last May"
    5: "object",                # a list
    6: "text",                  # no text
    7: "text",                  # empty text
    8: "coded",                 # lone surrogates in text and title
    9: "nested too deeply",     # [[[[...]]]]
    10: "coded",                # id is a number, NUL and other controls in text
    11: "coded",                # id is an object, published a datetime with Z
    12: "object",                # null
}


def _sentence(n: int, rng: random.Random) -> str:
    words = ("the minister said Russia and Iran would discuss trade and security with Turkey "
             "in Ankara while officials from Iraq").split()
    out, length = [], 0
    while length < n:
        out.append(rng.choice(words))
        length += len(out[-1]) + 1
    return " ".join(out)[:n].rstrip() + "."


def hostile_corpus(root: Path) -> Path:
    """Write the hostile corpus under root (generated, deterministic) and return root."""
    rng = random.Random(7)
    root.mkdir(parents=True, exist_ok=True)
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text(" \n\t\n  \n", encoding="utf-8")
    (root / "binary.txt").write_bytes(bytes(rng.randrange(256) for _ in range(8192))
                                      + b"\x00" * 64)
    paragraph = (STORY + " ") * 20 + "\n\n"
    big = "A very long article\n\n" + paragraph * (5 * 1024 * 1024 // len(paragraph) + 1)
    (root / "big.txt").write_text(big, encoding="utf-8")  # > 5 MB, one article
    (root / "long-sentence.txt").write_text(_sentence(100_000, rng), encoding="utf-8")
    controls = "".join(chr(c) for c in range(1, 32) if c not in (10, 13))
    (root / "control.txt").write_text(
        f"Iran\x0bmet\x0cIraq\x1b[31m in\u2028Baghdad\u0085on\x7fMonday.\u200b\u202e "
        f"{controls}\n\n{STORY}\u00ad\ufeff\ufffe", encoding="utf-8")
    (root / "scripts.txt").write_text(
        "Россия и Иран встретились. 俄罗斯和伊朗会谈。 روسيا وإيران تلتقيان. 🇷🇺🇮🇷 ١٢٣\n\n"
        f"{STORY} Ünïcödé Ελλάδα עברית e\u0301\u0301\u0301 👩‍👩‍👧‍👦", encoding="utf-8")
    (root / "html-junk.txt").write_text(
        "<html><head><script>alert(1)</script><style>p{}</style></head><body>"
        f"<div class='x' onerror=\"x()\"><p>{STORY}</p>&nbsp;&amp;&#x27;<br/><!-- c -->"
        "<iframe src=javascript:alert(1)></iframe></div></body></html>" * 20, encoding="utf-8")
    (root / "runs.txt").write_text(
        f"{STORY} " + "😀" * 3000 + " " + '"' * 3000 + " " + "(" * 1500 + ")" * 1500 + " "
        + "http://example.com/" + "a/" * 1500 + f" {STORY}", encoding="utf-8")
    (root / "latin1.txt").write_bytes(("Caf\xe9 talks in Bogot\xe1: " + STORY)
                                      .encode("latin-1"))
    (root / "one-word.txt").write_text("Iran", encoding="utf-8")
    lines = [
        json.dumps({"id": "unknown-fields", "text": STORY, "published": "2018-09-03",
                    "lang": "en", "tags": [1, {"x": None}], "weird key": 1e300}),
        '{"id": "broken", "text": "Iran and Iraq met.",',
        json.dumps({"id": "feb-30", "text": STORY, "published": "2018-02-30"}),
        json.dumps({"id": "last-may", "text": STORY, "published": "last May"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "no-text", "title": "Only a title"}),
        json.dumps({"id": "empty-text", "text": "   "}),
        '{"id": "surrogates", "title": "\\udfff title", "text": "Iran \\ud800 met Iraq in '
        'Baghdad on Monday. \\udbff"}',
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"id": 12345, "text": "Iran\u0000 met\u0001 Iraq\u0007 in Baghdad."}),
        json.dumps({"id": {"nested": "id"}, "text": STORY, "published": "2018-09-03T10:00Z"}),
        "null",
    ]
    (root / "hostile.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def expectations(root: Path) -> dict[str, str]:
    out = {str(root / f"{name}.txt"): want for name, want in EXPECTED_FILES.items()}
    out.update({f"{root / 'hostile.jsonl'}:{n}": want for n, want in EXPECTED_LINES.items()})
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return hostile_corpus(tmp_path_factory.mktemp("hostile"))


# --- no model ------------------------------------------------------------------------

def test_readers_never_raise_on_the_corpus(corpus):
    items = list(read([str(corpus)]))
    errors = {e.source: e.error for e in items if isinstance(e, ReadError)}
    docs = [d for d in items if not isinstance(d, ReadError)]
    for where in (str(corpus / "empty.txt"), str(corpus / "blank.txt")):
        assert errors[where] == "empty document"
    assert "binary" in errors[str(corpus / "binary.txt")]
    jsonl = str(corpus / "hostile.jsonl")
    for n, want in EXPECTED_LINES.items():
        if want != "coded":
            assert want in errors[f"{jsonl}:{n}"], (n, errors.get(f"{jsonl}:{n}"))
    by_id = {d.id: d for d in docs}
    assert by_id["unknown-fields"].meta["lang"] == "en"
    assert "\ud800" not in by_id["surrogates"].text and "\ufffd" in by_id["surrogates"].text
    assert len(by_id["surrogates"].text) == len("Iran X met Iraq in Baghdad on Monday. X")
    assert by_id["12345"].text.startswith("Iran\x00")
    assert {"big", "long-sentence", "control", "scripts", "html-junk", "runs"} <= set(by_id)


def test_deep_json_and_surrogates_are_per_line():
    lines = ["[" * 50_000, '{"id": "ok", "text": "x\\ud800y"}', "{" * 10]
    out = list(read_jsonl_lines(lines, "t"))
    assert [type(x).__name__ for x in out] == ["ReadError", "Document", "ReadError"]
    assert out[1].text == "x\ufffdy"


def test_store_takes_any_unicode(tmp_path):
    """A lone surrogate reaching the store (from Python, not a reader) is replaced, not a
    failed batch that would stop the ingest."""
    with open_store(tmp_path / "s.duckdb") as store:
        store.save_batch([({"id": "a\udc80", "text": "x\ud800", "title": "\udfff"}, [], None),
                          ({"id": "b", "text": "fine"}, [], None)], coder_version())
        rows = store.con.execute("SELECT id, text FROM documents ORDER BY id").fetchall()
    assert rows == [("a\ufffd", "x\ufffd"), ("b", "fine")]


def test_tokenize_long_runs_is_fast_and_exact(blank):
    """spaCy's tokenizer is quadratic on long runs of prefix/suffix characters; tokenize()
    cuts them, and the Doc's text is still the text, character for character."""
    for text in ['"' * 20_000, "😀" * 20_000, "(" * 10_000 + ")" * 10_000,
                 "a" * 5_000 + " b " + "." * 999 + "\n\n" + "x" * 201]:
        start = time.perf_counter()
        doc = tokenize(blank, text)
        assert time.perf_counter() - start < 5
        assert doc.text == text
        assert "".join(t.text_with_ws for t in doc) == text
    assert tokenize(blank, "Iran met Iraq.").text == "Iran met Iraq."
    with pytest.raises(ValueError, match="too long"):
        tokenize(blank, "x " * (MAX_CHARS // 2 + 1))


def test_sentence_guard_bounds_runs_and_leaves_prose_alone(blank):
    """blocs_guard sets a sentence start after MAX_SENTENCE tokens with no sentence end
    (so tree walks stay linear), and never touches prose: not one of the articles and
    examples the tests code is changed by it."""
    long_run = blank.make_doc("2018-02-30 " * 1000)
    sentence_guard(long_run)
    starts = [t.i for t in long_run if t.is_sent_start]
    gaps = [b - a for a, b in zip([0, *starts], starts, strict=False)]
    assert starts and max(gaps) <= MAX_SENTENCE + 1
    texts = [REFERENCE.read_text(encoding="utf-8"), (STORY + " ") * 200,
             *(p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt")))]
    for text in texts:
        doc = blank.make_doc(text)
        before = [t.is_sent_start for t in doc]
        assert [t.is_sent_start for t in sentence_guard(doc)] == before


# --- with the model ------------------------------------------------------------------

def _check_offsets(text: str, event: dict) -> None:
    spans = [*event["actor"], *event["recipient"], event["trigger"], event.get("time"),
             event.get("location")]
    for span in spans:
        if span:
            assert text[span["start"]:span["end"]] == span["text"], (event["id"], span)
    info = event["text_info"]
    assert text[info["start"]:info["end"]] == event["text"]


@pytest.mark.model
def test_process_codes_or_fails_each_document(corpus, nlp):
    items = list(read([str(corpus)]))
    docs = [d for d in items if not isinstance(d, ReadError)]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    results = {doc.id: (doc, events, error)
               for doc, events, error in process(nlp, docs, batch_size=4)}
    rss_growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert len(results) == len(docs)  # one result per document, in spite of the bad ones
    doc, events, error = results["big"]
    assert events is None and "too long" in error
    for doc_id, (doc, events, error) in results.items():
        if doc_id == "big":
            continue
        assert error is None, (doc_id, error)
        for event in events:
            _check_offsets(doc.text, event)
            assert event["doc_id"] == doc_id
    assert results["unknown-fields"][1], "the good story is coded"
    # The 5 MB article is refused before spaCy sees it; the rest stays well under 2 GB.
    assert rss_growth_mb < 2000, rss_growth_mb


@pytest.mark.model
def test_ingest_counts_the_hostile_corpus(corpus, nlp, tmp_path, monkeypatch):
    import blocs.pipeline

    monkeypatch.setattr(blocs.pipeline, "load", lambda **_: nlp)  # the session's pipeline
    db = tmp_path / "hostile.duckdb"
    want = expectations(corpus)
    n_coded = sum(1 for w in want.values() if w == "coded")
    n_failed = len(want) - n_coded
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(db),
                                       "--processes", "1", "--batch-size", "5"])
    assert result.exit_code == 1, result.output  # some documents failed, none crashed it
    line = result.stdout.strip().splitlines()[-1]
    assert line.startswith(f"coded {n_coded}, skipped 0, failed {n_failed}, "), line
    with open_store(db, read_only=True) as store:
        rows = store.con.execute("SELECT id, status, error, text FROM documents").fetchall()
        events = store.events()
    assert len(rows) == len(want)
    failed = {i: e for i, s, e, _ in rows if s == "failed"}
    assert len(failed) == n_failed
    assert "too long" in failed["big"]
    assert any("nested too deeply" in e for e in failed.values())
    texts = {i: t for i, _, _, t in rows}
    assert events and all(e["doc_id"] in texts for e in events)
    for event in events:
        _check_offsets(texts[event["doc_id"]], event)
    # A re-run codes nothing again and still counts every failure.
    again = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(db), "--silent"])
    assert again.stdout.strip().startswith(f"coded 0, skipped {n_coded}, failed {n_failed}")
