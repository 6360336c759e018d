"""POST /alexa is answered straight from WSGI (skill/web/direct_route.py), as Flask's own route
answered it: the same replies, the same 400s, and every other request still goes to Flask."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from flask import Flask, jsonify
from flask.testing import FlaskClient
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.test import Client
from werkzeug.wrappers import Request, Response

from devkit import envelopes as env
from skill.web.app import MAX_BODY_BYTES, json_reply
from skill.web.direct_route import DirectRoute
from tests.conftest import NOW


def through_flask(app: Flask) -> Client:
    """A client of the app as Flask alone serves it: the direct route left out."""
    return Client(lambda environ, start_response: Flask.wsgi_app(app, environ, start_response))


def question(user_id: str) -> bytes:
    slots = {"question": "what causes muscle twitches"}
    return json.dumps(env.intent("AskQuestionIntent", NOW, slots, user_id=user_id)).encode()


@pytest.mark.parametrize(
    "body",
    [
        question("amzn1.ask.account.DIRECT"),
        b"{not json",
        b'{"version": "1.0"}',
        json.dumps({**env.launch(NOW), "request": "not an object"}).encode(),
        b"x" * (MAX_BODY_BYTES + 1),
    ],
    ids=["question", "malformed", "no request", "wrong type", "too large"],
)
def test_the_direct_route_answers_as_flasks_route(
    app: Flask, client: FlaskClient, body: bytes
) -> None:
    env.post(client, body)  # the user's first question, once, so both answers below are alike
    direct = client.post("/alexa", data=body, content_type="application/json")
    flask_only = through_flask(app).post("/alexa", data=body, content_type="application/json")
    assert (direct.status_code, direct.data) == (flask_only.status_code, flask_only.data)
    assert direct.headers["Content-Type"] == flask_only.headers["Content-Type"]


def test_other_methods_and_paths_still_go_to_flask(client: FlaskClient) -> None:
    assert client.get("/alexa").status_code == 405
    assert "POST" in client.options("/alexa").headers["Allow"]
    assert client.post("/alexa/", data=b"{}").status_code == 404
    assert client.get("/healthz").get_json() == {"status": "ok", "redis": True}


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"error": "bad request", "reason": "body too large"}, 400),
        ({"status": "degraded", "redis": False}, 503),
        ({"version": "1.0", "response": {"outputSpeech": {"ssml": "<speak>é</speak>"}}}, 200),
    ],
)
def test_json_replies_are_jsonify_byte_for_byte(body: dict[str, Any], status: int) -> None:
    with Flask(__name__).app_context():
        expected = jsonify(body)
    reply = json_reply(body, status)
    assert (reply.get_data(), reply.mimetype, reply.status_code) == (
        expected.get_data(),
        expected.mimetype,
        status,
    )


def test_a_view_that_fails_is_a_logged_500(caplog: pytest.LogCaptureFixture) -> None:
    def failing(_: Request) -> Response:
        raise RuntimeError("a bug")

    def rest(environ: dict[str, Any], start_response: Any) -> Any:
        return Response("rest")(environ, start_response)

    route = DirectRoute(rest, "POST", "/alexa", failing, max_content_length=10)
    with caplog.at_level(logging.ERROR):
        reply = Client(route).post("/alexa", data=b"{}")
    assert reply.status_code == 500
    assert "Exception on /alexa [POST]" in caplog.text
    assert Client(route).get("/alexa").get_data() == b"rest"


def test_the_direct_route_enforces_the_body_limit() -> None:
    def view(request: Request) -> Response:
        try:
            return Response(request.get_data())
        except RequestEntityTooLarge:
            return Response("too large", status=413)

    route = DirectRoute(lambda e, s: [], "POST", "/alexa", view, max_content_length=10)
    assert Client(route).post("/alexa", data=b"x" * 10).get_data() == b"x" * 10
    assert Client(route).post("/alexa", data=b"x" * 11).status_code == 413
