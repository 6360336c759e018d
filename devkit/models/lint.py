"""Alexa's build rules for interaction models, as functions that explain what is wrong.

Each rule takes a model (the ``{"interactionModel": ...}`` JSON) and returns a list of
problems, each a sentence naming the intent, slot or sample at fault, so a failing test
says what to fix. ``lint(model)`` runs them all. The rules follow the developer
console's build checks as collected in the project's platform notes (ALEXA.md 5.2, 5.3,
6.2 and 6.4): invocation name, utterance characters, slot references, conflicting
utterances, required built-ins, dialog references.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

Model = dict[str, Any]
Rule = Callable[[Model], list[str]]

# Built-in intents the developer console marks as required in every custom model.
REQUIRED_BUILT_INS: frozenset[str] = frozenset(
    {
        "AMAZON.CancelIntent",
        "AMAZON.HelpIntent",
        "AMAZON.StopIntent",
        "AMAZON.NavigateHomeIntent",
        "AMAZON.FallbackIntent",
    }
)

# Words an invocation name may not contain: launch phrases, connecting words, wake words.
BANNED_INVOCATION_WORDS: frozenset[str] = frozenset(
    {
        "ask", "tell", "open", "launch", "load", "begin", "enable", "start", "play", "resume",
        "run", "use", "talk", "to", "from", "by", "if", "and", "whether", "for", "with",
        "alexa", "amazon", "echo", "computer", "skill", "app",
    }
)  # fmt: skip
ARTICLES_AND_PREPOSITIONS: frozenset[str] = frozenset(
    {"a", "an", "the", "for", "to", "of", "in", "on", "at", "with", "by", "from"}
)

_SLOT_REF = re.compile(r"\{([^{}]*)\}")
_SAMPLE_TEXT = re.compile(r"^[A-Za-z' .\-]*$")
_NAME = re.compile(r"^[A-Za-z_]+$")
_INVOCATION_WORD = re.compile(r"^(?:[a-z]+(?:'s)?|(?:[a-z]\.)+)$")


def language_model(model: Model) -> dict[str, Any]:
    lm: dict[str, Any] = model["interactionModel"]["languageModel"]
    return lm


def intents_of(model: Model) -> list[dict[str, Any]]:
    return list(language_model(model).get("intents", []))


def intent_names(model: Model) -> set[str]:
    return {intent["name"] for intent in intents_of(model)}


def _samples_with_owner(model: Model) -> Iterable[tuple[str, str | None, str]]:
    """(intent, slot or None, sample) for intent samples and slot elicitation samples."""
    for intent in intents_of(model):
        for sample in intent.get("samples", []):
            yield intent["name"], None, sample
        for slot in intent.get("slots", []):
            for sample in slot.get("samples", []):
                yield intent["name"], slot["name"], sample


def _where(intent: str, slot: str | None) -> str:
    return f"{intent}.{slot}" if slot else intent


def invocation_name_problems(model: Model) -> list[str]:
    name = language_model(model).get("invocationName", "")
    problems = []
    words = name.split(" ")
    if not name or name != name.strip() or "  " in name:
        problems.append(f"invocation name {name!r}: empty or stray spaces")
    if name != name.lower():
        problems.append(f"invocation name {name!r}: use lower-case letters only")
    bad = [w for w in words if w and not _INVOCATION_WORD.match(w)]
    if bad:
        problems.append(
            f"invocation name {name!r}: {bad} - only letters, possessive apostrophes and "
            "periods in spelled-out abbreviations ('a. b. c.'); spell numbers out"
        )
    if len(words) < 2:
        problems.append(f"invocation name {name!r}: needs at least two words")
    banned = sorted({w for w in words if w in BANNED_INVOCATION_WORDS})
    if banned:
        problems.append(
            f"invocation name {name!r}: contains launch phrases, connecting words or wake "
            f"words {banned}"
        )
    if len(words) == 2 and any(w in ARTICLES_AND_PREPOSITIONS for w in words):
        problems.append(f"invocation name {name!r}: a two-word name can't have an article")
    return problems


def sample_character_problems(model: Model) -> list[str]:
    problems = []
    for intent, slot, sample in _samples_with_owner(model):
        text = _SLOT_REF.sub("", sample)
        if any(ch.isdigit() for ch in text):
            problems.append(
                f"{_where(intent, slot)}: sample {sample!r} has digits; spell numbers out"
            )
        elif not _SAMPLE_TEXT.match(text):
            odd = sorted({ch for ch in text if not re.match(r"[A-Za-z' .\-]", ch)})
            problems.append(
                f"{_where(intent, slot)}: sample {sample!r} has characters {odd}; use letters, "
                "spaces, apostrophes, periods and hyphens"
            )
        if not sample.strip():
            problems.append(f"{_where(intent, slot)}: empty sample")
    return problems


def slot_reference_problems(model: Model) -> list[str]:
    problems = []
    slots_by_intent = {
        intent["name"]: {slot["name"]: slot for slot in intent.get("slots", [])}
        for intent in intents_of(model)
    }
    for intent, slot, sample in _samples_with_owner(model):
        declared = slots_by_intent[intent]
        refs = _SLOT_REF.findall(sample)
        for ref in refs:
            if ref not in declared:
                problems.append(
                    f"{_where(intent, slot)}: sample {sample!r} refers to {{{ref}}}, which "
                    f"{intent} does not declare (declared: {sorted(declared) or 'none'})"
                )
        if sample.count("{") != sample.count("}") or len(refs) != sample.count("{"):
            problems.append(f"{_where(intent, slot)}: sample {sample!r} has unbalanced braces")
        if len(refs) != len(set(refs)):
            problems.append(f"{_where(intent, slot)}: sample {sample!r} uses a slot twice")
        if slot is not None and refs and slot not in refs:
            problems.append(f"{intent}.{slot}: slot sample {sample!r} must contain {{{slot}}}")
        search = [r for r in refs if declared.get(r, {}).get("type") == "AMAZON.SearchQuery"]
        if search and slot is None:
            if len(refs) > 1:
                problems.append(
                    f"{intent}: sample {sample!r} mixes AMAZON.SearchQuery with other slots"
                )
            if not _SLOT_REF.sub("", sample).strip():
                problems.append(
                    f"{intent}: sample {sample!r} is an AMAZON.SearchQuery slot alone; it "
                    "needs a carrier phrase"
                )
    return problems


def name_problems(model: Model) -> list[str]:
    problems = []
    declared_types = {t["name"] for t in language_model(model).get("types", [])}
    for intent in intents_of(model):
        name = intent["name"]
        if not name.startswith("AMAZON.") and not _NAME.match(name):
            problems.append(f"intent {name!r}: custom intent names use letters and underscores")
        for slot in intent.get("slots", []):
            if not _NAME.match(slot["name"]):
                problems.append(
                    f"{name}.{slot['name']}: slot names use letters and underscores only"
                )
            slot_type = slot.get("type", "")
            if not slot_type.startswith("AMAZON.") and slot_type not in declared_types:
                problems.append(
                    f"{name}.{slot['name']}: type {slot_type!r} is neither built-in nor declared"
                )
    for slot_type in language_model(model).get("types", []):
        if not _NAME.match(slot_type["name"]):
            problems.append(f"type {slot_type['name']!r}: use letters and underscores")
        ids = [v.get("id") for v in slot_type.get("values", [])]
        if len(ids) != len(set(ids)):
            problems.append(f"type {slot_type['name']}: duplicate value ids")
    return problems


def normalise_sample(sample: str, slot_types: dict[str, str]) -> str:
    """Case, spacing and punctuation folded; slot references replaced by their type."""
    text = _SLOT_REF.sub(lambda m: f" <{slot_types.get(m.group(1), m.group(1))}> ", sample)
    text = re.sub(r"[^a-z'<>.A-Z_ ]+", " ", text).lower().replace(".", "")
    return " ".join(text.split())


def conflicting_utterance_problems(model: Model) -> list[str]:
    owners: dict[str, set[str]] = {}
    for intent in intents_of(model):
        types = {slot["name"]: slot.get("type", "") for slot in intent.get("slots", [])}
        for sample in intent.get("samples", []):
            owners.setdefault(normalise_sample(sample, types), set()).add(intent["name"])
    return [
        f"utterance {text!r} is a sample of several intents: {sorted(names)}"
        for text, names in owners.items()
        if len(names) > 1
    ]


def required_built_in_problems(model: Model) -> list[str]:
    missing = REQUIRED_BUILT_INS - intent_names(model)
    return [f"required built-in intent {name} is missing" for name in sorted(missing)]


def dialog_problems(model: Model) -> list[str]:
    """Dialog intents, slots and prompt ids must refer to things that exist."""
    problems = []
    im = model["interactionModel"]
    prompt_ids = {p["id"] for p in im.get("prompts", [])}
    slots_by_intent = {
        i["name"]: {s["name"]: s for s in i.get("slots", [])} for i in intents_of(model)
    }
    for dialog_intent in im.get("dialog", {}).get("intents", []):
        name = dialog_intent["name"]
        if name not in slots_by_intent:
            problems.append(f"dialog intent {name} is not in the language model")
            continue
        prompt_refs = list(dialog_intent.get("prompts", {}).values())
        for slot in dialog_intent.get("slots", []):
            declared = slots_by_intent[name].get(slot["name"])
            if declared is None:
                problems.append(f"dialog slot {name}.{slot['name']} is not declared")
            elif declared.get("type") != slot.get("type"):
                problems.append(f"dialog slot {name}.{slot['name']}: type differs")
            if slot.get("elicitationRequired") and "elicitation" not in slot.get("prompts", {}):
                problems.append(f"dialog slot {name}.{slot['name']}: no elicitation prompt")
            prompt_refs += list(slot.get("prompts", {}).values())
            for validation in slot.get("validations", []):
                prompt_refs.append(validation.get("prompt"))
        problems += [
            f"dialog intent {name}: prompt {ref!r} is not defined"
            for ref in prompt_refs
            if ref not in prompt_ids
        ]
    return problems


# Interaction-model limits. Amazon lists them under "Interaction model limits" in the
# custom-skill docs (create-intents-utterances-and-slots); what could be checked from here:
# - 250 intents per skill (ALEXA.md 6.4);
# - 50,000 custom slot values and synonyms across all custom types (ALEXA.md 6.4);
# - 140 characters per slot value or synonym (the console's own build error, quoted in
#   m0ngr31/kanzi issue 263: "Slot value length exceeds the limit of 140 characters");
# - about 200 KB of sample utterances before the console refuses to save (forum reports
#   quoted in m0ngr31/kanzi pull 90); we keep well under it.
# No per-intent sample cap is published; ours keeps each intent reviewable and the model
# quick to build. A sample longer than 200 characters is not speech anyone says at once.
MAX_INTENTS = 250
MAX_SLOT_VALUES = 50_000
MAX_SLOT_VALUE_CHARS = 140
MAX_SAMPLE_CHARS_TOTAL = 150_000
MAX_SAMPLES_PER_INTENT = 2_500
MAX_SAMPLE_CHARS = 200


def limit_problems(model: Model) -> list[str]:
    """The model within Alexa's documented limits and our own budgets."""
    language = language_model(model)
    problems = []
    intents = intents_of(model)
    if len(intents) > MAX_INTENTS:
        problems.append(f"{len(intents)} intents: Alexa allows {MAX_INTENTS}")
    forms = [
        (t["name"], form)
        for t in language.get("types", [])
        for v in t.get("values", [])
        for form in (v["name"]["value"], *v["name"].get("synonyms", []))
    ]
    if len(forms) > MAX_SLOT_VALUES:
        problems.append(f"{len(forms)} slot values and synonyms: Alexa allows {MAX_SLOT_VALUES}")
    problems += [
        f"slot value {form!r} of {type_name} is longer than {MAX_SLOT_VALUE_CHARS} characters"
        for type_name, form in forms
        if len(form) > MAX_SLOT_VALUE_CHARS
    ]
    total = 0
    for intent in intents:
        samples = intent.get("samples", [])
        if len(samples) > MAX_SAMPLES_PER_INTENT:
            budget = MAX_SAMPLES_PER_INTENT
            problems.append(f"{intent['name']} has {len(samples)} samples: the budget is {budget}")
        for sample in samples:
            total += len(sample)
            if len(sample) > MAX_SAMPLE_CHARS:
                problems.append(
                    f"{intent['name']}: sample longer than {MAX_SAMPLE_CHARS}: {sample!r}"
                )
    if total > MAX_SAMPLE_CHARS_TOTAL:
        problems.append(f"{total} characters of samples: the budget is {MAX_SAMPLE_CHARS_TOTAL}")
    return problems


RULES: tuple[Rule, ...] = (
    limit_problems,
    invocation_name_problems,
    sample_character_problems,
    slot_reference_problems,
    name_problems,
    conflicting_utterance_problems,
    required_built_in_problems,
    dialog_problems,
)


def lint(model: Model) -> list[str]:
    """Every problem every rule finds; empty when the model would build."""
    return [problem for rule in RULES for problem in rule(model)]


def handled_intent_names(handlers: Iterable[object]) -> set[str]:
    """Intent names the handlers route by name (``intent_names`` on IntentHandler subclasses)."""
    names: set[str] = set()
    for handler in handlers:
        names |= set(getattr(handler, "intent_names", ()) or ())
    return names
