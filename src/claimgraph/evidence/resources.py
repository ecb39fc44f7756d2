"""Which country holds which address block and AS number, from imported delegation data.

Built from the ``ipv4_allocation``, ``ipv6_allocation`` and ``asn_allocation``
measurements that the RIR (and RIPEstat country-resource-list) importers write. The
MRT, RIPEstat and CSV importers use it to give routing measurements a country, and
the linker uses it to turn "North Korea" into its prefixes and ASNs.
"""

from __future__ import annotations

import ipaddress
import json
from dataclasses import dataclass, field

import sqlite_utils

ALLOCATION_KINDS = ("ipv4_allocation", "ipv6_allocation", "asn_allocation")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def networks_of(subject: str, details: dict | None = None) -> list[Network]:
    """The CIDR blocks of an allocation subject (``details['networks']`` when a range is not one CIDR)."""
    if details and details.get("networks"):
        return [ipaddress.ip_network(cidr) for cidr in details["networks"]]
    return [ipaddress.ip_network(subject, strict=False)]


def asn_range(subject: str) -> range:
    """``AS131279`` -> range(131279, 131280); ``AS64512-AS64515`` -> range(64512, 64516)."""
    first, _, last = subject.partition("-")
    low = int(first.upper().removeprefix("AS"))
    high = int(last.upper().removeprefix("AS")) if last else low
    return range(low, high + 1)


@dataclass
class CountryResources:
    """Address blocks and AS numbers per country, with lookups both ways."""

    by_length: dict = field(default_factory=dict)  # (version, prefixlen) -> {network: country}
    asns: list = field(default_factory=list)  # (range, country)
    lengths: list = field(default_factory=list)  # keys of by_length, longest prefix first

    @classmethod
    def from_db(cls, db: sqlite_utils.Database) -> CountryResources:
        resources = cls()
        if not db["measurements"].exists():
            return resources
        rows = db.execute(
            f"select kind, subject, country, details from measurements where country is not null "
            f"and kind in ({', '.join('?' for _ in ALLOCATION_KINDS)})",
            ALLOCATION_KINDS,
        ).fetchall()
        for kind, subject, country, details in rows:
            if kind == "asn_allocation":
                resources.asns.append((asn_range(subject), country))
                continue
            for network in networks_of(subject, json.loads(details) if details else None):
                resources.by_length.setdefault((network.version, network.prefixlen), {})[network] = country
        resources.lengths = sorted(resources.by_length, key=lambda key: -key[1])
        return resources

    def country_of_prefix(self, prefix: str) -> str | None:
        """Country of the allocation that covers ``prefix`` (most specific first), or None."""
        try:
            network = ipaddress.ip_network(prefix, strict=False)
        except ValueError:
            return None
        for version, length in self.lengths:
            if version != network.version or length > network.prefixlen:
                continue
            country = self.by_length[(version, length)].get(network.supernet(new_prefix=length) if length < network.prefixlen else network)
            if country:
                return country
        return None

    def country_of_asn(self, asn: int | str) -> str | None:
        number = int(str(asn).upper().removeprefix("AS"))
        return next((country for numbers, country in self.asns if number in numbers), None)

    def country_of(self, subject_type: str | None, subject: str | None) -> str | None:
        """Country of a measurement subject (``prefix`` or ``asn``), when the delegations say."""
        if not subject:
            return None
        if subject_type == "prefix":
            return self.country_of_prefix(subject)
        if subject_type == "asn":
            try:
                return self.country_of_asn(subject)
            except ValueError:
                return None
        return None

    def __bool__(self) -> bool:
        return bool(self.by_length or self.asns)
