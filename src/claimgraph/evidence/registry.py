"""Every evidence format, in sniffing order, and the sniffer that picks one from a file's first bytes.

The readers know nothing about this list (they import only :mod:`.formats`), so the
imports run one way: registry -> readers -> formats. The CLI's ``--format`` choices and
the names stored in ``evidence_sources.format`` come from :data:`FORMATS`.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from . import figures, ioda, mrt, rir, ripestat, tabular
from .formats import SNIFF_BYTES, Format, open_binary

# Sniffers are tried in this order, most specific first.
FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("mrt", "MRT BGP routing data (RFC 6396): RIB dumps and BGP4MP updates", mrt.sniff, mrt.read_mrt),
        Format("figures", "Curated published figures, each with its citation", figures.sniff, figures.read_figures),
        Format("ioda", "IODA outage events and signals (JSON)", ioda.sniff, ioda.read_ioda),
        Format("ripestat", "RIPEstat Data API response (JSON)", ripestat.sniff, ripestat.read_ripestat),
        Format("rir", "RIR delegated statistics (address and ASN allocations per country)", rir.sniff, rir.read_rir),
        Format("csv", "Measurements from a CSV file with a column mapping", tabular.sniff, tabular.read_csv),
    )
}


def get_format(name: str) -> Format:
    """The format called ``name``; InputError listing the known ones otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        raise InputError(f"unknown evidence format {name!r}; known: {', '.join(sorted(FORMATS))}") from None


def sniff_format(path: Path) -> Format:
    """Guess a file's format from its first bytes (decompressed); InputError when none fits."""
    with open_binary(path) as handle:
        head = handle.read(SNIFF_BYTES)
    for fmt in FORMATS.values():
        if fmt.sniff(head, path):
            return fmt
    raise InputError(f"{path}: cannot tell the evidence format from its content; pass --format ({', '.join(sorted(FORMATS))})")
