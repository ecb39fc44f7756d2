"""Cue verbs the tagger read as plural nouns (extract/attribution/misread_verbs.py), on hand-parsed made-up sentences."""

from __future__ import annotations

from claim_fixtures import parse

from claimgraph.extract.attribution.lexicon import AttributionSettings
from claimgraph.extract.attribution.verb_frames import reported_speech
from claimgraph.extract.doc_views import cached_views, doc_text
from claimgraph.extract.extensions import register_extensions


def statements(doc) -> list[tuple[str | None, str, str, str]]:
    register_extensions()
    with cached_views(doc):
        found = reported_speech(doc, AttributionSettings())
    text = doc_text(doc)
    return [(s.speaker.text if s.speaker is not None else None, s.cue.text, text[s.content[0]:s.content[1]], s.method)
            for s in found]


def test_a_headline_verb_tagged_as_a_noun_takes_its_infinitive():
    doc = parse("""
        Harbour Harbour PROPN NNP compound 1
        council council NOUN NN compound 2
        votes vote NOUN NNS ROOT 2
        to to PART TO aux 4
        close close VERB VB relcl 2
        the the DET DT det 6
        pier pier NOUN NN dobj 4
        . . PUNCT . punct 2
    """)
    assert statements(doc) == [("Harbour council", "votes", "to close the pier", "misread_verb")]


def test_a_title_case_headline_verb_takes_its_preposition_object():
    doc = parse("""
        Appeals Appeals PROPN NNPS compound 1
        Court Court PROPN NNP compound 2
        Rules Rules PROPN NNPS ROOT 2
        Against against ADP IN prep 2
        Toll Toll PROPN NNP compound 5
        Plan Plan PROPN NNP pobj 3
    """)
    assert statements(doc) == [("Appeals Court", "Rules Against", "Toll Plan", "misread_verb")]


def test_a_clause_verb_closing_its_sentence_after_a_comma_reports_the_clause_before():
    doc = parse("""
        The the DET DT det 1
        tunnel tunnel NOUN NN nsubj 3
        will will AUX MD aux 3
        flood flood VERB VB ccomp 10
        , , PUNCT , punct 10
        the the DET DT det 6
        city city NOUN NN poss 9
        's 's PART POS case 6
        chief chief ADJ JJ amod 9
        engineer engineer NOUN NN compound 10
        maintains maintain NOUN NNS ROOT 10
        . . PUNCT . punct 10
    """)
    assert statements(doc) == [("the city 's chief engineer", "maintains", "The tunnel will flood", "misread_verb")]


def test_a_plural_noun_before_a_finite_verb_or_after_a_possessive_stays_a_noun():
    subject = parse("""
        Harbour Harbour PROPN NNP compound 1
        reports report NOUN NNS nsubj 2
        show show VERB VBP ROOT 2
        a a DET DT det 4
        drop drop NOUN NN dobj 2
        . . PUNCT . punct 2
    """)
    possessive = parse("""
        The the DET DT det 1
        mayor mayor NOUN NN poss 3
        's 's PART POS case 1
        plans plan NOUN NNS ROOT 3
        to to PART TO aux 5
        widen widen VERB VB relcl 3
        the the DET DT det 7
        road road NOUN NN dobj 5
        . . PUNCT . punct 3
    """)
    assert [s for s in statements(subject) if s[3] == "misread_verb"] == []
    assert statements(possessive) == []


def test_a_capitalised_plural_in_running_text_is_a_name_not_a_verb():
    doc = parse("""
        The the DET DT det 2
        Riverside Riverside PROPN NNP compound 2
        States States PROPN NNPS compound 3
        average average NOUN NN nsubj 4
        gives give VERB VBZ ROOT 4
        a a DET DT det 6
        lead lead NOUN NN dobj 4
        . . PUNCT . punct 4
    """)
    assert [s for s in statements(doc) if s[3] == "misread_verb"] == []


def test_a_finite_verb_before_a_that_clause_leaves_the_misread_verb_its_own_clause():
    doc = parse("""
        It it PRON PRP nsubj 1
        is be AUX VBZ ROOT 1
        odd odd ADJ JJ acomp 1
        that that SCONJ IN mark 5
        Voss Voss PROPN NNP compound 5
        demands demand NOUN NNS ccomp 2
        a a DET DT det 7
        recount recount NOUN NN dobj 5
        . . PUNCT . punct 1
    """)
    faced = parse("""
        Voss Voss PROPN NNP nsubj 1
        faced face VERB VBD ROOT 1
        Lund Lund PROPN NNP compound 3
        questions question NOUN NNS dobj 1
        on on ADP IN prep 3
        tolls toll NOUN NNS pobj 4
        . . PUNCT . punct 1
    """)
    assert [s for s in statements(doc) if s[3] == "misread_verb"] == [("Voss", "demands", "a recount", "misread_verb")]
    assert [s for s in statements(faced) if s[3] == "misread_verb"] == []


def test_a_title_case_headline_verb_whose_frames_find_nothing_says_the_rest_of_the_line():
    doc = parse("""
        Mayor Mayor PROPN NNP nsubj 1
        Sees see VERB VBZ ROOT 1
        Real Real PROPN NNP compound 3
        Danger Danger PROPN NNP oprd 1
        if if SCONJ IN mark 7
        Voters Voters PROPN NNPS nsubj 7
        Stay stay VERB VBP advcl 1
        Home Home PROPN NNP npadvmod 6
    """)
    poll = parse("""
        Poll Poll PROPN NNP nsubj 1
        Gives give VERB VBZ ROOT 1
        Voss Voss PROPN NNP dative 1
        Narrow Narrow PROPN NNP compound 4
        Lead Lead PROPN NNP dobj 1
    """)
    running_text = parse("""
        The the DET DT det 1
        mayor mayor NOUN NN nsubj 2
        sees see VERB VBZ ROOT 2
        real real ADJ JJ amod 4
        danger danger NOUN NN oprd 2
        if if SCONJ IN mark 8
        voters voter NOUN NNS nsubj 8
        stay stay VERB VBP advcl 2
        home home ADV RB advmod 7
    """)
    assert statements(doc) == [("Mayor", "Sees", "Real Danger if Voters Stay Home", "headline_verb")]
    assert [s for s in statements(poll) if s[3] == "headline_verb"] == []
    assert statements(running_text) == []
