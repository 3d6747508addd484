"""Two Korean reports of one event are one story: Korean writes a noun and its particle as one
word ("삼성전자가", "삼성전자는"), and the reports meet on the noun."""

from __future__ import annotations

from pathlib import Path

from newsbrief.store import Store
from newsbrief.stories.actions import cluster_file
from newsbrief.text.multilingual import fold, terms

REPORTS = Path(__file__).parent / "fixtures" / "korean" / "reports.jsonl"


def test_korean_terms_are_nouns_without_their_particles():
    # (Terms are folded as every language's are: Hangul as its letters, consistently.)
    got = terms("삼성전자가 평택에 20조원 규모의 반도체 공장을 짓는다고 10일 밝혔다.", "ko")
    assert {fold(w) for w in ("삼성전자", "평택", "20조원", "반도체", "공장")} <= set(got)
    assert fold("밝혔다") not in got  # a predicate: "said"
    assert fold("삼성전자가") not in got and fold("공장을") not in got


def test_two_korean_reports_of_one_event_are_one_story(tmp_path):
    with Store(tmp_path / "ko.db") as store:
        stories = dict(cluster_file(store, REPORTS, False))
    assert stories["ko1"] == stories["ko2"]  # one factory, written with other particles
    assert stories["ko3"] != stories["ko1"]  # a subway strike
