"""Gold scoring (`blocs eval`): dyad precision, recall and F1, dates, places, forbidden events.

Rules (DESIGN.md): each asserted predicted event expands to (type, actor, recipient) items,
unordered for CONSULT, COOPERATE and AGREE; a prediction matches a gold item when its
sentence contains the gold `sentence`, its type is one of the gold `types` and its parties
fit. Precision counts distinct predictions (one per sentence and item, so a repeated lead
counts once) that match a required or optional gold item; recall counts required gold
items found. Dates and locations are scored on the required items found.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from itertools import combinations
from pathlib import Path

SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}


def _codes(party: dict | None) -> set[str | None]:
    """All codes a gold file may use for a predicted party: country, id, aliases of id."""
    if party is None:
        return {None}
    from blocs.actors.dictionary import parent_of

    codes = {party.get("country"), party.get("id"), parent_of(party.get("id"))}
    codes |= set(_id_aliases().get(party.get("id"), ()))
    return {c for c in codes if c} or {None}


def _id_aliases() -> dict[str, set[str]]:
    """id → short aliases written like ids ("IS" for ISIL), from the actor dictionary."""
    from blocs.actors import dictionary

    out: dict[str, set[str]] = {}
    for alias, entries in dictionary.alias_table().items():
        if alias.isupper() and " " not in alias:
            for e in entries:
                out.setdefault(e.id, set()).add(alias)
    return out


def expand(event: dict) -> list[tuple[str, dict | None, dict | None]]:
    """(type, actor, recipient) dyad items of one predicted event."""
    etype, actors, recipients = event["event"], event["actor"], event["recipient"]
    items: list[tuple[str, dict | None, dict | None]] = []
    if recipients:
        items += [(etype, a, r) for a in actors for r in recipients]
    if len(actors) >= 2 and (etype in SYMMETRIC or not recipients):
        items += [(etype, a, b) for a, b in combinations(actors, 2)]
    if not items:
        items += [(etype, a, None) for a in actors]
    return items


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def _item_key(sentence: str, item) -> tuple:
    etype, a, r = item
    ka = min(_codes(a), key=str)
    kr = min(_codes(r), key=str)
    if etype in SYMMETRIC:
        ka, kr = sorted([ka, kr], key=str)
    return (_norm(sentence), etype, ka, kr)


def _gold_items(gold: dict) -> list[dict]:
    """One entry per gold dyad: pairs of `parties`, or the source → target item."""
    items = []
    for g in gold.get("events", []):
        if "parties" in g:
            for a, b in combinations(g["parties"], 2):
                items.append({"gold": g, "a": {a}, "b": {b}, "ordered": False})
        else:
            targets = g.get("target")
            targets = set(targets) if isinstance(targets, list) else {targets}
            items.append({"gold": g, "a": {g.get("source")}, "b": targets, "ordered": True})
    return items


def _fits(item, etype: str, a: dict | None, r: dict | None) -> bool:
    ca, cr = _codes(a), _codes(r)
    if item["ordered"] and etype not in SYMMETRIC:
        return bool(ca & item["a"]) and bool(cr & item["b"])
    return (bool(ca & item["a"]) and bool(cr & item["b"])) or (
        bool(cr & item["a"]) and bool(ca & item["b"]))


def _in_range(date: str | None, rng: list[str]) -> bool:
    if not date:
        return False
    d = dt.date.fromisoformat(date[:10])
    return dt.date.fromisoformat(rng[0]) <= d <= dt.date.fromisoformat(rng[1])


def score(events: list[dict], gold: dict) -> dict:
    """Score predicted event records against a gold file's contents."""
    gold_items = _gold_items(gold)
    predicted: dict[tuple, tuple[dict, tuple]] = {}
    for ev in events:
        if ev["status"] != "asserted":
            continue
        for item in expand(ev):
            predicted.setdefault(_item_key(ev["text"], item), (ev, item))
    matched_pred = 0
    found: dict[int, list[dict]] = {}
    unmatched: list[dict] = []
    for ev, (etype, a, r) in predicted.values():
        text = _norm(ev["text"])
        hit = False
        for n, gi in enumerate(gold_items):
            g = gi["gold"]
            if _norm(g["sentence"]) in text and etype in g["types"] and _fits(gi, etype, a, r):
                hit = True
                found.setdefault(n, []).append(ev)
        matched_pred += hit
        if not hit:
            unmatched.append({"event": etype, "actor": sorted(map(str, _codes(a))),
                              "recipient": sorted(map(str, _codes(r))), "text": ev["text"]})
    required = [n for n, gi in enumerate(gold_items) if gi["gold"].get("required")]
    recall_hits = [n for n in required if n in found]
    precision = matched_pred / len(predicted) if predicted else 0.0
    recall = len(recall_hits) / len(required) if required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # Dates and places, per required gold event found (not per pair).
    dates_total = dates_ok = places_total = places_ok = 0
    found_events: dict[str, list[dict]] = {}
    for n in recall_hits:
        found_events.setdefault(gold_items[n]["gold"]["id"], []).extend(found[n])
    gold_by_id = {g["id"]: g for g in gold.get("events", [])}
    for gid, evs in found_events.items():
        g = gold_by_id[gid]
        if "date" in g:
            dates_total += 1
            dates_ok += any(_in_range(e.get("date"), g["date"]) for e in evs)
        if "location" in g:
            places_total += 1
            places_ok += any((e.get("location") or {}).get("country") == g["location"]
                             for e in evs)
    forbidden = []
    for f in gold.get("forbidden", []):
        parties = set(f.get("parties", []))
        for ev in events:
            if ev["status"] != "asserted" or ev["event"] not in f["types"]:
                continue
            if _norm(f["sentence"]) not in _norm(ev["text"]):
                continue
            codes = [_codes(p) for p in ev["actor"] + ev["recipient"]]
            if sum(1 for c in codes if c & parties) >= 2 or (
                    len(codes) == 1 and codes[0] & parties):
                forbidden.append({"id": f["id"], "event": ev["event"], "text": ev["text"]})
    missed = sorted({gold_items[n]["gold"]["id"] for n in required if n not in found})
    return {
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "predicted_items": len(predicted), "matched_items": matched_pred,
        "required_items": len(required), "found_items": len(recall_hits),
        "dates_right": dates_ok, "dates_total": dates_total,
        "locations_right": places_ok, "locations_total": places_total,
        "forbidden_asserted": len(forbidden), "forbidden": forbidden,
        "missed": missed, "unmatched": unmatched,
    }


def load_gold(path: str | Path) -> tuple[dict, Path]:
    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read gold file {path}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"gold file {path} is not valid JSON: {exc}") from exc
    if not isinstance(gold, dict) or "document" not in gold or "events" not in gold:
        raise ValueError(f"gold file {path} needs 'document' and 'events'")
    doc_path = (path.parent / gold["document"]).resolve()
    if not doc_path.is_file():
        raise ValueError(f"gold document not found: {doc_path}")
    return gold, doc_path


def gold_hash(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def evaluate(path: str | Path, *, nlp=None) -> tuple[dict, list[dict]]:
    """Code the gold's article and score it: (scores, events)."""
    from blocs.documents import read_text_file
    from blocs.pipeline import _cached, process

    gold, doc_path = load_gold(path)
    documents = [d for d in read_text_file(doc_path, published=gold.get("published"))]
    docs = [d for d in documents if not hasattr(d, "error")]
    if not docs:
        raise ValueError(f"cannot read {doc_path}: {documents[0].error}")
    nlp = nlp or _cached(None, ())
    events: list[dict] = []
    for _, evs, error in process(nlp, docs):
        if error:
            raise ValueError(error)
        events.extend(evs or [])
    result = score(events, gold)
    result["gold"] = str(path)
    result["gold_hash"] = gold_hash(path)
    return result, events


def summary_line(result: dict) -> str:
    return (f"precision {result['precision']:.2f}  recall {result['recall']:.2f}  "
            f"F1 {result['f1']:.2f}  ({result['matched_items']}/{result['predicted_items']} "
            f"predicted, {result['found_items']}/{result['required_items']} required)  "
            f"dates {result['dates_right']}/{result['dates_total']}  "
            f"locations {result['locations_right']}/{result['locations_total']}  "
            f"forbidden asserted {result['forbidden_asserted']}")


# -- sentence sets -----------------------------------------------------------------------
def _gold_event_items(g: dict) -> list[dict]:
    if "parties" in g:
        return [{"a": {a}, "b": {b}, "ordered": False, "gold": g}
                for a, b in combinations(g["parties"], 2)]
    targets = g.get("target") or [None]
    sources = g.get("source") or [None]
    return [{"a": set(sources), "b": set(targets), "ordered": True, "gold": g}]


def score_sentences(lines: list[dict], predictions: dict[str, list[dict]]) -> dict:
    """Score a sentence gold set (JSONL: id, text, published, events[...]).

    type: a gold event is found when a predicted event in its sentence has its type (or an
    `also_ok` type); status: of those found, the share whose status matches; dyads: asserted
    items by DESIGN.md rules, per sentence; empty: sentences without events that stay empty.
    """
    type_total = type_ok = status_ok = mode_total = mode_ok = 0
    pred_items = pred_ok = gold_items = gold_found = 0
    empty_total = empty_ok = 0
    misses: list[str] = []
    unmatched: list[str] = []
    for line in lines:
        preds = predictions.get(line["id"], [])
        golds = line.get("events") or []
        if not golds:
            empty_total += 1
            empty_ok += not any(p["status"] == "asserted" for p in preds)
        for g in golds:
            type_total += 1
            types = {g["event"], *g.get("also_ok", [])}
            same = [p for p in preds if p["event"] in types]
            if not same:
                misses.append(f"{line['id']}: no {g['event']}")
                continue
            type_ok += 1
            status_ok += any(p["status"] == g["status"] for p in same)
            if g.get("mode"):
                mode_total += 1
                mode_ok += any(p.get("mode") == g["mode"] for p in same)
        asserted_gold = [(g, it) for g in golds if g["status"] == "asserted"
                         for it in _gold_event_items(g)]
        gold_items += len(asserted_gold)
        seen: set[tuple] = set()
        for p in preds:
            if p["status"] != "asserted":
                continue
            for etype, a, r in expand(p):
                key = _item_key(p["text"], (etype, a, r))
                if key in seen:
                    continue
                seen.add(key)
                pred_items += 1
                ok = any(etype in {g["event"], *g.get("also_ok", [])} and _fits(it, etype, a, r)
                         for g, it in asserted_gold)
                pred_ok += ok
                if not ok:
                    unmatched.append(f"{line['id']}: {etype} {sorted(map(str, _codes(a)))}"
                                     f"→{sorted(map(str, _codes(r)))}")
        for g, it in asserted_gold:
            found = any(p["status"] == "asserted" and p["event"] in {g["event"],
                        *g.get("also_ok", [])} and any(_fits(it, e, a, r)
                                                       for e, a, r in expand(p))
                        for p in preds)
            gold_found += found
            if not found:
                misses.append(f"{line['id']}: dyad {g['event']} {sorted(map(str, it['a']))}"
                              f"→{sorted(map(str, it['b']))}")
    p = pred_ok / pred_items if pred_items else 0.0
    r = gold_found / gold_items if gold_items else 0.0
    return {
        "sentences": len(lines), "events": type_total,
        "type_accuracy": round(type_ok / type_total, 4) if type_total else 0.0,
        "status_accuracy": round(status_ok / type_ok, 4) if type_ok else 0.0,
        "mode_accuracy": round(mode_ok / mode_total, 4) if mode_total else None,
        "dyad_precision": round(p, 4), "dyad_recall": round(r, 4),
        "dyad_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "empty_right": empty_ok, "empty_total": empty_total, "misses": misses,
        "unmatched": unmatched,
    }


def evaluate_sentences(path: str | Path, *, nlp=None) -> dict:
    """Code every sentence of a sentence gold set and score it."""
    from blocs.pipeline import _cached, process
    from blocs.types import Document

    lines = [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines()
             if x.strip()]
    docs = [Document(id=x["id"], text=x["text"], published=x.get("published")) for x in lines]
    nlp = nlp or _cached(None, ())
    preds: dict[str, list[dict]] = {}
    for document, evs, error in process(nlp, docs):
        if error:
            raise ValueError(f"{document.id}: {error}")
        preds[document.id] = evs or []
    result = score_sentences(lines, preds)
    result["gold"] = str(path)
    result["gold_hash"] = gold_hash(path)
    return result


def sentences_line(result: dict) -> str:
    mode = result["mode_accuracy"]
    return (f"type {result['type_accuracy']:.2f}  status {result['status_accuracy']:.2f}  "
            f"mode {'—' if mode is None else f'{mode:.2f}'}  "
            f"dyad P {result['dyad_precision']:.2f} R {result['dyad_recall']:.2f} "
            f"F1 {result['dyad_f1']:.2f}  no-event sentences kept empty "
            f"{result['empty_right']}/{result['empty_total']}  "
            f"({result['sentences']} sentences, {result['events']} events)")
