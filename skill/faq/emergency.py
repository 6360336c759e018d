"""Emergency rules, checked before any matching: symptoms that need help now, not an FAQ answer.

Rules are deliberately broad (a question that only mentions slurred speech also
gets the urgent advice): a false alarm costs a sentence, a miss could cost much
more. A symptom directly negated ("no trouble breathing") does not trigger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skill.episodes.trigger_concepts import concepts_in
from skill.faq.text import clean

_CANT = (
    r"(?:can not|cannot|cant|could not|unable to|trouble|difficulty|difficulties|difficult"
    r"|hard to|harder to|hard time|hardly|barely|struggling to|struggle to|struggling|problems?"
    r"|not able to|no longer able to|stopped being able to|fighting to|fight to|can no longer"
    r"|could no longer)"
)
_UNABLE = (
    r"(?:can not|cannot|unable to|not able to|could not|can barely|can hardly"
    r"|no longer able to|stopped being able to)"
)
_LIMB = r"(?:arms?|legs?|hands?|foot|feet|face|side|fingers?|body|tongue|jaw)\b"
# "<activity> problem", "<activity> is hard": the other word order.
_TROUBLE = r" (?:problems?|trouble|difficulty|difficulties|issues?)\b"
_IS_HARD = r"(?: \w+){0,3} (?:difficult|hard|impossible|labou?red|a struggle|a problem)\b"

# name -> patterns on cleaned text (lower case, contractions expanded, no punctuation).
RULES: dict[str, tuple[str, ...]] = {
    "speech": (
        r"\bslur\w*",
        rf"\b{_CANT}\b(?: \w+){{0,2}} (?:talk|speak|get\w* (?:\w+ )?words out)\w*",
        r"\bwords\b(?: \w+){0,4} (?:wrong|jumbled|garbled|funny|strange|mixed up|muddled"
        r"|scrambled|all over the place)",
        r"\b(?:garbled|jumbled|muddled) (?:speech|words)|\bgibberish\b",
        r"\bspeech\b(?: \w+){0,2} "
        r"(?:garbled|jumbled|strange|weird|funny|not right|off|gone|slow|thick)\b",
        # "his speech is coming out all wrong": what comes out is the speech itself.
        r"\b(?:speech|words?|voice)\b(?: \w+){0,3} coming out\b(?: \w+){0,2} "
        r"(?:wrong|funny|strange|weird|garbled|jumbled|muddled|mixed up|slurred|thick)\b",
        rf"\b(?:talking|speaking)\b{_IS_HARD}",
        rf"\b(?:speech|speaking|talking){_TROUBLE}",
        r"\bwords? (?:will not|would not|do not|does not|can not) come out\b",
        rf"\b{_UNABLE} (?:form|find|say|get out) (?:the |my |any |his |her )?words\b",
        r"\bnot making (?:any )?sense\b",
        r"\b(?:losing|lost|lose) (?:my|his|her|their) words\b",
        r"\b(?:talking|speaking) (?:nonsense|gibberish)|\b(?:sounds?|sounding) drunk\b",
        r"\bcan not understand (?:what )?(?:he|she|they|him|her|them)\b(?: \w+){0,2} "
        r"(?:saying|talking|says)\b",
    ),
    "face": (
        r"\b(?:face|facial|mouth|smile|eyelid|lip)\b(?: \w+){0,3} "
        r"(?:droop\w*|lopsided|crooked|uneven|sag\w*|dropped|fell|fallen|froze|frozen|wonky|twisted"
        r"|tilt\w*|slant\w*|skewed|hang(?:s|ing|ed)?\b|hung)",  # not "hangover"
        # A smile or face already named before: "it has gone lopsided", "gone all crooked".
        r"\b(?:gone|went|going|looks?|is) (?:\w+ )?(?:lopsided|crooked|wonky)\b",
        r"\bdroop\w*(?: \w+){0,4} (?:face|mouth|smile|side)\b",
        r"\b(?:one side|half) of (?:my |his |her |their )?face\b",
        # A side hanging or drooping; a bare "side" too, as a slot fragment may hold it
        # ("side" + "hanging down on").
        r"\b(?:(?:one|left|right) )?side\b(?: \w+){0,3} "
        r"(?:droop\w*|sag\w*|hanging|hangs? down|hung)",
        # ... and said the other way round: "hanging down on the left side".
        r"\b(?:hanging|hangs|hung|droop\w*|sagg\w*) (?:down )?(?:on )?(?:one |the |my |his |her )?"
        r"(?:left |right )?side\b",
        r"\b(?:face|mouth|smile|lips?)\b(?: \w+){0,4} (?:to one side|one sided|to the side)\b",
        rf"\b{_UNABLE} smile\b",
    ),
    "swallowing": (
        rf"\b{_CANT}\b(?: \w+){{0,2}} swallow\w*",
        r"\bchok(?:e|es|ing|ed)\b(?! up\b)",  # "i choke up" is emotion
        rf"\bswallowing\b{_IS_HARD}",
        rf"\bswallowing{_TROUBLE}",
        r"\bthroat\b(?: \w+){0,3} (?:blocked|closed)\b",
        rf"\b{_CANT}\b(?: \w+){{0,3}} (?:get|keep) (?:it|food|anything|water|drinks?) down\b",
        r"\bthroat\b(?: \w+){0,4} (?:closing|shutting|swelling|swollen shut|tight)",
        r"\bstuck\b(?: \w+){0,4} swallow\w*|\bswallow\w*(?: \w+){0,3} stuck\b",
        # A tongue or throat swelling up now blocks swallowing (and soon breathing).
        r"\b(?:tongue|throat)\b(?: \w+){0,3} (?:thick|swollen|swelling|swelled|puffed up)\b",
    ),
    "breathing": (
        rf"\b{_CANT}\b(?: \w+){{0,2}} (?:breath|breathe|breathing)\b",
        r"\bshort(?:ness)? of breath\b",
        r"\b(?:breathless|gasping|wheez\w*)\b",
        rf"\bbreathing\b{_IS_HARD}",
        rf"\bbreathing{_TROUBLE}",
        r"\b(?:fighting|struggling|gasping) for (?:breath|air)\b",
        r"\b(?:stopped|not) breathing\b",
        r"\b(?:turned|turning|going|gone) (?:blue|grey|gray)\b",
        r"\bbreathing\b(?: \w+){0,2} (?:strange\w*|weird\w*|funny|odd\w*|noisy)\b",
        r"\bbreathing\b(?: \w+){0,3} shallow\b",
        r"\blike (?:i am|he is|she is|they are) (?:drowning|choking)\b",
        r"\blips?\b(?: \w+){0,2} (?:blue|purple|grey|gray)\b",
        r"\b(?:blue|purple|grey|gray) (?:around|round|in) (?:the |his |her |my |their )?"
        r"(?:lips|mouth|face)\b",
        r"\bsuffocat\w*|\bstruggling for (?:breath|air)\b",
        r"\bcatch (?:my|his|her|their) breath\b",
        rf"\b{_CANT}\b(?: \w+){{0,2}} (?:enough |any )?air\b",
        r"\bnot getting (?:enough |any )?air\b",
    ),
    "weakness": (
        r"\b(?<!sleep )paraly[sz]\w*",
        r"\b(?:sudden(?:ly)?|out of nowhere)\b(?: \w+){0,10} "
        r"(?:weak|numb|limp|collapse|dead|gave way|give way|jelly|buckl|fallen|fell over"
        r"|fell down|no strength|no power|no feeling|not able to (?:lift|move|hold))\w*",
        r"\b(?:no|lost|losing|lose) (?:all )?(?:the )?(?:strength|power|feeling|sensation|control) "
        rf"(?:in|of) (?:both |one of )?(?:my |the |his |her |their )?(?:left |right )?{_LIMB}",
        # Half the body: "lost feeling down my whole left side".
        r"\b(?:no|lost|losing|lose) (?:all )?(?:the )?(?:strength|power|feeling|sensation) "
        r"(?:in|down|on|along) (?:my |the |his |her |their )?(?:whole |entire )?(?:left |right )?"
        r"side\b",
        r"\b(?:just|suddenly)\b(?: \w+){0,8} (?:fell|fallen|collapsed)\b",
        r"\b(?:weak|numb|limp)\w*(?: \w+){0,3} (?:sudden|suddenly|all of a sudden)\b",
        # ... also two at once: "can't feel or move my right side".
        rf"\b{_UNABLE} (?:move|feel|lift|raise|hold up|use)(?: (?:or|and|nor) (?:move|feel|lift"
        r"|raise|use))? (?:my |the |his |her |their )?(?:whole |entire )?(?:left |right )?"
        rf"{_LIMB}",
        r"\b(?:can not|cannot|unable to|not able to) move (?:at all|anything)\b",
        r"\bone (?:side|arm|leg|hand)\b(?: \w+){0,6} "
        r"(?:weak|numb|limp|dead|floppy|useless|heavy)\w*",
        rf"\b{_LIMB}(?: \w+){{0,2}} "
        r"(?:limp|floppy|flopped|dangling|paraly[sz]ed|(?:(?:is|are) )?not moving)\b",
        rf"\b{_LIMB} (?:feels?|is|are|went|has gone|have gone) (?:completely |totally )?"
        r"(?:dead|useless)\b",
        # "can't walk far without my calves twitching" is not a sudden loss of strength.
        rf"\b{_UNABLE} (?:walk|stand|stand up)\b"
        r"(?! (?:far|long|for long|very far|as far|without|more than|much|properly after))",
        rf"\b{_UNABLE} move\b(?! on\b| house\b| out\b| in\b| to\b| away\b)",
        rf"\b{_LIMB}(?: \w+){{0,2}} (?:will not|would not|does not|do not) (?:work|hold|grip)",
        r"\b(?:will not|would not|can not) (?:hold|support) (?:me|him|her|them) up\b",
        rf"\b{_LIMB}(?: \w+){{0,2}} (?:will not|would not|does not) "
        r"(?:do what|listen|obey|respond)",
        r"\b(?:went|gone|going|became|become|turned) (?:\w+ )?"
        r"(?:weak|limp|dead|numb|floppy)\b",
        # Half the body at once is the stroke sign, said as a whole side ("my whole left
        # side is numb"); a side named with a limb ("my right leg feels weak") is not.
        # Weak this very moment ("my arm is weak right now"); "now that hand is weaker" is the
        # slow kind, for a neurologist.
        rf"\b{_LIMB}(?: \w+){{0,2}} (?:is|are|feels?|felt|went|gone) (?:\w+ )?"
        r"(?:weak|numb|limp|dead)\b(?: \w+){0,2} (?:just now|right now)\b",
        r"\b(?:whole|entire) (?:left |right )?side\b(?: \w+){0,4} "
        r"(?:weak|numb|limp|dead|floppy|useless|paraly[sz]ed)\b",
        rf"\b{_LIMB}(?: \w+){{0,2}} stopped working\b",
        rf"\b{_LIMB} (?:has|have) (?:completely|totally) gone\b",
        r"\b(?:legs?|arms?|knees?)\b(?: \w+){0,2} (?:gave|give|giving|given) (?:out|way)\b",
        r"\b(?:lost|losing|lose) (?:all )?(?:the )?(?:control|use|feeling|sensation|strength) "
        rf"(?:of|in) (?:my |the |his |her |their )?(?:left |right )?{_LIMB}",
        rf"\b{_LIMB}(?: \w+){{0,2}} (?:will not|can not|cannot|does not) (?:move|lift|raise)",
    ),
    "stroke_or_seizure": (
        # Named events only when someone is having one, not "what are the signs of a stroke".
        r"\b(?:having|had|have|it is|this is|is this) an? (?:stroke|seizure|fit|heart attack)\b",
        # Without the article, as many say it ("he is having seizure"); not "fit" (keeping fit).
        r"\b(?:is|are|am|i am|was) having (?:stroke|seizure|heart attack)\b",
        r"\bconvuls\w*",
        r"\b(?:having|had|has|is having|getting|is getting|got) (?:a |another |more )?"
        r"(?:fits|seizures|convulsions)\b",
        # Said in a few words: "brother fits", "she seizure".
        r"\b(?:i|he|she|brother|sister|son|daughter|mum|mom|dad|father|mother|husband|wife"
        r"|partner|child|baby|friend|someone|somebody|person|man|woman|guy|lady|nan|gran)"
        r"(?: \w+)? (?:fits|fitting|seizing|seizure)\b",
        # "fitting" is how many in the UK say someone is having a seizure ("someone's fitting":
        # the "s" of a name or "someone" is left alone by clean()).
        r"\b(?:is|are|was|started|keeps|been|he is|she is|s) (?:fitting|seizing)\b",
        r"\b(?:whole|entire) body\b(?: \w+){0,3} (?:shaking|jerking|convulsing)",
        r"\b(?:shaking|jerking|thrashing) uncontrollably\b|\bfoaming at the mouth\b",
        r"\b(?:passed out|unconscious|fainted|collapsed|unresponsive|not responding)\b",
        # About to faint, now: "i feel like i'm going to black out".
        r"\b(?:(?:feel|feels|feeling) like )?(?:i am|i m|he is|she is) (?:going to|gonna) "
        r"(?:black out|pass out|faint|collapse)\b(?! (?:from|of|with) (?:boredom|bored|laughing"
        r"|laughter|hunger|excitement|joy|embarrassment|shame|tiredness))",
        r"\b(?:will not|would not|can not) wake (?:up|him|her|them)\b",
        # "i can't wake my husband": someone who does not respond.
        r"\b(?:can not|could not|cannot) (?:wake|rouse) (?:my|our|the)"
        r" (?!alarm|phone|computer|laptop|tablet|screen)\w+\b",
        r"\b(?:will not|would not|does not|did not|is not|not) respond\w*\b",
        r"\b(?:have|having|got|with) (?:bad |sudden |severe |crushing |sharp )?chest pains?\b",
        r"\b(?:crushing|severe|sudden) (?:chest pain|pain in (?:my|his|her|the) chest)\b",
    ),
}

_COMPILED = {name: tuple(re.compile(p) for p in patterns) for name, patterns in RULES.items()}
# Any rule's pattern, in one search: most questions name no symptom, and then neither the
# rules one by one nor the calm checks need to run.
_ANY_RULE = re.compile("|".join(f"(?:{p})" for patterns in RULES.values() for p in patterns))
# "can not walk" is a symptom, not a negation: not after can or could does not negate.
# "my legs are not limp": the rule spans the negation.
_NEGATED_INSIDE = re.compile(
    r"\b(?:is|are|was|were|feels?|looks?) (?:not|never)\b(?! (?:moving|responding|breathing))"
)
# A negation carries over a list joined by "or" ("no slurred speech or trouble swallowing"),
# not over "and" or a new subject ("no pain and i can not breathe" is a symptom).
_NEGATION = re.compile(
    r"\b(?:no|(?<!can )(?<!could )not|without|never|nor)\b(?: \w+){0,2}"
    r"(?:(?: \w+){0,2}(?= or\b| nor\b))?"
    r"(?: (?:or|nor)(?: (?!(?:i|he|she|they|we|my|his|her|their|now|but|and)\b)\w+){0,3})? ?$"
)

# Denied just after it is named: "slurred speech is a warning sign, i don't have it".
_DENIED_AFTER = re.compile(
    r"^[^.?!]{0,40}?\b(?:i|he|she|they|we) (?:do not|does not|did not|have not|has not)"
    r" (?:have|had|got)(?: got)? (?:it|that|this|them|those|any of (?:it|that|this|them|those))\b"
    r"(?! (?:under control|sorted|handled|checked))"
)

# A worried or hypothetical question ("will twitching paralyse me", "what if it's a stroke",
# "can ALS cause slurred speech") asks about a symptom, it does not report one: it gets a calm
# answer. Only a statement of something happening now is an emergency, and a question that
# also says something is happening now ("suddenly", "right now", "just") still is one.
_ASKING = re.compile(
    r"^(?:(?:so|and|but|okay|ok|um|hey|alexa) )*(?:will|would|might|may|does|do|did|are"
    r"|is (?:it|that|twitching|bfs|als)|can(?! not)|could(?! not)|what if|what happens if"
    r"|what about|should i worry)\b"
)
_HAPPENING_NOW = re.compile(
    r"\b(?:now|right now|just|suddenly|sudden|all of a sudden|out of nowhere|minutes?"
    r"|this morning|tonight|today|help|am having|is having|are having)\b"
)
# ... or says it is so: "is it normal that my face is drooping", "my dad's arm has gone
# limp", "she can't talk" (the cleaner splits a possessive or "is" 's into its own word).
_REPORTING = re.compile(
    # A modal between ("my twitches might have", "her arm could go") tells no fact.
    r"\b(?:my|his|her|their) \w+(?: s)?(?: (?!(?:might|may|could|would|will|should)\b)\w+)?"
    r" (?:is|are|has|have|s|keeps?|went|feels?|looks?|can not)\b"
    r"|\b(?:i|he|she|they) (?:am|is|are|has|have|can not|keeps?)\b"
)
# Words that came after a question's carrier ("will {question}") can still be a statement:
# a finite verb says something is so ("i can barely breathe", "half my face will not move",
# "he collapsed"), where a question cut off keeps its bare verb ("twitching paralyse me").
_STATEMENT = re.compile(
    r"\b(?:is|are|was|were|am|s|has|had|can not|could not|will not|would not|does not|do not"
    r"|did not|won t|can barely|can hardly|can no longer|not able|unable|feels?|felt|seems?"
    r"|went|turned|stopped|collapsed|fainted|woke|fell|keeps)\b"
)
# Speech, swallowing or strength that has worsened over weeks or months is a reason to see a
# neurologist promptly (the article's checklist), not an emergency, unless it is sudden too.
_GRADUAL = re.compile(
    r"\b(?:over|for|in|during) (?:the )?(?:last |past )?(?:few |couple of |several |\w+ )?"
    r"(?:days|weeks?|months?|years?|fortnight)\b|\b(?:gradually|slowly|lately|steadily|bit by bit"
    r"|a bit more|more and more|over time|since (?:last|a few|some) (?:weeks?|months?))\b"
    r"|\b(?:slightly|a little|a touch) more\b|\b(?:each|every) (?:week|month|few weeks|few days)\b"
)
_GRADUAL_RULES = frozenset({"speech", "swallowing", "weakness"})
# Something that happened long ago and is over ("had a stroke years ago", "a seizure once as
# a kid but nothing since") is history, not an emergency, unless something is happening now.
_LONG_AGO = re.compile(
    r"\b(?:years?|months?|weeks?) ago\b|\bas a (?:kid|child|teenager|baby)\b|\bwhen i was"
    r" (?:a kid|a child|young|little|younger)\b|\bnothing since\b"
    r"|\b(?:recovered|used to)\b|\blast year\b|\bin the past\b"
    # A stage of life that is over: "once in college", "back in high school".
    r"|\b(?:once|back|when i was) (?:in|at) (?:college|school|high school|uni|university)\b"
    # "two years back", "back when i had the flu", "last winter": a time that is over.
    r"|\b(?:years?|months?|weeks?) back\b|\bback when\b|\bnone since\b"
    # "no dramas since", "no problems since then": over, and nothing after it.
    r"|\b(?:no|not had any|have not had any) (?:dramas?|problems?|issues?|trouble|bother|more)"
    r" since\b|\blast week\b"
    r"|\blast (?:winter|summer|spring|autumn|fall|christmas|month)\b"
    r"|\b(?:when|while|during) (?:i|he|she|they) (?:had|was ill with|was sick with|got) "
    r"(?:the |a |an )?(?:\w+ )?(?:flu|cold|covid|virus|infection|fever|pneumonia|tonsillitis"
    r"|bronchitis)\b"
)


# Wondering about a symptom, not reporting it: "does this mean i'm having a stroke", "what
# should i do if i ever can't swallow", "i'm worried about face drooping". The words of
# the wondering itself ("i am having" after "mean") report nothing; what is left must
# still not say something is happening now.
_WONDERING = re.compile(
    r"\b(?:mean|means|meant|a sign|signs? of|could (?:it|this|that) be|whether|wonder if"
    r"|how do i know if|how can i tell if)\b.{0,40}?\b(?:i am|i m) having\b"
    r"|\b(?:(?:i am|i m|i have been|i ve been) )?(?:so |really |a bit |very )?"
    r"(?:worried|scared|afraid|frightened|concerned|anxious|nervous|paranoid) (?:about|of)\b"
    r"|\bif (?:\w+ ){1,3}ever\b|\bin case\b"
    # Said to be a question only: "just asking", "just curious", "hypothetically".
    r"|\bjust (?:asking|curious|wondering)\b|\bhypothetical(?:ly)?\b|\bout of curiosity\b"
    # What would follow if it happened: "what would happen if i had a stroke".
    r"|\bwhat (?:would|will|could|might) happen (?:to me )?(?:if|when)"
    r" (?:i|he|she|they|you|someone|somebody|my \w+)\b"
    # How to recognise it, what to do if it happens: "how would i tell if", "what to do if".
    r"|(?<!not )\b(?:tell|know|recogni[sz]e|spot) (?:if|whether)\b"
    r"|\b(?:do|to do|should i do|happens) (?:if|when) (?:someone|somebody|anyone|a person|my \w+"
    r"|he|she|they|you|i)\b"
    # The future is a worry, not a report: "one day", "end up", "might mean i will".
    r"|\b(?:one day|someday|some day|in (?:the )?future|in years to come|later in life"
    r"|in later life|later on|down the line|down the road|in the long run|eventually"
    r"|end up|ending up|am i going to|will i)\b"
    r"|\b(?:mean|means|lead to|leads to|turn into)\b.{0,30}?\b(?:i|he|she|they|we|it) "
    r"(?:will|would|might|could|may|am going to|is going to|are going to)\b"
)
_RESOLVED = re.compile(
    r"(?<!not )(?<!getting )(?<!no )\b(?:fine|better|ok|okay|all good|good|normal|back to normal"
    r"|gone|passed|settled|alright|all right|worn off|wore off) now\b"
    # "now it is okay", "now it's fine again": the same, said the other way round.
    r"|\bnow (?:it is|it s|its|it has|it was|everything is|all is) (?:(?!not\b)\w+ )?"
    r"(?:fine|better|ok|okay|good|normal|back to normal|gone|passed|settled)\b"
    # ... but "gone limp" is gone that way, not gone away.
    r"(?! (?:completely |totally |all |really |very )?(?:limp|weak|numb|dead|floppy|heavy"
    r"|useless|stiff|slack|droopy|quiet|silent|blue|grey|gray|pale|still|slurred)\b)"
)
_FINE_NOW = re.compile(
    r"\b(?:but )?now (?:i am|i m|i feel|he is|he s|she is|she s|they are|we are)"
    r" (?:(?!not\b)\w+ )?(?:fine|ok|okay|good|all good|well|healthy|alright|all right"
    # ... or only worried: a feeling now about something long over.
    r"|worried|scared|anxious|concerned|nervous|paranoid)\b"
)
_STILL_NOW = re.compile(r"\b(?:now|right now|just|suddenly|all of a sudden|out of nowhere)\b")
# Over, said in the past: "it got treated", "it cleared up", "but it passed".
_OVER = re.compile(
    r"\b(?:got|was|were|been|had it|had them) (?:\w+ )?(?:treated|sorted|fixed|cured)\b"
    r"|\b(?:it|that|this|they|which|all) (?:\w+ )?(?:cleared|cleared up|passed|went away"
    r"|wore off|worn off|settled|got better|resolved)\b"
    # "it went down in the end": what was hard to swallow got down.
    r"|\b(?:it|that|they) (?:\w+ )?went down (?:in the end|eventually|after all)\b"
)
# A limb numb from being pressed on ("from sitting on it", "my foot fell asleep") is the
# everyday kind, not sudden weakness, unless said to be sudden or now.
_PRESSURE = re.compile(
    r"\b(?:sitting|sat|sleeping|slept|lying|lay|laying|leaning|leant|leaned|kneeling|knelt)"
    r" (?:on|against) (?:it|them|my|his|her|the)\b|\b(?:from|after) (?:sitting|sleeping|lying"
    r"|leaning|kneeling|crossing)\b|\bcross legged\b"
    # Numb with cold, and warm again: "my hands went numb in the cold".
    r"|\b(?:in|from|with) the (?:cold|snow|freezing cold)\b|\bwarmed (?:right |back )?up\b"
    rf"|\b{_LIMB}(?: \w+){{0,2}} (?:fell|falls|fallen|fall|gone|went|going|goes) asleep\b"
)
_SUDDEN_NOW = re.compile(r"\b(?:now|right now|suddenly|all of a sudden|out of nowhere)\b")
# A face or mouth numbed on purpose (the dentist's injection) droops and slurs for a while:
# the expected kind, unless it came on out of the blue.
_NUMBED = re.compile(
    r"\b(?:dentist\w*|dental|an(?:a)?esthetic|novocaine|lidocaine|numbing (?:injection|jab|gel)"
    r"|root canal|a filling|wisdom tooth|tooth (?:out|pulled|extracted))\b"
)
_NUMBED_RULES = frozenset({"face", "speech"})
_OUT_OF_THE_BLUE = re.compile(r"\b(?:suddenly|all of a sudden|out of nowhere)\b")
# Idioms that say a symptom's word and mean none: laughter ("collapsed into giggles",
# "choking with laughter", "laughed so hard i could not breathe"). Cut before the rules
# read the rest, which still alarms if it says something ("... and now she can not breathe").
_IDIOMS = re.compile(
    r"\b(?:collaps\w*|fell about|fall about|dissolv\w*) (?:in|into|with|laughing)"
    r"(?: (?:fits of|a fit of|a heap of|the))? (?:giggles|giggling|laughter|laughing|hysterics)\b"
    r"|\b(?:in|into) (?:fits|a fit) of (?:laughter|giggles|giggling|laughing)\b"
    # Dropping onto a seat, worn out: "collapsed on the couch after work".
    r"|\bcollaps\w* (?:on|onto|into|in) (?:the|my|a|our|his|her) (?:couch|sofa|bed|chair|armchair"
    r"|recliner|settee|lounge)\b"
    r"|\b(?:choking|chok\w*|gasping|breathless|wheezing|crying|dying|died|dead|weak)"
    r" (?:with |from |of )?(?:laughter|laughing|giggles|giggling)\b"
    # ... with a few words between ("so hard at the telly"), but no new clause ("and now").
    r"|\b(?:laugh\w*|giggl\w*) (?:so )?(?:hard|much)(?: (?!and\b|now\b|but\b|then\b|until\b)\w+)"
    r"{0,4}?(?: that)? (?:i|he|she|they|we)"
    r" (?:could not|can not)"
    r" (?:breathe|speak|talk|stand|stop|catch (?:my|his|her|their|our) breath)\b"
    # A burden said to choke or suffocate ("this deadline is choking me"): a figure of speech.
    r"|\b(?:deadlines?|work|job|boss|stress|pressure|workload|exams?|uni|school|debt|bills|rent"
    r"|paperwork|emails?|meetings?|life|this week|my week|the commute|traffic|projects?"
    r"|assignments?|thesis|essays?|studies|course|mortgage|admin|inbox)"
    r" (?:is|are) (?:\w+ )?(?:choking|suffocating|strangling|smothering)"
    r" (?:me|the life out of me|the life from me)\b"
    # ... or with what it smothers them with ("suffocating me with all these deadlines").
    r"|\b(?:choking|suffocating|strangling|smothering) (?:me|us|him|her|them) with"
    r" (?:all |so much |so many )?(?:these |this |the |my |his |her |their |work|\w+s\b)"
    # ... whoever is said to do it: nobody choked by a person says it this way.
    r"|\b(?:choking|strangling|squeezing|sucking) the life out of (?:me|us)\b"
)


# A collapse or faint that nearly happened did not ("i nearly passed out from tiredness"): cut
# before the rules read the rest, which still alarms if it says something else.
_NEAR_MISS = re.compile(
    r"\b(?:nearly|almost|practically|close to|about to) (?:collapsed|collapsing|collapse"
    r"|fainted|fainting|faint|passed out|passing out|pass out|blacked out|keeled over)\b"
)
# A worry about some day ("what if one day i can not breathe because of this"): a question
# about the future, whatever it names, unless something is said to happen now.
_SOMEDAY = re.compile(
    r"\b(?:what if|what happens if|suppose|imagine|will i|would i|could i|might i)\b"
    r".{0,60}?\b(?:one day|some day|someday|in (?:the )?future|ever|eventually|later on"
    r"|down the (?:track|line|road)|years from now|when i am older)\b"
    r"|\b(?:one day|some day|someday|in (?:the )?future)\b.{0,60}?\b(?:what if|will i|could i"
    r"|would i|might i)\b"
)
# Limbs "dead", "heavy" or "like jelly" after exercise (leg day, a long run, the gym) are
# used muscles' tiredness, not a sudden loss of strength, unless it came out of the blue or
# says more (can not stand, gave way, collapsed: those are read as before).
_EXERTION = re.compile(
    r"\b(?:after|from|since|post) (?:the |my |a |an |that |this |today s |yesterday s )?"
    r"(?:\w+ )?(?:gym|workout|work out|training|leg day|arm day|run|running|marathon|session"
    r"|squats|lifting|weights|hike|spin|crossfit|football|footy|match|game|class|ride)\b"
    r"|\b(?:leg|arm) day\b"
)
# Breath a workout takes: "breathless", "short of breath" (not "can not breathe", "wheezing").
_PUFFED = re.compile(r"breathless|short(?:ness)? of breath")
_WORSE_THAN_PUFFED = re.compile(
    r"\b(?:chest|pain\w*|hurt\w*|dizz\w*|faint\w*|blue|grey|gray|lips|collaps\w*|tight\w*"
    r"|pressure|heart|wheez\w*|still|not stopping|won t stop|will not stop)\b"
)
_TIRED_LIMB = re.compile(r"\b(?:dead|heavy|jelly|wobbly|tired|sore|weak)\b")
_STRONG_WEAKNESS = re.compile(
    r"\b(?:can not|cannot|unable|not able|collaps\w*|gave|give|giving|paraly\w*|lost|no "
    r"(?:strength|power|feeling)|not moving|limp|floppy|numb\w*|fell|fallen|sudden\w*)\b"
)


# A feeling said on its own ("i'm worried my ...", "scared that ..."): it wonders only if
# what follows states nothing ("scared she collapsed" states something).
_FEELING = re.compile(
    r"\b(?:(?:i am|i m|i have been|i ve been) )?(?:so |really |a bit |very )?"
    r"(?:worried|scared|afraid|frightened|concerned|anxious|nervous|paranoid)\b"
    r"(?: (?:about|of|that))?"
)


def _wondering(cleaned: str) -> bool:
    """The words wonder about a symptom and, without the wondering, report none now."""
    wondering = _WONDERING.search(cleaned) is not None
    if not wondering and not _FEELING.search(cleaned):
        return False
    rest = _FEELING.sub(" ", _WONDERING.sub(" ", cleaned))
    if _STILL_NOW.search(rest) or _REPORTING.search(rest):
        return False
    return wondering or not _STATEMENT.search(rest)


@dataclass(frozen=True, slots=True)
class Emergency:
    symptom: str  # a key of RULES


_WORRY_SHAPE = re.compile(
    r"\b(?:cause[sd]?|causing|lead(?:s|ing)? to|led to|make[s]? (?:me|you|my|your|it)"
    r"|turn(?:s|ing)? into|become[s]?|mean[s]?|sign[s]? of|symptom[s]? of|result in|end up"
    r"|progress\w*|develop\w*"
    r"|happen\w*|ever|eventually|later|in the future|one day|someday|possibl\w*|risk|chance"
    r"|likely|normal|common|serious|dangerous|related|linked|connected|affect\w*"
    # "is slurred speech something to watch out for": asking which signs matter.
    r"|watch (?:out )?for|look out for|worry about|red flags?|warning signs?)\b"
    r"|\b(?:paraly[sz]e|kill|hurt|harm|stop) (?:me|you|him|her|them|us)\b"
    # "face drooping, what does it look like": asking how to recognise a symptom.
    r"|\bwhat (?:does|do|would|should) (?:it|that|this|they|one) (?:look|feel|sound) like\b"
    r"|\bhow (?:do|would|can|could|will) (?:i|you|we|someone)"
    r" (?:know|tell|notice|spot|recogni[sz]e)\b"
)


# A question's carrier, now given back with its words (skill/intents.py ASK_CARRIERS).
_QUESTION_OPENER = re.compile(
    r"^(?:is|are|was|were|can|could|do|does|did|will|would|should|has|have|what|why|how"
    r"|when|which|where|who)\b\s*"
)


def _calm(cleaned: str, asking: bool, now: bool) -> bool:
    """Whether the words say any symptom in them is wondered or asked about, long ago, or
    over: no emergency, whatever symptom they name (``now``: said to happen now)."""
    if _wondering(cleaned) or (_SOMEDAY.search(cleaned) and not now):
        return True
    # A question cut from its carrier still reads like one: something that may cause,
    # lead to or mean a symptom, sometime. Words without that shape ("face drooping one
    # side", "brother fits") are a report, whatever carrier Alexa heard.
    # The question's own opening word ("is slurred speech a sign of ...") states nothing.
    body = _QUESTION_OPENER.sub("", cleaned, count=1)
    asking = asking and not _STATEMENT.search(body) and _WORRY_SHAPE.search(cleaned) is not None
    if (asking or _ASKING.search(cleaned)) and not now and not _REPORTING.search(cleaned):
        return True
    if _LONG_AGO.search(cleaned):
        # "... but now i'm fine": said of the person after something long ago, no sign of
        # anything happening now (said alone, after a collapse today, it is no comfort).
        rest = _FINE_NOW.sub(" ", _LONG_AGO.sub(" ", cleaned))
        if not _HAPPENING_NOW.search(rest):
            return True
    # Over and said to be so ("short of breath after my run this morning, all good now"),
    # unless it came on suddenly: a sudden change that passed still needs urgent care.
    if _RESOLVED.search(cleaned) and not _STILL_NOW.search(_RESOLVED.sub(" ", cleaned)):
        return True
    return bool(_OVER.search(cleaned) and not _STILL_NOW.search(_OVER.sub(" ", cleaned)))


def reads_calm(text: str, *, asking: bool = False) -> bool:
    """Whether the words name a symptom only to mean none or to say it is not happening:
    a figure of speech ("laughed so hard i couldn't breathe"), or wondered about, long
    ago or over. A line split over several slots is read whole this way first."""
    cleaned = " ".join(clean(text).split())
    if _ANY_RULE.search(cleaned) is None:
        return False
    plain = " ".join(_NEAR_MISS.sub(" ", _IDIOMS.sub(" ", cleaned)).split())
    if _ANY_RULE.search(plain) is None:
        return True  # every symptom's word was inside an idiom
    return _calm(plain, asking, _HAPPENING_NOW.search(plain) is not None)


def names_a_symptom(text: str) -> bool:
    """Whether any rule's pattern names a symptom in the words, however they read it."""
    return _ANY_RULE.search(clean(text)) is not None


def detect(text: str, *, asking: bool = False) -> Emergency | None:
    """The first emergency symptom named in ``text`` (not directly negated), or None.

    ``asking``: the words are known to be a question even if they do not start like one
    (Alexa leaves the carrier out of the slot: "will {question}" delivers "twitching paralyse
    me", and a handler that has not put it back still knows the words were asked).
    """
    cleaned = " ".join(_NEAR_MISS.sub(" ", _IDIOMS.sub(" ", clean(text))).split())
    if _ANY_RULE.search(cleaned) is None:
        return None
    now = _HAPPENING_NOW.search(cleaned) is not None
    if _calm(cleaned, asking, now):
        return None
    gradual = _GRADUAL.search(cleaned) is not None and not now
    pressed = _PRESSURE.search(cleaned) is not None and not _SUDDEN_NOW.search(cleaned)
    numbed = _NUMBED.search(cleaned) is not None and not _OUT_OF_THE_BLUE.search(cleaned)
    # A workout named as the tracker names exercise ("netball", "a spin class") counts too.
    worked_out = _EXERTION.search(cleaned) is not None or "exercise" in concepts_in(cleaned)
    exerted = worked_out and not _OUT_OF_THE_BLUE.search(cleaned)
    for name, patterns in _COMPILED.items():
        if (gradual and name in _GRADUAL_RULES) or (pressed and name == "weakness"):
            continue
        if numbed and name in _NUMBED_RULES:
            continue
        for pattern in patterns:
            for found in pattern.finditer(cleaned):
                negated = _NEGATION.search(cleaned[: found.start()]) or _DENIED_AFTER.search(
                    cleaned[found.end() :]
                )
                if exerted and name == "weakness" and _tired_limb(found.group()):
                    continue
                if (
                    exerted
                    and name == "breathing"
                    and _PUFFED.fullmatch(found.group())
                    and not _WORSE_THAN_PUFFED.search(cleaned)
                ):
                    continue  # out of breath after a run is the run, unless more is said
                if not negated and not _NEGATED_INSIDE.search(found.group()):
                    return Emergency(name)
    return None


def _tired_limb(said: str) -> bool:
    """A limb said to be tired in the words of a workout's aftermath, and nothing more."""
    return _TIRED_LIMB.search(said) is not None and _STRONG_WEAKNESS.search(said) is None
