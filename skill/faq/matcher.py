"""Free text -> the best knowledge-base topic, or no match.

Matching is lexical on the topics' example questions: both sides go through the
same normalisation (phrases, synonyms, a small stemmer; see text.py), then
TF-IDF cosine over concept unigrams and bigrams. A topic's score mixes its best
single example with its centroid and with its answer text, so one lucky example
cannot win alone, a new phrasing that shares words with several examples still
scores, and the topic that actually talks about what was asked gets a lift.

Scope is decided before ranking: a question must name a domain concept
(twitches, muscles, nerves, the named conditions, the self-care topics), must
not be about dosing, and must not be about another condition; only then does
the score threshold apply.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from skill.faq.knowledge import Topic, load_topics, load_vocabulary_data
from skill.faq.question import LONG_SPAN, claim_check, clauses, question_clause
from skill.faq.text import (
    BODY_PART,
    NO_SIGN,
    READER_WORDS,
    SEVERAL_CAUSES,
    Speller,
    Vocabulary,
    bigrams,
    clean,
)

# A phrase pattern's plain words, for the speller; not "apps" of "apps?" (it would join "app is").
_LITERAL = re.compile(r"(?<![\\?])\b[a-z]{4,}\b(?!\?)")

BIGRAM_WEIGHT = 0.5
# A topic's score: its best example, the centroid of all its examples, and its own
# answer and facts (which name the things the topic is really about).
BEST_EXAMPLE_SHARE = 0.55
CENTROID_SHARE = 0.25
PROFILE_SHARE = 0.20
MIN_SCORE = 0.30
# Questions that also name something the knowledge base does not cover need a strong match.
FOREIGN_MIN_SCORE = 0.60
# A follow-up that only refers back ("how long does it last?") is read with the previous
# topic's name added, and needs a stronger match than a question that stands alone.
CONTEXT_MIN_SCORE = 0.45
# A follow-up whose own words match a topic this well stands alone when nothing of the topic
# before fits it.
FOLLOW_UP_STANDS_ALONE = 0.55
# ... and must carry a concept of its own ("how long", "treat", "serious"; "play it" has none).
FOLLOW_UP_OWN_MIN_SCORE = 0.15
_REFERS_BACK = re.compile(r"\b(?:it|its|that|this|they|them|those|these)\b")
# "i don't want to take any tablets": not a question about doses.
_NOT_TAKING = re.compile(
    r"\b(?:do not|don't|dont|not|never|no longer|rather not)(?: \w+){0,2} (?:take|taking|use|using)"
    r" (?:any )?(?:\w+ ){0,2}(?:pills?|tablets?|capsules?|supplements?|medicines?|medication)\b"
    # "i'm not on any tablets": what the person does not take, no question of an amount.
    r"|\b(?:not|never|no longer) on (?:any )?(?:\w+ )?"
    r"(?:pills?|tablets?|medicines?|medication|meds)\b"
)
# Words never seen in any example still count against a match (as fairly rare words).
UNSEEN_IDF_SHARE = 0.6
# Plain words (not a curated concept of vocabulary.yaml) weigh less: a rare filler word
# shared with one example ("watch", "usually") must not outvote the concept asked about.
PLAIN_WORD_WEIGHT = 0.6

Vector = dict[str, float]


class Outcome(Enum):
    ANSWER = "answer"
    OUT_OF_SCOPE = "out_of_scope"  # not about twitches at all, or another condition
    DOSING = "dosing"  # asks for an amount of a medicine or supplement
    UNSURE = "unsure"  # on topic, but no answer fits well enough


@dataclass(frozen=True, slots=True)
class Result:
    outcome: Outcome
    topic: Topic | None = None
    score: float = 0.0
    answer: str | None = None  # a variant of the topic's answer that leaves out what was ruled out
    # The question names a checklist sign (a twitch that won't stop, spreading, weakness):
    # a plain "no, don't worry" would overstate it.
    caution: bool = False
    # What the answer itself says of the feature asked about ("does BFS come with cramps":
    # "yes", it names cramps; "does BFS cause weakness": "no", it says it does not).
    said: str | None = None
    # How many points of the article's checklist the question says apply to the person.
    checklist_points: int = 0
    # The question asks about treatment and the answer says twitches go away on their own.
    settles: bool = False


# Ruled-out concepts: the best topic whose answer does not mention them (or has a variant that
# leaves them out) wins, among the topics this close to the best.
EXCLUSION_MARGIN = 0.15
# Choices and comparisons ("is it stress or caffeine", "does BFS cause muscle wasting"): among
# the topics this close to the best, the one whose answer covers most of the named concepts.
COVERAGE_SHARE = 0.5  # of the best score
COVERAGE_ALL_SHARE = 0.3  # of the best score, for a topic that covers every item
# "which" is a choice only as "which one", "which of", "which is ..." ("which foods give me
# potassium" asks for a list).
_CONTRAST = re.compile(
    r"\b(?:or|vs|versus|than|different|difference|compared?|better(?! now)(?<!get better)"
    r"(?<!gets better)(?<!getting better)(?<!feel better)|worse(?<!get worse)(?<!gets worse)"
    r"(?<!getting worse)"
    r"|which(?: one| ones| of| is| are| matters| helps| works| s))\b"
)
# A story ("so um I've had this twitch in my calf for ten days ... is that normal"): the clause
# that asks is read twice, so it weighs over the narrative, which still counts.
STORY_MIN_WORDS = 16
# A story about a twitch spreads its weight over the whole narrative, so its best match scores
# lower than a short question's would: it needs a little less to be answered.
STORY_MIN_SCORE = 0.24
# A follow-up ("and the tests, what are they", "so what foods then") is read with the topic
# answered before: its words are added, and it and its related topics weigh in.
FOLLOW_UP_MAX_WORDS = 12
# ... or longer when it opens like one and names nothing of our own ("and what if it has spread
# to my other leg and my arm as well").
FOLLOW_UP_LEAD_MAX_WORDS = 18
FOLLOW_UP_PREVIOUS_BONUS = 0.20
_KINDS = frozenset({"disease", "cause", "food", "test"})
FOLLOW_UP_RELATED_BONUS = 0.10
_FOLLOW_UP_LEAD = re.compile(
    r"^(?:and|so|then|but|also|ok|okay|what about|how about|what if|and if|or|which|do they"
    r"|does it|is it|is that|are they|can it|will it)\b"
)
# Ruling out an everyday cause and asking for the others: answers that list at least this many
# other everyday causes get this much more.
CAUSE_LIST_MIN = 2
OTHERS_BONUS = 0.15
# A question naming a narrow subject (the eye) prefers an answer about it this close to the best.
NARROW_MARGIN = 0.1
_ONLY_CAUSE = re.compile(r"\bonly (?:cause|reason|trigger|thing)|\b(?:one|single) cause")
# Said absent, these say nothing of twitching ("no problem with coffee", "no pain").
_GENERIC_ABSENT = frozenset({"pain", "problem", "worse"})
# Who an answer sends a person to: named again in a follow-up, still the answer's subject.
_CARERS = frozenset({"doctor", "neurologist"})
# How long it has gone on: a week or days is short, weeks or months past two weeks are long.
_SHORT_SPAN = re.compile(
    r"\b(?:a|one|1|about a|just a|for a|over a) week\b|\b(?:a|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|few|couple of|couple|[1-9]|1[0-3]) days?\b"
)
_WHEN_TO_GO = re.compile(r"\b(?:how soon|how quickly|how fast|when|how long)\b")
_GOING = re.compile(r"\b(?:go|going|get (?:it |them )?(?:checked|seen|looked at)|book in)\b")
_POINTS_BACK = re.compile(r"\b(?:it|that|this|the same|same thing|those|them)\b")
# An ask that says nothing of its own but points back ("is that a thing", "what's that
# called"), or asks what to do ("what now").
_EMPTY_ASK = frozenset({"define", "cause", "action"})
# What a long span is said of: a twitch, or self care that did not help.
_GOING_ON = frozenset({"twitch", "nohelp"})
# A kind of thing asked for ("what sort of conditions"): a subject of the question's own.
_ASKED_KINDS = frozenset({"disease"})
# A follow-up whose own words match another topic this much better than the one before asks
# something new ("what about if my hand feels numb too" after the warning signs).
STANDS_APART_MARGIN = 0.15
# "what were his symptoms" after the article's example: someone the answer before spoke of.
_THIRD_PERSON = re.compile(r"\b(?:he|him|his|she|her|hers)\b")
STANDS_APART_MIN_SCORE = CONTEXT_MIN_SCORE
# Asking how to do something ("how to reduce", "how can i cut down").
_HOW_TO = re.compile(r"\bhow (?:to|do i|can i|should i|do you|can you|would i)\b")
# An answer saying twitches go away without anything done.
_SETTLES = re.compile(
    r"\bgo(?:es)? away (?:on (?:its|their) own|by (?:itself|themselves)|without (?:any )?"
    r"treatment)|\bsettle (?:by themselves|on their own)|\bresolve on their own"
)
# The checklist's points a question can say (speech or swallowing and a long span counted
# apart, see ``_checklist_points``).
_CHECKLIST = frozenset({"family", "weak", "wasting", "spread", "numb"})
# Said of a twitch that goes on, or of self care that did not help.
_GOING_ON_SIGNS = frozenset({"persist", "nohelp"})
# Causes beside the everyday triggers a person can name after ruling one out.
_OTHER_CAUSES = frozenset({"decongestant"})
# Asked of a list ("which of those is the most common"): the answer before is what it asks of.
_OF_A_LIST = frozenset({"mostcommon"})
# A clause that only says a sign is absent ("i've got no weakness", "no numbness at all").
_ABSENT_ONLY = re.compile(
    r"(?:(?:though|although|but|and) )?(?:i (?:have )?(?:got |had )?|there is |i feel )?"
    r"(?:no|not any|never had any|without)"
    r" (?:\w+ ){0,2}(?:weakness|numbness|tingling|wasting|pain|other symptoms?)(?: at all)?"
)
# What someone said, reported: the claim a "could he be right" checks.
_REPORTS = re.compile(
    r"\b(?:reckons?|says?|said|thinks?|thought|told|tells|swears?|believes?|reckoned"
    r"|claims?|claimed|insists?|read|heard)\b"
)
_ELSE = re.compile(r"\b(?:else|other|another|instead|apart from)\b")


def _features(tokens: list[str], vocabulary: Vocabulary) -> Counter[str]:
    counts: Counter[str] = Counter()
    for token in tokens:
        weight = 1.0 if token in vocabulary.concept_names else PLAIN_WORD_WEIGHT
        counts[token] += vocabulary.weights.get(token, weight)
    for pair in bigrams(tokens):
        counts[pair] += BIGRAM_WEIGHT
    return counts


def _normalised(vector: Vector) -> Vector:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {k: w / norm for k, w in vector.items()} if norm else {}


def _inverted(vectors: Iterable[Vector]) -> dict[str, list[tuple[int, float]]]:
    """feature -> [(vector position, weight)], so a query only visits what it shares."""
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for position, vector in enumerate(vectors):
        for feature, weight in vector.items():
            index[feature].append((position, weight))
    return index


class Matcher:
    """Built once from the topics and vocabulary; ``assess`` is pure and fast."""

    def __init__(self, topics: Iterable[Topic], vocabulary: dict[str, Any]) -> None:
        self.topics = tuple(topics)
        self.vocabulary = Vocabulary.from_data(vocabulary)
        # Word lists go through the same normalisation as questions (stems, synonyms).
        self._domain = self._concept_set(vocabulary["domain"])
        self._foreign = self._concept_set(vocabulary["foreign"])
        self._decline = self._concept_set(vocabulary.get("decline", ()))
        # Word lists are read as written; questions (and examples) through the speller too.
        self.vocabulary = replace(self.vocabulary, speller=self._speller(self.topics, vocabulary))
        # Names of conditions the list above does not know ("tendonitis", "anaemia"),
        # recognised by their medical endings.
        endings = "|".join(vocabulary["foreign_endings"])
        self._foreign_name = re.compile(rf"[a-z]{{3,}}(?:{endings})")
        self._dosing = tuple(re.compile(p) for p in vocabulary["dosing"])
        examples = [
            (index, self._features(q))
            for index, topic in enumerate(self.topics)
            for q in topic.questions
        ]
        df: Counter[str] = Counter(f for _, feats in examples for f in feats)
        n = len(examples)
        self._idf = {f: math.log((n + 1) / (c + 1)) + 1.0 for f, c in df.items()}
        self._unseen_idf = (math.log(n + 1) + 1.0) * UNSEEN_IDF_SHARE
        self._example_topic = [topic_index for topic_index, _ in examples]
        example_vectors = [_normalised(self._weigh(feats)) for _, feats in examples]
        self._example_index = _inverted(example_vectors)
        self._centroid_index = _inverted(self._centroids(example_vectors))
        excludable = self.vocabulary.excludable
        self._mentions = {t.id: frozenset(self.vocabulary.concepts(t.answer)) for t in self.topics}
        self._mentions_excludable = {k: v & excludable for k, v in self._mentions.items()}
        members = vocabulary.get("members", {})
        # What an answer covers in a choice: what it names, and the members of a class it names
        # in general (an answer about one member, "magnesium is one of the electrolytes", does
        # not cover the others).
        self._covers = {
            k: v | {m for c in v & set(members) if not v & set(members[c]) for m in members[c]}
            for k, v in self._mentions.items()
        }
        self._key = frozenset(vocabulary.get("key_concepts", ())) | excludable
        # An item written with its class ("chocolate magnesiumfood"): the class is the side
        # of a choice, so one food is not counted as two sides.
        self._items = frozenset(
            word
            for _, output in vocabulary["phrases"]
            for word in output.split()[:-1]
            if output.split()[-1] in self._key
        )
        self._conditions = frozenset(vocabulary.get("conditions", ()))
        self._by_id = {t.id: t for t in self.topics}
        # The warning signs a person rarely says "fine" about (speech, swallowing often are).
        self._signs = frozenset({"weak", "wasting", "numb"})
        self._narrow = frozenset({"eye"})
        # The narrow subject a topic is about: named in at least half of its examples (the
        # eyelid answers), not just named in its answer (a list of places).
        self._about = {
            t.id: frozenset(
                n
                for n in self._narrow
                if sum(n in self.vocabulary.concepts(q) for q in t.questions) * 2
                >= len(t.questions)
            )
            for t in self.topics
        }
        # ... and speech and swallowing said to get worse, the signs an answer must speak to
        # ("my speech is getting slurred over weeks, what should i do" is no self care question;
        # "my speech is fine" is no sign).
        self._warnings = self._signs | {"slur", "swallow", "speech"}
        # Subjects of one kind: a follow-up naming one asks about it instead of the one before.
        self._kinds = (
            self._conditions,
            self.vocabulary.triggers,
            frozenset({"emg", "mri", "ncs", "bloodwork", "bloodtest", "test"}),
            frozenset({"potassium", "magnesium", "calcium", "electrolyte"}),
        )
        # A subject asked about in its own right ("which food for magnesium").
        self._specific = (
            frozenset(vocabulary.get("key_concepts", ())) - self._signs - {"onesided"}
        ) | {"food", "test", "magnesiumfood", "potassiumfood", "calciumfood"}
        # A warning sign, or self care not helping: what a question naming causes is about.
        self._alarms = self._concept_set(vocabulary.get("symptoms", ())) | {
            "spread",
            "nohelp",
            "persist",
            "worse",
            "weeks",
        }
        # What a yes/no question can ask of a topic: a symptom, an everyday cause, a food.
        self._askable = (
            (excludable | self.vocabulary.negatable | {"cramp", "numb"})
            - self._conditions
            - {"serious", "problem", "worse"}
        )
        self._answer_readings: dict[str, Any] = {}
        # Checklist signs named in a question (not "worse after coffee", not "a week").
        self._cautions = self._signs | {"persist", "spread", "nohelp", "family", "onesided"}
        # What a follow-up can name as its own subject ("and the tests", "and magnesium").
        self._subjects = (self._key - self._concept_set(vocabulary.get("symptoms", ()))) | {
            "test",
            "food",
            "neurologist",
            "doctor",
            "tworule",
            "autoimmune",
            "mosturgent",
        }
        self._profile_index = _inverted(
            _normalised(self._weigh(self._features(self._profile(t)))) for t in self.topics
        )

    @staticmethod
    def _speller(topics: tuple[Topic, ...], vocabulary: dict[str, Any]) -> Speller:
        """Misspellings are corrected towards the words we use: the vocabulary's lists and
        phrases, and the words of the topics' examples, answers and facts."""
        keys = ("domain", "foreign", "unscoped", "triggers", "decline")
        lists = [vocabulary.get(key, []) for key in keys]
        lists += list(vocabulary["synonyms"].values())
        words = {clean(w) for words in lists for w in words}
        texts = [q for t in topics for q in t.questions]
        texts += [" ".join((t.answer, t.follow_up or "", *t.facts)) for t in topics]
        words |= {w for text in texts for w in clean(text).split()}
        literals = {w for pattern, _ in vocabulary["phrases"] for w in _LITERAL.findall(pattern)}
        targets = {w for w in words | literals if w.isalpha()}
        # ... and the words the reader itself goes by ("though" ends a ruling out).
        known = targets | set(vocabulary["stopwords"]) | set(vocabulary["negators"]) | READER_WORDS
        return Speller(known, targets, joinable={w for w in words if w.isalpha()})

    def _centroids(self, example_vectors: list[Vector]) -> list[Vector]:
        sums: list[Vector] = [defaultdict(float) for _ in self.topics]
        for topic_index, vector in zip(self._example_topic, example_vectors, strict=True):
            for feature, weight in vector.items():
                sums[topic_index][feature] += weight
        return [_normalised(total) for total in sums]

    def _concept_set(self, words: Iterable[str]) -> frozenset[str]:
        return frozenset(c for word in words for c in self.vocabulary.concepts(word))

    @staticmethod
    def _profile(topic: Topic) -> str:
        return " ".join((topic.answer, *topic.facts))

    @staticmethod
    def _dot(query: Vector, index: dict[str, list[tuple[int, float]]]) -> dict[int, float]:
        scores: dict[int, float] = defaultdict(float)
        for feature, q_weight in query.items():
            for key, weight in index.get(feature, ()):
                scores[key] += q_weight * weight
        return scores

    def _features(self, text: str) -> Counter[str]:
        return _features(self.vocabulary.concepts(text), self.vocabulary)

    def _weigh(self, feats: Counter[str]) -> Vector:
        return {f: c * self._idf.get(f, self._unseen_idf) for f, c in feats.items()}

    def rank(self, question: str) -> list[tuple[float, Topic]]:
        """Every topic that shares a feature with the question, best first."""
        return self._rank(self.vocabulary.concepts(question))

    def _rank(self, tokens: list[str]) -> list[tuple[float, Topic]]:
        """``rank`` on concept tokens already read (normalising is most of the work)."""
        query = _normalised(self._weigh(_features(tokens, self.vocabulary)))
        best: dict[int, float] = defaultdict(float)
        example_topic = self._example_topic
        for example_id, score in self._dot(query, self._example_index).items():
            topic_index = example_topic[example_id]
            if score > best[topic_index]:
                best[topic_index] = score
        centroid = self._dot(query, self._centroid_index)
        profile = self._dot(query, self._profile_index)
        scored = [
            (
                BEST_EXAMPLE_SHARE * best[i]
                + CENTROID_SHARE * centroid.get(i, 0.0)
                + PROFILE_SHARE * profile.get(i, 0.0),
                self.topics[i],
            )
            for i in set(best) | set(centroid) | set(profile)
        ]
        return sorted(scored, key=lambda pair: pair[0], reverse=True)

    def assess(self, question: str, context: Topic | None = None) -> Result:
        """Decide scope first, then the best topic if it clears the threshold.

        ``context`` is the topic answered just before, for follow-ups that refer back to it.
        """
        reading = self.vocabulary.reading(question)
        tokens, excluded = reading.tokens, reading.excluded
        # "no coffee, so what else": it is about causes; "it hasn't spread, is that good": a
        # warning sign said absent is what the question is about.
        scoped = reading.scoped | excluded
        if reading.absent - _GENERIC_ABSENT:
            scoped = scoped | {"twitch"}
        if "eye" in excluded and BODY_PART in tokens:
            # "not my eyelid, it's my thumb that won't quit": a twitch moved to another place.
            scoped = scoped | {"twitch"}
            tokens = [*tokens, "twitch"]
        cleaned = clean(question)
        story = len(cleaned.split()) >= STORY_MIN_WORDS
        # The ask of a story (its asking point) and the part read twice (the ask when it
        # names a subject, else its whole clause), each read once.
        asking = cleaned
        ask_tokens = asked = tokens
        if story:
            asking, ask_tokens, asked = self._asking(question, tokens)
        # In a story, "why" is asked in the ask ("she laughs because ..." tells).
        asks_why = {"why", "cause"} & set(ask_tokens if story else tokens)
        # "not coffee, but I take a decongestant, could that be it": another cause named
        # asks about that one, not the others.
        named = set(tokens) & _OTHER_CAUSES - excluded
        # "cut out coffee three weeks ago and it's still going, what now": past the checklist's
        # two weeks with the cause gone, the question is what next, not the other causes.
        outlasting = bool(_GOING_ON_SIGNS & set(tokens)) and LONG_SPAN.search(cleaned) is not None
        others = (
            bool(excluded & self.vocabulary.triggers)
            and not (named or outlasting)
            and bool(
                _ELSE.search(cleaned) or asks_why or reading.strongly & self.vocabulary.triggers
            )
        )
        if others:
            # Ruling out an everyday cause and asking what else (or why), or saying "it's not
            # the gym", asks for the others: a question about the causes of twitching, whatever
            # words it uses.
            tokens = [*tokens, "cause", "twitch", SEVERAL_CAUSES]
            scoped = scoped | {"twitch"}
        if story:
            tokens = tokens + asked
        concepts = set(tokens)
        if concepts & self._decline:
            return Result(Outcome.OUT_OF_SCOPE)
        follows = context is not None and self._follows_up(cleaned, scoped, excluded)
        if not scoped & self._domain and not follows:
            return Result(Outcome.OUT_OF_SCOPE)
        if self._doses(question):
            return Result(Outcome.DOSING)
        # In a story, something else said in passing ("my mother is diabetic and she has
        # twitching ... is it serious") is background; only the asking clause can name it.
        foreign = self._names_something_else(set(ask_tokens))
        if foreign and "twitch" not in concepts:
            return Result(Outcome.OUT_OF_SCOPE)
        if follows and context is not None:
            if not concepts & self.vocabulary.concept_names and not excluded:
                return Result(Outcome.OUT_OF_SCOPE)
            ranked = self._rank_follow_up(tokens, cleaned, context)
            leaning = self._leans_on(tokens, cleaned)
            if _ASKED_KINDS & set(tokens):
                # "what sort of conditions are we talking about": the answers that name them.
                ranked = self._favour_conditions(ranked)
            when_to_go = self._asks_when_to_go(tokens, cleaned, context)
            apart = None if when_to_go else self._stands_apart(tokens, cleaned, context)
            if apart is not None:
                ranked, leaning = apart, False
            elif when_to_go:
                # "how soon should i see the specialist" after an answer that sends the person
                # to one: its own advice on when.
                top = ranked[0][0] if ranked else MIN_SCORE
                others = [p for p in ranked if p[1] is not context]
                ranked = [(max(top, MIN_SCORE), context), *others]
                leaning = True
            elif leaning:  # "how long do i do it for": the topic before, or one of its own
                family = [p for p in ranked if p[1].id == context.id or p[1].id in context.related]
                if family and family[0][0] >= MIN_SCORE:
                    ranked = family
                elif (own := self._rank(tokens)) and own[0][0] >= FOLLOW_UP_STANDS_ALONE:
                    # "what are they called, medically" after the causes: nothing of the topic
                    # before fits, and the question's own words point clearly elsewhere.
                    ranked, leaning = own, False
                else:
                    # "which of those is easiest": nothing else fits, so the topic it points at.
                    ranked = [(MIN_SCORE, context)]
            if not scoped & self._domain and not excluded:
                own = self._rank(tokens)
                # "which of those is the most common": a concept no example says, asked of the
                # list the answer before gave, is about that answer.
                of_before = leaning and bool(set(tokens) & _OF_A_LIST)
                if (not own or own[0][0] < FOLLOW_UP_OWN_MIN_SCORE) and not of_before:
                    return Result(Outcome.OUT_OF_SCOPE)
                least = MIN_SCORE if leaning else CONTEXT_MIN_SCORE
                if (not ranked or ranked[0][0] < least) and own[0][0] >= CONTEXT_MIN_SCORE:
                    # "which one is the most urgent" after a list of patterns: the question's
                    # own words match well, whatever the topic before was.
                    ranked = own
                if not ranked or ranked[0][0] < least:
                    return Result(Outcome.OUT_OF_SCOPE)
        else:
            ranked = self._rank(tokens)
        if others or (excluded and _ELSE.search(cleaned)):
            ranked = self._favour_alternatives(ranked, excluded, others)
        elif _ONLY_CAUSE.search(cleaned):
            ranked = self._cause_lists_first(ranked, frozenset(concepts & self.vocabulary.triggers))
        elif "action" in concepts and concepts & _GOING_ON and LONG_SPAN.search(cleaned):
            # "three weeks, i tried everything, what now", "a month of it, what should i do":
            # past the checklist's two weeks, the answers that send the person to a doctor; so
            # too "it didn't get better after four weeks of it, now what".
            ranked = self._favour_carers(ranked)
        elif "serious" in ask_tokens and self._calm_causes(concepts, cleaned):
            # "... living on cold brew and five hours of sleep, and my calf flutters, is that
            # something to worry about": the reassuring answers that name those causes.
            ranked = self._reassuring_first(ranked, concepts)
        elif self._plain_self_care(concepts, cleaned):
            # "coffee and four hours of sleep, what can I change", "my eyelid has jumped for
            # three days, what should i do": the answers that name the everyday causes (the
            # self care) together, unless a warning sign or a twitch self care did not settle is
            # in the question; when it asks about a subject of its own ("which food for
            # magnesium", "do I need electrolytes"), the answers that name that subject.
            ranked = self._favour_subject(ranked, set(asked) & self._specific, excluded)
        relief = self._relief(concepts, cleaned, context if follows else None)
        if relief is not None and ranked:
            # "i'm stressed and it's been twitching all week, what should i do", "what can i do
            # to calm it down" after stress: the self care for that one cause.
            ranked = [(ranked[0][0], relief), *(p for p in ranked if p[1] is not relief)]
        if not ranked:
            return Result(Outcome.UNSURE)
        score, topic = ranked[0]
        if foreign and score < FOREIGN_MIN_SCORE:
            return Result(Outcome.OUT_OF_SCOPE, score=score)
        if score < (STORY_MIN_SCORE if story and "twitch" in concepts else MIN_SCORE):
            return Result(Outcome.UNSURE, score=score)
        key = concepts & self._key - {"serious"} - self._items  # a worry is not a side
        # A choice is put in the clause that asks: "nothing changed with my diet, sleep or
        # stress, but it spread now" lists what is not the matter.
        contrast = _CONTRAST.search(asking) is not None
        if contrast:  # "exercise or dehydration": everyday causes can be the choice too
            key |= concepts & self.vocabulary.triggers
        if len(key) > 1 and (contrast or key & self._conditions):
            score, topic = self._covering(ranked, key)
        score, topic = self._warning_first(ranked, (score, topic), concepts)
        score, topic = self._speaking_to(ranked, (score, topic), concepts & self._narrow)
        answer = None
        if excluded:
            score, topic, answer = self._leaving_out(ranked, (score, topic), excluded)
        if answer is None and reading.absent:
            answer = topic.answer_without(reading.absent)
        cautions = concepts & self._cautions
        if _SHORT_SPAN.search(cleaned) and not LONG_SPAN.search(cleaned):
            cautions = cautions - {"persist"}  # "hanging around for a few days" is no sign
        caution = bool(cautions)
        said = self._said(concepts, answer or topic.answer)
        points = self._checklist_points(concepts, cleaned)
        # "do most twitches need treatment": an answer saying they go away on their own says no.
        settles = "treat" in concepts and _SETTLES.search(answer or topic.answer) is not None
        return Result(Outcome.ANSWER, topic, score, answer, caution, said, points, settles)

    @staticmethod
    def _checklist_points(concepts: set[str], cleaned: str) -> int:
        """How many points of the article's checklist the question says apply: twitching past
        two weeks, muscle loss, weakness, spreading, speech or swallowing, coordination, and a
        relative with a neuromuscular disease. Two or more mean a neurologist promptly."""
        points = len(concepts & _CHECKLIST)
        if concepts & {"slur", "swallow"}:
            points += 1
        if LONG_SPAN.search(cleaned) and not _SHORT_SPAN.search(cleaned) and "twitch" in concepts:
            points += 1
        return points

    def _favour_carers(self, ranked: list[tuple[float, Topic]]) -> list[tuple[float, Topic]]:
        """The calm answers that still send the person to a doctor (not the warning signs'
        own answers, when no warning sign was said) weigh more."""

        def sends(topic: Topic) -> bool:
            return bool(self._mentions[topic.id] & _CARERS) and topic.stance("worry") != "yes"

        scored = [(s + OTHERS_BONUS if sends(t) else s, t) for s, t in ranked]
        return sorted(scored, key=lambda pair: pair[0], reverse=True)

    def _relief(self, concepts: set[str], cleaned: str, context: Topic | None) -> Topic | None:
        """The topic that is the self care for the one everyday cause named (or, in a
        follow-up naming none, the one the answer before was about), when the question asks
        what to do and names no warning sign."""
        # "what should i do", or "how do i reduce the stress part".
        acting = "action" in concepts or ("reduce" in concepts and _HOW_TO.search(cleaned))
        if not acting or not self._calm_causes(concepts, cleaned, need_cause=False):
            return None
        causes = concepts & self.vocabulary.triggers
        if not causes and context is not None:
            causes = set(self.vocabulary.concepts(context.id.replace("_", " ")))
            causes &= self.vocabulary.triggers
        if len(causes) != 1 or concepts & self._specific - causes:
            return None  # "forget the sleep advice, what foods should i eat": foods asked
        return next((t for t in self.topics if causes <= t.relieves), None)

    def _calm_causes(self, concepts: set[str], cleaned: str, *, need_cause: bool = True) -> bool:
        """Everyday causes named (unless not ``need_cause``), no condition and no warning sign
        (a few days is none)."""
        if need_cause and not concepts & self.vocabulary.triggers or concepts & self._conditions:
            return False
        alarms = concepts & self._alarms
        if not LONG_SPAN.search(cleaned):
            alarms = alarms - {"weeks", "persist"}
        return not alarms

    def _reassuring_first(
        self, ranked: list[tuple[float, Topic]], concepts: set[str]
    ) -> list[tuple[float, Topic]]:
        """The close answers that say it is usually harmless, and name the most of the
        everyday causes said, come first (one about a narrow subject, the eye, only when the
        question is about it)."""
        if not ranked:
            return ranked
        floor = ranked[0][0] * COVERAGE_ALL_SHARE
        named = concepts & self.vocabulary.triggers

        def reassures(topic: Topic) -> bool:
            mentions = self._mentions[topic.id]
            if self._about[topic.id] & self._narrow - concepts:
                return False
            return (
                "harmless" in mentions and topic.stance("worry") == "no" and bool(mentions & named)
            )

        calm = [p for p in ranked[:12] if p[0] >= floor and reassures(p[1])]
        if not calm:
            return ranked
        best = max(calm, key=lambda p: (len(self._mentions[p[1].id] & named), p[0]))
        # It answers the question as well as the closest did (the question matched that well).
        return [(ranked[0][0], best[1]), *(p for p in ranked if p is not best)]

    def _plain_self_care(self, concepts: set[str], cleaned: str) -> bool:
        """Several everyday causes named, or "what should i do" asked, with no warning sign:
        a question self care answers. A week or a few days of twitching is no warning sign
        (the checklist's is over two weeks)."""
        # "what should i do" of a twitch (not "what can i do to relieve stress").
        acting = "action" in concepts and "twitch" in concepts
        if SEVERAL_CAUSES not in concepts and not acting or "improvetime" in concepts:
            return False  # "how long until it gets better" asks about time, not what to change
        if "serious" in concepts and concepts & self._conditions:
            return False  # "worried it's motor neurone disease, what should i do": that worry
        alarms = concepts & self._alarms
        if _SHORT_SPAN.search(cleaned) and not LONG_SPAN.search(cleaned):
            alarms = alarms - {"weeks", "persist"}  # "three days", "all day on my laptop"
        return not alarms

    def _asking(
        self, question: str, story: list[str] | None = None
    ) -> tuple[str, list[str], list[str]]:
        """(the part read twice, the ask's tokens and its own) of a story. The ask is the asking
        point of a run-on sentence; it is read twice when it names a subject of its own ("...
        could the coffee be doing that"), else its whole clause is, whose story is what a
        bare "what should i do" asks about."""
        clause = question_clause(question, tail=False)
        tail = question_clause(question)
        told = self.vocabulary.reading(tail)
        subjects = self._domain | self._key
        # "... but i've got no weakness, what should i do": a sign said absent is no subject.
        asked = set(told.tokens) - {NO_SIGN}
        # "my mate reckons it's dehydration, could he be right": a claim checked is the claim.
        checks = claim_check(tail)
        if (asked <= _EMPTY_ASK or checks) and (
            _POINTS_BACK.search(tail) or asked == {"action"} or checks
        ):
            # "... someone said B12. is that a thing", "... the one that checks the electrical
            # activity, what's that called": what "that" is, is said just before the ask; so
            # is what a bare "what now" asks about.
            before = self._clause_before(question, clause, claimed=checks)
            if before:
                clause = f"{before} {clause}"
                told = self.vocabulary.reading(clause)
                twice = self._with_story_conditions(told.tokens, story, not checks)
                return clause, told.tokens, twice
        points_back = _POINTS_BACK.search(tail) is not None
        if tail == clause or told.scoped & subjects:
            return tail, told.tokens, self._with_story_conditions(told.tokens, story, points_back)
        whole = self.vocabulary.reading(clause).tokens
        # "... and my dad has parkinsons, could it be the same thing": an ask that points back
        # is about what the story named, so the story's other conditions count in it.
        ask = whole if points_back else told.tokens
        return clause, ask, self._with_story_conditions(whole, story, points_back)

    def _with_story_conditions(
        self, read: list[str], story: list[str] | None, points_back: bool
    ) -> list[str]:
        """``read``, and when the ask points back ("... got a tick bite ..., and I'm tired all
        the time, could those be linked"), the conditions named anywhere in the story: they
        are what "those" links."""
        if not points_back or not story:
            return read
        return read + [c for c in dict.fromkeys(story) if c in self._conditions and c not in read]

    @staticmethod
    def _clause_before(question: str, clause: str, *, claimed: bool = False) -> str | None:
        """The clause said just before ``clause``, if any; with ``claimed``, the last clause
        before it that reports what someone said ("my sister reckons ..., and now ..., is she
        right"), when one does."""
        parts = clauses(question)
        if clause not in parts:
            return None
        index = parts.index(clause)
        # "... worried it's motor neurone disease, but i've got no weakness, what should i do":
        # a clause that only says a sign is absent tells what the worry is not; the one
        # before it says what it is.
        while index > 1 and _ABSENT_ONLY.fullmatch(parts[index - 1]):
            index -= 1
        if claimed:
            for part in reversed(parts[:index]):
                if _REPORTS.search(part):
                    return part
        return parts[index - 1] if index > 0 else None

    def _favour_alternatives(
        self, ranked: list[tuple[float, Topic]], excluded: frozenset[str], causes: bool
    ) -> list[tuple[float, Topic]]:
        """Something ruled out and "what else": the topics that offer the alternatives weigh
        more. For an everyday cause ("not coffee, so why"), those that list the other causes
        and can leave it out; for anything else ("yoga is not for me, what else"), those that
        name it among others and have a way of saying the rest without it."""

        conditions = excluded & self._conditions

        def offers(topic: Topic) -> bool:
            if causes:
                return self._lists_others(topic, excluded)
            if conditions:  # "it isn't lyme, so what else": the answers naming other conditions
                return len(self._mentions[topic.id] & self._conditions - excluded) >= CAUSE_LIST_MIN
            clash = self._mentions_excludable[topic.id] & excluded
            return bool(clash) and topic.answer_without(clash) is not None

        scored = [(s + OTHERS_BONUS if offers(t) else s, t) for s, t in ranked]
        return sorted(scored, key=lambda pair: pair[0], reverse=True)

    def _warning_first(
        self, ranked: list[tuple[float, Topic]], chosen: tuple[float, Topic], concepts: set[str]
    ) -> tuple[float, Topic]:
        """A warning sign said ("and now it's in my shoulder and I drop things, is it just
        stress") outranks an everyday cause: when the chosen answer says nothing about the
        signs named, a close answer that does is given instead."""
        signs = concepts & (self._warnings if "worse" in concepts else self._signs)
        if not signs or self._mentions[chosen[1].id] & signs:
            return chosen  # the answer speaks to it ("BFS does not cause weakness")
        if concepts & self._conditions & self._mentions[chosen[1].id] - {"bfs"}:
            return chosen  # "tingling and tired, could it be low B12": the condition asked about
        floor = chosen[0] * COVERAGE_SHARE
        for pair in ranked[:8]:
            if pair[0] >= floor and self._warns(pair[1], signs):
                return pair
        return chosen

    def _speaking_to(
        self, ranked: list[tuple[float, Topic]], chosen: tuple[float, Topic], narrow: set[str]
    ) -> tuple[float, Topic]:
        """A question about the eye ("will cutting caffeine stop my eye twitching") is
        answered by an answer about the eye when one is about as close as the general one."""
        if not narrow or self._covers[chosen[1].id] & narrow:
            return chosen
        for pair in ranked[:6]:
            if pair[0] >= chosen[0] - NARROW_MARGIN and self._covers[pair[1].id] & narrow:
                return pair
        return chosen

    def _said(self, concepts: set[str], answer: str) -> str | None:
        """ "no" when the answer says the feature asked about is not there, "yes" when it names
        every one, else None (the topic's own stance)."""
        asked = concepts & self._askable
        if not asked:
            return None
        reading = self._answer_readings.get(answer)
        if reading is None:
            reading = self.vocabulary.reading(answer)
            self._answer_readings[answer] = reading
        if asked & reading.absent:
            return "no"
        return "yes" if asked <= set(reading.tokens) else None

    def _warns(self, topic: Topic, signs: set[str]) -> bool:
        """The topic treats one of ``signs`` as a reason to act (its answer to "is it serious"
        is yes), not as something to watch for."""
        return bool(self._mentions[topic.id] & signs) and topic.stance("worry") == "yes"

    def _favour_subject(
        self, ranked: list[tuple[float, Topic]], subject: set[str], excluded: frozenset[str]
    ) -> list[tuple[float, Topic]]:
        if not subject:
            return self._favour_alternatives(ranked, excluded, True)
        scored = [(s + OTHERS_BONUS if self._covers[t.id] & subject else s, t) for s, t in ranked]
        return sorted(scored, key=lambda pair: pair[0], reverse=True)

    def _cause_lists_first(
        self, ranked: list[tuple[float, Topic]], named: frozenset[str]
    ) -> list[tuple[float, Topic]]:
        """ "Is stress the only cause": an answer about that one cause is the wrong answer, so
        the close answers that list the others come first."""
        if not ranked:
            return ranked
        floor = ranked[0][0] * COVERAGE_SHARE
        lists = [p for p in ranked if p[0] >= floor and self._lists_others(p[1], named)]
        return lists + [p for p in ranked if p not in lists] if lists else ranked

    def _lists_others(self, topic: Topic, excluded: frozenset[str]) -> bool:
        triggers = self._mentions[topic.id] & self.vocabulary.triggers
        if len(triggers - excluded) < CAUSE_LIST_MIN:
            return False
        clash = self._mentions_excludable[topic.id] & excluded
        return not clash or topic.answer_without(clash) is not None

    def _doses(self, question: str) -> bool:
        lowered = _NOT_TAKING.sub(" ", question.lower())
        return any(p.search(lowered) for p in self._dosing)

    def _follows_up(self, cleaned: str, scoped: set[str], excluded: frozenset[str]) -> bool:
        """Short, and leaning on what was said before: no domain word of its own, a lead
        word ("and", "so", "what about"), a word that refers back, or asking for another."""
        # A longer one that names something of our own ("and how long should i keep it up
        # before i see a doctor") stands on its own.
        lead = _FOLLOW_UP_LEAD.search(cleaned) is not None and not scoped & self._domain
        if len(cleaned.split()) > (FOLLOW_UP_LEAD_MAX_WORDS if lead else FOLLOW_UP_MAX_WORDS):
            return False
        return bool(
            not scoped & self._domain
            or _FOLLOW_UP_LEAD.search(cleaned)
            or _REFERS_BACK.search(cleaned)
            or _ELSE.search(cleaned)
            or excluded
        )

    def _kinship(self, topic: Topic, related: set[str], narrow: set[str]) -> float:
        """What ties ``topic`` to the topic before weighs: related, and more so the same narrow
        subject (an eye twitch still going is a question about the eye)."""
        tie = FOLLOW_UP_RELATED_BONUS if topic.id in related else 0.0
        return tie + (OTHERS_BONUS if self._covers[topic.id] & narrow else 0.0)

    def _favour_conditions(self, ranked: list[tuple[float, Topic]]) -> list[tuple[float, Topic]]:
        """The answers that name several of the conditions weigh more."""

        def names(topic: Topic) -> bool:
            return len(self._mentions[topic.id] & self._conditions) >= CAUSE_LIST_MIN

        scored = [(s + OTHERS_BONUS if names(t) else s, t) for s, t in ranked]
        return sorted(scored, key=lambda pair: pair[0], reverse=True)

    def _stands_apart(
        self, tokens: list[str], cleaned: str, context: Topic
    ) -> list[tuple[float, Topic]] | None:
        """The question's own ranking, when it asks something new of the topic before: its
        own words match another topic clearly (a new sign named after a list of signs), or it
        says the twitch outlasts the checklist's weeks after an answer that sends nobody to a
        doctor ("and what if it goes on for more than two weeks" after the self care steps:
        the answers that do). None when the topic before still counts."""
        if "persist" in tokens and LONG_SPAN.search(cleaned):
            if not self._mentions[context.id] & _CARERS:
                # Its related topics, and those about the same narrow subject (the eye), first.
                related = set(context.related)
                narrow = self._covers[context.id] & self._narrow
                others = [
                    (s + self._kinship(t, related, narrow), t)
                    for s, t in self._rank(tokens)
                    if t is not context
                ]
                return self._favour_carers(others) or None
        if _REFERS_BACK.search(cleaned) or _THIRD_PERSON.search(cleaned):
            return None  # "does it make the muscles weak", "what were his symptoms": the same
        own = self._rank(tokens)
        if not own or own[0][1] is context or own[0][0] < STANDS_APART_MIN_SCORE:
            return None
        before = next((score for score, topic in own if topic is context), 0.0)
        return own if own[0][0] >= before + STANDS_APART_MARGIN else None

    def _asks_when_to_go(self, tokens: list[str], cleaned: str, context: Topic) -> bool:
        """Asks when (or how soon) to see the doctor the previous answer sends the person to,
        naming no other subject."""
        if not self._mentions[context.id] & _CARERS:
            return False
        # "the specialist" after "see a neurologist": the one it named, in other words.
        named = set(tokens) & self._subjects
        # "and how fast should i go": going is going to the one it named.
        going = bool(named) or _GOING.search(cleaned) is not None
        return going and named <= _CARERS and _WHEN_TO_GO.search(cleaned) is not None

    def _leans_on(self, tokens: list[str], cleaned: str) -> bool:
        """Refers back ("it", "those") and names no subject of its own, nor asks for another:
        the question is about the topic before or one of its related topics, no other."""
        return (
            _REFERS_BACK.search(cleaned) is not None
            and not set(tokens) & self._subjects
            and _ELSE.search(cleaned) is None
        )

    def _rank_follow_up(
        self, tokens: list[str], cleaned: str, context: Topic
    ) -> list[tuple[float, Topic]]:
        """The question with the previous topic's subject added; its related topics weigh in,
        and so does the previous topic itself when the question names no subject of its own
        ("over how many days", "does it make the muscles weak") and does not ask for another."""
        subjects = self._domain | self._key
        extra = [c for c in self.vocabulary.concepts(context.id.replace("_", " ")) if c in subjects]
        # "and what about an MRI" after the EMG: a subject of the same kind replaces the one
        # before rather than joining it.
        named = set(tokens)
        extra = [
            c for c in extra if not any(c in kind and named & kind - {c} for kind in self._kinds)
        ]
        ranked = self._rank(tokens + extra)
        # "how soon should i see the specialist" after an answer that sends the person to one:
        # the doctor it named is no subject of the question's own, the timing is its advice.
        subjects = self._subjects | _ASKED_KINDS
        own = set(tokens) & subjects - (self._mentions[context.id] & _CARERS)
        own_subject = bool(own)
        previous_counts = not own_subject and _ELSE.search(cleaned) is None
        related = set(context.related)
        # "what other conditions", "any other causes": another of its kind, not the same one.
        another = _ELSE.search(cleaned) is not None and bool(set(tokens) & _KINDS)
        scored = []
        for score, topic in ranked:
            if topic.id == context.id and another:
                continue
            if topic.id == context.id and previous_counts:
                score += FOLLOW_UP_PREVIOUS_BONUS
            elif topic.id in related:
                score += FOLLOW_UP_RELATED_BONUS
            scored.append((score, topic))
        return sorted(scored, key=lambda pair: pair[0], reverse=True)

    def _covering(self, ranked: list[tuple[float, Topic]], key: set[str]) -> tuple[float, Topic]:
        best = ranked[0][0]
        # A topic covering every item of the choice ("MS or ALS", "bananas or nuts") is a
        # candidate even further down: the close ones each answer only one side.
        close = [
            (s, t)
            for s, t in ranked[:12]
            if s >= best * COVERAGE_SHARE
            or (s >= best * COVERAGE_ALL_SHARE and key <= self._covers[t.id])
        ]
        return max(close, key=lambda pair: (len(self._covers[pair[1].id] & key), pair[0]))

    def _leaving_out(
        self,
        ranked: list[tuple[float, Topic]],
        chosen: tuple[float, Topic],
        excluded: frozenset[str],
    ) -> tuple[float, Topic, str | None]:
        """The chosen topic if its answer does not mention what was ruled out, or its variant
        that leaves it out; else the next close topic that manages either."""
        best = chosen[0]
        candidates = [chosen] + [
            pair for pair in ranked[:8] if pair[1] is not chosen[1] and pair[0] >= MIN_SCORE
        ]
        for score, topic in candidates:
            if score < best - EXCLUSION_MARGIN:
                break
            clash = self._mentions_excludable[topic.id] & excluded
            if not clash:
                return score, topic, None
            variant = topic.answer_without(clash)
            if variant is not None:
                return score, topic, variant
        return chosen[0], chosen[1], None

    def _names_something_else(self, concepts: set[str]) -> bool:
        """Another condition or subject the knowledge base does not cover."""
        if concepts & self._foreign:
            return True
        plain = concepts - self.vocabulary.concept_names
        return any(self._foreign_name.fullmatch(word) for word in plain)

    def match(self, question: str) -> Topic | None:
        """The best topic for ``question``, or None when it is out of scope or unclear."""
        return self.assess(question).topic


def default_matcher() -> Matcher:
    return Matcher(load_topics(), load_vocabulary_data())
