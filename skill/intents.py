"""Registry of intent names and slots: models and handlers are checked against it."""

from __future__ import annotations

HELP = "AMAZON.HelpIntent"
STOP = "AMAZON.StopIntent"
CANCEL = "AMAZON.CancelIntent"
NAVIGATE_HOME = "AMAZON.NavigateHomeIntent"
FALLBACK = "AMAZON.FallbackIntent"
YES = "AMAZON.YesIntent"
NO = "AMAZON.NoIntent"

# Built-in intents every model declares (AMAZON.*, no samples needed).
BUILT_IN: frozenset[str] = frozenset({HELP, STOP, CANCEL, NAVIGATE_HOME, FALLBACK, YES, NO})

# FAQ (interaction_models/source/faq.json).
ASK_QUESTION = "AskQuestionIntent"
QUESTION_SLOT = "question"  # AMAZON.SearchQuery: the whole question after a carrier phrase
TELL_ME_MORE = "TellMeMoreIntent"

# Custom intents: name -> slot names. Features add theirs here and in a model fragment.
SYMPTOM_CHECK = "SymptomCheckIntent"

CUSTOM: dict[str, frozenset[str]] = {
    SYMPTOM_CHECK: frozenset(),
    ASK_QUESTION: frozenset({QUESTION_SLOT}),
    TELL_ME_MORE: frozenset(),
}


def all_intents() -> frozenset[str]:
    """Every intent name the skill declares."""
    return BUILT_IN | frozenset(CUSTOM)
