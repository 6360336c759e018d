"""Fixtures for the cloud tests: the local Alexa cloud in-process and a client pointed at it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from skill.cloud.client import AlexaCloud, ApiAccess
from skill.cloud.sim import SIM_CLIENT_ID, SIM_CLIENT_SECRET, AlexaSim
from skill.config import Settings
from tests.envelopes import USER_ID, TestClock


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
