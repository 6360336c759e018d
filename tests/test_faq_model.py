"""The FAQ part of the interaction model follows Alexa's build rules (ALEXA.md 5.2 and 6.4)."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pytest

from devkit.models.build import build_model
from skill import intents
from skill.intents import LOCALES

ALLOWED_SAMPLE = re.compile(r"^(?:[A-Za-z.' ]|\{[a-z_]+\})+$")


def _language(locale: str) -> dict[str, Any]:
    language: dict[str, Any] = build_model(locale)["interactionModel"]["languageModel"]
    return language


def _intent(locale: str, name: str) -> dict[str, Any]:
    return next(i for i in _language(locale)["intents"] if i["name"] == name)


@pytest.mark.parametrize("locale", LOCALES)
def test_ask_question_has_one_search_query_slot_named_question(locale: str) -> None:
    slots = _intent(locale, intents.ASK_QUESTION)["slots"]
    assert slots == [{"name": intents.QUESTION_SLOT, "type": "AMAZON.SearchQuery"}]


@pytest.mark.parametrize("locale", LOCALES)
def test_search_query_samples_have_a_carrier_phrase_and_no_other_slot(locale: str) -> None:
    for sample in _intent(locale, intents.ASK_QUESTION)["samples"]:
        slots = re.findall(r"\{(\w+)\}", sample)
        assert slots in ([], [intents.QUESTION_SLOT]), sample
        carrier = re.sub(r"\{\w+\}", "", sample).strip()
        assert carrier, f"{sample!r}: a SearchQuery slot cannot stand alone"


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("name", sorted({*intents.ASK_INTENTS, intents.TELL_ME_MORE}))
def test_faq_samples_use_only_letters_spaces_periods_apostrophes_and_slots(
    locale: str, name: str
) -> None:
    bad = [s for s in _intent(locale, name)["samples"] if not ALLOWED_SAMPLE.match(s)]
    assert not bad, f"{name}: spell numbers out, no other punctuation: {bad}"


@pytest.mark.parametrize("locale", LOCALES)
def test_no_faq_utterance_is_also_a_sample_of_another_intent(locale: str) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for intent in _language(locale)["intents"]:
        for sample in intent.get("samples", []):
            owners[" ".join(sample.lower().split())].add(intent["name"])
    faq = {*intents.ASK_INTENTS, intents.TELL_ME_MORE}
    clashes = {u: names for u, names in owners.items() if len(names) > 1 and names & faq}
    assert not clashes, f"utterances under two intents: {clashes}"


@pytest.mark.parametrize("locale", LOCALES)
def test_carrier_phrases_cover_the_question_words_people_start_with(locale: str) -> None:
    # Each question word is a carrier intent of its own (Alexa drops carriers from the slot).
    carried = {
        sample for name in intents.ASK_CARRIERS for sample in _intent(locale, name)["samples"]
    }
    for word in ("what", "why", "how", "can", "does", "is", "are", "should", "when"):
        assert f"{word} {{question}}" in carried, word
    samples = set(_intent(locale, intents.ASK_QUESTION)["samples"])
    assert "tell me about {question}" in samples
    assert "I have a question about {question}" in samples
