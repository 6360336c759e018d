"""Out-of-session nudges for new advice (skill messaging); none until credentials exist."""

from __future__ import annotations

from scheduler.sweep import Notify
from skill.config import Settings
from skill.episodes.store import Store


def messaging_notifier(settings: Settings, store: Store) -> Notify | None:
    """None: skill messaging is wired in with the cloud client."""
    return None
