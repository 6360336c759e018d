"""Properties of the rules: never raise, deterministic, stable run keys, exact next_check."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from skill.episodes import rules
from skill.episodes.model import REGION_OF_LOCATION, DayPlace, Episode, regions_of
from skill.episodes.runs import Run
from tests.rules_data import day, twitch

LOCATIONS = [*sorted(REGION_OF_LOCATION)[:12], "calf", "eyelid", "back", "nowhere", ""]
KNOWN = sorted({"urgent_signs", "persisting", "spreading", "weakness", "family_history"})

days_st = st.integers(min_value=1, max_value=60)
episodes_st = st.lists(
    st.builds(lambda n, where, seq: twitch(n, where, seq=seq),
              days_st, st.sampled_from(LOCATIONS), st.integers(0, 3)),
    max_size=40,
)  # fmt: skip
quiet_st = st.sets(days_st.map(day), max_size=30)
answers_st = st.dictionaries(st.sampled_from(KNOWN) | st.text(max_size=12), st.booleans())


@given(episodes_st, quiet_st, answers_st, days_st)
def test_evaluate_never_raises_and_is_deterministic(
    episodes: list[Episode], quiet: set[date], answers: dict[str, bool], today: int
) -> None:
    first = rules.evaluate(episodes, quiet, answers, today=day(today))
    again = rules.evaluate(list(reversed(episodes)), set(quiet), dict(answers), today=day(today))
    assert first == again
    assert len({(f.rule, f.run_key) for f in first}) == len(first)  # one finding per rule


DIARY_RULES = (rules.PERSISTENCE, rules.SPREADING)


@st.composite
def ongoing_runs(draw: st.DrawFn) -> tuple[list[Episode], int]:
    """Older noise, then a run of twitch days at most a week apart; returns (episodes, today)."""
    episodes = draw(st.lists(st.builds(twitch, st.integers(1, 10), st.sampled_from(LOCATIONS))))
    current = draw(st.integers(20, 30))
    for gap in draw(st.lists(st.integers(1, 7), min_size=2, max_size=8)):
        episodes.append(twitch(current, draw(st.sampled_from(LOCATIONS)), seq=gap))
        current += gap
    return episodes, current - gap + draw(st.integers(0, 7))


@given(ongoing_runs(), quiet_st, st.integers(0, 7))
def test_a_continuing_run_keeps_its_diary_findings_and_keys(
    run: tuple[list[Episode], int], quiet: set[date], wait: int
) -> None:
    """Twitching again within a week keeps every diary finding, with the same run key."""
    episodes, today = run
    start = day(today)
    past_quiet = {q for q in quiet if q <= start}
    before = [f for f in rules.evaluate(episodes, past_quiet, {}, today=start)
              if f.rule in DIARY_RULES]  # fmt: skip
    assume(before)
    last = max(e.local_date for e in episodes if e.local_date <= start)
    again = max(start, last + timedelta(days=wait))  # at most a week after the last twitch
    kept = [e for e in episodes if e.local_date <= again]
    kept.append(twitch(1 + (again - day(1)).days, "calf", seq=99))
    after = rules.evaluate(kept, past_quiet, {}, today=again)
    assert set(before) <= set(after)


@settings(max_examples=60)
@given(episodes_st, quiet_st, answers_st, days_st)
def test_next_check_is_the_first_day_the_outcome_changes(
    episodes: list[Episode], quiet: set[date], answers: dict[str, bool], today: int
) -> None:
    start = day(today)
    outcome = rules.evaluate(episodes, quiet, answers, today=start)
    change = rules.next_check(episodes, quiet, today=start)
    horizon = day(100) if change is None else change
    assert change is None or change > start
    probe = start + timedelta(days=1)
    while probe < horizon:
        assert rules.evaluate(episodes, quiet, answers, today=probe) == outcome, probe
        probe += timedelta(days=1)
    if change is not None:
        assert rules.evaluate(episodes, quiet, answers, today=change) != outcome


@given(episodes_st, quiet_st, answers_st, days_st)
def test_the_sweeps_combined_call_and_its_light_marks_agree_with_the_rules(
    episodes: list[Episode], quiet: set[date], answers: dict[str, bool], today: int
) -> None:
    expected = (rules.evaluate(episodes, quiet, answers, today=day(today)),
                rules.next_check(episodes, quiet, today=day(today)))  # fmt: skip
    assert rules.evaluate_and_next_check(episodes, quiet, answers, today=day(today)) == expected
    # The sweep reads only each entry's day and place, deduplicated (store/evidence.py).
    marks = list({DayPlace.of(e.local_date, e.location) for e in episodes})
    assert rules.evaluate_and_next_check(marks, quiet, answers, today=day(today)) == expected


def spread_by_pairs(run: Run) -> bool:
    """The spreading rule read literally: some window of SPREAD_WINDOW_DAYS days whose
    (day, region) pairs name SPREAD_MIN_REGIONS regions or more."""
    points = {(e.local_date, region) for e in run.episodes for region in regions_of(e.location)}
    return any(
        len({region for day, region in points if 0 <= (end - day).days < rules.SPREAD_WINDOW_DAYS})
        >= rules.SPREAD_MIN_REGIONS
        for end, _ in points
    )


@given(episodes_st)
def test_the_spreading_rule_equals_its_literal_reading(episodes: list[Episode]) -> None:
    if not episodes:
        return
    days = sorted(e.local_date for e in episodes)
    run = Run(first=days[0], last=days[-1], episodes=tuple(episodes))
    assert rules.has_spread(run) is spread_by_pairs(run)
