"""Hard-wrapped plain text: unwrapped at ingest, and a wrap never starts a sentence in the pipeline.

The end-to-end check ingests one fictional wire story written three ways (one paragraph per
line; hard-wrapped at 68 columns with wraps before names, numbers and quotes; the same with
CRLF line ends) through the real CLI and compares the rows extraction makes.
"""

import re
import zlib

import lxml.html
import pytest
import spacy
import sqlite_utils
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.extract.pipeline import paragraph_sentences  # noqa: F401  (registers the component)
from claimgraph.ingest.html import extract_page, unwrap_pre_blocks
from claimgraph.ingest.text import clean_plain_text, split_paragraphs, wrap_width

WRAPPED = """\
Harbour Networks Says Hackers Cut Off North Korea

The internet outage that cut off nearly every website in the country
on Monday was the work of hackers who had long been targeting North
Korea, a researcher at the security firm Harbour Networks, Anna
Keller, said on Tuesday.

Keller said the attack began shortly after midnight and lasted nine
hours. She said her team at Harbour Networks had counted more than
2,000 compromised machines taking part in it.

Keller told reporters at a briefing in Geneva on Tuesday afternoon:
"We saw the routes to Pyongyang disappear one after another, and
nobody on the outside could reach them."

David Moreno, a spokesman for the foreign affairs ministry of South
Sudan, said the same group had attacked government servers in Juba
in March and that 340 of them were still offline on Monday.

Moreno said the hackers had also demanded money from the ministry.
"These people are not activists, they are criminals," he said. "They
took down our hospitals and our banks."

Pyongyang said little. The leader of the isolated country, Kim Jong-
un, was not seen in public on Monday. The state news agency KCNA
said the country would respond "with force" to any further attack.
"""
# The same story with one paragraph per line and no blank lines.
ONE_PER_LINE = """\
Harbour Networks Says Hackers Cut Off North Korea
The internet outage that cut off nearly every website in the country on Monday was the work of hackers who had long been targeting North Korea, a researcher at the security firm Harbour Networks, Anna Keller, said on Tuesday.
Keller said the attack began shortly after midnight and lasted nine hours. She said her team at Harbour Networks had counted more than 2,000 compromised machines taking part in it.
Keller told reporters at a briefing in Geneva on Tuesday afternoon: "We saw the routes to Pyongyang disappear one after another, and nobody on the outside could reach them."
David Moreno, a spokesman for the foreign affairs ministry of South Sudan, said the same group had attacked government servers in Juba in March and that 340 of them were still offline on Monday.
Moreno said the hackers had also demanded money from the ministry. "These people are not activists, they are criminals," he said. "They took down our hospitals and our banks."
Pyongyang said little. The leader of the isolated country, Kim Jong-un, was not seen in public on Monday. The state news agency KCNA said the country would respond "with force" to any further attack.
"""


def test_the_fixture_wraps_where_the_bugs_were():
    for wrap in ("North\nKorea", "Anna\nKeller", "\n2,000", '\n"We saw', "South\nSudan", "Jong-\nun"):
        assert wrap in WRAPPED, wrap
    assert max(len(line) for line in WRAPPED.splitlines()) <= 68
    assert re.sub(r"-\n", "-", WRAPPED).split() == ONE_PER_LINE.split()


# ----------------------------------------------------------------------------- the unwrapping rule


def test_wrapped_text_is_unwrapped_into_its_paragraphs():
    paragraphs = split_paragraphs(WRAPPED)
    assert paragraphs == split_paragraphs(ONE_PER_LINE) == ONE_PER_LINE.splitlines()
    assert wrap_width(WRAPPED) == 68


def test_crlf_and_cr_line_ends_unwrap_the_same():
    assert split_paragraphs(WRAPPED.replace("\n", "\r\n")) == split_paragraphs(WRAPPED)
    assert split_paragraphs(WRAPPED.replace("\n", "\r")) == split_paragraphs(WRAPPED)


def test_one_paragraph_per_line_is_left_alone():
    text = (
        "The minister said the port would reopen on Friday.\n"
        "Ships have waited outside the harbour for nine days, and some of them have run out of fresh water.\n"
        "North Korea said nothing.\n"
        "Officials in the capital blamed the storms, which they said were the worst in a decade, for the closure of the port and the delays.\n"
    )
    assert wrap_width(text) is None
    assert split_paragraphs(text) == text.splitlines()


def test_lists_headings_and_datelines_are_not_joined_to_the_text_around_them():
    text = (
        "PORT REOPENS\n"
        "March 3, 2024\n"
        "The harbour authority said on Friday that three measures would keep\n"
        "the port open through the rest of the storm season this year:\n"
        "- a second breakwater, to be built by the national engineering\n"
        "  corps before the end of the summer, at a cost of 40 million;\n"
        "- nightly inspections of every berth by the harbour's own divers;\n"
        "- a warning service for ships waiting outside the harbour mouth.\n"
        "\n"
        "The plan was approved by the council of the city on Thursday, and\n"
        "the first works are due to start in the last week of the month.\n"
    )
    assert split_paragraphs(text) == [
        "PORT REOPENS",
        "March 3, 2024",
        "The harbour authority said on Friday that three measures would keep the port open through the rest of the storm season this year:",
        "- a second breakwater, to be built by the national engineering corps before the end of the summer, at a cost of 40 million;",
        "- nightly inspections of every berth by the harbour's own divers;",
        "- a warning service for ships waiting outside the harbour mouth.",
        "The plan was approved by the council of the city on Thursday, and the first works are due to start in the last week of the month.",
    ]


def test_numbered_lists_stay_items_but_a_wrap_before_a_number_is_joined():
    text = (
        "Officials at the ministry said the number of servers still offline\n"
        "12. That was down from 340 a week earlier, they said on Monday.\n"
        "\n"
        "The ministry listed its priorities for the weeks after the attack:\n"
        "1. restore the servers of the hospitals in the capital and the\n"
        "   regions, whatever the cost;\n"
        "2. reopen the banks.\n"
    )
    assert split_paragraphs(text) == [
        "Officials at the ministry said the number of servers still offline 12. That was down from 340 a week earlier, they said on Monday.",
        "The ministry listed its priorities for the weeks after the attack:",
        "1. restore the servers of the hospitals in the capital and the regions, whatever the cost;",
        "2. reopen the banks.",
    ]


def test_mixed_text_unwraps_only_its_wrapped_paragraphs():
    long_line = (
        "The ministry said on Monday that the servers of the hospitals had been restored, that the banks would reopen on "
        "Tuesday and that the police had arrested two people in connection with the attack on the capital's networks."
    )
    text = (
        f"Ministry Restores Servers\n\n{long_line}\n\n"
        "The ministry's spokesman, David Moreno, said the two suspects were\n"
        "held in Juba and would appear in court on Wednesday, and that their\n"
        "lawyers had not yet been named.\n"
        "Short line one.\n"
        "Short line two.\n"
    )
    assert split_paragraphs(text) == [
        "Ministry Restores Servers",
        long_line,
        "The ministry's spokesman, David Moreno, said the two suspects were held in Juba and would appear in court on "
        "Wednesday, and that their lawyers had not yet been named.",
        "Short line one.",
        "Short line two.",
    ]


def test_a_paragraph_indent_starts_a_new_paragraph_in_wrapped_text():
    text = (
        "    The harbour reopened on Friday after a week of storms that had\n"
        "closed the port to all traffic, the harbour authority said today.\n"
        "    Ships that had waited outside for nine days began to come in\n"
        "at dawn, and the first of them was unloaded by noon on Saturday.\n"
    )
    assert split_paragraphs(text) == [
        "The harbour reopened on Friday after a week of storms that had closed the port to all traffic, the harbour authority said today.",
        "Ships that had waited outside for nine days began to come in at dawn, and the first of them was unloaded by noon on Saturday.",
    ]


@pytest.mark.parametrize("end, start, joined", [("Kim Jong-", "un", "Kim Jong-un"), ("dis-", "connected", "dis-connected"),
                                                ("2014–", "2015", "2014–2015"), ("said --", "without", "said -- without")])
def test_a_line_ending_in_a_hyphen_keeps_it_and_joins_without_a_space(end, start, joined):
    first = "The talks between the two delegations were said to have gone well"
    second = f"and to have lasted most of the day at the ministry on Monday, {end}"
    assert len(second) >= 66
    text = f"{first}\n{second}\n{start} the ministry added in its statement on Tuesday.\n\n" * 3
    assert f" {joined} " in split_paragraphs(text)[0]


def test_clean_plain_text_unwraps_and_still_finds_the_headline():
    plain = clean_plain_text(WRAPPED)
    assert plain.title == "Harbour Networks Says Hackers Cut Off North Korea"
    assert plain.paragraphs == ONE_PER_LINE.splitlines()[1:]


# ----------------------------------------------------------------------------- the pipeline rule


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimgraph_paragraphs")
    return nlp


def starts(doc):
    return [token.text for token in doc if token.is_sent_start and token.i > 0]


def test_a_wrap_inside_a_sentence_starts_no_sentence(blank):
    doc = blank(
        "The outage was the work of hackers who had long been targeting North\n"
        "Korea, a researcher said, and her team counted more than some total of\n"
        "2,000 machines. She told reporters at a briefing in Geneva on Tuesday:\n"
        '"We saw the routes disappear."'
    )
    assert starts(doc) == []
    # after a line break or punctuation the parser decides; after a word on the same line no sentence starts
    assert all(token.is_sent_start is None for token in doc[1:] if not doc[token.i - 1].is_alpha)


def test_no_sentence_starts_right_after_a_word_on_the_same_line(blank):
    doc = blank("Lee quoted remarks Voss had made about the port. Voss replied.")
    assert doc[3].text == "Voss" and doc[3].is_sent_start is False
    assert all(token.is_sent_start is False for token in doc[1:] if doc[token.i - 1].is_alpha)
    assert doc[10].text == "Voss" and doc[10].is_sent_start is None


def test_a_line_that_ends_a_sentence_or_cannot_be_a_wrap_starts_one(blank):
    doc = blank(
        "Harbour Reopens After Storms\n"
        "The harbour reopened on Friday after a week of storms, the authority said.\n"
        "Ships came in at dawn.”\n"
        "Officials were pleased, the port's director told reporters on Saturday.\n"
        "officials\n\n"
        "Ships"
    )
    assert starts(doc) == ["The", "Ships", "Officials", "Ships"]


# ----------------------------------------------------------------------------- end to end


def extracted_rows(tmp_path, name: str, text: str, newline: str) -> dict:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    db_path = tmp_path / f"{name}.db"
    for args in (["ingest", str(db_path), str(path)], ["extract", str(db_path)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(db_path)
    queries = {
        "articles": "select text, title from articles",
        "actors": "select id, name, type from actors",
        "mentions": "select actor_id, text, start, end from mentions",
        "statements": "select speaker_id, speaker_text, cue, content, kind, start, end from statements",
        "claims": "select source_actor_id, type, subject_id, object_id, polarity, text, start, end from claims",
    }
    return {table: sorted(db.execute(sql).fetchall(), key=repr) for table, sql in queries.items()}, path.read_bytes(), db


def test_the_story_written_three_ways_gives_the_same_rows(tmp_path):
    flat, _, _ = extracted_rows(tmp_path, "one-per-line", ONE_PER_LINE, "\n")
    wrapped, _, _ = extracted_rows(tmp_path, "wrapped", WRAPPED, "\n")
    crlf, crlf_bytes, crlf_db = extracted_rows(tmp_path, "crlf", WRAPPED, "\r\n")
    for table in flat:
        assert wrapped[table] == flat[table], table
        assert crlf[table] == flat[table], table
    # The raw copy keeps the bytes as they came, wraps and CRLF included.
    (raw,) = crlf_db.execute("select content from article_html").fetchone()
    assert zlib.decompress(raw) == crlf_bytes

    actors = {name for _, name, _ in flat["actors"]}
    assert {"North Korea", "Kim Jong-un", "Anna Keller", "David Moreno", "Harbour Networks"} <= actors, actors
    assert not actors & {"North", "Korea", "South", "Sudan", "Anna", "Jong"}, actors
    speakers = {(speaker, content[:20]) for speaker, _, _, content, *_ in flat["statements"]}
    assert ("anna-keller", '"We saw the routes t') in speakers, speakers
    assert ("anna-keller", "her team at Harbour ") in speakers, speakers
    assert ("david-moreno", '"These people are no') in speakers, speakers


def test_a_pre_block_of_wrapped_prose_is_read_as_paragraphs():
    headline, body = WRAPPED.split("\n\n", 1)
    page = f"<html><head><title>{headline}</title></head><body><h1>{headline}</h1><pre>{body}</pre></body></html>"
    assert extract_page(page, name="wire.html").paragraphs == ONE_PER_LINE.splitlines()[1:]
    code = "<html><body><p>The script below prints the outage log.</p><pre>for line in log:\n    print(line)\n</pre></body></html>"
    assert "    print(line)" in lxml_pre_text(code)


def lxml_pre_text(page: str) -> str:
    tree = lxml.html.document_fromstring(page)
    unwrap_pre_blocks(tree)
    return "".join(pre.text_content() for pre in tree.iter("pre"))
