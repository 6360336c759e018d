"""The launch asks diary keepers who logged nothing today; no notes a quiet day, yes logs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from flask.testing import FlaskClient

from devkit import envelopes as env
from skill import speech
from skill.episodes.model import Episode
from skill.episodes.store import Store
from tests.conftest import NOW

# NOW is 18:30 UTC on 24 November 2026; the profile's zone is London (cached, fresh).
TODAY = date(2026, 11, 24)


def keeper(store: Store, last_entry: datetime) -> str:
    user = store.user_key(env.USER_ID)
    store.profile.claim_notice(user)
    store.profile.update_profile(user, {"tz": "Europe/London", "tz_checked": NOW.isoformat()})
    episode = Episode(id="e1", started_at=last_entry, local_date=last_entry.date(),
                      location="calf")  # fmt: skip
    store.diary.add_episode(user, episode, check_at=last_entry)
    return user


def test_a_diary_keeper_who_logged_nothing_today_is_asked(
    client: FlaskClient, store: Store
) -> None:
    keeper(store, NOW - timedelta(days=1))
    text, body = env.ask(client, env.launch(NOW))
    assert text.endswith(speech.DAILY_QUESTION)
    assert body["sessionAttributes"]["pending"]["kind"] == "daily_check"


def test_no_records_a_twitch_free_day_and_asks_for_a_check(
    client: FlaskClient, store: Store
) -> None:
    user = keeper(store, NOW - timedelta(days=1))
    _, body = env.ask(client, env.launch(NOW))
    text, _ = env.ask(client, env.intent("AMAZON.NoIntent", NOW, session=body["sessionAttributes"]))
    assert text == speech.QUIET_DAY_NOTED
    assert store.quiet_days.quiet_days(user) == {TODAY}
    assert store.due.due_count(NOW + timedelta(seconds=1)) == 1
    again, _ = env.ask(client, env.launch(NOW + timedelta(hours=1)))
    assert speech.DAILY_QUESTION not in again


def test_yes_goes_straight_into_logging(client: FlaskClient, store: Store) -> None:
    keeper(store, NOW - timedelta(days=1))
    _, body = env.ask(client, env.launch(NOW))
    text, body = env.ask(client, env.intent("AMAZON.YesIntent", NOW,
                                            session=body["sessionAttributes"]))  # fmt: skip
    assert text == speech.ASK_LOCATION
    [directive] = body["response"]["directives"]
    assert (directive["type"], directive["slotToElicit"]) == ("Dialog.ElicitSlot", "location")
    assert directive["updatedIntent"]["name"] == "LogTwitchIntent"


def test_no_question_after_an_entry_today_or_for_a_new_user(
    client: FlaskClient, store: Store
) -> None:
    keeper(store, datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    text, _ = env.ask(client, env.launch(NOW))
    assert speech.DAILY_QUESTION not in text
    newcomer, _ = env.ask(client, env.launch(NOW, user_id="amzn1.ask.account.NEWCOMER"))
    assert speech.DAILY_QUESTION not in newcomer
