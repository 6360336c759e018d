"""Content governance of the knowledge base (issue 12, item 6).

Every fact names the article section it comes from (or a reviewed general fact), every number
spoken in an answer, variant or follow-up is one of its topic's facts, every sentence spoken
rests on its topic's facts (word overlap of stems), the general facts give their reason, and
the coverage of the article's sections is listed.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
import snowballstemmer

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


# Every sentence an answer speaks rests on its topic's facts: most of its claim words (stems
# of its content words, less function and framing words) are words of those facts, read
# through a short table of plain words the article says in its own words. A claim whose fact
# was never listed, or that the article does not make, leaves most of its words unmatched.
_STEMMER = snowballstemmer.stemmer("english")
_FUNCTION_WORDS = set(
    "the and or of a an to in on for with is are be can that this your you it its as by at "
    "from not do does may more most often their they these those if any when which i me my "
    "we our us so but also just like such than then there here what who how why where into "
    "out up about over under no yes very much many some usually want hear tell other others "
    "way ways would could should will might need one has have had was were been them each "
    "every both either all only even still too first second third fourth fifth can't don't "
    "won't it's you're that's there's isn't aren't doesn't shouldn't i'll after before during "
    "because without within off down back away around themselves nothing anything something "
    "else ever less fewer far rather otherwise whether".split()
)
# Words that frame a claim (who to ask, how to put it) and claim nothing themselves. "twitch"
# is the subject of every topic: what a sentence claims is what it says about it.
FRAMING_WORDS = set(
    _STEMMER.stemWords(
        "twitch happen help keep get come make good see doctor ask try give call start part "
        "example mean include time people sometimes let find look sure worth thing notice "
        "show point along together alongside plus own bit lot few little".split()
    )
)
# A plain word of an answer -> the article's word for the same thing there. Each is a
# synonym in the sense our answers use it (none is a looser or wider word).
SAME_AS_ARTICLE = {
    "worn out": "fatigue",  # "physically worn out" is the article's "physical exhaustion"
    "tired": "fatigue",  # tired muscles, feeling tired: the article's fatigue
    "tiredness": "fatigue",  # the same, as a noun
    "exhausted": "fatigue",  # the article: "Fatigue: physical exhaustion"
    "exhaustion": "fatigue",  # the article's own gloss of fatigue
    "harmless": "benign",  # the article says both of the same twitches (BFS: "harmless")
    "muscle loss": "wasting",  # "loss of muscle mass or size" is the article's muscle wasting
    "shrinking": "wasting",  # a muscle visibly shrinking: loss of its size, wasting
    "smaller": "wasting",  # said only of a muscle getting visibly smaller: wasting
    "water": "hydration",  # drinking water is the article's hydration ("drink 2 liters")
    "fluids": "hydration",  # losing or getting fluids: dehydration, rehydrating
    "fluid": "hydration",  # the same, singular
    "go away": "resolve",  # twitches that go away resolve, the article's word
    "fade": "resolve",  # the article says both of the same twitches
    "settle": "resolve",  # twitches that settle fade, resolve
    "worse": "worsen",  # getting worse is worsening
    "cut back": "reduce",  # cutting back on caffeine is reducing it
    "cutting back": "reduce",  # the same, as people say it
    "ease off": "reduce",  # easing off caffeine: reducing it
}
_NUMBER_DIGITS = {word: str(value) for word, value in NUMBER_WORDS.items()}
# Sentences that only frame (how to use the diary, a question back to the user) claim
# nothing; each is named by how it starts, with its reason. As few as possible.
FRAMING_SENTENCES = {
    "Just tell me about a twitch, for example": "how to log a twitch in the diary, not health",
}
# A sentence passes when at most this share of its claim words is missing from its facts:
# after the content pass every spoken sentence is at 0.4 or under, and a sentence whose claim
# no fact makes is at or near 1.
MAX_UNSUPPORTED = 0.4


def _stem(word: str) -> str:
    return _STEMMER.stemWord(SAME_AS_ARTICLE.get(word, word))


def claim_words(text: str) -> set[str]:
    """The stems a sentence claims: its content words, less function and framing words,
    plain words read as the article's and number words as digits."""
    low = text.lower().replace("\u2019", "'")
    for phrase in (p for p in SAME_AS_ARTICLE if " " in p):
        low = re.sub(rf"\b{phrase}\b", SAME_AS_ARTICLE[phrase], low)
    words = []
    for word in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", low):
        word = _NUMBER_DIGITS.get(word, word)
        if word in _FUNCTION_WORDS or (len(word) <= 2 and not word.isdigit()):
            continue
        words.append(_stem(word))
    return {w for w in words if w not in FRAMING_WORDS and w not in _FUNCTION_WORDS}


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def unsupported(topic: Topic) -> list[tuple[str, str, float, list[str]]]:
    """The sentences of a topic with too many claim words its facts do not have: where,
    sentence, the share missing, the words missing."""
    in_facts = set().union(*(claim_words(fact) for fact in topic.facts))
    found = []
    for where, text in spoken(topic):
        for sentence in sentences(text):
            words = claim_words(sentence)
            if not words or sentence.startswith(tuple(FRAMING_SENTENCES)):
                continue
            missing = words - in_facts
            share = len(missing) / len(words)
            if share > MAX_UNSUPPORTED:
                found.append((where, sentence, share, sorted(missing)))
    return found


def test_claim_words_read_plain_words_and_numbers_as_the_article_does() -> None:
    assert claim_words("When you are worn out") == claim_words("With fatigue")
    assert claim_words("Most fade in two weeks") == claim_words("Most resolve in 2 weeks")
    assert claim_words("Ask a doctor if you want to hear more.") == set()


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.id)
def test_every_sentence_an_answer_speaks_rests_on_its_topics_facts(topic: Topic) -> None:
    found = unsupported(topic)
    assert not found, f"{topic.id}: sentences with claims none of its facts make:\n" + "\n".join(
        f"  {where}: {sentence} (missing {share:.0%}: {', '.join(words)})"
        for where, sentence, share, words in found
    )


def test_the_framing_sentences_are_still_spoken() -> None:
    said = [s for topic in TOPICS for _, text in spoken(topic) for s in sentences(text)]
    stale = [k for k in FRAMING_SENTENCES if not any(s.startswith(k) for s in said)]
    assert not stale, f"no longer spoken, drop from FRAMING_SENTENCES: {stale}"


def test_the_check_fails_a_claim_its_facts_do_not_make() -> None:
    raw = {"topics": [{"id": "made_up", "questions": ["q"], "yes_no": {"default": "yes"},
                       "answer": "Caffeine can trigger twitches. Ginger tea and a hot bath "
                                 "before bed stop them within days.",
                       "facts": [{"text": "Caffeine and stimulants can trigger twitching.",
                                  "section": "What Causes Muscle Twitches?"}]}]}  # fmt: skip
    (topic,) = parse_topics(raw, sections=frozenset(SECTIONS))
    found = unsupported(topic)
    assert [(sentence, share) for _, sentence, share, _ in found] == [
        ("Ginger tea and a hot bath before bed stop them within days.", 1.0)
    ]


def test_the_check_fails_a_real_answer_given_another_topics_claim() -> None:
    # Eyelid advice said in the caffeine answer: true in the article, but not one of the
    # caffeine topic's facts, so the sentence does not rest on them.
    caffeine = next(t for t in TOPICS if t.id == "caffeine_cause")
    assert not unsupported(caffeine)
    claim = "A warm compress and less screen time help a twitching eyelid recover faster."
    (found,) = unsupported(replace(caffeine, answer=f"{caffeine.answer} {claim}"))
    assert found[1] == claim and found[2] > MAX_UNSUPPORTED
