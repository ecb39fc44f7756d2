"""Build the demo database from the bundled ``data/`` folder: the whole pipeline in one call.

``data/articles/`` holds the demo articles (with ``.meta.json`` sidecars) and ``data/evidence/``
the measurement evidence, each file with its provenance. :func:`build_demo` runs ingest, evidence import, extract, link and publish, in
that order, and yields one line of progress per step. Every step is idempotent, so running
the demo twice gives the same database.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .db import open_db
from .errors import ClaimgraphError

# Files in data/evidence/ that document the evidence rather than hold it.
EVIDENCE_DOCS = ("README", "PROVENANCE", "LICENSE", "LICENCE", "FACTS", "NOTICE")


def default_data_dir() -> Path:
    """``data/`` of the source checkout (the demo data is not part of the installed package)."""
    return Path(__file__).resolve().parents[2] / "data"


def evidence_files(evidence_dir: Path) -> list[Path]:
    """The evidence files of a folder, without its documentation (README, PROVENANCE, licences)."""
    if not evidence_dir.is_dir():
        return []
    return sorted(
        path
        for path in evidence_dir.rglob("*")
        if path.is_file()
        and not path.name.startswith(".")
        and not path.name.upper().startswith(EVIDENCE_DOCS)
        and path.suffix.lower() not in {".md", ".rst"}
    )


def build_demo(db_path: str | Path, *, data_dir: Path | None = None, model: str | None = None) -> Iterator[str]:
    """Run every stage on the demo data into ``db_path``, yielding a progress line per step."""
    from .evidence import import_evidence
    from .ingest import IngestOptions, run_ingest
    from .link import run_link
    from .extract import run_extract
    from .publish.prepare import run_publish

    data_dir = Path(data_dir) if data_dir else default_data_dir()
    articles_dir = data_dir / "articles"
    if not articles_dir.is_dir():
        raise ClaimgraphError(f"{articles_dir}: no demo articles folder (run from a claimgraph checkout or pass --data)")
    db = open_db(db_path)

    report = run_ingest(db, [str(articles_dir)], IngestOptions())
    for line in report.error_lines():
        yield f"Skipped: {line}"
    yield report.summary()

    for path in evidence_files(data_dir / "evidence"):
        try:
            yield import_evidence(db, path).summary()
        except ClaimgraphError as error:
            yield f"Skipped evidence: {error}"

    yield run_extract(db, model=model).summary()
    yield run_link(db).summary()
    db.close()
    yield run_publish(db_path).summary()
