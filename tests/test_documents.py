"""Readers: text, JSONL, directories, stdin; bad input becomes a ReadError, not a crash."""

from __future__ import annotations

import io
import json

import pytest

from blocs.documents import ReadError, decode, parse_published, read, split_title


def docs_and_errors(items):
    docs = [i for i in items if not isinstance(i, ReadError)]
    errors = [i for i in items if isinstance(i, ReadError)]
    return docs, errors


def test_title_needs_blank_line():
    assert split_title("Headline here\n\nBody text.") == "Headline here"
    assert split_title("No title line\nBody continues.") is None
    assert split_title("One line only") is None


def test_text_file_keeps_title_in_text(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Title\n\nBody sentence.", encoding="utf-8")
    docs, errors = docs_and_errors(list(read([str(p)], published="2020-01-02")))
    assert not errors
    assert docs[0].title == "Title" and docs[0].text.startswith("Title\n\n")
    assert docs[0].id == "a" and docs[0].published == "2020-01-02"


def test_jsonl_lines_good_and_bad(tmp_path):
    p = tmp_path / "b.jsonl"
    lines = [
        json.dumps({"id": "x1", "text": "Russia met Iran.", "published": "2018-09-03"}),
        "{not json",
        json.dumps({"id": "x2", "text": ""}),
        json.dumps({"id": "x3", "text": "ok", "published": "2018-02-30"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": "No id here.", "extra": 1}),
    ]
    p.write_text("\n".join(lines), encoding="utf-8")
    docs, errors = docs_and_errors(list(read([str(p)])))
    assert [d.id for d in docs][0] == "x1"
    assert len(docs) == 2 and docs[1].meta == {"extra": 1} and len(docs[1].id) == 16
    assert len(errors) == 4
    assert any("published" in e.error for e in errors)


def test_directory_is_recursive_and_sorted(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("B text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A text.", encoding="utf-8")
    (tmp_path / "skip.bin").write_bytes(b"\x00\x01")
    docs, errors = docs_and_errors(list(read([str(tmp_path)])))
    assert [d.id for d in docs] == ["a", "b"] and not errors


def test_bad_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\xff\x00garbage")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 talks in Bogot\xe1.".encode("latin-1"))
    docs, errors = docs_and_errors(list(read([str(empty), str(binary), str(latin),
                                              str(tmp_path / "missing.txt")])))
    assert [d.text for d in docs] == ["Café talks in Bogotá."]
    assert {e.error for e in errors} >= {"empty document", "no such file or directory"}
    assert any("binary" in e.error for e in errors)


def test_stdin_text_and_jsonl(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Plain text story.")))
    docs, _ = docs_and_errors(list(read(["-"], published="2021-05-05")))
    assert docs[0].text == "Plain text story." and docs[0].published == "2021-05-05"
    line = json.dumps({"id": "s1", "text": "From stdin."}).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(line)))
    docs, _ = docs_and_errors(list(read(["-"])))
    assert docs[0].id == "s1"


def test_published_parsing():
    assert str(parse_published("2018-09-03T10:00:00Z")) == "2018-09-03"
    assert parse_published(None) is None
    with pytest.raises(ValueError):
        parse_published("yesterday")
    with pytest.raises(ValueError):
        list(read(["x"], published="2018-13-01"))


def test_decode_windows_1252_quotes():
    assert decode("“Quoted”".encode("cp1252")) == "“Quoted”"
    assert decode("\ufeffBOM text\r\nnext".encode()) == "BOM text\nnext"
