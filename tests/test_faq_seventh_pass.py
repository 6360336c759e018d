"""Questions as people put them, by class (issue 16, seventh pass): texting spellings,
letters said as words, follow-ups that stand on their own words or lean on the topic
before, an ask that points back at the clause before it, tests said to be normal, and
answers that say what is asked of them (hours of sleep, what blood tests look at, when
an eyelid twitch needs the eye doctor, what an EMG is for).

Every sentence here is our own, written for the mechanism it tests, not taken from any
evaluation set (bench/data/*.json, tests/data/faq_heldout.json).
"""

from __future__ import annotations

import pytest

from skill.faq.answerer import ReplyKind, default_answerer
from skill.faq.evaluation import opener_of
from skill.faq.matcher import default_matcher
from skill.faq.text import clean

ANSWERER = default_answerer()
MATCHER = default_matcher()
SPELLER = MATCHER.vocabulary.speller


def _reply(question: str, context: str | None = None):
    reply = ANSWERER.reply(question, "en-GB", context=context)
    assert reply.kind is ReplyKind.ANSWER, (question, reply.speech)
    return reply


def _topic(question: str, context: str | None = None) -> str:
    reply = _reply(question, context)
    assert reply.topic is not None
    return reply.topic.id


# --- spelling typed in a hurry ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("twitchin", "twitching"),  # a final g dropped
        ("drinkin", "drinking"),
        ("stres", "stress"),  # one letter of a double left out
        ("musle", "muscle"),
        ("wek", "wek"),  # three letters: too short to read any way
        ("slepe", "slepe"),  # letters moved round are no slip of this kind
    ],
)
def test_a_word_typed_in_a_hurry_is_read_as_ours(typed: str, meant: str) -> None:
    assert SPELLER is not None
    assert SPELLER.word(typed) == meant


@pytest.mark.parametrize("word", ["sitting", "seems", "mother", "lately", "forms"])
def test_a_real_word_is_not_respelled_by_a_vowel(word: str) -> None:
    assert SPELLER is not None
    assert SPELLER.word(word) == word


def test_texting_spellings_of_function_words_are_read() -> None:
    assert clean("shud u see a doc cuz of it") == "should you see a doc because of it"
    assert clean("wat helps") == "what helps"


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("wat shud i eat for magnesum", "magnesium_foods"),
        ("my leg keeps twitchin after runnin, y", "exercise_cause"),
        ("is there any stres relief that helps twitchy muscles", "stress_practice"),
    ],
)
def test_a_question_typed_in_a_hurry_is_answered(question: str, topic: str) -> None:
    assert _topic(question) == topic


def test_letters_said_as_words_name_the_test() -> None:
    assert "mri" in MATCHER.vocabulary.concepts("would an em ar eye show anything")
    assert "emg" in MATCHER.vocabulary.concepts("is an ee em gee painful")


# --- scope: the article's own self care and checklist ---------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "is melatonin safe to try",
        "go through the checklist with me",
        "how long can i sort it out at home before i see the doc",
    ],
)
def test_the_article_s_self_care_and_checklist_are_in_scope(question: str) -> None:
    assert ANSWERER.reply(question, "en-US").kind is ReplyKind.ANSWER


# --- follow-ups ------------------------------------------------------------------------------


def test_a_follow_up_whose_own_words_match_well_stands_alone() -> None:
    # "those" points back at the causes, but only the definition answers it
    assert _topic("so what is the medical term for them", "common_causes") == "what_are_twitches"


def test_a_follow_up_naming_the_most_urgent_sign_gets_it_after_any_list() -> None:
    assert _topic("which of them is the most serious", "benign_or_worrying") == "red_flag_wasting"


def test_going_is_going_to_the_doctor_the_answer_named() -> None:
    reply = _reply("ok and how soon do i go", "when_to_see_doctor")
    assert reply.topic is not None and reply.topic.id == "when_to_see_doctor"


def test_how_quickly_it_gets_better_is_the_time_it_takes() -> None:
    assert "improvetime" in MATCHER.vocabulary.concepts("how fast will it clear up")


def test_the_autoimmune_one_is_asked_of_the_conditions() -> None:
    assert _topic("and the autoimmune one, which is it", "serious_conditions") == "mmn"


def test_the_example_s_own_story_is_the_example() -> None:
    assert _topic("can you go over mark's story again") == "case_example"


# --- an ask that points back at the clause before it ------------------------------------------


def test_is_that_a_thing_asks_about_the_clause_before() -> None:
    story = (
        "we eat no meat at home and my hands have started to flicker and go numb now and then,"
        " a friend mentioned thyroid. is that a thing"
    )
    assert _topic(story) == "thyroid"


def test_what_is_that_called_names_the_test_just_described() -> None:
    story = (
        "the doctor said next time they would put a fine needle in to read the electrical"
        " signals in my muscle, what is that called"
    )
    assert _topic(story) == "emg"


def test_tests_said_to_be_normal_are_background() -> None:
    story = "my bloods came back fine, no lyme problem either, so why does my calf keep going"
    reply = _reply(story)
    assert reply.topic is not None and reply.topic.id != "blood_tests"


# --- answers that say what they are asked -----------------------------------------------------


def test_the_sleep_answer_gives_the_hours() -> None:
    speech = _reply("can not sleeping properly make my muscles twitch").speech
    assert "seven to nine hours" in speech


def test_what_blood_tests_look_for() -> None:
    reply = _reply("what are the bloods checking when you have twitches")
    assert reply.topic is not None and reply.topic.id == "blood_tests"
    for thing in ("electrolytes", "thyroid", "b12"):
        assert thing in reply.speech.lower()


def test_a_blood_test_is_not_needed_for_every_twitch_unless_a_sign_is_named() -> None:
    assert opener_of(_reply("do i need a blood test for an odd twitch").speech) == "no"
    signed = _reply("do i need a blood test now my grip is getting weaker").speech
    assert opener_of(signed) != "no"


def test_an_eyelid_twitch_self_care_did_not_settle_goes_to_the_eye_doctor() -> None:
    speech = _reply("what else can i do, warm compresses are not helping my eyelid").speech
    assert "eye doctor" in speech


def test_the_emg_answer_says_what_it_is_for() -> None:
    assert "cause" in _reply("what is the point of an emg").speech


# --- near misses: courage and jitters, naming a clinic, manners -------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "how can i find the nerve to speak up in meetings",
        "any tips for wedding nerves before the big day",
        "what hospital in leeds is the best for muscle problems",
        "is it impolite to twitch your ears at a teacher",
    ],
)
def test_a_near_miss_sharing_a_word_is_declined(question: str) -> None:
    assert ANSWERER.reply(question, "en-GB").kind is ReplyKind.DECLINE


def test_calming_one_s_nerves_is_still_the_stress_practice() -> None:
    assert _topic("how do i settle my nerves so my muscles stop jumping") == "stress_practice"


# --- emergencies said with two verbs ------------------------------------------------------


def test_two_losses_at_once_are_an_emergency() -> None:
    reply = ANSWERER.reply("my wife can't move or feel her left leg all of a sudden", "en-GB")
    assert reply.kind is ReplyKind.EMERGENCY


# --- self care that did not help, and signs said fine ------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "six weeks of this flicker without any let up, what should i do",
        "i cut the coffee a month ago and it hasn't got any better, what next",
    ],
)
def test_weeks_without_relief_send_to_a_doctor(question: str) -> None:
    assert "doctor" in _reply(question).speech.lower()


def test_strength_said_fine_is_weakness_absent() -> None:
    reading = MATCHER.vocabulary.reading("i can lift fine and climb stairs fine, my arm twitches")
    assert "weak" in reading.absent and "weak" not in reading.tokens


def test_signs_said_absent_match_the_calm_answers() -> None:
    reply = _reply("no numbness and nothing spreading, just this flicker in my thigh, worry?")
    assert reply.topic is not None and reply.topic.stance("worry") == "no"


def test_the_benign_one_is_bfs() -> None:
    assert _topic("which condition is the benign one again") == "bfs"


@pytest.mark.parametrize(
    ("question", "ruled_out"),
    [
        ("i already drink two litres of water a day, what else", "hydrate"),
        ("i already do yoga every morning, any other way to calm down", "yoga"),
    ],
)
def test_self_care_already_in_place_is_ruled_out(question: str, ruled_out: str) -> None:
    assert ruled_out in MATCHER.vocabulary.reading(question).excluded


def test_a_bare_what_now_asks_about_the_clause_before() -> None:
    story = "forget the odd flicker now and then, this one has been in my calf for weeks, what now"
    assert "doctor" in _reply(story).speech.lower()
