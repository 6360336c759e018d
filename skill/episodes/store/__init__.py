"""The store: the only package that imports redis.

Key schema (every per-user key carries the user key as a Redis Cluster hash tag,
so all of one user's keys share a slot and can be changed in one MULTI):

    twitch:{<user_key>}:profile          hash  first-use notice, time zone (tz, tz_source), ...
    twitch:{<user_key>}:episodes         zset  the twitch diary (store/diary.py)
    twitch:{<user_key>}:marks            hash  the diary's summary for the rules (store/diary.py)
    twitch:{<user_key>}:mark_list        str   the summary's marks, as the sweep reads them (ditto)
    twitch:{<user_key>}:reminders        hash  reminder ids, consent, identity (store/reminders.py)
    twitch:{<user_key>}:symptoms         hash  symptom-check answers (store/symptoms.py)
    twitch:{<user_key>}:quiet_days       zset  twitch-free days (store/quiet_days.py)
    twitch:{<user_key>}:advice_*         hash  scheduler advice, fired once (store/advice.py)
    twitch:{<user_key>}:advice_outbox    hash  skill messages owed for new advice (store/outbox.py)
    twitch:{<user_key>}:checkin_moves    hash  refs the check-in moved for (store/reminders.py)
    twitch:{<user_key>}:sweep_read       str   a sweep batch's read guard (store/sweep_guard.py)
    twitch:due:{<n>}                     zset  due-index shard n (store/due.py): user -> next check
    twitch:{<user_key>}:report_access    hash  outstanding report code and session (store/report.py)
    twitch:report_code:{<code>}          str   one-time report code -> user (store/report.py)
    twitch:report_session:{<sid>}        str   open report session -> user (store/report.py)
    twitch:report_tries:{<address>}      str   short-code tries per address (store/report_gate.py)
    twitch:report_short_wrong            str   wrong short codes, all users (store/report_gate.py)

``<user_key>`` is HMAC-SHA256(server secret, Alexa userId), hex. The raw userId
never appears in a key name. Changing the secret orphans every user's data.

Each feature's Redis methods are a small store, a class in its own module, built on one
shared ``Connection`` (connection.py: the client, the key secret, the single-node flag and
the request's snapshot) and never importing redis itself. ``Store`` (facade.py) is the
composition root: it owns the connection, ``user_key``, ``ping``, ``forget`` and the AOF
rewrite helpers, and exposes the small stores as attributes, which callers use (or are
handed) directly:

    store.profile      ProfileStore     profile.py
    store.diary        DiaryStore       diary.py
    store.due          DueIndex         due.py
    store.advice       AdviceStore      advice.py
    store.outbox       OutboxStore      outbox.py
    store.sweep_guard  SweepGuard       sweep_guard.py
    store.symptoms     SymptomAnswers   symptoms.py
    store.quiet_days   QuietDays        quiet_days.py
    store.evidence     EvidenceStore    evidence.py
    store.reminders    RemindersStore   reminders.py
    store.report       ReportStore      report.py       (short codes within store.report_gate)
    store.report_gate  ReportGate       report_gate.py
    store.erasure      ErasureMarks     erasure.py
    store.snapshot     RequestSnapshot  snapshot.py

A write that spans features stays one step: the diary's write also updates the due index,
in one round trip on one Redis (diary.py); the sweep's advice write also owes its messages,
in the same script (outbox.py).
Each small store names its per-user keys in ``KEY_NAMES`` so ``forget`` deletes them all in
one DEL, and may define ``_on_forget(user_key)`` to clean cross-slot indexes (run before the
delete, so it can still read the user's keys) or ``_after_forget(user_key)`` for what must
follow the delete. The reads the request's snapshot covers ask it first, explicitly
(snapshot.py). Every public method carries ``guarded`` or ``guarded_write`` (client.py) at
its definition.

Modules: client.py (connect, the call guards), connection.py (what the small stores share),
deadline.py and redis_deadline.py (the request's Redis budget), facade.py (Store),
snapshot.py and snapshot_state.py (the request-scoped snapshot), and one module per
feature's keys.
"""

from skill.episodes.keys import StoreUnavailable, user_slot_key
from skill.episodes.store.client import connect
from skill.episodes.store.facade import Store

__all__ = ["Store", "StoreUnavailable", "connect", "user_slot_key"]
