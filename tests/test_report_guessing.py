"""Issue 13, item 4: the report cannot be guessed, and nobody can be locked out of it.

Against the real `twitch-diary serve` (gevent workers, two processes) and a real
redis-server. ``TRUSTED_PROXIES=1`` lets each request claim its own client address in
``X-Forwarded-For``, so one test process plays an attacker with as many addresses as it
likes (an IPv6 attacker has that many).
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import redis as redis_lib
import requests

from skill.episodes.store.report_gate import MAX_TRIES, budget_key, tries_key
from skill.report import codes
from tests.report_served import ask_for_code, base_url, enter, web

__all__ = ["base_url", "web"]  # fixtures


def _wrong(code: str, n: int) -> str:
    """A code of the same length that is not ``code``."""
    return f"{(int(code) + 1 + n) % 10 ** len(code):0{len(code)}d}"


def _statuses(url: str, guesses: list[str]) -> Counter[int]:
    """Each guess from its own address, 20 at a time (over both workers): the statuses."""
    with ThreadPoolExecutor(20) as pool:
        replies = pool.map(lambda guess: enter(url, guess), guesses)
        return Counter(reply.status_code for reply in replies)


def test_guesses_from_any_number_of_addresses_share_one_budget(
    web: str, redis_client: redis_lib.Redis
) -> None:
    code = ask_for_code(web)
    assert len(code) == codes.SHORT_DIGITS
    # Four times the budget at once, each guess from its own address, 20 at a time over both
    # workers: the reservation is atomic, so exactly the budget is checked and no more.
    guesses = [_wrong(code, n) for n in range(4 * codes.SHORT_WRONG_BUDGET)]
    statuses = _statuses(web, guesses)
    assert statuses == {403: codes.SHORT_WRONG_BUDGET, 429: 3 * codes.SHORT_WRONG_BUDGET}
    # Now even the right short code is not checked: it cannot be found by guessing either.
    paused = enter(web, code)
    assert paused.status_code == 429
    assert "Short codes are paused" in paused.text and "a longer one" in paused.text
    assert redis_client.exists(f"twitch:report_code:{{{code}}}")  # not taken: never checked
    # The pause lasts one window (24 h from the first wrong code), then ends by itself.
    assert 0 < redis_client.ttl(budget_key()) <= codes.BUDGET_WINDOW_SECONDS


def test_while_short_codes_are_paused_a_user_gets_in_with_a_long_one(
    web: str, redis_client: redis_lib.Redis
) -> None:
    redis_client.set(budget_key(), codes.SHORT_WRONG_BUDGET, ex=codes.BUDGET_WINDOW_SECONDS)
    code = ask_for_code(web)
    assert len(code) == codes.LONG_DIGITS  # short codes are paused: Alexa gives a long one
    # The attacker goes on, from new addresses, at a pace no limit slows down ...
    statuses = _statuses(web, [_wrong(code, n) for n in range(200)])
    assert statuses == {403: 200}  # every one checked and wrong, none refused for a limit
    # ... and the user, typing the code as the card shows it, opens the report.
    opened = enter(web, codes.written(code))
    assert opened.status_code == 303
    page = requests.get(f"{web}/report/view", cookies=opened.cookies, timeout=10)
    assert page.status_code == 200 and "not medical advice" in page.text


def test_when_the_window_ends_short_codes_come_back(
    web: str, redis_client: redis_lib.Redis
) -> None:
    redis_client.set(budget_key(), codes.SHORT_WRONG_BUDGET, ex=60)
    assert len(ask_for_code(web)) == codes.LONG_DIGITS
    redis_client.delete(budget_key())  # what Redis does when the window's TTL runs out
    code = ask_for_code(web)
    assert len(code) == codes.LONG_DIGITS  # asked again with the last one unused: long
    assert enter(web, code).status_code == 303
    short = ask_for_code(web)  # that one was used, and nothing is paused: short again
    assert len(short) == codes.SHORT_DIGITS
    assert enter(web, short).status_code == 303


def test_an_attacker_at_the_users_own_address_cannot_lock_them_out(
    web: str, redis_client: redis_lib.Redis
) -> None:
    shared = "198.51.100.23"  # one address for the attacker and the user (a shared NAT)
    code = ask_for_code(web)
    for n in range(MAX_TRIES):
        assert enter(web, _wrong(code, n), shared).status_code == 403
    refused = enter(web, code, shared)
    assert refused.status_code == 429 and "Ask Alexa for a new code" in refused.text
    assert int(redis_client.get(tries_key(shared)) or 0) > MAX_TRIES
    again = ask_for_code(web)
    assert len(again) == codes.LONG_DIGITS
    assert enter(web, again, shared).status_code == 303


def test_a_right_short_code_spends_nothing_of_the_budget(
    web: str, redis_client: redis_lib.Redis
) -> None:
    assert enter(web, _wrong("0" * codes.SHORT_DIGITS, 0)).status_code == 403
    assert enter(web, ask_for_code(web)).status_code == 303
    assert redis_client.get(budget_key()) == "1"  # the wrong one only
    assert enter(web, "12345").status_code == 403  # no code's shape: nothing spent on it
    assert redis_client.get(budget_key()) == "1"


def test_the_goal_holds_for_the_codes_as_configured() -> None:
    short, long = codes.chance_per_day()
    assert short + long < codes.GOAL_PER_DAY
    assert codes.LIVE_CODES == 1_000  # the figure, not one picked to pass
    assert (codes.SHORT_DIGITS, codes.LONG_DIGITS) == (9, 16)
