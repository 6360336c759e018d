"""The escalation sweep on a real Redis: exactly once, O(due users), crash- and race-safe."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest

from devkit import envelopes as env
from scheduler.assess import assess_user, local_check_time, store_assessor
from scheduler.outbox import Delivery
from scheduler.sweep import Outcome, run_sweep
from skill.episodes.model import Episode
from skill.episodes.store import Store
from skill.episodes.store.evidence import Evidence

DAY_ONE = date(2026, 11, 1)
ZONE = "Europe/London"


def at(day: int, hour: int = 10) -> datetime:
    """Day ``day`` of the scenario (day 1 = 1 November 2026), ``hour`` o'clock UTC."""
    return datetime(2026, 11, 1, hour, tzinfo=UTC) + timedelta(days=day - 1)


def log_twitch(store: Store, user: str, day: int, location: str = "calf") -> None:
    started = at(day)
    episode = Episode(id=f"e{day}{location}", started_at=started,
                      local_date=DAY_ONE + timedelta(days=day - 1), location=location)  # fmt: skip
    store.diary.add_episode(user, episode, check_at=started)


def persistent_user(
    store: Store, name: str = "u1", days: tuple[int, ...] = (1, 4, 8, 12, 16)
) -> str:
    user = store.user_key(name)
    store.profile.update_profile(user, {"tz": ZONE})
    for day in days:
        log_twitch(store, user, day)
    return user


def sweep(store: Store, now: datetime, **options: object) -> object:
    return run_sweep(store, now, store_assessor(store.evidence), **options)  # type: ignore[arg-type]


def test_twitching_on_days_1_to_16_gives_exactly_one_suggestion(store: Store) -> None:
    user = persistent_user(store)
    report = sweep(store, at(16, 20))
    assert report.advice_created == 1  # type: ignore[attr-defined]
    [advice] = store.advice.pending_advice(user)
    assert advice.rule == "persistence"
    assert "neurologist" in advice.speech
    again = sweep(store, at(17, 20))
    assert again.advice_created == 0  # type: ignore[attr-defined]
    assert len(store.advice.pending_advice(user)) == 1


def test_two_weeks_exactly_is_not_yet_persistent(store: Store) -> None:
    user = persistent_user(store, days=(1, 5, 10, 15))
    sweep(store, at(15, 20))
    assert store.advice.pending_advice(user) == []


def test_the_sweep_only_touches_due_users(store: Store) -> None:
    due = persistent_user(store, "due")
    later = store.user_key("later")
    store.due.schedule_check(later, at(30))
    report = sweep(store, at(16, 20))
    assert report.claimed == 1  # type: ignore[attr-defined]
    assert store.advice.pending_advice(due)


def test_after_a_sweep_the_user_is_rescheduled_for_when_the_run_could_lapse(store: Store) -> None:
    persistent_user(store)
    sweep(store, at(16, 20))
    assert store.due.due_count(at(16, 23)) == 0
    # The run lapses a week after the last twitch day: that is when the outcome changes.
    assert store.due.due_count(at(30)) == 1


def test_an_episode_logged_during_a_sweep_keeps_its_earlier_check(store: Store) -> None:
    user = persistent_user(store, days=(1,))
    now = at(2)

    def assess_and_log_meanwhile(users: list[str], when: datetime) -> list[Outcome]:
        # A request a minute into the sweep logs a twitch; it asks for a check "now".
        episode = Episode(id="late", started_at=when, local_date=DAY_ONE + timedelta(days=1),
                          location="calf")  # fmt: skip
        store.diary.add_episode(user, episode, check_at=when + timedelta(minutes=1))
        return [Outcome(user_key=u, next_check=when + timedelta(days=30)) for u in users]

    run_sweep(store, now, assess_and_log_meanwhile)
    assert store.due.due_count(now + timedelta(minutes=1)) == 1  # not postponed by 30 days


def test_a_crashed_replicas_batch_comes_back_after_the_lease(store: Store) -> None:
    user = persistent_user(store)
    now = at(16, 20)

    def crash(users: list[str], when: datetime) -> list[Outcome]:
        raise RuntimeError("replica died mid-batch")

    with pytest.raises(RuntimeError):
        run_sweep(store, now, crash, lease=timedelta(minutes=5))
    assert sweep(store, now + timedelta(minutes=1)).claimed == 0  # type: ignore[attr-defined]
    report = sweep(store, now + timedelta(minutes=6))
    assert report.claimed == 1  # type: ignore[attr-defined]
    assert len(store.advice.pending_advice(user)) == 1


def test_with_reads_in_flight_every_claimed_batch_is_assessed_and_written(store: Store) -> None:
    # Many small batches, read two at a time (scheduler.sweep.READS_AHEAD): the last claims
    # run out while a read is still in flight, and that batch is still assessed and written.
    users = [persistent_user(store, f"many-{n}") for n in range(23)]
    report = sweep(store, at(16, 20), batch_size=2)
    assert report.claimed == len(users)  # type: ignore[attr-defined]
    assert report.advice_created == len(users)  # type: ignore[attr-defined]
    assert all(len(store.advice.pending_advice(user)) == 1 for user in users)
    assert sweep(store, at(16, 20)).claimed == 0  # type: ignore[attr-defined]  # all rescheduled


def test_concurrent_replicas_produce_each_advice_once(store: Store) -> None:
    users = [persistent_user(store, f"user-{n}") for n in range(40)]
    reports: list[object] = []

    def replica() -> None:
        reports.append(sweep(store, at(16, 20), batch_size=7))

    threads = [threading.Thread(target=replica) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(r.claimed for r in reports) == len(users)  # type: ignore[attr-defined]
    assert sum(r.advice_created for r in reports) == len(users)  # type: ignore[attr-defined]
    assert all(len(store.advice.pending_advice(user)) == 1 for user in users)


def test_new_advice_is_notified_once_even_when_recorded_again(store: Store) -> None:
    user = persistent_user(store)
    store.reminders.grant_consent(user, "amzn1.ask.account.U1", at(1))
    sent: list[tuple[str, str]] = []

    def notify(alexa_user_id: str, ref: str) -> Delivery:
        sent.append((alexa_user_id, ref))
        return Delivery.SENT

    sweep(store, at(16, 20), notify=notify)
    store.due.schedule_check(user, at(16, 21))
    sweep(store, at(16, 22), notify=notify)
    [(alexa_user_id, _ref)] = sent
    assert alexa_user_id == "amzn1.ask.account.U1"
    assert store.outbox.owed_messages(user) == {}


def test_spreading_and_red_flag_answers_are_advised_with_their_urgency(store: Store) -> None:
    user = store.user_key("spread")
    store.profile.update_profile(user, {"tz": ZONE})
    for day, location in ((1, "eyelid"), (3, "bicep"), (5, "calf")):
        log_twitch(store, user, day, location)
    store.symptoms.save_symptom_answer(user, "numbness_coordination", True, at(5))
    sweep(store, at(5, 20))
    pending = store.advice.pending_advice(user)
    assert {a.rule for a in pending} >= {"spreading", "red_flag:numbness_coordination"}
    assert pending[0].urgency == "urgent"


def test_assessment_uses_the_users_local_date() -> None:
    episodes = tuple(
        Episode(id=str(d), started_at=at(d), local_date=DAY_ONE + timedelta(days=d - 1),
                location="calf")
        for d in (1, 4, 8, 12, 16)
    )  # fmt: skip
    evidence = Evidence(episodes=episodes, quiet_days=frozenset(), answers={},
                        time_zone="Pacific/Kiritimati")  # fmt: skip
    # 23:30 UTC on day 15 is already day 16 in UTC+14, so the run spans 15 days there.
    late = at(15, 23) + timedelta(minutes=30)
    assert [a.rule for a in assess_user("u", evidence, late).advice] == ["persistence"]
    utc = Evidence(episodes=episodes[:-1], quiet_days=frozenset(), answers={}, time_zone="UTC")
    assert assess_user("u", utc, late).advice == ()


def test_rechecks_are_at_nine_local_time_across_dst() -> None:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("America/New_York")
    before = local_check_time(date(2026, 10, 31), zone)
    after = local_check_time(date(2026, 11, 2), zone)
    assert (before.hour, after.hour) == (13, 14)  # EDT then EST, both 09:00 local


def test_without_a_device_zone_the_sweep_uses_the_users_locale(store: Store, client) -> None:
    # A request whose zone lookup finds no device: the locale is remembered.
    env.ask(client, env.intent("CountTwitchesIntent", at(1), locale="en-AU", device_id=None))
    user = store.user_key(env.USER_ID)
    evidence = store.evidence.evidence_many([user])[user]
    assert (evidence.time_zone, evidence.locale) == (None, "en-AU")
    # 14:30 UTC on day 15 is already day 16 in Sydney (UTC+11).
    episodes = tuple(
        Episode(id=str(d), started_at=at(d), local_date=DAY_ONE + timedelta(days=d - 1),
                location="calf")
        for d in (1, 4, 8, 12, 16)
    )  # fmt: skip
    sydney = Evidence(episodes=episodes, quiet_days=frozenset(), answers={}, time_zone=None,
                      locale="en-AU")  # fmt: skip
    assert [a.rule for a in assess_user(user, sydney, at(15, 14)).advice] == ["persistence"]
