"""The general frames (extract/claim_threats.py, extract/claim_blame.py, the observation
``operating_again`` and the figures that measure nothing): each rule on hand-parsed docs (rows
are ``word lemma POS TAG dep head-index``; no model), then the classes end to end through the
real CLI on the invented articles of tests/fixtures/claim_types/roles2.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from claimgraph.extract import claim_blame, claim_threats
from claimgraph.extract.claim_frames import not_a_measurement
from claimgraph.extract.claim_structures import match_all
from claim_fixtures import extracted_part, parse, types_by_sentence


def frames(doc: Doc, reported: bool = True) -> list[tuple[str, str]]:
    return [(m.type, m.frame) for m in match_all(doc, reported)]


# --------------------------------------------------------------------------- threatens

FREEZE_IF = """
it it PRON PRP nsubj 2
would would AUX MD aux 2
freeze freeze VERB VB ROOT 2
accounts account NOUN NNS dobj 2
if if SCONJ IN mark 7
the the DET DT det 6
turnout turnout NOUN NN nsubj 7
fell fall VERB VBD advcl 2
"""


def test_a_partys_coercive_act_made_conditional_threatens_and_a_forecast_does_not():
    assert frames(parse(FREEZE_IF)) == [("threatens", "conditioned_act")]
    assert frames(parse(FREEZE_IF), reported=False) == []
    # "the analysts would freeze ... if": a forecaster acts on no one
    assert frames(parse(FREEZE_IF.replace("it it PRON PRP nsubj 2", "analysts analyst NOUN NNS nsubj 2"))) == []
    # with no condition, freezing accounts is a plan, not a threat
    assert frames(parse("\n".join(FREEZE_IF.strip().splitlines()[:4]))) == []
    # publishing is coercive only as the price of another party's act: "if the turnout fell" is no demand
    assert frames(parse(FREEZE_IF.replace("freeze freeze", "publish publish"))) == []
    assert frames(parse(FREEZE_IF.replace("freeze freeze", "publish publish").replace("turnout turnout", "insurer insurer"))) \
        == [("threatens", "conditional_consequence")]


FINED_IF = """
the the DET DT det 1
club club NOUN NN nsubjpass 4
would would AUX MD aux 4
be be AUX VB auxpass 4
fined fin VERB VBN ROOT 4
if if SCONJ IN mark 8
the the DET DT det 7
audit audit NOUN NN nsubj 8
failed fail VERB VBD advcl 4
"""


def test_a_punishment_in_the_passive_with_a_condition_threatens():
    assert frames(parse(FINED_IF)) == [("threatens", "conditioned_act")]
    assert frames(parse(FINED_IF.replace("fined fin VERB", "praised praise VERB"))) == []


READY = """
the the DET DT det 1
government government NOUN NN nsubj 2
stood stand VERB VBD ROOT 2
ready ready ADJ JJ acomp 2
to to PART TO aux 5
seize seize VERB VB xcomp 3
boats boat NOUN NNS dobj 5
"""


def test_a_party_ready_to_coerce_threatens_and_ready_to_help_does_not():
    assert frames(parse(READY)) == [("threatens", "readiness")]
    assert frames(parse(READY.replace("seize seize", "help help"))) == []


ANSWERED = """
any any DET DT det 1
expulsion expulsion NOUN NN nsubjpass 4
would would AUX MD aux 4
be be AUX VB auxpass 4
answered answer VERB VBN ROOT 4
"""


def test_any_act_answered_ahead_threatens_and_a_letter_answered_does_not():
    assert frames(parse(ANSWERED)) == [("threatens", "answered_act")]
    assert frames(parse(ANSWERED.replace("any any DET DT det 1", "the the DET DT det 1"))) == []


# --------------------------------------------------------------------------- accuses, denies, claims

CULPRIT = """
the the DET DT det 2
real real ADJ JJ amod 2
culprit culprit NOUN NN nsubj 3
was be AUX VBD ROOT 3
Kelvar Kelvar PROPN NNP attr 3
"""

AUTHOR = """
the the DET DT det 1
author author NOUN NN nsubj 5
of of ADP IN prep 1
the the DET DT det 4
jamming jamming NOUN NN pobj 2
was be AUX VBD ROOT 5
Kelvar Kelvar PROPN NNP attr 5
"""


def test_a_blame_noun_as_subject_accuses_its_attribute():
    assert frames(parse(CULPRIT, {4: "GPE"})) == [("accuses", "blame_subject")]
    assert frames(parse(AUTHOR, {6: "GPE"})) == [("accuses", "blame_subject")]
    # the author of a report blames no one
    assert frames(parse(AUTHOR.replace("jamming jamming", "report report"), {6: "GPE"})) == []


ATTEMPT = """
it it PRON PRP nsubj 1
was be AUX VBD ROOT 1
a a DET DT det 4
deliberate deliberate ADJ JJ amod 4
attempt attempt NOUN NN attr 1
by by ADP IN prep 4
Sorvia Sorvia PROPN NNP pobj 5
"""


def test_a_deliberate_act_by_a_party_accuses_it_and_a_plain_effort_does_not():
    assert frames(parse(ATTEMPT, {6: "GPE"})) == [("accuses", "deliberate_by")]
    assert frames(parse(ATTEMPT.replace("deliberate deliberate", "new new"), {6: "GPE"})) == []


NO_CONNECTION = """
its its PRON PRP$ poss 1
forces force NOUN NNS nsubj 2
had have VERB VBD ROOT 2
no no DET DT det 4
connection connection NOUN NN dobj 2
with with ADP IN prep 4
the the DET DT det 7
blackout blackout NOUN NN pobj 5
"""


def test_a_negated_part_in_an_incident_denies():
    assert frames(parse(NO_CONNECTION)) == [("denies", "no_part")]
    # "no connection with the internet" denies nothing
    assert frames(parse(NO_CONNECTION.replace("blackout blackout", "internet internet"))) == []


OWN_PART = """
it it PRON PRP nsubj 2
had have AUX VBD aux 2
sold sell VERB VBN ROOT 2
the the DET DT det 5
stolen stolen ADJ JJ amod 5
passwords password NOUN NNS dobj 2
"""


def test_a_speakers_own_part_in_a_harms_means_claims_responsibility():
    assert frames(parse(OWN_PART)) == [("claims_responsibility", "own_part")]
    assert frames(parse(OWN_PART), reported=False) == []
    # "it had sold the old passwords": no harm in the chain
    assert frames(parse(OWN_PART.replace("stolen stolen", "old old"))) == []


# --------------------------------------------------------------------------- measurements

AGAIN = """
engineers engineer NOUN NNS nsubj 1
had have VERB VBD ROOT 1
the the DET DT det 3
pumps pump NOUN NNS dobj 1
running run VERB VBG acl 3
again again ADV RB advmod 4
by by ADP IN prep 4
Sunday Sunday PROPN NNP pobj 6
"""


def test_a_service_operating_again_by_a_time_is_a_measurement():
    assert ("reports_measurement", "operating_again") in frames(parse(AGAIN, {7: "DATE"}), reported=False)
    assert ("reports_measurement", "operating_again") not in frames(parse(AGAIN), reported=False)


def test_figures_of_a_coercive_act_a_standing_price_or_an_instruction_measure_nothing():
    detained = parse("""
vessels vessel NOUN NNS nsubj 1
detained detain VERB VBD ROOT 1
four four NUM CD nummod 3
trawlers trawler NOUN NNS dobj 1
""")
    assert not_a_measurement(detained[3])
    assert frames(detained, reported=False) == []
    fee = parse("""
ports port NOUN NNS nsubj 1
charge charge VERB VBP ROOT 1
a a DET DT det 3
fee fee NOUN NN dobj 1
of of ADP IN prep 3
4 4 NUM CD nummod 6
percent percent NOUN NN pobj 4
""")
    assert not_a_measurement(fee[6])
    charged = parse("""
ports port NOUN NNS nsubj 1
charged charge VERB VBD ROOT 1
a a DET DT det 3
fee fee NOUN NN dobj 1
of of ADP IN prep 3
4 4 NUM CD nummod 6
percent percent NOUN NN pobj 4
""")
    assert not not_a_measurement(charged[6])  # a price charged on a day may be an event's figure


def test_the_general_rules_are_all_tested_here():
    # formal_action and act_kept_open are tested in test_claim_news.py, culprits_ahead in test_claim_culprits.py,
    # intrusion_place, own_wrong_denied and harm_not_cause in test_claim_evidence.py,
    # reckoning_ahead in test_claim_reckoning.py
    assert {r.__name__ for _, r, _ in claim_threats.ANCHORS} == {"conditioned_act", "readiness", "answered_act", "not_ruled_out",
                                                                "formal_action", "act_kept_open", "culprits_ahead", "reckoning_ahead",
                                                                "declared_target"}
    assert {r.__name__ for _, r, _ in claim_blame.ANCHORS} == {"blame_subject", "deliberate_by", "marks_of", "linked_means", "wrongful_act",
                                                              "no_part", "own_part", "intrusion_place", "held_on_suspicion",
                                                              "own_wrong_denied", "harm_not_cause"}


# --------------------------------------------------------------------------- through the CLI


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    """Each gold sentence of the roles2 part: its gold types and the types extracted there."""
    return types_by_sentence(extracted_part(tmp_path_factory.mktemp("claim_general"), "roles2"), "roles2")


@pytest.mark.parametrize("claim_type, recall", [("threatens", 1.0), ("denies", 1.0), ("accuses", 0.8),
                                                ("reports_measurement", 0.8)])
def test_each_class_is_found_on_roles2_and_typed_nowhere_else(typed, claim_type, recall):
    gold = [got for _, want, got in typed if claim_type in want]
    assert sum(claim_type in got for got in gold) >= recall * len(gold)
    assert [text for text, want, got in typed if claim_type in got and claim_type not in want] == []


NOT_RULED_OUT = """
Varia Varia PROPN NNP nsubj 3
did do AUX VBD aux 3
not not PART RB neg 3
rule rule VERB VB ROOT 3
out out ADP RP prt 3
military military ADJ JJ amod 6
action action NOUN NN dobj 3
"""


def test_a_hostile_measure_not_ruled_out_threatens_and_a_cause_not_ruled_out_does_not():
    assert frames(parse(NOT_RULED_OUT, {0: "GPE"})) == [("threatens", "not_ruled_out")]
    assert frames(parse(NOT_RULED_OUT.replace("action action", "fault fault"), {0: "GPE"})) == []


SUSPECTED = """
a a DET DT det 1
crew crew NOUN NN nsubjpass 3
was be AUX VBD auxpass 3
suspected suspect VERB VBN ROOT 3
of of ADP IN prep 3
the the DET DT det 6
attack attack NOUN NN pobj 4
"""


def test_a_party_suspected_of_a_harm_is_accused():
    assert frames(parse(SUSPECTED)) == [("accuses", "accusing_verb")]
    assert frames(parse(SUSPECTED.replace("attack attack", "flu flu"))) == []


SEIZED_ILLEGALLY = """
the the DET DT det 1
boats boat NOUN NNS nsubjpass 4
had have AUX VBD aux 4
been be AUX VBN auxpass 4
seized seize VERB VBN ROOT 4
illegally illegally ADV RB advmod 4
"""


def test_an_act_called_wrongful_in_a_statement_accuses():
    assert frames(parse(SEIZED_ILLEGALLY)) == [("accuses", "wrongful_act")]
    assert frames(parse(SEIZED_ILLEGALLY), reported=False) == []
    assert frames(parse(SEIZED_ILLEGALLY.replace("illegally illegally", "quickly quickly"))) == []
