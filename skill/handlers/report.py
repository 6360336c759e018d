"""The report by voice: a one-time code for the web page, and the weekly summary (spoken,
and on an Echo Show's screen)."""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill import intents, speech
from skill.episodes.slots import DateSpan
from skill.episodes.store.report import ReportCodeError
from skill.episodes.wording import count_words
from skill.handlers.base import SkillDeps, say
from skill.handlers.context import context_of
from skill.handlers.history import DiaryQuery
from skill.handlers.screen import add_screen
from skill.report import apl, codes
from skill.report.weekly import first_day_needed, weekly_summary

log = logging.getLogger(__name__)


class ReportHandler(DiaryQuery):
    """ "I want my report": a one-time code, spoken and on the card, for the /report page
    (nine digits; sixteen while short codes are paused or when asked again: see codes.py)."""

    intent_names = frozenset({intents.REPORT})

    def __init__(self, deps: SkillDeps) -> None:
        super().__init__(deps)
        self._settings = deps.settings
        self._report = deps.store.report

    def handle(self, handler_input: HandlerInput) -> Response:
        moment = context_of(handler_input)
        now, zone = moment.now, moment.zone
        user = context_of(handler_input).user_key
        ttl = self._settings.report_code_ttl_seconds
        try:
            code = self._report.issue_report_code(user, now=now, ttl=ttl, zone=str(zone))
        except ReportCodeError:
            log.warning("no free report code")
            return say(handler_input, speech.REPORT_CODE_FAILED, end_session=True)
        log.info("report code issued")
        minutes = count_words(max(ttl // 60, 1), "minute")
        url = self._settings.report_url or speech.REPORT_PAGE_FALLBACK
        text = speech.REPORT_CODE.format(digits=codes.spoken(code), minutes=minutes)
        card = speech.REPORT_CARD.format(code=codes.written(code), url=url, minutes=minutes)
        return say(handler_input, text, end_session=True, card_text=card)


class WeeklySummaryHandler(DiaryQuery):
    """ "How was my week": counts, the standing-out place, time and trigger, vs the week before."""

    intent_names = frozenset({intents.WEEKLY_SUMMARY})

    def handle(self, handler_input: HandlerInput) -> Response:
        moment = context_of(handler_input)
        today = moment.today
        span = DateSpan(first_day_needed(today), today)
        episodes = self._episodes(context_of(handler_input).user_key, span, moment.zone)
        summary = weekly_summary(episodes, today)
        text = summary.speech + (f" {speech.WEEKLY_END}" if summary.count else "")
        add_screen(handler_input, apl.TOKEN_WEEKLY, speech.WEEKLY_TITLE, summary.lines)
        return say(handler_input, f"{text} {speech.ANYTHING_ELSE}", card_text=text)
