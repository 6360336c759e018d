"""ISO-8601 instants as Alexa and our command lines write them. Pure."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_utc(text: str) -> datetime:
    """An aware datetime: a trailing ``Z`` is accepted, no offset means UTC; else ValueError."""
    moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
