"""Time zones: validating IANA names and the per-locale fallbacks. Pure, no I/O."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LOCALE_ZONES: dict[str, str] = {
    "en-US": "America/New_York",
    "en-GB": "Europe/London",
    "en-CA": "America/Toronto",
    "en-AU": "Australia/Sydney",
    "en-IN": "Asia/Kolkata",
}
DEFAULT_ZONE = "America/New_York"


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
