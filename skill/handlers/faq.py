"""FAQ handlers: emergencies from any slot text, questions (a twitch told in one is handed to
the logging dialog), and "tell me more" follow-ups."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import timedelta
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, get_locale, get_request_type, get_slot
from ask_sdk_model import Response

from skill import intents, speech
from skill.episodes.slots import parse_duration
from skill.faq.answerer import Answerer, Reply, ReplyKind, emergency_reply, find_emergency
from skill.faq.emergency import reads_calm
from skill.handlers.base import (
    NOTICE_CLAIM,
    PENDING,
    IntentHandler,
    LoggingDialog,
    PendingAnswerHandler,
    say,
    session_attributes,
    set_pending,
)
from skill.handlers.urgent_context import figurative

log = logging.getLogger(__name__)

AnswererSource = Callable[[], Answerer]  # returns the (cached) answerer when first needed
FAQ_MORE = "faq_more"  # pending kind: "Want to hear more?" was asked about pending["topic"]
LAST_TOPIC = "faq_topic"  # session attribute: the topic answered last, for follow-ups
_FOUND = "faq_emergency"  # request attribute: what EmergencyHandler.can_handle found


def _slot_texts(handler_input: HandlerInput) -> Iterator[str]:
    """Every spoken value of every slot of the intent (simple and multi-value slots)."""
    intent = getattr(handler_input.request_envelope.request, "intent", None)
    for slot in (getattr(intent, "slots", None) or {}).values():
        if slot is None:
            continue
        if slot.value:
            yield str(slot.value)
        for item in getattr(slot.slot_value, "values", None) or ():
            if getattr(item, "value", None):
                yield str(item.value)


# How far back a moment said as "{ago} ago" is history, not something happening now, and the
# words the emergency rules read as such.
LONG_AGO = timedelta(days=7)
LONG_AGO_WORDS = "weeks ago"
LONGEST_AGO_SECONDS = 200 * 365 * 86400


def _said_long_ago(slots: Mapping[str, Any]) -> bool:
    """Whether the intent's "{ago} ago" slot says a week or more ago."""
    ago = slots.get(intents.AGO_SLOT)
    seconds = parse_duration(getattr(ago, "value", None), most=LONGEST_AGO_SECONDS)
    return seconds is not None and seconds >= LONG_AGO.total_seconds()


# A twitch told, not asked about: a twitch word said of the speaker's own body ("my calf
# has been twitching", "i had a twitch in my thumb"), or a request to log it.
_TWITCH_WORD = re.compile(
    r"\b(?:twitch\w*|flicker\w*|jump(?:s|ed|ing)|spasm\w*|flutter\w*|puls(?:es|ed|ing)"
    r"|buzz(?:es|ed|ing)|tick(?:s|ed|ing)|going mad|acting up|playing up)\b"
)
# ... its teller first, after at most a few words of when ("this morning around seven my ...").
_TOLD = re.compile(
    r"^(?:(?:so|um|well|okay|ok|hey|and) )*(?:\w+ ){0,6}?(?:my|i|i've|i'm|i've been|i have)\b"
)
_LOG_REQUEST = re.compile(r"\b(?:log|record|note|add|save|put down|write down) (?:it|that|this)\b")


def tells_a_twitch(intent_name: str | None, words: str) -> bool:
    """Whether a question's story is a twitch the speaker had: told before a question's
    ending ("..., is that normal"), or said with a request to log it."""
    said = words.lower()
    if not _TWITCH_WORD.search(said):
        return False
    if _LOG_REQUEST.search(said):
        return True
    return intent_name in intents.ASK_ENDINGS and _TOLD.search(said) is not None


def speak_emergency(handler_input: HandlerInput, reply: Reply) -> Response:
    set_pending(handler_input, None)
    # Nothing before emergency advice, not even the first-use notice.
    handler_input.attributes_manager.request_attributes.pop(NOTICE_CLAIM, None)
    log.info("faq: emergency advice given")
    # End the session: the person should be calling for help, not talking to a skill.
    return say(
        handler_input,
        reply.speech,
        end_session=True,
        card_title=speech.EMERGENCY_CARD_TITLE,
        card_text=reply.card,
    )


class EmergencyHandler(AbstractRequestHandler):  # type: ignore[misc]
    """FIRST handler: any IntentRequest whose slot text names an emergency symptom.

    Emergencies must be answered whatever intent Alexa picked for the words
    (a question, a diary entry, a free-text slot of any feature).
    """

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if get_request_type(handler_input) != "IntentRequest":
            return False
        intent = getattr(handler_input.request_envelope.request, "intent", None)
        # A question intent's words ask about a symptom (its carrier, if any, is not in them);
        # they are an emergency only if they also say it is happening now.
        name = getattr(intent, "name", None)
        asking = name in intents.ASK_INTENTS
        texts = list(_slot_texts(handler_input))
        if asking:
            # With its carrier given back ("what" + "if my face started drooping"), the
            # question reads as the question it is, as the answerer will read it.
            texts = [intents.asked_question(name, text) for text in texts]
        # Each value alone, then all together: a symptom may be split over slots, as in a
        # "log" of the face with "lopsided all of a sudden" heard as the trigger. Said with
        # words that may make it no emergency now (the symptom's context slot: "but i'm
        # fine now", "from the dentist"), only all together, as the rules read a line.
        slots = getattr(intent, "slots", None) or {}
        context = slots.get(intents.SYMPTOM_CONTEXT_SLOT)
        if figurative(context):
            return False  # "paralysed with boredom": a symptom's word meaning none
        if getattr(context, "value", None):
            # In the order said: the symptom, then the words around it.
            rest = [t for t in texts if t != context.value]
            texts = [" ".join([*rest, str(context.value)])]
        if _said_long_ago(slots):
            # "two years ago i couldn't breathe properly": Alexa hears the moment in its own
            # slot, so the rules are told it in words they read as over.
            texts = [" ".join([*texts, LONG_AGO_WORDS])]
        if len(texts) > 1 and reads_calm(" ".join(texts), asking=asking):
            # Read whole, the words mean no emergency ("laughed so hard he couldn't breathe"
            # heard as a place and a cause, "choked on my coffee ... fine now"): one slot's
            # words alone would lose what the rest says of them.
            return False
        for text in [*texts, " ".join(texts)] if len(texts) > 1 else texts:
            found = find_emergency(text, asking=asking)
            if found is not None:
                handler_input.attributes_manager.request_attributes[_FOUND] = found
                return True
        return False

    def handle(self, handler_input: HandlerInput) -> Response:
        found = handler_input.attributes_manager.request_attributes[_FOUND]
        return speak_emergency(handler_input, emergency_reply(found, get_locale(handler_input)))


def _speak_answer(handler_input: HandlerInput, reply: Reply) -> Response:
    topic = reply.topic
    if topic is not None:
        session_attributes(handler_input)[LAST_TOPIC] = topic.id
    text = reply.speech
    if reply.kind is ReplyKind.ANSWER and topic is not None and topic.follow_up:
        set_pending(handler_input, FAQ_MORE, topic=topic.id)  # the answer asks "want more?"
        reprompt = speech.FAQ_MORE_REPROMPT
    else:
        set_pending(handler_input, None)
        reprompt = speech.FAQ_WHAT_ELSE
        if reply.kind is ReplyKind.ANSWER:
            # An answer with nothing more to offer would end in silence: ask, briefly (the
            # answer itself may take up to 60 words with its opener). Declines already ask.
            text = f"{text} {speech.ANYTHING_ELSE}"
    title = speech.FAQ_CARD_TITLE if reply.kind is ReplyKind.ANSWER else speech.CARD_TITLE
    return say(handler_input, text, reprompt=reprompt, card_title=title, card_text=reply.card)


class AskQuestionHandler(IntentHandler):
    """AskQuestionIntent and the carrier intents: the question is the carrier, if any, and
    the SearchQuery slot's words."""

    intent_names = intents.ASK_INTENTS

    def __init__(self, answerer: AnswererSource, logging: LoggingDialog | None = None) -> None:
        self._answerer = answerer
        self._logging = logging

    def handle(self, handler_input: HandlerInput) -> Response:
        slot = get_slot(handler_input, intents.QUESTION_SLOT)
        words = slot.value if slot is not None else None
        name = get_intent_name(handler_input)
        question = intents.asked_question(name, words)
        if words and self._logging is not None and tells_a_twitch(name, words):
            # "my left calf has been twitching all week, is that normal": the answer, then
            # the entry the story is, begun with the place it names.
            reply = self._answerer().reply(
                question, get_locale(handler_input), asking=True, context=None
            )
            if reply.kind is ReplyKind.ANSWER:
                logged = self._logging.start_from_story(handler_input, words, lead=reply.speech)
                if logged is not None:
                    return logged
        return self.answer(handler_input, question)

    def answer(
        self, handler_input: HandlerInput, question: str, *, asking: bool = True
    ) -> Response:
        """The answer to free text: emergency advice, a topic, or a decline. ``asking``:
        the words are a question (see ``find_emergency``)."""
        if not question.strip():
            return say(handler_input, speech.FAQ_ASK, reprompt=speech.FAQ_ASK_REPROMPT)
        last = session_attributes(handler_input).get(LAST_TOPIC)
        reply = self._answerer().reply(
            question,
            get_locale(handler_input),
            context=last if isinstance(last, str) else None,
            asking=asking,
        )
        log.info("faq: %s", reply.kind.value)  # the kind only; never the question
        if reply.kind is ReplyKind.EMERGENCY:  # normally caught by EmergencyHandler first
            return speak_emergency(handler_input, reply)
        return _speak_answer(handler_input, reply)


class MoreHandler(PendingAnswerHandler):
    """Yes / tell me more, after "Want to hear more?": the topic's follow-up."""

    intent_names = frozenset({intents.YES, intents.TELL_ME_MORE})
    pending = FAQ_MORE

    def __init__(self, answerer: AnswererSource) -> None:
        self._answerer = answerer

    def handle(self, handler_input: HandlerInput) -> Response:
        pending = session_attributes(handler_input).get(PENDING) or {}
        topic = self._answerer().topic(str(pending.get("topic", "")))
        set_pending(handler_input, None)
        if topic is None or not topic.follow_up:
            return say(handler_input, speech.FAQ_NOTHING_MORE, reprompt=speech.FAQ_WHAT_ELSE)
        return say(
            handler_input,
            f"{topic.follow_up} {speech.FAQ_WHAT_ELSE}",
            reprompt=speech.FAQ_WHAT_ELSE,
            card_title=speech.FAQ_CARD_TITLE,
            card_text=topic.follow_up,
        )


class NoMoreHandler(PendingAnswerHandler):
    """No, after "Want to hear more?"."""

    intent_names = frozenset({intents.NO})
    pending = FAQ_MORE

    def handle(self, handler_input: HandlerInput) -> Response:
        set_pending(handler_input, None)
        return say(handler_input, speech.FAQ_NO_MORE, reprompt=speech.FAQ_WHAT_ELSE)


class TellMeMoreWithoutTopicHandler(IntentHandler):
    """ "Tell me more" when nothing was offered."""

    intent_names = frozenset({intents.TELL_ME_MORE})

    def handle(self, handler_input: HandlerInput) -> Response:
        return say(handler_input, speech.FAQ_NOTHING_MORE, reprompt=speech.FAQ_ASK_REPROMPT)
