"""Cross-document event merging: many reports of one real-world event → one event.

Two event records are reports of the same event when they have the same type and status,
the same parties (as a set for meetings, cooperation and agreements, where "X met Y" and
"X and Y met" say the same; actors and recipients apart otherwise), dates whose intervals
overlap (give or take `slack_days`) and compatible places (same country, or one unknown).
The same rule merges repeated mentions inside one document.

The merged record is its best-dated report's record (most precise date, then earliest
publication, then input order), so its date, time, text and offsets all come from one
report, plus GDELT-style counts and every mention's grounding:

    num_mentions  reports merged (GDELT NumMentions)
    num_sources   distinct sources (document `source`, else its url's host, else the
                  document: a source we cannot name counts once per document)
    num_articles  distinct documents (GDELT NumArticles)
    first_report  the earliest article: {doc_id, event_id, published, source, url}
    mentions      one entry per report, earliest first: ids, source, date, sentence,
                  offsets

Clustering is a sweep, not all pairs: each (type, status, parties) block is processed
from its most precise dates to its vaguest, and a report joins the cluster whose anchor
(its first, most precise report) overlaps it — so one vague "in 2015" mention cannot chain
distinct meetings together.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from urllib.parse import urlparse

from blocs.evaluate import SYMMETRIC

# A date that is only the publication date: the event happened on it or in the days before.
PUBLICATION_LOOKBACK_DAYS = 7
MENTION_KEYS = ("doc_id", "status", "date", "date_precision", "text", "text_info", "trigger",
                "actor", "recipient", "time", "location", "confidence")


def _party(p: dict) -> str:
    return p.get("id") or p.get("country") or f"?{p.get('sector')}"


def merge_key(event: dict) -> tuple:
    """Events that may be one real-world event share this key (dates and places aside)."""
    actors = frozenset(_party(p) for p in event.get("actor") or [])
    recipients = frozenset(_party(p) for p in event.get("recipient") or [])
    if event.get("event") in SYMMETRIC or not recipients:
        return (event.get("event"), event.get("status"), actors | recipients)
    return (event.get("event"), event.get("status"), actors, recipients)


def date_interval(event: dict) -> tuple[int, int] | None:
    """First and last day (ordinals) an event's date may mean, from its precision."""
    value = event.get("date")
    if not value:
        return None
    try:
        start = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
    precision = (event.get("date_precision") or "day").split(":")[0] or "day"
    lo = start.toordinal()
    if precision == "publication":
        return lo - PUBLICATION_LOOKBACK_DAYS, lo
    if precision == "week":
        return lo, lo + 6
    if precision == "month":
        return lo, dt.date(start.year, start.month,
                           calendar.monthrange(start.year, start.month)[1]).toordinal()
    if precision == "season":
        return lo, lo + 91
    if precision == "year":
        return lo, dt.date(start.year, 12, 31).toordinal()
    if precision == "decade":
        return lo, lo + 3652
    return lo, lo


def places_compatible(x: dict | None, y: dict | None) -> bool:
    """Same country (Baghdad and Iraq agree), or one side has no place."""
    if not x or not y:
        return True
    if x.get("country") and y.get("country"):
        return x["country"] == y["country"]
    return (x.get("name") or "").lower() == (y.get("name") or "").lower()


def source_of(doc_id: str, documents: dict[str, dict]) -> str:
    meta = documents.get(doc_id) or {}
    if meta.get("source"):
        return str(meta["source"])
    if meta.get("url"):
        host = urlparse(str(meta["url"])).netloc.lower()
        if host:
            return host.removeprefix("www.")
    return f"doc:{doc_id}"


class _Cluster:
    __slots__ = ("lo", "hi", "location", "members")

    def __init__(self, lo: int, hi: int, location: dict | None, first: int) -> None:
        self.lo, self.hi, self.location, self.members = lo, hi, location, [first]


def _cluster_block(events: Sequence[dict], intervals: list, items: list[int],
                   slack: int) -> list[list[int]]:
    dated = [(intervals[i], i) for i in items]
    undated = [i for iv, i in dated if iv is None]
    dated = sorted(((iv, i) for iv, i in dated if iv is not None),
                   key=lambda x: (x[0][1] - x[0][0], x[0][0], x[1]))
    clusters: list[_Cluster] = []
    starts: list[tuple[int, int]] = []  # (anchor lo, cluster no), sorted
    widest = 0
    for (lo, hi), i in dated:
        loc = events[i].get("location")
        first = bisect.bisect_left(starts, (lo - slack - widest, -1))
        last = bisect.bisect_right(starts, (hi + slack, len(clusters)))
        best, best_gap = None, None
        for _, c in starts[first:last]:
            cl = clusters[c]
            if cl.hi + slack < lo or not places_compatible(cl.location, loc):
                continue
            gap = abs((cl.lo + cl.hi) - (lo + hi))  # distance of centres, doubled
            if best_gap is None or gap < best_gap:
                best, best_gap = cl, gap
        if best is None:
            bisect.insort(starts, (lo, len(clusters)))
            clusters.append(_Cluster(lo, hi, loc, i))
            widest = max(widest, hi - lo)
        else:
            best.members.append(i)
            best.location = best.location or loc
    groups = [c.members for c in clusters]
    # Undated reports cannot be placed in time: they merge only inside their document.
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i in undated:
        by_doc[events[i].get("doc_id") or ""].append(i)
    return groups + list(by_doc.values())


def _published_key(doc_id: str, documents: dict[str, dict]) -> str:
    return str((documents.get(doc_id) or {}).get("published") or "9999")[:10]


def _mention(ev: dict, source: str, meta: dict) -> dict:
    out = {"event_id": ev.get("id")}
    for key in MENTION_KEYS:
        out[key] = ev.get(key)
    out["source"], out["published"], out["url"] = source, meta.get("published"), meta.get("url")
    return out


def _merged(events: Sequence[dict], intervals: list, members: list[int],
            documents: dict[str, dict]) -> dict:
    def published(i: int) -> str:
        return _published_key(events[i].get("doc_id") or "", documents)

    def width(i: int) -> int:
        iv = intervals[i]
        return iv[1] - iv[0] if iv else 1 << 30

    order = sorted(members, key=lambda i: (published(i), i)) if len(members) > 1 else members
    best = events[min(members, key=lambda i: (width(i), published(i), i))] if len(
        members) > 1 else events[members[0]]
    mentions = []
    for i in order:
        doc_id = events[i].get("doc_id") or ""
        mentions.append(_mention(events[i], source_of(doc_id, documents),
                                 documents.get(doc_id) or {}))
    first = mentions[0]
    record = dict(best)
    record.pop("first_report", None)
    record.update(num_mentions=len(mentions),
                  num_sources=len({m["source"] for m in mentions}),
                  num_articles=len({m["doc_id"] for m in mentions}),
                  first_report={"doc_id": first["doc_id"], "event_id": first["event_id"],
                                "published": first["published"], "source": first["source"],
                                "url": first["url"]},
                  mentions=mentions)
    return record


def merge_events(events: Sequence[dict], *, documents: dict[str, dict] | None = None,
                 slack_days: int = 1) -> list[dict]:
    """Merged event records (see the module notes), ordered by date then first report.

    documents: doc_id → {"published", "source", "url"} (what `load_events` returns); it
    decides the first report and the sources. slack_days: how far apart two reports' date
    intervals may be and still be one event (a day absorbs "on Saturday" against "late on
    Friday" across time zones).
    """
    documents = documents or {}
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, ev in enumerate(events):
        blocks[merge_key(ev)].append(i)
    intervals = [date_interval(ev) for ev in events]
    merged = []
    for items in blocks.values():
        for members in _cluster_block(events, intervals, items, slack_days):
            merged.append((min(members), _merged(events, intervals, members, documents)))
    merged.sort(key=lambda x: (x[1].get("date") or "9999", x[0]))
    return [m for _, m in merged]


__all__ = ["merge_events", "merge_key", "date_interval", "places_compatible", "source_of",
           "PUBLICATION_LOOKBACK_DAYS"]
