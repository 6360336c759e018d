"""Issue 13, item 6: invalid Unicode in an id, and inputs built to break the parser, get a
400 and one short log line each from the real `twitch-diary serve`, never a traceback."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from devkit import envelopes as env
from devkit.local_redis import RedisProcess
from devkit.served import serve_env, twitch_diary_serve
from tests.conftest import NOW

SURROGATE = "\\ud800"  # as JSON writes it: a lone high surrogate, valid JSON, invalid Unicode


def _with_id(path: tuple[str, ...], body: dict[str, Any] | None = None) -> bytes:
    """A launch whose string at ``path`` is replaced by one holding a lone surrogate."""
    body = body or env.launch(NOW)
    holder = body
    for key in path[:-1]:
        holder = holder[key]
    marker = "REPLACE-ME-0123456789"
    holder[path[-1]] = marker
    return json.dumps(body).replace(marker, f"amzn1.{SURROGATE}x").encode()


def _nested(depth: int) -> bytes:
    body = env.launch(NOW)
    body["session"]["attributes"] = {"deep": json.loads("[" * depth + "]" * depth)}
    return json.dumps(body).encode()


PATHOLOGICAL: dict[str, bytes] = {
    "userId": _with_id(("context", "System", "user", "userId")),
    "session userId": _with_id(("session", "user", "userId")),
    "sessionId": _with_id(("session", "sessionId")),
    "requestId": _with_id(("request", "requestId")),
    "applicationId": _with_id(("context", "System", "application", "applicationId")),
    "deviceId": _with_id(("context", "System", "device", "deviceId")),
    "slot value": _with_id(
        ("request", "intent", "slots", "question", "value"),
        env.intent("AskQuestionIntent", NOW, {"question": "why"}),
    ),
    "attributes 900 deep": _nested(900),  # parses, then broke the SDK's serializer
    "json 50000 deep": b'{"a": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    "invalid utf-8": json.dumps(env.launch(NOW)).encode().replace(b"LaunchRequest", b"\xff\xfe"),
}


@pytest.fixture(scope="module")
def server_log(
    tmp_path_factory: pytest.TempPathFactory, redis_server: RedisProcess
) -> Iterator[tuple[str, Path]]:
    log_path = tmp_path_factory.mktemp("serve") / "serve.log"
    with (
        log_path.open("wb") as stderr,
        twitch_diary_serve(serve_env(redis_server.url), stderr) as url,
    ):
        yield url, log_path


def _new_log_lines(log_path: Path, since: int) -> list[str]:
    time.sleep(0.3)  # let the worker's log line reach the file
    return log_path.read_bytes()[since:].decode(errors="replace").splitlines()


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_a_pathological_request_gets_400_and_one_short_log_line(
    server_log: tuple[str, Path], name: str
) -> None:
    url, log_path = server_log
    before = log_path.stat().st_size
    reply = requests.post(
        f"{url}/alexa", data=PATHOLOGICAL[name], headers={"Content-Type": "application/json"},
        timeout=10,
    )  # fmt: skip
    assert reply.status_code == 400
    lines = _new_log_lines(log_path, before)
    assert len(lines) == 1, lines[:5]
    assert "rejected /alexa request" in lines[0]
    assert len(lines[0]) < 200
    assert "Traceback" not in "".join(lines)


def _raw_status(url: str, request: bytes) -> bytes:
    """Send raw bytes (requests cannot send a broken chunked body); the status line back."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        return sock.recv(4096).split(b"\r\n", 1)[0]


@pytest.mark.parametrize("path", ["/alexa", "/report"])
def test_a_broken_chunked_body_gets_400_and_one_line(
    server_log: tuple[str, Path], path: str
) -> None:
    url, log_path = server_log
    before = log_path.stat().st_size
    status = _raw_status(url, (
        f"POST {path} HTTP/1.1\r\nHost: localhost\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        "Transfer-Encoding: chunked\r\n\r\nzz\r\n"
    ).encode())  # fmt: skip
    assert status.startswith(b"HTTP/1.1 400")  # was a 500 with a 36-line traceback
    lines = _new_log_lines(log_path, before)
    assert len(lines) == 1, lines[:5]
    assert f"rejected {path} request: unreadable body" in lines[0]


def test_a_normal_request_still_works_after_them(server_log: tuple[str, Path]) -> None:
    url, _ = server_log
    reply = requests.post(f"{url}/alexa", json=env.launch(NOW), timeout=10)
    assert reply.status_code == 200
