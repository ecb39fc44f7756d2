"""The shape of the claimgraph database, as data: every table, key, index and full-text index, declared once.

The tables are declared by the stage that writes them (:mod:`.articles`, :mod:`.facts`,
:mod:`.evidence`) and for the runs themselves (:mod:`.runs`). ``TABLES`` (columns, keys, foreign keys and a description of every column), ``INDEXES`` and
``FTS`` are applied idempotently by :func:`claimgraph.db.ensure_db_shape`; docs/schema.md is
generated from them and Datasette reads the descriptions at load time.

Identity: rows extracted from text carry ``article_id`` and character offsets
(``start``/``end``, end exclusive, Python ``str`` indices into ``articles.text``, or into the
headline or standfirst when ``field`` says so); their ``id`` is a stable hash of those (see
:func:`claimgraph.db.stable_id`), so re-running a stage upserts instead of duplicating.
"""

from __future__ import annotations

from .articles import ARTICLE_TABLES
from .evidence import EVIDENCE_TABLES
from .facts import FACT_TABLES
from .runs import RUN_TABLES
from .table import Table

# 6 adds claim_cluster_earlier (link --previous): an older claimgraph, which does not clear it, could not re-cluster such a file
SCHEMA_VERSION = 6

# In creation order: a table comes after the tables its foreign keys point to
TABLES: tuple[Table, ...] = (*ARTICLE_TABLES, *FACT_TABLES, *EVIDENCE_TABLES, *RUN_TABLES)

TABLES_BY_NAME = {table.name: table for table in TABLES}

# (table, columns, unique)
INDEXES: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("articles", ("canonical_url",), False),
    ("articles", ("text_sha256",), False),
    ("articles", ("outlet_id",), False),
    ("articles", ("published",), False),
    ("articles", ("published_utc", "id"), False),  # graph queries list claims by publication time
    ("redirects", ("article_id",), False),
    ("article_authors", ("article_id",), False),
    ("article_authors", ("name",), False),
    ("actor_aliases", ("alias_key",), False),
    ("actor_roles", ("actor_id",), False),
    ("actor_roles", ("article_id",), False),
    ("mentions", ("article_id",), False),
    ("mentions", ("actor_id",), False),
    ("statements", ("article_id",), False),
    ("statements", ("speaker_id",), False),
    ("statements", ("speaker_id", "article_id"), False),  # covers top-speakers' counts (graph queries)
    ("claims", ("article_id",), False),
    ("claims", ("statement_id",), False),
    ("claims", ("source_actor_id",), False),
    ("claims", ("subject_id",), False),
    ("claims", ("object_id",), False),
    ("claims", ("type",), False),
    ("quantities", ("claim_id",), False),
    ("quantities", ("article_id",), False),
    ("measurements", ("source_id",), False),
    ("measurements", ("subject_type", "subject"), False),
    ("measurements", ("country", "kind"), False),
    ("claim_evidence", ("measurement_id",), False),
    ("claim_frames", ("claim_id",), False),
    ("claim_frames", ("event_id",), False),
    ("claim_cluster_members", ("cluster_id",), False),
    ("claim_cluster_earlier", ("cluster_id",), False),
)

# table -> columns indexed for full-text search (FTS5, kept in sync by triggers)
FTS: dict[str, tuple[str, ...]] = {
    "articles": ("title", "text"),
    "statements": ("content", "speaker_text"),
    "claims": ("text", "sentence"),
}
