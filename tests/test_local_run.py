"""`make run`'s all-in-one: embedded Redis with AOF under the data dir, answers, stops cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import requests

from devkit import envelopes as env
from devkit.local_redis import free_port
from devkit.served import wait_until_healthy
from tests.conftest import NOW

VENV_BIN = Path(sys.executable).parent


def _redis_servers_under(data_dir: Path) -> list[int]:
    """PIDs of redis-server processes whose working directory is inside data_dir."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if b"redis-server" not in (entry / "cmdline").read_bytes():
                continue
            if str(data_dir) in os.readlink(entry / "cwd") or str(data_dir) in (
                entry / "cmdline"
            ).read_bytes().decode(errors="replace"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_run_starts_redis_and_the_skill_and_leaves_no_orphans(tmp_path: Path) -> None:
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "USER_KEY_SECRET")}
    environment.update({"PORT": str(port), "ALEXA_VERIFY": "false"})
    process = subprocess.Popen(  # noqa: S603
        [str(VENV_BIN / "twitch-diary"), "run", "--data-dir", str(tmp_path)], env=environment
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process, seconds=30)
        reply = requests.post(f"{url}/alexa", json=env.launch(NOW), timeout=5)
        assert reply.status_code == 200
        assert "Welcome" in reply.json()["response"]["outputSpeech"]["ssml"]
        assert list((tmp_path / "redis").glob("appendonly*")), "AOF is on under the data dir"
        assert (tmp_path / "user-key-secret").exists()
        assert _redis_servers_under(tmp_path)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(30)
    assert process.returncode == 0
    assert _redis_servers_under(tmp_path) == []
