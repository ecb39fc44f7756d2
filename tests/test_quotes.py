"""Who said what: the claimgraph_quotes component on short articles written for the hard cases.

Each test runs the real pipeline (``load_pipeline``) on a few invented sentences and checks
the statements: speaker, cue, content span and kind.
"""

from __future__ import annotations

import pytest

from claimgraph.extract.attribution.quote_marks import find_quote_spans
from claimgraph.extract.store import Found, save_statements


def extract(nlp, text: str, published: str = "2015-03-10"):
    doc = nlp.make_doc(text)
    doc._.article = {"id": "test", "published": published, "title": "Test"}
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def statement_with(doc, words: str):
    """The one statement whose content holds ``words``."""
    found = [s for s in doc._.statements if words in s.content_text(doc)]
    assert len(found) == 1, [(s.content_text(doc), s.method) for s in doc._.statements]
    return found[0]


def text_of(span) -> str | None:
    return None if span is None else span.text


# --------------------------------------------------------------------------- quotation marks


def test_quote_spans_include_the_marks_and_continue_over_paragraphs():
    text = 'He said "one two three." Then:\n\n"Four five\n\n"six seven."\n\nEnd "unclosed'
    spans = [text[s:e] for s, e in find_quote_spans(text)]
    assert spans == ['"one two three."', '"Four five\n\n"six seven."', '"unclosed']


def test_curly_quotes_are_found():
    text = "She wrote “we will win” and left."
    assert [text[s:e] for s, e in find_quote_spans(text)] == ["“we will win”"]


def test_a_stray_straight_mark_before_curly_quotes_opens_nothing():
    # a page whose paragraphs were pasted with a leading straight mark
    text = ('"The ferry was late.\n\n“We waited an hour,” Ines said. “Nobody told us.”\n\n'
            '"The crowd left, chanting “Refund! Refund!”\n\n“Same again,” she said.\n\n“A long\n\n“story.”')
    spans = [text[s:e] for s, e in find_quote_spans(text)]
    assert spans == ['"The ferry was late.', "“We waited an hour,”", "“Nobody told us.”", "“Refund! Refund!”",
                     "“Same again,”", "“A long\n\n“story.”"]
    # a curly quote nested in a straight one that closes is kept inside it
    text = '"They asked: “Was it late?” Yes, it was."'
    assert [text[s:e] for s, e in find_quote_spans(text)] == [text]


# --------------------------------------------------------------------------- direct quotes

CITY_HALL = """The city council voted on Monday to close the old bridge.

"The bridge is simply not safe for heavy trucks anymore," said Maria Lopez, the city's chief engineer.

"We looked at every option," Mayor Tom Becker told reporters. "Closing it was the only responsible choice."

Becker's deputy, Ann Cole, said: "Repairs will start in the spring and take two years."
"""


@pytest.fixture(scope="module")
def city_hall(nlp):
    return extract(nlp, CITY_HALL)


def test_said_before_the_speaker_after_a_quote(city_hall):
    statement = statement_with(city_hall, "not safe for heavy trucks")
    assert text_of(statement.cue) == "said"
    assert "Maria Lopez" in text_of(statement.speaker)
    assert statement.speaker_actor == "maria-lopez"
    assert statement.kind == "direct"
    assert statement.content_text(city_hall).startswith('"The bridge') and statement.content_text(city_hall).endswith('anymore,"')


def test_speaker_and_cue_after_a_quote_and_a_second_quote_after_the_attribution(city_hall):
    statement = statement_with(city_hall, "every option")
    assert text_of(statement.cue).startswith("told")
    assert statement.speaker_actor == "tom-becker"
    assert statement.kind in ("direct", "mixed")
    # The quote resumes after "told reporters." and belongs to the same speaker.
    resumed = statement_with(city_hall, "the only responsible choice")
    assert resumed.speaker_actor == "tom-becker"


def test_colon_quote_with_the_speaker_before(city_hall):
    statement = statement_with(city_hall, "Repairs will start")
    assert text_of(statement.cue) == "said"
    assert "Ann Cole" in text_of(statement.speaker)
    assert statement.kind == "direct"


TRADE_TALKS = """Trade Minister Lena Park spoke to reporters in Seoul on Friday.

"We have made progress on tariffs. There is still work to do on farm goods. I expect another round next month," Park said.

Her counterpart was less optimistic. Economic adviser James Holt told reporters, "Nothing has been agreed until everything has been agreed."

"The talks will resume in April," he added.
"""


@pytest.fixture(scope="module")
def trade_talks(nlp):
    return extract(nlp, TRADE_TALKS)


def test_a_quote_over_several_sentences_is_one_statement(trade_talks):
    statement = statement_with(trade_talks, "made progress on tariffs")
    content = statement.content_text(trade_talks)
    assert content.startswith('"We have') and content.endswith('next month,"')
    assert text_of(statement.cue) == "said"
    assert text_of(statement.speaker) == "Park"


def test_told_reporters_comma_quote(trade_talks):
    statement = statement_with(trade_talks, "Nothing has been agreed")
    assert text_of(statement.cue) == "told reporters"
    assert statement.speaker_actor == "james-holt"
    assert statement.content_text(trade_talks) == '"Nothing has been agreed until everything has been agreed."'


def test_pronoun_speaker_resolves_to_the_previous_speaker(trade_talks):
    statement = statement_with(trade_talks, "talks will resume")
    assert text_of(statement.speaker) == "he"
    assert text_of(statement.cue) == "added"
    assert statement.speaker_actor == "james-holt"


REACTOR = """A senior engineer at the Borssele plant doubts the official account. "The valve failed twice before the shutdown. Nobody in management wanted to hear it."

"We reported it in writing," the engineer said.

"Every word of this report is accurate,

"and we stand by it," a plant spokesman said.
"""


@pytest.fixture(scope="module")
def reactor(nlp):
    return extract(nlp, REACTOR)


def test_quote_without_a_cue_goes_to_the_person_named_in_the_previous_sentence(reactor):
    statement = statement_with(reactor, "The valve failed twice")
    assert "senior engineer" in text_of(statement.speaker)
    assert statement.cue is None
    assert statement.content_text(reactor).endswith('wanted to hear it."')


def test_multi_paragraph_quote(reactor):
    statement = statement_with(reactor, "Every word of this report")
    assert statement.content_text(reactor).endswith('stand by it,"')
    assert "spokesman" in text_of(statement.speaker)


# --------------------------------------------------------------------------- reported speech

FLOODS = """According to the national weather service, the river rose by more than two meters overnight.

Officials said that about 3,000 people had left their homes. The governor told residents she would ask for federal aid.

The agency, which warned of more rain, called for calm on Tuesday.
"""


@pytest.fixture(scope="module")
def floods(nlp):
    return extract(nlp, FLOODS)


def test_according_to_makes_the_rest_of_the_sentence_the_content(floods):
    statement = statement_with(floods, "the river rose")
    assert text_of(statement.cue) == "According to"
    assert text_of(statement.speaker) == "the national weather service"
    assert statement.content_text(floods) == "the river rose by more than two meters overnight"
    assert statement.kind == "indirect"


def test_said_that_takes_the_complement_clause(floods):
    statement = statement_with(floods, "3,000 people")
    assert text_of(statement.cue) == "said"
    assert text_of(statement.speaker) == "Officials"
    assert statement.content_text(floods) == "that about 3,000 people had left their homes"


def test_told_someone_that(floods):
    statement = statement_with(floods, "she would ask")
    assert text_of(statement.cue) == "told residents"
    assert text_of(statement.speaker) == "The governor"


def test_called_for_and_a_relative_pronoun_speaker(floods):
    statement = statement_with(floods, "calm")
    assert text_of(statement.cue) == "called for"
    # Speaker phrases keep their relative clauses, as attribution corpora mark them.
    assert text_of(statement.speaker) == "The agency, which warned of more rain"
    warned = statement_with(floods, "more rain")
    assert text_of(warned.speaker) == "which", "the speaker as written"


def test_scare_quotes_inside_a_sentence_are_not_statements(nlp):
    doc = extract(nlp, 'The senator called the plan a "total disaster" during a visit to Ohio.')
    assert all('"total disaster"' != s.content_text(doc) for s in doc._.statements)


def test_statements_are_saved_with_their_spans(nlp, db):
    doc = extract(nlp, CITY_HALL)
    db["articles"].insert({"id": "a1", "text": CITY_HALL})
    actor_ids = {s.speaker_actor: f"corpus-{s.speaker_actor}" for s in doc._.statements if s.speaker_actor}
    db["actors"].insert_all([{"id": actor_id, "name": key} for key, actor_id in actor_ids.items()], pk="id")
    with db.conn:
        count = save_statements(db, "a1", Found.from_doc(doc), actor_ids)
    rows = list(db["statements"].rows)
    assert count == len(rows) == len(doc._.statements)
    for row in rows:
        assert CITY_HALL[row["start"]:row["end"]] == row["content"]
        if row["cue"] is not None:
            assert CITY_HALL[row["cue_start"]:row["cue_end"]] == row["cue"]
    assert {row["speaker_id"] for row in rows} - {None} == set(actor_ids.values()), "speakers are stored actor ids"
    with db.conn:
        save_statements(db, "a1", Found.from_doc(doc), actor_ids)
    assert db["statements"].count == count, "saving again upserts instead of duplicating"


TRANSCRIPT = """Senator Kim Ray was interviewed on Sunday.

HOST: Will you vote for the bill?

RAY: I think we need more time to read it.

Ray's claim that the bill was rushed drew criticism. "It is long, but we had weeks," Speaker Joan Ito said. "Nobody was rushed."
"""


@pytest.fixture(scope="module")
def transcript(nlp):
    return extract(nlp, TRANSCRIPT)


def test_transcript_lines_are_statements_of_the_named_speaker(transcript):
    statement = statement_with(transcript, "more time")
    assert text_of(statement.speaker) == "RAY"
    assert text_of(statement.cue) == ":"
    assert statement.content_text(transcript) == "I think we need more time to read it."
    assert text_of(statement_with(transcript, "vote for the bill").speaker) == "HOST"


def test_a_presenters_line_that_reports_speech_is_narration(nlp):
    doc = extract(nlp, "ANCHOR: The port authority says the cranes will run again by Friday.\n\nHOST: Is that realistic?\n")
    reported = statement_with(doc, "cranes will run again")
    assert text_of(reported.speaker) == "The port authority" and text_of(reported.cue) == "says"
    assert text_of(statement_with(doc, "Is that realistic").speaker) == "HOST"  # the presenter's own question


def test_speech_inside_a_quote_or_transcript_line_is_not_a_statement_of_its_own(transcript):
    assert not any(s.cue is not None and s.cue.text == "think" for s in transcript._.statements)


def test_a_noun_with_a_that_clause_reports_what_its_owner_said(transcript):
    statement = statement_with(transcript, "the bill was rushed")
    assert text_of(statement.cue) == "claim"
    assert text_of(statement.speaker) == "Ray's"
    assert statement.content_text(transcript) == "that the bill was rushed"


def test_a_quote_resuming_after_its_attribution_is_one_statement_in_two_fragments(transcript):
    statement = statement_with(transcript, "we had weeks")
    assert statement.speaker_actor == "joan-ito"
    assert [transcript.text[s:e] for s, e in statement.fragments] == ['"It is long, but we had weeks,"', '"Nobody was rushed."']


def test_a_relative_pronoun_speaker_resolves_to_the_noun_it_stands_for(nlp):
    doc = extract(nlp, "The talks were led by Maria Lopez, who said the deal was close.")
    statement = statement_with(doc, "the deal was close")
    assert text_of(statement.speaker) == "who"
    assert statement.speaker_actor == "maria-lopez"


def test_statements_are_stored_as_plain_data_that_survives_serialisation(city_hall):
    import json

    from claimgraph.extract.extensions import Statement

    records = city_hall._.statement_records
    assert json.loads(json.dumps(records)) == records
    rebuilt = [Statement.from_record(city_hall, record) for record in records]
    assert [(s.content, text_of(s.speaker), text_of(s.cue)) for s in rebuilt] == [
        (s.content, text_of(s.speaker), text_of(s.cue)) for s in city_hall._.statements
    ]
    assert not [key for key in city_hall.user_data if isinstance(key, str)], "working caches are dropped"


def test_as_someone_said_makes_the_main_clause_the_content(nlp):
    doc = extract(nlp, "The footage does not show whether he had a gun, as police have said.")
    statement = statement_with(doc, "does not show")
    assert text_of(statement.speaker) == "police"
    assert statement.content_text(doc) == "The footage does not show whether he had a gun"


def test_a_transcript_line_opening_with_a_quotation_mark(nlp):
    doc = extract(nlp, 'The interview went on.\n\n"WALLACE: Will you vote for it?\n\n"PENCE: Well, look, we will see.')
    statement = statement_with(doc, "we will see")
    assert text_of(statement.speaker) == "PENCE"


# --------------------------------------------------------------------------- stances, findings, expectations

HARBOUR = """The new ferry terminal, the harbour master said, would open in the spring.

Recent polls show broad support for the terminal among residents.

The ferry company seems to have lost interest in the northern route.

The council is expected to approve the budget next week.

Councillor Rita Moss has been critical of the ticket prices. Fishermen are worried about the noise.

The harbour master was confident that the ferries would run on time.

The mayor showed the plans to reporters. The boats seem slow.
"""


@pytest.fixture(scope="module")
def harbour(nlp):
    return extract(nlp, HARBOUR)


def test_an_attribution_inside_its_clause_leaves_the_clause_in_two_fragments(harbour):
    statement = statement_with(harbour, "ferry terminal")
    assert (text_of(statement.speaker), text_of(statement.cue), statement.method) == ("the harbour master", "said", "parenthetical")
    assert [harbour.text[a:b] for a, b in statement.fragments] == ["The new ferry terminal", "would open in the spring."]


def test_a_poll_that_shows_something_is_a_finding(harbour):
    statement = statement_with(harbour, "broad support")
    assert (text_of(statement.speaker), text_of(statement.cue)) == ("Recent polls", "show")
    assert statement.content_text(harbour) == "broad support for the terminal among residents"


def test_seems_and_is_expected_take_the_subject_and_the_infinitive(harbour):
    seems = statement_with(harbour, "lost interest")
    assert (seems.speaker, text_of(seems.cue)) == (None, "seems")
    assert [harbour.text[a:b] for a, b in seems.fragments] == ["The ferry company", "to have lost interest in the northern route"]
    expected = statement_with(harbour, "approve the budget")
    assert (expected.speaker, text_of(expected.cue)) == (None, "expected")
    assert harbour.text[expected.fragments[0][0]:expected.fragments[0][1]] == "The council"


def test_an_adjective_of_attitude_reports_a_stance(harbour):
    critical = statement_with(harbour, "ticket prices")
    assert (text_of(critical.speaker), text_of(critical.cue), critical.content_text(harbour)) == (
        "Councillor Rita Moss", "critical of", "the ticket prices",
    )
    worried = statement_with(harbour, "the noise")
    assert (text_of(worried.speaker), text_of(worried.cue)) == ("Fishermen", "worried about")
    confident = statement_with(harbour, "run on time")
    assert (text_of(confident.speaker), text_of(confident.cue)) == ("The harbour master", "confident")


def test_showing_things_and_seeming_without_an_infinitive_are_not_statements(harbour):
    contents = [s.content_text(harbour) for s in harbour._.statements]
    assert not [c for c in contents if "plans" in c or "slow" in c]


def test_a_sentence_never_runs_across_a_paragraph_break(nlp):
    doc = extract(nlp, "Harbour Plans Unveiled\n\nThe mayor said the terminal would open.\nA spokesman declined to comment")
    assert [s.text.strip() for s in doc.sents] == [
        "Harbour Plans Unveiled", "The mayor said the terminal would open.", "A spokesman declined to comment",
    ]


def test_a_passive_accusation_names_the_accused_and_the_charge(nlp):
    doc = extract(nlp, "The contractor was accused of wasting money on the bridge. The bridge was closed for repairs.")
    statement = statement_with(doc, "wasting money")
    assert (statement.speaker, text_of(statement.cue), statement.method) == (None, "accused of", "passive")
    assert [doc.text[a:b] for a, b in statement.fragments] == ["The contractor", "wasting money on the bridge"]
    assert not [s for s in doc._.statements if "repairs" in s.content_text(doc)]


def test_supporters_opponents_and_critics_hold_a_stance(nlp):
    doc = extract(nlp, "Rita Moss is a staunch opponent of the new tolls. Ian Ford, a longtime critic of the mayor, voted no.")
    opponent = statement_with(doc, "the new tolls")
    assert (text_of(opponent.speaker), text_of(opponent.cue)) == ("Rita Moss", "opponent of")
    critic = statement_with(doc, "the mayor")
    assert (text_of(critic.speaker), critic.content_text(doc)) == ("Ian Ford", "the mayor")


def test_pointed_out_and_reported_are_cues(nlp):
    doc = extract(nlp, "Engineers pointed out that the bridge was old. The Herald first reported the story.")
    assert statement_with(doc, "the bridge was old").cue.text == "pointed out"
    assert text_of(statement_with(doc, "the story").speaker) == "The Herald"


def test_a_decision_or_agreement_with_its_infinitive(nlp):
    doc = extract(nlp, "The two towns signed an agreement to share the costs. Mayor Lee's decision to close the bridge surprised nobody.")
    agreement = statement_with(doc, "share the costs")
    assert (text_of(agreement.speaker), text_of(agreement.cue), agreement.content_text(doc)) == (
        "The two towns", "agreement", "to share the costs",
    )
    assert text_of(statement_with(doc, "close the bridge").speaker) == "Mayor Lee's"


def test_rulings_wishes_and_comparisons(nlp):
    doc = extract(nlp, "The court ruled that the tolls were illegal. Drivers want lower tolls. Ian Ford likened the tolls to robbery.")
    assert text_of(statement_with(doc, "the tolls were illegal").speaker) == "The court"
    assert text_of(statement_with(doc, "lower tolls").speaker) == "Drivers"
    assert statement_with(doc, "robbery").content_text(doc) == "the tolls to robbery"


def test_a_relative_what_is_not_the_content_of_its_verb(nlp):
    doc = extract(nlp, "Drivers got what they wanted.")
    assert [s.content_text(doc) for s in doc._.statements] == []


def test_a_hard_wrapped_line_does_not_cut_the_content(nlp):
    doc = extract(nlp, "The mayor said on Monday that the new\nbridge would open in May.\n\nTraffic was light.")
    statement = statement_with(doc, "would open in May")
    assert statement.content_text(doc) == "that the new\nbridge would open in May"


def test_an_aside_closing_the_content_is_the_writers(nlp):
    doc = extract(nlp, "Democrats said they would support Ian Ford, who is 70. The mayor said the bridge would close, citing the cost.")
    assert statement_with(doc, "they would support").content_text(doc) == "they would support Ian Ford"
    assert statement_with(doc, "the bridge would close").content_text(doc) == "the bridge would close"


def test_a_cue_closing_the_sentence_takes_all_of_it(nlp):
    doc = extract(nlp, "The van was supposed to wait, but the agents drove her away, another source said.")
    statement = statement_with(doc, "drove her away")
    assert statement.content_text(doc) == "The van was supposed to wait, but the agents drove her away"
    assert text_of(statement.speaker) == "another source"


def test_a_backwards_opening_mark_still_opens_a_quote(nlp):
    text = "Readers wrote in.\n\n”The bridge is a disgrace and the mayor knows it.” ― Ann Lee\n\n“It is fine, really,” ― Bo Diaz"
    assert [text[a:b] for a, b in find_quote_spans(text)] == [
        "”The bridge is a disgrace and the mayor knows it.”", "“It is fine, really,”",
    ]
    doc = extract(nlp, text)
    assert text_of(statement_with(doc, "disgrace").speaker) == "Ann Lee"


def test_a_passive_with_its_agent_and_feelings_about_a_topic(nlp):
    doc = extract(nlp, "The toll plan is supported by the mayor. The bridge was built by the army. Drivers expressed outrage over the tolls.")
    supported = statement_with(doc, "toll plan")
    assert (text_of(supported.speaker), text_of(supported.cue), supported.method) == ("the mayor", "supported", "passive_agent")
    assert not [s for s in doc._.statements if "bridge" in s.content_text(doc)]
    outrage = statement_with(doc, "the tolls")
    assert (text_of(outrage.speaker), text_of(outrage.cue)) == ("Drivers", "outrage over")


def test_a_poll_or_an_estimate_as_the_source_of_its_sentence(nlp):
    doc = extract(nlp, "In the latest poll, the mayor led his rival by five points. By one estimate, 3,000 homes were damaged. In the interview, she smiled a lot.")
    poll = statement_with(doc, "led his rival")
    assert (text_of(poll.speaker), text_of(poll.cue), poll.method) == ("the latest poll", "In", "finding_phrase")
    assert text_of(statement_with(doc, "homes were damaged").speaker) == "one estimate"
    assert not [s for s in doc._.statements if "smiled" in s.content_text(doc)]


def test_speech_reported_inside_a_reported_clause_belongs_to_the_outer_speaker(nlp):
    doc = extract(nlp, "The mayor says she hopes to be reelected. Ian Ford said residents believe the tolls are too high.")
    assert [(text_of(s.speaker), text_of(s.cue)) for s in doc._.statements] == [("The mayor", "says"), ("Ian Ford", "said")]
    assert statement_with(doc, "the tolls are too high").content_text(doc) == "residents believe the tolls are too high"


def test_seeing_something_as_something_is_a_view(nlp):
    doc = extract(nlp, "Critics see the program as a loophole for the rich. Residents saw a rise in prices.")
    assert text_of(statement_with(doc, "loophole").speaker) == "Critics"
    assert not [s for s in doc._.statements if "prices" in s.content_text(doc)]


def test_a_parenthetical_attribution_in_a_sentence_with_a_short_quotation(nlp):
    doc = extract(nlp, 'Protests, he said, are acts of patriotism, whether people "sit in" or march.')
    statement = statement_with(doc, "acts of patriotism")
    assert (text_of(statement.speaker), statement.method) == ("he", "parenthetical")


def test_the_cue_lexicon_is_read_from_its_data_file():
    from claimgraph.extract.attribution import lexicon

    assert lexicon.PREPOSITION_CUES["insist"] == {"on"}, "YAML's on is a preposition here, not true"
    assert {"say", "tell", "warn"} <= lexicon.CUE_VERBS and "say" not in lexicon.QUOTE_ONLY_VERBS
    assert lexicon.CUE_TYPES["warn"] == "predicts" and "warn" not in lexicon.TRIGGERS, "warn makes a claim only as a cue"
    assert lexicon.TRIGGERS["culprit"] == "accuses" and "culprit" not in lexicon.CUE_TYPES
    assert {"officials", "spokeswoman"} <= lexicon.UNNAMED_NOUNS and "minister" not in lexicon.UNNAMED_NOUNS
    assert {word.rstrip("s") for word in lexicon.UNNAMED_NOUNS} <= lexicon.PERSON_NOUNS
