"""PLOVER/CAMEO tables (CAMEO v1.1b3, Goldstein via GDELT, PLOVER v0.8) and event lexicon."""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
STATUSES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "future", "alleged")
QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")

_LISTS = ("target_preps", "objects", "exclude_objects", "requires_preps", "light_verbs",
          "actor_sectors", "prep_objects",
          "recipient_verbs", "exclude_modifiers", "forms", "of_objects",
          "exclude_deps")  # fmt: skip
_BOOLS = ("symmetric", "needs_object", "intransitive", "needs_light_verb", "receiving",
          "topic_object")
_KEY_LISTS = ("target_preps", "objects", "requires_preps", "light_verbs")
_COMMON: dict[str, Any] = {"mode": None, "target_preps": [], "symmetric": False, "alt": None}
_DEFAULTS: dict[str, dict[str, Any]] = {
    "verbs.yaml": {**_COMMON, "needs_object": False, "objects": [], "exclude_objects": [],
                   "requires_preps": [], "intransitive": False, "forms": [],
                   "receiving": False, "actor_sectors": [], "prep_objects": [],
                   "exclude_deps": [], "topic_object": False},
    "nouns.yaml": {**_COMMON, "light_verbs": [], "needs_light_verb": False,
                   "recipient_verbs": [], "exclude_modifiers": [], "of_objects": []}}  # fmt: skip


@lru_cache(maxsize=8)
def _load(name: str) -> Any:
    text = resources.files("blocs.events").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def quad_class(code: str) -> int:
    """CAMEO QuadClass from the two-digit root: 01-05 1, 06-08 2, 09-13 3, 14-20 4."""
    root = int(code[:2])
    if not 1 <= root <= 20:
        raise KeyError(code)
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def cameo_info(code: str) -> dict:
    """{"code", "name", "goldstein", "quad_class", "root"}; KeyError on an unknown code."""
    entry = _load("cameo.yaml")[code]
    return {"code": code, "name": entry["name"], "goldstein": float(entry["goldstein"]),
            "quad_class": quad_class(code), "root": code[:2]}  # fmt: skip


def plover_info(event_type: str) -> dict:
    return {"type": event_type, **copy.deepcopy(_load("plover.yaml")["types"][event_type])}


def plover_score(event_type: str) -> float:
    return float(_load("plover.yaml")["types"][event_type]["score"])


def mode_cameo(event_type: str, mode: str | None) -> str:
    """CAMEO code of a type's mode; the type's default code for no mode or an unknown one."""
    entry = _load("plover.yaml")["types"][event_type]
    return str((entry.get("modes") or {}).get(mode, entry["cameo"]) if mode else entry["cameo"])


def verb_lexicon() -> list[dict]:
    """verbs.yaml (fields: see its header), defaults filled; of one lemma, frames with
    objects come first, then requires_preps, plain, intransitive: first match = most specific."""
    entries = [{**_DEFAULTS["verbs.yaml"], **e} for e in _load("verbs.yaml")]
    entries.sort(key=lambda e: (not e["objects"], not e["requires_preps"], e["intransitive"]))
    return copy.deepcopy(entries)


def noun_lexicon() -> list[dict]:
    """nouns.yaml (fields: see its header), defaults filled; multi-word entries first."""
    entries = [{**_DEFAULTS["nouns.yaml"], **e} for e in _load("nouns.yaml")]
    return copy.deepcopy(sorted(entries, key=lambda e: -len(e["noun"].split())))


def context_cues() -> dict[str, set[str]]:
    return {n: {str(c).lower() for c in cs} for n, cs in _load("plover.yaml")["contexts"].items()}


def _frame_problems(e: dict) -> list[str]:
    t = _load("plover.yaml")["types"].get(e.get("type"))
    if t is None:
        return [f"unknown type {e.get('type')!r}"]
    out = [] if str(e.get("cameo")) in _load("cameo.yaml") else [f"cameo {e.get('cameo')!r}?"]
    if e.get("mode") is not None and e["mode"] not in (t.get("modes") or {}):
        out.append(f"mode {e['mode']!r} is not a mode of {e['type']}")
    return out


def _entry_problems(e: dict, head: str, defaults: dict) -> list[str]:
    out = _frame_problems(e)
    unknown = set(e) - set(defaults) - {head, "type", "cameo"}
    if unknown or not isinstance(e.get(head), str) or not e[head]:
        out.append(f"missing {head!r} or unknown fields {sorted(unknown)}")
    for key in _LISTS:
        vals = e.get(key, [])
        if not isinstance(vals, list) or not all(isinstance(v, str) and v for v in vals):
            out.append(f"{key} must be a list of words (quote 'on')")
        elif len(set(vals)) != len(vals):
            out.append(f"{key} repeats an item")
        elif key.endswith("objects") and any(" " in v or v != v.lower() for v in vals):
            out.append(f"{key} must hold single lower-case lemmas")
    out += [f"{k} must be true or false" for k in _BOOLS if not isinstance(e.get(k, False), bool)]
    if (alt := e.get("alt")) is not None:
        ok = isinstance(alt, dict) and isinstance(alt.get("sectors"), list)
        out += [f"alt: {p}" for p in _frame_problems(alt)] if ok else ["alt needs a sectors list"]
    return out


def _table_problems() -> list[str]:
    cameo, plover, out = _load("cameo.yaml"), _load("plover.yaml"), []
    for code, entry in cameo.items():
        gold = entry.get("goldstein") if isinstance(entry, dict) else None
        bad = not re.fullmatch(r"(0[1-9]|1\d|20)\d{0,2}", str(code))
        if bad or (len(code) > 2 and code[:-1] not in cameo):
            out.append(f"cameo {code!r}: bad code or parent code missing")
        elif not isinstance(gold, (int, float)) or not -10 <= gold <= 10 or not entry["name"]:
            out.append(f"cameo {code}: needs a name and a goldstein value in [-10, 10]")
    if tuple(plover["types"]) != PLOVER_TYPES or tuple(plover["statuses"]) != STATUSES:
        out.append("plover.yaml: types or statuses differ from PLOVER_TYPES/STATUSES")
    for name, t in plover["types"].items():
        codes = [t.get("cameo"), *(t.get("modes") or {}).values()]
        if t.get("quad") not in QUADS or t.get("recipient") not in ("required", "optional"):
            out.append(f"plover {name}: bad quad or recipient")
        if not isinstance(t.get("score"), (int, float)) or any(str(c) not in cameo for c in codes):
            out.append(f"plover {name}: score not a number or a cameo code unknown")
    out += [f"context {n}: needs cue words" for n, c in plover["contexts"].items() if not c]
    return out


def validate() -> list[str]:
    """Problems in the data files ([] when all is well). A lexicon frame is unique by its
    head word, intransitive and _KEY_LISTS, so one lemma may carry several senses."""
    out = _table_problems()
    for fname, head in (("verbs.yaml", "verb"), ("nouns.yaml", "noun")):
        seen: set[tuple] = set()
        for i, e in enumerate(_load(fname)):
            where = f"{fname}[{i}] {e.get(head)!r}"
            out += [f"{where}: {p}" for p in _entry_problems(e, head, _DEFAULTS[fname])]
            key: tuple = (e.get(head), bool(e.get("intransitive")))
            key += tuple(str(sorted(map(str, e.get(k) or []))) for k in _KEY_LISTS)
            if key in seen:
                out.append(f"{where}: duplicate frame {key}")
            seen.add(key)
    return out
