"""gevent's monkey patching, done before anything imports ssl, sockets or redis.

The web server runs gevent workers (skill/web/server.py). gunicorn patches in each worker,
but by then the command line has imported redis and ssl, and an SSL context made from
the unpatched module would block a whole worker on Amazon's HTTPS calls. Patching first
thing in the serving process (gevent's advice, and gunicorn's for a config file) avoids
that; the child workers inherit the patched modules.
"""

from __future__ import annotations


def patch_for_gevent() -> None:
    """Make the standard library cooperative; call before any other import that matters."""
    from gevent import monkey  # noqa: PLC0415 - only the serving process pays for gevent

    monkey.patch_all()
