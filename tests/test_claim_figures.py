"""Decided and planned figures (extract/claim_figures.py) and the field frames added with them (denials by
"no such" and "nothing to suggest", a wrong negated of oneself, threats of a punishment a modal holds over a
party and of a future answer to another side's penalty, one's own members' deed): each rule on hand-parsed
docs (rows are ``word lemma POS TAG dep head-index``; no model), then the classes end to end through the
real CLI on short invented sentences.
"""

from __future__ import annotations

from claimgraph.extract import claim_fields
from claimgraph.extract.claim_frames import not_a_measurement
from claimgraph.extract.claim_structures import match_all
from claim_fixtures import extracted_types, parse


def frames(doc, reported: bool = True) -> set[tuple[str, str]]:
    return {(m.type, m.frame) for m in match_all(doc, reported)}


# --------------------------------------------------------------------------- decided figures

VOTE_TALLY = """
The the DET DT det 1
bill bill NOUN NN nsubj 2
cleared clear VERB VBD ROOT 2
the the DET DT det 4
assembly assembly NOUN NN dobj 2
by by ADP IN prep 2
61 61 NUM CD nummod 7
votes vote NOUN NNS pobj 5
"""

SAVED_AHEAD = """
the the DET DT det 1
changes change NOUN NNS nsubj 3
would would AUX MD aux 3
save save VERB VB ROOT 3
400,000 400,000 NUM CD nummod 5
euros euro NOUN NNS dobj 3
"""

FEES_LIFTED = """
The the DET DT det 1
ordinance ordinance NOUN NN nsubj 2
lifts lift VERB VBZ ROOT 2
parking parking NOUN NN compound 4
fees fee NOUN NNS dobj 2
by by ADP IN prep 2
15 15 NUM CD nummod 7
percent percent NOUN NN pobj 5
"""

POLL_SHARE = """
46 46 NUM CD nummod 1
percent percent NOUN NN nsubj 3
would would AUX MD aux 3
choose choose VERB VB ROOT 3
Ames Ames PROPN NNP dobj 3
"""


def test_a_vote_tally_a_figure_ahead_and_a_fee_lifted_are_no_measurement():
    assert not_a_measurement(parse(VOTE_TALLY)[7])
    assert not_a_measurement(parse(SAVED_AHEAD)[5])
    assert ("reports_measurement", "figures") not in frames(parse(SAVED_AHEAD))
    assert not_a_measurement(parse(FEES_LIFTED)[7])
    assert ("reports_measurement", "change_verbs") not in frames(parse(FEES_LIFTED), False)


def test_what_moved_by_itself_and_a_polled_share_stay_measured():
    traffic = FEES_LIFTED.replace("ordinance ordinance NOUN NN nsubj 2", "traffic traffic NOUN NN nsubj 2") \
        .replace("lifts lift VERB VBZ ROOT 2", "fell fall VERB VBD ROOT 2").replace("fees fee NOUN NNS dobj 2", "again again ADV RB advmod 2")
    assert not not_a_measurement(parse(traffic)[7])
    assert ("reports_measurement", "change_verbs") in frames(parse(traffic), False)
    assert not not_a_measurement(parse(POLL_SHARE)[1])
    assert not not_a_measurement(parse(VOTE_TALLY.replace("votes vote NOUN NNS pobj 5", "hours hour NOUN NNS pobj 5")
                                       .replace("cleared clear VERB VBD ROOT 2", "stayed stay VERB VBD ROOT 2"))[7])


# --------------------------------------------------------------------------- denials

NO_SUCH = """
She she PRON PRP nsubj 1
knew know VERB VBD ROOT 1
of of ADP IN prep 1
no no DET DT det 5
such such ADJ JJ amod 5
payments payment NOUN NNS pobj 2
"""

NOTHING_TO_SUGGEST = """
The the DET DT det 1
auditors auditor NOUN NNS nsubj 2
found find VERB VBD ROOT 2
nothing nothing PRON NN dobj 2
to to PART TO aux 5
suggest suggest VERB VB relcl 3
fraud fraud NOUN NN dobj 5
"""

NEVER_HACKED = """
It it PRON PRP nsubj 3
had have AUX VBD aux 3
never never ADV RB neg 3
hacked hack VERB VBN ROOT 3
any any DET DT det 5
hospital hospital NOUN NN dobj 3
"""


def test_no_such_and_nothing_to_suggest_deny_and_a_plain_no_does_not():
    assert ("denies", "no_such") in frames(parse(NO_SUCH))
    assert ("denies", "no_such") not in frames(parse(NO_SUCH), False)  # only in someone's statement
    assert ("denies", "no_such") not in frames(parse(NO_SUCH.replace("such such ADJ JJ amod 5", "new new ADJ JJ amod 5")))
    assert ("denies", "nothing_suggests") in frames(parse(NOTHING_TO_SUGGEST))
    assert ("denies", "nothing_suggests") not in frames(parse(NOTHING_TO_SUGGEST.replace("suggest suggest VERB VB", "eat eat VERB VB")))


def test_a_wrong_negated_of_oneself_denies_and_negated_of_another_accuses_no_one():
    assert ("denies", "wrong_deed") in frames(parse(NEVER_HACKED))
    assert "accuses" in {t for t, _ in frames(parse(NEVER_HACKED.replace("never never ADV RB neg 3", "then then ADV RB advmod 3")
                                                     .replace("It it PRON PRP nsubj 3", "Kessa Kessa PROPN NNP nsubj 3"), {0: "ORG"}))}
    other = parse(NEVER_HACKED.replace("It it PRON PRP nsubj 3", "Kessa Kessa PROPN NNP nsubj 3"), {0: "ORG"})
    assert ("denies", "wrong_deed") not in frames(other) and "accuses" not in {t for t, _ in frames(other)}


# --------------------------------------------------------------------------- threats and own deeds

COULD_FINE = """
The the DET DT det 1
league league NOUN NN nsubj 3
could could AUX MD aux 3
fine fine VERB VB ROOT 3
Kelby Kelby PROPN NNP dobj 3
"""

ANSWER_ANY = """
It it PRON PRP nsubj 2
would would AUX MD aux 2
answer answer VERB VB ROOT 2
any any DET DT det 4
sanctions sanction NOUN NNS dobj 2
"""

OWN_MEMBERS = """
Its its PRON PRP$ poss 1
members member NOUN NNS nsubj 3
had have AUX VBD aux 3
set set VERB VBN ROOT 3
the the DET DT det 5
depot depot NOUN NN dobj 3
on on ADP IN prep 5
fire fire NOUN NN pobj 6
"""


def test_a_punishment_a_modal_holds_over_a_party_threatens_and_a_past_one_does_not():
    assert ("threatens", "punished_ahead") in frames(parse(COULD_FINE, {4: "ORG"}), False)
    assert ("threatens", "punished_ahead") not in frames(parse(COULD_FINE.replace("could could AUX MD aux 3", "then then ADV RB advmod 3")
                                                                .replace("fine fine VERB VB", "fined fine VERB VBD"), {4: "ORG"}), False)


def test_answering_another_sides_penalty_threatens_and_answering_questions_does_not():
    assert ("threatens", "answered_act") in frames(parse(ANSWER_ANY))
    assert ("threatens", "answered_act") not in frames(parse(ANSWER_ANY.replace("sanctions sanction", "questions question")))


def test_a_deed_of_ones_own_members_claims_responsibility():
    types = {t for t, _ in frames(parse(OWN_MEMBERS))}
    assert "claims_responsibility" in types and "accuses" not in types
    assert "claims_responsibility" not in {t for t, _ in frames(parse(OWN_MEMBERS.replace("Its its PRON PRP$", "Their their PRON PRP$")))}


# --------------------------------------------------------------------------- through the CLI

SENTENCES = {
    # decided and planned figures: no measurement
    "The harbour board approved a 40 million euro dredging budget on Tuesday.": "-",
    "The motion passed by nine votes to three.": "-",
    "The toll company said the new bridge would carry about 9,000 cars a day.": "predicts",
    # observed figures: measurements
    "The storm left 52,000 households without electricity for two days, the utility said.": "reports_measurement",
    "Calls to the emergency line fell by 60 percent on Sunday.": "reports_measurement",
    # denials, threats, own deeds
    "The mayor said she knew of no such contract.": "denies",
    "The inspectors found nothing to suggest that the pumps had been tampered with.": "denies",
    "The ministry said it had never interfered with the ballots.": "denies",
    "The regulator said Orvane Freight could be fined if it missed the deadline.": "threatens",
    "The energy ministry said Osland would halt gas deliveries unless the raids ended.": "threatens",
    "The sports ministry said it would answer any new sanctions in kind.": "threatens",
    "The spokesman said the office would answer any questions on Friday.": "predicts",
    # ("boasted on a forum that ..." is read as no statement at all: the attribution stage's, not the typing's, miss)
    "A student boasted that he had knocked the library's booking site offline.": "claims_responsibility",
}


def test_each_class_through_the_cli(tmp_path):
    found = extracted_types(tmp_path, SENTENCES)
    for sentence, wanted in SENTENCES.items():
        if wanted == "-":
            assert "reports_measurement" not in found[sentence], sentence
        else:
            assert wanted in found[sentence], (sentence, found[sentence])
            if wanted in ("predicts", "denies", "claims_responsibility"):
                assert not found[sentence] & {"threatens", "accuses", "reports_measurement"} - {wanted}, (sentence, found[sentence])


STAGED = """
a a DET DT det 1
faction faction NOUN NN nsubj 6
within within ADP IN prep 1
the the DET DT det 4
army army NOUN NN pobj 2
had have AUX VBD aux 6
staged stage VERB VBN ROOT 6
the the DET DT det 8
bombing bombing NOUN NN dobj 6
"""


def test_a_party_staging_a_harm_is_accused_and_staging_a_play_accuses_no_one():
    staged = claim_fields.wrong_deed(parse(STAGED)[6], True)
    assert staged is not None and (staged.type, staged.target.text) == ("accuses", "faction")
    assert claim_fields.wrong_deed(parse(STAGED.replace("bombing bombing NOUN", "play play NOUN"))[6], True) is None
    assert "accuses" not in {t for t, _ in frames(parse(STAGED.replace("bombing bombing NOUN", "play play NOUN")))}
    hid_nothing = parse(OWN_MEMBERS.replace("set set VERB VBN ROOT 3", "hidden hide VERB VBN ROOT 3")
                        .replace("the the DET DT det 5\ndepot depot NOUN NN dobj 3\non on ADP IN prep 5\nfire fire NOUN NN pobj 6",
                                 "nothing nothing PRON NN dobj 3"))
    assert ("denies", "wrong_deed") in frames(hid_nothing) and "claims_responsibility" not in {t for t, _ in frames(hid_nothing)}
