"""Classes the thirteenth understanding batch found misread, each with new sentences: the
last twitch within a period, "what i logged" with a period, a long question opened by its
carrier, a new word after a cause's carrier, a clause about work, seconds that measure
the twitch and not a doing, a time said in a later clause of its own, "whole body's", a
tag "right?", causes in a story told with a question (and a worry asked about is no
cause), and a pickup game that is no guitar part. On an Echo (POST /alexa, envelopes
filled the way the generated model fills them) and in `twitch-diary chat` (the local
matcher and the skill).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from devkit import diary_envelopes as d
from devkit import envelopes as env
from devkit.chat.matcher import ModelMatcher
from devkit.envelopes import TestClock
from devkit.fake_settings_api import FakeSettingsApi
from skill import intents
from skill.episodes.store import Store
from skill.episodes.trigger_concepts import concepts_in
from skill.faq.answerer import ReplyKind, default_answerer
from skill.handlers.diary_question import read_diary_question
from skill.intents import LOCALES, load_model
from tests.chat_session import chat
from tests.conftest import NOW
from tests.understanding_helpers import TODAY, add_entry, alarmed, diary_of, slots_heard

EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # Tuesday, 20:00 in London
OPEN = "open muscle twitch diary"


def _resolved(found_slot: dict) -> str:
    return found_slot["resolutions"]["resolutionsPerAuthority"][0]["values"][0]["value"]["id"]


# --- the last twitch within a period -----------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locales_model_hears_the_last_twitch_within_a_period(locale: str) -> None:
    found = ModelMatcher(load_model(locale)).understand(
        "what was the latest entry this month", TODAY
    )
    assert found.intent == "LastTwitchIntent"
    assert _resolved(found.slots["period"]) == "this_month"


def test_the_last_twitch_within_a_period_is_the_latest_of_that_period(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    add_entry(store, datetime(2026, 11, 17, 9, tzinfo=UTC), "calf")  # last week
    add_entry(store, datetime(2026, 11, 24, 9, tzinfo=UTC), "thumb")  # this week
    slots = {"period": d.period("last week", "last_week")}
    text, _ = env.ask(
        client, env.intent("LastTwitchIntent", NOW, slots, api_endpoint=settings_api.url)
    )
    assert "last week" in text and "calf" in text and "thumb" not in text


def test_no_twitch_within_the_period_says_so(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    add_entry(store, datetime(2026, 11, 2, 9, tzinfo=UTC), "calf")
    slots = {"period": d.period("this week", "this_week")}
    text, _ = env.ask(
        client, env.intent("LastTwitchIntent", NOW, slots, api_endpoint=settings_api.url)
    )
    assert "no twitches logged this week" in text


def test_in_chat_what_i_put_in_with_a_period_reads_that_period(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    add_entry(store, datetime(2026, 11, 24, 9, tzinfo=UTC), "shoulder")
    add_entry(store, datetime(2026, 11, 2, 9, tzinfo=UTC), "calf")
    transcript = chat(
        app, clock, settings_api.url, [OPEN, "tell me what i put in this week"], now=EVENING
    )
    assert "shoulder" in transcript and "calf" not in transcript


def test_a_long_question_opened_by_its_carrier_keeps_its_last_words(gb: ModelMatcher) -> None:
    line = "where do the bulk of my twitches tend to show up this month"
    intent, heard = slots_heard(gb, line)
    assert intent == "AskWhereIntent" and heard["question"].endswith("this month")
    # After a lead-in, a long line is not taken whole as a question.
    intent, _ = slots_heard(gb, "um my elbow's doing that jumpy thing again, i had a long shift")
    assert intent == "LogTwitchIntent"


# --- causes ---------------------------------------------------------------------------------------


def test_a_new_word_after_a_causes_carrier_is_the_cause(gb: ModelMatcher) -> None:
    intent, heard = slots_heard(gb, "my left shin was twitching for ages after bouldering")
    assert intent == "LogTwitchIntent" and heard["triggers"] == ["bouldering"]
    # "from" may say where from, not why.
    _, heard = slots_heard(gb, "my wrist twitched after lifting the boxes from the van")
    assert all("van" not in t for t in heard.get("triggers", []))


@pytest.mark.parametrize(
    "line",
    ["my eyelid keeps twitching, work has been crazy", "my calf twitched, work was so stressful"],
)
def test_a_clause_about_work_is_stress(gb: ModelMatcher, line: str) -> None:
    _, heard = slots_heard(gb, line)
    assert any("stress" in concepts_in(t) for t in heard["triggers"])


@pytest.mark.parametrize(
    ("words", "concepts"),
    [
        ("a busy week at the office", ["stress"]),
        ("a long week", ["fatigue"]),
        ("should i be worried", []),
        ("is this something to worry about", []),
        ("i'm worried about my exams", ["stress"]),
    ],
)
def test_a_busy_week_and_a_worry_asked_about(words: str, concepts: list[str]) -> None:
    assert concepts_in(words) == concepts


# --- how long and when ---------------------------------------------------------------------


def test_seconds_measure_the_twitch_not_the_doing(gb: ModelMatcher) -> None:
    _, heard = slots_heard(gb, "my thumb twitched while i was knitting, for maybe fifteen seconds")
    assert heard["duration"] == "PT15S"
    # Hours still measure the doing.
    _, heard = slots_heard(gb, "my calf twitched after sitting at my desk for ten hours")
    assert "duration" not in heard


def test_a_time_in_a_later_clause_of_its_own_is_that_clauses(gb: ModelMatcher) -> None:
    _, heard = slots_heard(gb, "my shin twitched for a minute, i hardly slept last night")
    assert "time" not in heard and heard["duration"] == "PT1M"
    # A cause said first with its time still dates the twitch.
    _, heard = slots_heard(gb, "after a run last night my shin was twitching")
    assert heard["time"] == "NI"


def test_whole_body_with_a_hedge_is_widespread_and_a_tag_right_is_no_side(
    gb: ModelMatcher,
) -> None:
    _, heard = slots_heard(gb, "my whole body's kind of twitching")
    assert heard["location"] == "whole body"
    _, heard = slots_heard(gb, "my chin twitched this morning, pretty odd right")
    assert "side" not in heard
    _, heard = slots_heard(gb, "my knee twitched, the right")
    assert heard["side"] == "the right"


# --- a story told with a question ---------------------------------------------------------------


def test_a_story_with_a_question_keeps_the_causes_it_names(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    chat(
        app, clock, settings_api.url,
        [OPEN, "i've had loads of espresso today and my right eyelid keeps fluttering,"
               " should i be worried", "skip", "skip", "skip", "no"],
        now=EVENING,
    )  # fmt: skip
    (episode,) = diary_of(store)
    # The question it ends with ("should i be worried") names no cause.
    assert (episode.location, episode.triggers) == ("eyelid", ("caffeine",))


def test_a_pickup_game_is_no_guitar_part() -> None:
    answerer = default_answerer()
    played = answerer.reply(
        "my knee twitched during a pickup hockey game, is that bad", "en-CA", asking=True
    )
    assert played.kind is ReplyKind.ANSWER
    gear = answerer.reply("do guitar pickups make your fingers twitch", "en-CA", asking=True)
    assert gear.kind is ReplyKind.DECLINE


def test_what_was_being_done_when_it_started_is_a_cause(gb: ModelMatcher) -> None:
    _, heard = slots_heard(gb, "my wrist twitched whilst doing the ironing")
    assert heard["triggers"] == ["doing the ironing"]


@pytest.mark.parametrize("locale", LOCALES)
def test_coming_and_going_for_an_hour_is_since_when_not_how_long(locale: str) -> None:
    matcher = ModelMatcher(load_model(locale))
    _, heard = slots_heard(matcher, "my cheek has been jumping off and on for two hours")
    assert heard.get("ago") == "PT2H" and "duration" not in heard
    _, heard = slots_heard(matcher, "my cheek was jumping for two minutes")
    assert heard.get("duration") == "PT2M" and "ago" not in heard


def test_coming_and_going_on_an_echo_starts_the_entry_then(
    client: FlaskClient, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    clock.now = EVENING
    # Alexa fills "ago" from the samples "(on and off|off and on) for {ago}".
    slots = d.complete_slots(
        location=d.location("cheek", "cheek"), duration=None, time=None, ago="PT2H"
    )
    text, _ = env.ask(client, d.log(EVENING, slots, api=settings_api.url))
    assert text.startswith("Saved: left cheek")
    (episode,) = diary_of(store)
    assert episode.started_at == datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
    assert episode.duration_seconds is None


@pytest.mark.parametrize("locale", LOCALES)
def test_a_filler_before_an_amount_does_not_make_it_since_when(locale: str) -> None:
    # "again" before "{ago} ago" in many samples says nothing about a bare amount.
    _, heard = slots_heard(ModelMatcher(load_model(locale)), "elbow again five minutes")
    assert heard.get("duration") == "PT5M" and "ago" not in heard


@pytest.mark.parametrize("locale", LOCALES)
def test_jerking_is_a_twitch_word(locale: str) -> None:
    intent, heard = slots_heard(
        ModelMatcher(load_model(locale)), "my right thumb has been jerking since lunch"
    )
    assert intent == "LogTwitchIntent" and heard["location"] == "thumb"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_twitching_named_before_its_place_is_logged(locale: str) -> None:
    intent, heard = slots_heard(
        ModelMatcher(load_model(locale)), "it's been fluttering in my left cheek all evening"
    )
    assert intent == "LogTwitchIntent" and heard["location"] == "cheek"


@pytest.mark.parametrize("locale", LOCALES)
def test_what_they_were_doing_before_it_came_is_no_cause(locale: str) -> None:
    _, heard = slots_heard(
        ModelMatcher(load_model(locale)), "i was lying in bed and my right calf started jumping"
    )
    assert heard["location"] == "calf" and "triggers" not in heard


def test_the_side_said_again_with_side_is_no_flank(gb: ModelMatcher) -> None:
    _, heard = slots_heard(gb, "my calf, the right side, jumped for a bit")
    assert heard["location"] == "calf" and heard["side"] in ("right", "the right side")
    # The flank itself is still a place.
    _, heard = slots_heard(gb, "a twitch in my side, the left side")
    assert heard["location"] == "side"


def test_an_hour_back_then_a_place_is_that_place(gb: ModelMatcher) -> None:
    matcher = ModelMatcher(load_model("en-IN"))
    _, heard = slots_heard(matcher, "one hour back my right knee twitched after cricket")
    assert heard["location"] == "knee" and heard["ago"] == "PT1H"


# --- after the development batch dev6 ------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "my mum is smothering me with all her questions",
        "i giggled so much i couldn't catch my breath",
        "my daughter laughed so hard she couldn't breathe, it was adorable",
    ],
)
def test_figures_of_speech_about_breath_are_calm(
    client: FlaskClient, settings_api: FakeSettingsApi, line: str
) -> None:
    # Said as a question's words and as a line read whole: no emergency number.
    body = env.intent("AskQuestionIntent", NOW, {"question": line}, api_endpoint=settings_api.url)
    text, _ = env.ask(client, body)
    assert not alarmed(text, "en-US")


def test_a_line_split_over_slots_is_read_whole_before_one_slot_alarms(
    client: FlaskClient, settings_api: FakeSettingsApi
) -> None:
    # "i coughed and choked on my tea earlier but i'm fine now", heard as a log: the
    # choking in one slot, what says it is over in another.
    slots = {
        "location": d.location("choked on my tea", None),
        "triggers": d.triggers(("tea", "caffeine"), ("but i'm fine now", None)),
    }
    text, _ = env.ask(client, d.log(NOW, slots, api=settings_api.url))
    assert not alarmed(text, "en-US")
    # The same choking said as happening now still alarms.
    slots = {
        "location": d.location("choked on my tea", None),
        "triggers": d.triggers(("and i can't breathe", None)),
    }
    text, _ = env.ask(client, d.log(NOW, slots, api=settings_api.url))
    assert alarmed(text, "en-US")


def test_gone_limp_is_gone_that_way_not_gone_away(client: FlaskClient) -> None:
    from skill.faq.emergency import detect

    assert detect("my leg has been twitching for days and now it has suddenly gone limp")
    assert detect("i was breathless after the stairs but now it's gone") is None


def test_the_period_said_with_so_far_is_that_period(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    add_entry(store, datetime(2026, 11, 3, 9, tzinfo=UTC), "calf")
    add_entry(store, datetime(2026, 10, 30, 9, tzinfo=UTC), "calf")
    slots = {"period": d.period("so far this month", None)}  # Alexa matched no value
    text, _ = env.ask(
        client, env.intent("CountTwitchesIntent", NOW, slots, api_endpoint=settings_api.url)
    )
    assert "1 twitch" in text and "this month" in text


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("what has been setting mine off lately", intents.TWITCH_PATTERNS),
        ("what were my twitches like this week", intents.TWITCH_PATTERNS),
    ],
)
def test_mine_and_what_they_were_like_ask_the_diary(question: str, kind: str) -> None:
    asked = read_diary_question(question, "en-GB")
    assert asked is not None and asked.intent == kind


@pytest.mark.parametrize("locale", LOCALES)
def test_causes_of_my_twitches_and_clearing_all_entries(locale: str) -> None:
    matcher = ModelMatcher(load_model(locale))
    assert slots_heard(matcher, "what has been triggering my twitching most")[0] == (
        "TwitchPatternsIntent"
    )
    assert slots_heard(matcher, "clear all the records, i'd like to start fresh")[0] == (
        "DeleteAllDataIntent"
    )


def test_a_correction_with_hang_on_and_the_right_one(gb: ModelMatcher) -> None:
    _, heard = slots_heard(gb, "my wrist, no hold on, it's my thumb, twitched")
    assert heard["location"] == "thumb"
    _, heard = slots_heard(gb, "my left knee, no wait, the right one, jumped")
    assert heard["location"] == "knee" and "right" in heard["side"]


def test_a_later_clause_without_its_subject_keeps_its_own_time(gb: ModelMatcher) -> None:
    _, heard = slots_heard(gb, "my thumb jumped for ten seconds, hardly slept last night")
    assert "time" not in heard


def test_a_worry_asked_about_is_no_cause_to_the_matcher(gb: ModelMatcher) -> None:
    _, heard = slots_heard(gb, "my neck keeps twitching, is it anything to worry about")
    assert not any("worr" in t for t in heard.get("triggers", []))


@pytest.mark.parametrize("words", ["mowing the lawn", "walking the dog", "shovelling snow"])
def test_chores_are_causes_of_their_own(words: str) -> None:
    assert concepts_in(words) == []


def test_what_they_ate_is_a_cause(gb: ModelMatcher) -> None:
    _, heard = slots_heard(gb, "my stomach has been jumping, i ate a huge curry")
    assert heard["triggers"] == ["a huge curry"]


# --- after fresh14 (development data since its one scoring) ---------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "we nearly choked laughing at the comedy show",
        "i collapsed onto the sofa after a double shift",
        "my toes went numb from the cold on the walk but warmed back up",
    ],
)
def test_look_alikes_of_choking_collapse_and_numbness_are_calm(
    client: FlaskClient, settings_api: FakeSettingsApi, line: str
) -> None:
    body = env.intent("UrgentSymptomIntent", NOW, {"symptom": line}, api_endpoint=settings_api.url)
    text, _ = env.ask(client, body)
    assert not alarmed(text, "en-US")


def test_about_to_faint_now_is_urgent_and_from_boredom_is_not() -> None:
    from skill.faq.emergency import detect

    assert detect("my legs are shaking and i feel like i'm going to faint")
    assert detect("i'm going to pass out from boredom at this lecture") is None


@pytest.mark.parametrize("locale", LOCALES)
def test_whether_one_was_ever_logged_is_a_count_of_all_time(locale: str) -> None:
    intent, heard = slots_heard(
        ModelMatcher(load_model(locale)), "have i ever logged a twitch in my left knee"
    )
    assert intent == "CountTwitchesIntent" and heard["period"] == "ever"


def test_a_full_minute_and_curls(gb: ModelMatcher) -> None:
    _, heard = slots_heard(gb, "my pinky flickered for a full minute")
    assert heard["duration"] == "PT1M"
    assert concepts_in("hammer curls") == ["exercise"]


def test_a_count_of_one_place_asked_in_a_question_intents_words(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    add_entry(store, datetime(2026, 11, 20, 9, tzinfo=UTC), "thumb")
    add_entry(store, datetime(2026, 11, 21, 9, tzinfo=UTC), "calf")
    slots = {"question": "often has my right thumb twitched this month"}
    text, _ = env.ask(client, env.intent("AskHowIntent", NOW, slots, api_endpoint=settings_api.url))
    assert "1 twitch in your thumb" in text
    # Asked of twitching now and in general, it stays a question about the diary's patterns.
    asked = read_diary_question("how often does my eye twitch when i'm stressed", "en-GB")
    assert asked is not None and asked.place is None
