"""Request envelopes shaped like Alexa's documented requests, and reading the replies.

Used by `twitch-diary chat` to talk to the skill, and by the tests and benchmarks (which
also post them to the app with ``post`` and ``ask``), so all send the same shapes.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask.testing import FlaskClient

SKILL_ID = "amzn1.ask.skill.00000000-1111-2222-3333-444444444444"
USER_ID = "amzn1.ask.account.AEXAMPLEUSERIDFORTESTS0000000000000000000000000000001"
DEVICE_ID = "amzn1.ask.device.AEXAMPLEDEVICE0001"
API_ENDPOINT = "https://api.amazonalexa.com"


def iso(ts: datetime) -> str:
    return ts.strftime("%Y-%m-%dT%H:%M:%SZ")


def new_session_id() -> str:
    return f"amzn1.echo-api.session.{uuid.uuid4()}"


def context(
    user_id: str = USER_ID,
    *,
    skill_id: str = SKILL_ID,
    api_endpoint: str = API_ENDPOINT,
    device_id: str | None = DEVICE_ID,
    permissions: dict[str, Any] | None = None,
    apl: bool = False,
) -> dict[str, Any]:
    user: dict[str, Any] = {"userId": user_id}
    if permissions is not None:
        user["permissions"] = permissions
    interfaces: dict[str, Any] = {}
    if apl:
        interfaces["Alexa.Presentation.APL"] = {"runtime": {"maxVersion": "2023.3"}}
    system: dict[str, Any] = {
        "application": {"applicationId": skill_id},
        "user": user,
        "apiEndpoint": api_endpoint,
        "apiAccessToken": "test-api-access-token",
    }
    if device_id is not None:
        system["device"] = {"deviceId": device_id, "supportedInterfaces": interfaces}
    return {"System": system}


def envelope(
    request: dict[str, Any],
    *,
    now: datetime,
    user_id: str = USER_ID,
    session: dict[str, Any] | None = None,
    new_session: bool = True,
    with_session: bool = True,
    session_id: str | None = None,
    locale: str = "en-US",
    **context_options: Any,
) -> dict[str, Any]:
    """A full envelope around ``request``; session attributes carried over when given."""
    request = {
        "requestId": f"amzn1.echo-api.request.{uuid.uuid4()}",
        "timestamp": iso(now),
        "locale": locale,
        **request,
    }
    body: dict[str, Any] = {
        "version": "1.0",
        "context": context(user_id, **context_options),
        "request": request,
    }
    if with_session:
        body["session"] = {
            "new": new_session,
            "sessionId": session_id or new_session_id(),
            "application": {"applicationId": context_options.get("skill_id", SKILL_ID)},
            "user": {"userId": user_id},
            "attributes": session or {},
        }
    return body


def launch(now: datetime, **options: Any) -> dict[str, Any]:
    return envelope({"type": "LaunchRequest"}, now=now, **options)


def slot(name: str, value: str | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
    if value is not None:
        body["value"] = value
    body.update(extra)
    return body


def authority(type_name: str, skill_id: str = SKILL_ID) -> str:
    return f"amzn1.er-authority.echo-sdk.{skill_id}.{type_name}"


def resolutions(
    type_name: str, value_id: str | None, value_name: str | None = None, skill_id: str = SKILL_ID
) -> dict[str, Any]:
    """An entity-resolution block: ER_SUCCESS_MATCH with the value, or NO_MATCH without id."""
    resolution: dict[str, Any] = {"authority": authority(type_name, skill_id)}
    if value_id is None:
        resolution["status"] = {"code": "ER_SUCCESS_NO_MATCH"}
    else:
        resolution["status"] = {"code": "ER_SUCCESS_MATCH"}
        name = value_name or value_id.replace("_", " ")
        resolution["values"] = [{"value": {"name": name, "id": value_id}}]
    return {"resolutionsPerAuthority": [resolution]}


def resolved_id(slot_json: dict[str, Any] | None) -> str | None:
    """The value id a slot's request JSON resolved to (ER_SUCCESS_MATCH), if any."""
    for found in ((slot_json or {}).get("resolutions") or {}).get("resolutionsPerAuthority", []):
        if found.get("status", {}).get("code") == "ER_SUCCESS_MATCH":
            return str(found["values"][0]["value"]["id"])
    return None


def resolved_slot(
    name: str,
    spoken: str,
    value_id: str | None,
    type_name: str,
    value_name: str | None = None,
    skill_id: str = SKILL_ID,
) -> dict[str, Any]:
    """A custom-type slot with entity resolution (ER_SUCCESS_MATCH, or NO_MATCH without id)."""
    return slot(name, spoken, resolutions=resolutions(type_name, value_id, value_name, skill_id))


def list_slot(name: str, values: list[dict[str, Any]]) -> dict[str, Any]:
    """A multi-value slot: ``slotValue`` of type List holding Simple values.

    Each item is ``{"value": spoken}`` plus, for custom types, a ``resolutions`` block.
    Alexa leaves the top-level ``value`` out for multi-value slots.
    """
    simple = [{"type": "Simple", **item} for item in values]
    return {
        "name": name,
        "confirmationStatus": "NONE",
        "slotValue": {"type": "List", "values": simple},
    }


def intent(
    name: str,
    now: datetime,
    slots: dict[str, str | dict[str, Any] | None] | None = None,
    *,
    dialog_state: str | None = None,
    confirmation: str = "NONE",
    **options: Any,
) -> dict[str, Any]:
    """An IntentRequest; plain string slot values become simple slots."""
    built = {
        key: (value if isinstance(value, dict) else slot(key, value))
        for key, value in (slots or {}).items()
    }
    request: dict[str, Any] = {
        "type": "IntentRequest",
        "intent": {"name": name, "confirmationStatus": confirmation, "slots": built},
    }
    if dialog_state is not None:
        request["dialogState"] = dialog_state
    options.setdefault("new_session", False)
    return envelope(request, now=now, **options)


def connections_response(
    name: str, now: datetime, *, token: str, code: str, payload: dict[str, Any], **options: Any
) -> dict[str, Any]:
    """The Connections.Response Alexa sends after a Connections.SendRequest (e.g. AskFor)."""
    request = {
        "type": "Connections.Response",
        "name": name,
        "status": {"code": code, "message": "OK" if code == "200" else "Error"},
        "token": token,
        "payload": payload,
    }
    options.setdefault("new_session", False)
    return envelope(request, now=now, **options)


def session_ended(now: datetime, reason: str = "USER_INITIATED", **options: Any) -> dict[str, Any]:
    return envelope({"type": "SessionEndedRequest", "reason": reason}, now=now, **options)


def skill_event(event_type: str, now: datetime, **body: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "type": event_type,
        "eventCreationTime": iso(now),
        "eventPublishingTime": iso(now),
    }
    if body:
        request["body"] = body
    return envelope(request, now=now, with_session=False)


def plain_text(ssml: str) -> str:
    """Speech without SSML tags and entities, whitespace collapsed."""
    text = re.sub(r"<[^>]+>", " ", ssml)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    text = text.replace("&apos;", "'").replace("&amp;", "&")
    return " ".join(text.split())


def speech_text(speech_json: dict[str, Any] | None) -> str:
    if not speech_json:
        return ""
    return plain_text(speech_json.get("ssml") or speech_json.get("text") or "")


class TestClock:
    """A settable clock: the app reads it, tests move it."""

    __test__ = False  # not a test class, despite the name

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def post(client: FlaskClient, body: dict[str, Any] | str | bytes, **headers: str) -> Any:
    """POST to /alexa; returns the Werkzeug response."""
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post("/alexa", data=data, headers=headers, content_type="application/json")


def speech_of(reply: Any) -> str:
    """Plain text of the response's outputSpeech (SSML tags removed, entities unescaped)."""
    return speech_text(reply.get_json()["response"].get("outputSpeech"))


def ask(client: FlaskClient, body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """POST and return (speech, full JSON response); asserts HTTP 200."""
    reply = post(client, body)
    assert reply.status_code == 200, reply.get_data(as_text=True)
    return speech_of(reply), reply.get_json()
