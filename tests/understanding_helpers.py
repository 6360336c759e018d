"""What the understanding-pass tests share: the diary's entries, an entry added directly,
whether a reply names the emergency number, and what the local matcher heard in a line."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from devkit import envelopes as env
from devkit.chat.matcher import ModelMatcher
from skill import speech
from skill.episodes.model import Episode
from skill.episodes.store import Store
from skill.episodes.store.diary import new_episode_id

# The tests' day: Tuesday 2026-11-24 (tests/conftest.py NOW).
TODAY = date(2026, 11, 24)


def diary_of(store: Store) -> list[Episode]:
    """Every entry of the tests' user."""
    return store.diary.all_episodes(store.user_key(env.USER_ID))


def add_entry(store: Store, when: datetime, location: str) -> None:
    """An entry for the tests' user, stored as the skill stores one."""
    episode = Episode(
        id=new_episode_id(), started_at=when, local_date=when.date(), location=location,
        side="left", time_of_day="morning",
    )  # fmt: skip
    store.diary.add_episode(store.user_key(env.USER_ID), episode, check_at=when)


def alarmed(text: str, locale: str = "en-GB") -> bool:
    """Whether a reply names the locale's emergency number, spoken or written."""
    spoken, written = speech.EMERGENCY_NUMBERS[locale]
    return spoken in text or written in text


def slots_heard(
    matcher: ModelMatcher, line: str, today: date = TODAY
) -> tuple[str, dict[str, Any]]:
    """The intent and each slot's spoken value (a list for a multi-value slot)."""
    found = matcher.understand(line, today)
    values: dict[str, Any] = {}
    for name, filled in found.slots.items():
        listed = (filled.get("slotValue") or {}).get("values")
        values[name] = [v["value"] for v in listed] if listed else filled.get("value")
    return found.intent, values
