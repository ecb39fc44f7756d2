"""The ingest stage: from sources (files, folders, URLs, feeds, sitemaps, WARCs) to stored articles.

:func:`run_ingest` expands every source into pages, fetches the remote ones concurrently
(politely, see :mod:`.fetch`), extracts each page and stores it in its own transaction.
A source that fails is recorded in ``errors`` (stage ``ingest``) with the step that failed and the run
goes on; nothing but a bug stops it. A run that was killed is resumed by running it again:
stored articles are upserted by id and unchanged pages come back ``304`` from the HTTP cache.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import sqlite_utils
from lxml import etree
from tqdm import tqdm

from ..db import ensure_db_shape
from ..errors import InputError
from ..periods import UNDATED, PathTemplate, PeriodFiles
from ..timeutil import parse_day, utcnow, written_to_iso
from .fetch import FetchError, Fetcher, FetchPolicy, parse_content_type
from .html import extract_page
from .sources import (
    classify, in_window, maybe_gunzip, parse_feed, parse_sitemap, printable_path, read_local_file, read_sidecar,
    read_source_list, read_warc, sniff_xml, walk_folder,
)
from .store import Article, Author, Outlet, RawPage, save_article, save_ingest_error
from .text import DecodeError, clean_plain_text, decode_bytes
from .urls import canonicalize_url, domain_of

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class IngestOptions:
    """Settings of one ingest run.

    ``fetch`` holds the politeness and safety settings (timeouts, retries, delays, size limit);
    ``allow_private``, ``user_agent`` and the cache settings here override its own.
    ``cache_dir=None`` means ``<DB_PATH>.http-cache/``.
    """

    since: str | date | None = None
    until: str | date | None = None
    allow_private: bool = False
    user_agent: str | None = None
    cache_dir: Path | None = None
    use_cache: bool = True
    max_sitemap_depth: int = 3
    progress: bool | None = None
    fetch: FetchPolicy = field(default_factory=FetchPolicy)

    def policy(self, db: sqlite_utils.Database) -> FetchPolicy:
        return replace(
            self.fetch,
            allow_private=self.allow_private,
            user_agent=self.user_agent or self.fetch.user_agent,
            cache_dir=(self.cache_dir or _default_cache_dir(db)) if self.use_cache else None,
        )


def _default_cache_dir(db: sqlite_utils.Database) -> Path | None:
    for _, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return Path(file).with_name(Path(file).name + ".http-cache")
    return None


def _as_date(value: str | date | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return parse_day(value)
    except ValueError:
        raise InputError(f"--{name} {value!r}: expected a date as YYYY-MM-DD") from None


@dataclass
class IngestReport:
    """What a run did: counts for the summary line and one line per skipped input."""

    fetched: int = 0
    cached: int = 0
    skipped_robots: int = 0
    failed: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def stored(self) -> int:
        """Articles that are in the database after this run (new, updated or already there)."""
        return self.new + self.updated + self.unchanged + self.duplicates

    def summary(self) -> str:
        return (
            f"{self.fetched} fetched, {self.cached} cached, {self.skipped_robots} skipped by robots.txt, "
            f"{self.failed} failed; {self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.duplicates} duplicates"
        )

    def error_lines(self) -> list[str]:
        return [f"{item}: {reason}" for item, reason in self.errors]

    def note_lines(self) -> list[str]:
        """Articles stored with a caveat (text decoded with replacement characters, a page too large to read in full)."""
        return [f"{item}: {note}" for item, note in self.notes]


def run_ingest(db: sqlite_utils.Database, sources: list[str], options: IngestOptions | None = None) -> IngestReport:
    """Ingest every source into ``db``; see the module docstring. Raises InputError only for bad options."""
    options = options or IngestOptions()
    run = _Run(db, options, _as_date(options.since, "since"), _as_date(options.until, "until"))
    ensure_db_shape(db)
    asyncio.run(run.run(sources))
    return run.report


def run_ingest_by_period(
    template: str | Path, sources: list[str], options: IngestOptions | None = None,
) -> tuple[IngestReport, PeriodFiles]:
    """Ingest every source into the database of its publication period (``news-{month}.db``).

    Which file each article goes to is decided by :class:`claimgraph.periods.PeriodFiles`;
    the files share one HTTP cache (``news.db.http-cache``). Returns the report and the
    files, whose ``summary()`` says how many articles each received.
    """
    options = options or IngestOptions()
    files = PeriodFiles(PathTemplate.parse(template))
    options = replace(options, cache_dir=options.cache_dir or files.template.cache_dir())
    run = _Run(None, options, _as_date(options.since, "since"), _as_date(options.until, "until"), periods=files)
    try:
        asyncio.run(run.run(sources))
    finally:
        files.close()
    return run.report, files


class _Run:
    """The state of one ingest run: report, progress bar, URLs already seen and the task group.

    Articles go to ``db``, or with ``periods`` to the file of their period.
    """

    def __init__(self, db, options: IngestOptions, since: date | None, until: date | None,
                 periods: PeriodFiles | None = None):
        self.db = db
        self.periods = periods
        self.options = options
        self.since = since
        self.until = until
        self.report = IngestReport()
        self.seen: set[str] = set()
        show = options.progress if options.progress is not None else sys.stderr.isatty()
        self.progress = tqdm(total=0, unit="item", file=sys.stderr, disable=not show, leave=False)

    async def run(self, sources: list[str]) -> None:
        try:
            async with Fetcher(self.options.policy(self.db)) as self.fetcher, asyncio.TaskGroup() as self.tasks:
                for source in sources:
                    self._source(source, source)
        finally:
            self.progress.close()

    # -- bookkeeping

    def _spawn(self, coroutine) -> None:
        self.progress.total += 1
        self.progress.refresh()
        self.tasks.create_task(coroutine)

    def _fail(self, source: str, item: str, stage: str, message: str) -> None:
        """Record a skipped input; ``message`` already names it."""
        self._record(Skipped(source, item, stage, message))

    def _ingest_page(self, source: str, item: str, build) -> None:
        """Build an article with ``build(notes)`` and store it; a page that cannot be decoded or extracted is recorded.

        ``build`` appends caveats about the article to ``notes``; they are recorded once it is stored.
        """
        self._record(_built(source, item, build))

    def _record(self, outcome: Read | Skipped) -> None:
        """Store an outcome in the run's database, or in the file of its period (see :mod:`claimgraph.periods`)."""
        if self.periods is None:
            record_outcome(self.db, self.report, outcome)
            return
        if isinstance(outcome, Skipped):  # no article, so no date: with the undated articles
            record_outcome(self.periods.database(UNDATED), self.report, outcome)
            return
        period, note = self.periods.route(outcome.article.id, outcome.article.published)
        if note:
            outcome.notes.append(note)
        record_outcome(self.periods.database(period), self.report, outcome)
        self.periods.count(period)

    # -- sources

    def _source(self, source: str, origin: str) -> None:
        if printable_path(source) != source:  # bytes that are not UTF-8 in a file name (os.fsdecode's surrogates)
            self._fail(printable_path(origin), printable_path(source), "read",
                       f"{printable_path(source)}: file name is not valid UTF-8; rename it to ingest it")
            return
        kind = classify(source)
        if kind == "list":
            if source in self.seen:  # a list that includes itself, directly or not
                return
            self.seen.add(source)
            try:
                listed = read_source_list(Path(source[1:]))
            except InputError as error:
                self._fail(origin, source, "read", str(error))
                return
            for item in listed:
                self._source(item, source)
        elif kind == "url":
            try:
                url = canonicalize_url(source)
            except InputError as error:
                self._fail(origin, source, "read", str(error))
                return
            self._spawn(self._url(url, origin, "url", expect="any"))
        elif kind == "folder":
            for path in walk_folder(Path(source)):
                self._source(str(path), source)
        elif kind == "missing":
            self._fail(origin, source, "read", f"{source}: no such file or folder")
        elif kind == "unknown":
            self._fail(origin, source, "read", f"{source}: not a .html, .htm, .txt, .xml or .warc(.gz) file")
        else:
            self._spawn(self._file(Path(source), kind))

    async def _file(self, path: Path, kind: str) -> None:
        name = str(path)
        limit = self.options.fetch.max_bytes
        try:
            if kind == "xml-file":
                self._listing(maybe_gunzip(read_local_file(path, limit), name, limit), name, depth=0)
            else:
                for outcome in read_file_articles(path, kind, limit):
                    self._record(outcome)
        except OSError as error:
            self._fail(name, name, "read", f"{name}: {error.strerror or error}")
        except (InputError, etree.LxmlError, ValueError) as error:
            self._fail(name, name, "parse", str(error) if name in str(error) else f"{name}: {error}")
        finally:
            self.progress.update()

    def _listing(self, body: bytes, url: str, depth: int) -> None:
        """Queue the pages (and child sitemaps) of a feed or sitemap."""
        kind = sniff_xml(body)
        if kind == "feed":
            for entry in parse_feed(body, url):
                if in_window(entry.published, self.since, self.until):
                    self._spawn(self._url(entry.url, url, "feed", expect="page"))
        elif kind == "sitemap":
            children, pages = parse_sitemap(body, url)
            for child in children:
                # A child sitemap last changed before --since cannot list newer pages.
                if depth < self.options.max_sitemap_depth and in_window(child.published, self.since, None):
                    self._spawn(self._url(child.url, url, "sitemap", expect="sitemap", depth=depth + 1))
            for entry in pages:
                if in_window(entry.published, self.since, self.until):
                    self._spawn(self._url(entry.url, url, "sitemap", expect="page"))
        else:
            raise InputError(f"{url}: not an RSS/Atom feed or XML sitemap")

    async def _url(self, url: str, source: str, source_type: str, expect: str, depth: int = 0) -> None:
        try:
            if url in self.seen:
                return
            self.seen.add(url)
            try:
                response = await self.fetcher.fetch(url)
            except FetchError as error:
                self._fail(source, url, error.stage, str(error))
                return
            if response.from_cache:
                self.report.cached += 1
            else:
                self.report.fetched += 1
            try:
                body = maybe_gunzip(response.body, url, self.options.fetch.max_bytes)
                if expect == "sitemap" or (expect == "any" and sniff_xml(body) is not None):
                    self._listing(body, response.final_url, depth)
                    return
            except (InputError, etree.LxmlError, ValueError) as error:
                self._fail(source, url, "parse", str(error))
                return
            self._ingest_page(source, url, lambda notes: _article_from_html(
                response.body, response.charset, response.final_url, url, source_type, source, fetched_at=utcnow(),
                status=response.status, etag=response.etag, last_modified=response.last_modified,
                content_type=response.content_type,
                redirects=[(r.from_url, r.to_url, r.status) for r in response.redirects], notes=notes,
            ))
        finally:
            self.progress.update()


# ----------------------------------------------------------------------------- files to articles


@dataclass
class Read:
    """A page read into an article, with the caveats to record once it is stored."""

    source: str
    item: str
    article: Article
    notes: list[str]


@dataclass
class Skipped:
    """An input the stage could not store: where it came from, the step that failed and why (naming it)."""

    source: str
    item: str
    step: str
    message: str


def record_outcome(db: sqlite_utils.Database, report: IngestReport, outcome: Read | Skipped) -> None:
    """Store an article (counting new, updated, unchanged or duplicate) and its notes, or record a skipped input."""
    if isinstance(outcome, Skipped):
        reason = outcome.message.removeprefix(f"{outcome.item}: ")
        if outcome.step == "robots":
            report.skipped_robots += 1
        else:
            report.failed += 1
        report.errors.append((outcome.item, reason))
        save_ingest_error(db, outcome.source, outcome.item, outcome.step, reason)
        return
    status = save_article(db, outcome.article)
    counter = "duplicates" if status == "duplicate" else status
    setattr(report, counter, getattr(report, counter) + 1)
    for note in outcome.notes:  # in ``errors``: stage ``ingest``, step ``note``
        report.notes.append((outcome.item, note))
        save_ingest_error(db, outcome.source, outcome.item, "note", note)


def read_file_articles(path: Path, kind: str, limit: int) -> Iterator[Read | Skipped]:
    """The articles of a local ``warc``, ``html-file`` or ``text-file``, or what was skipped and why.

    ``limit`` is ``--max-bytes`` (per file, or per WARC record). Reads and extracts only (no
    database), so it runs the same in this process or on a Dask worker.
    """
    name = str(path)
    try:
        if kind == "warc":
            for page in read_warc(path, limit):
                media_type, charset = parse_content_type(page.content_type)
                if page.status != 200 or media_type not in HTML_TYPES:
                    continue
                yield _built(name, page.url, lambda notes: _article_from_html(
                    page.body, charset, page.url, page.url, "warc", name, fetched_at=page.date,
                    status=page.status, etag=page.etag, last_modified=page.last_modified, content_type=media_type,
                    notes=notes,
                ))
        elif kind == "text-file":
            data = read_local_file(path, limit)
            yield _built(name, name, lambda notes: _article_from_text(data, path, notes))
        else:
            data = read_local_file(path, limit)
            yield _built(name, name, lambda notes: _article_from_html(
                data, None, None, name, "html-file", name, fetched_at=None, notes=notes))
    except OSError as error:
        yield Skipped(name, name, "read", f"{name}: {error.strerror or error}")
    except (InputError, etree.LxmlError, ValueError) as error:
        yield Skipped(name, name, "parse", str(error) if name in str(error) else f"{name}: {error}")


def _built(source: str, item: str, build) -> Read | Skipped:
    """``build(notes)``'s article, or why the page could not be decoded or extracted."""
    notes: list[str] = []
    try:
        return Read(source, item, build(notes), notes)
    except DecodeError as error:
        return Skipped(source, item, "decode", str(error))
    except (InputError, etree.LxmlError, ValueError) as error:
        return Skipped(source, item, "extract", str(error) if item in str(error) else f"{item}: {error}")
    except RecursionError:  # markup or metadata nested deeper than a reader's recursion allows
        return Skipped(source, item, "extract", f"{item}: nested too deeply to read")


# ----------------------------------------------------------------------------- documents to articles


def _article_from_html(
    data: bytes, charset: str | None, url: str | None, name: str, source_type: str, source: str, *,
    fetched_at: str | None, status: int | None = None, etag: str | None = None, last_modified: str | None = None,
    content_type: str | None = "text/html", redirects: list | None = None, notes: list[str] | None = None,
) -> Article:
    """An :class:`Article` from raw page bytes; raises DecodeError or an InputError naming ``name``.

    ``charset`` is the one the server (or WARC record) declared, if any. Caveats about the
    article (replacement characters, a page too large to read in full) are added to ``notes``.
    """
    notes = notes if notes is not None else []
    html, encoding = decode_bytes(data, name, charset, notes=notes)
    page = extract_page(html, url=url, name=name)
    notes.extend(page.notes)
    meta = page.metadata
    canonical = meta.canonical_url
    page_url = canonicalize_url(url) if url else None
    # A canonical link to the site's home page (a common CMS mistake) would merge every article.
    if canonical and page_url and urlsplit(canonical).path in ("", "/") and urlsplit(page_url).path not in ("", "/"):
        canonical = None
    canonical = canonical or page_url
    address = canonical or url
    outlet = None
    if address or meta.site_name:
        domain = domain_of(address) if address else None
        home = f"{urlsplit(address).scheme}://{urlsplit(address).netloc}/" if address else None
        outlet = Outlet(name=meta.site_name, domain=domain, url=home, language=meta.language)
    return Article(
        text=page.text, source_type=source_type, source=source, url=url or canonical, canonical_url=canonical,
        title=meta.title, author=", ".join(meta.authors) or None, published=meta.published, modified=meta.modified,
        authors=[
            Author(b.name, b.role, b.credentials, b.kind, ", ".join(b.sources) or b.source, b.score) for b in meta.bylines
        ],
        published_source=meta.published_source,
        language=meta.language, section=meta.section, description=meta.description, outlet=outlet,
        raw=RawPage(data, encoding, content_type, status, etag, last_modified),
        redirects=redirects or [], fetched_at=fetched_at,
    )


def _article_from_text(data: bytes, path: Path, notes: list[str] | None = None) -> Article:
    """An :class:`Article` from a plain-text file and its optional ``.meta.json`` sidecar."""
    meta = read_sidecar(path)
    text, encoding = decode_bytes(data, str(path), notes=notes)
    plain = clean_plain_text(text, title=meta.get("title"))
    if not plain.paragraphs:
        raise InputError(f"{path}: no article text after removing the headline and boilerplate")
    url = meta.get("url")
    canonical = canonicalize_url(url) if url else None
    outlet = None
    if meta.get("outlet") or meta.get("outlet_domain"):
        domain = meta.get("outlet_domain") or (domain_of(canonical) if canonical else None)
        outlet = Outlet(name=meta.get("outlet"), domain=domain, url=f"https://{domain}/" if domain else None, language=meta.get("language"))
    elif canonical:
        outlet = Outlet(name=None, domain=domain_of(canonical), url=None, language=meta.get("language"))
    author = meta.get("author")
    if isinstance(author, list):
        author = ", ".join(author)
    authors = [Author(name.strip(), source="sidecar") for name in (author or "").split(",") if name.strip()]
    return Article(
        text=plain.text, source_type="text-file", source=str(path), url=url, canonical_url=canonical,
        title=plain.title, author=author, authors=authors, published=written_to_iso(meta.get("published")),
        published_source="sidecar" if meta.get("published") else None,
        language=meta.get("language"), description=meta.get("description") or plain.description, outlet=outlet,
        raw=RawPage(data, encoding, "text/plain"),
    )
