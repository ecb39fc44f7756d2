"""The seed article against its gold annotation (tests/gold/seed.yml), asserted in full.

The article goes through the real ingest stage (which drops the headline lines and the
boilerplate tail) and the real extraction pipeline. Every statement and claim in the gold
file must be found with the fields it lists, and nothing else may be found, so a change
that adds or loses a statement or claim shows up here and the gold file is updated on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimgraph.ingest import run_ingest
from claimgraph.extract import run_extract

ROOT = Path(__file__).resolve().parent.parent
GOLD = yaml.safe_load((ROOT / "tests" / "gold" / "seed.yml").read_text("utf-8"))


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    from claimgraph.db import open_db

    db = open_db(tmp_path_factory.mktemp("seed") / "seed.db")
    run_ingest(db, [str(ROOT / GOLD["article"])])
    return db


@pytest.fixture(scope="module")
def seed(seed_db, nlp):
    """The seed article's Doc, extracted from the text exactly as ingest stored it."""
    article = next(seed_db["articles"].rows)
    doc = nlp.make_doc(article["text"])
    doc._.article = {"id": article["id"], "published": article["published"], "title": article["title"]}
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def test_extraction_runs_on_the_body_only(seed):
    assert seed._.article["published"].startswith(GOLD["published"])
    assert seed.text.startswith(GOLD["body_starts"])
    assert seed.text.rstrip().endswith(GOLD["body_ends"])


def test_actors(seed):
    keys = set(seed._.actors)
    assert set(GOLD["actors"]) <= keys
    assert not keys & set(GOLD["not_actors"])


def _statement_row(doc, statement) -> dict:
    return {
        "content": statement.content_text(doc),
        "speaker": statement.speaker_actor,
        "speaker_text": statement.speaker.text if statement.speaker is not None else None,
        "cue": statement.cue.text if statement.cue is not None else None,
        "kind": statement.kind,
    }


def _matches_statement(row: dict, gold: dict) -> bool:
    return row["content"].startswith(gold["content_starts"])


@pytest.mark.parametrize("gold", GOLD["statements"], ids=[g["content_starts"][:40] for g in GOLD["statements"]])
def test_gold_statement(seed, gold):
    rows = [_statement_row(seed, s) for s in seed._.statements]
    found = [row for row in rows if _matches_statement(row, gold)]
    assert len(found) == 1, f"no single statement starting {gold['content_starts']!r}: {rows}"
    row = found[0]
    if "content_ends" in gold:
        assert row["content"].endswith(gold["content_ends"])
    for field in ("speaker", "speaker_text", "cue", "kind"):
        if field in gold:
            assert row[field] == gold[field], f"{field}: {row}"


def test_no_statement_beyond_the_gold(seed):
    rows = [_statement_row(seed, s) for s in seed._.statements]
    extra = [row for row in rows if not any(_matches_statement(row, gold) for gold in GOLD["statements"])]
    assert extra == []


def _claim_row(doc, claim) -> dict:
    statements = doc._.statements
    return {
        "type": claim.type,
        "text": claim.text(doc),
        "source": claim.source,
        "subject": claim.subject,
        "object": claim.object,
        "polarity": claim.polarity,
        "certainty": claim.certainty,
        "hedge": claim.hedge,
        "condition": claim.condition,
        "event_time": claim.event_time,
        "event_time_text": claim.event_time_text,
        "statement": statements[claim.statement].content_text(doc) if claim.statement is not None else None,
        "quantities": [
            {
                "text": q.text, "value": q.value, "unit": q.unit, "kind": q.kind,
                "normalized_value": q.normalized_value, "normalized_unit": q.normalized_unit, "qualifier": q.qualifier,
            }
            for q in claim.quantities
        ],
    }


def _matches_claim(row: dict, gold: dict) -> bool:
    same = row["type"] == gold["type"] and row["text"].startswith(gold["text_starts"])
    # Two gold claims may share a text ("Anonymous and Lizard Squad"): the source tells them apart.
    return same and ("source" not in gold or row["source"] == gold["source"])


@pytest.mark.parametrize(
    "gold", GOLD["claims"], ids=[f"{g['type']}:{g['text_starts'][:30]}:{g.get('source')}" for g in GOLD["claims"]]
)
def test_gold_claim(seed, gold):
    rows = [_claim_row(seed, c) for c in seed._.claims]
    found = [row for row in rows if _matches_claim(row, gold)]
    assert len(found) == 1, f"no single {gold['type']} claim starting {gold['text_starts']!r}: {[(r['type'], r['text'][:50], r['source']) for r in rows]}"
    row = found[0]
    if "text_ends" in gold:
        assert row["text"].endswith(gold["text_ends"])
    for field in ("subject", "object", "polarity", "certainty", "hedge", "condition", "event_time", "event_time_text"):
        if field in gold:
            assert row[field] == gold[field], f"{field}: {row}"
    if "statement" in gold:
        if gold["statement"] is None:
            assert row["statement"] is None
        else:
            assert row["statement"] is not None and row["statement"].startswith(gold["statement"])
    if "certainty_below" in gold:
        assert row["certainty"] < gold["certainty_below"]
    if "quantities" in gold:
        assert row["quantities"] == [
            {**q, "value": float(q["value"]), "normalized_value": float(q["normalized_value"])} for q in gold["quantities"]
        ]


def test_no_claim_beyond_the_gold(seed):
    rows = [_claim_row(seed, c) for c in seed._.claims]
    extra = [(row["type"], row["text"]) for row in rows if not any(_matches_claim(row, gold) for gold in GOLD["claims"])]
    assert extra == []


def test_the_extract_stage_stores_the_gold_in_the_database(seed_db):
    run_extract(seed_db)
    speakers = {row["speaker_id"] for row in seed_db["statements"].rows}
    assert {"samantha-power", "marie-harf", "dyn-research", "security-researcher-arbor-networks"} <= speakers
    assert seed_db.execute("select count(*) from statements where field is null").fetchone()[0] == len(GOLD["statements"])
    assert seed_db.execute("select count(*) from claims where field is null").fetchone()[0] == len(GOLD["claims"])
    dyn = seed_db.execute(
        "select q.text, q.normalized_value, q.normalized_unit from quantities q join claims c on c.id = q.claim_id "
        "where c.source_actor_id = 'dyn-research' order by q.start"
    ).fetchall()
    assert dyn == [("1,024 IP addresses", 1024.0, "addresses"), ("9 hours", 32400.0, "s")]
    [restored] = seed_db.execute("select event_time from claims where event_time_text = 'noon Tuesday local time'").fetchall()
    assert restored == ("2014-12-23T12:00:00+09:00",)


def test_the_standfirst_is_read_as_text_of_the_article(seed_db):
    """The seed's standfirst, "Days after the U.S. accused North Korea of a massive cyberattack, ...", holds an accusation."""
    run_extract(seed_db)
    (article,) = seed_db["articles"].rows
    rows = seed_db.execute(
        "select type, subject_id, object_id, text, start, \"end\" from claims where field = 'description'").fetchall()
    assert ("accuses", "united-states", "north-korea") in [row[:3] for row in rows]
    for _, _, _, text, start, end in rows:
        assert article["description"][start:end] == text  # offsets point into the standfirst
