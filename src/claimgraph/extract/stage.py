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

The two halves are shared with the Dask run (:mod:`claimgraph.distributed`): workers run
:func:`find_in_articles` and return its plain results, and the one writer stores them with
:func:`store_found`, in article id order as here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import sqlite_utils
from spacy.tokens import Doc

from .. import __version__
from ..db import is_locked, log_error, raise_if_locked
from ..timeutil import utcnow
from ..leases import Claimer, claim_items, release_items
from ..workers import die_with_parent
from .actor_index import ActorIndex
from .store import Found, save_extraction, save_field_extraction

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
    # articles whose body failed: their headline and standfirst are skipped too
    failed: set[str] = field(default_factory=set, repr=False)

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
    extractor = extractor_name(nlp)
    index = prepare_writer(db)
    started = utcnow()
    ids = pending_article_ids(db, force, started)
    report = ExtractReport()
    claimer = Claimer("extract")
    if processes > 1:
        die_with_parent()
    rows = _claimed_rows(db, ids, claimer, force, started, page=claim_page)
    try:
        for article_id, found in find_in_articles(nlp, rows, processes, batch_size):
            store_found(db, article_id, found, index, extractor, report)
    finally:
        try:
            release_items(db, claimer)
        except sqlite3.OperationalError as error:
            if not is_locked(error):  # a locked database: the leases lapse when this process is gone
                raise
    return report


def pending_condition(force: bool) -> str:
    """SQL for the articles a run started at ``:started`` has to extract: with force, those not redone since."""
    return "(extracted_at is null" + (" or extracted_at <= :started)" if force else ")")


def pending_article_ids(db: sqlite_utils.Database, force: bool, started: str,
                        first: str | None = None, last: str | None = None) -> list[str]:
    """Ids of the articles to extract, in id order, optionally only those from ``first`` to ``last``."""
    where = pending_condition(force) + (" and id between :first and :last" if first is not None else "")
    params = {"started": started, "first": first, "last": last}
    return [row[0] for row in db.execute(f"select id from articles where {where} order by id", params)]


def prepare_writer(db: sqlite_utils.Database) -> ActorIndex:
    """Set the database up for writing extractions and read the stored actors."""
    # Each article is its own transaction; in WAL mode NORMAL keeps them atomic and skips an fsync
    # per commit. A crash may lose the last few, which are then simply extracted again.
    db.execute("PRAGMA synchronous = NORMAL")
    return ActorIndex(db)


def extractor_name(nlp) -> str:
    """What ``articles.extractor`` records: the spaCy model and the claimgraph version."""
    return f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']} claimgraph-{__version__}"


def find_in_articles(nlp, rows: Iterable[tuple], processes: int = 1,
                     batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[tuple[str, Found | str]]:
    """``(article id, Found)`` for each ``(id, text, title, published, description)`` row, in order: no database.

    The body comes first, then the standfirst and the headline, each a ``Found`` of its own
    (``Found.field``). An article too long for the model comes back as ``(article id, why it
    was not extracted)``, in its place when ``rows`` are in id order.
    """
    too_long: dict[str, str] = {}  # in row order: ``nlp.pipe`` reads rows ahead of the docs it yields
    docs = nlp.pipe(_article_docs(nlp, rows, too_long), n_process=max(1, processes), batch_size=batch_size)
    for doc in docs:
        for article_id in [key for key in too_long if key < doc._.article["id"]]:
            yield article_id, too_long.pop(article_id)
        yield doc._.article["id"], Found.from_doc(doc)
    yield from list(too_long.items())


def store_found(db: sqlite_utils.Database, article_id: str, found: Found | str, index: ActorIndex, extractor: str,
                report: ExtractReport) -> None:
    """Save one article's extraction (or its headline's or standfirst's) and count it.

    An article that fails (or was not extracted) is recorded in ``errors``.
    """
    if isinstance(found, str):
        _skip(db, report, article_id, found)
        return
    field = found.field
    if field is not None and article_id in report.failed:
        return
    try:
        if field is None:
            counts = save_extraction(db, article_id, found, index, extractor)
        else:
            counts = save_field_extraction(db, article_id, found, index, field)
    except Exception as error:  # one bad article must not stop the corpus; it is recorded
        raise_if_locked(error)  # ... but a database locked for minutes is the run's problem
        _skip(db, report, article_id, f"{type(error).__name__}{f' in the {field}' if field else ''}: {error}")
        index.reload()
        report.failed.add(article_id)
        return
    report.articles += field is None
    report.add(counts)


def _skip(db: sqlite_utils.Database, report: ExtractReport, article_id: str, message: str) -> None:
    log_error(db, "extract", article_id, message)
    report.errors.append(f"{article_id}: {message}")


def article_rows(db: sqlite_utils.Database, ids: list[str], force: bool, started: str) -> list[tuple]:
    """``(id, text, title, published, description)`` of those ``ids`` still pending, in the order of ``ids``."""
    if not ids:
        return []
    params = {"started": started, **{f"i{n}": article_id for n, article_id in enumerate(ids)}}
    marks = ", ".join(f":i{n}" for n in range(len(ids)))
    rows = db.execute(f"select id, text, title, published, description from articles where id in ({marks}) "
                      f"and {pending_condition(force)}", params)
    by_id = {row[0]: tuple(row) for row in rows}
    return [by_id[article_id] for article_id in ids if article_id in by_id]


def _claimed_rows(db: sqlite_utils.Database, ids: list[str], claimer: Claimer, force: bool, started: str,
                  page: int = DEFAULT_CLAIM_PAGE) -> Iterator[tuple]:
    """The rows of the articles this run claims, page by page.

    An article another run has claimed, or extracted meanwhile (no longer pending), is left out.
    """
    for offset in range(0, len(ids), page):
        yield from article_rows(db, claim_items(db, claimer, ids[offset:offset + page]), force, started)


def _article_docs(nlp, rows: Iterable[tuple], too_long: dict[str, str]) -> Iterator[Doc]:
    """Docs for the article rows with ``doc._.article`` set; one too long for the model goes to ``too_long``."""
    for article_id, text, title, published, description in rows:
        text = text or ""
        if len(text) > nlp.max_length:
            too_long[article_id] = (f"text of {len(text):,} characters is longer than the model's limit of "
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
