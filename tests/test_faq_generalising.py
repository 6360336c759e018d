"""Questions as people put them, by class (issue 16, sixth pass): the ask inside a run-on
story, corrections ("not X, I mean Y"), homonyms and idioms, persistence, follow-ups.

Every sentence here is our own, written for the mechanism it tests, not taken from any
evaluation set (bench/data/*.json, tests/data/faq_heldout.json).
"""

from __future__ import annotations

import pytest

from skill.faq.answerer import ReplyKind, default_answerer
from skill.faq.evaluation import meets_case, opener_of
from skill.faq.matcher import default_matcher
from skill.faq.question import question_clause, yes_no_form

ANSWERER = default_answerer()
VOCABULARY = default_matcher().vocabulary


def _answer(question: str, context: str | None = None) -> str:
    reply = ANSWERER.reply(question, "en-US", context=context)
    assert reply.kind is ReplyKind.ANSWER, (question, reply.speech)
    return reply.card.lower()


# --- the ask inside a story said in one breath ---------------------------------------------


@pytest.mark.parametrize(
    ("story", "ask"),
    [
        (
            "i have been doing twelve hour shifts at the depot and my cheek keeps jumping at"
            " night could the energy drinks be behind it",
            "could the energy drinks be behind it",
        ),
        (
            "we moved to a new flat and i barely sleep and my thigh flickers every evening on"
            " the couch is poor sleep the reason for it",
            "is poor sleep the reason for it",
        ),
        (
            "my foot has been jumping on and off since the marathon and it is driving me round"
            " the twist how long will it keep going",
            "how long will it keep going",
        ),
    ],
)
def test_a_run_on_story_asks_from_its_asking_point(story: str, ask: str) -> None:
    assert question_clause(story) == ask


def test_story_words_that_only_tell_are_no_asking_point() -> None:
    # "when", "who" and "is jumping" tell the story: no ask inside, the clause is kept whole.
    story = "my calf is jumping when i sit down and my uncle who is a nurse laughed at me today"
    assert question_clause(story) == story


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        (
            "i have been doing twelve hour shifts at the depot and drinking three lattes a day"
            " and my cheek keeps jumping at night could the caffeine be behind it",
            "caffeine",
        ),
        (
            "we moved to a new flat last month and the baby wakes us all night and now my"
            " thigh flickers every evening on the couch is the lack of sleep to blame",
            "sleep",
        ),
    ],
)
def test_a_run_on_story_is_answered_on_what_it_asks(story: str, expected: str) -> None:
    assert expected in _answer(story)


def test_background_said_in_a_story_does_not_put_it_out_of_scope() -> None:
    # Another condition in the story ("she is diabetic") is background to a bare ask.
    story = (
        "my grandad has a twitch in his forearm and numb fingers and he has diabetes too what"
        " should he do"
    )
    assert ANSWERER.reply(story, "en-US").kind is ReplyKind.ANSWER


# --- corrections: "not X, I mean Y" ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ruled_out", "kept"),
    [
        ("not the emg i mean the nerve conduction study", "emg", "ncs"),
        ("not thyroid, i want to know about b12", "thyroid", "b12"),
        ("it's not caffeine i'm really dehydrated from the heat", "caffeine", "hydrate"),
        ("not the neuropathy one it is lyme i am asking about", "neuropathy", "lyme"),
    ],
)
def test_a_correction_rules_out_what_came_before(text: str, ruled_out: str, kept: str) -> None:
    reading = VOCABULARY.reading(text)
    assert ruled_out in reading.excluded
    assert ruled_out not in reading.tokens
    assert kept in reading.tokens


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("i haven't had an mri yet, do i need one", "mri"),
        ("my doctor did not mention lyme, should i ask", "lyme"),
    ],
)
def test_a_plain_negation_does_not_rule_out_a_test_or_condition(text: str, kept: str) -> None:
    reading = VOCABULARY.reading(text)
    assert kept in reading.tokens
    assert kept not in reading.excluded


def test_a_new_subject_ends_a_ruling_out() -> None:
    # "i don't mean X i mean Y": Y (here weakness) is what is asked about.
    reading = VOCABULARY.reading("i don't mean sleepy i mean my legs give way on the stairs")
    assert "weak" in reading.tokens


def test_a_correction_gets_the_answer_about_what_is_meant() -> None:
    said = _answer("not the emg, i mean what is a nerve conduction study")
    assert "nerve" in said and "conduction" in said


# --- idioms, durations and words of cause ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("my twitch has gone on for sixteen days", "weeks"),
        ("twitching for 25 days now", "weeks"),
        ("the twitches jump all over the shop", "spread"),
        ("is amyotrophic lateral the one with twitching", "als"),
        ("my thumb started after i took a sinus spray, coincidence?", "cause"),
        ("my calves twitch after basketball", "exercise"),
    ],
)
def test_everyday_wording_reaches_its_concept(text: str, concept: str) -> None:
    assert concept in VOCABULARY.reading(text).tokens


def test_three_days_is_not_weeks() -> None:
    assert "weeks" not in VOCABULARY.reading("my twitch has gone on for three days").tokens


def test_an_idiom_of_place_does_not_decline() -> None:
    said = _answer("what makes a muscle twitch in the first place")
    assert "nerve" in said or "stress" in said


# --- homonyms and idioms: declined ----------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what are the best active pickups for a bass",
        "how do i change the font in ms excel",
        "what is the weather like in old lyme tomorrow",
        "she has got some nerve turning up late",
        "my flatmate is getting on my nerves, what do i do",
        "how many cups is half a litre",
        "convert three pints to ml",
        "how much is a large coffee at starbucks",
    ],
)
def test_a_homonym_or_idiom_is_declined(question: str) -> None:
    assert ANSWERER.reply(question, "en-GB").kind is ReplyKind.DECLINE


@pytest.mark.parametrize(
    "question",
    [
        "do my muscles twitch more in hot weather",
        "does an emg hurt",
        "my eyes twitch after hours on spreadsheets, what helps",
        "can nerves before an exam make my eyelid jump",
    ],
)
def test_the_same_words_in_our_sense_are_answered(question: str) -> None:
    assert ANSWERER.reply(question, "en-GB").kind is ReplyKind.ANSWER


# --- follow-ups that lean on the answer before ----------------------------------------------


@pytest.mark.parametrize(
    ("question", "previous", "expected"),
    [
        ("what do i write in it", "twitch_journal", "where"),
        ("who do i go to for that", "eyelid_duration", "eye doctor"),
        ("of those which is the worst one", "red_flags", "immediate"),
        ("which is the most dangerous of them", "red_flags", "wasting"),
        ("and how quickly should i get to the neurologist", "red_flag_spreading", "weeks"),
    ],
)
def test_a_follow_up_is_answered_from_the_topic_before(
    question: str, previous: str, expected: str
) -> None:
    assert expected in _answer(question, previous)


def test_how_to_find_out_about_it_is_a_question_about_tests() -> None:
    reading = VOCABULARY.reading("how could i tell if i have it")
    assert "test" in reading.tokens


def test_asking_when_to_book_a_doctor_is_not_asking_us_to_book_one() -> None:
    reply = ANSWERER.reply("when should i book a gp about my twitching", "en-GB")
    assert reply.kind is ReplyKind.ANSWER


# --- spelled by ear -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("what does a nerve condukshun test show", "ncs"),
        ("is oh kimya in the eye serious", "eye"),
        ("my my oh kimiah will not stop", "eye"),
    ],
)
def test_a_word_spelled_by_ear_reaches_our_word(text: str, concept: str) -> None:
    assert concept in VOCABULARY.reading(text).tokens


# --- triage: a short spell and "what should i do" is self care ------------------------------


@pytest.mark.parametrize(
    ("question", "any_of"),
    [
        (
            "my lower eyelid has fluttered for two days and i am up late on my computer, what"
            " should i do",
            ("screen", "compress"),
        ),
        (
            "my forearm has flickered on and off for a couple of days after a hectic week, what"
            " should i do",
            ("sleep", "stress", "caffeine"),
        ),
    ],
)
def test_a_short_spell_asking_what_to_do_gets_self_care(question: str, any_of: tuple) -> None:
    said = _answer(question)
    assert any(word in said for word in any_of), said


def test_a_few_days_of_a_twitch_is_no_checklist_caution() -> None:
    reply = ANSWERER.reply("is it normal for my calf to twitch on and off for a couple of days")
    assert opener_of(reply.card) == "yes", reply.card


def test_ruling_out_a_condition_and_asking_what_else_names_other_conditions() -> None:
    said = _answer("it can't be ms, so what other conditions come with twitching")
    others = ("lyme", "thyroid", "b12", "neuropathy", "als", "amyotrophic")
    assert sum(name in said for name in others) >= 2, said


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("they come and go all evening", "comego"),
        ("the magnesium spray is giving no relief", "nohelp"),
        ("my eyelid is not stopping even with rest", "nohelp"),
        ("it started after a busy fortnight at work", "fatigue"),
        ("i took an antihistamine tablet for hay fever", "decongestant"),  # a stimulant medicine
        ("how long do i wait until things improve", "improvetime"),
        ("i read horror stories on forums", "serious"),
    ],
)
def test_more_everyday_wording_reaches_its_concept(text: str, concept: str) -> None:
    assert concept in VOCABULARY.reading(text).tokens


def test_cannot_do_an_activity_rules_it_out() -> None:
    reading = VOCABULARY.reading("i can't do yoga with my bad back, what else calms stress")
    assert "yoga" in reading.excluded


def test_a_doctor_where_one_lives_is_not_a_named_doctor() -> None:
    reply = ANSWERER.reply("the doctor in our village says my twitch is nothing, is that so")
    assert reply.kind is ReplyKind.ANSWER


# --- yes/no on persistence: "still normal after three weeks" --------------------------------


@pytest.mark.parametrize(
    ("question", "form"),
    [
        ("is it ok that my thigh is still jumping after five weeks", "lasting"),
        ("is it normal for a twitch to keep going for a couple of months", "lasting"),
        ("is it fine that it has been going on for over a month", "lasting"),
        ("is it normal for my eye to twitch for two days", "harmless"),
        ("is it normal to twitch after a run", "harmless"),
    ],
)
def test_persistence_past_two_weeks_is_its_own_form(question: str, form: str) -> None:
    assert yes_no_form(question) == form


def test_still_twitching_after_weeks_is_not_answered_as_normal() -> None:
    reply = ANSWERER.reply("is it ok that my thigh is still jumping after five weeks", "en-AU")
    assert opener_of(reply.card) != "yes", reply.card


def test_an_opener_labelled_it_depends_is_the_depends_family() -> None:
    case = {"expect": [["scan"]], "opener": "it depends"}
    assert meets_case("It depends. A scan is used when there is numbness.", case)
    assert not meets_case("Yes. A scan is used when there is numbness.", case)


# --- question tags, places in contrast, self care that failed for weeks ---------------------


def test_a_statement_with_a_question_tag_asks_and_rules_nothing_out() -> None:
    reading = VOCABULARY.reading("no numbness at all, so it is not serious right")
    assert "serious" in reading.tokens
    assert "serious" not in reading.excluded


def test_a_calm_statement_with_a_tag_gets_a_calm_answer() -> None:
    question = (
        "i have no trouble breathing, it's only my calf twitching, so this isn't urgent right"
    )
    reply = ANSWERER.reply(question, "en-CA")
    assert reply.kind is ReplyKind.ANSWER, reply.speech


def test_weeks_of_self_care_that_did_not_help_sends_to_a_doctor() -> None:
    said = _answer(
        "my shoulder has twitched for four weeks, i cut coffee and slept more and nothing"
        " helps, what now"
    )
    assert "doctor" in said or "neurologist" in said, said


def test_a_place_said_instead_of_the_eye_is_a_twitch_there() -> None:
    reply = ANSWERER.reply("not my eye, it's my hip that will not settle down", "en-GB")
    assert reply.kind is ReplyKind.ANSWER, reply.speech


def test_how_long_to_keep_at_it_before_a_doctor_is_the_time_self_care_takes() -> None:
    said = _answer("how long should i try this before i call a doctor", "self_care_steps")
    assert "weeks" in said, said


# --- spreading is to unrelated areas; the article's one vitamin -----------------------------


@pytest.mark.parametrize(
    ("text", "spreads"),
    [
        ("my thigh and my shin both twitch at night", False),  # one area, the leg
        ("twitches in my chest and tummy after dinner", False),  # one area, the trunk
        ("it started in my thumb and now my thigh twitches", True),
        ("my forearm, my calf and my back all twitch", True),
    ],
)
def test_two_places_spread_only_across_areas(text: str, spreads: bool) -> None:
    assert ("spread" in VOCABULARY.reading(text).tokens) is spreads


def test_asking_which_vitamin_is_about_b12() -> None:
    said = _answer("my legs tingle and twitch and i eat no meat, could a vitamin deficiency do it")
    assert "b12" in said, said


def test_a_month_of_twitching_asking_what_to_do_is_not_sent_to_a_warning_sign() -> None:
    reply = ANSWERER.reply("my calf has twitched for a month now, i'm anxious, what should i do")
    assert reply.topic is not None and reply.topic.stance("worry") != "yes", reply.card


@pytest.mark.parametrize(
    "text", ["tell me about fasciculation disorder", "is fasikulation syndrome bad"]
)
def test_a_fasciculation_syndrome_by_any_spelling_is_bfs(text: str) -> None:
    assert "bfs" in VOCABULARY.reading(text).tokens


def test_a_story_ask_that_points_back_at_another_condition_is_declined() -> None:
    story = (
        "my aunt has had epilepsy for years and lately my shoulder jumps in the evenings and i"
        " keep wondering could it be the same thing"
    )
    assert ANSWERER.reply(story, "en-US").kind is ReplyKind.DECLINE


def test_overdoing_it_is_exertion() -> None:
    assert "exercise" in VOCABULARY.reading("is it from overdoing it at the gym").tokens


def test_a_follow_up_asking_about_longer_is_the_topic_before() -> None:
    said = _answer("and if it lasts longer than that", "eyelid_duration")
    assert "eye doctor" in said or "ophthalmologist" in said, said


@pytest.mark.parametrize("word", ["socket", "jacket", "pizza", "freezing", "knocking"])
def test_ordinary_words_are_not_respelled_by_ear(word: str) -> None:
    assert VOCABULARY.speller is not None
    assert VOCABULARY.speller.word(word) == word


def test_a_span_said_before_the_ask_makes_still_normal_a_lasting_question() -> None:
    assert yes_no_form("my thigh has jumped for a month now, is it still normal") == "lasting"
    assert yes_no_form("my thigh jumped once today, is it still normal") == "harmless"


@pytest.mark.parametrize(
    "question",
    [
        "can damp weather make my calves twitch",
        "i lost my nerve in the exam and now my lip twitches",
    ],
)
def test_weather_and_nerve_idioms_in_a_twitch_question_are_answered(question: str) -> None:
    assert ANSWERER.reply(question, "en-GB").kind is ReplyKind.ANSWER


def test_a_homonym_concept_is_no_plain_word() -> None:
    # "software" said plainly is not MS Word: a question naming it is still about a twitch.
    reply = ANSWERER.reply("i write software all day and my eyelid flickers, is it the screen")
    assert reply.kind is ReplyKind.ANSWER, reply.speech


def test_getting_better_is_no_comparison() -> None:
    from skill.faq.matcher import _CONTRAST

    assert _CONTRAST.search("how long until it gets better") is None
    assert _CONTRAST.search("will my eyelid get worse") is None
    assert _CONTRAST.search("is magnesium better than potassium") is not None


def test_a_story_asking_how_long_until_better_gets_the_time_self_care_takes() -> None:
    story = (
        "my husband teases me because i keep rubbing my calf and i have already cut out tea and"
        " slept longer and drunk more water so how long until the twitch gets better"
    )
    assert "weeks" in _answer(story)


def test_what_a_person_is_rules_a_food_out_even_in_a_question() -> None:
    reading = VOCABULARY.reading("which foods would suit someone who is dairy free")
    assert "calciumfood" in reading.excluded


@pytest.mark.parametrize(
    "text", ["life has been so hectic lately", "uni is absolutely mental this term"]
)
def test_everyday_ways_of_saying_life_is_stressful_are_stress(text: str) -> None:
    assert "stress" in VOCABULARY.reading(text).tokens


def test_a_ruling_out_ends_at_its_as_speech_writes_it() -> None:
    reading = VOCABULARY.reading("not the coffee its more that my job is crazy right now")
    assert "stress" in reading.tokens and "caffeine" in reading.excluded


@pytest.mark.parametrize(
    "question",
    [
        "could these twitches put me in a wheelchair one day",
        "will my twitching leave me disabled",
        "am i going to become paralysed from twitching",
        pytest.param(
            "am i going to end up disabled because of my twitching calves",
            marks=pytest.mark.xfail(
                strict=True, reason="'because of' reads as a cause: the conditions list wins"
            ),
        ),
    ],
)
def test_fear_of_where_twitching_leads_gets_a_calm_answer(question: str) -> None:
    reply = ANSWERER.reply(question)
    assert reply.kind is ReplyKind.ANSWER, reply.speech
    assert opener_of(reply.card) == "no", reply.card


@pytest.mark.parametrize(
    "said",
    [
        "my calf looks thinner than the other one",
        "my right thigh seems smaller than my left and it twitches",
        "my arm got skinnier since the twitching started",
    ],
)
def test_a_muscle_said_to_look_smaller_gets_the_wasting_advice_right_away(said: str) -> None:
    # A muscle smaller or thinner than before, or than the other side, is visible wasting:
    # the article says seek evaluation immediately, whatever words say it.
    answer = _answer(said).lower()
    assert "right away" in answer or "immediate" in answer, answer
