"""The time a web request may spend waiting on Redis, so it is answered in time.

Alexa waits 8 s; issue 13 asks for every answer within 3 s even when Redis hangs (a
stopped process keeps accepting TCP connections in the kernel, so nothing fails fast:
every read just waits). The web process therefore gives each Redis attempt a short
socket timeout and each request a budget: no attempt starts once the budget has run
out, or once an attempt has failed after its retries in this request. The budget counts
time spent waiting on Redis, not the request's wall time: on a loaded machine the skill's
own work (matching a sentence, building a card) can take a second or more, and that must
not turn a healthy Redis into "I can't reach your diary" (it did, in CI, while a browser
test shared the two cores). The arithmetic,
with the numbers below: a hung Redis costs one attempt, a backoff and one retry (about
1.1 s) before the handler apologises; a slow Redis at most the budget plus the attempt
under way (2 s); /healthz one attempt (0.5 s). That leaves a second for the skill itself.

This module only keeps the budget (a context variable, so each thread or greenlet has
its own); skill/episodes/store/redis_deadline.py makes the Redis client honour it. Processes
without a budget (the scheduler, the command line tools) wait as their client says.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

# One attempt of one Redis command (connect, write or read) in the web process. Normal
# commands take well under a millisecond; an fsync under AOF `always` a few.
REDIS_ATTEMPT_SECONDS = 0.5
# Retries after a failed attempt: one, for a dropped connection or a Redis restart.
REDIS_RETRIES = 1
# Seconds of waiting on Redis after which a request starts no more attempts (one may still
# be under way); time the skill spends on its own work is not counted.
REQUEST_REDIS_BUDGET = 1.5
# /healthz: time for a single attempt only, so a load balancer hears "degraded" within 1 s.
HEALTH_REDIS_BUDGET = 0.3


@dataclass(slots=True)
class Budget:
    """What is left of one request's Redis time; ``given_up`` once Redis has failed.

    Time is charged only inside ``waiting()`` blocks (a Redis call under way, read live so
    a long call is stopped between its attempts); nested blocks are charged once."""

    seconds: float
    spent: float = 0.0
    given_up: bool = False
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    _since: float | None = field(default=None, repr=False)

    def remaining(self) -> float:
        running = 0.0 if self._since is None else self.clock() - self._since
        return self.seconds - self.spent - running

    def allows_attempt(self) -> bool:
        """Whether another Redis attempt may start (an attempt is bounded by its own timeout)."""
        return not self.given_up and self.remaining() > 0

    def give_up(self) -> None:
        self.given_up = True

    def waiting(self) -> _Waiting:
        """Charge the time spent in this block (a Redis call) to the budget."""
        return _Waiting(self)


class _Waiting:
    """``Budget.waiting()``: a plain class, not a ``@contextmanager`` generator, because every
    store call and every Redis attempt in it enters one (a dozen or more per request), and
    a generator costs several times as much to enter and leave."""

    __slots__ = ("_budget", "_charging")

    def __init__(self, budget: Budget) -> None:
        self._budget = budget
        self._charging = False

    def __enter__(self) -> None:
        budget = self._budget
        if budget._since is None:  # else an outer block is already charging
            budget._since = budget.clock()
            self._charging = True

    def __exit__(self, *_: object) -> None:
        if self._charging:
            budget = self._budget
            budget.spent += budget.clock() - budget._since  # type: ignore[operator]
            budget._since = None


_current: ContextVar[Budget | None] = ContextVar("redis_budget", default=None)


def current() -> Budget | None:
    """The budget of the request being served here, or None outside a budgeted request."""
    return _current.get()


@contextmanager
def budget(seconds: float) -> Iterator[Budget]:
    """Run the block under a fresh budget of ``seconds`` of Redis time (nested blocks get
    their own)."""
    token = _current.set(Budget(seconds))
    try:
        yield _current.get()  # type: ignore[misc]
    finally:
        _current.reset(token)


class RequestBudget:
    """WSGI middleware: every request (the /alexa skill, /report, /healthz) gets a budget."""

    def __init__(self, app: Callable[..., Iterable[bytes]], seconds: float) -> None:
        self._app = app
        self._seconds = seconds

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        with budget(self._seconds):
            # Views build their bodies in full (only static files stream, without Redis), so
            # the Redis work is over when the app returns; the server closes the iterable.
            return self._app(environ, start_response)
