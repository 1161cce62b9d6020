"""On-topic unanswerable questions made from answerable ones: NewsQA's questions asked again of
their articles with the sentences that answer them taken out.

ask-dev holds only 43 unanswerable questions; NewsQA's 1,151 are all answerable. Taking out every
sentence that overlaps a question's answer span, or holds its answer phrase elsewhere, leaves an
article still about the question's topic that no longer says what was asked: the case the hedge
is for. Made, not written by readers: a sentence that answers in other words may stay, so a
made question can still be answerable (train_confidence.py reports these apart from the real
ones for that reason).
"""

from __future__ import annotations

from ask_reader import ReaderCase, newsqa

from index.text.segment import segment

# An answer phrase this short ("two", "Iraq") is searched for only within its span: elsewhere it
# is as likely to be about something else.
MIN_PHRASE = 5
# Made questions per story: one keeps the made set as large as a story count (300).
PER_ARTICLE = 1
# An article left with fewer sentences than this is no longer a story about the topic.
MIN_SENTENCES = 6


def without(text: str, spans: tuple[tuple[int, int], ...], phrase: str) -> str | None:
    """The text without the sentences that answer: those overlapping a span, or holding the
    answer phrase; None when nothing is taken out or too little is left."""
    needle = phrase.strip().lower()
    kept, cut = 0, []
    for _, sentence in segment(text).sentences(include_furniture=True):
        words = text[sentence.start : sentence.end]
        if any(s < sentence.end and sentence.start < e for s, e in spans) or (
            len(needle) >= MIN_PHRASE and needle in words.lower()
        ):
            cut.append((sentence.start, sentence.end))
        else:
            kept += 1
    if not cut or kept < MIN_SENTENCES:
        return None
    pieces, at = [], 0
    for start, end in cut:
        pieces.append(text[at:start])
        at = end
        while at < len(text) and text[at] in " \t":  # the space after it, not the line break
            at += 1
    pieces.append(text[at:])
    return "".join(pieces)


def made(per_article: int) -> tuple[list[dict], list[ReaderCase]]:
    """Rows (one made article per question) and their unanswerable cases, group "newsqa-cut":
    up to `per_article` questions of each NewsQA story, in the set's order, each in its story's
    half."""
    rows, cases = newsqa()
    answers = {q["qid"]: q["answer"] for row in rows for q in row["questions"]}
    texts = {row["id"]: row["text"] for row in rows}
    made_rows, made_cases, taken = [], [], dict.fromkeys(texts, 0)
    for case in cases:
        if taken[case.article] >= per_article:
            continue
        text = without(texts[case.article], case.spans, answers[case.qid])
        if text is None:
            continue
        taken[case.article] += 1
        name = f"{case.article}~{case.qid}"
        made_rows.append({"id": name, "text": text})
        made_cases.append(
            ReaderCase(case.qid, name, "newsqa-cut", case.question, (), story=case.article)
        )
    return made_rows, made_cases
