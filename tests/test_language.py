"""Language detection reads py3langid's model from a cache of it, and tells the same languages."""

from __future__ import annotations

import json

import py3langid
import pytest
from conftest import REPO

from newsbrief.text import language

TEXTS = [
    "The central bank raised interest rates by a quarter point on Wednesday, citing inflation.",
    "La banque centrale a relevé ses taux d'intérêt d'un quart de point mercredi.",
    "Die Zentralbank hat die Zinsen am Mittwoch um einen Viertelpunkt angehoben.",
    "El banco central subió los tipos de interés un cuarto de punto el miércoles.",
    "Il governo ha approvato la legge di bilancio dopo una lunga notte di trattative.",
    "Центральный банк в среду повысил процентную ставку на четверть пункта.",
    "中央银行周三将利率上调了四分之一个百分点，理由是通胀压力持续。经济学家预计今年还会再加息一次。",
    "De centrale bank verhoogde woensdag de rente met een kwart procentpunt.",
]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    language._identifier.cache_clear()
    yield tmp_path
    language._identifier.cache_clear()


def _corpus_texts(limit: int = 60) -> list[str]:
    path = REPO / "newsbrief" / "data" / "demo-corpus.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()[:limit]
    return [json.loads(line)["title"] + "\n" + json.loads(line)["text"] for line in lines]


def test_the_cached_model_tells_the_languages_py3langid_tells(cache):
    texts = TEXTS + _corpus_texts()
    ours = [language.detect_language(t) for t in texts]
    assert list(cache.glob("*/langid-*/ptc.npy")), "the decompressed model was not cached"
    theirs = [py3langid.classify(" ".join(t.split())[:1500])[0] for t in texts]
    assert ours == theirs
    assert {"en", "fr", "de", "es", "ru", "zh"} <= set(ours)


def test_a_second_process_reads_the_cache(cache):
    language.detect_language(TEXTS[1])
    first = next(cache.glob("*/langid-*/ptc.npy"))
    stamp = first.stat().st_mtime_ns
    language._identifier.cache_clear()
    assert language.detect_language(TEXTS[2]) == "de"
    assert first.stat().st_mtime_ns == stamp  # read, not written again


def test_an_unwritable_cache_falls_back_to_py3langid(cache, monkeypatch):
    blocked = cache / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setattr(language, "cache_folder", lambda: blocked / "newsbrief")
    assert language.detect_language(TEXTS[0]) == "en"
    assert not list(cache.glob("*/langid-*/ptc.npy"))


def test_installations_of_the_same_model_share_one_copy(cache, tmp_path):
    import os
    import shutil

    from py3langid import langid

    original = langid.MODEL_DIR / langid.MODEL_FILE
    copy = tmp_path / "elsewhere" / "model.npz.xz"
    copy.parent.mkdir()
    shutil.copyfile(original, copy)
    os.utime(copy, (1_000_000, 1_000_000))  # installed at another time
    language._from_cache(original)
    language._from_cache(copy)
    assert len(list(cache.glob("*/langid-*/ptc.npy"))) == 1


def test_the_test_session_never_writes_the_users_cache_folder(cache_home):
    """Every test, and every process a test starts, sees the session's temporary cache folder
    (conftest's ``cache_home``): what the tests cache stays out of the real user's."""
    import os

    assert os.environ["XDG_CACHE_HOME"] == str(cache_home)
    assert language.cache_folder().is_relative_to(cache_home)
