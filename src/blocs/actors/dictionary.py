"""The actor dictionary: countries, organisations, leaders and role words, from YAML.

Everything is loaded once per set of extra files (`--actors my.yaml`), validated, and
flattened into an alias table: the surface string as news writes it → the entries it may
denote. Users extend or override entries with files of the same schema:

    countries: [...]   orgs: [...]   leaders: [...]   roles: {SECTOR: [phrases]}
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "SPY", "OPP", "CVL", "BUS", "MED",
           "EDU", "REL", "LAB", "REF", "IGO", "NGO", "UAF"}
DEFENCE_ROLE = re.compile(r"\b(defen[cs]e|chief of (the )?(general )?staff|army chief|"
                          r"commander of the armed forces)\b", re.I)
# Codes in use that ISO 3166-1 has not assigned: Kosovo (XKX, as the EU and IMF use).
EXTRA_CODES = {"XKX"}


@dataclass(frozen=True)
class Entry:
    """One dictionary entity as one alias denotes it."""

    id: str
    name: str
    country: str | None
    sector: str | None
    kind: str  # state | capital | seat | demonym | org | person
    # persons: (start, end) ISO dates of tenure; orgs: (sector, start, end) sector periods
    terms: tuple[tuple[str, ...], ...] = ()


def _read(path: Path) -> object:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@lru_cache(maxsize=8)
def _sources(extra_files: tuple[str, ...]) -> dict[str, object]:
    """Built-in data plus user files; a user entry with the same id replaces the built-in."""
    data: dict[str, object] = {
        "countries": _read(DATA / "countries.yaml") or [],
        "orgs": _read(DATA / "orgs.yaml") or [],
        "leaders": _read(DATA / "leaders.yaml") if (DATA / "leaders.yaml").exists() else [],
        "roles": _read(DATA / "roles.yaml") or {},
    }
    for extra in extra_files:
        user = _read(Path(extra)) or {}
        if not isinstance(user, dict):
            raise ValueError(f"{extra}: an actor file is a mapping with countries/orgs/"
                             "leaders/roles")
        for key in ("countries", "orgs"):
            if user.get(key):
                replaced = {e["id"] for e in user[key]}
                data[key] = [e for e in data[key] if e["id"] not in replaced] + list(user[key])
        if user.get("leaders"):
            replaced = {e["name"] for e in user["leaders"]}
            data["leaders"] = [e for e in data["leaders"] if e["name"] not in replaced] + list(
                user["leaders"])
        # User role phrases are applied after the built-in ones, so they win.
        data["user_roles"] = list(data.get("user_roles", [])) + [
            (sector, list(phrases or [])) for sector, phrases in (user.get("roles") or {}).items()]
    return data


def alias_table(extra_files: tuple[str, ...] = ()) -> dict[str, list[Entry]]:
    """Surface string (case-sensitive) → entries it may denote (built once per file set)."""
    return _alias_table(tuple(extra_files))


@lru_cache(maxsize=8)
def _alias_table(extra_files: tuple[str, ...]) -> dict[str, list[Entry]]:
    src = _sources(extra_files)
    table: dict[str, list[Entry]] = {}

    def add(alias: str, entry: Entry) -> None:
        alias = str(alias).strip()
        if alias and entry not in table.setdefault(alias, []):
            table[alias].append(entry)

    for c in src["countries"]:
        iso, name = c["id"], c["name"]
        for n in c.get("names") or []:
            add(n, Entry(iso, name, iso, None, "state"))
            if len(n) >= 4 and " " not in n:
                add(n.upper(), Entry(iso, name, iso, None, "state"))  # datelines
        for n in c.get("demonyms") or []:
            add(n, Entry(iso, name, iso, None, "demonym"))
        for n in c.get("capitals") or []:
            add(n, Entry(iso, name, iso, "GOV", "capital"))
            if len(n) >= 4:
                add(n.upper(), Entry(iso, name, iso, "GOV", "capital"))
        sectors = c.get("seat_sectors") or {}
        for n in c.get("seats") or []:
            add(n, Entry(iso, name, iso, sectors.get(n, "GOV"), "seat"))
    for o in src["orgs"]:
        periods = tuple((p["sector"], str(p.get("start") or ""), str(p.get("end") or ""))
                        for p in o.get("periods") or [])
        entry = Entry(o["id"], o["name"], o.get("country"), o.get("sector"), "org", periods)
        for n in o.get("names") or []:
            add(n, entry)
    org_names = sorted(((n, o["id"]) for o in src["orgs"] for n in o.get("names") or []
                        if len(n) >= 4), key=lambda pair: -len(pair[0]))
    for p in src["leaders"]:
        # One entry per office: its dates, its sector (defence posts are MIL, as the role
        # words are) and the organisation it is in ("Secretary-General of Hezbollah").
        for r in p.get("roles") or [{}]:
            role = str(r.get("role") or "")
            sector = "MIL" if DEFENCE_ROLE.search(role) else p.get("sector", "GOV")
            org = p.get("org") or next((oid for n, oid in org_names if n in role and
                                        re.search(rf"\b{re.escape(n)}\b", role)), None)
            term = ((str(r.get("start") or ""), str(r.get("end") or "")),) if r else ()
            entry = Entry(org or p.get("country") or p["name"], p["name"], p.get("country"),
                          sector, "person", term)
            for n in p.get("names") or [p["name"]]:
                add(n, entry)
    # Sentence-initial capitals of names written with "the": "The Emirates said".
    for alias in [a for a in table if a.startswith("the ")]:
        for entry in table[alias]:
            add("The " + alias[4:], entry)
    return table


def role_table(extra_files: tuple[str, ...] = ()) -> dict[str, str]:
    """Lower-case role phrase → sector."""
    return _role_table(tuple(extra_files))


@lru_cache(maxsize=8)
def _role_table(extra_files: tuple[str, ...]) -> dict[str, str]:
    src = _sources(extra_files)
    out: dict[str, str] = {}
    for sector, phrases in list(src["roles"].items()) + list(src.get("user_roles", [])):
        for phrase in phrases or []:
            out[str(phrase).lower()] = sector
    return out


@lru_cache(maxsize=1)
def region_groups() -> tuple[frozenset[str], dict[str, tuple[str, ...]],
                             dict[str, tuple[str, ...]]]:
    """(plural head lemmas, region words → member states, group nouns → member states)
    from regions.yaml: "the Baltic states", "the two Koreas"."""
    data = _read(DATA / "regions.yaml") or {}
    known = {c["id"] for c in _sources(())["countries"]} | EXTRA_CODES
    groups = {}
    for key in ("regions", "nouns"):
        groups[key] = {str(k).lower(): tuple(v) for k, v in (data.get(key) or {}).items()}
        bad = {c for v in groups[key].values() for c in v} - known
        if bad:
            raise ValueError(f"regions.yaml: unknown country codes {sorted(bad)}")
    return frozenset(data.get("heads") or ()), groups["regions"], groups["nouns"]


@lru_cache(maxsize=1)
def _parents() -> dict[str, str]:
    return {o["id"]: o["parent"] for o in _sources(())["orgs"] if o.get("parent")}


def parent_of(org_id: str | None) -> str | None:
    """The organisation a body belongs to ("UNHCR" -> "UN"), or None."""
    return _parents().get(org_id) if org_id else None


@lru_cache(maxsize=512)
def country_name(iso3: str | None) -> str | None:
    if not iso3:
        return None
    for c in _sources(())["countries"]:
        if c["id"] == iso3:
            return c["name"]
    return None


def _covers(start: str, end: str, date: dt.date) -> bool:
    return (not start or _date(start) <= date) and (not end or date <= _date(end))


def person_at(entries: list[Entry], date: dt.date | None) -> Entry | None:
    """The person whose tenure covers date; without a date, the one in office most recently."""
    people = [e for e in entries if e.kind == "person"]
    if not people:
        return None
    if date is None:
        return max(people, key=lambda e: max((t[1] or "9999") for t in e.terms) if e.terms
                   else "")
    for e in people:
        if any(_covers(start, end, date) for start, end in e.terms):
            return e
    # Nobody in office: a former holder still belongs to their country ("Assad" in 2030).
    former = [(max(end for _, end in e.terms if end), e) for e in people
              if e.terms and all(end and _date(end) < date for _, end in e.terms)]
    return max(former, key=lambda pair: pair[0])[1] if former else None


def sector_at(entry: Entry, date: dt.date | None) -> str | None:
    """An organisation's sector on date (groups that became governments, parties...)."""
    if entry.kind != "org" or not entry.terms or date is None:
        return entry.sector
    for sector, start, end in entry.terms:
        if _covers(start, end, date):
            return sector
    return entry.sector


def validate(extra_files: tuple[str, ...] = ()) -> list[str]:
    """Problems in the data; [] when it is sound."""
    import pycountry

    problems: list[str] = []
    src = _sources(extra_files)
    codes = {c.alpha_3 for c in pycountry.countries} | EXTRA_CODES
    for c in src["countries"]:
        if c["id"] not in codes:
            problems.append(f"country {c['id']}: not an ISO 3166-1 alpha-3 code")
        for n, s in (c.get("seat_sectors") or {}).items():
            if s not in SECTORS:
                problems.append(f"country {c['id']}: seat {n} has unknown sector {s}")
    for o in src["orgs"]:
        if o.get("country") and o["country"] not in codes:
            problems.append(f"org {o['id']}: bad country {o['country']}")
        for s in [o.get("sector")] + [p["sector"] for p in o.get("periods") or []]:
            if s is not None and s not in SECTORS:
                problems.append(f"org {o['id']}: unknown sector {s}")
    for p in src["leaders"]:
        if p.get("country") and p["country"] not in codes:
            problems.append(f"leader {p['name']}: bad country {p['country']}")
        for r in p.get("roles") or []:
            try:
                start, end = _date(r.get("start")), _date(r.get("end"))
            except ValueError as exc:
                problems.append(f"leader {p['name']}: {exc}")
                continue
            if start and end and end < start:
                problems.append(f"leader {p['name']}: role ends before it starts")
    for sector in list(src["roles"]) + [s for s, _ in src.get("user_roles", [])]:
        if sector not in SECTORS:
            problems.append(f"roles: unknown sector {sector}")
    for alias, entries in alias_table(extra_files).items():
        states = {e.id for e in entries if e.kind in {"state", "capital", "demonym"}}
        if len(states) > 1:
            problems.append(f"alias {alias!r} names several states: {sorted(states)}")
    return problems
