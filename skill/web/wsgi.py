"""WSGI entry point for an external gunicorn: ``gunicorn -c infra/gunicorn.conf.py``."""

from __future__ import annotations

import gc

from flask import Flask

from skill.config import Settings
from skill.episodes.store.client import plain_poll_for_readiness_checks
from skill.faq.answerer import default_answerer
from skill.logs import configure_logging
from skill.web.app import create_app
from skill.web.green import TakeTurns, gevent_is_patched


def app_from_env() -> Flask:
    """Build the app from the environment; refuses to start without a strong user-key secret."""
    settings = Settings.from_env()
    settings.require_secret()
    configure_logging(settings.log_level)
    return production_app(settings)


def production_app(settings: Settings) -> Flask:
    """The app for a server worker, warmed up: the FAQ index (a few hundred milliseconds) is
    built at worker start rather than on some user's first question.

    Then what warm-up built (the models, the FAQ index: about 100,000 objects that live as
    long as the worker) is frozen out of the garbage collector's generations: a full
    collection otherwise walks all of them, a pause of about 50 ms that stalls every request
    in flight and set the p99 at concurrency 16 (bench/http_load.py). The collector still
    collects everything made afterwards. In a gevent worker, connections take turns
    (``TakeTurns``)."""
    app = create_app(settings)
    default_answerer()
    plain_poll_for_readiness_checks()
    if gevent_is_patched():
        app.wsgi_app = TakeTurns(app.wsgi_app)  # type: ignore[method-assign]
    gc.collect()  # what warm-up left as garbage is freed, not frozen
    gc.freeze()
    return app
