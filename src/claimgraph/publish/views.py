"""claimgraph's Datasette pages and routes, all under ``/-/claimgraph/`` (plus ``/robots.txt``).

Each view picks the database (``?db=NAME``, else the first served database with a
claimgraph schema), checks that the actor may view it, loads its rows through
:mod:`claimgraph.publish.records` and renders a template that extends Datasette's
``base.html``. Links are built with ``datasette.urls`` so a ``base_url`` setting works.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from urllib.parse import urlencode

import sqlite_utils
from datasette.database import Database
from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import AsgiStream, NotFound, Response
from markupsafe import Markup

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

    def story(self, cluster_id: str) -> str:
        """The timeline page of a claim cluster."""
        return self._plugin(f"story/{tilde_encode(cluster_id)}")

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


async def claimgraph_databases(datasette, request) -> list[Database]:
    """Every served database with a claimgraph schema that the actor may view, in the order served."""
    found = []
    for name, database in datasette.databases.items():
        if name.startswith("_") or not await records.is_claimgraph(database):
            continue
        if await datasette.permission_allowed(request.actor, "view-database", resource=name, default=True):
            found.append(database)
    return found


async def home(datasette, request) -> Response:
    """The overview of one database; with several served (one per period), a table of them all first."""
    database = await claimgraph_database(datasette, request)
    overview = await records.load_overview(database)
    served = await claimgraph_databases(datasette, request)
    periods = []
    if len(served) > 1:
        for other in served:
            period = await records.load_period(other)
            period["home"] = PageUrls(datasette, other.name).home()
            periods.append(period)
    return await _render(datasette, request, "claimgraph_home.html", database,
                         {"overview": overview, "periods": periods})


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
        reason = ("the search could not read it (an unmatched double quote, or AND, OR, NOT or NEAR without "
                  "words around it)" if "syntax error" in str(problem) else str(problem))
        results, error, status = {}, f"Cannot search for {q!r}: {reason}. Try plain words.", 400
    response = await _render(
        datasette, request, "claimgraph_search.html", database,
        {"q": q, "results": results, "limit": limit, "error": error,
         "total": sum(len(rows) for rows in results.values())},
    )
    response.status = status
    return response


async def _record_page(datasette, request, kind: str, load, template: str, context_key: str) -> Response:
    """A page about one row (claim, article or actor), 404 when the id is unknown."""
    database, _row_id, record = await _find_record(datasette, request, load, f"{kind}_id", kind)
    return await _render(datasette, request, template, database, {context_key: record})


async def _find_record(datasette, request, load, url_var: str, what: str):
    """The database, the row id in the URL and the record ``load`` reads for it; 404 naming ``what`` when it reads none."""
    database = await claimgraph_database(datasette, request)
    row_id = tilde_decode(request.url_vars[url_var])
    record = await load(database, row_id)
    if record is None:
        raise NotFound(f"No {what} {row_id!r}")
    return database, row_id, record


async def claim_page(datasette, request) -> Response:
    """A claim's page; a checked claim carries its schema.org ClaimReview as JSON-LD in the page's head."""
    from ..graph.claimreview import DEFAULT_PUBLISHER, claim_review

    database, claim_id, claim = await _find_record(datasette, request, records.load_claim, "claim_id", "claim")
    review = None
    if claim["evidence"]:
        publisher = datasette.metadata("title") or DEFAULT_PUBLISHER
        page = datasette.absolute_url(request, PageUrls(datasette, database.name).claim(claim_id))
        review = await database.execute_fn(
            lambda conn: claim_review(conn, claim_id, publisher=publisher, page_url=lambda _: page))
    if claim["cluster"]:
        link_earlier_reports(datasette, claim["cluster"]["earlier"])
    claim["continued_in"] = await continued_in(datasette, request, database, claim_id)
    return await _render(datasette, request, "claimgraph_claim.html", database,
                         {"claim": claim, "claimreview": script_json(review) if review else None})


async def continued_in(datasette, request, database: Database, claim_id: str) -> list[dict]:
    """The stories of other served databases (later periods) that continue with this claim: name and story page."""
    found = []
    for other in await claimgraph_databases(datasette, request):
        if other.name == database.name or not await other.table_exists("claim_cluster_earlier"):
            continue
        row = (await other.execute("select cluster_id from claim_cluster_earlier where claim_id = :id and period = :period",
                                   {"id": claim_id, "period": database.name})).first()
        if row is not None:
            found.append({"period": other.name, "story": PageUrls(datasette, other.name).story(row[0])})
    return found


def link_earlier_reports(datasette, reports: list[dict]) -> None:
    """Give each report of a previous period the address of its claim page, when that period's database is served."""
    for report in reports:
        served = report["period"] in datasette.databases
        report["page"] = PageUrls(datasette, report["period"]).claim(report["claim_id"]) if served else None


def script_json(data) -> Markup:
    """JSON to put inside a ``<script>`` element: ``<``, ``>`` and ``&`` escaped, so text cannot close the element."""
    text = json.dumps(data, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


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


GRAPH_VIEWS = ("actors", "provenance")

# What a refused (too large) selection can be narrowed with, by view: the filters' names in the form.
NARROWING = {
    "actors": "an actor, a story, edge types, dates or a higher minimum of claims per edge",
    "provenance": "an actor (at a smaller depth), a story, claim types or dates, or the actor network view",
}


def graph_limits(datasette) -> dict:
    """The node limits: ``page`` (what the graph page draws) and ``export`` (what a public export route
    may hold; None when the server runs the private profile, see :mod:`claimgraph.publish.public`)."""
    from .public import public_limits

    graph_config = plugin_config(datasette).get("graph", {})
    public = public_limits(datasette.plugin_config("claimgraph")) is not None
    return {"page": graph_config.get("max_page_nodes", 500),
            "export": graph_config.get("max_export_nodes", 20000) if public else None,
            "default_depth": graph_config.get("default_depth", 1)}


async def graph_page(datasette, request) -> Response:
    """The graph page: the actor network (default) or, with ``?view=provenance``, the full provenance graph."""
    database = await claimgraph_database(datasette, request)
    limits = graph_limits(datasette)
    view = request.args.get("view") or "actors"
    error = None
    if view not in GRAPH_VIEWS:
        view, error = "actors", f"view must be actors or provenance, not {request.args.get('view')!r}"
    try:
        filters = (network_filter_args(request) if view == "actors"
                   else graph_filter_args(request, default_depth=limits["default_depth"]))
    except GraphRequestError as problem:
        filters, error = {"depth": 1, "claim_types": (), "edge_types": (), "min_count": 1}, str(problem)
    actors = await records.actor_choices(database)
    wanted = filters.get("actor")
    named = await records.actors_named(database, wanted) if wanted else []
    actor_name = named[0]["name"] if len(named) == 1 else wanted
    query = [(key, value) for key in request.args.keys() if key != "view" for value in request.args.getlist(key)]
    query_string = urlencode(query)
    data_route = "-/claimgraph/network.json" if view == "actors" else "-/claimgraph/graph.json"
    from ..graph.actor_network import EDGE_TYPES

    return await _render(
        datasette, request, "claimgraph_graph.html", database,
        {
            "view": view,
            "filters": filters,
            "actor_name": actor_name,
            "error": error,
            "actors": actors,
            "clusters": await records.cluster_choices(database),
            "claim_types": vocabulary().claim_types,
            "edge_types": EDGE_TYPES,
            "max_nodes": limits["page"],
            "max_export_nodes": limits["export"],
            "data_url": datasette.urls.path(data_route) + (f"?{query_string}" if query_string else ""),
            # the same filters (and ?db=) in the other view
            "switch_url": datasette.urls.path("-/claimgraph/graph") + "?" + urlencode(
                [*query, ("view", "provenance" if view == "actors" else "actors")]),
            "export_query": f"?{query_string}" if query_string else "",
        },
    )


def _depth(request, default: int, most: int) -> int:
    depth_text = request.args.get("depth") or str(default)
    if not depth_text.isdigit() or not 1 <= int(depth_text) <= most:
        raise GraphRequestError(f"depth must be a whole number from 1 to {most}, not {depth_text!r}")
    return int(depth_text)


def graph_filter_args(request, default_depth: int = 1) -> dict:
    """The provenance graph filters a request asks for, as GraphFilter keyword arguments (depth checked)."""
    return {
        "actor": request.args.get("actor") or None,
        "depth": _depth(request, default_depth, 6),
        "since": request.args.get("since") or None,
        "until": request.args.get("until") or None,
        "claim_types": tuple(t for t in request.args.getlist("type") if t),
        "cluster": request.args.get("cluster") or None,
    }


def network_filter_args(request) -> dict:
    """The actor network filters a request asks for, as NetworkFilter keyword arguments (depth and minimum checked)."""
    min_text = request.args.get("min") or "1"
    if not min_text.isdigit() or int(min_text) < 1:
        raise GraphRequestError(f"min (claims per edge) must be a whole number from 1, not {min_text!r}")
    return {
        "actor": request.args.get("actor") or None,
        "depth": _depth(request, 1, 3),
        "since": request.args.get("since") or None,
        "until": request.args.get("until") or None,
        "edge_types": tuple(t for t in request.args.getlist("edge") if t),
        "cluster": request.args.get("cluster") or None,
        "min_count": int(min_text),
    }


def _too_large(nodes: int, limit: int, view: str, what: str) -> Response:
    return _error(
        413,
        f"This selection has {nodes} nodes, more than the {limit} {what}; narrow it with {NARROWING[view]}.",
        nodes=nodes, limit=limit, narrow_with=NARROWING[view],
    )


def _requested_limit(request, configured: int | None) -> int | None:
    """The smaller of the configured limit (None: none) and ``?max_nodes=N`` (the graph page asks for its own)."""
    asked = request.args.get("max_nodes")
    if not (asked and asked.isdigit()):
        return configured
    return int(asked) if configured is None else min(configured, int(asked))


async def network_json(datasette, request) -> Response:
    """The actor network for the filters in the URL as Cytoscape.js JSON, each edge with the claims behind it.

    The selection is counted in SQL first; above the page's node limit (or ``?max_nodes=N``)
    it is refused with status 413 and the filters that would narrow it, and nothing is built.
    """
    from ..graph.actor_network import NetworkFilter, build_network, count_network

    database = await claimgraph_database(datasette, request)
    limit = _requested_limit(request, graph_limits(datasette)["page"])
    try:
        network_filter = NetworkFilter(**network_filter_args(request))
        size = await database.execute_fn(lambda conn: count_network(sqlite_utils.Database(conn), network_filter))
        if size.nodes > limit:
            return _too_large(size.nodes, limit, "actors", "that can be drawn")
        network = await database.execute_fn(lambda conn: build_network(sqlite_utils.Database(conn), network_filter))
    except ClaimgraphError as error:
        return _error(400, str(error))
    urls = PageUrls(datasette, database.name)
    for node in network.nodes:
        node["page"] = urls.actor(node["row_id"])
    for edge in network.edges:
        for claim in edge["claims"]:
            claim["page"] = urls.claim(claim["id"])
    return Response.json({"elements": network.elements(), "centres": network.centres},
                         headers=cache_headers(datasette, database))


async def graph_export(datasette, request) -> Response | AsgiStream:
    """The provenance graph for the filters in the URL, in the format of the route's extension.

    ``.csv`` gives the nodes, or the edges with ``?part=edges`` (``?style=`` kumu, flourish
    or neo4j headers). ``.json`` is Cytoscape.js JSON, or D3 node-link with ``?format=d3``.
    The selection's nodes are counted in SQL before anything is built: above the configured
    ``max_export_nodes`` of the public profile (or, for ``.json``, ``?max_nodes=N``, which the
    graph page sends) the request is refused with status 413 and the filters that would narrow
    it. The private profile and ``claimgraph export`` have no limit. The graph is built and serialised in worker threads,
    so a large export does not stall other requests.
    """
    from ..graph.build import GraphFilter, build_graph, count_nodes
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
    limits = graph_limits(datasette)
    limit = _requested_limit(request, limits["export"]) if ext == "json" else limits["export"]
    try:
        graph_filter = GraphFilter(**graph_filter_args(request, default_depth=limits["default_depth"]))
        nodes = await database.execute_fn(lambda conn: count_nodes(sqlite_utils.Database(conn), graph_filter))
        if limit is not None and nodes > limit:
            what = ("a public export may hold (`claimgraph export` has no limit)" if limit == limits["export"]
                    else "that can be drawn")
            return _too_large(nodes, limit, "provenance", what)
        graph = await database.execute_fn(lambda conn: build_graph(sqlite_utils.Database(conn), graph_filter))
    except ClaimgraphError as error:
        return _error(400, str(error))
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


async def story_page(datasette, request) -> Response:
    """A story (claim cluster) as a timeline: who reported it first, how its figure changed, what was measured."""
    from .storychart import story_chart

    database, _cluster_id, story = await _find_record(datasette, request, records.load_story, "cluster_id", "story (claim cluster)")
    story["chart"] = story_chart(story["reports"], story["measurements"])
    link_earlier_reports(datasette, story["earlier"])
    return await _render(datasette, request, "claimgraph_story.html", database, {"story": story})
