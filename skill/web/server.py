"""gunicorn, embedded: `twitch-diary serve` runs the app factory under it."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from skill.config import Settings


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, settings: Settings, options: dict[str, Any]) -> None:
        self._settings = settings
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from skill.web.wsgi import production_app  # noqa: PLC0415 - built in each worker after fork

        return production_app(self._settings)


# Open connections per worker: far above Alexa's concurrency, and a bound on what idle
# sockets can pin (each greenlet is a few kilobytes).
WORKER_CONNECTIONS = 2000


def gunicorn_options(settings: Settings, workers: int | None = None) -> dict[str, Any]:
    """The same defaults as infra/gunicorn.conf.py, for the embedded server."""
    return {
        "bind": f"{settings.listen_host}:{settings.port}",
        "workers": workers or settings.web_workers,
        # gevent workers: a connection is a greenlet, not a worker, so idle sockets and clients
        # that trickle their bytes cost memory, never a slot that a real request waits for
        # (a sync worker is held by one idle socket; gthread holds a thread per slow sender).
        "worker_class": "gevent",
        "worker_connections": WORKER_CONNECTIONS,
        # Alexa gives a skill 8 s; a request still running at 10 s is dead weight.
        "timeout": 10,
        "graceful_timeout": 5,
        "keepalive": 5,
        "accesslog": None,  # access logs would carry nothing useful and cost per request
        "loglevel": settings.log_level.lower(),
    }


def serve(settings: Settings, workers: int | None = None) -> None:
    _Gunicorn(settings, gunicorn_options(settings, workers)).run()
