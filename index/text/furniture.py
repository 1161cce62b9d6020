"""Recognize page furniture: captions, credits and site chrome that are not the story.

Such paragraphs are marked at ingest; summaries and retrieval skip them. The rules are data:
exact lines a page prints around a story, and patterns for credits, captions, bylines, datelines
and prompts, each with the longest paragraph it may claim. The word limits are what keep a rule
from eating a story: scraped text sometimes arrives as one paragraph, and a story sentence may
start "By Tuesday," or "Published reports say".
"""

from __future__ import annotations

import re

# Whole paragraphs that are site chrome (compared case-insensitively, trailing punctuation off).
FURNITURE_LINES = frozenset(
    line.strip()
    for line in """
    watch live
    watch
    live
    live updates
    breaking
    breaking news
    advertisement
    advertisements
    sponsored
    sponsored content
    paid content
    read more
    read more here
    read the full story
    read full article
    more from the times
    most recent
    most read
    most popular
    most viewed
    trending
    trending now
    all articles
    all stories
    related
    related articles
    related stories
    related content
    related coverage
    recommended
    recommended for you
    you may also like
    you might also like
    more stories
    more on this story
    top stories
    share
    share this
    share this article
    share this story
    share article
    share on facebook
    share on twitter
    share via email
    tweet
    email
    print
    comments
    leave a comment
    join the conversation
    subscribe
    subscribe now
    sign up
    sign up for our newsletter
    skip to content
    skip advertisement
    continue reading
    continue reading below
    story continues below
    story continues below advertisement
    article continues below
    show comments
    hide caption
    toggle caption
    enlarge this image
    image
    image caption
    video
    play video
    media playback is unsupported on your device
    scroll down for video
    listen
    listen to this article
    back to top
    close
    menu
    """.split("\n")
    if line.strip()
)

_LONGEST_LINE = max(map(len, FURNITURE_LINES))
_LINE_CLOSERS = " .:!|»›>"  # stripped from a line's end before it is looked up

_SOURCES = r"(?:getty images|associated press|ap photo|reuters|afp|epa|shutterstock|alamy|pa wire|pa)"


def _rules(*pairs: tuple[int, str]) -> tuple[tuple[int, re.Pattern[str]], ...]:
    return tuple((words, re.compile(pattern)) for words, pattern in pairs)


# (most words a paragraph may have for the rule to claim it, pattern searched in the paragraph).
# Case-sensitive where capitals carry the meaning (names in bylines, datelines in capitals).
FURNITURE_PATTERNS = _rules(
    # Credits closing a caption: "(Photo by Kevork Djansezian/Getty Images)", "(AP Photo/Jae Hong)".
    (150, r"(?i)\((?:[^()]*\b(?:photo|image|picture|video|credit|file)s?\b[^()]*|"
     + _SOURCES + r"[^()]*)\)\s*$"),
    # A bare credit line: "Getty Images", "Photo: Jane Doe/Reuters", "Image copyright AFP".
    (12, r"(?i)^(?:(?:photo|image|picture|credit|caption|file photo)\s*(?:by\b|:)|"
     r"image (?:copyright|source)\b)"),
    (6, r"(?i)^[\w .'-]*/?\s*" + _SOURCES + r"\s*$"),
    # Bylines: "By Jane Doe", "By Jane Doe and John Roe | Reuters", "Jane Doe, CNN".
    (12, r"^(?:[Bb]y|BY)\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|van|von))*\s*"
     r"(?:[,|–—-].*)?$"),
    (12, r"(?i)^by\s*\.?\s*(?:daily mail reporter|associated press|reuters|staff|"
     r"press association)"),
    (8, r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3},\s*(?:CNN|Reuters|AP|BBC News|"
     r"[Ss]taff [Ww]riter|[Cc]orrespondent|[Ee]ditor|[Rr]eporter)$"),
    # Timestamps: "Updated 3:45 PM ET, Tue April 7, 2015", "Published: 08:12 EST, 2 May 2015".
    (20, r"(?i)^(?:updated|published|posted|last updated|last modified|first published)"
     r"\s*(?:on|at)?\s*:?\s*(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|"
     r"thu|fri|sat|sun|\w+ ago)"),
    # A dateline standing alone: "WASHINGTON —", "LONDON (Reuters) -".
    (6, r"^[A-Z][A-Z .,'-]{2,40}(?:\s*\([A-Za-z ]+\))?\s*[-–—]+\s*$"),
    # Prompts to the reader.
    (25, r"(?i)^(?:follow (?:us|me|@\w+|\w+ on)|(?:click|tap) (?:here|to)|(?:sign up|subscribe)"
     r" (?:for|to|now)|share (?:this|on|via)|(?:read|see|watch) (?:more|also|the full|our)|"
     r"(?:related|more|also)(?!.*\b(?:said|says|told|added|wrote)\b)(?: \w+){0,4}:$|"
     r"(?:related|see also|also read|read also)\s*:|scroll down for|want more\b|download the\b.*\bapp\b)"),
    (25, r"(?i)^(?:copyright|©)\s*(?:©\s*)?(?:\d{4}|[a-z ]*all rights reserved)"),
    (25, r"(?i)all rights reserved\.?$"),
    (8, r"(?i)^@\w+$"),
)

# A dateline caption: "LOS ANGELES, CA - APRIL 08: ..." (capitals, a dash, a date, a colon).
_CAPTION_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,60}\s[-–—]\s[A-Z]+\s+\d{1,2}(?:,\s*\d{4})?:")
_CAPTION_MAX_WORDS = 150


def is_furniture(paragraph: str, *, index: int = 0) -> bool:
    """Whether a paragraph is page furniture rather than part of the story.

    `index` is the paragraph's place in the article; the rules do not need it yet but callers
    pass it so position-aware rules (a byline only near the top) can come without a new API.
    """
    line = paragraph.strip()
    if not line:
        return False
    # Lower case never shortens a text nor touches the marks stripped after it, so a line with
    # more than the longest chrome line's characters before its closing marks is none of them:
    # a story paragraph is not lower-cased whole (for a text past ASCII, the dearer mapping).
    if (
        len(line) <= _LONGEST_LINE or not line[_LONGEST_LINE:].rstrip(_LINE_CLOSERS)
    ) and line.lower().rstrip(_LINE_CLOSERS) in FURNITURE_LINES:
        return True
    words = len(line.split())
    if words <= _CAPTION_MAX_WORDS and _CAPTION_DATELINE.match(line):
        return True
    for limit, pattern in _BY_LIMIT:
        if words > limit:
            return False  # every rule left allows fewer words: a story paragraph stops here
        if pattern.search(line):
            return True
    return False


# The rules, most words allowed first: a long paragraph is through after the first few.
_BY_LIMIT = sorted(FURNITURE_PATTERNS, key=lambda rule: -rule[0])


# A wire dateline opening the story's first sentence: "(CNN)", "LONDON (Reuters) - ",
# "WASHINGTON — ". The story starts after it, with a capital, a digit or a quote mark: after
# "NATO — the alliance …" the dash opens an aside and the capitals are the sentence's subject.
_LEADING_DATELINE = re.compile(
    r"^(?:\((?:CNN|AP|AFP|Reuters|UPI|EW\.com|CNN Money)\)\s*[-–—]*\s*|"
    r"[A-Z][A-Z .,'-]{2,40}(?:\s*\([A-Za-z .]+\))?\s+[-–—]+\s+(?=[A-Z0-9\"“‘'])|"
    # A place in ordinary capitals and a credit glued to the first word, as scraped CNN pages
    # print them: "New Delhi, India (CNN)As the earth shook", "(The Hollywood Reporter)Stan".
    # Only glued (or dashed): "Apple (AAPL) shares" and "Smith (D) said" are sentences.
    r"(?:[A-Z][\w.'’-]*(?:,?\s+[A-Z][\w.'’-]*){0,5}\s*)?\([A-Z][\w.&'’ -]{0,40}\)"
    r"(?:\s*[-–—]+\s*)?(?=[A-Z0-9\"“‘'][a-z0-9]))"
)
# A labelled photo caption glued to the sentence after it, as scraped pages print them:
# "Haul: The cherry picker on the prison roof The amount of drugs thrown over ...". The label
# (a capitalized word or three and a colon) says caption; the caption ends, with no full stop,
# where a word that opens sentences follows a lower-case word. A label followed by a quote mark
# introduces a statement ("EXPERT VERDICT: 'The effects ..."), not a caption.
_CAPTION_LABEL = re.compile(r"^[A-Z][\w'’-]*(?: [\w'’-]+){0,2}: [^\s'\"‘“]")
CAPTION_ENDS_BEFORE = frozenset(
    "The A An He She It They We His Her Their Its This That These Those There Police Officers"
    " Experts Scientists Researchers Now Yesterday Today Last In On At When After As But".split()
)
_CAPTION_END = re.compile(r"(?<=[a-z0-9’'”)\]]) (?=([A-Z][a-z]*) )")
# A caption shorter than this is a label's phrase ("Pictured: the house"); a story left shorter
# than this is no sentence.
_CAPTION_MIN_WORDS = 4
_STORY_MIN_WORDS = 6


def story_start(sentence: str) -> int:
    """Return where the story begins in a sentence: after a wire dateline or a glued caption.

    0 when nothing precedes the story. The rest of the sentence stays a verbatim slice.
    """
    dateline = _LEADING_DATELINE.match(sentence)
    if dateline and len(sentence[dateline.end() :].split()) >= _STORY_MIN_WORDS:
        return dateline.end()
    if not _CAPTION_LABEL.match(sentence):
        return 0
    for boundary in _CAPTION_END.finditer(sentence):
        if boundary.group(1) not in CAPTION_ENDS_BEFORE:
            continue
        caption, story = sentence[: boundary.start()], sentence[boundary.end() :]
        if len(caption.split()) > _CAPTION_MIN_WORDS and len(story.split()) >= _STORY_MIN_WORDS:
            return boundary.end()
        return 0
    return 0
