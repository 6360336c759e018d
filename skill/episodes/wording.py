"""Saying diary entries out loud: short phrases built from an Episode."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from skill.episodes.model import OTHER_TRIGGER, WIDESPREAD, Episode

TRIGGER_WORDS = {
    "poor_sleep": "poor sleep",
    "stimulants": "medication or stimulants",
}
_TODAY = {"morning": "this morning", "afternoon": "this afternoon",
                "evening": "this evening", "night": "tonight"}  # fmt: skip
_YESTERDAY = {"morning": "yesterday morning", "afternoon": "yesterday afternoon",
              "evening": "yesterday evening", "night": "last night"}  # fmt: skip


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def trigger_label(trigger: str) -> str:
    """One trigger in words: 'poor sleep', or the user's own words for an "other" trigger."""
    if trigger.startswith(OTHER_TRIGGER):
        return trigger[len(OTHER_TRIGGER) :]
    return TRIGGER_WORDS.get(trigger, trigger.replace("_", " "))


# Under ten seconds nobody timed it: Alexa turns "a few seconds" into PT3S (or nothing), so
# a short duration is read back as "a few seconds", never as an exact "3 seconds".
FEW_SECONDS_BELOW = 10


def location_words(episode: Episode) -> str:
    """'left calf', 'calf, both sides', 'upper back', 'all over'."""
    if episode.location == WIDESPREAD:
        return "all over"
    place = episode.location.replace("_", " ")
    if episode.side in {"left", "right"}:
        return f"{episode.side} {place}"
    if episode.side == "both":
        return f"{place}, both sides"
    return place


def duration_words(seconds: int) -> str:
    """A duration the way people say it, rounded to the largest sensible unit."""
    if seconds < FEW_SECONDS_BELOW:
        return "a few seconds"
    if seconds < 60:
        return _plural(seconds, "second")
    if seconds < 3600:
        return _plural(round(seconds / 60), "minute")
    if seconds < 86400:
        hours, rest = divmod(round(seconds / 60), 60)
        return _plural(hours, "hour") + (f" {_plural(rest, 'minute')}" if rest else "")
    days = round(seconds / 86400)
    if days % 7 == 0:
        return _plural(days // 7, "week")
    return _plural(days, "day")


def when_words(episode: Episode, today: date) -> str:
    """'this morning', 'last night', 'on Monday evening', 'on November 20 in the morning'."""
    period = episode.time_of_day or "day"
    days_ago = (today - episode.local_date).days
    if days_ago == 0:
        return _TODAY.get(period, "today")
    if days_ago == 1:
        return _YESTERDAY.get(period, "yesterday")
    if 1 < days_ago < 7:
        weekday = episode.local_date.strftime("%A")
        return f"on {weekday} {period}" if episode.time_of_day else f"on {weekday}"
    day = f"{episode.local_date.strftime('%B')} {episode.local_date.day}"
    return f"on {day}, in the {period}" if episode.time_of_day else f"on {day}"


def trigger_words(triggers: tuple[str, ...]) -> str:
    """'after caffeine and stress', 'with no clear trigger', or '' when none was given."""
    named = [trigger_label(t) for t in triggers if t != "none"]
    if named:
        return "after " + join_words(named)
    return "with no clear trigger" if "none" in triggers else ""


def join_words(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def describe(episode: Episode, today: date) -> str:
    """'left calf, 2 minutes, this morning, after caffeine'."""
    parts = [location_words(episode)]
    if episode.duration_seconds:
        parts.append(duration_words(episode.duration_seconds))
    parts.append(when_words(episode, today))
    triggers = trigger_words(episode.triggers)
    if triggers:
        parts.append(triggers)
    return ", ".join(parts)


def local_today(now: datetime, zone: tzinfo) -> date:
    return now.astimezone(zone).date()


PERIOD_WORDS = {
    "today": "today",
    "yesterday": "yesterday",
    "this_week": "this week",
    "last_7_days": "in the last seven days",
    "last_week": "last week",
    "this_month": "this month",
    "last_month": "last month",
    "all_time": "in total",
}


def day_words(day: date, today: date) -> str:
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    return f"on {day.strftime('%B')} {day.day}"


def span_words(start: date, end: date, today: date) -> str:
    """'today', 'on November 20', 'from November 1 to November 30', 'since December 1'
    (a span that runs on past today has no entries after it: "to December 31" said on the
    11th would sound like a promise about days to come)."""
    if start == end:
        return day_words(start, today)
    if start <= today < end:
        return f"since {start.strftime('%B')} {start.day}"
    return f"from {start.strftime('%B')} {start.day} to {end.strftime('%B')} {end.day}"


def count_words(count: int, noun: str = "twitch") -> str:
    plural = noun + ("es" if noun.endswith("ch") else "s")
    return f"{count} {noun if count == 1 else plural}"
