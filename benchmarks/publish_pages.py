"""How fast claimgraph's Datasette pages answer as the database grows.

Usage:
    .venv/bin/python benchmarks/publish_pages.py                  # synthetic databases, 10/100/1000 story copies
    .venv/bin/python benchmarks/publish_pages.py --db demo.db     # one real database
    .venv/bin/python benchmarks/publish_pages.py --copies 10 300 --runs 7

A synthetic database repeats the invented story of tests/publish_story.py N times (new
articles, statements, claims, clusters and verdicts; the same actors, outlets and
measurements), so the actor pages and the whole-graph exports grow with N while a claim
page stays the same size. Each page is requested through ``datasette.client`` (in
process, no network) ``--runs`` times after one warm-up; the table shows the median and
the slowest run in milliseconds. Times include rendering the template, not a browser.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from claimgraph.db import open_db  # noqa: E402
from claimgraph.publish.prepare import run_publish  # noqa: E402
from claimgraph.publish.serve import build_datasette  # noqa: E402
from publish_story import story_rows  # noqa: E402

SHARED = {"outlets", "actors", "actor_aliases", "evidence_sources", "measurements"}
# columns that point at rows that are copied (so each copy points at its own rows)
COPIED_REFS = {"id", "article_id", "statement_id", "claim_id", "cluster_id", "first_claim_id", "first_article_id"}


def build_copies(path: Path, copies: int) -> None:
    rows = story_rows()
    db = open_db(path)
    with db.conn:
        for table, table_rows in rows.items():
            if table in SHARED:
                db[table].insert_all(table_rows)
                continue
            db[table].insert_all(
                {k: (f"{v}-{n}" if k in COPIED_REFS and isinstance(v, str) else v) for k, v in row.items()}
                for n in range(copies)
                for row in table_rows
            )
    db.close()


async def time_pages(db_path: Path, runs: int) -> list[tuple[str, float, float]]:
    datasette = build_datasette([db_path])
    database = next(iter(d for n, d in datasette.databases.items() if not n.startswith("_")))
    claim = (await database.execute(
        "select c.id from claims c join claim_evidence e on e.claim_id = c.id limit 1")).first()
    claim = claim[0] if claim else (await database.execute("select id from claims limit 1")).first()[0]
    actor = (await database.execute(
        "select source_actor_id, count(*) n from claims where source_actor_id is not null "
        "group by 1 order by n desc limit 1")).first()[0]
    pages = [
        ("home /-/claimgraph", "/-/claimgraph"),
        ("claim page", f"/-/claimgraph/claim/{claim}"),
        ("actor page (most claims)", f"/-/claimgraph/actor/{actor}"),
        ("search ?q=outage", "/-/claimgraph/search?q=outage"),
        ("graph page (HTML)", f"/-/claimgraph/graph?actor={actor}"),
        ("graph.json ego depth 1", f"/-/claimgraph/graph.json?actor={actor}&depth=1"),
        ("graph.json whole DB", "/-/claimgraph/graph.json"),
        ("graph.gexf whole DB", "/-/claimgraph/graph.gexf"),
        ("canned query who-said", f"/{database.name}/who-said.json?actor={actor}"),
    ]
    results = []
    for label, url in pages:
        response = await datasette.client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            await datasette.client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        results.append((label, statistics.median(times), max(times)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="benchmark this database instead of synthetic ones")
    parser.add_argument("--copies", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    targets = []
    workdir = Path(tempfile.mkdtemp(prefix="claimgraph-bench-"))
    if args.db:
        targets.append((args.db.name, args.db, None))
    else:
        for copies in args.copies:
            path = workdir / f"story{copies}.db"
            start = time.perf_counter()
            build_copies(path, copies)
            targets.append((f"{copies} copies", path, time.perf_counter() - start))

    columns = []
    for name, path, _ in targets:
        start = time.perf_counter()
        report = run_publish(path)
        publish_s = time.perf_counter() - start
        columns.append((name, report, publish_s, asyncio.run(time_pages(path, args.runs))))

    print(f"runs per page: {args.runs}; median ms (slowest ms)\n")
    print("| page | " + " | ".join(name for name, *_ in columns) + " |")
    print("|---|" + "---|" * len(columns))
    sizes = [f"{r.fts_rows.get('articles', 0)} art., {r.fts_rows.get('claims', 0)} claims, {r.size / 1e6:.1f} MB"
             for _, r, _, _ in columns]
    print("| database | " + " | ".join(sizes) + " |")
    print("| `claimgraph publish` | " + " | ".join(f"{s * 1000:.0f} ms" for _, _, s, _ in columns) + " |")
    for i, (label, _, _) in enumerate(columns[0][3]):
        cells = [f"{pages[i][1]:.0f} ({pages[i][2]:.0f})" for _, _, _, pages in columns]
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
