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


def test_a_question_word_clause_right_after_a_clause_cue_is_its_content():
    doc = parse("""
        Officials official NOUN NNS nsubj 3
        have have AUX VBP aux 3
        not not PART RB neg 3
        said say VERB VBN ROOT 3
        when when SCONJ WRB advmod 8
        the the DET DT det 6
        pier pier NOUN NN nsubj 8
        would would AUX MD aux 8
        reopen reopen VERB VB advcl 3
        . . PUNCT . punct 3
    """)
    assert fragments(doc) == [("Officials", "said", ("when the pier would reopen",))]


def test_a_question_word_clause_after_a_cue_with_an_object_says_when():
    doc = parse("""
        That that PRON DT nsubj 1
        was be AUX VBD ROOT 1
        what what PRON WP dobj 4
        Voss Voss PROPN NNP nsubj 4
        said say VERB VBD ccomp 1
        when when SCONJ WRB advmod 7
        she she PRON PRP nsubj 7
        left leave VERB VBD advcl 4
        . . PUNCT . punct 1
    """)
    assert fragments(doc) == []


def test_an_infinitive_content_leaves_out_the_clause_that_says_when_or_why():
    doc = parse("""
        The the DET DT det 1
        agency agency NOUN NN nsubj 2
        urged urge VERB VBD ROOT 2
        residents resident NOUN NNS dobj 2
        to to PART TO aux 5
        leave leave VERB VB xcomp 2
        the the DET DT det 7
        coast coast NOUN NN dobj 5
        after after SCONJ IN mark 11
        the the DET DT det 10
        storm storm NOUN NN nsubj 11
        hit hit VERB VBD advcl 5
        the the DET DT det 13
        town town NOUN NN dobj 11
        . . PUNCT . punct 2
    """)
    assert fragments(doc) == [("The agency", "urged", ("residents to leave the coast",))]


def test_a_passive_naming_cue_with_an_agent_states_the_subject_and_what_it_is_called():
    doc = parse("""
        The the DET DT det 1
        plan plan NOUN NN nsubjpass 4
        has have AUX VBZ aux 4
        been be AUX VBN auxpass 4
        called call VERB VBN ROOT 4
        a a DET DT det 6
        disgrace disgrace NOUN NN oprd 4
        by by ADP IN agent 4
        rivals rival NOUN NNS pobj 7
        . . PUNCT . punct 4
    """)
    assert fragments(doc) == [("rivals", "called", ("The plan", "a disgrace"))]


def test_an_as_phrase_on_the_object_makes_a_seeing_verb_a_judgement():
    doc = parse("""
        Critics critic NOUN NNS nsubj 1
        saw see VERB VBD ROOT 1
        the the DET DT det 3
        toll toll NOUN NN dobj 1
        as as ADP IN prep 3
        a a DET DT det 6
        trap trap NOUN NN pobj 4
        . . PUNCT . punct 1
    """)
    assert fragments(doc) == [("Critics", "saw", ("the toll as a trap",))]


def test_a_clause_cue_closed_by_a_colon_says_the_rest_of_the_paragraph():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        added add VERB VBD ROOT 1
        : : PUNCT : punct 1
        the the DET DT det 4
        pier pier NOUN NN nsubj 5
        stays stay VERB VBZ ROOT 5
        closed closed ADJ JJ acomp 5
        . . PUNCT . punct 5
    """)
    assert fragments(doc) == [("Voss", "added", ("the pier stays closed.",))]


def test_a_quotation_after_the_colon_is_left_to_the_quote_rules():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        added add VERB VBD ROOT 1
        : : PUNCT : punct 1
        " " PUNCT `` punct 5
        the the DET DT det 5
        pier pier NOUN NN nsubj 6
        stays stay VERB VBZ ROOT 6
        closed closed ADJ JJ acomp 6
        . . PUNCT . punct 6
        " " PUNCT '' punct 6
    """)
    assert fragments(doc) == []


def test_a_during_phrase_closing_an_object_or_infinitive_says_when_not_what():
    objected = parse("""
        Voss Voss PROPN NNP nsubj 1
        attacked attack VERB VBD ROOT 1
        the the DET DT det 3
        plan plan NOUN NN dobj 1
        during during ADP IN prep 1
        the the DET DT det 6
        debate debate NOUN NN pobj 4
        . . PUNCT . punct 1
    """)
    refused = parse("""
        Voss Voss PROPN NNP nsubj 1
        refused refuse VERB VBD ROOT 1
        to to PART TO aux 3
        close close VERB VB xcomp 1
        the the DET DT det 5
        pier pier NOUN NN dobj 3
        during during ADP IN prep 3
        the the DET DT det 8
        debate debate NOUN NN pobj 6
        . . PUNCT . punct 1
    """)
    assert fragments(objected) == [("Voss", "attacked", ("the plan",))]
    assert fragments(refused) == [("Voss", "refused", ("to close the pier",))]


def test_a_participle_on_people_named_as_an_object_is_theirs():
    doc = parse("""
        The the DET DT det 1
        memo memo NOUN NN nsubj 2
        reached reach VERB VBD ROOT 2
        Democrats Democrats PROPN NNPS dobj 2
        contemplating contemplate VERB VBG acl 3
        a a DET DT det 6
        switch switch NOUN NN dobj 4
        . . PUNCT . punct 2
    """, ents={3: "NORP"})
    assert fragments(doc) == [("Democrats", "contemplating", ("a switch",))]


def test_a_complement_parsed_as_the_head_of_its_cue_is_the_content():
    doc = parse("""
        The the DET DT det 1
        council council NOUN NN nsubj 2
        acted act VERB VBD ROOT 2
        after after SCONJ IN mark 5
        Voss Voss PROPN NNP nsubj 5
        admitted admit VERB VBD advcl 8
        the the DET DT det 7
        pier pier NOUN NN nsubj 8
        was be AUX VBD advcl 2
        unsafe unsafe ADJ JJ acomp 8
        . . PUNCT . punct 2
    """)
    assert fragments(doc) == [("Voss", "admitted", ("the pier was unsafe",))]


def test_a_main_clause_after_the_comma_is_not_what_the_cue_in_the_adverbial_clause_says():
    doc = parse("""
        After after SCONJ IN mark 2
        Voss Voss PROPN NNP nsubj 2
        admitted admit VERB VBD advcl 6
        , , PUNCT , punct 6
        the the DET DT det 5
        pier pier NOUN NN nsubj 6
        closed close VERB VBD ROOT 6
        . . PUNCT . punct 6
    """)
    assert fragments(doc) == []


def test_a_cue_closing_its_sentence_after_a_comma_says_what_comes_before_even_unattached():
    doc = parse("""
        Trains train NOUN NNS nsubj 2
        will will AUX MD aux 2
        run run VERB VB dep 6
        late late ADV RB advmod 2
        , , PUNCT , punct 6
        officials official NOUN NNS nsubj 6
        say say VERB VBP ROOT 6
        . . PUNCT . punct 6
    """)
    assert fragments(doc) == [("officials", "say", ("Trains will run late",))]


def test_a_cue_with_more_words_after_it_does_not_take_the_words_before_the_comma():
    doc = parse("""
        Trains train NOUN NNS nsubj 2
        will will AUX MD aux 2
        run run VERB VB dep 6
        late late ADV RB advmod 2
        , , PUNCT , punct 6
        officials official NOUN NNS nsubj 6
        say say VERB VBP ROOT 6
        about about ADP IN prep 6
        fares fare NOUN NNS pobj 7
        . . PUNCT . punct 6
    """)
    assert [f for f in fragments(doc) if f[2] == ("Trains will run late",)] == []


def test_saying_something_about_a_topic_reports_on_the_topic():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 3
        is be AUX VBZ aux 3
        n't not PART RB neg 3
        saying say VERB VBG ROOT 3
        much much ADV RB advmod 3
        about about ADP IN prep 3
        the the DET DT det 7
        toll toll NOUN NN pobj 5
        . . PUNCT . punct 3
    """)
    assert fragments(doc) == [("Voss", "saying much about", ("the toll",))]


def test_what_a_subject_seems_to_someone_is_their_view():
    doc = parse("""
        The the DET DT det 1
        pier pier NOUN NN nsubj 2
        seems seem VERB VBZ ROOT 2
        unsafe unsafe ADJ JJ acomp 2
        to to ADP IN prep 3
        engineers engineer NOUN NNS pobj 4
        . . PUNCT . punct 2
    """)
    assert fragments(doc) == [("engineers", "seems", ("The pier", "unsafe"))]


def test_appearing_somewhere_is_no_judgement():
    doc = parse("""
        The the DET DT det 1
        mayor mayor NOUN NN nsubj 2
        appeared appear VERB VBD ROOT 2
        in in ADP IN prep 2
        court court NOUN NN pobj 3
        . . PUNCT . punct 2
    """)
    assert fragments(doc) == []


def test_seeming_sure_of_a_clause_is_a_stance_and_seeming_slow_a_description():
    stance = parse("""
        Rivals rival NOUN NNS nsubj 1
        seem seem VERB VBP ROOT 1
        confident confident ADJ JJ acomp 1
        they they PRON PRP nsubj 4
        hold hold VERB VBP ccomp 2
        the the DET DT det 6
        votes vote NOUN NNS dobj 4
        . . PUNCT . punct 1
    """)
    description = parse("""
        The the DET DT det 1
        boats boat NOUN NNS nsubj 2
        seem seem VERB VBP ROOT 2
        slow slow ADJ JJ acomp 2
        . . PUNCT . punct 2
    """)
    # (the attitude adjective makes its own, narrower statement, which the component drops as nested)
    assert (None, "seem", ("Rivals", "confident they hold the votes")) in fragments(stance)
    assert fragments(description) == []


def test_a_word_standing_for_the_clause_is_the_content():
    so = parse("""
        Voss Voss PROPN NNP nsubj 3
        does do AUX VBZ aux 3
        n't not PART RB neg 3
        think think VERB VB ROOT 3
        so so ADV RB advmod 3
        . . PUNCT . punct 3
    """)
    much = parse("""
        Okafor Okafor PROPN NNP nsubj 1
        said say VERB VBD ROOT 1
        as as ADV RB advmod 3
        much much ADJ JJ advmod 1
        on on ADP IN prep 1
        Friday Friday PROPN NNP pobj 4
        . . PUNCT . punct 1
    """, ents={5: "DATE"})
    assert fragments(so) == [("Voss", "think", ("so",))]
    assert fragments(much) == [("Okafor", "said", ("as much",))]
