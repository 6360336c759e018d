"""Answer rules: every row of the article's red-flag table and every checklist entry."""

from __future__ import annotations

import itertools

import pytest

from skill import speech
from skill.episodes import rules, symptoms
from tests.rules_data import day, twitches

TODAY = day(20)

# The article's red-flag table, row by row, written out here (not read from the catalogue)
# so a changed action in skill/episodes/symptoms.py fails loudly.
RED_FLAG_TABLE = [
    pytest.param("spreading", "see_neurologist_2_3_weeks", id="spreading-to-several-areas"),
    pytest.param("muscle_loss", "prompt_evaluation", id="visible-muscle-wasting"),
    pytest.param("progressive_weakness", "emg_and_blood_tests", id="progressive-weakness"),
    pytest.param("persisting", "see_neurologist", id="lasting-weeks-without-relief"),
    pytest.param("numbness_coordination", "urgent_referral", id="numbness-tingling-coordination"),
    # The warning signs the issue adds to the table.
    pytest.param("weakness", "prompt_evaluation", id="weakness"),
    pytest.param("urgent_signs", "emergency", id="slurred-speech-swallowing-breathing"),
    pytest.param("family_history", "see_neurologist", id="family-history"),
]


@pytest.mark.parametrize(("item", "action"), RED_FLAG_TABLE)
def test_each_red_flag_yes_gives_its_action(item: str, action: str) -> None:
    findings = rules.evaluate([], set(), {item: True}, today=TODAY)
    assert [(f.rule, f.action) for f in findings] == [(f"red_flag:{item}", action)]
    assert findings[0].run_key == rules.ANSWERS_RUN_KEY


@pytest.mark.parametrize(("item", "action"), RED_FLAG_TABLE)
def test_a_no_gives_nothing(item: str, action: str) -> None:
    assert rules.evaluate([], set(), {item: False}, today=TODAY) == []


def test_every_question_is_in_the_red_flag_table() -> None:
    tabled = {p.values[0] for p in RED_FLAG_TABLE}
    assert tabled == set(symptoms.ITEMS_BY_ID), "add the new question to RED_FLAG_TABLE"


def test_unknown_answers_and_non_bool_values_are_ignored() -> None:
    answers = {"made_up": True, "weakness": "yes", "muscle_loss": 1}
    assert rules.evaluate([], set(), answers, today=TODAY) == []  # type: ignore[arg-type]


# The article's six checklist entries and, for each, a yes that ticks it.
CHECKLIST_TABLE = [
    pytest.param("persists_two_weeks", "persisting", id="persists-more-than-two-weeks"),
    pytest.param("muscle_loss", "muscle_loss", id="loss-of-muscle"),
    pytest.param("weakness", "weakness", id="weakness-with-the-twitch"),
    pytest.param("spreads", "spreading", id="spreads-to-unrelated-groups"),
    pytest.param(
        "speech_swallowing_coordination", "numbness_coordination", id="coordination-changes"
    ),
    pytest.param("family_history", "family_history", id="family-history"),
]


@pytest.mark.parametrize(("entry", "item"), CHECKLIST_TABLE)
def test_one_checklist_entry_alone_is_not_enough(entry: str, item: str) -> None:
    findings = rules.evaluate([], set(), {item: True}, today=TODAY)
    assert rules.checklist_entries({item: True}) == [entry]
    assert rules.CHECKLIST not in [f.rule for f in findings]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(a.values, b.values, id=f"{a.id}+{b.id}")
        for a, b in itertools.combinations(CHECKLIST_TABLE, 2)
    ],
)
def test_any_two_checklist_entries_mean_see_a_neurologist_promptly(
    first: tuple[str, str], second: tuple[str, str]
) -> None:
    answers = {first[1]: True, second[1]: True}
    findings = rules.evaluate([], set(), answers, today=TODAY)
    checklist = [f for f in findings if f.rule == rules.CHECKLIST]
    assert len(checklist) == 1
    assert checklist[0].action == "see_neurologist_promptly"
    assert set(checklist[0].run_key.split("+")) == {first[0], second[0]}


def test_slurred_speech_ticks_the_same_entry_as_coordination() -> None:
    answers = {"urgent_signs": True, "numbness_coordination": True}
    findings = rules.evaluate([], set(), answers, today=TODAY)
    assert rules.CHECKLIST not in [f.rule for f in findings]
    assert findings[0].action == "emergency"


def test_progressive_weakness_and_weakness_are_one_checklist_entry() -> None:
    answers = {"weakness": True, "progressive_weakness": True}
    assert rules.checklist_entries(answers) == ["weakness"]
    rules_fired = [f.rule for f in rules.evaluate([], set(), answers, today=TODAY)]
    assert rules.CHECKLIST not in rules_fired


def test_diary_persistence_and_one_yes_tick_the_checklist() -> None:
    findings = rules.evaluate(
        twitches(1, 4, 8, 12, 16), set(), {"family_history": True}, today=day(16)
    )
    by_rule = {f.rule: f for f in findings}
    assert set(by_rule) == {"persistence", "red_flag:family_history", "checklist"}
    assert by_rule["checklist"].run_key == "persists_two_weeks+family_history"


def test_findings_are_ordered_most_urgent_first() -> None:
    answers = {item.id: True for item in symptoms.SYMPTOM_ITEMS}
    findings = rules.evaluate(twitches(1, 4, 8, 12, 16), set(), answers, today=day(16))
    ranks = [symptoms.ACTIONS.index(f.action) for f in findings]
    assert ranks == sorted(ranks)
    assert findings[0].rule == "red_flag:urgent_signs"


@pytest.mark.parametrize("item", symptoms.SYMPTOM_ITEMS, ids=lambda i: i.id)
def test_every_question_has_short_wording(item: symptoms.SymptomItem) -> None:
    question = speech.SYMPTOM_QUESTIONS[item.id]
    assert question.endswith("?") and len(question) < 160
    assert len(item.speech) < 220


def test_question_wording_and_catalogue_agree() -> None:
    assert set(speech.SYMPTOM_QUESTIONS) == set(symptoms.ITEMS_BY_ID)


def test_advice_never_claims_a_diagnosis() -> None:
    texts = [i.speech for i in symptoms.SYMPTOM_ITEMS]
    texts += [rules.PERSISTENCE_SPEECH, rules.SPREADING_SPEECH, rules.CHECKLIST_SPEECH]
    for text in texts:
        lowered = text.lower()
        assert "you have" not in lowered and "diagnos" not in lowered, text
        assert "a l s" not in lowered and "als" not in lowered.split(), text
