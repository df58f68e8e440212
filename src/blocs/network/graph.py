"""Dyads → one signed, weighted, undirected graph per time window.

An edge sums the dyads of a pair in the window: `pos` the cooperation (positive weights),
`neg` the conflict (magnitudes of negative weights), `net` = pos − neg, `count` the
dyads. Aggregation is one np.unique over (window, pair) keys, so a million dyads take a
fraction of a second.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import numpy as np

from blocs.network.dyads import Dyads, NetworkError

WINDOWS = ("all", "year", "quarter", "month")


def window_keys(day: np.ndarray, window: str) -> np.ndarray:
    """An int64 window number per dyad (-1: undated, outside every dated window)."""
    if window not in WINDOWS:
        raise NetworkError(f"unknown window {window!r}: choose from {', '.join(WINDOWS)}")
    if window == "all":
        return np.zeros(len(day), dtype=np.int64)
    undated = np.isnat(day)
    if window == "year":
        keys = day.astype("datetime64[Y]").astype(np.int64)
    else:
        keys = day.astype("datetime64[M]").astype(np.int64)
        if window == "quarter":
            keys = keys // 3
    keys[undated] = -1
    return keys


def window_span(key: int, window: str) -> tuple[str, dt.date | None, dt.date | None]:
    """(label, first day, last day) of a window number: "2018", "2018-Q3", "2018-09"."""
    if window == "all":
        return "all", None, None
    if window == "year":
        year = 1970 + key
        return str(year), dt.date(year, 1, 1), dt.date(year, 12, 31)
    months = key * 3 if window == "quarter" else key
    year, month = 1970 + months // 12, months % 12 + 1
    last_month = month + 2 if window == "quarter" else month
    end = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    label = f"{year}-Q{(month - 1) // 3 + 1}" if window == "quarter" else f"{year}-{month:02d}"
    return label, dt.date(year, month, 1), end


@dataclass
class SignedGraph:
    """One window's graph. u < v index `nodes` (all the data's nodes, shared by every
    window, so indices compare across windows)."""

    label: str
    start: dt.date | None
    end: dt.date | None
    nodes: list[str]
    u: np.ndarray
    v: np.ndarray
    pos: np.ndarray
    neg: np.ndarray
    count: np.ndarray

    @property
    def net(self) -> np.ndarray:
        return self.pos - self.neg

    def active(self) -> np.ndarray:
        """Indices of nodes with at least one edge in this window, ascending."""
        return np.unique(np.concatenate([self.u, self.v]))

    def edge(self, i: int, j: int) -> tuple[float, float, int]:
        """(cooperation, conflict, dyads) between nodes i and j."""
        lo, hi = min(i, j), max(i, j)
        hit = np.flatnonzero((self.u == lo) & (self.v == hi))
        if not len(hit):
            return 0.0, 0.0, 0
        k = hit[0]
        return float(self.pos[k]), float(self.neg[k]), int(self.count[k])

    def period(self) -> str:
        if self.start is None and self.end is None:
            return "all dates"
        if self.end is None:
            return f"from {self.start.isoformat()}"
        if self.start is None:
            return f"until {self.end.isoformat()}"
        return f"{self.start.isoformat()} … {self.end.isoformat()}"


def build_graphs(dyads: Dyads, *, window: str = "all", since: str | None = None,
                 until: str | None = None, fill: bool = False) -> list[SignedGraph]:
    """Graphs per window in time order (one graph for window "all"; with a dated window,
    undated dyads are left out, and so are windows without dyads unless `fill` asks for
    the empty windows between the first and the last, as a time series wants)."""
    dyads = dyads.between(since, until)
    keys = window_keys(dyads.day, window)
    keep = keys >= 0
    n = max(len(dyads.nodes), 1)
    lo = np.minimum(dyads.a, dyads.b)[keep].astype(np.int64)
    hi = np.maximum(dyads.a, dyads.b)[keep].astype(np.int64)
    w = dyads.weight[keep]
    combined = (keys[keep] * n + lo) * n + hi
    uniq, inverse = np.unique(combined, return_inverse=True)
    pos = np.bincount(inverse, weights=np.clip(w, 0, None), minlength=len(uniq))
    neg = np.bincount(inverse, weights=np.clip(-w, 0, None), minlength=len(uniq))
    count = np.bincount(inverse, minlength=len(uniq))
    win, rest = np.divmod(uniq, n * n)
    eu, ev = np.divmod(rest, n)
    graphs = []
    bounds = np.flatnonzero(np.diff(win)) + 1
    parts = {int(win[p[0]]) if len(p) else 0: p
             for p in np.split(np.arange(len(uniq)), bounds) if len(p) or window == "all"}
    keys_wanted = sorted(parts)
    if fill and window != "all" and parts:
        keys_wanted = list(range(min(parts), max(parts) + 1))
    empty = np.arange(0)
    for key in keys_wanted:
        part = parts.get(key, empty)
        label, start, end = window_span(key, window)
        if since:  # the window as asked: clipped, or bounded when it is "all"
            first = dt.date.fromisoformat(since[:10])
            start = max(start, first) if start else first
        if until:
            last = dt.date.fromisoformat(until[:10])
            end = min(end, last) if end else last
        graphs.append(SignedGraph(label, start, end, dyads.nodes, eu[part].astype(np.int32),
                                  ev[part].astype(np.int32), pos[part], neg[part],
                                  count[part]))
    return graphs


def merge_graphs(graphs: list[SignedGraph], *, label: str = "all") -> SignedGraph:
    """The sum of several windows' graphs (same nodes) as one graph."""
    if not graphs:
        raise NetworkError("no graphs to merge")
    n = max(len(graphs[0].nodes), 1)
    keys = np.concatenate([g.u.astype(np.int64) * n + g.v for g in graphs])
    uniq, inverse = np.unique(keys, return_inverse=True)

    def total(attr: str) -> np.ndarray:
        values = np.concatenate([getattr(g, attr) for g in graphs])
        return np.bincount(inverse, weights=values, minlength=len(uniq))

    starts = [g.start for g in graphs if g.start]
    ends = [g.end for g in graphs if g.end]
    eu, ev = np.divmod(uniq, n)
    return SignedGraph(label, min(starts) if starts else None, max(ends) if ends else None,
                       graphs[0].nodes, eu.astype(np.int32), ev.astype(np.int32),
                       total("pos"), total("neg"), total("count").astype(np.int64))


__all__ = ["WINDOWS", "SignedGraph", "build_graphs", "merge_graphs", "window_keys",
           "window_span"]
