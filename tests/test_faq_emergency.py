"""Emergencies first: rules on free text, and routing from any intent through POST /alexa."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from devkit import envelopes as env
from skill.faq.emergency import RULES, detect
from tests.conftest import NOW

# One plain phrasing per rule, as people say it.
BY_RULE = {
    "speech": "my speech is slurred",
    "face": "the left side of my face is drooping",
    "swallowing": "i have trouble swallowing",
    "breathing": "i can't breathe",
    "weakness": "my leg suddenly went weak",
    "stroke_or_seizure": "i think i am having a seizure",
}


def test_every_rule_has_a_phrasing_here() -> None:
    assert set(BY_RULE) == set(RULES)


@pytest.mark.parametrize(("rule", "text"), BY_RULE.items())
def test_each_rule_recognises_its_symptom(rule: str, text: str) -> None:
    found = detect(text)
    assert found is not None and found.symptom == rule


@pytest.mark.parametrize(
    "text",
    [
        "i don't have trouble breathing, just a twitchy calf",
        "no slurred speech, only my eyelid jumps",
        "my eye twitches but there's no trouble swallowing",
        "why does my calf twitch after running",
        "can coffee make my eyelid jump",
        "how do i get better sleep",
        "fitting a new kitchen all week and now my forearms twitch",
        "my speech is totally normal, just my thigh twitching",
        "no trouble breathing or swallowing, only a jumpy calf",
        "can anxiety cause chest pain",
        "my legs are not limp, they just twitch",
        "i can't move on from worrying about als",
        "my lip twitches on one side",
        "what is sleep paralysis",
        "what causes seizures",
        "it fits the bfs description",
        "my legs feel heavy after running and they twitch",
        "after leg day my legs feel like jelly and twitch",
        "i can't walk far without my calves twitching",
    ],
)
def test_negated_or_unrelated_text_is_not_an_emergency(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "the twitching spread and now i can't walk, my legs gave out",
        "i could not stand up and my arm is limp",
        "his arm is not moving",
    ],
)
def test_can_not_is_a_symptom_not_a_negation(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("mum's speech sounds slow and thick", "speech"),
        ("she's not making sense when she talks", "speech"),
        ("my smile is wonky", "face"),
        ("mummy's mouth is going to one side", "face"),
        ("swallowing problem since this morning", "swallowing"),
        ("i've stopped being able to swallow", "swallowing"),
        ("he turned blue", "breathing"),
        ("breathing problem very severe", "breathing"),
        ("my legs won't work", "weakness"),
        ("dad's arm just flopped down", "weakness"),
        ("my arm won't do what i tell it", "weakness"),
        ("my wife's face fell on one side", "face"),
        ("suddenly i have no strength in my left arm", "weakness"),
        ("my legs suddenly feel like jelly", "weakness"),
        ("i keep losing my words", "speech"),
        ("i can no longer swallow", "swallowing"),
        ("he's lying on the floor and won't respond", "stroke_or_seizure"),
        ("my arm won't lift", "weakness"),
        ("my face feels numb and one side is drooping", "face"),
        ("mother face tilted", "face"),
        ("brother fits", "stroke_or_seizure"),
        ("arm not moving suddenly", "weakness"),
        ("i can't move", "weakness"),
        ("my brother is having fits", "stroke_or_seizure"),
        ("he's shaking uncontrollably and foaming at the mouth", "stroke_or_seizure"),
    ],
)
def test_unusual_wordings_reach_their_rule(text: str, rule: str) -> None:
    found = detect(text)
    assert found is not None and found.symptom == rule


def _urgent(client: FlaskClient, request: dict[str, object]) -> tuple[str, dict[str, object]]:
    text, body = env.ask(client, request)
    response = body["response"]
    assert isinstance(response, dict)
    assert response["shouldEndSession"] is True, "the person should be calling, not talking"
    assert "emergency" in text and "right away" in text
    return text, body


@pytest.mark.parametrize(
    ("locale", "spoken", "written"),
    [
        ("en-US", "9 1 1", "911"),
        ("en-CA", "9 1 1", "911"),
        ("en-GB", "9 9 9", "999"),
        ("en-AU", "triple zero", "000"),
        ("en-IN", "1 1 2", "112"),
        ("en-NZ", "9 1 1", "911"),  # unknown locale: 911, as the issue asks
    ],
)
def test_a_question_naming_an_emergency_gets_the_locale_number(
    client: FlaskClient, locale: str, spoken: str, written: str
) -> None:
    request = env.intent(
        "AskQuestionIntent", NOW, slots={"question": "my face is drooping"}, locale=locale
    )
    text, body = _urgent(client, request)
    assert f"call {spoken} right away" in text
    card = body["response"]["card"]  # type: ignore[index]
    assert f"call {written} right away" in card["content"]


def test_an_emergency_inside_a_diary_entry_is_answered_before_the_diary(
    client: FlaskClient, redis_client
) -> None:
    request = env.intent(
        "LogTwitchIntent",
        NOW,
        slots={"location": "face and I can't swallow"},
        dialog_state="STARTED",
    )
    _urgent(client, request)
    assert redis_client.dbsize() == 0, "nothing was logged"


def test_an_emergency_in_a_multi_value_slot_is_found(client: FlaskClient) -> None:
    triggers = env.slot(
        "triggers",
        slotValue={
            "type": "List",
            "values": [
                {"type": "Simple", "value": "coffee"},
                {"type": "Simple", "value": "i'm struggling to breathe"},
            ],
        },
    )
    _urgent(client, env.intent("LogTwitchIntent", NOW, slots={"triggers": triggers}))


@pytest.mark.parametrize("intent", ["AMAZON.FallbackIntent", "SomeFutureFreeTextIntent"])
def test_an_emergency_in_any_intents_free_text_slot_is_answered(
    client: FlaskClient, intent: str
) -> None:
    request = env.intent(intent, NOW, slots={"text": "my arm suddenly went numb and weak"})
    _urgent(client, request)


def test_an_emergency_answer_drops_a_pending_faq_follow_up(client: FlaskClient) -> None:
    request = env.intent(
        "AskQuestionIntent",
        NOW,
        slots={"question": "i can't breathe"},
        session={"pending": {"kind": "faq_more", "topic": "als"}},
    )
    _, body = _urgent(client, request)
    assert "pending" not in (body.get("sessionAttributes") or {})


def test_requests_without_emergency_words_are_not_taken_by_the_emergency_handler(
    client: FlaskClient,
) -> None:
    request = env.intent("AskQuestionIntent", NOW, slots={"question": "why do my calves twitch"})
    text, body = env.ask(client, request)
    assert "emergency" not in text
    assert body["response"]["shouldEndSession"] is False


@pytest.mark.parametrize(
    "text",
    [
        "what are the symptoms of a heart attack",
        "can twitching cause seizures",
        "what causes chest pain",
    ],
)
def test_questions_about_named_events_are_not_emergencies(text: str) -> None:
    assert detect(text) is None


def test_the_scoring_rule_reads_numbers_as_they_are_spoken() -> None:
    from skill.faq.evaluation import meets_expectation  # noqa: PLC0415

    assert meets_expectation("please call 9 1 1 now", [["911"]])
    assert meets_expectation("please call triple zero now", [["000"]])
    assert not meets_expectation("please call triple zero now", [["911"]])


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("her entire left side is numb", "weakness"),
        ("my leg feels weak right now", "weakness"),
        ("my mum is having stroke", "stroke_or_seizure"),
        ("my friend is having seizure", "stroke_or_seizure"),
        ("the words are coming out muddled", "speech"),
        ("his mouth is hanging on one side", "face"),
        ("my tongue is swelling up", "swallowing"),
        ("my throat feels swollen and tight", "swallowing"),
    ],
)
def test_sudden_symptoms_in_other_words_reach_their_rule(text: str, rule: str) -> None:
    found = detect(text)
    assert found is not None and found.symptom == rule


@pytest.mark.parametrize(
    "text",
    [
        # Pressed on: the everyday numbness.
        "my arm fell asleep after lying on it all night",
        "my knee went numb from kneeling on the tiles",
        # Over, or long ago.
        "i choked on a fishbone last christmas, it got sorted at the hospital",
        "three months back i could not swallow because of tonsillitis",
        # The future, a worry.
        "am i going to end up paralysed",
        "will i lose my speech eventually",
        "i am nervous these twitches will leave me unable to breathe in later life",
    ],
)
def test_past_pressed_or_future_symptoms_are_not_emergencies(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "i slept on my arm and now i cannot move it",
        "i was sitting on the sofa and suddenly my leg went limp",
        "i am scared, my dad collapsed",
        "i am worried my face is drooping",
        "i had a fall and it got better but now i cannot move my leg",
    ],
)
def test_a_symptom_said_now_still_is_one_beside_a_worry_or_a_cause(text: str) -> None:
    assert detect(text) is not None


def test_a_droop_said_before_its_side_is_the_face_rule() -> None:
    found = detect("her mouth is sagging on the right side")
    assert found is not None and found.symptom == "face"


def test_a_side_said_hanging_is_the_face_rule_even_as_two_fragments() -> None:
    # EmergencyHandler joins slot values: a side in one, "hanging down" in another.
    found = detect("side hanging down on")
    assert found is not None and found.symptom == "face"
