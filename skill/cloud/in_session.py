"""What a request offers for calling Amazon: its endpoint and token, the permission, the client.

The glue between a handler's ``HandlerInput`` and ``AlexaCloud``, kept here so
handlers read the envelope the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.permission_status import PermissionStatus

from skill.cloud.client import AlexaCloud, ApiAccess
from skill.config import Settings

REMINDERS_SCOPE = "alexa::alerts:reminders:skill:readwrite"
# Alexa waits about 8 s for a skill's answer: one retry keeps a failing call inside that.
IN_SESSION_RETRIES = 1


def in_session_cloud(settings: Settings, clock: Callable[[], datetime]) -> AlexaCloud:
    """The AlexaCloud for calls made while Alexa waits for the answer: fewer retries."""
    retries = min(IN_SESSION_RETRIES, settings.outbound_retries)
    return AlexaCloud(settings, clock=clock, retries=retries)


def api_access(handler_input: HandlerInput) -> ApiAccess:
    """The envelope's apiEndpoint and apiAccessToken (fresh in MessageReceived; never stored)."""
    system = handler_input.request_envelope.context.system
    return ApiAccess(system.api_endpoint or "", system.api_access_token or "")


def device_id(handler_input: HandlerInput) -> str | None:
    device = handler_input.request_envelope.context.system.device
    return device.device_id if device is not None and device.device_id else None


def has_reminders_permission(handler_input: HandlerInput) -> bool:
    """Whether the envelope says the user granted the reminders permission (ALEXA.md 2.4).

    ``scopes`` is the precise answer; when Alexa sends only the older ``consentToken``,
    its presence is taken as consent and an API 401/403 corrects us later.
    """
    user = handler_input.request_envelope.context.system.user
    permissions = user.permissions if user is not None else None
    if permissions is None:
        return False
    scope = (permissions.scopes or {}).get(REMINDERS_SCOPE)
    if scope is not None:
        return bool(scope.status == PermissionStatus.GRANTED)
    return bool(permissions.consent_token)
