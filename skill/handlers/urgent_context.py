"""The words said around an urgent symptom (the ``context`` slot) that say it is a figure
of speech: "paralysed with boredom", "nearly died of embarrassment" name a symptom and
mean none, so they alarm no one. Every other context is read by the emergency rules in
the words said: reading a resolved context as its id's own words ("it's gone" as "fine
now") would calm a line the matcher or Alexa split wrongly ("... and now it's gone
completely weak"), and a false calm costs more than a false alarm.
"""

from __future__ import annotations

from typing import Any

from skill.episodes.slots import resolve_slot

# Said as a figure of speech ("paralysed with boredom", "nearly died of embarrassment"):
# the words name a symptom and mean none.
FIGURATIVE = "figurative"


def figurative(slot: Any) -> bool:
    """Whether Alexa resolved the context to a figure of speech."""
    return any(v.id == FIGURATIVE for v in resolve_slot(slot))
