"""Event frames, verdicts and stories on the dev corpus (tests/fixtures/frames), through the real CLI.

The corpus reproduces each failure class of issue 12 on the North Korea outages of December
2014 and on other measured events (Egypt 2011, Syria 2012, Rogers 2022, Facebook 2021, the
Dyn and GitHub attacks, Cloudflare 2019). ``gold.yml`` says what each figure should get; the
scoring is benchmarks/verdicts.py's, so the test and the benchmark agree on what "right" is.
The rule tests at the end read frames from plain claim dicts, without a model.
"""

from __future__ import annotations

import gc
import importlib.util
import math
import sys
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from claimgraph.link.frames import LATER, Frame, fine_qualifier, figure_interval, frames_for_claim

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "frames"
GOLD = yaml.safe_load((CORPUS / "gold.yml").read_text("utf-8"))
HOUR = 3600


def _benchmark():
    spec = importlib.util.spec_from_file_location("verdicts_benchmark", ROOT / "benchmarks" / "verdicts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    """ingest -> extract -> evidence import -> link through the CLI, then the benchmark's score."""
    benchmark = _benchmark()
    path = tmp_path_factory.mktemp("frames") / "frames.db"
    benchmark.build_db(CORPUS, path)
    return benchmark.score(path, GOLD), path


def _entries(scored, failure_class):
    return [outcome for outcome in scored[0]["outcomes"] if outcome.gold.get("class") == failure_class]


@pytest.mark.parametrize("failure_class", [1, 2, 3, 4, 5, 6], ids=[
    "1-period-before-the-event", "2-time-since-another-event", "3-clock-time-is-no-duration",
    "4-the-right-measured-event", "5-qualifiers-and-time-zones", "6-one-story-whatever-the-wording",
])
def test_each_failure_class_gets_the_right_verdict(scored, failure_class):
    outcomes = _entries(scored, failure_class)
    assert outcomes
    wrong = [(o.gold["article"], o.gold["figure"], o.expected, o.got) for o in outcomes if not o.right]
    assert not wrong


def test_no_false_contradiction_anywhere(scored):
    result = scored[0]
    assert result["contradicts"] > 0
    assert result["contradicts_wrong"] == [], [row["explanation"] for row in result["contradicts_wrong"]]


def test_supported_figures_are_found(scored):
    result = scored[0]
    assert result["supports_found"] / result["supports_wanted"] >= 0.9


def test_stories_hold_one_attribute_of_one_event(scored):
    result = scored[0]
    assert (result["purity"], result["completeness"]) == (1.0, 1.0), (result["impure"], result["incomplete"])


def test_class_7_the_standfirst_is_read(scored):
    assert all(found for _, found in scored[0]["headline"])


def test_the_length_story_is_labelled_and_its_conflicts_say_who_and_by_how_much(scored):
    import sqlite3

    with closing(sqlite3.connect(scored[1])) as conn:
        labels = dict(conn.execute("select label, note from claim_clusters").fetchall())
    first = [label for label in labels if label.startswith("Length of the first outage of North Korea, 22 Dec 2014 16:15")]
    assert len(first) == 1 and " reports, " in first[0] and "first: Ridgeline Post" in first[0]
    egypt = next(note for label, note in labels.items() if label.startswith("Length of the outage of Egypt"))
    assert "'more than a week' (Desert Gazette) disagrees with" in egypt and "by at least 24 h" in egypt
    assert all(len(label.split()) >= 4 for label in labels)


def test_a_contradiction_names_the_event_and_the_mislabelled_zone(scored):
    import sqlite3

    with closing(sqlite3.connect(scored[1])) as conn:
        (explanation,) = conn.execute(
            "select explanation from claim_evidence where verdict = 'contradicts' and claimed like '%3:40 p.m.%'").fetchone()
    assert explanation.startswith("The second outage of North Korea, 23 Dec 2014 15:41\u201316:12 UTC")
    assert "UTC mislabelled as local time" in explanation


# --------------------------------------------------------------------------- rules, without a model


def claim(text, *, published="2014-12-23T20:00:00+00:00", event_time=None, country="KP"):
    return {"id": "c", "article_id": "a", "text": text, "sentence": text, "start": None, "sentence_start": None,
            "published": published, "event_time": event_time, "event_time_text": None, "subject_country": country}


def hours(text, value, qualifier="exact"):
    return {"text": text, "value": value, "normalized_value": value * HOUR, "normalized_unit": "s", "qualifier": qualifier}


def frames(text, quantities=(), **options) -> list[Frame]:
    return frames_for_claim(claim(text, **options), list(quantities), ("country:KP",), "North Korea")


@pytest.mark.parametrize("text, figure, role, kind", [
    ("connectivity had been degrading for the past 24 hours before it failed", "24 hours", "period_before", "degradation"),
    ("routes were withdrawn for 20 minutes before the country vanished", "20 minutes", "period_before", "outage"),
    ("after more than 24 hours of unstable routing it went offline", "more than 24 hours", "measurement", "degradation"),
    ("the outage came two days after the President promised a response", "two days", "since_other_event", "outage"),
    ("restored nearly two days after the outage began", "nearly two days", "measurement", "outage"),
    ("it was offline for 9 hours before service returned", "9 hours", "measurement", "outage"),
    ("the Council spent 2 hours debating", "2 hours", "no_event", None),
])
def test_duration_rules(text, figure, role, kind):
    value = 24 if "24" in figure else 2 if "two" in figure or "2 " in figure else 9 if "9" in figure else 1 / 3
    (frame,) = [f for f in frames(text, [hours(figure, value)]) if f.attribute == "duration"]
    assert (frame.role, frame.kind) == (role, kind)


def test_a_clock_time_is_a_moment_never_a_duration():
    found = frames("went down about 2 a.m. Tuesday and stayed down for more than 9 1/2 hours",
                   [hours("more than 9 1/2 hours", 9.5, "more_than")], event_time="2014-12-23T02:00:00")
    assert [(f.attribute, f.role) for f in found] == [("duration", "measurement"), ("start", "no_zone")]


@pytest.mark.parametrize("text, attributes", [
    ("the outage began at 04:10 UTC and traffic came back at 10:25 UTC", ["start", "end"]),
    ("it went down at 04:10 UTC and at 10:25 UTC came back", ["start", "end"]),
    ("Shortly after noon UTC the country went out, and came back at 6 p.m. UTC", ["start", "end"]),
    # no verb of its own: the time's role is unclear, so it is not read (never checked as an end)
    ("the outage, at 04:10 UTC and restored at 10:25 UTC", ["end"]),
])
def test_a_verb_with_its_own_clock_time_is_not_read_onto_another(text, attributes):
    found = frames(text, event_time="2014-12-23")
    assert [f.attribute for f in found] == attributes


def test_local_time_is_the_subjects_zone_and_again_is_a_later_event():
    (frame,) = frames("On Tuesday North Korea went offline again at 3:40 p.m. local time", event_time="2014-12-23")
    assert (frame.attribute, frame.ordinal) == ("start", LATER)
    middle = datetime.fromtimestamp((frame.readings[0].low + frame.readings[0].high) / 2, timezone.utc)
    assert middle == datetime(2014, 12, 23, 6, 40, tzinfo=timezone.utc)  # 15:40 in Pyongyang (UTC+9)


def test_conflicting_zone_labels_give_two_readings():
    (frame,) = frames("That first outage began at 01:15 UTC Tuesday in Pyongyang", event_time="2014-12-23")
    assert frame.ordinal == 1
    assert [r.label for r in frame.readings] == ["UTC", "Pyongyang time"]
    assert "disagree" in frame.note


@pytest.mark.parametrize("written, coarse, value, step, inside, outside", [
    ("nearly 10 hours", "approximately", 10, 1, 9.52, 10.1),
    ("just over an hour", "more_than", 1, 1, 1.5, 0.52),
    ("less than an hour", "less_than", 1, 1, 0.52, 1.1),
    ("about six hours", "approximately", 6, 1, 5.5, 7.5),
    ("more than 9 1/2 hours", "more_than", 9.5, 1, 9.52, 9.4),
    ("a little less than six days", "less_than", 144, 24, 130.9, 150),
    ("9 hours", "exact", 9, 1, 9.52, 10.2),
    ("a few hours", "exact", 3, 1, 4.5, 0.52),
])
def test_qualifiers_are_intervals(written, coarse, value, step, inside, outside):
    qualifier = fine_qualifier(written, coarse)
    low, high = figure_interval(value * HOUR, step * HOUR, qualifier, "duration")
    assert low <= inside * HOUR <= high
    assert not (low <= outside * HOUR <= high)
    assert high == math.inf or high >= low


async def test_the_claim_page_shows_the_frame_and_the_home_page_the_story_label(scored):
    import re
    import sqlite3

    from click.testing import CliRunner

    from claimgraph.cli import cli
    from claimgraph.publish.serve import build_datasette

    path = scored[1]
    with closing(sqlite3.connect(path)) as conn:
        (claim_id,) = conn.execute("select claim_id from claim_frames where written = 'just over an hour'").fetchone()
        (description_claim,) = conn.execute("select id from claims where field = 'description'").fetchone()
    gc.collect()  # the in-process CLI runs above left their connections to the garbage collector
    result = CliRunner().invoke(cli, ["publish", str(path)])
    assert result.exit_code == 0, result.output
    datasette = build_datasette([path])
    page = re.sub(r"\s+", " ", (await datasette.client.get(f"/-/claimgraph/claim/{claim_id}")).text)
    assert "What it says about which event" in page
    assert "just over an hour" in page and "outage of North Korea" in page and "the second outage of North Korea" in page
    home = (await datasette.client.get("/-/claimgraph/")).text
    assert "Length of the first outage of North Korea" in home
    standfirst = (await datasette.client.get(f"/-/claimgraph/claim/{description_claim}")).text
    assert "In the article: the standfirst" in standfirst


def test_an_old_database_keys_its_verdicts_by_frame(tmp_path):
    import sqlite3

    from claimgraph.db import open_db
    from claimgraph.schema import SCHEMA_VERSION

    path = tmp_path / "old.db"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("create table claim_evidence (claim_id text, measurement_id text, verdict text, rule text, claimed text, "
                     "measured text, explanation text, linked_at text, primary key (claim_id, measurement_id))")
        conn.execute("insert into claim_evidence values ('c', 'm', 'supports', 'r', '9 hours', '9 h 31 min', 'e', 't')")
        conn.commit()
    db = open_db(path)
    assert db["claim_evidence"].pks == ["claim_id", "measurement_id", "frame_id"]
    assert [(row["claim_id"], row["frame_id"]) for row in db["claim_evidence"].rows] == [("c", "")]
    assert db["claimgraph_meta"].get("schema_version")["value"] == str(SCHEMA_VERSION)
    assert db["claim_frames"].exists()
