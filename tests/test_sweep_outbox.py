"""Issue 13, item 5: skill messages for new advice go through an outbox (real Redis).

Owed in the same write as the advice, sent, then settled; a crash in between leaves them
owed for the next sweep that claims the user; failures for now are retried soon.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from scheduler.assess import StoreAssessor, store_assessor
from scheduler.outbox import MAX_AGE, SETTLE_EVERY, Delivery
from scheduler.sweep import MESSAGE_RETRY, Outcome, SweepReport, run_sweep
from skill.episodes.store import Store
from skill.episodes.store.due import due_shard
from skill.episodes.store.outbox import SweepRecord
from tests.test_sweep import at, log_twitch, persistent_user

SWEEP_AT = at(16, 20)


class Outbound:
    """A notifier that records what it sends and answers as told."""

    def __init__(self, answer: Delivery = Delivery.SENT, *, crash_after: int | None = None):
        self.sent: list[tuple[str, str]] = []
        self.answer = answer
        self.crash_after = crash_after

    def __call__(self, alexa_user_id: str, ref: str) -> Delivery:
        if self.crash_after is not None and len(self.sent) >= self.crash_after:
            raise KeyboardInterrupt("the sweep process dies here")
        self.sent.append((alexa_user_id, ref))
        return self.answer


def consenting(store: Store, name: str) -> str:
    user = persistent_user(store, name)
    store.reminders.grant_consent(user, f"amzn1.ask.account.{name}", at(1))
    return user


def record_as_a_sweep(store: Store, users: list[str]) -> SweepRecord:
    """What a sweep batch does up to its write: guard, read and assess, record."""
    store.sweep_guard.guard_reads(users, "batch-guard", timedelta(minutes=5))
    outcomes = store_assessor(store.evidence)(users, SWEEP_AT)
    advice = {outcome.user_key: list(outcome.advice) for outcome in outcomes}
    return store.outbox.record_sweep_advice(advice, SWEEP_AT, "batch-guard")


def sweep(store: Store, now: datetime, notify: Outbound, **options: object) -> SweepReport:
    return run_sweep(store, now, store_assessor(store.evidence), notify, **options)  # type: ignore[arg-type]


def test_new_advice_owes_a_message_in_the_same_write_only_with_consent(store: Store) -> None:
    yes, no = consenting(store, "yes"), persistent_user(store, "no")
    record = record_as_a_sweep(store, [yes, no])
    assert record.created == {yes: [True], no: [True]}
    [owed] = record.owed
    assert (owed.user_key, owed.alexa_user_id) == (yes, "amzn1.ask.account.yes")
    assert owed.recorded_at == int(SWEEP_AT.timestamp())
    assert store.outbox.owed_messages(yes) == {owed.advice_id: owed.ref}
    assert store.outbox.owed_messages(no) == {}


def test_a_sent_message_is_settled_and_never_sent_again(store: Store) -> None:
    user = consenting(store, "u1")
    outbound = Outbound()
    report = sweep(store, SWEEP_AT, outbound)
    assert (report.advice_created, report.messages_sent) == (1, 1)
    assert store.outbox.owed_messages(user) == {}
    store.due.schedule_check(user, SWEEP_AT + timedelta(hours=1))
    assert sweep(store, SWEEP_AT + timedelta(hours=1), outbound).messages_sent == 0
    assert len(outbound.sent) == 1


def names_in_shard_zero(store: Store, count: int) -> list[str]:
    """User names whose keys share due shard 0, so one sweep batch holds them all."""
    names = (f"user-{n}" for n in range(100_000))
    return [name for name in names if due_shard(store.user_key(name)) == 0][:count]


def test_messages_a_killed_sweep_left_unsent_go_out_with_the_next_sweep(store: Store) -> None:
    names = names_in_shard_zero(store, SETTLE_EVERY + 30)
    users = [consenting(store, name) for name in names]
    first = Outbound(crash_after=SETTLE_EVERY + 10)
    with pytest.raises(KeyboardInterrupt):
        sweep(store, SWEEP_AT, first)
    # The first chunk was settled; the rest, ten of them already sent, is still owed.
    owed = {user for user in users if store.outbox.owed_messages(user)}
    assert len(owed) == len(users) - SETTLE_EVERY
    assert all(store.advice.pending_advice(user) for user in users)  # recorded before any send

    second = Outbound()
    assert sweep(store, SWEEP_AT + timedelta(minutes=1), second).claimed == 0  # still leased
    report = sweep(store, SWEEP_AT + timedelta(minutes=6), second)
    assert report.advice_created == 0  # the advice was recorded once, by the first sweep
    assert report.messages_sent == len(owed)
    messaged = {alexa_user_id for alexa_user_id, _ in first.sent + second.sent}
    assert messaged == {f"amzn1.ask.account.{name}" for name in names}
    assert len(first.sent + second.sent) == len(users) + 10  # the ten sent twice
    assert all(store.outbox.owed_messages(user) == {} for user in users)
    # Resent messages carry the ref of the first attempt, so the skill can spot repeats.
    refs = {}
    for alexa_user_id, ref in first.sent + second.sent:
        assert refs.setdefault(alexa_user_id, ref) == ref


def test_a_message_that_failed_for_now_stays_owed_and_the_user_comes_back_soon(
    store: Store,
) -> None:
    user = consenting(store, "u1")
    report = sweep(store, SWEEP_AT, Outbound(Delivery.RETRY))
    assert (report.messages_sent, report.messages_owed) == (0, 1)
    assert store.outbox.owed_messages(user)
    assert store.due.due_count(SWEEP_AT + MESSAGE_RETRY - timedelta(seconds=1)) == 0
    assert store.due.due_count(SWEEP_AT + MESSAGE_RETRY) == 1
    later = sweep(store, SWEEP_AT + MESSAGE_RETRY, Outbound())
    assert later.messages_sent == 1
    assert store.outbox.owed_messages(user) == {}


def test_a_message_refused_for_good_or_too_old_is_dropped(store: Store) -> None:
    refused = consenting(store, "refused")
    assert sweep(store, SWEEP_AT, Outbound(Delivery.DROP)).messages_not_sent == 1
    assert store.outbox.owed_messages(refused) == {}

    old = consenting(store, "old")
    sweep(store, SWEEP_AT, Outbound(Delivery.RETRY), shards=range(16))
    assert store.outbox.owed_messages(old)
    outbound = Outbound()
    late = SWEEP_AT + MAX_AGE + timedelta(minutes=1)
    store.due.schedule_check(old, late)
    assert sweep(store, late, outbound).messages_not_sent == 1
    assert outbound.sent == []
    assert store.outbox.owed_messages(old) == {}


def test_consent_withdrawn_before_sending_drops_the_message(store: Store) -> None:
    user = consenting(store, "u1")
    sweep(store, SWEEP_AT, Outbound(Delivery.RETRY))
    store.reminders.revoke_consent(user, SWEEP_AT)
    outbound = Outbound()
    assert sweep(store, SWEEP_AT + MESSAGE_RETRY, outbound).messages_not_sent == 1
    assert outbound.sent == []
    assert store.outbox.owed_messages(user) == {}


def test_settling_a_forgotten_users_message_brings_no_key_back(store: Store, redis_client) -> None:
    user = consenting(store, "u1")
    record = record_as_a_sweep(store, [user])
    store.forget(user)  # "delete all my data" while the message is on its way
    store.outbox.settle_messages(record.owed, [], SWEEP_AT)
    assert redis_client.keys(f"*{user}*") == []


def test_a_deletion_between_a_sweeps_read_and_its_write_leaves_no_key(
    store: Store, redis_client
) -> None:
    user = consenting(store, "u1")
    read = store_assessor(store.evidence)

    def read_then_user_deletes_everything(users: list[str], when: datetime) -> list[Outcome]:
        outcomes = read(users, when)
        store.forget(user)  # "delete all my data", confirmed while the batch assesses
        return outcomes

    outbound = Outbound()
    report = run_sweep(store, SWEEP_AT, read_then_user_deletes_everything, outbound)
    assert (report.refused, report.advice_created, report.messages_sent) == (1, 0, 0)
    assert outbound.sent == []
    assert [key for key in redis_client.keys("*") if user in key] == []
    assert store.due.due_count(SWEEP_AT + timedelta(days=365)) == 0


def test_a_diary_started_again_meanwhile_gets_no_advice_from_the_deleted_one(
    store: Store,
) -> None:
    user = consenting(store, "u1")
    read = store_assessor(store.evidence)

    def read_then_delete_and_log_again(users: list[str], when: datetime) -> list[Outcome]:
        outcomes = read(users, when)
        if not deleted:
            deleted.append(user)
            store.forget(user)
            log_twitch(store, user, 16)  # a fresh diary, one twitch: no advice is due for it
        return outcomes

    deleted: list[str] = []

    report = run_sweep(store, SWEEP_AT, read_then_delete_and_log_again, Outbound())
    # The new entry asked for a check of its own, so the same sweep read the new diary too.
    assert (report.claimed, report.refused, report.advice_created) == (2, 1, 0)
    assert store.advice.pending_advice(user) == []
    assert store.diary.episode_count(user) == 1


def test_with_the_guard_left_by_the_read_itself_a_deletion_before_the_write_leaves_no_key(
    store: Store, redis_client
) -> None:
    user = consenting(store, "u1")

    class ReadThenUserDeletesEverything(StoreAssessor):
        """The production assessor (guard and read in one step), then "delete all my data"."""

        def assess_read(self, users: list[str], read: object, now: datetime) -> list[Outcome]:
            store.forget(user)  # after the read, before the write
            return super().assess_read(users, read, now)  # type: ignore[arg-type]

    outbound = Outbound()
    report = run_sweep(store, SWEEP_AT, ReadThenUserDeletesEverything(store.evidence), outbound)
    assert (report.refused, report.advice_created, report.messages_sent) == (1, 0, 0)
    assert outbound.sent == []
    assert [key for key in redis_client.keys("*") if user in key] == []


def test_a_second_sweep_writes_nothing_for_advice_already_given(store: Store) -> None:
    user = consenting(store, "u1")
    first = sweep(store, SWEEP_AT, Outbound())
    assert first.advice_created == 1  # type: ignore[attr-defined]
    store.due.schedule_check(user, SWEEP_AT + timedelta(hours=1))
    [outcome] = store_assessor(store.evidence)([user], SWEEP_AT + timedelta(hours=1))
    assert outcome.advice and not outcome.write  # given already, and no message owed
