"""The spoken weekly summary: "9 twitches on 5 days in the last seven days, mostly your left
eyelid, mostly in the evening. 6 after caffeine." Pure: episodes and ``today`` are passed in.

The week is the last seven local days, today included; the seven days before it are the
comparison. "Mostly" is said only when one place (or time of day) has more than half of
the week's twitches, "most often" for the one that leads, "equally often" for a tie
(``skill.episodes.quantifiers``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from skill.episodes.history import LAST_7_DAYS, period_span
from skill.episodes.model import Episode
from skill.episodes.quantifiers import how_often, leaders
from skill.episodes.slots import DateSpan
from skill.episodes.wording import count_words, join_words, location_words, trigger_label

WEEK_DAYS = 7


@dataclass(frozen=True, slots=True)
class WeeklySummary:
    """The summary as one spoken text and as short lines for a screen."""

    speech: str
    lines: tuple[str, ...]
    count: int


def _week(today: date) -> DateSpan:
    """The last seven days, as "the last seven days" means everywhere in the skill."""
    span = period_span(LAST_7_DAYS, today)
    assert span is not None
    return span


def first_day_needed(today: date) -> date:
    """The earliest local day ``weekly_summary`` looks at: the week and the week before."""
    return _week(today).start - timedelta(days=WEEK_DAYS)


def weekly_summary(episodes: Sequence[Episode], today: date) -> WeeklySummary:
    """What the last seven days of the diary say, compared with the seven before."""
    week_start = _week(today).start
    week = [e for e in episodes if week_start <= e.local_date <= today]
    before = [e for e in episodes if first_day_needed(today) <= e.local_date < week_start]
    if not week:
        lines = ["No twitches logged in the last seven days."]
        if before:
            lines.append(f"The week before, you logged {count_words(len(before))}.")
        return WeeklySummary(" ".join(lines), tuple(lines), 0)
    total = len(week)
    days = len({e.local_date for e in week})
    lines = [f"{count_words(total)} on {count_words(days, 'day')} in the last seven days."]
    pattern = _pattern(week)
    if pattern:
        lines.append(pattern)
    trigger = _top_trigger(week)
    if trigger:
        lines.append(trigger)
    lines.append(_compared(total, len(before)))
    return WeeklySummary(" ".join(lines), tuple(lines), total)


def _pattern(week: list[Episode]) -> str:
    """'Mostly your left eyelid, most often in the evening.' (parts only when they stand out)."""
    total = len(week)
    parts = []
    places = leaders([location_words(e) for e in week])
    if places and total > 1 and places.count > 1:
        parts.append(f"{how_often(places)} {join_words([f'your {p}' for p in places.values])}")
    # Out of all the week's twitches, timed or not: "mostly in the evening" means most of them.
    times = leaders([e.time_of_day for e in week if e.time_of_day], total)
    if times and total > 1 and times.count > 1:
        parts.append(f"{how_often(times)} in {join_words([f'the {t}' for t in times.values])}")
    if not parts:
        return ""
    text = ", ".join(parts)
    return text[0].upper() + text[1:] + "."


def _top_trigger(week: list[Episode]) -> str:
    named = Counter(t for e in week for t in set(e.triggers) if t != "none")
    if not named:
        return ""
    trigger, count = min(named.items(), key=lambda item: (-item[1], item[0]))
    words = trigger_label(trigger)
    return f"{count} after {words}." if count > 1 else f"One after {words}."


def _compared(this_week: int, last_week: int) -> str:
    if last_week == 0:
        return "None the week before."
    if this_week < last_week:
        return f"That is fewer than the week before, when you logged {last_week}."
    if this_week > last_week:
        return f"That is more than the week before, when you logged {last_week}."
    return "The same as the week before."
