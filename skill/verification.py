"""Alexa request verification on `cryptography` (placeholder; being implemented)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime


class VerificationError(Exception):
    """The request did not prove it came from Alexa; the message is the reason."""


class RequestVerifier:
    def __init__(self, *, timeout: float = 3.0, clock: Callable[[], datetime]) -> None:
        self._timeout = timeout
        self._clock = clock

    def verify(self, headers: Mapping[str, str], body: bytes) -> None:
        raise VerificationError("verifier not implemented yet")
