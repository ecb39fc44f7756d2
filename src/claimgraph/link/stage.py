"""The ``link`` stage: check claims against measurements and group the same claim across outlets.

Two steps, both idempotent: :func:`claimgraph.link.verdicts.link_claims` writes a verdict
per (claim, measurement) into ``claim_evidence``, and
:func:`claimgraph.link.clusters.cluster_claims` groups claims reported by several
articles into ``claim_clusters``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

import sqlite_utils

from ..db import ensure_db_shape


@dataclass
class LinkReport:
    verdicts: dict
    clusters: int
    continued: int | None = None  # with --previous: stories that began in the previous period's file
    previous: str | None = None
    dropped: int = 0  # without --previous: stories that had continued from a previous file and no longer do

    def summary(self) -> str:
        counts = ", ".join(f"{count} {verdict}" for verdict, count in sorted(self.verdicts.items())) or "no verdicts"
        line = f"Linked claims to evidence: {counts}; {self.clusters} claim cluster{'s' * (self.clusters != 1)}"
        if self.continued is not None:
            line += f", {self.continued} continued from {self.previous}"
        return line

    def notes(self) -> list[str]:
        if not self.dropped:
            return []
        return [f"{self.dropped} stor{'ies' if self.dropped != 1 else 'y'} continued from a previous period's file "
                "before are now clustered within this file only; give --previous to keep them"]


def run_link(db: sqlite_utils.Database, *, force: bool = False, previous: str | Path | None = None,
             client=None, partition_size: int | None = None) -> LinkReport:
    """Run the link stage over the whole database.

    ``previous``: the previous period's database, read-only, so stories that straddle the
    boundary are clustered together (see :mod:`claimgraph.link.earlier`). With a Dask
    ``client`` the verdicts and clusters are computed on its cluster, ``partition_size``
    claims to a task, with the same result (:mod:`claimgraph.link.partitioned`).
    """
    from .earlier import EarlierPeriod

    if client is None:
        from .verdicts import link_claims
        from .clusters import cluster_claims
    else:
        from .partitioned import DEFAULT_CLAIMS_PER_PARTITION, cluster_claims_dask, link_claims_dask

        size = partition_size or DEFAULT_CLAIMS_PER_PARTITION
        link_claims = partial(link_claims_dask, client=client, partition_size=size)
        cluster_claims = partial(cluster_claims_dask, client=client, partition_size=size)

    ensure_db_shape(db)
    earlier = EarlierPeriod.open(previous, current=_file_of(db)) if previous is not None else None
    try:
        had_earlier = db.execute("select count(distinct cluster_id) from claim_cluster_earlier").fetchone()[0]
        verdicts = link_claims(db, force=force)
        clusters = cluster_claims(db, previous=earlier)
    finally:
        if earlier is not None:
            earlier.close()
    if earlier is None:
        return LinkReport(verdicts=verdicts, clusters=clusters, dropped=had_earlier)
    continued = db.execute("select count(distinct cluster_id) from claim_cluster_earlier").fetchone()[0]
    return LinkReport(verdicts=verdicts, clusters=clusters, continued=continued, previous=earlier.name)


def _file_of(db: sqlite_utils.Database) -> str | None:
    for _, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return file
    return None
