"""Build N realistic articles and a few hundred varied questions, deterministic for a seed.

Articles recombine runs of consecutive paragraphs of real news articles (`../shared/data/*.jsonl`
when present, read at run time and never copied into the repository; a few written examples
otherwise). Runs keep a paragraph's neighbours, so a quote's "he said" still finds its speaker.
Each article has 600–900 words, quotes and speakers, and a story of its own (no near-duplicates).
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MAX_REFUSED_IN_A_ROW = 10_000
MIN_WORDS, MAX_WORDS = 600, 900
_WORD = re.compile(r"[A-Za-z][a-z]{4,}")
_COMMON = frozenset(
    "about after again against their there these those which would could should where while"
    " other being first before people years state because still think going really".split()
)


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CorpusArticle:
    title: str
    text: str
    external_id: str


@dataclass(frozen=True, slots=True)
class Question:
    kind: str  # speaker, speaker-topic, who-said, topic, open
    text: str


def load_sources() -> tuple[list[Source], list[tuple[str, str]]]:
    """Return source articles and (speaker, quote) pairs found in the shared data."""
    sources: list[Source] = []
    quotes: list[tuple[str, str]] = []
    for path in sorted(DATA.glob("*.jsonl")):
        if path.name.startswith("ask-dev"):  # question sets, not articles: the corpus stays as it was
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            paragraphs = tuple(p.strip() for p in record["text"].split("\n") if p.strip())
            title = record.get("title") or paragraphs[0][:80]
            if len(paragraphs) >= 3:
                sources.append(Source(title, paragraphs))
            for quote in record.get("quotes", []):
                speaker = quote.get("speaker") or ""
                if quote.get("speaker_resolved_by") == "annotation" and _is_name(speaker):
                    quotes.append((speaker, quote["quote"]))
    if not sources:
        sources, quotes = _own_examples()
    return sources, quotes


def _is_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words)


def build_articles(count: int, seed: int = 8) -> list[CorpusArticle]:
    """Make `count` distinct articles of 600–900 words from runs of source paragraphs."""
    sources, _ = load_sources()
    rng = random.Random(seed)
    seen: set[str] = set()
    stories = _Stories()
    articles: list[CorpusArticle] = []
    refused = 0  # in a row: a few sources give few distinct stories, and the loop would spin
    while len(articles) < count:
        if refused > MAX_REFUSED_IN_A_ROW:
            raise RuntimeError(
                f"only {len(articles)} of {count} distinct articles can be made from"
                f" {len(sources)} source articles; the benchmarks read theirs from {DATA}"
            )
        target = rng.randint(MIN_WORDS, MAX_WORDS)
        lead = rng.choice(sources)
        paragraphs: list[str] = []
        words = 0
        source = lead
        while words < target:
            start = rng.randrange(len(source.paragraphs))
            run = source.paragraphs[start : start + rng.randint(3, 6)]
            for paragraph in run:
                paragraphs.append(paragraph)
                words += len(paragraph.split())
                if words >= target:
                    break
            source = rng.choice(sources)
        text = "\n\n".join(paragraphs)
        if words > MAX_WORDS + 150 or text in seen or not stories.admit(text):
            refused += 1
            continue  # the library refuses a near-duplicate: every article here is addable
        refused = 0
        seen.add(text)
        number = len(articles)
        articles.append(CorpusArticle(f"{lead.title[:200]} ({number})", text, f"bench-{seed}-{number}"))
    return articles


class _Stories:
    """The library's near-duplicate test over the articles built so far, in memory."""

    def __init__(self) -> None:
        self._bands: dict[int, list[int]] = {}
        self._signatures: list[object] = []

    def admit(self, text: str) -> bool:
        """Remember the text's story and say True, unless it is a near-duplicate of one before."""
        from index.intake.near_duplicates import is_near_duplicate, signature, story_text
        from index.text.segment import segment

        new = signature(story_text(segment(text)))
        found = {i for key in new.bands() for i in self._bands.get(key, ())}
        if any(is_near_duplicate(new, self._signatures[i]) for i in found):  # type: ignore[arg-type]
            return False
        for key in new.bands():
            self._bands.setdefault(key, []).append(len(self._signatures))
        self._signatures.append(new)
        return True


def build_questions(count: int, seed: int = 8) -> list[Question]:
    """Make `count` questions: speakers, speakers on a topic, quoted phrases, topics, open."""
    sources, quotes = load_sources()
    rng = random.Random(seed + 1)
    questions: list[Question] = []
    kinds = ("speaker", "speaker-topic", "who-said", "topic", "open")
    while len(questions) < count:
        kind = kinds[len(questions) % len(kinds)]
        if kind in ("speaker", "speaker-topic", "who-said") and quotes:
            speaker, quote = rng.choice(quotes)
            if kind == "speaker":
                questions.append(Question(kind, f"what did {speaker} say?"))
            elif kind == "speaker-topic":
                topic = _content_words(quote, rng, 2)
                if topic:
                    questions.append(Question(kind, f"what did {speaker} say about {topic}?"))
            else:
                words = quote.split()
                if len(words) >= 6:
                    start = rng.randrange(len(words) - 5)
                    phrase = " ".join(words[start : start + 5]).strip(".,;:")
                    questions.append(Question(kind, f"who said “{phrase}”?"))
        else:
            paragraph = rng.choice(rng.choice(sources).paragraphs)
            topic = _content_words(paragraph, rng, 3 if kind == "topic" else 5)
            if not topic:
                continue
            text = f"what about {topic}?" if kind == "topic" else f"why {topic}?"
            questions.append(Question(kind, text))
    return questions


def _content_words(text: str, rng: random.Random, count: int) -> str:
    words = [w.lower() for w in _WORD.findall(text) if w.lower() not in _COMMON]
    if len(words) < count:
        return ""
    start = rng.randrange(len(words) - count + 1)
    return " ".join(words[start : start + count])


def _own_examples() -> tuple[list[Source], list[tuple[str, str]]]:
    """A tiny fallback corpus written for this benchmark, used when ../shared is absent."""
    towns = ["Millbrook", "Ashford", "Carver Falls", "Pine Ridge", "Lowell Bay", "Eastmoor"]
    people = [("Dana Ortiz", "mayor"), ("Victor Hale", "police chief"),
              ("Ruth Okafor", "school superintendent"), ("Sam Lindqvist", "council member")]  # fmt: skip
    topics = ["the new bridge", "property taxes", "the flood wall", "bus routes",
              "the library budget", "summer wildfires", "a housing plan", "water rates"]  # fmt: skip
    rng = random.Random(0)
    sources, quotes = [], []
    for number in range(60):
        town = towns[number % len(towns)]
        paragraphs = []
        for _ in range(12):
            name, role = rng.choice(people)
            topic = rng.choice(topics)
            said = f"We will not let {topic} wait another year in {town}"
            quotes.append((name, said))
            paragraphs.append(
                f"Officials in {town} met on Tuesday to discuss {topic}, which residents have "
                f"raised at every meeting since spring. “{said},” said {name}, the {role}. "
                f"Critics said the cost of {topic} had doubled and asked for a public vote, "
                f"while supporters pointed to {rng.randint(2, 90)} letters from local families."
            )
        sources.append(Source(f"{town} weighs {rng.choice(topics)}", tuple(paragraphs)))
    return sources, quotes
