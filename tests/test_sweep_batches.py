"""The sweep's batch scripts (real Redis): one script call reads, or records advice for, many
users on one Redis; each user's result is what a call for that user alone gives."""

from __future__ import annotations

from datetime import timedelta

from scheduler.assess import store_assessor
from skill.episodes.store import Store
from skill.episodes.store import evidence as evidence_module
from skill.episodes.store import outbox as outbox_module
from tests.test_sweep import at, log_twitch, persistent_user

SWEEP_AT = at(16, 20)
LEASE = timedelta(minutes=5)


def mixed_users(store: Store, count: int) -> list[str]:
    """Persistent users, users with two days only, and users with nothing at all."""
    users = []
    for n in range(count):
        if n % 3 == 0:
            users.append(persistent_user(store, f"p{n}"))
        elif n % 3 == 1:
            user = store.user_key(f"s{n}")
            log_twitch(store, user, 15, "eyelid")
            log_twitch(store, user, 16, "calf")
            users.append(user)
        else:
            users.append(store.user_key(f"nobody{n}"))
    return users


def test_a_batch_read_of_more_users_than_one_call_takes_equals_each_users_own_read(
    store: Store,
) -> None:
    users = mixed_users(store, 2 * evidence_module.USERS_PER_CALL + 7)
    together = store.evidence.evidence_many(users)
    assert list(together) == users
    for user in users:
        alone = store.evidence.evidence_many([user])[user]
        assert together[user] == alone


def test_a_batch_read_leaves_the_guard_only_with_users_who_have_evidence(store: Store) -> None:
    users = mixed_users(store, evidence_module.USERS_PER_CALL + 5)
    store.evidence.evidence_many(users, guard="g", lease=LEASE)
    guarded = {user for user in users if store.client.get(f"twitch:{{{user}}}:sweep_read")}
    nobody = {store.user_key(f"nobody{n}") for n in range(len(users)) if n % 3 == 2}
    assert guarded == set(users) - nobody


def test_a_batch_write_records_each_users_advice_once_across_calls(store: Store) -> None:
    users = mixed_users(store, 2 * outbox_module.USERS_PER_CALL + 3)
    store.sweep_guard.guard_reads(users, "g", LEASE)
    outcomes = store_assessor(store.evidence)(users, SWEEP_AT)
    advice = {outcome.user_key: list(outcome.advice) for outcome in outcomes}
    first = store.outbox.record_sweep_advice(advice, SWEEP_AT, "g")
    assert first.created == {user: [True] * len(items) for user, items in advice.items()}
    # A user with no evidence got no guard (nothing is created for them), so no write either.
    assert first.refused == {user for n, user in enumerate(users) if n % 3 == 2}
    persistent = [user for n, user in enumerate(users) if n % 3 == 0]
    for user in persistent:
        assert [a.rule for a in store.advice.pending_advice(user)] == ["persistence"]
    for user in set(users) - set(persistent):
        assert store.advice.pending_advice(user) == []
    # The guard went with the write: a second write of the same batch is refused.
    again = store.outbox.record_sweep_advice(advice, SWEEP_AT, "g")
    assert again.refused == set(users)
    assert all(not any(flags) for flags in again.created.values())


def test_a_user_refused_inside_a_call_does_not_stop_the_others(store: Store) -> None:
    users = mixed_users(store, 9)
    store.sweep_guard.guard_reads(users, "g", LEASE)
    outcomes = store_assessor(store.evidence)(users, SWEEP_AT)
    advice = {outcome.user_key: list(outcome.advice) for outcome in outcomes}
    forgotten = users[3]  # a persistent user, forgotten between the read and the write
    store.forget(forgotten)
    record = store.outbox.record_sweep_advice(advice, SWEEP_AT, "g")
    nobody = {user for n, user in enumerate(users) if n % 3 == 2}  # no guard, as above
    assert record.refused == {forgotten} | nobody
    assert record.created[forgotten] == [False]
    assert record.created[users[0]] == [True]
    assert store.client.keys(f"twitch:{{{forgotten}}}:*") == []
