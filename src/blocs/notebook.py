"""blocs in a notebook: a store as pandas DataFrames and networkx graphs.

    import blocs
    db = blocs.open("news.duckdb")
    df = db.events(actor="IRN", since="2018-01-01")        # one row an event
    df.groupby("event").size()
    g = db.graph(since="2018-01-01", until="2018-12-31")  # networkx.Graph, signed weights
    db.dyads().groupby(["actor_country", "recipient_country"]).plover_score.sum()

`blocs.frame(blocs.code(texts))` gives the same DataFrame for events coded in memory.
"""

from __future__ import annotations

from pathlib import Path


class Database:
    """A blocs DuckDB file, opened read-only for each query (an ingest may run beside)."""

    def __init__(self, path: str | Path = "blocs.duckdb") -> None:
        from blocs.store import open_store

        self.path = str(path)
        open_store(self.path, read_only=True).close()  # StoreError now, not at first use

    def __repr__(self) -> str:
        return f"blocs.open({self.path!r})"

    def _store(self):
        from blocs.store import open_store

        return open_store(self.path, read_only=True)

    def records(self, **filters) -> list[dict]:
        """Event records (dicts, DESIGN.md shape) matching the filters of `events`."""
        with self._store() as store:
            return store.events(**filters)

    def events(self, *, actor: str | None = None, recipient: str | None = None,
               type: str | None = None, since: str | None = None, until: str | None = None,
               status: str | None = None, grep: str | None = None, limit: int | None = None,
               nested: bool = False):
        """A DataFrame of the events matching every filter given (as `blocs events`):
        flat columns (those of `--format csv`; parties ';'-joined, `date` a datetime), or
        the records' nested fields with nested=True."""
        from blocs.formats import to_frame

        return to_frame(self.records(actor=actor, recipient=recipient, type=type,
                                     since=since, until=until, status=status, grep=grep,
                                     limit=limit), nested=nested)

    def documents(self):
        """A DataFrame of the documents table (id, title, published, url, source, status…),
        without their text."""
        with self._store() as store:
            return store.con.execute("SELECT * EXCLUDE (text) FROM documents ORDER BY "
                                     "published NULLS LAST, id").df()

    def dyads(self):
        """A DataFrame of the dyads view: one row per actor–recipient pair of an event."""
        with self._store() as store:
            return store.con.execute("SELECT * FROM dyads ORDER BY date NULLS LAST, "
                                     "event_id").df()

    def sql(self, query: str, params: list | None = None):
        """Any read-only SQL on the store (tables documents, events; view dyads)."""
        with self._store() as store:
            return store.con.execute(query, params or []).df()

    def graph(self, *, since: str | None = None, until: str | None = None,
              level: str = "country", weight: str = "plover",
              statuses: tuple[str, ...] = ("asserted",), merge: bool = True,
              resolution: float = 1.0):
        """The signed actor graph of a period as a networkx.Graph (what `blocs graph`
        writes): nodes carry name, bloc, cooperation, conflict and dyads; edges weight
        (cooperation − conflict), cooperation, conflict, dyads and sign."""
        from blocs import network

        dyads, _ = network.prepare(db=self.path, since=since, until=until, level=level,
                                   weight=weight, statuses=statuses, merge=merge)
        window = network.build_graphs(dyads, since=since, until=until)[0]
        return to_networkx(window, names=dyads.names,
                           blocs=network.find_blocs(window, resolution=resolution))


def to_networkx(window, *, names: dict | None = None, blocs=None):
    """A networkx.Graph from a blocs SignedGraph (and its blocs, when given)."""
    import networkx as nx

    from blocs.network.formats import graph_data

    nodes, edges = graph_data(window, names=names, blocs=blocs)
    graph = nx.Graph(window=window.label,
                     start=window.start.isoformat() if window.start else None,
                     end=window.end.isoformat() if window.end else None)
    for node in nodes:
        graph.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in edges:
        graph.add_edge(edge["source"], edge["target"],
                       **{k: v for k, v in edge.items() if k not in ("source", "target")})
    return graph


def open(path: str | Path = "blocs.duckdb") -> Database:  # noqa: A001 — blocs.open(db)
    """Open a blocs DuckDB file for notebook queries (see Database)."""
    return Database(path)
