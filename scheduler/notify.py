"""Out-of-session nudge for new advice: a Skill Messaging message (ALEXA.md section 3.2).

Alexa cannot be made to speak from here. The message wakes the skill with a fresh token
(``Messaging.MessageReceived``), which moves the user's check-in reminder to the next
morning, so the speaker itself prompts the user; the advice is spoken at that session.
Only users who consented to reminders have a stored (encrypted) identity to message; the
sweep passes it in from the outbox read (scheduler/outbox.py).
"""

from __future__ import annotations

import logging

from scheduler.outbox import Delivery
from scheduler.sweep import Notify
from skill.cloud.client import AlexaCloud, CloudError
from skill.config import Settings

log = logging.getLogger(__name__)

ADVICE_KIND = "advice"  # with an opaque ref only: no health details leave the service
MESSAGE_TTL_SECONDS = 6 * 3600
# Worth another try on a later sweep: throttled, Amazon's side failing, or no answer at all.
_RETRYABLE = frozenset({429, 500, 502, 503, 504})


def messaging_notifier(settings: Settings) -> Notify | None:
    """A notifier when skill credentials are configured, else None (launch delivery only)."""
    if not (settings.alexa_client_id and settings.alexa_client_secret):
        log.info("no ALEXA_CLIENT_ID/SECRET: advice is spoken at the next session only")
        return None
    cloud = AlexaCloud(settings)

    def notify(alexa_user_id: str, ref: str) -> Delivery:
        message = {"kind": ADVICE_KIND, "ref": ref}
        try:
            cloud.send_skill_message(alexa_user_id, message, MESSAGE_TTL_SECONDS)
        except CloudError as exc:
            log.warning("advice message not sent: %s", exc)
            # 400 or 404 (user unknown to Amazon) will never succeed; the rest may.
            retry = exc.status is None or exc.status in _RETRYABLE or exc.status in (401, 403)
            return Delivery.RETRY if retry else Delivery.DROP
        return Delivery.SENT

    return notify
