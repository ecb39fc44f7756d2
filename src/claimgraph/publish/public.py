"""The public profile of ``claimgraph serve``: what one anonymous request may cost, see and download.

``claimgraph serve`` runs this profile unless ``--private`` (``plugins.claimgraph.profile``
in datasette.yaml). The limits are data (:data:`PUBLIC_DEFAULTS`, overridable under
``plugins.claimgraph.public``) and the plugin hooks apply them:

* every SQLite connection (``prepare_connection``) gets SQLite's length limit, so
  ``select randomblob(1000000000)`` fails at once instead of building a gigabyte, and a row
  factory that counts the bytes of a query's values and stops it past ``max_result_bytes``.
  Datasette's ``sql_time_limit_ms`` bounds the time; these bound the size, which the time
  limit does not (a few seconds of SQLite can make gigabytes that Datasette then encodes
  on its event loop, stalling every other request);
* an authorizer refuses to read the ``hidden_tables`` (the raw pages in ``article_html``)
  through any table page or SQL query, and the permission hook hides them from listings;
* ``closed_paths`` (Datasette's versions, threads, databases and plugins pages, which show
  the software, its threads and local file paths) answer 404;
* Datasette's own settings that the profile needs (no whole-file download, no CSV stream of
  every row) are in :data:`PUBLIC_SETTINGS`; a config file that sets them otherwise wins.
"""

from __future__ import annotations

import sqlite3
import weakref
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..errors import InputError
from ..schema import TABLES_BY_NAME

# Datasette settings the public profile starts from (a config file's own settings win);
# --private turns the downloads back on.
PUBLIC_SETTINGS = {"allow_download": False, "allow_csv_stream": False, "max_returned_rows": 1000, "sql_time_limit_ms": 1000}
PRIVATE_SETTINGS = {"allow_download": True, "allow_csv_stream": True}

PUBLIC_DEFAULTS = {
    "max_value_bytes": 10_000_000,   # largest single string or blob SQLite may make or read
    "max_result_bytes": 20_000_000,  # all values of one query's rows together
    "hidden_tables": ["article_html"],
    "closed_paths": ["/-/versions", "/-/threads", "/-/databases", "/-/plugins"],
}
PROFILES = ("public", "private")
# columns that may hold a local file path: a public instance publishes none that is absolute
LOCAL_PATH_COLUMNS = (("articles", "source"), ("evidence_sources", "path"))


class ResultTooLarge(sqlite3.OperationalError):
    """A query's rows add up to more than the public profile allows."""


def check_profile_config(config: dict, source: str) -> None:
    """Raise InputError naming the key when ``plugins.claimgraph.profile``/``public`` is malformed."""
    profile = config.get("profile", "public")
    if profile not in PROFILES:
        raise InputError(f"{source}: plugins.claimgraph.profile must be public or private, not {profile!r}")
    public = config.get("public", {})
    if not isinstance(public, dict) or set(public) - set(PUBLIC_DEFAULTS):
        raise InputError(f"{source}: plugins.claimgraph.public may set only {', '.join(PUBLIC_DEFAULTS)}")
    for key in ("max_value_bytes", "max_result_bytes"):
        value = public.get(key, 1)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InputError(f"{source}: plugins.claimgraph.public.{key} must be a positive whole number of bytes")
    for key in ("hidden_tables", "closed_paths"):
        value = public.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise InputError(f"{source}: plugins.claimgraph.public.{key} must be a list of names")


def public_limits(plugin_config: dict | None) -> dict | None:
    """The public profile's limits for this plugin configuration, or None when it serves privately."""
    config = plugin_config or {}
    if config.get("profile", "private" if plugin_config is None else "public") != "public":
        return None
    return {**PUBLIC_DEFAULTS, **(config.get("public") or {})}


def limit_connection(conn: sqlite3.Connection, limits: dict) -> None:
    """Apply the length limit, the result budget and the hidden tables to one SQLite connection."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, limits["max_value_bytes"])
    conn.row_factory = _budgeted_rows(conn.row_factory, limits["max_result_bytes"])
    hidden = {name.lower(): _key_columns(name) for name in limits["hidden_tables"]}
    if hidden:
        conn.set_authorizer(lambda action, table, column, *_: _authorize(hidden, action, table, column))


def _key_columns(table_name: str) -> set[str]:
    """Columns of a hidden table that may still be read: its keys, so Datasette can count the rows linking to a row."""
    table = TABLES_BY_NAME.get(table_name)
    if table is None:
        return {"", "rowid"}
    keys = (table.pk,) if isinstance(table.pk, str) else table.pk
    return {"", "rowid", *keys, *(column for column, _, _ in table.foreign_keys)}


def _authorize(hidden: dict[str, set[str]], action: int, table: str | None, column: str | None) -> int:
    """Deny reading the contents of a hidden table; its keys and row counts stay readable."""
    if action == sqlite3.SQLITE_READ and table and table.lower() in hidden and (column or "").lower() not in hidden[table.lower()]:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def _budgeted_rows(make_row, budget: int):
    """A row factory that builds rows with ``make_row`` and fails a query whose values pass ``budget`` bytes."""
    spent: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def row_factory(cursor, values):
        size = spent.get(cursor, 0) + sum(len(value) for value in values if isinstance(value, (str, bytes)))
        spent[cursor] = size
        if size > budget:
            raise ResultTooLarge(
                f"the result is larger than this public instance serves ({budget:,} bytes); "
                "ask for fewer rows or columns"
            )
        return values if make_row is None else make_row(cursor, values)

    return row_factory


def public_path(value: str, folder: Path) -> str:
    """``value`` without the layout of the machine that built the database.

    An absolute local path becomes relative to ``folder`` (the database's) when it lies
    below it, else its file name; anything else (a URL, a relative path) is kept.
    """
    if not (PurePosixPath(value).is_absolute() or PureWindowsPath(value).drive):
        return value
    try:
        return Path(value).relative_to(folder).as_posix()
    except ValueError:
        return PureWindowsPath(value).name if PureWindowsPath(value).drive else PurePosixPath(value).name
