"""Production gunicorn configuration: ``gunicorn -c infra/gunicorn.conf.py``.

The values come from ``skill.web.server.gunicorn_options`` so the embedded server
(``twitch-diary serve``) and this file cannot drift apart; settings come from the
environment (PORT, WEB_WORKERS, LOG_LEVEL, ...), see the README.
"""

from skill.web.green import patch_for_gevent

patch_for_gevent()  # first: gevent workers want ssl and sockets patched before any import

from skill.config import Settings  # noqa: E402
from skill.web.server import gunicorn_options  # noqa: E402

wsgi_app = "skill.web.wsgi:app_from_env()"
globals().update(gunicorn_options(Settings.from_env()))
