"""Redis key names and the store's domain error; no Redis import here."""

from __future__ import annotations

KEY_PREFIX = "twitch"
PROFILE = "profile"  # the per-user profile hash (store.py)


class StoreUnavailable(RuntimeError):
    """Redis did not answer; nothing was written (or the write is unconfirmed)."""


def user_slot_key(user_key: str, name: str) -> str:
    """A per-user key: ``twitch:{<user_key>}:<name>``; the braces are the Redis Cluster hash tag."""
    return f"{KEY_PREFIX}:{{{user_key}}}:{name}"


def global_key(name: str) -> str:
    """A key shared by all users, such as a due-index shard: ``twitch:<name>``."""
    return f"{KEY_PREFIX}:{name}"
