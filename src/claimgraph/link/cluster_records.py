"""The claims a cluster is made of, and its ``claim_clusters`` row: first report, figures, conflicts.

Two kinds of cluster keep the same row: claims matched by their words and actors
(:func:`cluster_row`) and the reports of one attribute of one measured event
(:func:`story_row`). Word clusters compare the figures quoted in a unit two members share,
within :data:`CONFLICT_TOLERANCE`; stories compare the intervals their frames claim.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from ..db import stable_id

CONFLICT_TOLERANCE = 0.10
LABEL_LENGTH = 120
# A claim span shorter than this ("alleged") is labelled by its sentence.
MIN_LABEL_WORDS = 4
# Claimed intervals further apart than this (seconds, bit/s) disagree; "less than an hour" and
# "just over an hour" touch at one hour and still exclude each other.
MIN_CONFLICT_GAP = -1e-6
ATTRIBUTE_LABELS = {"duration": "Length", "rate": "Peak rate", "start": "Start", "end": "End", "under_way": "Time"}


@dataclass(frozen=True)
class Figure:
    """A quantity quoted in a claim, normalised to its base unit."""

    text: str
    value: float
    unit: str
    qualifier: str

    def interval(self, tolerance: float) -> tuple[float, float]:
        """The range of true values this figure allows, widened by ``tolerance`` for rounding."""
        low, high = self.value * (1 - tolerance), self.value * (1 + tolerance)
        if self.qualifier in ("more_than", "at_least"):
            return low, math.inf
        if self.qualifier in ("less_than", "at_most"):
            return 0.0, high
        return low, high

    def agrees_with(self, other: Figure, tolerance: float = CONFLICT_TOLERANCE) -> bool:
        low, high = self.interval(tolerance)
        other_low, other_high = other.interval(tolerance)
        return low <= other_high and other_low <= high

    def key(self) -> tuple:
        return (round(self.value, 6), self.unit, self.qualifier)


@dataclass
class ClaimRow:
    """What clustering needs to know about one claim."""

    id: str
    article_id: str
    outlet_id: str | None
    type: str
    subject_id: str | None
    object_id: str | None
    text: str
    event_time: datetime | None
    reported: datetime | None
    published: str | None
    order: int
    figures: list[Figure] = field(default_factory=list)
    words: str = ""
    sentence: str = ""

    @property
    def units(self) -> set[str]:
        return {figure.unit for figure in self.figures}


def cluster_row(members: list[ClaimRow], outlet_names: dict[str, str]) -> dict:
    """The ``claim_clusters`` row for these members (already in reporting order)."""
    first = members[0]
    variants, conflicts = compare_figures(members, outlet_names)
    objects = {m.object_id for m in members if m.object_id}
    return _cluster_record(
        members,
        cluster_type=first.type,
        label=_label(first.text if len(first.text.split()) >= MIN_LABEL_WORDS else first.sentence),
        object_id=objects.pop() if len(objects) == 1 else None,
        variants=variants,
        conflicts=conflicts,
    )


def _cluster_record(
    members: list[ClaimRow],
    *,
    cluster_type: str,
    label: str,
    object_id: str | None,
    variants: list[str],
    conflicts: list[str],
    event_id: str | None = None,
    attribute: str | None = None,
) -> dict:
    """The ``claim_clusters`` row: what both kinds of cluster keep of their members and first report."""
    first = members[0]
    subjects = {m.subject_id for m in members if m.subject_id}
    return {
        "id": stable_id(*sorted(member.id for member in members)),
        "type": cluster_type,
        "label": label,
        "subject_id": subjects.pop() if len(subjects) == 1 else None,
        "object_id": object_id,
        "first_claim_id": first.id,
        "first_article_id": first.article_id,
        "first_outlet_id": first.outlet_id,
        "first_published": first.published,
        "n_claims": len(members),
        "n_outlets": _outlet_count(members),
        "variants": json.dumps(variants, ensure_ascii=False),
        "conflicting": 1 if conflicts else 0,
        "note": "; ".join(conflicts) or None,
        "event_id": event_id,
        "attribute": attribute,
    }


def _outlet_count(members: list[ClaimRow]) -> int:
    """How many outlets report the members (an article without an outlet counts as its own)."""
    return len({member.outlet_id or member.article_id for member in members})


def compare_figures(members: list[ClaimRow], outlet_names: dict[str, str]) -> tuple[list[str], list[str]]:
    """The distinct figures the members quote, and a sentence for each pair that conflicts.

    Only units that at least two members quote count: a figure one outlet adds (the number of
    IP addresses in a story about the outage's length) is not a variant of the claim.
    """
    unit_members: dict[str, set[str]] = defaultdict(set)
    for member in members:
        for figure in member.figures:
            unit_members[figure.unit].add(member.id)
    compared = {unit for unit, ids in unit_members.items() if len(ids) >= 2}

    variants: list[str] = []
    seen: set[tuple] = set()
    quoted: list[tuple[Figure, ClaimRow]] = []
    for member in members:
        for figure in member.figures:
            if figure.unit in compared and figure.key() not in seen:
                seen.add(figure.key())
                variants.append(figure.text)
                quoted.append((figure, member))

    conflicts = []
    for i, (figure, member) in enumerate(quoted):
        disagreeing = [
            (other, other_member) for other, other_member in quoted[:i]
            if other.unit == figure.unit and not figure.agrees_with(other)
        ]
        if disagreeing:
            against = ", ".join(f"{o.text!r} ({_outlet(m, outlet_names)})" for o, m in disagreeing)
            conflicts.append(
                f"{figure.text!r} ({_outlet(member, outlet_names)}) disagrees with {against} "
                f"by more than {CONFLICT_TOLERANCE:.0%}"
            )
    return variants, conflicts


def _outlet(member: ClaimRow, outlet_names: dict[str, str]) -> str:
    return outlet_names.get(member.outlet_id or "", member.outlet_id or member.article_id)


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "\u2026"


def story_row(members: list[ClaimRow], stories: dict[str, dict], outlet_names: dict[str, str]) -> dict:
    """The ``claim_clusters`` row of claims about one attribute of one measured event."""
    first = members[0]
    frame = stories[first.id]
    variants: list[str] = []
    for member in members:
        written = stories[member.id]["written"]
        if written not in variants:
            variants.append(written)
    conflicts = frame_conflicts(members, stories, outlet_names)
    when = f", {first.published[:10]}" if first.published else ""
    event = frame["event_label"] or "a measured event"
    what = f"{event[0].upper()}{event[1:]}" if frame["attribute"] == "rate" else f"{ATTRIBUTE_LABELS[frame['attribute']]} of {event}"
    label = f"{what} — {len(members)} reports, {_outlet_count(members)} outlets, first: {_outlet(first, outlet_names)}{when}"
    return _cluster_record(
        members,
        cluster_type="reports_measurement",
        label=label,
        object_id=None,
        variants=variants,
        conflicts=conflicts,
        event_id=frame["event_id"],
        attribute=frame["attribute"],
    )


def frame_conflicts(members: list[ClaimRow], stories: dict[str, dict], outlet_names: dict[str, str]) -> list[str]:
    """A sentence for each report whose claimed interval does not overlap an earlier one's, and by how much.

    The intervals already hold each figure's stated precision and qualifier, so "more than
    nine hours" and "9.5 hours" agree while "nearly nine hours" and "about six hours" do not.
    """
    from .figures import format_value

    conflicts = []
    seen: list[tuple[dict, ClaimRow]] = []
    for member in members:
        frame = stories[member.id]
        low, high = _bounds(frame)
        disagreeing = []
        for other, other_member in seen:
            other_low, other_high = _bounds(other)
            gap = max(low - other_high, other_low - high)
            if gap > MIN_CONFLICT_GAP and (other["written"], other_member.outlet_id) not in [(d[0]["written"], d[1].outlet_id) for d in disagreeing]:
                disagreeing.append((other, other_member, gap))
        if disagreeing:
            unit = "s" if frame["unit"] in ("s", "utc") else frame["unit"]
            against = ", ".join(
                f"{o['written']!r} ({_outlet(m, outlet_names)})" + (f" by at least {format_value(gap, unit)}" if gap >= 60 or unit != "s" else "")
                for o, m, gap in disagreeing
            )
            conflicts.append(f"{frame['written']!r} ({_outlet(member, outlet_names)}) disagrees with {against}, beyond their stated precision")
        seen.append((frame, member))
    return conflicts


def _bounds(frame: dict) -> tuple[float, float]:
    return (frame["low"] if frame["low"] is not None else -math.inf, frame["high"] if frame["high"] is not None else math.inf)
