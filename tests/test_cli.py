"""The command line: output formats, errors as one line, help and README for every command."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from blocs.cli import main

from conftest import ARTICLES, REFERENCE, REFERENCE_GOLD, ROOT


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def test_every_command_has_help_and_readme_mention(runner):
    readme = (ROOT / "README.md").read_text()
    for name, command in main.commands.items():
        assert command.help and len(command.help) > 20, f"{name} lacks help"
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert re.search(rf"blocs {name}\b", readme), f"README does not mention blocs {name}"


def test_bad_published_is_one_line_error(runner):
    result = runner.invoke(main, ["code", str(REFERENCE), "--published", "last week"])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error:") and len(result.output.strip().split(
        "\n")) == 1


def test_missing_gold_is_clear(runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = runner.invoke(main, ["eval", str(bad)])
    assert result.exit_code == 1 and "not valid JSON" in result.output


@pytest.mark.model
def test_code_jsonl_json_table(runner, tmp_path):
    out = tmp_path / "events.jsonl"
    result = runner.invoke(main, ["code", str(REFERENCE), "--published", "2018-09-03", "-o",
                                  str(out)])
    assert result.exit_code == 0, result.output
    events = [json.loads(x) for x in out.read_text().splitlines()]
    assert events and all(e["doc_id"] == REFERENCE.stem for e in events)
    result = runner.invoke(main, ["code", str(ARTICLES / "korea-summit.txt"), "--format",
                                  "json", "--published", "2023-03-17"])
    assert result.exit_code == 0
    assert isinstance(json.loads(result.output), list)
    result = runner.invoke(main, ["code", str(ARTICLES / "korea-summit.txt"), "--format",
                                  "table", "--asserted-only"])
    assert result.exit_code == 0 and "CONSULT" in result.output and "status" in result.output


@pytest.mark.model
def test_code_stdin_and_bad_documents_do_not_stop_batch(runner, tmp_path):
    (tmp_path / "good.txt").write_text("Egypt and Jordan held talks in Cairo on Monday.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": ""}\nnot json\n')
    result = runner.invoke(main, ["code", str(tmp_path), "--published", "2024-03-06"])
    assert result.exit_code == 0, result.output
    assert "CONSULT" in result.stdout
    assert result.stderr.count("Warning: skipped") == 3
    result = runner.invoke(main, ["code", "-", "--published", "2024-03-06"],
                           input="Iran condemned the Israeli strike on Monday.")
    assert result.exit_code == 0 and "ACCUSE" in result.stdout


@pytest.mark.model
def test_eval_and_explain(runner):
    result = runner.invoke(main, ["eval", str(REFERENCE_GOLD)])
    assert result.exit_code == 0
    assert re.search(r"precision \d\.\d\d\s+recall \d\.\d\d", result.output)
    result = runner.invoke(main, ["explain", "Turkey will host talks with Iran on Friday.",
                                  "--published", "2024-05-06"])
    assert result.exit_code == 0
    assert "frames:" in result.output and "CONSULT" in result.output and "future" in (
        result.output)


def test_actors_command_explains_tenure(runner):
    result = runner.invoke(main, ["actors", "Abadi", "--date", "2018-09-01"])
    assert result.exit_code == 0, result.output
    assert "IRQ GOV" in result.output and "in office" in result.output
    result = runner.invoke(main, ["actors", "defence ministry"])
    assert "sector MIL" in result.output
    result = runner.invoke(main, ["actors", "Abadi", "--date", "someday"])
    assert result.exit_code == 1 and result.output.startswith("Error:")


def test_config_file_adds_actor_files(runner, tmp_path, monkeypatch):
    (tmp_path / "mine.yaml").write_text(
        "orgs:\n  - id: NORTHWATCH\n    name: North Watch\n    names: [North Watch]\n"
        "    country: NOR\n    sector: NGO\n", encoding="utf-8")
    (tmp_path / "blocs.yaml").write_text("actors: [mine.yaml]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["actors", "North Watch"])
    assert result.exit_code == 0 and "NORTHWATCH" in result.output
    (tmp_path / "blocs.yaml").write_text("actors: [missing.yaml]\n", encoding="utf-8")
    result = runner.invoke(main, ["actors", "North Watch"])
    assert result.exit_code == 1 and "not found" in result.output
