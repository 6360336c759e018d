"""Registry of intent names and slots: models and handlers are checked against it."""

from __future__ import annotations

HELP = "AMAZON.HelpIntent"
STOP = "AMAZON.StopIntent"
CANCEL = "AMAZON.CancelIntent"
NAVIGATE_HOME = "AMAZON.NavigateHomeIntent"
FALLBACK = "AMAZON.FallbackIntent"
YES = "AMAZON.YesIntent"
NO = "AMAZON.NoIntent"
REPEAT = "AMAZON.RepeatIntent"

# Built-in intents every model declares (AMAZON.*, no samples needed).
BUILT_IN: frozenset[str] = frozenset({HELP, STOP, CANCEL, NAVIGATE_HOME, FALLBACK, YES, NO, REPEAT})

# FAQ (interaction_models/source/faq.json).
ASK_QUESTION = "AskQuestionIntent"
QUESTION_SLOT = "question"  # AMAZON.SearchQuery: the whole question after a carrier phrase
TELL_ME_MORE = "TellMeMoreIntent"

# Custom intents: name -> slot names. Features add theirs here and in a model fragment.
SYMPTOM_CHECK = "SymptomCheckIntent"
REPEAT_ADVICE = "RepeatAdviceIntent"  # "what was my advice": the advice last spoken, again

CUSTOM: dict[str, frozenset[str]] = {
    SYMPTOM_CHECK: frozenset(),
    REPEAT_ADVICE: frozenset(),
    ASK_QUESTION: frozenset({QUESTION_SLOT}),
    TELL_ME_MORE: frozenset(),
}

# Reminders: "remind me every evening at eight to log my twitches".
SET_LOGGING_REMINDER = "SetLoggingReminderIntent"
TIME_SLOT = "time"
CUSTOM[SET_LOGGING_REMINDER] = frozenset({TIME_SLOT})


def all_intents() -> frozenset[str]:
    """Every intent name the skill declares."""
    return BUILT_IN | frozenset(CUSTOM)


# The twitch diary (interaction_models/source/diary.json).
LOG_TWITCH = "LogTwitchIntent"
LAST_TWITCH = "LastTwitchIntent"
COUNT_TWITCHES = "CountTwitchesIntent"
TWITCH_PATTERNS = "TwitchPatternsIntent"
READ_ENTRIES = "ReadEntriesIntent"
DELETE_LAST_ENTRY = "DeleteLastEntryIntent"
DELETE_ALL_DATA = "DeleteAllDataIntent"
LOG_TWITCH_SLOTS = ("location", "side", "duration", "time", "date", "triggers", "ago")
CUSTOM.update(
    {
        LOG_TWITCH: frozenset(LOG_TWITCH_SLOTS),
        LAST_TWITCH: frozenset({"location"}),
        COUNT_TWITCHES: frozenset({"period", "date", "location"}),
        TWITCH_PATTERNS: frozenset({"period", "date"}),
        READ_ENTRIES: frozenset({"period", "date"}),
        DELETE_LAST_ENTRY: frozenset(),
        DELETE_ALL_DATA: frozenset(),
    }
)

# The doctor-ready report (interaction_models/source/report.json).
REPORT = "ReportIntent"
WEEKLY_SUMMARY = "WeeklySummaryIntent"
CUSTOM.update({REPORT: frozenset(), WEEKLY_SUMMARY: frozenset()})

# Emergencies said as statements (interaction_models/source/emergency.json).
URGENT_SYMPTOM = "UrgentSymptomIntent"
SYMPTOM_SLOT = "symptom"
# Words around the symptom that may make it no emergency now ("but i'm fine now").
SYMPTOM_CONTEXT_SLOT = "context"
CUSTOM[URGENT_SYMPTOM] = frozenset({SYMPTOM_SLOT, "location", SYMPTOM_CONTEXT_SLOT})
