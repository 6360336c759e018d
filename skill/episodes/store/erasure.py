"""ErasureMarks: deleted data leaves the disk in bounded time (a rate-limited AOF rewrite).

    twitch:{erasure}:pending      str  "1": a user was forgotten since the last rewrite began
    twitch:{erasure}:rewrite_at   str  epoch seconds of the last rewrite the scheduler started

A DEL only appends to the AOF: the deleted diary stays in the file, in plain text, until
Redis rewrites it, which on its own waits until the file has doubled past 64 MB
(infra/redis.conf). So ``forget`` marks a rewrite as wanted *after* its DEL, and the
scheduler (scheduler/erasure.py) claims the mark and starts BGREWRITEAOF, at most once per
interval. Claiming clears the mark before the rewrite forks: a user forgotten after that
point sets it again and gets a rewrite of their own; one forgotten before is not in the
fork's snapshot. Redis 7 then deletes the old AOF files (multi-part AOF, auto GC).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from skill.episodes.keys import global_key
from skill.episodes.store.client import guarded, guarded_write
from skill.episodes.store.connection import Connection

ERASURE_PENDING = global_key("{erasure}:pending")
REWRITE_AT = global_key("{erasure}:rewrite_at")

# KEYS: pending, rewrite_at (one slot: the {erasure} tag). ARGV: now, min interval (s).
# 1 when a rewrite is wanted and none was started within the interval: the caller starts it.
_CLAIM_LUA = """
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local last = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
if tonumber(ARGV[1]) - last < tonumber(ARGV[2]) then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[2], ARGV[1])
return 1
"""


class ErasureMarks:
    """The "rewrite wanted" mark and its rate-limited claim."""

    def __init__(self, conn: Connection) -> None:
        self._redis = conn.redis

    def _after_forget(self, user_key: str) -> None:
        # After the DEL (store.forget runs this hook last), never before: see the docstring.
        self._redis.set(ERASURE_PENDING, "1")

    @guarded
    def aof_rewrite_wanted(self) -> bool:
        """Whether a user was forgotten since the last rewrite began."""
        return bool(self._redis.exists(ERASURE_PENDING))

    @guarded_write
    def claim_aof_rewrite(self, now: datetime, min_interval: timedelta) -> bool:
        """True when the caller should start an AOF rewrite now (and the mark is cleared)."""
        script = self._redis.register_script(_CLAIM_LUA)
        args = [int(now.timestamp()), int(min_interval.total_seconds())]
        return bool(script(keys=[ERASURE_PENDING, REWRITE_AT], args=args))

    @guarded_write
    def release_aof_rewrite(self) -> None:
        """The claimed rewrite did not start: want it again, and let the next check try."""
        pipe = self._redis.pipeline(transaction=True)
        pipe.set(ERASURE_PENDING, "1")
        pipe.delete(REWRITE_AT)
        pipe.execute()
