"""An actor's top partners and adversaries, each with the sentences that show it."""

from __future__ import annotations

import numpy as np

from blocs.network.alignment import alignment
from blocs.network.dyads import Dyads
from blocs.network.graph import build_graphs


def evidence_entry(event: dict) -> dict:
    """What a reader needs to check a tie: the event, its sentence and where it is."""
    return {"event_id": event.get("id"), "doc_id": event.get("doc_id"),
            "date": event.get("date"), "event": event.get("event"),
            "status": event.get("status"), "text": event.get("text"),
            "trigger": event.get("trigger"), "num_mentions": event.get("num_mentions", 1),
            "num_sources": event.get("num_sources", 1)}


def actor_profile(dyads: Dyads, actor: str, *, top: int = 10, evidence: int = 2) -> dict:
    """{"actor", "name", "events", "partners", "adversaries"}: partners are the others with
    net cooperation > 0, strongest first; adversaries net < 0, most hostile first. Each
    carries cooperation, conflict, net, dyads, alignment and up to `evidence` events (the
    strongest of the tie's sign, one per sentence)."""
    i = dyads.index(actor)
    mask = (dyads.a == i) | (dyads.b == i)
    other = np.where(dyads.a[mask] == i, dyads.b[mask], dyads.a[mask])
    weight, events = dyads.weight[mask], dyads.event[mask]
    uniq, inverse = np.unique(other, return_inverse=True)
    coop = np.bincount(inverse, np.clip(weight, 0, None), len(uniq))
    conflict = np.bincount(inverse, np.clip(-weight, 0, None), len(uniq))
    count = np.bincount(inverse, minlength=len(uniq))
    net = coop - conflict
    graph = build_graphs(dyads)[0]

    def entry(k: int, sign: int) -> dict:
        j = int(uniq[k])
        sel = np.flatnonzero((inverse == k) & (np.sign(weight) == sign))
        sel = sel[np.argsort(-np.abs(weight[sel]), kind="stable")]
        shown, seen = [], set()
        for s in sel:
            ev = dyads.events[events[s]] if events[s] >= 0 else None
            if ev is None or ev.get("text") in seen:
                continue
            seen.add(ev.get("text"))
            shown.append({**evidence_entry(ev), "weight": float(weight[s])})
            if len(shown) >= evidence:
                break
        return {"other": dyads.nodes[j], "name": dyads.names.get(dyads.nodes[j],
                                                                  dyads.nodes[j]),
                "cooperation": round(float(coop[k]), 3),
                "conflict": round(float(conflict[k]), 3), "net": round(float(net[k]), 3),
                "dyads": int(count[k]),
                "alignment": round(alignment(graph, i, j)["alignment"], 4),
                "evidence": shown}

    partners = [k for k in np.lexsort((uniq, -net)) if net[k] > 0][:top]
    adversaries = [k for k in np.lexsort((uniq, net)) if net[k] < 0][:top]
    label = dyads.nodes[i]
    return {"actor": label, "name": dyads.names.get(label, label),
            "events": int(len(np.unique(events[events >= 0]))),
            "partners": [entry(k, 1) for k in partners],
            "adversaries": [entry(k, -1) for k in adversaries]}


__all__ = ["actor_profile", "evidence_entry"]
