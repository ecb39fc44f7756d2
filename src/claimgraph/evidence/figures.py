"""Curated published figures: what a measurement firm or researcher reported, with its citation.

Some evidence exists only as a published number: Dyn Research's start and end of an
outage, Arbor Networks' peak attack rate. A figures file is YAML, curated by hand,
one entry per figure, each citing where it was published::

    title: North Korea Internet outages, December 2014
    licence: Facts with citations; short quotes only
    figures:
      - id: dyn-kp-outage-2014-12-22        # stable, unique in the file
        kind: outage                       # outage, attack_peak_rate, attack_peak_packet_rate, ...
        subject_type: country              # country, asn, prefix or actor
        subject: KP
        start: 2014-12-22T16:15:00Z        # UTC, or with an offset
        end: 2014-12-23T01:46:00Z
        value: 34260                       # in unit (durations in s, rates in bit/s)
        unit: s
        reported_by: Dyn Research
        as_published: "9 hour, 31 minute outage"
        citation: {url: https://..., title: ..., date: 2014-12-23}

``id``, ``kind``, ``subject`` and ``citation`` (with ``url`` and ``date``) are required,
and each figure needs a ``value`` or a ``start``. Everything else goes into the
measurement's ``details``.

YAML anchors and aliases (``&dyn`` / ``*dyn``) may share a citation between figures, but
a document whose aliases would expand to more than ``MAX_EXPANDED_NODES`` nodes (a
"billion laughs"), that refers to itself or that nests more than ``MAX_DEPTH`` levels
is refused before anything is built from it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Iterator

import yaml

from ..timeutil import utc_iso
from .formats import ImportContext, read_text

REQUIRED = ("id", "kind", "subject", "citation")
MAX_EXPANDED_NODES = 100_000
MAX_DEPTH = 64
SUBJECT_TYPES = ("country", "asn", "prefix", "actor")
_TOP = re.compile(rb"^figures:\s*$", re.MULTILINE)


def sniff(head: bytes, path) -> bool:
    return bool(_TOP.search(head))


def read_figures(context: ImportContext) -> Iterator[dict]:
    """Yield one measurement per published figure."""
    text = read_text(context)
    loader = None
    try:
        loader = yaml.SafeLoader(text)
        node = loader.get_single_node()
        _check_expansion(context, node)
        document = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        position = getattr(error, "position", None)  # a ReaderError (a character YAML does not allow) has no mark
        where = f"line {mark.line + 1}" if mark else f"character {position}" if position is not None else "line ?"
        raise context.error(where, f"not valid YAML ({getattr(error, 'problem', error)})") from None
    except RecursionError:
        raise context.error("line 1", "YAML nested too deeply to read") from None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(document, dict) or not isinstance(document.get("figures"), list):
        raise context.error("line 1", "expected a mapping with a 'figures' list")
    for key in ("title", "licence", "url"):
        if document.get(key):
            context.source["description" if key == "title" else key] = str(document[key])
    lines = _figure_lines(node)
    seen = set()
    for index, figure in enumerate(document["figures"]):
        where = f"line {lines[index]}" if index < len(lines) else f"figures[{index}]"
        measurement = _read_figure(context, figure, where)
        if measurement["details"]["id"] in seen:
            raise context.error(where, f"duplicate figure id {measurement['details']['id']!r}")
        seen.add(measurement["details"]["id"])
        yield measurement


def _check_expansion(context: ImportContext, root) -> None:
    """Refuse a document whose aliases expand to more than MAX_EXPANDED_NODES nodes, that contains itself or nests too deep.

    Walks the composed node graph without recursion; a node reached through several aliases
    counts once per path, as building and storing the figures would copy it.
    """
    if root is None:
        return
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack = [(root, False, 0)]
    while stack:
        node, children_done, depth = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            children = _children(node)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[key] > MAX_EXPANDED_NODES:
                line = node.start_mark.line + 1
                raise context.error(f"line {line}", f"YAML aliases expand to more than {MAX_EXPANDED_NODES} nodes")
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise context.error(f"line {node.start_mark.line + 1}", "YAML alias refers to a node that contains it")
        if depth > MAX_DEPTH:
            raise context.error(f"line {node.start_mark.line + 1}", f"YAML nested more than {MAX_DEPTH} levels deep")
        open_nodes.add(key)
        stack.append((node, True, depth))
        stack.extend((child, False, depth + 1) for child in _children(node) if id(child) not in sizes)


def _children(node) -> list:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _figure_lines(node) -> list[int]:
    for key, value in getattr(node, "value", []):
        if getattr(key, "value", None) == "figures" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _read_figure(context: ImportContext, figure: object, where: str) -> dict:
    if not isinstance(figure, dict):
        raise context.error(where, "each figure must be a mapping")
    missing = [key for key in REQUIRED if not figure.get(key)]
    if missing:
        raise context.error(where, f"figure is missing {', '.join(missing)}")
    citation = figure["citation"]
    if not isinstance(citation, dict) or not citation.get("url") or not citation.get("date"):
        raise context.error(where, f"figure {figure['id']!r}: citation needs a url and a date")
    subject_type = figure.get("subject_type", "country")
    if subject_type not in SUBJECT_TYPES:
        raise context.error(where, f"subject_type {subject_type!r} is not one of {', '.join(SUBJECT_TYPES)}")
    value = figure.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)):
        raise context.error(where, f"figure {figure['id']!r}: value {value!r} is not a finite number")
    try:
        start, end = (utc_iso(figure.get(key)) for key in ("start", "end"))
    except ValueError as error:
        raise context.error(where, f"figure {figure['id']!r}: bad time ({error})") from None
    if value is None and start is None:
        raise context.error(where, f"figure {figure['id']!r} needs a value or a start")
    subject = str(figure["subject"])
    country = figure.get("country") or (subject if subject_type == "country" else None)
    if country is not None and not re.fullmatch(r"[A-Z]{2}", str(country)):
        raise context.error(where, f"figure {figure['id']!r}: country {country!r} is not an ISO 3166 alpha-2 code such as KP")
    details = {key: _plain(val) for key, val in figure.items() if key not in ("kind", "subject_type", "subject", "country", "start", "end", "value", "unit")}
    details["published"] = True
    return {
        "kind": str(figure["kind"]),
        "subject_type": subject_type,
        "subject": subject,
        "country": country,
        "start": start,
        "end": end,
        "value": float(value) if value is not None else None,
        "unit": figure.get("unit"),
        "pointer": where,
        "details": details,
    }


def _plain(value: object) -> object:
    """Dates inside details (a citation's date) as ISO strings, so details stay JSON."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
