"""Advice: a rule's finding in the form it is stored, spoken and never repeated. Pure."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from skill.episodes import rules, symptoms

# How urgent an advice is, most urgent first: spoken in this order.
URGENCY_ORDER = ("emergency", "urgent", "prompt", "routine")

# How urgently each rule action should be heard.
URGENCY_OF_ACTION: dict[str, str] = {
    symptoms.EMERGENCY: "emergency",
    symptoms.URGENT_REFERRAL: "urgent",
    symptoms.PROMPT_EVALUATION: "prompt",
    symptoms.SEE_NEUROLOGIST_PROMPTLY: "prompt",
    symptoms.EMG_AND_BLOOD_TESTS: "prompt",
    symptoms.SEE_NEUROLOGIST_2_3_WEEKS: "routine",
    symptoms.SEE_NEUROLOGIST: "routine",
}


@dataclass(frozen=True, slots=True)
class Advice:
    """One suggestion for a user, as stored and later spoken."""

    id: str
    rule: str
    run_key: str
    action: str
    urgency: str
    speech: str
    created_at: str  # ISO-8601 UTC

    @property
    def fired_field(self) -> str:
        return f"{self.rule}|{self.run_key}"

    @classmethod
    def from_json(cls, raw: str) -> Advice:
        return cls(**json.loads(raw))

    def to_json(self) -> str:
        # Fields listed by hand: dataclasses.asdict deep-copies, a cost the sweep feels.
        fields = {name: getattr(self, name) for name in self.__slots__}
        return json.dumps(fields, separators=(",", ":"))

    def speaking_order(self) -> tuple[int, str]:
        """Sort key: the most urgent first, then the oldest."""
        rank = URGENCY_ORDER.index(self.urgency) if self.urgency in URGENCY_ORDER else 99
        return rank, self.created_at


def advice_id(rule: str, run_key: str) -> str:
    """Deterministic per (rule, run): replicas computing the same advice agree on its id."""
    return f"{rule}|{run_key}"


def advice_from(finding: rules.Finding, now: datetime) -> Advice:
    """The stored form of a finding; its id is the same for every replica."""
    return Advice(
        id=advice_id(finding.rule, finding.run_key),
        rule=finding.rule,
        run_key=finding.run_key,
        action=finding.action,
        urgency=URGENCY_OF_ACTION.get(finding.action, "routine"),
        speech=finding.speech,
        created_at=now.astimezone(UTC).isoformat(timespec="seconds"),
    )
