"""Answering the daily logging prompt hands-free: "Did you have any twitches today?"

When someone who keeps a diary opens the skill and has logged nothing today (typically
right after the daily reminder), the launch asks. "No" records a twitch-free day, which the
rules use as evidence (three in a row end a run of twitching); "yes" goes straight into
logging, asking where the twitch was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, tzinfo

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill import intents, speech
from skill.episodes.history import utc_bounds
from skill.episodes.slots import DateSpan
from skill.episodes.store import Store
from skill.handlers.base import LoggingDialog, PendingAnswerHandler, SkillDeps, say, set_pending
from skill.handlers.context import context_of

log = logging.getLogger(__name__)

PENDING_KIND = "daily_check"


def question_due(store: Store, user: str, now: datetime, zone_of: Callable[[], tzinfo]) -> bool:
    """Ask when the user keeps a diary and today has neither an entry nor a quiet mark.

    ``zone_of`` may call the Settings API, so it is asked only for diary keepers.
    """
    if store.diary.episode_count(user) == 0:
        return False  # a new user hears the welcome, not a quiz
    zone = zone_of()
    today = now.astimezone(zone).date()
    if today in store.quiet_days.quiet_days(user, since=today):
        return False
    start, end = utc_bounds(DateSpan(today, today), zone)
    return not store.diary.episodes_between(user, start, end)


def ask(handler_input: HandlerInput, lead: str) -> Response:
    set_pending(handler_input, PENDING_KIND)
    return say(handler_input, f"{lead} {speech.DAILY_QUESTION}", reprompt=speech.DAILY_QUESTION)


class DailyCheckAnswerHandler(PendingAnswerHandler):
    """Yes: log a twitch now. No: note a twitch-free day."""

    intent_names = frozenset({intents.YES, intents.NO})
    pending = PENDING_KIND

    def __init__(self, deps: SkillDeps, logging_dialog: LoggingDialog) -> None:
        self._deps = deps
        self._dialog = logging_dialog

    def handle(self, handler_input: HandlerInput) -> Response:
        set_pending(handler_input, None)
        if handler_input.request_envelope.request.intent.name == intents.YES:
            return self._dialog.start(handler_input)
        store = self._deps.store
        user = context_of(handler_input).user_key
        moment = context_of(handler_input)
        now, today = moment.now, moment.today
        # The check comes first: the quiet day may end a run, which the sweep should see.
        store.due.schedule_check(user, now)
        store.quiet_days.mark_quiet_day(user, today)
        log.info("twitch-free day recorded")
        return say(handler_input, speech.QUIET_DAY_NOTED, reprompt=speech.WHAT_NEXT)
