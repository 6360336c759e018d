"""AlexaCloud against the local Alexa cloud: tokens, retries, errors, reminders, time zones."""

from __future__ import annotations

import dataclasses
import json
import socket
from collections.abc import Iterator
from datetime import datetime, time

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from ask_sdk_model.interfaces.messaging import MessageReceivedRequest

from devkit.alexa_sim.sim import AlexaSim
from devkit.alexa_sim.state import MESSAGE
from devkit.envelopes import USER_ID, TestClock
from devkit.local_redis import free_port
from skill.cloud import reminder_bodies
from skill.cloud.client import AlexaCloud, ApiAccess, CloudError, PermissionRevoked
from skill.config import Settings
from tests.cloud.conftest import Sleeps

TOKEN_PATH = "/auth/o2/token"
REMINDERS = "/v1/alerts/reminders"


def checkin(clock: TestClock) -> object:
    at = reminder_bodies.next_morning(clock(), "America/New_York")
    return reminder_bodies.one_shot_reminder(clock(), "America/New_York", at, "en-US")


def test_lwa_token_is_cached_until_shortly_before_expiry(
    cloud: AlexaCloud, sim: AlexaSim, clock: TestClock
) -> None:
    first = cloud.messaging_token()
    clock.advance(seconds=3600 - 61)  # the sim's tokens live 3600 s; the margin is 60 s
    assert cloud.messaging_token() == first
    assert len(sim.requests_to(TOKEN_PATH)) == 1

    clock.advance(seconds=2)
    second = cloud.messaging_token()
    assert second != first
    assert len(sim.requests_to(TOKEN_PATH)) == 2


def test_wrong_client_secret_is_a_configuration_error_not_a_revocation(
    cloud_settings: Settings, clock: TestClock
) -> None:
    wrong = dataclasses.replace(cloud_settings, alexa_client_secret="not-the-secret")
    with pytest.raises(CloudError) as caught:
        AlexaCloud(wrong, clock=clock).messaging_token()
    assert not isinstance(caught.value, PermissionRevoked)
    assert caught.value.status == 401


def test_missing_client_credentials_fail_clearly(settings: Settings, clock: TestClock) -> None:
    with pytest.raises(CloudError, match="ALEXA_CLIENT_ID"):
        AlexaCloud(settings, clock=clock).messaging_token()


def test_retries_on_503_and_429_with_backoff_then_succeeds(
    cloud: AlexaCloud, sim: AlexaSim, api: ApiAccess, clock: TestClock, sleeps: Sleeps
) -> None:
    sim.fail_next(REMINDERS, 503)
    sim.fail_next(REMINDERS, 429, retry_after="2")
    alert_token = cloud.create_reminder(api, checkin(clock))

    statuses = [r["status"] for r in sim.requests_to(REMINDERS)]
    assert statuses == [503, 429, 200]
    assert sleeps == [0.5, 2.0]  # exponential base first, then the server's Retry-After
    assert [r["alertToken"] for r in sim.reminders()] == [alert_token]


def test_retry_after_is_bounded(
    cloud: AlexaCloud, sim: AlexaSim, api: ApiAccess, clock: TestClock, sleeps: Sleeps
) -> None:
    sim.fail_next(REMINDERS, 429, retry_after="3600")
    cloud.create_reminder(api, checkin(clock))
    assert sleeps == [5.0]


def test_gives_up_after_the_configured_retries(
    cloud: AlexaCloud, sim: AlexaSim, api: ApiAccess, clock: TestClock, sleeps: Sleeps
) -> None:
    sim.fail_next(REMINDERS, 500, 502, 503, 504)
    with pytest.raises(CloudError) as caught:
        cloud.create_reminder(api, checkin(clock))
    assert caught.value.status == 504
    assert sleeps == [0.5, 1.0, 2.0]
    assert sim.reminders() == []


def test_client_errors_are_not_retried(
    cloud: AlexaCloud, sim: AlexaSim, api: ApiAccess, sleeps: Sleeps
) -> None:
    with pytest.raises(CloudError) as caught:
        cloud.delete_reminder(api, "no-such-reminder")
    assert caught.value.status == 404
    assert sleeps == []


def test_revoked_permission_raises_permission_revoked(
    cloud: AlexaCloud, sim: AlexaSim, api: ApiAccess, clock: TestClock
) -> None:
    sim.revoke(USER_ID)
    with pytest.raises(PermissionRevoked) as caught:
        cloud.create_reminder(api, checkin(clock))
    assert caught.value.status == 401


def test_out_of_session_token_cannot_create_reminders(
    cloud: AlexaCloud, sim: AlexaSim, clock: TestClock
) -> None:
    sim.session_token(USER_ID)  # the user has granted the permission in an earlier session
    out_of_session = ApiAccess(sim.url, sim.state.issue(MESSAGE, USER_ID))
    with pytest.raises(PermissionRevoked) as caught:
        cloud.create_reminder(out_of_session, checkin(clock))
    assert caught.value.status == 403


def test_plain_http_is_refused_for_non_loopback_hosts(cloud: AlexaCloud, clock: TestClock) -> None:
    with pytest.raises(CloudError, match="non-HTTPS"):
        cloud.create_reminder(ApiAccess("http://api.example.com", "token"), checkin(clock))


def test_only_sdk_reminder_objects_are_sent(cloud: AlexaCloud, api: ApiAccess) -> None:
    with pytest.raises(TypeError):
        cloud.create_reminder(api, {"trigger": {}})  # type: ignore[arg-type]


def test_reminder_round_trip(
    cloud: AlexaCloud, sim: AlexaSim, api: ApiAccess, clock: TestClock
) -> None:
    daily = reminder_bodies.daily_reminder(clock(), "Europe/Berlin", time(20, 0), "en-US")
    alert_token = cloud.create_reminder(api, daily)
    listed = cloud.list_reminders(api)
    assert [a["alertToken"] for a in listed] == [alert_token]
    assert listed[0]["trigger"]["recurrence"]["recurrenceRules"] == [
        "FREQ=DAILY;BYHOUR=20;BYMINUTE=0;BYSECOND=0"
    ]
    assert listed[0]["trigger"]["timeZoneId"] == "Europe/Berlin"

    assert cloud.update_reminder(api, alert_token, checkin(clock)) == alert_token
    assert "recurrence" not in cloud.list_reminders(api)[0]["trigger"]
    cloud.delete_reminder(api, alert_token)
    assert cloud.list_reminders(api) == []


def test_reminders_belong_to_their_user(
    cloud: AlexaCloud, sim: AlexaSim, api: ApiAccess, clock: TestClock
) -> None:
    cloud.create_reminder(api, checkin(clock))
    other = ApiAccess(sim.url, sim.session_token("amzn1.ask.account.SOMEONEELSE"))
    assert cloud.list_reminders(other) == []


def test_send_skill_message_is_validated_by_the_sim(cloud: AlexaCloud, sim: AlexaSim) -> None:
    with pytest.raises(CloudError) as caught:
        cloud.send_skill_message(USER_ID, {"kind": "advice"}, expires_after_seconds=5)
    assert caught.value.status == 400
    cloud.send_skill_message(USER_ID, {"kind": "advice"}, expires_after_seconds=600)
    assert sim.drain()
    [message] = sim.messages()
    assert message["data"] == {"kind": "advice"}
    assert message["expiresAfterSeconds"] == 600


def test_a_refused_messaging_token_is_replaced_once(
    cloud: AlexaCloud, sim: AlexaSim, clock: TestClock
) -> None:
    cloud.messaging_token()
    with sim.state.lock:
        sim.state.tokens.clear()  # Amazon no longer accepts the cached token
    cloud.send_skill_message(USER_ID, {"kind": "advice"})
    assert len(sim.requests_to(TOKEN_PATH)) == 2
    assert [r["status"] for r in sim.requests_to("/v1/skillmessages")] == [401, 202]


def test_times_sent_to_amazon_are_local_without_offset(clock: TestClock) -> None:
    body = checkin(clock)
    assert isinstance(body.trigger.scheduled_time, datetime)
    assert body.trigger.scheduled_time.tzinfo is None
    assert body.trigger.scheduled_time == datetime(2026, 11, 25, 9, 0)  # 13:30 in New York now


def test_retry_after_may_be_an_http_date(
    cloud: AlexaCloud, sim: AlexaSim, api: ApiAccess, clock: TestClock, sleeps: Sleeps
) -> None:
    sim.fail_next(REMINDERS, 503, retry_after="Tue, 24 Nov 2026 18:30:03 GMT")  # NOW + 3 s
    cloud.list_reminders(api)
    assert sleeps == [3.0]


def test_unreachable_endpoint_is_retried_then_fails(cloud: AlexaCloud, sleeps: Sleeps) -> None:
    closed = ApiAccess(f"http://127.0.0.1:{free_port()}", "token")
    with pytest.raises(CloudError, match="ConnectionError"):
        cloud.list_reminders(closed)
    assert sleeps == [0.5, 1.0, 2.0]


@pytest.fixture
def silent_endpoint() -> Iterator[str]:
    """A loopback port that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


def test_a_timed_out_create_is_not_repeated_but_a_read_is(
    cloud_settings: Settings, clock: TestClock, silent_endpoint: str
) -> None:
    sleeps = Sleeps()
    quick = dataclasses.replace(cloud_settings, outbound_timeout=0.1)
    cloud = AlexaCloud(quick, clock=clock, sleep=sleeps)
    api = ApiAccess(silent_endpoint, "token")
    with pytest.raises(CloudError, match="ReadTimeout"):
        cloud.create_reminder(api, checkin(clock))  # may have been applied: never twice
    assert sleeps == []
    with pytest.raises(CloudError, match="ReadTimeout"):
        cloud.list_reminders(api)
    assert sleeps == [0.5, 1.0, 2.0]


def test_delivered_envelope_is_a_valid_message_received_request(sim: AlexaSim) -> None:
    body = sim.message_envelope(USER_ID, {"kind": "advice"}, "fresh-token")
    envelope = DefaultSerializer().deserialize(json.dumps(body), RequestEnvelope)
    assert isinstance(envelope.request, MessageReceivedRequest)
    assert envelope.request.message == {"kind": "advice"}
    assert envelope.session is None
    assert envelope.context.system.api_endpoint == sim.url
    assert envelope.context.system.api_access_token == "fresh-token"


def test_cloud_settings_come_from_the_environment() -> None:
    env = {"ALEXA_API_ENDPOINT": "https://api.eu.amazonalexa.com", "OUTBOUND_RETRIES": "1"}
    settings = Settings.from_env(env)
    assert settings.alexa_api_endpoint == "https://api.eu.amazonalexa.com"
    assert settings.outbound_retries == 1
    defaults = Settings.from_env({})
    assert defaults.alexa_api_endpoint == "https://api.amazonalexa.com"
    assert defaults.outbound_retries == 3
