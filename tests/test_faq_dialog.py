"""The FAQ through POST /alexa: answers, follow-ups, declines, speech hygiene, the dev set."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from devkit import envelopes as env
from skill import speech
from skill.config import Settings
from skill.episodes.store import Store
from skill.faq.answerer import Answerer
from skill.faq.evaluation import is_decline, meets_expectation
from skill.faq.knowledge import MAX_SPOKEN_WORDS, Topic, load_topics, load_vocabulary_data
from skill.faq.matcher import Matcher
from skill.faq.question import FORM_NAMES
from skill.web.app import create_app
from tests.conftest import NOW

TOPICS = load_topics()
DEV: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parent.parent / "bench" / "data" / "faq_dev.json").read_text()
)


@dataclass
class Session:
    """One user's session through POST /alexa, carrying session attributes between turns."""

    client: FlaskClient
    attributes: dict[str, Any] = field(default_factory=dict)
    body: dict[str, Any] = field(default_factory=dict)

    def send(self, intent: str, slots: dict[str, Any] | None = None) -> str:
        request = env.intent(intent, NOW, slots=slots, session=self.attributes)
        text, self.body = env.ask(self.client, request)
        self.attributes = self.body.get("sessionAttributes") or {}
        response = self.body["response"]
        if not response.get("shouldEndSession"):
            assert response["reprompt"]["outputSpeech"]["ssml"], "open session needs a reprompt"
        assert response["card"]["type"] == "Simple"
        return text

    def ask(self, question: str) -> str:
        return self.send("AskQuestionIntent", {"question": question})

    @property
    def pending(self) -> dict[str, Any] | None:
        return self.attributes.get("pending")


@pytest.fixture
def session(client: FlaskClient) -> Session:
    return Session(client)


def _first_reaching(session: Session, topic: Topic) -> str | None:
    for question in topic.questions:
        text = session.ask(question)
        # A yes/no question is answered with the topic's own opener first ("It depends. ...").
        if text.startswith(topic.answer):
            return question
        if any(text.startswith(f"{topic.opener(form)} {topic.answer}") for form in FORM_NAMES):
            return question
    return None


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.id)
def test_every_topic_is_reachable_by_one_of_its_phrasings(session: Session, topic: Topic) -> None:
    assert _first_reaching(session, topic) is not None, f"no phrasing reaches {topic.id}"


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.id)
def test_no_spoken_answer_or_follow_up_is_over_sixty_words(session: Session, topic: Topic) -> None:
    assert _first_reaching(session, topic) is not None
    texts = [session.body["response"]["outputSpeech"]["ssml"]]
    if topic.follow_up:
        session.send("AMAZON.YesIntent")
        texts.append(session.body["response"]["outputSpeech"]["ssml"])
    for ssml in texts:
        words = ssml.removeprefix("<speak>").removesuffix("</speak>").split()
        assert len(words) <= MAX_SPOKEN_WORDS, f"{topic.id}: {len(words)} words"


def test_an_answer_with_more_to_say_offers_it_and_yes_plays_it(session: Session) -> None:
    mmn = next(t for t in TOPICS if t.id == "mmn")
    text = session.ask("what is multifocal motor neuropathy")
    assert text == f"{mmn.answer} {speech.FAQ_WANT_MORE}"
    assert session.pending == {"kind": "faq_more", "topic": "mmn"}
    more = session.send("AMAZON.YesIntent")
    assert more == f"{mmn.follow_up} {speech.FAQ_WHAT_ELSE}"
    assert session.pending is None
    assert session.body["response"]["card"]["content"] == mmn.follow_up


def test_tell_me_more_plays_the_follow_up_too(session: Session) -> None:
    session.ask("why does my eyelid keep twitching")
    more = session.send("TellMeMoreIntent")
    assert "warm compress" in more


def test_no_to_hear_more_moves_on(session: Session) -> None:
    session.ask("what is bfs")
    assert session.send("AMAZON.NoIntent") == speech.FAQ_NO_MORE
    assert session.pending is None
    assert session.body["response"]["shouldEndSession"] is False


def test_an_answer_without_more_asks_nothing_and_leaves_no_pending_question(
    session: Session,
) -> None:
    taper = next(t for t in TOPICS if t.id == "caffeine_taper")
    assert taper.follow_up is None
    session.attributes = {"pending": {"kind": "faq_more", "topic": "mmn"}}
    assert session.ask("how should i taper caffeine") == f"{taper.answer} {speech.ANYTHING_ELSE}"
    assert session.pending is None
    assert session.send("AMAZON.YesIntent") == speech.NOTHING_PENDING


def test_tell_me_more_with_nothing_offered_says_so(session: Session) -> None:
    assert session.send("TellMeMoreIntent") == speech.FAQ_NOTHING_MORE


def test_a_stale_topic_in_the_session_gets_a_clear_answer(session: Session) -> None:
    session.attributes = {"pending": {"kind": "faq_more", "topic": "no_such_topic"}}
    assert session.send("AMAZON.YesIntent") == speech.FAQ_NOTHING_MORE


@pytest.mark.parametrize("question", [None, "", "   "])
def test_an_empty_question_is_asked_for(session: Session, question: str | None) -> None:
    slots = {"question": question} if question is not None else None
    assert session.send("AskQuestionIntent", slots) == speech.FAQ_ASK


@pytest.mark.parametrize("question", DEV["out_of_scope"] + ["how much magnesium should i take"])
def test_out_of_scope_questions_are_declined_and_the_session_stays_open(
    session: Session, question: str
) -> None:
    text = session.ask(question)
    assert is_decline(text)
    assert session.body["response"]["shouldEndSession"] is False


def test_fallback_declines_helpfully(session: Session) -> None:
    text = session.send("AMAZON.FallbackIntent")
    assert "can't help" in text and "twitch" in text and "doctor" in text


def test_the_notice_is_given_on_first_launch_and_in_help(session: Session) -> None:
    assert speech.NOTICE in env.ask(session.client, env.launch(NOW))[0]
    help_text = session.send("AMAZON.HelpIntent")
    assert speech.NOTICE in help_text and "questions about muscle twitches" in help_text


def _app_with(topic: Topic, settings: Settings, store: Store) -> Flask:
    answerer = Answerer(Matcher((topic,), load_vocabulary_data()))
    return create_app(settings, clock=lambda: NOW, store=store, faq_answerer=lambda: answerer)


def test_answers_are_ssml_escaped_and_cards_keep_the_plain_text(
    settings: Settings, store: Store
) -> None:
    topic = Topic(
        id="salt", answer="Salt & water: drink > 2 liters, < 5 a day.", follow_up=None,
        related=(), facts=("made up for this test",),
        questions=("is salt and water good for twitching", "how much water for twitches"),
    )  # fmt: skip
    client = _app_with(topic, settings, store).test_client()
    request = env.intent("AskQuestionIntent", NOW, slots={"question": "is salt & water <good>"})
    text, body = env.ask(client, request)
    ssml = body["response"]["outputSpeech"]["ssml"]
    assert "Salt &amp; water: drink &gt; 2 liters, &lt; 5 a day." in ssml
    # A yes/no question: the topic declares no stance, so it depends.
    assert text == f"It depends. {topic.answer} {speech.ANYTHING_ELSE}"
    assert body["response"]["card"]["content"] == f"It depends. {topic.answer}"


@pytest.mark.parametrize("case", DEV["cases"] + DEV["emergency"], ids=lambda c: c["q"])
def test_the_dev_set_is_answered_through_the_endpoint(
    session: Session, case: dict[str, Any]
) -> None:
    text, _ = env.ask(
        session.client, env.intent("AskQuestionIntent", NOW, slots={"question": case["q"]})
    )
    assert meets_expectation(text, case["expect"]), text


def test_a_follow_up_that_refers_back_is_read_with_the_previous_topic(session: Session) -> None:
    duration = next(t for t in TOPICS if t.id == "eyelid_duration")
    assert session.ask("how long does it last") == speech.FAQ_DECLINE  # nothing to refer to
    session.ask("why does my eyelid keep twitching")
    assert session.attributes["faq_topic"] == "eyelid_twitching"
    assert session.ask("how long does it last").startswith(duration.answer)


@pytest.mark.parametrize("question", ["play it again", "what's the weather like there"])
def test_a_follow_up_with_no_meaning_of_its_own_is_still_declined(
    session: Session, question: str
) -> None:
    session.ask("why does my eyelid keep twitching")
    assert is_decline(session.ask(question))
