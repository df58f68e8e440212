"""blocs: English news to grounded PLOVER events, and the alliance system they describe."""

from __future__ import annotations

__version__ = "0.1.0"

from blocs.types import Actor, Document, Place, TimeInterval  # noqa: E402

__all__ = ["Actor", "Document", "Place", "TimeInterval", "__version__", "load", "code", "open",
           "frame", "read"]


def load(**kwargs):
    """Build the blocs spaCy pipeline (see blocs.pipeline.load)."""
    from blocs.pipeline import load as _load

    return _load(**kwargs)


def code(texts, **kwargs):
    """Code texts or Documents into event records (see blocs.pipeline.code)."""
    from blocs.pipeline import code as _code

    return _code(texts, **kwargs)


def open(db="blocs.duckdb"):  # noqa: A001 — blocs.open(db), as in notebooks
    """A blocs DuckDB file for notebooks: `.events(...)` a pandas DataFrame, `.graph(...)`
    a networkx graph, `.dyads()`, `.documents()`, `.sql(...)` (see blocs.notebook)."""
    from blocs.notebook import Database

    return Database(db)


def frame(events, *, nested: bool = False):
    """Event records (from `code`) as a pandas DataFrame (see blocs.formats.to_frame)."""
    from blocs.formats import to_frame

    return to_frame(events, nested=nested)


def read(paths, **options):
    """Documents from files in any input format blocs reads (see blocs.documents.read);
    ReadErrors are skipped. Pass the result to `code`."""
    from blocs.documents import ReadError
    from blocs.documents import read as _read

    if isinstance(paths, str):
        paths = [paths]
    return [d for d in _read(paths, **options) if not isinstance(d, ReadError)]
