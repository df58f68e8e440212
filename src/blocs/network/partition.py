"""Blocs of one window (members, cohesion, strongest ties) and labels that follow them
through time.

A bloc's label is its most central member (largest cooperation with the other members)
when it first appears; in later windows a bloc takes over the label of the earlier bloc it
shares most members with (Jaccard ≥ MIN_OVERLAP, matched one to one, best overlap first),
so "RUS" stays the name of the Russian-led bloc even when Iran is its centre for a year.
Actors alone in their bloc are "unaligned" and never give or take a label.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from blocs.network.communities import signed_louvain
from blocs.network.graph import SignedGraph

MIN_OVERLAP = 0.3
TOP_TIES = 3


@dataclass
class Tie:
    a: str
    b: str
    cooperation: float
    conflict: float
    dyads: int

    @property
    def net(self) -> float:
        return self.cooperation - self.conflict

    def as_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "cooperation": round(self.cooperation, 3),
                "conflict": round(self.conflict, 3), "net": round(self.net, 3),
                "dyads": self.dyads}


@dataclass
class Bloc:
    """members: most central first; centrality: cooperation with fellow members."""

    label: str
    members: list[str]
    centrality: list[float]
    cohesion: float | None  # (cooperation − conflict) / (both) inside; None for one actor
    inside: tuple[float, float]  # (cooperation, conflict) among members
    across: tuple[float, float]  # (cooperation, conflict) with everyone else
    ties_inside: list[Tie] = field(default_factory=list)
    ties_across: list[Tie] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"bloc": self.label, "size": len(self.members), "members": self.members,
                "centrality": [round(c, 3) for c in self.centrality],
                "cohesion": None if self.cohesion is None else round(self.cohesion, 3),
                "inside": {"cooperation": round(self.inside[0], 3),
                           "conflict": round(self.inside[1], 3)},
                "across": {"cooperation": round(self.across[0], 3),
                           "conflict": round(self.across[1], 3)},
                "ties_inside": [t.as_dict() for t in self.ties_inside],
                "ties_across": [t.as_dict() for t in self.ties_across]}


@dataclass
class WindowBlocs:
    graph: SignedGraph
    blocs: list[Bloc]  # largest first; singletons ("unaligned") last
    modularity: float
    frustration: float  # share of weight against the partition: conflict in, cooperation out

    def bloc_of(self, actor: str) -> Bloc | None:
        return next((b for b in self.blocs if actor in b.members), None)

    def summary(self) -> dict:
        g = self.graph
        return {"window": g.label, "start": g.start.isoformat() if g.start else None,
                "end": g.end.isoformat() if g.end else None, "actors": len(g.active()),
                "ties": len(g.u), "blocs": sum(len(b.members) > 1 for b in self.blocs),
                "modularity": round(self.modularity, 4),
                "frustration": round(self.frustration, 4)}


def find_blocs(graph: SignedGraph, *, resolution: float = 1.0,
               restarts: int = 4) -> WindowBlocs:
    """Partition one window's active actors into blocs (signed Louvain, see communities)."""
    active = graph.active()
    local = np.full(len(graph.nodes), -1, dtype=np.int64)
    local[active] = np.arange(len(active))
    lu, lv = local[graph.u], local[graph.v]
    membership, q = signed_louvain(len(active), lu, lv, graph.pos, graph.neg,
                                   resolution=resolution, restarts=restarts)
    same = membership[lu] == membership[lv] if len(lu) else np.zeros(0, dtype=bool)
    total = graph.pos.sum() + graph.neg.sum()
    frustration = float((graph.neg[same].sum() + graph.pos[~same].sum()) / total) if (
        total > 0) else 0.0
    blocs = _describe(graph, active, membership, lu, lv, same)
    blocs.sort(key=lambda b: (len(b.members) == 1, -len(b.members), b.members[0]))
    return WindowBlocs(graph, blocs, q, frustration)


def _describe(graph, active, membership, lu, lv, same) -> list[Bloc]:
    """Every bloc's members, totals and top ties, with one pass of sums over the edges (a
    loop over blocs with a pass each would be quadratic in windows with many loners)."""
    nodes, n = graph.nodes, len(membership)
    k = int(membership.max()) + 1 if n else 0
    mu, mv = membership[lu], membership[lv]
    pos, neg, net = graph.pos, graph.neg, graph.pos - graph.neg
    # centrality: a member's cooperation with fellow members (then all its weight, name)
    cent = np.bincount(lu[same], pos[same], n) + np.bincount(lv[same], pos[same], n)
    strength = np.bincount(lu, pos + neg, n) + np.bincount(lv, pos + neg, n)
    pin, nin = np.bincount(mu[same], pos[same], k), np.bincount(mu[same], neg[same], k)
    cross = ~same
    pout = np.bincount(mu[cross], pos[cross], k) + np.bincount(mv[cross], pos[cross], k)
    nout = np.bincount(mu[cross], neg[cross], k) + np.bincount(mv[cross], neg[cross], k)
    # top ties per bloc: inside edges by net, across edges (listed under both blocs) by |net|
    inside = np.flatnonzero(same)
    inside = inside[np.lexsort((inside, -net[inside], mu[inside]))]
    across = np.flatnonzero(cross)
    across_bloc = np.concatenate([mu[across], mv[across]])
    across = np.concatenate([across, across])
    order = np.lexsort((across, -np.abs(net[across]), across_bloc))
    across, across_bloc = across[order], across_bloc[order]

    def top(edges: np.ndarray, blocs_of: np.ndarray, c: int) -> list[Tie]:
        lo, hi = np.searchsorted(blocs_of, c), np.searchsorted(blocs_of, c, side="right")
        out = []
        for e in edges[lo:min(hi, lo + TOP_TIES)]:
            a, b = nodes[graph.u[e]], nodes[graph.v[e]]
            if membership[lv[e]] == c and membership[lu[e]] != c:
                a, b = b, a  # the member first
            out.append(Tie(a, b, float(pos[e]), float(neg[e]), int(graph.count[e])))
        return out

    by_bloc = np.argsort(membership, kind="stable")
    bounds = np.searchsorted(membership[by_bloc], np.arange(k + 1))
    out = []
    for c in range(k):
        members = by_bloc[bounds[c]:bounds[c + 1]]
        names = [nodes[active[m]] for m in members]
        order = sorted(range(len(members)),
                       key=lambda i: (-cent[members[i]], -strength[members[i]], names[i]))
        p_in, n_in = float(pin[c]), float(nin[c])
        out.append(Bloc(label=names[order[0]], members=[names[i] for i in order],
                        centrality=[float(cent[members[i]]) for i in order],
                        cohesion=(p_in - n_in) / (p_in + n_in) if p_in + n_in > 0 else None,
                        inside=(p_in, n_in), across=(float(pout[c]), float(nout[c])),
                        ties_inside=top(inside, mu[inside], c),
                        ties_across=top(across, across_bloc, c)))
    return out


def track_labels(windows: list[WindowBlocs], *, min_overlap: float = MIN_OVERLAP) -> None:
    """Give blocs (2+ members) labels that persist across windows, in place (see above)."""
    known: dict[str, set[str]] = {}  # label → members when last seen
    last_seen: dict[str, int] = {}
    for t, wb in enumerate(windows):
        groups = [b for b in wb.blocs if len(b.members) > 1]
        pairs = []
        for i, b in enumerate(groups):
            members = set(b.members)
            for label, old in known.items():
                jac = len(members & old) / len(members | old)
                if jac >= min_overlap:
                    pairs.append((-jac, -last_seen[label], label, i))
        pairs.sort()
        taken_labels: set[str] = set()
        named: dict[int, str] = {}
        for _, _, label, i in pairs:
            if label not in taken_labels and i not in named:
                named[i] = label
                taken_labels.add(label)
        for i, b in enumerate(groups):
            if i not in named:
                named[i] = _new_label(b, set(known) | taken_labels)
                taken_labels.add(named[i])
            b.label = named[i]
            known[b.label] = set(b.members)
            last_seen[b.label] = t


def _new_label(bloc: Bloc, used: set[str]) -> str:
    for member in bloc.members:  # most central first
        if member not in used:
            return member
    k = 2
    while f"{bloc.members[0]}-{k}" in used:
        k += 1
    return f"{bloc.members[0]}-{k}"


def blocs_over_time(graphs: list[SignedGraph], *, resolution: float = 1.0,
                    restarts: int = 4) -> list[WindowBlocs]:
    """find_blocs for each window, then labels tracked across them."""
    windows = [find_blocs(g, resolution=resolution, restarts=restarts) for g in graphs]
    track_labels(windows)
    return windows


__all__ = ["Bloc", "Tie", "WindowBlocs", "find_blocs", "track_labels", "blocs_over_time"]
