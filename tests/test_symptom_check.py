"""The hands-free symptom check through POST /alexa, on a real Redis."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from flask.testing import FlaskClient

from devkit import envelopes as env
from devkit.local_redis import free_port
from scheduler.assess import store_assessor
from scheduler.sweep import run_sweep
from skill import speech
from skill.episodes import rules
from skill.episodes.model import Episode
from skill.episodes.store import Store, connect
from skill.episodes.symptoms import SYMPTOM_ITEMS
from skill.handlers.symptoms import advice
from skill.web.app import create_app
from tests.conftest import NOW, SECRET

QUESTIONS = {item.id: speech.SYMPTOM_QUESTIONS[item.id] for item in SYMPTOM_ITEMS}
ALL_IDS = [item.id for item in SYMPTOM_ITEMS]


@dataclass
class Dialog:
    """One user's session: carries the session attributes from turn to turn."""

    client: FlaskClient
    locale: str = "en-US"
    session: dict[str, Any] = field(default_factory=dict)
    body: dict[str, Any] = field(default_factory=dict)

    def say(self, intent: str) -> str:
        request = env.intent(intent, NOW, session=self.session, locale=self.locale)
        text, self.body = env.ask(self.client, request)
        self.session = self.body.get("sessionAttributes") or {}
        return text

    @property
    def ended(self) -> bool:
        return self.body["response"].get("shouldEndSession") is True

    @property
    def card(self) -> str:
        return str(self.body["response"]["card"]["content"])


def answer_all(dialog: Dialog, yes: set[str]) -> tuple[list[str], str]:
    """Start a check and answer each question asked; returns (questions heard, final speech)."""
    heard: list[str] = []
    text = dialog.say("SymptomCheckIntent")
    while dialog.session.get("pending"):
        asked = next(i for i, q in QUESTIONS.items() if text.endswith(q))
        heard.append(asked)
        text = dialog.say("AMAZON.YesIntent" if asked in yes else "AMAZON.NoIntent")
    return heard, text


def stored_answers(store: Store) -> dict[str, bool]:
    return store.symptoms.symptom_answers(store.user_key(env.USER_ID))


def test_the_check_opens_with_the_not_a_diagnosis_framing(client: FlaskClient) -> None:
    dialog = Dialog(client)
    text = dialog.say("SymptomCheckIntent")
    assert text == f"{speech.SYMPTOM_INTRO} {QUESTIONS['urgent_signs']}"
    assert dialog.session["pending"] == {"kind": "symptom_check", "index": 0}
    assert not dialog.ended


def test_all_no_asks_every_question_once_and_gives_reassurance(
    client: FlaskClient, store: Store
) -> None:
    dialog = Dialog(client)
    heard, final = answer_all(dialog, yes=set())
    assert heard == [i for i in ALL_IDS if i != "progressive_weakness"]  # a follow-up to a yes
    assert final == f"{speech.SYMPTOM_DONE} {speech.SYMPTOM_ALL_CLEAR} {speech.ANYTHING_ELSE}"
    assert stored_answers(store) == dict.fromkeys(ALL_IDS, False)
    assert "pending" not in dialog.session
    assert not dialog.ended


def test_two_yes_answers_lead_to_see_a_neurologist_promptly(
    client: FlaskClient, store: Store
) -> None:
    dialog = Dialog(client)
    _, final = answer_all(dialog, yes={"persisting", "family_history"})
    # The overall outcome, as the article has it, right after the last question.
    assert final.startswith(f"{speech.SYMPTOM_DONE} {speech.SYMPTOM_CHECKLIST_OUTCOME}")
    assert "see a neurologist promptly" in final
    assert speech.SYMPTOM_NOT_A_DIAGNOSIS in final
    assert speech.SYMPTOM_MORE_IN_APP in final
    assert dialog.body["response"]["card"]["title"] == speech.SYMPTOM_CARD_TITLE
    for item in ("persisting", "family_history"):
        assert next(i.speech for i in SYMPTOM_ITEMS if i.id == item) in dialog.card
    answers = stored_answers(store)
    assert {k for k, v in answers.items() if v} == {"persisting", "family_history"}


def test_one_yes_gives_that_signs_advice_alone(client: FlaskClient) -> None:
    dialog = Dialog(client)
    _, final = answer_all(dialog, yes={"muscle_loss"})
    muscle_loss = next(i for i in SYMPTOM_ITEMS if i.id == "muscle_loss")
    assert final == " ".join(
        [speech.SYMPTOM_DONE, muscle_loss.speech, speech.SYMPTOM_NOT_A_DIAGNOSIS,
         speech.ANYTHING_ELSE]
    )  # fmt: skip
    assert speech.SYMPTOM_CHECKLIST_OUTCOME not in final  # one sign is not two or more


def test_a_more_urgent_sign_is_said_after_the_checklists_outcome(client: FlaskClient) -> None:
    dialog = Dialog(client)
    _, final = answer_all(dialog, yes={"muscle_loss", "numbness_coordination"})
    numbness = next(i for i in SYMPTOM_ITEMS if i.id == "numbness_coordination")
    assert final == " ".join(
        [speech.SYMPTOM_DONE, speech.SYMPTOM_CHECKLIST_OUTCOME, numbness.speech,
         speech.SYMPTOM_MORE_IN_APP, speech.SYMPTOM_NOT_A_DIAGNOSIS, speech.ANYTHING_ELSE]
    )  # fmt: skip
    assert speech.SYMPTOM_CHECKLIST_OUTCOME in dialog.card
    assert rules.CHECKLIST_SPEECH not in dialog.card  # the card says what was spoken


def test_two_yes_to_one_checklist_entry_are_not_two_or_more(client: FlaskClient) -> None:
    # Weakness and worsening weakness are one entry of the article's checklist.
    _, final = answer_all(Dialog(client), yes={"weakness", "progressive_weakness"})
    assert speech.SYMPTOM_CHECKLIST_OUTCOME not in final


def test_the_checklists_outcome_is_the_advice_heard_again(client: FlaskClient) -> None:
    dialog = Dialog(client)
    answer_all(dialog, yes={"persisting", "family_history"})
    again = dialog.say("RepeatAdviceIntent")
    assert speech.SYMPTOM_CHECKLIST_OUTCOME in again
    assert rules.CHECKLIST_SPEECH not in again


def _answer_sets() -> list[dict[str, bool]]:
    """Every set of yes answers the check can end with (the emergency sign ends it first)."""
    asked = [item for item in SYMPTOM_ITEMS if not item.emergency]
    sets = []
    for mask in range(2 ** len(asked)):
        answers = {item.id: bool(mask >> n & 1) for n, item in enumerate(asked)}
        if all(item.applies(answers) or not answers[item.id] for item in asked):
            sets.append(answers)
    return sets


@pytest.mark.parametrize("diary", [(), ("persistence",), ("persistence", "spreading")])
def test_every_outcome_is_said_in_at_most_sixty_words_and_asks_what_next(
    diary: tuple[str, ...],
) -> None:
    # The diary's findings made by hand; _with_answers is how evaluate() adds the answers'.
    found = {
        "persistence": rules.Finding(rules.PERSISTENCE, "k", "see_neurologist",
                                     rules.PERSISTENCE_SPEECH),
        "spreading": rules.Finding(rules.SPREADING, "k", "see_neurologist_2_3_weeks",
                                   rules.SPREADING_SPEECH),
    }  # fmt: skip
    for answers in _answer_sets():
        findings = rules._with_answers(tuple(found[d] for d in diary), answers)
        text, _ = advice(findings, "en-US")
        yes = sorted(k for k, v in answers.items() if v)
        assert len(text.split()) <= 60, (yes, diary, len(text.split()))
        assert text.endswith(speech.ANYTHING_ELSE), (yes, diary)
        ticked = rules.checklist_entries(answers, tuple(found[d] for d in diary))
        two_or_more = len(ticked) >= 2
        assert (speech.SYMPTOM_CHECKLIST_OUTCOME in text) is two_or_more, (yes, diary)


def test_a_yes_to_weakness_asks_whether_it_is_getting_worse(
    client: FlaskClient, store: Store
) -> None:
    dialog = Dialog(client)
    heard, final = answer_all(dialog, yes={"weakness", "progressive_weakness"})
    assert heard[heard.index("weakness") + 1] == "progressive_weakness"
    assert stored_answers(store)["progressive_weakness"] is True
    assert "E M G" in dialog.card


def test_a_no_to_weakness_clears_an_older_yes_to_worsening(
    client: FlaskClient, store: Store
) -> None:
    store.symptoms.save_symptom_answer(
        store.user_key(env.USER_ID), "progressive_weakness", True, NOW
    )
    answer_all(Dialog(client), yes=set())
    assert stored_answers(store)["progressive_weakness"] is False


@pytest.mark.parametrize(
    ("locale", "spoken", "written"),
    [
        ("en-US", "call 9 1 1 now", "call 911 now"),
        ("en-CA", "call 9 1 1 now", "call 911 now"),
        ("en-GB", "call 9 9 9 now", "call 999 now"),
        ("en-AU", "call triple zero now", "call 000 now"),
        ("en-IN", "call 1 1 2 now", "call 112 now"),
        ("de-DE", "call your local emergency number now", "call your local emergency number"),
    ],
)
def test_an_emergency_yes_gives_urgent_advice_at_once(
    client: FlaskClient, store: Store, locale: str, spoken: str, written: str
) -> None:
    dialog = Dialog(client, locale=locale)
    dialog.say("SymptomCheckIntent")
    text = dialog.say("AMAZON.YesIntent")
    assert spoken in text
    assert written in dialog.card
    assert dialog.ended
    assert "pending" not in dialog.session
    assert stored_answers(store) == {"urgent_signs": True}  # the rest was skipped


@pytest.mark.parametrize("stop", ["AMAZON.StopIntent", "AMAZON.CancelIntent"])
def test_stopping_midway_ends_politely_and_keeps_the_answers(
    client: FlaskClient, store: Store, stop: str
) -> None:
    dialog = Dialog(client)
    dialog.say("SymptomCheckIntent")
    dialog.say("AMAZON.NoIntent")
    asked = dialog.say("AMAZON.YesIntent")
    assert asked == QUESTIONS["spreading"]
    assert dialog.say(stop) == speech.SYMPTOM_STOPPED
    assert dialog.ended
    assert stored_answers(store) == {"urgent_signs": False, "persisting": True}


def test_help_midway_explains_and_repeats_the_question(client: FlaskClient) -> None:
    dialog = Dialog(client)
    dialog.say("SymptomCheckIntent")
    dialog.say("AMAZON.NoIntent")
    pending = dict(dialog.session["pending"])
    text = dialog.say("AMAZON.HelpIntent")
    assert text == f"{speech.SYMPTOM_HELP} {QUESTIONS['persisting']}"
    assert dialog.session["pending"] == pending


def test_not_sure_moves_on_without_storing_an_answer(client: FlaskClient, store: Store) -> None:
    # "not sure" is neither yes nor no: Alexa sends FallbackIntent. Asking again would loop.
    dialog = Dialog(client)
    dialog.say("SymptomCheckIntent")
    dialog.say("AMAZON.NoIntent")
    text = dialog.say("AMAZON.FallbackIntent")
    assert text.startswith(speech.SYMPTOM_UNSURE)
    assert QUESTIONS["persisting"] not in text
    assert "persisting" not in stored_answers(store)
    assert stored_answers(store) == {"urgent_signs": False}


@pytest.mark.parametrize("index", [99, -1, "2", True, None])
def test_a_garbled_session_gets_a_clear_answer(client: FlaskClient, index: Any) -> None:
    dialog = Dialog(client, session={"pending": {"kind": "symptom_check", "index": index}})
    assert dialog.say("AMAZON.YesIntent") == speech.SYMPTOM_LOST_PLACE
    assert "pending" not in dialog.session


def test_saying_the_phrase_again_restarts_the_check(client: FlaskClient) -> None:
    dialog = Dialog(client)
    dialog.say("SymptomCheckIntent")
    dialog.say("AMAZON.NoIntent")
    dialog.say("SymptomCheckIntent")
    assert dialog.session["pending"]["index"] == 0


def dead_store_client(settings, clock) -> FlaskClient:
    dead = Store(connect(f"redis://127.0.0.1:{free_port()}/0", timeout=0.2), SECRET)
    return create_app(settings, clock=clock, store=dead).test_client()


def test_redis_down_mid_check_says_so_without_an_error(settings, clock) -> None:
    client = dead_store_client(settings, clock)
    dialog = Dialog(client, session={"pending": {"kind": "symptom_check", "index": 1}})
    assert dialog.say("AMAZON.YesIntent") == speech.STORE_DOWN


def test_redis_down_never_holds_back_emergency_advice(settings, clock) -> None:
    client = dead_store_client(settings, clock)
    dialog = Dialog(client, session={"pending": {"kind": "symptom_check", "index": 0}})
    assert "call 9 1 1 now" in dialog.say("AMAZON.YesIntent")
    assert dialog.ended


def diary_client(settings, clock, dates: list[date]) -> tuple[FlaskClient, Store]:
    """A store with a diary, standing in for the diary branch's ``all_episodes``."""
    store = Store(connect(settings.redis_url), SECRET)
    episodes = [
        Episode(str(n), datetime.combine(d, time(12), tzinfo=UTC), d, "calf")
        for n, d in enumerate(dates)
    ]
    store.diary.all_episodes = lambda user_key: list(episodes)  # type: ignore[method-assign]
    return create_app(settings, clock=clock, store=store).test_client(), store


# Twitches from 2 to 17 November: more than 14 days. NOW is 24 November 18:30 UTC: a week
# after the last twitch in New York (run still going), already the 25th in Auckland (over).
RUN = [date(2026, 11, d) for d in (2, 6, 10, 14, 17)]


def test_the_diary_counts_in_the_final_advice(settings, clock, redis_client) -> None:
    client, _ = diary_client(settings, clock, RUN)
    dialog = Dialog(client)
    _, final = answer_all(dialog, yes={"family_history"})
    assert speech.SYMPTOM_CHECKLIST_OUTCOME in final  # diary persistence + family history
    assert rules.PERSISTENCE_SPEECH in dialog.card


def test_the_diary_is_read_in_the_users_time_zone(settings, clock, redis_client) -> None:
    client, store = diary_client(settings, clock, RUN)
    store.profile.update_profile(store.user_key(env.USER_ID), {"tz": "Pacific/Auckland"})
    _, final = answer_all(Dialog(client), yes={"family_history"})
    assert speech.SYMPTOM_CHECKLIST_OUTCOME not in final  # the run ended a week ago in Auckland


def test_advice_heard_in_the_check_is_not_repeated_by_the_scheduler(
    client: FlaskClient, store: Store
) -> None:
    answer_all(Dialog(client), yes={"persisting", "family_history"})
    user = store.user_key(env.USER_ID)
    store.due.schedule_check(user, NOW)
    report = run_sweep(store, NOW, store_assessor(store.evidence))
    assert report.claimed == 1
    assert report.advice_created == 0
    assert store.advice.pending_advice(user) == []
