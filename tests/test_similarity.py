"""`newsbrief similarity` and `newsbrief eval similarity` on a small multilingual fixture."""

from __future__ import annotations

import json

from conftest import FIXTURES, run_process, write_jsonl

PAIRS = FIXTURES / "similarity-pairs.jsonl"
LINES = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]


def scores(out: str) -> dict[str, float]:
    rows = [json.loads(line) for line in out.splitlines()]
    assert all(set(row) == {"id", "similarity"} for row in rows)
    return {row["id"]: row["similarity"] for row in rows}


def test_reports_of_one_event_score_above_unrelated_ones_in_each_language():
    done = run_process("similarity", str(PAIRS))
    assert done.returncode == 0, done.stderr
    got = scores(done.stdout)
    assert list(got) == [line["id"] for line in LINES]
    assert all(0.0 <= s <= 1.0 for s in got.values())
    for pairing in ("en", "de", "es", "zh", "de-en"):
        assert got[f"{pairing}-same"] > got[f"{pairing}-different"], pairing
    # 0.5 is the clusterer's bar: these are one story to it, and these are not.
    for same in ("en-same", "de-same", "es-same"):
        assert got[same] > 0.5, same
    for different in ("en-different", "de-different", "de-en-different"):
        assert got[different] < 0.5, different


def test_a_bad_line_is_named_and_the_others_are_scored(tmp_path):
    bad = tmp_path / "pairs.jsonl"
    good = PAIRS.read_text(encoding="utf-8").splitlines()
    bad.write_text(
        "\n".join(
            [good[0], "{not json", json.dumps({"id": "x", "a": {"title": "only a"}}), good[1]]
        )
        + "\n",
        encoding="utf-8",
    )
    done = run_process("similarity", str(bad))
    assert done.returncode == 0, done.stderr
    assert list(scores(done.stdout)) == ["en-same", "en-different"]
    assert f"{bad}:2: invalid JSON" in done.stderr
    assert f"{bad}:3: field 'b' must be an article object" in done.stderr


def test_a_missing_file_is_one_clear_line(tmp_path):
    done = run_process("similarity", str(tmp_path / "none.jsonl"))
    assert done.returncode == 2
    assert "none.jsonl: no such file" in done.stderr


def test_eval_similarity_correlates_with_the_ratings(tmp_path):
    # Ratings as in SemEval-2022 Task 8: 1 = one event ... 4 = unrelated.
    rated = [
        {
            **line,
            "lang_a": line["id"].split("-")[0],
            "lang_b": line["id"].split("-")[-2],
            "overall": 1.0 if line["id"].endswith("-same") else 4.0,
        }
        for line in LINES
    ]
    file = write_jsonl(tmp_path / "rated.jsonl", rated)
    done = run_process("eval", "similarity", str(file), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["overall"]["pairs"] == len(LINES)
    assert report["overall"]["pearson"] > 0.7
    assert report["cross_language"]["pairs"] == 2
    assert report["same_language"]["pairs"] == len(LINES) - 2
    assert set(report["by_pairing"]) == {"en-en", "de-de", "es-es", "zh-zh", "de-en"}


def test_eval_similarity_without_ratings_says_so(tmp_path):
    done = run_process("eval", "similarity", str(PAIRS))
    assert done.returncode == 2
    assert "no pair has an 'overall' rating" in done.stderr
