"""Clients that hold connections open without finishing a request: idle and slow senders."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

SLOW_BYTE_EVERY = 2.0  # seconds between the bytes of one slow sender

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
