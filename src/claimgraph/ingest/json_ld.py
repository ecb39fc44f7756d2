"""Reading the people and organisations in a page's JSON-LD (authors, publishers).

Both the article metadata (:mod:`claimgraph.ingest.html`) and the bylines
(:mod:`claimgraph.ingest.bylines`) read them the same way from what schema.org allows.
"""

from __future__ import annotations


def json_ld_entities(value, by_id: dict[str, dict]) -> list[dict | str]:
    """The objects and strings a JSON-LD value names: a string, an object, an ``@id`` reference
    to an object elsewhere on the page (resolved through ``by_id``), or a list of these."""
    if isinstance(value, list):
        return [entity for item in value for entity in json_ld_entities(item, by_id)]
    if isinstance(value, dict) and "name" not in value and value.get("@id") in by_id:
        return [by_id[value["@id"]]]
    return [value] if isinstance(value, (dict, str)) else []


def json_ld_name(entity: dict):
    """The object's ``name``, the first one where it lists several; None where it has none."""
    name = entity.get("name")
    if isinstance(name, list):
        return name[0] if name else None
    return name


def json_ld_types(item: dict) -> list[str]:
    """The object's ``@type`` as a list of strings (it may be one value or a list)."""
    kind = item.get("@type", [])
    return [str(k) for k in (kind if isinstance(kind, list) else [kind])]
