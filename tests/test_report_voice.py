"""The report by voice: the spoken code, the weekly summary, and APL only on screens."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from typing import Any

from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import ResponseEnvelope
from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective
from flask.testing import FlaskClient

from devkit import envelopes as env
from devkit.envelopes import TestClock
from skill.config import Settings
from skill.episodes.store import Store
from skill.report import apl
from skill.web.app import create_app
from tests.conftest import NOW
from tests.report_helpers import ask_for_code, code_on_card, seed_diary


def _directives(body: dict[str, Any]) -> list[dict[str, Any]]:
    return list(body["response"].get("directives") or [])


def test_the_code_is_spoken_digit_by_digit_and_shown_on_the_card(
    client: FlaskClient, store: Store
) -> None:
    text, body = env.ask(client, env.intent("ReportIntent", NOW))
    card = body["response"]["card"]["content"]
    code = code_on_card(card)
    assert len(code) == 9 and code.isdigit()
    assert f"Your report code: {code[:3]} {code[3:6]} {code[6:]}\n" in card
    digits = ". ".join(", ".join(code[i : i + 3]) for i in (0, 3, 6))  # "4, 8, 1. 5, 0, 2. ..."
    assert text.startswith(f"Your report code is {digits}. Once more: {digits}.")
    assert "15 minutes" in text
    assert body["response"]["shouldEndSession"] is True
    access = store.report.redeem_report_code(code, now=NOW)
    assert access is not None and access.user_key == store.user_key(env.USER_ID)
    assert access.zone == "America/New_York"  # en-US, no Settings API in this test


def test_the_card_names_the_configured_page_and_lifetime(
    settings: Settings, store: Store, clock: TestClock
) -> None:
    env_settings = Settings.from_env(
        {"REPORT_URL": "https://twitch.example/report", "REPORT_CODE_TTL_SECONDS": "60"}
    )
    configured = dataclasses.replace(
        settings,
        report_url=env_settings.report_url,
        report_code_ttl_seconds=env_settings.report_code_ttl_seconds,
    )
    client = create_app(configured, clock=clock, store=store).test_client()
    text, body = env.ask(client, env.intent("ReportIntent", NOW))
    card = body["response"]["card"]["content"]
    assert "Open https://twitch.example/report and enter it within 1 minute." in card
    assert "within 1 minute." in text
    code = code_on_card(card)
    assert store.report.redeem_report_code(code, now=NOW + timedelta(seconds=61)) is None


def test_asking_twice_leaves_only_the_newer_code(client: FlaskClient, store: Store) -> None:
    _, first = env.ask(client, env.intent("ReportIntent", NOW))
    text, second = env.ask(client, env.intent("ReportIntent", NOW))
    old, new = (code_on_card(b["response"]["card"]["content"]) for b in (first, second))
    assert old != new
    # The first may have been refused by a limit on short codes: the second is the long
    # kind, which no limit refuses, said and shown in groups of four.
    assert (len(old), len(new)) == (9, 16)
    assert f"{new[:4]} {new[4:8]} {new[8:12]} {new[12:]}" in second["response"]["card"]["content"]
    assert f"{', '.join(new[:4])}. {', '.join(new[4:8])}." in text
    assert store.report.redeem_report_code(old, now=NOW) is None
    assert store.report.redeem_report_code(new, now=NOW) is not None


def test_asking_again_after_the_code_was_used_or_expired_gives_a_short_one(
    client: FlaskClient, store: Store, clock: TestClock
) -> None:
    used = ask_for_code(client)
    assert store.report.redeem_report_code(used, now=NOW) is not None
    after_use = ask_for_code(client)
    assert len(after_use) == 9
    clock.advance(minutes=16)
    later = NOW + timedelta(minutes=16)
    assert len(ask_for_code(client, later)) == 9  # the one before expired unused


def test_the_weekly_summary(client: FlaskClient, store: Store) -> None:
    seed_diary(store, store.user_key(env.USER_ID))
    text, body = env.ask(client, env.intent("WeeklySummaryIntent", NOW))
    assert text.startswith("7 twitches on 5 days in the last seven days.")
    assert "Mostly your left eyelid, mostly in the evening." in text
    assert "5 after caffeine." in text
    assert "more than the week before, when you logged 2" in text
    assert _directives(body) == []


def test_the_weekly_summary_on_a_screen(client: FlaskClient, store: Store) -> None:
    seed_diary(store, store.user_key(env.USER_ID))
    _, body = env.ask(client, env.intent("WeeklySummaryIntent", NOW, apl=True))
    [directive] = _directives(body)
    assert directive["type"] == "Alexa.Presentation.APL.RenderDocument"
    assert directive["token"] == apl.TOKEN_WEEKLY
    assert directive["document"]["type"] == "APL"
    card = directive["datasources"]["card"]
    assert card["lines"][0].startswith("7 twitches")
    parsed = DefaultSerializer().deserialize(json.dumps(body), ResponseEnvelope)
    [typed] = parsed.response.directives
    assert isinstance(typed, RenderDocumentDirective)
    assert typed.datasources == directive["datasources"]


def test_an_empty_week(client: FlaskClient) -> None:
    text, _ = env.ask(client, env.intent("WeeklySummaryIntent", NOW))
    assert text.startswith("No twitches logged in the last seven days.")


def _log_calf(client: FlaskClient, **options: Any) -> dict[str, Any]:
    slots = {
        "location": env.resolved_slot("location", "calf", "calf", "BODY_LOCATION"),
        "side": env.resolved_slot("side", "left", "left", "SIDE"),
        "duration": "PT2M",
    }
    text, body = env.ask(
        client, env.intent("LogTwitchIntent", NOW, slots, dialog_state="STARTED", **options)
    )
    assert text.startswith("Saved")
    return body


def test_logging_shows_a_screen_only_where_apl_is_supported(client: FlaskClient) -> None:
    assert _directives(_log_calf(client)) == []
    [directive] = _directives(_log_calf(client, apl=True))
    assert directive["type"] == "Alexa.Presentation.APL.RenderDocument"
    assert directive["token"] == apl.TOKEN_SAVED
    assert "left calf" in directive["datasources"]["card"]["lines"][0]


def test_no_screen_for_a_device_without_interfaces(client: FlaskClient, store: Store) -> None:
    seed_diary(store, store.user_key(env.USER_ID))
    _, body = env.ask(client, env.intent("WeeklySummaryIntent", NOW, device_id=None))
    assert _directives(body) == []
