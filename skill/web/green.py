"""gevent's monkey patching, done before anything imports ssl, sockets or redis.

The web server runs gevent workers (skill/web/server.py). gunicorn patches in each worker,
but by then the command line has imported redis and ssl, and an SSL context made from
the unpatched module would block a whole worker on Amazon's HTTPS calls. Patching first
thing in the serving process (gevent's advice, and gunicorn's for a config file) avoids
that; the child workers inherit the patched modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


def patch_for_gevent() -> None:
    """Make the standard library cooperative; call before any other import that matters."""
    from gevent import monkey  # noqa: PLC0415 - only the serving process pays for gevent

    monkey.patch_all()


def gevent_is_patched() -> bool:
    """Whether this process runs gevent's cooperative sockets (a gevent worker)."""
    from gevent import monkey  # noqa: PLC0415 - only asked in a server worker

    return bool(monkey.is_module_patched("socket"))


class TakeTurns:
    """WSGI middleware for a gevent worker: each request first lets every other ready
    connection run (``gevent.sleep(0)``).

    A greenlet serves its connection's keep-alive requests in a loop and yields only when a
    read would block. A client that sends its next request as soon as it has the answer
    (a load generator, a busy proxy) then keeps the worker to itself for many requests while
    the other connections wait: at 16 connections the p99 was 155 ms against a median of
    6 ms. Taking turns makes it about 20 ms, for about 10% of the fastest requests'
    throughput (bench/http_load.py)."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        import gevent  # noqa: PLC0415 - only a gevent worker builds this

        self._app = app
        self._yield = gevent.sleep

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        self._yield(0)
        return self._app(environ, start_response)
