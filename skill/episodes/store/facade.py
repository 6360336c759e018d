"""The Store: one object whose methods are the feature mixins' (the package docstring says
how they are composed), plus connection-wide operations: ping, forget, AOF rewrites."""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Any

import redis
import redis.cluster

from skill.episodes.keys import PROFILE, user_slot_key
from skill.episodes.store.advice import AdviceMixin
from skill.episodes.store.client import cluster_unreachable, guarded, guarded_write
from skill.episodes.store.diary import DiaryMixin
from skill.episodes.store.due import DueIndexMixin
from skill.episodes.store.erasure import ErasureMixin
from skill.episodes.store.evidence import EvidenceMixin
from skill.episodes.store.outbox import OutboxMixin
from skill.episodes.store.profile import ProfileMixin
from skill.episodes.store.quiet_days import QuietDaysMixin
from skill.episodes.store.reminders import RemindersMixin
from skill.episodes.store.report import ReportMixin
from skill.episodes.store.snapshot import SnapshotMixin
from skill.episodes.store.sweep_guard import SweepGuardMixin
from skill.episodes.store.symptoms import SymptomAnswersMixin

log = logging.getLogger(__name__)


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
        # One server: writes to several slots may share a pipeline (store/diary.py).
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
            if cluster_unreachable(exc):
                return False
            raise

    @guarded_write
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
        # rewrite mark, store/erasure.py).
        for klass in type(self).__mro__ if removed else ():
            hook = vars(klass).get("_after_forget")
            if hook is not None:
                hook(self, user_key)
        return removed

    @guarded_write
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

    @guarded
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
