"""Deleting everything in session, asked and confirmed: the user's reminders at Amazon
first, then our data.

"Delete all my data" is confirmed in session, the one moment the skill holds a token that
may delete reminders (ALEXA.md section 2.1), so the reminders we set (the daily prompt and
the check-in) are deleted through the Reminders API (skill/cloud/client.py) before the store
forgets their ids.
Our data goes whatever Amazon answers; the user hears when a reminder could not be
removed, so they can delete it in the Alexa app. On SkillDisabled there is no token and
nothing to call (skill/handlers/events.py).
"""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name
from ask_sdk_model import Response

from skill import intents, speech
from skill.cloud.client import CloudError
from skill.cloud.in_session import api_access
from skill.episodes.store.reminders import GRANTED
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

log = logging.getLogger(__name__)

DELETE_ALL = "delete_all"


def delete_reminders(handler_input: HandlerInput, deps: SkillDeps, user: str) -> bool:
    """Delete the user's reminders at Amazon; True when none is left that we know of.

    The ones we know (their ids in the store) and any Amazon lists for the skill and this
    user: a reminder whose id we lost (a crash between creating it and saving its id) goes
    too. The list is a help, not a condition: when it fails, the known ones still go.
    """
    tokens = list(deps.store.reminders.reminder_ids(user).values())
    if not tokens and deps.store.reminders.consent(user) != GRANTED:
        return True  # we never set one: no call to Amazon at all
    cloud = deps.cloud
    api = api_access(handler_input)
    try:
        listed = [alert.get("alertToken") for alert in cloud.list_reminders(api)]
    except CloudError as exc:
        log.warning("listing reminders before deleting them failed: %s", exc)
        listed = []
    tokens += [token for token in listed if isinstance(token, str) and token not in tokens]
    for alert_token in tokens:
        try:
            cloud.delete_reminder(api, alert_token)
        except CloudError as exc:
            if exc.status == 404:
                continue  # deleted in the Alexa app already, or completed and purged
            # Stop at the first failure: Alexa waits about 8 s for this answer.
            log.warning("deleting a reminder failed: %s", exc)
            return False
    return True


def forget_in_session(handler_input: HandlerInput, deps: SkillDeps) -> bool:
    """Reminders at Amazon, then every key of the user; True when the reminders went too."""
    user = context_of(handler_input).user_key
    reminders_gone = delete_reminders(handler_input, deps, user)
    deps.store.forget(user)
    return reminders_gone


class DeleteAllDataHandler(IntentHandler):
    intent_names = frozenset({intents.DELETE_ALL_DATA})

    def handle(self, handler_input: HandlerInput) -> Response:
        Draft.clear(session_attributes(handler_input))
        set_pending(handler_input, DELETE_ALL)
        return say(handler_input, speech.CONFIRM_DELETE_ALL, reprompt=speech.CONFIRM_DELETE_ALL)


class DeleteAllAnswerHandler(PendingAnswerHandler):
    """Yes deletes the user's reminders at Amazon, then every key of the user (store.forget,
    which also takes them off the due-index)."""

    intent_names = frozenset({intents.YES, intents.NO})
    pending = DELETE_ALL

    def __init__(self, deps: SkillDeps) -> None:
        self._deps = deps

    def handle(self, handler_input: HandlerInput) -> Response:
        set_pending(handler_input, None)
        if get_intent_name(handler_input) != intents.YES:
            return say(handler_input, speech.KEPT_ALL)
        if forget_in_session(handler_input, self._deps):
            return say(handler_input, speech.DELETED_ALL, end_session=True)
        return say(handler_input, speech.DELETED_ALL_BUT_REMINDERS, end_session=True)
