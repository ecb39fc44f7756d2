"""Role frames: claim types read from who does what to whom, with semantic classes of words.

The word frames (:mod:`claimgraph.extract.claim_frames`) anchor on listed wordings and the
structural ones (:mod:`claimgraph.extract.claim_structures`) on clause shapes; the frames
here read a clause's roles (subject, object, passive agent, prepositional source) and ask
which semantic class fills each, from the ``classes`` of ``claim_frames`` in
``attribution/lexicon.yml`` (harms, perpetrating and tool verbs, agents, punishments,
allegations):

- **accuses**: a harm linked to an agent: by its origin ("the interference came from
  transmitters inside Kelvar"), as the passive agent of a harm, of perpetrating it or of its
  tool ("the servers were breached by Varan's intelligence service", "the outage was caused by
  hackers"), by a verb of linking ("investigators linked the breach to X"), as its author ("the
  work of hackers backed by X") or a party in it ("had a hand in the attack"); or, in a
  statement, a party doing harm or wrong ("the West was spreading disinformation"). A harm with
  no agent is no accusation: said of a service it is an observation
  (:mod:`claimgraph.extract.claim_observations`);
- **threatens**: a punishment in a future clause ("those responsible would spend years in
  prison"), a refusal to tolerate a harm ("would not tolerate attacks"), a dispute taken to a
  body ("will raise the matter at the ITU"), an ultimatum ("gave X two weeks to explain or face
  an investigation"), a party declared an enemy ("would be treated as an accomplice"), a
  retaliation ahead ("the response would be swift");
- **claims_responsibility**: a victim counted as one's own ("listed X among its victims"), and
  a past act or a harm's justification a culprit (a gang, a hacker group) reports of itself
  (:func:`claimgraph.extract.claim_speakers.own_deeds`, which reads the speaker);
- **denies**: labelling an allegation ("called the allegations a fantasy", "the allegations
  were an attempt to smear X"), taking no part ("played no part in the attack"), a party's
  harm negated in a statement ("had never carried out cyberattacks").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from .attribution.lexicon import CLAIM_FRAMES
from .claim_frames import CULPRITS, PUNITIVE_VERBS, SELF_PRONOUNS, THINGS, changed_by_figure
from .claim_syntax import (
    FUTURE_MODALS, FrameMatch, children_with, heads_any, is_negated, is_unreal, match_by_lemma, misread_participle, modals_of,
    object_of, out_of_object, pobj_of, subject_of,
)
from .lemmas import lemma_of

_CLASSES = CLAIM_FRAMES["classes"]
_THREAT = CLAIM_FRAMES["threatens"]
HARM_NOUNS = frozenset(_CLASSES["harm_nouns"]) | CULPRITS
HARM_MODIFIERS = frozenset(_CLASSES["harm_modifiers"])
HARM_VERBS = frozenset(_CLASSES["harm_verbs"])
HARM_WORDS = HARM_NOUNS | HARM_MODIFIERS
FALSE_CARRIERS = frozenset(_CLASSES["false_carriers"])
PERPETRATE_VERBS = frozenset(_CLASSES["perpetrate_verbs"])
AGENT_NOUNS = frozenset(_CLASSES["agent_nouns"])
ORIGIN_VERBS = {verb: tuple(preps) for verb, preps in _CLASSES["origin_verbs"].items()}
PUNISHMENTS = frozenset(_CLASSES["punishment_outcomes"])
PUNISHMENT_VERBS = frozenset(_CLASSES["punishment_verbs"])
LABELLED_SUBJECTS = frozenset(CLAIM_FRAMES["denies"]["labelled_subjects"])
# verbs that put a demand on someone: "told Brevan to halt the attacks or face the consequences"
DEMAND_VERBS = frozenset("tell order warn give demand instruct urge ask direct".split())
ALLEGATIONS = frozenset(_CLASSES["allegations"])
REFUSED_OBJECTS = frozenset(_CLASSES["refused_objects"])
PARTY_NOUNS = frozenset(CLAIM_FRAMES["accuses"]["party_nouns"])
TOOL_VERBS = frozenset(_CLASSES["tool_verbs"])
LINK_VERBS = frozenset(_CLASSES["link_verbs"])
EVIDENCE_VERBS = _CLASSES["evidence_verbs"]
EVIDENCE = frozenset(_CLASSES["evidence_nouns"]) | frozenset(CLAIM_FRAMES["accuses"]["artefacts"])
# pronouns that stand for all the evidence: "everything we have points to X"
EVIDENCE_TOTALS = frozenset(_CLASSES["evidence_totals"])
ANSWERING_VERBS = frozenset(_THREAT["answering_verbs"])
UNPUNISHED = frozenset(_THREAT["unpunished"])
MEASURES_READY = _THREAT["measures_ready"]
AUTHORSHIP_NOUNS = frozenset(_CLASSES["authorship_nouns"])
INVOLVEMENT_NOUNS = frozenset(_CLASSES["involvement_nouns"])
FAILURE_NOUNS = frozenset(_CLASSES["failure_nouns"])
HOSTILE_LABELS = _THREAT["hostile_labels"]
RETALIATION_NOUNS = frozenset(_THREAT["retaliation_nouns"])
INTOLERABLE = HARM_NOUNS | frozenset(_THREAT["intolerance"]["acts"])
PARTY_ENTITIES = frozenset({"ORG", "GPE", "NORP", "PERSON"})
VICTIM_NOUNS = frozenset(CLAIM_FRAMES["claims_responsibility"]["victim_nouns"])
LABELLING_VERBS = frozenset(CLAIM_FRAMES["denies"]["labelling_verbs"])
FACED = frozenset(_THREAT["future_act"]["objects"]["face"]) | PUNISHMENTS
PERSON_PRONOUNS = frozenset("i you he she we they".split())
POSSESSIVE_SELF = frozenset({"its", "their", "our", "my"})
# verbs of belief a subject is raised to: "is widely believed to have sponsored"
RAISING_VERBS = frozenset("believe think suspect say report allege understand know suppose rumour rumor".split())


def match_roles(tokens: Iterable[Token], reported: bool) -> list[FrameMatch]:
    """Every role frame in ``tokens``; the rules are looked up by the anchor's lemma, so no rule runs on every word."""
    return match_by_lemma(tokens, reported, _RULES_BY_LEMMA)


# --------------------------------------------------------------------------- helpers


def harm_phrase(token: Token) -> bool:
    """A phrase about a harm: its head is one ("the interference"), or it is one's pattern or
    part ("the pattern of the interference"), or a harm qualifies it ("the extortion demand")."""
    if lemma_of(token) in HARM_NOUNS:
        return True
    modifiers = [c for c in token.children if c.dep_ in ("compound", "amod")]  # "the extortion demand"
    # the word as written too: the tagger reads "phishing" as a verb with lemma "phishe"
    return any(lemma_of(o) in HARM_WORDS or o.lower_ in HARM_WORDS for o in [pobj_of(token, "of"), *modifiers] if o is not None)


def party_in(phrase_head: Token, named: bool = False) -> Token | None:
    """The party a source or agent phrase names: an entity in it ("servers controlled by the
    Velmar intelligence service", "transmitters inside Kelvar"), or unless ``named`` an agent
    noun ("caused by hackers")."""
    for token in phrase_head.subtree:
        if token.ent_type_ in PARTY_ENTITIES:
            return token
    return phrase_head if lemma_of(phrase_head) in AGENT_NOUNS and not named else None


def _future(verb: Token) -> bool:
    """A verb in the future or conditional, or planned ("plans to take the case to court")."""
    node = verb
    for _ in range(3):
        if modals_of(node) & FUTURE_MODALS:
            return True
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


# --------------------------------------------------------------------------- accuses


def harm_origin(token: Token, reported: bool) -> FrameMatch | None:
    """"the interference came from ground transmitters inside Kelvar", "the traffic originated in X"."""
    prepositions = ORIGIN_VERBS.get(lemma_of(token))
    copula = misread_participle(token) if token.pos_ == "NOUN" else None
    if prepositions is None or is_negated(copula or token) or not (token.pos_ == "VERB" or copula is not None):
        return None
    subject = subject_of(copula or token)
    # "run out of X" is "run from X"
    source = pobj_of(token, *prepositions) or (out_of_object(token) if "from" in prepositions else None)
    if subject is None or source is None or not (harm_phrase(subject) or _false_carrier(subject)):
        return None
    # a place or a named party; "came from a non-nation group" names no one to accuse
    party = party_in(source, named=True)
    return FrameMatch("accuses", "harm_origin", token, party) if party is not None else None


def _false_carrier(token: Token) -> bool:
    """A carrier of signals called false: sent from somewhere, spoofed ("the false signals")."""
    return lemma_of(token) in FALSE_CARRIERS and any(c.lower_ == "false" for c in children_with(token, "amod"))


def harm_agent(token: Token, reported: bool) -> FrameMatch | None:
    """The agent of a harm, of an act of perpetrating or of a harm's tool: "the servers were
    breached by Varan's intelligence service", "the outage was caused by hackers", "an attack
    carried out by X", "the wiper was deployed by a group tied to X"."""
    lemma = lemma_of(token)
    if token.tag_ != "VBN" or lemma not in HARM_VERBS | PERPETRATE_VERBS | TOOL_VERBS or is_negated(token):
        return None
    if lemma not in HARM_VERBS:
        # "the wiper was deployed by a group", "the outage was caused by hackers": only of a harm or a
        # failure; "the app was used by X" or "the inquiry was launched by X" accuses no one
        made = token.head if token.dep_ == "acl" else subject_of(token)
        if made is None or not (harm_phrase(made) or lemma_of(made) in FAILURE_NOUNS):
            return None
    agent = pobj_of(token, "by")
    if agent is None or lemma_of(agent) in HARM_NOUNS - AGENT_NOUNS:
        return None  # "hit by a ransomware attack": a harm, not who did it
    party = party_in(agent)
    return FrameMatch("accuses", "harm_agent", token, party) if party is not None else None


def harm_doer(token: Token, reported: bool) -> FrameMatch | None:
    """In someone's statement, a party doing harm: "the West was spreading disinformation",
    "Kelvar had carried out the jamming", "Tesmar's army jammed the signals"; or in narration
    through a verb of belief: "Brevan is widely believed to have sponsored the campaign"."""
    if not (reported or _raised(token) is not None) or token.pos_ != "VERB" or token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children):
        return None
    lemma = lemma_of(token)
    if lemma in PERPETRATE_VERBS:
        if not any(harm_phrase(o) for o in children_with(token, "dobj")):
            return None
    elif lemma not in HARM_VERBS or changed_by_figure(token) or not (children_with(token, "dobj") or pobj_of(token, "in", "on", "against", "with")):
        return None  # "had been meddling in the country's elections"; "had cut water use by a third" harms nothing
    if is_unreal(token) and not _raised(token):
        return None
    subject = children_with(token, "nsubj") or [s for s in [_raised(token)] if s is not None]
    if not subject or not _names_party(subject[0]):
        return None
    if any(o.ent_type_ == "PERSON" or o.lower_ in PERSON_PRONOUNS | {"him", "her", "them", "me", "us"} for o in children_with(token, "dobj")):
        return None  # "they hit Matt", "hit Trump hard": harm done to a person is a figure of speech here
    if is_negated(token):
        # "Brevan had never carried out cyberattacks against its neighbours"
        return FrameMatch("denies", "harm_doer", token, subject[0], True) if reported else None
    return FrameMatch("accuses", "harm_doer", token, subject[0])


def _raised(verb: Token) -> Token | None:
    """The subject raised to a verb of belief: "Brevan is widely believed to have sponsored the campaign"."""
    if verb.dep_ != "xcomp" or lemma_of(verb.head) not in RAISING_VERBS or not any(c.dep_ == "auxpass" for c in verb.head.children):
        return None
    subjects = children_with(verb.head, "nsubjpass")
    return subjects[0] if subjects else None


def _names_party(token: Token) -> bool:
    """A named party, a party noun ("the government") or a person pronoun; not the speaker's "it"/"we"."""
    whose = token.head.dep_ == "relcl" and any(c.lower_ == "whose" for c in token.children)  # "X, whose hackers had ..."
    if token.lower_ in SELF_PRONOUNS or lemma_of(token) in CULPRITS and not whose:
        return False
    return token.ent_type_ in PARTY_ENTITIES or token.pos_ == "PROPN" or lemma_of(token) in PARTY_NOUNS \
        or token.lower_ in ("he", "she", "they") or whose and _names_party(token.head.head)


def linking(token: Token, reported: bool) -> FrameMatch | None:
    """Someone linking a harm to a party: "the breach, which investigators have linked to a Brevani
    contractor", "police tied the attack to a group in X". (The passive "linked to" is
    ``accuses.predicates``; "forums linked to extremist groups" links no harm.)"""
    if token.pos_ != "VERB" or lemma_of(token) not in LINK_VERBS or not children_with(token, "nsubj") or is_negated(token):
        return None
    harms = children_with(token, "dobj")
    harms = [token.head if h.lower_ in ("which", "that") and token.dep_ == "relcl" else h for h in harms]
    party = pobj_of(token, "to")
    if party is None or not any(harm_phrase(h) for h in harms):
        return None
    named = party_in(party)
    return FrameMatch("accuses", "linking", token, named, True) if named is not None else None


def harm_by(token: Token, reported: bool) -> FrameMatch | None:
    """A harm noun with its agent: "the result of a deliberate attack by Sarkosi hackers", "interference by X"."""
    if token.pos_ != "NOUN" or lemma_of(token) not in HARM_NOUNS - AGENT_NOUNS:
        return None
    if token.dep_ == "pobj" and token.head.lower_ in ("like", "unlike", "as"):
        return None  # "much like a real world strike from the U.S.": a comparison accuses no one
    agent = pobj_of(token, "by", "from")
    party = party_in(agent, named=pobj_of(token, "by") is None) if agent is not None else None
    if party is None or any(t.ent_type_ == "PERSON" for t in agent.subtree):
        return None  # "minimal interference by moderator Lester Holt": a person's "interference" is seldom a harm
    return FrameMatch("accuses", "harm_by", token, party)


def culprit_means(token: Token, reported: bool) -> FrameMatch | None:
    """A culprit's means placed with a party: "the attackers had used servers rented in Sarkos"."""
    if token.pos_ != "VERB" or lemma_of(token) not in TOOL_VERBS | {"rent", "hire", "route"} or is_negated(token):
        return None
    subjects = children_with(token, "nsubj")
    if not subjects or lemma_of(subjects[0]) not in CULPRITS | AGENT_NOUNS:
        return None
    for means in children_with(token, "dobj"):
        party = party_in(means, named=True)
        if party is not None:
            return FrameMatch("accuses", "culprit_means", token, party)
    return None


def evidence_points(token: Token, reported: bool) -> FrameMatch | None:
    """Evidence pointing at a party: "the code used in the attack pointed to Dorvan's foreign
    intelligence service", "the logs implicated a contractor in X", "all the clues point to X",
    "the trail leads back to X", "everything we have points to X"."""
    if lemma_of(token) not in EVIDENCE_VERBS or is_negated(token):
        return None
    subject = _evidence_subject(token)
    if subject is None or not (harm_phrase(subject) or lemma_of(subject) in EVIDENCE | EVIDENCE_TOTALS):
        return None
    preposition = EVIDENCE_VERBS[lemma_of(token)]
    if preposition:
        # "leads back to X": the parser hangs the preposition on the adverb; "everything we have found
        # points to X", read as "found points", on the relative clause
        holders = [token, *children_with(token, "advmod"), *([token.head] if token.pos_ == "NOUN" and token.dep_ == "dobj" else [])]
        pointed = next((pobj_of(h, preposition) for h in holders if pobj_of(h, preposition) is not None), None)
        party = _pointed_party(pointed) if pointed is not None else None
    else:
        pointed = next(iter(children_with(token, "dobj")), None) if token.pos_ == "VERB" else None
        party = party_in(pointed, named=True) if pointed is not None else None
    if any(c.tag_ == "VBG" for c in [*children_with(token, "advcl", "xcomp"), *([pointed, *pointed.children] if pointed is not None else [])]):
        return None  # "the signs point to the bank raising rates" forecasts an act, blames no one
    return FrameMatch("accuses", "evidence_points", token, party) if party is not None else None


def _pointed_party(pointed: Token) -> Token | None:
    """The party pointed to: named in the phrase's own words ("Dorvan's navy", "the military of
    Tessel"), not in a place it qualifies ("a good harvest in Tessel" points at no party)."""
    words = [pointed, *(t for c in pointed.lefts for t in c.subtree)]
    owner = pobj_of(pointed, "of")
    words += list(owner.subtree) if owner is not None else []
    named = next((t for t in words if t.ent_type_ in PARTY_ENTITIES), None)
    return named or (pointed if lemma_of(pointed) in PARTY_NOUNS | AGENT_NOUNS and any(t.ent_type_ for t in words) else None)


def _evidence_subject(token: Token) -> Token | None:
    """What points: the verb's subject; the tagger reads "point(s)" as a noun, then its subject is
    the noun's own or its compound ("all the clues point to X", "every sign points to X") or the
    noun a relative clause hangs on ("everything we have points to X", read as "have points")."""
    if token.pos_ == "VERB":
        return subject_of(token)
    if token.pos_ != "NOUN":
        return None
    subjects = children_with(token, "nsubj", "compound")
    if subjects:
        return subjects[0]
    if token.dep_ == "dobj" and token.head.dep_ == "relcl" and not any(c.dep_ == "det" for c in token.children):
        return token.head.head
    return None


def own_harm_denied(token: Token, reported: bool) -> FrameMatch | None:
    """In a statement, one's own systems said not harmed: "the company insisted that its systems
    had not been hacked", "said it had not been hacked" ("the system was never compromised", said
    of no one's, states)."""
    if not reported or token.tag_ != "VBN" or lemma_of(token) not in HARM_VERBS or not is_negated(token):
        return None
    subjects = children_with(token, "nsubjpass")
    own = subjects and (subjects[0].lower_ in ("it", "we") or any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_SELF for c in subjects[0].children))
    return FrameMatch("denies", "own_harm_denied", token, None, True) if own else None


def authorship(token: Token, reported: bool) -> FrameMatch | None:
    """"the attempted break-in was the work of hackers backed by the Selvian government"."""
    if token.pos_ != "NOUN" or lemma_of(token) not in AUTHORSHIP_NOUNS or token.dep_ not in ("attr", "oprd"):
        return None
    author = pobj_of(token, "of")
    subject = subject_of(token)
    if author is None or subject is None or not (harm_phrase(subject) or subject.lower_ in ("it", "this", "that")):
        return None
    party = party_in(author)
    return FrameMatch("accuses", "authorship", token, party) if party is not None and not is_negated(token.head) else None


def involvement(token: Token, reported: bool) -> FrameMatch | None:
    """Taking part in a harm: "played no part in the attack" denies, "had a hand in the hack"
    accuses its subject, or said of oneself claims responsibility."""
    if token.pos_ != "NOUN" or lemma_of(token) not in INVOLVEMENT_NOUNS or token.dep_ != "dobj":
        return None
    verb = token.head
    if lemma_of(verb) not in ("play", "have", "take"):
        return None
    harm, negated = object_of(token, "in") or object_of(verb, "in"), is_negated(verb) or any(c.lower_ in ("no", "any") and c.dep_ == "det" for c in token.children)
    if harm is None or not (harm_phrase(harm) or negated and harm.tag_ == "VBG"):  # "played no part in switching off the beacon"
        return None
    subject = subject_of(verb)
    if negated:
        return FrameMatch("denies", "involvement", token, harm, True)
    if subject is None or is_unreal(verb):
        return None
    if reported and subject.lower_ in SELF_PRONOUNS:
        return FrameMatch("claims_responsibility", "involvement", token, None)
    return FrameMatch("accuses", "involvement", token, subject) if _names_party(subject) else None


# --------------------------------------------------------------------------- threatens


def punishment_ahead(token: Token, reported: bool) -> FrameMatch | None:
    """A punishment in a future clause: "those responsible would spend years in prison",
    "will pay a heavy price", "would be brought to justice"."""
    if token.pos_ != "NOUN" or lemma_of(token) not in PUNISHMENTS or token.dep_ not in ("dobj", "pobj"):
        return None
    verb = token.head.head if token.dep_ == "pobj" else token.head
    if verb.pos_ != "VERB" or lemma_of(verb) not in PUNISHMENT_VERBS or not _future(verb) or is_negated(verb):
        return None
    return FrameMatch("threatens", "punishment_ahead", token, subject_of(verb), True)


def intolerance(token: Token, reported: bool) -> FrameMatch | None:
    """"Ardenia would not tolerate attacks on its airwaves", "will not accept such provocations"."""
    frame = _THREAT["intolerance"]
    if token.pos_ != "VERB" or not heads_any(token, frame["verbs"]):
        return None
    if not is_negated(token) or not _future(token):
        return None
    # "would not tolerate attacks", "would not allow such provocations to go unanswered"
    objects = children_with(token, "dobj") + [s for c in children_with(token, "ccomp", "xcomp") for s in children_with(c, "nsubj")]
    acts = [o for o in objects if lemma_of(o) in INTOLERABLE]
    if not acts:
        return None
    return FrameMatch("threatens", "intolerance", token, pobj_of(acts[0], "on", "against", "by", "from"), True)


def escalation(token: Token, reported: bool) -> FrameMatch | None:
    """"Ardenia will raise the matter at the International Telecommunication Union",
    "would take the case to court"."""
    frame = _THREAT["escalation"]
    if token.pos_ != "VERB" or lemma_of(token) not in frame["verbs"] or not _future(token) or is_negated(token):
        return None
    objects = children_with(token, "dobj")
    matters = [o for o in objects if lemma_of(o) in frame["objects"]]
    body = pobj_of(token, "at", "with", "to", "before", "in") or next(
        (pobj_of(m, "at", "with", "to", "before") for m in matters if pobj_of(m, "at", "with", "to", "before") is not None), None)
    if body is None or not (body.ent_type_ == "ORG" or lemma_of(body) in frame["bodies"]):
        return None
    # a matter taken to a body; or anyone "taken to court"
    if not matters and not (objects and lemma_of(token) in ("take", "bring", "haul", "drag") and lemma_of(body) in ("court", "tribunal")):
        return None
    return FrameMatch("threatens", "escalation", token, None, True)


def warned_penalty(token: Token, reported: bool) -> FrameMatch | None:
    """A penalty someone is warned they face: "warned the company that it faced a fine of up to 4 percent"."""
    if token.pos_ != "VERB" or lemma_of(token) not in ("face", "risk", "incur") or is_negated(token):
        return None
    if token.dep_ != "ccomp" or lemma_of(token.head) not in ("warn", "caution", "alert", "remind", "threaten"):
        return None
    if not any(lemma_of(o) in FACED for o in children_with(token, "dobj")):
        return None
    return FrameMatch("threatens", "warned_penalty", token, subject_of(token), True)


def not_unpunished(token: Token, reported: bool) -> FrameMatch | None:
    """"the attack would not go unpunished", "will not remain unanswered"."""
    if token.lower_ not in UNPUNISHED or token.dep_ not in ("acomp", "oprd", "xcomp", "advmod"):
        return None
    verb = token.head
    if not is_negated(verb) or not _future(verb):
        return None
    return FrameMatch("threatens", "not_unpunished", token, subject_of(verb), True)


def harm_answered(token: Token, reported: bool) -> FrameMatch | None:
    """A harm answered ahead: "further incursions would be met with force"."""
    if token.pos_ != "VERB" or lemma_of(token) not in ANSWERING_VERBS or not _future(token) or is_negated(token):
        return None
    subjects = children_with(token, "nsubjpass")
    if not subjects or not harm_phrase(subjects[0]):
        return None
    return FrameMatch("threatens", "harm_answered", token, None, True)


def punishment_had(token: Token, reported: bool) -> FrameMatch | None:
    """A punishment someone will have done to them: "operators who ignored the rules would have
    their licences revoked"."""
    if token.tag_ != "VBN" or lemma_of(token) not in PUNITIVE_VERBS or token.dep_ not in ("ccomp", "xcomp", "oprd", "conj"):
        return None
    having = token.head
    if lemma_of(having) not in ("have", "get") or not _future(having) or is_negated(having):
        return None
    return FrameMatch("threatens", "punishment_had", token, subject_of(having), True)


def measures_ready(token: Token, reported: bool) -> FrameMatch | None:
    """Measures kept ready: "all options, including sanctions, were on the table", "sanctions are under consideration"."""
    if token.pos_ != "NOUN" or token.dep_ not in ("nsubj", "nsubjpass") or lemma_of(token.head) not in ("be", "remain", "stay"):
        return None
    if is_negated(token.head):
        return None
    for state in MEASURES_READY["states"]:
        preposition, noun = state.split()
        if any(lemma_of(o) == noun for o in [pobj_of(token.head, preposition)] if o is not None):
            return FrameMatch("threatens", "measures_ready", token, None, True)
    return None


def ultimatum(token: Token, reported: bool) -> FrameMatch | None:
    """"The central bank gave Kronlink two weeks to explain the failure or face an investigation"."""
    if token.pos_ != "VERB" or lemma_of(token) not in _THREAT["ultimatum"]:
        return None
    addressees = children_with(token, "dative") or [o for o in children_with(token, "dobj") if o.ent_type_ in PARTY_ENTITIES]
    times = [o for o in children_with(token, "dobj", "npadvmod") if o.ent_type_ in ("DATE", "TIME")]
    acts = [a for a in children_with(token, "xcomp", "advcl") if any(c.lower_ == "to" for c in a.children)]
    acts += [a for o in times for a in children_with(o, "relcl", "acl")]
    if not addressees or not times or not acts:
        return None
    return FrameMatch("threatens", "ultimatum", token, addressees[0], True)


def hostile_label(token: Token, reported: bool) -> FrameMatch | None:
    """Declaring someone an enemy: "any country hosting the hackers would be treated as an accomplice"."""
    if token.pos_ != "VERB" or lemma_of(token) not in HOSTILE_LABELS["verbs"] or not _future(token) or is_negated(token):
        return None
    label = pobj_of(token, "as")
    if label is None or not any(lemma_of(w) in HOSTILE_LABELS["labels"] for w in label.subtree):
        return None
    objects = children_with(token, "dobj", "nsubjpass")
    return FrameMatch("threatens", "hostile_label", token, objects[0] if objects else None, True)


def retaliation_ahead(token: Token, reported: bool) -> FrameMatch | None:
    """A retaliation as the subject of a future clause: "the country's response would be swift and
    severe", "there would be consequences for those responsible"."""
    there = token.dep_ == "attr" and any(c.dep_ == "expl" for c in token.head.children)
    if token.pos_ != "NOUN" or lemma_of(token) not in RETALIATION_NOUNS or not (token.dep_ == "nsubj" or there):
        return None
    verb = token.head
    if not _future(verb) or is_negated(verb):
        return None
    return FrameMatch("threatens", "retaliation_ahead", token, pobj_of(token, "to", "against"), True)


def or_face(token: Token, reported: bool) -> FrameMatch | None:
    """The other branch of a demand: "must restore service or face a fine", "comply or risk a ban"."""
    if token.pos_ != "VERB" or token.dep_ != "conj" or not any(c.lower_ == "or" for c in token.head.children if c.dep_ == "cc"):
        return None
    demand = token.head
    if not (modals_of(demand) & {"must", "should", "will", "would", "'ll"} or demand.dep_ == "xcomp" and lemma_of(demand.head) in DEMAND_VERBS):
        return None  # "a mandate requiring all to buy insurance or face a fine" describes a law
    if not any(lemma_of(o) in FACED for o in children_with(token, "dobj")):
        return None
    return FrameMatch("threatens", "or_face", token, None, True)


# --------------------------------------------------------------------------- claims_responsibility


def own_victims(token: Token, reported: bool) -> FrameMatch | None:
    """"A gang calling itself Grey Marten listed Nordbahn among its victims", "added the
    hospital to its list of victims"."""
    if token.pos_ != "NOUN" or lemma_of(token) not in VICTIM_NOUNS:
        return None
    if token.dep_ == "pobj" and token.head.lower_ == "of" and lemma_of(token.head.head) in ("list", "tally", "roster", "number"):
        token = token.head.head
    if not any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_SELF for c in token.children):
        return None
    if token.dep_ != "pobj" or token.head.lower_ not in ("among", "as", "to", "on"):
        return None
    verb = token.head.head
    if verb.pos_ not in ("VERB", "AUX") or is_negated(verb):
        return None
    named = children_with(verb, "dobj") or [s for s in [subject_of(verb)] if s is not None and lemma_of(verb) == "be"]
    return FrameMatch("claims_responsibility", "own_victims", token, named[0] if named else None, True)


# --------------------------------------------------------------------------- denies


def labelled_allegation(token: Token, reported: bool) -> FrameMatch | None:
    """"called the allegations a fantasy", "branded the reports nonsense", "dismissed the claims as"."""
    if token.pos_ != "VERB" or lemma_of(token) not in LABELLING_VERBS or is_negated(token):
        return None
    objects = [o for o in children_with(token, "dobj", "nsubjpass") if lemma_of(o) in ALLEGATIONS]
    labelled = children_with(token, "oprd", "xcomp", "acomp", "attr", "ccomp") or [pobj_of(token, "as")]
    # a quoted label read as the head of the allegation, object or attribute: 'called [the accusations "hysteria"]'
    quoted = [h for h in [*labelled, *children_with(token, "dobj")] if h is not None and lemma_of(h) not in ALLEGATIONS
              and any(o.dep_ in ("nmod", "compound") and lemma_of(o) in ALLEGATIONS for o in h.children)]
    objects += quoted
    labelled += quoted
    if not objects:
        return None
    labelled += [a for o in objects for a in children_with(o, "appos")]  # the parser's "branded the reports, a smear"
    if lemma_of(token) not in ("dismiss", "deride", "ridicule", "laugh") and not any(labelled):
        return None  # "called the allegations serious" needs its label; a call with none is no denial
    return FrameMatch("denies", "labelled_allegation", token, None, True)


def allegation_is(token: Token, reported: bool) -> FrameMatch | None:
    """An allegation said to be something (a noun, not an adjective: "the claims were serious"
    judges no truth): "the allegations were an attempt to smear Selvia", "the report is a fiction"."""
    if token.pos_ != "NOUN" or lemma_of(token) not in LABELLED_SUBJECTS or token.dep_ != "nsubj" or lemma_of(token.head) != "be":
        return None
    if is_negated(token.head) or modals_of(token.head):
        return None  # "those claims could be grounds for a case" labels nothing
    labels = [a for a in children_with(token.head, "attr") if a.pos_ == "NOUN" and lemma_of(a) not in ALLEGATIONS]
    return FrameMatch("denies", "allegation_is", labels[0], None, True) if labels else None


def refused_object(token: Token) -> bool:
    """True for a denying verb whose object is a thing refused or failed, not an allegation:
    "transactions were rejected", "rejected the offer", "were denied access", "denied the passengers compensation"; and
    for "dismiss" (a denial only of what was said) whose object is someone or something else:
    "the employees would be dismissed"."""
    objects = children_with(token, "dobj", "nsubjpass", "dative")
    if lemma_of(token) == "dismiss" and pobj_of(token, "as") is None:
        # "dismissed the attribution as unfounded" denies whatever its object
        return any(lemma_of(o) not in ALLEGATIONS and (o.pos_ != "PRON" or o.lower_ in PERSON_PRONOUNS) for o in objects)
    # an allegation or anything denied as "any" is no thing refused: "rejected the police account", "denied any plan to ..."
    return any((lemma_of(o) in REFUSED_OBJECTS or lemma_of(o) in THINGS) and lemma_of(o) not in ALLEGATIONS
               and not any(d.lower_ == "any" for d in o.children) for o in objects) or len(objects) > 1


# (the type a rule mostly gives, for the docs; a rule may give another: involvement denies when negated)
ANCHORS = (
    ("accuses", harm_origin, ORIGIN_VERBS),
    ("accuses", harm_agent, HARM_VERBS | PERPETRATE_VERBS | TOOL_VERBS),
    ("accuses", harm_doer, HARM_VERBS | PERPETRATE_VERBS),
    ("threatens", punishment_ahead, PUNISHMENTS),
    ("threatens", intolerance, [v.split()[0] for v in _THREAT["intolerance"]["verbs"]]),
    ("threatens", escalation, _THREAT["escalation"]["verbs"]),
    ("threatens", ultimatum, _THREAT["ultimatum"]),
    ("threatens", or_face, ("face", "risk")),
    ("claims_responsibility", own_victims, VICTIM_NOUNS),
    ("denies", labelled_allegation, LABELLING_VERBS),
    ("accuses", authorship, AUTHORSHIP_NOUNS),
    ("accuses", linking, LINK_VERBS),
    ("accuses", evidence_points, EVIDENCE_VERBS),
    ("accuses", harm_by, HARM_NOUNS - AGENT_NOUNS),
    ("accuses", culprit_means, TOOL_VERBS | {"rent", "hire", "route"}),
    ("threatens", warned_penalty, ("face", "risk", "incur")),
    ("denies", own_harm_denied, HARM_VERBS),
    ("threatens", harm_answered, ANSWERING_VERBS),
    ("threatens", not_unpunished, UNPUNISHED),
    ("threatens", punishment_had, PUNITIVE_VERBS),
    ("threatens", measures_ready, MEASURES_READY["subjects"]),
    ("accuses", involvement, INVOLVEMENT_NOUNS),
    ("threatens", hostile_label, HOSTILE_LABELS["verbs"]),
    ("threatens", retaliation_ahead, RETALIATION_NOUNS),
    ("denies", allegation_is, LABELLED_SUBJECTS),
)
_RULES_BY_LEMMA: dict[str, tuple] = {}
for _, _rule, _words in ANCHORS:
    for _word in _words:
        _RULES_BY_LEMMA[_word] = (*_RULES_BY_LEMMA.get(_word, ()), _rule)
