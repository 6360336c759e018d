"""The SDK's ApiClient for its service clients (the Settings API), with a timeout.

The SDK's DefaultApiClient has no timeout and refuses plain HTTP. Ours sets a
short timeout on every call and allows plain HTTP only to loopback, so tests and
`twitch-diary alexa-sim` can stand in for Amazon's cloud while production stays on HTTPS.
"""

from __future__ import annotations

import ipaddress
import json
from urllib.parse import urlsplit

import requests
from ask_sdk_core.exceptions import ApiClientException
from ask_sdk_model.services.api_client import ApiClient
from ask_sdk_model.services.api_client_request import ApiClientRequest
from ask_sdk_model.services.api_client_response import ApiClientResponse

_METHODS = frozenset({"GET", "POST", "PUT", "DELETE", "PATCH"})


def is_loopback_url(url: str) -> bool:
    """True for http(s) URLs whose host is localhost or a loopback address."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_outbound_url(url: str) -> None:
    """Raise ApiClientException unless the URL is HTTPS, or plain HTTP to loopback."""
    scheme = urlsplit(url).scheme.lower()
    if scheme == "https" or (scheme == "http" and is_loopback_url(url)):
        return
    raise ApiClientException(f"refusing non-HTTPS endpoint: {scheme or 'no scheme'}")


class TimeoutApiClient(ApiClient):
    """An ask_sdk ApiClient on a shared requests.Session with a timeout on every call."""

    def __init__(self, timeout: float = 3.0, session: requests.Session | None = None) -> None:
        self._timeout = timeout
        self._session = session or requests.Session()

    def invoke(self, request: ApiClientRequest) -> ApiClientResponse:
        method = (request.method or "").upper()
        if method not in _METHODS:
            raise ApiClientException(f"invalid request method: {request.method!r}")
        url = request.url or ""
        check_outbound_url(url)
        headers = {str(k): str(v) for k, v in (request.headers or [])}
        data: str | None = None
        if request.body:
            content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
            is_json = "json" in content_type and not isinstance(request.body, str)
            data = json.dumps(request.body) if is_json else request.body
        try:
            reply = self._session.request(
                method, url, headers=headers, data=data, timeout=self._timeout
            )
        except requests.RequestException as exc:
            raise ApiClientException(f"{method} failed: {type(exc).__name__}") from exc
        return ApiClientResponse(
            headers=list(reply.headers.items()), status_code=reply.status_code, body=reply.text
        )
