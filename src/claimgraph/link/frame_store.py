"""Frames in the database: read what every claim's frames are made of at the start of the link stage, write ``claim_frames``.

:func:`read_frame_inputs` also decides whom each claim's measurement is about (:func:`claim_subjects`),
from the claim's actors, the measured subjects its sentence names, else its article's.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict

import sqlite_utils

from ..db import upsert_rows
from .figures import format_moment_span, format_span
from ..timeutil import parse_iso
from .frames import Frame


def read_frame_inputs(db: sqlite_utils.Database) -> tuple[list[tuple], list[tuple[str, str]]]:
    """What :func:`frames_for_claim` reads of each positive claim, in claim id order, and the claims it cannot read.

    Each item is ``(claim row with published and subject_country, its quantities, subject keys,
    subject name)``; each error ``(claim id, message)`` for a claim whose event time is not ISO 8601.
    """
    subjects = claim_subjects(db)
    quantities: dict[str, list[dict]] = {}
    for row in db["quantities"].rows_where("claim_id is not null", order_by="start"):
        quantities.setdefault(row["claim_id"], []).append(row)
    inputs, errors = [], []
    for claim in db.query(
        "select claims.*, articles.published from claims left join articles on articles.id = claims.article_id "
        "where coalesce(claims.polarity, 'positive') != 'negative' order by claims.id"
    ):
        keys, name, country = subjects.get(claim["id"], ((), None, None))
        claim["subject_country"] = country
        if claim.get("event_time") and parse_iso(claim["event_time"]) is None:
            errors.append((claim["id"], f"claim {claim['id']}: event time {claim['event_time']!r} is not ISO 8601"))
            continue
        inputs.append((claim, quantities.get(claim["id"], []), keys, name))
    return inputs, errors


def claim_subjects(db: sqlite_utils.Database) -> dict[str, tuple[tuple[str, ...], str | None, str | None]]:
    """claim id -> (subject keys, subject name, country): whom its measurement is about.

    The claim's subject or object when measurements exist for it, else the one measured
    subject its sentence names (as an actor mention, or the measured subject's name written
    out: "Facebook" whether or not the NER found it), else the one its article names.
    Keys are ``country:KP`` and ``actor:<alias key>`` (every alias of a named actor).
    """
    from ..names import alias_key

    measured = {f"country:{country}" for (country,) in db.execute(
        "select distinct country from measurements where country is not null and subject_type != 'actor'")}
    written_names = {subject: f"actor:{alias_key(subject)}" for (subject,) in db.execute(
        "select distinct subject from measurements where subject_type = 'actor'")}
    measured |= set(written_names.values())
    if not measured:
        return {}
    aliases: dict[str, set[str]] = {}
    for actor_id, key in db.execute("select actor_id, alias_key from actor_aliases"):
        aliases.setdefault(actor_id, set()).add(key)
    actors: dict[str, tuple[tuple[str, ...], str, str | None]] = {}
    for actor_id, name, actor_type, country in db.execute("select id, name, type, country from actors"):
        if actor_type == "country":
            keys = {f"country:{country}"} if country else set()
        else:
            keys = {f"actor:{key}" for key in aliases.get(actor_id, set()) | {alias_key(name)}}
        keys &= measured
        if keys:
            actors[actor_id] = (tuple(sorted(keys)), name, country)
    by_name = {key: (key_tuple, name, country) for key_tuple, name, country in actors.values() for key in key_tuple}
    for subject, key in written_names.items():
        by_name.setdefault(key, ((key,), subject, None))
    mentions: dict[str, list[tuple[int, str, str | None]]] = {}
    for article_id, actor_id, start, field in db.execute(
        "select article_id, actor_id, start, field from mentions where actor_id is not null"
    ):
        if actor_id in actors:
            mentions.setdefault(article_id, []).append((start, actor_id, field))
    texts = dict(db.execute("select id, text from articles").fetchall())

    def named(article_id: str, low: int | None, high: int | None, text: str | None, field: str | None = None) -> set[tuple[str, ...]]:
        found = {actors[a][0] for start, a, where in mentions.get(article_id, [])
                 if low is None or (where == field and low <= start < high)}
        for subject, key in written_names.items():
            # a name inside a longer one ("Dyn" in "Dyn Research") is another actor
            if text and re.search(r"(?<![A-Z][a-z] )\b" + re.escape(subject) + r"\b(?!\s+[A-Z])", text):
                found.add(by_name[key][0])
        return found

    result = {}
    for claim_id, article_id, subject_id, object_id, sentence, sentence_start, sentence_end, field in db.execute(
        "select id, article_id, subject_id, object_id, coalesce(sentence, text), sentence_start, sentence_end, field from claims"
    ):
        chosen = next((actors[a] for a in (subject_id, object_id) if a in actors), None)
        if chosen is None:
            inside = named(article_id, sentence_start if sentence_start is not None else -1, sentence_end or 0, sentence, field)
            if len(inside) == 1:
                chosen = by_name[next(iter(inside))[0]]
        if chosen is None:
            everywhere = named(article_id, None, None, texts.get(article_id))
            if len(everywhere) == 1:
                chosen = by_name[next(iter(everywhere))[0]]
        if chosen is not None:
            result[claim_id] = chosen
    return result


def save_frames(db: sqlite_utils.Database, frames: list[Frame]) -> None:
    """Rewrite ``claim_frames`` (frames are derived from claims, so the whole table is replaced)."""
    rows = [frame_row(frame) for frame in frames]
    with db.conn:
        db.conn.execute("delete from claim_frames")
        upsert_rows(db, "claim_frames", rows, conflict="replace", partial=True)


def frame_row(frame: Frame) -> dict:
    reading = frame.readings[0] if frame.readings else None
    return {
        "id": frame.id, "claim_id": frame.claim_id, "article_id": frame.article_id, "kind": frame.kind,
        "subject": frame.subjects[0] if frame.subjects else None, "subject_name": frame.subject_name,
        "attribute": frame.attribute, "role": frame.role, "written": frame.written, "start": frame.start, "end": frame.end,
        "qualifier": frame.qualifier, "unit": frame.unit,
        "low": _finite(reading.low) if reading else None, "high": _finite(reading.high) if reading else None,
        "claimed": describe_claimed(frame), "ordinal": frame.ordinal,
        "readings": json.dumps([{**asdict(r), "low": _finite(r.low), "high": _finite(r.high)} for r in frame.readings]),
        "event_id": frame.event_id, "event_label": frame.event_label, "binding": frame.binding, "note": frame.note,
    }


def _finite(value: float) -> float | None:
    return value if value not in (float("inf"), float("-inf")) else None


def describe_claimed(frame: Frame) -> str | None:
    """The claimed interval in words: "more than 9 h 30 min", "06:40 UTC ± 10 min (3:40 p.m. local time)"."""
    if not frame.readings:
        return None
    reading = frame.readings[0]
    if frame.unit == "utc":
        return format_moment_span(reading.low, reading.high)
    return format_span(reading.low, reading.high, frame.unit)
