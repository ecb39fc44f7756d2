"""Several claimgraph processes on one database: lock waits, shared extract work, no orphans, huge articles.

Real subprocesses throughout: a lock held by another process, two extract runs started
at the same moment, and ``kill -9`` of ``extract -p 2``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.extract import run_extract
from claimgraph.leases import Claimer, claim_items, release_items

PYTHON = sys.executable
SRC = str(Path(__file__).resolve().parent.parent / "src")
ENV = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
CLAIMGRAPH = [PYTHON, "-c", "from claimgraph.cli import cli; cli(prog_name='claimgraph')"]
TOWNS = ["Arbridge", "Belmora", "Castelby", "Dunmore", "Elsworth", "Farrowdale", "Glenholt", "Harwick"]


def fictional_article(number: int) -> str:
    town = TOWNS[number % len(TOWNS)]
    return (
        f"Outage in {town} number {number}\n\n"
        f"The mayor of {town}, Edda Varnhagen, said on Monday that the network had been down for {number % 9 + 2} hours. "
        f"\"We lost {number * 10} addresses,\" she told reporters. Officials denied that hackers were responsible."
    )


def add_articles(db, count: int) -> list[str]:
    ids = [f"a{number:04d}" for number in range(count)]
    db["articles"].insert_all(
        ({"id": article_id, "text": fictional_article(number), "title": f"Outage {number}", "published": "2024-03-04"}
         for number, article_id in enumerate(ids)),
        pk="id",
    )
    return ids


def hold_write_lock(db_path: Path, seconds: float) -> subprocess.Popen:
    """Another process that takes the database's write lock and keeps it for ``seconds``."""
    code = (
        "import sqlite3, sys, time\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('begin immediate')\n"
        "print('locked', flush=True)\n"
        "time.sleep(float(sys.argv[2]))\n"
        "conn.execute('commit')\n"
    )
    holder = subprocess.Popen([PYTHON, "-c", code, str(db_path), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


# --------------------------------------------------------------------------- locks


def test_a_writer_waits_for_another_process_s_lock_and_then_stores_everything(tmp_path, copied_db, db_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for number in range(12):
        (pages / f"p{number}.txt").write_text(fictional_article(number), "utf-8")
    holder = hold_write_lock(db_path, 2.0)
    started = time.monotonic()
    result = subprocess.run([*CLAIMGRAPH, "ingest", str(db_path), str(pages)],
                            env=ENV, capture_output=True, text=True, timeout=120)
    holder.wait(timeout=10)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started >= 1.5, "it should have waited for the lock"
    assert copied_db["articles"].count == 12
    assert copied_db["errors"].count == 0


def test_a_lock_held_past_the_busy_timeout_is_one_clear_line_and_nothing_is_logged_half_way(tmp_path, copied_db, db_path):
    page = tmp_path / "page.txt"
    page.write_text(fictional_article(1), "utf-8")
    holder = hold_write_lock(db_path, 30)
    try:
        result = subprocess.run([*CLAIMGRAPH, "ingest", str(db_path), str(page)],
                                env={**ENV, "CLAIMGRAPH_BUSY_TIMEOUT": "0.5"}, capture_output=True, text=True, timeout=60)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"Error: {db_path}: locked by another process for more than 0.5 s; try again when it has finished "
        "(CLAIMGRAPH_BUSY_TIMEOUT sets the wait)"
    )
    assert copied_db["articles"].count == 0 and copied_db["errors"].count == 0


def test_extract_stops_with_the_lock_message_instead_of_logging_every_article(copied_db, db_path, monkeypatch):
    add_articles(copied_db, 3)
    monkeypatch.setenv("CLAIMGRAPH_BUSY_TIMEOUT", "0.3")
    holder = hold_write_lock(db_path, 30)
    try:
        result = CliRunner().invoke(cli, ["extract", str(db_path)])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1
    assert "locked by another process for more than 0.3 s" in result.output
    assert "Traceback" not in result.output
    assert copied_db["errors"].count == 0


# --------------------------------------------------------------------------- leases


def test_a_claimed_item_is_left_to_its_claimer_until_released(copied_db):
    first, second = Claimer("extract"), Claimer("extract")
    assert claim_items(copied_db, first, ["a", "b", "c"]) == ["a", "b", "c"]
    assert claim_items(copied_db, second, ["b", "c", "d"]) == ["d"]
    release_items(copied_db, first)
    assert claim_items(copied_db, second, ["a", "b"]) == ["a", "b"]


def test_an_expired_lease_is_free_again(copied_db):
    brief = Claimer("extract", lease_seconds=-1)  # expired as soon as taken
    assert claim_items(copied_db, brief, ["a"]) == ["a"]
    assert claim_items(copied_db, Claimer("extract"), ["a"]) == ["a"]


def test_the_leases_of_a_process_that_died_are_freed_at_once(copied_db):
    gone = subprocess.run([PYTHON, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    dead = Claimer("extract", pid=int(gone.stdout))
    assert claim_items(copied_db, dead, ["a", "b"]) == ["a", "b"]
    assert claim_items(copied_db, Claimer("extract"), ["a", "b"]) == ["a", "b"]


RUN_AFTER_SIGNAL = """
import sys, time
from pathlib import Path
from claimgraph.db import open_db
from claimgraph.extract import run_extract
from claimgraph.extract.pipeline import load_pipeline

load_pipeline()                      # load the model first, so both runs start extracting together
print("ready", flush=True)
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.005)
# small pages and batches: spaCy reads a batch of articles ahead, and each page is claimed as it is read
report = run_extract(open_db(sys.argv[1]), claim_page=3, batch_size=2)
print(report.articles, len(report.errors))
"""


def test_two_extract_runs_at_once_share_the_articles_instead_of_both_doing_all(tmp_path, copied_db, db_path):
    ids = add_articles(copied_db, 18)
    go = tmp_path / "go"
    runs = [subprocess.Popen([PYTHON, "-c", RUN_AFTER_SIGNAL, str(db_path), str(go)], env=ENV,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        assert run.stdout.readline().strip() == "ready", run.stderr.read()[-2000:]
    go.touch()
    outputs = [run.communicate(timeout=300) for run in runs]
    assert all(run.returncode == 0 for run in runs), [err[-2000:] for _, err in outputs]
    done = [tuple(map(int, out.split())) for out, _ in outputs]
    assert sum(articles for articles, _ in done) == len(ids), done
    print("articles extracted by each run:", done)
    assert all(errors == 0 for _, errors in done)
    assert copied_db.execute("select count(*) from articles where extracted_at is null").fetchone()[0] == 0
    assert copied_db["work_leases"].count == 0


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux-only")
def test_workers_of_extract_p_2_die_when_it_is_killed(copied_db, db_path):
    add_articles(copied_db, 400)
    run = subprocess.Popen([*CLAIMGRAPH, "extract", str(db_path), "-p", "2"], env=ENV,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline and run.poll() is None:
        workers = {pid for pid in _children(run.pid) if _running(pid)}
        time.sleep(0.05)
    assert len(workers) >= 2, "extract -p 2 started no workers"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if _running(pid)]
    for pid in left:  # clean up before failing
        os.kill(pid, signal.SIGKILL)
    assert not left, f"orphan workers {left} outlived their parent"


# --------------------------------------------------------------------------- huge articles


def test_an_article_too_long_for_the_model_is_an_error_and_the_others_are_extracted(copied_db):
    ids = add_articles(copied_db, 3)
    copied_db["articles"].insert({"id": "huge", "text": "Word. " * 170_000, "title": "Huge"}, pk="id")
    for _ in range(2):  # and a re-run is not blocked either
        report = run_extract(copied_db, force=True)
        assert report.articles == len(ids)
        assert report.errors == ["huge: text of 1,020,000 characters is longer than the model's limit of 1,000,000; not extracted"]
    assert copied_db.execute("select extracted_at from articles where id = 'huge'").fetchone()[0] is None
    assert copied_db.execute("select count(*) from errors where item = 'huge' and stage = 'extract'").fetchone()[0] == 2
