"""The user's time zone: Settings API on a local fake, cached in the profile, locale fallback."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient

from devkit import diary_envelopes as d
from devkit import envelopes as env
from devkit.envelopes import TestClock
from devkit.fake_settings_api import FakeSettingsApi
from devkit.local_redis import free_port
from skill.episodes.store import Store
from skill.handlers.timezone import LOCALE_ZONES, zone_or_none
from tests.conftest import NOW


def _log_now(client: FlaskClient, api: str, **options: object) -> str:
    """Log a twitch with no time: it is stored at NOW, dated in the user's zone."""
    slots = {
        "location": d.location("calf", "calf"),
        "side": d.side("left", "left"),
        "duration": "PT1M",
        "time": "23:30",
        "triggers": d.triggers(("none", "none")),
    }
    text, _ = env.ask(client, d.log(NOW, slots, api=api, **options))
    return text


def test_zone_comes_from_the_settings_api_and_is_cached(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    settings_api.zone = "Asia/Tokyo"  # 18:30 UTC is 03:30 on the 25th in Tokyo
    text = _log_now(client, settings_api.url)
    assert "last night" in text  # 23:30 in Tokyo: the night before, not tonight
    user = store.user_key(env.USER_ID)
    assert store.profile.profile(user)["tz"] == "Asia/Tokyo"
    [episode] = store.diary.all_episodes(user)
    assert episode.local_date.isoformat() == "2026-11-24"
    assert episode.started_at == datetime(2026, 11, 24, 14, 30, tzinfo=UTC)
    assert settings_api.calls == [env.DEVICE_ID]

    _log_now(client, settings_api.url)
    assert len(settings_api.calls) == 1  # the cached zone was used


def test_cached_zone_is_refreshed_after_a_week(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi, clock: TestClock
) -> None:
    _log_now(client, settings_api.url)
    clock.advance(days=8)
    settings_api.zone = "Europe/Berlin"
    env.ask(client, env.intent("LastTwitchIntent", clock(), api_endpoint=settings_api.url))
    assert store.profile.profile(store.user_key(env.USER_ID))["tz"] == "Europe/Berlin"
    assert len(settings_api.calls) == 2


@pytest.mark.parametrize("status", [204, 403, 429, 500])
def test_api_failure_falls_back_to_the_locale_and_caches_nothing(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi, status: int
) -> None:
    settings_api.status = status
    text = _log_now(client, settings_api.url, locale="en-IN")
    assert text.startswith("Saved:")
    user = store.user_key(env.USER_ID)
    [episode] = store.diary.all_episodes(user)
    # 23:30 in Kolkata (UTC+5:30) on the 24th; NOW is 00:00 on the 25th there.
    assert episode.started_at == datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
    assert "tz" not in store.profile.profile(user)


def test_invalid_zone_from_the_api_is_ignored(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    settings_api.zone = "Mars/Olympus_Mons"
    _log_now(client, settings_api.url, locale="en-GB")
    user = store.user_key(env.USER_ID)
    assert "tz" not in store.profile.profile(user)
    [episode] = store.diary.all_episodes(user)
    assert episode.started_at == datetime(2026, 11, 23, 23, 30, tzinfo=UTC)  # London


def test_unreachable_api_and_no_device_fall_back(client: FlaskClient, store: Store) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    assert _log_now(client, dead, locale="en-AU").startswith("Saved:")
    assert _log_now(client, dead, device_id=None).startswith("Saved:")
    assert store.diary.episode_count(store.user_key(env.USER_ID)) == 2


def test_locale_table_and_zone_validation() -> None:
    assert LOCALE_ZONES["en-US"] == "America/New_York"
    assert all(zone_or_none(name) is not None for name in LOCALE_ZONES.values())
    for bad in (None, "", "../etc/passwd", "/etc/localtime", "Not/AZone", "x" * 100):
        assert zone_or_none(bad) is None


def test_after_a_failed_call_the_api_is_left_alone_for_an_hour(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi, clock: TestClock
) -> None:
    settings_api.status = 500
    ask = env.intent("CountTwitchesIntent", NOW, api_endpoint=settings_api.url)
    env.ask(client, ask)
    env.ask(client, ask)
    assert len(settings_api.calls) == 1  # the second request did not wait on it again
    settings_api.status = 200
    settings_api.zone = "Europe/Berlin"
    later = env.intent("CountTwitchesIntent", NOW.replace(hour=19, minute=31),
                       api_endpoint=settings_api.url)  # fmt: skip
    clock.now = NOW.replace(hour=19, minute=31)
    env.ask(client, later)
    assert len(settings_api.calls) == 2
    assert store.profile.profile(store.user_key(env.USER_ID))["tz"] == "Europe/Berlin"
