"""schema.org ClaimReview JSON-LD, read back with extruct from the claim page and from `claimgraph export`."""

from __future__ import annotations

import json
import shutil
import sqlite3

import extruct
import pytest
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.graph.claimreview import RATINGS, claim_reviews
from claimgraph.publish.serve import build_datasette
from claimgraph.publish.views import script_json
from publish_story import CLAIMS, build_story_db

REQUIRED = ("claimReviewed", "reviewRating", "itemReviewed", "author", "datePublished")


@pytest.fixture(scope="module")
def story_path(tmp_path_factory):
    return build_story_db(tmp_path_factory.mktemp("claimreview") / "story.db")


def json_ld(html: str) -> list[dict]:
    return extruct.extract(html, syntaxes=["json-ld"], errors="strict")["json-ld"]


def check_review(review: dict) -> None:
    """The types and the properties Google's fact-check markup requires."""
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert all(review.get(key) for key in REQUIRED), review
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and (rating["worstRating"], rating["bestRating"]) == (1, 3)
    assert (rating["ratingValue"], rating["alternateName"]) in RATINGS.values()
    assert review["itemReviewed"]["@type"] == "Claim" and review["itemReviewed"]["author"]["name"]


async def test_a_checked_claims_page_carries_its_claimreview(story_path):
    datasette = build_datasette([story_path])
    html = (await datasette.client.get(f"/-/claimgraph/claim/{CLAIMS['outage_9h']}")).text
    head = html[:html.index("</head>")]
    assert '<script type="application/ld+json">' in head
    [review] = json_ld(html)
    check_review(review)
    assert review["url"] == f"http://localhost/-/claimgraph/claim/{CLAIMS['outage_9h']}"
    assert review["claimReviewed"] == "the country was offline for 9 hours"
    assert review["reviewRating"]["ratingValue"] == 1
    assert review["reviewRating"]["alternateName"] == "Contradicted by measurements"
    assert review["reviewBody"] == "The measured outage lasted 6.0 hours, not 9."
    assert review["datePublished"] == "2024-03-07"
    claim = review["itemReviewed"]
    assert claim["author"] == {"@type": "Person", "name": "Anna Berg"}
    assert claim["appearance"]["url"] == "https://herald.example/outage-9-hours"
    assert claim["appearance"]["publisher"]["name"] == "Daily Herald"
    assert claim["datePublished"] == "2024-03-05"
    assert review["citation"] == [{
        "@type": "Dataset", "name": "ioda-ruritania-2024-03.json", "url": "https://ioda.example.org/ruritania",
        "license": "CC BY 4.0",
        "description": "outage of RU-fictional, 21600.0 s (2024-03-04T02:00:00+00:00 to 2024-03-04T08:00:00+00:00)",
    }]


async def test_an_unchecked_claims_page_has_no_claimreview(story_path):
    html = (await build_datasette([story_path]).client.get(f"/-/claimgraph/claim/{CLAIMS['accuses']}")).text
    assert json_ld(html) == []


def test_json_in_a_script_element_cannot_close_it():
    text = script_json({"claimReviewed": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"claimReviewed": "</script><script>alert(1)</script> & <!--"}


def test_the_export_is_one_json_ld_list_that_extruct_reads_back(story_path, tmp_path):
    output = tmp_path / "reviews.jsonld"
    result = CliRunner().invoke(cli, ["export", str(story_path), "--format", "claimreview", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote 2 ClaimReviews to {output}\n"
    exported = json.loads(output.read_text("utf-8"))
    assert isinstance(exported, list)
    back = json_ld(f'<html><head><script type="application/ld+json">{output.read_text("utf-8")}</script></head></html>')
    assert back == exported
    for review in back:
        check_review(review)
    assert [(r["claimReviewed"], r["reviewRating"]["ratingValue"]) for r in back] == [
        ("Ruritania's Internet went dark for 6 hours on Monday", 3), ("the country was offline for 9 hours", 1)]


def test_the_export_follows_the_graph_filters(story_path):
    runner = CliRunner()
    herald = runner.invoke(cli, ["export", str(story_path), "--format", "claimreview", "--since", "2024-03-05",
                                 "--actor", "Anna Berg", "--depth", "1"])
    assert herald.exit_code == 0, herald.output
    assert len(json.loads(herald.output)) == 2
    later = runner.invoke(cli, ["export", str(story_path), "--format", "claimreview", "--since", "2024-03-06"])
    assert later.exit_code == 0 and json.loads(later.output) == []
    none = runner.invoke(cli, ["export", str(story_path), "--format", "claimreview", "--type", "denies"])
    assert none.exit_code == 0 and json.loads(none.output) == []


def test_measurements_that_disagree_rate_a_claim_mixed_never_supported(story_path, tmp_path):
    path = shutil.copy(story_path, tmp_path / "mixed.db")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("insert into measurements (id, source_id, kind, subject, value, unit) "
                     "values ('meas-2', 'src-ioda', 'outage', 'RU-fictional', 36000, 's')")
        conn.execute("insert into claim_evidence (claim_id, measurement_id, verdict, explanation) values (?, 'meas-2', "
                     "'contradicts', 'Another probe saw 10 hours.')", [CLAIMS["outage_6h"]])
    [review] = claim_reviews(conn, [CLAIMS["outage_6h"]])
    assert (review["reviewRating"]["ratingValue"], review["reviewRating"]["alternateName"]) == RATINGS["mixed"]
    assert review["reviewBody"] == "Another probe saw 10 hours. The measured outage lasted 6.0 hours, as claimed."
    assert len(review["citation"]) == 2
