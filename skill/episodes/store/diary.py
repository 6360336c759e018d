"""DiaryStore: the twitch diary in Redis, one time-ordered sorted set per user.

    twitch:{<user_key>}:episodes   zset   member = encoded episode, score = started_at (UTC epoch s)

Each member is the whole episode, compactly encoded (about 40 bytes):

    <id>|<location>|<side>|<duration s>|<time of day>|<trigger>,<trigger>|<local date YYYYMMDD>

Sides and times of day are stored as one letter; empty fields stay empty. The id
is 8 random URL-safe characters (48 bits), so two sessions of one user writing at
the same moment add two members and lose nothing; writing the same episode twice
(a client retry) only rewrites its score. Sorting by score gives the diary in the
order the twitches happened (not the order they were logged). ``started_at`` is
kept to the second.

The rules' summary of the diary lives beside it, kept up to date by the same Lua script
that changes the diary (so one atomic step changes all three):

    twitch:{<user_key>}:marks      hash   "<local date YYYYMMDD>|<location>" -> episodes there
                                          "_v" -> "1": the summary is complete
    twitch:{<user_key>}:mark_list  string the summary's marks (its fields but "_v"), joined
                                          by ",": what the sweep reads

The rules read only the day and place of each entry, deduplicated (``DayPlace``), so the
sweep reads the summary instead of decoding the whole diary, and reads it as one string: a
GET, where fetching the hash's fields cost Redis a reply of one string per mark. The counts
stay in the hash, so a delete knows when a mark goes; the list is rewritten only when a mark
comes or goes (O(marks), at write time). A diary written before the summary existed has no
``_v``: the first script that touches it (a write, a delete, or the sweep's read) rebuilds
the summary from the diary, in the same step; a summary written before the list existed
gets its list the same way.

A write is the due-index first (an idempotent ZADD LT in another slot, see store/due.py),
then one Lua script in the user's slot: on one Redis both in one pipeline (one round trip,
executed in that order), on a cluster two calls.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from skill.episodes.keys import user_slot_key
from skill.episodes.model import DayPlace, Episode
from skill.episodes.store.client import guarded, guarded_write
from skill.episodes.store.connection import Connection
from skill.episodes.store.due import DueIndex, due_key, due_shard
from skill.episodes.store.snapshot_state import ACTIVE

EPISODES = "episodes"
MARKS = "marks"
MARK_LIST = "mark_list"
MARKS_COMPLETE = "_v"
_SEP = "|"
_SIDE_CODES = {"left": "l", "right": "r", "both": "b"}
_TOD_CODES = {"morning": "m", "afternoon": "a", "evening": "e", "night": "n"}
_SIDE_NAMES = {code: name for name, code in _SIDE_CODES.items()}
_TOD_NAMES = {code: name for name, code in _TOD_CODES.items()}

# Lua shared by every script that changes the diary or reads the summary. ``mark_of`` picks
# a member's day and place ("" for a member in another format, which the rules skip too).
# ``sync_marks_of(diary, marks, list, member, delta)`` applies one added (+1) or removed (-1)
# member to the summary (``marks`` and ``list``) of the diary ``diary``, or rebuilds the
# whole summary when it is not complete; a user without a diary gets no summary keys
# (nothing is created for a user who has been forgotten). ``sync_marks`` is the same for
# KEYS[1..3] (diary, marks, mark list), the layout of the scripts that change one user's
# diary; the sweep's batch read names the keys of each of its users (store/evidence.py),
# and asks ``mark_list_of`` for the list, made first when the summary predates it.
MARKS_LUA = """
local function mark_of(member)
  local parts = {}
  for field in string.gmatch(member .. '|', '([^|]*)|') do parts[#parts + 1] = field end
  if #parts ~= 7 then return '' end
  return parts[7] .. '|' .. parts[2]
end
local function write_list(marks, list)
  local fields = {}
  for _, field in ipairs(redis.call('HKEYS', marks)) do
    if field ~= '_v' then fields[#fields + 1] = field end
  end
  redis.call('SET', list, table.concat(fields, ','))
end
local function sync_marks_of(diary, marks, list, member, delta)
  if redis.call('HEXISTS', marks, '_v') == 1 then
    local mark = mark_of(member)
    if mark ~= '' then
      local left = redis.call('HINCRBY', marks, mark, delta)
      if left <= 0 then
        redis.call('HDEL', marks, mark)
      end
      if left <= 0 or (delta > 0 and left == delta) or redis.call('EXISTS', list) == 0 then
        write_list(marks, list)  -- a mark came or went (or the list predates this code)
      end
    end
    if delta < 0 and redis.call('EXISTS', diary) == 0 then
      redis.call('DEL', marks, list)  -- no diary, no summary
    end
    return
  end
  redis.call('DEL', marks, list)
  if redis.call('EXISTS', diary) == 0 then return end
  for _, each in ipairs(redis.call('ZRANGE', diary, 0, -1)) do
    local mark = mark_of(each)
    if mark ~= '' then redis.call('HINCRBY', marks, mark, 1) end
  end
  redis.call('HSET', marks, '_v', '1')
  write_list(marks, list)
end
local function sync_marks(member, delta)
  sync_marks_of(KEYS[1], KEYS[2], KEYS[3], member, delta)
end
-- The mark list, or false when there is no diary.
local function mark_list_of(diary, marks, list)
  local joined = redis.call('GET', list)
  if joined then return joined end
  if redis.call('HEXISTS', marks, '_v') == 1 then
    write_list(marks, list)
  else
    sync_marks_of(diary, marks, list, '', 0)
  end
  return redis.call('GET', list)
end
"""

# Add member ARGV[1] with score ARGV[2]; a member already there (a retry) only moves.
# Returns 1 when the member is new.
_ADD_LUA = (
    MARKS_LUA
    + """
local added = redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
if added == 1 then
  sync_marks(ARGV[1], 1)
end
return added
"""
)

_ADD_SHA = hashlib.sha1(_ADD_LUA.encode()).hexdigest()  # noqa: S324 - Redis names scripts so

# Remove the member with id ARGV[2] among those scored exactly ARGV[1]; returns it or false.
_DELETE_BY_ID_LUA = (
    MARKS_LUA
    + """
local members = redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[1], 'BYSCORE')
for _, member in ipairs(members) do
  if string.sub(member, 1, string.len(ARGV[2]) + 1) == ARGV[2] .. '|' then
    redis.call('ZREM', KEYS[1], member)
    sync_marks(member, -1)
    return member
  end
end
return false
"""
)

# ZPOPMAX with the summary updated: returns {member, score} or an empty table.
_POP_LAST_LUA = (
    MARKS_LUA
    + """
local popped = redis.call('ZPOPMAX', KEYS[1])
if popped[1] then
  sync_marks(popped[1], -1)
end
return popped
"""
)


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


@functools.lru_cache(maxsize=4096)  # a few hundred distinct days cover every user's diary
def _day(yyyymmdd: str) -> date:
    if len(yyyymmdd) != 8 or not yyyymmdd.isdigit():
        raise ValueError("local date is not YYYYMMDD")
    return date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))


def episode_score(episode: Episode) -> int:
    """The zset score: started_at in whole UTC seconds."""
    return int(episode.started_at.timestamp())


def diary_keys(user_key: str) -> list[str]:
    """KEYS of the scripts that change the diary: the diary, then its summary (the counts,
    then the mark list)."""
    return [user_slot_key(user_key, name) for name in (EPISODES, MARKS, MARK_LIST)]


# Decoded marks by field: users share days and places, so most lookups hit (bounded size).
_MARKS: dict[str, DayPlace] = {}
_MARKS_LIMIT = 1 << 16


def decode_marks(joined: str) -> tuple[DayPlace, ...]:
    """The summary's marks from its field names joined by ',' (the sweep's hot path); each
    field is a distinct mark. A field in another format is skipped, as the rules skip such
    a diary entry."""
    if not joined:
        return ()
    fields = joined.split(",")
    # Every field seen before: one lookup each, in C (map), and no loop of our own.
    marks = tuple(map(_MARKS.get, fields))
    if None not in marks:
        return marks  # type: ignore[return-value]
    return tuple(mark for field in fields if (mark := _decode_mark(field)) is not None)


def _decode_mark(field: str) -> DayPlace | None:
    mark = _MARKS.get(field)
    if mark is None:
        day, _, location = field.partition(_SEP)
        try:
            mark = DayPlace.of(_day(day), location)
        except ValueError:
            return None
        if len(_MARKS) < _MARKS_LIMIT:
            _MARKS[field] = mark
    return mark


def _decode_all(pairs: Iterable[tuple[str, float]]) -> list[Episode]:
    return [decode_episode(member, score) for member, score in pairs]


class DiaryStore:
    """Episodes of the twitch diary; the count and recent entries follow the request's
    snapshot (snapshot.py)."""

    KEY_NAMES: tuple[str, ...] = (EPISODES, MARKS, MARK_LIST)

    def __init__(self, conn: Connection, due: DueIndex) -> None:
        self._redis = conn.redis
        self._single_node = conn.single_node
        self._snapshot = conn.snapshot
        self._due = due

    @guarded
    def add_episode(self, user_key: str, episode: Episode, *, check_at: datetime) -> bool:
        """Store one episode atomically; returns only after Redis acknowledged the write,
        True when it is new (False: the same episode again, a retry).

        The due-index comes first, so a crash between the two commands leaves an
        extra check for the scheduler, never an episode it does not know about.
        """
        member = encode_episode(episode)
        args = [member, episode_score(episode)]
        if self._single_node:
            added = self._add_in_one_trip(user_key, args, check_at)
        else:
            # A cluster: the due-index is in another slot, maybe on another node, so the two
            # writes are two calls, in this order (after the request's held writes).
            self._snapshot.flush_queued()
            self._due.schedule_check(user_key, check_at)
            script = self._redis.register_script(_ADD_LUA)
            added = bool(script(keys=diary_keys(user_key), args=args))
        snap = ACTIVE.get()
        if snap is not None and snap.loaded and snap.user_key == user_key:
            snap.count += int(added)
            snap.recent = None  # re-read from Redis if asked again in this request
        return added

    def _add_in_one_trip(self, user_key: str, args: list[Any], check_at: datetime) -> bool:
        """One Redis: the request's held profile writes (snapshot.py), the due-index and the
        diary in one pipeline, executed in that order (an AOF holds them in that order too),
        acknowledged together: one round trip.

        EVALSHA directly, not through a pipelined Script (which asks SCRIPT EXISTS first on
        every execute): a server that lost its scripts answers NOSCRIPT; the script is then
        loaded and the pipeline sent again (the held writes and the due-index write are
        idempotent)."""
        keys = diary_keys(user_key)
        held = self._snapshot.take_queued(user_key)
        for attempt in (1, 2):
            pipe = self._redis.pipeline(transaction=False)
            for command in held:
                pipe.execute_command(*command)
            pipe.zadd(due_key(due_shard(user_key)), {user_key: check_at.timestamp()}, lt=True)
            pipe.evalsha(_ADD_SHA, len(keys), *keys, *args)
            try:
                return bool(pipe.execute()[-1])
            except Exception as exc:  # redis-py's NoScriptError; redis is not imported here
                if attempt == 2 or type(exc).__name__ != "NoScriptError":
                    raise
                self._redis.script_load(_ADD_LUA)
        raise AssertionError("unreachable")

    @guarded
    def episodes_between(self, user_key: str, start: datetime, end: datetime) -> list[Episode]:
        """Episodes with ``start <= started_at < end`` (aware datetimes), oldest first."""
        low, high = int(start.timestamp()), int(end.timestamp())
        snap = self._snapshot.covering(user_key)
        if snap is not None and snap.recent is not None and low >= int(snap.since.timestamp()):
            return [e for e in snap.recent if low <= int(e.started_at.timestamp()) < high]
        key = user_slot_key(user_key, EPISODES)
        return _decode_all(self._redis.zrangebyscore(key, low, f"({high}", withscores=True))

    @guarded
    def all_episodes(self, user_key: str) -> list[Episode]:
        """The user's whole diary, oldest first."""
        key = user_slot_key(user_key, EPISODES)
        return _decode_all(self._redis.zrange(key, 0, -1, withscores=True))

    @guarded
    def last_episode(self, user_key: str) -> Episode | None:
        """The episode that started last, or None for an empty diary."""
        found = self._redis.zrange(user_slot_key(user_key, EPISODES), -1, -1, withscores=True)
        return _decode_all(found)[0] if found else None

    @guarded_write
    def delete_last_episode(self, user_key: str) -> Episode | None:
        """Remove and return the episode that started last (ZPOPMAX, in one script with the
        summary)."""
        script = self._redis.register_script(_POP_LAST_LUA)
        popped = script(keys=diary_keys(user_key))
        return decode_episode(popped[0], float(popped[1])) if popped else None

    @guarded_write
    def delete_episode(self, user_key: str, episode_id: str, started_at: datetime) -> bool:
        """Remove exactly one episode (by id and start); False if it is already gone."""
        script = self._redis.register_script(_DELETE_BY_ID_LUA)
        keys = diary_keys(user_key)
        return bool(script(keys=keys, args=[int(started_at.timestamp()), episode_id]))

    @guarded
    def episode_count(self, user_key: str) -> int:
        """How many episodes the user has logged."""
        snap = self._snapshot.covering(user_key)
        if snap is not None:
            return snap.count
        return int(self._redis.zcard(user_slot_key(user_key, EPISODES)))
