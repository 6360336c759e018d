"""Issue 13, item 3: deleted data leaves the disk, read straight from the AOF files.

A real redis-server (AOF on, `appendfsync always`) in the test's directory: a diary entry
with a recognisable trigger is in the AOF files; "delete all my data" alone leaves it there
(a DEL only appends); the scheduler's rate-limited rewrite takes it out, and keeps the
other users' data, also across a restart.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from devkit.local_redis import RedisProcess
from scheduler.erasure import CHECK_EVERY, REWRITE_EVERY, compact_after_deletions
from skill.episodes.model import Episode
from skill.episodes.store import Store, connect
from tests.conftest import SECRET

NOW = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)
SECRET_TRIGGER = "zebra crossing at dawn"  # long enough that no RDB compression hides it


@pytest.fixture
def redis_process(tmp_path: Path) -> Iterator[RedisProcess]:
    server = RedisProcess(tmp_path / "redis", appendfsync="always").start()
    yield server
    server.stop()


def on_disk(server: RedisProcess, text: str) -> bool:
    """Whether ``text`` is in any file Redis keeps in its directory (AOF parts, manifest)."""
    needle = text.encode()
    return any(needle in path.read_bytes() for path in server.data_dir.rglob("*")
               if path.is_file() and path.name != "redis.log")  # fmt: skip


def log_entry(store: Store, name: str, trigger: str) -> str:
    user = store.user_key(name)
    episode = Episode(id=f"id-{name}", started_at=NOW, local_date=date(2026, 11, 24),
                      location="calf", triggers=(trigger,))  # fmt: skip
    store.diary.add_episode(user, episode, check_at=NOW)
    return user


def wait_for_rewrite(store: Store) -> None:
    deadline = time.monotonic() + 30
    while store.aof_rewrite_running():
        assert time.monotonic() < deadline, "the AOF rewrite did not finish"
        time.sleep(0.05)


def test_a_deleted_diary_leaves_the_aof_files_after_the_rewrite(
    redis_process: RedisProcess,
) -> None:
    store = Store(connect(redis_process.url), SECRET)
    leaving = log_entry(store, "leaving", SECRET_TRIGGER)
    staying = log_entry(store, "staying", "coffee")
    assert on_disk(redis_process, SECRET_TRIGGER)
    assert on_disk(redis_process, leaving)

    store.forget(leaving)
    assert on_disk(redis_process, SECRET_TRIGGER)  # a DEL alone leaves the diary on disk

    assert compact_after_deletions(store, NOW) is True
    wait_for_rewrite(store)
    assert not on_disk(redis_process, SECRET_TRIGGER)
    assert not on_disk(redis_process, leaving)

    redis_process.kill()
    redis_process.restart()  # the rewritten files are what Redis loads
    assert [e.triggers for e in store.diary.all_episodes(staying)] == [("coffee",)]
    assert store.diary.all_episodes(leaving) == []


def test_rewrites_are_rate_limited_and_a_later_deletion_still_gets_one(
    redis_process: RedisProcess,
) -> None:
    store = Store(connect(redis_process.url), SECRET)
    assert compact_after_deletions(store, NOW) is False  # nothing deleted: no rewrite
    store.forget(log_entry(store, "first", "first trigger words"))
    assert compact_after_deletions(store, NOW) is True
    wait_for_rewrite(store)

    second = log_entry(store, "second", SECRET_TRIGGER)
    store.forget(second)
    soon = NOW + REWRITE_EVERY - CHECK_EVERY
    assert compact_after_deletions(store, soon) is False  # too soon after the last one
    assert on_disk(redis_process, SECRET_TRIGGER)
    assert store.erasure.aof_rewrite_wanted()  # still owed
    bound = NOW + REWRITE_EVERY
    assert compact_after_deletions(store, bound) is True
    wait_for_rewrite(store)
    assert not on_disk(redis_process, SECRET_TRIGGER)
    assert not store.erasure.aof_rewrite_wanted()


def test_a_rewrite_refused_because_one_is_running_is_wanted_again(
    redis_process: RedisProcess,
) -> None:
    store = Store(connect(redis_process.url), SECRET)
    for n in range(20):
        log_entry(store, f"kept-{n}", "coffee")
    # A slow rewrite already running (Redis waits this long per key it writes), as one Redis
    # started itself might be: its snapshot can predate the deletion, so it does not count.
    store.client.config_set("rdb-key-save-delay", 20_000)
    assert store.rewrite_aof() is True
    store.forget(log_entry(store, "u1", SECRET_TRIGGER))
    assert compact_after_deletions(store, NOW) is False
    assert store.erasure.aof_rewrite_wanted()
    store.client.config_set("rdb-key-save-delay", 0)
    wait_for_rewrite(store)
    assert compact_after_deletions(store, NOW + CHECK_EVERY) is True
    wait_for_rewrite(store)
    assert not on_disk(redis_process, SECRET_TRIGGER)
