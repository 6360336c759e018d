"""The user's time zone: cached in their profile, else the Alexa Settings API, else the locale.

Only a zone the Settings API reported is cached (profile fields ``tz`` and
``tz_checked``); a locale guess is used for this request only, so the next
request asks the device again, unless the API failed within the last hour
(``tz_failed``: a slow or failing call is not paid on every request). A cached zone is
refreshed after a week, in case the user moved their device.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_locale

from skill.episodes.store.profile import ProfileStore
from skill.episodes.zones import LOCALE_ZONES, locale_zone, zone_or_none

__all__ = ["LOCALE_ZONES", "locale_zone", "user_zone", "zone_or_none"]

log = logging.getLogger(__name__)

REFRESH_AFTER = timedelta(days=7)
RETRY_FAILED_AFTER = timedelta(hours=1)


def _device_zone(handler_input: HandlerInput) -> ZoneInfo | None:
    """Ask the Settings API for the device's zone; None when it cannot say."""
    try:
        factory = handler_input.service_client_factory
    except ValueError:  # a handler input built without an API client (no service calls)
        return None
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


def user_zone(
    handler_input: HandlerInput, profiles: ProfileStore, user_key: str, now: datetime
) -> ZoneInfo:
    """The user's time zone for this request (see the module docstring)."""
    profile = profiles.profile(user_key)
    cached = zone_or_none(profile.get("tz"))
    checked = _parse_checked(profile.get("tz_checked"))
    if cached is not None and checked is not None and now - checked < REFRESH_AFTER:
        return cached
    # What this request learns goes to the profile in one write (one round trip), at the end.
    learned: dict[str, str] = {}
    failed = _parse_checked(profile.get("tz_failed"))
    if failed is None or not timedelta(0) <= now - failed < RETRY_FAILED_AFTER:
        found = _device_zone(handler_input)
        if found is not None:
            profiles.update_profile(user_key, {"tz": found.key, "tz_checked": now.isoformat()})
            return found
        # Do not pay a slow or failing call on every request: back off for a while.
        learned["tz_failed"] = now.isoformat()
    zone = cached
    if zone is None:
        locale = get_locale(handler_input)
        if isinstance(locale, str) and locale in LOCALE_ZONES and profile.get("locale") != locale:
            # Remembered for the scheduler, which sees no request: its fallback is the locale's.
            learned["locale"] = locale
        zone = locale_zone(locale)
    if learned:
        profiles.update_profile(user_key, learned)
    return zone


def _parse_checked(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
