"""End to end: twitches on days 1, 4, 8, 12 and 16, three sweep processes at once, one advice.

The user logs through POST /alexa (the app served over HTTP, clock passed in), accepts the
check-in reminder after the first entry, then three `twitch-diary sweep` processes race
over the same Redis and the local Alexa cloud. Exactly one suggestion must exist, exactly
one skill message must reach the skill, the check-in reminder must be moved once (to the
next morning), and the next launch must speak the suggestion first.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

from devkit import envelopes as env
from devkit.alexa_sim.sim import SIM_CLIENT_ID, SIM_CLIENT_SECRET, AlexaSim
from devkit.envelopes import TestClock
from devkit.local_redis import RedisProcess
from skill.episodes.store import Store
from skill.episodes.store.reminders import CHECKIN
from tests.cloud.alexa_requests import GRANTED, with_token
from tests.conftest import SECRET

ROOT = Path(__file__).resolve().parents[2]
DAY_ONE = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)  # 09:00 in London
SWEEP_AT = DAY_ONE + timedelta(days=15, hours=11)  # day 16, 20:00 London


def post(skill_url: str, body: dict[str, Any]) -> dict[str, Any]:
    reply = requests.post(skill_url, json=body, timeout=10)
    assert reply.status_code == 200, reply.text
    result: dict[str, Any] = reply.json()
    return result


def speech(reply: dict[str, Any]) -> str:
    return env.speech_of(type("R", (), {"get_json": lambda self: reply})())


def log_entry(skill_url: str, sim: AlexaSim, now: datetime) -> dict[str, Any]:
    slots = {
        "location": env.resolved_slot("location", "calf", "calf", "BODY_LOCATION"),
        "side": env.resolved_slot("side", "left", "left", "SIDE"),
        "duration": "PT2M",
    }
    body = env.intent("LogTwitchIntent", now, slots, dialog_state="STARTED", permissions=GRANTED)
    return post(skill_url, with_token(body, sim))


def sweep_processes(redis_url: str, sim: AlexaSim, count: int) -> list[dict[str, Any]]:
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
    command = [str(Path(sys.executable).parent / "twitch-diary"), "sweep",
               "--now", SWEEP_AT.isoformat()]  # fmt: skip
    running = [
        subprocess.Popen(command, env=environment, cwd=ROOT, stdout=subprocess.PIPE)  # noqa: S603
        for _ in range(count)
    ]
    reports = []
    for process in running:
        out, _ = process.communicate(timeout=60)
        assert process.returncode == 0
        reports.append(json.loads(out))
    return reports


def test_two_weeks_of_twitching_gives_one_spoken_suggestion_and_moves_the_check_in_once(
    skill_url: str, sim: AlexaSim, clock: TestClock, store: Store, redis_server: RedisProcess
) -> None:
    sim.set_time_zone(env.DEVICE_ID, "Europe/London")
    user = store.user_key(env.USER_ID)

    clock.now = DAY_ONE
    first = log_entry(skill_url, sim, clock.now)
    assert speech(first).startswith("Saved")
    yes = env.intent("AMAZON.YesIntent", clock.now, session=first["sessionAttributes"],
                     permissions=GRANTED)  # fmt: skip
    post(skill_url, with_token(yes, sim))
    [checkin] = sim.reminders()
    assert store.reminders.reminder_ids(user)[CHECKIN] == checkin["alertToken"]

    for day in (4, 8, 12, 16):
        clock.now = DAY_ONE + timedelta(days=day - 1)
        assert speech(log_entry(skill_url, sim, clock.now)).startswith("Saved")

    clock.now = SWEEP_AT
    reports = sweep_processes(redis_server.url, sim, count=3)
    assert sum(r["advice_created"] for r in reports) == 1
    assert sum(r["messages_sent"] for r in reports) == 1
    assert sim.drain()
    [advice] = store.advice.pending_advice(user)
    assert advice.rule == "persistence"

    updates = [r for r in sim.requests_to("/v1/alerts/reminders/") if r["method"] == "PUT"]
    assert len(updates) == 1
    [moved] = sim.reminders()
    assert moved["trigger"]["scheduledTime"].startswith("2026-11-17T09:00")  # next morning

    launch = with_token(env.launch(SWEEP_AT + timedelta(hours=13)), sim)
    spoken = speech(post(skill_url, launch))
    assert spoken.startswith("Before we start")
    assert "neurologist" in spoken
    assert store.advice.pending_advice(user) == []
