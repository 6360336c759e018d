"""Issue 13, item 5, against real processes: every due user is messaged, every check-in moves once.

2,000 users who consented to reminders, each with a two-week check-in at the local Alexa
cloud and a diary that calls for advice. A `twitch-diary sweep` process is SIGKILLed while
it sends; then the test's redis-server is SIGKILLed and restarted (AOF, `appendfsync
always`); then two more sweep processes run at once, after the killed sweep's lease. The
cloud stand-in delivers each message to `twitch-diary serve` as Messaging.MessageReceived,
whose handler moves the check-in through the Reminders API.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from devkit.alexa_sim.sim import SIM_CLIENT_ID, SIM_CLIENT_SECRET, AlexaSim
from devkit.local_redis import RedisProcess
from devkit.served import serve_env, twitch_diary_serve
from skill.cloud import reminder_bodies
from skill.cloud.client import AlexaCloud, ApiAccess
from skill.config import Settings
from skill.episodes.store import Store, connect
from skill.episodes.store.reminders import CHECKIN
from tests.conftest import SECRET
from tests.test_sweep import at, persistent_user

pytestmark = pytest.mark.slow

USERS = 2000
ZONE = "Europe/London"
SWEEP_AT = at(16, 20)  # the diaries call for advice from day 16
AFTER_LEASE = SWEEP_AT + timedelta(minutes=6)  # the killed sweep's lease is 5 minutes
KILL_AFTER_MESSAGES = 400  # a few batches in: some users messaged, most not yet
TWITCH_DIARY = str(Path(sys.executable).parent / "twitch-diary")
ROOT = Path(__file__).resolve().parents[2]


def alexa_id(n: int) -> str:
    return f"amzn1.ask.account.nudge-{n:04d}"


@pytest.fixture
def redis_process(tmp_path: Path) -> Iterator[RedisProcess]:
    server = RedisProcess(tmp_path / "redis", appendfsync="always").start()
    yield server
    server.stop()


@pytest.fixture
def cloud_sim() -> Iterator[AlexaSim]:
    sim = AlexaSim(tick_seconds=3600).start()  # real clock; reminders never fire here
    yield sim
    sim.stop()


def seed(store: Store, sim: AlexaSim) -> dict[str, str]:
    """2,000 consenting due users with a check-in at the sim; user key -> Alexa userId."""
    cloud = AlexaCloud(Settings(redis_url="", user_key_secret=SECRET))
    now = datetime.now(UTC)
    when = reminder_bodies.checkin_time(now, ZONE)
    users = {}
    for n in range(USERS):
        user = persistent_user(store, alexa_id(n))  # twitching on days 1, 4, 8, 12 and 16
        store.reminders.grant_consent(user, alexa_id(n), SWEEP_AT - timedelta(days=15))
        api = ApiAccess(sim.url, sim.session_token(alexa_id(n)))
        body = reminder_bodies.one_shot_reminder(now, ZONE, when, "en-GB")
        token = cloud.create_reminder(api, body)
        store.reminders.save_reminder_id(user, CHECKIN, token, f"{when.isoformat()} {ZONE}")
        users[user] = alexa_id(n)
    return users


def sweep_command(sim: AlexaSim, redis_url: str, now: datetime) -> tuple[list[str], dict]:
    environment = {
        **os.environ,
        "REDIS_URL": redis_url,
        "USER_KEY_SECRET": SECRET.decode(),
        "ALEXA_CLIENT_ID": SIM_CLIENT_ID,
        "ALEXA_CLIENT_SECRET": SIM_CLIENT_SECRET,
        "LWA_ENDPOINT": sim.url,
        "ALEXA_API_ENDPOINT": sim.url,
        "LOG_LEVEL": "WARNING",
    }
    return [TWITCH_DIARY, "sweep", "--now", now.isoformat()], environment


def start_sweep(sim: AlexaSim, redis_url: str, now: datetime) -> subprocess.Popen[bytes]:
    command, environment = sweep_command(sim, redis_url, now)
    return subprocess.Popen(  # noqa: S603 - our own entry point
        command, env=environment, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def messaged(sim: AlexaSim) -> Counter[str]:
    return Counter(message["userId"] for message in sim.messages())


def wait_for_messages(sim: AlexaSim, process: subprocess.Popen[bytes], count: int) -> None:
    deadline = time.monotonic() + 120
    while len(sim.messages()) < count:
        assert process.poll() is None, "the sweep finished before it could be killed"
        assert time.monotonic() < deadline, "the sweep sent too few messages"
        time.sleep(0.01)


def report_of(process: subprocess.Popen[bytes]) -> dict[str, Any]:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    report: dict[str, Any] = json.loads(out)
    return report


def test_every_consenting_due_user_is_messaged_and_every_checkin_moves_once(
    redis_process: RedisProcess, cloud_sim: AlexaSim
) -> None:
    store = Store(connect(redis_process.url), SECRET)
    users = seed(store, cloud_sim)
    assert store.due.due_count(SWEEP_AT) == USERS

    with twitch_diary_serve(serve_env(redis_process.url, LOG_LEVEL="WARNING")) as skill:
        cloud_sim.skill_url = f"{skill}/alexa"

        killed = start_sweep(cloud_sim, redis_process.url, SWEEP_AT)
        wait_for_messages(cloud_sim, killed, KILL_AFTER_MESSAGES)
        os.kill(killed.pid, signal.SIGKILL)
        killed.communicate(timeout=30)
        assert killed.returncode == -signal.SIGKILL
        assert cloud_sim.drain(timeout=120)  # every accepted message reached the skill
        # Counted after the drain: a message the killed sweep had handed over is its own.
        first = messaged(cloud_sim)
        assert KILL_AFTER_MESSAGES <= len(first) < USERS

        redis_process.kill()  # SIGKILL: what was acknowledged is in the AOF
        redis_process.restart()
        owed_after_crash = sum(1 for user in users if store.outbox.owed_messages(user))
        assert owed_after_crash > 0  # recorded by the killed sweep, not yet settled

        replicas = [start_sweep(cloud_sim, redis_process.url, AFTER_LEASE) for _ in range(2)]
        reports = [report_of(process) for process in replicas]
        assert cloud_sim.drain(timeout=300)

    counts = messaged(cloud_sim)
    assert set(counts) == set(users.values())  # every user messaged
    assert {m["status"] for m in cloud_sim.messages()} == {"delivered: HTTP 200"}
    assert sum(r["messages_sent"] for r in reports) == USERS - len(first) + (
        sum(counts.values()) - USERS
    )  # what the replicas sent: the users the killed sweep missed, plus the repeats
    assert sum(r["messages_owed"] + r["messages_not_sent"] for r in reports) == 0
    reminders = cloud_sim.reminders()
    assert len(reminders) == USERS
    assert Counter(r["updates"] for r in reminders) == {1: USERS}  # each check-in moved once
    assert all(store.outbox.owed_messages(user) == {} for user in users)
    assert all(len(store.advice.pending_advice(user)) == 1 for user in users)  # advice exactly once
    print(  # noqa: T201 - the figures, with -s
        f"killed sweep messaged {len(first)} users; {owed_after_crash} owed after the crash; "
        f"{sum(counts.values()) - USERS} messages sent twice; replicas {reports}"
    )
