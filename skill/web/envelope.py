"""Shape checks on an Alexa request envelope before the SDK sees it.

The SDK's deserializer is forgiving (unknown fields are kept, which certification
relies on) but crashes deep inside on wrong types; these checks turn the fields
the skill relies on into clear 400 answers instead.
"""

from __future__ import annotations

from typing import Any


class EnvelopeError(ValueError):
    """The request is not a usable Alexa envelope; the message says why (no user data)."""


# Alexa's envelopes nest about a dozen levels (a multi-value slot's resolutions); anything
# far deeper is an attack on the recursive SDK (de)serializer, which would otherwise fail
# deep inside with a RecursionError and a traceback of thousands of lines.
MAX_DEPTH = 32


def check_values(value: Any, depth: int = 0) -> None:
    """Raise EnvelopeError for nesting beyond MAX_DEPTH or a string that is not valid Unicode.

    JSON's ``\\ud800`` escapes decode to lone surrogates, which cannot be encoded as UTF-8:
    such a userId would fail later in the HMAC of the user key, a session id in the reply.
    """
    if depth > MAX_DEPTH:
        raise EnvelopeError("envelope nested too deeply")
    if isinstance(value, str):
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise EnvelopeError("a string holds invalid Unicode (a lone surrogate)") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            check_values(key, depth + 1)
            check_values(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            check_values(item, depth + 1)


def check_nesting(value: Any, depth: int = 0) -> None:
    """``check_values`` for a payload whose strings are known to be valid Unicode: only the
    containers are visited (a container at ``depth`` holds values at ``depth + 1``, so a
    non-empty one at MAX_DEPTH is exactly what ``check_values`` refuses)."""
    if isinstance(value, dict):
        items: Any = value.values()
    elif isinstance(value, list):
        items = value
    else:
        return
    if depth >= MAX_DEPTH and items:
        raise EnvelopeError("envelope nested too deeply")
    for item in items:
        if isinstance(item, dict | list):
            check_nesting(item, depth + 1)


def _field(container: Any, name: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(container, dict):
        raise EnvelopeError(f"{where} is not an object")
    value = container.get(name)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise EnvelopeError(f"{where}.{name} missing or of the wrong type")
    return value


def _optional(container: dict[str, Any], name: str, kind: type, where: str) -> Any:
    value = container.get(name)
    if value is not None and not isinstance(value, kind):
        raise EnvelopeError(f"{where}.{name} has the wrong type")
    return value


def application_id(payload: dict[str, Any]) -> str:
    """The skill id the request is addressed to (context.System.application.applicationId)."""
    system = _field(payload, "context", dict, "envelope")
    system = _field(system, "System", dict, "context")
    application = _field(system, "application", dict, "context.System")
    value: str = _field(application, "applicationId", str, "context.System.application")
    return value


def check_envelope(
    payload: Any,
    expected_skill_id: str | None,
    *,
    unicode_checked: bool = False,
    containers: int | None = None,
) -> None:
    """Raise EnvelopeError unless the envelope has the fields and types the skill needs.

    ``unicode_checked``: the parser already refused invalid Unicode (orjson does), so only the
    nesting is left to check; ``containers``: at most this many objects and arrays are in the
    payload (the body's count of ``{`` and ``[``), so at most MAX_DEPTH of them cannot nest
    too deeply and the walk is skipped."""
    if not isinstance(payload, dict):
        raise EnvelopeError("envelope is not an object")
    if not unicode_checked:
        check_values(payload)
    elif containers is None or containers > MAX_DEPTH:
        check_nesting(payload)
    _field(payload, "version", str, "envelope")
    req = _field(payload, "request", dict, "envelope")
    for name in ("type", "requestId", "timestamp"):
        if not _field(req, name, str, "request"):
            raise EnvelopeError(f"request.{name} is empty")
    _optional(req, "locale", str, "request")
    if req["type"] == "IntentRequest":
        intent = _field(req, "intent", dict, "request")
        _field(intent, "name", str, "request.intent")
        slots = _optional(intent, "slots", dict, "request.intent")
        for slot in (slots or {}).values():
            if not isinstance(slot, dict) or not isinstance(slot.get("name", ""), str):
                raise EnvelopeError("request.intent.slots holds a malformed slot")
            _optional(slot, "value", str, "slot")
    app_id = application_id(payload)
    system = payload["context"]["System"]
    user = _field(system, "user", dict, "context.System")
    _field(user, "userId", str, "context.System.user")
    for name in ("apiEndpoint", "apiAccessToken"):
        _optional(system, name, str, "context.System")
    _optional(system, "device", dict, "context.System")
    session = _optional(payload, "session", dict, "envelope")
    if session is not None:
        _optional(session, "attributes", dict, "session")
        _optional(session, "new", bool, "session")
    if expected_skill_id is not None and app_id != expected_skill_id:
        raise EnvelopeError("application id does not match this skill")
