"""URL rules: what counts as the same article, and which host a URL belongs to.

Two URLs are the same article when their canonical forms are equal: lower-case scheme and
host, no default port, no fragment, no tracking parameters (``utm_*``, ``fbclid``, ...),
remaining query parameters sorted. Adding a tracker to strip is adding it to ``TRACKING_PARAMS``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

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


def canonicalize_url(url: str, base: str | None = None) -> str:
    """The canonical form of ``url`` (resolved against ``base`` when relative)."""
    if base:
        url = urljoin(base, url.strip())
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port if parts.port and (scheme, parts.port) not in (("http", 80), ("https", 443)) else None
    netloc = f"{host}:{port}" if port else host
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMS and not key.lower().startswith(_TRACKING_PREFIXES)
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def host_of(url: str) -> str:
    """``host[:port]`` of a URL, the unit that rate limits and robots.txt apply to."""
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower()}{f':{parts.port}' if parts.port else ''}"


def domain_of(url: str) -> str:
    """The host name without ``www.``, used as an outlet's id when nothing better is known."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host
