"""The extract stage: run the NLP pipeline over ingested articles and save what it found.

:func:`run_extract` reads the articles not yet extracted (all of them with ``force``),
runs them through :func:`claimgraph.extract.pipeline.load_pipeline` with ``nlp.pipe`` (in
``processes`` worker processes) and saves each article in its own transaction: the
article's previous mentions, roles, statements, claims and quantities are deleted,
its actors are matched to the corpus (:class:`claimgraph.extract.actor_index.ActorIndex`)
and upserted, then mentions, roles, statements and claims are written with the corpus
actor ids and ``articles.extracted_at`` is set (:mod:`claimgraph.extract.store`). A killed
run resumes where it stopped; an article that fails is recorded in ``errors`` and the run
goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import sqlite_utils
from spacy.tokens import Doc

from .. import __version__
from ..db import log_error
from .actor_index import ActorIndex
from .store import save_extraction

DEFAULT_BATCH_SIZE = 16


@dataclass
class ExtractReport:
    """What a run of the extract stage did."""

    articles: int = 0
    actors: int = 0
    mentions: int = 0
    statements: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the CLI."""
        return (
            f"Extracted {self.articles} article{'s' * (self.articles != 1)}: {self.actors} new actors, "
            f"{self.mentions} mentions, {self.statements} statements, {self.claims} claims, "
            f"{len(self.errors)} errors"
        )


def run_extract(
    db: sqlite_utils.Database,
    model: str | None = None,
    processes: int = 1,
    force: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    gazetteers: tuple = (),
) -> ExtractReport:
    """Extract actors, statements and claims from articles not yet extracted (all with ``force``)."""
    from .pipeline import load_pipeline

    nlp = load_pipeline(model, tuple(gazetteers))
    extractor = f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']} claimgraph-{__version__}"
    # Each article is its own transaction; in WAL mode NORMAL keeps them atomic and skips an fsync
    # per commit. A crash may lose the last few, which are then simply extracted again.
    db.execute("PRAGMA synchronous = NORMAL")
    where = "" if force else "where extracted_at is null"
    ids = [row[0] for row in db.execute(f"select id from articles {where} order by id").fetchall()]
    index = ActorIndex(db)
    report = ExtractReport()
    docs = nlp.pipe(_article_docs(db, nlp, ids), n_process=max(1, processes), batch_size=batch_size)
    for doc in docs:
        article_id = doc._.article["id"]
        try:
            counts = save_extraction(db, article_id, doc, index, extractor)
        except Exception as error:  # one bad article must not stop the corpus; it is recorded
            message = f"{type(error).__name__}: {error}"
            log_error(db, "extract", article_id, message)
            report.errors.append(f"{article_id}: {message}")
            index.reload()
            continue
        report.articles += 1
        report.actors += counts["actors"]
        report.mentions += counts["mentions"]
        report.statements += counts["statements"]
        report.claims += counts["claims"]
    return report


def _article_docs(db: sqlite_utils.Database, nlp, ids: list[str], page: int = 64) -> Iterator[Doc]:
    """Docs for the articles, read page by page, with ``doc._.article`` set."""
    for offset in range(0, len(ids), page):
        chunk = ids[offset:offset + page]
        marks = ", ".join("?" * len(chunk))
        rows = db.execute(f"select id, text, title, published from articles where id in ({marks})", chunk)
        by_id = {row[0]: row for row in rows}
        for article_id, text, title, published in (by_id[article_id] for article_id in chunk):
            doc = nlp.make_doc(text or "")
            doc._.article = {"id": article_id, "title": title, "published": published}
            yield doc
