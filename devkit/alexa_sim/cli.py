"""`twitch-diary alexa-sim`: run the local Alexa cloud in the foreground.

Kept apart from sim.py so building the CLI parser does not import the SDK.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import signal
import subprocess
import sys
import threading
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_PORT = 8090


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("alexa-sim", help="local Alexa cloud: LWA, messaging, reminders")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="0 picks a free port")
    parser.add_argument(
        "--skill-url",
        default="http://127.0.0.1:8080/alexa",
        help="where Messaging.MessageReceived requests are delivered",
    )
    parser.add_argument("--speak", action="store_true", help="speak reminders with espeak-ng")
    parser.set_defaults(func=cmd_alexa_sim)


class Speaker:
    """Prints each fired reminder and, when asked, speaks it through espeak-ng."""

    def __init__(self, speak: bool) -> None:
        self._espeak = shutil.which("espeak-ng") if speak else None
        if speak and self._espeak is None:
            log.warning("--speak: espeak-ng is not on PATH; reminders are printed only")

    def __call__(self, event: dict[str, Any]) -> None:
        sys.stdout.write(f"[reminder {event['at']}] {event['text']}\n")
        sys.stdout.flush()
        if self._espeak is not None:
            try:
                subprocess.run(
                    [self._espeak, event["text"]],
                    check=False,
                    timeout=60,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            except (OSError, subprocess.TimeoutExpired) as exc:
                log.warning("espeak-ng failed: %s", type(exc).__name__)


def cmd_alexa_sim(args: argparse.Namespace) -> int:
    from devkit.alexa_sim import sim as alexa_sim  # noqa: PLC0415 - the SDK loads only when needed
    from skill.config import Settings  # noqa: PLC0415

    settings = Settings.from_env()
    logging.basicConfig(
        level=settings.log_level,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    sim = alexa_sim.AlexaSim(
        port=args.port,
        skill_url=args.skill_url,
        skill_id=settings.skill_id or alexa_sim.SIM_SKILL_ID,
        client_id=settings.alexa_client_id or alexa_sim.SIM_CLIENT_ID,
        client_secret=settings.alexa_client_secret or alexa_sim.SIM_CLIENT_SECRET,
        announce=Speaker(args.speak),
    ).start()
    sys.stdout.write(
        f"Alexa sim on {sim.url}\n"
        f"  skill: ALEXA_API_ENDPOINT={sim.url} LWA_ENDPOINT={sim.url} "
        "ALEXA_CLIENT_ID=... ALEXA_CLIENT_SECRET=... (same as this process)\n"
        f'  in-session token: curl -s -XPOST {sim.url}/_sim/session -d \'{{"userId": "..."}}\'\n'
        f"  look inside: {sim.url}/_sim/reminders  /_sim/messages  /_sim/fired\n"
    )
    sys.stdout.flush()
    # Ctrl-C or SIGTERM stops it. Handlers of our own, because a shell starts a background
    # job with SIGINT ignored, and Python then never raises KeyboardInterrupt.
    stopping = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stopping.set())
    try:
        stopping.wait()
    finally:
        sim.stop()
    return 0
