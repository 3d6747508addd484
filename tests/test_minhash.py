"""The MinHash signatures and LSH bands are datasketch's, value for value: signatures kept in
a store by earlier versions stay valid, and near copies are found as before."""

from __future__ import annotations

import random

import pytest

from newsbrief.stories import minhash

datasketch = pytest.importorskip("datasketch")


def _shingle_sets(count: int, seed: int = 7) -> list[set[bytes]]:
    rng = random.Random(seed)
    vocabulary = [f"word{i}" for i in range(300)]
    out = []
    for _ in range(count):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(30, 200))]
        out.append({" ".join(words[i : i + 4]).encode() for i in range(len(words) - 3)})
    return out


def test_signatures_are_datasketch_affine32_signatures():
    for shingles in _shingle_sets(50):
        theirs = datasketch.MinHash(num_perm=minhash.NUM_PERM, scheme="affine32")
        theirs.update_batch(list(shingles))
        assert minhash.signature(shingles).tolist() == theirs.hashvalues.tolist()


def test_bands_are_the_ones_datasketch_chooses_for_the_threshold():
    lsh = datasketch.MinHashLSH(threshold=0.7, num_perm=minhash.NUM_PERM)
    assert (lsh.b, lsh.r) == (minhash.BANDS, minhash.ROWS)


def test_the_index_finds_what_datasketch_finds():
    base = _shingle_sets(40)
    rng = random.Random(3)
    # near copies: each drops or changes a few of an original's shingles
    variants = [{s for s in shingles if rng.random() > 0.15} for shingles in base[:20]]
    ours, theirs = minhash.Index(), datasketch.MinHashLSH(threshold=0.7, num_perm=64)
    for i, shingles in enumerate(base):
        ours.insert(f"a{i}", minhash.signature(shingles))
        sketch = datasketch.MinHash(num_perm=64, scheme="affine32")
        sketch.update_batch(list(shingles))
        theirs.insert(f"a{i}", sketch)
    found_any = False
    for shingles in variants + base:
        sketch = datasketch.MinHash(num_perm=64, scheme="affine32")
        sketch.update_batch(list(shingles))
        expected = set(theirs.query(sketch))
        assert ours.query(minhash.signature(shingles)) == expected
        found_any = found_any or len(expected) > 0
    assert found_any
    with pytest.raises(ValueError):
        ours.insert("a0", minhash.signature(base[0]))
