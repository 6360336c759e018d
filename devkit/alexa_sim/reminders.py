"""The local cloud's reminder rules: validate a body the way Amazon documents, and when it fires.

Validation first deserialises the JSON with the SDK's ``DefaultSerializer`` into
``ReminderRequest`` (so a field of the wrong type or an unknown enum fails as it
would for a real client built on the SDK), then checks what the documentation
requires on top: a trigger with an IANA time zone, a local ``scheduledTime``
without ``Z`` or offset, spoken text, a supported recurrence rule.

Recurrence support is the part this project uses: RFC 5545 rules with FREQ=DAILY
or FREQ=WEEKLY (BYDAY), BYHOUR/BYMINUTE/BYSECOND, INTERVAL=1.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model.services.reminder_management import ReminderRequest, TriggerType

import skill.cloud.sdk_fix  # noqa: F401 - AlertInfo deserialisation needs the alias
from skill.episodes.zones import zone_or_none

_SERIALIZER = DefaultSerializer()
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MAX_TEXT = 140  # a reminder should be one short sentence


class ReminderRejected(ValueError):
    """The body breaks the contract; ``code`` is the Amazon-style error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class Rule:
    """A parsed recurrence rule: at ``at`` local time on ``weekdays`` (0 = Monday)."""

    at: time
    weekdays: frozenset[int]


def validate(text: str) -> ReminderRequest:
    """Deserialise and check a reminder body; raise ReminderRejected with a code if it is bad."""
    try:
        raw = json.loads(text)
    except ValueError:
        raise ReminderRejected("INVALID_REQUEST_BODY", "body is not JSON") from None
    if not isinstance(raw, dict):
        raise ReminderRejected("INVALID_REQUEST_BODY", "body is not a JSON object")
    try:
        reminder = _SERIALIZER.deserialize(text, ReminderRequest)
    except Exception as exc:  # the SDK's reflective deserializer raises many types
        raise ReminderRejected("INVALID_REQUEST_BODY", f"does not deserialise: {exc}") from None
    if reminder.request_time is None:
        raise ReminderRejected("INVALID_REQUEST_TIME", "requestTime is required")
    _check_trigger(reminder, raw.get("trigger"))
    _check_alert(reminder)
    return reminder


def _check_trigger(reminder: ReminderRequest, raw: Any) -> None:
    trigger = reminder.trigger
    if trigger is None or trigger.object_type is None:
        raise ReminderRejected("INVALID_TRIGGER", "trigger.type is required")
    if trigger.time_zone_id is not None:
        zone_of(trigger.time_zone_id)
    if trigger.object_type == TriggerType.SCHEDULED_RELATIVE:
        if not isinstance(trigger.offset_in_seconds, int) or trigger.offset_in_seconds <= 0:
            raise ReminderRejected("INVALID_TRIGGER", "offsetInSeconds must be a positive integer")
        return
    scheduled = trigger.scheduled_time
    recurrence = trigger.recurrence
    start = recurrence.start_date_time if recurrence is not None else None
    if scheduled is None and start is None:
        raise ReminderRejected("INVALID_TRIGGER", "scheduledTime is required")
    for value in (scheduled, start):
        if value is not None and value.tzinfo is not None:
            raise ReminderRejected(
                "INVALID_TRIGGER_SCHEDULED_TIME_FORMAT",
                "scheduledTime is local wall-clock time: no Z and no offset",
            )
    if recurrence is not None:
        rules = recurrence.recurrence_rules or []
        if len(rules) != 1:
            raise ReminderRejected("UNSUPPORTED_TRIGGER_RECURRENCE", "give one recurrence rule")
        parse_rule(rules[0])


def _check_alert(reminder: ReminderRequest) -> None:
    info = reminder.alert_info.spoken_info if reminder.alert_info is not None else None
    content = info.content if info is not None else None
    if not content:
        raise ReminderRejected("INVALID_ALERT_INFO", "alertInfo.spokenInfo.content is required")
    for item in content:
        if not item.locale or not (item.text or item.ssml):
            raise ReminderRejected("INVALID_ALERT_INFO", "each content needs a locale and text")
        if item.text and len(item.text) > MAX_TEXT:
            raise ReminderRejected("INVALID_ALERT_INFO", "reminder text is too long")


def zone_of(name: str) -> ZoneInfo:
    """The IANA zone, or a rejection naming the bad time zone."""
    zone = zone_or_none(name)
    if zone is None:
        raise ReminderRejected("INVALID_TIMEZONE", "timeZoneId is not an IANA zone")
    return zone


def parse_rule(rule: str) -> Rule:
    """Parse the subset of RFC 5545 the sim supports; anything else is rejected."""
    parts: dict[str, str] = {}
    for chunk in filter(None, rule.strip().rstrip(";").split(";")):
        key, sep, value = chunk.partition("=")
        if not sep:
            raise ReminderRejected("UNSUPPORTED_TRIGGER_RECURRENCE", f"bad rule part {chunk!r}")
        parts[key.upper()] = value.upper()
    freq = parts.pop("FREQ", "")
    if freq not in ("DAILY", "WEEKLY") or parts.pop("INTERVAL", "1") != "1":
        raise ReminderRejected("UNSUPPORTED_TRIGGER_RECURRENCE", "only DAILY or WEEKLY, interval 1")
    try:
        at = time(*(int(parts.pop(name, "0")) for name in ("BYHOUR", "BYMINUTE", "BYSECOND")))
    except ValueError:
        raise ReminderRejected("UNSUPPORTED_TRIGGER_RECURRENCE", "bad BYHOUR/BYMINUTE") from None
    weekdays = frozenset(range(7))
    by_day = parts.pop("BYDAY", "")
    if freq == "WEEKLY":
        days = by_day.split(",") if by_day else []
        if not days or any(day not in _WEEKDAYS for day in days):
            raise ReminderRejected("UNSUPPORTED_TRIGGER_RECURRENCE", "WEEKLY needs BYDAY")
        weekdays = frozenset(_WEEKDAYS.index(day) for day in days)
    if parts:
        raise ReminderRejected("UNSUPPORTED_TRIGGER_RECURRENCE", f"unsupported {sorted(parts)}")
    return Rule(at, weekdays)


def first_fire(reminder: ReminderRequest, created: datetime, zone: str) -> datetime | None:
    """When a new or updated reminder next fires (UTC), at or after ``created``."""
    trigger = reminder.trigger
    if trigger.object_type == TriggerType.SCHEDULED_RELATIVE:
        return created + timedelta(seconds=trigger.offset_in_seconds)
    tz = zone_of(trigger.time_zone_id or zone)
    recurrence = trigger.recurrence
    if recurrence is None:
        return trigger.scheduled_time.replace(tzinfo=tz).astimezone(UTC)
    start = recurrence.start_date_time or trigger.scheduled_time
    after = max(start.replace(tzinfo=tz), created)
    return next_occurrence(reminder, after - timedelta(microseconds=1), zone)


def next_occurrence(reminder: ReminderRequest, after: datetime, zone: str) -> datetime | None:
    """The next firing of a recurring reminder strictly after ``after`` (UTC), or None."""
    trigger = reminder.trigger
    recurrence = trigger.recurrence
    if recurrence is None:
        return None
    tz = zone_of(trigger.time_zone_id or zone)
    rule = parse_rule(recurrence.recurrence_rules[0])
    end = recurrence.end_date_time
    local_after = after.astimezone(tz)
    for offset in range(8):
        day = local_after.date() + timedelta(days=offset)
        candidate = datetime.combine(day, rule.at, tzinfo=tz)
        if day.weekday() in rule.weekdays and candidate > local_after:
            if end is not None and candidate.replace(tzinfo=None) > end.replace(tzinfo=None):
                return None
            return candidate.astimezone(UTC)
    return None  # pragma: no cover - every rule has a weekday within a week
