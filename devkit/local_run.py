"""`make run`: everything on one machine, stopped together, no orphan processes."""

from __future__ import annotations

import logging
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

from devkit.local_redis import RedisProcess
from skill.config import Settings
from skill.logs import configure_logging

log = logging.getLogger("twitch-diary.run")

# Child processes `run` starts, each a `twitch-diary` sub-command.
LOCAL_SERVICES: tuple[tuple[str, ...], ...] = (("serve",), ("scheduler",))


def _local_secret(data_dir: Path) -> str:
    """A per-checkout secret kept in var/, so local user keys stay stable across runs."""
    path = data_dir / "user-key-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def run_local(data_dir: str = "var") -> int:
    configure_logging("INFO")
    root = Path(data_dir).resolve()
    env = dict(os.environ)
    env.setdefault("USER_KEY_SECRET", _local_secret(root))
    # Verification is off locally: only this machine may talk to the skill, unless told.
    env.setdefault("BIND_HOST", "127.0.0.1")
    settings = Settings.from_env(env)
    redis: RedisProcess | None = None
    if not os.environ.get("REDIS_URL"):
        redis = RedisProcess(root / "redis", port=int(env.get("LOCAL_REDIS_PORT", "0")) or None)
        redis.start()
        env["REDIS_URL"] = redis.url
        log.info("embedded Redis on %s (AOF on, data in %s)", redis.url, redis.data_dir)
    if not settings.verify_requests:
        log.warning("!!! ALEXA_VERIFY=false: request signatures are NOT checked (local use only)")
    children = [
        subprocess.Popen([sys.executable, "-m", "skill.cli", *service], env=env)  # noqa: S603
        for service in LOCAL_SERVICES
    ]
    host = env["BIND_HOST"]
    log.info("skill on http://%s:%d/alexa; Ctrl-C stops everything", host, settings.port)
    stopping = False

    def _stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.2)
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()
        if redis is not None:
            redis.stop()
            log.info("embedded Redis stopped")
    failed = [c.returncode for c in children if c.returncode not in (0, -signal.SIGTERM, None)]
    return 1 if failed and not stopping else 0
