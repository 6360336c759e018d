"""A trigger said as an afterthought after "i'd had" or "i'd been" ("..., i'd had a late one
at the bar") is the trigger, kept in the user's words when no value of the type fits: the
model's trigger samples carry it for Alexa, the chat matcher fills it the same way, and
the skill stores it as an "other" trigger."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient

from devkit import diary_envelopes as d
from devkit import envelopes as env
from devkit.chat.matcher import ModelMatcher
from devkit.fake_settings_api import FakeSettingsApi
from skill.episodes.model import OTHER_TRIGGER
from skill.episodes.store import Store
from skill.intents import load_model
from tests.conftest import NOW

EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("my wrist twitched this morning, i'd had a late one at the bar", "late one at the bar"),
        ("my neck twitched tonight, i'd been out clubbing", "clubbing"),
    ],
)
def test_the_model_fills_the_trigger(line: str, kept: str) -> None:
    found = ModelMatcher(load_model("en-GB")).understand(line, NOW.date())
    values = [v["value"] for v in found.slots["triggers"]["slotValue"]["values"]]
    assert any(kept in value for value in values)


def test_on_an_echo_the_words_are_kept_as_another_trigger(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    slots = {
        "location": d.location("wrist", "wrist"),
        "side": d.side("left", "left"),
        "triggers": d.triggers(("a late one at the bar", None)),
    }
    env.ask(client, d.log(EVENING, slots, api=settings_api.url))
    [episode] = store.diary.all_episodes(store.user_key(env.USER_ID))
    others = [t for t in episode.triggers if t.startswith(OTHER_TRIGGER)]
    assert any("late one at the bar" in t for t in others)
