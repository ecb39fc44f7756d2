"""Attribution rules on hand-set parses: frames, content boundaries, speaker phrases, joined quotes.

Each Doc is built on ``spacy.blank("en")`` from one line per token (``word lemma POS TAG dep
head``), so a model upgrade does not reshuffle the tests. The sentences are made up.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from claimgraph.extract.actor_index import ActorIndex
from claimgraph.extract.attribution.component import _one_per_content
from claimgraph.extract.attribution.lexicon import AttributionSettings
from claimgraph.extract.attribution.quote_marks import (
    find_quote_spans, join_continued_quotes, join_quote_before, join_split_quotes,
)
from claimgraph.extract.attribution.syntax import noun_phrase, subject_of
from claimgraph.extract.attribution.verb_frames import reported_speech
from claimgraph.extract.doc_views import cached_views, doc_text, nouns_of
from claimgraph.extract.extensions import Statement, register_extensions
from claimgraph.extract.gazetteer import Actor
from claimgraph.extract.resolver import actor_spans

BLANK = spacy.blank("en")
VOCAB = BLANK.vocab


def parse(rows: str, ents: dict[int, str] | None = None) -> Doc:
    """A doc from one line per token: ``word lemma POS TAG dep head-index``."""
    table = [line.split() for line in rows.strip().splitlines()]
    iob = ["O"] * len(table)
    for index, label in (ents or {}).items():
        iob[index] = f"B-{label}"
    words = [r[0] for r in table]
    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ".") for i in range(len(words))]
    return Doc(VOCAB, words=words, spaces=spaces, lemmas=[r[1] for r in table], pos=[r[2] for r in table],
               tags=[r[3] for r in table], deps=[r[4] for r in table], heads=[int(r[5]) for r in table], ents=iob)


def found_by(rule, doc: Doc) -> list[tuple[str | None, str, str]]:
    """(speaker, cue, content) of the statements ``rule(doc)`` finds, run as the component runs it."""
    register_extensions()
    with cached_views(doc):
        found = rule(doc)
    text = doc_text(doc)
    return [(s.speaker.text if s.speaker is not None else None, s.cue.text, text[s.content[0]:s.content[1]])
            for s in found]


def statements(doc: Doc) -> list[tuple[str | None, str, str]]:
    """(speaker, cue, content) of the verb and noun rules' statements."""
    return found_by(lambda d: reported_speech(d, AttributionSettings()), doc)


# ------------------------------------------------------------------------ frames and contents


def test_a_reporting_verb_from_the_lexicon_takes_its_object_and_what_it_is_called():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        derided deride VERB VBD ROOT 1
        the the DET DT det 3
        plan plan NOUN NN dobj 1
        as as ADP IN prep 1
        toothless toothless ADJ JJ pobj 4
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Voss", "derided", "the plan as toothless")]


def test_a_passive_judgement_is_a_statement_unless_the_sentence_denies_it_was_made():
    doc = parse("""
        Voss Voss PROPN NNP nsubjpass 2
        was be AUX VBD auxpass 2
        accused accuse VERB VBN ROOT 2
        of of ADP IN prep 2
        fraud fraud NOUN NN pobj 3
        . . PUNCT . punct 2
    """)
    assert statements(doc) == [(None, "accused of", "Voss was accused of fraud")]
    # "Voss has never been accused of fraud", "Neither Voss nor Lee was accused of fraud": no one accused them
    doc = parse("""
        Voss Voss PROPN NNP nsubjpass 4
        has have AUX VBZ aux 4
        never never ADV RB neg 4
        been be AUX VBN auxpass 4
        accused accuse VERB VBN ROOT 4
        of of ADP IN prep 4
        fraud fraud NOUN NN pobj 5
        . . PUNCT . punct 4
    """)
    assert statements(doc) == []
    doc = parse("""
        Neither neither CCONJ CC preconj 1
        Voss Voss PROPN NNP nsubjpass 5
        nor nor CCONJ CC cc 1
        Lee Lee PROPN NNP conj 1
        was be AUX VBD auxpass 5
        accused accuse VERB VBN ROOT 5
        of of ADP IN prep 5
        fraud fraud NOUN NN pobj 6
        . . PUNCT . punct 5
    """)
    assert statements(doc) == []


def test_a_cue_after_without_or_worth_is_no_ones_statement():
    # "Voss left without saying that the toll rose": the saying did not happen
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        left leave VERB VBD ROOT 1
        without without ADP IN prep 1
        saying say VERB VBG pcomp 2
        that that SCONJ IN mark 7
        the the DET DT det 6
        toll toll NOUN NN nsubj 7
        rose rise VERB VBD ccomp 3
        . . PUNCT . punct 1
    """)
    assert statements(doc) == []
    # "It is worth noting that the toll rose": the writer's aside, under an empty "it"
    doc = parse("""
        It it PRON PRP nsubj 1
        is be AUX VBZ ROOT 1
        worth worth ADJ JJ acomp 1
        noting note VERB VBG xcomp 2
        that that SCONJ IN mark 7
        the the DET DT det 6
        toll toll NOUN NN nsubj 7
        rose rise VERB VBD ccomp 3
        . . PUNCT . punct 1
    """)
    assert statements(doc) == []
    # a participle that reports on its own still does: "Voss left, saying that the toll rose"
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        left leave VERB VBD ROOT 1
        , , PUNCT , punct 1
        saying say VERB VBG advcl 1
        that that SCONJ IN mark 7
        the the DET DT det 6
        toll toll NOUN NN nsubj 7
        rose rise VERB VBD ccomp 3
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Voss", "saying", "that the toll rose")]


def test_the_object_content_runs_to_the_end_of_the_verb_phrase_but_not_over_a_time():
    # "Polls show Okafor with a lead": the parser hangs "with a lead" on the verb
    doc = parse("""
        Polls poll NOUN NNS nsubj 1
        show show VERB VBP ROOT 1
        Okafor Okafor PROPN NNP dobj 1
        with with ADP IN prep 1
        a a DET DT det 5
        lead lead NOUN NN pobj 3
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Polls", "show", "Okafor with a lead")]
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        cited cite VERB VBD ROOT 1
        the the DET DT det 3
        fees fee NOUN NNS dobj 1
        on on ADP IN prep 1
        Monday Monday PROPN NNP pobj 4
        . . PUNCT . punct 1
    """, ents={5: "DATE"})
    assert statements(doc) == [("Voss", "cited", "the fees")]


def test_called_someone_a_name_parsed_as_two_predicates():
    # "Okafor called Voss a liar" with "Voss" and "liar" both as predicates, no object
    doc = parse("""
        Okafor Okafor PROPN NNP nsubj 1
        called call VERB VBD ROOT 1
        Voss Voss PROPN NNP oprd 1
        a a DET DT det 4
        liar liar NOUN NN oprd 1
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Okafor", "called", "Voss a liar")]


def test_a_clause_taken_for_an_adverbial_one_is_still_the_complement():
    # "Voss said he would not sign it" with "sign" parsed as advcl
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        said say VERB VBD ROOT 1
        he he PRON PRP nsubj 5
        would would AUX MD aux 5
        not not PART RB neg 5
        sign sign VERB VB advcl 1
        it it PRON PRP dobj 5
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Voss", "said", "he would not sign it")]


def test_a_clause_with_a_cue_and_subject_of_its_own_ends_the_content():
    # "Voss said the plan failed, though she noted it was cheap": two statements
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        said say VERB VBD ROOT 1
        the the DET DT det 3
        plan plan NOUN NN nsubj 4
        failed fail VERB VBD ccomp 1
        , , PUNCT , punct 4
        though though SCONJ IN mark 8
        she she PRON PRP nsubj 8
        noted note VERB VBD advcl 4
        it it PRON PRP nsubj 10
        was be AUX VBD ccomp 8
        cheap cheap ADJ JJ acomp 10
        . . PUNCT . punct 1
    """)
    assert statements(doc) == [("Voss", "said", "the plan failed"), ("she", "noted", "it was cheap")]


# --------------------------------------------------------------------------- speaker phrases


def test_a_second_apposition_describes_the_town_not_the_speaker():
    # "Ana Ruiz, the mayor of Linden, one of the towns suing the state, said"
    doc = parse("""
        Ana Ana PROPN NNP compound 1
        Ruiz Ruiz PROPN NNP nsubj 16
        , , PUNCT , punct 1
        the the DET DT det 4
        mayor mayor NOUN NN appos 1
        of of ADP IN prep 4
        Linden Linden PROPN NNP pobj 5
        , , PUNCT , punct 4
        one one NUM CD appos 4
        of of ADP IN prep 8
        the the DET DT det 11
        towns town NOUN NNS pobj 9
        suing sue VERB VBG acl 11
        the the DET DT det 14
        state state NOUN NN dobj 12
        , , PUNCT , punct 1
        said say VERB VBD ROOT 16
    """)
    assert noun_phrase(doc[1]).text == "Ana Ruiz, the mayor of Linden"


def test_an_aside_hung_on_the_subject_after_the_verb_is_not_the_speaker():
    # "A union endorsed Voss, another sign of support": the parser hangs the aside on "union"
    doc = parse("""
        A a DET DT det 1
        union union NOUN NN nsubj 2
        endorsed endorse VERB VBD ROOT 2
        Voss Voss PROPN NNP dobj 2
        , , PUNCT , punct 1
        another another DET DT det 6
        sign sign NOUN NN appos 1
        of of ADP IN prep 6
        support support NOUN NN pobj 7
        . . PUNCT . punct 2
    """)
    assert subject_of(doc[2]).text == "A union"


def test_a_dateline_before_a_common_noun_speaker_is_dropped():
    doc = parse("""
        LINDEN LINDEN PROPN NNP compound 3
        - - PUNCT HYPH punct 3
        City city PROPN NNP compound 3
        leaders leader NOUN NNS nsubj 4
        said say VERB VBD ROOT 4
    """)
    assert noun_phrase(doc[3]).text == "City leaders"


def test_a_passive_participle_cue_borrows_no_speaker():
    # "Asked about the fire, Ruiz said ...": Ruiz was asked; who asked is not named
    doc = parse("""
        Asked ask VERB VBN advcl 6
        about about ADP IN prep 0
        the the DET DT det 3
        fire fire NOUN NN pobj 1
        , , PUNCT , punct 6
        Ruiz Ruiz PROPN NNP nsubj 6
        said say VERB VBD ROOT 6
    """)
    assert subject_of(doc[0]) is None
    assert subject_of(doc[6]).text == "Ruiz"


def test_an_infinitive_cue_under_an_object_control_verb_is_the_objects():
    # "Voss pressed Okafor to admit that ...": Okafor admits
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        pressed press VERB VBD ROOT 1
        Okafor Okafor PROPN NNP dobj 1
        to to PART TO aux 4
        admit admit VERB VB xcomp 1
        it it PRON PRP dobj 4
        . . PUNCT . punct 1
    """)
    assert subject_of(doc[4]).text == "Okafor"


# ------------------------------------------------------------------------------ joined quotes


def test_a_cue_less_quote_continuing_the_previous_quotation_in_its_paragraph_joins_it():
    text = "“The bridge is safe,” Ruiz said on Monday. “We checked every bolt.”\n\n“It held up.”"
    doc = BLANK(text)
    first = (0, text.index("Ruiz") - 1)
    second = (text.index("“We"), text.index("\n"))
    third = (text.index("“It"), len(text))
    speaker = doc.char_span(text.index("Ruiz"), text.index("Ruiz") + 4)
    said = doc.char_span(text.index("said"), text.index("said") + 4)

    def quote(content, method, cue):
        return Statement(speaker=speaker, speaker_actor=None, cue=cue, content=content, kind="direct",
                         sentence=content, method=method)

    joined = join_continued_quotes(doc, [quote(first, "quote_cue_after", said),
                                         quote(second, "continues_previous_speaker", None),
                                         quote(third, "continues_previous_speaker", None)])
    assert [(s.content, s.fragments) for s in joined] == [((first[0], second[1]), (first, second)), (third, ())]


def _one_sentence(text: str):
    doc = BLANK(text)
    for token in doc:
        token.is_sent_start = token.i == 0
    return doc


def test_a_quote_resuming_after_its_attribution_joins_it_across_a_linking_conjunction():
    for link in (", ", ", but ", ", and still "):
        text = f"“The bridge is safe,” Ruiz said{link}“the road is not.”"
        doc = _one_sentence(text)
        quotes = find_quote_spans(text)
        said = doc.char_span(text.index("said"), text.index("said") + 4)
        statement = Statement(speaker=doc.char_span(text.index("Ruiz"), text.index("Ruiz") + 4), speaker_actor=None,
                              cue=said, content=quotes[0], kind="direct", sentence=(0, len(text)), method="quote_cue_after")
        [joined] = join_split_quotes(doc, [statement], quotes)
        assert joined.fragments == tuple(quotes), link
    # another word between them: the second quote is not simply resumed
    text = "“The bridge is safe,” Ruiz said, but Lee called “the road unsafe.”"
    doc = _one_sentence(text)
    quotes = find_quote_spans(text)
    said = doc.char_span(text.index("said"), text.index("said") + 4)
    statement = Statement(speaker=doc.char_span(text.index("Ruiz"), text.index("Ruiz") + 4), speaker_actor=None,
                          cue=said, content=quotes[0], kind="direct", sentence=(0, len(text)), method="quote_cue_after")
    [kept] = join_split_quotes(doc, [statement], quotes)
    assert kept.fragments == ()


def test_the_quote_before_an_attribution_inside_the_quotation_joins_the_statement_after_it():
    text = "“By midnight,” Ruiz said, “the bridge was open to all traffic.”"
    doc = BLANK(text)
    quotes = find_quote_spans(text)
    first, second = quotes
    said = doc.char_span(text.index("said"), text.index("said") + 4)
    statement = Statement(speaker=doc.char_span(text.index("Ruiz"), text.index("Ruiz") + 4), speaker_actor=None,
                          cue=said, content=second, kind="direct", sentence=second, method="quote_cue_before")
    [joined] = join_quote_before(doc, [statement], quotes)
    assert joined.fragments == (first, second) and joined.content == (first[0], second[1])
    # a first part with a cue of its own stays its own statement
    other = Statement(speaker=None, speaker_actor=None, cue=doc[0:1], content=first, kind="direct", sentence=first,
                      method="quote_cue_after")
    statement = Statement(speaker=joined.speaker, speaker_actor=None, cue=said, content=second, kind="direct",
                          sentence=second, method="quote_cue_before")
    assert len(join_quote_before(doc, [other, statement], quotes)) == 2


def test_two_rules_reading_the_same_content_make_one_statement_the_one_with_a_speaker():
    text = "Voss charges that the toll is theft."
    doc = BLANK(text)
    content = (text.index("that"), len(text) - 1)
    charges = doc.char_span(text.index("charges"), text.index("charges") + 7)

    def reading(speaker, method):
        return Statement(speaker=speaker, speaker_actor=None, cue=charges, content=content, kind="indirect",
                         sentence=(0, len(text)), method=method)

    as_noun, as_verb = reading(None, "noun_that"), reading(doc[0:1], "misread_verb")
    assert _one_per_content([as_noun, as_verb]) == [as_verb]
    assert _one_per_content([as_verb, reading(doc[0:1], "clause")]) == [as_verb]


# ------------------------------------------------------------------------------------ speed


def test_actor_mentions_are_listed_once_while_a_component_runs():
    doc = parse("""
        Voss Voss PROPN NNP nsubj 1
        spoke speak VERB VBD ROOT 1
    """, ents={0: "PERSON"})
    with cached_views(doc):
        assert actor_spans(doc) is actor_spans(doc)
        assert [span.text for span in actor_spans(doc)] == ["Voss"]
    assert actor_spans(doc) is not actor_spans(doc)


def test_the_nouns_of_a_doc_come_from_its_pos_array():
    doc = parse("""
        Critics critic NOUN NNS nsubj 1
        doubt doubt VERB VBP ROOT 1
        the the DET DT det 3
        plan plan NOUN NN dobj 1
    """)
    assert [t.text for t in nouns_of(doc)] == ["Critics", "plan"]
    with cached_views(doc):
        assert nouns_of(doc) is nouns_of(doc)


def test_the_fuzzy_candidates_follow_the_index_as_actors_are_added(db):
    index = ActorIndex(db)
    misspelt = Actor(key="margarethe-okonkwo-v", name="Margarethe Okonkwo V", type="person")
    assert index.resolve(misspelt) == misspelt.key  # nothing stored yet, and the candidates are kept
    index.add("margarethe-okonkwo", {"id": "margarethe-okonkwo", "name": "Margarethe Okonkwo", "type": "person"},
              {"margarethe okonkwo": {"source": "name"}})
    assert index.resolve(misspelt) == "margarethe-okonkwo"


def test_a_comparison_a_dash_set_clause_and_a_reporting_clause_are_not_the_speaker():
    # "Ana Ruiz, like Voss, has said": a comparison after a name
    doc = parse("""
        Ana Ana PROPN NNP compound 1
        Ruiz Ruiz PROPN NNP nsubj 7
        , , PUNCT , punct 1
        like like ADP IN prep 1
        Voss Voss PROPN NNP pobj 3
        , , PUNCT , punct 1
        has have AUX VBZ aux 7
        said say VERB VBN ROOT 7
    """)
    assert noun_phrase(doc[1]).text == "Ana Ruiz"
    # "Critics, like Voss, say": the like-phrase names some of the critics
    doc = parse("""
        Critics critic NOUN NNS nsubj 5
        , , PUNCT , punct 0
        like like ADP IN prep 0
        Voss Voss PROPN NNP pobj 2
        , , PUNCT , punct 0
        say say VERB VBP ROOT 5
    """)
    assert noun_phrase(doc[0]).text == "Critics, like Voss"
    # "The film -- which follows three nurses -- explains ..."
    doc = parse("""
        The the DET DT det 1
        film film NOUN NN nsubj 7
        -- -- PUNCT : punct 1
        which which PRON WDT nsubj 4
        follows follow VERB VBZ relcl 1
        three three NUM CD nummod 6
        nurses nurse NOUN NNS dobj 4
        explains explain VERB VBZ ROOT 7
    """)
    assert noun_phrase(doc[1]).text == "The film"
    # "Voss, who stressed that it was late, said": her clause is a statement of its own
    doc = parse("""
        Voss Voss PROPN NNP nsubj 9
        , , PUNCT , punct 0
        who who PRON WP nsubj 3
        stressed stress VERB VBD relcl 0
        that that SCONJ IN mark 6
        it it PRON PRP nsubj 6
        was be AUX VBD ccomp 3
        late late ADJ JJ acomp 6
        , , PUNCT , punct 0
        said say VERB VBD ROOT 9
    """)
    assert noun_phrase(doc[0]).text == "Voss"
