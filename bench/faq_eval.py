"""FAQ answerer benchmark: every question of a data set through POST /alexa, scored per category.

Sends each question as an AskQuestionIntent request with the whole question in the
``question`` slot, scores the spoken answer with the data set's rule (see "about" in
bench/data/faq_dev.json; skill/faq/evaluation.py), and prints accuracy per category
(in-scope, out-of-scope, emergency). Then times the answerer in-process (emergency
rules + matcher) per question. (How a question reaches the answerer through the interaction
model, carrier words included, is bench/faq_spoken_eval.py's measure.)

Without --url it builds the app in-process on a throwaway redis-server.
Usage: python bench/faq_eval.py [--url http://127.0.0.1:8080/alexa] [--set FILE] [--locale en-GB]
Sets in the faq_dev_styles.json format also get a score per style; their cases may carry a
locale, a "must_not" list, an "opener" (yes/no/depends, judged by skill/faq/evaluation.py on
the first sentence) and "after": the question asked just before in the same session, sent
first, with the session attributes the skill returned carried into the follow-up.
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

from devkit import envelopes as env  # noqa: E402
from skill.faq.answerer import Answerer  # noqa: E402
from skill.faq.evaluation import is_decline, meets_case  # noqa: E402
from skill.faq.knowledge import load_topics, load_vocabulary_data  # noqa: E402
from skill.faq.matcher import Matcher  # noqa: E402

DEV_SET = ROOT / "bench" / "data" / "faq_dev.json"
NOW = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)

Session = dict[str, Any]
# (question, locale, session attributes) -> (plain spoken text, session attributes returned)
Ask = Callable[[str, str, Session], tuple[str, Session]]


@contextmanager
def in_process(locale: str) -> Iterator[Ask]:
    """The app built in this process on its own redis-server; yields ask(question)."""
    from devkit.local_redis import RedisProcess
    from skill.config import Settings
    from skill.episodes.store import Store, connect
    from skill.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        redis = RedisProcess(Path(tmp)).start()
        try:
            secret = b"bench-secret-0123456789abcdef0123"
            settings = Settings(redis_url=redis.url, verify_requests=False, user_key_secret=secret)
            store = Store(connect(redis.url), secret)
            client = create_app(settings, clock=lambda: NOW, store=store).test_client()

            def ask(question: str, locale: str = locale, session: Session | None = None):
                reply = env.post(client, _envelope(question, locale, session))
                return env.speech_of(reply), reply.get_json().get("sessionAttributes") or {}

            yield ask
        finally:
            redis.stop()


@contextmanager
def remote(url: str, locale: str) -> Iterator[Ask]:
    with requests.Session() as session:

        def ask(question: str, locale: str = locale, attributes: Session | None = None):
            reply = session.post(url, json=_envelope(question, locale, attributes), timeout=10)
            reply.raise_for_status()
            body = reply.json()
            return _plain(body), body.get("sessionAttributes") or {}

        yield ask


def _envelope(question: str, locale: str, session: Session | None = None) -> dict[str, Any]:
    return env.intent(
        "AskQuestionIntent", NOW, slots={"question": question}, locale=locale, session=session
    )


def _plain(body: dict[str, Any]) -> str:
    class _Reply:  # env.speech_of reads a Werkzeug-like response
        def get_json(self) -> dict[str, Any]:
            return body

    return env.speech_of(_Reply())


Case = dict[str, Any]
Results = dict[str, tuple[int, int, list[str]]]  # group -> (passed, total, failed questions)


def cases_of(data: dict[str, Any], locale: str) -> dict[str, list[Case]]:
    """category -> cases, each with q, locale and a check; both set formats (plain strings in
    out_of_scope, or entries with locale, style, after, must_not and opener)."""

    def entry(item: str | Case, style: str) -> Case:
        case = {"q": item} if isinstance(item, str) else dict(item)
        case.setdefault("locale", locale)
        case.setdefault("style", style)
        return case

    return {
        "in-scope": [entry(c, "direct") for c in data["cases"]],
        "out-of-scope": [entry(c, "near_miss") for c in data["out_of_scope"]],
        "emergency": [entry(c, "emergency") for c in data["emergency"]],
    }


def passes(category: str, case: Case, answer: str) -> bool:
    if category == "out-of-scope":
        return is_decline(answer)
    return meets_case(answer, case)


def ask_case(case: Case, ask: Ask) -> str:
    """The answer to ``case``; a follow-up ("after") is asked second in the same session,
    with the session attributes the skill returned for the question before it."""
    session: Session = {}
    if case.get("after"):
        _, session = ask(case["after"], case["locale"], {})
    answer, _ = ask(case["q"], case["locale"], session)
    return answer


def score(data: dict[str, Any], ask: Ask, locale: str = "en-US") -> tuple[Results, Results]:
    """(per category, per style): passed, total and the questions missed."""
    by_category: Results = {}
    by_style: dict[str, list[Any]] = {}
    for category, cases in cases_of(data, locale).items():
        failed = []
        for case in cases:
            ok = passes(category, case, ask_case(case, ask))
            if not ok:
                after = f"  (after: {case['after']})" if case.get("after") else ""
                failed.append(f"[{case['style']}] {case['q']}{after}")
            style = by_style.setdefault(case["style"], [0, 0, []])
            style[0] += ok
            style[1] += 1
            if not ok:
                style[2].append(case["q"])  # noqa: PERF401
        by_category[category] = (len(cases) - len(failed), len(cases), failed)
    return by_category, {k: (v[0], v[1], v[2]) for k, v in by_style.items()}


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
        results, styles = score(data, ask, args.locale)
    where = f"POST {args.url}" if args.url else "in-process app"
    print(f"FAQ answers, {args.set.name}, via {where}")
    worst = 1.0
    for category, (passed, total, failed) in results.items():
        accuracy = passed / total if total else 1.0
        worst = min(worst, accuracy)
        print(f"  {category:13} {passed:3}/{total:<3} {accuracy:7.1%}")
        for question in failed:
            print(f"      missed: {question}")

    if any("style" in c for c in data["cases"]):
        print("  per style:")
        for style, (passed, total, _) in sorted(styles.items()):
            print(f"    {style:13} {passed:3}/{total:<3} {passed / total:7.1%}")
    questions = [c["q"] for cases in cases_of(data, args.locale).values() for c in cases]
    build, mean_ms, p99_ms = time_answerer(questions, args.rounds)
    print(
        f"  matcher       {mean_ms:.3f} ms/question mean, {p99_ms:.3f} ms p99 "
        f"(emergency rules + matching, {len(questions)} questions x {args.rounds})"
    )
    print(f"  index build   {build * 1000:.0f} ms (once per process, on the first question)")
    return 0 if worst >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
