"""Everything the skill says that is not an FAQ answer. Short sentences, easy to hear."""

from __future__ import annotations

from collections.abc import Iterable

SKILL_NAME = "Muscle Twitch Diary"

NOTICE = (
    "Just so you know, I share general health information, not medical advice, "
    "so please check anything that worries you with a doctor."
)

WELCOME_FIRST = (
    "Welcome to Muscle Twitch Diary. You can ask me about muscle twitches, or log a twitch."
)
WELCOME_BACK = "Welcome back to Muscle Twitch Diary. Ask a question, or tell me about a twitch."
WHAT_NEXT = "What would you like to do?"

HELP = (
    "I can answer questions about muscle twitches, like what causes them or when to see a doctor. "
    "I can also keep a twitch diary: say something like, my left calf twitched for two minutes. "
    + NOTICE
    + " What would you like to do?"
)
HELP_REPROMPT = "Try asking, what causes muscle twitches?"

GOODBYE = "Take care. Goodbye."

FALLBACK = (
    "Sorry, I can't help with that. I can answer questions about muscle twitches "
    "and keep a diary of your twitches. What would you like to do?"
)
FALLBACK_REPROMPT = "You can ask what causes twitching, or say: log a twitch."

NOTHING_PENDING = (
    "I wasn't asking anything just then. You can ask about muscle twitches, or log a twitch."
)
UNKNOWN_REQUEST = "Sorry, I didn't get that. You can ask about muscle twitches, or log a twitch."

SORRY = "Sorry, something went wrong on my side. Please try again in a moment."
STORE_DOWN = (
    "Sorry, I can't reach your diary right now, so nothing was saved. "
    "Please try again later. You can still ask me questions about twitches."
)

CARD_TITLE = SKILL_NAME

NOT_A_DIAGNOSIS = "This is general information from your diary, not a diagnosis."


def advice_intro(suggestions: Iterable[str]) -> str:
    """The scheduler's suggestions, spoken first at the start of a session."""
    joined = " ".join(suggestions)
    return f"Before we start, a note from your twitch diary. {joined} {NOT_A_DIAGNOSIS}"
