"""The explorer under load on loopback, and requests that try to leave its sandbox.

uvicorn serves the app in a thread on 127.0.0.1; 20 client threads (one httpx.Client
each) send 3,000 requests (BLOCS_LOAD_REQUESTS=5000 for more; about 60 s on a 2-core
machine) across the JSON API and the HTML pages, including bad ones that must get a 4xx.
No request may fail (5xx, connection error, wrong status); p50/p99 latency and
requests/s are printed (run with -s to see them). Bounded: the clients must finish in
90 s.
"""

from __future__ import annotations

import os
import random
import statistics
import threading
import time
from pathlib import Path

import httpx
import pytest

from test_web_fixtures import LiveServer, synthetic_db

CLIENTS = 20
REQUESTS = int(os.environ.get("BLOCS_LOAD_REQUESTS", "3000"))
DOCUMENTS = 300


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("load") / "blocs.duckdb"
    synthetic_db(path, documents=DOCUMENTS, events_per_document=10)
    with LiveServer(path) as live:
        yield live


def _requests(rng: random.Random) -> list[tuple[str, set[int]]]:
    """(url, acceptable statuses): a mix of what the pages ask for, plus bad requests."""
    out = []
    for _ in range(REQUESTS):
        d = rng.randrange(DOCUMENTS)
        a, b = rng.sample(["RUS", "USA", "CHN", "IRN", "IRQ", "SYR", "TUR"], 2)
        out.append(rng.choice([
            ("/api/summary", {200}),
            (f"/api/events?page={rng.randint(1, 50)}&per_page=50&sort=date", {200}),
            (f"/api/events?actor={a}&type=CONSULT&since=2016-01-01", {200}),
            (f"/api/events?q=attacked&party={a}&party={b}", {200}),
            (f"/api/documents/syn-{d:06d}", {200}),
            (f"/documents/syn-{d:06d}", {200}),
            (f"/api/documents?page={rng.randint(1, 5)}", {200}),
            ("/api/actors?limit=50", {200}),
            (f"/api/actors/{a}", {200}),
            (f"/api/dyads/{a}/{b}?window=quarter", {200}),
            ("/api/network?since=2016-01-01&until=2017-12-31", {200}),
            ("/events", {200}),
            ("/static/blocs.css", {200}),
            # bad requests: a clear 4xx, never a 500
            ("/api/events?per_page=100000", {422}),
            ("/api/events?since=2018-02-30", {422}),
            ("/api/events?q=" + "x" * 5000, {422}),
            (f"/api/documents/nope-{d}", {404}),
            ("/api/actors/" + "Z" * 101, {422}),
            ("/static/../../../../etc/passwd", {404}),
        ]))
    return out


def test_explorer_under_load(server):
    work = _requests(random.Random(11))
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    cursor = iter(range(len(work)))

    def client() -> None:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            while True:
                with lock:
                    i = next(cursor, None)
                if i is None:
                    return
                url, ok = work[i]
                start = time.perf_counter()
                try:
                    status = http.get(url).status_code
                except httpx.HTTPError as exc:
                    status = f"{type(exc).__name__}: {exc}"
                took = time.perf_counter() - start
                with lock:
                    latencies.append(took)
                    if status not in ok:
                        errors.append(f"{url[:80]} -> {status}")

    http = httpx.Client(base_url=server.url)
    assert http.get("/api/network").status_code == 200  # the network is computed once
    start = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=90)
    wall = time.perf_counter() - start
    assert not any(t.is_alive() for t in threads), "clients still running after 90 s"
    assert len(latencies) == REQUESTS
    assert not errors, errors[:10]
    q = statistics.quantiles(latencies, n=100)
    print(f"\nexplorer load: {REQUESTS} requests, {CLIENTS} clients, {wall:.1f} s, "
          f"{REQUESTS / wall:.0f} req/s, p50 {q[49] * 1000:.1f} ms, p99 {q[98] * 1000:.1f} ms, "
          f"errors {len(errors)}")
    assert wall < 90


def test_no_request_reaches_the_file_system(server, tmp_path):
    """Traversal in static paths, document ids and parameters gets a 4xx and never a file;
    oversized requests are refused."""
    secret = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace")[:30]
    probes = ["/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
              "/static/..%2f..%2f..%2fetc%2fpasswd", "/static//etc/passwd",
              "/documents/../../etc/passwd", "/api/documents/..%2F..%2Fetc%2Fpasswd",
              "/api/documents/%2Fetc%2Fpasswd", "/static/blocs.css%00.html",
              "/api/events?doc_id=/etc/passwd", "/api/../../etc/passwd"]
    with httpx.Client(base_url=server.url) as http:
        for url in probes:
            r = http.get(url)
            assert r.status_code in (200, 400, 404, 422), (url, r.status_code)
            assert not secret or secret not in r.text, url
            if r.status_code == 200:  # only a query with no match
                assert url.startswith("/api/events") and r.json()["total"] == 0, url
        assert http.get("/api/documents/" + "x" * 501).status_code == 422
        assert http.get("/documents/" + "x" * 501).status_code == 422
        assert http.get("/api/events?per_page=501").status_code == 422
        assert http.get("/api/events?party=" + "&party=".join("A" * 11)).status_code == 422
        r = http.get("/api/events?q=" + "y" * 20_000)  # over uvicorn's 16 KB request line?
        assert r.status_code in (400, 414, 422, 431), r.status_code
        assert http.post("/api/events").status_code == 405
        assert http.delete("/api/documents/syn-000001").status_code == 405
