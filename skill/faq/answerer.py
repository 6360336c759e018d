"""Question in, reply out: emergency rules first, then the matcher, then a polite decline."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache

from skill import speech
from skill.faq import amounts
from skill.faq.emergency import Emergency, detect
from skill.faq.knowledge import Topic
from skill.faq.matcher import Matcher, Outcome, default_matcher
from skill.faq.question import DEFAULT_FORM, yes_no_form

# Spoken questions are short; a longer text (a pasted page) is read from its start only, so no
# request can make answering slow. Emergency rules read further than the matcher.
MAX_QUESTION_CHARS = 400
MAX_EMERGENCY_CHARS = 2000
# Replies kept per answerer, by their whole input: many users ask the same few questions in
# the same words ("what causes muscle twitches"), and a reply costs a few hundred
# microseconds of matching. The oldest go first; a reply is a few hundred bytes, and a key at
# most MAX_EMERGENCY_CHARS (no more of a question is read).
REPLIES_KEPT = 512
# Readings of the emergency rules kept: slot texts ("calf", "left") recur across users, and
# the handlers read each value, then all of them together.
READINGS_KEPT = 1024


class ReplyKind(Enum):
    ANSWER = "answer"
    EMERGENCY = "emergency"
    DECLINE = "decline"


@dataclass(frozen=True, slots=True)
class Reply:
    kind: ReplyKind
    speech: str
    card: str
    topic: Topic | None = None


_DECLINES = {
    Outcome.OUT_OF_SCOPE: speech.FAQ_DECLINE,
    Outcome.DOSING: speech.FAQ_DOSING,
    Outcome.UNSURE: speech.FAQ_UNSURE,
}


def find_emergency(text: str, *, asking: bool = False) -> Emergency | None:
    """The emergency rules on (the start of) any free text; ``asking`` as in ``detect``."""
    return _detect_kept(text[:MAX_EMERGENCY_CHARS], asking)


@lru_cache(maxsize=READINGS_KEPT)
def _detect_kept(text: str, asking: bool) -> Emergency | None:
    """``detect``, a pure function of its words, kept per process."""
    return detect(text, asking=asking)


def emergency_reply(found: Emergency, locale: str | None) -> Reply:
    spoken, card = speech.emergency(found.symptom, locale)
    return Reply(ReplyKind.EMERGENCY, spoken, card)


def compose(
    topic: Topic,
    question: str,
    answer: str | None = None,
    *,
    caution: bool = False,
    said: str | None = None,
    points: int = 0,
    settles: bool = False,
) -> str:
    """The topic's answer (or ``answer``, its variant), opened with its own yes, no or "it
    depends" when the question is a yes/no question: the opener follows what the topic says,
    not the question's form alone. With ``caution`` (the question names a checklist sign), a
    reassuring "no, not serious" or "yes, normal" becomes "it depends". ``said``: what the
    answer itself says of the feature a plain yes/no question asks about ("does BFS come with
    cramps"), which decides the opener of that form. An amount asked about is weighed against
    the topic's figure (amounts.py); ``settles``: the question asks about treatment and the
    answer says twitches go away on their own (no); ``points``: the checklist points the
    question says apply (two or more, and "should I see a neurologist" is yes)."""
    text = answer or topic.answer
    form = yes_no_form(question)
    if form is None:
        return text
    weighed = amounts.stance(question, topic.figure)
    if weighed is not None:
        # "is six hours of sleep enough": the amount against the article's figure, whatever
        # the topic says of the form in general.
        return f"{amounts.OPENERS[weighed]} {text}"
    if settles and form == "need":
        # "do most twitches need treatment": the answer says they go away on their own.
        return f"{topic.opener_for('no', form)} {text}"
    if points >= CHECKLIST_POINTS_TO_ACT and form in _ACTING_FORMS:
        # Two or more checklist points: the article's answer is yes, see a neurologist.
        return f"{topic.opener_for('yes', form)} {text}"
    if caution and (form, topic.stance(form)) in _REASSURING:
        return f"{topic.opener_for('depends', form)} {text}"
    if form == DEFAULT_FORM and said is not None and (said, topic.stance(form)) in _OVERRULED:
        return f"{topic.opener_for(said, form)} {text}"
    return f"{topic.opener(form)} {text}"


# The article's checklist: when two or more of its points apply, a neurologist promptly. A
# question that says so and asks whether to see one, or to worry, is answered yes.
CHECKLIST_POINTS_TO_ACT = 2
_ACTING_FORMS = frozenset({"need", "worry"})

# What the answer says overrules the topic's stance: it says the feature is not there ("BFS
# does not cause weakness"), or the topic says no but its answer names what was asked ("does
# BFS come with cramps"). Naming a thing alone never turns "it depends" into yes ("is salt and
# water good": the answer names water either way).
_OVERRULED = frozenset({("no", "yes"), ("no", "depends"), ("yes", "no")})

# Openers that reassure: "is it serious?" "No."; "is it normal?" "Yes."; "do I need tests?"
# "No.": with a checklist sign named, each becomes "it depends".
_REASSURING = frozenset({("worry", "no"), ("harmless", "yes"), ("need", "no")})


class Answerer:
    """Holds the matcher and the topics by id; stateless per question, so the same question
    (with the same locale, context and carrier) always gets the same reply, which is kept."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self._topics = {topic.id: topic for topic in matcher.topics}
        self._kept = lru_cache(maxsize=REPLIES_KEPT)(self._reply)

    def reply(
        self,
        question: str,
        locale: str | None = None,
        context: str | None = None,
        *,
        asking: bool = False,
    ) -> Reply:
        """``context``: the id of the topic answered just before, if any. ``asking``: the
        words came after a question's carrier phrase, so they are a question."""
        # No more of a question than this is read (the matcher reads less), so it is the key.
        return self._kept(question[:MAX_EMERGENCY_CHARS], locale, context, asking)

    def _reply(self, question: str, locale: str | None, context: str | None, asking: bool) -> Reply:
        found = find_emergency(question, asking=asking)
        if found is not None:
            return emergency_reply(found, locale)
        previous = self._topics.get(context) if context else None
        result = self.matcher.assess(question[:MAX_QUESTION_CHARS], previous)
        if result.outcome is not Outcome.ANSWER or result.topic is None:
            text = _DECLINES[result.outcome]
            return Reply(ReplyKind.DECLINE, text, text)
        topic = result.topic
        answer = compose(
            topic,
            question[:MAX_QUESTION_CHARS],
            result.answer,
            caution=result.caution,
            said=result.said,
            points=result.checklist_points,
            settles=result.settles,
        )
        text = f"{answer} {speech.FAQ_WANT_MORE}" if topic.follow_up else answer
        return Reply(ReplyKind.ANSWER, text, answer, topic)

    def topic(self, topic_id: str) -> Topic | None:
        return self._topics.get(topic_id)


@cache
def default_answerer() -> Answerer:
    """One answerer per process: the knowledge base is read and indexed once."""
    return Answerer(default_matcher())
