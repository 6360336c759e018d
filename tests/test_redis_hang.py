"""Issue 13, item 2: every request is answered within 3 s, and never with HTTP 500,
while Redis hangs (a SIGSTOPped redis-server: connections open, nothing ever answers).

The real `twitch-diary serve` talks to a redis-server of this module's own, which the test
stops and continues; in-session requests hear an apology, events Alexa retries get 503,
/healthz says "degraded" within 1 s, and the skill works again once Redis does.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from devkit import diary_envelopes as diary
from devkit import envelopes as env
from devkit.fake_settings_api import FakeSettingsApi
from devkit.local_redis import RedisProcess
from devkit.served import serve_env, twitch_diary_serve
from tests.conftest import NOW
from tests.redis_cluster import RedisCluster

REQUEST_LIMIT = 3.0  # the deadline for every request
HEALTH_LIMIT = 1.0

pytestmark = pytest.mark.slow


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisProcess]:
    """A redis-server only this module's tests use, since they stop it."""
    server = RedisProcess(tmp_path / "redis").start()
    yield server
    assert server.pid is not None
    os.kill(server.pid, signal.SIGCONT)  # a stopped process cannot act on SIGTERM
    server.stop()


@pytest.fixture
def served(own_redis: RedisProcess) -> Iterator[str]:
    with twitch_diary_serve(serve_env(own_redis.url)) as url:
        yield url


def _alexa(url: str, body: dict[str, Any]) -> Callable[[], requests.Response]:
    return lambda: requests.post(f"{url}/alexa", json=body, timeout=30)


def _timed(call: Callable[[], requests.Response]) -> tuple[requests.Response, float]:
    started = time.monotonic()
    reply = call()
    return reply, time.monotonic() - started


def _speech(reply: requests.Response) -> str:
    return str(reply.json()["response"]["outputSpeech"]["ssml"])


def test_a_hung_redis_gets_answers_in_time_and_no_500(
    own_redis: RedisProcess, served: str, settings_api: FakeSettingsApi
) -> None:
    url = served
    assert requests.post(f"{url}/alexa", json=env.launch(NOW), timeout=5).status_code == 200
    in_session = {
        "launch": env.launch(NOW),
        "log a twitch": diary.log(NOW, diary.complete_slots(), api=settings_api.url),
        "last twitch": env.intent("LastTwitchIntent", NOW),
        "count twitches": env.intent("CountTwitchesIntent", NOW),
        "delete all": env.intent("DeleteAllDataIntent", NOW),
        "report code": env.intent("ReportIntent", NOW),
        "weekly summary": env.intent("WeeklySummaryIntent", NOW),
        "symptom check": env.intent("SymptomCheckIntent", NOW),
    }
    events = {
        "skill disabled": env.skill_event("AlexaSkillEvent.SkillDisabled", NOW),
    }
    assert own_redis.pid is not None
    os.kill(own_redis.pid, signal.SIGSTOP)
    try:
        health, health_seconds = _timed(lambda: requests.get(f"{url}/healthz", timeout=30))
        assert health.status_code == 503
        assert health.json()["redis"] is False
        assert health_seconds < HEALTH_LIMIT, f"/healthz took {health_seconds:.2f} s"

        for name, body in in_session.items():
            reply, seconds = _timed(_alexa(url, body))
            assert reply.status_code == 200, name
            assert seconds < REQUEST_LIMIT, f"{name} took {seconds:.2f} s"
            speech = _speech(reply)  # some answers need no Redis (a launch can still welcome)
            assert "saved" not in speech.lower() or "nothing was saved" in speech.lower(), name
        reply = requests.post(f"{url}/alexa", json=in_session["log a twitch"], timeout=30)
        assert "nothing was saved" in _speech(reply)

        for name, body in events.items():
            reply, seconds = _timed(_alexa(url, body))
            assert reply.status_code == 503, name  # Alexa retries the event later
            assert seconds < REQUEST_LIMIT, f"{name} took {seconds:.2f} s"

        for path, method in (("/report", "get"), ("/report", "post"), ("/report/view", "get")):
            call = getattr(requests, method)
            reply, seconds = _timed(lambda c=call, p=path: c(f"{url}{p}", timeout=30))
            assert reply.status_code != 500, path
            assert seconds < REQUEST_LIMIT, f"{method} {path} took {seconds:.2f} s"
    finally:
        os.kill(own_redis.pid, signal.SIGCONT)

    deadline = time.monotonic() + 10
    while requests.get(f"{url}/healthz", timeout=5).status_code != 200:
        assert time.monotonic() < deadline, "the service did not recover with Redis"
        time.sleep(0.1)
    reply = requests.post(f"{url}/alexa", json=env.launch(NOW), timeout=5)
    assert reply.status_code == 200
    assert "Sorry" not in _speech(reply)


@pytest.fixture
def hung_cluster(tmp_path: Path) -> Iterator[RedisCluster]:
    cluster = RedisCluster(tmp_path / "cluster").start()
    yield cluster
    for node in cluster.nodes:
        if node.pid is not None:
            os.kill(node.pid, signal.SIGCONT)
    cluster.stop()


def test_a_hung_redis_cluster_gets_answers_in_time_and_no_500(
    hung_cluster: RedisCluster, settings_api: FakeSettingsApi
) -> None:
    """The cluster client rediscovers the cluster after a timeout (one more timeout per
    node); the store's own budget check still stops the request after that."""
    with twitch_diary_serve(serve_env(hung_cluster.url, REDIS_CLUSTER="true")) as url:
        for _ in range(3):  # each worker learns the cluster's layout
            assert requests.post(f"{url}/alexa", json=env.launch(NOW), timeout=5).ok
        for node in hung_cluster.nodes:
            assert node.pid is not None
            os.kill(node.pid, signal.SIGSTOP)
        health, seconds = _timed(lambda: requests.get(f"{url}/healthz", timeout=30))
        assert health.status_code == 503
        assert seconds < HEALTH_LIMIT, f"/healthz took {seconds:.2f} s"
        log = diary.log(NOW, diary.complete_slots(), api=settings_api.url)
        for body in (env.launch(NOW), log, env.intent("LastTwitchIntent", NOW)):
            reply, seconds = _timed(_alexa(url, body))
            assert reply.status_code == 200
            assert seconds < REQUEST_LIMIT, f"took {seconds:.2f} s"
        assert "nothing was saved" in _speech(_alexa(url, log)())
        event = env.skill_event("AlexaSkillEvent.SkillDisabled", NOW)
        reply, seconds = _timed(_alexa(url, event))
        assert reply.status_code == 503
        assert seconds < REQUEST_LIMIT, f"skill disabled took {seconds:.2f} s"
