"""Reminders, created in session with consent: the daily logging prompt and the two-week check-in.

Amazon lets a skill create reminders only during a session, with the user's
permission (ALEXA.md sections 0.2 and 2.4). Without it the skill sends the
``Connections.SendRequest`` AskFor directive; Alexa asks, then sends a
``Connections.Response`` (handled in permissions.py). What the user asked for
waits in the store meanwhile (the session may not survive the hand-over). A
401/403 from the API at any time means the permission is gone: the skill forgets
its reminder ids and messaging identity, and asks again only when the user acts.
"""

from __future__ import annotations

import logging
from datetime import datetime, time
from enum import StrEnum
from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_locale, get_slot, get_user_id
from ask_sdk_model import Response
from ask_sdk_model.dialog import ElicitSlotDirective
from ask_sdk_model.interfaces.connections import SendRequestDirective

from skill import intents
from skill.cloud import reminder_bodies
from skill.cloud.client import AlexaCloud, ApiAccess, CloudError, PermissionRevoked
from skill.cloud.in_session import (
    REMINDERS_SCOPE,
    api_access,
    has_reminders_permission,
)
from skill.episodes.slots import AFTERNOON, EVENING, MORNING, NIGHT
from skill.episodes.slots import parse_time as parse_spoken_time
from skill.episodes.store.reminders import CHECKIN, DAILY, DENIED
from skill.handlers import reminder_speech as words
from skill.handlers.base import (
    IntentHandler,
    SkillDeps,
    say,
    session_attributes,
)
from skill.handlers.context import context_of
from skill.speech.ssml import to_ssml

log = logging.getLogger(__name__)

ASK_FOR = "AskFor"
PENDING_ATTR = "pending_reminder"
# AMAZON.TIME's vague periods, as hours people would expect a reminder at.
_REMINDER_HOUR_OF_PERIOD = {MORNING: time(9), AFTERNOON: time(14), EVENING: time(20),
                            NIGHT: time(21)}  # fmt: skip


class CheckinOutcome(StrEnum):
    CREATED = "created"
    ALREADY_SET = "already_set"
    NEEDS_CONSENT = "needs_consent"  # pending kept: answer with permission_response(...)
    DECLINED = "declined"  # the user said no before; do not ask again unprompted
    FAILED = "failed"


def parse_time(value: str | None) -> time | None:
    """An AMAZON.TIME value ("20:00", "EV", ...) as a time of day, or None if unusable."""
    spoken = parse_spoken_time(value)  # the diary's parser: every AMAZON.TIME form
    if spoken is None:
        return None
    if spoken.clock is None:
        return _REMINDER_HOUR_OF_PERIOD[spoken.period]
    return spoken.clock.replace(second=0, microsecond=0)


def user_time_zone(handler_input: HandlerInput) -> str:
    """The user's IANA zone, from the request's context (the diary reads the same)."""
    return context_of(handler_input).zone.key


def _cloud(deps: SkillDeps) -> AlexaCloud:
    return deps.cloud


def set_reminder(handler_input: HandlerInput, deps: SkillDeps, wanted: dict[str, Any]) -> str:
    """Create (or move) the reminder ``wanted`` describes; returns what to tell the user.

    Raises PermissionRevoked or CloudError from the API.
    """
    user = context_of(handler_input).user_key
    zone = user_time_zone(handler_input)
    now = context_of(handler_input).now
    locale = get_locale(handler_input) or "en-US"
    kind = wanted["kind"]
    if kind == DAILY:
        at = time(int(wanted["hour"]), int(wanted["minute"]))
        body = reminder_bodies.daily_reminder(now, zone, at, locale)
        text = words.DAILY_SET.format(time=words.spoken_time(at))
        fires_at = f"daily {at.isoformat()} {zone}"
    else:
        when = reminder_bodies.checkin_time(datetime.fromisoformat(wanted["first_logged_at"]), zone)
        body = reminder_bodies.one_shot_reminder(now, zone, when, locale)
        text = words.CHECKIN_SET.format(date=words.spoken_date(when.date()))
        fires_at = f"{when.isoformat()} {zone}"
    existing = deps.store.reminders.reminder_ids(user).get(kind)
    alert_token = _create_or_replace(_cloud(deps), api_access(handler_input), existing, body)
    deps.store.reminders.save_reminder_id(user, kind, alert_token, fires_at)
    remember_consent(handler_input, deps)
    log.info("reminder set: kind=%s", kind)
    return text


def remember_consent(handler_input: HandlerInput, deps: SkillDeps) -> None:
    """Consent is known: keep the (encrypted) identity that skill messaging needs."""
    alexa_user_id = get_user_id(handler_input)
    if alexa_user_id:
        context = context_of(handler_input)
        deps.store.reminders.grant_consent(context.user_key, alexa_user_id, context.now)


def _create_or_replace(cloud: AlexaCloud, api: ApiAccess, existing: str | None, body: Any) -> str:
    """Update the user's reminder of this kind if Amazon still has it, else create one."""
    if existing:
        try:
            return cloud.update_reminder(api, existing, body)
        except CloudError as exc:
            if exc.status != 404:
                raise
    return cloud.create_reminder(api, body)


def permission_response(handler_input: HandlerInput, text: str, kind: str) -> Response:
    """Speak ``text`` and hand over to Alexa's consent prompt (no reprompt: Alexa asks next)."""
    builder = handler_input.response_builder
    builder.speak(to_ssml(text))
    payload = {
        "@type": "AskForPermissionsConsentRequest",
        "@version": "2",
        "permissionScope": REMINDERS_SCOPE,
    }
    builder.add_directive(
        SendRequestDirective(name=ASK_FOR, payload=payload, token=f"reminders:{kind}")
    )
    response: Response = builder.response
    return response


def _ask_permission(
    handler_input: HandlerInput, deps: SkillDeps, wanted: dict[str, Any]
) -> Response:
    deps.store.reminders.set_pending_reminder(context_of(handler_input).user_key, wanted)
    session_attributes(handler_input)[PENDING_ATTR] = wanted
    return permission_response(handler_input, words.NEED_PERMISSION, wanted["kind"])


def create_checkin_reminder(
    handler_input: HandlerInput, deps: SkillDeps, first_logged_at: datetime
) -> CheckinOutcome:
    """The two-week check-in after the first logged twitch, created now if consent allows.

    For the logging flow: on NEEDS_CONSENT the request is kept and the caller answers
    with ``permission_response(handler_input, <its own words>, CHECKIN)``.
    """
    user = context_of(handler_input).user_key
    if deps.store.reminders.reminder_ids(user).get(CHECKIN):
        return CheckinOutcome.ALREADY_SET
    wanted = {"kind": CHECKIN, "first_logged_at": first_logged_at.isoformat()}
    if not has_reminders_permission(handler_input):
        if deps.store.reminders.consent(user) == DENIED:
            return CheckinOutcome.DECLINED  # the guidelines ask us not to nag after a "no"
        deps.store.reminders.set_pending_reminder(user, wanted)
        return CheckinOutcome.NEEDS_CONSENT
    try:
        set_reminder(handler_input, deps, wanted)
    except PermissionRevoked:
        deps.store.reminders.revoke_consent(user, context_of(handler_input).now)
        deps.store.reminders.set_pending_reminder(user, wanted)
        return CheckinOutcome.NEEDS_CONSENT
    except CloudError as exc:
        log.warning("check-in reminder not set: %s", exc)
        return CheckinOutcome.FAILED
    return CheckinOutcome.CREATED


class SetLoggingReminderHandler(IntentHandler):
    """ "Remind me every evening at eight to log my twitches"."""

    intent_names = frozenset({intents.SET_LOGGING_REMINDER})

    def __init__(self, deps: SkillDeps) -> None:
        self._deps = deps

    def handle(self, handler_input: HandlerInput) -> Response:
        slot = get_slot(handler_input, intents.TIME_SLOT)
        at = parse_time(slot.value if slot is not None else None)
        if at is None:
            return _elicit_time(handler_input)
        wanted = {"kind": DAILY, "hour": at.hour, "minute": at.minute}
        if not has_reminders_permission(handler_input):
            return _ask_permission(handler_input, self._deps, wanted)
        try:
            text = set_reminder(handler_input, self._deps, wanted)
        except PermissionRevoked:
            self._deps.store.reminders.revoke_consent(
                context_of(handler_input).user_key, context_of(handler_input).now
            )
            return _ask_permission(handler_input, self._deps, wanted)
        except CloudError as exc:
            log.warning("daily reminder not set: %s", exc)
            return say(handler_input, words.FAILED, reprompt=words.WHAT_NEXT)
        return say(handler_input, text, reprompt=words.WHAT_NEXT)


def _elicit_time(handler_input: HandlerInput) -> Response:
    builder = handler_input.response_builder
    builder.speak(to_ssml(words.ASK_TIME)).ask(to_ssml(words.ASK_TIME_REPROMPT))
    intent = handler_input.request_envelope.request.intent
    directive = ElicitSlotDirective(updated_intent=intent, slot_to_elicit=intents.TIME_SLOT)
    builder.add_directive(directive)
    response: Response = builder.response
    return response
