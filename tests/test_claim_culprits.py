"""Culprits in what is said: a hacker group's report of a service it took down claims the harm
(claim_speakers.as_own_claims); "X calling themselves Y" names a speaker, it says nothing
(attribution.verb_frames), and "boasted on a forum that ..." says what follows "that"
(attribution.misparsed_complements); the doers of a harm on the receiving end of a future clause are
threatened (claim_threats.culprits_ahead); proof of a deed posted by its doer claims it
(claim_speakers.proof_posts); a group that names itself claims its own deeds and their justification
like a culprit (claim_speakers.own_deeds), also when a transcript line reports it
(claim_speakers.inner_voices), and its word that others come next threatens (claim_speakers.next_warning).
Each rule on a hand-parsed doc, then end to end through the real CLI
on short invented sentences.
"""

from __future__ import annotations

from claimgraph.extract.attribution.misparsed_complements import relatives_taken_for_content
from claimgraph.extract.attribution.verb_frames import _object, _speaker_of
from claimgraph.extract.claim_speakers import as_own_claims, inner_voices, next_warning, own_deeds, reports_harm
from claimgraph.extract.claim_syntax import FrameMatch
from claimgraph.extract.claim_threats import culprits_ahead
from claim_fixtures import assert_typed, parse

CALLING_THEMSELVES = """
Hackers hacker NOUN NNS nsubj 1
calling call VERB VBG csubj 5
themselves themselves PRON PRP dobj 1
Blue Blue PROPN NNP compound 4
Moth Moth PROPN NNP dobj 1
bragged brag VERB VBD ROOT 5
that that SCONJ IN mark 10
the the DET DT det 8
portal portal NOUN NN nsubj 10
was be AUX VBD ccomp 5
offline offline ADJ JJ acomp 9
"""


def test_a_name_the_parser_made_the_subject_is_the_speaker():
    doc = parse(CALLING_THEMSELVES)
    assert _speaker_of(doc[5]).text == "Hackers calling themselves Blue Moth"
    assert _object(doc, doc[1], "call") is None  # "calling themselves Blue Moth" says nothing


def test_a_culprits_report_of_a_service_down_claims_it_and_of_one_back_does_not():
    doc = parse(CALLING_THEMSELVES)
    speaker = doc[0:5]
    down = FrameMatch("reports_measurement", "states", doc[10], doc[8])
    assert reports_harm(down)
    assert [m.type for m in as_own_claims([down], speaker)] == ["claims_responsibility"]
    back = parse(CALLING_THEMSELVES.replace("offline offline ADJ JJ", "online online ADJ JJ"))
    assert not reports_harm(FrameMatch("reports_measurement", "states", back[10], back[8]))
    # said by anyone else, the same words only measure
    assert [m.type for m in as_own_claims([down], None)] == ["reports_measurement"]


BOASTED_ON_A_FORUM = """
teenager teenager NOUN NN nsubj 1
boasted boast VERB VBD ROOT 1
on on ADP IN prep 1
a a DET DT det 5
gaming gaming NOUN NN compound 5
forum forum NOUN NN pobj 2
that that PRON WDT dobj 9
he he PRON PRP nsubj 9
had have AUX VBD aux 9
turned turn VERB VBN relcl 5
off off ADP RP prt 9
the the DET DT det 12
network network NOUN NN dobj 9
"""


def test_a_that_clause_hung_on_the_place_after_the_cue_is_what_was_said():
    doc = parse(BOASTED_ON_A_FORUM)
    assert [t.text for t in relatives_taken_for_content(doc[1])] == ["turned"]
    # "a forum that he had visited": a true relative, its "that" is the object it lacks
    visited = parse("\n".join(BOASTED_ON_A_FORUM.strip().splitlines()[:10]).replace("turned turn", "visited visit"))
    assert relatives_taken_for_content(visited[1]) == []


WHOEVER_ORDERED = """
whoever whoever PRON WP nsubj 1
ordered order VERB VBD csubj 5
the the DET DT det 3
hack hack NOUN NN dobj 1
would would AUX MD aux 5
regret regret VERB VB ROOT 5
it it PRON PRP dobj 5
"""


def test_the_doers_of_a_harm_on_the_receiving_end_of_a_future_clause_are_threatened():
    doc = parse(WHOEVER_ORDERED)
    assert culprits_ahead(doc[0], True).anchor.text == "regret"
    assert culprits_ahead(doc[0], False) is None  # narrated, not said by anyone
    wins = parse(WHOEVER_ORDERED.replace("ordered order", "won win").replace("hack hack", "vote vote"))
    assert culprits_ahead(wins[0], True) is None  # "whoever won the vote" did no harm
    strike = parse("""
the the DET DT det 1
attackers attacker NOUN NNS nsubj 3
would would AUX MD aux 3
strike strike VERB VB ROOT 3
again again ADV RB advmod 3
""")
    assert culprits_ahead(strike[1], True) is None  # their own act ahead


SELF_NAMED_PAYBACK = """
a a DET DT det 1
channel channel NOUN NN nsubj 6
calling call VERB VBG acl 1
itself itself PRON PRP dobj 2
Grey Grey PROPN NNP compound 5
Finch Finch PROPN NNP oprd 2
wrote write VERB VBD ROOT 6
that that SCONJ IN mark 10
the the DET DT det 9
blackout blackout NOUN NN nsubj 10
was be AUX VBD ccomp 6
payback payback NOUN NN acomp 10
for for ADP IN prep 11
the the DET DT det 14
arrests arrest NOUN NNS pobj 12
"""


def test_a_group_that_names_itself_claims_the_harm_it_calls_payback():
    doc = parse(SELF_NAMED_PAYBACK)
    assert [m.anchor.text for m in own_deeds(doc[7:], doc[0:6])] == ["payback"]
    # a channel that does not name itself is no culprit; nor is payback called on a party
    plain = parse(SELF_NAMED_PAYBACK.replace("itself itself PRON PRP dobj", "news news NOUN NN dobj"))
    assert own_deeds(plain[7:], plain[0:6]) == []
    minister = parse(SELF_NAMED_PAYBACK.replace("blackout blackout NOUN NN", "minister minister NOUN NN"))
    assert own_deeds(minister[7:], minister[0:6]) == []


def test_a_statement_told_inside_a_transcript_line_has_its_own_speaker_and_cue():
    doc = parse(SELF_NAMED_PAYBACK)
    [(speaker, cue, content)] = inner_voices(list(doc), None)
    assert (speaker.text, cue.text, content[0].text, content[-1].text) == ("a channel calling itself Grey Finch", "wrote", "that", "arrests")
    assert inner_voices(list(doc), doc[6:7]) == []  # the statement's own cue is no voice inside it


NEXT_DEPOT = """
the the DET DT det 2
next next ADJ JJ amod 2
depot depot NOUN NN nsubj 5
will will AUX MD aux 5
not not PART RB neg 5
be be AUX VB ROOT 5
so so ADV RB advmod 7
lucky lucky ADJ JJ acomp 5
"""


def test_a_culprits_word_that_the_next_one_will_fare_worse_threatens():
    gang = parse("""
the the DET DT det 1
gang gang NOUN NN ROOT 1
""")
    doc = parse(NEXT_DEPOT)
    assert [(m.type, m.anchor.text) for m in next_warning(doc, gang[0:2])] == [("threatens", "be")]
    minister = parse("""
the the DET DT det 1
minister minister NOUN NN ROOT 1
""")
    assert next_warning(doc, minister[0:2]) == []  # "the next budget will be tight" from a minister forecasts
    version = parse(NEXT_DEPOT.replace("depot depot NOUN NN", "version version NOUN NN"))
    assert next_warning(version, gang[0:2]) == []  # the next version of a tool is no target


SENTENCES = {
    # a culprit reporting the harm it did claims it
    "Hackers calling themselves Blue Moth wrote that the lights in Tarn go out when we say so.": "claims_responsibility",
    "A hacker group calling itself Blue Moth bragged that the ministry's portal was offline.": "claims_responsibility",
    # the same report from an operator, or a culprit reporting a recovery, measures
    "The operator said the ministry's portal was offline.": "reports_measurement",
    "Hackers calling themselves Blue Moth said the ministry's portal was back online.": "-claims_responsibility",
    # a boast of a deed on a service, after a place phrase the parser took the "that" clause for
    "A teenager boasted on a gaming forum that he had turned off the city's traffic network.": "claims_responsibility",
    "The mayor boasted that he had won the debate.": "-claims_responsibility",
    # proof posted: a victim's insides by anyone, a harmed thing by a culprit; not by those who report or investigate
    "Night Heron has posted a screenshot of what it says is the port authority's server console.": "claims_responsibility",
    "A militant group, the Grey Wolves of Ardal, posted a video showing the burning substation.": "claims_responsibility",
    "A local television channel posted a video of the burning substation.": "-claims_responsibility",
    "Police posted a photo of the suspect's server.": "-claims_responsibility",
    "Researchers shared screenshots of the malware's control panel.": "-claims_responsibility",
    # the doers of a harm, promised what comes to them
    "The president said that those who had sent the bombers would receive an answer they will remember.": "threatens",
    "The minister warned that whoever ordered the hack would regret it.": "threatens",
    "Police said those behind the arson would be found and punished.": "threatens",
    "The analyst said that those who bought shares early would profit.": "-threatens",
    "The coach said whoever wins the final would receive a bonus.": "-threatens",
    # a group that names itself: its justification of a harm, what it took, its deed told in a transcript line
    "A channel calling itself Grey Finch wrote that the blackout was payback for the arrests.": "claims_responsibility",
    "The ministry said the blackout was a lesson for every town.": "-claims_responsibility",
    "\"Kelmport is ours now,\" the hackers wrote.": "claims_responsibility",
    "The coach said the title is ours.": "-claims_responsibility",
    # a presenter's line is narration: the group speaks, though the parser cut its name from "calling itself"
    "ANCHOR: Meanwhile a group calling itself Grey Finch has posted online that it \"froze the ticket gates at Kelmport.\"":
        "claims_responsibility",
    # anyone else's line holds the group's statement inside it
    "VOSS: Meanwhile a group calling itself Grey Finch has posted online that it \"froze the ticket gates at Kelmport.\"":
        "claims_responsibility",
    "VOSS: Meanwhile the ferry operator has posted online that it froze the ticket gates at Kelmport.": "-claims_responsibility",
    # a culprit's or a self-named group's word that others come next
    "A crew calling itself Red Wick posted that \"the next depot will not be so lucky.\"": "threatens",
    "The hackers wrote: \"Kelmport, you are next.\"": "threatens",
    "The gang wrote on its leak site that more leaks would follow.": "threatens",
    "The minister said the next budget would not be so generous.": "-threatens",
    "The hackers said the next version of their tool would be faster.": "-threatens",
    # a claim of one's own harm, a self-named person's deed on a service
    "A group of activists calling itself Low Tide claimed to have knocked the ministry's portal offline on Tuesday.": "claims_responsibility",
    "The senator claimed to have won the debate.": "-claims_responsibility",
    "A user calling himself Pike wrote that he had walked out of the agency's database with everything.": "claims_responsibility",
    "The mayor wrote that he had walked out of the meeting.": "-claims_responsibility",
}


def test_each_class_through_the_cli(tmp_path):
    assert_typed(tmp_path, SENTENCES)
