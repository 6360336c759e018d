"""`twitch-diary chat` against the real skill: in process, from a pipe, and the example phrases."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from flask import Flask

from devkit.chat.cli import ChatClock, run_lines
from devkit.chat.conversation import Conversation
from devkit.chat.matcher import ModelMatcher
from devkit.chat.transport import AppTransport, HttpTransport
from devkit.models.build import ROOT
from skill import speech
from skill.intents import LOCALES, load_model

NOW = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)


def model_has(intent: str, locale: str = "en-US") -> bool:
    intents = load_model(locale)["interactionModel"]["languageModel"]["intents"]
    return any(i["name"] == intent for i in intents)


def transcript(app: Flask, lines: list[str], clock: ChatClock | None = None) -> str:
    clock = clock or ChatClock(NOW)
    conversation = Conversation(load_model("en-US"), AppTransport(app), clock)
    out = io.StringIO()
    run_lines(conversation, [f"{line}\n" for line in lines], out, clock, echo=True)
    return out.getvalue()


def test_launch_help_stop_with_the_real_skill(app: Flask) -> None:
    text = transcript(app, ["open muscle twitch diary", "help", "stop", "help"])
    assert f"alexa: {speech.WELCOME_FIRST}" in text
    assert f"alexa: {speech.HELP}" in text
    assert f"alexa: {speech.GOODBYE}\n(session ended)" in text
    assert text.rstrip().endswith('or "ask muscle twitch diary ...")')  # "help" after the end


def test_second_launch_is_a_returning_user(app: Flask) -> None:
    text = transcript(app, ["open muscle twitch diary", "stop", "open muscle twitch diary"])
    assert f"alexa: {speech.WELCOME_BACK}" in text


def test_control_lines_move_the_clock_and_end_the_session(app: Flask) -> None:
    clock = ChatClock(NOW)
    text = transcript(app, ["open muscle twitch diary", "@wait 1d", "@now 2026-12-01T08:00"], clock)
    assert "(session ended)\n(clock: 2026-11-25T18:30:00+00:00)" in text
    assert clock() == datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


@pytest.mark.skipif(
    not model_has("LogTwitchIntent"), reason="LogTwitchIntent is not in the model yet (issue 2)"
)
def test_one_shot_log_is_understood_by_the_skill(app: Flask) -> None:
    text = transcript(app, ["open muscle twitch diary", "my left calf twitched for two minutes"])
    answer = text.splitlines()[3]
    assert answer.startswith("alexa: ")
    assert answer not in (f"alexa: {speech.FALLBACK}", f"alexa: {speech.UNKNOWN_REQUEST}")
    assert "calf" in answer


def test_chat_from_a_pipe_starts_its_own_redis() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "USER_KEY_SECRET")}
    run = subprocess.run(
        [sys.executable, "-m", "devkit.cli", "chat", "--now", "2026-11-24T18:30:00Z"],
        input="open muscle twitch diary\nwhat can I say\nstop\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "you: open muscle twitch diary",
        f"alexa: {speech.WELCOME_FIRST} {speech.NOTICE} {speech.WHAT_NEXT}",
        "you: what can I say",
        f"alexa: {speech.HELP}",
        "you: stop",
        f"alexa: {speech.GOODBYE}",
        "(session ended)",
    ]


def test_chat_over_http_to_a_running_skill(skill_url: str) -> None:
    conversation = Conversation(load_model("en-US"), HttpTransport(skill_url), ChatClock(NOW))
    said = conversation.hear("open muscle twitch diary") + conversation.hear("stop")
    assert [s.text for s in said] == [
        f"{speech.WELCOME_FIRST} {speech.NOTICE} {speech.WHAT_NEXT}",
        speech.GOODBYE,
        "session ended",
    ]


def test_a_url_that_does_not_answer_is_reported_not_raised() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "devkit.cli", "chat", "--url", "http://127.0.0.1:9/alexa"],
        input="open muscle twitch diary\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0 and "Traceback" not in run.stderr
    assert "(the skill did not answer: could not reach" in run.stdout


# Example phrases in skill.json must be things the model understands.

EXPECTED_INTENT = {
    "Alexa, open muscle twitch diary": "LaunchRequest",
    "Alexa, ask muscle twitch diary what causes muscle twitches": "AskWhatIntent",
    "Alexa, tell muscle twitch diary my left calf twitched for two minutes": "LogTwitchIntent",
}


def _phrases() -> list[tuple[str, str]]:
    manifest = json.loads((ROOT / "skill-package" / "skill.json").read_text())["manifest"]
    published = manifest["publishingInformation"]["locales"]
    return [(loc, phrase) for loc in LOCALES for phrase in published[loc]["examplePhrases"]]


@pytest.mark.parametrize(("locale", "phrase"), _phrases())
def test_example_phrases_exist_as_samples(locale: str, phrase: str) -> None:
    assert phrase in EXPECTED_INTENT, f"add {phrase!r} to EXPECTED_INTENT with its intent"
    expected = EXPECTED_INTENT[phrase]
    if expected != "LaunchRequest" and not model_has(expected, locale):
        pytest.skip(f"{expected} is not in the {locale} model yet")
    matcher = ModelMatcher(load_model(locale))
    kind, rest = matcher.invocation_of(phrase) or ("", "")
    if expected == "LaunchRequest":
        assert kind == "launch"
    else:
        assert kind == "one-shot"
        assert matcher.one_shot(rest, NOW.date()).intent == expected


def test_walkthrough_is_a_new_users_real_transcript() -> None:
    from devkit.chat.walkthrough import markdown  # noqa: PLC0415

    text = markdown("open muscle twitch diary\nstop\n@wait 1d\nopen muscle twitch diary\n")
    assert text.startswith("# Walkthrough")
    assert f"you: open muscle twitch diary\nalexa: {speech.WELCOME_FIRST}" in text
    assert f"alexa: {speech.WELCOME_BACK}" in text
    assert text.endswith("```\n")


def test_the_committed_walkthrough_is_what_the_skill_says_now_within_sixty_words() -> None:
    # docs/walkthrough.md is regenerated by `make walkthrough`; a change in what the skill
    # says shows up here first, and no reply of a new user's first week runs past 60 words.
    from devkit.chat.walkthrough import markdown  # noqa: PLC0415

    script = (ROOT / "docs" / "walkthrough.txt").read_text()
    text = markdown(script)
    assert text == (ROOT / "docs" / "walkthrough.md").read_text(), "run make walkthrough"
    replies = [line[len("alexa: ") :] for line in text.splitlines() if line.startswith("alexa: ")]
    assert len(replies) > 40
    long = [r for r in replies if len(r.split()) > speech.MAX_WORDS]
    assert not long, long


def test_speak_uses_espeak_ng_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    from devkit.chat import cli  # noqa: PLC0415

    calls: list[list[str]] = []
    monkeypatch.setattr(cli.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(cli.subprocess, "run", lambda args, check: calls.append(args))
    speaker = cli.espeak_speaker("en-GB")
    assert speaker is not None
    speaker("Take care. Goodbye.")
    assert calls == [["/usr/bin/espeak-ng", "-v", "en-gb", "Take care. Goodbye."]]
    monkeypatch.setattr(cli.shutil, "which", lambda name: None)
    assert cli.espeak_speaker("en-US") is None
