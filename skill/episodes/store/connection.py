"""What every small store is built on: one client, the key secret and the request's snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from skill.episodes.store.snapshot import RequestSnapshot


@dataclass(frozen=True, slots=True)
class Connection:
    """Shared by the small stores of one Store (facade.py builds it)."""

    redis: Any  # redis.Redis or redis.cluster.RedisCluster, decode_responses=True
    secret: bytes  # the user-key secret (user keys, the messaging identity's cipher)
    single_node: bool  # one server: writes to several slots may share a pipeline (diary.py)
    snapshot: RequestSnapshot  # the request-scoped snapshot the covered reads ask first
