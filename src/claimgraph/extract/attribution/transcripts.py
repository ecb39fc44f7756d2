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
    statements = []
    for match in _COLON_RE.finditer(doc_text(doc)):
        speaker = doc.char_span(match.start("speaker"), match.end("speaker"), alignment_mode="expand")
        colon = doc.char_span(match.end("speaker"), match.start("content"), alignment_mode="expand")
        if speaker is None or colon is None or any(t.like_num for t in speaker) or speaker[0].lower_ == "the":
            continue
        if speaker.text.lower() in COLON_LABELS:
            continue  # "Source: NATO.", "Photo: ..." label a line; nobody says it
        if len(speaker) > 1 and not speaker.text.isupper() and not any(t.ent_type_ for t in speaker):
            continue  # "Stealth Over Health: ..." is a headline, not a speaker
        content = (match.start("content"), rstrip_end(doc_text(doc), match.end("content")))
        statements.append(
            Statement(
                speaker=speaker, speaker_actor=None, cue=colon, content=content, kind="indirect",
                sentence=(match.start(), content[1]), method="colon",
            )
        )
    return statements
