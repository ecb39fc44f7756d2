"""Text handling shared by every source: decoding bytes, and telling an article's body from its boilerplate.

Decoding follows the order browsers use: a byte-order mark, then the charset the server
declared, then the page's own ``<meta charset>``, then a guess by charset-normalizer.
A declared charset that does not decode the bytes is treated as a lie and skipped, except
when the page is UTF-8 with a few damaged bytes (or no other encoding fits): then it is
decoded with replacement characters and the caller is told in a note.

Boilerplate is recognised by *kind* of line, not by any outlet's wording: image credits,
social prompts ("Like X on Facebook", "Follow us"), newsletter prompts, share bars and
headers that open a block of other stories ("Featured Stories", "Related articles").
The same classifiers clean plain-text files and the edges of text extracted from HTML.

Plain text that was hard-wrapped (wire copy, e-mailed releases, text saved from a terminal
or a PDF: a line break every 60-80 characters inside a paragraph) is unwrapped into one
line per paragraph, as :func:`split_paragraphs` describes; the raw copy keeps the original.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ..errors import InputError

# WHATWG maps these labels to windows-1252, and real pages declared as Latin-1 use its extra characters.
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_LANG = re.compile(rb"""<html[^>]*\slang\s*=\s*["']?([A-Za-z]{2,3})""", re.IGNORECASE)
# Languages written in windows-1252: when a page in one of them declares no charset that fits,
# windows-1252 is tried before statistical detection, which misreads short Western text as Cyrillic.
_WESTERN_LANGUAGES = frozenset("en fr de es it pt nl da sv no nb nn fi is ga ca eu gl af sq id ms sw".split())
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class DecodeError(InputError):
    """The bytes are not text in any encoding we could find (binary, or empty)."""


def normalise_charset(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when the label names no known codec."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def looks_binary(data: bytes) -> bool:
    """True when the start of ``data`` holds NUL bytes or many control characters, as images and archives do."""
    head = data[:4096]
    if not head:
        return False
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def _damaged_utf8(data: bytes) -> tuple[str, int] | None:
    """``(text, bad)`` when ``data`` is UTF-8 with a few bad bytes: no more bad sequences than valid multi-byte
    characters, or a single stray byte in otherwise ASCII text.

    Text in a single-byte encoding mislabelled as UTF-8 has no valid multi-byte sequences and,
    as a rule, more than one accented letter or typographic quote, so it is not taken for damaged UTF-8.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    valid = sum(1 for char in text if ord(char) > 127) - text.count("\ufffd")
    return (text, bad) if 0 < bad <= max(valid, 1) else None


def _replaced(count: int, encoding: str) -> str:
    return f"{count} byte sequence{'s' if count != 1 else ''} not valid {encoding} replaced with U+FFFD"


def decode_bytes(data: bytes, name: str, declared: str | None = None, notes: list[str] | None = None) -> tuple[str, str]:
    """Decode a page or text file; returns ``(text, encoding)``.

    Order: byte-order mark, ``declared`` (the HTTP charset), ``<meta charset>``, UTF-8,
    windows-1252 for pages whose ``<html lang>`` is a Western language, then charset-normalizer.
    A page declared UTF-8 with a few bad bytes, or whose declared charset is all there is to
    go on, is decoded with replacement characters and a note is added to ``notes``.

    ``name`` (a URL or path) is only used in the error message. Raises :class:`DecodeError`
    for empty or binary input.
    """
    notes = notes if notes is not None else []
    if not data.strip():
        raise DecodeError(f"{name}: empty document")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding.replace("-sig", "")
    if looks_binary(data):
        raise DecodeError(f"{name}: binary content, not text")
    meta = _META_CHARSET.search(data[:8192])
    labelled = [encoding for label in (declared, meta.group(1).decode("ascii", "ignore") if meta else None)
                if (encoding := normalise_charset(label))]
    for encoding in labelled:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    if "utf-8" in labelled and (damaged := _damaged_utf8(data)):
        text, bad = damaged
        notes.append(_replaced(bad, "UTF-8"))
        return text, "utf-8"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lang = _HTML_LANG.search(data[:8192])
    if lang and lang.group(1).decode("ascii").lower() in _WESTERN_LANGUAGES:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    best = from_bytes(data[:200_000]).best()
    if best is None and not labelled:
        raise DecodeError(f"{name}: could not detect the character encoding")
    encoding = labelled[0] if best is None else normalise_charset(best.encoding) or best.encoding
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    if bad:
        notes.append(_replaced(bad, encoding))
    return text, encoding


# ----------------------------------------------------------------------------- boilerplate lines

_WORDS = r"(?:stories|articles|posts|news|reads|reading|videos|content|coverage|links|headlines)"
# A header that opens a block of other stories' headlines ("Featured Stories", "You may also like").
_RELATED_HEADER = re.compile(
    rf"^(?:(?:featured|related|recommended|more|popular|trending|top|latest|editor'?s'? picks?|most (?:read|popular|viewed)|"
    rf"more from [\w .'-]+|also on [\w .'-]+|you (?:may|might) also like|what to read next|read next|up next|see also)"
    rf"(?:\s+{_WORDS})?|(?:related|recommended|similar)\s*:?)\s*[:.…]*$",
    re.IGNORECASE,
)
# A header after which nothing is the article any more: the comment section.
_END_HEADER = re.compile(
    r"^(?:comments?|\d+ (?:comments?|responses?|replies)|leave a (?:reply|comment)|(?:join|read) the (?:conversation|discussion)|"
    r"(?:show|view|load) comments|comments are closed\.?)\s*:?$",
    re.IGNORECASE,
)
# One-line prompts and credits that are never article text.
_BOILERPLATE_LINE = re.compile(
    r"^(?:"
    r"(?:this|the) (?:video|story|article|report|photo|gallery|clip|segment) (?:includes|contains|features|uses) (?:images?|clips?|footage|video)\b.*"
    r"|(?:(?:top|main|header|featured|lead) )?(?:images?|photos?|pictures?|video|footage)(?: credits?| courtesy(?: of)?| via| by| source)?\s*[:/]\s*.{0,80}"
    r"|(?:images?|photos?|pictures?) (?:courtesy of|via|by|from) .{0,80}"
    r"|(?:[\w-]+ ){0,2}(?:images?|photos?|pictures?|videos?) credits?\s*:.*"
    r"|(?:getty images|reuters|ap photo|afp|shutterstock|epa)(?:/[\w .]+)?\s*$"
    r"|(?:want|like) to (?:see|read) more(?: stories| articles| like this)?.{0,40}\??"
    r"|like [\w .&'-]{1,40} on (?:facebook|twitter|instagram|x)\b.{0,40}"
    r"|follow [\w .&'@-]{1,40} on (?:facebook|twitter|instagram|x|linkedin|tiktok|youtube|threads|bluesky)\b.{0,40}"
    r"|(?:follow|find|join|connect with) us on .{0,60}"
    r"|share (?:this|on) (?:story|article|post|page|facebook|twitter|x|linkedin|email).{0,40}"
    r"|(?:share|tweet|email|print|pin|whatsapp|linkedin|facebook|twitter|reddit|copy link)(?:\s*[|/·•]?\s*(?:share|tweet|email|print|pin|whatsapp|linkedin|facebook|twitter|reddit|copy link))*"
    r"|(?:sign up|subscribe|register) (?:for|to) (?:our|the) .{0,60}newsletters?.{0,60}"
    r"|(?:get|receive) (?:our|the) .{0,40}newsletters?.{0,60}"
    r"|(?:sign up|subscribe|register) (?:to|for) .{0,80}\b(?:newsletters?|updates|up to date|inbox)\b.{0,40}"
    r"|\W*to unsubscribe\b.*"
    r"|subscribe(?: now| today)?\s*[.!]?"
    r"|(?:read|learn|see) more\s*(?:»|›|>|→)?"
    r"|(?:click|tap) here to .{0,80}"
    r"|thanks? (?:you )?for (?:signing up|subscribing|registering)\b.{0,40}"
    r"|there was an error processing your (?:subscription|request|sign-?up)\b.{0,40}"
    r"|keep an eye on your inbox\b.{0,60}"
    r"|an error (?:has )?occurred\W+please try again.{0,20}"
    r"|this (?:article|story) (?:has been|was) sent to.{0,40}"
    r"|this copy is for your personal,? non-commercial use only\b.*"
    r"|(?:like|enjoy|enjoyed) this (?:story|article|post)\?.{0,60}"
    r"|tell us what you think\W*"
    r"|(?:write to|contact|email) [\w .'-]{1,60} at \S+@\S+\.\w+\W*"
    r"|advertisement|sponsored(?: content)?|skip (?:to )?(?:ad|advertisement)"
    r"|(?:copyright|©|\(c\))\s*(?:©\s*)?(?:19|20)\d\d\b.{0,100}"
    r"|all rights reserved\.?"
    r")\s*$",
    re.IGNORECASE,
)


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}} {_MONTH},? \d{{4}}|{_MONTH},? \d{{4}}|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
# A line that is only a date, perhaps labelled and timed ("Updated: May 5, 2021 at 3:04 p.m. ET"): a dateline, not text.
_DATE_LINE = re.compile(
    rf"^(?:(?:last )?(?:updated|published|posted|edited|modified|originally (?:posted|published))(?: on| at)?\s*:?\s*)?"
    rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?{_DATE}"
    rf"(?:,?\s*(?:at\s*)?\d{{1,2}}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s*[a-z]{{2,4}})?)?\s*[|·•]?$",
    re.IGNORECASE,
)


def is_boilerplate_line(line: str) -> bool:
    """True for a credit, social or newsletter prompt, share bar, dateline or similar line that is not article text."""
    line = line.strip()
    return bool(line) and len(line) < 200 and bool(_BOILERPLATE_LINE.match(line) or _DATE_LINE.match(line))


def is_related_header(line: str) -> bool:
    """True for a header such as 'Featured Stories' or 'You may also like' that opens a block of other stories."""
    line = line.strip()
    return bool(line) and len(line) < 60 and bool(_RELATED_HEADER.match(line))


def is_end_header(line: str) -> bool:
    """True for a header that opens the comment section ('12 Comments', 'Leave a Reply')."""
    line = line.strip()
    return bool(line) and len(line) < 60 and bool(_END_HEADER.match(line))


def looks_like_headline(line: str) -> bool:
    """Short and without closing punctuation, as headlines and link labels are."""
    if not 0 < len(line.split()) <= 25:
        return False
    return line.endswith("?") or not line.endswith((".", ",", ";", ":", '"', "”", "!"))


def normalise_line(line: str) -> str:
    """One line with no-break spaces and runs of whitespace made single spaces, and no zero-width characters."""
    line = line.replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", line)).strip()


def strip_boilerplate(paragraphs: list[str]) -> list[str]:
    """Drop boilerplate lines, related-stories blocks and the comment section.

    A related-stories header is dropped together with the run of headline-like paragraphs
    after it; when a full sentence follows instead, the header was a real subheading and
    stays. A comment-section header in the second half of the text ends the article.
    """
    kept: list[str] = []
    total = sum(len(p) for p in paragraphs)
    seen = 0
    in_block = False
    for index, paragraph in enumerate(paragraphs):
        seen += len(paragraph)
        if is_end_header(paragraph) and seen > total / 2:
            break
        if is_related_header(paragraph):
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
            if not following or looks_like_headline(following) or is_boilerplate_line(following):
                in_block = True
                continue
        if in_block and (looks_like_headline(paragraph) or is_boilerplate_line(paragraph)):
            continue
        in_block = False
        if is_boilerplate_line(paragraph):
            continue
        kept.append(paragraph)
    return kept


# ----------------------------------------------------------------------------- plain-text articles


@dataclass
class PlainArticle:
    """A plain-text file split into headline, standfirst and body paragraphs."""

    title: str | None
    description: str | None
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


# ----------------------------------------------------------------------------- hard-wrapped text

# Lines longer than this are never wrapped lines: they are paragraphs on their own.
MAX_WRAP_WIDTH = 160
# Narrower "wraps" are lists or verse, not prose run to a width.
MIN_WRAP_WIDTH = 40
# Share of the lines inside blocks that must end full for the text to count as hard-wrapped.
WRAPPED_SHARE = 0.6
_BULLET = re.compile(r"^\s*(?:[-*+•·◦▪‣]\s|\(?[a-z]\)\s)")
_NUMBERED = re.compile(r"^\s*\(?\d{1,2}[.)]\s")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s")
# A line that ends in a hyphen or dash written against its word ("Jong-", "2014–") joins the next line without a space.
_ATTACHED_DASH = re.compile(r"\w[-‐‑–—]$")


def _width(line: str) -> int:
    return len(line.expandtabs(8).rstrip())


def _indent(line: str) -> int:
    expanded = line.expandtabs(8)
    return len(expanded) - len(expanded.lstrip())


def _first_word(line: str) -> str:
    words = line.split()
    return words[0] if words else ""


def _blocks(text: str) -> list[list[str]]:
    """The non-blank lines of each blank-line separated block; CRLF and CR line ends are read as LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [[line for line in block.split("\n") if line.strip()] for block in re.split(r"\n[^\S\n]*\n", text)]
    return [block for block in blocks if block]


def wrap_width(text: str) -> int | None:
    """The width ``text`` was hard-wrapped at, or None when it was not hard-wrapped.

    Only lines followed by another line of their block can be wrap points. The text is
    hard-wrapped when their common width (the 90th percentile of their lengths) is a plausible
    column (40 to 160 characters) and most of them are full without running past it: the
    next line's first word would not have fit on them, which is what a wrapping editor or
    ``fmt`` leaves. Paragraphs written one per line vary in length too much for that.
    """
    inner = [(line, block[i + 1]) for block in _blocks(text) for i, line in enumerate(block[:-1])]
    inner = [(line, following) for line, following in inner if _width(line) <= MAX_WRAP_WIDTH]
    if len(inner) < 2:
        return None
    lengths = sorted(_width(line) for line, _ in inner)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width < MIN_WRAP_WIDTH:
        return None
    full = sum(1 for line, following in inner if _is_full(line, following, width) and _width(line) <= width + _slack(width))
    return width if full >= WRAPPED_SHARE * len(inner) else None


def _slack(width: int) -> int:
    """How far a wrapped line may fall short of (or, unbroken, run past) the width: a tenth of it.

    Wrappers that balance lines (``fmt``) or stop a column short leave lines that much shorter.
    """
    return max(2, width // 10)


def _is_full(line: str, following: str, width: int) -> bool:
    """True when the first word of ``following`` would not have fit at the end of ``line``."""
    return _width(line) + 1 + len(_first_word(following)) > width - _slack(width)


def _is_list_item(line: str, numbered_list: bool) -> bool:
    return bool(_BULLET.match(line) or (numbered_list and _NUMBERED.match(line)))


def _is_heading(line: str) -> bool:
    """An all-capitals line ("BREAKING NEWS", "REACTION FROM SEOUL") or a Markdown heading."""
    letters = [c for c in line if c.isalpha()]
    return bool(_MARKDOWN_HEADING.match(line)) or (len(letters) >= 2 and not any(c.islower() for c in letters))


def _is_wrap(line: str, following: str, width: int | None, numbered_list: bool) -> bool:
    """True when the break between ``line`` and ``following`` (two lines of one block) is inside a paragraph.

    Never across a list item, heading, dateline or boilerplate line, or before a line indented
    deeper than a line that is not a list item (a paragraph's first-line indent). Otherwise a
    break is a wrap when the text is hard-wrapped and ``line`` is full, or when ``following``
    starts in lowercase and ``line`` ends without closing punctuation, wrapped text or not.
    """
    text, next_text = line.strip(), following.strip()
    if _is_list_item(following, numbered_list) or _is_heading(text):
        return False
    if any(is_boilerplate_line(candidate) or _DATE_LINE.match(candidate) for candidate in (text, next_text)):
        return False
    if _indent(following) > _indent(line) and not _is_list_item(line, numbered_list):
        return False
    if width is not None and _width(line) <= MAX_WRAP_WIDTH and _is_full(line, following, width):
        return True
    return next_text[:1].islower() and not re.search(r"[.!?:\"”’)]$", text)


def _join_wrapped(current: str, line: str) -> str:
    """Join a wrapped line to the text before it; a hyphen or dash against a word stays and takes no space."""
    if _ATTACHED_DASH.search(current):
        return current + line
    return f"{current} {line}"


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a plain text, each on one normalised line, with hard wrapping undone.

    Blocks are separated by blank lines (CRLF and CR line ends are read as LF). Inside a
    block, each line starts a paragraph unless the break before it is a wrap (see
    :func:`_is_wrap`): text written one paragraph per line is left as it is. A line that
    ends in a hyphen joins the next without a space and keeps the hyphen, because a wrap
    after "Kim Jong-" must give "Kim Jong-un"; a word split by hyphenation ("dis-" /
    "connected") therefore keeps its hyphen too, a rare and harmless spelling in news copy
    that no rule without a dictionary could tell apart.
    """
    blocks = _blocks(text)
    width = wrap_width(text)
    paragraphs: list[str] = []
    for block in blocks:
        numbered_list = sum(1 for line in block if _NUMBERED.match(line)) >= 2
        current = normalise_line(block[0])
        for previous, raw in zip(block, block[1:]):
            line = normalise_line(raw)
            if current and _is_wrap(previous, raw, width, numbered_list):
                current = _join_wrapped(current, line)
            else:
                if current:
                    paragraphs.append(current)
                current = line
        if current:
            paragraphs.append(current)
    return paragraphs


def clean_plain_text(text: str, title: str | None = None) -> PlainArticle:
    """Split a saved article into headline, standfirst and body, dropping the boilerplate tail.

    The first line is the headline when it matches ``title`` (from a sidecar) or looks like
    one (short, no closing punctuation). Pages saved as text often repeat the headline after
    a standfirst ("headline / standfirst / headline / body"); the standfirst then becomes the
    description and is not part of the body.
    """
    paragraphs = split_paragraphs(text)
    description = None
    if paragraphs:
        first = paragraphs[0]
        if (title and _same_line(first, title)) or (not title and looks_like_headline(first)):
            title = title or first
            paragraphs = paragraphs[1:]
            for index, paragraph in enumerate(paragraphs[:4]):
                if _same_line(paragraph, title):
                    description = " ".join(paragraphs[:index]) or None
                    paragraphs = paragraphs[index + 1 :]
                    break
    return PlainArticle(title=title, description=description, paragraphs=strip_boilerplate(paragraphs))


def _same_line(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()

    return key(a) == key(b)
