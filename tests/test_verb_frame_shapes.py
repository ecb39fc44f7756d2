"""Clause shapes the verb frames read (extract/attribution/verb_frames.py), on hand-set parses of
made-up sentences (see test_attribution_rules for the parse format)."""

from __future__ import annotations

from test_attribution_rules import parse
from test_verb_cues import fragments


def test_a_relative_pronoun_before_the_speaker_is_a_fragment_of_an_infinitive_content():
    doc = parse("""
        The the DET DT det 1
        council council NOUN NN nsubj 2
        needs need VERB VBZ ROOT 2
        money money NOUN NN dobj 2
        , , PUNCT , punct 3
        which which PRON WDT dobj 9
        Voss Voss PROPN NNP nsubj 7
        plans plan VERB VBZ relcl 3
        to to PART TO aux 9
        raise raise VERB VB xcomp 7
        through through ADP IN prep 9
        a a DET DT det 12
        levy levy NOUN NN pobj 10
        . . PUNCT . punct 2
    """)
    assert fragments(doc) == [("Voss", "plans", ("which", "to raise through a levy"))]


def test_an_object_runs_over_a_gerund_the_parser_coordinated_with_the_cue():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 2
        has have AUX VBZ aux 2
        mentioned mention VERB VBN ROOT 2
        new new ADJ JJ amod 4
        tolls toll NOUN NNS dobj 2
        and and CCONJ CC cc 2
        raising raise VERB VBG conj 2
        the the DET DT det 8
        fees fee NOUN NNS dobj 6
        . . PUNCT . punct 2
    """)
    assert fragments(doc) == [("Voss", "mentioned", ("new tolls and raising the fees",))]


def test_an_object_after_by_runs_over_a_noun_the_parser_coordinated_with_the_verb_before_by():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        began begin VERB VBD ROOT 1
        by by ADP IN prep 1
        stressing stress VERB VBG pcomp 2
        safety safety NOUN NN dobj 3
        , , PUNCT , punct 1
        and and CCONJ CC cc 1
        a a DET DT det 8
        need need NOUN NN conj 1
        to to PART TO aux 10
        repair repair VERB VB acl 8
        the the DET DT det 12
        pier pier NOUN NN dobj 10
        . . PUNCT . punct 1
    """)
    assert fragments(doc) == [("Voss", "stressing", ("safety, and a need to repair the pier",))]


def test_a_verb_coordinated_with_the_cue_stays_out_of_its_object():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        mentioned mention VERB VBD ROOT 1
        the the DET DT det 3
        tolls toll NOUN NNS dobj 1
        and and CCONJ CC cc 1
        left leave VERB VBD conj 1
        . . PUNCT . punct 1
    """)
    assert fragments(doc) == [("Voss", "mentioned", ("the tolls",))]
