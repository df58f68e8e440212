"""Resumable ingest: counts, failed rows, skip on re-run, recode, processes, and a kill -9.

The corpus is written here: short news-style stories built from our own sentences.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from blocs.cli import main
from blocs.ingest import count_documents, ingest
from blocs.store import coder_version, open_store

from conftest import ROOT

COUNTRIES = [("Russia", "Moscow"), ("Iran", "Tehran"), ("Turkey", "Ankara"), ("France", "Paris"),
             ("Germany", "Berlin"), ("Japan", "Tokyo"), ("India", "New Delhi"),
             ("Brazil", "Brasilia"), ("Egypt", "Cairo"), ("Jordan", "Amman"), ("Qatar", "Doha"),
             ("Kenya", "Nairobi"), ("Ethiopia", "Addis Ababa"), ("Mexico", "Mexico City"),
             ("Canada", "Ottawa"), ("Poland", "Warsaw"), ("Ukraine", "Kyiv"),
             ("China", "Beijing")]
SENTENCES = [
    "{A} and {B} held talks in {city} on Monday to discuss border security.",
    "The president of {A} met the prime minister of {B} on Tuesday.",
    "{A} accused {B} of violating the ceasefire along their shared border.",
    "{A} imposed new sanctions on {B} over its missile programme.",
    "{A} sent humanitarian aid to {B} after the floods.",
    "Troops from {A} attacked positions held by {B} near the frontier.",
    "{A} threatened to expel the ambassador of {B} if the arrests continued.",
    "The foreign minister of {A} praised {B} for its role in the negotiations.",
    "{A} and {B} agreed to expand trade and energy cooperation.",
    "{A} rejected a request from {B} to extradite the former minister.",
    "{A} did not attend the summit hosted by {B}, officials said.",
    "Officials in {A} said they could ask {B} to withdraw its advisers next year.",
]
TITLES = ["{A} and {B} in new diplomatic push", "Tensions rise between {A} and {B}",
          "{A} turns to {B} as regional crisis deepens"]


def story(i: int) -> str:
    """Title, blank line, three sentences about three countries: deterministic in i."""
    n = len(COUNTRIES)
    a, city = COUNTRIES[i % n]
    b = COUNTRIES[(i * 7 + 3) % n][0]
    b = COUNTRIES[(i + 1) % n][0] if b == a else b
    c = COUNTRIES[(i * 5 + 1) % n][0]
    c = COUNTRIES[(i + 2) % n][0] if c in (a, b) else c
    body = [SENTENCES[(i + k * 5) % len(SENTENCES)].format(A=x, B=y, city=city)
            for k, (x, y) in enumerate([(a, b), (b, c), (c, a)])]
    return TITLES[i % len(TITLES)].format(A=a, B=b) + "\n\n" + " ".join(body) + "\n"


def write_jsonl(path: Path, ids: range, prefix: str = "wire") -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in ids:
            fh.write(json.dumps({"id": f"{prefix}-{i:04d}", "text": story(i),
                                 "published": f"2024-0{1 + i % 9}-1{i % 10}"}) + "\n")


GOOD = 30 + 3  # 30 stories + 3 good JSONL lines
BAD = {"empty", "binary.txt", "wire.jsonl:4", "wire.jsonl:5"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """30 stories, a JSONL file with 3 good lines, an invalid line and a bad date, an
    empty file and a binary one."""
    root = tmp_path_factory.mktemp("corpus")
    for i in range(30):
        (root / f"story-{i:03d}.txt").write_text(story(i), encoding="utf-8")
    write_jsonl(root / "wire.jsonl", range(100, 103))
    with (root / "wire.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"id": "broken", "text": "Iran and Iraq met.",\n')
        fh.write(json.dumps({"id": "bad-date", "text": story(5), "published": "last May"})
                 + "\n")
    (root / "empty.txt").write_text("  \n", encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    return root


def failed_rows(db) -> dict[str, str]:
    with open_store(db, read_only=True) as s:
        rows = s.con.execute("SELECT id, error FROM documents WHERE status = 'failed'")
        return {Path(k).name if os.sep in k else k: v for k, v in rows.fetchall()}


def event_ids(db) -> list[str]:
    with open_store(db, read_only=True) as s:
        return [r[0] for r in s.con.execute("SELECT id FROM events ORDER BY id").fetchall()]


def counts(line: str) -> tuple[int, ...]:
    m = re.fullmatch(r"coded (\d+), skipped (\d+), failed (\d+), events (\d+) in [\d.]+ s "
                     r"\([\d.]+ docs/s\)", line.strip())
    assert m, line
    return tuple(int(x) for x in m.groups())


# --- no model needed ----------------------------------------------------------------

def test_count_documents(corpus):
    # 30 stories + empty + binary + 5 JSONL lines
    assert count_documents([str(corpus)]) == 37
    assert count_documents([str(corpus), "-"]) is None


def test_unreadable_db_is_one_line_error(tmp_path, corpus):
    runner = CliRunner()
    junk = tmp_path / "junk.duckdb"
    junk.write_text("this is not a database\n" * 50)
    for db in (str(tmp_path / "no" / "dir" / "x.duckdb"), str(tmp_path), str(junk)):
        result = runner.invoke(main, ["ingest", str(corpus / "empty.txt"), "--db", db])
        assert result.exit_code == 1
        out = result.output.strip()
        assert out.startswith("Error:") and "\n" not in out, out
    result = runner.invoke(main, ["ingest", str(corpus), "--published", "someday"])
    assert result.exit_code == 1 and result.output.startswith("Error:")


def test_failures_only_need_no_model(tmp_path, corpus, monkeypatch, capsys):
    import blocs.pipeline

    def no_model(**_):
        raise AssertionError("the model must not load when there is nothing to code")

    monkeypatch.setattr(blocs.pipeline, "load", no_model)
    db = tmp_path / "f.duckdb"
    paths = [str(corpus / "empty.txt"), str(corpus / "binary.txt")]
    summary = ingest(paths, db=db, progress=True)
    assert (summary.coded, summary.failed, summary.events) == (0, 2, 0)
    assert "doc" in capsys.readouterr().err  # the bar, forced on
    assert set(failed_rows(db)) == {"empty", "binary.txt"}
    assert "binary" in failed_rows(db)["binary.txt"]
    ingest(paths, db=db, silent=True, progress=True)
    assert capsys.readouterr().err == ""
    # Everything already coded by this coder version: skipped without loading the model.
    with open_store(db) as s:
        s.save_batch([({"id": f"wire-{i:04d}"}, [], None) for i in range(100, 103)],
                     coder_version())
    summary = ingest(str(corpus / "wire.jsonl"), db=db, processes=2)
    assert (summary.coded, summary.skipped, summary.failed) == (0, 3, 2)


# --- with the model -----------------------------------------------------------------

@pytest.mark.model
def test_ingest_rerun_recode(tmp_path, corpus, nlp, monkeypatch):
    import blocs.pipeline

    monkeypatch.setattr(blocs.pipeline, "load", lambda **_: nlp)  # the session's pipeline
    db = tmp_path / "blocs.duckdb"
    runner = CliRunner()
    args = ["ingest", str(corpus), "--db", str(db), "--processes", "1", "--batch-size", "8",
            "--published", "2024-03-01"]
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output  # some documents failed
    coded, skipped, failed, n_events = counts(result.stdout.strip().splitlines()[-1])
    assert (coded, skipped, failed) == (GOOD, 0, len(BAD)) and n_events > GOOD
    assert set(failed_rows(db)) == BAD
    assert "published" in failed_rows(db)["wire.jsonl:5"]
    first = event_ids(db)
    assert len(first) == n_events == len(set(first))
    with open_store(db, read_only=True) as s:
        assert s.summary()["coded"] == GOOD
        assert {e["doc_id"] for e in s.events()} <= {p.stem for p in corpus.glob("*.txt")} | {
            "wire-0100", "wire-0101", "wire-0102"}

    # Re-run: every good document skipped, nothing duplicated; bad ones still fail.
    result = runner.invoke(main, [*args, "--silent"])
    assert result.exit_code == 1
    assert counts(result.stdout) == (0, GOOD, len(BAD), 0)
    assert event_ids(db) == first

    # --recode codes everything again, to the same events.
    summary = ingest([str(corpus)], db=db, published="2024-03-01", recode=True, nlp=nlp)
    assert (summary.coded, summary.skipped, summary.failed) == (GOOD, 0, len(BAD))
    assert summary.events == n_events and event_ids(db) == first


@pytest.mark.model
def test_two_processes_same_events(tmp_path, corpus, nlp):
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    s1 = ingest([str(corpus)], db=one, processes=1, batch_size=8, nlp=nlp, silent=True)
    s2 = ingest([str(corpus)], db=two, processes=2, batch_size=8, silent=True)
    assert (s1.coded, s1.failed) == (s2.coded, s2.failed) == (GOOD, len(BAD))
    assert event_ids(one) == event_ids(two) and s1.events == s2.events > 0
    with open_store(one, read_only=True) as a, open_store(two, read_only=True) as b:
        assert a.events() == b.events()


@pytest.mark.model
def test_kill_and_resume(tmp_path, nlp):
    """SIGKILL the CLI after its first commit; a re-run finishes with each id once."""
    n = 200
    source = tmp_path / "wire.jsonl"
    write_jsonl(source, range(n))
    db = tmp_path / "kill.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    # The child prints one line after each committed batch; it is killed mid-run, after
    # its second commit, while it codes the third batch.
    script = ("import sys\n"
              "from blocs.ingest import ingest\n"
              "ingest([sys.argv[1]], db=sys.argv[2], processes=1, batch_size=4, silent=True,\n"
              "       on_batch=lambda s: print(s.coded, flush=True))\n")
    proc = subprocess.Popen([sys.executable, "-c", script, str(source), str(db)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = [proc.stdout.readline() for _ in range(2)]
        assert proc.poll() is None, f"ingest ended before the kill: {proc.stderr.read()}"
        assert [int(line) for line in lines] == [4, 8]
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    with open_store(db, read_only=True) as s:
        committed = s.con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 0 < committed < n

    summary = ingest([str(source)], db=db, nlp=nlp, batch_size=16, silent=True)
    assert (summary.skipped, summary.coded, summary.failed) == (committed, n - committed, 0)
    con = duckdb.connect(str(db), read_only=True)
    try:
        ids = [r[0] for r in con.execute("SELECT id FROM documents").fetchall()]
        assert sorted(ids) == [f"wire-{i:04d}" for i in range(n)]
        total, distinct = con.execute("SELECT count(*), count(DISTINCT id) FROM events"
                                      ).fetchone()
        assert total == distinct > n
        orphans = con.execute("SELECT count(*) FROM events WHERE doc_id NOT IN "
                              "(SELECT id FROM documents)").fetchone()[0]
        assert orphans == 0
    finally:
        con.close()
