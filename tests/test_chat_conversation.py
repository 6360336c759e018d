"""The conversation plays Alexa's part: sessions, dialog directives, permissions.

A scripted skill stands in for the backend so each directive can be exercised before
any feature uses it; every request it receives must deserialise as an ask_sdk_model
RequestEnvelope, as the real skill would need.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

from devkit.chat.conversation import Conversation, Said
from devkit.envelopes import TestClock

MODEL = json.loads((Path(__file__).parent / "data" / "chat_model.json").read_text())
NOW = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)
REMINDERS = "alexa::alerts:reminders:skill:readwrite"

Reply = dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]]


def answer(
    text: str | None = None,
    *,
    end: bool | None = False,
    directives: list[dict[str, Any]] | None = None,
    attributes: dict[str, Any] | None = None,
    reprompt: str | None = None,
) -> dict[str, Any]:
    response: dict[str, Any] = {}
    if text is not None:
        response["outputSpeech"] = {"type": "SSML", "ssml": f"<speak>{text}</speak>"}
    if reprompt is not None:
        response["reprompt"] = {
            "outputSpeech": {"type": "SSML", "ssml": f"<speak>{reprompt}</speak>"}
        }
    if directives:
        response["directives"] = directives
    if end is not None:
        response["shouldEndSession"] = end
    return {"version": "1.0", "sessionAttributes": attributes or {}, "response": response}


class ScriptedSkill:
    """Answers requests from a script, keeping every request it was sent."""

    def __init__(self, *replies: Reply) -> None:
        self.replies = list(replies)
        self.requests: list[dict[str, Any]] = []
        self._serializer = DefaultSerializer()

    def send(self, body: dict[str, Any]) -> dict[str, Any]:
        parsed = self._serializer.deserialize(json.dumps(body), RequestEnvelope)
        assert isinstance(parsed, RequestEnvelope)
        self.requests.append(body)
        if body["request"]["type"] == "SessionEndedRequest":
            return answer(end=None)
        reply = self.replies.pop(0)
        return reply(body) if callable(reply) else reply

    def request(self, index: int = -1) -> dict[str, Any]:
        request: dict[str, Any] = self.requests[index]["request"]
        return request


def talk(skill: ScriptedSkill, clock: TestClock | None = None) -> Conversation:
    return Conversation(MODEL, skill, clock or TestClock(NOW))


def spoken(said: list[Said]) -> list[str]:
    return [s.text for s in said if s.kind == "alexa"]


def slot_values(intent: dict[str, Any]) -> dict[str, Any]:
    return {name: s.get("value") for name, s in intent["slots"].items() if s.get("value")}


def test_nothing_is_sent_before_the_skill_is_opened() -> None:
    skill = ScriptedSkill()
    said = talk(skill).hear("my calf twitched")
    assert skill.requests == []
    assert said[0].kind == "note" and "open muscle twitch diary" in said[0].text


def test_session_is_carried_and_ends_when_the_skill_says_so() -> None:
    skill = ScriptedSkill(
        answer("Welcome.", attributes={"turns": 1}),
        answer("Noted.", attributes={"turns": 2}),
        answer("Goodbye.", end=True),
    )
    chat = talk(skill)
    assert spoken(chat.hear("open muscle twitch diary")) == ["Welcome."]
    assert spoken(chat.hear("help")) == ["Noted."]
    said = chat.hear("stop")
    assert spoken(said) == ["Goodbye."] and said[-1].text == "session ended"
    launch, help_, stop = (r for r in skill.requests)
    assert launch["request"]["type"] == "LaunchRequest" and launch["session"]["new"] is True
    assert help_["session"]["new"] is False and help_["session"]["attributes"] == {"turns": 1}
    assert stop["session"]["attributes"] == {"turns": 2}
    assert len({r["session"]["sessionId"] for r in skill.requests}) == 1
    assert stop["request"]["intent"]["name"] == "AMAZON.StopIntent"
    assert chat.hear("help")[0].kind == "note" and len(skill.requests) == 3


def test_one_shot_starts_a_session_with_the_intent() -> None:
    skill = ScriptedSkill(answer("Logged.", end=True))
    talk(skill).hear("tell muscle twitch diary my left calf twitched for two minutes")
    request = skill.request()
    assert skill.requests[0]["session"]["new"] is True
    assert request["intent"]["name"] == "LogTwitchIntent"
    assert request["dialogState"] == "STARTED"  # the intent has a dialog model
    assert slot_values(request["intent"]) == {
        "side": "left", "location": "calf", "duration": "PT2M",
    }  # fmt: skip
    # Alexa sends every declared slot, filled or not.
    assert set(request["intent"]["slots"]) == {
        "side", "location", "duration", "time", "date", "triggers", "count",
    }  # fmt: skip


def delegate(body: dict[str, Any]) -> dict[str, Any]:
    directive = {"type": "Dialog.Delegate", "updatedIntent": body["request"]["intent"]}
    return answer(end=None, directives=[directive])


def test_delegate_plays_the_model_prompts_then_sends_completed() -> None:
    skill = ScriptedSkill(answer("Hi."), delegate, delegate, delegate, answer("Logged.", end=True))
    chat = talk(skill)
    chat.hear("open muscle twitch diary")
    assert spoken(chat.hear("log a twitch")) == ["Where was the twitch?"]
    assert skill.request()["dialogState"] == "STARTED"
    assert spoken(chat.hear("it was my eye lid")) == ["How long did it last?"]
    assert skill.request()["dialogState"] == "IN_PROGRESS"
    said = chat.hear("about ten minutes")
    assert spoken(said) == ["Logged."]
    in_progress, completed = skill.requests[-2:]
    assert in_progress["request"]["dialogState"] == "IN_PROGRESS"
    assert completed["request"]["dialogState"] == "COMPLETED"
    assert slot_values(completed["request"]["intent"]) == {
        "location": "eye lid", "duration": "PT10M",
    }  # fmt: skip
    location = completed["request"]["intent"]["slots"]["location"]
    resolution = location["resolutions"]["resolutionsPerAuthority"][0]
    assert resolution["values"][0]["value"]["id"] == "eyelid"


def test_elicit_slot_fills_the_named_slot_from_the_next_line() -> None:
    def elicit(body: dict[str, Any]) -> dict[str, Any]:
        directive = {
            "type": "Dialog.ElicitSlot",
            "slotToElicit": "duration",
            "updatedIntent": body["request"]["intent"],
        }
        return answer("How long did it go on?", directives=[directive])

    skill = ScriptedSkill(answer("Hi."), elicit, answer("Saved.", end=True))
    chat = talk(skill)
    chat.hear("open muscle twitch diary")
    assert spoken(chat.hear("my calf twitched")) == ["How long did it go on?"]
    assert spoken(chat.hear("an hour and a half")) == ["Saved."]
    request = skill.request()
    assert request["dialogState"] == "IN_PROGRESS"
    assert slot_values(request["intent"]) == {"location": "calf", "duration": "PT1H30M"}


def test_stop_during_elicitation_stops() -> None:
    def elicit(body: dict[str, Any]) -> dict[str, Any]:
        directive = {"type": "Dialog.ElicitSlot", "slotToElicit": "duration"}
        return answer("How long?", directives=[directive])

    skill = ScriptedSkill(answer("Hi."), elicit, answer("Bye.", end=True))
    chat = talk(skill)
    chat.hear("open muscle twitch diary")
    chat.hear("my calf twitched")
    chat.hear("stop")
    assert skill.request()["intent"]["name"] == "AMAZON.StopIntent"


def test_confirm_intent_sends_the_answer_as_confirmation_status() -> None:
    def confirm(body: dict[str, Any]) -> dict[str, Any]:
        directive = {"type": "Dialog.ConfirmIntent", "updatedIntent": body["request"]["intent"]}
        return answer("Log a calf twitch?", directives=[directive])

    skill = ScriptedSkill(answer("Hi."), confirm, answer("Not logged.", end=True))
    chat = talk(skill)
    chat.hear("open muscle twitch diary")
    chat.hear("my calf twitched")
    assert spoken(chat.hear("no thanks")) == ["Not logged."]
    assert skill.request()["intent"]["confirmationStatus"] == "DENIED"


def test_ask_for_permission_and_accept() -> None:
    ask_for = {
        "type": "Connections.SendRequest",
        "name": "AskFor",
        "payload": {
            "@type": "AskForPermissionsConsentRequest",
            "@version": "2",
            "permissionScopes": [{"permissionScope": REMINDERS, "consentLevel": "ACCOUNT"}],
        },
        "token": "reminder-consent",
    }
    skill = ScriptedSkill(
        answer("Hi."), answer(end=True, directives=[ask_for]), answer("Thanks.", end=True)
    )
    chat = talk(skill)
    chat.hear("open muscle twitch diary")
    question = spoken(chat.hear("log a twitch"))
    assert question == [
        "Muscle Twitch Diary would like to set reminders for you. Do you allow that?"
    ]
    assert spoken(chat.hear("yes")) == ["Thanks."]
    sent = skill.requests[-1]
    assert sent["request"]["type"] == "Connections.Response"
    assert sent["request"]["token"] == "reminder-consent"
    assert sent["request"]["payload"] == {"permissionScope": REMINDERS, "status": "ACCEPTED"}
    assert sent["context"]["System"]["user"]["permissions"]["scopes"][REMINDERS] == {
        "status": "GRANTED"
    }


def test_silence_reprompts_then_ends_the_session() -> None:
    skill = ScriptedSkill(answer("Hi.", reprompt="Still there?"))
    chat = talk(skill)
    chat.hear("open muscle twitch diary")
    assert spoken(chat.hear("")) == ["Still there?"]
    assert chat.hear("")[-1].text == "session ended"
    assert skill.request()["type"] == "SessionEndedRequest"
    assert skill.request()["reason"] == "EXCEEDED_MAX_REPROMPTS"


def test_hang_up_tells_the_skill_and_clock_sets_the_timestamp() -> None:
    clock = TestClock(NOW)
    skill = ScriptedSkill(answer("Hi."))
    chat = talk(skill, clock)
    chat.hear("open muscle twitch diary")
    clock.advance(days=3)
    chat.hang_up()
    assert skill.requests[0]["request"]["timestamp"] == "2026-11-24T18:30:00Z"
    assert skill.request()["type"] == "SessionEndedRequest"
    assert skill.request()["reason"] == "USER_INITIATED"
    assert skill.request()["timestamp"] == "2026-11-27T18:30:00Z"


@pytest.mark.parametrize("line", ["blah blah blah", "what's the weather in paris"])
def test_lines_that_match_nothing_are_fallback(line: str) -> None:
    skill = ScriptedSkill(answer("Hi."), answer("Sorry."))
    chat = talk(skill)
    chat.hear("open muscle twitch diary")
    chat.hear(line)
    assert skill.request()["intent"]["name"] == "AMAZON.FallbackIntent"


def test_confirm_slot_marks_the_slot() -> None:
    def confirm(body: dict[str, Any]) -> dict[str, Any]:
        directive = {
            "type": "Dialog.ConfirmSlot",
            "slotToConfirm": "location",
            "updatedIntent": body["request"]["intent"],
        }
        return answer("Your calf, right?", directives=[directive])

    skill = ScriptedSkill(answer("Hi."), confirm, answer("Saved.", end=True))
    chat = talk(skill)
    chat.hear("open muscle twitch diary")
    assert spoken(chat.hear("my calf twitched")) == ["Your calf, right?"]
    chat.hear("yes")
    slots = skill.request()["intent"]["slots"]
    assert slots["location"]["confirmationStatus"] == "CONFIRMED"
    assert skill.request()["dialogState"] == "IN_PROGRESS"


def test_delegate_asks_the_model_confirmation_prompt_with_slot_values() -> None:
    model = json.loads(json.dumps(MODEL))
    dialog_intent = model["interactionModel"]["dialog"]["intents"][0]
    dialog_intent["confirmationRequired"] = True
    dialog_intent["prompts"]["confirmation"] = "Confirm.Intent.LogTwitch"
    model["interactionModel"]["prompts"].append(
        {"id": "Confirm.Intent.LogTwitch",
         "variations": [{"type": "PlainText", "value": "Log your {location} for {duration}?"}]}
    )  # fmt: skip
    skill = ScriptedSkill(answer("Hi."), delegate, delegate, answer("Logged.", end=True))
    chat = Conversation(model, skill, TestClock(NOW))
    chat.hear("open muscle twitch diary")
    assert spoken(chat.hear("my calf twitched for two minutes")) == ["Log your calf for PT2M?"]
    assert spoken(chat.hear("yes")) == ["Logged."]
    in_progress, completed = (r["request"] for r in skill.requests[-2:])
    assert in_progress["dialogState"] == "IN_PROGRESS"
    assert in_progress["intent"]["confirmationStatus"] == "CONFIRMED"
    assert completed["dialogState"] == "COMPLETED"
    assert completed["intent"]["confirmationStatus"] == "CONFIRMED"


def test_delegate_applies_the_model_validation_and_asks_again() -> None:
    model = json.loads(json.dumps(MODEL))
    location = model["interactionModel"]["dialog"]["intents"][0]["slots"][0]
    location["validations"] = [{"type": "hasEntityResolutionMatch", "prompt": "Slot.Validation.1"}]
    model["interactionModel"]["prompts"].append(
        {"id": "Slot.Validation.1",
         "variations": [{"type": "PlainText", "value": "I don't know the {location}. Where?"}]}
    )  # fmt: skip
    skill = ScriptedSkill(answer("Hi."), delegate, delegate, answer("Logged.", end=True))
    chat = Conversation(model, skill, TestClock(NOW))
    chat.hear("open muscle twitch diary")
    assert spoken(chat.hear("my knee twitched for two minutes")) == [
        "I don't know the knee. Where?"
    ]
    assert spoken(chat.hear("my thigh")) == ["Logged."]
    completed = skill.request()
    assert completed["dialogState"] == "COMPLETED"
    assert slot_values(completed["intent"]) == {"location": "thigh", "duration": "PT2M"}


def test_relative_dates_count_from_the_users_time_zone() -> None:
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    late_evening_in_new_york = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
    skill = ScriptedSkill(answer("Logged.", end=True))
    chat = Conversation(
        MODEL, skill, TestClock(late_evening_in_new_york), time_zone=ZoneInfo("America/New_York")
    )
    chat.hear("tell muscle twitch diary my calf twitched yesterday")
    assert slot_values(skill.request()["intent"])["date"] == "2026-11-23"


def test_delegate_after_completed_is_reported_not_looped() -> None:
    skill = ScriptedSkill(answer("Hi."), delegate, delegate, delegate)
    chat = talk(skill)
    chat.hear("open muscle twitch diary")
    said = chat.hear("my calf twitched for two minutes")
    assert skill.request()["dialogState"] == "COMPLETED"
    assert [s.kind for s in said] == ["note", "note"]
    assert "COMPLETED" in said[0].text and said[1].text == "session ended"


def test_auto_delegation_runs_the_dialog_before_the_skill_hears_of_it() -> None:
    model = json.loads(json.dumps(MODEL))
    model["interactionModel"]["dialog"]["delegationStrategy"] = "ALWAYS"
    skill = ScriptedSkill(answer("Hi."), answer("Logged.", end=True))
    chat = Conversation(model, skill, TestClock(NOW))
    chat.hear("open muscle twitch diary")
    assert spoken(chat.hear("my calf twitched")) == ["How long did it last?"]
    assert len(skill.requests) == 1  # only the launch so far
    assert spoken(chat.hear("five minutes")) == ["Logged."]
    completed = skill.request()
    assert completed["dialogState"] == "COMPLETED"
    assert slot_values(completed["intent"]) == {"location": "calf", "duration": "PT5M"}
