"""What is not an actor, or not all of one: junk entities, headline and credit lines, dates glued to names,
and names garbled by a wrong text encoding.

The actors component (:mod:`claimgraph.extract.actors`) asks these questions of every NER
entity before it becomes a mention.
"""

from __future__ import annotations

import re

import ftfy
from spacy.tokens import Doc, Span

from .doc_views import doc_text

TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december today yesterday tomorrow tonight day days week weeks month "
    "months year years hour hours minute minutes morning afternoon evening night noon midnight weekend".split()
)
# all-caps abbreviations of common nouns that NER likes to call organisations
COMMON_ACRONYMS = frozenset(
    "ip ddos dos dns url http https www tv pc gdp ai vpn gps usb sms pdf faq hiv aids dna atm id pin api cpu "
    "isp lan wifi ok am pm bgp asn ipv4 ipv6 cctv suv ufo ceo cfo coo cto ipo llc inc ltd er icu "
    "utc gmt est edt cst cdt pst pdt cet".split()
)
# Words that a news agency's dateline glues to a name NER tags ("Xinhua Monday", "AP Tuesday").
GLUED_TIME_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday tonight".split())
# Endings of plural nouns for peoples and groups that NER tags as one person ("Latinos", "Hispanics").
PEOPLE_PLURAL = re.compile(r"(?:inos|inas|anos|icans|ians|ics|ims|ese)$")
NAME_PARTICLES = frozenset("de da di del der den van von la le du bin bint al el ibn dos das y".split())
NAME_CONNECTORS = frozenset("of for and the on in at to".split())
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


def trailing_time_words(doc: Doc, start: int, end: int) -> int:
    """``end`` moved back over the day words glued to a name ("Xinhua Monday": Xinhua)."""
    while end - start > 1 and doc[end - 1].lower_ in GLUED_TIME_WORDS:
        end -= 1
    return end


def is_junk(doc: Doc, start: int, end: int, label: str) -> bool:
    """True for entities that are not actors: day names, verbs, acronyms of common nouns, lower case,
    names with common words in them ("Patriot 13 percent"), people with numbers, and peoples
    tagged as one person ("Latinos")."""
    tokens = doc[start:end]
    if label == "PERSON" and len(tokens) == 1 and (tokens[0].tag_ == "NNPS" or PEOPLE_PLURAL.search(tokens[0].text)):
        return True
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


def garbled_start(doc: Doc, start: int) -> int:
    """``start`` moved back over the garbled first names NER leaves out of a person ("FranÃ§ois Martel")."""
    while start > 0 and _garbled_name(doc[start - 1].text):
        start -= 1
    return start


def _garbled_name(word: str) -> bool:
    if word.isascii() or not word[:1].isupper():
        return False
    repaired = ftfy.fix_text(word)
    return repaired != word and repaired.isalpha() and repaired[:1].isupper()


def display_name(tokens: Span) -> str:
    """The name as written, on one line, with text decoded in the wrong encoding repaired ("FranÃ§ois")."""
    name = re.sub(r"\s+", " ", tokens.text).strip()
    return name if name.isascii() else ftfy.fix_text(name)


# ---------------------------------------------------------------------- helpers over text


def body_end_of(text: str) -> int:
    """Where the article ends and a 'Featured stories' / 'Read more' tail begins."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if offset and TAIL_LINE.fullmatch(line.strip()):
            return offset
        offset += len(line)
    return len(text)


def noisy_ranges(text: str) -> list[tuple[int, int]]:
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


def inside(span: Span, ranges) -> bool:
    return any(start <= span.start_char and span.end_char <= end for start, end in ranges)


def credit_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Sentences that credit photos or footage ("images from Getty Images"): their names are not actors."""
    text = doc_text(doc)
    return [(sentence.start_char, sentence.end_char) for sentence in doc.sents
            if CREDIT.search(text[sentence.start_char:sentence.end_char])]
