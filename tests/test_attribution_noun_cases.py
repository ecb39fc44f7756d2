"""Noun cues: the topic with what the parser hung beside it, the target of "faced questions",
and "by her own admission". Hand-set parses (format: test_attribution_rules); made-up sentences."""

from __future__ import annotations

from test_attribution_rules import found_by, parse, statements

from claimgraph.extract.attribution.noun_frames import noun_cues, noun_topics
from claimgraph.extract.doc_views import cached_views
from claimgraph.extract.extensions import register_extensions


def topics(doc) -> list[tuple[str | None, str, str]]:
    return found_by(noun_topics, doc)


def test_a_stance_takes_a_coordinated_preposition_too():
    doc = parse("""
        Lee Lee PROPN NNP nsubj 1
        is be AUX VBZ ROOT 1
        a a DET DT det 4
        staunch staunch ADJ JJ amod 4
        supporter supporter NOUN NN attr 1
        of of ADP IN prep 4
        the the DET DT det 7
        tolls toll NOUN NNS pobj 5
        and and CCONJ CC cc 5
        of of ADP IN conj 5
        the the DET DT det 11
        bridge bridge NOUN NN pobj 9
        . . PUNCT . punct 1
    """, ents={0: "PERSON"})
    assert statements(doc) == [("Lee", "supporter of", "the tolls and of the bridge")]


def test_the_target_of_questions_is_not_their_holder_and_the_topic_runs_over_a_phrase_hung_on_the_noun():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        faced face VERB VBD ROOT 1
        questions question NOUN NNS dobj 1
        about about ADP IN prep 2
        spending spending NOUN NN pobj 3
        at at ADP IN prep 2
        the the DET DT det 7
        charity charity NOUN NN pobj 5
        , , PUNCT , punct 1
        again again ADV RB advmod 1
        . . PUNCT . punct 1
    """, ents={0: "PERSON"})
    assert topics(doc) == [(None, "questions about", "spending at the charity")]


def test_questions_someone_raised_are_theirs():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        raised raise VERB VBD ROOT 1
        questions question NOUN NNS dobj 1
        about about ADP IN prep 2
        spending spending NOUN NN pobj 3
        . . PUNCT . punct 1
    """, ents={0: "PERSON"})
    assert topics(doc) == [("Voss", "questions about", "spending")]


def test_by_her_own_admission_the_owner_is_the_source():
    doc = parse("""
        By by ADP IN prep 7
        her her PRON PRP$ poss 3
        own own ADJ JJ amod 3
        admission admission NOUN NN pobj 0
        , , PUNCT , punct 7
        the the DET DT det 6
        plan plan NOUN NN nsubj 7
        failed fail VERB VBD ROOT 7
        twice twice ADV RB advmod 7
        . . PUNCT . punct 7
    """)
    assert statements(doc) == [("her", "By", "the plan failed twice.")]


def test_a_that_clause_after_a_copula_is_what_the_noun_holds():
    doc = parse("""
        Lee Lee PROPN NNP poss 2
        's 's PART POS case 0
        bet bet NOUN NN nsubj 3
        is be AUX VBZ ROOT 3
        that that SCONJ IN mark 8
        the the DET DT det 6
        toll toll NOUN NN nsubj 8
        will will AUX MD aux 8
        pass pass VERB VB ccomp 3
        . . PUNCT . punct 3
    """, ents={0: "PERSON"})
    register_extensions()
    with cached_views(doc):
        found = noun_cues(doc)
    assert [(s.speaker.text, s.cue.text, doc.text[s.content[0]:s.content[1]]) for s in found] == [
        ("Lee 's", "bet", "that the toll will pass")]


def test_it_is_clear_that_is_the_writers_finding_said_by_no_one_named():
    doc = parse("""
        It it PRON PRP nsubj 1
        is be AUX VBZ ROOT 1
        clear clear ADJ JJ acomp 1
        that that SCONJ IN mark 6
        the the DET DT det 5
        toll toll NOUN NN nsubj 6
        failed fail VERB VBD ccomp 1
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [(None, "is clear", "that the toll failed")]


def test_it_is_not_clear_what_asks_and_finds_nothing():
    doc = parse("""
        It it PRON PRP nsubj 1
        is be AUX VBZ ROOT 1
        not not PART RB neg 1
        clear clear ADJ JJ acomp 1
        what what PRON WP dobj 7
        the the DET DT det 6
        toll toll NOUN NN nsubj 7
        changed change VERB VBD ccomp 1
        . . PUNCT . punct 1
    """)
    assert statements(doc) == []


def test_the_it_of_it_is_clear_is_not_filled_in_as_a_speaker(nlp):
    doc = nlp("The council met on Monday. It is apparent that the bridge will close in May.")
    [statement] = [s for s in doc._.statements if s.method == "evident"]
    assert statement.speaker is None
    assert doc.text[statement.content[0]:statement.content[1]] == "that the bridge will close in May"


def test_a_stance_set_before_the_clause_is_its_subjects():
    doc = parse("""
        A a DET DT det 2
        longtime longtime ADJ JJ amod 2
        critic critic NOUN NN npadvmod 8
        of of ADP IN prep 2
        the the DET DT det 5
        mayor mayor NOUN NN pobj 3
        , , PUNCT , punct 8
        Lee Lee PROPN NNP nsubj 8
        voted vote VERB VBD ROOT 8
        against against ADP IN prep 8
        it it PRON PRP pobj 9
        . . PUNCT . punct 8
    """, ents={7: "PERSON"})
    assert statements(doc) == [("Lee", "critic of", "the mayor")]


def test_a_stance_the_tagger_read_as_a_passive_participle_is_a_stance():
    doc = parse("""
        Residents resident NOUN NNS nsubjpass 2
        were be AUX VBD auxpass 2
        frustrated frustrate VERB VBN ROOT 2
        that that SCONJ IN mark 6
        the the DET DT det 5
        toll toll NOUN NN nsubj 6
        rose rise VERB VBD ccomp 2
        . . PUNCT . punct 2
    """)
    assert statements(doc) == [("Residents", "frustrated", "that the toll rose")]


def test_a_stance_takes_the_clause_the_parser_hung_on_the_copula_and_an_infinitive():
    clause = parse("""
        She she PRON PRP nsubj 1
        was be AUX VBD ROOT 1
        sure sure ADJ JJ acomp 1
        the the DET DT det 4
        toll toll NOUN NN nsubj 6
        would would AUX MD aux 6
        rise rise VERB VB ccomp 1
        . . PUNCT . punct 1
    """)
    assert statements(clause) == [("She", "sure", "the toll would rise")]
    infinitive = parse("""
        Lee Lee PROPN NNP nsubj 1
        was be AUX VBD ROOT 1
        eager eager ADJ JJ acomp 1
        to to PART TO aux 4
        vote vote VERB VB xcomp 2
        . . PUNCT . punct 1
    """, ents={0: "PERSON"})
    assert statements(infinitive) == [("Lee", "eager", "to vote")]


def test_a_debate_takes_its_topic_but_against_names_an_opponent():
    rows = """
        Her her PRON PRP$ poss 1
        debate debate NOUN NN nsubj 5
        {prep} {prep} ADP IN prep 1
        Ruiz Ruiz PROPN NNP pobj 2
        clearly clearly ADV RB advmod 5
        mattered matter VERB VBD ROOT 5
        . . PUNCT . punct 5
    """
    assert topics(parse(rows.format(prep="against"), ents={3: "PERSON"})) == []
    assert topics(parse(rows.format(prep="about"), ents={3: "PERSON"})) == [("Her", "debate about", "Ruiz")]


def cues(doc) -> list[tuple[str | None, str, str]]:
    return found_by(noun_cues, doc)


def test_a_recognition_the_subject_forced_is_not_the_subjects_own():
    doc = parse("""
        The the DET DT det 1
        flood flood NOUN NN nsubj 2
        forced force VERB VBD ROOT 2
        a a DET DT det 4
        recognition recognition NOUN NN dobj 2
        that that SCONJ IN mark 8
        the the DET DT det 7
        dams dam NOUN NNS nsubj 8
        failed fail VERB VBD acl 4
        . . PUNCT . punct 2
    """)
    assert cues(doc) == [(None, "recognition", "that the dams failed")]


def test_an_emphasis_that_is_its_owners_and_a_warning_despite_which_someone_acts_is_not_theirs():
    doc = parse("""
        Lee Lee PROPN NNP poss 2
        's 's PART POS case 0
        emphasis emphasis NOUN NN nsubj 7
        that that SCONJ IN mark 5
        rents rent NOUN NNS nsubj 5
        fell fall VERB VBD acl 2
        never never ADV RB neg 7
        varied vary VERB VBD ROOT 7
        . . PUNCT . punct 7
    """, ents={0: "PERSON"})
    assert cues(doc) == [("Lee 's", "emphasis", "that rents fell")]
    doc = parse("""
        Despite despite SCONJ IN prep 7
        warnings warning NOUN NNS pobj 0
        that that SCONJ IN mark 4
        rents rent NOUN NNS nsubj 4
        rose rise VERB VBD acl 1
        , , PUNCT , punct 7
        Lee Lee PROPN NNP nsubj 7
        moved move VERB VBD ROOT 7
        . . PUNCT . punct 7
    """, ents={6: "PERSON"})
    assert cues(doc) == [(None, "warnings", "that rents rose")]
