"""Questions as people put them, by class (issue 16, eighth pass): stories that ask late or
check a claim, what a person rules out, follow-ups that ask something new, triage as the
article has it (worsening speech, two checklist points), near misses that share a word,
yes/no questions about an amount, the journal, and the speed work (same readings, faster).

Every sentence here is our own, written for the mechanism it tests, not taken from any
evaluation set (bench/data/*.json, tests/data/faq_heldout.json).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from skill.faq import amounts
from skill.faq.answerer import ReplyKind, default_answerer
from skill.faq.emergency import detect
from skill.faq.evaluation import is_decline, opener_of
from skill.faq.knowledge import load_topics
from skill.faq.matcher import default_matcher
from skill.faq.text import clean

ANSWERER = default_answerer()
MATCHER = default_matcher()


def _reply(question: str, context: str | None = None):
    reply = ANSWERER.reply(question, "en-US", context=context)
    assert reply.kind is ReplyKind.ANSWER, (question, reply.speech)
    return reply


def _topic(question: str, context: str | None = None) -> str:
    reply = _reply(question, context)
    assert reply.topic is not None
    return reply.topic.id


# --- stories ---------------------------------------------------------------------------------


def test_a_long_story_about_a_twitch_is_answered_not_declined() -> None:
    story = (
        "right so this month I've been up at five for the bakery, running on espresso and"
        " about four hours a night, and since Monday my thigh does this tiny flicker when I"
        " rest, should I be concerned about that"
    )
    reply = _reply(story)
    assert opener_of(reply.speech) == "no"
    assert "harmless" in reply.speech.lower()


def test_a_claim_checked_is_the_claim_reported_earlier_in_the_story() -> None:
    story = (
        "my cousin keeps telling me twitching means MS, and now I'm losing sleep over my"
        " fluttering forearm which started last Tuesday, is my cousin right"
    )
    assert _topic(story) == "multiple_sclerosis"


def test_shifts_back_to_back_name_no_back() -> None:
    tokens = MATCHER.vocabulary.reading("I work three night shifts back to back").tokens
    assert "bodypart" not in tokens
    assert "fatigue" in tokens


# --- what a person rules out ------------------------------------------------------------------


def test_i_dont_think_its_a_cause_rules_it_out() -> None:
    reading = MATCHER.vocabulary.reading("I don't think it's caffeine, I barely drink any")
    assert "caffeine" in reading.excluded


def test_not_just_the_eyelid_but_the_cheek_is_spreading_in_the_face() -> None:
    reply = _reply("it's not only my eyelid now, my upper lip is flickering too, what now")
    assert reply.topic is not None and reply.topic.id == "eyelid_duration"
    assert "eye doctor" in reply.speech


def test_not_on_any_medication_is_no_question_about_a_dose() -> None:
    reply = ANSWERER.reply(
        "I'm not on any pills at all, so why does my calf twitch every evening", "en-US"
    )
    assert reply.kind is ReplyKind.ANSWER


def test_another_cause_named_after_ruling_one_out_is_what_is_asked() -> None:
    question = "I gave up coffee ages ago but I use a decongestant spray daily, could that do it"
    assert _topic(question) == "stimulant_medicines"


def test_ruled_out_cause_with_the_twitch_still_going_for_weeks_asks_what_next() -> None:
    question = "stopped drinking tea a month ago and my eyelid is still going, so what now"
    assert _topic(question) == "eyelid_duration"


# --- follow-ups ------------------------------------------------------------------------------


def test_a_longer_follow_up_that_opens_like_one_leans_on_the_answer_before() -> None:
    question = "and what if it moves over to my left arm and then my other calf as well"
    assert _topic(question, "twitch_locations") == "red_flag_spreading"


def test_the_most_common_of_a_list_is_asked_of_that_list() -> None:
    assert _topic("ok and which is the most common of them", "common_causes") == "common_causes"


def test_a_new_sign_after_a_list_of_signs_gets_its_own_answer() -> None:
    assert _topic("and what if my fingers go numb as well", "red_flags") == "numbness_tingling"


def test_a_kind_asked_for_gets_the_answer_naming_them() -> None:
    question = "what kind of conditions do you mean"
    assert _topic(question, "red_flag_spreading") == "serious_conditions"


def test_still_going_past_the_weeks_after_self_care_sends_to_a_doctor() -> None:
    reply = _reply("and if it carries on for over three weeks", "self_care_steps")
    assert "doctor" in reply.speech.lower()


def test_a_pointing_follow_up_still_asks_about_the_topic_before() -> None:
    assert _topic("does it cause weakness", "bfs") == "bfs"


# --- triage as the article has it --------------------------------------------------------------


def test_speech_worse_over_weeks_with_what_should_i_do_is_the_neurologist() -> None:
    question = (
        "for a couple of months my words have been coming out slurred more and more and my"
        " tongue flickers, what should I do"
    )
    reply = _reply(question)
    assert reply.topic is not None and reply.topic.id == "worsening_over_weeks"


def test_speech_said_to_be_fine_is_no_warning_sign() -> None:
    reply = _reply("my speech is perfectly normal and my tongue twitches now and then")
    assert reply.topic is not None and reply.topic.id != "worsening_over_weeks"


@pytest.mark.parametrize(
    "question",
    [
        "my calf has twitched for five weeks and my mother had ALS, should I see a neurologist",
        "my grip is getting weaker and my forearm twitches all over, do I need a neurologist",
    ],
)
def test_two_checklist_points_and_should_i_go_is_answered_yes(question: str) -> None:
    assert opener_of(_reply(question).speech) == "yes"


def test_one_checklist_point_alone_is_not_a_plain_yes() -> None:
    reply = _reply("my uncle had ALS, should I see a neurologist about my twitchy eyelid")
    assert opener_of(reply.speech) != "yes"


def test_a_condition_worried_about_is_answered_about_that_condition() -> None:
    question = (
        "my back has twitched for ages and I'm terrified it's ALS, though there's no weakness"
        " at all, what should I do"
    )
    assert _topic(question) == "als"


# --- near misses declined ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "play some relaxing music by Enya",
        "who starred as the surgeon in that hospital drama",
        "what does the idiom nerves of steel mean",
        "how do I make a good cappuccino with a moka pot",
        "what helps with reflux after a curry",
        "is twitch down right now",
    ],
)
def test_near_misses_that_share_a_word_are_declined(question: str) -> None:
    assert is_decline(ANSWERER.reply(question, "en-US").speech)


def test_a_seizure_said_as_fitting_is_an_emergency() -> None:
    assert detect("a woman is fitting on the bus and she won't stop shaking") is not None
    assert detect("does this jacket look fitting") is None


# --- yes/no about an amount --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "topic", "opener"),
    [
        ("is five hours of sleep enough", "sleep_hours", "no"),
        ("are eight hours of sleep enough for me", "sleep_hours", "yes"),
        ("is half a litre of water a day enough", "water_intake", "no"),
        ("is four litres of water too much", "water_intake", "depends"),
        ("is two minutes of deep breathing enough", "stress_practice", "no"),
        ("is three cups of coffee a day too much", "caffeine_cause", "depends"),
    ],
)
def test_an_amount_is_weighed_against_the_articles_figure(
    question: str, topic: str, opener: str
) -> None:
    reply = _reply(question)
    assert reply.topic is not None and reply.topic.id == topic
    assert opener_of(reply.speech) == opener


def test_figures_are_weighed_in_their_own_units() -> None:
    sleep = amounts.Figure("hours", 7, 9)
    assert amounts.stance("is seven hours enough", sleep) == "yes"
    assert amounts.stance("is six hours too little", sleep) == "yes"
    assert amounts.stance("is six minutes enough", sleep) is None  # another unit
    assert amounts.stance("how many hours should I sleep", sleep) is None  # weighs nothing


def test_every_figure_is_one_the_topics_facts_state() -> None:
    figures = [t for t in load_topics() if t.figure is not None]
    assert {t.id for t in figures} >= {"sleep_hours", "water_intake", "stress_practice"}


# --- the journal and self care for one cause ---------------------------------------------------


@pytest.mark.parametrize(
    "question", ["what do I jot down", "what should we record each time it happens"]
)
def test_what_to_write_down_is_the_journal(question: str) -> None:
    assert _topic(question) == "twitch_journal"


def test_what_to_write_in_something_else_is_declined() -> None:
    assert is_decline(ANSWERER.reply("what should I write in a birthday card", "en-US").speech)


def test_one_cause_and_what_should_i_do_gets_that_causes_self_care() -> None:
    question = "work has me so anxious lately and my jaw keeps flickering, what can I do"
    assert _topic(question) == "stress_practice"


def test_what_to_do_after_a_cause_was_answered_is_its_self_care() -> None:
    assert _topic("so what should I do about it", "sleep_cause") == "sleep_hours"


# --- speed: the same readings, fewer passes ------------------------------------------------------


def _texts() -> list[str]:
    texts = [q for topic in MATCHER.topics for q in topic.questions]
    texts += [t.answer for t in MATCHER.topics]
    texts += ["not just my eyelid any more, my cheek as well", "so what about shifts back to back"]
    return texts


def test_phrases_in_runs_read_every_text_as_the_plain_loop_does() -> None:
    vocabulary = MATCHER.vocabulary
    plain = replace(vocabulary, phrase_runs=())
    for text in _texts():
        cleaned = clean(text)
        assert vocabulary._rewrite(cleaned) == plain._rewrite(cleaned), text


def test_the_speller_does_not_join_a_word_with_a_short_function_word() -> None:
    speller = MATCHER.vocabulary.speller
    assert speller is not None
    assert speller.text("what is the right amount of sleep") == "what is the right amount of sleep"


def test_a_choice_listed_before_or_something_else_is_no_yes_no_question() -> None:
    question = (
        "I've had late nights all month, lots of cola, and a big exam coming up, and my eyelid"
        " won't settle, is it the late nights, the cola, or something else"
    )
    reply = _reply(question)
    assert opener_of(reply.speech) is None
    assert "caffeine" in reply.speech.lower() or "sleep" in reply.speech.lower()


@pytest.mark.parametrize(
    ("question", "opener"),
    [
        ("could muscle twitching be a symptom of a thyroid problem", "yes"),
        ("might twitches be a sign of lyme", "yes"),
        ("could my twitch be an early sign of ALS", "depends"),
    ],
)
def test_whether_twitching_can_be_a_sign_is_answered_as_the_answer_says(
    question: str, opener: str
) -> None:
    assert opener_of(_reply(question).speech) == opener


def test_those_linked_at_the_end_of_a_story_links_the_condition_it_named() -> None:
    story = (
        "we were camping in the woods in June and I got bitten by a tick on the last night,"
        " and lately my shoulders flicker and I feel run down, could those be connected"
    )
    assert _topic(story) == "lyme"


def test_a_possibility_checked_is_the_claim_reported_before_it() -> None:
    story = (
        "my brother eats no meat at all and his hands tingle and his calves twitch, a friend"
        " said it might be low vitamin B12, is that possible"
    )
    assert _topic(story) == "b12"


@pytest.mark.parametrize(
    "question", ["does the average twitch need any treatment", "do twitches have to be treated"]
)
def test_whether_twitches_need_treatment_opens_with_what_the_answer_says(question: str) -> None:
    reply = _reply(question)
    assert opener_of(reply.speech) == "no"
    assert "own" in reply.speech or "without treatment" in reply.speech


def test_how_to_reduce_the_one_cause_named_is_its_self_care() -> None:
    question = (
        "my new job has me under so much pressure and my cheek has flickered since Friday,"
        " please tell me how to bring the stress down"
    )
    assert _topic(question) == "stress_practice"


def test_how_long_until_a_difference_is_the_time_self_care_takes() -> None:
    question = (
        "I've been doing all the steps for a fortnight, earlier nights and less cola, how long"
        " does it normally take to notice a difference"
    )
    assert _topic(question) == "improvement_time"


def test_what_one_is_meant_to_write_is_the_journal() -> None:
    assert _topic("my GP wants notes on my twitches, what am I meant to write") == "twitch_journal"


def test_a_long_word_heard_in_three_pieces_is_read_as_one() -> None:
    speller = MATCHER.vocabulary.speller
    assert speller is not None
    assert "electromyography" in speller.text("they want an electro myo graphy next week")
    assert speller.text("we ran to the gym") == "we ran to the gym"
    assert _topic("what does an electro myo graphy show") == "emg"


def test_doctor_google_is_no_named_doctor() -> None:
    reply = _reply("my shin has twitched for weeks and Dr Google has me convinced it's MND")
    assert reply.topic is not None and reply.topic.id == "als"


def test_whether_the_time_of_day_matters_is_the_journal_of_patterns() -> None:
    reply = _reply("my calf goes mostly in the evening vs in the morning, does the timing matter")
    assert reply.topic is not None and reply.topic.id == "twitch_journal"
    assert is_decline(ANSWERER.reply("what is the best time for a coffee", "en-US").speech)
