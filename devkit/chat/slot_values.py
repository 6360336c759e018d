"""Spoken values of Alexa's built-in slot types, converted to the formats Alexa sends.

AMAZON.NUMBER "twenty five" -> "25"; AMAZON.DURATION "an hour and a half" -> "PT1H30M";
AMAZON.TIME "eight pm" -> "20:00", "this morning" -> "MO"; AMAZON.DATE "yesterday" ->
"2026-11-23" relative to a given day. Each converter returns None when the words are
not a value of its type, so the matcher can reject a parse the way Alexa would.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from fractions import Fraction

_UNITS = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_FEW = {
    "a": 1, "an": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "couple": 2,
    "a few": 3, "some": 3,
    "few": 3, "several": 3,  # "for few seconds" (Indian English), "several seconds"
}  # fmt: skip
# Spoken amounts of time that are no number and a unit.
_DURATION_PHRASES = {
    "a split second": "PT1S", "split second": "PT1S", "a second or two": "PT2S",
    "a moment": "PT2S", "a brief moment": "PT2S", "briefly": "PT2S", "ever so briefly": "PT2S",
    "a fortnight": "P2W", "fortnight": "P2W",
}  # fmt: skip

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip


def words(text: str) -> list[str]:
    text = text.lower().replace("-", " ").replace(",", " ")
    return text.split()


def parse_number(text: str) -> int | None:
    """Cardinal numbers in words or digits: "two hundred and five" -> 205, "12" -> 12."""
    tokens = [w for w in words(text) if w != "and"]
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0].isdigit():
        return int(tokens[0])
    total, current, seen = 0, 0, False
    last = ""  # the kind of the word before: "unit", "tens" or another
    for token in tokens:
        # "twenty five" is one number; "ten fifteen" or "two three" are two (a range).
        if token in _UNITS:
            if last == "unit" or (last == "tens" and _UNITS[token] >= 10):
                return None
            current += _UNITS[token]
            last = "unit"
        elif token in _TENS:
            if last in ("unit", "tens"):
                return None
            current += _TENS[token]
            last = "tens"
        elif token in _SCALES and token == "hundred":
            current = (current or 1) * 100
            last = "scale"
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current = 0
            last = "scale"
        elif token in ("a", "an") and not seen:
            current = 1
            last = "a"
        else:
            return None
        seen = True
    return total + current


def parse_ordinal(text: str) -> int | None:
    """ "twenty fourth" -> 24, "3rd" -> 3, "first" -> 1."""
    tokens = words(text)
    if len(tokens) == 1 and re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", tokens[0]):
        return int(re.sub(r"\D", "", tokens[0]))
    if not tokens or tokens[-1] not in _ORDINALS:
        return None
    head = parse_number(" ".join(tokens[:-1])) if len(tokens) > 1 else 0
    return None if head is None else head + _ORDINALS[tokens[-1]]


def number(text: str) -> str | None:
    """AMAZON.NUMBER: the digits Alexa sends."""
    value = parse_number(text)
    return None if value is None else str(value)


# --- AMAZON.DURATION ---------------------------------------------------------------------

_DURATION_UNITS = {
    "second": "S", "seconds": "S", "sec": "S", "secs": "S",
    "minute": "M", "minutes": "M", "min": "M", "mins": "M",
    "hour": "H", "hours": "H", "hr": "H", "hrs": "H",
    "day": "D", "days": "D", "week": "W", "weeks": "W",
    "month": "MO", "months": "MO", "year": "Y", "years": "Y",
}  # fmt: skip
# The words of a duration's unit ("two hours" is an amount of time, not a clock time).
DURATION_UNIT_WORDS = frozenset(_DURATION_UNITS)
# Half of one unit expressed in the next smaller one, so "an hour and a half" -> PT1H30M.
_HALF = {"H": ("M", 30), "M": ("S", 30), "D": ("H", 12), "Y": ("MO", 6)}
_DURATION_ORDER = ("Y", "MO", "W", "D", "H", "M", "S")


def _amount(tokens: list[str]) -> Fraction | None:
    phrase = " ".join(tokens)
    if phrase in _FEW:
        return Fraction(_FEW[phrase])
    for suffix, extra in ((" and a half", Fraction(1, 2)), (" and a quarter", Fraction(1, 4))):
        if phrase.endswith(suffix):
            whole = parse_number(phrase[: -len(suffix)])
            return None if whole is None else whole + extra
    if phrase in ("half a", "half an", "half"):
        return Fraction(1, 2)
    if re.fullmatch(r"\d+(\.\d+)?", phrase):
        return Fraction(phrase)
    value = parse_number(phrase)
    if value is None:
        return _range_top(tokens)
    return Fraction(value)


def _range_top(tokens: list[str]) -> Fraction | None:
    """A guess said as a range ("two to three", "ten fifteen", "between two and three"):
    its upper end, as "a second or two" is two seconds."""
    if tokens[:1] == ["between"]:
        tokens = tokens[1:]
    for at in range(1, len(tokens)):
        joiner = tokens[at] in ("to", "or", "and")
        low = " ".join(tokens[:at])
        high = " ".join(tokens[at + 1 :] if joiner else tokens[at:])
        low_value, high_value = parse_number(low), parse_number(high)
        if low_value is not None and high_value is not None and low_value < high_value:
            return Fraction(high_value)
    return None


def _format_duration(parts: dict[str, Fraction]) -> str:
    def show(amount: Fraction) -> str:
        return str(amount.numerator) if amount.denominator == 1 else str(float(amount))

    date_part = "".join(
        f"{show(parts[u])}{'M' if u == 'MO' else u}" for u in ("Y", "MO", "W", "D") if u in parts
    )
    time_part = "".join(f"{show(parts[u])}{u}" for u in ("H", "M", "S") if u in parts)
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def _add(parts: dict[str, Fraction], unit: str, amount: Fraction) -> None:
    if amount.denominator == 2 and unit in _HALF:
        smaller, half = _HALF[unit]
        whole = amount - Fraction(1, 2)
        if whole:
            parts[unit] = parts.get(unit, Fraction(0)) + whole
        parts[smaller] = parts.get(smaller, Fraction(0)) + half
    else:
        parts[unit] = parts.get(unit, Fraction(0)) + amount


def _smaller(unit: str, than: str) -> bool:
    return _DURATION_ORDER.index(unit) > _DURATION_ORDER.index(than)


def duration(text: str) -> str | None:
    """AMAZON.DURATION as ISO-8601: "two minutes" -> PT2M, "an hour and a half" -> PT1H30M."""
    tokens = words(text)
    while tokens and tokens[0] in ("for", "about", "around", "roughly"):
        tokens = tokens[1:]
    if tokens[:2] in (["a", "good"], ["a", "solid"], ["a", "full"]):  # "a good minute": a minute
        # ... and "a good forty five seconds" is forty five seconds, not one and forty five.
        counted = len(tokens) > 2 and parse_number(tokens[2]) is not None
        tokens = tokens[2:] if counted else ["a", *tokens[2:]]
    if " ".join(tokens) in _DURATION_PHRASES:
        return _DURATION_PHRASES[" ".join(tokens)]
    if tokens[-2:] == ["or", "so"]:  # "ten minutes or so": about that long
        tokens = tokens[:-2]
    # "a minute or two", "an hour or three": a guess said as a range, its upper end (as
    # "two to three minutes" is), in the unit said.
    if len(tokens) > 3 and tokens[-2] == "or" and tokens[-3] in _DURATION_UNITS:
        top, low = parse_number(tokens[-1]), _amount(tokens[:-3])
        if top is not None and low is not None and low < top:
            tokens = [tokens[-1], tokens[-3]]
    parts: dict[str, Fraction] = {}
    pending: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in _DURATION_UNITS:
            unit = _DURATION_UNITS[token]
            if pending and pending[0] == "and":
                pending = pending[1:]
            amount = _amount(pending) if pending else None
            # Units come largest first ("an hour and ten minutes"); "ten seconds, about
            # an hour ago" is two amounts, not one.
            if amount is None or unit in parts or any(_smaller(u, unit) for u in parts):
                return None
            _add(parts, unit, amount)
            pending = []
            # "an hour and a half": the half belongs to the unit just read.
            if tokens[i + 1 : i + 4] == ["and", "a", "half"]:
                parts.pop(unit)
                _add(parts, unit, amount + Fraction(1, 2))
                i += 3
        else:
            pending.append(token)
        i += 1
    if pending or not parts:
        return None
    if "W" in parts and len(parts) > 1:
        # Alexa never mixes weeks with other units: fold them into days.
        parts["D"] = parts.get("D", Fraction(0)) + 7 * parts.pop("W")
    return _format_duration({u: parts[u] for u in _DURATION_ORDER if u in parts})


# --- AMAZON.TIME -------------------------------------------------------------------------

_PERIODS = {
    "morning": "MO", "this morning": "MO", "in the morning": "MO",
    "afternoon": "AF", "this afternoon": "AF", "in the afternoon": "AF",
    "evening": "EV", "this evening": "EV", "in the evening": "EV",
    "night": "NI", "tonight": "NI", "at night": "NI", "last night": "NI", "overnight": "NI",
    # Regional words for parts of the day: Australian "arvo", Indian "today morning".
    "arvo": "AF", "this arvo": "AF", "in the arvo": "AF", "today morning": "MO",
    "today evening": "EV", "breakfast": "MO", "brekkie": "MO", "at breakfast": "MO",
    # Meals that name a part of the day: British tea, supper; "yesterday night" (India).
    "teatime": "EV", "tea time": "EV", "at teatime": "EV", "supper": "EV", "at supper": "EV",
    "suppertime": "EV", "yesterday night": "NI", "in the night": "NI",
}  # fmt: skip
_FIXED_TIMES = {
    "noon": "12:00", "midday": "12:00", "midnight": "00:00",
    "lunchtime": "12:00", "lunch time": "12:00", "lunch": "12:00", "at lunch": "12:00",
    "smoko": "10:00",  # Australian morning tea break
}  # fmt: skip


def _clock_words(tokens: list[str]) -> tuple[int, int] | None:
    """ "eight" -> (8, 0); "eight thirty" -> (8, 30); "half past eight"; "quarter to nine"."""
    phrase = " ".join(tokens)
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?", phrase)
    if match:
        return int(match.group(1)), int(match.group(2) or 0)
    relative = re.fullmatch(
        r"(?:a )?(half|quarter|[a-z ]+?)(?: minutes)? (past|after|to|before) (.+)", phrase
    )
    if relative:
        minutes = {"half": 30, "quarter": 15}.get(relative.group(1)) or parse_number(
            relative.group(1)
        )
        hour = parse_number(relative.group(3))
        if minutes is None or hour is None or minutes >= 60:
            return None
        # "ten past two", "five to three"; odd minutes only with the word ("seven minutes
        # past"): "two to three" or "one after two" is a range or a count, not a clock.
        if minutes % 5 and " minutes " not in f" {phrase} ":
            return None
        if relative.group(2) in ("to", "before"):
            return (hour - 1) % 24, 60 - minutes
        return hour, minutes
    if tokens and tokens[-1] == "o'clock":
        tokens = tokens[:-1]
    if not tokens or len(tokens) > 3:
        return None
    hour = parse_number(tokens[0])
    if len(tokens) == 1:
        return None if hour is None else (hour, 0)
    rest = tokens[1:]
    spoken_zero = rest[0] == "oh" and len(rest) == 2
    if spoken_zero:
        rest = rest[1:]
    minute = parse_number(" ".join(rest))
    if hour is None or minute is None:
        return None
    # Minutes under ten are said "oh five"; "five a side" or "one three" are no clock.
    if minute < 10 and not spoken_zero:
        return None
    return hour, minute


# A part of the day said with a clock time, before or after it ("half ten last night",
# "this morning at seven"), says which half of the day the hour is in.
_PART_WORDS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    (tuple(phrase.split()), part)
    for phrase, part in (
        ("pm", "pm"), ("p m", "pm"), ("am", "am"), ("a m", "am"),
        ("in the morning", "am"), ("this morning", "am"), ("yesterday morning", "am"),
        ("in the afternoon", "pm"), ("this afternoon", "pm"), ("yesterday afternoon", "pm"),
        ("in the arvo", "pm"), ("this arvo", "pm"),
        ("in the evening", "pm"), ("this evening", "pm"), ("yesterday evening", "pm"),
        ("tonight", "night"), ("at night", "night"), ("last night", "night"),
        # Indian English: "yesterday night", "ten in the night".
        ("yesterday night", "night"), ("in the night", "night"),
    )
)  # fmt: skip
_SUFFIX_ONLY = frozenset({("pm",), ("p", "m"), ("am",), ("a", "m")})
_MERIDIEM = {
    "am": lambda hour: hour,
    "pm": lambda hour: hour + 12,
    # Midnight to four at night are small hours ("at two last night"); five on, evening.
    "night": lambda hour: hour if hour <= 4 else hour + 12,
}


def _part_of_day(tokens: list[str]) -> tuple[list[str], str | None]:
    """The tokens without a part-of-day phrase at either end, and that part."""
    for phrase, part in _PART_WORDS:
        size = len(phrase)
        if len(tokens) > size and tuple(tokens[-size:]) == phrase:
            return tokens[:-size], part
        leading = phrase not in _SUFFIX_ONLY
        if leading and len(tokens) > size and tuple(tokens[:size]) == phrase:
            return tokens[size:], part
    return tokens, None


def time_of_day(text: str) -> str | None:
    """AMAZON.TIME: "HH:MM" (24 h), or MO / AF / EV / NI for a part of the day."""
    phrase = " ".join(words(text.replace(".", "")))
    phrase = re.sub(r"^(at|around|about) ", "", phrase)
    if phrase in _PERIODS:
        return _PERIODS[phrase]
    if phrase in _FIXED_TIMES:
        return _FIXED_TIMES[phrase]
    tokens = phrase.split()
    if tokens in (["a"], ["an"]):  # "an hour", "a minute": a count, not one o'clock
        return None
    if len(tokens) > 1 and tokens[-1] == "ish":  # "three pm ish": about three pm
        tokens = tokens[:-1]
    tokens, part = _part_of_day(tokens)
    tokens = [t for t in tokens if t not in ("at", "around", "about")] if part else tokens
    # British "half ten" is half past ten.
    if len(tokens) == 2 and tokens[0] == "half" and parse_number(tokens[1]) is not None:
        tokens = ["half", "past", tokens[1]]
    clock = _clock_words(tokens)
    if clock is None:
        return None
    hour, minute = clock
    if part is not None:
        if not 1 <= hour <= 12:
            return None
        hour = _MERIDIEM[part](hour % 12)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return f"{hour:02d}:{minute:02d}"


# --- AMAZON.DATE -------------------------------------------------------------------------


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _weekday(name: str) -> int | None:
    return WEEKDAYS.index(name) if name in WEEKDAYS else None


def _next_occurrence(today: date, month: int, day_of_month: int) -> str | None:
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day_of_month)
        except ValueError:
            return None
        if candidate >= today:
            return candidate.isoformat()
    return None


def _month_day(tokens: list[str], today: date) -> str | None:
    """ "november twenty fourth", "the twenty fourth of november", "24 november 2026"."""
    tokens = [t for t in tokens if t not in ("the", "of", "on")]
    month_positions = [i for i, t in enumerate(tokens) if t in MONTHS]
    if len(month_positions) != 1:
        return None
    i = month_positions[0]
    month = MONTHS.index(tokens[i]) + 1
    other = tokens[:i] + tokens[i + 1 :]
    year = None
    if other and re.fullmatch(r"\d{4}", other[-1]):
        year = int(other[-1])
        other = other[:-1]
    if not other:
        return f"{year or today.year}-{month:02d}"
    day_of_month = parse_ordinal(" ".join(other)) or parse_number(" ".join(other))
    if day_of_month is None:
        return None
    if year is not None:
        try:
            return date(year, month, day_of_month).isoformat()
        except ValueError:
            return None
    return _next_occurrence(today, month, day_of_month)


def calendar_date(text: str, today: date) -> str | None:
    """AMAZON.DATE relative to ``today``: "yesterday" -> the day before, "this week" -> a week.

    "Last night" is a time (NI), as "tonight" is: the skill places it in the last night.
    """
    phrase = " ".join(words(text))
    phrase = re.sub(r"^on ", "", phrase)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", phrase):
        return phrase
    simple = {
        "today": today, "yesterday": today - timedelta(days=1),
        "the day before yesterday": today - timedelta(days=2),
        "day before yesterday": today - timedelta(days=2),
        "tomorrow": today + timedelta(days=1),
    }  # fmt: skip
    if phrase in simple:
        return simple[phrase].isoformat()
    if phrase in ("now", "right now"):
        return "PRESENT_REF"
    weeks = {"this week": 0, "last week": -1, "next week": 1}
    if phrase in weeks:
        return _iso_week(today + timedelta(weeks=weeks[phrase]))
    weekends = {"this weekend": 0, "last weekend": -1, "next weekend": 1}
    if phrase in weekends:
        return _iso_week(today + timedelta(weeks=weekends[phrase])) + "-WE"
    ago = re.fullmatch(r"(.+) (day|days|week|weeks) ago", phrase)
    if ago:
        count = _FEW.get(ago.group(1)) or parse_number(ago.group(1))
        if count is None:
            return None
        days = count * (7 if ago.group(2).startswith("week") else 1)
        return (today - timedelta(days=days)).isoformat()
    # "wednesday last week": that weekday of the week before this one.
    last_week = re.fullmatch(r"([a-z]+) (?:of )?last week", phrase)
    if last_week and _weekday(last_week.group(1)) is not None:
        monday = today - timedelta(days=today.weekday() + 7)
        return (monday + timedelta(days=_weekday(last_week.group(1)) or 0)).isoformat()
    relative = re.fullmatch(r"(last|this|next)? ?([a-z]+)", phrase)
    if relative and _weekday(relative.group(2)) is not None:
        target = _weekday(relative.group(2))
        assert target is not None
        ahead = (target - today.weekday()) % 7
        if relative.group(1) == "last":
            back = (today.weekday() - target) % 7 or 7
            return (today - timedelta(days=back)).isoformat()
        if relative.group(1) == "next" and ahead == 0:
            ahead = 7
        return (today + timedelta(days=ahead)).isoformat()
    return _month_day(phrase.split(), today)


Converter = Callable[[str, date], str | None]

CONVERTERS: dict[str, Converter] = {
    "AMAZON.NUMBER": lambda text, _today: number(text),
    "AMAZON.DURATION": lambda text, _today: duration(text),
    "AMAZON.TIME": lambda text, _today: time_of_day(text),
    "AMAZON.DATE": calendar_date,
}
