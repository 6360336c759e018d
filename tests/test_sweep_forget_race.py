"""Issue 13, item 3, with real processes: deletions racing a sweep leave no key behind.

1,500 users whose diaries call for advice; a `twitch-diary sweep` process sweeps them while
the test deletes them all ("delete all my data"), in an order unrelated to the sweep's, as
fast as one client can. Whatever interleaving happens, no key of any user may be left.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from devkit.local_redis import RedisProcess
from skill.episodes.store import Store, connect
from tests.conftest import SECRET
from tests.test_sweep import at, persistent_user

pytestmark = pytest.mark.slow

USERS = 1500
TWITCH_DIARY = str(Path(sys.executable).parent / "twitch-diary")


@pytest.fixture
def redis_process(tmp_path: Path) -> Iterator[RedisProcess]:
    server = RedisProcess(tmp_path / "redis", appendfsync="everysec").start()
    yield server
    server.stop()


def test_deleting_users_while_a_sweep_runs_leaves_none_of_their_keys(
    redis_process: RedisProcess,
) -> None:
    store = Store(connect(redis_process.url), SECRET)
    users = [persistent_user(store, f"race-{n}") for n in range(USERS)]
    environment = {**os.environ, "REDIS_URL": redis_process.url,
                   "USER_KEY_SECRET": SECRET.decode(), "LOG_LEVEL": "WARNING"}  # fmt: skip
    sweep = subprocess.Popen(  # noqa: S603 - our own entry point
        [TWITCH_DIARY, "sweep", "--now", at(16, 20).isoformat()],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    order = users[:]
    random.Random(13).shuffle(order)
    deleted_while_running = 0
    for user in order:
        store.forget(user)
        deleted_while_running += sweep.poll() is None
    out, err = sweep.communicate(timeout=120)
    assert sweep.returncode == 0, err.decode()
    report = json.loads(out)
    assert deleted_while_running > 0, "the sweep ended before the deletions began"
    left = [key for key in store.client.scan_iter() if key != "twitch:{erasure}:pending"]
    assert left == []
    print(  # noqa: T201 - the figures, with -s
        f"{deleted_while_running} deletions while the sweep ran; sweep {report}"
    )
