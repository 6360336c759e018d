"""A question about the user's own diary that arrived as a general question.

A question intent's carrier takes any words after it, so on an Echo "where on my body do
i twitch the most" or "how often have i had twitches since monday" can reach
AskWhereIntent or AskHowIntent rather than the diary's own intents, and the FAQ would
answer about twitches in general. Such a question is about the speaker's own entries:
it says so ("my twitches", "have i had", "i've logged", "do i twitch") and asks what only
the diary knows (how many, where most, what sets them off, the last one, read them,
delete them). This reads it as the diary intent it is, with its period, so the diary's
own handler answers (history.DiaryQuestionHandler).

A question about twitches in general ("how often do eyelid twitches happen", "why do i
twitch at night") is left to the FAQ: it does not speak of the diary, or asks why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ask_sdk_model import Intent, IntentConfirmationStatus, Slot, SlotConfirmationStatus
from ask_sdk_model.slu.entityresolution import (
    Resolution,
    Resolutions,
    Status,
    StatusCode,
    Value,
    ValueWrapper,
)

from skill import intents
from skill.episodes.vocabulary import type_index

# The speaker's own twitches or entries: what the diary holds, not twitching in general.
_ABOUT_MINE = re.compile(
    r"\b(?:my (?:\w+ )?(?:twitch\w*|entries|entry|diary|log|logs|records?|data)"
    r"|(?:have|did|do|am|was) i\b|i've\b|i (?:have|had|get|got|logged|recorded|twitch\w*)"
    r"|where've i|i been|i (?:put|entered|added|noted|saved|wrote)"
    # "which part of body is twitching most": a body twitching now is the speaker's.
    r"|(?:which|what) (?:part|parts|area|areas) of (?:the |my )?body (?:is|are|has been|was)"
    r" (?:\w+ )?twitch\w*"
    # "how often has my thumb twitched": what a part of mine did, asked of the past.
    r"|\b(?:has|have|did) my\b"
    # "what's been setting mine off": mine, said of twitches.
    r"|(?:set|sets|setting|causing|triggering|bringing on) mine\b)"
)
_THEM = re.compile(r"\b(?:them|they)\b")
# Asking why is asking for causes in general, whatever the pronoun ("why do i twitch").
_WHY = re.compile(r"\bwhy\b|\bhow come\b")
# "what could be causing my twitching" asks for possible causes: the FAQ's question.
_MAYBE = re.compile(r"\b(?:could|might|may|would|should)\b")
_DELETE = r"\b(?:delete|remove|clear|wipe|erase|scrap|scratch|get rid of|take out|undo)\b"
# In order: the first kind whose words are in the question is what it asks.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        intents.DELETE_ALL_DATA,
        re.compile(_DELETE + r".*\b(?:everything|all|whole|every|entire|diary|history|data)\b"),
    ),
    (
        intents.DELETE_LAST_ENTRY,
        re.compile(_DELETE + r".*\b(?:last|latest|most recent|that|previous)\b"),
    ),
    (
        intents.READ_ENTRIES,
        re.compile(
            r"^(?:\w+ )?(?:read|list)\b|\b(?:read|list) (?:me|out|back|them|it|my|all|every\w*)\b"
            r"|\b(?:go|run) (?:me )?through\b"
            r"|\bwhat (?:have|did) i (?:log|logged|record|recorded|put|note|noted|enter)"
        ),
    ),
    (
        intents.LAST_TWITCH,
        re.compile(
            r"\b(?:last|latest|most recent|previous) (?:twitch\w*|one|entry|episode|time)\b"
            r"|\bwhen (?:was|did|have) (?:i|my)\b.*\blast\b|\b(?:logged|log|had|twitched) last$"
        ),
    ),
    (
        intents.COUNT_TWITCHES,
        re.compile(
            r"\b(?:how many|number of) (?:\w+ )?(?:twitch\w*|times|entries|episodes)\b"
            r"|\bhow often (?:have|did|had) i\b"
        ),
    ),
    (
        intents.TWITCH_PATTERNS,
        re.compile(
            r"\b(?:where|which (?:body part|part|parts|muscle|muscles|spot|area|bit))\b.*"
            r"\b(?:most|mostly|usually|often)\b"
            r"|\bwhere (?:\w+ ){0,4}(?:do|have|am|did) i (?:been )?"
            r"(?:twitch\w*|get (?:twitch\w*|them|these)\b)"
            # What sets off *my* twitches: the causes in the diary, not causes in general.
            r"|\b(?:set|sets|setting|trigger|triggers|triggering|triggered|cause|causes|causing"
            r"|caused|bring|brings|bringing|brought)(?: \w+)?(?: off| on)?"
            r" (?:my twitch\w*|them|mine)\b"
            # "what were my twitches like last month": what the diary shows of them.
            r"|\bwhat (?:were|are|have) (?:my twitch\w*|they|them)(?: been)? like\b"
            r"|\bmy (?:\w+ )?(?:triggers?|causes?)\b|\bpatterns?\b|\btrends?\b|\bhow often\b"
        ),
    ),
)

_HOW_OFTEN = re.compile(r"\bhow often\b")
_OF_THE_PAST = re.compile(r"\b(?:has|have|did|had)\b")
_MY_PLACE = re.compile(r"\bmy ((?:left |right )?(?!twitch|entr|diary|log|record|data)\w+(?: \w+)?)")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_IN_MONTH = re.compile(r"\b(?:in|for|during|of|from|this) (" + "|".join(_MONTHS) + r")\b")
_SINCE_DAY = re.compile(r"\bsince (?:last )?(" + "|".join(_WEEKDAYS) + r"|yesterday)\b")


@dataclass(frozen=True)
class DiaryQuestion:
    """The diary intent a question means, and the period it names, as said: a PERIOD id,
    a month (1-12, the last one of that name), or the day a "since" starts ("saturday",
    "yesterday"). Dates come from them only when answering, in the user's own today."""

    intent: str
    period: str | None = None
    month: int | None = None
    since: str | None = None
    # The body place a count or a last twitch is asked about ("how often has my thumb ...").
    place: str | None = None


def read_diary_question(question: str, locale: str | None) -> DiaryQuestion | None:
    """The diary question ``question`` asks, or None when it is a question for the FAQ."""
    text = " ".join(question.lower().replace("’", "'").split())
    # "what was setting them off back in november": "them" with a period of the diary's.
    mine = _ABOUT_MINE.search(text) or (
        _THEM.search(text) and _period_in(text, locale) != (None, None, None)
    )
    if not mine or _WHY.search(text):
        return None
    kind = next((name for name, words in _KINDS if words.search(text)), None)
    if kind is None or (kind == intents.TWITCH_PATTERNS and _MAYBE.search(text)):
        return None
    if kind in (intents.DELETE_ALL_DATA, intents.DELETE_LAST_ENTRY):
        return DiaryQuestion(kind)
    asked = DiaryQuestion(kind, *_period_in(text, locale))
    place = _place_in(text, locale)
    if (
        kind == intents.TWITCH_PATTERNS
        and _HOW_OFTEN.search(text)
        and (asked != DiaryQuestion(kind) or (place is not None and _OF_THE_PAST.search(text)))
    ):
        # "how often did i twitch last month" or "how often has my thumb twitched" counts
        # them; "how often do i twitch" asks what the diary shows about them.
        kind = intents.COUNT_TWITCHES
    if kind in (intents.COUNT_TWITCHES, intents.LAST_TWITCH):
        return DiaryQuestion(kind, asked.period, asked.month, asked.since, place)
    return asked


def _place_in(text: str, locale: str | None) -> str | None:
    """The body place named with "my" ("how often has my right thumb twitched")."""
    found = _MY_PLACE.search(text)
    return type_index(locale, "BODY_LOCATION").lookup(found.group(1)) if found else None


def _period_in(text: str, locale: str | None) -> tuple[str | None, int | None, str | None]:
    """(PERIOD id, month, since day) said in the question; at most one is given."""
    if found := _SINCE_DAY.search(text):
        return None, None, found.group(1)
    if found := _IN_MONTH.search(text):
        return None, _MONTHS.index(found.group(1)) + 1, None
    # The PERIOD value whose words (the model's own synonyms) are in the question, the
    # longest first: "over the past seven days" is the last seven days, not "the past".
    return type_index(locale, "PERIOD").lookup(text), None, None


def _last_month_named(month: int, today: date) -> str:
    """AMAZON.DATE for the latest month of that number not after today's ("2026-11")."""
    year = today.year if month <= today.month else today.year - 1
    return f"{year}-{month:02d}"


def _day_since(word: str, today: date) -> date:
    if word == "yesterday":
        return today - timedelta(days=1)
    back = (today.weekday() - _WEEKDAYS.index(word)) % 7
    return today - timedelta(days=back or 7)  # "since friday" said on a Friday: a week ago


def _slot(name: str, value: str | None, period: str | None = None) -> Slot:
    if period is None:
        return Slot(name=name, value=value, confirmation_status=SlotConfirmationStatus.NONE)
    match = Resolution(
        authority="diary-question",
        status=Status(code=StatusCode.ER_SUCCESS_MATCH),
        values=[ValueWrapper(value=Value(name=period.replace("_", " "), id=period))],
    )
    return Slot(
        name=name,
        value=value,
        resolutions=Resolutions(resolutions_per_authority=[match]),
        confirmation_status=SlotConfirmationStatus.NONE,
    )


def as_intent(asked: DiaryQuestion, today: date) -> Intent:
    """The diary intent, with the slots its handler reads (dates as of the user's today)."""
    slots = {}
    if asked.period is not None:
        slots["period"] = _slot("period", asked.period.replace("_", " "), asked.period)
    if asked.month is not None:
        slots["date"] = _slot("date", _last_month_named(asked.month, today))
    if asked.since is not None:
        slots["since"] = _slot("since", _day_since(asked.since, today).isoformat())
    if asked.place is not None:
        slots["location"] = _slot("location", asked.place.replace("_", " "), asked.place)
    return Intent(name=asked.intent, slots=slots, confirmation_status=IntentConfirmationStatus.NONE)
