"""Deleted data leaves the disk: an AOF rewrite after deletions, at most one per interval.

The bound, for data deleted at time t ("delete all my data", skill disabled): the scheduler
checks every ``CHECK_EVERY``, and starts a rewrite when one is wanted and none was started
within ``REWRITE_EVERY``; so the rewrite that drops it starts by t + REWRITE_EVERY +
CHECK_EVERY (11 minutes), and the old files are gone when it ends (Redis 7 deletes the
previous AOF files as soon as the new ones are in place). The rate limit is there because a
rewrite forks Redis and writes the whole dataset again: a burst of deletions costs one.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from skill.episodes.store import Store

log = logging.getLogger(__name__)

REWRITE_EVERY = timedelta(minutes=10)
CHECK_EVERY = timedelta(minutes=1)


def compact_after_deletions(
    store: Store, now: datetime, min_interval: timedelta = REWRITE_EVERY
) -> bool:
    """Start an AOF rewrite if a user was forgotten since the last one and the rate allows."""
    if not store.erasure.claim_aof_rewrite(now, min_interval):
        return False
    if not store.rewrite_aof():
        store.erasure.release_aof_rewrite()  # one is running, maybe from before the deletion: retry
        return False
    log.info("AOF rewrite started after deletions")
    return True
