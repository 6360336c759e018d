"""The pure answerer: scope rules and matching on the dev set, our held-out set, and edge cases.

Every HTTP-level check is in test_faq_dialog.py; these run without Flask or Redis.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from skill.faq.answerer import ReplyKind, default_answerer
from skill.faq.evaluation import is_decline, is_urgent, meets_expectation
from skill.faq.matcher import Outcome
from skill.faq.text import clean, stem

ROOT = Path(__file__).resolve().parent.parent
DEV: dict[str, Any] = json.loads((ROOT / "bench" / "data" / "faq_dev.json").read_text())
HELD_OUT: dict[str, Any] = json.loads((ROOT / "tests" / "data" / "faq_heldout.json").read_text())
ANSWERER = default_answerer()


def _answered_well(case: dict[str, Any]) -> bool:
    reply = ANSWERER.reply(case["q"])
    return reply.kind is ReplyKind.ANSWER and meets_expectation(reply.speech, case["expect"])


@pytest.mark.parametrize("case", DEV["cases"], ids=lambda c: c["q"])
def test_dev_in_scope_questions_get_the_expected_answer(case: dict[str, Any]) -> None:
    reply = ANSWERER.reply(case["q"])
    assert reply.kind is ReplyKind.ANSWER, reply.speech
    assert meets_expectation(reply.speech, case["expect"]), reply.speech


@pytest.mark.parametrize("question", DEV["out_of_scope"] + HELD_OUT["out_of_scope"])
def test_out_of_scope_questions_get_a_polite_decline(question: str) -> None:
    reply = ANSWERER.reply(question)
    assert reply.kind is ReplyKind.DECLINE and reply.topic is None
    assert is_decline(reply.speech)


@pytest.mark.parametrize("case", DEV["emergency"] + HELD_OUT["emergency"], ids=lambda c: c["q"])
def test_emergencies_get_urgent_advice_not_an_answer(case: dict[str, Any]) -> None:
    reply = ANSWERER.reply(case["q"])
    assert reply.kind is ReplyKind.EMERGENCY
    assert meets_expectation(reply.speech, case["expect"]) and is_urgent(reply.speech)


def test_held_out_phrasings_are_answered_at_95_percent_or_better() -> None:
    missed = [case["q"] for case in HELD_OUT["cases"] if not _answered_well(case)]
    accuracy = 1 - len(missed) / len(HELD_OUT["cases"])
    assert accuracy >= 0.95, f"{accuracy:.1%}; missed: {missed}"


def test_held_out_phrasings_are_not_copies_of_the_examples() -> None:
    examples = {clean(q) for topic in ANSWERER.matcher.topics for q in topic.questions}
    dev = {clean(c["q"]) for c in DEV["cases"]}
    copies = [c["q"] for c in HELD_OUT["cases"] if clean(c["q"]) in examples | dev]
    assert not copies


def test_dev_questions_are_not_copied_into_the_examples() -> None:
    examples = {clean(q) for topic in ANSWERER.matcher.topics for q in topic.questions}
    assert not [c["q"] for c in DEV["cases"] if clean(c["q"]) in examples]


@pytest.mark.parametrize(
    "question",
    [
        "how much magnesium should i take for twitching",
        "what dose of melatonin is right for me",
        "how many milligrams of potassium a day",
        "can i take magnesium with my blood pressure tablets",
        "is it ok to take two sleeping pills",
    ],
)
def test_dosing_questions_are_declined_with_a_pointer_to_a_pharmacist(question: str) -> None:
    assert ANSWERER.matcher.assess(question).outcome is Outcome.DOSING
    assert "pharmacist" in ANSWERER.reply(question).speech


@pytest.mark.parametrize(
    "question",
    [
        "what causes migraines",
        "can stress raise my blood pressure",
        "how do i treat a pulled muscle",
    ],
)
def test_other_conditions_are_declined_even_with_a_domain_word(question: str) -> None:
    assert ANSWERER.matcher.assess(question).outcome is Outcome.OUT_OF_SCOPE


@pytest.mark.parametrize(
    "question",
    ["can tendonitis cause twitching", "does anaemia make muscles twitch",
     "fibromyalgia and muscle twitches"],
)  # fmt: skip
def test_conditions_named_by_their_medical_ending_are_declined(question: str) -> None:
    assert ANSWERER.matcher.assess(question).outcome is Outcome.OUT_OF_SCOPE


@pytest.mark.parametrize(
    "question", ["can peripheral neuropathy cause twitching", "what is the prognosis for bfs"]
)
def test_covered_words_with_those_endings_are_still_answered(question: str) -> None:
    assert ANSWERER.matcher.assess(question).outcome is Outcome.ANSWER


@pytest.mark.parametrize(
    "question",
    ["how do i fix a flat tyre", "how do i unclog a drain", "what size bed should i buy"],
)
def test_everyday_words_alone_do_not_make_a_question_about_twitches(question: str) -> None:
    assert ANSWERER.matcher.assess(question).outcome is Outcome.OUT_OF_SCOPE


def test_those_words_still_count_once_the_question_is_in_scope() -> None:
    topic = ANSWERER.matcher.match("the muscle in my hand looks hollow")
    assert topic is not None and topic.id == "red_flag_wasting"


def test_an_on_topic_question_with_no_fitting_answer_is_declined_not_guessed() -> None:
    result = ANSWERER.matcher.assess("what color are twitches in the moonlight on tuesdays")
    assert result.outcome is Outcome.UNSURE and result.topic is None


@pytest.mark.parametrize(
    "case",
    [c for c in DEV["cases"] if c["q"].split()[0].lower() in ("why", "what", "how")],
    ids=lambda c: c["q"],
)
def test_questions_still_match_when_alexa_cuts_the_carrier_word(case: dict[str, Any]) -> None:
    """A sample "why {question}" fills the slot with "do muscles twitch"."""
    stripped = case["q"].split(" ", 1)[1]
    reply = ANSWERER.reply(stripped)
    assert reply.kind is ReplyKind.ANSWER and meets_expectation(reply.speech, case["expect"])


def test_a_spoken_question_answers_with_its_topic_and_offers_more_when_there_is_more() -> None:
    reply = ANSWERER.reply("what is multifocal motor neuropathy")
    assert reply.topic is not None and reply.topic.id == "mmn"
    assert reply.speech.endswith("Want to hear more?")
    assert reply.card == reply.topic.answer


@pytest.mark.parametrize(
    ("word", "expected"),
    [("twitches", "twitch"), ("causing", "caus"), ("caused", "caus"), ("running", "run"),
     ("remedies", "remedy"), ("weakness", "weak"), ("muscle", "muscl"), ("is", "is")],
)  # fmt: skip
def test_the_small_stemmer_joins_word_forms(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_normalisation_expands_contractions_and_reads_synonyms_as_one_concept() -> None:
    vocabulary = ANSWERER.matcher.vocabulary
    assert clean("What's the matter? I can't sleep") == "what is the matter i can not sleep"
    assert vocabulary.concepts("my eyelid keeps jumping") == vocabulary.concepts(
        "my eye keeps twitching"
    )
    assert "als" in vocabulary.concepts("is it lou gehrig's disease")
    assert vocabulary.concepts("coffee") == vocabulary.concepts("energy drinks")


def test_contractions_without_apostrophes_are_expanded_as_speech_recognition_drops_them() -> None:
    assert clean("whats wrong im tired and i cant sleep") == (
        "what is wrong i am tired and i can not sleep"
    )
    assert clean("it doesnt stop and he wont wake up") == "it does not stop and he will not wake up"


def test_a_symptom_said_to_be_absent_is_not_what_the_question_is_about() -> None:
    concepts = ANSWERER.matcher.vocabulary.concepts
    assert "weak" not in concepts("no weakness or numbness, just twitching in my thigh")
    assert "numb" not in concepts("twitching without numbness")
    assert "weak" in concepts("twitching with weakness")
    assert "sleep" in concepts("no sleep for weeks"), "only symptom concepts are negated"
    assert "weak" in concepts("i can't grip my cup and my fingers twitch"), "can not is a symptom"


def test_naming_several_everyday_triggers_asks_about_the_causes_together() -> None:
    concepts = ANSWERER.matcher.vocabulary.concepts
    assert "severalcauses" in concepts("is it the coffee or the stress")
    assert "severalcauses" not in concepts("is it the coffee")


def test_word_order_of_a_pair_does_not_matter() -> None:
    """ "twitchy muscles" and "muscle twitches" are the same pair of concepts."""
    features = ANSWERER.matcher._features
    assert features("twitchy muscles") == features("muscle twitches")


def test_match_gives_the_topic_or_none() -> None:
    matcher = ANSWERER.matcher
    topic = matcher.match("why does my eyelid keep twitching")
    assert topic is not None and topic.id.startswith("eyelid")
    assert matcher.match("what's the weather like in paris") is None


@pytest.mark.parametrize(
    "question",
    [
        "can alcohol cause twitching",
        "can low blood sugar cause twitching",
        "is my twitching a sign of parkinson's",
    ],
)
def test_twitching_plus_something_the_article_does_not_cover_is_declined(question: str) -> None:
    """Not the general list of causes, as if the article had said anything about it."""
    assert ANSWERER.matcher.assess(question).outcome is Outcome.OUT_OF_SCOPE


def test_a_very_long_text_is_matched_on_its_start_and_still_checked_for_emergencies() -> None:
    long_question = "why does my eyelid keep twitching " + "and " * 3000
    reply = ANSWERER.reply(long_question)
    assert reply.topic is not None and reply.topic.id.startswith("eyelid")
    assert ANSWERER.reply("and " * 300 + "i can't breathe").kind is ReplyKind.EMERGENCY


@pytest.mark.parametrize(
    ("previous", "question", "expected"),
    [
        ("mmn", "how is it treated", "mmn_treatment"),
        ("caffeine_cause", "how do i cut back on it", "caffeine_taper"),
        ("als", "is it hereditary", "family_history"),
    ],
)
def test_follow_ups_use_the_previous_topic(previous: str, question: str, expected: str) -> None:
    reply = ANSWERER.reply(question, context=previous)
    assert reply.topic is not None and reply.topic.id == expected
    assert ANSWERER.reply(question).kind is ReplyKind.DECLINE, "not without the context"


def test_a_follow_up_still_goes_through_the_dosing_rule() -> None:
    assert ANSWERER.reply("how much of it should i take", context="magnesium_foods").speech == (
        ANSWERER.reply("how much magnesium should i take").speech
    )


def test_no_example_question_reads_as_another_condition_by_a_stem_collision() -> None:
    """Word lists go through the stemmer: "plane" became "plan" and "ear" caught "early"."""
    matcher = ANSWERER.matcher
    named_on_purpose = {"can panic attacks cause twitching"}
    collisions = [
        q
        for topic in matcher.topics
        for q in topic.questions
        if matcher._names_something_else(set(matcher.vocabulary.concepts(q)))
        and q not in named_on_purpose
    ]
    assert not collisions


@pytest.mark.parametrize(
    "question",
    [
        "how many teaspoons are in a cup",
        "how many ml is in a pint",
        "is an espresso stronger than a cappuccino",
        "can you recommend a pilates studio",
        "what meditation app is best",
        "recommend me some good sleep podcasts",
        "what is the best mattress to buy",
        "which are the best running shoes",
        "can you get me in with a neurologist",
        "why does my nose run",
        "what muscles do lunges work",
        "is creatine good for twitching muscles",
        "is potassium good for my blood pressure",
        "does calcium help with sleep",
        "can coffee raise my heart rate",
    ],
)
def test_conversions_drink_strength_and_recommendations_are_declined(question: str) -> None:
    assert ANSWERER.matcher.assess(question).outcome is Outcome.OUT_OF_SCOPE


@pytest.mark.parametrize(
    "question",
    [
        "how many glasses of water a day stop twitching",
        "how many cups of coffee a day is too much if my eyelid twitches",
        "is yoga or meditation better for my twitching",
        "does melatonin help with sleep",  # the article's sleep advice
        "does magnesium help with twitching",
    ],
)
def test_amounts_asked_for_twitching_are_still_answered(question: str) -> None:
    assert ANSWERER.matcher.assess(question).outcome is Outcome.ANSWER
