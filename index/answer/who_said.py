"""Find who said a phrase: a library's quoted statements folded once, with a word index.

A who-said question looks for the phrase's words, in order, in every quoted statement of the
library. Each statement is folded (lower case, no accents or punctuation) once, and a word
index leads a question to the few statements holding the phrase's rarest words, so a question
costs about the same over ten thousand articles as over ten. An index is a chain of blocks,
newest first: the statements of the articles added by one change, each block with the articles
removed since masked, down to the library as it was first indexed.
"""

from __future__ import annotations

import difflib
import heapq
import unicodedata
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain
from typing import Protocol

from index.models import QuoteRef
from index.text.words import apostrophe_words

# A close match by its place in library order, and how to make its statement.
Entry = tuple[int, Callable[[], "Statement"]]
# Blocks past this many (one per added article) are merged, all but the first-indexed one.
MAX_BLOCKS = 32


def fold(text: str) -> str:
    """Lower-case words without accents or punctuation, one space apart, for phrase matching."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    if decomposed.isascii():  # most quotes: no accent to drop, and a character loop is slow
        plain = decomposed.lower()
    else:
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(apostrophe_words(plain))  # r"\w+(?:'\w+)*" found faster


@dataclass(frozen=True, slots=True)
class Statement:
    """One quoted statement: its segments, and its words folded (space-padded)."""

    refs: tuple[QuoteRef, ...]
    words: str
    vocabulary: frozenset[str]

    @property
    def article_id(self) -> int:
        """Return the id of the article the statement is in."""
        return self.refs[0].article.id


def statements(refs: Iterable[QuoteRef]) -> list[Statement]:
    """Return the direct quotes grouped into statements, in the order of their first segment."""
    grouped: dict[tuple[int, int], list[QuoteRef]] = {}
    for ref in refs:
        if ref.quote.is_direct:
            grouped.setdefault((ref.article.id, ref.quote.statement), []).append(ref)
    said = []
    for group in grouped.values():
        words = " ".join(fold(ref.quote.text) for ref in group)
        said.append(Statement(tuple(group), f" {words} ", frozenset(words.split())))
    return said


class Block(Protocol):
    """Statements searchable by word: objects (`_Block`) or columns (said_columns.ColumnBlock)."""

    def holding(self, words: Collection[str], need: int) -> list[int]:
        """Positions, in library order, of statements that may hold `need` of the words."""
        ...

    def statement(self, position: int) -> Statement:
        """Return the statement at a position `holding` gave."""
        ...

    def words(self, position: int) -> str:
        """Return the folded words of the statement at a position, space-padded."""
        ...

    def article_of(self, position: int) -> int:
        """Return the article id of the statement at a position."""
        ...

    def statements(self) -> Iterator[Statement]:
        """Every statement, in library order."""
        ...


class _Block:
    """Some statements with, for each word, the positions of the statements that hold it."""

    def __init__(self, said: list[Statement]) -> None:
        self.said = said
        postings: dict[str, array[int]] = {}
        for i, statement in enumerate(said):
            for word in statement.vocabulary:
                found = postings.get(word)
                if found is None:
                    found = postings[word] = array("i")
                found.append(i)
        self.postings = postings

    def statement(self, position: int) -> Statement:
        """Return the statement at a position `holding` gave."""
        return self.said[position]

    def words(self, position: int) -> str:
        """Return the folded words of the statement at a position, space-padded."""
        return self.said[position].words

    def article_of(self, position: int) -> int:
        """Return the article id of the statement at a position."""
        return self.said[position].article_id

    def statements(self) -> Iterator[Statement]:
        """Every statement, in library order."""
        return iter(self.said)

    def holding(self, words: Collection[str], need: int) -> list[int]:
        """Positions, in order, of the statements that may hold `need` of the distinct `words`."""
        lists = sorted((self.postings.get(word, ()) for word in words), key=len)
        # Holding `need` of n words, a statement holds one of any n - need + 1 of them.
        chosen = lists[: len(lists) - need + 1]
        if need == len(lists) > 1:  # every word: the two rarest words' statements in common
            second = set(lists[1])
            return [i for i in lists[0] if i in second]
        if len(chosen) == 1:
            return list(chosen[0])
        return sorted({i for found in chosen for i in found})


class SaidIndex:
    """The quoted statements of one version of a library, searchable by phrase."""

    def __init__(self, blocks: Sequence[tuple[Block, frozenset[int]]]) -> None:
        self._blocks = tuple(blocks)  # (block, ids of its articles removed since), newest first

    @classmethod
    def of(cls, refs: Iterable[QuoteRef], base: Block | None = None) -> SaidIndex:
        """Index some quotes as one block of statements (before `base`, a block of older
        articles' statements, when given)."""
        blocks: list[tuple[Block, frozenset[int]]] = [(_Block(statements(refs)), frozenset())]
        if base is not None:
            blocks.append((base, frozenset()))
        return cls(blocks)

    def __iter__(self) -> Iterator[Statement]:
        for block, removed in self._blocks:
            for statement in block.statements():
                if statement.article_id not in removed:
                    yield statement

    def updated(self, added: Iterable[QuoteRef], removed: Collection[int] = ()) -> SaidIndex:
        """Return a new index with these articles' quotes first and removed articles masked."""
        gone = frozenset(removed)
        blocks: list[tuple[Block, frozenset[int]]] = [(_Block(statements(added)), frozenset())]
        blocks += [(block, masked | gone) for block, masked in self._blocks]
        if len(blocks) > MAX_BLOCKS:
            blocks = [(_Block(_live(blocks[:-1])), frozenset()), blocks[-1]]
        return SaidIndex(blocks)

    def merged(self) -> SaidIndex:
        """Fold the statements into one block (off the request path: it re-indexes every word);
        a block of columns stays as it is, with its removed articles masked."""
        if len(self._blocks) == 1 and not self._blocks[0][1]:
            return self
        base = self._blocks[-1]
        if isinstance(base[0], _Block):
            return SaidIndex([(_Block(list(self)), frozenset())])
        newer = _live(self._blocks[:-1])
        return SaidIndex([(_Block(newer), frozenset()), base] if newer else [base])

    def exact(self, wanted: str) -> list[Statement]:
        """Statements holding the folded phrase `wanted` word for word, in library order."""
        return list(self.exact_lazily(wanted))

    def exact_lazily(self, wanted: str) -> Iterator[Statement]:
        """`exact`, each statement made only when the caller reaches it: a phrase repeated in
        thousands of articles need not make thousands of statements for the three shown."""
        padded = f" {wanted} "
        words = set(wanted.split())
        for block, i in self._holding(words, len(words)):
            if padded in block.words(i):
                yield block.statement(i)

    def resembling(self, words: list[str], min_share: float) -> list[tuple[Statement, float]]:
        """Statements holding most of the phrase's words in order (a half-remembered phrase)."""
        return [(make(), share) for make, share in self.resembling_lazily(words, min_share)]

    def resembling_lazily(
        self, words: list[str], min_share: float
    ) -> list[tuple[Callable[[], Statement], float]]:
        """`resembling`, each statement made when called: the words decide the share, and a
        phrase close to thousands of statements need not make them all for the three shown."""
        found = self._close_candidates(words, min_share)
        found.sort(key=lambda candidate: candidate[1])  # library order
        hits: list[tuple[Callable[[], Statement], float]] = []
        for _, _, block, i, tokens in found:
            share = _matched(words, tokens) / len(words)
            if share >= min_share:
                hits.append((partial(block.statement, i), share))
        return hits

    def resembling_by_share(
        self, words: list[str], min_share: float
    ) -> Iterator[tuple[float, Iterator[Callable[[], Statement]]]]:
        """`resembling_lazily` grouped by share, the best share first, each group in library
        order. A share is measured (the in-order match, the costly step) only as far as the
        caller reads: a statement can match no more of the phrase than the words the two have
        in common, so the statements sharing fewer words than a group's share are measured only
        when the caller asks for a lesser group, and those sharing exactly as many are measured
        in library order as the caller reads the group on (the rest when it asks for the next):
        a caller that stops at the third sure speaker measures a few of a thousand."""
        found = self._close_candidates(words, min_share)
        found.sort(key=lambda candidate: (-candidate[0], candidate[1]))  # most in common first
        measured: dict[int, list[Entry]] = {}
        at = 0
        while at < len(found) or measured:
            common = found[at][0] if at < len(found) else -1
            if max(measured, default=-1) > common:  # no statement left can match as many
                size = max(measured)
                yield size / len(words), (make for _, make in sorted(measured.pop(size)))
                continue
            end = at
            while end < len(found) and found[end][0] == common:
                end += 1
            sharing = _measuring(words, found[at:end], common, measured, min_share)
            at = end
            group = heapq.merge(sorted(measured.pop(common, [])), sharing, key=lambda e: e[0])
            first = next(group, None)
            if first is not None:  # else none of them matched every word they share
                yield common / len(words), (make for _, make in chain([first], group))
            for _ in sharing:  # the group's unread statements, measured for the lesser groups
                pass

    def _close_candidates(
        self, words: list[str], min_share: float
    ) -> list[tuple[int, int, Block, int, list[str]]]:
        """(words in common with the phrase, library order, block, position, folded words) of
        each statement that may match `min_share` of the phrase's words in order."""
        wanted = set(words)
        need = next(n for n in range(len(wanted) + 1) if n >= min_share * len(wanted))
        repeated = [(word, words.count(word)) for word in wanted if words.count(word) > 1]
        found = []
        # Words first: a statement (its segments as objects) is made only for a match.
        for order, (block, i) in enumerate(self._holding(wanted, max(need, 1))):
            tokens = block.words(i).split()
            shared = wanted.intersection(tokens)
            if len(shared) < min_share * len(wanted):
                continue
            # Each shared word once, a word the phrase repeats as often as both hold it.
            common = len(shared)
            for word, count in repeated:
                if word in shared:
                    common += min(count, tokens.count(word)) - 1
            if common / len(words) >= min_share:  # else no order of them matches enough
                found.append((common, order, block, i, tokens))
        return found

    def _holding(self, words: Collection[str], need: int) -> Iterator[tuple[Block, int]]:
        for block, removed in self._blocks:
            for i in block.holding(words, need):
                if block.article_of(i) not in removed:
                    yield block, i


def _matched(words: list[str], tokens: list[str]) -> int:
    """Return how many of the phrase's words a statement's words match in order (the sizes of
    difflib's matching blocks, summed)."""
    matcher = difflib.SequenceMatcher(None, words, tokens, autojunk=False)
    return sum(match.size for match in matcher.get_matching_blocks())


def _measuring(
    words: list[str],
    sharing: list[tuple[int, int, Block, int, list[str]]],
    common: int,
    measured: dict[int, list[Entry]],
    min_share: float,
) -> Iterator[Entry]:
    """Measure statements sharing `common` of the phrase's words, in library order: yield those
    matching all `common` in order, and keep the others matching enough in `measured`."""
    for _, order, block, i, tokens in sharing:
        size = _matched(words, tokens)
        if size == common:
            yield order, partial(block.statement, i)
        elif size / len(words) >= min_share:
            measured.setdefault(size, []).append((order, partial(block.statement, i)))


def _live(blocks: Sequence[tuple[Block, frozenset[int]]]) -> list[Statement]:
    return [s for b, masked in blocks for s in b.statements() if s.article_id not in masked]
