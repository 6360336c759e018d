"""The local Alexa cloud's HTTP layer: stdlib ThreadingHTTPServer, routing, JSON replies.

Routes are (method, path regex, action); an action takes the request and the
regex groups and returns (status, JSON-able body or None), or raises SimError.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from devkit.alexa_sim.state import SimError, SimState, api_error

log = logging.getLogger(__name__)

Route = tuple[str, re.Pattern[str], Callable[..., tuple[int, Any]]]


def make_server(
    host: str, port: int, state: SimState, routes: Callable[[], list[Route]]
) -> ThreadingHTTPServer:
    """A threading HTTP server answering with ``routes`` and logging into ``state``."""
    server = ThreadingHTTPServer((host, port), _Handler)
    server.daemon_threads = True
    server.sim_state = state  # type: ignore[attr-defined]
    server.sim_routes = routes  # type: ignore[attr-defined]
    return server


class SimRequest:
    """The parts of an HTTP request the routes read."""

    def __init__(self, authorization: str | None, body: bytes) -> None:
        self.authorization, self.body = authorization, body

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        try:
            value = json.loads(self.text())
        except ValueError:
            raise api_error(400, "INVALID_REQUEST_BODY", "body is not JSON") from None
        if not isinstance(value, dict):
            raise api_error(400, "INVALID_REQUEST_BODY", "body is not a JSON object")
        return value


class _Handler(BaseHTTPRequestHandler):
    server_version = "AlexaSim/1.0"
    MAX_BODY = 64 * 1024
    DISCARD_LIMIT = 1024 * 1024

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._dispatch("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._dispatch("PUT")

    def do_DELETE(self) -> None:  # noqa: N802
        self._dispatch("DELETE")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug("sim %s", format % args)

    def _dispatch(self, method: str) -> None:
        state: SimState = self.server.sim_state  # type: ignore[attr-defined]
        routes: list[Route] = self.server.sim_routes()  # type: ignore[attr-defined]
        path = self.path.split("?", 1)[0]
        headers: dict[str, str] = {}
        try:
            request = SimRequest(self.headers.get("Authorization"), self._body())
            failure = state.take_failure(path)
            if failure is not None:
                raise failure
            status, payload = _route(routes, method, path, request)
        except SimError as exc:
            status, payload, headers = exc.status, exc.body, exc.headers
        except Exception:  # a sim bug answers like a server error, as Amazon's would
            log.exception("sim route failed")
            status, payload = 500, {"code": "INTERNAL_SERVER_ERROR", "message": "sim error"}
        with state.lock:
            state.requests.append({"method": method, "path": path, "status": status})
        self._reply(status, payload, headers)

    def _body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise api_error(400, "INVALID_REQUEST", "bad Content-Length") from None
        if length > self.MAX_BODY:
            # Read and drop it (up to a bound): closing on unread data resets the connection
            # before the client sees the answer.
            remaining = min(length, self.DISCARD_LIMIT)
            while remaining > 0 and (chunk := self.rfile.read(min(65536, remaining))):
                remaining -= len(chunk)
            self.close_connection = True
            raise api_error(413, "REQUEST_TOO_LARGE", "body too large")
        return self.rfile.read(length) if length > 0 else b""

    def _reply(self, status: int, payload: Any, headers: dict[str, str]) -> None:
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if data:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        try:
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            # The caller gave up waiting (its own timeout): nothing left to answer.
            self.close_connection = True


def _route(routes: list[Route], method: str, path: str, request: SimRequest) -> tuple[int, Any]:
    known_path = False
    for route_method, pattern, action in routes:
        match = pattern.fullmatch(path)
        if match is None:
            continue
        known_path = True
        if route_method == method:
            return action(request, *match.groups())
    if known_path:
        raise api_error(405, "METHOD_NOT_ALLOWED", f"{method} not allowed here")
    raise api_error(404, "NOT_FOUND", "no such resource")
