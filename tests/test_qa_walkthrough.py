"""Known extraction faults found by following the README on a story of our own (Madagascar, invented).

A fault not fixed yet is a strict xfail: it documents the fault, and fails (XPASS) once the fault
is fixed, so whoever fixes it turns it into a plain test.
"""

import pytest


def run(nlp, text: str, published: str = "2026-03-04"):
    doc = nlp.make_doc(text)
    doc._.article = {"id": "qa", "published": published, "title": None}
    return nlp(doc)


def test_a_time_zone_in_a_clock_time_is_not_an_actor(nlp):
    doc = run(nlp, "According to NetWatch Labs, the outage lasted 6 hours and 15 minutes, from 04:10 to 10:25 UTC.")
    assert "utc" not in {span.kb_id_ for span in doc.spans["actors"]}


@pytest.mark.xfail(strict=True, reason="the second verb of 'X said ... and demanded ...' gets the place named in "
                   "the sentence before as its speaker")
def test_a_coordinated_cue_keeps_its_speaker(nlp):
    doc = run(nlp, "A ship's anchor damaged the cable near Toliara, the company said.\n\n"
                   "Opposition leader Naina Andriamanjato said the government was hiding the truth "
                   "and demanded an independent inquiry.")
    sources = {claim.text(doc): claim.source for claim in doc._.claims}
    demanded = [source for text, source in sources.items() if "independent inquiry" in text]
    assert demanded and all(source == "naina-andriamanjato" for source in demanded)
