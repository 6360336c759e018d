"""Send the skill messages a batch owes, then settle them in Redis: at least once.

The outbox entry was written with the advice (skill/episodes/store/outbox.py). Here each
owed message is sent and settled in chunks: a sweep killed mid-chunk resends at most one
chunk's messages next time, which is harmless (the MessageReceived handler acts on each
ref once), and the chunks keep it to one Redis round trip per ``SETTLE_EVERY`` messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from skill.episodes.store.outbox import OutboxStore, OwedMessage

SETTLE_EVERY = 50
# A nudge is worth sending within a day; after that the advice still waits to be spoken at
# the next session, and a message would only wake the skill to move a check-in late.
MAX_AGE = timedelta(days=1)


class Delivery(StrEnum):
    SENT = "sent"  # Amazon accepted it (202)
    RETRY = "retry"  # failed for now (429, 5xx, no connection): stays owed
    DROP = "drop"  # can never go (refused for good): no longer owed


# Sends one message {"kind": "advice", "ref": ref} to the Alexa userId.
Send = Callable[[str, str], Delivery]


@dataclass
class DeliveryReport:
    sent: int = 0
    dropped: int = 0
    retry_users: set[str] = field(default_factory=set)  # users with messages still owed


def deliver_owed(
    outbox: OutboxStore, owed: list[OwedMessage], send: Send, now: datetime
) -> DeliveryReport:
    """Send each owed message (oldest first), settling every ``SETTLE_EVERY``."""
    report = DeliveryReport()
    ordered = sorted(owed, key=lambda m: (m.recorded_at, m.user_key, m.advice_id))
    for start in range(0, len(ordered), SETTLE_EVERY):
        sent: list[OwedMessage] = []
        dropped: list[OwedMessage] = []
        for message in ordered[start : start + SETTLE_EVERY]:
            outcome = _send(message, send, now)
            if outcome is Delivery.SENT:
                sent.append(message)
            elif outcome is Delivery.DROP:
                dropped.append(message)
            else:
                report.retry_users.add(message.user_key)
        outbox.settle_messages(sent, dropped, now)
        report.sent += len(sent)
        report.dropped += len(dropped)
    return report


def _send(message: OwedMessage, send: Send, now: datetime) -> Delivery:
    if message.alexa_user_id is None:
        return Delivery.DROP  # consent withdrawn since: nobody to message
    if now.timestamp() - message.recorded_at > MAX_AGE.total_seconds():
        return Delivery.DROP
    return send(message.alexa_user_id, message.ref)
