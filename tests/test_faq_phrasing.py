"""Everyday wording read by meaning: idioms, real words the speller must leave alone, and
ways of saying "cause", "writing it down" or "it did not help". Our own phrasings, not those
of the data sets in bench/data.
"""

from __future__ import annotations

import pytest

from skill.faq.answerer import ReplyKind, default_answerer
from skill.faq.matcher import default_matcher

ANSWERER = default_answerer()
SPELLER = default_matcher().vocabulary.speller


def _topic(question: str) -> str:
    reply = ANSWERER.reply(question, "en-AU")
    assert reply.kind is ReplyKind.ANSWER and reply.topic is not None, (question, reply.speech)
    return reply.topic.id


@pytest.mark.parametrize(
    "word", ["writing", "sitting", "staring", "hanging", "though", "connection", "pulling"]
)
def test_real_words_are_not_read_as_slips_of_ours(word: str) -> None:
    assert SPELLER is not None
    assert SPELLER.word(word) == word


@pytest.mark.parametrize(
    ("slip", "meant"),
    [("potasium", "potassium"), ("twiching", "twitching"), ("dehidration", "dehydration")],
)
def test_slips_are_still_corrected(slip: str, meant: str) -> None:
    assert SPELLER is not None
    assert SPELLER.word(slip) == meant


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        # An idiom names no concept of ours: not a food, not a name, not a flattened muscle.
        (
            "my eye keeps twitching and it's doing my head in during video calls, how long "
            "will it last",
            "eyelid_duration",
        ),
        (
            "i've been flat out at work for weeks and my calf keeps flickering, is that why",
            "fatigue_cause",
        ),
        # Writing it down is the journal.
        ("what should i jot down each time my thigh twitches", "twitch_journal"),
        # Exams and study are stress.
        ("studying for my finals and my eyelid flickers all day, is that stress", "stress_cause"),
    ],
)
def test_everyday_wording_reaches_its_topic(question: str, topic: str) -> None:
    assert _topic(question) == topic


def test_a_link_or_connection_asks_about_a_cause() -> None:
    assert _topic("is there a link between not drinking enough and leg twitches") in {
        "dehydration_cause",
        "water_intake",
    }


def test_cold_remedies_in_any_form_are_the_stimulants() -> None:
    reply = ANSWERER.reply(
        "been taking flu sachets for my sinuses and now my arm flickers, could that be it", "en-AU"
    )
    assert "stimulant" in reply.speech.lower() or "decongestant" in reply.speech.lower()


@pytest.mark.parametrize(
    ("question", "opener"),
    [
        # whether one cause is enough to cause it: the cause's own yes
        ("could caffeine by itself cause my calf to twitch", "Yes."),
        # whether a test exists: the tests topic says there are
        ("is there a test that can check my twitching", "Yes."),
    ],
)
def test_openers_for_a_cause_alone_and_a_test_that_exists(question: str, opener: str) -> None:
    assert ANSWERER.reply(question, "en-AU").speech.startswith(opener)


def test_the_habits_answer_says_most_twitches_go_away_on_their_own() -> None:
    reply = ANSWERER.reply("will lifestyle changes help my twitching", "en-AU")
    assert reply.topic is not None and reply.topic.id == "lifestyle_helps"
    # the article's "resolve on their own", in the words people use to ask it
    assert "go away on their own" in reply.speech


def test_a_warning_sign_said_absent_puts_the_question_in_scope() -> None:
    assert _topic("it hasn't spread at all, is that reassuring") == "benign_patterns"


@pytest.mark.parametrize(
    "question",
    [
        "my calf twitch stays in one place, is that a good sign",
        "is it reassuring that it stays put",
    ],
)
def test_a_good_sign_asks_whether_it_is_fine(question: str) -> None:
    from skill.faq.question import yes_no_form  # noqa: PLC0415

    assert yes_no_form(question) == "harmless"


def test_hospital_for_a_twitch_is_usually_not_needed() -> None:
    reply = ANSWERER.reply("do i need to go to a and e for an eyelid twitch", "en-GB")
    assert reply.speech.startswith("Usually not.")


def test_a_list_joined_by_or_in_the_story_is_no_choice() -> None:
    question = (
        "my coffee, sleep or workload are all the same as ever, but this week the twitching "
        "has spread from my hand to my thigh"
    )
    assert _topic(question) == "red_flag_spreading"


@pytest.mark.parametrize(
    ("question", "emergency"),
    [
        # a negation carries over "or" ...
        ("i have no slurring or difficulty swallowing, only a twitchy calf", False),
        # ... but not over "but" or "and" with a new subject
        ("no tingling or pain but i cannot swallow", True),
        ("no pain and i can't breathe", True),
    ],
)
def test_a_negated_list_of_symptoms(question: str, emergency: bool) -> None:
    from skill.faq.emergency import detect  # noqa: PLC0415

    assert (detect(question) is not None) is emergency


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        # the test named by what it does
        ("which test reads the electrical signals in my muscles", "emg"),
        # what is already known is background; poor sleep is sleep, not something bad
        (
            "i already know coffee does it, but could poor sleep alone make my calf twitch",
            "sleep_cause",
        ),
    ],
)
def test_contrasts_read_by_meaning(question: str, topic: str) -> None:
    assert _topic(question) == topic


def test_what_sets_it_off_after_bfs_asks_for_its_causes() -> None:
    reply = ANSWERER.reply("what tends to set them off", "en-AU", context="bfs")
    assert "stress" in reply.speech.lower()


def test_fine_tasks_getting_hard_is_the_weakness_sign() -> None:
    assert _topic("my fingers twitch and i'm struggling with buttons lately") == (
        "red_flag_weakness"
    )


def test_urgent_is_a_worry_answered_calmly() -> None:
    assert ANSWERER.reply("is a twitchy calf urgent", "en-AU").speech.startswith("Usually not.")


def test_or_something_worse_asks_about_the_thing_named() -> None:
    reply = ANSWERER.reply(
        "had four espressos at work and my thigh is jumping, is it the coffee or something "
        "more serious",
        "en-AU",
    )
    assert reply.topic is not None and reply.topic.id == "caffeine_cause"
    assert reply.speech.startswith("Yes.")


@pytest.mark.parametrize(
    "question", ["how common is it to get twitches", "do lots of people get twitches"]
)
def test_how_common_asks_about_twitching_not_its_common_causes(question: str) -> None:
    reply = ANSWERER.reply(question, "en-AU")
    assert reply.topic is not None and reply.topic.id == "what_are_twitches"
    assert "common" in reply.speech


def test_a_timer_is_a_device_command_not_a_question() -> None:
    from skill.faq.evaluation import is_decline  # noqa: PLC0415

    assert is_decline(ANSWERER.reply("start a timer for my yoga", "en-AU").speech)
