"""Where a content starts and ends: asides, connectives, contrasting clauses, text around quotes.

Hand-set parses on ``spacy.blank("en")`` (see test_attribution_rules.py); the sentences are made up.
"""

from __future__ import annotations

from test_attribution_rules import found_by, parse, statements

from claimgraph.extract.attribution.noun_frames import noun_cues, noun_topics
from claimgraph.extract.attribution.quote_marks import _tidy_around_quotes, find_quote_spans
from claimgraph.extract.attribution.syntax import trimmed_range


def content_of(doc, cue: str) -> str:
    return next(content for _, found_cue, content in statements(doc) if found_cue.split()[0] == cue)


def test_a_which_clause_goes_on_with_a_reported_clause_but_describes_a_reported_thing():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        said say VERB VBD ROOT 1
        the the DET DT det 3
        toll toll NOUN NN nsubj 4
        was be AUX VBD ccomp 1
        too too ADV RB advmod 6
        high high ADJ JJ acomp 4
        , , PUNCT , punct 4
        which which PRON WDT nsubj 9
        hurts hurt VERB VBZ relcl 4
        commuters commuter NOUN NNS dobj 9
        . . PUNCT . punct 1
    """)
    assert content_of(doc, "said") == "the toll was too high, which hurts commuters"
    # "Voss vowed to scrap the toll, which funds the bridge": the toll is described for the reader
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        vowed vow VERB VBD ROOT 1
        to to PART TO aux 3
        scrap scrap VERB VB xcomp 1
        the the DET DT det 5
        toll toll NOUN NN dobj 3
        , , PUNCT , punct 5
        which which PRON WDT nsubj 8
        funds fund VERB VBZ relcl 5
        the the DET DT det 10
        bridge bridge NOUN NN dobj 8
        . . PUNCT . punct 1
    """)
    assert content_of(doc, "vowed") == "to scrap the toll"


def test_a_participle_goes_on_with_a_reported_clause_unless_it_reports_on_its_own():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        said say VERB VBD ROOT 1
        the the DET DT det 3
        bridge bridge NOUN NN nsubj 5
        would would AUX MD aux 5
        close close VERB VB ccomp 1
        , , PUNCT , punct 5
        leaving leave VERB VBG advcl 5
        no no DET DT det 9
        way way NOUN NN dobj 7
        across across ADV RB advmod 9
        . . PUNCT . punct 1
    """)
    assert content_of(doc, "said") == "the bridge would close, leaving no way across"
    # "Voss said the toll would rise, which the mayor denied": the denial is the mayor's statement
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        said say VERB VBD ROOT 1
        the the DET DT det 3
        toll toll NOUN NN nsubj 5
        would would AUX MD aux 5
        rise rise VERB VB ccomp 1
        , , PUNCT , punct 5
        which which PRON WDT dobj 10
        the the DET DT det 9
        mayor mayor NOUN NN nsubj 10
        denied deny VERB VBD relcl 5
        . . PUNCT . punct 1
    """)
    assert content_of(doc, "said") == "the toll would rise"


def test_an_apposition_that_names_stays_and_one_that_describes_goes():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        praised praise VERB VBD ROOT 1
        the the DET DT det 3
        mayor mayor NOUN NN dobj 1
        , , PUNCT , punct 3
        Ann Ann PROPN NNP compound 6
        Lee Lee PROPN NNP appos 3
        . . PUNCT . punct 1
    """)
    assert content_of(doc, "praised") == "the mayor, Ann Lee"
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        praised praise VERB VBD ROOT 1
        Ann Ann PROPN NNP compound 3
        Lee Lee PROPN NNP dobj 1
        , , PUNCT , punct 3
        a a DET DT det 7
        former former ADJ JJ amod 7
        governor governor NOUN NN appos 3
        . . PUNCT . punct 1
    """)
    assert content_of(doc, "praised") == "Ann Lee"


def test_an_aside_after_a_dash_closing_the_content_is_the_writers():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        said say VERB VBD ROOT 1
        the the DET DT det 3
        bridge bridge NOUN NN nsubj 5
        would would AUX MD aux 5
        open open VERB VB ccomp 1
        in in ADP IN prep 5
        May May PROPN NNP pobj 6
        -- -- PUNCT : punct 7
        a a DET DT det 10
        date date NOUN NN appos 7
        few few ADJ JJ nsubj 12
        believe believe VERB VBP relcl 10
        . . PUNCT . punct 1
    """)
    assert content_of(doc, "said") == "the bridge would open in May"


def test_an_aside_after_a_dash_closing_an_object_is_the_writers_wherever_the_parser_hung_it():
    # "Voss likened the toll to theft - a charge that stung .": the parser hangs the charge inside the comparison
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        likened liken VERB VBD ROOT 1
        the the DET DT det 3
        toll toll NOUN NN dobj 1
        to to ADP IN prep 1
        theft theft NOUN NN pobj 4
        - - PUNCT : punct 5
        a a DET DT det 8
        charge charge NOUN NN conj 5
        that that PRON WDT nsubj 10
        stung sting VERB VBD relcl 8
        . . PUNCT . punct 1
    """)
    assert content_of(doc, "likened") == "the toll to theft"
    # a pair of dashes sets off an aside inside the object: it stays
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        denounced denounce VERB VBD ROOT 1
        the the DET DT det 3
        plan plan NOUN NN dobj 1
        -- -- PUNCT : punct 3
        a a DET DT det 7
        costly costly ADJ JJ amod 7
        one one NOUN NN appos 3
        -- -- PUNCT : punct 3
        as as ADP IN prep 1
        theft theft NOUN NN pobj 9
        . . PUNCT . punct 1
    """)
    assert content_of(doc, "denounced") == "the plan -- a costly one -- as theft"


def test_a_lead_in_before_a_colon_is_not_what_the_speaker_after_it_said():
    doc = parse("""
        We we PRON PRP nsubj 1
        were be AUX VBD ccomp 7
        here here ADV RB advmod 1
        before before ADV RB advmod 1
        : : PUNCT : punct 7
        Voss Voss PROPN NNP compound 6
        Lee Lee PROPN NNP nsubj 7
        warned warn VERB VBD ROOT 7
        . . PUNCT . punct 7
    """)
    assert [cue for _, cue, _ in statements(doc)] == []
    # a complement between the colon and the cue: all of it is said
    doc = parse("""
        The the DET DT det 1
        toll toll NOUN NN nsubj 2
        is be AUX VBZ ccomp 9
        high high ADJ JJ acomp 2
        : : PUNCT : punct 9
        cut cut VERB VB ccomp 9
        it it PRON PRP dobj 5
        , , PUNCT , punct 9
        Voss Voss PROPN NNP nsubj 9
        said say VERB VBD ROOT 9
        . . PUNCT . punct 9
    """)
    assert content_of(doc, "said") == "The toll is high : cut it"


def test_a_clause_with_its_own_subject_after_but_is_not_part_of_what_was_said():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        said say VERB VBD ROOT 1
        the the DET DT det 3
        bridge bridge NOUN NN nsubj 4
        was be AUX VBD ccomp 1
        safe safe ADJ JJ acomp 4
        , , PUNCT , punct 1
        but but CCONJ CC cc 1
        the the DET DT det 9
        railing railing NOUN NN nsubj 10
        was be AUX VBD conj 1
        loose loose ADJ JJ acomp 10
        . . PUNCT . punct 1
    """)
    assert content_of(doc, "said") == "the bridge was safe"
    # without a subject of its own the second verb goes on with what was said
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        said say VERB VBD ROOT 1
        it it PRON PRP nsubj 4
        would would AUX MD aux 4
        cost cost VERB VB ccomp 1
        more more ADJ JJR dobj 4
        , , PUNCT , punct 1
        but but CCONJ CC cc 1
        would would AUX MD aux 9
        save save VERB VB conj 1
        money money NOUN NN dobj 9
        . . PUNCT . punct 1
    """)
    assert content_of(doc, "said") == "it would cost more, but would save money"


def test_a_connective_or_dateline_opening_a_content_and_a_conjunction_or_bracket_left_at_its_end_are_dropped():
    clause = """
        the the DET DT det 1
        bridge bridge NOUN NN nsubj 2
        was be AUX VBD ROOT 2
        safe safe ADJ JJ acomp 2
    """
    rows = [line for line in clause.strip().splitlines()]

    def shifted(prefix: list[str], suffix: list[str] = ()) -> str:
        """``prefix`` rows (heads already absolute), then the clause moved after them, then ``suffix``."""
        moved = []
        for line in rows:
            *fields, head = line.split()
            moved.append(" ".join([*fields, str(int(head) + len(prefix))]))
        return "\n".join([*prefix, *moved, *suffix])

    however = parse(shifted(["However however ADV RB advmod 4", ", , PUNCT , punct 4"]))
    in_addition = parse(shifted(["In in ADP IN prep 5", "addition addition NOUN NN pobj 0", ", , PUNCT , punct 5"]))
    dateline = parse(shifted(["LINDEN LINDEN PROPN NNP npadvmod 4", "-- -- PUNCT : punct 4"]))
    trailing_and = parse(shifted([], [", , PUNCT , punct 2", "and and CCONJ CC cc 2"]))
    bracket = parse(shifted([], ["( ( PUNCT -LRB- punct 2", "mostly mostly ADV RB advmod 2"]))
    for doc in (however, in_addition, dateline, trailing_and, bracket):
        start, end = trimmed_range(doc[:])
        assert doc.text[start:end] == "the bridge was safe", doc.text
    # a quotation keeps its words
    quoted = parse('" " PUNCT `` punct 3\nStill still ADV RB advmod 3\n, , PUNCT , punct 3\nit it PRON PRP nsubj 3\nholds hold VERB VBZ ROOT 3')
    start, end = trimmed_range(quoted[:])
    assert quoted.text[start:end] == quoted.text


def test_a_clause_after_a_quotation_is_the_writers_only_when_the_content_is_all_quotation():
    def tidy(text: str, content: str) -> str:
        start = text.index(content)
        start, end = _tidy_around_quotes(text, start, start + len(content), find_quote_spans(text))
        return text[start:end]

    mixed = 'Voss said he was "against the tolls" because they cost too much.'
    assert tidy(mixed, 'he was "against the tolls" because they cost too much') == \
        'he was "against the tolls" because they cost too much'
    pure = '"The tolls are fine," when asked about them, Voss said.'
    assert tidy(pure, '"The tolls are fine," when asked about them') == '"The tolls are fine,"'
    occasion = 'Voss called the tolls "a scandal" during a stop in Linden.'
    assert tidy(occasion, 'the tolls "a scandal" during a stop in Linden') == 'the tolls "a scandal"'


# ------------------------------------------------------------------------------------ noun cues


def noun_statements(doc) -> list[tuple[str | None, str, str]]:
    """(speaker, cue, content) of the noun rules' statements."""
    return found_by(lambda d: noun_cues(d) + noun_topics(d), doc)


def test_according_to_a_source_the_parser_ran_on_into_the_clause_ends_at_its_comma():
    # "According to the mayor, the toll plan reeks of panic" with "reeks" taken for a noun
    doc = parse("""
        According accord VERB VBG ROOT 0
        to to ADP IN prep 0
        the the DET DT det 3
        mayor mayor NOUN NN pobj 1
        , , PUNCT , punct 3
        the the DET DT det 8
        toll toll NOUN NN compound 7
        plan plan NOUN NN compound 8
        reeks reek NOUN NNS appos 3
        of of ADP IN prep 8
        panic panic NOUN NN pobj 9
        . . PUNCT . punct 0
    """)
    assert statements(doc) == [("the mayor", "According to", "the toll plan reeks of panic")]


def test_according_to_a_source_tagged_as_a_verb():
    # "The toll was a mistake, according to poll workers" with "poll" as a verb
    doc = parse("""
        The the DET DT det 1
        toll toll NOUN NN nsubj 2
        was be AUX VBD ROOT 2
        a a DET DT det 4
        mistake mistake NOUN NN attr 2
        , , PUNCT , punct 2
        according accord VERB VBG prep 2
        to to ADP IN prep 6
        poll poll VERB VB pcomp 7
        workers worker NOUN NNS dobj 8
        . . PUNCT . punct 2
    """)
    assert statements(doc) == [("poll workers", "according to", "The toll was a mistake")]


def test_a_message_with_a_that_clause_is_its_senders():
    doc = parse("""
        The the DET DT det 1
        vote vote NOUN NN nsubj 2
        sends send VERB VBZ ROOT 2
        a a DET DT det 4
        message message NOUN NN dobj 2
        that that SCONJ IN mark 8
        the the DET DT det 7
        town town NOUN NN nsubj 8
        is be AUX VBZ acl 4
        tired tired ADJ JJ acomp 8
        . . PUNCT . punct 2
    """)
    assert noun_statements(doc) == [("The vote", "message", "that the town is tired")]


def test_an_of_phrase_naming_someone_after_the_says_whose_view_it_is_not_its_topic():
    rows = """
        Voters voter NOUN NNS nsubj 1
        shared share VERB VBD ROOT 1
        {det}
        view view NOUN NN dobj 1
        of of ADP IN prep 3
        Senator Senator PROPN NNP compound 6
        Ruiz Ruiz PROPN NNP pobj 4
        . . PUNCT . punct 1
    """
    whose = parse(rows.format(det="the the DET DT det 3"), ents={6: "PERSON"})
    assert noun_statements(whose) == []
    about = parse(rows.format(det="his his PRON PRP$ poss 3"), ents={6: "PERSON"})
    assert noun_statements(about) == [("his", "view of", "Senator Ruiz")]


# --------------------------------------------------------------------------------- split quotes


def test_a_quote_resuming_after_a_long_attribution_sentence_joins_the_first(nlp):
    text = ("“The toll is a fair price for a safe bridge,” said Ann Lee, who chaired the county board from 2001 to 2004, "
            "during the flood years, and has backed the plan since then. “We should vote on it by Friday.”"
            "\n\n“Then we went home,” Bo Diaz said.")
    doc = nlp(text)
    [statement] = [s for s in doc._.statements if "fair price" in s.content_text(doc)]
    assert [text[a:b] for a, b in statement.fragments] == [
        "“The toll is a fair price for a safe bridge,”", "“We should vote on it by Friday.”"]
    # a quote in the next paragraph is not joined
    assert any("went home" in s.content_text(doc) and s.speaker.text == "Bo Diaz" for s in doc._.statements)


# ------------------------------------------------------------------------- coordinated clauses


def test_a_coordinated_cue_verb_under_a_modal_or_after_that_goes_on_with_what_was_said():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        said say VERB VBD ROOT 1
        it it PRON PRP nsubj 4
        would would AUX MD aux 4
        cut cut VERB VB ccomp 1
        revenue revenue NOUN NN dobj 4
        , , PUNCT , punct 1
        but but CCONJ CC cc 1
        would would AUX MD aux 9
        add add VERB VB conj 1
        money money NOUN NN dobj 9
        later later ADV RB advmod 9
        . . PUNCT . punct 1
    """)
    assert content_of(doc, "said") == "it would cut revenue, but would add money later"
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        agreed agree VERB VBD ROOT 1
        that that SCONJ IN mark 6
        the the DET DT det 4
        toll toll NOUN NN nsubj 6
        would would AUX MD aux 6
        rise rise VERB VB ccomp 1
        but but CCONJ CC cc 6
        that that SCONJ IN mark 10
        it it PRON PRP nsubj 10
        adds add VERB VBZ conj 6
        jobs job NOUN NNS dobj 10
        . . PUNCT . punct 1
    """)
    assert content_of(doc, "agreed") == "that the toll would rise but that it adds jobs"


def test_a_second_infinitive_hung_on_the_cue_joins_the_first():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        agreed agree VERB VBD ROOT 1
        to to PART TO aux 3
        share share VERB VB xcomp 1
        the the DET DT det 5
        bridge bridge NOUN NN dobj 3
        and and CCONJ CC cc 1
        split split VERB VB conj 1
        the the DET DT det 9
        tolls toll NOUN NNS dobj 7
        . . PUNCT . punct 1
    """)
    assert content_of(doc, "agreed") == "to share the bridge and split the tolls"
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        wants want VERB VBZ ROOT 1
        to to PART TO aux 3
        widen widen VERB VB xcomp 1
        the the DET DT det 5
        road road NOUN NN dobj 3
        , , PUNCT , punct 1
        add add VERB VB conj 1
        a a DET DT det 9
        lane lane NOUN NN dobj 7
        and and CCONJ CC cc 7
        build build VERB VB conj 7
        a a DET DT det 13
        bridge bridge NOUN NN dobj 11
        . . PUNCT . punct 1
    """)
    assert content_of(doc, "wants") == "to widen the road, add a lane and build a bridge"
