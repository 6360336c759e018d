"""WSGI entry point for an external gunicorn: ``gunicorn -c infra/gunicorn.conf.py``."""

from __future__ import annotations

from flask import Flask

from skill.config import Settings
from skill.faq.answerer import default_answerer
from skill.logs import configure_logging
from skill.web.app import create_app


def app_from_env() -> Flask:
    """Build the app from the environment; refuses to start without a strong user-key secret."""
    settings = Settings.from_env()
    settings.require_secret()
    configure_logging(settings.log_level)
    return production_app(settings)


def production_app(settings: Settings) -> Flask:
    """The app for a server worker, warmed up: the FAQ index (a few hundred milliseconds) is
    built at worker start rather than on some user's first question."""
    app = create_app(settings)
    default_answerer()
    return app
