"""Claims on work, so that two runs of a stage at once share the items instead of both doing all of them.

A run takes a page of items with :func:`claim_items` in one ``BEGIN IMMEDIATE``
transaction: items leased by another live run are left to it, the rest are leased to this
run until ``expires_at``. Taking the next page renews the run's leases. A lease lapses when
it expires, or at once when its process is gone from this host (``kill -9``), so a killed run
blocks nobody; :func:`release_items` frees what a run still holds when it ends.
"""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import sqlite_utils

DEFAULT_LEASE_SECONDS = 600.0


def _owner_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


@dataclass(frozen=True)
class Claimer:
    """One run's identity and how long its leases last."""

    stage: str
    lease_seconds: float = DEFAULT_LEASE_SECONDS
    owner: str = field(default_factory=_owner_name)
    host: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


def claim_items(db: sqlite_utils.Database, claimer: Claimer, items: list[str]) -> list[str]:
    """Lease to ``claimer`` those ``items`` no other live run holds; returns them, in the order given."""
    if not items:
        return []
    now = datetime.now(timezone.utc)
    expires = _iso(now + timedelta(seconds=claimer.lease_seconds))
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        _free_lapsed(db, claimer, _iso(now))
        db.conn.execute("update work_leases set expires_at = ? where owner = ?", [expires, claimer.owner])
        db.conn.executemany(
            "insert or ignore into work_leases (stage, item, owner, host, pid, expires_at) values (?, ?, ?, ?, ?, ?)",
            [(claimer.stage, item, claimer.owner, claimer.host, claimer.pid, expires) for item in items],
        )
        marks = ", ".join("?" * len(items))
        mine = {row[0] for row in db.conn.execute(
            f"select item from work_leases where stage = ? and owner = ? and item in ({marks})",
            [claimer.stage, claimer.owner, *items],
        )}
        db.conn.execute("COMMIT")
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    return [item for item in items if item in mine]


def release_items(db: sqlite_utils.Database, claimer: Claimer) -> None:
    """Free every lease ``claimer`` holds (at the end of its run)."""
    with db.conn:
        db.conn.execute("delete from work_leases where owner = ?", [claimer.owner])


def _free_lapsed(db: sqlite_utils.Database, claimer: Claimer, now: str) -> None:
    """Delete expired leases of the stage, and those of processes on this host that no longer exist."""
    db.conn.execute("delete from work_leases where stage = ? and expires_at <= ?", [claimer.stage, now])
    pids = [row[0] for row in db.conn.execute(
        "select distinct pid from work_leases where stage = ? and host = ? and owner != ?",
        [claimer.stage, claimer.host, claimer.owner],
    )]
    dead = [pid for pid in pids if not _alive(pid)]
    db.conn.executemany("delete from work_leases where stage = ? and host = ? and pid = ?",
                        [(claimer.stage, claimer.host, pid) for pid in dead])


def _alive(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows; wait for the lease to expire
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process with that id: treat it as alive
        return True
    return True
