"""Direct quotes the quote rules used to miss: a quote nested in a quote, a short quote a cue
opens, a speaker with a quoted nickname, a message noun before a colon. Made-up sentences."""

from __future__ import annotations

from test_attribution_rules import found_by, parse

from claimgraph.extract.attribution.lexicon import AttributionSettings
from claimgraph.extract.attribution.quote_marks import attach_quotes, find_quote_spans


def _quotes(doc) -> list[tuple[str | None, str, str]]:
    text = doc.text
    return [(s.speaker.text if s.speaker is not None else None, s.cue.text if s.cue is not None else "",
             text[s.content[0]:s.content[1]]) for s in doc._.statements if s.kind != "indirect"]


def test_a_curly_quote_inside_a_curly_quote_is_nested():
    text = "“I would rather live in what he calls “chaos” than under his rule.” ― Dana Ruiz"
    assert [text[s:e] for s, e in find_quote_spans(text)] == [text[:text.index(" ―")]]


def test_a_curly_quote_that_nothing_closes_twice_is_not_nested():
    text = "“We asked for “more time. They said no.” Then the vote came."
    assert [text[s:e] for s, e in find_quote_spans(text)] == ["“We asked for “more time. They said no.”"]


def _attached(doc) -> list[tuple[str | None, str, str]]:
    """(speaker, cue, content) of the statements attach_quotes makes for the doc's quotes alone."""
    return found_by(lambda d: attach_quotes(d, [], find_quote_spans(d.text), AttributionSettings()), doc)


def test_a_short_quote_a_cue_opens_is_a_statement():
    # mid-sentence and under five words, it would be a scare quote without the cue before its comma
    doc = parse("""
        Ruiz Ruiz PROPN NNP nsubj 1
        boasted boast VERB VBD ROOT 1
        , , PUNCT , punct 1
        “ “ PUNCT `` punct 5
        That that PRON DT nsubj 5
        makes make VERB VBZ ccomp 1
        me I PRON PRP nsubj 8
        smart smart ADJ JJ ccomp 5
        . . PUNCT . punct 1
        ” ” PUNCT '' punct 1
    """)
    assert _attached(doc) == [("Ruiz", "boasted", "“ That makes me smart. ”")]


def test_a_short_quote_right_after_a_cue_verb_is_a_statement():
    doc = parse("""
        The the DET DT det 1
        choir choir NOUN NN nsubj 2
        sang sing VERB VBD ROOT 2
        “ “ PUNCT `` punct 2
        Our our PRON PRP$ poss 5
        Town town PROPN NNP dobj 2
        Rises rise VERB VBZ dobj 2
        ” ” PUNCT '' punct 2
        loudly loudly ADV RB advmod 2
        . . PUNCT . punct 2
    """)
    assert _attached(doc) == [("The choir", "sang", "“ Our Town Rises ”")]
    scare = parse("""
        The the DET DT det 1
        choir choir NOUN NN nsubj 2
        rehearsed rehearse VERB VBD ROOT 2
        “ “ PUNCT `` punct 2
        Our our PRON PRP$ poss 5
        Town town PROPN NNP dobj 2
        Rises rise VERB VBZ dobj 2
        ” ” PUNCT '' punct 2
        loudly loudly ADV RB advmod 2
        . . PUNCT . punct 2
    """)
    assert _attached(scare) == []


def test_a_quoted_nickname_in_the_speaker_does_not_end_the_search_for_the_cue(nlp):
    doc = nlp('"This is the year we win the county!" Councilwoman Maria "Mimi" Okafor shouted to the crowd.')
    [(speaker, cue, content)] = _quotes(doc)
    assert cue == "shouted" and "Okafor" in speaker and content == '"This is the year we win the county!"'


def test_a_message_noun_before_a_colon_introduces_the_quote(nlp):
    doc = nlp('Worried about turnout, Governor Lang is rolling out a new campaign message: "It is about your town."')
    assert ("Governor Lang", "message", '"It is about your town."') in _quotes(doc)
