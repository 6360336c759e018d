"""The logging dialog's memory: what the user said so far, and what to ask next.

Kept in the session attribute ``diary_draft`` (plain JSON), so the dialog
survives a turn that Alexa routes elsewhere ("skip" or "I don't know" often
arrive as AMAZON.FallbackIntent). Each optional slot is asked once; an answer
Alexa could not match (ER_SUCCESS_NO_MATCH) is asked once more; the location,
the one required slot, is asked up to ``MAX_LOCATION_ASKS`` times.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from ask_sdk_model import Slot

from skill.episodes.entry import Said
from skill.episodes.model import LOCATIONS, SIDES, TRIGGERS, WIDESPREAD, other_trigger
from skill.episodes.slots import (
    PRESENT_REF,
    Resolved,
    parse_date,
    parse_duration,
    parse_time,
    past_day,
    resolve_slot,
)
from skill.episodes.trigger_concepts import concepts_in, denied
from skill.episodes.vocabulary import (
    SIDE_WORDS,
    TypeIndex,
    clean,
    resolved,
    type_index,
    unknown_forms,
)

# Where the question starts in a story told with one ("..., is that normal", "should i
# be worried", "could it be the coffee"): what comes before it is what happened.
_QUESTION_ASKED = re.compile(
    r"\b(?:is (?:it|that|this)|are they|should i|do i (?:need|have)|could (?:it|this|that)|"
    r"can (?:it|this|that)|might (?:it|this|that)|does (?:it|this|that)|why|what (?:could|"
    r"should|does|do|is|causes)|how (?:come|long|do|can|should))\b"
)
DRAFT = "diary_draft"
OTHER = "other"  # the TRIGGER type's value for causes outside the article's seven
UNKNOWN = "unknown"  # the id of "skip" / "I don't know" in the SIDE and TRIGGER types
MAX_LOCATION_ASKS = 3
# Places with no left or right: asking "which side?" about them would sound silly.
MIDLINE = frozenset({"tongue", "chin", "forehead", "neck", "upper_back", "lower_back", "back",
                     "chest", "stomach", "abdomen", WIDESPREAD})  # fmt: skip
# Places that come one on each side: "my calves" means both. Not fingers or toes (five a
# side), nor places whose plural is just the place ("my ribs", "my lips").
PAIRED = frozenset({"eyelid", "eye", "eyebrow", "cheek", "arm", "upper_arm", "bicep", "tricep",
                    "forearm", "elbow", "wrist", "hand", "palm", "thumb", "shoulder", "hip",
                    "buttock", "thigh", "quadriceps", "hamstring", "knee", "calf", "shin",
                    "ankle", "foot", "sole", "leg"})  # fmt: skip
OPTIONAL_ORDER = ("side", "duration", "time", "triggers")


@dataclass
class Draft:
    location: str | None = None
    side: str | None = None
    duration: int | None = None
    time: str | None = None  # raw AMAZON.TIME value
    date: str | None = None  # raw AMAZON.DATE value
    triggers: list[str] | None = None
    ago: int | None = None  # seconds before now ("an hour ago")
    location_unknown: int = 0  # times the user said they don't know where
    answered: list[str] = field(default_factory=list)  # slots settled (a value, or skipped)
    asked: dict[str, int] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)  # slots whose last answer did not match
    eliciting: str | None = None

    @classmethod
    def load(cls, attrs: dict[str, Any]) -> Draft:
        raw = attrs.get(DRAFT)
        if not isinstance(raw, dict):
            return cls()
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        draft = cls(**known)
        return draft if draft._well_formed() else cls()

    def _well_formed(self) -> bool:
        """Session attributes come back from the client: check the shapes before trusting them."""
        optional_text = (self.location, self.side, self.time, self.date, self.eliciting)
        lists = (self.answered, self.unmatched, self.triggers or [])
        return (
            all(v is None or isinstance(v, str) for v in optional_text)
            and all(v is None or type(v) is int for v in (self.duration, self.ago))
            and type(self.location_unknown) is int
            and all(isinstance(x, list) and all(isinstance(i, str) for i in x) for x in lists)
            and (self.triggers is None or isinstance(self.triggers, list))
            and isinstance(self.asked, dict)
            and all(isinstance(k, str) and type(v) is int for k, v in self.asked.items())
        )

    def save(self, attrs: dict[str, Any]) -> None:
        attrs[DRAFT] = asdict(self)

    @staticmethod
    def clear(attrs: dict[str, Any]) -> None:
        attrs.pop(DRAFT, None)

    # --- taking in one turn's slots ---

    def merge(
        self,
        slots: dict[str, Any] | None,
        *,
        answering: str | None = None,
        locale: str | None = None,
    ) -> None:
        """Take every slot value of this turn (a later value replaces an earlier one).

        ``answering`` is the slot just asked about: later turns echo earlier slot
        values, so only its answer (or the location) can count as not understood.
        ``locale`` picks the generated model whose values a second look uses.
        """
        slots = slots or {}
        self.unmatched = []
        self._merge_location(slots.get("location"), locale)
        self._merge_side(slots.get("side"), locale)
        duration_raw = _value(slots.get("duration"))
        if duration_raw is not None:
            self._settle("duration", parse_duration(duration_raw), duration_raw)
        time_raw = _value(slots.get("time"))
        if time_raw is not None:
            self._settle("time", time_raw if parse_time(time_raw) else None, time_raw)
        date_raw = _value(slots.get("date"))
        if date_raw is not None:
            self.date = date_raw  # whether it names one day is decided in next_question
            self._mark("time")
        ago_raw = _value(slots.get("ago"))
        if ago_raw is not None:
            # "an hour ago": resolved against now when the entry is saved.
            seconds = parse_duration(ago_raw)
            if seconds is None:
                self.unmatched.append("time")
            else:
                self.ago = seconds  # "an hour ago": the most exact time said wins
                self._mark("time")
        self._merge_triggers(slots.get("triggers"), locale)
        if answering is not None:
            self.unmatched = [n for n in self.unmatched if n in (answering, "location")]

    def merge_story(self, story: str, locale: str | None) -> None:
        """Take what a twitch told inside a question says ("my calf has been twitching
        since my run, is that normal"): the place and its side, as a second look finds
        them, and the causes its told part names in everyday words. The question it
        ends with ("should i be worried") names no cause."""
        self._merge_location(Slot(name="location", value=story), locale)
        told = _QUESTION_ASKED.split(story.lower(), maxsplit=1)[0]
        causes = [c for c in concepts_in(told) if c in TRIGGERS]
        if causes:
            self.triggers = causes
            self._mark("triggers")

    def _merge_location(self, slot: Any, locale: str | None) -> None:
        values = resolved(slot, "BODY_LOCATION", locale)
        if not values:
            return
        found = next((v for v in values if v.id in LOCATIONS), None)
        if found is not None:
            self.location = found.id
            if self.side is None:
                # "my calves", "both thighs", "the pinky on my right hand": the place says
                # the side too; a side said in its own slot wins.
                # A plural is both sides only for a paired place ("fingers" are on one hand).
                words = found.spoken.lower().split()
                plural = type_index(locale, "BODY_LOCATION").said_in_plural(found.spoken, found.id)
                both = "both" in words or (found.id in PAIRED and plural)
                side = "both" if both else _side_in(found.spoken)
                if side is not None:
                    self.side = side
                    self._mark("side")
        elif any(clean(v.spoken) in unknown_forms(locale) for v in values):
            self.location_unknown += 1  # "I don't know", "skip": not a body part to re-ask
        else:
            self.unmatched.append("location")

    def _merge_side(self, slot: Any, locale: str | None) -> None:
        values = resolved(slot, "SIDE", locale)
        if not values:
            return
        ids = [v.id for v in values]
        if UNKNOWN in ids:
            self._mark("side")
            return
        side = next((i for i in ids if i in SIDES), None)
        self._settle("side", side, values[0].spoken)

    def _merge_triggers(self, slot: Any, locale: str | None) -> None:
        values = _trigger_values(slot, locale)
        if not values:
            return
        ids = [v.id for v in values]
        known = {i for i in ids if i in TRIGGERS}
        # A cause outside the article's seven ("wine", "the cold": the type's "other" value)
        # is kept in the user's words, as one the type does not know at all.
        unmatched = [v.spoken for v in values if v.id is None or v.id == OTHER]
        # Everyday words about a known trigger ("a double shift") name it, and a phrase
        # may name two ("revising on barely any sleep"); what names none is kept in the
        # user's words, never dropped.
        about = {v.spoken: concepts_in(v.spoken) for v in values}
        known = sorted(known.union(*about.values()))
        others = [t for spoken in unmatched if not about[spoken] and (t := other_trigger(spoken))]
        if known or others:
            # "none" alongside a real trigger is noise from the multi-value slot.
            named = [t for t in known if t != "none"] + list(dict.fromkeys(others))
            self.triggers = named or ["none"]
            self._mark("triggers")
        elif UNKNOWN in ids:
            self._mark("triggers")

    def _settle(self, name: str, value: Any, raw: str | None) -> None:
        if value is not None:
            setattr(self, name, value)
            self._mark(name)
        elif raw:
            self.unmatched.append(name)

    def _mark(self, name: str) -> None:
        if name not in self.answered:
            self.answered.append(name)

    def skip(self) -> None:
        """The user passed on the question just asked."""
        if self.eliciting and self.eliciting != "location":
            self._mark(self.eliciting)
        self.unmatched = []

    def accept_as_told(self) -> bool:
        """A first report with the place and at least two details is complete enough.

        People who volunteer "my left calf twitched for two minutes" expect it saved, not
        a quiz: an unstated time means just now and unstated triggers stay unknown. A
        sparse report ("my calf twitched") still gets each missing detail asked once.
        Returns whether the report was accepted as told.
        """
        details = [name for name in OPTIONAL_ORDER if name in self.answered]
        if self.location is None or self.unmatched or len(details) < 2:
            return False
        for name in OPTIONAL_ORDER:
            self._mark(name)
        return True

    # --- deciding the next turn ---

    def next_question(self, today: date) -> str | None:
        """The slot to ask about next, or None when the entry can be saved."""
        if self.location is None:
            return "location"
        if (
            "time" in self.answered
            and not self._day_usable(today)
            and self.asked.get("time", 0) < 1
        ):
            self.answered.remove("time")  # "last week" names no day: ask once for the day
        for name in OPTIONAL_ORDER:
            if name == "side" and self.location in MIDLINE:
                continue
            asked = self.asked.get(name, 0)
            if name in self.unmatched and asked < 2:
                return name
            if name not in self.answered and asked == 0:
                return name
        return None

    def location_given_up(self) -> bool:
        return self.location is None and self.asked.get("location", 0) >= MAX_LOCATION_ASKS

    def note_asked(self, name: str) -> None:
        self.asked[name] = self.asked.get(name, 0) + 1
        self.eliciting = name

    def _day_usable(self, today: date) -> bool:
        return self.date is None or past_day(parse_date(self.date, today), today) is not None

    def said(self, today: date) -> Said:
        """The answers, parsed for the episode (an unusable date falls back to today)."""
        assert self.location is not None
        return Said(
            location=self.location,
            side=self.side,
            duration_seconds=self.duration,
            time=parse_time(self.time),
            # "Now" / "just now" (PRESENT_REF) is the moment said, not a day alone.
            day=None if self.date == PRESENT_REF else past_day(parse_date(self.date, today), today),
            triggers=tuple(self.triggers or ()),
            ago_seconds=self.ago,
        )


def _side_in(spoken: str) -> str | None:
    said = [w for w in spoken.lower().split() if w in SIDE_WORDS]
    return said[0] if len(set(said)) == 1 else None


def _value(slot: Any) -> str | None:
    value = getattr(slot, "value", None)
    return str(value) if value else None


def _trigger_values(slot: Any, locale: str | None) -> list[Resolved]:
    """Every trigger said; an unresolved "coffee and stress" is split, each part looked up."""
    index = type_index(locale, "TRIGGER")
    found: list[Resolved] = []
    for value in resolve_slot(slot):
        if value.id is not None:
            found.append(value)
            continue
        parts = index.pieces(value.spoken)
        if denied(value.spoken):
            parts = [value.spoken]  # "not taking any tea or coffee": one denial, kept whole
        found += [_trigger_part(part, index) for part in parts]
    return found


def _trigger_part(part: str, index: TypeIndex) -> Resolved:
    """One unresolved trigger phrase: the triggers its words are about when they name any
    ("a long day of skiing" is the skiing, not "a long day" found inside it), else the
    value found inside it, else none (kept in the user's words). A trigger said to be
    absent ("haven't had any coffee", "slept fine") names none of them: it is kept in the
    user's words, never taken for the value it denies."""
    if concepts_in(part) or denied(part):
        return Resolved(part, None)
    return Resolved(part, index.lookup(part))
