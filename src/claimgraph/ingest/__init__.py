"""The ingest stage: articles from files, folders, URLs, feeds, sitemaps and WARC archives.

Modules: ``sources`` (what a source is; feeds, sitemaps, WARCs, folders), ``fetch`` (polite
HTTP with cache), ``text`` (decoding and boilerplate lines), ``html`` (metadata and main
text), ``store`` (``save_article``) and ``pipeline`` (``run_ingest``).
"""

from .fetch import FetchPolicy
from .stage import IngestOptions, IngestReport, run_ingest, run_ingest_by_period

__all__ = ["FetchPolicy", "IngestOptions", "IngestReport", "run_ingest", "run_ingest_by_period"]
