"""The Dask path: a real LocalCluster codes what process() codes, into Parquet, resumably."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from blocs import distributed
from blocs.corpus import generate
from blocs.distributed import (
    DOCUMENTS,
    _check_resumed,
    _events_table,
    _write_atomic,
    code_dask,
    code_partition,
    part_name,
    query_documents,
    query_parquet,
)
from blocs.documents import ReadError
from blocs.types import Document

BAD = Document(id="bad-published", text="Russia met Iran on Monday.", published="not a date")


def _canon(records: list[dict]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in records)


@pytest.fixture(scope="module")
def coded(tmp_path_factory, nlp):
    """40 generated documents plus one that cannot be coded, on a real 2-process cluster."""
    from blocs.pipeline import process

    docs = list(generate(40, seed=11))
    docs = docs[:17] + [BAD] + docs[17:]
    out = tmp_path_factory.mktemp("dask") / "events"
    summary = code_dask(docs, out=out, address="local", n_workers=2, partition_size=10)
    results = list(process(nlp, docs))
    reference = [ev for _doc, events, _err in results for ev in events or []]
    return docs, out, summary, reference, results


@pytest.mark.model
def test_dask_events_equal_single_process(coded):
    docs, out, summary, reference, _ = coded
    assert summary.partitions == summary.coded == 5 and not summary.failed
    assert summary.documents == len(docs) and summary.errors == 1
    assert summary.events == len(reference) > 100
    records = query_parquet(out)
    assert [r["id"] for r in records] == [r["id"] for r in reference]  # input order kept
    assert _canon(records) == _canon(reference)
    assert records[0] == reference[0] and list(records[0]) == list(reference[0])
    assert sorted(p.name for p in out.glob("*.parquet")) == [part_name(i) for i in range(5)]
    assert not list(out.rglob("*.tmp"))


@pytest.mark.model
def test_documents_table_records_failures(coded):
    docs, out, _, _, results = coded
    rows = query_documents(out)
    assert [r["id"] for r in rows] == [d.id for d in docs]
    errors = query_documents(out, status="error")
    assert [r["id"] for r in errors] == ["bad-published"]
    assert "published" in errors[0]["error"]
    n_events = {d.id: len(events or []) for d, events, _ in results}
    assert {r["id"]: r["n_events"] for r in rows} == n_events


@pytest.mark.model
def test_query_filters(coded):
    _, out, _, reference, _ = coded

    def has(parties, code):
        return any(code in (p["country"], p["id"]) for p in parties)

    actor = reference[0]["actor"][0]["country"]
    assert _canon(query_parquet(out, actor=actor)) == _canon(
        [r for r in reference if has(r["actor"], actor)])
    recipients = [r for r in reference if r["recipient"]]
    target = recipients[0]["recipient"][0]["country"]
    assert _canon(query_parquet(out, recipient=target)) == _canon(
        [r for r in reference if has(r["recipient"], target)])
    assert _canon(query_parquet(out, type="ASSAULT", status="asserted")) == _canon(
        [r for r in reference if r["event"] == "ASSAULT" and r["status"] == "asserted"])
    assert _canon(query_parquet(out, type=["AID", "SANCTION"])) == _canon(
        [r for r in reference if r["event"] in {"AID", "SANCTION"}])
    dates = sorted(r["date"] for r in reference if r["date"])
    since, until = dates[len(dates) // 4], dates[3 * len(dates) // 4]
    assert _canon(query_parquet(out, since=since, until=until)) == _canon(
        [r for r in reference if r["date"] and since <= r["date"] <= until])
    assert len(query_parquet(out, limit=7)) == 7
    assert query_parquet(out, actor="XXX") == []


@pytest.mark.model
def test_resume_recodes_only_the_missing_partition(coded):
    docs, out, _, reference, _ = coded
    before = _canon(query_parquet(out))
    (out / part_name(2)).unlink()
    assert _canon(query_parquet(out)) != before
    summary = code_dask(docs, out=out, address="local", n_workers=2, partition_size=10)
    assert (summary.partitions, summary.skipped, summary.coded) == (5, 4, 1)
    assert summary.documents == 10 and not summary.failed
    assert _canon(query_parquet(out)) == before == _canon(reference)
    again = code_dask(docs, out=out, address="local", partition_size=10)  # nothing to do
    assert (again.skipped, again.coded) == (5, 0)


@pytest.mark.model
def test_code_partition_records_read_errors(tmp_path, nlp, monkeypatch):
    monkeypatch.setitem(distributed._PIPELINES, (None, ()), nlp)  # no second model load
    doc = next(iter(generate(1, seed=5)))
    items = [ReadError("broken.jsonl:3", "missing or empty 'text'"), doc]
    result = code_partition(3, items, str(tmp_path))
    assert result["documents"] == 2 and result["errors"] == 1 and result["events"] > 0
    rows = query_documents(tmp_path)
    assert [(r["id"], r["status"]) for r in rows] == [("broken.jsonl:3", "error"),
                                                     (doc.id, "ok")]
    assert rows[0]["error"].startswith("read: ") and rows[1]["partition"] == 3
    assert {r["doc_id"] for r in query_parquet(tmp_path)} == {doc.id}


def _record(**over) -> dict:
    rec = {
        "id": "e1", "doc_id": "d1", "event": "CONSULT", "mode": None, "context": [],
        "status": "asserted",
        "actor": [{"text": "Russia", "start": 0, "end": 6, "country": "RUS", "sector": None,
                   "id": "RUS", "name": "Russia"}],
        "recipient": [], "date": None, "date_precision": None, "time": None,
        "location": None, "cameo": "040", "quad_class": 1, "goldstein": 1.0,
        "plover_score": 2.5, "trigger": {"text": "met", "start": 7, "end": 10},
        "text": "Russia met Iran.", "text_info": {"sentence": 0, "start": 0, "end": 16},
        "confidence": 0.85,
    }
    rec.update(over)
    return rec


def test_records_round_trip_with_nulls_and_extra_keys(tmp_path):
    full = _record(
        id="e2", mode="multilateral", context=["diplomatic", "military"], date="2024-03-01",
        date_precision="day", time={"text": "On Friday", "start": 20, "end": 29},
        location={"text": "Baghdad", "start": 33, "end": 40, "name": "Baghdad",
                  "country": "IRQ", "lat": 33.34, "lon": 44.4, "geonameid": 98182},
        recipient=[{"text": "Iran", "start": 11, "end": 15, "country": "IRN", "sector": "GOV",
                    "id": "IRN", "name": "Iran"}],
        explain={"rule": "verb", "score": [1, 2]})
    records = [_record(), full]
    _write_atomic(_events_table(records), tmp_path / part_name(0))
    assert query_parquet(tmp_path) == records
    assert query_parquet(tmp_path, recipient="IRN") == [full]
    assert query_parquet(tmp_path, since="2024-01-01") == [full]


def test_query_empty_dataset(tmp_path):
    assert query_parquet(tmp_path) == [] and query_documents(tmp_path) == []


def test_failed_write_leaves_no_file(tmp_path, monkeypatch):
    def broken(table, where, **kw):
        open(where, "wb").write(b"PAR1 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(distributed.pq, "write_table", broken)
    with pytest.raises(OSError):
        _write_atomic(_events_table([_record()]), tmp_path / part_name(0))
    assert list(tmp_path.iterdir()) == []


def test_resume_refuses_a_different_partitioning(tmp_path):
    table = pa.Table.from_pylist([{"id": "a"}, {"id": "b"}], schema=DOCUMENTS)
    _write_atomic(table, tmp_path / "documents" / part_name(0))
    _check_resumed(tmp_path, 0, [Document(id="b", text="x"), Document(id="a", text="y")])
    with pytest.raises(ValueError, match="partition_size"):
        _check_resumed(tmp_path, 0, [Document(id="a", text="x")])


@pytest.mark.model
def test_cli_ingest_dask_and_events_parquet(tmp_path):
    from click.testing import CliRunner

    from blocs.cli import main
    from blocs.corpus import write_jsonl

    source = tmp_path / "docs.jsonl"
    write_jsonl(source, 12, seed=3)
    out = tmp_path / "pq"
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(source), "--dask", "local", "--out", str(out),
                                  "--workers", "2", "--partition-size", "6"])
    assert result.exit_code == 0, result.output
    assert "partitions 2" in result.output
    result = runner.invoke(main, ["events", "--parquet", str(out), "--format", "jsonl"])
    assert result.exit_code == 0 and result.output.strip()
    result = runner.invoke(main, ["ingest", str(source), "--out", str(out)])
    assert result.exit_code == 1 and "go together" in result.output
