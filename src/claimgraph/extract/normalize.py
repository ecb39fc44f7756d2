"""Normalisation of what claims quote: quantities with units, and times relative to the article.

Both work on plain text with character offsets, so they can be tested without a model and
reused by the evidence stage, which compares claimed figures with measurements.

Quantities (:func:`find_quantities`)
    "more than two hours" -> value 2, unit ``hours``, kind ``duration``, 7200 ``s``,
    qualifier ``more_than``. The kinds, units and qualifiers are the contract shared with
    the evidence stage; add a unit by adding a row to ``UNITS``.

Times (:func:`find_times`)
    "Monday" in an article published on Tuesday 2014-12-23 -> ``2014-12-22`` (the most recent
    such day on or before the article date, or the next one when the tense is future);
    "noon Tuesday local time" in a story about North Korea -> ``2014-12-23T12:00:00+09:00``.
    The anchoring and the zones (the IANA zone of the place the claim is about, through
    zoneinfo, so historical offsets are right) are :mod:`claimgraph.timeutil`'s; this module
    finds the expressions in text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date, timedelta

from ..timeutil import (
    MONTHS, WEEKDAYS, ZONE_ABBREVIATIONS, anchor_calendar_date, anchor_weekday, article_date, clock_time,
    local_moment, zone_for, zone_named,
)

# --------------------------------------------------------------------------- quantities


@dataclass(frozen=True)
class Quantity:
    """A number with a unit as written in the text, and its value in the base unit of its kind."""

    text: str
    start: int
    end: int
    value: float
    unit: str
    kind: str
    normalized_value: float
    normalized_unit: str
    qualifier: str = "exact"


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str
    base_unit: str
    factor: float


# Written forms (lower case, regex) -> unit. Longest forms first so "IP addresses" wins over "addresses".
UNITS: tuple[tuple[str, Unit], ...] = (
    (r"ip\s?v?4?\s+addresses|ip\s+addresses|ip\s+address|addresses", Unit("ip_addresses", "count", "addresses", 1)),
    (r"tbps|tb/s|terabits per second", Unit("Tbps", "rate", "bit/s", 1e12)),
    (r"gbps|gb/s|gigabits per second", Unit("Gbps", "rate", "bit/s", 1e9)),
    (r"mbps|mb/s|megabits per second", Unit("Mbps", "rate", "bit/s", 1e6)),
    (r"kbps|kb/s|kilobits per second", Unit("Kbps", "rate", "bit/s", 1e3)),
    (r"mpps|million packets per second", Unit("Mpps", "rate", "packets/s", 1e6)),
    (r"kpps", Unit("Kpps", "rate", "packets/s", 1e3)),
    (r"pps|packets per second", Unit("pps", "rate", "packets/s", 1)),
    (r"seconds|second|secs|sec", Unit("seconds", "duration", "s", 1)),
    (r"minutes|minute|mins|min", Unit("minutes", "duration", "s", 60)),
    (r"hours|hour|hrs|hr", Unit("hours", "duration", "s", 3600)),
    (r"days|day", Unit("days", "duration", "s", 86400)),
    (r"weeks|week", Unit("weeks", "duration", "s", 604800)),
    (r"percent|per cent|%", Unit("percent", "percent", "percent", 1)),
    (r"dollars|dollar|usd", Unit("usd", "money", "USD", 1)),
    (r"networks|network|prefixes|prefix|routes|route", Unit("networks", "count", "networks", 1)),
    (r"servers|server|computers|computers|machines|devices", Unit("devices", "count", "devices", 1)),
    (r"people|persons|users|employees|citizens", Unit("people", "count", "people", 1)),
)

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a dozen": 12, "a few": 3, "dozens of": 24, "half an": 0.5, "half a": 0.5,
}
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}

# Written qualifier -> contract value. "just under" is checked before "under".
QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("more than", "more_than"), ("over", "more_than"), ("upwards of", "more_than"), ("just over", "more_than"),
    ("in excess of", "more_than"), ("at least", "at_least"), ("no fewer than", "at_least"),
    ("no less than", "at_least"), ("less than", "less_than"), ("fewer than", "less_than"),
    ("under", "less_than"), ("just under", "less_than"), ("below", "less_than"), ("at most", "at_most"),
    ("up to", "at_most"), ("no more than", "at_most"), ("about", "approximately"),
    ("around", "approximately"), ("approximately", "approximately"), ("roughly", "approximately"),
    ("nearly", "approximately"), ("almost", "approximately"), ("some", "approximately"),
    ("close to", "approximately"), ("an estimated", "approximately"), ("estimated", "approximately"),
)

_WORD_NUMBER = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_QUALIFIER = "|".join(sorted((re.escape(q) for q, _ in QUALIFIERS), key=len, reverse=True))
_UNIT = "|".join(pattern for pattern, _ in UNITS)
# "a"/"an" is one only right before a unit of time ("an hour later", "a week"); "a second wave" is no second.
_ARTICLE_ONE = r"(?<![\w-])an?(?=\s+(?:minute|hour|day|week)s?\b)"
# A spelled-out number may join its unit with a hyphen ("five-day blackout") but not another word ("twenty-five").
_WORD_NUMBER_END = r"(?:(?![\w-])|(?=-(?:second|minute|hour|day|week)s?\b))"
_NUMBER = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<![\w-])(?:{_WORD_NUMBER}){_WORD_NUMBER_END}|{_ARTICLE_ONE}"
_QUANTITY_RE = re.compile(
    rf"(?:(?P<qualifier>{_QUALIFIER})\s+)?"
    rf"(?P<currency>\$|US\$|USD\s?)?"
    rf"(?P<number>{_NUMBER})"
    rf"(?P<half>\s+1/2|\s*\u00bd|\s+and\s+a\s+half)?"
    rf"(?:[\s-]?(?P<multiplier>thousand|million|billion|trillion|bn|mn)\b)?"
    rf"(?:[\s-]*(?P<unit>{_UNIT})(?![\w]))?",
    re.IGNORECASE,
)
# Every quantity holds a number. Most texts hold none, and searching for one alone costs a tenth
# of trying the whole pattern (its qualifier and currency prefixes first) at every character: a
# digit first (the quickest scan), then a spelled-out number at a word start whose first letter
# can begin one.
_DIGIT_RE = re.compile(r"\d")
_FIRST_LETTERS = "".join(sorted({word[0] for word in NUMBER_WORDS} | {"a"}))
_NUMBER_WORD_RE = re.compile(
    rf"(?<![\w-])(?=[{_FIRST_LETTERS}])(?:(?:{_WORD_NUMBER}){_WORD_NUMBER_END}|{_ARTICLE_ONE})", re.IGNORECASE
)
_QUALIFIER_MAP = {written: value for written, value in QUALIFIERS}
_UNITS_BY_NAME = {unit.name: unit for _, unit in UNITS}
# what may stand between the parts of one duration: "9 hours 31 minutes", "9 hours, 31 minutes", "9 hours and 31 minutes"
_DURATION_JOINT_RE = re.compile(r"\s*(?:,\s*)?(?:and\s+)?")


def _number(written: str) -> float:
    written = written.lower()
    if written in ("a", "an"):
        return 1.0
    if written in NUMBER_WORDS:
        return float(NUMBER_WORDS[written])
    return float(written.replace(",", ""))


def _unit(written: str) -> Unit:
    lowered = written.lower()
    for pattern, unit in UNITS:
        if re.fullmatch(pattern, lowered):
            return unit
    raise KeyError(written)


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every number with a unit (or a currency sign) in ``text``; offsets shifted by ``offset``.

    Bare numbers without a unit (years, ages, ordinals) are left out: they cannot be
    compared with a measurement. A duration written in parts from the larger unit down
    ("9 hours and 31 minutes") is one quantity in its first unit.

    >>> [q.normalized_value for q in find_quantities("for 9 hours")]
    [32400.0]
    """
    found = _quantities_in(text)
    if not offset:
        return list(found)
    return [replace(q, start=q.start + offset, end=q.end + offset) for q in found]


# A sentence is read for figures by several rules (its claims, their contents, their qualifiers):
# the scan is the costly part of claim extraction, so its result is kept per text.
@lru_cache(maxsize=2048)
def _quantities_in(text: str) -> tuple[Quantity, ...]:
    if not (_DIGIT_RE.search(text) or _NUMBER_WORD_RE.search(text)):
        return ()
    found = []
    for match in _QUANTITY_RE.finditer(text):
        currency, unit_text = match["currency"], match["unit"]
        if not currency and not unit_text:
            continue
        unit = _unit(unit_text) if unit_text else _unit("usd")
        value = (_number(match["number"]) + (0.5 if match["half"] else 0)) * MULTIPLIERS.get((match["multiplier"] or "").lower(), 1)
        qualifier = _QUALIFIER_MAP.get(" ".join((match["qualifier"] or "").lower().split()), "exact")
        found.append(
            Quantity(
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                value=value,
                unit=unit.name,
                kind=unit.kind,
                normalized_value=value * unit.factor,
                normalized_unit=unit.base_unit,
                qualifier=qualifier,
            )
        )
    return tuple(_join_duration_parts(text, found, 0))


def _join_duration_parts(text: str, found: list[Quantity], offset: int) -> list[Quantity]:
    """Merge "9 hour" + "31 minute" into one duration: 9.5166 hours, 34260 s.

    A part joins the duration before it when its unit is smaller, it has no qualifier of its
    own and only a space, a comma or "and" stands between them.
    """
    joined: list[Quantity] = []
    for quantity in found:
        previous = joined[-1] if joined else None
        if (
            previous is not None and previous.kind == quantity.kind == "duration"
            and quantity.qualifier == "exact"
            and _UNITS_BY_NAME[quantity.unit].factor < _UNITS_BY_NAME[previous.unit].factor
            and _DURATION_JOINT_RE.fullmatch(text, previous.end - offset, quantity.start - offset)
        ):
            seconds = previous.normalized_value + quantity.normalized_value
            joined[-1] = replace(
                previous, text=text[previous.start - offset:quantity.end - offset], end=quantity.end,
                value=seconds / _UNITS_BY_NAME[previous.unit].factor, normalized_value=seconds,
            )
        else:
            joined.append(quantity)
    return joined


# --------------------------------------------------------------------------- times


@dataclass(frozen=True)
class TimeExpression:
    """A time expression resolved against the article date: ``value`` is ISO 8601 (a date or a datetime)."""

    text: str
    start: int
    end: int
    value: str
    end_value: str | None = None


_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_CLOCK = r"(?P<clock>noon|midnight|midday|\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)(?![\w]))"
_ZONE = rf"(?P<zone>local time|(?:{'|'.join(sorted(ZONE_ABBREVIATIONS, key=len, reverse=True))})\b)"
_DAY = (
    rf"(?P<relative>(?:last|next|this|on)\s+)?(?P<weekday>{'|'.join(WEEKDAYS)})(?:\s+(?P<part>morning|afternoon|evening|night))?"
    rf"|(?P<month>{_MONTH})\.?\s+(?P<mday>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|(?P<mday2>\d{{1,2}})\s+(?P<month2>{_MONTH})(?:\s+(?P<year2>\d{{4}}))?"
    rf"|(?P<deictic>yesterday|today|tonight|last night)"
)
_TIME_RE = re.compile(
    rf"(?<![\w])(?:{_CLOCK}(?:\s+(?:on\s+)?))?(?:{_DAY})(?:,?\s+(?:at\s+)?{_CLOCK.replace('clock', 'clock2')})?(?:\s+{_ZONE})?(?![\w])",
    re.IGNORECASE,
)


def find_times(
    text: str,
    published: str | None,
    *,
    offset: int = 0,
    future: bool = False,
    country: str | None = None,
) -> list[TimeExpression]:
    """Time expressions in ``text`` resolved against the article's ``published`` date.

    ``future`` says the sentence looks ahead ("will", "is going to"), so a bare weekday means
    the next one. ``country`` (ISO code or name) is the place the claim is about: "local time"
    is read in its zone. Without a publication date only absolute dates with a year resolve.
    """
    base = article_date(published)
    found = []
    for match in _TIME_RE.finditer(text):
        day = None
        if match["weekday"] and base:
            day = anchor_weekday(match["weekday"], base, relative=match["relative"] or "", future=future)
        elif match["month"] or match["month2"]:
            year = match["year"] or match["year2"]
            if base or year:
                day = anchor_calendar_date(
                    match["month"] or match["month2"], match["mday"] or match["mday2"], year, base or date(int(year), 1, 1), future=future,
                )
        elif match["deictic"] and base:
            deictic = match["deictic"].lower()
            day = base - timedelta(days=1) if deictic in {"yesterday", "last night"} else base
        if day is None:
            continue
        clock = match["clock"] or match["clock2"]
        value = day.isoformat()
        if clock:
            zone_text = (match["zone"] or "").lower()
            zone = zone_for(country) if zone_text == "local time" else zone_named(zone_text)
            value = local_moment(day, clock_time(clock), zone).isoformat()
        written, start = match.group(0), match.start()
        if written.lower().startswith("on "):
            written, start = written[3:], start + 3
        found.append(TimeExpression(written, offset + start, offset + match.end(), value))
    return _join_ranges(text, found, offset)


_RANGE_OPEN_RE = re.compile(r"(?:between|from)\s+$", re.IGNORECASE)
_RANGE_JOIN_RE = re.compile(r"\s*(?:and|to|until|till|through|-|–)\s*", re.IGNORECASE)


def _join_ranges(text: str, times: list[TimeExpression], offset: int) -> list[TimeExpression]:
    """"between Monday and Wednesday", "from 9 a.m. Monday to noon Tuesday": one interval."""
    joined: list[TimeExpression] = []
    index = 0
    while index < len(times):
        first = times[index]
        second = times[index + 1] if index + 1 < len(times) else None
        opener = _RANGE_OPEN_RE.search(text[:first.start - offset])
        if second is not None and opener and _RANGE_JOIN_RE.fullmatch(text[first.end - offset:second.start - offset]):
            start = offset + opener.start()
            joined.append(TimeExpression(text[start - offset:second.end - offset], start, second.end, first.value, second.value))
            index += 2
            continue
        joined.append(first)
        index += 1
    return joined
