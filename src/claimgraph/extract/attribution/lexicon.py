"""The attribution lexicon (``lexicon.yml``) as the word sets the rules look words up in.

The file is the one place for cue words: each verb, noun and adjective with the frames it
reports in and the claim type it makes. This module reads it once, at import, checks it,
and exposes one set per frame (``CUE_VERBS`` = verbs with the ``clause`` frame, ...), the
claim maps (``CUE_TYPES``, ``TRIGGERS``), the claim frames (``CLAIM_FRAMES``), the hedges
and the described-people nouns.
"""

from __future__ import annotations

from dataclasses import dataclass

from importlib import resources

import yaml
from spacy.symbols import PROPN

from ...vocabulary import vocabulary

LEXICON = "lexicon.yml"
VERB_FRAMES = frozenset({"clause", "quote", "object", "preposition", "topic", "infinitive", "as", "as_it", "finding",
                         "evidence", "raising", "passive_raising", "passive_judgement", "message"})
NOUN_FRAMES = frozenset({"that", "intention", "topic", "evidence", "finding", "stance"})
ADJECTIVE_FRAMES = frozenset({"attitude", "evident"})
FIELDS = frozenset({"frames", "prepositions", "judged_for", "claim", "claim_as", "forms", "party_object", "intransitive",
                    "particle"})


def _read() -> dict:
    raw = yaml.safe_load(resources.files(__package__).joinpath(LEXICON).read_text("utf-8"))
    claim_types = set(vocabulary().claim_types)
    for section, frames in (("verbs", VERB_FRAMES), ("nouns", NOUN_FRAMES), ("adjectives", ADJECTIVE_FRAMES)):
        for word, entry in raw[section].items():
            where = f"{LEXICON}: {section}.{word}"
            if set(entry) - FIELDS or set(entry.get("frames", ())) - frames:
                raise ValueError(f"{where}: unknown field or frame in {entry}")
            if "claim" in entry and entry["claim"] not in claim_types:
                raise ValueError(f"{where}: claim type {entry['claim']!r} is not in vocabulary.yml")
            if not all(isinstance(word, str) for word in (*entry.get("prepositions", ()), *entry.get("judged_for", ()))):
                raise ValueError(f"{where}: prepositions must be strings (quote \"on\", which YAML reads as true)")
            if entry.get("claim_as", "cue") not in ("cue", "trigger"):
                raise ValueError(f"{where}: claim_as must be cue or trigger")
            if not all(isinstance(form, str) and form == form.lower() for form in entry.get("forms", ())):
                raise ValueError(f"{where}: forms must be lower-case strings")
    for section in ("messages", "receiving"):
        if not all(isinstance(word, str) and word == word.lower() for word in raw[section]):
            raise ValueError(f"{LEXICON}: {section} must be lower-case words")
    # classes and fields: word classes and semantic fields the frames share
    unknown = set(raw["claim_frames"]) - claim_types - {"classes", "fields"}
    if unknown:
        raise ValueError(f"{LEXICON}: claim_frames: unknown claim types {sorted(unknown)}")
    if not_words := sorted(str(w) for w in _leaves(raw["claim_frames"]) if not isinstance(w, str)):
        raise ValueError(f"{LEXICON}: claim_frames: words must be strings, not {not_words} (quote false, true, on, no)")
    return raw


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    elif value is not None:
        yield value


_LEXICON = _read()


def _with_frame(section: str, frame: str) -> frozenset[str]:
    return frozenset(word for word, entry in _LEXICON[section].items() if frame in entry.get("frames", ()))


def _claims(use: str) -> dict[str, str]:
    """Word -> claim type for the words that make one as ``use`` (cue or trigger)."""
    return {
        word: entry["claim"]
        for section in ("verbs", "nouns")
        for word, entry in _LEXICON[section].items()
        if "claim" in entry and entry.get("claim_as", use) == use
    }


# Verbs whose clause complement is what someone said, wrote, thought or found.
CUE_VERBS = _with_frame("verbs", "clause")
# Verbs that introduce a quotation-mark quote but rarely a clause ("Yes," she laughed).
QUOTE_ONLY_VERBS = _with_frame("verbs", "quote")
OBJECT_CUES = _with_frame("verbs", "object")
# Object cues with another sense for things ("grilled the minister" / "grilled burgers"): a person or group object only.
PARTY_OBJECT_CUES = frozenset(word for word, entry in _LEXICON["verbs"].items() if entry.get("party_object"))
PREPOSITION_CUES = {word: frozenset(entry["prepositions"]) for word, entry in _LEXICON["verbs"].items()
                    if "preposition" in entry.get("frames", ())}
# Preposition cues with another sense when they take an object ("referred the case to a court").
INTRANSITIVE_CUES = frozenset(word for word, entry in _LEXICON["verbs"].items() if entry.get("intransitive"))
# Verbs that cue only with a particle: "hit back that ...", "shot back that ..." (not "hit the coast").
PARTICLE_CUES = {word: entry["particle"] for word, entry in _LEXICON["verbs"].items() if entry.get("particle")}
# Any verb of the ``topic`` frame takes its topic after these prepositions.
GENERIC_PREPOSITIONS = frozenset("about of on for against over".split())
PREPOSITION_VERBS = _with_frame("verbs", "topic")
XCOMP_CUES = _with_frame("verbs", "infinitive")
AS_CUES = _with_frame("verbs", "as")
FINDING_VERBS = _with_frame("verbs", "finding")
EVIDENCE_VERBS = _with_frame("verbs", "evidence")
RAISING_VERBS = _with_frame("verbs", "raising")
# Verbs that report through what they issue: "issued a statement", "sent a letter"; the nouns they issue.
MESSAGE_VERBS = _with_frame("verbs", "message")
MESSAGE_NOUNS = frozenset(_LEXICON["messages"])
# Verbs whose subject is the target of the noun they take: "faced questions about ...".
RECEIVING_VERBS = frozenset(_LEXICON["receiving"])
# Verbs that frame the clause they are set in: "as Mr. Ruiz put it, ..."
AS_IT_VERBS = _with_frame("verbs", "as_it")
PASSIVE_RAISING_VERBS = _with_frame("verbs", "passive_raising")
PASSIVE_JUDGEMENT_VERBS = {word: frozenset(entry["judged_for"]) for word, entry in _LEXICON["verbs"].items()
                           if "passive_judgement" in entry.get("frames", ())}
NOUN_CUES = _with_frame("nouns", "that")
INTENTION_NOUNS = _with_frame("nouns", "intention")
PREPOSITION_NOUNS = _with_frame("nouns", "topic")
# a topic noun listing `prepositions` takes its topic after those only ("debate" names an opponent after "against")
NOUN_TOPIC_PREPOSITIONS = {word: frozenset(entry["prepositions"]) for word, entry in _LEXICON["nouns"].items()
                           if word in PREPOSITION_NOUNS and "prepositions" in entry}
EVIDENCE_NOUNS = _with_frame("nouns", "evidence")
FINDING_NOUNS = _with_frame("nouns", "finding")
STANCE_NOUNS = _with_frame("nouns", "stance")
ATTITUDE_ADJECTIVES = _with_frame("adjectives", "attitude")
EVIDENT_ADJECTIVES = _with_frame("adjectives", "evident")
# Verbs that report in some frame other than a clause.
OTHER_CUES = (
    OBJECT_CUES | frozenset(PREPOSITION_CUES) | PREPOSITION_VERBS | XCOMP_CUES | EVIDENCE_VERBS | FINDING_VERBS
    | RAISING_VERBS | PASSIVE_RAISING_VERBS | frozenset(PASSIVE_JUDGEMENT_VERBS) | AS_CUES | MESSAGE_VERBS | AS_IT_VERBS
)
# Every verb that reports in some frame.
VERB_CUES = CUE_VERBS | OTHER_CUES

# The verbs with a frame of their own (not only a claim type).
_SPOKEN_VERBS = frozenset(word for word, entry in _LEXICON["verbs"].items() if entry.get("frames"))

# Word forms the tagger's lemmatizer gets wrong ("hoped" -> "hop") -> the lexicon word they inflect.
FORM_LEMMAS = {form: word for section in ("verbs", "nouns") for word, entry in _LEXICON[section].items()
               for form in entry.get("forms", ())}


def lexicon_lemma(token) -> str:
    """The token's lemma as the lexicon spells it: the tagger's lemma, or the word a listed form inflects.

    A headline's verb tagged as a name keeps its form as lemma ("Quarn Accuses Pellan"): its -s
    form's verb, when the lexicon has one (the attribution rules read it as a cue only where a
    verb fits, see :mod:`.misread_verbs`)."""
    lower = token.lower_
    lemma = FORM_LEMMAS.get(lower) or token.lemma_.lower()
    if lemma == lower and token.pos == PROPN:
        return s_form_verb(lower) or lemma
    return lemma


def s_form_verb(lower: str) -> str | None:
    """The lexicon verb whose third-person -s form ``lower`` is ("votes", "rules", "vows"), or None."""
    if len(lower) < 4 or not lower.endswith("s") or lower.endswith("ss"):
        return None
    candidates = (lower[:-1], lower[:-2], lower[:-3] + "y") if lower.endswith("es") else (lower[:-1],)
    return next((c for c in candidates if c in _SPOKEN_VERBS), None)


# Lemma -> claim type of a statement whose cue it is ("denied" -> denies).
CUE_TYPES = _claims("cue")
# Lemma -> claim type, for verbs and nouns that name the act ("blamed", "the culprit").
TRIGGERS = _claims("trigger")

# Heads of described people: "a security researcher", "the spokeswoman", "officials".
PERSON_NOUNS = frozenset(_LEXICON["people"])
# The forms of those that make an unnamed actor of their own: "U.S. officials".
UNNAMED_NOUNS = frozenset(form for forms in _LEXICON["people"].values() for form in forms)
# A party's institutions, named by the party: "China's foreign ministry"; some are the party itself.
PARTY_ITSELF_NOUNS = frozenset(_LEXICON["institutions"]["as_party"])
INSTITUTION_NOUNS = PARTY_ITSELF_NOUNS | frozenset(_LEXICON["institutions"]["of_party"])
# Those that speak for a person too: "the Trump campaign", "a spokeswoman for Hillary Clinton".
SPEAKS_FOR_PERSON = frozenset(_LEXICON["institutions"]["of_person"])

# Claim type -> pattern kind -> its words (see the ``claim_frames`` section of lexicon.yml).
CLAIM_FRAMES: dict[str, dict] = _LEXICON["claim_frames"]
# Word or lemma -> certainty factor of a claim holding it; several multiply.
HEDGES: dict[str, float] = _LEXICON["hedges"]["words"]
# Cue lemma -> certainty factor of what the cue reports ("speculated that ...").
CUE_HEDGES: dict[str, float] = _LEXICON["hedges"]["cues"]


@dataclass(frozen=True)
class AttributionSettings:
    """The ``claimgraph_quotes`` component's configuration, as the rule modules read it."""

    min_quote_words: int = 3
    cue_verbs: frozenset[str] = CUE_VERBS
    continue_speaker: bool = True
