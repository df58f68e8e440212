"""The local web explorer: FastAPI app with HTML pages and the JSON API behind them.

    from blocs.web import create_app
    app = create_app("news.duckdb")          # uvicorn.run(app, host="127.0.0.1", port=8000)

Every page has an /api/... twin (documented at /openapi.json, listed at /api); bad
parameters get a 422 with what was wrong, unknown actors or documents a 404, a database
that cannot be read a 503. All assets are served from the package: nothing is fetched
from elsewhere, and the Content-Security-Policy says so to the browser too.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator

from blocs import __version__
from blocs.network import NetworkError
from blocs.web import models
from blocs.web.data import Explorer, NotFound, Unavailable
from blocs.web.queries import EventFilter

STATIC = Path(__file__).resolve().parent / "static"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
ERRORS = {404: {"model": models.Error, "description": "No such actor, document or event"},
          422: {"model": models.Error, "description": "Invalid parameters"},
          503: {"model": models.Error, "description": "Database unavailable"}}



def _strict_date(value: str | None) -> dt.date | None:
    """YYYY-MM-DD and nothing else (not a timestamp, not 20180901): 422 otherwise."""
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("not a date as YYYY-MM-DD")
    return dt.date.fromisoformat(value)


def _form_date(value: str | None) -> dt.date | None:
    """As _strict_date, but an empty field (a page's form left blank) means no date."""
    return _strict_date(value or None)


def _date_query(description: str, check=_strict_date):
    return Annotated[str | None, Query(description=description, max_length=10,
                                       json_schema_extra={"format": "date"},
                                       examples=["2018-09-01"]),
                     AfterValidator(check)]


Since = _date_query("First date (YYYY-MM-DD), inclusive.")
Until = _date_query("Last date (YYYY-MM-DD), inclusive.")
FormSince = _date_query("First date (YYYY-MM-DD), inclusive; empty: none.", _form_date)
FormUntil = _date_query("Last date (YYYY-MM-DD), inclusive; empty: none.", _form_date)
LevelQ = Annotated[models.Level, Query(description="Actor level: ISO3 country, country+"
                                       "sector (RUSMIL) or actor id.")]
StatusQ = Annotated[str, Query(pattern=models.STATUS_PATTERN, max_length=200,
                               description="Statuses counted, comma-separated, or 'all'.")]
ActorPath = Annotated[str, PathParam(min_length=1, max_length=100,
                                     description="Node id at the level (RUS, NATO, RUSMIL).",
                                     examples=["RUS"])]
Text = Annotated[str | None, Query(max_length=200)]


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def event_filter(party: Annotated[list[str], Query(
                     max_length=10, description="Every one of these (country, actor id or "
                     "country+sector) among the actors or recipients.")] = [],  # noqa: B006
                 actor: Annotated[str | None, Query(max_length=100, description=(
                     "Country or actor id among the actors."))] = None,
                 recipient: Annotated[str | None, Query(max_length=100, description=(
                     "Country or actor id among the recipients."))] = None,
                 type: models.EventType | None = None,  # noqa: A002
                 status: models.Status | None = None, since: Since = None,
                 until: Until = None,
                 q: Annotated[str | None, Query(max_length=200, description=(
                     "Text the sentence contains (case-insensitive)."))] = None,
                 doc_id: Annotated[str | None, Query(max_length=500)] = None) -> EventFilter:
    return EventFilter(party=[p for p in party if p], actor=actor or None,
                       recipient=recipient or None, type=type, status=status, since=since,
                       until=until, q=q or None, doc_id=doc_id or None)


def create_app(db: str | Path, *, warm: bool = False) -> FastAPI:
    """The explorer over a blocs DuckDB file. warm: compute the default network in the
    background at start, so the first page of a large database comes quickly."""
    explorer = Explorer(db)
    app = FastAPI(title="blocs explorer", version=__version__, docs_url=None, redoc_url=None,
                  description="JSON API of the blocs explorer: the alliance network, actors, "
                  "dyads, events and documents of a blocs database, read-only.")
    app.state.explorer = explorer
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    from blocs.web import pages

    def failure(request: Request, status: int, detail) -> object:
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": detail}, status_code=status)
        return pages.error_page(request, status, detail)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return failure(request, 404, str(exc))

    @app.exception_handler(Unavailable)
    async def unavailable(request: Request, exc: Unavailable):
        return failure(request, 503, str(exc))

    @app.exception_handler(NetworkError)
    async def bad_value(request: Request, exc: NetworkError):
        return failure(request, 422, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        detail = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")}
                  for e in exc.errors()]
        return failure(request, 422, detail)

    _api(app, explorer)
    pages.register(app, explorer)
    if warm:
        threading.Thread(target=_warm, args=(explorer,), daemon=True).start()
    return app


def _warm(explorer: Explorer) -> None:
    try:
        explorer.network()
    except Exception:  # noqa: BLE001 — a page will report the same error properly
        pass


def _api(app: FastAPI, ex: Explorer) -> None:
    @app.get("/api/summary", response_model=models.Summary, responses=ERRORS, tags=["data"])
    def summary():
        """Counts of documents and events, the date range, event types present."""
        return ex.summary()

    @app.get("/api/network", response_model=models.Network, responses=ERRORS,
             tags=["network"])
    def network_(since: Since = None, until: Until = None, level: LevelQ = "country",
                 status: StatusQ = "asserted",
                 resolution: Annotated[float, Query(gt=0, le=100)] = 1.0,
                 max_nodes: Annotated[int, Query(ge=1, le=2000)] = 150,
                 max_edges: Annotated[int, Query(ge=0, le=20000)] = 600):
        """The signed actor graph of a period with its blocs and a layout: the strongest
        `max_nodes` actors and `max_edges` ties among them."""
        return ex.network(since=_iso(since), until=_iso(until), level=level, status=status,
                          resolution=resolution, max_nodes=max_nodes, max_edges=max_edges)

    @app.get("/api/actors", response_model=list[models.ActorItem], responses=ERRORS,
             tags=["network"])
    def actors(level: LevelQ = "country", status: StatusQ = "asserted", q: Text = None,
               limit: Annotated[int, Query(ge=1, le=5000)] = 100):
        """Actors with dyads, busiest first; q matches the id or name."""
        return ex.actors(level=level, status=status, q=q, limit=limit)

    @app.get("/api/actors/{actor}", response_model=models.Actor, responses=ERRORS,
             tags=["network"])
    def actor(actor: ActorPath, since: Since = None, until: Until = None,
              level: LevelQ = "country", status: StatusQ = "asserted",
              window: models.Window | None = None,
              top: Annotated[int, Query(ge=1, le=200)] = 10,
              evidence: Annotated[int, Query(ge=0, le=20)] = 2):
        """An actor's partners and adversaries (with evidence sentences) and its
        cooperation and conflict per window (month, quarter or year by the data's span)."""
        return ex.actor(actor, level=level, status=status, since=_iso(since),
                        until=_iso(until), top=top, evidence=evidence, window=window)

    @app.get("/api/dyads/{a}/{b}", response_model=models.Dyad, responses=ERRORS,
             tags=["network"])
    def dyad(a: ActorPath, b: ActorPath, since: Since = None, until: Until = None,
             level: LevelQ = "country", status: StatusQ = "asserted",
             window: models.Window = "year"):
        """Cooperation, conflict, net and alignment of two actors per window."""
        return ex.dyad(a, b, level=level, status=status, since=_iso(since), until=_iso(until),
                       window=window)

    @app.get("/api/events", response_model=models.EventPage, responses=ERRORS, tags=["data"])
    def events(filt: Annotated[EventFilter, Depends(event_filter)],
               sort: models.Sort = "date", order: models.Order = "asc",
               page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
               per_page: Annotated[int, Query(ge=1, le=500)] = 50):
        """One page of event records matching every filter, sorted; `total` counts all."""
        return ex.events(filt, sort=sort, order=order, page=page, per_page=per_page)

    @app.get("/api/events/{event_id}", response_model=dict, responses=ERRORS, tags=["data"])
    def event(event_id: Annotated[str, PathParam(max_length=200)]):
        """One event record."""
        return ex.event(event_id)

    @app.get("/api/documents", response_model=models.DocumentPage, responses=ERRORS,
             tags=["data"])
    def documents(q: Text = None, page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
                  per_page: Annotated[int, Query(ge=1, le=500)] = 50):
        """Documents (without text) with their event counts, newest first."""
        return ex.documents(q=q, page=page, per_page=per_page)

    @app.get("/api/documents/{doc_id:path}", response_model=models.Document,
             responses=ERRORS, tags=["data"])
    def document(doc_id: Annotated[str, PathParam(max_length=500)]):
        """A document's text, its events, every grounded span (highlights: kind, offsets,
        text, events) and the text cut into segments at the spans' boundaries."""
        return ex.document(doc_id)


__all__ = ["create_app", "CSP"]
