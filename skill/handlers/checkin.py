"""The two-week check-in: offered once, right after the user's first logged twitch.

The article's rule of thumb is to see a doctor when twitching lasts more than two weeks,
so a reminder two weeks after the first entry is the natural moment to look back. It is
offered with a yes/no question (consent each time, as the reminder guidelines ask); a yes
creates it in session (``reminders.create_checkin_reminder``), asking Alexa for the
reminders permission first when needed.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill import intents, speech
from skill.episodes.store.reminders import CHECKIN, DENIED
from skill.handlers import reminder_speech as words
from skill.handlers.base import (
    EntryReply,
    PendingAnswerHandler,
    SkillDeps,
    pending_data,
    say,
    set_pending,
)
from skill.handlers.context import context_of
from skill.handlers.reminders import CheckinOutcome, create_checkin_reminder, permission_response

log = logging.getLogger(__name__)

PENDING_KIND = "checkin_offer"


def offer_after_first_entry(handler_input: HandlerInput, deps: SkillDeps) -> EntryReply | None:
    """Before the very first entry is saved: claim the check-in offer and return the reply
    that makes it once the entry is saved; None when there is nothing to offer.

    Decided before the save so that the claim rides in the entry's round trip (see
    ``EntryFollowUp``). An entry that then fails to save may have used up the offer: the
    harmless side, one offer not made."""
    store, user = deps.store, context_of(handler_input).user_key
    if store.diary.episode_count(user) != 0 or store.reminders.reminder_ids(user).get(CHECKIN):
        return None
    if store.reminders.consent(user) == DENIED:
        return None
    if not store.profile.claim_profile_flag(user, "checkin_offered"):
        return None

    def offer(saved_text: str, first_logged_at: datetime) -> Response:
        set_pending(handler_input, PENDING_KIND, first_logged_at=first_logged_at.isoformat())
        return say(handler_input, f"{saved_text} {speech.CHECKIN_OFFER}",
                   reprompt=speech.CHECKIN_OFFER)  # fmt: skip

    return offer


class CheckinOfferAnswerHandler(PendingAnswerHandler):
    """Yes or no to "Would you like a reminder to check in in two weeks?".

    Anything Alexa could not place ("skip", "maybe later", "pass": AMAZON.FallbackIntent,
    with no words on an Echo) declines it: a reminder is only ever set on a clear yes."""

    intent_names = frozenset({intents.YES, intents.NO, intents.FALLBACK})
    pending = PENDING_KIND

    def __init__(self, deps: SkillDeps) -> None:
        self._deps = deps

    def handle(self, handler_input: HandlerInput) -> Response:
        first = _first_logged_at(pending_data(handler_input).get("first_logged_at"))
        set_pending(handler_input, None)
        if handler_input.request_envelope.request.intent.name != intents.YES or first is None:
            return say(handler_input, speech.CHECKIN_DECLINED, reprompt=speech.WHAT_NEXT)
        outcome = create_checkin_reminder(handler_input, self._deps, first)
        log.info("check-in offer accepted: %s", outcome.value)
        if outcome is CheckinOutcome.NEEDS_CONSENT:
            return permission_response(handler_input, speech.CHECKIN_NEEDS_PERMISSION, CHECKIN)
        if outcome in (CheckinOutcome.CREATED, CheckinOutcome.ALREADY_SET):
            user = context_of(handler_input).user_key
            day = _fire_date(self._deps.store.reminders.reminder_fires_at(user, CHECKIN))
            text = words.CHECKIN_SET.format(date=words.spoken_date(day)) if day else words.WHAT_NEXT
            return say(handler_input, text, reprompt=speech.WHAT_NEXT)
        return say(handler_input, words.FAILED, reprompt=speech.WHAT_NEXT)


def _first_logged_at(text: object) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _fire_date(saved: str | None) -> date | None:
    """The date of a saved one-shot fire time ("2026-12-05T09:00:00 Europe/London")."""
    try:
        return datetime.fromisoformat(saved.split(" ")[0]).date() if saved else None
    except ValueError:
        return None
