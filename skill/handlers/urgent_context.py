"""The words said around an urgent symptom (the ``context`` slot), as the rules read them.

Alexa resolves "i'm completely fine", "a good while back" or "out of curiosity" to one of
SYMPTOM_CONTEXT's ids (over, long ago, asking, numbed, laughing) when they are values or
synonyms of the type. The emergency rules know each id's own words ("fine now", "years
ago", "just curious"), not every way of saying it, so a resolved context is read as its
id's value name; words Alexa did not resolve stay as said.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from skill.episodes.slots import resolve_slot
from skill.models import LOCALES, load_model

CONTEXT_TYPE = "SYMPTOM_CONTEXT"


@cache
def _value_names(locale: str | None) -> dict[str, str]:
    """id -> value name of the context type in the locale's generated model."""
    model = load_model(locale if locale in LOCALES else "en-US")
    for slot_type in model["interactionModel"]["languageModel"].get("types", []):
        if slot_type["name"] == CONTEXT_TYPE:
            return {v["id"]: v["name"]["value"] for v in slot_type.get("values", [])}
    return {}


def context_words(slot: Any, locale: str | None) -> str:
    """The context slot's words for the rules: its value name when Alexa resolved it,
    else the words as said ("" when the slot is empty)."""
    said = resolve_slot(slot)
    names = _value_names(locale)
    return " ".join(names.get(v.id or "", v.spoken) for v in said).strip()


# Said as a figure of speech ("paralysed with boredom", "nearly died of embarrassment"):
# the words name a symptom and mean none.
FIGURATIVE = "figurative"


def figurative(slot: Any) -> bool:
    """Whether Alexa resolved the context to a figure of speech."""
    return any(v.id == FIGURATIVE for v in resolve_slot(slot))
