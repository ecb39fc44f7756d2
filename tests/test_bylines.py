"""Bylines on pages never seen: each class of miss from issue 17, on small invented pages."""

import json

import pytest

from claimgraph.ingest.byline_text import is_name, parse_byline, split_name
from claimgraph.ingest.html import extract_page

BODY = "<p>" + "The ferry council agreed on Monday to rebuild the north pier before the winter storms arrive. " * 4 + "</p>"


def page(head: str = "", top: str = "", bottom: str = "", url: str = "https://coastcourier.example/2024/03/05/pier") -> object:
    html = (
        f"<html><head><title>Pier to be rebuilt | Coast Courier</title>"
        f'<meta property="og:site_name" content="Coast Courier">{head}</head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>Pier to be rebuilt</h1>{top}{BODY * 3}</article>{bottom}</body></html>"
    )
    return extract_page(html, url=url).metadata


def json_ld(data: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def people(meta, role="author"):
    return [(b.name, b.credentials) for b in meta.bylines if b.role == role]


# ----------------------------------------------------------------------------- junk taken as the author


@pytest.mark.parametrize("word", ["Region", "Type", "View more posts", "Category", "Written By"])
def test_site_chrome_words_are_not_authors(word):
    meta = page(top=f'<div class="author">{word}</div><a href="/author/ines-ort/">{word}</a>')
    assert meta.authors == []


def test_the_sites_own_name_gives_way_to_the_person_in_the_byline():
    head = '<meta name="author" content="Coast Courier">' + json_ld(
        {"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Coast Courier"}}
    )
    meta = page(head, top='<p class="byline">By <a href="/staff/ines-ort">Ines Ort</a></p>')
    assert meta.authors == ["Ines Ort"]


def test_the_site_is_the_author_only_when_nobody_else_is_named():
    meta = page('<meta name="author" content="Coast Courier">')
    assert meta.authors == ["Coast Courier"]
    assert meta.bylines[0].kind == "organisation"


def test_a_brand_in_the_metadata_gives_way_to_a_printed_byline():
    meta = page('<meta name="author" content="Pier Gear">', top="<p>By Tomas Brandt</p>")
    assert meta.authors == ["Tomas Brandt"]


def test_names_in_the_comments_are_not_authors():
    comments = '<section id="comments"><ol class="comment-list"><li><p>By Amy</p><p>Great piece!</p></li></ol></section>'
    assert page(bottom=comments).authors == []


def test_teaser_cards_of_other_articles_do_not_lend_their_bylines():
    card = '<a href="/other"><h3>Another story</h3><div class="author-name">Lea Moss</div></a>'
    assert page(bottom=f'<div class="more">{card * 3}</div>').authors == []


@pytest.mark.parametrize("placeholder", ["Jane Doe", "admin", "Author Name", "undefined"])
def test_placeholders_are_not_authors(placeholder):
    assert page(f'<meta name="author" content="{placeholder}">').authors == []


def test_the_writer_wins_over_the_medical_reviewer():
    top = (
        '<div class="byline"><span>Written by</span> <a href="/author/ines-ort">Ines Ort</a></div>'
        '<div class="medical-reviewer"><span>Medically reviewed by</span> <a href="/experts/ko-ilsen">Ko Ilsen, MD</a></div>'
    )
    meta = page(top=top)
    assert meta.authors == ["Ines Ort"]
    assert people(meta, "reviewer") == [("Ko Ilsen", "MD")]


def test_a_reviewer_alone_is_the_one_who_vouches_for_the_text():
    meta = page(top="<p>Reviewed by Ko Ilsen, Trial Attorney at Ilsen Law, on March 5, 2024.</p>")
    assert meta.authors == ["Ko Ilsen"]


# ----------------------------------------------------------------------------- several authors


def test_a_byline_with_three_names_keeps_all_three():
    meta = page(top="<p>By Ann Lee, Bo Chen and Cy Dee</p>")
    assert meta.authors == ["Ann Lee", "Bo Chen", "Cy Dee"]


def test_a_json_ld_author_array_keeps_every_person():
    head = json_ld({"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "author": [{"@id": "#ann"}, {"@type": "Person", "name": "Bo Chen"}]},
        {"@type": "Person", "@id": "#ann", "name": "Ann Lee"},
    ]})
    assert page(head).authors == ["Ann Lee", "Bo Chen"]


def test_an_authors_label_block_lists_every_name():
    meta = page(top='<div class="post-meta"><strong>Authors:</strong> Ann Lee &amp; Bo Chen</div>')
    assert meta.authors == ["Ann Lee", "Bo Chen"]


# ----------------------------------------------------------------------------- credentials and roles


@pytest.mark.parametrize(
    "byline,name,credentials",
    [
        ("Angela Holliday-Bell, MD", "Angela Holliday-Bell", "MD"),
        ("Sarah Knowles MW", "Sarah Knowles", "MW"),
        ("Dana Ruiz, MS, RD, FAND", "Dana Ruiz", "MS, RD, FAND"),
        ("Tracy Parr, Dietitian", "Tracy Parr", "Dietitian"),
        ("Rhea Lund Senior Project Manager", "Rhea Lund", "Senior Project Manager"),
    ],
)
def test_credentials_and_job_titles_are_split_off(byline, name, credentials):
    meta = page(top=f"<p>By {byline}</p>")
    assert people(meta) == [(name, credentials)]


def test_written_by_and_reviewed_by_in_one_line():
    found = parse_byline("Written by Ann Lee | Medically reviewed by Ko Ilsen, MD")
    assert [(p.name, p.role, p.credentials) for p in found] == [("Ann Lee", "author", None), ("Ko Ilsen", "reviewer", "MD")]


def test_a_job_title_leaves_an_organisation_whole():
    assert split_name("Harbour Works Editorial Team") == ("Harbour Works Editorial Team", None)


# ----------------------------------------------------------------------------- printed bylines without metadata


@pytest.mark.parametrize(
    "markup",
    [
        '<a rel="author" href="/people/ines-ort">Ines Ort</a>',
        '<div class="byline"><span class="byline__name">Ines Ort</span> <time>March 5, 2024</time></div>',
        "<p>By Ines Ort | March 5, 2024</p>",
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ines Ort</span></span>',
        '<address class="vcard author"><span class="fn">Ines Ort</span></address>',
        '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Ines Ort">',
    ],
)
def test_printed_bylines_are_found_without_metadata(markup):
    meta = page(markup, top=markup) if "twitter" in markup else page(top=markup)
    assert meta.authors == ["Ines Ort"]


def test_a_byline_in_metadata_and_on_the_page_records_both_sources():
    meta = page('<meta name="author" content="Ines Ort">', top="<p>By Ines Ort</p>")
    assert meta.bylines[0].sources == ["meta", "text"]


@pytest.mark.parametrize("text", ["Click here to read more about our team", "The pier was rebuilt", "42", "https://x.example/a"])
def test_sentences_numbers_and_links_are_not_names(text):
    assert not is_name(text)


@pytest.mark.parametrize("text", ["February 8", "8 Feb", "Updated 2024", "5 min read"])
def test_dates_and_reading_times_are_not_names(text):
    assert not is_name(text) and not is_name(text, structured=True)


# ----------------------------------------------------------------------------- stored as a list


def test_ingested_page_stores_each_author_with_role_credentials_and_source(tmp_path):
    from claimgraph.db import open_db
    from claimgraph.ingest import IngestOptions, run_ingest

    head = '<meta name="author" content="Ann Lee">' + json_ld({"@type": "NewsArticle", "datePublished": "2024-03-05T09:30:00-05:00"})
    top = "<p>By Ann Lee and Bo Chen, MD</p><p>Reviewed by Ko Ilsen</p><p>March 5, 2024</p>"
    html = f"<html><head><title>Pier</title>{head}</head><body><article><h1>Pier</h1>{top}{BODY * 3}</article></body></html>"
    path = tmp_path / "pier.html"
    path.write_text(html, encoding="utf-8")
    db = open_db(tmp_path / "t.db")
    run_ingest(db, [str(path)], IngestOptions(progress=False))
    article = next(db["articles"].rows)
    assert article["author"] == "Ann Lee, Bo Chen"
    assert (article["published"], article["published_source"]) == ("2024-03-05T09:30:00-05:00", "json-ld datePublished")
    stored = [(r["position"], r["name"], r["role"], r["credentials"], r["source"]) for r in db["article_authors"].rows_where(order_by="position")]
    assert stored == [(0, "Ann Lee", "author", None, "meta, text"), (1, "Bo Chen", "author", "MD", "text"), (2, "Ko Ilsen", "reviewer", None, "text")]
    run_ingest(db, [str(path)], IngestOptions(progress=False))  # re-ingesting replaces the rows, never duplicates them
    assert db["article_authors"].count == 3


def test_migration_lists_the_authors_of_articles_stored_before_the_table(tmp_path):
    import sqlite_utils

    from claimgraph.db import open_db
    from claimgraph.schema import SCHEMA_VERSION

    old = sqlite_utils.Database(tmp_path / "v2.db")
    old["articles"].create({"id": str, "author": str, "text": str}, pk="id")
    old["articles"].insert_all([{"id": "a1", "author": "Ann Lee, Bo Chen", "text": "x"}, {"id": "a2", "author": None, "text": "y"}])
    old["claimgraph_meta"].insert({"key": "schema_version", "value": "2"}, pk="key")
    old.close()
    db = open_db(tmp_path / "v2.db")
    assert [(r["article_id"], r["position"], r["name"], r["source"]) for r in db["article_authors"].rows_where(order_by="position")] == [
        ("a1", 0, "Ann Lee", "articles.author"), ("a1", 1, "Bo Chen", "articles.author")]
    assert db["claimgraph_meta"].get("schema_version")["value"] == str(SCHEMA_VERSION)


def test_a_json_ld_article_about_another_page_does_not_lend_its_author():
    head = json_ld({"@graph": [
        {"@type": "NewsArticle", "url": "https://coastcourier.example/2024/03/05/pier", "headline": "Pier"},
        {"@type": "NewsArticle", "url": "https://coastcourier.example/2024/01/01/other", "author": {"@type": "Person", "name": "Lea Moss"}},
    ]})
    assert page(head, top="<p>By Ines Ort</p>").authors == ["Ines Ort"]


@pytest.mark.parametrize(
    "byline,names",
    [
        ("Posted by Ines Ort in Harbour News", ["Ines Ort"]),
        ("By Ines Ort, Associated Press", ["Ines Ort"]),
        ("By Ines Ort 5 March 2024", ["Ines Ort"]),
        ("Ines Ort · Photo: Lea Moss", ["Ines Ort"]),
        ("View all posts by Ines Ort", ["Ines Ort"]),
    ],
)
def test_what_surrounds_a_byline_is_not_a_name(byline, names):
    assert [p.name for p in parse_byline(byline) if p.role == "author"] == names


def test_a_wordpress_entry_meta_byline():
    top = ('<div class="entry-meta"><span class="posted-on">Posted on <time datetime="2024-03-05">March 5, 2024</time></span>'
           '<span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/ines/">Ines Ort</a></span></span></div>')
    meta = page(top=top)
    assert meta.authors == ["Ines Ort"]
    assert {"byline", "hcard"} <= set(meta.bylines[0].sources)


def test_a_wordpress_comment_thread_lends_no_names():
    thread = ('<div id="comments"><ol class="commentlist"><li class="comment"><div class="comment-author vcard">'
              '<cite class="fn">Amy</cite> says:</div><p>By Amy: lovely pier.</p></li></ol></div>')
    assert page(bottom=thread).authors == []


def test_two_authors_and_an_update_time_in_one_line():
    meta = page(top="<p>By Ines Ort and Lea Moss Updated March 5, 2024, 10:03 a.m. ET</p>")
    assert meta.authors == ["Ines Ort", "Lea Moss"]


def test_credentials_in_a_json_ld_name_are_split_off():
    meta = page(json_ld({"@type": "Article", "author": {"@type": "Person", "name": "Angela Holliday-Bell, MD"}}))
    assert people(meta) == [("Angela Holliday-Bell", "MD")]


def test_json_ld_reviewed_by_is_a_reviewer_not_an_author():
    meta = page(json_ld({"@type": "MedicalWebPage", "author": {"@type": "Person", "name": "Ines Ort"},
                         "reviewedBy": {"@type": "Person", "name": "Ko Ilsen", "honorificSuffix": "MD"}}))
    assert meta.authors == ["Ines Ort"] and people(meta, "reviewer") == [("Ko Ilsen", "MD")]


@pytest.mark.parametrize("text", ["Region: Europe", "Type: Opinion", "Ann Lee / Getty Images"])
def test_labels_and_picture_credits_are_not_names(text):
    assert not is_name(text)


@pytest.mark.parametrize("text", ["Rory O'Sullivan", "Jean d'Ormesson", "Ana de la Cruz", "Hlín Eyjólfsdóttir", "LEONARDO GARCIA"])
def test_names_with_particles_apostrophes_accents_or_capitals_are_names(text):
    assert is_name(text)


def test_a_list_of_story_cards_lends_no_bylines():
    cards = "".join(
        f'<li class="post"><h3><a href="/2024/0{i}/story">Story {i}</a></h3><span class="byline">By Lea Moss</span></li>' for i in range(1, 4)
    )
    assert page(bottom=f"<ul>{cards}</ul>").authors == []
    assert page(top="<p class='byline'>By Ines Ort</p>", bottom=f"<ul>{cards}</ul>").authors == ["Ines Ort"]


def test_a_call_to_action_in_an_experts_block_is_not_a_byline():
    block = '<div class="expert-block"><h2 class="expert-block__title">GET IN TOUCH WITH ONE OF OUR EXPERTS</h2></div>'
    assert page(bottom=block).authors == []
    assert not is_name("GET IN TOUCH WITH OUR EXPERTS")


@pytest.mark.parametrize(
    "byline,names",
    [
        ("By Sherif Saed, Wednesday", ["Sherif Saed"]),
        ("By Mike Ward, Malcolm Owen Monday, November 18, 2019", ["Mike Ward", "Malcolm Owen"]),
        ("Analysis by Chris Dale, CNN Editor-at-large", ["Chris Dale"]),
        ("The Russian and Syrian defense ministries", []),
    ],
)
def test_weekdays_analysis_labels_and_phrases_split_on_and(byline, names):
    assert [p.name for p in parse_byline(byline) if p.role == "author"] == names


def test_a_link_to_a_persons_page_in_running_prose_is_not_a_byline():
    prose = '<p>US President <a href="/topics/people/ada-vance.html">Ada Vance</a> has been eager to leave, the council said on Monday after a long meeting about the harbour, the pier and the cost of both, which nobody would put a figure on.</p>'
    assert page(top=prose).authors == []


def test_the_outlet_after_a_name_is_an_affiliation():
    meta = page(top="<p>By Kevin Holt COAST COURIER</p>")
    assert people(meta) == [("Kevin Holt", "COAST COURIER")]


@pytest.mark.parametrize("outlet", ["Coast Courier", "Coast Courier Business", "coastcourier.example"])
def test_the_site_after_a_writer_is_an_affiliation_not_a_co_author(outlet):
    meta = page(top=f"<p>By Troy Lee, {outlet}</p>")
    assert meta.authors == ["Troy Lee"]
