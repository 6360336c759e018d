"""Resilience figures for issue 13: slow clients and a hung Redis, against `twitch-diary serve`.

Starts its own redis-server (temporary directory) and the real server, then prints:

- launch latency (median, max) quiet, and while 200 idle connections and 20 slow senders
  (one byte every 2 s) are open;
- the time and HTTP status of each kind of request while the redis-server is SIGSTOPped.

Usage: python bench/resilience.py [--attack-seconds 12]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devkit import diary_envelopes as diary  # noqa: E402
from devkit import envelopes as env  # noqa: E402
from devkit.attackers import idle_connections, slow_senders  # noqa: E402
from devkit.fake_settings_api import FakeSettingsApi  # noqa: E402
from devkit.local_redis import RedisProcess  # noqa: E402
from devkit.served import serve_env, twitch_diary_serve  # noqa: E402

# The request time of every envelope sent (no clock is faked: the server runs its own).
NOW = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)


def _launch_seconds(url: str) -> float:
    started = time.monotonic()
    requests.post(f"{url}/alexa", json=env.launch(NOW), timeout=30).raise_for_status()
    return time.monotonic() - started


def slow_clients(url: str, port: int, seconds: float) -> None:
    quiet = [_launch_seconds(url) for _ in range(20)]
    with idle_connections(port, 200), slow_senders(port, 20):
        attacked = []
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            attacked.append(_launch_seconds(url))
            time.sleep(0.2)
    for name, values in (("quiet", quiet), ("200 idle + 20 slow", attacked)):
        median, slowest = statistics.median(values) * 1000, max(values) * 1000
        print(f"launch, {name:18} n={len(values):3} median {median:5.1f} ms max {slowest:5.1f} ms")


def _show(name: str, reply: requests.Response, started: float) -> None:
    print(f"hung Redis: {name:16} HTTP {reply.status_code}  {time.monotonic() - started:5.2f} s")


def hung_redis(url: str, redis: RedisProcess, settings_api: str) -> None:
    requests_by_name = {
        "launch": env.launch(NOW),
        "log a twitch": diary.log(NOW, diary.complete_slots(), api=settings_api),
        "last twitch": env.intent("LastTwitchIntent", NOW),
        "report code": env.intent("ReportIntent", NOW),
        "weekly summary": env.intent("WeeklySummaryIntent", NOW),
        "skill disabled": env.skill_event("AlexaSkillEvent.SkillDisabled", NOW),
    }
    assert redis.pid is not None
    os.kill(redis.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        reply = requests.get(f"{url}/healthz", timeout=30)
        _show("/healthz", reply, started)
        for name, body in requests_by_name.items():
            started = time.monotonic()
            reply = requests.post(f"{url}/alexa", json=body, timeout=30)
            _show(name, reply, started)
        started = time.monotonic()
        reply = requests.post(f"{url}/report", data={"code": "123456"}, timeout=30)
        _show("POST /report", reply, started)
    finally:
        os.kill(redis.pid, signal.SIGCONT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--attack-seconds", type=float, default=12.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        redis = RedisProcess(Path(tmp) / "redis").start()
        settings_api = FakeSettingsApi().start()
        try:
            environment = serve_env(redis.url)
            with twitch_diary_serve(environment) as url:
                slow_clients(url, int(environment["PORT"]), args.attack_seconds)
                hung_redis(url, redis, settings_api.url)
        finally:
            settings_api.stop()
            redis.stop()


if __name__ == "__main__":
    main()
