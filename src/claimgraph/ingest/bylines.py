"""Who wrote a page: author candidates from every place a byline hides, validated and scored.

Candidates come from JSON-LD (``author``/``creator`` of the article objects, ``reviewedBy``),
microdata and hCard (``itemprop=author``, ``.vcard .fn``), ``<meta>`` conventions
(``author``, ``article:author``, Parse.ly, Dublin Core, Twitter's "Written by" label),
``rel=author`` and author-page links, byline blocks (``.byline``, ``.author``...) and a
"By ..." line written in the text. Each raw byline is split into people: roles ("Reviewed
by", "Edited by") and credentials or job titles ("MD", "MW", "Staff Writer") go into their own
fields, several names stay several ("A, B and C"): see :mod:`.byline_text`.

Each name is checked before it counts: not a UI word ("Region", "View more posts"), not a
placeholder ("Jane Doe", "admin"), not a machine handle, not a sentence. Names from comment
threads, navigation, footers and related-story lists are not candidates at all.

A candidate scores by its source (JSON-LD, microdata, meta and printed "By" lines above byline
blocks above author links), gains when another source names the same person, and loses when
it is an organisation or the site itself, or a metadata name readers never see: the site's
name is an author only when the page names nobody else. Reviewers and editors are authors
only when no writer is named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .byline_text import ROLE_MARKERS, Byline, clean_byline, is_handle, is_organisation, name_key, parse_byline, role_of
from .json_ld import json_ld_entities, json_ld_name, json_ld_types

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
_STAFF_HREF = re.compile(r"/(?:author|authors|writers?|contributors?|staff|byline)/[^/?#]+", re.IGNORECASE)
_AUTHOR_HREF = re.compile(r"/(?:author|authors|writers?|contributors?|staff|people|profile|profiles|byline|bio|experts?)/[^/?#]+", re.IGNORECASE)
_BYLINE_START = re.compile(
    r"^(?:by|written by|posted by|authored by|words by|story by|reporting by|author|authors|"
    r"(?:medically |expert |fact[- ]?)?(?:reviewed|checked) by|edited by)\b\s*:?",
    re.IGNORECASE,
)


_BYLINE_WORD = re.compile(r"(?:by|written|posted|authored|words|story|reporting|authors?|medically|expert|fact|reviewed|checked|edited)\b", re.IGNORECASE)


def _is_teaser(node) -> bool:
    """A small block whose heading links to another page: a card for another article, not this one's header."""
    links = node.xpath("(.//h2|.//h3|.//h4)//a/@href")
    if not links or any(_AUTHOR_HREF.search(href) for href in links):
        return False
    return len(" ".join(node.itertext())) <= 500


def _in_excluded_region(element, regions: dict | None = None) -> bool:
    """Whether ``element`` sits in comments, navigation, a footer, a related-stories list or a story card.

    ``regions`` memoises the verdict of each ancestor for one page (many candidates share them).
    """
    for depth, node in enumerate((element, *element.iterancestors())):
        if 0 < depth <= 4 and node.tag not in ("body", "html") and _is_teaser(node):
            return True
        if depth >= 4:
            return _excluded_block(node, regions if regions is not None else {})
        if _excluded_here(node):
            return True
        if node.tag in ("body", "html"):
            return False
    return False


def _excluded_block(node, regions: dict) -> bool:
    """``node`` or one of its ancestors is a region whose names are not the article's authors (memoised)."""
    if node is None or node.tag in ("body", "html"):
        return False
    if node not in regions:
        regions[node] = _excluded_here(node) or _excluded_block(node.getparent(), regions)
    return regions[node]


def _excluded_here(node) -> bool:
    if node.tag in ("footer", "nav"):
        return True
    if node.tag == "a" and node.xpath(".//h1|.//h2|.//h3|.//h4"):
        return True  # a card linking to another article, headline and byline inside
    for token in f"{node.get('class') or ''} {node.get('id') or ''}".split():
        if not token.lower().startswith(_IGNORED_CLASS_PREFIXES) and _EXCLUDED_REGION.match(token):
            return True
    return False


def _text(element) -> str:
    return clean_byline(" ".join(element.itertext()))


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
            markers = list(ROLE_MARKERS.finditer(text[:at]))
            if markers:
                return role_of(markers[-1].group("marker"))
    return None


def _json_ld_people(value, by_id: dict, role: str) -> list[Byline]:
    return [person for entity in json_ld_entities(value, by_id) for person in _entity_people(entity, role)]


def _entity_people(entity: dict | str, role: str) -> list[Byline]:
    if isinstance(entity, str):
        if entity.strip().startswith("http"):
            return []
        return [replace(p, role=role if p.role == "author" else p.role) for p in parse_byline(entity, structured=True, default_role=role)]
    name = json_ld_name(entity)
    if not isinstance(name, str):
        return []
    organisation = any("Organization" in kind for kind in json_ld_types(entity))
    people = parse_byline(name, structured=True, default_role=role)
    suffix = entity.get("honorificSuffix") or entity.get("jobTitle")
    for person in people:
        person.role = role if person.role == "author" else person.role
        if organisation:
            person.kind = "organisation"
        if isinstance(suffix, str) and suffix.strip() and len(people) == 1 and not person.credentials:
            person.credentials = clean_byline(suffix)
    return people


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
        if any(_ARTICLE_TYPES.search(kind) for kind in json_ld_types(item)):
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
    regions: dict = {}

    def add(element, source: str, text: str | None = None) -> None:
        if element in seen or _in_excluded_region(element, regions):
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
        href = element.get("href") or ""
        if not _AUTHOR_HREF.search(href):
            continue
        parent = element.getparent()
        # Inside running prose, a link to a topic page of a person ('President <a href="/topics/people/...">')
        # is no byline; a link to a staff or author page still is.
        if parent is None or len(_text(parent)) <= 150 or _STAFF_HREF.search(href):
            add(element, "author-link")
    starts = []  # elements whose text (or a child's tail) begins with a byline word, handled after the blocks
    for element in body.iter():
        tag = element.tag
        if not isinstance(tag, str) or tag in ("script", "style"):
            continue
        if element.text and _BYLINE_WORD.match(element.text.lstrip()):
            starts.append(element)
        if element.tail and _BYLINE_WORD.match(element.tail.lstrip()) and (parent := element.getparent()) is not None:
            starts.append(parent)
        if tag in ("a", "img", "h1", "h2"):
            continue  # a headline is never a byline, whatever its class says
        attributes = element.get("class") or element.get("id")
        if attributes and _BYLINE_CLASS.search(f"{element.get('class') or ''} {element.get('id') or ''}") and len(element) <= 12:
            add(element, "byline")
    for element in starts:
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


def _names_site(key: str, sites: set[str]) -> bool:
    """Whether a name key is the site's name, or starts with it ('cnn business' on cnn.com)."""
    return any(key == site or key.replace(" ", "") == site or key.startswith(site + " ") for site in sites)


def choose_bylines(groups: list[_Group], sites: set[str], visible=None) -> list[Byline]:
    """The page's authors (then its reviewers and editors), scored; an empty list when nobody is named.

    ``visible`` is the :func:`name_key` of the page's readable text, or a function that gives it
    (called only when candidates disagree): names it does not contain lose
    :data:`NOT_SHOWN_PENALTY` (None: not checked).
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

    if callable(visible):
        visible = visible() if len(sources) > 1 else None

    def score(person: Byline, *, ranking: bool = True) -> float:
        key = name_key(person.name)
        value = best_base[key] + AGREEMENT_BONUS * (len(sources[key]) - 1)
        if person.kind == "organisation" or is_organisation(person.name, sites):
            value -= ORGANISATION_PENALTY
            if key in sites or key.replace(" ", "") in sites:
                value -= SITE_PENALTY
        if is_handle(person.name):
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
        chosen: list[Byline] = []
        for person in best:
            key = name_key(person.name)
            if any(name_key(c.name) == key for c in chosen):
                continue
            if chosen and chosen[-1].kind == "person" and _names_site(key, sites):
                # 'Troy Lee, Cleveland.com': the outlet after a writer is their affiliation, not a co-author.
                chosen[-1].credentials = ", ".join(filter(None, [chosen[-1].credentials, person.name]))
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
    sites = site_keys(site_name, url, list(publishers))
    for group in groups:
        for person in group.people:
            _cut_site_suffix(person, sites)
    return choose_bylines(groups, sites, lambda: _visible_key(tree))


def _cut_site_suffix(person: Byline, sites: set[str]) -> None:
    """'Kevin McCoy USA TODAY' -> 'Kevin McCoy', with the outlet as the writer's affiliation."""
    words = person.name.split()
    for size in (3, 2, 1):
        if len(words) - size < 2:
            continue
        tail = name_key(" ".join(words[-size:]))
        if tail in sites or tail.replace(" ", "") in sites:
            person.name = " ".join(words[:-size])
            person.credentials = ", ".join(filter(None, [person.credentials, " ".join(words[-size:])]))
            return


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
