"""Interaction models, generated from one source so locales cannot drift.

``interaction_models/source/*.json`` are fragments: ``base.json`` (invocation
name, built-in intents) and one per feature (intents, slot types, dialog,
prompts). ``python -m skill.models`` merges them into
``interaction_models/<locale>.json`` in ASK CLI format; a test fails when the
committed files differ from what this produces.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

MODELS_DIR = Path(__file__).resolve().parent.parent / "interaction_models"
SOURCE_DIR = MODELS_DIR / "source"
LOCALES: tuple[str, ...] = ("en-US",)


def _fragments() -> list[dict[str, Any]]:
    paths = sorted(SOURCE_DIR.glob("*.json"), key=lambda p: (p.name != "base.json", p.name))
    return [json.loads(path.read_text()) for path in paths]


def build_model(locale: str) -> dict[str, Any]:
    """The full interaction model for one locale."""
    if locale not in LOCALES:
        raise ValueError(f"unsupported locale {locale!r}")
    intents: list[dict[str, Any]] = []
    types: list[dict[str, Any]] = []
    dialog_intents: list[dict[str, Any]] = []
    prompts: list[dict[str, Any]] = []
    invocation = ""
    for fragment in _fragments():
        invocation = fragment.get("invocationName", invocation)
        intents += fragment.get("intents", [])
        types += fragment.get("types", [])
        dialog_intents += fragment.get("dialogIntents", [])
        prompts += fragment.get("prompts", [])
    language_model: dict[str, Any] = {
        "invocationName": invocation,
        "modelConfiguration": {"fallbackIntentSensitivity": {"level": "LOW"}},
        "intents": intents,
        "types": types,
    }
    model: dict[str, Any] = {"languageModel": language_model}
    if dialog_intents:
        model["dialog"] = {"intents": dialog_intents, "delegationStrategy": "SKILL_RESPONSE"}
    if prompts:
        model["prompts"] = prompts
    return {"interactionModel": model}


def render(model: dict[str, Any]) -> str:
    return json.dumps(model, indent=2, ensure_ascii=False) + "\n"


def write_models(directory: Path = MODELS_DIR) -> list[Path]:
    written = []
    for locale in LOCALES:
        path = directory / f"{locale}.json"
        path.write_text(render(build_model(locale)))
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_models():
        sys.stdout.write(f"wrote {written_path}\n")
