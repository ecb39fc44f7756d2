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
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import sqlite_utils

from ..errors import EvidenceFormatError, InputError
from ..yamlfile import read_yaml_file

GZIP_MAGIC = b"\x1f\x8b"
BZ2_MAGIC = b"BZh"
SNIFF_BYTES = 8192
# Formats read whole (JSON, YAML, RIR statistics) stop here; MRT and CSV are streamed and have no limit.
MAX_DOCUMENT_BYTES = 512 * 1024 * 1024
# Compressed data that is not what its magic bytes say, or that was cut short.
_DECOMPRESSION_ERRORS = (OSError, EOFError, zlib.error)


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
        """An error naming this file and where in it (``line 12``, ``offset 4096``, ``$.data[3]``), on one line."""
        return EvidenceFormatError(f"{self.path}: {where}: {' '.join(str(message).split())}")


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    sniff: Callable[[bytes, Path], bool]
    read: Callable[[ImportContext], Iterator[dict]]


class _Decompressed(io.BufferedIOBase):
    """A gzip or bzip2 stream whose broken or cut-short data raises an error naming the file and the offset.

    gzip and bz2 raise OSError, EOFError or zlib.error, which would end an import with a
    traceback (or click's bare "Aborted!" for EOFError).
    """

    def __init__(self, inner: io.BufferedIOBase, path: Path, kind: str):
        self._inner = inner
        self._path = path
        self._kind = kind

    def _guard(self, read, *args):
        try:
            return read(*args)
        except _DECOMPRESSION_ERRORS as error:
            where = self._inner.tell() if not self._inner.closed else 0
            raise EvidenceFormatError(f"{self._path}: offset {where}: truncated or corrupt compressed data "
                                      f"({self._kind}: {error})") from None

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        return self._guard(self._inner.read, size)

    def read1(self, size: int = -1) -> bytes:
        return self._guard(self._inner.read1, size)

    def readinto(self, buffer) -> int:
        return self._guard(self._inner.readinto, buffer)

    def readline(self, size: int = -1) -> bytes:
        return self._guard(self._inner.readline, size)

    def peek(self, size: int = 0) -> bytes:
        return self._guard(self._inner.peek, size)

    def tell(self) -> int:
        return self._inner.tell()

    def close(self) -> None:
        self._inner.close()
        super().close()


def open_binary(path: Path) -> io.BufferedIOBase:
    """Open a file for reading bytes, decompressing gzip and bzip2 transparently.

    Reading broken compressed data raises :class:`EvidenceFormatError` naming the file.
    """
    with path.open("rb") as handle:
        magic = handle.read(3)
    if magic.startswith(GZIP_MAGIC):
        return _Decompressed(gzip.open(path, "rb"), path, "gzip")
    if magic.startswith(BZ2_MAGIC):
        return _Decompressed(bz2.open(path, "rb"), path, "bzip2")
    return path.open("rb")


def read_bytes(context: ImportContext, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The whole (decompressed) file, refused when it is (or expands to) more than ``limit`` bytes."""
    with open_binary(context.path) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise context.error(f"offset {limit}", f"more than {limit} bytes (decompressed): files of this format are read whole, "
                                               "and larger ones are refused")
    return data


def read_text(context: ImportContext) -> str:
    """The whole (decompressed) file as text; UTF-8, with a clear error when it is not."""
    data = read_bytes(context)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise context.error(f"offset {error.start}", "not UTF-8 text") from None


def load_json(context: ImportContext) -> object:
    """The file as JSON, with an error naming the line and column where it breaks, or saying it nests too deep."""
    try:
        return json.loads(read_text(context))
    except json.JSONDecodeError as error:
        raise context.error(f"line {error.lineno} column {error.colno}", f"not valid JSON ({error.msg})") from None
    except RecursionError:
        raise context.error("$", "JSON nested too deeply to read (no RIPEstat or IODA response nests more than a few levels)") from None


def read_provenance(path: Path) -> dict:
    """Provenance of an evidence file from ``PROVENANCE.yml`` in its folder, when it lists the file.

    ``PROVENANCE.yml`` maps file names to ``url``, ``licence``, ``retrieved_at``,
    ``description`` and, for saved API responses, the ``query`` they answered
    (``{resource: at}``), which a bare response does not repeat.
    """
    registry = path.parent / "PROVENANCE.yml"
    if not registry.exists():
        return {}
    entries = read_yaml_file(registry, "provenance list") or {}
    entry = entries.get(path.name) if isinstance(entries, dict) else None
    if entry is None:
        return {}
    if not isinstance(entry, dict):
        raise InputError(f"{registry}: entry {path.name!r} must be a mapping of url, licence, retrieved_at, description, query")
    return entry
