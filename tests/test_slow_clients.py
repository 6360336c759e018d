"""Issue 13, item 1: idle and slow clients do not hold up a normal request.

Real sockets against the real `twitch-diary serve`: 200 connections that never send a
byte and 20 that send one byte every two seconds, while a normal launch request is
timed again and again for longer than any keep-alive or per-connection wait.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest
import requests

from skill.local_redis import RedisProcess
from tests import envelopes as env
from tests.conftest import NOW
from tests.served import serve_env, twitch_diary_serve

IDLE_CLIENTS = 200
SLOW_SENDERS = 20
SLOW_BYTE_EVERY = 2.0  # seconds between the bytes of one slow sender
ATTACK_SECONDS = 12.0  # longer than keep-alive (5 s) and gunicorn's per-connection data wait
NORMAL_LIMIT = 1.0  # the bound on a normal request's delay

# A request whose body is never finished: the sender trickles it one byte at a time.
SLOW_REQUEST = (
    b"POST /alexa HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
    b"Content-Length: 4000\r\n\r\n" + b"{" * 4000
)


@contextmanager
def idle_connections(port: int, count: int) -> Iterator[list[socket.socket]]:
    """``count`` open TCP connections that never send anything."""
    with ExitStack() as stack:
        socks = []
        for _ in range(count):
            sock = stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=5))
            socks.append(sock)
        yield socks


@contextmanager
def slow_senders(port: int, count: int) -> Iterator[None]:
    """``count`` connections each sending one byte of a request every SLOW_BYTE_EVERY s."""
    stop = threading.Event()
    socks = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(count)]

    def trickle() -> None:
        position = 0
        while not stop.is_set() and position < len(SLOW_REQUEST):
            for sock in socks:
                try:
                    sock.sendall(SLOW_REQUEST[position : position + 1])
                except OSError:
                    pass  # the server may close a sender; the others go on
            position += 1
            stop.wait(SLOW_BYTE_EVERY)

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(10)
        for sock in socks:
            sock.close()


def _timed_launch(url: str) -> float:
    started = time.monotonic()
    reply = requests.post(f"{url}/alexa", json=env.launch(NOW), timeout=30)
    elapsed = time.monotonic() - started
    assert reply.status_code == 200
    assert "Welcome" in reply.json()["response"]["outputSpeech"]["ssml"]
    return elapsed


@pytest.mark.slow
def test_idle_and_slow_clients_do_not_delay_a_normal_request(
    redis_server: RedisProcess, redis_client: object
) -> None:
    environment = serve_env(redis_server.url)
    port = int(environment["PORT"])
    with twitch_diary_serve(environment) as url:
        _timed_launch(url)  # warm: the first request of a worker builds its caches
        _timed_launch(url)
        with idle_connections(port, IDLE_CLIENTS), slow_senders(port, SLOW_SENDERS):
            latencies = []
            end = time.monotonic() + ATTACK_SECONDS
            while time.monotonic() < end:
                latencies.append(_timed_launch(url))
                time.sleep(0.25)
    assert len(latencies) >= 10
    assert max(latencies) < NORMAL_LIMIT, f"slowest normal request took {max(latencies):.2f} s"
