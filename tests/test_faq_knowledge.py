"""The FAQ knowledge base as data: complete, short, in our own words, never a diagnosis."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from skill.faq.knowledge import (
    DATA_DIR,
    MAX_ANSWER_WORDS,
    KnowledgeError,
    Topic,
    check,
    check_vocabulary,
    load_topics,
    load_vocabulary_data,
    word_count,
)

TOPICS = load_topics()
ARTICLE = (DATA_DIR / "source-article.md").read_text(encoding="utf-8")
SPOKEN = [(t.id, text) for t in TOPICS for text in (t.answer, t.follow_up) if text]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def test_there_are_at_least_forty_topics_with_unique_ids() -> None:
    assert len(TOPICS) >= 40
    assert len({t.id for t in TOPICS}) == len(TOPICS)


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.id)
def test_each_topic_has_eight_to_fifteen_example_questions_facts_and_related_topics(
    topic: Topic,
) -> None:
    assert 8 <= len(topic.questions) <= 15, f"{topic.id}: {len(topic.questions)} examples"
    assert len(set(topic.questions)) == len(topic.questions), f"{topic.id}: repeated examples"
    assert topic.facts
    assert topic.related and topic.id not in topic.related


@pytest.mark.parametrize(("topic_id", "text"), SPOKEN)
def test_spoken_texts_are_short(topic_id: str, text: str) -> None:
    assert word_count(text) <= MAX_ANSWER_WORDS, topic_id


@pytest.mark.parametrize(("topic_id", "text"), SPOKEN)
def test_spoken_texts_never_tell_anyone_they_have_a_disease(topic_id: str, text: str) -> None:
    lowered = text.lower()
    for phrase in ("you have", "you don't have", "you do not have", "you've got", "you are sick"):
        assert phrase not in lowered, f"{topic_id}: says {phrase!r}"


def test_no_answer_names_or_quotes_the_people_in_the_article() -> None:
    for topic_id, text in SPOKEN:
        for name in ("mark", "lena", "torres", "cleveland"):
            assert name not in _words(text), f"{topic_id} names {name}"


def test_answers_are_in_our_own_words_no_six_word_run_copied_from_the_article() -> None:
    article = _words(ARTICLE)
    runs = {tuple(article[i : i + 6]) for i in range(len(article) - 5)}
    for topic_id, text in SPOKEN:
        words = _words(text)
        copied = [" ".join(words[i : i + 6]) for i in range(len(words) - 5)
                  if tuple(words[i : i + 6]) in runs]  # fmt: skip
        assert not copied, f"{topic_id} copies the article: {copied}"


# Every section of the article the issue lists, as facts the spoken texts must carry.
REQUIRED_FACTS = {
    "fasciculation (what twitches are)": ["fasciculation"],
    "causes": ["stress", "anxiety", "fatigue", "caffeine", "stimulant", "dehydrat",
               "electrolyte", "exercise", "sleep"],
    "benign vs worrying": ["come and go", "one small"],
    "bfs": ["benign fasciculation syndrome", "cramps or tingling"],
    "serious conditions": ["peripheral neuropathy", "multifocal motor neuropathy", "lyme",
                           "thyroid", "b12", "multiple sclerosis", "als"],
    "red flag actions": ["two to three weeks", "immediate", "emg and blood tests",
                         "keep an eye on it", "mri"],
    "caffeine taper": ["seven to ten days", "headache"],
    "water": ["two liters"],
    "foods": ["bananas", "spinach", "sweet potatoes", "nuts", "seeds", "dark chocolate",
              "dairy", "plant milks"],
    "sleep": ["seven to nine hours", "bedtime", "screens", "melatonin"],
    "stress practice": ["ten minutes", "meditation", "breathing", "yoga"],
    "journal": ["where the twitch was", "how long it lasted", "time of day", "set it off"],
    "timeframe": ["three to four weeks"],
    "checklist": ["two or more", "family history", "muscular dystrophy"],
    "tests": ["nerve conduction", "emg", "blood tests"],
    "eyelid faq": ["myokymia", "warm compress", "screen time", "two weeks", "eye doctor"],
    "als faq": ["muscle wasting", "weakness"],
    "mmn treatment": ["immunoglobulin", "ivig"],
}  # fmt: skip


@pytest.mark.parametrize("section", REQUIRED_FACTS)
def test_every_article_section_is_covered(section: str) -> None:
    spoken = " ".join(text.lower() for _, text in SPOKEN)
    missing = [fact for fact in REQUIRED_FACTS[section] if fact not in spoken]
    assert not missing, f"{section}: no answer mentions {missing}"


def test_the_article_copy_is_the_source_the_answers_rest_on() -> None:
    assert "fasciculations" in ARTICLE and "Benign fasciculation syndrome" in ARTICLE


def _topic(**changes: object) -> Topic:
    base = {"id": "a", "answer": "Short.", "follow_up": None, "related": ("b",),
            "facts": ("f",), "questions": ("q",)}  # fmt: skip
    base.update(changes)
    return Topic(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "broken",
    [
        (_topic(), _topic()),  # duplicate id
        (_topic(related=("nowhere",)),),
        (_topic(related=()), _topic(id="b", answer="word " * (MAX_ANSWER_WORDS + 1))),
        (_topic(related=()), _topic(id="b", follow_up="word " * (MAX_ANSWER_WORDS + 1))),
        (_topic(related=(), facts=()),),
    ],
)
def test_the_loader_rejects_broken_knowledge(broken: tuple[Topic, ...]) -> None:
    with pytest.raises(KnowledgeError):
        check(broken)


def test_knowledge_data_files_live_in_the_faq_package() -> None:
    for name in ("knowledge.yaml", "vocabulary.yaml", "source-article.md"):
        assert (Path(DATA_DIR) / name).is_file()


def test_the_vocabulary_loader_rejects_words_yaml_reads_as_booleans() -> None:
    with pytest.raises(KnowledgeError, match="quote them"):
        check_vocabulary({**load_vocabulary_data(), "stopwords": ["a", True]})
