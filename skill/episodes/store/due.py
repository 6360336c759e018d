"""DueIndex: which users the scheduler should look at, and when.

    twitch:due:{<n>}   zset   member = user_key, score = next check (UTC epoch seconds)

Sixteen shards (``n`` = 0..15 from the user key), each its own hash tag, so no
single Redis Cluster slot is hot. The index lives outside the users' slots, so
updates to it are separate commands, written to be idempotent: a feature
schedules a user *before* its own per-user write, so a crash in between leaves a
harmless extra check, never a missed one. Writers ask for a check at the time of their
write ("now"): a sweep that leased the user meanwhile then sees the lower score and keeps
it (``reschedule_claimed``), so the new evidence is looked at.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from skill.episodes.keys import global_key
from skill.episodes.store.client import execute_scripted, guarded, guarded_write
from skill.episodes.store.connection import Connection

DUE_SHARDS = 16

# Claim up to ARGV[2] members with score <= ARGV[1] and push their score to
# ARGV[3] (now + lease) in one step, so concurrent replicas never take the same
# user at once, and a crashed replica's batch comes back when the lease ends.
_CLAIM_LUA = """
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, member in ipairs(due) do
  redis.call('ZADD', KEYS[1], ARGV[3], member)
end
return due
"""


def due_shard(user_key: str) -> int:
    """The shard of a user: stable, spread evenly by the HMAC user key."""
    return int(user_key[:8], 16) % DUE_SHARDS


def due_key(shard: int) -> str:
    return global_key(f"due:{{{shard}}}")


# After a sweep looked at users of one shard: for each pair ARGV[i] (user), ARGV[i + 1] (next
# check, or "" to remove), set it only if the score is still the lease this sweep wrote
# (ARGV[1]). A lower score means an episode was logged meanwhile and asked for an earlier
# check, which must win. One call per shard and batch; returns how many were set.
_RESCHEDULE_LUA = """
local lease = tonumber(ARGV[1])
local done = 0
for i = 2, #ARGV, 2 do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score and tonumber(score) == lease then
    if ARGV[i + 1] == '' then
      redis.call('ZREM', KEYS[1], ARGV[i])
    else
      redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i])
    end
    done = done + 1
  end
end
return done
"""


class DueIndex:
    """Scheduling users for the escalation sweep."""

    def __init__(self, conn: Connection) -> None:
        self._redis = conn.redis

    @guarded
    def schedule_check(self, user_key: str, at: datetime) -> None:
        """Make the user due at ``at`` or earlier (never postpones an earlier check)."""
        # ZADD LT keeps the earlier time; NX/XX semantics are not needed: LT adds new members.
        self._redis.zadd(due_key(due_shard(user_key)), {user_key: at.timestamp()}, lt=True)

    @guarded
    def unschedule(self, user_key: str) -> None:
        """Remove the user from the index (their data is gone)."""
        self._redis.zrem(due_key(due_shard(user_key)), user_key)

    @guarded_write
    def claim_due(self, shard: int, now: datetime, lease: timedelta, limit: int) -> list[str]:
        """Take up to ``limit`` users due by ``now`` from one shard, leased until now + lease."""
        script = self._redis.register_script(_CLAIM_LUA)
        args = [now.timestamp(), limit, (now + lease).timestamp()]
        return [str(member) for member in script(keys=[due_key(shard)], args=args)]

    @guarded_write
    def reschedule_claimed(
        self, lease_until: datetime, next_checks: dict[str, datetime | None]
    ) -> None:
        """After a sweep: each claimed user's next check (None: off the index), one script
        call per shard, pipelined (a sweep batch is one shard: one call).

        Skipped for a user whose check was moved earlier since the claim (see the script).
        """
        if not next_checks:
            return
        per_shard: dict[int, list[str | float]] = {}
        for user_key, at in next_checks.items():
            pairs = per_shard.setdefault(due_shard(user_key), [lease_until.timestamp()])
            pairs += [user_key, "" if at is None else at.timestamp()]
        script = self._redis.register_script(_RESCHEDULE_LUA)
        pipe = self._redis.pipeline(transaction=False)
        for shard, args in per_shard.items():
            script(keys=[due_key(shard)], args=args, client=pipe)
        execute_scripted(self._redis, pipe, script)

    @guarded
    def due_count(self, now: datetime) -> int:
        """How many users are due by ``now`` across all shards (for status and benchmarks)."""
        pipe = self._redis.pipeline(transaction=False)
        for shard in range(DUE_SHARDS):
            pipe.zcount(due_key(shard), "-inf", now.timestamp())
        return sum(int(n) for n in pipe.execute())

    def _on_forget(self, user_key: str) -> None:
        self.unschedule(user_key)
