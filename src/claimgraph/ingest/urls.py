"""URL rules: what counts as the same article, and which host a URL belongs to.

Two URLs are the same article when their canonical forms are equal: lower-case scheme and
host, no default port, no fragment, no tracking parameters (``utm_*``, ``fbclid``, ...),
remaining query parameters sorted. Adding a tracker to strip is adding it to ``TRACKING_PARAMS``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from ..errors import InputError

TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "mkt_tok", "_ga", "_gl",
        "ocid", "cmpid", "smid", "smtyp", "ncid", "sr_share", "ito", "at_medium", "at_campaign",
        "cmp", "ref", "ref_src", "referrer", "taid", "guccounter", "spm", "soc_src", "soc_trk",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "oly_", "__twitter")


def is_http_url(text: str) -> bool:
    """True for an absolute http(s) URL."""
    return bool(re.match(r"^https?://[^\s/]+", text.strip(), re.IGNORECASE))


def _netloc(parts, drop_default_port: bool) -> str:
    """``host[:port]`` in lower case, IPv6 addresses in brackets; InputError for a malformed port."""
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        raise InputError(f"{urlunsplit(parts)}: invalid port in URL") from None
    if port and not (drop_default_port and (parts.scheme.lower(), port) in (("http", 80), ("https", 443))):
        return f"{host}:{port}"
    return host


def canonicalize_url(url: str, base: str | None = None) -> str:
    """The canonical form of ``url`` (resolved against ``base`` when relative); InputError when it is malformed."""
    try:
        if base:
            url = urljoin(base, url.strip())
        parts = urlsplit(url.strip())
    except ValueError as error:
        raise InputError(f"{url}: invalid URL ({error})") from None
    scheme = parts.scheme.lower()
    netloc = _netloc(parts, drop_default_port=True)
    if scheme in ("http", "https") and not netloc:
        raise InputError(f"{url}: no host name in URL")
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMS and not key.lower().startswith(_TRACKING_PREFIXES)
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def host_of(url: str) -> str:
    """``host[:port]`` of a URL, the unit that rate limits and robots.txt apply to."""
    return _netloc(urlsplit(url), drop_default_port=False)


def domain_of(url: str) -> str:
    """The host name without ``www.``, used as an outlet's id when nothing better is known."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def absolute_http_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (``javascript:``, ``data:``, relative, garbage).

    What may be published as a link: the claim pages and ClaimReview both use it.
    """
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit(parts)
