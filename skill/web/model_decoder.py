"""A fast decoder of parsed JSON into ask_sdk_model objects, equal to the SDK's own.

The SDK's ``DefaultSerializer`` is reflective: for every field of every object it matches
the declared type against regular expressions, imports the class by name and, for each
timestamp, runs dateutil's general parser. That is most of a small skill's time per request.
This module does the same walk with what can be worked out once kept per class: a decoder
per declared type, the class resolved once, the discriminated subclasses (request types,
slot value types) cached by name, and Alexa's own timestamp format read directly.

It follows ``DefaultSerializer.__deserialize`` rule for rule, so its objects are equal to the
SDK's, unknown fields included (kept as attributes named as in the JSON); any payload it
cannot decode (a wrong type, an unknown enum value, a timestamp in another format) goes to
the SDK's serializer, which then decodes it or raises its own error, exactly as before.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any

from ask_sdk_core.serialize import DefaultSerializer
from dateutil.parser import parse as parse_datetime

Decoder = Callable[[Any], Any]

_PRIMITIVES = DefaultSerializer.PRIMITIVE_TYPES
_NATIVE = DefaultSerializer.NATIVE_TYPES_MAPPING
_LIST = re.compile(r"list\[(.*)\]")
_DICT = re.compile(r"dict\(([^,]*), (.*)\)")
# Alexa's timestamps ("2026-11-24T18:30:00Z"); anything else goes to dateutil.
_ALEXA_TIME = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z\Z")
# The zone dateutil gives "Z" (tzutc, or tzlocal on a machine whose local zone is UTC), so
# the objects compare and print the same as the SDK's.
_Z_ZONE = parse_datetime("2000-01-01T00:00:00Z").tzinfo


class ModelDecoder:
    """Decoders per declared type, built on first use; ``decode(payload, cls)``."""

    def __init__(self, fallback: DefaultSerializer | None = None) -> None:
        self._fallback = fallback or DefaultSerializer()
        self._decoders: dict[Any, Decoder] = {}
        self._classes: dict[str, type] = {}
        self._fields: dict[type, tuple[tuple[str, str, Decoder], ...]] = {}

    def decode(self, payload: Any, obj_type: Any, text: Callable[[], str]) -> Any:
        """``payload`` (parsed JSON) as ``obj_type``; on anything unusual, the SDK decodes
        ``text()`` (the same body as a string), as it did before this module existed."""
        try:
            return self._decoder(obj_type)(payload)
        except Exception:  # the SDK's serializer decides, and raises its own errors
            return self._fallback.deserialize(text(), obj_type)

    def _decoder(self, obj_type: Any) -> Decoder:
        decoder = self._decoders.get(obj_type)
        if decoder is None:
            decoder = self._decoders[obj_type] = self._build(obj_type)
        return decoder

    def _build(self, obj_type: Any) -> Decoder:
        inner = self._build_not_none(obj_type)

        def decode(payload: Any) -> Any:
            return None if payload is None else inner(payload)

        return decode

    def _build_not_none(self, obj_type: Any) -> Decoder:
        if isinstance(obj_type, str):
            if obj_type.startswith("list["):
                return self._list(obj_type)
            if obj_type.startswith("dict("):
                match = _DICT.match(obj_type)
                if match is None:
                    return lambda payload: {}
                values = self._decoder(match.group(2))
                return lambda payload: {key: values(item) for key, item in payload.items()}
            obj_type = _NATIVE.get(obj_type) or self._load_class(obj_type)
        if obj_type in _PRIMITIVES:
            return _primitive(obj_type)
        if obj_type is object:
            return lambda payload: payload
        if obj_type is date or obj_type is datetime:
            return _timestamp(obj_type)
        return self._model(obj_type)

    def _list(self, obj_type: str) -> Decoder:
        match = _LIST.match(obj_type)
        if match is None:
            return lambda payload: []
        names = match.group(1)
        if "," in names:
            each = [self._decoder(name.strip()) for name in names.split(",")]
            return lambda payload: [d(item) for item, d in zip(payload, each, strict=False)]
        one = self._decoder(names.strip())
        return lambda payload: [one(item) for item in payload]

    def _load_class(self, name: str) -> type:
        found = self._classes.get(name)
        if found is None:
            module_name, _, class_name = name.rpartition(".")
            if module_name:
                module = __import__(module_name, fromlist=[class_name])
            else:
                module = sys.modules[DefaultSerializer.__module__]
            found = self._classes[name] = getattr(module, class_name)
        return found

    def _model(self, cls: Any) -> Decoder:
        if issubclass(cls, Enum):
            return cls
        if not hasattr(cls, "deserialized_types"):
            return lambda payload: payload
        if hasattr(cls, "get_real_child_model"):

            def discriminated(payload: Any) -> Any:
                name = cls.get_real_child_model(payload)
                if not name:
                    raise ValueError(f"no subclass of {cls.__name__} for this payload")
                return self._fill(self._load_class(name), payload)

            return discriminated
        return lambda payload: self._fill(cls, payload)

    def _fill(self, cls: Any, payload: dict[str, Any]) -> Any:
        fields = self._fields.get(cls)
        if fields is None:
            fields = self._fields[cls] = self._plan(cls)
        model = cls()
        known = 0
        for attribute, key, decode in fields:
            if key in payload:
                setattr(model, attribute, decode(payload[key]))
                known += 1
        if known != len(payload):  # fields the model does not declare are kept as they are
            declared = {key for _, key, _ in fields}
            for key in payload:
                if key not in declared:
                    setattr(model, key, payload[key])
        return model

    def _plan(self, cls: Any) -> tuple[tuple[str, str, Decoder], ...]:
        types: dict[str, str] = cls.deserialized_types
        mapping = {**{name: name for name in types}, **getattr(cls, "attribute_map", {})}
        return tuple((name, key, self._decoder(types[name])) for name, key in mapping.items())


def _primitive(kind: type) -> Decoder:
    def decode(payload: Any) -> Any:
        if type(payload) is kind:
            return payload
        try:
            return kind(payload)
        except UnicodeEncodeError:
            return str(payload)
        except TypeError:
            return payload

    return decode


def _timestamp(kind: type) -> Decoder:
    def decode(payload: Any) -> Any:
        match = _ALEXA_TIME.match(payload) if isinstance(payload, str) else None
        if match:
            parsed = datetime(*(int(part) for part in match.groups()), tzinfo=_Z_ZONE)  # type: ignore[misc]
        else:
            parsed = parse_datetime(payload)
        return parsed.date() if kind is date else parsed

    return decode
