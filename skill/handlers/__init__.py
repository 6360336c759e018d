"""Builds the skill: the order of handlers, and how features hand turns to each other."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model.services.api_client import ApiClient

from skill.handlers import (
    advice,
    builtin,
    checkin,
    daily_check,
    dialog_repair,
    diary,
    emergency,
    erase,
    errors,
    events,
    faq,
    history,
    messaging,
    notice,
    permissions,
    reminders,
    report,
    symptoms,
)
from skill.handlers.base import EntryReply, SkillDeps
from skill.handlers.context import RequestContextInterceptor
from skill.handlers.routing import RoutedRequestMapper


def request_handlers(deps: SkillDeps) -> list[AbstractRequestHandler]:
    """Every request handler, most specific first; the first that can handle a request wins."""
    answerer = deps.faq_answerer

    # Features meet here, not by importing each other: the logging dialog, shared by the
    # handlers that start or go on with it, hands the turn to the check-in offer after the
    # first entry.
    def offer_checkin(handler_input: HandlerInput) -> EntryReply | None:
        return checkin.offer_after_first_entry(handler_input, deps)

    logging = diary.DiaryDialog(deps, after_first_entry=offer_checkin)
    return [
        # Emergencies named in any slot text come first, whatever intent they arrived in.
        faq.EmergencyHandler(),
        emergency.UrgentSymptomHandler(answerer),
        # Answers to a pending yes/no question come next: they match on the session's kind.
        symptoms.SymptomAnswerHandler(deps),
        checkin.CheckinOfferAnswerHandler(deps),
        daily_check.DailyCheckAnswerHandler(deps, logging),
        symptoms.SymptomStopHandler(),
        symptoms.SymptomRepeatHandler(),
        symptoms.SymptomUnsureHandler(deps),
        dialog_repair.SymptomQuestionHandler(answerer),
        # Answers to a question the skill just asked come before everything else.
        history.DeleteLastAnswerHandler(deps),
        erase.DeleteAllAnswerHandler(deps),
        diary.DiarySkipHandler(logging),
        diary.DiaryNeverMindHandler(logging),
        diary.DiaryCancelHandler(),
        dialog_repair.DiaryRepairHandler(logging, answerer),
        diary.LogTwitchHandler(logging),
        history.LastTwitchHandler(deps),
        history.CountTwitchesHandler(deps),
        history.TwitchPatternsHandler(deps),
        history.ReadEntriesHandler(deps),
        history.DeleteLastEntryHandler(deps),
        erase.DeleteAllDataHandler(),
        symptoms.SymptomCheckHandler(),
        advice.RepeatAdviceHandler(deps),
        report.ReportHandler(deps),
        report.WeeklySummaryHandler(deps),
        builtin.LaunchHandler(deps),
        builtin.HelpHandler(),
        builtin.StopHandler(),
        # A diary question heard in a question intent's words: before the FAQ answers it.
        history.DiaryQuestionHandler(deps),
        faq.AskQuestionHandler(answerer, logging),
        faq.MoreHandler(answerer),
        faq.NoMoreHandler(),
        faq.TellMeMoreWithoutTopicHandler(),
        builtin.FallbackHandler(),
        builtin.SessionEndedHandler(),
        events.SkillEnabledHandler(),
        events.SkillDisabledHandler(deps),
        reminders.SetLoggingReminderHandler(deps),
        permissions.PermissionAnswerHandler(deps),
        permissions.PermissionEventHandler(deps),
        messaging.MessageReceivedHandler(deps),
        # Catch-alls last.
        builtin.UnexpectedYesNoHandler(),
        builtin.UnhandledIntentHandler(),
        builtin.UnknownRequestHandler(),
    ]


def build_skill(deps: SkillDeps, api_client: ApiClient) -> CustomSkill:
    """One explicit builder: no module-level SkillBuilder, nothing registered at import time."""
    builder = CustomSkillBuilder(api_client=api_client)
    # The edge already answers 400 on a wrong application id; this is the second lock.
    builder.skill_id = deps.settings.skill_id
    for handler in request_handlers(deps):
        builder.add_request_handler(handler)
    # The request's context first: every interceptor and handler after it reads it.
    builder.add_global_request_interceptor(RequestContextInterceptor(deps.store, deps.clock))
    builder.add_global_request_interceptor(notice.FirstContactNotice(deps.store.profile))
    builder.add_exception_handler(errors.StoreUnavailableHandler())
    builder.add_exception_handler(errors.CatchAllExceptionHandler())
    # builder.create(), with the request mapper swapped for one that asks only the handlers
    # that may take a request (routing.py); the order, and so the winner, is the same.
    config = builder.skill_configuration
    config.request_mappers = [
        RoutedRequestMapper(mapper.request_handler_chains) for mapper in config.request_mappers
    ]
    return CustomSkill(skill_configuration=config)
