"""The one client for Amazon's cloud: LWA tokens, Skill Messaging, Reminders, device settings.

No Flask and no handler input here: callers pass what the request gave them
(``ApiAccess``: the envelope's apiEndpoint and a token). Every call has a short
timeout and is retried with exponential backoff on 429 and 5xx (Retry-After
honoured, bounded). 401/403 raise ``PermissionRevoked``; any other failure raises
``CloudError`` with the status and Amazon's error code, never user data.
"""

from __future__ import annotations

import email.utils
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import requests
from ask_sdk_core.exceptions import ApiClientException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model.services.reminder_management import ReminderRequest, ReminderResponse
from ask_sdk_model.services.skill_messaging import SendSkillMessagingRequest

import skill.cloud.sdk_fix  # noqa: F401 - reminder deserialisation needs the alias
from skill.cloud.api_client import check_outbound_url
from skill.config import Settings

log = logging.getLogger(__name__)

MESSAGING_SCOPE = "alexa:skill_messaging"
REMINDERS_PATH = "/v1/alerts/reminders"
# Refresh an LWA token this long before Amazon says it expires.
TOKEN_MARGIN = timedelta(seconds=60)
BACKOFF_BASE = 0.5  # seconds before the first retry; doubles each time
MAX_DELAY = 5.0  # no single wait (Retry-After included) is longer than this
_RETRYABLE = frozenset({429, 500, 502, 503, 504})
_IDEMPOTENT = frozenset({"GET", "PUT", "DELETE"})


class CloudError(RuntimeError):
    """An Amazon API call failed; ``status`` and ``code`` say how (no user data)."""

    def __init__(self, message: str, *, status: int | None = None, code: str | None = None):
        super().__init__(message)
        self.status = status
        self.code = code


class PermissionRevoked(CloudError):
    """401/403: the user has not granted (or has withdrawn) the permission, or the token is bad."""


@dataclass(frozen=True, slots=True)
class ApiAccess:
    """Where and as whom to call: the envelope's apiEndpoint and an apiAccessToken."""

    endpoint: str
    token: str = ""

    def __repr__(self) -> str:  # keep tokens out of logs and tracebacks
        return f"ApiAccess(endpoint={self.endpoint!r})"


@dataclass(slots=True)
class _CachedToken:
    value: str
    expires_at: datetime


def _utc_now() -> datetime:
    return datetime.now(UTC)


class AlexaCloud:
    """Calls Amazon's APIs for the skill; one instance can be shared across threads."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = _utc_now,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        retries: int | None = None,
    ) -> None:
        self._settings = settings
        # In session Alexa waits about 8 s for the answer: callers there pass fewer retries.
        self._retries = max(0, settings.outbound_retries if retries is None else retries)
        self._clock = clock
        self._session = session or requests.Session()
        self._sleep = sleep
        self._serializer = DefaultSerializer()
        self._token: _CachedToken | None = None
        self._token_lock = threading.Lock()

    # --- Login with Amazon -------------------------------------------------------------

    def messaging_token(self) -> str:
        """An LWA client-credentials token for messaging, cached until shortly before expiry."""
        with self._token_lock:
            now = self._clock()
            if self._token is None or now >= self._token.expires_at - TOKEN_MARGIN:
                self._token = self._fetch_token(now)
            return self._token.value

    def forget_token(self) -> None:
        """Drop the cached token (Amazon refused it)."""
        with self._token_lock:
            self._token = None

    def _fetch_token(self, now: datetime) -> _CachedToken:
        client_id = self._settings.alexa_client_id
        secret = self._settings.alexa_client_secret
        if not client_id or not secret:
            raise CloudError("ALEXA_CLIENT_ID and ALEXA_CLIENT_SECRET must be set for messaging")
        form = {
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": secret,  # requests form-encodes it (the SDK's LwaClient does not)
            "scope": MESSAGING_SCOPE,
        }
        url = self._settings.lwa_endpoint.rstrip("/") + "/auth/o2/token"
        try:
            reply = self._call("POST", url, "lwa token", form=form)
        except PermissionRevoked as exc:
            # Wrong client credentials are a configuration error, not a user's choice.
            raise CloudError("LWA refused the client credentials", status=exc.status) from exc
        body = _json(reply)
        token, expires_in = body.get("access_token"), body.get("expires_in")
        if not isinstance(token, str) or not token or not isinstance(expires_in, int | float):
            raise CloudError("LWA token response lacks access_token/expires_in")
        log.info("fetched an LWA token valid for %ss", expires_in)
        return _CachedToken(token, now + timedelta(seconds=expires_in))

    # --- Skill Messaging ---------------------------------------------------------------

    def send_skill_message(
        self, alexa_user_id: str, data: dict[str, Any], expires_after_seconds: int = 3600
    ) -> None:
        """Queue a message for the skill about one user (202); Alexa delivers MessageReceived."""
        request = SendSkillMessagingRequest(data=data, expires_after_seconds=expires_after_seconds)
        body = self._serializer.serialize(request)
        base = self._settings.alexa_api_endpoint.rstrip("/")
        url = f"{base}/v1/skillmessages/users/{quote(alexa_user_id, safe='')}"

        def send() -> None:
            token = self.messaging_token()
            self._call("POST", url, "skill message", token=token, json_body=body, ok=(202,))

        try:
            send()
        except PermissionRevoked:
            # Messaging's 403 means our token expired or was revoked: one more try, fresh token.
            self.forget_token()
            send()

    # --- Reminders (in-session token, or the fresh one from MessageReceived) -----------

    def create_reminder(self, api: ApiAccess, reminder: ReminderRequest) -> str:
        """Create a reminder (needs an in-session token); returns its alertToken."""
        reply = self._call(
            "POST",
            _url(api, REMINDERS_PATH),
            "create reminder",
            token=api.token,
            json_body=self._body(reminder),
        )
        return self._alert_token(reply)

    def update_reminder(self, api: ApiAccess, alert_token: str, reminder: ReminderRequest) -> str:
        """Replace a reminder's trigger and text; returns its alertToken."""
        path = f"{REMINDERS_PATH}/{quote(alert_token, safe='')}"
        reply = self._call(
            "PUT",
            _url(api, path),
            "update reminder",
            token=api.token,
            json_body=self._body(reminder),
        )
        return self._alert_token(reply)

    def delete_reminder(self, api: ApiAccess, alert_token: str) -> None:
        """Delete a reminder."""
        path = f"{REMINDERS_PATH}/{quote(alert_token, safe='')}"
        self._call("DELETE", _url(api, path), "delete reminder", token=api.token)

    def list_reminders(self, api: ApiAccess) -> list[dict[str, Any]]:
        """The skill's reminders for this user, as raw JSON (the SDK's GET models are broken)."""
        reply = self._call("GET", _url(api, REMINDERS_PATH), "list reminders", token=api.token)
        alerts = _json(reply).get("alerts") or []
        return [alert for alert in alerts if isinstance(alert, dict)]

    def _body(self, reminder: ReminderRequest) -> dict[str, Any]:
        if not isinstance(reminder, ReminderRequest):
            raise TypeError("reminder must be an ask_sdk_model ReminderRequest")
        body: dict[str, Any] = self._serializer.serialize(reminder)
        return body

    def _alert_token(self, reply: requests.Response) -> str:
        try:
            parsed = self._serializer.deserialize(reply.text, ReminderResponse)
        except Exception as exc:  # the SDK's reflective deserializer raises many types
            raise CloudError("reminder response does not parse") from exc
        if parsed is None or not parsed.alert_token:
            raise CloudError("reminder response lacks an alertToken")
        return str(parsed.alert_token)

    # --- HTTP with timeout, retries and error mapping -----------------------------------

    def _call(
        self,
        method: str,
        url: str,
        what: str,
        *,
        token: str | None = None,
        json_body: Any = None,
        form: dict[str, str] | None = None,
        ok: tuple[int, ...] = (200,),
    ) -> requests.Response:
        try:
            check_outbound_url(url)
        except ApiClientException as exc:
            raise CloudError(f"{what}: {exc}") from exc
        headers = {"Accept": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        retries = self._retries
        for attempt in range(retries + 1):
            try:
                reply = self._session.request(
                    method,
                    url,
                    headers=headers,
                    json=json_body,
                    data=form,
                    timeout=self._settings.outbound_timeout,
                )
            except requests.RequestException as exc:
                # A request that never connected is safe to repeat; a timed-out POST may
                # have been applied (a second reminder), so only idempotent calls retry then.
                safe = method in _IDEMPOTENT or isinstance(exc, requests.ConnectionError)
                if attempt < retries and safe:
                    self._wait(attempt, None, what, type(exc).__name__)
                    continue
                raise CloudError(f"{what}: {type(exc).__name__}") from exc
            if reply.status_code in ok:
                return reply
            if reply.status_code in _RETRYABLE and attempt < retries:
                self._wait(attempt, reply.headers.get("Retry-After"), what, reply.status_code)
                continue
            raise _error(what, reply)
        raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover

    def _wait(self, attempt: int, retry_after: str | None, what: str, why: object) -> None:
        delay = min(MAX_DELAY, BACKOFF_BASE * 2**attempt)
        asked = _retry_after_seconds(retry_after, self._clock())
        if asked is not None:
            delay = min(MAX_DELAY, max(0.0, asked))
        log.warning("%s: %s, retrying in %.1fs", what, why, delay)
        self._sleep(delay)


def _url(api: ApiAccess, path: str) -> str:
    if not api.endpoint:
        raise CloudError("no apiEndpoint in the request")
    return api.endpoint.rstrip("/") + path


def _retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Retry-After as seconds: either a number or an HTTP date (RFC 9110)."""
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when - now).total_seconds()


def _json(reply: requests.Response, expect: type = dict) -> Any:
    try:
        value = reply.json()
    except ValueError as exc:
        raise CloudError("response is not JSON", status=reply.status_code) from exc
    if not isinstance(value, expect):
        raise CloudError("response has an unexpected shape", status=reply.status_code)
    return value


def _error(what: str, reply: requests.Response) -> CloudError:
    code: str | None = None
    try:
        body = reply.json()
        if isinstance(body, dict):
            raw = body.get("code") or body.get("error")
            code = str(raw) if raw else None
    except ValueError:
        pass
    status = reply.status_code
    kind = PermissionRevoked if status in (401, 403) else CloudError
    return kind(f"{what}: HTTP {status}" + (f" {code}" if code else ""), status=status, code=code)
