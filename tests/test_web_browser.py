"""The explorer and the report in a real browser: Debian's headless Chromium driven by
Playwright (never a downloaded browser), on a database coded from the reference article
and an article full of HTML. Each test loads pages, clicks and filters as a reader would,
and saves a screenshot under test-artifacts/web/ (gitignored).

The explorer's pages may only talk to the explorer: every other request is aborted and
counted. The report is opened from a file with the context offline and every non-file
request aborted: none may even be attempted.
"""

from __future__ import annotations

import re
import time
from urllib.parse import quote

import httpx
import pytest

from blocs.web import build_report
from test_web_fixtures import (
    LARGE_EVENTS,
    LiveServer,
    chromium,
    large_db,
    reference_db,
    require_chromium,
    screenshot,
)

from conftest import REFERENCE

pytestmark = [pytest.mark.browser, pytest.mark.model]
DOC_ID = REFERENCE.stem
XSS_ID = 'xss"><img src=x onerror=alert(1)>'

# For each highlight id, the text of its segments in document order, as the reader sees it.
MARKED_TEXT = """view => {
  const out = {};
  view.querySelectorAll('.seg[data-h]').forEach(seg => {
    seg.dataset.h.split(' ').forEach(id => { out[id] = (out[id] || '') + seg.textContent; });
  });
  return out;
}"""


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


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    with chromium() as b:
        yield b


class Watch:
    """What a page did that it should not: script errors, dialogs, foreign requests."""

    def __init__(self):
        self.errors, self.dialogs, self.foreign = [], [], []

    def attach(self, page):
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    watch = Watch()

    def local_only(route):
        if route.request.url.startswith(server.url + "/") or route.request.url.startswith(
                "data:"):
            route.continue_()
        else:
            watch.foreign.append(route.request.url)
            route.abort()

    context.route("**/*", local_only)
    tab = context.new_page()
    watch.attach(tab)
    tab.watch = watch
    yield tab
    context.close()
    assert not watch.errors, watch.errors
    assert not watch.dialogs, watch.dialogs
    assert not watch.foreign, watch.foreign


def count_text(page) -> int:
    text = page.locator("#events .count").inner_text()
    return int(re.match(r"(\d+) event", text).group(1))


def test_network_page_window_control_and_click_an_actor(page, server, api):
    net = api.get("/api/network").json()
    page.goto(server.url + "/")
    page.wait_for_selector("svg#network a.node")
    drawn = page.eval_on_selector_all("svg#network a.node", "ns => ns.map(n => n.dataset.id)")
    assert sorted(drawn) == sorted(n["id"] for n in net["nodes"])
    assert page.locator("svg#network line.edge").count() == len(net["edges"])
    assert page.locator("svg#network line.edge.conflict").count() == sum(
        e["net"] < 0 for e in net["edges"])
    colour = {n: page.locator(f'svg#network a.node[data-id="{n}"] circle').get_attribute("class")
              for n in ("RUS", "IRN", "SYR", "USA")}
    assert colour["RUS"] == colour["IRN"] == colour["SYR"] != colour["USA"]
    assert "bloc" in page.locator("#bloc-list").inner_text()
    screenshot(page, "network")

    page.select_option("#window-select", label="2018")
    page.wait_for_url(re.compile(r"since=2018-01-01.*until=2018-12-31"))
    page.wait_for_selector("svg#network a.node")
    assert page.locator("svg#network line.edge").count() == len(
        api.get("/api/network", params={"since": "2018-01-01", "until": "2018-12-31"}
                ).json()["edges"])
    assert page.locator("input[name=since]").input_value() == "2018-01-01"
    screenshot(page, "network-2018")
    page.select_option("#window-select", label="all")  # back to every date: empty fields
    page.wait_for_url(re.compile(r"since=&"))
    page.wait_for_selector("svg#network a.node")
    assert page.locator("svg#network line.edge").count() == len(net["edges"])

    page.goto(server.url + "/")
    page.locator('svg#network a.node[data-id="RUS"]').click()
    page.wait_for_url(re.compile(r"/actors/RUS"))
    assert "Russia" in page.locator("h1").inner_text()
    assert "IRN" in page.locator("table#partners").inner_text()
    assert "USA" in page.locator("table#adversaries").inner_text()
    assert page.locator("svg#series rect.bar").count() > 0
    page.wait_for_selector("#events tbody tr[data-id]")
    for cell in page.locator("#events td.parties").all_inner_texts():
        assert "RUS" in cell
    screenshot(page, "actor")


def test_events_table_filters_sorts_and_pages(page, server, api):
    page.goto(server.url + "/events")
    page.wait_for_selector("#events tbody tr[data-id]")
    everything = count_text(page)
    assert everything == api.get("/api/events").json()["total"]

    page.fill("#events input[name=party]", "IRQ")
    page.click("#events button[type=submit]")
    iraq = api.get("/api/events", params={"party": "IRQ"}).json()["total"]
    page.wait_for_function("n => document.querySelector('#events .count').textContent"
                           ".startsWith(n + ' event')", arg=iraq)
    assert 0 < iraq < everything and "party=IRQ" in page.url
    for cell in page.locator("#events td.parties").all_inner_texts():
        assert "IRQ" in cell
    page.select_option("#events select[name=type]", "CONSULT")
    page.click("#events button[type=submit]")
    page.wait_for_function("() => [...document.querySelectorAll('#events td.type .badge')]"
                           ".every(b => b.textContent === 'CONSULT')")
    screenshot(page, "events-filtered")

    page.goto(server.url + "/events?per_page=5")
    page.wait_for_selector("#events tbody tr[data-id]")
    page.click("#events button.sort[data-sort=plover_score]")  # first click: highest first
    page.wait_for_function("() => document.querySelector('#events button.sort.on')"
                           ".dataset.sort === 'plover_score'")
    scores = [float(s or 0) for s in page.locator("#events td.num").all_inner_texts()]
    assert scores == sorted(scores, reverse=True) and "order=desc" in page.url
    first = page.locator("#events tbody tr").first.get_attribute("data-id")
    page.click("#events button.next")
    page.wait_for_function("() => document.querySelector('#events .count')"
                           ".textContent.includes('page 2 of')")
    assert page.locator("#events tbody tr").count() == 5
    assert page.locator("#events tbody tr").first.get_attribute("data-id") != first
    assert "page=2" in page.url
    screenshot(page, "events-page-2")


def test_document_highlights_are_the_records_offsets(page, server, api):
    page.goto(server.url + "/documents")
    page.get_by_role("link", name="Russia's new alliance in Iraq?").click()
    page.wait_for_url(re.compile(r"/documents/" + DOC_ID))
    data = api.get(f"/api/documents/{DOC_ID}").json()
    text = data["document"]["text"]
    view = page.locator(".doc-view")
    marked = view.evaluate(MARKED_TEXT)
    assert len(marked) == len(data["highlights"]) > 40
    for h in data["highlights"]:
        assert marked[h["id"]] == text[h["start"]:h["end"]] == h["text"]
    by_span = {(h["kind"], h["start"], h["end"]): h["id"] for h in data["highlights"]}
    checked = 0
    for ev in data["events"]:
        spans = [("trigger", ev["trigger"])] + [("actor", p) for p in ev["actor"]] + [
            ("recipient", p) for p in ev["recipient"]]
        if ev["location"]:
            spans.append(("place", ev["location"]))
        if ev["time"]:
            spans.append(("time", ev["time"]))
        for kind, span in spans:
            shown = marked[by_span[(kind, span["start"], span["end"])]]
            assert shown == span["text"] == text[span["start"]:span["end"]]
            checked += 1
    assert checked > 80
    assert page.locator(".doctext").inner_text().startswith("Russia's new alliance in Iraq?")
    assert page.locator("ol.evlist li").count() == len(data["events"])

    first = data["events"][0]
    page.hover(f'li[data-ev="{first["id"]}"]')
    lit = "".join(page.locator(".seg.on").all_inner_texts())
    assert first["trigger"]["text"] in lit and first["actor"][0]["text"][:6] in lit
    screenshot(page, "document")
    page.locator(".seg.k-trigger").first.click()
    assert page.locator("ol.evlist li.on").count() >= 1


def test_dyad_page_charts_the_series(page, server, api):
    page.goto(server.url + "/dyads/RUS/IRN?window=year")
    rows = api.get("/api/dyads/RUS/IRN", params={"window": "year"}).json()["rows"]
    assert page.locator("svg#series g.col").count() == len(rows)
    assert page.locator("svg#series rect.bar.coop").count() == sum(
        r["cooperation"] > 0 for r in rows)
    assert page.locator("table#dyad-table tbody tr").count() == len(rows)
    page.wait_for_selector("#events tbody tr[data-id]")
    for cell in page.locator("#events td.parties").all_inner_texts():
        assert "RUS" in cell and "IRN" in cell
    screenshot(page, "dyad")


def test_hostile_article_renders_as_text(page, server):
    page.goto(server.url + "/documents/" + quote(XSS_ID, safe=""))
    title = page.locator("h1#doc-title").inner_text()
    assert "<script>window.__xss='title'</script>" in title and "onerror=" in title
    body = page.locator(".doctext").inner_text()
    assert "<script>window.__xss='text';alert('xss')</script>" in body
    assert "<img src=x onerror=" in body and "<svg onload=" in body
    assert page.locator("main img, main svg:not(#series):not(#network)").count() == 0
    assert page.locator("main script:not([type='application/json'])").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"
    screenshot(page, "xss-document")

    page.goto(server.url + "/events?q=onerror")
    page.wait_for_selector("#events tbody tr[data-id]")
    assert "<img src=x onerror=" in page.locator("#events td.sentence").first.inner_text()
    assert page.locator("#events img").count() == 0
    screenshot(page, "xss-events")
    page.goto(server.url + "/documents")
    assert "<script>" in page.locator("#documents-table").inner_text()
    screenshot(page, "xss-documents")
    page.goto(server.url + "/")
    page.wait_for_selector("svg#network a.node")
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_report_opens_offline_and_shows_the_same_data(browser, db, api, tmp_path):
    out = tmp_path / "report.html"
    out.write_text(build_report(db), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_offline(True)
    attempted, watch = [], Watch()

    def file_only(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    context.route("**/*", file_only)
    tab = context.new_page()
    watch.attach(tab)
    tab.on("request", lambda r: r.url.startswith("file:") or attempted.append(r.url))
    try:
        tab.goto(out.as_uri())
        tab.wait_for_selector("svg#network a.node")
        net = api.get("/api/network").json()
        drawn = tab.eval_on_selector_all("svg#network a.node", "ns => ns.map(n => n.dataset.id)")
        assert sorted(drawn) == sorted(n["id"] for n in net["nodes"])
        assert tab.locator("svg#network line.edge").count() == len(net["edges"])
        assert count_text(tab) == api.get("/api/events").json()["total"]
        screenshot(tab, "report")
        screenshot(tab, "report-top", full_page=False)

        tab.locator('svg#network a.node[data-id="SYR"]').click()
        syria = api.get("/api/events", params={"party": "SYR"}).json()["total"]
        tab.wait_for_function("n => document.querySelector('#events .count').textContent"
                              ".startsWith(n + ' event')", arg=syria)
        for cell in tab.locator("#events td.parties").all_inner_texts():
            assert "SYR" in cell
        screenshot(tab, "report-syria")

        view = tab.locator(f'.doc-view[data-doc-id="{DOC_ID}"]')
        doc = api.get(f"/api/documents/{DOC_ID}").json()
        marked = view.evaluate(MARKED_TEXT)
        text = doc["document"]["text"]
        assert all(marked[h["id"]] == text[h["start"]:h["end"]] for h in doc["highlights"])
        hostile = tab.locator(".doc-view", has_text="Turkey condemned").locator(".doctext")
        assert "<script>window.__xss='text'" in hostile.inner_text()
        assert tab.evaluate("typeof window.__xss") == "undefined"
        assert tab.locator("main img").count() == 0
    finally:
        context.close()
    assert attempted == [], attempted
    assert not watch.errors and not watch.dialogs, (watch.errors, watch.dialogs)

    # the watch itself works: a page that does ask for the network is caught and refused
    context = browser.new_context()
    context.set_offline(True)
    caught = []
    context.route("**/*", lambda route: (caught.append(route.request.url), route.abort()))
    probe = context.new_page()
    probe.set_content("<p>probe</p>")
    probe.evaluate("fetch('http://127.0.0.1:9/probe').catch(() => null)")
    probe.wait_for_timeout(200)
    context.close()
    assert caught == ["http://127.0.0.1:9/probe"]


def test_tens_of_thousands_of_events_stay_responsive(browser, tmp_path_factory):
    with LiveServer(large_db(tmp_path_factory)) as live:
        live.app.state.explorer.network()  # as `blocs serve` warms it at start
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        try:
            start = time.perf_counter()
            tab.goto(live.url + "/")
            tab.wait_for_selector("svg#network a.node")
            assert tab.locator("svg#network a.node").count() == 40
            assert tab.locator("svg#network line.edge").count() <= 600
            assert time.perf_counter() - start < 10
            screenshot(tab, "large-network", full_page=False)

            start = time.perf_counter()
            tab.goto(live.url + "/events?party=RUS")
            tab.wait_for_selector("#events tbody tr[data-id]")
            assert time.perf_counter() - start < 5
            assert tab.locator("#events tbody tr").count() == 50
            total = count_text(tab)
            assert 500 < total < LARGE_EVENTS
            start = time.perf_counter()
            tab.click("#events button.next")
            tab.wait_for_function("() => document.querySelector('#events .count')"
                                  ".textContent.includes('page 2 of')")
            tab.fill("#events input[name=q]", "attacked")
            tab.click("#events button[type=submit]")
            tab.wait_for_function("n => !document.querySelector('#events .count').textContent"
                                  ".startsWith(n + ' event')", arg=total)
            assert time.perf_counter() - start < 5
            assert all("attacked" in t for t in tab.locator("#events td.sentence"
                                                            ).all_inner_texts())
            screenshot(tab, "large-events", full_page=False)
        finally:
            context.close()
