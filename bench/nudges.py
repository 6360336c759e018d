"""Nudges benchmark: a sweep that owes, sends and settles a skill message per due user.

Starts a redis-server (AOF on, `appendfsync always`, as shipped) and the local Alexa cloud
in this process, loads consenting users whose diaries call for advice, and sweeps them
twice over the same data: once without messaging (advice only) and once through the outbox
(each advice's message owed in the same write, sent to the sim's Skill Messaging API,
settled every 50). Prints both wall times and the messages per second. Redis round trips
per batch of n users: claim, guard, read, record, reschedule, and one per 50 messages.

Usage: python bench/nudges.py [--users 2000]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devkit.alexa_sim.sim import SIM_CLIENT_ID, SIM_CLIENT_SECRET, AlexaSim  # noqa: E402
from devkit.local_redis import RedisProcess  # noqa: E402
from scheduler.assess import store_assessor  # noqa: E402
from scheduler.notify import messaging_notifier  # noqa: E402
from scheduler.sweep import SweepReport, run_sweep  # noqa: E402
from skill.config import Settings  # noqa: E402
from skill.episodes.model import Episode  # noqa: E402
from skill.episodes.store import Store, connect  # noqa: E402

DAY_ONE = datetime(2026, 11, 1, 10, tzinfo=UTC)
SWEEP_AT = DAY_ONE + timedelta(days=15, hours=10)
SECRET = b"bench-secret-0123456789abcdef"


def load(store: Store, prefix: str, users: int) -> None:
    """Users twitching on days 1, 4, 8, 12 and 16 (persistent), with reminder consent."""
    for n in range(users):
        name = f"amzn1.ask.account.{prefix}-{n}"
        user = store.user_key(name)
        store.profile.update_profile(user, {"tz": "Europe/London"})
        for day in (1, 4, 8, 12, 16):
            started = DAY_ONE + timedelta(days=day - 1)
            episode = Episode(id=f"e{day}", started_at=started,
                              local_date=date(2026, 11, day), location="calf")  # fmt: skip
            store.diary.add_episode(user, episode, check_at=started)
        store.reminders.grant_consent(user, name, DAY_ONE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=2000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        redis = RedisProcess(Path(tmp), appendfsync="always").start()
        sim = AlexaSim(tick_seconds=3600).start()  # no skill URL: messages are accepted only
        try:
            store = Store(connect(redis.url, timeout=30), SECRET)
            settings = dataclasses.replace(
                Settings(redis_url=redis.url, user_key_secret=SECRET),
                lwa_endpoint=sim.url, alexa_api_endpoint=sim.url,
                alexa_client_id=SIM_CLIENT_ID, alexa_client_secret=SIM_CLIENT_SECRET,
            )  # fmt: skip
            assess = store_assessor(store.evidence)
            load(store, "quiet", args.users)
            plain = run_sweep(store, SWEEP_AT, assess)
            store.client.flushall()
            load(store, "nudged", args.users)
            nudged = run_sweep(store, SWEEP_AT, assess, messaging_notifier(settings))
            accepted = len(sim.messages())
        finally:
            sim.stop()
            redis.stop()
    show("without messaging", plain)
    show("through the outbox", nudged)
    extra = nudged.seconds - plain.seconds
    print(f"messages accepted by the sim: {accepted:,}; "
          f"{nudged.messages_sent / max(extra, 1e-9):,.0f} messages/s over the advice-only "
          f"sweep ({extra:.2f} s more)")  # fmt: skip


def show(label: str, report: SweepReport) -> None:
    print(f"{label}: {report.claimed:,} due users, {report.advice_created:,} advice, "
          f"{report.messages_sent:,} messages sent, {report.seconds:.2f} s wall "
          f"({report.claimed / report.seconds:,.0f} users/s)")  # fmt: skip


if __name__ == "__main__":
    main()
