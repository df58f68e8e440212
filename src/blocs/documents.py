"""Readers: files, directories, JSONL and stdin into Documents (DESIGN.md input contract).

Readers never raise on a bad document: they yield a `ReadError` in its place so a
batch goes on and the caller can record what was lost and why.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
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
    """Bytes → text: BOMs, UTF-8, mixed UTF-8/cp1252, cp1252, or a detected encoding
    (blocs.readers.encoding); binary is refused with ValueError."""
    from blocs.readers.encoding import decode as _decode

    return _decode(data)


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


_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_unicode(value):
    """A string with lone surrogates (JSON allows "\\ud800"; UTF-8 does not) replaced by
    U+FFFD, one code point for one, so offsets are kept; other values as they are."""
    if isinstance(value, str) and _SURROGATES.search(value):
        return _SURROGATES.sub("\ufffd", value)
    return value


def _jsonl_document(obj: object, where: str) -> Document:
    if not isinstance(obj, dict):
        raise ValueError("a JSONL line must be an object")
    obj = {k: clean_unicode(v) for k, v in obj.items()}
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
        except RecursionError:
            yield ReadError(loc, "JSON nested too deeply")


def read_jsonl_file(path: Path) -> Iterator[Document | ReadError]:
    try:
        with path.open("rb") as fh:
            data = fh.read()
        text = decode(data)
    except (OSError, ValueError) as exc:
        yield ReadError(str(path), str(exc))
        return
    yield from read_jsonl_lines(text.split("\n"), str(path))


def read_path(path: Path, *, published: str | None = None,
              options=None) -> Iterator[Document | ReadError]:
    """Documents from a file or a directory (recursive, sorted) in any format blocs reads:
    .txt, .jsonl, .html, RSS/Atom, .csv/.tsv, each also gzipped (blocs.readers)."""
    from blocs.readers import current_options, read_file, wanted_in_directory, with_published

    options = with_published(options or current_options(), published)
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if wanted_in_directory(child):
                yield from read_path(child, options=options)
        return
    if not path.exists():
        yield ReadError(str(path), "no such file or directory")
        return
    yield from read_file(path, options)


def read_stdin(*, published: str | None = None, options=None) -> Iterator[Document | ReadError]:
    """stdin in any format: gzip, HTML, a feed, JSONL (a first '{'), CSV (with
    --text-column), else plain text."""
    from blocs.readers import current_options, read_bytes, with_published

    options = with_published(options or current_options(), published)
    data = sys.stdin.buffer.read()
    if not data.strip():
        yield ReadError("-", "empty document")
        return
    yield from read_bytes(data, name="", where="-", stem="", options=options)


def read(paths: Iterable[str], *, published: str | None = None, text_column: str | None = None,
         id_column: str | None = None, date_column: str | None = None,
         ) -> Iterator[Document | ReadError]:
    """Documents (or ReadErrors) from every path; '-' reads stdin.

    `published` anchors documents without their own date; a JSONL line's `published`, an
    HTML page's date, a feed entry's timestamp and a CSV date column win. The CSV options
    name the text, id and date columns (defaults: blocs.readers.csv); options not given
    here come from an enclosing `blocs.readers.read_options(...)`. URLs are refused
    (nothing is fetched); file:// URLs are read as paths.
    """
    from dataclasses import replace

    from blocs.readers import current_options, is_url

    if published is not None:
        parse_published(published)
    options = current_options()
    given = {k: v for k, v in (("published", published), ("text_column", text_column),
                               ("id_column", id_column), ("date_column", date_column)) if v}
    options = replace(options, **given)
    for p in paths:
        if p == "-":
            yield from read_stdin(options=options)
        elif p.lower().startswith("file://"):
            from urllib.parse import unquote, urlparse

            yield from read_path(Path(unquote(urlparse(p).path)), options=options)
        elif is_url(p):
            yield ReadError(p, "blocs does not fetch URLs: save the page or feed to a file "
                               "and give its path")
        else:
            yield from read_path(Path(p), options=options)
