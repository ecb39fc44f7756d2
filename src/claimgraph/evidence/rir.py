"""RIR delegated statistics: which country each address block and AS number was given to.

The five regional registries (AFRINIC, APNIC, ARIN, LACNIC, RIPE NCC) publish
``delegated-<rir>-latest`` and ``delegated-<rir>-extended-latest`` in one pipe-separated
format (https://www.apnic.net/about-apnic/corporate-documents/documents/resource-guidelines/rir-statistics-exchange-format/)::

    2|apnic|20141009|35407|19850701|20141008|+1000        version line
    apnic|*|ipv4|*|25898|summary                          summary lines
    apnic|KP|ipv4|175.45.176.0|1024|20091221|allocated    records
    apnic|KP|asn|131279|1|20091221|allocated|A91A7381     (extended: + opaque id)

Each allocated or assigned record becomes one measurement: ``ipv4_allocation`` (value:
number of addresses), ``ipv6_allocation`` (value: addresses, the prefix in ``subject``)
or ``asn_allocation`` (value: number of ASNs), with the country and the allocation date
as ``start``. Available and reserved records are checked but not stored. The record
counts in the version and summary lines are not enforced, so excerpts import too.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Iterator

from .formats import ImportContext, read_text

STATS_URLS = {
    "afrinic": "https://ftp.afrinic.net/pub/stats/afrinic/",
    "apnic": "https://ftp.apnic.net/stats/apnic/",
    "arin": "https://ftp.arin.net/pub/stats/arin/",
    "iana": "https://ftp.apnic.net/stats/iana/",
    "lacnic": "https://ftp.lacnic.net/pub/stats/lacnic/",
    "ripencc": "https://ftp.ripe.net/pub/stats/ripencc/",
}
STORED_STATUSES = {"allocated", "assigned"}
KNOWN_STATUSES = STORED_STATUSES | {"available", "reserved"}
_RECORD = re.compile(rb"^(?:[0-9.]+\|[a-z]+\||[a-z]+\|(?:[A-Z]{2}|\*|)\|(?:asn|ipv4|ipv6)\|)", re.MULTILINE)


def sniff(head: bytes, path) -> bool:
    return bool(_RECORD.search(head))


def read_rir(context: ImportContext) -> Iterator[dict]:
    """Yield one allocation measurement per allocated/assigned record."""
    lines = read_text(context).splitlines()
    _read_header(context, lines)
    version_seen = False
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split("|")
        where = f"line {number}"
        if not version_seen and re.fullmatch(r"[0-9.]+", fields[0]):
            version_seen = True
            _read_version(context, fields, where)
            continue
        if len(fields) >= 6 and fields[5] == "summary":
            continue
        measurement = _read_record(context, fields, where)
        if measurement is not None:
            yield measurement


def _read_header(context: ImportContext, lines: list[str]) -> None:
    comments = [line.lstrip("#").strip() for line in lines[:60] if line.startswith("#")]
    text = " ".join(part for part in comments if part and not set(part) <= set("_-#"))
    if "CONDITIONS OF USE" in text:
        context.source["licence"] = text.split("CONDITIONS OF USE", 1)[1].split("For more information", 1)[0].strip()


def _read_version(context: ImportContext, fields: list[str], where: str) -> None:
    if len(fields) < 7:
        raise context.error(where, f"version line needs 7 fields (version|registry|serial|records|start|end|UTC offset), got {len(fields)}")
    registry, serial = fields[1], fields[2]
    if re.fullmatch(r"\d{8}", serial):
        context.source["retrieved_at"] = f"{serial[:4]}-{serial[4:6]}-{serial[6:]}"
    if registry in STATS_URLS:
        context.source["url"] = STATS_URLS[registry]
    context.source["description"] = f"{registry.upper()} delegated statistics, serial {serial}"


def _read_record(context: ImportContext, fields: list[str], where: str) -> dict | None:
    if len(fields) < 7:
        raise context.error(where, f"expected registry|cc|type|start|value|date|status, got {len(fields)} fields: {'|'.join(fields)!r}")
    registry, country, kind, start, value, date, status = fields[:7]
    if kind not in ("asn", "ipv4", "ipv6"):
        raise context.error(where, f"unknown resource type {kind!r} (expected asn, ipv4 or ipv6)")
    if status not in KNOWN_STATUSES:
        raise context.error(where, f"unknown status {status!r}")
    if not value.isdigit() or int(value) == 0:
        raise context.error(where, f"value {value!r} is not a positive whole number")
    if date and date != "00000000" and not re.fullmatch(r"(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])", date):
        raise context.error(where, f"date {date!r} is not YYYYMMDD")
    count = int(value)
    details = {"registry": registry, "status": status}
    if len(fields) > 7 and fields[7]:
        details["opaque_id"] = fields[7]
    try:
        subject_type, subject, measured, unit, networks = _resource(kind, start, count)
    except ValueError as error:
        raise context.error(where, f"bad {kind} start {start!r} ({error})") from None
    if status not in STORED_STATUSES or not re.fullmatch(r"[A-Z]{2}", country):
        return None
    if networks:
        details["networks"] = networks
    return {
        "kind": f"{kind}_allocation",
        "subject_type": subject_type,
        "subject": subject,
        "country": country,
        "start": f"{date[:4]}-{date[4:6]}-{date[6:]}" if date and date != "00000000" else None,
        "value": measured,
        "unit": unit,
        "pointer": where,
        "details": details,
    }


def _resource(kind: str, start: str, count: int) -> tuple[str, str, float, str, list]:
    """(subject_type, subject, value, unit, CIDR list when the range is not one block)."""
    if kind == "asn":
        first = int(start)
        subject = f"AS{first}" if count == 1 else f"AS{first}-AS{first + count - 1}"
        return "asn", subject, float(count), "asns", []
    if kind == "ipv6":
        network = ipaddress.IPv6Network(f"{start}/{count}")
        return "prefix", str(network), float(network.num_addresses), "addresses", []
    first = ipaddress.IPv4Address(start)
    last = first + (count - 1)
    blocks = [str(block) for block in ipaddress.summarize_address_range(first, last)]
    if len(blocks) == 1:
        return "prefix", blocks[0], float(count), "addresses", []
    return "prefix", f"{first}-{last}", float(count), "addresses", blocks
