"""The baseline: a minimal ask-sdk-core "hello" skill behind the same Flask + gunicorn set-up."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_model import RequestEnvelope, Response
from flask import Flask, jsonify, request


class HelloHandler(AbstractRequestHandler):  # type: ignore[misc]
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        response: Response = handler_input.response_builder.speak("Hello.").response
        return response


def create_hello_app() -> Flask:
    builder = SkillBuilder()
    builder.add_request_handler(HelloHandler())
    skill = builder.create()
    app = Flask(__name__)

    @app.post("/alexa")
    def alexa() -> object:
        envelope = skill.serializer.deserialize(request.get_data(as_text=True), RequestEnvelope)
        return jsonify(skill.serializer.serialize(skill.invoke(envelope, context=None)))

    return app
