"""The scheduler's read model: everything the rules need for many users, in one round trip.

For each user one Lua call returns their episodes (day and place decoded), twitch-free days,
symptom answers and cached time zone; a batch of users is one pipeline. Keys are the
diary's, quiet days', symptoms' and profile's own (see those modules); this mixin
writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from skill.episodes.keys import PROFILE, user_slot_key
from skill.episodes.model import DiaryMark
from skill.episodes.store_diary import EPISODES, decode_day_place
from skill.episodes.store_quiet_days import QUIET_DAYS
from skill.episodes.store_symptoms import SYMPTOMS, decode_answer

PROFILE_ZONE_FIELD = "tz"  # written by skill/handlers/timezone.py
PROFILE_LOCALE_FIELD = "locale"  # ditto, when the Settings API gave no zone

# KEYS: episodes, quiet days, symptoms, profile (all in the user's slot).
_EVIDENCE_LUA = """
return {
  redis.call('ZRANGE', KEYS[1], 0, -1),
  redis.call('ZRANGE', KEYS[2], 0, -1),
  redis.call('HGETALL', KEYS[3]),
  redis.call('HGET', KEYS[4], ARGV[1]),
  redis.call('HGET', KEYS[4], ARGV[2])
}
"""


@dataclass(frozen=True, slots=True)
class Evidence:
    """One user's inputs to the rules."""

    episodes: tuple[DiaryMark, ...]  # day and place of each entry (DayPlace), deduplicated
    quiet_days: frozenset[date]
    answers: dict[str, bool]
    time_zone: str | None
    locale: str | None = None


class EvidenceMixin:
    """Batch reads for the sweep."""

    _redis: Any

    def evidence_many(self, user_keys: list[str]) -> dict[str, Evidence]:
        """Evidence for every user in ``user_keys``; unreadable episodes are skipped."""
        script = self._redis.register_script(_EVIDENCE_LUA)
        pipe = self._redis.pipeline(transaction=False)
        for user_key in user_keys:
            keys = [user_slot_key(user_key, name) for name in (EPISODES, QUIET_DAYS, SYMPTOMS,
                                                                PROFILE)]  # fmt: skip
            script(keys=keys, args=[PROFILE_ZONE_FIELD, PROFILE_LOCALE_FIELD], client=pipe)
        return {
            user_key: _evidence(reply)
            for user_key, reply in zip(user_keys, pipe.execute(), strict=True)
        }


def _evidence(reply: list[Any]) -> Evidence:
    members, quiet, flat_answers, zone, locale = (list(reply) + [None] * 5)[:5]
    marks = set()  # several twitches in one place on one day weigh the same for the rules
    for member in members or []:
        try:
            marks.add(decode_day_place(member))
        except ValueError:
            continue  # a member in an unknown format: the rules work with the rest
    answers_raw = flat_answers or []
    answers = {
        item: decode_answer(str(value))
        for item, value in zip(answers_raw[0::2], answers_raw[1::2], strict=True)
    }
    return Evidence(
        episodes=tuple(marks),
        quiet_days=frozenset(date.fromisoformat(day) for day in quiet or []),
        answers=answers,
        time_zone=zone if isinstance(zone, str) else None,
        locale=locale if isinstance(locale, str) else None,
    )
