"""Quantities and times as claims quote them, normalised for comparison with measurements."""

from __future__ import annotations

import pytest

from claimgraph.extract.normalize import find_quantities, find_times


def only(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, value, unit, kind, normalized_value, normalized_unit, qualifier",
    [
        ("the country's 1,024 IP addresses", 1024, "ip_addresses", "count", 1024, "addresses", "exact"),
        ("lost access for 9 hours", 9, "hours", "duration", 32400, "s", "exact"),
        ("spent more than two hours debating", 2, "hours", "duration", 7200, "s", "more_than"),
        ("just under 10 hours", 10, "hours", "duration", 36000, "s", "less_than"),
        ("after about 45 minutes", 45, "minutes", "duration", 2700, "s", "approximately"),
        ("nearly three days", 3, "days", "duration", 259200, "s", "approximately"),
        ("traffic peaked at 5.97 Gbps", 5.97, "Gbps", "rate", 5.97e9, "bit/s", "exact"),
        ("a flood of 1.2 Mpps", 1.2, "Mpps", "rate", 1.2e6, "packets/s", "exact"),
        ("at least 300 Mbps", 300, "Mbps", "rate", 3e8, "bit/s", "at_least"),
        ("a $5 million ransom", 5e6, "usd", "money", 5e6, "USD", "exact"),
        ("up to 30 percent", 30, "percent", "percent", 30, "percent", "at_most"),
        ("less than 2% of traffic", 2, "percent", "percent", 2, "percent", "less_than"),
    ],
)
def test_quantities_are_normalised_to_the_base_unit_of_their_kind(
    text, value, unit, kind, normalized_value, normalized_unit, qualifier
):
    quantity = only(text)
    assert (quantity.value, quantity.unit, quantity.kind) == (value, unit, kind)
    assert quantity.normalized_value == pytest.approx(normalized_value)
    assert (quantity.normalized_unit, quantity.qualifier) == (normalized_unit, qualifier)


def test_quantity_offsets_point_into_the_text_and_include_the_qualifier():
    text = "The outage lasted more than two hours on Monday."
    quantity = only(text)
    assert text[quantity.start:quantity.end] == "more than two hours"
    shifted = find_quantities(text, offset=100)[0]
    assert (shifted.start, shifted.end) == (quantity.start + 100, quantity.end + 100)


@pytest.mark.parametrize(
    "text",
    ["In 2014, the company", "He is 52 and lives at 10 Main Street", "Arbor Networks said", "one of the first"],
)
def test_numbers_without_a_unit_are_not_quantities(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    "text, written",
    [
        ("a 9 hour 31 minute outage", "9 hour 31 minute"),
        ("it lasted 9 hours 31 minutes.", "9 hours 31 minutes"),
        ("offline for 9 hours and 31 minutes on Monday", "9 hours and 31 minutes"),
        ("offline for 9 hours, 31 minutes", "9 hours, 31 minutes"),
        ("a 9-hour 31-minute blackout", "9-hour 31-minute"),
    ],
)
def test_a_duration_written_in_parts_is_one_quantity_in_its_first_unit(text, written):
    quantity = only(text)
    assert text[quantity.start:quantity.end] == quantity.text == written
    assert (quantity.unit, quantity.kind, quantity.normalized_unit) == ("hours", "duration", "s")
    assert quantity.value == pytest.approx(9.5166, abs=1e-4)
    assert quantity.normalized_value == 34260


def test_a_duration_in_parts_keeps_the_qualifier_and_offsets_of_its_first_part():
    text = "The site was down for more than 2 days, 3 hours and 20 seconds."
    quantity = find_quantities(text, offset=10)[0]
    assert quantity.text == "more than 2 days, 3 hours and 20 seconds"
    assert (quantity.start, quantity.end) == (text.index("more") + 10, text.index(" seconds") + 8 + 10)
    assert (quantity.value, quantity.unit, quantity.qualifier) == (pytest.approx(2 + 10820 / 86400), "days", "more_than")
    assert quantity.normalized_value == 2 * 86400 + 3 * 3600 + 20


@pytest.mark.parametrize(
    "text",
    [
        "between 2 hours and 3 hours",  # same unit: two figures
        "after 31 minutes, 9 hours later",  # growing units: two figures
        "9 hours and about 31 minutes",  # the second part has its own qualifier
        "9 hours; 31 minutes",  # not joined by a space, comma or 'and'
        "5 Gbps and 20 minutes",  # not both durations
    ],
)
def test_neighbouring_quantities_that_are_not_parts_of_one_duration_stay_apart(text):
    assert len(find_quantities(text)) == 2


# Tuesday 23 December 2014, the seed article's date.
PUBLISHED = "2014-12-23"


@pytest.mark.parametrize(
    "text, future, expected",
    [
        ("access was shut down Monday", False, "2014-12-22"),
        ("the debate on Tuesday", False, "2014-12-23"),
        ("it happened last Tuesday", False, "2014-12-16"),
        ("they met Wednesday", False, "2014-12-17"),
        ("the council will meet Friday", True, "2014-12-26"),
        ("the council meets next Monday", False, "2014-12-29"),
        ("the attack began yesterday", False, "2014-12-22"),
        ("on Dec. 22", False, "2014-12-22"),
        ("on December 2, 2013", False, "2013-12-02"),
        ("on 24 November", False, "2014-11-24"),
    ],
)
def test_dates_resolve_against_the_article_date(text, future, expected):
    times = find_times(text, PUBLISHED, future=future)
    assert [t.value for t in times] == [expected]


def test_local_time_is_read_in_the_zone_of_the_place_the_claim_is_about():
    [moment] = find_times("As of noon Tuesday local time, access was restored", PUBLISHED, country="KP")
    assert moment.text == "noon Tuesday local time"
    assert moment.value == "2014-12-23T12:00:00+09:00"


def test_historical_offsets_come_from_the_zone_database():
    # Pyongyang kept UTC+8:30 from August 2015 to May 2018.
    [moment] = find_times("at noon Monday local time", "2016-12-20", country="North Korea")
    assert moment.value == "2016-12-19T12:00:00+08:30"


def test_named_zones_and_clock_times():
    [moment] = find_times("on Dec. 22, 2014 at 3 p.m. ET", PUBLISHED)
    assert moment.value == "2014-12-22T15:00:00-05:00"


def test_a_clock_time_without_a_zone_stays_local_and_naive():
    [moment] = find_times("at 9 a.m. Monday", PUBLISHED)
    assert moment.value == "2014-12-22T09:00:00"


def test_without_an_article_date_only_dates_with_a_year_resolve():
    assert find_times("shut down Monday", None) == []
    assert [t.value for t in find_times("on March 3, 2015", None)] == ["2015-03-03"]


def test_a_range_of_days_is_one_interval():
    [interval] = find_times("the outage lasted from Monday to Wednesday", "2014-12-26")
    assert interval.text == "from Monday to Wednesday"
    assert (interval.value, interval.end_value) == ("2014-12-22", "2014-12-24")
    [between] = find_times("between Dec. 20 and Dec. 22", PUBLISHED)
    assert (between.value, between.end_value) == ("2014-12-20", "2014-12-22")


@pytest.mark.parametrize(
    "text, quoted, seconds",
    [
        ("stayed down for more than 9 1/2 hours", "more than 9 1/2 hours", 34200),
        ("down for some nine and a half hours", "some nine and a half hours", 34200),
        ("restored less than an hour later", "less than an hour", 3600),
        ("cut off for more than a week", "more than a week", 604800),
        ("Egypt's five-day internet blackout", "five-day", 432000),
        ("a 9\u00bd hour outage", "9\u00bd hour", 34200),
        ("restored a few hours later", "a few hours", 10800),
    ],
)
def test_fractions_articles_and_hyphenated_word_numbers(text, quoted, seconds):
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.normalized_value) == (quoted, seconds)


def test_a_clock_time_and_an_ordinal_are_no_durations():
    assert find_quantities("went down about 2 a.m. Tuesday") == []
    assert find_quantities("a second outage hit the country") == []
