"""The hands-free symptom check: "should I see a doctor about my twitching?"

Short yes/no questions from ``skill/episodes/symptoms.py``, one at a time. The question
being asked is the session's pending yes/no (kind ``symptom_check``, ``index`` = question).
Every answer is stored as soon as it is given, so stopping midway keeps what was said. A yes
to an emergency sign ends the check at once with the emergency number for the user's
locale. At the end the rules (``skill/episodes/rules.py``) weigh the answers together with
the diary, and the overall outcome is spoken (``advice``): the checklist's "two or more of
these: see a neurologist promptly" when it applies, and the most urgent suggestion, framed
as not a diagnosis; all of them go on the card.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, get_locale
from ask_sdk_model import Response

from skill import intents, speech
from skill.episodes import rules
from skill.episodes.advice import advice_from
from skill.episodes.store import StoreUnavailable
from skill.episodes.symptoms import SYMPTOM_ITEMS, next_question, passed_over
from skill.handlers.base import (
    PENDING,
    IntentHandler,
    PendingAnswerHandler,
    SkillDeps,
    say,
    session_attributes,
    set_pending,
)
from skill.handlers.context import context_of

log = logging.getLogger(__name__)

PENDING_KIND = "symptom_check"


class SymptomCheckHandler(IntentHandler):
    """Starts (or restarts) the check with its first question."""

    intent_names = frozenset({intents.SYMPTOM_CHECK})

    def handle(self, handler_input: HandlerInput) -> Response:
        first = next_question(0, {}) or 0  # the first question never depends on another
        return _ask(handler_input, first, lead=speech.SYMPTOM_INTRO)


class SymptomAnswerHandler(PendingAnswerHandler):
    """Yes or No to the current question: store it, then ask the next or give the advice."""

    intent_names = frozenset({intents.YES, intents.NO})
    pending = PENDING_KIND

    def __init__(self, deps: SkillDeps) -> None:
        self._store = deps.store

    def handle(self, handler_input: HandlerInput) -> Response:
        index = _current_index(handler_input)
        if index is None:
            set_pending(handler_input, None)
            return say(handler_input, speech.SYMPTOM_LOST_PLACE, reprompt=speech.WHAT_NEXT)
        item = SYMPTOM_ITEMS[index]
        yes = get_intent_name(handler_input) == intents.YES
        context = context_of(handler_input)
        user, now = context.user_key, context.now
        if yes and item.emergency:
            return self._emergency(handler_input, user, item.id, now)
        self._store.symptoms.save_symptom_answer(user, item.id, yes, now)
        answers = self._store.symptoms.symptom_answers(user)
        following = next_question(index + 1, answers)
        for skipped in passed_over(index + 1, following):
            # A follow-up whose lead question was answered no: its answer is no as well, and
            # an older yes to it must not linger.
            self._store.symptoms.save_symptom_answer(user, skipped.id, False, now)
            answers[skipped.id] = False
        if following is not None:
            return _ask(handler_input, following)
        set_pending(handler_input, None)
        return self._advise(handler_input, user, now, answers)

    def _emergency(
        self, handler_input: HandlerInput, user: str, item: str, now: datetime
    ) -> Response:
        """Urgent advice at once; the rest of the check is skipped."""
        set_pending(handler_input, None)
        try:
            self._store.symptoms.save_symptom_answer(user, item, True, now)
        except StoreUnavailable:
            # Saving is secondary: the person must hear the advice even when Redis is down.
            log.warning("symptom check: could not save an answer, store unavailable")
        text, card = speech.emergency_advice(get_locale(handler_input))
        return say(handler_input, text, end_session=True, card_text=card)

    def _advise(
        self, handler_input: HandlerInput, user: str, now: datetime, answers: Mapping[str, bool]
    ) -> Response:
        today = context_of(handler_input).today
        findings = rules.evaluate(
            self._store.diary.all_episodes(user),
            self._store.quiet_days.quiet_days(user),
            answers,
            today=today,
        )
        log.debug("symptom check finished: %d suggestion(s)", len(findings))
        # Heard now (the card lists them all): the scheduler must not repeat them later.
        spoken = [advice_from(outcome_worded(finding), now) for finding in findings]
        self._store.advice.record_advice_many([(user, item) for item in spoken])
        self._store.advice.mark_advice_delivered(user, spoken)
        text, card = advice(findings, get_locale(handler_input))
        return say(
            handler_input,
            text,
            reprompt=speech.WHAT_NEXT,
            card_title=speech.SYMPTOM_CARD_TITLE,
            card_text=card,
        )


class SymptomStopHandler(PendingAnswerHandler):
    """Stop or cancel in the middle of the check: end politely; stored answers stay."""

    intent_names = frozenset({intents.STOP, intents.CANCEL, intents.NAVIGATE_HOME})
    pending = PENDING_KIND

    def handle(self, handler_input: HandlerInput) -> Response:
        set_pending(handler_input, None)
        return say(handler_input, speech.SYMPTOM_STOPPED, end_session=True)


class SymptomRepeatHandler(PendingAnswerHandler):
    """Help in the middle of the check: what it is for, then the same question ("repeat":
    the question alone)."""

    intent_names = frozenset({intents.HELP, intents.REPEAT})
    pending = PENDING_KIND

    def handle(self, handler_input: HandlerInput) -> Response:
        repeat = get_intent_name(handler_input) == intents.REPEAT
        return ask_again(handler_input, "" if repeat else speech.SYMPTOM_HELP)


class SymptomUnsureHandler(SymptomAnswerHandler):
    """Neither yes nor no ("not sure", "maybe"; Alexa sends FallbackIntent): move on.

    Asking again only loops: someone who is not sure will not be surer the second time.
    Nothing is stored for the question, so the rules never read an unsure as a yes or a no;
    its follow-ups are passed over like those of a no.
    """

    intent_names = frozenset({intents.FALLBACK})

    def handle(self, handler_input: HandlerInput) -> Response:
        index = _current_index(handler_input)
        if index is None:
            set_pending(handler_input, None)
            return say(handler_input, speech.SYMPTOM_LOST_PLACE, reprompt=speech.WHAT_NEXT)
        context = context_of(handler_input)
        user, now = context.user_key, context.now
        answers = self._store.symptoms.symptom_answers(user)
        following = _next_after_unsure(index, answers)
        if following is not None:
            return _ask(handler_input, following, lead=speech.SYMPTOM_UNSURE)
        set_pending(handler_input, None)
        return self._advise(handler_input, user, now, answers)


def _next_after_unsure(index: int, answers: Mapping[str, bool]) -> int | None:
    """The next question that does not hang on the unsure one (its follow-ups need a yes)."""
    unsure = SYMPTOM_ITEMS[index].id
    assumed = {**answers, unsure: False}  # only for choosing the next question; not stored
    return next_question(index + 1, assumed)


def ask_again(handler_input: HandlerInput, lead: str) -> Response:
    """The pending symptom question again, after ``lead`` (help, or a brief answer)."""
    index = _current_index(handler_input)
    if index is None:
        set_pending(handler_input, None)
        return say(handler_input, speech.SYMPTOM_LOST_PLACE, reprompt=speech.WHAT_NEXT)
    return _ask(handler_input, index, lead=lead)


def advice(findings: Sequence[rules.Finding], locale: str | None) -> tuple[str, str]:
    """The check's overall outcome, and the card: (speech, card text).

    Spoken: the checklist's outcome when the rules find two or more of its signs (as the
    article has it: a neurologist, promptly), and the most urgent other suggestion when it
    is more urgent than that; with no checklist outcome, the most urgent suggestion. The
    card lists them all. The speech ends with a short question: the session stays open.
    """
    if not findings:
        text = f"{speech.SYMPTOM_DONE} {speech.SYMPTOM_ALL_CLEAR}"
        return f"{text} {speech.ANYTHING_ELSE}", text
    findings = [outcome_worded(f) for f in findings]
    top = findings[0]
    if top.action == "emergency":
        return speech.emergency_advice(locale)
    checklist = next((f for f in findings if f.rule == rules.CHECKLIST), None)
    said = [f for f in findings if f is checklist or f is top]
    if checklist is not None:
        said.sort(key=lambda f: f is not checklist)  # the overall outcome first
    spoken = [speech.SYMPTOM_DONE, *(f.speech for f in said)]
    if len(findings) > len(said):
        spoken.append(speech.SYMPTOM_MORE_IN_APP)
    spoken += [speech.SYMPTOM_NOT_A_DIAGNOSIS, speech.ANYTHING_ELSE]
    card = [f.speech for f in findings] + [speech.SYMPTOM_NOT_A_DIAGNOSIS]
    return " ".join(spoken), "\n".join(card)


def outcome_worded(finding: rules.Finding) -> rules.Finding:
    """The checklist's finding in the check's own words ("see a neurologist promptly"), so
    the card and "what was my advice" say what was spoken."""
    if finding.rule != rules.CHECKLIST:
        return finding
    return replace(finding, speech=speech.SYMPTOM_CHECKLIST_OUTCOME)


def _ask(handler_input: HandlerInput, index: int, *, lead: str | None = None) -> Response:
    set_pending(handler_input, PENDING_KIND, index=index)
    question = speech.SYMPTOM_QUESTIONS[SYMPTOM_ITEMS[index].id]
    text = f"{lead} {question}" if lead else question
    return say(handler_input, text, reprompt=f"{speech.SYMPTOM_ANSWER_HINT} {question}")


def _current_index(handler_input: HandlerInput) -> int | None:
    """The question being asked, from the session; None if the session holds nonsense."""
    pending = session_attributes(handler_input).get(PENDING)
    index = pending.get("index") if isinstance(pending, dict) else None
    valid = isinstance(index, int) and not isinstance(index, bool)
    return index if valid and 0 <= index < len(SYMPTOM_ITEMS) else None
