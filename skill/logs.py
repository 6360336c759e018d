"""Logging set-up shared by every process (web, scheduler, tools)."""

from __future__ import annotations

import logging
import sys

LOG_FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"


def configure_logging(level: str) -> None:
    """One format everywhere; personal data is kept out by the callers, never logged at INFO."""
    logging.basicConfig(level=level, format=LOG_FORMAT, stream=sys.stderr)
