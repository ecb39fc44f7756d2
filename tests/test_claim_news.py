"""Claim typing on ordinary news (this round's classes, read on the dev parts ``fresh7``, ``general1``
and ``general2``): figures that place an act in time or describe who took part measure nothing
(extract/claim_figures.py); a party's formal action announced ahead threatens, and a leverage act
threatens when made conditional on another side's harm or decision (extract/claim_threats.py); an
account or anything denied as "any" is denied, not refused (claim_roles.refused_object); a quantity cut
by a figure is no hostile act, and culpability is for a harm or a wrong, not a goal (claim_fields); a
past form the tagger lemmatises wrongly still anchors its field ("staged" -> "stag"); a promise the
parser joins to what the speaker said keeps the speaker; a punishment kept open threatens; a cause
group's own past act, told by itself, claims responsibility (claim_speakers.cue_fields); a plan said not to
exist denies (claim_fields.no_plan); "threatening messages" threaten no one (claim_parts.trigger_type); a
party's "whose" agents doing harm accuse the party (claim_roles.harm_doer). Each rule on hand-parsed docs (rows are ``word lemma POS TAG dep
head-index``; no model), then the classes end to end through the real CLI on short invented sentences.
"""

from __future__ import annotations

from claimgraph.extract import claim_fields, claim_roles, claim_structures, claim_threats
from claimgraph.extract.claim_figures import changed_by_figure, descriptive_count, score_figure, timing_figure, unobserved_figure
from claimgraph.extract.claim_roles import refused_object
from claimgraph.extract.lemmas import mended_lemma
from claim_fixtures import extracted_types, parse

# --------------------------------------------------------------------------- times that place an act

WEEKS_BEFORE = """
The the DET DT det 1
poll poll NOUN NN nsubjpass 3
was be AUX VBD auxpass 3
taken take VERB VBN ROOT 3
two two NUM CD nummod 5
weeks week NOUN NNS npadvmod 6
before before ADP IN prep 3
the the DET DT det 8
vote vote NOUN NN pobj 6
"""

DELETED_WITHIN = """
The the DET DT det 1
images image NOUN NNS nsubjpass 3
were be AUX VBD auxpass 3
deleted delete VERB VBN ROOT 3
within within ADP IN prep 3
24 24 NUM CD nummod 6
hours hour NOUN NNS pobj 4
"""

UNREACHABLE_FOR = """
The the DET DT det 1
site site NOUN NN nsubj 2
was be AUX VBD ROOT 2
unreachable unreachable ADJ JJ acomp 2
for for ADP IN prep 2
five five NUM CD nummod 6
hours hour NOUN NNS pobj 4
"""


def test_a_time_that_places_or_bounds_an_act_measures_nothing():
    assert timing_figure(parse(WEEKS_BEFORE)[5])
    assert timing_figure(parse(DELETED_WITHIN)[6])
    # an act ahead: "would file suit if the footage was not released within 30 days"
    ahead = DELETED_WITHIN.replace("were be AUX VBD auxpass 3", "would would AUX MD aux 3").replace(
        "deleted delete VERB VBN ROOT 3", "delete delete VERB VB ROOT 3").replace("images image NOUN NNS nsubjpass", "staff staff NOUN NNS nsubj")
    assert timing_figure(parse(ahead)[6])


def test_how_long_a_state_or_a_disruption_lasted_stays_measured():
    assert not timing_figure(parse(UNREACHABLE_FOR)[6])
    # "for" says how long it lasted, even of an act done to something: "ambulances were diverted for 36 hours"
    diverted = DELETED_WITHIN.replace("within within ADP IN prep 3", "for for ADP IN prep 3")
    assert not timing_figure(parse(diverted)[6])
    # a figure that is no time: "deleted within 24 files" is not this rule's
    assert not timing_figure(parse(DELETED_WITHIN.replace("hours hour NOUN", "files file NOUN"))[6])


# --------------------------------------------------------------------------- counts that describe

TWO_TEACHERS = """
Two two NUM CD nummod 1
teachers teacher NOUN NNS nsubj 3
had have AUX VBD aux 3
received receive VERB VBN ROOT 3
letters letter NOUN NNS dobj 3
"""

AT_LEAST_SIX = """
At at ADP IN advmod 1
least least ADJ JJS advmod 2
six six NUM CD nummod 3
people people NOUN NNS nsubjpass 5
were be AUX VBD auxpass 5
killed kill VERB VBN ROOT 5
"""

SIX_COUNTRIES = """
customers customer NOUN NNS nsubj 4
in in ADP IN prep 0
six six NUM CD nummod 3
countries country NOUN NNS pobj 1
had have VERB VBD ROOT 4
no no DET DT det 6
service service NOUN NN dobj 4
"""


THE_THREE_COUNTIES = """
Schools school NOUN NNS nsubj 5
in in ADP IN prep 0
the the DET DT det 4
three three NUM CD nummod 4
counties county NOUN NNS pobj 1
are be AUX VBP ROOT 5
closed closed ADJ JJ acomp 5
"""


def test_a_small_count_written_as_a_word_describes_and_measures_nothing():
    assert descriptive_count(parse(TWO_TEACHERS)[1])
    assert descriptive_count(parse(THE_THREE_COUNTIES)[4])  # places already named: "the three counties"


def test_a_qualified_large_or_compound_count_and_an_extent_stay_measured():
    assert not descriptive_count(parse(AT_LEAST_SIX)[3])
    assert not descriptive_count(parse(TWO_TEACHERS.replace("Two two NUM", "340 340 NUM"))[1])
    compound = "Twenty twenty NUM CD compound 1\n" + "\n".join(
        " ".join(row.split()[:5] + [str(int(row.split()[5]) + 1)]) for row in TWO_TEACHERS.strip().splitlines())
    assert not descriptive_count(parse(compound)[2])
    assert not descriptive_count(parse(SIX_COUNTRIES)[3])  # the extent of an outage: "in six countries"
    assert not descriptive_count(parse(TWO_TEACHERS.replace("teachers teacher NOUN NNS", "days day NOUN NNS"))[1])


SPLIT_RULING = """
In in ADP IN prep 6
a a DET DT det 5
5 5 NUM CD nummod 5
- - PUNCT HYPH punct 2
4 4 NUM CD prep 2
ruling ruling NOUN NN pobj 0
the the DET DT det 7
court court NOUN NN nsubj 8
ruled rule VERB VBD ROOT 8
"""

COULD_FADE = """
the the DET DT det 1
odour odour NOUN NN nsubj 3
could could AUX MD aux 3
fade fade VERB VB ROOT 3
within within ADP IN prep 3
two two NUM CD nummod 6
weeks week NOUN NNS pobj 4
"""


COULD_NOT_FADE = """
the the DET DT det 1
odour odour NOUN NN nsubj 4
could could AUX MD aux 4
not not PART RB neg 4
fade fade VERB VB ROOT 4
within within ADP IN prep 4
two two NUM CD nummod 7
weeks week NOUN NNS pobj 5
"""


def test_a_score_a_decided_noun_taxes_raised_and_a_possibility_measure_nothing():
    assert score_figure(parse(SPLIT_RULING)[5])
    assert not score_figure(parse(SPLIT_RULING.replace("- - PUNCT HYPH punct 2", "new new ADJ JJ amod 5"))[5])
    assert unobserved_figure(parse(TWO_TEACHERS.replace("Two two NUM", "412 412 NUM").replace("teachers teacher NOUN NNS", "budget budget NOUN NN"))[1])
    taxes_raised = CUT_BY.replace("farmers farmer NOUN NNS", "council council NOUN NN").replace(
        "emissions emission NOUN NNS dobj 2", "taxes taxis NOUN NNS dobj 2")  # the tagger's lemma of "taxes"
    assert unobserved_figure(parse(taxes_raised)[7])
    assert timing_figure(parse(COULD_FADE)[6])  # a possibility is ahead
    assert not timing_figure(parse(COULD_NOT_FADE)[7])  # "could not" observes


# --------------------------------------------------------------------------- threats ahead

FILE_SUIT = """
they they PRON PRP nsubj 2
would would AUX MD aux 2
file file VERB VB ROOT 2
a a DET DT det 4
lawsuit lawsuit NOUN NN dobj 2
against against ADP IN prep 4
the the DET DT det 7
city city NOUN NN pobj 5
"""

RECALL_BEGINS = """
the the DET DT det 2
recall recall NOUN NN compound 2
campaign campaign NOUN NN nsubj 4
would would AUX MD aux 4
begin begin VERB VB ROOT 4
on on ADP IN prep 4
Monday Monday PROPN NNP pobj 5
"""

CUT_OFF_IF = """
Karvonia Karvonia PROPN NNP nsubj 2
would would AUX MD aux 2
cut cut VERB VB ROOT 2
off off ADP RP prt 2
the the DET DT det 5
power power NOUN NN dobj 2
if if SCONJ IN mark 10
the the DET DT det 8
attacks attack NOUN NNS nsubj 10
had have AUX VBD aux 10
continued continue VERB VBN advcl 2
"""


def test_a_partys_formal_action_ahead_threatens_and_one_taken_or_forecast_does_not():
    assert claim_threats.formal_action(parse(FILE_SUIT)[4], True) is not None
    assert claim_threats.formal_action(parse(FILE_SUIT)[4], False) is None  # only in someone's statement
    filed = FILE_SUIT.replace("would would AUX MD aux 2", "had have AUX VBD aux 2").replace("file file VERB VB", "filed file VERB VBN")
    assert claim_threats.formal_action(parse(filed)[4], True) is None
    probably = FILE_SUIT.replace("would would AUX MD aux 2", "would would AUX MD aux 2\nprobably probably ADV RB advmod 3") \
        .replace("file file VERB VB ROOT 2", "file file VERB VB ROOT 3").replace("lawsuit lawsuit NOUN NN dobj 2", "lawsuit lawsuit NOUN NN dobj 3") \
        .replace("a a DET DT det 4", "a a DET DT det 5").replace("against against ADP IN prep 4", "against against ADP IN prep 5") \
        .replace("the the DET DT det 7", "the the DET DT det 8").replace("city city NOUN NN pobj 5", "city city NOUN NN pobj 6")
    assert claim_threats.formal_action(parse(probably)[5], True) is None
    assert claim_threats.formal_action(parse(RECALL_BEGINS)[1], True) is not None
    assert claim_threats.formal_action(parse(RECALL_BEGINS.replace("recall recall NOUN", "bake bake NOUN"))[1], True) is None


def test_a_leverage_act_conditional_on_another_sides_harm_threatens_and_on_the_weather_does_not():
    assert claim_threats.conditioned_act(parse(CUT_OFF_IF, {0: "GPE"})[2], True) is not None
    rain = CUT_OFF_IF.replace("attacks attack NOUN NNS nsubj 10", "rains rain NOUN NNS nsubj 10")
    assert claim_threats.conditioned_act(parse(rain, {0: "GPE"})[2], True) is None
    adopted = rain.replace("had have AUX VBD aux 10", "were be AUX VBD auxpass 10").replace("continued continue VERB VBN", "adopted adopt VERB VBN")
    assert claim_threats.conditioned_act(parse(adopted, {0: "GPE"})[2], True) is not None  # someone's decision: "if the plans were adopted"


# --------------------------------------------------------------------------- denials and accusations

REJECTED_ACCOUNT = """
The the DET DT det 1
family family NOUN NN nsubj 2
rejected reject VERB VBD ROOT 2
the the DET DT det 5
police police NOUN NN compound 5
account account NOUN NN dobj 2
"""

CUT_BY = """
farmers farmer NOUN NNS nsubj 2
had have AUX VBD aux 2
cut cut VERB VBN ROOT 2
their their PRON PRP$ poss 4
emissions emission NOUN NNS dobj 2
by by ADP IN prep 2
9 9 NUM CD nummod 7
percent percent NOUN NN pobj 5
"""

RESPONSIBLE_FOR = """
Hruby Hruby PROPN NNP nsubj 1
was be AUX VBD ROOT 1
responsible responsible ADJ JJ acomp 1
for for ADP IN prep 2
the the DET DT det 5
equaliser equaliser NOUN NN pobj 3
"""


def test_an_account_or_anything_denied_as_any_is_denied_not_refused():
    assert not refused_object(parse(REJECTED_ACCOUNT)[2])
    assert refused_object(parse(REJECTED_ACCOUNT.replace("account account NOUN", "payment payment NOUN"))[2])
    assert not refused_object(parse(REJECTED_ACCOUNT.replace("the the DET DT det 5", "any any DET DT det 5")
                                    .replace("account account NOUN", "plan plan NOUN"))[2])  # "denied any plan to ..."


def test_a_quantity_cut_by_a_figure_is_a_change_and_a_cable_cut_is_not():
    assert changed_by_figure(parse(CUT_BY)[2])
    assert not changed_by_figure(parse(CUT_BY.replace("9 9 NUM CD nummod 7", "the the DET DT det 7")
                                       .replace("percent percent NOUN NN pobj 5", "saboteurs saboteur NOUN NNS pobj 5"))[2])


def test_culpability_is_for_a_harm_or_a_wrong_not_for_a_goal():
    assert claim_fields.culpability(parse(RESPONSIBLE_FOR, {0: "PERSON"})[2], True) is None
    blast = parse(RESPONSIBLE_FOR.replace("equaliser equaliser NOUN", "blast blast NOUN"), {0: "PERSON"})
    assert claim_fields.culpability(blast[2], True) is not None


STAGED = """
a a DET DT det 1
faction faction NOUN NN nsubj 3
had have AUX VBD aux 3
staged stag VERB VBN ROOT 3
the the DET DT det 5
blast blast NOUN NN dobj 3
"""

SAID_AND_PROMISED = """
The the DET DT det 1
ministry ministry NOUN NN nsubj 2
said say VERB VBD ROOT 2
the the DET DT det 4
blast blast NOUN NN nsubj 5
was be AUX VBD ccomp 2
an an DET DT det 7
attack attack NOUN NN attr 5
and and CCONJ CC cc 5
promised promise VERB VBD conj 5
to to PART TO aux 11
punish punish VERB VB xcomp 9
them they PRON PRP dobj 11
"""

KEPT_OPEN = """
stripping strip VERB VBG csubj 3
Velmora Velmora PROPN NNP dobj 0
of of ADP IN prep 0
remained remain VERB VBD ROOT 3
on on ADP IN prep 3
the the DET DT det 6
table table NOUN NN pobj 4
"""


def test_a_past_form_lemmatised_wrongly_still_anchors_its_field():
    assert mended_lemma(parse(STAGED)[3], claim_fields.DEED_VERBS) == "stage"
    assert mended_lemma(parse(STAGED)[3]) == "stag"  # mended only towards the words looked for
    assert mended_lemma(parse(STAGED.replace("staged stag", "walked walk"))[3], claim_fields.DEED_VERBS) == "walk"
    assert ("accuses", "wrong_deed") in {(m.type, m.frame) for m in claim_fields.match_fields(parse(STAGED), True)}


FINED_TAXES = """
fined fin VERB VBN ROOT 0
fining fin VERB VBG conj 0
taxes taxis NOUN NNS dobj 1
cutting cut VERB VBG conj 0
"""


def test_the_tagger_s_wrong_lemmas_are_mended_in_one_place():
    fined, fining, taxes, cutting = parse(FINED_TAXES)
    assert [mended_lemma(t) for t in (fined, fining, taxes)] == ["fine", "fine", "tax"]
    assert mended_lemma(cutting, {"cut", "cutt"}) == "cut"  # a right lemma is kept
    assert mended_lemma(fining, claim_threats.ANY_COERCIVE_VERBS) == "fine"


def test_a_promise_joined_to_what_the_speaker_said_keeps_the_speaker_as_its_party():
    assert claim_structures.unrealised_act(parse(SAID_AND_PROMISED)[11], True) is not None
    said_only = SAID_AND_PROMISED.replace("promised promise VERB VBD conj 5", "tried try VERB VBD conj 5")
    assert claim_structures.unrealised_act(parse(said_only)[11], True) is None  # the blast's act, not the ministry's


def test_a_punishment_kept_open_threatens_and_a_plan_kept_open_does_not():
    assert claim_threats.act_kept_open(parse(KEPT_OPEN)[0], True) is not None
    assert claim_threats.act_kept_open(parse(KEPT_OPEN.replace("stripping strip", "building build"))[0], True) is None
    assert claim_threats.act_kept_open(parse(KEPT_OPEN.replace("table table", "agenda agenda"))[0], True) is None


NO_PLANS = """
her her PRON PRP$ poss 1
party party NOUN NN nsubj 2
had have VERB VBD ROOT 2
no no DET DT det 4
plans plan NOUN NNS dobj 2
to to PART TO aux 6
raise raise VERB VB acl 4
taxes taxis NOUN NNS dobj 6
"""


def test_a_plan_said_not_to_exist_denies_and_no_plans_for_the_weekend_does_not():
    assert claim_fields.no_plan(parse(NO_PLANS)[4], True) is not None
    assert claim_fields.no_plan(parse(NO_PLANS)[4], False) is None  # only in someone's statement
    weekend = NO_PLANS.replace("to to PART TO aux 6", "for for ADP IN prep 4").replace("raise raise VERB VB acl 4", "the the DET DT det 7") \
        .replace("taxes taxis NOUN NNS dobj 6", "weekend weekend NOUN NN pobj 5")
    assert claim_fields.no_plan(parse(weekend)[4], True) is None
    immediate = NO_PLANS.replace("no no DET DT det 4", "no no DET DT det 4\nimmediate immediate ADJ JJ amod 5")
    immediate = "\n".join(" ".join(r.split()[:5] + [str(int(r.split()[5]) + (int(r.split()[5]) >= 4 and not r.startswith("immediate")))])
                          for r in immediate.strip().splitlines())
    assert claim_fields.no_plan(parse(immediate)[5], True) is None  # "no immediate plans to release": a present intent


WHOSE_HACKERS = """
Tesmir Tesmir PROPN NNP ROOT 0
whose whose DET WP$ poss 3
military military ADJ JJ amod 3
hackers hacker NOUN NNS nsubj 5
had have AUX VBD aux 5
flooded flood VERB VBN relcl 0
the the DET DT det 7
gateways gateway NOUN NNS dobj 5
"""


def test_a_partys_agents_named_by_whose_doing_harm_accuse_the_party():
    assert claim_roles.harm_doer(parse(WHOSE_HACKERS, {0: "GPE"})[5], True) is not None
    assert claim_roles.harm_doer(parse(WHOSE_HACKERS.replace("whose whose DET WP$", "the the DET DT"), {0: "GPE"})[5], True) is None
    storm = WHOSE_HACKERS.replace("Tesmir Tesmir PROPN NNP", "storm storm NOUN NN").replace("hackers hacker NOUN", "winds wind NOUN")
    assert claim_roles.harm_doer(parse(storm)[5], True) is None  # "the storm, whose winds had flooded ..." names no party


def test_a_cause_groups_own_past_act_claims_responsibility_and_a_companys_does_not(tmp_path):
    sentences = {
        "A protest group, Quiet Harbour, said it had glued shut the doors of the marina office overnight.": True,
        "A group calling itself Low Tide said it had paid for the posters that appeared on the quay.": True,
        "The Halden shipping group said it had sold two of its oldest ferries.": False,
        "A protest group, Quiet Harbour, said it would meet the mayor on Friday.": False,
    }
    found = extracted_types(tmp_path, sentences)
    assert {s: "claims_responsibility" in found[s] for s in sentences} == sentences


# --------------------------------------------------------------------------- through the CLI

SENTENCES = {
    # times and descriptive counts: no measurement
    "The mayor opened the new ferry terminal two weeks before the regional election.": "-",
    "Road crews cleared the fallen trees within six hours, the county said.": "-",
    "Two volunteers had handed out leaflets outside the library.": "-",
    "The union said it had received letters of support from three charities.": "-",
    # what lasted and what was counted stay measurements
    "The tram line was out of service for five hours on Monday.": "reports_measurement",
    "At least six people were injured when the stage collapsed, police said.": "reports_measurement",
    "Subscribers in four countries had no signal for two days, the operator said.": "reports_measurement",
    "The council approved the plan in a 6-3 vote and raised parking taxes by 4 percent.": "-",
    "The new filter could remove the odour within two weeks, the engineer said.": "-",
    # formal actions ahead and conditional leverage acts: threats
    "The tenants' association said it would file a complaint against the landlord with the housing board.": "threatens",
    "A councillor said her group would table a motion of no confidence in the harbour master next week.": "threatens",
    "The fishing cooperative said it would demand damages from the dredging company.": "threatens",
    "The residents said they would go to court if the quarry was approved.": "threatens",
    "The guild warned that it would withdraw its members from the festival if the fees were raised.": "threatens",
    # denials of an account or of "any" plan; quantities cut and goals scored accuse no one
    "The harbour company rejected the fishermen's account of the collision.": "denies",
    "The ferry operator denied any plan to close the northern route.": "denies",
    "The mill's owners said they had cut water use by a third since 2020.": "-accuses",
    "Vesna Karr, who was responsible for the winning goal, thanked the crowd.": "-accuses",
    "A harbour pilot said a faction inside the dockers' union had staged the blast to win the contract.": "accuses",
    "The port authority said the fire was arson and promised to hunt down whoever set it.": "threatens",
    "The league said suspending the club's licence remained under consideration.": "threatens",
    "The mayor said building a second pier remained on the table.": "-threatens",
    "The harbour master said the port had no plans to close the northern berth.": "denies",
    "Two ferry captains said they had received threatening letters last month.": "-threatens",
    # a suit already filed, a forecast, a plan that needs no one's act: no threat
    "The tenants' association filed a complaint with the housing board on Monday.": "-threatens",
    "The club said it would close the pool if the weather turned cold.": "-threatens",
}


def test_each_class_through_the_cli(tmp_path):
    found = extracted_types(tmp_path, SENTENCES)
    for sentence, wanted in SENTENCES.items():
        if wanted == "-":
            assert "reports_measurement" not in found[sentence], sentence
        elif wanted.startswith("-"):
            assert wanted[1:] not in found[sentence], (sentence, found[sentence])
        else:
            assert wanted in found[sentence], (sentence, found[sentence])
