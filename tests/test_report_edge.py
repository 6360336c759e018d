"""Issue 13, item 4: POST /report checks Origin, and every /report response, 404 and 405
included, carries the security headers. Against the real `twitch-diary serve`.
"""

from __future__ import annotations

import pytest
import redis as redis_lib
import requests

from skill.episodes.store.report_gate import budget_key
from skill.report.origin import posted_from_here
from skill.web.report_views import SECURITY_HEADERS
from tests.report_served import PUBLIC_URL, ask_for_code, base_url, enter, web

__all__ = ["base_url", "web"]  # fixtures

CROSS_SITE = [
    {"Origin": "https://evil.example"},
    {"Origin": "http://127.0.0.1.evil.example"},
    {"Origin": "null"},  # a sandboxed frame or a redirect across sites
    {"Origin": "https://twitch.example:8443"},  # REPORT_URL's host, another port
    {"Sec-Fetch-Site": "cross-site"},  # no Origin, but the browser says where it came from
    {"Sec-Fetch-Site": "same-site"},  # a sibling host is another origin too
]


def _assert_secure(reply: requests.Response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert reply.headers.get(name) == value, (reply.request.method, reply.url, name)


@pytest.mark.parametrize("headers", CROSS_SITE, ids=lambda h: "|".join(h.values()))
def test_a_post_from_another_site_is_refused_before_anything_is_counted(
    web: str, redis_client: redis_lib.Redis, headers: dict[str, str]
) -> None:
    code = ask_for_code(web)
    reply = enter(web, code, **headers)
    assert reply.status_code == 403
    assert "Set-Cookie" not in reply.headers
    assert "only works from the report page" in reply.text
    _assert_secure(reply)
    # Nothing was spent: the code still works, no budget or address try was counted.
    assert redis_client.exists(f"twitch:report_code:{{{code}}}")
    assert redis_client.get(budget_key()) is None
    assert redis_client.keys("twitch:report_tries:*") == []
    assert enter(web, code).status_code == 303


@pytest.mark.parametrize(
    "headers",
    [
        {},  # no Origin: not a browser (curl) or a very old one; documented as accepted
        {"Sec-Fetch-Site": "same-origin"},
        {"Origin": "SELF"},  # filled in with the server's own origin below
        {"Origin": "https://twitch.example"},  # REPORT_URL's origin (behind the TLS proxy)
        {"Origin": "HTTPS://Twitch.Example:443"},  # the same origin, written differently
    ],
    ids=["no-origin", "same-origin-fetch", "own-origin", "report-url", "report-url-spelled"],
)
def test_a_post_from_the_page_itself_opens_the_report(web: str, headers: dict[str, str]) -> None:
    if headers.get("Origin") == "SELF":
        headers = {"Origin": web, "Sec-Fetch-Site": "same-origin"}
    reply = enter(web, ask_for_code(web), **headers)
    assert reply.status_code == 303
    _assert_secure(reply)


def test_closing_the_report_from_another_site_is_refused(web: str) -> None:
    opened = enter(web, ask_for_code(web))
    cookies = opened.cookies
    forged = requests.post(f"{web}/report/end", cookies=cookies, allow_redirects=False,
                           headers={"Origin": "https://evil.example"}, timeout=10)  # fmt: skip
    assert forged.status_code == 403
    assert requests.get(f"{web}/report/view", cookies=cookies, timeout=10).status_code == 200
    ended = requests.post(f"{web}/report/end", cookies=cookies, allow_redirects=False,
                          headers={"Origin": web}, timeout=10)  # fmt: skip
    assert ended.status_code == 303
    assert requests.get(f"{web}/report/view", cookies=cookies, timeout=10).status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/report", 200),
        ("HEAD", "/report", 200),
        ("OPTIONS", "/report", 200),
        ("GET", "/report/static/report.css", 200),
        ("GET", "/report/view", 401),
        ("GET", "/report/view.pdf", 401),
        ("GET", "/report/nothing-here", 404),
        ("GET", "/report/view.pdf/more", 404),
        ("GET", "/report/static/missing.css", 404),
        ("GET", "/report/", 404),
        ("PUT", "/report", 405),
        ("DELETE", "/report/view", 405),
        ("GET", "/report/end", 405),
        ("POST", "/report/view.csv", 405),
    ],
)
def test_every_report_response_carries_the_security_headers(
    web: str, method: str, path: str, status: int
) -> None:
    reply = requests.request(method, f"{web}{path}", allow_redirects=False, timeout=10)
    assert reply.status_code == status
    _assert_secure(reply)


def test_refusals_and_errors_carry_them_too(web: str) -> None:
    _assert_secure(enter(web, "000000000"))  # 403, a wrong code
    _assert_secure(enter(web, "x", Origin="https://evil.example"))  # 403, cross-site
    too_big = requests.post(f"{web}/report", data={"code": "1" * 2_000_000}, timeout=10)
    assert too_big.status_code in (400, 413)  # refused as the app refuses any oversized body
    _assert_secure(too_big)


def test_only_report_paths_get_the_report_policy(web: str) -> None:
    reply = requests.get(f"{web}/healthz", timeout=10)
    assert reply.status_code == 200
    assert "Content-Security-Policy" not in reply.headers  # /report's, not every page's


@pytest.mark.parametrize(
    ("origin", "site", "allowed"),
    [
        (None, None, True),
        (None, "none", True),
        (None, "cross-site", False),
        ("http://localhost:8080", None, True),
        ("http://localhost:80", None, False),
        ("http://localhost", "same-origin", False),  # the port is part of the origin
        ("javascript:alert(1)", None, False),
        ("http://localhost:99999", None, False),
        ("", None, False),
        ("null", None, False),
        ("null", "cross-site", False),
        ("null", "same-origin", True),  # a browser under a strict referrer policy
    ],
)
def test_the_origin_rule(origin: str | None, site: str | None, allowed: bool) -> None:
    own = ("http://localhost:8080/", PUBLIC_URL)
    assert posted_from_here(origin, site, own) is allowed
