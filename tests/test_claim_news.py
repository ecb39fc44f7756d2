"""Claim typing on ordinary news (this round's classes, read on the dev parts ``fresh7``, ``general1``
and ``general2``): figures that place an act in time or describe who took part measure nothing
(extract/claim_figures.py). Each rule on hand-parsed docs (rows are ``word lemma POS TAG dep
head-index``; no model), then the classes end to end through the real CLI on short invented sentences.
"""

from __future__ import annotations

import json

import sqlite_utils
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.extract.claim_figures import descriptive_count, timing_figure
from claim_fixtures import parse

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
}


def extracted_types(tmp_path, sentences) -> dict[str, set[str]]:
    """Each sentence as its own article through the real ingest and extract commands; the types found in each."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for index, sentence in enumerate(sentences):
        (folder / f"s{index}.txt").write_text(sentence + "\n", "utf-8")
        (folder / f"s{index}.meta.json").write_text(json.dumps({
            "title": f"Town Notes {index}", "outlet": "Invented Courier", "outlet_domain": "courier.example",
            "published": "2026-04-07", "language": "en", "source_note": "Invented sentence for claimgraph's tests."}), "utf-8")
    path = tmp_path / "claims.db"
    runner = CliRunner()
    for command in (["ingest", path, folder], ["extract", path]):
        result = runner.invoke(cli, list(map(str, command)))
        assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(path)
    found = {}
    for row in db.query("select a.text, group_concat(c.type) as types from articles a left join claims c on c.article_id = a.id group by a.id"):
        found[next(s for s in sentences if s in row["text"])] = set((row["types"] or "").split(",")) - {""}
    return found


def test_each_class_through_the_cli(tmp_path):
    found = extracted_types(tmp_path, SENTENCES)
    for sentence, wanted in SENTENCES.items():
        if wanted == "-":
            assert "reports_measurement" not in found[sentence], sentence
        else:
            assert wanted in found[sentence], (sentence, found[sentence])
