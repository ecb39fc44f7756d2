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
   full name seen in the same article.
3. **Roles**: titles before a person's name, or in apposition after it, are split off as
   roles, with the organisation or country they belong to ("U.S. Department of State
   spokeswoman" -> spokeswoman, affiliation U.S. Department of State).
4. **Unnamed sources**: "a security researcher for Arbor Networks", "U.S. officials" become
   actors of type ``unnamed`` named after what they are and whom they work for.
5. **Coreference** (rules): he/she/they and definite nominals ("the spokeswoman", "the
   isolated country", "the company") point to the latest compatible actor (he/she skip
   people marked as the other gender by an honorific or a gendered title).

The component is per document: it never reads the database. ``run_extract`` maps its
keys onto the actors already stored (see :mod:`claimgraph.extract.stage`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..names import slugify, without_initials
from .attribution.lexicon import UNNAMED_NOUNS
from .extensions import register_extensions
from .gazetteer import Actor, Gazetteer, read_gazetteer

# entity label written to mentions.label for each actor type
TYPE_LABELS = {"person": "PERSON", "organisation": "ORG", "group": "ORG", "country": "GPE", "unnamed": "NOUN"}

TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december today yesterday tomorrow tonight day days week weeks month "
    "months year years hour hours minute minutes morning afternoon evening night noon midnight weekend".split()
)
# all-caps abbreviations of common nouns that NER likes to call organisations
COMMON_ACRONYMS = frozenset(
    "ip ddos dos dns url http https www tv pc gdp ai vpn gps usb sms pdf faq hiv aids dna atm id pin api cpu "
    "isp lan wifi ok am pm bgp asn ipv4 ipv6 cctv suv ufo ceo cfo coo cto ipo llc inc ltd er icu".split()
)
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
NAME_PARTICLES = frozenset("de da di del der den van von la le du bin bint al el ibn dos das y".split())
NAME_CONNECTORS = frozenset("of for and the on in at to".split())
HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady rev".split())
TITLE_WORDS = HONORIFICS | {word.rstrip(".") for word in ROLE_NOUNS | ROLE_MODIFIERS}
COUNTRY_NOUNS = frozenset("country nation regime government kingdom republic administration state".split())
ORGANISATION_NOUNS = frozenset("company firm agency organization organisation bureau department ministry "
                               "court council body institution corporation network".split())
GROUP_NOUNS = frozenset("group collective gang militia hackers hacktivists".split())
GROUP_CUES = GROUP_NOUNS | {"groups", "collectives", "gangs", "militias", "movement", "movements", "hacking", "hacker",
                            "hacktivist"}
DESCRIPTOR_NOUNS = ORGANISATION_NOUNS | GROUP_NOUNS | {"groups", "organizations", "organisations", "companies",
                                                       "firms", "agencies", "provider", "operator", "outlet"}
GOVERNMENT_NOUNS = frozenset("government administration authorities regime".split())
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
DETERMINERS = frozenset({"the", "a", "an"})
CONNECTORS = frozenset({"of", "to", "for", "at", "on", "the", "-", "'s", "’s"})
AFFILIATION_PREPOSITIONS = frozenset({"for", "at", "with", "from", "of"})

TAIL_LINE = re.compile(
    r"(?i)\s*((featured|related|recommended|popular|trending|more|top|latest|similar)"
    r" (stories|articles|videos|posts|news|coverage|reading|content)|read more|you may also like|"
    r"want to see more.*|most (read|popular|viewed|shared))\s*"
)
CREDIT = re.compile(
    r"(?i)\b(images?|photos?|pictures?|footage|video|graphics?) (from|by|courtesy of)\b|"
    r"\b(photo|image|picture) credit\b|^\s*(photo|image|credit)s?\s*:"
)
_SMALL_WORDS = frozenset("a an the of in on at to for and or but with by from as vs via".split())


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
        body_end = _body_end(doc.text)
        noisy = _noisy_ranges(doc.text)
        credits = _credit_ranges(doc)
        mentions = self._with_entities(doc, self._gazetteer_mentions(doc))
        mentions = [m for m in mentions if doc[m.start].idx < body_end and not _inside(doc[m.start:m.end], credits)
                    and not (m.method == "ner" and _inside(doc[m.start:m.end], noisy))]
        mentions.sort(key=lambda m: m.start)
        actors = self._name_actors(doc, mentions)
        roles = self._roles(doc, mentions, actors)
        in_roles = {i for start, end, *_ in roles for i in range(start, end)}
        unnamed = self._unnamed(doc, mentions, actors, body_end, in_roles)
        _extend_governments(doc, mentions)
        referring = self._coreference(doc, sorted(mentions + unnamed, key=lambda m: m.start), roles, actors, body_end)
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
            for start, end in _entity_parts(doc, ent.start, ent.end, split=not known):
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
            return [] if key is None or inside else [Mention(start, end, key, "country", "demonym", label)]
        if _is_junk(doc, start, end, label):
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
                full[_display_name(doc[mention.start:mention.end]), mention.type] += 1
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
            name = _display_name(tokens)
            target = _dominant(short.get(name)) if len(tokens) == 1 else None
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
        mentions.extend(_surname_repeats(doc, mentions))
        mentions.sort(key=lambda m: m.start)
        return actors

    def _entity_type(self, doc: Doc, mention: Mention) -> str:
        """country for GPE; group when a group noun comes right before ("hacking group Lizard
        Squad", even when NER calls it a PERSON) or near an ORG; person for PERSON and for an
        ORG with a personal title; else organisation."""
        if mention.label == "GPE":
            return "country"
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
                 in_roles: set[int]) -> list[Mention]:
        at = {i: m for m in mentions for i in range(m.start, m.end)}
        found = []
        for token in doc:
            if token.idx >= body_end:
                break
            if token.lower_ not in UNNAMED_NOUNS or token.pos_ != "NOUN" or token.i in at or token.i in in_roles:
                continue
            determiners = [child for child in token.children if child.dep_ == "det"]
            if determiners and determiners[0].lower_ not in ("a", "an", "one", "another"):
                continue
            if not determiners and token.tag_ != "NNS":
                continue
            affiliation, end = None, token.i + 1
            for child in token.rights:
                if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPOSITIONS:
                    objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
                    if objects and objects[0].i in at:
                        affiliation = at[objects[0].i]
                        end = affiliation.end
                    break
            if affiliation is None:
                modifiers = [child for child in token.lefts if child.i in at and child.dep_ in ("compound", "nmod", "amod")]
                if modifiers:
                    affiliation = at[modifiers[-1].i]
            if affiliation is None or affiliation.type == "person":
                continue
            words = [t.lower_ for t in token.lefts if t.dep_ in ("compound", "amod") and t.i not in at
                     and t.i >= (affiliation.end if affiliation.start < token.i else 0)]
            affiliate = actors[affiliation.key]
            name = f"{' '.join(words + [token.lower_])} ({affiliate.name})"
            modifiers = [t.i for t in token.lefts if t.dep_ in ("compound", "amod")]
            start = determiners[0].i if determiners else min([affiliation.start, token.i, *modifiers])
            key = slugify(name)
            actors.setdefault(key, Actor(key, name, "unnamed", affiliation=affiliate.key, source="description",
                                         country=affiliate.country))
            found.append(Mention(start, end, key, "unnamed", "description"))
        return found

    # ------------------------------------------------------------------ pass 5: coreference

    def _coreference(self, doc, mentions, roles, actors, body_end) -> list[Mention]:
        taken = {i for m in mentions for i in range(m.start, m.end)} | {i for r in roles for i in range(r[0], r[1])}
        role_nouns = {}
        for start, end, key, _ in roles:
            for token in doc[start:end]:
                role_nouns.setdefault(token.lower_, key)
        genders = _genders(doc, mentions, roles)
        history: list[Mention] = []
        pending = iter(mentions)
        upcoming = next(pending, None)
        found = []
        for token in doc:
            if token.idx >= body_end:
                break
            while upcoming is not None and upcoming.end <= token.i:
                history.append(upcoming)
                upcoming = next(pending, None)
            if token.i in taken:
                continue
            resolved = self._refer(doc, token, history, actors, role_nouns, genders)
            if resolved is not None:
                found.append(resolved)
                history.append(resolved)
        return found

    def _refer(self, doc, token, history, actors, role_nouns, genders) -> Mention | None:
        """The mention a pronoun or definite nominal makes of an earlier actor, or None.

        he/she skip people the article marks as the other gender ("Mr.", "spokeswoman").
        """
        lower = token.lower_
        if lower not in REFERRING_WORDS and lower not in role_nouns:
            return None
        sentence_start = token.sent.start
        if token.pos_ == "PRON":
            if lower in MALE_PRONOUNS | FEMALE_PRONOUNS:
                other = "female" if lower in MALE_PRONOUNS else "male"
                antecedent = _latest(history, lambda m: (m.type == "person" and genders.get(m.key) != other) or (
                    m.type == "unnamed" and not actors[m.key].name.split(" (")[0].endswith("s")), doc, sentence_start, 4)
            elif lower in PLURAL_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
                antecedent = _latest(history, lambda m: m.type in ("group", "organisation", "unnamed"), doc,
                                     sentence_start, 1)
            else:
                return None
            return None if antecedent is None else Mention(token.i, token.i + 1, antecedent.key, antecedent.type, "pronoun")
        if token.pos_ != "NOUN" or token.tag_ != "NN":
            return None
        determiners = [child for child in token.lefts if child.dep_ in ("det", "poss")]
        if not determiners or determiners[0].lower_ not in ("the", "this", "that"):
            return None
        if any(child.dep_ == "prep" and child.lower_ == "of" for child in token.rights):
            return None  # "the government of China" names its actor itself
        if any(child.dep_ in ("compound", "nmod", "amod") and child.ent_type_ for child in token.lefts):
            return None  # "the Chinese government": the demonym is the mention
        if lower in role_nouns:
            holder = role_nouns[lower]
            return Mention(determiners[0].i, token.i + 1, holder, actors[holder].type, "nominal")
        if lower in UNNAMED_NOUNS:
            antecedent = _latest(history, lambda m: m.type == "unnamed" and lower in actors[m.key].name.split(), doc,
                                 sentence_start, 6)
        else:
            wanted = ("country",) if lower in COUNTRY_NOUNS else ("organisation",) if lower in ORGANISATION_NOUNS \
                else ("group", "organisation")
            antecedent = _latest(history, lambda m: m.type in wanted and m.method != "pronoun", doc, sentence_start, 8)
        return None if antecedent is None else Mention(determiners[0].i, token.i + 1, antecedent.key, antecedent.type,
                                                       "nominal")

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
    return start, end


def _genders(doc: Doc, mentions: list[Mention], roles) -> dict[str, str]:
    """Actor key -> male or female, where the article says so by an honorific or a gendered title."""
    genders = {}
    for mention in mentions:
        if mention.type == "person" and mention.start > 0:
            honorific = doc[mention.start - 1].lower_.rstrip(".")
            if honorific in GENDERED_WORDS:
                genders[mention.key] = GENDERED_WORDS[honorific]
    for start, end, key, _ in roles:
        for token in doc[start:end]:
            if token.lower_ in GENDERED_WORDS:
                genders[key] = GENDERED_WORDS[token.lower_]
    return genders


def _extend_governments(doc: Doc, mentions: list[Mention]) -> None:
    """Stretch a country mention over the word "government" after it ("U.S. government")."""
    starts = {m.start for m in mentions}
    for mention in mentions:
        if mention.type == "country" and mention.method != "demonym" and mention.end < len(doc) \
                and mention.end not in starts and doc[mention.end].lower_ in GOVERNMENT_NOUNS:
            mention.end += 1


def _surname_repeats(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Surnames of people named in full that NER did not tag again ("... Okafor appealed")."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    surnames: dict[str, Counter] = {}
    for mention in mentions:
        if mention.type == "person" and mention.end - mention.start > 1 and mention.method in ("ner", "gazetteer", "alias"):
            surnames.setdefault(doc[mention.end - 1].text, Counter())[mention.key] += 1
    found = []
    for token in doc:
        key = _dominant(surnames.get(token.text)) if token.i not in taken and token.pos_ == "PROPN" else None
        if key is not None:
            found.append(Mention(token.i, token.i + 1, key, "person", "surname"))
    return found


def _dominant(counts: Counter | None):
    """The most frequent item when it is the only one or at least twice as frequent as the next; else None."""
    if not counts:
        return None
    (first, first_count), *rest = counts.most_common(2)
    return first if not rest or first_count >= 2 * rest[0][1] else None


def _capitalised_runs(doc: Doc, taken: set[int]):
    """Runs of two or more capitalised words (with of/for/and/the inside) outside any mention."""
    run: list[int] = []
    for token in [*doc, None]:
        if token is not None and token.i not in taken and (
                token.is_title or (token.is_upper and token.is_alpha) or (run and token.lower_ in CONNECTORS | {"and"})):
            run.append(token.i)
            continue
        while run and (doc[run[-1]].lower_ in CONNECTORS | {"and"} or doc[run[-1]].is_punct):
            run.pop()
        while run and doc[run[0]].lower_ in DETERMINERS:
            run.pop(0)
        if len(run) >= 2:
            yield run[0], run[-1] + 1
        run = []


def _is_junk(doc: Doc, start: int, end: int, label: str) -> bool:
    """True for entities that are not actors: day names, verbs, acronyms of common nouns, lower case,
    and names with common words in them ("Patriot 13 percent") or people with numbers."""
    tokens = doc[start:end]
    if tokens[0].lower_ in TIME_WORDS:
        return True
    if any(token.tag_.startswith("VB") or token.tag_ == "MD" for token in tokens):
        return True
    if not any(character.isupper() for character in tokens.text):
        return True
    allowed_lower = NAME_PARTICLES if label == "PERSON" else NAME_PARTICLES | NAME_CONNECTORS
    if any(token.is_lower and token.is_alpha and token.lower_ not in allowed_lower for token in tokens):
        return True
    if label == "PERSON" and any(token.like_num for token in tokens):
        return True
    if len(tokens) == 1 and tokens[0].tag_ not in ("NNP", "NNPS"):
        return True  # "Scholars say", "Turnout was": a capitalised common word, not a name
    if len(tokens) == 1 and tokens[0].text.isupper():
        token = tokens[0]
        if token.lower_ in COMMON_ACRONYMS:
            return True
        if token.dep_ == "compound" and token.head.pos_ == "NOUN" and token.head.i > token.i:
            return True
    return False


def _role_before(doc: Doc, start: int, by_end: dict | None) -> tuple[int, str | None] | None:
    """The title just before the token ``start`` ("U.S. Ambassador to the U.N."): its start and affiliation key.

    ``by_end`` maps token ends to mentions, so actor names inside the title are accepted
    and the first one gives the affiliation; without it only words are looked at.
    """
    sentence_start = doc[start].sent.start
    i, first = start - 1, start
    elements: list[tuple[int, object]] = []  # (position, Mention or token)
    while i >= sentence_start:
        mention = by_end.get(i + 1) if by_end else None
        if mention is not None and mention.type != "person":
            elements.append((mention.start, mention))
            first, i = mention.start, mention.start - 1
            continue
        token = doc[i]
        lower = token.lower_
        if lower in ROLE_NOUNS or lower in ROLE_MODIFIERS or lower in CONNECTORS or (
                token.is_title and token.pos_ in ("PROPN", "NOUN", "ADJ") and i > sentence_start):
            elements.append((i, token))
            first, i = i, i - 1
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


def _display_name(tokens: Span) -> str:
    return re.sub(r"\s+", " ", tokens.text).strip()


def _latest(history, accept, doc, sentence_start, max_sentences) -> Mention | None:
    """The latest mention in ``history`` that ``accept`` takes, no more than ``max_sentences`` back."""
    sentences_back = 0
    current = sentence_start
    for mention in reversed(history):
        while doc[mention.start].sent.start < current:
            current = doc[current - 1].sent.start
            sentences_back += 1
            if sentences_back > max_sentences:
                return None
        if accept(mention):
            return mention
    return None


# ---------------------------------------------------------------------- helpers over text


def _body_end(text: str) -> int:
    """Where the article ends and a 'Featured stories' / 'Read more' tail begins."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if offset and TAIL_LINE.fullmatch(line.strip()):
            return offset
        offset += len(line)
    return len(text)


def _noisy_ranges(text: str) -> list[tuple[int, int]]:
    """Lines in Title Case With No Final Stop (headlines, captions, menus), where NER guesses badly."""
    ranges, offset = [], 0
    for line in text.splitlines(keepends=True):
        words = re.findall(r"[A-Za-z][\w'’.-]*", line)
        significant = [word for word in words if word.lower() not in _SMALL_WORDS]
        stripped = line.strip()
        if len(words) >= 3 and stripped and stripped[-1] not in ".!?\"”:" and significant \
                and sum(word[0].isupper() for word in significant) / len(significant) >= 0.8:
            ranges.append((offset, offset + len(line)))
        offset += len(line)
    return ranges


def _inside(span: Span, ranges) -> bool:
    return any(start <= span.start_char and span.end_char <= end for start, end in ranges)


def _credit_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Sentences that credit photos or footage ("images from Getty Images"): their names are not actors."""
    return [(sentence.start_char, sentence.end_char) for sentence in doc.sents if CREDIT.search(sentence.text)]
