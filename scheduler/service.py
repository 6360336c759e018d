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
import signal
from collections.abc import Callable
from datetime import UTC, datetime
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from skill.episodes.keys import StoreUnavailable

log = logging.getLogger(__name__)

SWEEP_JOB_ID = "sweep"


def utc_now() -> datetime:
    return datetime.now(UTC)


def build_scheduler(sweep: Callable[[], object], interval_seconds: int) -> BlockingScheduler:
    """A scheduler with one sweep job, first run at once."""
    scheduler = BlockingScheduler(timezone=UTC)
    scheduler.add_job(
        _guarded(sweep),
        IntervalTrigger(seconds=interval_seconds, timezone=UTC),
        id=SWEEP_JOB_ID,
        next_run_time=utc_now(),
        coalesce=True,
        max_instances=1,
        misfire_grace_time=None,
    )
    return scheduler


def _guarded(sweep: Callable[[], object]) -> Callable[[], None]:
    def job() -> None:
        try:
            log.info("sweep done: %s", sweep())
        except StoreUnavailable:
            log.warning("sweep skipped: Redis unavailable; the next run will pick the users up")
        except Exception:
            log.exception("sweep failed; the next run retries (advice is recorded once)")

    return job


def run_forever(scheduler: BlockingScheduler) -> None:
    """Block until SIGTERM or SIGINT, then stop without waiting for a new sweep."""

    def _stop(signum: int, _frame: FrameType | None) -> None:
        log.info("scheduler stopping (signal %d)", signum)
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    scheduler.start()
