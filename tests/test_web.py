"""The explorer's library and JSON API, the report file and the two commands, without a
browser: highlights and segments, the layout, every /api endpoint over real HTTP on a
database coded from the reference article (and an article full of HTML), the report's
self-containment, and tens of thousands of events served in pages."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import time
from html import unescape
from urllib.parse import quote

import httpx
import pytest
from click.testing import CliRunner

from blocs.cli import main
from blocs.web.annotate import annotate
from blocs.web.layout import layout
from test_web_fixtures import LARGE_EVENTS, LiveServer, large_db, reference_db

from conftest import REFERENCE, ROOT

DOC_ID = REFERENCE.stem
XSS_ID = 'xss"><img src=x onerror=alert(1)>'
# A request leaves the page only through src/href/action/url(); the SVG namespace is a name.
EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?"""
                      r"""(?:https?:)?//|@import""", re.I)


@pytest.fixture(scope="module")
def db(tmp_path_factory, nlp):
    return reference_db(tmp_path_factory, nlp)


@pytest.fixture(scope="module")
def server(db):
    with LiveServer(db) as live:
        yield live


@pytest.fixture(scope="module")
def api(server):
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


# -- highlights and layout (no model) ------------------------------------------------------

def test_segments_rebuild_text_and_each_highlight():
    text = "On Saturday, Russian and Iranian officers met in Baghdad."
    def span(s):
        return {"text": s, "start": text.index(s), "end": text.index(s) + len(s)}
    ev1 = {"id": "e1", "event": "CONSULT", "date": "2018-09-01",
           "actor": [{**span("Russian and Iranian officers"), "country": "RUS", "id": "RUS",
                      "sector": "MIL", "name": "Russia"},
                     {**span("Russian and Iranian officers"), "country": "IRN", "id": "IRN",
                      "sector": "MIL", "name": "Iran"}],
           "recipient": [], "trigger": span("met"), "time": span("On Saturday"),
           "location": {**span("Baghdad"), "name": "Baghdad", "country": "IRQ"}}
    ev2 = {"id": "e2", "event": "ASSAULT", "actor": [{**span("Iranian"), "country": "IRN",
                                                       "id": "IRN", "name": "Iran"}],
           "recipient": [{"text": "beyond", "start": 500, "end": 506, "country": "USA"}],
           "trigger": span("met")}
    marks, segs = annotate(text, [ev1, ev2])
    assert "".join(s["text"] for s in segs) == text
    kinds = {(h["kind"], h["text"]) for h in marks}
    assert ("actor", "Russian and Iranian officers") in kinds and ("actor", "Iranian") in kinds
    assert ("time", "On Saturday") in kinds and ("place", "Baghdad") in kinds
    assert not any(h["text"] == "beyond" for h in marks)  # offsets outside the text: dropped
    group = next(h for h in marks if h["text"] == "Russian and Iranian officers")
    assert "RUS MIL" in group["label"] and "IRN MIL" in group["label"]
    trigger = next(h for h in marks if h["kind"] == "trigger")
    assert trigger["events"] == ["e1", "e2"]
    for h in marks:  # a highlight's segments, in order, are exactly its characters
        assert "".join(s["text"] for s in segs if h["id"] in s["h"]) == text[h["start"]:h["end"]]
        assert h["ok"]


def test_layout_is_deterministic_and_separates_blocs():
    nodes = [{"id": c, "cooperation": float(i), "conflict": 1.0}
             for i, c in enumerate(["RUS", "IRN", "SYR", "USA", "GBR", "FRA", "TUR"])]
    blocs = [["RUS", "IRN", "SYR"], ["USA", "GBR", "FRA"]]
    size = layout(nodes, blocs)
    first = [(n["x"], n["y"]) for n in nodes]
    assert layout(nodes, blocs) == size and [(n["x"], n["y"]) for n in nodes] == first
    assert len(set(first)) == len(nodes)
    assert all(0 < x < size[0] and 0 < y < size[1] for x, y in first)
    pos = {n["id"]: (n["x"], n["y"]) for n in nodes}

    def dist(a, b):
        return ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5
    assert dist("RUS", "IRN") < dist("RUS", "USA") and dist("USA", "GBR") < dist("IRN", "GBR")


# -- the JSON API on the reference database ---------------------------------------------

@pytest.mark.model
def test_network_api_shows_the_reference_bloc(api):
    net = api.get("/api/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert {"RUS", "IRN", "IRQ", "SYR", "USA"} <= ids
    bloc = next(b for b in net["blocs"] if "RUS" in b["members"])
    assert {"IRN", "IRQ", "SYR"} <= set(bloc["members"]) and "USA" not in bloc["members"]
    assert all(n["bloc"] == bloc["bloc"] for n in net["nodes"] if n["id"] in {"RUS", "IRN"})
    assert any(e["net"] < 0 for e in net["edges"]) and any(e["net"] > 0 for e in net["edges"])
    assert {w["label"] for w in net["windows"]} >= {"all", "2015", "2018", "2019"}
    later = api.get("/api/network", params={"since": "2018-01-01", "until": "2018-12-31"})
    assert later.status_code == 200 and later.json()["since"] == "2018-01-01"
    assert len(later.json()["edges"]) < len(net["edges"])


@pytest.mark.model
def test_events_api_filters_sorts_and_pages(api):
    everything = api.get("/api/events", params={"per_page": 500}).json()
    assert everything["total"] == len(everything["rows"]) > 20
    iraq = api.get("/api/events", params={"party": "irq", "per_page": 500}).json()
    assert 0 < iraq["total"] < everything["total"]
    for ev in iraq["rows"]:
        assert "IRQ" in {p["country"] for p in ev["actor"] + ev["recipient"]}
    both = api.get("/api/events", params=[("party", "RUS"), ("party", "IRN")]).json()
    assert all({"RUS", "IRN"} <= {p["country"] for p in e["actor"] + e["recipient"]}
               for e in both["rows"]) and both["total"] > 0
    consult = api.get("/api/events", params={"type": "CONSULT", "status": "asserted"}).json()
    assert consult["rows"] and all(e["event"] == "CONSULT" and e["status"] == "asserted"
                                   for e in consult["rows"])
    words = api.get("/api/events", params={"q": "BAGHDAD"}).json()
    assert words["rows"] and all("baghdad" in e["text"].lower() for e in words["rows"])
    dated = api.get("/api/events", params={"since": "2018-09-01", "until": "2018-09-30"})
    assert all("2018-09-01" <= e["date"] <= "2018-09-30" for e in dated.json()["rows"])
    ranked = api.get("/api/events", params={"sort": "plover_score", "order": "desc"}).json()
    scores = [e["plover_score"] for e in ranked["rows"]]
    assert scores == sorted(scores, reverse=True)
    pages = [api.get("/api/events", params={"per_page": 7, "page": p}).json()
             for p in range(1, everything["pages"] + 8)]
    assert pages[0]["pages"] == -(-everything["total"] // 7)
    assert [e["id"] for p in pages for e in p["rows"]] == [e["id"] for e in everything["rows"]]
    one = everything["rows"][0]
    assert api.get(f"/api/events/{one['id']}").json()["id"] == one["id"]


@pytest.mark.model
def test_api_errors_are_clear_4xx(api):
    for url, params, status in [
            ("/api/events", {"since": "last week"}, 422), ("/api/events", {"per_page": 0}, 422),
            ("/api/events", {"per_page": 501}, 422), ("/api/events", {"type": "HUG"}, 422),
            ("/api/events", {"sort": "drop table"}, 422),
            ("/api/network", {"status": "rumoured"}, 422), ("/api/network", {"level": "x"}, 422),
            ("/api/actors/ATLANTIS", {}, 404), ("/api/dyads/RUS/RUS", {}, 404),
            ("/api/dyads/RUS/ATLANTIS", {}, 404), ("/api/documents/no-such-doc", {}, 404),
            ("/api/events/no-such-event", {}, 404)]:
        response = api.get(url, params=params)
        assert response.status_code == status, (url, params, response.text)
        assert response.headers["content-type"].startswith("application/json")
        assert response.json()["detail"]
    detail = api.get("/api/events", params={"since": "last week"}).json()["detail"]
    assert detail[0]["loc"] == ["query", "since"]
    assert api.get("/docs").status_code == 404  # FastAPI's Swagger UI would load a CDN
    schema = api.get("/openapi.json").json()
    assert {"/api/network", "/api/events", "/api/documents/{doc_id}", "/api/actors/{actor}",
            "/api/dyads/{a}/{b}"} <= set(schema["paths"])


@pytest.mark.model
def test_document_api_grounds_every_highlight(api):
    doc = api.get(f"/api/documents/{DOC_ID}").json()
    text = doc["document"]["text"]
    assert text.startswith("Russia's new alliance in Iraq?")
    assert "".join(s["text"] for s in doc["segments"]) == text
    spans = {(k, s["start"], s["end"], s["text"]) for ev in doc["events"]
             for k, s in [("trigger", ev["trigger"])] + [("actor", p) for p in ev["actor"]]}
    marks = {(h["kind"], h["start"], h["end"], h["text"]) for h in doc["highlights"]}
    assert spans <= marks
    for h in doc["highlights"]:
        assert text[h["start"]:h["end"]] == h["text"] and h["ok"]
    assert set(doc["event_marks"]) == {ev["id"] for ev in doc["events"]}


@pytest.mark.model
def test_pages_render_with_local_assets_only(api):
    for url in ["/", "/actors", "/actors/RUS", "/events", "/documents",
                f"/documents/{DOC_ID}", "/dyads/RUS/IRN", "/api", "/?since=2018-01-01",
                "/?since=&until=&level=country", "/actors/RUS?since=&until=2018-12-31"]:
        page = api.get(url)
        assert page.status_code == 200, url
        assert page.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert not EXTERNAL.search(page.text), url
    for asset in ["/static/blocs.js", "/static/blocs.css"]:
        body = api.get(asset)
        assert body.status_code == 200 and not EXTERNAL.search(body.text)
        assert "http" not in body.text.replace("http://www.w3.org/2000/svg", "")
    assert "innerHTML" not in api.get("/static/blocs.js").text
    missing = api.get("/actors/ATLANTIS")
    assert missing.status_code == 404 and "ATLANTIS" in missing.text
    for url, status in [("/?since=yesterday", 422), ("/?until=0", 422), ("/?level=planet", 422),
                        ("/actors/%00", 404), ("/documents/..%2F..%2Fetc%2Fpasswd", 404),
                        ("/dyads/RUS/IRN?window=decade", 422), ("/documents?page=0", 422),
                        ("/static/..%2F..%2Fstore.py", 404)]:
        response = api.get(url)
        assert response.status_code == status, (url, response.status_code)
        if url.startswith("/static"):
            continue
        assert response.headers["content-type"].startswith("text/html")
        assert 'class="error"' in response.text


@pytest.mark.model
def test_hostile_article_is_escaped_in_html_and_json(api):
    page = api.get("/documents/" + quote(XSS_ID, safe=""))
    assert page.status_code == 200
    assert "<script>window.__xss" not in page.text and "onerror=\"window" not in page.text
    assert "&lt;script&gt;window.__xss=&#39;title&#39;&lt;/script&gt;" in page.text
    assert 'href="javascript' not in page.text  # a url that is not http(s) stays text
    listing = api.get("/documents").text
    assert "&lt;img src=x onerror=" in listing and "<img src=x" not in listing
    data = api.get("/api/documents/" + quote(XSS_ID, safe="")).json()
    assert "<script>window.__xss='text'" in data["document"]["text"]  # JSON keeps it as data


@pytest.mark.model
def test_explorer_reads_the_database_as_it_is_now(db, tmp_path):
    """A database changed while the explorer runs (say, by blocs ingest between two
    visits) shows the change on the next request: the shared connection is reopened."""
    from blocs.store import open_store

    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)
    with LiveServer(copy) as live, httpx.Client(base_url=live.url) as client:
        before = client.get("/api/events").json()["total"]
        assert len(client.get("/api/network").json()["nodes"]) == 7
        live.app.state.explorer.close()  # as the idle timer does
        with open_store(copy) as store:
            store.con.execute("DELETE FROM events WHERE doc_id = ?", [XSS_ID])
        assert client.get("/api/events").json()["total"] < before
        assert "ISR" not in {n["id"] for n in client.get("/api/network").json()["nodes"]}


# -- the report ---------------------------------------------------------------------------

@pytest.mark.model
def test_report_is_self_contained(db, tmp_path, api):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert not EXTERNAL.search(html)
    assert "<link" not in html and "<script src" not in html
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"',
                             html).group(1))
    assert "default-src 'none'" in csp and "'sha256-" in csp and "unsafe-inline" not in csp
    block = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html,
                      re.S).group(1)
    assert "</" not in block and "<script" not in block
    data = json.loads(block)
    assert {n["id"] for n in data["network"]["nodes"]} == {
        n["id"] for n in api.get("/api/network").json()["nodes"]}
    assert data["events_total"] == len(data["events"]) == api.get("/api/events").json()["total"]
    assert "&lt;script&gt;window.__xss" in html and "<script>window.__xss" not in html
    assert html.count('<article class="doc"') == 2


def test_report_and_serve_errors_are_one_line(tmp_path):
    runner = CliRunner()
    for args in (["report", "--db", str(tmp_path / "none.duckdb")],
                 ["serve", "--db", str(tmp_path / "none.duckdb")],
                 ["report", "--db", str(tmp_path / "none.duckdb"), "--since", "soon"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 1, args
        assert result.output.startswith("Error:") and len(result.output.strip().splitlines()) == 1


@pytest.mark.model
def test_serve_command_listens_on_loopback(db, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        busy = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", str(port)])
        assert busy.exit_code == 1 and "cannot listen" in busy.output
    proc = subprocess.Popen([sys.executable, "-m", "blocs.cli", "serve", "--db", str(db),
                             "--port", str(port)], cwd=tmp_path, stderr=subprocess.PIPE,
                            text=True)
    try:
        deadline, response = time.monotonic() + 60, None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert response is not None and response.status_code == 200, proc.poll()
        assert response.json()["documents"] == 2
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert "http://127.0.0.1:" in proc.stderr.read()


# -- tens of thousands of events ----------------------------------------------------------

def test_large_database_is_paged_and_filtered_on_the_server(tmp_path_factory, tmp_path):
    big = large_db(tmp_path_factory)
    with LiveServer(big) as live, httpx.Client(base_url=live.url, timeout=60) as client:
        start = time.perf_counter()
        page = client.get("/api/events", params={"party": "RUS", "sort": "plover_score",
                                                 "order": "desc", "page": 5}).json()
        assert page["total"] > 500 and len(page["rows"]) == 50
        last = client.get("/api/events", params={"page": 500}).json()
        assert last["total"] == LARGE_EVENTS and len(last["rows"]) == 50
        assert time.perf_counter() - start < 5
        html = client.get("/events")
        assert len(html.content) < 20_000  # the table page holds no events: it asks for pages
        start = time.perf_counter()
        network = client.get("/")
        assert network.status_code == 200 and len(network.content) < 600_000
        net = client.get("/api/network").json()
        assert len(net["nodes"]) == 40 and len(net["edges"]) <= 600 and len(net["blocs"]) >= 2
        camps = [set(b["members"]) for b in net["blocs"][:2]]
        assert {"RUS", "CHN"} <= camps[0] | camps[1]
        assert time.perf_counter() - start < 60
        doc = client.get("/documents/syn-000042")
        assert doc.status_code == 200 and doc.text.count('class="seg') >= 30
    report = tmp_path / "big.html"
    result = CliRunner().invoke(main, ["report", "--db", str(big), "-o", str(report),
                                       "--max-events", "2000", "--max-documents", "5"])
    assert result.exit_code == 0, result.output
    assert report.stat().st_size < 3_000_000
    assert f"The newest 2000 of {LARGE_EVENTS} events" in report.read_text(encoding="utf-8")


def test_package_ships_templates_and_assets():
    web = ROOT / "src" / "blocs" / "web"
    pyproject = (ROOT / "pyproject.toml").read_text()
    for pattern in ("web/templates/*.html", "web/static/*.js", "web/static/*.css"):
        assert pattern in pyproject
    assert (web / "templates" / "report.html").is_file() and (web / "static" / "blocs.js").is_file()
