"""Headline speakers that are not the whole line before the colon, and an article's own notes.
Made-up text, tokenised by
``spacy.blank("en")`` with hand-set entities, so no model decides the tests."""

from __future__ import annotations

import spacy

from claimgraph.extract.attribution.transcripts import outside_editors_notes, transcript_lines
from claimgraph.extract.extensions import Statement, register_extensions

BLANK = spacy.blank("en")


def lines(text: str, ents: tuple[tuple[str, str], ...] = ()) -> list[tuple[str, str, str]]:
    """(speaker, cue, content) of the transcript and headline rules; ``ents`` are (first occurrence
    of a phrase, label)."""
    register_extensions()
    doc = BLANK(text)
    spans = []
    for phrase, label in ents:
        start = text.index(phrase)
        spans.append(doc.char_span(start, start + len(phrase), label=label))
    doc.ents = spans
    return [(s.speaker.text, s.cue.text, text[s.content[0]:s.content[1]]) for s in transcript_lines(doc)]


def test_a_name_on_a_topic_before_a_colon_says_what_follows():
    text = "Varga on Housing: Rents Must Come Down\n\nThe mayor of Lindholm, Ana Varga, spoke on Tuesday."
    assert lines(text, (("Ana Varga", "PERSON"),)) == [
        ("Varga", "on Housing:", "Rents Must Come Down")]


def test_a_topic_before_a_colon_without_a_name_says_nothing():
    text = "Tax Cuts on Hold: Council Waits\n\nThe council of Lindholm, led by Ana Varga, met on Tuesday."
    assert lines(text, (("Ana Varga", "PERSON"),)) == []


def test_a_name_closing_the_words_before_a_quotation_is_its_speaker():
    text = "A warning from Ana Varga: 'Rents must come down.'\n\nThe mayor spoke on Tuesday."
    assert lines(text, (("Ana Varga", "PERSON"),)) == [
        ("Ana Varga", ":", "'Rents must come down.'")]


def test_a_name_before_a_colon_without_a_quotation_after_it_is_no_speaker():
    text = "A week with Ana Varga: the mayor at work\n\nThe mayor spoke on Tuesday."
    assert lines(text, (("Ana Varga", "PERSON"),)) == []


def test_a_clarification_label_is_no_speaker():
    text = "Ana Varga spoke.\n\nCLARIFICATION: An earlier version said Varga backs the plan."
    assert lines(text, (("Ana Varga", "PERSON"),)) == []


def test_statements_inside_an_editors_note_are_dropped():
    text = "Varga vowed to cut rents.\n\nEditor’s note: Voss, who has vowed to raise rents, is a landlord.\n\nShe left."
    doc = BLANK(text)

    def said(words: str) -> Statement:
        start = text.index(words)
        return Statement(speaker=None, speaker_actor=None, cue=None, content=(start, start + len(words)),
                         kind="indirect", sentence=(start, start + len(words)), method="infinitive")

    kept = outside_editors_notes(doc, [said("to cut rents"), said("to raise rents")])
    assert [text[s.content[0]:s.content[1]] for s in kept] == ["to cut rents"]

    # a hard-wrapped note runs over its lower-case lines; a note above a story whose paragraphs are
    # single lines takes only its own line
    text = "Editor’s note: Voss, who has\nvowed to raise rents, is a landlord.\nVarga vowed to cut rents.\nShe left."
    doc = BLANK(text)
    kept = outside_editors_notes(doc, [said("to cut rents"), said("to raise rents")])
    assert [text[s.content[0]:s.content[1]] for s in kept] == ["to cut rents"]
