"""SweepGuard: a read guard in the user's slot, so a sweep writes nothing for one forgotten.

    twitch:{<user_key>}:sweep_read   string  the reading sweep batch's token, expires with its lease

Before a batch reads its users' evidence, it leaves its token in each user's slot (only
for users who have evidence at all). ``forget`` deletes it with every other key of the
user (it is in ``KEY_NAMES``), and the fire-once script writes nothing unless the token is
still there (store/advice.py), in the same atomic step as the write: so a "delete all my
data" that lands between a sweep's read and its write leaves no key behind, and a diary
started again meanwhile gets no advice computed from the one that was deleted. No
tombstone outlives the user: the guard is theirs and goes with them.
"""

from __future__ import annotations

from datetime import timedelta

from skill.episodes.keys import user_slot_key
from skill.episodes.store.client import execute_scripted, guarded_write
from skill.episodes.store.connection import Connection
from skill.episodes.store.diary import EPISODES
from skill.episodes.store.symptoms import SYMPTOMS

SWEEP_READ = "sweep_read"

# KEYS: sweep_read, episodes, symptoms (one user's slot). ARGV: token, time to live (ms).
# A user with no evidence gets no guard, so nothing is created for one already forgotten.
_GUARD_LUA = """
if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
"""


class SweepGuard:
    """Leave a batch's read token with each user it is about to read."""

    KEY_NAMES: tuple[str, ...] = (SWEEP_READ,)

    def __init__(self, conn: Connection) -> None:
        self._redis = conn.redis

    @guarded_write
    def guard_reads(self, user_keys: list[str], token: str, lease: timedelta) -> None:
        """Before reading ``user_keys`` for a sweep: one pipelined round trip."""
        script = self._redis.register_script(_GUARD_LUA)
        pipe = self._redis.pipeline(transaction=False)
        ttl_ms = int(lease.total_seconds() * 1000)
        for user_key in user_keys:
            keys = [user_slot_key(user_key, name) for name in (SWEEP_READ, EPISODES, SYMPTOMS)]
            script(keys=keys, args=[token, ttl_ms], client=pipe)
        execute_scripted(self._redis, pipe, script)
