"""Advice on request: "what was my advice" plays the advice last spoken, in any session."""

from __future__ import annotations

import dataclasses

import pytest
from flask.testing import FlaskClient

from devkit import envelopes as env
from devkit.chat.matcher import ModelMatcher
from skill import speech
from skill.episodes.advice import Advice
from skill.episodes.store import Store
from skill.intents import LOCALES, load_model
from tests.conftest import NOW
from tests.test_store_advice import make_advice


def _ask_advice(client: FlaskClient) -> str:
    return env.ask(client, env.intent("RepeatAdviceIntent", NOW))[0]


def test_with_no_advice_yet_it_says_so_and_asks_what_next(client: FlaskClient) -> None:
    assert _ask_advice(client) == speech.NO_ADVICE_YET


def test_advice_spoken_at_launch_can_be_heard_again_later(
    client: FlaskClient, store: Store
) -> None:
    user = store.user_key(env.USER_ID)
    env.ask(client, env.launch(NOW))  # the first launch's welcome and notice leave no room
    store.advice.record_advice(user, make_advice("spreading", urgency="prompt"))
    store.advice.record_advice(user, make_advice("persistence", urgency="routine"))
    launch, _ = env.ask(client, env.launch(NOW))
    assert "advice for spreading" in launch
    assert store.advice.pending_advice(user) == []  # spoken once, not queued again
    again = _ask_advice(client)
    assert again.startswith("Here is the advice I gave you last.")
    # Both, the most urgent first, with the notice that this is no diagnosis.
    assert again.index("advice for spreading") < again.index("advice for persistence")
    assert speech.NOT_A_DIAGNOSIS in again


def test_deleting_all_data_forgets_the_advice_too(store: Store) -> None:
    user = store.user_key(env.USER_ID)
    store.advice.record_advice(user, make_advice())
    store.advice.mark_advice_delivered(user, store.advice.pending_advice(user))
    assert store.advice.last_advice(user)
    store.forget(user)
    assert store.advice.last_advice(user) == []


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locales_model_hears_the_request(locale: str) -> None:
    matcher = ModelMatcher(load_model(locale))
    for line in ("what was my advice", "can you repeat your last suggestion"):
        assert matcher.understand(line, NOW.date()).intent == "RepeatAdviceIntent", line


def _long_advice(rule: str, urgency: str) -> Advice:
    # Real advice is some twenty words: two of them and the welcome pass 60 words.
    return dataclasses.replace(make_advice(rule, urgency=urgency), speech=f"{rule} " + "so " * 22)


def test_advice_that_would_not_fit_in_one_reply_waits_for_the_next_session(
    client: FlaskClient, store: Store
) -> None:
    user = store.user_key(env.USER_ID)
    env.ask(client, env.launch(NOW))  # a returning user from now on
    store.advice.record_advice(user, _long_advice("checklist", "prompt"))
    store.advice.record_advice(user, _long_advice("persistence", "routine"))
    launch, _ = env.ask(client, env.launch(NOW))
    assert len(launch.split()) <= speech.MAX_WORDS
    assert "checklist" in launch and "persistence" not in launch
    assert [a.rule for a in store.advice.pending_advice(user)] == ["persistence"]
    later, _ = env.ask(client, env.launch(NOW))
    assert "persistence" in later and len(later.split()) <= speech.MAX_WORDS


def test_long_advice_heard_again_keeps_within_sixty_words_the_rest_on_the_card(
    client: FlaskClient, store: Store
) -> None:
    user = store.user_key(env.USER_ID)
    long_advice = [
        dataclasses.replace(
            make_advice(rule, urgency=urgency),
            speech=f"Advice for {rule}: " + "worth a word with a neurologist soon. " * 3,
        )
        for rule, urgency in (("spreading", "prompt"), ("persistence", "routine"),
                              ("family", "routine"))
    ]  # fmt: skip
    for advice in long_advice:
        store.advice.record_advice(user, advice)
    store.advice.mark_advice_delivered(user, store.advice.pending_advice(user))
    text, body = env.ask(client, env.intent("RepeatAdviceIntent", NOW))
    assert len(text.split()) <= speech.MAX_WORDS, text
    assert "Advice for spreading" in text  # the most urgent is said
    assert "Advice for family" not in text and speech.LAST_ADVICE_MORE_IN_APP in text
    card = body["response"]["card"]["content"]
    assert all(f"Advice for {rule}" in card for rule in ("spreading", "persistence", "family"))
