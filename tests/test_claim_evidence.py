"""Accusations and denials read through the parser's slips (extract/claim_roles.py,
extract/claim_blame.py, extract/claim_fields.py): evidence pointing at a party, a party called
another's front, a harm's origin or agent, and the denials beside them. Each rule on hand-parsed
docs (rows are ``word lemma POS TAG dep head-index``; no model), then the classes end to end
through the real CLI on invented sentences.
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.extract.claim_structures import match_all
from claim_fixtures import assert_typed, parse


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


# --------------------------------------------------------------------------- a party called another's front

# "officials described Grey Heron as a Tarvanian front"
DESCRIBED_AS_FRONT = """
officials official NOUN NNS nsubj 1
described describe VERB VBD ROOT 1
Grey Grey PROPN NNP compound 3
Heron Heron PROPN NNP dobj 1
as as ADP IN prep 1
a a DET DT det 7
Tarvanian tarvanian ADJ JJ amod 7
front front NOUN NN pobj 4
"""

# "they called the group a proxy for Tarvania"
CALLED_PROXY = """
they they PRON PRP nsubj 1
called call VERB VBD ROOT 1
the the DET DT det 3
group group NOUN NN dobj 1
a a DET DT det 5
proxy proxy NOUN NN oprd 1
for for ADP IN prep 5
Tarvania Tarvania PROPN NNP pobj 6
"""

# "the minister branded the charity a front for Tarvania", read as two objects
BRANDED_FRONT = CALLED_PROXY.replace("called call", "branded brand").replace("group group", "charity charity") \
    .replace("proxy proxy NOUN NN oprd", "front front NOUN NN dobj")


def test_a_party_called_another_partys_front_or_proxy_accuses_the_one_behind_it():
    assert frames(parse(DESCRIBED_AS_FRONT, {2: "ORG", 3: "ORG", 6: "NORP"})) == [("accuses", "culpability")]
    assert frames(parse(CALLED_PROXY, {7: "GPE"})) == [("accuses", "culpability")]
    assert frames(parse(BRANDED_FRONT, {7: "GPE"})) == [("accuses", "culpability")]
    # "a puppet of Tarvania"
    assert frames(parse(CALLED_PROXY.replace("proxy proxy", "puppet puppet").replace("for for", "of of"), {7: "GPE"})) \
        == [("accuses", "culpability")]


def test_a_front_with_no_party_behind_it_or_of_a_place_accuses_no_one():
    # "described Grey Heron as a front": no one behind it
    assert frames(parse(DESCRIBED_AS_FRONT.replace("Tarvanian tarvanian ADJ JJ amod", "shell shell NOUN NN compound"))) == []
    # "the Tarvanian front" of a war is a place: a party modifier only of "a front"
    assert frames(parse(DESCRIBED_AS_FRONT.replace("a a DET DT det", "the the DET DT det"), {6: "NORP"})) == []
    # "the front of Tarvania" is its border, not its front organisation
    assert frames(parse(CALLED_PROXY.replace("proxy proxy", "front front").replace("for for", "of of"), {7: "GPE"})) == []
    # "they called the group a charity for Tarvania"
    assert frames(parse(CALLED_PROXY.replace("proxy proxy", "charity charity"), {7: "GPE"})) == []


# --------------------------------------------------------------------------- a harm's origin or agent through the parse

# 'the false signals were "beyond doubt" broadcast from Tarvania': the participle read as a noun
BROADCAST_BEYOND_DOUBT = """
the the DET DT det 2
false false ADJ JJ amod 2
signals signal NOUN NNS nsubj 3
were be AUX VBD ROOT 3
beyond beyond ADP IN prep 3
doubt doubt NOUN NN pobj 4
broadcast broadcast NOUN NN attr 3
from from ADP IN prep 6
Tarvania Tarvania PROPN NNP pobj 7
"""

# "the gang is run out of Tarvania's intelligence service"
RUN_OUT_OF = """
the the DET DT det 1
gang gang NOUN NN nsubjpass 3
is be AUX VBZ auxpass 3
run run VERB VBN ROOT 3
out out ADP IN prep 3
of of ADP IN prep 4
Tarvania Tarvania PROPN NNP poss 9
's 's PART POS case 6
intelligence intelligence NOUN NN compound 9
service service NOUN NN pobj 5
"""


def test_a_harms_origin_reads_through_a_misread_participle_and_out_of():
    assert frames(parse(BROADCAST_BEYOND_DOUBT, {8: "GPE"})) == [("accuses", "harm_origin")]
    # "false" makes a harm only of a carrier sent from somewhere: "the false boasts were ..." is none
    assert frames(parse(BROADCAST_BEYOND_DOUBT.replace("signals signal", "boasts boast"), {8: "GPE"})) == []
    # "the best part was a broadcast from Tarvania": a noun with its determiner is a noun
    assert frames(parse(BROADCAST_BEYOND_DOUBT.replace("beyond beyond ADP IN prep 3", "a a DET DT det 6"), {8: "GPE"})) == []
    assert frames(parse(RUN_OUT_OF, {6: "GPE"})) == [("accuses", "harm_origin")]
    assert frames(parse(RUN_OUT_OF.replace("gang gang", "shop shop"), {6: "GPE"})) == []  # a shop is no harm's agent


# "the break-in bore the hallmarks of Grey Moth, a hacking group": "bore" read as a noun
BORE_HALLMARKS = """
the the DET DT det 2
break break NOUN NN nmod 2
bore bore NOUN NN ROOT 2
the the DET DT det 4
hallmarks hallmark NOUN NNS appos 2
of of ADP IN prep 4
Grey Grey PROPN NNP compound 7
Moth Moth PROPN NNP pobj 5
, , PUNCT , punct 7
a a DET DT det 11
hacking hack VERB VBG amod 11
group group NOUN NN appos 7
"""


def test_the_hallmarks_of_a_party_named_as_a_harms_agent_accuse_it():
    assert frames(parse(BORE_HALLMARKS, {6: "ORG", 7: "ORG"})) == [("accuses", "marks_of")]
    # "the hallmarks of Grey Moth, a famous novelist": no harm's agent
    assert frames(parse(BORE_HALLMARKS.replace("hacking hack VERB VBG", "famous famous ADJ JJ")
                        .replace("group group", "novelist novelist"), {6: "PERSON", 7: "PERSON"})) == []


# "a Tarvanian hacking unit had been inside the rail network"
UNIT_INSIDE = """
a a DET DT det 3
Tarvanian tarvanian ADJ JJ amod 3
hacking hack VERB VBG amod 3
unit unit NOUN NN nsubj 5
had have AUX VBD aux 5
been be AUX VBN ROOT 5
inside inside ADP IN prep 5
the the DET DT det 9
rail rail NOUN NN compound 9
network network NOUN NN pobj 6
"""


def test_a_harms_agent_inside_a_system_accuses_and_no_agent_near_it_denies():
    assert frames(parse(UNIT_INSIDE, {1: "NORP"})) == [("accuses", "intrusion_place")]
    no_unit = UNIT_INSIDE.replace("a a DET DT det 3", "no no DET DT det 3").replace("inside inside", "near near")
    assert frames(parse(no_unit, {1: "NORP"})) == [("denies", "intrusion_place")]
    assert frames(parse(no_unit, {1: "NORP"}), reported=False) == []  # a denial is someone's
    # near a network is no intrusion; inside a town is no system; an unnamed unit may be the owner's
    assert frames(parse(UNIT_INSIDE.replace("inside inside", "near near"), {1: "NORP"})) == []
    assert frames(parse(UNIT_INSIDE.replace("network network", "town town"), {1: "NORP"})) == []
    assert frames(parse(UNIT_INSIDE.replace("Tarvanian tarvanian ADJ JJ amod", "security security NOUN NN compound")
                        .replace("hacking hack VERB VBG", "night night NOUN NN"))) == []


# --------------------------------------------------------------------------- denials

# "Tarvania had done nothing wrong"
DONE_NOTHING_WRONG = """
Tarvania Tarvania PROPN NNP nsubj 2
had have AUX VBD aux 2
done do VERB VBN ROOT 2
nothing nothing PRON NN dobj 2
wrong wrong ADJ JJ amod 3
"""

# "he did not do anything illegal"
NOT_ANYTHING_ILLEGAL = """
he he PRON PRP nsubj 3
did do AUX VBD aux 3
not not PART RB neg 3
do do VERB VB ROOT 3
anything anything PRON NN dobj 3
illegal illegal ADJ JJ amod 4
"""


def test_a_partys_own_wrong_negated_in_a_statement_denies():
    assert frames(parse(DONE_NOTHING_WRONG, {0: "GPE"})) == [("denies", "own_wrong_denied")]
    assert frames(parse(NOT_ANYTHING_ILLEGAL)) == [("denies", "own_wrong_denied")]
    assert frames(parse(DONE_NOTHING_WRONG, {0: "GPE"}), reported=False) == []  # a denial is someone's
    # "had done nothing useful", "did anything illegal" (a question's words) deny nothing
    assert ("denies", "own_wrong_denied") not in frames(parse(DONE_NOTHING_WRONG.replace("wrong wrong", "useful useful")))
    assert frames(parse(NOT_ANYTHING_ILLEGAL.replace("not not PART RB neg 3", "ever ever ADV RB advmod 3"))) == []


# 'called the accusations "hysteria"': the quoted label read as the allegation's head
CALLED_HYSTERIA = """
they they PRON PRP nsubj 1
called call VERB VBD ROOT 1
the the DET DT det 3
accusations accusation NOUN NNS nmod 5
" " PUNCT `` punct 5
hysteria hysteria PROPN NNP oprd 1
" " PUNCT '' punct 5
"""


def test_an_allegation_labelled_with_a_quoted_noun_is_denied():
    assert frames(parse(CALLED_HYSTERIA)) == [("denies", "labelled_allegation")]
    # "called the recipes 'hysteria'": no allegation
    assert frames(parse(CALLED_HYSTERIA.replace("accusations accusation", "recipes recipe"))) == []
    # read as the object: 'called [the accusations "theatre"]'
    assert frames(parse(CALLED_HYSTERIA.replace("hysteria hysteria PROPN NNP oprd", "theatre theatre NOUN NN dobj"))) \
        == [("denies", "labelled_allegation")]


# 'the site went down for maintenance, not because of any attack'
NOT_BECAUSE_OF = """
the the DET DT det 1
site site NOUN NN nsubj 2
went go VERB VBD ROOT 2
down down ADP RP prt 2
for for ADP IN prep 2
maintenance maintenance NOUN NN pobj 4
, , PUNCT , punct 2
not not PART RB neg 8
because because SCONJ IN prep 2
of of ADP IN pcomp 8
any any DET DT det 11
attack attack NOUN NN pobj 8
"""

# "the outage was not the result of an attack"
NOT_THE_RESULT = """
the the DET DT det 1
outage outage NOUN NN nsubj 2
was be AUX VBD ROOT 2
not not PART RB neg 2
the the DET DT det 5
result result NOUN NN attr 2
of of ADP IN prep 5
an an DET DT det 8
attack attack NOUN NN pobj 6
"""

# "the outage was caused by a faulty cable rather than an attack"
RATHER_THAN = """
the the DET DT det 1
outage outage NOUN NN nsubjpass 3
was be AUX VBD auxpass 3
caused cause VERB VBN ROOT 3
by by ADP IN agent 3
a a DET DT det 7
faulty faulty ADJ JJ amod 7
cable cable NOUN NN pobj 4
rather rather ADV RB advmod 9
than than ADP IN cc 7
an an DET DT det 11
attack attack NOUN NN pobj 9
"""


def test_a_harm_excluded_as_the_cause_is_denied():
    assert ("denies", "harm_not_cause") in frames(parse(NOT_BECAUSE_OF))  # beside the site's state
    assert frames(parse(NOT_THE_RESULT)) == [("denies", "harm_not_cause")]
    assert frames(parse(RATHER_THAN)) == [("denies", "harm_not_cause")]
    assert frames(parse(NOT_THE_RESULT), reported=False) == []
    # "may have been caused by a cable rather than an attack" is a guess, not a denial
    hedged = RATHER_THAN.replace("was be AUX VBD auxpass 3", "may may AUX MD aux 3")
    assert frames(parse(hedged)) == []


def test_a_harm_given_as_the_cause_or_an_act_chosen_over_it_denies_nothing():
    # "went down because of an attack" blames it
    assert ("denies", "harm_not_cause") not in frames(parse(NOT_BECAUSE_OF.replace("not not PART RB neg 8", "just just ADV RB advmod 8")))
    # "did not go down because of an attack": the "not" is the failure's, not the cause's
    negated_verb = NOT_BECAUSE_OF.replace("not not PART RB neg 8", "not not PART RB neg 2")
    assert ("denies", "harm_not_cause") not in frames(parse(negated_verb))
    # "the town chose talks rather than an attack"
    chose = RATHER_THAN.replace("caused cause VERB VBN ROOT 3", "chose choose VERB VBD ROOT 3") \
        .replace("by by ADP IN agent 3", "- - PUNCT HYPH punct 3").replace("cable cable NOUN NN pobj 4", "talks talk NOUN NNS dobj 3")
    assert frames(parse(chose)) == []


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
    # a party called another's front
    "Harbour officials have described the Grey Heron trust as a Dorvan front.": "accuses",
    "The minister called the group a proxy for Tarvania's army.": "accuses",
    "The prosecutor said the charity was a front for the Dorvan secret service.": "accuses",
    "Officials said the shipping firm was not a front for anyone.": "-accuses",
    "She described the club as a Dorvan charity.": "-accuses",
    "The band played at the front of the hall, the organisers said.": "-accuses",
    # a harm's origin or agent through the parse
    'The admiral said the false signals were "without doubt" broadcast from Dorvan naval bases.': "accuses",
    "The gang is widely believed to be run out of Tarvania's military intelligence, analysts said.": "accuses",
    "The minister said the break-in bore the hallmarks of Grey Moth, a hacking group.": "accuses",
    "The critic said the novel bore the hallmarks of Ann Lowe, a gifted writer.": "-accuses",
    "An intelligence official said a Dorvan hacking unit had been inside the port's network since June.": "accuses",
    "The company said its own security unit had been inside the network all night.": "-accuses",
    "The embassy said no Dorvan unit had ever been anywhere near the port's systems.": "denies",
    # denials
    "The consul told reporters that Tarvania had done nothing wrong.": "denies",
    "The foreign ministry called the accusations \"theatre\" and walked out.": "denies",
    "The utility said the pumps stopped because of a power cut, not because of any attack.": "denies",
    "The rail operator said the delays were not the result of a cyberattack.": "denies",
    "The operator said the trains did not run on Monday because of an attack on the signals.": "-denies",
    # held on suspicion of a deed: accused by whoever holds them
    "Police said they had arrested a 23-year-old in Tarn on suspicion of running the botnet used in the attack.": "accuses",
    "Two men were detained on suspicion of sabotage at the substation.": "accuses",
    "The minister rejected any suspicion of a cover-up.": "-accuses",
    # nothing to hide
    "The carrier says it has nothing to hide.": "denies",
    "The minister said the country had nothing to fear.": "-denies",
    # speculation about someone's deed accuses; about a storm's, it blames no one
    "Some lawmakers have openly speculated that an insider at the land registry sold the records.": "accuses",
    "Officials suspect that the storm damaged the cable.": "-accuses",
}


def test_each_class_through_the_cli(tmp_path):
    assert_typed(tmp_path, SENTENCES)
