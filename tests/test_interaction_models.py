"""The interaction models: generated from one source, and in step with the handlers."""

from __future__ import annotations

import json

import pytest

from skill import intents
from skill.models import LOCALES, MODELS_DIR, build_model, render


@pytest.mark.parametrize("locale", LOCALES)
def test_committed_model_matches_its_source(locale: str) -> None:
    committed = (MODELS_DIR / f"{locale}.json").read_text()
    assert committed == render(build_model(locale)), (
        f"interaction_models/{locale}.json is stale: run `python -m skill.models`"
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_model_declares_exactly_the_registry_intents(locale: str) -> None:
    model = json.loads((MODELS_DIR / f"{locale}.json").read_text())
    language = model["interactionModel"]["languageModel"]
    assert language["invocationName"] == "muscle twitch diary"
    declared = {i["name"]: {s["name"] for s in i.get("slots", [])} for i in language["intents"]}
    assert set(declared) == intents.all_intents(), (
        "model and skill/intents.py disagree: add the intent to both"
    )
    for name, slots in intents.CUSTOM.items():
        assert declared[name] == set(slots), f"{name}: slots differ from skill/intents.py"
