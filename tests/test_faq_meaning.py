"""Questions read by meaning: stories, what people rule out, choices, follow-ups, triage.

Phrasings here are our own, not those of the dev set (bench/data/faq_dev_styles.json).
"""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from devkit import envelopes as env
from skill.faq.answerer import ReplyKind, default_answerer
from skill.faq.knowledge import load_topics
from skill.faq.matcher import default_matcher
from tests.conftest import NOW

ANSWERER = default_answerer()
VOCABULARY = default_matcher().vocabulary
TOPICS = load_topics()
# Phrasings written after the fixes that the answerer still gets wrong: kept as strict xfails
# so a fix shows up (and the gap stays visible), not silently dropped.
GAP = pytest.mark.xfail(strict=True, reason="known gap, see skill/faq/README.md (still open)")


def _reply(question: str, context: str | None = None):  # noqa: ANN202
    return ANSWERER.reply(question, "en-GB", context=context)


def _said(question: str, context: str | None = None) -> str:
    reply = _reply(question, context)
    assert reply.kind is ReplyKind.ANSWER, (question, reply.speech)
    return reply.card.lower()


# --- what a person rules out ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ruled_out"),
    [
        ("i never touch coffee, what else is there", "caffeine"),
        ("it isn't stress, i'm totally relaxed, so why", "stress"),
        ("it is not sleep, i get plenty", "sleep"),
        ("i can't stand spinach or bananas", "banana"),
        ("i'm allergic to almonds", "nut"),
        ("energy drinks are out, what now", "caffeine"),
        ("i have a peanut allergy", "nut"),  # the food said before "allergy"
        ("besides chocolate, what has magnesium", "chocolate"),
        ("i'd rather skip melatonin", "melatonin"),
        ("pilates and yoga are not my thing", "yoga"),
        ("meditating is not for me", "mindful"),
        ("i do not fancy spinach", "spinach"),
        ("i never drink cola", "caffeine"),  # naming the drink: not a lack of fluid
    ],
)
def test_what_is_ruled_out_is_read_as_ruled_out(text: str, ruled_out: str) -> None:
    reading = VOCABULARY.reading(text)
    assert ruled_out in reading.excluded
    assert ruled_out not in reading.tokens


@pytest.mark.parametrize(
    "text",
    [
        "no sleep for days and my calf twitches",  # a lack of sleep is a cause
        "i have not been drinking much water",
        "why won't my eyelid stop",  # the negation belongs to the question
        "how can i tell it's not als",
        "can't sleep and my legs jump",
    ],
)
def test_a_lack_or_a_question_is_not_ruling_out(text: str) -> None:
    assert not VOCABULARY.reading(text).excluded


@pytest.mark.parametrize("text", ["i barely drink during the day", "i hardly drink at all"])
def test_not_drinking_without_naming_a_drink_is_too_little_fluid(text: str) -> None:
    reading = VOCABULARY.reading(text)
    assert "hydrate" in reading.tokens and not reading.excluded


def test_one_practice_ruled_out_still_asks_about_calming_practices() -> None:
    reading = VOCABULARY.reading("yoga bores me to tears, i do not fancy it")
    said = _said("yoga is not my thing, how else can i ease my stress")
    assert "yoga" not in said and "breathing" in said
    said = _said("i would rather skip meditation, what other ways are there to relax")
    assert "meditat" not in said and "mindful" not in said and "breathing" in said
    assert "meditate" not in reading.excluded  # the class of practices is never ruled out


def test_ruling_out_a_sleep_aid_or_screens_keeps_the_rest_of_the_sleep_advice() -> None:
    said = _said("no melatonin for me, how else do i sleep longer")
    assert "melatonin" not in said and "routine" in said
    said = _said("i keep my phone out of the bedroom already, what else helps me sleep")
    assert "routine" in said


def test_saying_it_is_not_an_everyday_cause_asks_for_the_others() -> None:
    said = _said("it can't be caffeine, i quit months ago, so why are my thighs jumping")
    assert "caffeine" not in said and "stress" in said and "sleep" in said
    said = _said("i haven't been to the gym in ages so it isn't exercise, could it be my food")
    assert "exercise" not in said and "magnesium" in said


def test_a_food_said_first_is_left_out_of_the_mineral_answer() -> None:
    said = _said("apart from spinach, where do i get potassium")
    assert "spinach" not in said and "banana" in said
    said = _said("besides seeds, which foods give me magnesium")
    assert "seeds" not in said and "nuts" in said


def test_a_ruled_out_cause_gets_the_other_causes_without_naming_it() -> None:
    said = _said("i don't have any coffee or tea at all, so what else makes muscles twitch")
    assert "caffeine" not in said and "coffee" not in said
    assert "stress" in said and "sleep" in said


def test_two_ruled_out_causes_are_both_left_out() -> None:
    said = _said("i'm not stressed and i never drink coffee, so what else could it be")
    assert "caffeine" not in said and "stress" not in said
    assert "sleep" in said or "fatigue" in said


@GAP
def test_a_ruled_out_food_is_left_out_of_the_food_answer() -> None:
    said = _said("bananas make me feel sick, where else can i get potassium")
    assert "banana" not in said and "spinach" in said
    said = _said("i have a nut allergy, what other foods give me magnesium")
    assert "nuts" not in said and "seeds" in said
    said = _said("i'm vegan, so how do i get my calcium")
    assert "dairy" not in said and "plant" in said


def test_a_ruled_out_practice_is_left_out() -> None:
    said = _said("meditation is not for me, how else can i bring my stress down")
    assert "meditat" not in said and "mindful" not in said
    assert "breathing" in said or "yoga" in said


def test_not_wanting_tablets_is_not_a_dosing_question() -> None:
    reply = _reply("i would rather not take any pills, what natural things stop twitching")
    assert reply.kind is ReplyKind.ANSWER


def test_every_variant_answer_is_within_the_spoken_length_and_leaves_its_concepts_out() -> None:
    for topic in TOPICS:
        for without, text in topic.variants:
            assert len(text.split()) <= 53, topic.id
            assert (
                not without
                & VOCABULARY.excludable
                & set(VOCABULARY.concepts(text))
                - {
                    "calciumfood"  # "fortified plant milks" still say milk
                }
            ), (topic.id, without)


@pytest.mark.parametrize(
    "text",
    [
        "i've already given up coffee but my calf hasn't settled",
        "i stopped energy drinks a month ago and my arm has not calmed down",
        "even after cutting out cola the twitch has not gone away",
    ],
)
def test_self_care_already_done_rules_it_out_and_still_twitching_is_it_not_helping(
    text: str,
) -> None:
    reading = VOCABULARY.reading(text)
    assert "caffeine" in reading.excluded and "nohelp" in reading.tokens
    said = _said(text + ", what now")
    assert "doctor" in said and "caffeine" not in said


@pytest.mark.parametrize("text", ["how can i cut down on tea", "should i stop coffee"])
def test_asking_how_to_cut_back_rules_nothing_out(text: str) -> None:
    assert not VOCABULARY.reading(text).excluded


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("i am not able to grip a cup properly", "weak"),  # an inability, not a negation
        ("carrying the bags is getting harder", "weak"),
        ("the twitch near my eye has moved into my jaw", "facespread"),
        ("can sudo ephedrin tablets make my eyelid jump", "decongestant"),  # a stimulant
        ("is mio kimia dangerous", "eye"),
        ("my thigh has been going all morning", "twitch"),
        ("there's a dip in my calf muscle", "wasting"),
        ("i keep fumbling my keys", "numb"),  # coordination
        ("what's the right amount of sleep", "howmuch"),
        ("my thigh keeps pinging", "twitch"),
    ],
)
def test_how_people_describe_it_reaches_the_concept(text: str, concept: str) -> None:
    assert concept in VOCABULARY.reading(text).tokens


@pytest.mark.parametrize(
    ("text", "history"),
    [
        ("my grandad had motor neurone disease, should i worry about my twitch", True),
        ("my aunt has muscular dystrophy and my calf twitches", True),
        ("my mother has had a twitchy eyelid since tuesday", False),  # her own twitch
        ("my brother's arm twitches after football", False),
    ],
)
def test_a_relative_is_family_history_only_with_a_condition(text: str, history: bool) -> None:
    assert ("family" in VOCABULARY.reading(text).tokens) is history


def test_asking_how_quickly_to_act_on_the_warning_signs_gets_how_soon() -> None:
    assert "when" in VOCABULARY.reading("how quickly should i act on them").tokens
    assert "promptly" in _said("and how quickly should we act on those", context="red_flags")


@pytest.mark.parametrize(
    ("text", "ruled_out"),
    [
        ("i sleep nine hours a night, so why do my legs jump", "sleep"),
        ("i drink plenty of water, what else could it be", "hydrate"),
    ],
)
def test_saying_sleep_or_fluids_are_fine_rules_them_out(text: str, ruled_out: str) -> None:
    assert ruled_out in VOCABULARY.reading(text).excluded
    assert ruled_out not in VOCABULARY.reading("how many hours should i sleep").excluded


def test_not_drinking_any_after_naming_a_drink_is_about_that_drink() -> None:
    tokens = VOCABULARY.reading("it isn't tea, i don't drink any, so why").tokens
    assert "hydrate" not in tokens


def test_asking_which_one_it_is_asks_the_cause() -> None:
    assert "cause" in VOCABULARY.reading("how would i know which one it is").tokens


def test_someone_elses_opinion_is_not_family_history() -> None:
    assert "family" not in VOCABULARY.reading("my husband reckons my twitch is stress").tokens
    assert "family" in VOCABULARY.reading("my dad has als, am i at risk").tokens


def test_an_eyelid_twitch_reaching_the_face_goes_to_the_eye_doctor_answer() -> None:
    assert "eye doctor" in _said("the twitch near my eye has moved into my jaw, what now")


def test_in_a_story_another_condition_said_in_passing_is_background() -> None:
    story = (
        "my dad is diabetic and for two weeks now he has twitching in both calves and some"
        " tingling in his toes, should he worry"
    )
    assert "numbness" in _said(story)
    asked = (
        "my calf twitches a bit and i have been so tired lately from work and the kids, but"
        " what should i take for my migraine"
    )
    assert _reply(asked).kind is ReplyKind.DECLINE


def test_what_is_said_last_about_a_thing_wins() -> None:
    ruled_out = VOCABULARY.reading("my mum says nuts are great, but i'm fed up with nuts")
    assert "nut" in ruled_out.excluded
    kept = VOCABULARY.reading("i don't like coffee much, but i still drink coffee every morning")
    assert "caffeine" not in kept.excluded


def test_asking_whether_one_cause_is_the_only_one_gets_the_others() -> None:
    said = _said("is lack of sleep the single cause of muscle twitches")
    assert "stress" in said and "caffeine" in said


def test_several_everyday_causes_named_together_get_the_answer_naming_them_together() -> None:
    said = _said("i'm living on espresso and barely sleep, what should i change first")
    assert "caffeine" in said and "sleep" in said


@pytest.mark.parametrize(
    "question",
    [
        "what was the outcome for the developer in the article",
        "tell me the story from the article about the programmer",
    ],
)
def test_the_articles_example_is_told_without_naming_anyone(question: str) -> None:
    said = _said(question)
    assert "multifocal motor neuropathy" in said and "ivig" in said
    assert "mark" not in said.split()


def test_a_new_job_is_stress_and_a_trip_away_is_not_tripping_over() -> None:
    assert "stress" in VOCABULARY.reading("i began a new role last month").tokens
    assert "numb" not in VOCABULARY.reading("my calves twitch after a hiking trip").tokens


def test_a_warning_sign_said_outranks_an_everyday_cause() -> None:
    reply = _reply(
        "with all the deadlines lately my thumb jumps and my grip feels weaker, surely that is"
        " stress"
    )
    assert reply.topic is not None and reply.topic.id == "red_flag_weakness"
    said = _said("does bfs make your muscles weak")  # an answer that speaks to the sign stays
    assert "without weakness" in said or "does not cause muscle weakness" in said


def test_a_story_naming_causes_but_asking_about_a_subject_gets_that_subject() -> None:
    said = _said(
        "night shifts, loads of coffee and hardly any sleep, and my calf jumps, which foods"
        " give me potassium"
    )
    assert "spinach" in said  # "which foods" asks for a list, not a choice


def test_asking_whats_going_on_asks_why_and_too_little_is_low() -> None:
    assert "why" in VOCABULARY.reading("my eyelid keeps flickering, what is going on").tokens
    assert "low" in VOCABULARY.reading("am i getting too little magnesium").tokens


def test_answers_say_what_the_common_questions_about_them_ask() -> None:
    # low electrolytes are one cause among several; most twitches need no doctor
    assert "stress" in _said("does twitching mean i'm short of potassium and sodium")
    assert "harmless" in _said("do i have to see a doctor about each and every twitch")


@pytest.mark.parametrize(
    ("text", "concept", "not_concept"),
    [
        ("should i be bothered by a flickering thigh", "serious", "family"),  # not "brother"
        ("his voice has been getting hoarse for weeks", "speech", "family"),
        ("his voice has been getting hoarse for weeks", "worse", "eye"),
        ("will more sleep calm my calf twitching", "help", "reduce"),
        ("the doctor said to keep an eye on it", "track", "eye"),
        ("so is the tea or the gym doing it", "cause", "eye"),
    ],
)
def test_idioms_and_changes_are_read_by_meaning(text: str, concept: str, not_concept: str) -> None:
    tokens = VOCABULARY.reading(text).tokens
    assert concept in tokens and not_concept not in tokens


def test_a_question_about_the_eye_gets_an_answer_about_the_eye_when_it_is_as_close() -> None:
    reply = _reply("will cutting caffeine stop my eye twitching")
    assert reply.topic is not None and reply.topic.id.startswith("eyelid")


def test_speech_slurring_a_little_more_each_week_goes_to_a_neurologist() -> None:
    tokens = VOCABULARY.reading("his words have been slurring a bit more each week").tokens
    assert {"speech", "worse", "weeks"} <= set(tokens)
    reply = _reply("his words have been slurring a bit more each week")
    assert reply.kind is ReplyKind.ANSWER and "neurologist" in reply.card.lower()


def test_a_voice_getting_worse_over_weeks_goes_to_a_neurologist_not_an_emergency() -> None:
    reply = _reply("his voice has been getting hoarse and slurry for weeks")
    assert reply.kind is ReplyKind.ANSWER and "neurologist" in reply.card.lower()


@pytest.mark.parametrize(
    "question",
    ["is there a tablet that cures twitching", "are muscle twitches contagious"],
)
def test_what_the_article_does_not_cover_is_declined_not_answered_yes(question: str) -> None:
    assert _reply(question).kind is ReplyKind.DECLINE


def test_a_doctor_addressed_is_not_a_doctor_asked_about() -> None:
    tokens = VOCABULARY.reading("doctor sahib, my calf is jumping since three days").tokens
    assert "doctor" not in tokens and "twitch" in tokens


def test_the_speller_joins_two_words_only_into_a_word_we_use_not_a_pattern_spelling() -> None:
    speller = VOCABULARY.speller
    assert speller is not None
    assert speller.text("it gets worse over time") == "it gets worse over time"
    assert speller.text("my eye lid flickers") == "my eyelid flickers"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("do i need to see anybody about it", "doctor"),
        ("i work nights and my calf jumps", "fatigue"),
        ("my foot keeps dragging", "weak"),
    ],
)
def test_more_ways_of_saying_it(text: str, concept: str) -> None:
    assert concept in VOCABULARY.reading(text).tokens


@pytest.mark.parametrize(
    ("text", "concept", "not_concept"),
    [
        ("my calf twitches after netball training", "exercise", "meditate"),
        ("my eyelid has been playing up", "twitch", "eye_"),
        ("how do i wind down at night", "meditate", "eye_"),
        ("should i book an optician", "doctor", "eye_"),
        ("is that dodgy", "serious", "eye_"),
    ],
)
def test_everyday_words_for_it(text: str, concept: str, not_concept: str) -> None:
    tokens = VOCABULARY.reading(text).tokens
    assert concept in tokens and not_concept not in tokens


def test_warning_signs_said_to_be_absent_are_remembered_and_get_the_calmer_answer() -> None:
    question = "my shoulder flickers now and then, no tingling, no weakness, should i see someone"
    assert {"numb", "weak"} <= VOCABULARY.reading(question).absent
    said = _said(question)
    assert "usually harmless" in said and "self care" in said
    assert "harmless" in VOCABULARY.reading("it comes and goes, nothing else wrong").tokens


# --- choices and comparisons ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "groups"),
    [
        ("is my twitching from the coffee or from the stress", [["caffein"], ["stress"]]),
        ("which matters more for twitches, potassium or calcium", [["potassium"], ["calcium"]]),
        ("ms versus als, which one comes with twitching", [["sclerosis"], ["als"]]),
        ("spinach or almonds, which helps twitching more", [["potassium"], ["magnesium"]]),
    ],
)
def test_a_choice_gets_an_answer_that_covers_both(question: str, groups: list[list[str]]) -> None:
    said = _said(question)
    assert all(any(word in said for word in group) for group in groups), said


def test_a_named_condition_with_a_symptom_gets_that_condition_as_the_article_gives_it() -> None:
    said = _said("can benign fasciculation syndrome make my muscles shrink")
    assert "does not cause" in said or "without weakness" in said
    assert "right away" not in said


# --- stories -----------------------------------------------------------------------------


def test_the_question_inside_a_story_is_answered() -> None:
    story = (
        "okay so I've been pulling long shifts at the warehouse, my thumb has been flickering"
        " on and off since Monday and I've been sleeping badly, how many hours should I sleep"
    )
    said = _said(story)
    assert "seven" in said or "nine" in said


def test_a_story_that_ends_in_a_worry_gets_the_calm_answer() -> None:
    story = (
        "so my eyelid has been fluttering for a couple of days, I've been staring at"
        " spreadsheets and not sleeping much, should I be worried about it"
    )
    reply = _reply(story)
    assert reply.kind is ReplyKind.ANSWER
    assert "harmless" in reply.card.lower() or "common" in reply.card.lower()


def test_an_answer_naming_a_class_in_general_covers_its_members_in_a_choice() -> None:
    said = _said("is it low potassium or too much tea that makes me twitch")
    assert "electrolytes" in said and "caffeine" in said
    said = _said("calcium or magnesium, which one calms twitching")
    assert "calcium" in said and "magnesium" in said


def test_a_condition_or_an_everyday_cause_gets_both_sides() -> None:
    said = _said("is it lyme or anxiety behind my twitching")
    assert "lyme" in said and "stress" in said


# --- follow-ups ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        pytest.param(
            "what are the key electrolytes for twitching",
            "so where do i get them from",
            "banana",
            marks=GAP,
        ),
        ("how do i cut down on caffeine", "how many days should that take", "seven"),
        ("what is bfs", "will it make me weak", "not"),
        ("can thyroid problems cause twitching", "what other conditions can", "lyme"),
        ("what helps a twitching eyelid", "does the compress really help", "compress"),
        ("what foods have potassium", "and magnesium", "seeds"),
    ],
)
def test_a_follow_up_leans_on_the_topic_before(first: str, then: str, expected: str) -> None:
    before = _reply(first)
    assert before.topic is not None
    assert expected in _said(then, context=before.topic.id)


def test_a_follow_up_that_names_a_new_subject_gets_that_subject() -> None:
    before = _reply("what are common causes of twitching")
    assert before.topic is not None
    said = _said("and the tests, which ones are there", context=before.topic.id)
    assert "emg" in said


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        # ten words or more that refer back are still a follow-up
        (
            "how can i bring my stress down",
            "how many minutes should i spend on it every morning",
            "ten minutes",
        ),
        ("what is an emg", "what does that stand for", "electromyography"),
        ("how much sleep should i get", "and if i still can't drift off", "melatonin"),
        ("what serious illnesses cause twitching", "how can doctors tell these apart", "emg"),
        ("how much water should i drink", "what else could i drink", "electrolyte"),
    ],
)
def test_a_follow_up_that_refers_back_is_about_that_topic_or_its_own(
    first: str, then: str, expected: str
) -> None:
    before = _reply(first)
    assert before.topic is not None
    assert expected in _said(then, context=before.topic.id)


def test_a_follow_up_naming_another_of_the_same_kind_asks_about_that_one() -> None:
    said = _said("and an mri, when is that used", context="emg")
    assert "mri" in said


def test_a_follow_up_pointing_back_with_nothing_else_fitting_gets_the_topic_it_points_at() -> None:
    reply = _reply("which of those can i cut back on first", context="common_causes")
    assert reply.topic is not None
    assert (
        reply.topic.id == "common_causes"
        or reply.topic.id in reply.topic.related
        or (reply.topic.id in ANSWERER.topic("common_causes").related)
    )
    assert _reply("play that one again", context="common_causes").kind is ReplyKind.DECLINE


# --- triage --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my forearm looks smaller than the other one and it twitches", "right away"),
        (
            "over the past couple of months my speech has got slower and my tongue twitches",
            "neurologist",
        ),  # noqa: E501
        ("my twitching is spreading from my arm to my legs", "two to three weeks"),
        ("my hands tingle and I keep losing my balance, and my calves twitch", "mri"),
        ("i have had the same calf twitch for weeks, nothing else", "keep an eye"),
        ("what is benign fasciculation syndrome", "harmless"),
        ("twitching only on my right side with a weaker right hand", "neurologist"),
    ],
)
def test_triage_follows_the_article(text: str, expected: str) -> None:
    reply = _reply(text)
    assert reply.kind is ReplyKind.ANSWER, reply.speech
    assert expected in reply.card.lower()


def test_numbness_building_over_days_is_not_the_emergency_line() -> None:
    reply = _reply("over the last few days my toes have gone numb and my calves twitch")
    assert reply.kind is ReplyKind.ANSWER and "mri" in reply.card.lower()


def test_sudden_weakness_now_is_still_an_emergency() -> None:
    assert _reply("my leg suddenly went weak just now").kind is ReplyKind.EMERGENCY


# --- through POST /alexa -------------------------------------------------------------------


def _ask(client: FlaskClient, question: str, session: dict | None = None):  # noqa: ANN202
    request = env.intent("AskQuestionIntent", NOW, slots={"question": question}, session=session)
    return env.ask(client, request)


def test_through_the_endpoint_a_ruled_out_cause(client: FlaskClient) -> None:
    text, _ = _ask(client, "i don't drink any coffee, so what else could be making me twitch")
    assert "caffeine" not in text.lower() and "stress" in text.lower()


def test_through_the_endpoint_a_follow_up_in_the_same_session(client: FlaskClient) -> None:
    _, body = _ask(client, "what is bfs")
    attributes = body.get("sessionAttributes") or {}
    assert attributes.get("faq_topic") == "bfs"
    text, _ = _ask(client, "what brings it on", session=attributes)
    assert "stress" in text.lower()


def test_through_the_endpoint_triage_over_months(client: FlaskClient) -> None:
    text, body = _ask(client, "swallowing has been getting harder over the last few months")
    assert "neurologist" in text.lower()
    assert body["response"].get("shouldEndSession") is not True
