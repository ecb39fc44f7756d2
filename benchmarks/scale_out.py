"""Single process against ``--dask`` with 1 and 2 workers: ingest and extract throughput, memory, same rows.

The corpus is real news pages read in place from the shared extraction benchmarks
(``<shared>/bench/extraction/{wcxb-dev,zyte}/html/*.html.gz``, never copied into the repo),
written into WARC files in a temporary folder. Each configuration runs in a fresh
subprocess on a fresh database:

* ``ingest``: the WARCs read, main-text-extracted and stored (``run_ingest`` against
  ``run_ingest_dask``, one WARC per partition);
* ``extract``: the ingested articles extracted (``run_extract`` against ``run_extract_dask``);
* ``link``: verdicts and clusters (``run_link`` without and with a Dask client) over a synthetic
  corpus of ``--link-articles`` articles from ``graph_scale.generate`` (the shared pages are
  far too few for link to take measurable time).

The Dask runs time the stage on a started cluster whose workers have loaded the pipeline
(that start-up is printed apart: it is paid once per cluster, not per run), as the
single-process run times the stage after loading the pipeline. The table gives words/s,
the ratio to single process, the peak RSS of the writer (this process) and of each worker,
and whether the database equals the single-process one table by table
(:func:`claimgraph.dbdiff.compare_databases`). The machine's load average is printed with
each run: on a shared machine, read the ratios with it.

Usage:
    .venv/bin/python benchmarks/scale_out.py ../shared
    .venv/bin/python benchmarks/scale_out.py ../shared --articles 300 --workers 1 2 --stages extract
    .venv/bin/python benchmarks/scale_out.py ../shared --stages link --link-articles 100000
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGES_PER_WARC = 40


def read_pages(shared: Path, limit: int) -> list[tuple[str, bytes]]:
    """``(url, html)`` of the benchmark pages, wcxb-dev first, at most ``limit``."""
    root = shared / "bench" / "extraction"
    if not root.is_dir():
        sys.exit(f"{root}: no such folder (pass the shared data folder, e.g. ../shared)")
    pages = []
    wcxb = json.loads((root / "wcxb-dev" / "metadata.json").read_text("utf-8"))["files"]
    for path in sorted((root / "wcxb-dev" / "html").glob("*.html.gz")):
        key = path.name.split(".")[0]
        pages.append((f"https://{wcxb[key]['domain']}/wcxb/{key}", gzip.decompress(path.read_bytes())))
    zyte = json.loads((root / "zyte" / "ground-truth.json").read_text("utf-8"))
    for path in sorted((root / "zyte" / "html").glob("*.html.gz")):
        pages.append((zyte[path.name.split(".")[0]]["url"], gzip.decompress(path.read_bytes())))
    return pages[:limit]


def write_warcs(pages: list[tuple[str, bytes]], folder: Path) -> list[str]:
    """The pages as gzipped WARC response records, ``PAGES_PER_WARC`` to a file."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    paths = []
    for number, start in enumerate(range(0, len(pages), PAGES_PER_WARC)):
        path = folder / f"pages-{number:03d}.warc.gz"
        with path.open("wb") as stream:
            writer = WARCWriter(stream, gzip=True)
            for url, body in pages[start:start + PAGES_PER_WARC]:
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
        paths.append(str(path))
    return paths


def measure(stage: str, workers: int, db_path: Path, warcs: list[str], partition_size: int) -> dict:
    """One configuration in this process: ``workers`` 0 is single process. Returns seconds, words and memory."""
    from claimgraph.db import open_db
    from claimgraph.ingest import IngestOptions

    options = IngestOptions(progress=False, use_cache=False)
    db = open_db(db_path)
    result: dict = {"load": os.getloadavg()[0]}
    if stage == "link":
        result.update(measure_link(db, workers), articles=db["articles"].count, claims=db["claims"].count)
        db.close()
        return result
    if workers == 0:
        if stage == "ingest":
            from claimgraph.ingest import run_ingest

            start, cpu = time.perf_counter(), time.process_time()
            run_ingest(db, warcs, options)
        else:
            from claimgraph.extract import run_extract
            from claimgraph.extract.pipeline import load_pipeline

            load_pipeline()  # loading is not extracting: both sides time the articles only
            start, cpu = time.perf_counter(), time.process_time()
            report = run_extract(db)
            if report.errors:
                sys.exit(f"extract errors: {report.errors[:3]}")
        result["seconds"] = time.perf_counter() - start
        result["writer_cpu"] = time.process_time() - cpu
        result["worker_mib"] = []
    else:
        from dask.distributed import get_task_stream

        from claimgraph.distributed import PipelinePlugin, dask_client, run_extract_dask, run_ingest_dask

        started = time.perf_counter()
        with dask_client(None, workers) as client:
            if stage == "extract":
                client.register_plugin(PipelinePlugin(None, ()))
            result["startup"] = time.perf_counter() - started
            workers_cpu = sum(client.run(_cpu_seconds).values())
            start, cpu = time.perf_counter(), time.process_time()
            with get_task_stream(client) as stream:
                if stage == "ingest":
                    _, done = run_ingest_dask(db, warcs, options, client, partition_size=1)
                else:
                    report, done = run_extract_dask(db, client, partition_size=partition_size, progress=False)
                    if report.errors:
                        sys.exit(f"extract errors: {report.errors[:3]}")
            result["seconds"] = time.perf_counter() - start
            result["idle"] = idle_between_tasks(stream.data)
            result["writer_cpu"] = time.process_time() - cpu
            result["workers_cpu"] = sum(client.run(_cpu_seconds).values()) - workers_cpu
            result["writing"] = done.writing_seconds
            peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            result["worker_mib"] = sorted(peaks.values())
    result["writer_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["words"] = db.execute("select coalesce(sum(word_count), 0) from articles").fetchone()[0]
    result["articles"] = db.execute("select count(*) from articles").fetchone()[0]
    db.close()
    result["db_bytes"] = db_path.stat().st_size
    return result


def measure_link(db, workers: int) -> dict:
    """``run_link`` alone (``workers`` 0) or on a started cluster: seconds and CPU of each process."""
    from claimgraph.link import run_link

    if workers == 0:
        start, cpu = time.perf_counter(), time.process_time()
        run_link(db)
        return {"seconds": time.perf_counter() - start, "writer_cpu": time.process_time() - cpu}
    from claimgraph.distributed import dask_client

    started = time.perf_counter()
    with dask_client(None, workers) as client:
        startup = time.perf_counter() - started
        workers_cpu = sum(client.run(_cpu_seconds).values())
        start, cpu = time.perf_counter(), time.process_time()
        run_link(db, client=client)
        return {"seconds": time.perf_counter() - start, "writer_cpu": time.process_time() - cpu,
                "workers_cpu": sum(client.run(_cpu_seconds).values()) - workers_cpu, "startup": startup,
                "worker_mib": sorted(client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024).values())}


def run_link_stage(args, folder: Path) -> None:
    """The link table: single process against --dask on a synthetic corpus."""
    from claimgraph.db import open_db
    from claimgraph.dbdiff import compare_databases

    sys.path.insert(0, str(Path(__file__).parent))
    from graph_scale import generate

    source = folder / "link-source.db"
    db = open_db(source)
    generate(db, args.link_articles, 300, 5_000, 7)
    db.close()
    print(f"\nlink over {args.link_articles:,} synthetic articles (graph_scale.generate)\n")
    print("| run | articles | claims | seconds | articles/s | × single | CPU s writer / workers | "
          "idle 2-core estimate articles/s | × single | worker peak MiB | cluster start s | same rows | load avg |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    single_db = single_rate = single_idle = None
    for workers in [0, *args.workers]:
        db_path = folder / f"link-{workers}.db"
        shutil.copy(source, db_path)
        run = {**_child(args, "link", workers, db_path, []), "workers": workers}
        rate = run["articles"] / run["seconds"]
        idle_rate = run["articles"] / idle_estimate(run, 2)
        if workers == 0:
            single_db, single_rate, single_idle, same = db_path, rate, idle_rate, "(reference)"
        else:
            same = "yes" if all(d.same for d in compare_databases(single_db, db_path)) else "NO"
        label = "single process" if workers == 0 else f"--dask, {workers} worker{'s' * (workers > 1)}"
        workers_mib = ", ".join(f"{mib:,.0f}" for mib in run.get("worker_mib", [])) or "-"
        startup = f"{run['startup']:.1f}" if "startup" in run else "-"
        print(f"| {label} | {run['articles']:,} | {run['claims']:,} | {run['seconds']:.1f} | {rate:,.0f} | "
              f"{rate / single_rate:.2f} | {run['writer_cpu']:.1f} / {run.get('workers_cpu', 0):.1f} | "
              f"{idle_rate:,.0f} | {idle_rate / single_idle:.2f} | {workers_mib} | {startup} | {same} | "
              f"{run['load']:.1f} |", flush=True)


def idle_between_tasks(tasks: list[dict]) -> float:
    """Seconds the workers spent between the end of one task and the start of their next, summed."""
    by_worker: dict[str, list[tuple[float, float]]] = {}
    for task in tasks:
        spans = [(span["start"], span["stop"]) for span in task["startstops"] if span["action"] == "compute"]
        if spans:
            by_worker.setdefault(task["worker"], []).extend(spans)
    idle = 0.0
    for spans in by_worker.values():
        spans.sort()
        idle += sum(max(0.0, start - stop) for (_, stop), (start, _) in zip(spans, spans[1:]))
    return idle


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def idle_estimate(run: dict, cores: int) -> float:
    """Seconds the run would take on ``cores`` idle cores, from the CPU time each process used.

    The writer (with the scheduler, in this process) is one stream; the workers share the
    cores that are left. An estimate for a loaded machine, where wall time mostly measures the load.
    """
    writer, workers = run["writer_cpu"], run.get("workers_cpu", 0.0)
    if not workers:
        return writer
    return max(writer, workers / max(1, run["workers"]), (writer + workers) / cores)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shared", type=Path, help="the shared data folder (holds bench/extraction)")
    parser.add_argument("--articles", type=int, default=479, help="pages to use (at most 479)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--stages", nargs="+", default=["ingest", "extract"], choices=["ingest", "extract", "link"])
    parser.add_argument("--link-articles", type=int, default=50_000, help="synthetic articles for the link stage")
    parser.add_argument("--partition-size", type=int, default=16, help="articles per extract partition")
    parser.add_argument("--child", nargs=4, metavar=("STAGE", "WORKERS", "DB", "WARCS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        stage, workers, db_path, warcs = args.child
        print(json.dumps(measure(stage, int(workers), Path(db_path), json.loads(warcs), args.partition_size)))
        return
    from claimgraph.dbdiff import compare_databases

    with tempfile.TemporaryDirectory(prefix="scale-out-") as temp:
        folder = Path(temp)
        pipeline_stages = [stage for stage in args.stages if stage != "link"]
        if not pipeline_stages:
            run_link_stage(args, folder)
            return
        warcs = write_warcs(read_pages(args.shared, args.articles), folder)
        print(f"{len(warcs)} WARC files of {args.articles} pages, {os.cpu_count()} CPUs, "
              f"extract partitions of {args.partition_size} articles\n")
        print("| stage | run | articles | words | seconds | words/s | × single | CPU s writer / workers | "
              "idle 2-core estimate words/s | × single | writer peak MiB | worker peak MiB | cluster start s | "
              "writer busy s | worker idle between tasks s | DB KiB/article | same rows | load avg |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
        for stage in pipeline_stages:
            single_db = single_rate = single_idle = None
            for workers in [0, *args.workers]:
                db_path = folder / f"{stage}-{workers}.db"
                if stage == "extract":
                    ingested = folder / "ingest-0.db"
                    if not ingested.exists():
                        _child(args, "ingest", 0, ingested, warcs)
                    shutil.copy(ingested, db_path)
                run = {**_child(args, stage, workers, db_path, warcs), "workers": workers}
                rate = run["words"] / run["seconds"]
                idle_rate = run["words"] / idle_estimate(run, 2)
                if workers == 0:
                    single_db, single_rate, single_idle = db_path, rate, idle_rate
                    same = "(reference)"
                else:
                    same = "yes" if all(d.same for d in compare_databases(single_db, db_path)) else "NO"
                label = "single process" if workers == 0 else f"--dask, {workers} worker{'s' * (workers > 1)}"
                workers_mib = ", ".join(f"{mib:,.0f}" for mib in run["worker_mib"]) or "-"
                startup = f"{run['startup']:.1f}" if "startup" in run else "-"
                writing = f"{run['writing']:.1f}" if "writing" in run else "-"
                idle = f"{run['idle']:.1f}" if "idle" in run else "-"
                print(f"| {stage} | {label} | {run['articles']} | {run['words']:,} | {run['seconds']:.1f} | {rate:,.0f} | "
                      f"{rate / single_rate:.2f} | {run['writer_cpu']:.1f} / {run.get('workers_cpu', 0):.1f} | "
                      f"{idle_rate:,.0f} | {idle_rate / single_idle:.2f} | {run['writer_mib']:,.0f} | {workers_mib} | {startup} | {writing} | {idle} | "
                      f"{run['db_bytes'] / 1024 / max(1, run['articles']):.0f} | {same} | "
                      f"{run['load']:.1f} |", flush=True)
        if "link" in args.stages:
            run_link_stage(args, folder)


def _child(args, stage: str, workers: int, db_path: Path, warcs: list[str]) -> dict:
    command = [sys.executable, __file__, str(args.shared), "--partition-size", str(args.partition_size),
               "--child", stage, str(workers), str(db_path), json.dumps(warcs)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"{stage} with {workers} workers failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
