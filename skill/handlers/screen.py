"""The Echo Show screen: an APL card sent along with a reply, only where APL renders."""

from __future__ import annotations

from collections.abc import Sequence

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

from skill.handlers.context import context_of
from skill.report import apl


def add_screen(handler_input: HandlerInput, token: str, title: str, lines: Sequence[str]) -> None:
    """Add the APL card to the response, only on devices that support APL."""
    if not context_of(handler_input).has_screen:
        return
    directive = RenderDocumentDirective(
        token=token, document=apl.DOCUMENT, datasources=apl.card_datasource(title, lines)
    )
    handler_input.response_builder.add_directive(directive)
