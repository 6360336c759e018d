"""Erasure benchmark: how long the AOF rewrite after deletions takes (the bound's last term).

Deleted data leaves the disk within 11 minutes plus the rewrite's own duration
(scheduler/erasure.py). This loads users with 30 episodes each into a redis-server with AOF
on (`appendfsync everysec`, as a bulk load), deletes one user through the store, runs the
scheduler's compaction and prints the rewrite's wall time and the AOF sizes before and after.

Usage: python bench/erasure.py [--users 100000] [--episodes 30]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sweep import NOW, load  # noqa: E402
from devkit.local_redis import RedisProcess  # noqa: E402
from scheduler.erasure import compact_after_deletions  # noqa: E402
from skill.episodes.store import Store, connect  # noqa: E402


def aof_bytes(data_dir: Path) -> int:
    return sum(p.stat().st_size for p in (data_dir / "appendonlydir").glob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--episodes", type=int, default=30)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        redis = RedisProcess(data_dir, appendfsync="everysec").start()
        try:
            store = Store(connect(redis.url, timeout=30), b"bench-secret-0123456789abcdef")
            load(store, args.users, args.episodes, due_share=0.0, legacy=False)
            before = aof_bytes(data_dir)
            store.forget(store.user_key("bench-user-0"))
            started = time.perf_counter()
            assert compact_after_deletions(store, NOW, timedelta(0))
            while store.aof_rewrite_running():
                time.sleep(0.01)
            seconds = time.perf_counter() - started
            after = aof_bytes(data_dir)
        finally:
            redis.stop()
    print(f"{args.users:,} users x {args.episodes} episodes: AOF {before / 2**20:.0f} MiB "
          f"before, {after / 2**20:.0f} MiB after the rewrite")  # fmt: skip
    print(f"rewrite after one deletion: {seconds:.2f} s wall "
          f"(deleted data off the disk within 11 min + this)")  # fmt: skip


if __name__ == "__main__":
    main()
