"""The request's snapshot itself, and the rule that a write it does not follow ends it.

Kept apart from the snapshot's reads (snapshot.py) so the store's call guards
(client.py) can mark writes without importing the small stores.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from skill.episodes.model import Episode

# Entries and quiet days this far back are in the snapshot: local "today" starts at most
# 14 hours before UTC's (UTC+14), so two days hold it for every zone.
RECENT = timedelta(days=2)


@dataclass
class Snapshot:
    user_key: str
    since: datetime
    loaded: bool = False
    live: bool = True  # False once a write it does not follow has happened
    profile: dict[str, str] = field(default_factory=dict)
    pending: list[str] = field(default_factory=list)
    count: int = 0
    reminders: dict[str, str] = field(default_factory=dict)
    quiet: set[date] = field(default_factory=set)
    recent: list[Episode] | None = None  # None: not valid any more (an entry was added)
    # Writes of the user's profile that need no answer, held for the request's next write or
    # its end (snapshot.py): redis-py command tuples, in order.
    queued: list[tuple[Any, ...]] = field(default_factory=list)


ACTIVE: ContextVar[Snapshot | None] = ContextVar("store_snapshot", default=None)


def dropping_snapshot(method: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a writing method: after it, the request's snapshot is no longer trusted."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        finally:
            snap = ACTIVE.get()
            if snap is not None:
                snap.live = False

    wrapper.drops_snapshot = True  # type: ignore[attr-defined]
    return wrapper
