"""RSS and Atom feeds (feedparser): each entry one document, dated by its own timestamp.

The feed is a local file (a saved copy of a feed URL); feedparser gets the bytes as a
stream, so it never opens a URL or a path. An entry's text is its title, a blank line and
its content (or summary) as plain text; `published` is the entry's published (else
updated) time as written, with its UTC offset, so the local day anchors relative dates;
`url` the entry's link; `source` the feed's title; `id` the entry's guid/id, else its
link, else "<file stem>-<n>".
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import re
from collections.abc import Iterator

from blocs.readers.encoding import decode
from blocs.readers.html import fragment_text

_MORE = re.compile(r"^(read more|continue reading|read the full (story|article)|more)\W*$",
                   re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def entry_published(entry) -> str | None:
    """The entry's published (else updated/created) time as an ISO datetime, offset kept."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        raw = str(raw).strip()
        try:
            return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).isoformat()
        except ValueError:
            pass
        try:
            return email.utils.parsedate_to_datetime(raw).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return dt.datetime(*parsed[:6], tzinfo=dt.timezone.utc).isoformat()
    return None


def _entry_body(entry) -> str:
    contents = entry.get("content") or []
    html = max((c.get("value") or "" for c in contents), key=len, default="")
    summary = entry.get("summary") or ""
    text = fragment_text(html if len(html) >= len(summary) else summary)
    return "\n\n".join(p for p in text.split("\n\n") if not _MORE.match(p.strip()))


def read_feed(data: bytes, *, where: str, stem: str, options) -> Iterator:
    import feedparser

    from blocs.documents import ReadError, content_id
    from blocs.types import Document

    try:
        text = decode(data, markup=True)
    except ValueError as exc:
        yield ReadError(where, str(exc))
        return
    # Decoded once here (wrong or mixed encodings included), handed over as UTF-8.
    xml = _XML_DECL.sub('<?xml version="1.0" encoding="utf-8"?>', text, count=1)
    parsed = feedparser.parse(io.BytesIO(xml.encode("utf-8")), sanitize_html=True,
                              resolve_relative_uris=False)
    if not parsed.entries:
        why = parsed.get("bozo_exception")
        yield ReadError(where, f"not a readable RSS/Atom feed ({why})" if why
                        else "feed has no entries")
        return
    source = _SPACES.sub(" ", parsed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(parsed.entries, 1):
        loc = f"{where}#{n}"
        title = _SPACES.sub(" ", fragment_text(entry.get("title"))).strip()
        body = _entry_body(entry)
        if body.startswith(title):
            body = body[len(title):].lstrip()
        text = "\n\n".join(x for x in (title, body) if x)
        doc_id = str(entry.get("id") or entry.get("link")
                     or (f"{stem}-{n}" if stem else content_id(text)))
        if not text:
            yield ReadError(loc, "empty feed entry", id=doc_id)
            continue
        meta = {"feed": where}
        if entry.get("author"):
            meta["author"] = entry["author"]
        tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
        if tags:
            meta["tags"] = tags
        yield Document(id=doc_id, text=text, title=title or None,
                       published=entry_published(entry) or options.published,
                       url=entry.get("link") or None, source=source, meta=meta)
