"""Structural claim frames: clause shapes that type a claim whatever its words.

:mod:`claimgraph.extract.claim_frames` anchors each frame on a listed word ("promised a
proportional response"); the frames here anchor on a clause's shape, with only small
closed classes of words from the ``claim_frames`` section of ``attribution/lexicon.yml``:

- a modal consequence conditional on another party's act threatens ("it would publish
  more documents unless the government resigned"), as does a loss put on those described
  by their conduct ("carriers that failed to invest would lose their licences") and an
  unrealised hostile act of the speaker's side ("reserved the right to respond", "would
  consider fining");
- a negated ability to use a service reports a measurement ("were unable to make calls",
  "calls could not be connected"), as does a service coming back ("service returned",
  "traffic was back at normal levels");
- a past intrusion a speaker reports of itself claims responsibility ("it had broken into");
- a likeness of an attack's artefacts to a party's accuses that party ("the tools resembled
  those of a Russian unit"), as does a failure of duty ("the regulator had failed to ...");
- excluding an attack ("ruled out a cyberattack") or saying a harm did not happen ("no
  classified material had been taken") denies.

:func:`match_all` runs these, the word frames and the role frames
(:mod:`claimgraph.extract.claim_roles`, :mod:`claimgraph.extract.claim_observations`) together.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from .attribution.lexicon import CLAIM_FRAMES
from .claim_frames import CULPRITS, HOSTILE_VERBS, INSTRUCTION_VERBS, SELF_PRONOUNS, THINGS, match_frames
from .claim_syntax import (
    CLAUSE_DEPS, FrameMatch, children_with, heads_any, in_generic_clause, in_question, is_clause_verb, is_negated,
    is_unreal, pobj_of, subject_of,
)
from .claim_observations import clause_subject, is_users, match_observations
from .claim_roles import PARTY_ENTITIES, harm_phrase, match_roles
from .claim_blame import match_blame
from .claim_fields import PERSON_PRONOUNS, match_fields
from .claim_speakers import (
    as_own_claims, cue_fields, inner_voices, next_warning, own_deeds, proof_posts, unless_forecast,
)
from .claim_threats import match_threats
from .lemmas import lemma_of, mended_lemma

COMMISSIVE_VERBS = frozenset(CLAIM_FRAMES["fields"]["commissive_verbs"])

_THREAT = CLAIM_FRAMES["threatens"]
_ACCUSE = CLAIM_FRAMES["accuses"]
_MEASURE = CLAIM_FRAMES["reports_measurement"]
_DENY = CLAIM_FRAMES["denies"]
HOSTILE_NOUNS = frozenset(_THREAT["hostile_object"]["bare_nouns"])
MODALS = frozenset(_THREAT["conditional_consequence"]["modals"])
TAKEN_ACTS = frozenset(_THREAT["future_act"]["objects"]["take"])
DEMAND_NOUNS = frozenset(_THREAT["conditional_consequence"]["demands"])
PAST_TAGS = frozenset({"VBD", "VBN"})
TIME_MARKS = frozenset({"until", "till", "before", "once", "after", "when"})
PARTY_NOUNS = frozenset(_ACCUSE["party_nouns"])
ARTEFACTS = frozenset(_ACCUSE["artefacts"]) | CULPRITS
SPEECH_LEMMAS = frozenset("say comment confirm explain tell speak answer respond elaborate".split())
# Verbs of phase and urging: "started attacking", "called on Obama to retaliate" are no threat of the subject's.
ASPECT_LEMMAS = frozenset("start begin stop continue keep quit cease resume finish".split())
# A consequence verb that is a state or a cost, not an act: "it would be better if", "would owe taxes if".
STATIVE_LEMMAS = frozenset("be have cost owe happen get receive need seem become remain fall".split())


def match_all(tokens: Iterable[Token], reported: bool, speaker: Span | None = None, cue: Span | None = None) -> list[FrameMatch]:
    """The word, structural, role and field frames in ``tokens``, in text order; ``speaker`` and
    ``cue``: who said them and how, when a statement's (a culprit's own past acts claim
    responsibility, a warning of one's own act ahead threatens); a statement the content reports
    in turn is read with its own speaker and cue (:func:`claimgraph.extract.claim_speakers.inner_voices`)."""
    tokens = list(tokens)
    matches = match_frames(tokens, reported)
    anchors = [t for t in tokens if t.pos_ in _ANCHOR_POS or t.lower_ == "back"]
    # the statement's own voice, and those it reports ("VOSS: a group calling itself X has posted that it ...")
    voices = [(speaker, cue, tokens), *(inner_voices(tokens, cue) if reported else ())]
    candidates = [rule(token, reported) for token in anchors for rule in _STRUCTURAL_RULES]
    candidates += match_roles(tokens, reported) + match_observations(tokens, reported) + proof_posts(tokens)
    # one deed once, though both the statement's speaker and one it reports may claim it
    candidates += list({m.anchor.i: m for who, _, said in reversed(voices) for m in own_deeds(said, who)}.values())
    matches += [m for m in candidates if m is not None and not in_generic_clause(m.anchor) and not in_question(m.anchor)]
    # the general frames add only what the specific ones did not find on the same word
    found = {(m.type, m.anchor.i) for m in matches}
    general = match_threats(tokens, reported) + match_blame(tokens, reported) + match_fields(tokens, reported)
    for who, how, said in voices:
        general += next_warning(said, who)
        if how is not None:
            general += cue_fields(how, [t for t in said if not how.start <= t.i < how.end], who)
    for match in general:
        if (match.type, match.anchor.i) not in found and not in_generic_clause(match.anchor) and not in_question(match.anchor):
            found.add((match.type, match.anchor.i))
            matches.append(match)
    for who, how, said in voices:
        matches = as_own_claims(matches, who, how, within=said if said is not tokens else None)
    matches = unless_forecast(matches, speaker)
    matches = [m for m in matches if m.type != "reports_measurement" or not _instructed(m.anchor)]
    return sorted(_without_act_figures(matches), key=lambda m: m.anchor.i)


def _instructed(token: Token) -> bool:
    """Inside what someone is told to do, or the time of an act not yet done, which observes
    nothing: "urged members to store the harvest until the terminal reopened"."""
    verb = _clause_head(token)
    if verb.dep_ == "advcl" and is_unreal(verb.head) and any(c.lower_ in TIME_MARKS for c in verb.children if c.dep_ == "mark"):
        return True
    return any(lemma_of(a) in INSTRUCTION_VERBS and children_with(a, "xcomp") for a in token.ancestors)


def _clause_head(token: Token) -> Token:
    node = token
    while node.dep_ not in CLAUSE_DEPS and node.head.i != node.i:
        node = node.head
    return node


def _without_act_figures(matches: list[FrameMatch]) -> list[FrameMatch]:
    """Drop a figure that is part of a threatened or claimed act: "it had copied the details of
    300,000 holders" claims responsibility; the figure measures the deed, not a service."""
    acts = {m.anchor.i for m in matches if m.type in ("claims_responsibility", "threatens")}
    if not acts:
        return matches
    return [m for m in matches if m.frame != "figures" or not any(a.i in acts for a in m.anchor.ancestors)]


# --------------------------------------------------------------------------- helpers


def _modals(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ == "aux"} & MODALS


def _is_party(token: Token, it: bool = True) -> bool:
    """A phrase head that names someone who acts: a name, a person pronoun (and "it" when ``it``),
    a party noun ("the government"), or a noun owned by a pronoun ("his country")."""
    if token.ent_type_ in PARTY_ENTITIES or token.pos_ == "PROPN" or token.lower_ in PERSON_PRONOUNS:
        return True
    if token.lower_ == "it":
        return it
    return token.pos_ == "NOUN" and (lemma_of(token) in PARTY_NOUNS or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children))


def _party_in(phrase_head: Token) -> Token | None:
    """A named party in a phrase, other than a name used as a kind ("a basic DDoS strike")."""
    for token in phrase_head.subtree:
        if token.ent_type_ in PARTY_ENTITIES and not (token.dep_ == "compound" and token.head.ent_type_ not in PARTY_ENTITIES):
            return token
    return None


def _negated_chain(token: Token, steps: int = 4) -> bool:
    """Negated on the way up to its clause: "decided not to retaliate", "had no plans to sue"."""
    node = token
    for _ in range(steps):
        if is_negated(node) or any(c.lower_ == "no" and c.dep_ == "det" for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "acl", "dobj", "pobj", "prep", "ccomp") or node.head.i == node.i:
            return False
        node = node.head
    return False


# --------------------------------------------------------------------------- threatens


def conditional_consequence(token: Token, reported: bool) -> FrameMatch | None:
    """"it would publish more documents unless the government resigned": the consequence is the
    speaker's side's, its condition another party's act."""
    if not reported or not is_clause_verb(token) or not _modals(token) or is_negated(token):
        return None
    if lemma_of(token) in STATIVE_LEMMAS:
        return None
    subject = subject_of(token)
    if subject is None:
        return None
    # a consequence for the addressee needs no acting subject under "unless": "the data would
    # appear online unless X paid", "the files would be published unless the city paid"
    # a passive consequence may fall on the condition's own subject: "they would be dismissed unless they returned the files"
    passive = any(c.dep_ == "auxpass" for c in token.children)
    party_subject = subject.dep_ == "nsubj" and _is_party(subject) and not passive
    for clause in children_with(token, "advcl"):
        marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
        if any(c.lower_ in ("even", "only") for c in clause.children if c.dep_ == "advmod"):
            continue  # "even if", "only if": a concession or a proviso, not a demand
        condition_subject = subject_of(clause)
        if not party_subject and "unless" not in marks:
            continue
        if not marks & set(_THREAT["conditional_consequence"]["marks"]) or condition_subject is None:
            continue
        # the condition is another party's act, or a demand met: "until their demands were met"
        demanded = any(lemma_of(t) in DEMAND_NOUNS for t in clause.subtree)
        # or a harm going on: "would halt gas deliveries unless the raids ended"
        harm_goes_on = party_subject and harm_phrase(condition_subject) and ("unless" in marks or is_negated(clause))
        if demanded or harm_goes_on or _is_party(condition_subject, it=False) and (condition_subject.lower_ != subject.lower_ or passive):
            return FrameMatch("threatens", "conditional_consequence", token, condition_subject, True)
    return None


def sanction_on_conduct(token: Token, reported: bool) -> FrameMatch | None:
    """"carriers that failed to invest would lose their licences", "firms that paid would be fined"."""
    if not is_clause_verb(token) or not _modals(token) or is_negated(token):
        return None
    passive = any(c.dep_ == "auxpass" for c in token.children)
    if not (lemma_of(token) in _THREAT["sanction_on_conduct"] or (passive and mended_lemma(token, HOSTILE_VERBS) in HOSTILE_VERBS)):
        return None
    subject = subject_of(token)
    if subject is None or not children_with(subject, "relcl"):
        return None
    return FrameMatch("threatens", "sanction_on_conduct", token, subject, True)


def unrealised_act(token: Token, reported: bool) -> FrameMatch | None:
    """A hostile act the speaker's side may yet do: "reserved the right to respond", "would consider
    fining Telera", "plans to sue"; an infinitive or gerund below a clause with a party subject."""
    taken = lemma_of(token) == "take" and any(lemma_of(o) in TAKEN_ACTS for o in children_with(token, "dobj"))
    if not reported or token.pos_ != "VERB" or mended_lemma(token, HOSTILE_VERBS) not in HOSTILE_VERBS and not taken:
        return None  # a hostile verb, or taking a hostile measure: "reserved the right to take countermeasures"
    if token.tag_ not in ("VB", "VBG") or token.dep_ not in ("xcomp", "acl"):
        return None
    if _negated_chain(token):
        return None
    node = token
    while node.dep_ in ("xcomp", "acl", "dobj") and node.head.i != node.i:
        below, node = node, node.head
        if lemma_of(node) in ASPECT_LEMMAS:
            return None
        if below.dep_ == "xcomp" and any(o.i != below.i for o in children_with(node, "dobj")) or pobj_of(node, "on", "upon") is not None:
            return None  # "called on Obama to retaliate", "urged the EU to sanction": someone else's act
    if not is_clause_verb(node) or node.i == token.i or lemma_of(node) in SPEECH_LEMMAS:
        return None
    subject = subject_of(node)
    if node.dep_ == "conj" and lemma_of(node) in COMMISSIVE_VERBS and node.head.dep_ == "ccomp":
        # the parser joins the speaker's promise to what they said: "said the blast was an attack and promised to hunt down ..."
        subject = subject_of(node.head.head)
    if subject is None or not _is_party(subject) or lemma_of(subject) in CULPRITS:
        return None
    objects = children_with(token, "dobj")
    return FrameMatch("threatens", "unrealised_act", token, pobj_of(token, "against", "at") or (objects[0] if objects else None), True)


# --------------------------------------------------------------------------- reports_measurement


def negated_ability(token: Token, reported: bool) -> FrameMatch | None:
    """"were unable to make calls or use data", "emergency calls could not be connected"."""
    frame = _MEASURE["negated_ability"]
    if token.pos_ != "VERB" or lemma_of(token) in SPEECH_LEMMAS:
        return None
    ability = None
    if token.dep_ in ("xcomp", "conj"):
        head = token.head if token.dep_ == "xcomp" else token.head.head if token.head.dep_ == "xcomp" else None
        if head is not None and (lemma_of(head) == "unable" or (lemma_of(head) == "able" and is_negated(head))):
            ability = head
    if ability is None and any(c.lower_ in ("could", "can", "ca") for c in token.children if c.dep_ == "aux") and is_negated(token):
        ability = token
    if ability is None or is_unreal(ability.head if ability.pos_ == "ADJ" else ability) and ability is not token:
        return None
    if any(c.lower_ in ("will", "would", "'ll") for c in (ability.head if ability.pos_ == "ADJ" else ability).children):
        return None
    if any(lemma_of(p) == "comment" for p in token.subtree if p.dep_ == "pobj"):
        return None  # "could not be reached for comment"
    used = [*children_with(token, "dobj", "nsubjpass")]
    nouns = THINGS | set(frame["service_nouns"])
    able = subject_of(ability) if ability.pos_ == "ADJ" else subject_of(token)
    if lemma_of(token) in frame["verbs"] or any(lemma_of(n) in nouns for n in used):
        if any(lemma_of(n) in nouns or not _is_party(n) for n in used) or lemma_of(token) in frame["verbs"] and not children_with(token, "nsubjpass"):
            return FrameMatch("reports_measurement", "negated_ability", token, able)
    if able is not None and is_users(able):
        return FrameMatch("reports_measurement", "negated_ability", token, able)  # "thousands of customers were left unable to pay"
    return None


def recovery(token: Token, reported: bool) -> FrameMatch | None:
    """"service returned gradually", "traffic on the network was back at normal levels"."""
    if token.lower_ == "back" and token.dep_ == "advmod" and lemma_of(token.head) in ("be", "come", "get"):
        verb = token.head
    elif is_clause_verb(token) and lemma_of(token) in _MEASURE["recovery_verbs"] and not children_with(token, "dobj"):
        verb = token
    else:
        return None
    if is_unreal(verb):
        return None
    subject = clause_subject(verb)
    if subject is None or lemma_of(subject) not in THINGS:
        return None
    return FrameMatch("reports_measurement", "recovery", token, subject)


# --------------------------------------------------------------------------- claims_responsibility


def own_acts(token: Token, reported: bool) -> FrameMatch | None:
    """"A group ... said it had broken into the ministry's mail servers"."""
    if not reported or token.pos_ != "VERB" or token.tag_ not in PAST_TAGS or is_negated(token):
        return None
    if not heads_any(token, CLAIM_FRAMES["claims_responsibility"]["own_acts"]):
        return None
    subjects = children_with(token, "nsubj")
    if not subjects or subjects[0].lower_ not in SELF_PRONOUNS:
        return None
    return FrameMatch("claims_responsibility", "own_acts", token, subjects[0])


# --------------------------------------------------------------------------- accuses


def likeness(token: Token, reported: bool) -> FrameMatch | None:
    """"the group's tools closely resembled those of a Russian unit", "similar to code used by X"."""
    if lemma_of(token) not in _ACCUSE["likeness"] or token.pos_ not in ("VERB", "ADJ"):
        return None
    if token.pos_ == "VERB":
        # "resembled those of X"; "shared large portions of its code with a strain used by X"
        others = children_with(token, "dobj") + [o for o in [pobj_of(token, "with", "to")] if o is not None]
        compared = subject_of(token)
    else:
        others = [o for o in [pobj_of(token, "with", "to")] if o is not None]
        compared = token.head if token.dep_ == "amod" else subject_of(token)
    if is_negated(token) or compared is None:
        return None
    if lemma_of(compared) not in ARTEFACTS and not harm_phrase(compared):
        return None  # "the pattern of the interference was consistent with ..." compares a harm's trace
    for other in others:
        party = _party_in(other)
        if party is not None:
            return FrameMatch("accuses", "likeness", token, party)
    return None


def duty_failure(token: Token, reported: bool) -> FrameMatch | None:
    """A wrong said of a party: "the regulator had failed to hold the carrier to account", "the
    government had ignored repeated warnings", "had been warned ... and had done nothing"."""
    if not reported or token.pos_ != "VERB" or not heads_any(token, _ACCUSE["duty_failures"]):
        return None
    if is_negated(token) or is_unreal(token):
        return None
    if not children_with(token, "xcomp") and lemma_of(token) == "fail":
        return None
    if lemma_of(token) == "do" and any(t.lower_ in ("wrong", "illegal", "improper") for t in token.subtree):
        return None  # "had done nothing wrong" denies
    subject = subject_of(token)
    if subject is None or not _is_party(subject, it=False) or subject.lower_ in SELF_PRONOUNS or lemma_of(subject) in CULPRITS:
        return None
    return FrameMatch("accuses", "duty_failure", token, subject)


# --------------------------------------------------------------------------- denies


def excluded_act(token: Token, reported: bool) -> FrameMatch | None:
    """"She ruled out a cyberattack"."""
    frame = _DENY["excluded_acts"]
    if token.pos_ != "VERB" or not heads_any(token, frame["verbs"]):
        return None
    if lemma_of(token) == "rule" and not any(c.lower_ == "out" for c in token.children):
        return None
    for obj in children_with(token, "dobj"):
        if lemma_of(obj) in CULPRITS or heads_any(obj, frame["objects"]):
            return FrameMatch("denies", "excluded_act", token, pobj_of(obj, "by", "from"), True)
    return None


def undone_harm(token: Token, reported: bool) -> FrameMatch | None:
    """"no classified material had been taken", "nothing was stolen"."""
    if not reported or token.pos_ != "VERB" or token.tag_ not in PAST_TAGS or lemma_of(token) not in _DENY["undone_harms"]:
        return None
    # only a harm said to have touched nothing: "the system was never compromised" may state a fact
    subjects = children_with(token, "nsubjpass", "nsubj")
    if not any(s.lower_ in ("nothing", "none") or any(c.lower_ == "no" for c in s.children) for s in subjects):
        return None
    return FrameMatch("denies", "undone_harm", token, None, True)


# Every structural rule is anchored on a verb, an adjective ("similar to") or the adverb "back"
# ("was back at normal levels"): the other words are skipped before any rule runs.
_ANCHOR_POS = frozenset({"VERB", "AUX", "ADJ"})
_STRUCTURAL_RULES = (
    conditional_consequence, sanction_on_conduct, unrealised_act, negated_ability, recovery, own_acts,
    likeness, duty_failure, excluded_act, undone_harm,
)
