"""HTML pages: the article's main text, title, date, source and url (trafilatura).

trafilatura runs on the page as a string: nothing is fetched, ever. Navigation, cookie
banners, share bars, related links, newsletter boxes, comments and footers are dropped;
the text is "title\\n\\nparagraph\\n\\nparagraph…", so the headline is the document's first
line (the plain-text input contract) and offsets cover it. The date is the page's own
publication date (meta tags, JSON-LD, <time>; no guessing from the body text); without
one, `--published` anchors the page. `source` is the site name (og:site_name, else the
url's host); `url` the canonical url the page declares; `id` the file name, except for
index.html and other generic names, which take the url (else folder/name).
"""

from __future__ import annotations

import html as html_lib
import logging
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from blocs.readers.encoding import decode

for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.ERROR)

MIN_WORDS = 4
GENERIC_STEMS = {"index", "default", "article", "page", "story", "main", "content", "amp"}
DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}
_SPACES = re.compile(r"[ \t\u00a0]+")


def _paragraphs(text: str) -> list[str]:
    return [p for p in (_SPACES.sub(" ", line).strip() for line in text.split("\n")) if p]


def page_document(page: str, *, id: str, published: str | None = None):
    """A Document from one HTML page (a string), or a ReadError when it has no text."""
    import trafilatura

    from blocs.documents import ReadError
    from blocs.types import Document

    try:
        result = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                             include_tables=False,
                                             date_extraction_params=DATE_PARAMS)
    except Exception as exc:  # noqa: BLE001 — a malformed page is this page's error
        return ReadError(id, f"cannot parse HTML ({type(exc).__name__}: {exc})", id=id)
    meta = result.as_dict() if result is not None and hasattr(result, "as_dict") else (
        result or {})
    paragraphs = _paragraphs(meta.get("text") or "")
    title = _SPACES.sub(" ", meta.get("title") or "").strip() or None
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if sum(len(p.split()) for p in paragraphs) < MIN_WORDS:  # nav links are no article
        return ReadError(id, "no article text found in the HTML page", id=id)
    text = "\n\n".join(([title] if title else []) + paragraphs)
    extra = {k: meta[k] for k in ("author", "description", "hostname", "language")
             if meta.get(k)}
    return Document(id=id, text=text, title=title, published=meta.get("date") or published,
                    url=meta.get("url") or None,
                    source=meta.get("sitename") or meta.get("hostname") or None, meta=extra)


def read_html(data: bytes, *, where: str, stem: str, options) -> Iterator:
    from blocs.documents import ReadError

    try:
        page = decode(data, markup=True)
    except ValueError as exc:
        yield ReadError(where, str(exc))
        return
    from blocs.documents import content_id

    item = page_document(page, id=stem or content_id(page), published=options.published)
    if isinstance(item, ReadError):
        item.source = where
    elif stem.lower() in GENERIC_STEMS:
        # saved sites are full of index.html: the page's url, else folder/name, is its id
        item.id = item.url or f"{Path(where).parent.name}/{stem}"
    yield item


BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
              "section", "article", "table", "tr", "pre", "figure", "figcaption", "header",
              "footer", "dd", "dt"}
SKIP_TAGS = {"script", "style", "noscript", "iframe", "template", "svg"}


class _FragmentText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def fragment_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment (a feed entry's content): paragraphs kept apart by
    blank lines, whitespace inside them collapsed, scripts and styles dropped."""
    if not fragment:
        return ""
    if "<" not in fragment:
        return "\n\n".join(_paragraphs(html_lib.unescape(fragment)))
    parser = _FragmentText()
    parser.feed(fragment)
    parser.close()
    blocks = re.split(r"\n\s*\n", "".join(parser.parts))
    out = []
    for block in blocks:
        lines = [_SPACES.sub(" ", x).strip() for x in block.split("\n")]
        joined = " ".join(x for x in lines if x)
        if joined:
            out.append(joined)
    return "\n\n".join(out)
