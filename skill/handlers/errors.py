"""Exception handlers: an apology in speech, never an HTTP 500."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill import speech
from skill.episodes.store import StoreUnavailable
from skill.handlers.base import say

log = logging.getLogger(__name__)


def _in_session(handler_input: HandlerInput) -> bool:
    return handler_input.request_envelope.session is not None


class StoreUnavailableHandler(AbstractExceptionHandler):  # type: ignore[misc]
    """Redis is down: say nothing was saved; questions still work."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return isinstance(exception, StoreUnavailable)

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        log.warning("store unavailable: %s", exception)
        if not _in_session(handler_input):
            # Events must fail so Alexa retries them later; the edge maps this to HTTP 503.
            raise exception
        return say(handler_input, speech.STORE_DOWN, reprompt=speech.HELP_REPROMPT)


class CatchAllExceptionHandler(AbstractExceptionHandler):  # type: ignore[misc]
    """Anything else: log with traceback, apologise out loud."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        log.error("unhandled error in skill: %s", type(exception).__name__, exc_info=exception)
        handler_input.response_builder.set_should_end_session(None)
        return say(handler_input, speech.SORRY, reprompt=speech.HELP_REPROMPT)
