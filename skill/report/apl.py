"""APL documents for Echo Show screens: a title and a few short lines. Pure data (dicts).

One small document serves both the logging confirmation and the weekly summary: the
text lives in the datasource, so the document itself never changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

APL_VERSION = "2023.3"
TOKEN_SAVED = "twitchSaved"
TOKEN_WEEKLY = "twitchWeekly"

DOCUMENT: dict[str, Any] = {
    "type": "APL",
    "version": APL_VERSION,
    "theme": "dark",
    "mainTemplate": {
        "parameters": ["payload"],
        "items": [
            {
                "type": "Container",
                "width": "100vw",
                "height": "100vh",
                "paddingLeft": "@marginHorizontal",
                "paddingRight": "@marginHorizontal",
                "paddingTop": "@spacingLarge",
                "items": [
                    {
                        "type": "Text",
                        "text": "${payload.card.title}",
                        "style": "textStyleDisplay4",
                    },
                    {
                        "type": "Sequence",
                        "grow": 1,
                        "paddingTop": "@spacingMedium",
                        "data": "${payload.card.lines}",
                        "items": [
                            {
                                "type": "Text",
                                "text": "${data}",
                                "style": "textStyleBody",
                                "paddingBottom": "@spacingSmall",
                            }
                        ],
                    },
                    {
                        "type": "Text",
                        "text": "${payload.card.footer}",
                        "style": "textStyleHint",
                        "paddingBottom": "@spacingMedium",
                    },
                ],
            }
        ],
    },
    "import": [{"name": "alexa-styles", "version": "1.6.0"}],
}

FOOTER = "Information, not medical advice."


def card_datasource(title: str, lines: Sequence[str]) -> dict[str, Any]:
    """The datasource ``DOCUMENT`` reads: ``payload.card``."""
    return {"card": {"title": title, "lines": list(lines), "footer": FOOTER}}
