"""Every public store call is guarded, and exactly the listed ones keep the request's snapshot.

The guards are written at each method's definition (skill/episodes/store/client.py), not
applied at import time, so a new method without one must fail here.
"""

from __future__ import annotations

import inspect

from skill.episodes.store import Store

# Calls that never touch Redis, or open the snapshot itself: no guard.
UNGUARDED = {"user_key", "ping", "request_snapshot"}

# Reads, writes the snapshot follows, and writes of keys outside it: the snapshot stays.
KEEPS_SNAPSHOT = {
    "all_episodes", "aof_rewrite_running", "aof_rewrite_wanted", "checkin_moved_for",
    "consent", "due_count", "episode_count", "episodes_between", "last_advice",
    "last_episode", "messaging_identity", "owed_messages", "pending_advice", "profile",
    "quiet_days", "reminder_fires_at", "reminder_ids", "report_session",
    "short_codes_paused", "symptom_answers", "update_profile", "claim_profile_flag",
    "claim_notice", "add_episode", "schedule_check", "unschedule",
}  # fmt: skip


def public_methods() -> dict[str, object]:
    return {
        name: value
        for name in dir(Store)
        if not name.startswith("_")
        and inspect.isfunction(value := inspect.getattr_static(Store, name))
    }


def test_every_public_call_of_the_store_is_guarded() -> None:
    methods = public_methods()
    assert len(methods) > 40  # the mixins' methods are all seen
    unguarded = {n for n, m in methods.items() if not getattr(m, "store_guarded", False)}
    assert unguarded == UNGUARDED


def test_exactly_the_listed_calls_keep_the_snapshot() -> None:
    guarded = {n: m for n, m in public_methods().items() if n not in UNGUARDED}
    keeping = {n for n, m in guarded.items() if not getattr(m, "drops_snapshot", False)}
    assert keeping == KEEPS_SNAPSHOT


def test_a_call_overridden_by_the_snapshot_is_guarded_in_both_layers() -> None:
    # The snapshot's read answers from memory, or falls through to the guarded Redis read.
    from skill.episodes.store.profile import ProfileMixin
    from skill.episodes.store.snapshot import SnapshotMixin

    assert getattr(SnapshotMixin.profile, "store_guarded", False)
    assert getattr(ProfileMixin.profile, "store_guarded", False)
