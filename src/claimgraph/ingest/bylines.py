"""Who wrote a page: author candidates from every place a byline hides, validated and scored.

Candidates come from JSON-LD (``author``/``creator`` of the article objects, ``reviewedBy``),
microdata and hCard (``itemprop=author``, ``.vcard .fn``), ``<meta>`` conventions
(``author``, ``article:author``, Parse.ly, Dublin Core, Twitter's "Written by" label),
``rel=author`` and author-page links, byline blocks (``.byline``, ``.author``...) and a
"By ..." line written in the text. Each raw byline is split into people: roles ("Reviewed
by", "Edited by") and credentials or job titles ("MD", "MW", "Staff Writer") go into their own
fields, several names stay several ("A, B and C").

Each name is checked before it counts: not a UI word ("Region", "View more posts"), not a
placeholder ("Jane Doe", "admin"), not a machine handle, not a sentence. Names from comment
threads, navigation, footers and related-story lists are not candidates at all.

A candidate scores by its source (structured data above visible text above links), gains when
another source names the same person, and loses when it is an organisation or the site
itself: the site's name is an author only when the page names nobody else. Reviewers and
editors are authors only when no writer is named.
"""

from __future__ import annotations

import html as html_entities
import re
import unicodedata
from dataclasses import dataclass, field, replace

# Base confidence of a source; agreement between sources adds to it.
SOURCE_SCORES = {
    "json-ld": 0.9,
    "json-ld-other": 0.5,  # an article object about another page (a related story)
    "microdata": 0.85,
    "meta": 0.8,
    "byline": 0.75,
    "text": 0.8,
    "hcard": 0.7,
    "rel-author": 0.7,
    "author-link": 0.6,
    "meta-twitter": 0.5,
}
AGREEMENT_BONUS = 0.15
ORGANISATION_PENALTY = 0.3
SITE_PENALTY = 0.2  # on top of the organisation penalty
HANDLE_PENALTY = 0.3
NOT_SHOWN_PENALTY = 0.35  # a name from metadata that readers never see
MIN_SCORE = 0.25

ROLES = ("author", "reviewer", "editor")


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
_NAME_PARTICLES = frozenset({"de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "bin", "al", "el", "y", "e", "dos", "das", "ter", "ten", "st"})


_DATE_LIKE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{1,4}\b|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(?:19|20)\d\d\b|\b\d+ (?:min|mins|minutes?|hours?|days?|weeks?|months?|years?)\b"
)


def name_key(name: str) -> str:
    """Lower-case letters and digits of a name, accents removed: the form names are compared in."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.findall(r"[a-z0-9]+", folded.lower()))


def _clean(text: str) -> str:
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


def _is_handle(name: str) -> bool:
    """A login name or slug rather than a written name: 'andrew.keaveney', 'mdelatorreq6vkpg2'."""
    if " " in name:
        return False
    return bool(re.search(r"[._\d]", name) or ("-" in name and name == name.lower()))


def split_name(text: str, *, structured: bool = False) -> tuple[str, str | None] | None:
    """``(name, credentials)`` from 'Angela Holliday-Bell, MD' or 'Sarah Knowles MW'; None when it is not a name."""
    text = _clean(text)
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
    if not re.search(r"[^\W\d_]", name) or re.search(r"[<>{}\[\]=|#]", name):
        return False
    key = name_key(name)
    if not key or key in _PLACEHOLDERS or _DATE_LIKE.search(key):
        return False
    words = key.split()
    if all(word in _UI_WORDS for word in words):
        return False
    if _is_handle(name):
        return structured and len(name) <= 20 and not re.search(r"\d{3}|[a-z]\d[a-z]", name.lower())
    if len(words) > 8 or name.endswith((".", "?", "!")) and not re.search(r"\b[A-Z]\.$|\b(?:Jr|Sr|Inc|Ltd|Co)\.$", name):
        return False
    written = name.split()
    if not structured:
        # A name read from the text is capitalised word by word (particles and initials aside) and has no UI words.
        if any(word.lower().strip(".,") in _UI_WORDS for word in written) and not _ORGANISATION_WORDS.search(name):
            return False
        lower = [w for w in written if w[:1].islower() and w.lower() not in _NAME_PARTICLES and w not in ("&", "and", "of", "for", "the")]
        if lower or len(written) > 6:
            return False
    return True


def is_organisation(name: str, site_names: set[str]) -> bool:
    return bool(_ORGANISATION_WORDS.search(name)) or name_key(name) in site_names or name_key(name).replace(" ", "") in site_names


# ----------------------------------------------------------------------------- one byline


_ROLE_MARKERS = re.compile(
    r"(?P<marker>\b(?:(?:medically|clinically|expert|professionally|legally)\s+)?(?:reviewed|fact[- ]?checked|verified|approved)"
    r"\s+by\b|\bedited\s+by\b|\b(?:written|authored|posted|published|reported|words|story|text|reporting|compiled)\s+by\b"
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
    r"|\s+in\s+(?=[A-Z]).*$)",
    re.IGNORECASE,
)


def _role_of(marker: str) -> str | None:
    marker = marker.lower()
    if re.search(r"(?:photo|image|credit|illustration)s?\s*:", marker):
        return None
    if re.search(r"review|check|verif|approv", marker):
        return "reviewer"
    if "edited" in marker:
        return "editor"
    if re.search(r"photo|image|illustra|video|graphic", marker):
        return None  # credits for pictures are not authorship
    return "author"


def parse_byline(text: str, *, structured: bool = False, default_role: str = "author") -> list[Byline]:
    """The people in one byline: 'By Ann Lee and Bo Chen', 'Written by A, MD | Medically reviewed by B'."""
    text = _clean(text)
    if not text:
        return []
    segments: list[tuple[str, str | None]] = []
    markers = list(_ROLE_MARKERS.finditer(text))
    if not markers:
        segments.append((default_role, text))
    else:
        if markers[0].start() > 0 and not structured:
            head = text[: markers[0].start()]
            # Text before the first marker is a byline only when it looks like a name list ('Ann Lee, reviewed by ...').
            segments.append((default_role, head))
        elif markers[0].start() > 0:
            segments.append((default_role, text[: markers[0].start()]))
        for index, match in enumerate(markers):
            end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
            segments.append((_role_of(match.group("marker")), text[match.end() : end]))
    people: list[Byline] = []
    for role, segment in segments:
        if role is None:
            continue
        for person in _split_people(segment, structured):
            person.role = role
            if person.name not in [p.name for p in people]:
                people.append(person)
    return people


def _split_people(segment: str, structured: bool) -> list[Byline]:
    """'Ann Lee, MD, Bo Chen and Cy Dee, Staff Writer' -> three people, credentials attached to the one before."""
    segment = _TRAILER.sub("", _clean(segment))
    segment = re.sub(r"^(?:the\s+)?(?:author|authors|writer)s?\s*:?\s+(?=[A-Z])", "", segment)
    segment = _clean(segment)
    if not segment:
        return []
    parts = [part for part in re.split(r"\s*(?:,|;|\band\b|&)\s*", segment) if part.strip()]
    if len(parts) > 1 and any(part.lower().startswith(("inc", "llc", "ltd")) for part in parts):
        parts = [segment]  # 'Acme, Inc.' is one organisation
    people: list[Byline] = []
    for index, part in enumerate(parts):
        part = _clean(part)
        if people and (_is_credential(part) or (_ROLE_WORDS.search(part) and not is_name(part, structured=False))):
            previous = people[-1]
            previous.credentials = f"{previous.credentials}, {part}" if previous.credentials else part
            continue
        if people and people[-1].kind == "person" and _ORGANISATION_WORDS.search(part) and not _ORGANISATION_WORDS.search(people[-1].name):
            # 'Ann Lee, Associated Press': the writer's organisation, not a second author.
            previous = people[-1]
            previous.credentials = f"{previous.credentials}, {part}" if previous.credentials else part
            continue
        if people and _ROLE_WORDS.fullmatch(part.split()[-1]) and not _ORGANISATION_WORDS.search(part):
            previous = people[-1]
            previous.credentials = f"{previous.credentials}, {part}" if previous.credentials else part
            continue
        split = split_name(part, structured=structured)
        if split is None:
            if not structured and len(part.split()) > 3:
                return []  # a sentence, not a list of names: this was no byline
            continue
        people.append(Byline(name=split[0], credentials=split[1]))
    return people


# ----------------------------------------------------------------------------- candidates on a page


@dataclass
class _Group:
    """The people one place on the page names together (a JSON-LD author list, a byline block)."""

    people: list[Byline]
    source: str


_ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Posting|Report|WebPage|ItemPage|Review|Recipe|HowTo|CreativeWork)$")
# Class or id words of page regions whose names are not the article's authors.
_EXCLUDED_REGION = re.compile(
    r"^(?:.*[-_])?(?:comments?|commentlist|respond|replies|reply|disqus|related|recommended|recirc|popular|trending|"
    r"sidebar|widgets?|footer|nav|navigation|navbar|menu|breadcrumbs?|newsletter|testimonials?|more-stories|teasers?)"
    r"(?:[-_].*)?$",
    re.IGNORECASE,
)
_IGNORED_CLASS_PREFIXES = ("tag-", "category-", "has-", "no-", "single", "page-", "post-", "is-", "with-", "format-", "type-")
_BYLINE_CLASS = re.compile(r"byline|author|writer|contributor|posted-?by|reviewer|expert", re.IGNORECASE)
_REVIEWER_CLASS = re.compile(r"reviewer|reviewed|review-?by|fact-?check|medical-?review|expert-?review", re.IGNORECASE)
_AUTHOR_HREF = re.compile(r"/(?:author|authors|writers?|contributors?|staff|people|profile|profiles|byline|bio|experts?)/[^/?#]+", re.IGNORECASE)
_BYLINE_START = re.compile(
    r"^(?:by|written by|posted by|authored by|words by|story by|reporting by|author|authors|"
    r"(?:medically |expert |fact[- ]?)?(?:reviewed|checked) by|edited by)\b\s*:?",
    re.IGNORECASE,
)


_BYLINE_WORD = re.compile(r"(?:by|written|posted|authored|words|story|reporting|authors?|medically|expert|fact|reviewed|checked|edited)\b", re.IGNORECASE)


def _in_excluded_region(element) -> bool:
    for depth, node in enumerate((element, *element.iterancestors())):
        if node.tag in ("body", "html"):
            return False
        if node.tag in ("footer", "nav"):
            return True
        if node.tag == "a" and depth and node.xpath(".//h1|.//h2|.//h3|.//h4"):
            return True  # a card linking to another article, headline and byline inside
        for token in f"{node.get('class') or ''} {node.get('id') or ''}".split():
            if not token.lower().startswith(_IGNORED_CLASS_PREFIXES) and _EXCLUDED_REGION.match(token):
                return True
    return False


def _text(element) -> str:
    return _clean(" ".join(element.itertext()))


def _context_role(element, name: str) -> str | None:
    """'reviewer' or 'editor' when the words just before ``name`` around ``element`` say so ('Medically reviewed by')."""
    node = element
    for _ in range(3):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        text = _text(parent)
        if len(text) > 250:
            break
        node = parent
        at = text.find(name)
        if at > 0:
            markers = list(_ROLE_MARKERS.finditer(text[:at]))
            if markers:
                return _role_of(markers[-1].group("marker"))
    return None


def _json_ld_people(value, by_id: dict, role: str) -> list[Byline]:
    if isinstance(value, list):
        return [person for item in value for person in _json_ld_people(item, by_id, role)]
    if isinstance(value, dict):
        if "name" not in value and value.get("@id") in by_id:
            value = by_id[value["@id"]]
        name = value.get("name")
        if isinstance(name, list):
            name = name[0] if name else None
        if not isinstance(name, str):
            return []
        kinds = value.get("@type", [])
        organisation = any("Organization" in str(kind) for kind in (kinds if isinstance(kinds, list) else [kinds]))
        people = parse_byline(name, structured=True, default_role=role)
        suffix = value.get("honorificSuffix") or value.get("jobTitle")
        for person in people:
            person.role = role if person.role == "author" else person.role
            if organisation:
                person.kind = "organisation"
            if isinstance(suffix, str) and suffix.strip() and len(people) == 1 and not person.credentials:
                person.credentials = _clean(suffix)
        return people
    if isinstance(value, str) and not value.strip().startswith("http"):
        return [replace(p, role=role if p.role == "author" else p.role) for p in parse_byline(value, structured=True, default_role=role)]
    return []


def _addresses(item: dict) -> list[str]:
    main = item.get("mainEntityOfPage")
    values = [item.get("url"), item.get("@id"), main.get("@id") if isinstance(main, dict) else main]
    return [value for value in values if isinstance(value, str)]


def _page_path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url).split("?")[0].split("#")[0].rstrip("/")


def _from_json_ld(items: list[dict], by_id: dict, url: str | None = None) -> list[_Group]:
    """Groups from the article objects; objects about other pages (related articles) count as a weak source."""
    articles = []
    for item in items:
        kinds = item.get("@type", [])
        if any(_ARTICLE_TYPES.search(str(kind)) for kind in (kinds if isinstance(kinds, list) else [kinds])):
            articles.append(item)
    path = _page_path(url) if url else ""
    about_page = [item for item in articles if path and any(_page_path(a) == path for a in _addresses(item))]
    groups = []
    for item in articles:
        other_page = bool(about_page) and item not in about_page and any(_page_path(a) not in ("", path) for a in _addresses(item))
        for key, role in (("author", "author"), ("creator", "author"), ("reviewedBy", "reviewer"), ("editor", "editor")):
            people = _json_ld_people(item.get(key), by_id, role)
            if people:
                groups.append(_Group(people, "json-ld-other" if other_page else "json-ld"))
    return groups


_META_AUTHOR_KEYS = ("author", "article:author", "og:article:author", "parsely-author", "dc.creator", "dcterms.creator",
                     "sailthru.author", "byl", "citation_author", "authors", "cxenseparse:author")


def _from_meta(tree) -> list[_Group]:
    by_key: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("name") or element.get("property") or "").strip().lower()
        content = element.get("content")
        if not key or not content or not content.strip():
            continue
        by_key.setdefault(key, []).append(content)
        if re.fullmatch(r"twitter:label\d", key):
            labels[key[-1]] = content.strip().lower()
    groups = []
    for key in _META_AUTHOR_KEYS:
        people = [person for value in by_key.get(key, []) for person in parse_byline(value, structured=True)]
        if people:
            groups.append(_Group(people, "meta"))
    for number, label in labels.items():
        if label in ("written by", "author", "by", "est. reading time") and label != "est. reading time":
            for value in by_key.get(f"twitter:data{number}", []):
                people = parse_byline(value, structured=True)
                if people:
                    groups.append(_Group(people, "meta-twitter"))
    for value in by_key.get("twitter:creator", []):
        if not value.strip().startswith("@") and (people := parse_byline(value, structured=True)):
            groups.append(_Group(people, "meta-twitter"))
    return groups


def _element_group(element, source: str, text: str | None = None) -> _Group | None:
    text = _text(element) if text is None else text
    if not text or len(text) > 200 or element.xpath(".//h1|.//h2|.//h3|.//p"):
        return None  # a headline or paragraph inside: a teaser card or an author bio, not a byline
    attributes = f"{element.get('class') or ''} {element.get('id') or ''}"
    default_role = "reviewer" if _REVIEWER_CLASS.search(attributes) and not re.search(r"author|writer", attributes, re.I) else "author"
    people = parse_byline(text, default_role=default_role)
    for person in people:
        if person.role == "author" and (role := _context_role(element, person.name)):
            person.role = role
    return _Group(people, source) if people else None


_BYLINE_TAGS = frozenset({"p", "span", "div", "li", "address", "strong", "em", "b", "small", "h4", "h5", "h6", "section", "header"})


def _text_byline(element, groups: list[_Group], add) -> None:
    """A 'By ...' line, or a 'Written by' label whose name is in the next element."""
    if len(element) > 4:  # a byline has a link or two inside it, not a whole section
        return
    text = _text(element)
    if not text or len(text) > 120 or not _BYLINE_START.match(text):
        return
    if _BYLINE_START.match(text).end() >= len(text.rstrip(":")):
        following = element.getnext()
        if following is not None and not _in_excluded_region(element):
            name = _text(following)
            if name and len(name) <= 80:
                groups.extend(g for g in [_element_group(following, "text", f"{text} {name}")] if g)
        return
    add(element, "text", text)


def _from_markup(tree) -> list[_Group]:
    body = tree.find("body")
    if body is None:
        return []
    groups: list[_Group] = []
    seen: set = set()  # the elements themselves: holding them keeps lxml's proxies (and their hashes) stable

    def add(element, source: str, text: str | None = None) -> None:
        if element in seen or _in_excluded_region(element):
            return
        seen.add(element)
        if (group := _element_group(element, source, text)) is not None:
            groups.append(group)

    for element in body.xpath('.//*[@itemprop="author" or @itemprop="creator"]'):
        names = element.xpath('.//*[@itemprop="name"]')
        if names:
            add(names[0], "microdata", names[0].get("content") or _text(names[0]))
        else:
            add(element, "microdata", element.get("content") or None)
    for element in body.xpath('.//*[contains(concat(" ", normalize-space(@class), " "), " vcard ")]'
                              '//*[contains(concat(" ", normalize-space(@class), " "), " fn ")]'):
        add(element, "hcard")
    for element in body.xpath('.//a[contains(concat(" ", normalize-space(@rel), " "), " author ")]'):
        add(element, "rel-author")
    for element in body.iter("a"):
        if _AUTHOR_HREF.search(element.get("href") or ""):
            add(element, "author-link")
    for element in body.iter():
        if element.tag in ("script", "style", "a", "img") or not isinstance(element.tag, str):
            continue
        attributes = f"{element.get('class') or ''} {element.get('id') or ''}"
        if len(attributes) > 1 and _BYLINE_CLASS.search(attributes) and len(element) <= 12:
            add(element, "byline")
    for text_node in body.xpath(".//text()[normalize-space()]"):
        if not _BYLINE_WORD.match(text_node.lstrip()):
            continue
        element = text_node.getparent()
        if text_node.is_tail:
            element = element.getparent()
        for _ in range(3):  # the element the text starts, and up to two that wrap it ('<p><strong>By</strong> ...</p>')
            if element is None or element.tag not in _BYLINE_TAGS:
                break
            _text_byline(element, groups, add)
            element = element.getparent()
    return groups


# ----------------------------------------------------------------------------- choosing


def site_keys(site_name: str | None, url: str | None, publishers: list[str] = ()) -> set[str]:
    """Name keys under which a byline names the site itself ('levinemusic', 'usa today', 'usatoday')."""
    keys: set[str] = set()
    for name in (site_name, *publishers):
        if name:
            keys.update({name_key(name), name_key(name).replace(" ", "")})
    host = re.sub(r"^https?://", "", url or "").split("/")[0].split(":")[0].lower()
    labels = [label for label in host.split(".") if label not in ("www", "blog", "blogs", "news", "m")]
    if len(labels) >= 2:
        keys.add(labels[-2])
    return {key for key in keys if key}


def choose_bylines(groups: list[_Group], sites: set[str], visible: str | None = None) -> list[Byline]:
    """The page's authors (then its reviewers and editors), scored; an empty list when nobody is named.

    ``visible`` is the :func:`name_key` of the page's readable text: names it does not contain
    lose :data:`NOT_SHOWN_PENALTY` (None: not checked).
    """
    sources: dict[str, set[str]] = {}
    best_base: dict[str, float] = {}
    roles: dict[str, set[str]] = {}
    for group in groups:
        for person in group.people:
            key = name_key(person.name)
            if not key:
                continue
            sources.setdefault(key, set()).add(group.source)
            best_base[key] = max(best_base.get(key, 0.0), SOURCE_SCORES[group.source])
            roles.setdefault(key, set()).add(person.role)

    def score(person: Byline, *, ranking: bool = True) -> float:
        key = name_key(person.name)
        value = best_base[key] + AGREEMENT_BONUS * (len(sources[key]) - 1)
        if person.kind == "organisation" or is_organisation(person.name, sites):
            value -= ORGANISATION_PENALTY
            if key in sites or key.replace(" ", "") in sites:
                value -= SITE_PENALTY
        if _is_handle(person.name):
            value -= HANDLE_PENALTY
        if ranking and visible is not None and f" {key} " not in visible:
            value -= NOT_SHOWN_PENALTY
        return round(value, 3)

    def people_of(role: str) -> list[Byline]:
        best: list[Byline] = []
        best_score = float("-inf")
        for group in groups:
            members = [p for p in group.people if p.role == role and not (role == "author" and roles[name_key(p.name)] - {"author"})]
            if not members or max(score(p, ranking=False) for p in members) < MIN_SCORE:
                continue
            top = max(score(p) for p in members)
            if top > best_score + 1e-9 or (abs(top - best_score) <= 1e-9 and len(members) > len(best)):
                best, best_score = members, top
        chosen = []
        for person in best:
            key = name_key(person.name)
            if any(name_key(c.name) == key for c in chosen):
                continue
            organisation = person.kind == "organisation" or is_organisation(person.name, sites)
            credentials = person.credentials or next(
                (p.credentials for g in groups for p in g.people if name_key(p.name) == key and p.credentials), None
            )
            chosen.append(replace(person, credentials=credentials, kind="organisation" if organisation else "person",
                                  score=score(person), sources=sorted(sources[key])))
        return chosen

    authors = people_of("author")
    reviewers = people_of("reviewer")
    editors = people_of("editor")
    if not authors and reviewers:
        # A page that names only its reviewer has no other candidate for who stands behind the text.
        authors, reviewers = [replace(p, role="author") for p in reviewers], []
    return authors + reviewers + editors


def read_bylines(tree, items: list[dict], by_id: dict, site_name: str | None, url: str | None, publishers: list[str] = ()) -> list[Byline]:
    """Every author, reviewer and editor the page names, best-supported authors first (see the module docstring)."""
    groups = _from_json_ld(items, by_id, url) + _from_meta(tree) + _from_markup(tree)
    return choose_bylines(groups, site_keys(site_name, url, list(publishers)), _visible_key(tree))


def _visible_key(tree) -> str:
    body = tree.find("body")
    if body is None:
        return " "
    parts = []
    for element in body.iter():
        if element.text and element.tag not in ("script", "style", "noscript", "template"):
            parts.append(element.text)
        if element.tail and element is not body:
            parts.append(element.tail)
    return f" {name_key(' '.join(parts))} "
