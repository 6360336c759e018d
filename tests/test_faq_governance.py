"""Content governance of the knowledge base (issue 12, item 6).

Every fact names the article section it comes from (or a reviewed general fact), every number
spoken in an answer, variant or follow-up is one of its topic's facts, the general facts give
their reason, and the coverage of the article's sections is listed.
"""

from __future__ import annotations

import re

import pytest

from skill.faq.knowledge import (
    INTRODUCTION,
    KnowledgeError,
    Topic,
    article_sections,
    load_general_facts,
    load_topics,
    parse_topics,
)

TOPICS = load_topics()
SECTIONS = article_sections()
GENERAL = {fact.id: fact for fact in load_general_facts()}

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip
# "one" is left out: it is mostly not a number ("one of the causes", "one small spot").


def numbers(text: str) -> set[int]:
    """The numbers a text says, in digits or in words ("seven to nine", "7–9", "2 liters")."""
    found = {int(n) for n in re.findall(r"(?<![a-z\d])\d+", text.lower())}
    found |= {NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in NUMBER_WORDS}
    return found


# What a person might say to the diary, quoted as an example: not a claim.
EXAMPLE_UTTERANCES = ("my left calf twitched for two minutes",)


def spoken(topic: Topic) -> list[tuple[str, str]]:
    """The texts a topic speaks, with the example utterances they quote left out."""
    texts = [("answer", topic.answer)]
    texts += [("follow_up", topic.follow_up)] if topic.follow_up else []
    texts += [(f"variant {sorted(without)}", text) for without, text in topic.variants]
    for example in EXAMPLE_UTTERANCES:
        texts = [(where, re.sub(example, "", text, flags=re.I)) for where, text in texts]
    return texts


def test_numbers_are_read_in_digits_and_words() -> None:
    assert numbers("Aim for seven to nine hours") == {7, 9}
    assert numbers("Reduce over 7–10 days, at least 2 liters") == {7, 10, 2}
    assert numbers("one of the causes") == set()


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.id)
def test_no_number_in_an_answer_is_missing_from_its_facts(topic: Topic) -> None:
    in_facts = set().union(*(numbers(fact) for fact in topic.facts))
    for where, text in spoken(topic):
        missing = numbers(text) - in_facts
        assert not missing, f"{topic.id} {where} says {sorted(missing)}, not in its facts"


# The things an answer names (foods, drinks, tests, conditions, practices, places, symptoms),
# each with the words one of its topic's facts must contain: an answer names nothing its facts
# do not (the "extra triggers and foods").
NAMED = {
    "banana": ("banana",), "spinach": ("spinach",), "sweet potato": ("sweet potato",),
    "nut": ("nut",), "seed": ("seed",), "dark chocolate": ("chocolate",), "dairy": ("dairy",),
    "milk": ("milk", "dairy"), "yogurt": ("yogurt",), "cheese": ("cheese",),
    "coffee": ("coffee", "caffeine"), "tea": ("tea",), "energy drink": ("energy drink",),
    "pre-workout": ("pre-workout",), "decongestant": ("decongestant",),
    "melatonin": ("melatonin",), "alcohol": ("alcohol",), "sodium": ("sodium",),
    "potassium": ("potassium",), "magnesium": ("magnesium",), "calcium": ("calcium",),
    "emg": ("emg", "electromyography"), "mri": ("mri",), "nerve conduction": ("nerve conduction",),
    "blood test": ("blood",), "als": ("als",), "multiple sclerosis": ("multiple sclerosis",),
    "lyme": ("lyme",), "thyroid": ("thyroid",), "b12": ("b12",),
    "multifocal motor neuropathy": ("multifocal motor neuropathy",),
    "ivig": ("ivig", "immunoglobulin"), "muscular dystrophy": ("muscular dystrophy",),
    "peripheral neuropathy": ("peripheral neuropathy",),
    "benign fasciculation syndrome": ("bfs", "benign fasciculation"), "myokymia": ("myokymia",),
    "eye doctor": ("ophthalmologist",), "ophthalmologist": ("ophthalmologist",),
    "warm compress": ("warm compress",), "yoga": ("yoga",), "meditation": ("meditation",),
    "mindfulness": ("mindfulness",), "breathing": ("breathing",), "cortisol": ("cortisol",),
    "stretching": ("stretch",), "shift work": ("shift",), "screen": ("screen",),
    "neurologist": ("neurolog",), "stroke": ("stroke",), "tick": ("tick",),
    "thigh": ("thigh",), "shoulder": ("shoulder",), "forearm": ("forearm",), "calf": ("calf",),
    "thumb": ("thumb",), "eyelid": ("eyelid",), "cramp": ("cramp",), "tingling": ("tingling",),
    "numbness": ("numbness",), "vision": ("vision",), "balance trouble": ("balance",),
}  # fmt: skip


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.id)
def test_an_answer_names_nothing_its_facts_do_not(topic: Topic) -> None:
    facts = " ".join(topic.facts).lower()
    for where, text in spoken(topic):
        for term, needs in NAMED.items():
            named = re.search(rf"\b{re.escape(term)}(s|es)?\b", text.lower())
            assert not named or any(need in facts for need in needs), (
                f"{topic.id} {where} names {term!r}, which none of its facts does"
            )


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.id)
def test_every_fact_carries_a_section_of_the_article_or_is_a_general_fact(topic: Topic) -> None:
    assert len(topic.sources) == len(topic.facts)
    for fact in topic.sources:
        if fact.general is not None:
            assert fact.general in GENERAL, f"{topic.id}: {fact.general} is not a general fact"
        else:
            assert fact.section in SECTIONS, f"{topic.id}: {fact.text!r} names no section"


def test_the_article_sections_are_its_headings() -> None:
    assert list(SECTIONS)[:3] == [
        INTRODUCTION,
        "What Causes Muscle Twitches?",
        "When Is a Twitch Just a Twitch\u2014and When Should You Worry?",
    ]
    assert "Checklist: When to Seek Immediate Medical Help" in SECTIONS
    assert "Are muscle twitches a sign of ALS?" in SECTIONS
    # A heading that only groups the questions below it has no text of its own.
    assert "FAQ: Common Questions About Muscle Twitching" not in SECTIONS
    assert all(text for text in SECTIONS.values())


# Sections no topic rests on, on purpose: none today. A section added to the article, or a
# topic dropped, shows up here.
UNCOVERED: set[str] = set()


def coverage() -> dict[str, list[str]]:
    """Each article section -> the topics with a fact from it."""
    covered: dict[str, list[str]] = {section: [] for section in SECTIONS}
    for topic in TOPICS:
        for section in {f.section for f in topic.sources if f.section}:
            covered[section].append(topic.id)
    return covered


def coverage_list() -> str:
    """The coverage list, one line per article section: how many topics rest on it, which."""
    return "\n".join(
        f"{len(ids):3d}  {section}: {', '.join(ids) or 'NOT COVERED'}"
        for section, ids in coverage().items()
    )


def test_coverage_of_the_article_sections_is_listed() -> None:
    covered = coverage()
    uncovered = {section for section, ids in covered.items() if not ids}
    assert uncovered == UNCOVERED, "coverage changed:\n" + coverage_list()
    assert set(covered) == set(SECTIONS) and len(SECTIONS) == 11, coverage_list()


# Finer: each passage of the article (a list item, a table row, a sentence of a paragraph) is
# covered when at least half its content words are in the facts taken from its section.
# Those no fact covers, on purpose: framing, the quoted doctor's name (no answer names a
# person), the example's personal details, and lines the facts say in other words.
UNCOVERED_PASSAGES = {
    "Often fleeting and harmless, they",  # framing; "most are harmless" is in other topics
    "Understanding the difference between benign",  # framing
    "This article explores the science",  # framing
    "Whether you\u2019ve experienced an occasional",  # framing
    "However, certain patterns suggest the",  # framing, the patterns are facts
    "It's crucial to distinguish between",  # framing
    "Lena Torres, Neurologist, Cleveland",  # a name: never spoken
    "Ignoring these could delay diagnosis",  # early_detection says it in other words
    "For most individuals, muscle twitches",  # framing of the steps
    "Follow this five-step process to",  # framing of the steps
    "He initially dismissed it, attributing",  # case_example: "he first blamed"
    "Encouraged by his wife, Mark",  # a personal detail and a name
    "Use this checklist to determine",  # framing of the checklist
    "Yes.",  # the FAQ answer's opener
    "The key lies in recognizing",  # framing
    "These small changes often yield",  # framing
    "At the same time, dismissing",  # worsening_over_weeks: "should not be dismissed"
}
_STOP = set(
    "the and or of a an to in on for with is are be can that this your you it its as by at "
    "from not do does may more most often their they these those if any when which".split()
)


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in _STOP}


def passages(text: str) -> list[str]:
    """A section's passages: each list item or table row whole, paragraphs by sentence."""
    found: list[str] = []
    for line in text.splitlines():
        if re.match(r"\|\s*-", line) or line.startswith("| Symptom"):
            continue  # the table's header
        if line.startswith(("-", "|", "\u2705")):
            found.append(line)
        else:
            found += re.split(r"(?<=[.!?])\s+", line)
    return [p for p in found if p.strip()]


def uncovered_passages() -> list[str]:
    facts: dict[str, set[str]] = {}
    for topic in TOPICS:
        for fact in topic.sources:
            if fact.section:
                facts.setdefault(fact.section, set()).update(_content_words(fact.text))
    missing = []
    for section, text in SECTIONS.items():
        for passage in passages(text):
            words = _content_words(passage)
            if words and len(words & facts.get(section, set())) / len(words) < 0.5:
                missing.append(passage)
    return missing


def test_the_passages_no_fact_covers_are_the_expected_few() -> None:
    missing = uncovered_passages()
    unexpected = [p for p in missing if not p.startswith(tuple(UNCOVERED_PASSAGES))]
    assert not unexpected, "passages of the article no fact covers:\n" + "\n".join(unexpected)
    stale = [k for k in UNCOVERED_PASSAGES if not any(p.startswith(k) for p in missing)]
    assert not stale, f"now covered, drop from UNCOVERED_PASSAGES: {stale}"


def test_general_facts_give_a_reason_and_are_used() -> None:
    used = {f.general for t in TOPICS for f in t.sources if f.general}
    for fact in GENERAL.values():
        assert len(fact.reason.split()) >= 5, f"{fact.id}: the reason is too short"
    assert set(GENERAL) == used, f"unused general facts: {sorted(set(GENERAL) - used)}"


def test_the_general_list_stays_short() -> None:
    assert len(GENERAL) <= 15


def test_general_facts_stand_beside_an_article_section_and_give_no_numbers() -> None:
    # The numbers (how long, how much, how soon) are the article's; a general fact only
    # explains a word or adds a safety step, so it says none of its own.
    for fact in GENERAL.values():
        assert fact.beside in SECTIONS, f"{fact.id}: beside {fact.beside!r} is no section"
        assert not numbers(fact.text.replace("B12", "")), f"{fact.id} gives a number"


def test_no_topic_fact_repeats_a_general_fact_as_if_it_came_from_the_article() -> None:
    general_texts = {fact.text for fact in GENERAL.values()}
    for topic in TOPICS:
        for fact in topic.sources:
            if fact.section is not None:
                assert fact.text not in general_texts, f"{topic.id}: {fact.text!r}"


ARTICLE_NUMBERS = {
    # topic: numbers as the article has them
    "water_intake": "at least two liters",
    "caffeine_taper": "seven to ten days",
    "caffeine_cause": "seven to ten days",
    "sleep_hours": "seven to nine hours",
    "stress_practice": "ten minutes",
    "improvement_time": "three to four weeks",
    "eyelid_duration": "two weeks",
}


@pytest.mark.parametrize("topic_id", ARTICLE_NUMBERS)
def test_numbers_are_as_in_the_article(topic_id: str) -> None:
    topic = next(t for t in TOPICS if t.id == topic_id)
    assert ARTICLE_NUMBERS[topic_id] in topic.answer.lower()


def test_no_answer_gives_a_number_the_article_does_not() -> None:
    for topic in TOPICS:
        for where, text in spoken(topic):
            low = text.lower()
            for wrong in ("eight glasses", "a week or so", "looked at soon"):
                assert wrong not in low, f"{topic.id} {where} says {wrong!r}"


def test_visible_muscle_wasting_means_immediate_evaluation() -> None:
    wasting = next(t for t in TOPICS if t.id == "red_flag_wasting")
    assert "immediate" in wasting.answer.lower()
    assert any(f.section == "Red Flags That Require Medical Attention" for f in wasting.sources)


WASTING = re.compile(r"wast|muscle loss|shrink|smaller|losing bulk|loss of muscle", re.I)
AT_ONCE = re.compile(r"immediate|right away|at once", re.I)
WAIT = re.compile(r"(?<!how )\bsoon\b|keep an eye|wait and see", re.I)


@pytest.mark.parametrize(
    "topic_id", ["red_flag_wasting", "red_flags", "benign_or_worrying", "twitch_locations"]
)
def test_advice_on_visible_wasting_is_an_immediate_evaluation(topic_id: str) -> None:
    topic = next(t for t in TOPICS if t.id == topic_id)
    said = [text for _, text in spoken(topic) if WASTING.search(text) and AT_ONCE.search(text)]
    assert said, f"{topic_id} speaks of wasting without 'immediate' or 'right away'"


def test_no_answer_tells_someone_with_wasting_to_wait() -> None:
    for topic in TOPICS:
        for where, text in spoken(topic):
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                if WASTING.search(sentence) and not AT_ONCE.search(sentence):
                    assert not WAIT.search(sentence), f"{topic.id} {where}: {sentence}"


def test_the_loader_rejects_a_section_the_article_does_not_have() -> None:
    raw = {"topics": [{"id": "a", "answer": "Short.", "questions": ["q"],
                       "yes_no": {"default": "yes"},
                       "facts": [{"text": "f", "section": "No Such Heading"}]}]}  # fmt: skip
    with pytest.raises(KnowledgeError, match="not a heading"):
        parse_topics(raw, sections=frozenset(SECTIONS))


def test_the_loader_rejects_an_unknown_general_fact() -> None:
    raw = {"topics": [{"id": "a", "answer": "Short.", "questions": ["q"],
                       "yes_no": {"default": "yes"},
                       "facts": [{"general": "nowhere"}]}]}  # fmt: skip
    with pytest.raises(KnowledgeError, match="general fact"):
        parse_topics(raw, general={})


def test_plain_string_facts_still_load_without_a_section() -> None:
    raw = {"topics": [{"id": "a", "answer": "Short.", "questions": ["q"],
                       "yes_no": {"default": "yes"}, "facts": ["plain"]}]}  # fmt: skip
    (topic,) = parse_topics(raw, sections=frozenset(SECTIONS))
    assert topic.facts == ("plain",) and topic.sources[0].section is None
