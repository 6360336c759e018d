"""The answerer keeps its replies (skill/faq/answerer.py): the same question in the same words,
locale, context and carrier gets the reply a fresh answerer gives, without matching again."""

from __future__ import annotations

import pytest

from skill.faq.answerer import (
    MAX_EMERGENCY_CHARS,
    REPLIES_KEPT,
    Answerer,
    ReplyKind,
    find_emergency,
)
from skill.faq.emergency import detect
from skill.faq.matcher import default_matcher

ASKED = [
    ("what causes muscle twitches", "en-US", None, False),
    ("what causes muscle twitches", "en-GB", None, False),
    ("is it serious", "en-US", "causes", False),
    ("is it serious", "en-US", None, True),
    ("my face is drooping and my arm is weak", "en-US", None, False),
    ("what is the capital of france", "en-US", None, False),
]


class CountingAnswerer(Answerer):
    def __init__(self) -> None:
        super().__init__(default_matcher())
        self.matched = 0

    def _reply(self, *args: object) -> object:  # type: ignore[override]
        self.matched += 1
        return super()._reply(*args)  # type: ignore[arg-type]


@pytest.mark.parametrize(("question", "locale", "context", "asking"), ASKED)
def test_a_kept_reply_is_the_reply_a_fresh_answerer_gives(
    question: str, locale: str, context: str | None, asking: bool
) -> None:
    answerer = CountingAnswerer()
    first = answerer.reply(question, locale, context, asking=asking)
    again = answerer.reply(question, locale, context, asking=asking)
    assert again is first and answerer.matched == 1
    fresh = Answerer(default_matcher()).reply(question, locale, context, asking=asking)
    assert fresh == first


def test_each_input_is_kept_apart() -> None:
    answerer = CountingAnswerer()
    replies = [answerer.reply(q, loc, ctx, asking=a) for q, loc, ctx, a in ASKED]
    assert answerer.matched == len(ASKED)
    assert {reply.kind for reply in replies} >= {ReplyKind.ANSWER, ReplyKind.EMERGENCY}


def test_the_oldest_reply_goes_first() -> None:
    answerer = CountingAnswerer()
    answerer.reply("question 0")
    for n in range(1, REPLIES_KEPT + 1):
        answerer.reply(f"question {n}")
    answerer.reply(f"question {REPLIES_KEPT}")  # still kept
    assert answerer.matched == REPLIES_KEPT + 1
    answerer.reply("question 0")  # gone: matched again
    assert answerer.matched == REPLIES_KEPT + 2


def test_a_long_question_is_kept_by_the_part_that_is_read() -> None:
    answerer = CountingAnswerer()
    page = "what causes muscle twitches " + "and so on " * 400
    first = answerer.reply(page)
    assert answerer.reply(page[:MAX_EMERGENCY_CHARS] + "more words never read") is first
    assert answerer.matched == 1
    assert first == Answerer(default_matcher()).reply(page)


@pytest.mark.parametrize(
    "text",
    ["calf", "left", "i can't breathe", "my face is drooping", "what if my face started drooping"],
)
@pytest.mark.parametrize("asking", [False, True])
def test_a_kept_emergency_reading_is_the_rules_own(text: str, asking: bool) -> None:
    expected = detect(text, asking=asking)
    assert find_emergency(text, asking=asking) == expected
    assert find_emergency(text, asking=asking) == expected  # kept
