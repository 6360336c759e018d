"""Spoken question -> concept tokens: one normalisation for example questions and asked ones."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

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
    # Texting spellings of function words, too short for the speller: "shud i", "wat do".
    (r"\b(?:shud|shld|shoud)\b", "should"),
    (r"\b(?:wat|wot|wht)\b", "what"),
    (r"\b(?:cud|culd)\b", "could"),
    (r"\b(?:wud|wuld)\b", "would"),
    (r"\bu\b", "you"),
    (r"\bur\b", "your"),
    (r"\b(?:cuz|coz|cos|bcoz|bcz)\b", "because"),
    (r"\b(?:pls|plz|plis)\b", "please"),
    (r"\bhw\b", "how"),
    (r"\bwen\b", "when"),
    (r"\b(?:abt|bout)\b", "about"),
)
Rewrites = tuple[tuple[re.Pattern[str], str], ...]
Runs = tuple[tuple[re.Pattern[str], Rewrites], ...]


def _runs_of(rewrites: Rewrites, size: int) -> Runs:
    """Rewrites in runs of ``size``, each with the alternation of its patterns (used only to
    search, so the patterns' own groups need not line up)."""
    return tuple(
        (re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in run)), run)
        for run in (rewrites[start : start + size] for start in range(0, len(rewrites), size))
    )


def _apply_runs(runs: Runs, text: str) -> str:
    """Every rewrite, in order; a run none of whose patterns is in the text is skipped whole,
    which changes nothing (one search instead of one substitution per pattern)."""
    for any_of, run in runs:
        if any_of.search(text) is not None:
            for pattern, replacement in run:
                text = pattern.sub(replacement, text)
    return text


# Most texts have none of the texting spellings: two runs, each behind one search.
_CONTRACTION_RUNS = _runs_of(tuple((re.compile(p), r) for p, r in _CONTRACTIONS), 13)
_WORD = re.compile(r"[a-z0-9]+")
# Suffixes stripped by the small stemmer, longest first; the stem must keep 3+ letters.
_SUFFIXES = ("ness", "ing", "ies", "ed", "ly", "s")
_KEEP_DOUBLE = frozenset("lsz")
_INABILITY = frozenset({"can", "could"})
BODY_PART = "bodypart"
# Clause breaks survive clean() as this token (a stopword-like marker, never a concept).
CLAUSE_MARK = "0cl0"
# What a person is ("vegan", "lactose intolerant") rules a food out even in a question; a
# phrase writes it as this marker (never a concept).
STATED_RULE_OUT = "0no0"
_CLAUSE_PUNCT = re.compile(
    r"[,;?!:]+|(?<!\bdr)(?<!\bmr)(?<!\bmrs)(?<!\bst)\.+(?=\s|$)|\s[-\u2013\u2014]+\s"
)
_MARKS = re.compile(rf"(?:^|(?<= )){CLAUSE_MARK}(?: {CLAUSE_MARK})*(?= |$)")
# A ruling-out scope ("i don't drink coffee", "not after meditation tips") ends at the end of
# its clause or at one of these words: what follows is what the person asks about.
_SCOPE_END = frozenset(
    "so but just then what why how when where which still because though although yet only"
    " instead rather except".split()
)
# A new subject starts a new clause said without a pause ("it's not stress i'm pretty
# chilled", "not the pins and needles kind it is numbness"): the ruling out ends before it.
_NEW_SUBJECT = frozenset({"i", "it", "its"})  # "its" as speech writes "it's"
# "it is not X", "can not be X", "not from X": a strong ruling out, whatever else is said.
_STRONG_BEFORE = frozenset("is are was be".split())
_STRONG_AFTER = frozenset("from because due caused mean".split())
# A clause that asks ("how would i know it is not als", "why will not it stop") does not rule
# anything out: the negation is part of the question.
_ASKS = frozenset(
    "what why how when where which who is are am was were do does did can could will would"
    " should must may might has have".split()
)
_LEAD = frozenset("so and but okay ok um uh well then also alexa hey".split())
READER_WORDS = _SCOPE_END | _ASKS | _LEAD | _STRONG_BEFORE | _STRONG_AFTER
SPREAD = "spread"
NO_SIGN = "nosign"
WRITTEN_WORD_WEIGHT = 0.6  # as a plain word (see the matcher's PLAIN_WORD_WEIGHT)
SEVERAL_CAUSES = "severalcauses"
KIN = "kin"
FAMILY = "family"


# Spelling: a word we do not know, of at least this many letters, is read as the closest
# word of our own vocabulary when rapidfuzz's ratio reaches SPELLING_MIN_RATIO (a different
# first letter needs SPELLING_OTHER_START_RATIO: "nueropathy", but not "hamster" for
# "hamstring").
SPELLING_MIN_LENGTH = 5
# Words this long can be read as typed in a hurry (a double or a final g left out).
TYPED_MIN_LENGTH = 4
_VOWELS = "aeiou"
SPELLING_MIN_RATIO = 78.0
# Every true slip in our data sets keeps its first letter; another first letter is mostly a
# different word ("brain" is not "rain", "hanging" not "changing").
SPELLING_OTHER_START_RATIO = 95.0
SPELLING_SHORT_WORD = 5
SPELLING_SHORT_RATIO = 85.0
_SPELLING_CACHE_SIZE = 4096


class Speller:
    """Corrects words against our own vocabulary (rapidfuzz), never against a dictionary of
    English: only the words the knowledge base and vocabulary use can be reached."""

    def __init__(
        self, known: Iterable[str], targets: Iterable[str], joinable: Iterable[str] | None = None
    ) -> None:
        self.known = frozenset(known)
        self.targets = sorted({t for t in targets if len(t) >= SPELLING_MIN_LENGTH - 1})
        self.target_set = frozenset(self.targets)
        # Two words are joined only into one of these ("eye lid"): not into a word that only a
        # phrase pattern spells ("over time" is not "overtime", "i deal" not "ideal").
        self.joinable = self.target_set if joinable is None else frozenset(joinable)
        self._cache: dict[str, str] = {}
        self._closest_cache: dict[str, str | None] = {}

    def word(self, word: str) -> str:
        """``word`` or the vocabulary word it misspells."""
        if word in self.known or not word.isalpha() or len(word) < TYPED_MIN_LENGTH:
            return word
        if len(word) < SPELLING_MIN_LENGTH:
            # Too short for a fuzzy search ("seems" is not "seeds"), but a letter left out of a
            # double ("weks") is the same word typed in a hurry.
            return self._typed(word) or word
        if stem(word) in self.known or self._inflects_known(word):
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

    def _typed(self, word: str) -> str | None:
        """The word typed in a hurry, with the letters of one of ours in their order: a final g
        dropped ("makin", "seein"), one letter of a double left out ("stres", "weks"), or one
        vowel for another or left out ("sleap", "befor"). Another consonant is never a slip of
        this kind, so a real word we do not know keeps its meaning."""
        if word.endswith("in") and self._is_word(word + "g"):
            return word + "g"
        for i, letter in enumerate(word):
            doubled = word[: i + 1] + letter + word[i + 1 :]
            if doubled in self.target_set:
                return doubled
        if len(word) < SPELLING_MIN_LENGTH:
            return None
        found = {
            t
            for t in self._vowel_neighbours(word)
            if t in self.target_set and t[0] == word[0] and not _endings_differ(word, t)
        }
        return found.pop() if len(found) == 1 else None

    @staticmethod
    def _vowel_neighbours(word: str) -> Iterable[str]:
        for i, letter in enumerate(word):
            if letter in _VOWELS:
                yield from (word[:i] + v + word[i + 1 :] for v in _VOWELS if v != letter)
        for i in range(1, len(word) + 1):
            yield from (word[:i] + v + word[i:] for v in _VOWELS)

    def _is_word(self, word: str) -> bool:
        return word in self.target_set or stem(word) in self.known or self._inflects_known(word)

    def _search(self, word: str) -> str | None:
        found = self._typed(word)
        if found is not None:
            return found
        found = self._nearest(word)
        # A sound spelled another way: "atrofy", "nefropathy", "conduckshun", "nerv".
        for spoken, written in _SOUNDS:
            if found is not None:
                break
            # Only a long word is respelled by ear beyond f/ph: a short one, so changed, is
            # mostly another word ("socket" is not "soccer").
            if spoken in word and (spoken == "f" or len(word) >= SOUND_MIN_LENGTH):
                found = self._nearest(word.replace(spoken, written))
        return found

    def _nearest(self, word: str) -> str | None:
        found = process.extractOne(
            word, self.targets, scorer=fuzz.ratio, score_cutoff=SPELLING_MIN_RATIO
        )
        if found is None:
            return None
        target, ratio = found[0], found[1]
        if target[0] != word[0] and ratio < SPELLING_OTHER_START_RATIO:
            return None
        # A slip changes a letter or two, not the word's length ("chemist" is not "chest"),
        # and a short word needs more than one letter in common to change ("house", "horse").
        if abs(len(target) - len(word)) > 1:
            return None
        if len(word) <= SPELLING_SHORT_WORD and ratio < SPELLING_SHORT_RATIO:
            return None
        return None if _endings_differ(word, target) else target

    def text(self, cleaned: str) -> str:
        """Every unknown word corrected. Two neighbours that make one of our words are joined
        ("eye lid"), and two that include an unknown one are also tried as one ("pseudo
        ephedrin")."""
        words = cleaned.split()
        out: list[str] = []
        i = 0
        while i < len(words):
            three = self._three_as_one(words[i : i + 3])
            if three is not None:
                # "electro myo graphy": a long word heard in pieces.
                out.append(three)
                i += 3
                continue
            if i + 1 < len(words):
                first, second = words[i], words[i + 1]
                joined = first + second
                if joined in self.joinable:
                    out.append(joined)
                    i += 2
                    continue
                # Not with a short function word ("amount of" is no "amounts").
                short = min(len(first), len(second)) < _JOIN_MIN_PART
                unknown = self._unknown(first) or self._unknown(second)
                if unknown and joined.isalpha() and not short:
                    fixed = self._closest(joined)
                    if fixed is not None and abs(len(fixed) - len(joined)) <= 2:
                        out.append(fixed)
                        i += 2
                        continue
            out.append(self.word(words[i]))
            i += 1
        return " ".join(out)

    def _three_as_one(self, parts: list[str]) -> str | None:
        """Three neighbours, two of them unknown, that read as one long word of ours."""
        if len(parts) < _THREE or min(len(p) for p in parts) < _JOIN_MIN_PART:
            return None
        if sum(self._unknown(p) for p in parts) < _THREE - 1:
            return None
        joined = "".join(parts)
        if len(joined) < _THREE_MIN_LENGTH or not joined.isalpha():
            return None
        if joined in self.joinable:
            return joined
        fixed = self._closest(joined)
        return fixed if fixed is not None and abs(len(fixed) - len(joined)) <= 2 else None

    def _unknown(self, word: str) -> bool:
        return word not in self.known and stem(word) not in self.known

    def _inflects_known(self, word: str) -> bool:
        """A known word with a regular English ending ("writing" of "write", "sitting" of
        "sit", "connection" of "connect") is a word, not a slip of another one."""
        return any(base in self.known for base in _bases(word))


# A part of two words tried as one misspelled word has at least this many letters.
_JOIN_MIN_PART = 3
# Three pieces heard for one word make one of at least this many letters.
_THREE = 3
_THREE_MIN_LENGTH = 10
_SHARED_ENDINGS = ("ions", "ion", "ing", "ed")


def _endings_differ(word: str, target: str) -> bool:
    """The same ending on both says little: the words must be close without it, or a verb
    becomes another ("staring" is not "staying", "sitting" not "setting", "connection" not
    "conduction")."""
    for ending in _SHARED_ENDINGS:
        if word.endswith(ending) and target.endswith(ending):
            root, other = word[: -len(ending)], target[: -len(ending)]
            return fuzz.ratio(root, other) < SPELLING_MIN_RATIO
    return False


# How a word is spelled by ear: tried, one by one, when the word as written is not close enough.
SOUND_MIN_LENGTH = 8
_SOUNDS = (("f", "ph"), ("kshun", "ction"), ("shun", "tion"), ("ck", "c"), ("k", "c"), ("z", "s"))
# Regular endings and how the base is spelled before them: "-ing" drops an "e" ("write")
# or doubles a consonant ("sit"), "-ion" ends a verb ("connect", "relate").
_ENDINGS = (
    ("ing", ("", "e", "-")),
    ("ed", ("", "e", "-")),
    ("ion", ("", "e")),
    ("er", ("", "e", "-")),
    ("es", ("", "e")),
    ("s", ("",)),
    ("ly", ("",)),
    ("y", ("", "-")),
)


def _bases(word: str) -> Iterable[str]:
    for ending, forms in _ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < 3:
            continue
        root = word[: -len(ending)]
        for form in forms:
            if form == "-":
                if len(root) > 3 and root[-1] == root[-2]:
                    yield root[:-1]
            else:
                yield root + form
    if word.startswith("un") and len(word) > 6:
        yield from (word[2:], *_bases(word[2:]))


# One question is cleaned several times while it is answered (its clauses, its ask, the
# emergency rules): the last few are kept, so each text is cleaned once. Kept small, so it
# holds one question's texts, not a set's.
_CLEAN_CACHE_SIZE = 32


@lru_cache(maxsize=_CLEAN_CACHE_SIZE)
def clean(text: str) -> str:
    """Lower-case, straight apostrophes, contractions expanded, punctuation as spaces."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = _apply_runs(_CONTRACTION_RUNS, text)
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

    phrases: Rewrites
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
    # What a person can rule out ("i don't drink coffee"): dropped from the question and
    # remembered, so the answer leaves it out. "lack" causes (sleep, fluids) are causes by
    # their absence: "no sleep" still asks about sleep; only "it is not sleep" rules it out.
    excludable: frozenset[str] = frozenset()
    lack: frozenset[str] = frozenset()
    core: frozenset[str] = frozenset()  # never ruled out ("never had twitching before")
    # Ruled out only when said not to be it ("not lyme, the other one", "it's not an MRI I
    # mean"), never by a plain negation ("I haven't had an MRI yet, do I need one").
    correctable: frozenset[str] = frozenset()
    kin_history: frozenset[str] = frozenset()  # with a relative: family history
    # Body part (stemmed) -> the area it belongs to: twitching in two places of one area
    # ("my calves and feet", "my back and tummy") is not twitching spreading to unrelated
    # areas, which the article's checklist names.
    regions: Mapping[str, str] = field(default_factory=dict)
    # The warning signs: said absent ("no weakness", "my grip is fine"), they leave a token of
    # their own (NO_SIGN), so a question that rules them out matches the examples that do.
    signs: frozenset[str] = frozenset()
    speller: Speller | None = field(default=None, compare=False)
    # The phrases in runs, each with one pattern that finds any of the run's: a run none of
    # whose phrases is in the text is skipped whole (see ``_rewrite``).
    phrase_runs: Runs = field(default=(), compare=False)

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
        # Each word a phrase writes is a concept as written ("chocolate magnesiumfood" makes
        # "chocolate", never stemmed), except the words it keeps for later rules ("no").
        keep = set(data["stopwords"]) | set(data.get("negators", ()))  # type: ignore[call-overload]
        written = {
            word
            for _, r in phrases
            for word in r.split()
            if " " in r and word.isalpha() and word not in keep and word not in names
        }
        names |= written
        # ... but weighs as a plain word: the meaning is in the class written beside it.
        weights = {word: WRITTEN_WORD_WEIGHT for word in written}
        weights.update(data.get("weights", {}))  # type: ignore[call-overload]
        names |= set(data.get("domain", ()))  # type: ignore[attr-defined]
        return cls(
            phrases,
            canonical,
            frozenset(data["stopwords"]),  # type: ignore[arg-type]
            frozenset(names),
            weights,
            frozenset(data.get("negators", ())),  # type: ignore[arg-type]
            frozenset(data.get("negatable", ())),  # type: ignore[arg-type]
            frozenset(data.get("unscoped", ())),  # type: ignore[arg-type]
            frozenset(data.get("triggers", ())),  # type: ignore[arg-type]
            frozenset(data.get("excludable", ())),  # type: ignore[arg-type]
            frozenset(data.get("lack", ())),  # type: ignore[arg-type]
            frozenset(data.get("core", ())),  # type: ignore[arg-type]
            frozenset(data.get("correctable", ())),  # type: ignore[arg-type]
            frozenset(data.get("kin_history", ())),  # type: ignore[arg-type]
            {
                stem(part): region
                for region, parts in data.get("regions", {}).items()  # type: ignore[attr-defined]
                for part in parts
            },
            frozenset(data.get("symptoms", ())) | {SPREAD},  # type: ignore[call-overload]
            phrase_runs=_runs_of(phrases, PHRASE_RUN),
        )

    def _rewrite(self, text: str) -> str:
        """Every phrase rewritten, in order (in runs: most phrases are not in a question)."""
        if not self.phrase_runs:  # built without runs: the plain loop
            for pattern, replacement in self.phrases:
                text = pattern.sub(replacement, text)
            return text
        return _apply_runs(self.phrase_runs, text)
        for any_of, run in self.phrase_runs:
            if any_of.search(text) is None:
                continue
            for pattern, replacement in run:
                text = pattern.sub(replacement, text)
        return text

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
        reading = self.reading(text)
        return reading.tokens, reading.scoped

    def reading(self, text: str) -> Reading:
        """Tokens, scope concepts, and what the person rules out (see ``excludable``)."""
        text = clean(_CLAUSE_PUNCT.sub(f" {CLAUSE_MARK} ", text.lower()))
        text = _MARKS.sub(CLAUSE_MARK, text).strip()
        text = text.removeprefix(CLAUSE_MARK).removesuffix(CLAUSE_MARK).strip()
        if self.speller is not None:
            text = self.speller.text(text)
        text = self._rewrite(text)
        tokens = []
        scoped = set()
        places = set()
        negating = False  # after "no" / "without", until a word that is not a symptom
        ruling_out = False  # after a negator, until the clause or the scope ends
        strong = False
        correcting = False  # ruling out by correction: "not the MRI", "it is not lyme"
        negated: set[str] = set()
        absent: set[str] = set()  # symptoms said not to be there
        strongly: set[str] = set()
        affirmed: set[str] = set()
        words = text.split()
        # "it's just the twitch, so that's not urgent right": a statement with a question tag
        # asks, so its last clause rules nothing out.
        tagged = _tag_start(words)
        previous = ""
        asking = False  # the clause so far opens with a question word
        opening = True  # no word of the clause read yet (fillers aside)
        for index, word in enumerate(words):
            if word == STATED_RULE_OUT:
                # "for someone who is vegan": a fact about the person, even in a question.
                ruling_out, previous = True, word
                continue
            if word == CLAUSE_MARK:
                negating = ruling_out = strong = correcting = False
                opening, asking = True, False
                previous = word
                continue
            if opening and word not in _LEAD:
                asking = word in _ASKS or index >= tagged
                opening = False
            if (
                word in _SCOPE_END
                or (word in _NEW_SUBJECT and previous not in self.negators)
                or (word == "my" and previous == "and")
            ):
                # "and my eyelid is still going" after "cut out coffee": a new subject.
                ruling_out = strong = correcting = False
            # "can not grip" names a symptom: "not" after can or could negates nothing
            # ("can not be that" does).
            following = words[index + 1] if index + 1 < len(words) else ""
            inability = word == "not" and previous in _INABILITY and following != "be"
            if word in self.negators and not inability and not asking:
                ruling_out = True
                strong = strong or (
                    word == "not"
                    and (
                        previous in _STRONG_BEFORE
                        or following in _STRONG_AFTER
                        or previous in _INABILITY
                    )
                )
                # "not the MRI, ...": a clause that opens with "not" corrects what was said.
                correcting = (
                    correcting or strong or (word == "not" and previous in ("", CLAUSE_MARK))
                )
            previous = word
            if word in self.stopwords or (negating and word in ("or", "nor")):
                continue
            concept = self._concept(word)
            if negating and concept in self.negatable:
                if tokens and tokens[-1] in self.negators:
                    tokens.pop()  # the "no" said nothing else
                absent.add(concept)
                continue  # "no weakness or numbness, just twitching" is not about weakness
            if ruling_out and word not in self.negators and concept not in self.core:
                if concept in self.negatable or concept == BODY_PART:
                    if concept in self.negatable:
                        absent.add(concept)
                    continue  # "it's not my calf, it's my back": one place, not two
                if correcting and concept in self.correctable:
                    strongly.add(concept)
                    if tokens and tokens[-1] in self.negators:
                        tokens.pop()
                    continue
                if concept in self.excludable and (strong or concept not in self.lack):
                    (strongly if strong else negated).add(concept)
                    # What is said last wins: "he said bananas help, but i'm sick of bananas".
                    affirmed.discard(concept)
                    if tokens and tokens[-1] in self.negators:
                        tokens.pop()
                    continue
            elif concept in self.excludable:
                affirmed.add(concept)
                negated.discard(concept)
            negating = word in self.negators and not inability
            tokens.append(concept)
            if word not in self.unscoped:
                scoped.add(concept)
            if concept == BODY_PART:
                places.add(self.regions.get(stem(word), stem(word)))
        if strongly:
            tokens = [t for t in tokens if t not in strongly]
        if len(places) > 1:
            tokens.append(SPREAD)  # twitching in several places is twitching that spreads
        if len(self.triggers.intersection(tokens)) > 1:
            tokens.append(SEVERAL_CAUSES)
        if KIN in tokens and self.kin_history.intersection(tokens):
            tokens.append(FAMILY)  # "my grandad had motor neurone disease": family history
        if absent & self.signs:
            tokens.append(NO_SIGN)
        excluded = frozenset(strongly | (negated - affirmed))
        return Reading(tokens, scoped, excluded, frozenset(strongly), frozenset(absent))


# Question tags that end a statement and make it a question.
_TAGS = (
    ("right",),
    ("correct",),
    ("yeah",),
    ("eh",),
    ("innit",),
    ("is", "not", "it"),
    ("is", "it"),
    ("are", "not", "they"),
    ("yes",),
)


def _tag_start(words: list[str]) -> int:
    """Where the clause that ends in a question tag starts, or past the end when none does."""
    for tag in _TAGS:
        if len(words) > len(tag) and tuple(words[-len(tag) :]) == tag:
            end = len(words) - len(tag)
            start = max((i for i, w in enumerate(words[:end]) if w == CLAUSE_MARK), default=-1)
            return start + 1
    return len(words)


@dataclass(frozen=True, slots=True)
class Reading:
    tokens: list[str]
    scoped: set[str]
    excluded: frozenset[str]  # the concepts the person ruled out
    # ... of which those said not to be it ("it's not stress"): a statement about causes.
    strongly: frozenset[str] = frozenset()
    # Warning signs said to be absent ("no weakness, nothing spreading"): the answer for a
    # person without them is the calmer one (a topic's variant without them).
    absent: frozenset[str] = frozenset()


# Phrases per run: fewer runs mean fewer searches, shorter ones fewer phrases tried one by one
# when one of them is in the text (measured on the FAQ sets: 12 to 16 is about the fastest).
PHRASE_RUN = 12


def bigrams(tokens: Iterable[str]) -> list[str]:
    """Adjacent pairs, so words said together weigh a little more.

    A pair is unordered: "twitchy muscles" and "muscle twitches" say the same thing.
    """
    items = list(tokens)
    return ["_".join(sorted(pair)) for pair in zip(items, items[1:], strict=False)]
