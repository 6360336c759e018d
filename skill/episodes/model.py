"""Domain model of the twitch diary: plain frozen dataclasses, no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple, Protocol

SIDES: frozenset[str] = frozenset({"left", "right", "both"})
TIMES_OF_DAY: tuple[str, ...] = ("morning", "afternoon", "evening", "night")
TRIGGERS: frozenset[str] = frozenset(
    {"caffeine", "stress", "fatigue", "dehydration", "exercise", "poor_sleep", "stimulants", "none"}
)

# Body regions the spreading rule compares ("face, arms, legs, trunk" in the article).
FACE, ARMS, LEGS, TRUNK = "face", "arms", "legs", "trunk"
REGION_OF_LOCATION: dict[str, str] = {
    **dict.fromkeys(("eyelid", "eye", "eyebrow", "lip", "cheek", "jaw", "face", "tongue",
                     "chin", "forehead"), FACE),
    **dict.fromkeys(("arm", "upper_arm", "bicep", "tricep", "forearm", "elbow", "wrist", "hand",
                     "palm", "thumb", "finger", "shoulder"), ARMS),
    **dict.fromkeys(("hip", "buttock", "thigh", "quadriceps", "hamstring", "knee", "calf", "shin",
                     "ankle", "foot", "sole", "toe", "leg", "groin"), LEGS),
    **dict.fromkeys(("neck", "upper_back", "lower_back", "back", "chest", "stomach", "abdomen",
                     "side", "ribs"), TRUNK),
}  # fmt: skip


# Twitching "all over" / "everywhere": no single region. For the spreading rule it counts
# as every region at once: a person who twitches all over already has what the rule looks
# for (twitches in several areas), so one such entry reaches the spreading advice. In the
# report's counts by region it stays its own "other" row rather than inflating four.
WIDESPREAD = "widespread"
REGIONS: tuple[str, ...] = (FACE, ARMS, LEGS, TRUNK)
LOCATIONS: frozenset[str] = frozenset(REGION_OF_LOCATION) | {WIDESPREAD}
# The broader place each place is part of ("the sole of my foot", "my upper back"): a
# place said again more finely names where the twitch was.
PART_OF: dict[str, str] = {
    "sole": "foot", "toe": "foot", "palm": "hand", "thumb": "hand", "finger": "hand",
    "upper_back": "back", "lower_back": "back", "bicep": "upper_arm", "tricep": "upper_arm",
    "upper_arm": "arm", "forearm": "arm", "elbow": "arm", "wrist": "arm", "hand": "arm",
    "quadriceps": "thigh", "hamstring": "thigh", "thigh": "leg", "calf": "leg", "shin": "leg",
    "knee": "leg", "ankle": "leg", "foot": "leg", "eyelid": "eye", "eye": "face",
    "eyebrow": "face", "lip": "face", "cheek": "face", "jaw": "face", "chin": "face",
    "forehead": "face",
}  # fmt: skip
_WHOLES = frozenset(PART_OF.values())


def knows_parts(place: str) -> bool:
    """Whether ``place`` has parts of its own in ``PART_OF`` (a finer place may be said)."""
    return place in _WHOLES


def is_part_of(part: str, whole: str) -> bool:
    """Whether ``part`` lies within ``whole`` ("sole" within "leg"), not the place itself."""
    place = PART_OF.get(part)
    while place is not None:
        if place == whole:
            return True
        place = PART_OF.get(place)
    return False


def region_of(location: str) -> str | None:
    """The body region of a canonical location id, or None for an unknown id (and widespread)."""
    return REGION_OF_LOCATION.get(location)


def regions_of(location: str) -> tuple[str, ...]:
    """Every region a location counts for in the rules: one, all four for widespread, or none."""
    if location == WIDESPREAD:
        return REGIONS
    region = REGION_OF_LOCATION.get(location)
    return (region,) if region else ()


def region_mask(location: str) -> int:
    """``regions_of`` as bits, one per region in ``REGIONS`` order (the rules' spread window
    counts with ints); worked out once for the known locations."""
    mask = _REGION_MASKS.get(location)
    return _mask_of(location) if mask is None else mask


def _mask_of(location: str) -> int:
    return sum(1 << REGIONS.index(region) for region in set(regions_of(location)))


_REGION_MASKS = {location: _mask_of(location) for location in LOCATIONS}


# A trigger the types do not know is kept in the user's own words: ``other:<words>``.
OTHER_TRIGGER = "other:"
_OTHER_CHARS = re.compile(r"[^a-z0-9' -]+")
MAX_OTHER_CHARS = 40


def other_trigger(words: str) -> str | None:
    """The stored form of a trigger said in the user's own words, or None when nothing is left.

    Only letters, digits, spaces, apostrophes and hyphens are kept: the store separates
    fields with '|' and triggers with ','.
    """
    kept = " ".join(_OTHER_CHARS.sub(" ", words.lower()).split())[:MAX_OTHER_CHARS].strip()
    return f"{OTHER_TRIGGER}{kept}" if kept else None


def is_trigger(value: str) -> bool:
    """A canonical trigger id or a trigger kept in the user's words."""
    if value in TRIGGERS:
        return True
    return value.startswith(OTHER_TRIGGER) and len(value) > len(OTHER_TRIGGER)


@dataclass(frozen=True, slots=True)
class Episode:
    """One logged twitch.

    ``started_at`` is timezone-aware UTC; ``local_date`` is the user's own calendar
    date for it (rules count days as the user lives them, not in UTC).
    """

    id: str
    started_at: datetime
    local_date: date
    location: str
    side: str | None = None
    duration_seconds: int | None = None
    time_of_day: str | None = None
    triggers: tuple[str, ...] = field(default=())

    @property
    def region(self) -> str | None:
        return region_of(self.location)

    @property
    def day(self) -> int:
        """``local_date`` as an ordinal (``DiaryMark``)."""
        return self.local_date.toordinal()

    @property
    def regions(self) -> int:
        """``region_mask`` of the location (``DiaryMark``)."""
        return region_mask(self.location)


class DiaryMark(Protocol):
    """What the rules read of an entry: the user's calendar day and the place, and both as
    the rules count with them (the day's ordinal, the place's ``region_mask``).

    ``Episode`` has them; the scheduler decodes only these (``DayPlace``), which is most of
    its speed.
    """

    @property
    def local_date(self) -> date: ...

    @property
    def location(self) -> str: ...

    @property
    def day(self) -> int: ...

    @property
    def regions(self) -> int: ...


class DayPlace(NamedTuple):
    """A light ``DiaryMark``: one twitch day and place, as the sweep reads them, with the
    day's ordinal and the place's regions worked out once (``of``)."""

    local_date: date
    location: str
    day: int
    regions: int

    @classmethod
    def of(cls, local_date: date, location: str) -> DayPlace:
        return cls(local_date, location, local_date.toordinal(), region_mask(location))
