"""Writing ingested articles: ``articles``, ``article_authors``, ``outlets``, ``article_html``, ``redirects``, and the inputs it skipped in ``errors``.

Each article is written in its own transaction, so a failure leaves earlier ones stored.

Identity: an article's id is a stable hash of its canonical URL. A text file without a URL
has no address to hash, so its id is a hash of its normalised text (lower case, single
spaces): re-ingesting the same text gives the same id wherever the file lives. An article
whose text is already stored under another id (the same story at a second URL that does not
declare the first as canonical) is not stored again.

Re-ingesting is an upsert: ``updated_at`` changes only when a content column changed, and
then ``extracted_at`` is cleared so the extract stage processes the new text.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, field

import sqlite_utils

from ..db import log_error, stable_id
from ..names import outlet_key
from ..timeutil import utc_sortable, utcnow

# Columns whose change means the article changed. Not url: the same article reached through
# another address is not a change, and neither is a new fetched_at.
CONTENT_COLUMNS = (
    "canonical_url", "outlet_id", "title", "author", "published", "modified", "language",
    "section", "description", "text",
)


@dataclass
class Outlet:
    name: str | None
    domain: str | None
    url: str | None = None
    language: str | None = None

    @property
    def id(self) -> str | None:
        return outlet_key(self.domain, self.name)


@dataclass
class RawPage:
    """The bytes an article was read from, kept for provenance and re-extraction."""

    content: bytes
    encoding: str | None
    content_type: str | None
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Author:
    """One name in an article's byline (see :class:`claimgraph.ingest.bylines.Byline`)."""

    name: str
    role: str = "author"
    credentials: str | None = None
    kind: str = "person"
    source: str | None = None
    score: float | None = None


@dataclass
class Article:
    """An article ready to store; ``id`` is derived (see the module docstring)."""

    text: str
    source_type: str
    source: str
    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    author: str | None = None  # the authors' names, comma-separated; each one in ``authors``
    authors: list[Author] = field(default_factory=list)
    published: str | None = None
    published_source: str | None = None
    modified: str | None = None
    language: str | None = None
    section: str | None = None
    description: str | None = None
    outlet: Outlet | None = None
    raw: RawPage | None = None
    redirects: list[tuple[str, str, int]] = field(default_factory=list)
    fetched_at: str | None = None

    @property
    def id(self) -> str:
        if self.canonical_url:
            return stable_id(self.canonical_url)
        return stable_id("text", normalised_text(self.text))

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def normalised_text(text: str) -> str:
    """Lower case and single spaces: the form a text-only article's id is hashed from."""
    return re.sub(r"\s+", " ", text).strip().lower()


def save_outlet(db: sqlite_utils.Database, outlet: Outlet) -> str | None:
    """Upsert an outlet, keeping what is already known when the new record lacks it; returns its id."""
    outlet_id = outlet.id
    if outlet_id is None:
        return None
    row = {"id": outlet_id, "name": outlet.name, "domain": outlet.domain, "url": outlet.url, "language": outlet.language}
    existing = next(db.query("select * from outlets where id = ?", [outlet_id]), None)
    if existing is None:
        row["name"] = row["name"] or outlet_id
        db["outlets"].insert(row)
    else:
        # A name that is only the id was a placeholder; a real one replaces it.
        missing = {key for key, value in existing.items() if not value or (key == "name" and value == outlet_id)}
        updates = {key: value for key, value in row.items() if value and key in missing}
        if updates:
            db["outlets"].update(outlet_id, updates)
    return outlet_id


def save_article(db: sqlite_utils.Database, article: Article) -> str:
    """Store an article with its raw page and redirects; returns ``new``, ``updated``, ``unchanged`` or ``duplicate``."""
    now = utcnow()
    article_id = article.id
    with db.conn:
        outlet_id = save_outlet(db, article.outlet) if article.outlet else None
        row = {
            "id": article_id, "url": article.url, "canonical_url": article.canonical_url, "outlet_id": outlet_id,
            "title": article.title, "author": article.author, "published": article.published,
            "published_utc": utc_sortable(article.published), "published_source": article.published_source,
            "modified": article.modified, "language": article.language, "section": article.section,
            "description": article.description, "text": article.text, "word_count": len(article.text.split()),
            "text_sha256": article.text_sha256, "source_type": article.source_type, "source": article.source,
            "fetched_at": article.fetched_at,
        }
        if article.raw is not None:
            row["html_sha256"] = hashlib.sha256(article.raw.content).hexdigest()
        existing = next(db.query("select * from articles where id = ?", [article_id]), None)
        if existing is None:
            twin = db.execute("select id from articles where text_sha256 = ? and id != ?", [row["text_sha256"], article_id]).fetchone()
            if twin is not None:
                return "duplicate"
            db["articles"].insert({**row, "ingested_at": now, "updated_at": now})
            status = "new"
        elif any(existing[column] != row[column] for column in CONTENT_COLUMNS):
            db["articles"].update(article_id, {**row, "updated_at": now, "extracted_at": None})
            status = "updated"
        else:
            # Not content: a new reading of where the date came from does not send the text back to extraction.
            db["articles"].update(
                article_id, {"fetched_at": article.fetched_at or existing["fetched_at"], "published_source": article.published_source}
            )
            status = "unchanged"
        _save_authors(db, article_id, article)
        if article.raw is not None:
            _save_raw(db, article_id, article.raw)
        db.execute("delete from redirects where article_id = ?", [article_id])
        for position, (from_url, to_url, code) in enumerate(article.redirects):
            db["redirects"].insert(
                {"id": stable_id(article_id, position), "article_id": article_id, "position": position,
                 "from_url": from_url, "to_url": to_url, "status": code}
            )
    return status


def _save_authors(db: sqlite_utils.Database, article_id: str, article: Article) -> None:
    """Replace the article's ``article_authors`` rows; an ``author`` string without a list is split on commas."""
    authors = article.authors or [
        Author(name.strip(), source="articles.author") for name in (article.author or "").split(",") if name.strip()
    ]
    db.execute("delete from article_authors where article_id = ?", [article_id])
    for position, author in enumerate(authors):
        db["article_authors"].insert(
            {"id": stable_id(article_id, position), "article_id": article_id, "position": position, "name": author.name,
             "role": author.role, "credentials": author.credentials, "kind": author.kind, "source": author.source,
             "score": author.score}
        )


def _save_raw(db: sqlite_utils.Database, article_id: str, raw: RawPage) -> None:
    db["article_html"].upsert(
        {
            "article_id": article_id, "content": zlib.compress(raw.content), "encoding": raw.encoding,
            "content_type": raw.content_type, "http_status": raw.http_status, "etag": raw.etag,
            "last_modified": raw.last_modified, "size": len(raw.content),
        },
        pk="article_id",
    )


def save_ingest_error(db: sqlite_utils.Database, source: str, url: str, step: str, message: str) -> None:
    """Record an input the ingest stage skipped (in ``errors``, stage ``ingest``), in its own transaction."""
    with db.conn:
        log_error(db, "ingest", url, message, step=step, source=source)
