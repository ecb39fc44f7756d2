"""The one SQL catalogue: used by ``claimgraph query``, the Python API, the Datasette canned queries and pages."""

from .catalogue import QUERIES, execute_query, run_query, write_rows

__all__ = ["QUERIES", "execute_query", "run_query", "write_rows"]
