"""Datasette metadata: titles, licences and sources by hand, table and column docs from ``db.py``.

``metadata.json`` at the repository root is the file people edit: title, description,
licence, sources, and per table the facets, sort order, label column and units. The
``description`` of every table and the ``columns`` descriptions are *not* edited there:
they are copied from :data:`claimgraph.db.TABLES` by :func:`sync_metadata`, so the schema
is documented in exactly one place. After changing ``db.py`` run::

    .venv/bin/python scripts/sync_metadata.py

which rewrites ``metadata.json`` and the copy shipped inside the package
(``claimgraph/publish/metadata.json``); ``tests/test_publish.py`` fails while they are
out of date.

In the file the database is called ``claimgraph`` (:data:`TEMPLATE_DATABASE`). Datasette
names a database after its file (``news.db`` is ``news``), so :func:`metadata_for`
applies that entry to every database being served.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from ..db import TABLES
from ..errors import InputError

TEMPLATE_DATABASE = "claimgraph"
PACKAGED_METADATA = Path(__file__).with_name("metadata.json")


def sync_metadata(metadata: dict) -> dict:
    """A copy of ``metadata`` whose table and column descriptions match ``db.py``.

    Hand-written keys (facets, sort, units, label_column, ...) are kept; tables that
    ``db.py`` no longer declares are dropped, new ones are added in schema order.
    """
    synced = copy.deepcopy(metadata)
    database = synced.setdefault("databases", {}).setdefault(TEMPLATE_DATABASE, {})
    old_tables = database.get("tables", {})
    tables = {}
    for table in TABLES:
        entry = dict(old_tables.get(table.name, {}))
        entry["description"] = table.description
        entry["columns"] = {column: table.describe.get(column, "") for column in table.columns}
        tables[table.name] = entry
    database["tables"] = tables
    return synced


def read_metadata(path: str | Path | None = None) -> dict:
    """Read a metadata.json (default: the one shipped with claimgraph); a broken file raises InputError."""
    path = Path(path) if path is not None else PACKAGED_METADATA
    try:
        metadata = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such metadata file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not valid JSON metadata ({error})") from None
    if not isinstance(metadata, dict):
        raise InputError(f"{path}: metadata must be a JSON object")
    return metadata


def find_metadata(db_path: str | Path, explicit: str | Path | None = None) -> Path:
    """Which metadata.json serves ``db_path``: the explicit one, else one next to the database, else the bundled one."""
    if explicit is not None:
        return Path(explicit)
    beside = Path(db_path).resolve().parent / "metadata.json"
    return beside if beside.exists() else PACKAGED_METADATA


def metadata_for(metadata: dict, database_names: list[str]) -> dict:
    """Metadata for Datasette: the ``claimgraph`` entry applied to each served database, docs synced from db.py.

    A database that the file already describes under its own name keeps that entry.
    """
    synced = sync_metadata(metadata)
    databases = synced["databases"]
    template = databases.pop(TEMPLATE_DATABASE)
    for name in database_names:
        databases.setdefault(name, copy.deepcopy(template))
    return synced


def dumps(metadata: dict) -> str:
    """The metadata as the JSON text kept in the repository (stable, readable diffs)."""
    return json.dumps(metadata, indent=2, ensure_ascii=False) + "\n"


def write_synced(root_metadata: Path, packaged: Path = PACKAGED_METADATA) -> list[Path]:
    """Rewrite ``root_metadata`` from db.py and copy it into the package; returns the files changed."""
    text = dumps(sync_metadata(read_metadata(root_metadata)))
    changed = []
    for path in (root_metadata, packaged):
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            changed.append(path)
    return changed

