"""RepeatAdviceIntent: "what was my advice" plays the advice last spoken, at any time.

Advice from the scheduler (or the symptom check) is spoken once; the store keeps what was
spoken last, so the user can hear it again in any later session.
"""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill import intents, speech
from skill.handlers.base import IntentHandler, SkillDeps, say, user_key


class RepeatAdviceHandler(IntentHandler):
    intent_names = frozenset({intents.REPEAT_ADVICE})

    def __init__(self, deps: SkillDeps) -> None:
        self._store = deps.store

    def handle(self, handler_input: HandlerInput) -> Response:
        advice = self._store.last_advice(user_key(handler_input, self._store))
        if not advice:
            return say(handler_input, speech.NO_ADVICE_YET, reprompt=speech.WHAT_NEXT)
        text = speech.LAST_ADVICE.format(advice=" ".join(a.speech for a in advice))
        return say(handler_input, text, reprompt=speech.WHAT_NEXT)
