"""Stated figures: the precision a number was written with, and figures and intervals in words.

Shared by the frames (which turn a stated figure into an interval) and the verdicts (which
explain the comparison), so "9 hours" is precise to the hour in both.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from ..timeutil import format_moment

RATE_UNITS = ((1e12, "Tbit/s"), (1e9, "Gbit/s"), (1e6, "Mbit/s"), (1e3, "kbit/s"), (1, "bit/s"))


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


def format_value(value: float, unit: str) -> str:
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


def format_span(low: float, high: float, unit: str) -> str:
    """A claimed interval of a figure: "8 h to 10 h", "more than 9 h 30 min", "less than 1 h"."""
    if high == float("inf"):
        return f"more than {format_value(low, unit)}" if low else "any value"
    if low <= 0:
        return f"up to {format_value(high, unit)}"
    if abs(high - low) < 1e-6:
        return format_value(low, unit)
    return f"{format_value(low, unit)} to {format_value(high, unit)}"


def format_moment_span(low: float, high: float) -> str:
    """A claimed interval of moments: "22 Dec 2014 06:30 to 06:50 UTC", "by 23 Dec 2014 03:00 UTC"."""
    if low == float("-inf"):
        return f"by {format_moment(datetime.fromtimestamp(high, timezone.utc))}"
    start, end = datetime.fromtimestamp(low, timezone.utc), datetime.fromtimestamp(high, timezone.utc)
    if start.date() == end.date():
        return f"{start:%-d %b %Y %H:%M} to {end:%H:%M} UTC"
    return f"{format_moment(start)} to {format_moment(end)}"
