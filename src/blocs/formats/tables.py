"""Event records as tables: Parquet (nested, lossless), CSV read back, pandas DataFrames.

Parquet keeps the record's shape: `actor`/`recipient` are lists of structs, `time`,
`trigger`, `location`, `text_info` structs, `context` a list of strings (the same types
as the DuckDB store), and keys beyond the record contract (merged records' counts and
mentions) go to one JSON column, `extra`. DuckDB, pandas, polars and Spark read it as is:
`SELECT e.event, a.country FROM 'events.parquet' e, unnest(e.actor) t(a)`.

CSV (export.CSV_COLUMNS) is flat: several actors or recipients are ';'-joined, each of
their fields in its own column; `read_csv_events` rebuilds the records from it (a party's
text is cut by its offsets' length, so a ';' inside a name does not split it).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path

SPAN = [("text", "string"), ("start", "int64"), ("end", "int64")]
PARTY = SPAN + [("country", "string"), ("sector", "string"), ("id", "string"),
                ("name", "string")]
PLACE = SPAN + [("name", "string"), ("country", "string"), ("lat", "float64"),
                ("lon", "float64"), ("geonameid", "int64")]
FIELDS = [("id", "string"), ("doc_id", "string"), ("event", "string"), ("mode", "string"),
          ("context", ["string"]), ("status", "string"), ("actor", [PARTY]),
          ("recipient", [PARTY]), ("date", "string"), ("date_precision", "string"),
          ("time", SPAN), ("location", PLACE), ("cameo", "string"), ("quad_class", "int64"),
          ("goldstein", "float64"), ("plover_score", "float64"), ("trigger", SPAN),
          ("text", "string"), ("text_info", [("sentence", "int64"), ("start", "int64"),
                                             ("end", "int64")]),
          ("confidence", "float64")]
RECORD_KEYS = [name for name, _ in FIELDS]


def _arrow_type(spec):
    import pyarrow as pa

    if isinstance(spec, str):
        return {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64()}[spec]
    if len(spec) == 1 and not isinstance(spec[0], tuple):  # [inner]: a list
        return pa.list_(_arrow_type(spec[0]))
    return pa.struct([(name, _arrow_type(t)) for name, t in spec])


def schema():
    import pyarrow as pa

    return pa.schema([(name, _arrow_type(t)) for name, t in FIELDS] + [("extra", pa.string())])


def _floats(ev: dict) -> dict:
    # Parquet columns are typed: 1 and 1.0 must both be floats where the column is.
    ev = dict(ev)
    for key in ("goldstein", "plover_score", "confidence"):
        if isinstance(ev.get(key), int) and not isinstance(ev.get(key), bool):
            ev[key] = float(ev[key])
    if isinstance(ev.get("location"), dict):
        ev["location"] = {k: float(v) if k in ("lat", "lon") and isinstance(v, int) else v
                          for k, v in ev["location"].items()}
    return ev


def write_parquet(events: Iterable[dict], path: str | Path) -> int:
    """Write records to one Parquet file (zstd); returns how many."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for ev in events:
        ev = _floats(ev)
        row = {k: ev.get(k) for k in RECORD_KEYS}
        extra = {k: v for k, v in ev.items() if k not in RECORD_KEYS}
        row["extra"] = json.dumps(extra, ensure_ascii=False, default=str) if extra else None
        rows.append(row)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema()), str(path),
                   compression="zstd")
    return len(rows)


def read_parquet(path: str | Path) -> list[dict]:
    """Records back from a file written by write_parquet."""
    import pyarrow.parquet as pq

    out = []
    for row in pq.read_table(str(path)).to_pylist():
        extra = row.pop("extra", None)
        out.append({**row, **(json.loads(extra) if extra else {})})
    return out


# --- CSV back to records ----------------------------------------------------------------

INTS = ("quad_class", "trigger_start", "trigger_end", "sentence", "geonameid", "time_start",
        "time_end", "location_start", "location_end", "text_start", "text_end")
FLOATS = ("goldstein", "plover_score", "confidence", "lat", "lon")


def _value(key: str, raw: str):
    if raw == "":
        return None
    if key in INTS:
        return int(raw)
    if key in FLOATS:
        return float(raw)
    return raw


def _split(raw: str) -> list[str | None]:
    return [x if x != "" else None for x in raw.split(";")] if raw != "" else []


def _texts(joined: str, starts: list, ends: list) -> list[str]:
    """Party texts cut by their lengths (end - start), so ';' inside a text is safe."""
    if all(s is not None and e is not None for s, e in zip(starts, ends, strict=True)):
        out, pos = [], 0
        for s, e in zip(starts, ends, strict=True):
            out.append(joined[pos:pos + (int(e) - int(s))])
            pos += int(e) - int(s) + 1
        if pos - 1 == len(joined):
            return out
    return joined.split(";")


def _parties(row: dict, role: str) -> list[dict]:
    starts = [None if x is None else int(x) for x in _split(row[f"{role}_start"])]
    ends = [None if x is None else int(x) for x in _split(row[f"{role}_end"])]
    if not starts and not row[role]:
        return []
    texts = _texts(row[role], starts, ends)
    cols = {k: _split(row[f"{role}_{k}"]) for k in ("country", "sector", "id", "name")}
    return [{"text": texts[i], "start": starts[i], "end": ends[i],
             **{k: (cols[k][i] if i < len(cols[k]) else None) for k in cols}}
            for i in range(len(starts))]


def from_csv_row(row: dict) -> dict:
    """The record a CSV row (export.csv_row) was made from."""
    v = {k: _value(k, raw) for k, raw in row.items() if k not in ("actor", "recipient")}
    time = None if v["time"] is None and v["time_start"] is None else {
        "text": v["time"], "start": v["time_start"], "end": v["time_end"]}
    location = None if all(v[k] is None for k in ("location", "location_text", "lat",
                                                  "location_country")) else {
        "text": v["location_text"], "start": v["location_start"], "end": v["location_end"],
        "name": v["location"], "country": v["location_country"], "lat": v["lat"],
        "lon": v["lon"], "geonameid": v["geonameid"]}
    ev = {"id": v["id"], "doc_id": v["doc_id"], "event": v["event"], "mode": v["mode"],
          "context": _split(row["context"]), "status": v["status"],
          "actor": _parties(row, "actor"), "recipient": _parties(row, "recipient"),
          "date": v["date"], "date_precision": v["date_precision"], "time": time,
          "location": location, "cameo": v["cameo"], "quad_class": v["quad_class"],
          "goldstein": v["goldstein"], "plover_score": v["plover_score"],
          "trigger": {"text": v["trigger"], "start": v["trigger_start"],
                      "end": v["trigger_end"]},
          "text": row["text"],
          "text_info": {"sentence": v["sentence"], "start": v["text_start"],
                        "end": v["text_end"]},
          "confidence": v["confidence"]}
    if row.get("extra"):
        ev.update(json.loads(row["extra"]))
    return ev


def read_csv_events(path: str | Path) -> list[dict]:
    """Records back from a CSV written by `--format csv`."""
    with open(path, encoding="utf-8", newline="") as fh:
        return [from_csv_row(row) for row in csv.DictReader(fh)]


def to_frame(events: Iterable[dict], *, nested: bool = False):
    """A pandas DataFrame of event records: flat CSV columns (one row an event, parties
    ';'-joined, `date` a datetime) or, with nested=True, the records' own fields."""
    import pandas as pd

    from blocs.export import CSV_COLUMNS, csv_row

    events = list(events)
    if nested:
        frame = pd.DataFrame(events, columns=RECORD_KEYS if not events else None)
    else:
        frame = pd.DataFrame([csv_row(ev) for ev in events], columns=list(CSV_COLUMNS))
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    return frame
