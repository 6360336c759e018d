"""Fixtures for the cloud tests: the local Alexa cloud in-process and a client pointed at it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from devkit.alexa_sim.sim import SIM_CLIENT_ID, SIM_CLIENT_SECRET, AlexaSim
from devkit.envelopes import USER_ID, TestClock
from skill.cloud.client import AlexaCloud, ApiAccess
from skill.config import Settings
from skill.episodes.store import Store
from skill.handlers.base import SkillDeps
from skill.web.app import create_app
from tests.conftest import served


class Sleeps(list[float]):
    """Records the client's backoff waits instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sim(clock: TestClock) -> Iterator[AlexaSim]:
    """The sim; its firing loop is slowed to an hour so tests fire reminders themselves."""
    server = AlexaSim(clock=clock, tick_seconds=3600).start()
    yield server
    server.stop()


@pytest.fixture
def cloud_settings(settings: Settings, sim: AlexaSim) -> Settings:
    return dataclasses.replace(
        settings,
        lwa_endpoint=sim.url,
        alexa_api_endpoint=sim.url,
        alexa_client_id=SIM_CLIENT_ID,
        alexa_client_secret=SIM_CLIENT_SECRET,
    )


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def cloud(cloud_settings: Settings, clock: TestClock, sleeps: Sleeps) -> AlexaCloud:
    return AlexaCloud(cloud_settings, clock=clock, sleep=sleeps)


@pytest.fixture
def api(sim: AlexaSim) -> ApiAccess:
    """What an in-session request gives the skill: the sim's endpoint and a session token."""
    return ApiAccess(sim.url, sim.session_token(USER_ID))


@pytest.fixture
def deps(cloud_settings: Settings, store: Store, clock: TestClock, cloud: AlexaCloud) -> SkillDeps:
    """What the handlers get, for calling skill functions directly."""
    return SkillDeps(settings=cloud_settings, store=store, clock=clock, alexa_cloud=cloud)


@pytest.fixture
def cloud_app(cloud_settings: Settings, store: Store, clock: TestClock, cloud: AlexaCloud) -> Flask:
    """The skill, calling the sim through the test's AlexaCloud (no real sleeps on retry)."""
    return create_app(cloud_settings, clock=clock, store=store, alexa_cloud=cloud)


@pytest.fixture
def cloud_client(cloud_app: Flask) -> FlaskClient:
    return cloud_app.test_client()


@pytest.fixture
def skill_url(cloud_app: Flask, sim: AlexaSim) -> Iterator[str]:
    """The skill served over real HTTP (werkzeug, a thread), and the sim delivering to it."""
    with served(cloud_app) as url:
        sim.skill_url = url
        yield url
