"""Times in one place: reading dates and times as sources write them, UTC forms, article-date anchoring.

Reading
    :func:`parse_iso` reads ISO 8601 and keeps what was written: a date stays a
    :class:`~datetime.date`, a time keeps its offset, a time written without one stays naive.
    :func:`parse_written` also reads what web pages and feeds write (``2014/12/23``,
    RFC 2822 ``Tue, 23 Dec 2014 10:30:00 -0500``, ``Dec. 23, 2014``).

UTC
    Naive times are read as UTC and a date alone as its midnight UTC, as SQLite's
    ``datetime()`` does, everywhere in claimgraph. :func:`read_utc` (raises on bad input) and
    :func:`utc_datetime` (None instead) give aware datetimes; :func:`utc_iso` gives
    ``2014-12-23T15:30:00+00:00`` text (measurements), :func:`utc_sortable`
    ``2014-12-23T15:30:00Z`` (``articles.published_utc``).

Article-date anchoring
    Weekdays and calendar dates without a year are resolved against the date an article was
    published *where it was published* (:func:`article_date`): "Monday" in an article of
    Tuesday 23 December 2014 is 22 December (:func:`anchor_weekday`). "Local time" of a place
    is read in the IANA zone of its capital (:func:`zone_for`) through zoneinfo, so
    historical offsets and summer time are right.

No spaCy here: queries, graph and publish can import it cheaply.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

UTC = timezone.utc

# --------------------------------------------------------------------------- reading

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SLASHED_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_COMPACT_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")
_FRACTION = re.compile(r"\.\d+(?=[+-]|$)")


def parse_iso(text: str | None) -> date | datetime | None:
    """An ISO 8601 date or time as written, or None when ``text`` is empty or not ISO 8601.

    A date alone is a ``date``; a time keeps the offset it was written with (``Z`` is UTC)
    and a time without one stays naive: the caller says what naive means (see :func:`to_utc`).

    >>> parse_iso("2014-12-23")
    datetime.date(2014, 12, 23)
    >>> parse_iso("2014-12-23T10:30:00-05:00").utcoffset()
    datetime.timedelta(days=-1, seconds=68400)
    """
    if not text:
        return None
    text = text.strip()
    try:
        if _DATE_ONLY.fullmatch(text):
            return date.fromisoformat(text)
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def parse_written(text: str | None, *, free_text: bool = True) -> date | datetime | None:
    """A date or time as web pages and feeds write it, or None when it cannot be read.

    Reads ISO 8601 (also with ``+0500`` offsets; fractions of a second are dropped),
    ``YYYY/MM/DD``, RFC 2822 and, with ``free_text``, common news forms such as
    ``Dec. 23, 2014 10:30 a.m.`` (through dateparser, strictly: a day, month and year are
    needed). Zones are kept as written; see :func:`parse_iso`.
    """
    if not text:
        return None
    text = text.strip()
    match = _SLASHED_DATE.fullmatch(text)
    if match:
        try:
            return date(*map(int, match.groups()))
        except ValueError:
            return None
    candidate = _FRACTION.sub("", _COMPACT_OFFSET.sub(r"\1:\2", re.sub(r"Z$", "+00:00", text)))
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    if free_text and re.search(r"\d", text) and len(text) < 60:
        import dateparser  # slow to import: only loaded for text that needs it

        return dateparser.parse(text, settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"})
    return None


def written_to_iso(text: str | None) -> str | None:
    """The ISO 8601 text of a date or time as pages write it (see :func:`parse_written`), or None.

    >>> written_to_iso("Tue, 23 Dec 2014 10:30:00 -0500")
    '2014-12-23T10:30:00-05:00'
    """
    value = parse_written(text)
    return value.isoformat() if value is not None else None


def parse_day(text: str) -> date:
    """The calendar date of an ISO 8601 date or time as written (its own zone); ValueError otherwise.

    For options such as ``--since 2014-12-20``: ``2014-12-20T23:00:00-05:00`` is the 20th.
    """
    value = parse_iso(text)
    if value is None:
        raise ValueError(f"not an ISO 8601 date: {text!r}")
    return value.date() if isinstance(value, datetime) else value


# --------------------------------------------------------------------------- UTC


def to_utc(moment: date | datetime, *, naive_zone: tzinfo = UTC) -> datetime:
    """An aware datetime in UTC. A naive time is read in ``naive_zone``, a date as its midnight there."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=naive_zone)
    return moment.astimezone(UTC)


def from_epoch(seconds: float) -> datetime:
    """Seconds since the Unix epoch as an aware UTC datetime; ValueError when out of the platform's range."""
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError) as error:
        raise ValueError(f"time {seconds} is out of range ({error})") from None


def epoch_to_utc_iso(seconds: float) -> str:
    """Seconds since the epoch -> ISO 8601 in UTC (``2014-12-22T16:15:00+00:00``)."""
    return from_epoch(seconds).isoformat()


def read_utc(value: object) -> datetime | None:
    """A timestamp as publishers of data write it -> aware UTC datetime; None when empty.

    Accepts epoch seconds (a number, or a string of more than 8 digits), ``date`` and
    ``datetime`` objects and ISO 8601 text. Naive times are UTC. Raises ValueError for anything else.
    """
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return from_epoch(value)
    if isinstance(value, date):
        return to_utc(value)
    text = str(value).strip()
    if text.isdigit() and len(text) > 8:
        return from_epoch(int(text))
    moment = parse_iso(text)
    if moment is None:
        raise ValueError(f"not a time: {text!r}")
    return to_utc(moment)


def utc_datetime(value: object) -> datetime | None:
    """Like :func:`read_utc`, but None for a value that cannot be read."""
    try:
        return read_utc(value)
    except ValueError:
        return None


def utc_iso(value: object) -> str | None:
    """:func:`read_utc` as ISO 8601 text, ``2014-12-23T15:30:00+00:00``; raises ValueError for bad input."""
    moment = read_utc(value)
    return moment.isoformat() if moment is not None else None


def utc_sortable(value: object) -> str | None:
    """UTC text that sorts in time order, ``2014-12-23T15:30:00Z`` (whole seconds), or None.

    The form of ``articles.published_utc``: ordering by it orders as SQLite's
    ``datetime(published)`` would, but through an index. Unreadable values give None.

    >>> utc_sortable("2014-12-23T10:30:00-05:00")
    '2014-12-23T15:30:00Z'
    >>> utc_sortable("2014-12-23")
    '2014-12-23T00:00:00Z'
    """
    moment = utc_datetime(value)
    if moment is None:
        return None
    return moment.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def utcnow() -> str:
    """The current time in UTC, ISO 8601 with seconds, as stored in every ``*_at`` column."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# --------------------------------------------------------------------------- zones

# ISO 3166-1 alpha-2 -> IANA zone of the capital; the place a "local time" is about.
COUNTRY_ZONES = {
    "KP": "Asia/Pyongyang", "KR": "Asia/Seoul", "CN": "Asia/Shanghai", "JP": "Asia/Tokyo",
    "RU": "Europe/Moscow", "US": "America/New_York", "GB": "Europe/London", "FR": "Europe/Paris",
    "DE": "Europe/Berlin", "UA": "Europe/Kyiv", "IR": "Asia/Tehran", "IL": "Asia/Jerusalem",
    "SY": "Asia/Damascus", "IN": "Asia/Kolkata", "PK": "Asia/Karachi", "TR": "Europe/Istanbul",
    "EG": "Africa/Cairo", "SA": "Asia/Riyadh", "AU": "Australia/Sydney", "CA": "America/Toronto",
    "BR": "America/Sao_Paulo", "MX": "America/Mexico_City", "VE": "America/Caracas", "CU": "America/Havana",
}
# Country names and demonyms -> ISO code, used when the actor has no country code.
COUNTRY_NAMES = {
    "north korea": "KP", "n. korea": "KP", "pyongyang": "KP", "south korea": "KR", "seoul": "KR",
    "china": "CN", "beijing": "CN", "japan": "JP", "russia": "RU", "moscow": "RU",
    "united states": "US", "u.s.": "US", "us": "US", "america": "US", "washington": "US",
    "united kingdom": "GB", "britain": "GB", "u.k.": "GB", "france": "FR", "germany": "DE",
    "ukraine": "UA", "iran": "IR", "israel": "IL", "syria": "SY", "india": "IN", "pakistan": "PK",
    "turkey": "TR", "egypt": "EG", "saudi arabia": "SA", "australia": "AU", "canada": "CA",
}
# Zone abbreviations news text uses -> IANA zone (EST and EDT both mean New York's clock).
ZONE_ABBREVIATIONS = {
    "utc": "UTC", "gmt": "UTC", "et": "America/New_York", "est": "America/New_York", "edt": "America/New_York",
    "pt": "America/Los_Angeles", "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles",
    "ct": "America/Chicago", "cst": "America/Chicago", "kst": "Asia/Seoul", "bst": "Europe/London",
    "eastern time": "America/New_York", "pacific time": "America/Los_Angeles", "cet": "Europe/Paris",
    "cest": "Europe/Paris", "eet": "Africa/Cairo",
}


def zone_for(country: str | None) -> ZoneInfo | None:
    """The IANA zone for an ISO country code or a country name, when known."""
    if not country:
        return None
    code = country.upper() if len(country) == 2 else COUNTRY_NAMES.get(country.lower())
    name = COUNTRY_ZONES.get(code or "")
    return ZoneInfo(name) if name else None


def zone_named(abbreviation: str | None) -> ZoneInfo | None:
    """The IANA zone for an abbreviation such as ``ET`` or ``KST``, when known."""
    name = ZONE_ABBREVIATIONS.get((abbreviation or "").lower())
    return ZoneInfo(name) if name else None


def local_moment(day: date, clock: time, zone: tzinfo | None) -> datetime:
    """The wall-clock time ``clock`` on ``day`` in ``zone`` (naive when the zone is unknown).

    The offset is the one in force on that day. A time that occurs twice (clocks going back)
    is its first occurrence; one that does not occur (clocks going forward) keeps the offset
    from before the change, so it names the instant the clock would have shown.
    """
    return datetime.combine(day, clock, tzinfo=zone)


# --------------------------------------------------------------------------- article-date anchoring

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}


def article_date(published: str | None) -> date | None:
    """The calendar date of an article's ``published`` value where it was published, or None.

    ``2014-12-23T20:00:00-05:00`` is the 23rd (in UTC it is already the 24th): "Monday" in
    the article means the Monday of its writer's calendar. Text after a leading
    ``YYYY-MM-DD`` that is not ISO 8601 is ignored.
    """
    if not published:
        return None
    value = parse_iso(published)
    if value is None:
        value = parse_iso(published.strip()[:10])
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def anchor_weekday(weekday: str, article_day: date, *, relative: str = "", future: bool = False) -> date:
    """The date a weekday name means in an article of ``article_day``.

    A bare weekday is the most recent such day on or before the article date ("Monday" on
    Tuesday 23 Dec 2014 is the 22nd; "Tuesday" is the 23rd), or the next one on or after it
    when the sentence looks ahead (``future``). ``relative`` is what precedes the name:
    ``last`` is strictly before, ``next`` strictly after, ``this``/``on`` change nothing.
    """
    target = WEEKDAYS.index(weekday.lower())
    relative = relative.strip().lower()
    if relative == "next" or (future and relative != "last"):
        ahead = (target - article_day.weekday()) % 7
        return article_day + timedelta(days=ahead or 7 if relative == "next" else ahead)
    back = (article_day.weekday() - target) % 7
    return article_day - timedelta(days=back or (7 if relative == "last" else 0))


def anchor_calendar_date(month: str, mday: str | int, year: str | int | None, article_day: date, *, future: bool = False) -> date | None:
    """The date of "Dec. 30" (``month`` a name or abbreviation) in an article of ``article_day``; None if no such day.

    Without a year it is the year that puts it nearest the article in the right direction:
    "Dec. 30" in a January article is last December unless the sentence looks ahead.
    """
    month_number = MONTHS[month.lower().rstrip(".")]
    try:
        if year:
            return date(int(year), month_number, int(mday))
        resolved = date(article_day.year, month_number, int(mday))
    except ValueError:
        return None
    if not future and resolved > article_day + timedelta(days=1):
        resolved = _in_year(resolved, resolved.year - 1)
    elif future and resolved < article_day - timedelta(days=1):
        resolved = _in_year(resolved, resolved.year + 1)
    return resolved


def _in_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February moved to a year without one
        return None


def clock_time(written: str, *, twenty_four_hour: bool = False) -> time:
    """``noon``, ``midnight``, ``3 p.m.``, ``9:30am`` -> the time of day; ValueError otherwise.

    With ``twenty_four_hour``, ``16:15`` and ``1342`` (as in "1342 UTC") are read too.
    """
    twenty_four = re.fullmatch(r"([01]?\d|2[0-3]):?([0-5]\d)", written.strip()) if twenty_four_hour else None
    if twenty_four:
        return time(int(twenty_four[1]), int(twenty_four[2]))
    written = written.lower().replace(".", "").replace(" ", "")
    if written in {"noon", "midday"}:
        return time(12)
    if written == "midnight":
        return time(0)
    meridiem = written[-2:]
    hours, _, minutes = written[:-2].partition(":")
    if meridiem not in {"am", "pm"}:
        raise ValueError(f"not a clock time: {written!r}")
    return time(int(hours) % 12 + (12 if meridiem == "pm" else 0), int(minutes or 0))


# --------------------------------------------------------------------------- formatting


def format_moment(moment: datetime, offset: timedelta | None = None) -> str:
    """A UTC moment for a reader, with its local time at ``offset`` when given.

    >>> format_moment(datetime(2014, 12, 23, 3, tzinfo=UTC), timedelta(hours=9))
    '23 Dec 2014 03:00 UTC (23 Dec 12:00 at UTC+09:00)'
    """
    text = f"{moment:%-d %b %Y %H:%M} UTC"
    if offset:
        local = moment + offset
        hours, minutes = divmod(abs(int(offset.total_seconds())) // 60, 60)
        text += f" ({local:%-d %b %H:%M} at UTC{'+' if offset >= timedelta(0) else '-'}{hours:02d}:{minutes:02d})"
    return text
