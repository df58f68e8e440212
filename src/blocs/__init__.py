"""blocs: English news to grounded PLOVER events, and the alliance system they describe."""

from __future__ import annotations

__version__ = "0.1.0"

from blocs.types import Actor, Document, Place, TimeInterval  # noqa: E402

__all__ = ["Actor", "Document", "Place", "TimeInterval", "__version__", "load", "code"]


def load(**kwargs):
    """Build the blocs spaCy pipeline (see blocs.pipeline.load)."""
    from blocs.pipeline import load as _load

    return _load(**kwargs)


def code(texts, **kwargs):
    """Code texts or Documents into event records (see blocs.pipeline.code)."""
    from blocs.pipeline import code as _code

    return _code(texts, **kwargs)
