"""Typed lines to intents and slots, the way Alexa would, from the interaction model alone.

Sample utterances become templates of words and ``{slot}`` references, and a line is
aligned with the likeliest ones at a cost (``devkit.chat.aligner``). A custom slot costs
nothing for a value or synonym of its type (so "eye lid" resolves to the value id
``eyelid``), more for words outside it, which give ER_SUCCESS_NO_MATCH as Alexa does.
Built-in types (AMAZON.DURATION, TIME, DATE, NUMBER) take only words that convert to
Alexa's format; AMAZON.SearchQuery takes whatever is left, at a price; multi-value
slots are split on "and", "or" and commas, each value resolved on its own.

Nothing here knows a specific intent: a new intent in the model is understood as
soon as the model is regenerated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from devkit.chat.aligner import (
    CAUSE_OPENERS,
    DENIALS,
    FILLERS,
    Alignment,
    Lexicon,
    RivalWords,
    SlotFill,
    Template,
    TemplateIndex,
    best_alignment,
    ends_a_guessed_amount,
    template_of,
)
from devkit.chat.slot_values import CONVERTERS
from devkit.envelopes import SKILL_ID, list_slot, resolutions, resolved_id, slot
from skill.episodes.model import is_part_of, knows_parts
from skill.episodes.vocabulary import singular

_ONE_WORD_FILLERS = frozenset(phrase[0] for phrase in FILLERS if len(phrase) == 1)
SEARCH_QUERY = "AMAZON.SearchQuery"
DURATION = "AMAZON.DURATION"
TIME = "AMAZON.TIME"
DATE = "AMAZON.DATE"

# Alexa's built-in intents carry their own phrases; a few common ones per intent.
BUILT_IN_PHRASES: dict[str, tuple[str, ...]] = {
    "AMAZON.HelpIntent": (
        "help", "help me", "i need help", "what can i say", "what can you do", "how does this work",
    ),
    "AMAZON.StopIntent": ("stop", "shut up", "off", "quit", "exit", "be quiet", "goodbye", "bye"),
    "AMAZON.CancelIntent": ("cancel", "never mind", "nevermind", "forget it", "cancel that"),
    "AMAZON.NavigateHomeIntent": ("go home", "go to home", "home", "go to the home screen"),
    "AMAZON.YesIntent": (
        "yes", "yeah", "yep", "yup", "sure", "ok", "okay", "yes please", "please do", "of course",
        "go ahead", "do it", "alright", "all right",
    ),
    "AMAZON.NoIntent": (
        "no", "nope", "nah", "no thanks", "no thank you", "not now", "don't", "no way",
    ),
    "AMAZON.RepeatIntent": ("repeat", "repeat that", "say that again", "what did you say"),
    "AMAZON.StartOverIntent": ("start over", "restart", "start again"),
    "AMAZON.NextIntent": ("next", "skip"),
    "AMAZON.PreviousIntent": ("previous", "go back", "back"),
    "AMAZON.MoreIntent": ("more", "tell me more"),
}  # fmt: skip
FALLBACK = "AMAZON.FallbackIntent"
LAUNCH_VERBS = ("open", "launch", "start", "begin", "load", "run", "talk to", "play", "use")
ONE_SHOT_VERBS = ("ask", "tell", "open", "launch", "use")
CONNECTORS = ("to", "about", "for", "that", "whether", "if", "and")

# An answer to a question that costs more than this is not taken before other meanings
# of the line are tried (about one word the answer's samples do not explain).
CLEAR_ANSWER_COST = 1.0
# Words of emphasis said inside a value ("went completely numb").
_INTENSIFIERS = frozenset(
    "completely totally really all just so very suddenly quite fully proper bloody pretty"
    " super absolutely seriously real".split()
)
# "X on / of / under my Y" joins two values into one ("the toes on both feet").
_JOINING = frozenset({"on", "of", "under", "in", "at", "near", "between", "by", "behind"})
# ("on the left side": "side" there is which side, not the flank.)
_SIDE_WORDS = frozenset({"left", "right"})
_PLACE_FRAME = _SIDE_WORDS | {"my", "me", "the", "both", "his", "her", "side"}
# Words inside a value as often as in a sentence's frame ("a bad night", "the gym").
_DETERMINERS = frozenset({"a", "an", "the", "my", "me", "some", "of", "too", "much"})
_PHRASE_JOINERS = frozenset({"of", "in", "with"})
# Words that take back what was just said and say it again ("wait no", "sorry, i mean").
_REPAIR = re.compile(
    r"\b(?:wait no|no wait|sorry no|no sorry|sorry i mean|sorry i meant|no i mean|no i meant"
    r"|actually no|no actually|or rather|scratch that|i mean no|oops i mean|let me correct that"
    r"|no hang on|hang on|no hold on|hold on"
    # "my left knee, no, my left shin": a bare "no" before the place said again.
    r"|(?<= )no(?= my\b))"
    r"(?: it was| it s| it's| it is| make that| i mean)?\b"
)
# How many samples must say a word beside a slot for it to tell that slot from its rival.
RIVAL_WORD_SAMPLES = 3
_DANGLING = frozenset(
    "a an the my of to in on at for with and or under over into onto from about around by near "
    "behind after before".split()
    # ... nor on a verb that only carries what was done ("while doing" the ironing).
    + "doing having getting making".split()
)
# An alignment this costly explained little of its line (about four words left over).
LOOSE_MATCH_COST = 3.0
# A noun phrase's first word; "my" is not one of them here, since "my arm ..." is a place.
_ARTICLES = frozenset({"a", "an", "the", "some"})
# Words that say nothing about which value was meant ("a cup of tea": only "cup", "tea").
_FUNCTION_WORDS = frozenset(
    "a an the my me of to in on at for and or with too much many some any no not not "
    "i it is was been had have has am are so just very really bit lot lots "
    "under over into onto from about around by near behind than "
    # A pronoun stands for a value said elsewhere ("no wait, the right one").
    "one ones this that these those "
    # Negations and modals carry a value's polarity, not which value it is.
    "can't cannot don't didn't doesn't couldn't won't wasn't haven't hadn't isn't".split()
)
_SLOT_REF = re.compile(r"\{([A-Za-z_]+)\}")
_ABBREVIATION = re.compile(r"\b((?:[a-z]\.\s?){2,})")
_DIGITS_THEN_LETTERS = re.compile(r"\b(\d+)([a-z]+)\b")
_PRONOUN_CONTRACTIONS = r"(?!(?:it|that|there|what|he|she|who|where|here|how|let)'s\b)"
_IS_CONTRACTED = re.compile(
    _PRONOUN_CONTRACTIONS + r"\b([a-z]+)'s (\w+ing|going|gone|on|all|so|really|very|still|sort|"
    r"kind|kinda|sorta|just|always|constantly|randomly|literally)\b"
)
# "right" before a word of place or time ("right between", "right after my run") says
# exactly, not which side; after "my", "the", "on" or "to" it is the side.
_RIGHT_AS_ADVERB = re.compile(
    r"(?<!\bmy )(?<!\bthe )(?<!\bon )(?<!\bto )(?<!\bhis )(?<!\bher )\bright "
    r"(?=(?:between|in|at|under|above|below|behind|next|by|across|through|around|after|"
    r"before|on top|along|inside)\b)"
)
# "..., kind of weird, right?": a tag asking to be agreed with, after what was judged,
# at the end of the line. It names no side.
_RIGHT_AS_TAG = re.compile(
    r"\b(weird|strange|odd|normal|fine|okay|ok|harmless|common|bad|serious|nothing|funny|"
    r"annoying|crazy|true) right$"
)
_LAST_NIGHT = re.compile(r"\b(?:last night|yesterday night)\b")
EVENING_HOUR = 17
_HAVE_CONTRACTED = re.compile(r"\b(where|how|what|who|why|when|which)'ve\b")
_BEEN_CONTRACTED = re.compile(r"\b([a-z]+)'s been\b")
_HAS_CONTRACTED = re.compile(
    _PRONOUN_CONTRACTIONS + r"\b([a-z]+)'s (been|got|gone|had|started|stopped)\b"
)


def normalise(text: str) -> str:
    """Lower case, spelled abbreviations joined ("g. p." -> "gp"), punctuation dropped."""
    text = text.lower().replace("’", "'")
    text = _ABBREVIATION.sub(lambda m: m.group(1).replace(".", "").replace(" ", "") + " ", text)
    text = re.sub(r"[^a-z0-9': ]+", " ", text.replace("-", " "))
    text = re.sub(r"(?<!\d):|:(?!\d)", " ", text)  # keep clock times like 20:15
    text = _DIGITS_THEN_LETTERS.sub(r"\1 \2", text)  # "3pm" -> "3 pm", as Alexa hears it
    # "my calf's twitching" / "my calf's been twitching": the 's of is and has, spoken
    # joined to the noun; a possessive ("my husband's speech") stays.
    text = _IS_CONTRACTED.sub(r"\1 is \2", text)
    text = _HAS_CONTRACTED.sub(r"\1 has \2", text)
    text = _BEEN_CONTRACTED.sub(r"\1 has been", text)  # "what's been", "it's been": always has
    text = _HAVE_CONTRACTED.sub(r"\1 have", text)  # "where've i been": the samples say "have"
    text = _RIGHT_AS_ADVERB.sub("", text)  # "right between my shoulder blades": no side
    text = _RIGHT_AS_TAG.sub(r"\1", text.strip())
    return " ".join(text.split())


@dataclass(frozen=True)
class SlotInfo:
    intent: str
    name: str
    type: str
    multiple: bool
    samples: tuple[str, ...]


@dataclass
class Understanding:
    """An intent with the slots Alexa would fill (request JSON, keyed by slot name)."""

    intent: str
    slots: dict[str, dict[str, Any]] = field(default_factory=dict)
    cost: float = 0.0  # how much of the line the match left unexplained (0: exactly a sample)


class ModelMatcher:
    """Understands typed lines against one locale's interaction model."""

    def __init__(self, model: dict[str, Any], *, skill_id: str = SKILL_ID) -> None:
        language = model["interactionModel"]["languageModel"]
        self.invocation = normalise(language["invocationName"])
        self.skill_id = skill_id
        self.intent_names = {i["name"] for i in language["intents"]}
        self.slots: dict[tuple[str, str], SlotInfo] = {}
        self._samples: dict[str, list[str]] = {}
        for intent in language["intents"]:
            for s in intent.get("slots", []):
                info = SlotInfo(
                    intent["name"],
                    s["name"],
                    s["type"],
                    bool(s.get("multipleValues", {}).get("enabled")),
                    tuple(s.get("samples", [])),
                )
                self.slots[(intent["name"], s["name"])] = info
            samples = list(intent.get("samples", []))
            samples += BUILT_IN_PHRASES.get(intent["name"], ())
            self._samples[intent["name"]] = samples
        # type name -> [(spoken form, id, canonical name)]
        self.types: dict[str, list[tuple[str, str, str]]] = {
            t["name"]: [
                (normalise(form), v.get("id") or v["name"]["value"], v["name"]["value"])
                for v in t.get("values", [])
                for form in (v["name"]["value"], *v["name"].get("synonyms", []))
            ]
            for t in language.get("types", [])
        }
        slot_names = {
            intent: [n for (i, n) in self.slots if i == intent] for intent in self._samples
        }
        self._forms = {name: {form for form, _i, _n in forms} for name, forms in self.types.items()}
        self._type_words = {
            name: frozenset(w for form in forms for w in form.split())
            for name, forms in self._forms.items()
        }
        self._lists: dict[str, frozenset[str]] = {}
        # Phrase slots (AMAZON.SearchQuery) take a whole story: Alexa fills them with
        # everything around the sample's carrier words.
        self._phrases: dict[str, frozenset[str]] = {}
        for (owner, name), info in self.slots.items():
            if info.multiple:
                self._lists[owner] = self._lists.get(owner, frozenset()) | {name}
            if info.type == SEARCH_QUERY:
                self._phrases[owner] = self._phrases.get(owner, frozenset()) | {name}
        self._type_content_words = {
            name: frozenset(w for w in type_words if w not in _FUNCTION_WORDS and len(w) > 2)
            for name, type_words in self._type_words.items()
        }
        # Slots an intent has a bare sample for ("{symptom}"), and the words only one
        # custom type's values have: no other type's, and no sample's own words.
        # Only an intent that is mostly that one thing said (at most two other slots, as a
        # symptom's place and context): a whole line in a diary entry's place slot would
        # lose its other details.
        self._bare_slots = [
            info
            for (intent, name), info in self.slots.items()
            if info.type in self.types
            and f"{{{name}}}" in self._samples.get(intent, [])
            and len(slot_names.get(intent, ())) <= 3
        ]
        carrier_words = frozenset(
            w for samples in self._samples.values() for s in samples for w in _sample_words(s)
        )
        self._distinctive = {
            name: words.difference(
                carrier_words,
                *(other for o, other in self._type_content_words.items() if o != name),
            )
            for name, words in self._type_content_words.items()
        }
        # Those words that are a whole value by themselves ("slurred", "convulsing"): one
        # of them says the value, however much else the line says around it.
        self._whole_values = {
            name: frozenset(form for form in self._forms[name] if " " not in form) & words
            for name, words in self._distinctive.items()
        }
        # Values of several words with one of those words in them ("can't swallow").
        self._phrase_values = {
            name: tuple(
                form
                for form in self._forms[name]
                if " " in form and not words.isdisjoint(form.split())
            )
            for name, words in self._distinctive.items()
        }
        templates = [
            template_of(name, _sample_words(sample), slot_names.get(name, ()))
            for name, samples in self._samples.items()
            for sample in samples
        ]
        values_by_intent: dict[str, frozenset[str]] = {}
        for (owner, _name), info in self.slots.items():
            content = self._type_content_words.get(info.type, frozenset())
            values_by_intent[owner] = values_by_intent.get(owner, frozenset()) | content
        self._lexicon = replace(
            Lexicon.learn(templates, values_by_intent),
            amount_slots={
                intent: frozenset(n for n in names if self.slots[(intent, n)].type == DURATION)
                for intent, names in slot_names.items()
            },
            moment_slots={
                intent: frozenset(n for n in names if self.slots[(intent, n)].type in (TIME, DATE))
                for intent, names in slot_names.items()
            },
            # A list value's words that no other slot of the intent also has: "side" is a
            # place's word as much as a trigger's ("five a side"), so "on the left side
            # this evening" is no clause of a trigger.
            clause_words={
                owner: frozenset()
                .union(
                    *(
                        self._type_content_words.get(self.slots[(owner, n)].type, frozenset())
                        for n in names
                    )
                )
                .difference(
                    *(
                        self._type_content_words.get(info.type, frozenset())
                        for (o, n), info in self.slots.items()
                        if o == owner and n not in names
                    )
                )
                for owner, names in self._lists.items()
            },
            amount_owners={
                owner: frozenset()
                .union(
                    *(
                        self._type_content_words.get(self.slots[(owner, n)].type, frozenset())
                        for n in names
                    )
                )
                .difference(carrier_words)
                for owner, names in self._lists.items()
            },
            amount_doings={
                owner: frozenset(
                    word
                    for n in names
                    for word in self._type_content_words.get(self.slots[(owner, n)].type, ())
                    if word.endswith(("ing", "ed", "pt"))
                )
                for owner, names in self._lists.items()
            },
        )
        self._lexicon = replace(
            self._lexicon,
            rival_carriers=self._rival_carriers(templates),
            value_tails=self._value_tails(),
        )
        self._index = TemplateIndex(templates, slot_words=self._slot_words)
        self._vocabulary: dict[str, frozenset[str]] = {
            name: frozenset(
                w for sample in samples for w in _sample_words(sample) if not w.startswith("{")
            )
            for name, samples in self._samples.items()
        }
        # For each intent and slot type, computed once: the content words only the type
        # has within the intent (no carrier word), and those of the intent's other custom
        # types that the type does not share.
        self._own_words: dict[tuple[str, str], frozenset[str]] = {}
        self._other_values: dict[tuple[str, str], frozenset[str]] = {}
        for (owner, _name), info in self.slots.items():
            content = self._type_content_words.get(info.type, frozenset())
            others = {
                other.type
                for (other_owner, _n), other in self.slots.items()
                if other_owner == owner and other.type != info.type
            }
            self._own_words[(owner, info.type)] = content.difference(self._vocabulary[owner])
            self._other_values[(owner, info.type)] = (
                frozenset()
                .union(*(self._type_content_words.get(t, frozenset()) for t in others))
                .difference(content)
            )
        # A slot's own short samples with it alone: how a detail is said anywhere.
        self._extras: dict[str, dict[str, list[tuple[tuple[bool, str], ...]]]] = {}
        for (intent, name), info in self.slots.items():
            patterns = [
                template_of(intent, _sample_words(sample), (name,)).tokens
                for sample in dict.fromkeys([*info.samples, f"{{{name}}}"])
            ]
            self._extras.setdefault(intent, {})[name] = [
                p
                for p in patterns
                if len(p) <= 5
                and sum(1 for is_slot, _ in p if is_slot) == 1
                and all(is_slot or "{" not in word for is_slot, word in p)
            ]
        # For answers to an elicitation: the slot's own samples, or its bare value.
        self._slot_index = {
            key: TemplateIndex(
                (
                    template_of(info.intent, _sample_words(sample), slot_names[info.intent])
                    for sample in dict.fromkeys([*info.samples, f"{{{info.name}}}"])
                ),
                slot_words=self._slot_words,
            )
            for key, info in self.slots.items()
        }

    def _value_tails(self) -> dict[str, dict[str, dict[str, frozenset[str]]]]:
        """For each slot, its one-word values that end another custom slot's longer value,
        and the words before them there: "side" ends the SIDE value "right side", so a
        place read as "side" right after "right" is the side said again."""
        tails: dict[str, dict[str, dict[str, set[str]]]] = {}
        for (intent, name), info in self.slots.items():
            own = self._forms.get(info.type, set())
            for (other_intent, other), other_info in self.slots.items():
                if other_intent != intent or other == name or other_info.type == info.type:
                    continue
                for form in self._forms.get(other_info.type, set()):
                    *before, last = form.split()
                    if before and last in own:
                        by_word = tails.setdefault(intent, {}).setdefault(name, {})
                        by_word.setdefault(last, set()).add(before[-1])
        return {
            intent: {
                name: {word: frozenset(words) for word, words in by_word.items()}
                for name, by_word in by_name.items()
            }
            for intent, by_name in tails.items()
        }

    def _rival_carriers(self, templates: list[Template]) -> dict[str, dict[str, RivalWords]]:
        """For each slot, the words said right before (or after) another slot of the intent
        with the same type and never before (after) it: "since {since}" beside "on {date}",
        "{ago} ago" beside "for {duration}". Only moments and amounts, and only a word said
        so in a few samples: the word beside a date or an amount says which one it is."""
        beside: dict[tuple[str, str, int], dict[str, int]] = {}
        for template in templates:
            tokens = template.tokens
            for at in range(len(tokens) - 1):
                (first_slot, first), (second_slot, second) = tokens[at], tokens[at + 1]
                if second_slot and not first_slot:
                    counts = beside.setdefault((template.intent, second, -1), {})
                    counts[first] = counts.get(first, 0) + 1
                if first_slot and not second_slot:
                    counts = beside.setdefault((template.intent, first, 1), {})
                    counts[second] = counts.get(second, 0) + 1
        # A slot's own samples ("(for|just|only) {duration}") say its own words too.
        for (intent, name), info in self.slots.items():
            for sample in info.samples:
                tokens = template_of(intent, _sample_words(sample), (name,)).tokens
                for at in range(len(tokens) - 1):
                    if tokens[at + 1] == (True, name) and not tokens[at][0]:
                        beside.setdefault((intent, name, -1), {}).setdefault(tokens[at][1], 0)
                    if tokens[at] == (True, name) and not tokens[at + 1][0]:
                        beside.setdefault((intent, name, 1), {}).setdefault(tokens[at + 1][1], 0)
        rivals: dict[str, dict[str, RivalWords]] = {}
        for (intent, name), info in self.slots.items():
            if info.type not in (TIME, DATE, DURATION):
                continue
            sides = []
            for side in (-1, 1):
                own = beside.get((intent, name, side), {})
                theirs = {
                    word
                    for (owner, other), other_info in self.slots.items()
                    if owner == intent and other != name and other_info.type == info.type
                    for word, count in beside.get((intent, other, side), {}).items()
                    if count >= RIVAL_WORD_SAMPLES
                }
                # A filler ("again", "like") says nothing of which slot follows it.
                sides.append(frozenset(theirs - own.keys() - _ONE_WORD_FILLERS))
            if any(sides):
                rivals.setdefault(intent, {})[name] = RivalWords(*sides)
        return rivals

    # --- slot values as Alexa would fill them --------------------------------------------

    def _resolve(self, type_name: str, spoken: str) -> dict[str, Any]:
        for form, value_id, canonical in self.types.get(type_name, []):
            if form == spoken:
                return resolutions(type_name, value_id, canonical, self.skill_id)
        return resolutions(type_name, None, skill_id=self.skill_id)

    def _list_items(self, type_name: str, spoken: str) -> list[str]:
        """Values of a multi-value slot: split on "and" / "or", then into known values
        ("coffee running" -> "coffee", "running") where the words allow it."""
        forms = self._forms.get(type_name, set())
        items: list[str] = []
        # "no tea or coffee": a denial reaches over "or", so that list is one item.
        denying = not DENIALS.isdisjoint(spoken.split())
        for chunk in re.split(r"\band\b" if denying else r"\band\b|\bor\b", spoken):
            words = chunk.split()
            # "no caffeine" is not "no" and "caffeine": a denied value stays whole.
            denied = chunk.strip() not in forms and not DENIALS.isdisjoint(words)
            split = None if denied else _segment(words, forms)
            items += split or ([" ".join(words)] if words else [])
        return items

    def slot_json(self, info: SlotInfo, spoken: str, today: date) -> dict[str, Any] | None:
        """The request JSON for a slot heard as ``spoken``; None if not a value of its type."""
        spoken = normalise(spoken)
        if not spoken:
            return None
        if info.multiple:
            values = []
            for item in self._list_items(info.type, spoken):
                one = self.slot_json(
                    SlotInfo(info.intent, info.name, info.type, False, ()), item, today
                )
                if one is None:
                    return None
                values.append({k: one[k] for k in ("value", "resolutions") if k in one})
            return list_slot(info.name, values)
        converter = CONVERTERS.get(info.type)
        if converter is not None:
            value = converter(spoken, today)
            if value is None:
                return None
            return slot(info.name, value, slotValue={"type": "Simple", "value": value})
        if info.type in self.types:
            resolved = self._resolve(info.type, spoken)
            return slot(
                info.name,
                spoken,
                resolutions=resolved,
                slotValue={"type": "Simple", "value": spoken, "resolutions": resolved},
            )
        return slot(info.name, spoken, slotValue={"type": "Simple", "value": spoken})

    def _list_slots(self, intent: str) -> frozenset[str]:
        """The intent's multi-value slots."""
        return self._lists.get(intent, frozenset())

    def _extras_of(self, intent: str) -> dict[str, list[tuple[tuple[bool, str], ...]]]:
        return self._extras.get(intent, {})

    def _slot_words(self, intent: str, name: str) -> frozenset[str]:
        """The words the values of a custom slot are made of."""
        return self._type_words.get(self.slots[(intent, name)].type, frozenset())

    def _known_inside(self, type_name: str, words: tuple[str, ...]) -> tuple[str, int, int] | None:
        """The longest known value of the type inside the words, and how many words are left
        before and after it."""
        forms = self._forms.get(type_name, set())
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                # A value said in the plural ("too many flat whites") is the value too:
                # kept as said, as Alexa sends it; the skill's second look makes it singular.
                last = words[start + size - 1]
                plural = (*words[start : start + size - 1], last if "'" in last else singular(last))
                if phrase in forms or " ".join(plural) in forms:
                    # "haven't had any coffee": the value said is denied, not meant.
                    if not DENIALS.isdisjoint(words[:start]):
                        return None
                    return phrase, start, len(words) - size - start
        return None

    def _says_more(
        self, info: SlotInfo, words: tuple[str, ...], inside: tuple[str, int, int]
    ) -> bool:
        """Whether the words around a known value hold another word only the type's values
        have: the phrase as a whole is the value, in new words."""
        phrase, before, after = inside
        rest = words[:before] + words[len(words) - after :]
        own = self._own_words[(info.intent, info.type)].difference(phrase.split())
        return not own.isdisjoint(rest)

    def _compound(self, type_name: str, words: tuple[str, ...]) -> bool:
        """One value said with side words inside ("under my left eye"), or two values joined
        by a preposition ("sole of my left foot") or side by side ("left hand thumb")."""
        forms = self._forms.get(type_name, set())
        unsided = [w for w in words if w not in _SIDE_WORDS]
        inside = any(w in _SIDE_WORDS for w in words[1:-1])  # at an end it is {side}
        if inside and " ".join(unsided) in forms:
            return True
        for at, word in enumerate(words):
            if word in _JOINING and 0 < at < len(words) - 1:
                head = " ".join(w for w in words[:at] if w not in _PLACE_FRAME)
                tail = " ".join(w for w in words[at + 1 :] if w not in _PLACE_FRAME)
                return head in forms and tail in forms
        # Side by side, two places are one ("left hand thumb"), but not across a "my" that
        # starts another phrase ("half an hour back, my left shoulder ...").
        if not {"my", "the", "me"}.isdisjoint(words[1:]):
            return False
        bare = [w for w in words if w not in _PLACE_FRAME]
        return any(
            " ".join(bare[:at]) in forms and " ".join(bare[at:]) in forms
            for at in range(1, len(bare))
        )

    def _custom_fill(self, info: SlotInfo, words: tuple[str, ...], today: date) -> SlotFill | None:
        """The fill for words heard in a custom slot of one value."""
        one = SlotInfo(info.intent, info.name, info.type, False, ())
        spoken = " ".join(words)
        if spoken in self._forms.get(info.type, set()):
            filled = self.slot_json(one, spoken, today)
            return None if filled is None else SlotFill(0.0, filled, False)
        plain = tuple(w for w in words if w not in _INTENSIFIERS)
        if len(plain) < len(words) and " ".join(plain) in self._forms.get(info.type, set()):
            # "went completely numb", "gone all droopy": the value with a word of emphasis
            # inside, as Alexa's entity resolution still matches it.
            filled = self.slot_json(one, " ".join(plain), today)
            emphasis = 0.1 * (len(words) - len(plain))
            return None if filled is None else SlotFill(emphasis, filled, False)
        if self._compound(info.type, words):
            # "pinky on my right hand": one place said with another; Alexa hears it whole
            # (no value of the type) and the skill takes its head.
            filled = self.slot_json(one, spoken, today)
            return None if filled is None else SlotFill(0.2, filled, False)
        inside = self._known_inside(info.type, words)
        if inside is not None and info.multiple and self._says_more(info, words, inside):
            inside = None  # "running on four hours of sleep": more than "running" was said
        if inside is not None:  # an over-long capture: keep the known value it holds
            # Words after the value are an afterthought ("can't lift it at all"); words
            # before it cost more, so a capture does not swallow a lead-in ("why eyelid").
            phrase, before, after = inside
            filled = self.slot_json(one, phrase, today)
            # A word that says which other intent is meant ("droopy") is not swallowed.
            telling = sum(1 for w in words if self._lexicon.tells_other(info.intent, w))
            cost = 0.3 + 0.6 * before + 0.4 * after + 0.6 * telling
            return None if filled is None else SlotFill(cost, filled, False)
        # Words outside the type: not too many, and none of the intent's own carrier
        # words ("calf for about two minutes" is no place; "for" belongs to the sentence).
        # An item of a list slot (triggers: "didn't sleep a wink") that shares a meaningful
        # word with the type's values ("bad sleep") is likelier a value said in new words
        # than a stray lead-in, as a statistical NLU weighs it: its articles and the
        # type's own words are no sign of the sentence's frame, and it costs less.
        content = self._type_content_words.get(info.type, frozenset())
        typed = info.multiple and not content.isdisjoint(words)
        carriers = self._vocabulary[info.intent]
        if all(w in _FUNCTION_WORDS for w in words):
            return None  # "not", "it was": no value in new words says nothing else
        if not info.multiple and any(self._lexicon.tells_other(info.intent, w) for w in words):
            # "collapsed" is no place: another intent's word. (A list item keeps such words:
            # "i couldn't breathe" heard as a trigger still reaches the emergency rules.)
            return None
        # A value in new words ends on a word that means something, not on the glue of
        # what follows ("stuffed had a shocker of" runs into the next clause).
        if info.multiple and words[-1] in _DANGLING:
            return None
        if typed:  # a frame word swallowed sits at an end ("at all" inside is no frame)
            # A denial opening it is the value's own polarity ("not drunk much water").
            carriers = carriers.difference(_DETERMINERS, content, DENIALS)
            if len(words) > 6 or words[0] in carriers or words[-1] in carriers:
                return None
        else:
            # "glasses of wine", "difficulty in breathing": words that join a phrase
            # inside it are no sign of the sentence's frame.
            carriers = carriers.difference(_PHRASE_JOINERS.intersection(words[1:-1]))
            if info.multiple:  # "an antihistamine": a list item may start with an article
                # A value in new words ends on a word that means something, not on the
                # glue of what follows ("stuffed had a shocker of" runs into a clause).
                carriers = carriers.difference(_DETERMINERS.intersection(words[1:-1]))
                carriers = carriers.difference(_ARTICLES.intersection(words[:1]))
            if len(words) > 6 or not carriers.isdisjoint(words):
                return None
            # A value in new words is not made of another detail's words ("arm feels
            # heavy" is no side: it is about the arm).
            if not self._other_values[(info.intent, info.type)].isdisjoint(words):
                return None
        filled = self.slot_json(one, spoken, today)
        if filled is None:
            return None
        if typed:
            # Said as a clause of its own, it must share a word that is the type's alone
            # ("slept", not "all" as in "at all"), or the clause is likely something else.
            own = not self._own_words[(info.intent, info.type)].isdisjoint(words)
            # ... and no word of another detail ("my arm feels heavy" is about the arm).
            own = own and self._other_values[(info.intent, info.type)].isdisjoint(words)
            return SlotFill(0.2 + 0.3 * len(words), filled, True, typed=own)
        # A list item runs on more freely ("a few glasses of wine"): what follows a
        # carrier like "after" is most often the whole of it.
        per_word = 0.35 if info.multiple else 0.45
        return SlotFill(0.5 + per_word * len(words), filled, True)

    def _filler(self, today: date) -> Callable[[str, str, tuple[str, ...]], SlotFill | None]:
        cache: dict[tuple[str, str, tuple[str, ...]], SlotFill | None] = {}

        def fill(intent: str, name: str, words: tuple[str, ...]) -> SlotFill | None:
            key = (intent, name, words)
            if key not in cache:
                cache[key] = self._fill_words(self.slots[(intent, name)], words, today)
            return cache[key]

        return fill

    def _fill_words(self, info: SlotInfo, words: tuple[str, ...], today: date) -> SlotFill | None:
        if info.type == SEARCH_QUERY:
            filled = self.slot_json(info, " ".join(words), today)
            return None if filled is None else SlotFill(1.6 + 0.02 * len(words), filled, True)
        if info.type not in self.types:
            filled = self.slot_json(info, " ".join(words), today)
            return None if filled is None else SlotFill(0.0, filled, False)
        if not info.multiple:
            return self._custom_fill(info, words, today)
        if ends_a_guessed_amount(words, len(words) - 1):
            return None  # "footy training a minute or two": the amount is no cause
        listed = self._list_items(info.type, " ".join(words))
        items = [self._custom_fill(info, tuple(item.split()), today) for item in listed]
        fills = [item for item in items if item is not None]
        if not fills or len(fills) < len(items):
            return None
        known = any(not item.open for item in fills)
        cost = 0.0
        values = []
        for item in fills:
            # Listed beside a known value ("coffee, running and gardening"), an unknown
            # item is a value too, not a stray word.
            words_said = len(item.json["value"].split())
            cost += 0.2 + 0.2 * words_said if item.open and known else item.cost
            values.append({k: item.json[k] for k in ("value", "resolutions") if k in item.json})
        typed = not known and all(item.typed for item in fills)
        return SlotFill(cost, list_slot(info.name, values), not known, typed=typed)

    def _best(self, text: str, today: date, accept: Callable[[str], bool]) -> Understanding | None:
        words = text.split()
        found = best_alignment(
            self._index,
            words,
            self._filler(today),
            accept,
            extras=self._extras_of,
            lexicon=self._lexicon,
            lists=self._list_slots,
            phrases=lambda intent: self._phrases.get(intent, frozenset()),
        )
        return None if found is None else _understanding(found)

    # --- public API ------------------------------------------------------------------------

    def match(
        self, line: str, today: date, *, only: Iterable[str] | None = None
    ) -> Understanding | None:
        """The intent the line means (among ``only`` when given), or None."""
        text = normalise(line)
        if not text:
            return None
        allowed = set(only) if only is not None else None
        found = self._best(text, today, lambda name: allowed is None or name in allowed)
        if found is None:
            return None
        return self._refined_place(self._last_night_dated(found, text, today), text, today)

    def _slot_of_type(self, intent: str, type_name: str) -> SlotInfo | None:
        """The intent's one slot of that type (None when it has none, or several)."""
        found = [info for (owner, _n), info in self.slots.items() if owner == intent
                 and info.type == type_name]  # fmt: skip
        return found[0] if len(found) == 1 else None

    def _refined_place(self, found: Understanding, text: str, today: date) -> Understanding:
        """ "My left foot, the sole of it", "bicep twitch, right arm": a value said again, one
        within the other (``is_part_of`` over the values' ids), is the finer one, wherever in
        the line it was said (but not inside another slot's words: "after a hand workout"
        is no hand). Any single-value custom slot whose values the relation knows."""
        for name, filled in found.slots.items():
            info = self.slots.get((found.intent, name))
            whole = resolved_id(filled)
            if info is None or info.multiple or whole is None or not knows_parts(whole):
                continue
            others = " ".join(
                str(s.get("value") or "") for n, s in found.slots.items() if n != name
            )
            spoken = self._finest_within(info.type, whole, text.split(), others)
            refined = None if spoken is None else self.slot_json(info, spoken, today)
            if refined is not None:
                return replace(found, slots={**found.slots, name: refined})
        return found

    def _finest_within(
        self, type_name: str, whole: str, words: list[str], others: str
    ) -> str | None:
        """The words of the finest value of the type said within ``whole``, if any."""
        finer: list[tuple[str, str]] = []  # (spoken, id)
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                spoken = " ".join(words[start : start + size])
                if (
                    spoken not in self._forms.get(type_name, set())
                    or f" {spoken} " in f" {others} "
                    # "after a hand workout": the cause's words, not a place
                    or not CAUSE_OPENERS.isdisjoint(words[max(0, start - 2) : start])
                ):
                    continue
                value_id = resolved_id({"resolutions": self._resolve(type_name, spoken)})
                if value_id is not None and is_part_of(value_id, whole):
                    finer.append((spoken, value_id))
        # The finest of them: one no other found value lies within.
        return next((s for s, v in finer if not any(is_part_of(o, v) for _, o in finer)), None)

    def _last_night_dated(self, found: Understanding, text: str, today: date) -> Understanding:
        """ "Half past ten last night": the clock time (the intent's AMAZON.TIME slot) says
        the hour and "last night" the day, yesterday's, which its AMAZON.DATE slot then
        carries (an evening hour only: "two last night" is the small hours of today)."""
        time_info = self._slot_of_type(found.intent, TIME)
        date_info = self._slot_of_type(found.intent, DATE)
        if time_info is None or date_info is None:
            return found
        if found.slots.get(date_info.name, {}).get("value"):
            return found
        time_value = found.slots.get(time_info.name, {}).get("value") or ""
        clock = re.fullmatch(r"(\d{2}):\d{2}", time_value)
        if clock is None or int(clock.group(1)) < EVENING_HOUR or not _LAST_NIGHT.search(text):
            return found
        dated = self.slot_json(date_info, "yesterday", today)
        if dated is None:
            return found
        return replace(found, slots={**found.slots, date_info.name: dated})

    def understand(self, line: str, today: date) -> Understanding:
        """Like ``match``, but a line that means nothing becomes AMAZON.FallbackIntent,
        unless words only one slot type has are in it (see ``_said_as_slot``)."""
        repaired = self._self_repaired(line, today)
        if repaired is not None:
            return repaired
        found = self.match(line, today)
        if found is not None and found.cost >= LOOSE_MATCH_COST:
            # Most of a long line went unexplained: if it is a catch-all slot's, the
            # slot gets the whole line, and the words that decide (", but it's fine
            # now") are not lost.
            whole = self._said_as_slot(line, today, only=found.intent)
            found = whole or found
        return found or self._said_as_slot(line, today) or Understanding(FALLBACK)

    def _self_repaired(self, line: str, today: date) -> Understanding | None:
        """A line the speaker corrected on the way ("my tummy, wait no, my left ribs"): what
        follows the correction says again what it replaces, so its slots win over the ones
        said before it, within the intent the line opened with."""
        text = normalise(line)
        found = _REPAIR.search(text)
        if found is None:
            return None
        before, after = text[: found.start()].strip(), text[found.end() :].strip()
        if not before or not after:
            return None
        first = self.match(before, today)
        if first is None:
            return None
        second = self.match(after, today, only=(first.intent,))
        if second is None:
            # Too short to stand alone ("..., no wait, yesterday"): it adds to what came before.
            return self.match(f"{before} {after}", today, only=(first.intent,))
        # What is said again replaces what was said of the same kind (a place, a day); the
        # rest stands ("my right pinky, no wait, my ring finger": still the right hand).
        said_again = {self.slots[(first.intent, name)].type for name in second.slots}
        kept = {
            name: value
            for name, value in first.slots.items()
            if self.slots[(first.intent, name)].type not in said_again
        }
        return Understanding(first.intent, {**kept, **second.slots}, first.cost + second.cost)

    def _said_as_slot(
        self, line: str, today: date, only: str | None = None
    ) -> Understanding | None:
        """A line no sample fits, with words that only one custom type's values have
        ("struggling to get my breath", "my tongue feels thick and swallowing is hard"):
        the intent whose bare sample is that slot, the whole line in it, as a statistical
        NLU fills a catch-all slot. The skill then reads the words (for an emergency,
        its rules decide)."""
        text = normalise(line)
        said = set(text.split())
        best: tuple[int, SlotInfo] | None = None
        for info in self._bare_slots:
            if only is not None and info.intent != only:
                continue
            hits = len(said & self._distinctive.get(info.type, frozenset()))
            # Unless the intent is already heard, two such words, not one: a single word
            # in a line about something else ("a timer for my calf stretches") is no sign;
            # one that is a whole value by itself ("... slurred and i have not had a
            # drink") is.
            whole = not said.isdisjoint(self._whole_values.get(info.type, frozenset()))
            # ... and so is a value of several words said as it is ("can't swallow").
            whole = whole or any(
                f" {phrase} " in f" {text} " for phrase in self._phrase_values.get(info.type, ())
            )
            needed = 1 if only or whole else 2
            if hits >= needed and (best is None or hits > best[0]):
                best = (hits, info)
        if best is None:
            return None
        info = best[1]
        filled = self.slot_json(SlotInfo(info.intent, info.name, info.type, False, ()), text, today)
        return None if filled is None else Understanding(info.intent, {info.name: filled}, 9.0)

    def fill_slot(
        self, line: str, intent: str, slot_name: str, today: date, *, bare_open: bool
    ) -> dict[str, dict[str, Any]] | None:
        """The slots filled by an answer to the elicitation of ``slot_name``, or None.

        The answer may be one of the slot's own samples ("it was my {location}", which
        may fill other slots of the intent too) or the bare value. ``bare_open`` allows a
        bare answer to be taken as an open value (custom type without a match, or
        AMAZON.SearchQuery); without it such an answer is not a fill, and neither is one
        that leaves much unexplained ("my mum's face is drooping" to "which muscle?"): the
        caller first sees whether the line means something else.
        """
        info = self.slots[(intent, slot_name)]
        words = normalise(line).split()
        found = best_alignment(
            self._slot_index[(intent, slot_name)],
            words,
            self._filler(today),
            lambda _: True,
            anchor=False,
        )
        if found is None or slot_name not in found.slots:
            return None
        filled = found.slots[slot_name]
        if not bare_open and found.cost > CLEAR_ANSWER_COST:
            return None
        bare = found.literals == 0 and len(found.slots) == 1
        if bare and filled.open and not bare_open and info.type in (SEARCH_QUERY, *self.types):
            return None
        return {name: fill.json for name, fill in found.slots.items()}

    def yes_or_no(self, line: str) -> str | None:
        """ "yes" or "no" for a confirmation answer, else None."""
        text = normalise(line)
        for answer, name in (("yes", "AMAZON.YesIntent"), ("no", "AMAZON.NoIntent")):
            phrases = [*BUILT_IN_PHRASES[name], *self._samples.get(name, [])]
            if text in map(normalise, phrases):
                return answer
        return None

    def invocation_of(self, line: str) -> tuple[str, str] | None:
        """("launch", "") for "open muscle twitch diary"; ("one-shot", rest) for
        "ask muscle twitch diary <rest>"; None when the line does not name the skill."""
        text = normalise(line)
        text = re.sub(r"^alexa\s+", "", text)
        for verb in LAUNCH_VERBS:
            if text == f"{verb} {self.invocation}":
                return "launch", ""
        for verb in ONE_SHOT_VERBS:
            prefix = f"{verb} {self.invocation} "
            if text.startswith(prefix):
                return "one-shot", text[len(prefix) :]
        return None

    def one_shot(self, rest: str, today: date) -> Understanding:
        """The intent of the words after "ask <invocation>", dropping a connecting word."""
        found = self.match(rest, today)
        first, _, remainder = rest.partition(" ")
        if found is None and first in CONNECTORS and remainder:
            found = self.match(remainder, today)
        return found or Understanding(FALLBACK)


def _segment(words: list[str], forms: set[str]) -> list[str] | None:
    """Split words into a sequence of known forms, preferring longer forms; None if impossible."""
    if not words:
        return []
    for end in range(len(words), 0, -1):
        head = " ".join(words[:end])
        if head in forms:
            rest = _segment(words[end:], forms)
            if rest is not None:
                return [head, *rest]
    return None


def _understanding(found: Alignment) -> Understanding:
    return Understanding(
        found.template.intent,
        {name: fill.json for name, fill in found.slots.items()},
        found.cost,
    )


def _sample_words(sample: str) -> list[str]:
    """A sample's words, normalised like a typed line, with each "{slot}" kept whole."""
    words: list[str] = []
    for i, piece in enumerate(_SLOT_REF.split(sample)):
        words += [f"{{{piece}}}"] if i % 2 else normalise(piece).split()
    return words
