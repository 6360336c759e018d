"""How people really ask: misspellings, yes/no openers, worried questions, triage, scope."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from devkit import envelopes as env
from skill.faq.answerer import ReplyKind, compose, default_answerer
from skill.faq.emergency import detect
from skill.faq.evaluation import is_decline, meets_case, opener_of
from skill.faq.knowledge import STANCES, load_topics
from skill.faq.question import FORM_NAMES, yes_no_form
from skill.faq.text import clean
from tests.conftest import NOW

ROOT = Path(__file__).resolve().parent.parent
STYLES: dict[str, Any] = json.loads((ROOT / "bench/data/faq_dev_styles.json").read_text())
ANSWERER = default_answerer()
TOPICS = load_topics()


def _reply(question: str, context: str | None = None):  # noqa: ANN202
    return ANSWERER.reply(question, "en-US", context=context)


def test_the_new_dev_questions_are_not_copied_into_the_examples() -> None:
    examples = {clean(q) for topic in TOPICS for q in topic.questions}
    # Plain direct questions ("what causes muscle twitches") were already examples before the
    # set was written; every other style is phrasing of its own and must not be pasted in.
    asked = [c["q"] for c in STYLES["cases"] if c["style"] != "direct"]
    asked += [c["q"] for c in STYLES["out_of_scope"]]
    assert not [q for q in asked if clean(q) in examples]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("does low potassum make you twich", "potassium"),
        ("what is multipel sclerosis", "sclerosis"),
        ("can caffine make my calf jump", "caffeine"),
        ("why does my eye lid twitch", "eyelid"),
        ("what is an electromyografy", "electromyography"),
    ],
)
def test_misspellings_are_read_as_our_own_words(question: str, expected: str) -> None:
    reply = _reply(question)
    assert reply.kind is ReplyKind.ANSWER and expected in reply.speech.lower(), reply.speech


def test_the_speller_leaves_ordinary_words_alone() -> None:
    speller = ANSWERER.matcher.vocabulary.speller
    assert speller is not None
    assert speller.text("why does my hamster twitch") == "why does my hamster twitch"


# Every yes/no question form, put to every topic: the opener is the topic's declared stance.
FORM_QUESTIONS = {
    "abrupt": "should i stop it all at once",
    "resolve": "will it go away on its own",
    "always": "does it always happen",
    "exists": "is there a test for it",
    "urgent": "do i need to go to hospital for it",
    "fix": "will that fix it",
    "possible": "could it be a symptom of something",
    "sign": "is it a sign of something",
    "rare": "is it rare",
    "lasting": "is it normal that it is still there after three weeks",
    "harmless": "is it normal",
    "worry": "is it serious",
    "need": "do i need a doctor for it",
    "default": "can it happen",
}


def test_there_is_a_question_for_every_form() -> None:
    assert set(FORM_QUESTIONS) == set(FORM_NAMES)
    for form, question in FORM_QUESTIONS.items():
        assert yes_no_form(question) == form, question


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.id)
@pytest.mark.parametrize("form", FORM_NAMES)
def test_openers_follow_the_topic_table(topic: Any, form: str) -> None:
    stance = topic.stance(form)
    assert stance in STANCES
    spoken = compose(topic, FORM_QUESTIONS[form])
    assert opener_of(spoken) == stance, spoken
    assert opener_of(topic.answer) in (None, stance) or not topic.answer.startswith(
        ("Yes", "No", "Often, yes")
    ), f"{topic.id}: the answer carries a stock opener of its own"


def test_a_question_that_is_not_yes_or_no_gets_no_opener() -> None:
    reply = _reply("what causes muscle twitches")
    assert not reply.speech.startswith(("Yes.", "No.", "Usually not.", "It depends."))


@pytest.mark.parametrize(
    ("question", "opener"),
    [
        ("is twitching always a bad sign", "no"),
        ("is a jumpy eyelid dangerous", "no"),
        ("do i need an emg for a twitch", "depends"),
        ("is it normal for twitches to spread all over the body", "no"),
    ],
)
def test_yes_no_answers_open_with_what_the_answer_means(question: str, opener: str) -> None:
    assert opener_of(_reply(question).speech) == opener


@pytest.mark.parametrize(
    "question",
    [
        "will twitching paralyse me",
        "what if it's a stroke",
        "can ALS cause slurred speech",
        "does BFS affect swallowing",
        "could twitching lead to trouble breathing",
    ],
)
def test_worried_or_hypothetical_questions_get_a_calm_answer(question: str) -> None:
    assert detect(question) is None
    reply = _reply(question)
    assert reply.kind is not ReplyKind.EMERGENCY
    assert not any(number in reply.speech for number in ("911", "9 1 1", "999", "112"))


@pytest.mark.parametrize(
    "text",
    [
        "can't breathe",
        "my husband's speech is slurred",
        "I just lost the strength in both my legs and fell over",
        "she suddenly can't swallow",
        "is it normal that my face is drooping after the twitching",
        "my speech went slurred a minute ago",
    ],
)
def test_statements_of_something_happening_now_are_emergencies(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "over the past few months my swallowing has got harder",
        "my speech has slowly got more slurred over several weeks",
    ],
)
def test_changes_worsening_over_weeks_go_to_a_neurologist_not_the_emergency_line(
    text: str,
) -> None:
    assert detect(text) is None
    reply = _reply(text)
    assert reply.kind is not ReplyKind.EMERGENCY


@pytest.mark.parametrize(
    "question",
    [
        "how do i grow my twitch channel",
        "my puppy twitches when he sleeps",
        "can you recommend a neurologist in Leeds",
        "where do i buy magnesium",
        "how many ounces in a litre",
        "does magnesium help constipation",
    ],
)
def test_near_misses_are_declined_with_what_we_can_help_with(question: str) -> None:
    reply = _reply(question)
    assert reply.kind is ReplyKind.DECLINE and is_decline(reply.speech), reply.speech


def test_a_follow_up_uses_the_topic_of_the_question_before() -> None:
    first = _reply("what is multifocal motor neuropathy")
    assert first.topic is not None
    follow = _reply("how is it treated", context=first.topic.id)
    assert follow.topic is not None and "immunoglobulin" in follow.speech.lower()


def test_dev_style_cases_are_scored_with_must_not_and_opener() -> None:
    case = {"expect": [["harmless"]], "must_not": ["911"], "opener": "no"}
    assert meets_case("Usually not. Most twitches are harmless.", case)
    assert not meets_case("Yes. Most twitches are harmless.", case)
    assert not meets_case("Usually not. Harmless, but call 911.", case)


def test_through_the_endpoint_a_yes_no_question_opens_with_its_stance(
    client: FlaskClient,
) -> None:
    question = "is a jumpy eyelid dangerous"
    request = env.intent("AskQuestionIntent", NOW, slots={"question": question})
    text, _ = env.ask(client, request)
    assert opener_of(text) == "no"


def test_through_the_endpoint_a_worried_question_is_not_ended_as_an_emergency(
    client: FlaskClient,
) -> None:
    request = env.intent("AskQuestionIntent", NOW, slots={"question": "will twitching paralyse me"})
    text, body = env.ask(client, request)
    assert "9 1 1" not in text and body["response"].get("shouldEndSession") is not True


def test_through_the_endpoint_a_misspelling_and_a_near_miss(client: FlaskClient) -> None:
    ask = lambda q: env.ask(client, env.intent("AskQuestionIntent", NOW, slots={"question": q}))  # noqa: E731
    assert "potassium" in ask("can low potasium cause twitchin")[0].lower()
    assert is_decline(ask("how do i start streaming on twitch")[0])


@pytest.mark.parametrize(
    ("question", "form"),
    [
        ("should i give up energy drinks cold turkey", "abrupt"),
        ("should i stop tea right away", "abrupt"),
        ("is it bad that it suddenly got worse", "worry"),  # suddenly alone is no abrupt stop
        ("will the flicker in my thigh settle by itself", "resolve"),
        ("do these twitches go away without any treatment", "resolve"),
        # a name is not a form: "a nerve problem" is no worry, "benign" here names BFS
        ("can a nerve problem make muscles twitch", "default"),
        ("does benign fasciculation syndrome make you weak", "default"),
        ("is it a problem", "worry"),
        # checking what someone said: the form is the claim's
        ("my friend told me twitching is a sign of ms, is he right", "sign"),
    ],
)
def test_the_form_is_read_from_what_is_asked_not_from_a_name(question: str, form: str) -> None:
    assert yes_no_form(question) == form


@pytest.mark.parametrize(
    ("question", "opener"),
    [
        ("should i drop caffeine overnight", "no"),
        ("will these twitches settle on their own", "yes"),
    ],
)
def test_openers_for_abrupt_and_settling_questions(question: str, opener: str) -> None:
    assert opener_of(_reply(question).speech) == opener


@pytest.mark.parametrize(
    ("question", "opener"),
    [
        # a checklist sign named: a reassuring "no" or "yes, normal" becomes "it depends"
        ("is it bad that this twitch in my arm just won't go away", "depends"),
        ("is it normal that the twitching moves all over", "depends"),
        # no sign named: the topic's own reassurance
        ("is a twitchy eyelid serious", "no"),
        ("should i worry that my twitching gets worse after coffee", "no"),
    ],
)
def test_reassurance_is_not_given_flat_when_the_question_names_a_warning_sign(
    question: str, opener: str
) -> None:
    assert opener_of(_reply(question).speech) == opener


@pytest.mark.parametrize(
    ("question", "form"),
    [
        ("is it fine if the twitch only lasts a moment", "harmless"),  # "only" is not "always"
        ("is it the only reason", "always"),
        ("will zinc stop my twitching", "fix"),
        ("is that weird", "rare"),
        # whether one cause is enough to cause it is a plain question, not "will X fix it"
        ("could tiredness by itself bring on these twitches", "default"),
        ("can caffeine on its own cause a twitchy thigh", "default"),
        ("will magnesium alone fix it", "fix"),
        ("are there any scans for twitching muscles", "exists"),
    ],
)
def test_more_forms_read_by_what_is_asked(question: str, form: str) -> None:
    assert yes_no_form(question) == form


@pytest.mark.parametrize(
    ("question", "opener"),
    [
        ("i only twitch when i am lying in bed, is that strange", "no"),  # twitching is common
        ("is multifocal motor neuropathy rare", "yes"),  # the topic says so
        ("is it normal if my twitch only lasts a moment", "yes"),  # brief, not persisting
    ],
)
def test_rare_and_brief_openers(question: str, opener: str) -> None:
    assert opener_of(_reply(question).speech) == opener


@pytest.mark.parametrize(
    ("question", "opener"),
    [
        ("does bfs usually come with tingling", "yes"),  # the answer names it
        ("is bfs tied to stress", "yes"),
        ("does bfs lead to wasting", "no"),  # the answer says it does not
    ],
)
def test_a_plain_yes_no_question_is_opened_by_what_the_answer_says_of_it(
    question: str, opener: str
) -> None:
    assert opener_of(_reply(question).speech) == opener
