"""The symptom questions: what each yes means, in the article's terms. Pure data, no I/O.

Two lists in the article drive this catalogue:

* the red-flag table (symptom -> action), plus the warning signs the issue adds
  (weakness, family history, slurred speech or swallowing trouble);
* the six-item checklist ("if two or more apply, see a neurologist promptly").

Each question (``SymptomItem``) is one short yes/no the hands-free check asks, in
``SYMPTOM_ITEMS`` order. A yes raises the item's red flag (``rules.evaluate``
turns it into a ``red_flag:<id>`` finding with ``action``) and ticks one of the six
checklist entries (``checklist``). Two questions may tick the same checklist entry
(sudden trouble speaking and coordination trouble are one entry in the article);
the checklist counts entries, not questions.

The question wording lives in ``skill/speech/__init__.py`` (``SYMPTOM_QUESTIONS``), keyed by
the ids here; a test checks both lists agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Actions, from the most to the least urgent; findings are ordered by this.
EMERGENCY = "emergency"
URGENT_REFERRAL = "urgent_referral"
PROMPT_EVALUATION = "prompt_evaluation"
SEE_NEUROLOGIST_PROMPTLY = "see_neurologist_promptly"
EMG_AND_BLOOD_TESTS = "emg_and_blood_tests"
SEE_NEUROLOGIST_2_3_WEEKS = "see_neurologist_2_3_weeks"
SEE_NEUROLOGIST = "see_neurologist"
ACTIONS: tuple[str, ...] = (
    EMERGENCY,
    URGENT_REFERRAL,
    PROMPT_EVALUATION,
    SEE_NEUROLOGIST_PROMPTLY,
    EMG_AND_BLOOD_TESTS,
    SEE_NEUROLOGIST_2_3_WEEKS,
    SEE_NEUROLOGIST,
)

# The article's six checklist entries, in its order.
CL_PERSISTS = "persists_two_weeks"
CL_MUSCLE_LOSS = "muscle_loss"
CL_WEAKNESS = "weakness"
CL_SPREADS = "spreads"
CL_SPEECH_SWALLOW_COORDINATION = "speech_swallowing_coordination"
CL_FAMILY_HISTORY = "family_history"
CHECKLIST: tuple[str, ...] = (
    CL_PERSISTS,
    CL_MUSCLE_LOSS,
    CL_WEAKNESS,
    CL_SPREADS,
    CL_SPEECH_SWALLOW_COORDINATION,
    CL_FAMILY_HISTORY,
)
CHECKLIST_THRESHOLD = 2  # "if two or more apply"


@dataclass(frozen=True, slots=True)
class SymptomItem:
    """One yes/no question of the symptom check and what a yes to it means."""

    id: str
    action: str  # the red-flag action a yes leads to
    checklist: str  # the checklist entry a yes ticks
    speech: str  # spoken advice for a yes: our words, a suggestion, never a diagnosis
    emergency: bool = False  # a yes ends the check at once with emergency advice
    asked_if_yes: str | None = None  # a follow-up: asked only after a yes to this item

    def applies(self, answers: Mapping[str, bool]) -> bool:
        """Whether the check asks this question, given the answers so far."""
        return self.asked_if_yes is None or answers.get(self.asked_if_yes) is True


# Order matters: emergencies first (a yes there ends the check), follow-ups right after
# the question they follow.
SYMPTOM_ITEMS: tuple[SymptomItem, ...] = (
    # Table and checklist: slurred speech or trouble swallowing; the issue adds breathing
    # trouble and sudden weakness. These can be signs of a medical emergency, so they are
    # asked first and a yes stops the check with "call your emergency number now".
    SymptomItem(
        "urgent_signs",
        EMERGENCY,
        CL_SPEECH_SWALLOW_COORDINATION,
        "Slurred speech, trouble swallowing or breathing, or sudden weakness need help "
        "right away. Please call your local emergency number now.",
        emergency=True,
    ),
    # Checklist: twitching that goes on for more than two weeks despite rest. Table: twitches
    # lasting weeks without relief; keep watching and see a doctor if it gets worse.
    SymptomItem(
        "persisting",
        SEE_NEUROLOGIST,
        CL_PERSISTS,
        "Twitching that has gone on for more than two weeks is worth a check. "
        "Consider seeing a doctor, ideally a neurologist, especially if it gets worse.",
    ),
    # Table: twitching that spreads to several areas may come from the nervous system;
    # the article suggests a neurologist within two to three weeks.
    SymptomItem(
        "spreading",
        SEE_NEUROLOGIST_2_3_WEEKS,
        CL_SPREADS,
        "Twitching that spreads to different parts of the body is worth checking. "
        "Try to see a neurologist within the next two or three weeks.",
    ),
    # Table: visible loss of muscle where it twitches calls for evaluation without delay.
    SymptomItem(
        "muscle_loss",
        PROMPT_EVALUATION,
        CL_MUSCLE_LOSS,
        "A muscle that looks smaller where it twitches should be looked at soon. "
        "Please see a doctor promptly.",
    ),
    # Checklist: weakness alongside the twitching (gripping, stairs, getting up). The article
    # says twitching combined with weakness should lead to a neurological work-up.
    SymptomItem(
        "weakness",
        PROMPT_EVALUATION,
        CL_WEAKNESS,
        "Weakness together with twitching deserves a proper check. "
        "Please see a doctor soon, ideally a neurologist.",
    ),
    # Table: weakness that keeps getting worse in a limb; the article's next step is nerve and
    # muscle testing (E M G) and blood tests. Only asked after a yes to weakness.
    SymptomItem(
        "progressive_weakness",
        EMG_AND_BLOOD_TESTS,
        CL_WEAKNESS,
        "Weakness that is getting worse should be checked. A doctor may suggest a nerve "
        "and muscle test called an E M G, and blood tests.",
        asked_if_yes="weakness",
    ),
    # Table: numbness, tingling or trouble with coordination point towards the spinal cord or
    # nerves; the article calls for an urgent scan or referral. Coordination is also checklist.
    SymptomItem(
        "numbness_coordination",
        URGENT_REFERRAL,
        CL_SPEECH_SWALLOW_COORDINATION,
        "Numbness, tingling or trouble with coordination along with twitching needs "
        "attention soon. Please contact a doctor urgently and ask about a referral.",
    ),
    # Checklist: a family history of neuromuscular disease. The table has no row for it; we
    # suggest mentioning it to a neurologist.
    SymptomItem(
        "family_history",
        SEE_NEUROLOGIST,
        CL_FAMILY_HISTORY,
        "A family history of muscle or nerve disease is worth mentioning to a doctor, "
        "ideally a neurologist.",
    ),
)

ITEMS_BY_ID: dict[str, SymptomItem] = {item.id: item for item in SYMPTOM_ITEMS}
EMERGENCY_ITEMS: frozenset[str] = frozenset(i.id for i in SYMPTOM_ITEMS if i.emergency)


def next_question(start: int, answers: Mapping[str, bool]) -> int | None:
    """Index of the first question at or after ``start`` the check should ask, or None when done."""
    for index in range(max(start, 0), len(SYMPTOM_ITEMS)):
        if SYMPTOM_ITEMS[index].applies(answers):
            return index
    return None


def passed_over(start: int, stop: int | None) -> list[SymptomItem]:
    """Questions between ``start`` and ``stop`` (exclusive) that the check passes over.

    They are follow-ups whose lead question was answered no, so their answer is no too.
    """
    end = len(SYMPTOM_ITEMS) if stop is None else stop
    return list(SYMPTOM_ITEMS[max(start, 0) : end])
