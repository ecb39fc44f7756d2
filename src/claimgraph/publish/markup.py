"""Turning stored text into safe HTML: highlighted spans, search snippets and links.

Nothing here builds HTML from stored text by string concatenation without escaping it
first. Article text is split into :class:`Segment` pieces that the templates print with
Jinja's autoescaping; snippets are escaped before their highlight markers become
``<mark>``; links are only ever ``http(s)``, so a ``javascript:`` URL in an article stays
plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

# FTS5 snippet() markers: control characters that never occur in extracted article text.
SNIPPET_OPEN = "\x02"
SNIPPET_CLOSE = "\x03"

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n\s*")


@dataclass(frozen=True)
class Segment:
    """A run of article text and the highlight classes that cover it (empty: plain text)."""

    text: str
    classes: tuple[str, ...] = ()
    anchor: str | None = None


@dataclass(frozen=True)
class Span:
    """A highlight request: ``text[start:end]`` gets ``css_class``; ``anchor`` names the first piece."""

    start: int
    end: int
    css_class: str
    anchor: str | None = None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the paragraphs of ``text`` (separated by blank lines)."""
    result, start = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        if match.start() > start:
            result.append((start, match.start()))
        start = match.end()
    if start < len(text):
        result.append((start, len(text)))
    return result


def highlight(text: str, spans: list[Span]) -> list[list[Segment]]:
    """``text`` as paragraphs of segments, each carrying the classes of the spans over it.

    Spans may nest or overlap (a claim inside its sentence). Offsets outside the text are
    clipped and empty or inverted spans are ignored, so bad offsets never raise.
    """
    size = len(text)
    valid = [
        Span(max(0, s.start), min(size, s.end), s.css_class, s.anchor)
        for s in spans
        if s.start is not None and s.end is not None and min(size, s.end) > max(0, s.start)
    ]
    result = []
    for para_start, para_end in paragraphs(text):
        cuts = {para_start, para_end}
        for span in valid:
            cuts.update(offset for offset in (span.start, span.end) if para_start < offset < para_end)
        ordered = sorted(cuts)
        segments = []
        for start, end in zip(ordered, ordered[1:]):
            covering = [span for span in valid if span.start <= start and end <= span.end]
            anchor = next((span.anchor for span in covering if span.anchor and span.start == start), None)
            segments.append(Segment(text[start:end], tuple(span.css_class for span in covering), anchor))
        result.append(segments)
    return result


def snippet_html(snippet: str | None) -> Markup:
    """An FTS5 snippet (with :data:`SNIPPET_OPEN`/:data:`SNIPPET_CLOSE` markers) as escaped HTML with ``<mark>``."""
    out, is_open = [], False
    for piece in re.split(f"([{SNIPPET_OPEN}{SNIPPET_CLOSE}])", snippet or ""):
        if piece == SNIPPET_OPEN:
            if not is_open:
                out.append(Markup("<mark>"))
                is_open = True
        elif piece == SNIPPET_CLOSE:
            if is_open:
                out.append(Markup("</mark>"))
                is_open = False
        else:
            out.append(escape(piece))
    if is_open:
        out.append(Markup("</mark>"))
    return Markup("").join(out)


def wikidata_href(wikidata_id: str | None) -> str | None:
    """The Wikidata page of an id like ``Q423``, or None when it is not one."""
    if wikidata_id and re.fullmatch(r"Q[1-9][0-9]*", wikidata_id):
        return f"https://www.wikidata.org/wiki/{wikidata_id}"
    return None
