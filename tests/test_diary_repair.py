"""Off-path turns inside the logging dialog, through POST /alexa: answered, then asked again."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from devkit import diary_envelopes as d
from devkit import envelopes as env
from devkit.fake_settings_api import FakeSettingsApi
from skill import speech
from skill.episodes.store import Store
from tests.conftest import NOW

CALF = {"location": d.location("calf", "calf")}


@pytest.fixture(autouse=True)
def _check_in_already_offered(store: Store) -> None:
    store.profile.claim_profile_flag(store.user_key(env.USER_ID), "checkin_offered")


def _turn(client: FlaskClient, api: str, body: dict, reply: str | dict, **slots: object) -> tuple:
    session = d.next_session(body)
    if isinstance(reply, str):
        request = env.intent(reply, NOW, slots or None, session=session, api_endpoint=api)
    else:
        request = d.log(NOW, reply, api=api, dialog_state="IN_PROGRESS", session=session)
    return env.ask(client, request)


def _episodes(store: Store) -> list:
    return store.diary.all_episodes(store.user_key(env.USER_ID))


def test_help_mid_log_explains_then_asks_the_same_question_and_keeps_the_place(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    api = settings_api.url
    text, body = env.ask(client, d.log(NOW, CALF, api=api))
    assert text == speech.ASK_SIDE
    text, body = _turn(client, api, body, "AMAZON.HelpIntent")
    assert text == f"{speech.DIARY_HELP} {speech.ASK_SIDE}"
    [directive] = d.directives(body)
    assert directive["type"] == "Dialog.ElicitSlot" and directive["slotToElicit"] == "side"
    # The next answer is the side (Alexa fills only the elicited slot), not lost.
    text, body = _turn(client, api, body, {"side": d.side("left", "left")})
    assert text == speech.ASK_DURATION
    for reply in ("AMAZON.FallbackIntent",) * 3:
        text, body = _turn(client, api, body, reply)
    assert text == "Saved: left calf, this evening. Goodbye."


def test_a_question_mid_log_gets_a_brief_answer_then_the_question(
    client: FlaskClient, settings_api: FakeSettingsApi
) -> None:
    api = settings_api.url
    _, body = env.ask(client, d.log(NOW, CALF, api=api))
    question = env.slot("question", "causes muscle twitches")
    text, body = _turn(client, api, body, "AskQuestionIntent", question=question)
    assert text.endswith(speech.ASK_SIDE) and len(text) > len(speech.ASK_SIDE) + 20
    assert speech.FAQ_WANT_MORE not in text  # no second pending question
    assert d.directives(body)[0]["slotToElicit"] == "side"
    # "what do you mean" arrives through the carrier "what ...": explain the question.
    text, body = _turn(
        client, api, body, "AskQuestionIntent", question=env.slot("question", "do you mean")
    )
    assert text == f"{speech.DIARY_HELP} {speech.ASK_SIDE}"


@pytest.mark.parametrize(
    "dont_know",
    [d.location("I don't know", None), d.location("skip", None), "AMAZON.FallbackIntent"],
)
def test_dont_know_at_the_place_gets_a_hint_then_ends_without_saving(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi, dont_know: object
) -> None:
    api = settings_api.url
    _, body = env.ask(client, d.log(NOW, {}, api=api))  # Delegate: Alexa asks where
    reply = dont_know if isinstance(dont_know, str) else {"location": dont_know}
    text, body = _turn(client, api, body, reply)
    assert text == speech.LOCATION_HINT
    assert speech.REASK_LOCATION not in text
    text, body = _turn(client, api, body, reply)
    assert text == speech.LOCATION_UNKNOWN_END
    assert body["response"]["shouldEndSession"] is True
    assert _episodes(store) == []


def test_dont_know_then_everywhere_is_logged_as_widespread(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    api = settings_api.url
    _, body = env.ask(client, d.log(NOW, {}, api=api))
    _, body = _turn(client, api, body, {"location": d.location("I don't know", None)})
    text, body = _turn(client, api, body, {"location": d.location("everywhere", "widespread")})
    assert text == speech.ASK_DURATION  # no side question for all over
    for _ in range(3):
        text, body = _turn(client, api, body, "AMAZON.FallbackIntent")
    assert text.startswith("Saved: all over")
    assert [e.location for e in _episodes(store)] == ["widespread"]


def test_never_mind_at_a_detail_skips_it_and_keeps_the_entry(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    api = settings_api.url
    _, body = env.ask(client, d.log(NOW, CALF, api=api))
    text, body = _turn(client, api, body, "AMAZON.CancelIntent")
    assert text == f"{speech.DETAIL_SKIPPED} {speech.ASK_DURATION}"
    for _ in range(3):
        text, body = _turn(client, api, body, "AMAZON.CancelIntent")
    assert text == "Saved: calf, this evening. Goodbye."
    assert len(_episodes(store)) == 1


def test_never_mind_before_any_place_drops_the_entry(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    api = settings_api.url
    _, body = env.ask(client, d.log(NOW, {}, api=api))
    _, body = _turn(client, api, body, {"location": d.location("banana", None)})
    text, body = _turn(client, api, body, "AMAZON.CancelIntent")
    assert text == speech.DRAFT_DROPPED
    assert _episodes(store) == []


def test_a_request_we_do_not_do_is_declined_never_logged(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    # "set a timer" caught by a bare "{location}" sample: words that are no body part.
    text, body = env.ask(
        client, d.log(NOW, {"location": d.location("set a timer", None)}, api=settings_api.url)
    )
    assert text == speech.NOT_A_DIARY_THING
    assert not d.directives(body)
    assert "diary_draft" not in d.next_session(body)
    text, _ = env.ask(client, env.intent("AMAZON.FallbackIntent", NOW))  # "play music"
    assert text == speech.FALLBACK
    assert _episodes(store) == []
