"""claimgraph: a fact-tracking knowledge base for news claims and their attribution.

The pipeline has four stages, each reading and writing one SQLite database:

``ingest`` (articles) -> ``extract`` (actors, statements, claims) -> ``link`` (verdicts
against measurement evidence, clusters across outlets) -> ``publish`` (Datasette).
"""

__version__ = "0.1.0"
