"""Every public store call is guarded, and exactly the listed ones keep the request's snapshot.

The guards are written at each method's definition (skill/episodes/store/client.py), not
applied at import time, so a new method without one must fail here. The calls are those of
the Store itself, its snapshot and each of its small stores (``Store.parts``).
"""

from __future__ import annotations

import inspect

from skill.episodes.store import Store, connect
from skill.episodes.store.facade import PART_TYPES
from skill.episodes.store.snapshot import RequestSnapshot

# Calls that never touch Redis, or open the snapshot itself: no guard.
UNGUARDED = {"Store.user_key", "Store.ping", "RequestSnapshot.around_request"}

# Reads, writes the snapshot follows, and writes of keys outside it: the snapshot stays.
KEEPS_SNAPSHOT = {
    "DiaryStore.all_episodes", "Store.aof_rewrite_running", "ErasureMarks.aof_rewrite_wanted",
    "RemindersStore.checkin_moved_for", "RemindersStore.consent", "DueIndex.due_count",
    "DiaryStore.episode_count", "DiaryStore.episodes_between", "AdviceStore.last_advice",
    "DiaryStore.last_episode", "RemindersStore.messaging_identity", "OutboxStore.owed_messages",
    "AdviceStore.pending_advice", "ProfileStore.profile", "QuietDays.quiet_days",
    "RemindersStore.reminder_fires_at", "RemindersStore.reminder_ids",
    "ReportStore.report_session", "ReportGate.short_codes_paused",
    "SymptomAnswers.symptom_answers", "ProfileStore.update_profile",
    "ProfileStore.claim_profile_flag", "ProfileStore.claim_notice", "DiaryStore.add_episode",
    "DueIndex.schedule_check", "DueIndex.unschedule", "RequestSnapshot.covering",
    "RequestSnapshot.flush_queued", "RequestSnapshot.load_claiming",
}  # fmt: skip


def store_classes() -> list[type]:
    """The Store, its snapshot and every small store it builds."""
    store = Store(connect("redis://127.0.0.1:1"), b"unused: nothing is sent")  # lazy client
    parts = [type(part) for part in store.parts]
    assert parts == list(PART_TYPES)
    return [Store, type(store.snapshot), *parts]


def public_methods() -> dict[str, object]:
    return {
        f"{klass.__name__}.{name}": value
        for klass in store_classes()
        for name in dir(klass)
        if not name.startswith("_")
        and inspect.isfunction(value := inspect.getattr_static(klass, name))
    }


def test_every_public_call_of_the_store_is_guarded() -> None:
    methods = public_methods()
    assert len(methods) > 40  # the small stores' methods are all seen
    unguarded = {n for n, m in methods.items() if not getattr(m, "store_guarded", False)}
    assert unguarded == UNGUARDED


def test_exactly_the_listed_calls_keep_the_snapshot() -> None:
    guarded = {n: m for n, m in public_methods().items() if n not in UNGUARDED}
    keeping = {n for n, m in guarded.items() if not getattr(m, "drops_snapshot", False)}
    assert keeping == KEEPS_SNAPSHOT


def test_the_store_itself_keeps_only_connection_wide_calls() -> None:
    # The features' calls are on the small stores (store.diary, store.profile, ...).
    own = {n.partition(".")[2] for n in public_methods() if n.startswith("Store.")}
    assert own == {"user_key", "ping", "forget", "rewrite_aof", "aof_rewrite_running"}


def test_a_covered_read_loads_the_snapshot_inside_a_guard() -> None:
    # A covered read answers from memory, or loads the snapshot (a Redis MULTI): guarded too.
    assert getattr(RequestSnapshot.covering, "store_guarded", False)
