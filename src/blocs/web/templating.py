"""The Jinja2 environment shared by the explorer and the report: autoescape always on, and
the few filters templates need. Article text, titles and urls are untrusted: they reach
HTML only through autoescaped expressions, JSON only through `tojson` (which escapes <, >,
& and '), and a url becomes a link only when it is http(s)."""

from __future__ import annotations

import hashlib
from base64 import b64encode
from functools import lru_cache
from importlib import resources
from urllib.parse import quote, urlencode, urlparse

import jinja2

from blocs.web.annotate import party_label


def url_part(value) -> str:
    """One path segment or query value, percent-encoded (slashes included)."""
    return quote(str(value), safe="")


def safe_url(value) -> str | None:
    """The url when it is http(s) (never javascript:, data:, …), else None."""
    if not value:
        return None
    try:
        scheme = urlparse(str(value)).scheme.lower()
    except ValueError:
        return None
    return str(value) if scheme in ("http", "https") else None


def parties(items) -> str:
    return ", ".join(dict.fromkeys(party_label(p) for p in items or []))


def score(value) -> str:
    if value is None:
        return ""
    return f"{value:+.1f}" if isinstance(value, (int, float)) else str(value)


def query(params: dict, **changes) -> str:
    """A query string from params with changes applied (None drops a key)."""
    merged = {**params, **changes}
    pairs = []
    for key, value in merged.items():
        if value is None or value == "" or value == []:
            continue
        for v in value if isinstance(value, list) else [value]:
            pairs.append((key, v))
    return urlencode(pairs)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("blocs.web", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters.update(url_part=url_part, safe_url=safe_url, parties=parties, score=score)
    env.globals.update(query=query)
    return env


def asset(name: str) -> str:
    """The text of a file in blocs/web/static (the report inlines them)."""
    return resources.files("blocs.web").joinpath("static", name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    """A Content-Security-Policy source allowing exactly this inline script or style."""
    return "'sha256-" + b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


__all__ = ["environment", "asset", "csp_hash", "url_part", "safe_url", "parties", "score",
           "query"]
