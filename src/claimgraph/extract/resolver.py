"""Which actor a span of text refers to, or is about: the one look-up quotes, claims and tests use.

The actors component leaves one Span per actor mention in ``doc.spans["actors"]`` (its
``kb_id_`` is the actor key). Two questions are asked of a phrase, both answered here:

* **who it is** (:func:`actor_for_phrase`, :func:`actor_at`; a speaker): the actor whose
  mention holds the phrase's head word. "U.S. Ambassador to the U.N. Samantha Power" is
  Samantha Power, not the U.S.; "a researcher for Arbor Networks" is the researcher and
  "Trump's aide" is not Trump: an actor named only in a modifier is never the referent.
* **whom it is about** (:func:`topic_actor`; a claim's subject): the same head actor when
  there is one, else the first actor outside a prepositional modifier, so "Trump's
  foundation violated the law" is about Trump, "a researcher for Arbor Networks" is not
  about Arbor Networks.

Without the actors component (a bare model) the named entities stand in for mentions and
are keyed by :func:`claimgraph.names.slugify`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..names import slugify
from .doc_views import doc_text, memoised

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP")
PERSON_LABELS = ("person", "PERSON")
# Dependencies that put a name in a modifier of the phrase's head: "a researcher *for* Arbor
# Networks" (pobj), "*Trump's* aide" (poss), "the *U.S.* envoy" (compound, nmod, amod).
MODIFIER_DEPS = frozenset({"pobj", "poss", "npadvmod", "compound", "nmod", "amod"})
PREPOSITIONAL_DEPS = frozenset({"pobj"})


def actor_spans(doc: Doc) -> list[Span]:
    """The actor mentions of the doc: ``doc.spans["actors"]`` when the actors component ran, else
    named entities. Read-only: while a component runs the list is made once and shared."""
    return memoised(doc, f"actor_spans {'actors' in doc.spans}", lambda: _actor_spans(doc))


def _actor_spans(doc: Doc) -> list[Span]:
    if "actors" in doc.spans:
        return list(doc.spans["actors"])
    return [ent for ent in doc.ents if ent.label_ in ENTITY_LABELS]


def actor_key(span: Span) -> str:
    """The actor key of a mention: its ``kb_id_``, or for a bare entity the slug of its name."""
    if span.kb_id_:
        return span.kb_id_
    name = re.sub(r"['’]s$", "", re.sub(r"(?i)^the\s+", "", span.text.strip()))
    return slugify(name)


def mention_for(doc: Doc, phrase: Span | None) -> Span | None:
    """The actor mention a noun phrase refers to, or None.

    The mention that holds the phrase's head word wins (the smallest, when they nest); else
    the one actor named outside the phrase's modifiers ("a hacker group called Black
    Lantern"); else the person in apposition to the head ("Becker's deputy, Ann Cole"); else,
    for a proper-noun head, the last person in the phrase (a title phrase the parser
    headed elsewhere). An actor named only inside a modifier is not the referent.
    """
    if phrase is None:
        return None
    spans = actor_spans(doc)
    head = phrase.root
    holding = [a for a in spans if a.start <= head.i < a.end]
    if holding:
        return min(holding, key=len)
    named = [a for a in spans if phrase.start <= a.start and a.end <= phrase.end and not in_modifier(a, phrase)]
    if len({actor_key(a) for a in named}) == 1:
        return named[0]
    for child in head.children:
        if child.dep_ == "appos":
            persons = [a for a in spans if a.start <= child.i < a.end and a.label_ in PERSON_LABELS]
            if persons:
                return persons[0]
    persons = [a for a in spans if phrase.start <= a.start and a.end <= phrase.end and a.label_ in PERSON_LABELS]
    if persons and head.pos_ == "PROPN":
        return persons[-1]
    return None


def actor_for_phrase(doc: Doc, phrase: Span | None) -> str | None:
    """The key of the actor a noun phrase refers to (see :func:`mention_for`), or None."""
    mention = mention_for(doc, phrase)
    return None if mention is None else actor_key(mention)


def actor_named(doc: Doc, phrase: Span | None) -> str | None:
    """The key of the one actor of the doc whose name the phrase spells, when no mention covers it.

    A sign-off line or a transcript label the actors component left untagged ("— Dyn
    Research (@DynResearch)", "MADORY:") is still the actor named in full elsewhere in the
    article: same slug, or a one-word phrase that is the first or last word of exactly one
    person's name. None when nothing or more than one actor fits.
    """
    if phrase is None or not any(token.pos_ == "PROPN" or token.is_upper or token.is_title for token in phrase):
        return None
    wanted = " ".join(phrase.text.lower().split())
    by_name, by_word = memoised(doc, f"actor_names {'actors' in doc.spans}", lambda: _actor_names(doc))
    exact = by_name.get(wanted, set())
    if len(exact) == 1:
        return next(iter(exact))
    if len(phrase) != 1:
        return None
    named = by_word.get(wanted, set())
    return next(iter(named)) if len(named) == 1 else None


def _actor_names(doc: Doc) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The keys of the doc's actors by name as written (lower case, spaces collapsed), and of
    its people named in more than one word by their first and by their last word."""
    by_name: dict[str, set[str]] = {}
    by_word: dict[str, set[str]] = {}
    text = doc_text(doc)
    for mention in actor_spans(doc):
        key = actor_key(mention)
        by_name.setdefault(" ".join(text[mention.start_char:mention.end_char].lower().split()), set()).add(key)
        if mention.label_ in PERSON_LABELS and len(mention) > 1:
            for word in (mention[0].lower_, mention[-1].lower_):
                by_word.setdefault(word, set()).add(key)
    return by_name, by_word


def actor_at(doc: Doc, start_char: int, end_char: int) -> Span | None:
    """The actor mention the text between ``start_char`` and ``end_char`` refers to, or None."""
    region = doc.char_span(start_char, end_char, alignment_mode="expand")
    return mention_for(doc, region)


def topic_actor(doc: Doc, phrase: Span | None) -> str | None:
    """The key of the actor a subject phrase is about: the actor holding its head, else the
    first actor outside a prepositional modifier (a possessor counts); None when there is none."""
    if phrase is None:
        return None
    actors = [a for a in actor_spans(doc) if phrase.start <= a.start and a.end <= phrase.end]
    holding_head = [a for a in actors if a.start <= phrase.root.i < a.end]
    if holding_head:
        return actor_key(holding_head[0])
    outside = [a for a in actors if not in_modifier(a, phrase, PREPOSITIONAL_DEPS)]
    return actor_key(outside[0]) if outside else None


def in_modifier(actor: Span, phrase: Span, deps: frozenset[str] = MODIFIER_DEPS) -> bool:
    """True for an actor inside a modifier of the phrase's head, by the dependencies ``deps``
    on the path up to the head ("a researcher *for Arbor Networks*", "*Trump's* aide")."""
    node = actor.root
    while node.i != phrase.root.i and phrase.start <= node.i < phrase.end:
        if node.dep_ in deps:
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def first_actor_in(doc: Doc, span: Span | None, exclude: str | None = None) -> str | None:
    """The key of the first actor mentioned in ``span`` other than ``exclude`` (what a claim is about)."""
    if span is None:
        return None
    for actor in actor_spans(doc):
        if span.start <= actor.start and actor.end <= span.end:
            key = actor_key(actor)
            if key != exclude:
                return key
    return None
