"""The field frames (extract/claim_fields.py): each field's rule on hand-parsed docs (rows are
``word lemma POS TAG dep head-index``; no model), then each class of issue 18 end to end through
the real CLI on the invented articles of tests/fixtures/claim_types/fields, written in wording
unlike the other parts.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from claimgraph.extract import claim_fields
from claimgraph.extract.claim_structures import match_all
from claim_fixtures import extracted_part, parse, types_by_sentence


def frames(doc: Doc, reported: bool = True, **context) -> set[tuple[str, str]]:
    return {(m.type, m.frame) for m in match_all(doc, reported, **context)}


# --------------------------------------------------------------------------- accuses

RELATIVE_SUSPECT = """
Kestrel Kestrel PROPN NNP ROOT 0
, , PUNCT , punct 0
which which PRON WDT dobj 4
police police NOUN NNS nsubj 4
suspected suspect VERB VBD relcl 0
of of ADP IN prep 4
spying spy VERB VBG pcomp 5
"""


def test_a_party_suspected_in_a_relative_clause_is_accused_and_a_suspected_illness_accuses_no_one():
    matches = [m for m in match_all(parse(RELATIVE_SUSPECT, {0: "ORG"}), False) if m.frame == "accusing_verb"]
    assert [(m.type, m.target.text) for m in matches] == [("accuses", "Kestrel")]
    assert ("accuses", "accusing_verb") not in frames(parse(RELATIVE_SUSPECT.replace("which which PRON WDT dobj 4", "it it PRON PRP dobj 4")
                                                            .replace("spying spy VERB VBG pcomp 5", "flu flu NOUN NN pobj 5")))


RESPONSIBLE_FOR = """
the the DET DT det 1
authority authority NOUN NN nsubj 2
is be AUX VBZ ROOT 2
responsible responsible ADJ JJ acomp 2
for for ADP IN prep 3
maintaining maintain VERB VBG pcomp 4
the the DET DT det 7
breakwater breakwater NOUN NN dobj 5
"""


def test_responsible_for_a_harm_accuses_and_responsible_for_a_duty_does_not():
    assert frames(parse(RESPONSIBLE_FOR), False) == set()
    assert ("accuses", "predicates") in frames(parse(RESPONSIBLE_FOR.replace("maintaining maintain", "sabotaging sabotage")), False)


HELD_RESPONSIBLE = """
the the DET DT det 1
inquiry inquiry NOUN NN nsubj 2
held hold VERB VBD ROOT 2
the the DET DT det 4
firm firm NOUN NN dobj 2
responsible responsible ADJ JJ oprd 2
for for ADP IN prep 5
the the DET DT det 8
spill spill NOUN NN pobj 6
"""


def test_a_party_held_responsible_is_accused_and_one_that_will_be_held_accountable_is_not():
    assert frames(parse(HELD_RESPONSIBLE), False) == {("accuses", "culpability")}
    future = HELD_RESPONSIBLE.replace("held hold VERB VBD ROOT 2", "hold hold VERB VB ROOT 2").replace(
        "inquiry inquiry NOUN NN nsubj 2", "will will AUX MD aux 2")
    assert ("accuses", "culpability") not in frames(parse(future), False)


DEED_FROM = """
sabotage sabotage NOUN NN ROOT 0
ordered order VERB VBN acl 0
from from ADP IN prep 1
Brovnia Brovnia PROPN NNP poss 5
's 's PART POS case 3
capital capital NOUN NN pobj 2
"""


def test_a_harm_put_on_a_party_by_from_accuses_it_and_a_parcel_does_not():
    assert ("accuses", "deed_by") in frames(parse(DEED_FROM, {3: "GPE"}), False)
    assert frames(parse(DEED_FROM.replace("sabotage sabotage", "furniture furniture"), {3: "GPE"}), False) == set()


BORE_BLAME = """
the the DET DT det 1
agency agency NOUN NN nsubj 2
bore bear VERB VBD ROOT 2
responsibility responsibility NOUN NN dobj 2
for for ADP IN prep 3
the the DET DT det 6
leak leak NOUN NN pobj 4
"""


def test_blame_one_bears_accuses_and_a_duty_one_bears_does_not():
    assert frames(parse(BORE_BLAME), False) == {("accuses", "blame_noun")}
    duty = BORE_BLAME.replace("the the DET DT det 6\nleak leak NOUN NN pobj 4", "roads road NOUN NNS dobj 6\nmaintaining maintain VERB VBG pcomp 4")
    assert frames(parse(duty), False) == set()


LAID_BLAME = """
the the DET DT det 1
minister minister NOUN NN nsubj 2
laid lay VERB VBD ROOT 2
the the DET DT det 4
blame blame NOUN NN dobj 2
on on ADP IN prep 2
the the DET DT det 7
militias militia NOUN NNS pobj 5
"""


def test_blame_laid_on_a_party_accuses_it_and_blame_laid_on_the_weather_does_not():
    matches = [m for m in match_all(parse(LAID_BLAME), False) if m.frame == "blame_noun"]
    assert [(m.type, m.target.text) for m in matches] == [("accuses", "militias")]
    assert frames(parse(LAID_BLAME.replace("militias militia NOUN NNS", "weather weather NOUN NN")), False) == set()


SET_ALIGHT = """
it it PRON PRP nsubj 2
had have AUX VBD aux 2
torched torch VERB VBN ROOT 2
the the DET DT det 4
station station NOUN NN dobj 2
"""


def test_a_wrong_said_of_oneself_claims_responsibility_and_of_a_party_accuses_it():
    assert ("claims_responsibility", "wrong_deed") in frames(parse(SET_ALIGHT))
    assert ("accuses", "wrong_deed") in frames(parse(SET_ALIGHT.replace("it it PRON PRP", "rebels rebel NOUN NNS")))
    assert ("accuses", "wrong_deed") not in frames(parse(SET_ALIGHT.replace("it it PRON PRP", "rebels rebel NOUN NNS")), False)


# "the campaign called the charges baseless and fabricated by former employees"
FABRICATED_BY = """
campaign campaign NOUN NN nsubj 1
called call VERB VBD ROOT 1
the the DET DT det 3
charges charge NOUN NNS dobj 1
baseless baseless ADJ JJ oprd 1
and and CCONJ CC cc 4
fabricated fabricate VERB VBN conj 4
by by ADP IN agent 6
former former ADJ JJ amod 9
employees employee NOUN NNS pobj 7
"""


def test_a_wrong_done_by_an_agent_accuses_the_agent_not_the_speaker():
    matches = [m for m in match_all(parse(FABRICATED_BY), True) if m.frame == "wrong_deed"]
    assert [(m.type, m.target.text) for m in matches] == [("accuses", "employees")]
    # a wrong that describes a noun charges no one: "people shot by police"
    described = FABRICATED_BY.replace("baseless baseless ADJ JJ oprd 1", "baseless baseless ADJ JJ amod 3")
    assert [m for m in match_all(parse(described), True) if m.frame == "wrong_deed"] == []


# --------------------------------------------------------------------------- threatens

PENALTY = """
anyone anyone PRON NN nsubj 2
would would AUX MD aux 2
face face VERB VB ROOT 2
years year NOUN NNS dobj 2
in in ADP IN prep 3
prison prison NOUN NN pobj 4
"""


def test_a_penalty_ahead_threatens_and_years_in_office_do_not():
    assert frames(parse(PENALTY)) == {("threatens", "penalty_ahead")}
    assert frames(parse(PENALTY.replace("prison prison", "office office"))) == set()


OWN_SIDE = """
Falk Falk PROPN NNP nsubj 1
warned warn VERB VBD ROOT 1
that that SCONJ IN mark 7
his his PRON PRP$ poss 4
party party NOUN NN nsubj 7
would would AUX MD aux 7
not not PART RB neg 7
recognise recognise VERB VB ccomp 1
the the DET DT det 9
result result NOUN NN dobj 7
if if SCONJ IN mark 13
the the DET DT det 12
commission commission NOUN NN nsubj 13
failed fail VERB VBD advcl 7
"""


def test_a_warning_of_ones_own_refusal_if_threatens_and_a_warning_about_prices_or_a_plain_saying_does_not():
    doc = parse(OWN_SIDE, {0: "PERSON"})
    assert ("threatens", "warned_own_act") in frames(doc[2:], speaker=doc[0:1], cue=doc[1:2])
    said = parse(OWN_SIDE.replace("warned warn", "said say"), {0: "PERSON"})
    assert ("threatens", "warned_own_act") not in frames(said[2:], speaker=said[0:1], cue=said[1:2])
    prices = parse(OWN_SIDE.replace("his his PRON PRP$ poss 4", "the the DET DT det 4").replace("party party NOUN NN", "prices price NOUN NNS"),
                   {0: "PERSON"})
    assert ("threatens", "warned_own_act") not in frames(prices[2:], speaker=prices[0:1], cue=prices[1:2])


# --------------------------------------------------------------------------- claims of responsibility and denials

BOASTED = """
the the DET DT det 1
group group NOUN NN nsubj 2
boasted boast VERB VBD ROOT 2
that that SCONJ IN mark 6
it it PRON PRP nsubj 6
had have AUX VBD aux 6
frozen freeze VERB VBN ccomp 2
the the DET DT det 8
casino casino NOUN NN dobj 6
"""


def test_a_boast_of_ones_own_deed_claims_responsibility_and_a_plain_saying_does_not():
    doc = parse(BOASTED)
    assert ("claims_responsibility", "boasted_deed") in frames(doc[3:], speaker=doc[0:2], cue=doc[2:3])
    said = parse(BOASTED.replace("boasted boast", "said say"))
    assert not {t for t, _ in frames(said[3:], speaker=said[0:2], cue=said[2:3])} & {"claims_responsibility"}


OWNED_UP = """
the the DET DT det 1
activists activist NOUN NNS nsubj 2
owned own VERB VBD ROOT 2
up up ADP RP prt 2
to to ADP IN prep 2
spraying spray VERB VBG pcomp 4
paint paint NOUN NN dobj 5
"""


def test_owning_up_to_a_deed_claims_responsibility():
    assert ("claims_responsibility", "admitted_deed") in frames(parse(OWNED_UP), False)
    assert frames(parse(OWNED_UP.replace("owned own", "objected object")), False) == set()


REBUFFED = """
the the DET DT det 1
ministry ministry NOUN NN nsubj 2
rebuffed rebuff VERB VBD ROOT 2
claims claim NOUN NNS dobj 2
"""


def test_rejecting_an_allegation_by_any_verb_denies_and_rejecting_an_offer_does_not():
    assert frames(parse(REBUFFED)) == {("denies", "denial_verb")}
    assert frames(parse(REBUFFED.replace("claims claim", "offers offer"))) == set()


# --------------------------------------------------------------------------- measurements

STOPPED = """
the the DET DT det 1
cable cable NOUN NN nsubj 2
stopped stop VERB VBD ROOT 2
carrying carry VERB VBG xcomp 2
electricity electricity NOUN NN dobj 3
"""


def test_a_thing_that_stopped_its_work_is_a_measurement_and_workers_who_stopped_are_not():
    assert frames(parse(STOPPED), False) == {("reports_measurement", "phase_of_service")}
    assert frames(parse(STOPPED.replace("cable cable NOUN NN", "workers worker NOUN NNS").replace("electricity electricity", "bags bag")), False) == set()


def test_the_field_rules_are_all_tested_here():
    assert {r.__name__ for _, r, _ in claim_fields.ANCHORS} == {
        "accusing_verb", "culpability", "deed_by", "wrong_deed", "backed_by_prefix", "blame_noun", "no_such_deed", "denial_verb",
        "admitted_deed", "conditional_promise", "penalty_ahead", "answered_with", "price_to_pay", "phase_of_service",
        "found_damaged", "refused_service",
        # tested in test_claim_figures.py
        "no_such", "nothing_suggests", "punished_ahead", "answered_act",
        # tested in test_claim_news.py
        "no_plan"}


# --------------------------------------------------------------------------- through the CLI


@pytest.fixture(scope="module")
def fields_db(tmp_path_factory):
    return extracted_part(tmp_path_factory.mktemp("claim_fields"), "fields")


@pytest.fixture(scope="module")
def typed(fields_db):
    return types_by_sentence(fields_db, "fields")


def _found(typed, start: str) -> set[str]:
    return next(got for text, _, got in typed if text.startswith(start))


@pytest.mark.parametrize("claim_type, sentences", [
    # class 1: promises and warnings of action, and penalties ahead
    ("threatens", ["Black Tide said further terminals", "Roos said anyone found", "Lind warned that Velsk",
                   "Ostreva's ambassador said any expulsion", "Prime Minister Oskar Lind vowed"]),
    # class 2: accusations in relative and reported clauses, and in noun and adjective form
    ("accuses", ["Harbour master Teodor Pell", "Some dock workers suspected", "The supervisor, whom police accused",
                 "VTV's director, Maren Holt, blamed", "Independent researchers said"]),
    # class 4: claims of responsibility by a self-named group and in a taunting post
    ("claims_responsibility", ["A group calling itself Black Tide", "A channel on a messaging app"]),
    ("denies", ["Galdria's trade office", "Ostreva's foreign ministry rebuffed"]),
    # class 5: observations of a service's or a thing's state
    ("reports_measurement", ["Conveyor belts at the Corvel", "Investigators found the terminal's", "Grain prices on the Corvel",
                             "Farmers were refused entry", "Satellite relays in the north", "The evening news on Velsk's"]),
])
def test_each_class_is_found_in_new_wording(typed, claim_type, sentences):
    assert [s for s in sentences if claim_type not in _found(typed, s)] == []


def test_the_distractors_keep_out_of_the_marked_types(typed):
    marked = {"accuses", "threatens", "denies", "claims_responsibility", "reports_measurement"}
    for start in ("The port authority, which is responsible for maintaining", "The cooperative urged members",
                  "Analysts said shipments", "Holt said the broadcaster had denied the hackers", "Holt said the broadcaster would ask"):
        assert _found(typed, start) & marked == set(), start


def test_one_sentence_holds_an_accusation_and_a_threat_each_its_own_claim(fields_db):
    rows = list(fields_db.query("select type, object_id, condition from claims where sentence like '%complicit in the attack%'"))
    assert {r["type"] for r in rows} >= {"accuses", "threatens"}
    assert next(r for r in rows if r["type"] == "accuses")["object_id"] == "galdria"


def test_hedged_accusations_keep_their_type_with_lower_certainty_and_the_hedge(fields_db):
    for fragment, hedge in (("Some dock workers suspected", "suspected"), ("possibly the work of a private group", "possibly")):
        rows = list(fields_db.query("select certainty, hedge from claims where type = 'accuses' and sentence like ?", [f"%{fragment}%"]))
        assert rows and all(r["certainty"] < 1 for r in rows) and hedge in {r["hedge"] for r in rows}, fragment
