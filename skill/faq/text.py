"""Spoken question -> concept tokens: one normalisation for example questions and asked ones."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

_CONTRACTIONS = (
    (r"\bcan't\b|\bcannot\b", "can not"),
    (r"\bwon't\b", "will not"),
    (r"n't\b", " not"),
    (r"'re\b", " are"),
    (r"'ve\b", " have"),
    (r"'ll\b", " will"),
    (r"'d\b", " would"),
    (r"'m\b", " am"),
    (r"\b(what|where|how|who|that|there|it|he|she)'s\b", r"\1 is"),
    # Speech recognition often drops the apostrophe.
    (r"\b(?:cant)\b", "can not"),
    (r"\b(?:wont)\b", "will not"),
    (r"\b(do|does|did|is|are|was|were|could|would|should|have|has)nt\b", r"\1 not"),
    (r"\b(what|where|how|who|that)s\b", r"\1 is"),
    (r"\bim\b", "i am"),
    (r"\bive\b", "i have"),
)
_WORD = re.compile(r"[a-z0-9]+")
# Suffixes stripped by the small stemmer, longest first; the stem must keep 3+ letters.
_SUFFIXES = ("ness", "ing", "ies", "ed", "ly", "s")
_KEEP_DOUBLE = frozenset("lsz")
_INABILITY = frozenset({"can", "could"})
BODY_PART = "bodypart"
SPREAD = "spread"
SEVERAL_CAUSES = "severalcauses"


# Spelling: a word we do not know, of at least this many letters, is read as the closest
# word of our own vocabulary when rapidfuzz's ratio reaches SPELLING_MIN_RATIO (a different
# first letter needs SPELLING_OTHER_START_RATIO: "nueropathy", but not "hamster" for
# "hamstring").
SPELLING_MIN_LENGTH = 5
SPELLING_MIN_RATIO = 78.0
SPELLING_OTHER_START_RATIO = 88.0
_SPELLING_CACHE_SIZE = 4096


class Speller:
    """Corrects words against our own vocabulary (rapidfuzz), never against a dictionary of
    English: only the words the knowledge base and vocabulary use can be reached."""

    def __init__(self, known: Iterable[str], targets: Iterable[str]) -> None:
        self.known = frozenset(known)
        self.targets = sorted({t for t in targets if len(t) >= SPELLING_MIN_LENGTH - 1})
        self.target_set = frozenset(self.targets)
        self._cache: dict[str, str] = {}
        self._closest_cache: dict[str, str | None] = {}

    def word(self, word: str) -> str:
        """``word`` or the vocabulary word it misspells."""
        if len(word) < SPELLING_MIN_LENGTH or word in self.known or not word.isalpha():
            return word
        if stem(word) in self.known:
            return word
        cached = self._cache.get(word)
        if cached is None:
            cached = self._closest(word) or word
            if len(self._cache) < _SPELLING_CACHE_SIZE:
                self._cache[word] = cached
        return cached

    def _closest(self, word: str) -> str | None:
        if word in self._closest_cache:
            return self._closest_cache[word]
        found = self._search(word)
        if len(self._closest_cache) < _SPELLING_CACHE_SIZE:
            self._closest_cache[word] = found
        return found

    def _search(self, word: str) -> str | None:
        found = process.extractOne(
            word, self.targets, scorer=fuzz.ratio, score_cutoff=SPELLING_MIN_RATIO
        )
        if found is None:
            return None
        target, ratio = found[0], found[1]
        if target[0] != word[0] and ratio < SPELLING_OTHER_START_RATIO:
            return None
        return target

    def text(self, cleaned: str) -> str:
        """Every unknown word corrected. Two neighbours that make one of our words are joined
        ("eye lid"), and two that include an unknown one are also tried as one ("pseudo
        ephedrin")."""
        words = cleaned.split()
        out: list[str] = []
        i = 0
        while i < len(words):
            if i + 1 < len(words):
                first, second = words[i], words[i + 1]
                joined = first + second
                if joined in self.target_set:
                    out.append(joined)
                    i += 2
                    continue
                if (self._unknown(first) or self._unknown(second)) and joined.isalpha():
                    fixed = self._closest(joined)
                    if fixed is not None and abs(len(fixed) - len(joined)) <= 2:
                        out.append(fixed)
                        i += 2
                        continue
            out.append(self.word(words[i]))
            i += 1
        return " ".join(out)

    def _unknown(self, word: str) -> bool:
        return word not in self.known and stem(word) not in self.known


def clean(text: str) -> str:
    """Lower-case, straight apostrophes, contractions expanded, punctuation as spaces."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    for pattern, replacement in _CONTRACTIONS:
        text = re.sub(pattern, replacement, text)
    return " ".join(_WORD.findall(text.replace("'", " ")))


def stem(word: str) -> str:
    """A deliberately small suffix stripper: enough to join plurals and verb forms."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                continue
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            if suffix in ("ing", "ed") and len(word) > 3 and word[-1] == word[-2]:
                if word[-1] not in _KEEP_DOUBLE:
                    word = word[:-1]  # running -> run
            break
    # A final silent e goes so cause/causes/caused meet at "caus".
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


@dataclass(frozen=True)
class Vocabulary:
    """The rewriting rules of vocabulary.yaml, compiled once."""

    phrases: tuple[tuple[re.Pattern[str], str], ...]
    canonical: Mapping[str, str]
    stopwords: frozenset[str]
    concept_names: frozenset[str]  # tokens produced by a phrase or synonym rule
    weights: Mapping[str, float]  # concepts weighing more or less than 1.0
    negators: frozenset[str] = frozenset()  # "no weakness": the symptom is not there
    negatable: frozenset[str] = frozenset()  # the symptom concepts a negator removes
    # Everyday words that stand for a concept but never make a question about twitches on
    # their own: "a flat tyre" is not a flattened muscle, "unclog a drain" is not drained.
    unscoped: frozenset[str] = frozenset()
    triggers: frozenset[str] = frozenset()  # everyday causes; two or more -> SEVERAL_CAUSES
    speller: Speller | None = field(default=None, compare=False)

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> Vocabulary:
        phrases = tuple(
            (re.compile(rf"\b(?:{pattern})\b"), replacement)
            for pattern, replacement in data["phrases"]  # type: ignore[attr-defined]
        )
        canonical: dict[str, str] = {}
        for concept, words in data["synonyms"].items():  # type: ignore[attr-defined]
            for word in words:
                canonical[word] = concept
        # Stems too, so forms not listed ("meditating", "vibrations") reach their concept.
        # Short stems are skipped: "tir" would make a tyre tired.
        for word, concept in list(canonical.items()):
            if len(stem(word)) >= 4:
                canonical.setdefault(stem(word), concept)
        names = {r for _, r in phrases if r} | set(canonical.values())
        names |= set(data.get("domain", ()))  # type: ignore[attr-defined]
        return cls(
            phrases,
            canonical,
            frozenset(data["stopwords"]),  # type: ignore[arg-type]
            frozenset(names),
            dict(data.get("weights", {})),  # type: ignore[call-overload]
            frozenset(data.get("negators", ())),  # type: ignore[arg-type]
            frozenset(data.get("negatable", ())),  # type: ignore[arg-type]
            frozenset(data.get("unscoped", ())),  # type: ignore[arg-type]
            frozenset(data.get("triggers", ())),  # type: ignore[arg-type]
        )

    def _concept(self, word: str) -> str:
        if word in self.canonical:
            return self.canonical[word]
        if word in self.concept_names:
            return word  # already a concept (a phrase's output): never stem it
        return self.canonical.get(stem(word)) or stem(word)

    def concepts(self, text: str) -> list[str]:
        """The ordered concept tokens of ``text`` (stopwords dropped)."""
        return self.read(text)[0]

    def read(self, text: str) -> tuple[list[str], set[str]]:
        """The concept tokens of ``text``, and those that can put it in scope."""
        text = clean(text)
        if self.speller is not None:
            text = self.speller.text(text)
        for pattern, replacement in self.phrases:
            text = pattern.sub(replacement, text)
        tokens = []
        scoped = set()
        places = set()
        negating = False  # after "no" / "without", until a word that is not a symptom
        previous = ""
        for word in text.split():
            # "can not grip" names a symptom: "not" after can or could negates nothing.
            inability = word == "not" and previous in _INABILITY
            previous = word
            if word in self.stopwords or (negating and word in ("or", "nor")):
                continue
            concept = self._concept(word)
            if negating and concept in self.negatable:
                if tokens and tokens[-1] in self.negators:
                    tokens.pop()  # the "no" said nothing else
                continue  # "no weakness or numbness, just twitching" is not about weakness
            negating = word in self.negators and not inability
            tokens.append(concept)
            if word not in self.unscoped:
                scoped.add(concept)
            if concept == BODY_PART:
                places.add(stem(word))
        if len(places) > 1:
            tokens.append(SPREAD)  # twitching in several places is twitching that spreads
        if len(self.triggers.intersection(tokens)) > 1:
            tokens.append(SEVERAL_CAUSES)
        return tokens, scoped


def bigrams(tokens: Iterable[str]) -> list[str]:
    """Adjacent pairs, so words said together weigh a little more.

    A pair is unordered: "twitchy muscles" and "muscle twitches" say the same thing.
    """
    items = list(tokens)
    return ["_".join(sorted(pair)) for pair in zip(items, items[1:], strict=False)]
