"""One sweep over the users who are due: assess, record advice once, notify, reschedule.

Work is O(due users): each replica claims batches from the sharded due-index with a
lease (so replicas do not duplicate work, and a crashed replica's batch comes back when
its lease ends), assesses a whole batch from one pipelined read, writes every new advice
through the fire-once script in one pipelined round trip, and sets each user's next check.

Correctness does not depend on the lease: the fire-once record makes an advice exactly
once per user, rule and run of evidence, whatever the number of replicas or crashes. The
out-of-session message for an advice is claimed before it is sent, so it goes out at most
once; the advice itself is always spoken at the user's next session.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from skill.episodes.advice import Advice
from skill.episodes.store import Store
from skill.episodes.store_due import DUE_SHARDS

log = logging.getLogger(__name__)

DEFAULT_BATCH = 500
DEFAULT_LEASE = timedelta(minutes=5)
# Never ask for a check sooner than this after a sweep, so a rule bug cannot spin a replica.
MIN_RECHECK = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What assessing one user produced: advice to record and when to look again."""

    user_key: str
    advice: tuple[Advice, ...] = ()
    next_check: datetime | None = None


Assess = Callable[[list[str], datetime], list[Outcome]]
Notify = Callable[[str, Advice], bool]


@dataclass
class SweepReport:
    claimed: int = 0
    advice_created: int = 0
    messages_sent: int = 0
    messages_not_sent: int = 0
    seconds: float = 0.0
    batches: int = 0
    per_shard: dict[int, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "claimed": self.claimed,
            "advice_created": self.advice_created,
            "messages_sent": self.messages_sent,
            "messages_not_sent": self.messages_not_sent,
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
    for shard in shards:
        while users := store.claim_due(shard, now, lease, batch_size):
            report.batches += 1
            report.claimed += len(users)
            report.per_shard[shard] = report.per_shard.get(shard, 0) + len(users)
            _sweep_batch(store, now, now + lease, users, assess, notify, report)
    report.seconds = time.perf_counter() - started
    return report


def _sweep_batch(
    store: Store,
    now: datetime,
    lease_until: datetime,
    users: list[str],
    assess: Assess,
    notify: Notify | None,
    report: SweepReport,
) -> None:
    outcomes = assess(users, now)
    pairs = [(outcome.user_key, advice) for outcome in outcomes for advice in outcome.advice]
    created = store.record_advice_many(pairs)
    new_advice = [pair for pair, is_new in zip(pairs, created, strict=True) if is_new]
    report.advice_created += len(new_advice)
    # Record first, then send: a crash here loses at most a message, never the advice.
    if notify is not None:
        for user_key, advice in new_advice:
            if not store.claim_advice_notification(user_key, advice.id, now):
                continue
            if notify(user_key, advice):
                report.messages_sent += 1
            else:
                report.messages_not_sent += 1
    floor = now + MIN_RECHECK
    store.reschedule_claimed(
        lease_until,
        {
            outcome.user_key: None if outcome.next_check is None else max(outcome.next_check, floor)
            for outcome in outcomes
        },
    )
