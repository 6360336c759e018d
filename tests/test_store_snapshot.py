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
        store.profile.profile(user), store.advice.pending_advice(user),
        store.diary.episode_count(user), store.reminders.reminder_ids(user),
        store.reminders.consent(user), store.quiet_days.quiet_days(user, since=NOW.date()),
        store.diary.episodes_between(user, start, end),
    )  # fmt: skip


def test_reads_inside_a_snapshot_equal_reads_outside_it(store: Store) -> None:
    user = store.user_key("snap")
    store.profile.update_profile(user, {"tz": "Europe/London"})
    store.diary.add_episode(user, twitch(1), check_at=NOW)
    recent = Episode(id="recent", started_at=NOW - timedelta(hours=2), local_date=NOW.date(),
                     location="eyelid")  # fmt: skip
    store.diary.add_episode(user, recent, check_at=NOW)
    store.quiet_days.mark_quiet_day(user, NOW.date())
    store.advice.record_advice(user, advice("persistence"))
    store.reminders.save_reminder_id(user, "daily", "token-1")
    outside = covered_reads(store, user)
    assert outside[-1] == [recent]
    with store.snapshot.around_request(user, NOW):
        assert covered_reads(store, user) == outside


def test_writes_in_the_request_are_seen_by_its_later_reads(store: Store) -> None:
    user = store.user_key("snap-writes")
    with store.snapshot.around_request(user, NOW):
        assert store.diary.episode_count(user) == 0 and store.advice.pending_advice(user) == []
        assert store.profile.claim_notice(user) is True
        assert store.profile.claim_notice(user) is False
        store.diary.add_episode(user, twitch(1), check_at=NOW)
        assert store.diary.episode_count(user) == 1
        store.profile.update_profile(user, {"tz": "Asia/Tokyo"})
        assert store.profile.profile(user)["tz"] == "Asia/Tokyo"
        # A write the snapshot does not follow:
        store.advice.record_advice(user, advice("spreading"))
        assert [a.rule for a in store.advice.pending_advice(user)] == ["spreading"]
        store.reminders.grant_consent(user, "amzn1.ask.account.X", NOW)
        assert store.reminders.consent(user) == "granted"


def test_the_snapshot_loads_after_redis_lost_its_scripts(store: Store) -> None:
    """The snapshot is one EVALSHA: a server that forgot the script (a restart, SCRIPT FLUSH)
    answers NOSCRIPT, and the script is loaded and run again, with the same answers."""
    user = store.user_key("snap-noscript")
    store.profile.update_profile(user, {"tz": "Europe/London"})
    store.diary.add_episode(user, twitch(1), check_at=NOW)
    outside = covered_reads(store, user)
    store.client.script_flush()
    with store.snapshot.around_request(user, NOW):
        assert covered_reads(store, user) == outside
    with store.snapshot.around_request(user, NOW):  # loaded again: straight to the script
        assert covered_reads(store, user) == outside


def profile_on_redis(store: Store, user: str) -> dict[str, str]:
    return store.client.hgetall(f"twitch:{{{user}}}:profile")


def test_profile_writes_are_held_until_the_diarys_write_and_sent_with_it(store: Store) -> None:
    user = store.user_key("held-with-entry")
    with store.snapshot.around_request(user, NOW):
        assert store.diary.episode_count(user) == 0  # loads the snapshot
        store.profile.update_profile(user, {"tz": "Europe/London"})
        assert store.profile.claim_notice(user) is True
        assert profile_on_redis(store, user) == {}  # held
        assert store.profile.profile(user) == {"tz": "Europe/London", "notice_given": "1"}
        store.diary.add_episode(user, twitch(1), check_at=NOW)
        assert profile_on_redis(store, user) == {"tz": "Europe/London", "notice_given": "1"}
    assert store.profile.claim_notice(user) is False


def test_profile_writes_still_held_when_the_request_ends_are_sent_then(store: Store) -> None:
    user = store.user_key("held-to-end")
    with store.snapshot.around_request(user, NOW):
        store.diary.episode_count(user)
        store.profile.update_profile(user, {"tz": "Asia/Tokyo"})
        assert profile_on_redis(store, user) == {}
    assert profile_on_redis(store, user) == {"tz": "Asia/Tokyo"}


def test_held_profile_writes_go_first_when_the_profile_is_read_or_written_directly(
    store: Store,
) -> None:
    user = store.user_key("held-then-direct")
    with store.snapshot.around_request(user, NOW):
        store.diary.episode_count(user)
        store.profile.update_profile(user, {"tz": "Asia/Tokyo", "locale": "ja-JP"})
        store.advice.record_advice(user, advice("spreading"))  # the snapshot is dropped
        store.profile.update_profile(user, {"tz": "Europe/Paris"})  # sent at once, after
        assert store.profile.profile(user) == {"tz": "Europe/Paris", "locale": "ja-JP"}
    assert profile_on_redis(store, user) == {"tz": "Europe/Paris", "locale": "ja-JP"}


def test_forgetting_the_user_drops_the_held_profile_writes(store: Store) -> None:
    user = store.user_key("held-then-forgotten")
    store.diary.add_episode(user, twitch(1), check_at=NOW)
    with store.snapshot.around_request(user, NOW):
        store.diary.episode_count(user)
        store.profile.update_profile(user, {"tz": "Asia/Tokyo"})
        store.forget(user)
    assert store.client.keys(f"twitch:{{{user}}}:*") == []


def test_a_claim_made_with_the_load_is_exactly_once_and_the_snapshot_shows_it(
    store: Store,
) -> None:
    user = store.user_key("snap-claim")
    store.profile.update_profile(user, {"tz": "Europe/London"})
    answers = []
    for _ in range(2):  # two requests of one user, one after the other
        with store.snapshot.around_request(user, NOW):
            answers.append(store.profile.claim_notice(user, loading_snapshot=True))
            # The load answered the reads too, with the flag as the claim left it.
            assert store.profile.profile(user) == {"tz": "Europe/London", "notice_given": "1"}
            assert store.profile.claim_notice(user) is False
    assert answers == [True, False]
    assert profile_on_redis(store, user)["notice_given"] == "1"


def test_a_claim_with_the_snapshot_already_loaded_or_none_open_is_made_on_its_own(
    store: Store,
) -> None:
    user = store.user_key("snap-claim-late")
    with store.snapshot.around_request(user, NOW):
        store.advice.pending_advice(user)  # loads the snapshot
        assert store.profile.claim_notice(user, loading_snapshot=True) is True
    assert profile_on_redis(store, user)["notice_given"] == "1"
    assert store.profile.claim_notice(user, loading_snapshot=True) is False  # no snapshot
