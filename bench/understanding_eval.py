"""Understanding benchmark: logging, history and emergency statements, the way a user says them.

Each sentence of a data set (default ``bench/data/understanding_dev.json``; its "about"
says how it was written) is played through ``twitch-diary chat``'s conversation: the
line is understood from the locale's interaction model by the local matcher, sent as a
real request envelope to the skill built in this process on its own redis-server, and
dialog directives are acted out. Then it is scored:

- logging: after the sentence, any question the skill asks is answered "skip" (at most
  four times) and a reminder offer "no"; the first entry stored must have the expected
  place, side, duration, date, time of day and triggers;
- history: the diary intent (and period) the skill acted on must be the expected kind;
- emergency statements: the reply names the locale's emergency number;
- look-alikes: the reply does not.

It prints each share and the matcher's time per utterance. ``--failures`` lists what
failed. Exit status 1 when a share is below ``--min``.

Usage: python bench/understanding_eval.py [--set FILE] [--failures] [--min 0.95]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ask_sdk_core.dispatch_components import AbstractResponseInterceptor  # noqa: E402

from devkit.chat.conversation import Conversation  # noqa: E402
from devkit.chat.matcher import ModelMatcher  # noqa: E402
from devkit.envelopes import resolved_id  # noqa: E402
from skill import speech  # noqa: E402
from skill.episodes.history import days_asked, period_span  # noqa: E402
from skill.episodes.model import OTHER_TRIGGER, TRIGGERS, Episode  # noqa: E402
from skill.episodes.zones import locale_zone  # noqa: E402
from skill.intents import LOCALES, load_model  # noqa: E402

DEV_SET = ROOT / "bench" / "data" / "understanding_dev.json"
# No Settings API here: a refused port makes the skill fall back on the locale's zone at once.
NO_API = "http://127.0.0.1:9"
INVOCATION = "muscle twitch diary"
SECRET = b"bench-understanding-0123456789abcdef"

HISTORY_INTENTS = {
    "LastTwitchIntent": "last",
    "CountTwitchesIntent": "count",
    "TwitchPatternsIntent": "patterns",
    "ReadEntriesIntent": "read",
    "DeleteLastEntryIntent": "delete_last",
    "DeleteAllDataIntent": "delete_all",
}
# Intents that answer a history question for a fixed period: "how was my week" is the
# weekly summary, patterns over the last seven days.
FIXED_PERIOD_INTENTS = {"WeeklySummaryIntent": ("patterns", "last_7_days")}
PERIOD_IDS = {
    "today": "today",
    "yesterday": "yesterday",
    "this week": "this_week",
    "last week": "last_week",
    "this month": "this_month",
    "last month": "last_month",
    "last 7 days": "last_7_days",
    "all time": "all_time",
}


@dataclass
class Skill:
    transport: Any
    store: Any
    matchers: dict[str, ModelMatcher]
    models: dict[str, dict[str, Any]]
    # Each request as the skill acted on it: a question intent whose words ask about the
    # diary is answered as the diary intent (skill/handlers/diary_question.py).
    acted: list[dict[str, Any]]


class ActedRecorder(AbstractResponseInterceptor):  # type: ignore[misc]
    """Remembers each request as the handlers left it, once they have answered."""

    def __init__(self, skill: Any, acted: list[dict[str, Any]]) -> None:
        self._serializer = skill.serializer
        self._acted = acted

    def process(self, handler_input: Any, response: Any) -> None:
        self._acted.append(self._serializer.serialize(handler_input.request_envelope.request))


@contextmanager
def skill_in_process() -> Iterator[tuple[Skill, Callable[[datetime], None]]]:
    from devkit.chat.transport import AppTransport
    from devkit.local_redis import RedisProcess
    from skill.config import Settings
    from skill.episodes.store import Store, connect
    from skill.web.app import create_app

    clock_now = [datetime(2026, 11, 24, tzinfo=UTC)]
    with tempfile.TemporaryDirectory(prefix="understanding-") as tmp:
        redis = RedisProcess(Path(tmp) / "redis", appendfsync="no").start()
        try:
            settings = Settings(redis_url=redis.url, verify_requests=False, user_key_secret=SECRET)
            store = Store(connect(redis.url), SECRET)
            app = create_app(settings, clock=lambda: clock_now[0], store=store)
            models = {locale: load_model(locale) for locale in LOCALES}
            matchers = {locale: ModelMatcher(m) for locale, m in models.items()}
            acted: list[dict[str, Any]] = []
            skill = app.extensions["twitch_skill"]
            skill.request_dispatcher.response_interceptors.append(ActedRecorder(skill, acted))

            def set_clock(when: datetime) -> None:
                clock_now[0] = when

            yield Skill(AppTransport(app), store, matchers, models, acted), set_clock
        finally:
            redis.stop()


@dataclass
class Played:
    acted: list[dict[str, Any]]  # the requests as the skill acted on them
    speech: list[str]
    episodes: list[Episode]


def play(
    skill: Skill,
    set_clock: Callable[[datetime], None],
    item: dict[str, Any],
    user: str,
    *,
    answer_questions: bool,
) -> Played:
    locale = item.get("locale", "en-US")
    zone = locale_zone(locale)
    local = datetime.fromisoformat(item.get("local_time", "2026-11-24T12:00"))
    now = local.replace(tzinfo=zone).astimezone(UTC)
    set_clock(now)
    conversation = Conversation(
        skill.models[locale],
        skill.transport,
        lambda: now,
        user_id=user,
        locale=locale,
        api_endpoint=NO_API,
        matcher=skill.matchers[locale],
        time_zone=zone,
    )
    said: list[str] = []
    acted_before = len(skill.acted)

    def hear(line: str) -> None:
        said.extend(s.text for s in conversation.hear(line) if s.kind == "alexa")

    text = item["text"]
    if not text.lower().startswith((f"ask {INVOCATION}", f"tell {INVOCATION}")):
        hear(f"open {INVOCATION}")
        # The welcome is not an answer to the sentence (it may name the emergency number).
        said.clear()
    hear(text)
    key = skill.store.user_key(user)
    if answer_questions:
        for _ in range(4):
            if conversation.session is None or skill.store.diary.all_episodes(key):
                break
            hear("skip")
        if conversation.session is not None and "remind" in (said[-1] if said else "").lower():
            hear("no")
    conversation.hang_up()
    acted = skill.acted[acted_before:]
    return Played(acted, said, skill.store.diary.all_episodes(key))


# --- scoring -------------------------------------------------------------------------------


def logging_problems(item: dict[str, Any], episodes: list[Episode]) -> list[str]:
    expect = item["expect"]
    if not episodes:
        return ["nothing stored"]
    if len(episodes) > 1:
        return [f"{len(episodes)} entries stored"]
    episode = episodes[0]
    zone = locale_zone(item.get("locale", "en-US"))
    problems = []
    if episode.location != expect["location"]:
        problems.append(f"location {episode.location!r}")
    if (episode.side or None) != expect.get("side"):
        problems.append(f"side {episode.side!r}")
    problems += _duration_problems(expect.get("duration_seconds"), episode.duration_seconds)
    if "date" in expect and episode.local_date != date.fromisoformat(expect["date"]):
        problems.append(f"date {episode.local_date}")
    if "time_of_day" in expect:
        wanted = expect["time_of_day"]
        allowed = wanted if isinstance(wanted, list) else [wanted]
        if episode.time_of_day not in allowed:
            problems.append(f"time of day {episode.time_of_day!r}")
    if expect.get("started_local"):
        hours, minutes = map(int, expect["started_local"].split(":"))
        local = episode.started_at.astimezone(zone)
        target = local.replace(hour=hours, minute=minutes, second=0, microsecond=0)
        if "date" in expect:
            target = datetime.combine(date.fromisoformat(expect["date"]), target.timetz())
        if abs(local - target) > timedelta(minutes=10):
            problems.append(f"started {local:%Y-%m-%d %H:%M}")
    problems += _trigger_problems(expect, episode)
    return problems


def _duration_problems(wanted: Any, seconds: int | None) -> list[str]:
    if wanted is None:
        return [] if seconds is None else [f"duration {seconds}s"]
    low, high = (wanted, wanted) if isinstance(wanted, int | float) else wanted
    if seconds is None or not low <= seconds <= high:
        return [f"duration {seconds}s"]
    return []


def _trigger_problems(expect: dict[str, Any], episode: Episode) -> list[str]:
    stored = set(episode.triggers)
    # Triggers outside the type are kept in the user's words as "other:<words>".
    other = " ".join(t[len(OTHER_TRIGGER) :] for t in stored if t.startswith(OTHER_TRIGGER))
    canonical = stored - {"none", "unknown"}
    wanted = set(expect.get("triggers", []))
    problems = []
    if expect.get("triggers_any") and wanted & {"caffeine", "stimulants"}:
        wanted -= {"caffeine", "stimulants"}
        if not canonical & {"caffeine", "stimulants"}:
            problems.append("no caffeine or stimulants")
        canonical -= {"caffeine", "stimulants"}
    known = {t for t in canonical if t in TRIGGERS}
    if known != wanted:
        problems.append(f"triggers {sorted(known)}")
    for word in expect.get("other_triggers", []):
        if word.lower() not in other:
            problems.append(f"other trigger {word!r} missing (kept: {other!r})")
    return problems


@dataclass(frozen=True)
class Asked:
    """The period a history intent was sent with: a PERIOD id, or a date, or a day since."""

    period: str | None = None
    date: str | None = None
    since: str | None = None

    def __str__(self) -> str:
        return self.period or self.date or (f"since {self.since}" if self.since else "none")


def acted_history(requests: list[dict[str, Any]]) -> tuple[str | None, Asked]:
    """(kind, period asked) of the last diary-history intent the skill acted on."""
    for request in reversed(requests):
        intent = request.get("intent") or {}
        if intent.get("name") in FIXED_PERIOD_INTENTS:
            kind, period = FIXED_PERIOD_INTENTS[intent["name"]]
            return kind, Asked(period)
        kind = HISTORY_INTENTS.get(intent.get("name", ""))
        if kind is None:
            continue
        slots = intent.get("slots") or {}
        period = resolved_id(slots.get("period"))
        day, since = _date_value(slots.get("date")), _date_value(slots.get("since"))
        if period == "all_time" and (day or since):
            period = None  # "in december so far": the skill reads the month (history.py)
        return kind, Asked(period, day, since)
    return None, Asked()


def _date_value(slot_json: dict[str, Any] | None) -> str | None:
    return (slot_json or {}).get("value")


def history_problems(item: dict[str, Any], played: Played) -> list[str]:
    expect = item["expect"]
    kind, period = acted_history(played.acted)
    if kind != expect["kind"]:
        return [f"kind {kind!r}: {' / '.join(played.speech[-1:])[:80]}"]
    wanted = expect.get("period")
    if wanted and wanted != "all time" and not _same_period(PERIOD_IDS.get(wanted), period, item):
        return [f"period {str(period)!r}"]
    return []


def _same_period(wanted: str | None, acted: Asked, item: dict[str, Any]) -> bool:
    """The period id asked for, or a date the skill reads as the same days ("this week" heard
    as the date 2026-W48, "since monday" as Monday to today)."""
    if wanted is None:
        return acted == Asked()
    if acted.period is not None:
        return wanted == acted.period
    today = datetime.fromisoformat(item["local_time"]).date()
    span, named = days_asked(acted.date, acted.since, today), period_span(wanted, today)
    if span is None or named is None:
        return False
    # Days after today hold no entries: "this week" to Sunday or to today is the same.
    return span.start == named.start and min(span.end, today) == min(named.end, today)


def alarmed(item: dict[str, Any], played: Played) -> bool:
    spoken, written = speech.EMERGENCY_NUMBERS.get(item.get("locale", "en-US"), ("911", "911"))
    text = " ".join(played.speech).lower()
    return spoken.lower() in text or written in text


# --- the run -------------------------------------------------------------------------------


def evaluate(data: dict[str, Any]) -> dict[str, tuple[int, int, list[str]]]:
    results: dict[str, tuple[int, int, list[str]]] = {}
    with skill_in_process() as (skill, set_clock):
        counter = iter(range(10**9))

        def user() -> str:
            return f"amzn1.ask.account.UNDERSTANDING{next(counter):08d}"

        checks: dict[str, Callable[[dict[str, Any]], list[str]]] = {
            "logging": lambda item: logging_problems(
                item, play(skill, set_clock, item, user(), answer_questions=True).episodes
            ),
            "history": lambda item: history_problems(
                item, play(skill, set_clock, item, user(), answer_questions=False)
            ),
            "emergency": lambda item: (
                []
                if alarmed(item, p := play(skill, set_clock, item, user(), answer_questions=False))
                else [f"not routed: {' / '.join(p.speech)[:90]}"]
            ),
            "lookalike": lambda item: (
                [f"alarmed: {' / '.join(p.speech)[:90]}"]
                if alarmed(item, p := play(skill, set_clock, item, user(), answer_questions=False))
                else []
            ),
        }
        for category, check in checks.items():
            items = data.get(category, [])
            failed = []
            for item in items:
                problems = check(item)
                if problems:
                    failed.append(f"[{item.get('locale')}] {item['text']!r}: {'; '.join(problems)}")
            results[category] = (len(items) - len(failed), len(items), failed)
    return results


def time_matcher(data: dict[str, Any], rounds: int = 3) -> tuple[float, float]:
    """(mean ms, p99 ms) for the local matcher to understand one utterance."""
    matchers = {locale: ModelMatcher(load_model(locale)) for locale in LOCALES}
    today = date(2026, 11, 24)
    items = [
        item
        for key in ("logging", "history", "emergency", "lookalike")
        for item in data.get(key, [])
    ]
    samples = []
    for _ in range(rounds):
        for item in items:
            matcher = matchers[item.get("locale", "en-US")]
            started = time.perf_counter()
            matcher.understand(item["text"], today)
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.fmean(samples), samples[int(len(samples) * 0.99) - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEV_SET)
    parser.add_argument("--failures", action="store_true", help="list every failed sentence")
    parser.add_argument("--min", type=float, default=0.0, help="lowest acceptable share")
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args(argv)
    data = json.loads(args.set.read_text())
    results = evaluate(data)
    labels = {
        "logging": "logging sentences stored right",
        "history": "history questions answered right",
        "emergency": "emergency statements routed",
        "lookalike": "look-alikes answered calmly",
    }
    ok = True
    for category, (passed, total, failed) in results.items():
        share = passed / total if total else 1.0
        ok &= share >= args.min
        print(f"{labels[category]}: {passed}/{total} ({share:.1%})")
        if args.failures:
            for line in failed:
                print(f"    {line}")
    if not args.no_timing:
        mean, p99 = time_matcher(data)
        print(f"matcher: {mean:.2f} ms per utterance (mean), p99 {p99:.2f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
