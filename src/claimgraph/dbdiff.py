"""Comparing two claimgraph databases table by table, row by row.

Used to check that a refactor or a distributed (``--dask``) run leaves the data unchanged
(``scripts/diff_databases.py`` prints it; the Dask tests assert on it). Columns that record
when or how a row was made (timestamps, the claimgraph version) and tables that record how
a run was carried out (``partitions``) are left out by default.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

VOLATILE_COLUMNS = frozenset({
    "extracted_at", "ingested_at", "imported_at", "linked_at", "created_at", "updated_at", "fetched_at",
    "processed_at", "claimgraph_version", "at", "started_at", "finished_at",
})
VOLATILE_TABLES = frozenset({"partitions"})


@dataclass
class TableDifference:
    """One table's rows in both databases: counts, the rows found on one side only, and column changes."""

    table: str
    old_count: int
    new_count: int
    only_old: list[tuple] = field(default_factory=list)
    only_new: list[tuple] = field(default_factory=list)
    only_old_columns: list[str] = field(default_factory=list)
    only_new_columns: list[str] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not (self.only_old or self.only_new)


def compare_databases(old: str | Path, new: str | Path, ignore_columns=VOLATILE_COLUMNS,
                      ignore_tables=VOLATILE_TABLES) -> list[TableDifference]:
    """Every user table of either database, compared on the columns both have (rows as sets)."""
    old_conn, new_conn = sqlite3.connect(old), sqlite3.connect(new)
    try:
        old_tables, new_tables = set(user_tables(old_conn)), set(user_tables(new_conn))
        found = []
        for table in sorted((old_tables | new_tables) - set(ignore_tables)):
            old_columns = table_columns(old_conn, table, ignore_columns) if table in old_tables else []
            new_columns = table_columns(new_conn, table, ignore_columns) if table in new_tables else []
            shared = [column for column in old_columns if column in new_columns]
            old_rows = table_rows(old_conn, table, shared) if table in old_tables else set()
            new_rows = table_rows(new_conn, table, shared) if table in new_tables else set()
            found.append(TableDifference(
                table, len(old_rows), len(new_rows),
                sorted(old_rows - new_rows, key=repr), sorted(new_rows - old_rows, key=repr),
                sorted(set(old_columns) - set(new_columns)), sorted(set(new_columns) - set(old_columns)),
            ))
        return found
    finally:
        old_conn.close()
        new_conn.close()


def table_columns(conn: sqlite3.Connection, table: str, ignore) -> list[str]:
    return [row[1] for row in conn.execute(f"pragma table_info([{table}])") if row[1] not in ignore]


def table_rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> set[tuple]:
    if not columns:
        return set()
    select = ", ".join(f"[{column}]" for column in columns)
    return set(conn.execute(f"select {select} from [{table}]"))


def user_tables(conn: sqlite3.Connection) -> list[str]:
    return [name for (name,) in conn.execute(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' "
        "and name not like '%_fts%' order by name")]
