"""The report pages on the real `twitch-diary serve`, for tests that attack them over HTTP.

``TRUSTED_PROXIES=1`` lets each request claim its own client address in
``X-Forwarded-For``, so one test process plays an attacker with as many addresses as it
likes (an IPv6 attacker has that many). ``REPORT_URL`` is set, so its origin is one the
form may come from.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count

import pytest
import redis as redis_lib
import requests

from devkit import envelopes as env
from devkit.local_redis import RedisProcess
from devkit.served import serve_env, twitch_diary_serve
from tests.conftest import NOW
from tests.report_helpers import code_on_card

PUBLIC_URL = "https://twitch.example/report"
_addresses = count(1)


def _address() -> str:
    """A client address no request has used before."""
    return f"2001:db8::{next(_addresses):x}"


@pytest.fixture(scope="module")
def base_url(redis_server: RedisProcess) -> Iterator[str]:
    environment = serve_env(redis_server.url, TRUSTED_PROXIES="1", REPORT_URL=PUBLIC_URL)
    with twitch_diary_serve(environment) as url:
        yield url


@pytest.fixture
def web(base_url: str, redis_client: redis_lib.Redis) -> Iterator[str]:
    """The served app with an empty Redis (``redis_client`` flushes it around each test)."""
    yield base_url


def ask_for_code(base_url: str) -> str:
    """ "I want my report" through POST /alexa; the code off the card."""
    reply = requests.post(f"{base_url}/alexa", json=env.intent("ReportIntent", NOW), timeout=10)
    assert reply.status_code == 200
    return code_on_card(reply.json()["response"]["card"]["content"])


def enter(
    base_url: str, code: str, address: str | None = None, **headers: str
) -> requests.Response:
    """Type a code on the page from ``address`` (a fresh one unless given)."""
    return requests.post(
        f"{base_url}/report",
        data={"code": code},
        headers={"X-Forwarded-For": address or _address(), **headers},
        allow_redirects=False,
        timeout=10,
    )
