"""One route answered straight from WSGI, without Flask's request dispatch around it.

Flask's dispatch (an app and a request context pushed and popped, URL matching, the
request hooks, the session interface, the response's processing) costs about 40 us of CPU
per request, as much as decoding the envelope and encoding the reply together. POST
/alexa needs none of it: it reads a body and answers bytes. This middleware hands that
one method and path to a plain function of a werkzeug Request; every other request
(including any other method on the same path) goes to Flask as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.exceptions import InternalServerError
from werkzeug.wrappers import Request, Response

log = logging.getLogger(__name__)

View = Callable[[Request], Response]


class DirectRoute:
    """WSGI middleware: ``method path`` is answered by ``view(request)``, the rest by ``app``."""

    def __init__(
        self,
        app: Callable[..., Iterable[bytes]],
        method: str,
        path: str,
        view: View,
        *,
        max_content_length: int,
    ) -> None:
        self._app = app
        self._method = method
        self._path = path
        self._view = view
        self._max_content_length = max_content_length

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("PATH_INFO") != self._path or environ.get("REQUEST_METHOD") != self._method:
            return self._app(environ, start_response)
        request = Request(environ)
        # What Flask's MAX_CONTENT_LENGTH does: reading a larger body raises a 413.
        request.max_content_length = self._max_content_length
        response: Any
        try:
            response = self._view(request)
        except Exception:  # as Flask answers a view's uncaught error: logged, then a bare 500
            log.exception("Exception on %s [%s]", request.path, request.method)
            response = InternalServerError()
        return response(environ, start_response)
