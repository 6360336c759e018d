"""The user's time zone: cached in their profile, else the Alexa Settings API, else the locale.

Only a zone the Settings API reported is cached (profile fields ``tz`` and
``tz_checked``); a locale guess is used for this request only, so the next
request asks the device again. A cached zone is refreshed after a week, in case
the user moved their device.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ask_sdk_core.handler_input import HandlerInput

from skill.episodes.store import Store

log = logging.getLogger(__name__)

LOCALE_ZONES: dict[str, str] = {
    "en-US": "America/New_York",
    "en-GB": "Europe/London",
    "en-CA": "America/Toronto",
    "en-AU": "Australia/Sydney",
    "en-IN": "Asia/Kolkata",
}
DEFAULT_ZONE = "America/New_York"
REFRESH_AFTER = timedelta(days=7)


def zone_or_none(name: str | None) -> ZoneInfo | None:
    """A ZoneInfo for a valid IANA name, else None."""
    if not name or len(name) > 64 or name.startswith(("/", ".")) or ".." in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def locale_zone(locale: str | None) -> ZoneInfo:
    """The fallback zone for a locale (America/New_York for unknown ones)."""
    return ZoneInfo(LOCALE_ZONES.get(locale or "", DEFAULT_ZONE))


def _device_zone(handler_input: HandlerInput) -> ZoneInfo | None:
    """Ask the Settings API for the device's zone; None when it cannot say."""
    factory = handler_input.service_client_factory
    device = getattr(handler_input.request_envelope.context.system, "device", None)
    device_id = getattr(device, "device_id", None)
    if factory is None or not device_id:
        return None
    try:
        answer = factory.get_ups_service().get_system_time_zone(device_id)
    except Exception as exc:  # noqa: BLE001 - an outside service must never break a request
        log.info("settings API gave no time zone: %s", type(exc).__name__)
        return None
    return zone_or_none(answer if isinstance(answer, str) else None)


def user_zone(handler_input: HandlerInput, store: Store, user_key: str, now: datetime) -> ZoneInfo:
    """The user's time zone for this request (see the module docstring)."""
    profile = store.profile(user_key)
    cached = zone_or_none(profile.get("tz"))
    checked = _parse_checked(profile.get("tz_checked"))
    if cached is not None and checked is not None and now - checked < REFRESH_AFTER:
        return cached
    found = _device_zone(handler_input)
    if found is not None:
        store.update_profile(user_key, {"tz": found.key, "tz_checked": now.isoformat()})
        return found
    if cached is not None:
        return cached
    return locale_zone(getattr(handler_input.request_envelope.request, "locale", None))


def _parse_checked(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
