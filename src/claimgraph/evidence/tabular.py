"""Measurements from a CSV file, with a mapping from measurement fields to columns.

Any table of measurements can come in this way: a spreadsheet of outage times, a
data set's export. The mapping says which column holds each field, and may give a
constant in quotes::

    claimgraph evidence import news.db outages.csv --format csv \\
        --mapping "kind='outage',subject=cc,start=from,end=to,value=seconds,unit='s'"

Fields: ``kind`` and ``subject`` are required, plus ``value`` or ``start``;
``subject_type`` (guessed from the subject when absent: ``AS…`` asn, ``…/…`` prefix,
two letters country), ``country``, ``end`` and ``unit`` are optional. A field not
in the mapping is read from a column of the same name, when there is one. Other
columns go into ``details``. Comma, semicolon and tab separators are recognised.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import re
from typing import Iterator

from ..timeutil import utc_iso
from .formats import ImportContext, open_binary
from .resources import CountryResources

FIELDS = ("kind", "subject_type", "subject", "country", "start", "end", "value", "unit")
REQUIRED = ("kind", "subject")


def sniff(head: bytes, path) -> bool:
    lines = head.decode("utf-8-sig", errors="replace").splitlines()
    first = lines[0] if lines else ""
    return first.replace("\t", " ").isprintable() and any(separator in first for separator in (",", ";", "\t")) and "|" not in first


def read_csv(context: ImportContext) -> Iterator[dict]:
    """Yield one measurement per data row, streaming the file (line numbers count the header as line 1)."""
    with io.TextIOWrapper(open_binary(context.path), encoding="utf-8-sig", newline="") as text:
        lines = _lines(context, text)
        first_line = next(lines, "")
        delimiter = max((",", ";", "\t"), key=first_line.count)
        rows = csv.reader(itertools.chain([first_line], lines), delimiter=delimiter)
        try:
            yield from _read_rows(context, rows)
        except csv.Error as error:
            raise context.error(f"line {rows.line_num}", f"not valid CSV ({error})") from None


def _lines(context: ImportContext, text: io.TextIOBase) -> Iterator[str]:
    """The file's lines, with an error naming about where it stops being UTF-8 (text is decoded in chunks)."""
    number = 0
    while True:
        try:
            line = text.readline()
        except UnicodeDecodeError:
            raise context.error(f"line {number + 1}", "not UTF-8 text (here or in the lines just after)") from None
        if not line:
            return
        number += 1
        yield line


def _read_rows(context: ImportContext, rows) -> Iterator[dict]:
    header = next(rows, None)
    if not header:
        raise context.error("line 1", "empty CSV file: expected a header row")
    header = [name.strip() for name in header]
    columns = _columns(context, header)
    resources = CountryResources.from_db(context.db)
    used = {column for column in columns.values() if isinstance(column, int)}
    for row in rows:
        line = rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise context.error(f"line {line}", f"{len(row)} fields where the header has {len(header)}")
        values = {name: (row[column].strip() if isinstance(column, int) else column) for name, column in columns.items()}
        yield _measurement(context, values, resources, f"line {line}",
                           {header[index]: cell for index, cell in enumerate(row) if index not in used and cell.strip()})


def _columns(context: ImportContext, header: list[str]) -> dict:
    """Field -> column index, or a constant string for quoted mapping values."""
    positions = {name: index for index, name in enumerate(header)}
    columns = {}
    for name, source in context.mapping.items():
        if name not in FIELDS:
            raise context.error("mapping", f"unknown field {name!r}; fields are {', '.join(FIELDS)}")
        constant = re.fullmatch(r"""(['"])(.*)\1""", source)
        if constant:
            columns[name] = constant.group(2)
        elif source in positions:
            columns[name] = positions[source]
        else:
            raise context.error("line 1", f"no column {source!r} for {name} (columns: {', '.join(header)})")
    for name in FIELDS:
        if name not in columns and name in positions:
            columns[name] = positions[name]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise context.error("line 1", f"missing column for {', '.join(missing)} (columns: {', '.join(header)}); "
                                      "name it or map it with --mapping FIELD=COLUMN")
    if "value" not in columns and "start" not in columns:
        raise context.error("line 1", f"missing column for value or start (columns: {', '.join(header)})")
    return columns


def _measurement(context: ImportContext, values: dict, resources: CountryResources, where: str, extra: dict) -> dict:
    for name in REQUIRED:
        if not values.get(name):
            raise context.error(where, f"empty {name}")
    subject = values["subject"]
    subject_type = values.get("subject_type") or _guess_subject_type(subject)
    value = values.get("value")
    try:
        number = float(value.replace(",", "")) if value else None
    except ValueError:
        raise context.error(where, f"value {value!r} is not a number") from None
    if number is not None and not math.isfinite(number):  # float() reads "nan" and "inf"
        raise context.error(where, f"value {value!r} is not a finite number")
    try:
        start, end = utc_iso(values.get("start")), utc_iso(values.get("end"))
    except ValueError as error:
        raise context.error(where, f"bad time ({error})") from None
    if number is None and start is None:
        raise context.error(where, "needs a value or a start")
    country = (values.get("country") or "").upper() or (subject.upper() if subject_type == "country" else resources.country_of(subject_type, subject))
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        raise context.error(where, f"country {country!r} is not an ISO 3166 alpha-2 code such as KP")
    return {"kind": values["kind"], "subject_type": subject_type, "subject": subject, "country": country,
            "start": start, "end": end, "value": number, "unit": values.get("unit") or None,
            "pointer": where, "details": extra}


def _guess_subject_type(subject: str) -> str:
    if re.fullmatch(r"(?i)AS\d+", subject):
        return "asn"
    if "/" in subject:
        return "prefix"
    if re.fullmatch(r"[A-Za-z]{2}", subject):
        return "country"
    return "actor"
