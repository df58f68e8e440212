"""Generated dyads with planted blocs and noise, for tests and benchmarks.

The signed planted-partition benchmark of Yang, Cheung & Liu (2007): actors are dealt
round-robin into blocs; each actor has on average `degree` ties, a share `inside` of them
with members of its own bloc (allies deal with each other more than with others); a tie
inside a bloc is cooperation and one across blocs conflict, except a share `noise` of all
ties, chosen at random, whose sign is flipped (noise is per tie, not per dyad, so it does
not average out over many dyads). The dyads are spread over the ties and over `days`
days from `start`, with PLOVER-like magnitudes.
"""

from __future__ import annotations

import math

import numpy as np

from blocs.network.dyads import Dyads

COOPERATION = np.array([2.5, 2.5, 5.0, 9.5, 10.0])  # CONSULT, AGREE, SUPPORT, COOPERATE, AID
CONFLICT = np.array([-2.0, -3.0, -3.5, -5.5, -9.0])  # REJECT, ACCUSE, THREATEN, MOBILIZE…


def planted(n_actors: int = 40, n_blocs: int = 4, *, degree: float = 10.0,
            inside: float = 0.6, noise: float = 0.25, n_dyads: int | None = None,
            start: str = "2020-01-01", days: int = 3 * 365,
            seed: int = 0) -> tuple[Dyads, np.ndarray, float]:
    """(dyads, planted bloc per actor, share of ties that are noise).

    n_dyads: how many dyads (default two per tie); every tie gets at least one when
    n_dyads ≥ the number of ties."""
    rng = np.random.default_rng(seed)
    truth = np.arange(n_actors) % n_blocs
    iu, iv = np.triu_indices(n_actors, k=1)
    same = truth[iu] == truth[iv]
    size = n_actors / n_blocs
    p_in = min(1.0, degree * inside / max(size - 1, 1))
    p_out = min(1.0, degree * (1 - inside) / max(n_actors - size, 1))
    ties = rng.random(len(iu)) < np.where(same, p_in, p_out)
    u, v = iu[ties], iv[ties]
    sign = np.where(truth[u] == truth[v], 1.0, -1.0)
    flipped = np.zeros(len(u), dtype=bool)  # ceil(noise × ties) of them, so share ≥ noise
    flipped[rng.choice(len(u), size=math.ceil(noise * len(u)), replace=False)] = True
    sign[flipped] *= -1
    n_dyads = 2 * len(u) if n_dyads is None else n_dyads
    tie = np.concatenate([np.arange(min(len(u), n_dyads)),
                          rng.integers(0, len(u), max(n_dyads - len(u), 0))])
    pick = rng.integers(0, len(COOPERATION), len(tie))
    weight = np.where(sign[tie] > 0, COOPERATION[pick], CONFLICT[pick])
    swap = rng.random(len(tie)) < 0.5  # either side may be the actor
    a = np.where(swap, v[tie], u[tie]).astype(np.int32)
    b = np.where(swap, u[tie], v[tie]).astype(np.int32)
    day = np.datetime64(start, "D") + rng.integers(0, days, len(tie))
    nodes = [f"A{i:03d}" for i in range(n_actors)]
    dyads = Dyads(nodes=nodes, a=a, b=b, weight=weight, day=day.astype("datetime64[D]"),
                  event=np.full(len(tie), -1, dtype=np.int32))
    return dyads, truth, float(flipped.mean()) if len(flipped) else 0.0


__all__ = ["planted"]
