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

from bisect import bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from skill.episodes.model import DiaryMark

RUN_GAP_DAYS = 7
QUIET_STREAK_ENDS_RUN = 3


@dataclass(frozen=True, slots=True)
class Run:
    """The current run: its episodes (dated up to today, in no set order), first and last day."""

    first: date
    last: date
    episodes: tuple[DiaryMark, ...]

    @property
    def span_days(self) -> int:
        """Days from the first to the last logged twitch day (same day: 0)."""
        return (self.last - self.first).days


def quiet_streak_starts(quiet: Iterable[int]) -> list[int]:
    """Start days (ordinals) of every run of QUIET_STREAK_ENDS_RUN or more quiet days in a row."""
    starts: list[int] = []
    streak_start = previous = -1
    length = 0
    for day in sorted(set(quiet)):
        if day - previous == 1:
            length += 1
        else:
            streak_start, length = day, 1
        if length == QUIET_STREAK_ENDS_RUN:
            starts.append(streak_start)
        previous = day
    return starts


def _streak_between(streaks: Sequence[int], after: int, before: int) -> bool:
    """Whether a long quiet streak starts strictly between two days (ordinals).

    Quiet days never fall on twitch days (twitches win), so a streak that starts after one
    twitch day lies wholly before the next one.
    """
    if not streaks:
        return False
    index = bisect_right(streaks, after)
    return index < len(streaks) and streaks[index] < before


def current_run(
    episodes: Sequence[DiaryMark], quiet_days: Collection[date], *, today: date
) -> Run | None:
    """The ongoing run as of ``today``, or None when the user is not currently twitching."""
    # Day arithmetic on ordinals (plain ints): the sweep runs this for many users.
    now = today.toordinal()
    twitch_days = sorted({e.day for e in episodes})
    every_day_counts = not twitch_days or twitch_days[-1] <= now  # nothing dated ahead
    if not every_day_counts:
        twitch_days = [o for o in twitch_days if o <= now]
    if not twitch_days:
        return None
    streaks: list[int] = []
    if quiet_days:
        twitched = set(twitch_days)
        quiet = (o for d in quiet_days if (o := d.toordinal()) <= now and o not in twitched)
        streaks = quiet_streak_starts(quiet)
    last = first = twitch_days[-1]
    if now - last > RUN_GAP_DAYS or _streak_between(streaks, last, now + 1):
        return None
    for earlier in reversed(twitch_days[:-1]):
        if first - earlier > RUN_GAP_DAYS or (streaks and _streak_between(streaks, earlier, first)):
            break
        first = earlier
    first_day = date.fromordinal(first)
    if every_day_counts and first == twitch_days[0]:
        in_run = tuple(episodes)  # the usual case: the whole diary is the run
    else:
        in_run = tuple(e for e in episodes if first <= e.day <= now)
    return Run(first=first_day, last=date.fromordinal(last), episodes=in_run)
