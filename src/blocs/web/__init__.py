"""See the data: a local web explorer (`blocs serve`) and a self-contained HTML report
(`blocs report`) over a blocs DuckDB file.

    from blocs.web import create_app, build_report, Explorer
    app = create_app("news.duckdb")                 # FastAPI; run with uvicorn
    html = build_report("news.duckdb")              # one file, no external requests

Modules: data (Explorer: what every page shows, as dicts), queries (paged, filtered SQL),
annotate (highlights and segments of a document), layout (circular-by-bloc positions),
app (FastAPI app and JSON API), pages (HTML pages), report, templating (Jinja2,
autoescaped), templates/ and static/ (package data).
"""

from __future__ import annotations

from blocs.web.data import Explorer, NotFound, Unavailable


def create_app(db, **options):
    from blocs.web.app import create_app as _create_app

    return _create_app(db, **options)


def build_report(db, **options) -> str:
    from blocs.web.report import build_report as _build_report

    return _build_report(db, **options)


__all__ = ["Explorer", "NotFound", "Unavailable", "create_app", "build_report"]
