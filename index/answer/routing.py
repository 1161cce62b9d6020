"""What a question asks: what someone said (perhaps about a topic), who said a phrase, who
someone is, or anything else; found by patterns, with the name, topic or phrase pulled out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.models import AnswerKind

_NAME = r"(?P<name>[^?\"“”]{1,80}?)"
_TOPIC = r"(?P<topic>[^?]{1,300}?)"
_END = r"\s*[?.!]*\s*$"
_SAY = (
    r"(?:say|said|says|saying|think|thinks|thought|tell|told|comment|comments|commented|"
    r"claim|claimed|claims|state|stated|argue|argued|feel|feels|felt|believe|believes|"
    r"believed|mention|mentioned|talk|talked|speak|spoke|write|wrote|tweet|tweeted|"
    r"have\s+to\s+say|had\s+to\s+say|has\s+to\s+say)"
)
_ABOUT = r"(?:about|on|regarding|concerning|of|re)"
_WORDS = r"(?:comments?|quotes?|remarks?|views?|statements?|words?|opinions?|thoughts?|position)"
# What a reader calls someone's view of something: "the sheriff's take on", "Beck's stance on".
_VIEW = (
    r"(?:" + _WORDS[3:-1] + r"|take|stance|stand|reaction|response|verdict|perspective|feelings|"
    r"assessment|answer|reply|argument|case|line|message|point\s+of\s+view|say)"
)
# A view is of, on or to something: "reaction to the ruling", "take on the jail".
_TOWARDS = r"(?:about|on|regarding|concerning|of|re|to|towards?|over|with\s+regard\s+to)"
_WHATS = r"(?:what(?:['’]s|\s+(?:are|were|is|was))\s+|tell\s+me\s+|so\s+)"
# A bare name before "on": capitalized words only ("Beck on deportation", "Charlie Beck on …").
_PROPER = r"(?P<name>(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
_WHAT_DID = r"^\s*(?:so\s+)?(?:what|which\s+things?)\s+(?:did|does|has|have|do|had|was|is)\s+"
_QUOTE_MARKS = "\"'“”‘’«»"

# Routes, most specific first; each pattern names the parts it captures.
_ROUTES: tuple[tuple[AnswerKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (AnswerKind.WHO_SAID, r"^\s*(?:who|which\s+\w+)\s+(?:said|says|say|wrote|writes|called|calls|stated|tweeted|used\s+the\s+(?:words?|phrase)|is\s+quoted\s+(?:as\s+)?saying|was\s+quoted\s+(?:as\s+)?saying)\s*(?:that\s+)?[:,]?\s*(?P<phrase>.+?)" + _END),
        (AnswerKind.WHO_SAID, r"^\s*whose\s+(?:words?|quote|line)\s+(?:is|are|was|were)\s*[:,]?\s*(?P<phrase>.+?)" + _END),
        (AnswerKind.WHO_SAID, r"^\s*(?:who\s+is\s+behind|who\s+came\s+up\s+with|where\s+does)\s+(?P<phrase>[\"“'‘].+?[\"”'’])(?:\s+come\s+from)?" + _END),
        (AnswerKind.ROLE, r"^\s*(?:who\s+is|who's|who\s+was|who\s+are|what\s+is\s+the\s+(?:role|job|title|position)\s+of)\s+" + _NAME + _END),
        (AnswerKind.ROLE, r"^\s*what\s+does\s+" + _NAME + r"\s+do(?:\s+for\s+a\s+living)?" + _END),
        (AnswerKind.ROLE, r"^\s*what\s+(?:is|was)\s+" + _NAME + r"['’]s?\s+(?:role|job|title|position)" + _END),
        (AnswerKind.SPEAKER_TOPIC, _WHAT_DID + _NAME + r"\s+(?:ever\s+|actually\s+|really\s+)?" + _SAY + r"\s+(?:[\w.'’]+\s+){0,3}?" + _ABOUT + r"\s+" + _TOPIC + _END),
        (AnswerKind.SPEAKER_TOPIC, r"^\s*" + _WHATS + r"?" + _NAME + r"['’]s?\s+" + _VIEW + r"\s+" + _TOWARDS + r"\s+" + _TOPIC + _END),
        (AnswerKind.SPEAKER_TOPIC, r"^\s*(?:where|how)\s+(?:does|did|do|has)\s+" + _NAME + r"\s+(?:stand|stood|come\s+down)\s+(?:on|over|regarding|about)\s+" + _TOPIC + _END),
        (AnswerKind.SPEAKER_TOPIC, r"^\s*what\s+(?:does|did|do)\s+" + _NAME + r"\s+make\s+of\s+" + _TOPIC + _END),
        (AnswerKind.SPEAKER_TOPIC, r"^\s*(?:did|has)\s+" + _NAME + r"\s+(?:say|said|comment|commented|talk|talked|speak|spoken|spoke)\s+(?:anything\s+|something\s+)?" + _ABOUT + r"\s+" + _TOPIC + _END),
        (AnswerKind.SPEAKER_TOPIC, r"^\s*how\s+(?:did|does|has|do|is|was)\s+" + _NAME + r"\s+(?:feel|felt|feeling|respond|responded|responding|react|reacted|reacting|reply|replied|answer|answered|see|saw|view|viewed)\s+(?:about|on|to|towards?)?\s*" + _TOPIC + _END),
        (AnswerKind.SPEAKER_TOPIC, r"^\s*(?:what\s+)?(?:quotes?|statements?|comments?)\s+(?:from|by|of)\s+" + _NAME + r"\s+" + _ABOUT + r"\s+" + _TOPIC + _END),
        (AnswerKind.SPEAKER_TOPIC, r"^\s*(?:what\s+(?:did|does)\s+)?" + _NAME + r"\s+" + _SAY + r"\s+" + _ABOUT + r"\s+" + _TOPIC + _END),
        (AnswerKind.SPEAKER, _WHAT_DID + _NAME + r"\s+(?:ever\s+|actually\s+|really\s+|just\s+)?" + _SAY + r"(?:\s+(?:so\s+far|in\s+(?:the|this)\s+(?:article|story)|here))?" + _END),
        (AnswerKind.SPEAKER, r"^\s*(?:" + _WHATS + r"|show\s+(?:me\s+)?|list\s+|give\s+me\s+)?(?:all\s+(?:of\s+)?)?" + _NAME + r"['’]s?\s+" + _VIEW + _END),
        (AnswerKind.SPEAKER, r"^\s*(?:show\s+(?:me\s+)?|list\s+|give\s+me\s+)?(?:all\s+)?(?:the\s+)?(?:quotes?|statements?|comments?|remarks?|words?)\s+(?:from|by|of)\s+" + _NAME + _END),
        (AnswerKind.SPEAKER, r"^\s*(?:what\s+is\s+|what's\s+|what\s+happened\s+)?according\s+to\s+" + _NAME + _END),
        (AnswerKind.SPEAKER, r"^\s*(?:how\s+did|what\s+was)\s+" + _NAME + r"(?:['’]s)?\s+(?:respond|react|reaction|response)" + _END),
        (AnswerKind.SPEAKER, r"^\s*(?:did|has)\s+" + _NAME + r"\s+(?:say|said|comment|commented)\s+anything" + _END),
        (AnswerKind.SPEAKER, r"^\s*what\s+" + _NAME + r"\s+(?:said|says|thinks|told)" + _END),
        (AnswerKind.SPEAKER, r"^\s*" + _NAME + r"\s+(?:quotes?|said|says)" + _END),
    )
)  # fmt: skip
# Tried last, and kept only when the name is someone the articles quote ("Beck on deportation"
# but not "Tariffs on China"): a capitalized phrase before "on" is as often a thing as a person.
_LOOSE_ROUTE = re.compile(r"^\s*" + _PROPER + r"\s+on\s+" + _TOPIC + _END)
# Words that stand where a name would but name nobody.
_NOT_NAMES = frozenset(
    {
        *"you i we they it this that he she them everyone anyone someone people".split(),
        *("the article", "the story", "the author", "the writer", "the text", "the report"),
    }
)


@dataclass(frozen=True, slots=True)
class Route:
    """What a question asks, with the name, topic or phrase it names."""

    kind: AnswerKind
    name: str | None = None
    topic: str | None = None
    phrase: str | None = None
    # Only a guess that `name` is a person: when nobody quoted has that name, the question is
    # an ordinary open one (not one "about someone").
    loose: bool = False


def route(question: str) -> Route:
    """Decide what a question asks and pull out its name, topic or phrase."""
    for kind, pattern in _ROUTES:
        match = pattern.match(question)
        if not match:
            continue
        parts = match.groupdict()
        if kind is AnswerKind.WHO_SAID:
            phrase = parts["phrase"].strip().strip(_QUOTE_MARKS + " ").strip()
            if phrase:
                return Route(kind, phrase=phrase)
            continue
        name = parts.get("name", "").strip().strip(_QUOTE_MARKS + " ,")
        if not name or name.lower() in _NOT_NAMES:
            continue
        return Route(kind, name=name, topic=(parts.get("topic") or "").strip() or None)
    loose = _LOOSE_ROUTE.match(question)
    if loose and loose["name"].lower() not in _NOT_NAMES:
        return Route(AnswerKind.SPEAKER_TOPIC, loose["name"], loose["topic"].strip(), loose=True)
    bare = question.strip().rstrip("?!. ")
    if len(bare) > 4 and bare[0] in _QUOTE_MARKS and bare[-1] in _QUOTE_MARKS:
        return Route(AnswerKind.WHO_SAID, phrase=bare.strip(_QUOTE_MARKS + " "))
    return Route(AnswerKind.OPEN)
