"""Document-level speaker resolution: the entity chain, speaker phrases, embedded posts, junk actors.

The rule tests build ``spacy.blank("en")`` Docs with hand-set parses and entities, so a model
upgrade does not reshuffle them; the end-to-end test runs the real CLI (ingest + extract) on
short fictional articles, one per class of speaker the chain has to resolve.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner
from spacy.tokens import Doc, Span

from claimgraph.cli import cli
from claimgraph.extract.actor_filters import display_name, garbled_start, is_junk, trailing_time_words
from claimgraph.extract.attribution.posts import embedded_posts
from claimgraph.extract.attribution.quote_marks import _DASH_RE
from claimgraph.extract.attribution.syntax import noun_phrase, subject_of
from claimgraph.extract.entity_chain import EntityChain, Mention, described_person, dominant, surname_repeats
from claimgraph.extract.extensions import register_extensions
from claimgraph.extract.gazetteer import Actor
from claimgraph.extract.resolver import actor_named

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "speakers"
BLANK = spacy.blank("en")


def parsed(words, heads=None, deps=None, pos=None, tags=None, spaces=None, sent_starts=None) -> Doc:
    """A Doc with a hand-set parse: ``heads`` are absolute token indices."""
    n = len(words)
    spaces = spaces or [i + 1 < n and words[i + 1] not in (",", ".", ":") for i in range(n)]
    if heads is None:  # a flat tree per sentence, each hung on the sentence's first word
        starts = sent_starts or [True] + [False] * (n - 1)
        heads, root = [], 0
        for i in range(n):
            root = i if starts[i] else root
            heads.append(root)
        deps = deps or ["ROOT" if heads[i] == i else "dep" for i in range(n)]
    return Doc(BLANK.vocab, words=words, spaces=spaces, heads=heads, deps=deps or ["dep"] * n,
               pos=pos or ["X"] * n, tags=tags or ["XX"] * n)


# ---------------------------------------------------------------------- speaker phrases


def test_a_participle_aside_is_not_part_of_the_speaker():
    # "Weller , speaking to sailors , said": the occasion, not who
    words = ["Weller", ",", "speaking", "to", "sailors", ",", "said"]
    doc = parsed(words, heads=[6, 0, 0, 2, 3, 0, 6], deps=["nsubj", "punct", "acl", "prep", "pobj", "punct", "ROOT"],
                 pos=["PROPN", "PUNCT", "VERB", "ADP", "NOUN", "PUNCT", "VERB"],
                 tags=["NNP", ",", "VBG", "IN", "NNS", ",", "VBD"])
    assert noun_phrase(doc[0]).text == "Weller"


@pytest.mark.parametrize("verb, verb_tag, lemma, speaker", [
    ("was hiding", "VBG", "hide", "Okafor"),  # the second cue agrees with "said", not with the clause
    ("hid", "VBD", "hide", "the board"),  # the forms do not tell: the parse is kept
])
def test_a_cue_coordinated_with_the_reported_clause_keeps_the_cues_speaker(verb, verb_tag, lemma, speaker):
    # "Okafor said the board {verb} the losses and demanded an audit", "demanded" hung on the clause
    words = ["Okafor", "said", "the", "board", *verb.split(), "the", "losses", "and", "demanded", "an", "audit"]
    shift = len(verb.split()) - 1
    clause = 4 + shift
    heads = [1, 1, 3, clause, *([clause] * shift), 1, clause + 2, clause, clause, clause,
             clause + 6, clause + 4]
    deps = ["nsubj", "ROOT", "det", "nsubj", *(["aux"] * shift), "ccomp", "det", "dobj", "cc", "conj", "det", "dobj"]
    pos = ["PROPN", "VERB", "DET", "NOUN", *(["AUX"] * shift), "VERB", "DET", "NOUN", "CCONJ", "VERB", "DET", "NOUN"]
    tags = ["NNP", "VBD", "DT", "NN", *(["VBD"] * shift), verb_tag, "DT", "NNS", "CC", "VBD", "DT", "NN"]
    doc = parsed(words, heads=heads, deps=deps, pos=pos, tags=tags)
    for token, base in zip(doc, ["Okafor", "say", "the", "board", *(["be"] * shift), lemma, "the", "loss", "and",
                                 "demand", "an", "audit"]):
        token.lemma_ = base
    assert subject_of(doc[clause + 4]).text == speaker


def test_the_speakers_own_relative_clause_stays_but_one_on_an_inner_noun_goes():
    # "Ada Voss , head of the Guild , which trains pilots , said"
    words = ["Ada", "Voss", ",", "head", "of", "the", "Guild", ",", "which", "trains", "pilots", ",", "said"]
    heads = [1, 12, 1, 1, 3, 6, 4, 6, 9, 6, 9, 1, 12]
    deps = ["compound", "nsubj", "punct", "appos", "prep", "det", "pobj", "punct", "nsubj", "relcl", "dobj", "punct",
            "ROOT"]
    doc = parsed(words, heads=heads, deps=deps)
    assert noun_phrase(doc[1]).text == "Ada Voss, head of the Guild"
    # "Ada Voss , who trains pilots , said": her own clause is part of the phrase
    words = ["Ada", "Voss", ",", "who", "trains", "pilots", ",", "said"]
    doc = parsed(words, heads=[1, 7, 1, 4, 1, 4, 1, 7],
                 deps=["compound", "nsubj", "punct", "nsubj", "relcl", "dobj", "punct", "ROOT"])
    assert noun_phrase(doc[1]).text == "Ada Voss, who trains pilots"


def test_a_dash_sign_off_keeps_initials_and_stops_at_the_handle():
    assert _DASH_RE.match(" ― Ana R. Solis, 44").group("name") == "Ana R. Solis"
    assert _DASH_RE.match(" — Cobalt Metrics (@CobaltMetrics) May 2").group("name").strip() == "Cobalt Metrics"


# ---------------------------------------------------------------------- the entity chain


def _chain_doc():
    """'Lena Marsh met Tom Hale . " Hale lied , " she said . He left .' with hand-set tags."""
    words = ["Lena", "Marsh", "met", "Tom", "Hale", ".", '"', "Hale", "lied", ",", '"', "he", "said", "."]
    pos = ["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT", "PUNCT", "PRON",
           "VERB", "PUNCT"]
    tags = ["NNP", "NNP", "VBD", "NNP", "NNP", ".", "``", "NNP", "VBD", ",", "''", "PRP", "VBD", "."]
    starts = [i in (0, 6) for i in range(len(words))]
    return parsed(words, pos=pos, tags=tags, sent_starts=starts)


def test_a_pronoun_outside_quotes_skips_people_named_only_inside_them():
    doc = _chain_doc()
    actors = {"lena-marsh": Actor("lena-marsh", "Lena Marsh", "person"), "tom-hale": Actor("tom-hale", "Tom Hale", "person")}
    roles = [(0, 0, "lena-marsh", None)]
    mentions = [Mention(0, 2, "lena-marsh", "person", "ner"), Mention(7, 8, "tom-hale", "person", "surname")]
    found = EntityChain(doc, actors, roles, len(doc.text)).references(mentions)
    # "he" in the narrative: Tom Hale inside the quote is passed over, and Lena Marsh is not
    # ruled out by gender (nothing marks it), so the narrative's latest person wins.
    assert [(doc[m.start].text, m.key) for m in found] == [("he", "lena-marsh")]


def test_a_gendered_title_rules_a_person_out_for_the_other_pronoun():
    words = ["spokeswoman", "Lena", "Marsh", "met", "Tom", "Hale", ".", "She", "left", "."]
    pos = ["NOUN", "PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "PRON", "VERB", "PUNCT"]
    doc = parsed(words, pos=pos, sent_starts=[i in (0, 7) for i in range(len(words))])
    actors = {"lena-marsh": Actor("lena-marsh", "Lena Marsh", "person"), "tom-hale": Actor("tom-hale", "Tom Hale", "person")}
    roles = [(0, 1, "lena-marsh", None)]
    mentions = [Mention(1, 3, "lena-marsh", "person", "ner"), Mention(4, 6, "tom-hale", "person", "ner")]
    found = EntityChain(doc, actors, roles, len(doc.text)).references(mentions)
    assert [(m.start, m.key) for m in found] == [(7, "lena-marsh")]


def test_the_role_noun_goes_to_its_only_holder_even_when_named_later():
    words = ["The", "spokeswoman", "said", "no", ".", "Clara", "Benn", ",", "a", "spokeswoman", ",", "spoke", "."]
    pos = ["DET", "NOUN", "VERB", "DET", "PUNCT", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "PUNCT"]
    tags = ["DT", "NN", "VBD", "DT", ".", "NNP", "NNP", ",", "DT", "NN", ",", "VBD", "."]
    deps = ["det", "nsubj", "ROOT", "dobj", "punct", "compound", "nsubj", "punct", "det", "appos", "punct", "ROOT",
            "punct"]
    heads = [1, 2, 2, 2, 2, 6, 11, 6, 9, 6, 6, 11, 11]
    doc = parsed(words, heads=heads, deps=deps, pos=pos, tags=tags, sent_starts=[i in (0, 5) for i in range(13)])
    actors = {"clara-benn": Actor("clara-benn", "Clara Benn", "person")}
    found = EntityChain(doc, actors, [(8, 10, "clara-benn", None)], len(doc.text)).references(
        [Mention(5, 7, "clara-benn", "person", "ner")])
    assert [(doc[m.start:m.end].text, m.key, m.method) for m in found] == [("The spokeswoman", "clara-benn", "nominal")]


def test_a_described_source_is_resolved_only_when_one_person_fits():
    doc = parsed(["a", "spokeswoman", "x", "spokeswoman", "y", "analyst", "z"])
    roles = [(1, 2, "ann", "ministry"), (3, 4, "bea", "port"), (5, 6, "cy", None)]
    assert described_person(doc, roles, "spokeswoman", "ministry") == "ann"
    assert described_person(doc, roles, "spokeswoman", None) is None  # two spokeswomen: undecided
    assert described_person(doc, roles, "analyst", None) == "cy"
    assert described_person(doc, roles, "economist", None) is None


def test_a_surname_or_label_joins_the_full_name_in_any_case_and_position():
    words = ["Ruan", "Meilin", "spoke", ".", "Ruan", "said", "so", ".", "RUAN", ":", "Yes", "."]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "ADV", "PUNCT", "PROPN", "PUNCT", "INTJ", "PUNCT"]
    doc = parsed(words, pos=pos, sent_starts=[i in (0, 4, 8) for i in range(12)])
    mentions = [Mention(0, 2, "ruan-meilin", "person", "ner")]
    assert [(m.start, m.key) for m in surname_repeats(doc, mentions)] == [(4, "ruan-meilin"), (8, "ruan-meilin")]


def test_a_shared_surname_goes_only_to_a_clearly_dominant_person():
    assert dominant(Counter({"a": 2, "b": 1})) == "a"
    assert dominant(Counter({"a": 2, "b": 2})) is None


def test_a_label_no_mention_covers_is_found_by_spelling():
    register_extensions()
    doc = parsed(["Oskar", "Lindqvist", "and", "Dana", "Pell", ".", "LINDQVIST", ":", "Yes"],
                 pos=["PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "INTJ"])
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 3, 5, label="PERSON")]
    assert actor_named(doc, doc[6:7]) == "oskar-lindqvist"
    assert actor_named(doc, doc[3:5]) == "dana-pell"
    assert actor_named(doc, doc[7:8]) is None


# ---------------------------------------------------------------------- embedded posts


def test_an_embedded_post_is_its_authors():
    text = ("Monitors saw it first.\n\nThe network is down again at 15.41 UTC.\n\n"
            "— Cobalt Metrics (@CobaltMetrics) December 23, 2014\n\nLater it came back.")
    register_extensions()
    doc = BLANK(text)
    [post] = embedded_posts(doc)
    assert post.speaker.text == "Cobalt Metrics"
    assert text[post.content[0]:post.content[1]] == "The network is down again at 15.41 UTC."
    assert post.method == "embedded_post"


def test_a_post_signed_on_its_own_line_uses_the_text_before_the_dash():
    text = "Bridge closed for the night, take the ferry — Porto Vell Roads (@pvroads) May 4, 2016"
    [post] = embedded_posts(BLANK(text))
    assert text[post.content[0]:post.content[1]] == "Bridge closed for the night, take the ferry"


# ---------------------------------------------------------------------- junk actors


def test_a_weekday_glued_to_a_name_is_cut_off():
    doc = BLANK("Xinhua Monday reported")
    assert trailing_time_words(doc, 0, 2) == 1
    assert trailing_time_words(doc, 0, 1) == 1


def test_a_people_tagged_as_one_person_is_junk():
    doc = parsed(["Many", "Latinos", "voted", "Ana", "Reyes"], tags=["JJ", "NNPS", "VBD", "NNP", "NNP"])
    assert is_junk(doc, 1, 2, "PERSON")
    assert not is_junk(doc, 3, 5, "PERSON")


def test_a_garbled_first_name_is_taken_in_and_repaired():
    doc = BLANK("FranÃ§ois Martel said")
    assert garbled_start(doc, 1) == 0
    assert display_name(doc[0:2]) == "François Martel"
    assert garbled_start(BLANK("Pierre Martel"), 1) == 1


# ---------------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def speakers_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("speakers") / "speakers.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(path), str(FIXTURES)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    return path


def speakers(db_path: Path, fixture: str) -> list[tuple[str, str | None]]:
    """(speaker text, speaker's actor name) of each statement of the fixture article, in text order."""
    with sqlite3.connect(db_path) as connection:
        return connection.execute(
            "select s.speaker_text, a.name from statements s join articles r on r.id = s.article_id"
            " left join actors a on a.id = s.speaker_id where r.source like ? order by s.start",
            (f"%{fixture}",),
        ).fetchall()


@pytest.mark.parametrize("fixture, speaker, actor", [
    ("pronoun.txt", "She", "Lena Marsh"),
    ("role_noun.txt", "The spokeswoman", "Clara Benn"),
    ("role_noun.txt", "the spokeswoman", "Clara Benn"),
    ("quote_then_he.txt", "He", "Tomas Weller"),
    ("surname.txt", "Ruan", "Ruan Meilin"),
    ("transcript.txt", "LINDQVIST", "Oskar Lindqvist"),
    ("transcript.txt", "PELL", "Dana Pell"),
    ("embedded_post.txt", "Cobalt Metrics", "Cobalt Metrics"),
    ("embedded_post.txt", "Mayor Maria Lopez", "Maria Lopez"),
    ("described.txt", "One analyst", None),
])
def test_the_cli_resolves_each_class_of_speaker(speakers_db, fixture, speaker, actor):
    assert (speaker, actor) in speakers(speakers_db, fixture)


def test_the_cli_keeps_junk_out_of_the_actors(speakers_db):
    with sqlite3.connect(speakers_db) as connection:
        names = {name for (name,) in connection.execute("select name from actors")}
    assert "François Martel" in names
    assert not names & {"Latinos", "Xinhua Monday", "FranÃ§ois Martel", "UTC"}


def test_a_date_after_the_cue_is_not_the_speaker():
    from claimgraph.extract.attribution.quote_marks import _inverted_subject

    # '" ... , " said Monday police chief Ana Ruiz'
    words = ["said", "Monday", "police", "chief", "Ana", "Ruiz"]
    doc = parsed(words, heads=[0, 0, 3, 5, 5, 0], deps=["ROOT", "npadvmod", "compound", "compound", "compound", "nsubj"],
                 pos=["VERB", "PROPN", "NOUN", "NOUN", "PROPN", "PROPN"])
    doc.ents = [Span(doc, 1, 2, label="DATE"), Span(doc, 4, 6, label="PERSON")]
    assert _inverted_subject(doc[0]).text == "police chief Ana Ruiz"


def test_a_speaker_inside_its_content_splits_it_in_two(nlp):
    text = "The bridge, which Mayor Ana Ruiz says will open in May, is already late."
    doc = nlp(text)
    [statement] = [s for s in doc._.statements if s.cue is not None and s.cue.text == "says"]
    assert statement.speaker.text == "Mayor Ana Ruiz"
    assert [text[a:b] for a, b in statement.fragments] == ["which", "will open in May"]


def test_a_reporting_noun_is_held_by_its_source_its_name_or_the_verbs_subject():
    from claimgraph.extract.attribution.noun_frames import _noun_holder

    # "warnings from his lawyer that ...": the source after "from"
    doc = parsed(["warnings", "from", "his", "lawyer"], heads=[0, 0, 3, 1], deps=["ROOT", "prep", "poss", "pobj"])
    assert _noun_holder(doc[0]).text == "his lawyer"
    # "a Harbor Times report that ...": the name compounded with it
    doc = parsed(["a", "Harbor", "Times", "report"], heads=[3, 2, 3, 3], deps=["det", "compound", "compound", "ROOT"])
    doc.ents = [Span(doc, 1, 3, label="ORG")]
    assert _noun_holder(doc[3]).text == "Harbor Times"
    # "Unions persisted in arguments that ...": the subject of the verb it hangs on
    doc = parsed(["Unions", "persisted", "in", "arguments"], heads=[1, 1, 1, 2], deps=["nsubj", "ROOT", "prep", "pobj"],
                 pos=["NOUN", "VERB", "ADP", "NOUN"])
    assert _noun_holder(doc[3]).text == "Unions"
