"""Report codes and sessions in Redis: single use, expiry, collisions, rate limit, forget."""

from __future__ import annotations

from datetime import timedelta
from itertools import chain, repeat

import pytest
import redis as redis_lib

from skill.episodes.store import Store
from skill.episodes.store import report as store_report
from skill.episodes.store.report import MAX_TRIES, Entered, ReportCodeError, code_key
from skill.episodes.store.report_gate import budget_key
from skill.report import codes
from tests.conftest import NOW

TTL = 900


def _issue(store: Store, user: str = "a" * 64) -> str:
    return store.report.issue_report_code(user, now=NOW, ttl=TTL, zone="Europe/London")


def test_a_code_is_nine_digits_in_a_global_key_with_a_ttl(
    store: Store, redis_client: redis_lib.Redis
) -> None:
    code = _issue(store)
    assert len(code) == 9 and code.isdigit()
    key = f"twitch:report_code:{{{code}}}"
    assert redis_client.get(key).startswith("a" * 64 + "|")
    assert 0 < redis_client.ttl(key) <= TTL


def test_a_code_opens_the_report_once(store: Store) -> None:
    code = _issue(store)
    access = store.report.redeem_report_code(code, now=NOW)
    assert access is not None
    assert (access.user_key, access.zone) == ("a" * 64, "Europe/London")
    assert store.report.redeem_report_code(code, now=NOW) is None


@pytest.mark.parametrize(
    "code", ["", "123456", "12345678", "1234567890", "abcdefghi", "123 56789", "１２３４５６７８９"]
)
def test_malformed_codes_open_nothing(store: Store, code: str) -> None:
    _issue(store)
    assert store.report.redeem_report_code(code, now=NOW) is None


def test_an_expired_code_opens_nothing_even_before_redis_drops_it(store: Store) -> None:
    code = _issue(store)
    assert store.report.redeem_report_code(code, now=NOW + timedelta(seconds=TTL)) is None


def test_a_new_code_replaces_the_users_previous_one(store: Store) -> None:
    first = _issue(store)
    second = _issue(store)
    assert store.report.redeem_report_code(first, now=NOW) is None
    assert store.report.redeem_report_code(second, now=NOW) is not None


def test_two_users_codes_are_independent(store: Store) -> None:
    mine, theirs = _issue(store, "a" * 64), _issue(store, "b" * 64)
    assert store.report.redeem_report_code(theirs, now=NOW).user_key == "b" * 64  # type: ignore[union-attr]
    assert store.report.redeem_report_code(mine, now=NOW).user_key == "a" * 64  # type: ignore[union-attr]


def test_a_colliding_draw_is_drawn_again(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    draws = chain([42, 42, 42, 7], repeat(7))
    monkeypatch.setattr(codes.secrets, "randbelow", lambda _: next(draws))
    first = _issue(store, "a" * 64)
    second = _issue(store, "b" * 64)
    assert (first, second) == ("000000042", "000000007")
    assert store.report.redeem_report_code("000000042", now=NOW).user_key == "a" * 64  # type: ignore[union-attr]


def test_no_free_code_is_an_error_not_an_overwrite(
    store: Store, monkeypatch: pytest.MonkeyPatch, redis_client: redis_lib.Redis
) -> None:
    monkeypatch.setattr(codes.secrets, "randbelow", lambda _: 42)
    _issue(store, "a" * 64)
    with pytest.raises(ReportCodeError):
        _issue(store, "b" * 64)
    assert redis_client.get(code_key("000000042")).startswith("a" * 64)


def test_a_session_shows_its_user_until_it_ends(store: Store) -> None:
    access = store.report.redeem_report_code(_issue(store), now=NOW)
    assert access is not None
    session = store.report.open_report_session(access, now=NOW)
    assert store.report.report_session(session, now=NOW).user_key == "a" * 64  # type: ignore[union-attr]
    later = NOW + timedelta(seconds=store_report.SESSION_SECONDS)
    assert store.report.report_session(session, now=later) is None
    store.report.end_report_session(session)
    assert store.report.report_session(session, now=NOW) is None
    assert store.report.report_session("not-a-session", now=NOW) is None


def test_tries_are_limited_per_address(store: Store, redis_client: redis_lib.Redis) -> None:
    allowed = [store.report_gate.count_report_try("192.0.2.1") for _ in range(MAX_TRIES + 1)]
    assert allowed == [True] * MAX_TRIES + [False]
    assert store.report_gate.count_report_try("192.0.2.2")
    assert 0 < redis_client.ttl("twitch:report_tries:{192.0.2.1}") <= 15 * 60


def test_forget_drops_the_outstanding_code_and_session(
    store: Store, redis_client: redis_lib.Redis
) -> None:
    user = "c" * 64
    opened = store.report.redeem_report_code(_issue(store, user), now=NOW)
    assert opened is not None
    session = store.report.open_report_session(opened, now=NOW)
    code = _issue(store, user)
    store.forget(user)
    assert store.report.redeem_report_code(code, now=NOW) is None
    assert store.report.report_session(session, now=NOW) is None
    assert redis_client.keys(f"*{user}*") == []
    left = [redis_client.get(key) or "" for key in redis_client.keys("twitch:report_*")]
    assert not any(user in value for value in left)


def test_the_budget_window_starts_once_and_a_refund_does_not_restart_it(
    store: Store, redis_client: redis_lib.Redis
) -> None:
    assert store.report_gate.reserve_short_check()
    redis_client.expire(budget_key(), 100)  # as if the window were nearly over
    store.report_gate.refund_short_check()  # the code was right
    assert store.report_gate.reserve_short_check()
    assert 0 < redis_client.ttl(budget_key()) <= 100  # still the same window


def test_a_refund_never_goes_below_zero_nor_outlives_its_window(
    store: Store, redis_client: redis_lib.Redis
) -> None:
    # The window ended between the reservation and the refund.
    store.report_gate.refund_short_check()
    assert redis_client.get(budget_key()) is None
    for _ in range(codes.SHORT_WRONG_BUDGET):
        assert store.report_gate.reserve_short_check()
    assert not store.report_gate.reserve_short_check()
    assert store.report_gate.short_codes_paused()
    assert redis_client.get(budget_key()) == str(codes.SHORT_WRONG_BUDGET)  # refusals add nothing


def test_while_short_codes_are_paused_new_codes_are_long(
    store: Store, redis_client: redis_lib.Redis
) -> None:
    redis_client.set(budget_key(), codes.SHORT_WRONG_BUDGET, ex=60)
    code = _issue(store)
    assert len(code) == codes.LONG_DIGITS
    opened, access = store.report.enter_report_code(
        codes.written(code), address="192.0.2.9", now=NOW
    )
    assert opened is Entered.OPENED and access is not None
    assert redis_client.keys("twitch:report_tries:*") == []  # long codes count nowhere
