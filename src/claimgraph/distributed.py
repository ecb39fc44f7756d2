"""Running the ingest and extract stages on Dask, with one writer that commits in order.

``claimgraph ingest|extract DB --dask [SCHEDULER]`` hands the CPU-bound part of a stage to a
Dask cluster: with no address a :class:`~dask.distributed.LocalCluster` of ``--workers``
processes (one thread each) on this machine; with an address (``tcp://host:8786``) any
running scheduler: SLURM or PBS through dask-jobqueue, Kubernetes through dask-kubernetes.
Workers need claimgraph installed and never open the database.

The work is cut into partitions (extract: runs of pending article ids in id order; ingest:
one WARC file, or a few HTML/text files, in source order) planned in the ``partitions``
table. Workers return plain data (ingest: :class:`~claimgraph.ingest.store.Article`
records; extract: serialised Docs); this process, the only writer, gathers results as they
complete but commits them strictly in partition order with the same save functions as the
single-process run, so the database gets exactly the rows (and ids) a single-process run
gives: the extract stage's :class:`~claimgraph.extract.actor_index.ActorIndex` matches each
article's actors to those of the articles committed before it.

A committed partition is marked in ``partitions`` in the same transaction as its rows
(extract), or after them (ingest, whose writes are upserts), so a killed run started again
with the same settings does only the partitions left. A worker that dies mid-partition has
its task rerun by Dask on another worker (``RETRIES``); nothing is written until the writer
has the whole result, so a rerun writes nothing twice.
"""

from __future__ import annotations

import contextlib
import copy
import ctypes
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import dask
import sqlite_utils
from dask.distributed import Client, LocalCluster, WorkerPlugin, as_completed
from tqdm import tqdm

from .db import stable_id
from .errors import InputError
from .timeutil import utcnow

DEFAULT_WORKERS = 2
# how often Dask reruns a partition whose task raised; a worker that dies is a separate
# count (the scheduler's allowed-failures, 3 by default)
RETRIES = 2
# partitions submitted ahead of the writer per worker: enough to keep every worker busy
# while the writer commits, few enough that uncommitted results stay small
AHEAD_PER_WORKER = 2


# Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536. Setting the trim threshold also
# switches off glibc's dynamic mmap threshold, leaving it at 128 KiB, so spaCy's larger arrays are
# mapped and unmapped on every use: 20 times the page faults and 10-20 % more CPU than the same work in a plain process.
# The statistical profiler samples the task thread every 10 ms (2-3 % of its CPU). A LocalCluster
# starts its workers without either; see restore_malloc_thresholds for workers started elsewhere.
LOCAL_WORKER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
}


@contextlib.contextmanager
def dask_client(scheduler: str | None, workers: int = DEFAULT_WORKERS) -> Iterator[Client]:
    """A Dask client: of a new LocalCluster of ``workers`` processes, or of the scheduler at ``scheduler``."""
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError, ValueError) as error:
            raise InputError(f"--dask {scheduler}: cannot reach the Dask scheduler ({error})") from None
        with client:
            yield client
        return
    if workers < 1:
        raise InputError(f"--workers {workers}: must be at least 1")
    with local_cluster(workers, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def local_cluster(workers: int, **options) -> LocalCluster:
    """A LocalCluster of ``workers`` single-threaded processes, set up for the extract pipeline."""
    with dask.config.set(LOCAL_WORKER_CONFIG):
        # a copy: the nanny keeps the configuration for the workers it restarts, and would otherwise
        # share the nested settings this block restores when it ends
        config = copy.deepcopy(dask.config.config)
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                            config=config, **options)


# glibc's mallopt parameters, and the largest thresholds its dynamic adjustment reaches on 64-bit
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
DYNAMIC_TRIM_MAX, DYNAMIC_MMAP_MAX = 64 * 2**20, 32 * 2**20


def restore_malloc_thresholds() -> bool:
    """On a worker that Dask's nanny started with its ``MALLOC_TRIM_THRESHOLD_``: raise the thresholds it fixed.

    The variable froze the mmap threshold at 128 KiB (see ``LOCAL_WORKER_CONFIG``); this sets
    both thresholds to the ceilings of glibc's own adjustment, which raises them as large blocks
    are freed. A value other than Dask's default was chosen by whoever runs the cluster and is
    kept. True if it set them.
    """
    if os.environ.get("MALLOC_TRIM_THRESHOLD_") != "65536":
        return False
    try:
        mallopt = getattr(ctypes.CDLL(None), "mallopt", None)  # glibc only
    except (OSError, TypeError):  # no C library to load by that name (Windows)
        return False
    if mallopt is None:
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, DYNAMIC_MMAP_MAX)) and bool(mallopt(M_TRIM_THRESHOLD, DYNAMIC_TRIM_MAX))


# ----------------------------------------------------------------------------- the spaCy pipeline on workers

_PIPELINES: dict[tuple, Any] = {}


def worker_pipeline(model: str | None, gazetteers: Sequence[str] = ()):
    """The extract pipeline of this worker process, loaded on first use and kept."""
    key = (model, tuple(gazetteers))
    if key not in _PIPELINES:
        from .extract.pipeline import load_pipeline

        _PIPELINES.clear()
        _PIPELINES[key] = load_pipeline(model, tuple(gazetteers))
    return _PIPELINES[key]


class PipelinePlugin(WorkerPlugin):
    """Loads the spaCy pipeline once per worker, when it joins (a restarted worker loads it again).

    Gazetteer files are read on the worker, so on a cluster they must be at the same path there.
    """

    name = "claimgraph-pipeline"

    def __init__(self, model: str | None, gazetteers: Sequence[str] = ()):
        self.model = model
        self.gazetteers = tuple(str(path) for path in gazetteers)

    def setup(self, worker) -> None:
        restore_malloc_thresholds()
        worker_pipeline(self.model, self.gazetteers)


# ----------------------------------------------------------------------------- the plan


@dataclass
class Partition:
    """One unit of work: the articles ``first_item``..``last_item`` (extract) or ``files`` (ingest)."""

    id: str
    position: int
    first_item: str
    last_item: str
    size: int
    files: list[str] | None = None


@dataclass
class Plan:
    """The partitions a run still has to commit, how many of its plan are committed, and when it was made."""

    partitions: list[Partition]
    resumed: int
    planned_at: str


def open_plan(db: sqlite_utils.Database, stage: str, options: dict, make: Callable[[], list[tuple]]) -> Plan:
    """The stage's unfinished plan with the same ``options`` (resumed), or a new one.

    ``make()`` gives ``(first_item, last_item, size, files)`` for each partition of a new
    plan, which replaces the stage's old one.
    """
    settings = json.dumps(options, sort_keys=True)
    rows = list(db.query("select * from partitions where stage = ? order by position", [stage]))
    pending = [row for row in rows if row["committed_at"] is None]
    if pending and rows[0]["options"] == settings:
        return Plan([_partition(row) for row in pending], len(rows) - len(pending), rows[0]["planned_at"])
    planned_at = utcnow()
    partitions = [
        Partition(stable_id(stage, planned_at, position), position, first, last, size, files)
        for position, (first, last, size, files) in enumerate(make())
    ]
    with db.conn:
        db.execute("delete from partitions where stage = ?", [stage])
        db["partitions"].insert_all(
            {"id": p.id, "stage": stage, "options": settings, "position": p.position, "first_item": p.first_item,
             "last_item": p.last_item, "files": json.dumps(p.files) if p.files is not None else None,
             "size": p.size, "planned_at": planned_at, "committed_at": None, "seconds": None}
            for p in partitions
        )
    return Plan(partitions, 0, planned_at)


def _partition(row: dict) -> Partition:
    files = json.loads(row["files"]) if row["files"] else None
    return Partition(row["id"], row["position"], row["first_item"], row["last_item"], row["size"], files)


def chunks(items: Sequence, size: int) -> list[Sequence]:
    """``items`` cut into runs of ``size`` (the last may be shorter)."""
    if size < 1:
        raise InputError(f"--partition-size {size}: must be at least 1")
    return [items[start:start + size] for start in range(0, len(items), size)]


# ----------------------------------------------------------------------------- the writer


@dataclass
class RunProgress:
    """What the ordered writer did: partitions and items committed, the wall time and the writer's share of it."""

    partitions: int = 0
    items: int = 0
    resumed: int = 0
    seconds: float = 0.0
    writing_seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0

    def summary(self, unit: str) -> str:
        resumed = f" ({self.resumed} already committed by an earlier run)" if self.resumed else ""
        return (f"Dask: {self.partitions} partitions committed{resumed}, {self.items} {unit} "
                f"in {self.seconds:.1f} s ({self.rate:.1f} {unit}/s)")


def commit_in_order(
    client: Client,
    db: sqlite_utils.Database,
    partitions: list[Partition],
    submit: Callable[[Partition], Any],
    commit: Callable[[Partition, Any], int],
    *,
    atomic: bool,
    unit: str,
    resumed: int = 0,
    progress: bool | None = None,
) -> RunProgress:
    """Compute every partition on the cluster and commit the results in partition order.

    ``submit(partition)`` returns the partition's Dask future; ``commit(partition, result)``
    writes it and returns how many items (articles) it wrote. With ``atomic`` a partition's
    rows and its ``partitions.committed_at`` are one transaction. At most
    ``AHEAD_PER_WORKER`` partitions per worker are computed ahead of the writer.
    """
    done = RunProgress(resumed=resumed)
    show = progress if progress is not None else sys.stderr.isatty()
    bar = tqdm(total=len(partitions) + resumed, initial=resumed, unit="partition", file=sys.stderr,
               disable=not show, leave=False)
    started = time.perf_counter()
    submitted_at: dict[int, float] = {}
    positions: dict[Any, int] = {}
    results: dict[int, Any] = {}
    waiting = as_completed()
    following = 0  # index in ``partitions`` of the next to submit
    writing = 0  # index of the next to commit

    def top_up() -> None:
        nonlocal following
        ahead = AHEAD_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {})))
        while following < len(partitions) and following - writing < ahead:
            future = submit(partitions[following])
            positions[future.key] = following
            submitted_at[following] = time.perf_counter()
            waiting.add(future)
            following += 1

    try:
        top_up()
        for future in waiting:
            index = positions.pop(future.key)
            results[index] = future.result()
            future.release()
            while writing in results:
                partition, result = partitions[writing], results.pop(writing)
                commit_started = time.perf_counter()
                with db.atomic() if atomic else contextlib.nullcontext():
                    done.items += commit(partition, result)
                    db.execute("update partitions set committed_at = ?, seconds = ? where id = ?",
                               [utcnow(), round(time.perf_counter() - submitted_at.pop(writing), 3), partition.id])
                if not atomic:
                    db.conn.commit()
                done.writing_seconds += time.perf_counter() - commit_started
                done.partitions += 1
                writing += 1
                done.seconds = time.perf_counter() - started
                bar.update()
                bar.set_postfix_str(f"{done.rate:.1f} {unit}/s")
            top_up()
    finally:
        bar.close()
    done.seconds = time.perf_counter() - started
    return done


# ----------------------------------------------------------------------------- ingest

DEFAULT_FILES_PER_PARTITION = 16
LOCAL_KINDS = ("warc", "html-file", "text-file")


def run_ingest_dask(db: sqlite_utils.Database, sources: list[str], options, client: Client,
                    partition_size: int = DEFAULT_FILES_PER_PARTITION):
    """``run_ingest`` with local WARC, HTML and text files read and extracted on the cluster.

    Each WARC is a partition of its own; other files go ``partition_size`` to a partition.
    URLs, feeds, sitemaps and anything that cannot be read as a local file take the
    single-process path afterwards: fetching is I/O-bound and polite per host, so it stays
    on one node. Returns the stage's report and the cluster run's progress.
    """
    from .ingest.stage import IngestOptions, IngestReport, Skipped, record_outcome, run_ingest

    options = options or IngestOptions()
    files, rest = split_sources(sources)
    report = IngestReport()
    plan = open_plan(db, "ingest", {"files": stable_id(*(path for path, _ in files))},
                     lambda: _file_partitions(files, partition_size))

    def commit(partition: Partition, outcomes: list) -> int:
        for outcome in outcomes:
            record_outcome(db, report, outcome)
        return sum(not isinstance(outcome, Skipped) for outcome in outcomes)

    limit = options.fetch.max_bytes
    done = commit_in_order(
        client, db, plan.partitions,
        lambda p: client.submit(read_files, p.files, limit, key=f"claimgraph-ingest-{p.id}", retries=RETRIES,
                                pure=False),
        commit, atomic=False, unit="articles", resumed=plan.resumed, progress=options.progress,
    )
    if rest:
        remote = run_ingest(db, rest, options)
        for name in ("fetched", "cached", "skipped_robots", "failed", "new", "updated", "unchanged", "duplicates"):
            setattr(report, name, getattr(report, name) + getattr(remote, name))
        report.errors.extend(remote.errors)
        report.notes.extend(remote.notes)
    return report, done


def split_sources(sources: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """``([(path, kind)] of local files for the workers, [sources for the single-process path])``.

    ``@FILE`` lists and folders are expanded; a list that cannot be read, URLs, feeds,
    sitemaps, missing or unknown paths and file names that are not UTF-8 are left to the
    single-process path, which records their errors.
    """
    from pathlib import Path

    from .ingest.sources import classify, printable_path, read_source_list, walk_folder

    files: list[tuple[str, str]] = []
    rest: list[str] = []
    lists: set[str] = set()

    def visit(source: str) -> None:
        kind = classify(source) if printable_path(source) == source else "unprintable"
        if kind == "list":
            if source in lists:
                return
            lists.add(source)
            try:
                listed = read_source_list(Path(source[1:]))
            except InputError:
                rest.append(source)
                return
            for item in listed:
                visit(item)
        elif kind == "folder":
            for path in walk_folder(Path(source)):
                visit(str(path))
        elif kind in LOCAL_KINDS:
            files.append((source, kind))
        else:
            rest.append(source)

    for source in sources:
        visit(source)
    return files, rest


def _file_partitions(files: list[tuple[str, str]], size: int) -> list[tuple]:
    """A WARC alone, other files ``size`` at a time, in the order given."""
    partitions: list[tuple] = []
    group: list[tuple[str, str]] = []

    def close_group() -> None:
        if group:
            partitions.append((group[0][0], group[-1][0], len(group), list(group)))
            group.clear()

    chunks((), size)  # validates size
    for path, kind in files:
        if kind == "warc":
            close_group()
            partitions.append((path, path, 1, [(path, kind)]))
        else:
            group.append((path, kind))
            if len(group) == size:
                close_group()
    close_group()
    return partitions


def read_files(files: list[tuple[str, str]], limit: int) -> list:
    """On a worker: the articles (and skipped inputs) of a partition's files, in order; ``limit`` is --max-bytes."""
    from pathlib import Path

    from .ingest.stage import read_file_articles

    outcomes = []
    for path, kind in files:
        outcomes.extend(read_file_articles(Path(path), kind, limit))
    return outcomes


# ----------------------------------------------------------------------------- extract

DEFAULT_ARTICLES_PER_PARTITION = 64


def run_extract_dask(db: sqlite_utils.Database, client: Client, model: str | None = None, force: bool = False,
                     batch_size: int | None = None, gazetteers: tuple = (),
                     partition_size: int = DEFAULT_ARTICLES_PER_PARTITION, progress: bool | None = None):
    """``run_extract`` with the pipeline run on the cluster; the same rows as a single-process run.

    Partitions are runs of ``partition_size`` pending articles in id order. Returns the
    stage's report and the cluster run's progress.
    """
    from .extract.stage import (
        DEFAULT_BATCH_SIZE, ExtractReport, article_rows, pending_article_ids, prepare_writer, store_found,
    )
    from .leases import Claimer, claim_items, release_items

    batch_size = batch_size or DEFAULT_BATCH_SIZE
    gazetteers = tuple(str(path) for path in gazetteers)
    now = utcnow()

    def make() -> list[tuple]:
        ids = pending_article_ids(db, force, now)
        return [(run[0], run[-1], len(run), None) for run in chunks(ids, partition_size)]

    # A resumed plan keeps its start time: with force, what it committed before is not redone.
    plan = open_plan(db, "extract", {"force": force, "model": model, "gazetteers": gazetteers}, make)
    index = prepare_writer(db)
    report = ExtractReport()
    claimer = Claimer("extract")
    if plan.partitions:
        client.register_plugin(PipelinePlugin(model, gazetteers))

    def submit(partition: Partition):
        ids = pending_article_ids(db, force, plan.planned_at, partition.first_item, partition.last_item)
        rows = article_rows(db, claim_items(db, claimer, ids), force, plan.planned_at)
        return client.submit(find_in_partition, rows, model, gazetteers, batch_size,
                             key=f"claimgraph-extract-{partition.id}", retries=RETRIES, pure=False)

    def commit(partition: Partition, result: tuple[str, list]) -> int:
        extractor, found = result
        for article_id, article in found:
            store_found(db, article_id, article, index, extractor, report)
        return sum(isinstance(article, str) or article.field is None for _, article in found)

    try:
        done = commit_in_order(client, db, plan.partitions, submit, commit, atomic=True, unit="articles",
                               resumed=plan.resumed, progress=progress)
    finally:
        release_items(db, claimer)
    return report, done


def find_in_partition(rows: list[tuple], model: str | None, gazetteers: tuple, batch_size: int) -> tuple[str, list]:
    """On a worker: the extractor's name and ``(article id, Found)`` for each article, headline and standfirst."""
    from .extract.stage import extractor_name, find_in_articles

    nlp = worker_pipeline(model, gazetteers)
    return extractor_name(nlp), list(find_in_articles(nlp, rows, 1, batch_size))
