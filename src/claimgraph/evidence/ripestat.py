"""RIPEstat Data API responses (https://stat.ripe.net/docs/data_api), saved as JSON.

Both the full response (``{"data": {...}, "data_call_name": "routing-status", ...}``)
and its bare ``data`` member are accepted; the data call is then recognised by shape.
Supported calls and what they become:

``routing-status``
    ``ris_visibility`` (RIS peers seeing the resource; total in details),
    ``announced_prefixes_count`` and ``announced_addresses`` (IPv4) at ``query_time``.
``announced-prefixes``
    one ``announcement`` per prefix and visibility timeline, origin = the queried AS.
``bgp-updates``
    one ``announcement`` or ``withdrawal`` per update, with the peer and origin AS.
``country-resource-list``
    ``ipv4_allocation``, ``ipv6_allocation`` and ``asn_allocation`` per resource of the
    country. A bare ``data`` member does not name the country: pass ``--mapping
    country=AT`` or give the file's ``query: {resource: at}`` in ``PROVENANCE.yml``.

Every measurement points back to its JSON path (``$.data.updates[3]``).
"""

from __future__ import annotations

import ipaddress
import re
from typing import Iterator

from ..timeutil import utc_iso
from .formats import ImportContext, load_json
from .resources import CountryResources

SHAPES = {
    "routing-status": ("announced_space", "visibility"),
    "announced-prefixes": ("prefixes",),
    "bgp-updates": ("updates",),
    "country-resource-list": ("resources",),
}
_KEYS = re.compile(rb'"(data_call_name|announced_space|prefixes|updates|resources|query_time|query_starttime)"')


def sniff(head: bytes, path) -> bool:
    return head.lstrip()[:1] == b"{" and bool(_KEYS.search(head))


def read_ripestat(context: ImportContext) -> Iterator[dict]:
    """Yield the measurements of one RIPEstat response."""
    document = load_json(context)
    if not isinstance(document, dict):
        raise context.error("$", "expected a JSON object (a RIPEstat response or its data member)")
    root = "$"
    call = document.get("data_call_name")
    data = document
    if isinstance(document.get("data"), dict):
        data, root = document["data"], "$.data"
    if call is None:
        call = next((name for name, keys in SHAPES.items() if all(key in data for key in keys)), None)
    if call not in SHAPES:
        raise context.error(root, f"not a supported RIPEstat data call ({call or 'unknown shape'}); supported: {', '.join(SHAPES)}")
    context.source.setdefault("description", f"RIPEstat {call} response")
    context.source.setdefault("url", f"https://stat.ripe.net/data/{call}/data.json")
    if isinstance(document.get("time"), str):
        context.source.setdefault("retrieved_at", document["time"])
    reader = {
        "routing-status": _routing_status,
        "announced-prefixes": _announced_prefixes,
        "bgp-updates": _bgp_updates,
        "country-resource-list": _country_resources,
    }[call]
    try:
        yield from reader(context, data, root, CountryResources.from_db(context.db))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise context.error(root, f"{call} response has the wrong shape ({type(error).__name__}: {error})") from None


def _subject(resource: str) -> tuple[str, str]:
    """RIPEstat ``resource`` -> (subject_type, subject): ``3333`` / ``AS3333`` -> asn, ``193.0.0.0/21`` -> prefix."""
    text = str(resource).strip()
    if re.fullmatch(r"(?i)(as)?\d+", text):
        return "asn", f"AS{text.upper().removeprefix('AS')}"
    try:
        return "prefix", str(ipaddress.ip_network(text, strict=False))
    except ValueError:
        return ("prefix", text) if "/" in text else ("country", text.upper())


def _expect(context: ImportContext, value: object, kind: type, where: str) -> object:
    if not isinstance(value, kind):
        raise context.error(where, f"expected a JSON {'list' if kind is list else 'object'}, got {type(value).__name__}")
    return value


def _routing_status(context, data, root, resources) -> Iterator[dict]:
    subject_type, subject = _subject(data["resource"])
    when = utc_iso(data.get("query_time"))
    country = resources.country_of(subject_type, subject)
    base = {"subject_type": subject_type, "subject": subject, "country": country, "start": when, "end": when}
    for family, seen in (data.get("visibility") or {}).items():
        yield {**base, "kind": "ris_visibility", "value": float(seen["ris_peers_seeing"]), "unit": "peers",
               "pointer": f"{root}.visibility.{family}", "identity": (family,),
               "details": {"family": family, "total_ris_peers": seen["total_ris_peers"]}}
    space = (data.get("announced_space") or {}).get("v4")
    if space:
        yield {**base, "kind": "announced_prefixes_count", "value": float(space["prefixes"]), "unit": "prefixes",
               "pointer": f"{root}.announced_space.v4.prefixes"}
        yield {**base, "kind": "announced_addresses", "value": float(space["ips"]), "unit": "addresses",
               "pointer": f"{root}.announced_space.v4.ips"}


def _announced_prefixes(context, data, root, resources) -> Iterator[dict]:
    _, origin = _subject(data["resource"])
    for index, item in enumerate(_expect(context, data["prefixes"], list, f"{root}.prefixes")):
        where = f"{root}.prefixes[{index}]"
        _expect(context, item, dict, where)
        prefix = item["prefix"]
        for number, timeline in enumerate(_expect(context, item["timelines"], list, f"{where}.timelines")):
            yield {"kind": "announcement", "subject_type": "prefix", "subject": prefix,
                   "country": resources.country_of_prefix(prefix),
                   "start": utc_iso(timeline["starttime"]), "end": utc_iso(timeline["endtime"]),
                   "value": 1.0, "unit": "announcements", "pointer": f"{where}.timelines[{number}]",
                   "details": {"origin_as": origin}}


def _bgp_updates(context, data, root, resources) -> Iterator[dict]:
    for index, update in enumerate(_expect(context, data["updates"], list, f"{root}.updates")):
        where = f"{root}.updates[{index}]"
        _expect(context, update, dict, where)
        kinds = {"A": "announcement", "W": "withdrawal"}
        if update["type"] not in kinds:
            raise context.error(f"{where}.type", f"update type {update['type']!r} is neither A nor W")
        attrs = update["attrs"]
        prefix = attrs["target_prefix"]
        path = attrs.get("path") or []
        details = {"peer": attrs.get("source_id")}
        if path:
            details["origin_as"] = f"AS{path[-1]}"
        yield {"kind": kinds[update["type"]], "subject_type": "prefix", "subject": prefix,
               "country": resources.country_of_prefix(prefix), "start": utc_iso(update["timestamp"]),
               "end": utc_iso(update["timestamp"]), "value": 1.0,
               "unit": "announcements" if update["type"] == "A" else "withdrawals",
               "pointer": where, "details": details}


def _country_resources(context, data, root, resources) -> Iterator[dict]:
    query = context.provenance.get("query") or {}
    country = (context.mapping.get("country") or (query.get("resource") if isinstance(query, dict) else None) or "").upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise context.error(root, "country-resource-list response does not say which country; "
                                  "pass --mapping country=XX or list its query in PROVENANCE.yml")
    when = utc_iso(data.get("query_time"))
    lists = _expect(context, data["resources"], dict, f"{root}.resources")
    for family in ("asn", "ipv4", "ipv6"):
        for index, resource in enumerate(_expect(context, lists.get(family, []), list, f"{root}.resources.{family}")):
            where = f"{root}.resources.{family}[{index}]"
            yield _resource(context, family, str(resource), country, when, where)


def _resource(context, family: str, resource: str, country: str, when: str | None, where: str) -> dict:
    base = {"country": country, "start": when, "pointer": where, "details": {"registry": "ripestat"}}
    try:
        if family == "asn":
            low, _, high = resource.partition("-")
            first, last = int(low), int(high or low)
            subject = f"AS{first}" if first == last else f"AS{first}-AS{last}"
            return {**base, "kind": "asn_allocation", "subject_type": "asn", "subject": subject,
                    "value": float(last - first + 1), "unit": "asns"}
        if "-" in resource:
            low, high = (ipaddress.ip_address(part.strip()) for part in resource.split("-"))
            blocks = [str(block) for block in ipaddress.summarize_address_range(low, high)]
            count = int(high) - int(low) + 1
            return {**base, "kind": f"{family}_allocation", "subject_type": "prefix", "subject": resource,
                    "value": float(count), "unit": "addresses",
                    "details": {"registry": "ripestat", "networks": blocks}}
        network = ipaddress.ip_network(resource, strict=False)
    except ValueError as error:
        raise context.error(where, f"bad {family} resource {resource!r} ({error})") from None
    return {**base, "kind": f"{family}_allocation", "subject_type": "prefix", "subject": str(network),
            "value": float(network.num_addresses), "unit": "addresses"}
