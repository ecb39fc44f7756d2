"""Claim frames: the patterns that type a clause as a threat, accusation, claim of responsibility,
denial or measurement, whatever verb reports it.

The words live in the ``claim_frames`` section of ``attribution/lexicon.yml``; this module
holds one small rule per kind of pattern there (``hostile_object``, ``predicates``, ...).
:func:`match_frames` runs them over any tokens: a statement's content with its cue, or the
narrated clauses outside statements, so a sentence can hold several typed claims:
"Washington has accused Pyongyang of the hack, and the President has promised a
proportional response" is an accusation and a threat.

A match names its ``anchor`` (the word that made it) and its ``target``, the head of the
phrase the claim is about or aimed at: the accused ("China might have been involved"), the
threatened ("against the gang"), the thing measured ("the hospital's website").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from .attribution.lexicon import CLAIM_FRAMES, CUE_VERBS
from .claim_figures import changed_by_figure, decided_change, unobserved_figure
from .claim_syntax import (
    CLAUSE_DEPS, FrameMatch, children_with, heads_any, in_generic_clause, in_question, is_clause_verb, is_negated, is_unreal,
    modals_of, object_of, pobj_of, subject_of,
)
from .lemmas import lemma_of, mended_lemma


def _first_words_of(phrases: Iterable[str]) -> list[str]:
    return [phrase.split()[0] for phrase in phrases]


_THREAT = CLAIM_FRAMES["threatens"]
_ACCUSE = CLAIM_FRAMES["accuses"]
_CLAIM = CLAIM_FRAMES["claims_responsibility"]
_DENY = CLAIM_FRAMES["denies"]
_MEASURE = CLAIM_FRAMES["reports_measurement"]
HOSTILE_VERBS = frozenset(_THREAT["hostile_verbs"])
HARM_EVENTS = frozenset(CLAIM_FRAMES["classes"]["harm_nouns"])
HARM_VERBS_AND_WRONGS = frozenset(CLAIM_FRAMES["classes"]["harm_verbs"]) | frozenset(CLAIM_FRAMES["fields"]["wrong_verbs"])
# hostile verbs that punish rather than harm: "could be fined" threatens, "could be targeted" forecasts
PUNITIVE_VERBS = HOSTILE_VERBS - frozenset(CLAIM_FRAMES["classes"]["harm_verbs"]) - {"target", "strike", "crush", "hunt", "destroy"}
CULPRITS = frozenset(_ACCUSE["culprits"])
PARTY_NOUNS = frozenset(_ACCUSE["party_nouns"])
AGENT_OBJECT_VERBS = frozenset(_ACCUSE["agent_objects"])
SELF_PRONOUNS = frozenset(_ACCUSE["self_pronouns"])
THINGS = frozenset(_MEASURE["things"]) | frozenset(CLAIM_FRAMES["fields"]["measured_nouns"])
FRACTIONS = frozenset(CLAIM_FRAMES["fields"]["fractions"])
FAILURES = frozenset(CLAIM_FRAMES["classes"]["failure_nouns"])
COERCIVE_VERBS = frozenset(CLAIM_FRAMES["classes"]["coercive_verbs"])
PRICE_NOUNS = frozenset(CLAIM_FRAMES["classes"]["price_nouns"])
INSTRUCTION_VERBS = frozenset(CLAIM_FRAMES["classes"]["instruction_verbs"])
FIGURE_EXCEPTIONS = frozenset(_MEASURE["figure_exceptions"]) | frozenset(_first_words_of(_ACCUSE["hostile_acts"]))
FORECAST_ADVERBS = frozenset("probably likely possibly perhaps maybe".split())


def match_frames(tokens: Iterable[Token], reported: bool) -> list[FrameMatch]:
    """Every frame in ``tokens``, in text order; ``reported``: the tokens are someone's statement."""
    matches = []
    for token in tokens:
        rules = _RULES_BY_WORD.get(token.lower_, ()) + _RULES_BY_WORD.get(token.lemma_.lower(), ())
        if token.like_num:
            rules += (figures,)
        for rule in dict.fromkeys(rules):
            match = rule(token, reported)
            if match is not None and not in_generic_clause(match.anchor) and not in_question(match.anchor):
                matches.append(match)
    return matches


# --------------------------------------------------------------------------- predicates several frames ask


def is_duty(token: Token) -> bool:
    """True for "responsible for" a task, not a harm: "responsible for maintaining the breakwater"."""
    task = object_of(token, "for")
    return task is not None and task.tag_ == "VBG" and mended_lemma(task, HARM_VERBS_AND_WRONGS) not in HARM_VERBS_AND_WRONGS


def names_an_agent(token: Token, actor_tokens: set[int]) -> bool:
    """True when a verb's object names someone who can be accused: an actor, or a culprit
    ("blamed Kareshi hackers"); "blamed a failed transformer" names a cause, not an agent."""
    if lemma_of(token) not in AGENT_OBJECT_VERBS:
        return True
    for obj in children_with(token, "dobj"):
        if lemma_of(obj) in CULPRITS | PARTY_NOUNS or any(t.i in actor_tokens for t in obj.subtree):
            return True
    return not children_with(token, "dobj")


# --------------------------------------------------------------------------- threatens


def hostile_object(token: Token, reported: bool) -> FrameMatch | None:
    """"promised a proportional response", "pledged retaliatory strikes", "declared vengeance"."""
    frame = _THREAT["hostile_object"]
    if token.pos_ != "VERB" or lemma_of(token) not in frame["verbs"]:
        return None
    # "warned of serious consequences": a warning's object is its "of"/"about" phrase
    warned = [pobj_of(t, "of", "about", "at") for t in [token, *children_with(token, "dobj")]] if lemma_of(token) in ("warn", "threaten", "hint", "signal") else []
    for obj in children_with(token, "dobj") + [w for w in warned if w is not None]:
        words = {lemma_of(obj)} | {lemma_of(c) for c in obj.children if c.dep_ in ("amod", "compound")}
        if words & set(frame["bare_nouns"]) or (lemma_of(obj) in frame["nouns"] and words & set(frame["modifiers"])):
            return FrameMatch("threatens", "hostile_object", token, pobj_of(obj, "against") or pobj_of(token, "against"), True)
    return None


def ready_to(token: Token, reported: bool) -> FrameMatch | None:
    """"its army was ready to strike the White House"."""
    if token.pos_ != "ADJ" or lemma_of(token) not in _THREAT["ready_to"]["adjectives"]:
        return None
    for act in children_with(token, "xcomp"):
        against = pobj_of(act, "against")
        punitive = any(lemma_of(o) in _THREAT["hostile_object"]["bare_nouns"] for o in children_with(act, "dobj"))
        if lemma_of(act) in HOSTILE_VERBS or against is not None or punitive:  # "ready to impose further sanctions"
            objects = children_with(act, "dobj")
            return FrameMatch("threatens", "ready_to", token, against or (objects[0] if objects else None), True)
    return None


def future_act(token: Token, reported: bool) -> FrameMatch | None:
    """"would respond", "would fine the club", "would face fines" (a reckoning ahead, "they would pay", is
    :func:`claimgraph.extract.claim_threats.reckoning_ahead`)."""
    frame = _THREAT["future_act"]
    modals = {c.lower_ for c in token.children if c.dep_ == "aux"}
    hedged = modals & set(frame["hedged_modals"])
    # "the firm could be stripped of its licence": a punishment, passive, under any modal
    punished = hedged and mended_lemma(token, PUNITIVE_VERBS) in PUNITIVE_VERBS and any(c.dep_ == "auxpass" for c in token.children)
    if token.pos_ != "VERB" or not (modals & set(frame["modals"]) or (hedged and lemma_of(token) in frame["objects"]) or punished):
        return None
    if lemma_of(token) in frame["undeterred"]:
        # "would not hesitate to retaliate"
        acts = [act for act in children_with(token, "xcomp") if lemma_of(act) in HOSTILE_VERBS]
        if is_negated(token) and acts:
            return FrameMatch("threatens", "future_act", token, pobj_of(acts[0], "against", "at"), True)
        return None
    if is_negated(token) or any(c.lower_ in FORECAST_ADVERBS for c in token.children if c.dep_ == "advmod"):
        return None  # "the group would probably strike again" forecasts someone's act; a threat is not hedged
    lemma, objects = lemma_of(token), children_with(token, "dobj")
    if lemma in frame["complements"]:
        # "Moscow would be held accountable"
        if any(lemma_of(c) in frame["complements"][lemma] for c in token.children if c.dep_ in ("acomp", "oprd", "advmod", "xcomp")):
            return FrameMatch("threatens", "future_act", token, subject_of(token) or (objects[0] if objects else None), True)
        return None
    if lemma in frame["objects"]:
        hostile = any(lemma_of(o) in frame["objects"][lemma] for o in objects)
    else:
        hostile = lemma in HOSTILE_VERBS
    if not hostile:
        return None
    target = pobj_of(token, "against", "at") or (objects[0] if objects and lemma not in frame["objects"] else None)
    if lemma in frame["objects"]:
        target = subject_of(token)
    return FrameMatch("threatens", "future_act", token, target, True)


def next_target(token: Token, reported: bool) -> FrameMatch | None:
    """A posted "Estonia next": the named place or group is the next target; or "warned that
    hospitals would be next"."""
    warned = any(lemma_of(a) in ("warn", "threaten") for a in token.ancestors)  # "left a message warning X that they would be next"
    if not (reported or warned) or token.lower_ not in _THREAT["next_target"]:
        return None
    if token.head.pos_ == "PROPN" and token.dep_ != "amod":
        return FrameMatch("threatens", "next_target", token, token.head, True)
    if token.dep_ in ("advmod", "acomp", "attr") and lemma_of(token.head) == "be" and is_unreal(token.head):
        subject = subject_of(token)
        return FrameMatch("threatens", "next_target", token, subject, True) if subject is not None else None
    return None


# --------------------------------------------------------------------------- accuses


def predicates(token: Token, reported: bool) -> FrameMatch | None:
    """"X was responsible for", "X was behind", "X might have been involved", "linked to X".

    Said of oneself ("the group hinted it was behind") it claims responsibility; negated
    ("it was not involved") it denies.
    """
    lemma = lemma_of(token)
    whom = _ACCUSE["predicates"].get(lemma)
    if whom is None:
        return None
    if lemma == "behind" and not (token.dep_ == "prep" and lemma_of(token.head) == "be"):
        return None
    if lemma == "responsible" and (token.dep_ not in ("acomp", "attr", "oprd") or is_duty(token) or children_with(token.head, "dobj")):
        return None  # "held the firm responsible" accuses its object (claim_fields.culpability)
    if lemma == "involve" and not (token.tag_ == "VBN" or token.dep_ == "acomp"):
        return None
    subject = subject_of(token)
    if subject is None or subject.lower_ in ("who", "what", "which", "that"):
        return None
    if whom == "subject":
        target = subject
    else:
        if token.tag_ != "VBN" or (lemma_of(subject) not in CULPRITS and not reported):
            return None
        target = pobj_of(token, whom)
        if target is None:
            return None
    claim_type = "denies" if is_negated(token) else "accuses"
    if claim_type == "accuses" and reported and whom == "subject" and subject.lower_ in SELF_PRONOUNS:
        claim_type = "claims_responsibility"
    return FrameMatch(claim_type, "predicates", token, target)


def agent_verbs(token: Token, reported: bool) -> FrameMatch | None:
    """"the botnet was likely controlled by operators in Russia"."""
    if lemma_of(token) not in _ACCUSE["agent_verbs"] or token.tag_ != "VBN":
        return None
    subject, agent = subject_of(token), pobj_of(token, "by")
    if subject is None or agent is None or lemma_of(subject) not in CULPRITS:
        return None
    return FrameMatch("accuses", "agent_verbs", token, agent)


def service_verbs(token: Token, reported: bool) -> FrameMatch | None:
    """"the hackers worked for a Chinese military unit"."""
    preposition = _ACCUSE["service_verbs"].get(lemma_of(token))
    if preposition is None or token.pos_ != "VERB":
        return None
    subject, employer = subject_of(token), pobj_of(token, preposition)
    if subject is None or employer is None or lemma_of(subject) not in CULPRITS:
        return None
    return FrameMatch("accuses", "service_verbs", token, employer)


def signatures(token: Token, reported: bool) -> FrameMatch | None:
    """"the attack bore the hallmarks of LockFjord"."""
    frame = _ACCUSE["signatures"]
    if token.pos_ != "NOUN" or lemma_of(token) not in frame["nouns"] or token.dep_ != "dobj" or lemma_of(token.head) not in frame["verbs"]:
        return None
    culprit = pobj_of(token, "of")
    bearer = subject_of(token.head)
    if bearer is not None and lemma_of(bearer) not in HARM_EVENTS | CULPRITS | frozenset(_ACCUSE["artefacts"]):
        return None  # "voters began to show signs of greater enthusiasm": only a harm bears a culprit's marks
    return FrameMatch("accuses", "signatures", token, culprit) if culprit is not None else None


def attribution_verbs(token: Token, reported: bool) -> FrameMatch | None:
    """"officials attributed the attack to Russia's military intelligence"."""
    preposition = _ACCUSE["attribution_verbs"].get(lemma_of(token))
    if preposition is None or token.pos_ != "VERB":
        return None
    culprit = pobj_of(token, preposition) or next((pobj_of(b, preposition) for b in token.children if b.lower_ == "back"), None)
    return FrameMatch("accuses", "attribution_verbs", token, culprit, True) if culprit is not None else None


def likeness_nouns(token: Token, reported: bool) -> FrameMatch | None:
    """"researchers pointed to similarities with wiper malware used against Ukrainian targets"."""
    if token.pos_ != "NOUN" or token.lower_ not in _ACCUSE["likeness_nouns"] and lemma_of(token) not in _ACCUSE["likeness_nouns"]:
        return None
    other = pobj_of(token, "with", "to")
    return FrameMatch("accuses", "likeness_nouns", token, other) if other is not None else None


def hostile_acts(token: Token, reported: bool) -> FrameMatch | None:
    """In someone's statement, an actor doing a hostile act: "China might have cut the link";
    said of oneself ("it had taken the website down") a claim of responsibility."""
    if not reported or token.pos_ != "VERB" or token.dep_ not in CLAUSE_DEPS:
        return None
    if not heads_any(token, _ACCUSE["hostile_acts"]):
        return None
    subjects = children_with(token, "nsubj")
    if not subjects or lemma_of(subjects[0]) in THINGS or is_negated(token) or changed_by_figure(token):
        return None  # "cut its emissions by 9 percent" moves a quantity; it does no harm
    own = subjects[0].lower_ in SELF_PRONOUNS
    if is_unreal(token):
        # "it would cut off gas exports to any country that ...": one's own act ahead threatens;
        # someone else's is a forecast
        objects = children_with(token, "dobj")
        return FrameMatch("threatens", "hostile_acts", token, pobj_of(token, "to", "against") or (objects[0] if objects else None), True) if own else None
    return FrameMatch("claims_responsibility" if own else "accuses", "hostile_acts", token, subjects[0])


# --------------------------------------------------------------------------- claims_responsibility


def claimed_acts(token: Token, reported: bool) -> FrameMatch | None:
    """"RedFang claimed the attack", "a faction claimed the bombing" (any harm)."""
    frame = _CLAIM["claimed_acts"]
    if token.pos_ != "VERB" or lemma_of(token) not in frame["verbs"]:
        return None
    for obj in children_with(token, "dobj"):
        if lemma_of(obj) in frame["nouns"] or lemma_of(obj) in HARM_EVENTS:
            return FrameMatch("claims_responsibility", "claimed_acts", token, pobj_of(obj, "on", "against"), True)
    return None


def leak_posts(token: Token, reported: bool) -> FrameMatch | None:
    """A ransomware group naming its victim on its leak site: "posted the operator's name on its extortion website"."""
    frame = _CLAIM["leak_posts"]
    if token.pos_ != "VERB" or lemma_of(token) not in frame["verbs"]:
        return None
    site = pobj_of(token, "on", "to")
    if site is None or not any(lemma_of(w) in frame["sites"] for w in site.subtree):
        return None
    objects = children_with(token, "dobj")
    return FrameMatch("claims_responsibility", "leak_posts", token, objects[0] if objects else None, True)


def taunts(token: Token, reported: bool) -> FrameMatch | None:
    """A posted "Nordvik off button": the group shows off what it did."""
    if not reported:
        return None
    doc = token.doc
    for taunt in _CLAIM["taunts"]:
        words = taunt.split()
        if token.lower_ == words[0] and [t.lower_ for t in doc[token.i:token.i + len(words)]] == words:
            return FrameMatch("claims_responsibility", "taunts", token, None, True)
    return None


# --------------------------------------------------------------------------- denies


def denial_words(token: Token, reported: bool) -> FrameMatch | None:
    """"called the allegations groundless", "These are lies"."""
    if token.pos_ not in ("ADJ", "NOUN") or (lemma_of(token) not in _DENY["denial_words"] and token.lower_ not in _DENY["denial_words"]):
        return None
    if token.dep_ in ("amod", "compound") and lemma_of(token.head) not in _DENY["denied_nouns"]:
        return None
    if not reported and token.pos_ == "ADJ" and lemma_of(subject_of(token) or token) not in _DENY["denied_nouns"]:
        return None  # narrated "a majority of statements were rated false" judges no one's allegation
    return FrameMatch("denies", "denial_words", token, None, True)


def no_evidence(token: Token, reported: bool) -> FrameMatch | None:
    """"there was no sign of sabotage"."""
    if token.pos_ != "NOUN" or lemma_of(token) not in _DENY["no_evidence"]:
        return None
    if lemma_of(token.head) not in _DENY["no_evidence_verbs"]:
        return None
    if not any(c.lower_ == "no" for c in token.children) and not is_negated(token.head):
        return None
    return FrameMatch("denies", "no_evidence", token, pobj_of(token, "of"), True)


def nothing_to_do(token: Token, reported: bool) -> FrameMatch | None:
    """"it had nothing to do with a second outage"."""
    if token.lower_ not in _DENY["nothing_to_do"]:
        return None
    for verb in token.children:
        if lemma_of(verb) == "do" and pobj_of(verb, "with") is not None:
            return FrameMatch("denies", "nothing_to_do", token, pobj_of(verb, "with"), True)
    return None


# --------------------------------------------------------------------------- reports_measurement


def states(token: Token, reported: bool) -> FrameMatch | None:
    """"went dark", "was totally offline", "stayed down", "back online"."""
    lower = token.lower_
    head = token.head
    if lower in _MEASURE["states"]:
        pass
    elif lower in _MEASURE["restored_states"]:
        if not any(t.lower_ == "back" for t in (*token.children, *head.children)):
            return None
    else:
        return None
    if token.dep_ not in ("acomp", "advmod", "prt", "oprd", "attr", "dobj"):
        return None
    if lemma_of(head) in _MEASURE["causative_state_verbs"]:
        causer = subject_of(head)
        if causer is None or lemma_of(causer) not in HARM_EVENTS | THINGS | FAILURES:
            return None
    elif lemma_of(head) not in _MEASURE["state_verbs"] or token.dep_ == "dobj":
        return None
    if is_unreal(head):
        return None
    return FrameMatch("reports_measurement", "states", token, subject_of(token))


def change_verbs(token: Token, reported: bool) -> FrameMatch | None:
    """"routes disappeared", "power was restored", "traffic fell by 90 percent", "returned to normal";
    not a change that only may come ("these numbers could double")."""
    if not (is_clause_verb(token) or token.lower_ == "back") or is_unreal(token) or modals_of(token) & {"could", "may", "might"}:
        return None
    if not heads_any(token, _MEASURE["change_verbs"]) or decided_change(token):
        return None  # "the bank raised its rate by a quarter point" sets a figure
    subject = subject_of(token)
    # an active verb with an object ("China cut the link") is an act, not an observation
    observed = subject is not None and (subject.dep_ == "nsubjpass" or not children_with(token, "dobj"))
    measured = [subject] if observed else []
    if lemma_of(token) in _MEASURE["object_verbs"]:
        measured += children_with(token, "dobj")
    if any(lemma_of(t) in THINGS for t in measured) or (measured and any(t.like_num or t.lower_ in FRACTIONS for t in token.subtree)):
        return FrameMatch("reports_measurement", "change_verbs", token, subject)
    return None


def service_changes(token: Token, reported: bool) -> FrameMatch | None:
    """A service stopping or starting, whatever its subject: "ground to a halt", "were working again"
    (the tagger may read "ground" as the noun heading the sentence)."""
    if not (is_clause_verb(token) or token.dep_ == "ROOT") or is_unreal(token):
        return None
    if not heads_any(token, _MEASURE["service_changes"]):
        return None
    return FrameMatch("reports_measurement", "service_changes", token, subject_of(token))


def figures(token: Token, reported: bool) -> FrameMatch | None:
    """A counted figure: "340 flights were cancelled", "85,000 complaints", "12 million requests"."""
    if not token.like_num or token.dep_ not in ("nummod", "compound") or token.head.pos_ != "NOUN":
        return None
    if token.ent_type_ in ("DATE", "TIME", "ORDINAL") or (len(token.text) == 4 and token.text[:2] in ("19", "20")):
        return None
    noun = token.head
    while noun.dep_ in ("compound", "nummod", "quantmod"):
        noun = noun.head
    if not_a_measurement(noun):
        return None
    if noun.dep_ == "nsubj" and lemma_of(noun.head) in CUE_VERBS:
        return None  # "Two senior officials said ...": a count of speakers measures nothing
    if noun.dep_ == "dobj" and (lemma_of(noun.head) in FIGURE_EXCEPTIONS or mended_lemma(noun.head, HOSTILE_VERBS) in HOSTILE_VERBS):
        # "demanded 40 bitcoin", "the gang has hit three other ports": a demand or a tally of attacks;
        # but what a harm did is measured: "the attack knocked 300,000 customers offline"
        doer = subject_of(noun.head)
        if doer is None or lemma_of(doer) not in HARM_EVENTS:
            return None
    return FrameMatch("reports_measurement", "figures", token, subject_of(noun.head) if noun.dep_ == "dobj" else noun)


def not_a_measurement(noun: Token) -> bool:
    """True for a counted noun that measures no system's state: the tally of a coercive act ("the
    coastguard detained four trawlers"), a standing price ("ports charge a fee of 4 percent"), a figure
    in an instruction ("told residents to boil water for a minute"), or a decided or planned one (claim_figures)."""
    head = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if head is not None and lemma_of(head) in PRICE_NOUNS:
        verb = head.head if head.dep_ in ("dobj", "attr") else None
        if verb is not None and verb.tag_ in ("VBZ", "VBP"):
            return True
    if noun.dep_ == "dobj" and mended_lemma(noun.head, COERCIVE_VERBS) in COERCIVE_VERBS and not any(c.dep_ == "auxpass" for c in noun.head.children):
        doer = subject_of(noun.head)
        return doer is not None and lemma_of(doer) not in HARM_EVENTS
    # "responsible for supplying water to 2 million people" is a duty; its figures measure nothing
    return unobserved_figure(noun) or any(a.dep_ == "xcomp" and lemma_of(a.head) in INSTRUCTION_VERBS
                                       or lemma_of(a) == "responsible" and is_duty(a) for a in noun.ancestors)


# Each rule, with the words (lowercase or lemma) it can anchor on; ``figures`` runs on numbers.
# Looking rules up by word keeps the frames from costing a pass of every rule over every token.
_ANCHOR_WORDS = (
    (hostile_object, _THREAT["hostile_object"]["verbs"]),
    (ready_to, _THREAT["ready_to"]["adjectives"]),
    (future_act, [*HOSTILE_VERBS, *_THREAT["future_act"]["objects"], *_THREAT["future_act"]["undeterred"], *_THREAT["future_act"]["complements"]]),
    (next_target, _THREAT["next_target"]),
    (predicates, _ACCUSE["predicates"]),
    (agent_verbs, _ACCUSE["agent_verbs"]),
    (service_verbs, _ACCUSE["service_verbs"]),
    (hostile_acts, _first_words_of(_ACCUSE["hostile_acts"])),
    (signatures, _ACCUSE["signatures"]["nouns"]),
    (attribution_verbs, _ACCUSE["attribution_verbs"]),
    (likeness_nouns, _ACCUSE["likeness_nouns"]),
    (claimed_acts, _CLAIM["claimed_acts"]["verbs"]),
    (taunts, _first_words_of(_CLAIM["taunts"])),
    (leak_posts, _CLAIM["leak_posts"]["verbs"]),
    (denial_words, _DENY["denial_words"]),
    (no_evidence, _DENY["no_evidence"]),
    (nothing_to_do, _DENY["nothing_to_do"]),
    (states, [*_MEASURE["states"], *_MEASURE["restored_states"]]),
    (change_verbs, [*_first_words_of(_MEASURE["change_verbs"]), "back"]),
    (service_changes, _first_words_of(_MEASURE["service_changes"])),
)
_RULES_BY_WORD: dict[str, tuple] = {}
for _rule, _words in _ANCHOR_WORDS:
    for _word in _words:
        _RULES_BY_WORD[_word] = (*_RULES_BY_WORD.get(_word, ()), _rule)
