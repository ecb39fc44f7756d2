"""The --dask runs of ingest and extract on a LocalCluster of two workers give the single-process database.

One cluster serves the whole module (starting workers and loading spaCy on each is the slow
part). The corpus is the fixture corpus, the demo article and generated fictional articles
in which people are named in full in one article and by surname in others, so the order in
which articles are committed decides which actor a surname joins.
"""

from __future__ import annotations

import gzip
import io
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from dask.distributed import Client
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.db import open_db
from claimgraph.dbdiff import compare_databases
from claimgraph.distributed import local_cluster, open_plan, run_extract_dask, run_ingest_dask, split_sources
from claimgraph.extract import run_extract
from claimgraph.ingest import IngestOptions, run_ingest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

PEOPLE = [("Ana", "Ruiz"), ("Tomas", "Okafor"), ("Lena", "Varga"), ("Idris", "Mensah"), ("Mira", "Castell")]
PLACES = ["Freedonia", "Elbonia", "Sylvania", "Kravia", "Borduria"]
BODIES = ["the Ministry of Posts", "the Telecom Regulatory Office", "the National Grid Agency"]


def fictional_article(number: int, rng: random.Random) -> str:
    first, last = rng.choice(PEOPLE)
    place, body = rng.choice(PLACES), rng.choice(BODIES)
    hours, people = rng.randint(2, 14), rng.randint(1, 9)
    named = f"{first} {last}" if number % 3 == 0 else last
    return (
        f"Internet outage in {place} ends\n\n"
        f"Internet service in {place} was restored on Tuesday after an outage of {hours} hours, "
        f"{body} said in a statement.\n\n"
        f'"The main cable was cut near the coast and we repaired it overnight," said {named}, '
        f"a spokesperson for {body}.\n\n"
        f"{last} said about {people} million people had lost access during the outage. "
        f"Engineers at {body} said traffic was back to normal levels by noon.\n"
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """Sources: the fixture corpus, the demo article, fictional text files and a WARC of HTML pages."""
    folder = tmp_path_factory.mktemp("corpus")
    rng = random.Random(14)
    for number in range(14):
        (folder / f"fictional-{number:02d}.txt").write_text(fictional_article(number, rng), encoding="utf-8")
    warc = folder / "pages.warc.gz"
    page = (FIXTURES / "ingest" / "outage.html").read_bytes()
    with warc.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for number, body in enumerate((page, page, b"")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://example.org/news/page-{number}", "response", payload=io.BytesIO(body), http_headers=headers))
    return [str(FIXTURES / "corpus"), str(ROOT / "data" / "articles"), str(folder)]


@pytest.fixture(scope="module")
def cluster():
    with local_cluster(2) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def client(cluster):
    with Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def single(tmp_path_factory, corpus) -> Path:
    """The database of single-process ingest and extract runs over the corpus."""
    path = tmp_path_factory.mktemp("single") / "single.db"
    db = open_db(path)
    run_ingest(db, corpus, IngestOptions(progress=False, use_cache=False))
    run_extract(db)
    db.close()
    return path


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, corpus, client) -> Path:
    """The corpus ingested with --dask (one file per partition), not yet extracted."""
    path = tmp_path_factory.mktemp("ingested") / "ingested.db"
    db = open_db(path)
    report, done = run_ingest_dask(db, corpus, IngestOptions(progress=False, use_cache=False), client, partition_size=1)
    assert done.partitions == len(split_sources(corpus)[0])
    assert (report.new, report.duplicates, report.failed) == (20, 1, 1), report.error_lines()
    db.close()
    return path


def differences(old: Path, new: Path) -> list[str]:
    return [f"{d.table}: -{d.only_old[:2]} +{d.only_new[:2]}" for d in compare_databases(old, new) if not d.same]


def test_dask_ingest_stores_what_single_process_ingest_stores(single, ingested, tmp_path):
    plain = tmp_path / "plain.db"
    shutil.copy(single, plain)
    db = open_db(plain)
    for table in ("quantities", "claims", "statements", "mentions", "actor_roles", "actor_aliases", "actors"):
        db.execute(f"delete from [{table}]")
    db.execute("update articles set extracted_at = null, extractor = null")
    db.conn.commit()
    db.close()
    assert differences(plain, ingested) == []


def test_dask_extract_gives_the_single_process_database(single, ingested, client, tmp_path):
    path = tmp_path / "dask.db"
    shutil.copy(ingested, path)
    db = open_db(path)
    report, done = run_extract_dask(db, client, partition_size=3, progress=False)
    assert (report.articles, report.errors, done.partitions, done.resumed) == (20, [], 7, 0)
    assert db.execute("select count(*) from partitions where stage = 'extract' and committed_at is null").fetchone()[0] == 0
    assert differences(single, path) == []
    _, again = run_extract_dask(db, client, progress=False)
    assert again.partitions == 0, "nothing is pending after a finished run"


def test_a_worker_killed_mid_partition_is_retried_without_duplicates(single, ingested, client, tmp_path):
    path = tmp_path / "killed-worker.db"
    shutil.copy(ingested, path)
    pids = client.run(os.getpid)
    killed: list[str] = []

    def kill_a_busy_worker() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            for address, keys in client.processing().items():
                if any("claimgraph-extract" in str(key) for key in keys) and address in pids:
                    os.kill(pids[address], signal.SIGKILL)
                    killed.append(address)
                    return
            time.sleep(0.01)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    report, done = run_extract_dask(open_db(path), client, partition_size=2, progress=False)
    killer.join()
    assert killed, "a worker was killed while it ran a partition"
    assert (report.articles, done.partitions) == (20, 10)
    assert differences(single, path) == []
    client.wait_for_workers(2, timeout=60)


def test_a_killed_client_resumes_with_the_partitions_left(single, ingested, cluster, client, tmp_path):
    path = tmp_path / "killed-client.db"
    shutil.copy(ingested, path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-c", "from claimgraph.cli import cli; cli()", "extract", str(path),
               "--dask", cluster.scheduler_address, "--partition-size", "1"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        committed = 0
        deadline = time.monotonic() + 120
        while committed < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
            committed = _committed(path)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    stopped_at = _committed(path)
    assert 2 <= stopped_at < 20, f"the client was killed mid-run ({stopped_at} of 20 partitions committed)"
    db = open_db(path)
    assert db.execute("select count(*) from articles where extracted_at is not null").fetchone()[0] == stopped_at
    report, done = run_extract_dask(db, client, partition_size=1, progress=False)
    assert done.resumed == stopped_at and done.partitions == 20 - stopped_at
    assert differences(single, path) == []


def _committed(path: Path) -> int:

    try:
        with sqlite3.connect(path, timeout=5) as conn:
            return conn.execute("select count(*) from partitions where stage = 'extract' and committed_at is not null").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


@pytest.fixture(scope="module")
def extracted_with_evidence(tmp_path_factory, single) -> Path:
    """The single-process database with the demo evidence imported, not yet linked."""
    from click.testing import CliRunner

    from claimgraph.cli import cli

    path = tmp_path_factory.mktemp("evidence") / "evidence.db"
    shutil.copy(single, path)
    evidence = ROOT / "data" / "evidence"
    files = [evidence / "delegated-apnic-excerpt.txt", evidence / "published-figures.yml",
             *sorted((evidence / "ripestat").glob("*.data.json"))]
    for file in files:
        result = CliRunner().invoke(cli, ["evidence", "import", str(path), str(file)])
        assert result.exit_code == 0, result.output
    with sqlite3.connect(path) as conn:  # the copies below take the file alone
        conn.execute("pragma wal_checkpoint(truncate)")
    return path


def test_dask_link_gives_the_single_process_verdicts_and_clusters(extracted_with_evidence, client, tmp_path):
    from claimgraph.link import run_link

    alone, spread = tmp_path / "alone.db", tmp_path / "spread.db"
    for path in (alone, spread):
        shutil.copy(extracted_with_evidence, path)
    expected = run_link(open_db(alone))
    # partitions of three claims: many verdict tasks, and actor groups packed several to a task
    report = run_link(open_db(spread), client=client, partition_size=3)
    assert (report.verdicts, report.clusters) == (expected.verdicts, expected.clusters)
    assert differences(alone, spread) == []
    db = open_db(spread)
    assert min(db["claim_frames"].count, db["claim_evidence"].count, db["claim_clusters"].count) > 0, \
        "the corpus gives the link stage work of each kind"


def test_dask_link_with_the_previous_period_gives_the_single_process_story(client, tmp_path):
    from claimgraph.link import run_link
    from test_periods import NOVEMBER, OCTOBER, build_month

    built = {}
    for name, on in (("alone", None), ("spread", client)):
        (tmp_path / name).mkdir()
        october = build_month(tmp_path / name / "news-2026-10.db", OCTOBER)
        built[name] = build_month(tmp_path / name / "news-2026-11.db", NOVEMBER)
        db = open_db(built[name])
        report = run_link(db, previous=october, client=on, partition_size=1)
        db.close()
        assert (report.clusters, report.continued) == (1, 1), name
    assert differences(built["alone"], built["spread"]) == []


def test_a_plan_with_other_settings_replaces_an_unfinished_one(db):
    first = open_plan(db, "extract", {"force": False}, lambda: [("a", "b", 2, None), ("c", "c", 1, None)])
    db.execute("update partitions set committed_at = 'now' where id = ?", [first.partitions[0].id])
    db.conn.commit()
    resumed = open_plan(db, "extract", {"force": False}, lambda: pytest.fail("an unfinished plan is resumed"))
    assert ([p.first_item for p in resumed.partitions], resumed.resumed) == (["c"], 1)
    assert resumed.planned_at == first.planned_at, "a resumed plan keeps its start time"
    replaced = open_plan(db, "extract", {"force": True}, lambda: [("a", "c", 3, None)])
    assert ([p.first_item for p in replaced.partitions], replaced.resumed) == (["a"], 0)
    assert db.execute("select count(*) from partitions").fetchone()[0] == 1


def test_sources_split_into_local_files_and_the_rest(tmp_path):
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    (tmp_path / "b.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\n"))
    listing = tmp_path / "list.txt"
    listing.write_text(f"{tmp_path / 'b.warc.gz'}\nhttps://example.org/feed.xml\n@{listing}\n", encoding="utf-8")
    files, rest = split_sources([str(tmp_path / "a.txt"), f"@{listing}", str(tmp_path / "missing.html")])
    assert files == [(str(tmp_path / "a.txt"), "text-file"), (str(tmp_path / "b.warc.gz"), "warc")]
    assert rest == ["https://example.org/feed.xml", str(tmp_path / "missing.html")]


def _worker_settings() -> tuple:
    import dask

    return os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get("distributed.worker.profile.enabled")


def test_local_workers_run_without_the_nannys_malloc_setting_or_the_profiler(client):
    """Both cost the pipeline CPU in a worker that a plain process does not spend (docs/scale.md)."""
    assert set(client.run(_worker_settings).values()) == {(None, False)}


# Frees and allocates 1 MiB arrays: under glibc's fixed 128 KiB mmap threshold each one is a fresh
# mapping whose pages fault in again; under the dynamic one they are reused from the heap.
MALLOC_PROBE = """
import resource, sys
import numpy
from claimgraph.distributed import restore_malloc_thresholds
if sys.argv[1] == "restore":
    assert restore_malloc_thresholds()
for _ in range(5):
    numpy.ones(2**17)
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(100):
    numpy.ones(2**17)
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_a_worker_started_by_a_nanny_gets_the_malloc_thresholds_back():
    env = {**os.environ, "MALLOC_TRIM_THRESHOLD_": "65536", "PYTHONPATH": str(ROOT / "src")}

    def faults(mode: str) -> int:
        done = subprocess.run([sys.executable, "-c", MALLOC_PROBE, mode], env=env, capture_output=True, text=True,
                              check=True)
        return int(done.stdout)

    frozen, restored = faults("keep"), faults("restore")
    assert frozen > 100 * 200 and restored < 100 * 20, (frozen, restored)
