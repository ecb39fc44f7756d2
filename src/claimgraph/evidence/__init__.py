"""Evidence: import measurement data files into ``evidence_sources`` and ``measurements``.

One entry point, :func:`import_evidence`, reads any supported file and stores it:

* each file becomes one ``evidence_sources`` row whose id is the file's SHA-256, so
  importing the same bytes twice is a no-op, whatever the file is called, while a file
  changed in place (same path, new bytes) replaces its earlier version;
* its records become ``measurements`` rows (kind, subject, country, start, end, value,
  unit and a ``pointer`` back into the file: a line number, byte offset or JSON path);
* the whole file is written in one transaction: a malformed record anywhere raises
  :class:`~claimgraph.errors.EvidenceFormatError` naming the file and the line or
  offset, nothing of that file is kept, and the failure is recorded in ``errors``.

The formats are listed in :mod:`claimgraph.evidence.registry` (each with a sniffer);
what a reader works with is in :mod:`claimgraph.evidence.formats`. Checking claims against what was imported is :mod:`claimgraph.link.verdicts`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import sqlite_utils

from ..db import ensure_db_shape, log_error, stable_id
from ..errors import EvidenceFormatError, InputError
from ..schema import TABLES_BY_NAME
from ..timeutil import utcnow
from .formats import ImportContext, read_provenance
from .registry import get_format, sniff_format

MEASUREMENT_COLUMNS = tuple(TABLES_BY_NAME["measurements"].columns)
_INSERT_MEASUREMENT = (
    f"INSERT OR REPLACE INTO measurements ({', '.join(f'[{c}]' for c in MEASUREMENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in MEASUREMENT_COLUMNS)})"
)
_BATCH = 2000


@dataclass
class ImportResult:
    """What one :func:`import_evidence` call did."""

    path: Path
    source_id: str
    format: str
    records: int = 0
    already_imported: bool = False
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the CLI, e.g. ``Imported 47 measurements from x.txt (rir)``."""
        if self.already_imported:
            return f"Already imported {self.path.name} ({self.format}): nothing to do"
        line = f"Imported {self.records} measurement{'s' * (self.records != 1)} from {self.path.name} ({self.format})"
        return line + (f"; {'; '.join(self.notes)}" if self.notes else "")


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in chunks so large MRT dumps are not loaded whole."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def parse_mapping(mapping: str | dict | None) -> dict[str, str]:
    """``"kind=type,subject=asn"`` -> ``{"kind": "type", "subject": "asn"}`` (a dict passes through)."""
    if mapping is None or isinstance(mapping, dict):
        return dict(mapping or {})
    parsed = {}
    for pair in filter(None, (part.strip() for part in mapping.split(","))):
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InputError(f"mapping {mapping!r}: expected FIELD=COLUMN pairs separated by commas, got {pair!r}")
        parsed[key.strip()] = value.strip()
    return parsed


def import_evidence(
    db: sqlite_utils.Database,
    path: str | Path,
    format: str | None = None,
    mapping: str | dict | None = None,
) -> ImportResult:
    """Import one evidence file; all-or-nothing, and a no-op if the same bytes were imported before.

    ``format`` is one of the names in :data:`claimgraph.evidence.registry.FORMATS`;
    when None it is sniffed from the content. ``mapping`` maps measurement fields to CSV columns
    (``"subject=asn,value=count"``) and also supplies values a file does not hold, such
    as ``country=AT`` for a RIPEstat response saved without its query.

    ``PROVENANCE.yml`` in the file's folder may record provenance that the file itself
    does not carry (see :func:`~claimgraph.evidence.formats.read_provenance`).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: {'a folder, not a file' if path.is_dir() else 'no such file'}")
    ensure_db_shape(db)
    try:
        fmt = get_format(format) if format else sniff_format(path)
    except InputError as error:  # a file whose format cannot be told (e.g. broken compression) is skipped
        if not format:
            with db.conn:
                log_error(db, "evidence", str(path), str(error))
        raise
    sha256 = file_sha256(path)
    if db["evidence_sources"].count_where("id = ?", [sha256]):
        return ImportResult(path=path, source_id=sha256, format=fmt.name, already_imported=True)

    provenance = read_provenance(path)
    context = ImportContext(db=db, path=path, mapping=parse_mapping(mapping), provenance=provenance)
    source = {
        "id": sha256, "name": path.name, "format": fmt.name, "path": str(path),
        "url": None, "licence": None, "retrieved_at": None, "imported_at": utcnow(),
        "sha256": sha256, "size": path.stat().st_size, "records": 0, "description": fmt.description,
    }
    result = ImportResult(path=path, source_id=sha256, format=fmt.name)
    replaced = _earlier_versions(db, path, fmt.name)
    try:
        result.records = _save_source(db, source, fmt.read(context), lambda: {**context.source, **provenance}, replaced)
    except EvidenceFormatError as error:
        with db.conn:
            log_error(db, "evidence", str(path), str(error))
        raise
    result.notes = context.notes
    if replaced:
        result.notes.append(f"replaces the earlier version imported from the same path ({len(replaced)} source)")
    return result


def _earlier_versions(db: sqlite_utils.Database, path: Path, format_name: str) -> list[str]:
    """Sources imported before from this very file (same resolved path and format) with other contents.

    An edited figures file or a fresh download saved over the old one replaces its
    earlier version, so the database does not keep two versions of the same facts.
    """
    rows = db.execute("select id, path from evidence_sources where name = ? and format = ?", [path.name, format_name])
    return [source_id for source_id, earlier in rows.fetchall() if Path(earlier).resolve() == path.resolve()]


def _save_source(
    db: sqlite_utils.Database, source: dict, measurements: Iterator[dict], provenance: Callable[[], dict], replaced: list[str]
) -> int:
    """Write the source row and its measurements in one transaction; returns how many measurements.

    ``provenance`` is asked for after the last measurement, when the reader has seen the
    whole file (an RIR header, a response's query time). The ``replaced`` sources go,
    with their measurements and the verdicts resting on them, in the same transaction.
    """
    records = 0
    with db.conn:
        for source_id in replaced:
            db.conn.execute("delete from claim_evidence where measurement_id in (select id from measurements where source_id = ?)", [source_id])
            db.conn.execute("delete from measurements where source_id = ?", [source_id])
            db.conn.execute("delete from evidence_sources where id = ?", [source_id])
        db.conn.execute(
            f"INSERT INTO evidence_sources ({', '.join(f'[{c}]' for c in source)}) VALUES ({', '.join('?' for _ in source)})",
            list(source.values()),
        )
        batch = []
        for measurement in measurements:
            batch.append(_measurement_row(source["id"], measurement))
            if len(batch) >= _BATCH:
                db.conn.executemany(_INSERT_MEASUREMENT, batch)
                records += len(batch)
                batch.clear()
        db.conn.executemany(_INSERT_MEASUREMENT, batch)
        records += len(batch)
        found = provenance()
        updates = {key: str(found[key]) for key in ("url", "licence", "retrieved_at", "description") if found.get(key)}
        updates["records"] = records
        db.conn.execute(
            f"UPDATE evidence_sources SET {', '.join(f'[{key}] = ?' for key in updates)} WHERE id = ?",
            [*updates.values(), source["id"]],
        )
    return records


def _measurement_row(source_id: str, measurement: dict) -> tuple:
    pointer = measurement["pointer"]
    row = {
        "id": stable_id(source_id, pointer, measurement["kind"], measurement.get("subject"), *measurement.get("identity", ())),
        "source_id": source_id,
        "kind": measurement["kind"],
        "subject_type": measurement.get("subject_type"),
        "subject": measurement.get("subject"),
        "country": measurement.get("country"),
        "start": measurement.get("start"),
        "end": measurement.get("end"),
        "value": measurement.get("value"),
        "unit": measurement.get("unit"),
        "pointer": str(pointer),
        "details": json.dumps(measurement["details"], sort_keys=True) if measurement.get("details") else None,
    }
    return tuple(row.get(column) for column in MEASUREMENT_COLUMNS)
