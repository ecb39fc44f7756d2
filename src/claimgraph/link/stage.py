"""The ``link`` stage: check claims against measurements and group the same claim across outlets.

Two steps, both idempotent: :func:`claimgraph.link.verdicts.link_claims` writes a verdict
per (claim, measurement) into ``claim_evidence``, and
:func:`claimgraph.link.clusters.cluster_claims` groups claims reported by several
articles into ``claim_clusters``.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from ..db import ensure_db_shape


@dataclass
class LinkReport:
    verdicts: dict
    clusters: int

    def summary(self) -> str:
        counts = ", ".join(f"{count} {verdict}" for verdict, count in sorted(self.verdicts.items())) or "no verdicts"
        return f"Linked claims to evidence: {counts}; {self.clusters} claim cluster{'s' * (self.clusters != 1)}"


def run_link(db: sqlite_utils.Database, *, force: bool = False) -> LinkReport:
    """Run the link stage over the whole database."""
    from .verdicts import link_claims
    from .clusters import cluster_claims

    ensure_db_shape(db)
    verdicts = link_claims(db, force=force)
    clusters = cluster_claims(db)
    return LinkReport(verdicts=verdicts, clusters=clusters)
