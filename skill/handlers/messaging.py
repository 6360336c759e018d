"""Messaging.MessageReceived: out-of-session work with the fresh token Alexa sends along.

The scheduler cannot make Alexa speak. When it has advice for a user it sends a
skill message ``{"kind": "advice", "ref": <opaque>}``; here, with the message's fresh
apiAccessToken, the user's two-week check-in reminder moves to the next morning
at 9:00 local time, so the speaker prompts them to open the skill and hear it.
The reminder's text does not change (no health details on a speaker).

Idempotent: the sweep sends at least once and Alexa may deliver twice, so the ref is
recorded with the move and a repeat of it, however late, moves nothing (a message
without a ref falls back to "already set to that morning").
The reply is always an empty 2xx acknowledgement; outcomes are logged without
personal data.
"""

from __future__ import annotations

import logging
from enum import StrEnum

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_locale
from ask_sdk_model import Response

from skill.cloud import reminder_bodies
from skill.cloud.client import CloudError, PermissionRevoked
from skill.cloud.in_session import api_access
from skill.episodes.store.reminders import CHECKIN
from skill.handlers.base import RequestTypeHandler, SkillDeps
from skill.handlers.context import context_of
from skill.handlers.reminders import user_time_zone

log = logging.getLogger(__name__)

ADVICE = "advice"
MAX_REF = 64  # ours are 12 characters; anything longer did not come from the sweep


class MoveOutcome(StrEnum):
    MOVED = "moved"
    ALREADY_MOVED = "already_moved"
    NO_REMINDER = "no_reminder"
    GONE = "gone"  # Amazon no longer has it (deleted in the app, or completed and purged)
    REVOKED = "revoked"
    FAILED = "failed"


def move_checkin_to_next_morning(
    handler_input: HandlerInput, deps: SkillDeps, ref: str | None = None
) -> MoveOutcome:
    """PUT the check-in reminder to 9:00 local tomorrow (or today, before 9); never creates one.

    ``ref`` is the message's: once the check-in has moved for it, it never moves for it again.
    """
    user = context_of(handler_input).user_key
    if ref and deps.store.reminders.checkin_moved_for(user, ref):
        return MoveOutcome.ALREADY_MOVED
    alert_token = deps.store.reminders.reminder_ids(user).get(CHECKIN)
    if alert_token is None:
        return MoveOutcome.NO_REMINDER
    # No device in MessageReceived, so this is the zone remembered in session (or the default).
    zone = user_time_zone(handler_input)
    locale = get_locale(handler_input) or "en-US"
    now = context_of(handler_input).now
    when = reminder_bodies.next_morning(now, zone)
    fires_at = f"{when.isoformat()} {zone}"
    if deps.store.reminders.reminder_fires_at(user, CHECKIN) == fires_at:
        return MoveOutcome.ALREADY_MOVED  # Alexa may deliver a message twice
    body = reminder_bodies.one_shot_reminder(now, zone, when, locale)
    cloud = deps.cloud
    try:
        cloud.update_reminder(api_access(handler_input), alert_token, body)
    except PermissionRevoked:
        deps.store.reminders.revoke_consent(user, now)
        return MoveOutcome.REVOKED
    except CloudError as exc:
        if exc.status == 404:
            deps.store.reminders.drop_reminder_id(user, CHECKIN)
            return MoveOutcome.GONE
        log.warning("moving the check-in failed: %s", exc)
        return MoveOutcome.FAILED
    deps.store.reminders.save_checkin_move(user, alert_token, fires_at, ref, now)
    return MoveOutcome.MOVED


class MessageReceivedHandler(RequestTypeHandler):
    request_types = frozenset({"Messaging.MessageReceived"})

    def __init__(self, deps: SkillDeps) -> None:
        self._deps = deps

    def handle(self, handler_input: HandlerInput) -> Response:
        message = getattr(handler_input.request_envelope.request, "message", None) or {}
        kind = message.get("kind") if isinstance(message, dict) else None
        if kind == ADVICE:
            ref = message.get("ref")
            ref = ref if isinstance(ref, str) and 0 < len(ref) <= MAX_REF else None
            outcome = move_checkin_to_next_morning(handler_input, self._deps, ref)
            log.info("skill message advice: check-in %s", outcome.value)
        else:
            log.info("skill message of unknown kind ignored")
        response: Response = handler_input.response_builder.response
        return response
