"""`twitch-diary scheduler` (the long-running process) and `twitch-diary sweep` (one sweep)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from urllib.parse import urlsplit

from scheduler.assess import store_assessor
from scheduler.erasure import CHECK_EVERY, compact_after_deletions
from scheduler.service import build_scheduler, run_forever, utc_now
from scheduler.sweep import Notify, run_sweep
from skill.config import Settings
from skill.episodes.store import Store, StoreUnavailable, connect
from skill.isotime import parse_utc
from skill.logs import configure_logging


def _store(settings: Settings) -> Store:
    settings.require_secret()
    return Store(connect(settings.redis_url, cluster=settings.redis_cluster),
                 settings.user_key_secret)  # fmt: skip


def _notifier(settings: Settings) -> Notify | None:
    """Skill messaging when credentials are configured (skill/cloud), else none."""
    from scheduler.notify import messaging_notifier  # noqa: PLC0415 - optional feature

    return messaging_notifier(settings)


def parse_now(text: str | None) -> datetime:
    """``--now``: an ISO-8601 time (UTC when it has no offset); default the real clock."""
    if not text:
        return utc_now()
    try:
        return parse_utc(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--now must be an ISO-8601 time, not {text!r}") from None


# Exit status of `sweep` when Redis cannot be reached (2 is a settings error, see skill/cli.py).
EXIT_STORE_UNAVAILABLE = 3


def _redis_address(url: str) -> str:
    """host:port of a Redis URL, without the password it may carry."""
    parts = urlsplit(url)
    return f"{parts.hostname or '?'}:{parts.port or 6379}"


def cmd_sweep(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    configure_logging(settings.log_level)
    store = _store(settings)
    now = args.now or utc_now()  # argparse does not run `type` on a None default
    try:
        report = run_sweep(store, now, store_assessor(store.evidence), _notifier(settings))
    except StoreUnavailable as exc:
        # One line for whoever runs this from cron or a shell, not a traceback: users this
        # sweep claimed come back after their lease, and advice is fire-once, so a later
        # sweep finishes the work.
        sys.stderr.write(
            f"twitch-diary sweep: Redis at {_redis_address(settings.redis_url)} is unavailable "
            f"({exc}); sweep not completed\n"
        )
        return EXIT_STORE_UNAVAILABLE
    json.dump(report.as_dict(), sys.stdout)
    sys.stdout.write("\n")
    return 0


def cmd_scheduler(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    configure_logging(settings.log_level)
    store = _store(settings)
    assess, notify = store_assessor(store.evidence), _notifier(settings)

    def sweep() -> dict[str, object]:
        return run_sweep(store, utc_now(), assess, notify).as_dict()

    def erasure() -> bool:
        return compact_after_deletions(store, utc_now())

    seconds = int(CHECK_EVERY.total_seconds())
    run_forever(build_scheduler(sweep, settings.sweep_interval_seconds, erasure, seconds))
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    scheduler = sub.add_parser("scheduler", help="run the escalation scheduler (its own process)")
    scheduler.set_defaults(func=cmd_scheduler)
    sweep = sub.add_parser("sweep", help="run one escalation sweep now and print its counts")
    sweep.add_argument("--now", type=parse_now, default=None, help="ISO-8601 time of the sweep")
    sweep.set_defaults(func=cmd_sweep)
