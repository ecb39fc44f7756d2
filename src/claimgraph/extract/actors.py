"""The ``claimgraph_actors`` component: who is named, described or referred back to in an article.

It runs after the model's ``ner`` and works in five passes over one Doc:

1. **Gazetteer**: every spelling in the gazetteer (``claimgraph/extract/actors.yml``) is matched token by
   token, so "N. Korea", "Pyongyang" and "North Koreans" all become ``north-korea``.
2. **NER**: PERSON, ORG, GPE and NORP entities are cleaned (determiners, possessives and
   line breaks trimmed), split on coordinations ("Anonymous and Lizard Squad"), split
   from gazetteer names they swallowed ("the U.N. Samantha Power"), and junk is dropped:
   acronyms of common nouns ("IP addresses"), day and time words, entities with verbs in
   them (headline fragments), anything in a title-case headline line, photo credits and
   everything after a "Related stories" tail. Names are looked up in the gazetteer
   (abbreviations and near spellings forgiven); surname-only repeats ("Harf") join the
   full name seen in the same article. A plural NORP that is no country's demonym
   ("Republicans") is a group.
3. **Roles**: titles before a person's name, or in apposition after it, are split off as
   roles, with the organisation or country they belong to ("U.S. Department of State
   spokeswoman" -> spokeswoman, affiliation U.S. Department of State).
4. **Unnamed sources**: "a security researcher for Arbor Networks", "U.S. officials" become
   actors of type ``unnamed`` named after what they are and whom they work for, unless the
   article names exactly one person with that title and affiliation (then it is that person);
   so do a party's institutions ("China's foreign ministry"), except those that are the party
   itself ("the U.S. government" is ``united-states``), and a person's campaign or spokespeople
   ("the Trump campaign", "a spokeswoman for Hillary Clinton").
5. **Entity chain**: pronouns, surnames and definite nominals ("the spokeswoman", "the
   company") are linked to their actors by :mod:`claimgraph.extract.entity_chain`.

The component is per document: it never reads the database. ``run_extract`` maps its
keys onto the actors already stored (see :mod:`claimgraph.extract.stage`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.attrs import IS_ALPHA, IS_TITLE, IS_UPPER, LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..names import slugify, without_initials
from .attribution.lexicon import INSTITUTION_NOUNS, PARTY_ITSELF_NOUNS, PERSON_NOUNS, SPEAKS_FOR_PERSON, UNNAMED_NOUNS
from .actor_filters import (
    body_end_of, credit_ranges, display_name, garbled_start, inside, is_junk, noisy_ranges, trailing_time_words,
)
from .doc_views import cached_views, doc_text
from .entity_chain import (
    GROUP_NOUNS, ORGANISATION_NOUNS, EntityChain, Mention, described_person, dominant, surname_repeats,
)
from .extensions import register_extensions
from .gazetteer import Actor, Gazetteer, read_gazetteer

# entity label written to mentions.label for each actor type
TYPE_LABELS = {"person": "PERSON", "organisation": "ORG", "group": "ORG", "country": "GPE", "unnamed": "NOUN"}

ROLE_NOUNS = frozenset(
    "president vice-president ambassador envoy spokeswoman spokesman spokesperson secretary minister premier "
    "chancellor senator sen. representative rep. congressman congresswoman lawmaker governor gov. mayor leader "
    "chief director chairman chairwoman chair ceo officer official researcher analyst expert professor prof. "
    "general gen. commander admiral king queen prince princess emperor diplomat judge justice attorney "
    "prosecutor lawyer founder co-founder head executive economist adviser advisor aide correspondent "
    "reporter editor inspector deputy dictator pope spokesmen spokeswomen investigator engineer strategist".split()
)
ROLE_MODIFIERS = frozenset(
    "former deputy senior acting top then chief assistant associate vice foreign defense defence security "
    "press interim outgoing incoming new longtime executive general national lead principal special high "
    "supreme prime state attorney managing".split()
)
HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady rev".split())
TITLE_WORDS = HONORIFICS | {word.rstrip(".") for word in ROLE_NOUNS | ROLE_MODIFIERS}
GROUP_CUES = GROUP_NOUNS | {"groups", "collectives", "gangs", "militias", "movement", "movements", "hacking", "hacker",
                            "hacktivist"}
DESCRIPTOR_NOUNS = ORGANISATION_NOUNS | GROUP_NOUNS | {"groups", "organizations", "organisations", "companies",
                                                       "firms", "agencies", "provider", "operator", "outlet"}
GOVERNMENT_NOUNS = frozenset("government administration authorities regime".split())
DETERMINERS = frozenset({"the", "a", "an"})
CONNECTORS = frozenset({"of", "to", "for", "at", "on", "the", "-", "'s", "’s"})
RUN_CONNECTORS = CONNECTORS | {"and"}  # what may stand inside a run of capitalised words
AFFILIATION_PREPOSITIONS = frozenset({"for", "at", "with", "from", "of"})



@Language.factory(
    "claimgraph_actors",
    default_config={"gazetteers": [], "fuzzy": True},
    requires=["doc.ents", "token.dep", "token.tag", "token.pos", "doc.sents"],
    assigns=["doc.spans", "doc._.actor_records", "span._.affiliation", "span._.method"],
)
def make_actor_finder(nlp: Language, name: str, gazetteers: list[str], fuzzy: bool) -> ActorFinder:
    """Build the component; ``gazetteers`` are extra gazetteer files on top of ``claimgraph/extract/actors.yml``."""
    register_extensions()
    return ActorFinder(nlp, name, gazetteers=gazetteers, fuzzy=fuzzy)


class ActorFinder:
    """Finds actor mentions, roles and unnamed sources; see the module docstring for the passes."""

    def __init__(self, nlp: Language, name: str = "claimgraph_actors", *, gazetteers=(), fuzzy: bool = True):
        self.name = name
        self.fuzzy = fuzzy
        self.vocab = nlp.vocab
        self.make_doc = nlp.make_doc
        self.initialize(gazetteers=gazetteers)

    def initialize(self, get_examples=None, nlp: Language | None = None, gazetteers=()) -> None:
        """(Re)load the gazetteer and build the phrase matcher for every spelling in it."""
        self.gazetteer: Gazetteer = read_gazetteer(gazetteers)
        self.matcher = PhraseMatcher(self.vocab, attr="ORTH")
        self.kinds: dict[str, tuple[str, str]] = {}
        for key, text, kind in self.gazetteer.phrases():
            match_id = f"{key}|{kind}"
            self.kinds[match_id] = (key, kind)
            self.matcher.add(match_id, [self.make_doc(text)])

    # ------------------------------------------------------------------ the component

    def __call__(self, doc: Doc) -> Doc:
        with cached_views(doc):  # the entity chain asks for sentences thousands of times
            return self._find_actors(doc)

    def _find_actors(self, doc: Doc) -> Doc:
        body_end = body_end_of(doc_text(doc))
        noisy = noisy_ranges(doc_text(doc))
        credits = credit_ranges(doc)
        mentions = self._with_entities(doc, self._gazetteer_mentions(doc))
        mentions = [m for m in mentions if doc[m.start].idx < body_end and not inside(doc[m.start:m.end], credits)
                    and not (m.method == "ner" and inside(doc[m.start:m.end], noisy))]
        mentions.sort(key=lambda m: m.start)
        actors = self._name_actors(doc, mentions)
        roles = self._roles(doc, mentions, actors)
        in_roles = {i for start, end, *_ in roles for i in range(start, end)}
        unnamed = self._unnamed(doc, mentions, actors, body_end, in_roles, roles)
        _extend_governments(doc, mentions)
        chain = EntityChain(doc, actors, roles, body_end)
        referring = chain.references(sorted(mentions + unnamed, key=lambda m: m.start))
        self._set_annotations(doc, mentions + unnamed + referring, roles, actors)
        return doc

    # ------------------------------------------------------------------ pass 1: gazetteer

    def _gazetteer_mentions(self, doc: Doc) -> list[Mention]:
        found = []
        for match_id, start, end in self.matcher(doc):
            key, kind = self.kinds[self.vocab.strings[match_id]]
            found.append(Mention(start, end, key, self.gazetteer.actors[key].type,
                                 "demonym" if kind == "demonym" else "gazetteer"))
        return _longest_first(found)

    # ------------------------------------------------------------------ pass 2: NER

    def _with_entities(self, doc: Doc, gazetteer: list[Mention]) -> list[Mention]:
        covered = {i: m for m in gazetteer for i in range(m.start, m.end)}
        result = list(gazetteer)
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
                continue
            known = self.gazetteer.lookup(ent.text, fuzzy=False) is not None
            first = garbled_start(doc, ent.start) if ent.label_ == "PERSON" else ent.start
            for start, end in _entity_parts(doc, first, ent.end, split=not known):
                for mention in self._resolve_part(doc, start, end, ent.label_, covered, result):
                    mention.entity_start = ent.start
                    result.append(mention)
        if self.fuzzy:
            result.extend(self._capitalised_names(doc, result))
        return _longest_first(result)

    def _capitalised_names(self, doc: Doc, found: list[Mention]) -> list[Mention]:
        """Gazetteer names that NER missed, misspelt or abbreviated ("the Departmnet of State")."""
        taken = {i for m in found for i in range(m.start, m.end)}
        names = []
        for start, end in _capitalised_runs(doc, taken):
            key = self.gazetteer.lookup(doc[start:end].text)
            if key is not None:
                names.append(Mention(start, end, key, self.gazetteer.actors[key].type, "alias"))
        return names

    def _resolve_part(self, doc, start, end, label, covered, result) -> list[Mention]:
        """The mentions one cleaned entity part stands for; may drop gazetteer mentions it overrides.

        ``covered`` maps token indices to gazetteer mentions and ``result`` is the list
        being built; a gazetteer name inside a longer real name ("China" in "Bank of
        China") is dropped from both.
        """

        def drop(mentions) -> None:
            for mention in mentions:
                result.remove(mention)
                for i in range(mention.start, mention.end):
                    covered.pop(i, None)

        if label == "PERSON":  # "Lawyer Jane Okafor", "Mr. Smith": the title is not the name
            while start < end - 1 and doc[start].lower_.rstrip(".") in TITLE_WORDS:
                start += 1
        text = doc[start:end].text
        inside = {id(covered[i]): covered[i] for i in range(start, end) if i in covered}
        if any(m.start == start and m.end == end for m in inside.values()):
            return []
        if label == "NORP":
            key = self.gazetteer.demonym(text)
            if key is None and not inside and _group_of_people(doc[start:end]):
                return [Mention(start, end, None, "", "ner", label)]  # "Republicans said": a group
            return [] if key is None or inside else [Mention(start, end, key, "country", "demonym", label)]
        if is_junk(doc, start, end, label):
            return []
        key = self.gazetteer.lookup(text, fuzzy=self.fuzzy)
        if key is not None:
            drop(inside.values())
            return [Mention(start, end, key, self.gazetteer.actors[key].type, "alias", label)]
        if not inside:
            return [Mention(start, end, None, "", "ner", label)]
        if all(m.start <= start and m.end >= end for m in inside.values()):
            return []
        rest = [i for i in range(start, end) if i not in covered]
        run = rest[0], rest[-1] + 1
        contiguous = run[1] - run[0] == len(rest)
        at_edge = run[0] == max(m.end for m in inside.values()) or run[1] == min(m.start for m in inside.values())
        if contiguous and at_edge and len(rest) >= 2 and all(doc[i].is_title for i in rest):
            return [Mention(run[0], run[1], None, "", "ner", label, residual=True)]
        if not contiguous or label == "PERSON" or len(rest) == 1 \
                or any(doc[i].lower_ in ("of", "for", "'s", "’s", "de") for i in rest):
            drop(inside.values())
            return [Mention(start, end, None, "", "ner", label)]
        return []

    # ------------------------------------------------------------------ keys, types and names

    def _name_actors(self, doc: Doc, mentions: list[Mention]) -> dict[str, Actor]:
        """Give NER mentions a type and key, joining short forms to the full names of the same article.

        A lone surname ("Harf") or first name ("Hillary") joins the person of the article with
        that name, the one named at least twice as often when several share it (Hillary and
        Bill Clinton); a lone first word of an organisation ("Sony") joins it; "Donald J.
        Trump" joins "Donald Trump".
        """
        actors: dict[str, Actor] = {}
        for mention in mentions:
            if mention.key is not None:
                actors.setdefault(mention.key, self.gazetteer.actors[mention.key])
        ner = [m for m in mentions if m.key is None]
        for mention in ner:
            mention.type = self._entity_type(doc, mention)
        full: Counter = Counter()
        for mention in ner:
            if mention.end - mention.start > 1:
                full[display_name(doc[mention.start:mention.end]), mention.type] += 1
        persons = {without_initials(name): name for name, kind in full if kind == "person"}
        short: dict[str, Counter] = {}
        for (name, kind), count in full.items():
            words = name.split()
            if kind == "person":
                short_forms = {words[-1], words[0]}
            else:  # "Sony" for Sony Pictures, but not "Senate" for the Senate Armed Services Committee
                short_forms = {words[0]} if len(words) == 2 else set()
            for word in short_forms:
                short.setdefault(word, Counter())[name, kind] += count
        for mention in ner:
            tokens = doc[mention.start:mention.end]
            name = display_name(tokens)
            target = dominant(short.get(name)) if len(tokens) == 1 else None
            if target is not None:
                name, mention.type = target
                mention.method = "surname" if mention.type == "person" else "alias"
            elif len(tokens) > 2 and without_initials(name) in persons and name not in persons.values():
                name, mention.type, mention.method = persons[without_initials(name)], "person", "alias"
            key = slugify(name)
            if not key:
                continue
            mention.key = key
            known = actors.get(key)
            if known is None or (known.source == "ner" and len(known.name) < len(name)):
                actors[key] = Actor(key, name, mention.type, description=_descriptor(doc, mention.start))
        for mention in ner:
            if mention.key is not None and mention.key in actors:
                mention.type = actors[mention.key].type
        mentions[:] = [m for m in mentions if m.key is not None]
        mentions.extend(surname_repeats(doc, mentions))
        mentions.sort(key=lambda m: m.start)
        return actors

    def _entity_type(self, doc: Doc, mention: Mention) -> str:
        """country for GPE; group when a group noun comes right before ("hacking group Lizard
        Squad", even when NER calls it a PERSON) or near an ORG; person for PERSON and for an
        ORG with a personal title; else organisation."""
        if mention.label == "GPE":
            return "country"
        if mention.label == "NORP":
            return "group"  # "Republicans", "Democrats": a group of people named by what they share
        first = mention.start if mention.entity_start is None else mention.entity_start
        if first > 0 and doc[first - 1].lower_ in GROUP_CUES and doc[first - 1].pos_ == "NOUN":
            return "group"
        if mention.label == "PERSON":
            return "person"
        window = doc[max(first - 3, doc[first].sent.start):first]
        if any(token.lower_ in GROUP_CUES for token in window):
            return "group"
        role = _role_before(doc, mention.start, None) or _role_after(doc, mention.end, {})
        if role is not None and (mention.residual or mention.end - mention.start in (2, 3)):
            return "person"
        return "organisation"

    # ------------------------------------------------------------------ pass 3: roles

    def _roles(self, doc: Doc, mentions: list[Mention], actors: dict[str, Actor]) -> list[tuple[int, int, str, str | None]]:
        """``(start, end, holder key, affiliation key)`` for each title before a person's name,
        or in an apposition after it ("Marie Harf, a State Department spokeswoman, said")."""
        by_end = {m.end: m for m in mentions}
        by_start = {m.start: m for m in mentions}
        roles = []
        for mention in mentions:
            if mention.type != "person":
                continue
            found = _role_before(doc, mention.start, by_end)
            if found is not None:
                start, end, affiliation = found[0], mention.start, found[1]
            else:
                found = _role_after(doc, mention.end, by_start)
                if found is None:
                    continue
                start, end, affiliation = found
            holder = actors[mention.key]
            if affiliation is None:
                affiliation = holder.affiliation
            elif holder.source != "gazetteer" and holder.affiliation is None:
                actors[mention.key] = replace(holder, affiliation=affiliation)
            roles.append((start, end, mention.key, affiliation))
        return roles

    # ------------------------------------------------------------------ pass 4: unnamed sources

    def _unnamed(self, doc: Doc, mentions: list[Mention], actors: dict[str, Actor], body_end: int,
                 in_roles: set[int], roles) -> list[Mention]:
        at = {i: m for m in mentions for i in range(m.start, m.end)}
        found = []
        for token in doc:
            if token.idx >= body_end:
                break
            lower, lemma = token.lower_, token.lemma_.lower()
            institution = lemma in INSTITUTION_NOUNS
            if not (lower in UNNAMED_NOUNS or institution or lower in PERSON_NOUNS):
                continue
            # (a lower-case institution the tagger took for a name after a possessive: "China's foreign ministry")
            noun = token.pos_ == "NOUN" or (institution and token.pos_ == "PROPN" and token.is_lower)
            if not noun or token.i in at or token.i in in_roles:
                continue
            determiners = [child for child in token.children if child.dep_ == "det"]
            # "a Chinese diplomat", "U.S. officials"; an institution is one of its party's: "the Chinese
            # foreign ministry", "China's foreign ministry"
            if determiners and determiners[0].lower_ not in ("a", "an", "one", "another") and not (
                    institution and determiners[0].lower_ == "the"):
                continue
            # "Kuvash's ambassador": a party's one holder of the post (any post noun, with a party's possessive)
            possessor = next((at[c.i] for c in token.children if c.dep_ == "poss" and c.i in at and at[c.i].type != "person"), None)
            if possessor is None and not institution and (lower not in UNNAMED_NOUNS or not determiners and token.tag_ != "NNS"):
                continue
            if not institution and any(c.dep_ == "appos" and c.i in at for c in token.children):
                continue  # "Russia's ambassador, Anatoly Ivanov": the one named is the actor
            affiliation, end = None, token.i + 1
            for child in token.rights:
                if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPOSITIONS:
                    objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
                    if objects and objects[0].i in at:
                        affiliation = at[objects[0].i]
                        end = affiliation.end
                    break
            if affiliation is None:
                deps = ("compound", "nmod", "amod", "poss") if institution or possessor else ("compound", "nmod", "amod")
                modifiers = [child for child in token.lefts if child.i in at and child.dep_ in deps]
                if modifiers:
                    affiliation = at[modifiers[-1].i]
            if affiliation is None or affiliation.type == "person" and lemma not in SPEAKS_FOR_PERSON:
                continue
            modifiers = [t.i for t in token.lefts if t.dep_ in ("compound", "amod")]
            start = determiners[0].i if determiners else min([affiliation.start, token.i, *modifiers])
            if lemma in PARTY_ITSELF_NOUNS and affiliation.type != "person":
                found.append(Mention(start, end, affiliation.key, affiliation.type, "description"))
                continue  # "the U.S. government" is the United States
            person = described_person(doc, roles, token.lower_, affiliation.key) if token.tag_ == "NN" and not institution else None
            if person is not None:
                found.append(Mention(start, end, person, "person", "description"))
                continue
            words = [t.lower_ for t in token.lefts if t.dep_ in ("compound", "amod") and t.i not in at
                     and t.i >= (affiliation.end if affiliation.start < token.i else 0)]
            affiliate = actors[affiliation.key]
            name = f"{' '.join(words + [token.lower_])} ({affiliate.name})"
            key = slugify(name)
            actors.setdefault(key, Actor(key, name, "unnamed", affiliation=affiliate.key, source="description",
                                         country=affiliate.country))
            found.append(Mention(start, end, key, "unnamed", "description"))
        return found

    # ------------------------------------------------------------------ output

    def _set_annotations(self, doc, mentions, roles, actors) -> None:
        spans = []
        for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
            span = Span(doc, mention.start, mention.end, label=actors[mention.key].type, kb_id=mention.key)
            span._.method = mention.method
            spans.append(span)
        doc.spans["actors"] = spans
        role_spans = []
        for start, end, key, affiliation in roles:
            span = Span(doc, start, end, label="role", kb_id=key)
            span._.affiliation = affiliation
            role_spans.append(span)
        doc.spans["roles"] = role_spans
        used = {m.key for m in mentions} | {affiliation for *_, affiliation in roles if affiliation}
        records = {}
        while used:
            key = used.pop()
            if key in records:
                continue
            actor = actors.get(key) or self.gazetteer.actors[key]
            if actor.source != "gazetteer":
                written = {doc[m.start:m.end].text for m in mentions if m.key == key and m.method in ("ner", "alias")}
                actor = replace(actor, aliases=tuple(sorted(written - {actor.name})))
            records[key] = actor.to_record()
            if actor.affiliation and actor.affiliation not in records:
                used.add(actor.affiliation)
        doc._.actor_records = records


# ---------------------------------------------------------------------- helpers over tokens


def _group_of_people(span) -> bool:
    """A plural name of people that stands as a noun ("Republicans said"), not a modifier
    ("Republican senators") nor one person ("a Democrat")."""
    root = span.root
    return root.tag_ in ("NNPS", "NNS") and root.dep_ not in ("amod", "compound", "nmod")


def _longest_first(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions that overlap a longer one (gazetteer before NER on ties)."""
    kept, taken = [], set()
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.method == "ner", m.start)):
        tokens = set(range(mention.start, mention.end))
        if not tokens & taken:
            kept.append(mention)
            taken |= tokens
    return sorted(kept, key=lambda m: m.start)


def _entity_parts(doc: Doc, start: int, end: int, split: bool = True):
    """An entity's token ranges once line breaks, determiners, possessives and coordinations are cut away.

    "Anonymous and Lizard Squad" gives two ranges, but only when every part starts with a
    capital ("Bureau of Alcohol, Tobacco and Firearms" would not); ``split=False`` keeps
    a known name such as "Bosnia and Herzegovina" whole (line breaks still split).
    """
    pieces, piece_start = [], start
    for i in range(start, end + 1):
        if i == end or "\n" in doc[i].text or (split and doc[i].lower_ in ("and", ",")):
            pieces.append((piece_start, i))
            piece_start = i + 1
    if len(pieces) > 1 and any(doc[i].lower_ in ("and", ",") for i in range(start, end)):
        if not all(_trim(doc, s, e)[1] - _trim(doc, s, e)[0] > 0 and doc[_trim(doc, s, e)[0]].is_title
                   for s, e in pieces if e > s):
            pieces = [(start, end)]
    for piece_start, piece_end in pieces:
        s, e = _trim(doc, piece_start, piece_end)
        if e > s:
            yield s, e


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct or doc[start].is_space
                           or doc[start].pos_ in ("ADV", "ADP", "CCONJ", "SCONJ", "INTJ")):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].lower_ in ("'s", "’s", "'")
                           or doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text != ".")):
        end -= 1
    return start, trailing_time_words(doc, start, end)


def _extend_governments(doc: Doc, mentions: list[Mention]) -> None:
    """Stretch a country mention over the word "government" after it ("U.S. government")."""
    starts = {m.start for m in mentions}
    for mention in mentions:
        if mention.type == "country" and mention.method != "demonym" and mention.end < len(doc) \
                and mention.end not in starts and doc[mention.end].lower_ in GOVERNMENT_NOUNS:
            mention.end += 1


def _capitalised_runs(doc: Doc, taken: set[int]):
    """Runs of two or more capitalised words (with of/for/and/the inside) outside any mention."""
    # the word tests read from arrays: making a Token of every word cost more than the tests
    title, upper, alpha, lower = doc.to_array([IS_TITLE, IS_UPPER, IS_ALPHA, LOWER]).T.tolist()
    connectors = {doc.vocab.strings[word] for word in RUN_CONNECTORS}
    run: list[int] = []
    for i in range(len(doc) + 1):
        if i < len(doc) and i not in taken and (
                title[i] or (upper[i] and alpha[i]) or (run and lower[i] in connectors)):
            run.append(i)
            continue
        while run and (doc[run[-1]].lower_ in RUN_CONNECTORS or doc[run[-1]].is_punct):
            run.pop()
        while run and doc[run[0]].lower_ in DETERMINERS:
            run.pop(0)
        if len(run) >= 2:
            yield run[0], run[-1] + 1
        run = []


def _role_before(doc: Doc, start: int, by_end: dict | None) -> tuple[int, str | None] | None:
    """The title just before the token ``start`` ("U.S. Ambassador to the U.N."): its start and affiliation key.

    ``by_end`` maps token ends to mentions, so actor names inside the title are accepted
    and the first one gives the affiliation; without it only words are looked at.
    """
    sentence_start = doc[start].sent.start
    i = start - 1
    elements: list[tuple[int, object]] = []  # (position, Mention or token)
    while i >= sentence_start:
        mention = by_end.get(i + 1) if by_end else None
        if mention is not None and mention.type != "person":
            elements.append((mention.start, mention))
            i = mention.start - 1
            continue
        token = doc[i]
        lower = token.lower_
        if lower in ROLE_NOUNS or lower in ROLE_MODIFIERS or lower in CONNECTORS or (
                token.is_title and token.pos_ in ("PROPN", "NOUN", "ADJ") and i > sentence_start):
            elements.append((i, token))
            i -= 1
            continue
        break
    if not elements or (not isinstance(elements[0][1], Mention) and elements[0][1].lower_ in CONNECTORS):
        return None
    elements.reverse()
    while elements and not isinstance(elements[0][1], Mention) and elements[0][1].lower_ in CONNECTORS | DETERMINERS:
        elements.pop(0)
    if not any(not isinstance(e, Mention) and e.lower_ in ROLE_NOUNS for _, e in elements):
        return None
    role_start = elements[0][0]
    affiliation = None
    head = elements[0][1]
    if isinstance(head, Mention):
        affiliation = head.key
        if head.type != "country":
            role_start = head.end
    else:
        for (_, previous), (_, element) in zip(elements, elements[1:]):
            if isinstance(element, Mention) and not isinstance(previous, Mention) and previous.lower_ in ("of", "for", "at", "the"):
                affiliation = element.key
                break
    while role_start < start and doc[role_start].lower_ in CONNECTORS | DETERMINERS:
        role_start += 1
    if role_start >= start:
        return None
    return role_start, affiliation


def _role_after(doc: Doc, end: int, by_start: dict) -> tuple[int, int, str | None] | None:
    """A title in apposition after a name (", a State Department spokeswoman,"): start, end, affiliation key."""
    sentence_end = doc[end - 1].sent.end
    if end + 1 >= sentence_end or doc[end].text != ",":
        return None
    i = end + 1
    if doc[i].lower_ in DETERMINERS:
        i += 1
    start, affiliation, has_role = i, None, False
    while i < sentence_end:
        mention = by_start.get(i)
        if mention is not None and mention.type != "person":
            affiliation = affiliation or mention.key
            i = mention.end
            continue
        token = doc[i]
        if token.lower_ in ROLE_NOUNS:
            has_role = True
        elif not (token.lower_ in ROLE_MODIFIERS or token.lower_ in CONNECTORS or token.pos_ in ("ADJ", "PROPN")
                  or (token.is_title and token.pos_ == "NOUN")):
            break
        i += 1
    closed = i == sentence_end or doc[i].text in (",", ".", ";") or doc[i].is_space
    if not has_role or not closed or doc[i - 1].lower_ in CONNECTORS or i == start:
        return None
    return start, i, affiliation


def _descriptor(doc: Doc, start: int) -> str | None:
    """The common-noun description right before a name ("Internet research firm" Dyn Research)."""
    i = start - 1
    sentence_start = doc[start].sent.start
    if i < sentence_start or doc[i].lower_ not in DESCRIPTOR_NOUNS:
        return None
    first = i
    while first - 1 >= sentence_start and doc[first - 1].pos_ in ("NOUN", "ADJ", "PROPN", "VERB") \
            and doc[first - 1].dep_ in ("compound", "amod", "nmod"):
        first -= 1
    return doc[first:start].text
