"""Graph files: GraphML (networkx, Gephi, yEd, igraph), GEXF 1.3 (Gephi) and node-link JSON
(d3, networkx.node_link_graph). Written with xml.etree, so they are well-formed XML.

Every format carries, per node, its display name, bloc and cooperation/conflict strength;
per edge the signed net weight and its parts. `weight` is the signed net in GraphML and
JSON (what signed-network code expects); in GEXF it is |net| with the sign in `sign`,
because Gephi's layouts and preview want positive weights (and older Gephi drops 0).
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import numpy as np

from blocs import __version__
from blocs.network.graph import SignedGraph
from blocs.network.partition import WindowBlocs

FORMATS = ("graphml", "gexf", "json")
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NODE_ATTRS = (("name", "string"), ("bloc", "string"), ("cooperation", "double"),
              ("conflict", "double"), ("dyads", "long"))
EDGE_ATTRS = (("weight", "double"), ("cooperation", "double"), ("conflict", "double"),
              ("dyads", "long"), ("sign", "int"))
GEXF_MIN_WEIGHT = 1e-3  # Gephi wants weight > 0: a balanced tie stays visible, barely


def graph_data(graph: SignedGraph, *, names: dict[str, str] | None = None,
               blocs: WindowBlocs | None = None) -> tuple[list[dict], list[dict]]:
    """(nodes, edges) as plain dicts: the window's active actors and its ties."""
    names = names or {}
    n = len(graph.nodes)
    coop = np.bincount(graph.u, graph.pos, n) + np.bincount(graph.v, graph.pos, n)
    conf = np.bincount(graph.u, graph.neg, n) + np.bincount(graph.v, graph.neg, n)
    count = np.bincount(graph.u, graph.count, n) + np.bincount(graph.v, graph.count, n)
    bloc_of = {m: b.label for b in (blocs.blocs if blocs else []) for m in b.members}
    nodes = []
    for i in graph.active():
        label = graph.nodes[i]
        nodes.append({"id": label, "name": names.get(label, label),
                      "bloc": bloc_of.get(label, ""), "cooperation": round(float(coop[i]), 4),
                      "conflict": round(float(conf[i]), 4), "dyads": int(count[i])})
    edges = []
    for k in range(len(graph.u)):
        net = float(graph.pos[k] - graph.neg[k])
        edges.append({"source": graph.nodes[graph.u[k]], "target": graph.nodes[graph.v[k]],
                      "weight": round(net, 4), "cooperation": round(float(graph.pos[k]), 4),
                      "conflict": round(float(graph.neg[k]), 4),
                      "dyads": int(graph.count[k]), "sign": int(np.sign(round(net, 9)))})
    return nodes, edges


def _meta(graph: SignedGraph, blocs: WindowBlocs | None, extra: dict | None) -> dict:
    meta = {"window": graph.label, "start": graph.start.isoformat() if graph.start else None,
            "end": graph.end.isoformat() if graph.end else None, "creator": f"blocs {__version__}",
            **(extra or {})}
    if blocs is not None:
        meta.update(modularity=round(blocs.modularity, 4),
                    frustration=round(blocs.frustration, 4))
    return meta


def _text(value) -> str:
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_graphml(graph: SignedGraph, *, names: dict[str, str] | None = None,
               blocs: WindowBlocs | None = None, meta: dict | None = None) -> str:
    nodes, edges = graph_data(graph, names=names, blocs=blocs)
    ET.register_namespace("", GRAPHML_NS)
    q = f"{{{GRAPHML_NS}}}"
    root = ET.Element(q + "graphml", {f"{{{XSI}}}schemaLocation": f"{GRAPHML_NS} "
                                      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"})
    info = _meta(graph, blocs, meta)
    for key in info:
        ET.SubElement(root, q + "key", {"id": f"g_{key}", "for": "graph", "attr.name": key,
                                         "attr.type": "string"})
    for name, typ in NODE_ATTRS:
        ET.SubElement(root, q + "key", {"id": f"n_{name}", "for": "node", "attr.name": name,
                                         "attr.type": typ})
    for name, typ in EDGE_ATTRS:
        ET.SubElement(root, q + "key", {"id": f"e_{name}", "for": "edge", "attr.name": name,
                                         "attr.type": typ})
    g = ET.SubElement(root, q + "graph", {"id": graph.label, "edgedefault": "undirected"})
    for key, value in info.items():
        if value is not None:
            ET.SubElement(g, q + "data", {"key": f"g_{key}"}).text = _text(value)
    for node in nodes:
        el = ET.SubElement(g, q + "node", {"id": node["id"]})
        for name, _ in NODE_ATTRS:
            ET.SubElement(el, q + "data", {"key": f"n_{name}"}).text = _text(node[name])
    for k, edge in enumerate(edges):
        el = ET.SubElement(g, q + "edge", {"id": f"e{k}", "source": edge["source"],
                                           "target": edge["target"]})
        for name, _ in EDGE_ATTRS:
            ET.SubElement(el, q + "data", {"key": f"e_{name}"}).text = _text(edge[name])
    return _serialize(root)


def to_gexf(graph: SignedGraph, *, names: dict[str, str] | None = None,
            blocs: WindowBlocs | None = None, meta: dict | None = None) -> str:
    nodes, edges = graph_data(graph, names=names, blocs=blocs)
    ET.register_namespace("", GEXF_NS)
    q = f"{{{GEXF_NS}}}"
    root = ET.Element(q + "gexf", {"version": "1.3"})
    info = _meta(graph, blocs, meta)
    head = ET.SubElement(root, q + "meta", {"lastmodifieddate": dt.date.today().isoformat()})
    ET.SubElement(head, q + "creator").text = info.pop("creator")
    ET.SubElement(head, q + "description").text = "; ".join(
        f"{k} {v}" for k, v in info.items() if v is not None)
    g = ET.SubElement(root, q + "graph", {"defaultedgetype": "undirected", "mode": "static"})
    gexf_type = {"double": "double", "string": "string", "long": "long", "int": "integer"}
    node_attrs = [a for a in NODE_ATTRS if a[0] != "name"]  # the name is the node label
    edge_attrs = [("net", "double")] + [a for a in EDGE_ATTRS if a[0] != "weight"]
    for cls, attrs in (("node", node_attrs), ("edge", edge_attrs)):
        block = ET.SubElement(g, q + "attributes", {"class": cls, "mode": "static"})
        for name, typ in attrs:
            ET.SubElement(block, q + "attribute", {"id": name, "title": name,
                                                    "type": gexf_type[typ]})
    el_nodes = ET.SubElement(g, q + "nodes")
    for node in nodes:
        el = ET.SubElement(el_nodes, q + "node", {"id": node["id"], "label": node["name"]})
        values = ET.SubElement(el, q + "attvalues")
        for name, _ in node_attrs:
            ET.SubElement(values, q + "attvalue", {"for": name, "value": _text(node[name])})
    el_edges = ET.SubElement(g, q + "edges")
    for k, edge in enumerate(edges):
        weight = max(abs(edge["weight"]), GEXF_MIN_WEIGHT)
        el = ET.SubElement(el_edges, q + "edge", {"id": str(k), "source": edge["source"],
                                                  "target": edge["target"],
                                                  "weight": _text(float(weight))})
        values = ET.SubElement(el, q + "attvalues")
        for name, _ in edge_attrs:
            value = edge["weight"] if name == "net" else edge[name]
            ET.SubElement(values, q + "attvalue", {"for": name, "value": _text(value)})
    return _serialize(root)


def to_json(graph: SignedGraph, *, names: dict[str, str] | None = None,
            blocs: WindowBlocs | None = None, meta: dict | None = None) -> str:
    """Node-link JSON: {"directed", "multigraph", "graph", "nodes", "links", "blocs"}."""
    nodes, edges = graph_data(graph, names=names, blocs=blocs)
    data = {"directed": False, "multigraph": False, "graph": _meta(graph, blocs, meta),
            "nodes": nodes, "links": edges,
            "blocs": [b.as_dict() for b in blocs.blocs] if blocs else []}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _serialize(root: ET.Element) -> str:
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def write_graph(graph: SignedGraph, fmt: str, **kwargs) -> str:
    """The graph as text in fmt (graphml, gexf or json)."""
    writers = {"graphml": to_graphml, "gexf": to_gexf, "json": to_json}
    if fmt not in writers:
        raise ValueError(f"unknown graph format {fmt!r} (choose from {', '.join(FORMATS)})")
    return writers[fmt](graph, **kwargs)


__all__ = ["FORMATS", "graph_data", "to_graphml", "to_gexf", "to_json", "write_graph"]
