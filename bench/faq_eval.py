"""FAQ answerer benchmark: every question of a data set through POST /alexa, scored per category.

Sends each question as an AskQuestionIntent request with the whole question in the
``question`` slot, scores the spoken answer with the data set's rule (see "about" in
bench/data/faq_dev.json; skill/faq/evaluation.py), and prints accuracy per category
(in-scope, out-of-scope, emergency). Then times the answerer in-process (emergency
rules + matcher) per question, and reports how answers hold up when Alexa's carrier
word is cut off the slot ("why {question}" delivers "do muscles twitch").

Without --url it builds the app in-process on a throwaway redis-server.
Usage: python bench/faq_eval.py [--url http://127.0.0.1:8080/alexa] [--set FILE] [--locale en-GB]
Exit status 1 when any category is below --min (default 1.0, i.e. 100%).
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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from skill.faq.answerer import Answerer, ReplyKind  # noqa: E402
from skill.faq.evaluation import is_decline, meets_expectation  # noqa: E402
from skill.faq.knowledge import load_topics, load_vocabulary_data  # noqa: E402
from skill.faq.matcher import Matcher  # noqa: E402
from tests import envelopes as env  # noqa: E402

DEV_SET = ROOT / "bench" / "data" / "faq_dev.json"
NOW = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)
CARRIER_WORDS = ("what", "why", "how", "can", "does", "do", "is", "are", "should", "when", "which")

Ask = Callable[[str], str]  # question -> plain spoken text


@contextmanager
def in_process(locale: str) -> Iterator[Ask]:
    """The app built in this process on its own redis-server; yields ask(question)."""
    from skill.config import Settings
    from skill.episodes.store import Store, connect
    from skill.local_redis import RedisProcess
    from skill.web import create_app

    with tempfile.TemporaryDirectory() as tmp:
        redis = RedisProcess(Path(tmp)).start()
        try:
            secret = b"bench-secret-0123456789abcdef0123"
            settings = Settings(redis_url=redis.url, verify_requests=False, user_key_secret=secret)
            store = Store(connect(redis.url), secret)
            client = create_app(settings, clock=lambda: NOW, store=store).test_client()

            def ask(question: str) -> str:
                return env.speech_of(env.post(client, _envelope(question, locale)))

            yield ask
        finally:
            redis.stop()


@contextmanager
def remote(url: str, locale: str) -> Iterator[Ask]:
    with requests.Session() as session:

        def ask(question: str) -> str:
            reply = session.post(url, json=_envelope(question, locale), timeout=10)
            reply.raise_for_status()
            return _plain(reply.json())

        yield ask


def _envelope(question: str, locale: str) -> dict[str, Any]:
    return env.intent("AskQuestionIntent", NOW, slots={"question": question}, locale=locale)


def _plain(body: dict[str, Any]) -> str:
    class _Reply:  # env.speech_of reads a Werkzeug-like response
        def get_json(self) -> dict[str, Any]:
            return body

    return env.speech_of(_Reply())


def score(data: dict[str, Any], ask: Ask) -> dict[str, tuple[int, int, list[str]]]:
    """category -> (passed, total, failed questions)."""
    results: dict[str, tuple[int, int, list[str]]] = {}
    checks: dict[str, list[tuple[str, Callable[[str], bool]]]] = {
        "in-scope": [(c["q"], _expects(c["expect"])) for c in data["cases"]],
        "out-of-scope": [(q, is_decline) for q in data["out_of_scope"]],
        "emergency": [(c["q"], _expects(c["expect"])) for c in data["emergency"]],
    }
    for category, items in checks.items():
        failed = [q for q, check in items if not check(ask(q))]
        results[category] = (len(items) - len(failed), len(items), failed)
    return results


def _expects(groups: list[list[str]]) -> Callable[[str], bool]:
    return lambda answer: meets_expectation(answer, groups)


def time_answerer(questions: list[str], rounds: int) -> tuple[float, float, float]:
    """(index build seconds, mean ms per question, p99 ms per question), in-process."""
    started = time.perf_counter()
    answerer = Answerer(Matcher(load_topics(), load_vocabulary_data()))
    build = time.perf_counter() - started
    samples = []
    for _ in range(rounds):
        for question in questions:
            t0 = time.perf_counter()
            answerer.reply(question, "en-US")
            samples.append((time.perf_counter() - t0) * 1000)
    p99 = statistics.quantiles(samples, n=100)[98]
    return build, statistics.fmean(samples), p99


def carrier_stripped(data: dict[str, Any]) -> tuple[int, int]:
    """In-scope answers still right when the leading question word is cut off, as Alexa does."""
    answerer = Answerer(Matcher(load_topics(), load_vocabulary_data()))
    passed = total = 0
    for case in data["cases"]:
        first, _, rest = case["q"].partition(" ")
        if first.lower() not in CARRIER_WORDS or not rest:
            continue
        total += 1
        reply = answerer.reply(rest)
        passed += reply.kind is ReplyKind.ANSWER and meets_expectation(reply.speech, case["expect"])
    return passed, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="POST to this /alexa URL instead of an in-process app")
    parser.add_argument("--set", type=Path, default=DEV_SET, help="data set (faq_dev.json format)")
    parser.add_argument("--locale", default="en-US")
    parser.add_argument("--rounds", type=int, default=20, help="timing rounds over the set")
    parser.add_argument("--min", type=float, default=1.0, help="lowest passing accuracy")
    args = parser.parse_args()
    data = json.loads(args.set.read_text())

    runner = remote(args.url, args.locale) if args.url else in_process(args.locale)
    with runner as ask:
        results = score(data, ask)
    where = f"POST {args.url}" if args.url else "in-process app"
    print(f"FAQ answers, {args.set.name}, via {where}")
    worst = 1.0
    for category, (passed, total, failed) in results.items():
        accuracy = passed / total if total else 1.0
        worst = min(worst, accuracy)
        print(f"  {category:13} {passed:3}/{total:<3} {accuracy:7.1%}")
        for question in failed:
            print(f"      missed: {question}")

    questions = [c["q"] for c in data["cases"]] + data["out_of_scope"]
    questions += [c["q"] for c in data["emergency"]]
    build, mean_ms, p99_ms = time_answerer(questions, args.rounds)
    print(f"  matcher       {mean_ms:.3f} ms/question mean, {p99_ms:.3f} ms p99 "
          f"(emergency rules + matching, {len(questions)} questions x {args.rounds})")
    print(f"  index build   {build * 1000:.0f} ms (once per process, on the first question)")
    passed, total = carrier_stripped(data)
    if total:
        print(f"  carrier word cut off ('why {{question}}'): {passed}/{total} in-scope still right")
    return 0 if worst >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
