"""The not-medical-advice notice on first contact of any kind: launch, a one-shot question
or a one-shot log; once per user; never before emergency advice."""

from __future__ import annotations

from flask.testing import FlaskClient

from devkit import diary_envelopes as d
from devkit import envelopes as env
from devkit.fake_settings_api import FakeSettingsApi
from skill import speech
from tests.conftest import NOW


def _question(words: str, **options: object) -> dict:
    slot = env.resolved_slot("question", words, None, "AMAZON.SearchQuery")
    return env.intent("AskQuestionIntent", NOW, {"question": slot}, **options)


def _noticed(text: str) -> bool:
    """The reply opens with the notice, in full or brief (when the answer is long)."""
    return text.startswith((speech.NOTICE, speech.NOTICE_BRIEF))


def test_a_one_shot_question_from_a_new_user_hears_the_notice_once(client: FlaskClient) -> None:
    first, _ = env.ask(client, _question("what causes muscle twitches", new_session=True))
    assert _noticed(first)
    again, _ = env.ask(client, _question("what causes muscle twitches", new_session=True))
    assert not _noticed(again) and "not medical advice" not in again


def test_a_one_shot_log_from_a_new_user_hears_the_notice(
    client: FlaskClient, settings_api: FakeSettingsApi
) -> None:
    slots = d.complete_slots()
    text, _ = env.ask(client, d.log(NOW, slots, api=settings_api.url, new_session=True))
    assert _noticed(text) and "Saved:" in text


def test_a_turn_inside_a_session_and_a_launch_after_it_do_not_repeat_it(
    client: FlaskClient,
) -> None:
    inside, _ = env.ask(client, _question("what causes muscle twitches"))  # not a new session
    assert speech.NOTICE not in inside
    env.ask(client, _question("what causes muscle twitches", new_session=True))
    launch, _ = env.ask(client, env.launch(NOW))
    assert speech.NOTICE not in launch


def test_emergency_advice_comes_first_and_the_notice_stays_owed(client: FlaskClient) -> None:
    urgent, _ = env.ask(client, _question("my husband can't breathe", new_session=True))
    assert not _noticed(urgent) and "9 1 1" in urgent
    later, _ = env.ask(client, _question("what causes muscle twitches", new_session=True))
    assert _noticed(later)


def test_a_long_first_answer_gets_the_brief_notice_and_stays_within_sixty_words(
    client: FlaskClient,
) -> None:
    # The tests answer is long: with the full notice it would run past 60 words.
    text, _ = env.ask(client, _question("what tests does a neurologist do", new_session=True))
    assert text.startswith(speech.NOTICE_BRIEF)
    assert len(text.split()) <= speech.MAX_WORDS
