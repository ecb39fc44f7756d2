"""MRT BGP routing data (RFC 6396): who announced and withdrew which prefix, and when it was reachable.

Reads TABLE_DUMP_V2 and TABLE_DUMP RIB snapshots and BGP4MP update streams (plain,
gzip or bzip2) with the ``mrtparse`` package, one record at a time: memory grows with
the number of prefixes and peers, not with the file. From the records it derives:

``announcement``
    per (prefix, origin AS): first and last time announced, how often (``value``).
``withdrawal``
    per prefix: first and last withdrawal, how many.
``reachability``
    per prefix, each interval during which at least one peer had a route to it.
    A withdrawal, or a peer's session leaving Established, removes that peer's routes.
``outage``
    per country, each interval during which **all** of the country's prefixes seen in
    the file were unreachable, with its duration in seconds. Countries come from the
    delegation data already imported (RIR statistics), so import those first.

Times are the records' epoch seconds, stored as UTC (mrtparse's own timestamp strings
are in the machine's local time zone and are not used). Every measurement points back
to the byte offset of the record it started at (uncompressed offset for .gz/.bz2).
A truncated or undecodable record raises an error naming that offset; record types
that mrtparse does not support (BGP4MP_ENTRY) are counted and skipped, and RIB_GENERIC
entries (VPN and other address families) are ignored.

Expected input is what collectors publish: a RIB snapshot followed by the update files
after it (RouteViews ``rib.*`` + ``updates.*``, RIPE RIS ``bview.*`` + ``updates.*``),
concatenated into one file (``cat rib.bz2 updates.*.bz2 > day.bz2``: multi-stream
bzip2 and multi-member gzip are read through). Routing state is per file: an outage
still running at the end of a file is stored without an end, and a file of updates
alone only knows the prefixes it sees announced. A second RIB snapshot in the same
file adds routes but does not remove the ones it lacks.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from typing import Callable, Iterator

from ..timeutil import epoch_to_utc_iso
from .formats import ImportContext, open_binary
from .resources import CountryResources

MRT_TYPES = {11, 12, 13, 16, 17, 32, 33, 48, 49}
ESTABLISHED = 6
RIB_SUBTYPES = {"RIB_IPV4_UNICAST", "RIB_IPV6_UNICAST", "RIB_IPV4_UNICAST_ADDPATH", "RIB_IPV6_UNICAST_ADDPATH",
                "RIB_IPV4_MULTICAST", "RIB_IPV6_MULTICAST", "RIB_IPV4_MULTICAST_ADDPATH", "RIB_IPV6_MULTICAST_ADDPATH"}


def _mrt_reader_class():
    """``mrtparse.Reader``, imported without the side effect of importing mrtparse.

    mrtparse sets SIGPIPE to its default action when imported, which makes any process that
    imports it (the CLI, ``claimgraph serve``) die silently the first time a client closes a
    connection early. The previous handler is put back.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():  # signals are the main thread's
        from mrtparse import Reader

        return Reader
    previous = signal.getsignal(signal.SIGPIPE)
    try:
        from mrtparse import Reader
    finally:
        signal.signal(signal.SIGPIPE, previous)
    return Reader


def sniff(head: bytes, path) -> bool:
    """An MRT header: a known type, and a length that lands on another plausible header or the end."""
    if len(head) < 12:
        return False
    _, kind, _, length = struct.unpack("!IHHI", head[:12])
    if kind not in MRT_TYPES or length > 1 << 24:
        return False
    following = head[12 + length:12 + length + 12]
    return len(following) < 12 or struct.unpack("!IHHI", following)[1] in MRT_TYPES


def _name(value: dict | list) -> str:
    """mrtparse enums are one-item dicts ``{16: 'BGP4MP'}``."""
    return next(iter(value.values())) if isinstance(value, dict) else str(value)


def _code(value: dict) -> int:
    return next(iter(value)) if isinstance(value, dict) else int(value)


def _origin(attributes: list[dict]) -> str | None:
    """Origin AS: the last AS of AS4_PATH (when present) or AS_PATH."""
    paths = {}
    for attribute in attributes:
        name = _name(attribute["type"])
        if name in ("AS_PATH", "AS4_PATH") and attribute["value"]:
            paths[name] = attribute["value"]
    segments = paths.get("AS4_PATH") or paths.get("AS_PATH")
    if not segments or not segments[-1]["value"]:
        return None
    return f"AS{segments[-1]['value'][-1]}"


@dataclass
class RoutingState:
    """Which peer routes to which prefix right now, and what the file has shown so far.

    Memory is bounded by the routing table (prefixes x peers, plus one entry per
    prefix and origin), not by the length of the file: finished reachability
    intervals and outages are handed out through ``finished`` as soon as they close,
    and a country's outage is tracked as a count of its prefixes that are reachable.
    """

    country_of: Callable[[str], str | None]
    visible: dict = field(default_factory=dict)  # prefix -> {(peer, path id): origin}
    up_since: dict = field(default_factory=dict)  # prefix -> (epoch, offset) when it became reachable
    peer_prefixes: dict = field(default_factory=dict)  # peer -> {(prefix, path id)} it routes
    announcements: dict = field(default_factory=dict)  # (prefix, origin) -> [first, last, count, offset]
    withdrawals: dict = field(default_factory=dict)  # prefix -> [first, last, count, offset]
    countries: dict = field(default_factory=dict)  # prefix -> country (None: not delegated to one we know)
    reachable: dict = field(default_factory=dict)  # country -> number of its prefixes reachable now
    country_prefixes: dict = field(default_factory=dict)  # country -> set of its prefixes seen
    down_since: dict = field(default_factory=dict)  # country -> (epoch, offset) when its last prefix went
    finished: list = field(default_factory=list)  # measurements ready to be written
    last_seen: int = 0

    def _country(self, prefix: str) -> str | None:
        if prefix not in self.countries:
            self.countries[prefix] = self.country_of(prefix)
        return self.countries[prefix]

    def announce(self, prefix: str, peer: tuple, path_id: int | None, origin: str | None, when: int, offset: int) -> None:
        """A route to ``prefix`` from ``peer`` (``path_id``: the ADD-PATH identifier, RFC 7911, or None)."""
        routes = self.visible.setdefault(prefix, {})
        if not routes:
            self.up_since[prefix] = (when, offset)
            country = self._country(prefix)
            if country:
                self.country_prefixes.setdefault(country, set()).add(prefix)
                self.reachable[country] = self.reachable.get(country, 0) + 1
                if country in self.down_since:
                    start, start_offset = self.down_since.pop(country)
                    self.finished.append(_outage(country, start, when, start_offset, offset, self.country_prefixes[country]))
        routes[(peer, path_id)] = origin
        self.peer_prefixes.setdefault(peer, set()).add((prefix, path_id))
        _count(self.announcements, (prefix, origin), when, offset)

    def withdraw(self, prefix: str, peer: tuple, path_id: int | None, when: int, offset: int, *, explicit: bool = True) -> None:
        if explicit:
            _count(self.withdrawals, prefix, when, offset)
        routes = self.visible.get(prefix)
        if not routes or (peer, path_id) not in routes:
            return
        del routes[(peer, path_id)]
        self.peer_prefixes[peer].discard((prefix, path_id))
        if routes:
            return
        start, start_offset = self.up_since.pop(prefix)
        country = self._country(prefix)
        self.finished.append(_reachability(prefix, country, start, when, start_offset, offset))
        if country:
            self.reachable[country] -= 1
            if self.reachable[country] == 0:
                self.down_since[country] = (when, offset)

    def peer_down(self, peer: tuple, when: int, offset: int) -> None:
        for prefix, path_id in list(self.peer_prefixes.get(peer, ())):
            self.withdraw(prefix, peer, path_id, when, offset, explicit=False)

    def close(self) -> Iterator[dict]:
        """At the end of the file: what is still open, and the per-prefix aggregates."""
        for prefix, (start, start_offset) in self.up_since.items():
            row = _reachability(prefix, self._country(prefix), start, None, start_offset, None)
            row["details"] = {"still_reachable_at_end_of_file": epoch_to_utc_iso(self.last_seen)}
            yield row
        for country, (start, start_offset) in self.down_since.items():
            row = _outage(country, start, None, start_offset, None, self.country_prefixes[country])
            row["details"]["not_restored_by_end_of_file"] = epoch_to_utc_iso(self.last_seen)
            yield row
        for (prefix, origin), (first, last, count, offset) in self.announcements.items():
            yield {
                "kind": "announcement", "subject_type": "prefix", "subject": prefix, "country": self._country(prefix),
                "start": epoch_to_utc_iso(first), "end": epoch_to_utc_iso(last), "value": float(count), "unit": "announcements",
                "pointer": f"offset {offset}", "identity": (origin,), "details": {"origin_as": origin},
            }
        for prefix, (first, last, count, offset) in self.withdrawals.items():
            yield {
                "kind": "withdrawal", "subject_type": "prefix", "subject": prefix, "country": self._country(prefix),
                "start": epoch_to_utc_iso(first), "end": epoch_to_utc_iso(last), "value": float(count), "unit": "withdrawals",
                "pointer": f"offset {offset}",
            }


def _count(table: dict, key: object, when: int, offset: int) -> None:
    entry = table.get(key)
    if entry is None:
        table[key] = [when, when, 1, offset]
    else:
        entry[0], entry[1], entry[2] = min(entry[0], when), max(entry[1], when), entry[2] + 1


def _reachability(prefix: str, country: str | None, start: int, end: int | None, start_offset: int, end_offset: int | None) -> dict:
    return {
        "kind": "reachability", "subject_type": "prefix", "subject": prefix, "country": country,
        "start": epoch_to_utc_iso(start), "end": epoch_to_utc_iso(end) if end is not None else None,
        "value": float(end - start) if end is not None else None, "unit": "s",
        "pointer": f"offset {start_offset}", "identity": (start,),
        "details": {"withdrawn_at_offset": end_offset},
    }


def _outage(country: str, start: int, end: int | None, start_offset: int, end_offset: int | None, prefixes: set) -> dict:
    return {
        "kind": "outage", "subject_type": "country", "subject": country, "country": country,
        "start": epoch_to_utc_iso(start), "end": epoch_to_utc_iso(end) if end is not None else None,
        "value": float(end - start) if end is not None else None, "unit": "s",
        "pointer": f"offset {start_offset}", "identity": (start,),
        "details": {"prefixes": sorted(prefixes), "restored_at_offset": end_offset,
                    "rule": "none of the country's prefixes seen in this file was reachable from any peer"},
    }


def read_mrt(context: ImportContext) -> Iterator[dict]:
    """Stream the MRT file, yielding intervals as they close, then what is left open and the aggregates."""
    resources = CountryResources.from_db(context.db)
    if not resources:
        context.notes.append("no delegation data imported yet, so no country outages were derived (import RIR statistics first)")
    state = RoutingState(country_of=resources.country_of_prefix)
    skipped = 0
    with open_binary(context.path) as handle:
        reader = _mrt_reader_class()(handle)
        peers: list[tuple] = []
        index = 0
        while True:
            offset = handle.tell()
            try:
                entry = next(reader)
            except StopIteration:
                break
            except (EOFError, OSError, zlib.error) as error:
                raise context.error(f"offset {offset}", f"truncated or corrupt compressed data ({error})") from None
            except (KeyError, IndexError, ValueError, struct.error) as error:
                raise context.error(f"offset {offset}", f"record {index} cannot be decoded ({type(error).__name__}: {error})") from None
            if entry.err:
                if entry.err_msg.startswith("Unsupported type"):
                    skipped += 1
                    reader.err = None
                    index += 1
                    continue
                raise context.error(f"offset {offset}", f"record {index}: {entry.err_msg}")
            peers = _apply(state, entry.data, offset, peers)
            index += 1
            if state.finished:
                yield from state.finished
                state.finished.clear()
    if index == 0:
        raise context.error("offset 0", "no MRT records")
    if skipped:
        context.notes.append(f"{skipped} records of unsupported MRT types skipped")
    yield from state.close()


def _apply(state: RoutingState, record: dict, offset: int, peers: list[tuple]) -> list[tuple]:
    """Update the routing state with one decoded record; returns the current peer index table."""
    when = _code(record["timestamp"])
    state.last_seen = max(state.last_seen, when)
    kind, subtype = _name(record["type"]), _name(record["subtype"])
    if kind == "TABLE_DUMP_V2":
        if subtype == "PEER_INDEX_TABLE":
            return [(entry["peer_ip"], entry["peer_as"]) for entry in record["peer_entries"]]
        if subtype in RIB_SUBTYPES:
            prefix = f"{record['prefix']}/{record['length']}"
            for rib in record["rib_entries"]:
                peer = peers[rib["peer_index"]] if rib["peer_index"] < len(peers) else ("peer", rib["peer_index"])
                state.announce(prefix, peer, rib.get("path_id"), _origin(rib["path_attributes"]), when, offset)
        return peers
    if kind == "TABLE_DUMP":
        prefix = f"{record['prefix']}/{record['length']}"
        state.announce(prefix, (record["peer_ip"], record["peer_as"]), None, _origin(record["path_attributes"]), when, offset)
        return peers
    if kind not in ("BGP4MP", "BGP4MP_ET"):
        return peers
    peer = (record["peer_ip"], record["peer_as"])
    if "new_state" in record:
        if _code(record["old_state"]) == ESTABLISHED and _code(record["new_state"]) != ESTABLISHED:
            state.peer_down(peer, when, offset)
        return peers
    message = record.get("bgp_message") or {}
    if _name(message.get("type", {0: ""})) != "UPDATE":
        return peers
    withdrawn = list(message.get("withdrawn_routes", []))
    announced = list(message.get("nlri", []))
    attributes = message.get("path_attributes", [])
    for attribute in attributes:
        name = _name(attribute["type"])
        if name == "MP_REACH_NLRI":
            announced.extend(attribute["value"].get("nlri", []))
        elif name == "MP_UNREACH_NLRI":
            withdrawn.extend(attribute["value"].get("withdrawn_routes", []))
    for route in withdrawn:
        state.withdraw(f"{route['prefix']}/{route['length']}", peer, route.get("path_id"), when, offset)
    if announced:
        origin = _origin(attributes)
        for route in announced:
            state.announce(f"{route['prefix']}/{route['length']}", peer, route.get("path_id"), origin, when, offset)
    return peers
