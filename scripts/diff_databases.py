"""Compare two claimgraph databases table by table and print the rows that differ.

Used to check that a refactor or a distributed run leaves the data unchanged:

    python scripts/diff_databases.py old.db new.db [--ignore-column extracted_at ...]

Exits 1 when a table's rows differ. Columns that record when or how a row was made
(timestamps, the claimgraph version) and the partitions of --dask runs are ignored by
default; the comparison itself is :func:`claimgraph.dbdiff.compare_databases`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))  # this checkout's claimgraph

from claimgraph.dbdiff import VOLATILE_COLUMNS, VOLATILE_TABLES, compare_databases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--ignore-column", action="append", default=[])
    parser.add_argument("--include-table", action="append", default=[], help="compare a table ignored by default")
    parser.add_argument("--show", type=int, default=5, help="rows to print per side and table")
    args = parser.parse_args(argv)
    differences = compare_databases(args.old, args.new, VOLATILE_COLUMNS | set(args.ignore_column),
                                    VOLATILE_TABLES - set(args.include_table))
    for difference in differences:
        if difference.only_old_columns or difference.only_new_columns:
            print(f"{difference.table}: columns differ (only old: {difference.only_old_columns}, "
                  f"only new: {difference.only_new_columns}); comparing the shared ones")
        status = "same" if difference.same else f"{len(difference.only_old)} only in old, {len(difference.only_new)} only in new"
        print(f"{difference.table:28} {difference.old_count:6} / {difference.new_count:6}  {status}")
        for row in difference.only_old[: args.show]:
            print("   -", row)
        for row in difference.only_new[: args.show]:
            print("   +", row)
    return 0 if all(difference.same for difference in differences) else 1


if __name__ == "__main__":
    sys.exit(main())
