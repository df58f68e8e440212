"""CSV and TSV: one document a row (quoted fields may hold newlines, commas, quotes).

Columns: `text_column` (default: the first of text, body, content, article, story,
full_text), `id_column` (default: id, else "<file stem>-<row>"), `date_column` (default:
published, date, publish_date, pubdate, published_at, datetime). Title, url and source are
taken from title/headline, url/link and source/publisher/outlet when present; every other
column goes to the document's `meta`. Names match exactly, else case-insensitively.

Dates: ISO dates and datetimes as given; RFC 2822 ("Tue, 14 May 2024 09:30:00 +0300")
and written-out dates ("14 May 2024", "May 14, 2024") are normalised to ISO; a numeric
date like 05/06/2024 is read month first (dateparser's English order). A row whose date
cannot be read, or whose text is empty, is that row's ReadError; the file goes on.
The delimiter is a tab for .tsv, else sniffed among , ; tab |.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import io
from collections.abc import Iterator

from blocs.readers.encoding import decode

TEXT_COLUMNS = ("text", "body", "content", "article", "story", "full_text")
ID_COLUMNS = ("id", "doc_id", "document_id")
DATE_COLUMNS = ("published", "date", "publish_date", "pubdate", "published_at", "datetime")
TITLE_COLUMNS = ("title", "headline")
URL_COLUMNS = ("url", "link")
SOURCE_COLUMNS = ("source", "publisher", "outlet")

csv.field_size_limit(64 * 1024 * 1024)


def normalise_date(value: str) -> str | None:
    """A date cell as an ISO date/datetime; '' -> None; unreadable -> ValueError."""
    from blocs.documents import parse_published

    value = value.strip()
    if not value:
        return None
    try:
        parse_published(value)
        return value
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser

    parsed = dateparser.parse(value, languages=["en"], settings={
        "STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DATES_FROM": "past"})
    if parsed is None:
        raise ValueError(f"date is not a date: {value!r}")
    if parsed.time() == dt.time(0, 0):
        return parsed.date().isoformat()
    return parsed.isoformat()


def _find(header: list[str], wanted: str | None, defaults: tuple[str, ...]) -> int | None:
    names = [h.strip() for h in header]
    lower = [h.lower() for h in names]
    for name in ([wanted] if wanted else list(defaults)):
        if name in names:
            return names.index(name)
        if name.lower() in lower:
            return lower.index(name.lower())
    return None


def _delimiter(sample: str, name: str) -> str:
    if name.lower().endswith(".tsv"):
        return "\t"
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_csv(data: bytes, *, where: str, stem: str, options) -> Iterator:
    from blocs.documents import ReadError, content_id
    from blocs.types import Document

    try:
        text = decode(data)
    except ValueError as exc:
        yield ReadError(where, str(exc))
        return
    reader = csv.reader(io.StringIO(text, newline=""),
                        delimiter=_delimiter(text[:16384], where))
    try:
        header = next(reader)
    except StopIteration:
        yield ReadError(where, "empty CSV file")
        return
    except csv.Error as exc:
        yield ReadError(where, f"not readable CSV ({exc})")
        return
    columns = {}
    for key, wanted, defaults in (("text", options.text_column, TEXT_COLUMNS),
                                  ("id", options.id_column, ID_COLUMNS),
                                  ("date", options.date_column, DATE_COLUMNS)):
        columns[key] = _find(header, wanted, defaults)
        if wanted and columns[key] is None:
            yield ReadError(where, f"no column {wanted!r} (columns: {', '.join(header)})")
            return
    if columns["text"] is None:
        yield ReadError(where, f"no text column: name one with --text-column (columns: "
                               f"{', '.join(header)})")
        return
    for key, defaults in (("title", TITLE_COLUMNS), ("url", URL_COLUMNS),
                          ("source", SOURCE_COLUMNS)):
        columns[key] = _find(header, None, defaults)
    used = {i for i in columns.values() if i is not None}
    n = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ReadError(f"{where} row {n + 1}", f"not readable CSV ({exc})")
            return
        if not any(cell.strip() for cell in row):
            continue
        n += 1
        loc = f"{where} row {n}"

        def cell(key: str, row=row) -> str:
            i = columns.get(key)
            return row[i] if i is not None and i < len(row) else ""

        body = cell("text")
        doc_id = cell("id").strip() or (f"{stem}-{n}" if stem else content_id(body))
        if not body.strip():
            yield ReadError(loc, "empty text", id=doc_id)
            continue
        try:
            published = normalise_date(cell("date")) or options.published
        except ValueError as exc:
            yield ReadError(loc, str(exc), id=doc_id)
            continue
        meta = {h.strip(): row[i] for i, h in enumerate(header) if i not in used and i < len(row)}
        yield Document(id=doc_id, text=body, title=cell("title").strip() or None,
                       published=published, url=cell("url").strip() or None,
                       source=cell("source").strip() or None, meta=meta)
