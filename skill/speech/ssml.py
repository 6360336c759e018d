"""Make plain text safe to place inside <speak>...</speak>."""

from __future__ import annotations

from xml.sax.saxutils import escape

# Characters that are not valid XML 1.0 would make Alexa reject the whole response.
_INVALID_XML = {c: None for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)}


def to_ssml(text: str) -> str:
    """Escape &, < and > and drop control characters, so text reads aloud as written."""
    return escape(text.translate(_INVALID_XML))
