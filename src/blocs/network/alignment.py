"""Alignment of two actors in a window, in [-1, 1], and the dyad time series.

From direct dyads and from third parties:

    stance(i, k) = (cooperation − conflict) / (cooperation + conflict)   in [-1, 1]
    direct       = stance(a, b), with volume V_d = cooperation + conflict between a and b
    indirect     = cosine of a's and b's stance vectors over third parties k: shared
                   partners and shared adversaries count for, opposite stances against
                   (0 when either has no other tie), with volume V_i = Σ_k √(vol_ak vol_bk)
    alignment    = (2 V_d direct + V_i indirect) / (2 V_d + V_i)   (0 without evidence)

A weighted mean of two numbers in [-1, 1] stays in [-1, 1]; what the pair did to each
other counts double what their dealings with others suggest.
"""

from __future__ import annotations

import numpy as np

from blocs.network.graph import SignedGraph

DIRECT_WEIGHT = 2.0


def _row(graph: SignedGraph, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(neighbour, stance, volume) of node i, neighbours ascending."""
    hit = (graph.u == i) | (graph.v == i)
    other = np.where(graph.u[hit] == i, graph.v[hit], graph.u[hit])
    vol = graph.pos[hit] + graph.neg[hit]
    stance = np.divide(graph.pos[hit] - graph.neg[hit], vol, out=np.zeros(len(vol)),
                       where=vol > 0)
    order = np.argsort(other)
    return other[order], stance[order], vol[order]


def alignment(graph: SignedGraph, a: int, b: int) -> dict:
    """Cooperation, conflict, net, dyads, direct, indirect and alignment of nodes a, b."""
    coop, conflict, dyads = graph.edge(a, b)
    oa, sa, va = _row(graph, a)
    ob, sb, vb = _row(graph, b)
    vol_d = coop + conflict
    direct = (coop - conflict) / vol_d if vol_d > 0 else 0.0
    shared, ia, ib = np.intersect1d(oa, ob, return_indices=True)
    keep = (shared != a) & (shared != b)
    ia, ib = ia[keep], ib[keep]
    na = float((sa[oa != b] ** 2).sum())
    nb = float((sb[ob != a] ** 2).sum())
    dot = float((sa[ia] * sb[ib]).sum())
    indirect = dot / np.sqrt(na * nb) if na > 0 and nb > 0 else 0.0
    vol_i = float(np.sqrt(va[ia] * vb[ib]).sum())
    return {"cooperation": coop, "conflict": conflict, "net": coop - conflict,
            "dyads": dyads, "direct": direct, "indirect": float(indirect),
            "alignment": _combine(vol_d, direct, vol_i, indirect)}


def _combine(vol_d, direct, vol_i, indirect):
    """The weighted mean of direct and indirect (scalars or arrays); 0 without volume."""
    num = np.asarray(DIRECT_WEIGHT * vol_d * direct + vol_i * indirect, dtype=float)
    den = np.asarray(DIRECT_WEIGHT * vol_d + vol_i, dtype=float)
    out = np.divide(num, den, out=np.zeros_like(den), where=den > 0)
    return out if out.ndim else float(out)


def alignment_matrix(graph: SignedGraph) -> tuple[np.ndarray, np.ndarray]:
    """(active node indices, alignment of every pair of them) — dense, for windows of up
    to a few thousand actors; `alignment` gives one pair at any size."""
    active = graph.active()
    n = len(active)
    local = np.full(len(graph.nodes), -1, dtype=np.int64)
    local[active] = np.arange(n)
    lu, lv = local[graph.u], local[graph.v]
    vol = np.zeros((n, n))
    net = np.zeros((n, n))
    vol[lu, lv] = vol[lv, lu] = graph.pos + graph.neg
    net[lu, lv] = net[lv, lu] = graph.pos - graph.neg
    stance = np.divide(net, vol, out=np.zeros_like(net), where=vol > 0)
    root = np.sqrt(vol)
    dot = stance @ stance.T  # k = a or b adds 0: a node has no tie with itself
    sq = (stance ** 2).sum(1)
    norms = (sq[:, None] - stance ** 2) * (sq[None, :] - stance ** 2)
    indirect = np.divide(dot, np.sqrt(np.clip(norms, 0, None)), out=np.zeros_like(dot),
                         where=norms > 1e-18)
    out = _combine(vol, stance, root @ root.T, indirect)
    np.fill_diagonal(out, 1.0)
    return active, np.clip(out, -1.0, 1.0)


def dyad_series(graphs: list[SignedGraph], a: int, b: int) -> list[dict]:
    """One row per window: window, start, end, cooperation, conflict, net, dyads, direct,
    indirect, alignment."""
    rows = []
    for g in graphs:
        row = alignment(g, a, b)
        rows.append({"window": g.label, "start": g.start.isoformat() if g.start else None,
                     "end": g.end.isoformat() if g.end else None,
                     **{k: (round(v, 4) if isinstance(v, float) else v)
                        for k, v in row.items()}})
    return rows


__all__ = ["alignment", "alignment_matrix", "dyad_series", "DIRECT_WEIGHT"]
