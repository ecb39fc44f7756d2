"""Publishing: `claimgraph publish` prepares a database, metadata.json documents it, serving is configured from one file."""

from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.cli import cli
from claimgraph.db import open_db
from claimgraph.schema import TABLES
from claimgraph.errors import InputError
from claimgraph.publish.config import read_config
from claimgraph.ingest.urls import absolute_http_url
from claimgraph.publish.markup import Span, highlight, paragraphs, snippet_html, wikidata_href
from claimgraph.publish.metadata import PACKAGED_METADATA, find_metadata, metadata_for, read_metadata, with_table_docs
from claimgraph.publish.prepare import run_publish
from claimgraph.publish.serve import build_datasette, check_database
from conftest import ROOT
from publish_story import build_story_db, claimgraph_serve


# --------------------------------------------------------------------------- claimgraph publish


def test_publish_makes_rows_written_before_the_index_searchable(db_path):
    db = open_db(db_path)
    db["articles"].insert({"id": "a1", "title": "Outage", "text": "The network went dark."})
    db.execute("delete from articles_fts")  # as if the row predates the full-text index
    db.conn.commit()
    db.close()

    report = run_publish(db_path)

    conn = sqlite3.connect(db_path)
    hits = conn.execute("select rowid from articles_fts where articles_fts match 'dark'").fetchall()
    assert len(hits) == 1
    assert report.fts_rows["articles"] == 1


def test_publish_leaves_one_self_contained_file_with_statistics(db_path):
    open_db(db_path).close()
    report = run_publish(db_path)
    conn = sqlite3.connect(db_path)
    assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"
    assert not Path(f"{db_path}-wal").exists()
    assert conn.execute("select count(*) from sqlite_master where name = 'sqlite_stat1'").fetchone()[0] == 1
    assert report.indexes >= 20


def test_publish_leaves_no_free_pages(db_path):
    db = open_db(db_path)
    db["articles"].insert_all({"id": str(n), "text": "filler " * 500} for n in range(200))
    db.execute("delete from articles")
    db.conn.commit()
    db.close()
    run_publish(db_path)
    assert sqlite3.connect(db_path).execute("pragma freelist_count").fetchone()[0] == 0


def test_publish_is_idempotent(tmp_path):
    path = build_story_db(tmp_path / "story.db")
    first = run_publish(path)
    second = run_publish(path)
    assert first.fts_rows == second.fts_rows == {"articles": 3, "statements": 5, "claims": 6}


def test_publish_command_prints_how_to_serve(tmp_path):
    path = build_story_db(tmp_path / "story.db")
    result = CliRunner().invoke(cli, ["publish", str(path)])
    assert result.exit_code == 0, result.output
    assert "full-text search over 3 articles, 5 statements, 6 claims" in result.output
    assert f"claimgraph serve {path}" in result.output


def test_publish_refuses_a_file_that_is_not_a_database(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("not sqlite " * 100)
    result = CliRunner().invoke(cli, ["publish", str(bogus)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bogus}: not a SQLite database")


def test_serve_refuses_a_file_that_is_not_a_database(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("not sqlite " * 100)
    result = CliRunner().invoke(cli, ["serve", str(bogus)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bogus}: not a SQLite database")
    assert "Traceback" not in result.output


def test_serve_refuses_a_database_with_unsaved_write_ahead_log(tmp_path):
    path = tmp_path / "busy.db"
    open_db(path).close()
    db = open_db(path)  # an existing file opens in WAL mode; while open, new rows sit in the -wal file
    db["outlets"].insert({"id": "x", "name": "X"})
    with pytest.raises(InputError, match="run `claimgraph publish"):
        check_database(path)
    db.close()


def test_serve_command_serves_the_pages_over_http_read_only(tmp_path):
    path = build_story_db(tmp_path / "story.db")
    before = path.read_bytes()
    with claimgraph_serve(path, "--allow-robots") as base:
        with urllib.request.urlopen(f"{base}/-/claimgraph/actor/anna-berg") as response:
            assert "<h1>Anna Berg</h1>" in response.read().decode()
        with urllib.request.urlopen(f"{base}/robots.txt") as response:
            assert response.read().decode().startswith("User-agent: *\nDisallow: /-/claimgraph/graph.\n")
        request = urllib.request.Request(f"{base}/story", data=b"sql=delete+from+claims", method="POST")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request)
        assert refused.value.code == 405
    assert path.read_bytes() == before


# --------------------------------------------------------------------------- metadata.json


def test_metadata_json_holds_only_hand_written_keys():
    tables = read_metadata(PACKAGED_METADATA)["databases"]["claimgraph"]["tables"]
    written_here = {name: sorted({"description", "columns"} & set(entry)) for name, entry in tables.items()}
    assert not any(written_here.values()), f"table and column descriptions belong in schema.py: {written_here}"


def test_metadata_has_title_licence_and_linked_sources():
    metadata = read_metadata(PACKAGED_METADATA)
    assert metadata["title"] and metadata["license"] and metadata["license_url"].startswith("https://")
    assert metadata["source_url"].startswith("https://")
    assert 'href="https://stat.ripe.net/"' in metadata["description_html"]


def test_every_facet_sort_and_label_column_names_a_real_column():
    tables = {table.name: table for table in TABLES}
    described = read_metadata(PACKAGED_METADATA)["databases"]["claimgraph"]["tables"]
    for name, entry in described.items():
        assert name in tables, f"metadata.json describes {name}, which schema.py does not declare"
        columns = set(tables[name].columns)
        named = set(entry.get("facets", [])) | set(entry.get("units", {}))
        named |= {entry[key] for key in ("sort", "sort_desc", "label_column") if key in entry}
        assert named <= columns, f"{name}: {sorted(named - columns)} are not columns"


def test_table_docs_keep_hand_written_keys_and_drop_vanished_tables():
    hand_written = {"databases": {"claimgraph": {"tables": {
        "claims": {"facets": ["type"], "description": "stale"},
        "old_table": {"description": "gone"},
    }}}}
    tables = with_table_docs(hand_written)["databases"]["claimgraph"]["tables"]
    assert tables["claims"]["facets"] == ["type"]
    assert tables["claims"]["description"].startswith("Checkable propositions")
    assert "old_table" not in tables
    assert set(tables) == {table.name for table in TABLES}


def test_the_claimgraph_entry_applies_to_any_database_name():
    metadata = metadata_for(read_metadata(PACKAGED_METADATA), ["news", "archive"])
    assert set(metadata["databases"]) == {"news", "archive"}
    assert metadata["databases"]["news"]["tables"]["claims"]["columns"]["polarity"].startswith("positive")


def test_metadata_next_to_the_database_wins_over_the_bundled_one(tmp_path):
    db = tmp_path / "news.db"
    assert find_metadata(db) == PACKAGED_METADATA
    (tmp_path / "metadata.json").write_text('{"title": "Our newsroom"}')
    assert find_metadata(db) == tmp_path / "metadata.json"
    assert find_metadata(db, explicit=PACKAGED_METADATA) == PACKAGED_METADATA


def test_broken_metadata_is_a_one_line_error(tmp_path):
    path = build_story_db(tmp_path / "story.db")
    broken = tmp_path / "broken.json"
    broken.write_text("{'title': ")
    result = CliRunner().invoke(cli, ["serve", str(path), "--metadata", str(broken)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {broken}: not valid JSON metadata")


# --------------------------------------------------------------------------- datasette.yaml


def test_bundled_config_is_shaped_like_datasette_1_yaml():
    config = read_config()
    assert set(config) == {"settings", "plugins"}
    assert config["plugins"]["claimgraph"]["robots"]["allow"] is False


@pytest.mark.parametrize(
    "text,message",
    [
        ("settings:\n  page_size_typo: 3\n", "unknown Datasette settings ['page_size_typo']"),
        ("plugins:\n  claimgraph:\n    robots:\n      allow: maybe\n", "robots.allow must be true or false"),
        ("plugins:\n  claimgraph:\n    robots:\n      disallow: [private]\n", "paths starting with /"),
        ("plugins:\n  claimgraph:\n    graph:\n      max_page_nodes: 0\n", "graph.max_page_nodes must be a positive"),
        ("- just\n- a list\n", "must be a mapping"),
    ],
)
def test_config_mistakes_name_the_key(tmp_path, text, message):
    path = tmp_path / "datasette.yaml"
    path.write_text(text)
    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("]", r"\]")):
        read_config(path)


def test_build_datasette_serves_immutable_with_settings_and_plugin_config(tmp_path):
    path = build_story_db(tmp_path / "story.db")
    datasette = build_datasette([path], allow_robots=True)
    database = datasette.get_database("story")
    assert database.is_mutable is False
    assert datasette.setting("default_page_size") == read_config()["settings"]["default_page_size"]
    assert datasette.plugin_config("claimgraph")["robots"]["allow"] is True


def test_the_about_link_follows_base_url(tmp_path):
    path = build_story_db(tmp_path / "story.db")
    config = tmp_path / "datasette.yaml"
    config.write_text("settings:\n  base_url: /news/\n")
    datasette = build_datasette([path], config=config)
    assert datasette.metadata("about_url") == "/news/-/claimgraph"


# --------------------------------------------------------------------------- markup


def test_highlight_splits_paragraphs_and_nests_the_claim_in_its_sentence():
    text = "First paragraph.\n\nShe said the sky is green. Then left."
    sentence = text.index("She")
    claim = text.index("the sky")
    paragraphs = highlight(text, [Span(sentence, text.index(" Then"), "sentence"), Span(claim, claim + 16, "claim", "c")])
    assert [[s.text for s in p] for p in paragraphs] == [
        ["First paragraph."],
        ["She said ", "the sky is green", ".", " Then left."],
    ]
    assert paragraphs[1][1].classes == ("sentence", "claim")
    assert paragraphs[1][1].anchor == "c"
    assert paragraphs[1][3].classes == ()


def test_windows_line_endings_still_separate_paragraphs():
    assert paragraphs("One.\r\n\r\nTwo.\r\n") == [(0, 5), (8, 14)]


def test_highlight_survives_offsets_outside_the_text():
    paragraphs = highlight("Short.", [Span(-5, 3, "a"), Span(4, 99, "b"), Span(5, 2, "inverted"), Span(None, None, "none")])
    assert [(s.text, s.classes) for s in paragraphs[0]] == [("Sho", ("a",)), ("r", ()), ("t.", ("b",))]


@given(
    text=st.text(alphabet=st.sampled_from(["a", "é", "😀", " ", "\n", "\r", "<", "&", '"']), max_size=60),
    spans=st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70), st.sampled_from(["s", "c", "q"])), max_size=4),
)
def test_highlight_keeps_every_character_and_marks_exactly_the_spans(text, spans):
    requested = [Span(start, end, css) for start, end, css in spans]
    for (para_start, para_end), segments in zip(paragraphs(text), highlight(text, requested), strict=True):
        assert "".join(segment.text for segment in segments) == text[para_start:para_end]
        position = para_start
        for segment in segments:
            for offset in range(position, position + len(segment.text)):
                covering = tuple(s.css_class for s in requested if max(0, s.start) <= offset < min(len(text), s.end))
                assert segment.classes == covering
            position += len(segment.text)


def test_snippets_are_escaped_before_they_are_marked():
    html = snippet_html('<script>x</script> \x02outage\x03 "><img onerror=y> \x02open')
    assert str(html) == "&lt;script&gt;x&lt;/script&gt; <mark>outage</mark> &#34;&gt;&lt;img onerror=y&gt; <mark>open</mark>"


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://example.com/a?b=1", "https://example.com/a?b=1"),
        ("http://example.com", "http://example.com"),
        ("javascript:alert(1)", None),
        ("  JavaScript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html,<script>x</script>", None),
        ("//evil.example/x", None),
        ("/relative", None),
        ("https:///nohost", None),
        (None, None),
    ],
)
def test_only_http_links_are_links(url, expected):
    assert absolute_http_url(url) == expected


def test_wikidata_links_only_for_q_ids():
    assert wikidata_href("Q42") == "https://www.wikidata.org/wiki/Q42"
    assert wikidata_href("javascript:alert(1)") is None
    assert wikidata_href("Q42/../../x") is None


def test_metadata_json_is_valid_json_for_plain_datasette():
    json.loads(PACKAGED_METADATA.read_text("utf-8"))


def test_the_checkout_metadata_json_is_the_bundled_file_not_a_copy():
    top = ROOT / "metadata.json"
    assert top.is_symlink() and top.resolve() == PACKAGED_METADATA.resolve()


# Written with different UTC offsets, their text order is the reverse of their time order.
EARLY_IN_SEOUL = "2014-12-23T08:00:00+09:00"  # 22 Dec 23:00 UTC
LATER_IN_NEW_YORK = "2014-12-22T19:30:00-05:00"  # 23 Dec 00:30 UTC


def test_actor_pages_list_statements_in_utc_order(tmp_path):
    from claimgraph.publish.records import ACTOR_STATEMENTS_SQL
    from claimgraph.timeutil import utc_sortable

    db = open_db(tmp_path / "offsets.db")
    db["actors"].insert({"id": "kim", "name": "Kim"})
    for article_id, published in (("seoul", EARLY_IN_SEOUL), ("new-york", LATER_IN_NEW_YORK)):
        db["articles"].insert({"id": article_id, "title": article_id, "text": "x", "published": published,
                               "published_utc": utc_sortable(published)})
        db["statements"].insert({"id": article_id, "article_id": article_id, "speaker_id": "kim", "content": "x", "start": 0})
    latest_first = [row[0] for row in db.execute(ACTOR_STATEMENTS_SQL, {"id": "kim", "limit": 10})]
    assert latest_first == ["new-york", "seoul"]


def test_the_timeline_orders_events_as_instants_and_undated_last():
    from claimgraph.publish.records import timeline

    def statement(claim_id, published):
        return {"published": published, "content": claim_id, "claim_id": claim_id, "article_id": "a",
                "article_title": "t", "outlet_name": "o"}

    actor = {"statements": [statement("undated", None), statement("later", LATER_IN_NEW_YORK), statement("early", EARLY_IN_SEOUL)],
             "claims_made": [], "claims_about": []}
    assert [event["claim_id"] for event in timeline(actor)] == ["early", "later", "undated"]


def test_serve_on_a_port_in_use_is_a_one_line_error(tmp_path):
    import socket

    db_path = tmp_path / "news.db"
    open_db(db_path).conn.close()
    run_publish(db_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", str(db_path), "--port", str(port)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: cannot serve on 127.0.0.1:{port}: Address already in use; pick another port with --port")
