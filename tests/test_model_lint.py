"""Alexa's build rules on every locale's model, and each rule shown to catch what it names."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_smapi_model.v1.skill.interaction_model.interaction_model_data import (
    InteractionModelData,
)
from flask.testing import FlaskClient

from devkit.envelopes import ask, intent
from devkit.models.lint import (
    conflicting_utterance_problems,
    dialog_problems,
    handled_intent_names,
    invocation_name_problems,
    lint,
    name_problems,
    required_built_in_problems,
    sample_character_problems,
    slot_reference_problems,
)
from skill import speech
from skill.config import Settings
from skill.episodes.store import Store
from skill.handlers import request_handlers
from skill.handlers.base import SkillDeps
from skill.intents import LOCALES, load_model
from tests.conftest import NOW as NOW_FOR_PROBES

FIXTURE = Path(__file__).parent / "data" / "chat_model.json"


def fixture_model() -> dict[str, Any]:
    model: dict[str, Any] = json.loads(FIXTURE.read_text())
    return model


def with_intent(model: dict[str, Any], intent_json: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(model)
    changed["interactionModel"]["languageModel"]["intents"].append(intent_json)
    return changed


def with_invocation(name: str) -> dict[str, Any]:
    model = fixture_model()
    model["interactionModel"]["languageModel"]["invocationName"] = name
    return model


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_model_passes_every_rule(locale: str) -> None:
    assert lint(load_model(locale)) == []


def test_the_rich_fixture_model_passes_every_rule() -> None:
    assert lint(fixture_model()) == []


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("twitch", "at least two words"),
        ("Muscle Twitch Diary", "lower-case"),
        ("open twitch diary", "launch phrases"),
        ("alexa twitch diary", "wake words"),
        ("twitch diary skill", "'skill'"),
        ("the diary", "article"),
        ("twitch diary two", ""),  # numbers spelled out are fine
        ("twitch diary 2", "spell numbers out"),
        ("twitch diary's log", ""),
        ("t. d. diary", ""),
    ],
)
def test_invocation_name_rules(name: str, fragment: str) -> None:
    problems = invocation_name_problems(with_invocation(name))
    if fragment:
        assert any(fragment in p for p in problems), problems
    else:
        assert problems == []


@pytest.mark.parametrize(
    ("sample", "fragment"),
    [
        ("my calf twitched 2 times", "digits"),
        ("my calf twitched!", "characters"),
        ("my calf twitched, twice", "characters"),
        ("my calf's twitch was short-lived. ok", None),
    ],
)
def test_sample_characters(sample: str, fragment: str | None) -> None:
    model = with_intent(fixture_model(), {"name": "ProbeIntent", "samples": [sample]})
    problems = sample_character_problems(model)
    if fragment is None:
        assert problems == []
    else:
        assert len(problems) == 1 and fragment in problems[0] and "ProbeIntent" in problems[0]


def test_undeclared_slot_reference_is_named() -> None:
    model = with_intent(
        fixture_model(),
        {"name": "ProbeIntent", "slots": [{"name": "a", "type": "AMAZON.NUMBER"}],
         "samples": ["log {a} twitches on {day}"]},
    )  # fmt: skip
    problems = slot_reference_problems(model)
    assert len(problems) == 1 and "{day}" in problems[0] and "ProbeIntent" in problems[0]


def test_search_query_needs_a_carrier_phrase_and_no_other_slots() -> None:
    model = with_intent(
        fixture_model(),
        {"name": "ProbeIntent",
         "slots": [{"name": "q", "type": "AMAZON.SearchQuery"},
                   {"name": "n", "type": "AMAZON.NUMBER"}],
         "samples": ["{q}", "search {q} {n}"]},
    )  # fmt: skip
    problems = slot_reference_problems(model)
    assert any("carrier phrase" in p for p in problems)
    assert any("mixes AMAZON.SearchQuery" in p for p in problems)


def test_names_and_types() -> None:
    model = with_intent(
        fixture_model(),
        {"name": "Probe-Intent",
         "slots": [{"name": "bad slot", "type": "NoSuchType"}], "samples": []},
    )  # fmt: skip
    problems = name_problems(model)
    assert any("'Probe-Intent'" in p for p in problems)
    assert any("slot names" in p for p in problems)
    assert any("'NoSuchType'" in p for p in problems)


def test_same_utterance_under_two_intents_after_normalising() -> None:
    model = with_intent(
        fixture_model(),
        {"name": "ProbeIntent", "slots": [{"name": "where", "type": "BodyLocationType"}],
         "samples": ["My  {where} TWITCHED."]},
    )  # fmt: skip
    problems = conflicting_utterance_problems(model)
    assert len(problems) == 1
    assert "LogTwitchIntent" in problems[0] and "ProbeIntent" in problems[0]


def test_missing_required_built_in_is_named() -> None:
    model = fixture_model()
    lm = model["interactionModel"]["languageModel"]
    lm["intents"] = [i for i in lm["intents"] if i["name"] != "AMAZON.NavigateHomeIntent"]
    assert required_built_in_problems(model) == [
        "required built-in intent AMAZON.NavigateHomeIntent is missing"
    ]


def test_dialog_references_must_exist() -> None:
    model = fixture_model()
    dialog_slots = model["interactionModel"]["dialog"]["intents"][0]["slots"]
    dialog_slots[0]["prompts"]["elicitation"] = "Elicit.Nowhere"
    dialog_slots.append({"name": "ghost", "type": "AMAZON.NUMBER", "prompts": {}})
    problems = dialog_problems(model)
    assert any("'Elicit.Nowhere'" in p for p in problems)
    assert any("ghost" in p for p in problems)


_serializer = DefaultSerializer()


def round_trip(model: dict[str, Any]) -> Any:
    """Through ask_smapi_model's InteractionModelData back: unknown or misspelt fields vanish."""
    obj = _serializer.deserialize(json.dumps(model), InteractionModelData)
    assert isinstance(obj, InteractionModelData)
    return _serializer.serialize(obj)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_model_deserialises_with_ask_smapi_model(locale: str) -> None:
    model = load_model(locale)
    assert round_trip(model) == model


def test_round_trip_catches_a_misspelt_field() -> None:
    model = fixture_model()
    model["interactionModel"]["languageModel"]["intents"][-1]["sampels"] = ["oops"]
    assert round_trip(fixture_model()) == fixture_model()
    assert round_trip(model) != model


# Every model intent reaches a handler; every intent a handler names is in every model.


@pytest.mark.parametrize("locale", LOCALES)
def test_every_model_intent_gets_a_real_handler(locale: str, client: FlaskClient) -> None:
    for name in sorted(
        i["name"] for i in load_model(locale)["interactionModel"]["languageModel"]["intents"]
    ):
        speech_text, body = ask(client, intent(name, NOW_FOR_PROBES, locale=locale))
        assert speech_text not in (speech.UNKNOWN_REQUEST, speech.SORRY), (
            f"{name} ({locale}) is in the model but no handler takes it"
        )
        assert body["response"] is not None


@pytest.mark.parametrize("locale", LOCALES)
def test_every_handled_intent_is_in_every_model(
    locale: str, settings: Settings, store: Store
) -> None:
    deps = SkillDeps(settings=settings, store=store, clock=lambda: NOW_FOR_PROBES)
    handled = handled_intent_names(request_handlers(deps))
    declared = {
        i["name"] for i in load_model(locale)["interactionModel"]["languageModel"]["intents"]
    }
    assert handled - declared == set(), f"handled but missing from the {locale} model"
