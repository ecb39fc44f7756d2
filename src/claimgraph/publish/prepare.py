"""Prepare a claimgraph database for publishing: full-text search, indexes, statistics, one self-contained file.

``claimgraph publish news.db`` runs :func:`run_publish`. It is idempotent and safe to
re-run after every pipeline run:

1. :func:`claimgraph.db.ensure_db_shape` creates any missing table, index and FTS5 index
   (with the triggers that keep it in step with later writes);
2. every FTS5 index is rebuilt from its table, so rows written before the index existed
   become searchable, and checked with FTS5's ``integrity-check``;
3. ``ANALYZE`` and ``PRAGMA optimize`` give SQLite's planner statistics;
4. the write-ahead log is folded into the file and the journal mode set to ``DELETE``,
   so the single ``.db`` file holds everything and can be served immutable or copied;
5. ``VACUUM`` rewrites the file without free pages, so what is published is compact.

Before that, absolute local paths in ``articles.source`` and ``evidence_sources.path`` are
shortened (relative to the database's folder, else the file name, see
:func:`claimgraph.publish.public.public_path`): the public profile refuses to serve them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..db import open_db
from ..schema import FTS
from .public import LOCAL_PATH_COLUMNS, public_path


@dataclass
class PublishReport:
    """What :func:`run_publish` did, and how to serve the result."""

    path: Path
    fts_rows: dict[str, int] = field(default_factory=dict)
    indexes: int = 0
    size: int = 0
    paths_shortened: int = 0

    def summary(self) -> str:
        searchable = ", ".join(f"{count} {table}" for table, count in self.fts_rows.items())
        return "\n".join(
            [
                f"Prepared {self.path} ({self.size / 1_000_000:.1f} MB): full-text search over {searchable}; "
                f"{self.indexes} indexes; statistics updated"
                + (f"; {self.paths_shortened} local paths shortened." if self.paths_shortened else "."),
                "Serve it read-only with:",
                f"    claimgraph serve {self.path}",
            ]
        )


def run_publish(db_path: str | Path) -> PublishReport:
    """Make ``db_path`` ready to serve: FTS rebuilt and checked, indexes, ANALYZE, optimize, no WAL."""
    path = Path(db_path)
    db = open_db(path, create=False)
    report = PublishReport(path=path)
    with db.conn:
        report.paths_shortened = shorten_local_paths(db, path.resolve().parent)
        for table in FTS:
            db[table].rebuild_fts()
            db.execute(f"insert into [{table}_fts]([{table}_fts]) values ('integrity-check')")
            report.fts_rows[table] = db.execute(f"select count(*) from [{table}_fts]").fetchone()[0]
        db.execute("ANALYZE")
    db.execute("PRAGMA optimize")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("VACUUM")
    report.indexes = db.execute(
        "select count(*) from sqlite_master where type = 'index' and name not like 'sqlite_autoindex_%'"
    ).fetchone()[0]
    db.close()
    report.size = path.stat().st_size
    return report


def shorten_local_paths(db, folder: Path) -> int:
    """Replace absolute local paths in :data:`LOCAL_PATH_COLUMNS` by their public form; returns how many."""
    changed = 0
    for table, column in LOCAL_PATH_COLUMNS:
        rows = db.execute(f"select rowid, [{column}] from [{table}] where [{column}] glob '/*' or [{column}] glob '[A-Za-z]:*'").fetchall()
        updates = [(public_path(value, folder), rowid) for rowid, value in rows if public_path(value, folder) != value]
        db.conn.executemany(f"update [{table}] set [{column}] = ? where rowid = ?", updates)
        changed += len(updates)
    return changed
