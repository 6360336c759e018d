"""Symptom answers and twitch-free days on a real Redis."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from skill.episodes.store import Store
from tests.conftest import NOW


def test_answers_are_kept_per_item_and_the_latest_wins(store: Store) -> None:
    user = store.user_key("u1")
    assert store.symptoms.symptom_answers(user) == {}
    store.symptoms.save_symptom_answer(user, "weakness", True, NOW)
    store.symptoms.save_symptom_answer(user, "family_history", False, NOW)
    store.symptoms.save_symptom_answer(user, "weakness", False, NOW + timedelta(minutes=1))
    assert store.symptoms.symptom_answers(user) == {"weakness": False, "family_history": False}
    store.symptoms.save_symptom_answer(user, "family_history", True, NOW + timedelta(minutes=2))
    assert store.symptoms.symptom_answers(user) == {"weakness": False, "family_history": True}


def test_answers_record_when_they_were_given(store: Store, redis_client) -> None:
    user = store.user_key("u1")
    store.symptoms.save_symptom_answer(user, "muscle_loss", True, NOW)
    stored = redis_client.hget(f"twitch:{{{user}}}:symptoms", "muscle_loss")
    assert stored == f"1|{NOW.isoformat()}"


def test_answers_are_per_user(store: Store) -> None:
    store.symptoms.save_symptom_answer(store.user_key("u1"), "weakness", True, NOW)
    assert store.symptoms.symptom_answers(store.user_key("u2")) == {}


@pytest.mark.parametrize(
    ("item", "at"),
    [("", NOW), ("weakness", datetime(2026, 11, 24, 18, 30))],
    ids=["empty-item", "naive-time"],
)
def test_bad_answers_are_refused(store: Store, item: str, at: datetime) -> None:
    with pytest.raises(ValueError):
        store.symptoms.save_symptom_answer(store.user_key("u1"), item, True, at)


def test_quiet_days_are_a_set_of_local_dates(store: Store) -> None:
    user = store.user_key("u1")
    assert store.quiet_days.quiet_days(user) == set()
    for day in (date(2026, 11, 20), date(2026, 11, 3), date(2026, 11, 20), date(2025, 12, 31)):
        store.quiet_days.mark_quiet_day(user, day)
    assert store.quiet_days.quiet_days(user) == {
        date(2026, 11, 20),
        date(2026, 11, 3),
        date(2025, 12, 31),
    }
    assert store.quiet_days.quiet_days(user, since=date(2026, 11, 3)) == {
        date(2026, 11, 20),
        date(2026, 11, 3),
    }


def test_new_keys_share_the_users_hash_tag_and_are_forgotten(store: Store, redis_client) -> None:
    user = store.user_key("u1")
    other = store.user_key("u2")
    for who in (user, other):
        store.symptoms.save_symptom_answer(who, "weakness", True, NOW)
        store.quiet_days.mark_quiet_day(who, date(2026, 11, 24))
    assert {k for k in redis_client.keys(f"*{user}*")} == {
        f"twitch:{{{user}}}:symptoms",
        f"twitch:{{{user}}}:quiet_days",
    }
    store.forget(user)
    assert redis_client.keys(f"*{user}*") == []
    assert store.symptoms.symptom_answers(other) == {"weakness": True}
    assert store.quiet_days.quiet_days(other) == {date(2026, 11, 24)}
