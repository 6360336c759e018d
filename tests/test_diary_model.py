"""The diary's interaction model fragment: slot types match the domain, utterances are legal."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date

from ask_sdk_core.serialize import DefaultSerializer
from ask_smapi_model.v1.skill.interaction_model.interaction_model_data import (
    InteractionModelData,
)

from devkit.models.build import build_model
from skill import intents
from skill.episodes.history import period_span
from skill.episodes.model import LOCATIONS, SIDES, TRIGGERS
from skill.handlers.diary_draft import OTHER, UNKNOWN
from skill.intents import MODELS_DIR

FRAGMENT = json.loads((MODELS_DIR / "source" / "diary.json").read_text())
TYPES = {t["name"]: t for t in FRAGMENT["types"]}
SLOT_REF = re.compile(r"\{(\w+)\}")


def _ids(type_name: str) -> set[str]:
    return {v["id"] for v in TYPES[type_name]["values"]}


def test_slot_type_ids_are_the_domain_ids() -> None:
    assert _ids("BODY_LOCATION") == LOCATIONS
    assert _ids("SIDE") == SIDES | {UNKNOWN}
    # "other": causes outside the article's seven, kept in the user's words.
    assert _ids("TRIGGER") == TRIGGERS | {UNKNOWN, OTHER}
    assert all(period_span(p, date(2026, 11, 24)) for p in _ids("PERIOD") - {"all_time"})


def test_every_spoken_value_belongs_to_one_id_per_type() -> None:
    for name, slot_type in TYPES.items():
        words = Counter(
            word
            for value in slot_type["values"]
            for word in [value["name"]["value"], *value["name"].get("synonyms", [])]
        )
        assert [w for w, n in words.items() if n > 1] == [], name


def test_triggers_take_several_values() -> None:
    log = next(i for i in FRAGMENT["intents"] if i["name"] == intents.LOG_TWITCH)
    slots = {s["name"]: s for s in log["slots"]}
    assert slots["triggers"]["multipleValues"] == {"enabled": True}
    assert slots["duration"]["type"] == "AMAZON.DURATION"
    assert slots["time"]["type"] == "AMAZON.TIME" and slots["date"]["type"] == "AMAZON.DATE"


def test_utterances_are_legal_and_unique_across_intents() -> None:
    language = build_model("en-US")["interactionModel"]["languageModel"]
    seen: dict[str, str] = {}
    for intent in language["intents"]:
        declared = {s["name"] for s in intent.get("slots", [])}
        samples = list(intent.get("samples", []))
        samples += [x for s in intent.get("slots", []) for x in s.get("samples", [])]
        for sample in intent.get("samples", []):
            assert sample.lower() not in seen, (
                f"{sample!r} in {intent['name']} and {seen.get(sample.lower())}"
            )
            seen[sample.lower()] = intent["name"]
        for sample in samples:
            assert re.fullmatch(r"[A-Za-z' .\-{}_]+", sample), sample
            assert set(SLOT_REF.findall(sample)) <= declared, sample


def test_the_one_shot_example_is_a_sample() -> None:
    log = next(i for i in FRAGMENT["intents"] if i["name"] == intents.LOG_TWITCH)
    assert "my {side} {location} twitched for {duration} after {triggers} {time}" in log["samples"]
    assert len(log["samples"]) >= 50


def test_location_is_required_with_a_prompt() -> None:
    model = build_model("en-US")["interactionModel"]
    dialog = next(i for i in model["dialog"]["intents"] if i["name"] == intents.LOG_TWITCH)
    location = next(s for s in dialog["slots"] if s["name"] == "location")
    assert location["elicitationRequired"] is True
    prompt_ids = {p["id"] for p in model["prompts"]}
    assert location["prompts"]["elicitation"] in prompt_ids
    optional = [s for s in dialog["slots"] if s["name"] != "location"]
    assert optional and not any(s["elicitationRequired"] for s in optional)


def test_the_model_deserializes_into_the_smapi_classes() -> None:
    text = (MODELS_DIR / "en-US.json").read_text()
    model = DefaultSerializer().deserialize(text, InteractionModelData).interaction_model
    assert model.dialog.delegation_strategy.value == "SKILL_RESPONSE"
    log = next(i for i in model.dialog.intents if i.name == intents.LOG_TWITCH)
    assert [s.name for s in log.slots if s.elicitation_required] == ["location"]
    assert all(v.object_type.value == "PlainText" for p in model.prompts for v in p.variations)
    types = {t.name: t for t in model.language_model.types}
    assert {v.id for v in types["BODY_LOCATION"].values} == LOCATIONS
