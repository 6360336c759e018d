"""The scheduler process: one local sweep job with coalescing, one instance, no misfire skip."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from devkit.local_redis import RedisProcess
from scheduler.service import SWEEP_JOB_ID, build_scheduler
from skill.episodes.keys import StoreUnavailable
from tests.conftest import SECRET


def test_the_sweep_job_coalesces_runs_one_at_a_time_and_never_skips_a_late_run() -> None:
    scheduler = build_scheduler(lambda: None, interval_seconds=300)
    job = scheduler.get_job(SWEEP_JOB_ID)
    assert job.coalesce is True
    assert job.max_instances == 1
    assert job.misfire_grace_time is None
    assert job.trigger.interval.total_seconds() == 300


@pytest.mark.parametrize("error", [StoreUnavailable("down"), RuntimeError("bug")])
def test_a_failing_sweep_is_logged_and_the_scheduler_goes_on(
    error: Exception, caplog: pytest.LogCaptureFixture
) -> None:
    def sweep() -> None:
        raise error

    caplog.set_level(logging.WARNING, logger="scheduler.service")
    job = build_scheduler(sweep, interval_seconds=300).get_job(SWEEP_JOB_ID)
    job.func()  # must not raise
    assert any("sweep" in record.getMessage() for record in caplog.records)


def test_the_scheduler_process_sweeps_at_start_and_stops_on_sigterm(
    redis_server: RedisProcess, redis_client: object
) -> None:
    environment = {**os.environ, "REDIS_URL": redis_server.url,
                   "USER_KEY_SECRET": SECRET.decode(), "LOG_LEVEL": "INFO"}  # fmt: skip
    process = subprocess.Popen(  # noqa: S603
        [str(Path(sys.executable).parent / "twitch-diary"), "scheduler"],
        env=environment, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        lines = []
        while time.monotonic() < deadline:
            line = process.stderr.readline() if process.stderr else ""
            lines.append(line)
            if "sweep done" in line:
                break
        assert any("sweep done" in line for line in lines), lines
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=15)  # drains and closes stderr
    assert process.returncode == 0


def test_one_sweep_without_now_uses_the_real_clock(
    redis_server: RedisProcess, redis_client: object
) -> None:
    environment = {**os.environ, "REDIS_URL": redis_server.url,
                   "USER_KEY_SECRET": SECRET.decode(), "LOG_LEVEL": "WARNING"}  # fmt: skip
    done = subprocess.run(  # noqa: S603
        [str(Path(sys.executable).parent / "twitch-diary"), "sweep"],
        env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["claimed"] == 0
