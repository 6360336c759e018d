"""ReportStore: one-time report codes and report sessions.

    twitch:report_code:{<code>}        string  "<user_key>|<expires epoch>|<zone>"  (TTL)
    twitch:report_session:{<sid>}      string  "<user_key>|<expires epoch>|<zone>"  (TTL)
    twitch:{<user_key>}:report_access  hash    code, session: the user's outstanding ones

A code is nine random digits, or sixteen while short codes are paused or when the user
asks again before using the last one (``skill/report/codes.py`` says why). It is claimed
with SET NX EX (another user's live code is never overwritten; a collision draws again)
and redeemed once with an atomic GET+DEL. The expiry is kept in the value too, so a
redeem checks it against the caller's clock (tests move a TestClock) as well as relying
on Redis's TTL. Asking again replaces the user's previous code. Redeeming a code opens a
report session: a random id the browser keeps in a cookie, never the user key.
``enter_report_code`` is what the page calls: the limits of its ``ReportGate`` first,
for short codes only, then the redeem.

``report_access`` lets ``forget`` find the user's outstanding code and session,
which live in other slots: ``_on_forget`` (run before the user's keys are deleted)
reads it and drops them.
"""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass
from datetime import datetime

from skill.episodes.keys import global_key, user_slot_key
from skill.episodes.store.client import guarded, guarded_write
from skill.episodes.store.connection import Connection
from skill.episodes.store.report_gate import MAX_TRIES, ReportGate
from skill.report import codes

__all__ = ["MAX_TRIES", "Entered", "ReportAccess", "ReportCodeError", "ReportStore"]

REPORT_ACCESS = "report_access"
CODE_DRAWS = 10  # a billion codes or more: a collision is rare, ten in a row is not going to happen
SESSION_SECONDS = 30 * 60

# GET and DEL in one step: a code is redeemed at most once even when two requests race.
_TAKE_LUA = """
local value = redis.call('GET', KEYS[1])
if value then
  redis.call('DEL', KEYS[1])
end
return value
"""


class Entered(enum.Enum):
    """What became of a code typed on the page."""

    OPENED = "opened"
    WRONG = "wrong"  # unknown, used, expired or not code-shaped: all look the same
    ADDRESS_LIMIT = "address_limit"  # too many short codes from this address
    PAUSED = "paused"  # the global budget of wrong short codes is spent


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


def is_code_shaped(text: str) -> bool:
    return codes.is_short(text) or codes.is_long(text)


class ReportStore:
    """Codes that open the report page, and the sessions they open; short codes within the
    limits of its ``gate``."""

    KEY_NAMES: tuple[str, ...] = (REPORT_ACCESS,)

    def __init__(self, conn: Connection, gate: ReportGate) -> None:
        self._redis = conn.redis
        self._gate = gate

    @guarded_write
    def issue_report_code(self, user_key: str, *, now: datetime, ttl: int, zone: str) -> str:
        """A fresh code for the user's report, replacing any earlier one: nine digits, or
        sixteen when short codes are paused or the user's previous code is still unused
        (it may have been refused: the long kind is never refused for any limit)."""
        access = ReportAccess(user_key, int(now.timestamp()) + ttl, zone)
        mine = user_slot_key(user_key, REPORT_ACCESS)
        previous = self._redis.hget(mine, "code")
        earlier = ReportAccess.decode(self._redis.get(code_key(previous))) if previous else None
        unused = earlier is not None and earlier.expires_at > now.timestamp()
        long = unused or self._gate.short_codes_paused()
        digits = codes.LONG_DIGITS if long else codes.SHORT_DIGITS
        for _ in range(CODE_DRAWS):
            code = codes.draw(digits)
            if self._redis.set(code_key(code), access.encode(), nx=True, ex=ttl):
                break
        else:
            raise ReportCodeError("no free report code")
        if previous and previous != code:
            self._take(code_key(previous))
        self._redis.hset(mine, "code", code)
        self._redis.expire(mine, max(ttl, SESSION_SECONDS))
        return code

    @guarded_write
    def enter_report_code(
        self, typed: str, *, address: str, now: datetime
    ) -> tuple[Entered, ReportAccess | None]:
        """A code typed on the page: whose report it opens, within the limits on short codes.

        Long codes go straight to the redeem. A short one counts against its address, then
        needs a unit of the global budget, given back when the code was right."""
        code = codes.normalized(typed)
        if codes.is_long(code):
            access = self.redeem_report_code(code, now=now)
            return (Entered.OPENED, access) if access else (Entered.WRONG, None)
        if not codes.is_short(code):
            return Entered.WRONG, None  # nothing could match: no limit is spent on it
        if not self._gate.count_report_try(address):
            return Entered.ADDRESS_LIMIT, None
        if not self._gate.reserve_short_check():
            return Entered.PAUSED, None
        access = self.redeem_report_code(code, now=now)
        if access is None:
            return Entered.WRONG, None
        self._gate.refund_short_check()
        return Entered.OPENED, access

    @guarded_write
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

    @guarded_write
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

    @guarded
    def report_session(self, session_id: str, *, now: datetime) -> ReportAccess | None:
        """The open session with this id, or None (unknown, ended or expired)."""
        if not session_id or len(session_id) > 64:
            return None
        access = ReportAccess.decode(self._redis.get(session_key(session_id)))
        if access is None or access.expires_at <= now.timestamp():
            return None
        return access

    @guarded_write
    def end_report_session(self, session_id: str) -> None:
        """Close a session (the page's "close report" button)."""
        if session_id and len(session_id) <= 64:
            self._redis.delete(session_key(session_id))

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
