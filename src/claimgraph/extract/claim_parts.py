"""The parts of a claim read from the parse: the trigger word that types it and the claim type of a
statement's content, the clause it spans, its subject and object actors, and its polarity.

:mod:`claimgraph.extract.claims` builds every claim (of a statement, a narrated act or a dated
fact) from these. A trigger is a ``claim`` word of ``attribution/lexicon.yml`` used as a trigger
("blamed", "the culprit"), with a few idioms checked by their shape ("named X as the
perpetrators", "fingers are being pointed at X", "took responsibility").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .doc_views import doc_text
from .normalize import find_quantities
from .attribution.lexicon import TRIGGERS
from .attribution.syntax import QUOTE_CHARS
from .claim_frames import names_an_agent, not_a_measurement
from .claim_roles import refused_object
from .claim_syntax import RELATIVE_PRONOUNS
from .resolver import PREPOSITIONAL_DEPS, actor_key, actor_spans, first_actor_in, in_modifier, topic_actor

# "responsibility"/"credit" only with these: "took responsibility", "claimed credit" ("bore responsibility" blames).
RESPONSIBILITY_VERBS = frozenset("take claim accept assume".split())
# "named X as the perpetrators", "pointed fingers at X": accusation idioms.
ACCUSATION_NOUNS = frozenset("perpetrator perpetrators culprit culprits attacker attackers responsible".split())
# A trigger deeper than this below the content's root is detail, not what the statement claims
# ("When regimes warn of reprisals against countries condemning ..." states; it doesn't condemn).
MAX_TRIGGER_DEPTH = 2


def first_root(content: Span) -> Token:
    """The main verb of the content's first sentence: what a quote of several sentences leads with."""
    for token in content:
        if token.is_punct or token.is_space:
            continue
        node = token
        while node.head.i != node.i and content.start <= node.head.i < content.end:
            node = node.head
        return node
    return content.root


def unmeasured(doc: Doc, start: int, end: int) -> bool:
    """A figure that measures no state: a coercive act's tally, a standing price, an instruction."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and not_a_measurement(span.root if span.root.pos_ in ("NOUN", "PROPN") else span.root.head)


def trigger_type(token: Token) -> str | None:
    """The claim type a trigger word makes where it stands, or None."""
    lemma = token.lemma_.lower()
    if lemma in ("responsibility", "credit"):
        verb = token.head
        return "claims_responsibility" if token.dep_ == "dobj" and verb.lemma_.lower() in RESPONSIBILITY_VERBS else None
    if lemma == "name" and token.pos_ == "VERB":
        # "named North Korea as the perpetrators"
        for prep in token.children:
            if prep.lower_ == "as" and any(o.lemma_.lower() in ACCUSATION_NOUNS or o.lower_ in ACCUSATION_NOUNS for o in prep.children):
                return "accuses"
        return None
    if lemma == "point" and token.pos_ == "VERB":
        # "fingers are being pointed at X"
        if any(c.lower_ in ("finger", "fingers") or any(g.lower_ == "fingers" for g in c.subtree) for c in token.children if c.dep_ in ("nsubjpass", "dobj")):
            return "accuses"
        return None
    if lemma in ("culprit", "perpetrator", "suspect") and token.pos_ != "NOUN":
        return None
    if lemma in ("culprit", "perpetrator", "suspect") and token.dep_ not in ("attr", "appos"):
        return None
    if lemma in ("expect", "vow") and token.pos_ != "VERB" or lemma == "threaten" and token.dep_ == "amod":
        return None  # "received threatening messages" tells of threats, it makes none
    if lemma == "expect" and token.dep_ != "ROOT" and token.tag_ == "VBN":
        return "predicts"
    if lemma == "threat" and token.pos_ != "NOUN":
        return None
    if lemma == "charge" and (token.pos_ != "VERB" or not any(c.lower_ == "with" for c in token.children)):
        return None  # "recommend charges" is about prosecution, "charged twice" about money
    claim_type = TRIGGERS.get(lemma)
    if claim_type and token.pos_ not in ("VERB", "NOUN"):
        return None
    if claim_type == "denies" and refused_object(token):
        return None
    if claim_type == "accuses" and not names_an_agent(token, actor_tokens(token.doc)):
        return "states"
    return claim_type


def actor_tokens(doc: Doc) -> set[int]:
    """Indexes of the tokens in an actor's mention."""
    return {i for span in actor_spans(doc) for i in range(span.start, span.end)}


def main_trigger(span: Span) -> Token | None:
    """The trigger nearest the root of the content (fewest steps up the tree)."""
    best, best_depth = None, 99
    for token in span:
        if trigger_type(token) is None:
            continue
        depth, node = 0, token
        while node.head.i != node.i and span.start <= node.head.i < span.end:
            node, depth = node.head, depth + 1
        if depth < best_depth and depth <= MAX_TRIGGER_DEPTH:
            best, best_depth = token, depth
    return best


def content_type(doc: Doc, content: Span) -> str:
    """What a statement without a trigger word claims: figures, a forecast (its main verb in the
    future tense: "the grid will be repaired Friday"), or a plain assertion."""
    figures = find_quantities(doc_text(doc)[content.start_char:content.end_char], content.start_char)
    if any(not unmeasured(doc, q.start, q.end) for q in figures):
        return "reports_measurement"
    root = first_root(content)
    # "would" is a reported "will" ("said talks would continue"); a negated one refuses, it forecasts nothing
    # ("We will not pay criminals", "said the government would not negotiate")
    modals = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    if modals & {"will", "shall", "'ll", "would"} and not negated_at(root) and "have" not in modals \
            and not ("would" in modals and root.lemma_ == "be"):  # "said it would be a mistake" judges
        return "predicts"
    if root.lemma_ == "go" and any(c.dep_ == "xcomp" for c in root.children) and root.tag_ == "VBG":
        return "predicts"  # "it is going to rain"
    return "states"


def verb_of(token: Token) -> Token:
    """The verb a trigger belongs to: itself, or the verb governing a noun trigger."""
    node = token
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return node


def clause_of(token: Token) -> Span:
    """The clause holding a trigger: its verb's subtree with the subject, without coordinated clauses."""
    verb = verb_of(token)
    if verb.dep_ == "acl":
        verb = verb_of(verb.head)
    doc = verb.doc
    end = verb.right_edge.i
    for child in verb.rights:
        if child.dep_ in ("conj", "cc") and child.pos_ in ("VERB", "AUX", "CCONJ"):
            end = min(end, child.left_edge.i - 1)
    start = verb.left_edge.i
    while start < end and (doc[start].is_space or doc[start].text in QUOTE_CHARS and doc[start:end + 1].text.count('"') % 2):
        start += 1
    while end > start and (doc[end].is_space or doc[end].text in {",", ";", ":"} or doc[end].lower_ in ("but", "and")):
        end -= 1
    return doc[start:end + 1]


def subject_phrase(token: Token) -> Span | None:
    verb = verb_of(token)
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        if subjects and subjects[0].dep_ == "nsubj":
            return subjects[0].doc[subjects[0].left_edge.i:subjects[0].right_edge.i + 1]
        if token.lemma_.lower() in ("culprit", "perpetrator", "suspect") and subjects:
            return subjects[0].doc[subjects[0].left_edge.i:subjects[0].right_edge.i + 1]
        if verb.dep_ in ("acl",):
            verb = verb_of(verb.head.head) if verb.head.head.i != verb.head.i else verb.head
            continue
        if verb.dep_ in ("xcomp", "advcl", "conj") and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None
    return None


def subject_actors(doc: Doc, token: Token) -> list[str]:
    """Every actor in the trigger's subject: "Anonymous and Lizard Squad" are two."""
    if token.lemma_.lower() in ("culprit", "perpetrator", "suspect"):
        return []
    phrase = subject_phrase(token)
    if phrase is None:
        return []
    passive_agent = [c for c in verb_of(token).children if c.dep_ == "agent"]
    if passive_agent:
        phrase = doc[passive_agent[0].left_edge.i:passive_agent[0].right_edge.i + 1]
    keys = []
    for actor in actor_spans(doc):
        if phrase.start <= actor.start and actor.end <= phrase.end and not in_modifier(actor, phrase, PREPOSITIONAL_DEPS):
            for key in split_coordination(doc, actor):
                if key not in keys:
                    keys.append(key)
    return keys


def split_coordination(doc: Doc, actor: Span) -> list[str]:
    """An entity spanning "Anonymous and Lizard Squad" names two actors (when no actor component split it)."""
    if actor.kb_id_ or not any(t.dep_ == "cc" for t in actor):
        return [actor_key(actor)]
    parts, current = [], []
    for token in actor:
        if token.dep_ == "cc" or token.text == ",":
            if current:
                parts.append(doc[current[0]:current[-1] + 1])
            current = []
        else:
            current.append(token.i)
    if current:
        parts.append(doc[current[0]:current[-1] + 1])
    return [actor_key(part) for part in parts]


def object_actor(doc: Doc, token: Token, exclude: str | None) -> str | None:
    """The actor a trigger is directed at: its object, the "at"/"against" phrase, or a culprit's subject."""
    lemma = token.lemma_.lower()
    if lemma in ("culprit", "perpetrator", "suspect"):
        return topic_actor(doc, subject_phrase(token))
    verb = verb_of(token)
    candidates = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "attr"):
            candidates.append(child)
        if child.dep_ == "prep" and child.lower_ in ("at", "against", "to", "of", "on", "over"):
            candidates.extend(c for c in child.children if c.dep_ == "pobj")
        if child.dep_ == "nsubjpass" and lemma == "point":
            continue
    if token is not verb:
        candidates.extend(c for c in token.children if c.dep_ == "prep")
    for candidate in candidates:
        if candidate.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            candidate = verb.head  # "the Liberal Party, which the government has accused of ..."
            phrase = doc[candidate.left_edge.i:candidate.i + 1]
            key = first_actor_in(doc, phrase, exclude=exclude)
            if key is not None:
                return key
            continue
        phrase = doc[candidate.left_edge.i:candidate.right_edge.i + 1]
        key = first_actor_in(doc, phrase, exclude=exclude)
        if key is not None:
            return key
    return None


def negated_at(token: Token | None) -> bool:
    """Negated on the word or its verb ("never", "no"), or said of a "no" subject ("no one claimed")."""
    if token is None:
        return False
    verb = verb_of(token)
    if any(c.dep_ == "neg" or c.lower_ in ("never", "no") for c in list(token.children) + list(verb.children)):
        return True
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(d.lower_ in ("no", "none", "nobody", "neither") and d.dep_ in ("det", "nsubj", "nsubjpass") for s in subjects for d in [s, *s.children])


def rstrip_end(text: str, end: int) -> int:
    """``end`` moved back over trailing whitespace."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
