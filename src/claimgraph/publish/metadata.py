"""Datasette metadata: titles, licences and sources written by hand, table and column docs from ``claimgraph.schema``.

``metadata.json`` (the bundled one is ``claimgraph/publish/metadata.json``) holds only what
people write: title, description, licence, sources, and per table the facets, sort order,
label column and units. The table and column *descriptions* are not in any file: they are
:data:`claimgraph.schema.TABLES`, merged in by :func:`with_table_docs` whenever metadata is
loaded (``claimgraph serve``, and the plugin's ``get_metadata`` hook for plain
``datasette``), so the schema is described in exactly one place and there is nothing to sync.

In the file the database is called ``claimgraph`` (:data:`TEMPLATE_DATABASE`). Datasette
names a database after its file (``news.db`` is ``news``), so :func:`metadata_for`
applies that entry to every database being served.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from ..errors import InputError
from ..schema import TABLES

TEMPLATE_DATABASE = "claimgraph"
PACKAGED_METADATA = Path(__file__).with_name("metadata.json")


def with_table_docs(metadata: dict) -> dict:
    """A copy of ``metadata`` with every table's and column's description taken from ``claimgraph.schema``.

    Hand-written keys (facets, sort, units, label_column, ...) are kept; tables that
    ``claimgraph.schema`` does not declare are dropped, the others come in schema order.
    """
    merged = copy.deepcopy(metadata)
    database = merged.setdefault("databases", {}).setdefault(TEMPLATE_DATABASE, {})
    hand_written = database.get("tables", {})
    database["tables"] = {
        table.name: {
            **hand_written.get(table.name, {}),
            "description": table.description,
            "columns": {column: table.describe.get(column, "") for column in table.columns},
        }
        for table in TABLES
    }
    return merged


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
    """Metadata for Datasette: the ``claimgraph`` entry, with the schema's docs, applied to each served database.

    A database that the file already describes under its own name keeps that entry.
    """
    merged = with_table_docs(metadata)
    databases = merged["databases"]
    template = databases.pop(TEMPLATE_DATABASE)
    for name in database_names:
        databases.setdefault(name, copy.deepcopy(template))
    return merged
