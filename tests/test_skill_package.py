"""The ASK CLI skill package: a manifest Alexa accepts, with the permissions and text we rely on."""

from __future__ import annotations

import json
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_smapi_model.v1.skill.manifest.skill_manifest_envelope import SkillManifestEnvelope

from devkit.models.build import ROOT
from skill.intents import LOCALES

PACKAGE = ROOT / "skill-package"


def manifest() -> dict[str, Any]:
    body: dict[str, Any] = json.loads((PACKAGE / "skill.json").read_text())
    return body["manifest"]


def test_manifest_deserialises_with_ask_smapi_model_without_losing_fields() -> None:
    raw = (PACKAGE / "skill.json").read_text()
    serializer = DefaultSerializer()
    envelope = serializer.deserialize(raw, SkillManifestEnvelope)
    assert isinstance(envelope, SkillManifestEnvelope)
    assert serializer.serialize(envelope) == json.loads(raw)


def test_ask_resources_points_at_the_skill_package() -> None:
    resources = json.loads((ROOT / "ask-resources.json").read_text())
    assert resources["askcliResourcesVersion"] == "2020-03-31"
    src = resources["profiles"]["default"]["skillMetadata"]["src"]
    assert (ROOT / src).resolve() == PACKAGE.resolve()


def test_every_locale_is_published_and_has_a_packaged_model() -> None:
    published = manifest()["publishingInformation"]["locales"]
    assert set(published) == set(LOCALES)
    assert set(manifest()["privacyAndCompliance"]["locales"]) == set(LOCALES)
    for locale in LOCALES:
        assert (PACKAGE / "interactionModels" / "custom" / f"{locale}.json").is_file()


def test_reminders_permission_is_requested() -> None:
    names = {p["name"] for p in manifest()["permissions"]}
    assert "alexa::alerts:reminders:skill:readwrite" in names


def test_lifecycle_events_are_subscribed_at_the_skill_endpoint() -> None:
    events = manifest()["events"]
    subscribed = {s["eventName"] for s in events["subscriptions"]}
    assert {"SKILL_DISABLED", "SKILL_PERMISSION_CHANGED", "SKILL_PERMISSION_ACCEPTED"} <= subscribed
    assert events["endpoint"]["uri"] == manifest()["apis"]["custom"]["endpoint"]["uri"]


@pytest.mark.parametrize("locale", LOCALES)
def test_description_carries_the_health_and_privacy_text(locale: str) -> None:
    description = manifest()["publishingInformation"]["locales"][locale]["description"]
    assert "not a substitute for professional medical advice" in description
    assert "emergency" in description
    assert "Privacy" in description
    privacy = manifest()["privacyAndCompliance"]
    assert privacy["usesPersonalInfo"] is True
    assert privacy["locales"][locale]["privacyPolicyUrl"].startswith("https://")


def test_first_example_phrase_opens_the_skill() -> None:
    for locale, info in manifest()["publishingInformation"]["locales"].items():
        assert info["examplePhrases"][0] == "Alexa, open muscle twitch diary", locale
        assert 1 <= len(info["examplePhrases"]) <= 3


def test_readme_explains_ask_deploy() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "ask deploy" in readme and "skill-package" in readme
