"""A request's reads of its user in one round trip: the request-scoped snapshot.

The web edge opens ``request_snapshot(user_key, now)`` around each request. The first read
that the snapshot covers loads, in one MULTI (one user's slot, so also on a cluster):

    profile (HGETALL), pending advice (HVALS), the diary's size (ZCARD), reminders (HGETALL),
    twitch-free days and diary entries from ``now - RECENT`` on (ZRANGEBYSCORE)

and every covered read of that user in the request is answered from it: the profile and its
once-only flags, pending advice, the entry count, reminder ids and consent, quiet days and
entries since the window's start (enough for "today" in any time zone). Writes the snapshot
knows (profile fields, flags, a new entry) keep it up to date; any other write to Redis in
the request drops it, and later reads go to Redis as before. A request that reads nothing
covered (a question) loads nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from skill.episodes.advice import Advice
from skill.episodes.keys import PROFILE, user_slot_key
from skill.episodes.model import Episode
from skill.episodes.store.advice import ADVICE_PENDING
from skill.episodes.store.client import guarded
from skill.episodes.store.diary import EPISODES, decode_episode
from skill.episodes.store.quiet_days import QUIET_DAYS
from skill.episodes.store.reminders import REMINDER_KINDS, REMINDERS
from skill.episodes.store.snapshot_state import ACTIVE, RECENT, Snapshot


class SnapshotMixin:
    """Covered reads answered from the request's snapshot; must come first in Store's bases."""

    _redis: Any

    @contextmanager
    def request_snapshot(self, user_key: str, now: datetime) -> Iterator[None]:
        """Within this block, covered reads of ``user_key`` share one round trip."""
        token = ACTIVE.set(Snapshot(user_key, now - RECENT))
        try:
            yield
        finally:
            ACTIVE.reset(token)

    def _snapshot(self, user_key: str) -> Snapshot | None:
        snap = ACTIVE.get()
        if snap is None or not snap.live or snap.user_key != user_key:
            return None
        if not snap.loaded:
            self._load(snap)
        return snap

    def _load(self, snap: Snapshot) -> None:
        user = snap.user_key
        pipe = self._redis.pipeline(transaction=True)
        pipe.hgetall(user_slot_key(user, PROFILE))
        pipe.hvals(user_slot_key(user, ADVICE_PENDING))
        pipe.zcard(user_slot_key(user, EPISODES))
        pipe.hgetall(user_slot_key(user, REMINDERS))
        pipe.zrangebyscore(user_slot_key(user, QUIET_DAYS), snap.since.date().toordinal(), "+inf")
        since = int(snap.since.timestamp())
        pipe.zrangebyscore(user_slot_key(user, EPISODES), since, "+inf", withscores=True)
        profile, pending, count, reminders, quiet, recent = pipe.execute()
        snap.profile, snap.pending, snap.count = dict(profile), list(pending), int(count)
        snap.reminders = dict(reminders)
        snap.quiet = {date.fromisoformat(day) for day in quiet}
        snap.recent = [decode_episode(member, score) for member, score in recent]
        snap.loaded = True

    # Covered reads.
    @guarded
    def profile(self, user_key: str) -> dict[str, str]:
        snap = self._snapshot(user_key)
        return dict(snap.profile) if snap else super().profile(user_key)  # type: ignore[misc]

    @guarded
    def pending_advice(self, user_key: str) -> list[Advice]:
        snap = self._snapshot(user_key)
        if snap is None:
            return super().pending_advice(user_key)  # type: ignore[misc,no-any-return]
        return sorted((Advice.from_json(item) for item in snap.pending), key=Advice.speaking_order)

    @guarded
    def episode_count(self, user_key: str) -> int:
        snap = self._snapshot(user_key)
        return snap.count if snap else super().episode_count(user_key)  # type: ignore[misc]

    @guarded
    def reminder_ids(self, user_key: str) -> dict[str, str]:
        snap = self._snapshot(user_key)
        if snap is None:
            return super().reminder_ids(user_key)  # type: ignore[misc,no-any-return]
        return {kind: str(v) for kind in REMINDER_KINDS if (v := snap.reminders.get(kind))}

    @guarded
    def consent(self, user_key: str) -> str | None:
        snap = self._snapshot(user_key)
        if snap is None:
            return super().consent(user_key)  # type: ignore[misc,no-any-return]
        value = snap.reminders.get("consent")
        return str(value) if value else None

    @guarded
    def quiet_days(self, user_key: str, *, since: date | None = None) -> set[date]:
        snap = self._snapshot(user_key)
        if snap is None or since is None or since < snap.since.date():
            return super().quiet_days(user_key, since=since)  # type: ignore[misc,no-any-return]
        return {day for day in snap.quiet if day >= since}

    @guarded
    def episodes_between(self, user_key: str, start: datetime, end: datetime) -> list[Episode]:
        snap = self._snapshot(user_key)
        low, high = int(start.timestamp()), int(end.timestamp())
        if snap is None or snap.recent is None or low < int(snap.since.timestamp()):
            return super().episodes_between(user_key, start, end)  # type: ignore[misc,no-any-return]
        return [e for e in snap.recent if low <= int(e.started_at.timestamp()) < high]

    # Writes the snapshot follows.
    @guarded
    def update_profile(self, user_key: str, fields: dict[str, str]) -> None:
        super().update_profile(user_key, fields)  # type: ignore[misc]
        snap = self._snapshot(user_key)
        if snap is not None:
            snap.profile.update(fields)

    @guarded
    def claim_profile_flag(self, user_key: str, flag: str) -> bool:
        # A claim uses the snapshot when a read has loaded it, and never loads it: a claim
        # alone (a new session's notice) is one HSETNX.
        snap = ACTIVE.get()
        if snap is None or not (snap.loaded and snap.live and snap.user_key == user_key):
            snap = None
        if snap is not None and flag in snap.profile:
            return False  # HSETNX would answer the same: the flag is set
        claimed: bool = super().claim_profile_flag(user_key, flag)  # type: ignore[misc]
        if snap is not None:
            snap.profile.setdefault(flag, "1")
        return claimed

    @guarded
    def add_episode(self, user_key: str, episode: Episode, *, check_at: datetime) -> bool:
        added: bool = super().add_episode(user_key, episode, check_at=check_at)  # type: ignore[misc]
        snap = ACTIVE.get()
        if snap is not None and snap.loaded and snap.user_key == user_key:
            snap.count += int(added)
            snap.recent = None  # re-read from Redis if asked again in this request
        return added
