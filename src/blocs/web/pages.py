"""HTML pages of the explorer: server-rendered Jinja2 (autoescape on) with the page's data
in a <script type="application/json"> block that static/blocs.js draws from."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse

from blocs.web import models
from blocs.web.app import ActorPath, LevelQ, StatusQ, Text, _iso
from blocs.web.app import FormSince as Since
from blocs.web.app import FormUntil as Until
from blocs.web.data import Explorer
from blocs.web.templating import environment

NAV = (("/", "Network"), ("/actors", "Actors"), ("/events", "Events"),
       ("/documents", "Documents"), ("/api", "API"))


def render(request: Request, template: str, http_status: int = 200,
           **context) -> HTMLResponse:
    html = environment().get_template(template).render(
        nav=NAV, path=request.url.path, params=dict(request.query_params), **context)
    return HTMLResponse(html, status_code=http_status)


def error_page(request: Request, status: int, detail) -> HTMLResponse:
    if isinstance(detail, list):  # validation errors: "since: Input should be a valid date"
        detail = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}"
                           for e in detail)
    titles = {404: "Not found", 422: "Invalid request", 503: "Database unavailable"}
    return render(request, "error.html", http_status=status,
                  title=titles.get(status, "Error"), code=status, detail=str(detail))


def register(app: FastAPI, ex: Explorer) -> None:
    page = {"response_class": HTMLResponse, "include_in_schema": False}

    @app.get("/", **page)
    def network_page(request: Request, since: Since = None, until: Until = None,
                     level: LevelQ = "country", status: StatusQ = "asserted"):
        net = ex.network(since=_iso(since), until=_iso(until), level=level, status=status)
        return render(request, "network.html", title="Alliance network", net=net,
                      summary=ex.summary())

    @app.get("/actors", **page)
    def actors_page(request: Request, level: LevelQ = "country", status: StatusQ = "asserted",
                    q: Text = None):
        return render(request, "actors.html", title="Actors", level=level, status=status,
                      q=q or "", actors=ex.actors(level=level, status=status, q=q, limit=500))

    @app.get("/actors/{actor}", **page)
    def actor_page(request: Request, actor: ActorPath, since: Since = None,
                   until: Until = None, level: LevelQ = "country",
                   status: StatusQ = "asserted", window: models.Window | None = None):
        profile = ex.actor(actor, level=level, status=status, since=_iso(since),
                           until=_iso(until), window=window)
        return render(request, "actor.html", title=f"{profile['name']} ({profile['actor']})",
                      profile=profile, level=level, status=status,
                      types=ex.summary()["types"])

    @app.get("/dyads/{a}/{b}", **page)
    def dyad_page(request: Request, a: ActorPath, b: ActorPath, since: Since = None,
                  until: Until = None, level: LevelQ = "country",
                  status: StatusQ = "asserted", window: models.Window = "year"):
        dyad = ex.dyad(a, b, level=level, status=status, since=_iso(since), until=_iso(until),
                       window=window)
        return render(request, "dyad.html", title=f"{dyad['a']} – {dyad['b']}", dyad=dyad,
                      level=level, status=status, types=ex.summary()["types"])

    @app.get("/events", **page)
    def events_page(request: Request):
        return render(request, "events.html", title="Events", types=ex.summary()["types"])

    @app.get("/documents", **page)
    def documents_page(request: Request, q: Text = None,
                       page: Annotated[int, Query(ge=1, le=1_000_000)] = 1):
        docs = ex.documents(q=q, page=page, per_page=50)
        return render(request, "documents.html", title="Documents", docs=docs, q=q or "")

    @app.get("/documents/{doc_id:path}", **page)
    def document_page(request: Request, doc_id: Annotated[str, PathParam(max_length=500)]):
        doc = ex.document(doc_id)
        return render(request, "document.html",
                      title=doc["document"].get("title") or doc["document"]["id"], doc=doc)

    @app.get("/api", **page)
    def api_page(request: Request):
        schema = app.openapi()
        routes = [{"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                   "description": op.get("description", ""),
                   "params": [p["name"] for p in op.get("parameters", [])]}
                  for path, ops in schema["paths"].items() for method, op in ops.items()]
        return render(request, "api.html", title="JSON API", routes=routes)


__all__ = ["register", "render", "error_page"]
