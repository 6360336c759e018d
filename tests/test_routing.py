"""The routed request mapper (skill/handlers/routing.py) picks the handler the SDK's own mapper
picks, for every intent and request type the skill knows, with and without a pending yes/no."""

from __future__ import annotations

import json
from typing import Any

import pytest
from ask_sdk_core.attributes_manager import AttributesManager
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from ask_sdk_runtime.dispatch_components.request_components import GenericRequestMapper
from flask import Flask

from devkit import envelopes as env
from skill.handlers.base import IntentHandler, PendingAnswerHandler
from skill.handlers.routing import RoutedRequestMapper, route_of
from tests.conftest import NOW

SDK = DefaultSerializer()


def chains_of(app: Flask) -> list[Any]:
    skill = app.extensions["twitch_skill"]
    [mapper] = skill.request_dispatcher.request_mappers
    assert isinstance(mapper, RoutedRequestMapper)
    chains: list[Any] = mapper.request_handler_chains
    return chains


def handlers_of(app: Flask) -> list[Any]:
    return [chain.request_handler for chain in chains_of(app)]


def bodies(app: Flask) -> list[dict[str, Any]]:
    """Every intent a handler names (and one none does), each bare, with a question's words,
    with an emergency's, and under every pending yes/no; and the other request types."""
    handlers = handlers_of(app)
    names = {n for h in handlers for n in getattr(h, "intent_names", ())} | {"NoSuchIntent"}
    kinds = {h.pending for h in handlers if isinstance(h, PendingAnswerHandler)} | {None}
    found: list[dict[str, Any]] = []
    for name in sorted(names):
        for slots in ({}, {"question": "what causes twitches"}, {"question": "i can't breathe"}):
            for kind in sorted(kinds, key=str):
                session = {"pending": {"kind": kind}} if kind else {}
                found.append(env.intent(name, NOW, slots, session=session))
    found += [
        env.launch(NOW),
        env.session_ended(NOW),
        env.skill_event("AlexaSkillEvent.SkillDisabled", NOW),
        env.connections_response("AskFor", NOW, token="t", code="200", payload={}),
        {
            **env.launch(NOW),
            "request": {**env.launch(NOW)["request"], "type": "Dialog.API.Invoked"},
        },
    ]
    return found


def handler_input(body: dict[str, Any]) -> HandlerInput:
    envelope = SDK.deserialize(json.dumps(body), RequestEnvelope)
    return HandlerInput(request_envelope=envelope, attributes_manager=AttributesManager(envelope))


def test_the_routed_mapper_picks_what_the_sdks_mapper_picks(app: Flask) -> None:
    chains = chains_of(app)
    plain, routed = GenericRequestMapper(chains), RoutedRequestMapper(chains)
    cases = bodies(app)
    assert len(cases) > 100
    for body in cases:
        expected = plain.get_request_handler_chain(handler_input(body))
        picked = routed.get_request_handler_chain(handler_input(body))
        assert picked is expected, (body["request"], type(expected.request_handler).__name__)


def test_only_a_can_handle_that_routes_on_data_alone_is_skipped(app: Flask) -> None:
    for handler in handlers_of(app):
        route = route_of(handler)
        own = type(handler).can_handle not in (
            IntentHandler.can_handle,
            PendingAnswerHandler.can_handle,
        )
        if route is not None and route.intents is not None:
            assert not own and route.intents == handler.intent_names

    class Own(IntentHandler):
        intent_names = frozenset({"AnyIntent"})

        def can_handle(self, handler_input: HandlerInput) -> bool:
            return True

    assert route_of(Own()) is None
    assert route_of(_Plain()) is None


class _Plain(AbstractRequestHandler):  # type: ignore[misc]
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> None:
        return None


@pytest.mark.parametrize("name", ["NoSuchIntent", "\0other"])
def test_an_intent_no_handler_names_is_asked_of_the_handlers_that_may_take_any(
    app: Flask, name: str
) -> None:
    chains = chains_of(app)
    body = env.intent(name, NOW, {})
    picked = RoutedRequestMapper(chains).get_request_handler_chain(handler_input(body))
    assert picked is GenericRequestMapper(chains).get_request_handler_chain(handler_input(body))
