"""Property: whatever arrives at POST /alexa, the answer is 200 or 400, never a 500 or a traceback.

Envelopes start from valid Alexa requests and are broken in the ways real traffic and
certification probes break them: fields removed, values of the wrong type, huge strings,
unknown request types and intents, odd slots, raw garbage.
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devkit import envelopes as env
from skill import intents
from tests.conftest import NOW

json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.text(min_size=5_000, max_size=20_000),
)
json_value = st.recursive(
    json_leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)

intent_names = st.sampled_from(sorted(intents.all_intents())) | st.text(max_size=40)
request_types = st.sampled_from(
    [
        "LaunchRequest",
        "IntentRequest",
        "SessionEndedRequest",
        "AlexaSkillEvent.SkillDisabled",
        "AlexaSkillEvent.SkillEnabled",
        "Connections.Response",
        "Messaging.MessageReceived",
        "Display.ElementSelected",
    ]
) | st.text(max_size=30)


@st.composite
def base_envelopes(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(request_types)
    if kind == "IntentRequest":
        slot_names = draw(st.lists(st.text(min_size=1, max_size=12), max_size=3))
        slots = {
            name: draw(st.none() | st.text(max_size=200) | st.text(min_size=3000, max_size=9000))
            for name in slot_names
        }
        state = draw(st.sampled_from([None, "STARTED", "IN_PROGRESS", "COMPLETED", "BOGUS"]))
        body = env.intent(draw(intent_names), NOW, slots, dialog_state=state)
    else:
        body = env.envelope({"type": kind}, now=NOW, with_session=draw(st.booleans()))
    if draw(st.booleans()):
        attrs = draw(st.dictionaries(st.sampled_from(["pending", "dialog", "x"]), json_value))
        body.setdefault("session", {})["attributes"] = attrs
    return body


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def broken_envelopes(draw: st.DrawFn) -> bytes:
    body = draw(base_envelopes())
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        paths = _paths(body)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = body
        for step in path[:-1]:
            parent = parent[step]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(json_value)
    text = json.dumps(body)
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        cut = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:cut]  # truncated in transit
    return text.encode()


def _assert_not_a_server_error(client: FlaskClient, data: bytes) -> None:
    reply = client.post("/alexa", data=data, content_type="application/json")
    assert reply.status_code in (200, 400), (reply.status_code, data[:300])
    payload = reply.get_json()
    assert isinstance(payload, dict)
    if reply.status_code == 200:
        assert payload["version"] == "1.0"
        assert "response" in payload
    assert "Traceback" not in reply.get_data(as_text=True)


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)  # fmt: skip
@given(data=broken_envelopes())
def test_malformed_envelopes_never_get_a_server_error(client: FlaskClient, data: bytes) -> None:
    _assert_not_a_server_error(client, data)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2000) | st.text(max_size=500).map(str.encode))
def test_raw_garbage_gets_400(client: FlaskClient, data: bytes) -> None:
    reply = client.post("/alexa", data=data, content_type="application/json")
    assert reply.status_code in (200, 400)


def test_a_body_over_the_size_limit_gets_400(client: FlaskClient) -> None:
    body = env.launch(NOW)
    body["padding"] = "x" * 200_000
    assert env.post(client, body).status_code == 400


# --- no personal data in the logs ---

SECRET_USER = "amzn1.ask.account.PRIVATEUSERIDTHATMUSTNEVERBELOGGED"
SECRET_WORDS = "my secret twitch words"


def test_logs_carry_no_user_ids_or_utterances(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    requests = [
        env.launch(NOW, user_id=SECRET_USER),
        env.intent("AskQuestionIntent", NOW, {"question": SECRET_WORDS}, user_id=SECRET_USER),
        env.intent("OrderPizzaIntent", NOW, {"topping": SECRET_WORDS}, user_id=SECRET_USER),
        env.session_ended(NOW, user_id=SECRET_USER),
        env.envelope(
            {"type": "AlexaSkillEvent.SkillDisabled"},
            now=NOW,
            with_session=False,
            user_id=SECRET_USER,
        ),
        env.launch(NOW - timedelta(hours=1), user_id=SECRET_USER),
    ]
    for body in requests:
        env.post(client, body)
    broken = env.launch(NOW, user_id=SECRET_USER)
    broken["request"]["requestId"] = 7
    env.post(client, broken)
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records
                       if r.levelno >= logging.INFO)  # fmt: skip
    assert caplog.records, "the requests above should have logged something"
    assert SECRET_USER not in logged
    assert "PRIVATEUSERID" not in logged
    assert SECRET_WORDS not in logged
