"""What a source is, and how to read the ones that list other things: feeds, sitemaps, WARCs, folders.

``claimgraph ingest`` takes any mix of:

- ``@FILE``: a text file with one source per line (blank lines and ``#`` comments ignored);
- a URL: fetched, then recognised by its content: an RSS/Atom feed, an XML sitemap (index,
  urlset or Google News sitemap, possibly gzipped) or an article page;
- a folder: every ``.html``, ``.htm``, ``.txt``, ``.xml`` and ``.warc(.gz)`` file in it, recursively;
- a file: ``.html``/``.htm`` page, ``.txt`` article (with an optional ``<name>.meta.json``
  sidecar), ``.xml`` feed or sitemap, ``.warc``/``.warc.gz`` archive.

To add a kind of source, give :func:`classify` a name for it and teach
``pipeline._Run`` to expand it into :class:`Entry` items (URLs) or documents.
"""

from __future__ import annotations

import io
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import feedparser
from lxml import etree

from ..errors import InputError
from .urls import canonicalize_url, is_http_url

# Keys of a text file's ``<name>.meta.json``, all optional; others (notes) are ignored.
SIDECAR_MAX_BYTES = 1_000_000  # a few metadata fields, never a document
SIDECAR_KEYS = ("title", "outlet", "outlet_domain", "published", "language", "url", "author", "description")
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
ARCHIVE_SUFFIXES = (".warc", ".warc.gz")


@dataclass
class Entry:
    """A URL found in a feed or sitemap, with the date the listing gives for it."""

    url: str
    published: date | None = None


@dataclass
class WarcPage:
    """One HTTP response from a WARC archive."""

    url: str
    status: int
    content_type: str | None
    body: bytes
    date: str | None
    etag: str | None
    last_modified: str | None


def classify(source: str) -> str:
    """``list``, ``url``, ``folder``, ``warc``, ``html-file``, ``text-file``, ``xml-file`` or ``missing``."""
    if source.startswith("@"):
        return "list"
    if is_http_url(source):
        return "url"
    path = Path(source)
    if path.is_dir():
        return "folder"
    if not path.exists():
        return "missing"
    name = path.name.lower()
    if name.endswith(ARCHIVE_SUFFIXES):
        return "warc"
    if name.endswith(PAGE_SUFFIXES):
        return "html-file"
    if name.endswith(".txt"):
        return "text-file"
    if name.endswith((".xml", ".rss", ".atom", ".xml.gz")):
        return "xml-file"
    return "unknown"


def read_source_list(path: Path) -> list[str]:
    """Sources listed one per line in a file (for ``@FILE``)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read source list ({error})") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def walk_folder(folder: Path) -> list[Path]:
    """The files under ``folder`` that ingest can read, in a stable order; sidecars are not sources."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.startswith(".") and classify(str(path)) not in ("unknown", "missing"):
            found.append(path)
    return found


def read_sidecar(path: Path) -> dict:
    """The ``<name>.meta.json`` next to a text file, or ``{}``; a broken sidecar is an error naming it."""
    sidecar = path.with_name(path.name[: -len(path.suffix)] + ".meta.json")
    if not sidecar.exists():
        return {}
    if sidecar.stat().st_size > SIDECAR_MAX_BYTES:
        raise InputError(f"{sidecar}: metadata sidecar is larger than {SIDECAR_MAX_BYTES} bytes")
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{sidecar}: invalid metadata sidecar ({error})") from None
    except RecursionError:
        raise InputError(f"{sidecar}: metadata sidecar nested too deeply to read") from None
    if not isinstance(data, dict):
        raise InputError(f"{sidecar}: metadata sidecar must be a JSON object")
    for key in SIDECAR_KEYS:
        value = data.get(key)
        names = value if key == "author" and isinstance(value, list) else [value]
        if value is not None and not all(isinstance(item, str) for item in names):
            raise InputError(f"{sidecar}: {key!r} must be text")
    return data


# ----------------------------------------------------------------------------- feeds and sitemaps


def maybe_gunzip(body: bytes, name: str, limit: int) -> bytes:
    """Sitemaps are often served gzipped (``sitemap.xml.gz``); other bodies pass through.

    The gzip magic bytes are enough, whatever the file is called or the server says, so the
    output is bounded: data that expands beyond ``limit`` bytes is an error, not a page.
    """
    if body[:2] != b"\x1f\x8b":
        return body
    return gunzip_limited(body, name, limit)


def gunzip_limited(data: bytes, name: str, limit: int) -> bytes:
    """Decompress gzip ``data`` (several members too) into at most ``limit`` bytes; InputError otherwise."""
    out = bytearray()
    rest = data
    try:
        while rest:
            decompressor = zlib.decompressobj(wbits=31)
            out += decompressor.decompress(rest, limit + 1 - len(out))
            if len(out) > limit:
                raise InputError(f"{name}: gzip data expands beyond the {limit}-byte limit")
            if not decompressor.eof:
                raise InputError(f"{name}: truncated gzip data")
            rest = decompressor.unused_data.lstrip(b"\x00")  # members may be padded with zeros
    except zlib.error as error:
        raise InputError(f"{name}: corrupt gzip data ({error})") from None
    return bytes(out)


def read_local_file(path: Path, limit: int) -> bytes:
    """A local page, text or listing file, refused when it is larger than ``limit`` bytes (``--max-bytes``)."""
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"{path}: file of {size} bytes is larger than the {limit}-byte limit (--max-bytes)")
    return path.read_bytes()


def printable_path(path: str) -> str:
    """A path as text that can be stored and printed: bytes that are not UTF-8 shown as ``\\xff``."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def sniff_xml(body: bytes) -> str | None:
    """``feed`` or ``sitemap`` when the body's root element says so, else None (a page)."""
    head = body[:2048].lstrip().lower()
    if not head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf", b"<urlset", b"<sitemapindex", b"\xef\xbb\xbf")):
        return None
    match = re.search(rb"<(?!\?|!)([\w:-]+)", head)
    if not match:
        return None
    root = match.group(1).split(b":")[-1]
    if root in (b"rss", b"feed", b"rdf"):
        return "feed"
    if root in (b"urlset", b"sitemapindex"):
        return "sitemap"
    return None


def _date_of(value) -> date | None:
    if value is None:
        return None
    if hasattr(value, "tm_year"):
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def _entry_url(link: str, listing: str) -> str | None:
    """The canonical http(s) URL of a listed link, or None for one that is malformed or not on the web."""
    try:
        address = canonicalize_url(link, base=listing)
    except InputError:
        return None
    return address if address.startswith(("http://", "https://")) else None


def parse_feed(body: bytes, url: str) -> list[Entry]:
    """Article links of an RSS or Atom feed, with their publication dates."""
    # A file object, so feedparser never mistakes the bytes for a path or URL to open itself.
    parsed = feedparser.parse(io.BytesIO(body))
    if parsed.bozo and not parsed.entries:
        raise InputError(f"{url}: invalid feed ({parsed.get('bozo_exception', 'not RSS or Atom')})")
    entries = []
    for item in parsed.entries:
        link = item.get("link") or next((l.get("href") for l in item.get("links", []) if l.get("href")), None)
        if not link or not (address := _entry_url(link, url)):
            continue
        published = _date_of(item.get("published_parsed") or item.get("updated_parsed"))
        entries.append(Entry(address, published))
    return entries


def parse_sitemap(body: bytes, url: str) -> tuple[list[Entry], list[Entry]]:
    """``(child sitemaps, pages)`` of a sitemap index or urlset (Google News sitemaps included).

    A page's date is its ``news:publication_date`` when there is one, else its ``lastmod``.
    """
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError as error:
        raise InputError(f"{url}: invalid sitemap XML ({error})") from None
    children: list[Entry] = []
    pages: list[Entry] = []
    kind = etree.QName(root).localname
    if kind not in ("sitemapindex", "urlset"):
        raise InputError(f"{url}: not a sitemap (root element <{kind}>)")
    for node in root:
        if not isinstance(node.tag, str):
            continue
        values: dict[str, str] = {}
        for child in node.iter():
            if isinstance(child.tag, str) and child.text and child.text.strip():
                values.setdefault(etree.QName(child).localname, child.text.strip())
        loc = values.get("loc")
        if not loc or not (address := _entry_url(loc, url)):
            continue
        entry = Entry(address, _date_of(values.get("publication_date") or values.get("lastmod")))
        (children if kind == "sitemapindex" else pages).append(entry)
    return children, pages


def in_window(published: date | None, since: date | None, until: date | None) -> bool:
    """True when an entry's date is within ``since``..``until`` (inclusive); undated entries always are."""
    if published is None:
        return True
    return (since is None or published >= since) and (until is None or published <= until)


# ----------------------------------------------------------------------------- WARC


def read_warc(path: Path, max_bytes: int) -> Iterator[WarcPage]:
    """HTTP responses stored in a WARC or WARC.gz file, each body at most ``max_bytes`` long.

    Raises InputError for an empty or broken archive, a record cut short (a WARC copied
    while it was written: its body must not become an article that ends mid-word) and a
    body over the limit. Records before the broken one have been yielded by then.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if path.stat().st_size == 0:
        raise InputError(f"{path}: empty WARC file")
    with path.open("rb") as stream:
        head = stream.read(4096)
        head_is_gzip = head[:2] == b"\x1f\x8b"
        if head_is_gzip:
            try:
                head = zlib.decompressobj(wbits=31).decompress(head, 64)
            except zlib.error as error:
                raise InputError(f"{path}: corrupt gzip data ({error})") from None
        if not head.startswith(b"WARC/"):
            raise InputError(f"{path}: not a WARC file (no WARC/ header at the start)")
        stream.seek(0)
        records = ArchiveIterator(stream)
        while True:
            try:
                record = next(records)
                page = _warc_page(path, record, max_bytes)
            except StopIteration:
                if head_is_gzip:
                    _check_gzip_members(path)
                else:
                    _check_ends_after_record(path, stream, getattr(records, "offset", None))
                return
            except InputError:
                raise
            # warcio raises these (AttributeError included) for a record cut inside its headers.
            except (ArchiveLoadFailed, ValueError, OSError, EOFError, zlib.error, AttributeError, TypeError) as error:
                detail = " ".join(str(error).split())[:160]  # warcio quotes the broken line, newline and all
                raise InputError(f"{path}: not a readable WARC, broken after offset {getattr(records, 'offset', 0)} "
                                 f"({type(error).__name__}: {detail})") from None
            if page is not None:
                yield page


def _warc_page(path: Path, record, max_bytes: int) -> WarcPage | None:
    """The HTTP response in a WARC record, None for other records; InputError when it is cut short or too large."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    headers = record.http_headers
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        raise InputError(f"{path}: record for {url}: body is larger than the {max_bytes}-byte limit (--max-bytes)")
    raw = record.raw_stream
    while raw.read(1 << 16):  # the rest of the record, so a short one shows
        pass
    declared = getattr(raw, "_orig_limit", None)
    missing = getattr(raw, "limit", 0)
    if missing > 0:
        raise InputError(f"{path}: record for {url} is truncated ({declared - missing} of {declared} bytes)")
    return WarcPage(
        url=url,
        status=int(headers.get_statuscode() or 0),
        content_type=headers.get_header("Content-Type"),
        body=body,
        date=record.rec_headers.get_header("WARC-Date"),
        etag=headers.get_header("ETag"),
        last_modified=headers.get_header("Last-Modified"),
    )


def _check_ends_after_record(path: Path, stream, offset: int | None) -> None:
    """InputError when bytes other than blank lines follow the last whole record: warcio stops quietly at a cut header."""
    if offset is None:
        return
    stream.seek(offset)
    rest = stream.read(4096)
    if rest.strip():
        raise InputError(f"{path}: truncated: the archive ends inside the record at offset {offset}")


def _check_gzip_members(path: Path) -> None:
    """InputError when a gzipped file ends inside a member: warcio reads a cut last member as the end of the archive."""
    decompressor = zlib.decompressobj(wbits=31)
    pending = False  # bytes of a member that has not ended yet were read
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            while chunk:
                try:
                    decompressor.decompress(chunk, 1 << 20)
                except zlib.error as error:
                    raise InputError(f"{path}: corrupt gzip data before offset {stream.tell()} ({error})") from None
                if decompressor.eof:
                    chunk = decompressor.unused_data.lstrip(b"\x00")
                    decompressor = zlib.decompressobj(wbits=31)
                    pending = False
                else:
                    chunk = decompressor.unconsumed_tail
                    pending = True
    if pending:
        raise InputError(f"{path}: truncated: the archive ends inside a record")
