"""Answer a question from a guild's library with the articles' own words.

A question is routed by what it asks — what someone said (perhaps about a topic), who said a
phrase, who someone is, or anything else — using patterns and the library's speaker table; no
language model is involved. Every item cites its article and offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from index import statements
from index.answer import evidence
from index.answer.display_order import in_display_order, newest_statements
from index.answer.guild_index import GuildIndex
from index.answer.routing import route
from index.answer.speaker_names import SpeakerDirectory
from index.answer.topic_rank import ColumnTexts, ObjectTexts
from index.answer.who_said import SaidIndex, Statement, fold
from index.models import Answer, AnswerItem, AnswerKind, QuoteRef
from index.quotes.certainty import BY_DESCRIPTION, BY_NAME, attribution_strength

# An approximate who-said match needs this share of the phrase's words, in order, in one quote.
WHO_SAID_MIN_MATCH = 0.6
MAX_WHO_SAID_ITEMS = 3
MAX_OFF_TOPIC_ITEMS = 5
# One person's statements shown in an answer, newest articles first (whole articles); the
# headline and `Answer.total` count them all. Someone quoted in thousands of articles is
# answered by what is shown, not by every statement turned into an item and a page.
MAX_SHOWN_STATEMENTS = 100


def answer(
    question: str, index: GuildIndex, scope: set[int] | None = None, *, speaker: str | None = None
) -> Answer:
    """Answer a question from the library (or from the articles in `scope`).

    `speaker`: the question asks only for what this person said (`quotes`): someone never
    quoted gets "not quoted" and the passages that mention them, never someone else's words.
    """
    plan = route(question)
    if plan.kind in (AnswerKind.SPEAKER, AnswerKind.SPEAKER_TOPIC, AnswerKind.ROLE):
        assert plan.name is not None
        directory = speakers_in(index, scope)
        names = directory.match(plan.name)
        if len(names) > 1:
            # The most quoted first: the person a reader most likely means heads the choice.
            counts = {n: quote_count(index, directory, n, scope) for n in names}
            return Answer(
                AnswerKind.AMBIGUOUS,
                question,
                f"“{plan.name}” could mean more than one person: which one?",
                candidates=tuple(sorted(names, key=lambda n: (-counts[n], n))),
            )
        if names:
            if plan.kind is AnswerKind.ROLE:
                refs = statements_of(index, directory, names[0], scope)
                return _role(question, directory, names[0], refs)
            return _speaker(question, index, directory, names[0], plan.topic, scope)
        if speaker is not None:
            return _not_quoted(question, index, speaker, scope)
        # Not a known speaker: answer it as an open question.
    if plan.kind is AnswerKind.WHO_SAID:
        assert plan.phrase is not None
        return _who_said(question, index, plan.phrase, scope)
    about_someone = plan.kind is not AnswerKind.OPEN and not plan.loose
    return _open(question, index, scope, about_someone=about_someone)


def speakers_in(index: GuildIndex, scope: set[int] | None) -> SpeakerDirectory:
    """Build the scope's speaker table: a name is matched among the people the scope quotes."""
    if scope is None:
        return index.speakers
    directory = SpeakerDirectory()
    for article_id in sorted(scope):
        for speaker in index.parts.speakers.get(article_id, ()):
            directory.add(speaker.name, role=speaker.role, aliases=speaker.aliases)
        for quote in index.parts.quotes.get(article_id, ()):
            if quote.speaker:
                directory.add(quote.speaker, role=quote.role)
    return directory


def statements_of(
    index: GuildIndex, directory: SpeakerDirectory, name: str, scope: set[int] | None
) -> list[QuoteRef]:
    """Every quote and reported statement of one person in the scope, in display order.

    Newest article first (by publication date when known, else by when it was added); within
    an article the quotes, then the reported statements, each the most surely attributed first
    (see `in_display_order`).
    """
    if scope is None:  # the same for every question to this index version
        return index.remember(("statements", name), lambda: in_display_order(index.quotes_of(name)))
    members = set(directory.members(name))
    return in_display_order(
        [ref for ref in index.all_quotes(scope) if ref.quote.speaker in members]
    )


def quote_count(
    index: GuildIndex, directory: SpeakerDirectory, name: str, scope: set[int] | None
) -> int:
    """How many quotes and reported statements one person has in the scope (`statements_of`
    counted, without making them: an ambiguous name may match people quoted thousands of times)."""
    if scope is None:
        return index.count_quotes(directory.members(name))
    return len(statements_of(index, directory, name, scope))


def said_by(
    index: GuildIndex, directory: SpeakerDirectory, name: str, scope: set[int] | None
) -> list[QuoteRef]:
    """Every quote and reported statement of one person in the scope, in no particular order."""
    if scope is None:
        return [ref for member in directory.members(name) for ref in index.quotes_by(member)]
    members = set(directory.members(name))
    return [ref for ref in index.all_quotes(scope) if ref.quote.speaker in members]


def _speaker(
    question: str,
    index: GuildIndex,
    directory: SpeakerDirectory,
    name: str,
    topic: str | None,
    scope: set[int] | None,
) -> Answer:
    if topic and evidence.terms(topic):
        texts = _topic_texts(index, directory, name, scope)
        if len(texts):
            return _speaker_topic(question, index, name, texts, topic, scope)
    if scope is None:  # the same for every question to this index version
        made = index.remember(("said", name), lambda: _said(index, directory, name, None))
    else:
        made = _said(index, directory, name, scope)
    total, reported, shown = made
    if not total:
        return _not_found(question, index, scope, f"{name} is not quoted in")
    headline = f"{name}: {statements.describe(total - reported, reported)}"
    items = tuple(_quote_item(ref) for ref in shown)
    return Answer(
        AnswerKind.SPEAKER, question, _shown_of(headline, items, total), items, speaker=name,
        total=total,
    )  # fmt: skip


def _said(
    index: GuildIndex, directory: SpeakerDirectory, name: str, scope: set[int] | None
) -> tuple[int, int, list[QuoteRef]]:
    """How many statements the person has, how many reported, and the newest to show."""
    if scope is None:  # counted by column; quotes made only for the page shown
        return index.said_page(directory.members(name), MAX_SHOWN_STATEMENTS)
    refs = said_by(index, directory, name, scope)
    # One count everywhere: statements, a quote split around "he said" once (index/statements.py).
    counted = {(ref.article.id, *statements.statement_key(ref.quote)) for ref in refs}
    reported = sum(1 for *_, is_reported in counted if is_reported)
    return len(counted), reported, newest_statements(refs, MAX_SHOWN_STATEMENTS)


def _shown_of(
    headline: str, items: tuple[AnswerItem, ...], total: int, which: str = "newest"
) -> str:
    """Return the headline, saying how many statements are shown when not all of them are."""
    shown = len(
        {(item.article.id, *statements.statement_key(item.quote)) for item in items if item.quote}
    )
    if shown >= total:
        return headline
    return f"{headline} (the {which} {shown} shown)"


def _topic_texts(
    index: GuildIndex, directory: SpeakerDirectory, name: str, scope: set[int] | None
) -> ColumnTexts | ObjectTexts:
    """One person's quotes in the scope, ready to rank against topics (topic_rank.py)."""
    if scope is None:  # the same for every question to this index version
        return index.remember(("ranker", name), lambda: _texts_of(index, directory, name))
    return ObjectTexts(statements_of(index, directory, name, scope))


def _texts_of(
    index: GuildIndex, directory: SpeakerDirectory, name: str
) -> ColumnTexts | ObjectTexts:
    found = index.termed_rows(directory.members(name))
    if found is None:  # no terms by column: the quotes made and tokenized
        return ObjectTexts(statements_of(index, directory, name, None))
    return ColumnTexts(*found, index.parts.infos)


def _speaker_topic(
    question: str,
    index: GuildIndex,
    name: str,
    texts: ColumnTexts | ObjectTexts,
    topic: str,
    scope: set[int] | None,
) -> Answer:
    """Rank one person's statements by how much of the topic each covers.

    Coverage (the share of the topic's IDF weight a statement contains) rather than cosine:
    cosine favours a short statement that happens to share one word. Among statements that
    cover the topic equally, quotes come before reported speech and then by cosine.
    """
    pick = texts.pick(topic, MAX_SHOWN_STATEMENTS, MAX_OFF_TOPIC_ITEMS)
    if pick.on_topic:
        headline = f"What {name} said about “{topic}”:"
    elif told := _told_of(question, index, texts.names(), texts.article_ids(), scope):
        # Not in their words, but the article may tell of it ("Blair's reaction to the story":
        # "Mr Blair denied it"): the passages that name them and answer, labelled as such.
        headline = f"{name} said nothing about “{topic}” that is quoted. The closest passages:"
        items = tuple(_passage_item(hit) for hit in told)
        return Answer(AnswerKind.SPEAKER_TOPIC, question, headline, items, speaker=name, total=0)
    else:
        headline = f"{name} said nothing about “{topic}”. Their statements closest to it:"
    items = tuple(_quote_item(ref, coverage) for ref, coverage in pick.shown)
    return Answer(
        AnswerKind.SPEAKER_TOPIC, question, _shown_of(headline, items, pick.total, "closest"),
        items, speaker=name, total=pick.total,
    )  # fmt: skip


def _told_of(
    question: str, index: GuildIndex, names: set[str], article_ids: set[int], scope: set[int] | None
) -> list[evidence.Found]:
    """Return the passages that answer the question and name the person, in their articles."""
    words = {w for n in names for w in re.findall(r"[A-Z][\w’'-]+", n)}
    if not words:
        return []
    named = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(words))) + r")(?!\w)")
    found, _ = evidence.find(question, index, scope or article_ids)
    return [h for h in found if named.search(h.article.text[h.start : h.end])]


# --- who said ----------------------------------------------------------------------------------


def _who_said(question: str, index: GuildIndex, phrase: str, scope: set[int] | None) -> Answer:
    wanted = fold(phrase)
    if not wanted:
        return _not_found(question, index, scope, f"No quote like “{phrase}” in")
    said = index.said() if scope is None else SaidIndex.of(index.all_quotes(scope))
    exact = _enough_surest(said.exact_lazily(wanted), MAX_WHO_SAID_ITEMS)
    close = iter(()) if exact else said.resembling_by_share(wanted.split(), WHO_SAID_MIN_MATCH)
    hits = [(s, 1.0) for s in exact] if exact else _closest(close, MAX_WHO_SAID_ITEMS)
    if not hits:
        if scope is not None and len(scope) <= evidence.SCOPED_ARTICLES:
            # Readers reword what they remember ("who says Lula is doing well?"), and the
            # article may only report it: the closest passages, hedged when unsure, answer
            # better than "no quote like that" about the one article they asked of.
            return _open(question, index, scope)
        return _not_found(question, index, scope, f"No quote like “{phrase}” in")
    # A quote whose speaker the article names answers better than one it only describes ("a
    # spokesman") or leaves unknown, and among equal matches the more surely attributed one.
    hits.sort(key=lambda hit: (-hit[1], not _named(hit[0]), _strength(hit[0])))
    best = hits[:MAX_WHO_SAID_ITEMS]
    who = _speaker_of(best[0][0])
    verb = "said" if exact else "said something close"
    items = tuple(_quote_item(_segment_with(hit, wanted), score) for hit, score in best)
    return Answer(
        AnswerKind.WHO_SAID,
        question,
        f"{who[:1].upper() + who[1:] if who else 'An unnamed speaker'} {verb}:",  # "A spokesman"
        items,
        speaker=who,
    )


def _enough_surest(statements: Iterator[Statement], wanted: int) -> list[Statement]:
    """Return the statements in library order up to the `wanted`-th one naming its speaker by
    name at its cue, the best a hit can sort (all of them when fewer do): the stable sort below
    then shows the same statements as over every one, without making the rest."""
    taken, surest = [], 0
    for statement in statements:
        taken.append(statement)
        surest += _speaker_of(statement) is not None and _strength(statement) == BY_NAME
        if surest == wanted:
            break
    return taken


def _closest(
    groups: Iterator[tuple[float, Iterator[Callable[[], Statement]]]], wanted: int
) -> list[tuple[Statement, float]]:
    """Return the close matches the sort below shows first, made share by share (the best
    first, each as `_enough_surest`) until `wanted` are sure to be among them."""
    hits: list[tuple[Statement, float]] = []
    for share, group in groups:
        needed = wanted - len(hits)
        taken = _enough_surest((make() for make in group), needed)
        hits += [(statement, share) for statement in taken]
        if len(taken) >= needed:
            break
    return hits


def _speaker_of(statement: Statement) -> str | None:
    return next((ref.quote.speaker for ref in statement.refs if ref.quote.speaker), None)


def _named(statement: Statement) -> bool:  # not "a spokesman", not unknown
    return any(ref.quote.speaker_named for ref in statement.refs)


def _strength(statement: Statement) -> int:
    """Return the surest attribution among a statement's segments (unattributed: the weakest)."""
    named = [attribution_strength(ref.quote) for ref in statement.refs if ref.quote.speaker]
    return min(named, default=BY_DESCRIPTION)


def _segment_with(statement: Statement, wanted: str) -> QuoteRef:
    """Return the segment of a statement that holds the phrase (else its first)."""
    for ref in statement.refs:
        if wanted in fold(ref.quote.text):
            return ref
    return statement.refs[0]


# --- role, open questions, not found ------------------------------------------------------------


def _role(question: str, directory: SpeakerDirectory, name: str, refs: list[QuoteRef]) -> Answer:
    people = {p.name: p for p in directory.people()}
    roles = sorted({role for member in directory.members(name) for role in people[member].roles})
    items = tuple(_quote_item(ref) for ref in refs[:1])
    if roles:
        headline = f"{name}: " + "; ".join(roles)
    else:
        headline = f"The articles quote {name} but do not say what their role is."
    return Answer(AnswerKind.ROLE, question, headline, items, speaker=name)


def _open(
    question: str, index: GuildIndex, scope: set[int] | None, *, about_someone: bool = False
) -> Answer:
    found, sure = evidence.find(question, index, scope, about_someone=about_someone)
    if not found:
        return _not_found(question, index, scope, "I found nothing about that in")
    items = tuple(_passage_item(hit) for hit in found)
    if sure:
        headline = "From the library:"
    else:
        where = "The article doesn't" if scope and len(scope) == 1 else "The articles don't"
        closest = "the closest passage:" if len(items) == 1 else "the closest passages:"
        headline = f"{where} say this directly; {closest}"
    return Answer(AnswerKind.OPEN, question, headline, items, confident=sure)


def _not_quoted(question: str, index: GuildIndex, name: str, scope: set[int] | None) -> Answer:
    """Say the person is not quoted, then where the articles mention them, labelled as such."""
    where = "this article" if scope and len(scope) == 1 else "the library"
    named = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
    hits = [
        h
        for h in evidence.find(name, index, scope)[0]
        if named.search(h.article.text[h.start : h.end])
    ]
    if not hits:
        return _not_found(question, index, scope, f"{name} is not quoted or mentioned in")
    items = tuple(_passage_item(hit) for hit in hits)
    headline = f"{name} is not quoted in {where}. Where {name} is mentioned (not {name}'s words):"
    return Answer(AnswerKind.NOT_FOUND, question, headline, items)


def _passage_item(hit: evidence.Found) -> AnswerItem:
    """Show a found passage as an answer item: its verbatim slice, score and best sentence."""
    return AnswerItem(
        article=hit.article.info,
        text=hit.article.text[hit.start : hit.end],
        start=hit.start,
        end=hit.end,
        score=hit.score,
        highlight=hit.highlight,
    )


def _not_found(question: str, index: GuildIndex, scope: set[int] | None, lead: str) -> Answer:
    where = "this article" if scope and len(scope) == 1 else "this server's library"
    closest = index.passages.search(question, k=10, article_ids=scope)
    seen: dict[int, None] = {}
    for hit in closest:
        seen.setdefault(hit.passage.article_id)
    articles = tuple(index.parts.infos[i] for i in list(seen)[:3] if i in index.parts.infos)
    return Answer(AnswerKind.NOT_FOUND, question, f"{lead} {where}.", closest=articles)


def _quote_item(ref: QuoteRef, score: float = 0.0) -> AnswerItem:
    quote = ref.quote
    return AnswerItem(
        article=ref.article.info,
        text=quote.text,
        start=quote.start,
        end=quote.end,
        score=score,
        quote=quote,
    )
