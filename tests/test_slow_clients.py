"""Issue 13, item 1: idle and slow clients do not hold up a normal request.

Real sockets against the real `twitch-diary serve`: 200 connections that never send a
byte and 20 that send one byte every two seconds, while a normal launch request is
timed again and again for longer than any keep-alive or per-connection wait.
"""

from __future__ import annotations

import time

import pytest
import requests

from devkit import envelopes as env
from devkit.attackers import idle_connections, slow_senders
from devkit.local_redis import RedisProcess
from devkit.served import serve_env, twitch_diary_serve
from tests.conftest import NOW

IDLE_CLIENTS = 200
SLOW_SENDERS = 20
ATTACK_SECONDS = 12.0  # longer than keep-alive (5 s) and gunicorn's per-connection data wait
NORMAL_LIMIT = 1.0  # the bound on a normal request's delay


def _timed_launch(url: str) -> float:
    started = time.monotonic()
    reply = requests.post(f"{url}/alexa", json=env.launch(NOW), timeout=30)
    elapsed = time.monotonic() - started
    assert reply.status_code == 200
    assert "Welcome" in reply.json()["response"]["outputSpeech"]["ssml"]
    return elapsed


@pytest.mark.slow
def test_idle_and_slow_clients_do_not_delay_a_normal_request(
    redis_server: RedisProcess, redis_client: object
) -> None:
    environment = serve_env(redis_server.url)
    port = int(environment["PORT"])
    with twitch_diary_serve(environment) as url:
        _timed_launch(url)  # warm: the first request of a worker builds its caches
        _timed_launch(url)
        with idle_connections(port, IDLE_CLIENTS), slow_senders(port, SLOW_SENDERS):
            latencies = []
            end = time.monotonic() + ATTACK_SECONDS
            while time.monotonic() < end:
                latencies.append(_timed_launch(url))
                time.sleep(0.25)
    assert len(latencies) >= 10
    assert max(latencies) < NORMAL_LIMIT, f"slowest normal request took {max(latencies):.2f} s"
