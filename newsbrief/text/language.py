"""Language of a text (py3langid: a small, offline, well-kept language identifier).

py3langid ships its model compressed with LZMA (4.6 MB) and decompresses it (to 68 MB) in
every process that first asks for a language: about 0.4 s of CPU, more than the rest of
importing a file. The first process keeps the decompressed arrays in the per-user cache folder
(``$XDG_CACHE_HOME/newsbrief`` on Linux), and later ones read them from there with py3langid's
own array conversion, so the model, and every language it tells, is the same. When the cache
cannot be written or read, py3langid loads its model as it always does.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MIN_CHARS = 40
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def detect_language(text: str, min_chars: int = MIN_CHARS) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text (fewer
    than ``min_chars`` characters)."""
    sample = " ".join(text.split())[:1500]
    if not sample or len(sample) < min_chars:
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

    # Named by the model's content, not its file's time: every installation of the same
    # py3langid shares one copy (a digest of the 4.6 MB file takes a few milliseconds).
    digest = hashlib.sha256(model.read_bytes()).hexdigest()[:16]
    folder = cache_folder() / f"langid-{digest}"
    if not folder.is_dir():
        _decompress(model, folder)

    def array(name: str, mmap: bool = False) -> np.ndarray:
        loaded: np.ndarray = np.load(folder / f"{name}.npy", mmap_mode="r" if mmap else None)
        return loaded

    # As py3langid's own loader (modelio.load_model, LanguageIdentifier.from_model_file). The
    # feature weights (28 MB) are mapped, not read: a text touches only its features' rows.
    return LanguageIdentifier(
        np.asarray(array("ptc", mmap=True)),
        np.asarray(array("pc")),
        array("classes").tolist(),
        _to_array(array("nextmove")),
        array("out_feat").tolist(),
        tk_row=_to_array(array("nextmove_row")),
    )


def _decompress(model: Path, folder: Path) -> None:
    """The model's arrays, uncompressed, one file each; written to a temporary folder, then
    renamed, so a process reading the cache never sees half of it."""
    import lzma
    import shutil
    import tempfile

    import numpy as np

    folder.parent.mkdir(parents=True, exist_ok=True)
    part = Path(tempfile.mkdtemp(dir=folder.parent, suffix=".part"))
    try:
        with tempfile.TemporaryFile(dir=part) as npz:
            with lzma.open(model) as source:
                shutil.copyfileobj(source, npz, length=1 << 20)
            npz.seek(0)
            with np.load(npz, allow_pickle=False) as data:
                if set(_ARRAYS) - set(data.files):
                    raise ValueError(f"{model}: not a language model this version reads")
                for name in _ARRAYS:
                    np.save(part / f"{name}.npy", data[name], allow_pickle=False)
        part.rename(folder)
    except OSError:
        if not folder.is_dir():  # another process may have renamed its copy first
            raise
    finally:
        shutil.rmtree(part, ignore_errors=True)
