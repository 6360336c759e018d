"""`twitch-diary chat`: type (or pipe) what you would say to Alexa; read what it answers.

Besides utterances, input lines may be:
  # comment        ignored
  @now ISO-TIME    set the request clock, e.g. @now 2026-11-25T08:00:00Z
  @wait 2h         move the clock on (s, m, h, d); both end an open session first
  (empty line)     silence: Alexa reprompts; a second silence ends the session
With --now the clock stands still between lines; without it, it is the real time.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from zoneinfo import ZoneInfo

from devkit import envelopes
from skill.config import Settings
from skill.intents import LOCALES, load_model
from skill.isotime import parse_utc

if TYPE_CHECKING:
    from devkit.chat.conversation import Conversation, Said
    from devkit.chat.transport import Transport

_WAIT = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


class ChatClock:
    """The request clock: fixed at --now and moved by @now / @wait, or the real time."""

    def __init__(self, start: datetime | None) -> None:
        self.fixed = start

    def __call__(self) -> datetime:
        return self.fixed or datetime.now(UTC)

    def set(self, when: datetime) -> None:
        self.fixed = when

    def advance(self, delta: timedelta) -> None:
        self.fixed = self() + delta


def parse_time(text: str) -> datetime:
    """ISO-8601; a time without zone is taken as UTC."""
    return parse_utc(text)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    chat = sub.add_parser(
        "chat",
        help="talk to the skill in text, through its interaction model",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    chat.add_argument("--user", default="chat-user", help="user id (amzn1.ask.account. added)")
    chat.add_argument("--locale", default="en-US", choices=LOCALES)
    chat.add_argument("--now", type=parse_time, default=None, help="request clock, ISO-8601")
    chat.add_argument("--url", default=None, help="POST to a running skill (ALEXA_VERIFY=false)")
    chat.add_argument("--speak", action="store_true", help="also speak answers with espeak-ng")
    chat.add_argument(
        "--timezone",
        type=ZoneInfo,
        default=ZoneInfo("UTC"),
        help='the user\'s time zone, for "yesterday" and "last monday" (default UTC)',
    )
    chat.add_argument("--model", type=Path, default=None, help="interaction model JSON file")
    chat.add_argument(
        "--api-endpoint",
        default=envelopes.API_ENDPOINT,
        help="context.System.apiEndpoint in requests (e.g. a local Alexa API stand-in)",
    )
    chat.add_argument(
        "--echo",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="print each input line (default: when input is not a terminal)",
    )
    chat.set_defaults(func=cmd_chat)


def cmd_chat(args: argparse.Namespace) -> int:
    # Imported here so other sub-commands start without hassil and Flask.
    from devkit.chat.conversation import Conversation  # noqa: PLC0415
    from devkit.chat.transport import HttpTransport, in_process  # noqa: PLC0415

    settings = Settings.from_env()
    # The in-process app warns loudly that verification is off; in chat that is the point.
    logging.getLogger("skill.web.app").setLevel(logging.ERROR)
    model = json.loads(args.model.read_text()) if args.model else load_model(args.locale)
    clock = ChatClock(args.now)
    user = args.user if args.user.startswith("amzn1.") else f"amzn1.ask.account.{args.user}"
    echo = args.echo if args.echo is not None else not sys.stdin.isatty()
    speaker = espeak_speaker(args.locale) if args.speak else None
    context: AbstractContextManager[Transport]
    if args.url:
        context = nullcontext(HttpTransport(args.url))
    else:
        own_redis = settings.redis_url == Settings.redis_url  # REDIS_URL unset
        if not own_redis:
            settings.require_secret()
        context = in_process(settings, clock, own_redis=own_redis)
    with context as transport:
        conversation = Conversation(
            model,
            transport,
            clock,
            user_id=user,
            locale=args.locale,
            skill_id=settings.skill_id or envelopes.SKILL_ID,
            api_endpoint=args.api_endpoint,
            time_zone=args.timezone,
        )
        lines = sys.stdin if echo or not sys.stdin.isatty() else _typed_lines()
        run_lines(conversation, lines, sys.stdout, clock, echo=echo, speaker=speaker)
    return 0


def run_lines(
    conversation: Conversation,
    lines: Iterable[str],
    out: TextIO,
    clock: ChatClock,
    *,
    echo: bool,
    speaker: Callable[[str], None] | None = None,
) -> None:
    """Feed each line to the conversation and print the answers as they come."""

    def show(said: list[Said]) -> None:
        for item in said:
            out.write(f"alexa: {item.text}\n" if item.kind == "alexa" else f"({item.text})\n")
            if speaker is not None and item.kind == "alexa":
                speaker(item.text)
        out.flush()

    interactive = not echo
    if interactive:
        out.write(f'(say "open {conversation.matcher.invocation}"; Ctrl-D ends)\n')
    for raw in lines:
        line = raw.rstrip("\n")
        if line.lstrip().startswith("#"):
            continue
        if echo:
            out.write(f"you: {line}\n")
        if line.startswith("@"):
            show(control(conversation, clock, line))
            continue
        show(conversation.hear(line))
    show(conversation.hang_up())


def _typed_lines() -> Iterator[str]:
    """Lines typed at a terminal, with a prompt (and line editing where readline exists)."""
    try:
        import readline  # noqa: F401, PLC0415 - enables line editing for input()
    except ImportError:
        pass
    while True:
        try:
            yield input("you> ") + "\n"
        except EOFError:
            sys.stdout.write("\n")
            return


def control(conversation: Conversation, clock: ChatClock, line: str) -> list[Said]:
    """@now / @wait lines: move the request clock (closing an open session first)."""
    from devkit.chat.conversation import Said  # noqa: PLC0415

    command, _, argument = line[1:].partition(" ")
    said: list[Said] = []
    try:
        if command == "now":
            target = parse_time(argument)
        elif command == "wait" and (match := _WAIT.match(argument.strip())):
            target = clock() + timedelta(**{_UNITS[match.group(2)]: float(match.group(1))})
        else:
            return [Said("note", f"unknown control line {line!r}: use @now ISO or @wait 2h")]
    except ValueError:
        return [Said("note", f"cannot read the time in {line!r}")]
    if conversation.session is not None:
        said += conversation.hang_up()
    clock.set(target)
    said.append(Said("note", f"clock: {target.isoformat()}"))
    return said


def espeak_speaker(locale: str) -> Callable[[str], None] | None:
    """Speak with espeak-ng in the locale's accent; warn once if it is not installed."""
    binary = shutil.which("espeak-ng")
    if binary is None:
        sys.stderr.write("chat: espeak-ng is not installed; --speak is ignored\n")
        return None
    voice = {"en-GB": "en-gb", "en-AU": "en-gb", "en-IN": "en-gb"}.get(locale, "en-us")

    def speak(text: str) -> None:
        subprocess.run([binary, "-v", voice, text], check=False)  # noqa: S603

    return speak
