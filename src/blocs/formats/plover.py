"""PLOVER-style records: the field names and layout of the PLOVER manual's JSON (v0.8).

    blocs record                 PLOVER record
    id                           id
    date                         date (YYYY-MM-DD)
    actor [parties]              source [actor objects]
    recipient [parties]          recipient [actor objects]
      country / id / name /        code (ISO3, or IGO/NGO for an organisation without one),
      sector / text                identifier_id, identifier_text, sector, actor_text
                                   (+ start, end: grounding offsets)
    event                        event [one category]
    mode                         mode [zero or one mode]
    context + status             context [contexts, plus "negation", "hypothetical" or
                                 "future" for those statuses, as the manual's special
                                 contexts]
    location                     event_loc (geonames fields: geonameid, name, latitude,
                                 longitude, "country code" ISO2, cc3; + text, start, end)
    trigger                      event_text [trigger text] (+ event_text_info start, end)
    quad_class                   quad_code (1-4; CAMEO QuadClass of the event's code)
    plover_score                 event_scale
    text, text_info              text, text_info {sequence, start, end}
    document url/title/source    cite_info {citation: doc_id, url, title, publication,
                                 coder, codebook}

Fields PLOVER has no name for are kept under their blocs names, as the manual invites
("Providers should feel free to include named fields beyond those provided here"):
status, date_precision, time, cameo, goldstein, confidence, doc_id; other keys a record
carries (merged records' num_mentions, mentions…) go to `blocs`. `from_plover` reads a
record back to the blocs record it came from, exactly.
"""

from __future__ import annotations

from functools import lru_cache

from blocs import __version__

CODEBOOK = "PLOVER 0.8"
STATUS_CONTEXT = {"negated": "negation", "hypothetical": "hypothetical", "future": "future"}
CONTEXT_STATUS = {v: k for k, v in STATUS_CONTEXT.items()}
NONSTATE_CODES = ("IGO", "NGO", "ISM", "IMG", "MNC")
CORE = ("id", "doc_id", "event", "mode", "context", "status", "actor", "recipient", "date",
        "date_precision", "time", "location", "cameo", "quad_class", "goldstein",
        "plover_score", "trigger", "text", "text_info", "confidence")


@lru_cache(maxsize=512)
def _iso2(iso3: str | None) -> str | None:
    if not iso3:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    return country.alpha_2 if country else None


def _actor(p: dict) -> dict:
    code = p.get("country")
    if not code and p.get("sector") in ("IGO", "NGO"):
        code = p["sector"]
    return {"code": code, "sector": p.get("sector"), "actor_text": p.get("text"),
            "identifier_id": p.get("id"), "identifier_text": p.get("name"),
            "start": p.get("start"), "end": p.get("end")}


def _party(a: dict) -> dict:
    code = a.get("code")
    return {"text": a.get("actor_text"), "start": a.get("start"), "end": a.get("end"),
            "country": None if code in NONSTATE_CODES else code, "sector": a.get("sector"),
            "id": a.get("identifier_id"), "name": a.get("identifier_text")}


def to_plover(ev: dict, document: dict | None = None) -> dict:
    """A blocs event record as a PLOVER record; `document` adds url/title/source."""
    document = document or {}
    loc, trig = ev.get("location"), ev.get("trigger") or {}
    info = ev.get("text_info") or {}
    context = list(ev.get("context") or [])
    if ev.get("status") in STATUS_CONTEXT:
        context.append(STATUS_CONTEXT[ev["status"]])
    record = {
        "id": ev.get("id"),
        "date": ev.get("date"),
        "source": [_actor(p) for p in ev.get("actor") or []],
        "recipient": [_actor(p) for p in ev.get("recipient") or []],
        "event": [ev["event"]] if ev.get("event") else [],
        "mode": [ev["mode"]] if ev.get("mode") else [],
        "context": context,
        "event_loc": None if loc is None else {
            "geonameid": loc.get("geonameid"), "name": loc.get("name"),
            "latitude": loc.get("lat"), "longitude": loc.get("lon"),
            "country code": _iso2(loc.get("country")), "cc3": loc.get("country"),
            "text": loc.get("text"), "start": loc.get("start"), "end": loc.get("end")},
        "event_text": [trig["text"]] if trig.get("text") is not None else [],
        "event_text_info": {"start": trig.get("start"), "end": trig.get("end")},
        "quad_code": ev.get("quad_class"),
        "event_scale": ev.get("plover_score"),
        "text": ev.get("text"),
        "text_info": {"sequence": info.get("sentence"), "start": info.get("start"),
                      "end": info.get("end")},
        "cite_info": {"citation": ev.get("doc_id"), "url": document.get("url"),
                      "title": document.get("title"), "publication": document.get("source"),
                      "coder": f"blocs {__version__}", "codebook": CODEBOOK},
        "coder": f"blocs {__version__}",
        # blocs fields PLOVER has no name for
        "status": ev.get("status"), "date_precision": ev.get("date_precision"),
        "time": ev.get("time"), "cameo": ev.get("cameo"), "goldstein": ev.get("goldstein"),
        "confidence": ev.get("confidence"), "doc_id": ev.get("doc_id"),
    }
    extra = {k: v for k, v in ev.items() if k not in CORE}
    if extra:
        record["blocs"] = extra
    return record


def from_plover(record: dict) -> dict:
    """The blocs event record a PLOVER record (as `to_plover` writes it) came from."""
    loc, trig = record.get("event_loc"), record.get("event_text_info") or {}
    info = record.get("text_info") or {}
    context = [c for c in record.get("context") or [] if c not in CONTEXT_STATUS]
    status = record.get("status")
    if status is None:
        special = [CONTEXT_STATUS[c] for c in record.get("context") or []
                   if c in CONTEXT_STATUS]
        status = special[0] if special else "asserted"
    event_text = record.get("event_text") or []
    event = record.get("event") or [None]
    mode = record.get("mode") or [None]
    ev = {
        "id": record.get("id"),
        "doc_id": record.get("doc_id") or (record.get("cite_info") or {}).get("citation"),
        "event": event[0] if isinstance(event, list) else event,
        "mode": mode[0] if isinstance(mode, list) else mode,
        "context": context, "status": status,
        "actor": [_party(a) for a in record.get("source") or []],
        "recipient": [_party(a) for a in record.get("recipient") or []],
        "date": record.get("date"), "date_precision": record.get("date_precision"),
        "time": record.get("time"),
        "location": None if loc is None else {
            "text": loc.get("text"), "start": loc.get("start"), "end": loc.get("end"),
            "name": loc.get("name"), "country": loc.get("cc3"), "lat": loc.get("latitude"),
            "lon": loc.get("longitude"), "geonameid": loc.get("geonameid")},
        "cameo": record.get("cameo"), "quad_class": record.get("quad_code"),
        "goldstein": record.get("goldstein"), "plover_score": record.get("event_scale"),
        "trigger": {"text": event_text[0] if event_text else None, "start": trig.get("start"),
                    "end": trig.get("end")},
        "text": record.get("text"),
        "text_info": {"sentence": info.get("sequence"), "start": info.get("start"),
                      "end": info.get("end")},
        "confidence": record.get("confidence"),
    }
    ev.update(record.get("blocs") or {})
    return ev
