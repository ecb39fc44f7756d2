"""One database per period: ingest routes articles by month, link clusters across the boundary, serve opens them together.

The story is invented: the Ministry of Signals accuses Eastmark of jamming a satellite link.
Harbor Ledger (30 October) and Northern Wire (31 October) report it in October's file, Daily
Meridian (2 November) in November's. An older report (12 October) is outside the 14-day
reporting window of November's first report. Rows are written as extraction would write them.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.db import open_db
from claimgraph.link import run_link
from claimgraph.periods import PathTemplate
from claimgraph.publish.prepare import run_publish
from claimgraph.publish.serve import build_datasette
from claimgraph.timeutil import utc_sortable
from publish_story import get

ACCUSATION = "The Ministry of Signals accused Eastmark of jamming the northern satellite link"

OUTLETS = {
    "harborledger.example": "Harbor Ledger", "northernwire.example": "Northern Wire",
    "dailymeridian.example": "Daily Meridian", "peninsulawire.example": "Peninsula Wire",
}
ACTORS = {"ministry-of-signals": "Ministry of Signals", "eastmark": "Eastmark", "port-authority": "Port Authority"}

# (article id, outlet, published, claim text, subject, object)
OCTOBER = [
    ("oct-peninsula", "peninsulawire.example", "2026-10-12T10:00:00+00:00",
     "The Ministry of Signals accused Eastmark of jamming the northern satellite link last spring", "ministry-of-signals", "eastmark"),
    ("oct-harbor", "harborledger.example", "2026-10-30T09:00:00+00:00", ACCUSATION, "ministry-of-signals", "eastmark"),
    ("oct-northern", "northernwire.example", "2026-10-31T18:00:00+00:00",
     "Ministry of Signals accuses Eastmark of jamming the northern satellite link", "ministry-of-signals", "eastmark"),
]
NOVEMBER = [
    # 00:30 on 1 November in Eastmark's zone (+02:00) is still 31 October in UTC: it stays in October
    ("nov-meridian", "dailymeridian.example", "2026-11-02T08:00:00+00:00",
     "The Ministry of Signals again accused Eastmark of jamming the northern satellite link", "ministry-of-signals", "eastmark"),
    ("nov-port", "harborledger.example", "2026-11-03T12:00:00+00:00",
     "The Port Authority said the new crane would arrive in March", "port-authority", None),
]


def build_month(path, reports):
    """A claimgraph database holding ``reports``, one article and one claim each, closed and ready to serve."""
    db = open_db(path)
    with db.conn:
        used_outlets = {outlet for _, outlet, *_ in reports}
        db["outlets"].insert_all([{"id": o, "name": OUTLETS[o], "domain": o} for o in sorted(used_outlets)])
        used_actors = {actor for *_, subject, obj in reports for actor in (subject, obj) if actor}
        db["actors"].insert_all([{"id": a, "name": ACTORS[a], "type": "organisation"} for a in sorted(used_actors)])
        for position, (article_id, outlet, published, text, subject, obj) in enumerate(reports):
            db["articles"].insert({
                "id": article_id, "outlet_id": outlet, "title": text[:40], "url": f"https://{outlet}/{article_id}",
                "published": published, "published_utc": utc_sortable(published), "text": text,
                "ingested_at": f"2026-12-01T00:00:0{position}+00:00",
            })
            db["claims"].insert({
                "id": f"{article_id}-claim", "article_id": article_id, "type": "accuses", "subject_id": subject,
                "object_id": obj, "text": text, "start": 0, "end": len(text), "sentence": text,
                "sentence_start": 0, "sentence_end": len(text),
            })
    db.close()
    return path


@pytest.fixture
def months(tmp_path):
    october = build_month(tmp_path / "news-2026-10.db", OCTOBER)
    november = build_month(tmp_path / "news-2026-11.db", NOVEMBER)
    return october, november


def clusters(path):
    db = open_db(path)
    try:
        rows = list(db["claim_clusters"].rows)
        members = {row["claim_id"]: row["cluster_id"] for row in db["claim_cluster_members"].rows}
        earlier = list(db["claim_cluster_earlier"].rows)
    finally:
        db.close()
    return rows, members, earlier


def link(path, previous=None):
    db = open_db(path)
    try:
        return run_link(db, previous=previous)
    finally:
        db.close()


def file_hash(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- link --previous


def test_a_story_across_the_month_boundary_clusters_only_with_previous(months):
    october, november = months
    link(october)
    october_clusters, october_members, _ = clusters(october)
    assert len(october_clusters) == 1  # October's own story: its three reports

    report = link(november)
    assert report.clusters == 0  # alone in November, the Daily Meridian report is no story
    assert clusters(november)[0] == []

    before = file_hash(october)
    report = link(november, previous=october)
    assert file_hash(october) == before  # read, never written
    assert (report.clusters, report.continued, report.previous) == (1, 1, "news-2026-10")
    assert report.summary().endswith("1 claim cluster, 1 continued from news-2026-10")
    rows, members, earlier = clusters(november)
    [story] = rows
    assert members == {"nov-meridian-claim": story["id"]}  # only this file's claims are members
    # October's last fortnight before 2 November: not the report of 12 October
    assert [(row["claim_id"], row["period"], row["outlet_name"]) for row in earlier] == [
        ("oct-harbor-claim", "news-2026-10", "Harbor Ledger"),
        ("oct-northern-claim", "news-2026-10", "Northern Wire"),
    ]
    assert {row["earlier_cluster_id"] for row in earlier} == {october_members["oct-harbor-claim"]}
    assert (story["n_claims"], story["n_outlets"]) == (3, 3)
    # foreign keys name rows of this file: its first report here, the actors it knows
    assert (story["first_claim_id"], story["first_outlet_id"], story["subject_id"], story["object_id"]) == (
        "nov-meridian-claim", "dailymeridian.example", "ministry-of-signals", "eastmark")
    assert story["label"] == ACCUSATION  # the story's first report, in October
    db = open_db(november)
    assert db.execute("pragma foreign_key_check").fetchall() == []


def test_link_with_previous_is_idempotent_and_without_it_says_what_it_dropped(months):
    october, november = months
    link(november, previous=october)
    first = clusters(november)
    link(november, previous=october)
    assert clusters(november) == first

    result = CliRunner().invoke(cli, ["link", str(november)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("0 claim clusters")
    assert ("Note: 1 story continued from a previous period's file before are now clustered within this file "
            "only; give --previous to keep them") in result.stderr
    assert clusters(november) == ([], {}, [])


def test_link_previous_from_the_command_line_and_its_mistakes(months, tmp_path):
    october, november = months
    result = CliRunner().invoke(cli, ["link", str(november), "--previous", str(october)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("1 claim cluster, 1 continued from news-2026-10")

    result = CliRunner().invoke(cli, ["link", str(november), "--previous", str(november)])
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: {november}: --previous names the database being linked; "
                                     "give the previous period's file")
    notes = tmp_path / "notes.db"
    notes.write_bytes(b"")
    result = CliRunner().invoke(cli, ["link", str(november), "--previous", str(notes)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {notes}: not a claimgraph database (no claims table); run the pipeline on it first"


def test_re_extracting_a_member_drops_its_continued_story_whole(months):
    from claimgraph.extract.store import delete_extraction

    october, november = months
    link(november, previous=october)
    db = open_db(november)
    with db.conn:
        delete_extraction(db, "nov-meridian")
    assert (db["claim_clusters"].count, db["claim_cluster_earlier"].count) == (0, 0)


# --------------------------------------------------------------------------- ingest by period


def write_article(folder, name, text, **meta):
    (folder / f"{name}.txt").write_text(text, "utf-8")
    (folder / f"{name}.meta.json").write_text(json.dumps(meta), "utf-8")


@pytest.fixture
def sources(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_article(folder, "harbor", f"Jamming row\n\n{ACCUSATION}, officials said on Friday.",
                  title="Jamming row", url="https://harborledger.example/jamming", published="2026-10-30T09:00:00+00:00")
    # 00:30 on 1 November at +02:00 is 31 October in UTC: October's file
    write_article(folder, "northern", "Jamming row grows\n\nMinistry of Signals accuses Eastmark of jamming the link.",
                  title="Jamming row grows", url="https://northernwire.example/jamming", published="2026-11-01T00:30:00+02:00")
    write_article(folder, "meridian", "Jamming again\n\nThe Ministry of Signals again accused Eastmark of jamming.",
                  title="Jamming again", url="https://dailymeridian.example/jamming", published="2026-11-02")
    write_article(folder, "undated", "Crane delayed\n\nThe Port Authority said the new crane would arrive in March.",
                  title="Crane delayed", url="https://harborledger.example/crane")
    return folder


def article_ids(path):
    db = open_db(path, create=False)
    try:
        return sorted(row["id"] for row in db.query("select id from articles"))
    finally:
        db.close()


def test_ingest_routes_each_article_to_the_file_of_its_month(tmp_path, sources):
    template = str(tmp_path / "news-{month}.db")
    result = CliRunner().invoke(cli, ["ingest", template, str(sources)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "0 fetched, 0 cached, 0 skipped by robots.txt, 0 failed; 4 new, 0 updated, 0 unchanged, 0 duplicates",
        "Stored by period: news-2026-10.db 2 articles, news-2026-11.db 1 article, "
        "news-undated.db 1 article (no publication date)",
    ]
    files = PathTemplate.parse(template).existing()
    assert list(files) == ["2026-10", "2026-11", "undated"]
    assert [len(article_ids(path)) for path in files.values()] == [2, 1, 1]
    assert not (tmp_path / "news-{month}.db").exists()


def test_re_ingesting_is_idempotent_across_the_period_files(tmp_path, sources):
    template = str(tmp_path / "news-{month}.db")
    CliRunner().invoke(cli, ["ingest", template, str(sources)])
    files = PathTemplate.parse(template).existing()
    before = {period: article_ids(path) for period, path in files.items()}

    # the undated page gains a date, and Harbor Ledger's moves to November: each stays in the file that holds it
    meta = sources / "undated.meta.json"
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "published": "2026-11-20"}))
    meta = sources / "harbor.meta.json"
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "published": "2026-11-04T10:00:00+00:00"}))
    result = CliRunner().invoke(cli, ["ingest", template, str(sources), str(tmp_path / "missing.html")])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "0 fetched, 0 cached, 0 skipped by robots.txt, 1 failed; 0 new, 2 updated, 2 unchanged, 0 duplicates")
    assert (f"Note: {sources / 'harbor.txt'}: published in 2026-11 but kept in news-2026-10.db, which already holds it"
            in result.stderr)
    assert {period: article_ids(path) for period, path in PathTemplate.parse(template).existing().items()} == before
    undated = open_db(files["undated"])
    assert [row["item"] for row in undated.query("select item from errors where step = 'read'")] == [
        str(tmp_path / "missing.html")]


def test_a_bad_template_or_dask_with_one_says_so(tmp_path, sources):
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "news-{day}.db"), str(sources)])
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: {tmp_path / 'news-{day}.db'}: a database path template takes one "
                                     "{month} or {year}, e.g. news-{month}.db")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "news-{month}.db"), "--dask", str(sources)])
    assert result.exit_code == 2
    assert "--dask writes one database" in result.output


def test_a_year_template_and_its_cache_folder():
    template = PathTemplate.parse("archive/news_{year}.db")
    assert template.period_of("2026-12-31T23:30:00-05:00") == "2027"
    assert template.file_for("2027").as_posix() == "archive/news_2027.db"
    assert template.cache_dir().as_posix() == "archive/news.db.http-cache"


def test_the_whole_pipeline_per_month_links_a_story_across_the_boundary(tmp_path):
    """ingest by month, extract each file, link November with October: real extraction, the commands a user runs."""
    folder = tmp_path / "in"
    folder.mkdir()
    reports = [
        ("harbor", "Harbor Ledger", "2026-10-30T09:00:00+00:00", f"{ACCUSATION}, officials said."),
        ("northern", "Northern Wire", "2026-10-31T18:00:00+00:00", f"{ACCUSATION}, a spokesman said."),
        ("meridian", "Daily Meridian", "2026-11-02T08:00:00+00:00",
         "The Ministry of Signals again accused Eastmark of jamming the northern satellite link."),
    ]
    for name, outlet, published, text in reports:
        write_article(folder, name, f"Jamming row\n\n{text}", title="Jamming row", outlet=outlet,
                      url=f"https://{name}.example/jamming", published=published)
    runner = CliRunner()
    october, november = tmp_path / "news-2026-10.db", tmp_path / "news-2026-11.db"
    for command in (["ingest", str(tmp_path / "news-{month}.db"), str(folder)], ["extract", str(october)],
                    ["extract", str(november)], ["link", str(october)], ["link", str(november)]):
        result = runner.invoke(cli, command)
        assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("; 0 claim clusters")
    result = runner.invoke(cli, ["link", str(november), "--previous", str(october)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("; 1 claim cluster, 1 continued from news-2026-10")
    _, members, earlier = clusters(november)
    assert len(members) == 1 and len(earlier) == 2
    assert {row["outlet_name"] for row in earlier} == {"Harbor Ledger", "Northern Wire"}


# --------------------------------------------------------------------------- serving the periods together


@pytest.fixture
def served(months):
    october, november = months
    link(october)
    link(november, previous=october)
    for path in months:
        run_publish(path)
    return build_datasette([october, november])


async def test_the_home_page_lists_the_periods_with_their_counts(served):
    page = (await get(served, "/-/claimgraph")).text
    assert "<h2>Periods</h2>" in page
    assert 'href="/-/claimgraph/">news-2026-10</a>' in page
    assert 'href="/-/claimgraph/?db=news-2026-11">news-2026-11</a>' in page
    assert "2026-11-02 – 2026-11-03" in page
    page = (await get(served, "/-/claimgraph", db="news-2026-11")).text
    assert "this page is about <strong>news-2026-11</strong>" in page
    assert ">begun in news-2026-10</a>" in page


async def test_the_continued_story_shows_its_earlier_reports_linked_to_their_period(served):
    db = served.get_database("news-2026-11")
    story_id = (await db.execute("select id from claim_clusters")).first()[0]
    page = (await get(served, f"/-/claimgraph/story/{story_id}", db="news-2026-11")).text
    assert "Reported 3 times by 3 outlets; first by <strong>Harbor Ledger</strong> at 2026-10-30T09:00:00Z UTC" in page
    assert "<h2>Begun in news-2026-10</h2>" in page
    assert 'href="/-/claimgraph/claim/oct-harbor-claim"' in page  # October is served first: no ?db=
    page = (await get(served, "/-/claimgraph/claim/nov-meridian-claim", db="news-2026-11")).text
    assert "in news-2026-10" in page and 'href="/-/claimgraph/claim/oct-northern-claim"' in page
    page = (await get(served, "/-/claimgraph/claim/oct-harbor-claim")).text
    assert f'The story goes on in news-2026-11: <a href="/-/claimgraph/story/{story_id}?db=news-2026-11">' in page
    await get(served, "/-/claimgraph/search", q="jamming", db="news-2026-11")
    await get(served, "/-/claimgraph/graph", db="news-2026-11")
    await get(served, "/news-2026-11/claim_cluster_earlier")
    await get(served, "/news-2026-10/who-said", actor="Ministry of Signals")


async def test_two_files_of_one_name_cannot_be_served_together(months, tmp_path):
    from claimgraph.errors import InputError

    other = tmp_path / "elsewhere"
    other.mkdir()
    twin = build_month(other / "news-2026-10.db", OCTOBER)
    for path in (months[0], twin):
        run_publish(path)
    with pytest.raises(InputError, match="two databases of this file name"):
        build_datasette([months[0], twin])
