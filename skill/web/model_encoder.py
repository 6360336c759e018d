"""A fast encoder of ask_sdk_model replies into JSON bytes, equal to the SDK's own.

The SDK's ``DefaultSerializer.serialize`` walks the reply in Python, testing each value
against a row of types and, for each model object, rebuilding its key map from
``deserialized_types``. Here orjson walks the reply in C and calls back only for what it
does not know: a model object becomes the dict the SDK would make of it (its non-None
declared attributes under their JSON names, in declared order), kept per class. orjson
already writes dicts, lists, tuples, strings, numbers, booleans, None and enums as the SDK
leaves them; datetimes and dataclasses are passed back to us so they come out as the SDK
would have them (``isoformat()``, or the fallback).

Anything else, or any value orjson refuses (bytes, a non-string key, an integer beyond 64
bits), goes the old way: the SDK serializes the whole reply and orjson encodes its result,
so the bytes, or the error raised, are exactly as before this module existed.
"""

from __future__ import annotations

import decimal
from datetime import date, datetime
from typing import Any

import orjson
from ask_sdk_core.serialize import DefaultSerializer

# orjson hands these to ``_default`` instead of writing them its own way.
_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


class ModelEncoder:
    """``encode(reply)``: JSON bytes of a reply, as ``orjson.dumps(sdk.serialize(reply))``."""

    def __init__(self, fallback: DefaultSerializer | None = None) -> None:
        self._fallback = fallback or DefaultSerializer()
        # Per model class: (attribute, JSON key) for each declared attribute, in order.
        self._plans: dict[type, tuple[tuple[str, str], ...]] = {}

    def encode(self, reply: Any) -> bytes:
        try:
            return orjson.dumps(reply, default=self._default, option=_OPTIONS)
        except orjson.JSONEncodeError:  # the SDK's serializer decides, and raises its own errors
            return orjson.dumps(self._fallback.serialize(reply))

    def _default(self, obj: Any) -> Any:
        """What the SDK makes of a value orjson does not write itself (orjson encodes the
        result, calling back again for model objects inside it)."""
        if isinstance(obj, datetime | date):
            return obj.isoformat()
        if isinstance(obj, tuple):  # a named tuple: the SDK makes a plain tuple of it
            return list(obj)
        if isinstance(obj, decimal.Decimal):
            return int(obj) if obj % 1 == 0 else float(obj)
        cls = type(obj)
        plan = self._plans.get(cls)
        if plan is None:
            if isinstance(obj, DefaultSerializer.PRIMITIVE_TYPES + (list, dict)):
                raise TypeError(f"{cls.__name__} is left to the SDK")  # bytes, for one
            plan = self._plans[cls] = _plan(cls)
        result = {}
        for attribute, key in plan:
            value = getattr(obj, attribute)
            if value is not None:
                result[key] = value
        return result


def _plan(cls: type) -> tuple[tuple[str, str], ...]:
    """The SDK's key map of a model class: declared attributes, renamed by ``attribute_map``."""
    types = getattr(cls, "deserialized_types", None)
    if not isinstance(types, dict):
        raise TypeError(f"{cls.__name__} is not an SDK model")
    names: dict[str, str] = getattr(cls, "attribute_map", None) or {}
    return tuple((attribute, names.get(attribute, attribute)) for attribute in types)
