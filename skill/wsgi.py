"""WSGI entry point for an external gunicorn: ``gunicorn -c infra/gunicorn.conf.py``."""

from __future__ import annotations

from flask import Flask

from skill.config import Settings
from skill.logs import configure_logging
from skill.web import create_app


def app_from_env() -> Flask:
    """Build the app from the environment; refuses to start without a strong user-key secret."""
    settings = Settings.from_env()
    settings.require_secret()
    configure_logging(settings.log_level)
    return create_app(settings)
