"""The symptom questions' order and follow-ups (pure)."""

from __future__ import annotations

from skill.episodes import symptoms
from skill.episodes.symptoms import SYMPTOM_ITEMS, next_question, passed_over

IDS = [item.id for item in SYMPTOM_ITEMS]


def test_emergency_questions_come_first() -> None:
    flags = [item.emergency for item in SYMPTOM_ITEMS]
    assert flags[0] is True
    assert flags == sorted(flags, reverse=True), "move emergency questions to the front"


def test_follow_ups_come_right_after_their_lead_question() -> None:
    for index, item in enumerate(SYMPTOM_ITEMS):
        if item.asked_if_yes is not None:
            assert IDS[index - 1] == item.asked_if_yes, f"{item.id} must follow {item.asked_if_yes}"


def test_the_questions_cover_the_whole_checklist() -> None:
    assert {item.checklist for item in SYMPTOM_ITEMS} == set(symptoms.CHECKLIST)
    assert {item.action for item in SYMPTOM_ITEMS} <= set(symptoms.ACTIONS)


def test_next_question_skips_a_follow_up_after_a_no() -> None:
    weakness = IDS.index("weakness")
    assert next_question(weakness + 1, {"weakness": True}) == weakness + 1
    after_no = next_question(weakness + 1, {"weakness": False})
    assert after_no == weakness + 2
    assert [i.id for i in passed_over(weakness + 1, after_no)] == ["progressive_weakness"]


def test_next_question_ends_after_the_last() -> None:
    assert next_question(len(SYMPTOM_ITEMS), {}) is None
    assert passed_over(len(SYMPTOM_ITEMS), None) == []
    assert next_question(-5, {}) == 0
