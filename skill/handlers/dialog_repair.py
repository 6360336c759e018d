"""Off-path turns inside a dialog: a brief answer, then the pending question again.

In the middle of logging a twitch or the symptom check, people ask for help or ask a
question ("what do you mean", "is this serious?"). Answering and then forgetting where we
were is how the user's next answer got lost. These handlers answer briefly and ask the
pending question again; the draft (or the symptom question) in the session is kept.
Emergencies are still answered first (faq.EmergencyHandler is registered before these).
"""

from __future__ import annotations

from collections.abc import Callable

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, get_locale, get_slot
from ask_sdk_model import Response

from skill import intents, speech
from skill.faq.answerer import Answerer, ReplyKind
from skill.handlers import symptoms
from skill.handlers.base import IntentHandler, LoggingDialog, pending_kind, session_attributes
from skill.handlers.diary_draft import DRAFT, Draft

AnswererSource = Callable[[], Answerer]


def brief_answer(answerer: AnswererSource, handler_input: HandlerInput) -> str | None:
    """The FAQ answer to the question slot, without its "want to hear more?" offer.

    None when the words are not a question we answer ("what do you mean" arrives here
    through the carrier "what ..."): then the caller explains the pending question instead.
    """
    slot = get_slot(handler_input, intents.QUESTION_SLOT)
    words = getattr(slot, "value", None)
    question = intents.asked_question(get_intent_name(handler_input), words)
    if not question:
        return None
    reply = answerer().reply(question, get_locale(handler_input))
    if reply.kind is not ReplyKind.ANSWER or reply.topic is None:
        return None
    return reply.topic.answer  # the offer of more would be a second pending question


def _drafting(handler_input: HandlerInput) -> bool:
    draft = session_attributes(handler_input).get(DRAFT)
    return isinstance(draft, dict) and bool(draft.get("eliciting"))


class DiaryRepairHandler(IntentHandler):
    """Help, "repeat" or a question while the diary asks something: answer, then ask it again."""

    intent_names = frozenset({intents.HELP, intents.REPEAT, *intents.ASK_INTENTS})

    def __init__(self, logging_dialog: LoggingDialog, answerer: AnswererSource) -> None:
        self._dialog = logging_dialog
        self._answerer = answerer

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and _drafting(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        draft = Draft.load(session_attributes(handler_input))
        name = get_intent_name(handler_input)
        if name == intents.REPEAT:  # just the question again
            return self._dialog.repeat(handler_input, draft, "")
        lead = None
        if name in intents.ASK_INTENTS:
            lead = brief_answer(self._answerer, handler_input)
        return self._dialog.repeat(handler_input, draft, lead or speech.DIARY_HELP)


class SymptomQuestionHandler(IntentHandler):
    """A question in the middle of the symptom check: a brief answer, then the same question."""

    intent_names = intents.ASK_INTENTS

    def __init__(self, answerer: AnswererSource) -> None:
        self._answerer = answerer

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return (
            super().can_handle(handler_input)
            and pending_kind(handler_input) == symptoms.PENDING_KIND
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        lead = brief_answer(self._answerer, handler_input) or speech.SYMPTOM_HELP
        return symptoms.ask_again(handler_input, lead)
