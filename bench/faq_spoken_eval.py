"""FAQ sets spoken: each question heard through the interaction model, as an Echo routes it.

bench/faq_eval.py sends every question straight to AskQuestionIntent with the whole
question in its slot: it measures the answerer. A person's question first has to reach
a question intent, though. Here each question is a line of ``twitch-diary chat``: the
locale's interaction model and the local matcher (our stand-in for Alexa's NLU) pick
the intent and fill its slots, the skill built in this process on its own redis-server
answers, and the reply is scored with the set's rule (skill/faq/evaluation.py). The
question is asked in an open session; a follow-up ("after") is asked second in the same
session. Logging entries a question was mistaken for are counted too.

Usage: python bench/faq_spoken_eval.py [--set FILE] [--failures]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from understanding_eval import INVOCATION, NO_API, skill_in_process  # noqa: E402

from devkit.chat.conversation import Conversation  # noqa: E402
from skill.episodes.zones import locale_zone  # noqa: E402
from skill.faq.evaluation import is_decline, is_urgent, meets_case  # noqa: E402

DEV_SET = ROOT / "bench" / "data" / "faq_fresh3.json"
LOCAL_NOON = "2026-11-26T12:00"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEV_SET)
    parser.add_argument("--failures", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    data = json.loads(args.set.read_text())

    by_part: dict[str, list[int]] = {}
    misses: list[str] = []
    logged = 0
    with skill_in_process() as (skill, set_clock):
        parts = [("in scope", c) for c in data.get("cases", [])]
        parts += [("declined", c) for c in data.get("out_of_scope", [])]
        parts += [("emergency", c) for c in data.get("emergency", [])]
        for number, (part, case) in enumerate(parts):
            if isinstance(case, str):
                case = {"q": case}
            locale = case.get("locale", "en-US")
            zone = locale_zone(locale)
            now = datetime.fromisoformat(LOCAL_NOON).replace(tzinfo=zone).astimezone(UTC)
            set_clock(now)
            user = f"amzn1.ask.account.faqspoken{number}"
            conversation = Conversation(
                skill.models[locale], skill.transport, lambda now=now: now, user_id=user,
                locale=locale, api_endpoint=NO_API, matcher=skill.matchers[locale],
                time_zone=zone,
            )  # fmt: skip
            said: list[str] = []
            for line in (f"open {INVOCATION}", case.get("after"), case["q"]):
                if line:
                    said = [s.text for s in conversation.hear(line) if s.kind == "alexa"]
            answer = " ".join(said)
            if part == "in scope":
                ok = meets_case(answer, case)
            elif part == "declined":
                ok = is_decline(answer)
            else:
                ok = meets_case(answer, case) if "expect" in case else is_urgent(answer)
            logged += bool(skill.store.diary.all_episodes(skill.store.user_key(user)))
            style = case.get("style", part)
            for key in (part, f"{part}: {style}") if part == "in scope" else (part,):
                tally = by_part.setdefault(key, [0, 0])
                tally[0] += ok
                tally[1] += 1
            if not ok:
                misses.append(f"[{style}] {case['q'][:90]}  ->  {answer[:90]}")
    print(f"FAQ set {args.set.name}, spoken through the interaction model:")
    for key, (passed, total) in by_part.items():
        print(f"  {key:28} {passed:3}/{total:<3} {passed / total:7.1%}")
    print(f"  questions stored as a diary entry: {logged}")
    if args.failures:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
