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
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

import yaml

from ..timeutil import utc_iso
from .formats import ImportContext, read_text

REQUIRED = ("id", "kind", "subject", "citation")
SUBJECT_TYPES = ("country", "asn", "prefix", "actor")
_TOP = re.compile(rb"^figures:\s*$", re.MULTILINE)


def sniff(head: bytes, path) -> bool:
    return bool(_TOP.search(head))


def read_figures(context: ImportContext) -> Iterator[dict]:
    """Yield one measurement per published figure."""
    text = read_text(context)
    try:
        document = yaml.safe_load(text)
        node = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "line ?"
        raise context.error(where, f"not valid YAML ({getattr(error, 'problem', error)})") from None
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
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise context.error(where, f"figure {figure['id']!r}: value {value!r} is not a number")
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
