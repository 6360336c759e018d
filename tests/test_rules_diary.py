"""Diary rules (persistence, spreading) and next_check: tables of days, local dates."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from skill.episodes import rules
from skill.episodes.model import Episode
from tests.rules_data import day, quiet, twitch, twitches


def rules_fired(findings: list[rules.Finding]) -> list[str]:
    return [f.rule for f in findings]


def test_days_1_4_8_12_16_give_exactly_one_persistence_finding() -> None:
    findings = rules.evaluate(twitches(1, 4, 8, 12, 16), set(), {}, today=day(16))
    assert len(findings) == 1
    (finding,) = findings
    assert finding.rule == rules.PERSISTENCE
    assert finding.action == "see_neurologist"
    assert finding.run_key == day(1).isoformat()
    assert "neurologist" in finding.speech


@pytest.mark.parametrize(
    ("twitch_days", "quiet_days", "today", "run_start"),
    [
        pytest.param((1, 8, 15), (), 15, None, id="exactly-14-days-is-not-more-than-14"),
        pytest.param((1, 5, 10, 16), (), 16, 1, id="15-days-is-more-than-14"),
        pytest.param((1, 16), (), 16, None, id="two-days-15-apart-is-a-gap-not-a-run"),
        pytest.param((1,), (), 1, None, id="one-day"),
        pytest.param((), (), 16, None, id="no-twitches"),
        pytest.param((1, 8, 15, 16), (), 16, 1, id="gaps-of-7-days-keep-the-run"),
        pytest.param((1, 9, 16), (), 16, None, id="gap-of-8-days-ends-the-run"),
        pytest.param((1, 2, 10, 11, 19), (), 19, None, id="gaps-of-8-days-split-runs"),
        pytest.param((1, 4, 8, 12, 16), (), 23, 1, id="still-twitching-7-days-after-last"),
        pytest.param((1, 4, 8, 12, 16), (), 24, None, id="8-days-after-last-run-over"),
        pytest.param((1, 4, 8, 12, 16), (5,), 16, 1, id="one-quiet-day-keeps-the-run"),
        pytest.param((1, 4, 8, 12, 16), (5, 6), 16, 1, id="two-quiet-days-keep-the-run"),
        pytest.param((1, 4, 8, 12, 16), (5, 6, 7), 16, None, id="three-quiet-days-end-the-run"),
        pytest.param((1, 4, 8, 12, 16), (5, 6, 9), 16, 1, id="quiet-days-not-in-a-row"),
        pytest.param((1, 4, 8, 12, 16), (2, 3, 4), 16, 1, id="a-twitch-beats-a-quiet-mark"),
        pytest.param((1, 4, 8, 12, 16), (17, 18), 18, 1, id="two-quiet-days-after-last"),
        pytest.param((1, 4, 8, 12, 16), (17, 18, 19), 19, None, id="three-quiet-after-last"),
        pytest.param((1, 4, 8, 12, 16), (30, 31, 32), 16, 1, id="future-quiet-days-wait"),
        pytest.param((1, 8, 15, 16), (), 15, None, id="future-twitch-not-yet-counted"),
        pytest.param((1, 5, 20, 25, 30, 36), (), 36, 20, id="an-older-run-is-ignored"),
        pytest.param((20, 25, 30, 36, 1, 5), (), 36, 20, id="episodes-in-any-order"),
    ],
)
def test_persistence_table(
    twitch_days: tuple[int, ...], quiet_days: tuple[int, ...], today: int, run_start: int | None
) -> None:
    findings = rules.evaluate(twitches(*twitch_days), quiet(*quiet_days), {}, today=day(today))
    persistence = [f for f in findings if f.rule == rules.PERSISTENCE]
    if run_start is None:
        assert persistence == []
    else:
        assert [f.run_key for f in persistence] == [day(run_start).isoformat()]


def test_several_twitches_on_one_day_count_as_one_day() -> None:
    episodes = [twitch(1, seq=i) for i in range(20)] + [twitch(15)]
    assert rules.evaluate(episodes, set(), {}, today=day(15)) == []


def local_episode(utc: datetime, zone: str, n: int) -> Episode:
    """An episode as the diary stores it: UTC time plus the user's own calendar date."""
    return Episode(
        id=f"tz{n}",
        started_at=utc,
        local_date=utc.astimezone(ZoneInfo(zone)).date(),
        location="calf",
    )


@pytest.mark.parametrize(
    ("zone", "first_utc", "last_utc", "expected"),
    [
        # New York: the last twitch is late on the 15th locally but the 16th in UTC.
        pytest.param(
            "America/New_York",
            datetime(2026, 11, 1, 15, tzinfo=UTC),
            datetime(2026, 11, 16, 3, tzinfo=UTC),
            [],
            id="utc-says-15-days-local-says-14",
        ),
        # Auckland: the last twitch is early on the 16th locally, still the 15th in UTC.
        pytest.param(
            "Pacific/Auckland",
            datetime(2026, 11, 1, 3, tzinfo=UTC),
            datetime(2026, 11, 15, 12, tzinfo=UTC),
            [rules.PERSISTENCE],
            id="utc-says-14-days-local-says-15",
        ),
    ],
)
def test_days_are_counted_in_the_users_time_zone(
    zone: str, first_utc: datetime, last_utc: datetime, expected: list[str]
) -> None:
    first, last = local_episode(first_utc, zone, 1), local_episode(last_utc, zone, 2)
    middle = [local_episode(first_utc.replace(day=d), zone, d) for d in (5, 9, 12)]
    findings = rules.evaluate([first, *middle, last], set(), {}, today=last.local_date)
    assert rules_fired(findings) == expected


@pytest.mark.parametrize(
    ("located_days", "today", "expected"),
    [
        pytest.param([(1, "eyelid"), (2, "forearm"), (3, "calf")], 3, True, id="face-arm-leg"),
        pytest.param([(1, "eyelid"), (2, "forearm"), (3, "back")], 3, True, id="face-arm-trunk"),
        pytest.param([(1, "eyelid"), (2, "calf")], 2, False, id="two-regions-only"),
        pytest.param(
            [(1, "forearm"), (1, "hand"), (2, "thumb"), (3, "eyelid")],
            3,
            False,
            id="many-arm-places-are-one-region",
        ),
        pytest.param(
            [(1, "eyelid"), (2, "forearm"), (3, "nowhere")],
            3,
            False,
            id="unknown-location-has-no-region",
        ),
        pytest.param(
            [(1, "eyelid"), (7, "forearm"), (14, "forearm"), (21, "calf")],
            21,
            True,
            id="three-regions-within-21-days",
        ),
        pytest.param(
            [(1, "eyelid"), (7, "forearm"), (14, "forearm"), (22, "calf")],
            22,
            False,
            id="three-regions-over-22-days",
        ),
        pytest.param(
            [(1, "eyelid"), (2, "forearm"), (12, "calf")],
            12,
            False,
            id="regions-in-an-earlier-run-do-not-add-up",
        ),
        pytest.param([(1, "eyelid"), (2, "forearm"), (3, "calf")], 10, True, id="run-goes-on"),
        pytest.param([(1, "eyelid"), (2, "forearm"), (3, "calf")], 11, False, id="run-lapsed"),
    ],  # fmt: skip
)
def test_spreading_table(located_days: list[tuple[int, str]], today: int, expected: bool) -> None:
    episodes = [twitch(n, where) for n, where in located_days]
    findings = rules.evaluate(episodes, set(), {}, today=day(today))
    spreading = [f for f in findings if f.rule == rules.SPREADING]
    assert bool(spreading) is expected
    if expected:
        run_start = min(n for n, _ in located_days)
        assert spreading[0].run_key == day(run_start).isoformat()
        assert spreading[0].action == "see_neurologist_2_3_weeks"


def test_spreading_and_persistence_together_tick_the_checklist() -> None:
    located = [(1, "eyelid"), (4, "forearm"), (8, "calf"), (12, "calf"), (16, "calf")]
    findings = rules.evaluate([twitch(n, w) for n, w in located], set(), {}, today=day(16))
    assert sorted(rules_fired(findings)) == [rules.CHECKLIST, rules.PERSISTENCE, rules.SPREADING]
    checklist = next(f for f in findings if f.rule == rules.CHECKLIST)
    assert checklist.action == "see_neurologist_promptly"
    assert checklist.run_key == "persists_two_weeks+spreads"
    assert findings[0] == checklist  # the most urgent first


def test_a_new_run_gets_a_new_run_key() -> None:
    first_run = twitches(1, 4, 8, 12, 16)
    second_run = twitches(30, 34, 38, 42, 46)
    keys = {
        f.run_key
        for today, episodes in ((16, first_run), (46, first_run + second_run))
        for f in rules.evaluate(episodes, set(), {}, today=day(today))
    }
    assert keys == {day(1).isoformat(), day(30).isoformat()}


@pytest.mark.parametrize(
    ("twitch_days", "quiet_days", "today", "expected"),
    [
        pytest.param((1, 4, 8, 12, 16), (), 16, 24, id="persistence-lapses-a-week-after"),
        # A third quiet day recorded ahead of time (a clock slip) ends the run when it comes.
        pytest.param((1, 4, 8, 12, 16), (17, 18, 19), 18, 19, id="future-third-quiet-day"),
        pytest.param((1, 2, 3), (), 3, None, id="nothing-to-lapse"),
        pytest.param((), (), 3, None, id="empty-diary"),
        pytest.param((1, 8, 15, 16), (), 15, 16, id="a-future-dated-twitch-starts-counting"),
        pytest.param((1, 4, 8, 12, 16), (), 30, None, id="already-lapsed"),
    ],
)
def test_next_check_table(
    twitch_days: tuple[int, ...], quiet_days: tuple[int, ...], today: int, expected: int | None
) -> None:
    got = rules.next_check(twitches(*twitch_days), quiet(*quiet_days), today=day(today))
    assert got == (None if expected is None else day(expected))


def test_widespread_twitching_counts_for_every_region_and_reaches_the_spreading_advice() -> None:
    # "it's all over my body": one place that already covers face, arms, legs and trunk.
    findings = rules.evaluate([twitch(1, "widespread")], set(), {}, today=day(1))
    assert rules_fired(findings) == [rules.SPREADING]


def test_widespread_with_a_calf_is_still_spreading_but_two_plain_places_are_not() -> None:
    assert rules.SPREADING in rules_fired(
        rules.evaluate([twitch(1, "calf"), twitch(3, "widespread")], set(), {}, today=day(3))
    )
    assert rules.evaluate([twitch(1, "calf"), twitch(3, "eyelid")], set(), {}, today=day(3)) == []
