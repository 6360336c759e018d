"""Escalation rules: when to suggest seeing a doctor. Pure functions; ``today`` is passed in.

Every rule below restates the reasoning of the source article in our own words. The
findings are suggestions to be spoken, never a diagnosis; wording stays in ``Finding.speech``.

Diary rules look at the **current twitch run** only (``skill/episodes/runs.py`` defines
runs: twitch days at most a week apart, ended by a week without a logged twitch or by
three recorded twitch-free days in a row, all in the user's local dates).

``persistence``
    Most twitches settle within days; the article's checklist flags twitching that
    persists for more than two weeks. Rule: the current run is ongoing and its logged
    twitch days span **more than 14 days** (last day minus first day >= 15, so day 1 to
    day 15, exactly two weeks, is not enough; day 1 to day 16 is). Action
    ``see_neurologist``.
``spreading``
    Benign twitches usually stay in one small area; the red-flag table lists twitching
    that spreads to several areas ("see a neurologist within 2-3 weeks"). Rule: the
    current run has twitches in **three or more** of the four body regions (face, arms,
    legs, trunk; see ``REGION_OF_LOCATION``) within some **21-day** stretch. Two regions
    are not enough: an eyelid and a calf at once is a very common harmless pattern.
    Locations without a known region do not count; twitching logged as
    ``widespread`` ("all over", "everywhere") counts for every region
    (``model.regions_of``). Action ``see_neurologist_2_3_weeks``.
``red_flag:<item>``
    A yes to a symptom question (``skill/episodes/symptoms.py``): each row of the
    article's red-flag table, and the warning signs the issue adds, with its action.
``checklist``
    The article's six-item checklist: if two or more apply, see a neurologist promptly.
    An entry applies on a yes answer, and the first and fourth entries (persisting more
    than two weeks, spreading) also apply when the diary's persistence or spreading rule
    fires. Action ``see_neurologist_promptly``.

Run keys: diary findings use the first local date of the current run (ISO format), so
they stay the same while the run goes on and change when a new run starts. Answer-based
red flags use ``"answers"``: the answers carry no dates, so advice for one yes is given
once. The checklist's key lists the entries that apply (``"muscle_loss+weakness"``), so
a newly ticked entry means new advice.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from skill.episodes import symptoms
from skill.episodes.model import REGIONS, DiaryMark
from skill.episodes.runs import RUN_GAP_DAYS, Run, current_run

PERSISTENCE_MIN_SPAN_DAYS = 15  # "more than 14 days" between the first and last twitch day
SPREAD_MIN_REGIONS = 3
SPREAD_WINDOW_DAYS = 21

PERSISTENCE = "persistence"
SPREADING = "spreading"
CHECKLIST = "checklist"
RED_FLAG_PREFIX = "red_flag:"
ANSWERS_RUN_KEY = "answers"

PERSISTENCE_SPEECH = (
    "Your diary shows twitching on and off for more than two weeks. "
    "It would be a good idea to see a doctor, ideally a neurologist, about it."
)
SPREADING_SPEECH = (
    "Your diary shows twitches in three or more parts of your body within a few weeks. "
    "It would be wise to see a neurologist within the next two or three weeks."
)
CHECKLIST_SPEECH = (
    "Two or more of the warning signs on the twitching checklist apply to you. "
    "Please book an appointment with a neurologist promptly."
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of advice the rules give; the scheduler stores it once per (rule, run_key)."""

    rule: str  # "persistence" | "spreading" | "red_flag:<item>" | "checklist"
    run_key: str  # the evidence run: stable while the same run continues
    action: str  # one of symptoms.ACTIONS
    speech: str  # one or two short spoken sentences; a suggestion, never a diagnosis


def evaluate(
    episodes: Sequence[DiaryMark],
    quiet_days: Collection[date],
    answers: Mapping[str, bool],
    *,
    today: date,
) -> list[Finding]:
    """Every finding for the user as of ``today``, the most urgent first."""
    return _with_answers(_diary_findings(episodes, quiet_days, today=today), answers)


def evaluate_and_next_check(
    episodes: Sequence[DiaryMark],
    quiet_days: Collection[date],
    answers: Mapping[str, bool],
    *,
    today: date,
) -> tuple[list[Finding], date | None]:
    """``evaluate`` and ``next_check`` together, finding the current run once (the sweep)."""
    run = current_run(episodes, quiet_days, today=today)
    diary = _run_findings(run)
    return _with_answers(diary, answers), _next_change(episodes, quiet_days, run, diary, today)


def _with_answers(diary: tuple[Finding, ...], answers: Mapping[str, bool]) -> list[Finding]:
    if not diary and not answers:
        return []  # the sweep's usual user with nothing to say: no passes over the items
    flags = [
        Finding(RED_FLAG_PREFIX + item.id, ANSWERS_RUN_KEY, item.action, item.speech)
        for item in symptoms.SYMPTOM_ITEMS
        if answers.get(item.id) is True
    ]
    findings = [*diary, *flags]
    ticked = checklist_entries(answers, diary)
    if len(ticked) >= symptoms.CHECKLIST_THRESHOLD:
        action = symptoms.SEE_NEUROLOGIST_PROMPTLY
        findings.append(Finding(CHECKLIST, "+".join(ticked), action, CHECKLIST_SPEECH))
    return sorted(findings, key=_urgency)


def checklist_entries(answers: Mapping[str, bool], diary: Sequence[Finding] = ()) -> list[str]:
    """The article's checklist entries that apply, in checklist order."""
    ticked = (
        {item.checklist for item in symptoms.SYMPTOM_ITEMS if answers.get(item.id) is True}
        if answers
        else set()
    )
    fired = {finding.rule for finding in diary}
    if PERSISTENCE in fired:
        ticked.add(symptoms.CL_PERSISTS)
    if SPREADING in fired:
        ticked.add(symptoms.CL_SPREADS)
    return [entry for entry in symptoms.CHECKLIST if entry in ticked]


def next_check(
    episodes: Sequence[DiaryMark], quiet_days: Collection[date], *, today: date
) -> date | None:
    """The first day after ``today`` on which ``evaluate`` would answer differently with no new
    input, or None if it never will.

    Under these rules a finding only *appears* with new input (a logged twitch, an answer);
    whoever stores such input should schedule a check. Without input the outcome changes
    only when the current run lapses (a week after its last twitch day), or when entries
    dated after ``today`` start to count. Answers do not change with time, so they cannot
    move this date.
    """
    run = current_run(episodes, quiet_days, today=today)
    return _next_change(episodes, quiet_days, run, _run_findings(run), today)


def _next_change(
    episodes: Sequence[DiaryMark],
    quiet_days: Collection[date],
    run: Run | None,
    now: tuple[Finding, ...],
    today: date,
) -> date | None:
    now_day = today.toordinal()
    future = {e.local_date for e in episodes if e.day > now_day}
    future |= {d for d in quiet_days if d > today}
    if not future:
        # The usual case, and the fast path: with nothing dated ahead, the only change to
        # come is the current run lapsing a week after its last twitch day.
        if run is None or not now:
            return None
        return run.last + timedelta(days=RUN_GAP_DAYS + 1)
    candidates = future | {
        lapse
        for e in episodes
        if (lapse := e.local_date + timedelta(days=RUN_GAP_DAYS + 1)) > today
    }
    # Between two candidate days the evidence and the run do not change (runs.py), so the
    # first candidate whose outcome differs is the exact answer.
    for day in sorted(candidates):
        if _diary_findings(episodes, quiet_days, today=day) != now:
            return day
    return None


def _diary_findings(
    episodes: Sequence[DiaryMark], quiet_days: Collection[date], *, today: date
) -> tuple[Finding, ...]:
    return _run_findings(current_run(episodes, quiet_days, today=today))


def _run_findings(run: Run | None) -> tuple[Finding, ...]:
    if run is None:
        return ()
    persists = run.span_days >= PERSISTENCE_MIN_SPAN_DAYS
    spreads = has_spread(run)
    return _diary_findings_of(run.first, persists, spreads) if persists or spreads else ()


# Many users share a run's first day: the findings are immutable, so each (first day, rules
# fired) is built once, where the sweep built a frozen dataclass or two per user.
@functools.lru_cache(maxsize=4096)
def _diary_findings_of(first: date, persists: bool, spreads: bool) -> tuple[Finding, ...]:
    key = first.isoformat()
    found: list[Finding] = []
    if persists:
        found.append(Finding(PERSISTENCE, key, symptoms.SEE_NEUROLOGIST, PERSISTENCE_SPEECH))
    if spreads:
        found.append(Finding(SPREADING, key, symptoms.SEE_NEUROLOGIST_2_3_WEEKS, SPREADING_SPEECH))
    return tuple(found)


def has_spread(run: Run) -> bool:
    """Whether some SPREAD_WINDOW_DAYS stretch of the run has twitches in enough regions."""
    # Each twitch day's regions as a bit mask (one bit per region), then a window over the
    # days: ints and one dict, where (day, region) pairs in sets and a Counter cost the sweep
    # most of its rules time.
    masks: dict[int, int] = {}
    every = 0
    for e in run.episodes:
        bits = e.regions
        if bits:
            day = e.day
            masks[day] = masks.get(day, 0) | bits
            every |= bits
    if len(_BIT_INDEXES[every]) < SPREAD_MIN_REGIONS:
        return False  # cheap exit: the whole run does not reach enough regions
    days = sorted(masks)
    in_window = [0] * len(REGIONS)  # twitch days in the window, per region
    regions = oldest = 0
    for day in days:
        for index in _BIT_INDEXES[masks[day]]:
            regions += not in_window[index]
            in_window[index] += 1
        while day - days[oldest] >= SPREAD_WINDOW_DAYS:
            for index in _BIT_INDEXES[masks[days[oldest]]]:
                in_window[index] -= 1
                regions -= not in_window[index]
            oldest += 1
        if regions >= SPREAD_MIN_REGIONS:
            return True
    return False


# The region indexes of every mask (model.region_mask).
_BIT_INDEXES = tuple(
    tuple(index for index in range(len(REGIONS)) if mask >> index & 1)
    for mask in range(1 << len(REGIONS))
)


def _urgency(finding: Finding) -> tuple[int, str]:
    action = finding.action
    rank = symptoms.ACTIONS.index(action) if action in symptoms.ACTIONS else len(symptoms.ACTIONS)
    return rank, finding.rule
