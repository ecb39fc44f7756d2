"""The structural claim frames (extract/claim_structures.py): each rule on hand-parsed docs (no
model, so the test holds whatever the tagger does), then end to end through the real CLI on the
invented articles of tests/fixtures/claim_types/fresh3, whose misses these rules were built from.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from claimgraph.extract import claim_structures as rules
from claimgraph.extract.claim_structures import match_all
from claim_fixtures import extracted_part, parse


def frames(doc: Doc, reported: bool = True) -> list[tuple[str, str, str]]:
    return [(m.type, m.frame, m.anchor.text) for m in match_all(doc, reported)]


# --------------------------------------------------------------------------- threatens

PUBLISH_UNLESS = """
it it PRON PRP nsubj 2
would would AUX MD aux 2
publish publish VERB VB ROOT 2
documents document NOUN NNS dobj 2
unless unless SCONJ IN mark 7
the the DET DT det 6
government government NOUN NN nsubj 7
resigned resign VERB VBD advcl 2
"""


def test_a_consequence_conditional_on_another_partys_act_threatens():
    assert frames(parse(PUBLISH_UNLESS)) == [("threatens", "conditional_consequence", "publish")]
    assert frames(parse(PUBLISH_UNLESS), reported=False) == []


def test_a_condition_on_a_thing_or_a_proviso_is_no_threat():
    rains = PUBLISH_UNLESS.replace("government government NOUN NN nsubj 7", "rain rain NOUN NN nsubj 7")
    assert frames(parse(rains)) == []
    even = parse("""
it it PRON PRP nsubj 2
would would AUX MD aux 2
publish publish VERB VB ROOT 2
even even ADV RB advmod 7
if if SCONJ IN mark 7
the the DET DT det 6
government government NOUN NN nsubj 7
resigned resign VERB VBD advcl 2
""")
    assert frames(even) == []


def test_a_loss_put_on_those_described_by_their_conduct_threatens():
    doc = parse("""
carriers carrier NOUN NNS nsubj 6
that that PRON WDT nsubj 2
failed fail VERB VBD relcl 0
to to PART TO aux 4
invest invest VERB VB xcomp 2
would would AUX MD aux 6
lose lose VERB VB ROOT 6
licences licence NOUN NNS dobj 6
""")
    found = frames(doc, reported=False)
    assert ("threatens", "sanction_on_conduct", "lose") in found
    plain = parse("""
carriers carrier NOUN NNS nsubj 2
would would AUX MD aux 2
lose lose VERB VB ROOT 2
customers customer NOUN NNS dobj 2
""")
    assert frames(plain) == []


RESERVED_RIGHT = """
Valdoria Valdoria PROPN NNP nsubj 1
reserved reserve VERB VBD ROOT 1
the the DET DT det 3
right right NOUN NN dobj 1
to to PART TO aux 5
respond respond VERB VB acl 3
"""


def test_an_unrealised_hostile_act_of_the_speakers_side_threatens():
    assert frames(parse(RESERVED_RIGHT)) == [("threatens", "unrealised_act", "respond")]
    fining = parse("""
it it PRON PRP nsubj 2
would would AUX MD aux 2
consider consider VERB VB ROOT 2
fining fin VERB VBG xcomp 2
Telera Telera PROPN NNP dobj 3
""")
    assert frames(fining) == [("threatens", "unrealised_act", "fining")]


def test_urging_someone_else_or_starting_an_act_is_no_threat():
    urged = parse("""
Schiff Schiff PROPN NNP nsubj 1
urged urge VERB VBD ROOT 1
Obama Obama PROPN NNP dobj 1
to to PART TO aux 4
retaliate retaliate VERB VB xcomp 1
""")
    assert frames(urged) == []
    started = parse("""
Trump Trump PROPN NNP nsubj 1
started start VERB VBD ROOT 1
attacking attack VERB VBG xcomp 1
Latinos Latinos PROPN NNPS dobj 2
""")
    assert frames(started) == []
    declined = parse(RESERVED_RIGHT.replace("reserved reserve VERB VBD ROOT 1", "renounced renounce VERB VBD ROOT 1")
                     + "not not PART RB neg 5\n")
    assert frames(declined) == []


# --------------------------------------------------------------------------- reports_measurement

UNABLE = """
customers customer NOUN NNS nsubj 1
were be AUX VBD ROOT 1
unable unable ADJ JJ acomp 1
to to PART TO aux 4
make make VERB VB xcomp 2
calls call NOUN NNS dobj 4
"""


def test_a_negated_ability_to_use_a_service_is_a_measurement():
    assert frames(parse(UNABLE), reported=False) == [("reports_measurement", "negated_ability", "make")]
    connected = parse("""
calls call NOUN NNS nsubjpass 4
could could AUX MD aux 4
not not PART RB neg 4
be be AUX VB auxpass 4
connected connect VERB VBN ROOT 4
""")
    assert frames(connected, reported=False) == [("reports_measurement", "negated_ability", "connected")]


def test_a_negated_ability_to_speak_or_a_future_one_is_no_measurement():
    say = parse(UNABLE.replace("make make VERB VB xcomp 2", "say say VERB VB xcomp 2")
                .replace("calls call NOUN NNS dobj 4", "more more ADJ JJR dobj 4"))
    assert frames(say, reported=False) == []
    future = parse("""
customers customer NOUN NNS nsubj 2
will will AUX MD aux 2
be be AUX VB ROOT 2
unable unable ADJ JJ acomp 2
to to PART TO aux 5
make make VERB VB xcomp 3
calls call NOUN NNS dobj 5
""")
    assert frames(future, reported=False) == []
    comment = parse("""
Jensen Jensen PROPN NNP nsubjpass 4
could could AUX MD aux 4
not not PART RB neg 4
be be AUX VB auxpass 4
reached reach VERB VBN ROOT 4
for for ADP IN prep 4
comment comment NOUN NN pobj 5
""")
    assert frames(comment, reported=False) == []


def test_a_service_coming_back_is_a_measurement():
    doc = parse("""
traffic traffic NOUN NN nsubj 1
was be AUX VBD ROOT 1
back back ADV RB advmod 1
at at ADP IN prep 1
normal normal ADJ JJ amod 5
levels level NOUN NNS pobj 3
""")
    # the role frame of normal operation ("at normal levels") reads the same clause as a measurement too
    assert frames(doc, reported=False) == [("reports_measurement", "recovery", "back"), ("reports_measurement", "normal_operation", "normal")]
    talks = parse("""
talks talk NOUN NNS nsubj 1
resumed resume VERB VBD ROOT 1
""")
    assert frames(talks, reported=False) == []


# --------------------------------------------------------------------------- claims_responsibility

BROKEN_INTO = """
it it PRON PRP nsubj 2
had have AUX VBD aux 2
broken break VERB VBN ROOT 2
into into ADP IN prep 2
servers server NOUN NNS pobj 3
"""


def test_a_past_intrusion_reported_of_oneself_claims_responsibility():
    assert frames(parse(BROKEN_INTO)) == [("claims_responsibility", "own_acts", "broken")]
    assert frames(parse(BROKEN_INTO.replace("it it PRON PRP", "hackers hacker NOUN NNS"))) == []
    assert frames(parse(BROKEN_INTO), reported=False) == []


# --------------------------------------------------------------------------- accuses

RESEMBLED = """
tools tool NOUN NNS nsubj 1
resembled resemble VERB VBD ROOT 1
those those PRON DT dobj 1
of of ADP IN prep 2
a a DET DT det 6
Russian russian ADJ JJ amod 6
unit unit NOUN NN pobj 3
"""


def test_a_likeness_of_attack_tools_to_a_partys_accuses_the_party():
    [match] = match_all(parse(RESEMBLED, ents={5: "NORP"}), reported=True)
    assert (match.type, match.frame, match.target.text) == ("accuses", "likeness", "Russian")


def test_a_likeness_of_anything_else_or_to_a_name_used_as_a_kind_accuses_no_one():
    plan = RESEMBLED.replace("tools tool NOUN NNS", "plans plan NOUN NNS")
    assert frames(parse(plan, ents={5: "NORP"})) == []
    kind = parse("""
attack attack NOUN NN nsubj 1
resembles resemble VERB VBZ ROOT 1
a a DET DT det 4
DDoS DDoS PROPN NNP compound 4
strike strike NOUN NN dobj 1
""", ents={3: "ORG"})
    assert frames(kind) == []


def test_a_failure_of_duty_accuses_the_party():
    doc = parse("""
the the DET DT det 1
regulator regulator NOUN NN nsubj 3
had have AUX VBD aux 3
failed fail VERB VBN ROOT 3
to to PART TO aux 5
act act VERB VB xcomp 3
""")
    assert frames(doc) == [("accuses", "duty_failure", "failed")]
    assert frames(parse(BROKEN_INTO.replace("broken break", "failed fail")), reported=True) == []


# --------------------------------------------------------------------------- denies


def test_excluding_an_attack_denies_it():
    doc = parse("""
She she PRON PRP nsubj 1
ruled rule VERB VBD ROOT 1
out out ADP RP prt 1
a a DET DT det 4
cyberattack cyberattack NOUN NN dobj 1
""")
    assert frames(doc, reported=False) == [("denies", "excluded_act", "ruled")]
    merger = parse("""
She she PRON PRP nsubj 1
ruled rule VERB VBD ROOT 1
out out ADP RP prt 1
a a DET DT det 4
merger merger NOUN NN dobj 1
""")
    assert frames(merger, reported=False) == []


def test_a_harm_said_to_have_touched_nothing_denies_but_a_plain_negation_does_not():
    doc = parse("""
no no DET DT det 1
material material NOUN NN nsubjpass 4
had have AUX VBD aux 4
been be AUX VBN auxpass 4
taken take VERB VBN ROOT 4
""")
    assert frames(doc) == [("denies", "undone_harm", "taken")]
    never = parse("""
the the DET DT det 1
system system NOUN NN nsubjpass 4
was be AUX VBD auxpass 4
never never ADV RB neg 4
compromised compromise VERB VBN ROOT 4
""")
    assert frames(never) == []


def test_every_structural_rule_is_tested_here():
    tested = {"conditional_consequence", "sanction_on_conduct", "unrealised_act", "negated_ability", "recovery",
              "own_acts", "likeness", "duty_failure", "excluded_act", "undone_harm"}
    assert {rule.__name__ for rule in rules._STRUCTURAL_RULES} == tested


# --------------------------------------------------------------------------- through the CLI


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return extracted_part(tmp_path_factory.mktemp("claim_structures"), "fresh3")


def types_in(db, sentence: str) -> dict[str, dict]:
    rows = db.execute("select id, text from articles where instr(text, ?) > 0", [sentence]).fetchall()
    assert len(rows) == 1, sentence
    article_id, text = rows[0]
    start = text.index(sentence)
    claims = db.query("select * from claims where article_id = ? and start >= ? and start < ?",
                      [article_id, start, start + len(sentence)])
    return {claim["type"]: claim for claim in claims}


@pytest.mark.parametrize("sentence, claim_type, source", [
    ("Iron Lynx warned that it would publish more documents unless the government resigned.", "threatens", "iron-lynx"),
    ("The prime minister warned that carriers that failed to invest in backup systems would lose their licences.", "threatens", None),
    ("Reis said Valdoria reserved the right to respond with all available means.", "threatens", "paulo-reis"),
    ("The communications regulator said it would consider fining Telera", "threatens", None),
    ("Mobile customers of Telera, the country's largest carrier, were unable to make calls", "reports_measurement", None),
    ("Emergency calls could not be connected in several regions", "reports_measurement", None),
    ("Service returned gradually through the evening", "reports_measurement", None),
    ("A group calling itself Iron Lynx said it had broken into the ministry's mail servers in March.", "claims_responsibility", "iron-lynx"),
    ("Halcyon said the group's tools closely resembled those of a known Russian state-backed unit.", "accuses", "halcyon"),
    ("said the regulator had failed to hold the carrier to account.", "accuses", None),
    ("She ruled out a cyberattack.", "denies", None),
    ("The ministry confirmed the breach but insisted that no classified material had been taken.", "denies", None),
])
def test_structural_frames_type_claims_end_to_end(db, sentence, claim_type, source):
    claims = types_in(db, sentence)
    assert claim_type in claims, sorted(claims)
    if source:
        assert claims[claim_type]["source_actor_id"] == source


def test_a_figure_under_a_threat_is_no_measurement(db):
    assert "reports_measurement" not in types_in(db, "would consider fining Telera up to 5 percent of its annual revenue.")
