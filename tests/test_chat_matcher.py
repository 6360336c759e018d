"""Typed lines to intents and slots, from a model alone (tests/data/chat_model.json)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from devkit.chat.matcher import ModelMatcher, normalise

MODEL = json.loads((Path(__file__).parent / "data" / "chat_model.json").read_text())
TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def matcher() -> ModelMatcher:
    return ModelMatcher(MODEL)


def values(slots: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """slot -> value, (value, ER code, id) for resolved slots, list of those for lists."""

    def one(item: dict[str, Any]) -> Any:
        per_authority = item.get("resolutions", {}).get("resolutionsPerAuthority")
        if not per_authority:
            return item["value"]
        code = per_authority[0]["status"]["code"]
        ids = [v["value"]["id"] for v in per_authority[0].get("values", [])]
        return (item["value"], code, ids[0] if ids else None)

    return {
        name: [one(v) for v in s["slotValue"]["values"]]
        if s.get("slotValue", {}).get("type") == "List"
        else one(s)
        for name, s in slots.items()
    }


@pytest.mark.parametrize(
    ("line", "intent", "slots"),
    [
        (
            "My left calf twitched for two minutes!",
            "LogTwitchIntent",
            {"side": ("left", "ER_SUCCESS_MATCH", "left"),
             "location": ("calf", "ER_SUCCESS_MATCH", "calf"), "duration": "PT2M"},
        ),
        ("my eye lid twitched", "LogTwitchIntent",
         {"location": ("eye lid", "ER_SUCCESS_MATCH", "eyelid")}),
        ("my knee twitched", "LogTwitchIntent",
         {"location": ("knee", "ER_SUCCESS_NO_MATCH", None)}),
        ("my calf twitched yesterday at eight pm", "LogTwitchIntent",
         {"location": ("calf", "ER_SUCCESS_MATCH", "calf"), "date": "2026-11-23",
          "time": "20:00"}),
        ("my calf twitched at a quarter to nine", "LogTwitchIntent",
         {"location": ("calf", "ER_SUCCESS_MATCH", "calf"), "time": "08:45"}),
        ("my right thigh twitched for an hour and a half last monday", "LogTwitchIntent",
         {"side": ("right", "ER_SUCCESS_MATCH", "right"),
          "location": ("thigh", "ER_SUCCESS_MATCH", "thigh"), "duration": "PT1H30M",
          "date": "2026-11-23"}),
        ("my calf twitched twenty times", "LogTwitchIntent",
         {"location": ("calf", "ER_SUCCESS_MATCH", "calf"), "count": "20"}),
        ("my calf twitched after coffee, running and knitting", "LogTwitchIntent",
         {"location": ("calf", "ER_SUCCESS_MATCH", "calf"),
          "triggers": [("coffee", "ER_SUCCESS_MATCH", "caffeine"),
                       ("running", "ER_SUCCESS_MATCH", "exercise"),
                       ("knitting", "ER_SUCCESS_NO_MATCH", None)]}),
        ("log a twitch", "LogTwitchIntent", {}),
        ("tell me about benign fasciculation syndrome", "AskQuestionIntent",
         {"question": "benign fasciculation syndrome"}),
        ("should I see a nerve specialist?", "SeeDoctorIntent",
         {"who": ("nerve specialist", "ER_SUCCESS_MATCH", "neurologist")}),
        ("help", "AMAZON.HelpIntent", {}),
        ("what can I say", "AMAZON.HelpIntent", {}),
        ("Stop.", "AMAZON.StopIntent", {}),
        ("never mind", "AMAZON.CancelIntent", {}),
        ("yes please", "AMAZON.YesIntent", {}),
        ("no thanks", "AMAZON.NoIntent", {}),
    ],
)  # fmt: skip
def test_lines_become_intents_and_slots(
    matcher: ModelMatcher, line: str, intent: str, slots: dict[str, Any]
) -> None:
    understood = matcher.understand(line, TODAY)
    assert understood.intent == intent
    assert values(understood.slots) == slots


def test_multi_value_slot_has_no_top_level_value(matcher: ModelMatcher) -> None:
    understood = matcher.understand("my calf twitched after coffee and stress", TODAY)
    triggers = understood.slots["triggers"]
    assert "value" not in triggers and triggers["slotValue"]["type"] == "List"


def test_unmatched_line_is_fallback(matcher: ModelMatcher) -> None:
    assert matcher.understand("the weather in paris", TODAY).intent == "AMAZON.FallbackIntent"


def test_built_ins_absent_from_the_model_are_not_matched() -> None:
    model = json.loads(json.dumps(MODEL))
    intents = model["interactionModel"]["languageModel"]["intents"]
    intents[:] = [i for i in intents if i["name"] != "AMAZON.YesIntent"]
    assert ModelMatcher(model).understand("yes", TODAY).intent == "AMAZON.FallbackIntent"


def test_invocation_and_one_shot(matcher: ModelMatcher) -> None:
    assert matcher.invocation_of("Open Muscle Twitch Diary") == ("launch", "")
    assert matcher.invocation_of("alexa, launch muscle twitch diary") == ("launch", "")
    kind, rest = matcher.invocation_of("ask muscle twitch diary to log a twitch") or ("", "")
    assert kind == "one-shot" and matcher.one_shot(rest, TODAY).intent == "LogTwitchIntent"
    assert matcher.invocation_of("my calf twitched") is None


def test_slot_answers_use_the_slot_samples(matcher: ModelMatcher) -> None:
    def fill(line: str, slot: str, bare_open: bool = False) -> Any:
        found = matcher.fill_slot(line, "LogTwitchIntent", slot, TODAY, bare_open=bare_open)
        return values(found)[slot] if found else None

    assert fill("it was my eye", "location") == ("eye", "ER_SUCCESS_MATCH", "eyelid")
    assert fill("calf", "location") == ("calf", "ER_SUCCESS_MATCH", "calf")
    assert fill("knee", "location") is None  # closed first ...
    assert fill("knee", "location", bare_open=True) == ("knee", "ER_SUCCESS_NO_MATCH", None)
    assert fill("for about ten minutes", "duration") == "PT10M"
    assert fill("stop", "duration") is None
    both = matcher.fill_slot("my left calf", "LogTwitchIntent", "location", TODAY, bare_open=False)
    assert both is not None and values(both) == {
        "side": ("left", "ER_SUCCESS_MATCH", "left"),
        "location": ("calf", "ER_SUCCESS_MATCH", "calf"),
    }


def test_yes_or_no(matcher: ModelMatcher) -> None:
    assert [matcher.yes_or_no(w) for w in ("Yeah!", "nope", "maybe")] == ["yes", "no", None]


def test_normalise_joins_spelled_abbreviations() -> None:
    assert (
        normalise("Should I see a G.P.?")
        == normalise("should i see a g. p.")
        == ("should i see a gp")
    )
    assert normalise("at 20:15, ok") == "at 20:15 ok"
