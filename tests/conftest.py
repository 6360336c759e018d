"""Shared fixtures: a real redis-server started by the tests, an app, a client, a clock."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis as redis_lib
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from devkit.chat.matcher import ModelMatcher
from devkit.envelopes import TestClock
from devkit.fake_settings_api import FakeSettingsApi
from devkit.local_redis import RedisProcess
from devkit.served import SECRET  # the dev kit's local servers share it
from skill.config import Settings
from skill.episodes.store import Store, connect
from skill.faq.answerer import default_answerer
from skill.intents import load_model
from skill.web.app import create_app

NOW = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisProcess]:
    """One isolated redis-server for the session: random port, temporary directory, AOF on."""
    server = RedisProcess(Path(tmp_path_factory.mktemp("redis")), appendfsync="always").start()
    yield server
    server.stop()


@pytest.fixture
def redis_client(redis_server: RedisProcess) -> Iterator[redis_lib.Redis]:
    """A raw client for assertions; the database is flushed before and after each test."""
    client = redis_lib.Redis.from_url(redis_server.url, decode_responses=True)
    client.flushall()
    yield client
    try:
        client.flushall()
    except redis_lib.exceptions.ConnectionError:
        pass  # a test stopped the server on purpose
    client.close()


@pytest.fixture
def settings(redis_server: RedisProcess) -> Settings:
    return Settings(
        redis_url=redis_server.url,
        verify_requests=False,
        user_key_secret=SECRET,
        skill_id=None,
    )


@pytest.fixture
def store(settings: Settings, redis_client: redis_lib.Redis) -> Store:
    return Store(connect(settings.redis_url), SECRET)


@pytest.fixture
def clock() -> TestClock:
    return TestClock(NOW)


@pytest.fixture(scope="session")
def _faq_index() -> None:
    """The FAQ index built once, before any app answers, as ``production_app`` does at
    worker start: otherwise the first test to ask a question pays for it inside its
    request's time budget, which a loaded machine can use up (the first-contact notice
    claim was then refused and the notice said twice)."""
    default_answerer()


@pytest.fixture
def app(settings: Settings, store: Store, clock: TestClock, _faq_index: None) -> Flask:
    return create_app(settings, clock=clock, store=store)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@contextmanager
def served(app: Flask) -> Iterator[str]:
    """``app`` over real HTTP (werkzeug, in a thread) on a free loopback port: its /alexa URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/alexa"
    finally:
        server.shutdown()
        thread.join(10)


@pytest.fixture
def skill_url(app: Flask) -> Iterator[str]:
    """The app served over real HTTP; verification is off (the ``settings`` fixture), for
    clients that cannot sign."""
    with served(app) as url:
        yield url


@pytest.fixture
def settings_api() -> Iterator[FakeSettingsApi]:
    """A local Alexa Settings API answering Europe/London (tests may change it)."""
    fake = FakeSettingsApi("Europe/London").start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def gb() -> ModelMatcher:
    """The local matcher over the en-GB model (built once: it indexes every sample)."""
    return ModelMatcher(load_model("en-GB"))
