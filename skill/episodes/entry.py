"""Turning what the user said into an Episode: when it happened, in their own time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from skill.episodes.model import Episode
from skill.episodes.slots import PERIOD_CLOCK, SpokenTime, period_of


@dataclass(frozen=True, slots=True)
class Said:
    """The parsed answers of one logging dialog (all optional but the location)."""

    location: str
    side: str | None = None
    duration_seconds: int | None = None
    time: SpokenTime | None = None
    day: date | None = None
    triggers: tuple[str, ...] = ()


def started_at(said: Said, now: datetime, zone: tzinfo) -> datetime:
    """When the twitch started, as aware UTC to the second.

    No time and no day: now. A day without a time: now if it is today, else noon
    that day. A time later than now today means yesterday when no day was said
    ("at eleven" said at one in the morning), and now when the user said today
    or is still in the period they named ("this evening" at half past six).
    """
    local_now = now.astimezone(zone)
    today = local_now.date()
    if said.time is None:
        if said.day is None or said.day == today:
            return _utc(local_now)
        return _utc(datetime.combine(said.day, time(12, 0), zone))
    clock = said.time.clock or PERIOD_CLOCK[said.time.period]
    local = datetime.combine(said.day or today, clock, zone)
    if local > local_now:
        still_in_period = (
            said.time.clock is None and period_of(local_now.time()) == said.time.period
        )
        if said.day is not None or still_in_period:
            local = local_now
        else:
            local = datetime.combine(today - timedelta(days=1), clock, zone)
    return _utc(local)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


def build_episode(said: Said, *, episode_id: str, now: datetime, zone: tzinfo) -> Episode:
    """The episode to store for what was said."""
    start = started_at(said, now, zone)
    local = start.astimezone(zone)
    return Episode(
        id=episode_id,
        started_at=start,
        local_date=local.date(),
        location=said.location,
        side=said.side,
        duration_seconds=said.duration_seconds,
        time_of_day=said.time.period if said.time else period_of(local.time()),
        triggers=said.triggers,
    )
