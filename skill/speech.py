"""Everything the skill says that is not an FAQ answer. Short sentences, easy to hear."""

from __future__ import annotations

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
    "Sorry, I can't help with that. I can answer questions about muscle twitches, "
    "like what causes them, self care, and when to see a doctor, "
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

# FAQ answers. Every decline says what the skill can help with.
FAQ_CAN_HELP_WITH = (
    "I can answer questions about muscle twitches: what causes them, self care, "
    "warning signs, and when to see a doctor."
)
FAQ_DECLINE = f"Sorry, I can't help with that one. {FAQ_CAN_HELP_WITH} What would you like to know?"
FAQ_DOSING = (
    "Sorry, I can't advise on doses of medicines or supplements. "
    "A doctor or pharmacist can help with that. "
    f"{FAQ_CAN_HELP_WITH} What would you like to know?"
)
FAQ_UNSURE = (
    "Sorry, I can't answer that one well. "
    f"{FAQ_CAN_HELP_WITH} Could you ask it another way?"
)
FAQ_ASK = "What would you like to know about muscle twitches?"
FAQ_ASK_REPROMPT = "For example, you can ask: what causes muscle twitches?"
FAQ_WANT_MORE = "Want to hear more?"
FAQ_MORE_REPROMPT = "Would you like to hear more? You can say yes, or ask another question."
FAQ_WHAT_ELSE = "What else would you like to know?"
FAQ_NO_MORE = "OK. What else would you like to know?"
FAQ_NOTHING_MORE = (
    "There's nothing more I was about to add. You can ask me another question about twitches."
)
FAQ_CARD_TITLE = "Muscle twitches"

EMERGENCY_CARD_TITLE = "Get help now"
EMERGENCY_SYMPTOMS = {
    "speech": "Slurred or difficult speech",
    "face": "A drooping face",
    "swallowing": "Trouble swallowing",
    "breathing": "Trouble breathing",
    "weakness": "Sudden weakness or paralysis",
    "stroke_or_seizure": "What you describe",
}


def emergency(symptom: str, number: str) -> str:
    """Urgent advice: short, the number early, no hedging about the skill itself."""
    what = EMERGENCY_SYMPTOMS.get(symptom, "What you describe")
    return (
        f"{what} can be a medical emergency. If this is happening now, call {number} right away, "
        "or ask someone near you to call. Don't wait to see if it passes."
    )
