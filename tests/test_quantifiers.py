"""Honest quantifiers: "mostly" only for a majority, "most often" for a lead, ties as ties."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask.testing import FlaskClient

from devkit import envelopes as env
from devkit.fake_settings_api import FakeSettingsApi
from skill.episodes.model import Episode
from skill.episodes.quantifiers import how_often, leaders
from skill.episodes.store import Store
from skill.episodes.store.diary import new_episode_id
from skill.report.weekly import weekly_summary
from tests.conftest import NOW

TODAY = date(2026, 11, 24)


def _episode(day: int, location: str, side: str | None = "left", time_of_day: str | None = None,
             triggers: tuple[str, ...] = ()) -> Episode:  # fmt: skip
    return Episode(
        id=new_episode_id(),
        started_at=datetime(2026, 11, day, 12, tzinfo=UTC),
        local_date=date(2026, 11, day),
        location=location,
        side=side,
        time_of_day=time_of_day,
        triggers=triggers,
    )


def test_most_is_said_only_for_a_majority() -> None:
    assert how_often(leaders(["calf", "calf", "calf", "neck"])) == "mostly"  # type: ignore[arg-type]
    assert how_often(leaders(["calf", "calf", "neck", "eye"])) == "most often"  # type: ignore[arg-type]
    assert how_often(leaders(["calf", "calf", "neck", "neck"])) == "equally often"  # type: ignore[arg-type]


def test_the_weekly_summary_does_not_say_mostly_for_two_of_four() -> None:
    week = [_episode(20, "calf"), _episode(21, "calf"), _episode(22, "neck"), _episode(23, "jaw")]
    speech = weekly_summary(week, TODAY).speech
    assert "Most often your left calf" in speech and "ostly" not in speech


def test_the_weekly_summary_says_a_tie_as_a_tie() -> None:
    said = [(20, "calf", "morning"), (21, "calf", "evening"), (22, "neck", "morning"),
            (23, "neck", "evening")]  # fmt: skip
    week = [_episode(day, place, time_of_day=period) for day, place, period in said]
    speech = weekly_summary(week, TODAY).speech
    assert "Equally often your left calf and your left neck" in speech
    assert "equally often in the evening and the morning" in speech


def test_patterns_say_ties_and_pluralities_truthfully(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    user = store.user_key(env.USER_ID)
    for day, place, period in [(18, "calf", "morning"), (19, "calf", "evening"),
                               (20, "eyelid", "night"), (21, "eyelid", "morning"),
                               (22, "neck", "afternoon")]:  # fmt: skip
        episode = _episode(
            day, place, time_of_day=period, triggers=("caffeine",) if day % 2 else ("stress",)
        )
        store.diary.add_episode(user, episode, check_at=episode.started_at)
    request = env.intent("TwitchPatternsIntent", NOW, api_endpoint=settings_api.url)
    text, _ = env.ask(client, request)
    assert "equally often in your calf and your eyelid, 2 times each" in text
    # Two of five in the morning: more than any other time, not "most".
    assert "more were in the morning than at any other time" in text
    assert "most were" not in text
