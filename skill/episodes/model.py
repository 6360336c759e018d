"""Domain model of the twitch diary: plain frozen dataclasses, no I/O."""

from __future__ import annotations

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


def region_of(location: str) -> str | None:
    """The body region of a canonical location id, or None for an unknown id."""
    return REGION_OF_LOCATION.get(location)


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


class DiaryMark(Protocol):
    """What the rules read of an entry: the user's calendar day and the place.

    ``Episode`` has both; the scheduler decodes only these two (``DayPlace``), which is
    most of its speed.
    """

    @property
    def local_date(self) -> date: ...

    @property
    def location(self) -> str: ...


class DayPlace(NamedTuple):
    """A light ``DiaryMark``: one twitch day and place, as the sweep reads them."""

    local_date: date
    location: str
