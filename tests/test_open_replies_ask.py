"""Every open reply asks something; every reply that ends the session says goodbye (issue 12).

A table of every request handler (and the two exception handlers) in each of its dialog
states, walked through POST /alexa with the real redis-server. For the last request of each
walk the test checks which handler answered, then the reply:

* the session stays open: the speech ends with a question (a hint at how to answer, such as
  "For example, this morning.", may follow it) and there is a reprompt;
* the session ends: the speech ends with "Goodbye.", except emergency advice, which must be
  the urgent words alone, first and last;
* Dialog.Delegate: no speech of ours (Alexa plays the model's prompt) and the session open;
* Connections.SendRequest (AskFor): no reprompt, Alexa asks for the permission next;
* events and SessionEndedRequest: silent.

Every spoken reply also stays within 60 words.

Failures name the handler and the state. A last test checks the table covers every handler
that ``request_handlers`` builds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from ask_sdk_model import Response
from flask.testing import FlaskClient

from devkit import diary_envelopes as dx
from devkit import envelopes as env
from devkit.chat.conversation import speech_text
from devkit.envelopes import TestClock
from devkit.fake_settings_api import FakeSettingsApi
from skill import handlers, speech
from skill.cloud.client import AlexaCloud, ApiAccess, CloudError
from skill.cloud.in_session import REMINDERS_SCOPE
from skill.config import Settings
from skill.episodes import rules
from skill.episodes.advice import advice_from
from skill.episodes.history import MIN_FOR_PATTERNS
from skill.episodes.keys import StoreUnavailable
from skill.episodes.store import Store
from skill.episodes.store.report import ReportCodeError
from skill.episodes.symptoms import SYMPTOM_ITEMS
from skill.handlers import errors, reminder_speech
from skill.handlers.base import SkillDeps
from skill.intents import LOCALES
from skill.web.app import create_app
from tests.test_store_advice import make_advice

MAX_WORDS = 60  # issue 12, item 2: every spoken reply
GRANTED = {"consentToken": "consent-token", "scopes": {REMINDERS_SCOPE: {"status": "GRANTED"}}}
# What may follow the question of an open reply: a hint at how to answer it.
HINT = re.compile(r"^(For example\b|If .*, say\b|You can also say\b)")


class FakeCloud(AlexaCloud):
    """Amazon's reminders API, answering at once: a new alert token, or an outage."""

    failing = False

    def create_reminder(self, api: ApiAccess, reminder: Any) -> str:
        return self._answer()

    def update_reminder(self, api: ApiAccess, alert_token: str, reminder: Any) -> str:
        return self._answer()

    def _answer(self) -> str:
        if self.failing:
            raise CloudError("reminders API unavailable", status=503)
        return "alert-token-1"


@dataclass
class Talk:
    """One user talking to the skill: session attributes carried from reply to reply."""

    client: FlaskClient
    clock: TestClock
    api: str
    locale: str
    store: Store
    cloud: FakeCloud
    monkeypatch: pytest.MonkeyPatch
    attributes: dict[str, Any] = field(default_factory=dict)
    body: dict[str, Any] = field(default_factory=dict)

    def send(self, body: dict[str, Any]) -> dict[str, Any]:
        reply = env.post(self.client, body)
        assert reply.status_code == 200, reply.get_data(as_text=True)
        self.body = reply.get_json()
        self.attributes = dict(self.body.get("sessionAttributes") or {})
        return self.body

    def intent(
        self,
        name: str,
        slots: dict[str, Any] | None = None,
        *,
        new: bool = False,
        dialog_state: str | None = None,
        granted: bool = False,
    ) -> dict[str, Any]:
        body = env.intent(name, self.clock.now, slots, dialog_state=dialog_state,
                          session=self.attributes, new_session=new, api_endpoint=self.api,
                          locale=self.locale, permissions=GRANTED if granted else None)  # fmt: skip
        return self.send(body)

    def launch(self) -> dict[str, Any]:
        self.attributes = {}
        return self.send(env.launch(self.clock.now, api_endpoint=self.api, locale=self.locale))

    def log(self, slots: dict[str, Any], state: str = "STARTED") -> dict[str, Any]:
        return self.intent("LogTwitchIntent", slots, dialog_state=state, granted=False)

    def later_session(self) -> None:
        self.attributes = {}

    def request(self, request: dict[str, Any], *, with_session: bool = True) -> dict[str, Any]:
        body = env.envelope(request, now=self.clock.now, session=self.attributes,
                            new_session=False, with_session=with_session, locale=self.locale,
                            api_endpoint=self.api)  # fmt: skip
        return self.send(body)


# --- the walks: set-up turns, then the request under test ---


def logged(talk: Talk, count: int = 1) -> None:
    """``count`` complete entries, each said in one go, then a new session."""
    for _ in range(count):
        talk.later_session()
        talk.log(dx.complete_slots())
    talk.later_session()


def asking_side(talk: Talk) -> dict[str, Any]:
    """A sparse report ("my calf twitched"): the diary asks for the side."""
    return talk.log({"location": dx.location("calf", "calf")})


def asking_location(talk: Talk) -> dict[str, Any]:
    return talk.log({})  # Delegate: Alexa asks with the model's prompt


def symptom_check(talk: Talk, yes: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The whole check, answering yes to the ids in ``yes`` and no to the rest."""
    body = talk.intent("SymptomCheckIntent", new=True)
    while (pending := talk.attributes.get("pending")) and pending.get("kind") == "symptom_check":
        item = SYMPTOM_ITEMS[pending["index"]]
        body = talk.intent("AMAZON.YesIntent" if item.id in yes else "AMAZON.NoIntent")
    return body


def pending(talk: Talk, kind: str, **data: Any) -> None:
    talk.attributes = {"pending": {"kind": kind, **data}}


def failing_store(talk: Talk, method: str, error: Exception) -> None:
    """Make ``"<small store>.<method>"`` of the talk's store raise ``error``."""

    def fail(*_: Any, **__: Any) -> Any:
        raise error

    part, _, name = method.partition(".")
    talk.monkeypatch.setattr(getattr(talk.store, part), name, fail)


def permission_answer(talk: Talk, status: str) -> dict[str, Any]:
    payload = {"permissionScope": REMINDERS_SCOPE, "status": status}
    granted = GRANTED if status == "ACCEPTED" else None
    body = env.connections_response("AskFor", talk.clock.now, token="reminders:daily",
                                    code="200", payload=payload, session=talk.attributes,
                                    api_endpoint=talk.api, locale=talk.locale,
                                    permissions=granted)  # fmt: skip
    return talk.send(body)


def _skip_to_save(talk: Talk) -> dict[str, Any]:
    logged(talk)  # not the first entry: no check-in offer after this one
    talk.log({"location": dx.location("calf", "calf"), "side": dx.side("left", "left")})
    for _ in range(2):
        talk.intent("AMAZON.FallbackIntent")
    return talk.intent("AMAZON.FallbackIntent")


def _location_given_up(talk: Talk) -> dict[str, Any]:
    body = asking_location(talk)
    for _ in range(3):
        body = talk.log({"location": dx.location("blorp", None)}, state="IN_PROGRESS")
    return body


def _step_back_a_day(talk: Talk) -> None:
    talk.launch()  # the first launch, with the notice
    logged(talk)
    talk.clock.advance(days=1)


def _advice_waiting(talk: Talk) -> None:
    """A returning user, and the scheduler's advice in its own words, waiting to be heard."""
    talk.launch()
    finding = rules.Finding(rules.SPREADING, "2026-11-01", "see_neurologist_2_3_weeks",
                            rules.SPREADING_SPEECH)  # fmt: skip
    advice = advice_from(finding, talk.clock.now)
    talk.store.advice.record_advice(talk.store.user_key(env.USER_ID), advice)


def _advice_heard(talk: Talk) -> None:
    user = talk.store.user_key(env.USER_ID)
    talk.store.advice.record_advice(user, make_advice("spreading"))
    talk.store.advice.mark_advice_delivered(user, talk.store.advice.pending_advice(user))


def _reminder_wanted(talk: Talk) -> None:
    talk.intent("SetLoggingReminderIntent", {"time": "20:00"}, new=True)  # asks for permission


@dataclass(frozen=True)
class Case:
    handler: str  # the class that must answer the last request
    state: str
    walk: Callable[[Talk], dict[str, Any]]
    expect: str | None = None  # words the reply must contain: the walk reached its state
    emergency: bool = False
    silent: bool = False

    @property
    def id(self) -> str:
        return f"{self.handler}: {self.state}"


Walk = Callable[[Talk], dict[str, Any]]


def _then(setup: Callable[[Talk], Any], last: Walk) -> Walk:
    """Set-up turns, then the request under test."""

    def walk(talk: Talk) -> dict[str, Any]:
        setup(talk)
        return last(talk)

    return walk


def _say(name: str, slots: dict[str, Any] | None = None, **options: Any) -> Walk:
    return lambda talk: talk.intent(name, slots, **options)


QUESTION = {"question": "what causes muscle twitches"}
CASES: tuple[Case, ...] = (
    # --- launch, help, stop, fallback, yes/no with nothing pending, unknown requests ---
    Case("LaunchHandler", "first launch", lambda t: t.launch(), speech.NOTICE),
    Case("LaunchHandler", "returning user", _then(lambda t: t.launch(), lambda t: t.launch()),
         speech.WELCOME_BACK),
    Case("LaunchHandler", "diary keeper, nothing logged today",
         _then(_step_back_a_day, lambda t: t.launch()), speech.DAILY_QUESTION),
    Case("LaunchHandler", "advice waiting", _then(_advice_waiting, lambda t: t.launch()),
         rules.SPREADING_SPEECH),
    Case("HelpHandler", "help", _say("AMAZON.HelpIntent"), speech.HELP),
    Case("HelpHandler", "repeat with nothing to repeat", _say("AMAZON.RepeatIntent"), speech.HELP),
    Case("StopHandler", "stop", _say("AMAZON.StopIntent"), speech.GOODBYE),
    Case("StopHandler", "cancel", _say("AMAZON.CancelIntent"), speech.GOODBYE),
    Case("StopHandler", "navigate home", _say("AMAZON.NavigateHomeIntent"), speech.GOODBYE),
    Case("FallbackHandler", "nothing understood", _say("AMAZON.FallbackIntent"), speech.FALLBACK),
    Case("UnexpectedYesNoHandler", "yes to an open question",
         _then(logged, lambda t: (t.intent("LastTwitchIntent"), t.intent("AMAZON.YesIntent"))[1]),
         speech.NOTHING_PENDING),
    Case("UnexpectedYesNoHandler", "no to anything else",
         _then(logged, lambda t: (t.intent("LastTwitchIntent"), t.intent("AMAZON.NoIntent"))[1]),
         speech.GOODBYE),
    Case("UnhandledIntentHandler", "an intent from an old model", _say("OldModelIntent"),
         speech.UNKNOWN_REQUEST),
    Case("SessionEndedHandler", "user left",
         lambda t: t.send(env.session_ended(t.clock.now, locale=t.locale)), silent=True),
    Case("UnknownRequestHandler", "audio player event",
         lambda t: t.request({"type": "AudioPlayer.PlaybackStarted", "token": "t",
                              "offsetInMilliseconds": 0}, with_session=False), silent=True),
    # --- events ---
    Case("SkillEnabledHandler", "enabled",
         lambda t: t.send(env.skill_event("AlexaSkillEvent.SkillEnabled", t.clock.now)),
         silent=True),
    Case("SkillDisabledHandler", "disabled",
         lambda t: t.send(env.skill_event("AlexaSkillEvent.SkillDisabled", t.clock.now)),
         silent=True),
    Case("PermissionEventHandler", "permission changed",
         lambda t: t.send(env.skill_event("AlexaSkillEvent.SkillPermissionChanged", t.clock.now,
                                          acceptedPermissions=[])), silent=True),
    Case("MessageReceivedHandler", "advice message",
         lambda t: t.request({"type": "Messaging.MessageReceived", "message": {"kind": "advice"}},
                             with_session=False), silent=True),
    # --- questions and emergencies ---
    Case("EmergencyHandler", "face drooping now, said as a question",
         _say("AskQuestionIntent", {"question": "my face is drooping right now"}),
         emergency=True),
    Case("EmergencyHandler", "slurred speech inside a diary entry",
         _say("LogTwitchIntent", {"location": dx.location("my speech is slurred right now", None)},
              dialog_state="STARTED"), emergency=True),
    Case("UrgentSymptomHandler", "a resolved symptom",
         _say("UrgentSymptomIntent",
              {"symptom": env.resolved_slot("symptom", "talking funny", "speech",
                                            "URGENT_SYMPTOM")}), emergency=True),
    Case("UrgentSymptomHandler", "words that are no emergency",
         _say("UrgentSymptomIntent",
              {"symptom": env.resolved_slot("symptom", "my eyelid keeps twitching", None,
                                            "URGENT_SYMPTOM")})),
    Case("AskQuestionHandler", "an answer with more to say", _say("AskQuestionIntent", QUESTION),
         speech.FAQ_WANT_MORE),
    Case("AskQuestionHandler", "an answer with nothing more",
         _say("AskQuestionIntent", {"question": "how much water should I drink"}),
         speech.ANYTHING_ELSE),
    Case("AskQuestionHandler", "a question we decline",
         _say("AskQuestionIntent", {"question": "what is the weather in paris"}),
         speech.FAQ_CAN_HELP_WITH),
    Case("AskQuestionHandler", "no words", _say("AskQuestionIntent", {"question": None}),
         speech.FAQ_ASK),
    Case("MoreHandler", "yes to hear more",
         _then(_say("AskQuestionIntent", QUESTION), _say("AMAZON.YesIntent")),
         speech.FAQ_WHAT_ELSE),
    Case("MoreHandler", "tell me more of a topic that has no more",
         _then(lambda t: pending(t, "faq_more", topic="gone"), _say("TellMeMoreIntent")),
         speech.FAQ_NOTHING_MORE),
    Case("NoMoreHandler", "no to hear more",
         _then(_say("AskQuestionIntent", QUESTION), _say("AMAZON.NoIntent")), speech.FAQ_NO_MORE),
    Case("TellMeMoreWithoutTopicHandler", "nothing offered", _say("TellMeMoreIntent"),
         speech.FAQ_NOTHING_MORE),
    # --- the symptom check ---
    Case("SymptomCheckHandler", "start", _say("SymptomCheckIntent"), speech.SYMPTOM_INTRO),
    Case("SymptomAnswerHandler", "the next question",
         _then(_say("SymptomCheckIntent"), _say("AMAZON.NoIntent")),
         speech.SYMPTOM_QUESTIONS["persisting"]),
    Case("SymptomAnswerHandler", "yes to an emergency sign",
         _then(_say("SymptomCheckIntent"), _say("AMAZON.YesIntent")), emergency=True),
    Case("SymptomAnswerHandler", "all clear", symptom_check, speech.SYMPTOM_ALL_CLEAR),
    Case("SymptomAnswerHandler", "one sign",
         lambda t: symptom_check(t, frozenset({"spreading"})), "two or three weeks"),
    Case("SymptomAnswerHandler", "two or more signs: the checklist's outcome",
         lambda t: symptom_check(t, frozenset({"persisting", "family_history"})),
         speech.SYMPTOM_CHECKLIST_OUTCOME),
    Case("SymptomAnswerHandler", "the checklist and a more urgent sign",
         lambda t: symptom_check(t, frozenset({"muscle_loss", "numbness_coordination"})),
         speech.SYMPTOM_CHECKLIST_OUTCOME),
    Case("SymptomAnswerHandler", "lost place",
         _then(lambda t: pending(t, "symptom_check", index=99), _say("AMAZON.YesIntent")),
         speech.SYMPTOM_LOST_PLACE),
    Case("SymptomStopHandler", "stop mid-check",
         _then(_say("SymptomCheckIntent"), _say("AMAZON.StopIntent")), speech.SYMPTOM_STOPPED),
    Case("SymptomRepeatHandler", "help mid-check",
         _then(_say("SymptomCheckIntent"), _say("AMAZON.HelpIntent")), speech.SYMPTOM_HELP),
    Case("SymptomRepeatHandler", "repeat mid-check",
         _then(_say("SymptomCheckIntent"), _say("AMAZON.RepeatIntent")),
         speech.SYMPTOM_QUESTIONS["urgent_signs"]),
    Case("SymptomUnsureHandler", "not sure, then the next question",
         _then(lambda t: (t.intent("SymptomCheckIntent"), t.intent("AMAZON.NoIntent")),
               _say("AMAZON.FallbackIntent")), speech.SYMPTOM_UNSURE),
    Case("SymptomUnsureHandler", "not sure at the last question",
         _then(lambda t: pending(t, "symptom_check", index=len(SYMPTOM_ITEMS) - 1),
               _say("AMAZON.FallbackIntent")), speech.SYMPTOM_DONE),
    Case("SymptomUnsureHandler", "lost place",
         _then(lambda t: pending(t, "symptom_check", index="x"), _say("AMAZON.FallbackIntent")),
         speech.SYMPTOM_LOST_PLACE),
    Case("SymptomQuestionHandler", "a question mid-check",
         _then(_say("SymptomCheckIntent"), _say("AskQuestionIntent", QUESTION)),
         speech.SYMPTOM_QUESTIONS["urgent_signs"]),
    # --- logging a twitch ---
    Case("LogTwitchHandler", "nothing said yet: delegate", asking_location),
    Case("LogTwitchHandler", "a sparse report: the side", asking_side, speech.ASK_SIDE),
    Case("LogTwitchHandler", "the first entry: saved, check-in offered",
         lambda t: t.log(dx.complete_slots()), speech.CHECKIN_OFFER),
    Case("LogTwitchHandler", "a later entry: saved",
         _then(logged, lambda t: t.log(dx.complete_slots())), "Saved: left calf"),
    Case("LogTwitchHandler", "a place not understood, then the place again",
         _then(asking_location,
               lambda t: t.log({"location": dx.location("blorp", None)}, state="IN_PROGRESS")),
         speech.REASK_LOCATION),
    Case("LogTwitchHandler", "a place never understood", _location_given_up,
         speech.LOCATION_GIVE_UP),
    Case("LogTwitchHandler", "not a diary thing",
         lambda t: t.log({"location": dx.location("set a timer", None)}),
         speech.NOT_A_DIARY_THING),
    Case("DiarySkipHandler", "skip a detail",
         _then(asking_side, _say("AMAZON.FallbackIntent")), speech.ASK_DURATION),
    Case("DiarySkipHandler", "skip the last detail: saved", _skip_to_save, "Saved: left calf"),
    Case("DiarySkipHandler", "yes instead of an answer",
         _then(asking_side, _say("AMAZON.YesIntent")), speech.ASK_SIDE),
    Case("DiarySkipHandler", "don't know where",
         _then(asking_location, _say("AMAZON.FallbackIntent")), speech.LOCATION_HINT),
    Case("DiarySkipHandler", "still don't know where",
         _then(lambda t: (asking_location(t), t.intent("AMAZON.FallbackIntent")),
               _say("AMAZON.NoIntent")), speech.LOCATION_UNKNOWN_END),
    Case("DiaryNeverMindHandler", "never mind a detail",
         _then(asking_side, _say("AMAZON.CancelIntent")), speech.DETAIL_SKIPPED),
    Case("DiaryCancelHandler", "stop while logging",
         _then(asking_location, _say("AMAZON.StopIntent")), speech.DRAFT_DROPPED),
    Case("DiaryRepairHandler", "help while logging",
         _then(asking_side, _say("AMAZON.HelpIntent")), speech.DIARY_HELP),
    Case("DiaryRepairHandler", "repeat while logging",
         _then(asking_side, _say("AMAZON.RepeatIntent")), speech.ASK_SIDE),
    Case("DiaryRepairHandler", "a question while logging",
         _then(asking_side, _say("AskQuestionIntent", QUESTION)), speech.ASK_SIDE),
    # --- the daily question and the check-in offer ---
    Case("DailyCheckAnswerHandler", "yes: log it",
         _then(lambda t: (_step_back_a_day(t), t.launch()), _say("AMAZON.YesIntent")),
         speech.ASK_LOCATION),
    Case("DailyCheckAnswerHandler", "no: a quiet day",
         _then(lambda t: (_step_back_a_day(t), t.launch()), _say("AMAZON.NoIntent")),
         speech.QUIET_DAY_NOTED),
    Case("CheckinOfferAnswerHandler", "no",
         _then(lambda t: t.log(dx.complete_slots()), _say("AMAZON.NoIntent")),
         speech.CHECKIN_DECLINED),
    Case("CheckinOfferAnswerHandler", "yes, without the permission",
         _then(lambda t: t.log(dx.complete_slots()), _say("AMAZON.YesIntent")),
         speech.CHECKIN_NEEDS_PERMISSION),
    Case("CheckinOfferAnswerHandler", "yes, reminder set",
         _then(lambda t: t.log(dx.complete_slots()), _say("AMAZON.YesIntent", granted=True)),
         "I'll remind you to check in"),
    Case("CheckinOfferAnswerHandler", "yes, the reminders API fails",
         _then(lambda t: (t.log(dx.complete_slots()), setattr(t.cloud, "failing", True)),
               _say("AMAZON.YesIntent", granted=True)), reminder_speech.FAILED),
    # --- the diary's history ---
    Case("LastTwitchHandler", "empty diary", _say("LastTwitchIntent"), speech.NO_ENTRIES),
    Case("LastTwitchHandler", "the last twitch", _then(logged, _say("LastTwitchIntent")),
         "Your last twitch: left calf"),
    Case("CountTwitchesHandler", "this week",
         _then(logged,
               _say("CountTwitchesIntent", {"period": dx.period("this week", "this_week")})),
         "You logged 1 twitch this week"),
    Case("CountTwitchesHandler", "at a place",
         _then(logged, _say("CountTwitchesIntent", {"location": dx.location("calf", "calf")})),
         "in your calf"),
    Case("CountTwitchesHandler", "a period not understood",
         _say("CountTwitchesIntent", {"period": dx.period("fortnight thing", None)}),
         speech.DATE_UNSUPPORTED),
    Case("DiaryQuestionHandler", "a count asked in a question intent's words",
         _then(logged, _say("AskHowIntent", {"question": "many twitches have i had this week"})),
         "You logged 1 twitch this week"),
    Case("TwitchPatternsHandler", "too few entries", _say("TwitchPatternsIntent"),
         speech.PATTERN_TOO_FEW),
    Case("TwitchPatternsHandler", "patterns",
         _then(lambda t: logged(t, MIN_FOR_PATTERNS), _say("TwitchPatternsIntent")), "Across"),
    Case("ReadEntriesHandler", "none today", _say("ReadEntriesIntent"), "no twitches logged"),
    Case("ReadEntriesHandler", "today's entries", _then(logged, _say("ReadEntriesIntent")),
         "you logged 1 twitch"),
    Case("DeleteLastEntryHandler", "empty diary", _say("DeleteLastEntryIntent"),
         speech.NO_ENTRIES),
    Case("DeleteLastEntryHandler", "confirm", _then(logged, _say("DeleteLastEntryIntent")),
         "Delete your last entry"),
    Case("DeleteLastAnswerHandler", "yes",
         _then(lambda t: (logged(t), t.intent("DeleteLastEntryIntent")), _say("AMAZON.YesIntent")),
         speech.DELETED_LAST),
    Case("DeleteLastAnswerHandler", "no",
         _then(lambda t: (logged(t), t.intent("DeleteLastEntryIntent")), _say("AMAZON.NoIntent")),
         speech.NOT_DELETED),
    Case("DeleteLastAnswerHandler", "already gone",
         _then(lambda t: pending(t, "delete_last", id="x", at="never"), _say("AMAZON.YesIntent")),
         speech.ALREADY_GONE),
    Case("DeleteAllDataHandler", "confirm", _say("DeleteAllDataIntent"), speech.CONFIRM_DELETE_ALL),
    Case("DeleteAllAnswerHandler", "yes",
         _then(_say("DeleteAllDataIntent"), _say("AMAZON.YesIntent")), speech.DELETED_ALL),
    Case("DeleteAllAnswerHandler", "no",
         _then(_say("DeleteAllDataIntent"), _say("AMAZON.NoIntent")), speech.KEPT_ALL),
    Case("RepeatAdviceHandler", "no advice yet", _say("RepeatAdviceIntent"), speech.NO_ADVICE_YET),
    Case("RepeatAdviceHandler", "advice heard before",
         _then(_advice_heard, _say("RepeatAdviceIntent")), "advice for spreading"),
    # --- the report ---
    Case("ReportHandler", "a code", _say("ReportIntent"), "Your report code is"),
    Case("ReportHandler", "no free code",
         _then(lambda t: failing_store(t, "report.issue_report_code", ReportCodeError("full")),
               _say("ReportIntent")), speech.REPORT_CODE_FAILED),
    Case("WeeklySummaryHandler", "an empty week", _say("WeeklySummaryIntent"),
         "No twitches logged in the last seven days."),
    Case("WeeklySummaryHandler", "a week with twitches",
         _then(logged, _say("WeeklySummaryIntent")), speech.WEEKLY_END),
    # --- reminders and the permission they need ---
    Case("SetLoggingReminderHandler", "no time said", _say("SetLoggingReminderIntent"),
         reminder_speech.ASK_TIME),
    Case("SetLoggingReminderHandler", "no permission yet",
         _say("SetLoggingReminderIntent", {"time": "20:00"}), reminder_speech.NEED_PERMISSION),
    Case("SetLoggingReminderHandler", "set",
         _say("SetLoggingReminderIntent", {"time": "20:00"}, granted=True), "every day at 8 PM"),
    Case("SetLoggingReminderHandler", "the reminders API fails",
         _then(lambda t: setattr(t.cloud, "failing", True),
               _say("SetLoggingReminderIntent", {"time": "20:00"}, granted=True)),
         reminder_speech.FAILED),
    Case("PermissionAnswerHandler", "accepted: the reminder asked for",
         _then(_reminder_wanted, lambda t: permission_answer(t, "ACCEPTED")),
         "every day at 8 PM"),
    Case("PermissionAnswerHandler", "accepted, nothing asked for",
         lambda t: permission_answer(t, "ACCEPTED"), reminder_speech.ALLOWED),
    Case("PermissionAnswerHandler", "denied",
         _then(_reminder_wanted, lambda t: permission_answer(t, "DENIED")),
         reminder_speech.DECLINED),
    Case("PermissionAnswerHandler", "not answered",
         _then(_reminder_wanted, lambda t: permission_answer(t, "NOT_ANSWERED")),
         reminder_speech.DECLINED),
    # --- failures ---
    Case("StoreUnavailableHandler", "Redis does not answer",
         _then(lambda t: failing_store(t, "diary.last_episode", StoreUnavailable("down")),
               _say("LastTwitchIntent")), speech.STORE_DOWN),
    Case("CatchAllExceptionHandler", "a bug",
         _then(lambda t: failing_store(t, "diary.last_episode", RuntimeError("bug")),
               _say("LastTwitchIntent")), speech.SORRY),
)  # fmt: skip


# --- recording which handler answered ---


def _recording(handle: Callable[..., Response], name: str, seen: list[str]) -> Any:
    def recorded(*args: Any) -> Response:
        seen.append(name)
        return handle(*args)

    return recorded


@pytest.fixture
def handled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The class names of the handlers that answered, in order (request and exception)."""
    seen: list[str] = []
    build = handlers.request_handlers

    def recording_handlers(deps: SkillDeps) -> list[Any]:
        built = build(deps)
        for handler in built:
            handler.handle = _recording(handler.handle, type(handler).__name__, seen)
        return built

    monkeypatch.setattr(handlers, "request_handlers", recording_handlers)
    for cls in (errors.StoreUnavailableHandler, errors.CatchAllExceptionHandler):
        monkeypatch.setattr(cls, "handle", _recording(cls.handle, cls.__name__, seen))
    return seen


@pytest.fixture
def talk(
    request: pytest.FixtureRequest,
    handled: list[str],
    settings: Settings,
    store: Store,
    clock: TestClock,
    settings_api: FakeSettingsApi,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Talk]:
    cloud = FakeCloud(settings, clock=clock)
    app = create_app(settings, clock=clock, store=store, alexa_cloud=cloud)
    locale = getattr(request, "param", "en-US")
    yield Talk(app.test_client(), clock, settings_api.url, locale, store, cloud, monkeypatch)


# --- what a reply must do ---


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", text.strip()) if s]


def asks(text: str) -> bool:
    """The reply ends with a question, or with a question and a hint at how to answer it."""
    sentences = _sentences(text)
    while len(sentences) > 1 and HINT.match(sentences[-1]):
        sentences.pop()
    return bool(sentences) and sentences[-1].endswith("?")


def check_reply(case: Case, body: dict[str, Any], locale: str) -> None:
    """The rules of issue 12, item 1, for one reply; failures name the handler and state."""
    name, response = case.id, body["response"]
    text = speech_text(response.get("outputSpeech")) if response.get("outputSpeech") else ""
    reprompt = response.get("reprompt")
    kinds = {d["type"] for d in response.get("directives") or []}
    ends = response.get("shouldEndSession") is True
    if case.expect is not None:
        assert case.expect in text, f"{name}: the walk did not reach its state: {text!r}"
    if case.silent:
        assert not text and reprompt is None, f"{name}: an event is answered in silence"
        return
    if "Dialog.Delegate" in kinds:
        assert not text and reprompt is None and not ends, f"{name}: Delegate lets Alexa ask"
        return
    if "Connections.SendRequest" in kinds:
        assert text and reprompt is None and not ends, f"{name}: Alexa asks for the permission"
        return
    assert text, f"{name}: says nothing"
    words = len(text.split())
    assert words <= MAX_WORDS, f"{name}: {words} words, more than {MAX_WORDS}: {text!r}"
    if case.emergency:
        urgent = {speech.emergency_advice(locale)[0]} | {
            speech.emergency(symptom, locale)[0] for symptom in speech.EMERGENCY_SYMPTOMS
        }
        assert ends, f"{name}: emergency advice ends the session"
        assert text in urgent, f"{name}: emergency advice is the urgent words alone: {text!r}"
        return
    if ends:
        assert text.endswith("Goodbye."), f"{name}: ends the session without a goodbye: {text!r}"
        return
    assert asks(text), f"{name}: keeps the session open but asks nothing: {text!r}"
    prompt = speech_text(reprompt["outputSpeech"]) if reprompt else ""
    assert prompt.strip(), f"{name}: keeps the session open without a reprompt"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_reply_asks_something_or_says_goodbye(
    case: Case, talk: Talk, handled: list[str]
) -> None:
    body = case.walk(talk)
    assert handled and handled[-1] == case.handler, (
        f"{case.id}: answered by {handled[-1] if handled else 'nothing'}, not {case.handler}"
    )
    check_reply(case, body, talk.locale)


EVERY_LOCALE = [c for c in CASES if c.emergency or c.handler in {"LaunchHandler", "HelpHandler"}]


@pytest.mark.parametrize("talk", LOCALES, indirect=True)
@pytest.mark.parametrize("case", EVERY_LOCALE, ids=lambda c: c.id)
def test_in_every_locale_too(case: Case, talk: Talk, handled: list[str]) -> None:
    """The emergency number changes with the locale; the rest must hold there as well."""
    body = case.walk(talk)
    assert handled[-1] == case.handler, case.id
    check_reply(case, body, talk.locale)


def test_the_table_covers_every_handler(settings: Settings, store: Store, clock: TestClock) -> None:
    deps = SkillDeps(settings=settings, store=store, clock=clock)
    built = {type(h).__name__ for h in handlers.request_handlers(deps)}
    built |= {errors.StoreUnavailableHandler.__name__, errors.CatchAllExceptionHandler.__name__}
    missing = built - {c.handler for c in CASES}
    assert not missing, f"add a case to CASES for each of {sorted(missing)}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Your last twitch: left calf, 2 minutes, this morning.", False),
        ("Your last twitch: left calf, 2 minutes, this morning. Anything else?", True),
        ("When was it? For example, this morning.", True),
        ("Saved. For example, this morning.", False),
        ("Where was it? I see.", False),
    ],
)
def test_asks_tells_a_question_from_a_statement(text: str, expected: bool) -> None:
    assert asks(text) is expected
