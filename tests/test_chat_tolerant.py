"""The chat matcher understands people's own words from the generated model, as an NLU would.

Every sentence here is checked against the model of the locale, not against a list of
sentences: fillers, lead-ins, fragments, details said anywhere, words a sample does not
have, and over-long captures.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from devkit.chat.matcher import ModelMatcher, normalise
from skill.faq.emergency import detect

TODAY = date(2026, 11, 24)


def understood(matcher: ModelMatcher, line: str) -> tuple[str, dict[str, Any]]:
    found = matcher.understand(line, TODAY)
    slots: dict[str, Any] = {}
    for name, slot_json in found.slots.items():
        if "slotValue" in slot_json and slot_json["slotValue"].get("type") == "List":
            slots[name] = [v["value"] for v in slot_json["slotValue"]["values"]]
            continue
        authorities = slot_json.get("resolutions", {}).get("resolutionsPerAuthority", [])
        matched = [a for a in authorities if a["status"]["code"] == "ER_SUCCESS_MATCH"]
        slots[name] = matched[0]["values"][0]["value"]["id"] if matched else slot_json["value"]
    return found.intent, slots


@pytest.mark.parametrize(
    ("line", "slots"),
    [
        # fillers and hedges anywhere
        ("um so my right knee was like twitching i think", {"side": "right", "location": "knee"}),
        # a time first, a duration in a second clause
        ("this morning my left thigh twitched and it went on for ten seconds",
         {"time": "MO", "side": "left", "location": "thigh", "duration": "PT10S"}),
        # fragments
        ("left wrist", {"side": "left", "location": "wrist"}),
        ("chin again", {"location": "chin"}),
        ("right shin ten seconds", {"side": "right", "location": "shin", "duration": "PT10S"}),
        # details a sample does not have, said anywhere ("in bed", "at night")
        ("my neck was flickering in bed at night", {"location": "neck", "time": "NI"}),
        # a story with a lead-in
        ("so i was reading on the sofa and my left eyebrow started jumping",
         {"side": "left", "location": "eyebrow"}),
        # polite openers
        ("would you put down a twitch in my right palm please",
         {"side": "right", "location": "palm"}),
        # relative times through the ago slot
        ("my jaw twitched about forty minutes ago", {"location": "jaw", "ago": "PT40M"}),
        # a trigger before the place, and an everyday word for it
        ("after netball my left calf kept twitching",
         {"triggers": ["netball"], "side": "left", "location": "calf"}),
    ],
)  # fmt: skip
def test_logging_in_peoples_own_words(gb: ModelMatcher, line: str, slots: dict[str, Any]) -> None:
    intent, found = understood(gb, line)
    assert intent == "LogTwitchIntent"
    assert found == slots


def test_a_known_value_is_pulled_out_of_an_over_long_capture(gb: ModelMatcher) -> None:
    intent, found = understood(gb, "my calf for about two minutes after my run")
    assert intent == "LogTwitchIntent"
    assert found["location"] == "calf" and found["duration"] == "PT2M"
    assert "for" not in " ".join(map(str, found.values()))


@pytest.mark.parametrize(
    ("line", "triggers"),
    [
        # said as a clause of its own, before or after the twitch, with no "after"
        ("got barely any shut eye so my shin keeps twitching", ["barely any shut eye"]),
        ("my forearm is twitching and i slept badly", ["slept badly"]),
        # with a light verb and a time after it
        ("my lip twitched since i drank my energy shot this morning", ["my energy shot"]),
        # a phrase joined by "of" is one value, not cut before it
        ("my thumb twitched after a couple of mugs of cocoa", ["couple of mugs of cocoa"]),
        (
            "my wrist twitched last night, the right one, after three pints of cider",
            ["three pints of cider"],
        ),
        # "on my ..." after the twitch
        ("my elbow twitched on my bike ride home", ["bike ride home"]),
        # the clause's own subject and verb after the carrier, and an article first
        ("my calf twitched after i took an allergy tablet", ["an allergy tablet"]),
    ],
)
def test_a_trigger_said_in_its_own_words_is_captured_whole(
    gb: ModelMatcher, line: str, triggers: list[str]
) -> None:
    intent, found = understood(gb, line)
    assert intent == "LogTwitchIntent"
    assert found["triggers"] == triggers


def test_a_clause_that_shares_only_a_common_word_is_no_trigger(gb: ModelMatcher) -> None:
    # "all" and "can't" are in trigger values ("up all night", "can't remember") but say
    # nothing about a trigger: numbness said after a twitch stays an emergency.
    intent, _found = understood(
        gb, "my hand twitched and now the whole arm has gone numb and i can't feel it at all"
    )
    assert intent == "UrgentSymptomIntent"


@pytest.mark.parametrize(
    ("line", "side"),
    [
        ("my neck twitched right after my run", None),  # "right" as "just"
        ("my calf is jumping right at the back", None),
        ("on the right at the back my calf is jumping", "right"),  # the side, then "at"
        ("my right calf twitched", "right"),
    ],
)
def test_right_as_an_adverb_is_no_side(gb: ModelMatcher, line: str, side: str | None) -> None:
    _intent, found = understood(gb, line)
    assert found.get("side") == side


@pytest.mark.parametrize(
    "line",
    [
        "my shin twitched this morning and i have not had any tea",
        "my shin twitched, without coffee for once",
        "no cola today and my shin is twitching",
        # a denial reaches over "or"
        "my shin twitched and i have not had any cola or tea",
    ],
)
def test_a_denied_trigger_is_not_picked_out_as_that_trigger(gb: ModelMatcher, line: str) -> None:
    # The skill keeps such a phrase in the user's words; it never becomes "tea" or "coffee".
    _intent, found = understood(gb, line)
    assert found.get("triggers") not in (["tea"], ["coffee"], ["cola"])
    assert all(len(t.split()) > 1 for t in found.get("triggers", []))


@pytest.mark.parametrize(
    ("line", "location"),
    [
        ("my pins were twitching after the gym", "leg"),  # Australian legs
        ("my six pack kept twitching for a bit", "abdomen"),
    ],
)
def test_colloquial_places(gb: ModelMatcher, line: str, location: str) -> None:
    intent, found = understood(gb, line)
    assert (intent, found["location"]) == ("LogTwitchIntent", location)


def test_a_duration_then_a_time_ago_are_two_details(gb: ModelMatcher) -> None:
    _intent, found = understood(gb, "my knee, the right one, five seconds, roughly two hours ago")
    assert (found["duration"], found["ago"]) == ("PT5S", "PT2H")


def test_a_range_is_a_duration_not_a_clock_time(gb: ModelMatcher) -> None:
    _intent, found = understood(gb, "my cheek twitched for four to five minutes")
    assert found["duration"] == "PT5M" and "time" not in found


def test_two_triggers_are_both_kept(gb: ModelMatcher) -> None:
    _intent, found = understood(gb, "my eyelid twitched after coffee and a bad night's sleep")
    assert found["triggers"] == ["coffee", "a bad night's sleep"]


@pytest.mark.parametrize(
    ("line", "intent"),
    [
        ("why does my eyelid twitch", "AskWhyIntent"),
        ("does coffee cause twitching", "AskDoesIntent"),
        ("how many twitches have i had this week", "CountTwitchesIntent"),
        ("what sets them off most of the time", "TwitchPatternsIntent"),
        ("which body part twitches the most", "TwitchPatternsIntent"),
        ("scrap that last entry", "DeleteLastEntryIntent"),
        ("when was my most recent one", "LastTwitchIntent"),
        ("wipe all my data", "DeleteAllDataIntent"),
        # a habit said with "tend to" or "generally"; "the last time" for the latest one
        ("what part of the day do they generally start", "TwitchPatternsIntent"),
        ("what are the trends in my twitching this month", "TwitchPatternsIntent"),
        ("when was the most recent time that i felt one", "LastTwitchIntent"),
        # "read" said after the question, or with "what i've ..."
        ("how were my twitches yesterday read them back", "ReadEntriesIntent"),
        ("could you read back what i have noted this week", "ReadEntriesIntent"),
        # "any ..." as a count, "where am i ..." as where, "what went on" as the entries
        ("any twitching yesterday", "CountTwitchesIntent"),
        ("where have i been twitching most", "TwitchPatternsIntent"),
        ("what went on in my diary yesterday", "ReadEntriesIntent"),
        ("how have i been doing this week", "WeeklySummaryIntent"),
        ("how many records have i got this month", "CountTwitchesIntent"),
        ("total number of twitches logged so far", "CountTwitchesIntent"),
        ("what did i jot down yesterday", "ReadEntriesIntent"),
        ("scrap the previous entry, i gave wrong details", "DeleteLastEntryIntent"),
        ("the weather in paris", "AMAZON.FallbackIntent"),
    ],
)
def test_questions_and_history_are_not_taken_for_a_log(
    gb: ModelMatcher, line: str, intent: str
) -> None:
    assert understood(gb, line)[0] == intent


@pytest.mark.parametrize(
    ("line", "symptom"),
    [
        ("my husband's speech is slurred", "speech"),
        ("i can't breathe", "breathing"),
        ("my mum is having a seizure", "stroke_or_seizure"),
        ("help my dad's face is drooping", "face"),
        ("my arm twitched and now i can't lift it", "weakness"),
    ],
)
def test_emergency_statements_become_urgent_symptom_intents(
    gb: ModelMatcher, line: str, symptom: str
) -> None:
    intent, found = understood(gb, line)
    assert intent == "UrgentSymptomIntent"
    assert found["symptom"] == symptom


def test_a_line_no_sample_fits_with_two_symptom_words_fills_the_symptom_slot_whole(
    gb: ModelMatcher,
) -> None:
    # No sample fits; "choking" and "breath" are words only the symptom type has.
    line = "mate i reckon i am choking here and there is no breath left"
    intent, found = understood(gb, line)
    assert intent == "UrgentSymptomIntent"
    assert found["symptom"] == normalise(line)


def test_one_such_word_in_a_line_about_something_else_is_no_symptom(gb: ModelMatcher) -> None:
    assert understood(gb, "set an alarm for when the weather goes numb cold")[0] != (
        "UrgentSymptomIntent"
    )


def test_a_long_statement_that_explains_little_keeps_its_deciding_words(gb: ModelMatcher) -> None:
    # "From kneeling on it" reaches the skill's rules (in the symptom's context slot, or
    # with the whole line in the symptom slot), not a bare "went numb": they read it calm.
    line = "my ankle went numb from kneeling on it but it's all fine now"
    found = gb.understand(line, TODAY)
    assert found.intent == "UrgentSymptomIntent"
    assert "kneeling" in _spoken(found.slots)
    assert detect(_spoken(found.slots)) is None
    # ... and a symptom said after it, happening now, is still one.
    later = gb.understand(
        "my ankle went numb from kneeling on it but now my face is drooping", TODAY
    )
    assert detect(_spoken(later.slots)) is not None


def _spoken(slots: dict[str, Any]) -> str:
    """The words of every slot, as the skill's emergency rules read them."""
    return " ".join(str(slot["value"]) for slot in slots.values() if slot.get("value"))


def test_worried_questions_stay_questions(gb: ModelMatcher) -> None:
    assert understood(gb, "will this twitching paralyse me")[0] == "AskWillIntent"
    assert understood(gb, "what if it's a stroke")[0] == "AskWhatIntent"


def test_contractions_and_clock_times_are_heard_as_alexa_hears_them() -> None:
    assert normalise("my calf's been twitching") == "my calf has been twitching"
    assert normalise("my lip's twitching at 3pm") == "my lip is twitching at 3 pm"
    assert normalise("my husband's speech") == "my husband's speech"
    assert normalise("it's my calf") == "it's my calf"


@pytest.mark.parametrize(
    ("line", "slot", "value"),
    [
        ("my wrist twitched for a split second", "duration", "PT1S"),
        ("my wrist twitched for some seconds", "duration", "PT3S"),
        ("my wrist twitched one hour back", "ago", "PT1H"),  # Indian English for "ago"
        ("my wrist twitched day before yesterday", "date", "2026-11-22"),
        ("my wrist twitched this arvo", "time", "AF"),
        ("my wrist twitched at half ten", "time", "10:30"),
    ],
)
def test_times_and_amounts_as_people_say_them(
    gb: ModelMatcher, line: str, slot: str, value: str
) -> None:
    intent, found = understood(gb, line)
    assert intent == "LogTwitchIntent" and found[slot] == value


def test_a_stutter_of_ors_after_a_denial_is_understood_without_failing(gb: ModelMatcher) -> None:
    intent, found = understood(gb, "no coffee or or or tea today and my calf twitched")
    assert intent == "LogTwitchIntent" and found["location"] == "calf"
