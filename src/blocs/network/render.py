"""Terminal tables, the dyad chart and flat rows (jsonl, json, csv) for network results."""

from __future__ import annotations

import csv
import json
import textwrap
from collections.abc import Sequence
from typing import TextIO

from blocs.network.partition import Tie, WindowBlocs

ROW_FORMATS = ("table", "jsonl", "json", "csv")
BAR = 20  # half-width of the dyad chart, characters


def write_rows(rows: Sequence[dict], out: TextIO, *, fmt: str) -> None:
    """jsonl (one object a line), json (a list) or csv (lists joined in one cell)."""
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "json":
        json.dump(list(rows), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        flat = [{k: _cell(v) for k, v in row.items()} for row in rows]
        fields = list(dict.fromkeys(k for row in flat for k in row))
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def _cell(value):
    if isinstance(value, list):  # codes as "RUS;IRN", phrases and sentences " | "-joined
        cells = [str(_cell(v)) for v in value]
        return (" | " if any(" " in c for c in cells) else ";").join(cells)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def _signed(x: float) -> str:
    return f"{x:+.1f}"


def _tie(t: Tie) -> str:
    return f"{t.a}–{t.b} {_signed(t.net)}"


# blocs

def bloc_rows(windows: list[WindowBlocs]) -> list[dict]:
    """One row per window and bloc (unaligned actors are blocs of one)."""
    rows = []
    for wb in windows:
        head = wb.summary()
        for b in wb.blocs:
            d = b.as_dict()
            rows.append({"window": head["window"], "start": head["start"], "end": head["end"],
                         "bloc": d["bloc"], "size": d["size"], "members": d["members"],
                         "cohesion": d["cohesion"],
                         "inside_cooperation": d["inside"]["cooperation"],
                         "inside_conflict": d["inside"]["conflict"],
                         "across_cooperation": d["across"]["cooperation"],
                         "across_conflict": d["across"]["conflict"],
                         "ties_inside": [_tie(t) for t in b.ties_inside],
                         "ties_across": [_tie(t) for t in b.ties_across],
                         "modularity": head["modularity"],
                         "frustration": head["frustration"]})
    return rows


def blocs_table(windows: list[WindowBlocs], *, names: dict[str, str] | None = None,
                width: int = 100) -> str:
    names = names or {}
    lines: list[str] = []
    for wb in windows:
        s = wb.summary()
        period = wb.graph.period()
        plural = "" if s["blocs"] == 1 else "s"
        lines.append(f"window {s['window']} ({period}): {s['actors']} actors, {s['ties']} ties,"
                     f" {s['blocs']} bloc{plural}, modularity {s['modularity']:.2f}, "
                     f"frustration {s['frustration']:.2f}")
        alone = []
        for b in wb.blocs:
            if len(b.members) == 1:
                alone.append(b.members[0])
                continue
            cohesion = "—" if b.cohesion is None else f"{b.cohesion:+.2f}"
            lines.append(f"  bloc {b.label}: {len(b.members)} members, cohesion {cohesion}, "
                         f"inside +{b.inside[0]:.1f}/−{b.inside[1]:.1f}, across "
                         f"+{b.across[0]:.1f}/−{b.across[1]:.1f}")
            members = ", ".join(f"{m} ({names[m]})" if names.get(m) and names[m] != m else m
                                for m in b.members)
            lines += textwrap.wrap(members, width, initial_indent="    members  ",
                                   subsequent_indent="             ")
            if b.ties_inside:
                lines.append("    inside   " + ", ".join(_tie(t) for t in b.ties_inside))
            if b.ties_across:
                lines.append("    across   " + ", ".join(_tie(t) for t in b.ties_across))
        if alone:
            lines += textwrap.wrap(", ".join(alone), width, initial_indent="  unaligned: ",
                                   subsequent_indent="             ")
        if not wb.blocs:
            lines.append("  (no ties)")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# dyad

def chart_bar(cooperation: float, conflict: float, scale: float, *, half: int = BAR) -> str:
    """conflict to the left of the axis, cooperation to the right, scaled to `scale`."""
    def length(x: float) -> int:
        return 0 if scale <= 0 or x <= 0 else max(1, round(half * x / scale))

    left, right = length(conflict), length(cooperation)
    return " " * (half - left) + "▒" * left + "│" + "█" * right


def dyad_table(rows: list[dict], a: str, b: str, *, about: str = "") -> str:
    scale = max([max(r["cooperation"], r["conflict"]) for r in rows] + [0.0])
    head = (f"{'window':<10} {'cooperation':>11} {'conflict':>9} {'net':>8} {'dyads':>6} "
            f"{'align':>6}  {'conflict ▒':>{BAR}}│█ cooperation")
    lines = [f"{a}–{b}" + (f"  ({about})" if about else ""), head, "-" * len(head)]
    for r in rows:
        lines.append(f"{r['window']:<10} {r['cooperation']:>11.1f} {r['conflict']:>9.1f} "
                     f"{_signed(r['net']):>8} {r['dyads']:>6} {r['alignment']:>+6.2f}  "
                     + chart_bar(r["cooperation"], r["conflict"], scale))
    if not rows:
        lines.append("(no windows with dyads)")
    return "\n".join(line.rstrip() for line in lines) + "\n"


# actor

def actor_rows(profile: dict, *, flat: bool = False) -> list[dict]:
    """One row per partner or adversary; flat (for CSV): evidence as "date TYPE: sentence"
    strings rather than records."""
    rows = []
    for role in ("partners", "adversaries"):
        for p in profile[role]:
            rows.append({"actor": profile["actor"], "other": p["other"], "name": p["name"],
                         "role": role[:-1] if role == "partners" else "adversary",
                         "cooperation": p["cooperation"], "conflict": p["conflict"],
                         "net": p["net"], "dyads": p["dyads"], "alignment": p["alignment"],
                         "evidence": [f"{e['date'] or '?'} {e['event']}: "
                                      f"{' '.join((e['text'] or '').split())}"
                                      for e in p["evidence"]] if flat else p["evidence"]})
    return rows


def actor_table(profile: dict, *, width: int = 100) -> str:
    lines = [f"{profile['actor']} ({profile['name']}): {profile['events']} events, "
             f"{len(profile['partners'])} partners, {len(profile['adversaries'])} adversaries"]
    for role in ("partners", "adversaries"):
        lines.append("")
        lines.append(role)
        if not profile[role]:
            lines.append("  (none)")
        for p in profile[role]:
            lines.append(f"  {p['other']:<8} {p['name'][:24]:<24} net {_signed(p['net']):>7}  "
                         f"coop {p['cooperation']:.1f}  conflict {p['conflict']:.1f}  "
                         f"dyads {p['dyads']}  alignment {p['alignment']:+.2f}")
            for ev in p["evidence"]:
                more = f", {ev['num_mentions']} mentions" if ev.get("num_mentions", 1) > 1 \
                    else ""
                text = f"{ev['date'] or '?'} {ev['event']}{more}: “{' '.join(ev['text'].split())}”"
                lines += textwrap.wrap(text, width, initial_indent="      ",
                                       subsequent_indent="        ")
    return "\n".join(lines) + "\n"


# merged events

def _parties(parties: list[dict]) -> str:
    return ", ".join(p.get("country") or p.get("id") or "?" for p in parties) or "—"


def merged_rows(events: list[dict]) -> list[dict]:
    rows = []
    for ev in events:
        rows.append({"id": ev.get("id"), "event": ev.get("event"), "status": ev.get("status"),
                     "actor": _parties(ev.get("actor") or []),
                     "recipient": _parties(ev.get("recipient") or []), "date": ev.get("date"),
                     "location": (ev.get("location") or {}).get("name"),
                     "num_mentions": ev.get("num_mentions", 1),
                     "num_sources": ev.get("num_sources", 1),
                     "num_articles": ev.get("num_articles", 1),
                     "first_report": (ev.get("first_report") or {}).get("doc_id",
                                                                         ev.get("doc_id")),
                     "text": ev.get("text")})
    return rows


def merged_table(events: list[dict], *, width: int = 100) -> str:
    cols = (("type", 9), ("actor", 18), ("recipient", 12), ("date", 10), ("ment", 4),
            ("src", 3), ("first report", 22))
    lines = ["  ".join(n.ljust(w) for n, w in cols) + "  evidence",
             "  ".join("-" * w for _, w in cols) + "  " + "-" * 30]
    for r in merged_rows(events):
        cells = (r["event"], r["actor"], r["recipient"], r["date"] or "",
                 str(r["num_mentions"]), str(r["num_sources"]), r["first_report"] or "")
        text = " ".join((r["text"] or "").split())
        lines.append("  ".join(str(c)[:w].ljust(w) for c, (_, w) in zip(cells, cols,
                                                                          strict=True))
                     + "  " + (text[:width - 4] + "…" if len(text) > width - 3 else text))
    return "\n".join(line.rstrip() for line in lines) + "\n"


__all__ = ["ROW_FORMATS", "write_rows", "bloc_rows", "blocs_table", "chart_bar", "dyad_table",
           "actor_rows", "actor_table", "merged_rows", "merged_table"]
