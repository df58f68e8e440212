"""Input formats: which reader a file, a gzip member or stdin goes to, by suffix or content.

    for item in read_file(Path("wires/2024-05.csv.gz"), ReadOptions(text_column="body")):
        ...   # Document, or ReadError for what could not be read

Readers (each a small module, registered in READERS; `documents.read()` uses them, so every
command that takes PATHS accepts every format):

| reader | suffixes | sniffed by | one document is |
|---|---|---|---|
| text  | .txt .text | anything else | the file (first line the title when a blank line follows) |
| jsonl | .jsonl .ndjson | a first `{` | a line `{"id", "text", "title"?, "published"?, …}` |
| html  | .html .htm .xhtml | `<!doctype html`, `<html` | the page's main text (trafilatura) |
| feed  | .rss .atom .xml | `<rss`, `<feed`, `<rdf:RDF` | an entry (feedparser) |
| csv   | .csv .tsv | (suffix only; stdin with --text-column) | a row |

`.gz` on any of them (or gzip magic bytes) is decompressed first and the inner name
decides. URLs are refused: blocs never fetches; save the page or feed to a file.
"""

from __future__ import annotations

import contextlib
import contextvars
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from blocs.readers.encoding import decode

GZIP_MAGIC = b"\x1f\x8b"
MAX_BYTES = 50 * 1024 * 1024  # as documents.MAX_BYTES: one file (decompressed) at most


@dataclass(frozen=True)
class ReadOptions:
    """What a reader may need beyond the bytes: the fallback publication date (documents
    with their own date keep it) and, for CSV, which columns hold the text, id and date."""

    published: str | None = None
    text_column: str | None = None
    id_column: str | None = None
    date_column: str | None = None


_OPTIONS: contextvars.ContextVar[ReadOptions | None] = contextvars.ContextVar(
    "blocs_read_options", default=None)


@contextlib.contextmanager
def read_options(**options):
    """Defaults for every `documents.read()` in this context (CSV columns for `blocs
    ingest`, whose workers read through code that does not take them as arguments)."""
    token = _OPTIONS.set(ReadOptions(**options))
    try:
        yield
    finally:
        _OPTIONS.reset(token)


def current_options() -> ReadOptions:
    return _OPTIONS.get() or ReadOptions()


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes], bool]  # on the first 4 KB of the (decompressed) content
    read: Callable[..., Iterator]   # (data, where=, stem=, options=) -> Documents/ReadErrors


def _head(data: bytes) -> bytes:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head


def _is_feed(data: bytes) -> bool:
    head = _head(data)
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _is_html(data: bytes) -> bool:
    head = _head(data)
    return head.startswith((b"<!doctype html", b"<html")) or (
        head.startswith(b"<") and b"<html" in head and not _is_feed(data))


def _is_jsonl(data: bytes) -> bool:
    return _head(data).startswith(b"{")


def _read_text(data: bytes, *, where: str, stem: str, options: ReadOptions) -> Iterator:
    from blocs.documents import ReadError, from_text

    try:
        text = decode(data)
    except ValueError as exc:
        yield ReadError(where, str(exc))
        return
    if not text.strip():
        yield ReadError(where, "empty document", id=stem or None)
        return
    yield from_text(text, id=stem or None, published=options.published)  # stdin: content id


def _read_jsonl(data: bytes, *, where: str, stem: str, options: ReadOptions) -> Iterator:
    from blocs.documents import ReadError, read_jsonl_lines

    try:
        text = decode(data)
    except ValueError as exc:
        yield ReadError(where, str(exc))
        return
    yield from read_jsonl_lines(text.split("\n"), where)


def _read_html(data: bytes, **kw) -> Iterator:
    from blocs.readers.html import read_html

    return read_html(data, **kw)


def _read_feed(data: bytes, **kw) -> Iterator:
    from blocs.readers.feeds import read_feed

    return read_feed(data, **kw)


def _read_csv(data: bytes, **kw) -> Iterator:
    from blocs.readers.csv import read_csv

    return read_csv(data, **kw)


# Sniffing tries these in order; text is the fallback.
READERS: list[Reader] = [
    Reader("feed", (".rss", ".atom", ".xml"), _is_feed, _read_feed),
    Reader("html", (".html", ".htm", ".xhtml"), _is_html, _read_html),
    Reader("jsonl", (".jsonl", ".ndjson"), _is_jsonl, _read_jsonl),
    Reader("csv", (".csv", ".tsv"), lambda data: False, _read_csv),
    Reader("text", (".txt", ".text"), lambda data: True, _read_text),
]


def register(reader: Reader, *, first: bool = True) -> None:
    """Add a reader (a plug-in format); `first` lets its sniffing win over the built-ins."""
    READERS.insert(0 if first else len(READERS) - 1, reader)


def inner_name(name: str) -> str:
    """'a.html.gz' -> 'a.html'; other names unchanged."""
    return name[:-3] if name.lower().endswith(".gz") else name


def by_suffix(name: str) -> Reader | None:
    suffix = Path(inner_name(name)).suffix.lower()
    for reader in READERS:
        if suffix in reader.suffixes:
            return reader
    return None


def choose(name: str, data: bytes, options: ReadOptions | None = None) -> Reader:
    """The reader for content `data` (already decompressed) named `name` ('' for stdin).

    A known suffix decides (a .txt is plain text even when it holds markup: offsets stay
    those of the file). Without a suffix the content decides; CSV needs its suffix (or,
    on stdin, --text-column)."""
    named = by_suffix(name)
    if named is not None:
        return named
    for reader in READERS:
        if reader.name not in ("text", "csv") and reader.sniff(data):
            return reader
    if not name and options and options.text_column:
        return next(r for r in READERS if r.name == "csv")
    return next(r for r in READERS if r.name == "text")


def wanted_in_directory(path: Path) -> bool:
    """Files a directory walk picks up: known suffixes (.gz too); .xml only if a feed."""
    reader = by_suffix(path.name)
    if reader is None:
        return False
    if Path(inner_name(path.name)).suffix.lower() == ".xml":
        try:
            with path.open("rb") as fh:
                head = fh.read(4096)
            if head.startswith(GZIP_MAGIC):
                head = gunzip(head, partial=True)
        except (OSError, ValueError):
            return True  # let the reader report it
        return _is_feed(head)
    return True


def gunzip(data: bytes, *, limit: int = MAX_BYTES, partial: bool = False) -> bytes:
    """Decompress gzip (every member), refusing more than `limit` bytes of output."""
    out, rest = [], data
    total = 0
    while rest:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = d.decompress(rest, limit - total + 1)
        except zlib.error as exc:
            if partial:
                break
            raise ValueError(f"not valid gzip ({exc})") from None
        total += len(chunk)
        out.append(chunk)
        if total > limit:
            raise ValueError(f"gzip content too large (> {limit} bytes)")
        if not d.eof:
            if partial:
                break
            raise ValueError("truncated gzip file")
        rest = d.unused_data.lstrip(b"\x00")
    return b"".join(out)


def read_bytes(data: bytes, *, name: str, where: str, stem: str,
               options: ReadOptions) -> Iterator:
    """Documents (or ReadErrors) from the bytes of one file, gzip or not."""
    from blocs.documents import ReadError

    if data.startswith(GZIP_MAGIC):
        try:
            data = gunzip(data)
        except ValueError as exc:
            yield ReadError(where, str(exc))
            return
        name = inner_name(name)
        stem = Path(name).stem if name else stem
    reader = choose(name, data, options)
    yield from reader.read(data, where=where, stem=stem, options=options)


def is_url(value: str) -> bool:
    return value.split(":", 1)[0].lower() in ("http", "https", "ftp") and "://" in value


def read_file(path: Path, options: ReadOptions) -> Iterator:
    """Documents (or ReadErrors) from one file."""
    from blocs.documents import ReadError

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield ReadError(str(path), f"file too large ({size} bytes > {MAX_BYTES})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError(str(path), str(exc))
        return
    stem = Path(inner_name(path.name)).stem
    yield from read_bytes(data, name=path.name, where=str(path), stem=stem, options=options)


def with_published(options: ReadOptions, published: str | None) -> ReadOptions:
    return options if published is None else replace(options, published=published)


__all__ = ["READERS", "ReadOptions", "Reader", "choose", "current_options", "gunzip",
           "is_url", "read_bytes", "read_file", "read_options", "register",
           "wanted_in_directory"]
