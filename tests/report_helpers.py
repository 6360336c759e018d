"""Shared pieces for the report tests: a seeded diary and a code asked for by voice."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from flask.testing import FlaskClient

from devkit import envelopes as env
from skill.episodes.model import Episode
from skill.episodes.store import Store
from tests.conftest import NOW

# en-US without a Settings API: the skill uses America/New_York.
ZONE = "America/New_York"


def episode(
    day: date,
    location: str,
    *,
    hour: int = 23,
    side: str | None = None,
    time_of_day: str | None = "evening",
    triggers: tuple[str, ...] = (),
    seconds: int | None = None,
    n: int = 0,
) -> Episode:
    """An episode on ``day`` at ``hour`` UTC (evening in New York for the default 23:00)."""
    return Episode(
        id=f"{location[:3]}{day.toordinal() % 10000}{n}",
        started_at=datetime(day.year, day.month, day.day, hour, tzinfo=UTC),
        local_date=day,
        location=location,
        side=side,
        duration_seconds=seconds,
        time_of_day=time_of_day,
        triggers=triggers,
    )


def seed_diary(store: Store, user: str) -> list[Episode]:
    """Nine twitches over twelve days: mostly the left eyelid in the evening, caffeine often."""
    today = NOW.date()
    episodes = [
        episode(today - timedelta(days=11), "calf", side="right", triggers=("exercise",)),
        episode(today - timedelta(days=9), "eyelid", side="left", triggers=("caffeine",)),
        episode(today - timedelta(days=6), "eyelid", side="left", triggers=("caffeine", "stress")),
        episode(today - timedelta(days=5), "eyelid", side="left", triggers=("caffeine",), n=1),
        episode(today - timedelta(days=5), "eyelid", side="left", triggers=("caffeine",), n=2),
        episode(today - timedelta(days=3), "thumb", side="right", time_of_day="morning",
                hour=13, triggers=("none",)),
        episode(today - timedelta(days=2), "eyelid", side="left", triggers=("caffeine",),
                seconds=90),
        episode(today - timedelta(days=1), "eyelid", side="left", triggers=("fatigue",)),
        episode(today - timedelta(days=1), "eyelid", side="both", triggers=("caffeine",), n=1),
    ]  # fmt: skip
    for item in episodes:
        store.diary.add_episode(user, item, check_at=NOW)
    return episodes


def code_on_card(card: str) -> str:
    """The code a card shows ("Your report code: 481 502 739"), without its spaces."""
    found = re.search(r"code: (\d[\d ]*\d)$", card, re.MULTILINE)
    assert found, card
    return found.group(1).replace(" ", "")


def ask_for_code(client: FlaskClient, now: datetime = NOW, **options: object) -> str:
    """Say "I want my report" and read the code off the card."""
    _, body = env.ask(client, env.intent("ReportIntent", now, **options))
    return code_on_card(body["response"]["card"]["content"])


def pdf_pages(data: bytes) -> int:
    """Page objects in a PDF (``/Type /Page``, not ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
