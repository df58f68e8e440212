"""The alliance system: event records → dyads → signed graphs per window → blocs, alignment.

    from blocs import network
    evset = network.load_events(db="news.duckdb")                  # or paths=, parquet=
    events = network.merge_events(evset.events, documents=evset.documents)
    dyads = network.to_dyads(events, level="country", weight="plover")
    graphs = network.build_graphs(dyads, window="year")
    windows = network.blocs_over_time(graphs)                      # labels tracked
    network.dyad_series(graphs, dyads.index("RUS"), dyads.index("USA"))

Modules: sources (readers), merge (cross-document event merging), dyads, graph,
communities (signed Louvain, ARI), partition (blocs, labels over time), alignment,
profile (an actor's partners and adversaries), formats (GraphML, GEXF, JSON), render.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from blocs.network.alignment import alignment, alignment_matrix, dyad_series
from blocs.network.communities import adjusted_rand_index, signed_louvain, signed_modularity
from blocs.network.dyads import (
    LEVELS,
    STATUSES,
    WEIGHTS,
    Dyads,
    NetworkError,
    parse_statuses,
    to_dyads,
)
from blocs.network.graph import WINDOWS, SignedGraph, build_graphs, merge_graphs
from blocs.network.merge import merge_events
from blocs.network.partition import Bloc, WindowBlocs, blocs_over_time, find_blocs
from blocs.network.profile import actor_profile
from blocs.network.sources import EventSet, load_events


def prepare(*, paths: Sequence[str] = (), db: str | Path | None = None,
            parquet: str | Path | None = None, published: str | None = None,
            since: str | None = None, until: str | None = None, level: str = "country",
            weight: str = "plover", statuses: Sequence[str] = ("asserted",),
            merge: bool = True, nlp: Callable[[], object] | None = None,
            ) -> tuple[Dyads, EventSet]:
    """Read events, merge reports of one event (unless merge=False), expand to dyads."""
    evset = load_events(paths=paths, db=db, parquet=parquet, published=published,
                        since=since, until=until, nlp=nlp)
    keep = set(statuses)
    events = [e for e in evset.events if e.get("status", "asserted") in keep]
    if merge:
        events = merge_events(events, documents=evset.documents)
    return to_dyads(events, level=level, weight=weight, statuses=statuses), evset


__all__ = ["LEVELS", "STATUSES", "WEIGHTS", "WINDOWS", "Bloc", "Dyads", "EventSet",
           "NetworkError", "SignedGraph", "WindowBlocs", "actor_profile",
           "adjusted_rand_index", "alignment", "alignment_matrix", "blocs_over_time",
           "build_graphs", "dyad_series", "find_blocs", "load_events", "merge_events",
           "merge_graphs", "parse_statuses", "prepare", "signed_louvain", "signed_modularity",
           "to_dyads"]
