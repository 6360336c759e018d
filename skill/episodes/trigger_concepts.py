"""What a trigger said in everyday words is about, when no value of the type matched.

A synonym list never ends: "a double shift", "five a side", "didn't sleep a wink",
"a spin class". But the words that carry each of the article's triggers are
few: a drink with caffeine, a sport or hard physical work, sleep, tiredness, worry,
too little water, a stimulant. When Alexa (or the chat matcher) hands the skill a
trigger phrase it could not resolve, these word stems name the triggers in it, several
if several are said ("exams and only four hours of sleep" -> stress, poor sleep). What
still names none is kept in the user's words (``other:<words>``).

A stem (a regular expression) matches the start of a word ("stress" matches "stressed",
"stressing"); ``\b`` ends a whole word ("tea", not "team"); a phrase of several words
matches those words in a row. A word right after "no", "not" or
"without" (or after "haven't had any") does not count ("no coffee today"), except for
sleep and an amount drunk, where "no sleep", "didn't sleep" and "not enough water" are
the trigger itself.
"""

from __future__ import annotations

import re
from functools import cache

CONCEPT_WORDS: dict[str, tuple[str, ...]] = {
    "caffeine": (
        # Decaf is no caffeine: "a decaf", "decaf coffee".
        "(?<!decaf )coffee", "caffein", "espresso", "latte", "cappuccino", "americano", "mocha",
        "macchiato", "flat white", "long black", "cold brew", r"teas?\b", r"chai\b",
        "matcha", "cuppa", r"a brew\b", "double double", "pepsi", "mountain dew",
        "cola", "coke", "red bull", "energy drink", "monster",
        r"(?:of|much|drinking|drank|drink|some|cans?) pop\b",
    ),
    "exercise": (
        "exercis", "gym", r"(?<!pre )work ?out", "working out", "worked out", "training",
        r"runs?\b(?! down)", r"running\b(?! on| myself| around| late)", "jog", "sprint", "lift",
        "weights", "squat", "deadlift", r"(?:bicep |arm )?curls\b",
        "football", "footy", "soccer", "five a side", "rugby", "cricket", "tennis",
        "squash", "badminton", "basketball", "netball", "hockey", "golf", "baseball",
        "volleyball", "swim", "surf", "skat", r"ski(?:ing)?\b", "snowboard", "cycl", "bike",
        "biking",
        "hike", "hiking", "climb", "rowing", "yoga", "pilates", "danc", "boxing",
        "martial", "crossfit", "spin class", "leg day", "leg session", "marathon",
        # Chores (gardening, shovelling snow, mowing, carrying the shopping, walking the
        # dog) are everyday effort, kept in the user's words...
        # ... a walk taken for itself is exercise ("after my evening walk", "a ten mile walk").
        "heavy lifting", r"walks?\b", "brisk walk", "power walk", "stairs", "sit ?ups",
        "push ?ups", "press ?ups", "crunches", "burpees",
        "curling", "pick ?up game", "a game of", "shinny", "pickup hockey", "zumba", "aerobics",
        "fitness class", "parkrun", r"(?:five|ten) k\b",
        r"(?:core|hiit|boxing|barre|circuits?|step|cardio|strength) class",
        "bush ?walk", "tramping", "trek", "kayak", "canoe", "paddl",
        # Hard physical work is exertion as much as a sport is.
        r"carr(?:y|ying|ied) (?:\w+ )?(?:boxes|furniture)", "moving house", "moving furniture",
        r"manual labou?r",
        "physical work", "hard graft",
    ),
    "poor_sleep": (
        # Sleep said as the moment ("trying to get to sleep") is when, not why.
        r"(?<!trying to )(?<!get to )(?<!going to )(?<!in my )(?<!fall )sleep", "slept",
        "insomnia", "all nighter", "all night", "a wink",
        "late night", "kept me up", "kept me awake", "awake", "jet lag", "jetlag",
        "sleepless", "night feed", r"kip\b", "shut ?eye", "tossing and turning",
        "restless night", "bad night", "rough night", "up with the baby", "up with the bub",
        "up till", "up until", "stayed up", "up late", "half the night", "rubbish night",
        # Sleep that would not come: "couldn't get to sleep till three".
        r"(?:couldn't|could not|can't|cannot|didn't|did not|struggled to|trouble|hard to)"
        r" (?:get to|fall|go to|get back to) ?sleep", r"(?:couldn't|could not|didn't) fall asleep",
        r"(?:bad|rough|terrible|awful|horrible|shocking|shocker of a|long|broken|disturbed)"
        r" night\b",
        r"slept (?:very |really |so )?(?:less|little|badly|poorly)", "hardly slept",
    ),
    "fatigue": (
        "tired", "exhaust", "knackered", "shattered", "wiped", "wrecked", "drained",
        "worn out", "burnt out", "burned out", "burnout", "fatigue", "run down",
        "long day", "long week", r"shifts?\b", "brutal day",
        "overtired", r"no energy\b(?! drink)", "zonked", "pooped", "dead on my feet",
        "on my feet all day",
        "buggered", "done in", "cream crackered", "run ragged", "ragged", "cactus", "travel",
        "a double at", "double shift", r"bagged\b", r"whacked\b", "dead tired", "dog tired",
    ),
    "stress": (
        "stress", "anxi", "worr", "nervous", "nerves", "panic", "tension", r"tense\b",
        "pressure", "tensed", "deadline", r"exams?\b", "finals", "revising", "revision", "cramming",
        "studying", "interview", "argument", "overwhelm", "frazzled",
        "on edge", "uptight", "my boss", "freaking out", "hectic", "under the pump",
        "flat out", "full on", "presentation",
        r"work (?:has been|is|was|being) (?:so |really |absolutely )?"
        r"(?:insane|crazy|mental|nuts|manic)",
        r"manic\b", "slammed at work", "swamped",
        # A week (or day) with too much in it: "a busy day", "a big week at work" (a big
        # week alone may as well have been tiring).
        r"(?:busy|hectic) (?:week|day|month|time)\b",
        r"(?:big|crazy|mad|heavy) (?:week|day|month|time) (?:at|of) work",
    ),
    "dehydration": (
        "dehydrat", "thirst", "enough water", "no water", "any water", "enough to drink",
        "enough fluid", "drink enough", "drunk enough", "drank enough", "hot day", "heatwave",
        "the heat", "sweat", "much water", "little water", "less water", "more water",
        "hot weather", "scorcher", "humid", "stinking hot", "boiling hot", "skipped my water",
        "skipped water", "drop of water", r"forg[eo]t (?:to drink|my water|to have water)",
    ),
    "stimulants": (
        "stimulant", "adderall", "ritalin", "vyvanse", "concerta", "adhd", "a d h d",
        "pre workout", "preworkout", "nicotine", r"vap(?:e|es|ed|ing)\b", "cigarette", "ciggie",
        r"smok(?:e|ed|ing)\b",
        "medication", "meds", "pills", "decongestant", "inhaler", "salbutamol",
        "pseudoephedrine", "sudafed", "energy shot",
    ),
}  # fmt: skip

# Concepts for which a negation before the word is the trigger itself ("no sleep").
NEGATION_IS_THE_TRIGGER = frozenset({"poor_sleep"})
# Concepts that are too little of something, and the stems of an amount drunk: "not
# enough water" or "no water" is too little of it ("no energy drinks" is no caffeine).
TOO_LITTLE_IS_THE_TRIGGER = frozenset({"dehydration"})
_TOO_LITTLE = re.compile(r"water|drink|drunk|drank|fluid")
NEGATIONS = frozenset({"no", "not", "without", "never", "didn't", "don't", "haven't", "hadn't",
                       "hasn't", "isn't", "wasn't", "aren't", "weren't", "skipped",
                       "skipping"})  # fmt: skip
# Words a denial reaches over to the trigger it denies: "haven't had any coffee", "not had a
# single coffee", "not taking any tea", "it's not the coffee".
DENIAL_REACH = frozenset({"any", "a", "an", "the", "my", "much", "enough", "single", "had",
                          "have", "having", "taken", "taking", "take", "drinking", "drunk",
                          "drank", "been", "even", "one", "or", "nor", "at", "all", "touched",
                          "eaten", "used", "least", "bit", "remotely", "really", "that", "very",
                          "too", "so", "particularly", "feeling", "getting", "got"})  # fmt: skip
# Sleep said to be good is no trigger: "slept fine", "a good night's sleep".
_GOOD_SLEEP = re.compile(
    r"\b(?:slept|sleep|sleeping)(?: \w+)? (?:fine|well|ok|okay|great|good|alright|all right"
    r"|soundly|like a (?:baby|log|rock)|through)\b"
    r"|\b(?:good|great|decent|solid|full|proper|long) (?:night(?:'s| of)? ?|)(?:sleep|kip|rest)\b"
    r"|\b(?:plenty of|loads of|lots of) (?:sleep|kip|rest)\b"
)
# A worry asked about is a question, not a cause: "should i be worried", "do i need to
# worry", "is it anything to worry about".
_WORRY_ASKED = re.compile(
    r"\b(?:should|do|does|must|need) (?:i|we|you)(?: \w+)?(?: to)?(?: be)? worr\w*"
    r"|\b(?:anything|something|nothing|cause|reason|need) (?:to )?(?:\w+ )?worr\w*(?: about)?"
    r"|\bworth worr\w*"
)
_LONG_SPELL_OF = re.compile(r"\b(?:a )?long (?:day|morning|afternoon|weekend|session) of\b")
# Said to have stopped: "i've cut that out", "i gave it up", "quit months ago".
_GIVEN_UP = re.compile(
    r"\b(?:cut (?:\w+ )?out|cut (?:it|that|them|those) (?:right )?down|gave (?:\w+ )?up"
    r"|given (?:\w+ )?up|give (?:\w+ )?up|quit|stopped (?:drinking|having|taking|smoking))\b"
)
_WORD = re.compile(r"[a-z0-9']+")
_WATCHING = re.compile(r"\bwatch(?:ing|ed|es)?(?: \w+){0,2}$")


@cache
def _patterns() -> tuple[tuple[str, bool, re.Pattern[str]], ...]:
    """(concept, whether a negation before the stem is the trigger itself, pattern)."""
    compiled = []
    for concept, stems in CONCEPT_WORDS.items():
        for stem in stems:
            lack = concept in NEGATION_IS_THE_TRIGGER or (
                concept in TOO_LITTLE_IS_THE_TRIGGER and bool(_TOO_LITTLE.search(stem))
            )
            compiled.append((concept, lack, re.compile(rf"(?:^| )((?:\w+ )?){stem}")))
    return tuple(compiled)


def _words(words: str) -> str:
    return " ".join(_WORD.findall(words.lower().replace("\u2019", "'")))


def _denial_before(text: str, start: int) -> bool:
    """Whether a denial comes before ``start``, reaching back only over reach words (and
    over a list joined by "or": "haven't had any tea or coffee")."""
    earlier = text[:start].split()
    if earlier and earlier[-1] in NEGATIONS:
        return True
    if "or" in earlier[-2:] or "nor" in earlier[-2:]:
        return not NEGATIONS.isdisjoint(earlier[-6:])
    at = len(earlier) - 1
    while at >= 0 and len(earlier) - at <= 5 and earlier[at] in DENIAL_REACH:
        at -= 1
    return at >= 0 and len(earlier) - at <= 5 and earlier[at] in NEGATIONS


def concepts_in(words: str) -> list[str]:
    """The trigger ids the words are about, in the order said (none: empty list)."""
    # Good sleep said is no trigger; the words around it still count.
    # ... and what was given up is denied: "gave up energy drinks", "quit smoking".
    text = _GIVEN_UP.sub(" not ", _GOOD_SLEEP.sub(" ", _WORRY_ASKED.sub(" ", _words(words))))
    # "a long day of skiing" is the skiing: the day is how long it went on, not tiredness
    # said on its own (unless the activity names no trigger: "a long day of meetings").
    spent = _LONG_SPELL_OF.sub(" of ", text)
    if spent != text and concepts_in(spent):
        text = spent
    found: dict[str, int] = {}
    for concept, lack, pattern in _patterns():
        for match in pattern.finditer(text):
            negated = _denial_before(text, match.start(1) + len(match.group(1)))
            if negated and not lack:
                continue
            if concept == "exercise" and _WATCHING.search(text[: match.start()]):
                continue  # "watching the hockey game": a sport seen, not played
            position = match.start()
            if concept not in found or position < found[concept]:
                found[concept] = position
            break
    return sorted(found, key=found.__getitem__)


def denied(words: str) -> bool:
    """Whether the words only say a trigger was absent ("haven't had any coffee", "not
    stressed", "slept fine", "i've cut that out"): nothing to store, not even as other."""
    text = _words(words)
    if concepts_in(text):
        return False
    return bool(
        not NEGATIONS.isdisjoint(text.split()) or _GOOD_SLEEP.search(text) or _GIVEN_UP.search(text)
    )
