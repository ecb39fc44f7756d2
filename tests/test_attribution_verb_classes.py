"""Verb classes that report in political news beyond say/tell: harsh criticism ("grilled"),
responding and referring, going after someone, and what someone is called after a misparsed
"as". Hand-set parses (format: test_attribution_rules); the sentences are made up."""

from __future__ import annotations

from test_attribution_rules import parse, statements


def test_a_verb_of_harsh_criticism_takes_its_object_and_the_reason():
    doc = parse("""
        Okafor Okafor PROPN NNP nsubj 1
        grilled grill VERB VBD ROOT 1
        the the DET DT det 3
        minister minister NOUN NN dobj 1
        for for ADP IN prep 1
        the the DET DT det 6
        delays delay NOUN NNS pobj 4
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Okafor", "grilled", "the minister for the delays")]


def test_a_verb_of_criticism_with_a_sense_for_things_needs_a_person_or_group_object():
    doc = parse("""
        Okafor Okafor PROPN NNP nsubj 1
        grilled grill VERB VBD ROOT 1
        sausages sausage NOUN NNS dobj 1
        for for ADP IN prep 1
        the the DET DT det 5
        guests guest NOUN NNS pobj 3
        . . PUNCT . punct 1
    """)
    assert statements(doc) == []


def test_not_responding_to_requests_for_comment_is_reported():
    doc = parse("""
        The the DET DT det 1
        ministry ministry NOUN NN nsubj 5
        did do AUX VBD aux 5
        not not PART RB neg 5
        immediately immediately ADV RB advmod 5
        respond respond VERB VB ROOT 5
        to to ADP IN prep 5
        requests request NOUN NNS pobj 6
        for for ADP IN prep 7
        comment comment NOUN NN pobj 8
        . . PUNCT . punct 5
    """)
    assert statements(doc) == [("The ministry", "respond to", "requests for comment")]


def test_referring_to_someone_as_something_is_reported():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        referred refer VERB VBD ROOT 1
        to to ADP IN prep 1
        the the DET DT det 4
        mayor mayor NOUN NN pobj 2
        as as ADP IN prep 1
        a a DET DT det 7
        coward coward NOUN NN pobj 5
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Voss", "referred to", "the mayor as a coward")]


def test_referring_something_to_a_body_is_a_referral_not_speech():
    doc = parse("""
        The the DET DT det 1
        council council NOUN NN nsubj 2
        referred refer VERB VBD ROOT 2
        the the DET DT det 4
        case case NOUN NN dobj 2
        to to ADP IN prep 2
        a a DET DT det 7
        court court NOUN NN pobj 5
        . . PUNCT . punct 2
    """)
    assert statements(doc) == []


def test_going_after_someone_is_an_attack_going_after_an_event_is_a_time():
    attack = parse("""
        Voss Voss PROPN NNP nsubj 1
        went go VERB VBD ROOT 1
        after after ADP IN prep 1
        Lang Lang PROPN NNP pobj 2
        as as ADP IN prep 1
        a a DET DT det 6
        fraud fraud NOUN NN pobj 4
        . . PUNCT . punct 1
    """, ents={3: "PERSON"})
    assert statements(attack) == [("Voss", "went after", "Lang as a fraud")]
    time = parse("""
        Voss Voss PROPN NNP nsubj 1
        went go VERB VBD ROOT 1
        home home ADV RB advmod 1
        after after ADP IN prep 1
        the the DET DT det 5
        debate debate NOUN NN pobj 3
        . . PUNCT . punct 1
    """)
    assert statements(time) == []


def test_what_the_object_is_called_counts_when_as_is_misparsed_as_opening_a_clause():
    # "Voss pounded Lang as a fraud ― all week", with "as" a mark of the dash read as a verb
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        pounded pound VERB VBD ROOT 1
        Lang Lang PROPN NNP dobj 1
        as as SCONJ IN mark 6
        a a DET DT det 5
        fraud fraud NOUN NN nsubj 6
        ― ― VERB VBD advcl 1
        all all DET DT det 8
        week week NOUN NN npadvmod 1
        . . PUNCT . punct 1
    """, ents={2: "PERSON"})
    assert statements(doc) == [("Voss", "pounded", "Lang as a fraud")]


def test_a_real_clause_after_as_is_not_what_the_object_is_called():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        mocked mock VERB VBD ROOT 1
        Lang Lang PROPN NNP dobj 1
        as as SCONJ IN mark 5
        he he PRON PRP nsubj 5
        did do VERB VBD advcl 1
        before before ADV RB advmod 5
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Voss", "mocked", "Lang")]


def test_discovering_typing_and_singing_report(nlp):
    text = ("Auditors discovered that the ledgers were forged. A clerk had typed “urgent review” on the form. "
            "Mara Quell sings an old union ballad to the crowd.")
    doc = nlp(text)
    found = {(s.cue.text, text[s.content[0]:s.content[1]]) for s in doc._.statements}
    assert ("discovered", "that the ledgers were forged") in found
    assert any(cue == "typed" and "urgent review" in content for cue, content in found)
    assert any(cue == "sings" and "union ballad" in content for cue, content in found)
