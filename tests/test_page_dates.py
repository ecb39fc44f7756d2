"""Publication dates: the publication date wins over modified and crawl dates, its source is recorded, its zone kept."""

import pytest

from claimgraph.ingest.html import extract_page

BODY = "<p>" + "The ferry council agreed on Monday to rebuild the north pier before the winter storms arrive. " * 4 + "</p>"


def page(head: str = "", top: str = "", url: str | None = None):
    html = f"<html><head><title>Pier to be rebuilt</title>{head}</head><body><article><h1>Pier to be rebuilt</h1>{top}{BODY * 3}</article></body></html>"
    return extract_page(html, url=url).metadata


LD = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-03-05T09:30:00-05:00", "dateModified": "2024-06-01T10:00:00+00:00"}</script>'


def test_json_ld_publication_date_keeps_its_time_zone_and_names_its_source():
    meta = page(LD, top="<p>March 5, 2024</p>")
    assert (meta.published, meta.published_source) == ("2024-03-05T09:30:00-05:00", "json-ld datePublished")
    assert meta.modified == "2024-06-01T10:00:00+00:00"


def test_meta_published_time_is_read_when_there_is_no_json_ld():
    meta = page('<meta property="article:published_time" content="2024-03-05T14:30:00Z">')
    assert (meta.published, meta.published_source) == ("2024-03-05T14:30:00+00:00", "meta article:published_time")


def test_a_shown_publication_date_wins_over_a_shown_update():
    meta = page(LD, top="<p>Published March 5, 2024. Last updated: June 1, 2024</p>")
    assert (meta.published, meta.published_source) == ("2024-03-05T09:30:00-05:00", "json-ld datePublished")


def test_the_update_date_stands_in_only_when_the_publication_date_is_never_shown():
    meta = page(LD, top="<p>Last updated: June 1, 2024</p>")
    assert (meta.published, meta.published_source) == ("2024-06-01T10:00:00+00:00", "modified date, the one the page shows")


def test_without_a_declared_publication_date_the_modified_one_is_not_taken_for_it():
    head = '<meta property="article:modified_time" content="2024-06-01T10:00:00Z">'
    meta = page(head, top="<p>Published 5 March 2024 · Updated June 1, 2024</p>")
    assert (meta.published, meta.published_source, meta.modified) == ("2024-03-05", "text", "2024-06-01T10:00:00+00:00")


def test_a_time_element_is_a_source_of_its_own():
    meta = page(top='<time datetime="2023-11-02T08:00:00+01:00">2 Nov 2023</time>')
    assert (meta.published, meta.published_source) == ("2023-11-02T08:00:00+01:00", "time element")


@pytest.mark.parametrize(
    "top,url,source",
    [
        ("", "https://coast.example/2022/07/14/pier", "url"),
        ("<p>By Mara Quist, 14 July 2022</p>", None, "text"),
    ],
)
def test_pages_without_date_metadata_fall_back_to_the_url_then_the_text(top, url, source):
    meta = page(top=top, url=url)
    assert (meta.published, meta.published_source) == ("2022-07-14", source)


def test_a_date_printed_under_the_headline_beats_an_undisplayed_declared_one():
    ld = '<script type="application/ld+json">{"@type": "Article", "datePublished": "2025-06-12"}</script>'
    meta = page(ld, top="<p>November 2, 2022 | Mara Quist</p>")
    assert (meta.published, meta.published_source) == ("2022-11-02", "text under the headline")
