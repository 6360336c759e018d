"""The request context: built once per request, and the user's zone looked up only when used."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask.testing import FlaskClient

from devkit import envelopes as env
from devkit.fake_settings_api import FakeSettingsApi
from skill.handlers.context import RequestContext
from tests.conftest import NOW


def test_a_question_never_asks_for_the_users_zone(
    client: FlaskClient, settings_api: FakeSettingsApi
) -> None:
    slots = {"question": "what causes muscle twitches"}
    question = env.intent("AskQuestionIntent", NOW, slots, api_endpoint=settings_api.url)
    text, _ = env.ask(client, question)
    assert "twitch" in text.lower()
    assert settings_api.calls == []


def test_a_diary_question_asks_for_the_zone_once(
    client: FlaskClient, settings_api: FakeSettingsApi
) -> None:
    settings_api.zone = "Asia/Tokyo"
    env.ask(client, env.intent("WeeklySummaryIntent", NOW, api_endpoint=settings_api.url))
    assert settings_api.calls == [env.DEVICE_ID]


def test_the_zone_is_found_once_and_the_day_is_the_users() -> None:
    found: list[str] = []

    def find_zone() -> ZoneInfo:
        found.append("asked")
        return ZoneInfo("Pacific/Auckland")

    late_utc = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)  # 07:30 on the 25th in Auckland
    context = RequestContext(user_key="k", now=late_utc, locale="en-AU", has_screen=False,
                             find_zone=find_zone)  # fmt: skip
    assert found == []  # nothing asked until the zone is used
    assert context.today.isoformat() == "2026-11-25"
    assert context.local.hour == 7
    assert context.zone.key == "Pacific/Auckland"
    assert found == ["asked"]
