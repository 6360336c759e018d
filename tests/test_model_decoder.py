"""The fast envelope decoder (skill/web/model_decoder.py) gives the SDK's own objects, and hands
whatever it cannot decode to the SDK's serializer."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from dateutil.parser import parse as parse_datetime

from devkit import envelopes as env
from skill.web.model_decoder import ModelDecoder

NOW = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)
SDK = DefaultSerializer()


def with_unknown_fields(body: dict[str, Any]) -> dict[str, Any]:
    body = json.loads(json.dumps(body))
    body["futureField"] = {"nested": [1, 2]}
    body["request"]["newThing"] = "kept"
    body["context"]["System"]["unit"] = {"unitId": "amzn1.ask.unit.X"}
    body["context"]["Viewport"] = {"pixelWidth": 1280, "shape": "RECTANGLE", "touch": ["SINGLE"]}
    return body


ENVELOPES = {
    "launch": env.launch(NOW),
    "launch-apl-device": env.launch(NOW, apl=True),
    "intent-with-resolved-slots": env.intent(
        "LogTwitchIntent", NOW,
        {"location": env.resolved_slot("location", "calf", "calf", "BODY_LOCATION"),
         "side": env.resolved_slot("side", "sideways", None, "SIDE"), "duration": "PT2M",
         "time": None},
        dialog_state="IN_PROGRESS", confirmation="CONFIRMED",
    ),
    "multi-value-slot": env.intent(
        "LogTwitchIntent", NOW,
        {"triggers": env.list_slot("triggers", [{"value": "coffee"}, {"value": "stress"}])},
    ),
    "question-in-session": env.intent(
        "AskQuestionIntent", NOW, {"question": "why do muscles twitch"},
        session={"kind": "faq", "topic": ["a", {"b": 1}]},
    ),
    "session-ended": env.session_ended(NOW, reason="ERROR"),
    "skill-event": env.skill_event("AlexaSkillEvent.SkillDisabled", NOW, userInformationPersistenceStatus="NOT_PERSISTED"),  # fmt: skip  # noqa: E501
    "connections-response": env.connections_response(
        "AskFor", NOW, token="t", code="200", payload={"permissionScope": "x", "status": "ACCEPTED"}
    ),
    "unknown-fields": with_unknown_fields(env.launch(NOW)),
    "odd-timestamp": {**env.launch(NOW), "request": {**env.launch(NOW)["request"],
                                                     "timestamp": "2026-11-24T18:30:00.250+01:00"}},
    "unknown-request-type": {**env.launch(NOW), "request": {"type": "Something.New",
                                                            "requestId": "r", "timestamp": "x"}},
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(ENVELOPES))
def test_the_decoder_gives_the_sdks_objects(name: str) -> None:
    text = json.dumps(ENVELOPES[name])
    try:
        expected = SDK.deserialize(text, RequestEnvelope)
    except SerializationException:
        with pytest.raises(SerializationException):  # the SDK's own error, through fallback
            ModelDecoder(SDK).decode(json.loads(text), RequestEnvelope, lambda: text)
        return
    decoded = ModelDecoder(SDK).decode(json.loads(text), RequestEnvelope, lambda: text)
    assert decoded == expected
    assert type(decoded.request) is type(expected.request)
    assert repr(decoded) == repr(expected)


def test_alexa_timestamps_are_read_directly_as_dateutil_would() -> None:
    decoded = ModelDecoder(SDK).decode(env.launch(NOW), RequestEnvelope, lambda: "")
    stamp = decoded.request.timestamp
    assert stamp == NOW and repr(stamp) == repr(parse_datetime("2026-11-24T18:30:00Z"))


def test_unknown_fields_are_kept_as_the_sdk_keeps_them() -> None:
    body = with_unknown_fields(env.launch(NOW))
    decoded = ModelDecoder(SDK).decode(body, RequestEnvelope, lambda: json.dumps(body))
    assert decoded.futureField == {"nested": [1, 2]}
    assert decoded.request.newThing == "kept"


def test_what_the_decoder_cannot_read_goes_to_the_sdk() -> None:
    body = env.intent("LogTwitchIntent", NOW, {}, dialog_state="NOT_A_STATE")
    with pytest.raises(SerializationException):  # an enum value the model does not know
        ModelDecoder(SDK).decode(body, RequestEnvelope, lambda: json.dumps(body))
    calls: list[str] = []

    class CountingSerializer(DefaultSerializer):
        def deserialize(self, payload: Any, obj_type: Any) -> Any:
            calls.append(payload)
            return super().deserialize(payload, obj_type)

    odd = ENVELOPES["odd-timestamp"]
    decoded = ModelDecoder(CountingSerializer()).decode(odd, RequestEnvelope, lambda: "{}")
    assert calls == [] and decoded.request.timestamp.utcoffset().total_seconds() == 3600
    with pytest.raises(SerializationException):  # not an object: the SDK says so
        ModelDecoder(CountingSerializer()).decode(5, RequestEnvelope, lambda: "5")
    assert calls == ["5"]
