"""`twitch-diary export`: one user's diary as JSON or CSV, read with the server's secret."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from devkit.local_redis import RedisProcess, free_port
from skill.cli import main
from skill.episodes.model import Episode
from skill.episodes.store import Store
from tests.conftest import SECRET

USER = "amzn1.ask.account.EXPORTME"


@pytest.fixture
def diary(store: Store, redis_server: RedisProcess, monkeypatch: pytest.MonkeyPatch) -> list:
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    monkeypatch.setenv("USER_KEY_SECRET", SECRET.decode())
    monkeypatch.delenv("REDIS_CLUSTER", raising=False)
    episodes = [
        Episode("a1", datetime(2026, 11, 23, 19, tzinfo=UTC), datetime(2026, 11, 23).date(),
                "calf", "left", 120, "evening", ("caffeine", "stress")),
        Episode("b2", datetime(2026, 11, 24, 8, tzinfo=UTC), datetime(2026, 11, 24).date(),
                "upper_back"),
    ]  # fmt: skip
    for episode in episodes:
        store.diary.add_episode(store.user_key(USER), episode, check_at=episode.started_at)
    store.diary.add_episode(
        store.user_key("someone else"), episodes[0], check_at=episodes[0].started_at
    )
    return episodes


def test_export_json(diary: list, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--user", USER, "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert USER not in out
    rows = json.loads(out)["episodes"]
    assert [r["id"] for r in rows] == ["a1", "b2"]
    assert rows[0] == {
        "id": "a1",
        "started_at": "2026-11-23T19:00:00+00:00",
        "local_date": "2026-11-23",
        "location": "calf",
        "region": "legs",
        "side": "left",
        "duration_seconds": 120,
        "time_of_day": "evening",
        "triggers": ["caffeine", "stress"],
    }
    assert rows[1]["side"] is None and rows[1]["triggers"] == []


def test_export_csv(diary: list, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--user", USER, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["id"] for r in rows] == ["a1", "b2"]
    assert rows[0]["triggers"] == "caffeine;stress" and rows[0]["duration_seconds"] == "120"
    assert rows[1]["location"] == "upper_back" and rows[1]["side"] == ""


def test_export_of_an_unknown_user_is_empty(
    diary: list, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--user", "amzn1.ask.account.NOBODY"]) == 0
    assert json.loads(capsys.readouterr().out) == {"episodes": []}


def test_export_needs_the_secret_and_a_reachable_redis(
    diary: list, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("USER_KEY_SECRET", "short")
    assert main(["export", "--user", USER]) == 2
    assert "USER_KEY_SECRET" in capsys.readouterr().err
    monkeypatch.setenv("USER_KEY_SECRET", SECRET.decode())
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    assert main(["export", "--user", USER]) == 1
    assert "not reachable" in capsys.readouterr().err


def test_export_rejects_an_unknown_format(diary: list) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--user", USER, "--format", "xml"])
