"""Issue 13, item 6: `twitch-diary sweep` on a lost Redis exits non-zero with one clear line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from devkit.local_redis import RedisProcess
from tests.conftest import SECRET

TWITCH_DIARY = str(Path(sys.executable).parent / "twitch-diary")


def _sweep(redis_url: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "REDIS_URL": redis_url, "USER_KEY_SECRET": SECRET.decode()}
    return subprocess.run(  # noqa: S603 - our own entry point
        [TWITCH_DIARY, "sweep", "--now", "2026-11-24T09:00:00Z"],
        env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_sweep_on_a_lost_redis_says_so_in_one_line(tmp_path: Path) -> None:
    server = RedisProcess(tmp_path / "redis").start()
    try:
        working = _sweep(server.url)
        assert working.returncode == 0, working.stderr
        assert isinstance(json.loads(working.stdout), dict)  # the counts
        server.kill()  # Redis is lost, as after a crash

        lost = _sweep(server.url.replace("redis://", "redis://:secret-password@"))
    finally:
        server.stop()
    assert lost.returncode not in (0, 1), "a clear failure, not a crash's generic status"
    assert lost.stdout == ""
    assert "Traceback" not in lost.stderr
    failure = [line for line in lost.stderr.splitlines() if "unavailable" in line]
    assert failure == [
        f"twitch-diary sweep: Redis at 127.0.0.1:{server.port} is unavailable "
        "(ConnectionError); sweep not completed"
    ]
    assert "secret-password" not in lost.stderr
