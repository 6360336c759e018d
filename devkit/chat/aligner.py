"""Tolerant alignment of a typed line with sample templates, as a statistical NLU would.

A template is a sample utterance cut into literal words and ``{slot}`` references. A
line aligns with it at a cost: a literal word said costs nothing; a filler or hedge
("um", "like", "i think") left over costs little; any other word left over, or a
literal word not said, costs more; a slot costs what its value costs (a known value
nothing, words outside the slot's type more, see ``SlotFiller``). The cheapest
alignment over every candidate template wins if it is cheap enough for the line's
length. Nothing here knows an intent: templates, slot types and values all come from
the interaction model.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from devkit.chat.slot_values import DURATION_UNIT_WORDS, parse_number

# Words people add that carry no meaning for an intent. Multi-word ones are skipped as
# a unit. Generic to spoken English, not to any intent.
FILLERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(phrase.split())
    for phrase in (
        "um", "uh", "er", "erm", "hmm", "mm", "like", "so", "hey", "okay", "ok", "well",
        "just", "again", "please", "actually", "basically", "alexa", "oh", "yeah", "right so",
        "anyway", "kinda", "literally", "really", "eh", "mate", "now", "then", "and", "also",
        "too", "though", "honestly", "yo", "hi", "hello", "kindly", "quickly", "you know",
        "i think", "i guess", "i mean", "i reckon", "i suppose", "kind of", "sort of",
        "a bit", "a little", "pretty", "very", "bloody", "totally", "super", "thanks",
        "thank you", "no worries", "by the way", "for me", "real quick", "for the record",
        "just to say", "just so you know", "if you can", "if you could", "you see",
        "as well", "right now", "at the moment", "on and off", "a lot", "a bunch",
        "most of the time", "all the time", "these days", "lately", "recently", "usually",
        "generally", "normally", "typically", "in general", "mostly", "ever since",
        # Articles come and go in speech ("which spot twitched the most").
        "the",
    )
)  # fmt: skip
FILLER_COST = 0.1
COMING_AND_GOING = frozenset({("on", "and", "off", "for"), ("off", "and", "on", "for")})
EXTRA_WORD_COST = 1.0
# A story's lead-in ("so i was on the train home and ...") and an afterthought at the
# end cost less than words in the middle of what the template says.
LEAD_IN_WORD_COST = 0.4
AFTERTHOUGHT_WORD_COST = 0.5
# Words before a time that make it a span or a part of that time ("all morning", "the
# whole day").
# ("late afternoon", "early morning": a part of the time, no "late night" trigger.)
SPAN_WORDS = frozenset({"all", "whole", "the", "late", "early", "mid"})
STARTED_SINCE = "since"
# Words that say a time is when the twitching began, whatever clause is before them.
STARTED = frozenset({"started", "began", "begun", "start", "starting", "kicked"})
# Words that open what caused something ("after staring at screens all morning").
CAUSE_OPENERS = frozenset({"after", "because", "due", "from"})
# Words that hedge an amount ("slept only four hours", "like two hours"); not "about" or
# "around", which as often start the twitch's own duration after a clause without a comma
# ("... the lift was not working, around twenty seconds").
AMOUNT_HEDGES = frozenset("only just like maybe barely a good solid full".split())
GUESS_HEDGES = frozenset({"maybe", "probably", "roughly"})  # not "like": "working like ten hours"


def _bare_number(said: Sequence[str]) -> bool:
    return parse_number(" ".join(said)) is not None


def ends_a_guessed_amount(words: Sequence[str], at: int) -> bool:
    """Whether ``words[at]`` ends an amount guessed as "<unit> or <number>" ("a minute or
    two", "ten seconds or so"): part of that amount, no clock time and no cause."""
    return (
        at >= 2
        and words[at - 1] == "or"
        and words[at - 2] in DURATION_UNIT_WORDS
        and (words[at] == "so" or parse_number(words[at]) is not None)
    )


# How many words back an amount may still measure a doing ("sitting at my desk for ..."),
# the words that end that reach (a subject, the twitch going on), and verbs too light to
# be a doing of their own ("it kept going for a few seconds").
DOING_REACH = 4
OWN_LENGTH_OPENERS = frozenset({"about", "around", "roughly", "approximately"})
AMOUNT_STOPS = frozenset("i we it that which they lasted kept".split())
LIGHT_DOINGS = frozenset("going doing having getting being feeling been had kept got".split())
# How a twitch is named after "of" in "two minutes of twitching".
TWITCH_STEMS = ("twitch", "flicker", "spasm", "jump", "flutter", "pulsing", "tick", "buzz")
# Words before an amount that make it a rate ("every two hours", "each minute").
FREQUENCY_WORDS = frozenset({"every", "each", "per"})
MISSING_LITERAL_COST = 1.2
RIVAL_CARRIER_COST = 1.0
EXTRA_SLOT_COST = 0.25
SUBSTITUTE_COST = 0.15
FOREIGN_OPENER_COST = 1.6
MAX_SLOT_WORDS = 7
# What a value in new words costs less when a cause's carrier opens it ("after ...").
CARRIED_VALUE_DISCOUNT = 0.2
CAUSE_CARRIERS = frozenset({"after", "because", "due", "thanks"})
# A word of a line-ending question past MAX_SLOT_WORDS: less than the word left over at
# the end (AFTERTHOUGHT_WORD_COST), about what a lead-in word costs another reading.
LONG_PHRASE_WORD_COST = 0.35
# An intent whose samples follow a first word only with these opens with it only as a
# request ("can you ...", "could i ..."): the same word before anything else opens a
# question ("can stress cause ..."). ANY marks a slot or an end after the first word.
REQUEST_FRAME = frozenset({"you", "i"})
ANY = "{}"
# log(1 + templates / templates with the word): below this a word is in about a third of
# all templates ("my", "i") and is left out of choosing candidates.
COMMON_WORD_WEIGHT = 1.4


@dataclass(frozen=True)
class Template:
    intent: str
    tokens: tuple[tuple[bool, str], ...]  # (is_slot, word or slot name)
    literals: frozenset[str] = frozenset()
    slot_names: frozenset[str] = frozenset()

    @classmethod
    def of(cls, intent: str, tokens: tuple[tuple[bool, str], ...]) -> Template:
        literals = frozenset(word for is_slot, word in tokens if not is_slot)
        slot_names = frozenset(word for is_slot, word in tokens if is_slot)
        return cls(intent, tokens, literals, slot_names)

    def core(self) -> tuple[str, tuple[tuple[bool, str], ...]]:
        """The template without its single-word fillers: templates that differ only in
        those align alike (fillers cost little either way), so one of them is enough."""
        return self.intent, tuple(t for t in self.tokens if t[0] or (t[1],) not in FILLERS)


@dataclass(frozen=True)
class RivalWords:
    """Words said right before, and right after, a slot's rival and never beside the slot."""

    before: frozenset[str] = frozenset()
    after: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lexicon:
    """What the samples teach about words, beyond whole sentences.

    ``substitutes``: intent -> word -> words said in its place in another sample that is
    otherwise the same ("delete my last entry" / "scrap my last entry"), as a grammar's
    alternatives are. ``distinctive``: words that belong to one intent's samples only;
    left over, they cost in full even in a lead-in, since they say which intent is meant.
    ``openers``: word -> the intents whose samples start with it. A line that starts with
    another intent's opener and none of this one's ("why ...", "does ...") is unlikely to
    mean this intent, so skipping that first word costs more.
    """

    substitutes: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)
    distinctive: frozenset[str] = frozenset()
    openers: Mapping[str, frozenset[str]] = field(default_factory=dict)  # word -> intents
    # (intent, first word) -> the words its samples say second ("can" -> "you"); ANY when
    # a slot or nothing follows.
    seconds: Mapping[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    telling: Mapping[str, str] = field(default_factory=dict)  # value word -> its one intent
    # intent -> its amount slots (durations), and the words of its list slots' values: an
    # amount said right after such a word ("slept only four hours", "running for an hour")
    # measures that, not what the intent records.
    amount_slots: Mapping[str, frozenset[str]] = field(default_factory=dict)
    amount_owners: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # intent -> the doings its list slots' values name ("sitting", "slept"), sample words
    # or not: a doing a few words before an amount may be what it measures.
    amount_doings: Mapping[str, frozenset[str]] = field(default_factory=dict)
    moment_slots: Mapping[str, frozenset[str]] = field(default_factory=dict)  # times, dates
    clause_words: Mapping[str, frozenset[str]] = field(default_factory=dict)  # list values
    # intent -> slot -> the words said right before or after another slot of the same type
    # and never beside this one ("since" before {since}, not {date}; "ago" after {ago}, not
    # {duration}): that word says the other slot is meant, so a value read into this slot
    # beside it costs more.
    rival_carriers: Mapping[str, Mapping[str, RivalWords]] = field(default_factory=dict)
    # intent -> slot -> a one-word value -> the words that, said before it, make it the end
    # of another slot's value ("right" before "side": the side said, not the flank).
    value_tails: Mapping[str, Mapping[str, Mapping[str, frozenset[str]]]] = field(
        default_factory=dict
    )

    def rivalled(self, intent: str, slot: str, words: Sequence[str], start: int, end: int) -> float:
        """The toll for reading ``slot`` in ``words[start:end]`` beside another slot's
        carrier, or as the last word of another slot's value."""
        tails = self.value_tails.get(intent, {}).get(slot, {})
        # ("my right side" is a place on the right: whose it is says it is one.)
        owned = start > 1 and words[start - 2] in POSSESSIVES
        if start > 0 and words[start - 1] in tails.get(words[start], ()) and not owned:
            return RIVAL_CARRIER_COST
        rivals = self.rival_carriers.get(intent, {}).get(slot)
        if rivals is None:
            return 0.0
        said_before = start > 0 and words[start - 1] in rivals.before
        said_after = end < len(words) and words[end] in rivals.after
        return RIVAL_CARRIER_COST if said_before or said_after else 0.0

    def claimed(self, intent: str, slot: str, words: Sequence[str], at: int) -> bool:
        """Whether an amount slot's value starting at ``at`` belongs to the value word
        before it ("slept only four hours") rather than to the intent's own slot."""
        if slot not in self.amount_slots.get(intent, frozenset()):
            return False
        owners = self.amount_owners.get(intent, frozenset())
        back = at - 1
        # "every two hours", "once a minute": how often, not how long anything lasted.
        if back >= 0 and words[back] in FREQUENCY_WORDS:
            return True
        # Seconds measure a twitch, never a doing ("while i was typing, for like twenty
        # seconds"): nobody names a cause by the seconds they spent on it.
        unit = next((w for w in words[at : at + 4] if w in DURATION_UNIT_WORDS), None)
        if unit in ("second", "seconds"):
            return False
        hedges: set[str] = set()
        while back >= 0 and words[back] in AMOUNT_HEDGES:
            hedges.add(words[back])
            back -= 1
        # A guess ("after lifting, maybe ten seconds") is how long the twitch lasted; only
        # "for" or an amount's own hedge ("slept only four hours") ties it to the doing.
        if hedges and hedges <= GUESS_HEDGES and (back < 0 or words[back] != "for"):
            return False
        said_for = back >= 0 and words[back] == "for"
        if said_for:
            back -= 1
            while back >= 0 and words[back] in AMOUNT_HEDGES:
                back -= 1
        # "after (footy) training, two minutes": a doing named as the cause ("after", "from")
        # is a thing done; an amount after it without "for" is how long the twitch went on.
        said_for = said_for or (at < len(words) and words[at] == "for")
        between = words[max(0, back - 2) : back]
        cause = not CAUSE_OPENERS.isdisjoint(between) and not SUBJECTS.intersection(between)
        hedged = bool(hedges) or (at < len(words) and words[at] in AMOUNT_HEDGES - {"a"})
        if not said_for and cause and not hedged:
            return False
        # An amount measures a doing ("running for an hour", "not slept for two days"),
        # not a thing ("after my run for two minutes" is the twitch's, "under the pump"),
        # also with the doing's object or moment between ("sitting at my desk for like ten
        # hours", "slept very less last night, only three hours"); the twitch said between
        # them takes the amount ("after running my calf twitched for two minutes").
        doings = self.amount_doings.get(intent, frozenset()) - LIGHT_DOINGS
        # "... carrying the shopping, about ten seconds": "about" opens the twitch's own
        # length as often as not, so only a doing right before it takes the amount.
        opened = not OWN_LENGTH_OPENERS.isdisjoint(words[max(0, at - 1) : at + 1])
        reach = 0 if opened else DOING_REACH
        for word in words[max(0, back - reach) : back + 1][::-1]:
            if (word in owners or word in doings) and word.endswith(("ing", "ed", "pt")):
                return True
            if word.startswith(TWITCH_STEMS) or word in CLAUSE_WORDS or word in AMOUNT_STOPS:
                return False
        return False

    def measures_what_follows(self, intent: str, slot: str, words: Sequence[str], end: int) -> bool:
        """Whether an amount slot's value ending at ``end`` measures the thing after it ("a
        few hours of gardening", "six hours of sleep"), not the twitch, which "two minutes of
        twitching" still does."""
        if slot not in self.amount_slots.get(intent, frozenset()):
            return False
        if end + 1 >= len(words) or words[end] != "of":
            return False
        return not words[end + 1].startswith(TWITCH_STEMS)

    def attached(self, intent: str, slot: str, words: Sequence[str], at: int) -> bool:
        """Whether a time or date slot's value starting at ``at`` is said inside a list
        slot's clause ("after staring at screens all morning", "after the gym this
        morning"): when the line gives that slot another value, or speaks of now, that one
        is the intent's (see ``_unattached``)."""
        if slot not in self.moment_slots.get(intent, frozenset()):
            return False
        values = self.clause_words.get(intent, frozenset())
        for back in range(at - 1, max(-1, at - 6), -1):
            word = words[back]
            if word in SPAN_WORDS:  # "all afternoon" is a span of the time, no value word
                continue
            if back == at - 1 and word in ("from", "since"):
                return False  # "twitching from last night": when it started
            if word in STARTED:
                return False  # "... the cold, started at twelve": when the twitching began
            if word in values or word in CAUSE_OPENERS:
                # ... unless the clause says since when ("since football training this
                # evening"): then its time is when the twitching started.
                return STARTED_SINCE not in words[max(0, back - 3) : back + 1]
            if word in CLAUSE_WORDS or word in SUBJECTS or word == "my":
                return False
        return False

    def told_afterwards(self, words: Sequence[str], at: int) -> bool:
        """Whether a time said inside a trigger's clause at ``at`` is in a clause of its own
        told after the twitch ("my forearm twitched for half a minute, i barely slept last
        night"): that clause's moment, not the twitch's, which the line leaves unsaid. A
        clause linked to the twitch ("while i was surfing this morning") shares its time."""
        twitch = next((i for i, w in enumerate(words[:at]) if w.startswith(TWITCH_STEMS)), None)
        if twitch is None:
            return False
        # A clause with its own subject, or one that leaves it out ("..., didn't sleep
        # much last night"), unless a linking word ties it to the twitch.
        openers = (SUBJECTS - {"my"}) | (SUBJECTLESS_OPENERS - LIGHT_VERBS)
        return any(
            words[i] in openers and words[i - 1] not in LINKED_CLAUSE_OPENERS
            for i in range(twitch + 1, at)
        )

    @classmethod
    def learn(
        cls, templates: Iterable[Template], slot_words: Mapping[str, frozenset[str]] | None = None
    ) -> Lexicon:
        """``slot_words``: intent -> the words its custom slots' values are made of; a word
        only one intent's values hold and no other intent says ("numb", "slurred") tells
        that intent is meant (``telling``)."""
        by_gap: dict[tuple[str, tuple[tuple[bool, str], ...], int], set[str]] = {}
        intents_of: dict[str, set[str]] = {}
        valued: dict[str, set[str]] = {}
        for intent, words in (slot_words or {}).items():
            for word in words:
                valued.setdefault(word, set()).add(intent)
        openers: dict[str, set[str]] = {}
        seconds: dict[tuple[str, str], set[str]] = {}
        for template in templates:
            if template.tokens and not template.tokens[0][0]:
                openers.setdefault(template.tokens[0][1], set()).add(template.intent)
                follows = template.tokens[1] if len(template.tokens) > 1 else (True, "")
                seconds.setdefault((template.intent, template.tokens[0][1]), set()).add(
                    ANY if follows[0] else follows[1]
                )
            for i, (is_slot, word) in enumerate(template.tokens):
                if is_slot:
                    continue
                intents_of.setdefault(word, set()).add(template.intent)
                gap = template.tokens[:i] + ((True, ""),) + template.tokens[i + 1 :]
                by_gap.setdefault((template.intent, gap, i), set()).add(word)
        substitutes: dict[str, dict[str, set[str]]] = {}
        for (intent, _gap, _i), words in by_gap.items():
            if len(words) < 2:
                continue
            for word in words:
                substitutes.setdefault(intent, {}).setdefault(word, set()).update(words - {word})
        frozen = {
            intent: {word: frozenset(others) for word, others in by_word.items()}
            for intent, by_word in substitutes.items()
        }
        distinctive = frozenset(w for w, intents in intents_of.items() if len(intents) == 1)
        telling = {
            word: next(iter(owners))
            for word, owners in valued.items()
            if len(owners) == 1 and intents_of.get(word, owners) == owners
        }
        return cls(
            frozen,
            distinctive,
            {w: frozenset(i) for w, i in openers.items()},
            telling=telling,
            seconds={key: frozenset(words) for key, words in seconds.items()},
        )

    def tells_other(self, intent: str, word: str) -> bool:
        """``word`` is a value word of another intent only ("numb" for a diary entry)."""
        return self.telling.get(word, intent) != intent

    def foreign_opener(self, intent: str, words: Sequence[str]) -> bool:
        """The line's first word starts other intents' samples but none of ``intent``'s,
        or ``intent``'s only as a request the line does not make ("can you log ..." is
        a request; "can stress cause ..." a question, as "can {question}")."""
        starts = self.openers.get(words[0], frozenset())
        if not starts:
            return False
        if intent not in starts:
            return True
        said = self.seconds.get((intent, words[0]), frozenset())
        if not said <= REQUEST_FRAME or len(starts) == 1:
            return False
        return len(words) < 2 or words[1] not in REQUEST_FRAME


@dataclass(frozen=True)
class SlotFill:
    cost: float
    json: dict[str, Any]
    open: bool  # words outside the slot's type (or a free-text slot)
    # Open, but sharing a word only the type's values have ("didn't sleep a wink" beside
    # "bad sleep"): likely a value said in new words.
    typed: bool = False
    # A time said inside another slot's clause ("gym yesterday"; see Lexicon.attached).
    attached: bool = False
    # ... in a clause of its own, told after the twitch (Lexicon.told_afterwards).
    afterwards: bool = False


# (slot name, words) -> the fill, or None when the words are no value of the slot.
SlotFiller = Callable[[str, str, tuple[str, ...]], SlotFill | None]


@dataclass(frozen=True)
class Alignment:
    cost: float
    literals: int
    slots: dict[str, SlotFill]
    template: Template

    @property
    def open_slots(self) -> int:
        return sum(1 for fill in self.slots.values() if fill.open)


def template_of(intent: str, words: Sequence[str], slot_names: Iterable[str]) -> Template:
    """A template from a normalised sample's words ("{location}" marks a slot)."""
    names = set(slot_names)
    tokens = []
    for word in words:
        if word.startswith("{") and word.endswith("}") and word[1:-1] in names:
            tokens.append((True, word[1:-1]))
        else:
            tokens.append((False, word))
    return Template.of(intent, tuple(tokens))


def _filler_spans(words: Sequence[str]) -> list[int]:
    """For each position, the length of the longest filler phrase starting there (0: none)."""
    spans = []
    for i in range(len(words)):
        longest = 0
        for phrase in FILLERS:
            if tuple(words[i : i + len(phrase)]) == phrase and len(phrase) > longest:
                longest = len(phrase)
        if tuple(words[i : i + 4]) in COMING_AND_GOING:
            # "on and off for an hour" says since when it has come and gone (the samples
            # say so), not how long one twitch lasted: no filler before "for".
            longest = 0
        spans.append(longest)
    return spans


Pattern = tuple[tuple[bool, str], ...]
# slot name -> that slot's own short samples with it alone ("for {duration}", "{ago} ago").
Extras = Mapping[str, Sequence[Pattern]]


def _extra_slot(
    patterns: Sequence[Pattern],
    slot_name: str,
    intent: str,
    words: Sequence[str],
    wi: int,
    fill: SlotFiller,
    lexicon: Lexicon | None = None,
) -> list[tuple[int, SlotFill]]:
    """Every way a slot's own sample matches at ``wi`` with a value of the slot's type:
    (where it ends, the value)."""
    found: list[tuple[int, SlotFill]] = []
    if lexicon is not None and lexicon.claimed(intent, slot_name, words, wi):
        return found

    def match(pattern: Pattern, index: int, position: int, filled: SlotFill | None) -> None:
        if index == len(pattern):
            if filled is not None:
                found.append((position, filled))
            return
        is_slot, token = pattern[index]
        pattern_words = {word for slot, word in pattern[:index] if not slot}
        if not is_slot:
            if position < len(words) and words[position] == token:
                match(pattern, index + 1, position + 1, filled)
            return
        carried = len(pattern) > 1
        for end in range(position + 1, min(len(words), position + MAX_SLOT_WORDS) + 1):
            said = tuple(words[position:end])
            # A bare number said in passing ("the left one", "five a side") is no time
            # or duration: only with the slot's own carrier word ("at five").
            if not carried and parse_number(" ".join(said)) is not None:
                continue
            if lexicon is not None and lexicon.measures_what_follows(intent, slot_name, words, end):
                continue
            candidate = fill(intent, slot_name, said)
            # An open value only after the slot's own carrier word ("after netball"), and
            # short: at most four words besides the ones that join a noun phrase ("a few
            # glasses of wine").
            short = sum(1 for w in said if w not in NOUN_GLUE) <= 4
            if candidate is not None and (not candidate.open or (index and short)):
                if candidate.open and not CAUSE_CARRIERS.isdisjoint(pattern_words):
                    # A cause's own carrier said what it is: "after curling" is a cause,
                    # however new the word, more than two words left over at the end.
                    # ("from the market" may be where, not why.)
                    candidate = _tolled(candidate, -CARRIED_VALUE_DISCOUNT)
                match(pattern, index + 1, end, candidate)

    if _denied(words, wi) or _asked_about(words, wi):  # "not had any coffee", "should i be"
        return found
    for pattern in patterns:
        match(pattern, 0, wi, None)
    # A value in new words but with the type's own words, said as a clause of its own
    # ("barely slept, and ...", "... and i had a rough night"): the clause's glue words
    # go with it.
    for start in _clause_starts(words, wi):
        for end in range(start + 1, min(len(words), start + MAX_SLOT_WORDS) + 1):
            if end < len(words) and words[end] not in CLAUSE_ENDS:
                continue
            candidate = fill(intent, slot_name, tuple(words[start:end]))
            if candidate is not None and candidate.typed:
                found.append((end, candidate))
    return found


# Words that open or close a clause of a spoken sentence ("... and i barely slept",
# "since i took my meds this morning").
CLAUSE_WORDS = frozenset("and so but because cause then now plus since after when while as".split())
# Words that start another detail, so they close a clause before them.
DETAIL_OPENERS = frozenset("this last yesterday today tonight earlier at on for".split())
SUBJECTS = frozenset({"i", "i've", "i'd", "i'm", "we", "we've", "my"})
# Where a clause said as a value may stop: another clause or detail, or "with" and what
# it was with ("didn't get much sleep with the baby"),
# ... or a new subject: speech has no commas ("... only four hours my eyelid is twitching").
CLAUSE_ENDS = CLAUSE_WORDS | DETAIL_OPENERS | {"with", "my"}
# Words that put a spoken English clause in the present ("is twitching", "keeps jumping",
# "has been going"); the matcher reads "my calf's" as "my calf is" (``normalise``).
PRESENT_TENSE = frozenset("is are keeps keep has have".split())  # not "am": "at two am"
NOUN_GLUE = frozenset({"a", "an", "the", "my", "of"})
# Verbs that only carry the value said after them ("had a rough night", "took my meds").
LIGHT_VERBS = frozenset("had got drank took ate did been was am".split())


# Words that open a clause whose subject is left out ("been on my feet all day", "didn't
# get much sleep"), and the words after which they go on a phrase instead ("i had", "a
# bad", "not had").
SUBJECTLESS_OPENERS = LIGHT_VERBS | frozenset(
    "hardly barely didn't hadn't haven't wasn't couldn't".split()
)
# Words that tie a clause's time to the one before it ("... while i was surfing").
LINKED_CLAUSE_OPENERS = frozenset(
    "while whilst when as after because cause since before till until".split()
)
CLAUSE_GLUE = (
    NOUN_GLUE
    | SUBJECTS
    | SUBJECTLESS_OPENERS
    | CLAUSE_WORDS
    | frozenset("not no never it that this who which to".split())
)


# Words that deny what follows, and the words a denial reaches over ("not had any").
DENIALS = frozenset(
    "no not without never haven't hasn't hadn't didn't don't doesn't wasn't isn't skipped"
    " skipping".split()
)
DENIAL_REACH = frozenset(
    "had have any a my much enough been drunk drank eaten taken the single taking having "
    "drinking even".split()
)


def _denied(words: Sequence[str], wi: int) -> bool:
    """Whether a value starting at ``wi`` is said only to be denied ("no coffee today",
    "i have not had any tea"): a denial before it, with only reach words between."""
    if wi < len(words) - 1 and words[wi] in ("or", "nor"):
        wi += 1  # a capture that starts at "or" is the item after it
    while wi >= 2 and words[wi - 1] in ("or", "nor"):
        wi -= 2  # "no tea or coffee": coffee is denied as tea is
    at = wi - 1
    while at >= 0 and wi - at <= 4 and words[at] in DENIAL_REACH:
        at -= 1
    return at >= 0 and wi - at <= 4 and words[at] in DENIALS


# A value asked about is not told: "should i be worried", "do i need to worry".
QUESTION_MODALS = frozenset("should could would must do does will can shall might".split())
ASKED_REACH = frozenset({"be", "need", "to", "get", "feel", "really"})
POSSESSIVES = frozenset({"my", "me", "your", "his", "her", "their", "our"})
WORTH_ASKING = frozenset({"anything", "something", "nothing", "reason", "cause"})


def _asked_about(words: Sequence[str], wi: int) -> bool:
    """Whether a value starting at ``wi`` follows a question's modal and its subject, with
    only reach words between ("should i be ...", "do i need to ...")."""
    at = wi - 1
    while at >= 0 and wi - at <= 4 and words[at] in ASKED_REACH:
        at -= 1
    if at >= 0 and words[at] in WORTH_ASKING and wi - at <= 3:
        return True  # "is that anything to worry about"
    return at >= 1 and words[at] in {"i", "we", "you"} and words[at - 1] in QUESTION_MODALS


def _clause_starts(words: Sequence[str], wi: int) -> list[int]:
    """Where a clause's own words may start when a clause starts at ``wi`` (at the line's
    start or a clause word), past its subject and light verb ("and i had ...")."""
    at, n = wi, len(words)
    # Speech has no commas: a new subject starts a clause too ("... this morning i'd had
    # a rubbish night's sleep").
    opened = wi == 0 or words[wi - 1] in CLAUSE_WORDS or (at < n and words[at] in SUBJECTS)
    # ... and so does a clause said without its subject after a whole one, as an
    # afterthought ("my knee is twitching, hardly slept", "... had a rough night"): a
    # light verb or a denial right after a word that ends a phrase, not after glue.
    opened = opened or (
        at < n and words[at] in SUBJECTLESS_OPENERS and words[wi - 1] not in CLAUSE_GLUE
    )
    if at < n and words[at] in CLAUSE_WORDS:
        at, opened = at + 1, True
    if not opened:
        return []
    starts = [at]
    for glue in (SUBJECTS, LIGHT_VERBS):
        if at < n and words[at] in glue:
            at += 1
            starts.append(at)
    return starts


def _slot_ends(
    tokens: Sequence[tuple[bool, str]], ti: int, words: Sequence[str], wi: int, *, wide: bool
) -> list[int]:
    """Where a slot starting at ``wi`` may end: within MAX_SLOT_WORDS, or, for a phrase
    slot with words of its template after it ("{question} what should i do"), also just
    before any place those words start: a story of any length, then what it asks. A
    phrase slot at the end of its template may also take the whole rest of the line, at a
    price for each word past the cap (``LONG_PHRASE_WORD_COST``), when its carrier opens
    the line: and "can ..." would otherwise take any long request cheaply, while
    "where do most of my twitches happen this week" loses its period when cut short."""
    n = len(words)
    ends = list(range(wi + 1, min(n, wi + MAX_SLOT_WORDS) + 1))
    following = tokens[ti + 1] if ti + 1 < len(tokens) else None
    if wide and following is not None and not following[0]:
        ends += [e for e in range(wi + MAX_SLOT_WORDS + 1, n) if words[e] == following[1]]
    elif wide and following is None and n > wi + MAX_SLOT_WORDS and wi == ti:
        # ... or the rest of a long question opened by its carrier, each word past the cap
        # tolled (not after a lead-in: "um my neck is doing that twitch thing ...").
        ends.append(n)
    return ends


def align(
    template: Template,
    words: Sequence[str],
    fill: SlotFiller,
    fillers: list[int],
    extras: Extras | None = None,
    spotted: dict[tuple[str, str, int], list[tuple[int, SlotFill]]] | None = None,
    lexicon: Lexicon | None = None,
    lists: frozenset[str] = frozenset(),
    phrases: frozenset[str] = frozenset(),
) -> Alignment | None:
    """The cheapest alignment of ``words`` with ``template``, or None. A phrase slot
    (``phrases``: a question, a message) may take any number of words; others at most
    MAX_SLOT_WORDS.

    Besides the template's own slots, a detail the template does not name may be said
    anywhere, the way the slot's own samples say it ("... in bed last night" fills the
    time slot by "{time}"), as a statistical NLU learns slots apart from whole sentences.
    """
    tokens = template.tokens
    n, t = len(words), len(tokens)
    lexicon = lexicon or Lexicon()
    substitutes = lexicon.substitutes.get(template.intent, {})
    foreign_start = bool(words) and lexicon.foreign_opener(template.intent, words)
    # Swallowed into a slot ("is eye" as a place), another intent's opener costs as if
    # it were left over: a question's first word is no part of a value.
    opener_toll = FOREIGN_OPENER_COST - LEAD_IN_WORD_COST if foreign_start else 0.0
    # A list slot (several values, "coffee ... and a bad night") may also be said a second
    # time away from where the template puts it; its values are then joined.
    spare = {
        name: patterns
        for name, patterns in (extras or {}).items()
        if name not in template.slot_names or name in lists
    }
    # Where each spare slot can be said depends on the line only: shared across templates.
    spotted = {} if spotted is None else spotted

    @cache
    def spots(wi: int) -> list[tuple[str, int, SlotFill]]:
        found = []
        for name, patterns in spare.items():
            key = (template.intent, name, wi)
            if key not in spotted:
                spotted[key] = _extra_slot(
                    patterns, name, template.intent, words, wi, fill, lexicon
                )
            # Said a second time, a list slot takes only values of its type ("stressed"),
            # not any words after its carrier.
            again = name in template.slot_names
            attached = lexicon.attached(template.intent, name, words, wi)
            afterwards = attached and lexicon.told_afterwards(words, wi)
            found += [
                (
                    name,
                    end,
                    _tolled(
                        replace(f, attached=True, afterwards=afterwards) if attached else f,
                        lexicon.rivalled(template.intent, name, words, wi, end),
                    ),
                )
                for end, f in spotted[key]
                if not (again and f.open)
            ]
        return found

    Best = tuple[float, int, tuple[tuple[str, SlotFill], ...]]

    def better(option: Best, current: Best | None) -> bool:
        # Cheapest; among equals, the one that said more of the template's own words.
        if current is None:
            return True
        if option[0] < current[0] - 1e-9:
            return True
        return abs(option[0] - current[0]) <= 1e-9 and option[1] > current[1]

    # A spare slot may be filled twice in theory (two times said); the later one is kept.
    # Not tracking which are used keeps the table small: positions x template tokens.
    @cache
    def best(ti: int, wi: int) -> Best | None:
        if ti == t and wi == n:
            return (0.0, 0, ())
        chosen: Best | None = None

        def offer(
            rest: Best | None,
            cost: float,
            literal: int = 0,
            slot: tuple[str, SlotFill] | None = None,
        ) -> None:
            nonlocal chosen
            if rest is None:
                return
            option = (
                rest[0] + cost,
                rest[1] + literal,
                rest[2] if slot is None else (slot, *rest[2]),
            )
            if better(option, chosen):
                chosen = option

        if wi < n:  # a word left over
            extra = (
                FOREIGN_OPENER_COST
                if wi == 0 and ti == 0 and foreign_start
                else EXTRA_WORD_COST
                if words[wi] in lexicon.distinctive
                or lexicon.tells_other(template.intent, words[wi])
                else LEAD_IN_WORD_COST
                if ti == 0
                else AFTERTHOUGHT_WORD_COST
                if ti == t
                else EXTRA_WORD_COST
            )
            if fillers[wi]:
                offer(best(ti, wi + fillers[wi]), FILLER_COST)
            offer(best(ti, wi + 1), extra)
            for name, end, filled in spots(wi):
                offer(best(ti, end), EXTRA_SLOT_COST + filled.cost, slot=(name, filled))
        if ti < t:
            is_slot, token = tokens[ti]
            if not is_slot:
                if wi < n and words[wi] == token:
                    offer(best(ti + 1, wi + 1), 0.0, literal=1)
                elif wi < n and words[wi] in substitutes.get(token, ()):
                    offer(best(ti + 1, wi + 1), SUBSTITUTE_COST, literal=1)
                offer(best(ti + 1, wi), MISSING_LITERAL_COST)  # a literal word not said
            elif not _denied(words, wi) and not lexicon.claimed(template.intent, token, words, wi):
                attached = lexicon.attached(template.intent, token, words, wi)
                # Where the value starts decides both, so once for every end it may have.
                afterwards = attached and lexicon.told_afterwards(words, wi)
                moment = token in lexicon.moment_slots.get(template.intent, frozenset())
                for end in _slot_ends(tokens, ti, words, wi, wide=token in phrases):
                    # "two hours", "four hours of sleep": a number with its unit is an
                    # amount, never a clock time.
                    if (
                        moment
                        and end < n
                        and words[end] in DURATION_UNIT_WORDS
                        and _bare_number(words[wi:end])
                    ):
                        continue
                    # "a minute or two": the number ends the amount, it is no clock time.
                    if moment and end == wi + 1 and ends_a_guessed_amount(words, wi):
                        continue
                    if lexicon.measures_what_follows(template.intent, token, words, end):
                        continue
                    filled = fill(template.intent, token, tuple(words[wi:end]))
                    if filled is not None:
                        if attached:
                            filled = replace(filled, attached=True, afterwards=afterwards)
                        # (A phrase slot takes a whole story, its first word with it.)
                        swallowed = wi == 0 and filled.cost > 0 and token not in phrases
                        toll = opener_toll if swallowed else 0.0
                        toll += lexicon.rivalled(template.intent, token, words, wi, end)
                        if ti == t - 1:  # a line-ending question past the cap
                            toll += LONG_PHRASE_WORD_COST * max(0, end - wi - MAX_SLOT_WORDS)
                        offer(best(ti + 1, end), filled.cost + toll, slot=(token, filled))
        return chosen

    found = best(0, 0)
    if found is None:
        return None
    cost, literals, slots = found
    slots = _unattached(slots, words, lexicon.moment_slots.get(template.intent, frozenset()))
    joined: dict[str, SlotFill] = {}
    for name, filled in slots:
        joined[name] = _joined(joined[name], filled) if name in joined else filled
    return Alignment(cost, literals, joined, template)


def _unattached(
    slots: tuple[tuple[str, SlotFill], ...], words: Sequence[str], moments: frozenset[str]
) -> tuple[tuple[str, SlotFill], ...]:
    """The slots without the times said inside a trigger's clause (``SlotFill.attached``)
    when the line gives the intent's own moment another way: the same slot said of the
    intent itself ("at lunchtime after screens all morning"), or the present tense ("i
    barely slept last night and my eye is twitching": what is going on now did not
    happen then; "after a run last night my calf was twitching" keeps it), or a clause of
    its own told after the twitch ("..., i barely slept last night")."""
    now = not PRESENT_TENSE.isdisjoint(words)
    kept = {name for name, f in slots if not f.attached}
    return tuple(
        (name, f)
        for name, f in slots
        if not (f.attached and (name in kept or f.afterwards or (now and name in moments)))
    )


def _tolled(filled: SlotFill, toll: float) -> SlotFill:
    return replace(filled, cost=filled.cost + toll) if toll else filled


def _joined(first: SlotFill, second: SlotFill) -> SlotFill:
    """Two fills of one slot: a list slot's values together; otherwise the later one."""
    values = [(f.json.get("slotValue") or {}).get("values") for f in (first, second)]
    if values[0] is None or values[1] is None:
        return second
    json = {**first.json, "slotValue": {**first.json["slotValue"], "values": values[0] + values[1]}}
    return SlotFill(first.cost + second.cost, json, first.open and second.open)


def acceptable(alignment: Alignment, words: Sequence[str], *, anchor: bool = True) -> bool:
    """Cheap enough for the line: a short line must match nearly exactly, a long story may
    carry more words the template does not know; something must anchor it (a template
    word said, or a slot value of the slot's own type)."""
    anchored = alignment.literals > 0 or any(not f.open for f in alignment.slots.values())
    if anchor and not anchored:
        return False
    allowance = 0.8 + 0.34 * len(words)
    return alignment.cost <= allowance


class TemplateIndex:
    """Templates by their words, so a line is aligned only with templates it could mean."""

    def __init__(
        self,
        templates: Iterable[Template],
        *,
        slot_words: Callable[[str, str], frozenset[str]] = lambda _i, _s: frozenset(),
        candidates: int = 32,
    ) -> None:
        cores: dict[tuple[str, tuple[tuple[bool, str], ...]], Template] = {}
        for template in templates:
            cores.setdefault(template.core(), template)
        self.templates = list(cores.values())
        self.candidates = candidates
        # Words a template's slots could hold ("calf" for {location}): a line of slot
        # values alone ("right thumb") still finds its templates.
        literal_words = frozenset().union(*(t.literals for t in self.templates))

        @cache
        def words_for(intent: str, names: frozenset[str]) -> frozenset[str]:
            return frozenset().union(*(slot_words(intent, n) for n in names)) - literal_words

        self.slot_words = [words_for(t.intent, t.slot_names) for t in self.templates]
        document_frequency: dict[str, int] = {}
        for template in self.templates:
            for word in template.literals:
                document_frequency[word] = document_frequency.get(word, 0) + 1
        total = max(1, len(self.templates))
        self.weight = {w: math.log(1 + total / f) for w, f in document_frequency.items()}
        self.total = [
            sum(self.weight[w] for w in t.literals if self.weight[w] >= COMMON_WORD_WEIGHT)
            for t in self.templates
        ]
        self.by_word: dict[str, list[int]] = {}
        self.by_slot_word: dict[str, list[int]] = {}
        # Templates of slots alone ("{side} {location}") have no word to be found by.
        self.slot_only = {i for i, t in enumerate(self.templates) if not t.literals}
        for i, template in enumerate(self.templates):
            for word in template.literals:
                self.by_word.setdefault(word, []).append(i)
            for word in self.slot_words[i]:
                self.by_slot_word.setdefault(word, []).append(i)

    def shortlist(self, words: Sequence[str], allowed: Callable[[str], bool]) -> list[Template]:
        """The templates most likely to align: most of their words said, few missing."""
        said = set(words)
        scores: dict[int, float] = {}
        for word in said:
            weight = self.weight.get(word, 0.0)
            if weight < COMMON_WORD_WEIGHT:  # in most templates: says nothing about which
                continue
            for i in self.by_word.get(word, ()):
                scores[i] = scores.get(i, 0.0) + weight
        slot_hits: dict[int, int] = {}
        for word in said:
            for i in self.by_slot_word.get(word, ()):
                slot_hits[i] = slot_hits.get(i, 0) + 1
        ranked = []
        for i in scores.keys() | slot_hits.keys() | self.slot_only:
            template = self.templates[i]
            if not allowed(template.intent):
                continue
            score = scores.get(i, 0.0)
            missing = self.total[i] - score
            ranked.append((missing - score - slot_hits.get(i, 0), len(template.tokens), i))
        ranked.sort()
        return [self.templates[i] for *_, i in ranked[: self.candidates]]


def best_alignment(
    index: TemplateIndex,
    words: Sequence[str],
    fill: SlotFiller,
    allowed: Callable[[str], bool],
    *,
    anchor: bool = True,
    extras: Callable[[str], Extras] | None = None,
    lexicon: Lexicon | None = None,
    lists: Callable[[str], frozenset[str]] | None = None,
    phrases: Callable[[str], frozenset[str]] | None = None,
) -> Alignment | None:
    """The cheapest acceptable alignment; ``anchor=False`` for an answer to a question,
    which the question itself anchors (a bare "knee" to "which muscle?")."""
    fillers = _filler_spans(words)
    said = set(words)
    found: list[Alignment] = []
    spotted: dict[tuple[str, str, int], list[tuple[int, SlotFill]]] = {}
    cheapest = math.inf
    for template in index.shortlist(words, allowed):
        # Every literal word neither said nor replaced costs its price: a bound.
        substitutes = lexicon.substitutes.get(template.intent, {}) if lexicon else {}
        unsaid = [w for w in template.literals - said if said.isdisjoint(substitutes.get(w, ()))]
        if len(unsaid) * MISSING_LITERAL_COST > cheapest:
            continue
        spare = extras(template.intent) if extras is not None else None
        repeatable = lists(template.intent) if lists is not None else frozenset()
        wide = phrases(template.intent) if phrases is not None else frozenset()
        alignment = align(template, words, fill, fillers, spare, spotted, lexicon, repeatable, wide)
        if alignment is not None and acceptable(alignment, words, anchor=anchor):
            found.append(alignment)
            cheapest = min(cheapest, alignment.cost)
    if not found:
        return None
    return min(found, key=lambda a: (round(a.cost, 6), a.open_slots, -a.literals))
