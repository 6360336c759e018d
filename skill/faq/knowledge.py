"""The knowledge base (knowledge.yaml) loaded into checked, immutable topics."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from skill.faq.amounts import Figure
from skill.faq.question import FORM_NAMES

DATA_DIR = Path(__file__).resolve().parent
KNOWLEDGE_PATH = DATA_DIR / "knowledge.yaml"
VOCABULARY_PATH = DATA_DIR / "vocabulary.yaml"
ARTICLE_PATH = DATA_DIR / "source-article.md"
GENERAL_FACTS_PATH = DATA_DIR / "general_facts.yaml"
# The text before the article's first heading.
INTRODUCTION = "Introduction"
MAX_HEADING_CHARS = 70
# libyaml's loader is ~15x faster; the pure-Python one is the fallback. Workers build the
# index at start-up, and a slow start would delay their first answer.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_SPOKEN_WORDS = 60
# An answer is spoken with a short prompt after it ("Want to hear more?"), and the whole
# reply must stay within MAX_SPOKEN_WORDS.
MAX_ANSWER_WORDS = 55


STANCES = ("yes", "no", "depends")
# "Is it rare / weird?": twitching is common, so no, unless the topic says otherwise.
# "Is it normal that it is still there after three weeks?": past the checklist's two weeks,
# not as a rule, unless the topic says otherwise (self care takes three to four weeks).
# "Can it be a sign of ...?": as the topic answers "is it a sign of ...", unless it says otherwise.
FORM_FALLBACK = {"always": "no", "fix": "depends", "rare": "no", "urgent": "no", "lasting": "no"}
FORM_AS = {"possible": "sign"}
# The opener spoken before the answer to a yes/no question: (stance, form) first, then stance.
OPENERS = {("no", "always"): "No.", ("no", "rare"): "No.", "yes": "Yes.", "no": "Usually not.",
           "depends": "It depends."}  # fmt: skip
MAX_OPENER_WORDS = 2


class KnowledgeError(ValueError):
    """knowledge.yaml breaks one of its own rules."""


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact a topic rests on and where it comes from: the heading of the article section
    (``section``), or, for a reviewed general fact of general_facts.yaml, its id (``general``)."""

    text: str
    section: str | None = None
    general: str | None = None


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    answer: str
    follow_up: str | None
    related: tuple[str, ...]
    facts: tuple[str, ...]
    questions: tuple[str, ...]
    yes_no: Mapping[str, str] = field(default_factory=dict)
    # Other wordings of the answer that leave something out, for a person who ruled it out
    # ("i don't drink coffee, so what else"): (the concepts left out, the answer).
    variants: tuple[tuple[frozenset[str], str], ...] = ()
    # The facts with their sources, in the order of ``facts`` (which holds their texts); empty
    # for a topic built in code with plain facts.
    sources: tuple[Fact, ...] = ()
    # The article's figure for an amount ("seven to nine hours"), which a yes/no question about
    # an amount is weighed against (amounts.py); None for a topic that gives none.
    figure: Figure | None = None
    # The everyday causes this topic is the self care for ("stress": the calming practices),
    # answered when a person names that one cause and asks what to do.
    relieves: frozenset[str] = frozenset()

    def answer_without(self, left_out: frozenset[str]) -> str | None:
        """The variant that leaves out every concept of ``left_out`` (the one that leaves out
        the fewest other things), or None."""
        fits = [(len(without), text) for without, text in self.variants if left_out <= without]
        return min(fits)[1] if fits else None

    def opener(self, form: str) -> str:
        """The words spoken before the answer to a yes/no question of ``form``."""
        return self.opener_for(self.stance(form), form)

    @staticmethod
    def opener_for(stance: str, form: str) -> str:
        return OPENERS.get((stance, form)) or OPENERS[stance]

    def stance(self, form: str) -> str:
        """How this topic answers a yes/no question of ``form``: "yes", "no" or "depends".

        A universal claim ("always", "every", "the only") is answered no, and "will X fix
        it" / "is X enough" it depends, unless the topic says otherwise."""
        if form in self.yes_no:
            return self.yes_no[form]
        if form in FORM_AS:
            return self.stance(FORM_AS[form])
        return FORM_FALLBACK.get(form) or self.yes_no.get("default", "depends")


def word_count(text: str) -> int:
    return len(text.split())


def _fact(raw: object, general: Mapping[str, str]) -> Fact:
    """A fact as knowledge.yaml writes it: a plain string (no source, the old form), a mapping
    {text, section}, or {general: id} naming a reviewed general fact."""
    if isinstance(raw, str):
        return Fact(" ".join(raw.split()))
    if not isinstance(raw, Mapping):
        raise KnowledgeError(f"a fact must be a string or a mapping, not {raw!r}")
    if (ref := raw.get("general")) is not None:
        if str(ref) not in general:
            raise KnowledgeError(f"general fact {ref!r} is not in {GENERAL_FACTS_PATH.name}")
        return Fact(general[str(ref)], general=str(ref))
    if not raw.get("text"):
        raise KnowledgeError(f"a fact needs a text: {dict(raw)!r}")
    section = raw.get("section")
    return Fact(" ".join(str(raw["text"]).split()), str(section) if section else None)


def _topic(raw: dict[str, Any], general: Mapping[str, str] | None = None) -> Topic:
    follow_up = raw.get("follow_up")
    sources = tuple(_fact(f, general or {}) for f in raw.get("facts") or ())
    return Topic(
        id=str(raw["id"]),
        answer=" ".join(str(raw["answer"]).split()),
        follow_up=" ".join(str(follow_up).split()) if follow_up else None,
        related=tuple(raw.get("related") or ()),
        facts=tuple(f.text for f in sources),
        questions=tuple(str(q) for q in raw["questions"]),
        yes_no={str(k): str(v) for k, v in (raw.get("yes_no") or {}).items()},
        variants=tuple(
            (frozenset(v["without"]), " ".join(str(v["answer"]).split()))
            for v in raw.get("variants") or ()
        ),
        sources=sources,
        figure=_figure(raw.get("figure")),
        relieves=frozenset(str(c) for c in raw.get("relieves") or ()),
    )


def _figure(raw: object) -> Figure | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping) or "unit" not in raw or "least" not in raw:
        raise KnowledgeError(f"a figure needs a unit and a least amount, not {raw!r}")
    most = raw.get("most")
    return Figure(str(raw["unit"]), float(raw["least"]), float(most) if most is not None else None)


_SMALL_NUMBERS = ("zero one two three four five six seven eight nine ten eleven twelve").split()


def _stated(number: float, facts: tuple[str, ...]) -> bool:
    """``number`` is written in one of ``facts``, in digits or (up to twelve) in words."""
    spellings = {f"{number:g}"}
    if number.is_integer() and number < len(_SMALL_NUMBERS):
        spellings.add(_SMALL_NUMBERS[int(number)])
    text = " ".join(facts).lower()
    return any(re.search(rf"(?<![\w.]){re.escape(s)}(?![\w])", text) for s in spellings)


def check(topics: tuple[Topic, ...], sections: frozenset[str] | None = None) -> None:
    """Raise KnowledgeError on duplicate ids, dangling related ids, long or unfounded answers,
    and (given the article's ``sections``) a fact naming a section the article does not have."""
    ids = [t.id for t in topics]
    if len(ids) != len(set(ids)):
        raise KnowledgeError("duplicate topic ids")
    known = set(ids)
    for topic in topics:
        if missing := set(topic.related) - known:
            raise KnowledgeError(f"{topic.id}: related topics {sorted(missing)} do not exist")
        if word_count(topic.answer) + MAX_OPENER_WORDS > MAX_ANSWER_WORDS:
            raise KnowledgeError(f"{topic.id}: answer over {MAX_ANSWER_WORDS} words")
        if any(word_count(t) + MAX_OPENER_WORDS > MAX_ANSWER_WORDS for _, t in topic.variants):
            raise KnowledgeError(f"{topic.id}: a variant answer is over {MAX_ANSWER_WORDS} words")
        if topic.follow_up and word_count(topic.follow_up) > MAX_ANSWER_WORDS:
            raise KnowledgeError(f"{topic.id}: follow-up over {MAX_ANSWER_WORDS} words")
        if "default" not in topic.yes_no or set(topic.yes_no.values()) - set(STANCES):
            raise KnowledgeError(f"{topic.id}: yes_no needs a default, each yes, no or depends")
        if unknown := set(topic.yes_no) - set(FORM_NAMES):
            raise KnowledgeError(f"{topic.id}: yes_no forms {sorted(unknown)} do not exist")
        if topic.figure is not None:
            numbers = [topic.figure.least] + [topic.figure.most] * (topic.figure.most is not None)
            if unstated := [n for n in numbers if n is not None and not _stated(n, topic.facts)]:
                raise KnowledgeError(f"{topic.id}: figure {unstated} is not in its facts")
        if not topic.facts or not topic.questions:
            raise KnowledgeError(f"{topic.id}: needs facts and example questions")
        if topic.sources and tuple(f.text for f in topic.sources) != topic.facts:
            raise KnowledgeError(f"{topic.id}: sources and facts differ")
        if sections is not None:
            for fact in topic.sources:
                if fact.section is not None and fact.section not in sections:
                    raise KnowledgeError(
                        f"{topic.id}: section {fact.section!r} is not a heading of the article"
                    )


def parse_topics(
    data: dict[str, Any],
    general: Mapping[str, str] | None = None,
    sections: frozenset[str] | None = None,
) -> tuple[Topic, ...]:
    """The checked topics of ``data``; ``general`` maps general fact ids to their texts."""
    topics = tuple(_topic(raw, general) for raw in data["topics"])
    check(topics, sections)
    return topics


@cache
def load_topics(path: Path = KNOWLEDGE_PATH) -> tuple[Topic, ...]:
    """The checked topics of the knowledge base (read once per process)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506
    sections = frozenset(article_sections())
    facts = load_general_facts()
    if astray := [f.id for f in facts if f.beside not in sections]:
        raise KnowledgeError(f"general facts {astray} name no section of the article (beside)")
    return parse_topics(data, {fact.id: fact.text for fact in facts}, sections)


def _is_heading(line: str) -> bool:
    """A line of the article that is a heading: short, not a list item, table row or quote,
    and not ending a sentence or leading into a list."""
    text = line.strip()
    if not text or text[0] in '-|\u201c"' or text.endswith((".", ":")):
        return False
    return len(text) <= MAX_HEADING_CHARS


@cache
def article_sections(path: Path = ARTICLE_PATH) -> dict[str, str]:
    """The article's sections in order, heading -> text, below its "---" line; the text before
    the first heading is INTRODUCTION. A heading with no text of its own (one that only groups
    the questions below it) is left out."""
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
    sections: dict[str, list[str]] = {INTRODUCTION: []}
    current = INTRODUCTION
    for line in body.splitlines():
        if not line.strip():
            continue
        if _is_heading(line):
            current = line.strip()
            sections[current] = []
        else:
            sections[current].append(line.strip())
    return {heading: "\n".join(lines) for heading, lines in sections.items() if lines}


@dataclass(frozen=True, slots=True)
class GeneralFact:
    """A fact the article does not state, kept because an answer needs it: why it is safe and
    needed (``reason``), reviewed against the article."""

    id: str
    text: str
    reason: str
    # The article section it explains or makes safe (a heading of the article).
    beside: str = ""


@cache
def load_general_facts(path: Path = GENERAL_FACTS_PATH) -> tuple[GeneralFact, ...]:
    """The reviewed general facts (none when the file is absent)."""
    if not path.is_file():
        return ()
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}  # noqa: S506
    facts = tuple(
        GeneralFact(str(raw["id"]), " ".join(str(raw["text"]).split()),
                    " ".join(str(raw.get("reason") or "").split()), str(raw.get("beside") or ""))
        for raw in data.get("facts") or ()
    )  # fmt: skip
    if len({f.id for f in facts}) != len(facts):
        raise KnowledgeError(f"{path.name}: duplicate ids")
    if unreasoned := [f.id for f in facts if not f.reason]:
        raise KnowledgeError(f"{path.name}: {unreasoned} give no reason")
    return facts


@cache
def load_vocabulary_data(path: Path = VOCABULARY_PATH) -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506
    check_vocabulary(data)
    return data


def check_vocabulary(data: dict[str, Any]) -> None:
    """Every word list holds words: YAML reads a bare no, on or off as a boolean."""
    keys = ("stopwords", "domain", "foreign", "negators", "negatable", "unscoped", "triggers")
    lists = [data[key] for key in keys] + [data.get("decline", [])]
    lists += list(data["synonyms"].values())
    for words in lists:
        if not_words := [w for w in words if not isinstance(w, str)]:
            raise KnowledgeError(f"vocabulary: {not_words} are not words (quote them)")
