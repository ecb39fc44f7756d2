"""Speakers settled after all statements are found (:func:`settle_speakers`): the source phrase a
reader marks, and the speakers the parse missed.

The rule tests build ``spacy.blank("en")`` Docs with hand-set parses and entities, so a model
upgrade does not reshuffle them; the texts are fictional.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from claimgraph.extract.attribution.speakers import settle_speakers, source_phrase
from claimgraph.extract.attribution.transcripts import labelled_turn
from claimgraph.extract.extensions import Statement, register_extensions

BLANK = spacy.blank("en")
NO_SPACE_BEFORE = {",", ".", ":", ")", "-", "”"}
NO_SPACE_AFTER = {"(", "-", "“"}


def parse(rows: str, ents: dict[tuple[int, int], str] | None = None) -> Doc:
    """A doc from one line per token: ``word lemma POS TAG dep head-index``."""
    table = [line.split() for line in rows.strip().splitlines()]
    words = [r[0] for r in table]
    spaces = [i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE and words[i] not in NO_SPACE_AFTER
              for i in range(len(words))]
    doc = Doc(BLANK.vocab, words=words, spaces=spaces, lemmas=[r[1] for r in table], pos=[r[2] for r in table],
              tags=[r[3] for r in table], deps=[r[4] for r in table], heads=[int(r[5]) for r in table])
    doc.ents = [Span(doc, start, end, label=label) for (start, end), label in (ents or {}).items()]
    return doc


def statement(doc: Doc, speaker: tuple[int, int] | None, cue: tuple[int, int], content: tuple[int, int]) -> Statement:
    """A statement over token ranges, as the frame rules leave it before speakers are settled."""
    said = doc[content[0]:content[1]]
    return Statement(
        speaker=None if speaker is None else doc[speaker[0]:speaker[1]], speaker_actor=None, cue=doc[cue[0]:cue[1]],
        content=(said.start_char, said.end_char), kind="indirect", sentence=(0, len(doc.text)), method="clause",
    )


def settled(statements: list[Statement]) -> list[str | None]:
    register_extensions()
    settle_speakers(statements[0].cue.doc, statements)
    return [None if s.speaker is None else s.speaker.text for s in statements]


# ---------------------------------------------------------------------- the source phrase


def test_a_dateline_goes_and_a_bracket_the_parse_cut_at_its_hyphen_is_closed():
    doc = parse("""
        LONDON London PROPN NNP nsubj 10
        -- -- PUNCT : punct 0
        Sen. Sen. PROPN NNP compound 4
        Ada Ada PROPN NNP compound 4
        Bell Bell PROPN NNP appos 0
        ( ( PUNCT -LRB- punct 4
        D D PROPN NNP appos 4
        - - PUNCT HYPH punct 6
        Ore. Ore. PROPN NNP appos 6
        ) ) PUNCT -RRB- punct 4
        said say VERB VBD ROOT 10
        the the DET DT det 12
        port port NOUN NN nsubj 14
        would would AUX MD aux 14
        reopen reopen VERB VB ccomp 10
        . . PUNCT . punct 10
    """, ents={(0, 1): "GPE", (3, 5): "PERSON"})
    assert doc.text == "LONDON -- Sen. Ada Bell (D-Ore.) said the port would reopen."
    found = statement(doc, speaker=(0, 7), cue=(10, 11), content=(11, 15))  # the parse stopped at "(D"
    assert source_phrase(doc, found, [found]).text == "Sen. Ada Bell (D-Ore.)"


def test_the_phrase_runs_neither_into_what_is_said_nor_over_its_cue():
    # "To see the port, Mayor Ann Cole said, one must walk." with the infinitive in the subject
    doc = parse("""
        To to PART TO aux 1
        see see VERB VB advcl 12
        the the DET DT det 3
        port port NOUN NN dobj 1
        , , PUNCT , punct 3
        Mayor Mayor PROPN NNP compound 7
        Ann Ann PROPN NNP compound 7
        Cole Cole PROPN NNP nsubj 8
        said say VERB VBD parataxis 12
        , , PUNCT , punct 8
        one one PRON PRP nsubj 12
        must must AUX MD aux 12
        walk walk VERB VB ROOT 12
        . . PUNCT . punct 12
    """, ents={(6, 8): "PERSON"})
    found = statement(doc, speaker=(2, 8), cue=(8, 9), content=(0, 14))
    first, second = doc[0:4], doc[10:14]
    found.fragments = ((first.start_char, first.end_char), (second.start_char, second.end_char))
    assert source_phrase(doc, found, [found]).text == "Mayor Ann Cole"
    # a subject the parse ran over its own cue ends before it
    found = statement(doc, speaker=(5, 10), cue=(8, 9), content=(10, 14))
    assert source_phrase(doc, found, [found]).text == "Mayor Ann Cole"


ANN_COLE_CALLED_FOR_CALM = """
    Ann Ann PROPN NNP compound 1
    Cole Cole PROPN NNP nsubj 12
    , , PUNCT , punct 1
    the the DET DT det 4
    mayor mayor NOUN NN appos 1
    , , PUNCT , punct 4
    called call VERB VBN acl 4
    for for ADP IN prep 6
    calm calm NOUN NN pobj 7
    , , PUNCT , punct 12
    and and CCONJ CC cc 12
    by by ADP IN prep 12
    saying say VERB VBG ROOT 12
    the the DET DT det 14
    port port NOUN NN nsubj 16
    would would AUX MD aux 16
    reopen reopen VERB VB ccomp 12
    . . PUNCT . punct 12
"""


def test_another_statements_cue_ends_the_phrase_and_shares_its_speaker():
    # The parse hangs "called for calm" on "the mayor", so the subject of "saying" runs over it
    # and "called for" has no subject of its own: both statements are Ann Cole's.
    doc = parse(ANN_COLE_CALLED_FOR_CALM, ents={(0, 2): "PERSON"})
    saying = statement(doc, speaker=(0, 9), cue=(12, 13), content=(13, 17))
    calling = statement(doc, speaker=None, cue=(6, 8), content=(8, 9))
    assert settled([calling, saying]) == ["Ann Cole, the mayor", "Ann Cole, the mayor"]


def test_a_cue_in_a_relative_clause_of_the_speaker_does_not_end_it():
    # "Ann Cole, who has urged calm, said ...": the clause describes her
    doc = parse("""
        Ann Ann PROPN NNP compound 1
        Cole Cole PROPN NNP nsubj 8
        , , PUNCT , punct 1
        who who PRON WP nsubj 5
        has have AUX VBZ aux 5
        urged urge VERB VBN relcl 1
        calm calm NOUN NN dobj 5
        , , PUNCT , punct 1
        said say VERB VBD ROOT 8
        the the DET DT det 10
        port port NOUN NN nsubj 11
        reopens reopen VERB VBZ ccomp 8
        . . PUNCT . punct 8
    """, ents={(0, 2): "PERSON"})
    saying = statement(doc, speaker=(0, 7), cue=(8, 9), content=(9, 12))
    urging = statement(doc, speaker=(3, 4), cue=(5, 6), content=(6, 7))
    assert settled([urging, saying])[1] == "Ann Cole, who has urged calm"


def test_a_preposition_object_the_parse_made_the_subject_gives_way_to_the_person():
    # "With ten days until the vote, Ann Cole, the mayor, called ...": "the vote" heads the subject
    rows = """
        With with ADP IN prep 12
        ten ten NUM CD nummod 2
        days day NOUN NNS pobj 0
        until until ADP IN prep 2
        the the DET DT det 5
        vote vote NOUN NN nsubj 12
        , , PUNCT , punct 5
        Ann Ann PROPN NNP compound 8
        Cole Cole PROPN NNP appos 5
        , , PUNCT , punct 8
        the the DET DT det 11
        mayor mayor NOUN NN appos 8
        called call VERB VBD ROOT 12
        . . PUNCT . punct 12
    """
    doc = parse(rows, ents={(7, 9): "PERSON"})
    found = statement(doc, speaker=(4, 9), cue=(12, 13), content=(12, 13))
    assert source_phrase(doc, found, [found]).text == "Ann Cole, the mayor"
    # "On Monday, the running mate, Ann Cole, called": not after a preposition, so a role; it stays
    doc = parse("""
        On on ADP IN prep 10
        Monday Monday PROPN NNP pobj 0
        , , PUNCT , punct 10
        the the DET DT det 5
        running run VERB VBG amod 5
        mate mate NOUN NN nsubj 10
        , , PUNCT , punct 5
        Ann Ann PROPN NNP compound 8
        Cole Cole PROPN NNP appos 5
        , , PUNCT , punct 5
        called call VERB VBD ROOT 10
    """, ents={(7, 9): "PERSON"})
    found = statement(doc, speaker=(3, 9), cue=(10, 11), content=(10, 11))
    assert source_phrase(doc, found, [found]).text == "the running mate, Ann Cole"


def test_a_possessive_before_a_noun_cue_gives_way_to_the_named_subject():
    rows = """
        {subject}
        laid lay VERB VBD ROOT {verb}
        out out ADP RP prt {verb}
        her her PRON PRP$ poss {noun}
        plans plan NOUN NNS dobj {verb}
        to to PART TO aux {widen}
        widen widen VERB VB acl {noun}
        the the DET DT det {port}
        port port NOUN NN dobj {widen}
    """
    named = "Ann Ann PROPN NNP compound 1\n        Cole Cole PROPN NNP nsubj 2"
    doc = parse(rows.format(subject=named, verb=2, noun=5, widen=7, port=9), ents={(0, 2): "PERSON"})
    found = statement(doc, speaker=(4, 5), cue=(5, 6), content=(6, 10))
    assert source_phrase(doc, found, [found]).text == "Ann Cole"
    # "She laid out her plans": a pronoun subject may be someone else; the possessive stays
    doc = parse(rows.format(subject="She she PRON PRP nsubj 1", verb=1, noun=4, widen=6, port=8))
    found = statement(doc, speaker=(3, 4), cue=(4, 5), content=(5, 9))
    assert source_phrase(doc, found, [found]).text == "her"


# ---------------------------------------------------------------------- who speaks when the parse says nobody


QUOTE_THEN_NAME = """
    “ “ PUNCT `` punct 2
    We we PRON PRP nsubj 2
    win win VERB VBP ROOT 2
    , , PUNCT , punct 2
    ” ” PUNCT '' punct 2
    Harbour harbour VERB VB dep 2
    police police NOUN NN compound 7
    Chief chief PROPN NNP dobj 5
    Ann Ann PROPN NNP compound 9
    Cole Cole PROPN NNP appos 7
    said say VERB VBD conj 2
    . . PUNCT . punct 2
"""


def test_a_cue_without_a_subject_takes_the_name_phrase_next_to_it():
    # '“We win,” Harbour police Chief Ann Cole said.' with "Harbour" parsed as a verb
    doc = parse(QUOTE_THEN_NAME, ents={(8, 10): "PERSON"})
    assert doc.text == "“We win,” Harbour police Chief Ann Cole said."
    assert settled([statement(doc, speaker=None, cue=(10, 11), content=(0, 5))]) == ["Harbour police Chief Ann Cole"]
    # 'Said Ellis: "We win."'
    doc = parse("""
        Said say VERB VBD compound 1
        Ellis Ellis PROPN NNP ROOT 1
        : : PUNCT : punct 1
        We we PRON PRP nsubj 4
        win win VERB VBP acl 1
        . . PUNCT . punct 1
    """, ents={(1, 2): "PERSON"})
    assert settled([statement(doc, speaker=None, cue=(0, 1), content=(3, 6))]) == ["Ellis"]


def test_a_name_inside_a_longer_phrase_is_not_taken_for_the_speaker():
    # "with the board of the Post Cole said ...": "Cole" does not stand alone before "said"
    doc = parse("""
        With with ADP IN prep 7
        the the DET DT det 2
        board board NOUN NN pobj 0
        of of ADP IN prep 2
        the the DET DT det 5
        Post Post PROPN NNP compound 6
        Cole Cole PROPN NNP pobj 3
        said say VERB VBD ROOT 7
        rates rate NOUN NNS nsubj 9
        rise rise VERB VBP ccomp 7
    """, ents={(6, 7): "PERSON"})
    assert settled([statement(doc, speaker=None, cue=(7, 8), content=(8, 10))]) == [None]


def test_a_participle_cue_after_a_comma_is_the_previous_statements_speaker():
    # "Cole said the port would reopen, citing new funds." with "the port" as the parse's subject of "citing"
    doc = parse("""
        Cole Cole PROPN NNP nsubj 1
        said say VERB VBD ROOT 1
        the the DET DT det 3
        port port NOUN NN nsubj 5
        would would AUX MD aux 5
        reopen reopen VERB VB ccomp 1
        , , PUNCT , punct 5
        citing cite VERB VBG advcl 5
        new new ADJ JJ amod 9
        funds fund NOUN NNS dobj 7
        . . PUNCT . punct 1
    """, ents={(0, 1): "PERSON"})
    said = statement(doc, speaker=(0, 1), cue=(1, 2), content=(2, 6))
    citing = statement(doc, speaker=(2, 4), cue=(7, 8), content=(8, 10))
    assert settled([said, citing]) == ["Cole", "Cole"]


PRONOUN_FROM_THE_CLAUSE = """
    Cole Cole PROPN NNP nsubj 1
    said say VERB VBD ROOT 1
    she she PRON PRP nsubj 4
    had have AUX VBD aux 4
    {verb} {lemma} VERB VBN ccomp 1
    three three NUM CD nummod 6
    campaigns campaign NOUN NNS dobj 4
    and and CCONJ CC cc 4
    called call VERB VBD conj 4
    it it PRON PRP nsubj 10
    routine routine ADJ JJ oprd 8
"""


def test_a_pronoun_inside_another_statement_gives_way_to_its_speaker():
    # "Cole said she had fought three campaigns and called it routine": "called" is Cole's
    doc = parse(PRONOUN_FROM_THE_CLAUSE.format(verb="fought", lemma="fight"), ents={(0, 1): "PERSON"})
    said = statement(doc, speaker=(0, 1), cue=(1, 2), content=(2, 7))
    called = statement(doc, speaker=(2, 3), cue=(8, 9), content=(9, 11))
    assert settled([said, called]) == ["Cole", "Cole"]
    # "... she had claimed three campaigns ...": a pronoun that reports on its own keeps its verb
    doc = parse(PRONOUN_FROM_THE_CLAUSE.format(verb="claimed", lemma="claim"), ents={(0, 1): "PERSON"})
    said = statement(doc, speaker=(0, 1), cue=(1, 2), content=(2, 7))
    called = statement(doc, speaker=(2, 3), cue=(8, 9), content=(9, 11))
    assert settled([said, called]) == ["Cole", "she"]


def test_a_cue_completing_a_copula_takes_its_subject():
    # "Cole is determined to warn voters about the tolls."
    doc = parse("""
        Cole Cole PROPN NNP nsubj 1
        is be AUX VBZ ROOT 1
        determined determined ADJ JJ acomp 1
        to to PART TO aux 4
        warn warn VERB VB xcomp 2
        voters voter NOUN NNS dobj 4
        about about ADP IN prep 4
        the the DET DT det 8
        tolls toll NOUN NNS pobj 6
    """, ents={(0, 1): "PERSON"})
    assert settled([statement(doc, speaker=None, cue=(4, 7), content=(7, 9))]) == ["Cole"]
    # "we are convinced this is the place"
    doc = parse("""
        we we PRON PRP nsubj 1
        are be AUX VBP ROOT 1
        convinced convince VERB VBN acomp 1
        this this PRON DT nsubj 4
        is be AUX VBZ ccomp 2
        the the DET DT det 6
        place place NOUN NN attr 4
    """)
    assert settled([statement(doc, speaker=None, cue=(2, 3), content=(3, 7))]) == ["we"]


def test_a_cue_in_an_opening_phrase_takes_the_main_clauses_subject():
    # "After saying her foot was swollen, she was taken to hospital."
    doc = parse("""
        After after ADP IN prep 10
        saying say VERB VBG pcomp 0
        her her PRON PRP$ poss 3
        foot foot NOUN NN nsubj 4
        was be AUX VBD ccomp 1
        swollen swollen ADJ JJ acomp 4
        , , PUNCT , punct 10
        she she PRON PRP nsubjpass 10
        was be AUX VBD auxpass 10
        then then ADV RB advmod 10
        taken take VERB VBN ROOT 10
        to to ADP IN prep 10
        hospital hospital NOUN NN pobj 11
    """)
    assert settled([statement(doc, speaker=None, cue=(1, 2), content=(2, 6))]) == ["she"]


# ---------------------------------------------------------------------- transcripts


def test_a_quotation_that_opens_with_a_transcript_label_is_the_labels_turn():
    text = 'Part of the interview:\n\n"HOST: Will the port reopen?\n\n"COLE: It will, in May.'
    doc = BLANK(text)
    start = text.index('"COLE')
    turn = labelled_turn(doc, start, len(text))
    assert (turn.speaker.text, turn.cue.text, text[turn.content[0]:turn.content[1]]) == ("COLE", ":", "It will, in May.")
    assert labelled_turn(doc, 0, len(text)) is None  # no quotation mark before a label


# ---------------------------------------------------------------------- end to end, through the model


def test_the_extract_pipeline_settles_the_speakers(nlp):
    texts = {
        "Sen. Ada Bell (D-Ore.) is backing the harbour plan, the latest turn in a long fight.": "Sen. Ada Bell (D-Ore.)",
        "At a rally in Salem on Friday, Ann Cole laid out her plans to widen the harbour.": "Ann Cole",
        "Ruiz said the harbour would reopen in May, citing new funds from the state.": "Ruiz",
        "Mr. Ruiz is determined to warn voters about the dangers of the new tolls.": "Mr. Ruiz",
    }
    for text, speaker in texts.items():
        found = nlp(text)._.statements
        assert found and all(s.speaker is not None and s.speaker.text == speaker for s in found), text
