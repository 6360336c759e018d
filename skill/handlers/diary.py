"""Logging a twitch by voice: LogTwitchIntent and its dialog (Delegate, ElicitSlot).

With ``delegationStrategy: SKILL_RESPONSE`` every turn comes here. A missing
location on the first turn is delegated to Alexa (the dialog model holds its
prompt); after that the skill asks each optional detail once with ElicitSlot, and
saves as soon as nothing is left to ask. A one-shot utterance with the place and at
least two details is saved on the first turn (``Draft.accept_as_told``). "Saved" is
said only after Redis acknowledged the write.
"""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_dialog_state, get_intent_name, get_locale
from ask_sdk_model import DialogState, Intent, IntentConfirmationStatus, Response, Slot
from ask_sdk_model.dialog import DelegateDirective, ElicitSlotDirective

from skill import intents, speech
from skill.episodes.entry import build_episode
from skill.episodes.keys import StoreUnavailable
from skill.episodes.store.diary import new_episode_id
from skill.episodes.wording import describe
from skill.handlers.base import (
    EntryFollowUp,
    IntentHandler,
    SkillDeps,
    say,
    session_attributes,
    set_pending,
    settle_notice_claim,
)
from skill.handlers.context import RequestContext, context_of
from skill.handlers.diary_draft import DRAFT, Draft
from skill.handlers.screen import add_screen
from skill.report import apl

log = logging.getLogger(__name__)

QUESTIONS = {
    "side": speech.ASK_SIDE,
    "duration": speech.ASK_DURATION,
    "time": speech.ASK_TIME,
    "triggers": speech.ASK_TRIGGERS,
}


def empty_log_intent() -> Intent:
    """LogTwitchIntent with no slot values: the draft in the session carries the answers."""
    slots = {name: Slot(name=name, confirmation_status="NONE") for name in intents.LOG_TWITCH_SLOTS}
    return Intent(
        name=intents.LOG_TWITCH, slots=slots, confirmation_status=IntentConfirmationStatus.NONE
    )


class DiaryDialog:
    """One turn of the logging dialog, shared by the intent handler and the skip handler."""

    def __init__(self, deps: SkillDeps, after_first_entry: EntryFollowUp | None = None) -> None:
        self._diary = deps.store.diary
        self._after_first_entry = after_first_entry

    def start(self, handler_input: HandlerInput) -> Response:
        """Begin logging with nothing known yet ("yes, I had a twitch today")."""
        return self.advance(handler_input, Draft(), empty_log_intent(), first_turn=False)

    def start_from_story(
        self, handler_input: HandlerInput, story: str, *, lead: str
    ) -> Response | None:
        """Begin an entry from a twitch told in a question's story, after ``lead`` (the
        answer): the place it names, its side and its causes (``Draft.merge_story``).
        None when the story names no place we know."""
        draft = Draft()
        draft.merge_story(story, get_locale(handler_input))
        if draft.location is None:
            return None
        set_pending(handler_input, None)
        return self.advance(handler_input, draft, empty_log_intent(), first_turn=False, lead=lead)

    def advance(
        self,
        handler_input: HandlerInput,
        draft: Draft,
        intent: Intent,
        *,
        first_turn: bool,
        lead: str | None = None,
    ) -> Response:
        """Ask the next question (after ``lead``, a brief answer to an off-path turn) or save."""
        moment = context_of(handler_input)
        question = draft.next_question(moment.today)
        if question == "location":
            return self._ask_location(handler_input, draft, intent, first_turn=first_turn,
                                      lead=lead)  # fmt: skip
        if question is not None:
            text = QUESTIONS[question]
            if question == "time" and draft.date is not None and "time" not in draft.unmatched:
                text = speech.ASK_DAY
            if question in draft.unmatched:
                text = f"{speech.DIDNT_CATCH} {text}"
            return self._elicit(handler_input, draft, intent, question, text, lead=lead)
        return self._save(handler_input, draft, moment)

    def repeat(self, handler_input: HandlerInput, draft: Draft, lead: str) -> Response:
        """``lead`` (a brief answer to an off-path turn), then the pending question again."""
        slot, intent = draft.eliciting, empty_log_intent()
        if slot is None or slot in draft.answered:
            return self.advance(handler_input, draft, intent, first_turn=False, lead=lead)
        if slot == "location":
            return self._ask_location(handler_input, draft, intent, first_turn=False, lead=lead)
        text = QUESTIONS.get(slot, speech.ASK_LOCATION)
        if slot == "time" and draft.date is not None:
            text = speech.ASK_DAY
        return self._elicit(handler_input, draft, intent, slot, text, lead=lead)

    def _ask_location(
        self,
        handler_input: HandlerInput,
        draft: Draft,
        intent: Intent,
        *,
        first_turn: bool,
        lead: str | None = None,
    ) -> Response:
        attrs = session_attributes(handler_input)
        if draft.location_given_up():
            Draft.clear(attrs)
            return say(handler_input, speech.LOCATION_GIVE_UP, end_session=True)
        if draft.location_unknown >= 2:
            # Asked twice and they cannot say where: end kindly rather than loop.
            Draft.clear(attrs)
            return say(handler_input, speech.LOCATION_UNKNOWN_END, end_session=True)
        if draft.location_unknown:
            return self._elicit(handler_input, draft, intent, "location", speech.LOCATION_HINT,
                                lead=lead)  # fmt: skip
        if first_turn and lead is None and "location" not in draft.unmatched:
            # Alexa asks with the dialog model's prompt and sends the answer back to us.
            draft.note_asked("location")
            draft.save(attrs)
            handler_input.response_builder.add_directive(DelegateDirective(updated_intent=intent))
            response: Response = handler_input.response_builder.response
            return response
        text = speech.REASK_LOCATION if "location" in draft.unmatched else speech.ASK_LOCATION
        return self._elicit(handler_input, draft, intent, "location", text, lead=lead)

    def _elicit(
        self,
        handler_input: HandlerInput,
        draft: Draft,
        intent: Intent,
        slot: str,
        text: str,
        *,
        lead: str | None = None,
    ) -> Response:
        # A repeated question (after help or a side question) is not a new try at the slot.
        if lead is None or draft.eliciting != slot:
            draft.note_asked(slot)
        draft.save(session_attributes(handler_input))
        directive = ElicitSlotDirective(updated_intent=intent, slot_to_elicit=slot)
        handler_input.response_builder.add_directive(directive)
        reprompt = text if slot == "location" else f"{text} {speech.SKIP_HINT}"
        return say(handler_input, f"{lead} {text}" if lead else text, reprompt=reprompt)

    def _save(self, handler_input: HandlerInput, draft: Draft, moment: RequestContext) -> Response:
        today, now, zone = moment.today, moment.now, moment.zone
        episode = build_episode(draft.said(today), episode_id=new_episode_id(), now=now, zone=zone)
        Draft.clear(session_attributes(handler_input))
        # What this reply claims (the first-use notice, the check-in offer) is claimed before
        # the save, so those writes go out with the entry: one round trip for the request's
        # writes (store/snapshot.py).
        settle_notice_claim(handler_input)
        try:
            follow_up = self._after_first_entry
            offer = follow_up(handler_input) if follow_up else None
        except StoreUnavailable:
            offer = None  # the save below says what the user hears when Redis is down
        # Raises StoreUnavailable when Redis does not acknowledge: then the user hears
        # that nothing was saved (errors.StoreUnavailableHandler), never "Saved".
        self._diary.add_episode(context_of(handler_input).user_key, episode, check_at=now)
        log.info("episode saved")
        text = speech.SAVED.format(entry=describe(episode, today))
        add_screen(handler_input, apl.TOKEN_SAVED, speech.SAVED_TITLE, [describe(episode, today)])
        if offer is not None:
            return offer(text, episode.started_at)
        # The task is done, so the session ends, with a goodbye (the card keeps just the entry).
        return say(handler_input, f"{text} {speech.SIGN_OFF}", end_session=True, card_text=text)


class LogTwitchHandler(IntentHandler):
    intent_names = frozenset({intents.LOG_TWITCH})

    def __init__(self, dialog: DiaryDialog) -> None:
        self._dialog = dialog

    def handle(self, handler_input: HandlerInput) -> Response:
        attrs = session_attributes(handler_input)
        state = get_dialog_state(handler_input)
        first_turn = state in (None, DialogState.STARTED)
        draft = Draft() if first_turn else Draft.load(attrs)
        if first_turn:
            set_pending(handler_input, None)  # a new entry drops any unanswered yes/no
        intent = handler_input.request_envelope.request.intent
        draft.merge(intent.slots, answering=None if first_turn else draft.eliciting,
                    locale=get_locale(handler_input))  # fmt: skip
        if first_turn and _nothing_understood(draft, intent):
            # "set a timer" captured as a place: a request we don't do, never a log.
            return say(handler_input, speech.NOT_A_DIARY_THING, reprompt=speech.HELP_REPROMPT)
        if first_turn:
            draft.accept_as_told()
        return self._dialog.advance(handler_input, draft, intent, first_turn=first_turn)


def _nothing_understood(draft: Draft, intent: Intent) -> bool:
    """The first turn named a 'place' we could not match even on a second look, and nothing else."""
    said_something = any(getattr(slot, "value", None) or getattr(slot, "slot_value", None)
                         for slot in (intent.slots or {}).values())  # fmt: skip
    return said_something and draft.unmatched == ["location"] and not draft.answered


def _drafting(handler_input: HandlerInput) -> bool:
    draft = session_attributes(handler_input).get(DRAFT)
    return isinstance(draft, dict) and bool(draft.get("eliciting"))


class DiarySkipHandler(IntentHandler):
    """Skip, "I don't know" or "no" while the diary asks a detail: move on to the next one.

    Alexa often routes such answers to FallbackIntent (or NoIntent) instead of the
    elicited slot; the draft in the session lets the dialog go on regardless. A bare
    "yes" ("anything that set it off?" - "yes") gets the question once more.
    """

    intent_names = frozenset({intents.FALLBACK, intents.NO, intents.YES})

    def __init__(self, dialog: DiaryDialog) -> None:
        self._dialog = dialog

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and _drafting(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        draft = Draft.load(session_attributes(handler_input))
        if get_intent_name(handler_input) == intents.YES:
            draft.unmatched = [draft.eliciting] if draft.eliciting else []
        elif draft.eliciting == "location":
            # "I don't know" / "no idea" at the place often arrives as Fallback or No: help
            # with a hint once, then end without saving (location_unknown bounds the loop).
            draft.unmatched = []
            draft.location_unknown += 1
        else:
            draft.skip()
        return self._dialog.advance(handler_input, draft, empty_log_intent(), first_turn=False)


class DiaryCancelHandler(IntentHandler):
    """Stop, or Cancel ("never mind") with nothing to save yet: say clearly nothing was saved.

    "Never mind" at a detail question skips that detail instead (DiaryNeverMindHandler):
    people say it about the question, and the place they already gave is worth keeping.
    """

    intent_names = frozenset({intents.STOP, intents.CANCEL})

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and _drafting(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        Draft.clear(session_attributes(handler_input))
        return say(handler_input, speech.DRAFT_DROPPED, end_session=True)


class DiaryNeverMindHandler(IntentHandler):
    """Cancel at a detail question (the place is known): skip that detail and go on."""

    intent_names = frozenset({intents.CANCEL})

    def __init__(self, dialog: DiaryDialog) -> None:
        self._dialog = dialog

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not (super().can_handle(handler_input) and _drafting(handler_input)):
            return False
        draft = Draft.load(session_attributes(handler_input))
        return draft.location is not None and draft.eliciting != "location"

    def handle(self, handler_input: HandlerInput) -> Response:
        draft = Draft.load(session_attributes(handler_input))
        draft.skip()
        return self._dialog.advance(handler_input, draft, empty_log_intent(), first_turn=False,
                                    lead=speech.DETAIL_SKIPPED)  # fmt: skip
