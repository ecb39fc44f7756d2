"""What one database per period costs: routing an article to its month's file, and linking across the boundary.

Builds the synthetic corpus of ``graph_scale.py`` (``--articles`` over two years), copies two
consecutive months of it into ``news-YYYY-MM.db`` files (articles, claims, statements,
quantities and what they point at), then times, as CPU seconds (the figure to compare on a
busy machine) with the wall time beside them:

* ``PeriodFiles.route`` for a new article among ``--files`` month files (the lookup that
  keeps re-ingesting idempotent), per article;
* ``cluster_claims`` on the second month alone, and with ``previous=`` the first (the
  ``link --previous`` pass, which also reads the first month's last 14 days).

Example::

    .venv/bin/python benchmarks/periods.py --articles 100000 --workdir /tmp/periods-bench
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from graph_scale import generate  # noqa: E402

from claimgraph.db import open_db  # noqa: E402
from claimgraph.link.clusters import cluster_claims  # noqa: E402
from claimgraph.link.earlier import EarlierPeriod  # noqa: E402
from claimgraph.periods import PathTemplate, PeriodFiles  # noqa: E402

# tables copied into a month's file, in foreign-key order, and which of their rows belong to the month
MONTH_ROWS = (
    ("outlets", "1"),
    ("actors", "1"),
    ("evidence_sources", "1"),
    ("measurements", "1"),
    ("articles", "substr(published_utc, 1, 7) = :month"),
    ("statements", "article_id in (select id from src.articles where substr(published_utc, 1, 7) = :month)"),
    ("claims", "article_id in (select id from src.articles where substr(published_utc, 1, 7) = :month)"),
    ("quantities", "article_id in (select id from src.articles where substr(published_utc, 1, 7) = :month)"),
)


def copy_month(source: Path, template: PathTemplate, month: str) -> Path:
    path = template.file_for(month)
    db = open_db(path)
    db.execute("attach database ? as src", [str(source)])
    with db.conn:
        for table, condition in MONTH_ROWS:
            columns = ", ".join(f"[{c.name}]" for c in db[table].columns)
            db.execute(f"insert into main.[{table}] ({columns}) select {columns} from src.[{table}] where {condition}",
                       {"month": month})
    db.execute("detach database src")
    db.close()
    return path


def timed(function, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="Articles of the two-year synthetic corpus")
    parser.add_argument("--files", type=int, default=24, help="Month files that routing looks an article up in")
    parser.add_argument("--workdir", type=Path, default=Path("periods-bench"))
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    for old in args.workdir.glob("*.db*"):
        old.unlink()
    source = args.workdir / "corpus.db"
    db = open_db(source)
    generate(db, args.articles, outlets=300, actors=5_000, seed=7)
    db.close()
    template = PathTemplate.parse(args.workdir / "news-{month}.db")
    months = [f"{2014 + (m // 12)}-{m % 12 + 1:02d}" for m in range(args.files)]
    for month in months:
        copy_month(source, template, month)

    files = PeriodFiles(template)
    lookups = 2_000
    _, wall, cpu = timed(lambda: [files.route(f"new-{i}", "2015-06-03T10:00:00Z") for i in range(lookups)])
    files.close()
    print(f"route a new article among {args.files} month files: {cpu / lookups * 1e3:.3f} ms CPU "
          f"({wall / lookups * 1e3:.3f} ms wall) per article")

    first, second = template.file_for(months[-2]), template.file_for(months[-1])
    current = open_db(second)
    claims = current.execute("select count(*) from claims").fetchone()[0]
    earlier_claims = open_db(first).execute("select count(*) from claims").fetchone()[0]
    alone, wall, cpu = timed(cluster_claims, current)
    print(f"cluster {months[-1]} alone ({claims} claims): {alone} clusters, {cpu:.2f} s CPU ({wall:.2f} s wall)")
    previous = EarlierPeriod.open(first, current=second)
    together, wall_p, cpu_p = timed(cluster_claims, current, previous=previous)
    continued = current.execute("select count(distinct cluster_id) from claim_cluster_earlier").fetchone()[0]
    read = current.execute("select count(*) from claim_cluster_earlier").fetchone()[0]
    print(f"cluster {months[-1]} with --previous {months[-2]} ({earlier_claims} claims there): {together} clusters, "
          f"{continued} continued ({read} earlier reports copied), {cpu_p:.2f} s CPU ({wall_p:.2f} s wall), "
          f"{cpu_p / cpu:.2f}x alone")


if __name__ == "__main__":
    main()
