"""The interaction models: generated from one source, and in step with the handlers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from devkit.models.build import PACKAGE_MODELS_DIR, SOURCE_DIR, build_model, render
from skill import intents
from skill.intents import LOCALES, MODELS_DIR


@pytest.mark.parametrize("locale", LOCALES)
def test_committed_model_matches_its_source(locale: str) -> None:
    committed = (MODELS_DIR / f"{locale}.json").read_text()
    assert committed == render(build_model(locale)), (
        f"interaction_models/{locale}.json is stale: run `python -m devkit.models.build`"
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


@pytest.mark.parametrize("locale", LOCALES)
def test_skill_package_model_is_the_generated_model(locale: str) -> None:
    packaged = (PACKAGE_MODELS_DIR / f"{locale}.json").read_text()
    assert packaged == render(build_model(locale)), (
        f"skill-package/interactionModels/custom/{locale}.json is stale: "
        "run `python -m devkit.models.build`"
    )


def _source_with_doctor_type(root: Path) -> Path:
    source = root / "source"
    (source / "locales").mkdir(parents=True)
    shutil.copy(SOURCE_DIR / "base.json", source / "base.json")
    fragment = {
        "intents": [
            {"name": "SeeDoctorIntent", "slots": [{"name": "who", "type": "DoctorType"}],
             "samples": ["should i see a doctor", "should i see a {who}"]}
        ],
        "types": [
            {"name": "DoctorType", "values": [{"id": "doctor", "name": {"value": "doctor"}}]}
        ],
    }  # fmt: skip
    (source / "doctor.json").write_text(json.dumps(fragment))
    for locale in ("en-GB", "en-US"):
        shutil.copy(SOURCE_DIR / "locales" / f"{locale}.json", source / "locales")
    return source


def _doctor_parts(model: dict[str, Any]) -> tuple[list[str], list[str]]:
    language = model["interactionModel"]["languageModel"]
    intent = next(i for i in language["intents"] if i["name"] == "SeeDoctorIntent")
    value = language["types"][0]["values"][0]
    return intent["samples"], value["name"].get("synonyms", [])


def test_locale_overlays_add_gp_for_british_english_only(tmp_path: Path) -> None:
    source = _source_with_doctor_type(tmp_path)
    gb_samples, gb_synonyms = _doctor_parts(build_model("en-GB", source))
    us_samples, us_synonyms = _doctor_parts(build_model("en-US", source))
    assert "g. p." in gb_synonyms and "g. p." not in us_synonyms
    assert "should i see a g. p." in gb_samples
    assert "should i see a g. p." not in us_samples
    assert "should i see a doctor" in gb_samples and "should i see a doctor" in us_samples


def test_overlay_with_an_unknown_key_is_refused(tmp_path: Path) -> None:
    source = _source_with_doctor_type(tmp_path)
    (source / "locales" / "en-GB.json").write_text(json.dumps({"synonym": {"doctor": ["gp"]}}))
    with pytest.raises(ValueError, match="synonym"):
        build_model("en-GB", source)
