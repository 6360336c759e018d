"""Reminder bodies as ask_sdk_model objects, and the local times they fire at.

Times sent to Amazon are local wall-clock times without an offset, paired with
an IANA ``timeZoneId`` (ALEXA.md section 2.2): the API rejects ``Z`` or offsets
in ``scheduledTime``. Reminder text holds no health details: anyone near the
speaker hears it.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from ask_sdk_model.services.reminder_management import (
    AlertInfo,
    PushNotification,
    PushNotificationStatus,
    Recurrence,
    ReminderRequest,
    SpokenInfo,
    SpokenText,
    Trigger,
    TriggerType,
)

LOGGING_TEXT = "Time to log your twitches in Muscle Twitch Diary."
CHECKIN_TEXT = "Time to check in with your twitch diary. Open Muscle Twitch Diary."
CHECKIN_AFTER = timedelta(days=14)
CHECKIN_HOUR = 9  # check-ins and moved check-ins speak at 9:00 local, a polite hour


def daily_rule(at: time) -> str:
    """The RFC 5545 rule for every day at ``at`` (local time)."""
    return f"FREQ=DAILY;BYHOUR={at.hour};BYMINUTE={at.minute};BYSECOND=0"


def next_local(now: datetime, zone: str, at: time) -> datetime:
    """The first local wall-clock time ``at`` strictly after ``now``, naive (as Amazon wants)."""
    local_now = now.astimezone(ZoneInfo(zone))
    candidate = datetime.combine(local_now.date(), at)
    if candidate <= local_now.replace(tzinfo=None):
        candidate += timedelta(days=1)
    return candidate


def checkin_time(first_logged_at: datetime, zone: str) -> datetime:
    """When the two-week check-in speaks: the first 9:00 local after 14 days have passed."""
    return next_local(first_logged_at + CHECKIN_AFTER, zone, time(CHECKIN_HOUR))


def next_morning(now: datetime, zone: str) -> datetime:
    """The next 9:00 local after ``now`` (a moved check-in)."""
    return next_local(now, zone, time(CHECKIN_HOUR))


def _request_time(now: datetime) -> datetime:
    return now.astimezone(ZoneInfo("UTC")).replace(tzinfo=None, microsecond=0)


def _alert(locale: str, text: str) -> AlertInfo:
    return AlertInfo(spoken_info=SpokenInfo(content=[SpokenText(locale=locale, text=text)]))


def daily_reminder(now: datetime, zone: str, at: time, locale: str) -> ReminderRequest:
    """A daily logging prompt at ``at`` local time, starting at its next occurrence."""
    first = next_local(now, zone, at)
    trigger = Trigger(
        object_type=TriggerType.SCHEDULED_ABSOLUTE,
        scheduled_time=first,
        time_zone_id=zone,
        recurrence=Recurrence(start_date_time=first, recurrence_rules=[daily_rule(at)]),
    )
    return ReminderRequest(
        request_time=_request_time(now),
        trigger=trigger,
        alert_info=_alert(locale, LOGGING_TEXT),
        push_notification=PushNotification(status=PushNotificationStatus.ENABLED),
    )


def one_shot_reminder(now: datetime, zone: str, at_local: datetime, locale: str) -> ReminderRequest:
    """A single check-in reminder at the naive local time ``at_local``."""
    trigger = Trigger(
        object_type=TriggerType.SCHEDULED_ABSOLUTE,
        scheduled_time=at_local.replace(tzinfo=None, microsecond=0),
        time_zone_id=zone,
    )
    return ReminderRequest(
        request_time=_request_time(now),
        trigger=trigger,
        alert_info=_alert(locale, CHECKIN_TEXT),
        push_notification=PushNotification(status=PushNotificationStatus.ENABLED),
    )
