"""Whether a POST to the report pages came from the report pages themselves. No Flask.

A page on another site can make a visitor's browser post a form here: it could sign the
visitor into the poster's report (a login CSRF), burn the visitor's code, or spend the
global budget of wrong short codes through its visitors' browsers. Browsers say where a
form was posted from, so such a post is refused (403) before anything is counted:

- ``Origin`` present: it must be this service's own origin (the scheme and host the
  request came to, or the origin of ``REPORT_URL``). ``Origin: null`` (a sandboxed frame,
  a redirect across sites, a ``file:`` page) is refused, unless ``Sec-Fetch-Site`` says
  ``same-origin``: a browser sends null for its own page's post too when a referrer policy
  forbids more (the pages use ``same-origin`` so that it does not), and no page can set
  ``Sec-Fetch-Site``.
- ``Origin`` absent: every current browser sends it with a form POST, so its absence
  means a client that is not a browser (curl, a script) or a very old browser. Neither
  is a CSRF vector: a forged request needs a victim's browser to carry it, and a script
  gains nothing it could not get by asking directly. Such posts are accepted, unless
  ``Sec-Fetch-Site`` says ``cross-site`` or ``same-site`` (a sibling host is another
  origin too).
"""

from __future__ import annotations

from urllib.parse import urlsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
_FETCH_SITES_OK = frozenset({"same-origin", "none"})  # "none": the user typed or bookmarked it


def origin_of(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of a URL, lowercased and with the default port filled in."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # a port that is not a number, or out of range
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    return scheme, parts.hostname.lower(), port or _DEFAULT_PORTS[scheme]


def posted_from_here(
    origin: str | None, fetch_site: str | None, own_urls: tuple[str | None, ...]
) -> bool:
    """Whether a POST with these headers came from one of ``own_urls``' origins."""
    site = fetch_site.lower() if fetch_site is not None else None
    if origin is None:
        return site is None or site in _FETCH_SITES_OK
    if origin.strip() == "null":
        return site == "same-origin"
    sender = origin_of(origin)
    if sender is None:  # "null", or anything that is no http(s) origin
        return False
    return any(sender == origin_of(url) for url in own_urls if url)
