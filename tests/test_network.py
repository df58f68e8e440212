"""The alliance system (blocs.network): dyads, event merging, signed graphs per window, blocs,
alignment, actor profiles, graph files and the network commands.

Most tests use hand-made event records (DESIGN.md shape) or generated dyads; the `model`
tests code the reference article and two articles written for these tests with the real
pipeline, and assert the structure the analysis must show, not exact counts.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from click.testing import CliRunner

from blocs import network as nw
from blocs.cli import main
from blocs.network.communities import signed_louvain, signed_modularity
from blocs.network.formats import GEXF_NS, GRAPHML_NS, write_graph
from blocs.network.graph import window_span
from blocs.network.merge import date_interval, merge_events
from blocs.network.partition import Bloc, WindowBlocs, track_labels
from blocs.network.synthetic import planted

from conftest import REFERENCE, ROOT

NETWORK_DATA = ROOT / "tests" / "data" / "network"
NAMES = {"RUS": "Russia", "IRN": "Iran", "SYR": "Syria", "IRQ": "Iraq", "USA": "United States",
         "TUR": "Turkey", "GBR": "United Kingdom", "FRA": "France", "OMN": "Oman",
         "QAT": "Qatar"}
SCORES = {"CONSULT": (2.5, 1.0), "COOPERATE": (9.5, 6.0), "SUPPORT": (5.0, 3.5),
          "ACCUSE": (-3.0, -2.0), "THREATEN": (-3.5, -6.0), "ASSAULT": (-9.0, -10.0),
          "REQUEST": (0.0, -5.0)}


def party(code, *, sector="GOV", start=0):
    name = NAMES.get(code, code)
    return {"text": name, "start": start, "end": start + len(name), "country": code,
            "sector": sector, "id": code, "name": name}


def ev(eid, *, doc="d1", event="CONSULT", actors=("RUS",), recipients=(), date="2018-09-01",
       precision="day", status="asserted", place=None, text=None):
    """A hand-made event record; place: (name, country) or None."""
    text = text or f"{' and '.join(actors)} {event.lower()} {' '.join(recipients)} ({eid})."
    plover, goldstein = SCORES[event]
    return {"id": eid, "doc_id": doc, "event": event, "mode": None, "context": [],
            "status": status,
            "actor": [party(c, start=i * 5) for i, c in enumerate(actors)],
            "recipient": [party(c, start=50 + i * 5) for i, c in enumerate(recipients)],
            "date": date, "date_precision": precision if date else None, "time": None,
            "location": {"text": place[0], "start": 80, "end": 80 + len(place[0]),
                         "name": place[0], "country": place[1], "lat": None, "lon": None,
                         "geonameid": None} if place else None,
            "cameo": "040", "quad_class": 1, "goldstein": goldstein, "plover_score": plover,
            "trigger": {"text": "met", "start": 10, "end": 13}, "text": text,
            "text_info": {"sentence": 0, "start": 0, "end": len(text)}, "confidence": 0.9}


def two_camps() -> list[dict]:
    """RUS-IRN-SYR cooperate, USA-GBR-FRA cooperate, the camps quarrel; over 2018-2019."""
    out = []
    for year in ("2018", "2019"):
        for k, (x, y) in enumerate([("RUS", "IRN"), ("IRN", "SYR"), ("RUS", "SYR"),
                                    ("USA", "GBR"), ("GBR", "FRA"), ("USA", "FRA")]):
            out.append(ev(f"c{year}{k}", doc=f"doc{year}{k}", event="COOPERATE",
                          actors=(x, y), date=f"{year}-0{k + 1}-10"))
        for k, (x, y) in enumerate([("USA", "RUS"), ("GBR", "IRN"), ("FRA", "SYR")]):
            out.append(ev(f"x{year}{k}", doc=f"doc{year}x{k}", event="ACCUSE", actors=(x,),
                          recipients=(y,), date=f"{year}-0{k + 1}-20"))
    return out


# dyads


def test_node_key_levels_and_unknown_parties():
    mil = {"country": "RUS", "sector": "MIL", "id": "RUS", "name": "Russia"}
    nato = {"country": None, "sector": "IGO", "id": "NATO", "name": "NATO"}
    rebels = {"country": None, "sector": "REB", "id": "REB", "name": "rebels"}
    assert [nw.dyads.node_key(mil, level) for level in nw.LEVELS] == ["RUS", "RUSMIL", "RUS"]
    assert [nw.dyads.node_key(nato, level) for level in nw.LEVELS] == ["NATO"] * 3
    assert nw.dyads.node_key(rebels) is None  # role only, no country: not one actor
    with pytest.raises(nw.NetworkError):
        nw.dyads.node_key(mil, "city")


def test_dyads_expand_events_like_eval_and_keep_asserted_only():
    events = [ev("m", actors=("RUS", "IRN", "SYR")),  # a meeting: three pairs
              ev("a", event="ACCUSE", actors=("USA",), recipients=("RUS", "IRN")),
              ev("n", event="ASSAULT", actors=("USA",), recipients=("SYR",), status="negated"),
              ev("s", actors=("RUS",), recipients=("RUS",))]  # with itself: nothing
    d = nw.to_dyads(events)
    pairs = {(d.nodes[a], d.nodes[b], w) for a, b, w in zip(d.a, d.b, d.weight, strict=True)}
    assert pairs == {("RUS", "IRN", 2.5), ("RUS", "SYR", 2.5), ("IRN", "SYR", 2.5),
                     ("USA", "RUS", -3.0), ("USA", "IRN", -3.0)}
    assert d.events[d.event[0]]["id"] == "m" and str(d.day[0]) == "2018-09-01"
    both = nw.to_dyads(events, statuses=nw.parse_statuses("asserted,negated"))
    assert len(both) == 6
    gold = nw.to_dyads(events, weight="goldstein")
    assert sorted(set(gold.weight.tolist())) == [-2.0, 1.0]
    assert nw.parse_statuses("all") == nw.STATUSES
    with pytest.raises(nw.NetworkError):
        nw.parse_statuses("maybe")


def test_sector_level_and_goldstein_from_cameo():
    e = ev("x", event="ASSAULT", actors=("TUR",), recipients=("SYR",))
    e["actor"][0]["sector"], e["recipient"][0]["sector"] = "MIL", "REB"
    e.pop("goldstein")
    e["cameo"] = "190"
    d = nw.to_dyads([e], level="sector", weight="goldstein")
    assert d.nodes == ["TURMIL", "SYRREB"] and d.weight.tolist() == [-10.0]
    assert d.names["TURMIL"] == "Turkey MIL"


# merging


def test_same_meeting_in_two_documents_merges_with_counts_and_grounding():
    docs = {"wire": {"published": "2024-03-06", "source": "Wire"},
            "daily": {"published": "2024-03-07", "source": "Daily", "url": None}}
    a = ev("w1", doc="wire", actors=("QAT",), recipients=("OMN",), date="2024-03-05",
           place=("Doha", "QAT"))
    b = ev("d1", doc="daily", actors=("OMN", "QAT"), date="2024-03-04", precision="week",
           place=("Qatar", "QAT"))
    other = ev("d2", doc="daily", actors=("OMN", "QAT"), date="2024-04-20")  # a later visit
    merged = merge_events([b, a, other], documents=docs)
    assert len(merged) == 2
    one = next(m for m in merged if m["num_mentions"] == 2)
    assert one["num_sources"] == 2 and one["num_articles"] == 2
    assert one["first_report"]["doc_id"] == "wire"  # published first
    assert one["id"] == "w1" and one["date"] == "2024-03-05"  # the best-dated report
    assert [m["event_id"] for m in one["mentions"]] == ["w1", "d1"]
    assert all(m["actor"] and m["text"] and m["trigger"] for m in one["mentions"])
    assert next(m for m in merged if m["num_mentions"] == 1)["id"] == "d2"


def test_merge_needs_same_type_status_parties_dates_and_place():
    base = ev("a", doc="x", actors=("RUS", "IRN"), place=("Baghdad", "IRQ"))
    cases = {
        "type": ev("b", doc="y", event="COOPERATE", actors=("RUS", "IRN")),
        "status": ev("b", doc="y", actors=("RUS", "IRN"), status="future"),
        "parties": ev("b", doc="y", actors=("RUS", "IRN", "SYR")),
        "date": ev("b", doc="y", actors=("RUS", "IRN"), date="2018-09-05"),
        "place": ev("b", doc="y", actors=("RUS", "IRN"), place=("Tehran", "IRN")),
    }
    for why, other in cases.items():
        assert len(merge_events([base, other])) == 2, why
    near = ev("b", doc="y", actors=("IRN", "RUS"), date="2018-09-02", place=("Iraq", "IRQ"))
    assert len(merge_events([base, near])) == 1  # a day apart, Baghdad is in Iraq
    assert len(merge_events([base, near], slack_days=0)) == 2
    # Directed events keep actor and recipient apart.
    x = ev("x", event="ACCUSE", actors=("USA",), recipients=("RUS",))
    y = ev("y", doc="d2", event="ACCUSE", actors=("RUS",), recipients=("USA",))
    assert len(merge_events([x, y])) == 2


def test_merge_within_a_document_and_vague_dates_do_not_chain():
    lead = ev("l1", doc="a", actors=("RUS", "IRN"), date="2015-09-10")
    again = ev("l2", doc="a", actors=("RUS", "IRN"), date="2015-09-10")
    later = ev("l3", doc="b", actors=("RUS", "IRN"), date="2015-11-02")
    vague = ev("v", doc="c", actors=("RUS", "IRN"), date="2015-01-01", precision="year")
    merged = merge_events([lead, again, later, vague], documents={})
    assert sorted(m["num_mentions"] for m in merged) == [1, 3]  # the year joins one meeting
    three = next(m for m in merged if m["num_mentions"] == 3)
    assert three["num_sources"] == 2  # documents a and c, no source named: one per document
    assert date_interval(vague)[1] - date_interval(vague)[0] == 364
    pub = ev("p", actors=("RUS", "IRN"), date="2015-09-12", precision="publication")
    assert date_interval(pub) == (date_interval(lead)[0] - 5, date_interval(lead)[0] + 2)
    undated = [ev("u1", doc="a", actors=("RUS", "IRN"), date=None),
               ev("u2", doc="b", actors=("RUS", "IRN"), date=None)]
    assert len(merge_events(undated)) == 2  # undated reports merge only inside a document


# graphs and windows


def test_graphs_per_window_sum_cooperation_and_conflict():
    d = nw.to_dyads(two_camps())
    (whole,) = nw.build_graphs(d)
    assert whole.label == "all" and whole.start is None
    rus, usa = d.index("rus"), d.index("USA")
    assert whole.edge(rus, usa) == (0.0, 6.0, 2)
    years = nw.build_graphs(d, window="year")
    assert [g.label for g in years] == ["2018", "2019"]
    assert years[0].edge(rus, d.index("IRN")) == (9.5, 0.0, 1)
    quarters = nw.build_graphs(d, window="quarter", since="2019-01-01")
    assert [g.label for g in quarters] == ["2019-Q1", "2019-Q2"]
    months = nw.build_graphs(d, window="month", until="2018-02-28")
    assert [g.label for g in months] == ["2018-01", "2018-02"]
    assert window_span(0, "all") == ("all", None, None)
    label, start, end = window_span(48 * 12 // 3 + 2, "quarter")
    assert (label, start.isoformat(), end.isoformat()) == ("2018-Q3", "2018-07-01",
                                                           "2018-09-30")
    gap = nw.to_dyads(two_camps() + [ev("late", actors=("RUS", "IRN"), date="2021-05-01")])
    assert [g.label for g in nw.build_graphs(gap, window="year")] == ["2018", "2019", "2021"]
    filled = nw.build_graphs(gap, window="year", fill=True)
    assert [g.label for g in filled] == ["2018", "2019", "2020", "2021"]
    assert len(filled[2].u) == 0 and filled[2].start.isoformat() == "2020-01-01"
    undated = nw.to_dyads([ev("u", actors=("RUS", "IRN"), date=None)])
    assert len(nw.build_graphs(undated)[0].u) == 1 and nw.build_graphs(undated,
                                                                        window="year") == []
    with pytest.raises(nw.NetworkError):
        nw.build_graphs(d, window="week")


# blocs


def test_two_camps_split_and_labels_follow_blocs_through_time():
    d = nw.to_dyads(two_camps())
    windows = nw.blocs_over_time(nw.build_graphs(d, window="year"))
    for wb in windows:
        groups = sorted(sorted(b.members) for b in wb.blocs)
        assert groups == [["FRA", "GBR", "USA"], ["IRN", "RUS", "SYR"]]
        assert wb.frustration == 0.0 and wb.modularity > 0.3
        for b in wb.blocs:
            assert b.cohesion == 1.0 and b.ties_inside and b.ties_across
            assert all(t.net < 0 for t in b.ties_across)
    assert [sorted(b.label for b in wb.blocs) for wb in windows] == [
        sorted(b.label for b in windows[0].blocs)] * 2
    again = nw.blocs_over_time(nw.build_graphs(d, window="year"))
    assert [[b.as_dict() for b in w.blocs] for w in again] == [
        [b.as_dict() for b in w.blocs] for w in windows]  # deterministic


def test_labels_stay_when_the_centre_changes_and_new_blocs_get_new_names():
    def window(*groups):
        blocs = [Bloc(label=g[0], members=list(g), centrality=[1.0] * len(g), cohesion=1.0,
                      inside=(1.0, 0.0), across=(0.0, 0.0)) for g in groups]
        return WindowBlocs(graph=None, blocs=blocs, modularity=0.0, frustration=0.0)

    windows = [window(("RUS", "IRN", "SYR")), window(("IRN", "RUS", "SYR", "IRQ")),
               window(("IRN", "TUR"), ("SYR", "IRQ", "RUS"))]
    track_labels(windows)
    assert [b.label for b in windows[1].blocs] == ["RUS"]  # Iran central now; still "RUS"
    assert [b.label for b in windows[2].blocs] == ["IRN", "RUS"]


def test_signed_louvain_is_deterministic_and_leaves_loners_alone():
    u, v = np.array([0, 1, 0, 3, 2]), np.array([1, 2, 2, 4, 3])
    pos, neg = np.array([1.0, 1.0, 1.0, 1.0, 0.0]), np.array([0.0, 0.0, 0.0, 0.0, 2.0])
    m1, q1 = signed_louvain(6, u, v, pos, neg)
    m2, q2 = signed_louvain(6, u, v, pos, neg)
    assert m1.tolist() == m2.tolist() and q1 == q2
    assert m1[0] == m1[1] == m1[2] != m1[3] == m1[4] and m1[5] not in m1[:5]
    assert q1 == pytest.approx(signed_modularity(6, u, v, pos, neg, m1))


def test_adjusted_rand_index_known_values():
    assert nw.adjusted_rand_index([0, 0, 1, 1], [5, 5, 3, 3]) == 1.0
    assert nw.adjusted_rand_index([0, 0, 1, 2], [0, 0, 1, 1]) == pytest.approx(4 / 7)
    assert nw.adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5)


@pytest.mark.parametrize("seed", range(5))
def test_planted_blocs_recovered_through_noise(seed):
    # 60 actors in 4 planted blocs; a fifth of all ties carry the wrong sign.
    dyads, truth, noise = planted(60, 4, degree=30, inside=0.6, noise=0.2, seed=seed)
    assert len(dyads.nodes) >= 30 and len(set(truth)) >= 3 and noise >= 0.2
    wb = nw.find_blocs(nw.build_graphs(dyads)[0])
    found = np.full(len(dyads.nodes), -1)
    for k, bloc in enumerate(wb.blocs):
        for member in bloc.members:
            found[dyads.index(member)] = k
    assert (found >= 0).all()
    assert nw.adjusted_rand_index(truth, found) >= 0.9


# alignment and profiles


def test_alignment_in_range_pair_matches_matrix_and_reads_shared_adversaries():
    d = nw.to_dyads(two_camps())
    g = nw.build_graphs(d)[0]
    active, matrix = nw.alignment_matrix(g)
    assert ((matrix >= -1) & (matrix <= 1)).all()
    pos = {d.nodes[i]: k for k, i in enumerate(active)}
    for x, y in [("RUS", "IRN"), ("RUS", "USA"), ("RUS", "GBR"), ("IRN", "FRA")]:
        pair = nw.alignment(g, d.index(x), d.index(y))
        assert pair["alignment"] == pytest.approx(matrix[pos[x], pos[y]])
    assert nw.alignment(g, d.index("RUS"), d.index("IRN"))["alignment"] > 0.5
    assert nw.alignment(g, d.index("RUS"), d.index("USA"))["alignment"] < -0.5
    # GBR and USA never meet RUS together, but both quarrel with the RUS camp
    ind = nw.alignment(g, d.index("GBR"), d.index("USA"))
    assert ind["direct"] == 1.0 and ind["indirect"] > 0
    series = nw.dyad_series(nw.build_graphs(d, window="year"), d.index("RUS"),
                            d.index("USA"))
    assert [(r["window"], r["conflict"], r["net"]) for r in series] == [
        ("2018", 3.0, -3.0), ("2019", 3.0, -3.0)]


def test_actor_profile_partners_adversaries_with_evidence():
    d = nw.to_dyads(two_camps())
    profile = nw.actor_profile(d, "IRN", evidence=1)
    assert [p["other"] for p in profile["partners"]] == ["RUS", "SYR"]
    assert [p["other"] for p in profile["adversaries"]] == ["GBR"]
    first = profile["partners"][0]
    assert first["net"] == 19.0 and len(first["evidence"]) == 1
    assert first["evidence"][0]["event"] == "COOPERATE" and "IRN" in first["evidence"][0][
        "text"]
    with pytest.raises(nw.NetworkError, match="no dyads for actor"):
        nw.actor_profile(d, "XYZ")


# graph files


def _graph_and_blocs():
    d = nw.to_dyads(two_camps())
    g = nw.build_graphs(d)[0]
    return d, g, nw.find_blocs(g)


def test_graphml_parses_back_with_attributes():
    d, g, blocs = _graph_and_blocs()
    root = ET.fromstring(write_graph(g, "graphml", names=d.names, blocs=blocs))
    ns = {"g": GRAPHML_NS}
    assert root.tag == f"{{{GRAPHML_NS}}}graphml"
    keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}
    graph = root.find("g:graph", ns)
    assert graph.get("edgedefault") == "undirected"
    nodes = {n.get("id"): {keys[x.get("key")]: x.text for x in n.findall("g:data", ns)}
             for n in graph.findall("g:node", ns)}
    assert set(nodes) == {"RUS", "IRN", "SYR", "USA", "GBR", "FRA"}
    assert nodes["RUS"]["name"] == "Russia" and nodes["RUS"]["bloc"] == nodes["SYR"]["bloc"]
    edges = graph.findall("g:edge", ns)
    assert len(edges) == len(g.u) == 9
    weights = sorted(float(e.find("g:data[@key='e_weight']", ns).text) for e in edges)
    assert weights[0] == -6.0 and weights[-1] == 19.0


def test_gexf_and_json_parse_back():
    d, g, blocs = _graph_and_blocs()
    root = ET.fromstring(write_graph(g, "gexf", names=d.names, blocs=blocs))
    ns = {"x": GEXF_NS}
    assert root.get("version") == "1.3"
    graph = root.find("x:graph", ns)
    labels = {n.get("id"): n.get("label") for n in graph.find("x:nodes", ns)}
    assert labels["USA"] == "United States"
    edges = list(graph.find("x:edges", ns))
    assert len(edges) == 9 and all(float(e.get("weight")) > 0 for e in edges)
    signs = {e.find("x:attvalues/x:attvalue[@for='sign']", ns).get("value") for e in edges}
    assert signs == {"1", "-1"}
    data = json.loads(write_graph(g, "json", names=d.names, blocs=blocs))
    assert data["directed"] is False and len(data["nodes"]) == 6 and len(data["links"]) == 9
    ids = {n["id"] for n in data["nodes"]}
    assert all(link["source"] in ids and link["target"] in ids for link in data["links"])
    assert len(data["blocs"]) == 2


# commands


@pytest.fixture()
def events_file(tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(e) + "\n" for e in two_camps()), encoding="utf-8")
    return path


def test_blocs_command_formats(events_file):
    runner = CliRunner()
    result = runner.invoke(main, ["blocs", str(events_file)])
    assert result.exit_code == 0, result.output
    assert "window all" in result.output and "3 members" in result.output
    result = runner.invoke(main, ["blocs", str(events_file), "--window", "year", "--format",
                                  "jsonl"])
    rows = [json.loads(x) for x in result.output.splitlines()]
    assert [r["window"] for r in rows] == ["2018", "2018", "2019", "2019"]
    assert {r["bloc"] for r in rows[:2]} == {r["bloc"] for r in rows[2:]}
    result = runner.invoke(main, ["blocs", str(events_file), "--format", "csv"])
    assert result.output.splitlines()[0].startswith("window,start,end,bloc,size,members")


def test_dyad_command_series_and_chart(events_file):
    runner = CliRunner()
    result = runner.invoke(main, ["dyad", "rus", "usa", str(events_file)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("RUS–USA") and any(x.startswith("2019") for x in lines)
    assert "▒" in result.output and "│" in result.output
    result = runner.invoke(main, ["dyad", "RUS", "IRN", str(events_file), "--format", "csv",
                                  "--window", "all"])
    head, row = result.output.splitlines()
    assert head.split(",")[:5] == ["a", "b", "window", "start", "end"]
    assert ",19.0,0.0,19.0,2," in row
    result = runner.invoke(main, ["dyad", "RUS", "XYZ", str(events_file)])
    assert result.exit_code == 1 and result.output.startswith("Error: no dyads for actor")
    assert len(result.output.strip().splitlines()) == 1


def test_actor_and_graph_commands(events_file, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["actor", "IRN", str(events_file)])
    assert result.exit_code == 0, result.output
    assert "partners" in result.output and "adversaries" in result.output
    assert "COOPERATE" in result.output
    result = runner.invoke(main, ["actor", "IRN", str(events_file), "--format", "jsonl"])
    rows = [json.loads(x) for x in result.output.splitlines()]
    assert [(r["other"], r["role"]) for r in rows] == [("RUS", "partner"), ("SYR", "partner"),
                                                       ("GBR", "adversary")]
    out = tmp_path / "g.graphml"
    result = runner.invoke(main, ["graph", str(events_file), "-o", str(out)])
    assert result.exit_code == 0 and "6 actors, 9 ties" in result.output
    assert ET.parse(out).getroot().tag.endswith("graphml")
    result = runner.invoke(main, ["graph", str(events_file), "--format", "json", "--since",
                                  "2019-01-01"])
    assert json.loads(result.output)["graph"]["window"] == "2019-01-01..end"


def test_network_commands_read_a_store(tmp_path):
    from blocs.store import open_store
    from blocs.types import Document

    db = tmp_path / "news.duckdb"
    events = two_camps()
    with open_store(db) as store:
        docs = {}
        for e in events:
            docs.setdefault(e["doc_id"], []).append(e)
        store.save_batch([(Document(id=k, text="x", published="2019-12-31", source="wire"),
                           evs, None) for k, evs in docs.items()], "test")
    runner = CliRunner()
    result = runner.invoke(main, ["blocs", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert sorted(len(r["members"]) for r in json.loads(result.output)) == [3, 3]
    result = runner.invoke(main, ["merge", "--db", str(db), "--format", "jsonl"])
    assert all(json.loads(x)["first_report"]["source"] == "wire"
               for x in result.output.splitlines())
    result = runner.invoke(main, ["blocs", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1 and result.output.startswith("Error: no database")


def test_network_commands_read_a_parquet_dataset(tmp_path):
    import pyarrow as pa

    from blocs.distributed import DOCUMENTS, _events_table, _write_atomic, part_name

    events = two_camps()
    _write_atomic(pa.Table.from_pylist(
        [{"id": d, "status": "ok", "published": "2019-12-31", "source": "agency"}
         for d in sorted({e["doc_id"] for e in events})], schema=DOCUMENTS),
        tmp_path / "documents" / part_name(0))
    _write_atomic(_events_table(events), tmp_path / part_name(0))
    runner = CliRunner()
    result = runner.invoke(main, ["dyad", "RUS", "USA", "--parquet", str(tmp_path),
                                  "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [json.loads(x)["net"] for x in result.output.splitlines()] == [-3.0, -3.0]
    result = runner.invoke(main, ["merge", "--parquet", str(tmp_path), "--format", "jsonl"])
    assert {json.loads(x)["num_sources"] for x in result.output.splitlines()} == {1}
    result = runner.invoke(main, ["blocs", "--parquet", str(tmp_path / "nowhere")])
    assert result.exit_code == 1 and "no Parquet dataset" in result.output


def test_network_command_errors_are_one_line(events_file):
    runner = CliRunner()
    for args in (["blocs", str(events_file), "--since", "soon"],
                 ["blocs", str(events_file), "--status", "rumoured"],
                 ["actor", "IRN", "no-such-file.jsonl"],
                 ["dyad", "RUS", "USA", str(events_file), "--level", "id", "--window", "all",
                  "--until", "2001-01-01"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 1, args
        assert result.output.startswith("Error:") and len(result.output.strip().split(
            "\n")) == 1, result.output


# the real pipeline


@pytest.fixture(scope="module")
def reference_events(nlp):
    from blocs.documents import read_text_file
    from blocs.pipeline import process

    docs = list(read_text_file(REFERENCE, published="2018-09-03"))
    return [e for _, evs, _ in process(nlp, docs) for e in evs or []]


@pytest.mark.model
def test_reference_article_blocs(reference_events, tmp_path):
    dyads = nw.to_dyads(merge_events(reference_events))
    wb = nw.find_blocs(nw.build_graphs(dyads)[0])
    quad = wb.bloc_of("RUS")
    assert quad is not None and {"RUS", "IRN", "SYR", "IRQ"} <= set(quad.members)
    assert "USA" not in quad.members
    path = tmp_path / "reference.jsonl"
    path.write_text("".join(json.dumps(e) + "\n" for e in reference_events), encoding="utf-8")
    result = CliRunner().invoke(main, ["blocs", str(path), "--format", "jsonl"])
    rows = [json.loads(x) for x in result.output.splitlines()]
    home = next(r for r in rows if "RUS" in r["members"])
    assert {"IRN", "SYR", "IRQ"} <= set(home["members"]) and "USA" not in home["members"]


@pytest.mark.model
def test_reference_article_iran_partners_with_evidence(reference_events, tmp_path):
    path = tmp_path / "reference.jsonl"
    path.write_text("".join(json.dumps(e) + "\n" for e in reference_events), encoding="utf-8")
    result = CliRunner().invoke(main, ["actor", "IRN", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = {r["other"]: r for r in map(json.loads, result.output.splitlines())}
    article = " ".join(REFERENCE.read_text(encoding="utf-8").split())
    for other in ("RUS", "SYR", "IRQ"):
        assert rows[other]["role"] == "partner" and rows[other]["net"] > 0
        assert rows[other]["evidence"]
        for evidence in rows[other]["evidence"]:
            assert " ".join(evidence["text"].split()) in article
    table = CliRunner().invoke(main, ["actor", "IRN", str(path)]).output
    assert "Russia" in table and "Syria" in table and "Iraq" in table and "“" in table


@pytest.mark.model
def test_two_reports_of_one_meeting_merge(nlp, tmp_path):
    from blocs.documents import read
    from blocs.pipeline import process

    docs = list(read([str(NETWORK_DATA)], published="2024-03-07"))
    assert len(docs) == 2
    texts = {d.id: d.text for d in docs}
    events = [e for _, evs, _ in process(nlp, docs) for e in evs or []]
    documents = {d.id: {"published": d.published or "2024-03-07", "source": None}
                 for d in docs}
    merged = [m for m in merge_events(events, documents=documents)
              if m["event"] == "CONSULT"
              and {p["country"] for p in m["actor"] + m["recipient"]} == {"OMN", "QAT"}]
    assert len(merged) == 1
    meeting = merged[0]
    assert meeting["num_mentions"] == 2 and meeting["num_sources"] == 2
    assert {m["doc_id"] for m in meeting["mentions"]} == set(texts)
    for mention in meeting["mentions"]:  # every mention keeps its own grounding
        text = texts[mention["doc_id"]]
        for p in mention["actor"] + mention["recipient"]:
            assert text[p["start"]:p["end"]] == p["text"]
        t = mention["trigger"]
        assert text[t["start"]:t["end"]] == t["text"]
    path = tmp_path / "doha.jsonl"
    path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    result = CliRunner().invoke(main, ["merge", str(path), "--min-mentions", "2", "--format",
                                       "csv"])
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()
    assert len(rows) == 2 and ",2,2,2," in rows[1]
