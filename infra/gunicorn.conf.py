"""Production gunicorn configuration: ``gunicorn -c infra/gunicorn.conf.py``.

The values come from ``skill.server.gunicorn_options`` so the embedded server
(``twitch-diary serve``) and this file cannot drift apart; settings come from the
environment (PORT, WEB_WORKERS, LOG_LEVEL, ...), see the README.
"""

from skill.config import Settings
from skill.server import gunicorn_options

wsgi_app = "skill.wsgi:app_from_env()"
globals().update(gunicorn_options(Settings.from_env()))
