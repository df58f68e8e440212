"""Output formats analysts already use, and reading blocs' own files back.

    from blocs import formats
    formats.write_file(events, "events.parquet", fmt="parquet")
    formats.write(events, sys.stdout, fmt="gdelt", documents={"doc1": {"url": ...}})
    formats.read_file("events.csv")            # -> the records written, as they were

| fmt | what | read back |
|---|---|---|
| jsonl, json | blocs event records (DESIGN.md) | yes |
| csv | one row an event, parties ';'-joined (export.CSV_COLUMNS) | yes |
| parquet | the records, nested (needs a file) | yes |
| plover, plover-json | PLOVER manual field names and layout (formats.plover), JSONL / array | yes |
| gdelt | GDELT 2.0 event-table columns, tab-separated, one row a dyad (formats.gdelt) | no |
| acled | ACLED event/sub-event types and columns, CSV (formats.acled) | no |
| table | the terminal table | no |
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from blocs.formats.tables import read_csv_events, read_parquet, to_frame, write_parquet

FORMATS = ("jsonl", "json", "table", "csv", "plover", "plover-json", "gdelt", "acled",
           "parquet")
BINARY = ("parquet",)
READABLE = ("jsonl", "json", "csv", "plover", "plover-json", "parquet")
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv",
            ".parquet": "parquet", ".tsv": "gdelt"}


def write(events: Iterable[dict], out: TextIO, *, fmt: str = "jsonl",
          documents: dict | None = None) -> int:
    """Write events to a text stream in fmt; returns how many were written."""
    from blocs import export
    from blocs.formats import acled, gdelt, plover

    documents = {} if documents is None else documents
    if fmt in export.FORMATS:
        return export.write(events, out, fmt=fmt)
    if fmt == "plover":
        n = 0
        for ev in events:
            out.write(json.dumps(plover.to_plover(ev, documents.get(ev.get("doc_id"))),
                                 ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "plover-json":
        records = [plover.to_plover(ev, documents.get(ev.get("doc_id"))) for ev in events]
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return len(records)
    if fmt == "gdelt":
        return gdelt.write(events, out, documents=documents)
    if fmt == "acled":
        return acled.write(events, out, documents=documents)
    if fmt in BINARY:
        raise ValueError(f"--format {fmt} writes a file: give -o FILE")
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def write_file(events: Iterable[dict], path: str | Path, *, fmt: str,
               documents: dict | None = None) -> int:
    """Write events to a file in fmt (any format, Parquet included)."""
    if fmt == "parquet":
        return write_parquet(events, path)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        return write(events, fh, fmt=fmt, documents=documents)


def guess_format(path: str | Path) -> str:
    return SUFFIXES.get(Path(path).suffix.lower(), "jsonl")


def read_file(path: str | Path, *, fmt: str | None = None) -> list[dict]:
    """The blocs event records in a file written in a readable format."""
    from blocs.formats import plover

    fmt = fmt or guess_format(path)
    if fmt not in READABLE:
        raise ValueError(f"{fmt} output cannot be read back into event records")
    if fmt == "parquet":
        return read_parquet(path)
    if fmt == "csv":
        return read_csv_events(path)
    text = Path(path).read_text(encoding="utf-8")
    if fmt in ("json", "plover-json") or text.lstrip().startswith("["):
        records = json.loads(text)
    else:
        records = [json.loads(line) for line in text.splitlines() if line.strip()]
    if fmt.startswith("plover") or (records and "source" in records[0]
                                    and "actor" not in records[0]):
        return [plover.from_plover(r) for r in records]
    return records


__all__ = ["FORMATS", "READABLE", "read_csv_events", "read_file", "read_parquet",
           "to_frame", "write", "write_file", "write_parquet"]
