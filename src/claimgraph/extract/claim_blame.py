"""Blame frames: accusations, denials and claims of responsibility read from blame nouns and the
harm chain, whatever verb carries them.

The role frames (:mod:`claimgraph.extract.claim_roles`) read harms linked to agents; the rules
here add the predicate forms of blame and their negations, with the classes of
``claim_frames`` in ``attribution/lexicon.yml``:

- **blame_subject** accuses: a blame noun as the subject of "be" names its attribute ("the real
  culprit was X", "the true author of the jamming was X", "the guilty party was X");
- **deliberate_by** accuses: a deliberate act attributed by "by" ("a deliberate attempt by X to
  ...", "a calculated effort by X");
- **marks_of** accuses: the marks of a harm run by a named party ("bore the hallmarks of a
  campaign run from X") or of a party named as a harm's agent ("of X, a hacking group"),
  whatever bears them;
- **linked_means** accuses: linking the means of a harm to a party ("linked the tools used in the
  intrusion to a crew that worked for X");
- **wrongful_act** accuses: in a statement, an act called wrongful ("the boats had been seized
  illegally", "the trawlers had been caught using banned nets");
- **held_on_suspicion** accuses: someone held "on suspicion of" a deed ("police had arrested a
  19-year-old on suspicion of renting out the botnet");
- **intrusion_place** accuses: a harm's agent, named or doing harm, that has been inside a
  system ("a Dorvan hacking unit had been inside the rail network"); of "no" agent or negated,
  even near it, denies ("no Dorvan unit had been anywhere near the networks");
- **own_wrong_denied** denies: in a statement, a party's own wrong negated ("had done nothing
  wrong", "did not do anything illegal");
- **harm_not_cause** denies: in a statement, a harm excluded as the cause ("went down for
  maintenance, not because of any attack", "was not the result of an attack", "caused by a
  faulty cable rather than an attack");
- **no_part** denies: a part in a harm or an incident negated ("had no involvement in the
  blackout", "its forces had no connection with the interference", "bore no responsibility");
- **own_part** claims responsibility: a speaker's own past contribution to a harm or its means
  ("it had planted the malware", "it had sold X the stolen passwords used to get in").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from .attribution.lexicon import CLAIM_FRAMES
from .claim_frames import COERCIVE_VERBS, HOSTILE_VERBS, SELF_PRONOUNS
from .claim_syntax import FrameMatch, children_with, is_negated, is_unreal, match_by_lemma, modals_of, pobj_of, subject_of
from .lemmas import lemma_of, mended_lemma
from .claim_roles import (
    AGENT_NOUNS, FAILURE_NOUNS, HARM_NOUNS, HARM_VERBS, HARM_WORDS, LINK_VERBS, PERPETRATE_VERBS, TOOL_VERBS, harm_phrase, party_in,
)

_CLASSES = CLAIM_FRAMES["classes"]
_ACCUSE = CLAIM_FRAMES["accuses"]
BLAME_NOUNS = _CLASSES["blame_nouns"]
INTENT_NOUNS = frozenset(_CLASSES["intent_nouns"])
DELIBERATE = frozenset(_CLASSES["deliberate_modifiers"])
SIGNATURES = _ACCUSE["signatures"]
ARTEFACTS = frozenset(_ACCUSE["artefacts"]) | frozenset(_CLASSES["harm_means"])
PART_NOUNS = frozenset(_CLASSES["involvement_nouns"]) | frozenset(_CLASSES["connection_nouns"])
INCIDENTS = FAILURE_NOUNS | frozenset(_CLASSES["incident_nouns"])
WRONGFUL = frozenset(_CLASSES["wrongful_adverbs"])
SUPPLY_VERBS = frozenset(_CLASSES["supply_verbs"])
INTRUSION = _ACCUSE["intrusion"]
HOLDING_VERBS = frozenset(_ACCUSE["holding_verbs"])
OWN_WRONG = CLAIM_FRAMES["denies"]["own_wrong"]
EXCLUDED_CAUSES = CLAIM_FRAMES["denies"]["excluded_causes"]
HEDGE_MODALS = frozenset({"may", "might", "could", "can"})
# the acts the adverb can make wrongful (a wrongful adverb on any verb is looked up by the verb)
WRONGFUL_ACTS = HARM_VERBS | COERCIVE_VERBS | HOSTILE_VERBS | SUPPLY_VERBS | TOOL_VERBS
CONTRIBUTION_VERBS = PERPETRATE_VERBS | TOOL_VERBS | SUPPLY_VERBS


def match_blame(tokens: Iterable[Token], reported: bool) -> list[FrameMatch]:
    """Every blame frame in ``tokens``, each rule looked up by its anchor's lemma."""
    return match_by_lemma(tokens, reported, _RULES_BY_LEMMA)


def _harm_or_incident(token: Token | None) -> bool:
    """A harm, a failure or an incident, or one of several coordinated ("either the blackout or the posts")."""
    if token is None:
        return False
    return any(harm_phrase(t) or lemma_of(t) in INCIDENTS for t in [token, *token.conjuncts])


def _means_of_harm(token: Token) -> bool:
    """A harm's means: a harm phrase, a harm's artefact, or a thing marked by a harm or its use
    in one ("the stolen passwords", "the tools used in the intrusion", "the logins used to break in")."""
    if harm_phrase(token):
        return True
    if lemma_of(token) not in ARTEFACTS:
        return False
    marks = [c for c in token.children if c.dep_ in ("amod", "acl", "relcl")]
    return any(lemma_of(m) in HARM_VERBS or lemma_of(m) in TOOL_VERBS or m.lower_ == "stolen" for m in marks)


# --------------------------------------------------------------------------- accuses


def blame_subject(token: Token, reported: bool) -> FrameMatch | None:
    """"the real culprit was a company that ...", "the true author of the jamming was X"."""
    needs = BLAME_NOUNS.get(lemma_of(token))
    if needs is None or token.pos_ != "NOUN" or token.dep_ != "nsubj" or lemma_of(token.head) != "be":
        return None
    if needs == "harm" and not harm_phrase(pobj_of(token, "of") or token):
        return None  # "the author of the report was X" blames no one
    if needs == "guilt" and not any(lemma_of(c) in ("guilty", "responsible", "culpable") for c in token.children):
        return None
    if is_negated(token.head):
        return None
    attributes = children_with(token.head, "attr")
    return FrameMatch("accuses", "blame_subject", token, attributes[0]) if attributes else None


def deliberate_by(token: Token, reported: bool) -> FrameMatch | None:
    """"the drop was a deliberate attempt by Sorvia to put pressure on X"."""
    if token.pos_ != "NOUN" or lemma_of(token) not in INTENT_NOUNS:
        return None
    if not any(lemma_of(c) in DELIBERATE for c in token.children if c.dep_ == "amod"):
        return None  # "an effort by the city to cut costs" blames no one
    agent = pobj_of(token, "by")
    party = party_in(agent, named=True) if agent is not None else None
    return FrameMatch("accuses", "deliberate_by", token, party) if party is not None else None


def marks_of(token: Token, reported: bool) -> FrameMatch | None:
    """"the posts bore the hallmarks of a campaign run from Molvar", "of Grey Moth, a hacking group"."""
    # the tagger may read "bore" as a noun and the marks as its apposition ("the break-in bore the hallmarks")
    if token.pos_ != "NOUN" or lemma_of(token) not in SIGNATURES["nouns"] or token.dep_ not in ("dobj", "appos"):
        return None
    if mended_lemma(token.head, SIGNATURES["verbs"]) not in SIGNATURES["verbs"] or is_negated(token.head):
        return None
    owner = pobj_of(token, "of")
    # a harm ("a campaign run from X") or a party named as a harm's agent ("X, a hacking group")
    if owner is None or not (harm_phrase(owner) or any(harm_phrase(a) for a in children_with(owner, "appos"))):
        return None
    party = party_in(owner, named=True)
    return FrameMatch("accuses", "marks_of", token, party) if party is not None else None


def linked_means(token: Token, reported: bool) -> FrameMatch | None:
    """"researchers linked the tools used in the intrusion to a crew that worked for X"."""
    if token.pos_ != "VERB" or lemma_of(token) not in LINK_VERBS or is_negated(token) or not children_with(token, "nsubj"):
        return None
    means = [o for o in children_with(token, "dobj") if _means_of_harm(o) and not harm_phrase(o)]  # a harm is claim_roles.linking
    # the parser may hang "to X" below the means' own clause: "traced the code used to freeze the gates to X"
    below = [t for m in means for t in m.subtree if t.dep_ == "prep" and t.lower_ == "to" and children_with(t, "pobj")]
    target = pobj_of(token, "to") or (children_with(below[-1], "pobj")[0] if below else None)
    if target is None or not means:
        return None
    party = party_in(target)
    return FrameMatch("accuses", "linked_means", token, party, True) if party is not None else None


def wrongful_act(token: Token, reported: bool) -> FrameMatch | None:
    """In a statement, an act called wrongful: "the boats had been seized illegally" (its agent, if
    named, is accused), "the trawlers had been caught using banned nets" (the caught are)."""
    if not reported or token.pos_ != "VERB" or is_negated(token) or is_unreal(token):
        return None
    if lemma_of(token) == "catch":
        # "caught using banned nets", not "caught in traffic"
        if token.tag_ != "VBN" or not any(c.tag_ == "VBG" for c in children_with(token, "xcomp", "advcl")):
            return None
        caught = children_with(token, "nsubjpass")
        return FrameMatch("accuses", "wrongful_act", token, caught[0]) if caught else None
    if not any(c.lower_ in WRONGFUL for c in children_with(token, "advmod")):
        return None
    agent = pobj_of(token, "by")
    return FrameMatch("accuses", "wrongful_act", token, party_in(agent) if agent is not None else None)


def held_on_suspicion(token: Token, reported: bool) -> FrameMatch | None:
    """Someone held "on suspicion of" a deed is accused of it by whoever holds them: "police had
    arrested a 19-year-old on suspicion of renting out the botnet", "two men were detained on
    suspicion of sabotage" (not "rejected any suspicion of", nor "would be arrested on suspicion")."""
    preposition = token.head
    if token.dep_ != "pobj" or preposition.lower_ != "on" or lemma_of(preposition.head) not in HOLDING_VERBS:
        return None
    verb = preposition.head
    if not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return None
    if is_negated(verb) or is_unreal(verb):
        return None
    held = children_with(verb, "dobj", "nsubjpass")
    return FrameMatch("accuses", "held_on_suspicion", token, held[0] if held else None)


def intrusion_place(token: Token, reported: bool) -> FrameMatch | None:
    """"a Gorvan hacking unit had been inside the rail network since June" accuses; "no Gorvan unit
    had been anywhere near the networks" denies."""
    near = token.lower_ in INTRUSION["near"]
    # "had been anywhere near X": the parser hangs "near" on the adverb
    verb = token.head.head if token.head.dep_ == "advmod" else token.head
    if token.dep_ != "prep" or not (near or token.lower_ in INTRUSION["inside"]) or lemma_of(verb) != "be":
        return None
    place = next(iter(children_with(token, "pobj")), None)
    if place is None or lemma_of(place) not in INTRUSION["systems"] or is_unreal(verb):
        return None
    agent = subject_of(verb)
    if agent is None or lemma_of(agent) not in AGENT_NOUNS:
        return None
    party = party_in(agent, named=True)
    harmful = any(lemma_of(c) in HARM_WORDS | HARM_VERBS for c in agent.children if c.dep_ in ("amod", "compound"))
    if party is None and not harmful:
        return None  # "a unit had been inside the network" may be the owner's own engineers
    if is_negated(verb) or any(c.lower_ == "no" for c in children_with(agent, "det")):
        return FrameMatch("denies", "intrusion_place", token, agent, True) if reported else None
    return None if near else FrameMatch("accuses", "intrusion_place", token, party or agent)


# --------------------------------------------------------------------------- denies


def no_part(token: Token, reported: bool) -> FrameMatch | None:
    """"insisted it had no involvement in the blackout", "its forces had no connection with the interference"."""
    if token.pos_ != "NOUN" or lemma_of(token) not in PART_NOUNS | {"responsibility"} or token.dep_ != "dobj":
        return None
    verb = token.head
    if lemma_of(verb) not in ("have", "play", "bear", "take"):
        return None
    if not (is_negated(verb) or any(c.lower_ == "no" and c.dep_ == "det" for c in token.children)):
        return None
    harm = pobj_of(token, "in", "with", "to", "for") or pobj_of(verb, "in", "with", "to", "for")
    return FrameMatch("denies", "no_part", token, harm, True) if _harm_or_incident(harm) else None


def own_wrong_denied(token: Token, reported: bool) -> FrameMatch | None:
    """"the ambassador said Tarvania had done nothing wrong", "he did not do anything illegal", "it
    has nothing to hide" (not "nothing to fear")."""
    if not reported or token.dep_ != "dobj" or is_unreal(token.head):
        return None
    if any(a.pos_ in ("VERB", "AUX") and any(c.lower_ == "to" for c in a.children if c.dep_ == "aux") for a in token.ancestors):
        return None  # a goal, not a denial: "it is necessary to show that they have nothing to hide"
    if lemma_of(token.head) == "have":
        # "has nothing to hide", "did not have anything to apologise for"
        if not any(lemma_of(c) in OWN_WRONG["hidden"] for c in children_with(token, "acl", "relcl")):
            return None
    elif lemma_of(token.head) not in OWN_WRONG["verbs"] or not any(
            lemma_of(c) in OWN_WRONG["wrongs"] for c in children_with(token, "amod", "acomp")):
        return None
    negated = is_negated(token.head)
    if (token.lower_ == "nothing") == negated:
        return None  # "did nothing wrong" and "did not do anything wrong" deny; "did not do nothing wrong" is no one's
    return FrameMatch("denies", "own_wrong_denied", token, subject_of(token.head), True)


def _cause_slot(preposition: Token) -> bool:
    """A preposition that gives a cause: "because of", "due to", "caused by", "the result of"."""
    word, head = preposition.lower_, preposition.head
    if word in EXCLUDED_CAUSES["prepositions"] or lemma_of(head) in EXCLUDED_CAUSES["prepositions"]:
        return True  # "because of X" (the parser hangs "of" on "because"), "due to X"
    if word == "by":
        # "caused by a faulty cable, not by an attack": the second "by" hangs on the first's object
        return lemma_of(head) in EXCLUDED_CAUSES["cause_verbs"] or head.dep_ == "pobj" and head.head.lower_ == "by" and _cause_slot(head.head)
    return word == "of" and lemma_of(head) in EXCLUDED_CAUSES["result_nouns"]


def _hedged(token: Token) -> bool:
    """The clause a word sits in is hedged or unreal: "may have been caused by a fault rather than an attack"."""
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and (bool(modals_of(verb) & HEDGE_MODALS) or is_unreal(verb))


def harm_not_cause(token: Token, reported: bool) -> FrameMatch | None:
    """"the site went down for maintenance, not because of any attack", "the outage was not the
    result of an attack", "was caused by a faulty cable rather than an attack"."""
    if not reported or token.dep_ != "pobj" or not harm_phrase(token) or _hedged(token):
        return None
    preposition = token.head
    if preposition.lower_ == "than":
        # "rather than an attack", beside the cause the speaker gives ("caused by a faulty cable")
        if not any(c.lower_ == "rather" for c in preposition.children) or preposition.head.dep_ != "pobj":
            return None
        return FrameMatch("denies", "harm_not_cause", token, None, True) if _cause_slot(preposition.head.head) else None
    if not _cause_slot(preposition):
        return None
    # the "not" on the cause itself: "did not go down because of an attack" may blame the attack for a failure
    head = preposition.head
    negated = [preposition]
    if lemma_of(head) in EXCLUDED_CAUSES["prepositions"]:
        negated.append(head)  # "not because of"
    elif preposition.lower_ == "by":
        negated.append(head)  # "was not caused by"
    elif preposition.lower_ == "of":
        negated += [head, head.head] if head.dep_ == "attr" else [head]  # "was not the result of", "no result of"
    if not any(c.dep_ == "neg" or c.lower_ == "no" for n in negated for c in n.children):
        return None
    return FrameMatch("denies", "harm_not_cause", token, None, True)


# --------------------------------------------------------------------------- claims_responsibility


def own_part(token: Token, reported: bool) -> FrameMatch | None:
    """A speaker's own past part in a harm: "it had planted the malware that froze the gates",
    "it had sold Ninth Lantern the stolen passwords used to get in"."""
    if not reported or token.pos_ != "VERB" or token.tag_ not in ("VBD", "VBN") or is_negated(token) or is_unreal(token):
        return None
    if lemma_of(token) not in CONTRIBUTION_VERBS:
        return None
    subject = subject_of(token)
    if subject is None or subject.dep_ != "nsubj" or subject.lower_ not in SELF_PRONOUNS:
        return None
    means = children_with(token, "dobj") + [o for o in [pobj_of(token, "with")] if o is not None]
    return FrameMatch("claims_responsibility", "own_part", token, None) if any(_means_of_harm(m) for m in means) else None


# (type, rule, the lemmas it anchors on), for the docs and the lookup
ANCHORS = (
    ("accuses", blame_subject, BLAME_NOUNS),
    ("accuses", deliberate_by, INTENT_NOUNS),
    ("accuses", marks_of, SIGNATURES["nouns"]),
    ("accuses", linked_means, LINK_VERBS),
    ("accuses", wrongful_act, ("catch", *WRONGFUL_ACTS)),
    ("accuses", intrusion_place, (*INTRUSION["inside"], *INTRUSION["near"])),
    ("accuses", held_on_suspicion, ("suspicion",)),
    ("denies", no_part, PART_NOUNS | {"responsibility"}),
    ("denies", own_wrong_denied, OWN_WRONG["pronouns"]),
    ("denies", harm_not_cause, HARM_NOUNS),
    ("claims_responsibility", own_part, CONTRIBUTION_VERBS),
)
_RULES_BY_LEMMA: dict[str, tuple] = {}
for _, _rule, _words in ANCHORS:
    for _word in _words:
        _RULES_BY_LEMMA[_word] = (*_RULES_BY_LEMMA.get(_word, ()), _rule)
