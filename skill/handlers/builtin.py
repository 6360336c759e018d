"""Launch, help, stop, cancel, home, fallback and session end."""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill import intents, speech
from skill.episodes.store import StoreUnavailable
from skill.handlers import daily_check
from skill.handlers.advice import fitting
from skill.handlers.base import IntentHandler, RequestTypeHandler, SkillDeps, say
from skill.handlers.context import context_of

log = logging.getLogger(__name__)


class LaunchHandler(RequestTypeHandler):
    """Welcome; the not-medical-advice notice on a user's first launch."""

    request_types = frozenset({"LaunchRequest"})

    def __init__(self, deps: SkillDeps) -> None:
        self._store = deps.store

    def handle(self, handler_input: HandlerInput) -> Response:
        context = context_of(handler_input)
        user, now = context.user_key, context.now
        try:
            # The notice claim loads the request's snapshot in the same round trip
            # (store/snapshot.py), and the snapshot then answers the other reads.
            first_use = self._store.profile.claim_notice(user, loading_snapshot=True)
            advice = self._store.advice.pending_advice(user)
            ask_about_today = not first_use and daily_check.question_due(
                self._store, user, now, lambda: context.zone
            )
        except StoreUnavailable:
            first_use, advice = True, []  # cannot tell: saying the notice again is the safe side
            ask_about_today = False
        text = f"{speech.WELCOME_FIRST} {speech.NOTICE} {speech.WHAT_NEXT}"
        if not first_use:
            text = speech.WELCOME_BACK
        lead = ""
        if advice:
            # The scheduler's suggestions come first: they are why the user should hear them now.
            # After them a returning user gets the short welcome, to keep within 60 words;
            # advice that would not fit waits for the next session, the most urgent said now.
            if not first_use:
                text = f"{speech.WELCOME_BACK_SHORT} {speech.WHAT_NEXT}"
            advice = fitting(
                advice, lambda chosen: f"{speech.advice_intro(a.speech for a in chosen)} {text}"
            )
            lead = speech.advice_intro(a.speech for a in advice)
            text = f"{lead} {text}"
            try:
                self._store.advice.mark_advice_delivered(user, advice)
            except StoreUnavailable:
                log.warning("advice spoken but not marked delivered; it will be repeated")
        if ask_about_today:
            return daily_check.ask(handler_input, f"{lead} {speech.WELCOME_BACK_SHORT}".strip())
        return say(handler_input, text, reprompt=speech.HELP_REPROMPT)


class HelpHandler(IntentHandler):
    # "Repeat" with nothing pending to repeat: say what the skill can do.
    intent_names = frozenset({intents.HELP, intents.REPEAT})

    def handle(self, handler_input: HandlerInput) -> Response:
        return say(handler_input, speech.HELP, reprompt=speech.HELP_REPROMPT)


class StopHandler(IntentHandler):
    """Stop, Cancel and NavigateHome all end the session politely."""

    intent_names = frozenset({intents.STOP, intents.CANCEL, intents.NAVIGATE_HOME})

    def handle(self, handler_input: HandlerInput) -> Response:
        return say(handler_input, speech.GOODBYE, end_session=True)


class FallbackHandler(IntentHandler):
    intent_names = frozenset({intents.FALLBACK})

    def handle(self, handler_input: HandlerInput) -> Response:
        return say(handler_input, speech.FALLBACK, reprompt=speech.FALLBACK_REPROMPT)


class UnexpectedYesNoHandler(IntentHandler):
    """Yes or No to an open question no feature keeps a pending answer for.

    Every open reply ends with a question ("Anything else?", "What would you like to do?"),
    so a "no" here means the user is done: say goodbye. A "yes" gets what the skill can do.
    """

    intent_names = frozenset({intents.YES, intents.NO})

    def handle(self, handler_input: HandlerInput) -> Response:
        if handler_input.request_envelope.request.intent.name == intents.NO:
            return say(handler_input, speech.GOODBYE, end_session=True)
        return say(handler_input, speech.NOTHING_PENDING, reprompt=speech.HELP_REPROMPT)


class SessionEndedHandler(RequestTypeHandler):
    """Alexa ignores speech here; log the reason (no personal data) and return empty."""

    request_types = frozenset({"SessionEndedRequest"})

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        reason = getattr(request, "reason", None)
        error = getattr(request, "error", None)
        log.info(
            "session ended: reason=%s error=%s",
            getattr(reason, "value", reason),
            getattr(getattr(error, "object_type", None), "value", None),
        )
        response: Response = handler_input.response_builder.response
        return response


class UnhandledIntentHandler(RequestTypeHandler):
    """Any intent no other handler took (an old model, a typo): a clear spoken answer."""

    request_types = frozenset({"IntentRequest"})

    def handle(self, handler_input: HandlerInput) -> Response:
        log.info("unhandled intent")
        return say(handler_input, speech.UNKNOWN_REQUEST, reprompt=speech.FALLBACK_REPROMPT)


class UnknownRequestHandler(RequestTypeHandler):
    """Request types we do not use (AudioPlayer, Display, ...): acknowledge with an empty answer."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        log.info("ignored request type")
        response: Response = handler_input.response_builder.response
        return response
