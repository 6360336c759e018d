"""Short replies: help, and every fixed reply the skill speaks, stay within 60 words."""

from __future__ import annotations

from skill import speech

MAX_WORDS = 60


def test_help_is_at_most_sixty_words_and_still_gives_the_notice() -> None:
    assert len(speech.HELP.split()) <= MAX_WORDS
    assert speech.NOTICE in speech.HELP and speech.HELP.endswith("?")


def test_no_fixed_reply_is_longer_than_sixty_words() -> None:
    long = {
        name: len(value.split())
        for name in dir(speech)
        if isinstance(value := getattr(speech, name), str) and len(value.split()) > MAX_WORDS
    }
    assert long == {}
