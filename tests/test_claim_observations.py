"""Observations of a service or a harm that are measurements: a service not doing its work
(claim_observations.not_working), the timeline of a harm or a failure (claim_observations.harm_timeline),
"ground to a halt" with "ground" tagged a noun (claim_frames.service_changes); and a cue verb that
speaks only with its particle ("hit back that ...": lexicon ``particle``). Each rule on hand-parsed
docs, then end to end through the real CLI on short invented sentences.
"""

from __future__ import annotations

from claimgraph.extract.claim_frames import service_changes
from claimgraph.extract.claim_observations import harm_timeline, not_working
from claim_fixtures import assert_typed, parse

NOT_LOADING = """
The the DET DT det 1
site site NOUN NN nsubj 4
is be AUX VBZ aux 4
not not PART RB neg 4
loading load VERB VBG ROOT 4
"""


def test_a_service_not_doing_its_work_is_observed():
    doc = parse(NOT_LOADING)
    assert not_working(doc[4], False).type == "reports_measurement"
    assert not_working(parse(NOT_LOADING.replace("site site", "mayor mayor"))[4], False) is None  # a person, not a service
    affirmative = parse(NOT_LOADING.replace("not not PART RB neg 4", "slowly slowly ADV RB advmod 4"))
    assert not_working(affirmative[4], False) is None


FADED_BY_NOON = """
The the DET DT det 1
jamming jamming NOUN NN nsubj 2
faded fade VERB VBD ROOT 2
by by ADP IN prep 2
noon noon NOUN NN pobj 3
"""


def test_a_harms_course_with_a_time_is_observed_and_a_campaigns_is_not():
    doc = parse(FADED_BY_NOON, {4: "TIME"})
    assert harm_timeline(doc[2], False).type == "reports_measurement"
    assert harm_timeline(parse(FADED_BY_NOON)[2], False) is None  # no time, no observation
    assert harm_timeline(parse(FADED_BY_NOON.replace("jamming jamming", "campaign campaign"), {4: "TIME"})[2], False) is None


def test_ground_to_a_halt_is_a_service_change_when_ground_is_tagged_a_noun():
    doc = parse("""
The the DET DT det 1
port port NOUN NN nsubj 2
ground ground NOUN NN ROOT 2
to to ADP IN prep 2
a a DET DT det 5
halt halt NOUN NN pobj 3
""")
    assert service_changes(doc[2], False).frame == "service_changes"


SENTENCES = {
    "The city's ticketing website is not loading for most users, the transit authority said.": "reports_measurement",
    "Ticket machines at the northern stations were not working on Tuesday morning.": "reports_measurement",
    "The interference began at about 5 a.m. and eased by midday, the regulator found.": "reports_measurement",
    "The blackout lasted eleven hours.": "reports_measurement",
    "Halden's container terminal ground to a halt on Sunday after the cranes lost power.": "reports_measurement",
    # a plan's course, a service ahead: no observation
    "The senator's campaign began on Monday in Ohio.": "-reports_measurement",
    "The new bridge will not open until May.": "-reports_measurement",
    # "shot back that", "hit back that" speak; "hit the coast" does not
    "The harbour master hit back that the allegations were baseless.": "denies",
    "A second storm hit the coast on Friday, the forecaster said.": "-denies",
    "The stoppage began at 10:41 a.m. and trading resumed at 1:53 p.m., the exchange said.": "reports_measurement",
    "The network's main switch had failed under a flood of traffic.": "reports_measurement",
}


def test_each_class_through_the_cli(tmp_path):
    assert_typed(tmp_path, SENTENCES)
