"""Store basics on a real Redis: user keys, profile, forget (every small store), Redis down."""

from __future__ import annotations

import pytest

from devkit.local_redis import free_port
from skill.episodes.keys import StoreUnavailable, user_slot_key
from skill.episodes.store import Store, connect
from skill.episodes.store.erasure import ERASURE_PENDING
from tests.conftest import SECRET


def test_user_key_is_an_hmac_not_the_raw_id(store: Store) -> None:
    key = store.user_key("amzn1.ask.account.ABC")
    assert "ABC" not in key and len(key) == 64
    assert key == store.user_key("amzn1.ask.account.ABC")
    other = Store(store.client, b"another-secret-0123456789")
    assert key != other.user_key("amzn1.ask.account.ABC")


def test_all_of_a_users_keys_share_one_hash_tag(store: Store, redis_client) -> None:
    user = store.user_key("u1")
    store.profile.update_profile(user, {"tz": "Europe/London"})
    store.profile.claim_notice(user)
    keys = redis_client.keys("*")
    assert keys and all(k.startswith(f"twitch:{{{user}}}:") for k in keys)


def test_notice_is_claimed_once(store: Store) -> None:
    user = store.user_key("u1")
    assert store.profile.claim_notice(user) is True
    assert store.profile.claim_notice(user) is False


def test_forget_leaves_no_keys(store: Store, redis_client) -> None:
    user = store.user_key("u1")
    other = store.user_key("u2")
    store.profile.update_profile(user, {"tz": "UTC"})
    store.profile.update_profile(other, {"tz": "UTC"})
    assert store.forget(user) >= 1
    assert not [k for k in redis_client.scan_iter() if user in k]
    assert store.profile.profile(other) == {"tz": "UTC"}


def test_forget_deletes_every_key_each_small_store_names(store: Store, redis_client) -> None:
    user = store.user_key("u1")
    names = {name for part in store.parts for name in getattr(part, "KEY_NAMES", ())}
    assert names == set(Store.user_key_names())
    assert len(names) > 10  # every feature's keys, not only the profile's
    for name in names:
        redis_client.hset(user_slot_key(user, name), "field", "x")  # DEL takes any type
    assert store.forget(user) == len(names)
    assert not [k for k in redis_client.scan_iter() if user in k]
    assert redis_client.exists(ERASURE_PENDING)  # the erasure part's after-forget hook ran


def test_redis_down_raises_store_unavailable() -> None:
    dead = Store(connect(f"redis://127.0.0.1:{free_port()}/0", timeout=0.2), SECRET)
    assert dead.ping() is False
    with pytest.raises(StoreUnavailable):
        dead.profile.profile(dead.user_key("u1"))


def test_due_index_claims_each_user_once_per_lease(store: Store) -> None:
    from datetime import UTC, datetime, timedelta

    from skill.episodes.store.due import DUE_SHARDS, due_shard

    now = datetime(2026, 11, 24, 12, tzinfo=UTC)
    users = [store.user_key(f"u{i}") for i in range(40)]
    for user in users:
        store.due.schedule_check(user, now - timedelta(minutes=1))
    store.due.schedule_check(users[0], now + timedelta(days=1))  # never postpones an earlier check
    assert store.due.due_count(now) == 40
    claimed = [
        u
        for shard in range(DUE_SHARDS)
        for u in store.due.claim_due(shard, now, timedelta(minutes=5), 100)
    ]
    assert sorted(claimed) == sorted(users)
    assert all(
        store.due.claim_due(due_shard(u), now, timedelta(minutes=5), 100) == [] for u in users
    )
    later = now + timedelta(minutes=6)  # lease over: a crashed sweep's users come back
    assert store.due.due_count(later) == 40
    store.forget(users[1])
    assert store.due.due_count(later) == 39
