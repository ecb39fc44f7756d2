"""What culprits say: a hacker group's report of a service it took down claims the harm
(claim_speakers.as_own_claims); "X calling themselves Y" names a speaker, it says nothing
(attribution.verb_frames). Each rule on a hand-parsed doc, then end to end through the real CLI
on short invented sentences.
"""

from __future__ import annotations

from claimgraph.extract.attribution.verb_frames import _object, _speaker_of
from claimgraph.extract.claim_speakers import as_own_claims, reports_harm
from claimgraph.extract.claim_syntax import FrameMatch
from claim_fixtures import extracted_types, parse

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


SENTENCES = {
    # a culprit reporting the harm it did claims it
    "Hackers calling themselves Blue Moth wrote that the lights in Tarn go out when we say so.": "claims_responsibility",
    "A hacker group calling itself Blue Moth bragged that the ministry's portal was offline.": "claims_responsibility",
    # the same report from an operator, or a culprit reporting a recovery, measures
    "The operator said the ministry's portal was offline.": "reports_measurement",
    "Hackers calling themselves Blue Moth said the ministry's portal was back online.": "-claims_responsibility",
}


def test_each_class_through_the_cli(tmp_path):
    found = extracted_types(tmp_path, SENTENCES)
    for sentence, wanted in SENTENCES.items():
        if wanted.startswith("-"):
            assert wanted[1:] not in found[sentence], (sentence, found[sentence])
        else:
            assert wanted in found[sentence], (sentence, found[sentence])
