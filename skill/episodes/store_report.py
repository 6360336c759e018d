"""Store mixin: one-time report codes, report sessions and the per-address rate limit.

    twitch:report_code:{<code>}        string  "<user_key>|<expires epoch>|<zone>"  (TTL)
    twitch:report_session:{<sid>}      string  "<user_key>|<expires epoch>|<zone>"  (TTL)
    twitch:report_tries:{<address>}    string  tries from one client address       (TTL)
    twitch:{<user_key>}:report_access  hash    code, session: the user's outstanding ones

A code is six random digits, claimed with SET NX EX (another user's live code is
never overwritten; a collision draws again) and redeemed once with an atomic GET+DEL.
The expiry is kept in the value too, so a redeem checks it against the caller's
clock (tests move a TestClock) as well as relying on Redis's TTL. Asking again
replaces the user's previous code. Redeeming a code opens a report session: a random
id the browser keeps in a cookie, never the user key.

``report_access`` lets ``forget`` find the user's outstanding code and session,
which live in other slots: ``_on_forget`` (run before the user's keys are deleted)
reads it and drops them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from skill.episodes.keys import global_key, user_slot_key

REPORT_ACCESS = "report_access"
CODE_DIGITS = 6
CODE_DRAWS = 10  # one million codes: a collision is rare, ten in a row is not going to happen
SESSION_SECONDS = 30 * 60
MAX_TRIES = 10
TRIES_WINDOW_SECONDS = 15 * 60

# GET and DEL in one step: a code is redeemed at most once even when two requests race.
_TAKE_LUA = """
local value = redis.call('GET', KEYS[1])
if value then
  redis.call('DEL', KEYS[1])
end
return value
"""

# INCR, and start the window with the first try: the count resets when the key expires.
_COUNT_TRY_LUA = """
local tries = redis.call('INCR', KEYS[1])
if tries == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return tries
"""


class ReportCodeError(RuntimeError):
    """No free code could be drawn (every draw collided)."""


@dataclass(frozen=True, slots=True)
class ReportAccess:
    """Whose report a code or session opens, until when, and in which time zone."""

    user_key: str
    expires_at: int  # UTC epoch seconds
    zone: str

    def encode(self) -> str:
        return f"{self.user_key}|{self.expires_at}|{self.zone}"

    @classmethod
    def decode(cls, value: str | None) -> ReportAccess | None:
        parts = (value or "").split("|")
        if len(parts) != 3 or not parts[1].isdigit():
            return None
        return cls(parts[0], int(parts[1]), parts[2])


def code_key(code: str) -> str:
    return global_key(f"report_code:{{{code}}}")


def session_key(session_id: str) -> str:
    return global_key(f"report_session:{{{session_id}}}")


def tries_key(address: str) -> str:
    return global_key(f"report_tries:{{{address}}}")


def is_code_shaped(text: str) -> bool:
    return len(text) == CODE_DIGITS and text.isascii() and text.isdigit()


class ReportMixin:
    """Codes that open the report page, and the sessions they open."""

    _redis: Any
    KEY_NAMES: tuple[str, ...] = (REPORT_ACCESS,)

    def issue_report_code(self, user_key: str, *, now: datetime, ttl: int, zone: str) -> str:
        """A fresh six-digit code for the user's report, replacing any earlier one."""
        access = ReportAccess(user_key, int(now.timestamp()) + ttl, zone)
        for _ in range(CODE_DRAWS):
            code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
            if self._redis.set(code_key(code), access.encode(), nx=True, ex=ttl):
                break
        else:
            raise ReportCodeError("no free report code")
        mine = user_slot_key(user_key, REPORT_ACCESS)
        previous = self._redis.hget(mine, "code")
        if previous and previous != code:
            self._take(code_key(previous))
        self._redis.hset(mine, "code", code)
        self._redis.expire(mine, max(ttl, SESSION_SECONDS))
        return code

    def redeem_report_code(self, code: str, *, now: datetime) -> ReportAccess | None:
        """Whose report the code opens, once; None for an unknown, used or expired code."""
        if not is_code_shaped(code):
            return None
        access = ReportAccess.decode(self._take(code_key(code)))
        if access is None or access.expires_at <= now.timestamp():
            return None
        mine = user_slot_key(access.user_key, REPORT_ACCESS)
        if self._redis.hget(mine, "code") == code:  # not a newer code asked for meanwhile
            self._redis.hdel(mine, "code")
        return access

    def open_report_session(self, access: ReportAccess, *, now: datetime) -> str:
        """A new session id (for the browser's cookie) showing ``access.user_key``'s report."""
        session_id = secrets.token_urlsafe(32)
        session = ReportAccess(access.user_key, int(now.timestamp()) + SESSION_SECONDS, access.zone)
        self._redis.set(session_key(session_id), session.encode(), ex=SESSION_SECONDS)
        mine = user_slot_key(access.user_key, REPORT_ACCESS)
        previous = self._redis.hget(mine, "session")
        if previous:
            self._redis.delete(session_key(previous))  # one open report per user
        self._redis.hset(mine, "session", session_id)
        self._redis.expire(mine, SESSION_SECONDS)
        return session_id

    def report_session(self, session_id: str, *, now: datetime) -> ReportAccess | None:
        """The open session with this id, or None (unknown, ended or expired)."""
        if not session_id or len(session_id) > 64:
            return None
        access = ReportAccess.decode(self._redis.get(session_key(session_id)))
        if access is None or access.expires_at <= now.timestamp():
            return None
        return access

    def end_report_session(self, session_id: str) -> None:
        """Close a session (the page's "close report" button)."""
        if session_id and len(session_id) <= 64:
            self._redis.delete(session_key(session_id))

    def count_report_try(self, address: str) -> bool:
        """Count one code entry from a client address; False once it is over the limit."""
        script = self._redis.register_script(_COUNT_TRY_LUA)
        tries = int(script(keys=[tries_key(address)], args=[TRIES_WINDOW_SECONDS]))
        return tries <= MAX_TRIES

    def _take(self, key: str) -> str | None:
        script = self._redis.register_script(_TAKE_LUA)
        value = script(keys=[key])
        return str(value) if value is not None else None

    def _on_forget(self, user_key: str) -> None:
        """Drop the user's outstanding code and open report session (other slots)."""
        mine = user_slot_key(user_key, REPORT_ACCESS)
        outstanding = self._redis.hgetall(mine)
        if outstanding.get("code"):
            self._redis.delete(code_key(outstanding["code"]))
        if outstanding.get("session"):
            self._redis.delete(session_key(outstanding["session"]))
