"""claimgraph.timeutil: reading times, UTC forms, anchoring to an article's date, zones."""

from __future__ import annotations

import doctest
from datetime import date, datetime, time, timedelta, timezone

import pytest

from claimgraph import db as schema
from claimgraph import timeutil
from claimgraph.timeutil import (
    UTC, anchor_calendar_date, anchor_weekday, article_date, clock_time, epoch_to_utc_iso, format_moment,
    local_moment, parse_day, parse_iso, parse_written, read_utc, to_utc, utc_datetime, utc_iso, utc_sortable,
    written_to_iso, zone_for, zone_named,
)

# Tuesday 23 December 2014.
TUESDAY = date(2014, 12, 23)


@pytest.mark.parametrize("module", [timeutil, schema])
def test_docstring_examples_are_true(module):
    assert doctest.testmod(module).failed == 0


# --------------------------------------------------------------------------- reading


def test_parse_iso_keeps_what_was_written():
    assert parse_iso("2014-12-23") == TUESDAY and type(parse_iso("2014-12-23")) is date
    naive = parse_iso("2014-12-23T10:30:00")
    assert naive == datetime(2014, 12, 23, 10, 30) and naive.tzinfo is None
    assert parse_iso("2014-12-23T10:30:00Z").utcoffset() == timedelta(0)
    assert parse_iso(" 2014-12-23T10:30:00+09:00 ").utcoffset() == timedelta(hours=9)


@pytest.mark.parametrize("text", ["", None, "last Tuesday", "2014-13-01", "2014-02-30", "23/12/2014", "2014-12-23T25:00"])
def test_parse_iso_gives_none_for_anything_else(text):
    assert parse_iso(text) is None


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2014-12-23", "2014-12-23"),
        ("2014/12/3", "2014-12-03"),
        ("2014-12-23T10:30:00.123Z", "2014-12-23T10:30:00+00:00"),  # fractions dropped
        ("2014-12-23T10:30:00+0900", "2014-12-23T10:30:00+09:00"),  # compact offset
        ("2014-12-23T10:30:00", "2014-12-23T10:30:00"),  # naive stays naive
        ("Tue, 23 Dec 2014 10:30:00 -0500", "2014-12-23T10:30:00-05:00"),  # RFC 2822
        ("December 23, 2014", "2014-12-23T00:00:00"),  # a news form, through dateparser
        ("2014/02/30", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_written_dates_as_pages_give_them(written, expected):
    assert written_to_iso(written) == expected


def test_free_text_reading_can_be_turned_off():
    assert parse_written("December 23, 2014", free_text=False) is None


def test_parse_day_takes_the_date_as_written_and_rejects_the_rest():
    assert parse_day("2014-12-20") == date(2014, 12, 20)
    assert parse_day("2014-12-20T23:00:00-05:00") == date(2014, 12, 20)  # in UTC, already the 21st
    with pytest.raises(ValueError):
        parse_day("20 December")


# --------------------------------------------------------------------------- UTC


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2014-12-23", "2014-12-23T00:00:00Z"),  # a date alone is its midnight UTC
        ("2014-12-23T10:30:00-05:00", "2014-12-23T15:30:00Z"),
        ("2014-12-24T01:00:00+09:00", "2014-12-23T16:00:00Z"),  # the offset can change the day
        ("2014-12-23T10:30:00.250Z", "2014-12-23T10:30:00Z"),
        ("2014-12-23 10:30", "2014-12-23T10:30:00Z"),  # no offset: taken as UTC, like SQLite's datetime()
        ("last Tuesday", None),
        ("", None),
        (None, None),
    ],
)
def test_utc_sortable_is_sortable_utc_text(published, expected):
    assert utc_sortable(published) == expected


def test_read_utc_accepts_what_data_publishers_write():
    assert read_utc(1419265800) == datetime(2014, 12, 22, 16, 30, tzinfo=UTC)
    assert read_utc("1419265800") == datetime(2014, 12, 22, 16, 30, tzinfo=UTC)  # epoch as text
    assert read_utc(date(2014, 12, 20)) == datetime(2014, 12, 20, tzinfo=UTC)  # YAML dates
    assert read_utc(datetime(2014, 12, 20, 9)) == datetime(2014, 12, 20, 9, tzinfo=UTC)
    assert read_utc("2014-12-23T08:30:00+09:00") == datetime(2014, 12, 22, 23, 30, tzinfo=UTC)
    assert read_utc("") is None and read_utc(None) is None


@pytest.mark.parametrize("bad", ["Tuesday", "2014-12-32", True, "12/23/2014"])
def test_read_utc_raises_for_malformed_input_and_utc_datetime_gives_none(bad):
    with pytest.raises(ValueError):
        read_utc(bad)
    assert utc_datetime(bad) is None


def test_utc_forms_have_one_shape_each():
    assert utc_iso("2014-12-23T08:30:00+09:00") == "2014-12-22T23:30:00+00:00"
    assert utc_iso(None) is None
    assert epoch_to_utc_iso(1419265800) == "2014-12-22T16:30:00+00:00"
    moment = utc_datetime("2014-12-23T10:00:00Z")
    assert moment.tzinfo is not None and moment.utcoffset() == timedelta(0)


def test_naive_times_are_read_in_the_zone_the_caller_names():
    new_york = zone_named("ET")
    assert to_utc(datetime(2014, 12, 23, 10), naive_zone=new_york) == datetime(2014, 12, 23, 15, tzinfo=UTC)
    assert to_utc(datetime(2014, 7, 23, 10), naive_zone=new_york) == datetime(2014, 7, 23, 14, tzinfo=UTC)  # summer time
    assert to_utc(TUESDAY) == datetime(2014, 12, 23, tzinfo=UTC)
    aware = datetime(2014, 12, 23, 10, tzinfo=timezone(timedelta(hours=9)))
    assert to_utc(aware, naive_zone=new_york) == datetime(2014, 12, 23, 1, tzinfo=UTC)  # an offset wins


# --------------------------------------------------------------------------- zones


def test_zones_of_places_and_abbreviations():
    assert str(zone_for("KP")) == "Asia/Pyongyang"
    assert str(zone_for("north korea")) == "Asia/Pyongyang"
    assert zone_for("Atlantis") is None and zone_for(None) is None
    assert str(zone_named("KST")) == "Asia/Seoul"
    assert zone_named("XYZ") is None and zone_named(None) is None


def test_local_time_takes_the_offset_in_force_on_that_day():
    new_york = zone_for("US")
    assert local_moment(date(2014, 12, 22), time(15), new_york).isoformat() == "2014-12-22T15:00:00-05:00"
    assert local_moment(date(2014, 7, 22), time(15), new_york).isoformat() == "2014-07-22T15:00:00-04:00"
    # Pyongyang kept UTC+8:30 from August 2015 to May 2018.
    assert local_moment(date(2016, 12, 19), time(12), zone_for("KP")).isoformat() == "2016-12-19T12:00:00+08:30"
    assert local_moment(TUESDAY, time(12), None).isoformat() == "2014-12-23T12:00:00"


def test_local_times_at_the_summer_time_changes():
    new_york = zone_for("US")
    # 1:30 occurred twice on 2 Nov 2014: the first (summer) one is meant.
    assert local_moment(date(2014, 11, 2), time(1, 30), new_york).utcoffset() == timedelta(hours=-4)
    # 2:30 never occurred on 9 Mar 2014: it is the instant a clock not yet moved would show.
    skipped = local_moment(date(2014, 3, 9), time(2, 30), new_york)
    assert to_utc(skipped) == datetime(2014, 3, 9, 7, 30, tzinfo=UTC)


# --------------------------------------------------------------------------- article-date anchoring


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2014-12-23", TUESDAY),
        ("2014-12-23T08:15:00-05:00", TUESDAY),
        ("2014-12-23T20:00:00-05:00", TUESDAY),  # already the 24th in UTC: the writer's date counts
        ("2014-12-23T10:00:00Z", TUESDAY),
        ("2014-12-23 (updated)", TUESDAY),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_article_date_is_the_date_where_it_was_published(published, expected):
    assert article_date(published) == expected


@pytest.mark.parametrize(
    ("weekday", "relative", "future", "expected"),
    [
        ("Monday", "", False, date(2014, 12, 22)),  # the day before the article
        ("tuesday", "", False, TUESDAY),  # the article's own day
        ("Wednesday", "", False, date(2014, 12, 17)),  # after the article's weekday: last week's
        ("Tuesday", "last", False, date(2014, 12, 16)),
        ("Monday", "next", False, date(2014, 12, 29)),
        ("Tuesday", "next", False, date(2014, 12, 30)),
        ("Friday", "", True, date(2014, 12, 26)),  # looking ahead
        ("Tuesday", "", True, TUESDAY),
        ("Monday", "", True, date(2014, 12, 29)),
        ("Monday", "last", True, date(2014, 12, 22)),
        ("Monday", "this", False, date(2014, 12, 22)),
    ],
)
def test_weekdays_are_anchored_to_the_article_date(weekday, relative, future, expected):
    assert anchor_weekday(weekday, TUESDAY, relative=relative, future=future) == expected


def test_an_unknown_weekday_is_an_error():
    with pytest.raises(ValueError):
        anchor_weekday("Funday", TUESDAY)


@pytest.mark.parametrize(
    ("month", "mday", "year", "article_day", "future", "expected"),
    [
        ("Dec.", "22", None, TUESDAY, False, date(2014, 12, 22)),
        ("Dec", "30", None, date(2015, 1, 5), False, date(2014, 12, 30)),  # last December
        ("January", "3", None, date(2014, 12, 30), True, date(2015, 1, 3)),  # next January
        ("March", 3, 2015, TUESDAY, False, date(2015, 3, 3)),
        ("Feb", "30", None, TUESDAY, False, None),
        ("Feb", "29", None, date(2016, 1, 10), False, None),  # 29 Feb 2016 looks ahead; 2015 has none
    ],
)
def test_calendar_dates_without_a_year_take_the_nearest_year(month, mday, year, article_day, future, expected):
    assert anchor_calendar_date(month, mday, year, article_day, future=future) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [("noon", time(12)), ("midnight", time(0)), ("3 p.m.", time(15)), ("9:30am", time(9, 30)), ("12 a.m.", time(0)), ("12pm", time(12))],
)
def test_clock_times(written, expected):
    assert clock_time(written) == expected


def test_a_clock_time_without_am_or_pm_is_an_error():
    with pytest.raises(ValueError):
        clock_time("15:00")


def test_a_24_hour_clock_time_is_read_when_asked_for():
    assert clock_time("15:41", twenty_four_hour=True) == time(15, 41)
    assert clock_time("1342", twenty_four_hour=True) == time(13, 42)
    assert clock_time("3:40 pm", twenty_four_hour=True) == time(15, 40)


# --------------------------------------------------------------------------- formatting


def test_format_moment_gives_utc_and_the_local_offset():
    moment = datetime(2014, 12, 23, 3, tzinfo=UTC)
    assert format_moment(moment) == "23 Dec 2014 03:00 UTC"
    assert format_moment(moment, timedelta(hours=-3, minutes=-30)) == "23 Dec 2014 03:00 UTC (22 Dec 23:30 at UTC-03:30)"
