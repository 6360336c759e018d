"""The only module that imports redis: connection, error mapping, and the Store.

Key schema (every per-user key carries the user key as a Redis Cluster hash tag,
so all of one user's keys share a slot and can be changed in one MULTI):

    twitch:{<user_key>}:profile          hash  first-use notice, time zone (tz, tz_source), ...
    twitch:{<user_key>}:episodes         zset  the twitch diary (store_diary.py)
    twitch:{<user_key>}:marks            hash  the diary's summary for the rules (store_diary.py)
    twitch:{<user_key>}:reminders        hash  reminder ids, consent, identity (store_reminders.py)
    twitch:{<user_key>}:symptoms         hash  symptom-check answers (store_symptoms.py)
    twitch:{<user_key>}:quiet_days       zset  twitch-free days (store_quiet_days.py)
    twitch:{<user_key>}:advice_*         hash  scheduler advice, fired once (store_advice.py)
    twitch:{<user_key>}:advice_outbox    hash  skill messages owed for new advice (store_outbox.py)
    twitch:{<user_key>}:checkin_moves    hash  refs the check-in moved for (store_reminders.py)
    twitch:{<user_key>}:sweep_read       str   a sweep batch's read guard (store_sweep_guard.py)
    twitch:due:{<n>}                     zset  due-index shard n (store_due.py): user -> next check
    twitch:{<user_key>}:report_access    hash  outstanding report code and session (store_report.py)
    twitch:report_code:{<code>}          str   one-time report code -> user (store_report.py)
    twitch:report_session:{<sid>}        str   open report session -> user (store_report.py)
    twitch:report_tries:{<address>}      str   short-code tries per address (store_report_gate.py)
    twitch:report_short_wrong            str   wrong short codes, all users (store_report_gate.py)

``<user_key>`` is HMAC-SHA256(server secret, Alexa userId), hex. The raw userId
never appears in a key name. Changing the secret orphans every user's data.

Features keep their Redis methods in ``store_<feature>.py`` mixins (which use
``self._redis`` and never import redis) listed in ``Store``'s bases; each mixin
names its per-user keys in ``KEY_NAMES`` so ``forget`` deletes them all, and may
define ``_on_forget(user_key)`` to clean cross-slot indexes (run before the delete, so it
can still read the user's keys) or ``_after_forget(user_key)`` for what must follow the
delete. Every public method
of the composed Store is wrapped by ``guarded``.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import inspect
import logging
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import redis
import redis.cluster
from redis.backoff import ExponentialBackoff

from skill import deadline
from skill.episodes.keys import PROFILE, StoreUnavailable, user_slot_key
from skill.episodes.redis_deadline import BudgetRetry, BudgetSpent
from skill.episodes.store_advice import AdviceMixin
from skill.episodes.store_diary import DiaryMixin
from skill.episodes.store_due import DueIndexMixin
from skill.episodes.store_erasure import ErasureMixin
from skill.episodes.store_evidence import EvidenceMixin
from skill.episodes.store_outbox import OutboxMixin
from skill.episodes.store_quiet_days import QuietDaysMixin
from skill.episodes.store_reminders import RemindersMixin
from skill.episodes.store_report import ReportMixin
from skill.episodes.store_snapshot import KEEPS_SNAPSHOT, SnapshotMixin, dropping_snapshot
from skill.episodes.store_sweep_guard import SweepGuardMixin
from skill.episodes.store_symptoms import SymptomAnswersMixin

__all__ = ["Store", "StoreUnavailable", "connect", "user_slot_key"]

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


def _unreachable(exc: BaseException) -> bool:
    """A cluster client's "cannot be connected": a RedisClusterException caused by a timeout or
    a refused connection (other RedisClusterExceptions are our bugs, such as cross-slot work)."""
    return isinstance(exc, redis.exceptions.RedisClusterException) and isinstance(
        exc.__cause__, redis.exceptions.ConnectionError | redis.exceptions.TimeoutError
    )


def guarded(method: Callable[P, R]) -> Callable[P, R]:
    """Turn Redis connection failures into StoreUnavailable, a domain error.

    Within a request budget (skill/deadline.py) a call is refused at once when the budget is
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
            if not _unreachable(exc):
                raise
            reason, failure = "cluster unreachable", exc
        if budget is not None:
            budget.give_up()
        raise StoreUnavailable(reason) from failure

    return wrapper


def connect(url: str, *, cluster: bool = False, timeout: float = 2.0, retries: int = 2) -> Any:
    """Build a redis-py client (or cluster client) with short timeouts and a few retries.

    ``timeout`` bounds one attempt (connect, write, read); inside a request with a budget
    (skill/deadline.py) no attempt starts once the budget is spent.
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
    return redis.Redis.from_url(url, health_check_interval=30, **options)


class ProfileMixin:
    """The user's profile hash: first-use notice, time zone and once-only flags."""

    _redis: Any

    def profile(self, user_key: str) -> dict[str, str]:
        """The user's profile hash (empty for a new user)."""
        return dict(self._redis.hgetall(user_slot_key(user_key, PROFILE)))

    def update_profile(self, user_key: str, fields: dict[str, str]) -> None:
        """Set profile fields."""
        if fields:
            self._redis.hset(user_slot_key(user_key, PROFILE), mapping=fields)

    def claim_notice(self, user_key: str) -> bool:
        """True exactly once per user: whether the first-use notice is still owed."""
        return self.claim_profile_flag(user_key, "notice_given")

    def claim_profile_flag(self, user_key: str, flag: str) -> bool:
        """True exactly once per user and flag (HSETNX): for things said or offered once."""
        return bool(self._redis.hsetnx(user_slot_key(user_key, PROFILE), flag, "1"))


class Store(
    SnapshotMixin,  # first: its covered reads answer from the request's snapshot
    ProfileMixin,
    DiaryMixin,
    AdviceMixin,
    OutboxMixin,
    SweepGuardMixin,
    DueIndexMixin,
    SymptomAnswersMixin,
    QuietDaysMixin,
    EvidenceMixin,
    RemindersMixin,
    ReportMixin,
    ErasureMixin,
):
    """Per-user data in Redis; feature mixins add their methods (see the module docstring)."""

    KEY_NAMES: tuple[str, ...] = (PROFILE,)

    def __init__(self, client: Any, key_secret: bytes) -> None:
        self._redis = client
        self._secret = key_secret
        # One server: writes to several slots may share a pipeline (store_diary.py).
        self._single_node = not isinstance(client, redis.cluster.RedisCluster)

    @property
    def client(self) -> Any:
        """The raw client, for the store's own helper modules only."""
        return self._redis

    def user_key(self, alexa_user_id: str) -> str:
        """HMAC-SHA256 of the Alexa userId: the only form of it in key names and logs."""
        return hmac.new(self._secret, alexa_user_id.encode(), hashlib.sha256).hexdigest()

    def ping(self) -> bool:
        """True when Redis answers."""
        client = self._redis
        if isinstance(client, redis.cluster.RedisCluster):
            # A cluster client answers a failed command by rediscovering the whole cluster,
            # one timeout per node; the default node's own client makes a single attempt.
            node = client.get_default_node()
            client = node.redis_connection if node is not None else client
        try:
            return bool(client.ping())
        except redis.exceptions.RedisError:
            return False
        except redis.exceptions.RedisClusterException as exc:
            if _unreachable(exc):
                return False
            raise

    def forget(self, user_key: str) -> int:
        """Delete every key of one user in one DEL (they share a slot); returns keys removed."""
        # Hooks first: they may read the user's own keys to find entries in other slots.
        for klass in type(self).__mro__:
            hook = vars(klass).get("_on_forget")
            if hook is not None:
                hook(self, user_key)  # cross-slot indexes: separate, idempotent commands
        keys = [user_slot_key(user_key, name) for name in self.user_key_names()]
        removed = int(self._redis.delete(*keys))
        # After the delete, when it removed anything: hooks that must see it done (the AOF
        # rewrite mark, store_erasure.py).
        for klass in type(self).__mro__ if removed else ():
            hook = vars(klass).get("_after_forget")
            if hook is not None:
                hook(self, user_key)
        return removed

    def rewrite_aof(self) -> bool:
        """Start BGREWRITEAOF (on every primary of a cluster); False when Redis refused it
        (one already running, or the command disabled on a managed Redis)."""
        try:
            if isinstance(self._redis, redis.cluster.RedisCluster):
                self._redis.bgrewriteaof(target_nodes=redis.cluster.RedisCluster.PRIMARIES)
            else:
                self._redis.bgrewriteaof()
        except redis.exceptions.ResponseError as exc:
            log.warning("BGREWRITEAOF refused: %s", exc)
            return False
        return True

    def aof_rewrite_running(self) -> bool:
        """Whether an AOF rewrite is running or scheduled (INFO persistence)."""
        info = self._redis.info("persistence")
        infos = info.values() if isinstance(self._redis, redis.cluster.RedisCluster) else [info]
        return any(
            int(i.get("aof_rewrite_in_progress", 0)) or int(i.get("aof_rewrite_scheduled", 0))
            for i in infos
        )

    @classmethod
    def user_key_names(cls) -> list[str]:
        """Every per-user key name, gathered from the Store and its mixins."""
        names: list[str] = []
        for klass in cls.__mro__:
            names += [n for n in vars(klass).get("KEY_NAMES", ()) if n not in names]
        return names


def _drop_snapshot_on_writes(cls: type) -> None:
    """Every public method that may write what the request's snapshot holds drops it
    (store_snapshot.py); the others leave it alone."""
    for name in dir(cls):
        value = inspect.getattr_static(cls, name)
        if not name.startswith("_") and inspect.isfunction(value) and name not in KEEPS_SNAPSHOT:
            setattr(cls, name, dropping_snapshot(value))


def _guard_public_methods(cls: type) -> None:
    """Wrap every public plain method (the Store's and its mixins') in ``guarded``."""
    for name in dir(cls):
        value = inspect.getattr_static(cls, name)
        if not name.startswith("_") and inspect.isfunction(value) and name not in _UNGUARDED:
            setattr(cls, name, guarded(value))


_UNGUARDED = frozenset({"user_key", "ping", "request_snapshot"})
_drop_snapshot_on_writes(Store)
_guard_public_methods(Store)
