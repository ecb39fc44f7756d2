"""Hostile and careless input (issue 16): each bad input is one error naming it, the rest of the run goes on,
nothing is stored half-way, and every size limit holds (HTTP, local files, archives, decompression, YAML).

Inputs are generated here; HTTP goes to a server on 127.0.0.1 that serves whatever a test puts in ``routes``.
"""

from __future__ import annotations

import bz2
import gzip
import io
import os
import shutil
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.db import open_db
from claimgraph.errors import EvidenceFormatError
from claimgraph.evidence import import_evidence
from claimgraph.ingest import FetchPolicy, IngestOptions, run_ingest
from claimgraph.ingest import html as html_module
from claimgraph.ingest.html import extract_page
from claimgraph.ingest.text import decode_bytes

PARAGRAPHS = (
    "The regional grid operator said on Monday that power returned to the northern valley after a storm.",
    "Crews worked through the night to replace two transmission towers that the wind had brought down.",
    "Officials said schools would reopen on Wednesday once the water pumps were running again.",
)


def page(slug: str, head: str = "", body_before: str = "", body_after: str = "") -> str:
    """A small fictional news page with its own address and three paragraphs."""
    paragraphs = "".join(f"<p>{text} ({slug})</p>" for text in PARAGRAPHS)
    return (
        f"<html lang='en'><head><meta charset='utf-8'><title>Storm repairs {slug}</title>"
        f"<link rel='canonical' href='https://valley.example/news/{slug}'>{head}</head>"
        f"<body>{body_before}<article><h1>Storm repairs {slug}</h1>{paragraphs}</article>{body_after}</body></html>"
    )


class Server:
    """Serves ``routes[path] = (headers, body)`` on 127.0.0.1; anything else is a 404."""

    def __init__(self):
        self.routes: dict[str, tuple[dict, bytes]] = {"/robots.txt": ({"Content-Type": "text/plain"}, b"")}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                headers, body = server.routes.get(self.path, ({}, None))
                self.send_response(200 if body is not None else 404)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args):
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.http.server_port}"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def close(self):
        self.http.shutdown()
        self.http.server_close()


@pytest.fixture
def server():
    running = Server()
    yield running
    running.close()


@pytest.fixture
def db(empty_db_file, tmp_path):
    path = tmp_path / "test.db"
    shutil.copyfile(empty_db_file, path)
    return open_db(path)


def options(**policy) -> IngestOptions:
    fetch = FetchPolicy(**{"host_delay": 0, "backoff": 0.01, "retries": 0, "timeout": 5, **policy})
    return IngestOptions(allow_private=True, progress=False, use_cache=False, fetch=fetch)


def stored_urls(db) -> set[str]:
    return {row[0] for row in db.execute("select canonical_url from articles").fetchall()}


def ingest_errors(db) -> list[tuple[str, str, str]]:
    return [tuple(row) for row in db.execute("select item, step, message from errors where stage = 'ingest' order by id").fetchall()]


HTML = {"Content-Type": "text/html; charset=utf-8"}


# ----------------------------------------------------------------------------- runs that died on one input


def test_a_page_with_json_ld_nested_a_thousand_deep_does_not_stop_the_feed(db, server):
    deep = '<script type="application/ld+json">' + '{"@graph": [' * 1000 + "{}" + "]}" * 1000 + "</script>"
    items = []
    for index in range(5):
        head = deep if index == 2 else ""
        server.routes[f"/news/{index}"] = (HTML, page(f"n{index}", head=head).encode())
        items.append(f"<item><title>Story {index}</title><link>{server.base}/news/{index}</link></item>")
    feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Valley</title>{''.join(items)}</channel></rss>"
    server.routes["/feed.xml"] = ({"Content-Type": "application/rss+xml"}, feed.encode())
    report = run_ingest(db, [f"{server.base}/feed.xml"], options())
    assert report.new == 5 and report.errors == []
    assert extract_page(page("x", head=deep)).metadata.title == "Storm repairs x"


def _warc(path: Path, pages: list[tuple[str, str]], gzip_members: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip_members)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers))


@pytest.fixture
def two_page_warc(tmp_path):
    pages = [(f"https://valley.example/news/{slug}", page(slug)) for slug in ("first", "second")]
    plain, packed = tmp_path / "full.warc", tmp_path / "full.warc.gz"
    _warc(plain, pages, gzip_members=False)
    _warc(packed, pages, gzip_members=True)
    return plain.read_bytes(), packed.read_bytes()


@pytest.mark.parametrize("where", ["record header", "record body", "last gzip member"])
def test_a_cut_warc_is_an_error_and_its_cut_record_is_not_an_article(db, tmp_path, two_page_warc, where):
    plain, packed = two_page_warc
    second = plain.index(b"WARC/1", 10)
    if where == "record header":
        data, name = plain[: second + 60], "cut.warc"
    elif where == "record body":
        data, name = plain[: len(plain) - 700], "cut.warc"  # inside the second page's paragraphs
    else:
        data, name = packed[: len(packed) - 400], "cut.warc.gz"
    cut = tmp_path / name
    cut.write_bytes(data)
    report = run_ingest(db, [str(cut)], options())
    assert stored_urls(db) == {"https://valley.example/news/first"}
    assert report.failed == 1 and len(report.errors) == 1
    item, reason = report.errors[0]
    assert item in (str(cut), "https://valley.example/news/second")
    assert str(cut) in reason or item == str(cut)
    assert "\n" not in reason


@pytest.mark.skipif(os.uname().sysname == "Darwin", reason="macOS refuses file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_one_skipped_input(db, tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "good.html").write_text(page("good"))
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.html"), "w") as handle:
        handle.write(page("latin"))
    report = run_ingest(db, [str(folder)], options())
    assert stored_urls(db) == {"https://valley.example/news/good"}
    assert report.error_lines() == [f"{folder}/caf\\xe9.html: file name is not valid UTF-8; rename it to ingest it"]


def evidence_cli(db_path: Path, *files: Path):
    return CliRunner().invoke(cli, ["evidence", "import", str(db_path), *map(str, files)])


FIGURES = (
    "title: Valley outages\nfigures:\n"
    "  - {id: f1, kind: outage, subject: KP, value: 60, unit: s, citation: {url: 'https://valley.example/r', date: 2014-12-23}}\n"
)


def test_broken_compressed_evidence_is_one_error_each_and_later_files_are_imported(tmp_path):
    files = {
        "random.json.gz": b"\x1f\x8b" + os.urandom(300),
        "random.json.bz2": b"BZh9" + os.urandom(300),
        "cut.yml.gz": gzip.compress(FIGURES.encode() * 40)[:-25],
        "cut.yml.bz2": bz2.compress(FIGURES.encode())[:-20],
        "z-good.yml": FIGURES.encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    db_path = tmp_path / "e.db"
    result = evidence_cli(db_path, *(tmp_path / name for name in files))
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert "Aborted" not in result.output and "Traceback" not in result.output
    assert lines[-1] == "Imported 1 measurement from z-good.yml (figures)"
    errors = lines[:-1]
    assert len(errors) == 4
    for line, name in zip(errors, files):
        assert line.startswith(f"Error: {tmp_path / name}: offset ") and "truncated or corrupt compressed data" in line
    assert open_db(db_path).execute("select count(*) from evidence_sources").fetchone()[0] == 1


def test_deeply_nested_json_evidence_is_an_error_naming_the_file(db, tmp_path):
    deep = tmp_path / "events.json"
    deep.write_text('{"type": "outages.events", "data": [' + "[" * 5000 + "]" * 5000 + "]}")
    with pytest.raises(EvidenceFormatError, match=r"events\.json: \$: JSON nested too deeply"):
        import_evidence(db, deep)
    assert db.execute("select count(*) from measurements").fetchone()[0] == 0


# ----------------------------------------------------------------------------- limits


def test_gzip_by_magic_over_http_is_decompressed_only_up_to_max_bytes(db, server):
    urls = "".join(f"<url><loc>{server.base}/news/{i}</loc></url>" for i in range(40_000))
    sitemap = f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>"
    bomb = gzip.compress(sitemap.encode() + b" " * 3_000_000)
    assert len(bomb) < 200_000
    server.routes["/sitemap.xml"] = ({"Content-Type": "application/octet-stream"}, bomb)
    report = run_ingest(db, [f"{server.base}/sitemap.xml"], options(max_bytes=500_000))
    assert report.error_lines() == [f"{server.base}/sitemap.xml: gzip data expands beyond the 500000-byte limit"]


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "gzip, gzip"])
def test_content_encoding_is_decoded_only_up_to_max_bytes(db, server, encoding):
    body = page("big", body_after="<p>" + "x" * 2_000_000 + "</p>").encode()
    packed = zlib.compress(body) if encoding == "deflate" else gzip.compress(body)
    if encoding == "gzip, gzip":
        packed = gzip.compress(packed)
    server.routes["/big"] = ({**HTML, "Content-Encoding": encoding}, packed)
    server.routes["/small"] = ({**HTML, "Content-Encoding": "gzip"}, gzip.compress(page("small").encode()))
    report = run_ingest(db, [f"{server.base}/big", f"{server.base}/small"], options(max_bytes=1_000_000))
    assert stored_urls(db) == {"https://valley.example/news/small"}
    expected = "unsupported Content-Encoding 'gzip, gzip'" if "," in encoding else "response is larger than the 1000000-byte limit; cut off"
    assert report.error_lines() == [f"{server.base}/big: {expected}"]


def test_max_bytes_applies_to_local_files_and_gzipped_listings(db, tmp_path):
    (tmp_path / "big.html").write_text(page("big", body_after="<p>" + "word " * 50_000 + "</p>"))
    (tmp_path / "small.html").write_text(page("small"))
    listing = "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>" + " " * 400_000 + "</urlset>"
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(listing.encode()))
    report = run_ingest(db, [str(tmp_path)], options(max_bytes=100_000))
    assert stored_urls(db) == {"https://valley.example/news/small"}
    assert sorted(report.error_lines()) == [
        f"{tmp_path / 'big.html'}: file of {(tmp_path / 'big.html').stat().st_size} bytes is larger than the 100000-byte limit (--max-bytes)",
        f"{tmp_path / 'sitemap.xml.gz'}: gzip data expands beyond the 100000-byte limit",
    ]


def test_a_warc_record_body_over_max_bytes_is_an_error(db, tmp_path):
    path = tmp_path / "crawl.warc"
    _warc(path, [("https://valley.example/news/huge", page("huge", body_after="<p>" + "word " * 40_000 + "</p>"))], gzip_members=False)
    report = run_ingest(db, [str(path)], options(max_bytes=100_000))
    assert stored_urls(db) == set()
    assert report.error_lines() == [
        f"{path}: record for https://valley.example/news/huge: body is larger than the 100000-byte limit (--max-bytes)"
    ]


@pytest.mark.parametrize("limit, value", [("FULL_EXTRACTION_MAX_CHARS", 2_000), ("FULL_EXTRACTION_MAX_ELEMENTS", 60)])
def test_a_page_too_large_for_full_extraction_is_read_from_its_paragraphs_with_a_note(db, tmp_path, monkeypatch, limit, value):
    monkeypatch.setattr(html_module, limit, value)
    menu = "<nav><ul>" + "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(40)) + "</ul></nav>"
    path = tmp_path / "long.html"
    path.write_text(page("long", body_before=menu))
    report = run_ingest(db, [str(path)], options())
    assert report.new == 1
    (text,) = db.execute("select text from articles").fetchone()
    assert text.split("\n\n") == [f"{paragraph} (long)" for paragraph in PARAGRAPHS]
    (note,) = report.note_lines()
    assert "is over the limit for full main-text extraction" in note and "text read from its paragraphs" in note
    assert [stage for _, stage, _ in ingest_errors(db)] == ["note"]


def test_text_nested_below_256_elements_is_kept_and_deeper_than_the_parser_allows_is_noted():
    nest = 300
    deep = page("deep", body_before="<div>" * nest + "<p>Text inside the nest stays part of the page.</p>" + "</div>" * nest)
    found = extract_page(deep)
    assert any("(deep)" in paragraph for paragraph in found.paragraphs)  # the article after the nest, too
    assert found.notes == []
    nest = 2100
    deeper = page("deeper", body_before="<p>" + PARAGRAPHS[0] + "</p>" + "<div>" * nest + "<p>lost</p>" + "</div>" * nest)
    assert any("deeper than the parser allows" in note for note in extract_page(deeper).notes)


def test_control_characters_in_a_page_are_dropped_not_a_crash():
    # found by test_fuzz_readers: htmldate's cleaning of a tree holding "\x01" raised lxml's ValueError
    html, _ = decode_bytes(b"\x01<html><head><script type='application/ld+json'>null</script></head><body>0</body></html>", "page")
    assert extract_page(html, url="https://valley.example/news/a", name="page").paragraphs == ["0"]
    found = extract_page(page("controls").replace("power returned", "power\x07 ret\x0curned"))
    assert any("power returned to the northern valley" in paragraph for paragraph in found.paragraphs)


def test_a_page_declared_utf8_with_one_bad_byte_is_decoded_with_replacement_and_a_note(db, tmp_path):
    body = page("caf\u00e9").encode("utf-8").replace(b"northern", b"north\xffern")
    (tmp_path / "damaged.html").write_bytes(body)
    report = run_ingest(db, [str(tmp_path / "damaged.html")], options())
    assert report.new == 1
    (text,) = db.execute("select text from articles").fetchone()
    assert "north\ufffdern valley" in text and "(caf\u00e9)" in text
    assert report.note_lines() == [f"{tmp_path / 'damaged.html'}: 1 byte sequence not valid UTF-8 replaced with U+FFFD"]
    ascii_page = b"<html><head><meta charset='utf-8'></head><body><p>One stray \x92 byte.</p></body></html>"
    notes: list[str] = []
    assert decode_bytes(ascii_page, "p", notes=notes)[1] == "utf-8" and notes


def test_yaml_alias_bomb_in_figures_is_refused_before_it_expands(db, tmp_path):
    levels = ["a: &a [laugh, laugh, laugh, laugh, laugh, laugh, laugh, laugh, laugh]"]
    for index in range(1, 9):
        name, previous = chr(97 + index), chr(96 + index)
        levels.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    bomb = "\n".join(levels) + "\n" + FIGURES.replace("value: 60", "value: 60, notes: *i")
    path = tmp_path / "figures.yml"
    path.write_text(bomb)
    with pytest.raises(EvidenceFormatError, match=r"figures\.yml: line \d+: YAML aliases expand to more than 100000 nodes"):
        import_evidence(db, path, format="figures")
    assert db.execute("select count(*) from measurements").fetchone()[0] == 0
    shared = "cite: &cite {url: 'https://valley.example/r', date: 2014-12-23}\n" + FIGURES.replace(
        "citation: {url: 'https://valley.example/r', date: 2014-12-23}", "citation: *cite")
    path.write_text(shared)
    assert import_evidence(db, path, format="figures").records == 1  # a modest alias is fine


def test_a_huge_or_deeply_nested_sidecar_is_an_error_naming_it(db, tmp_path):
    article = "Storm repairs\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
    for name, sidecar in (("deep", "[" * 5000 + "]" * 5000), ("huge", '{"title": "' + "x" * 1_100_000 + '"}')):
        (tmp_path / f"{name}.txt").write_text(article.replace("Storm", name))
        (tmp_path / f"{name}.meta.json").write_text(sidecar)
    report = run_ingest(db, [str(tmp_path / "deep.txt"), str(tmp_path / "huge.txt")], options())
    assert report.new == 0
    assert sorted(report.error_lines()) == [
        f"{tmp_path / 'deep.txt'}: {tmp_path / 'deep.meta.json'}: metadata sidecar nested too deeply to read",
        f"{tmp_path / 'huge.txt'}: {tmp_path / 'huge.meta.json'}: metadata sidecar is larger than 1000000 bytes",
    ]
