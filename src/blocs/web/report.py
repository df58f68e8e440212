"""`blocs report`: one self-contained HTML file to share by email — the network with its
blocs, the events table and the annotated documents, with the explorer's CSS and JS
inlined and the data as JSON in a <script type="application/json"> block. It makes no
request of any kind: its Content-Security-Policy allows only its own inline script and
style (by hash), so a browser would refuse anything else even if it were asked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from blocs import __version__
from blocs.web import queries
from blocs.web.data import Explorer
from blocs.web.templating import asset, csp_hash, environment

MAX_EVENTS = 5000
MAX_DOCUMENTS = 50
EVENT_KEYS = ("id", "doc_id", "event", "mode", "status", "date", "actor", "recipient",
              "trigger", "text", "text_info", "plover_score", "goldstein", "confidence")
PARTY_KEYS = ("country", "sector", "id", "name")


def _slim(ev: dict) -> dict:
    """What the events table shows of a record (keeps the report small)."""
    out = {k: ev.get(k) for k in EVENT_KEYS}
    for role in ("actor", "recipient"):
        out[role] = [{k: p.get(k) for k in PARTY_KEYS} for p in ev.get(role) or []]
    return out


def build_report(db: str | Path, *, since: str | None = None, until: str | None = None,
                 level: str = "country", status: str = "asserted",
                 max_events: int = MAX_EVENTS, max_documents: int = MAX_DOCUMENTS) -> str:
    """The report's HTML. Events: the newest `max_events` of the period (all statuses);
    documents: the `max_documents` with the most events, annotated."""
    ex = Explorer(db)
    try:
        summary = ex.summary()
        net = ex.network(since=since, until=until, level=level, status=status)
        filt = queries.EventFilter(since=dt.date.fromisoformat(since) if since else None,
                                   until=dt.date.fromisoformat(until) if until else None)
        page = ex.events(filt, sort="date", order="desc", page=1, per_page=max(max_events, 1))
        events = [_slim(e) for e in page["rows"]][:max_events]
        with ex.connection() as con:
            doc_ids = queries.busiest_documents(con, max_documents) if max_documents else []
        documents = [ex.document(d) for d in doc_ids]
    finally:
        ex.close()
    css, js = asset("blocs.css"), asset("blocs.js")
    csp = (f"default-src 'none'; script-src {csp_hash(js)}; style-src {csp_hash(css)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    data = {"network": net, "events": events, "events_total": page["total"],
            "documents": doc_ids, "types": summary["types"], "level": level}
    return environment().get_template("report.html").render(
        css=css, js=js, csp=csp, data=data, net=net, summary=summary, documents=documents,
        events_shown=len(events), events_total=page["total"], version=__version__,
        created=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        since=since, until=until, level=level, status=status)


def write_report(db: str | Path, output: str | Path, **options) -> int:
    """Write the report to `output`; returns its size in bytes."""
    html = build_report(db, **options)
    Path(output).write_text(html, encoding="utf-8")
    return len(html.encode("utf-8"))


__all__ = ["build_report", "write_report", "MAX_EVENTS", "MAX_DOCUMENTS"]
