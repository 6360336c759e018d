"""Envelopes for the reminder tests: requests as Alexa sends them, with the sim's endpoint/token."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ask_sdk_core.attributes_manager import AttributesManager
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

from devkit import envelopes
from devkit.alexa_sim.sim import AlexaSim
from skill import intents
from skill.cloud.in_session import REMINDERS_SCOPE
from skill.handlers.base import SkillDeps
from skill.handlers.context import RequestContextInterceptor

GRANTED = {"consentToken": "consent-token", "scopes": {REMINDERS_SCOPE: {"status": "GRANTED"}}}


def with_token(body: dict[str, Any], sim: AlexaSim, *, granted: bool = True) -> dict[str, Any]:
    """Point the envelope at the sim with a fresh in-session token for its user."""
    system = body["context"]["System"]
    system["apiEndpoint"] = sim.url
    system["apiAccessToken"] = sim.session_token(system["user"]["userId"], granted=granted)
    return body


def reminder_intent(
    sim: AlexaSim, now: datetime, time: str | None, *, permissions: dict | None = None
) -> dict[str, Any]:
    body = envelopes.intent(
        intents.SET_LOGGING_REMINDER, now, {intents.TIME_SLOT: time}, permissions=permissions
    )
    return with_token(body, sim, granted=permissions is not None)


def permission_answer(sim: AlexaSim, now: datetime, status: str, **options: Any) -> dict[str, Any]:
    """The Connections.Response Alexa sends after its consent prompt."""
    request = {
        "type": "Connections.Response",
        "name": "AskFor",
        "status": {"code": "200", "message": "OK"},
        "payload": {"permissionScope": REMINDERS_SCOPE, "status": status},
        "token": "reminders:daily",
    }
    granted = status == "ACCEPTED"
    body = envelopes.envelope(
        request, now=now, new_session=False, permissions=GRANTED if granted else None, **options
    )
    return with_token(body, sim, granted=granted)


def handler_input(body: dict[str, Any], deps: SkillDeps) -> HandlerInput:
    """A HandlerInput for calling a skill function directly, as the SDK would build it
    (with the request's context, which the skill's first interceptor adds)."""
    envelope = DefaultSerializer().deserialize(json.dumps(body), RequestEnvelope)
    built = HandlerInput(envelope, attributes_manager=AttributesManager(envelope))
    RequestContextInterceptor(deps.store, deps.clock).process(built)
    return built


def in_session(sim: AlexaSim, now: datetime, *, granted: bool, deps: SkillDeps) -> HandlerInput:
    """An in-session request (a launch) with or without the reminders permission."""
    body = envelopes.launch(now, permissions=GRANTED if granted else None)
    return handler_input(with_token(body, sim, granted=granted), deps)
