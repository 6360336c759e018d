"""The first handler that can handle a request, found without asking those that cannot.

The SDK's request mapper asks every handler's ``can_handle`` in turn: forty-odd for a
handler late in the list. Most of ours route on data, though. A handler whose
``can_handle`` is ``IntentHandler``'s (or ``PendingAnswerHandler``'s, which asks it first)
can only take an IntentRequest whose intent it names; one whose ``can_handle`` is
``RequestTypeHandler``'s, only its request types. So for each request type and intent
name the mapper lists, once and in the original order, the handlers that may take it:
those, and every handler with a ``can_handle`` of its own, which is always asked. The
first of them whose ``can_handle`` says yes wins, as it did in the full list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_runtime.dispatch_components.request_components import (
    GenericRequestHandlerChain,
    GenericRequestMapper,
)

from skill.handlers.base import IntentHandler, PendingAnswerHandler, RequestTypeHandler

# A request type and, for an IntentRequest, its intent name; names no handler routes on
# share one key (OTHER), so the lists kept are as many as the names we know, not as the
# names requests bring.
Key = tuple[str, str | None]
OTHER = "\0other"
_INTENT_ROUTERS = (IntentHandler.can_handle, PendingAnswerHandler.can_handle)


@dataclass(frozen=True, slots=True)
class Route:
    """What a handler may take: these request types and, when given, only these intents."""

    types: frozenset[str]
    intents: frozenset[str] | None = None

    def admits(self, key: Key) -> bool:
        request_type, intent = key
        return request_type in self.types and (self.intents is None or intent in self.intents)


def route_of(handler: Any) -> Route | None:
    """The handler's route, when its ``can_handle`` routes on data alone first; else None
    (a ``can_handle`` of its own: asked for every request)."""
    can_handle = type(handler).can_handle
    if can_handle in _INTENT_ROUTERS:
        return Route(frozenset({"IntentRequest"}), frozenset(handler.intent_names))
    if can_handle is RequestTypeHandler.can_handle:
        return Route(frozenset(handler.request_types))
    return None


class RoutedRequestMapper(GenericRequestMapper):  # type: ignore[misc]
    """``GenericRequestMapper``, asking only the handlers that may take the request; its
    routes are read from the handlers it is built with (build_skill adds none later)."""

    def __init__(self, request_handler_chains: list[GenericRequestHandlerChain]) -> None:
        super().__init__(request_handler_chains)
        self._routes = [
            (chain, route_of(chain.request_handler)) for chain in request_handler_chains
        ]
        routes = [route for _, route in self._routes if route is not None]
        self._types = frozenset(t for route in routes for t in route.types)
        self._intents = frozenset(i for route in routes for i in route.intents or ())
        self._candidates: dict[Key, list[GenericRequestHandlerChain]] = {}

    def get_request_handler_chain(
        self, handler_input: HandlerInput
    ) -> GenericRequestHandlerChain | None:
        key = self._key(handler_input)
        chains = self._candidates.get(key)
        if chains is None:
            chains = self._candidates[key] = [
                chain for chain, route in self._routes if route is None or route.admits(key)
            ]
        for chain in chains:
            if chain.request_handler.can_handle(handler_input=handler_input):
                return chain
        return None

    def _key(self, handler_input: HandlerInput) -> Key:
        request = handler_input.request_envelope.request
        request_type = request.object_type if request.object_type in self._types else OTHER
        if request.object_type != "IntentRequest":
            return request_type, None
        intent = getattr(getattr(request, "intent", None), "name", None)
        return request_type, intent if intent in self._intents else OTHER
