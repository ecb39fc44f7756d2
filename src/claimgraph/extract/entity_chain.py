"""The article's entity chain: which earlier (or later) actor a pronoun, title, surname or description means.

The actors component (:mod:`claimgraph.extract.actors`) finds the names; this module links
the other mentions to them, once per article, by rules a reader would use. Every link
becomes a mention in ``doc.spans["actors"]`` with its method, so quotes, claims and actors
all read the same chain through :mod:`claimgraph.extract.resolver`:

* ``surname``: a lone surname, given name or transcript label ("Hua", "MADORY") of a person
  named in full anywhere in the article (the dominant one when several share it).
* ``pronoun``: he/she/they to the latest compatible actor within a few sentences. He/she
  prefer a person the article marks with that gender (an honorific or a gendered title:
  "spokeswoman Marie Harf ... She said") and skip those marked with the other. Outside
  quotation marks, people named only inside a quotation are passed over: they are the
  quoted speaker's words, and the pronoun continues the narrative.
* ``nominal``: "the spokeswoman" to the one person the article gives that title, before or
  after; "the company", "the country" to the latest organisation or country.
* ``description``: "a State Department spokeswoman" to the person the article names with
  that title and that affiliation, only when exactly one person fits; otherwise the
  description stays an unnamed actor of its own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.attrs import IS_UPPER, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Token

from .attribution.lexicon import UNNAMED_NOUNS
from .attribution.quote_marks import find_quote_spans
from .doc_views import doc_text, sentence_of, sentence_start_at

COUNTRY_NOUNS = frozenset("country nation regime government kingdom republic administration state".split())
ORGANISATION_NOUNS = frozenset("company firm agency organization organisation bureau department ministry "
                               "court council body institution corporation network".split())
GROUP_NOUNS = frozenset("group collective gang militia hackers hacktivists".split())
MALE_PRONOUNS = frozenset("he him his himself".split())
FEMALE_PRONOUNS = frozenset("she her hers herself".split())
PLURAL_PRONOUNS = frozenset({"they"})
GENDERED_WORDS = {
    **dict.fromkeys("mr sir lord spokesman chairman congressman king prince emperor businessman".split(), "male"),
    **dict.fromkeys("mrs ms miss dame lady spokeswoman chairwoman congresswoman queen princess empress "
                    "businesswoman".split(), "female"),
}
REFERRING_WORDS = (MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS | COUNTRY_NOUNS | ORGANISATION_NOUNS
                   | GROUP_NOUNS | UNNAMED_NOUNS)
# How many sentences back a pronoun, a described person and a "the company" look for their actor.
PRONOUN_REACH, DESCRIPTION_REACH, NOMINAL_REACH = 4, 6, 8


@dataclass
class Mention:
    """One actor mention while the component works; becomes a Span in ``doc.spans['actors']``."""

    start: int
    end: int
    key: str | None
    type: str
    method: str
    label: str | None = None  # the NER label, for NER candidates
    residual: bool = False  # left over after a gazetteer name was cut out of an entity
    entity_start: int | None = None  # where the entity began, before a coordination was split


def surname_repeats(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Surnames (or, for family-name-first names, the first word) of people named in full
    that NER did not tag again ("... Okafor appealed", "Hua said"), in any case ("OKAFOR:")."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    short: dict[str, Counter] = {}
    for mention in mentions:
        if mention.type == "person" and mention.end - mention.start > 1 and mention.method in ("ner", "gazetteer", "alias"):
            short.setdefault(doc[mention.end - 1].text.lower(), Counter())[mention.key] += 1
    first_words: dict[str, Counter] = {}
    for mention in mentions:
        if mention.type == "person" and mention.end - mention.start == 2 and mention.method in ("ner", "gazetteer", "alias"):
            first_words.setdefault(doc[mention.start].text.lower(), Counter())[mention.key] += 1
    found = []
    # only proper nouns and words in capitals can be names: picked from the arrays, not a Token each
    pos, upper = doc.to_array([POS, IS_UPPER]).T.tolist()
    for token in [doc[i] for i in range(len(doc)) if pos[i] == PROPN or upper[i]]:
        if token.i in taken or not token.text[:1].isupper():
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].is_title and not doc[token.i + 1].is_sent_start:
            continue  # part of a longer name ("Okafor Holdings")
        key = dominant(short.get(token.lower_))
        if key is None and token.lower_ not in short:
            key = dominant(first_words.get(token.lower_))
        if key is not None:
            found.append(Mention(token.i, token.i + 1, key, "person", "surname"))
    return found


def dominant(counts: Counter | None):
    """The most frequent item when it is the only one or at least twice as frequent as the next; else None."""
    if not counts:
        return None
    (first, first_count), *rest = counts.most_common(2)
    return first if not rest or first_count >= 2 * rest[0][1] else None


def genders(doc: Doc, mentions: list[Mention], roles) -> dict[str, str]:
    """Actor key -> male or female, where the article says so by an honorific or a gendered title."""
    found = {}
    for mention in mentions:
        if mention.type == "person" and mention.start > 0:
            honorific = doc[mention.start - 1].lower_.rstrip(".")
            if honorific in GENDERED_WORDS:
                found[mention.key] = GENDERED_WORDS[honorific]
    for start, end, key, _ in roles:
        for token in doc[start:end]:
            if token.lower_ in GENDERED_WORDS:
                found[key] = GENDERED_WORDS[token.lower_]
    return found


def described_person(doc: Doc, roles, noun: str, affiliation: str | None) -> str | None:
    """The one person the article titles ``noun`` (with ``affiliation`` when given), or None.

    "a State Department spokeswoman" is Marie Harf when the article calls her a State
    Department spokeswoman and nobody else; "one analyst" stays undecided when the article
    names two analysts, or none.
    """
    holders = {key for start, end, key, role_affiliation in roles
               if noun in {token.lower_ for token in doc[start:end]}
               and (affiliation is None or role_affiliation == affiliation)}
    return next(iter(holders)) if len(holders) == 1 else None


class EntityChain:
    """Links pronouns and definite nominals to the actors of one article (see the module docstring)."""

    def __init__(self, doc: Doc, actors: dict, roles, body_end: int):
        self.doc, self.actors, self.roles, self.body_end = doc, actors, roles, body_end
        self.role_holders: dict[str, list[tuple[int, str]]] = {}
        for start, end, key, _ in roles:
            for token in doc[start:end]:
                self.role_holders.setdefault(token.lower_, []).append((start, key))
        self.quoted = _quoted_tokens(doc)

    def references(self, mentions: list[Mention]) -> list[Mention]:
        """New mentions for the pronouns and nominals of the doc, each linked to an actor."""
        doc = self.doc
        taken = {i for m in mentions for i in range(m.start, m.end)} | {i for r in self.roles for i in range(r[0], r[1])}
        self.genders = genders(doc, mentions, self.roles)
        history: list[Mention] = []
        self.narrative: list[Mention] = []  # the history outside quotation marks
        pending = iter(mentions)
        upcoming = next(pending, None)
        found = []
        for token in doc:
            if token.idx >= self.body_end:
                break
            while upcoming is not None and upcoming.end <= token.i:
                self._remember(upcoming, history)
                upcoming = next(pending, None)
            if token.i in taken:
                continue
            resolved = self.refer(token, history)
            if resolved is not None:
                found.append(resolved)
                self._remember(resolved, history)
        return found

    def _remember(self, mention: Mention, history: list[Mention]) -> None:
        history.append(mention)
        if mention.start not in self.quoted:
            self.narrative.append(mention)

    def refer(self, token: Token, history: list[Mention]) -> Mention | None:
        """The mention a pronoun or definite nominal makes of an actor, or None."""
        lower = token.lower_
        if lower not in REFERRING_WORDS and lower not in self.role_holders:
            return None
        if token.pos_ == "PRON":
            return self._pronoun(token, history)
        if token.pos_ != "NOUN" or token.tag_ != "NN":
            return None
        determiners = [child for child in token.lefts if child.dep_ in ("det", "poss")]
        if not determiners or determiners[0].lower_ not in ("the", "this", "that"):
            return None
        if any(child.dep_ == "prep" and child.lower_ == "of" for child in token.rights):
            return None  # "the government of China" names its actor itself
        if any(child.dep_ in ("compound", "nmod", "amod") and child.ent_type_ for child in token.lefts):
            return None  # "the Chinese government": the demonym is the mention
        if lower not in self.role_holders and any(child.dep_ == "compound" for child in token.lefts):
            return None  # "the city council" is a council of its own, not the last organisation named
        start, sentence_start = determiners[0].i, sentence_of(token).start
        if lower in self.role_holders:
            holder = self._role_holder(lower, token.i)
            return None if holder is None else Mention(start, token.i + 1, holder, self.actors[holder].type, "nominal")
        if lower in UNNAMED_NOUNS:
            antecedent = latest(history, lambda m: m.type == "unnamed" and lower in self.actors[m.key].name.split(),
                                self.doc, sentence_start, DESCRIPTION_REACH)
        else:
            wanted = ("country",) if lower in COUNTRY_NOUNS else ("organisation",) if lower in ORGANISATION_NOUNS \
                else ("group", "organisation")
            antecedent = latest(history, lambda m: m.type in wanted and m.method != "pronoun", self.doc,
                                sentence_start, NOMINAL_REACH)
        return None if antecedent is None else Mention(start, token.i + 1, antecedent.key, antecedent.type, "nominal")

    def _pronoun(self, token: Token, history: list[Mention]) -> Mention | None:
        lower, sentence_start = token.lower_, sentence_of(token).start
        narrative = token.i not in self.quoted
        if lower in MALE_PRONOUNS | FEMALE_PRONOUNS:
            wanted, other = ("male", "female") if lower in MALE_PRONOUNS else ("female", "male")

            def marked(m: Mention) -> bool:
                return m.type == "person" and self.genders.get(m.key) == wanted

            def person(m: Mention) -> bool:
                if m.type == "unnamed":
                    return not self.actors[m.key].name.split(" (")[0].endswith("s")
                return m.type == "person" and self.genders.get(m.key) != other

            antecedent = None
            for candidates in ([self.narrative, history] if narrative else [history]):
                for accept in (marked, person):  # one the article marks as "she" first, then anyone unmarked
                    antecedent = antecedent or latest(candidates, accept, self.doc, sentence_start, PRONOUN_REACH)
        elif lower in PLURAL_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
            antecedent = latest(history, lambda m: m.type in ("group", "organisation", "unnamed"), self.doc,
                                sentence_start, 1)
        else:
            return None
        return None if antecedent is None else Mention(token.i, token.i + 1, antecedent.key, antecedent.type, "pronoun")

    def _role_holder(self, noun: str, at: int) -> str | None:
        """The person titled ``noun``: the only one, else the latest titled so before ``at``."""
        holders = self.role_holders[noun]
        if len({key for _, key in holders}) == 1:
            return holders[0][1]
        before = [key for start, key in holders if start < at]
        return before[-1] if before else None


def _quoted_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens inside quotation marks."""
    quoted: set[int] = set()
    for start, end in find_quote_spans(doc_text(doc)):
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None:
            quoted.update(range(span.start, span.end))
    return quoted


def latest(history, accept, doc, sentence_start, max_sentences) -> Mention | None:
    """The latest mention in ``history`` that ``accept`` takes, no more than ``max_sentences`` back."""
    sentences_back = 0
    current = sentence_start
    for mention in reversed(history):
        while sentence_start_at(doc, mention.start) < current:
            current = sentence_start_at(doc, current - 1)
            sentences_back += 1
            if sentences_back > max_sentences:
                return None
        if accept(mention):
            return mention
    return None
