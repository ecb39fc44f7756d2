"""Event frames: what a measurement claim says, about which event, as an interval.

A figure in a news claim is only checkable once it is read as an attribute of an event:
"stayed down for more than 9 1/2 hours" is the *duration* of an *outage* of *North Korea*,
claimed to lie in (9.5 h, ∞); "went offline again at 3:40 p.m. local time" is the *start*
of a *later* outage, 06:40 UTC ± 10 min once "local time" is read in Pyongyang's zone. A
:class:`Frame` holds that reading: event kind (``vocabulary.yml`` ``event_kinds``), subject,
attribute (start, end, duration, rate), the figure as written, the claimed interval, the
qualifier, an ordinal ("second", "again"), the time anchor, and a ``role`` that says whether
the figure measures the event at all.

The rules are an ordered table (:data:`DURATION_RULES`) of small functions over the text
around a figure; the first that recognises the figure decides its role:

* ``period_before``: "degrading for the past 24 hours before it failed", "withdrawing routes
  for 20 minutes before the country vanished": a stretch *before* the event, not its length;
* ``of_instability``: "24 hours of instability/unstable routing": the length of a degradation;
* ``since_other_event``: "two days after the President promised ...": the time since
  something else, not a length ("nearly two days after the outage began" is a length);

otherwise the figure is the length of the event whose name is nearest to it. Clock times
("at 16:15 UTC", "11:29 a.m. local time") are start or end moments, by the nearest verb;
a clock time is never a duration; a verb that has a clock time of its own ("came back at 10:25")
is not read onto another. A clock time without any zone is kept with role
``no_zone`` and not checked.

Frames are read at the start of the link stage from what extraction stored (claims, their
quantities, mentions and the article's date), so any database gets them without
re-extraction: :mod:`claimgraph.link.frame_store` reads the claims and writes ``claim_frames``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo


from ..db import stable_id
from .figures import rounding_step
from ..timeutil import COUNTRY_NAMES, ZONE_ABBREVIATIONS, clock_time, local_moment, parse_iso, zone_for, zone_named
from ..vocabulary import vocabulary

# A date without a zone is a local day somewhere between UTC-12 and UTC+14.
DAY_BEFORE = timedelta(hours=14)
DAY_AFTER = timedelta(hours=12)
# Clock times: a time given to the minute is that minute give or take CLOCK_MINUTE, one on the
# hour ("7 a.m.", "noon") give or take CLOCK_HOUR; "about" widens either by CLOCK_ABOUT.
CLOCK_MINUTE = timedelta(minutes=10)
CLOCK_HOUR = timedelta(minutes=30)
CLOCK_ABOUT = timedelta(minutes=30)
CLOCK_SHORTLY = timedelta(minutes=45)
# A claimed moment is about the events that started or ended within this of it.
MOMENT_WINDOW = timedelta(hours=12)
# Relative tolerance of a stated figure per attribute, and of "about"/"nearly": the wider of
# this and the figure's rounding step applies ("9 hours" is 8-10 hours, "9.5 hours" 9.4-9.6 plus 10%).
RELATIVE = {"duration": 0.10, "rate": 0.05}
APPROXIMATE = 0.20

# Fine qualifiers, read from the figure as written (the quantities table keeps the coarse ones).
QUALIFIER_WORDS: tuple[tuple[str, str], ...] = (
    ("a little less than", "nearly"), ("slightly less than", "nearly"), ("just under", "nearly"),
    ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"),
    ("a little over", "just_over"), ("slightly more than", "just_over"), ("just over", "just_over"),
    ("a little more than", "just_over"), ("more than", "more_than"), ("over", "more_than"),
    ("upwards of", "more_than"), ("in excess of", "more_than"), ("at least", "at_least"),
    ("no less than", "at_least"), ("no fewer than", "at_least"), ("less than", "less_than"),
    ("fewer than", "less_than"), ("under", "less_than"), ("below", "less_than"), ("at most", "at_most"),
    ("up to", "at_most"), ("no more than", "at_most"), ("about", "approximately"), ("around", "approximately"),
    ("approximately", "approximately"), ("roughly", "approximately"), ("some", "approximately"),
    ("an estimated", "approximately"), ("estimated", "approximately"), ("a mere", "exact"), ("a few", "a_few"),
)

_ZONE_WORDS = "|".join(sorted((re.escape(z) for z in ZONE_ABBREVIATIONS), key=len, reverse=True))
_CLOCK_RE = re.compile(
    r"(?P<qualifier>\b(?:about|around|approximately|roughly|shortly after|shortly before|just after|just before|soon after)\s+)?"
    r"(?:at\s+)?"
    r"(?P<clock>(?<![\d:.])(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*(?:a\.m\.|p\.m\.|am|pm)(?!\w))?"
    r"|(?<![\d:.])(?:1[0-2]|0?[1-9])(?:[.:][0-5]\d)?\s*(?:a\.m\.|p\.m\.|am|pm)(?!\w)"
    r"|(?<![\d:.])[0-2]\d[0-5]\d(?=\s*(?:UTC|GMT)\b)|\bnoon\b|\bmidnight\b)"
    r"(?P<weekday>\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))?"
    rf"(?:\s+(?P<zone>{_ZONE_WORDS})\b|\s+(?P<local>local time)\b|\s+(?P<place>[A-Z][a-z]+) time\b)?",
    re.IGNORECASE,
)
_IN_PLACE_RE = re.compile(r"\bin\s+(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)")
_DEADLINE_RE = re.compile(r"\b(?:as of|by)\s*$", re.IGNORECASE)
_ORDINAL_RE = re.compile(
    r"\b(?P<nth>first|second|third)\s+(?:\w+\s+)?(?:outage|blackout|shutdown|attack|wave|disruption|cut)s?\b"
    r"|\b(?P<again>again|another|renewed)\b",
    re.IGNORECASE,
)
ORDINALS = {"first": 1, "second": 2, "third": 3}
LATER = 0  # "again", "another": some outage after the first


@dataclass(frozen=True)
class Reading:
    """One way to read a claimed figure: its interval, in seconds (durations), bit/s, or Unix time (moments)."""

    label: str
    low: float
    high: float


@dataclass
class Frame:
    """What one figure of a claim says about one event (see the module docstring)."""

    claim_id: str
    article_id: str
    attribute: str  # start, end, duration, rate, under_way
    role: str  # measurement, period_before, of_instability, since_other_event, no_zone, no_event
    written: str
    kind: str | None = None
    unit: str = "s"
    qualifier: str = "exact"
    readings: list[Reading] = field(default_factory=list)
    ordinal: int | None = None
    anchor_start: datetime | None = None
    anchor_end: datetime | None = None
    subjects: tuple[str, ...] = ()
    subject_name: str | None = None
    start: int | None = None
    end: int | None = None
    note: str | None = None
    published: str | None = None
    published_is_day: bool = False
    stated: str | None = None  # a dated claim's resolved day, ISO
    anchored_by_end: bool = False  # the claim's date is when the event ended ("restored on July 10, N after ...")
    # filled by binding (link.events.bind)
    event_id: str | None = None
    event_label: str | None = None
    binding: str | None = None

    @property
    def id(self) -> str:
        return stable_id(self.claim_id, self.attribute, self.written, self.start)

    @property
    def checkable(self) -> bool:
        return self.role == "measurement" and bool(self.readings) and bool(self.subjects) and self.kind is not None


# --------------------------------------------------------------------------- reading a claim


def frames_for_claim(claim: dict, quantities: list[dict], subjects: tuple[str, ...], subject_name: str | None) -> list[Frame]:
    """The frames of one claim: one per duration or rate figure and one per clock time or dated start/end.

    ``claim`` holds claims columns plus ``published`` (the article's); ``quantities`` its quantities rows.
    """
    text = claim.get("text") or claim.get("sentence") or ""
    base = claim.get("start") if claim.get("text") else claim.get("sentence_start")
    published = claim.get("published")
    common = dict(claim_id=claim["id"], article_id=claim["article_id"], subjects=subjects, subject_name=subject_name,
                  published=published, published_is_day=bool(published) and len(published) <= 10)
    frames = []
    covered: list[tuple[int, int]] = []
    for quantity in quantities:
        unit = quantity.get("normalized_unit")
        if unit not in ("s", "bit/s", "packets/s") or quantity.get("normalized_value") is None:
            continue
        position = _position(text, quantity, base)
        if position is None:
            continue
        begin, finish = position
        covered.append(position)
        frame = Frame(attribute="duration" if unit == "s" else "rate", role="measurement", written=quantity["text"],
                      unit=unit, start=_offset(base, begin), end=_offset(base, finish), **common)
        _read_figure(frame, text, begin, finish, quantity)
        frame.anchor_start, frame.anchor_end = _event_time_window(claim.get("event_time"))
        frame.anchored_by_end = _attribute_near(text, 0, 0, anywhere=True)[0] == "end"
        frames.append(frame)
    frames.extend(_moment_frames(claim, text, base, covered, common))
    return frames


def _event_time_window(event_time: str | None) -> tuple[datetime | None, datetime | None]:
    """The UTC window of a claim's event time: its day in any zone, or a zoned moment give or take a day."""
    moment = parse_iso(event_time)
    if moment is None:
        return None, None
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        return moment - timedelta(days=1), moment + timedelta(days=1)
    day = moment.date() if isinstance(moment, datetime) else moment
    midnight = datetime.combine(day, time(), timezone.utc)
    return midnight - DAY_BEFORE, midnight + timedelta(days=1) + DAY_AFTER


def _position(text: str, quantity: dict, base: int | None) -> tuple[int, int] | None:
    if quantity.get("start") is not None and base is not None:
        begin = quantity["start"] - base
        if 0 <= begin <= len(text) and text[begin:begin + len(quantity["text"])] == quantity["text"]:
            return begin, begin + len(quantity["text"])
    found = text.find(quantity["text"])
    return (found, found + len(quantity["text"])) if found >= 0 else None


def _offset(base: int | None, position: int) -> int | None:
    return None if base is None else base + position


def fine_qualifier(written: str, coarse: str | None = None) -> str:
    """"nearly 10 hours" -> nearly, "just over an hour" -> just_over, "9 hours" -> exact."""
    lowered = " ".join(written.lower().split())
    for words, qualifier in QUALIFIER_WORDS:
        if lowered.startswith(words + " "):
            return qualifier
    return coarse if coarse in ("more_than", "at_least", "less_than", "at_most", "approximately") else "exact"


def figure_interval(value: float, step: float, qualifier: str, attribute: str) -> tuple[float, float]:
    """The interval a stated figure allows, from its qualifier and the precision it was stated with."""
    tolerance = max(RELATIVE.get(attribute, 0.10) * value, step)
    approximate = max(APPROXIMATE * value, step)
    return {
        "exact": (value - tolerance, value + tolerance),
        "approximately": (value - approximate, value + approximate),
        "nearly": (value - approximate, value),
        "just_over": (value + 1e-9, value + approximate),
        "more_than": (value + 1e-9, float("inf")),
        "at_least": (value, float("inf")),
        "less_than": (0.0, value - 1e-9),
        "at_most": (0.0, value),
        "a_few": (value * 2 / 3, value * 5 / 3),  # "a few hours" is read as 3 hours: two to five
    }[qualifier]


# --------------------------------------------------------------------------- durations and rates


@dataclass(frozen=True)
class Context:
    """A figure in its claim: the text before and after it (lower case) and the whole text."""

    before: str
    after: str
    text: str


def _period_before(context: Context, frame: Frame) -> str | None:
    """"for the past 24 hours", "for 20 minutes before the country vanished": a stretch before the event."""
    if re.search(r"\b(?:for|over|in|during)\s+the\s+(?:past|previous|last|preceding)\s+$", context.before):
        return "period_before"
    following = re.match(r"\s+(?:\w+\s+){0,2}?before\s+(?P<clause>[^,.;]*)", context.after)
    if following and not _names_any(following["clause"], vocabulary().event_attributes["end"].words):
        return "period_before"
    return None


def _of_instability(context: Context, frame: Frame) -> str | None:
    """"24 hours of instability", "more than 24 hours of unstable routing": the length of a degradation."""
    following = re.match(r"\s+of\s+(?P<words>(?:[\w-]+\s+){0,2}[\w-]+)", context.after)
    if following and _names_any(following["words"], vocabulary().event_kinds["degradation"].words):
        frame.kind = "degradation"
        return "measurement"
    return None


def _since_other_event(context: Context, frame: Frame) -> str | None:
    """"two days after the President promised": time since another event, unless that event is this one's start."""
    following = re.match(r"\s+(?:after|since)\s+(?P<clause>[^,.;]*)", context.after)
    if not following:
        return None
    clause = following["clause"]
    kinds = [word for spec in vocabulary().event_kinds.values() for word in spec.words]
    if _names_any(clause, kinds) and _names_any(clause, vocabulary().event_attributes["start"].words + ("began", "started")):
        return "measurement"
    return "since_other_event"


DURATION_RULES = (_period_before, _of_instability, _since_other_event)


def _read_figure(frame: Frame, text: str, begin: int, finish: int, quantity: dict) -> None:
    context = Context(text[:begin].lower(), text[finish:].lower(), text.lower())
    for rule in DURATION_RULES:
        role = rule(context, frame)
        if role is not None:
            frame.role = role
            break
    if frame.kind is None:
        frame.kind = "attack" if frame.attribute == "rate" else nearest_kind(text, begin, finish)
    if frame.kind is None:
        frame.role = "no_event"
    frame.qualifier = fine_qualifier(quantity["text"], quantity.get("qualifier"))
    step = rounding_step(quantity)
    low, high = figure_interval(quantity["normalized_value"], step, frame.qualifier, frame.attribute)
    frame.readings = [Reading("as written", low, high)]
    frame.ordinal = ordinal(text)


def nearest_kind(text: str, begin: int, finish: int) -> str | None:
    """The event kind named nearest to ``text[begin:finish]`` (None: the text names no event)."""
    lowered = text.lower()
    best: tuple[int, str] | None = None
    for name, spec in vocabulary().event_kinds.items():
        for word in spec.words:
            for match in re.finditer(r"\b" + re.escape(word) + r"\b", lowered):
                distance = max(begin - match.end(), match.start() - finish, 0)
                if best is None or distance < best[0]:
                    best = (distance, name)
    return best[1] if best else None


def ordinal(text: str) -> int | None:
    """1, 2, 3 for "first/second/third outage", :data:`LATER` for "again"/"another", else None."""
    match = _ORDINAL_RE.search(text)
    if match is None:
        return None
    return ORDINALS[match["nth"].lower()] if match["nth"] else LATER


def _names_any(text: str, words) -> bool:
    return any(re.search(r"\b" + re.escape(word) + r"\b", text, re.IGNORECASE) for word in words)


# --------------------------------------------------------------------------- moments


def _moment_frames(claim: dict, text: str, base: int | None, covered: list, common: dict) -> list[Frame]:
    """Start/end moments: clock times in the claim, else a dated start or end ("shut down Monday", "restored on July 10")."""
    frames = []
    event_time = claim.get("event_time")
    matches = [m for m in _CLOCK_RE.finditer(text)
               if not any(begin <= m.start("clock") < finish for begin, finish in covered)]
    clocks = [(m.start(), m.end()) for m in matches]
    for match in matches:
        attribute, deadline = _attribute_near(text, match.start(), match.end(), clocks=clocks)
        if attribute is None:
            continue
        frame = Frame(attribute=attribute, role="measurement", written=match.group(0).strip(), unit="utc",
                      start=_offset(base, match.start()), end=_offset(base, match.end()), **common)
        frame.kind = nearest_kind(text, match.start(), match.end())
        frame.ordinal = ordinal(text)
        if frame.kind is None:
            frame.role = "no_event"
        _read_clock(frame, match, text, claim, deadline)
        frames.append(frame)
    if frames or not event_time:
        return frames
    attribute, deadline = _attribute_near(text, 0, 0, anywhere=True)
    if attribute is None:
        return frames
    frame = Frame(attribute=attribute, role="measurement", written=claim.get("event_time_text") or event_time,
                  unit="utc", **common)
    frame.kind = nearest_kind(text, 0, len(text))
    frame.ordinal = ordinal(text)
    if frame.kind is None:
        frame.role = "no_event"
    moment = parse_iso(event_time)
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        _set_moment(frame, [("as written", moment.astimezone(timezone.utc))], "hour" if moment.minute == 0 else "minute",
                    "exact", deadline or _is_deadline_text(text))
    else:
        day = moment.date() if isinstance(moment, datetime) else moment
        if day is None:
            return frames
        low = datetime.combine(day, time(), timezone.utc) - DAY_BEFORE
        high = datetime.combine(day, time(), timezone.utc) + timedelta(days=1) + DAY_AFTER
        frame.readings = [Reading("that day in some time zone", low.timestamp(), high.timestamp())]
        frame.stated = day.isoformat()
        frame.anchor_start, frame.anchor_end = low, high
        frame.qualifier = "day"
        if _is_deadline_text(text):
            _make_deadline(frame)
    frames.append(frame)
    return frames


def _is_deadline_text(text: str) -> bool:
    return re.search(r"\b(?:as of|by)\b", text, re.IGNORECASE) is not None and re.search(
        r"\b(?:as of|by)\s+(?:\w+\s+){0,3}?(?:\d|noon|midnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
        text, re.IGNORECASE) is not None


def _make_deadline(frame: Frame) -> None:
    """"As of T, access had been restored": the end is no later than T; "as of T ... offline": under way at T."""
    if frame.attribute == "end":
        frame.qualifier = "by"
        frame.readings = [Reading(r.label, float("-inf"), r.high) for r in frame.readings]
    else:
        frame.attribute = "under_way"
        frame.qualifier = "as_of"


def _attribute_near(text: str, begin: int, finish: int, anywhere: bool = False,
                    clocks: list[tuple[int, int]] = ()) -> tuple[str | None, bool]:
    """start or end, from the verb nearest before a clock time in its clause (or anywhere, for a dated claim).

    Each verb governs the clock time it is nearest: in "fell at 04:10 UTC and came back at 10:25 UTC"
    "came back" is 10:25's, not 04:10's. So a verb before the time counts only when no other of the
    claim's ``clocks`` lies between them, and a verb after it only when no clock time lies between
    them and none follows the verb in its own clause. No verb left: the role is unclear (None).
    """
    attributes = vocabulary().event_attributes
    lowered = text.lower()
    clause_start = max(lowered.rfind(",", 0, begin), lowered.rfind(";", 0, begin), -1) + 1
    others = [(low, high) for low, high in clocks if (low, high) != (begin, finish)]

    def owned_elsewhere(verb: re.Match) -> bool:
        if verb.end() <= begin:
            return any(verb.end() <= low and high <= begin for low, high in others)
        clause_end = min((i for i in (lowered.find(",", verb.end()), lowered.find(";", verb.end())) if i >= 0),
                         default=len(lowered))
        return any(finish <= low and high <= verb.start() for low, high in others) or any(
            verb.end() <= low < clause_end for low, _ in others)
    deadline = bool(_DEADLINE_RE.search(lowered[clause_start:begin]))
    best: tuple[int, str] | None = None
    for name in ("start", "end"):
        for word in attributes[name].words:
            for match in re.finditer(r"\b" + re.escape(word) + r"\b", lowered):
                if anywhere:
                    distance = match.start()
                elif owned_elsewhere(match):
                    continue
                elif match.end() <= begin and match.start() >= clause_start:
                    distance = begin - match.end()
                elif match.start() >= finish:
                    distance = match.start() - finish + 1000  # a verb after the time: "Shortly after noon ET, ... went out"
                else:
                    continue
                if best is None or distance < best[0]:
                    best = (distance, name)
    if best is None and _is_deadline_text(lowered) and _names_any(lowered, vocabulary().event_kinds["outage"].words):
        return "start", True  # "as of 8 p.m., North Korea remained offline": under way then
    return (best[1] if best else None), deadline


def _read_clock(frame: Frame, match: re.Match, text: str, claim: dict, deadline: bool) -> None:
    clock = _clock(match["clock"])
    precision = "hour" if clock.minute == 0 else "minute"
    qualifier = (match["qualifier"] or "").strip().lower()
    zones = _zones(match, text, claim)
    resolved = parse_iso(claim.get("event_time"))
    if not zones and isinstance(resolved, datetime) and resolved.tzinfo is not None and resolved.time() == clock:
        # extraction resolved this clock time's zone ("noon Tuesday local time"): use its offset
        zones = [(claim.get("event_time_text") or "as resolved", resolved.tzinfo)]
    if not zones:
        frame.role = "no_zone"
        frame.note = "the claim gives no time zone for this clock time"
        return
    day = _day(claim, text, match.start())
    readings = []
    for label, zone in zones:
        local_day = day or _latest_day(clock, zone, claim.get("published"))
        if local_day is None:
            continue
        moment = local_moment(local_day, clock, zone).astimezone(timezone.utc)
        readings.append((label, moment))
    if not readings:
        frame.role = "no_zone"
        frame.note = "no day to anchor the clock time to"
        return
    if len(zones) > 1:
        frame.note = "the time zone labels disagree (" + " / ".join(label for label, _ in zones) + ")"
    _set_moment(frame, readings, precision, qualifier, deadline)


def _set_moment(frame: Frame, readings: list[tuple[str, datetime]], precision: str, qualifier: str, deadline: bool) -> None:
    tolerance = CLOCK_MINUTE if precision == "minute" else CLOCK_HOUR
    before = after = tolerance
    if qualifier in ("about", "around", "approximately", "roughly"):
        before = after = tolerance + CLOCK_ABOUT
    elif qualifier in ("shortly after", "just after", "soon after"):
        before, after = timedelta(0), CLOCK_SHORTLY
    elif qualifier in ("shortly before", "just before"):
        before, after = CLOCK_SHORTLY, timedelta(0)
    frame.qualifier = qualifier.replace(" ", "_") or "exact"
    frame.readings = [Reading(label, (m - before).timestamp(), (m + after).timestamp()) for label, m in readings]
    first = readings[0][1]
    frame.anchor_start, frame.anchor_end = first - MOMENT_WINDOW, first + MOMENT_WINDOW
    if deadline:
        _make_deadline(frame)


def _clock(written: str) -> time:
    """The time of day of a clock expression ("3:40 p.m.", "16:15", "noon"): :func:`claimgraph.timeutil.clock_time`."""
    return clock_time(written.replace("a.m.", "am").replace("p.m.", "pm"), twenty_four_hour=True)


def _zones(match: re.Match, text: str, claim: dict) -> list[tuple[str, ZoneInfo]]:
    """The zone readings of a clock time: its label, a place it is "in", "local time" of the subject."""
    zones = []
    if match["zone"]:
        zones.append((match["zone"], zone_named(match["zone"])))
    place_zone = None
    place = match["place"] or next((m["place"] for m in _IN_PLACE_RE.finditer(text[match.end():match.end() + 40])), None)
    if place:
        place_zone = zone_for(COUNTRY_NAMES.get(place.lower()) or place)
    if match["local"]:
        local = zone_for(claim.get("subject_country")) if claim.get("subject_country") else None
        if local is not None:
            zones.append((f"local time ({local.key})", local))
    elif place_zone is not None and (not zones or zones[0][1].key != place_zone.key):
        zones.append((f"{place} time", place_zone))
    return zones


def _day(claim: dict, text: str, clock_at: int) -> date | None:
    """The local day of a clock time: an explicit date in the claim, else its resolved weekday or day."""
    from ..extract.normalize import find_times  # the extract package loads spaCy: only when a clock time needs a day

    times = find_times(text, claim.get("published"), country=claim.get("subject_country"))
    dated = [t for t in times if re.search(r"[A-Za-z]{3}\.?\s+\d|\d\s+[A-Za-z]{3}", t.text)]
    chosen = dated[0] if dated else (min(times, key=lambda t: abs(t.start - clock_at)) if times else None)
    if chosen is not None:
        parsed = parse_iso(chosen.value)
        return parsed.date() if isinstance(parsed, datetime) else parsed
    event_time = claim.get("event_time")
    if event_time:
        parsed = parse_iso(event_time)
        return parsed.date() if isinstance(parsed, datetime) else parsed
    return None


def _latest_day(clock: time, zone: ZoneInfo, published: str | None) -> date | None:
    """With no day named, the latest day on which that clock time had passed when the article appeared."""
    moment = parse_iso(published)
    if moment is None:
        return None
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(23, 59), timezone.utc)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    local = moment.astimezone(zone)
    day = local.date()
    if local_moment(day, clock, zone) > local:
        day -= timedelta(days=1)
    return day
