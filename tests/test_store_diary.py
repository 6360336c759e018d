"""The diary store (store.diary) on a real Redis: order, ranges, deletes, ids, concurrency."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest

from skill.episodes.keys import user_slot_key
from skill.episodes.model import Episode
from skill.episodes.store import Store
from skill.episodes.store.diary import (
    EPISODES,
    EpisodeDecodeError,
    decode_episode,
    encode_episode,
    episode_score,
    new_episode_id,
)

T0 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def make(minutes: int = 0, **fields: object) -> Episode:
    started = T0 + timedelta(minutes=minutes)
    base: dict[str, object] = {
        "id": new_episode_id(),
        "started_at": started,
        "local_date": started.date(),
        "location": "calf",
        "side": "left",
        "duration_seconds": 120,
        "time_of_day": "morning",
        "triggers": ("caffeine", "poor_sleep"),
    }
    base.update(fields)
    return Episode(**base)  # type: ignore[arg-type]


def test_encoding_round_trips_every_field() -> None:
    full = make()
    sparse = make(location="upper_back", side=None, duration_seconds=None, time_of_day=None,
                  triggers=())  # fmt: skip
    for episode in (full, sparse):
        assert decode_episode(encode_episode(episode), episode_score(episode)) == episode
    assert len(encode_episode(full)) < 60


def test_encoding_refuses_separators_and_decoding_refuses_garbage() -> None:
    with pytest.raises(ValueError):
        encode_episode(make(location="calf|x"))
    with pytest.raises(EpisodeDecodeError):
        decode_episode("not an episode", 0)
    with pytest.raises(EpisodeDecodeError):
        decode_episode("id|calf|l|abc|m||20261124", 0)


def test_episodes_come_back_in_the_order_they_happened(store: Store) -> None:
    user = store.user_key("u1")
    later, earlier = make(30), make(-30)
    store.diary.add_episode(user, later, check_at=T0)
    store.diary.add_episode(user, earlier, check_at=T0)
    assert store.diary.all_episodes(user) == [earlier, later]
    assert store.diary.last_episode(user) == later
    assert store.diary.episode_count(user) == 2


def test_episodes_between_is_half_open(store: Store) -> None:
    user = store.user_key("u1")
    episodes = [make(m) for m in (0, 10, 20)]
    for episode in episodes:
        store.diary.add_episode(user, episode, check_at=T0)
    found = store.diary.episodes_between(user, T0, T0 + timedelta(minutes=20))
    assert found == episodes[:2]
    assert (
        store.diary.episodes_between(user, T0 + timedelta(hours=1), T0 + timedelta(hours=2)) == []
    )


def test_add_schedules_the_user_for_the_scheduler(store: Store) -> None:
    user = store.user_key("u1")
    store.diary.add_episode(user, make(), check_at=T0 + timedelta(minutes=5))
    assert store.due.due_count(T0) == 0
    assert store.due.due_count(T0 + timedelta(minutes=5)) == 1


def test_delete_last_and_delete_by_id(store: Store) -> None:
    user = store.user_key("u1")
    first, second, third = make(0), make(1), make(2)
    for episode in (first, second, third):
        store.diary.add_episode(user, episode, check_at=T0)
    assert store.diary.delete_last_episode(user) == third
    assert store.diary.delete_episode(user, first.id, first.started_at) is True
    assert store.diary.delete_episode(user, first.id, first.started_at) is False
    assert store.diary.all_episodes(user) == [second]
    assert store.diary.delete_last_episode(user) == second
    assert store.diary.delete_last_episode(user) is None
    assert store.diary.last_episode(user) is None


def test_same_moment_same_content_are_two_episodes(store: Store) -> None:
    user = store.user_key("u1")
    twin_a, twin_b = make(0), make(0)
    store.diary.add_episode(user, twin_a, check_at=T0)
    store.diary.add_episode(user, twin_b, check_at=T0)
    store.diary.add_episode(user, twin_a, check_at=T0)  # a client retry: no duplicate
    assert sorted(e.id for e in store.diary.all_episodes(user)) == sorted([twin_a.id, twin_b.id])


def test_ids_are_unique_and_separator_free() -> None:
    ids = {new_episode_id() for _ in range(10_000)}
    assert len(ids) == 10_000
    assert not any("|" in i or "," in i for i in ids)


def test_two_writers_of_one_user_lose_nothing(store: Store) -> None:
    user = store.user_key("u1")
    per_writer = 150
    written: list[list[Episode]] = [[], []]

    def writer(index: int) -> None:
        own = Store(store.client, b"unused-here-the-user-key-is-given")
        for n in range(per_writer):
            episode = make(n)  # both writers use the same timestamps on purpose
            own.diary.add_episode(user, episode, check_at=T0)
            written[index].append(episode)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = {e.id for e in store.diary.all_episodes(user)}
    assert stored == {e.id for e in written[0] + written[1]}
    assert store.diary.episode_count(user) == 2 * per_writer


def test_memory_per_episode_is_at_most_200_bytes(store: Store, redis_client) -> None:
    user = store.user_key("u1")
    n = 1000
    for i in range(n):
        store.diary.add_episode(user, make(i, local_date=date(2026, 11, 24)), check_at=T0)
    used = redis_client.memory_usage(user_slot_key(user, EPISODES), samples=0)
    assert used / n <= 200


def test_forget_removes_the_diary_and_the_due_entry(store: Store, redis_client) -> None:
    user, other = store.user_key("u1"), store.user_key("u2")
    store.diary.add_episode(user, make(), check_at=T0)
    store.diary.add_episode(other, make(), check_at=T0)
    store.forget(user)
    assert not [k for k in redis_client.scan_iter() if user in k]
    assert store.due.due_count(T0) == 1
    assert store.diary.episode_count(other) == 1


def test_an_entry_is_stored_in_one_trip_even_after_redis_lost_its_scripts(
    store: Store, redis_client
) -> None:
    user = store.user_key("after-a-restart")
    redis_client.script_flush()  # as after a restart: the add's script is unknown to Redis
    first = make()
    assert store.diary.add_episode(user, first, check_at=first.started_at) is True
    assert store.diary.add_episode(user, first, check_at=first.started_at) is False  # a retry
    assert store.diary.episode_count(user) == 1
    assert store.due.due_count(first.started_at) == 1
