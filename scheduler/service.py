"""The scheduler process: APScheduler 3.11 as a local timer, coordination in Redis.

Each replica has its own in-memory job store with one interval job; replicas never share an
APScheduler job store (INFRA.md: a shared 3.x store ran jobs several times). Exactly-once
comes from the due-index leases and the fire-once advice record (scheduler/sweep.py).

Job settings: ``coalesce`` (a backlog of missed runs becomes one run), ``max_instances=1``
(a slow sweep is not overlapped by the next one in this process) and ``misfire_grace_time=None``
(a late sweep still runs; the default of one second would silently skip it).
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Callable
from datetime import UTC, datetime
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from skill.episodes.keys import StoreUnavailable

log = logging.getLogger(__name__)

SWEEP_JOB_ID = "sweep"
ERASURE_JOB_ID = "erasure"


def utc_now() -> datetime:
    return datetime.now(UTC)


def build_scheduler(
    sweep: Callable[[], object],
    interval_seconds: int,
    erasure: Callable[[], object] | None = None,
    erasure_seconds: int = 60,
) -> BlockingScheduler:
    """A scheduler with the sweep job and, when given, the erasure job; first runs at once.

    The erasure job (scheduler/erasure.py) is its own job so that a long sweep does not
    stretch the time deleted data stays on disk.
    """
    scheduler = BlockingScheduler(timezone=UTC)
    jobs = [(SWEEP_JOB_ID, sweep, interval_seconds)]
    if erasure is not None:
        jobs.append((ERASURE_JOB_ID, erasure, erasure_seconds))
    for job_id, work, seconds in jobs:
        scheduler.add_job(
            _guarded(work),
            IntervalTrigger(seconds=seconds, timezone=UTC),
            id=job_id,
            next_run_time=utc_now(),
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
    return scheduler


def _guarded(work: Callable[[], object]) -> Callable[[], None]:
    name = getattr(work, "__name__", "job")

    def job() -> None:
        try:
            result = work()
            if result is not False:  # the erasure job says False when it had nothing to do
                log.info("%s done: %s", name, result)
        except StoreUnavailable:
            log.warning("%s skipped: Redis unavailable; the next run retries", name)
        except Exception:
            log.exception("%s failed; the next run retries (advice is recorded once)", name)

    return job


def run_forever(scheduler: BlockingScheduler) -> None:
    """Block until SIGTERM or SIGINT, then stop without waiting for a new sweep."""

    def _stop(signum: int, _frame: FrameType | None) -> None:
        log.info("scheduler stopping (signal %d)", signum)
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    scheduler.start()
    # Exit now rather than wait for job threads at interpreter exit: once, under load, a
    # job finishing at the moment of shutdown left the process waiting on its thread pool
    # for good. Nothing is lost by not waiting: every write is atomic, and what a stopped
    # sweep did not finish (its lease lapses, its owed messages stay owed) the next does.
    logging.shutdown()
    os._exit(0)
