"""QuietDays: days the user said they had no twitches (evidence for the rules).

    twitch:{<user_key>}:quiet_days   zset   member = local date (ISO), score = its day number

Dates are the user's own calendar dates, like ``Episode.local_date``. The score
(``date.toordinal()``) keeps them in order, so a range of days is one ZRANGEBYSCORE.
Marking the same day twice is harmless. A twitch logged on a marked day wins: the
rules treat that day as a twitch day (``skill/episodes/runs.py``).
"""

from __future__ import annotations

from datetime import date

from skill.episodes.keys import user_slot_key
from skill.episodes.store.client import guarded, guarded_write
from skill.episodes.store.connection import Connection

QUIET_DAYS = "quiet_days"


class QuietDays:
    """Recorded twitch-free days, one sorted set per user; recent ones follow the request's
    snapshot (snapshot.py)."""

    KEY_NAMES: tuple[str, ...] = (QUIET_DAYS,)

    def __init__(self, conn: Connection) -> None:
        self._redis = conn.redis
        self._snapshot = conn.snapshot

    @guarded_write
    def mark_quiet_day(self, user_key: str, local_date: date) -> None:
        """Record that the user had no twitches on ``local_date``."""
        self._redis.zadd(
            user_slot_key(user_key, QUIET_DAYS), {local_date.isoformat(): local_date.toordinal()}
        )

    @guarded
    def quiet_days(self, user_key: str, *, since: date | None = None) -> set[date]:
        """Every recorded twitch-free day (from ``since`` on, when given)."""
        snap = self._snapshot.covering(user_key)
        if snap is not None and since is not None and since >= snap.since.date():
            return {day for day in snap.quiet if day >= since}
        low = "-inf" if since is None else since.toordinal()
        members = self._redis.zrangebyscore(user_slot_key(user_key, QUIET_DAYS), low, "+inf")
        return {date.fromisoformat(member) for member in members}
