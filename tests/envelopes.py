"""Request envelopes modelled on Alexa's documented requests, and helpers to post them."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from flask.testing import FlaskClient

from skill.chat.conversation import speech_text
from skill.chat.envelopes import (
    DEVICE_ID,
    SKILL_ID,
    USER_ID,
    connections_response,
    context,
    envelope,
    intent,
    launch,
    list_slot,
    resolutions,
    resolved_slot,
    session_ended,
    skill_event,
    slot,
)

__all__ = [
    "DEVICE_ID", "SKILL_ID", "USER_ID", "TestClock", "ask", "connections_response", "context",
    "envelope", "intent", "launch", "list_slot", "post", "resolutions", "resolved_slot",
    "session_ended", "skill_event", "slot", "speech_of",
]  # fmt: skip


class TestClock:
    """A settable clock: the app reads it, tests move it."""

    __test__ = False  # not a test class, despite the name

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def post(client: FlaskClient, body: dict[str, Any] | str | bytes, **headers: str) -> Any:
    """POST to /alexa; returns the Werkzeug response."""
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post("/alexa", data=data, headers=headers, content_type="application/json")


def speech_of(reply: Any) -> str:
    """Plain text of the response's outputSpeech (SSML tags removed, entities unescaped)."""
    return speech_text(reply.get_json()["response"].get("outputSpeech"))


def ask(client: FlaskClient, body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """POST and return (speech, full JSON response); asserts HTTP 200."""
    reply = post(client, body)
    assert reply.status_code == 200, reply.get_data(as_text=True)
    return speech_of(reply), reply.get_json()
