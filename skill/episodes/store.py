"""The only module that talks to Redis.

Key schema (every per-user key carries the user key as a Redis Cluster hash tag,
so all of one user's keys share a slot and can be changed in one MULTI):

    twitch:{<user_key>}:profile   hash   first-use notice, time zone, locale, ...

``<user_key>`` is HMAC-SHA256(server secret, Alexa userId), hex. The raw userId
never appears in a key name. Changing the secret orphans every user's data.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import redis
import redis.cluster
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

log = logging.getLogger(__name__)

KEY_PREFIX = "twitch"
PROFILE = "profile"
# Every per-user key name: ``forget`` deletes exactly these, so a new key must be added here.
USER_KEY_NAMES: tuple[str, ...] = (PROFILE,)

P = ParamSpec("P")
R = TypeVar("R")


class StoreUnavailable(RuntimeError):
    """Redis did not answer; nothing was written (or the write is unconfirmed)."""


def user_slot_key(user_key: str, name: str) -> str:
    """A per-user key: ``twitch:{<user_key>}:<name>``; the braces are the hash tag."""
    return f"{KEY_PREFIX}:{{{user_key}}}:{name}"


def guarded(method: Callable[P, R]) -> Callable[P, R]:
    """Turn Redis connection failures into StoreUnavailable, a domain error."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as exc:
            raise StoreUnavailable(type(exc).__name__) from exc
        except redis.exceptions.ClusterDownError as exc:
            raise StoreUnavailable("cluster down") from exc

    return wrapper


def connect(url: str, *, cluster: bool = False, timeout: float = 2.0) -> Any:
    """Build a redis-py client (or cluster client) with short timeouts and a few retries."""
    retry = Retry(ExponentialBackoff(cap=0.5, base=0.05), retries=2)
    options: dict[str, Any] = {
        "decode_responses": True,
        "socket_timeout": timeout,
        "socket_connect_timeout": timeout,
        "retry": retry,
    }
    if cluster:
        return redis.cluster.RedisCluster.from_url(url, **options)
    return redis.Redis.from_url(url, health_check_interval=30, **options)


class Store:
    """Per-user data in Redis. Subclass-free: features add methods here, one job each."""

    def __init__(self, client: Any, key_secret: bytes) -> None:
        self._redis = client
        self._secret = key_secret

    @property
    def client(self) -> Any:
        """The raw client, for the store's own helper modules only."""
        return self._redis

    def user_key(self, alexa_user_id: str) -> str:
        """HMAC-SHA256 of the Alexa userId: the only form of it in key names and logs."""
        return hmac.new(self._secret, alexa_user_id.encode(), hashlib.sha256).hexdigest()

    def ping(self) -> bool:
        """True when Redis answers."""
        try:
            return bool(self._redis.ping())
        except redis.exceptions.RedisError:
            return False

    @guarded
    def profile(self, user_key: str) -> dict[str, str]:
        """The user's profile hash (empty for a new user)."""
        return dict(self._redis.hgetall(user_slot_key(user_key, PROFILE)))

    @guarded
    def update_profile(self, user_key: str, fields: dict[str, str]) -> None:
        """Set profile fields."""
        if fields:
            self._redis.hset(user_slot_key(user_key, PROFILE), mapping=fields)

    @guarded
    def claim_notice(self, user_key: str) -> bool:
        """True exactly once per user: whether the first-use notice is still owed."""
        return bool(self._redis.hsetnx(user_slot_key(user_key, PROFILE), "notice_given", "1"))

    @guarded
    def forget(self, user_key: str) -> int:
        """Delete every key of one user in one DEL (they share a slot); returns keys removed."""
        keys = [user_slot_key(user_key, name) for name in USER_KEY_NAMES]
        removed = int(self._redis.delete(*keys))
        self._forget_global_entries(user_key)
        return removed

    def _forget_global_entries(self, user_key: str) -> None:
        """Remove the user from cross-slot indexes; features extend this."""
