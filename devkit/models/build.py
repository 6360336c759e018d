"""Interaction models, generated from one source so locales cannot drift.

``interaction_models/source/*.json`` are fragments: ``base.json`` (invocation
name, built-in intents) and one per feature (intents, slot types, dialog,
prompts). ``interaction_models/source/locales/<locale>.json`` is a small
per-locale overlay (see ``apply_overlay``). ``python -m devkit.models.build`` merges
them into ``interaction_models/<locale>.json`` and the ASK CLI skill package
``skill-package/interactionModels/custom/<locale>.json``; a test fails when the
committed files differ from what this produces.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

from skill.intents import LOCALES, MODELS_DIR, Model

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIR = MODELS_DIR / "source"
GRAMMAR_DIRNAME = "grammar"
PACKAGE_MODELS_DIR = ROOT / "skill-package" / "interactionModels" / "custom"


def _fragments(source_dir: Path) -> list[dict[str, Any]]:
    paths = sorted(source_dir.glob("*.json"), key=lambda p: (p.name != "base.json", p.name))
    return [json.loads(path.read_text()) for path in paths]


def load_overlay(locale: str, source_dir: Path = SOURCE_DIR) -> dict[str, Any]:
    """The locale's overlay, or an empty one."""
    path = source_dir / "locales" / f"{locale}.json"
    return json.loads(path.read_text()) if path.exists() else {}


OVERLAY_KEYS = frozenset({"_why", "synonyms", "samples", "phrases", "rules"})


def _spoken_forms(value: dict[str, Any]) -> list[str]:
    name = value.get("name", {})
    return [name.get("value", ""), *name.get("synonyms", [])]


def apply_overlay(language_model: dict[str, Any], overlay: dict[str, Any]) -> None:
    """Apply a locale overlay in place. Keys (all optional):

    - ``synonyms``: {"doctor": ["g. p."]} adds synonyms to every custom slot value, in
      any type, that is already spoken as "doctor". Keyed by the word, not the type,
      so an overlay keeps working whichever feature owns the type.
    - ``samples``: {"IntentName": ["extra sample", ...]} adds samples to an intent
      that exists in this model (intents that do not exist yet are skipped: a
      feature may not have merged yet).
    - ``phrases``: {"doctor": ["g. p."]} adds, for each sample containing the word,
      a copy with the word replaced, in every intent.
    - ``rules``: {"someone": ["my nan"]} adds alternatives to a rule of the sample
      grammar (``apply_grammar``, before this runs); read by ``build_model``.
    """
    unknown = set(overlay) - OVERLAY_KEYS
    if unknown:
        raise ValueError(f"locale overlay has unknown keys {sorted(unknown)}")
    for value in (v for t in language_model["types"] for v in t.get("values", [])):
        spoken = {form.lower() for form in _spoken_forms(value)}
        for word, extra in overlay.get("synonyms", {}).items():
            if word.lower() in spoken:
                synonyms = value["name"].setdefault("synonyms", [])
                synonyms += [s for s in extra if s.lower() not in spoken]
    intents = {intent["name"]: intent for intent in language_model["intents"]}
    for name, samples in overlay.get("samples", {}).items():
        if name in intents:
            intents[name].setdefault("samples", []).extend(samples)
    for intent in intents.values():
        added: list[str] = []
        for word, replacements in overlay.get("phrases", {}).items():
            for sample in intent.get("samples", []):
                words = sample.split()
                if word in words:
                    added += [" ".join(r if w == word else w for w in words) for r in replacements]
        known = set(intent.get("samples", []))
        intent["samples"] = intent.get("samples", []) + [
            s for s in dict.fromkeys(added) if s not in known
        ]


def build_model(locale: str, source_dir: Path = SOURCE_DIR) -> Model:
    """The full interaction model for one locale."""
    if locale not in LOCALES:
        raise ValueError(f"unsupported locale {locale!r}")
    intents: list[dict[str, Any]] = []
    types: list[dict[str, Any]] = []
    dialog_intents: list[dict[str, Any]] = []
    prompts: list[dict[str, Any]] = []
    invocation = ""
    for fragment in copy.deepcopy(_fragments(source_dir)):
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
    # Build time only: the running skill reads the generated models (load_model) and must
    # not load hassil and the grammar to do so.
    from devkit.models.grammar import apply_grammar, load_grammar  # noqa: PLC0415

    overlay = load_overlay(locale, source_dir)
    grammar = load_grammar(source_dir / GRAMMAR_DIRNAME)
    apply_grammar(language_model, grammar.with_rule_alternatives(overlay.get("rules", {})))
    apply_overlay(language_model, overlay)
    model: dict[str, Any] = {"languageModel": language_model}
    if dialog_intents:
        model["dialog"] = {"intents": dialog_intents, "delegationStrategy": "SKILL_RESPONSE"}
    if prompts:
        model["prompts"] = prompts
    return {"interactionModel": model}


def render(model: Model) -> str:
    return json.dumps(model, indent=2, ensure_ascii=False) + "\n"


def write_models(
    directories: tuple[Path, ...] = (MODELS_DIR, PACKAGE_MODELS_DIR),
) -> list[Path]:
    written = []
    rendered = {locale: render(build_model(locale)) for locale in LOCALES}
    for directory in directories:
        directory.mkdir(parents=True, exist_ok=True)
        for locale, text in rendered.items():
            path = directory / f"{locale}.json"
            path.write_text(text)
            written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_models():
        sys.stdout.write(f"wrote {written_path}\n")
