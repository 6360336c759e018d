"""The store's one door to redis-py: connecting, and the guard on every store call.

``guarded`` turns Redis failures into StoreUnavailable, a domain error, and holds each
call to the request's Redis budget (deadline.py); ``guarded_write`` also ends the
request's snapshot (snapshot_state.py). Every public store method carries one of them,
written at its definition (tests/test_store_calls.py checks that none is missing).
"""

from __future__ import annotations

import functools
import select
import sys
import types
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import hiredis
import redis
import redis._parsers.hiredis
import redis.cluster
from redis.backoff import ExponentialBackoff

from skill.episodes.keys import StoreUnavailable
from skill.episodes.store import deadline
from skill.episodes.store.redis_deadline import BudgetRetry, BudgetSpent
from skill.episodes.store.snapshot_state import dropping_snapshot

P = ParamSpec("P")
R = TypeVar("R")


def cluster_unreachable(exc: BaseException) -> bool:
    """A cluster client's "cannot be connected": a RedisClusterException caused by a timeout or
    a refused connection (other RedisClusterExceptions are our bugs, such as cross-slot work)."""
    return isinstance(exc, redis.exceptions.RedisClusterException) and isinstance(
        exc.__cause__, redis.exceptions.ConnectionError | redis.exceptions.TimeoutError
    )


def guarded(method: Callable[P, R]) -> Callable[P, R]:
    """Turn Redis connection failures into StoreUnavailable, a domain error.

    Within a request budget (deadline.py) a call is refused at once when the budget is
    spent or Redis already failed in this request: redis-py's retry enforces the same for a
    single server, but the cluster client retries in a loop of its own.
    """

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        budget = deadline.current()
        if budget is not None and not budget.allows_attempt():
            raise StoreUnavailable("request budget spent")
        try:
            if budget is None:
                return method(*args, **kwargs)
            # The whole call is charged, so the cluster client's own retry loop is too.
            with budget.waiting():
                return method(*args, **kwargs)
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as exc:
            reason = type(exc).__name__
            failure: BaseException = exc
        except redis.exceptions.ClusterDownError as exc:
            reason, failure = "cluster down", exc
        except BudgetSpent as exc:
            reason, failure = "request budget spent", exc
        except redis.exceptions.RedisClusterException as exc:
            if not cluster_unreachable(exc):
                raise
            reason, failure = "cluster unreachable", exc
        if budget is not None:
            budget.give_up()
        raise StoreUnavailable(reason) from failure

    wrapper.store_guarded = True  # type: ignore[attr-defined]
    return wrapper


def connect(url: str, *, cluster: bool = False, timeout: float = 2.0, retries: int = 2) -> Any:
    """Build a redis-py client (or cluster client) with short timeouts and a few retries.

    ``timeout`` bounds one attempt (connect, write, read); inside a request with a budget
    (skill/episodes/store/deadline.py) no attempt starts once the budget is spent.
    """
    retry = BudgetRetry(ExponentialBackoff(cap=0.5, base=0.05), retries)
    options: dict[str, Any] = {
        "decode_responses": True,
        "socket_timeout": timeout,
        "socket_connect_timeout": timeout,
        "retry": retry,
    }
    if cluster:
        return redis.cluster.RedisCluster.from_url(url, **options)
    pool = redis.ConnectionPool.from_url(url, health_check_interval=30, **options)
    pool.connection_class = packing_in_c(pool.connection_class)  # TCP, TLS or a Unix socket
    client = redis.Redis(connection_pool=pool)
    client.auto_close_connection_pool = True  # as Redis.from_url: the pool is the client's
    return client


class _CPacker:
    """Packs a command's arguments in one call of hiredis's ``pack_command`` (C), where
    redis-py's packer encodes each argument in Python first: a third of the sweep's client
    CPU, whose batch calls carry thousands of keys (bench/sweep.py).

    hiredis packs ``str`` (UTF-8, strict), ``bytes``, ``int`` and ``float`` exactly as
    redis-py does (tests/test_store_packing.py). Anything else (None, bool, memoryview) and
    a command name of two words ("SCRIPT LOAD", which redis-py splits) go to redis-py's own
    packer, with its errors."""

    def __init__(self, fallback: Any) -> None:
        self._fallback = fallback

    def pack(self, *args: Any) -> list[bytes]:
        name = args[0] if args else None
        if type(name) is str and " " not in name:
            try:
                return [hiredis.pack_command(args)]
            except TypeError:  # an argument hiredis does not pack: redis-py decides
                pass
        packed: list[bytes] = self._fallback.pack(*args)
        return packed


class _PackInC:
    """A redis-py connection whose commands and pipelines are packed by ``_CPacker``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        # redis-py packs single commands and pipelines with this one object.
        self._command_packer = _CPacker(self._command_packer)


@functools.cache
def packing_in_c(connection_class: type) -> type:
    """``connection_class`` with its commands packed by hiredis in one call (``_PackInC``)."""
    return type(f"PackInC{connection_class.__name__}", (_PackInC, connection_class), {})


def guarded_write(method: Callable[P, R]) -> Callable[P, R]:
    """``guarded`` for a method that may write what the request's snapshot holds."""
    return guarded(dropping_snapshot(method))


def execute_scripted(client: Any, pipe: Any, *scripts: Any) -> list[Any]:
    """Execute a pipeline of script calls (redis-py ``Script`` objects called with
    ``client=pipe``). A single server's pipeline loads missing scripts itself (SCRIPT EXISTS,
    then LOAD); a cluster pipeline does not, and a primary that never saw a script answers
    NOSCRIPT: so on a cluster the scripts are loaded on every primary first."""
    if isinstance(client, redis.cluster.RedisCluster):
        for script in scripts:
            client.script_load(script.script)  # SCRIPT LOAD goes to every primary
    replies: list[Any] = pipe.execute()
    return replies


def plain_poll_for_readiness_checks() -> None:
    """Under gevent's monkey patching, let redis-py's readiness check use the plain poll.

    Each time the pool hands out a connection, redis-py polls its socket with a zero timeout
    (data left over, or closed by the server?). gevent's cooperative poll makes that a
    trip through the event loop: measured at a tenth of a web worker's CPU per request
    (bench/http_load.py). A zero-timeout poll never blocks, so the plain one is as safe
    for the worker and does the same check. Nothing else in redis-py is changed: the
    parser's other polls (pub/sub's waits, which could block) are not used by the web
    process. Does nothing when gevent has not patched ``select``.
    """
    monkey = sys.modules.get("gevent.monkey")
    if monkey is None or not monkey.is_module_patched("select"):
        return
    plain = types.SimpleNamespace(**vars(select))
    plain.poll = monkey.get_original("select", "poll")
    redis._parsers.hiredis.select = plain  # type: ignore[attr-defined]
