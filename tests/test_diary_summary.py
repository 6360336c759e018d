"""The diary's summary (store/diary.py): kept at write time, and the rules over it equal the
rules over the whole diary, on a real Redis, whatever the writes, deletes and old data."""

from __future__ import annotations

import itertools
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skill.episodes import rules
from skill.episodes.keys import user_slot_key
from skill.episodes.model import DiaryMark, Episode
from skill.episodes.store import Store
from skill.episodes.store.diary import (
    EPISODES,
    MARK_LIST,
    MARKS,
    encode_episode,
    episode_score,
)
from tests.rules_data import day, twitch

# Known places in several regions, widespread (every region), one no region knows.
LOCATIONS = ["calf", "eyelid", "hand", "back", "thigh", "widespread", "nowhere"]

_users = itertools.count()

add_st = st.tuples(
    st.just("add"), st.integers(1, 45), st.sampled_from(LOCATIONS), st.integers(0, 2)
)
operations_st = st.lists(
    st.one_of(
        add_st,
        st.tuples(st.just("delete_last")),
        st.tuples(st.just("delete_one"), st.integers(0, 100)),
    ),
    max_size=40,
)
legacy_st = st.lists(add_st, max_size=15)  # entries written before the summary existed


def write_legacy(store: Store, user: str, episodes: list[Episode]) -> None:
    """Entries as the diary held them before the summary: the sorted set alone."""
    if episodes:
        members = {encode_episode(e): episode_score(e) for e in episodes}
        store.client.zadd(user_slot_key(user, EPISODES), members)


def apply(store: Store, user: str, operations: list[tuple]) -> None:
    for operation in operations:
        if operation[0] == "add":
            _, n, where, seq = operation
            episode = twitch(n, where, seq=seq)
            store.diary.add_episode(user, episode, check_at=episode.started_at)
        elif operation[0] == "delete_last":
            store.diary.delete_last_episode(user)
        else:
            diary = store.diary.all_episodes(user)
            if diary:
                gone = diary[operation[1] % len(diary)]
                assert store.diary.delete_episode(user, gone.id, gone.started_at)


def assert_list_matches_counts(store: Store, user: str) -> None:
    """The mark list holds exactly the marks the counts hold (none without a diary)."""
    counts = store.client.hgetall(user_slot_key(user, MARKS))
    listed = store.client.get(user_slot_key(user, MARK_LIST))
    if not counts:
        assert listed is None
        return
    counts.pop("_v")
    assert sorted(filter(None, listed.split(","))) == sorted(counts)


def day_places(marks: tuple[DiaryMark, ...]) -> set[tuple[date, str]]:
    return {(mark.local_date, mark.location) for mark in marks}


def assert_rules_agree(store: Store, user: str, today_numbers: list[int]) -> None:
    diary = store.diary.all_episodes(user)
    evidence = store.evidence.evidence_many([user])[user]
    assert_list_matches_counts(store, user)
    assert day_places(evidence.episodes) == {(e.local_date, e.location) for e in diary}
    quiet = {day(3), day(4), day(5)}
    for n in today_numbers:
        full = rules.evaluate_and_next_check(diary, quiet, {}, today=day(n))
        summary = rules.evaluate_and_next_check(evidence.episodes, quiet, {}, today=day(n))
        assert summary == full


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    legacy=legacy_st,
    operations=operations_st,
    today_numbers=st.lists(st.integers(1, 60), min_size=1, max_size=4),
)
def test_rules_over_the_summary_equal_the_rules_over_the_whole_diary(
    store: Store, legacy: list[tuple], operations: list[tuple], today_numbers: list[int]
) -> None:
    user = store.user_key(f"summary-user-{next(_users)}")
    write_legacy(store, user, [twitch(n, where, seq=seq) for _, n, where, seq in legacy])
    apply(store, user, operations)
    if operations:
        assert_list_matches_counts(store, user)  # kept by the writes, before any read
    assert_rules_agree(store, user, today_numbers)


def summary_without_list(store: Store, name: str) -> str:
    """A diary and its summary as written before the mark list existed."""
    user = store.user_key(name)
    for n, where in ((1, "calf"), (2, "calf"), (2, "eyelid")):
        store.diary.add_episode(user, twitch(n, where), check_at=twitch(n).started_at)
    store.client.delete(user_slot_key(user, MARK_LIST))
    return user


def test_a_summary_from_before_the_mark_list_gets_its_list_from_the_sweeps_read(
    store: Store,
) -> None:
    user = summary_without_list(store, "no-list-read")
    evidence = store.evidence.evidence_many([user])[user]
    assert day_places(evidence.episodes) == {(day(1), "calf"), (day(2), "calf"), (day(2), "eyelid")}
    assert_list_matches_counts(store, user)


def test_a_summary_from_before_the_mark_list_gets_its_list_from_the_next_write(
    store: Store,
) -> None:
    user = summary_without_list(store, "no-list-write")
    store.diary.add_episode(user, twitch(2, "calf", seq=1), check_at=twitch(2).started_at)
    assert_list_matches_counts(store, user)
    assert sorted(store.client.get(user_slot_key(user, MARK_LIST)).split(",")) == [
        f"{day(1):%Y%m%d}|calf", f"{day(2):%Y%m%d}|calf", f"{day(2):%Y%m%d}|eyelid",
    ]  # fmt: skip


def test_a_diary_from_before_the_summary_is_summarised_by_its_next_write(store: Store) -> None:
    user = store.user_key("old-diary")
    write_legacy(store, user, [twitch(1, "calf"), twitch(2, "calf"), twitch(2, "eyelid")])
    marks = user_slot_key(user, MARKS)
    assert not store.client.exists(marks)
    store.diary.add_episode(user, twitch(3, "hand"), check_at=twitch(3).started_at)
    summary = store.client.hgetall(marks)
    assert summary.pop("_v") == "1"
    assert summary == {
        f"{day(1):%Y%m%d}|calf": "1", f"{day(2):%Y%m%d}|calf": "1",
        f"{day(2):%Y%m%d}|eyelid": "1", f"{day(3):%Y%m%d}|hand": "1",
    }  # fmt: skip


def test_a_diary_from_before_the_summary_is_summarised_by_the_sweeps_read(store: Store) -> None:
    user = store.user_key("old-diary-read")
    write_legacy(store, user, [twitch(n, "calf") for n in (1, 5, 9, 13, 17)])
    evidence = store.evidence.evidence_many([user])[user]
    assert {mark.local_date for mark in evidence.episodes} == {day(n) for n in (1, 5, 9, 13, 17)}
    assert store.client.hget(user_slot_key(user, MARKS), "_v") == "1"
    findings = rules.evaluate(evidence.episodes, set(), {}, today=day(17))
    assert [f.rule for f in findings] == [rules.PERSISTENCE]


def test_the_summary_counts_entries_so_deleting_one_of_two_keeps_the_mark(store: Store) -> None:
    user = store.user_key("two-in-one-place")
    first, second = twitch(4, "calf", seq=0), twitch(4, "calf", seq=1)
    for episode in (first, second):
        store.diary.add_episode(user, episode, check_at=episode.started_at)
    store.diary.add_episode(user, first, check_at=first.started_at)  # a retry: counted once
    assert store.diary.delete_episode(user, first.id, first.started_at)
    assert day_places(store.evidence.evidence_many([user])[user].episodes) == {(day(4), "calf")}
    store.diary.delete_last_episode(user)
    assert store.evidence.evidence_many([user])[user].episodes == ()


def test_a_forgotten_user_gets_no_summary_back_from_a_read(store: Store) -> None:
    user = store.user_key("forgotten")
    store.diary.add_episode(user, twitch(1), check_at=twitch(1).started_at)
    store.forget(user)
    assert store.evidence.evidence_many([user])[user].episodes == ()
    assert not store.client.exists(
        user_slot_key(user, MARKS), user_slot_key(user, MARK_LIST), user_slot_key(user, EPISODES)
    )


def test_the_summary_shares_the_users_slot(store: Store) -> None:
    user = store.user_key("slot")
    tag = "{" + user + "}"
    assert tag in user_slot_key(user, MARKS) and tag in user_slot_key(user, EPISODES)
    assert tag in user_slot_key(user, MARK_LIST)
    assert {MARKS, MARK_LIST} <= set(Store.user_key_names())
