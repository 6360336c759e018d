"""The skill's shared words: greetings, prompts, confirmations, diary and advice phrases."""

from __future__ import annotations

from collections.abc import Iterable

SKILL_NAME = "Muscle Twitch Diary"

NOTICE = (
    "Just so you know, I share general health information, not medical advice, "
    "so please check anything that worries you with a doctor."
)
# The same notice when the full one would take a reply past MAX_WORDS (a long answer to
# a new user's one-shot question).
NOTICE_BRIEF = "This is health information, not medical advice."
# No reply is longer: an ear holds little more.
MAX_WORDS = 60

WELCOME_FIRST = (
    "Welcome to Muscle Twitch Diary. You can ask me about muscle twitches, or log a twitch."
)
WELCOME_BACK_SHORT = "Welcome back."
WELCOME_BACK = (
    "Welcome back to Muscle Twitch Diary. "
    "What would you like to do: ask a question, or log a twitch?"
)
WHAT_NEXT = "What would you like to do?"
# After a finished answer in an open session: short, and a "no" to it ends the session
# (builtin.UnexpectedYesNoHandler), so it never leaves the user wondering whether to speak.
ANYTHING_ELSE = "Anything else?"

# At most 60 words, like every reply: what the skill does, how to say it, and the notice.
HELP = (
    "Ask me questions about muscle twitches, like what causes them. "
    "Or keep a diary: say, my left calf twitched for two minutes. "
    "Later, ask how was my week, or for a report. " + NOTICE + " What would you like to do?"
)
HELP_REPROMPT = "Try asking, what causes muscle twitches?"

# Every reply that ends the session ends with a goodbye, except emergency advice, which
# must stay urgent and be the last thing heard.
GOODBYE = "Take care. Goodbye."
SIGN_OFF = "Goodbye."

FALLBACK = (
    "Sorry, I can't help with that. I can answer questions about muscle twitches, "
    "like what causes them, self care, and when to see a doctor, "
    "and keep a diary of your twitches. What would you like to do?"
)
FALLBACK_REPROMPT = "You can ask what causes twitching, or say: log a twitch."

# A bare "yes" to an open question ("Anything else?", "What would you like to do?"): every
# open reply asks something now, so "I wasn't asking anything" would never be true.
NOTHING_PENDING = (
    "Okay. You can ask about muscle twitches, or log a twitch. What would you like to do?"
)
UNKNOWN_REQUEST = (
    "Sorry, I didn't get that. You can ask about muscle twitches, or log a twitch. "
    "What would you like to do?"
)

SORRY = "Sorry, something went wrong on my side. Could you say that again?"
STORE_DOWN = (
    "Sorry, I can't reach your diary right now, so nothing was saved. "
    "Please try again later. You can still ask me about twitches. What would you like to know?"
)

CARD_TITLE = SKILL_NAME

NOT_A_DIAGNOSIS = "This is general information from your diary, not a diagnosis."


# "What was my advice": the advice last spoken, again, then an open question.
LAST_ADVICE = (
    "Here is the advice I gave you last. {advice} {more}"
    + NOT_A_DIAGNOSIS
    + " What would you like to do?"
)
LAST_ADVICE_MORE_IN_APP = "The rest is on the card in the Alexa app."
NO_ADVICE_YET = (
    "I haven't given you any advice yet. I'll tell you if your diary shows something worth "
    f"checking with a doctor. {WHAT_NEXT}"
)


def advice_intro(suggestions: Iterable[str]) -> str:
    """The scheduler's suggestions, spoken first at the start of a session."""
    joined = " ".join(suggestions)
    return f"Before we start, a note from your twitch diary. {joined} {NOT_A_DIAGNOSIS}"


# The hands-free symptom check (skill/handlers/symptoms.py); questions keyed by
# skill/episodes/symptoms.py ids, each a short yes/no.
SYMPTOM_QUESTIONS: dict[str, str] = {
    "urgent_signs": (
        "Right now, do you have slurred speech, trouble swallowing or breathing, "
        "or sudden weakness?"
    ),
    "persisting": "Have your twitches gone on for more than two weeks, even with rest?",
    "spreading": "Have they spread to different parts of your body, like your face, arms or legs?",
    "muscle_loss": "Does a muscle look smaller where it twitches?",
    "weakness": (
        "Have you noticed weakness, like trouble gripping, climbing stairs, "
        "or getting up from a chair?"
    ),
    "progressive_weakness": "Is that weakness getting worse over time?",
    "numbness_coordination": "Do you have numbness, tingling, or trouble with coordination?",
    "family_history": (
        "Has anyone in your family had a muscle or nerve disease, like A L S or muscular dystrophy?"
    ),
}

SYMPTOM_INTRO = (
    "Let's go through a few quick yes or no questions. "
    "This is general information, not a diagnosis."
)
SYMPTOM_ANSWER_HINT = "Please answer yes or no."
SYMPTOM_DONE = "Thanks, that's all my questions."
SYMPTOM_ALL_CLEAR = (
    "Nothing you told me is among the usual warning signs. Most twitches are harmless and ease "
    "with rest, sleep and less caffeine. If they get worse, or something new appears, see a doctor."
)
SYMPTOM_NOT_A_DIAGNOSIS = "This is a suggestion, not a diagnosis."
# The checklist's outcome, as the article has it: two or more of its signs, a neurologist
# promptly. Spoken whenever the rules find it, even when a more urgent sign is said too.
SYMPTOM_CHECKLIST_OUTCOME = (
    "Two or more of these signs apply to you, so please see a neurologist promptly."
)
SYMPTOM_MORE_IN_APP = "I've put the other suggestions in the Alexa app."
SYMPTOM_STOPPED = (
    "Okay, let's stop the check here. I've kept the answers you gave. Take care. Goodbye."
)
SYMPTOM_LOST_PLACE = (
    "Sorry, I lost my place in the questions. To start again, say: "
    "should I see a doctor about my twitching?"
)
SYMPTOM_CARD_TITLE = "Twitching: when to see a doctor"

# Emergency numbers by locale: (spoken digit by digit, written on the card).
EMERGENCY_NUMBERS: dict[str, tuple[str, str]] = {
    "en-US": ("9 1 1", "911"),
    "en-CA": ("9 1 1", "911"),
    "en-GB": ("9 9 9", "999"),
    "en-AU": ("triple zero", "000"),
    "en-IN": ("1 1 2", "112"),
}
LOCAL_EMERGENCY_NUMBER = ("your local emergency number", "your local emergency number")


def emergency_advice(locale: str | None) -> tuple[str, str]:
    """Urgent advice after a yes to an emergency sign: (speech, card text)."""
    spoken, written = EMERGENCY_NUMBERS.get(locale or "", LOCAL_EMERGENCY_NUMBER)
    text = (
        "Those can be signs of an emergency. Please call {} now, "
        "or ask someone near you to call for you."
    )
    return text.format(spoken), text.format(written)


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
    f"Sorry, I can't answer that one well. {FAQ_CAN_HELP_WITH} Could you ask it another way?"
)
FAQ_ASK = "What would you like to know about muscle twitches?"
FAQ_ASK_REPROMPT = "For example, you can ask: what causes muscle twitches?"
FAQ_WANT_MORE = "Want to hear more?"
FAQ_MORE_REPROMPT = "Would you like to hear more? You can say yes, or ask another question."
FAQ_WHAT_ELSE = "What else would you like to know?"
FAQ_NO_MORE = "OK. What else would you like to know?"
FAQ_NOTHING_MORE = "There's nothing more I was about to add. What else would you like to know?"
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


def emergency(symptom: str, locale: str | None) -> tuple[str, str]:
    """Urgent advice for a symptom named in free text: (speech, card text).

    The FAQ cannot know whether the symptom is happening now, so it says "if"; the number
    comes from EMERGENCY_NUMBERS, with 911 when the locale is unknown.
    """
    what = EMERGENCY_SYMPTOMS.get(symptom, "What you describe")
    spoken, written = EMERGENCY_NUMBERS.get(locale or "", EMERGENCY_NUMBERS["en-US"])
    text = (
        "{} can be a medical emergency. If this is happening now, call {} right away, "
        "or ask someone near you to call. Don't wait to see if it passes."
    )
    return text.format(what, spoken), text.format(what, written)


# --- The twitch diary ---
ASK_LOCATION = "Where was the twitch? For example, left eyelid or right calf."
REASK_LOCATION = "Sorry, I don't know that part of the body. Which muscle twitched?"
LOCATION_GIVE_UP = (
    "Sorry, I couldn't tell where the twitch was, so nothing was saved. "
    "Next time, try saying: my left calf twitched. Goodbye."
)
ASK_SIDE = "Left, right, or both sides?"
ASK_DURATION = "About how long did it last?"
ASK_TIME = "When was it? For example, this morning."
ASK_DAY = "Which day was it? For example, yesterday evening."
ASK_TRIGGERS = "Anything that might have set it off, like caffeine, stress or poor sleep?"
DIDNT_CATCH = "Sorry, I didn't catch that."
SKIP_HINT = "You can also say skip."
# Saving ends the task: the reply ends the session with SIGN_OFF (or offers the check-in).
SAVED = "Saved: {entry}."
DRAFT_DROPPED = "Okay, I didn't save that twitch. Goodbye."
# Dialog repair inside the logging dialog.
LOCATION_HINT = (
    "That's fine. Roughly where was it: your face, an arm, a leg, or your body? "
    "If it was all over, say all over."
)
LOCATION_UNKNOWN_END = (
    "Okay, I haven't saved anything. When you know where it was, just say: log a twitch. Goodbye."
)
DIARY_HELP = (
    "I'm noting your twitch. Answer the question, say skip to leave a detail out, "
    "or say stop to leave without saving."
)
DETAIL_SKIPPED = "Okay, I'll leave that out."
NOT_A_DIARY_THING = (
    "Sorry, I can't do that. I can log a twitch, like: my left eyelid twitched, "
    "or answer questions about muscle twitches. What would you like to do?"
)
SYMPTOM_UNSURE = "That's okay, I'll leave that one."
SYMPTOM_HELP = (
    "I'm asking a few yes or no questions to see whether a doctor should look at your "
    "twitching. If you're not sure, say not sure and I'll move on."
)

# Diary answers end with a short question: the session stays open for the next one.
NO_ENTRIES = (
    "Your diary is empty. To start it, tell me about a twitch, like: my left calf twitched. "
    "What would you like to do?"
)
LAST_TWITCH = "Your last twitch: {entry}. Anything else?"
LAST_TWITCH_AT = "Your last twitch in your {place}: {entry}. Anything else?"
LAST_TWITCH_IN = "Your last twitch {period}: {entry}. Anything else?"
NO_ENTRIES_AT = "You haven't logged a twitch in your {place} yet. Anything else?"
NO_ENTRIES_IN = "You have no twitches logged {period}. Anything else?"
COUNT = "You logged {twitches} {period}. Anything else?"
COUNT_AT = "You logged {twitches} in your {place} {period}. Anything else?"
PATTERNS = "Across {twitches}: {findings}. Anything else?"
PATTERN_TOO_FEW = "I need a few more entries before I can see any patterns. Anything else?"
READ_ENTRIES = "{period}, you logged {twitches}. {entries} Anything else?"
READ_MORE = "And {more} more."
DATE_UNSUPPORTED = (
    "Sorry, I can't look up that date. You can ask about today, this week, or this month. "
    "What would you like to know?"
)

CONFIRM_DELETE_LAST = "Delete your last entry: {entry}?"
DELETED_LAST = "Deleted. Anything else?"
NOT_DELETED = "Okay, I kept it. Anything else?"
CONFIRM_DELETE_ALL = (
    "This deletes your whole twitch diary and everything I keep about you. "
    "It can't be undone. Are you sure?"
)
DELETED_ALL = "Done. I deleted your diary and everything I kept about you. Goodbye."
DELETED_ALL_BUT_REMINDERS = (
    "I deleted your diary and everything I kept about you, but I couldn't remove your "
    "reminders. You can delete them in the Alexa app. Goodbye."
)
KEPT_ALL = "Okay, I kept your diary. Anything else?"
ALREADY_GONE = "That entry was already gone. Anything else?"


# The two-week check-in, offered after the first entry (skill/handlers/checkin.py).
CHECKIN_OFFER = "Would you like a reminder to check in on your twitches in two weeks?"
CHECKIN_DECLINED = "Okay, no reminder. What else would you like to do?"
CHECKIN_NEEDS_PERMISSION = "For that reminder, I need your permission to set reminders."

# The daily logging prompt answered hands-free (skill/handlers/daily_check.py).
DAILY_QUESTION = "Did you have any twitches today?"
QUIET_DAY_NOTED = "Good to hear. I've noted a twitch-free day. Anything else?"

# The doctor-ready report (skill/handlers/report.py): a one-time code for the web page.
REPORT_CODE = (
    "Your report code is {digits}. Once more: {digits}. "
    "Open the report page shown in your Alexa app, and enter the code within {minutes}. "
    "It works once. Goodbye."
)
REPORT_CARD = (
    "Your report code: {code}\n"
    "Open {url} and enter it within {minutes}. It works once.\n"
    "Information, not medical advice."
)
REPORT_PAGE_FALLBACK = "the /report page of Muscle Twitch Diary"
REPORT_CODE_FAILED = (
    "Sorry, I couldn't make a report code just now. Please try again later. Goodbye."
)
WEEKLY_TITLE = "Your week"
WEEKLY_END = "Ask me for your report to see it all."  # then ANYTHING_ELSE
SAVED_TITLE = "Saved to your diary"
