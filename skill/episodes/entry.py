"""Turning what the user said into an Episode: when it happened, in their own time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from skill.episodes.model import Episode
from skill.episodes.slots import (
    AFTERNOON,
    EVENING,
    MORNING,
    NIGHT,
    PERIOD_CLOCK,
    SpokenTime,
    period_of,
)


@dataclass(frozen=True, slots=True)
class Said:
    """The parsed answers of one logging dialog (all optional but the location).

    ``ago_seconds``: "an hour ago" (the ``ago`` duration slot), resolved against now.
    """

    location: str
    side: str | None = None
    duration_seconds: int | None = None
    time: SpokenTime | None = None
    day: date | None = None
    triggers: tuple[str, ...] = ()
    ago_seconds: int | None = None


# "Two days ago", "a fortnight ago": a day back, with no time of day (placed at noon).
DAYS_AGO = 24 * 3600
# People call the whole evening "tonight": from 17:00 "tonight" is already under way.
TONIGHT_FROM = time(17, 0)
# A clock time at most this far ahead of now is a rounded "just now" ("at half eight" at 8:20).
ROUNDING = timedelta(hours=1)
_PERIOD_BEGINS = {MORNING: time(5, 0), AFTERNOON: time(12, 0), EVENING: time(17, 0),
                  NIGHT: TONIGHT_FROM}  # fmt: skip


def when(said: Said, now: datetime, zone: tzinfo) -> tuple[datetime, str | None]:
    """When the twitch started (aware UTC, to the second) and its time of day.

    The rules, in order (a diary entry is about the past, never the future):

    - ``ago``: now minus that long, whatever else was said; time of day from the result.
      A day or more ago ("a fortnight ago") keeps that day and no time of day.
    - No time: now (time of day from the clock) when no day was said; a day alone
      ("yesterday", "on Monday", even "today") keeps that day and **no** time of day,
      placed at now for today and at noon for an earlier day (noon only orders entries).
    - A part of the day ("tonight", "this evening") later than now today: today, at now,
      when that part has begun or begins within the hour ("tonight" counts from 17:00) or
      the user said today; otherwise the same part of yesterday ("this evening" said at
      nine in the morning means last evening).
    - A clock time: Alexa sends 01:00-11:59 for "one" to "eleven thirty" with or without
      "a.m.", so such an hour is read either way, and the latest reading not in the future
      today wins ("at about nine" said at 23:00 is 21:00). When every reading today is
      later: now when within the hour (a rounded "just now"), now when the user said
      today, else the latest reading yesterday ("at eleven" said at one in the morning is
      23:00 yesterday). A pm time is never moved to the morning. On an earlier day said,
      one to six o'clock are the afternoon ("on Monday at three"), other hours as said.
    """
    local_now = now.astimezone(zone)
    today = local_now.date()
    if said.ago_seconds is not None:
        moment = local_now - timedelta(seconds=said.ago_seconds)
        if said.ago_seconds >= DAYS_AGO:  # "a fortnight ago" names a day, not an hour
            return _utc(datetime.combine(moment.date(), time(12, 0), zone)), None
        return _utc(moment), period_of(moment.time())
    if said.time is None:
        if said.day is None:
            return _utc(local_now), period_of(local_now.time())
        if said.day >= today:
            return _utc(local_now), None
        return _utc(datetime.combine(said.day, time(12, 0), zone)), None
    day = said.day or today
    if said.time.clock is None:
        return _utc(_part_of_day(said, day, local_now)), said.time.period
    moment = _clock_time(said.time.clock, day, local_now, day_said=said.day is not None)
    return _utc(moment), period_of(moment.time())


def _part_of_day(said: Said, day: date, local_now: datetime) -> datetime:
    assert said.time is not None
    period = said.time.period
    moment = datetime.combine(day, PERIOD_CLOCK[period], local_now.tzinfo)
    if moment <= local_now:
        return moment
    begins = datetime.combine(local_now.date(), _PERIOD_BEGINS[period], local_now.tzinfo)
    under_way = period_of(local_now.time()) == period or local_now >= begins - ROUNDING
    if under_way or said.day is not None:
        return local_now
    return moment - timedelta(days=1)


def _clock_time(clock: time, day: date, local_now: datetime, *, day_said: bool) -> datetime:
    if day_said and day < local_now.date():
        # An earlier day: nothing to compare with. "On Monday at three" is an afternoon;
        # seven to twelve are taken as said (a morning), the common reading.
        hour = clock.hour + 12 if clock.hour in _AFTERNOON_HOURS else clock.hour
        return datetime.combine(day, clock.replace(hour=hour), local_now.tzinfo)
    # Today (said or not): the latest reading that is not in the future, allowing a
    # rounded "just now" ("at half eight" said at 8:20); failing that, yesterday.
    moments = [datetime.combine(day, reading, local_now.tzinfo) for reading in _readings(clock)]
    past = [m for m in moments if m <= local_now]
    if past:
        return max(past)
    if any(m - local_now <= ROUNDING for m in moments):
        return local_now
    if day_said:
        return local_now
    return max(m - timedelta(days=1) for m in moments)


# Alexa sends "10:30" for "ten thirty" whether the user meant the morning or the evening
# (only "p.m." or "at night" give 22:30): an hour from one to eleven may be either.
_AFTERNOON_HOURS = range(1, 7)


def _readings(clock: time) -> list[time]:
    """The clock as said and, for 01:00-11:59, its evening reading (12 hours later)."""
    if 1 <= clock.hour <= 11:
        return [clock, clock.replace(hour=clock.hour + 12)]
    return [clock]


def started_at(said: Said, now: datetime, zone: tzinfo) -> datetime:
    """When the twitch started, as aware UTC to the second (see :func:`when`)."""
    return when(said, now, zone)[0]


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


def build_episode(said: Said, *, episode_id: str, now: datetime, zone: tzinfo) -> Episode:
    """The episode to store for what was said."""
    start, time_of_day = when(said, now, zone)
    local = start.astimezone(zone)
    return Episode(
        id=episode_id,
        started_at=start,
        local_date=local.date(),
        location=said.location,
        side=said.side,
        duration_seconds=said.duration_seconds,
        time_of_day=time_of_day,
        triggers=said.triggers,
    )
