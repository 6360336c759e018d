"""The logging dialog's draft: what it takes from slots and what it asks next. No Redis."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import Intent

from devkit import diary_envelopes as d
from skill.handlers.diary_draft import Draft

TODAY = date(2026, 11, 24)


def _slots(**slots: Any) -> dict:
    body = {
        "name": "LogTwitchIntent",
        "confirmationStatus": "NONE",
        "slots": {
            k: v if isinstance(v, dict) else {"name": k, "value": v} for k, v in slots.items()
        },
    }
    return DefaultSerializer().deserialize(json.dumps(body), Intent).slots


def test_a_full_one_shot_needs_no_question() -> None:
    draft = Draft()
    draft.merge(_slots(**d.complete_slots()))
    assert draft.next_question(TODAY) is None
    said = draft.said(TODAY)
    assert (said.location, said.side, said.duration_seconds, said.triggers) == (
        "calf", "left", 60, ("stress",)
    )  # fmt: skip


def test_questions_come_in_order_and_each_only_once() -> None:
    draft = Draft()
    draft.merge(_slots(location=d.location("calf", "calf")))
    asked = []
    while (question := draft.next_question(TODAY)) is not None:
        asked.append(question)
        draft.note_asked(question)
        draft.skip()
    assert asked == ["side", "duration", "time", "triggers"]


def test_an_echoed_unmatched_value_does_not_reopen_its_question() -> None:
    draft = Draft()
    draft.merge(_slots(**d.complete_slots(side=d.side("middle", None), duration=None)))
    assert draft.next_question(TODAY) == "side"
    draft.note_asked("side")
    draft.merge(
        _slots(**d.complete_slots(side=d.side("middle", None), duration=None)), answering="side"
    )
    assert draft.next_question(TODAY) == "side"  # its own answer failed: asked once more
    draft.note_asked("side")
    draft.merge(
        _slots(**d.complete_slots(side=d.side("middle", None), duration=None)), answering="side"
    )
    assert draft.next_question(TODAY) == "duration"
    draft.note_asked("duration")
    echo = d.complete_slots(side=d.side("middle", None), duration="PT2M")
    draft.merge(_slots(**echo), answering="duration")
    assert draft.next_question(TODAY) is None


def test_none_alongside_a_trigger_is_dropped_and_unknown_means_skipped() -> None:
    draft = Draft()
    draft.merge(_slots(triggers=d.triggers(("coffee", "caffeine"), ("nothing", "none"))))
    assert draft.triggers == ["caffeine"]
    other = Draft()
    other.merge(_slots(triggers=d.triggers(("not sure", "unknown"))))
    assert other.triggers is None and "triggers" in other.answered


def test_a_broken_session_draft_starts_afresh() -> None:
    assert Draft.load({"diary_draft": {"location": "calf", "bogus": 1}}).location == "calf"
    assert Draft.load({"diary_draft": "nonsense"}) == Draft()
    assert Draft.load({"diary_draft": {"asked": 3, "location": "calf"}}) == Draft()
    assert Draft.load({"diary_draft": {"location": ["calf"]}}) == Draft()
    assert Draft.load({"diary_draft": {"asked": {"side": "1"}}}) == Draft()
    assert Draft.load({"diary_draft": {"duration": True}}) == Draft()


def test_a_gym_name_for_a_muscle_on_both_sides_means_both_sides() -> None:
    # "my glutes are twitching": the model's value is "glutes" (not cleaned to "glute"),
    # but the word still names the muscle on both sides; a side said wins.
    plain, sided = Draft(), Draft()
    plain.merge(_slots(location=d.location("glutes", "buttock")))
    sided.merge(_slots(location=d.location("glutes", "buttock"), side=d.side("left", "left")))
    assert plain.said(TODAY).side == "both"
    assert sided.said(TODAY).side == "left"
