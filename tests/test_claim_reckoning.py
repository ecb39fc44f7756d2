"""A reckoning promised to another party in a statement threatens it (claim_threats.reckoning_ahead):
"Varnia would regret any tariffs", "they will answer for it", "will find out what happens to ...",
"any blockade would cost them dearly"; the speaker's own side ("we will regret"), a purchase ("would
pay for new pumps"), a choice ("would regret nominating her") and a forecast ("would probably regret
it", or an analyst's: claim_speakers.unless_forecast) do not. The rule on hand-parsed docs,
then end to end through the real CLI on short invented sentences.
"""

from __future__ import annotations

from claimgraph.extract.claim_threats import reckoning_ahead
from claim_fixtures import assert_typed, parse

REGRET_TARIFFS = """
Varnia Varnia PROPN NNP nsubj 2
would would AUX MD aux 2
regret regret VERB VB ROOT 2
any any DET DT det 4
tariffs tariff NOUN NNS dobj 2
"""


def test_another_party_promised_regret_is_threatened():
    doc = parse(REGRET_TARIFFS, ents={0: "GPE"})
    match = reckoning_ahead(doc[2], True)
    assert match.type == "threatens" and match.target.text == "Varnia"
    assert reckoning_ahead(doc[2], False) is None  # narrated, said by no one
    ours = parse(REGRET_TARIFFS.replace("Varnia Varnia PROPN NNP", "we we PRON PRP"))
    assert reckoning_ahead(ours[2], True) is None  # the speaker's own side: remorse, not a threat
    for adverb in ("probably probably ADV RB advmod 3", "not not PART RB neg 3"):
        # a forecast ("would probably regret"), a refusal ("would not regret")
        qualified = parse(f"""
Varnia Varnia PROPN NNP nsubj 3
would would AUX MD aux 3
{adverb}
regret regret VERB VB ROOT 3
any any DET DT det 5
tariffs tariff NOUN NNS dobj 3
""", ents={0: "GPE"})
        assert reckoning_ahead(qualified[3], True) is None, adverb

PAY_FOR = """
they they PRON PRP nsubj 2
would would AUX MD aux 2
pay pay VERB VB ROOT 2
for for ADP IN prep 2
the the DET DT det 5
raid raid NOUN NN pobj 3
"""


def test_regretting_a_harm_is_a_reckoning_and_regretting_a_choice_is_not():
    rows = """
Tarsk Tarsk PROPN NNP nsubj 2
would would AUX MD aux 2
regret regret VERB VB ROOT 2
attacking attack VERB VBG xcomp 2
the the DET DT det 5
ferries ferry NOUN NNS dobj 3
"""
    assert reckoning_ahead(parse(rows, ents={0: "GPE"})[2], True) is not None
    choice = parse(rows.replace("attacking attack", "nominating nominate").replace("ferries ferry", "candidates candidate"), ents={0: "GPE"})
    assert reckoning_ahead(choice[2], True) is None


def test_paying_for_a_deed_is_a_reckoning_and_paying_for_a_purchase_is_not():
    doc = parse(PAY_FOR)
    assert reckoning_ahead(doc[2], True).target.text == "they"
    pumps = parse(PAY_FOR.replace("raid raid NOUN NN", "pumps pump NOUN NNS"))
    assert reckoning_ahead(pumps[2], True) is None


COST_THEM = """
any any DET DT det 1
blockade blockade NOUN NN nsubj 3
would would AUX MD aux 3
cost cost VERB VB ROOT 3
them they PRON PRP dobj 3
dearly dearly ADV RB advmod 3
"""


def test_a_cost_put_on_a_party_is_a_reckoning_and_a_price_in_money_is_not():
    doc = parse(COST_THEM)
    assert reckoning_ahead(doc[3], True).target.text == "them"
    money = parse("""
the the DET DT det 1
plan plan NOUN NN nsubj 3
would would AUX MD aux 3
cost cost VERB VB ROOT 3
families family NOUN NNS dative 3
millions million NOUN NNS dobj 3
""")
    assert reckoning_ahead(money[3], True) is None  # two objects: a price, not a reckoning
    us = parse(COST_THEM.replace("them they PRON PRP", "us we PRON PRP"))
    assert reckoning_ahead(us[3], True) is None


FIND_OUT = """
Dormund Dormund PROPN NNP nsubj 2
will will AUX MD aux 2
find find VERB VB ROOT 2
out out ADP RP prt 2
what what PRON WP nsubj 5
happens happen VERB VBZ ccomp 2
to to ADP IN prep 5
smugglers smuggler NOUN NNS pobj 6
"""


def test_finding_out_what_befalls_is_a_reckoning_and_finding_out_a_fact_is_not():
    doc = parse(FIND_OUT)
    assert reckoning_ahead(doc[2], True) is not None
    results = parse("""
Dormund Dormund PROPN NNP nsubj 2
will will AUX MD aux 2
find find VERB VB ROOT 2
out out ADP RP prt 2
the the DET DT det 5
results result NOUN NNS dobj 2
""")
    assert reckoning_ahead(results[2], True) is None


SENTENCES = {
    "The foreign minister warned that Varnia would regret any tariffs on its grain.": "threatens",
    "\"They will answer for every village they burned,\" the governor told reporters.": "threatens",
    "The admiral said that Dormund will find out what happens to navies that ram fishing boats.": "threatens",
    "Officials said the smugglers would learn a hard lesson if they returned.": "threatens",
    "She warned that any blockade of the harbour would cost them dearly.": "threatens",
    "The general said the raiders would pay dearly for the ambush.": "threatens",
    "The minister said whoever burned the depot will pay.": "threatens",
    # a purchase, the speaker's own side, a forecast, a price in money: no threat
    "The mayor said the council would pay for new pumps at the waterworks.": "-threatens",
    "The coach said we would regret this defeat for a long time.": "-threatens",
    "The analyst said shareholders would probably regret the merger.": "-threatens",
    "The treasurer said the new bridge would cost taxpayers 40 million crowns.": "-threatens",
    "The teacher said the pupils would find out their marks on Friday.": "-threatens",
    # political forecasts: a forecaster's word, a choice regretted, a cost no one imposes
    "The analyst said Varnia would regret the tariffs.": "-threatens",
    "The senator said her party would regret nominating Hale.": "-threatens",
    "The columnist said the scandal would cost the mayor dearly.": "-threatens",
    # something declared a target
    "A masked spokesman warned that every port in Tarvia was now a legitimate target.": "threatens",
    "An analyst said ferry terminals would become a routine target in future conflicts.": "-threatens",
}


def test_each_class_through_the_cli(tmp_path):
    assert_typed(tmp_path, SENTENCES)
