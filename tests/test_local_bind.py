"""Issue 13, item 6: `make run` (verification off) listens on loopback only, unless told.

127.0.0.2 is another loopback address of this machine: a server bound to 127.0.0.1 does
not answer there, one bound to every interface does, so it tells the two apart without
needing a second network interface.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from devkit.local_redis import RedisProcess, free_port
from skill.config import Settings
from tests.test_server import wait_until_healthy

VENV_BIN = Path(sys.executable).parent
OTHER_ADDRESS = "127.0.0.2"


def _answers_on(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def _listening(tmp_path: Path, redis_url: str, **extra: str) -> tuple[bool, bool]:
    """Start `twitch-diary run`; whether it answers on 127.0.0.1 and on OTHER_ADDRESS."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k != "BIND_HOST"}
    environment.update(
        {"PORT": str(port), "ALEXA_VERIFY": "false", "REDIS_URL": redis_url, **extra}
    )
    process = subprocess.Popen(  # noqa: S603
        [str(VENV_BIN / "twitch-diary"), "run", "--data-dir", str(tmp_path)], env=environment
    )
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", process, seconds=30)
        return _answers_on("127.0.0.1", port), _answers_on(OTHER_ADDRESS, port)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(30)


@pytest.mark.slow
def test_make_run_listens_on_loopback_only(tmp_path: Path, redis_server: RedisProcess) -> None:
    assert _listening(tmp_path, redis_server.url) == (True, False)


@pytest.mark.slow
def test_bind_host_opens_it_to_other_addresses(tmp_path: Path, redis_server: RedisProcess) -> None:
    assert _listening(tmp_path, redis_server.url, BIND_HOST="0.0.0.0") == (True, True)


def test_serve_with_verification_off_binds_loopback_by_default() -> None:
    assert Settings(verify_requests=False).listen_host == "127.0.0.1"
    assert Settings(verify_requests=True).listen_host == "0.0.0.0"
    assert Settings(verify_requests=False, bind_host="::").listen_host == "::"
