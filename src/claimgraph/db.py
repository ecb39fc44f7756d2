"""The claimgraph database: opening it, bringing it to the declared shape, and writing rows.

The shape itself is data in :mod:`claimgraph.schema`; :func:`ensure_db_shape` applies it
idempotently: it creates what is missing, adds columns that a newer version declares, runs
the migrations, and records the schema version in ``claimgraph_meta``. Every stage calls it
before it writes, so any database that claimgraph ever made can be opened by a newer claimgraph.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
from pathlib import Path

import sqlite_utils

from .errors import DatabaseLocked, InputError
from .schema import FTS, INDEXES, SCHEMA_VERSION, TABLES, TABLES_BY_NAME, Table
from .timeutil import utcnow, utc_sortable


def stable_id(*parts: object, length: int = 16) -> str:
    """A short, stable hex key from the parts (sha1 of their ``|``-joined text).

    >>> stable_id("article", 10, 20)
    'e41a6fafdf63bf65'
    """
    text = "|".join("" if part is None else str(part) for part in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def open_db(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (or create) a claimgraph database at ``path`` with its shape ensured.

    Foreign keys are enforced and the journal is WAL so Datasette can read while a stage writes.
    The name functions of :func:`claimgraph.names.register_sql_functions` are registered, so
    the query catalogue's SQL runs on the connection as it is.
    A writer that finds the database locked by another process waits up to
    :func:`busy_timeout` seconds for it (SQLite's busy handler) before giving up.

    ``create=False`` is for commands that only read: the file must already be a claimgraph
    database, and nothing is written to it except the upgrade of an older schema.
    Problems a user can cause (a missing folder, a file that is not SQLite or not
    claimgraph's, a database made by a newer claimgraph) raise :class:`InputError`.
    """
    from .names import register_sql_functions

    path = Path(path)
    if not path.parent.is_dir():
        raise InputError(f"{path}: folder {path.parent} does not exist")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a database file")
    if not create and not path.exists():
        raise InputError(f"{path}: no such database")
    try:
        conn = sqlite3.connect(path, timeout=busy_timeout(), factory=ImmediateConnection, isolation_level="IMMEDIATE")
    except sqlite3.Error as error:
        raise InputError(f"{path}: cannot open the database ({error})") from None
    db = sqlite_utils.Database(conn)
    register_sql_functions(db.conn)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        version = stored_schema_version(db)
    except sqlite3.DatabaseError as error:
        db.close()
        if is_locked(error):
            raise
        raise InputError(f"{path}: not a SQLite database ({error})") from None
    if version is not None and version > SCHEMA_VERSION:
        db.close()
        raise InputError(
            f"{path}: made by a newer claimgraph (schema version {version}; this claimgraph reads versions up to "
            f"{SCHEMA_VERSION}): upgrade claimgraph to use it"
        )
    if not create and version is None:
        db.close()
        raise InputError(f"{path}: not a claimgraph database (no schema version); create one with `claimgraph ingest`")
    if create or version < SCHEMA_VERSION:
        try:
            db.enable_wal()
        except sqlite3.OperationalError as error:
            # another process is writing a database in rollback-journal mode (a published one):
            # SQLite cannot switch modes under it, and writing without WAL works too
            if not is_locked(error):
                raise
        ensure_db_shape(db)
    return db


class ImmediateConnection(sqlite3.Connection):
    """A connection whose write transactions take the write lock when they begin.

    SQLite can wait (up to the busy timeout) for a lock only at the start of a transaction:
    a plain ``BEGIN`` that reads before it writes fails at once with "database is locked"
    when another process is writing. So the ``BEGIN`` that sqlite-utils' ``atomic()`` and
    ``insert()`` send becomes ``BEGIN IMMEDIATE``, as Python's own implicit ones do through
    ``isolation_level``.
    """

    def execute(self, sql, *args):
        if sql.strip().rstrip(";").strip().upper() in ("BEGIN", "BEGIN TRANSACTION", "BEGIN DEFERRED"):
            sql = "BEGIN IMMEDIATE"
        return super().execute(sql, *args)


def busy_timeout() -> float:
    """Seconds a writer waits for another process's write lock: ``CLAIMGRAPH_BUSY_TIMEOUT``, default 60."""
    value = os.environ.get("CLAIMGRAPH_BUSY_TIMEOUT", "60")
    try:
        seconds = float(value)
    except ValueError:
        raise InputError(f"CLAIMGRAPH_BUSY_TIMEOUT={value!r}: not a number of seconds") from None
    if not 0 <= seconds < 86_400:
        raise InputError(f"CLAIMGRAPH_BUSY_TIMEOUT={value!r}: must be between 0 and 86400 seconds")
    return seconds


def is_locked(error: BaseException) -> bool:
    """True for SQLite's "database is locked" (another process held the write lock past the busy timeout)."""
    return isinstance(error, sqlite3.OperationalError) and ("database is locked" in str(error) or "database is busy" in str(error))


def raise_if_locked(error: BaseException, what: str = "the database") -> None:
    """Re-raise a lock timeout as :class:`DatabaseLocked`: it is about the run, not the item being written."""
    if is_locked(error):
        raise DatabaseLocked(
            f"{what}: locked by another process for more than {busy_timeout():g} s; try again when it has finished "
            "(CLAIMGRAPH_BUSY_TIMEOUT sets the wait)"
        ) from error


def stored_schema_version(db: sqlite_utils.Database) -> int | None:
    """The schema version recorded in the database, or None when it is not a claimgraph database (yet)."""
    if not db.execute("select 1 from sqlite_master where type = 'table' and name = 'claimgraph_meta'").fetchone():
        return None
    row = db.execute("select value from claimgraph_meta where key = 'schema_version'").fetchone()
    return int(row[0]) if row and str(row[0]).isdigit() else None


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Create missing tables, columns, indexes and full-text indexes, and migrate old data; idempotent.

    Safe to call on every open: on an up-to-date database it only reads the schema.
    """
    with db.conn:
        for table in TABLES:
            _ensure_table(db, table)
        for table_name, columns, unique in INDEXES:
            db[table_name].create_index(columns, unique=unique, if_not_exists=True)
        for table_name, columns in FTS.items():
            if not db[f"{table_name}_fts"].exists():
                db[table_name].enable_fts(columns, create_triggers=True, tokenize="porter")
        current = db["claimgraph_meta"].get("schema_version")["value"] if _has_version(db) else None
        if current is None or int(current) < SCHEMA_VERSION:
            _migrate(db, int(current) if current else 0)
            db["claimgraph_meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")


def _has_version(db: sqlite_utils.Database) -> bool:
    return db.execute("select 1 from claimgraph_meta where key = 'schema_version'").fetchone() is not None


def _ensure_table(db: sqlite_utils.Database, table: Table) -> None:
    existing = db[table.name]
    if not existing.exists():
        existing.create(
            table.columns,
            pk=table.pk,
            foreign_keys=[fk for fk in table.foreign_keys if fk[1] == table.name or db[fk[1]].exists()],
            not_null=set(table.not_null),
            defaults=table.defaults,
        )
        return
    have = set(existing.columns_dict)
    for column, column_type in table.columns.items():
        if column not in have:
            existing.add_column(column, column_type)


def _fill_published_utc(db: sqlite_utils.Database) -> None:
    rows = db.execute("select id, published from articles where published_utc is null and published is not null").fetchall()
    db.conn.executemany(
        "update articles set published_utc = ? where id = ?",
        [(utc_sortable(published), article_id) for article_id, published in rows],
    )


def _merge_ingest_errors(db: sqlite_utils.Database) -> None:
    if not db["ingest_errors"].exists():
        return
    db.execute(
        "insert into errors (stage, step, source, item, message, at)"
        " select 'ingest', stage, source, url, message, at from ingest_errors order by id"
    )
    db["ingest_errors"].drop()


def _fill_article_authors(db: sqlite_utils.Database) -> None:
    """One article_authors row per name in articles.author, for articles stored before the table existed."""
    rows = db.execute(
        "select id, author from articles where author is not null and id not in (select article_id from article_authors)"
    ).fetchall()
    db.conn.executemany(
        "insert or ignore into article_authors (id, article_id, position, name, role, kind, source) values (?, ?, ?, ?, 'author', 'person', 'articles.author')",
        [
            (stable_id(article_id, position), article_id, position, name)
            for article_id, author in rows
            for position, name in enumerate(part.strip() for part in author.split(",") if part.strip())
        ],
    )


def _verdicts_per_frame(db: sqlite_utils.Database) -> None:
    """claim_evidence's key gains frame_id: a claim's length and start are two verdicts on one event."""
    db.conn.execute("update claim_evidence set frame_id = '' where frame_id is null")
    if db["claim_evidence"].pks != ["claim_id", "measurement_id", "frame_id"]:
        db["claim_evidence"].transform(pk=("claim_id", "measurement_id", "frame_id"), not_null={"frame_id"},
                                       defaults={"frame_id": ""})


# version -> function(db) that upgrades a database from version - 1 to version.
# Adding a column needs no migration (ensure_db_shape adds it); renames and data fixes do.
MIGRATIONS: dict[int, callable] = {
    2: _fill_published_utc,  # articles.published_utc, for articles stored before it existed
    3: _merge_ingest_errors,  # ingest_errors rows join errors (stage 'ingest', their stage as step)
    4: _fill_article_authors,  # article_authors, for articles stored before it existed
    5: _verdicts_per_frame,  # claim_evidence keyed by claim, measurement and frame
}


def _migrate(db: sqlite_utils.Database, from_version: int) -> None:
    for version in range(from_version + 1, SCHEMA_VERSION + 1):
        migration = MIGRATIONS.get(version)
        if migration is not None:
            migration(db)


def log_error(
    db: sqlite_utils.Database, stage: str, item: str, message: str, *, step: str | None = None, source: str | None = None
) -> None:
    """Record in ``errors`` an item a stage skipped: ``step`` and ``source`` say where, for ingest."""
    db["errors"].insert({"stage": stage, "item": item, "message": message, "at": utcnow(), "step": step, "source": source})


def upsert_rows(
    db: sqlite_utils.Database, table_name: str, rows: list[dict], *, conflict: str = "upsert", partial: bool = False
) -> None:
    """Write ``rows`` with one ``executemany``, for hot paths that write a few rows per item.

    ``conflict`` says what a row whose key is already stored does: ``upsert`` updates it (as
    sqlite-utils' ``upsert_all`` does), ``replace`` replaces it, ``ignore`` keeps the old row,
    ``abort`` fails the statement (what a plain ``insert`` does).
    Rows hold every column ``TABLES`` declares for the table (a missing one raises
    ``KeyError``), unless ``partial``: then the first row's columns are written and, on
    upsert, only those are updated.

    Plain SQL because sqlite-utils' ``upsert_all`` reads the table's schema on every call,
    which cost more than the writes themselves (43 ms an article in the extract stage).
    """
    if not rows:
        return
    sql, columns = _write_sql(table_name, conflict, tuple(rows[0]) if partial else None)
    db.conn.executemany(sql, [tuple(row[column] for column in columns) for row in rows])


@functools.cache
def _write_sql(table_name: str, conflict: str, columns: tuple[str, ...] | None) -> tuple[str, tuple[str, ...]]:
    table = TABLES_BY_NAME[table_name]
    columns = columns or tuple(table.columns)
    names = ", ".join(f"[{column}]" for column in columns)
    values = ", ".join("?" * len(columns))
    if conflict != "upsert":
        return f"insert or {conflict} into [{table_name}] ({names}) values ({values})", columns
    keys = (table.pk,) if isinstance(table.pk, str) else tuple(table.pk)
    updates = ", ".join(f"[{column}] = excluded.[{column}]" for column in columns if column not in keys)
    action = f"do update set {updates}" if updates else "do nothing"
    conflict_keys = ", ".join(f"[{key}]" for key in keys)
    return f"insert into [{table_name}] ({names}) values ({values}) on conflict ({conflict_keys}) {action}", columns
