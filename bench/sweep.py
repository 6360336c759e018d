"""Sweep benchmark: 100,000 users with 30 episodes each, 10% of them due.

Starts its own redis-server (temporary directory, persistence off: this measures the
sweep, not the disk), loads the users with pipelined writes in the store's own encoding,
runs one sweep in this process and prints the due users evaluated per second and the wall
time, with the time split between the batch reads and the rules.

Usage: python bench/sweep.py [--users 100000] [--episodes 30] [--due 0.1] [--batch 500]
[--legacy]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devkit.local_redis import RedisProcess  # noqa: E402
from scheduler.assess import StoreAssessor  # noqa: E402
from scheduler.sweep import Outcome, run_sweep  # noqa: E402
from skill.episodes.keys import user_slot_key  # noqa: E402
from skill.episodes.model import REGION_OF_LOCATION, Episode  # noqa: E402
from skill.episodes.store import Store, connect  # noqa: E402
from skill.episodes.store.diary import (  # noqa: E402
    EPISODES,
    MARK_LIST,
    MARKS,
    MARKS_COMPLETE,
    encode_episode,
    episode_score,
)
from skill.episodes.store.due import due_key, due_shard  # noqa: E402
from skill.episodes.store.evidence import Evidence  # noqa: E402

NOW = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
LOCATIONS = sorted(REGION_OF_LOCATION)


def load(
    store: Store, users: int, episodes: int, due_share: float, *, legacy: bool, seed: int = 7
) -> int:
    """Write the users; returns how many are due. ``legacy``: diaries without the summary, as
    written before it existed (the sweep then rebuilds each summary as it reads)."""
    rng = random.Random(seed)
    client = store.client
    due = 0
    pipe = client.pipeline(transaction=False)
    for n in range(users):
        user = store.user_key(f"bench-user-{n}")
        members = {}
        marks: dict[str, int] = {MARKS_COMPLETE: 1}  # the summary, as the store's writes keep it
        for i in range(episodes):
            started = NOW - timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 1440))
            episode = Episode(id=f"{i:06d}", started_at=started, local_date=started.date(),
                              location=rng.choice(LOCATIONS), side="left",
                              duration_seconds=60, time_of_day="evening",
                              triggers=("caffeine",))  # fmt: skip
            members[encode_episode(episode)] = episode_score(episode)
            mark = f"{episode.local_date:%Y%m%d}|{episode.location}"
            marks[mark] = marks.get(mark, 0) + 1
        pipe.zadd(user_slot_key(user, EPISODES), members)
        if not legacy:
            pipe.hset(user_slot_key(user, MARKS), mapping=marks)
            listed = ",".join(mark for mark in marks if mark != MARKS_COMPLETE)
            pipe.set(user_slot_key(user, MARK_LIST), listed)
        is_due = rng.random() < due_share
        due += is_due
        check = NOW - timedelta(minutes=5) if is_due else NOW + timedelta(days=3)
        pipe.zadd(due_key(due_shard(user)), {user: check.timestamp()})
        if n % 500 == 499:
            pipe.execute()
    pipe.execute()
    return due


def redis_main_thread_cpu(store: Store) -> float:
    """CPU seconds Redis's main thread has used (INFO cpu): every command once, where INFO
    commandstats counts a script's commands both in themselves and in the script's time."""
    cpu = store.client.info("cpu")
    return float(cpu["used_cpu_user_main_thread"]) + float(cpu["used_cpu_sys_main_thread"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--episodes", type=int, default=30)
    parser.add_argument("--due", type=float, default=0.1)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument(
        "--legacy", action="store_true", help="diaries without the summary (the migration)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as data_dir:
        redis = RedisProcess(Path(data_dir), extra_args=("--appendonly", "no")).start()
        try:
            store = Store(connect(redis.url, timeout=30), b"bench-secret-0123456789abcdef")
            started = time.perf_counter()
            due = load(store, args.users, args.episodes, args.due, legacy=args.legacy)
            print(f"loaded {args.users:,} users x {args.episodes} episodes "
                  f"({due:,} due) in {time.perf_counter() - started:.1f} s")  # fmt: skip
            used = int(store.client.info("memory")["used_memory"])
            print(f"redis memory: {used / 2**20:.0f} MiB")

            timings = {"read": 0.0, "rules": 0.0}

            class TimedAssessor(StoreAssessor):
                """The production assessor, its read (in the sweep's reader thread, so it
                overlaps the rules and writes) and its rules timed apart."""

                def read_guarded(
                    self, users: list[str], guard: str, lease: timedelta
                ) -> dict[str, Evidence]:
                    t0 = time.perf_counter()
                    read = super().read_guarded(users, guard, lease)
                    timings["read"] += time.perf_counter() - t0
                    return read

                def assess_read(
                    self, users: list[str], read: dict[str, Evidence], now: datetime
                ) -> list[Outcome]:
                    t0 = time.perf_counter()
                    outcomes = super().assess_read(users, read, now)
                    timings["rules"] += time.perf_counter() - t0
                    return outcomes

            assess = TimedAssessor(store.evidence)
            redis_started = redis_main_thread_cpu(store)
            cpu_started = time.process_time()
            report = run_sweep(store, NOW, assess, batch_size=args.batch)
            cpu = time.process_time() - cpu_started
            redis_cpu = redis_main_thread_cpu(store) - redis_started
        finally:
            redis.stop()

    rate = report.claimed / report.seconds if report.seconds else 0.0
    rest = report.seconds - timings["rules"]
    print(
        f"sweep: {report.claimed:,} due users in {report.seconds:.2f} s wall "
        f"= {rate:,.0f} due users/s on one core; {report.advice_created:,} advice created"
    )
    print(
        f"  batch reads with the read guard (pipelined Lua, decode; in the reader thread, "
        f"overlapping the rest): {timings['read']:.2f} s; rules: {timings['rules']:.2f} s; "
        f"waiting for the reader and writer threads (claims, reads, writes): {rest:.2f} s"
    )
    # CPU time is steadier than wall time on a shared machine: the sweep's own process, and
    # Redis's main thread (INFO cpu; it includes Redis's own network reads and writes).
    print(
        f"  CPU: sweep process {cpu:.2f} s ({report.claimed / cpu:,.0f} due users per CPU "
        f"second), redis main thread {redis_cpu:.2f} s"
    )


if __name__ == "__main__":
    main()
