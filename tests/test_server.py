"""The production server paths: gunicorn with infra/gunicorn.conf.py, and `twitch-diary serve`."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from devkit import envelopes as env
from devkit.local_redis import RedisProcess, free_port
from devkit.served import wait_until_healthy
from tests.conftest import NOW, SECRET

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


@pytest.fixture
def server_env(redis_server: RedisProcess) -> dict[str, str]:
    return {
        **os.environ,
        "REDIS_URL": redis_server.url,
        "USER_KEY_SECRET": SECRET.decode(),
        "ALEXA_VERIFY": "false",
        "WEB_WORKERS": "2",
        "PORT": str(free_port()),
    }


def _run(command: list[str], environment: dict[str, str]) -> Iterator[str]:
    process = subprocess.Popen(command, env=environment, cwd=ROOT)  # noqa: S603
    url = f"http://127.0.0.1:{environment['PORT']}"
    try:
        wait_until_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(15)


@pytest.fixture(params=["gunicorn-conf", "twitch-diary-serve"])
def running_server(request: pytest.FixtureRequest, server_env: dict[str, str]) -> Iterator[str]:
    if request.param == "gunicorn-conf":
        command = [str(VENV_BIN / "gunicorn"), "-c", "infra/gunicorn.conf.py"]
    else:
        command = [str(VENV_BIN / "twitch-diary"), "serve"]
    yield from _run(command, server_env)


def test_the_production_server_answers_a_launch_request(
    running_server: str, redis_client: object
) -> None:
    reply = requests.post(f"{running_server}/alexa", json=env.launch(NOW), timeout=5)
    assert reply.status_code == 200
    assert "Welcome" in reply.json()["response"]["outputSpeech"]["ssml"]


def test_the_production_server_answers_400_to_garbage(running_server: str) -> None:
    reply = requests.post(f"{running_server}/alexa", data=b"{nope", timeout=5)
    assert reply.status_code == 400


def test_serve_refuses_to_start_without_a_secret(server_env: dict[str, str]) -> None:
    environment = {**server_env, "USER_KEY_SECRET": ""}
    done = subprocess.run(  # noqa: S603
        [str(VENV_BIN / "twitch-diary"), "serve"], env=environment, capture_output=True, timeout=30
    )
    assert done.returncode == 2
    assert b"USER_KEY_SECRET" in done.stderr
