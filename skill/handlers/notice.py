"""The not-medical-advice notice on first contact of any kind, not only at launch.

A new user may never open the skill: "ask muscle twitch diary what causes twitching" or
"tell muscle twitch diary my calf twitched" starts a session with an intent. The launch
handler gives the notice itself; for any other request that starts a session, this
interceptor offers a claim that ``say`` makes when it speaks, so the notice is said once
per user and only in a reply that is actually spoken. Emergency advice drops the offer:
nothing is put before it.
"""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_request_type

from skill.episodes.store import StoreUnavailable
from skill.episodes.store.profile import ProfileStore
from skill.handlers.base import NOTICE_CLAIM
from skill.handlers.context import context_of

log = logging.getLogger(__name__)


class FirstContactNotice(AbstractRequestInterceptor):  # type: ignore[misc]
    def __init__(self, profile: ProfileStore) -> None:
        self._profile = profile

    def process(self, handler_input: HandlerInput) -> None:
        envelope = handler_input.request_envelope
        session = getattr(envelope, "session", None)
        if get_request_type(handler_input) != "IntentRequest" or not getattr(session, "new", False):
            return

        def claim() -> bool:
            try:
                return self._profile.claim_notice(context_of(handler_input).user_key)
            except StoreUnavailable:
                log.warning("first-contact notice: store unavailable, notice said anyway")
                return True  # cannot tell: saying it again is the safe side

        handler_input.attributes_manager.request_attributes[NOTICE_CLAIM] = claim
