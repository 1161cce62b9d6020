"""Turn the mention found at a speech cue into a person: a name, a pronoun or a description.

Names are canonicalized by the document's `Cast`; pronouns go to the most recent compatible
person; descriptions ("the police chief", "the board") to whoever the article introduced so.
Anything that cannot be resolved stays unnamed: a wrong name is worse than none. A cue's
subject that describes someone the article never names ("…," said a Nevada Democrat) is the
speaker as the article words it (`described_speaker`), never a person; a lone pronoun stays
unknown.
"""

from __future__ import annotations

import re

from index.models import DESCRIBED_OPENINGS
from index.quotes.cue_patterns import DETERMINERS, INDEFINITE, MEMBER_SEPARATOR, NAME_RUN, PRONOUNS
from index.quotes.cues import (
    AFFILIATIONS,
    CARRIERS,
    DOCUMENT_NOUNS,
    ORG_HEADS,
    PERSON_NOUNS,
    PLURAL_TITLES,
    PREPOSITIONS,
    SPEAKING_FOR,
    TITLES,
)
from index.quotes.people.cast import Cast, Person
from index.quotes.people.descriptions import (
    described_as,
    holders,
    resolve_description,
    speaking_for,
)
from index.quotes.people.document_antecedents import earlier_document_author
from index.quotes.people.document_authors import document_author
from index.quotes.people.lone_surnames import lone_surname_person
from index.quotes.people.mentions import NAME, parse_name, personal_role, without_honorific
from index.quotes.people.origins import origin_person
from index.quotes.people.pronouns import pronoun_gender, resolve_pronoun
from index.quotes.people.topic import by_origin
from index.quotes.subjects import Who

_OWNED_NOUNS = DOCUMENT_NOUNS | SPEAKING_FOR  # "the IMF report", "the Sanders campaign"
_OWNER_PRONOUNS = {"his": "he", "her": "she"}


def resolve(
    cast: Cast, who: Who | None, recent: Person | None, horizon: int
) -> tuple[Person | None, str | None, str | None]:
    """Turn a cue's subject into (person, canonical name, role): its person, else its mention's."""
    if who is None:
        return None, None, None
    if who.person is not None:
        return who.person, who.person.name, who.person.role
    named = _named_in_apposition(cast, who)
    if named is not None:  # "…,' her solicitor, Tom Bell, said.": Tom Bell speaks
        return _resolve_mention(cast, who.appositive or "", named, recent, horizon, who.mention)
    handle = _GOING_BY.match(cast.text, who.end) if who.mention[:2] in ("a ", "an") else None
    if handle is not None and parse_name(handle.group("m")) is not None:
        # "tweeted a German user from Hanover going by the handle Pulvermann": the name given
        return _resolve_mention(cast, handle.group("m"), handle.start("m"), recent, horizon)
    author = document_author(cast, who, recent, horizon) or earlier_document_author(
        cast, who, lambda issuer: resolve(cast, issuer, recent, horizon)
    )
    if author is not None:  # "her statement said", "a statement from the White House"
        return author
    return _resolve_mention(cast, who.mention, who.start, recent, horizon, who.appositive)


_GOING_BY = re.compile(
    rf"[^,.;:\"“”]{{0,40}}?\s(?:(?:going|goes|went)\s+by|named|known\s+as)\s+"
    r"(?:the\s+(?:handle|name|username)\s+)?"
    rf"(?P<m>{NAME})"
)


def _named_in_apposition(cast: Cast, who: Who) -> int | None:
    """Where the name set off after a description at a cue stands ("her solicitor, Tom Bell,
    said"), or None when the aside is no name ("the judge, who sat alone, said")."""
    opening = who.mention.split()[:1]  # a continued quote's mention may be empty
    if not who.appositive or not opening or opening[0].lower() not in DETERMINERS:
        return None
    if NAME_RUN.fullmatch(who.appositive) is None or parse_name(who.appositive) is None:
        return None
    at = cast.text.find(who.appositive, who.end)
    return at if at >= 0 else None


def _resolve_mention(
    cast: Cast,
    mention: str,
    position: int,
    recent: Person | None,
    horizon: int,
    appositive: str | None = None,
) -> tuple[Person | None, str | None, str | None]:
    """Turn the words at a cue into (person, canonical name, role)."""
    words = mention.split()
    first = words[0].lower()
    if len(words) == 1 and first in PRONOUNS:
        person = resolve_pronoun(cast, first, position, recent, horizon)
        if person is not None:
            cast.set_gender(person, pronoun_gender(first))
            cast.mentioned(person, position, subject=True)
        return _as_found(person)
    if first in DETERMINERS or first in INDEFINITE:
        if len(words) == 1:
            return None, None, None
        body = speaking_for(mention)
        if body is not None:
            return None, body, None
        if first in _OWNER_PRONOUNS and len(words) == 2 and words[1].lower() in SPEAKING_FOR:
            # "her campaign said", "His campaign protested": whoever "she" or "he" is there,
            # as "the Sanders campaign" speaks for Sanders.
            person = resolve_pronoun(cast, _OWNER_PRONOUNS[first], position, recent, horizon)
            return _as_found(person)
        if words[-1][:1].isupper():
            fitting = holders(cast, [word.lower() for word in words[1:]], position)
            if len(fitting) == 1:  # "the Labour MP" after "Labour MP Ann Lee": her, not a name
                cast.mentioned(fitting[0], position, subject=True)
                return _as_found(fitting[0])
            if fitting:
                return None, None, None  # two Labour MPs: "the Labour MP" is either
            name = " ".join(words[1:]).rstrip(".") if first == "the" else None
            parsed = parse_name(name, position) if name else None
            run_on = cast.after_run_on(parsed) if parsed else None
            if run_on is not None:  # "Speaking to the Herald Sun Daniel said": Daniel's words
                return _as_found(cast.name_person(run_on))
            if len(words) == 2 and words[1].lower() in AFFILIATIONS:
                name = None  # "the Republican": an adjective
            if by_origin(words[-1]):  # "the Texan said": someone known, never "Texan"
                return _as_found(origin_person(cast, mention, position, recent))
            if _person_word(words[-1]) and (len(words) > 2 or "-" in words[-1]):
                # "the Tory MP", "the Oscar-winner": someone described, never a name
                return _as_found(resolve_description(cast, mention, position, recent))
            if parsed is not None and name and name.endswith(f" {parsed.name}") and " " in parsed.name:
                # "the Observer's Philip French": the name, not its owner
                return _as_found(cast.name_person(parsed))
            return None, name, None
        author = _author_of_document(cast, words)
        if author is not None:
            return author
        # A described statement continued (no place of its own) keeps its description: found
        # again out of place, "the coach" would be whoever was quoted last.
        person = resolve_description(cast, mention, position, recent) if position >= 0 else None
        if person is not None:
            cast.mentioned(person, position, subject=True)
            if not person.org and first == "the" and personal_role(words[-1].lower()):
                cast.add_role(person, " ".join(words[1:]))  # a later "the senator" finds them
        return _as_found(person)
    members = MEMBER_SEPARATOR.split(mention)
    if len(members) > 1:
        return _resolve_group(cast, members, position)
    parsed = parse_name(mention, position)
    if parsed is None:
        # "Manning said" after "Peyton Manning", "said Yelling": a word read as no name
        return _as_found(lone_surname_person(cast, mention, position))
    person = cast.name_person(cast.after_run_on(parsed) or parsed)  # a run-on caption's name
    if appositive and len(appositive) < 80 and (
        _ARTICLE.match(appositive) or len(appositive.split()) <= 4
    ):
        cast.add_role(person, appositive)
    return person, person.name, without_honorific(parsed.role) or person.role


# Where a description's noun phrase ends: an aside or a relative clause follows ("a New
# Hampshire Republican, who, like all respondents, responded anonymously").
_ASIDE = re.compile(r"\s*[,;:(—–]|\s+(?:who|whom|whose|which|that)\b")
# Heads no one speaks as: words that point back at someone ("the latter said": unresolved, it
# tells a reader nothing), and documents, whose words are their authors' ("The report
# slammed …", "The complaint says"; `_author_of_document` names an author it can).
_NO_SPEAKER_HEADS = CARRIERS | frozenset(
    "latter former other same complaint indictment affidavit ruling".split()
)
# A head the cue patterns cut short is no noun: "The so called …", "the self-described …",
# "one of her [alleged victims]" (where "alleged" read as the cue).
_WHOLE_HEAD = re.compile(r"[\w'’.\-]*[^\W\d_]")
_FUNCTION_WORDS = DETERMINERS | PREPOSITIONS | frozenset("and or my your our this that".split())
_NOT_HEADS = _NO_SPEAKER_HEADS | _FUNCTION_WORDS  # joined once, not at every description
_ARTICLE = re.compile(r"(?:a|an|the)\s")  # an appositive opening with one: a role


def described_speaker(text: str, who: Who | None, whole: bool) -> str | None:
    """Return the description a cue's unresolved subject gives as its speaker ("a Nevada
    Democrat", "one Republican lawmaker", "the official"), trimmed to its noun phrase with the
    opening word in lower case; None for no cue, a pronoun, a name, a possessive ("his lawyer":
    whose?) or a lone determiner. A quote that continues a described statement (a mention with
    no offsets) carries the same description when it is `whole` (direct): a fragment in a
    later sentence is that sentence's. Words after a preposition are no subject ("Backers of
    the new bill say …"), unless the cue ends with it ("according to a spokesman")."""
    if who is None or not (who.cue or (who.start < 0 and whole)):
        return None
    before = text[max(0, who.start - 20) : who.start].split()[-1:] if who.start > 0 else []
    if before and before[0].lower() in PREPOSITIONS and not who.cue.lower().endswith(before[0]):
        return None
    words = _ASIDE.split(who.mention, maxsplit=1)[0].split()
    head = words[-1].lower() if words else ""
    if len(words) < 2 or len(head) < 3 or head in _NOT_HEADS:
        return None
    opening = words[0].lower()
    if opening not in DESCRIBED_OPENINGS or not _WHOLE_HEAD.fullmatch(words[-1]):
        return None
    return " ".join([opening, *words[1:]])


def _as_found(person: Person | None) -> tuple[Person | None, str | None, str | None]:
    return (person, person.name, person.role) if person else (None, None, None)


def _resolve_group(
    cast: Cast, members: list[str], position: int
) -> tuple[Person | None, str | None, str | None]:
    """Names joined by "and" ("Cummings and Conyers wrote"): the speaker is all of them, named
    by their canonical names ("Elijah Cummings and John Conyers"); no one of them alone."""
    # "… House Judiciary Committees, Reps. Elijah Cummings … and John Conyers said": the group
    # starts at its plural title or after an organization's name that closes another phrase.
    for index in range(len(members) - 1, 0, -1):
        words = members[index - 1].split()
        if members[index].split()[0].lower() in PLURAL_TITLES or (
            words and words[-1].lower().removesuffix("s") in ORG_HEADS
        ):
            members = members[index:]
            break
    if len(members) == 1:
        return _resolve_mention(cast, members[0], position, None, 0)
    alone = _after_place(cast, members, position)
    if alone is not None:
        return _as_found(alone)
    people = []
    for member in members:
        parsed = parse_name(member, position)
        if parsed is None:
            return None, None, None
        people.append(cast.name_person(parsed))
    group = cast.group(people)
    return group, group.name, None


def _after_place(cast: Cast, members: list[str], position: int) -> Person | None:
    """"… after a 0-0 tie at Old Trafford and Ancelotti said": a preposition's objects, none of
    them a person, then a person the article knows, who opens a clause of their own."""
    before = cast.text[max(0, position - 20) : position].split()[-1:]
    if not before or before[0].lower() not in PREPOSITIONS:
        return None
    last = parse_name(members[-1], position)
    person = cast.lookup(last.name, position) if last is not None else None
    if person is None or not person.personal or person.org:
        return None
    for member in members[:-1]:
        parsed = parse_name(member, position)
        other = cast.lookup(parsed.name, position) if parsed is not None else None
        if other is not None and (other.personal or other.named_at):
            return None  # "for Mr Fawcett and Mr McDonald": people, whoever speaks
    return person


def _person_word(word: str) -> bool:
    """Tell a capitalized word that describes a person: a title or role noun ("MP"), or an
    agent compound ("Oscar-winner")."""
    lower = word.lower().rstrip(".")
    return lower in TITLES or lower in PERSON_NOUNS or (
        "-" in lower and lower.endswith(("er", "or", "ist"))
    )


def known(cast: Cast, mention: str) -> bool:
    """Tell a mention that can be resolved: a pronoun, a described person, or a known name."""
    words = mention.split()
    if words[0].lower() in PRONOUNS:
        return True
    if words[0].lower() in _OWNER_PRONOUNS and len(words) == 2:
        return words[1].lower() in SPEAKING_FOR  # "His campaign protested …": his
    if words[0].lower() in ("the", "a", "an", "his", "her"):
        owner = _author_of_document(cast, words)  # "the Sanders campaign": Sanders, if named
        return words[-1].lower() in PERSON_NOUNS or (owner is not None and owner[0] is not None) or (
            described_as(cast, [word.lower() for word in words[1:]], len(cast.text)) is not None
        )
    parsed = parse_name(mention)
    return parsed is not None and cast.lookup(parsed.name) is not None


def _author_of_document(
    cast: Cast, words: list[str]
) -> tuple[Person | None, str | None, str | None] | None:
    """Find whom a document or a campaign speaks for: whoever the capitalized words before it
    name ("The IMF report stated", "the Clinton campaign statement said", "the Sanders
    campaign")."""
    if words[-1].lower() not in _OWNED_NOUNS:
        return None
    owner = [word for word in words[1:-1] if word[:1].isupper()]
    if not owner or len(owner) != len(words) - 2:
        return None
    name = " ".join(owner)
    person = cast.lookup(name)
    if person is not None:
        return person, person.name, person.role
    return (None, name, None) if name.isupper() and len(name) > 1 else None
