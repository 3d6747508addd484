"""Summary quality: ROUGE against held-out references built from the labelled dev data."""

from __future__ import annotations

import json

from conftest import run_process, write_jsonl

from newsbrief.demo import corpus_path
from newsbrief.eval.summaries import evaluate_summaries, lead_cases, load_articles

# Pinned a little under the measured dev figures (see BENCHMARKS.md), so noise passes and a
# real regression does not.
LEAD_FLOORS = {"rouge1_f": 0.38, "rouge2_f": 0.13, "rougeL_f": 0.21}
HEADLINE_FLOORS = {"rouge1_f": 0.33, "rouge2_f": 0.15}
TAKEAWAY_FLOORS = {"rouge1_f": 0.32, "rouge2_f": 0.12}


def test_summary_rouge_floor_on_held_out_leads(shared_data):
    report = evaluate_summaries(
        shared_data / "ecbplus-dev.jsonl", 100, only=("lead", "random", "centroid (MEAD)")
    )
    assert report["mode"] == "held-out lead" and report["cases"] > 600
    systems = report["systems"]
    ours = systems["newsbrief"]
    for metric, floor in LEAD_FLOORS.items():
        assert ours[metric] >= floor, report["text"]
    assert ours["rouge1_f"] > systems["lead"]["rouge1_f"] + 0.02, report["text"]
    assert ours["rouge2_f"] > systems["random"]["rouge2_f"] + 0.04, report["text"]
    assert ours["rouge1_f"] > systems["centroid (MEAD)"]["rouge1_f"], report["text"]
    assert ours["words"] <= 100


def test_headline_rouge_floor_on_held_out_headlines(shared_data):
    report = evaluate_summaries(shared_data / "uci-news-dev.jsonl")
    assert report["mode"] == "held-out headlines"
    systems = report["systems"]
    ours = systems["newsbrief"]
    for metric, floor in HEADLINE_FLOORS.items():
        assert ours[metric] >= floor, report["text"]
    assert ours["rouge1_f"] > systems["random headline"]["rouge1_f"] + 0.05, report["text"]


def test_key_takeaways_state_the_main_fact_as_reporters_lead_with_it(shared_data):
    # A takeaway is one line stating the news: scored against the first sentence of a report
    # it never saw, it must beat the earliest report's first sentence and the centroid one.
    report = evaluate_summaries(shared_data / "ecbplus-dev.jsonl", per_story=2, takeaways=True)
    assert report["mode"] == "held-out main fact" and report["cases"] > 100
    systems = report["systems"]
    ours = systems["newsbrief"]
    for metric, floor in TAKEAWAY_FLOORS.items():
        assert ours[metric] >= floor, report["text"]
    assert ours["rouge1_f"] > systems["lead"]["rouge1_f"] + 0.04, report["text"]
    assert ours["rouge1_f"] > systems["centroid (MEAD)"]["rouge1_f"], report["text"]
    assert ours["words"] <= 30


def test_held_out_references_never_leak_into_the_input():
    articles = load_articles(corpus_path())
    for case in lead_cases(articles, per_story=2):
        ids = {a.id for a in case.articles}
        assert case.held_out not in ids and len(ids) >= 2
        held = next(a for a in articles if a.id == case.held_out)
        # No near-copy of the held-out report is summarised either.
        assert all(a.text != held.text for a in case.articles)


def test_eval_summaries_command_prints_rouge_for_every_system(tmp_path):
    rows = [json.loads(line) for line in corpus_path().read_text(encoding="utf-8").splitlines()]
    small = write_jsonl(
        tmp_path / "small.jsonl", [r for r in rows if r["label"] in ("14_ecb", "9_ecb")]
    )
    result = run_process("eval", "summaries", str(small), "--words", "60", "--per-story", "2")
    assert result.returncode == 0, result.stderr
    for name in ("newsbrief", "lead", "random", "centroid (MEAD)", "LexRank"):
        assert any(line.startswith(name) for line in result.stdout.splitlines()), name
    assert "ROUGE-1" in result.stdout and "ROUGE-2" in result.stdout and "ROUGE-L" in result.stdout
    data = json.loads(run_process("eval", "summaries", str(small), "--json").stdout)
    assert data["systems"]["newsbrief"]["rouge1_f"] > 0
    takeaways = run_process("eval", "summaries", str(small), "--takeaways", "--per-story", "2")
    assert takeaways.returncode == 0, takeaways.stderr
    assert "held-out main fact" in takeaways.stdout and "one sentence of at most 30 words" in (
        takeaways.stdout
    )
    bad = run_process("eval", "summaries", str(tmp_path / "missing.jsonl"))
    assert bad.returncode == 2 and bad.stderr.startswith("error: ")
