"""A document's `Cast`, built: every capitalized name registered, roles and genders read from
the text around them, and narrative pronouns bound to the people they stand for.

Building lives apart from `Cast` itself so that the cast is plain data that pronouns.py and
descriptions.py read, and only this module (and resolution.py) calls into them: no import cycle.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from index.quotes.cue_patterns import attributive
from index.quotes.cues import DOCUMENT_NOUNS, HONORIFICS, KIN_GENDER, PERSON_NOUNS
from index.quotes.people.cast import Cast, Person, shown_role, title_gender
from index.quotes.people.casting_scans import (
    described_organizations,
    named_organization,
    roles_before_names,
)
from index.quotes.people.clause_subjects import clause_subject
from index.quotes.people.descriptions import resolve_description
from index.quotes.people.lone_surnames import note_lone_surnames, surname_shaped
from index.quotes.people.mentions import (
    NAME,
    Mention,
    first_name_known,
    is_org,
    new_mention,
    parse_name,
    personal_role,
    read_run,
    titled,
)
from index.quotes.people.pronouns import bind_narrative_pronouns, learn_reflexive_gender
from index.quotes.people.salience import obliques
from index.quotes.people.speaking_names import mark_speaking_names, person_named

# NAME opens with a capital's character class: the engine skips to the capitals (mentions.py).
_NAME_RUN = re.compile(NAME)
# "Tom Reyes, a spokesman for the port," / "Woodrow Benford, 58," / "Ann Lee, 27, a nurse from
# Leeds," / "Rod Eddington, BA's chief executive,": found from the comma, then the name is matched backwards from it, so a long run
# of names with no comma costs nothing. Each role runs to the punctuation that ends it,
# possessively ({3,80}+): a lazy run tested the look-ahead at every character, for the same end.
_ROLE_AFTER = re.compile(  # "Ann Lee, who works as a nurse in Leeds,": a role by a clause too
    r",\s+(?:(?:who\s+(?:is|was|works\s+as|worked\s+as)\s+)?(?:a|an|the)\s+(?P<role>[^,.;:\"“”()]{3,80}+)"
    r"|(?P<age>\d{1,3})(?:,\s+(?:a|an|the)\s+(?P<aged>[^,.;:\"“”()]{3,80}+))?"  # ", 27, a nurse,"
    r"|(?P<owned>(?:(?:[A-Z][\w&\-]*\s+){0,3}[A-Z][\w&\-]*(?:['’]s|s['’])\s+)?[a-z][^,.;:\"“”()]{2,60}+))"
    r"(?=[,.;])"
)
_CLAUSE_WORDS = frozenset("who whose which that is was were are has had have will would said".split())
_NAME_ENDING = re.compile(rf"(?P<name>{NAME})$")
# "The Vermont senator declined", "The former New Mexico governor is": a description as subject.
_DESCRIBED_SUBJECT = re.compile(
    r"(?:(?:Meanwhile|However|Still|Now|Yet),\s+)?"  # "Meanwhile, the current GOP nominee’s …"
    r"(?P<d>[Tt]he\s+(?:[\w'’.\-]+\s+){0,4}?(?P<head>[a-z][\w\-]+))(?:['’]s)?\s+"
    r"(?:also\s+|later\s+)?[a-z]+\b"
)
# What every match of `_DESCRIBED_SUBJECT` opens with.
_DESCRIBED_SUBJECT_OPENINGS = ("The", "the", "Meanwhile,", "However,", "Still,", "Now,", "Yet,")
# A sentence whose subject is a pronoun: "She said she would …", "But he added …".
_PRONOUN_SUBJECT = re.compile(r"\W*(?:(?:But|And|So|Then|Still|Now)\s+)?(?:He|She|They|I|We)\b")
# "Debra Steger, a former negotiator,", "Woodrow Benford, 58,", "Sandy Phillips, who lost …".
_DESCRIBED = re.compile(r",\s+(?:(?:a|an|the)\s+[a-z]|\d{1,3},|(?P<who>who)\s)")


def _described_after(text: str, end: int) -> re.Match[str] | None:
    """Match `_DESCRIBED` right after a name, tried only where a comma follows it (most names
    have none): the call costs more than the test."""
    return _DESCRIBED.match(text, end) if text.startswith(",", end) else None


# The first character of a word (group 1), after the white space before it, but not a capital
# A-Z. It opens with that white space, not a look-behind: the engine then skips to the next
# space in C rather than trying the pattern at every character of the sentence.
_WORD_NOT_CAPITAL = re.compile(r"\s((?![A-Z])\S)")


def build_cast(
    text: str, quoted: tuple[tuple[int, int], ...] = (), sentences: tuple[int, ...] = ()
) -> Cast:
    """Return the people of `text` (quoted: the spans inside quote marks, whose names are not
    mentions; sentences: sentence start offsets)."""
    mentions: list[Mention] = []
    # Named organizations, for "the board said" after "the Illinois Board of Elections".
    organizations: list[tuple[int, str, str]] = []  # where, name, the words its heads are in
    lone: list[tuple[int, str]] = []  # "Gosling": a surname only after a full name
    for run in _NAME_RUN.finditer(text):  # each run read once, for both
        start = run.start()
        parsed, organization = read_run(run[0])
        if parsed is not None:  # as parse_name(run[0], start) places it
            mentions.append(parsed if not start else new_mention(
                Mention, (parsed.name, parsed.role, start + parsed.start, start + parsed.end)
            ))
        elif (word := surname_shaped(run[0])) is not None:
            lone.append((start, word))
        if organization:
            organizations.append((start, organization, organization))

    def all_organizations() -> list[tuple[int, str, str]]:
        # "a denial from the Greek finance ministry": a body named by a description, for "the
        # ministry said" (its capitalized words tell which ministry). Searched for only when a
        # description needs a body, which few articles have.
        described = [
            named_organization(text, match) for match in described_organizations(text)
            if match.group("head").lower() not in DOCUMENT_NOUNS
        ]
        return sorted(organizations + described)

    # "Trump's ire", "to Joe Biden": less salient
    cast = Cast(text, quoted, sentences, obliques(text, mentions), all_organizations)
    cast.honored = {m.name.lower() for m in mentions if " " not in m.name and m.role  # "Dr Fox"
                    and m.role.split()[-1].lower() in HONORIFICS}
    # A name whose last word also stands alone elsewhere is a person ("Brigid Harrison" …
    # "Harrison"); places are not shortened so ("New Hampshire" is never "Hampshire").
    alone = {m.name.lower() for m in mentions if " " not in m.name}
    # Full names first, so that a lone "Beck" anywhere finds "Charlie Beck".
    full = [m for m in mentions if 1 <= m.name.count(" ") <= 3]  # one space between words
    counts = Counter(m.name for m in full)
    # Names with a known first name first, so that a one-off epithet with the same surname
    # ("Demogorgon Trump" beside "Donald Trump") is seen as one and not taken as a person.
    full.sort(key=lambda m: not first_name_known(m.name))
    # "Her brother, Jon Lind, a fisherman,": the kin word of a full name is its role only after
    # what the person is, which the words after a full name say
    kin_of: list[tuple[Person, str]] = []
    for mention in full:
        mention = cast.after_run_on(mention) or mention  # "Princess Eugenie Sarah": Sarah
        words = mention.name.split()
        surname = words[-1].lower()
        role = _role_word_before(cast, mention.start)
        if role and not mention.role:  # "professor Brigid Harrison"
            mention = Mention(mention.name, role, mention.start, mention.end)
        # "Debra Steger, a former negotiator," / "Woodrow Benford, 58,": a person.
        described = _described_after(text, mention.end)
        by_role = described is not None and not described.group("who")
        kin = _kin_before(text, mention.start)  # "her mother, Jo Lee,": a person, so introduced
        if not (by_role or kin or mention.role) and _epithet(cast, mention, counts[mention.name]):
            continue
        named = person_named(text, mention.start)  # "a woman named Fu Jing": a person
        person = cast.add(
            mention,
            strong=(surname in alone or described is not None or kin is not None or named is not None)
            and not cast.names_org(mention.name),
        )
        if person is not None and named is not None:
            cast.set_gender(person, named or None)
        if person is not None and not person.org and kin is not None:
            kin_of.append(_kin(person, kin.group("kin")))
        if person is not None and not person.org and described and described.group("who"):
            person.personal = True  # "Sandy Phillips, who lost her daughter, …": a person
    note_lone_surnames(cast, lone)
    for mention in mentions:
        if " " not in mention.name:
            gender = title_gender(mention.role) if mention.role else None  # most have no title
            person = cast.lookup(mention.name, mention.start, gender)
            kin = _kin_before(text, mention.start)
            if person is None and (titled(mention.role) or kin or _introduced(text, mention)):
                person = cast.add(mention)  # "Mr. Obama", "Gov. Scott", "named only as Jassem"
                if person is not None and not person.org:
                    person.personal = True
            if person is not None and not person.org and kin is not None:
                cast.add_role(*_kin(person, kin.group("kin")))  # "his wife Ella": her role
            if person is not None:
                cast._note(person, mention)
    _appositive_roles(cast)
    _roles_before_names(cast)
    for person, kin_word in kin_of:
        cast.add_role(person, kin_word)
    _described_subjects(cast)
    mark_speaking_names(cast)  # "Shuo Hong … “…,” he said" where "Hong said" comes later
    subjects = _mark_subjects(cast)
    bind_narrative_pronouns(cast, subjects)
    learn_reflexive_gender(cast, subjects)  # "Fowler … his fans": the name said no gender
    cast.unplaced = [
        m for m in _sentence_openers(cast, mentions)
        if not is_org(m.name) and not cast.inside_quote(m.start) and cast.lookup(m.name, m.start) is None
    ]
    return cast


def _introduced(text: str, mention: Mention) -> bool:
    """Whether one word is introduced as someone's name ("a resident, named only as Jassem,",
    "Tamsin, 29,", "Bex, a nurse from Hull,"): a person known by one name."""
    start = max(0, mention.start - 30)  # searched only before "as", as it ends in one
    if text[start : mention.start].rstrip().endswith("as") and _NAMED_AS.search(
        text, start, mention.start
    ):
        return True
    described = _described_after(text, mention.end)
    if described is None or described.group("who"):
        return False
    role = _ROLE_AFTER.match(text, mention.end)
    return role is not None and bool(role.group("age") or (
        role.group("role") and personal_role(role.group("role"))
    ))


# A kin word after an owner, right before a name: "his wife Ella", "Hale's son Jack", "her
# father, Tom Hale," (a later "his wife said", "her father said" is that person).
_KIN_BEFORE = re.compile(
    rf"(?:\b[Hh]is|\b[Hh]er|\b[Tt]heir|[A-Z][\w\-]*['’]s)\s+(?P<kin>{'|'.join(sorted(KIN_GENDER))}),?\s+$"
)


def _kin_before(text: str, start: int) -> re.Match[str] | None:
    """`_KIN_BEFORE` in the 40 characters before a name. Its kin word must be the last word
    there, followed by space: tested first, it spares most names the search (one a name)."""
    if not text[start - 1 : start].isspace():
        return None
    words = text[max(0, start - 40) : start].rsplit(None, 1)
    if not words or words[-1].rstrip(",") not in KIN_GENDER:
        return None
    return _KIN_BEFORE.search(text, max(0, start - 40), start)


def _kin(person: Person, kin: str) -> tuple[Person, str]:
    """Give the person the gender a kin word says; return the pair, for the kin word's role."""
    person.gender = person.gender or KIN_GENDER[kin]
    person.personal = True
    return person, kin


# "named only as Jassem", "known as Bex", "identified as Kyle": one word is the name.
_NAMED_AS = re.compile(r"\b(?:named|known|identified|referred to)\s+(?:only\s+)?as\s+$")


def _sentence_openers(cast: Cast, mentions: list[Mention]) -> list[Mention]:
    """Return the mentions that open their sentence, perhaps after a capitalized role ("Nurse
    Ada Moss left"): the sentence's subject, never a place after "in" or an object.

    Each sentence is scanned once, up to its first word that is not capitalized, so that a text
    of one endless sentence costs a pass rather than a pass per name; the mentions come in
    article order, so the sentence of the one before is tried first.
    """
    sentences, openers = cast.sentences, []
    start = end = first_plain = -1  # the sentence [start, end) of the mention before
    for mention in mentions:
        if not start <= mention.start < end:
            index = bisect.bisect_right(sentences, mention.start) - 1
            start = sentences[index] if index >= 0 else 0
            end = sentences[index + 1] if index + 1 < len(sentences) else len(cast.text)
            first_plain = _first_plain_word(cast.text, start, end)
        if first_plain >= mention.start:
            openers.append(mention)
    return openers


def _first_plain_word(text: str, start: int, end: int) -> int:
    """Where the first word of text[start:end] that is not capitalized starts (or `end`).

    The words that do not open with a letter A-Z are found by the regex engine; only those
    that open with another upper-case letter ("Émile") are read on in Python."""
    # A word at `start`, whatever is before it.
    if start < end and not text[start].isspace() and not text[start].isupper():
        return start
    for word in _WORD_NOT_CAPITAL.finditer(text, start, end):  # its space at `start` or later
        if not word[1].isupper():
            return word.start(1)
    return end


def _epithet(cast: Cast, mention: Mention, count: int) -> bool:
    """Tell a once-used full name with an unknown first word, beside a known person of that
    surname ("Demogorgon Trump" where the article also names Donald Trump)."""
    if count > 1 or first_name_known(mention.name):
        return False
    words = mention.name.split()
    known = cast.surnamed(words[-1].lower())
    # "… at the Family Circle Cup Bouchard said": a caption's words run into a known person's
    # surname, three words or more, none of them that person's
    run_on = len(words) >= 3 and not is_org(mention.name)
    return any(
        first_name_known(person.name)
        or (run_on and " " in person.name and not set(words[:-1]) & set(person.name.split()))
        for person in known
    )

def _role_word_before(cast: Cast, start: int) -> str | None:
    """Return a lower-case role noun written right before a name ("psychologist Nancy Molitor")."""
    words = cast.text[max(0, start - 30) : start].rsplit(None, 1)  # the last word is enough
    if words and words[-1].islower() and titled(words[-1]):
        return words[-1]
    return None

def _appositive_roles(cast: Cast) -> None:
    """Roles given beside a name: "Tom Reyes, a spokesman for the port," / "the chief, Beck,"."""
    text = cast.text
    for match in _ROLE_AFTER.finditer(text):
        owned = match.group("owned")
        if owned and not _owned_role(owned):
            continue  # "Paris, France's capital,", "Beck, however,": no person's role
        window = text.rfind(" ", 0, max(0, match.start() - 120)) + 1
        found = _NAME_ENDING.search(text, window, match.start())
        name = parse_name(found.group("name"), found.start()) if found else None
        person = cast.lookup(name.name, name.start) if name else None
        if person is not None:
            cast.add_role(person, match.group("role") or match.group("aged") or match.group("age") or owned)
    for match in roles_before_names(text):
        person = cast.lookup(match.group("name").rstrip("."), match.start("name"))
        name = parse_name(match.group("name"), match.start("name"))
        if person is None and name is not None and " " in name.name:
            # "Kazakhstan's foreign minister, Erlan Idrissov,": the role makes a person.
            person = cast.add(name) if personal_role(match.group("role")) else None
        kin = KIN_GENDER.get(match.group("role").split()[-1].lower())
        if person is None and name is not None and kin is not None:
            # "Trump's wife, Melania,", "Her father, Brad, 39,": a first name is enough.
            person = cast.add(name)
            if person is not None:
                person.gender, person.personal = person.gender or kin, True
        if person is not None:
            cast.add_role(person, match.group("role"))

def _roles_before_names(cast: Cast) -> None:
    """Roles written before a name with what they are of: "Chelsea boss Jose Mourinho", "Labour
    leader Ed Miliband" (a later "the Chelsea boss" is him)."""
    text = cast.text
    for person in cast.people:
        if person.org:
            continue
        for at in person.named_at:  # where the full name is written, read backwards from it
            words = text[max(0, at - 60) : at].rsplit(None, 1)
            if not words or not shown_role(words[-1]):
                continue  # the role is the last word before the name: searched only then
            match = _MODIFIED_ROLE.search(text, max(0, at - 60), at)
            if match is not None and shown_role(match.group("role")):
                cast.add_role(person, f"{match.group('of')} {match.group('role')}")


# Capitalized words, a lower-case role noun, then the name: "Chelsea boss Jose Mourinho". Its
# first capital is read before the look-behind that checks the character ahead of it, so that
# the pattern opens with a character class, which the engine skips to in C.
_MODIFIED_ROLE = re.compile(
    r"(?P<of>[A-Z](?<![\w'’].)[\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,2})[ \t]+"
    r"(?P<role>[a-z][a-z\-]+)[ \t]+$"
)


_ROLE_TAIL = re.compile(r"\s+(?:of|for|at|in|with|from|to)\s+")  # after the head noun


def _owned_role(role: str) -> bool:
    """Tell whether a role after a name without an article is owned ("BA's chief executive") and headed by a
    person noun, or bare and headed by a role noun ("chief executive of Skylark"), never an
    adverb ("however", "later") that only looks like an agent noun."""
    if role[:1].isupper():
        return personal_role(role)
    if PERSON_NOUNS.isdisjoint(role.split()):
        return False  # its head is one of its words: most clauses after a comma have none
    words = _ROLE_TAIL.split(role, maxsplit=1)[0].split()
    # "who is running as a candidate", "whose father was a pastor": a clause, not a role.
    return words[-1] in PERSON_NOUNS and not _CLAUSE_WORDS.intersection(words)

def _described_subjects(cast: Cast) -> None:
    """Record that a sentence opened by a description ("The Vermont senator declined …") mentions
    the person introduced with that role there, so that a later "he" can find them."""
    for start in cast.sentences:
        if not cast.text.startswith(_DESCRIBED_SUBJECT_OPENINGS, start):
            continue  # most sentences: the pattern cannot match, and its call costs more
        match = _DESCRIBED_SUBJECT.match(cast.text, start)
        if match is None or match.group("head").lower() not in PERSON_NOUNS:
            continue
        person = resolve_description(cast, match.group("d"), start, None)
        if person is not None:
            cast.mentioned(person, start)

def _mark_subjects(cast: Cast) -> dict[int, tuple[int, Person]]:
    """Find each sentence's likely subject, which pronouns prefer: the first person it names, not
    as a possessive, a preposition's object or a modifier ("Cruz spokesman"). Returns the
    subjects by sentence (1 for the first sentence)."""
    first: dict[int, tuple[int, Person]] = {}
    # Every mention in text order (one place: the person the cast has first), so that a
    # sentence is settled by its first plain mention and the later ones are never classified.
    named = sorted(
        (at, order, person) for order, person in enumerate(cast.people) for at in person.positions
    )
    for at, _, person in named:
        sentence = bisect.bisect_right(cast.sentences, at)
        if sentence not in first and not (cast.obliques.is_oblique(at) or _attributive(cast, at)):
            first[sentence] = (at, person)
    for person in cast.people:  # "… but neither was punished and Rodgers now wants …"
        marked = set(person.subjects)
        for at in person.positions:
            if at not in marked and clause_subject(cast.text, at):
                bisect.insort(person.subjects, at)
    subjects = {}
    for sentence, (at, person) in first.items():
        start = cast.sentences[sentence - 1] if sentence else 0
        if not _PRONOUN_SUBJECT.match(cast.text, start, at):
            bisect.insort(person.subjects, at)  # not "She said she would elect Clinton"
            subjects[sentence] = (at, person)
    return subjects


def _attributive(cast: Cast, at: int) -> bool:
    """Tell a name that modifies a role before another name ("Cruz spokesman Rick Tyler")."""
    match = attributive(cast.text, at, len(cast.text))
    return match is not None and match.group("role") in PERSON_NOUNS

