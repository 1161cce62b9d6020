"""Typed results shared by every layer: small frozen dataclasses with offsets into the article.

Every offset is a Python string offset into the article's original text, end exclusive, so any
answer can cite exactly where it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a paragraph."""

    start: int
    end: int

    def __reduce__(self) -> tuple[type[Sentence], tuple[int, int]]:
        # Pickled by value, the constructor called on load: the default for a slotted
        # dataclass (its __getstate__ and __setstate__ walking `fields()`) made handing the
        # import's analysed articles back from its worker processes a tenth of their cost.
        return Sentence, (self.start, self.end)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph with its sentences; `furniture` marks captions, credits and page chrome."""

    index: int
    start: int
    end: int
    sentences: tuple[Sentence, ...]
    furniture: bool = False

    def __reduce__(self) -> tuple[type[Paragraph], tuple[int, int, int, tuple[Sentence, ...], bool]]:
        return Paragraph, (self.index, self.start, self.end, self.sentences, self.furniture)


@dataclass(frozen=True, slots=True)
class Document:
    """An article's text and its segmentation."""

    text: str
    paragraphs: tuple[Paragraph, ...]

    def __reduce__(self) -> tuple[type[Document], tuple[str, tuple[Paragraph, ...]]]:
        return Document, (self.text, self.paragraphs)  # by value, as Sentence is (see there)

    def story_paragraphs(self) -> list[Paragraph]:
        """Return the paragraphs of the story itself: furniture (captions, credits, chrome) left out."""
        return [p for p in self.paragraphs if not p.furniture]

    def sentences(self, *, include_furniture: bool = False) -> Iterator[tuple[Paragraph, Sentence]]:
        """Yield (paragraph, sentence) pairs in article order."""
        for paragraph in self.paragraphs:
            if paragraph.furniture and not include_furniture:
                continue
            for sentence in paragraph.sentences:
                yield paragraph, sentence


class QuoteKind(StrEnum):
    """How a quote was given: all in quote marks, a quoted fragment, or reported speech."""

    DIRECT = "direct"  # the statement is all inside quote marks
    PARTIAL = "partial"  # a quoted fragment inside a paraphrase
    REPORTED = "reported"  # reported speech: no quote marks at all


# The words that open a speaker the article describes without naming it ("a Nevada Democrat",
# "one Republican lawmaker", "the official"): the extractor stores such a speaker as the article
# words it, opening word in lower case, and a canonical name never opens with one of these in
# lower case; so whether a stored speaker is named is read off its text, with no column for it.
DESCRIBED_OPENINGS = frozenset(
    """
    a an the one another some several many few two three four five six seven eight nine ten
    dozens hundreds thousands both
    """.split()
)


def is_described(speaker: str | None) -> bool:
    """Tell a speaker the article describes without naming ("a police spokesman") from a name
    (and from no speaker at all): only named speakers are people to count, list and look up."""
    return speaker is not None and speaker.split(" ", 1)[0] in DESCRIBED_OPENINGS


# A stored kind back to its member: a dict lookup is 10x an Enum call, and rows are many.
QUOTE_KINDS = {kind.value: kind for kind in QuoteKind}


@dataclass(frozen=True, slots=True)
class Quote:
    """One quoted segment (or one reported statement) and who said it.

    `text` is the article's text between the marks, without them. Segments of one split quote
    ("X," he said, "Y.") share a `statement` number. `speaker` is the canonical name or None when
    the article does not say; for a speaker the article describes without naming ("…," said a
    Nevada Democrat), `speaker` is that description ("a Nevada Democrat"; see `is_described`).
    `mention` is the words that named the speaker for this quote ("he", "the police chief",
    "Beck"), kept as evidence with its offsets.
    """

    text: str
    start: int
    end: int
    kind: QuoteKind
    statement: int
    speaker: str | None = None
    role: str | None = None
    mention: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    cue: str | None = None

    def __reduce__(self) -> tuple[type[Quote], tuple[object, ...]]:
        return Quote, (
            self.text, self.start, self.end, self.kind, self.statement, self.speaker, self.role,
            self.mention, self.mention_start, self.mention_end, self.cue,
        )  # fmt: skip

    @property
    def speaker_named(self) -> bool:
        """Tell a quote whose speaker the article names: not a description, not unknown."""
        return self.speaker is not None and not is_described(self.speaker)

    @property
    def is_direct(self) -> bool:
        """Tell a quote in marks (direct or partial) from reported speech."""
        return self.kind is not QuoteKind.REPORTED


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person or organization quoted in an article."""

    name: str
    role: str | None = None
    aliases: tuple[str, ...] = ()
    statements: int = 0

    def __reduce__(self) -> tuple[type[Speaker], tuple[str, str | None, tuple[str, ...], int]]:
        return Speaker, (self.name, self.role, self.aliases, self.statements)  # as Sentence


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything ingest derives from an article's text."""

    document: Document
    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]

    def __reduce__(
        self,
    ) -> tuple[type[Analysis], tuple[Document, tuple[Quote, ...], tuple[Speaker, ...]]]:
        return Analysis, (self.document, self.quotes, self.speakers)  # as Sentence


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What is known about an article besides its text."""

    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date as the source gives it
    external_id: str | None = None  # a caller's own reference (e.g. an import record's id)

    def __reduce__(self) -> tuple[type[ArticleMeta], tuple[str | None, ...]]:
        fields = (self.title, self.url, self.outlet, self.author, self.published)
        return ArticleMeta, (*fields, self.external_id)  # by value, as Sentence is (see there)


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """A stored article without its text: what lists and citations need."""

    id: int
    guild_id: int
    title: str
    url: str | None
    outlet: str | None
    author: str | None
    published: str | None
    external_id: str | None
    added_by: int | None
    added_at: str
    content_hash: str
    chars: int
    quotes: int = 0


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article with its analysis."""

    info: ArticleInfo
    text: str
    analysis: Analysis

    @property
    def id(self) -> int:
        """Return the article's id."""
        return self.info.id

    @property
    def title(self) -> str:
        """Return the article's title."""
        return self.info.title


@dataclass(frozen=True, slots=True)
class Passage:
    """A retrievable paragraph (or sentence window of one) of an article, by its offsets."""

    article_id: int
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ScoredPassage:
    """A passage with its retrieval score (higher is better)."""

    passage: Passage
    score: float


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A summary sentence: the article's text between its offsets."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Summary:
    """An extractive summary: key sentences in article order and key quotes."""

    article: ArticleInfo | None
    sentences: tuple[SummarySentence, ...]
    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]  # everyone quoted, most statements first

    @property
    def text(self) -> str:
        """Join the sentences into the summary's prose."""
        return " ".join(sentence.text for sentence in self.sentences)


class AnswerKind(StrEnum):
    """Which way /ask answered: the question's route, or why no passage answers it."""

    SPEAKER = "speaker"
    SPEAKER_TOPIC = "speaker-topic"
    WHO_SAID = "who-said"
    ROLE = "role"
    OPEN = "open"
    NOT_FOUND = "not-found"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True, slots=True)
class AnswerItem:
    """One cited piece of an answer: a quote, a passage, or a description."""

    article: ArticleInfo
    text: str
    start: int
    end: int
    score: float = 0.0
    quote: Quote | None = None
    highlight: tuple[int, int] | None = None  # offsets of the best sentence inside a passage


@dataclass(frozen=True, slots=True)
class Answer:
    """What /ask returns: a kind, a short headline, and cited items in display order."""

    kind: AnswerKind
    question: str
    headline: str
    items: tuple[AnswerItem, ...] = ()
    speaker: str | None = None
    candidates: tuple[str, ...] = ()  # names to choose from when a name was ambiguous
    closest: tuple[ArticleInfo, ...] = field(default=())  # for not-found answers
    # Open answers: False when the passages are only the closest the articles have.
    confident: bool | None = None
    # Speaker answers: how many statements the person has in the scope (items shows the newest).
    total: int | None = None


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What a quote needs to cite its article, without the article's text."""

    info: ArticleInfo

    @property
    def id(self) -> int:
        """Return the article's id."""
        return self.info.id


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """A quote with the article it belongs to, as a guild's index keeps it."""

    article: ArticleRef
    quote: Quote


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Limits on one fetch; allow_private lets an operator fetch from their own network."""

    connect_timeout: float = 5.0
    total_timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "articlebot/0.1 (+https://github.com/articlebot)"


@dataclass(frozen=True, slots=True)
class PersonCount:
    """One person's statements over a period (`Library.people`), counted as statements."""

    name: str | None  # as the articles give it; None: the statements no one is named for
    role: str | None  # the role the articles give most often
    direct: int  # quoted statements (in quote marks, whole or a fragment)
    reported: int  # reported statements (paraphrased)
    articles: int
    key: str = ""  # how the person is linked across articles (what `Library.person` takes)


@dataclass(frozen=True, slots=True)
class PeopleReport:
    """Who is quoted: the people of a period, most statements first, and the unknown."""

    people: tuple[PersonCount, ...]
    unknown: PersonCount | None
    since: str | None  # the first day counted (YYYY-MM-DD); None: all
    period: str  # "7d", "30d" or "all"


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """One person across the library (`Library.person`)."""

    name: str
    key: str
    roles: tuple[tuple[str, int], ...]  # each role or title with the articles giving it
    articles: int
    first_day: str
    last_day: str
    direct: int
    reported: int
    weeks: tuple[tuple[str, int, int], ...]  # (Monday, quoted, reported) for each week
    items: tuple[AnswerItem, ...]  # latest statements' segments, newest article first
