"""Reading one byline: who it names, in which role, with which credentials, and whether each is a name at all.

'By Ann Lee and Bo Chen, MD | Medically reviewed by Ko Ilsen' is two authors (Bo Chen with
the credential MD) and one reviewer. A name must be written like one: not site chrome
('Region', 'View more posts'), a placeholder ('Jane Doe'), a date, a handle or a sentence.
Where bylines are found on a page and which one wins is :mod:`.bylines`.
"""

from __future__ import annotations

import html as html_entities
import re
import unicodedata
from dataclasses import dataclass, field


@dataclass
class Byline:
    """One named author (or reviewer, or editor) of a page and where the name was found."""

    name: str
    role: str = "author"  # author, reviewer or editor
    credentials: str | None = None  # post-nominals and job titles: "MD", "Staff Writer"
    kind: str = "person"  # person or organisation
    source: str = "meta"
    score: float = 0.0
    sources: list[str] = field(default_factory=list)  # every source that named them


# ----------------------------------------------------------------------------- one name


# Post-nominal letters and suffixes that follow a name without a comma ("Sarah Knowles MW").
_CREDENTIALS = frozenset(
    """md do phd ph.d ph.d. dphil mbbs mrcp frcp rn np pa pa-c rd rdn ld ldn cdn cde cdces ms msc ma mba mph mpa mw dvm dds
    dmd cpa cfp cfa cfe cma ea jd llm esq esq. lcsw lmft lpc psyd facp facs fand faap cpt cscs nasm ace acsm ibclc cnm crna
    pt dpt ot otr cssd cns chc bsc ba bs med edd rph pharmd mfa cepf cpe cissp cisa cism pmp shrm-cp shrm-scp aprn fnp
    fnp-bc ryt e-ryt dc lac lmt cht""".split()
)
_TITLE_LEADERS = frozenset(
    "senior junior staff contributing chief managing lead head associate executive deputy assistant project content "
    "marketing principal general registered licensed certified board-certified freelance special guest".split()
)
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Words that make a phrase a job title, not a name ("Tracy Parker, Dietitian").
_ROLE_WORDS = re.compile(
    r"\b(?:writers?|editors?|editorial|correspondents?|reporters?|contributors?|columnist|journalist|producer|expert|specialist|"
    r"director|manager|dietitian|nutritionist|attorney|lawyer|analyst|founder|co-founder|ceo|cto|cfo|coo|president|officer|"
    r"consultant|coach|trainer|instructor|professor|physician|nurse|therapist|pharmacist|scientist|researcher|strategist|"
    r"marketer|designer|engineer|developer|head|chief|owner|partner|associate|intern|fellow|advisor|adviser|planner|"
    r"photographer|critic|host|anchor|blogger|educator|teacher|counselor|counsellor|clinician|practitioner|surgeon|"
    r"psychologist|psychiatrist|economist|historian|lecturer|student|chef|sommelier|agent|broker|realtor|accountant|"
    r"at|of)\b",
    re.IGNORECASE,
)
# Words that make a name an organisation ("Everfit Team", "TOI Lifestyle Desk").
_ORGANISATION_WORDS = re.compile(
    r"\b(?:team|staff|desk|editors|editorial|newsroom|inc|llc|ltd|plc|gmbh|corp|corporation|company|co|group|university|"
    r"college|institute|school|association|society|foundation|agency|media|news|press|magazine|journal|online|center|"
    r"centre|department|office|council|committee|network|studio|studios|labs|official|blog|academy|clinic|hospital)\b\.?",
    re.IGNORECASE,
)
# Site chrome and CMS placeholders that land where a name belongs.
_UI_WORDS = frozenset(
    """region type category categories tag tags view more posts post read click here login log sign menu search share
    subscribe comment comments reply replies filter sort home next previous prev page follow contact size written posted
    published updated by author authors profile bio undefined null none unknown anonymous admin administrator user guest
    webmaster editor avatar image photo photos video videos loading untitled default test language select toggle close
    open all see show hide print email facebook twitter linkedin instagram whatsapp pinterest reddit copy link links
    member members account cart shop buy newsletter download advertisement sponsored privacy policy terms cookie cookies
    skip content main navigation min minute minutes read time date""".split()
)
_PLACEHOLDERS = frozenset(
    {"jane doe", "john doe", "jane roe", "john roe", "your name", "author name", "first last", "firstname lastname",
     "first name last name", "lorem ipsum", "name surname", "full name", "test user", "sample author"}
)
_FUNCTION_WORDS = frozenset(
    "a an is are was were be been it its this that these those our your you we us my me get in to from with about how what "
    "why when where who which here there now more most all one can will not no yes".split()
)
_NAME_PARTICLES = frozenset({"de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "bin", "al", "el", "y", "e", "dos", "das", "ter", "ten", "st"})


_DATE_LIKE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{1,4}\b|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(?:19|20)\d\d\b|\b\d+ (?:min|mins|minutes?|hours?|days?|weeks?|months?|years?)\b"
)


def name_key(name: str) -> str:
    """Lower-case letters and digits of a name, accents removed: the form names are compared in."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.findall(r"[a-z0-9]+", folded.lower()))


def clean_byline(text: str) -> str:
    text = html_entities.unescape(text).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip(" \t\n,;:|·•-–—")


def _is_credential(part: str) -> bool:
    """'MD', 'Ph.D.', 'E-RYT 200', 'CEPF®': letters after a name, not a name."""
    words = part.replace("®", "").replace("™", "").split()
    if not words or len(words) > 3:
        return False
    for word in words:
        bare = word.strip(".,()")
        if bare.lower() in _CREDENTIALS or bare.lower().rstrip(".") in _CREDENTIALS:
            continue
        if bare.isdigit() and len(words) > 1:
            continue
        letters = re.sub(r"[.\-/&]", "", bare)
        if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
            return False
    return True


def is_handle(name: str) -> bool:
    """A login name or slug rather than a written name: 'andrew.keaveney', 'mdelatorreq6vkpg2'."""
    if " " in name:
        return False
    return bool(re.search(r"[._\d]", name) or ("-" in name and name == name.lower()))


def split_name(text: str, *, structured: bool = False) -> tuple[str, str | None] | None:
    """``(name, credentials)`` from 'Angela Holliday-Bell, MD' or 'Sarah Knowles MW'; None when it is not a name."""
    text = clean_byline(text)
    credentials: list[str] = []
    words = text.split()
    # Trailing post-nominals written without a comma.
    while len(words) > 2 and words[-1].strip(".,").lower() in _CREDENTIALS and words[-1][:1].isupper():
        credentials.insert(0, words.pop())
    for index in range(2, len(words)):
        # 'Charlotte Lund Senior Project Manager': a job title written straight after the name.
        if _ORGANISATION_WORDS.search(" ".join(words[index:])):
            break  # 'Flatworld Solutions Editorial Team' is an organisation's name, not a name and a title
        if words[index].lower() in _TITLE_LEADERS or (_ROLE_WORDS.search(words[index]) and words[index].lower() not in ("at", "of")):
            credentials.insert(0, " ".join(words[index:]))
            words = words[:index]
            break
    name = " ".join(words)
    if not is_name(name, structured=structured):
        return None
    return name, ", ".join(credentials) or None


def is_name(name: str, *, structured: bool = False) -> bool:
    """Whether ``name`` can be a person's or organisation's name (not chrome, a placeholder or a sentence).

    ``structured`` names come from metadata, where login names ('aawoods') are what a site
    shows; names read from the text must be written like names.
    """
    if not name or len(name) > 70 or "http" in name or "@" in name or "www." in name:
        return False
    if not re.search(r"[^\W\d_]", name) or re.search(r"[<>{}\[\]=|#/:]", name):
        return False  # 'Region: Europe' is a label and a value, 'Ann Lee / Getty Images' a picture credit
    key = name_key(name)
    if not key or key in _PLACEHOLDERS or _DATE_LIKE.search(key):
        return False
    words = key.split()
    if all(word in _UI_WORDS for word in words):
        return False
    if is_handle(name):
        return structured and len(name) <= 20 and not re.search(r"\d{3}|[a-z]\d[a-z]", name.lower())
    if len(words) > 8 or name.endswith((".", "?", "!")) and not re.search(r"\b[A-Z]\.$|\b(?:Jr|Sr|Inc|Ltd|Co)\.$", name):
        return False
    written = name.split()
    if not structured:
        # A name read from the text is capitalised word by word (particles and initials aside) and has no UI words.
        if any(word.lower().strip(".,") in _UI_WORDS for word in written) and not _ORGANISATION_WORDS.search(name):
            return False
        if any(word.lower() in _FUNCTION_WORDS for word in written):
            return False  # 'GET IN TOUCH WITH OUR EXPERTS' is capitalised but a sentence
        lower = [
            w for w in written
            if w[:1].islower() and w.lower() not in _NAME_PARTICLES and w not in ("&", "and", "of", "for", "the")
            and not re.match(r"[a-z]{1,3}['’][A-Z]", w)  # d'Alembert
        ]
        if lower or len(written) > 6:
            return False
    return True


def is_organisation(name: str, site_names: set[str]) -> bool:
    return bool(_ORGANISATION_WORDS.search(name)) or name_key(name) in site_names or name_key(name).replace(" ", "") in site_names


# ----------------------------------------------------------------------------- one byline


ROLE_MARKERS = re.compile(
    r"(?P<marker>\b(?:(?:medically|clinically|expert|professionally|legally)\s+)?(?:reviewed|fact[- ]?checked|verified|approved)"
    r"\s+by\b|\bedited\s+by\b|\b(?:written|authored|posted|published|reported|words|story|text|reporting|compiled|analysis|opinion"
    r"|commentary|column|interview)\s+by\b"
    r"|\b(?:(?:view|see|read)\s+)?(?:all\s+|more\s+)?(?:posts|articles|stories)\s+by\b"
    r"|\b(?:photos?|photography|images?|illustrations?|video|graphics?)\s+by\b|\b(?:photo|image|credit|illustration)s?\s*:"
    r"|^\s*(?:by|von|par|por|door)\b|\bauthors?\s*:|\bby\s*:)",
    re.IGNORECASE,
)
# What follows a byline on the same line: a date, reading time, "Updated ...".
_TRAILER = re.compile(
    r"(?:\s+(?:on|updated|published|posted|last updated|modified)\b.*$|\s*[|•·]\s.*$|\s+[-–—]\s.*$|\s+\d+\s*min(?:ute)?s?\b.*$"
    r"|,?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.*$|\s+\d{1,2}/\d{1,2}/\d{2,4}.*$"
    r"|,?\s+\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b.*$|,?\s+\d{4}-\d{2}-\d{2}.*$"
    r"|,?\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*$|(?-i:\s+in\s+(?=[A-Z])).*$)",
    re.IGNORECASE,
)


def role_of(marker: str) -> str | None:
    marker = marker.lower()
    if re.search(r"photo|image|illustra|video|graphic|credit", marker):
        return None  # credits for pictures are not authorship
    if re.search(r"review|check|verif|approv", marker):
        return "reviewer"
    if "edited" in marker:
        return "editor"
    return "author"


def parse_byline(text: str, *, structured: bool = False, default_role: str = "author") -> list[Byline]:
    """The people in one byline: 'By Ann Lee and Bo Chen', 'Written by A, MD | Medically reviewed by B'."""
    text = clean_byline(text)
    if not text:
        return []
    segments: list[tuple[str, str | None]] = []
    markers = list(ROLE_MARKERS.finditer(text))
    if not markers:
        segments.append((default_role, text))
    else:
        if markers[0].start() > 0:  # 'Ann Lee, reviewed by ...': names before the first marker
            segments.append((default_role, text[: markers[0].start()]))
        for index, match in enumerate(markers):
            end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
            segments.append((role_of(match.group("marker")), text[match.end() : end]))
    people: list[Byline] = []
    for role, segment in segments:
        if role is None:
            continue
        for person in _split_people(segment, structured):
            person.role = role
            if person.name not in [p.name for p in people]:
                people.append(person)
    return people


def _describes_previous(part: str, previous: Byline) -> bool:
    """Whether a comma-separated ``part`` after a name says more about that person instead of naming another.

    Credentials ('MD'), job titles ('Staff Writer', 'Associate Attorney at Ilsen Law') and the
    writer's organisation ('Ann Lee, Associated Press').
    """
    if _is_credential(part) or (_ROLE_WORDS.search(part) and not is_name(part)):
        return True
    if _ORGANISATION_WORDS.search(part):
        return not _ORGANISATION_WORDS.search(previous.name)
    return bool(_ROLE_WORDS.search(part.split()[-1]))  # 'CNN Editor-at-large'



def _split_people(segment: str, structured: bool) -> list[Byline]:
    """'Ann Lee, MD, Bo Chen and Cy Dee, Staff Writer' -> three people, credentials attached to the one before."""
    segment = _TRAILER.sub("", clean_byline(segment))
    segment = re.sub(r"^(?:the\s+)?(?:author|authors|writer)s?\s*:?\s+(?=[A-Z])", "", segment)
    segment = clean_byline(segment)
    if not segment:
        return []
    parts = [part for part in re.split(r"\s*(?:,|;|\band\b|&)\s*", segment) if part.strip()]
    if len(parts) > 1 and any(part.lower().startswith(("inc", "llc", "ltd")) for part in parts):
        parts = [segment]  # 'Acme, Inc.' is one organisation
    people: list[Byline] = []
    for part in parts:
        part = clean_byline(part)
        if people and _describes_previous(part, people[-1]):
            previous = people[-1]
            previous.credentials = f"{previous.credentials}, {part}" if previous.credentials else part
            continue
        split = split_name(part, structured=structured)
        if split is None:
            words = part.split()
            if len(words) > 3 or (len(words) > 1 and any(w[:1].islower() and w.lower() not in _NAME_PARTICLES for w in words)):
                return []  # a phrase ('Syrian defense ministries'), not a list of names: this was no byline
            continue
        people.append(Byline(name=split[0], credentials=split[1]))
    return people
