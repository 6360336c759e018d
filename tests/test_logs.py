"""Logged tracebacks stay short: the innermost frames only (issue 13, item 6)."""

from __future__ import annotations

import logging

from skill.logs import LOG_FORMAT, TRACEBACK_FRAMES, BoundedTracebackFormatter


def _alternating(depth: int) -> None:
    # Two functions in turn, as in the SDK serializer's recursion: Python cannot fold these.
    if depth == 0:
        raise RecursionError("too deep")
    _other(depth - 1)


def _other(depth: int) -> None:
    _alternating(depth)


def test_a_deep_traceback_is_cut_to_its_last_frames() -> None:
    try:
        _alternating(300)
    except RecursionError as exc:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "failed", None,
                                   (type(exc), exc, exc.__traceback__))  # fmt: skip
    text = BoundedTracebackFormatter(LOG_FORMAT).format(record)
    lines = text.splitlines()
    assert lines[0].endswith("failed")
    assert lines[-1] == "RecursionError: too deep"
    assert len(lines) <= 2 * TRACEBACK_FRAMES + 3
