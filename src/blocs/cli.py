"""Command line: thin commands over the library. User errors print one line and exit 1."""

from __future__ import annotations

import json
import sys

import click

from blocs import __version__

FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]),
                             default="jsonl", show_default=True, help="Output format.")


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
@FORMAT_OPTION
@click.option("--published", help="Publication date (YYYY-MM-DD) anchoring relative dates "
              "of plain-text input; a JSONL line's own 'published' wins.")
@click.option("--actors", "actors_files", multiple=True, type=click.Path(exists=True,
              dir_okay=False), help="Extra actor dictionary YAML (repeatable).")
@click.option("--all-statuses/--asserted-only", default=True, show_default=True,
              help="Also output negated, hypothetical, future and alleged events.")
def code_cmd(paths, output, fmt, published, actors_files, all_statuses):
    """Code news documents (PATHS: .txt, .jsonl, directories, or - for stdin) into events."""
    from blocs.documents import ReadError, read
    from blocs.export import write
    from blocs.pipeline import process

    published = _published(published)
    nlp = _nlp(tuple(actors_files))
    errors: list[str] = []

    def documents():
        for item in read(paths, published=published):
            if isinstance(item, ReadError):
                errors.append(f"{item.source}: {item.error}")
                continue
            yield item

    def events():
        for document, evs, error in process(nlp, documents(), published=published):
            if error:
                errors.append(f"{document.id}: {error}")
                continue
            for ev in evs or []:
                if all_statuses or ev["status"] == "asserted":
                    yield ev

    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        n = write(events(), out, fmt=fmt)
    finally:
        if output:
            out.close()
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
def ingest_cmd(paths, db, published, processes, batch_size, recode, silent, actors_files,
               dask_address, out_dir, workers, partition_size):
    """Code documents (PATHS: .txt, .jsonl, directories, -) into a DuckDB store, resumably.

    Each batch is committed in one transaction; a re-run skips documents already coded by
    this coder version. Exits 1 when any document failed (they are kept as failed rows).
    """
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
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv", "json"]),
              default="table", show_default=True, help="Output format.")
def events_cmd(parquet_dir, db, actor, recipient, type_, since, until, status, grep, limit,
               fmt):
    """Query events stored by blocs ingest: filter by actor, recipient, type, dates, text."""
    from blocs.documents import parse_published
    from blocs.export import write
    from blocs.store import StoreError, open_store

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
        write(events, sys.stdout, fmt=fmt)
        return
    try:
        with open_store(db, read_only=True) as store:
            events = store.events(actor=actor, recipient=recipient, type=type_, since=since,
                                  until=until, status=status, grep=grep, limit=limit)
    except StoreError as exc:
        fail(str(exc))
    write(events, sys.stdout, fmt=fmt)


if __name__ == "__main__":  # pragma: no cover
    main()
