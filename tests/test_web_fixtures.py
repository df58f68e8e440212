"""Helpers shared by the web tests (no tests here): the test databases, a live explorer
server on a free loopback port, and Debian's Chromium driven by Playwright.

The reference database holds the reference article (published 2018-09-03) and the XSS
article of tests/data/web, coded by blocs.ingest.ingest with the real pipeline; it is
built once per session into pytest's base temp folder and shared by every web module.
"""

from __future__ import annotations

import os
import random
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import REFERENCE, ROOT

WEB_DATA = ROOT / "tests" / "data" / "web"
XSS_ARTICLE = WEB_DATA / "xss-article.jsonl"
ARTIFACTS = ROOT / "test-artifacts" / "web"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
_LOCK = threading.Lock()


def reference_db(tmp_path_factory, nlp) -> Path:
    """The reference article and the XSS article, ingested into one DuckDB file."""
    from blocs.ingest import ingest

    path = tmp_path_factory.getbasetemp() / "web-reference" / "blocs.duckdb"
    with _LOCK:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name("building.duckdb")
            tmp.unlink(missing_ok=True)
            ingest([str(REFERENCE)], db=tmp, published="2018-09-03", nlp=nlp, silent=True)
            ingest([str(XSS_ARTICLE)], db=tmp, nlp=nlp, silent=True)
            tmp.rename(path)
    return path


LARGE_EVENTS = 25_000


def large_db(tmp_path_factory) -> Path:
    """25,000 generated events in 2,500 documents (built once per session)."""
    path = tmp_path_factory.getbasetemp() / "web-large" / "blocs.duckdb"
    with _LOCK:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name("building.duckdb")
            tmp.unlink(missing_ok=True)
            synthetic_db(tmp, documents=LARGE_EVENTS // 10, events_per_document=10)
            tmp.rename(path)
    return path


COUNTRIES = ["RUS", "USA", "CHN", "IRN", "IRQ", "SYR", "TUR", "ISR", "SAU", "ARE", "QAT",
             "EGY", "JOR", "LBN", "GBR", "FRA", "DEU", "UKR", "POL", "IND", "PAK", "AFG",
             "JPN", "KOR", "PRK", "VNM", "PHL", "AUS", "BRA", "VEN", "COL", "MEX", "CUB",
             "NGA", "ETH", "SDN", "LBY", "DZA", "MAR", "YEM"]
TYPES = [("CONSULT", 2.5, 1.0, "met"), ("COOPERATE", 9.5, 6.0, "cooperated with"),
         ("AGREE", 2.5, 3.0, "agreed with"), ("ACCUSE", -3.0, -2.0, "accused"),
         ("THREATEN", -3.5, -6.0, "threatened"), ("ASSAULT", -9.0, -10.0, "attacked")]
STATUSES = ["asserted"] * 7 + ["negated", "hypothetical", "future", "alleged"]


def synthetic_db(path: Path, *, documents: int, events_per_document: int,
                 seed: int = 7) -> int:
    """A store of generated, correctly grounded events (no model): two camps of countries
    that cooperate inside and fight across, plus noise. Returns the number of events."""
    from blocs.store import coder_version, open_store

    rng = random.Random(seed)
    camp = {c: i % 2 for i, c in enumerate(COUNTRIES)}
    total = 0
    with open_store(path) as store:
        for first in range(0, documents, 500):
            batch = []
            for d in range(first, min(first + 500, documents)):
                day = f"{2015 + d % 6}-{1 + d % 12:02d}-{1 + d % 28:02d}"
                text, events = f"Generated report {d}\n\n", []
                for k in range(events_per_document):
                    a, b = rng.sample(COUNTRIES, 2)
                    coop = camp[a] == camp[b]
                    if rng.random() < 0.15:
                        coop = not coop
                    kind = rng.choice(TYPES[:3] if coop else TYPES[3:])
                    start = len(text)
                    sentence = f"{a} {kind[3]} {b} on day {k}."
                    text += sentence + " "
                    trig = start + len(a) + 1
                    b_at = trig + len(kind[3]) + 1
                    events.append({
                        "id": f"syn-{d}-{k}", "event": kind[0], "mode": None, "context": [],
                        "status": rng.choice(STATUSES),
                        "actor": [{"text": a, "start": start, "end": start + 3, "country": a,
                                   "sector": "GOV", "id": a, "name": a}],
                        "recipient": [{"text": b, "start": b_at, "end": b_at + 3,
                                       "country": b, "sector": None, "id": b, "name": b}],
                        "date": day, "date_precision": "publication", "time": None,
                        "location": None, "cameo": None, "quad_class": None,
                        "goldstein": kind[2], "plover_score": kind[1],
                        "trigger": {"text": kind[3], "start": trig,
                                    "end": trig + len(kind[3])},
                        "text": sentence, "text_info": {"sentence": k, "start": start,
                                                        "end": start + len(sentence)},
                        "confidence": 0.9})
                doc = {"id": f"syn-{d:06d}", "text": text, "title": f"Generated report {d}",
                       "published": day, "url": None, "source": f"wire{d % 5}"}
                batch.append((doc, events, None))
            total += store.save_batch(batch, coder_version())
    return total


class LiveServer:
    """The explorer app served by uvicorn in a thread on 127.0.0.1 (a free port)."""

    def __init__(self, db: Path):
        import uvicorn

        from blocs.web import create_app

        self.app = create_app(db)
        config = uvicorn.Config(self.app, host="127.0.0.1", port=0, log_level="warning",
                                lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the explorer did not start")
            time.sleep(0.02)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def require_chromium() -> None:
    """Skip when Debian's Chromium is absent here; in CI (.ci/run installs it) fail."""
    if CHROMIUM.exists():
        return
    message = (f"{CHROMIUM} not found: install Debian's chromium (apt-get install "
               "chromium chromium-driver), as .ci/run does")
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def chromium():
    """A headless Chromium (Debian's, never a downloaded one) with a fresh profile."""
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                     headless=True)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Save test-artifacts/web/NAME.png (look at them: they are what a reader sees)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
