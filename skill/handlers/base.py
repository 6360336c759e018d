"""Shared pieces for handlers: the dependencies they get, routing by data, and speaking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import InitVar, dataclass, field
from datetime import datetime
from typing import Any, Protocol

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, get_request_type
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from skill import speech
from skill.cloud.client import AlexaCloud
from skill.cloud.in_session import in_session_cloud
from skill.config import Settings
from skill.episodes.store import Store
from skill.faq.answerer import Answerer, default_answerer
from skill.handlers.diary_draft import Draft
from skill.speech.ssml import to_ssml

Clock = Callable[[], datetime]

# What another feature may say after an entry is saved (the check-in offer after the first).
# It decides before the save, so that what it claims in Redis (a once-only flag, held with
# the request's snapshot) goes out in the entry's own round trip: given the request, None
# when it has nothing to say, else the reply to give once the entry is saved (from the saved
# entry's words and its time). It is handed to the logging dialog by build_skill, so
# features do not import each other.
EntryReply = Callable[[str, datetime], "Response"]
EntryFollowUp = Callable[[HandlerInput], "EntryReply | None"]


class LoggingDialog(Protocol):
    """The logging dialog as other features use it: start it, or ask its question again."""

    def start(self, handler_input: HandlerInput) -> Response: ...

    def repeat(self, handler_input: HandlerInput, draft: Draft, lead: str) -> Response: ...

    def start_from_story(
        self, handler_input: HandlerInput, story: str, *, lead: str
    ) -> Response | None: ...


@dataclass(frozen=True, slots=True)
class SkillDeps:
    """What handlers need from outside: injected by build_skill, never imported globals."""

    settings: Settings
    store: Store
    clock: Clock
    # Built on the first question, not at worker start (cached per process); tests pass theirs.
    faq_answerer: Callable[[], Answerer] = default_answerer
    # Amazon's APIs within a request; tests pass a client of the local Alexa cloud.
    alexa_cloud: InitVar[AlexaCloud | None] = None
    cloud: AlexaCloud = field(init=False)

    def __post_init__(self, alexa_cloud: AlexaCloud | None) -> None:
        cloud = alexa_cloud or in_session_cloud(self.settings, self.clock)
        object.__setattr__(self, "cloud", cloud)  # frozen: set once, here


class RequestTypeHandler(AbstractRequestHandler):  # type: ignore[misc]
    """Handles the request types listed in ``request_types``."""

    request_types: frozenset[str] = frozenset()

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return get_request_type(handler_input) in self.request_types


class IntentHandler(AbstractRequestHandler):  # type: ignore[misc]
    """Handles IntentRequests whose intent is listed in ``intent_names``."""

    intent_names: frozenset[str] = frozenset()

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return (
            get_request_type(handler_input) == "IntentRequest"
            and get_intent_name(handler_input) in self.intent_names
        )


def session_attributes(handler_input: HandlerInput) -> dict[str, Any]:
    """Session attributes, or a throwaway dict for out-of-session requests."""
    if handler_input.request_envelope.session is None:
        return {}
    attrs: dict[str, Any] = handler_input.attributes_manager.session_attributes
    return attrs


PENDING = "pending"


def pending_kind(handler_input: HandlerInput) -> str | None:
    """What the skill last asked a yes/no question about (session attribute ``pending.kind``).

    Features that ask yes/no questions set ``session["pending"] = {"kind": "<feature_kind>", ...}``
    and register a handler for AMAZON.YesIntent/NoIntent that matches only their kind.
    """
    pending = session_attributes(handler_input).get(PENDING)
    return pending.get("kind") if isinstance(pending, dict) else None


def pending_data(handler_input: HandlerInput) -> dict[str, Any]:
    """What the skill stored with the yes/no question just asked (empty when none)."""
    pending = session_attributes(handler_input).get(PENDING)
    return pending if isinstance(pending, dict) else {}


def set_pending(handler_input: HandlerInput, kind: str | None, **data: Any) -> None:
    """Remember (or clear, with None) the yes/no question just asked."""
    attrs = session_attributes(handler_input)
    if kind is None:
        attrs.pop(PENDING, None)
    else:
        attrs[PENDING] = {"kind": kind, **data}


class PendingAnswerHandler(IntentHandler):
    """Yes/No (and similar) answers to a question of kind ``pending``."""

    pending: str = ""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and pending_kind(handler_input) == self.pending


# Request attribute: a callable claiming the first-use notice (see skill.handlers.notice).
NOTICE_CLAIM = "notice_claim"


def settle_notice_claim(handler_input: HandlerInput) -> None:
    """Make the request's claim of the first-use notice now rather than when ``say`` speaks,
    keeping its answer for ``say``: before a write, the claim (held with the request's
    snapshot) then rides in that write's round trip instead of one of its own."""
    attributes = handler_input.attributes_manager.request_attributes
    claim = attributes.get(NOTICE_CLAIM)
    if claim is not None:
        owed = claim()
        attributes[NOTICE_CLAIM] = lambda: owed


def _notice_for(text: str) -> str:
    """The first-use notice that keeps the reply within the word limit, when one does."""
    if len(f"{speech.NOTICE} {text}".split()) <= speech.MAX_WORDS:
        return speech.NOTICE
    return speech.NOTICE_BRIEF


def say(
    handler_input: HandlerInput,
    text: str,
    *,
    reprompt: str | None = None,
    end_session: bool = False,
    card_title: str = speech.CARD_TITLE,
    card_text: str | None = None,
) -> Response:
    """Speak plain text (SSML-escaped) with a simple card; keep the session open with a reprompt.

    A request that started a session with an intent (a one-shot) carries a claim of the
    first-use notice (``skill.handlers.notice``): on a user's first contact it is said first.
    """
    claim = handler_input.attributes_manager.request_attributes.pop(NOTICE_CLAIM, None)
    if claim is not None and claim():
        text = f"{_notice_for(text)} {text}"
    builder = handler_input.response_builder
    builder.speak(to_ssml(text))
    builder.set_card(SimpleCard(title=card_title, content=card_text or text))
    if end_session:
        builder.set_should_end_session(True)
    else:
        builder.ask(to_ssml(reprompt or speech.WHAT_NEXT))
    response: Response = builder.response
    return response
