"""Benchmark of the diary store: episodes written per second, Redis memory per episode.

Starts its own redis-server (AOF on, appendfsync as given) in a temporary
directory, writes episodes through store.diary.add_episode (due-index + script) for a
number of users, and prints the figures. Nothing is asserted: numbers only.

    .venv/bin/python bench/store.py [--episodes 5000] [--users 50] [--appendfsync always]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import redis

from devkit.local_redis import RedisProcess
from skill.episodes.model import REGION_OF_LOCATION, TIMES_OF_DAY, TRIGGERS, Episode
from skill.episodes.store import Store, connect
from skill.episodes.store.diary import new_episode_id

SECRET = b"benchmark-secret-0123456789abcdef"
START = datetime(2026, 1, 1, tzinfo=UTC)


def random_episode(rng: random.Random, n: int) -> Episode:
    started = START + timedelta(minutes=17 * n + rng.randint(0, 16))
    return Episode(
        id=new_episode_id(),
        started_at=started,
        local_date=started.date(),
        location=rng.choice(sorted(REGION_OF_LOCATION)),
        side=rng.choice(["left", "right", "both", None]),
        duration_seconds=rng.choice([None, 5, 30, 120, 600, 3600]),
        time_of_day=rng.choice(TIMES_OF_DAY),
        triggers=tuple(sorted(rng.sample(sorted(TRIGGERS - {"none"}), rng.randint(0, 2)))),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=5000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--appendfsync", choices=["always", "everysec", "no"], default="always")
    args = parser.parse_args()

    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as tmp:
        server = RedisProcess(Path(tmp), appendfsync=args.appendfsync).start()
        try:
            raw = redis.Redis.from_url(server.url)
            store = Store(connect(server.url), SECRET)
            users = [store.user_key(f"bench-user-{i}") for i in range(args.users)]
            # Touch every user's due shard first so the index is not counted per episode.
            for user in users:
                store.due.schedule_check(user, START)
            before = int(raw.info("memory")["used_memory"])
            episodes = [random_episode(rng, n) for n in range(args.episodes)]
            started = time.perf_counter()
            for n, episode in enumerate(episodes):
                store.diary.add_episode(users[n % len(users)], episode, check_at=episode.started_at)
            elapsed = time.perf_counter() - started
            after = int(raw.info("memory")["used_memory"])
            stored = sum(store.diary.episode_count(u) for u in users)
            key_bytes = sum(
                int(raw.memory_usage(f"twitch:{{{u}}}:episodes", samples=0) or 0) for u in users
            )
        finally:
            server.stop()

    print(f"redis-server appendfsync={args.appendfsync}, {args.users} users, one client")
    print(f"episodes written:            {stored} (asked {args.episodes})")
    print(f"episodes per second:         {stored / elapsed:,.0f}")
    print(f"used_memory delta / episode: {(after - before) / stored:.1f} bytes")
    print(f"MEMORY USAGE / episode:      {key_bytes / stored:.1f} bytes (target: 200 or less)")


if __name__ == "__main__":
    main()
