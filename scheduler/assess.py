"""Assess a batch of due users: evidence from the store, findings from the rules, next check."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from scheduler.sweep import Assess, Outcome
from skill.episodes import rules
from skill.episodes.advice import advice_from
from skill.episodes.store.evidence import Evidence, EvidenceStore
from skill.episodes.zones import locale_zone, zone_or_none

# Local time of a scheduled re-check: mid-morning, well clear of the 01:00-03:00 window in
# which DST changes make wall-clock times repeat or vanish (INFRA.md).
CHECK_LOCAL_TIME = time(9, 0)


def local_check_time(day: date, zone: ZoneInfo) -> datetime:
    """09:00 on ``day`` in the user's zone, as UTC."""
    return datetime.combine(day, CHECK_LOCAL_TIME, tzinfo=zone).astimezone(UTC)


# One sweep gives the same few findings (a rule and a run's first day) to many users at the
# same ``now``: their stored form is built once. Advice is immutable, so sharing is safe.
_advice_from = functools.lru_cache(maxsize=4096)(advice_from)
# Users share zones, and a sweep's users share its ``now`` and their next check days: the
# zone of each (zone, locale) pair, each zone's today and each 09:00 are worked out once.
_check_time = functools.lru_cache(maxsize=4096)(local_check_time)


@functools.lru_cache(maxsize=1024)
def _zone(time_zone: str | None, locale: str | None) -> ZoneInfo:
    return zone_or_none(time_zone) or locale_zone(locale)


@functools.lru_cache(maxsize=1024)
def _today(now: datetime, zone: ZoneInfo) -> date:
    return now.astimezone(zone).date()


def assess_user(user_key: str, evidence: Evidence, now: datetime) -> Outcome:
    """Pure: the findings and next check for one user as of ``now``."""
    zone = _zone(evidence.time_zone, evidence.locale)
    findings, upcoming = rules.evaluate_and_next_check(
        evidence.episodes, evidence.quiet_days, evidence.answers, today=_today(now, zone)
    )
    advice = tuple(_advice_from(finding, now) for finding in findings)
    fired = evidence.fired
    return Outcome(
        user_key=user_key,
        advice=advice,
        next_check=None if upcoming is None else _check_time(upcoming, zone),
        write=evidence.owed_messages > 0 or any(a.fired_field not in fired for a in advice),
    )


class StoreAssessor:
    """The production ``assess``: one pipelined read per batch (with the read guard, when the
    sweep gives one: a ``GuardedAssess``, see scheduler/sweep.py), then the pure rules."""

    def __init__(self, evidence: EvidenceStore) -> None:
        self._evidence = evidence

    def __call__(self, user_keys: list[str], now: datetime) -> list[Outcome]:
        return self.assess_read(user_keys, self._evidence.evidence_many(user_keys), now)

    def read_guarded(
        self, user_keys: list[str], guard: str, lease: timedelta
    ) -> dict[str, Evidence]:
        return self._evidence.evidence_many(user_keys, guard=guard, lease=lease)

    def assess_read(
        self, user_keys: list[str], read: dict[str, Evidence], now: datetime
    ) -> list[Outcome]:
        return [assess_user(user_key, read[user_key], now) for user_key in user_keys]


def store_assessor(evidence: EvidenceStore) -> Assess:
    """The production ``assess`` (a ``GuardedAssess``: see scheduler/sweep.py)."""
    return StoreAssessor(evidence)
