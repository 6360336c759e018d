"""One request as the handlers see it: who, when, where and on what device, built once.

A global request interceptor builds the ``RequestContext`` before any handler runs and
keeps it in the request attributes; handlers read it with ``context_of``. The user's zone
is found on first use only (it may read the profile and call the Settings API), so a
question that never needs it costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_locale, get_supported_interfaces, get_user_id

from skill.episodes.store import Store
from skill.handlers.timezone import user_zone

_CONTEXT = "request_context"


class RequestContext:
    """The request's user key, time, locale and device, and the user's zone, day and hour."""

    def __init__(
        self,
        *,
        user_key: str,
        now: datetime,
        locale: str | None,
        has_screen: bool,
        find_zone: Callable[[], ZoneInfo],
    ) -> None:
        self.user_key = user_key  # HMAC of the Alexa userId: the only form of it we keep
        # The service clock (with verification on, Alexa's timestamp is within 150 s of it;
        # the clock is what the tests and `twitch-diary chat` move).
        self.now = now
        self.locale = locale
        self.has_screen = has_screen  # the device renders APL (an Echo Show, not a Dot)
        self._find_zone = find_zone

    @cached_property
    def zone(self) -> ZoneInfo:
        return self._find_zone()

    @property
    def local(self) -> datetime:
        return self.now.astimezone(self.zone)

    @property
    def today(self) -> date:
        return self.local.date()


def build_context(
    handler_input: HandlerInput, store: Store, clock: Callable[[], datetime]
) -> RequestContext:
    user_key = store.user_key(get_user_id(handler_input) or "")
    now = clock()
    return RequestContext(
        user_key=user_key,
        now=now,
        locale=get_locale(handler_input),
        has_screen=_has_screen(handler_input),
        find_zone=lambda: user_zone(handler_input, store.profile, user_key, now),
    )


def context_of(handler_input: HandlerInput) -> RequestContext:
    """This request's context (built by ``RequestContextInterceptor``)."""
    context = handler_input.attributes_manager.request_attributes.get(_CONTEXT)
    if not isinstance(context, RequestContext):
        raise LookupError("no request context: RequestContextInterceptor must run first")
    return context


class RequestContextInterceptor(AbstractRequestInterceptor):  # type: ignore[misc]
    """Builds the request's context before any other interceptor or handler runs."""

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self._store = store
        self._clock = clock

    def process(self, handler_input: HandlerInput) -> None:
        attrs = handler_input.attributes_manager.request_attributes
        attrs[_CONTEXT] = build_context(handler_input, self._store, self._clock)


def _has_screen(handler_input: HandlerInput) -> bool:
    try:
        interfaces = get_supported_interfaces(handler_input)
    except (AttributeError, TypeError):  # no device in the envelope (e.g. an event)
        return False
    return getattr(interfaces, "alexa_presentation_apl", None) is not None
