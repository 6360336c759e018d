"""`make walkthrough`: replay a scripted first week through `chat` into Markdown.

``python -m devkit.chat.walkthrough SCRIPT OUTPUT`` runs every line of SCRIPT (the
same input `twitch-diary chat` reads: utterances, @now / @wait, # comments) against
the skill in this process, with a fresh Redis, so the user is new, and writes the
transcript to OUTPUT.
"""

from __future__ import annotations

import io
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path

from devkit.chat.cli import ChatClock, run_lines
from devkit.chat.conversation import Conversation
from devkit.chat.transport import in_process
from skill.config import Settings
from skill.intents import load_model

START = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)

HEADER = """# Walkthrough: a new user's first week

This transcript is real output of `twitch-diary chat`: `make walkthrough` replays
`docs/walkthrough.txt` against the skill (in process, with a fresh Redis) and writes this
file. Lines starting with `you:` are what the user said, `alexa:` what Alexa said, and
parenthesised lines are notes from `chat` (the session ending, the clock moving).

```text
"""


def transcript(script: str, *, locale: str = "en-US", start: datetime = START) -> str:
    """The chat transcript of ``script`` for a new user."""
    logging.getLogger("skill.web.app").setLevel(logging.ERROR)
    clock = ChatClock(start)
    out = io.StringIO()
    with in_process(Settings(), clock, own_redis=True) as transport:
        conversation = Conversation(
            load_model(locale),
            transport,
            clock,
            user_id="amzn1.ask.account.walkthrough",
            locale=locale,
        )
        run_lines(conversation, script.splitlines(), out, clock, echo=True)
    return out.getvalue()


def markdown(script: str) -> str:
    return HEADER + transcript(script) + "```\n"


def main(argv: list[str]) -> int:
    script_path, output_path = Path(argv[0]), Path(argv[1])
    output_path.write_text(markdown(script_path.read_text()))
    sys.stdout.write(f"wrote {output_path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
