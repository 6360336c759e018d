"""`twitch-diary serve` as a real child process, for tests and benchmarks that attack the server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import requests

from devkit.local_redis import free_port

# The user-key secret of every local server the dev kit starts, and of the tests' stores.
SECRET = b"test-secret-for-user-keys-0123456789"

ROOT = Path(__file__).resolve().parent.parent
TWITCH_DIARY = str(Path(sys.executable).parent / "twitch-diary")


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], seconds: float = 40) -> None:
    """Return once the server at ``url`` answers /healthz; fail if it exits or never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}")
        try:
            if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass  # not listening yet, or workers still booting
        time.sleep(0.1)
    raise AssertionError("server did not become healthy")


def serve_env(redis_url: str, **extra: str) -> dict[str, str]:
    """The environment of a local `serve`: verification off, a fresh port."""
    return {
        **os.environ,
        "REDIS_URL": redis_url,
        "USER_KEY_SECRET": SECRET.decode(),
        "ALEXA_VERIFY": "false",
        "WEB_WORKERS": "2",
        "PORT": str(free_port()),
        **extra,
    }


@contextmanager
def twitch_diary_serve(
    environment: dict[str, str], stderr: IO[bytes] | None = None
) -> Iterator[str]:
    """Start `twitch-diary serve`, wait for /healthz, yield its base URL; stop it by its pid."""
    process = subprocess.Popen(  # noqa: S603 - our own entry point
        [TWITCH_DIARY, "serve"], env=environment, cwd=ROOT, stderr=stderr
    )
    url = f"http://127.0.0.1:{environment['PORT']}"
    try:
        wait_until_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
