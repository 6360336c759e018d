"""Skill lifecycle events: no session, no speech; acknowledge with an empty response."""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.handlers.base import RequestTypeHandler, SkillDeps
from skill.handlers.context import context_of

log = logging.getLogger(__name__)


class SkillEnabledHandler(RequestTypeHandler):
    request_types = frozenset({"AlexaSkillEvent.SkillEnabled"})

    def handle(self, handler_input: HandlerInput) -> Response:
        log.info("skill enabled")
        response: Response = handler_input.response_builder.response
        return response


class SkillDisabledHandler(RequestTypeHandler):
    """The user disabled the skill: delete everything we keep about them.

    Deleted whatever ``userInformationPersistenceStatus`` says: a diary of health
    notes should not outlive the user's choice to leave.
    """

    request_types = frozenset({"AlexaSkillEvent.SkillDisabled"})

    def __init__(self, deps: SkillDeps) -> None:
        self._store = deps.store

    def handle(self, handler_input: HandlerInput) -> Response:
        removed = self._store.forget(context_of(handler_input).user_key)
        log.info("skill disabled: removed %d keys", removed)
        response: Response = handler_input.response_builder.response
        return response
