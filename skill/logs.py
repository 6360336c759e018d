"""Logging set-up shared by every process (web, scheduler, tools)."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

LOG_FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"

# Frames kept of a logged traceback (the innermost, where it failed). A recursion deep in
# the SDK's serializer once logged 2,900 lines per request; a bug needs only its last frames.
TRACEBACK_FRAMES = 12

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class BoundedTracebackFormatter(logging.Formatter):
    """The usual format, with each logged traceback cut to its last TRACEBACK_FRAMES frames."""

    def formatException(self, ei: ExcInfo) -> str:  # type: ignore[override]  # noqa: N802
        lines = traceback.format_exception(*ei, limit=-TRACEBACK_FRAMES)
        return "".join(lines).rstrip("\n")


def configure_logging(level: str) -> None:
    """One format everywhere; personal data is kept out by the callers, never logged at INFO."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(BoundedTracebackFormatter(LOG_FORMAT))
    logging.basicConfig(level=level, handlers=[handler])
