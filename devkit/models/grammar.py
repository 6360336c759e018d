"""Sample utterances from a template grammar, expanded at model build time.

``interaction_models/source/grammar/*.yaml`` write each intent's samples (and its
slots' elicitation samples) as hassil templates: ``(a|b)`` alternatives, ``[x]``
optional words, ``<rule>`` shared rules, ``{slot}`` slot references. hassil's own
parser and sampler expand them (``expand_lists=False`` keeps ``{slot}`` as Alexa
wants it), so there is no home-made expander to get wrong.

A full expansion of a rich grammar runs to hundreds of thousands of sentences, far
past what Alexa accepts or needs. Each intent has a budget (``max``): every template
keeps its shortest forms (all optional parts left out) and then an even, seeded share
of the rest, so every template and every shape is represented and the same grammar
always builds the same model.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hassil.expression import (
    Alternative,
    Expression,
    ListReference,
    RuleReference,
    Sentence,
    Sequence,
    TextChunk,
)
from hassil.parse_expression import parse_sentence
from hassil.sample import sample_expression

_SPACES = re.compile(r"\s+")
_SLOT_REF = re.compile(r"\{(\w+)\}")


@dataclass
class Grammar:
    """Rules, per-intent templates with budgets, and per-slot templates."""

    rules: dict[str, str] = field(default_factory=dict)
    intents: dict[str, tuple[int, list[str]]] = field(default_factory=dict)
    slots: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def merged(self, other: Grammar) -> Grammar:
        clash = set(self.rules) & set(other.rules)
        if clash:
            raise ValueError(f"grammar rules defined twice: {sorted(clash)}")
        slots = {k: dict(v) for k, v in self.slots.items()}
        for intent, by_slot in other.slots.items():
            slots.setdefault(intent, {}).update(by_slot)
        return Grammar({**self.rules, **other.rules}, {**self.intents, **other.intents}, slots)

    def with_rule_alternatives(self, extra: Mapping[str, list[str]]) -> Grammar:
        """A locale's extra alternatives for existing rules ("someone": ["my nan"])."""
        unknown = set(extra) - set(self.rules)
        if unknown:
            raise ValueError(f"locale adds to unknown grammar rules {sorted(unknown)}")
        rules = dict(self.rules)
        for name, alternatives in extra.items():
            rules[name] = "(" + "|".join([rules[name], *alternatives]) + ")"
        return Grammar(rules, self.intents, self.slots)


def load_grammar(directory: Path) -> Grammar:
    """Every ``*.yaml`` grammar in ``directory``, merged (an empty grammar if none)."""
    grammar = Grammar()
    for path in sorted(directory.glob("*.yaml")):
        data: dict[str, Any] = yaml.safe_load(path.read_text()) or {}
        intents = {
            name: (int(spec["max"]), list(spec["sentences"]))
            for name, spec in (data.get("intents") or {}).items()
        }
        slots = {
            intent: {slot: list(templates) for slot, templates in by_slot.items()}
            for intent, by_slot in (data.get("slots") or {}).items()
        }
        rules = {name: str(text).strip() for name, text in (data.get("rules") or {}).items()}
        grammar = grammar.merged(Grammar(rules, intents, slots))
    return grammar


def _clean(text: str) -> str:
    """Whitespace collapsed; "" for a sentence that names a slot twice, which Alexa
    rejects (two ``<detail>`` parts may both pick "for {duration}")."""
    slots = _SLOT_REF.findall(text)
    if len(slots) != len(set(slots)):
        return ""
    return _SPACES.sub(" ", text).strip()


class Expander:
    """Expands templates against one grammar's rules.

    A template with few sentences is enumerated by hassil's sampler. One with more
    than ``ENUMERATE_UP_TO`` (a long story template has millions) is sampled by
    seeded walks over the same parsed expression instead, which cover every alternative.
    """

    ENUMERATE_UP_TO = 300

    def __init__(self, rules: Mapping[str, str]) -> None:
        self._rules: dict[str, Sentence] = {
            name: parse_sentence(text, keep_text=True) for name, text in rules.items()
        }
        # Keyed by id(): parsed expressions live as long as the expander (rules) or the
        # template being expanded, and dataclass expressions are not hashable.
        self._counts: dict[tuple[int, bool], int] = {}
        self._templates: dict[str, Sentence] = {}

    def count(self, expression: Expression, shortest: bool = False) -> int:
        """How many sentences an expression stands for (repeats included); with
        ``shortest``, leaving every optional part out."""
        key = (id(expression), shortest)
        known = self._counts.get(key)
        if known is not None:
            return known
        if isinstance(expression, Alternative) and shortest and expression.is_optional:
            total = 1
        elif isinstance(expression, Alternative):
            total = sum(self.count(item, shortest) for item in expression.items)
        elif isinstance(expression, Sequence):
            total = math.prod(self.count(item, shortest) for item in expression.items)
        elif isinstance(expression, RuleReference):
            total = self.count(self._rules[expression.rule_name].expression, shortest)
        else:
            total = 1  # a text chunk or a {slot}
        self._counts[key] = total
        return total

    def _walk(
        self, expression: Expression, rng: random.Random, shortest: bool, used: Counter[int]
    ) -> str:
        """One sentence. At each choice the alternative used least so far in this template's
        walks is taken (ties at random): a budget of walks covers every phrase of every
        choice, not mostly the choices with the most sentences behind them (a lead-in of
        fifteen words would otherwise crowd out "bringing them on")."""
        if isinstance(expression, TextChunk):
            return expression.original_text
        if isinstance(expression, ListReference):
            return f"{{{expression.list_name}}}"
        if isinstance(expression, RuleReference):
            rule = self._rules[expression.rule_name].expression
            return self._walk(rule, rng, shortest, used)
        if isinstance(expression, Alternative):
            if shortest and expression.is_optional:
                return ""
            fewest = min(used[id(item)] for item in expression.items)
            least_used = [item for item in expression.items if used[id(item)] == fewest]
            item = rng.choice(least_used)
            used[id(item)] += 1
            return self._walk(item, rng, shortest, used)
        if isinstance(expression, Sequence):
            return "".join(self._walk(item, rng, shortest, used) for item in expression.items)
        raise ValueError(f"unexpected template part {expression!r}")

    def _expand(self, template: str, *, shortest: bool, limit: int, seed: str) -> list[str]:
        expression = self._parsed(template)
        if self.count(expression, shortest) <= self.ENUMERATE_UP_TO:
            texts: Iterable[str] = sample_expression(
                expression,
                expansion_rules=self._rules,
                expand_lists=False,
                skip_optionals=shortest,
            )
            found = [t for t in dict.fromkeys(_clean(t) for t in texts) if t]
            if not shortest:
                random.Random(f"{seed}:{template}").shuffle(found)
            return found[:limit]
        rng = random.Random(f"{seed}:{template}")
        drawn: dict[str, None] = {}
        used: Counter[int] = Counter()
        for _ in range(limit * 3):
            if len(drawn) >= limit:
                break
            text = _clean(self._walk(expression, rng, shortest, used))
            if text:
                drawn[text] = None
        return list(drawn)

    def _parsed(self, template: str) -> Expression:
        """Templates are parsed once and kept, so the id()-keyed caches stay valid."""
        sentence = self._templates.get(template)
        if sentence is None:
            sentence = self._templates[template] = parse_sentence(template, keep_text=True)
        return sentence.expression

    def every(self, template: str) -> list[str]:
        """All sentences of a small template (slot samples), in grammar order."""
        return self._expand(template, shortest=False, limit=self.ENUMERATE_UP_TO, seed="")

    def within_budget(self, templates: Iterable[str], budget: int, seed: str) -> list[str]:
        """At most ``budget`` sentences over ``templates``: each template's shortest forms
        first, then an even seeded share of its other sentences."""
        templates = list(templates)
        share = budget // max(1, len(templates)) + 1
        chosen: dict[str, None] = {}
        for template in templates:
            shortest = self._expand(template, shortest=True, limit=share, seed=seed)
            chosen.update(dict.fromkeys(shortest))
        share = max(1, (budget - len(chosen)) // max(1, len(templates)) + 1)
        pools = [
            self._expand(template, shortest=False, limit=share * 2, seed=seed)
            for template in templates
        ]
        # Round-robin over the templates so no template crowds out the others.
        while len(chosen) < budget and any(pools):
            for pool in pools:
                while pool and pool[-1] in chosen:
                    pool.pop()
                if pool and len(chosen) < budget:
                    chosen[pool.pop()] = None
        return list(chosen)[:budget]


def apply_grammar(language_model: dict[str, Any], grammar: Grammar) -> dict[str, int]:
    """Add the grammar's samples to the model's intents and slots, in place.

    A sample already owned by an earlier intent is dropped from a later one (Alexa
    rejects a sample in two intents); returns how many were dropped per intent.
    """
    expander = Expander(grammar.rules)
    intents = {intent["name"]: intent for intent in language_model["intents"]}
    unknown = (set(grammar.intents) | set(grammar.slots)) - set(intents)
    if unknown:
        raise ValueError(f"grammar names intents the model lacks: {sorted(unknown)}")
    owner: dict[str, str] = {}
    for intent in language_model["intents"]:
        for sample in intent.get("samples", []):
            owner.setdefault(sample.lower(), intent["name"])
    dropped: dict[str, int] = {}
    for name, (budget, templates) in grammar.intents.items():
        intent = intents[name]
        samples = list(intent.get("samples", []))
        present = {sample.lower() for sample in samples}
        for sample in expander.within_budget(templates, budget, seed=name):
            holder = owner.setdefault(sample.lower(), name)
            if holder != name:
                dropped[name] = dropped.get(name, 0) + 1
            elif sample.lower() not in present:  # Alexa compares samples without case
                present.add(sample.lower())
                samples.append(sample)
        intent["samples"] = samples
    for name, by_slot in grammar.slots.items():
        declared = {s["name"]: s for s in intents[name].get("slots", [])}
        for slot_name, templates in by_slot.items():
            if slot_name not in declared:
                raise ValueError(f"grammar gives samples for undeclared slot {name}.{slot_name}")
            slot = declared[slot_name]
            expanded = [t for template in templates for t in expander.every(template)]
            slot["samples"] = list(dict.fromkeys([*slot.get("samples", []), *expanded]))
    return dropped
