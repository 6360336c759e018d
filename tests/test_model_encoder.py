"""The fast reply encoder (skill/web/model_encoder.py) writes the bytes the SDK's serializer and
orjson wrote before it, for every reply shape the skill makes, and hands what it does not know
to the SDK's serializer."""

from __future__ import annotations

import decimal
import enum
from collections import namedtuple
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import orjson
import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import ResponseEnvelope
from ask_sdk_model.response import Response
from ask_sdk_model.ui import SimpleCard, SsmlOutputSpeech
from flask import Flask
from flask.testing import FlaskClient

from devkit import diary_envelopes as d
from devkit import envelopes as env
from devkit.fake_settings_api import FakeSettingsApi
from skill.web.model_encoder import ModelEncoder

NOW = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)
SDK = DefaultSerializer()


def sdk_bytes(reply: Any) -> bytes:
    """What /alexa answered before the fast encoder."""
    return orjson.dumps(SDK.serialize(reply))


@pytest.fixture
def replies(app: Flask) -> Iterator[list[ResponseEnvelope]]:
    """Every ResponseEnvelope the skill makes while the test runs."""
    skill = app.extensions["twitch_skill"]
    made: list[ResponseEnvelope] = []
    invoke = skill.invoke

    def recording(envelope: Any, context: Any = None) -> ResponseEnvelope:
        reply: ResponseEnvelope = invoke(envelope, context)
        made.append(reply)
        return reply

    skill.invoke = recording
    yield made


def conversation(settings_api: FakeSettingsApi) -> list[dict[str, Any]]:
    """Requests whose replies between them hold every model the skill puts in a reply."""
    api = settings_api.url
    return [
        env.launch(NOW),  # speech, reprompt, a simple card
        env.launch(NOW, apl=True),
        env.intent("AskQuestionIntent", NOW, {"question": "what causes muscle twitches"}),
        d.log(NOW, {}, api=api),  # Dialog.Delegate
        d.log(NOW, {"location": d.location("eye lid", "eyelid")}, api=api,
              dialog_state="IN_PROGRESS", session={"kind": "x"}),  # Dialog.ElicitSlot
        d.log(NOW, {"location": d.location("calf", "calf"), "side": "left", "duration": "PT2M",
                    "time": "MO"}, api=api),  # a one-shot entry: session ends
        env.intent("WeeklySummaryIntent", NOW, apl=True),  # APL RenderDocument
        env.intent("SetLoggingReminderIntent", NOW),  # a permission request
        env.intent("AMAZON.HelpIntent", NOW),
        env.session_ended(NOW),  # no response body at all
    ]  # fmt: skip


def test_every_reply_of_the_skill_is_encoded_as_the_sdk_did(
    client: FlaskClient, replies: list[ResponseEnvelope], settings_api: FakeSettingsApi
) -> None:
    bodies = []
    for request in conversation(settings_api):
        reply = env.post(client, request)
        assert reply.status_code == 200
        bodies.append(reply.data)
    assert len(replies) == len(bodies)
    for reply, body in zip(replies, bodies, strict=True):
        assert body == sdk_bytes(reply)
    kinds = {directive["type"] for body in bodies for directive in _directives(body)}
    assert {"Dialog.Delegate", "Dialog.ElicitSlot", "Alexa.Presentation.APL.RenderDocument"} <= (
        kinds
    )


def _directives(body: bytes) -> list[dict[str, Any]]:
    directives: list[dict[str, Any]] = orjson.loads(body).get("response", {}).get("directives", [])
    return directives


class Colour(enum.Enum):
    RED = "red"


Pair = namedtuple("Pair", "a b")


def reply_with(attributes: dict[str, Any]) -> ResponseEnvelope:
    response = Response(
        output_speech=SsmlOutputSpeech(ssml="<speak>hi</speak>"),
        card=SimpleCard(title="t", content="c"),
        should_end_session=False,
    )
    return ResponseEnvelope(version="1.0", response=response, session_attributes=attributes)


@pytest.mark.parametrize(
    "attributes",
    [
        {},
        {"pending": {"kind": "faq", "topic": ["a", {"b": 1}], "none": None}},
        {"when": datetime(2026, 11, 24, 18, 30, 5, 250, tzinfo=UTC), "day": date(2026, 11, 24)},
        {"naive": datetime(2026, 11, 24, 18, 30), "colour": Colour.RED, "big": 2**60},
        {"pair": Pair(1, "x"), "tuple": (1, 2), "cost": decimal.Decimal("2.5"), "n": 1.5},
        {"whole": decimal.Decimal("3"), "flag": True, "text": "caf\u00e9 \U0001f600"},
    ],
)
def test_values_in_session_attributes_are_written_as_the_sdk_wrote_them(
    attributes: dict[str, Any],
) -> None:
    reply = reply_with(attributes)
    assert ModelEncoder(SDK).encode(reply) == sdk_bytes(reply)


@dataclass
class Point:
    x: int


class CountingSerializer(DefaultSerializer):
    def __init__(self) -> None:
        self.calls = 0

    def serialize(self, obj: Any) -> Any:
        self.calls += 1
        return super().serialize(obj)


def test_a_model_reply_does_not_use_the_sdk_serializer() -> None:
    sdk = CountingSerializer()
    ModelEncoder(sdk).encode(reply_with({"a": [1, {"b": None}]}))
    assert sdk.calls == 0


@pytest.mark.parametrize(
    "value", [b"bytes", {1: "a non-string key"}, 2**70, Point(1), object()], ids=repr
)
def test_what_the_encoder_does_not_know_goes_to_the_sdk(value: Any) -> None:
    reply = reply_with({"odd": value})
    try:
        expected: bytes | type[BaseException] = sdk_bytes(reply)
    except Exception as exc:  # the SDK (or orjson after it) refuses: so must the fallback
        expected = type(exc)
    sdk = CountingSerializer()
    if isinstance(expected, bytes):
        assert ModelEncoder(sdk).encode(reply) == expected
    else:
        with pytest.raises(expected):
            ModelEncoder(sdk).encode(reply)
    assert sdk.calls > 0
