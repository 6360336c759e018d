"""A small stand-in for the Alexa Settings API (time zone only), on loopback HTTP.

Follows the documented contract: ``GET /v2/devices/{deviceId}/settings/System.timeZone``
with ``Authorization: Bearer <apiAccessToken>`` answers 200 with a JSON string such
as ``"Europe/London"``; errors carry ``{"code", "message"}`` (ask_sdk_model's ups
Error). The fuller local Alexa cloud lives in ``skill/cloud/`` (a later task).
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ask_sdk_model.services.ups.error import Error

_PATH = re.compile(r"/v2/devices/([^/]+)/settings/System\.timeZone")


class FakeSettingsApi:
    """Serve ``zone`` (or ``status``) to every device; count the calls."""

    def __init__(self, zone: str = "Europe/London", token: str = "test-api-access-token") -> None:
        self.zone = zone
        self.status = 200
        self.token = token
        self.calls: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                match = _PATH.fullmatch(self.path)
                if match is None:
                    return self._reply(404, {"code": "NOT_FOUND", "message": "no such path"})
                if self.headers.get("Authorization") != f"Bearer {fake.token}":
                    return self._reply(401, {"code": "UNAUTHORIZED", "message": "bad token"})
                fake.calls.append(match.group(1))
                if fake.status == 204:
                    return self._reply(204, None)
                if fake.status != 200:
                    return self._reply(fake.status, {"code": "ERROR", "message": "refused"})
                return self._reply(200, fake.zone)

            def _reply(self, status: int, body: Any) -> None:
                if isinstance(body, dict):
                    Error(**body)  # the error shape the SDK deserializes
                payload = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *_: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FakeSettingsApi:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
