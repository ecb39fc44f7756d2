"""Tables the ingest stage writes: outlets, articles with their raw HTML and authors, redirects, and errors."""

from __future__ import annotations

from .table import Table

ARTICLE_TABLES: tuple[Table, ...] = (
    Table(
        "outlets",
        {"id": str, "name": str, "domain": str, "url": str, "language": str},
        pk="id",
        description="News outlets (publishers) that articles come from.",
        describe={
            "id": "Stable key: the outlet's domain without www, or a slug of its name",
            "name": "Display name, e.g. Newsy",
            "domain": "Web domain, e.g. newsy.com",
            "url": "Home page URL",
            "language": "Main language (BCP 47), when known",
        },
    ),
    Table(
        "articles",
        {
            "id": str, "url": str, "canonical_url": str, "outlet_id": str, "title": str,
            "author": str, "published": str, "modified": str, "language": str, "section": str,
            "description": str, "text": str, "word_count": int, "text_sha256": str,
            "html_sha256": str, "source_type": str, "source": str, "fetched_at": str,
            "ingested_at": str, "updated_at": str, "extracted_at": str, "extractor": str,
            "published_utc": str, "published_source": str,
        },
        pk="id",
        foreign_keys=(("outlet_id", "outlets", "id"),),
        description="One row per article: its metadata and the main text that extraction ran on.",
        describe={
            "id": "Stable key: hash of the canonical URL (or of the file's text when it has no URL)",
            "url": "URL the article was fetched from (after redirects)",
            "canonical_url": "Canonical URL (rel=canonical / og:url, tracking parameters removed)",
            "outlet_id": "Publisher, see outlets",
            "title": "Headline",
            "author": "Author(s), comma-separated; each one, with role, credentials and source, in article_authors",
            "published": "Publication time, ISO 8601 (timezone-aware when the page says so)",
            "modified": "Last modification time, ISO 8601",
            "language": "Language of the text (BCP 47)",
            "section": "Section of the outlet, e.g. World",
            "description": "Standfirst or meta description",
            "text": "Main text with boilerplate removed; paragraphs separated by blank lines. All offsets point into this",
            "word_count": "Number of words in text",
            "text_sha256": "SHA-256 of text, used to spot the same article under another URL",
            "html_sha256": "SHA-256 of the raw HTML kept in article_html",
            "source_type": "How it arrived: url, feed, sitemap, warc, html-file or text-file",
            "source": "The feed, sitemap, WARC or file it came from",
            "fetched_at": "When it was fetched (UTC, ISO 8601)",
            "ingested_at": "When it was first stored (UTC)",
            "updated_at": "When it was last changed by a re-ingest (UTC)",
            "extracted_at": "When the extract stage last processed it (null: not yet)",
            "extractor": "Model and claimgraph version used by the extract stage",
            "published_utc": (
                "published in UTC as sortable text, YYYY-MM-DDTHH:MM:SSZ (a date alone is its midnight; "
                "null when published is missing or not ISO 8601)"
            ),
            "published_source": (
                "Where published was read: json-ld datePublished, meta article:published_time (or another meta name), time element, url, text, "
                "text under the headline, htmldate, sidecar, ..."
            ),
        },
    ),
    Table(
        "article_html",
        {
            "article_id": str, "content": bytes, "encoding": str, "content_type": str,
            "http_status": int, "etag": str, "last_modified": str, "size": int,
        },
        pk="article_id",
        foreign_keys=(("article_id", "articles", "id"),),
        description="The raw page each article was extracted from, zlib-compressed, kept for provenance and re-extraction.",
        describe={
            "article_id": "The article, see articles",
            "content": "Raw bytes as received, zlib-compressed",
            "encoding": "Character encoding used to decode it",
            "content_type": "HTTP Content-Type (or guessed from the file name)",
            "http_status": "HTTP status of the final response",
            "etag": "ETag header, for conditional re-fetches",
            "last_modified": "Last-Modified header, for conditional re-fetches",
            "size": "Uncompressed size in bytes",
        },
    ),
    Table(
        "article_authors",
        {
            "id": str, "article_id": str, "position": int, "name": str, "role": str, "credentials": str,
            "kind": str, "source": str, "score": float,
        },
        pk="id",
        foreign_keys=(("article_id", "articles", "id"),),
        description="Who wrote (reviewed, edited) each article, one row per person or organisation named in its byline.",
        describe={
            "id": "Stable key: hash of article and position",
            "article_id": "The article, see articles",
            "position": "0 for the first name: authors first, in byline order, then reviewers and editors",
            "name": "The name as the page writes it, credentials removed",
            "role": "author, reviewer or editor",
            "credentials": "Post-nominals and job title the byline gives, e.g. MD or Staff Writer",
            "kind": "person or organisation (the site itself, a team, a desk)",
            "source": (
                "Where the name was found, comma-separated: json-ld, meta, meta-twitter, microdata, hcard, rel-author, "
                "author-link, byline (a byline block), text (a 'By ...' line), sidecar, articles.author (older database)"
            ),
            "score": "Confidence of the candidate (higher is surer; see claimgraph.ingest.bylines)",
        },
    ),
    Table(
        "redirects",
        {"id": str, "article_id": str, "position": int, "from_url": str, "to_url": str, "status": int},
        pk="id",
        foreign_keys=(("article_id", "articles", "id"),),
        description="Each HTTP redirect followed on the way to an article.",
        describe={
            "id": "Stable key: hash of article and position",
            "article_id": "The article, see articles",
            "position": "0 for the first hop",
            "from_url": "URL that answered with a redirect",
            "to_url": "Where it pointed",
            "status": "HTTP status (301, 302, 307, 308)",
        },
    ),
    Table(
        "errors",
        {"id": int, "stage": str, "item": str, "message": str, "at": str, "step": str, "source": str},
        pk="id",
        description="Inputs and items a stage skipped, and why. The rest of the run went on.",
        describe={
            "id": "Row number",
            "stage": "ingest, extract, evidence or link",
            "item": "What was skipped: the URL or path (ingest, evidence), article id (extract) or claim id (link)",
            "message": "What went wrong, in one line",
            "at": "When (UTC)",
            "step": "For ingest, the step that failed: read, robots, fetch, decode, parse, extract or store; or note: the article was stored, with the caveat in message",
            "source": "For ingest, the file, feed, sitemap or URL list the input came from",
        },
    ),
)
