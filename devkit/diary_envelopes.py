"""Envelope helpers for the diary: custom slot values, multi-value slots, log requests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from devkit import envelopes as env


def custom(name: str, spoken: str, value_id: str | None, type_name: str) -> dict[str, Any]:
    return env.resolved_slot(name, spoken, value_id, type_name)


def location(spoken: str, value_id: str | None) -> dict[str, Any]:
    return custom("location", spoken, value_id, "BODY_LOCATION")


def side(spoken: str, value_id: str | None) -> dict[str, Any]:
    return custom("side", spoken, value_id, "SIDE")


def period(spoken: str, value_id: str | None) -> dict[str, Any]:
    return custom("period", spoken, value_id, "PERIOD")


def triggers(*pairs: tuple[str, str | None]) -> dict[str, Any]:
    """A multi-value TRIGGER slot (``slotValue`` of type List), as Alexa sends it."""
    values = []
    for spoken, value_id in pairs:
        resolved = env.resolved_slot("triggers", spoken, value_id, "TRIGGER")
        values.append({"type": "Simple", "value": spoken, "resolutions": resolved["resolutions"]})
    return {
        "name": "triggers",
        "confirmationStatus": "NONE",
        "slotValue": {"type": "List", "values": values},
    }


def log(
    now: datetime,
    slots: dict[str, Any] | None = None,
    *,
    api: str,
    dialog_state: str | None = "STARTED",
    session: dict[str, Any] | None = None,
    **options: Any,
) -> dict[str, Any]:
    """A LogTwitchIntent request whose apiEndpoint is the local fake Settings API."""
    return env.intent(
        "LogTwitchIntent",
        now,
        slots,
        dialog_state=dialog_state,
        api_endpoint=api,
        session=session,
        **options,
    )


def directives(body: dict[str, Any]) -> list[dict[str, Any]]:
    return list(body["response"].get("directives") or [])


def next_session(body: dict[str, Any]) -> dict[str, Any]:
    """The session attributes to send back on the next turn."""
    return dict(body.get("sessionAttributes") or {})


def complete_slots(**overrides: Any) -> dict[str, Any]:
    """All LogTwitchIntent slots filled (left calf, one minute, morning, stress); None drops one."""
    slots: dict[str, Any] = {
        "location": location("calf", "calf"),
        "side": side("left", "left"),
        "duration": "PT1M",
        "time": "MO",
        "triggers": triggers(("stress", "stress")),
    }
    slots.update(overrides)
    return {k: v for k, v in slots.items() if v is not None}


def follow_up(
    now: datetime, slots: dict[str, Any], body: dict[str, Any], *, api: str
) -> dict[str, Any]:
    """The next LogTwitchIntent turn (IN_PROGRESS), carrying the session of the last reply."""
    return log(now, slots, api=api, dialog_state="IN_PROGRESS", session=next_session(body))
