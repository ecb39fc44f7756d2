"""The role frames (extract/claim_roles.py, extract/claim_observations.py): each rule on
hand-parsed docs (no model, so the test holds whatever the tagger does; rows are ``word lemma
POS TAG dep head-index entity``), then every class end to end through the real CLI on the
invented articles of tests/fixtures/claim_types/roles.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from claimgraph.extract import claim_observations, claim_roles
from claimgraph.extract.claim_roles import refused_object
from claimgraph.extract.claim_structures import match_all
from claim_fixtures import VOCAB, extracted_part, types_by_sentence


def parse(rows: str) -> Doc:
    table = [line.split() for line in rows.strip().splitlines()[1:]]
    return Doc(
        VOCAB, words=[r[0] for r in table], lemmas=[r[1] for r in table], pos=[r[2] for r in table],
        tags=[r[3] for r in table], deps=[r[4] for r in table], heads=[int(r[5]) for r in table],
        ents=["O" if r[6] == "-" else f"B-{r[6]}" for r in table],
    )


def frames(rows: str, reported: bool = True, speaker: tuple[int, int] | None = None) -> list[tuple[str, str]]:
    doc = parse(rows)
    return [(m.type, m.frame) for m in match_all(doc, reported, speaker=doc[slice(*speaker)] if speaker else None)]


ORIGIN = """# Officials said the interference came from transmitters inside Kelvar.
Officials official NOUN NNS nsubj 1 -
said say VERB VBD ROOT 1 -
the the DET DT det 3 -
interference interference NOUN NN nsubj 4 -
came come VERB VBD ccomp 1 -
from from ADP IN prep 4 -
transmitters transmitter NOUN NNS pobj 5 -
inside inside ADP IN prep 6 -
Kelvar Kelvar PROPN NNP pobj 7 ORG
. . PUNCT . punct 1 -
"""

ORIGIN_UNNAMED = """# Officials said the attack came from a group.
Officials official NOUN NNS nsubj 1 -
said say VERB VBD ROOT 1 -
the the DET DT det 3 -
attack attack NOUN NN nsubj 4 -
came come VERB VBD ccomp 1 -
from from ADP IN prep 4 -
a a DET DT det 7 -
group group NOUN NN pobj 5 -
. . PUNCT . punct 1 -
"""

AGENT = """# The servers were breached by a unit of Varan's army.
The the DET DT det 1 -
servers server NOUN NNS nsubjpass 3 -
were be AUX VBD auxpass 3 -
breached breach VERB VBN ROOT 3 -
by by ADP IN agent 3 -
a a DET DT det 6 -
unit unit NOUN NN pobj 4 -
of of ADP IN prep 6 -
Varan Varan PROPN NNP poss 10 GPE
's 's PART POS case 8 -
army army NOUN NN pobj 7 -
. . PUNCT . punct 3 -
"""

HIT_BY_ATTACK = """# The servers were hit by a ransomware attack.
The the DET DT det 1 -
servers server NOUN NNS nsubjpass 3 -
were be AUX VBD auxpass 3 -
hit hit VERB VBN ROOT 3 -
by by ADP IN agent 3 -
a a DET DT det 7 -
ransomware ransomware NOUN NN compound 7 -
attack attack NOUN NN pobj 4 -
. . PUNCT . punct 3 -
"""

DOER = """# Officials said Tesmar was spreading disinformation.
Officials official NOUN NNS nsubj 1 -
said say VERB VBD ROOT 1 -
Tesmar Tesmar PROPN NNP nsubj 4 PERSON
was be AUX VBD aux 4 -
spreading spread VERB VBG ccomp 1 -
disinformation disinformation NOUN NN dobj 4 -
. . PUNCT . punct 1 -
"""

LINKED = """# Investigators linked the breach to a Brevani contractor.
Investigators investigator NOUN NNS nsubj 1 -
linked link VERB VBD ROOT 1 -
the the DET DT det 3 -
breach breach NOUN NN dobj 1 -
to to ADP IN prep 1 -
a a DET DT det 7 -
Brevani Brevani PROPN NNP compound 7 PERSON
contractor contractor NOUN NN pobj 4 -
. . PUNCT . punct 1 -
"""

PUNISHED = """# He said those responsible would spend years in prison.
He he PRON PRP nsubj 1 -
said say VERB VBD ROOT 1 -
those those PRON DT nsubj 5 -
responsible responsible ADJ JJ amod 2 -
would would AUX MD aux 5 -
spend spend VERB VB ccomp 1 -
years year NOUN NNS dobj 5 DATE
in in ADP IN prep 5 -
prison prison NOUN NN pobj 7 -
. . PUNCT . punct 1 -
"""

ACHIEVE = """# He said we would achieve justice.
He he PRON PRP nsubj 1 -
said say VERB VBD ROOT 1 -
we we PRON PRP nsubj 4 -
would would AUX MD aux 4 -
achieve achieve VERB VB ccomp 1 -
justice justice NOUN NN dobj 4 -
. . PUNCT . punct 1 -
"""

TOLERATE = """# She said Ardenia would not tolerate attacks on its airwaves.
She she PRON PRP nsubj 1 -
said say VERB VBD ROOT 1 -
Ardenia Ardenia PROPN NNP nsubj 5 ORG
would would AUX MD aux 5 -
not not PART RB neg 5 -
tolerate tolerate VERB VB ccomp 1 -
attacks attack NOUN NNS dobj 5 -
on on ADP IN prep 6 -
its its PRON PRP$ poss 9 -
airwaves airwave NOUN NNS pobj 7 -
. . PUNCT . punct 1 -
"""

ESCALATE = """# She said Ardenia will raise the matter at the International Telecommunication Union.
She she PRON PRP nsubj 1 -
said say VERB VBD ROOT 1 -
Ardenia Ardenia PROPN NNP nsubj 4 ORG
will will AUX MD aux 4 -
raise raise VERB VB ccomp 1 -
the the DET DT det 6 -
matter matter NOUN NN dobj 4 -
at at ADP IN prep 4 -
the the DET DT det 11 ORG
International International PROPN NNP compound 11 ORG
Telecommunication Telecommunication PROPN NNP compound 11 ORG
Union Union PROPN NNP pobj 7 ORG
. . PUNCT . punct 1 -
"""

ULTIMATUM = """# The central bank gave Kronlink two weeks to explain the failure or face an investigation.
The the DET DT det 2 -
central central ADJ JJ amod 2 -
bank bank NOUN NN nsubj 3 -
gave give VERB VBD ROOT 3 -
Kronlink Kronlink PROPN NNP dative 3 ORG
two two NUM CD nummod 6 DATE
weeks week NOUN NNS dobj 3 DATE
to to PART TO aux 8 -
explain explain VERB VB xcomp 3 -
the the DET DT det 10 -
failure failure NOUN NN dobj 8 -
or or CCONJ CC cc 8 -
face face VERB VB conj 8 -
an an DET DT det 14 -
investigation investigation NOUN NN dobj 12 -
. . PUNCT . punct 3 -
"""

VICTIMS = """# The gang listed Nordbahn among its victims.
The the DET DT det 1 -
gang gang NOUN NN nsubj 2 -
listed list VERB VBD ROOT 2 -
Nordbahn Nordbahn PROPN NNP dobj 2 ORG
among among ADP IN prep 2 -
its its PRON PRP$ poss 6 -
victims victim NOUN NNS pobj 4 -
. . PUNCT . punct 2 -
"""

OWN_DEED = """# The gang said it had copied the records.
The the DET DT det 1 -
gang gang NOUN NN nsubj 2 -
said say VERB VBD ROOT 2 -
it it PRON PRP nsubj 5 -
had have AUX VBD aux 5 -
copied copy VERB VBN ccomp 2 -
the the DET DT det 7 -
records record NOUN NNS dobj 5 -
. . PUNCT . punct 2 -
"""

LABELLED = """# The ministry called the allegations a fantasy.
The the DET DT det 1 -
ministry ministry NOUN NN nsubj 2 -
called call VERB VBD ROOT 2 -
the the DET DT det 4 -
allegations allegation NOUN NNS dobj 2 -
a a DET DT det 6 -
fantasy fantasy NOUN NN oprd 2 -
. . PUNCT . punct 2 -
"""

LABEL_IS = """# The embassy said the allegations were an attempt to smear Selvia.
The the DET DT det 1 -
embassy embassy NOUN NN nsubj 2 -
said say VERB VBD ROOT 2 -
the the DET DT det 4 -
allegations allegation NOUN NNS nsubj 5 -
were be AUX VBD ccomp 2 -
an an DET DT det 7 -
attempt attempt NOUN NN attr 5 -
to to PART TO aux 9 -
smear smear VERB VB acl 7 -
Selvia Selvia PROPN NNP dobj 9 GPE
. . PUNCT . punct 2 -
"""

NO_PART = """# Selvia said it had played no part in the attack.
Selvia Selvia PROPN NNP nsubj 1 PERSON
said say VERB VBD ROOT 1 -
it it PRON PRP nsubj 4 -
had have AUX VBD aux 4 -
played play VERB VBN ccomp 1 -
no no DET DT det 6 -
part part NOUN NN dobj 4 -
in in ADP IN prep 4 -
the the DET DT det 9 -
attack attack NOUN NN pobj 7 -
. . PUNCT . punct 1 -
"""

REJECTED = """# Officials said 1,000 transactions were rejected.
Officials official NOUN NNS nsubj 1 -
said say VERB VBD ROOT 1 -
1,000 1,000 NUM CD nummod 3 CARDINAL
transactions transaction NOUN NNS nsubjpass 5 -
were be AUX VBD auxpass 5 -
rejected reject VERB VBN ccomp 1 -
. . PUNCT . punct 1 -
"""

NORMAL = """# By 9 p.m. card payments were being authorised normally again.
By by ADP IN prep 7 -
9 9 NUM CD nummod 2 TIME
p.m. p.m. NOUN NN compound 4 TIME
card card NOUN NN compound 4 -
payments payment NOUN NNS nsubjpass 7 -
were be AUX VBD aux 7 -
being be AUX VBG auxpass 7 -
authorised authorise VERB VBN ROOT 7 -
normally normally ADV RB advmod 9 -
again again ADV RB advmod 7 -
. . PUNCT . punct 7 -
"""

SHOWED = """# Departure boards showed no trains.
Departure departure NOUN NN compound 1 -
boards board NOUN NNS nsubj 2 -
showed show VERB VBD ROOT 2 -
no no DET DT det 4 -
trains train NOUN NNS dobj 2 -
. . PUNCT . punct 2 -
"""

SHOWS_BIAS = """# The website shows bias.
The the DET DT det 1 -
website website NOUN NN nsubj 2 -
shows show VERB VBZ ROOT 2 -
bias bias NOUN NN dobj 2 -
. . PUNCT . punct 2 -
"""

FLOODED = """# Orbis said one of its uplinks had been flooded with noise.
Orbis Orbis PROPN NNP nsubj 1 ORG
said say VERB VBD ROOT 1 -
one one NUM CD nsubjpass 8 CARDINAL
of of ADP IN prep 2 -
its its PRON PRP$ poss 5 -
uplinks uplink NOUN NNS pobj 3 -
had have AUX VBD aux 8 -
been be AUX VBN auxpass 8 -
flooded flood VERB VBN ccomp 1 -
with with ADP IN prep 8 -
noise noise NOUN NN pobj 9 -
. . PUNCT . punct 1 -
"""

OUT_OF = """# Half of the ATMs were out of service.
Half half NOUN NN nsubj 4 CARDINAL
of of ADP IN prep 0 -
the the DET DT det 3 -
ATMs atm NOUN NNS pobj 1 -
were be AUX VBD ROOT 4 -
out out ADP IN prep 4 -
of of ADP IN prep 5 -
service service NOUN NN pobj 6 -
. . PUNCT . punct 4 -
"""

USERS = """# Customers reported failed card payments.
Customers customer NOUN NNS nsubj 1 -
reported report VERB VBD ROOT 1 -
failed fail VERB VBN amod 4 -
card card NOUN NN compound 4 -
payments payment NOUN NNS dobj 1 -
. . PUNCT . punct 1 -
"""

LIKELY = """# Analysts said the dispute was likely to flare again.
Analysts analyst NOUN NNS nsubj 1 -
said say VERB VBD ROOT 1 -
the the DET DT det 3 -
dispute dispute NOUN NN nsubj 4 -
was be AUX VBD ccomp 1 -
likely likely ADJ JJ acomp 4 -
to to PART TO aux 7 -
flare flare VERB VB xcomp 5 -
again again ADV RB advmod 7 -
. . PUNCT . punct 1 -
"""


AUTHOR = """# The ministry said the intrusion was the work of hackers backed by Selvia.
The the DET DT det 1 -
ministry ministry NOUN NN nsubj 2 -
said say VERB VBD ROOT 2 -
the the DET DT det 4 -
intrusion intrusion NOUN NN nsubj 5 -
was be AUX VBD ccomp 2 -
the the DET DT det 7 -
work work NOUN NN attr 5 -
of of ADP IN prep 7 -
hackers hacker NOUN NNS pobj 8 -
backed back VERB VBN acl 9 -
by by ADP IN agent 10 -
Selvia Selvia PROPN NNP pobj 11 PERSON
. . PUNCT . punct 2 -
"""

ENEMY = """# He said any country hosting the hackers would be treated as an accomplice.
He he PRON PRP nsubj 1 -
said say VERB VBD ROOT 1 -
any any DET DT det 3 -
country country NOUN NN nsubjpass 9 -
hosting host VERB VBG acl 3 -
the the DET DT det 6 -
hackers hacker NOUN NNS dobj 4 -
would would AUX MD aux 9 -
be be AUX VB auxpass 9 -
treated treat VERB VBN ccomp 1 -
as as ADP IN prep 9 -
an an DET DT det 12 -
accomplice accomplice NOUN NN pobj 10 -
. . PUNCT . punct 1 -
"""

RESPONSE = """# Officials said the response would be swift.
Officials official NOUN NNS nsubj 1 -
said say VERB VBD ROOT 1 -
the the DET DT det 3 -
response response NOUN NN nsubj 5 -
would would AUX MD aux 5 -
be be AUX VB ccomp 1 -
swift swift ADJ JJ acomp 5 -
. . PUNCT . punct 1 -
"""

HAND = """# He said Selvia had a hand in the attack.
He he PRON PRP nsubj 1 -
said say VERB VBD ROOT 1 -
Selvia Selvia PROPN NNP nsubj 3 PERSON
had have VERB VBD ccomp 1 -
a a DET DT det 5 -
hand hand NOUN NN dobj 3 -
in in ADP IN prep 3 -
the the DET DT det 8 -
attack attack NOUN NN pobj 6 -
. . PUNCT . punct 1 -
"""

POINTED = """# He said the code used in the attack pointed to Dorvan's intelligence service.
He he PRON PRP nsubj 1 -
said say VERB VBD ROOT 1 -
the the DET DT det 3 -
code code NOUN NN nsubj 8 -
used use VERB VBN acl 3 -
in in ADP IN prep 4 -
the the DET DT det 7 -
attack attack NOUN NN pobj 5 -
pointed point VERB VBN ccomp 1 -
to to ADP IN prep 8 -
Dorvan Dorvan PROPN NNP poss 13 ORG
's 's PART POS case 10 -
intelligence intelligence NOUN NN compound 13 -
service service NOUN NN pobj 9 -
. . PUNCT . punct 1 -
"""

NOT_HACKED = """# The company said its systems had not been hacked.
The the DET DT det 1 -
company company NOUN NN nsubj 2 -
said say VERB VBD ROOT 2 -
its its PRON PRP$ poss 4 -
systems system NOUN NNS nsubjpass 8 -
had have AUX VBD aux 8 -
not not PART RB neg 8 -
been be AUX VBN auxpass 8 -
hacked hack VERB VBN ccomp 2 -
. . PUNCT . punct 2 -
"""

MET_WITH_FORCE = """# He warned that further incursions would be met with force.
He he PRON PRP nsubj 1 -
warned warn VERB VBD ROOT 1 -
that that SCONJ IN mark 7 -
further further ADJ JJ amod 4 -
incursions incursion NOUN NNS nsubjpass 7 -
would would AUX MD aux 7 -
be be AUX VB auxpass 7 -
met meet VERB VBN ccomp 1 -
with with ADP IN prep 7 -
force force NOUN NN pobj 8 -
. . PUNCT . punct 1 -
"""

REVOKED = """# He said operators who ignored the rules would have their licences revoked.
He he PRON PRP nsubj 1 -
said say VERB VBD ROOT 1 -
operators operator NOUN NNS nsubj 8 -
who who PRON WP nsubj 4 -
ignored ignore VERB VBD relcl 2 -
the the DET DT det 6 -
rules rule NOUN NNS dobj 4 -
would would AUX MD aux 8 -
have have VERB VB ccomp 1 -
their their PRON PRP$ poss 10 -
licences licence NOUN NNS nsubj 11 -
revoked revoke VERB VBN ccomp 8 -
. . PUNCT . punct 1 -
"""

ON_TABLE = """# He said all options, including sanctions, were on the table.
He he PRON PRP nsubj 1 -
said say VERB VBD ROOT 1 -
all all DET DT det 3 -
options option NOUN NNS nsubj 8 -
, , PUNCT , punct 3 -
including include VERB VBG prep 3 -
sanctions sanction NOUN NNS pobj 5 -
, , PUNCT , punct 3 -
were be AUX VBD ccomp 1 -
on on ADP IN prep 8 -
the the DET DT det 11 -
table table NOUN NN pobj 9 -
. . PUNCT . punct 1 -
"""

CUT_OFF = """# Dorvan said it would cut off gas exports to any country that backed the sanctions.
Dorvan Dorvan PROPN NNP nsubj 1 ORG
said say VERB VBD ROOT 1 -
it it PRON PRP nsubj 4 -
would would AUX MD aux 4 -
cut cut VERB VB ccomp 1 -
off off ADP RP prt 4 -
gas gas NOUN NN compound 7 -
exports export NOUN NNS dobj 4 -
to to ADP IN prep 4 -
any any DET DT det 10 -
country country NOUN NN pobj 8 -
that that PRON WDT nsubj 12 -
backed back VERB VBD relcl 10 -
the the DET DT det 14 -
sanctions sanction NOUN NNS dobj 12 -
. . PUNCT . punct 1 -
"""

PROBABLY = """# Experts said the group would probably strike again.
Experts expert NOUN NNS nsubj 1 -
said say VERB VBD ROOT 1 -
the the DET DT det 3 -
group group NOUN NN nsubj 6 -
would would AUX MD aux 6 -
probably probably ADV RB advmod 6 -
strike strike VERB VB ccomp 1 -
again again ADV RB advmod 6 -
. . PUNCT . punct 1 -
"""

HARM_BY = """# The agency said the outage was the result of an attack by Sarkosi hackers.
The the DET DT det 1 -
agency agency NOUN NN nsubj 2 -
said say VERB VBD ROOT 2 -
the the DET DT det 4 -
outage outage NOUN NN nsubj 5 -
was be AUX VBD ccomp 2 -
the the DET DT det 7 -
result result NOUN NN attr 5 -
of of ADP IN prep 7 -
an an DET DT det 10 -
attack attack NOUN NN pobj 8 -
by by ADP IN prep 10 -
Sarkosi Sarkosi PROPN NNP compound 13 -
hackers hacker NOUN NNS pobj 11 -
. . PUNCT . punct 2 -
"""

MEANS = """# The operator said the attackers had used servers rented in Sarkos.
The the DET DT det 1 -
operator operator NOUN NN nsubj 2 -
said say VERB VBD ROOT 2 -
the the DET DT det 4 -
attackers attacker NOUN NNS nsubj 6 -
had have AUX VBD aux 6 -
used use VERB VBN ccomp 2 -
servers server NOUN NNS dobj 6 -
rented rent VERB VBN acl 7 -
in in ADP IN prep 8 -
Sarkos Sarkos PROPN NNP pobj 9 GPE
. . PUNCT . punct 2 -
"""

WARNED_FINE = """# The regulator warned the company that it faced a fine.
The the DET DT det 1 -
regulator regulator NOUN NN nsubj 2 -
warned warn VERB VBD ROOT 2 -
the the DET DT det 4 -
company company NOUN NN dobj 2 -
that that PRON WDT mark 7 -
it it PRON PRP nsubj 7 -
faced face VERB VBD ccomp 2 -
a a DET DT det 9 -
fine fine NOUN NN dobj 7 -
. . PUNCT . punct 2 -
"""

UNPUNISHED = """# The president said the attack would not go unpunished.
The the DET DT det 1 -
president president NOUN NN nsubj 2 -
said say VERB VBD ROOT 2 -
the the DET DT det 4 -
attack attack NOUN NN nsubj 7 -
would would AUX MD aux 7 -
not not PART RB neg 7 -
go go VERB VB ccomp 2 -
unpunished unpunished ADJ JJ acomp 7 -
. . PUNCT . punct 2 -
"""

NEXT = """# The group warned that hospitals would be next.
The the DET DT det 1 -
group group NOUN NN nsubj 2 -
warned warn VERB VBD ROOT 2 -
that that SCONJ IN mark 6 -
hospitals hospital NOUN NNS nsubj 6 -
would would AUX MD aux 6 -
be be AUX VB ccomp 2 -
next next ADJ JJ acomp 6 -
. . PUNCT . punct 2 -
"""


# --------------------------------------------------------------------------- accuses


def test_a_harm_from_a_named_place_or_party_accuses_it():
    assert frames(ORIGIN) == [("accuses", "harm_origin")]
    assert frames(ORIGIN, reported=False) == [("accuses", "harm_origin")]
    assert frames(ORIGIN_UNNAMED) == []  # "came from a group" names no one


def test_the_agent_of_a_harm_is_accused_and_a_harm_without_one_is_observed():
    assert frames(AGENT) == [("accuses", "harm_agent")]
    assert frames(HIT_BY_ATTACK) == [("reports_measurement", "harmed_service")]
    assert frames(FLOODED) == [("reports_measurement", "harmed_service")]


def test_a_party_doing_harm_in_a_statement_or_linked_to_it_is_accused():
    assert frames(DOER) == [("accuses", "harm_doer")]
    assert frames(DOER, reported=False) == []  # told as a fact, spreading is no accusation by anyone
    assert frames(LINKED) == [("accuses", "linking")]


def test_evidence_pointing_at_a_party_accuses_it():
    assert frames(POINTED) == [("accuses", "evidence_points")]


def test_a_harm_noun_with_its_agent_or_a_culprits_means_in_a_place_accuses():
    assert frames(HARM_BY) == [("accuses", "harm_by")]
    storms = HARM_BY.replace("Sarkosi Sarkosi PROPN NNP compound 13 -", "winter winter NOUN NN compound 13 -")
    assert frames(storms.replace("hackers hacker NOUN NNS pobj 11 -", "storms storm NOUN NNS pobj 11 -")) == []
    assert frames(MEANS) == [("accuses", "culprit_means")]
    assert frames(MEANS.replace("attackers attacker NOUN", "engineers engineer NOUN")) == []


def test_the_author_of_a_harm_or_a_party_with_a_hand_in_it_is_accused():
    assert frames(AUTHOR) == [("accuses", "authorship"), ("accuses", "harm_agent")]  # and "hackers backed by Selvia"
    assert frames(HAND) == [("accuses", "involvement")]


# --------------------------------------------------------------------------- threatens


def test_a_punishment_the_subject_will_meet_threatens():
    assert frames(PUNISHED) == [("threatens", "punishment_ahead")]
    assert frames(ACHIEVE) == []  # "we would achieve justice" puts it on no one


def test_refusing_to_tolerate_a_harm_and_taking_a_dispute_to_a_body_threaten():
    assert frames(TOLERATE) == [("threatens", "intolerance")]
    assert frames(TOLERATE.replace("not not PART RB neg 5 -", "also also ADV RB advmod 5 -")) == []
    assert frames(ESCALATE) == [("threatens", "escalation")]


def test_declaring_someone_an_enemy_or_a_response_ahead_threatens():
    assert frames(ENEMY) == [("threatens", "hostile_label")]
    assert frames(RESPONSE) == [("threatens", "retaliation_ahead")]
    assert frames(RESPONSE.replace("would would AUX MD aux 5 -", "was was AUX VBD aux 5 -")) == []


def test_a_harm_not_to_go_unpunished_or_a_next_target_threatens():
    assert frames(UNPUNISHED) == [("threatens", "not_unpunished")]
    assert frames(UNPUNISHED.replace("not not PART RB neg", "soon soon ADV RB advmod")) == []
    assert frames(NEXT) == [("threatens", "next_target")]


def test_a_penalty_someone_is_warned_of_threatens():
    assert frames(WARNED_FINE) == [("threatens", "warned_penalty")]
    assert frames(WARNED_FINE.replace("warned warn VERB", "said say VERB")) == []


def test_a_harm_answered_a_punishment_had_or_measures_ready_threaten():
    assert frames(MET_WITH_FORCE) == [("threatens", "harm_answered")]
    assert frames(REVOKED) == [("threatens", "punishment_had")]
    assert frames(ON_TABLE) == [("threatens", "measures_ready")]


def test_ones_own_hostile_act_ahead_threatens_and_a_hedged_one_of_others_forecasts():
    assert frames(CUT_OFF) == [("threatens", "hostile_acts")]
    assert frames(PROBABLY) == []
    assert frames(PROBABLY.replace("probably probably ADV RB advmod", "surely surely ADV RB advmod")) == [("threatens", "future_act")]


def test_an_ultimatum_threatens():
    assert frames(ULTIMATUM) == [("threatens", "ultimatum"), ("threatens", "or_face")]


# --------------------------------------------------------------------------- claims_responsibility


def test_a_victim_counted_as_ones_own_claims_responsibility():
    assert frames(VICTIMS) == [("claims_responsibility", "own_victims")]
    assert frames(VICTIMS.replace("its its PRON", "the the DET").replace("poss", "det")) == []


def test_a_culprits_own_past_act_claims_responsibility_and_anyone_elses_does_not():
    assert frames(OWN_DEED, speaker=(0, 2)) == [("claims_responsibility", "own_deeds")]
    ministry = OWN_DEED.replace("gang gang NOUN", "ministry ministry NOUN")
    assert frames(ministry, speaker=(0, 2)) == []


# --------------------------------------------------------------------------- denies


def test_labelling_an_allegation_or_taking_no_part_denies():
    assert frames(LABELLED) == [("denies", "labelled_allegation")]
    assert frames(LABELLED.replace("allegations allegation", "meeting meeting")) == []
    assert frames(LABEL_IS) == [("denies", "allegation_is")]
    assert frames(NO_PART) == [("denies", "involvement")]


def test_ones_own_systems_said_unharmed_deny():
    assert frames(NOT_HACKED) == [("denies", "own_harm_denied")]
    assert frames(NOT_HACKED.replace("its its PRON PRP$ poss", "the the DET DT det")) == []


def test_a_refused_thing_is_no_denial():
    doc = parse(REJECTED)
    assert refused_object(doc[5])  # "transactions were rejected"
    allegations = parse(REJECTED.replace("transactions transaction", "allegations allegation"))
    assert not refused_object(allegations[5])


# --------------------------------------------------------------------------- reports_measurement, predicts


def test_a_service_in_normal_operation_out_of_use_or_shown_failing_is_observed():
    assert {f for f in frames(NORMAL)} == {("reports_measurement", "normal_operation")}
    assert frames(NORMAL.replace("payments payment", "protests protest")) == []  # a protest is no service
    assert frames(OUT_OF) == [("reports_measurement", "out_of_use")]
    assert frames(SHOWED) == [("reports_measurement", "displayed_state")]
    assert frames(SHOWS_BIAS) == []
    assert frames(USERS) == [("reports_measurement", "users_report")]


def test_a_likelihood_predicts():
    assert frames(LIKELY) == [("predicts", "likely_to")]


def test_every_role_rule_is_tested_here():
    tested = {"harm_origin", "harm_agent", "harm_doer", "linking", "authorship", "involvement", "punishment_ahead",
              "intolerance", "escalation", "ultimatum", "or_face", "hostile_label", "retaliation_ahead", "own_victims",
              "labelled_allegation", "allegation_is", "evidence_points", "own_harm_denied", "harm_answered", "punishment_had",
              "measures_ready", "harm_by", "culprit_means", "warned_penalty", "not_unpunished"}
    assert {rule.__name__ for _, rule, _ in claim_roles.ANCHORS} == tested
    # not_working and harm_timeline are tested in test_claim_observations.py
    observed = {"normal_operation", "displayed_state", "harmed_service", "out_of_use", "users_report", "likely_to", "operating_again", "resumed_by",
                "not_working", "harm_timeline"}
    assert {rule.__name__ for _, rule, _ in claim_observations.ANCHORS} == observed


# --------------------------------------------------------------------------- through the CLI


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return extracted_part(tmp_path_factory.mktemp("claim_roles"), "roles")


@pytest.mark.parametrize("claim_type", ["accuses", "threatens", "claims_responsibility", "denies", "reports_measurement"])
def test_each_class_is_found_where_gold_has_it_and_nowhere_else(db, claim_type):
    rows = types_by_sentence(db, "roles")
    assert any(claim_type in gold for _, gold, _ in rows)
    missed = [text for text, gold, got in rows if claim_type in gold and claim_type not in got]
    false = [text for text, gold, got in rows if claim_type in got and claim_type not in gold]
    assert (missed, false) == ([], [])
