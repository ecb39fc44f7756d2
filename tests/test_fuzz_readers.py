"""Fuzzing every reader of outside input: whatever the bytes, a reader returns valid rows or raises a
ClaimgraphError subclass naming the input (which the CLI prints as one line), never another exception.

Inputs are generated from the shape of each format (so the fuzzing gets past the first check) and then
cut short or have bytes flipped. Each test is bounded (``max_examples``, small inputs) so all of them
together take well under a minute on a busy two-core machine.
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from hypothesis import HealthCheck, event, example, given, settings, strategies as st

from claimgraph.errors import EvidenceFormatError, InputError
from claimgraph.evidence import _measurement_row
from claimgraph.evidence.formats import ImportContext
from claimgraph.evidence.figures import read_figures
from claimgraph.evidence.ioda import read_ioda
from claimgraph.evidence.mrt import read_mrt
from claimgraph.evidence.ripestat import read_ripestat
from claimgraph.evidence.tabular import read_csv
from claimgraph.ingest.html import extract_page
from claimgraph.ingest.sources import Entry, parse_feed, parse_sitemap, read_warc
from claimgraph.ingest.text import decode_bytes

from conftest import FIXTURES

EVIDENCE = FIXTURES / "evidence"
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """A folder whose single file each example overwrites (hypothesis reruns a test many times in one fixture scope)."""
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def memory_db():
    return sqlite_utils.Database(memory=True)


@st.composite
def damaged(draw, base: bytes) -> bytes:
    """``base`` cut short, with a few bytes flipped or a run of random bytes spliced in."""
    data = bytearray(base)
    for _ in range(draw(st.integers(0, 4))):
        if not data:
            break
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        position = draw(st.integers(0, len(data)))
        data[position:position] = draw(st.binary(max_size=40))
    return bytes(data[: draw(st.integers(0, len(data)))]) if draw(st.booleans()) else bytes(data)


def maybe_damaged(data: bytes):
    """``data`` as it is, or damaged: half the examples get past the parsers' first checks."""
    return st.just(data) | damaged(data)


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
WORDS = st.text(alphabet="abcdefghij <>&;\"'/=#[]{}:,0123456789.-TZ\n", max_size=40)


# ----------------------------------------------------------------------------- ingest readers


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["@type", "@graph", "@id", "headline", "author", "name", "datePublished", "articleBody", "publisher"]) | TEXT,
        children, max_size=4),
    max_leaves=20,
)


@st.composite
def html_pages(draw) -> bytes:
    head = draw(st.lists(st.sampled_from([
        "<title>{}</title>", "<meta property='og:title' content='{}'>", "<meta name='author' content='{}'>",
        "<meta property='article:published_time' content='{}'>", "<link rel='canonical' href='{}'>",
        "<meta charset='{}'>", "<script type='application/ld+json'>{}</script>",
    ]), max_size=5))
    parts = []
    for template in head:
        value = json.dumps(draw(JSON_VALUES)) if "ld+json" in template else draw(WORDS)
        parts.append(template.format(value))
    body = draw(st.lists(st.sampled_from(["<p>{}</p>", "<div>{}", "</div>", "<h1>{}</h1>", "<span class='byline'>By {}</span>",
                                          "<time datetime='{}'>x</time>", "{}", "<br>", "<table><tr><td>{}</td></tr></table>"]),
                         max_size=12))
    markup = "<html><head>" + "".join(parts) + "</head><body>" + "".join(t.format(draw(WORDS)) for t in body) + "</body></html>"
    data = markup.encode(draw(st.sampled_from(["utf-8", "cp1252", "utf-16"])), errors="replace")
    return draw(damaged(data)) if draw(st.booleans()) else data


@FUZZ
@given(html_pages(), st.sampled_from([None, "utf-8", "iso-8859-1", "nonsense"]))
def test_html_pages_extract_or_fail_with_an_input_error(data, declared):
    notes: list[str] = []
    try:
        html, _ = decode_bytes(data, "page", declared, notes=notes)
        page = extract_page(html, url="https://valley.example/news/a", name="page")
    except InputError as error:
        assert str(error).startswith("page: ") and "\n" not in str(error)
        event("error")
        return
    event("article")
    assert page.paragraphs and all(paragraph and paragraph == paragraph.strip() for paragraph in page.paragraphs)
    assert all(isinstance(note, str) for note in notes + page.notes)


@st.composite
def feeds(draw) -> bytes:
    items = "".join(
        f"<item><title>{draw(WORDS)}</title><link>{draw(st.sampled_from(['https://valley.example/a', '/relative', '', 'javascript:x', 'http://[::1', draw(WORDS)]))}</link>"
        f"<pubDate>{draw(st.sampled_from(['Mon, 22 Dec 2014 16:15:00 GMT', '2014-13-45', draw(WORDS)]))}</pubDate></item>"
        for _ in range(draw(st.integers(0, 4)))
    )
    kind = draw(st.sampled_from(["rss", "atom"]))
    if kind == "rss":
        text = f"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title>{items}</channel></rss>"
    else:
        text = f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>{items.replace('<item>', '<entry>').replace('</item>', '</entry>')}</feed>"
    return draw(maybe_damaged(text.encode()))


@FUZZ
@given(feeds())
def test_feeds_give_entries_or_an_input_error(data):
    try:
        entries = parse_feed(data, "https://valley.example/feed.xml")
    except InputError as error:
        assert str(error).startswith("https://valley.example/feed.xml: ")
        event("error")
        return
    event(f"{min(len(entries), 2)}+ entries")
    assert all(isinstance(entry, Entry) and entry.url.startswith(("http://", "https://")) for entry in entries)


@st.composite
def sitemaps(draw) -> bytes:
    root = draw(st.sampled_from(["urlset", "sitemapindex", "html"]))
    child = "sitemap" if root == "sitemapindex" else "url"
    nodes = "".join(
        f"<{child}><loc>{draw(st.sampled_from(['https://valley.example/a', '/b', 'ftp://x', '', draw(WORDS)]))}</loc>"
        f"<lastmod>{draw(st.sampled_from(['2014-12-22', '2014-02-30', draw(WORDS)]))}</lastmod></{child}>"
        for _ in range(draw(st.integers(0, 4)))
    )
    text = f"<?xml version='1.0'?><{root} xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{nodes}</{root}>"
    return draw(maybe_damaged(text.encode()))


@FUZZ
@given(sitemaps())
def test_sitemaps_give_entries_or_an_input_error(data):
    try:
        children, pages = parse_sitemap(data, "https://valley.example/sitemap.xml")
    except InputError as error:
        assert str(error).startswith("https://valley.example/sitemap.xml: ")
        event("error")
        return
    event(f"{min(len(children + pages), 2)}+ entries")
    assert all(entry.url.startswith(("http://", "https://")) for entry in children + pages)


def _warc_bytes(gzipped: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=gzipped)
    for index in range(2):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        body = f"<html><body><p>Page {index} of the valley news.</p></body></html>".encode()
        writer.write_record(writer.create_warc_record(f"https://valley.example/{index}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    return stream.getvalue()


WARCS = (_warc_bytes(False), _warc_bytes(True))


@FUZZ
@given(st.sampled_from(WARCS).flatmap(maybe_damaged), st.booleans())
def test_warcs_give_pages_or_an_input_error(scratch, data, gzipped_name):
    path = scratch / ("crawl.warc.gz" if gzipped_name else "crawl.warc")
    path.write_bytes(data)
    pages = []
    try:
        pages.extend(read_warc(path, max_bytes=10_000))
    except InputError as error:
        assert str(error).startswith(f"{path}: ") and "\n" not in str(error)
        event("error")
    event(f"{len(pages)} pages")
    for page in pages:
        assert isinstance(page.body, bytes) and len(page.body) <= 10_000 and isinstance(page.status, int)


# ----------------------------------------------------------------------------- evidence readers


def _read_all(memory_db, scratch: Path, name: str, data: bytes, reader, mapping: dict | None = None) -> list[dict] | None:
    """Every measurement the reader yields, each checked to make a row; None when it raised EvidenceFormatError."""
    path = scratch / name
    path.write_bytes(data)
    context = ImportContext(db=memory_db, path=path, mapping=mapping or {})
    try:
        measurements = list(reader(context))
    except EvidenceFormatError as error:
        assert str(error).startswith(f"{path}: ") and "\n" not in str(error)
        event("error")
        return None
    event(f"{min(len(measurements), 2)}+ measurements")
    for measurement in measurements:
        assert isinstance(measurement["kind"], str) and measurement["kind"]
        assert measurement.get("value") is None or (isinstance(measurement["value"], float) and not math.isnan(measurement["value"]))
        for key in ("start", "end"):
            assert measurement.get(key) is None or isinstance(measurement[key], str)
        _measurement_row("source", measurement)  # details serialise, pointer and identity are usable
    return measurements


MRT_FILES = tuple((EVIDENCE / name).read_bytes() for name in ("quagga_bgp", "quagga_rib", "openbgpd_rib_table", "bird6_bgp"))


@FUZZ
@given(st.sampled_from(MRT_FILES).flatmap(maybe_damaged), st.sampled_from(["", "gzip", "bz2"]))
def test_mrt_gives_measurements_or_an_evidence_format_error(memory_db, scratch, data, compression):
    import bz2
    import gzip

    if compression:
        packed = gzip.compress(data) if compression == "gzip" else bz2.compress(data)
        data = packed[: len(packed) - (len(packed) // 7 if len(data) % 3 == 0 else 0)]  # sometimes cut short
    _read_all(memory_db, scratch, "dump.mrt", data, read_mrt)


def _shaped(template: object, draw) -> object:
    """The template with some of its values swapped for other JSON values."""
    if isinstance(template, dict):
        return {key: (draw(JSON_VALUES) if draw(st.integers(0, 5)) == 0 else _shaped(value, draw)) for key, value in template.items()}
    if isinstance(template, list):
        return [_shaped(item, draw) for item in template[: draw(st.integers(0, 3))]]
    return draw(JSON_VALUES) if draw(st.integers(0, 3)) == 0 else template


JSON_EVIDENCE = {
    name: json.loads((EVIDENCE / name).read_text())
    for name in ("routing-status.data.json", "announced-prefixes.data.json", "bgp-updates.data.json",
                 "ioda-events.synthetic.json", "ioda-alerts.synthetic.json", "ioda-signals.synthetic.json")
}


@st.composite
def json_evidence(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(JSON_EVIDENCE)))
    data = json.dumps(_shaped(JSON_EVIDENCE[name], draw)).encode()
    return name, (draw(damaged(data)) if draw(st.integers(0, 3)) == 0 else data)


@FUZZ
@given(json_evidence())
def test_ripestat_and_ioda_responses_give_measurements_or_an_evidence_format_error(memory_db, scratch, sample):
    name, data = sample
    reader = read_ioda if name.startswith("ioda") else read_ripestat
    _read_all(memory_db, scratch, "response.json", data, reader, mapping={"country": "KP"})


CELLS = st.text(alphabet="abcdefghij 0123456789.-TZ:/", max_size=20)


@st.composite
def csv_files(draw) -> bytes:
    header = draw(st.sampled_from(["kind,subject,start,end,value,unit", "kind;subject;value", "kind,subject", "subject_type,kind,subject,country,start"]))
    separator = ";" if ";" in header else ","
    columns = header.split(separator)
    values = {  # (valid, invalid)
        "kind": (["outage"], ["", "x"]),
        "subject": (["KP", "AS131279", "175.45.176.0/22"], ["Korea", ""]),
        "subject_type": (["country", "asn", "prefix"], ["planet"]),
        "country": (["KP", ""], ["kp", "KPX"]),
        "start": (["2014-12-22T16:15:00Z", "1419264900", "2014-12-22", ""], ["soon", "99999999999999999999"]),
        "end": (["2014-12-23T01:46:00Z", ""], ["later"]),
        "value": (["34260", "1.5", "34,260"], ["1e309", "nan", "inf", "", "many"]),
        "unit": (["s", ""], ["bit/s"]),
    }
    rows = []
    for _ in range(draw(st.integers(0, 5))):
        cells = []
        for column in columns:
            valid, invalid = values[column]
            cells.append(draw(st.sampled_from(valid)) if draw(st.integers(0, 7)) else draw(st.sampled_from(invalid) | CELLS))
        if draw(st.integers(0, 7)) == 0:
            cells.append(draw(WORDS))  # separators and quotes too: a row with the wrong number of fields
        rows.append(separator.join(cells))
    data = "\n".join([header, *rows]).encode()
    return draw(damaged(data)) if draw(st.integers(0, 3)) == 0 else data


@FUZZ
@given(csv_files())
@example(data=b"kind;subject;value\noutage;KP;nan")  # float() reads "nan": once stored as a measurement
def test_csv_gives_measurements_or_an_evidence_format_error(memory_db, scratch, data):
    _read_all(memory_db, scratch, "table.csv", data, read_csv)


@st.composite
def figure_files(draw) -> bytes:
    def one_of(valid: list, invalid: list):
        return draw(st.sampled_from(valid)) if draw(st.integers(0, 4)) else draw(st.sampled_from(invalid))

    figure = {"id": one_of(["f1", "f2"], [3, None]), "kind": one_of(["outage"], ["", 1]),
              "subject": one_of(["KP", "AS1"], ["kp", None, []]), "subject_type": one_of(["country", "asn"], ["planet", 7]),
              "value": one_of([60, 1.5, None], ["sixty", True, float("inf"), float("nan")]),
              "start": one_of(["2014-12-22T16:15:00Z", "2014-12-22", 1419264900], ["yesterday", None, 10**30]),
              "citation": one_of([{"url": "https://valley.example/r", "date": "2014-12-23"}], [{"url": "x"}, "a string"])}
    figure = {key: value for key, value in figure.items() if value is not None or draw(st.booleans())}
    document = {"title": draw(WORDS), "figures": [figure] * draw(st.integers(0, 2)) + draw(st.lists(JSON_VALUES, max_size=1))}
    text = yaml.safe_dump(document, allow_unicode=True)
    if draw(st.integers(0, 3)) == 0:
        text += draw(st.sampled_from(["x: &a [1, 2]\ny: [*a, *a]\n", "z: *missing\n", "w: &w [*w]\n", "  - bad indent\n", "{[\n"]))
    data = text.encode()
    return draw(damaged(data)) if draw(st.integers(0, 3)) == 0 else data


@FUZZ
@given(figure_files())
@example(data=b"figures:\n- {id: f1, kind: outage, subject: KP, value: .nan, start: 2014-12-22,\n   citation: {url: 'https://valley.example/r', date: 2014-12-23}}\n")
def test_yaml_figures_give_measurements_or_an_evidence_format_error(memory_db, scratch, data):
    _read_all(memory_db, scratch, "figures.yml", data, read_figures)

