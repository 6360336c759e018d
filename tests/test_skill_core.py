"""The skill core through POST /alexa with real envelopes, on a real Redis."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from devkit import envelopes as env
from skill import speech
from tests.conftest import NOW


def test_first_launch_gives_the_not_medical_advice_notice_once(client: FlaskClient) -> None:
    first, body = env.ask(client, env.launch(NOW))
    assert "not medical advice" in first
    assert body["response"]["shouldEndSession"] is False
    assert body["response"]["reprompt"]["outputSpeech"]["ssml"]
    second, _ = env.ask(client, env.launch(NOW))
    assert "not medical advice" not in second
    assert second == speech.WELCOME_BACK


def test_notice_is_per_user(client: FlaskClient) -> None:
    env.ask(client, env.launch(NOW))
    other, _ = env.ask(client, env.launch(NOW, user_id="amzn1.ask.account.SOMEONEELSE"))
    assert "not medical advice" in other


def test_help_mentions_the_notice_and_keeps_the_session_open(client: FlaskClient) -> None:
    text, body = env.ask(client, env.intent("AMAZON.HelpIntent", NOW))
    assert "not medical advice" in text
    assert body["response"]["shouldEndSession"] is False


@pytest.mark.parametrize(
    "name", ["AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent"]
)
def test_stop_cancel_and_home_end_the_session(client: FlaskClient, name: str) -> None:
    text, body = env.ask(client, env.intent(name, NOW))
    assert text == speech.GOODBYE
    assert body["response"]["shouldEndSession"] is True


def test_fallback_says_what_the_skill_can_do(client: FlaskClient) -> None:
    text, body = env.ask(client, env.intent("AMAZON.FallbackIntent", NOW))
    assert "twitch" in text
    assert body["response"]["shouldEndSession"] is False


def test_unknown_intent_gets_a_spoken_answer_not_an_error(client: FlaskClient) -> None:
    text, _ = env.ask(client, env.intent("OrderPizzaIntent", NOW))
    assert "didn't get that" in text


def test_session_ended_returns_an_empty_response(client: FlaskClient) -> None:
    reply = env.post(client, env.session_ended(NOW, reason="ERROR"))
    assert reply.status_code == 200
    assert "outputSpeech" not in reply.get_json()["response"]


def test_skill_enabled_event_is_acknowledged(client: FlaskClient) -> None:
    reply = env.post(client, env.skill_event("AlexaSkillEvent.SkillEnabled", NOW))
    assert reply.status_code == 200


def test_skill_disabled_deletes_the_users_data(client: FlaskClient, redis_client) -> None:
    env.ask(client, env.launch(NOW))
    assert redis_client.dbsize() > 0
    reply = env.post(
        client,
        env.skill_event(
            "AlexaSkillEvent.SkillDisabled", NOW, userInformationPersistenceStatus="NOT_PERSISTED"
        ),
    )
    assert reply.status_code == 200
    # Only the mark that asks for an AOF rewrite is left: it names no user.
    assert redis_client.keys("*") == ["twitch:{erasure}:pending"]


def test_unsupported_request_type_is_acknowledged_quietly(client: FlaskClient) -> None:
    body = env.envelope({"type": "AudioPlayer.PlaybackStarted"}, now=NOW, with_session=False)
    reply = env.post(client, body)
    assert reply.status_code == 200


def test_a_crashing_handler_apologises_with_http_200(app, client: FlaskClient) -> None:
    skill = app.extensions["twitch_skill"]

    class Boom(Exception):
        pass

    original = skill.request_dispatcher.request_mappers[0].request_handler_chains[0]

    class Exploding:
        def can_handle(self, handler_input):
            return True

        def handle(self, handler_input):
            raise Boom("kaput")

    original.request_handler = Exploding()
    text, body = env.ask(client, env.launch(NOW))
    assert text == speech.SORRY
    assert body["response"]["shouldEndSession"] is False


def test_speech_is_ssml_escaped(app, client: FlaskClient) -> None:
    from skill.speech.ssml import to_ssml

    assert to_ssml("salt & pepper <b>") == "salt &amp; pepper &lt;b&gt;"
    assert to_ssml("bell\x07") == "bell"


def test_healthz_reports_redis(client: FlaskClient) -> None:
    reply = client.get("/healthz")
    assert reply.status_code == 200
    assert reply.get_json()["redis"] is True


def test_yes_with_nothing_pending_is_answered_helpfully(client) -> None:
    text, body = env.ask(client, env.intent("AMAZON.YesIntent", NOW))
    assert text == speech.NOTHING_PENDING
    assert body["response"]["shouldEndSession"] is False


def test_no_with_nothing_pending_means_done_and_says_goodbye(client) -> None:
    # Every open reply ends with a question ("Anything else?"): a bare no answers it.
    text, body = env.ask(client, env.intent("AMAZON.NoIntent", NOW))
    assert text == speech.GOODBYE
    assert body["response"]["shouldEndSession"] is True
