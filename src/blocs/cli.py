"""Command line: thin commands over the library. User errors print one line and exit 1."""

from __future__ import annotations

import json
import sys

import click

from blocs import __version__

FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]),
                             default="jsonl", show_default=True, help="Output format.")
EVENT_FORMATS = ("jsonl", "json", "table", "csv", "plover", "plover-json", "gdelt", "acled",
                 "parquet")
EVENT_FORMAT_HELP = ("Output format: blocs records (jsonl, json), csv, PLOVER-style records "
                     "(plover = JSONL, plover-json), GDELT-style TSV (gdelt), ACLED-style "
                     "CSV (acled), parquet (needs -o FILE), or a table.")


def csv_options(f):
    """--text-column/--id-column/--date-column: which CSV columns hold a document."""
    for option in reversed([
        click.option("--text-column", help="CSV/TSV input: column with the text [default: "
                     "text, body, content, article…]."),
        click.option("--id-column", help="CSV/TSV input: column with the document id "
                     "[default: id, else FILE-ROW]."),
        click.option("--date-column", help="CSV/TSV input: column with the publication date "
                     "[default: published, date…]."),
    ]):
        f = option(f)
    return f


def _write_events(events, output, fmt, documents=None) -> int:
    """Events to -o FILE (any format) or stdout; Parquet needs a file."""
    from blocs.formats import write, write_file

    try:
        if output:
            return write_file(events, output, fmt=fmt, documents=documents)
        if fmt == "parquet":
            fail("--format parquet writes a binary file: give -o FILE")
        return write(events, sys.stdout, fmt=fmt, documents=documents)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")


def fail(message: str) -> None:
    raise click.ClickException(message)


def _published(value: str | None) -> str | None:
    from blocs.documents import parse_published

    if value is None:
        return None
    try:
        parse_published(value)
    except ValueError as exc:
        fail(str(exc))
    return value


CONFIG_FILE = "blocs.yaml"


def config_actor_files(config: str | None = None) -> tuple[str, ...]:
    """Actor files named by the config file (`--config`, else ./blocs.yaml if present):

        actors: [my_actors.yaml, more.yaml]   # paths relative to the config file
    """
    from pathlib import Path

    import yaml

    path = Path(config) if config else Path(CONFIG_FILE)
    if not path.is_file():
        if config:
            fail(f"config file not found: {config}")
        return ()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        fail(f"cannot read config {path}: {exc}")
    files = data.get("actors") or [] if isinstance(data, dict) else []
    out = tuple(str((path.parent / f).resolve()) for f in files)
    for f in out:
        if not Path(f).is_file():
            fail(f"actor file named in {path} not found: {f}")
    return out


def _nlp(actors_files: tuple[str, ...] = ()):
    from blocs.pipeline import ModelMissing, load

    try:
        return load(actors_files=config_actor_files() + tuple(actors_files))
    except ModelMissing as exc:
        fail(str(exc))
    except (OSError, ValueError) as exc:
        fail(f"cannot build the pipeline: {exc}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="blocs")
def main() -> None:
    """blocs: English news → grounded PLOVER events → the alliance system they describe."""


@main.command("code")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write events here instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(EVENT_FORMATS), default="jsonl",
              show_default=True, help=EVENT_FORMAT_HELP)
@csv_options
@click.option("--published", help="Publication date (YYYY-MM-DD) anchoring relative dates "
              "of plain-text input; a JSONL line's own 'published' wins.")
@click.option("--actors", "actors_files", multiple=True, type=click.Path(exists=True,
              dir_okay=False), help="Extra actor dictionary YAML (repeatable).")
@click.option("--all-statuses/--asserted-only", default=True, show_default=True,
              help="Also output negated, hypothetical, future and alleged events.")
def code_cmd(paths, output, fmt, text_column, id_column, date_column, published,
             actors_files, all_statuses):
    """Code news documents (PATHS: .txt, .jsonl, .html, RSS/Atom, .csv/.tsv, any of them
    .gz, directories, or - for stdin) into events."""
    from blocs.documents import ReadError, read
    from blocs.pipeline import process

    published = _published(published)
    if fmt == "parquet" and not output:
        fail("--format parquet writes a binary file: give -o FILE")
    nlp = _nlp(tuple(actors_files))
    errors: list[str] = []
    meta: dict[str, dict] = {}  # doc id -> url, title, source, published (for the writers)

    def documents():
        for item in read(paths, published=published, text_column=text_column,
                         id_column=id_column, date_column=date_column):
            if isinstance(item, ReadError):
                errors.append(f"{item.source}: {item.error}")
                continue
            meta[item.id] = {"url": item.url, "title": item.title, "source": item.source,
                             "published": item.published}
            yield item

    def events():
        for document, evs, error in process(nlp, documents(), published=published):
            if error:
                errors.append(f"{document.id}: {error}")
                continue
            for ev in evs or []:
                if all_statuses or ev["status"] == "asserted":
                    yield ev

    n = _write_events(events(), output, fmt, meta)
    for err in errors:
        click.echo(f"Warning: skipped {err}", err=True)
    if output:
        click.echo(f"{n} events written to {output}", err=True)
    if errors and n == 0:
        fail(f"{len(errors)} document(s) could not be coded")


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the full score as JSON.")
@click.option("--show-errors", is_flag=True, help="List missed gold items and unmatched "
              "predictions.")
def eval_cmd(gold, as_json, show_errors):
    """Code a gold file's article and score it (precision, recall, F1, dates, places).

    A .jsonl GOLD is a sentence set (id, text, published, events): scores event type,
    status and mode accuracy and dyad precision, recall and F1.
    """
    from blocs.evaluate import evaluate, evaluate_sentences, sentences_line, summary_line

    if gold.endswith(".jsonl"):
        try:
            result = evaluate_sentences(gold, nlp=_nlp())
        except (ValueError, KeyError) as exc:
            fail(f"cannot score {gold}: {exc}")
        if show_errors:
            for miss in result["misses"]:
                click.echo(f"missed      {miss}")
            for extra in result["unmatched"]:
                click.echo(f"unmatched   {extra}")
        click.echo(json.dumps(result, indent=2) if as_json else sentences_line(result))
        return
    try:
        result, _ = evaluate(gold, nlp=_nlp())
    except ValueError as exc:
        fail(str(exc))
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    if show_errors:
        for gid in result["missed"]:
            click.echo(f"missed      {gid}")
        for u in result["unmatched"]:
            click.echo(f"unmatched   {u['event']} {u['actor']}→{u['recipient']}  "
                       f"{u['text'][:90]}")
        for f in result["forbidden"]:
            click.echo(f"FORBIDDEN   {f['id']}: {f['event']}  {f['text'][:90]}")
    click.echo(summary_line(result))


@main.command("actors")
@click.argument("name")
@click.option("--date", "date_", help="Date (YYYY-MM-DD) on which to resolve people.")
@click.option("--actors", "actors_files", multiple=True, type=click.Path(exists=True,
              dir_okay=False), help="Extra actor dictionary YAML (repeatable).")
@click.option("--in", "context", help="Also resolve NAME inside this sentence, as coded.")
def actors_cmd(name, date_, actors_files, context):
    """Show how a name or role phrase resolves (country, sector, id) on a date, and why."""
    from blocs.actors.lookup import describe
    from blocs.documents import parse_published

    try:
        date = parse_published(date_)
    except ValueError as exc:
        fail(str(exc))
    files = config_actor_files() + tuple(actors_files)
    try:
        lines = describe(name, date=date, extra_files=files)
    except (OSError, ValueError, KeyError) as exc:
        fail(f"cannot load actor files: {exc}")
    for line in lines:
        click.echo(line)
    if context:
        from blocs.pipeline import make_doc
        from blocs.types import Document

        nlp = _nlp(tuple(actors_files))
        doc = make_doc(nlp, Document(id="actors", text=context), published=date_)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        for span in doc.spans.get("actors", []):
            who = "; ".join(f"{a.country or '-'} {a.sector or '-'} {a.id} ({a.kind})"
                            for a in span._.actors or [])
            click.echo(f"in context: {span.text!r} → {who}")


@main.command("explain")
@click.argument("sentence")
@click.option("--published", help="Publication date (YYYY-MM-DD) for relative dates.")
def explain_cmd(sentence, published):
    """Show the parse, actors, times, places and the frames that fired for SENTENCE."""
    from blocs.explain import explain

    published = _published(published)
    click.echo(explain(_nlp(), sentence, published=published))


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default="blocs.duckdb", show_default=True, help="DuckDB file to write.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for plain-text input; a "
              "JSONL line's own 'published' wins.")
@click.option("--processes", type=click.IntRange(min=1), default=None,
              help="Worker processes, each loading the pipeline once [default: CPU count].")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True,
              help="Documents per worker task and per committed transaction.")
@click.option("--recode", is_flag=True, help="Code again documents already coded by this "
              "coder version.")
@click.option("--silent", is_flag=True, help="No progress bar and no per-document errors.")
@click.option("--actors", "actors_files", multiple=True, type=click.Path(exists=True,
              dir_okay=False), help="Extra actor dictionary YAML (repeatable).")
@click.option("--dask", "dask_address", help="Code on Dask instead: 'local' starts a "
              "LocalCluster, else a scheduler address. Writes Parquet to --out.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Parquet dataset folder for --dask (one file per partition).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Workers of a --dask local cluster.")
@click.option("--partition-size", type=click.IntRange(min=1), default=50, show_default=True,
              help="Documents per Dask partition (one Parquet file each).")
@csv_options
def ingest_cmd(paths, db, published, processes, batch_size, recode, silent, actors_files,
               dask_address, out_dir, workers, partition_size, text_column, id_column,
               date_column):
    """Code documents (PATHS: .txt, .jsonl, .html, RSS/Atom, .csv/.tsv, any of them .gz,
    directories, -) into a DuckDB store, resumably.

    Each batch is committed in one transaction; a re-run skips documents already coded by
    this coder version. Exits 1 when any document failed (they are kept as failed rows).
    """
    from blocs.readers import read_options

    with read_options(text_column=text_column, id_column=id_column, date_column=date_column):
        _ingest(paths, db, published, processes, batch_size, recode, silent, actors_files,
                dask_address, out_dir, workers, partition_size)


def _ingest(paths, db, published, processes, batch_size, recode, silent, actors_files,
            dask_address, out_dir, workers, partition_size):
    import os

    from blocs.ingest import ingest
    from blocs.pipeline import ModelMissing
    from blocs.store import StoreError

    published = _published(published)
    files = config_actor_files() + tuple(actors_files)
    if dask_address or out_dir:
        _ingest_dask(paths, dask_address, out_dir, workers, partition_size, published, files)
        return
    try:
        summary = ingest(paths, db=db, published=published, batch_size=batch_size,
                         processes=processes or os.cpu_count() or 1, recode=recode,
                         silent=silent, actors_files=files)
    except (StoreError, ModelMissing, ValueError) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        click.echo("Interrupted: committed batches are kept; run again to resume.", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 — a crashed worker: say so in one line
        fail(f"ingest stopped ({type(exc).__name__}: {exc}); committed batches are kept, "
             "run again to resume")
    if not silent:
        for doc_id, error in summary.errors[:10]:
            click.echo(f"Warning: failed {doc_id}: {error}", err=True)
        if summary.failed > 10:
            click.echo(f"Warning: … and {summary.failed - 10} more failed documents "
                       f"(status 'failed' in {db})", err=True)
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)


def _ingest_dask(paths, address, out_dir, workers, partition_size, published, files):
    """`blocs ingest --dask ADDRESS --out DIR`: the same coding on Dask, into Parquet."""
    if not (address and out_dir):
        fail("--dask and --out go together: --dask local --out DIR")
    from pathlib import Path

    from blocs.distributed import code_dask

    try:
        summary = code_dask(list(paths), out=Path(out_dir), address=address, n_workers=workers,
                            partition_size=partition_size, published=published,
                            actors_files=files)
    except (OSError, ValueError) as exc:
        fail(str(exc))
    click.echo(f"partitions {summary.partitions}, coded {summary.coded}, skipped "
               f"{summary.skipped}, failed {summary.failed}, documents {summary.documents}, "
               f"events {summary.events} in {summary.seconds:.1f} s -> {out_dir}")
    if summary.failed or summary.errors:
        sys.exit(1)


@main.command("events")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False),
              help="Read a Parquet dataset written by ingest --dask instead of --db.")
@click.option("--db", default="blocs.duckdb", show_default=True, help="DuckDB file to read.")
@click.option("--actor", help="Country (ISO3) or actor id among the actors.")
@click.option("--recipient", help="Country (ISO3) or actor id among the recipients.")
@click.option("--type", "type_", help="PLOVER event type, e.g. CONSULT.")
@click.option("--since", help="First date (YYYY-MM-DD), inclusive.")
@click.option("--until", help="Last date (YYYY-MM-DD), inclusive.")
@click.option("--status", help="asserted, negated, hypothetical, future or alleged.")
@click.option("--grep", help="Text the event's sentence contains (case-insensitive).")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(EVENT_FORMATS), default="table",
              show_default=True, help=EVENT_FORMAT_HELP)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write events here instead of stdout.")
def events_cmd(parquet_dir, db, actor, recipient, type_, since, until, status, grep, limit,
               fmt, output):
    """Query events stored by blocs ingest: filter by actor, recipient, type, dates, text."""
    from blocs.documents import parse_published
    from blocs.store import StoreError, open_store

    if fmt == "parquet" and not output:
        fail("--format parquet writes a binary file: give -o FILE")

    for name, value in (("--since", since), ("--until", until)):
        try:
            parse_published(value)
        except ValueError:
            fail(f"{name} is not an ISO date (YYYY-MM-DD): {value!r}")
    if parquet_dir:
        from pathlib import Path

        from blocs.distributed import query_parquet

        if not Path(parquet_dir).is_dir():
            fail(f"no Parquet dataset at {parquet_dir}")
        try:
            events = query_parquet(Path(parquet_dir), actor=actor, recipient=recipient,
                                   type=type_, since=since, until=until, status=status,
                                   limit=None if grep else limit)
        except Exception as exc:  # noqa: BLE001 — DuckDB errors on a bad dataset
            fail(f"cannot read {parquet_dir}: {exc}")
        if grep:
            events = [e for e in events if grep.lower() in e["text"].lower()][:limit]
        docs = {}
        if fmt in ("plover", "plover-json", "gdelt", "acled"):
            from blocs.distributed import query_documents

            docs = {str(d["id"]): d for d in query_documents(Path(parquet_dir))}
        n = _write_events(events, output, fmt, docs)
        if output:
            click.echo(f"{n} events written to {output}", err=True)
        return
    try:
        with open_store(db, read_only=True) as store:
            events = store.events(actor=actor, recipient=recipient, type=type_, since=since,
                                  until=until, status=status, grep=grep, limit=limit)
            docs = _document_meta(store, events) if fmt in ("plover", "plover-json", "gdelt",
                                                            "acled") else {}
    except StoreError as exc:
        fail(str(exc))
    n = _write_events(events, output, fmt, docs)
    if output:
        click.echo(f"{n} events written to {output}", err=True)


def _document_meta(store, events) -> dict[str, dict]:
    """url, title, source and published of the events' documents (for PLOVER, GDELT and
    ACLED output's source fields)."""
    ids = sorted({str(e["doc_id"]) for e in events})
    rows = store.con.execute("SELECT id, url, title, source, published FROM documents "
                             "WHERE id IN (SELECT unnest($1::VARCHAR[]))", [ids]).fetchall()
    return {r[0]: {"url": r[1], "title": r[2], "source": r[3],
                   "published": r[4].isoformat() if r[4] else None} for r in rows}


# Network commands (blocs.network): dyads → signed graphs per window → blocs, alignment.

NETWORK_FORMATS = click.Choice(["table", "jsonl", "json", "csv"])


def _network_input(f):
    """PATHS and the options every network command shares: where events come from, which
    dates, statuses and actor level, how events are weighted and merged."""
    options = [
        click.argument("paths", nargs=-1),
        click.option("--db", default="blocs.duckdb", show_default=True,
                     help="DuckDB file written by blocs ingest (when no PATHS are given)."),
        click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False),
                     help="Read a Parquet dataset written by ingest --dask instead of --db."),
        click.option("--published", help="Publication date (YYYY-MM-DD) for text PATHS "
                     "coded on the fly."),
        click.option("--since", help="First date (YYYY-MM-DD), inclusive."),
        click.option("--until", help="Last date (YYYY-MM-DD), inclusive."),
        click.option("--level", type=click.Choice(["country", "sector", "id"]),
                     default="country", show_default=True,
                     help="Actor level: ISO3 country, country+sector (RUSMIL), or actor id."),
        click.option("--weight", "weighting", type=click.Choice(["plover", "goldstein"]),
                     default="plover", show_default=True,
                     help="Event weight: PLOVER cooperation-conflict score or Goldstein."),
        click.option("--status", default="asserted", show_default=True,
                     help="Statuses counted, comma-separated, or 'all'."),
        click.option("--merge/--no-merge", "merge", default=True, show_default=True,
                     help="Merge reports of the same event across and within documents."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _network_dyads(paths, db, parquet_dir, published, since, until, level, weighting, status,
                   merge):
    """Dyads from PATHS (event JSONL, or documents coded now), --parquet or --db."""
    from blocs import network
    from blocs.documents import parse_published

    published = _published(published)
    for name, value in (("--since", since), ("--until", until)):
        try:
            parse_published(value)
        except ValueError:
            fail(f"{name} is not an ISO date (YYYY-MM-DD): {value!r}")
    try:
        dyads, evset = network.prepare(
            paths=paths, db=db, parquet=parquet_dir, published=published, since=since,
            until=until, level=level, weight=weighting,
            statuses=network.parse_statuses(status), merge=merge, nlp=lambda: _nlp())
    except (ValueError, OSError) as exc:  # NetworkError is a ValueError; unreadable files
        fail(str(exc))
    for warning in evset.warnings:
        click.echo(f"Warning: skipped {warning}", err=True)
    return dyads


def _about(dyads, window: str, status: str) -> str:
    return (f"{dyads.level} level, window {window}, {status} events, "
            f"{'PLOVER' if dyads.weighting == 'plover' else 'Goldstein'}-weighted")


@main.command("blocs")
@_network_input
@click.option("--window", type=click.Choice(["all", "year", "quarter", "month"]),
              default="all", show_default=True, help="One partition per time window.")
@click.option("--resolution", type=click.FloatRange(min=0, min_open=True), default=1.0,
              show_default=True, help="Signed-modularity resolution: higher, smaller blocs.")
@click.option("--format", "fmt", type=NETWORK_FORMATS, default="table", show_default=True,
              help="Output format (rows: one per window and bloc).")
def blocs_cmd(paths, db, parquet_dir, published, since, until, level, weighting, status,
              merge, window, resolution, fmt):
    """Blocs of actors per time window: cooperation inside, conflict between.

    Signed-modularity community detection (Louvain moves, deterministic); each bloc with
    its members (most central first), cohesion and strongest ties inside and across.
    Labels follow a bloc from window to window by member overlap.
    """
    from blocs import network
    from blocs.network import render

    dyads = _network_dyads(paths, db, parquet_dir, published, since, until, level,
                           weighting, status, merge)
    try:
        graphs = network.build_graphs(dyads, window=window, since=since, until=until)
    except network.NetworkError as exc:
        fail(str(exc))
    windows = network.blocs_over_time(graphs, resolution=resolution)
    if fmt == "table":
        click.echo(render.blocs_table(windows, names=dyads.names), nl=False)
    else:
        render.write_rows(render.bloc_rows(windows), sys.stdout, fmt=fmt)


@main.command("dyad")
@click.argument("a")
@click.argument("b")
@_network_input
@click.option("--window", type=click.Choice(["all", "year", "quarter", "month"]),
              default="year", show_default=True, help="Time step of the series.")
@click.option("--format", "fmt", type=NETWORK_FORMATS, default="table", show_default=True,
              help="Output format (rows: one per window).")
def dyad_cmd(a, b, paths, db, parquet_dir, published, since, until, level, weighting, status,
             merge, window, fmt):
    """Time series of two actors: cooperation, conflict, net and alignment, with a chart.

    Alignment in [-1, 1] weighs their direct dyads double against their shared partners
    and adversaries (cosine of their stances toward third parties).
    """
    from blocs import network
    from blocs.network import render

    dyads = _network_dyads(paths, db, parquet_dir, published, since, until, level,
                           weighting, status, merge)
    try:
        i, j = dyads.index(a), dyads.index(b)
        graphs = network.build_graphs(dyads, window=window, since=since, until=until,
                                      fill=True)
    except network.NetworkError as exc:
        fail(str(exc))
    rows = network.dyad_series(graphs, i, j)
    rows = [{"a": dyads.nodes[i], "b": dyads.nodes[j], **r} for r in rows]
    if fmt == "table":
        click.echo(render.dyad_table(rows, dyads.nodes[i], dyads.nodes[j],
                                     about=_about(dyads, window, status)), nl=False)
    else:
        render.write_rows(rows, sys.stdout, fmt=fmt)


@main.command("actor")
@click.argument("name")
@_network_input
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="Partners and adversaries listed, each.")
@click.option("--evidence", type=click.IntRange(min=0), default=2, show_default=True,
              help="Evidence sentences per partner or adversary.")
@click.option("--format", "fmt", type=NETWORK_FORMATS, default="table", show_default=True,
              help="Output format (rows: one per partner or adversary).")
def actor_cmd(name, paths, db, parquet_dir, published, since, until, level, weighting,
              status, merge, top, evidence, fmt):
    """An actor's top partners and adversaries, each with its evidence sentences."""
    from blocs import network
    from blocs.network import render

    dyads = _network_dyads(paths, db, parquet_dir, published, since, until, level,
                           weighting, status, merge)
    try:
        profile = network.actor_profile(dyads, name, top=top, evidence=evidence)
    except network.NetworkError as exc:
        fail(str(exc))
    if fmt == "table":
        click.echo(render.actor_table(profile), nl=False)
    else:
        render.write_rows(render.actor_rows(profile, flat=fmt == "csv"), sys.stdout, fmt=fmt)


@main.command("graph")
@_network_input
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json"]),
              default="graphml", show_default=True,
              help="graphml (networkx, Gephi, yEd), gexf (Gephi), json (d3 node-link).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the graph here instead of stdout.")
@click.option("--resolution", type=click.FloatRange(min=0, min_open=True), default=1.0,
              show_default=True, help="Signed-modularity resolution for the bloc attribute.")
def graph_cmd(paths, db, parquet_dir, published, since, until, level, weighting, status,
              merge, fmt, output, resolution):
    """Export the signed actor graph of a period, with each actor's bloc, for Gephi,
    networkx or d3: edge weight = cooperation − conflict."""
    from blocs import network
    from blocs.network.formats import write_graph

    dyads = _network_dyads(paths, db, parquet_dir, published, since, until, level,
                           weighting, status, merge)
    graph = network.build_graphs(dyads, since=since, until=until)[0]
    if since or until:
        graph.label = f"{since or 'start'}..{until or 'end'}"
    blocs = network.find_blocs(graph, resolution=resolution)
    meta = {"level": level, "weight": weighting, "status": status}
    text = write_graph(graph, fmt, names=dyads.names, blocs=blocs, meta=meta)
    if output:
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}")
        click.echo(f"{len(graph.active())} actors, {len(graph.u)} ties written to {output}",
                   err=True)
    else:
        click.echo(text, nl=False)


@main.command("merge")
@click.argument("paths", nargs=-1)
@click.option("--db", default="blocs.duckdb", show_default=True,
              help="DuckDB file written by blocs ingest (when no PATHS are given).")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False),
              help="Read a Parquet dataset written by ingest --dask instead of --db.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for text PATHS.")
@click.option("--since", help="First date (YYYY-MM-DD), inclusive.")
@click.option("--until", help="Last date (YYYY-MM-DD), inclusive.")
@click.option("--status", default="asserted", show_default=True,
              help="Statuses kept, comma-separated, or 'all'.")
@click.option("--slack-days", type=click.IntRange(min=0), default=1, show_default=True,
              help="How many days apart two reports' dates may be and still be one event.")
@click.option("--min-mentions", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only events reported at least this many times.")
@click.option("--format", "fmt", type=NETWORK_FORMATS, default="table", show_default=True,
              help="Output format (jsonl/json: full merged records with their mentions).")
def merge_cmd(paths, db, parquet_dir, published, since, until, status, slack_days,
              min_mentions, fmt):
    """Merge reports of the same event across documents (GDELT NumMentions/NumSources):
    same type, parties, overlapping dates and compatible place; every mention kept."""
    from blocs import network
    from blocs.documents import parse_published
    from blocs.export import write
    from blocs.network import render

    published = _published(published)
    for name, value in (("--since", since), ("--until", until)):
        try:
            parse_published(value)
        except ValueError:
            fail(f"{name} is not an ISO date (YYYY-MM-DD): {value!r}")
    try:
        keep = set(network.parse_statuses(status))
        evset = network.load_events(paths=paths, db=db, parquet=parquet_dir,
                                    published=published, since=since, until=until,
                                    nlp=lambda: _nlp())
    except (ValueError, OSError) as exc:
        fail(str(exc))
    for warning in evset.warnings:
        click.echo(f"Warning: skipped {warning}", err=True)
    events = [e for e in evset.events if e.get("status", "asserted") in keep]
    merged = network.merge_events(events, documents=evset.documents, slack_days=slack_days)
    merged = [m for m in merged if m["num_mentions"] >= min_mentions]
    if fmt == "table":
        click.echo(render.merged_table(merged), nl=False)
    elif fmt == "csv":
        render.write_rows(render.merged_rows(merged), sys.stdout, fmt="csv")
    else:
        write(merged, sys.stdout, fmt=fmt)


# Views (blocs.web): a local web explorer and a self-contained HTML report.

def _readable_db(db: str) -> None:
    from blocs.store import StoreError, open_store

    try:
        open_store(db, read_only=True).close()
    except StoreError as exc:
        fail(str(exc))


@main.command("serve")
@click.option("--db", default="blocs.duckdb", show_default=True,
              help="DuckDB file written by blocs ingest.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")
def serve_cmd(db, host, port):
    """Explore a database in the browser: the alliance network by time window, actors,
    dyads, a filterable events table and documents with every grounded span highlighted;
    a JSON API behind each page (/api, /openapi.json). Nothing is loaded from the internet."""
    import socket

    _readable_db(db)
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, port))
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    import uvicorn

    from blocs.web import create_app

    click.echo(f"blocs explorer of {db} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(create_app(db, warm=True), host=host, port=port, log_level="warning")


@main.command("report")
@click.option("--db", default="blocs.duckdb", show_default=True,
              help="DuckDB file written by blocs ingest.")
@click.option("-o", "--output", default="report.html", show_default=True,
              type=click.Path(dir_okay=False, writable=True), help="HTML file to write.")
@click.option("--since", help="First date (YYYY-MM-DD) of the network and events, inclusive.")
@click.option("--until", help="Last date (YYYY-MM-DD), inclusive.")
@click.option("--level", type=click.Choice(["country", "sector", "id"]), default="country",
              show_default=True, help="Actor level of the network.")
@click.option("--status", default="asserted", show_default=True,
              help="Statuses the network counts, comma-separated, or 'all'.")
@click.option("--max-events", type=click.IntRange(min=0), default=5000, show_default=True,
              help="Events in the table (the newest).")
@click.option("--max-documents", type=click.IntRange(min=0), default=50, show_default=True,
              help="Annotated documents (those with the most events).")
def report_cmd(db, output, since, until, level, status, max_events, max_documents):
    """Write one self-contained HTML file to share by email: the network and its blocs, the
    events table (filter, sort, page) and the annotated documents. It makes no request."""
    from blocs.documents import parse_published
    from blocs.network import NetworkError
    from blocs.web.data import NotFound, Unavailable
    from blocs.web.report import write_report

    for name, value in (("--since", since), ("--until", until)):
        try:
            parse_published(value)
        except ValueError:
            fail(f"{name} is not an ISO date (YYYY-MM-DD): {value!r}")
    _readable_db(db)
    try:
        size = write_report(db, output, since=since and since[:10], until=until and until[:10],
                            level=level, status=status, max_events=max_events,
                            max_documents=max_documents)
    except (NetworkError, NotFound, Unavailable) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    click.echo(f"report written to {output} ({size / 1024:.0f} KiB)", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
