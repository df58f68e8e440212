"""Network analysis speed: graphs, blocs and alignment over a million generated dyads.

    python benchmarks/network.py [--dyads 1000000] [--actors 200] [--blocs 8] [--window year]

Dyads come from blocs.network.synthetic.planted (planted blocs, 20% of ties with the
wrong sign, spread over four years). Timed, after generation: the signed graph of every
window and of the whole period (numpy aggregation), blocs per window with labels tracked
across windows plus the whole period's blocs (signed Louvain), and alignment of every
pair of actors in every window plus one dyad's time series. Prints seconds per stage
and the adjusted Rand index of the whole period's blocs against the planted ones.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from blocs import network as nw  # noqa: E402
from blocs.network.synthetic import planted  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dyads", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=200)
    parser.add_argument("--blocs", type=int, default=8)
    parser.add_argument("--degree", type=float, default=40.0)
    parser.add_argument("--window", default="year", choices=nw.WINDOWS)
    parser.add_argument("--limit", type=float, default=30.0, help="Seconds allowed.")
    args = parser.parse_args()

    t0 = time.perf_counter()
    dyads, truth, noise = planted(args.actors, args.blocs, degree=args.degree, noise=0.2,
                                  n_dyads=args.dyads, days=4 * 365, seed=1)
    generated = time.perf_counter() - t0

    t0 = time.perf_counter()
    graphs = nw.build_graphs(dyads, window=args.window)
    whole = nw.build_graphs(dyads)[0]
    t_graph = time.perf_counter() - t0

    t0 = time.perf_counter()
    windows = nw.blocs_over_time(graphs)
    overall = nw.find_blocs(whole)
    t_blocs = time.perf_counter() - t0

    t0 = time.perf_counter()
    pairs = 0
    for g in graphs:
        active, matrix = nw.alignment_matrix(g)
        pairs += len(active) * (len(active) - 1) // 2
    series = nw.dyad_series(graphs, dyads.index("A000"), dyads.index("A001"))
    t_align = time.perf_counter() - t0

    found = np.full(len(dyads.nodes), -1)
    for k, bloc in enumerate(overall.blocs):
        for member in bloc.members:
            found[dyads.index(member)] = k
    total = t_graph + t_blocs + t_align
    print(f"{len(dyads):,} dyads, {args.actors} actors, {args.blocs} planted blocs, "
          f"{noise:.0%} noise ties, generated in {generated:.2f} s")
    print(f"graph      {t_graph:6.2f} s  {len(graphs)} {args.window} windows + whole period, "
          f"{sum(len(g.u) for g in graphs):,} window ties")
    print(f"blocs      {t_blocs:6.2f} s  {sum(len(w.blocs) for w in windows)} window blocs, "
          f"labels {sorted({b.label for w in windows for b in w.blocs if len(b.members) > 1})}")
    print(f"alignment  {t_align:6.2f} s  {pairs:,} actor pairs, series of {len(series)} windows")
    print(f"analysis   {total:6.2f} s  (limit {args.limit:.0f} s); whole-period blocs ARI "
          f"{nw.adjusted_rand_index(truth, found):.3f}")
    if total > args.limit:
        sys.exit(1)


if __name__ == "__main__":
    main()
