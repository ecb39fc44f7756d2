"""The ingest stage: files, URLs, feeds, sitemaps and WARCs into articles, politely and without duplicates.

HTTP tests run against a real server on 127.0.0.1 started by the ``site`` fixture. It serves
the files in tests/fixtures/ingest/ (``{base}`` replaced by its own address, ``{slug}`` by the
page name) and a few misbehaving routes: 429, 500, redirects, an oversized body, binary data.
"""

from __future__ import annotations

import gzip
import io
import shutil
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from claimgraph.cli import cli
from claimgraph.db import open_db
from claimgraph.errors import InputError
from claimgraph.ingest import FetchPolicy, IngestOptions, run_ingest
from claimgraph.ingest import stage
from claimgraph.ingest.fetch import retry_after_seconds
from claimgraph.ingest.html import ParseError, extract_page
from claimgraph.ingest.sources import sniff_xml
from claimgraph.ingest.store import Article, Outlet, save_outlet
from claimgraph.ingest.text import DecodeError, clean_plain_text, decode_bytes, is_boilerplate_line
from claimgraph.ingest.urls import canonicalize_url

from conftest import FIXTURES, SEED

INGEST = FIXTURES / "ingest"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00" + bytes(200)


class Site:
    """A tiny news site on 127.0.0.1 that counts what it was asked for."""

    def __init__(self):
        self.hits: dict[str, int] = {}
        self.bodies_sent: dict[str, int] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def fixture(self, name: str, slug: str = "") -> bytes:
        text = (INGEST / name).read_text(encoding="utf-8")
        return text.replace("{base}", self.base).replace("{slug}", slug).encode("utf-8")

    def route(self, path: str, headers: dict) -> tuple[int, dict, bytes]:
        """Status, headers and body for a path; the site's whole behaviour is here."""
        html = {"Content-Type": "text/html; charset=utf-8"}
        hits = self.hits.get(path, 0)
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"
        if path.startswith("/world/outage.html"):
            if headers.get("If-None-Match") == '"outage-v1"':
                return 304, {"ETag": '"outage-v1"'}, b""
            return 200, {**html, "ETag": '"outage-v1"'}, self.fixture("outage.html")
        if path.startswith("/story/") or path.startswith("/private/"):
            slug = path.rsplit("/", 1)[-1].removesuffix(".html")
            return 200, html, self.fixture("story.html", slug)
        if path == "/feed.xml":
            return 200, {"Content-Type": "application/rss+xml"}, self.fixture("feed.xml")
        if path == "/sitemap-index.xml":
            return 200, {"Content-Type": "application/xml"}, self.fixture("sitemap-index.xml")
        if path == "/sitemaps/news.xml":
            return 200, {"Content-Type": "application/xml"}, self.fixture("sitemap-news.xml")
        if path == "/sitemaps/pages.xml.gz":
            return 200, {"Content-Type": "application/x-gzip"}, gzip.compress(self.fixture("sitemap-pages.xml"))
        if path == "/busy.html":  # rate limited on the first try
            if hits == 0:
                return 429, {"Retry-After": "1"}, b"slow down"
            return 200, html, self.fixture("story.html", "busy")
        if path == "/broken.html":
            return 500, html, b"internal error"
        if path == "/old-link":
            return 301, {"Location": "/moved"}, b""
        if path == "/moved":
            return 302, {"Location": f"{self.base}/story/final.html"}, b""
        if path == "/huge.html":
            return 200, html, b"<html><body><p>" + b"word " * 40_000 + b"</p></body></html>"
        if path == "/image.html":
            return 200, html, PNG
        if path == "/photo.png":
            return 200, {"Content-Type": "image/png"}, PNG
        if path == "/bad-feed.xml":
            return 200, {"Content-Type": "application/rss+xml"}, self.fixture("invalid-feed.xml")
        if path == "/cp1252.html":  # no charset in the header: the meta tag says it
            body = self.fixture("story.html", "caf\u00e9 \u2013 na\u00efve").replace(b'charset="utf-8"', b'charset="windows-1252"')
            return 200, {"Content-Type": "text/html"}, body.decode("utf-8").encode("cp1252")
        if path == "/lying-charset.html":  # the header says UTF-8 but the bytes are windows-1252
            body = self.fixture("story.html", "caf\u00e9 \u2013 lies").replace(b'<meta charset="utf-8">', b"")
            return 200, html, body.decode("utf-8").encode("cp1252")
        if path == "/shift-jis.html":
            body = self.fixture("story.html", "\u6771\u4eac").replace(b'charset="utf-8"', b'charset="shift_jis"')
            return 200, {"Content-Type": "text/html; charset=Shift_JIS"}, body.decode("utf-8").encode("shift_jis")
        if path == "/truncated.html":
            return 200, html, self.fixture("truncated.html")
        return 404, html, b"not found"

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                status, headers, body = site.route(self.path, dict(self.headers))
                site.hits[self.path] = site.hits.get(self.path, 0) + 1
                if status == 200:
                    site.bodies_sent[self.path] = site.bodies_sent.get(self.path, 0) + 1
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if self.path != "/huge.html":  # no Content-Length: the size limit must cut the stream
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def empty_db_file(tmp_path_factory) -> Path:
    """A database with its shape made once; creating one takes a second or more on a busy machine."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    open_db(path).conn.close()
    return path


@pytest.fixture
def db(empty_db_file, tmp_path):
    """A fresh copy of the empty database for each test (overrides conftest's ``db``)."""
    path = tmp_path / "test.db"
    shutil.copyfile(empty_db_file, path)
    return open_db(path)


@pytest.fixture
def site():
    with Site() as running:
        yield running


def options(**overrides) -> IngestOptions:
    """Options for tests: loopback allowed, no politeness delays, quick retries; overrides for either level."""
    policy = {key: overrides.pop(key) for key in list(overrides) if key in FetchPolicy.__dataclass_fields__ and key != "allow_private"}
    fetch = FetchPolicy(**{"host_delay": 0, "backoff": 0.01, "retries": 2, "timeout": 5, **policy})
    return IngestOptions(**{"allow_private": True, "progress": False, **overrides}, fetch=fetch)


def db_path_of(db) -> Path:
    return Path(db.execute("PRAGMA database_list").fetchone()[2])


def rows(db, sql, params=()):
    return [tuple(row) for row in db.execute(sql, params).fetchall()]


# ----------------------------------------------------------------------------- plain-text files


def test_seed_text_file_keeps_only_the_body(db):
    report = run_ingest(db, [str(SEED)], options())
    article = next(db["articles"].rows)
    assert report.new == 1
    assert article["title"] == "N. Korea Faces Internet Outage, U.N. Debate After Sony Hack"
    assert article["text"].startswith("Days after the FBI named North Korea")
    assert article["text"].endswith("North Korea's Internet access had been restored.")
    assert article["description"].startswith("Days after the U.S. accused North Korea")
    for boilerplate in ("Getty Images", "Featured Stories", "Want to see more", "Facebook", "Tom Perez"):
        assert boilerplate not in article["text"]
    assert "\n\n" in article["text"] and "\n\n\n" not in article["text"]
    assert article["outlet_id"] == "newsy.com" and article["published"] == "2014-12-23"
    assert not list(db_path_of(db).parent.glob("*.http-cache")), "a run over local files needs no HTTP cache"


def test_text_rules_are_general_not_the_seeds():
    plain = clean_plain_text((INGEST / "briefing.txt").read_text(), title="Harbour Reopens After Storms")
    assert plain.description == "A week of storms had closed the port to all traffic."
    assert plain.paragraphs == [
        "The harbour reopened on Friday after a week of storms that closed the port to all traffic, the port authority said.",
        '"We inspected every berth before letting the first ship in," a spokesperson told reporters.',
    ]


@pytest.mark.parametrize(
    "line",
    [
        "This video includes images from Getty Images.",
        "Photo: Reuters",
        "Image courtesy of the city council",
        "Like The Coast Courier on Facebook for More Coverage",
        "Follow us on Twitter",
        "Share | Tweet | Email",
        "Sign up for our daily newsletter to get the top stories in your inbox.",
        "Thanks for signing up!",
        "Like this story? Share it with a friend!",
        "Write to Ann Lee at ann.lee@example.com",
        "© 2014 The Daily Packet. All rights reserved.",
        "Read more »",
        "Opening Image Credits: Design by Ann Lee | Photo by Bo Chen",
        "* To unsubscribe at any time, use the link in the footer of our emails.",
        "Updated: May 5, 2021 at 3:04 p.m. ET",
        "Originally posted February 2017",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Copyright lawsuits against the studio were filed in 2014.",
        "The photo agency said its images were used without permission.",
        "Follow-up talks are planned for Monday, the ministry said.",
        "She told reporters to share the document with investigators.",
        "Image credits matter to photographers, the union said on Monday.",
        "On January 31, 2024 the council met again.",
    ],
)
def test_article_sentences_are_not_boilerplate(line):
    assert not is_boilerplate_line(line)


def test_a_subheading_that_looks_like_a_related_header_is_kept():
    text = "Protesters gathered outside parliament on Saturday.\n\nMore news\n\nThousands marched again on Sunday, the police said."
    assert clean_plain_text(text).paragraphs == [
        "Protesters gathered outside parliament on Saturday.", "More news", "Thousands marched again on Sunday, the police said."
    ]


def test_text_file_id_is_a_hash_of_its_text_so_reingest_is_idempotent(db, tmp_path):
    copy = tmp_path / "elsewhere" / "briefing.txt"
    copy.parent.mkdir()
    copy.write_bytes((INGEST / "briefing.txt").read_bytes())
    copy.with_name("briefing.meta.json").write_bytes((INGEST / "briefing.meta.json").read_bytes())
    run_ingest(db, [str(INGEST / "briefing.txt")], options())
    first = next(db["articles"].rows)
    report = run_ingest(db, [str(copy)], options())
    assert report.unchanged == 1 and report.new == 0
    assert db["articles"].count == 1
    assert next(db["articles"].rows)["updated_at"] == first["updated_at"]
    assert first["author"] == "Sam Reyes" and first["outlet_id"] == "coastcourier.example"


def test_changed_text_updates_the_same_article(db, tmp_path):
    page = tmp_path / "page.html"
    page.write_text((INGEST / "outage.html").read_text().replace("{base}", "https://packet.example"))
    run_ingest(db, [str(page)], options())
    page.write_text(page.read_text().replace("nine hours before", "ten hours before"))
    report = run_ingest(db, [str(page)], options())
    assert report.updated == 1 and db["articles"].count == 1
    assert "ten hours" in next(db["articles"].rows)["text"]


def test_saved_page_without_an_address_is_identified_by_its_text(db, tmp_path):
    page = tmp_path / "saved.html"
    page.write_text(page_with("<title>Harbour repairs approved</title>", "<h1>Harbour repairs approved</h1>"))
    run_ingest(db, [str(page)], options())
    article = next(db["articles"].rows)
    assert (article["url"], article["canonical_url"], article["outlet_id"]) == (None, None, None)
    assert article["id"] == Article(text=article["text"], source_type="html-file", source=str(page)).id
    assert article["source"] == str(page)


def test_outlet_keeps_what_is_known_and_fills_in_the_rest(db):
    save_outlet(db, Outlet(name=None, domain="www.packet.example"))
    save_outlet(db, Outlet(name="The Daily Packet", domain="packet.example", language="en"))
    save_outlet(db, Outlet(name="Packet", domain="packet.example", language="fr"))
    assert db["outlets"].get("packet.example") == {
        "id": "packet.example", "name": "The Daily Packet", "domain": "www.packet.example", "url": None, "language": "en"
    }


# ----------------------------------------------------------------------------- bad local input


def test_bad_files_are_recorded_and_the_rest_is_ingested(db, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.html").write_bytes(PNG)
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    (tmp_path / "junk.warc").write_bytes(b"this is not an archive\n" * 10)
    (tmp_path / "good.html").write_text((INGEST / "outage.html").read_text().replace("{base}", "https://packet.example"))
    missing = tmp_path / "nowhere.html"
    report = run_ingest(db, [str(tmp_path), str(missing)], options())
    assert report.new == 1
    errors = dict(rows(db, "select item, step from errors where stage = 'ingest'"))
    assert errors == {
        str(tmp_path / "empty.txt"): "decode",
        str(tmp_path / "photo.html"): "decode",
        str(tmp_path / "empty.warc.gz"): "parse",
        str(tmp_path / "junk.warc"): "parse",
        str(missing): "read",
    }
    assert f"{missing}: no such file or folder" in report.error_lines()
    assert any(line == f"{tmp_path / 'empty.warc.gz'}: empty WARC file" for line in report.error_lines())


def test_a_sidecar_with_wrong_types_is_an_error_naming_it(db, tmp_path):
    (tmp_path / "story.txt").write_text((INGEST / "briefing.txt").read_text())
    (tmp_path / "story.meta.json").write_text('{"title": 42}')
    report = run_ingest(db, [str(tmp_path / "story.txt")], options())
    assert report.error_lines() == [f"{tmp_path / 'story.txt'}: {tmp_path / 'story.meta.json'}: 'title' must be text"]


def test_cli_exits_non_zero_only_when_nothing_was_ingested(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(tmp_path / "a.db"), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "Error: nothing could be ingested" in result.output
    result = runner.invoke(cli, ["ingest", str(tmp_path / "a.db"), str(SEED), str(tmp_path / "missing.txt")])
    assert result.exit_code == 0
    assert "1 new" in result.output


def test_bad_since_option_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "a.db"), str(SEED), "--since", "yesterday"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: --since 'yesterday': expected a date as YYYY-MM-DD"


def test_warc_pages_are_ingested(db, tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, content_type, body in (
            ("https://packet.example/world/outage.html", "text/html; charset=utf-8",
             (INGEST / "outage.html").read_text().replace("{base}", "https://packet.example").encode()),
            ("https://packet.example/logo.png", "image/png", PNG),
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    report = run_ingest(db, [str(path)], options())
    assert report.new == 1
    article = next(db["articles"].rows)
    assert article["source_type"] == "warc" and article["canonical_url"] == "https://packet.example/world/outage.html"


# ----------------------------------------------------------------------------- HTML extraction


def test_page_metadata_comes_from_json_ld_graph_and_opengraph():
    page = extract_page((INGEST / "outage.html").read_text().replace("{base}", "https://packet.example"), url="https://packet.example/x")
    meta = page.metadata
    assert meta.title == "Internet outage hits island nation for nine hours"
    assert meta.authors == ["Alice Moreau", "Bo Chen"]
    assert meta.published == "2014-12-23T09:30:00-05:00"
    assert meta.modified == "2014-12-23T14:00:00-05:00"
    assert (meta.language, meta.section, meta.site_name) == ("en-GB", "World", "The Daily Packet")
    assert meta.canonical_url == "https://packet.example/world/outage.html"


def test_main_text_drops_navigation_share_bars_credits_prompts_and_related_stories():
    page = extract_page((INGEST / "outage.html").read_text().replace("{base}", "https://packet.example"))
    assert page.paragraphs[0].startswith("The country's limited internet access")
    assert "A basic attack" in page.paragraphs
    assert page.paragraphs[-1].startswith("Government spokespeople declined")
    for boilerplate in ("Home", "Tweet", "Getty", "newsletter", "Cable cut", "rights reserved"):
        assert boilerplate not in page.text


def page_with(head: str, body: str) -> str:
    paragraph = "<p>" + "The committee met again on Thursday to discuss the harbour repairs and their cost. " * 4 + "</p>"
    return f"<html><head>{head}</head><body>{body}<article>{paragraph * 3}</article></body></html>"


def test_headline_is_the_h1_when_it_agrees_with_the_metadata_title():
    html = page_with("<title>Harbour repairs approved | Coast Courier</title>", "<h1>Harbour repairs approved</h1>")
    assert extract_page(html).metadata.title == "Harbour repairs approved"
    logo = page_with("<title>Harbour repairs approved - Coast Courier</title>", "<h1>Coast Courier</h1>")
    assert extract_page(logo).metadata.title == "Harbour repairs approved"


@pytest.mark.parametrize(
    "byline", ['<p class="meta">By Mara Quist</p>', '<div><span>Written by</span><span>Mara Quist</span></div>']
)
def test_byline_in_the_text_names_the_author_when_metadata_does_not(byline):
    assert extract_page(page_with("<title>Harbour</title>", byline)).metadata.authors == ["Mara Quist"]


def test_published_date_is_the_one_the_page_shows_readers():
    ld = '<script type="application/ld+json">{"@type": "Article", "datePublished": "2020-01-01", "dateModified": "2021-05-05"}</script>'
    updated_only = page_with(ld, "<p>Updated May 5, 2021</p>")
    assert extract_page(updated_only).metadata.published == "2021-05-05"
    both = page_with(ld, "<p>Published January 1, 2020. Updated May 5th, 2021</p>")
    assert extract_page(both).metadata.published == "2020-01-01"


def test_page_without_date_metadata_takes_the_first_date_in_its_text():
    assert extract_page(page_with("<title>Harbour</title>", "<p>Posted 5 March 2019</p>")).metadata.published == "2019-03-05"


def test_canonical_url_strips_tracking_and_fragments():
    assert canonicalize_url("HTTPS://News.Example:443/a?utm_source=x&id=2&fbclid=y#top") == "https://news.example/a?id=2"


def test_declared_charset_that_does_not_fit_is_not_trusted():
    page = '<html lang="fr"><body><p>café – naïve</p></body></html>'
    assert decode_bytes(page.encode("cp1252"), "page", declared="utf-8") == (page, "cp1252")
    with pytest.raises(DecodeError, match="^page: binary content"):
        decode_bytes(PNG, "page")


# ----------------------------------------------------------------------------- over HTTP


def test_feed_entries_become_articles_within_the_date_window(db, site):
    report = run_ingest(db, [f"{site.base}/feed.xml"], options(since="2014-12-01"))
    assert report.new == 2 and report.failed == 0
    urls = {row[0] for row in rows(db, "select canonical_url from articles")}
    assert urls == {f"{site.base}/world/outage.html", f"{site.base}/story/feed-1.html"}
    assert "/story/feed-old.html" not in site.hits
    outage = db["articles"].get(next(iter(rows(db, "select id from articles where title like 'Internet%'")))[0])
    assert outage["source_type"] == "feed" and outage["source"] == f"{site.base}/feed.xml"
    assert outage["author"] == "Alice Moreau, Bo Chen" and outage["outlet_id"] == "127.0.0.1"
    raw = db["article_html"].get(outage["id"])
    assert zlib.decompress(raw["content"]) == site.fixture("outage.html")
    assert (raw["encoding"], raw["content_type"], raw["etag"]) == ("utf-8", "text/html", '"outage-v1"')


def test_a_saved_feed_file_is_read_like_a_fetched_one(db, site, tmp_path):
    saved = tmp_path / "feed.xml"
    saved.write_bytes(site.fixture("feed.xml"))
    report = run_ingest(db, [str(saved)], options(since="2014-12-01"))
    assert report.new == 2
    assert {row[0] for row in rows(db, "select source from articles")} == {str(saved)}


def test_sitemap_index_leads_to_articles_with_news_dates_filtered(db, site):
    report = run_ingest(db, [f"{site.base}/sitemap-index.xml"], options(since="2014-01-01", until="2014-12-31"))
    urls = {row[0] for row in rows(db, "select canonical_url from articles")}
    assert urls == {f"{site.base}/story/news-1.html", f"{site.base}/story/page-1.html"}
    assert report.new == 2 and "/story/news-old.html" not in site.hits


def test_robots_txt_disallow_is_honoured(db, site):
    report = run_ingest(db, [f"{site.base}/private/secret.html", f"{site.base}/story/public.html"], options())
    assert report.skipped_robots == 1 and report.new == 1
    assert "/private/secret.html" not in site.hits
    assert rows(db, "select step, message from errors where stage = 'ingest'") == [("robots", "disallowed by robots.txt")]


def test_429_is_retried_after_the_servers_retry_after(db, site):
    report = run_ingest(db, [f"{site.base}/busy.html"], options())
    assert report.new == 1 and site.hits["/busy.html"] == 2


def test_500_is_retried_then_recorded_as_a_failure(db, site):
    report = run_ingest(db, [f"{site.base}/broken.html", f"{site.base}/story/fine.html"], options(retries=2))
    assert site.hits["/broken.html"] == 3
    assert report.failed == 1 and report.new == 1
    assert report.error_lines() == [f"{site.base}/broken.html: HTTP 500 after 2 retries"]
    assert rows(db, "select item, step from errors where stage = 'ingest'") == [(f"{site.base}/broken.html", "fetch")]


def test_redirect_chain_is_followed_and_recorded(db, site):
    run_ingest(db, [f"{site.base}/old-link"], options())
    article = next(db["articles"].rows)
    assert article["url"] == f"{site.base}/story/final.html"
    assert rows(db, "select position, from_url, to_url, status from redirects order by position") == [
        (0, f"{site.base}/old-link", f"{site.base}/moved", 301),
        (1, f"{site.base}/moved", f"{site.base}/story/final.html", 302),
    ]


def test_oversized_body_is_cut_off_with_an_error(db, site):
    report = run_ingest(db, [f"{site.base}/huge.html"], options(max_bytes=50_000))
    assert report.failed == 1 and db["articles"].count == 0
    assert "larger than the 50000-byte limit" in report.error_lines()[0]


def test_unchanged_page_comes_back_304_and_is_not_downloaded_again(db, site):
    url = f"{site.base}/world/outage.html"
    run_ingest(db, [url], options())
    before = next(db["articles"].rows)
    report = run_ingest(db, [url], options())
    assert (report.fetched, report.cached, report.unchanged) == (0, 1, 1)
    assert site.hits["/world/outage.html"] == 2 and site.bodies_sent["/world/outage.html"] == 1
    assert (db_path_of(db).parent / "test.db.http-cache" / "http-cache.sqlite").exists()
    assert next(db["articles"].rows)["updated_at"] == before["updated_at"]


def test_same_canonical_under_another_url_is_not_duplicated(db, site):
    report = run_ingest(db, [f"{site.base}/world/outage.html", f"{site.base}/world/outage.html-amp?utm_campaign=x"], options())
    assert db["articles"].count == 1
    assert report.new == 1 and report.unchanged == 1


def test_malformed_remote_input_is_recorded_and_the_rest_is_ingested(db, site):
    sources = [f"{site.base}/{name}" for name in ("bad-feed.xml", "image.html", "missing.html", "truncated.html", "story/ok.html")]
    report = run_ingest(db, sources, options())
    stages = dict(rows(db, "select item, step from errors where stage = 'ingest'"))
    assert stages == {f"{site.base}/bad-feed.xml": "parse", f"{site.base}/image.html": "decode", f"{site.base}/missing.html": "fetch"}
    assert report.new == 2
    truncated = db.execute("select text from articles where canonical_url like '%truncated%'").fetchone()[0]
    assert truncated.startswith("This page was cut off in transit")


@pytest.mark.parametrize(
    "path, expected",
    [("/cp1252.html", "café – naïve"), ("/lying-charset.html", "café – lies"), ("/shift-jis.html", "東京")],
)
def test_pages_in_other_encodings_are_decoded(db, site, path, expected):
    report = run_ingest(db, [f"{site.base}{path}"], options())
    assert report.new == 1, report.error_lines()
    assert expected in next(db["articles"].rows)["text"]


def test_other_content_types_are_refused_without_downloading_them(db, site):
    report = run_ingest(db, [f"{site.base}/photo.png"], options())
    assert report.error_lines() == [f"{site.base}/photo.png: unsupported content type image/png"]


def test_cli_fails_when_robots_txt_skipped_everything(site, tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "a.db"), f"{site.base}/private/x.html", "--allow-private"])
    assert result.exit_code == 1
    assert f"Skipped: {site.base}/private/x.html: disallowed by robots.txt" in result.output
    assert "0 fetched, 0 cached, 1 skipped by robots.txt, 0 failed" in result.output


def test_private_addresses_are_refused_by_default(db, site):
    report = run_ingest(db, [f"{site.base}/story/x.html"], options(allow_private=False))
    assert report.failed == 1 and site.hits == {}
    assert "non-public address" in report.error_lines()[0]


@pytest.mark.parametrize("url", ["http://localhost:9/", "http://[::1]:9/", "http://10.0.0.8/"])
def test_loopback_and_private_targets_are_refused_before_connecting(db, url):
    report = run_ingest(db, [url], options(allow_private=False))
    assert report.failed == 1
    assert "is a non-public address" in report.error_lines()[0] and "--allow-private" in report.error_lines()[0]


def test_a_malformed_url_is_one_skipped_input(db, site):
    report = run_ingest(db, ["http://example.com:99999/story", f"{site.base}/story/fine.html"], options())
    assert report.new == 1
    assert report.error_lines() == ["http://example.com:99999/story: invalid port in URL"]


def test_a_killed_run_resumes_without_duplicates(db, site, monkeypatch):
    sources = [f"{site.base}/story/one.html", f"{site.base}/story/two.html", f"{site.base}/world/outage.html"]
    save = stage.save_article
    calls = []

    def dies_on_second_article(db, article):
        calls.append(article.url)
        if len(calls) == 2:
            raise RuntimeError("killed")
        return save(db, article)

    monkeypatch.setattr(stage, "save_article", dies_on_second_article)
    with pytest.raises(Exception, match="killed|unhandled errors"):
        run_ingest(db, sources, options(concurrency=1))
    monkeypatch.setattr(stage, "save_article", save)
    assert db["articles"].count == 1
    report = run_ingest(db, sources, options())
    assert db["articles"].count == 3
    assert report.new == 2 and report.unchanged == 1
    assert len({row[0] for row in rows(db, "select canonical_url from articles")}) == 3


def test_source_list_file_mixes_kinds(db, site, tmp_path):
    listing = tmp_path / "sources.txt"
    listing.write_text(f"# coverage of the outage\n{SEED}\n\n{site.base}/story/listed.html\n@{tmp_path / 'sources.txt'}\n")
    report = run_ingest(db, [f"@{listing}"], options())
    assert report.new == 2
    assert report.error_lines() == []


# ----------------------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_fail_with_a_decode_error(data):
    try:
        text, encoding = decode_bytes(data, "input")
    except DecodeError as error:
        assert str(error).startswith("input: ")
    else:
        assert isinstance(text, str) and encoding


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcpdivh1&;#\n")) | st.characters(), max_size=400))
def test_any_markup_extracts_or_fails_with_a_parse_error(markup):
    try:
        page = extract_page(markup, name="page")
    except ParseError as error:
        assert str(error).startswith("page: ")
    else:
        assert page.paragraphs and all(p.strip() == p and p for p in page.paragraphs)


@settings(max_examples=100, deadline=None)
@given(st.from_regex(r"https?://[a-zA-Z0-9.-]{1,20}(:[0-9]{1,4})?(/[a-z0-9_~.-]{0,8}){0,3}(\?([a-z_]{1,8}=[a-z0-9]{0,5}&?){0,3})?(#[a-z]{0,4})?", fullmatch=True))
def test_canonical_urls_are_stable(url):
    try:
        once = canonicalize_url(url)
    except InputError:
        assert not urlsplit(url).hostname.strip("."), f"{url} was refused but has a host"
        return
    assert canonicalize_url(once) == once
    assert "utm_" not in once and "#" not in once


def test_retry_after_is_read_as_seconds_or_an_http_date():
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: retry now
    assert retry_after_seconds("soon") is None


def test_xml_bodies_are_told_apart_by_their_root_element():
    assert sniff_xml(b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>') == "feed"
    assert sniff_xml(b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>') == "feed"
    assert sniff_xml(b'<?xml version="1.0"?><sitemapindex xmlns="x"/>') == "sitemap"
    assert sniff_xml(b"<!DOCTYPE html><html><body>page</body></html>") is None


def test_a_malformed_canonical_link_is_ignored_not_fatal():
    page = extract_page(
        "<html><head><title>Dam opens</title><link rel='canonical' href='http://:99999/x'></head><body><article>"
        "<p>The new dam opened on Monday after six years of building, officials said at the site.</p>"
        "<p>It holds enough water for the whole valley through a dry summer, engineers told reporters.</p>"
        "</article></body></html>",
        url="https://example.org/news/dam",
    )
    assert page.metadata.canonical_url is None
