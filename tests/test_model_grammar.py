"""Samples generated from the template grammar, and the model kept within Alexa's limits."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from devkit.models.build import build_model
from devkit.models.grammar import Expander, Grammar, apply_grammar
from devkit.models.lint import (
    MAX_SAMPLE_CHARS,
    MAX_SAMPLES_PER_INTENT,
    MAX_SLOT_VALUE_CHARS,
    limit_problems,
    lint,
)
from skill.intents import LOCALES

SLOT = re.compile(r"\{(\w+)\}")


def _language(intents: list[dict[str, Any]]) -> dict[str, Any]:
    return {"invocationName": "muscle twitch diary", "intents": intents, "types": []}


def test_templates_expand_with_hassils_syntax_and_keep_slot_references() -> None:
    expander = Expander({"place": "[my] [{side}] {location}", "verb": "(twitched|jumped)"})
    sentences = expander.every("[so] <place> <verb>")
    assert "my {side} {location} twitched" in sentences
    assert "so {location} jumped" in sentences
    assert len(sentences) == 2 * 2 * 2 * 2


def test_a_budget_keeps_every_template_represented_and_is_deterministic() -> None:
    rules = {"lead": "(so|um|well|hey|okay|right)", "verb": "(twitched|jumped|flickered|buzzed)"}
    templates = [
        "[<lead>] [<lead>] my {location} <verb> [for {duration}] [after {triggers}]",
        "log a twitch in my {location}",
    ]
    first = Expander(rules).within_budget(templates, 20, seed="LogTwitchIntent")
    again = Expander(rules).within_budget(templates, 20, seed="LogTwitchIntent")
    assert first == again and len(first) == 20
    assert "log a twitch in my {location}" in first
    assert "my {location} twitched" in first  # the shortest form of the big template


def test_large_templates_are_sampled_without_enumerating_them() -> None:
    rules = {"w": "(" + "|".join(f"w{i}" for i in range(40)) + ")"}
    expander = Expander(rules)
    template = "<w> <w> <w> <w> <w> {location}"  # 40^5 = 102 million sentences
    assert expander.count(expander._parsed(template)) == 40**5
    chosen = expander.within_budget([template], 50, seed="x")
    assert len(chosen) == 50 and all(s.endswith("{location}") for s in chosen)


def test_sampling_covers_every_phrase_of_a_small_choice_beside_a_big_one() -> None:
    # A lead-in of 40 words and a choice of 6 verbs: walks weighted by sentence count
    # would spend the budget on lead-ins; each verb must still be said.
    rules = {
        "lead": "(" + "|".join(f"lead{i}" for i in range(40)) + ")",
        "verb": "(setting them off|bringing them on|causing them|triggering them|behind them"
        "|starting them)",
    }
    template = "<lead> <lead> what has been <verb>"
    expander = Expander(rules)
    assert expander.count(expander._parsed(template)) > Expander.ENUMERATE_UP_TO
    # Eight sentences: enough for each of six verbs once (walks weighted by sentence count
    # left one out here).
    chosen = expander.within_budget([template], 8, seed="TwitchPatternsIntent")
    for verb in rules["verb"].strip("()").split("|"):
        assert any(sentence.endswith(verb) for sentence in chosen), verb


def test_no_sample_names_a_slot_twice() -> None:
    expander = Expander({"detail": "(for {duration}|after {triggers})"})
    sentences = expander.every("my {location} twitched <detail> [<detail>]")
    assert sentences and all(len(SLOT.findall(s)) == len(set(SLOT.findall(s))) for s in sentences)
    assert "my {location} twitched for {duration} after {triggers}" in sentences


def test_a_sample_owned_by_an_earlier_intent_is_dropped_from_a_later_one() -> None:
    language = _language(
        [
            {"name": "LastTwitchIntent", "samples": ["My last twitch"]},
            {"name": "CountTwitchesIntent", "samples": []},
        ]
    )
    grammar = Grammar(intents={"CountTwitchesIntent": (10, ["my (last twitch|count)"])})
    dropped = apply_grammar(language, grammar)
    assert dropped == {"CountTwitchesIntent": 1}
    assert language["intents"][1]["samples"] == ["my count"]


def test_a_locale_adds_alternatives_to_a_rule() -> None:
    grammar = Grammar(
        rules={"someone": "(my mom|my dad)"},
        intents={"UrgentSymptomIntent": (10, ["<someone> {symptom}"])},
    ).with_rule_alternatives({"someone": ["my mum", "my nan"]})
    language = _language([{"name": "UrgentSymptomIntent", "slots": [], "samples": []}])
    apply_grammar(language, grammar)
    assert set(language["intents"][0]["samples"]) == {
        "my mom {symptom}", "my dad {symptom}", "my mum {symptom}", "my nan {symptom}",
    }  # fmt: skip


def test_unknown_intents_rules_and_slots_are_errors() -> None:
    language = _language([{"name": "LogTwitchIntent", "slots": [], "samples": []}])
    with pytest.raises(ValueError, match="lacks"):
        apply_grammar(language, Grammar(intents={"NoSuchIntent": (5, ["x"])}))
    with pytest.raises(ValueError, match="undeclared slot"):
        apply_grammar(language, Grammar(slots={"LogTwitchIntent": {"side": ["{side}"]}}))
    with pytest.raises(ValueError, match="unknown grammar rules"):
        Grammar().with_rule_alternatives({"nothing": ["x"]})


@pytest.mark.parametrize("locale", LOCALES)
def test_every_generated_model_builds_and_stays_within_the_limits(locale: str) -> None:
    model = build_model(locale)
    assert lint(model) == []
    intents = {i["name"]: i for i in model["interactionModel"]["languageModel"]["intents"]}
    assert len(intents["LogTwitchIntent"]["samples"]) > 1000


def test_the_generated_samples_cover_the_shapes_people_use() -> None:
    samples = {
        i["name"]: i.get("samples", [])
        for i in build_model("en-GB")["interactionModel"]["languageModel"]["intents"]
    }
    log = samples["LogTwitchIntent"]

    def some(pattern: str, among: list[str] = log) -> bool:
        return any(re.search(pattern, s) for s in among)

    assert some(r"\{ago\} ago")  # relative times through a duration slot
    assert some(r"^\{(date|time|ago)\}.* \{location\}")  # a time or date first
    assert some(r"(that|it) lasted \{duration\}")  # a second clause for how long
    assert some(r"^(could you|can you|would you|i'd like to) ")  # polite openers
    assert some(r"^\{side\} \{location\}( |$)")  # fragments
    assert some(r"^\{location\} again")
    assert some(r"\{side\} (my|of my) \{location\}")  # both my calves
    assert some(r"^i was (sitting|lying|working|reading|driving)")  # stories with a lead-in
    assert some(r"^(so|um|hey|well) ")  # fillers
    for verb in ("keeps twitching", "kept twitching", "has been twitching", "were twitching",
                 "started twitching", "twitches", "flickering", "spasming"):  # fmt: skip
        assert some(rf"\b{verb}\b"), verb
    assert some(r"\{period\}", samples["CountTwitchesIntent"])
    assert some(r"(most recent|latest)", samples["LastTwitchIntent"])
    assert some(r"get rid of", samples["DeleteLastEntryIntent"])
    assert some(
        r"^(my|<someones>|my husband's|his|her) \{symptom\}", samples["UrgentSymptomIntent"]
    )


def _with(model: dict[str, Any], change: Any) -> dict[str, Any]:
    changed = copy.deepcopy(model)
    change(changed["interactionModel"]["languageModel"])
    return changed


def test_the_limits_rule_names_what_is_too_big() -> None:
    model = build_model("en-US")
    assert limit_problems(model) == []

    def long_value(language: dict[str, Any]) -> None:
        language["types"][0]["values"][0]["name"]["synonyms"].append(
            "x" * (MAX_SLOT_VALUE_CHARS + 1)
        )

    def many_samples(language: dict[str, Any]) -> None:
        intent = next(i for i in language["intents"] if i["name"] == "LastTwitchIntent")
        intent["samples"] = [
            f"last twitch number {'a' * n}" for n in range(MAX_SAMPLES_PER_INTENT + 1)
        ]

    def long_sample(language: dict[str, Any]) -> None:
        intent = next(i for i in language["intents"] if i["name"] == "LastTwitchIntent")
        intent["samples"].append("tell me " * (MAX_SAMPLE_CHARS // 8 + 1))

    assert any("longer than 140" in p for p in limit_problems(_with(model, long_value)))
    assert any("LastTwitchIntent has" in p for p in limit_problems(_with(model, many_samples)))
    assert any("sample longer than" in p for p in limit_problems(_with(model, long_sample)))
