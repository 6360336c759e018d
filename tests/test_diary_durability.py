"""A killed or stopped Redis: acknowledged entries survive SIGKILL; a down Redis claims nothing.

Each test runs its own redis-server (not the session one) so the others are unaffected.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from devkit import diary_envelopes as d
from devkit import envelopes as env
from devkit.fake_settings_api import FakeSettingsApi
from devkit.local_redis import RedisProcess
from skill import speech
from skill.config import Settings
from skill.episodes.store import Store, connect
from skill.web.app import create_app
from tests.conftest import NOW, SECRET


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[RedisProcess]:
    server = RedisProcess(tmp_path / "redis", appendfsync="always").start()
    yield server
    server.stop()


def _app(server: RedisProcess) -> tuple[Flask, Store]:
    settings = Settings(redis_url=server.url, verify_requests=False, user_key_secret=SECRET)
    store = Store(connect(server.url, timeout=0.5), SECRET)
    return create_app(settings, clock=env.TestClock(NOW), store=store), store


def _one_shot(minutes: int, api: str) -> dict:
    return d.log(NOW, d.complete_slots(duration=f"PT{minutes}M"), api=api)


def test_every_acknowledged_entry_survives_sigkill(
    private_redis: RedisProcess, settings_api: FakeSettingsApi
) -> None:
    app, _ = _app(private_redis)
    client = app.test_client()
    acknowledged = set()
    for minutes in range(1, 41):
        text, _ = env.ask(client, _one_shot(minutes, settings_api.url))
        assert text.startswith("Saved:")
        acknowledged.add(minutes * 60)

    private_redis.kill()  # SIGKILL: no shutdown, no final fsync
    private_redis.restart()

    fresh = Store(connect(private_redis.url), SECRET)
    stored = fresh.diary.all_episodes(fresh.user_key(env.USER_ID))
    assert {e.duration_seconds for e in stored} == acknowledged
    assert len(stored) == len(acknowledged)


def test_redis_down_says_nothing_was_saved_and_health_reports_it(
    private_redis: RedisProcess, settings_api: FakeSettingsApi
) -> None:
    app, _ = _app(private_redis)
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    private_redis.stop()

    reply = env.post(client, _one_shot(2, settings_api.url))
    assert reply.status_code == 200
    text = env.speech_of(reply)
    assert text == speech.STORE_DOWN
    assert "Saved" not in text
    assert reply.get_json()["response"]["shouldEndSession"] is False

    health = client.get("/healthz")
    assert health.status_code == 503 and health.get_json()["redis"] is False
    for name in ("LastTwitchIntent", "CountTwitchesIntent", "DeleteAllDataIntent"):
        text, _ = env.ask(client, env.intent(name, NOW, api_endpoint=settings_api.url))
        assert text in (speech.STORE_DOWN, speech.CONFIRM_DELETE_ALL)
    help_text, _ = env.ask(client, env.intent("AMAZON.HelpIntent", NOW))
    assert help_text == speech.HELP  # answering keeps working

    private_redis.restart()
    fresh = Store(connect(private_redis.url), SECRET)
    assert fresh.diary.episode_count(fresh.user_key(env.USER_ID)) == 0
