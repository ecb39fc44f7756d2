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

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field

import sqlite_utils
from spacy.tokens import Doc

from .. import __version__
from ..db import is_locked, log_error, raise_if_locked
from ..timeutil import utcnow
from ..leases import Claimer, claim_items, release_items
from ..workers import die_with_parent
from .actor_index import ActorIndex
from .store import save_extraction, save_field_extraction

DEFAULT_BATCH_SIZE = 16
# articles leased at a time: other runs at once take the next pages
DEFAULT_CLAIM_PAGE = 64


@dataclass
class ExtractReport:
    """What a run of the extract stage did."""

    articles: int = 0
    actors: int = 0
    mentions: int = 0
    statements: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, counts: dict) -> None:
        """Count what one article (or its headline or standfirst) added."""
        self.actors += counts["actors"]
        self.mentions += counts["mentions"]
        self.statements += counts["statements"]
        self.claims += counts["claims"]

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
    claim_page: int = DEFAULT_CLAIM_PAGE,
) -> ExtractReport:
    """Extract actors, statements and claims from articles not yet extracted (all with ``force``).

    Articles are leased page by page (:mod:`claimgraph.leases`), so runs at the same time
    share the work. An article longer than the model's ``max_length`` is recorded as an
    error and left unextracted: spaCy refuses it (E088), and the memory it would need grows
    with its length.
    """
    from .pipeline import load_pipeline

    nlp = load_pipeline(model, tuple(gazetteers))
    extractor = f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']} claimgraph-{__version__}"
    # Each article is its own transaction; in WAL mode NORMAL keeps them atomic and skips an fsync
    # per commit. A crash may lose the last few, which are then simply extracted again.
    db.execute("PRAGMA synchronous = NORMAL")
    # with force, what this run has not yet redone: articles extracted before it started
    pending = "extracted_at is null" + (" or extracted_at <= :started" if force else "")
    started = utcnow()
    ids = [row[0] for row in db.execute(f"select id from articles where {pending} order by id", {"started": started})]
    index = ActorIndex(db)
    report = ExtractReport()
    failed: set[str] = set()  # articles whose body failed: their headline and standfirst are skipped too
    claimer = Claimer("extract")

    def skip(article_id: str, message: str) -> None:
        log_error(db, "extract", article_id, message)
        report.errors.append(f"{article_id}: {message}")

    if processes > 1:
        die_with_parent()
    articles = _article_docs(db, nlp, ids, claimer, f"({pending})", started, skip, page=claim_page)
    try:
        for doc in nlp.pipe(articles, n_process=max(1, processes), batch_size=batch_size):
            article_id, field = doc._.article["id"], doc._.article.get("field")
            if field is not None and article_id in failed:
                continue
            try:
                if field is None:
                    counts = save_extraction(db, article_id, doc, index, extractor)
                else:
                    counts = save_field_extraction(db, article_id, doc, index, field)
            except Exception as error:  # one bad article must not stop the corpus; it is recorded
                raise_if_locked(error)  # ... but a database locked for minutes is the run's problem
                skip(article_id, f"{type(error).__name__}{f' in the {field}' if field else ''}: {error}")
                index.reload()
                failed.add(article_id)
                continue
            report.articles += field is None
            report.add(counts)
    finally:
        try:
            release_items(db, claimer)
        except sqlite3.OperationalError as error:
            if not is_locked(error):  # a locked database: the leases lapse when this process is gone
                raise
    return report


def _article_docs(db: sqlite_utils.Database, nlp, ids: list[str], claimer: Claimer, pending: str, started: str,
                  skip, page: int = DEFAULT_CLAIM_PAGE) -> Iterator[Doc]:
    """Docs for the articles this run claims, page by page, with ``doc._.article`` set.

    An article another run has claimed, or extracted meanwhile (``pending`` no longer
    holds), is left out; one too long for the model is passed to ``skip``.
    """
    for offset in range(0, len(ids), page):
        chunk = claim_items(db, claimer, ids[offset:offset + page])
        if not chunk:
            continue
        params = {"started": started, **{f"i{n}": article_id for n, article_id in enumerate(chunk)}}
        marks = ", ".join(f":i{n}" for n in range(len(chunk)))
        rows = db.execute(
            f"select id, text, title, published, description from articles where id in ({marks}) and {pending}", params)
        by_id = {row[0]: row for row in rows}
        for article_id, text, title, published, description in (by_id[a] for a in chunk if a in by_id):
            text = text or ""
            if len(text) > nlp.max_length:
                skip(article_id, f"text of {len(text):,} characters is longer than the model's limit of "
                                 f"{nlp.max_length:,}; not extracted")
                continue
            doc = nlp.make_doc(text)
            doc._.article = {"id": article_id, "title": title, "published": published}
            yield doc
            # the standfirst and the headline are text of the article too, each its own field
            for name, value in (("description", description), ("title", title)):
                if value and value.strip() and len(value) <= nlp.max_length:
                    field_doc = nlp.make_doc(value)
                    field_doc._.article = {"id": article_id, "title": title, "published": published, "field": name}
                    yield field_doc
