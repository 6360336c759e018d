"""How much a first report must say to be saved without questions."""

from __future__ import annotations

from flask.testing import FlaskClient

from devkit import envelopes as env
from skill.episodes.store import Store
from tests.conftest import NOW


def _log(client: FlaskClient, **slots: object) -> tuple[str, dict[str, object]]:
    return env.ask(client, env.intent("LogTwitchIntent", NOW, slots, dialog_state="STARTED"))


def test_place_side_and_duration_are_saved_at_once(client: FlaskClient, store: Store) -> None:
    text, body = _log(
        client,
        location=env.resolved_slot("location", "calf", "calf", "BODY_LOCATION"),
        side=env.resolved_slot("side", "left", "left", "SIDE"),
        duration="PT2M",
    )
    assert text.startswith("Saved")
    assert "calf" in text
    assert not body["response"].get("directives")
    [episode] = store.diary.all_episodes(store.user_key(env.USER_ID))
    assert (episode.location, episode.side, episode.duration_seconds) == ("calf", "left", 120)


def test_a_sparse_report_asks_for_the_missing_details(client: FlaskClient, store: Store) -> None:
    text, body = _log(
        client, location=env.resolved_slot("location", "calf", "calf", "BODY_LOCATION")
    )
    assert not text.startswith("Saved")
    [directive] = body["response"]["directives"]
    assert directive["type"] == "Dialog.ElicitSlot"
    assert store.diary.all_episodes(store.user_key(env.USER_ID)) == []


def test_an_unmatched_detail_is_asked_again_even_in_a_rich_report(client: FlaskClient) -> None:
    _, body = _log(
        client,
        location=env.resolved_slot("location", "calf", "calf", "BODY_LOCATION"),
        side=env.resolved_slot("side", "sideways", None, "SIDE"),
        duration="PT2M",
        triggers=env.resolved_slot("triggers", "coffee", "caffeine", "TRIGGER"),
    )
    assert body["response"]["directives"][0]["slotToElicit"] == "side"
