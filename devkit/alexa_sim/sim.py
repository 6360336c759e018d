"""A local Alexa cloud on loopback: LWA, Skill Messaging, Reminders, device time zones.

Follows Amazon's documented contract closely enough to develop and test against
(ALEXA.md sections 2, 3 and 8): bearer tokens are required and checked, every
payload is deserialised with ``ask_sdk_model`` classes, errors come back as
Amazon-style JSON, messages are delivered to the skill as real
``Messaging.MessageReceived`` envelopes with a fresh token and reminders fire at
their time. ``/_sim/...`` endpoints let tests and developers look inside and
make sessions.

    sim = AlexaSim(skill_url="http://127.0.0.1:8080/alexa").start()   # port 0: any free port
    sim.url, sim.session_token(user_id), sim.reminders(), sim.stop()
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, unquote

import requests
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model.services.skill_messaging import SendSkillMessagingRequest

from devkit.alexa_sim import http_server as sim_http
from devkit.alexa_sim import reminders as sim_reminders
from devkit.alexa_sim.http_server import Route, SimRequest
from devkit.alexa_sim.state import LWA, MESSAGE, SESSION, SimError, SimState, api_error
from skill.cloud.client import MESSAGING_SCOPE

log = logging.getLogger(__name__)

SIM_CLIENT_ID = "sim-client-id"
SIM_CLIENT_SECRET = "sim-client-secret"
SIM_SKILL_ID = "amzn1.ask.skill.sim-00000000-0000-0000-0000-000000000000"
MIN_EXPIRY, MAX_EXPIRY = 60, 86400  # expiresAfterSeconds bounds of the Skill Messaging API
Announce = Callable[[dict[str, Any]], None]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class AlexaSim:
    """The local cloud: an HTTP server, a message-delivery thread and a reminder-firing loop."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        skill_url: str | None = None,
        skill_id: str = SIM_SKILL_ID,
        client_id: str = SIM_CLIENT_ID,
        client_secret: str = SIM_CLIENT_SECRET,
        clock: Callable[[], datetime] = _utc_now,
        announce: Announce | None = None,
        tick_seconds: float = 1.0,
        token_ttl: int = 3600,
    ) -> None:
        self.state = SimState(
            clock, client_id=client_id, client_secret=client_secret, token_ttl=token_ttl
        )
        self.skill_url, self.skill_id = skill_url, skill_id
        self._announce = announce or (lambda event: log.info("reminder fired: %s", event["text"]))
        self._tick = tick_seconds
        self._server = sim_http.make_server(host, port, self.state, self.routes)
        self._outbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._serializer = DefaultSerializer()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> AlexaSim:
        for target in (self._serve, self._deliver_loop, self._fire_loop):
            name = f"alexa-sim{target.__name__}"
            thread = threading.Thread(target=target, daemon=True, name=name)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._outbox.put(None)
        self._server.shutdown()
        self._server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    # --- helpers for tests and developers ------------------------------------------------

    def session_token(self, user_id: str, *, granted: bool = True) -> str:
        """An in-session apiAccessToken for ``user_id`` (what Alexa puts in an envelope)."""
        self.state.set_permission(user_id, granted)
        return self.state.issue(SESSION, user_id)

    def revoke(self, user_id: str) -> None:
        """The user withdraws the reminders permission: their tokens now get 401."""
        self.state.set_permission(user_id, False)

    def set_time_zone(self, device_id: str, zone: str) -> None:
        with self.state.lock:
            self.state.time_zones[device_id] = zone

    def fail_next(self, path_prefix: str, *statuses: int, retry_after: str | None = None) -> None:
        """Answer the next requests under ``path_prefix`` with these statuses (in order)."""
        self.state.fail_next(path_prefix, list(statuses), retry_after)

    def reminders(self) -> list[dict[str, Any]]:
        return self.state.snapshot()

    def messages(self) -> list[dict[str, Any]]:
        with self.state.lock:
            return [dict(m) for m in self.state.messages]

    def fired(self) -> list[dict[str, Any]]:
        with self.state.lock:
            return list(self.state.fired)

    def requests_to(self, path_prefix: str) -> list[dict[str, Any]]:
        with self.state.lock:
            return [r for r in self.state.requests if r["path"].startswith(path_prefix)]

    def drain(self, timeout: float = 10.0) -> bool:
        """Wait until every accepted message has been delivered (or failed); False on timeout."""
        done = threading.Event()
        self._outbox.put({"_marker": done})
        return done.wait(timeout)

    def fire_due(self) -> list[dict[str, Any]]:
        """Fire every reminder due now (the loop calls this each tick; tests may too)."""
        events = self.state.due(self.state.clock())
        for event in events:
            try:
                self._announce(event)
            except Exception:  # a broken speaker must not stop the loop
                log.exception("announcing a reminder failed")
        return events

    # --- background work ---------------------------------------------------------------

    def _serve(self) -> None:
        self._server.serve_forever(poll_interval=0.05)  # a short poll: stop() returns quickly

    def _fire_loop(self) -> None:
        while not self._stopping.wait(self._tick):
            self.fire_due()

    def _deliver_loop(self) -> None:
        while (item := self._outbox.get()) is not None:
            if "_marker" in item:
                item["_marker"].set()
                continue
            self._deliver(item)

    def _deliver(self, message: dict[str, Any]) -> None:
        if not self.skill_url:
            self._set_status(message, "undeliverable: no --skill-url")
            return
        token = self.state.issue(MESSAGE, message["userId"])
        envelope = self.message_envelope(message["userId"], message["data"], token)
        try:
            reply = requests.post(self.skill_url, json=envelope, timeout=10)
            self._set_status(message, f"delivered: HTTP {reply.status_code}")
        except requests.RequestException as exc:
            self._set_status(message, f"failed: {type(exc).__name__}")

    def _set_status(self, message: dict[str, Any], status: str) -> None:
        with self.state.lock:
            message["status"] = status
        log.info("skill message %s", status)

    def message_envelope(self, user_id: str, data: dict[str, Any], token: str) -> dict[str, Any]:
        """A Messaging.MessageReceived request as Alexa sends it: no session, a fresh token."""
        now = self.state.clock().strftime("%Y-%m-%dT%H:%M:%SZ")
        return {
            "version": "1.0",
            "context": {
                "System": {
                    "application": {"applicationId": self.skill_id},
                    "user": {"userId": user_id},
                    "apiEndpoint": self.url,
                    "apiAccessToken": token,
                }
            },
            "request": {
                "type": "Messaging.MessageReceived",
                "requestId": f"amzn1.echo-api.request.{uuid.uuid4()}",
                "timestamp": now,
                "message": data,
            },
        }

    # --- routes ------------------------------------------------------------------------

    def routes(self) -> list[Route]:
        return [
            ("POST", re.compile(r"/auth/[oO]2/token"), self._lwa_token),
            ("POST", re.compile(r"/v1/skillmessages/users/([^/]+)"), self._skill_message),
            ("POST", re.compile(r"/v1/alerts/reminders/?"), self._create),
            ("GET", re.compile(r"/v1/alerts/reminders/?"), self._list),
            ("GET", re.compile(r"/v1/alerts/reminders/([^/]+)"), self._get),
            ("PUT", re.compile(r"/v1/alerts/reminders/([^/]+)"), self._update),
            ("DELETE", re.compile(r"/v1/alerts/reminders/([^/]+)"), self._delete),
            ("GET", re.compile(r"/v2/devices/([^/]+)/settings/System\.timeZone"), self._zone),
            ("GET", re.compile(r"/_sim/reminders"), lambda r: (200, self.reminders())),
            ("GET", re.compile(r"/_sim/messages"), lambda r: (200, self.messages())),
            ("GET", re.compile(r"/_sim/fired"), lambda r: (200, self.fired())),
            ("POST", re.compile(r"/_sim/session"), self._new_session),
        ]

    def _lwa_token(self, req: SimRequest) -> tuple[int, Any]:
        form = {k: v[-1] for k, v in parse_qs(req.body.decode("utf-8", "replace")).items()}
        if form.get("grant_type") != "client_credentials":
            raise SimError(
                400,
                {"error": "unsupported_grant_type", "error_description": "use client_credentials"},
            )
        if (form.get("client_id"), form.get("client_secret")) != (
            self.state.client_id,
            self.state.client_secret,
        ):
            raise SimError(
                401,
                {"error": "invalid_client", "error_description": "Client authentication failed"},
            )
        if form.get("scope") != MESSAGING_SCOPE:
            raise SimError(400, {"error": "invalid_scope", "error_description": "unknown scope"})
        token = self.state.issue(LWA, scope=MESSAGING_SCOPE)
        return 200, {
            "access_token": token,
            "expires_in": self.state.token_ttl,
            "scope": MESSAGING_SCOPE,
            "token_type": "bearer",
        }

    def _skill_message(self, req: SimRequest, user_id: str) -> tuple[int, Any]:
        self.state.check(req.authorization, {LWA})
        req.json()  # a JSON object, or 400
        try:
            parsed = self._serializer.deserialize(req.text(), SendSkillMessagingRequest)
        except Exception as exc:  # the SDK's reflective deserializer raises many types
            raise api_error(400, "INVALID_REQUEST", f"does not deserialise: {exc}") from None
        expiry = 3600 if parsed.expires_after_seconds is None else parsed.expires_after_seconds
        if not isinstance(parsed.data, dict):
            raise api_error(400, "INVALID_REQUEST", "data must be a JSON object")
        if not isinstance(expiry, int) or not MIN_EXPIRY <= expiry <= MAX_EXPIRY:
            raise api_error(400, "INVALID_REQUEST", "expiresAfterSeconds must be 60..86400")
        message = {
            "userId": unquote(user_id),
            "data": parsed.data,
            "expiresAfterSeconds": expiry,
            "status": "queued",
        }
        with self.state.lock:
            self.state.messages.append(message)
        self._outbox.put(message)
        return 202, None

    def _create(self, req: SimRequest) -> tuple[int, Any]:
        grant = self.state.check(req.authorization, {SESSION})
        reminder = self._valid_reminder(req)
        return 200, self.state.add_reminder(grant.user_id or "", req.json(), reminder)

    def _list(self, req: SimRequest) -> tuple[int, Any]:
        grant = self.state.check(req.authorization, {SESSION, MESSAGE})
        alerts = self.state.user_reminders(grant.user_id or "")
        return 200, {"totalCount": str(len(alerts)), "alerts": alerts, "links": None}

    def _get(self, req: SimRequest, token: str) -> tuple[int, Any]:
        grant = self.state.check(req.authorization, {SESSION, MESSAGE})
        return 200, self.state.owned(grant.user_id or "", unquote(token)).full()

    def _update(self, req: SimRequest, token: str) -> tuple[int, Any]:
        grant = self.state.check(req.authorization, {SESSION, MESSAGE})
        reminder = self._valid_reminder(req)
        return 200, self.state.update_reminder(
            grant.user_id or "", unquote(token), req.json(), reminder
        )

    def _delete(self, req: SimRequest, token: str) -> tuple[int, Any]:
        grant = self.state.check(req.authorization, {SESSION, MESSAGE})
        self.state.delete_reminder(grant.user_id or "", unquote(token))
        return 200, None

    def _zone(self, req: SimRequest, device_id: str) -> tuple[int, Any]:
        # The Settings API needs a valid token but no permission (ALEXA.md section 8).
        scheme, _, token = (req.authorization or "").partition(" ")
        with self.state.lock:
            grant = self.state.tokens.get(token)
            expired = grant is None or grant.expires_at <= self.state.clock()
            if scheme.lower() != "bearer" or expired or grant.kind == LWA:
                raise api_error(401, "INVALID_BEARER_TOKEN", "missing or unknown token")
            zone = self.state.time_zones.get(unquote(device_id), self.state.default_time_zone)
        return 200, zone

    def _new_session(self, req: SimRequest) -> tuple[int, Any]:
        body = req.json()
        user_id = body.get("userId")
        if not isinstance(user_id, str) or not user_id:
            raise api_error(400, "INVALID_REQUEST", "userId is required")
        token = self.session_token(user_id, granted=bool(body.get("granted", True)))
        return 200, {"apiAccessToken": token, "apiEndpoint": self.url}

    def _valid_reminder(self, req: SimRequest) -> Any:
        try:
            return sim_reminders.validate(req.text())
        except sim_reminders.ReminderRejected as exc:
            raise api_error(400, exc.code, str(exc)) from None
