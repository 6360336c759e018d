"""The twitch diary in Redis: one time-ordered sorted set per user.

    twitch:{<user_key>}:episodes   zset   member = encoded episode, score = started_at (UTC epoch s)

Each member is the whole episode, compactly encoded (about 40 bytes):

    <id>|<location>|<side>|<duration s>|<time of day>|<trigger>,<trigger>|<local date YYYYMMDD>

Sides and times of day are stored as one letter; empty fields stay empty. The id
is 8 random URL-safe characters (48 bits), so two sessions of one user writing at
the same moment add two members and lose nothing; writing the same episode twice
(a client retry) only rewrites its score. Sorting by score gives the diary in the
order the twitches happened (not the order they were logged). ``started_at`` is
kept to the second.

A write is ``schedule_check`` on the due-index first (a separate, idempotent
command in another slot, see store_due.py), then MULTI/EXEC in the user's slot.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from skill.episodes.keys import user_slot_key
from skill.episodes.model import DayPlace, Episode

EPISODES = "episodes"
_SEP = "|"
_SIDE_CODES = {"left": "l", "right": "r", "both": "b"}
_TOD_CODES = {"morning": "m", "afternoon": "a", "evening": "e", "night": "n"}
_SIDE_NAMES = {code: name for name, code in _SIDE_CODES.items()}
_TOD_NAMES = {code: name for name, code in _TOD_CODES.items()}

# Remove the member with id ARGV[2] among those scored exactly ARGV[1]; returns it or false.
_DELETE_BY_ID_LUA = """
local members = redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[1], 'BYSCORE')
for _, member in ipairs(members) do
  if string.sub(member, 1, string.len(ARGV[2]) + 1) == ARGV[2] .. '|' then
    redis.call('ZREM', KEYS[1], member)
    return member
  end
end
return false
"""


class EpisodeDecodeError(ValueError):
    """A stored member is not in the episode format (written by something else)."""


def new_episode_id() -> str:
    """A fresh episode id: 48 random bits, URL-safe, never containing the separator."""
    return secrets.token_urlsafe(6)


def encode_episode(episode: Episode) -> str:
    """The zset member for an episode (see the module docstring)."""
    for text in (episode.id, episode.location, *episode.triggers):
        if _SEP in text or "," in text:
            raise ValueError("episode fields must not contain '|' or ','")
    fields = (
        episode.id,
        episode.location,
        _SIDE_CODES.get(episode.side or "", ""),
        "" if episode.duration_seconds is None else str(episode.duration_seconds),
        _TOD_CODES.get(episode.time_of_day or "", ""),
        ",".join(episode.triggers),
        episode.local_date.strftime("%Y%m%d"),
    )
    return _SEP.join(fields)


def decode_episode(member: str, score: float) -> Episode:
    """The episode a member and its score stand for."""
    parts = member.split(_SEP)
    if len(parts) != 7:
        raise EpisodeDecodeError("wrong number of fields")
    episode_id, location, side, duration, tod, triggers, local_day = parts
    try:
        return Episode(
            id=episode_id,
            started_at=datetime.fromtimestamp(int(score), UTC),
            # Slicing, not strptime: the sweep decodes millions of these.
            local_date=_day(local_day),
            location=location,
            side=_SIDE_NAMES.get(side),
            duration_seconds=int(duration) if duration else None,
            time_of_day=_TOD_NAMES.get(tod),
            triggers=tuple(t for t in triggers.split(",") if t),
        )
    except ValueError as exc:
        raise EpisodeDecodeError(str(exc)) from exc


def decode_day_place(member: str) -> DayPlace:
    """Only the day and the place of a member: what the rules read (the sweep's hot path)."""
    parts = member.split(_SEP)
    if len(parts) != 7:
        raise EpisodeDecodeError("wrong number of fields")
    return DayPlace(_day(parts[6]), parts[1])


@functools.lru_cache(maxsize=4096)  # a few hundred distinct days cover every user's diary
def _day(yyyymmdd: str) -> date:
    if len(yyyymmdd) != 8 or not yyyymmdd.isdigit():
        raise ValueError("local date is not YYYYMMDD")
    return date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))


def episode_score(episode: Episode) -> int:
    """The zset score: started_at in whole UTC seconds."""
    return int(episode.started_at.timestamp())


def _decode_all(pairs: Iterable[tuple[str, float]]) -> list[Episode]:
    return [decode_episode(member, score) for member, score in pairs]


class DiaryMixin:
    """Episodes of the twitch diary."""

    _redis: Any
    KEY_NAMES: tuple[str, ...] = (EPISODES,)

    def add_episode(self, user_key: str, episode: Episode, *, check_at: datetime) -> None:
        """Store one episode atomically; returns only after Redis acknowledged the write.

        The due-index comes first, so a crash between the two commands leaves an
        extra check for the scheduler, never an episode it does not know about.
        """
        member = encode_episode(episode)
        self.schedule_check(user_key, check_at)  # type: ignore[attr-defined]  # DueIndexMixin
        pipe = self._redis.pipeline(transaction=True)
        pipe.zadd(user_slot_key(user_key, EPISODES), {member: episode_score(episode)})
        pipe.execute()

    def episodes_between(self, user_key: str, start: datetime, end: datetime) -> list[Episode]:
        """Episodes with ``start <= started_at < end`` (aware datetimes), oldest first."""
        key = user_slot_key(user_key, EPISODES)
        low, high = int(start.timestamp()), f"({int(end.timestamp())}"
        return _decode_all(self._redis.zrangebyscore(key, low, high, withscores=True))

    def all_episodes(self, user_key: str) -> list[Episode]:
        """The user's whole diary, oldest first."""
        key = user_slot_key(user_key, EPISODES)
        return _decode_all(self._redis.zrange(key, 0, -1, withscores=True))

    def last_episode(self, user_key: str) -> Episode | None:
        """The episode that started last, or None for an empty diary."""
        found = self._redis.zrange(user_slot_key(user_key, EPISODES), -1, -1, withscores=True)
        return _decode_all(found)[0] if found else None

    def delete_last_episode(self, user_key: str) -> Episode | None:
        """Remove and return the episode that started last (atomic ZPOPMAX)."""
        popped = self._redis.zpopmax(user_slot_key(user_key, EPISODES))
        return _decode_all(popped)[0] if popped else None

    def delete_episode(self, user_key: str, episode_id: str, started_at: datetime) -> bool:
        """Remove exactly one episode (by id and start); False if it is already gone."""
        script = self._redis.register_script(_DELETE_BY_ID_LUA)
        keys = [user_slot_key(user_key, EPISODES)]
        return bool(script(keys=keys, args=[int(started_at.timestamp()), episode_id]))

    def episode_count(self, user_key: str) -> int:
        """How many episodes the user has logged."""
        return int(self._redis.zcard(user_slot_key(user_key, EPISODES)))
