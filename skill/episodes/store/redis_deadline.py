"""redis-py's retry policy, held to the request budget of skill/episodes/store/deadline.py.

Every Redis round trip (commands, pipelines, connects, health-check pings) goes
through the client's ``Retry.call_with_retry``, so that is the one place where a
request can be stopped from waiting longer than it has.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import redis.exceptions
from redis.backoff import AbstractBackoff
from redis.retry import Retry

from skill.episodes.store import deadline

T = TypeVar("T")


class BudgetSpent(redis.exceptions.RedisError):
    """No attempt was made: the request has no time left for Redis, or Redis already failed.

    Deliberately not a ConnectionError or TimeoutError, so redis-py does not retry it."""


class BudgetRetry(Retry):
    """Retry, but start no attempt once the request's budget is spent or Redis has failed."""

    def __init__(self, backoff: AbstractBackoff, retries: int) -> None:
        super().__init__(backoff, retries)

    def call_with_retry(
        self,
        do: Callable[[], T],
        fail: Callable[..., Any],
        is_retryable: Callable[[Exception], bool] | None = None,
        with_failure_count: bool = False,
    ) -> T:
        budget = deadline.current()
        if budget is None:
            return super().call_with_retry(do, fail, is_retryable, with_failure_count)

        def attempt() -> T:
            if not budget.allows_attempt():
                raise BudgetSpent("no time left for Redis in this request")
            with budget.waiting():
                return do()

        try:
            return super().call_with_retry(attempt, fail, is_retryable, with_failure_count)
        except self._supported_errors:
            # Redis failed even after retrying: the rest of this request should not wait on it.
            budget.give_up()
            raise
