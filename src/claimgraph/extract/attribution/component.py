"""Who said what: direct quotes and reported speech, with speaker, cue and content.

The ``claimgraph_quotes`` component reads the dependency parse and the quotation marks and
sets ``doc._.statements``, a list of :class:`Statement` (stored as plain records in
``doc._.statement_records``). It works in four passes:

1. **Reported speech from the parse.** A cue verb (``clause`` frame: said, told, argued,
   believes, warned, ...) with a complement clause is a statement: the clause is the
   content and the verb's subject the speaker (``X said (that) ...``, ``..., X said.``).
   Some verbs take their content as an object, an infinitive or after a preposition
   (``denied the report``, ``urged Congress to act``, ``called for calm``); ``according to
   X, ...`` makes the rest of the sentence the content; nouns report too (``Trump's claim
   that ...``, ``concerns about ...``), and so do transcript lines (``PENCE: ...``). A
   relative-pronoun subject (``the agency, which said``) is kept as written and resolved to
   the noun it stands for; a verb without a subject borrows its head's (``stood up and
   said``, ``by announcing that``). Speech inside a quotation or a transcript line belongs
   to the quoted speaker and is not a statement of its own. Stances, findings and
   expectations count too: an attribution inside its clause (``The bridge, he said, would
   open``), ``polls show ...``, ``X seems to ...`` / ``X is expected to ...``, ``X was
   accused of ...``, ``critical of``, ``worried about``, ``a staunch opponent of``,
   ``her decision to ...``. An embedded post signed "— Name (@handle) date" is its
   author's (:mod:`.posts`).
2. **Direct quotes.** Text between quotation marks (straight, curly or ``''``; a paragraph
   that opens a quote and leaves it open continues into the next paragraph that opens one)
   is matched to the nearest cue after it in the same sentence (``"...," Power said`` /
   ``said Power`` / ``"..." ― Carla Sanchez``) or before it (``Harf told reporters, "..."``,
   ``He said:`` closing the previous paragraph). A statement from pass 1 whose content
   touches a quote is widened to the whole quote.
3. **Quotes without a cue.** A quote that makes up its own sentence(s) and has no cue
   continues the previous statement's speaker when that statement is in the previous
   sentence, or is given to the subject of the previous sentence when that is a person or
   a described source ("a security researcher for Arbor Networks ... doesn't see signs ...").
4. **Split quotes.** A quote that resumes right after its attribution (``"A," he said.
   "B."``) joins the first: one statement with two ``fragments``.

Speakers are resolved to actors through ``doc.spans["actors"]`` (the actor whose span holds
the speaker phrase's head word, so "U.S. Ambassador to the U.N. Samantha Power" is Samantha
Power, not the U.S.); pronouns fall back to the previous speaker or person.

Extend it by adding words to ``lexicon.yml`` (see :mod:`.lexicon`), or through the
component's config (``extra_cue_verbs``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..doc_views import cached_views, doc_text
from ..extensions import Statement, register_extensions
from .lexicon import CUE_VERBS, AttributionSettings
from .noun_frames import noun_cues, noun_topics
from .posts import embedded_posts
from .quote_marks import (
    attach_quotes, find_quote_spans, join_continued_quotes, join_quote_before, join_split_quotes, outside_quotes,
    widen_to_quotes,
)
from .speakers import settle_speakers
from .transcripts import outside_editors_notes, transcript_lines, without_presenters_narration
from .verb_frames import reported_speech


@Language.factory(
    "claimgraph_quotes",
    requires=["token.dep", "token.lemma", "token.pos", "doc.sents"],
    assigns=["doc._.statement_records", "doc._.statements"],
    default_config={"min_quote_words": 3, "extra_cue_verbs": [], "continue_speaker": True},
)
def make_quotes(nlp: Language, name: str, min_quote_words: int, extra_cue_verbs: list[str], continue_speaker: bool):
    register_extensions()
    return QuoteFinder(min_quote_words=min_quote_words, extra_cue_verbs=tuple(extra_cue_verbs), continue_speaker=continue_speaker)


class QuoteFinder:
    """The ``claimgraph_quotes`` component (see the module docstring for the rules)."""

    def __init__(self, *, min_quote_words: int = 3, extra_cue_verbs: tuple[str, ...] = (), continue_speaker: bool = True):
        self.settings = AttributionSettings(
            min_quote_words=min_quote_words,
            cue_verbs=CUE_VERBS | frozenset(extra_cue_verbs),
            continue_speaker=continue_speaker,
        )

    def __call__(self, doc: Doc) -> Doc:
        with cached_views(doc):
            doc._.statement_records = [statement.to_record() for statement in find_statements(doc, self.settings)]
        return doc


def find_statements(doc: Doc, finder: AttributionSettings | None = None) -> list[Statement]:
    """All statements in ``doc``, in text order."""
    finder = finder or AttributionSettings()
    quotes = find_quote_spans(doc_text(doc))
    statements = (reported_speech(doc, finder) + noun_cues(doc) + noun_topics(doc) + transcript_lines(doc)
                  + embedded_posts(doc))
    statements = outside_editors_notes(doc, outside_quotes(without_presenters_narration(statements), quotes))
    statements = _outermost(statements)
    statements = widen_to_quotes(doc, statements, quotes)
    statements += attach_quotes(doc, statements, quotes, finder)
    statements = join_split_quotes(doc, statements, quotes)
    statements = join_quote_before(doc, statements, quotes)
    statements = join_continued_quotes(doc, statements)
    statements = _one_per_content(statements)
    statements.sort(key=lambda s: s.content)
    settle_speakers(doc, statements)
    return statements


def _one_per_content(statements: list[Statement]) -> list[Statement]:
    """One statement per content: two rules that read the same words ("Trump charges that ..."
    as a misread verb and as a noun with a that-clause, a transcript line found twice) make one
    statement, not two. The one with a speaker is kept, else the first."""
    kept: dict[tuple, Statement] = {}
    for statement in statements:
        key = statement.fragments or (statement.content,)
        if key not in kept or (kept[key].speaker is None and statement.speaker is not None):
            kept[key] = statement
    return [s for s in statements if kept[s.fragments or (s.content,)] is s]


def _outermost(statements: list[Statement]) -> list[Statement]:
    """Drop reported speech inside what someone else is reported to say.

    In "Clinton says she hopes to be elected" the hope is part of what Clinton said, not a
    statement of its own (PolNeAR annotates the outer one). The widest contents are kept
    first, so two statements never remove each other.
    """
    kept: list[Statement] = []
    for statement in sorted(statements, key=lambda s: s.content[0] - s.content[1]):
        cue = statement.cue.start_char if statement.cue is not None else statement.content[0]
        if not any(o.content[0] <= cue < o.content[1] for o in kept):
            kept.append(statement)
    return [s for s in statements if any(k is s for k in kept)]
