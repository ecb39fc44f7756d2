"""Measured events, and which of them a claim's frame is about.

A measurement row of an event kind (``vocabulary.yml`` ``event_kinds``: ``measured``) is a
:class:`MeasuredEvent` with the same subject keys, kind and attributes as a claim's frame:
start, end, duration (the published value, or end - start; ``value_max`` or an ``at_least``
qualifier make it an interval) and rate.

:func:`bind` picks the events a frame is about, and says how sure it is:

1. candidates are the subject's events of the frame's kind that have the attribute;
2. an ordinal ("the second outage", "a second wave") picks by ``sequence`` when the evidence
   numbers its events, else the n-th by start among those of the week before the article;
   "again"/"another" drops the first of them;
3. otherwise the claim's time anchor (the day or moment it names) keeps the events that
   overlap it (for an end, "restored on July 10": the last event that began before then),
   else the article's date keeps those that began in the week before it was published (an
   article cannot report an outage that had not begun);
4. without an ordinal, an event marked ``scope: incident`` stands for its parts (waves).

One candidate left is an unambiguous binding; several leave the binding ambiguous, and
then no verdict may be "contradicts" (see :mod:`claimgraph.link.verdicts`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlite_utils

from ..evidence.resources import CountryResources
from ..names import alias_key
from ..timeutil import read_utc
from ..vocabulary import vocabulary
from .frames import LATER, Frame

LOOKBACK = timedelta(days=7)
# An article dated by day only may report anything that began by the end of that day somewhere.
DAY_SLACK = timedelta(hours=14 + 24)
ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth"}


@dataclass
class MeasuredEvent:
    """One measured event (a measurements row of an event kind), with its attributes."""

    id: str
    kind: str
    measurement_kind: str
    subject: str
    subject_name: str
    start: datetime | None
    end: datetime | None
    end_max: datetime | None
    duration: tuple[float, float] | None
    rate: tuple[float, float] | None
    unit: str | None
    sequence: int | None
    incident: bool
    reported_by: str
    source_name: str
    details: dict
    label: str = ""

    def attribute(self, name: str) -> tuple[float, float] | None:
        """The measured interval of an attribute (seconds, bit/s, or Unix time), or None when unknown."""
        if name == "duration":
            return self.duration
        if name == "rate":
            return self.rate
        if name == "start" and self.start is not None:
            return (self.start.timestamp(), self.start.timestamp())
        if name == "end" and self.end is not None:
            return (self.end.timestamp(), (self.end_max or self.end).timestamp())
        if name == "under_way" and self.start is not None:
            return (self.start.timestamp(), (self.end_max or self.end).timestamp() if self.end else float("inf"))
        return None


def read_events(db: sqlite_utils.Database) -> dict[str, list[MeasuredEvent]]:
    """subject key -> its measured events, oldest first, each with a readable ``label``."""
    kinds = {measured: name for name, spec in vocabulary().event_kinds.items() for measured in spec.measured}
    if not kinds:
        return {}
    names = dict(db.execute("select country, min(name) from actors where type = 'country' and country is not null group by country").fetchall())
    rows = db.query(
        "select measurements.*, evidence_sources.name as source_name from measurements "
        "join evidence_sources on evidence_sources.id = measurements.source_id "
        f"where measurements.kind in ({', '.join('?' * len(kinds))}) order by measurements.start, measurements.id",
        list(kinds),
    )
    events: dict[str, list[MeasuredEvent]] = {}
    resources = None
    for row in rows:
        details = json.loads(row["details"]) if row["details"] else {}
        country = row["country"]
        if country is None and row["subject_type"] in ("asn", "prefix"):
            # routing data imported before its delegation data: the country comes from it now
            if resources is None:
                resources = CountryResources.from_db(db)
            country = resources.country_of(row["subject_type"], row["subject"])
        if row["subject_type"] == "actor":
            subject, subject_name = f"actor:{alias_key(row['subject'])}", row["subject"]
        elif country:
            subject, subject_name = f"country:{country}", names.get(country, country)
        else:
            continue
        event = _event(row, details, kinds[row["kind"]], subject, subject_name)
        events.setdefault(subject, []).append(event)
    for subject_events in events.values():
        _label(subject_events)
    return events


def _event(row: dict, details: dict, kind: str, subject: str, subject_name: str) -> MeasuredEvent:
    start, end = read_utc(row["start"]), read_utc(row["end"])
    value = row["value"]
    duration = rate = None
    unit = row["unit"]
    if unit == "s" or row["kind"] == "outage":
        if value is None and start and end:
            value = (end - start).total_seconds()
        if value is not None:
            high = float(details.get("value_max") or value)
            duration = (value, float("inf") if details.get("qualifier") == "at_least" else high)
    elif unit in ("bit/s", "packets/s") and value is not None:
        rate = (value, value)
    end_max = start + timedelta(seconds=float(details["value_max"])) if start and details.get("value_max") else None
    if details.get("time_precision") == "day":
        start = end = None  # a day's figure has no usable moment
    return MeasuredEvent(
        id=row["id"], kind=kind, measurement_kind=row["kind"], subject=subject, subject_name=subject_name,
        start=start, end=end, end_max=end_max, duration=duration, rate=rate, unit=unit,
        sequence=details.get("sequence"), incident=details.get("scope") == "incident",
        reported_by=f"reported by {details['reported_by']}" if details.get("reported_by") else f"measured in {row['source_name']}",
        source_name=row["source_name"], details=details,
    )


def _label(events: list[MeasuredEvent]) -> None:
    """"the second outage of North Korea, 23 Dec 2014 15:41-16:12 UTC", numbered within a week of each other."""
    by_kind: dict[tuple[str, str], list[MeasuredEvent]] = {}
    for event in events:
        by_kind.setdefault((event.kind, event.measurement_kind), []).append(event)
    for (kind, measurement_kind), group in by_kind.items():
        label = vocabulary().event_kinds[kind].label
        if measurement_kind == "attack_peak_rate":
            label = "peak rate of the attack"
        elif measurement_kind == "attack_peak_packet_rate":
            label = "peak packet rate of the attack"
        parts = [e for e in group if not e.incident]
        for event in group:
            neighbours = [e for e in parts if e.start and event.start and abs(e.start - event.start) <= LOOKBACK]
            if event.incident:
                name = f"the whole {label}"
            elif event.sequence:
                name = f"the {ORDINAL_WORDS.get(event.sequence, str(event.sequence))} {'wave of the ' + label if kind == 'attack' else label}"
            elif len(neighbours) > 1:
                name = f"the {ORDINAL_WORDS.get(neighbours.index(event) + 1, '')} {label}"
            else:
                name = f"the {label}"
            of = "on" if kind == "attack" else "of"
            event.label = f"{name} {of} {event.subject_name}, {format_interval(event.start, event.end)}".rstrip(", ")


def format_interval(start: datetime | None, end: datetime | None) -> str:
    """"23 Dec 2014 15:41-16:12 UTC", "22 Dec 2014 16:15 - 23 Dec 2014 01:46 UTC"."""
    if start is None:
        return ""
    if end is None:
        return f"from {start:%-d %b %Y %H:%M} UTC"
    if start.date() == end.date():
        return f"{start:%-d %b %Y %H:%M}\u2013{end:%H:%M} UTC"
    return f"{start:%-d %b %Y %H:%M} \u2013 {end:%-d %b %Y %H:%M} UTC"


@dataclass
class Binding:
    """The events a frame is about; ``ambiguous`` when more than one is left."""

    events: list[MeasuredEvent]
    reason: str

    @property
    def ambiguous(self) -> bool:
        return len(self.events) > 1


def bind(frame: Frame, events: dict[str, list[MeasuredEvent]], preferred: frozenset[str] = frozenset()) -> Binding:
    """The measured events this frame's figure is about (see the module docstring).

    ``preferred`` holds the events the claim's other figures are bound to: "restored on
    Tuesday after a 9 hour 31 minute outage" ends the outage its length is about.
    """
    candidates = [
        event for subject in frame.subjects for event in events.get(subject, ())
        if event.kind == frame.kind and (event.measurement_kind == "outage" or event.attribute(frame.attribute) is not None)
        and (frame.attribute != "rate" or event.unit == frame.unit)
    ]
    if not candidates:
        return Binding([], "no measured event of this kind")
    published = _published_limit(frame)
    recent = [e for e in candidates if e.start is None or published is None
              or (published - LOOKBACK <= e.start <= published)]
    if frame.anchor_start is not None and frame.ordinal is None and (published is None or frame.anchor_start > published):
        recent = candidates  # a claim about a time after its article (a forecast, a later update) may be about any date
    if frame.ordinal is not None:
        parts = sorted((e for e in recent if not e.incident), key=lambda e: e.start or datetime.min.replace(tzinfo=timezone.utc))
        if frame.ordinal == LATER:
            chosen = parts[1:]
            reason = "the claim says it happened again: not the first"
        elif any(e.sequence for e in parts):
            chosen = [e for e in parts if e.sequence == frame.ordinal]
            reason = f"the claim names the {ORDINAL_WORDS.get(frame.ordinal)} one"
        else:
            chosen = parts[frame.ordinal - 1:frame.ordinal]
            reason = f"the claim names the {ORDINAL_WORDS.get(frame.ordinal)} one"
        return Binding(chosen, reason)
    if (frame.attribute == "end" or frame.anchored_by_end) and frame.anchor_end is not None:
        # "restored on July 10": the outage that had begun by then, not one that fits the claimed day
        claimed_end = frame.anchor_end
        if frame.attribute == "end" and frame.readings:
            claimed_end = datetime.fromtimestamp(min(r.high for r in frame.readings), timezone.utc)
        begun = [e for e in recent if e.start is not None and frame.anchor_start - LOOKBACK <= e.start <= min(claimed_end, frame.anchor_end)]
        sibling = [e for e in begun if e.id in preferred]
        anchored = sibling[-1:] or begun[-1:]
        reason = "the event of the claim's other figure" if sibling else "the last one to begin before the claimed end"
    elif frame.anchor_start is not None and frame.anchor_end is not None:
        anchored = [e for e in recent if _overlaps(e, frame.anchor_start, frame.anchor_end)]
        reason = "the time the claim names"
    else:
        anchored, reason = recent, "the week before the article"
    incidents = [e for e in anchored if e.incident]
    if incidents:
        return Binding(incidents, "the claim names no wave: the whole incident")
    sibling = [e for e in anchored if e.id in preferred]
    if len(anchored) > 1 and len(sibling) == 1:
        return Binding(sibling, f"{reason}; the event of the claim's other figure")
    return Binding(anchored, reason)


def nearest(frame: Frame, events: list[MeasuredEvent]) -> MeasuredEvent | None:
    """Of several events a figure fits none of, the one it is clearly nearest to (for its story, not its verdict).

    "12 hours" in a week with a 9 h 31 min and a 31 min outage tells the first one's story
    wrongly; it is nearest when its distance (as a ratio) is a third or less of the next one's.
    """
    if frame.unit == "utc" or not frame.readings:
        return None
    reading = frame.readings[0]
    distances = []
    for event in events:
        measured = event.attribute(frame.attribute)
        if measured is None or measured[0] <= 0:
            continue
        low, high = max(reading.low, 1e-9), reading.high
        ratio = max(low / measured[1], measured[0] / high if high != float("inf") else 1.0, 1.0)
        distances.append((ratio, event))
    distances.sort(key=lambda item: item[0])
    if len(distances) >= 2 and (distances[1][0] - 1) >= 3 * (distances[0][0] - 1):
        return distances[0][1]
    return None


def _overlaps(event: MeasuredEvent, low: datetime, high: datetime) -> bool:
    if event.start is None:
        return True
    end = event.end_max or event.end or event.start
    return event.start <= high and end >= low


def _published_limit(frame: Frame) -> datetime | None:
    moment = read_utc(frame.published)
    if moment is None:
        return None
    return moment + DAY_SLACK if frame.published_is_day else moment
