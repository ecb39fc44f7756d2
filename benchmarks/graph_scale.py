"""Scale benchmark for the graph stage: a synthetic corpus written straight into SQLite.

Generates ``--articles`` articles (default 100,000) from ``--outlets`` outlets quoting
``--actors`` actors: per article two statements that each carry a claim, one unattributed
claim, three actor mentions, a figure on every measurement claim, and verdicts for some
claims. About one claim in five retells a "story" that other outlets also report, so
clustering has real work to do. Then it times, and prints as a table:

* clustering (``cluster_claims``) and building the whole graph (``build_graph``),
* each export format, streamed to a file,
* an actor's ego network,
* the p50/p95 latency of each attribution query over ``--repeats`` random arguments
  (after one warm-up run), fetching the first 1,000 rows as Datasette's canned queries do,

with memory as the process's maximum RSS after each step (exports stream, so it should not
grow while they run). Times
are wall clock with the process's CPU time beside them: on a busy shared machine the CPU
time is the figure to compare.

Example::

    .venv/bin/python benchmarks/graph_scale.py --articles 100000 --workdir /tmp/graph-bench
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from claimgraph.db import open_db, stable_id
from claimgraph.graph.build import GraphFilter, build_graph
from claimgraph.link.clusters import cluster_claims
from claimgraph.graph.export import FORMATS, write_graph
from claimgraph.queries import QUERIES, execute_query
from claimgraph.timeutil import utc_sortable

CLAIM_TYPES = ("accuses", "denies", "threatens", "reports_measurement", "predicts", "condemns", "states")
VERBS = {
    "accuses": "accused {o} of the attack on {x}",
    "denies": "denied any role in the attack on {x}",
    "threatens": "threatened a response against {o} over {x}",
    "reports_measurement": "said the outage at {x} lasted {n} hours",
    "predicts": "said {o} could be behind the attack on {x}",
    "condemns": "condemned {o} for the attack on {x}",
    "states": "said the network of {x} was unstable",
}
TARGETS = ("the power grid", "the banks", "the ministry", "the studio", "the port", "the railways", "the mail servers")


def generate(db, articles: int, outlets: int, actors: int, seed: int) -> dict[str, int]:
    """Write the synthetic corpus; returns row counts per table."""
    rng = random.Random(seed)
    start = datetime(2014, 1, 1, tzinfo=timezone.utc)
    outlet_rows = [(f"outlet{i}.example", f"Outlet {i}", f"outlet{i}.example") for i in range(outlets)]
    actor_rows = [(f"actor-{i}", f"Actor {i}", rng.choice(("person", "organisation", "country", "group")))
                  for i in range(actors)]
    # a few actors are in the news a lot, most rarely (like real coverage)
    weights = [1 / (i + 1) ** 0.8 for i in range(actors)]
    stories = []
    counts = dict.fromkeys(("articles", "statements", "claims", "quantities", "mentions", "claim_evidence"), 0)
    rows: dict[str, list] = {name: [] for name in counts}
    measurements = []

    def flush():
        conn.executemany(
            "insert into articles (id, outlet_id, title, text, published, published_utc, ingested_at, url)"
            " values (?,?,?,?,?,?,?,?)",
            rows["articles"])
        conn.executemany(
            "insert into statements (id, article_id, speaker_id, speaker_text, cue, content, start, \"end\", kind, method)"
            " values (?,?,?,?,?,?,?,?,?,?)", rows["statements"])
        conn.executemany(
            "insert into claims (id, article_id, statement_id, source_actor_id, type, subject_id, object_id, polarity,"
            " certainty, event_time, text, start, \"end\", method) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows["claims"])
        conn.executemany(
            "insert into quantities (id, article_id, claim_id, text, start, \"end\", value, unit, kind, normalized_value,"
            " normalized_unit, qualifier) values (?,?,?,?,?,?,?,?,?,?,?,?)", rows["quantities"])
        conn.executemany(
            "insert or ignore into mentions (id, article_id, actor_id, start, \"end\", text, method) values (?,?,?,?,?,?,?)",
            rows["mentions"])
        conn.executemany(
            "insert or ignore into claim_evidence (claim_id, measurement_id, verdict, claimed, measured, explanation,"
            " rule) values (?,?,?,?,?,?,?)", rows["claim_evidence"])
        for table_rows in rows.values():
            table_rows.clear()

    conn = db.conn
    with conn:
        conn.executemany("insert into outlets (id, name, domain) values (?,?,?)", outlet_rows)
        conn.executemany("insert into actors (id, name, type, source) values (?,?,?,'benchmark')", actor_rows)
        conn.executemany(
            "insert into actor_aliases (actor_id, alias_key, alias, source) values (?,?,?,'benchmark')",
            [(a, name.lower(), name, ) for a, name, _ in actor_rows])
        conn.execute("insert into evidence_sources (id, name, format) values ('bench', 'synthetic', 'figures')")
        for i in range(max(1, articles // 50)):
            when = start + timedelta(hours=rng.randrange(24 * 730))
            measurements.append((f"m{i}", "bench", "outage", "country", f"C{i % 200}", when.isoformat(),
                                 (when + timedelta(hours=9)).isoformat(), 32400.0, "s"))
        conn.executemany(
            "insert into measurements (id, source_id, kind, subject_type, subject, start, \"end\", value, unit)"
            " values (?,?,?,?,?,?,?,?,?)", measurements)

        for n in range(articles):
            article_id = f"a{n}"
            published = start + timedelta(minutes=n * 730 * 24 * 60 // max(articles, 1) + rng.randrange(60))
            outlet = outlet_rows[rng.randrange(outlets)][0]
            cast = rng.choices(range(actors), weights=weights, k=3)
            text_parts, claims = [], []
            for k in range(3):
                if stories and rng.random() < 0.2:
                    type_, subject, obj, target, hours = rng.choice(stories[-50:])
                    hours = hours * rng.choice((1, 1, 1.05, 1.3))
                else:
                    type_ = rng.choice(CLAIM_TYPES)
                    subject, obj = f"actor-{cast[k]}", f"actor-{cast[(k + 1) % 3]}"
                    target, hours = rng.choice(TARGETS), float(rng.randrange(1, 48))
                    stories.append((type_, subject, obj, target, hours))
                sentence = f"Actor {subject[6:]} " + VERBS[type_].format(o=f"Actor {obj[6:]}", x=target, n=f"{hours:g}")
                begin = sum(len(p) + 1 for p in text_parts)
                text_parts.append(sentence + ".")
                claims.append((k, type_, subject, obj, sentence, begin, hours))
            text = " ".join(text_parts)
            rows["articles"].append((article_id, outlet, f"Story {n}", text, published.isoformat(),
                                     utc_sortable(published.isoformat()), published.isoformat(),
                                     f"https://{outlet}/{n}"))
            for k, type_, subject, obj, sentence, begin, hours in claims:
                claim_id = f"{article_id}c{k}"
                statement_id = f"{article_id}s{k}" if k < 2 else None
                speaker = subject if statement_id else None
                if statement_id:
                    rows["statements"].append((statement_id, article_id, speaker, f"Actor {subject[6:]}", "said",
                                               sentence, begin, begin + len(sentence), "indirect", "benchmark"))
                rows["claims"].append((claim_id, article_id, statement_id, speaker, type_, subject,
                                       None if type_ in ("reports_measurement", "states", "denies") else obj,
                                       "positive", 1.0, published.date().isoformat(), sentence, begin,
                                       begin + len(sentence), "benchmark"))
                if type_ == "reports_measurement":
                    rows["quantities"].append((f"{claim_id}q", article_id, claim_id, f"{hours:g} hours", begin, begin + 5,
                                               hours, "hours", "duration", hours * 3600, "s", "exact"))
                    if rng.random() < 0.3:
                        m = measurements[rng.randrange(len(measurements))][0]
                        verdict = "supports" if abs(hours - 9) <= 1 else "contradicts"
                        rows["claim_evidence"].append((claim_id, m, verdict, f"{hours:g} hours", "9 hours",
                                                       "synthetic", "benchmark"))
            for actor in set(cast):
                rows["mentions"].append((stable_id(article_id, actor), article_id, f"actor-{actor}", 0, 5,
                                         f"Actor {actor}", "benchmark"))
            if len(rows["articles"]) >= 5000:
                counts_update(counts, rows)
                flush()
        counts_update(counts, rows)
        flush()
    return counts


def counts_update(counts: dict, rows: dict) -> None:
    for name in counts:
        counts[name] += len(rows[name])


def max_rss_mib() -> float:
    """The most memory this process has held so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(function, *args, **kwargs):
    """The result, and "wall s (CPU s)": on a shared machine the CPU time is the steadier figure."""
    began, began_cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, Seconds(time.perf_counter() - began, time.process_time() - began_cpu)


class Seconds(float):
    """Wall-clock seconds that print with their CPU seconds."""

    def __new__(cls, wall: float, cpu: float):
        value = super().__new__(cls, wall)
        value.cpu = cpu
        return value

    def __format__(self, spec: str) -> str:
        return f"{float(self):{spec}} s (CPU {self.cpu:{spec}} s)"


def time_query(db, query, args, first: int = 1000) -> tuple[float, float]:
    """Wall and CPU seconds to run ``query`` and fetch its first rows."""
    began, began_cpu = time.perf_counter(), time.process_time()
    execute_query(db, query.name, *args).fetchmany(first)
    return time.perf_counter() - began, time.process_time() - began_cpu


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def time_queries(db, args, report) -> None:
    """p50/p95 of every query over random arguments; optional parameters timed given and left out."""
    import claimgraph.extract.gazetteer  # noqa: F401  (imported on first use by actor parameters; not a query cost)

    rng = random.Random(args.seed)
    samples = {
        "actor": [f"Actor {rng.randrange(args.actors)}" for _ in range(50)] + ["actor-0", "Actor 1"],
        "story": [f"actor-{rng.randrange(args.actors)}" for _ in range(50)]
                 + [row[0] for row in db.execute("select id from claim_clusters limit 50")],
        "outlet": [f"outlet{rng.randrange(args.outlets)}.example" for _ in range(50)],
        "claim": [row[0] for row in db.execute("select claim_id from claim_evidence limit 200")] or ["none"],
        "cluster": [row[0] for row in db.execute("select id from claim_clusters limit 200")] or ["none"],
    }
    for query in QUERIES.values():
        variants = [("", False)] if not query.optional else [(" (all)", True), (" (given)", False)]
        for suffix, leave_out in variants:
            def arguments():
                return ["" if leave_out and p in query.optional else rng.choice(samples[p]) for p in query.params]

            time_query(db, query, arguments())  # warm up the page cache
            runs = [time_query(db, query, arguments()) for _ in range(args.repeats)]
            wall, cpu = [run[0] for run in runs], [run[1] for run in runs]
            verdict = "ok" if p95(cpu) < 0.2 else "over 200 ms"
            report(f"query {query.name} {query.usage()}".rstrip() + suffix,
                   f"p95 {p95(wall) * 1000:,.0f} ms (CPU {p95(cpu) * 1000:,.0f} ms)",
                   f"p50 {statistics.median(wall) * 1000:,.1f} ms (CPU {statistics.median(cpu) * 1000:,.1f} ms); {verdict}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--outlets", type=int, default=300)
    parser.add_argument("--actors", type=int, default=5_000)
    parser.add_argument("--repeats", type=int, default=40, help="Runs per query for the latency percentiles")
    parser.add_argument("--formats", default=",".join(FORMATS), help="Export formats to time, comma-separated")
    parser.add_argument("--workdir", type=Path, default=Path("graph-bench"), help="Where the database and exports go")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="Reuse the database in --workdir if it exists")
    parser.add_argument("--queries-only", action="store_true", help="Only time the queries (with --keep: no build)")
    args = parser.parse_args(argv)

    args.workdir.mkdir(parents=True, exist_ok=True)
    db_path = args.workdir / f"graph-{args.articles}.db"
    print(f"graph_scale: {args.articles:,} articles, {args.outlets} outlets, {args.actors:,} actors, "
          f"Python {sys.version.split()[0]}")
    print("| step | time | details |")
    print("|---|---|---|", flush=True)

    def report(step: str, timing: str, details: str) -> None:
        print(f"| {step} | {timing} | {details} |", flush=True)

    if not (args.keep and db_path.exists()):
        for leftover in args.workdir.glob(f"graph-{args.articles}.db*"):
            leftover.unlink()
        db = open_db(db_path)
        counts, seconds = timed(generate, db, args.articles, args.outlets, args.actors, args.seed)
        report("generate corpus", f"{seconds:.1f}", ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    else:
        db = open_db(db_path)
    if args.queries_only:
        time_queries(db, args, report)
        return
    clusters, seconds = timed(cluster_claims, db)
    report("cluster_claims", f"{seconds:.1f}", f"{clusters:,} clusters")
    db.conn.execute("analyze")

    before = max_rss_mib()
    graph, seconds = timed(build_graph, db)
    report("build_graph (all)", f"{seconds:.1f}",
           f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges; "
           f"max RSS {before:,.0f} -> {max_rss_mib():,.0f} MiB")

    for fmt in [f for f in args.formats.split(",") if f]:
        output = args.workdir / (f"export-{fmt}_" if fmt == "csv" else f"export{FORMATS[fmt].extension}")
        written, seconds = timed(write_graph, graph, fmt, output)
        size = sum(path.stat().st_size for path in written)
        report(f"export {fmt}", f"{seconds:.1f}", f"{size / 2**20:,.0f} MiB written; max RSS {max_rss_mib():,.0f} MiB")
        for path in written:
            path.unlink()
    del graph

    for actor in ("Actor 1", f"Actor {args.actors // 2}"):
        ego, seconds = timed(build_graph, db, GraphFilter(actor=actor, depth=2))
        report(f"build_graph (ego of {actor}, depth 2)", f"{seconds:.2f}",
               f"{ego.number_of_nodes():,} nodes, {ego.number_of_edges():,} edges")
    cluster_id = db.execute("select id from claim_clusters order by n_claims desc limit 1").fetchone()
    if cluster_id:
        story, seconds = timed(build_graph, db, GraphFilter(cluster=cluster_id[0]))
        report("build_graph (largest cluster)", f"{seconds:.2f}", f"{story.number_of_nodes():,} nodes")

    time_queries(db, args, report)
    report("process", "", f"max RSS {max_rss_mib():,.0f} MiB")


if __name__ == "__main__":
    main()
