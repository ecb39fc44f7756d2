"""Transcript lines and headlines: a speaker's name, a colon, then what they said ("PENCE: Well, look ...")."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..doc_views import doc_text
from ..extensions import Statement
from .syntax import rstrip_end


COLON_LABELS = frozenset(
    "source sources photo photos credit note update editor's note editor’s note related read more watch image video caption "
    "correction clarification".split()
)
# A programme's own voice in a broadcast transcript: narration, like an article's text.
PRESENTER_LABELS = frozenset("anchor host presenter narrator newsreader announcer voiceover".split())
# "Editor's note: ..." is the publication speaking about its story, not reported speech.
_EDITORS_NOTE_RE = re.compile(r"^editor['’]s note:", re.MULTILINE | re.IGNORECASE)
_WRAPPED_LINE_RE = re.compile(r"[^\S\n]*[a-z]")


# "PENCE: Well, look ...", "Pat Caddell: Voters are worried": a name, a colon, then what they said.
_COLON_RE = re.compile(r"^[\"“]?(?P<speaker>(?:[A-Z][\w.'’-]*\s){0,2}[A-Z][\w.'’-]*)\s?:[ \t]+(?P<content>\S[^\n]*)$", re.MULTILINE)


# A headline whose name is not the whole line before the colon: "Mayor Diaz on Housing: Rents Must
# Fall", or "A warning from Mayor Diaz: 'Rents must fall.'".
_HEADLINE_RE = re.compile(r"^(?P<left>[^\n:]{3,80}?)[ \t]?:[ \t]+(?P<content>\S[^\n]*)$", re.MULTILINE)
_ON_TOPIC_RE = re.compile(r"\s(on)\s+[A-Z\d]")
_QUOTE_OPENERS = "\"'“‘"
_NAMED = frozenset({"PERSON", "ORG"})


def transcript_lines(doc: Doc) -> list[Statement]:
    """Statements from lines that start with a speaker's name and a colon (transcripts, headlines)."""
    text = doc_text(doc)
    found = [statement for match in _COLON_RE.finditer(text)
             if (statement := _line_statement(doc, match)) is not None]
    return found + [statement for match in _HEADLINE_RE.finditer(text)
                    if not _COLON_RE.match(text, match.start(), match.end())
                    and (statement := _headline_statement(doc, match)) is not None]


def without_presenters_narration(statements: list[Statement]) -> list[Statement]:
    """Drop a presenter's transcript line that reports someone else's speech: in "ANCHOR: Railnet
    says staffing had nothing to do with it" the programme narrates and Railnet is the speaker (the
    outer line would otherwise hide the statement inside it). A presenter's own question or remark
    ("HOST: Will you vote for the bill?") stays the presenter's."""
    def narrates(line: Statement) -> bool:
        return line.method == "colon" and line.speaker is not None and line.speaker.text.lower() in PRESENTER_LABELS \
            and any(s is not line and s.cue is not None and line.content[0] <= s.cue.start_char < line.content[1] for s in statements)
    return [s for s in statements if not narrates(s)]


def labelled_turn(doc: Doc, q_start: int, q_end: int) -> Statement | None:
    """A quotation that opens with a transcript label ('"COLE: We will ...'): the label's turn,
    what follows the colon up to the end of the quotation."""
    text = doc_text(doc)
    line_end = text.find("\n", q_start)
    match = _COLON_RE.match(text, q_start, q_end if line_end < 0 else min(q_end, line_end))
    if match is None or not text[q_start:match.start("speaker")].strip():
        return None  # a line without a quotation mark before its label is transcript_lines' own
    return _line_statement(doc, match)


def outside_editors_notes(doc: Doc, statements: list[Statement]) -> list[Statement]:
    """Drop statements inside an editor's note paragraph: its verbs ("who has pledged to ...") are
    the publication's comment, not speech the story reports."""
    text = doc_text(doc)
    notes = []
    for match in _EDITORS_NOTE_RE.finditer(text):
        notes.append((match.start(), _note_end(text, match.end())))
    if not notes:
        return statements
    return [s for s in statements if not any(start <= s.content[0] < end for start, end in notes)]


def _note_end(text: str, position: int) -> int:
    """Where a note's paragraph ends: at the end of its line, or of a later line when the lines
    after it open in lower case (a hard-wrapped note). Not at the next blank line: a note above
    a story whose paragraphs are single lines would take the whole story."""
    while True:
        line_end = text.find("\n", position)
        if line_end < 0:
            return len(text)
        if not _WRAPPED_LINE_RE.match(text, line_end + 1):
            return line_end
        position = line_end + 1


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


def _headline_statement(doc: Doc, match: re.Match) -> Statement | None:
    """A headline that names its speaker before the colon without being only the name: the name
    then "on" and a capitalised topic ("Mayor Diaz on Housing: ...", the cue runs from "on" to the
    colon), or a name closing the words before a colon that opens a quotation ("A warning from Mayor
    Diaz: 'Rents must fall.'")."""
    left_start, colon_end = match.start("left"), match.start("content")
    on_topic = _ON_TOPIC_RE.search(match.group("left"))
    if on_topic is not None:
        name_end, cue_start = left_start + on_topic.start(), left_start + on_topic.start(1)
        speaker = _name_opening_line(doc, left_start, name_end)
        if speaker is None:
            return None
    else:
        if match.group("content")[0] not in _QUOTE_OPENERS:
            return None
        name_end = cue_start = left_start + len(match.group("left").rstrip())
        speaker = _entity_ending_at(doc, name_end, left_start)
        if speaker is None or speaker.label_ != "PERSON":
            return None
    cue = doc.char_span(cue_start, colon_end, alignment_mode="expand")
    if cue is None:
        return None
    content = (colon_end, rstrip_end(doc_text(doc), match.end("content")))
    return Statement(
        speaker=speaker, speaker_actor=None, cue=cue, content=content, kind="indirect",
        sentence=(match.start(), content[1]), method="colon",
    )


def _entity_ending_at(doc: Doc, end_char: int, line_start: int):
    """The person or organisation entity that ends at ``end_char`` and starts on the line."""
    for ent in doc.ents:
        if ent.end_char == end_char and ent.start_char >= line_start and ent.label_ in _NAMED:
            return ent
    return None


def _name_opening_line(doc: Doc, line_start: int, name_end: int):
    """One to three capitalised words opening the line that name someone: an entity, or words
    whose last one ends a person's or organisation's name elsewhere in the article (a headline is
    often left untagged). "Tax Cuts on Hold: ..." names nobody."""
    span = doc.char_span(line_start, name_end, alignment_mode="contract")
    if span is None or not 1 <= len(span) <= 3 or not all(t.is_title or t.is_upper for t in span):
        return None
    if any(ent.start == span.start and ent.end == span.end and ent.label_ in _NAMED for ent in doc.ents):
        return span
    last = span[-1].text
    return span if any(ent[-1].text == last and ent.label_ in _NAMED for ent in doc.ents) else None
