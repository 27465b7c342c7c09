"""IRIs from untrusted text: a URL from an article becomes an IRI that every RDF parser accepts.

``rdflib`` serialises almost any string between ``<>``; stricter parsers (Oxigraph) reject an
IRI with a space, a brace, a stray ``%`` or a second ``#`` and with it the whole file. So a URL
is split into its parts and each part is percent-encoded to RFC 3986 (plain ASCII, a valid IRI
too); a URL that cannot be repaired (no scheme, no host, a port that is no number) gives
``None``, and the caller says so.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import quote, urlsplit, urlunsplit

__all__ = ["url_iri"]

_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*")
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_SUB_DELIMS = "!$&'()*+,;="
_PCHAR = "-._~" + _SUB_DELIMS + ":@%"
_VALID = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


def _encode(part: str, safe: str) -> str:
    return quote(_STRAY_PERCENT.sub("%25", part), safe=safe, errors="replace")


def url_iri(url: str) -> str | None:
    """``url`` as an absolute IRI string that RDF parsers accept, or ``None`` when it is no URL.

    >>> url_iri("https://contoh.example/berita baru/{1}?q=a b#x#y")
    'https://contoh.example/berita%20baru/%7B1%7D?q=a%20b#x%23y'
    >>> url_iri("contoh.example/berita") is None
    True
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:  # a bad IPv6 host or a port that is no number
        return None
    if not _SCHEME.fullmatch(parts.scheme) or not parts.netloc:
        return None
    host = parts.hostname or ""
    if "[" in parts.netloc:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return None
        host = f"[{host}]"
    else:
        host = _encode(host, "-._~" + _SUB_DELIMS + "%")
    if not host:
        return None
    userinfo = ""
    if "@" in parts.netloc:
        userinfo = _encode(parts.netloc.rpartition("@")[0], "-._~" + _SUB_DELIMS + ":%") + "@"
    netloc = userinfo + host + (f":{port}" if port is not None else "")
    iri = urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            _encode(parts.path, _PCHAR + "/"),
            _encode(parts.query, _PCHAR + "/?"),
            _encode(parts.fragment, _PCHAR + "/?"),
        )
    )
    return iri if _VALID.fullmatch(iri) else None
