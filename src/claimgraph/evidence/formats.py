"""The registry of evidence formats and the sniffer that picks one from a file's first bytes.

Adding a format is three steps: write a module with a ``read_<name>(context)`` generator
that yields measurement dicts (``kind``, ``subject_type``, ``subject``, ``country``,
``start``, ``end``, ``value``, ``unit``, ``pointer``, ``details``) and raises
:class:`~claimgraph.errors.EvidenceFormatError` naming the line or offset on bad input;
write a ``sniff(head, path)`` that recognises the format from the first 8 KiB
(decompressed); and add a :class:`Format` to the list in :func:`formats` below (and
its name to the CLI's ``--format`` choices). Sniffers are tried in that order, most
specific first.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable, Iterator

import sqlite_utils
import yaml

from ..errors import EvidenceFormatError, InputError

GZIP_MAGIC = b"\x1f\x8b"
BZ2_MAGIC = b"BZh"
SNIFF_BYTES = 8192


@dataclass
class ImportContext:
    """What a reader gets: the database (for country lookups), the file, the mapping, its provenance entry.

    Readers put provenance they find in the file (``url``, ``licence``,
    ``retrieved_at``, ``description``) into ``source`` and remarks for the summary
    line into ``notes``.
    """

    db: sqlite_utils.Database
    path: Path
    mapping: dict = field(default_factory=dict)
    provenance: dict = field(default_factory=dict)
    source: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    def error(self, where: str, message: str) -> EvidenceFormatError:
        """An error naming this file and where in it (``line 12``, ``offset 4096``, ``$.data[3]``)."""
        return EvidenceFormatError(f"{self.path}: {where}: {message}")


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    sniff: Callable[[bytes, Path], bool]
    read: Callable[[ImportContext], Iterator[dict]]


def open_binary(path: Path) -> io.BufferedIOBase:
    """Open a file for reading bytes, decompressing gzip and bzip2 transparently."""
    with path.open("rb") as handle:
        magic = handle.read(3)
    if magic.startswith(GZIP_MAGIC):
        return gzip.open(path, "rb")
    if magic.startswith(BZ2_MAGIC):
        return bz2.open(path, "rb")
    return path.open("rb")


def read_text(context: ImportContext) -> str:
    """The whole (decompressed) file as text; UTF-8, with a clear error when it is not."""
    with open_binary(context.path) as handle:
        data = handle.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise context.error(f"offset {error.start}", "not UTF-8 text") from None


def load_json(context: ImportContext) -> object:
    """The file as JSON, with an error naming the line and column where it breaks."""
    try:
        return json.loads(read_text(context))
    except json.JSONDecodeError as error:
        raise context.error(f"line {error.lineno} column {error.colno}", f"not valid JSON ({error.msg})") from None


def read_provenance(path: Path) -> dict:
    """Provenance of an evidence file from ``PROVENANCE.yml`` in its folder, when it lists the file.

    ``PROVENANCE.yml`` maps file names to ``url``, ``licence``, ``retrieved_at``,
    ``description`` and, for saved API responses, the ``query`` they answered
    (``{resource: at}``), which a bare response does not repeat.
    """
    registry = path.parent / "PROVENANCE.yml"
    if not registry.exists():
        return {}
    try:
        entries = yaml.safe_load(registry.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise InputError(f"{registry}: not valid YAML ({error})") from None
    entry = entries.get(path.name) if isinstance(entries, dict) else None
    if entry is None:
        return {}
    if not isinstance(entry, dict):
        raise InputError(f"{registry}: entry {path.name!r} must be a mapping of url, licence, retrieved_at, description, query")
    return entry


@cache
def formats() -> tuple[Format, ...]:
    """Every format, in sniffing order (the readers import this module, so they are imported here lazily)."""
    from . import figures, ioda, mrt, rir, ripestat, tabular

    return (
        Format("mrt", "MRT BGP routing data (RFC 6396): RIB dumps and BGP4MP updates", mrt.sniff, mrt.read_mrt),
        Format("figures", "Curated published figures, each with its citation", figures.sniff, figures.read_figures),
        Format("ioda", "IODA outage events and signals (JSON)", ioda.sniff, ioda.read_ioda),
        Format("ripestat", "RIPEstat Data API response (JSON)", ripestat.sniff, ripestat.read_ripestat),
        Format("rir", "RIR delegated statistics (address and ASN allocations per country)", rir.sniff, rir.read_rir),
        Format("csv", "Measurements from a CSV file with a column mapping", tabular.sniff, tabular.read_csv),
    )


def get_format(name: str) -> Format:
    """The format called ``name``; InputError listing the known ones otherwise."""
    for fmt in formats():
        if fmt.name == name:
            return fmt
    raise InputError(f"unknown evidence format {name!r}; known: {', '.join(sorted(fmt.name for fmt in formats()))}")


def sniff_format(path: Path) -> Format:
    """Guess a file's format from its first bytes (decompressed); InputError when none fits."""
    with open_binary(path) as handle:
        head = handle.read(SNIFF_BYTES)
    for fmt in formats():
        if fmt.sniff(head, path):
            return fmt
    names = ", ".join(sorted(fmt.name for fmt in formats()))
    raise InputError(f"{path}: cannot tell the evidence format from its content; pass --format ({names})")
