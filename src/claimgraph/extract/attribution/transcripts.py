"""Transcript lines: a speaker's name, a colon, then what they said ("PENCE: Well, look ...")."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..doc_views import doc_text
from ..extensions import Statement
from .syntax import rstrip_end


COLON_LABELS = frozenset(
    "source sources photo photos credit note update editor's note related read more watch image video caption correction".split()
)


# "PENCE: Well, look ...", "Pat Caddell: Voters are worried": a name, a colon, then what they said.
_COLON_RE = re.compile(r"^[\"“]?(?P<speaker>(?:[A-Z][\w.'’-]*\s){0,2}[A-Z][\w.'’-]*)\s?:[ \t]+(?P<content>\S[^\n]*)$", re.MULTILINE)


def transcript_lines(doc: Doc) -> list[Statement]:
    """Statements from lines that start with a speaker's name and a colon (transcripts, headlines)."""
    return [statement for match in _COLON_RE.finditer(doc_text(doc))
            if (statement := _line_statement(doc, match)) is not None]


def labelled_turn(doc: Doc, q_start: int, q_end: int) -> Statement | None:
    """A quotation that opens with a transcript label ('"COLE: We will ...'): the label's turn,
    what follows the colon up to the end of the quotation."""
    text = doc_text(doc)
    line_end = text.find("\n", q_start)
    match = _COLON_RE.match(text, q_start, q_end if line_end < 0 else min(q_end, line_end))
    if match is None or not text[q_start:match.start("speaker")].strip():
        return None  # a line without a quotation mark before its label is transcript_lines' own
    return _line_statement(doc, match)


def _line_statement(doc: Doc, match: re.Match) -> Statement | None:
    speaker = doc.char_span(match.start("speaker"), match.end("speaker"), alignment_mode="expand")
    colon = doc.char_span(match.end("speaker"), match.start("content"), alignment_mode="expand")
    if speaker is None or colon is None or any(t.like_num for t in speaker) or speaker[0].lower_ == "the":
        return None
    if speaker.text.lower() in COLON_LABELS:
        return None  # "Source: NATO.", "Photo: ..." label a line; nobody says it
    if len(speaker) > 1 and not speaker.text.isupper() and not any(t.ent_type_ for t in speaker):
        return None  # "Stealth Over Health: ..." is a headline, not a speaker
    content = (match.start("content"), rstrip_end(doc_text(doc), match.end("content")))
    return Statement(
        speaker=speaker, speaker_actor=None, cue=colon, content=content, kind="indirect",
        sentence=(match.start(), content[1]), method="colon",
    )
