"""Typed lines to intents and slots, the way Alexa would, from the interaction model alone.

Sample utterances become hassil sentence templates: each ``{slot}`` refers to a list
built from the slot's type. Custom types are tried first as closed lists of values
and synonyms (so "eye lid" resolves to the value id ``eyelid``); if nothing matches,
they are retried as open wildcards, giving ER_SUCCESS_NO_MATCH like Alexa does for
words outside the type. Built-in types (AMAZON.DURATION, TIME, DATE, NUMBER) are
wildcards whose text must convert to Alexa's format, or the parse is rejected;
AMAZON.SearchQuery takes whatever is left; multi-value slots are split on "and",
"or" and commas, each value resolved on its own.

Nothing here knows a specific intent: a new intent in the model is understood as
soon as the model is regenerated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hassil import Intents, TextChunk, TextSlotList, TextSlotValue, WildcardSlotList
from hassil.intents import SlotList
from hassil.recognize import RecognizeResult, recognize_all

from skill.chat.envelopes import SKILL_ID, list_slot, resolutions, slot
from skill.chat.slot_values import CONVERTERS

SEARCH_QUERY = "AMAZON.SearchQuery"

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

RUN_PREFIX = "run__"
_SLOT_REF = re.compile(r"\{([A-Za-z_]+)\}")
_ABBREVIATION = re.compile(r"\b((?:[a-z]\.\s?){2,})")


def normalise(text: str) -> str:
    """Lower case, spelled abbreviations joined ("g. p." -> "gp"), punctuation dropped."""
    text = text.lower().replace("’", "'")
    text = _ABBREVIATION.sub(lambda m: m.group(1).replace(".", "").replace(" ", "") + " ", text)
    text = re.sub(r"[^a-z0-9': ]+", " ", text.replace("-", " "))
    text = re.sub(r"(?<!\d):|:(?!\d)", " ", text)  # keep clock times like 20:15
    return " ".join(text.split())


@dataclass(frozen=True)
class SlotInfo:
    intent: str
    name: str
    type: str
    multiple: bool
    samples: tuple[str, ...]

    @property
    def list_name(self) -> str:
        return f"{self.intent}__{self.name}"


@dataclass
class Understanding:
    """An intent with the slots Alexa would fill (request JSON, keyed by slot name)."""

    intent: str
    slots: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True, order=True)
class _Score:
    """Lower is better: fewer wildcards, more literal words, less wildcard text."""

    wildcards: int
    literal: int
    wildcard_text: int
    intent: str


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
        self._runs: set[str] = set()
        self._intents = self._compile(self._samples)
        # For answers to an elicitation: the slot's own samples, or its bare value.
        self._slot_intents = {
            key: self._compile(
                {info.intent: list(dict.fromkeys([*info.samples, f"{{{info.name}}}"]))}
            )
            for key, info in self.slots.items()
        }
        # Lists last: compiling may add runs of adjacent slots.
        self._strict_lists = self._lists(open_custom=False)
        self._open_lists = self._lists(open_custom=True)

    # --- building hassil templates ---------------------------------------------------------

    def _template(self, intent: str, sample: str) -> str:
        """A hassil template; a run of adjacent slots ("{duration} {date}") becomes one
        wildcard that ``_split_run`` divides, since hassil cannot split two wildcards."""
        parts: list[str] = []
        run: list[str] = []

        def flush() -> None:
            if len(run) == 1:
                info = self.slots[(intent, run[0])]
                parts.append(f"{{{info.list_name}:{run[0]}}}")
            elif run:
                name = RUN_PREFIX + "__".join(run)
                self._runs.add(f"{intent}__{name}")
                parts.append(f"{{{intent}__{name}:{name}}}")
            run.clear()

        for i, piece in enumerate(_SLOT_REF.split(sample)):
            if i % 2 and (intent, piece) in self.slots:
                run.append(piece)
            elif i % 2:
                flush()
                parts.append(normalise(piece))
            elif piece.strip() or not run:
                flush()
                parts.append(normalise(piece))
        flush()
        return " ".join(p for p in parts if p)

    def _compile(self, samples: dict[str, list[str]]) -> Intents:
        data = {
            name: {"data": [{"sentences": [self._template(name, s) for s in texts]}]}
            for name, texts in samples.items()
            if texts
        }
        return Intents.from_dict({"language": "en", "intents": data})

    def _lists(self, *, open_custom: bool) -> dict[str, SlotList]:
        lists: dict[str, SlotList] = {name: WildcardSlotList(name=name) for name in self._runs}
        for info in self.slots.values():
            closed = info.type in self.types and not info.multiple and not open_custom
            if closed:
                lists[info.list_name] = TextSlotList(
                    name=info.list_name,
                    values=[
                        TextSlotValue(text_in=TextChunk(form), value_out=form)
                        for form, _id, _name in self.types[info.type]
                        if form
                    ],
                )
            else:
                lists[info.list_name] = WildcardSlotList(name=info.list_name)
        return lists

    # --- turning hassil results into Alexa slots --------------------------------------------

    def _resolve(self, type_name: str, spoken: str) -> dict[str, Any]:
        for form, value_id, canonical in self.types.get(type_name, []):
            if form == spoken:
                return resolutions(type_name, value_id, canonical, self.skill_id)
        return resolutions(type_name, None, skill_id=self.skill_id)

    def _list_items(self, type_name: str, spoken: str) -> list[str]:
        """Values of a multi-value slot: split on "and" / "or", then into known values
        ("coffee running" -> "coffee", "running") where the words allow it."""
        forms = {form for form, _id, _name in self.types.get(type_name, [])}
        items: list[str] = []
        for chunk in re.split(r"\band\b|\bor\b", spoken):
            words = chunk.split()
            items += _segment(words, forms) or ([" ".join(words)] if words else [])
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

    def _split_run(
        self, intent: str, names: list[str], words: list[str], today: date, strict: bool
    ) -> dict[str, dict[str, Any]] | None:
        """Divide the words of adjacent slots between them so that every part is a value."""
        if len(names) == 1:
            filled = self._fill(self.slots[(intent, names[0])], " ".join(words), today, strict)
            return None if filled is None else {names[0]: filled}
        for cut in range(1, len(words) - len(names) + 2):
            first = self._fill(self.slots[(intent, names[0])], " ".join(words[:cut]), today, strict)
            if first is None:
                continue
            rest = self._split_run(intent, names[1:], words[cut:], today, strict)
            if rest is not None:
                return {names[0]: first, **rest}
        return None

    def _fill(
        self, info: SlotInfo, spoken: str, today: date, strict: bool
    ) -> dict[str, Any] | None:
        filled = self.slot_json(info, spoken, today)
        if filled is not None and strict and info.type in self.types and not info.multiple:
            code = filled["resolutions"]["resolutionsPerAuthority"][0]["status"]["code"]
            return filled if code == "ER_SUCCESS_MATCH" else None
        return filled

    def _understand(
        self, result: RecognizeResult, today: date, strict: bool
    ) -> tuple[_Score, Understanding] | None:
        intent = result.intent.name
        slots: dict[str, dict[str, Any]] = {}
        for name, entity in result.entities.items():
            text = str(entity.text or entity.value)
            if name.startswith(RUN_PREFIX):
                names = name[len(RUN_PREFIX) :].split("__")
                split = self._split_run(intent, names, normalise(text).split(), today, strict)
                if split is None:
                    return None
                slots.update(split)
                continue
            info = self.slots.get((intent, name))
            if info is None:
                return None
            filled = self._fill(info, text, today, strict)
            if filled is None:
                return None
            slots[name] = filled
        wildcards = [e for e in result.entities_list if e.is_wildcard]
        score = _Score(
            len(wildcards),
            -result.text_chunks_matched,
            sum(len(e.text or "") for e in wildcards),
            intent,
        )
        return score, Understanding(intent, slots)

    def _best(
        self, text: str, intents: Intents, today: date, accept: Callable[[str], bool]
    ) -> Understanding | None:
        for strict, lists in ((True, self._strict_lists), (False, self._open_lists)):
            found = []
            for result in recognize_all(text, intents, slot_lists=lists):
                understood = self._understand(result, today, strict)
                if understood is not None and accept(understood[1].intent):
                    found.append(understood)
            if found:
                return min(found, key=lambda pair: pair[0])[1]
        return None

    # --- public API ------------------------------------------------------------------------

    def match(
        self, line: str, today: date, *, only: Iterable[str] | None = None
    ) -> Understanding | None:
        """The intent the line means (among ``only`` when given), or None."""
        text = normalise(line)
        if not text:
            return None
        allowed = set(only) if only is not None else None
        return self._best(
            text, self._intents, today, lambda name: allowed is None or name in allowed
        )

    def understand(self, line: str, today: date) -> Understanding:
        """Like ``match``, but a line that means nothing becomes AMAZON.FallbackIntent."""
        return self.match(line, today) or Understanding(FALLBACK)

    def fill_slot(
        self, line: str, intent: str, slot_name: str, today: date, *, bare_open: bool
    ) -> dict[str, dict[str, Any]] | None:
        """The slots filled by an answer to the elicitation of ``slot_name``, or None.

        The answer may be one of the slot's own samples ("it was my {location}", which
        may fill other slots of the intent too) or the bare value. ``bare_open`` allows a
        bare answer to be taken as an open value (custom type without a match, or
        AMAZON.SearchQuery); without it such an answer is not a fill.
        """
        info = self.slots[(intent, slot_name)]
        text = normalise(line)
        open_value = info.type == SEARCH_QUERY or (info.type in self.types)
        for strict, lists in ((True, self._strict_lists), (False, self._open_lists)):
            for result in recognize_all(text, self._slot_intents[(intent, slot_name)], lists):
                understood = self._understand(result, today, strict)
                if understood is None or slot_name not in understood[1].slots:
                    continue
                entity = result.entities.get(slot_name)
                bare = result.text_chunks_matched == 0 and len(result.entities) == 1
                if bare and entity is not None and entity.is_wildcard and open_value:
                    if not bare_open:
                        continue
                return understood[1].slots
        return None

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
