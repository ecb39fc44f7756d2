"""Verb cues on hand-set parses: lexicon forms and frames, and the verb-frame rules that read
constructions beyond "X said (that) ...". The sentences are made up; see test_attribution_rules
for the parse format."""

from __future__ import annotations

from test_attribution_rules import parse, statements

from claimgraph.extract.attribution.lexicon import AttributionSettings, lexicon_lemma
from claimgraph.extract.attribution.verb_frames import reported_speech
from claimgraph.extract.doc_views import cached_views, doc_text
from claimgraph.extract.extensions import register_extensions


def fragments(doc) -> list[tuple[str | None, str, tuple[str, ...]]]:
    """(speaker, cue, content fragments) of the verb rules' statements."""
    register_extensions()
    with cached_views(doc):
        found = reported_speech(doc, AttributionSettings())
    text = doc_text(doc)
    return [(s.speaker.text if s.speaker is not None else None, s.cue.text,
             tuple(text[a:b] for a, b in (s.fragments or (s.content,)))) for s in found]


# ------------------------------------------------------------------------ lexicon


def test_a_form_the_lemmatizer_gets_wrong_still_cues():
    # the small model lemmatizes "hoped" as "hop"
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        hoped hop VERB VBD ROOT 1
        the the DET DT det 3
        bridge bridge NOUN NN nsubj 5
        would would AUX MD aux 5
        open open VERB VB ccomp 1
        . . PUNCT . punct 1
    """)
    assert lexicon_lemma(doc[1]) == "hope"
    assert statements(doc) == [("Voss", "hoped", "the bridge would open")]


def test_agreeing_with_someone_is_a_stance():
    doc = parse("""
        Okafor Okafor PROPN NNP nsubj 1
        agreed agree VERB VBD ROOT 1
        with with ADP IN prep 1
        the the DET DT det 4
        mayor mayor NOUN NN pobj 2
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Okafor", "agreed with", "the mayor")]


def test_noting_takes_an_object_too():
    doc = parse("""
        The the DET DT det 1
        auditor auditor NOUN NN nsubj 2
        noted note VERB VBD ROOT 2
        the the DET DT det 5
        ferry ferry NOUN NN compound 5
        delays delay NOUN NNS dobj 2
        . . PUNCT . punct 2
    """)
    assert statements(doc) == [("The auditor", "noted", "the ferry delays")]


# ------------------------------------------------------------------------ clause frames


def test_a_that_clause_after_a_phrase_is_the_complement_even_parsed_as_adverbial():
    # "Voss tweeted on Monday that the vote was rigged", with "was" as advcl marked by "that"
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        tweeted tweet VERB VBD ROOT 1
        on on ADP IN prep 1
        Monday Monday PROPN NNP pobj 2
        that that SCONJ IN mark 7
        the the DET DT det 6
        vote vote NOUN NN nsubj 7
        was be AUX VBD advcl 1
        rigged rigged ADJ JJ acomp 7
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Voss", "tweeted", "that the vote was rigged")]


def test_so_that_is_a_purpose_not_what_was_said():
    # "Voss argued so that the crowd listened": "so" hung on the verb, "that" on the clause
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        argued argue VERB VBD ROOT 1
        so so ADV RB advmod 1
        that that SCONJ IN mark 6
        the the DET DT det 5
        crowd crowd NOUN NN nsubj 6
        listened listen VERB VBD advcl 1
        . . PUNCT . punct 1
    """)
    assert statements(doc) == []


def test_as_someone_put_it_frames_the_clause():
    doc = parse("""
        As as SCONJ IN mark 2
        Voss Voss PROPN NNP nsubj 2
        put put VERB VBD advcl 8
        it it PRON PRP dobj 2
        , , PUNCT , punct 8
        the the DET DT det 7
        toll toll NOUN NN compound 7
        plan plan NOUN NN nsubj 8
        is be AUX VBZ ROOT 8
        dead dead ADJ JJ acomp 8
        . . PUNCT . punct 8
    """)
    assert statements(doc) == [("Voss", "put", "the toll plan is dead")]


# ------------------------------------------------------------------------ object frames


def test_a_participle_on_a_noun_speaks_for_the_noun():
    # "The council replied in a statement calling the plan a failure": the statement calls it so
    doc = parse("""
        The the DET DT det 1
        council council NOUN NN nsubj 2
        replied reply VERB VBD ROOT 2
        in in ADP IN prep 2
        a a DET DT det 5
        statement statement NOUN NN pobj 3
        calling call VERB VBG acl 5
        the the DET DT det 8
        plan plan NOUN NN dobj 6
        a a DET DT det 10
        failure failure NOUN NN oprd 6
        . . PUNCT . punct 2
    """)
    assert statements(doc) == [("a statement", "calling", "the plan a failure")]


def test_a_message_issued_is_the_content_when_nothing_inside_frames_it():
    doc = parse("""
        The the DET DT det 1
        mayor mayor NOUN NN nsubj 2
        sent send VERB VBD ROOT 2
        a a DET DT det 5
        stern stern ADJ JJ amod 5
        letter letter NOUN NN dobj 2
        . . PUNCT . punct 2
    """)
    assert statements(doc) == [("The mayor", "sent", "a stern letter")]
    doc = parse("""
        The the DET DT det 1
        mayor mayor NOUN NN nsubj 2
        sent send VERB VBD ROOT 2
        a a DET DT det 4
        parcel parcel NOUN NN dobj 2
        . . PUNCT . punct 2
    """)
    assert statements(doc) == []


def test_a_participle_on_an_issued_message_says_what_the_message_says():
    # "The council issued a statement calling the vote a sham"
    doc = parse("""
        The the DET DT det 1
        council council NOUN NN nsubj 2
        issued issue VERB VBD ROOT 2
        a a DET DT det 4
        statement statement NOUN NN dobj 2
        calling call VERB VBG acl 4
        the the DET DT det 7
        vote vote NOUN NN dobj 5
        a a DET DT det 9
        sham sham NOUN NN oprd 5
        . . PUNCT . punct 2
    """)
    assert statements(doc) == [("The council", "issued a statement calling", "the vote a sham")]
    # "Voss unleashed a flurry of posts mocking the mayor": the message counted out
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        unleashed unleash VERB VBD ROOT 1
        a a DET DT det 3
        flurry flurry NOUN NN dobj 1
        of of ADP IN prep 3
        posts post NOUN NNS pobj 4
        mocking mock VERB VBG acl 5
        the the DET DT det 8
        mayor mayor NOUN NN dobj 6
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Voss", "unleashed a flurry of posts mocking", "the mayor")]
    # "Voss unleashed a flurry of posts": a count alone says nothing
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        unleashed unleash VERB VBD ROOT 1
        a a DET DT det 3
        flurry flurry NOUN NN dobj 1
        of of ADP IN prep 3
        posts post NOUN NNS pobj 4
        . . PUNCT . punct 1
    """)
    assert statements(doc) == []


def test_a_free_relative_naming_something_is_the_object():
    # "The mayor condemned what he called a reckless stunt": the parser makes the object a clause
    doc = parse("""
        The the DET DT det 1
        mayor mayor NOUN NN nsubj 2
        condemned condemn VERB VBD ROOT 2
        what what PRON WP dobj 5
        he he PRON PRP nsubj 5
        called call VERB VBD ccomp 2
        a a DET DT det 8
        reckless reckless ADJ JJ amod 8
        stunt stunt NOUN NN oprd 5
        . . PUNCT . punct 2
    """)
    assert statements(doc)[0] == ("The mayor", "condemned", "what he called a reckless stunt")
    # "The mayor condemned what he saw": nothing named, nothing said
    doc = parse("""
        The the DET DT det 1
        mayor mayor NOUN NN nsubj 2
        condemned condemn VERB VBD ROOT 2
        what what PRON WP dobj 5
        he he PRON PRP nsubj 5
        saw see VERB VBD ccomp 2
        . . PUNCT . punct 2
    """)
    assert statements(doc) == []


def test_a_naming_cue_on_a_relative_pronoun_names_the_pronoun():
    # "a fire that the chief described as deliberate"
    doc = parse("""
        a a DET DT det 1
        fire fire NOUN NN ROOT 1
        that that PRON WDT dobj 5
        the the DET DT det 4
        chief chief NOUN NN nsubj 5
        described describe VERB VBD relcl 1
        as as ADP IN prep 5
        deliberate deliberate ADJ JJ pobj 6
    """)
    assert fragments(doc) == [("the chief", "described", ("that", "as deliberate"))]


def test_an_attribution_on_a_part_of_its_clause_frames_the_whole_clause():
    # "Though the move was smooth, he said, the next would be hard": the parse hangs "said" on the
    # clause before the main one
    doc = parse("""
        Though though SCONJ IN mark 3
        the the DET DT det 2
        move move NOUN NN nsubj 3
        was be AUX VBD advcl 12
        smooth smooth ADJ JJ acomp 3
        , , PUNCT , punct 7
        he he PRON PRP nsubj 7
        said say VERB VBD parataxis 3
        , , PUNCT , punct 7
        the the DET DT det 10
        next next ADJ JJ nsubj 12
        would would AUX MD aux 12
        be be AUX VB ROOT 12
        hard hard ADJ JJ acomp 12
        . . PUNCT . punct 12
    """)
    assert fragments(doc) == [("he", "said", ("Though the move was smooth", "the next would be hard."))]
    # "The difference, he told me, is the cost": on the subject
    doc = parse("""
        The the DET DT det 1
        difference difference NOUN NN nsubj 7
        , , PUNCT , punct 4
        he he PRON PRP nsubj 4
        told tell VERB VBD parataxis 1
        me me PRON PRP dobj 4
        , , PUNCT , punct 4
        is be AUX VBZ ROOT 7
        the the DET DT det 9
        cost cost NOUN NN attr 7
        . . PUNCT . punct 7
    """)
    assert fragments(doc) == [("he", "told", ("The difference", "is the cost."))]


def test_an_attribution_inside_its_clause_leaves_only_an_adjacent_quotation_to_the_quote_rules():
    # 'Voters, he said, can "swing it"': the quotation is part of the clause, not next to the attribution
    doc = parse("""
        Voters voter NOUN NNS nsubj 7
        , , PUNCT , punct 3
        he he PRON PRP nsubj 3
        said say VERB VBD parataxis 7
        , , PUNCT , punct 3
        can can AUX MD aux 7
        " " PUNCT `` punct 7
        swing swing VERB VB ROOT 7
        it it PRON PRP dobj 7
        " " PUNCT '' punct 7
    """)
    assert fragments(doc) == [("he", "said", ("Voters", 'can " swing it "'))]  # the test parser spaces every mark
    # '"Voters," he said, "can swing it"': next to the attribution, the quote rules' business
    doc = parse("""
        " " PUNCT `` punct 8
        Voters voter NOUN NNS nsubj 8
        , , PUNCT , punct 8
        " " PUNCT '' punct 8
        he he PRON PRP nsubj 5
        said say VERB VBD parataxis 8
        , , PUNCT , punct 5
        " " PUNCT `` punct 8
        swing swing VERB VB ROOT 8
        it it PRON PRP dobj 8
        " " PUNCT '' punct 8
    """)
    assert fragments(doc) == []


def test_chanting_and_lamenting_take_an_object_resenting_a_gerund():
    # "Marchers chanted the slogan", "Growers lamented their luck", "Growers resented being ignored"
    for verb, lemma, words in (("chanted", "chant", ("the", "slogan")), ("lamented", "lament", ("their", "luck"))):
        doc = parse(f"""
            Growers grower NOUN NNS nsubj 1
            {verb} {lemma} VERB VBD ROOT 1
            {words[0]} {words[0]} DET DT det 3
            {words[1]} {words[1]} NOUN NN dobj 1
            . . PUNCT . punct 1
        """)
        assert statements(doc) == [("Growers", verb, " ".join(words))]
    doc = parse("""
        Growers grower NOUN NNS nsubj 1
        resented resent VERB VBD ROOT 1
        being be AUX VBG auxpass 3
        ignored ignore VERB VBN xcomp 1
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Growers", "resented", "being ignored")]


def test_an_object_runs_over_a_second_object_and_a_participle_past_a_time():
    # "The agency offered veterans the new therapy": the addressee parsed as a first object
    doc = parse("""
        The the DET DT det 1
        agency agency NOUN NN nsubj 2
        offered offer VERB VBD ROOT 2
        veterans veteran NOUN NNS dobj 2
        the the DET DT det 6
        new new ADJ JJ amod 6
        therapy therapy NOUN NN dobj 2
        . . PUNCT . punct 2
    """)
    assert statements(doc) == [("The agency", "offered", "veterans the new therapy")]
    # "The campaign released an ad this week featuring the mayor": the participle describes the ad
    doc = parse("""
        The the DET DT det 1
        campaign campaign NOUN NN nsubj 2
        released release VERB VBD ROOT 2
        an an DET DT det 4
        ad ad NOUN NN dobj 2
        this this DET DT det 6
        week week NOUN NN npadvmod 2
        featuring feature VERB VBG advcl 2
        the the DET DT det 9
        mayor mayor NOUN NN dobj 7
        . . PUNCT . punct 2
    """, ents={5: "DATE", 6: "DATE"})
    assert statements(doc) == [("The campaign", "released", "an ad this week featuring the mayor")]


def test_a_passive_naming_cue_states_the_subject_and_what_it_is_called():
    # "The claim was labeled false", no agent: someone unnamed labeled it
    doc = parse("""
        The the DET DT det 1
        claim claim NOUN NN nsubjpass 3
        was be AUX VBD auxpass 3
        labeled label VERB VBN ROOT 3
        false false ADJ JJ oprd 3
        . . PUNCT . punct 3
    """)
    assert fragments(doc) == [(None, "labeled", ("The claim", "false"))]


def test_a_passive_naming_cue_needs_what_it_is_called_and_not_as_well_as():
    # "The mayor was praised as well as the clerk": no naming; "The plan was dismissed": nothing called
    doc = parse("""
        The the DET DT det 1
        mayor mayor NOUN NN nsubjpass 3
        was be AUX VBD auxpass 3
        praised praise VERB VBN ROOT 3
        as as ADV RB advmod 5
        well well ADV RB advmod 6
        as as ADP IN prep 3
        the the DET DT det 8
        clerk clerk NOUN NN pobj 6
        . . PUNCT . punct 3
    """)
    assert fragments(doc) == []
    doc = parse("""
        The the DET DT det 1
        plan plan NOUN NN nsubjpass 3
        was be AUX VBD auxpass 3
        dismissed dismiss VERB VBN ROOT 3
        . . PUNCT . punct 3
    """)
    assert fragments(doc) == []


def test_a_participle_on_what_someone_did_or_on_a_self_naming_noun_is_no_statement():
    # "Two crews posted messages threatening the port": the crews' act, read by the claim rules
    doc = parse("""
        Two two NUM CD nummod 1
        crews crew NOUN NNS nsubj 2
        posted post VERB VBD ROOT 2
        messages message NOUN NNS dobj 2
        threatening threaten VERB VBG acl 3
        the the DET DT det 6
        port port NOUN NN dobj 4
        . . PUNCT . punct 2
    """)
    assert statements(doc) == []
    # "A gang calling itself Grey Owl struck": naming, not saying
    doc = parse("""
        A a DET DT det 1
        gang gang NOUN NN nsubj 6
        calling call VERB VBG acl 1
        itself itself PRON PRP dobj 2
        Grey Grey PROPN NNP compound 5
        Owl Owl PROPN NNP oprd 2
        struck strike VERB VBD ROOT 6
        . . PUNCT . punct 6
    """)
    assert statements(doc) == []


def test_attitudes_are_attributed_too():
    # PolNeAR counts feelings and stances: "Okafor apologized for the delay", "Voss loves the plan"
    doc = parse("""
        Okafor Okafor PROPN NNP nsubj 1
        apologized apologize VERB VBD ROOT 1
        for for ADP IN prep 1
        the the DET DT det 4
        delay delay NOUN NN pobj 2
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Okafor", "apologized for", "the delay")]
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        loves love VERB VBZ ROOT 1
        the the DET DT det 3
        plan plan NOUN NN dobj 1
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Voss", "loves", "the plan")]


def test_a_clause_right_after_the_preposition_is_its_object():
    # "Voss called for the fees to be cut", with the clause hung on "called"
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        called call VERB VBD ROOT 1
        for for ADP IN prep 1
        the the DET DT det 4
        fees fee NOUN NNS nsubjpass 7
        to to PART TO aux 7
        be be AUX VB auxpass 7
        cut cut VERB VBN ccomp 1
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Voss", "called for", "the fees to be cut")]


def test_a_hope_states_what_is_hoped_and_accuses_no_one(nlp):
    # "hoped" (lemmatized "hop" by the small model) still cues; a hope makes no accusation or threat
    doc = nlp.make_doc("Omar Haddad hoped that Ruritania was behind the cyberattack.")
    doc._.article = {"id": "test", "published": "2015-03-04", "title": "Test"}
    for _, component in nlp.pipeline:
        doc = component(doc)
    [statement] = doc._.statements
    assert doc.text[statement.content[0]:statement.content[1]] == "that Ruritania was behind the cyberattack"
    assert [c.type for c in doc._.claims if c.statement == 0] == ["states"]


def test_a_cue_in_an_infinitive_after_an_adjective_has_the_adjectives_subject():
    # "The agency was slow to embrace the plan"
    doc = parse("""
        The the DET DT det 1
        agency agency NOUN NN nsubj 2
        was be AUX VBD ROOT 2
        slow slow ADJ JJ acomp 2
        to to PART TO aux 5
        embrace embrace VERB VB xcomp 3
        the the DET DT det 7
        plan plan NOUN NN dobj 5
        . . PUNCT . punct 2
    """)
    assert statements(doc) == [("The agency", "embrace", "the plan")]


def test_a_gerund_object_parsed_as_an_infinitive_complement_is_the_object():
    # "Okafor admitted using the loophole"
    doc = parse("""
        Okafor Okafor PROPN NNP nsubj 1
        admitted admit VERB VBD ROOT 1
        using use VERB VBG xcomp 1
        the the DET DT det 4
        loophole loophole NOUN NN dobj 2
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Okafor", "admitted", "using the loophole")]
