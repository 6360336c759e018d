"""ReportGate: the limits on entering short report codes (long codes have none).

    twitch:report_short_wrong          string  wrong short codes checked this window  (TTL)
    twitch:report_tries:{<address>}    string  short-code tries from one address       (TTL)

The global budget is what bounds guessing by an attacker with any number of addresses:
a short code is checked only after a unit of the budget is reserved, atomically, so
concurrent requests never check more than ``SHORT_WRONG_BUDGET`` wrong codes in one
window; a code that turns out right gives its unit back. The per-address limit keeps one
client from spending the whole budget alone. Neither can lock a user out: while either
refuses short codes, the skill gives long ones (``skill/report/codes.py``).
"""

from __future__ import annotations

from skill.episodes.keys import global_key
from skill.episodes.store.client import guarded, guarded_write
from skill.episodes.store.connection import Connection
from skill.report.codes import BUDGET_WINDOW_SECONDS, SHORT_WRONG_BUDGET

MAX_TRIES = 10
TRIES_WINDOW_SECONDS = 15 * 60

# Reserve one unit unless the budget is spent; the window starts with the first unit
# (TTL checked rather than "count == 1": a refund back to 0 must not restart the window).
_RESERVE_LUA = """
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used >= tonumber(ARGV[1]) then
  return 0
end
redis.call('INCR', KEYS[1])
if redis.call('TTL', KEYS[1]) < 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return 1
"""

# Give a unit back; never below zero, and never recreate a key whose window has ended.
_REFUND_LUA = """
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used > 0 then
  redis.call('DECR', KEYS[1])
end
return used
"""

# INCR, and start the window with the first try: the count resets when the key expires.
_COUNT_TRY_LUA = """
local tries = redis.call('INCR', KEYS[1])
if tries == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return tries
"""


def budget_key() -> str:
    return global_key("report_short_wrong")


def tries_key(address: str) -> str:
    return global_key(f"report_tries:{{{address}}}")


class ReportGate:
    """The global wrong-short-code budget and the per-address limit."""

    def __init__(self, conn: Connection) -> None:
        self._redis = conn.redis

    @guarded
    def short_codes_paused(self) -> bool:
        """Whether this window's budget of wrong short codes is spent."""
        return int(self._redis.get(budget_key()) or 0) >= SHORT_WRONG_BUDGET

    @guarded_write
    def reserve_short_check(self) -> bool:
        """Take one unit of the budget before checking a short code; False when it is spent."""
        script = self._redis.register_script(_RESERVE_LUA)
        args = [SHORT_WRONG_BUDGET, BUDGET_WINDOW_SECONDS]
        return bool(int(script(keys=[budget_key()], args=args)))

    @guarded_write
    def refund_short_check(self) -> None:
        """The checked code was right: it spent nothing of the budget."""
        self._redis.register_script(_REFUND_LUA)(keys=[budget_key()])

    @guarded_write
    def count_report_try(self, address: str) -> bool:
        """Count one short-code entry from a client address; False once it is over the limit."""
        script = self._redis.register_script(_COUNT_TRY_LUA)
        tries = int(script(keys=[tries_key(address)], args=[TRIES_WINDOW_SECONDS]))
        return tries <= MAX_TRIES
