"""Play lines through `twitch-diary chat`'s conversation against an app built in the test."""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask

from devkit.chat.cli import ChatClock, run_lines
from devkit.chat.conversation import Conversation
from devkit.chat.transport import AppTransport
from devkit.envelopes import TestClock
from skill.intents import load_model


def chat(
    app: Flask,
    clock: TestClock,
    api: str,
    lines: list[str],
    *,
    now: datetime,
    locale: str = "en-GB",
    zone: str = "Europe/London",
) -> str:
    """The transcript (echoed lines and "alexa: ..." answers), the clocks set to ``now``."""
    clock.now = now
    chat_clock = ChatClock(now)
    conversation = Conversation(
        load_model(locale), AppTransport(app), chat_clock, locale=locale,
        api_endpoint=api, time_zone=ZoneInfo(zone),
    )  # fmt: skip
    out = io.StringIO()
    run_lines(conversation, [f"{line}\n" for line in lines], out, chat_clock, echo=True)
    return out.getvalue()
