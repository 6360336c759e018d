"""`twitch-diary chat`: an emergency said in the middle of any dialog comes first, and
"repeat" asks the pending question again with what was gathered kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask

from devkit import envelopes as env
from devkit.envelopes import TestClock
from devkit.fake_settings_api import FakeSettingsApi
from skill.episodes.store import Store
from tests.chat_session import chat

EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
OPEN = "open muscle twitch diary"
EMERGENCY = "9 9 9"  # en-GB


def _chat(app: Flask, clock: TestClock, api: str, lines: list[str]) -> list[str]:
    """What Alexa said, one entry per line of output."""
    transcript = chat(app, clock, api, lines, now=EVENING)
    return [line for line in transcript.splitlines() if line.startswith("alexa:")]


@pytest.mark.parametrize(
    "dialog",
    [
        ["my calf twitched"],  # logging: the skill asks for a detail
        ["log a twitch"],  # logging: the skill asks for the place
        ["should i see a doctor about my twitching"],  # the symptom check
        ["delete all my data"],  # a delete confirmation
    ],
)
@pytest.mark.parametrize("statement", ["my husband can't breathe", "my mum's face is drooping"])
def test_an_emergency_mid_dialog_gets_the_emergency_answer(
    app: Flask, clock: TestClock, settings_api: FakeSettingsApi, dialog: list[str], statement: str
) -> None:
    said = _chat(app, clock, settings_api.url, [OPEN, *dialog, statement])
    assert EMERGENCY not in " ".join(said[:-1])
    assert EMERGENCY in said[-1]


def test_an_emergency_as_a_one_shot(
    app: Flask, clock: TestClock, settings_api: FakeSettingsApi
) -> None:
    said = _chat(
        app, clock, settings_api.url, ["tell muscle twitch diary my dad is slurring his words"]
    )
    assert EMERGENCY in said[-1]


def test_repeat_asks_the_pending_question_again_and_keeps_the_entry(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    said = _chat(
        app, clock, settings_api.url,
        [OPEN, "my left calf twitched", "repeat", "two minutes", "skip", "no"],
    )  # fmt: skip
    assert said[2] == said[1]  # the same question, nothing gathered lost
    [episode] = store.diary.all_episodes(store.user_key(env.USER_ID))
    assert episode.location == "calf" and episode.side == "left"
    assert episode.duration_seconds == 120
