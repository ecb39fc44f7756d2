"""Verdicts: check each checkable claim against the measurements, and say why.

A claim is checked when its type is checkable in the vocabulary (``reports_measurement``),
when it quotes a quantity or when it has an event time, unless it is negated ("was not
shut down": the rules below would read it backwards, so it is left unchecked). Its
subject (or object) actor must have a country; the
candidates are measurements of that country, found through ``measurements.country``
or, for prefixes and ASNs, through the delegation data (:mod:`.resources`). Then:

* **counts of IP addresses** are compared with the country's IPv4 allocations;
* **durations** with outage lengths, **rates** with attack peak rates, in the claim's
  time window, keeping per evidence source the measurement the claim fits best;
* **times**: a claim that access was cut on a day must have an outage that starts in
  that day (in any time zone, as the claim's zone is rarely known); one that names a
  clock time must have an outage starting within :data:`TIME_TOLERANCE` of it; a claim
  that it was "restored as of noon Tuesday local time" must have the latest outage
  before that moment ended by then. Moments are compared in UTC after converting the
  claim's offset.

Numbers are compared with the tolerances in :data:`TOLERANCES` and the claim's
qualifier: a stated round figure supports a measurement within its rounding
precision or the relative tolerance; ``more_than``/``at_least`` are lower bounds,
``less_than``/``at_most`` upper bounds. Topic words (:data:`TOPICS`) keep a claim
about a two-hour debate away from a two-hour outage.

Each verdict is a ``claim_evidence`` row with the rule, the two figures and one
sentence for a journalist. :func:`link_claims` is idempotent: rows that would not
change are left alone (``linked_at`` included), so re-running changes nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils

from ..db import ensure_db_shape, log_error
from ..timeutil import format_moment, parse_iso, read_utc, to_utc, utcnow
from ..vocabulary import vocabulary
from ..evidence.resources import CountryResources

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

# Which measurement kinds answer which quantity, keyed by the quantity's normalized unit,
# and the topic words the claim must use for the comparison to make sense.
QUANTITY_CHECKS = {
    "addresses": {"kinds": ("ipv4_allocation",), "topic": None, "tolerance": "count"},
    "s": {"kinds": ("outage",), "topic": "outage", "tolerance": "duration"},
    "bit/s": {"kinds": ("attack_peak_rate",), "topic": "attack", "tolerance": "rate"},
    "packets/s": {"kinds": ("attack_peak_packet_rate",), "topic": "attack", "tolerance": "rate"},
}
TOPICS = {
    "outage": (
        "outage", "shut down", "shutdown", "shuttered", "offline", "off-line", "went dark", "go dark", "blackout",
        "loss of access", "lost access", "lose access", "disconnected", "cut off", "knocked off", "went down",
        "unreachable", "restored", "back online", "back up", "instability", "went out", "goes out", "down again",
        "dropped off",
    ),
    "attack": ("attack", "ddos", "denial of service", "flood", "peak", "traffic"),
}
RESTORED_WORDS = ("restored", "back online", "back up", "came back", "returned", "reconnected", "recovered")
DEADLINE_WORDS = ("as of", "by ")
# A date without a zone is a local day somewhere between UTC-12 and UTC+14.
DAY_BEFORE = timedelta(hours=14)
DAY_AFTER = timedelta(hours=12)
# Without an event time, a claim is about the days before its article was published.
UNDATED_LOOKBACK = timedelta(days=7)
# A claimed clock time ("went out at 16:15 UTC", "shortly after noon ET") matches an outage start this close.
TIME_TOLERANCE = timedelta(minutes=30)
# "Restored as of T" is checked against the last outage that began this long before T.
RESTORATION_LOOKBACK = timedelta(days=3)
RATE_UNITS = ((1e12, "Tbit/s"), (1e9, "Gbit/s"), (1e6, "Mbit/s"), (1e3, "kbit/s"), (1, "bit/s"))


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

    Rows whose verdict, figures and explanation are unchanged are left as they are;
    changed ones are updated, and verdicts that no longer hold are removed. ``force``
    rewrites every row (new ``linked_at``). A claim whose data cannot be read (a bad
    event time) is skipped and recorded in ``errors``.
    """
    ensure_db_shape(db)
    claims = _checkable_claims(db)
    measurements = _measurements(db, {claim["country"] for claim in claims if claim["country"]})
    computed: dict[tuple[str, str], Verdict] = {}
    for claim in claims:
        try:
            verdicts = check_claim(claim, measurements)
        except ValueError as error:
            _record_skipped(db, claim["id"], f"claim {claim['id']}: {error}")
            continue
        for verdict in verdicts:
            computed.setdefault((claim["id"], verdict.measurement_id), verdict)
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
        (row["claim_id"], row["measurement_id"]): tuple(row[name] for name in fields)
        for row in db["claim_evidence"].rows
    }
    now = utcnow()
    with db.conn:
        for key in set(existing) - set(computed):
            db.conn.execute("delete from claim_evidence where claim_id = ? and measurement_id = ?", key)
        for (claim_id, measurement_id), verdict in computed.items():
            values = tuple(getattr(verdict, name) for name in fields)
            if not force and existing.get((claim_id, measurement_id)) == values:
                continue
            db.conn.execute(
                "insert or replace into claim_evidence (claim_id, measurement_id, verdict, rule, claimed, measured, "
                "explanation, linked_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                (claim_id, measurement_id, *values, now),
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
    kinds = sorted({kind for check in QUANTITY_CHECKS.values() for kind in check["kinds"]} | {"outage"})
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
    """The verdicts for one claim (a dict of claims columns + ``country``, ``published``, ``quantities``)."""
    country = claim.get("country")
    if not country or country not in measurements:
        return []
    candidates = measurements[country]
    words = " ".join(filter(None, (claim.get("text"), claim.get("sentence")))).lower()
    window = claim_window(claim)
    verdicts = []
    for quantity in claim["quantities"]:
        check = QUANTITY_CHECKS.get(quantity.get("normalized_unit"))
        if check is None or quantity.get("normalized_value") is None:
            continue
        if check["topic"] and not _mentions(words, TOPICS[check["topic"]]):
            continue
        pool = [m for m in candidates if m["kind"] in check["kinds"]]
        if check["tolerance"] == "count":
            verdicts.extend(_check_count(claim, quantity, pool, window))
        else:
            verdicts.extend(_check_amount(claim, quantity, pool, window, check["tolerance"]))
    if claim.get("event_time") and _mentions(words, TOPICS["outage"]):
        outages = [m for m in candidates if m["kind"] == "outage" and m["start"]]
        if _mentions(words, RESTORED_WORDS):
            verdicts.extend(_check_restoration(claim, outages, window, deadline=_mentions(words, DEADLINE_WORDS)))
        else:
            verdicts.extend(_check_occurrence(claim, outages, window, deadline=_mentions(words, DEADLINE_WORDS)))
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


def _in_window(measurement: dict, window: Window | None) -> bool:
    """Whether a measured interval overlaps the claim's window (or the window is unknown)."""
    if window is None:
        return True
    start = read_utc(measurement["start"])
    if start is None:
        return False
    end = read_utc(measurement["end"]) or start
    return start < window.end and end >= window.start


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


def _check_amount(claim: dict, quantity: dict, pool: list[dict], window: Window | None, kind: str) -> list[Verdict]:
    """A duration or rate vs the measurement of each evidence source in the window that the claim fits best.

    When a source has several (two outages in a week), the claim is taken to be about one
    it fits if there is one (the closest such), else about the closest: "more than two
    hours" is checked against the 9-hour outage, not the 31-minute one. A source whose
    only candidate has no value (an outage whose end was never published) gives an
    ``inconclusive`` verdict.
    """
    claimed = quantity["normalized_value"]
    best: dict[str, tuple] = {}
    unmeasured: dict[str, dict] = {}
    for measurement in pool:
        if not _in_window(measurement, window):
            continue
        value = _measured_value(measurement)
        if value is None:
            unmeasured.setdefault(measurement["source_id"], measurement)
            continue
        verdict, rule = compare(quantity, value, kind)
        rank = (verdict != "supports", abs(value - claimed))
        if measurement["source_id"] not in best or rank < best[measurement["source_id"]][0]:
            best[measurement["source_id"]] = (rank, measurement, value, verdict, rule)
    verdicts = []
    for _, measurement, value, verdict, rule in best.values():
        measured = _format_value(value, quantity["normalized_unit"])
        when = _format_interval(measurement)
        by = _reported_by(measurement)
        relation = {"supports": "is consistent with", "contradicts": "does not match"}[verdict]
        explanation = (
            f"The figure of {quantity['text']} in the claim {relation} the {_describe_kind(measurement['kind'])} of {measured} "
            f"{by} {when}."
        )
        verdicts.append(Verdict(measurement["id"], verdict, rule, quantity["text"], f"{measured} {when}", explanation))
    for source_id, measurement in unmeasured.items():
        if source_id in best:
            continue
        explanation = (
            f"The {_describe_kind(measurement['kind'])} {_reported_by(measurement)} {_format_interval(measurement)} "
            f"has no published {'duration' if kind == 'duration' else 'value'}, so {quantity['text']} cannot be checked against it."
        )
        verdicts.append(Verdict(measurement["id"], "inconclusive", f"{kind}: no measured value to compare",
                                quantity["text"], f"unknown {_format_interval(measurement)}", explanation))
    return verdicts


def _measured_value(measurement: dict) -> float | None:
    if measurement["value"] is not None:
        return measurement["value"]
    start, end = read_utc(measurement["start"]), read_utc(measurement["end"])
    if measurement["kind"] == "outage" and start and end:
        return (end - start).total_seconds()
    return None


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
            rule = f"{kind}, {qualifier}: within the stated precision (±{_format_value(step, unit)})"
        else:
            rule += f" (stated precision ±{_format_value(step, unit)})"
    holds = abs(measured - claimed) <= allowed + 1e-9
    return ("supports" if holds else "contradicts"), rule


def rounding_step(quantity: dict) -> float:
    """The precision a figure was stated with, in normalized units: "9 hours" -> 3600, "9.5 hours" -> 360.

    Whole numbers are precise to one unit, except round hundreds and more ("1,000"),
    precise to their last non-zero digit but never coarser than a tenth of the value.
    """
    value = quantity.get("value")
    normalized = quantity["normalized_value"]
    if not value:
        return 0.0
    factor = normalized / value
    number = _stated_number(quantity.get("text") or "", value)
    if "." in number:
        return 10 ** -len(number.split(".", 1)[1]) * factor
    digits = number.replace(",", "")
    if digits.isdigit() and int(digits) >= 100:
        zeros = len(digits) - len(digits.rstrip("0"))
        return min(10 ** zeros, abs(value) / 10) * factor if zeros else factor
    return factor


def _stated_number(text: str, value: float) -> str:
    """The number as written in the quantity's text ("9.5", "1,024"); the value when it is spelled out."""
    match = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if match:
        return match.group(0)
    return f"{value:g}"


# --------------------------------------------------------------------------- times


def _check_occurrence(claim: dict, outages: list[dict], window: Window, *, deadline: bool) -> list[Verdict]:
    """A claim that access was cut: on a day, at a moment ("went out at 16:15 UTC"), or as of a moment.

    A day is supported by an outage that starts in it. "As of"/"by" a moment is
    supported by an outage under way then. A moment otherwise names when access went:
    per evidence source the outage that began nearest to it (within a day) supports
    the claim when it began within :data:`TIME_TOLERANCE` of it, and contradicts it if not.
    """
    if window.moment is not None and not deadline:
        return _check_start_time(claim, outages, window)
    verdicts = []
    claimed = _claimed_time(claim, window)
    for outage in outages:
        start, end = read_utc(outage["start"]), read_utc(outage["end"])
        if window.moment is not None:
            holds = start <= window.moment and (end is None or end >= window.moment)
            rule = "time: the outage was under way at the claimed moment (compared in UTC)"
            where = "so it was under way at the claimed time"
        else:
            holds = window.contains(start)
            rule = "time: the outage starts within the claimed day in some time zone (UTC-12 to UTC+14)"
            zone = "UTC" if start.date().isoformat() == claim["event_time"][:10] else "a time zone east or west of UTC"
            where = f"on the claimed day, {claimed}, in {zone}"
        if not holds:
            continue
        explanation = (
            f"The {_describe_kind(outage['kind'])} of {claim.get('country_name') or claim['country']} {_reported_by(outage)} "
            f"began {format_moment(start, window.offset)}, {where}."
        )
        verdicts.append(Verdict(outage["id"], "supports", rule, claimed, _format_interval(outage), explanation))
    return verdicts


def _check_start_time(claim: dict, outages: list[dict], window: Window) -> list[Verdict]:
    nearest: dict[str, tuple[timedelta, dict]] = {}
    for outage in outages:
        gap = abs(read_utc(outage["start"]) - window.moment)
        if gap <= timedelta(days=1) and (outage["source_id"] not in nearest or gap < nearest[outage["source_id"]][0]):
            nearest[outage["source_id"]] = (gap, outage)
    claimed = _claimed_time(claim, window)
    rule = f"time: the outage began within {_format_value(TIME_TOLERANCE.total_seconds(), 's')} of the claimed moment (compared in UTC)"
    verdicts = []
    for gap, outage in nearest.values():
        start = read_utc(outage["start"])
        name = claim.get("country_name") or claim["country"]
        began = f"The {_describe_kind(outage['kind'])} of {name} {_reported_by(outage)} began {format_moment(start, window.offset)}"
        if gap <= TIME_TOLERANCE:
            verdict, explanation = "supports", f"{began}, as claimed ({claimed})."
        else:
            side = "before" if start < window.moment else "after"
            verdict = "contradicts"
            explanation = f"{began}, {_format_value(gap.total_seconds(), 's')} {side} the claimed {claimed}."
        verdicts.append(Verdict(outage["id"], verdict, rule, claimed, _format_interval(outage), explanation))
    return verdicts


def _check_restoration(claim: dict, outages: list[dict], window: Window, *, deadline: bool) -> list[Verdict]:
    """"Restored as of T" (deadline) or "restored on D": the outage before the claimed time ended when?

    Per evidence source, the outage that began last before the claimed time (within
    :data:`RESTORATION_LOOKBACK`) is compared: ended by T (or within D) supports, ended
    later contradicts, no known end is inconclusive.
    """
    cutoff = window.moment or window.end
    latest: dict[str, dict] = {}
    for outage in outages:
        start = read_utc(outage["start"])
        if not (cutoff - RESTORATION_LOOKBACK <= start < cutoff):
            continue
        if outage["source_id"] not in latest or start > read_utc(latest[outage["source_id"]]["start"]):
            latest[outage["source_id"]] = outage
    verdicts = []
    claimed = _claimed_time(claim, window)
    for outage in latest.values():
        end = read_utc(outage["end"])
        by = _reported_by(outage)
        name = claim.get("country_name") or claim["country"]
        if deadline or window.moment is not None:
            rule = "time: restored no later than the claimed moment (compared in UTC)"
            holds = end is not None and end <= cutoff
        else:
            rule = "time: restored within the claimed day in some time zone (UTC-12 to UTC+14)"
            holds = end is not None and window.contains(end)
        if end is None:
            verdict = "inconclusive"
            explanation = f"The {_describe_kind(outage['kind'])} of {name} {by} began {format_moment(read_utc(outage['start']), window.offset)} and its end is not known, so the restoration time cannot be checked."
        elif holds:
            verdict = "supports"
            explanation = f"The {_describe_kind(outage['kind'])} of {name} {by} ended {format_moment(end, window.offset)}, so access had been restored by {claimed}, as claimed."
        else:
            verdict = "contradicts"
            explanation = f"The {_describe_kind(outage['kind'])} of {name} {by} only ended {format_moment(end, window.offset)}, after {claimed}."
        verdicts.append(Verdict(outage["id"], verdict, rule, claimed, f"restored {format_moment(end, window.offset)}" if end else "end unknown", explanation))
    return verdicts


# --------------------------------------------------------------------------- wording


def _claimed_time(claim: dict, window: Window) -> str:
    """The claim's time as written, with its resolved value: "noon Tuesday local time, 23 Dec 2014 03:00 UTC (...)"."""
    resolved = format_moment(window.moment, window.offset) if window.moment is not None else claim["event_time"]
    written = claim.get("event_time_text")
    return f"{written}, {resolved}" if written else resolved


def _mentions(words: str, phrases: tuple[str, ...]) -> bool:
    return any(re.search(r"\b" + re.escape(phrase.strip()) + r"\b", words) for phrase in phrases)


def _describe_kind(kind: str) -> str:
    return {
        "outage": "outage",
        "attack_peak_rate": "peak attack rate",
        "attack_peak_packet_rate": "peak attack packet rate",
    }.get(kind, kind.replace("_", " "))


def _reported_by(measurement: dict) -> str:
    details = measurement["details"]
    if details.get("reported_by"):
        return f"reported by {details['reported_by']}"
    return f"measured in {measurement['source_name']}"


def _format_interval(measurement: dict) -> str:
    start, end = read_utc(measurement["start"]), read_utc(measurement["end"])
    if start is None:
        return ""
    details = measurement["details"]
    if details.get("time_precision") == "day":
        return f"on {start:%-d %b %Y}"
    if end is None:
        return f"from {format_moment(start)}"
    return f"from {format_moment(start)} to {format_moment(end)}"


def _format_value(value: float, unit: str) -> str:
    """Human figures: 34260 s -> "9 h 31 min", 5.97e9 bit/s -> "5.97 Gbit/s"."""
    if unit == "s":
        minutes = int(round(value / 60))
        hours, minutes = divmod(minutes, 60)
        if hours and minutes:
            return f"{hours} h {minutes} min"
        return f"{hours} h" if hours else f"{minutes} min" if minutes else f"{value:g} s"
    if unit == "bit/s":
        scale, name = next((scale, name) for scale, name in RATE_UNITS if abs(value) >= scale or scale == 1)
        return f"{value / scale:.3g} {name}"
    if unit == "packets/s":
        return f"{value / 1e6:.3g} Mpps" if value >= 1e6 else f"{value:,.0f} packets/s"
    if unit == "addresses":
        return f"{value:,.0f} addresses"
    return f"{value:g} {unit}"
