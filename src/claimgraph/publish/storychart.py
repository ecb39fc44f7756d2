"""A small server-rendered SVG chart of a story: the figure each report quoted, over publication time,
with the measured value as a reference line.

Only figures in one normalised unit are plotted (the unit most reports use), and a
measurement is drawn only when its unit is that unit, so a count is never drawn against a
duration. Every text in the SVG is escaped; the chart needs no script.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from markupsafe import Markup, escape

from ..timeutil import utc_datetime

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 80, 30, 20, 46
VERDICT_COLOURS = {"supports": "#2e8b57", "contradicts": "#c0392b", "mixed": "#e69500", "inconclusive": "#8a8f98"}
UNCHECKED = "#1f5fa8"

# normalised unit -> (threshold, factor, unit shown) from the largest down: 32400 s reads "9 hours"
DISPLAY_UNITS = {
    "s": ((86400 * 2, 86400, "days"), (3600, 3600, "hours"), (60, 60, "minutes"), (0, 1, "seconds")),
    "bit/s": ((1e9, 1e9, "Gbit/s"), (1e6, 1e6, "Mbit/s"), (1e3, 1e3, "kbit/s"), (0, 1, "bit/s")),
}


def display_scale(unit: str | None, largest: float) -> tuple[float, str]:
    """The factor to divide values by, and the unit to write after them, for values up to ``largest``."""
    for threshold, factor, shown in DISPLAY_UNITS.get(unit or "", ()):
        if largest >= threshold:
            return factor, shown
    return 1, unit or ""


def _number(value: float) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def story_chart(reports: list[dict], measurements: list[dict]) -> Markup | None:
    """The SVG, or None when no report has a figure with a publication time."""
    units = Counter(r["figure_unit"] for r in reports if r.get("figure_value") is not None)
    if not units:
        return None
    unit = units.most_common(1)[0][0]
    points = [(t, r) for r in reports
              if r.get("figure_value") is not None and r.get("figure_unit") == unit
              and (t := utc_datetime(r.get("published_utc") or r.get("published"))) is not None]
    if not points:
        return None
    measured = sorted({m["value"] for m in measurements if m.get("value") is not None and m.get("unit") == unit})[:3]
    largest = max([r["figure_value"] for _, r in points] + measured) or 1.0
    factor, shown_unit = display_scale(unit, largest)
    top_value = largest * 1.15
    first, last = points[0][0], points[-1][0]
    span = (last - first).total_seconds()
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(moment: datetime) -> float:
        return LEFT + (plot_w / 2 if span == 0 else plot_w * (moment - first).total_seconds() / span)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top_value)

    parts = [
        f'<svg class="cg-story-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="cg-chart-title">',
        f'<title id="cg-chart-title">Figures reported over time, in {escape(shown_unit)}</title>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="#999"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#999"/>',
    ]
    for fraction in (0, 0.5, 1):
        value = largest * fraction
        parts.append(f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="11" fill="#555">'
                     f'{escape(_number(value / factor))} {escape(shown_unit)}</text>')
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 24}" font-size="11" fill="#555">'
                 f'{escape(first.strftime("%Y-%m-%d %H:%M"))} UTC</text>')
    if span:
        parts.append(f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 24}" text-anchor="end" font-size="11" fill="#555">'
                     f'{escape(last.strftime("%Y-%m-%d %H:%M"))} UTC</text>')
    for value in measured:
        parts.append(
            f'<line class="cg-measured" x1="{LEFT}" y1="{y(value):.1f}" x2="{WIDTH - RIGHT}" y2="{y(value):.1f}" '
            f'stroke="#7b4fa8" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{WIDTH - RIGHT}" y="{y(value) - 5:.1f}" text-anchor="end" font-size="11" fill="#7b4fa8">'
            f'measured: {escape(_number(value / factor))} {escape(shown_unit)}</text>'
        )
    path = " ".join(f"{x(t):.1f},{y(r['figure_value']):.1f}" for t, r in points)
    parts.append(f'<polyline points="{path}" fill="none" stroke="#bbb" stroke-width="1.5"/>')
    for moment, report in points:
        colour = VERDICT_COLOURS.get(report.get("verdict") or "", UNCHECKED)
        label = (f"{report.get('outlet_name') or report.get('outlet_id') or 'unknown outlet'}: "
                 f"{report.get('figures') or _number(report['figure_value'] / factor)} "
                 f"({report.get('published_utc')})")
        parts.append(
            f'<circle class="cg-report" cx="{x(moment):.1f}" cy="{y(report["figure_value"]):.1f}" r="6" '
            f'fill="{colour}" stroke="#fff" stroke-width="1.5"><title>{escape(label)}</title></circle>'
        )
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 6}" font-size="11" fill="#555">'
                 "dots: reports (green supported, red contradicted, orange mixed, blue unchecked); "
                 "dashed: measured value</text>")
    parts.append("</svg>")
    return Markup("".join(parts))
