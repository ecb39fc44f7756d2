"""claimgraph's Datasette hooks. ``claimgraph/publish/__init__.py`` re-exports them for the entry point.

* ``register_routes``: the claim, article, actor, graph, story timeline, search and home pages,
  the actor network JSON, the graph exports and ``/robots.txt`` (see :mod:`claimgraph.publish.views`).
* ``canned_queries``: one canned query per :data:`claimgraph.queries.QUERIES`
  entry, for every database with a claimgraph schema. None of them writes.
* ``prepare_connection``: the name functions the queries call to find actors
  (:func:`claimgraph.names.register_sql_functions`).
* ``get_metadata``: the table and column descriptions of ``claimgraph.schema`` for every served
  claimgraph database, so even ``datasette news.db`` documents its tables; a local
  metadata.json still takes precedence.
* ``render_cell``: claim, actor and article ids link to their claimgraph pages.
* ``asgi_wrapper``: every response says ``nosniff``, may not be framed by other sites and
  sends no full referrer to them.
* ``startup``: a malformed ``plugins.claimgraph`` configuration stops the server with a
  message that names the key.
* ``prepare_connection`` (also), ``permission_allowed`` and the ``asgi_wrapper``'s closed paths apply
  the public profile (:mod:`claimgraph.publish.public`).
"""

from __future__ import annotations

import os
import sqlite3
from functools import lru_cache

from datasette import hookimpl
from markupsafe import Markup, escape

from ..names import register_sql_functions
from . import records, views
from .config import check_plugin_config
from .metadata import PACKAGED_METADATA, TEMPLATE_DATABASE, read_metadata, with_table_docs
from .public import limit_connection, public_limits

ID_PAGES = {("claims", "id"): "claim", ("actors", "id"): "actor", ("articles", "id"): "article"}
# In query results (no table), columns holding these ids link to the claimgraph page too.
QUERY_ID_COLUMNS = {
    "claim_id": "claim", "article_id": "article", "actor_id": "actor", "speaker_id": "actor",
    "source_actor_id": "actor", "subject_id": "actor", "object_id": "actor",
}

SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
)


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def with_security_headers(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            limits = public_limits(datasette.plugin_config("claimgraph"))
            if limits and _is_closed(datasette, scope["path"], limits["closed_paths"]):
                return await _not_found(send)

            async def send_with_headers(message):
                if message["type"] == "http.response.start":
                    present = {name.lower() for name, _ in message.get("headers", [])}
                    extra = [(name, value) for name, value in SECURITY_HEADERS if name not in present]
                    message = {**message, "headers": [*message.get("headers", []), *extra]}
                await send(message)

            return await app(scope, receive, send_with_headers)

        return with_security_headers

    return wrap


def _is_closed(datasette, path: str, closed: list[str]) -> bool:
    base = datasette.setting("base_url").rstrip("/")
    path = path[len(base):] if base and path.startswith(base) else path
    return any(path == prefix or path.startswith((f"{prefix}.", f"{prefix}/")) for prefix in closed)


async def _not_found(send) -> None:
    body = b"Not found\n"
    await send({"type": "http.response.start", "status": 404, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS,
    ]})
    await send({"type": "http.response.body", "body": body})


@hookimpl
def prepare_connection(conn, database, datasette):
    register_sql_functions(conn)
    limits = public_limits(datasette.plugin_config("claimgraph"))
    if limits and database != "_internal":
        limit_connection(conn, limits)


@hookimpl
def permission_allowed(datasette, actor, action, resource):
    limits = public_limits(datasette.plugin_config("claimgraph"))
    if limits and action == "view-table" and isinstance(resource, tuple) and resource[1] in limits["hidden_tables"]:
        return False
    return None


@hookimpl
def startup(datasette):
    check_plugin_config(datasette.plugin_config("claimgraph") or {}, source="metadata plugins")


@hookimpl
def register_routes():
    return [
        (r"^/robots\.txt$", views.robots_txt),
        (r"^/-/claimgraph/?$", views.home),
        (r"^/-/claimgraph/search$", views.search),
        (r"^/-/claimgraph/claim/(?P<claim_id>[^/]+)$", views.claim_page),
        (r"^/-/claimgraph/actor/(?P<actor_id>[^/]+)$", views.actor_page),
        (r"^/-/claimgraph/article/(?P<article_id>[^/]+)$", views.article_page),
        (r"^/-/claimgraph/graph$", views.graph_page),
        (r"^/-/claimgraph/graph\.(?P<ext>gexf|graphml|json|csv)$", views.graph_export),
        (r"^/-/claimgraph/network\.json$", views.network_json),
        (r"^/-/claimgraph/story/(?P<cluster_id>[^/]+)$", views.story_page),
    ]


@hookimpl
def canned_queries(datasette, database):
    async def inner():
        db = datasette.databases.get(database)
        if db is None or not await records.is_claimgraph(db):
            return {}
        from ..queries import QUERIES

        return {
            query.name: {
                "sql": query.sql.strip(),
                "title": query.title,
                "description": query.description,
                "params": list(query.params),
            }
            for query in QUERIES.values()
        }

    return inner


@lru_cache(maxsize=1)
def _table_docs() -> dict:
    return with_table_docs(read_metadata(PACKAGED_METADATA))["databases"][TEMPLATE_DATABASE]


@lru_cache(maxsize=64)
def _has_claimgraph_schema(path: str, mtime: float) -> bool:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            names = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
    except sqlite3.Error:
        return False
    return set(records.CLAIMGRAPH_TABLES) <= names


def _is_claimgraph_file(database) -> bool:
    if database.is_memory or not database.path:
        return False
    try:
        return _has_claimgraph_schema(database.path, os.path.getmtime(database.path))
    except OSError:
        return False


@hookimpl
def get_metadata(datasette, key, database, table):
    names = [name for name, db in datasette.databases.items() if not name.startswith("_") and _is_claimgraph_file(db)]
    if not names:
        return {}
    return {"databases": {name: _table_docs() for name in names}}


@hookimpl
def render_cell(value, column, table, database, datasette):
    if not isinstance(value, str) or not value:
        return None
    page = ID_PAGES.get((table, column)) if table else QUERY_ID_COLUMNS.get(column)
    if page is None:
        return None
    href = getattr(views.PageUrls(datasette, database), page)(value)
    return Markup(f'<a href="{escape(href)}" title="Open the {page} page">{escape(value)}</a>')


@hookimpl
def menu_links(datasette):
    return [
        {"href": datasette.urls.path("-/claimgraph"), "label": "claimgraph explorer"},
        {"href": datasette.urls.path("-/claimgraph/search"), "label": "Search claims and articles"},
        {"href": datasette.urls.path("-/claimgraph/graph"), "label": "Graph"},
    ]
