"""Language of a text (py3langid: a small, offline, well-kept language identifier).

py3langid ships its model compressed with LZMA (4.6 MB) and decompresses it (to 68 MB) in
every process that first asks for a language: about 0.4 s of CPU, more than the rest of
importing a file. The first process keeps the decompressed model in the per-user cache folder
(``$XDG_CACHE_HOME/newsbrief`` on Linux), and later ones read it from there with py3langid's
own array conversion, so the model, and every language it tells, is the same. When the cache
cannot be written or read, py3langid loads its model as it always does.
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MIN_CHARS = 40
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text."""
    sample = " ".join(text.split())[:1500]
    if len(sample) < MIN_CHARS:
        return None
    code, _ = _identifier().classify(sample)
    return str(code)


def cache_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("newsbrief"))


@functools.cache
def _identifier() -> Any:
    from py3langid import langid

    try:
        return _from_cache(Path(langid.MODEL_DIR) / langid.MODEL_FILE)
    except (OSError, ValueError, KeyError, AttributeError, ImportError) as error:
        log.debug("language model cache not used: %s", error)
        return langid._get_identifier()


def _from_cache(model: Path) -> Any:
    import numpy as np
    from py3langid.langid import LanguageIdentifier
    from py3langid.modelio import _to_array

    stat = model.stat()
    cached = cache_folder() / f"langid-{stat.st_size}-{int(stat.st_mtime)}.npz"
    if not cached.exists():
        _decompress(model, cached)
    with np.load(cached, allow_pickle=False) as data:
        if set(_ARRAYS) - set(data.files):
            raise ValueError(f"{cached}: not a language model")
        # As py3langid's own loader (modelio.load_model, LanguageIdentifier.from_model_file).
        return LanguageIdentifier(
            np.asarray(data["ptc"]),
            np.asarray(data["pc"]),
            data["classes"].tolist(),
            _to_array(data["nextmove"]),
            data["out_feat"].tolist(),
            tk_row=_to_array(data["nextmove_row"]),
        )


def _decompress(model: Path, cached: Path) -> None:
    """The model's npz, uncompressed; written under a temporary name, then renamed, so a
    process reading the cache never sees half a file."""
    import lzma
    import shutil
    import tempfile

    cached.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=cached.parent, suffix=".part", delete=False) as tmp:
        try:
            with lzma.open(model) as source:
                shutil.copyfileobj(source, tmp, length=1 << 20)
            tmp.close()
            os.replace(tmp.name, cached)
        except BaseException:
            Path(tmp.name).unlink(missing_ok=True)
            raise
