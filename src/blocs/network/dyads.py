"""Event records → dyads: one (actor, recipient) pair per event, at a chosen actor level.

    dyads = to_dyads(events, level="country", weight="plover")
    dyads.nodes[dyads.a[0]], dyads.nodes[dyads.b[0]], dyads.weight[0], dyads.day[0]

Columns are numpy arrays so that windows, graphs and blocs aggregate a million dyads
without a Python loop over them; `event` points back at the record for evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

LEVELS = ("country", "sector", "id")
WEIGHTS = ("plover", "goldstein")
STATUSES = ("asserted", "negated", "hypothetical", "future", "alleged")


class NetworkError(ValueError):
    """Bad input to the network layer, said in one line (the CLI prints it as Error: …)."""


def parse_statuses(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """'asserted' (default), 'asserted,alleged' or 'all' → a tuple of statuses."""
    if value is None:
        return ("asserted",)
    items = value.split(",") if isinstance(value, str) else list(value)
    items = [s.strip().lower() for s in items if s.strip()]
    if items == ["all"]:
        return STATUSES
    bad = [s for s in items if s not in STATUSES]
    if bad or not items:
        raise NetworkError(f"unknown status {', '.join(bad) or '(none)'}: choose from "
                           f"{', '.join(STATUSES)} or all")
    return tuple(items)


def node_key(party: dict, level: str = "country") -> str | None:
    """The node a party counts as, or None when it names no one we can place.

    country: the ISO3 code, else the organisation id (NATO, UN); sector: CAMEO-style
    country + sector ("RUSMIL"); id: the actor id. People named only by role with no
    country ("rebels" → id REB) are skipped: they are not one actor across documents.
    """
    country, sector, pid = party.get("country"), party.get("sector"), party.get("id")
    if not country and (not pid or pid == sector):
        return None
    if level == "country":
        return country or pid
    if level == "sector":
        return f"{country}{sector or ''}" if country else pid
    if level == "id":
        return pid or country
    raise NetworkError(f"unknown level {level!r}: choose from {', '.join(LEVELS)}")


def event_weight(event: dict, weight: str = "plover") -> float:
    """Signed weight of an event: its PLOVER score (−10…+10) or its Goldstein value."""
    from blocs.events import ontology

    if weight == "plover":
        value = event.get("plover_score")
        if value is None and event.get("event"):
            value = ontology.plover_score(event["event"])
    elif weight == "goldstein":
        value = event.get("goldstein")
        if value is None and event.get("cameo"):
            value = ontology.cameo_info(str(event["cameo"]))["goldstein"]
    else:
        raise NetworkError(f"unknown weight {weight!r}: choose from {', '.join(WEIGHTS)}")
    return float(value or 0.0)


def party_pairs(event: dict) -> list[tuple[dict, dict]]:
    """The (actor, recipient) party pairs of an event, as `blocs eval` expands it:
    actors × recipients, plus actor pairs for meetings, cooperation and agreements
    ("X, Y and Z met") or when there is no recipient."""
    from blocs.evaluate import expand

    return [(a, r) for _, a, r in expand(event) if a is not None and r is not None]


@dataclass
class Dyads:
    """Columnar dyads. a/b index `nodes`; weight is signed (> 0 cooperation, < 0 conflict);
    day is datetime64[D] (NaT when undated); event indexes `events` (-1: none)."""

    nodes: list[str]
    a: np.ndarray
    b: np.ndarray
    weight: np.ndarray
    day: np.ndarray
    event: np.ndarray
    events: list[dict] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    level: str = "country"
    weighting: str = "plover"

    def __len__(self) -> int:
        return len(self.a)

    def index(self, label: str) -> int:
        """Node index of a label (case-insensitive); NetworkError when it has no dyads."""
        lookup = {n.upper(): i for i, n in enumerate(self.nodes)}
        try:
            return lookup[label.upper()]
        except KeyError:
            raise NetworkError(f"no dyads for actor {label!r} at level {self.level} "
                               f"({len(self.nodes)} actors in the data)") from None

    def select(self, mask: np.ndarray) -> Dyads:
        return Dyads(self.nodes, self.a[mask], self.b[mask], self.weight[mask], self.day[mask],
                     self.event[mask], self.events, self.names, self.level, self.weighting)

    def between(self, since: str | None = None, until: str | None = None) -> Dyads:
        """Dyads dated in [since, until] (inclusive); undated ones drop out when either is
        given, as `blocs events --since` does."""
        if not since and not until:
            return self
        mask = ~np.isnat(self.day)
        if since:
            mask &= self.day >= np.datetime64(_iso(since), "D")
        if until:
            mask &= self.day <= np.datetime64(_iso(until), "D")
        return self.select(mask)


def _iso(value: str) -> str:
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise NetworkError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def to_dyads(events: Sequence[dict], *, level: str = "country", weight: str = "plover",
             statuses: Iterable[str] = ("asserted",)) -> Dyads:
    """Dyads of the events whose status is in `statuses` (asserted only by default).

    One event gives each unordered pair of nodes once, so "Russian and Iranian officers
    met" counts once between RUS and IRN even when several mentions of the same country
    are parties; pairs of a node with itself (RUS GOV meets RUS MIL at country level) are
    left out.
    """
    if level not in LEVELS:
        raise NetworkError(f"unknown level {level!r}: choose from {', '.join(LEVELS)}")
    if weight not in WEIGHTS:
        raise NetworkError(f"unknown weight {weight!r}: choose from {', '.join(WEIGHTS)}")
    keep = set(statuses)
    index: dict[str, int] = {}
    names: dict[str, str] = {}
    a: list[int] = []
    b: list[int] = []
    w: list[float] = []
    days: list[str | None] = []
    ev_idx: list[int] = []

    def node(party: dict) -> int | None:
        key = node_key(party, level)
        if key is None:
            return None
        if key not in index:
            index[key] = len(index)
            name = party.get("name") or key
            names[key] = f"{name} {party['sector']}" if level == "sector" and party.get(
                "country") and party.get("sector") else name
        return index[key]

    for i, ev in enumerate(events):
        if ev.get("status", "asserted") not in keep:
            continue
        seen: set[tuple[int, int]] = set()
        score = None
        for p, q in party_pairs(ev):
            x, y = node(p), node(q)
            if x is None or y is None or x == y or (min(x, y), max(x, y)) in seen:
                continue
            seen.add((min(x, y), max(x, y)))
            if score is None:
                score = event_weight(ev, weight)
            a.append(x)
            b.append(y)
            w.append(score)
            days.append((ev.get("date") or None) and str(ev["date"])[:10])
            ev_idx.append(i)
    return Dyads(nodes=list(index), a=np.asarray(a, dtype=np.int32),
                 b=np.asarray(b, dtype=np.int32), weight=np.asarray(w, dtype=np.float64),
                 day=np.asarray(days, dtype="datetime64[D]"),
                 event=np.asarray(ev_idx, dtype=np.int32), events=list(events), names=names,
                 level=level, weighting=weight)


__all__ = ["Dyads", "NetworkError", "LEVELS", "WEIGHTS", "STATUSES", "node_key",
           "event_weight", "party_pairs", "parse_statuses", "to_dyads"]
