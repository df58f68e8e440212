"""A deterministic circular-by-bloc layout: each bloc is a ring of its members (most
central at the top), the blocs' rings stand on one large circle, and unaligned actors
form one more ring. The same data always gives the same picture, in the explorer and in
the report alike."""

from __future__ import annotations

import math

SPACING = 88.0  # px between neighbours on a ring
GAP = 110.0  # px between rings
MARGIN = 60.0  # px around the drawing (labels)


def _ring(n: int) -> float:
    return 0.0 if n <= 1 else max(80.0, n * SPACING / (2 * math.pi))


def layout(nodes: list[dict], blocs: list[list[str]]) -> tuple[int, int]:
    """Set x, y on each node (dicts with "id"); blocs: members, most central first.
    Returns (width, height) of the drawing."""
    if not nodes:
        return 400, 200
    shown = {n["id"]: n for n in nodes}
    groups, placed = [], set()
    for members in blocs:
        group = [m for m in members if m in shown and m not in placed]
        placed.update(group)
        if group:
            groups.append(group)
    rest = [n["id"] for n in sorted(nodes, key=lambda n: (-(n["cooperation"] + n["conflict"]),
                                                          n["id"])) if n["id"] not in placed]
    if rest:
        groups.append(rest)
    radii = [_ring(len(g)) for g in groups]
    if len(groups) == 1:
        centres = [(0.0, 0.0)]
    else:
        arcs = [2 * r + GAP + (SPACING if r == 0 else 0) for r in radii]
        big = max(sum(arcs) / (2 * math.pi), max(radii) + GAP)
        centres, angle = [], -math.pi / 2
        for arc in arcs:
            share = arc / sum(arcs) * 2 * math.pi
            centres.append((big * math.cos(angle + share / 2), big * math.sin(angle + share / 2)))
            angle += share
    for group, r, (cx, cy) in zip(groups, radii, centres, strict=True):
        for k, node_id in enumerate(group):
            a = -math.pi / 2 + 2 * math.pi * k / len(group)
            shown[node_id]["x"], shown[node_id]["y"] = cx + r * math.cos(a), cy + r * math.sin(a)
    xs = [n["x"] for n in nodes]
    ys = [n["y"] for n in nodes]
    for n in nodes:
        n["x"] = round(n["x"] - min(xs) + MARGIN, 1)
        n["y"] = round(n["y"] - min(ys) + MARGIN, 1)
    return (int(max(xs) - min(xs) + 2 * MARGIN) or 200,
            int(max(ys) - min(ys) + 2 * MARGIN) or 200)


__all__ = ["layout"]
