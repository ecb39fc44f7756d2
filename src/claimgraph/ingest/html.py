"""From an HTML page to an article: metadata and main text, boilerplate removed.

Metadata comes from the most explicit source a page offers, in this order:
JSON-LD (``NewsArticle``/``Article``/``BlogPosting``..., ``@graph`` included), OpenGraph and
``article:*`` properties, Twitter cards, other ``<meta>`` conventions (Dublin Core, Parse.ly,
Sailthru), then the document itself (``<h1>``, ``<time>``), and for the date last of all
htmldate's heuristics. Dates are ISO 8601, keep the page's timezone and name their source
(:func:`_publication_date`). Authors are scored candidates from all of these and from the
page's bylines: see :mod:`.bylines`.

Main text is chosen between two candidates (see :func:`extract_main_text`): trafilatura's
reading of the page, and the JSON-LD ``articleBody`` when the publisher gives the complete
body. Either way the edges are cleaned with the line classifiers of :mod:`.text` (credits,
social and newsletter prompts, related-stories blocks) and paragraphs stay separate.

The page is parsed once with lxml (the parser bs4 would use underneath, without bs4's
per-node overhead); trafilatura reads the same tree.

Bounds (see docs/limits.md): elements nest up to libxml2's 2048 levels (deeper content is
lost, with a note); JSON-LD blocks nested deeper than ``JSON_LD_MAX_DEPTH`` are ignored; a
page over ``FULL_EXTRACTION_MAX_CHARS`` characters or ``FULL_EXTRACTION_MAX_ELEMENTS``
elements is not given to trafilatura, whose time grows faster than the page, and its main
text is read from its paragraphs instead, with a note.
"""

from __future__ import annotations

import html as html_entities
import json
import re
from dataclasses import dataclass, field
from datetime import date

import lxml.html
from lxml import etree

from ..errors import InputError
from ..timeutil import written_to_iso
from .bylines import Byline, read_bylines
from .json_ld import json_ld_entities, json_ld_name, json_ld_types
from .text import normalise_line, split_paragraphs, strip_boilerplate, wrap_width
from .urls import canonicalize_url

# Comments and processing instructions are dropped while parsing: left in, a comment inside a
# paragraph ("When <!-- ad --> President...") splits it and extractors lose the second half.
# huge_tree lifts libxml2's nesting limit from 256 to 2048 levels: past the limit it stops
# parsing, and everything after the deep part of the page would be lost.
HTML_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, huge_tree=True)
# trafilatura's time grows about fourfold when a page doubles beyond a few megabytes or
# some tens of thousands of elements (a 22 MB page took over 200 s, 120,000 elements 17 s);
# larger pages get the cheap paragraph reading. News pages have a few thousand elements.
FULL_EXTRACTION_MAX_CHARS = 3_000_000
FULL_EXTRACTION_MAX_ELEMENTS = 50_000
JSON_LD_MAX_DEPTH = 64
ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Posting|Report)$")
SHORT_READING = 150  # words


class ParseError(InputError):
    """The page could not be parsed as HTML, or holds no text."""


@dataclass
class PageMetadata:
    """What a page says about itself."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    bylines: list[Byline] = field(default_factory=list)  # authors, reviewers and editors, with roles and sources
    published: str | None = None
    published_source: str | None = None  # where the date was read: "json-ld datePublished", "meta article:published_time", ...
    modified: str | None = None
    language: str | None = None
    section: str | None = None
    description: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    article_body: str | None = None


@dataclass
class ExtractedPage:
    """An article read from a page: its metadata, main text and how the text was chosen."""

    metadata: PageMetadata
    paragraphs: list[str]
    method: str
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


# C0 controls but tab and line breaks, and the two non-characters: no text in HTML, refused by libxml2
_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def parse_html(html: str, name: str, notes: list[str] | None = None) -> lxml.html.HtmlElement:
    """Parse a decoded page; ``name`` (URL or path) is only used in the error message.

    A page nested deeper than libxml2 allows is parsed up to that point, with a note in ``notes``.
    """
    # lxml refuses str input that still carries an XML encoding declaration, and a tree holding a
    # control character breaks any later edit of its text (htmldate's cleaning raised ValueError)
    html = _XML_INCOMPATIBLE.sub("", re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    if not html.strip():
        raise ParseError(f"{name}: empty page")
    try:
        tree = lxml.html.document_fromstring(html, parser=HTML_PARSER)
    except (etree.ParserError, ValueError) as error:
        raise ParseError(f"{name}: not parseable as HTML ({error})") from None
    if notes is not None and any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in HTML_PARSER.error_log):
        notes.append("page nests elements deeper than the parser allows (2048 levels); text after that point was not read")
    return tree


def extract_page(html: str, url: str | None = None, name: str | None = None) -> ExtractedPage:
    """Read metadata and main text from a decoded HTML page.

    Raises :class:`ParseError` when the page has no text at all.
    """
    name = name or url or "page"
    notes: list[str] = []
    tree = parse_html(html, name, notes)
    unwrap_pre_blocks(tree)
    metadata = read_metadata(tree, url)
    elements = sum(1 for _ in tree.iter())
    if len(html) > FULL_EXTRACTION_MAX_CHARS or elements > FULL_EXTRACTION_MAX_ELEMENTS:
        paragraphs, method = _cheap_main_text(tree, metadata), "paragraphs"
        notes.append(f"page of {len(html)} characters and {elements} elements is over the limit for full main-text extraction "
                     f"({FULL_EXTRACTION_MAX_CHARS} characters, {FULL_EXTRACTION_MAX_ELEMENTS} elements); "
                     "text read from its paragraphs, boilerplate may remain")
    else:
        paragraphs, method = extract_main_text(tree, metadata, url)
    if not paragraphs:
        raise ParseError(f"{name}: no article text found")
    return ExtractedPage(metadata=metadata, paragraphs=paragraphs, method=method, notes=notes)


def unwrap_pre_blocks(tree) -> None:
    """Replace each ``<pre>`` that holds hard-wrapped prose (wire copy, mailing-list archives) by its paragraphs.

    Otherwise every wrapped line would become a paragraph of its own. A ``<pre>`` that is not
    hard-wrapped (code, tables, one paragraph per line) is left as it is; the raw page is kept
    unchanged elsewhere.
    """
    for pre in list(tree.iter("pre")):
        text = pre.text_content()
        if wrap_width(text) is None:
            continue
        replacement = lxml.html.Element("div")
        for paragraph in split_paragraphs(text):
            lxml.html.etree.SubElement(replacement, "p").text = paragraph
        replacement.tail = pre.tail
        pre.getparent().replace(pre, replacement)


# ----------------------------------------------------------------------------- metadata


def _meta(tree) -> dict[str, str]:
    """``<meta>`` values by lower-cased name/property/itemprop; the first one wins."""
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if key and content and content.strip():
            values.setdefault(key.strip().lower(), html_entities.unescape(content).strip())
    return values


def _json_depth(raw: str) -> int:
    """How deep arrays and objects nest in a JSON text (without decoding it, so without recursion)."""
    depth = deepest = 0
    for match in re.finditer(r"[\[{]|[\]}]", re.sub(r'"(?:[^"\\]|\\.)*"', "", raw)):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _json_ld_items(tree) -> list[dict]:
    """Every JSON-LD object on the page, ``@graph`` members flattened; broken or absurdly deep blocks are skipped."""
    items: list[dict] = []

    def walk(node, depth=0):
        if depth > JSON_LD_MAX_DEPTH:
            return
        if isinstance(node, list):
            for child in node:
                walk(child, depth + 1)
        elif isinstance(node, dict):
            items.append(node)
            if "@graph" in node:
                walk(node["@graph"], depth + 1)

    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        raw = (script.text or "").strip()
        # Real metadata nests a few levels; a block nested hundreds deep would overflow the
        # JSON decoder's recursion, and nothing in it is an article's metadata.
        if not raw or _json_depth(raw) > JSON_LD_MAX_DEPTH:
            continue
        try:
            walk(json.loads(raw, strict=False))
        except json.JSONDecodeError:
            # Some CMSs emit trailing commas or several objects; one retry without them.
            try:
                walk(json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False))
            except json.JSONDecodeError:
                continue
    return items


def _names(value, by_id: dict[str, dict]) -> list[str]:
    """Names from a JSON-LD person/organisation value: a string, an object, an ``@id`` reference or a list."""
    names = []
    for entity in json_ld_entities(value, by_id):
        if isinstance(entity, str):
            if entity.strip() and not entity.startswith("http"):
                names.append(html_entities.unescape(entity))
        elif name := json_ld_name(entity):
            names.append(html_entities.unescape(str(name)))
    return names


def _first_text(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return str(value).strip() if value else None


def _strip_site_suffix(title: str, site_name: str | None) -> str:
    """'Headline | Outlet' -> 'Headline': ``<title>`` and og:title often end with the site's name."""
    parts = re.split(r"\s+[|–—·-]\s+|\s+::\s+", title)
    if len(parts) < 2:
        return title
    last = parts[-1].lower()
    if (site_name and last == site_name.lower()) or (len(last.split()) <= 4 and len(" ".join(parts[:-1]).split()) >= 3):
        return " - ".join(parts[:-1])
    return title


def _title(tree, candidates: list[str], site_name: str | None) -> str | None:
    """The headline: the page's ``<h1>`` when it agrees with the metadata titles, else the first of those.

    The ``<h1>`` is what readers see; metadata titles are often SEO variants or carry the
    site's name. An ``<h1>`` that shares under half its words with every metadata title is a
    logo or a section name, not the headline.
    """
    cleaned = [_strip_site_suffix(normalise_line(html_entities.unescape(c)), site_name) for c in candidates if c and c.strip()]
    for element in tree.xpath("//h1")[:3]:
        heading = normalise_line(element.text_content())
        words = set(_words(heading))
        if not 0 < len(heading.split()) <= 40:
            continue
        if not cleaned or any(len(words & set(_words(c))) >= 0.5 * len(words) for c in cleaned):
            return heading
    return cleaned[0] if cleaned else None


def _first(*candidates):
    """The first candidate that is not empty."""
    return next((candidate for candidate in candidates if candidate), None)


def read_metadata(tree, url: str | None = None) -> PageMetadata:
    """Title, authors, dates, language, section, description, site name, canonical URL and JSON-LD body."""
    meta = _meta(tree)
    items = _json_ld_items(tree)
    by_id = {item["@id"]: item for item in items if isinstance(item.get("@id"), str)}
    articles = [item for item in items if any(ARTICLE_TYPES.search(t) for t in json_ld_types(item))]
    pages = [item for item in items if any(t in ("WebPage", "ItemPage") for t in json_ld_types(item))]
    ld = articles[0] if articles else (pages[0] if pages else {})

    site_name = _first(
        _first_text(_names(ld.get("publisher"), by_id)),
        meta.get("og:site_name"),
        meta.get("application-name"),
        next((_first_text(i.get("name")) for i in items if "Organization" in json_ld_types(i) or "NewsMediaOrganization" in json_ld_types(i)), None),
    )
    title = _title(
        tree,
        [_first_text(ld.get("headline")), meta.get("og:title"), meta.get("twitter:title"), meta.get("dc.title"), tree.findtext(".//title")],
        site_name,
    )
    publishers = [name for item in articles for name in _names(item.get("publisher"), by_id)]
    bylines = read_bylines(tree, items, by_id, site_name, url, publishers)
    authors = [byline.name for byline in bylines if byline.role == "author"]
    modified = _first(
        written_to_iso(_first_text(ld.get("dateModified"))),
        written_to_iso(meta.get("article:modified_time")),
        written_to_iso(meta.get("og:updated_time")),
        written_to_iso(meta.get("last-modified")),
    )
    published, published_source = _publication_date(tree, ld, meta, url, modified)
    language = _first(
        _first_text(ld.get("inLanguage")),
        tree.get("lang"),
        meta.get("content-language"),
        meta.get("og:locale"),
        meta.get("dc.language"),
    )
    section = _first(
        _first_text(ld.get("articleSection")),
        meta.get("article:section"),
        meta.get("parsely-section"),
        meta.get("section"),
    )
    canonical = None
    for href in (*tree.xpath('//link[@rel="canonical"]/@href'), meta.get("og:url")):
        if href and href.strip().lower().startswith(("http", "/")):
            try:
                resolved = canonicalize_url(href, base=url)
            except InputError:  # a malformed canonical link is ignored, the page itself is fine
                continue
            if resolved.startswith(("http://", "https://")):  # a relative link on a page without an address means nothing
                canonical = resolved
                break
    body = ld.get("articleBody")
    return PageMetadata(
        title=normalise_line(title) if title else None,
        authors=authors,
        bylines=bylines,
        published=published,
        published_source=published_source,
        modified=modified,
        language=language.replace("_", "-").split(",")[0].strip() if language else None,
        section=section,
        description=_first(_first_text(ld.get("description")), meta.get("description"), meta.get("og:description")),
        site_name=normalise_line(site_name) if site_name else None,
        canonical_url=canonical,
        article_body=body if isinstance(body, str) and body.strip() else None,
    )


_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "datepublished", "publish-date", "pubdate",
    "publishdate", "date", "dc.date", "dc.date.issued", "dcterms.date", "parsely-pub-date",
    "sailthru.date", "article.published", "citation_publication_date", "release_date",
)


def _publication_date(tree, ld: dict, meta: dict[str, str], url: str | None, modified: str | None) -> tuple[str | None, str | None]:
    """When the article was published, and where that was read; the page's time zone is kept.

    Declared publication dates come first (JSON-LD, ``<meta>``, ``<time>``), and win whenever the
    page shows them to readers. One the page never shows gives way to a date it does show: its
    modification date (an evergreen page rewritten in place, "Last updated ...": the text we
    store is that version, and WCXB's gold takes that date too), else a date printed under the
    headline, else one htmldate finds. A modification date is never used when the page shows
    its publication date or declares none. Without a declared date: the date in the URL, the
    first date written in the text, then htmldate.
    """
    declared = [
        (written_to_iso(_first_text(ld.get("datePublished"))), "json-ld datePublished"),
        *((written_to_iso(meta.get(key)), f"meta {key}") for key in _PUBLISHED_META),
        (written_to_iso(_first_text(ld.get("dateCreated"))), "json-ld dateCreated"),
        (_time_element_date(tree), "time element"),
    ]
    published, source = next(((value, where) for value, where in declared if value), (None, None))
    if published:
        visible = _visible_text(tree)
        if _shows_date(visible, published):
            return published, source
        if modified and _shows_date(visible, modified):
            return modified, "modified date, the one the page shows"
        if found := _date_under_headline(tree, visible):
            return found, "text under the headline"
        if (found := _htmldate(tree, url, extensive=False)) and _shows_date(visible, found):
            return found, "htmldate"
        return published, source
    if found := _url_date(url):
        return found, "url"
    if found := _first_shown_date(_visible_text(tree)):
        return found, "text"
    if found := _htmldate(tree, url, extensive=False):
        return found, "htmldate"
    return None, None


def _time_element_date(tree) -> str | None:
    for element in tree.xpath('//*[@itemprop="datePublished"] | //time[@datetime]')[:3]:
        value = written_to_iso(element.get("datetime") or element.get("content"))
        if value:
            return value
    return None


def _url_date(url: str | None) -> str | None:
    match = re.search(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[-_])", url or "")
    if not match:
        return None
    try:
        return date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


def _htmldate(tree, url: str | None, extensive: bool) -> str | None:
    """htmldate's reading of the page's date; ``extensive`` also searches the free text (several times slower)."""
    from htmldate import find_date  # heavy import, only for pages without explicit date metadata

    found = find_date(tree, url=url, original_date=True, extensive_search=extensive)
    return found or None


_INVISIBLE = frozenset({"script", "style", "noscript", "template"})
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")


def _visible_text(tree) -> str:
    """The page's readable text, lower case, with commas, ordinals and month-abbreviation dots removed."""
    body = tree.find("body")
    parts: list[str] = []
    for element in body.iter() if body is not None else ():
        if element.text and element.tag not in _INVISIBLE:
            parts.append(element.text)
        if element.tail and element is not body:
            parts.append(element.tail)
    text = " ".join(parts)
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text.lower().replace(",", " "))
    text = re.sub(r"\b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.", r"\1", text)
    return re.sub(r"\s+", " ", text)


_MONTH_PATTERN = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_SHOWN_DATE = re.compile(
    rf"\b(?:{_MONTH_PATTERN} (\d{{1,2}}) ((?:19|20)\d\d)|(\d{{1,2}}) {_MONTH_PATTERN} ((?:19|20)\d\d)|((?:19|20)\d\d)-(\d\d)-(\d\d))\b"
)


def _first_shown_date(visible: str) -> str | None:
    """The first calendar date written out in the page's text ('May 5 2021', '5 May 2021', '2021-05-05')."""
    for match in _SHOWN_DATE.finditer(visible):
        month_name, day, year, day2, month_name2, year2, iso_year, iso_month, iso_day = match.groups()
        try:
            if iso_year:
                found = date(int(iso_year), int(iso_month), int(iso_day))
            else:
                name = (month_name or month_name2)[:3]
                month = next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(name))
                found = date(int(year or year2), month, int(day or day2))
        except ValueError:
            continue
        return found.isoformat()
    return None


def _date_under_headline(tree, visible: str) -> str | None:
    """A date printed just after the ``<h1>`` (the byline line), unless it is labelled as an update."""
    heading = next((h for h in (" ".join(_words(e.text_content())) for e in tree.iter("h1")) if h), None)
    words = " ".join(_words(visible))
    at = words.find(heading) if heading else -1
    if at < 0:
        return None
    window = words[at + len(heading) : at + len(heading) + 300]
    found = _first_shown_date(window)
    return found if found and _shows_date(window, found, unlabelled=True) else None


def _shows_date(visible: str, iso: str, *, unlabelled: bool = False) -> bool:
    """True when the calendar day of ``iso`` is written in ``visible`` in a common format.

    ``unlabelled``: only where the words just before it do not call it an update ("Last
    updated: May 5 2021"), so that readers take it for the article's date.
    """
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return False
    month = _MONTHS[day.month - 1]
    forms = {day.isoformat(), f"{day.month}/{day.day}/{day.year}", f"{day.month:02d}/{day.day:02d}/{day.year}",
             f"{day.day:02d}/{day.month:02d}/{day.year}", f"{day.day:02d}.{day.month:02d}.{day.year}", f"{day.day}.{day.month}.{day.year}"}
    for name in {month, month[:3], "sept" if day.month == 9 else month}:
        for number in {str(day.day), f"{day.day:02d}"}:
            forms.update({f"{name} {number} {day.year}", f"{number} {name} {day.year}"})
    if not unlabelled:
        return any(form in visible for form in forms)
    for form in forms:
        for match in re.finditer(re.escape(form), visible):
            if not _UPDATE_LABEL.search(visible[max(0, match.start() - 30) : match.start()]):
                return True
    return False


_UPDATE_LABEL = re.compile(r"(?:updated|modified|revised|reviewed|edited|refreshed)\b[^a-z]*(?:on|at)?\s*[:]?\s*$")


# ----------------------------------------------------------------------------- main text


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _paragraphs(text: str) -> list[str]:
    return [line for line in (normalise_line(raw) for raw in text.split("\n")) if line]


def _trafilatura_text(tree, url: str | None, favor_recall: bool = False) -> str:
    import trafilatura

    return trafilatura.extract(
        tree, url=url, include_comments=False, include_tables=True, deduplicate=False, with_metadata=False,
        favor_recall=favor_recall,
    ) or ""


def _body_is_complete(body_words: list[str], page_words: set[str], other_words: list[str]) -> bool:
    """JSON-LD ``articleBody`` is used when it is real text from the page and not a teaser.

    Complete: at least 40 words, nearly all of them on the page, and not much shorter than
    what was read from the page (publishers that truncate it for paywalls fail this).
    """
    if len(body_words) < 40:
        return False
    on_page = sum(1 for word in body_words if word in page_words) / len(body_words)
    return on_page > 0.9 and len(body_words) >= 0.8 * len(other_words)


def _cheap_main_text(tree, metadata: PageMetadata) -> list[str]:
    """Main text of a page too large for trafilatura: its ``<p>`` paragraphs (else its body's lines), boilerplate removed.

    Linear in the size of the page.
    """
    paragraphs = [p for p in (normalise_line(e.text_content()) for e in tree.iter("p")) if p]
    if not paragraphs:
        body = tree.find("body")
        paragraphs = _paragraphs(body.text_content() if body is not None else "")
    if metadata.title and paragraphs and _words(paragraphs[0]) == _words(metadata.title):
        paragraphs = paragraphs[1:]
    return strip_boilerplate(paragraphs)


def extract_main_text(tree, metadata: PageMetadata, url: str | None = None) -> tuple[list[str], str]:
    """The article's paragraphs and the method that produced them (``json-ld`` or ``trafilatura``)."""
    text = _trafilatura_text(tree, url)
    if len(_words(text)) < SHORT_READING:
        # A short reading may have missed part of the article (a body split across containers);
        # a recall-oriented second reading is taken when it finds much more.
        fuller = _trafilatura_text(tree, url, favor_recall=True)
        if len(_words(fuller)) > 1.5 * max(len(_words(text)), 1):
            text = fuller
    paragraphs = _paragraphs(text)
    method = "trafilatura"
    if metadata.article_body:
        # Some publishers put escaped HTML in articleBody.
        body = metadata.article_body
        for _ in range(2):  # twice: some CMSs escape entities twice (&amp;quot;)
            body = html_entities.unescape(body)
        body = re.sub(r"<(?:p|br|div|h\d|li)\b[^>]*>", "\n", body, flags=re.I)
        body = re.sub(r"<[^>]+>", "", body)
        page_words = set(_words(_visible_text(tree)))
        if _body_is_complete(_words(body), page_words, _words(text)):
            body_paragraphs = _paragraphs(body)
            # A body without line breaks is kept only when the page gave no better paragraphs.
            if len(body_paragraphs) > 1 or len(paragraphs) <= 1:
                paragraphs, method = body_paragraphs, "json-ld"
    if not paragraphs:
        paragraphs = [p for p in (normalise_line(e.text_content()) for e in tree.iter("p")) if p]
        method = "paragraphs"
    if metadata.title and paragraphs and _words(paragraphs[0]) == _words(metadata.title):
        paragraphs = paragraphs[1:]
    return strip_boilerplate(paragraphs), method
