"""The diary by voice: last twitch, counts, patterns, reading entries, and deleting.

Days are the user's own (their Alexa time zone); deleting asks yes or no first,
with the pending kinds ``delete_last`` and ``delete_all``.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, get_locale, get_slot
from ask_sdk_model import Response

from skill import intents, speech
from skill.episodes.history import (
    ALL_TIME,
    MIN_FOR_PATTERNS,
    Patterns,
    days_asked,
    patterns,
    period_span,
    utc_bounds,
)
from skill.episodes.model import LOCATIONS, WIDESPREAD, Episode
from skill.episodes.slots import DateSpan, Resolved, resolve_slot
from skill.episodes.vocabulary import clean, resolved, type_index
from skill.episodes.wording import (
    PERIOD_WORDS,
    count_words,
    describe,
    join_words,
    span_words,
    trigger_label,
)
from skill.handlers.base import (
    IntentHandler,
    PendingAnswerHandler,
    SkillDeps,
    say,
    session_attributes,
    set_pending,
)
from skill.handlers.context import context_of
from skill.handlers.diary_draft import Draft
from skill.handlers.diary_question import DiaryQuestion, as_intent, read_diary_question

MAX_READ = 5
DELETE_LAST = "delete_last"


class DiaryQuery(IntentHandler):
    """Shared plumbing: the diary, the clock, the user's key and zone."""

    def __init__(self, deps: SkillDeps) -> None:
        self._diary = deps.store.diary

    def _requested_span(
        self, handler_input: HandlerInput, default: str, today: date
    ) -> tuple[DateSpan | None, str] | None:
        """(span, or None for all time; its words) from the period/date slots; None if unusable.

        A day or month said with "so far" ("in december so far") is that day or month:
        "so far" is the PERIOD type's all-time value only when it is all that is said."""
        slots = handler_input.request_envelope.request.intent.slots or {}
        period_values = [
            v if v.id else Resolved(v.spoken, _period_in_words(v.spoken, get_locale(handler_input)))
            for v in resolve_slot(slots.get("period"))
        ]
        period_ids = [v.id for v in period_values if v.id]
        date_value = getattr(slots.get("date"), "value", None)
        since_value = getattr(slots.get("since"), "value", None)
        if period_ids and not (period_ids[0] == ALL_TIME and (date_value or since_value)):
            period = period_ids[0]
        elif period_values and not (date_value or since_value):
            return None  # a period Alexa could not match: say so rather than answer for today
        elif date_value or since_value:
            span = days_asked(date_value, since_value, today)
            if span is None:
                return None
            return span, span_words(span.start, span.end, today)
        else:
            period = default
        if period == ALL_TIME:
            return None, PERIOD_WORDS[ALL_TIME]
        found = period_span(period, today)
        return (found, PERIOD_WORDS[period]) if found else None

    def _episodes(self, user: str, span: DateSpan | None, zone: tzinfo) -> list[Episode]:
        if span is None:
            return self._diary.all_episodes(user)
        start, end = utc_bounds(span, zone)
        return self._diary.episodes_between(user, start, end)


def _period_in_words(spoken: str, locale: str | None) -> str | None:
    """A second look at a period Alexa did not resolve ("this month so far"): the value
    said with "so far" (the all-time value's words) is that value, "so far" only what
    is said when nothing else is."""
    index = type_index(locale, "PERIOD")
    words = f" {clean(spoken)} "
    for form, value in sorted(index.forms.items(), key=lambda item: -len(item[0])):
        if value == ALL_TIME and f" {form} " in words:
            rest = words.replace(f" {form} ", " ").strip()
            if rest:
                return index.lookup(rest) or ALL_TIME
    return index.lookup(spoken)


class LastTwitchHandler(DiaryQuery):
    """The latest entry; at the place asked about, and within the period asked about
    ("when was my last one last week"), when either is said."""

    intent_names = frozenset({intents.LAST_TWITCH})

    def handle(self, handler_input: HandlerInput) -> Response:
        moment = context_of(handler_input)
        place = _asked_location(handler_input)
        span, period = None, None
        if _period_said(handler_input):
            requested = self._requested_span(handler_input, ALL_TIME, moment.today)
            if requested is None:
                return say(handler_input, speech.DATE_UNSUPPORTED)
            span, period = requested
        if span is None and place is None:
            last = self._diary.last_episode(moment.user_key)
        else:
            found = self._episodes(moment.user_key, span, moment.zone)
            found = [e for e in found if place is None or e.location == place]
            last = max(found, key=lambda e: e.started_at) if found else None
        if last is None:
            if place is not None:
                return say(handler_input, speech.NO_ENTRIES_AT.format(place=_place_words(place)))
            if span is not None:
                return say(handler_input, speech.NO_ENTRIES_IN.format(period=period))
            return say(handler_input, speech.NO_ENTRIES)
        entry = describe(last, moment.today)
        if place is not None:
            text = speech.LAST_TWITCH_AT.format(place=_place_words(place), entry=entry)
        elif span is not None:
            text = speech.LAST_TWITCH_IN.format(period=period, entry=entry)
        else:
            text = speech.LAST_TWITCH.format(entry=entry)
        return say(handler_input, text)


def _period_said(handler_input: HandlerInput) -> bool:
    slots = handler_input.request_envelope.request.intent.slots or {}
    return any(getattr(slots.get(name), "value", None) for name in ("period", "date", "since"))


class PeriodQuery(DiaryQuery):
    """A question about the entries of a period (PERIOD or AMAZON.DATE slot; default today)."""

    default_period = "today"

    def handle(self, handler_input: HandlerInput) -> Response:
        moment = context_of(handler_input)
        requested = self._requested_span(handler_input, self.default_period, moment.today)
        if requested is None:
            return say(handler_input, speech.DATE_UNSUPPORTED)
        span, words = requested
        found = self._episodes(context_of(handler_input).user_key, span, moment.zone)
        return self.answer(handler_input, found, words, moment.today)

    def answer(
        self, handler_input: HandlerInput, found: list[Episode], words: str, today: date
    ) -> Response:
        raise NotImplementedError


class CountTwitchesHandler(PeriodQuery):
    """How many twitches in a period; "how often did my calf twitch" counts that place only."""

    intent_names = frozenset({intents.COUNT_TWITCHES})

    def answer(
        self, handler_input: HandlerInput, found: list[Episode], words: str, today: date
    ) -> Response:
        place = _asked_location(handler_input)
        if place is None:
            text = speech.COUNT.format(twitches=count_words(len(found)), period=words)
        else:
            at_place = [e for e in found if e.location == place]
            text = speech.COUNT_AT.format(
                twitches=count_words(len(at_place)), place=_place_words(place), period=words
            )
        return say(handler_input, text)


def _place_words(place: str) -> str:
    return "whole body" if place == WIDESPREAD else place.replace("_", " ")


def _asked_location(handler_input: HandlerInput) -> str | None:
    """The body place a count asks about (a cleaned second look when Alexa missed it)."""
    slots = handler_input.request_envelope.request.intent.slots or {}
    slot = slots.get("location")
    if slot is None or not getattr(slot, "value", None):
        return None
    values = resolved(slot, "BODY_LOCATION", get_locale(handler_input))
    return next((v.id for v in values if v.id in LOCATIONS), None)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def pattern_findings(result: Patterns) -> str:
    """What stands out, in words that are true: "most" only for a majority, ties as ties."""
    findings = []
    if result.location:
        places = join_words([f"your {_place_words(v)}" for v in result.location.values])
        each = " each" if result.location.tied else ""
        times = count_words(result.location.count, "time")
        leading = "equally often" if result.location.tied else "most often"
        findings.append(f"{leading} in {places}, {times}{each}")
    if result.trigger:
        triggers = join_words([trigger_label(v) for v in result.trigger.values])
        if result.trigger.tied:
            findings.append(f"{triggers} came up equally often as triggers")
        else:
            findings.append(f"the most common trigger was {triggers}")
    if result.time_of_day:
        parts = join_words([f"the {v}" for v in result.time_of_day.values])
        if result.time_of_day.tied:
            findings.append(f"they were split evenly between {parts}")
        elif result.time_of_day.majority:
            findings.append(f"most were in {parts}")
        else:
            findings.append(f"more were in {parts} than at any other time")
    return join_words(findings)


class TwitchPatternsHandler(PeriodQuery):
    """Where, when and after what twitches come most: over the whole diary, or a period
    asked for ("which body part twitches most this month")."""

    intent_names = frozenset({intents.TWITCH_PATTERNS})
    default_period = ALL_TIME

    def answer(
        self, handler_input: HandlerInput, found: list[Episode], words: str, today: date
    ) -> Response:
        if len(found) < MIN_FOR_PATTERNS:
            return say(handler_input, speech.PATTERN_TOO_FEW)
        result = patterns(found)
        twitches = count_words(result.total)
        if words != PERIOD_WORDS[ALL_TIME]:
            twitches = f"{twitches} {words}"
        text = speech.PATTERNS.format(twitches=twitches, findings=pattern_findings(result))
        return say(handler_input, text)


class ReadEntriesHandler(PeriodQuery):
    intent_names = frozenset({intents.READ_ENTRIES})

    def answer(
        self, handler_input: HandlerInput, found: list[Episode], words: str, today: date
    ) -> Response:
        if not found:
            return say(handler_input, speech.NO_ENTRIES_IN.format(period=words))
        read = " ".join(f"{_capitalized(describe(e, today))}." for e in found[:MAX_READ])
        if len(found) > MAX_READ:
            read += " " + speech.READ_MORE.format(more=len(found) - MAX_READ)
        text = speech.READ_ENTRIES.format(
            period=_capitalized(words), twitches=count_words(len(found)), entries=read
        )
        return say(handler_input, text)


class DeleteLastEntryHandler(DiaryQuery):
    """Names the entry and asks yes or no; the answer deletes exactly that entry."""

    intent_names = frozenset({intents.DELETE_LAST_ENTRY})

    def handle(self, handler_input: HandlerInput) -> Response:
        today = context_of(handler_input).today
        last = self._diary.last_episode(context_of(handler_input).user_key)
        if last is None:
            return say(handler_input, speech.NO_ENTRIES)
        Draft.clear(session_attributes(handler_input))  # a yes/no now answers this question
        set_pending(handler_input, DELETE_LAST, id=last.id, at=last.started_at.isoformat())
        text = speech.CONFIRM_DELETE_LAST.format(entry=describe(last, today))
        return say(handler_input, text, reprompt=text)


class DeleteLastAnswerHandler(PendingAnswerHandler):
    intent_names = frozenset({intents.YES, intents.NO})
    pending = DELETE_LAST

    def __init__(self, deps: SkillDeps) -> None:
        self._diary = deps.store.diary

    def handle(self, handler_input: HandlerInput) -> Response:
        question = session_attributes(handler_input).get("pending", {})
        set_pending(handler_input, None)
        if get_intent_name(handler_input) != intents.YES:
            return say(handler_input, speech.NOT_DELETED)
        try:
            started = datetime.fromisoformat(str(question.get("at")))
        except ValueError:
            return say(handler_input, speech.ALREADY_GONE)
        user = context_of(handler_input).user_key
        gone = self._diary.delete_episode(user, str(question.get("id")), started)
        return say(handler_input, speech.DELETED_LAST if gone else speech.ALREADY_GONE)


_ASKED = "diary_question"  # request attribute: what can_handle read


class DiaryQuestionHandler(IntentHandler):
    """A question intent whose words ask about the user's own diary (diary_question.py):
    answered by this feature's handler for that question, as if Alexa had heard its intent
    (the envelope says so from then on, for the handlers and interceptors after it)."""

    intent_names = intents.ASK_INTENTS

    def __init__(self, deps: SkillDeps) -> None:
        answers = (
            LastTwitchHandler(deps),
            CountTwitchesHandler(deps),
            TwitchPatternsHandler(deps),
            ReadEntriesHandler(deps),
            DeleteLastEntryHandler(deps),
        )
        self._answers = {name: handler for handler in answers for name in handler.intent_names}

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not super().can_handle(handler_input):
            return False
        words = getattr(get_slot(handler_input, intents.QUESTION_SLOT), "value", None)
        if not words:
            return False
        # Read from the words alone: a question the FAQ answers never asks for the zone.
        question = intents.asked_question(get_intent_name(handler_input), words)
        asked = read_diary_question(question, get_locale(handler_input))
        if asked is None or asked.intent not in self._answers:
            return False  # deleting everything is the erase feature's, asked in its own words
        handler_input.attributes_manager.request_attributes[_ASKED] = asked
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        asked: DiaryQuestion = handler_input.attributes_manager.request_attributes[_ASKED]
        today = context_of(handler_input).today
        handler_input.request_envelope.request.intent = as_intent(asked, today)
        return self._answers[asked.intent].handle(handler_input)
