"""Compare two claimgraph databases table by table and print the rows that differ.

Used to check that a refactor or a distributed run leaves the data unchanged:

    python scripts/diff_databases.py old.db new.db [--ignore-column extracted_at ...]

Exits 1 when a table's rows differ. Columns that record when or how a row was made
(timestamps, the claimgraph version) are ignored by default.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys

VOLATILE = {"extracted_at", "ingested_at", "imported_at", "linked_at", "created_at", "updated_at",
            "fetched_at", "processed_at", "claimgraph_version", "at", "started_at", "finished_at"}


def table_rows(conn: sqlite3.Connection, table: str, ignore: set[str]) -> tuple[list[str], set[tuple]]:
    columns = [row[1] for row in conn.execute(f"pragma table_info([{table}])") if row[1] not in ignore]
    if not columns:
        return columns, set()
    select = ", ".join(f"[{column}]" for column in columns)
    return columns, set(conn.execute(f"select {select} from [{table}]"))


def user_tables(conn: sqlite3.Connection) -> list[str]:
    return [name for (name,) in conn.execute(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' "
        "and name not like '%_fts%' order by name")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--ignore-column", action="append", default=[])
    parser.add_argument("--show", type=int, default=5, help="rows to print per side and table")
    args = parser.parse_args(argv)
    ignore = VOLATILE | set(args.ignore_column)
    old, new = sqlite3.connect(args.old), sqlite3.connect(args.new)
    differ = False
    for table in sorted(set(user_tables(old)) | set(user_tables(new))):
        old_columns, old_rows = table_rows(old, table, ignore) if table in user_tables(old) else ([], set())
        new_columns, new_rows = table_rows(new, table, ignore) if table in user_tables(new) else ([], set())
        if old_columns != new_columns:
            shared = [c for c in old_columns if c in new_columns]
            print(f"{table}: columns differ (only old: {sorted(set(old_columns) - set(new_columns))}, "
                  f"only new: {sorted(set(new_columns) - set(old_columns))}); comparing {len(shared)} shared")
            old_rows = {tuple(r[old_columns.index(c)] for c in shared) for r in old_rows}
            new_rows = {tuple(r[new_columns.index(c)] for c in shared) for r in new_rows}
        only_old, only_new = old_rows - new_rows, new_rows - old_rows
        status = "same" if not (only_old or only_new) else f"{len(only_old)} only in old, {len(only_new)} only in new"
        print(f"{table:28} {len(old_rows):6} / {len(new_rows):6}  {status}")
        if only_old or only_new:
            differ = True
            for row in sorted(only_old, key=repr)[: args.show]:
                print("   -", row)
            for row in sorted(only_new, key=repr)[: args.show]:
                print("   +", row)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
