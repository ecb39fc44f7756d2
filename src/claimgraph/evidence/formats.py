"""What an evidence reader works with: its :class:`ImportContext`, the :class:`Format` it is
registered as, and helpers to open, decode and parse the file.

This module knows nothing about the readers; :mod:`claimgraph.evidence.registry` lists
them. Adding a format is three steps: write a module with a ``read_<name>(context)``
generator that yields measurement dicts (``kind``, ``subject_type``, ``subject``,
``country``, ``start``, ``end``, ``value``, ``unit``, ``pointer``, ``details``) and raises
:class:`~claimgraph.errors.EvidenceFormatError` naming the line or offset on bad input;
write a ``sniff(head, path)`` that recognises the format from the first 8 KiB
(decompressed); and add a :class:`Format` to :data:`claimgraph.evidence.registry.FORMATS`.
The CLI's ``--format`` choices are read from there.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
from dataclasses import dataclass, field
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
