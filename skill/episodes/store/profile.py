"""ProfileStore: the user's profile hash (first-use notice, time zone, once-only flags)."""

from __future__ import annotations

from skill.episodes.keys import PROFILE, user_slot_key
from skill.episodes.store.client import guarded
from skill.episodes.store.connection import Connection
from skill.episodes.store.snapshot_state import ACTIVE


class ProfileStore:
    """The user's profile hash; reads and flags follow the request's snapshot (snapshot.py)."""

    KEY_NAMES: tuple[str, ...] = (PROFILE,)

    def __init__(self, conn: Connection) -> None:
        self._redis = conn.redis
        self._snapshot = conn.snapshot

    @guarded
    def profile(self, user_key: str) -> dict[str, str]:
        """The user's profile hash (empty for a new user)."""
        snap = self._snapshot.covering(user_key)
        if snap is not None:
            return dict(snap.profile)
        self._snapshot.flush_queued()  # read what the request wrote
        return dict(self._redis.hgetall(user_slot_key(user_key, PROFILE)))

    @guarded
    def update_profile(self, user_key: str, fields: dict[str, str]) -> None:
        """Set profile fields (held for the request's next write, with a snapshot open)."""
        if not fields:
            return
        key = user_slot_key(user_key, PROFILE)
        snap = self._snapshot.covering(user_key)
        if snap is not None:
            snap.profile.update(fields)
        pairs = [item for pair in fields.items() for item in pair]
        if not self._snapshot.queue(user_key, "HSET", key, *pairs):
            self._snapshot.flush_queued()  # in order: an older held value must not win
            self._redis.hset(key, mapping=fields)

    @guarded
    def claim_notice(self, user_key: str, *, loading_snapshot: bool = False) -> bool:
        """True once per user: whether the first-use notice is still owed.

        ``loading_snapshot``: the request reads its snapshot anyway (a launch), so an open,
        unloaded one is loaded in the same round trip as the claim (``load_claiming``)."""
        if loading_snapshot:
            claimed = self._snapshot.load_claiming(user_key, "notice_given")
            if claimed is not None:
                return claimed
        return self.claim_profile_flag(user_key, "notice_given")

    @guarded
    def claim_profile_flag(self, user_key: str, flag: str) -> bool:
        """True once per user and flag (HSETNX): for things said or offered once.

        With the request's snapshot loaded, the snapshot answers and the HSETNX is held for
        the request's next write or its end (snapshot.py): two requests of one user at the
        same moment may then both claim it and both say the notice or make the offer, the
        harmless side. Without one, HSETNX answers, exactly once.
        """
        # A claim uses the snapshot when a read has loaded it, and never loads it: a claim
        # alone (a new session's notice) is one HSETNX.
        snap = ACTIVE.get()
        if snap is None or not (snap.loaded and snap.live and snap.user_key == user_key):
            snap = None
        if snap is not None and flag in snap.profile:
            return False  # HSETNX would answer the same: the flag is set
        key = user_slot_key(user_key, PROFILE)
        if snap is not None and self._snapshot.queue(user_key, "HSETNX", key, flag, "1"):
            snap.profile[flag] = "1"
            return True
        self._snapshot.flush_queued()
        return bool(self._redis.hsetnx(key, flag, "1"))
