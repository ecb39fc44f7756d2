"""Accusations and denials read through the parser's slips (extract/claim_roles.py,
extract/claim_blame.py, extract/claim_fields.py): evidence pointing at a party, a party called
another's front, a harm's origin or agent, and the denials beside them. Each rule on hand-parsed
docs (rows are ``word lemma POS TAG dep head-index``; no model), then the classes end to end
through the real CLI on invented sentences.
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.extract.claim_structures import match_all
from claim_fixtures import extracted_types, parse


def frames(doc: Doc, reported: bool = True) -> list[tuple[str, str]]:
    return [(m.type, m.frame) for m in match_all(doc, reported)]


# --------------------------------------------------------------------------- evidence pointing at a party

# "all the clues point to Tarvania": the tagger reads "point" as a noun
CLUES_POINT = """
all all DET PDT predet 2
the the DET DT det 2
clues clue NOUN NNS nsubj 3
point point NOUN NN ROOT 3
to to ADP IN prep 3
Tarvania Tarvania PROPN NNP pobj 4
"""

# "everything we have points to Tarvania": read as "we have points"
EVERYTHING_WE_HAVE = """
everything everything PRON NN ROOT 0
we we PRON PRP nsubj 2
have have VERB VBP relcl 0
points point NOUN NNS dobj 2
to to ADP IN prep 3
Tarvania Tarvania PROPN NNP pobj 4
"""

# "the trail leads back to Tarvania"
TRAIL_LEADS_BACK = """
the the DET DT det 1
trail trail NOUN NN nsubj 2
leads lead VERB VBZ ROOT 2
back back ADV RB advmod 2
to to ADP IN prep 3
Tarvania Tarvania PROPN NNP pobj 4
"""


def test_evidence_pointing_at_a_party_accuses_it_however_the_parser_reads_point():
    assert frames(parse(CLUES_POINT, {5: "GPE"})) == [("accuses", "evidence_points")]
    assert frames(parse(EVERYTHING_WE_HAVE, {5: "GPE"})) == [("accuses", "evidence_points")]
    assert frames(parse(TRAIL_LEADS_BACK, {5: "GPE"})) == [("accuses", "evidence_points")]
    # "all the clues point to Tarvania" needs a party: "to Tarvania" with no entity names none
    assert frames(parse(CLUES_POINT)) == []
    # "the rumours point to Tarvania": rumours are no evidence
    assert frames(parse(CLUES_POINT.replace("clues clue", "rumours rumour"), {5: "GPE"})) == []
    # "the things we have points": a relative clause on any noun but evidence is no pointing
    assert frames(parse(EVERYTHING_WE_HAVE.replace("everything everything PRON", "friends friend NOUN"), {5: "GPE"})) == []


# "the signs point to Tarvania raising rates": a forecast, not blame
SIGNS_FORECAST = """
the the DET DT det 1
signs sign NOUN NNS nsubj 2
point point VERB VBP ROOT 2
to to ADP IN prep 2
Tarvania Tarvania PROPN NNP pobj 3
raising raise VERB VBG advcl 2
rates rate NOUN NNS dobj 5
"""

# "all the clues point to a slowdown in Tarvania": a party in a place is not the one pointed at
SLOWDOWN_IN = """
all all DET PDT predet 2
the the DET DT det 2
clues clue NOUN NNS nsubj 3
point point VERB VBP ROOT 3
to to ADP IN prep 3
a a DET DT det 6
slowdown slowdown NOUN NN pobj 4
in in ADP IN prep 6
Tarvania Tarvania PROPN NNP pobj 7
"""


def test_signs_pointing_to_an_act_ahead_or_to_a_thing_in_a_country_accuse_no_one():
    assert frames(parse(SIGNS_FORECAST, {4: "GPE"})) == []
    assert frames(parse(SLOWDOWN_IN, {8: "GPE"})) == []


# --------------------------------------------------------------------------- through the CLI

SENTENCES = {
    # evidence pointing at a party
    "The port authority said all the clues point to Tarvania.": "accuses",
    "Everything we have found points to the Dorvan navy, the admiral told reporters.": "accuses",
    "The trail leads back to the Dorvan navy, investigators said.": "accuses",
    "Every sign points to Tarvania, the minister said.": "accuses",
    "All the signs point to the Dorvan central bank raising rates, the economist said.": "-accuses",
    "Everything points to a good harvest in Tarvania this year, the farmers said.": "-accuses",
    "All roads lead to Lisbon, the coach said.": "-accuses",
}


def test_each_class_through_the_cli(tmp_path):
    found = extracted_types(tmp_path, SENTENCES)
    for sentence, wanted in SENTENCES.items():
        if wanted.startswith("-"):
            assert wanted[1:] not in found[sentence], (sentence, found[sentence])
        else:
            assert wanted in found[sentence], (sentence, found[sentence])
