"""`blocs actors NAME`: how a name or phrase resolves on a date, and why."""

from __future__ import annotations

import datetime as dt

from blocs.actors import dictionary


def _covers(terms, date: dt.date | None) -> bool:
    if date is None:
        return True
    return any((not s or dt.date.fromisoformat(s) <= date) and
               (not e or date <= dt.date.fromisoformat(e)) for s, e in terms)


def describe(name: str, *, date: dt.date | None = None,
             extra_files: tuple[str, ...] = ()) -> list[str]:
    """Lines explaining the dictionary entries, role phrase and choice for name."""
    table = dictionary.alias_table(extra_files)
    roles = dictionary.role_table(extra_files)
    lines: list[str] = []
    entries = table.get(name, [])
    for entry in entries:
        where = f"{entry.country or '-'} {dictionary.sector_at(entry, date) or '-'}"
        line = f"{name!r} → {entry.kind} {entry.name} [{entry.id}] {where}"
        if entry.kind == "person":
            spans = ", ".join(f"{s or '…'}..{e or 'now'}" for s, e in entry.terms)
            valid = "in office" if _covers(entry.terms, date) else "NOT in office"
            line += f"; tenure {spans}; {valid}" + (f" on {date}" if date else "")
        elif entry.kind == "org" and entry.terms:
            line += "; sector periods " + ", ".join(f"{s} {a or '…'}..{b or 'now'}"
                                                   for s, a, b in entry.terms)
        lines.append(line)
    people = [e for e in entries if e.kind == "person"]
    others = [e for e in entries if e.kind != "person"]
    if others:
        lines.append(f"chosen: {others[0].name} ({others[0].kind}); names of states and "
                     "organisations win over people")
    elif people:
        chosen = dictionary.person_at(people, date)
        if chosen is None:
            lines.append(f"chosen: none — no one named {name!r} had held office by {date}")
        else:
            former = "" if _covers(chosen.terms, date) else ", the most recent former holder"
            lines.append(f"chosen: {chosen.name} ({chosen.country} {chosen.sector}{former})")
    sector = roles.get(name.lower())
    if sector:
        lines.append(f"role phrase {name.lower()!r} → sector {sector}; the country comes from "
                     "its modifier, possessive or 'of' phrase")
    if not lines:
        lines.append(f"{name!r} is not in the dictionary; the resolver may still resolve it "
                     "in context (titles, descriptions, earlier mentions)")
    return lines
