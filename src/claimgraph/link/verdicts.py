"""Verdicts: check each claim's figures against the measurements, and say why.

Durations, rates and moments are read as event frames (:mod:`claimgraph.link.frames`), bound
to the measured events they are about (:mod:`claimgraph.link.events`) and compared as
intervals by :func:`check_frame`: the claimed interval (from the figure's qualifier and
stated precision, or a clock time's zone and precision) holding the measured one supports,
excluding it contradicts, and a partial overlap is inconclusive. A contradiction needs an
unambiguous binding; otherwise the verdict is inconclusive with its reason, because a false
"contradicts" is the worst answer this tool can give. Each explanation names the measured
event ("the second outage of North Korea, 23 Dec 2014 15:41-16:12 UTC").

**Counts of IP addresses** are compared with the country's IPv4 allocations (the claim's
country: of its subject, else its object, else the one country its span mentions), with
the tolerances in :data:`TOLERANCES`: a stated round figure supports a measurement within
its rounding precision or the relative tolerance; ``more_than``/``at_least`` are lower
bounds, ``less_than``/``at_most`` upper bounds. Negated claims ("was not shut down") are
left unchecked.

Each verdict is a ``claim_evidence`` row with the rule, the two figures, the frame it
checks and one sentence for a journalist. :func:`link_claims` is idempotent: rows that
would not change are left alone (``linked_at`` included), so re-running changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlite_utils

from ..db import ensure_db_shape, log_error
from ..timeutil import format_moment, parse_iso, read_utc, to_utc, utcnow
from ..vocabulary import vocabulary
from ..evidence.resources import CountryResources
from .figures import format_moment_span, format_span, format_value, rounding_step

# Relative tolerance per quantity kind, and whether a stated number's rounding step
# also counts (9 hours is "9 hours" to the nearest hour): the wider of the two applies.
# "approximately" multiplies the relative tolerance by APPROXIMATELY_FACTOR, and always
# allows the rounding step ("about 1,000 addresses" is 1,000 to the nearest hundred).
TOLERANCES = {
    "count": {"relative": 0.01, "rounding": False},
    "duration": {"relative": 0.10, "rounding": True},
    "rate": {"relative": 0.05, "rounding": True},
}
APPROXIMATELY_FACTOR = 2.0
# A date without a zone is a local day somewhere between UTC-12 and UTC+14.
DAY_BEFORE = timedelta(hours=14)
DAY_AFTER = timedelta(hours=12)
# Without an event time, a claim is about the days before its article was published.
UNDATED_LOOKBACK = timedelta(days=7)


@dataclass(frozen=True)
class Window:
    """The UTC interval a claim is about, and the moment it names when it names one."""

    start: datetime
    end: datetime
    moment: datetime | None = None
    offset: timedelta | None = None

    def contains(self, when: datetime) -> bool:
        return self.start <= when < self.end


@dataclass(frozen=True)
class Verdict:
    measurement_id: str
    verdict: str
    rule: str
    claimed: str
    measured: str
    explanation: str


def link_claims(db: sqlite_utils.Database, force: bool = False) -> dict[str, int]:
    """Write a verdict for every (checkable claim, relevant measurement) pair; returns verdict -> count.

    Durations, rates and moments are checked on event frames (:mod:`.frames`, :mod:`.events`),
    counts of addresses against the registry. Rows whose verdict, figures and explanation
    are unchanged are left as they are; changed ones are updated, and verdicts that no
    longer hold are removed. ``force`` rewrites every row (new ``linked_at``). A claim whose
    data cannot be read (a bad event time) is skipped and recorded in ``errors``.
    """
    from .events import read_events
    from .frame_store import read_frame_inputs

    ensure_db_shape(db)
    inputs, errors = read_frame_inputs(db)
    return save_verdicts(db, check_frames(inputs, read_events(db)), errors, force)


def check_frames(inputs: list[tuple], events: dict) -> list[tuple]:
    """``(frame, its verdicts)`` for every frame of these claims, bound to its events; no database.

    ``inputs`` are :func:`~claimgraph.link.frame_store.read_frame_inputs` items. A claim's
    frames depend on each other (its figures say which event its dates are about) and on
    nothing else, so claims may be checked in any grouping: the Dask run checks a run of
    claims per task with the events of their subjects.
    """
    from .events import bind, nearest
    from .frames import frames_for_claim

    frames = [frame for item in inputs for frame in frames_for_claim(*item)]
    found: dict[int, list[Verdict]] = {}
    bound: dict[str, set[str]] = {}  # claim id -> events its figures are bound to
    # figures first: a claim's length or rate says which event its dates and clock times are about
    for frame in sorted(frames, key=lambda f: f.unit == "utc"):
        if not frame.checkable:
            continue
        binding = bind(frame, events, frozenset(bound.get(frame.claim_id, ())))
        if len(binding.events) == 1:
            frame.event_id, frame.event_label = binding.events[0].id, binding.events[0].label
        frame.binding = binding.reason if binding.events else None
        verdicts = check_frame(frame, binding)
        fitting = [v for v in verdicts if v.verdict == "supports"]
        if binding.ambiguous and len(fitting) == 1:
            # several events in the claim's week, and it fits exactly one: that is the one it reports
            event = next(e for e in binding.events if e.id == fitting[0].measurement_id)
            frame.event_id, frame.event_label = event.id, event.label
            frame.binding = f"{binding.reason}; the only one the claim fits"
        elif binding.ambiguous and not fitting and (closest := nearest(frame, binding.events)) is not None:
            frame.event_id, frame.event_label = closest.id, closest.label
            frame.binding = f"{binding.reason}; it fits none, and this one is nearest (its story, no verdict)"
        if frame.event_id:
            bound.setdefault(frame.claim_id, set()).add(frame.event_id)
        found[id(frame)] = verdicts
    return [(frame, found.get(id(frame), [])) for frame in frames]


def save_verdicts(db: sqlite_utils.Database, checked: list[tuple], errors: list[tuple[str, str]],
                  force: bool = False) -> dict[str, int]:
    """Check the address counts, then write the frames and every verdict; returns verdict -> count.

    ``checked`` is :func:`check_frames`'s result for all claims, in claim order; ``errors``
    the claims whose frames could not be read.
    """
    from .frame_store import save_frames

    for claim_id, message in errors:
        _record_skipped(db, claim_id, message)
    computed: dict[tuple[str, str, str], Verdict] = {}
    for frame, verdicts in sorted(checked, key=lambda item: item[0].unit == "utc"):
        for verdict in verdicts:
            computed.setdefault((frame.claim_id, verdict.measurement_id, frame.id), verdict)
    claims = _checkable_claims(db)
    measurements = _measurements(db, {claim["country"] for claim in claims if claim["country"]})
    for claim in claims:
        try:
            verdicts = check_claim(claim, measurements)
        except ValueError as error:
            _record_skipped(db, claim["id"], f"claim {claim['id']}: {error}")
            continue
        for verdict in verdicts:
            computed.setdefault((claim["id"], verdict.measurement_id, ""), verdict)
    save_frames(db, [frame for frame, _ in checked])
    _save_verdicts(db, computed, force)
    counts: dict[str, int] = {}
    for verdict in computed.values():
        counts[verdict.verdict] = counts.get(verdict.verdict, 0) + 1
    return counts


def _record_skipped(db: sqlite_utils.Database, claim_id: str, message: str) -> None:
    """Log a skipped claim in ``errors`` once, not again on every re-run."""
    if db["errors"].count_where("stage = 'link' and item = ? and message = ?", [claim_id, message]):
        return
    with db.conn:
        log_error(db, "link", claim_id, message)


def _save_verdicts(db: sqlite_utils.Database, computed: dict, force: bool) -> None:
    fields = ("verdict", "rule", "claimed", "measured", "explanation")
    existing = {
        (row["claim_id"], row["measurement_id"], row["frame_id"] or ""): tuple(row[name] for name in fields)
        for row in db["claim_evidence"].rows
    }
    now = utcnow()
    with db.conn:
        for key in set(existing) - set(computed):
            db.conn.execute(
                "delete from claim_evidence where claim_id = ? and measurement_id = ? and coalesce(frame_id, '') = ?", key)
        for (claim_id, measurement_id, frame_id), verdict in computed.items():
            values = tuple(getattr(verdict, name) for name in fields)
            if not force and existing.get((claim_id, measurement_id, frame_id)) == values:
                continue
            db.conn.execute(
                "insert or replace into claim_evidence (claim_id, measurement_id, frame_id, verdict, rule, claimed, measured, "
                "explanation, linked_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (claim_id, measurement_id, frame_id, *values, now),
            )


def _checkable_claims(db: sqlite_utils.Database) -> list[dict]:
    """The claims to check, each with its ``country``: of its subject, else its object, else the one country it names.

    The last fallback reads the mentions inside the claim's span, so "The country's
    1,024 IP addresses ..." still finds North Korea when the extractor named it
    nowhere else in the claim, as long as the span mentions a single country.
    """
    checkable = [name for name, spec in vocabulary().claim_types.items() if spec.checkable]
    rows = db.execute(
        f"""
        select claims.id, claims.type, claims.text, claims.sentence, claims.event_time, claims.event_time_end,
               claims.event_time_text, articles.published,
               coalesce(subject.country, object.country) as country,
               (select group_concat(distinct actors.country) from mentions join actors on actors.id = mentions.actor_id
                 where mentions.article_id = claims.article_id and mentions.start >= claims.start
                   and mentions."end" <= claims."end" and actors.type = 'country' and actors.country is not null)
                 as mentioned_countries
        from claims
        left join articles on articles.id = claims.article_id
        left join actors as subject on subject.id = claims.subject_id
        left join actors as object on object.id = claims.object_id
        where (claims.type in ({', '.join('?' for _ in checkable)})
               or claims.id in (select claim_id from quantities)
               or claims.event_time is not null)
          and coalesce(claims.polarity, 'positive') != 'negative'
        order by claims.id
        """,
        checkable,
    )
    columns = [column[0] for column in rows.description]
    claims = [dict(zip(columns, row)) for row in rows.fetchall()]
    names = dict(db.execute("select country, min(name) from actors where type = 'country' and country is not null group by country").fetchall())
    quantities: dict[str, list] = {}
    for row in db["quantities"].rows_where(order_by="start"):
        quantities.setdefault(row["claim_id"], []).append(row)
    for claim in claims:
        mentioned = (claim.pop("mentioned_countries") or "").split(",")
        if not claim["country"] and len(mentioned) == 1 and mentioned[0]:
            claim["country"] = mentioned[0]
        claim["country_name"] = names.get(claim["country"], claim["country"])
        claim["quantities"] = quantities.get(claim["id"], [])
    return claims


def _measurements(db: sqlite_utils.Database, countries: set[str]) -> dict[str, list[dict]]:
    """The measurements of these countries that the checks use, by country, with their source's name.

    Only the kinds that some check compares with are read, so millions of BGP
    announcement rows from a full-table import are never loaded. Rows imported before
    their delegation data get their country from it now (:class:`CountryResources`,
    built only when such rows exist).
    """
    by_country: dict[str, list[dict]] = {}
    if not countries:
        return by_country
    kinds = ["ipv4_allocation"]
    rows = db.query(
        "select measurements.*, evidence_sources.name as source_name from measurements "
        "join evidence_sources on evidence_sources.id = measurements.source_id "
        f"where measurements.kind in ({', '.join('?' for _ in kinds)}) "
        f"and (measurements.country is null or measurements.country in ({', '.join('?' for _ in countries)}))",
        [*kinds, *sorted(countries)],
    )
    resources = None
    for row in rows:
        country = row["country"]
        if country is None:
            if resources is None:
                resources = CountryResources.from_db(db)
            country = resources.country_of(row["subject_type"], row["subject"])
        if country not in countries:
            continue
        row["details"] = json.loads(row["details"]) if row["details"] else {}
        by_country.setdefault(country, []).append(row)
    return by_country


def check_claim(claim: dict, measurements: dict[str, list[dict]]) -> list[Verdict]:
    """The address-count verdicts of one claim (a dict of claims columns + ``country``, ``published``, ``quantities``).

    Durations, rates and moments are checked on frames instead (:func:`check_frame`).
    """
    country = claim.get("country")
    counts = [q for q in claim["quantities"] if q.get("normalized_unit") == "addresses" and q.get("normalized_value") is not None]
    if not country or country not in measurements or not counts:
        return []
    window = claim_window(claim)
    verdicts = []
    for quantity in counts:
        pool = [m for m in measurements[country] if m["kind"] == "ipv4_allocation"]
        verdicts.extend(_check_count(claim, quantity, pool, window))
    return verdicts


# --------------------------------------------------------------------------- time windows


def claim_window(claim: dict) -> Window | None:
    """The UTC window a claim's event time stands for (None: no time and no publication date).

    A date (``2014-12-22``), or a time without a zone, is that day in any time zone; a
    datetime with an offset (``2014-12-23T12:00:00+09:00``) is that moment; an
    ``event_time_end`` stretches the window; with no event time the window is the
    week before the article's publication.
    """
    if claim.get("event_time"):
        start, end, moment, offset = _time_span(claim["event_time"])
        if claim.get("event_time_end"):
            end = max(end, _time_span(claim["event_time_end"])[1])
        return Window(start=start, end=end, moment=moment, offset=offset)
    if claim.get("published"):
        _, end, moment, _ = _time_span(claim["published"])
        published = moment or end
        return Window(start=published - UNDATED_LOOKBACK, end=published + timedelta(days=1))
    return None


def _time_span(text: str) -> tuple[datetime, datetime, datetime | None, timedelta | None]:
    """(start, end, moment, offset) in UTC: a moment for a zoned datetime, else its day in any zone."""
    written = parse_iso(text)
    if written is None:
        raise ValueError(f"not an ISO 8601 time: {text!r}")
    if not isinstance(written, datetime) or written.tzinfo is None:
        day = to_utc(written.date() if isinstance(written, datetime) else written)
        return day - DAY_BEFORE, day + timedelta(days=1) + DAY_AFTER, None, None
    moment = to_utc(written)
    return moment, moment, moment, written.utcoffset()


# --------------------------------------------------------------------------- numbers


def _check_count(claim: dict, quantity: dict, allocations: list[dict], window: Window | None) -> list[Verdict]:
    """Claimed number of IP addresses vs the country's IPv4 allocations (as of the claim's time)."""
    if window is not None:
        allocations = [m for m in allocations if not m["start"] or read_utc(m["start"]) < window.end]
    if not allocations:
        return []
    total = sum(m["value"] or 0 for m in allocations)
    verdict, rule = compare(quantity, total, "count")
    blocks = ", ".join(sorted(m["subject"] for m in allocations))
    registries = sorted({(m["details"].get("registry") or m["source_name"]).upper() for m in allocations})
    measured = f"{total:,.0f} addresses ({blocks})"
    reason = {
        "supports": "matches",
        "contradicts": "does not match",
    }[verdict]
    explanation = (
        f"The figure of {quantity['text']} in the claim {reason} the {total:,.0f} IPv4 addresses that "
        f"{' and '.join(registries)} records as allocated to {claim.get('country_name') or claim['country']} ({blocks})."
    )
    return [Verdict(m["id"], verdict, rule, quantity["text"], measured, explanation) for m in allocations]


def compare(quantity: dict, measured: float, kind: str) -> tuple[str, str]:
    """(verdict, rule) for a claimed quantity against a measured value of the same unit.

    >>> compare({"normalized_value": 32400, "value": 9, "text": "9 hours", "qualifier": "exact"}, 34260, "duration")[0]
    'supports'
    """
    claimed = quantity["normalized_value"]
    qualifier = quantity.get("qualifier") or "exact"
    unit = quantity.get("normalized_unit", "")
    bounds = {
        "more_than": (measured > claimed, "lower bound: measured must exceed the claimed figure"),
        "at_least": (measured >= claimed, "lower bound: measured must be at least the claimed figure"),
        "less_than": (measured < claimed, "upper bound: measured must be below the claimed figure"),
        "at_most": (measured <= claimed, "upper bound: measured must be at most the claimed figure"),
    }
    if qualifier in bounds:
        holds, rule = bounds[qualifier]
        return ("supports" if holds else "contradicts"), f"{kind}, {qualifier}: {rule}"
    tolerance = TOLERANCES[kind]
    relative = tolerance["relative"] * (APPROXIMATELY_FACTOR if qualifier == "approximately" else 1.0)
    allowed = relative * abs(claimed)
    rule = f"{kind}, {qualifier}: within ±{relative:.0%}"
    if tolerance["rounding"] or qualifier == "approximately":
        step = rounding_step(quantity)
        if step > allowed:
            allowed = step
            rule = f"{kind}, {qualifier}: within the stated precision (±{format_value(step, unit)})"
        else:
            rule += f" (stated precision ±{format_value(step, unit)})"
    holds = abs(measured - claimed) <= allowed + 1e-9
    return ("supports" if holds else "contradicts"), rule


# --------------------------------------------------------------------------- frames


ATTRIBUTE_WORDS = {"start": "start", "end": "end", "duration": "length", "rate": "peak rate", "under_way": "time"}


def check_frame(frame, binding) -> list[Verdict]:
    """The verdicts of one frame against the events it is bound to.

    The claimed interval (each reading of it, when the zone labels disagree) is compared
    with the measured interval: inside supports, disjoint contradicts, overlapping is
    inconclusive. "contradicts" needs an unambiguous binding; when several events are
    left, the ones the claim fits are supported and, if it fits none, each gets an
    inconclusive verdict that says why.
    """
    results = []
    for event in binding.events:
        measured = event.attribute(frame.attribute)
        if measured is None:
            results.append((event, "unknown", None))
            continue
        outcomes = [(_relation(reading, measured, frame.attribute), reading) for reading in frame.readings]
        supporting = [reading for outcome, reading in outcomes if outcome == "supports"]
        if supporting:
            results.append((event, "supports", supporting[0]))
        elif all(outcome == "contradicts" for outcome, _ in outcomes):
            results.append((event, "contradicts", frame.readings[0]))
        else:
            results.append((event, "inconclusive", frame.readings[0]))
    verdicts = []
    ambiguous = len(binding.events) > 1
    fitting = [r for r in results if r[1] == "supports"]
    for event, outcome, reading in results:
        if ambiguous and fitting and outcome != "supports":
            continue
        if outcome == "unknown":
            verdicts.append(_unknown_verdict(frame, event))
            continue
        reason = None
        if ambiguous and outcome == "contradicts":
            outcome = "inconclusive"
            others = len(binding.events)
            reason = (f"{others} measured {_kind_word(event)}s of {event.subject_name} fit the claim's time and wording "
                      f"and it fits none of them; it does not say which one it means")
        verdicts.append(_frame_verdict(frame, event, outcome, reading, reason, ambiguous))
    return verdicts


def _relation(reading, measured: tuple[float, float], attribute: str) -> str:
    """supports when the claimed interval holds the measured one (for under_way: the moment lies in the event)."""
    low, high = measured
    inside = (low <= reading.low and reading.high <= high) if attribute == "under_way" else (reading.low <= low and high <= reading.high)
    if inside:
        return "supports"
    if high < reading.low or low > reading.high:
        return "contradicts"
    return "inconclusive"


def _kind_word(event) -> str:
    return vocabulary().event_kinds[event.kind].label


def _frame_verdict(frame, event, outcome: str, reading, reason: str | None, ambiguous: bool) -> Verdict:
    attribute = ATTRIBUTE_WORDS.get(frame.attribute, frame.attribute)
    measured_text = _measured_text(frame, event)
    if frame.unit == "utc":
        claimed_span = format_moment_span(reading.low, reading.high)
        claimed = f"{frame.written}, {frame.stated}" if frame.stated else f"{frame.written}, {claimed_span}"
        explanation = _moment_explanation(frame, event, outcome, reading, claimed_span)
    else:
        claimed_span = format_span(reading.low, reading.high, frame.unit)
        claimed = frame.written
        relation = {"supports": "is consistent with", "contradicts": "does not match",
                    "inconclusive": "can neither be confirmed nor ruled out by"}[outcome]
        explanation = (
            f"The figure of {frame.written} in the claim ({claimed_span}) {relation} the {attribute} of {event.label}: "
            f"{measured_text}, {event.reported_by}."
        )
    if ambiguous and outcome == "supports":
        explanation += " The claim does not say which of the measured events it means; this one fits."
    if reason:
        explanation += f" Inconclusive: {reason}."
    elif outcome == "inconclusive":
        explanation += " Inconclusive: the measured value is known only as an interval that overlaps the claimed one."
    rule = f"{frame.attribute}, {frame.qualifier}: claimed {claimed_span} vs measured {measured_text} (bound by {frame.binding})"
    return Verdict(event.id, outcome, rule, claimed, f"{measured_text} ({event.label})", explanation)


def _moment_explanation(frame, event, outcome: str, reading, claimed_span: str) -> str:
    """"The first outage of North Korea, ..., reported by Dyn Research, began 22 Dec 2014 16:15 UTC, 45 min before the claimed ..."."""
    name = f"{event.label[0].upper()}{event.label[1:]}, {event.reported_by},"
    claimed = f"{frame.written} ({claimed_span})"
    low, high = event.attribute(frame.attribute)
    moment = datetime.fromtimestamp(low, timezone.utc)
    if frame.attribute == "under_way":
        verb = "was under way at the claimed time" if outcome == "supports" else "was not clearly under way at the claimed time"
        return f"{name} {verb}, {claimed}."
    verb = "began" if frame.attribute == "start" else "ended"
    if frame.qualifier == "day":
        if outcome != "supports":
            return f"{name} {verb} {format_moment(moment)}, not on the claimed day, {claimed}."
        zone = "UTC" if moment.date().isoformat() == frame.stated else "a time zone east or west of UTC"
        return f"{name} {verb} {format_moment(moment)}, on the claimed day, {frame.written}, {frame.stated}, in {zone}."
    if frame.qualifier == "by":
        if outcome == "supports":
            return f"{name} {verb} {format_moment(moment)}, so it was over by {claimed}, as claimed."
        return f"{name} only {verb} {format_moment(moment)}, after {claimed}."
    if outcome == "supports":
        return f"{name} {verb} {format_moment(moment)}, as claimed, {claimed}."
    stated = {"shortly_after": reading.low, "just_after": reading.low, "soon_after": reading.low,
              "shortly_before": reading.high, "just_before": reading.high}.get(frame.qualifier, (reading.low + reading.high) / 2)
    gap = abs(moment.timestamp() - stated)
    side = "before" if moment.timestamp() < stated else "after"
    text = f"{name} {verb} {format_moment(moment)}, {format_value(gap, 's')} {side} the claimed {claimed}."
    if outcome == "contradicts":
        text += _mislabelled_zone(frame, event)
    return text


def _unknown_verdict(frame, event) -> Verdict:
    attribute = ATTRIBUTE_WORDS.get(frame.attribute, frame.attribute)
    explanation = (f"{event.label[0].upper() + event.label[1:]}, {event.reported_by}, has no published {attribute}, "
                   f"so {frame.written} cannot be checked against it.")
    return Verdict(event.id, "inconclusive", f"{frame.attribute}: no measured value to compare", frame.written,
                   f"unknown ({event.label})", explanation)


def _mislabelled_zone(frame, event) -> str:
    """When a "local time" is wrong but matches as UTC, say so: a common slip in copy."""
    if not frame.note and "local time" not in frame.written.lower():
        return ""
    measured = event.attribute(frame.attribute)
    for reading in frame.readings:
        if reading.label.startswith("local time"):
            offset = datetime.fromtimestamp(reading.low, timezone.utc)
            zone = reading.label[len("local time ("):-1]
            try:
                from zoneinfo import ZoneInfo

                shift = offset.astimezone(ZoneInfo(zone)).utcoffset()
            except (KeyError, ValueError):
                return ""
            as_utc = (reading.low + shift.total_seconds(), reading.high + shift.total_seconds())
            if as_utc[0] <= measured[0] and measured[1] <= as_utc[1]:
                return " The claimed clock time matches the measured time in UTC: UTC mislabelled as local time."
    return ""


def _measured_text(frame, event) -> str:
    measured = event.attribute(frame.attribute)
    if frame.unit == "utc":
        low, high = measured
        text = format_moment(datetime.fromtimestamp(low, timezone.utc))
        if high != low:
            text += " to " + (format_moment(datetime.fromtimestamp(high, timezone.utc)) if high != float("inf") else "an unknown time")
        return text
    low, high = measured
    if high == low:
        return format_value(low, frame.unit)
    if high == float("inf"):
        return f"at least {format_value(low, frame.unit)}"
    return f"{format_value(low, frame.unit)} to {format_value(high, frame.unit)}"
