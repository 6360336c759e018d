"""The store's tests again, on a three-primary Redis Cluster (REDIS_CLUSTER=1 path).

The test functions of test_store_core, test_store_diary and the sweep's tests that need only
a store are collected here a second time; this module's ``store`` and ``redis_client``
fixtures replace the single-server ones, so every store test also runs against the cluster
(where the sweep's scripts take one user per call, each user being in a slot of their own,
and are loaded on every primary before a pipeline of them).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis as redis_lib
import redis.cluster

from devkit import diary_envelopes as d
from devkit import envelopes as env
from skill.config import Settings
from skill.episodes.store import Store, connect
from skill.web.app import create_app
from tests import test_store_core, test_store_diary, test_sweep, test_sweep_batches
from tests.conftest import NOW, SECRET
from tests.redis_cluster import RedisCluster

for _module in (test_store_core, test_store_diary):
    globals().update({n: f for n, f in vars(_module).items() if n.startswith("test_")})
for _module in (test_sweep, test_sweep_batches):
    globals().update(
        {
            f"test_sweep_{name[5:]}": test
            for name, test in vars(_module).items()
            if name.startswith("test_") and set(inspect.signature(test).parameters) == {"store"}
        }
    )


@pytest.fixture(scope="module")
def redis_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisCluster]:
    cluster = RedisCluster(Path(tmp_path_factory.mktemp("cluster"))).start()
    yield cluster
    cluster.stop()


class AllPrimariesClient(redis.cluster.RedisCluster):
    """A cluster client whose KEYS asks every primary, as the single-server tests expect."""

    def keys(self, pattern: str = "*", **kwargs: object) -> list:  # type: ignore[override]
        return super().keys(pattern, target_nodes=self.PRIMARIES, **kwargs)


@pytest.fixture
def redis_client(redis_cluster: RedisCluster) -> Iterator[redis.cluster.RedisCluster]:
    client = AllPrimariesClient.from_url(redis_cluster.url, decode_responses=True)
    client.flushall(target_nodes=redis.cluster.RedisCluster.PRIMARIES)
    yield client
    client.flushall(target_nodes=redis.cluster.RedisCluster.PRIMARIES)
    client.close()


@pytest.fixture
def store(redis_cluster: RedisCluster, redis_client: redis_lib.RedisCluster) -> Store:
    settings = Settings(redis_url=redis_cluster.url, redis_cluster=True, user_key_secret=SECRET)
    return Store(connect(settings.redis_url, cluster=settings.redis_cluster), SECRET)


def test_the_cluster_really_has_three_primaries(redis_client: redis.cluster.RedisCluster) -> None:
    assert len(redis_client.get_primaries()) == 3


def test_users_spread_over_the_primaries_and_each_stays_in_one_slot(
    store: Store, redis_client: redis.cluster.RedisCluster
) -> None:
    now = datetime(2026, 11, 24, tzinfo=UTC)
    slots = set()
    for i in range(30):
        user = store.user_key(f"u{i}")
        store.diary.add_episode(user, test_store_diary.make(i), check_at=now)
        store.profile.update_profile(user, {"tz": "UTC"})
        user_slots = {redis_client.keyslot(k) for k in redis_client.scan_iter(match=f"*{user}*")}
        assert len(user_slots) == 1
        slots |= user_slots
    nodes = {redis_client.nodes_manager.get_node_from_slot(s).name for s in slots}
    assert len(nodes) == 3


def test_the_skill_logs_and_reads_on_a_cluster_with_redis_cluster_set(
    redis_cluster: RedisCluster, redis_client: redis.cluster.RedisCluster, settings_api
) -> None:
    settings = Settings.from_env(
        {"REDIS_URL": redis_cluster.url, "REDIS_CLUSTER": "1", "ALEXA_VERIFY": "false",
         "USER_KEY_SECRET": SECRET.decode()}
    )  # fmt: skip
    client = create_app(settings, clock=env.TestClock(NOW)).test_client()
    text, _ = env.ask(client, d.log(NOW, d.complete_slots(), api=settings_api.url))
    # The first entry ends with the check-in offer (tests/test_checkin_offer.py).
    assert text.startswith("Saved: left calf, 1 minute, this morning, after stress.")
    text, _ = env.ask(client, env.intent("CountTwitchesIntent", NOW, api_endpoint=settings_api.url))
    assert text == "You logged 1 twitch today. Anything else?"
    assert client.get("/healthz").status_code == 200
