"""Evaluation gate: the grounding guard keeps catching invented facts on real news."""

from __future__ import annotations

import json

from conftest import run_process


def test_the_guard_catches_invented_figures_names_and_quotes(shared_data):
    result = run_process("eval", "grounding", str(shared_data / "ecbplus-dev.jsonl"), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    caught = {kind: figures["rate"] for kind, figures in report["caught"].items()}
    assert all(report["caught"][kind]["n"] >= 150 for kind in caught)
    # Floors a little under the measured figures (see README, Evaluation).
    assert caught["number_swap"] >= 0.86
    assert caught["scale_swap"] >= 0.94
    assert caught["entity_swap"] >= 0.94
    assert caught["quote_swap"] >= 0.96
    # A sentence copied from the articles is never rejected.
    assert report["originals_rejected"]["rate"] == 0.0


def test_eval_grounding_of_a_missing_file_is_a_user_error(tmp_path):
    result = run_process("eval", "grounding", str(tmp_path / "nope.jsonl"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"error: {tmp_path / 'nope.jsonl'}: no such file"]
