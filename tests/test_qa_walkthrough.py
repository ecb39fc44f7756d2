"""Known extraction faults found by following the README on a story of our own (Madagascar, invented).

A fault not fixed yet is a strict xfail: it documents the fault, and fails (XPASS) once the fault
is fixed, so whoever fixes it turns it into a plain test.
"""


def run(nlp, text: str, published: str = "2026-03-04"):
    doc = nlp.make_doc(text)
    doc._.article = {"id": "qa", "published": published, "title": None}
    return nlp(doc)


def test_a_time_zone_in_a_clock_time_is_not_an_actor(nlp):
    doc = run(nlp, "According to NetWatch Labs, the outage lasted 6 hours and 15 minutes, from 04:10 to 10:25 UTC.")
    assert "utc" not in {span.kb_id_ for span in doc.spans["actors"]}


def test_a_coordinated_cue_keeps_its_speaker(nlp):
    doc = run(nlp, "A ship's anchor damaged the cable near Toliara, the company said.\n\n"
                   "Opposition leader Naina Andriamanjato said the government was hiding the truth "
                   "and demanded an independent inquiry.")
    sources = {claim.text(doc): claim.source for claim in doc._.claims}
    demanded = [source for text, source in sources.items() if "independent inquiry" in text]
    assert demanded and all(source == "naina-andriamanjato" for source in demanded)


def test_a_start_and_an_end_clock_time_in_one_claim_are_not_both_ends(tmp_path):
    from claimgraph.db import open_db
    from claimgraph.link import run_link

    db = open_db(tmp_path / "qa.db")
    text = ("Madagascar lost its Internet on Tuesday. NetWatch Labs said traffic from the island fell by 95 "
            "percent at 04:10 UTC and came back at 10:25 UTC.")
    claim = "traffic from the island fell by 95 percent at 04:10 UTC and came back at 10:25 UTC"
    start = text.index(claim)
    db["actors"].insert({"id": "madagascar", "name": "Madagascar", "type": "country", "country": "MG"})
    db["articles"].insert({"id": "a1", "url": "https://harbourpost.example/a", "text": text,
                           "published": "2026-03-03", "published_utc": "2026-03-03T00:00:00Z"})
    db["mentions"].insert({"id": "m1", "article_id": "a1", "actor_id": "madagascar", "text": "Madagascar",
                           "start": 0, "end": 10, "method": "gazetteer"})
    db["claims"].insert({"id": "c1", "article_id": "a1", "type": "reports_measurement", "text": claim,
                         "start": start, "end": start + len(claim), "sentence_start": text.index("NetWatch"),
                         "sentence_end": len(text), "polarity": "positive", "certainty": 1.0})
    db["evidence_sources"].insert({"id": "s1", "path": "figures.yml", "format": "figures", "sha256": "0" * 64})
    db["measurements"].insert({"id": "o1", "source_id": "s1", "kind": "outage", "subject_type": "country",
                               "subject": "MG", "country": "MG", "start": "2026-03-03T04:10:00+00:00",
                               "end": "2026-03-03T10:25:00+00:00", "value": 22500.0, "unit": "s",
                               "pointer": "line 5", "details": '{"reported_by": "NetWatch Labs"}'})
    run_link(db)
    verdicts = [row["verdict"] for row in db["claim_evidence"].rows_where("claim_id = 'c1'")]
    assert verdicts and "contradicts" not in verdicts
