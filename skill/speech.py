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

# --- The twitch diary ---
ASK_LOCATION = "Where was the twitch? For example, left eyelid or right calf."
REASK_LOCATION = "Sorry, I don't know that part of the body. Which muscle twitched?"
LOCATION_GIVE_UP = (
    "Sorry, I couldn't tell where the twitch was, so nothing was saved. "
    "Next time, try saying: my left calf twitched."
)
ASK_SIDE = "Left, right, or both sides?"
ASK_DURATION = "About how long did it last?"
ASK_TIME = "When was it? For example, this morning."
ASK_DAY = "Which day was it? For example, yesterday evening."
ASK_TRIGGERS = "Anything that might have set it off, like caffeine, stress or poor sleep?"
DIDNT_CATCH = "Sorry, I didn't catch that."
SKIP_HINT = "You can also say skip."
SAVED = "Saved: {entry}."
DRAFT_DROPPED = "Okay, I didn't save that twitch. Goodbye."

NO_ENTRIES = "Your diary is empty. To add an entry, say something like: my left calf twitched."
LAST_TWITCH = "Your last twitch: {entry}."
NO_ENTRIES_IN = "You have no twitches logged {period}."
COUNT = "You logged {twitches} {period}."
PATTERNS = "Across {twitches}: {findings}."
PATTERN_TOO_FEW = "I need a few more entries before I can see any patterns."
READ_ENTRIES = "{period}, you logged {twitches}. {entries}"
READ_MORE = "And {more} more."
DATE_UNSUPPORTED = "Sorry, I can't look up that date. Try today, this week, or this month."

CONFIRM_DELETE_LAST = "Delete your last entry: {entry}?"
DELETED_LAST = "Deleted."
NOT_DELETED = "Okay, I kept it."
CONFIRM_DELETE_ALL = (
    "This deletes your whole twitch diary and everything I keep about you. "
    "It can't be undone. Are you sure?"
)
DELETED_ALL = "Done. I deleted your diary and everything I kept about you. Goodbye."
KEPT_ALL = "Okay, I kept your diary."
ALREADY_GONE = "That entry was already gone."
