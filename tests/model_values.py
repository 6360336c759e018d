"""What a locale's generated model resolves a spoken value to, as Alexa's entity resolution
would: the tests' way of filling envelopes the way the model fills them."""

from __future__ import annotations

from skill.intents import load_model


def value_id(locale: str, type_name: str, spoken: str) -> str | None:
    """The id ``spoken`` resolves to in ``type_name``, else None (ER_SUCCESS_NO_MATCH)."""
    language = load_model(locale)["interactionModel"]["languageModel"]
    [values] = [t["values"] for t in language["types"] if t["name"] == type_name]
    for value in values:
        if spoken in (value["name"]["value"], *value["name"].get("synonyms", [])):
            return str(value["id"])
    return None
