"""Readers: files, directories, JSONL and stdin into Documents (DESIGN.md input contract).

Readers never raise on a bad document: they yield a `ReadError` in its place so a
batch goes on and the caller can record what was lost and why.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from blocs.types import Document

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_BYTES = 50 * 1024 * 1024  # one document larger than this is refused, not loaded


@dataclass
class ReadError:
    """A document that could not be read: where it came from and why."""

    source: str
    error: str
    id: str | None = None


def content_id(text: str) -> str:
    """Stable id for a document without one: a hash of its text."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def parse_published(value: str | None) -> dt.date | None:
    """ISO date or datetime → date; None or '' → None; anything else → ValueError."""
    if value is None or value == "":
        return None
    value = str(value).strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise ValueError(f"published is not an ISO date: {value!r}") from exc


def decode(data: bytes) -> str:
    """Bytes → text: UTF-8 (with or without BOM), else cp1252/Latin-1; binary is refused."""
    if b"\x00" in data[:4096]:
        raise ValueError("binary content (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Windows-1252 covers Latin-1 plus the curly quotes news sites use.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_title(text: str) -> str | None:
    """The first line is the title when a blank line follows it (input contract)."""
    first, sep, rest = text.partition("\n")
    if sep and rest.startswith("\n") and first.strip() and len(first) < 300:
        return first.strip()
    return None


def from_text(text: str, *, id: str | None = None, published: str | None = None,
              source: str | None = None, url: str | None = None) -> Document:
    """A Document from plain text; the title stays in `text` so offsets cover it."""
    return Document(id=id or content_id(text), text=text, title=split_title(text),
                    published=published, url=url, source=source)


def read_text_file(path: Path, *, published: str | None = None) -> Iterator[Document | ReadError]:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield ReadError(str(path), f"file too large ({size} bytes > {MAX_BYTES})")
            return
        text = decode(path.read_bytes())
    except (OSError, ValueError) as exc:
        yield ReadError(str(path), str(exc))
        return
    if not text.strip():
        yield ReadError(str(path), "empty document", id=path.stem)
        return
    yield from_text(text, id=path.stem, published=published, source=None)


def _jsonl_document(obj: object, where: str) -> Document:
    if not isinstance(obj, dict):
        raise ValueError("a JSONL line must be an object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("missing or empty 'text'")
    published = obj.get("published")
    if published is not None:
        parse_published(str(published))  # validate early: a bad date is this line's error
        published = str(published)
    known = {"id", "text", "title", "published", "url", "source"}
    doc_id = obj.get("id")
    return Document(
        id=str(doc_id) if doc_id not in (None, "") else content_id(text),
        text=text,
        title=obj.get("title") if isinstance(obj.get("title"), str) else None,
        published=published,
        url=obj.get("url") if isinstance(obj.get("url"), str) else None,
        source=obj.get("source") if isinstance(obj.get("source"), str) else None,
        meta={k: v for k, v in obj.items() if k not in known},
    )


def read_jsonl_lines(lines: Iterable[str], where: str) -> Iterator[Document | ReadError]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        loc = f"{where}:{n}"
        try:
            yield _jsonl_document(json.loads(line), loc)
        except (json.JSONDecodeError, ValueError, TypeError) as exc:
            yield ReadError(loc, str(exc))


def read_jsonl_file(path: Path) -> Iterator[Document | ReadError]:
    try:
        with path.open("rb") as fh:
            data = fh.read()
        text = decode(data)
    except (OSError, ValueError) as exc:
        yield ReadError(str(path), str(exc))
        return
    yield from read_jsonl_lines(text.split("\n"), str(path))


def read_path(path: Path, *, published: str | None = None) -> Iterator[Document | ReadError]:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES:
                yield from read_path(child, published=published)
        return
    if not path.exists():
        yield ReadError(str(path), "no such file or directory")
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl_file(path)
    else:
        yield from read_text_file(path, published=published)


def read_stdin(*, published: str | None = None) -> Iterator[Document | ReadError]:
    data = sys.stdin.buffer.read()
    try:
        text = decode(data)
    except ValueError as exc:
        yield ReadError("-", str(exc))
        return
    stripped = text.lstrip()
    if stripped.startswith("{"):
        yield from read_jsonl_lines(text.split("\n"), "-")
    elif text.strip():
        yield from_text(text, published=published)
    else:
        yield ReadError("-", "empty document")


def read(paths: Iterable[str], *, published: str | None = None) -> Iterator[Document | ReadError]:
    """Documents (or ReadErrors) from every path; '-' reads stdin.

    `published` anchors plain-text documents; a JSONL line's own `published` wins.
    """
    if published is not None:
        parse_published(published)
    for p in paths:
        if p == "-":
            yield from read_stdin(published=published)
        else:
            yield from read_path(Path(p), published=published)
