"""Where `chat` sends its request envelopes: the app in this process, or a URL."""

from __future__ import annotations

import dataclasses
import secrets
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import requests

from devkit.local_redis import RedisProcess
from skill.config import Settings


class TransportError(RuntimeError):
    """The skill did not answer with a usable response; the message says what happened."""


class Transport(Protocol):
    def send(self, body: dict[str, Any]) -> dict[str, Any]: ...


class HttpTransport:
    """POSTs to a running skill (which must run with ALEXA_VERIFY=false: chat cannot sign)."""

    def __init__(self, url: str, timeout: float = 10.0) -> None:
        self.url = url
        self.timeout = timeout
        self._session = requests.Session()

    def send(self, body: dict[str, Any]) -> dict[str, Any]:
        try:
            reply = self._session.post(self.url, json=body, timeout=self.timeout)
        except requests.RequestException as exc:
            raise TransportError(f"could not reach {self.url}: {type(exc).__name__}") from exc
        if reply.status_code != 200:
            raise TransportError(f"HTTP {reply.status_code} from the skill: {reply.text[:200]}")
        answer: dict[str, Any] = reply.json()
        return answer


class AppTransport:
    """Calls a Flask app built by create_app through its test client: no network, no signing."""

    def __init__(self, app: Any) -> None:
        self._client = app.test_client()

    def send(self, body: dict[str, Any]) -> dict[str, Any]:
        reply = self._client.post("/alexa", json=body)
        if reply.status_code != 200:
            raise TransportError(f"HTTP {reply.status_code}: {reply.get_data(as_text=True)[:200]}")
        answer: dict[str, Any] = reply.get_json()
        return answer


@contextmanager
def in_process(
    settings: Settings, clock: Callable[[], datetime], *, own_redis: bool
) -> Iterator[AppTransport]:
    """The skill in this process, with request verification off and the given clock.

    ``own_redis``: start a throwaway redis-server under a temporary directory (the diary
    is gone when chat ends); otherwise use ``settings.redis_url``.
    """
    from skill.web.app import create_app  # noqa: PLC0415 - Flask only when in-process

    with tempfile.TemporaryDirectory(prefix="twitch-chat-") as tmp:
        redis: RedisProcess | None = None
        if own_redis:
            redis = RedisProcess(Path(tmp) / "redis", appendfsync="no").start()
            settings = dataclasses.replace(
                settings,
                redis_url=redis.url,
                redis_cluster=False,
                user_key_secret=settings.user_key_secret or secrets.token_bytes(32),
            )
        settings = dataclasses.replace(settings, verify_requests=False)
        try:
            yield AppTransport(create_app(settings, clock=clock))
        finally:
            if redis is not None:
                redis.stop()
