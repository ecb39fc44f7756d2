"""claimgraph's Datasette pages and routes, all under ``/-/claimgraph/`` (plus ``/robots.txt``).

Each view picks the database (``?db=NAME``, else the first served database with a
claimgraph schema), checks that the actor may view it, loads its rows through
:mod:`claimgraph.publish.records` and renders a template that extends Datasette's
``base.html``. Links are built with ``datasette.urls`` so a ``base_url`` setting works.
"""

from __future__ import annotations

import asyncio
import sqlite3
from urllib.parse import urlencode

import sqlite_utils
from datasette.database import Database
from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import AsgiStream, NotFound, Response

from ..errors import ClaimgraphError
from ..vocabulary import vocabulary
from . import records

# route extension -> exporter formats it offers (the first is the default; ?format= picks another)
EXPORTS = {"gexf": ("gexf",), "graphml": ("graphml",), "json": ("cytoscape", "d3"), "csv": ("csv",)}

# hits shown per kind (claims, statements, articles); beyond that the page links to the table's own search
SEARCH_LIMIT = 20

# Graph node kinds without a claimgraph page open their Datasette row page.
ROW_TABLES = {
    "outlet": "outlets", "statement": "statements",
    "measurement": "measurements", "cluster": "claim_clusters",
}


class GraphRequestError(ClaimgraphError):
    """A graph URL asks for something that cannot be built (unknown actor, bad date or depth)."""


def plugin_config(datasette) -> dict:
    return datasette.plugin_config("claimgraph") or {}


async def claimgraph_database(datasette, request) -> Database:
    """The database a page is about: ``?db=NAME`` or the first one with a claimgraph schema; 404 otherwise."""
    name = request.args.get("db")
    candidates = [name] if name else [n for n in datasette.databases if not n.startswith("_")]
    for candidate in candidates:
        database = datasette.databases.get(candidate)
        if database is not None and await records.is_claimgraph(database):
            await datasette.ensure_permissions(request.actor, [("view-database", database.name), "view-instance"])
            return database
    raise NotFound(f"No claimgraph database {name!r}" if name else "No claimgraph database is served here")


def cache_headers(datasette, database: Database) -> dict:
    """Let browsers and proxies keep pages of an immutable database for ``default_cache_ttl`` seconds, as Datasette does."""
    ttl = datasette.setting("default_cache_ttl")
    return {} if database.is_mutable or not ttl else {"cache-control": f"max-age={ttl}"}


async def _render(datasette, request, template: str, database: Database, context: dict) -> Response:
    urls = PageUrls(datasette, database.name)
    html = await datasette.render_template(
        template,
        {"database": database.name, "cg": urls, "metadata": datasette.metadata(), **context},
        request=request,
    )
    return Response.html(html, headers=cache_headers(datasette, database))


class PageUrls:
    """Links between claimgraph pages and Datasette's, for templates (``cg.claim(id)``) and graph nodes."""

    def __init__(self, datasette, database: str):
        self.datasette = datasette
        self.database = database
        served = [name for name in datasette.databases if not name.startswith("_")]
        # pages of any database but the first served one carry ?db=NAME
        self.db_params = {} if served[:1] == [database] else {"db": database}

    def _plugin(self, path: str, **params: str) -> str:
        query = urlencode({**self.db_params, **{k: v for k, v in params.items() if v}})
        return self.datasette.urls.path(f"-/claimgraph/{path}") + (f"?{query}" if query else "")

    def home(self) -> str:
        return self._plugin("")

    def search(self) -> str:
        return self.datasette.urls.path("-/claimgraph/search")

    def claim(self, claim_id: str) -> str:
        return self._plugin(f"claim/{tilde_encode(claim_id)}")

    def actor(self, actor_id: str) -> str:
        return self._plugin(f"actor/{tilde_encode(actor_id)}")

    def article(self, article_id: str) -> str:
        return self._plugin(f"article/{tilde_encode(article_id)}")

    def graph(self, **filters: str) -> str:
        """The graph page, e.g. ``cg.graph(actor="north-korea")`` or ``cg.graph(cluster=id)``."""
        return self._plugin("graph", **filters)

    def export(self, ext: str) -> str:
        return self.datasette.urls.path(f"-/claimgraph/graph.{ext}")

    def row(self, table: str, row_id: str) -> str:
        return self.datasette.urls.row(self.database, table, tilde_encode(str(row_id)))

    def table(self, table: str) -> str:
        return self.datasette.urls.table(self.database, table)

    def query(self, name: str) -> str:
        return self.datasette.urls.query(self.database, name)

    def node(self, kind: str, row_id: str) -> str | None:
        """The page a graph node opens, or None for a kind without one.

        Ids go into paths tilde-encoded, as Datasette encodes row ids, and views decode them.
        """
        if kind == "actor":
            return self.actor(row_id)
        if kind == "claim":
            return self.claim(row_id)
        if kind == "article":
            return self.article(row_id)
        if kind in ROW_TABLES:
            return self.row(ROW_TABLES[kind], row_id)
        return None


# --------------------------------------------------------------------------- pages


async def home(datasette, request) -> Response:
    database = await claimgraph_database(datasette, request)
    overview = await records.load_overview(database)
    return await _render(datasette, request, "claimgraph_home.html", database, {"overview": overview})


async def search(datasette, request) -> Response:
    database = await claimgraph_database(datasette, request)
    q = (request.args.get("q") or "").strip()
    limit = SEARCH_LIMIT
    status = 200
    try:
        results, error = (await records.search(database, q, limit=limit) if q else {}), None
    except records.NotSearchable as problem:
        results, error = {}, str(problem)
    except sqlite3.OperationalError as problem:  # FTS5 cannot parse it (a lone quote, a NUL)
        results, error, status = {}, f"Cannot search for {q!r}: {problem}. Try plain words.", 400
    response = await _render(
        datasette, request, "claimgraph_search.html", database,
        {"q": q, "results": results, "limit": limit, "error": error,
         "total": sum(len(rows) for rows in results.values())},
    )
    response.status = status
    return response


async def _record_page(datasette, request, kind: str, load, template: str, context_key: str) -> Response:
    """A page about one row (claim, article or actor), 404 when the id is unknown."""
    database = await claimgraph_database(datasette, request)
    row_id = tilde_decode(request.url_vars[f"{kind}_id"])
    record = await load(database, row_id)
    if record is None:
        raise NotFound(f"No {kind} {row_id!r}")
    return await _render(datasette, request, template, database, {context_key: record})


async def claim_page(datasette, request) -> Response:
    return await _record_page(datasette, request, "claim", records.load_claim, "claimgraph_claim.html", "claim")


async def article_page(datasette, request) -> Response:
    return await _record_page(datasette, request, "article", records.load_article, "claimgraph_article.html", "article")


async def actor_page(datasette, request) -> Response:
    """An actor's page; a name or alias in place of the id opens the page of the one actor it
    names, or lists the actors when it names several (as ``claimgraph query`` would find them)."""
    database = await claimgraph_database(datasette, request)
    text = tilde_decode(request.url_vars["actor_id"])
    profile = await records.load_actor(database, text)
    if profile is not None:
        return await _render(datasette, request, "claimgraph_actor.html", database, {"profile": profile})
    named = await records.actors_named(database, text)
    if not named:
        raise NotFound(f"No actor {text!r}")
    if len(named) == 1:
        return Response.redirect(PageUrls(datasette, database.name).actor(named[0]["id"]))
    return await _render(datasette, request, "claimgraph_actors.html", database, {"name": text, "actors": named})


async def graph_page(datasette, request) -> Response:
    database = await claimgraph_database(datasette, request)
    graph_config = plugin_config(datasette).get("graph", {})
    try:
        filters, error = graph_filter_args(request, default_depth=graph_config.get("default_depth", 1)), None
    except GraphRequestError as problem:
        filters, error = {"depth": graph_config.get("default_depth", 1), "claim_types": ()}, str(problem)
    query = request.query_string
    actors = await records.actor_choices(database)
    wanted = filters.get("actor")
    named = await records.actors_named(database, wanted) if wanted else []
    actor_name = named[0]["name"] if len(named) == 1 else wanted
    return await _render(
        datasette, request, "claimgraph_graph.html", database,
        {
            "filters": filters,
            "actor_name": actor_name,
            "error": error,
            "actors": actors,
            "clusters": await records.cluster_choices(database),
            "claim_types": vocabulary().claim_types,
            "max_nodes": graph_config.get("max_page_nodes", 500),
            "data_url": datasette.urls.path("-/claimgraph/graph.json") + (f"?{query}" if query else ""),
            "export_query": f"?{query}" if query else "",
        },
    )


def graph_filter_args(request, default_depth: int = 1) -> dict:
    """The graph filters a request asks for, as GraphFilter keyword arguments (depth checked)."""
    depth_text = request.args.get("depth") or str(default_depth)
    if not depth_text.isdigit() or not 1 <= int(depth_text) <= 6:
        raise GraphRequestError(f"depth must be a whole number from 1 to 6, not {depth_text!r}")
    return {
        "actor": request.args.get("actor") or None,
        "depth": int(depth_text),
        "since": request.args.get("since") or None,
        "until": request.args.get("until") or None,
        "claim_types": tuple(t for t in request.args.getlist("type") if t),
        "cluster": request.args.get("cluster") or None,
    }


async def graph_export(datasette, request) -> Response | AsgiStream:
    """The (uncapped) graph for the filters in the URL, in the format of the route's extension.

    ``.csv`` gives the nodes, or the edges with ``?part=edges`` (``?style=`` kumu, flourish
    or neo4j headers). ``.json`` is Cytoscape.js JSON, or D3 node-link with ``?format=d3``;
    with ``?max_nodes=N`` a larger graph is refused with status 413, which the graph page
    uses to ask for narrower filters instead of drawing a hairball. The graph is built and
    serialised in worker threads, so a large export does not stall other requests.
    """
    from ..graph.build import GraphFilter, build_graph
    from ..graph.export import CSV_STYLES, FORMATS, stream_graph

    database = await claimgraph_database(datasette, request)
    ext = request.url_vars["ext"]
    fmt = request.args.get("format") or EXPORTS[ext][0]
    if fmt not in EXPORTS[ext]:
        return _error(400, f"graph.{ext} comes as {' or '.join(EXPORTS[ext])}, not {fmt!r}")
    part = request.args.get("part") or ("nodes" if ext == "csv" else None)
    if ext == "csv" and part not in ("nodes", "edges"):
        return _error(400, f"part must be nodes or edges, not {part!r}")
    csv_style = request.args.get("style") or "kumu"
    if csv_style not in CSV_STYLES:
        return _error(400, f"style must be one of {', '.join(CSV_STYLES)}, not {csv_style!r}")
    graph_config = plugin_config(datasette).get("graph", {})
    try:
        graph_filter = GraphFilter(**graph_filter_args(request, default_depth=graph_config.get("default_depth", 1)))
        graph = await database.execute_fn(lambda conn: build_graph(sqlite_utils.Database(conn), graph_filter))
    except ClaimgraphError as error:
        return _error(400, str(error))
    max_nodes = request.args.get("max_nodes")
    if ext == "json" and max_nodes and max_nodes.isdigit() and graph.number_of_nodes() > int(max_nodes):
        return _error(
            413,
            f"The graph has {graph.number_of_nodes()} nodes, more than {max_nodes} can be drawn; "
            "narrow it with an actor, a story, claim types or dates, or download it.",
            nodes=graph.number_of_nodes(),
        )
    urls = PageUrls(datasette, database.name)
    for _, data in graph.nodes(data=True):
        page = urls.node(data.get("kind"), data.get("row_id"))
        if page:
            data["page"] = datasette.absolute_url(request, page)
    headers = cache_headers(datasette, database)
    if ext != "json":
        suffix = f"-{part}" if ext == "csv" else ""
        headers["content-disposition"] = f'attachment; filename="claimgraph{suffix}.{ext}"'
    chunks = stream_graph(graph, fmt, part=part if ext == "csv" else None, csv_style=csv_style)

    async def stream(writer):
        while (chunk := await asyncio.to_thread(next, chunks, None)) is not None:
            # each chunk is whole UTF-8 text; Datasette's writer encodes str
            await writer.write(chunk.decode("utf-8"))

    return AsgiStream(stream, headers=headers, content_type=f"{FORMATS[fmt].media_type}; charset=utf-8")


def _error(status: int, message: str, **extra) -> Response:
    return Response.json({"ok": False, "error": message, **extra}, status=status)


async def robots_txt(datasette, request) -> Response:
    """``/robots.txt``: every crawler blocked, unless the robots setting allows crawling the pages."""
    robots = plugin_config(datasette).get("robots", {})
    lines = ["User-agent: *"]
    if robots.get("allow", False):
        lines += [f"Disallow: {datasette.urls.path(path)}" for path in robots.get("disallow", [])] or ["Disallow:"]
    else:
        lines.append("Disallow: /")
    return Response.text("\n".join(lines) + "\n")

