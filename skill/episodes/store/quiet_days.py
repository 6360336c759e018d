"""Store mixin: days the user said they had no twitches (evidence for the rules).

    twitch:{<user_key>}:quiet_days   zset   member = local date (ISO), score = its day number

Dates are the user's own calendar dates, like ``Episode.local_date``. The score
(``date.toordinal()``) keeps them in order, so a range of days is one ZRANGEBYSCORE.
Marking the same day twice is harmless. A twitch logged on a marked day wins: the
rules treat that day as a twitch day (``skill/episodes/runs.py``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from skill.episodes.keys import user_slot_key
from skill.episodes.store.client import guarded, guarded_write

QUIET_DAYS = "quiet_days"


class QuietDaysMixin:
    """Recorded twitch-free days, one sorted set per user."""

    KEY_NAMES: tuple[str, ...] = (QUIET_DAYS,)
    _redis: Any

    @guarded_write
    def mark_quiet_day(self, user_key: str, local_date: date) -> None:
        """Record that the user had no twitches on ``local_date``."""
        self._redis.zadd(
            user_slot_key(user_key, QUIET_DAYS), {local_date.isoformat(): local_date.toordinal()}
        )

    @guarded
    def quiet_days(self, user_key: str, *, since: date | None = None) -> set[date]:
        """Every recorded twitch-free day (from ``since`` on, when given)."""
        low = "-inf" if since is None else since.toordinal()
        members = self._redis.zrangebyscore(user_slot_key(user_key, QUIET_DAYS), low, "+inf")
        return {date.fromisoformat(member) for member in members}
