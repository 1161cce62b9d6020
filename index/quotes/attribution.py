"""Find who said a quote: the speech cue beside it and the mention at the cue.

Cues are matched against tables kept as data (index/quotes/cues.py): a subject before the verb ("Beck
said", "Beck, who has led the force since 2009, said"), the verb before it ("said Beck"), a source
phrase ("according to the AP"), a colon ("Beck said: …") or a framing verb for partial quotes
("called it …"). The subject before a verb is read by index/quotes/subjects.py. The mention found there
(a name, a pronoun or a description) is then resolved by the document's `Cast` into a person with
a canonical name.
"""

from __future__ import annotations

import re

from index.quotes.cue_patterns import (
    ADV,
    AFTER_CUE,
    AFTER_SUBJECT,
    APPOSITIVE_NAME,
    CUES,
    DASH_CREDIT,
    DESCRIPTION,
    DETERMINERS,
    FRAMES,
    INDEFINITE,
    NAME_COLON,
    NAME_RUN,
    PARENTHETICAL,
    PARENTHETICAL_AFTER_COMMA,
    PHRASE_STOPS,
    PHRASE_WORD,
    PRONOUNS,
    QUOTE_CREDIT,
    SAID_NAME,
    SENTENCE_END,
    SOURCE,
    SUBORDINATE_WORD,
    TRAILING_CUE,
    alternation,
)
from index.quotes.cues import (
    CARRIERS,
    INFINITIVES,
    PERSON_NOUNS,
    SUBORDINATORS,
    TITLES,
)
from index.quotes.labels import names_someone
from index.quotes.long_asides import actor_before_participle
from index.quotes.marks import Span
from index.quotes.next_clause import CONTRAST, clause_words
from index.quotes.people.mentions import NAME, parse_name
from index.quotes.shared_subjects import shared_subject
from index.quotes.subjects import (
    Who,
    named_who,
    sentence_subject,
    subject_before,
    who_from,
)
from index.text.lexicon import TITLES as ABBREVIATED_TITLES


def cue_after(text: str, span: Span, end: int, *, closed: bool = False) -> Who | None:
    """Return the cue after the closing mark. After a fragment that ended its sentence inside the
    marks (`closed`), only a dash credit counts: the next sentence's verb is another statement's."""
    after = text[span.after_at : min(end, span.after_at + 260)]
    if not after or after[0].isalnum():
        return None
    offset = span.after_at
    ends_sentence = _ENDS_SENTENCE.search(text, span.start, span.end) is not None
    if closed or (ends_sentence and after.rstrip().endswith(":")) or CONTRAST.match(after):
        # After a closed fragment, before `He reiterated: “…` or `… but Ann said`: a dash credit only
        return _dash_credit(after, offset)
    # `…anyway." Judge Jones interjected, pointing out that …`: after a quote closed by a full
    # stop (or "?", "!"), a speech verb with a clause of its own is the next sentence's.
    full_stop = text[span.start : span.end].rstrip().endswith((".", "?", "!"))
    match = AFTER_SUBJECT.match(after)
    if match and not (full_stop and _OWN_CONTENT.match(after, match.end())):
        return who_from(match, offset)
    cue = CUES.search(after, 0, 160)
    if cue is not None and full_stop and _OWN_CONTENT.match(after, cue.end()):
        cue = None
    if cue is not None and not SENTENCE_END.search(after, 0, cue.start()):
        # `," Republican pollster Bill McInturff, part of the team, told NBC.`
        who = subject_before(after, cue.start(), offset)
        prefix = after[: who.start - offset].strip(" ,;—–-") if who is not None else ""
        role_words = len(prefix.split()) <= 5 and not any(c in prefix for c in ",;") and (
            not SUBORDINATORS.intersection(prefix.lower().split())
        )  # not "… “riding the fence” until Haley said": the cue of a subordinate clause
        if who is not None and ends_sentence and (after[: who.start - offset].rstrip().endswith(",")
                                                  or clause_words(prefix)):
            role_words = False  # `….” This sort of opining, CNN claimed`: the next sentence's
        # `,” just as Clinton did in 2008, Rendell added.`: a whole clause set off before it.
        inserted = who is not None and _INSERTED_CLAUSE.fullmatch(after, 0, who.start - offset)
        if who is not None and (role_words or inserted):
            who.cue = cue.group(0)
            return who
        continues = not text[span.start : span.end].rstrip().endswith((".", "!", "?")) and (
            not after.lstrip()[:1].isupper()
        )
        if continues and after[: cue.start()].rstrip().endswith(","):
            # `“drew quite well” in the 2008 primary, said Ohio State professor Paul Beck.`
            who = phrase_after(after, cue.end(), offset)
            if who is not None and who.mention[:1].isupper():
                who.cue = cue.group(0)
                return who
    verb = AFTER_CUE.match(after)
    if verb:
        who = phrase_after(after, verb.end(), offset)
        if who is not None:
            who.cue = verb.group("cue")
            return who
    credit = _dash_credit(after, offset)
    if credit is not None:
        return credit
    match = SOURCE.match(after.lstrip(" ,;—–-"))
    if match:
        return who_from(match, offset + len(after) - len(after.lstrip(" ,;—–-")))
    credit = named_who(QUOTE_CREDIT.match(after), offset)
    if credit is not None:
        return credit
    match = TRAILING_CUE.search(after)  # `… interaction” with police, Beck told the Times, “…`
    if match is None or SENTENCE_END.search(after, 0, match.start()):
        return None  # not `…” themselves. In May, Vale proclaimed, “…`: that cue is the next quote's
    return who_from(match, offset)


# What a speech verb says of its own: a clause ("interjected, pointing out that …", "told him
# not to swear", "said that …", "said he was …"), not the bare credit of the quote before it.
_OWN_CONTENT = re.compile(
    r"(?:,?\s+[a-z]+ing\b|\s+(?:him|her|them|us|me|it)\s+(?:not\s+)?(?:to|that)\b|\s+that\b"
    r"|\s+(?:he|she|they|it|I|we|there)\s+[a-z]+"  # "Cobb said he was …": reported speech
    # "told the court that …", "said the party would …": a subject or hearer of a few words
    # (no relative or subordinate clause) before "that" or a finite verb
    r"|\s+(?:(?!(?:who|which|whose|when|where|as|while|after|before|because|since|if|though|"
    r"although|until)\b)[\w'’\-]+\s+){1,4}?(?:that|would|will|was|were|is|are|had|has|have|"
    r"could|should|must|did|does|can|may|might)\b"
    r"|\s+[A-Z][\w'’\-]+\s+[a-z]+ed\b"  # "said Manohar squeezed her …"
    r"|(?<!told)\s+an?\s+[a-z])"  # "Levanic posted an image of …": what the verb made, no hearer
)
_ENDS_SENTENCE = re.compile(r"[.!?][\s'’\"”]*$")
_INSERTED_CLAUSE = re.compile(
    rf"[\s\"”’',]*(?:just\s+)?(?:{alternation(SUBORDINATORS)})\s[^,;:.\"“”]{{1,80}},\s*"
)


def _dash_credit(after: str, offset: int) -> Who | None:
    """`…” ― Carla Sanchez` closing a paragraph."""
    return named_who(DASH_CREDIT.match(after), offset)


def _introduces(clause: str, match: re.Match[str]) -> bool:
    """Tell whether a name before a colon speaks: only as a subject, at the clause start, after
    "Said" or a role ("pollster Daron Shaw:"), never as an object ("a message to Trump:", "said of
    Sanders:")."""
    before = clause[: match.start("m")].split()
    if len(before) >= 3 and before[-2] == "of" and before[-3].lower() in TITLES:
        return True  # "Former secretary of state Hillary Rodham Clinton:"
    return not before or before[-1] == "Said" or before[-1].lower() in PERSON_NOUNS


def cue_before(text: str, start: int, end: int) -> Who | None:
    """Return the speech cue nearest before the opening mark in its sentence."""
    clause = text[max(start, end - 300) : end]
    offset = end - len(clause)
    # `Said Ellis: “…`, `… pollster Daron Shaw: “…`, `Said Comey, "…`. NAME_COLON ends in a colon
    # and spaces, so it is searched only then (a try of NAME at every space of 300 characters).
    colon = NAME_COLON.search(clause) if clause.rstrip().endswith(":") else None
    match = colon or SAID_NAME.match(clause)
    heading = match is colon  # "EXPERT VERDICT:" may be a heading; "NASA said" names the agency
    if match and names_someone(text, match.group("m"), heading) and _introduces(clause, match):
        return who_from(match, offset)
    # Every source phrase holds "ccording to" ("According to", "according to"): a test in C
    # spares the search, which tries its word boundary at every character, in most clauses.
    sources = list(SOURCE.finditer(clause)) if "ccording to" in clause else []
    source = sources[-1] if sources else None
    # A name's aside, else a pronoun's, leftmost: at the clause's start, else after a comma.
    parenthetical = PARENTHETICAL.match(clause) or PARENTHETICAL_AFTER_COMMA.search(clause)
    aside = named_who(parenthetical, offset) or _pronoun_aside(parenthetical, offset)
    if aside is not None:
        who = _framing_cue(clause, offset, source, offset == start)
        if who is None or who.mention.split()[0].lower() in DETERMINERS:
            return aside  # not "the three others continued to try …", a description, nor none
        return who
    return _framing_cue(clause, offset, source, offset == start)


def _pronoun_aside(match: re.Match[str] | None, offset: int) -> Who | None:
    if match is None or match.group("m").lower() not in PRONOUNS:
        return None
    return who_from(match, offset)


def _framing_cue(
    clause: str, offset: int, source: re.Match[str] | None, whole: bool
) -> Who | None:
    """Return the speech or framing verb nearest before the quote with its subject, else the
    clause's "according to" source (`whole`: the clause starts its sentence)."""
    cues = list(FRAMES.finditer(clause))
    shared = None
    for cue in reversed(cues):
        if source is not None and source.start() > cue.start():
            break
        if cue.group(0).endswith("s") and _NOUN_BEFORE.search(
            clause, max(0, cue.start() - 12), cue.start()
        ):
            continue  # "swiped at Ryan in a series of tweets:": a noun, not the verb "tweets"
        if cue.group(0) in INFINITIVES and not clause[: cue.start()].endswith("to "):
            continue  # "One tweet said:": a noun; "only for Trump to tweet that": the verb
        agent = _PASSIVE_AGENT.match(clause, cue.end())
        if agent is not None and clause[max(0, cue.start() - 8) : cue.start()].rstrip().endswith(
            _PASSIVE
        ):  # "Wood was told by Platt: “…”": the agent speaks, not Wood
            who = named_who(agent, offset)
            if who is not None:
                who.cue = cue.group(0)
                return who
        if not cue.group(0).endswith("ing"):
            who = subject_before(clause, cue.start(), offset)
            if who is not None and who.mention.startswith("As ") and (
                clause[cue.end() : cue.end() + 1] == ","
            ):  # "As The Daily Caller reported, the star “gave …”": the sentence's source
                who.mention, who.start = who.mention[3:], who.start + 3
            elif who is not None and _in_subordinate(clause, who.start - offset, cue.end()):
                continue  # "When Ortiz suggested a loan, Quint fired back: “…”"
            if who is None and not clause.rstrip().endswith(":"):
                who = _unnamed_antecedent(clause, cue.start(), offset)
            if who is not None:
                who.cue = cue.group(0)
                return who
        if cue.group(0).endswith("ing"):
            # "footage of Hillary Clinton asking, “…”", "with Sen. John McCain calling it “…”"
            actor = actor_before_participle(clause, cue.start())
            who = who_from(actor, offset) if actor else None
            if who is None and whole:  # a clause cut at 300 characters has no opening
                who = sentence_subject(clause, 0, cue.start(), offset)
        elif cue.group(0).lower() not in _TO_HEARER:  # "A source told MailOnline: …": the hearer
            who = phrase_after(clause, cue.end(), offset, need_colon=True)
            if who is not None and clause[who.end - offset :].strip(" ,:;—–-\t\n\u00a0"):
                who = None  # "praised Trump, stating … “…”": an object, and the quote is further on
            elif who is not None and who.mention.lower().split()[-1] in CARRIERS:
                who = None  # "Raqqawi wrote the accompanying message: “…”": what was written
        if who is None and shared is None:  # "… and responded that", if no cue has a subject
            shared = shared_subject(clause, cue.start(), offset, cue.group(0))
        if who is not None:
            who.cue = cue.group(0)
            return who
    if source is not None:
        return who_from(source, offset)
    return shared


_PASSIVE = (" was", " were", " been", " being")
# Speech verbs whose object is who hears the words, never who says them ("told MailOnline: …").
_TO_HEARER = frozenset(
    "told tell tells asked asks warned warns urged urges reminded reminds assured assures".split()
)
_PASSIVE_AGENT = re.compile(rf"\s+by\s+(?P<m>{NAME})\s*[:,]?\s*$")


def _unnamed_antecedent(clause: str, cue_at: int, offset: int) -> Who | None:
    """Return the description a relative clause's verb has for subject: in `calling out an
    online hater who accused her of being a “gold digger”`, that verb frames the fragment, not
    a speaker further back in the sentence (before a colon, the quote is the sentence's)."""
    match = _RELATIVE_DESCRIPTION.search(clause, max(0, cue_at - 120), cue_at)
    return who_from(match, offset) if match else None


_RELATIVE_DESCRIPTION = re.compile(rf"(?P<m>{DESCRIPTION}),?\s+who\s+(?:{ADV})?$")


# A word that makes a cue like "tweets" or "notes" a plural noun: "in a series of tweets".
_NOUN_BEFORE = re.compile(
    r"\b(?:a|an|the|his|her|their|its|our|my|your|of|in|with|off|several|many|some|these|those)"
    r"\s+$", re.IGNORECASE,
)


def _in_subordinate(clause: str, subject_at: int, cue_end: int) -> bool:
    """Whether the subject opens a subordinate clause that a comma closes before the quote."""
    opening = clause[max(0, subject_at - 12) : subject_at + 12]
    return bool(SUBORDINATE_WORD.search(opening)) and ", " in clause[cue_end:]


def phrase_after(text: str, start: int, offset: int, need_colon: bool = False) -> Who | None:
    """Return the noun phrase after a verb ("said Republican pollster Daron Shaw, who…").

    Lower-case words belong to it only between capitalized ones (role words: "said Marquette
    pollster Charles Franklin") or after a determiner ("said the police chief").
    """
    tokens: list[tuple[int, int]] = []
    stop = ""
    position = start
    joined = False
    while len(tokens) < 9:
        joiner = _AMPERSAND.match(text, position)
        if joiner is not None and tokens:
            position = joiner.end()  # "Chief Merchandise & Marketing Officer"
            continue
        match = PHRASE_WORD.match(text, position)
        if match is None or match.group("p"):
            stop = match.group("p") if match else ("$" if position >= len(text) else "")
            break
        word = match.group("w")
        if word == "and" and tokens and _title_then_capital(text, tokens[-1], match.end()):
            position = match.end()  # "former Pennsylvania Gov. and DNC Chairman Ed Rendell"
            continue
        if word == "and" and tokens and _last_member(text, tokens, match.end()):
            joined, position = True, match.end()  # `,” insist Smith and Jones.`: the pair speaks
            continue
        if word == "of" and tokens and _role_of_then_name(text, tokens, match.end()):
            # "said former secretary of state Hillary Clinton", "said master of ceremonies Al Tabb"
            tokens.append(match.span("w"))
            position = match.end()
            continue
        if word.lower() in PHRASE_STOPS:
            break
        position = match.end()
        if word.endswith(".") and not _abbreviated(word):
            tokens.append((match.start("w"), match.end("w") - 1))
            stop = "."
            break
        tokens.append(match.span("w"))
    if not tokens:
        return None
    words = [text[a:b] for a, b in tokens]
    described = words[0].lower() in ("the", "a", "an", "another", "one")
    if not described and stop == "," and words[-1].lower().rstrip(".") in _ROLE_NOUNS:
        named = APPOSITIVE_NAME.match(text, tokens[-1][1])
        if named is not None and not need_colon and parse_name(named.group("m")) is not None:
            # `,' said Acme Marketing Officer and Deputy CEO, Dan Brack.`: the role, then who
            title = text[tokens[0][0] : named.start("m")].rstrip(" ,")
            return Who(None, named.group("m"), offset + named.start("m"), offset + named.end("m"),
                       "", title)
    if not described:
        capitals = [index for index, word in enumerate(words) if word[:1].isupper()]
        if not capitals:
            return None
        if capitals[-1] + 1 < len(words):
            words, tokens, stop = words[: capitals[-1] + 1], tokens[: capitals[-1] + 1], " "
    if need_colon and not stop.startswith((":", ",")):
        return None
    phrase = text[tokens[0][0] : tokens[-1][1]]
    at = offset + tokens[0][0]
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return Who(None, phrase, at, at + len(phrase), "")
    if words[0].lower() in PRONOUNS:
        return None  # `,” suggesting he might consider Kasich`: a clause, whose object says nothing
    if described and len(words) > 1:
        named = APPOSITIVE_NAME.match(text, tokens[-1][1])
        if named is not None and not need_colon and parse_name(named.group("m")) is not None:
            # `said a spokeswoman for Trump hotels, Jennifer Rodstrom.`
            title = text[tokens[0][0] : named.start("m")].rstrip(" ,")
            return Who(None, named.group("m"), offset + named.start("m"), offset + named.end("m"),
                       "", title)
        if not words[-1][:1].isupper() or words[0].lower() in INDEFINITE:
            return Who(None, phrase, at, at + len(phrase), "")  # a description, or nobody named
    if joined and not described:
        return Who(None, phrase, at, at + len(phrase), "")  # a group, resolved member by member
    names = list(NAME_RUN.finditer(phrase))
    if not names:
        return None
    name = names[-1]
    if words[0] in ("the", "The") and name.start() == 4:
        return Who(None, phrase, at, at + len(phrase), "")
    role = phrase[: name.start()].strip() or None
    return Who(None, name.group(0), at + name.start(), at + name.end(), "", role)


def _role_of_then_name(text: str, tokens: list[tuple[int, int]], after: int) -> bool:
    """Whether "of" joins lower-case role words to their complement before a name."""
    return all(text[a:b].islower() for a, b in tokens) and _NAME_SOON.match(text, after) is not None


def _last_member(text: str, tokens: list[tuple[int, int]], after: int) -> bool:
    """Whether "and" joins a name to a last name that ends the phrase ("Smith and Jones.")."""
    return all(text[a:a + 1].isupper() for a, _ in tokens) and (
        _LAST_MEMBER.match(text, after) is not None
    )


# Word sets joined once, not at every test (a union builds a new set each time it is written).
_ROLE_NOUNS = TITLES | PERSON_NOUNS
_ABBREVIATED = ABBREVIATED_TITLES | {"jr", "sr"}
_AMPERSAND = re.compile(r"[ \t\u00a0]*&(?=[ \t\u00a0]+[A-Z])")
_LAST_MEMBER = re.compile(rf"[ \t\u00a0]+{NAME}[ \t\u00a0]*(?:[,.;:!?\"”’']|$)")
_NAME_SOON = re.compile(r"(?:[ \t\u00a0]+[a-z][\w\-]*){1,2}[ \t\u00a0]+[A-Z]")
_ROLE_ON = re.compile(r"(?:[ \t\u00a0]+[a-z][\w\-]*){0,3}[ \t\u00a0]+[A-Z]")  # "and chief executive Bill"


def _title_then_capital(text: str, last: tuple[int, int], after: int) -> bool:
    """Whether "and" joins two roles of one person: a role before it, words to a capital after."""
    return text[last[0] : last[1]].lower().rstrip(".") in _ROLE_NOUNS and bool(_ROLE_ON.match(text, after))


def _abbreviated(word: str) -> bool:
    """Tell a period that belongs to the word: an initial ("B."), a title ("Sen."), "Jr."."""
    bare = word[:-1]
    return len(bare.replace(".", "")) <= 1 or bare.lower() in _ABBREVIATED
