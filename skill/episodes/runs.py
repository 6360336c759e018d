"""Twitch runs: the stretch of days a person keeps twitching. Pure, dates in the user's time zone.

The article's worry is twitching that *keeps going*, not twitching that comes back months
later. The diary rules therefore look only at the **current run**:

* Days count as the user lives them: every rule uses ``Episode.local_date`` (the user's own
  calendar date), never the UTC timestamp.
* Evidence dated after ``today`` (a clock or time-zone slip) counts from its own date on.
* A run is a series of twitch days where each day follows the previous one by at most
  ``RUN_GAP_DAYS`` (7) days. Seven or more whole days in a row without a logged twitch end
  the run: people forget to log now and then, but a full week with nothing logged is taken
  as relief.
* A run also ends when the user said, ``QUIET_STREAK_ENDS_RUN`` (3) days in a row, that they
  had no twitches (recorded twitch-free days). A single quiet day, or two, between twitch
  days does not end it: twitches come and go, and the article's concern is weeks without
  lasting relief. A twitch logged on a day also marked quiet wins: the day is a twitch day.
* The run is **ongoing** ("still twitching") when its last twitch day is at most
  ``RUN_GAP_DAYS`` before ``today`` and no quiet streak has ended it since.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from skill.episodes.model import Episode

RUN_GAP_DAYS = 7
QUIET_STREAK_ENDS_RUN = 3


@dataclass(frozen=True, slots=True)
class Run:
    """The current run: its episodes (dated up to today) and its first and last twitch days."""

    first: date
    last: date
    episodes: tuple[Episode, ...]

    @property
    def span_days(self) -> int:
        """Days from the first to the last logged twitch day (same day: 0)."""
        return (self.last - self.first).days


def quiet_streak_starts(quiet: Iterable[date]) -> list[date]:
    """Start dates of every streak of at least QUIET_STREAK_ENDS_RUN consecutive quiet days."""
    starts: list[date] = []
    streak_start: date | None = None
    previous: date | None = None
    length = 0
    for day in sorted(set(quiet)):
        if previous is not None and (day - previous).days == 1:
            length += 1
        else:
            streak_start, length = day, 1
        if length == QUIET_STREAK_ENDS_RUN and streak_start is not None:
            starts.append(streak_start)
        previous = day
    return starts


def _streak_between(streaks: Sequence[date], after: date, before: date) -> bool:
    """Whether a long quiet streak starts strictly between two dates.

    Quiet days never fall on twitch days (twitches win), so a streak that starts after one
    twitch day lies wholly before the next one.
    """
    return any(after < start < before for start in streaks)


def current_run(
    episodes: Sequence[Episode], quiet_days: Collection[date], *, today: date
) -> Run | None:
    """The ongoing run as of ``today``, or None when the user is not currently twitching."""
    dated = [e for e in episodes if e.local_date <= today]
    if not dated:
        return None
    twitch_set = {e.local_date for e in dated}
    twitch_days = sorted(twitch_set)
    streaks = quiet_streak_starts(d for d in quiet_days if d <= today and d not in twitch_set)
    last = twitch_days[-1]
    if (today - last).days > RUN_GAP_DAYS or _streak_between(streaks, last, today + ONE_DAY):
        return None
    first = last
    for earlier in reversed(twitch_days[:-1]):
        if (first - earlier).days > RUN_GAP_DAYS or _streak_between(streaks, earlier, first):
            break
        first = earlier
    in_run = tuple(sorted((e for e in dated if e.local_date >= first), key=_order))
    return Run(first=first, last=last, episodes=in_run)


def _order(episode: Episode) -> tuple[date, str, str]:
    return episode.local_date, episode.location, episode.id


ONE_DAY = timedelta(days=1)
