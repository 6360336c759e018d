"""A real third-party client: virtual-alexa 0.7.8 drives the running HTTP service.

virtual-alexa matches utterances against the project's own interaction model and POSTs
to the skill's URL without signatures, so this one test server runs with request
verification off (the ``settings`` fixture). It does not resolve built-in slot values
("two minutes" stays "two minutes"), cannot match two adjacent slots, and carries slots
over between turns of an intent with a dialog model; the skill must still answer sensibly.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from devkit.chat.matcher import ModelMatcher
from devkit.models.build import ROOT
from skill import speech
from skill.intents import MODELS_DIR, load_model

DRIVER = ROOT / "tests" / "virtual_alexa" / "drive.js"
NODE_MODULE = ROOT / "node_modules" / "virtual-alexa"


def _model_has(intent: str) -> bool:
    intents = load_model("en-US")["interactionModel"]["languageModel"]["intents"]
    return any(i["name"] == intent for i in intents)


def drive(
    url: str, *steps: dict[str, Any], model: Path = MODELS_DIR / "en-US.json"
) -> list[dict[str, Any]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    assert NODE_MODULE.is_dir(), "virtual-alexa is missing: run `make node` (make test does)"
    run = subprocess.run(
        [node, str(DRIVER), url, str(model), "en-US", json.dumps(steps)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    results: list[dict[str, Any]] = json.loads(run.stdout)
    return results


def test_launch_help_stop(skill_url: str) -> None:
    launch, help_, stop = drive(skill_url, {"launch": True}, {"utter": "help"}, {"utter": "stop"})
    assert launch["requestType"] == "LaunchRequest" and launch["newSession"] is True
    assert launch["speech"].startswith(speech.WELCOME_FIRST)
    assert launch["shouldEndSession"] is False
    assert help_["intent"] == "AMAZON.HelpIntent" and help_["speech"] == speech.HELP
    assert help_["newSession"] is False
    assert stop["intent"] == "AMAZON.StopIntent" and stop["speech"] == speech.GOODBYE
    assert stop["shouldEndSession"] is True


@pytest.mark.skipif(
    not _model_has("AskQuestionIntent"),
    reason="AskQuestionIntent is not in the model yet (the lead enables this after the FAQ merge)",
)
def test_a_question(skill_url: str) -> None:
    _, question = drive(skill_url, {"launch": True}, {"utter": "what causes muscle twitches"})
    assert question["intent"] == "AskWhatIntent"  # "what" is a carrier with its own intent
    assert question["speech"] and question["speech"] not in (
        speech.FALLBACK, speech.UNKNOWN_REQUEST, speech.SORRY,
    )  # fmt: skip


@pytest.mark.skipif(
    not _model_has("LogTwitchIntent"),
    reason="LogTwitchIntent is not in the model yet (the lead enables this after the diary merge)",
)
def test_a_one_shot_log(skill_url: str) -> None:
    # Not "my left calf ...": virtual-alexa cannot match two adjacent slots ("{side}
    # {location}"), though Alexa and `twitch-diary chat` can.
    _, log = drive(skill_url, {"launch": True}, {"utter": "my calf twitched for two minutes"})
    assert log["intent"] == "LogTwitchIntent"
    assert log["slots"].get("location") == "calf"
    assert log["speech"] and log["speech"] not in (
        speech.FALLBACK, speech.UNKNOWN_REQUEST, speech.SORRY,
    )  # fmt: skip


# The chat matcher and virtual-alexa, two independent readings of the same model, agree.
# (Only where virtual-alexa can follow: it treats custom types as closed lists, so "my
# knee twitched" is an error there and ER_SUCCESS_NO_MATCH in Alexa and in chat; and it
# takes any line starting with "tell" for a launch phrase.)

FIXTURE = ROOT / "tests" / "data" / "chat_model.json"
CROSS_CHECK = [
    "my calf twitched",
    "my eye lid twitched",
    "my thumb twitched twenty times",
    "why do muscles twitch at night",
    "should i see a nerve specialist",
    "help",
    "stop",
]


def test_chat_matcher_agrees_with_virtual_alexa_on_the_fixture_model(skill_url: str) -> None:
    steps = [{"launch": True}]
    for line in CROSS_CHECK:
        steps += [{"utter": line}, {"launch": True}]  # a fresh turn: no dialog carry-over
    results = [r for r in drive(skill_url, *steps, model=FIXTURE) if "utter" in r["step"]]
    matcher = ModelMatcher(json.loads(FIXTURE.read_text()))
    for line, theirs in zip(CROSS_CHECK, results, strict=True):
        ours = matcher.understand(line, date(2026, 11, 24))
        assert theirs["intent"] == ours.intent, line
        filled = {name: s["value"] for name, s in ours.slots.items() if "value" in s}
        their_values = {name: value for name, value in theirs["slots"].items() if value}
        custom = {n for n, s in ours.slots.items() if "resolutions" in s or n == "question"}
        assert {n: filled[n] for n in custom} == {n: their_values.get(n) for n in custom}, line
