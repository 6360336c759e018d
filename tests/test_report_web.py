"""The /report pages through the Flask test client: codes, cookie, headers, PDF and CSV."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest
from flask.testing import FlaskClient

from devkit import envelopes as env
from devkit.envelopes import TestClock
from skill.config import Settings
from skill.episodes.store import Store, connect
from skill.episodes.store.report import MAX_TRIES
from skill.web.app import create_app
from skill.web.report_views import COOKIE, SECURITY_HEADERS
from tests.conftest import SECRET
from tests.report_helpers import ask_for_code, pdf_pages, seed_diary


@pytest.fixture
def seeded(store: Store) -> str:
    user = store.user_key(env.USER_ID)
    seed_diary(store, user)
    return user


def _open(client: FlaskClient, code: str):  # type: ignore[no-untyped-def]
    return client.post("/report", data={"code": code})


def _assert_secure(reply) -> None:  # type: ignore[no-untyped-def]
    for name, value in SECURITY_HEADERS.items():
        assert reply.headers[name] == value
    policy = reply.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_the_form_asks_for_a_code_and_shows_no_data(client: FlaskClient, seeded: str) -> None:
    reply = client.get("/report")
    assert reply.status_code == 200
    page = reply.get_data(as_text=True)
    assert 'name="code"' in page and "eyelid" not in page
    assert "<script" not in page and "style=" not in page
    _assert_secure(reply)


def test_a_spoken_code_opens_the_report(client: FlaskClient, seeded: str) -> None:
    reply = _open(client, ask_for_code(client))
    assert reply.status_code == 303
    assert reply.headers["Location"].endswith("/report/view")
    cookie = reply.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/report" in cookie
    assert "Secure" not in cookie  # plain http in the test: a Secure cookie would not come back
    _assert_secure(reply)
    page = client.get("/report/view")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "9 twitches on 7 days" in html
    assert html.count("<tr><td>20") == 9  # nine log rows, each starting with its date
    assert 'id="heat-map"' in html and 'id="regions-chart"' in html
    assert "not medical advice" in html
    assert "<script" not in html and "style=" not in html
    _assert_secure(page)


def test_the_session_is_https_only_behind_https(client: FlaskClient, seeded: str) -> None:
    code = ask_for_code(client)
    reply = client.post("/report", data={"code": code}, base_url="https://localhost")
    assert "Secure" in reply.headers["Set-Cookie"]


@pytest.mark.parametrize("code", ["000000000", "0000000000000000", "", "abc", "1" * 50])
def test_a_wrong_code_is_refused(client: FlaskClient, seeded: str, code: str) -> None:
    ask_for_code(client)
    reply = _open(client, code)
    assert reply.status_code == 403
    assert "Set-Cookie" not in reply.headers
    assert client.get("/report/view").status_code == 401
    _assert_secure(reply)


def test_a_used_code_is_refused(client: FlaskClient, seeded: str) -> None:
    code = ask_for_code(client)
    assert _open(client, code).status_code == 303
    assert _open(client, code).status_code == 403


def test_an_expired_code_is_refused(client: FlaskClient, clock: TestClock, seeded: str) -> None:
    code = ask_for_code(client)
    clock.advance(minutes=15, seconds=1)
    assert _open(client, code).status_code == 403


@pytest.mark.parametrize("separator", [" ", "-"])
def test_a_code_in_groups_is_accepted(client: FlaskClient, seeded: str, separator: str) -> None:
    code = ask_for_code(client)
    assert _open(client, separator.join((code[:3], code[3:6], code[6:]))).status_code == 303


def test_too_many_tries_from_one_address_are_refused(client: FlaskClient, seeded: str) -> None:
    for _ in range(MAX_TRIES):
        assert _open(client, "000000000").status_code == 403
    code = ask_for_code(client)
    reply = _open(client, code)
    assert reply.status_code == 429
    assert "Ask Alexa for a new code" in reply.get_data(as_text=True)
    _assert_secure(reply)
    again = ask_for_code(client)  # the first is still unused: this one is long, never limited
    assert len(again) == 16
    assert _open(client, again).status_code == 303


def test_without_a_session_nothing_is_shown(client: FlaskClient, seeded: str) -> None:
    for path in ("/report/view", "/report/view.pdf", "/report/view.csv"):
        reply = client.get(path)
        assert reply.status_code == 401
        assert "eyelid" not in reply.get_data(as_text=True)
    client.set_cookie(COOKIE, "made-up-session", path="/report")
    assert client.get("/report/view").status_code == 401


def test_pdf_and_csv_downloads(client: FlaskClient, seeded: str) -> None:
    _open(client, ask_for_code(client))
    pdf = client.get("/report/view.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF-")
    assert pdf_pages(pdf.data) >= 1
    assert "attachment" in pdf.headers["Content-Disposition"]
    _assert_secure(pdf)
    reply = client.get("/report/view.csv")
    assert reply.status_code == 200 and reply.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(reply.get_data(as_text=True))))
    assert len(rows) == 9
    assert sum(row["location"] == "eyelid" for row in rows) == 7


def test_closing_the_report_ends_the_session(client: FlaskClient, seeded: str) -> None:
    _open(client, ask_for_code(client))
    assert client.get("/report/view").status_code == 200
    reply = client.post("/report/end")
    assert reply.status_code == 303
    assert client.get("/report/view").status_code == 401


def test_forgetting_the_user_ends_their_report(
    client: FlaskClient, store: Store, seeded: str
) -> None:
    _open(client, ask_for_code(client))
    code = ask_for_code(client)
    store.forget(seeded)
    assert client.get("/report/view").status_code == 401
    assert _open(client, code).status_code == 403


def test_no_url_carries_the_user(client: FlaskClient, seeded: str) -> None:
    reply = _open(client, ask_for_code(client))
    html = client.get(reply.headers["Location"]).get_data(as_text=True)
    assert seeded not in html and env.USER_ID not in html
    assert seeded not in reply.headers["Location"]


def test_static_files_carry_the_headers_too(client: FlaskClient) -> None:
    with client.get("/report/static/report.css") as reply:
        assert reply.status_code == 200
        _assert_secure(reply)


def test_an_unreachable_store_is_a_clear_page_not_a_traceback(
    settings: Settings, clock: TestClock
) -> None:
    down = Store(connect("redis://127.0.0.1:1/0", timeout=0.2), SECRET)
    client = create_app(settings, clock=clock, store=down).test_client()
    reply = client.post("/report", data={"code": "123456789"})
    assert reply.status_code == 503
    assert "cannot be reached" in reply.get_data(as_text=True)
    _assert_secure(reply)


def test_behind_a_trusted_proxy_each_client_address_has_its_own_limit(
    settings: Settings, store: Store, clock: TestClock, seeded: str
) -> None:
    proxied = dataclasses.replace(settings, trusted_proxies=1)
    client = create_app(proxied, clock=clock, store=store).test_client()

    def attempt(address: str, code: str) -> int:
        reply = client.post("/report", data={"code": code},
                            headers={"X-Forwarded-For": address})  # fmt: skip
        return reply.status_code

    for _ in range(MAX_TRIES):
        assert attempt("203.0.113.7", "000000000") == 403
    assert attempt("203.0.113.7", "000000000") == 429
    assert attempt("198.51.100.9", "000000000") == 403  # another client is not blocked
