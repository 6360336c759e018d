"""What the doctor-ready report shows, assembled from the diary. Pure: no Flask, no Redis.

``build_report`` takes what the store holds (episodes, twitch-free days, symptom
answers) and the user's local ``today`` and zone; the web page, the PDF and the
charts all read the ``Report`` it returns, so they cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from skill import speech
from skill.episodes import rules, symptoms
from skill.episodes.model import TIMES_OF_DAY, Episode
from skill.episodes.wording import duration_words, trigger_label

NOTICE = (
    "This report is information from your own twitch diary, not medical advice and not a "
    "diagnosis. Please talk to a doctor about anything that worries you."
)
NO_FINDINGS = "The diary's rules found nothing that suggests seeing a doctor right now."
NOT_SAID = "not said"
OTHER_REGION = "other"
REGIONS = ("face", "arms", "legs", "trunk", OTHER_REGION)
SIDES = ("left", "right", "both", NOT_SAID)
HEAT_MIN_WEEKS = 12  # a short diary still gets a calendar of about three months
HEAT_MAX_WEEKS = 53  # a long one shows its last year
# Twitches in a day -> heat level (1..4): one, two, three or four, five or more.
HEAT_LEVEL_FLOORS = (1, 2, 3, 5)


@dataclass(frozen=True, slots=True)
class Count:
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class HeatDay:
    day: date
    count: int
    level: int  # 0 (no twitch) .. 4


@dataclass(frozen=True, slots=True)
class SideRow:
    """Twitches in one body region, by side (in ``SIDES`` order)."""

    region: str
    by_side: tuple[int, ...]
    total: int


@dataclass(frozen=True, slots=True)
class AnswerRow:
    question: str
    answer: str  # "Yes" | "No"


@dataclass(frozen=True, slots=True)
class LogRow:
    day: date
    clock: str  # local HH:MM
    place: str
    side: str
    duration: str
    time_of_day: str
    triggers: str


@dataclass(frozen=True, slots=True)
class Report:
    today: date
    zone: str
    total: int
    twitch_days: int
    first_day: date | None
    last_day: date | None
    heat_weeks: tuple[tuple[HeatDay | None, ...], ...]  # columns Monday..Sunday; None after today
    regions: tuple[Count, ...]
    sides: tuple[SideRow, ...]
    times_of_day: tuple[Count, ...]
    triggers: tuple[Count, ...]
    findings: tuple[str, ...]
    answers: tuple[AnswerRow, ...]
    rows: tuple[LogRow, ...]
    notice: str = NOTICE


def build_report(
    episodes: Sequence[Episode],
    quiet_days: Collection[date],
    answers: Mapping[str, bool],
    *,
    today: date,
    zone: tzinfo,
) -> Report:
    """The whole report for one user as of their local ``today``."""
    days = sorted({e.local_date for e in episodes})
    findings = rules.evaluate(episodes, quiet_days, answers, today=today)
    return Report(
        today=today,
        zone=str(zone),
        total=len(episodes),
        twitch_days=len(days),
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
        heat_weeks=heat_weeks(episodes, today),
        regions=region_counts(episodes),
        sides=side_rows(episodes),
        times_of_day=time_of_day_counts(episodes),
        triggers=trigger_counts(episodes),
        findings=tuple(f.speech for f in findings) or (NO_FINDINGS,),
        answers=answer_rows(answers),
        rows=tuple(log_row(e, zone) for e in episodes),
    )


def heat_level(count: int) -> int:
    return sum(1 for floor in HEAT_LEVEL_FLOORS if count >= floor)


def heat_weeks(episodes: Sequence[Episode], today: date) -> tuple[tuple[HeatDay | None, ...], ...]:
    """Calendar weeks (Monday first) from the first twitch (or 12 weeks back) up to today."""
    per_day = Counter(e.local_date for e in episodes if e.local_date <= today)
    this_monday = today - timedelta(days=today.weekday())
    earliest = this_monday - timedelta(weeks=HEAT_MAX_WEEKS - 1)
    start = this_monday - timedelta(weeks=HEAT_MIN_WEEKS - 1)
    if per_day:
        first = min(per_day)
        start = max(earliest, min(start, first - timedelta(days=first.weekday())))
    weeks = []
    monday = start
    while monday <= today:
        week = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            count = per_day.get(day, 0)
            week.append(HeatDay(day, count, heat_level(count)) if day <= today else None)
        weeks.append(tuple(week))
        monday += timedelta(weeks=1)
    return tuple(weeks)


def _region(episode: Episode) -> str:
    return episode.region or OTHER_REGION


def _side(episode: Episode) -> str:
    return episode.side or NOT_SAID


def region_counts(episodes: Sequence[Episode]) -> tuple[Count, ...]:
    found = Counter(_region(e) for e in episodes)
    return tuple(Count(region, found[region]) for region in REGIONS if found[region])


def side_rows(episodes: Sequence[Episode]) -> tuple[SideRow, ...]:
    found = Counter((_region(e), _side(e)) for e in episodes)
    rows = []
    for region in REGIONS:
        by_side = tuple(found[(region, side)] for side in SIDES)
        if sum(by_side):
            rows.append(SideRow(region, by_side, sum(by_side)))
    return tuple(rows)


def time_of_day_counts(episodes: Sequence[Episode]) -> tuple[Count, ...]:
    """Every time of day (zeros kept: an empty evening is worth seeing), then "not said"."""
    found = Counter(e.time_of_day or NOT_SAID for e in episodes)
    counts = [Count(period, found[period]) for period in TIMES_OF_DAY]
    if found[NOT_SAID]:
        counts.append(Count(NOT_SAID, found[NOT_SAID]))
    return tuple(counts)


def trigger_words(trigger: str) -> str:
    if trigger == "none":
        return "no clear trigger"
    return trigger_label(trigger)


def trigger_counts(episodes: Sequence[Episode]) -> tuple[Count, ...]:
    """How often each trigger was named, most often first (ties alphabetically)."""
    found = Counter(t for e in episodes for t in set(e.triggers))
    ordered = sorted(found.items(), key=lambda item: (-item[1], trigger_words(item[0])))
    return tuple(Count(trigger_words(trigger), count) for trigger, count in ordered)


def answer_rows(answers: Mapping[str, bool]) -> tuple[AnswerRow, ...]:
    """The symptom-check answers the user gave, in the check's order."""
    return tuple(
        AnswerRow(speech.SYMPTOM_QUESTIONS[item.id], "Yes" if answers[item.id] else "No")
        for item in symptoms.SYMPTOM_ITEMS
        if item.id in answers
    )


def log_row(episode: Episode, zone: tzinfo) -> LogRow:
    local = episode.started_at.astimezone(zone)
    return LogRow(
        day=episode.local_date,
        # A day said without a time is stored at noon only to order entries: show no clock.
        clock=local.strftime("%H:%M") if episode.time_of_day else "",
        place=episode.location.replace("_", " "),
        side=episode.side or "",
        duration=duration_words(episode.duration_seconds) if episode.duration_seconds else "",
        time_of_day=episode.time_of_day or "",
        triggers=", ".join(trigger_words(t) for t in episode.triggers),
    )
