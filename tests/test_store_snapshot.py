"""The request-scoped snapshot (store/snapshot.py): covered reads in one round trip, and never
a stale answer after a write in the same request."""

from __future__ import annotations

from datetime import timedelta

from skill.episodes.advice import Advice
from skill.episodes.model import Episode
from skill.episodes.store import Store
from tests.conftest import NOW
from tests.rules_data import twitch


def advice(rule: str) -> Advice:
    return Advice(
        id=f"{rule}|r", rule=rule, run_key="r", action="see_neurologist", urgency="routine",
        speech="See a doctor.", created_at=NOW.isoformat(),
    )  # fmt: skip


def covered_reads(store: Store, user: str) -> tuple[object, ...]:
    start, end = NOW - timedelta(hours=30), NOW + timedelta(hours=1)
    return (
        store.profile(user), store.pending_advice(user), store.episode_count(user),
        store.reminder_ids(user), store.consent(user), store.quiet_days(user, since=NOW.date()),
        store.episodes_between(user, start, end),
    )  # fmt: skip


def test_reads_inside_a_snapshot_equal_reads_outside_it(store: Store) -> None:
    user = store.user_key("snap")
    store.update_profile(user, {"tz": "Europe/London"})
    store.add_episode(user, twitch(1), check_at=NOW)
    recent = Episode(id="recent", started_at=NOW - timedelta(hours=2), local_date=NOW.date(),
                     location="eyelid")  # fmt: skip
    store.add_episode(user, recent, check_at=NOW)
    store.mark_quiet_day(user, NOW.date())
    store.record_advice(user, advice("persistence"))
    store.save_reminder_id(user, "daily", "token-1")
    outside = covered_reads(store, user)
    assert outside[-1] == [recent]
    with store.request_snapshot(user, NOW):
        assert covered_reads(store, user) == outside


def test_writes_in_the_request_are_seen_by_its_later_reads(store: Store) -> None:
    user = store.user_key("snap-writes")
    with store.request_snapshot(user, NOW):
        assert store.episode_count(user) == 0 and store.pending_advice(user) == []
        assert store.claim_notice(user) is True
        assert store.claim_notice(user) is False
        store.add_episode(user, twitch(1), check_at=NOW)
        assert store.episode_count(user) == 1
        store.update_profile(user, {"tz": "Asia/Tokyo"})
        assert store.profile(user)["tz"] == "Asia/Tokyo"
        store.record_advice(user, advice("spreading"))  # a write the snapshot does not follow
        assert [a.rule for a in store.pending_advice(user)] == ["spreading"]
        store.grant_consent(user, "amzn1.ask.account.X", NOW)
        assert store.consent(user) == "granted"
