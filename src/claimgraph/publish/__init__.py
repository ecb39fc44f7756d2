"""Publishing: prepare a database (:mod:`.prepare`), serve it (:mod:`.serve`) and the Datasette plugin.

This package is the plugin that the ``datasette`` entry point registers
(``claimgraph = "claimgraph.publish"``). Datasette looks for the plugin's hooks on this
module and for its ``templates/`` and ``static/`` folders next to it, so the hooks,
written in :mod:`.plugin`, are imported here.
"""

from .plugin import (
    asgi_wrapper,
    canned_queries,
    get_metadata,
    menu_links,
    permission_allowed,
    prepare_connection,
    register_routes,
    render_cell,
    startup,
)

__all__ = [
    "asgi_wrapper", "canned_queries", "get_metadata", "menu_links", "permission_allowed",
    "prepare_connection", "register_routes", "render_cell", "startup",
]
