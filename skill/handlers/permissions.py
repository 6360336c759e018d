"""The answers to our permission questions: Alexa's Connections.Response and permission events.

ACCEPTED creates what the user asked for (kept in the store while Alexa asked);
DENIED is remembered so the skill does not ask again unprompted; NOT_ANSWERED
or an error is not a "no". Both DENIED and NOT_ANSWERED send the consent card
to the Alexa app. ``SkillPermissionAccepted``/``SkillPermissionChanged`` keep
the consent state in step with the Alexa app; a withdrawal forgets reminder ids
and the messaging identity.
"""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import AskForPermissionsConsentCard

from skill.cloud.client import CloudError
from skill.cloud.in_session import REMINDERS_SCOPE
from skill.handlers import reminder_speech as words
from skill.handlers.base import RequestTypeHandler, SkillDeps, say, session_attributes
from skill.handlers.context import context_of
from skill.handlers.reminders import ASK_FOR, PENDING_ATTR, remember_consent, set_reminder
from skill.speech.ssml import to_ssml

log = logging.getLogger(__name__)


class PermissionAnswerHandler(RequestTypeHandler):
    """Alexa's answer to our AskFor: create what the user asked for, or respect the "no"."""

    request_types = frozenset({"Connections.Response"})

    def __init__(self, deps: SkillDeps) -> None:
        self._deps = deps

    def can_handle(self, handler_input: HandlerInput) -> bool:
        request = handler_input.request_envelope.request
        return super().can_handle(handler_input) and getattr(request, "name", None) == ASK_FOR

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        status = (request.payload or {}).get("status")
        reminders, user = self._deps.store.reminders, context_of(handler_input).user_key
        wanted = reminders.take_pending_reminder(user) or session_attributes(handler_input).get(
            PENDING_ATTR
        )
        session_attributes(handler_input).pop(PENDING_ATTR, None)
        log.info("reminder permission answer: %s", status)
        if status == "DENIED":
            reminders.decline_consent(user, context_of(handler_input).now)
        if status != "ACCEPTED":  # NOT_ANSWERED or an error: no reminder, but not a "no"
            return _declined(handler_input)
        remember_consent(handler_input, self._deps)
        if not isinstance(wanted, dict):
            return say(handler_input, words.ALLOWED, reprompt=words.WHAT_NEXT)
        try:
            text = set_reminder(handler_input, self._deps, wanted)
        except CloudError as exc:  # including a 401/403 just after "yes": no second AskFor loop
            log.warning("reminder not set after consent: %s", exc)
            return say(handler_input, words.FAILED, reprompt=words.WHAT_NEXT)
        return say(handler_input, text, reprompt=words.WHAT_NEXT)


def _declined(handler_input: HandlerInput) -> Response:
    builder = handler_input.response_builder
    builder.speak(to_ssml(words.DECLINED)).ask(to_ssml(words.WHAT_NEXT))
    builder.set_card(AskForPermissionsConsentCard(permissions=[REMINDERS_SCOPE]))
    response: Response = builder.response
    return response


class PermissionEventHandler(RequestTypeHandler):
    """SkillPermissionAccepted/Changed: keep consent state in step with the Alexa app."""

    request_types = frozenset(
        {
            "AlexaSkillEvent.SkillPermissionAccepted",
            "AlexaSkillEvent.SkillPermissionChanged",
        }
    )

    def __init__(self, deps: SkillDeps) -> None:
        self._deps = deps

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        body = getattr(request, "body", None)
        accepted = getattr(body, "accepted_permissions", None) or []
        scopes = {getattr(permission, "scope", None) for permission in accepted}
        store, user = self._deps.store, context_of(handler_input).user_key
        if REMINDERS_SCOPE in scopes:
            remember_consent(handler_input, self._deps)
            log.info("reminders permission granted (event)")
        elif request.object_type == "AlexaSkillEvent.SkillPermissionChanged":
            store.reminders.revoke_consent(user, context_of(handler_input).now)
            log.info("reminders permission withdrawn (event)")
        response: Response = handler_input.response_builder.response
        return response
