"""Classes the eleventh understanding batch found misread, each with new sentences: a
diary question that reaches a question intent, a month said with "so far", a contracted
"where've", clearing the whole lot, a figure of speech about choking, a limb gone dead from
how one sat, an amount that measures what comes after it ("hours of digging"), a clock
time said with "last night", a clause that opens with "my", intensifiers inside a known
value, and causes outside the article's seven (gardening, carrying the shopping). On an
Echo (POST /alexa, envelopes filled the way the generated model fills them) and in
`twitch-diary chat` (the local matcher and the skill).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from devkit import envelopes as env
from devkit.chat.matcher import ModelMatcher
from devkit.chat.slot_values import duration
from devkit.envelopes import TestClock
from devkit.fake_settings_api import FakeSettingsApi
from skill import intents
from skill.episodes.model import is_part_of
from skill.episodes.store import Store
from skill.episodes.trigger_concepts import concepts_in
from skill.episodes.wording import span_words
from skill.faq.emergency import detect
from skill.handlers.diary_question import DiaryQuestion, as_intent, read_diary_question
from skill.intents import LOCALES, load_model
from tests.chat_session import chat
from tests.model_values import value_id
from tests.understanding_helpers import add_entry, alarmed, diary_of, slots_heard

EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # Tuesday, 20:00 in London
TODAY = date(2026, 11, 24)
OPEN = "open muscle twitch diary"


# --- a diary question in a question intent's words ------------------------------------------


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("where on my arms do i get twitches most", DiaryQuestion(intents.TWITCH_PATTERNS)),
        (
            "what has been bringing on my twitches this month",
            DiaryQuestion(intents.TWITCH_PATTERNS, period="this_month"),
        ),
        (
            "how often have i twitched since saturday",
            DiaryQuestion(intents.COUNT_TWITCHES, since="saturday"),
        ),
        (
            "how many twitches did i have in october",
            DiaryQuestion(intents.COUNT_TWITCHES, month=10),
        ),
        (
            "could you go through what i've logged this week",
            DiaryQuestion(intents.READ_ENTRIES, period="this_week"),
        ),
        ("when was my last twitch", DiaryQuestion(intents.LAST_TWITCH)),
        ("can you wipe all of my entries", DiaryQuestion(intents.DELETE_ALL_DATA)),
        ("get rid of the last one i logged", DiaryQuestion(intents.DELETE_LAST_ENTRY)),
    ],
)
def test_a_question_about_the_diary_is_read_as_the_diary_intent(
    question: str, asked: DiaryQuestion
) -> None:
    assert read_diary_question(question, "en-GB") == asked


@pytest.mark.parametrize(
    "question",
    [
        "why do i twitch so much at night",  # why: causes in general
        "what could be causing my twitches",  # possible causes: the FAQ's
        "how often do eyelid twitches happen",  # nobody's diary
        "how many cups of coffee can i have",
        "where do i get magnesium from",
        "what triggers muscle twitches",
        "i read that stress causes twitching, is that true",
    ],
)
def test_a_question_about_twitching_in_general_is_left_to_the_faq(question: str) -> None:
    assert read_diary_question(question, "en-GB") is None


def test_a_diary_question_that_reached_a_question_intent_is_answered_from_the_diary(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    add_entry(store, datetime(2026, 11, 23, 9, tzinfo=UTC), "calf")
    add_entry(store, datetime(2026, 11, 24, 9, tzinfo=UTC), "calf")
    add_entry(store, datetime(2026, 10, 2, 9, tzinfo=UTC), "thumb")
    # AskHowIntent's carrier is "how": the question's words follow it.
    slots = {"question": "many twitches have i had since monday"}
    body = env.intent("AskHowIntent", EVENING, slots, api_endpoint=settings_api.url)
    text, _ = env.ask(client, body)
    assert "2 twitches" in text and "November 23" in text


def test_where_most_said_to_a_carrier_intent_gets_the_diarys_patterns(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    for day in (20, 21, 22):
        add_entry(store, datetime(2026, 11, day, 9, tzinfo=UTC), "eyelid")
    slots = {"question": "on my body do i twitch the most"}
    body = env.intent("AskWhereIntent", EVENING, slots, api_endpoint=settings_api.url)
    text, _ = env.ask(client, body)
    assert "eyelid" in text.lower() and "3" in text


def test_a_general_where_question_still_gets_the_faq_answer(
    client: FlaskClient, settings_api: FakeSettingsApi
) -> None:
    slots = {"question": "do muscle twitches usually happen"}
    body = env.intent("AskWhereIntent", EVENING, slots, api_endpoint=settings_api.url)
    text, _ = env.ask(client, body)
    assert "logged" not in text and "entries" not in text


# --- periods, contractions, clearing everything -------------------------------------------------


def test_a_month_said_with_so_far_is_that_month(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    add_entry(store, datetime(2026, 11, 3, 9, tzinfo=UTC), "calf")
    add_entry(store, datetime(2026, 10, 3, 9, tzinfo=UTC), "calf")
    slots = {
        "date": "2026-11",
        "period": env.resolved_slot("period", "so far", "all_time", "PERIOD"),
    }
    body = env.intent("CountTwitchesIntent", EVENING, slots, api_endpoint=settings_api.url)
    text, _ = env.ask(client, body)
    assert "1 twitch " in text and "since November 1" in text


def test_a_span_running_past_today_is_said_as_since_its_start() -> None:
    assert span_words(date(2026, 11, 1), date(2026, 11, 30), TODAY) == "since November 1"
    past = span_words(date(2026, 10, 1), date(2026, 10, 31), TODAY)
    assert past == "from October 1 to October 31"


@pytest.mark.parametrize("locale", LOCALES)
def test_contracted_where_have_and_clearing_the_lot(locale: str) -> None:
    matcher = ModelMatcher(load_model(locale))
    assert matcher.understand("where've i been twitching most", TODAY).intent == (
        "TwitchPatternsIntent"
    )
    assert matcher.understand("please get rid of the whole lot", TODAY).intent == (
        "DeleteAllDataIntent"
    )


# --- emergencies and what only sounds like one -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my thesis is choking the life out of me",
        "these kids are sucking the life out of me",
    ],
)
def test_a_life_choked_out_of_someone_is_a_figure_of_speech(text: str) -> None:
    assert detect(text) is None


def test_a_limb_gone_dead_from_how_one_sat_is_calm_and_a_sudden_one_is_not(
    app: Flask, clock: TestClock, settings_api: FakeSettingsApi
) -> None:
    calm = chat(
        app, clock, settings_api.url,
        [OPEN, "my leg has gone dead from kneeling on the kitchen floor"], now=EVENING,
    )  # fmt: skip
    assert not alarmed(calm)
    urgent = chat(
        app, clock, settings_api.url,
        [OPEN, "my arm has gone dead all of a sudden and i can't lift it"], now=EVENING,
    )  # fmt: skip
    assert alarmed(urgent)


# --- amounts, times and clauses --------------------------------------------------------------


def test_an_amount_followed_by_of_measures_what_comes_after(gb: ModelMatcher) -> None:
    _, heard = slots_heard(
        gb, "my left wrist twitched for ten seconds after three hours of digging"
    )
    assert heard["duration"] == "PT10S"
    _, heard = slots_heard(gb, "my knee jumped after two hours of sitting")
    assert "duration" not in heard
    _, heard = slots_heard(gb, "my calf gave me a minute of twitching")
    assert heard["duration"] == "PT1M"


def test_a_clock_time_said_with_last_night_is_yesterday(gb: ModelMatcher) -> None:
    _, heard = slots_heard(gb, "at a quarter to eleven last night my thigh twitched")
    assert heard["time"] == "22:45" and heard["date"] == "2026-11-23"
    _, heard = slots_heard(gb, "at three last night my thigh twitched")  # the small hours: today
    assert "date" not in heard


def test_a_clause_opened_by_my_is_read_for_a_trigger(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    chat(
        app, clock, settings_api.url,
        [OPEN, "my jaw keeps twitching, my essay deadline is on friday", "skip", "skip", "no"],
        now=EVENING,
    )  # fmt: skip
    (episode,) = diary_of(store)
    assert episode.location == "jaw" and "stress" in episode.triggers


def test_an_intensifier_inside_a_known_value_is_still_that_value(gb: ModelMatcher) -> None:
    _, heard = slots_heard(gb, "my eyebrow twitched after a bloody bad night")
    assert any("bad night" in value for value in heard["triggers"])


# --- causes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("spoken", ["gardening", "carrying the shopping", "the groceries"])
def test_everyday_effort_is_a_cause_of_its_own(locale: str, spoken: str) -> None:
    assert value_id(locale, "TRIGGER", spoken) == "other"


@pytest.mark.parametrize(
    ("words", "concepts"),
    [
        ("a parkrun", ["exercise"]),
        ("a ten k this morning", ["exercise"]),
        ("way too much pop", ["caffeine"]),
        ("work's been full on", ["stress"]),
        ("weeding the garden", []),
        ("carrying the washing upstairs", []),
        ("carrying boxes all day", ["exercise"]),
    ],
)
def test_everyday_words_name_their_concept(words: str, concepts: list[str]) -> None:
    assert concepts_in(words) == concepts


# --- a place said again, more finely ----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("my right leg is twitching, the shin mostly", "shin"),
        ("my left hand was jumping for ten seconds, the thumb mostly", "thumb"),
        ("my back keeps twitching, lower back, since lunch", "lower back"),
        ("tricep twitch, left arm, about a minute", "tricep"),
    ],
)
def test_a_place_said_again_more_finely_is_the_finer_one(
    gb: ModelMatcher, line: str, place: str
) -> None:
    assert slots_heard(gb, line)[1]["location"] == place


def test_a_place_inside_a_cause_or_beside_another_is_no_refinement(gb: ModelMatcher) -> None:
    assert slots_heard(gb, "my arm twitched after a hand workout")[1]["location"] == "arm"
    # Neither lies within the other: the place the sentence is about stays.
    assert slots_heard(gb, "my calf twitched and my wrist too")[1]["location"] == "calf"


def test_part_of_is_transitive_and_never_reflexive() -> None:
    assert is_part_of("sole", "leg") and is_part_of("bicep", "arm")
    assert not is_part_of("leg", "sole") and not is_part_of("calf", "calf")


# --- how long: a guess said as "or two", and the amount of a doing ----------------------------


@pytest.mark.parametrize(
    ("spoken", "iso"),
    [("a minute or two", "PT2M"), ("an hour or two", "PT2H"), ("five seconds or so", "PT5S")],
)
def test_a_guess_said_with_or_is_its_upper_end(spoken: str, iso: str) -> None:
    assert duration(spoken) == iso


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        # The amount after a cause's doing, without "for", is the twitch's ...
        ("my shin twitched after netball practice, a second or two", "PT2S"),
        ("my hip jumped after cycling, ten seconds", "PT10S"),
        # ... "about" opens the twitch's own length after a doing and its object ...
        ("my wrist spasmed lifting the kettle, about five seconds", "PT5S"),
        # ... and a doing a few words back measures an amount said after it.
        ("sitting on the floor for like six hours and now my neck keeps flickering", None),
        ("i slept really badly last night, only two hours, my eyelid is going", None),
    ],
)
def test_an_amount_is_the_twitchs_or_a_doings(gb: ModelMatcher, line: str, iso: str | None) -> None:
    assert slots_heard(gb, line)[1].get("duration") == iso
    assert "time" not in slots_heard(gb, line)[1]  # "or two" is no clock time either


# --- after the twelfth batch -------------------------------------------------------------------


def test_a_story_told_after_when_it_was_is_logged_and_its_side_is_the_one_said(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    chat(
        app, clock, settings_api.url,
        [OPEN, "yesterday evening around eight my right eyebrow kept jumping for two minutes,"
               " is that normal", "skip", "skip", "skip", "no"],
        now=EVENING,
    )  # fmt: skip
    (episode,) = diary_of(store)
    # "two minutes" is a plural, but not of the place: one eyebrow, the right one.
    assert (episode.location, episode.side) == ("eyebrow", "right")


def test_a_place_said_in_the_plural_in_a_story_is_both_sides(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    chat(
        app, clock, settings_api.url,
        [OPEN, "my thighs have been flickering since the weekend, should i worry",
         "skip", "skip", "skip", "no"],
        now=EVENING,
    )  # fmt: skip
    (episode,) = diary_of(store)
    assert (episode.location, episode.side) == ("thigh", "both")


def test_asking_which_signs_to_watch_for_is_calm_and_not_waking_is_urgent() -> None:
    question = "is a drooping face something to look out for with twitching"
    assert detect(question, asking=True) is None
    assert detect("are trouble swallowing and twitches a warning sign", asking=True) is None
    assert detect("i can't wake my grandad") is not None


def test_a_bare_no_before_the_place_said_again_corrects_it(gb: ModelMatcher) -> None:
    assert slots_heard(gb, "my right wrist, no, my right forearm, jumped a bit")[1]["location"] == (
        "forearm"
    )


def test_them_with_a_period_of_the_diary_is_a_diary_question() -> None:
    asked = read_diary_question("what set them off in october", "en-GB")
    assert asked == DiaryQuestion(intents.TWITCH_PATTERNS, month=10)
    assert read_diary_question("what sets them off", "en-GB") is None  # the FAQ's


@pytest.mark.parametrize(
    ("words", "concepts"),
    [("work was absolutely mental", ["stress"]), ("a hiit class", ["exercise"])],
)
def test_more_everyday_words_name_their_concept(words: str, concepts: list[str]) -> None:
    assert concepts_in(words) == concepts


@pytest.mark.parametrize("locale", LOCALES)
def test_coffees_in_the_plural_are_caffeine(locale: str) -> None:
    assert value_id(locale, "TRIGGER", "lattes") == "caffeine"


def test_a_skipped_trigger_is_denied(gb: ModelMatcher) -> None:
    assert concepts_in("skipped the gym") == [] and concepts_in("skipped tea") == []
    # The matcher keeps the denial with the value, so the skill reads it denied.
    _, slots = slots_heard(gb, "i skipped tea this morning and my calf is twitching")
    assert all("tea" not in value or "skipped" in value for value in slots["triggers"])


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("spoken", ["hangover", "cold out", "on my phone"])
def test_more_causes_of_their_own(locale: str, spoken: str) -> None:
    assert value_id(locale, "TRIGGER", spoken) == "other"


def test_a_diary_questions_dates_are_the_users_own() -> None:
    # Said on Tuesday 2026-11-24: December is last year's, Saturday the 21st.
    december = as_intent(DiaryQuestion(intents.COUNT_TWITCHES, month=12), TODAY)
    assert december.slots["date"].value == "2025-12"
    saturday = as_intent(DiaryQuestion(intents.COUNT_TWITCHES, since="saturday"), TODAY)
    assert saturday.slots["since"].value == "2026-11-21"
    tuesday = as_intent(DiaryQuestion(intents.COUNT_TWITCHES, since="tuesday"), TODAY)
    assert tuesday.slots["since"].value == "2026-11-17"  # today's weekday: a week ago
