"""Advice is recorded exactly once per (rule, run) and delivered once, on a real Redis."""

from __future__ import annotations

import threading
from datetime import timedelta

from skill.episodes.advice import Advice, advice_id
from skill.episodes.store import Store
from tests.conftest import NOW


def make_advice(rule: str = "persistence", run_key: str = "2026-11-01", urgency: str = "routine",
                created_at: str = "2026-11-24T18:30:00+00:00") -> Advice:  # fmt: skip
    return Advice(
        id=advice_id(rule, run_key), rule=rule, run_key=run_key, action="see_neurologist",
        urgency=urgency, speech=f"advice for {rule}", created_at=created_at,
    )  # fmt: skip


def test_the_same_run_is_advised_once(store: Store) -> None:
    user = store.user_key("u1")
    assert store.advice.record_advice(user, make_advice()) is True
    assert store.advice.record_advice(user, make_advice()) is False
    assert [a.rule for a in store.advice.pending_advice(user)] == ["persistence"]


def test_a_new_run_of_the_same_rule_is_advised_again(store: Store) -> None:
    user = store.user_key("u1")
    store.advice.record_advice(user, make_advice(run_key="2026-09-01"))
    assert store.advice.record_advice(user, make_advice(run_key="2026-11-01")) is True
    assert len(store.advice.pending_advice(user)) == 2


def test_delivered_advice_is_not_spoken_again_nor_recreated(store: Store) -> None:
    user = store.user_key("u1")
    store.advice.record_advice(user, make_advice())
    store.advice.mark_advice_delivered(user, store.advice.pending_advice(user))
    assert store.advice.pending_advice(user) == []
    assert store.advice.record_advice(user, make_advice()) is False
    assert store.advice.pending_advice(user) == []


def test_pending_advice_comes_most_urgent_first(store: Store) -> None:
    user = store.user_key("u1")
    store.advice.record_advice(user, make_advice("persistence", urgency="routine"))
    store.advice.record_advice(user, make_advice("red_flag:numbness", urgency="urgent"))
    store.advice.record_advice(user, make_advice("checklist", urgency="prompt"))
    assert [a.urgency for a in store.advice.pending_advice(user)] == ["urgent", "prompt", "routine"]


def test_racing_writers_produce_exactly_one_advice(store: Store) -> None:
    users = [store.user_key(f"user-{n}") for n in range(50)]
    results: list[bool] = []
    lock = threading.Lock()

    def replica() -> None:
        outcome = store.advice.record_advice_many([(user, make_advice()) for user in users])
        with lock:
            results.extend(outcome)

    threads = [threading.Thread(target=replica) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == len(users)
    assert all(len(store.advice.pending_advice(user)) == 1 for user in users)


def test_forget_removes_advice(store: Store, redis_client) -> None:
    user = store.user_key("u1")
    store.reminders.grant_consent(user, "amzn1.ask.account.U1", NOW)
    store.advice.record_advice(user, make_advice())
    store.symptoms.save_symptom_answer(
        user, "weakness", True, NOW
    )  # evidence, so a sweep may write
    for rule in ("spreading", "checklist"):
        store.sweep_guard.guard_reads([user], rule, timedelta(minutes=5))
        record = store.outbox.record_sweep_advice({user: [make_advice(rule)]}, NOW, rule)
    store.outbox.settle_messages(record.owed[:1], [], NOW)
    store.sweep_guard.guard_reads([user], "a guard", timedelta(minutes=5))
    assert store.outbox.owed_messages(user)
    store.forget(user)
    assert redis_client.keys(f"*{user}*") == []


def test_the_next_launch_speaks_pending_advice_first_then_never_again(client, store: Store) -> None:
    from devkit import envelopes as env

    user = store.user_key(env.USER_ID)
    env.ask(client, env.launch(NOW))
    store.advice.record_advice(user, make_advice())
    first, _ = env.ask(client, env.launch(NOW))
    assert first.startswith("Before we start")
    assert "advice for persistence" in first
    assert "not a diagnosis" in first
    again, _ = env.ask(client, env.launch(NOW))
    assert "advice for persistence" not in again


def test_the_same_advice_twice_in_one_batch_is_new_only_once(store: Store) -> None:
    user = store.user_key("u1")
    other = store.user_key("u2")
    batch = [(user, make_advice()), (other, make_advice()), (user, make_advice())]
    assert store.advice.record_advice_many(batch) == [True, True, False]
