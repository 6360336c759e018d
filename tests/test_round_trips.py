"""Redis round trips per request kind, counted on a real Redis: a new one fails this test.

Each request's store work is counted at the connection (one ``send_packed_command`` is one
round trip: a pipeline or a script is one, a plain command is one). The budgets are what
each kind costs today; lowering one is progress (lower the budget with it), raising one
needs a reason in the issue first (issue 14: one round trip for a request's reads and at
most one for its writes is the aim).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import redis as redis_lib  # noqa: TID251 - a counting connection for the real client
from flask.testing import FlaskClient

from devkit import diary_envelopes as d
from devkit import envelopes as env
from devkit.envelopes import TestClock
from devkit.fake_settings_api import FakeSettingsApi
from skill.config import Settings
from skill.episodes.store import Store
from skill.web.app import create_app
from tests.conftest import NOW, SECRET


class CountingConnection(redis_lib.Connection):
    """A redis-py connection that counts what it sends: one send, one round trip."""

    trips = 0

    def send_packed_command(self, command: Any, check_health: bool = True) -> None:
        CountingConnection.trips += 1
        super().send_packed_command(command, check_health)


@pytest.fixture
def counted(settings: Settings, redis_client: redis_lib.Redis) -> Iterator[FlaskClient]:
    pool = redis_lib.ConnectionPool.from_url(
        settings.redis_url, decode_responses=True, connection_class=CountingConnection
    )
    store = Store(redis_lib.Redis(connection_pool=pool), SECRET)
    app = create_app(settings, clock=TestClock(NOW), store=store)
    yield app.test_client()
    pool.disconnect()


def trips_of(client: FlaskClient, body: dict[str, Any]) -> int:
    before = CountingConnection.trips
    reply = env.post(client, body)
    assert reply.status_code == 200
    return CountingConnection.trips - before


def warm(client: FlaskClient, api: str) -> None:
    """One of each kind from another user first: scripts loaded, connections open."""
    user = "amzn1.ask.account.WARMUP"
    trips_of(client, env.launch(NOW, user_id=user, api_endpoint=api))
    trips_of(client, d.log(NOW, d.complete_slots(), api=api, user_id=user, new_session=True))


def question(user_id: str, api: str, **options: Any) -> dict[str, Any]:
    slots = {"question": "what causes muscle twitches"}
    return env.intent("AskQuestionIntent", NOW, slots, user_id=user_id, api_endpoint=api, **options)


# Round trips per request kind (see the module docstring).
# Profile writes that need no answer (the zone learned, the notice and check-in flags) are
# held with the request's snapshot and go out with the diary's write or when the request
# ends (store/snapshot.py): a first logging is its read, then the entry with the zone and
# the notice and check-in claims (claimed before the save); every later logging is one read
# and one write. A launch's notice claim rides in the snapshot's load: one trip.
BUDGET = {
    "first launch": 1,
    "returning launch": 1,
    "question": 0,
    "first question": 1,
    "first logging": 2,
    # No device to ask for a zone: the failed ask and the locale ride with the entry.
    "first logging, no device": 2,
    "logging": 2,
}


def test_round_trips_per_request_kind_stay_within_budget(
    counted: FlaskClient, settings_api: FakeSettingsApi
) -> None:
    api = settings_api.url
    warm(counted, api)
    new, returning = "amzn1.ask.account.NEWUSER", "amzn1.ask.account.RETURNING"
    newcomer = "amzn1.ask.account.ASKSFIRST"
    no_device = "amzn1.ask.account.NODEVICE"
    logging = d.log(NOW, d.complete_slots(), api=api, user_id=returning, new_session=True)
    trips = {
        "first launch": trips_of(counted, env.launch(NOW, user_id=new, api_endpoint=api)),
        "first logging": trips_of(counted, logging),
        "returning launch": trips_of(counted, env.launch(NOW, user_id=returning, api_endpoint=api)),
        "question": trips_of(counted, question(returning, api)),
        "first question": trips_of(counted, question(newcomer, api, new_session=True)),
        "logging": trips_of(counted, logging),
        "first logging, no device": trips_of(
            counted, d.log(NOW, d.complete_slots(), api=api, user_id=no_device, device_id=None)
        ),
    }
    over = {kind: n for kind, n in trips.items() if n > BUDGET[kind]}
    assert not over, f"round trips over budget: {over} (all: {trips}); see the module docstring"
