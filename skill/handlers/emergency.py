"""UrgentSymptomIntent: an emergency said as a statement ("my husband's speech is slurred").

The model's samples are statements of something happening now, so a symptom slot
that resolved to one of our symptom ids is urgent advice at once, unless the context
slot holds words said around it ("but i'm fine now", "just curious"): then the
emergency rules read symptom and context together. Words outside the
type ("i'm having trouble sleeping") are not assumed to be urgent: they go through the
emergency rules and the question answerer like any question, which is calm unless the
rules find an emergency.
"""

from __future__ import annotations

from functools import cache

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_locale, get_slot
from ask_sdk_model import Response

from skill import intents, speech
from skill.episodes.slots import resolve_slot
from skill.episodes.vocabulary import resolved, type_index
from skill.faq.answerer import emergency_reply, find_emergency
from skill.faq.emergency import RULES, Emergency, names_a_symptom
from skill.handlers.base import say
from skill.handlers.faq import AskQuestionHandler, speak_emergency
from skill.handlers.urgent_context import figurative

SYMPTOM_TYPE = "URGENT_SYMPTOM"
# Context words that make no reading of the symptom calm: a negation on its own is the
# glue of a clause ("he's not breathing"), not a denial of the symptom.
_NO_CONTEXT = frozenset({"not", "no", "never", "isn't", "is not", "and", "but"})
SECOND_LOOK_WORDS = 5


class UrgentSymptomHandler(AskQuestionHandler):
    intent_names = frozenset({intents.URGENT_SYMPTOM})

    def handle(self, handler_input: HandlerInput) -> Response:
        # A symptom said with another ("fits, full body shaking") is no value as a whole
        # (Alexa sends no match): the second look finds the known symptom inside it. A
        # longer text is a sentence ("my foot went numb from sitting on it, fine now"):
        # the rules read it whole, calm where it says so.
        slot = get_slot(handler_input, intents.SYMPTOM_SLOT)
        said = resolve_slot(slot)
        context = get_slot(handler_input, intents.SYMPTOM_CONTEXT_SLOT)
        around = (context.value or "").strip() if context is not None else ""
        if figurative(context):
            # "nearly passed out from boredom": nothing to alarm about, and nothing we know.
            return say(handler_input, speech.FAQ_DECLINE, reprompt=speech.FAQ_ASK_REPROMPT)
        if around.lower() in _NO_CONTEXT:
            around = ""  # a lone "not" heard beside the symptom says nothing about it
        if around:
            # Said with words that may make it no emergency now ("breathless after my run,
            # but fine now", "droopy from the dentist", "just curious"): the rules read all
            # of them, as they read a whole line, and alarm unless the words say otherwise.
            symptom = " ".join(r.spoken for r in said)
            return self.answer(handler_input, f"{symptom} {around}", asking=False)
        locale = get_locale(handler_input)
        if sum(len(r.spoken.split()) for r in said) <= SECOND_LOOK_WORDS:
            said = resolved(slot, SYMPTOM_TYPE, locale)
        for symptom in said:
            if symptom.id in RULES:
                reply = emergency_reply(Emergency(symptom.id), locale)
                return speak_emergency(handler_input, reply)
        text = " ".join(r.spoken for r in said)
        found = _known_symptom_inside(text, locale)
        if found is not None:
            return speak_emergency(handler_input, emergency_reply(found, locale))
        return self.answer(handler_input, text, asking=False)


def _known_symptom_inside(text: str, locale: str | None) -> Emergency | None:
    """A sentence the rules found nothing urgent in, but with one of the type's symptoms
    inside it in words the rules do not know ("... keeled over in the garden ..."): the
    rules read it again with that symptom said in words they know, in front, so every
    calm reading they make of the rest (over, long ago, wondered about, pressed on) still
    holds."""
    symptom = type_index(locale, SYMPTOM_TYPE).lookup(text)
    if symptom not in RULES or names_a_symptom(text):
        # The rules saw a symptom and read it as calm (denied, over, wondered about):
        # that reading stands.
        return None
    return find_emergency(f"{_plain_words(locale, symptom)} {text}")


@cache
def _plain_words(locale: str | None, symptom: str) -> str:
    """The shortest of the symptom's own values that the rules alone name as it."""
    index = type_index(locale, SYMPTOM_TYPE)
    forms = sorted((form for form, value in index.forms.items() if value == symptom), key=len)
    return next((f for f in forms if find_emergency(f) == Emergency(symptom)), symptom)
