"""A second chance for custom slot values Alexa did not resolve: cleaned words, retried.

Alexa's entity resolution answers ER_SUCCESS_NO_MATCH for "my calves" or "two coffees"
when only "calf" and "coffee" are in the type. Before giving up, the skill drops the
words that carry no meaning here ("my", "a", "the", "too much", "some", numbers) and
plural endings, and looks the rest up among the type's values and synonyms, cleaned the
same way. The values come from the generated interaction model of the request's locale
(read once per process), so the skill and the model cannot disagree.

When the whole phrase still matches nothing, the head of a compound is taken ("pinky on
my right hand" -> finger), else a known value inside it ("calf for about two minutes" ->
calf), the longest first and the last of equals ("left hand thumb" -> thumb); "none" and
"unknown" only ever match a whole phrase, and a value right after "no" / "not" /
"without" is not taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from skill.episodes.slots import Resolved, resolve_slot
from skill.intents import LOCALES, load_model

FILLER = frozenset({"my", "a", "an", "the", "some", "of", "too", "much", "many", "lots", "lot",
                    "bit", "just", "really", "very", "both", "on", "in", "like"})  # fmt: skip
NUMBERS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                     "ten", "several", "multiple", "extra", "double"})  # fmt: skip
NEGATIONS = frozenset({"no", "not", "without", "never"})
# Inside a place, "left" and "right" say the side, not the place.
SIDE_WORDS = frozenset({"left", "right"})
# "X on / of / under my Y": X is what is meant (the pinky on my hand, the sole of my foot).
HEAD_BEFORE = frozenset({"on", "of", "under", "in", "at", "near", "between", "by", "behind"})
WHOLE_ONLY = frozenset({"none", "unknown"})
FLANK = "side"  # the place: "a twitch in my side"
# Plurals that are not a word plus "s": the singular is what the types list.
IRREGULAR = {"feet": "foot", "teeth": "tooth", "calves": "calf", "halves": "half",
             "thighs": "thigh", "knees": "knee", "hammies": "hammy"}  # fmt: skip
# Words ending in "s" that are not plurals (cleaning them would break the match).
NOT_PLURAL = frozenset({"biceps", "triceps", "quadriceps", "abs", "glutes", "pecs", "traps",
                        "lats", "stress", "nerves", "is", "was", "has", "this", "always",
                        "less", "press", "chess", "tennis", "news",
                        "stairs", "fitness", "illness", "sickness", "tiredness", "anxious",
                        "nervous", "pass", "gas", "bus"})  # fmt: skip
# Of those, the gym names of muscles people have one of on each side: "my glutes" or "my
# biceps are twitching", with no side said, is both of them.
PAIRED_PLURALS = frozenset({"biceps", "triceps", "glutes", "pecs", "lats", "traps"})
_WORD = re.compile(r"[a-z0-9']+")
_SPLIT = re.compile(r"\s*(?:,|\band\b|\bplus\b|\bthen\b|\bor\b|&)\s*")


def singular(word: str) -> str:
    """'calves' -> 'calf', 'coffees' -> 'coffee', 'pinkies' -> 'pinky'; else the word."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith("'s"):  # "a bad night's sleep": a possessive, not a plural
        return word[:-2]
    if word in NOT_PLURAL or len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "ses")):
        return word[:-2]
    return word[:-1]


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def clean(text: str) -> str:
    """The words that carry meaning, each made singular: 'my two calves' -> 'calf'."""
    kept = [singular(w) for w in words_of(text) if w not in FILLER and w not in NUMBERS]
    kept = [w for w in kept if not w.isdigit()]
    return " ".join(kept)


@dataclass(frozen=True, slots=True)
class TypeIndex:
    """One slot type's spoken forms, cleaned, mapped to their ids."""

    forms: dict[str, str]  # cleaned form -> id

    def lookup(self, spoken: str) -> str | None:
        """The id of a cleaned whole phrase (side words left out: "sole of my left foot"),
        else of the head of a compound ("pinky on my right hand": the pinky), else of the
        longest known value inside it, the last of equals ("left hand thumb": the thumb)."""
        cleaned = clean(spoken)
        if not cleaned:
            return None
        if cleaned in self.forms:
            return self.forms[cleaned]
        unsided = " ".join(w for w in cleaned.split() if w not in SIDE_WORDS)
        if unsided in self.forms:
            return self.forms[unsided]
        raw = words_of(spoken)
        for at, word in enumerate(raw):
            # "thumb, right hand", "my face, the left side of it": a side word after a
            # place starts the words that say where it is, so the place before is meant.
            if at and word in SIDE_WORDS:
                found = self._inside(" ".join(raw[:at]), raw)
                if found is not None:
                    return found
            if at and word in HEAD_BEFORE:
                found = self._inside(" ".join(raw[:at]), raw)
                # "the left side of my face": that side is which side, the face is meant.
                if found == FLANK and word == "of":
                    break
                if found is not None:
                    return found
                break
        return self._inside(spoken, raw)

    def _inside(self, spoken: str, raw: list[str]) -> str | None:
        words = [w for w in clean(spoken).split() if w not in SIDE_WORDS]
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size, -1, -1):
                found = self.forms.get(" ".join(words[start : start + size]))
                if found is None or found in WHOLE_ONLY:
                    continue
                if _negated(raw, words[start]):
                    continue
                return found
        return None

    def said_in_plural(self, spoken: str, value_id: str) -> bool:
        """Whether the words name the value in the plural ("my calves", "both eye lids");
        other plurals around it ("for two minutes" in a story) say nothing of it."""
        said = words_of(spoken)
        for at, word in enumerate(said):
            one = singular(word)
            if one == word and word not in PAIRED_PLURALS:
                continue
            phrases = [one, *([f"{said[at - 1]} {one}"] if at else [])]
            if any(self.forms.get(clean(phrase)) == value_id for phrase in phrases):
                return True
        return False

    def pieces(self, spoken: str) -> list[str]:
        """A phrase naming several values ('coffee and a bad night's sleep'), split apart."""
        return [p for p in _SPLIT.split(spoken.lower()) if p.strip()]


def _negated(raw: list[str], first_word: str) -> bool:
    """Whether the word (by its singular) comes straight after a negation in what was said."""
    for index, word in enumerate(raw):
        if singular(word) == first_word and index > 0 and raw[index - 1] in NEGATIONS:
            return True
    return False


@cache
def type_index(locale: str | None, type_name: str) -> TypeIndex:
    """The cleaned forms of one custom type in the locale's generated model (cached)."""
    model = load_model(locale if locale in LOCALES else "en-US")
    types = model["interactionModel"]["languageModel"].get("types", [])
    forms: dict[str, str] = {}
    for slot_type in types:
        if slot_type["name"] != type_name:
            continue
        for value in slot_type.get("values", []):
            name = value.get("name", {})
            for spoken in [name.get("value", ""), *name.get("synonyms", [])]:
                cleaned = clean(spoken)
                if cleaned:
                    forms.setdefault(cleaned, value["id"])
    return TypeIndex(forms)


def unknown_forms(locale: str | None) -> frozenset[str]:
    """Cleaned ways of saying "skip" / "I don't know" (the SIDE type's ``unknown`` value)."""
    index = type_index(locale, "SIDE")
    return frozenset(form for form, value_id in index.forms.items() if value_id == "unknown")


def resolved(slot: Any, type_name: str, locale: str | None) -> list[Resolved]:
    """The slot's values; one Alexa did not resolve gets a second look, cleaned, against
    the locale's generated model."""
    index = type_index(locale, type_name)
    return [
        v if v.id is not None else Resolved(v.spoken, index.lookup(v.spoken))
        for v in resolve_slot(slot)
    ]
