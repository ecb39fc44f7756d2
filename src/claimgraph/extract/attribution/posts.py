"""Embedded posts: a tweet or post shown in an article, signed "— Name (@handle) December 23, 2014".

Social-media embeds reach the article text as the post's words followed by a sign-off line
(or the sign-off at the end of the same line): a dash, the author's display name, the handle
in brackets and the date. The author is the speaker and the post the content, word for word.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..doc_views import doc_text
from ..extensions import Statement
from .syntax import rstrip_end

_SIGN_OFF = re.compile(
    r"(?P<dash>[—–―]|--?)[ \t\u00a0]*(?P<name>[^\s(@—–―][^\n(@—–―]{0,60}?)[ \t\u00a0]*\((?P<handle>@\w{1,30})\)[^\n]*$",
    re.MULTILINE,
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")


def embedded_posts(doc: Doc) -> list[Statement]:
    """A statement per signed post: its author as speaker, the sign-off dash as cue."""
    text = doc_text(doc)
    statements = []
    for match in _SIGN_OFF.finditer(text):
        content = _post_text(text, match.start())
        speaker = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        cue = doc.char_span(match.start("dash"), match.end("dash"), alignment_mode="expand")
        if content is None or speaker is None or cue is None:
            continue
        statements.append(
            Statement(
                speaker=speaker, speaker_actor=None, cue=cue, content=content, kind="direct",
                sentence=(content[0], rstrip_end(text, match.end())), method="embedded_post",
            )
        )
    return statements


def _post_text(text: str, dash: int) -> tuple[int, int] | None:
    """The post's words: the text before the dash on its line, else the paragraph before the sign-off."""
    line_start = text.rfind("\n", 0, dash) + 1
    if len(text[line_start:dash].split()) >= 3:
        start, end = line_start, dash
    else:
        breaks = [m for m in _PARAGRAPH_BREAK.finditer(text, 0, line_start)]
        if not breaks:
            return None
        end = breaks[-1].start()
        start = text.rfind("\n", 0, end) + 1
    start += len(text[start:end]) - len(text[start:end].lstrip())
    end = rstrip_end(text, end)
    return (start, end) if len(text[start:end].split()) >= 3 else None
