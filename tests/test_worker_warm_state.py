"""What a web worker sets up once it is built: the plain readiness poll and connections taking
turns under gevent, and the warm-up's objects frozen out of the garbage collector
(skill/web/wsgi.py)."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from devkit.local_redis import RedisProcess
from skill.config import Settings
from skill.web.green import TakeTurns
from skill.web.wsgi import production_app
from tests.conftest import SECRET

ROOT = Path(__file__).resolve().parent.parent

# Run in a process of its own: gevent's monkey patching cannot be undone.
_UNDER_GEVENT = textwrap.dedent(
    """
    from gevent import monkey

    monkey.patch_all()

    import select
    import sys
    import tempfile
    from pathlib import Path

    import redis._parsers.hiredis as parser

    from devkit.local_redis import RedisProcess
    from skill.episodes.store.client import connect, plain_poll_for_readiness_checks

    assert parser.select.poll is select.poll, "gevent patched the poll redis-py uses"
    plain_poll_for_readiness_checks()
    assert parser.select.poll is monkey.get_original("select", "poll")
    assert select.poll is not parser.select.poll, "the rest of the process keeps gevent's"

    data = Path(tempfile.mkdtemp())
    server = RedisProcess(data).start()
    client = connect(server.url)
    client.set("kept", "1")
    pooled = client.connection_pool.get_connection()
    assert not pooled.can_read(), "an idle, open connection has nothing to read"
    client.connection_pool.release(pooled)
    server.stop()
    server = RedisProcess(data, port=server.port).start()  # the pooled socket is now closed
    pooled = client.connection_pool.get_connection()  # the readiness check reconnects it
    try:
        assert not pooled.can_read()
    finally:
        client.connection_pool.release(pooled)
    assert client.get("kept") == "1", "the AOF kept the key; the client reached the new server"
    server.stop()
    print("ok")
    """
)


def test_the_readiness_poll_under_gevent_is_the_plain_one_and_still_sees_a_closed_socket() -> None:
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _UNDER_GEVENT], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


# Two connections whose clients always have their next request ready: each greenlet serves
# three requests without a read that would block.
_TWO_BUSY_CONNECTIONS = textwrap.dedent(
    """
    from gevent import monkey

    monkey.patch_all()

    import gevent

    from skill.web.green import TakeTurns

    served = []

    def app(environ, start_response):
        served.append(environ["connection"])
        return [b""]

    def connection(name, wsgi):
        for _ in range(3):
            wsgi({"connection": name}, None)

    for wsgi in (app, TakeTurns(app)):
        served.clear()
        gevent.joinall([gevent.spawn(connection, name, wsgi) for name in "AB"])
        print("".join(served))
    """
)


def test_under_gevent_busy_connections_take_turns() -> None:
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _TWO_BUSY_CONNECTIONS],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    alone, taking_turns = done.stdout.split()
    assert alone == "AAABBB"  # the first connection keeps the worker to itself
    assert taking_turns == "ABABAB"


def test_without_gevent_nothing_is_changed() -> None:
    import redis._parsers.hiredis as parser  # noqa: PLC0415 - only this test looks inside

    from skill.episodes.store.client import plain_poll_for_readiness_checks  # noqa: PLC0415

    before = parser.select
    plain_poll_for_readiness_checks()
    assert parser.select is before


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the test run collects as usual


def test_a_built_worker_has_frozen_its_warm_up_objects(
    unfrozen: None, redis_server: RedisProcess
) -> None:
    settings = Settings.from_env(
        {"REDIS_URL": redis_server.url, "USER_KEY_SECRET": SECRET.decode(), "ALEXA_VERIFY": "false"}
    )
    assert gc.get_freeze_count() == 0
    app = production_app(settings)
    assert not isinstance(app.wsgi_app, TakeTurns)  # no gevent in this process: no turns
    # The models and the FAQ index alone are tens of thousands of objects.
    assert gc.get_freeze_count() > 10_000
