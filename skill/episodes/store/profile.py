"""The user's profile hash: first-use notice, time zone and once-only flags."""

from __future__ import annotations

from typing import Any

from skill.episodes.keys import PROFILE, user_slot_key
from skill.episodes.store.client import guarded


class ProfileMixin:
    """The user's profile hash: first-use notice, time zone and once-only flags."""

    _redis: Any

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
        return self.claim_profile_flag(user_key, "notice_given")

    @guarded
    def claim_profile_flag(self, user_key: str, flag: str) -> bool:
        """True exactly once per user and flag (HSETNX): for things said or offered once."""
        return bool(self._redis.hsetnx(user_slot_key(user_key, PROFILE), flag, "1"))
