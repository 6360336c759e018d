"""How a spoken question is put: the question inside a story, and the yes/no form it takes.

Pure text rules, no knowledge of the topics: the matcher and the answerer use them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from skill.faq.text import clean

# Words a spoken sentence starts with that carry nothing ("so um", "okay so background").
_FILLERS = frozenset(
    "so um uh er okay ok right well and but also then hey alexa look honestly anyway mate"
    " like yeah just kindly please tell me doctor sahib".split()
)
_AUX = frozenset(
    "is are am was were do does did can could will would should must may might has have"
    " shall".split()
)
_WH = frozenset("what why how when where which who whom whose".split())
# Clause breaks inside a long question, after clean() removed the punctuation.
_CLAUSE_BREAK = re.compile(r"[,;.?!]|\b(?:anyway|but|so)\b")

# Names whose words would read as a form ("benign fasciculation syndrome" is not "harmless",
# "a thyroid problem" is not a worry): read as the name alone before the forms are checked.
_NAMES = re.compile(
    r"\bbenign fasciculations?(?: syndrome)?\b"
    r"|\b(?:thyroid|nerve|nervous system|health|medical|muscle|sleep|neurological|kidney)"
    r" (?:problems?|issues?|disorders?)\b"
)

# The yes/no forms, checked in this order on the question's clause.
FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "should i quit coffee all at once": how abruptly, not whether.
    (
        "abrupt",
        re.compile(
            r"\b(?:all at once|at once|cold turkey|abruptly|overnight|in one go)\b"
            r"|\b(?:quit|stop|cut|drop|give up)\w* (?:\w+ ){0,2}(?:suddenly|immediately|right away"
            r"|straight away)\b"
        ),
    ),
    # "will it go away on its own": whether it settles without anything done.
    (
        "resolve",
        re.compile(
            r"\b(?:go(?:es)? away|settle|clear up|fade|disappear|pass|stop)\b(?: \w+){0,3}?"
            r" (?:on (?:its|their) own|by (?:itself|themselves)|naturally|without (?:any )?"
            r"(?:treatment|help))\b|^(?:will|does|do|would) (?:\w+ ){0,3}go away$"
        ),
    ),
    # "only" as in "the only cause", not "it only lasts a second"
    (
        "always",
        re.compile(
            r"\b(?:always|every|everyone|the only|only ever|compulsory|completely|all the time)\b"
        ),
    ),  # noqa: E501
    # "do i need to go to hospital": urgent care, which a twitch almost never needs (the
    # topics that send people straight to a doctor say yes).
    (
        "urgent",
        re.compile(
            r"\b(?:hospital|a and e|a e|emergency room|er|casualty|urgent care|ambulance)\b"
        ),
    ),
    # "is there a test for it": whether such a thing exists (the topic says; else its default).
    (
        "exists",
        re.compile(
            r"^(?:is|are) there (?:a |an |any |some )?(?:\w+ )?(?:tests?|scans?|checks?|ways?"
            r"|treatments?|cure|name|word)\b"
        ),
    ),
    (
        "fix",
        re.compile(
            r"\b(?:fix|cure|enough|alone|on its own|by itself|get rid"
            r"|stop (?:my|the|this|these|it|them))\b"
        ),
    ),
    # "can twitching be a symptom of B12 deficiency": whether it can, not whether it does
    # (the topics that say "one of the conditions that can come with twitching" say yes).
    (
        "possible",
        re.compile(
            r"^(?:can|could|might) (?:\w+ ){0,3}?be (?:an? |one )?(?:early )?(?:sign|signs"
            r"|symptom|symptoms) of\b"
        ),
    ),
    ("sign", re.compile(r"\b(?:sign|signs|symptom|mean|means|point to|turn into)\b")),
    ("rare", re.compile(r"\b(?:rare|uncommon|unusual|weird|strange|odd)\b")),
    # "is it normal that it is still there after three weeks": whether twitching past the
    # checklist's two weeks is to be expected (mostly not: the topics where it is say yes).
    (
        "lasting",
        re.compile(
            r"\b(?:normal|okay|ok|fine|expected|usual|common)\b(?=.*\b(?:still|after|for|over"
            r"|past|lasting|since|going on|hang\w* (?:a)?round)\b(?: \w+){0,3}? (?:weeks|months"
            r"|years|month|year)\b)"
        ),
    ),
    ("harmless", re.compile(r"\b(?:normal|okay|ok|fine|harmless|ignore|benign|safe)\b")),
    (
        "worry",
        re.compile(
            r"\b(?:serious|dangerous|urgent|worry|worried|panic|problem|bad|concern\w*|harm\w*"
            r"|reason to|disabled|wheelchair|paraly[sz]\w*|crippled|die|dying|deadly|fatal)\b"
        ),
    ),
    (
        "need",
        re.compile(
            r"\b(?:need|needs|have to|has to|must|should i (?:see|go|get|take|stop)"
            r"|go to (?:a |the )?(?:hospital|doctor|gp|neurologist)|get (?:it |this )?checked)\b"
        ),
    ),
)
# A span past the checklist's two weeks: "three weeks", "a month", "for months".
LONG_SPAN = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|several|many|few|couple of|\d+)"
    r" (?:weeks|months|years)\b|\b(?:a|one|over a|about a|nearly a|almost a) (?:month|year)\b"
    r"|\b(?:weeks|months|years)\b"
)
# "my eye has twitched for three weeks, is it still normal": the span said before the ask.
_STILL_FINE = re.compile(r"\bstill (?:normal|okay|ok|fine|expected|usual|common)\b")
DEFAULT_FORM = "default"
# Checking what someone said ("is she right", "is that true"): the form is the claim's.
_CLAIM_CHECK = re.compile(
    r"(?:is|are|was|were|could|can|might) (?:she|he|they|that|this|it|he or she|my \w+)"
    r" (?:right|true|correct|so|wrong|the case|possible|likely|a thing)"
)


def claim_check(clause: str) -> bool:
    """The clause only checks what someone said ("could he be right", "is that true")."""
    return _CLAIM_CHECK.fullmatch(clause) is not None


# "is that a good sign" asks whether it is fine, not whether it is a sign of something.
_GOOD_SIGN = re.compile(r"\b(?:a )?good signs?\b|\breassuring\b|\bgood news\b")
# "is it the coffee or something more serious": whether it is the coffee.
_OR_WORSE = re.compile(
    r"\bor (?:is it |it is |could it be |maybe )?(?:something|anything) (?:worse|more serious"
    r"|serious|bad|worrying|sinister|else|scarier)\b"
)
_CAUSE_ALONE = re.compile(
    r"\b(?:alone|on (?:its|their) own|by (?:itself|themselves))\b(?= (?:\w+ )?(?:cause|causes"
    r"|trigger|triggers|do it|do that|do this|bring|set|make|lead))"
)
# Items listed before "or something else" make it a choice too.
_LISTED_CHOICE = re.compile(r",[^,.?!]+,? or (?:something|anything) else\b")
# "X or Y" is a choice, not a yes/no question ("or something", "or not" are not choices).
_CHOICE = re.compile(r"\bor\b(?! (?:something|anything|not|so|two)\b)")
FORM_NAMES = (*(name for name, _ in FORMS), DEFAULT_FORM)


# One question is split several times while it is answered (its ask, its yes/no form): the
# last few are kept, so each question is split once.
@lru_cache(maxsize=16)
def clauses(question: str) -> tuple[str, ...]:
    """The question's clauses, in order, cleaned and without leading fillers."""
    text = question.lower().replace("\u2019", "'")
    parts = []
    for raw in _CLAUSE_BREAK.split(text):
        words = clean(raw).split()
        while words and words[0] in _FILLERS:
            words.pop(0)
        if words:
            parts.append(" ".join(words))
    return tuple(parts)


def question_clause(question: str, *, tail: bool = True) -> str:
    """The clause that asks: the last one that opens with a question word or an auxiliary
    verb; else the last clause ("... my calf has been twitching, what should I do"). With
    ``tail``, a story said in one breath ("... and my eyelid is jumping all over the place
    could the coffee be doing that") asks from its last asking point on (``_asking_tail``)."""
    parts = clauses(question)
    for index in range(len(parts) - 1, -1, -1):
        part = parts[index]
        first = part.split()[0]
        if first in _WH or first in _AUX:
            # "is it the caffeine, the stress, or something else": the list the ask goes on
            # with, in short pieces after it, is part of it.
            rest = parts[index + 1 :]
            if (
                rest
                and all(len(p.split()) <= LIST_ITEM_WORDS for p in rest)
                and _OR_LIST.search(rest[-1])
            ):
                part = " ".join((part, *rest))
            long = len(part.split()) > ASKING_TAIL_WORDS
            return _asking_tail(part) if tail and long else part
    if not parts:
        return ""
    return _asking_tail(parts[-1]) if tail else parts[-1]


# Where a question starts inside a run-on sentence: "what", "why", "how" or "which" (not
# "when", "where" or "who", which mostly tell the story: "when i sit down", "who had ALS"),
# or an auxiliary verb followed by its subject ("could the coffee", "is this", "should i");
# "is jumping", "have been" tell the story.
_ASKING_WH = frozenset("what why how which".split())
_SUBJECTS = frozenset(
    "i it this that the my there these those they you we he she a an his her your"
    " poor bad lack low".split()  # "is poor sleep the reason", "could low magnesium"
)
# "my uncle who is a nurse", "the one that is in my calf": a relative clause tells.
_RELATIVE = frozenset("who which that".split())
# The ask is looked for among the last words of a run-on sentence only: a question put at the
# start of a long story is still its clause.
ASKING_TAIL_WORDS = 14


# The short items of a choice said after the ask ("..., the stress, or something else").
LIST_ITEM_WORDS = 4
_OR_LIST = re.compile(r"^(?:or|and)\b")


def _asking_tail(clause: str) -> str:
    """``clause`` from its earliest asking point among its last ``ASKING_TAIL_WORDS`` words
    ("... sat on the sofa of an evening is the lack of sleep what is causing it": "is the
    lack of sleep what is causing it"), or the whole clause when there is none."""
    words = clause.split()
    start = max(1, len(words) - ASKING_TAIL_WORDS)
    for index in range(start, len(words)):
        word = words[index]
        following = words[index + 1] if index + 1 < len(words) else ""
        asks = word in _AUX and following in _SUBJECTS and words[index - 1] not in _RELATIVE
        if word in _ASKING_WH or asks:
            return " ".join(words[index:])
    return clause


def yes_no_form(question: str) -> str | None:
    """The form of a yes/no question ("always", "sign", "need", ... or "default"), or None
    when the question is not a yes/no question (a wh-question, or a choice "X or Y")."""
    clause = _GOOD_SIGN.sub("fine", _NAMES.sub("name", question_clause(question)))
    clause = _OR_WORSE.sub("", clause).strip()
    words = clause.split()
    if not words or words[0] not in _AUX:
        return None
    if _CLAIM_CHECK.fullmatch(clause):
        # "my sister says twitching means ALS, is she right": the claim says what is asked.
        clause = _NAMES.sub("name", " ".join(clauses(question)))
    if _CHOICE.search(clause) or _LISTED_CHOICE.search(question.lower()):
        return None  # "is it the caffeine, the stress, or something else": a choice
    # "can stress alone cause it": whether that cause is enough to cause it, a plain
    # question, not whether self care alone would fix it.
    clause = _CAUSE_ALONE.sub(" ", clause)
    if _STILL_FINE.search(clause) and LONG_SPAN.search(" ".join(clauses(question))):
        return "lasting"
    for name, pattern in FORMS:
        if pattern.search(clause):
            return name
    return DEFAULT_FORM
