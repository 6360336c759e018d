"""Plain builders for rule tests: episodes on numbered days of one month."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from skill.episodes.model import Episode

DAY_ONE = date(2026, 10, 1)  # "day 1"; DST changes inside the range on purpose


def day(n: int) -> date:
    """The local date of day ``n`` (day 1 is DAY_ONE)."""
    return DAY_ONE + timedelta(days=n - 1)


def twitch(n: int, location: str = "calf", *, seq: int = 0) -> Episode:
    """A twitch on day ``n``; local date and UTC timestamp agree (a UTC user)."""
    local = day(n)
    return Episode(
        id=f"e{n}-{location}-{seq}",
        started_at=datetime.combine(local, time(12), tzinfo=UTC),
        local_date=local,
        location=location,
    )


def twitches(*days: int, location: str = "calf") -> list[Episode]:
    return [twitch(n, location) for n in days]


def quiet(*days: int) -> set[date]:
    return {day(n) for n in days}
