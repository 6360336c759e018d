"""Registry of intent names and slots, and the generated interaction models they match.

The models are built by the dev kit (devkit/models/build.py) and checked against this
registry; the running skill only reads them (``load_model``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MODELS_DIR = Path(__file__).resolve().parent.parent / "interaction_models"
LOCALES: tuple[str, ...] = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")

Model = dict[str, Any]


def load_model(locale: str = "en-US", directory: Path = MODELS_DIR) -> Model:
    """A committed (generated) model."""
    model: Model = json.loads((directory / f"{locale}.json").read_text())
    return model


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
QUESTION_SLOT = "question"  # AMAZON.SearchQuery: the words after a carrier phrase
# Alexa leaves a sample's carrier words out of a SearchQuery slot, and an intent may have
# only one such slot. Where the carrier is part of the question ("why do calves twitch" is
# not "do calves twitch"), it has an intent of its own, whose one sample is
# "<carrier> {question}": the handler puts the carrier back in front of the slot's words.
# AskQuestionIntent keeps the carriers that add nothing ("tell me about ...").
ASK_CARRIERS: dict[str, str] = {
    "AskWhatIntent": "what", "AskWhatIsIntent": "what's", "AskWhyIntent": "why",
    "AskHowIntent": "how", "AskCanIntent": "can", "AskCouldIntent": "could",
    "AskDoesIntent": "does", "AskDoIntent": "do", "AskIsIntent": "is", "AskAreIntent": "are",
    "AskShouldIntent": "should", "AskWhenIntent": "when", "AskWhichIntent": "which",
    "AskWhereIntent": "where", "AskWillIntent": "will", "AskWhatAboutIntent": "what about",
    "AskWorriedAboutIntent": "I'm worried about", "AskWorriedThatIntent": "I'm worried that",
    "AskScaredThatIntent": "I'm scared that",
}  # fmt: skip
# A question told as a story ends with what it asks ("... what should i do"). The endings
# are grouped by meaning, an intent per group whose samples are "{question} <ending>"; the
# handler puts the group's plain ending after the story.
ASK_ENDINGS: dict[str, str] = {
    "AskWhatToDoIntent": "what should i do",
    "AskIsItSeriousIntent": "should i worry",
    # Apart from worry: "is that normal" is answered yes where "should i worry" is answered
    # no, and "should i see a doctor" has its own answers.
    "AskIsThatNormalIntent": "is that normal",
    "AskSeeADoctorIntent": "should i see a doctor",
    "AskWhatCausesItIntent": "what is causing it",
    "AskCouldThatBeItIntent": "could that be the cause",
    "AskWhatElseIntent": "what else",
}
# Every intent whose slot holds a question.
ASK_INTENTS: frozenset[str] = frozenset({ASK_QUESTION, *ASK_CARRIERS, *ASK_ENDINGS})
TELL_ME_MORE = "TellMeMoreIntent"

# Custom intents: name -> slot names. Features add theirs here and in a model fragment.
SYMPTOM_CHECK = "SymptomCheckIntent"
REPEAT_ADVICE = "RepeatAdviceIntent"  # "what was my advice": the advice last spoken, again

CUSTOM: dict[str, frozenset[str]] = {
    SYMPTOM_CHECK: frozenset(),
    REPEAT_ADVICE: frozenset(),
    TELL_ME_MORE: frozenset(),
}
CUSTOM.update(dict.fromkeys(ASK_INTENTS, frozenset({QUESTION_SLOT})))

# Reminders: "remind me every evening at eight to log my twitches".
SET_LOGGING_REMINDER = "SetLoggingReminderIntent"
TIME_SLOT = "time"
CUSTOM[SET_LOGGING_REMINDER] = frozenset({TIME_SLOT})


def asked_question(intent_name: str | None, words: str | None) -> str:
    """The question a question intent carries: its slot's words, after the carrier the
    intent stands for ("why" + "do calves twitch"), or before its ending ("my calf has
    twitched for a week" + "should i worry")."""
    words = (words or "").strip()
    if not words:
        return ""
    if carrier := ASK_CARRIERS.get(intent_name or ""):
        return f"{carrier} {words}"
    if ending := ASK_ENDINGS.get(intent_name or ""):
        return f"{words} {ending}"
    return words


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
AGO_SLOT = "ago"  # "{ago} ago": how long before now
CUSTOM.update(
    {
        LOG_TWITCH: frozenset(LOG_TWITCH_SLOTS),
        LAST_TWITCH: frozenset({"location", "period", "date", "since"}),
        COUNT_TWITCHES: frozenset({"period", "date", "since", "location"}),
        TWITCH_PATTERNS: frozenset({"period", "date", "since"}),
        READ_ENTRIES: frozenset({"period", "date", "since"}),
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
