"""Out-of-session nudge for new advice: a Skill Messaging message (ALEXA.md section 3.2).

Alexa cannot be made to speak from here. The message wakes the skill with a fresh token
(``Messaging.MessageReceived``), which moves the user's check-in reminder to the next
morning, so the speaker itself prompts the user; the advice is spoken at that session.
Only users who consented to reminders have a stored (encrypted) identity to message.
"""

from __future__ import annotations

import logging

from scheduler.sweep import Notify
from skill.cloud.client import AlexaCloud, CloudError
from skill.config import Settings
from skill.episodes.advice import Advice
from skill.episodes.store import Store

log = logging.getLogger(__name__)

ADVICE_MESSAGE = {"kind": "advice"}  # no health details leave the service
MESSAGE_TTL_SECONDS = 6 * 3600


def messaging_notifier(settings: Settings, store: Store) -> Notify | None:
    """A notifier when skill credentials are configured, else None (launch delivery only)."""
    if not (settings.alexa_client_id and settings.alexa_client_secret):
        log.info("no ALEXA_CLIENT_ID/SECRET: advice is spoken at the next session only")
        return None
    cloud = AlexaCloud(settings)

    def notify(user_key: str, advice: Advice) -> bool:
        identity = store.messaging_identity(user_key)
        if identity is None:
            return False  # no consent to reminders: the next launch speaks it
        try:
            cloud.send_skill_message(identity, ADVICE_MESSAGE, MESSAGE_TTL_SECONDS)
        except CloudError as exc:
            log.warning("advice message not sent: %s", exc)
            return False
        return True

    return notify
