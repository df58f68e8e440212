"""The DuckDB store: round trip, idempotent batches, all-or-nothing transactions, dyads, filters.

Hand-made event records in the DESIGN.md shape: no model needed.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from blocs.cli import main
from blocs.store import StoreError, coder_version, open_store
from blocs.types import Document

VERSION = "test+0000"
NAMES = {"RUS": "Russia", "IRN": "Iran", "SYR": "Syria", "IRQ": "Iraq", "USA": "United States",
         "TUR": "Turkey"}


def party(country, *, sector="GOV", start=0, id=None):
    return {"text": NAMES.get(country, country), "start": start,
            "end": start + len(NAMES.get(country, country)), "country": country,
            "sector": sector, "id": id or country, "name": NAMES.get(country, country)}


def record(doc_id, n, *, event="CONSULT", actors=("RUS",), recipients=(), status="asserted",
           date="2018-09-01", text="On Saturday the officials met in Baghdad.", location=True):
    return {
        "id": f"{doc_id}-ev{n}", "doc_id": doc_id, "event": event, "mode": None,
        "context": ["military", "diplomatic"] if n % 2 else [], "status": status,
        "actor": [party(c, start=10 * i) for i, c in enumerate(actors)],
        "recipient": [party(c, sector=None, start=100 + i) for i, c in enumerate(recipients)],
        "date": date, "date_precision": "day" if date else None,
        "time": {"text": "On Saturday", "start": 0, "end": 11} if date else None,
        "location": {"text": "Baghdad", "start": 33, "end": 40, "name": "Baghdad",
                     "country": "IRQ", "lat": 33.34058, "lon": 44.40088,
                     "geonameid": 98182} if location else None,
        "cameo": "040", "quad_class": 1, "goldstein": 1.0, "plover_score": 2.5,
        "trigger": {"text": "met", "start": 25 + n, "end": 28 + n}, "text": text,
        "text_info": {"sentence": n, "start": 0, "end": len(text)}, "confidence": 0.85,
    }


def doc(doc_id, **kw):
    return Document(id=doc_id, text=f"Text of {doc_id}.", title=f"Title {doc_id}",
                    published=kw.get("published", "2018-09-03"), url=None, source="wire")


def corpus():
    """Three documents, eleven events: a spread of types, statuses, dates and parties."""
    a = [record("a", 0, actors=("RUS", "IRN", "SYR", "IRQ")),
         record("a", 1, event="ACCUSE", actors=("USA",), recipients=("RUS",), status="alleged"),
         record("a", 2, event="SUPPORT", actors=("IRN",), recipients=("IRQ", "SYR"),
                date=None, location=False),
         record("a", 3, event="THREATEN", actors=("USA",), recipients=(), status="future")]
    b = [record("b", i, event="ASSAULT", actors=("TUR",), recipients=("SYR",),
                date=f"2019-0{i + 1}-15", text=f"Turkish jets struck targets in Syria, {i}.")
         for i in range(5)]
    c = [record("c", 0, event="AGREE", actors=("RUS", "TUR"), recipients=("IRN",),
                status="negated", date="2017-05-04"),
         record("c", 1, event="CONSULT", actors=("IRN",), text="Iran sent a NATO-style note.")]
    return [(doc("a"), a, None), (doc("b"), b, None), (doc("c"), c, None)]


def by_id(events):
    return sorted(events, key=lambda e: e["id"])


@pytest.fixture
def store():
    with open_store(":memory:") as s:
        yield s


def test_round_trip_equals_input(store):
    batch = corpus()
    assert store.save_batch(batch, VERSION) == 11
    written = [ev for _, evs, _ in batch for ev in evs]
    assert by_id(store.events()) == by_id(written)
    assert store.done_ids(VERSION) == {"a", "b", "c"}
    assert store.done_ids("other-version") == set()


def test_unknown_record_keys_survive_and_documents_are_kept(store):
    ev = {**record("x", 0), "sentence_id": "x:0", "notes": {"by": "hand"}}
    store.save_batch([(doc("x"), [ev], None)], VERSION)
    assert store.events() == [ev]
    row = store.con.execute("SELECT id, title, published, source, text, status, error, "
                            "coder_version FROM documents").fetchone()
    assert row[0] == "x" and row[1] == "Title x" and str(row[2]) == "2018-09-03"
    assert row[3:] == ("wire", "Text of x.", "coded", None, VERSION)


def test_resave_is_idempotent_and_replaces(store):
    store.save_batch(corpus(), VERSION)
    store.save_batch(corpus(), VERSION)
    assert store.con.execute("SELECT count(*) FROM events").fetchone()[0] == 11
    assert store.con.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
    # Recoding "b" with fewer events removes the old ones; a failure removes them all.
    b = [record("b", 9, event="AID", actors=("TUR",), recipients=("SYR",))]
    store.save_batch([(doc("b"), b, None), (doc("c"), None, "ValueError: boom")], "v2")
    ids = {e["id"] for e in store.events()}
    assert ids == {"a-ev0", "a-ev1", "a-ev2", "a-ev3", "b-ev9"}
    assert store.done_ids("v2") == {"b"} and store.done_ids(VERSION) == {"a"}
    status = dict(store.con.execute("SELECT id, status FROM documents").fetchall())
    assert status == {"a": "coded", "b": "coded", "c": "failed"}
    s = store.summary()
    assert (s["documents"], s["coded"], s["failed"], s["events"]) == (3, 2, 1, 5)


def test_duplicates_inside_a_batch(store):
    first = [record("d", 0), record("d", 0)]  # repeated event id: kept once
    second = [record("d", 1)]  # the same document again later in the batch: last wins
    store.save_batch([(doc("d"), first, None), (doc("d"), second, None)], VERSION)
    assert [e["id"] for e in store.events()] == ["d-ev1"]


def test_exception_mid_batch_rolls_back_everything(store):
    store.save_batch(corpus()[:1], VERSION)  # "a", committed
    before = by_id(store.events())

    def results():
        yield doc("a"), [record("a", 7)], None  # would replace a's events
        yield doc("e"), [record("e", 0)], None
        raise RuntimeError("killed mid-batch")

    with pytest.raises(RuntimeError):
        store.save_batch(results(), VERSION)
    assert by_id(store.events()) == before
    assert store.done_ids(VERSION) == {"a"}

    # A failure inside the database (a value the column cannot take) after the
    # deletes and the document rows: nothing of the batch remains either.
    bad = {**record("f", 0), "quad_class": "not a number"}
    with pytest.raises(Exception):  # noqa: B017 — duckdb's conversion error
        store.save_batch([(doc("a"), [record("a", 8)], None), (doc("f"), [bad], None)],
                         VERSION)
    assert by_id(store.events()) == before
    assert store.done_ids(VERSION) == {"a"}
    store.save_batch(corpus()[1:], VERSION)  # the connection is usable afterwards
    assert len(store.events()) == 11


def test_dyads_view(store):
    store.save_batch(corpus(), VERSION)
    rows = store.con.execute("SELECT actor_country, recipient_country FROM dyads "
                             "WHERE event_id = 'a-ev0'").fetchall()
    assert len(rows) == 6  # reciprocal 4-actor meeting: every actor pair once
    assert {frozenset(r) for r in rows} == {frozenset(p) for p in [
        ("RUS", "IRN"), ("RUS", "SYR"), ("RUS", "IRQ"), ("IRN", "SYR"), ("IRN", "IRQ"),
        ("SYR", "IRQ")]}
    pairs = store.con.execute("SELECT event_id, actor_country, recipient_country, "
                              "recipient_sector FROM dyads WHERE event_id IN "
                              "('a-ev2', 'c-ev0') ORDER BY ALL").fetchall()
    assert pairs == [("a-ev2", "IRN", "IRQ", None), ("a-ev2", "IRN", "SYR", None),
                     ("c-ev0", "RUS", "IRN", None), ("c-ev0", "TUR", "IRN", None)]
    # one actor and no recipient: no dyad; 11 events give 6 + 1 + 2 + 0 + 5 + 2 + 0 rows
    assert store.con.execute("SELECT count(*) FROM dyads").fetchone()[0] == 16
    cols = [d[0] for d in store.con.execute("SELECT * FROM dyads LIMIT 0").description]
    assert cols == ["event_id", "doc_id", "event", "status", "date", "actor_country",
                    "actor_sector", "actor_id", "recipient_country", "recipient_sector",
                    "recipient_id", "plover_score", "goldstein", "quad_class"]


@pytest.mark.parametrize("filters, expected", [
    ({"actor": "usa"}, {"a-ev1", "a-ev3"}),
    ({"recipient": "SYR"}, {"a-ev2", "b-ev0", "b-ev1", "b-ev2", "b-ev3", "b-ev4"}),
    ({"actor": "TUR", "recipient": "IRN"}, {"c-ev0"}),
    ({"type": "assault", "since": "2019-02-15", "until": "2019-04-15"},
     {"b-ev1", "b-ev2", "b-ev3"}),
    ({"until": "2018-01-01"}, {"c-ev0"}),
    ({"status": "negated"}, {"c-ev0"}),
    ({"grep": "nato-STYLE"}, {"c-ev1"}),
    ({"grep": "%"}, set()),
])
def test_filters(store, filters, expected):
    store.save_batch(corpus(), VERSION)
    assert {e["id"] for e in store.events(**filters)} == expected


def test_order_and_limit(store):
    store.save_batch(corpus(), VERSION)
    events = store.events()
    dates = [e["date"] for e in events if e["date"]]
    assert dates == sorted(dates) and events[-1]["date"] is None
    assert [e["id"] for e in store.events(limit=3)] == [e["id"] for e in events[:3]]


def test_coder_version_follows_data_and_extra_files(tmp_path):
    from blocs import __version__

    base = coder_version()
    assert base.startswith(__version__ + "+") and base == coder_version()
    extra = tmp_path / "mine.yaml"
    extra.write_text("orgs: []\n")
    one = coder_version((str(extra),))
    extra.write_text("orgs: [{id: X}]\n")
    coder_version.cache_clear()
    assert len({base, one, coder_version((str(extra),))}) == 3


def test_file_store_persists_and_read_only(tmp_path):
    path = tmp_path / "blocs.duckdb"
    with open_store(path) as s:
        s.save_batch(corpus(), VERSION)
    with open_store(path, read_only=True) as s:
        assert len(s.events()) == 11 and s.done_ids(VERSION) == {"a", "b", "c"}
    with pytest.raises(StoreError, match="no database"):
        open_store(tmp_path / "missing.duckdb", read_only=True)
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database\n" * 100)
    with pytest.raises(StoreError):
        open_store(junk)
    with pytest.raises(StoreError, match="directory"):
        open_store(tmp_path)
    with pytest.raises(StoreError):
        open_store(tmp_path / "no" / "such" / "dir" / "x.duckdb")


def test_events_command(tmp_path):
    path = tmp_path / "blocs.duckdb"
    with open_store(path) as s:
        s.save_batch(corpus(), VERSION)
    runner = CliRunner()
    result = runner.invoke(main, ["events", "--db", str(path), "--actor", "TUR", "--format",
                                  "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.output.splitlines()]
    assert {e["id"] for e in lines} == {"b-ev0", "b-ev1", "b-ev2", "b-ev3", "b-ev4", "c-ev0"}
    result = runner.invoke(main, ["events", "--db", str(path), "--format", "csv",
                                  "--type", "SUPPORT"])
    assert result.exit_code == 0
    header, row = result.output.splitlines()
    assert header.startswith("id,doc_id,event") and "IRQ;SYR" in row
    result = runner.invoke(main, ["events", "--db", str(path), "--status", "negated"])
    assert result.exit_code == 0 and "AGREE" in result.output and "status" in result.output
    result = runner.invoke(main, ["events", "--db", str(path), "--format", "json",
                                  "--limit", "2"])
    assert result.exit_code == 0 and len(json.loads(result.output)) == 2
    for args in (["--db", str(tmp_path / "nope.duckdb")], ["--db", str(path), "--since", "May"]):
        result = runner.invoke(main, ["events", *args])
        assert result.exit_code == 1
        out = result.output.strip()
        assert out.startswith("Error:") and "\n" not in out, out
