"""Writers for event records: JSONL, JSON, CSV (one row an event) and a terminal table;
PLOVER, GDELT-style, ACLED-style and Parquet come from blocs.formats through `write`."""

from __future__ import annotations

import csv
import json
import shutil
import textwrap
from collections.abc import Iterable
from typing import TextIO

FORMATS = ("jsonl", "json", "table", "csv")
# Every format `write` knows (blocs.formats adds plover, plover-json, gdelt, acled, parquet).
ALL_FORMATS = ("jsonl", "json", "table", "csv", "plover", "plover-json", "gdelt", "acled",
               "parquet")
CSV_COLUMNS = ("id", "doc_id", "event", "mode", "context", "status", "actor", "actor_country",
               "actor_sector", "actor_id", "recipient", "recipient_country", "recipient_sector",
               "recipient_id", "date", "date_precision", "time", "location", "location_country",
               "lat", "lon", "geonameid", "cameo", "quad_class", "goldstein", "plover_score",
               "trigger", "trigger_start", "trigger_end", "text", "sentence", "confidence",
               # the rest makes the CSV lossless (blocs.formats.tables.read_csv_events)
               "actor_name", "actor_start", "actor_end", "recipient_name", "recipient_start",
               "recipient_end", "time_start", "time_end", "location_text", "location_start",
               "location_end", "text_start", "text_end", "extra")


def _party(p: dict) -> str:
    if not p.get("country") and p.get("id") == p.get("sector"):
        return f"? {p['sector']}"  # people named by role only, country unknown
    code = p.get("country") or p.get("id") or "?"
    if p.get("id") and p.get("country") and p["id"] != p["country"]:
        code = f"{p['id']}/{p['country']}"
    return f"{code} {p['sector']}" if p.get("sector") else code


def _parties(parties: list[dict]) -> str:
    return ", ".join(_party(p) for p in parties) or "—"


def _evidence(ev: dict, width: int) -> str:
    """The sentence, with the trigger marked, cut to width around the trigger."""
    text, start = ev["text"], ev["text_info"]["start"]
    t0, t1 = ev["trigger"]["start"] - start, ev["trigger"]["end"] - start
    marked = f"{text[:t0]}[{text[t0:t1]}]{text[t1:]}"
    marked = " ".join(marked.split())
    if len(marked) <= width:
        return marked
    center = marked.find("[")
    lo = max(0, min(center - width // 3, len(marked) - width))
    return ("…" if lo else "") + marked[lo:lo + width - 2] + "…"


def table(events: list[dict], *, width: int | None = None) -> str:
    width = width or max(100, min(shutil.get_terminal_size((140, 20)).columns, 200))
    cols = [("type", 9), ("actor", 26), ("recipient", 20), ("date", 10), ("status", 12)]
    fixed = sum(w + 2 for _, w in cols)
    ev_w = max(30, width - fixed)
    lines = ["  ".join(name.ljust(w) for name, w in cols) + "  evidence",
             "  ".join("-" * w for _, w in cols) + "  " + "-" * min(ev_w, 40)]
    for ev in events:
        cells = [ev["event"], _parties(ev["actor"]), _parties(ev["recipient"]),
                 ev.get("date") or "", ev["status"]]
        wrapped = [textwrap.wrap(c, w) or [""] for c, (_, w) in zip(cells, cols, strict=True)]
        evidence = textwrap.wrap(_evidence(ev, ev_w * 2), ev_w) or [""]
        height = max(len(w) for w in wrapped + [evidence])
        for i in range(height):
            row = [(w[i] if i < len(w) else "").ljust(cw) for w, (_, cw) in zip(wrapped, cols,
                                                                                  strict=True)]
            lines.append("  ".join(row) + "  " + (evidence[i] if i < len(evidence) else ""))
    return "\n".join(line.rstrip() for line in lines)


def csv_row(ev: dict) -> dict:
    """An event flattened for spreadsheets; several actors or recipients are ';'-joined."""
    def join(values) -> str:
        return ";".join("" if v is None else str(v) for v in values)

    loc, trig = ev.get("location") or {}, ev.get("trigger") or {}
    row = {k: ev.get(k) for k in ("id", "doc_id", "event", "mode", "status", "date",
                                  "date_precision", "cameo", "quad_class", "goldstein",
                                  "plover_score", "text", "confidence")}
    row["context"] = join(ev.get("context") or [])
    for role in ("actor", "recipient"):
        parties = ev.get(role) or []
        row[role] = join(p.get("text") for p in parties)
        for key in ("country", "sector", "id"):
            row[f"{role}_{key}"] = join(p.get(key) for p in parties)
    row["time"] = (ev.get("time") or {}).get("text")
    row.update(location=loc.get("name"), location_country=loc.get("country"),
               lat=loc.get("lat"), lon=loc.get("lon"), geonameid=loc.get("geonameid"),
               trigger=trig.get("text"), trigger_start=trig.get("start"),
               trigger_end=trig.get("end"), sentence=(ev.get("text_info") or {}).get("sentence"))
    for role in ("actor", "recipient"):
        for key in ("name", "start", "end"):
            row[f"{role}_{key}"] = join(p.get(key) for p in ev.get(role) or [])
    time, info = ev.get("time") or {}, ev.get("text_info") or {}
    row.update(time_start=time.get("start"), time_end=time.get("end"),
               location_text=loc.get("text"), location_start=loc.get("start"),
               location_end=loc.get("end"), text_start=info.get("start"),
               text_end=info.get("end"))
    extra = {k: v for k, v in ev.items() if k not in _RECORD_KEYS}
    row["extra"] = json.dumps(extra, ensure_ascii=False, default=str) if extra else None
    return row


_RECORD_KEYS = frozenset(("id", "doc_id", "event", "mode", "context", "status", "actor",
                          "recipient", "date", "date_precision", "time", "location", "cameo",
                          "quad_class", "goldstein", "plover_score", "trigger", "text",
                          "text_info", "confidence"))


def write(events: Iterable[dict], out: TextIO, *, fmt: str = "jsonl",
          documents: dict | None = None) -> int:
    """Write events in fmt; returns how many were written. `documents` (doc id -> url,
    title, source, published) fills the source fields of PLOVER, GDELT and ACLED output."""
    if fmt not in FORMATS:
        from blocs.formats import write as write_format

        return write_format(events, out, fmt=fmt, documents=documents)
    if fmt == "jsonl":
        n = 0
        for ev in events:
            out.write(json.dumps(ev, ensure_ascii=False) + "\n")
            n += 1
        return n
    events = list(events)
    if fmt == "json":
        json.dump(events, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_row(ev) for ev in events)
    elif fmt == "table":
        out.write(table(events) + "\n")
    else:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    return len(events)
