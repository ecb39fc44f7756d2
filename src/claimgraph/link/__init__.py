"""The link stage: verdicts of claims against measurements, and stories across outlets.

* :mod:`~claimgraph.link.verdicts` compares claims with measured evidence (``claim_evidence``).
* :mod:`~claimgraph.link.clusters` groups the same claim reported by several outlets.
* :func:`run_link` runs both.
"""

from .stage import LinkReport, run_link

__all__ = ["LinkReport", "run_link"]
