"""SymptomAnswers: the user's answers to the symptom check.

    twitch:{<user_key>}:symptoms   hash   item id -> "<1|0>|<answered at, ISO UTC>"

One field per question (``skill/episodes/symptoms.py`` ids), holding the latest answer:
answering again overwrites it, and answers from an interrupted check are kept. The time
is kept for the record (when the user said so); the rules read only yes or no.
"""

from __future__ import annotations

from datetime import UTC, datetime

from skill.episodes.keys import user_slot_key
from skill.episodes.store.client import guarded, guarded_write
from skill.episodes.store.connection import Connection

SYMPTOMS = "symptoms"


class SymptomAnswers:
    """Yes/no answers to the symptom questions, one hash per user."""

    KEY_NAMES: tuple[str, ...] = (SYMPTOMS,)

    def __init__(self, conn: Connection) -> None:
        self._redis = conn.redis

    @guarded_write
    def save_symptom_answer(self, user_key: str, item: str, value: bool, at: datetime) -> None:
        """Record the latest answer to one question; ``at`` must be timezone-aware."""
        if not item:
            raise ValueError("a symptom answer needs an item id")
        if at.tzinfo is None:
            raise ValueError("answer times must be timezone-aware")
        stamp = at.astimezone(UTC).isoformat()
        self._redis.hset(user_slot_key(user_key, SYMPTOMS), item, f"{int(bool(value))}|{stamp}")

    @guarded
    def symptom_answers(self, user_key: str) -> dict[str, bool]:
        """Every question the user has answered: item id -> yes (True) or no (False)."""
        raw: dict[str, str] = self._redis.hgetall(user_slot_key(user_key, SYMPTOMS))
        return {item: decode_answer(value) for item, value in raw.items()}


def decode_answer(stored: str) -> bool:
    """Yes or no from a stored ``"<1|0>|<time>"`` answer."""
    return stored.startswith("1|")
