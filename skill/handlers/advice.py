"""RepeatAdviceIntent: "what was my advice" plays the advice last spoken, at any time.

Advice from the scheduler (or the symptom check) is spoken once; the store keeps what was
spoken last, so the user can hear it again in any later session. Like every reply it keeps
within speech.MAX_WORDS: the most urgent first, the rest on the card.
"""

from __future__ import annotations

from collections.abc import Callable

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill import intents, speech
from skill.episodes.advice import Advice
from skill.handlers.base import IntentHandler, SkillDeps, say
from skill.handlers.context import context_of


def fitting(advice: list[Advice], reply: Callable[[list[Advice]], str]) -> list[Advice]:
    """The most urgent advice, and as much more as ``reply`` (the whole reply spoken with
    the advice chosen) keeps within speech.MAX_WORDS."""
    chosen = advice[:1]
    for more in advice[1:]:
        if len(reply([*chosen, more]).split()) > speech.MAX_WORDS:
            break
        chosen.append(more)
    return chosen


class RepeatAdviceHandler(IntentHandler):
    intent_names = frozenset({intents.REPEAT_ADVICE})

    def __init__(self, deps: SkillDeps) -> None:
        self._advice = deps.store.advice

    def handle(self, handler_input: HandlerInput) -> Response:
        advice = self._advice.last_advice(context_of(handler_input).user_key)
        if not advice:
            return say(handler_input, speech.NO_ADVICE_YET, reprompt=speech.WHAT_NEXT)
        said = fitting(advice, lambda chosen: _last_advice(chosen, left_out=chosen != advice))
        text = _last_advice(said, left_out=said != advice)
        card = speech.LAST_ADVICE.format(advice=" ".join(a.speech for a in advice), more="")
        return say(handler_input, text, reprompt=speech.WHAT_NEXT, card_text=card)


def _last_advice(advice: list[Advice], *, left_out: bool) -> str:
    more = f"{speech.LAST_ADVICE_MORE_IN_APP} " if left_out else ""
    return speech.LAST_ADVICE.format(advice=" ".join(a.speech for a in advice), more=more)
