"""The local Alexa cloud itself: payload validation, tokens, firing, inspection."""

from __future__ import annotations

import copy
import os
import signal
import subprocess
import sys
import time as wall
from datetime import UTC, datetime, time
from typing import Any

import pytest
import requests

from devkit.alexa_sim import reminders as sim_reminders
from devkit.alexa_sim.cli import Speaker
from devkit.alexa_sim.sim import AlexaSim
from devkit.cli import build_parser
from devkit.envelopes import USER_ID, TestClock
from skill.cloud import reminder_bodies
from skill.cloud.client import AlexaCloud, ApiAccess

VALID: dict[str, Any] = {
    "requestTime": "2026-11-24T18:30:00.000",
    "trigger": {
        "type": "SCHEDULED_ABSOLUTE",
        "scheduledTime": "2026-11-25T09:00:00.000",
        "timeZoneId": "America/New_York",
    },
    "alertInfo": {"spokenInfo": {"content": [{"locale": "en-US", "text": "Time to log."}]}},
    "pushNotification": {"status": "ENABLED"},
}


def changed(path: str, value: Any) -> dict[str, Any]:
    """VALID with one field replaced (``a.b.c``); value None deletes it."""
    body = copy.deepcopy(VALID)
    *parents, last = path.split(".")
    node = body
    for name in parents:
        node = node[name]
    if value is None:
        del node[last]
    else:
        node[last] = value
    return body


def post_reminder(sim: AlexaSim, body: Any, token: str) -> requests.Response:
    data = body if isinstance(body, str) else None
    return requests.post(
        f"{sim.url}/v1/alerts/reminders",
        data=data,
        json=None if data is not None else body,
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )


def test_a_valid_reminder_is_accepted(sim: AlexaSim) -> None:
    reply = post_reminder(sim, VALID, sim.session_token(USER_ID))
    assert reply.status_code == 200
    assert reply.json()["status"] == "ON"
    assert [r["alertToken"] for r in sim.reminders()] == [reply.json()["alertToken"]]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        pytest.param("not json", "INVALID_REQUEST_BODY", id="not-json"),
        pytest.param([VALID], "INVALID_REQUEST_BODY", id="not-an-object"),
        pytest.param(changed("trigger.type", "SOMETIME"), "INVALID_REQUEST_BODY", id="bad-enum"),
        pytest.param(changed("requestTime", "yesterday"), "INVALID_REQUEST_BODY", id="bad-date"),
        pytest.param(changed("requestTime", None), "INVALID_REQUEST_TIME", id="no-request-time"),
        pytest.param(changed("trigger", None), "INVALID_TRIGGER", id="no-trigger"),
        pytest.param(
            changed("trigger.scheduledTime", "2026-11-25T09:00:00Z"),
            "INVALID_TRIGGER_SCHEDULED_TIME_FORMAT",
            id="utc-z",
        ),
        pytest.param(
            changed("trigger.scheduledTime", "2026-11-25T09:00:00+01:00"),
            "INVALID_TRIGGER_SCHEDULED_TIME_FORMAT",
            id="offset",
        ),
        pytest.param(
            changed("trigger.timeZoneId", "Mars/Olympus"), "INVALID_TIMEZONE", id="bad-zone"
        ),
        pytest.param(
            changed("trigger.timeZoneId", "America"), "INVALID_TIMEZONE", id="zone-directory"
        ),
        pytest.param(
            changed("trigger.recurrence", {"recurrenceRules": ["FREQ=HOURLY"]}),
            "UNSUPPORTED_TRIGGER_RECURRENCE",
            id="hourly",
        ),
        pytest.param(changed("alertInfo", None), "INVALID_ALERT_INFO", id="no-alert"),
        pytest.param(
            changed("alertInfo.spokenInfo.content", [{"locale": "en-US"}]),
            "INVALID_ALERT_INFO",
            id="no-text",
        ),
        pytest.param(
            changed("pushNotification.status", "LOUD"), "INVALID_REQUEST_BODY", id="bad-push"
        ),
    ],
)
def test_malformed_reminders_are_rejected_amazon_style(sim: AlexaSim, body: Any, code: str) -> None:
    reply = post_reminder(sim, body, sim.session_token(USER_ID))
    assert reply.status_code == 400
    assert reply.json()["code"] == code
    assert isinstance(reply.json()["message"], str)
    assert sim.reminders() == []


@pytest.mark.parametrize("authorization", [None, "Bearer nonsense", "Basic abc"])
def test_reminders_need_a_known_bearer_token(sim: AlexaSim, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    reply = requests.get(f"{sim.url}/v1/alerts/reminders", headers=headers, timeout=5)
    assert reply.status_code == 401
    assert reply.json()["code"] == "INVALID_BEARER_TOKEN"


def test_expired_session_tokens_are_refused(sim: AlexaSim, clock: TestClock) -> None:
    token = sim.session_token(USER_ID)
    clock.advance(hours=2)
    assert post_reminder(sim, VALID, token).status_code == 401


def test_due_one_shot_reminder_fires_once_at_its_time(
    sim: AlexaSim, cloud: AlexaCloud, api: ApiAccess, clock: TestClock
) -> None:
    at = datetime(2026, 11, 24, 20, 0)  # 20:00 in New York = 01:00 UTC next day
    cloud.create_reminder(
        api, reminder_bodies.one_shot_reminder(clock(), "America/New_York", at, "en-US")
    )
    clock.now = datetime(2026, 11, 25, 0, 59, tzinfo=UTC)
    assert sim.fire_due() == []
    clock.now = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)
    [event] = sim.fire_due()
    assert event["text"] == reminder_bodies.CHECKIN_TEXT
    assert sim.fire_due() == []
    assert sim.reminders()[0]["status"] == "COMPLETED"


def test_daily_reminder_fires_every_day_at_local_time_across_dst(
    sim: AlexaSim, cloud: AlexaCloud, api: ApiAccess, clock: TestClock
) -> None:
    clock.now = datetime(2026, 10, 30, 12, 0, tzinfo=UTC)  # DST in New York ends 2026-11-01
    daily = reminder_bodies.daily_reminder(clock(), "America/New_York", time(20, 0), "en-US")
    cloud.create_reminder(api, daily)
    fired_at = []
    for day in range(30, 34):
        clock.now = (
            datetime(2026, 10, day, 23, 59, tzinfo=UTC)
            if day <= 31
            else datetime(2026, 11, day - 31, 23, 59, tzinfo=UTC)
        )
        clock.advance(hours=2)  # past 20:00 New York under either offset
        fired_at += [event["at"] for event in sim.fire_due()]
    assert fired_at == [
        "2026-10-31T00:00:00.000Z",  # 20:00 EDT
        "2026-11-01T00:00:00.000Z",  # 20:00 EDT
        "2026-11-02T01:00:00.000Z",  # 20:00 EST, after fall-back
        "2026-11-03T01:00:00.000Z",
    ]
    assert sim.reminders()[0]["status"] == "ON"


def test_background_loop_fires_when_the_clock_reaches_the_time(
    cloud: AlexaCloud, clock: TestClock
) -> None:
    heard: list[str] = []
    looping = AlexaSim(clock=clock, tick_seconds=0.02, announce=lambda e: heard.append(e["text"]))
    looping.start()
    try:
        api = ApiAccess(looping.url, looping.session_token(USER_ID))
        at = reminder_bodies.next_morning(clock(), "America/New_York")
        cloud.create_reminder(
            api, reminder_bodies.one_shot_reminder(clock(), "America/New_York", at, "en-US")
        )
        clock.advance(days=1)
        deadline = wall.monotonic() + 10
        while not heard and wall.monotonic() < deadline:
            wall.sleep(0.02)
    finally:
        looping.stop()
    assert heard == [reminder_bodies.CHECKIN_TEXT]
    assert [event["text"] for event in looping.fired()] == heard


def test_inspection_endpoints_show_reminders_and_messages(
    sim: AlexaSim, cloud: AlexaCloud, api: ApiAccess, clock: TestClock
) -> None:
    at = reminder_bodies.next_morning(clock(), "America/New_York")
    cloud.create_reminder(
        api, reminder_bodies.one_shot_reminder(clock(), "America/New_York", at, "en-US")
    )
    cloud.send_skill_message(USER_ID, {"kind": "advice"})
    assert sim.drain()
    [reminder] = requests.get(f"{sim.url}/_sim/reminders", timeout=5).json()
    assert reminder["userId"] == USER_ID
    assert reminder["nextFire"] == "2026-11-25T14:00:00.000Z"
    [message] = requests.get(f"{sim.url}/_sim/messages", timeout=5).json()
    assert message["status"].startswith("undeliverable")  # this sim has no --skill-url


def test_session_endpoint_gives_a_working_token(sim: AlexaSim, cloud: AlexaCloud) -> None:
    reply = requests.post(f"{sim.url}/_sim/session", json={"userId": USER_ID}, timeout=5).json()
    assert reply["apiEndpoint"] == sim.url
    assert cloud.list_reminders(ApiAccess(reply["apiEndpoint"], reply["apiAccessToken"])) == []


def test_unknown_paths_and_methods_get_json_errors(sim: AlexaSim) -> None:
    assert requests.get(f"{sim.url}/v9/nothing", timeout=5).status_code == 404
    assert requests.patch(f"{sim.url}/v1/alerts/reminders", timeout=5).status_code == 501
    assert requests.put(f"{sim.url}/v1/alerts/reminders", timeout=5).status_code == 405


def test_rule_parser_accepts_daily_and_weekly_only() -> None:
    assert sim_reminders.parse_rule("FREQ=DAILY;BYHOUR=20;BYMINUTE=0;BYSECOND=0").at == time(20)
    weekly = sim_reminders.parse_rule("FREQ=WEEKLY;BYDAY=MO,FR;BYHOUR=7")
    assert weekly.weekdays == frozenset({0, 4})
    for bad in ("FREQ=DAILY;INTERVAL=2", "FREQ=WEEKLY", "FREQ=DAILY;BYHOUR=25", "FREQ=DAILY;X"):
        with pytest.raises(sim_reminders.ReminderRejected):
            sim_reminders.parse_rule(bad)


def test_cli_registers_alexa_sim() -> None:
    args = build_parser().parse_args(["alexa-sim", "--port", "0", "--speak"])
    assert args.port == 0 and args.speak is True
    assert args.skill_url.endswith("/alexa")


def test_speaker_prints_and_skips_speech_without_espeak(
    monkeypatch: pytest.MonkeyPatch, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng here
    speaker = Speaker(speak=True)
    speaker({"at": "2026-11-25T14:00:00.000Z", "text": reminder_bodies.CHECKIN_TEXT})
    assert capsys.readouterr().out == (
        f"[reminder 2026-11-25T14:00:00.000Z] {reminder_bodies.CHECKIN_TEXT}\n"
    )


@pytest.mark.parametrize("stop_with", [signal.SIGINT, signal.SIGTERM])
def test_alexa_sim_command_serves_on_loopback_and_stops_on_a_signal(
    tmp_path, stop_with: signal.Signals
) -> None:
    command = [sys.executable, "-m", "devkit.cli", "alexa-sim", "--port", "0"]
    env = {**os.environ, "LOG_LEVEL": "WARNING"}
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, text=True, env=env, cwd=tmp_path
    ) as process:
        try:
            first_line = process.stdout.readline() if process.stdout else ""
            url = first_line.rsplit(" ", 1)[-1].strip()
            assert url.startswith("http://127.0.0.1:")
            assert requests.get(f"{url}/_sim/reminders", timeout=5).json() == []
        finally:
            process.send_signal(stop_with)
            try:
                code = process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()  # never leave the suite waiting on it
                raise
            assert code == 0


def test_skill_messages_need_an_lwa_token_and_a_json_object(
    sim: AlexaSim, cloud: AlexaCloud
) -> None:
    url = f"{sim.url}/v1/skillmessages/users/{USER_ID}"
    session = {"Authorization": f"Bearer {sim.session_token(USER_ID)}"}
    assert requests.post(url, json={"data": {}}, headers=session, timeout=5).status_code == 403
    lwa = {"Authorization": f"Bearer {cloud.messaging_token()}"}
    for body in ("null", "[1]", '{"data": "text"}', '{"data": {}, "expiresAfterSeconds": 999999}'):
        reply = requests.post(url, data=body, headers=lwa, timeout=5)
        assert reply.status_code == 400, body
        assert reply.json()["code"].startswith("INVALID_REQUEST")
    assert sim.messages() == []


def test_oversized_bodies_are_refused(sim: AlexaSim) -> None:
    headers = {"Authorization": f"Bearer {sim.session_token(USER_ID)}"}
    reply = requests.post(
        f"{sim.url}/v1/alerts/reminders", data=b"x" * 100_000, headers=headers, timeout=5
    )
    assert reply.status_code == 413


def test_get_one_reminder_returns_the_full_reminder(sim: AlexaSim) -> None:
    token = sim.session_token(USER_ID)
    alert_token = post_reminder(sim, VALID, token).json()["alertToken"]
    headers = {"Authorization": f"Bearer {token}"}
    reply = requests.get(f"{sim.url}/v1/alerts/reminders/{alert_token}", headers=headers, timeout=5)
    assert reply.status_code == 200
    assert reply.json()["trigger"] == VALID["trigger"]
    assert reply.json()["alertInfo"] == VALID["alertInfo"]
    other = {"Authorization": f"Bearer {sim.session_token('amzn1.ask.account.OTHER')}"}
    assert (
        requests.get(
            f"{sim.url}/v1/alerts/reminders/{alert_token}", headers=other, timeout=5
        ).status_code
        == 404
    )
