"""What the local Alexa cloud remembers: tokens, permissions, reminders, messages, firings.

All of it in memory behind one lock; the HTTP layer (sim.py) only translates.
Token kinds follow Amazon's: ``lwa`` (client credentials, skill messaging),
``session`` (an in-session apiAccessToken: may create reminders) and ``message``
(the fresh out-of-session token in Messaging.MessageReceived: may read, update
and delete reminders, not create them).
"""

from __future__ import annotations

import secrets
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ask_sdk_model.services.reminder_management import ReminderRequest

from devkit.alexa_sim import reminders as sim_reminders

LWA, SESSION, MESSAGE = "lwa", "session", "message"


class SimError(Exception):
    """An HTTP error answer: status, Amazon-style JSON body and optional headers."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None):
        super().__init__(f"HTTP {status}")
        self.status, self.body, self.headers = status, body, headers or {}


def api_error(status: int, code: str, message: str) -> SimError:
    return SimError(status, {"code": code, "message": message})


@dataclass(slots=True)
class Grant:
    kind: str
    user_id: str | None
    expires_at: datetime
    scope: str | None = None


@dataclass(slots=True)
class StoredReminder:
    alert_token: str
    user_id: str
    body: dict[str, Any]
    request: ReminderRequest
    created: datetime
    updated: datetime
    version: int = 1
    status: str = "ON"
    next_fire: datetime | None = None
    history: list[dict[str, Any]] = field(default_factory=list)

    def response(self) -> dict[str, Any]:
        """ReminderResponse JSON."""
        return {
            "alertToken": self.alert_token,
            "createdTime": _iso(self.created),
            "updatedTime": _iso(self.updated),
            "status": self.status,
            "version": str(self.version),
            "href": f"/v1/alerts/reminders/{self.alert_token}",
        }

    def full(self) -> dict[str, Any]:
        """Reminder JSON (GET): the response fields plus trigger, alertInfo, pushNotification."""
        fields = {
            k: self.body[k] for k in ("trigger", "alertInfo", "pushNotification") if k in self.body
        }
        return {**self.response(), **fields}


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


class SimState:
    """The sim's memory; every public method takes the lock."""

    def __init__(
        self,
        clock: Callable[[], datetime],
        *,
        client_id: str,
        client_secret: str,
        token_ttl: int = 3600,
        default_time_zone: str = "America/New_York",
    ) -> None:
        self.clock = clock
        self.client_id, self.client_secret = client_id, client_secret
        self.token_ttl = token_ttl
        self.default_time_zone = default_time_zone
        self.lock = threading.RLock()
        self.tokens: dict[str, Grant] = {}
        self.granted: set[str] = set()
        self.reminders: dict[str, StoredReminder] = {}
        self.messages: list[dict[str, Any]] = []
        self.fired: list[dict[str, Any]] = []
        self.time_zones: dict[str, str] = {}
        self.requests: list[dict[str, Any]] = []
        self._failures: list[tuple[str, int, str | None]] = []

    # --- tokens and permissions ---------------------------------------------------------

    def issue(self, kind: str, user_id: str | None = None, scope: str | None = None) -> str:
        token = f"sim-{kind}-{secrets.token_urlsafe(16)}"
        with self.lock:
            expires = self.clock() + timedelta(seconds=self.token_ttl)
            self.tokens[token] = Grant(kind, user_id, expires, scope)
        return token

    def set_permission(self, user_id: str, granted: bool) -> None:
        with self.lock:
            (self.granted.add if granted else self.granted.discard)(user_id)

    def check(self, authorization: str | None, kinds: set[str]) -> Grant:
        """The grant behind a bearer token, or a 401/403 SimError as Amazon would answer."""
        scheme, _, token = (authorization or "").partition(" ")
        with self.lock:
            grant = self.tokens.get(token) if scheme.lower() == "bearer" else None
            if grant is None or grant.expires_at <= self.clock():
                raise api_error(401, "INVALID_BEARER_TOKEN", "missing, unknown or expired token")
            if grant.kind not in kinds:
                raise api_error(403, "FORBIDDEN", f"a {grant.kind} token cannot do this")
            if grant.kind != LWA and grant.user_id not in self.granted:
                raise api_error(401, "UNAUTHORIZED", "the user has not granted this permission")
            return grant

    # --- injected failures (tests) ------------------------------------------------------

    def fail_next(self, path_prefix: str, statuses: list[int], retry_after: str | None) -> None:
        with self.lock:
            self._failures += [(path_prefix, status, retry_after) for status in statuses]

    def take_failure(self, path: str) -> SimError | None:
        with self.lock:
            for index, (prefix, status, retry_after) in enumerate(self._failures):
                if path.startswith(prefix):
                    del self._failures[index]
                    headers = {"Retry-After": retry_after} if retry_after else {}
                    return SimError(status, {"code": "INJECTED", "message": "sim failure"}, headers)
        return None

    # --- reminders ----------------------------------------------------------------------

    def add_reminder(self, user_id: str, body: dict[str, Any], request: ReminderRequest) -> dict:
        with self.lock:
            now = self.clock()
            token = str(uuid.uuid4())
            stored = StoredReminder(token, user_id, body, request, now, now)
            stored.next_fire = sim_reminders.first_fire(request, now, self.default_time_zone)
            self.reminders[token] = stored
            return stored.response()

    def owned(self, user_id: str, alert_token: str) -> StoredReminder:
        with self.lock:
            stored = self.reminders.get(alert_token)
            if stored is None or stored.user_id != user_id:
                raise api_error(404, "NOT_FOUND", "no such reminder")
            return stored

    def update_reminder(
        self, user_id: str, alert_token: str, body: dict[str, Any], request: ReminderRequest
    ) -> dict:
        with self.lock:
            stored = self.owned(user_id, alert_token)
            now = self.clock()
            stored.history.append({"version": stored.version, "trigger": stored.body["trigger"]})
            stored.body, stored.request = body, request
            stored.updated, stored.version, stored.status = now, stored.version + 1, "ON"
            stored.next_fire = sim_reminders.first_fire(request, now, self.default_time_zone)
            return stored.response()

    def delete_reminder(self, user_id: str, alert_token: str) -> None:
        with self.lock:
            self.owned(user_id, alert_token)
            del self.reminders[alert_token]

    def user_reminders(self, user_id: str) -> list[dict[str, Any]]:
        with self.lock:
            return [r.full() for r in self.reminders.values() if r.user_id == user_id]

    def snapshot(self) -> list[dict[str, Any]]:
        """Every reminder with its owner, next firing and update history (inspection only)."""
        with self.lock:
            return [
                {
                    **r.full(),
                    "userId": r.user_id,
                    "updates": len(r.history),
                    "nextFire": _iso(r.next_fire) if r.next_fire else None,
                }
                for r in self.reminders.values()
            ]

    def due(self, now: datetime) -> list[dict[str, Any]]:
        """Fire every reminder due by ``now``: record it, reschedule or complete it."""
        fired: list[dict[str, Any]] = []
        with self.lock:
            for stored in self.reminders.values():
                if stored.status != "ON" or stored.next_fire is None or stored.next_fire > now:
                    continue
                text = stored.request.alert_info.spoken_info.content[0].text or ""
                event = {
                    "alertToken": stored.alert_token,
                    "userId": stored.user_id,
                    "text": text,
                    "at": _iso(stored.next_fire),
                }
                fired.append(event)
                # A recurring reminder skips occurrences missed while the sim was down.
                stored.next_fire = sim_reminders.next_occurrence(
                    stored.request, now, self.default_time_zone
                )
                if stored.next_fire is None:
                    stored.status = "COMPLETED"
            self.fired += fired
        return fired
