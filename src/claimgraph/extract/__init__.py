"""The extract stage: actors, statements and claims from article text (spaCy).

:func:`run_extract` is the stage; :mod:`claimgraph.extract.pipeline` loads the pipeline and
documents what each component leaves on a Doc.
"""

from .stage import ExtractReport, run_extract

__all__ = ["ExtractReport", "run_extract"]
