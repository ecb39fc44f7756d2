"""The public profile of ``claimgraph serve``: one request cannot stall the site, download it whole or read local paths.

Through ``datasette.client`` where a response is enough, and a real ``claimgraph serve``
where time and the log matter (a hostile query next to a home-page request, 404s in the log).
"""

from __future__ import annotations

import concurrent.futures
import shutil
import sqlite3
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.errors import InputError
from claimgraph.publish.prepare import run_publish
from claimgraph.publish.public import public_path
from claimgraph.publish.serve import build_datasette
from publish_story import build_story_db, claimgraph_serve

HUGE_BLOB = "select randomblob(1000000000)"
MANY_BLOBS = "with recursive n(i) as (select 1 union all select i + 1 from n where i < 200) select randomblob(1000000) from n"


@pytest.fixture(scope="module")
def story_path(tmp_path_factory):
    return build_story_db(tmp_path_factory.mktemp("public") / "story.db")


@pytest.fixture
def public(story_path):
    return build_datasette([story_path])


@pytest.fixture
def private(story_path):
    return build_datasette([story_path], private=True)


async def status_of(datasette, path: str, **params) -> int:
    return (await datasette.client.get(path, params=params or None)).status_code


# --------------------------------------------------------------------------- size and time


async def test_a_gigabyte_blob_is_refused_at_once(public):
    started = time.monotonic()
    response = await public.client.get("/story.json", params={"sql": HUGE_BLOB})
    assert time.monotonic() - started < 2
    assert response.status_code == 400
    assert "too big" in response.json()["error"]


async def test_many_rows_of_blobs_stop_at_the_result_budget(public):
    response = await public.client.get("/story.json", params={"sql": MANY_BLOBS})
    assert response.status_code == 400
    assert "larger than this public instance serves (20,000,000 bytes)" in response.json()["error"]
    assert len(response.content) < 10_000


async def test_a_private_instance_has_no_budget(private):
    response = await private.client.get("/story.json", params={"sql": MANY_BLOBS.replace("200", "30"), "_shape": "arrays"})
    assert response.status_code == 200
    assert len(response.json()["rows"]) == 30


def test_a_hostile_query_does_not_slow_the_home_page_of_a_running_server(story_path):
    with claimgraph_serve(story_path) as base:
        def fetch(path: str, **params) -> tuple[int, float]:
            url = f"{base}{path}" + (f"?{urllib.parse.urlencode(params)}" if params else "")
            started = time.monotonic()
            try:
                with urllib.request.urlopen(url, timeout=60) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            return status, time.monotonic() - started

        fetch("/-/claimgraph")  # warm: templates compiled, connections open
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            hostile = [pool.submit(fetch, "/story.json", sql=sql) for sql in (HUGE_BLOB, MANY_BLOBS, HUGE_BLOB)]
            time.sleep(0.05)
            home_status, home_seconds = fetch("/-/claimgraph")
            results = [future.result() for future in hostile]
    assert home_status == 200
    assert home_seconds < 2.0, f"home page took {home_seconds:.2f} s next to hostile queries"
    assert all(status == 400 and seconds < 5 for status, seconds in results), results


# --------------------------------------------------------------------------- what is published


async def test_the_whole_file_and_the_raw_pages_are_not_downloadable(public, private):
    assert await status_of(public, "/story.db") == 403
    assert await status_of(public, "/story/article_html") == 403
    response = await public.client.get("/story.json", params={"sql": "select content from article_html"})
    assert response.status_code == 400 and "prohibited" in response.json()["error"]
    assert await status_of(public, "/story/articles/a-herald") == 200  # its row page still counts links
    assert await status_of(private, "/story.db") == 200
    assert await status_of(private, "/story/article_html") == 200


@pytest.mark.parametrize("path", ["/-/versions.json", "/-/threads.json", "/-/databases.json", "/-/plugins.json", "/-/versions"])
async def test_datasette_s_debug_pages_are_closed(public, private, path):
    assert await status_of(public, path) == 404
    assert await status_of(private, path) == 200


@pytest.mark.parametrize("q", ['"', "\x00"])
async def test_a_search_the_full_text_index_cannot_parse_is_a_friendly_400(public, q):
    response = await public.client.get("/-/claimgraph/search", params={"q": q})
    assert response.status_code == 400
    assert "Cannot search for" in response.text and "Try plain words." in response.text


def test_not_found_pages_leave_no_traceback_in_the_log(story_path, tmp_path):
    log = tmp_path / "serve.log"
    with claimgraph_serve(story_path, log=log) as base:
        for path in ("/nope", "/story/articles/no-such-row", "/-/claimgraph/claim/no-such-claim", "/story/no_table"):
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(base + path, timeout=10)
            assert caught.value.code == 404
    text = log.read_text()
    assert "Traceback" not in text and "locals" not in text.lower()
    assert text.count("404 Not Found") == 4


# --------------------------------------------------------------------------- local paths


def test_public_path_keeps_urls_and_shortens_local_paths(tmp_path):
    assert public_path("https://example.com/feed.xml", tmp_path) == "https://example.com/feed.xml"
    assert public_path(str(tmp_path / "data" / "a.warc.gz"), tmp_path) == "data/a.warc.gz"
    assert public_path("/home/someone/secret/rib.bz2", tmp_path) == "rib.bz2"
    assert public_path("C:\\Users\\someone\\rib.bz2", tmp_path) == "rib.bz2"
    assert public_path("data/x.html", tmp_path) == "data/x.html"


def test_absolute_local_paths_are_refused_publicly_until_publish_shortens_them(story_path, tmp_path):
    path = tmp_path / "paths.db"
    shutil.copy(story_path, path)
    with sqlite3.connect(path) as conn:
        conn.execute("update articles set source = '/home/someone/news/herald.html' where id = 'a-herald'")
        conn.execute("update evidence_sources set path = ?", [str(tmp_path / "evidence" / "ioda.json")])
    conn.close()
    with pytest.raises(InputError, match="3 rows hold absolute local file paths"):
        build_datasette([path])
    build_datasette([path], private=True)
    result = CliRunner().invoke(cli, ["serve", str(path)])
    assert result.exit_code == 1 and "run `claimgraph publish" in result.output
    assert run_publish(path).paths_shortened == 3
    build_datasette([path])
    with sqlite3.connect(path) as conn:
        assert conn.execute("select source from articles where id = 'a-herald'").fetchone()[0] == "herald.html"
        assert {row[0] for row in conn.execute("select path from evidence_sources")} == {"evidence/ioda.json"}
    conn.close()
