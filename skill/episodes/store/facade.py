"""The Store: the composition root that builds the small stores on one connection, plus the
connection-wide operations: user keys, ping, forget, AOF rewrites."""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Any

import redis
import redis.cluster

from skill.episodes.keys import user_slot_key
from skill.episodes.store.advice import AdviceStore
from skill.episodes.store.client import cluster_unreachable, guarded, guarded_write
from skill.episodes.store.connection import Connection
from skill.episodes.store.diary import DiaryStore
from skill.episodes.store.due import DueIndex
from skill.episodes.store.erasure import ErasureMarks
from skill.episodes.store.evidence import EvidenceStore
from skill.episodes.store.outbox import OutboxStore
from skill.episodes.store.profile import ProfileStore
from skill.episodes.store.quiet_days import QuietDays
from skill.episodes.store.reminders import RemindersStore
from skill.episodes.store.report import ReportStore
from skill.episodes.store.report_gate import ReportGate
from skill.episodes.store.snapshot import RequestSnapshot
from skill.episodes.store.sweep_guard import SweepGuard
from skill.episodes.store.symptoms import SymptomAnswers

log = logging.getLogger(__name__)

# Every small store's class (the snapshot aside), in the order ``forget`` runs their hooks
# and gathers their ``KEY_NAMES``: Store.parts holds one of each, in this order.
PART_TYPES: tuple[type, ...] = (
    ProfileStore,
    DiaryStore,
    AdviceStore,
    OutboxStore,
    SweepGuard,
    DueIndex,
    SymptomAnswers,
    QuietDays,
    EvidenceStore,
    RemindersStore,
    ReportStore,
    ReportGate,
    ErasureMarks,
)


class Store:
    """One connection and the small stores built on it (see the package docstring)."""

    snapshot: RequestSnapshot
    profile: ProfileStore
    diary: DiaryStore
    advice: AdviceStore
    outbox: OutboxStore
    sweep_guard: SweepGuard
    due: DueIndex
    symptoms: SymptomAnswers
    quiet_days: QuietDays
    evidence: EvidenceStore
    reminders: RemindersStore
    report_gate: ReportGate
    report: ReportStore
    erasure: ErasureMarks

    def __init__(self, client: Any, key_secret: bytes) -> None:
        self._redis = client
        self._secret = key_secret
        self.snapshot = RequestSnapshot(client)
        # One server: writes to several slots may share a pipeline (store/diary.py).
        single_node = not isinstance(client, redis.cluster.RedisCluster)
        conn = Connection(client, key_secret, single_node, self.snapshot)
        self.profile = ProfileStore(conn)
        self.due = DueIndex(conn)
        self.diary = DiaryStore(conn, self.due)
        self.advice = AdviceStore(conn)
        self.outbox = OutboxStore(conn)
        self.sweep_guard = SweepGuard(conn)
        self.symptoms = SymptomAnswers(conn)
        self.quiet_days = QuietDays(conn)
        self.evidence = EvidenceStore(conn)
        self.reminders = RemindersStore(conn)
        self.report_gate = ReportGate(conn)
        self.report = ReportStore(conn, self.report_gate)
        self.erasure = ErasureMarks(conn)
        self._parts: tuple[Any, ...] = (
            self.profile,
            self.diary,
            self.advice,
            self.outbox,
            self.sweep_guard,
            self.due,
            self.symptoms,
            self.quiet_days,
            self.evidence,
            self.reminders,
            self.report,
            self.report_gate,
            self.erasure,
        )

    @property
    def parts(self) -> tuple[Any, ...]:
        """Every small store (the snapshot aside), one of each of ``PART_TYPES``, in order."""
        return self._parts

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
        # Profile writes the request holds would bring a key back after the delete.
        self.snapshot.discard_queued(user_key)
        # Hooks first: they may read the user's own keys to find entries in other slots.
        for part in self._parts:
            hook = getattr(part, "_on_forget", None)
            if hook is not None:
                hook(user_key)  # cross-slot indexes: separate, idempotent commands
        keys = [user_slot_key(user_key, name) for name in self.user_key_names()]
        removed = int(self._redis.delete(*keys))
        # After the delete, when it removed anything: hooks that must see it done (the AOF
        # rewrite mark, store/erasure.py).
        for part in self._parts if removed else ():
            hook = getattr(part, "_after_forget", None)
            if hook is not None:
                hook(user_key)
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
        """Every per-user key name, gathered from the small stores' ``KEY_NAMES``."""
        names: list[str] = []
        for part in PART_TYPES:
            names += [n for n in getattr(part, "KEY_NAMES", ()) if n not in names]
        return names
