"""Assess a batch of due users: evidence from the store, findings from the rules, next check."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from scheduler.sweep import Assess, Outcome
from skill.episodes import rules
from skill.episodes.advice import advice_from
from skill.episodes.store import Store
from skill.episodes.store_evidence import Evidence
from skill.episodes.zones import locale_zone, zone_or_none

# Local time of a scheduled re-check: mid-morning, well clear of the 01:00-03:00 window in
# which DST changes make wall-clock times repeat or vanish (INFRA.md).
CHECK_LOCAL_TIME = time(9, 0)


def local_check_time(day: date, zone: ZoneInfo) -> datetime:
    """09:00 on ``day`` in the user's zone, as UTC."""
    return datetime.combine(day, CHECK_LOCAL_TIME, tzinfo=zone).astimezone(UTC)


def assess_user(user_key: str, evidence: Evidence, now: datetime) -> Outcome:
    """Pure: the findings and next check for one user as of ``now``."""
    zone = zone_or_none(evidence.time_zone) or locale_zone(evidence.locale)
    today = now.astimezone(zone).date()
    findings, upcoming = rules.evaluate_and_next_check(
        evidence.episodes, evidence.quiet_days, evidence.answers, today=today
    )
    return Outcome(
        user_key=user_key,
        advice=tuple(advice_from(finding, now) for finding in findings),
        next_check=None if upcoming is None else local_check_time(upcoming, zone),
    )


def store_assessor(store: Store) -> Assess:
    """The production ``assess``: one pipelined read per batch, then the pure rules."""

    def assess(user_keys: list[str], now: datetime) -> list[Outcome]:
        evidence = store.evidence_many(user_keys)
        return [assess_user(user_key, evidence[user_key], now) for user_key in user_keys]

    return assess
