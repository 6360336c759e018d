"""One sweep over the users who are due: assess, record advice once, notify, reschedule.

Work is O(due users): each replica claims batches from the sharded due-index with a
lease (so replicas do not duplicate work, and a crashed replica's batch comes back when
its lease ends), assesses a whole batch from one pipelined read, writes every new advice
through the fire-once script in one pipelined round trip, and sets each user's next check.

Correctness does not depend on the lease: the fire-once record makes an advice exactly
once per user, rule and run of evidence, whatever the number of replicas or crashes. The
out-of-session message for a new advice is owed in the same atomic write (an outbox),
sent, then marked sent (scheduler/outbox.py): a sweep killed in between leaves it owed,
and the next sweep that claims the user (the lease brings them back) sends it. So every
message goes out at least once; a repeat is harmless, because the MessageReceived handler
acts on each message's ref once. The advice itself is always spoken at the next session.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol, runtime_checkable

from scheduler.outbox import Send, deliver_owed
from skill.episodes.advice import Advice
from skill.episodes.store import Store
from skill.episodes.store.due import DUE_SHARDS
from skill.episodes.store.outbox import new_ref

log = logging.getLogger(__name__)

DEFAULT_BATCH = 500
# Batch reads in flight at once (the sweep's reader threads): two keep Redis busy with the
# next read while the reply of one is decoded.
READS_AHEAD = 2
DEFAULT_LEASE = timedelta(minutes=5)
# Never ask for a check sooner than this after a sweep, so a rule bug cannot spin a replica.
MIN_RECHECK = timedelta(minutes=1)
# A user whose message failed for now (or whose write was refused) is looked at again this soon.
MESSAGE_RETRY = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What assessing one user produced: advice to record and when to look again."""

    user_key: str
    advice: tuple[Advice, ...] = ()
    next_check: datetime | None = None
    # False when every advice has been recorded already and no message is owed: the batch's
    # write then skips the user (the fire-once record would change nothing), and the read
    # guard simply expires with the lease.
    write: bool = True


Assess = Callable[[list[str], datetime], list[Outcome]]


@runtime_checkable
class GuardedAssess(Protocol):
    """An ``Assess`` split in two: a read that leaves the batch's read guard in the same step
    (one round trip instead of two), and the pure assessment of what was read. The sweep
    then reads the next batch while it assesses and writes this one (``run_sweep``); plain
    ``Assess`` functions get a separate guard write and no read-ahead."""

    def __call__(self, users: list[str], now: datetime) -> list[Outcome]: ...

    def read_guarded(self, users: list[str], guard: str, lease: timedelta) -> Any: ...

    def assess_read(self, users: list[str], read: Any, now: datetime) -> list[Outcome]: ...


Notify = Send  # (Alexa userId, message ref) -> Delivery; see scheduler/outbox.py


@dataclass
class SweepReport:
    claimed: int = 0
    advice_created: int = 0
    messages_sent: int = 0
    messages_not_sent: int = 0  # dropped for good (no identity, refused, too old)
    messages_owed: int = 0  # users with a message left to retry
    refused: int = 0  # users forgotten between the batch's read and its write
    seconds: float = 0.0
    batches: int = 0
    per_shard: dict[int, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "claimed": self.claimed,
            "advice_created": self.advice_created,
            "messages_sent": self.messages_sent,
            "messages_not_sent": self.messages_not_sent,
            "messages_owed": self.messages_owed,
            "refused": self.refused,
            "batches": self.batches,
            "seconds": round(self.seconds, 3),
        }


def run_sweep(
    store: Store,
    now: datetime,
    assess: Assess,
    notify: Notify | None = None,
    *,
    batch_size: int = DEFAULT_BATCH,
    lease: timedelta = DEFAULT_LEASE,
    shards: range = range(DUE_SHARDS),
) -> SweepReport:
    """Sweep every shard once; returns counts (no personal data)."""
    report = SweepReport()
    started = time.perf_counter()
    batches = _claims(store, now, lease, batch_size, shards)
    if isinstance(assess, GuardedAssess):
        _sweep_reading_ahead(store, now, lease, batches, assess, notify, report)
    else:
        for shard, users in batches:
            _count(report, shard, users)
            # The guard goes down before the read: a user forgotten after this point gets
            # nothing written back (skill/episodes/store/sweep_guard.py).
            guard = new_ref()
            store.sweep_guard.guard_reads(users, guard, lease)
            _write_batch(store, now, now + lease, guard, assess(users, now), notify, report)
    report.seconds = time.perf_counter() - started
    return report


def _claims(
    store: Store, now: datetime, lease: timedelta, batch_size: int, shards: range
) -> Iterator[tuple[int, list[str]]]:
    for shard in shards:
        while users := store.due.claim_due(shard, now, lease, batch_size):
            yield shard, users


def _count(report: SweepReport, shard: int, users: list[str]) -> None:
    report.batches += 1
    report.claimed += len(users)
    report.per_shard[shard] = report.per_shard.get(shard, 0) + len(users)


def _sweep_reading_ahead(
    store: Store,
    now: datetime,
    lease: timedelta,
    batches: Iterator[tuple[int, list[str]]],
    assess: GuardedAssess,
    notify: Notify | None,
    report: SweepReport,
) -> None:
    """Three stages, so Redis's work and ours overlap: while one batch is assessed, reader
    threads claim and read the next ones (READS_AHEAD of them, so Redis has the next read
    while the last one's reply is decoded) and a writer thread writes the one before. A sweep
    that dies leaves at most those batches claimed and unwritten: their lease brings them
    back, as for a crashed replica. One writer at a time, in batch order, updates ``report``."""
    claiming = threading.Lock()  # the claims are a generator: one thread advances it at a time

    def read_next() -> tuple[int, list[str], str, Any] | None:
        with claiming:
            claimed = next(batches, None)
        if claimed is None:
            return None
        shard, users = claimed
        guard = new_ref()
        return shard, users, guard, assess.read_guarded(users, guard, lease)

    with (
        ThreadPoolExecutor(max_workers=READS_AHEAD, thread_name_prefix="sweep-read") as reader,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="sweep-write") as writer,
    ):
        ahead = deque(reader.submit(read_next) for _ in range(READS_AHEAD))
        written: Future[None] | None = None
        while ahead:
            batch = ahead.popleft().result()
            if batch is None:
                continue  # the claims ran out; reads still in flight are assessed first
            ahead.append(reader.submit(read_next))
            shard, users, guard, read = batch
            _count(report, shard, users)
            outcomes = assess.assess_read(users, read, now)
            if written is not None:
                written.result()  # at most one batch waits to be written; errors surface
            written = writer.submit(
                _write_batch, store, now, now + lease, guard, outcomes, notify, report
            )
        if written is not None:
            written.result()


def _write_batch(
    store: Store,
    now: datetime,
    lease_until: datetime,
    guard: str,
    outcomes: list[Outcome],
    notify: Notify | None,
    report: SweepReport,
) -> None:
    advice = {outcome.user_key: list(outcome.advice) for outcome in outcomes if outcome.write}
    # Record first, then send: a crash here loses no advice, and its messages stay owed.
    # Without messaging configured, no message is owed that nobody would send.
    recorded = store.outbox.record_sweep_advice(advice, now, guard, owe=notify is not None)
    report.advice_created += sum(sum(flags) for flags in recorded.created.values())
    report.refused += len(recorded.refused)
    retry_users: set[str] = set()
    if notify is not None:
        delivery = deliver_owed(store.outbox, recorded.owed, notify, now)
        report.messages_sent += delivery.sent
        report.messages_not_sent += delivery.dropped
        report.messages_owed += len(delivery.retry_users)
        retry_users = delivery.retry_users
    # A user refused with advice to write (the guard expired: a very slow batch) is looked
    # at again soon; a forgotten user is off the due-index already, so nothing comes back.
    retry_users |= {user for user in recorded.refused if advice.get(user)}
    floor = now + MIN_RECHECK
    store.due.reschedule_claimed(
        lease_until,
        {
            outcome.user_key: _next_check(outcome, floor, now, outcome.user_key in retry_users)
            for outcome in outcomes
        },
    )


def _next_check(outcome: Outcome, floor: datetime, now: datetime, retry: bool) -> datetime | None:
    """The outcome's next check, not before ``floor``, and soon when a message is owed."""
    at = None if outcome.next_check is None else max(outcome.next_check, floor)
    if retry:
        soon = now + MESSAGE_RETRY
        at = soon if at is None else min(at, soon)
    return at
