"""Serve claimgraph databases read-only in Datasette, with claimgraph's metadata, settings and pages.

:func:`build_datasette` makes the ``Datasette`` object (tests use it through
``ds.client``); :func:`serve_database` runs it with uvicorn, as ``datasette serve`` does.

Databases are opened *immutable*: SQLite reads the file without locks and never writes
it, Datasette's SQL editor accepts only ``SELECT``/``WITH`` statements, and claimgraph
registers no writable canned query. Settings and plugin configuration come from one
file, ``datasette.yaml`` (the bundled one, or ``--config``), laid out for Datasette 1.0.
"""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path

from ..errors import InputError
from .config import read_config
from .metadata import find_metadata, metadata_for, read_metadata
from .public import LOCAL_PATH_COLUMNS, PRIVATE_SETTINGS, PUBLIC_SETTINGS

def check_database(path: str | Path, public: bool = False) -> Path:
    """The path of a SQLite file that can be served immutable, or InputError saying what to do.

    ``public``: also refuse a database that would publish absolute local paths
    (``claimgraph publish`` shortens them).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such database")
    try:
        with sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True) as conn:
            conn.execute("select count(*) from sqlite_master").fetchone()
            absolute = count_absolute_paths(conn) if public else 0
    except sqlite3.DatabaseError as error:
        raise InputError(f"{path}: not a SQLite database ({error})") from None
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        raise InputError(f"{path}: has unsaved changes in {wal.name}; run `claimgraph publish {path}` first")
    if absolute:
        raise InputError(
            f"{path}: {absolute} rows hold absolute local file paths that a public instance would publish; "
            f"run `claimgraph publish {path}` first (or serve it with --private)"
        )
    return path


def count_absolute_paths(conn: sqlite3.Connection) -> int:
    """How many rows hold an absolute local path (``/...``, ``C:\\...``) in :data:`LOCAL_PATH_COLUMNS`."""
    tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
    return sum(
        conn.execute(f"select count(*) from [{table}] where [{column}] glob '/*' or [{column}] glob '[A-Za-z]:[\\/]*'").fetchone()[0]
        for table, column in LOCAL_PATH_COLUMNS
        if table in tables
    )


def build_datasette(
    db_paths: list[str | Path],
    *,
    metadata: str | Path | None = None,
    config: str | Path | None = None,
    allow_robots: bool | None = None,
    private: bool = False,
):
    """A Datasette serving ``db_paths`` immutable with claimgraph's metadata, settings and plugin config.

    ``metadata``: a metadata.json, else one next to the first database, else the bundled one.
    ``config``: a datasette.yaml, else the bundled one. ``allow_robots`` overrides its robots setting.
    The public profile (:mod:`claimgraph.publish.public`) applies unless ``private`` or the
    config says ``plugins.claimgraph.profile: private``.
    """
    from datasette.app import Datasette

    settings_file = read_config(config)
    plugins = copy.deepcopy(settings_file.get("plugins") or {})
    claimgraph = plugins.setdefault("claimgraph", {})
    if private:
        claimgraph["profile"] = "private"
    public = claimgraph.setdefault("profile", "public") == "public"
    paths = [check_database(path, public=public) for path in db_paths]
    names = [path.stem for path in paths]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        # Datasette would serve the second as NAME_2, which the pages' links between periods do not know
        raise InputError(f"{repeated[0]}: two databases of this file name; rename one to serve them together")
    if allow_robots is not None:
        claimgraph.setdefault("robots", {})["allow"] = allow_robots
    served_metadata = metadata_for(read_metadata(find_metadata(paths[0], metadata)), [p.stem for p in paths])
    served_metadata["plugins"] = {**served_metadata.get("plugins", {}), **plugins}
    settings = {**PUBLIC_SETTINGS, **(settings_file.get("settings") or {})} if public else dict(settings_file.get("settings") or {})
    if private:
        settings.update(PRIVATE_SETTINGS)
    base_url = settings.get("base_url", "/")
    about_url = served_metadata.get("about_url") or ""
    if about_url.startswith("/") and not about_url.startswith("//"):
        # metadata links to the explorer from the site root; keep it working under a base_url
        served_metadata["about_url"] = base_url.rstrip("/") + about_url
    return Datasette(immutables=[str(p) for p in paths], metadata=served_metadata, settings=settings)


def serve_database(
    paths: list[str | Path],
    host: str = "127.0.0.1",
    port: int = 8001,
    metadata: str | Path | None = None,
    config: str | Path | None = None,
    allow_robots: bool | None = None,
    private: bool = False,
) -> None:
    """Serve the databases read-only until interrupted (Ctrl+C); public unless ``private``.

    Several files, one per period, are served in one Datasette (see docs/scale.md).
    """
    import asyncio

    import uvicorn

    datasette = build_datasette(paths, metadata=metadata, config=config, allow_robots=allow_robots, private=private)
    # Datasette prints every exception it answers, each 404 included, with rich and the local
    # variables of every frame (~170 lines). Without rich it prints only server errors' tracebacks.
    # (Imported after datasette.app, which registers this module as its default plugin.)
    from datasette import handle_exception

    handle_exception.rich = None
    # run the plugins' startup checks now, as `datasette serve` does, so a problem stops the
    # command before it listens instead of failing the first request
    asyncio.run(datasette.invoke_startup())
    check_port_free(host, port)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="info", lifespan="on", workers=1)


def check_port_free(host: str, port: int) -> None:
    """Raise an :class:`InputError` naming ``host:port`` when nothing can listen there (in use, no such address).

    uvicorn would log the failure among its start-up lines and exit with status 3; this says it in
    one line before anything starts. The test socket is closed at once, so uvicorn binds it again.
    """
    import errno
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except socket.gaierror as error:
        raise InputError(f"cannot serve on {host}: {error.strerror or error}; check --host") from None
    except OSError as error:
        fix = "pick another port with --port" if error.errno == errno.EADDRINUSE else "check --host and --port"
        raise InputError(f"cannot serve on {host}:{port}: {error.strerror or error}; {fix}") from None
