"""The same articles give the same briefing in every process.

Python varies the order of sets and dicts of strings from one process to the next
(``PYTHONHASHSEED``); nothing the reader sees may depend on it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

SCRIPT = """
import json, sys
from datetime import UTC, datetime
from pathlib import Path
from newsbrief.briefing.assemble import build_briefing
from newsbrief.demo import corpus_path
from newsbrief.ingest.files import import_paths
from newsbrief.codec import briefing_dict
from newsbrief.store import Store

with Store(Path(sys.argv[1])) as store:
    import_paths(store, [str(corpus_path())])
    briefing = build_briefing(
        store,
        since=datetime(1900, 1, 1, tzinfo=UTC),
        now=datetime(2026, 1, 1, tzinfo=UTC),
        record=False,
    )
    print(json.dumps(briefing_dict(briefing), sort_keys=True))
"""


def _briefing(tmp_path: Path, seed: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / f"store-{seed}.db")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    data: dict[str, Any] = json.loads(out.stdout)
    # Undated items are dated when first seen: the one part that is meant to differ.
    for story in data["stories"]:
        for source in story["sources"]:
            source.pop("published", None)
    return data


def test_briefing_does_not_depend_on_hash_order(tmp_path: Path) -> None:
    first = _briefing(tmp_path, "1")
    second = _briefing(tmp_path, "2")
    assert first["stories"], "the demo corpus gave no stories"
    assert [s["id"] for s in first["stories"]] == [s["id"] for s in second["stories"]]
    assert first == second


ASK_SCRIPT = """
import json, sys
from pathlib import Path
from newsbrief.ask.answers import ask
from newsbrief.ingest.files import import_paths
from newsbrief.stories.pipeline import process
from newsbrief.store import Store

path = Path(sys.argv[1])
with Store(path) as store:
    if store.article_count() == 0:
        import_paths(store, [sys.argv[2]])
        process(store, embedder=False)
    answer = ask(store, sys.argv[3])
    print(json.dumps([answer.found, [[s.text, s.cites] for s in answer.answer]]))
"""

# Two words of a name that are equally rare: which one a sentence must say may not be left to
# the order of a set. The answer names only the surname, beyond the lead and the sentences
# before it that say the full name.
RULE_ARTICLES = [
    {
        "id": f"rule-{n}",
        "title": "Interior department changes endangered species rule",
        "text": "Interior Secretary Dirk Kempthorne announced the change on Thursday. "
        "The rule covers dams, highways and mines. Wildlife groups said they would sue. "
        "The department received many comments. The comment period ended last month. "
        "Kempthorne said the rule was changed because the law was never meant to regulate "
        f"climate. Report {n} of the change.",
    }
    for n in range(2)
] + [
    {"id": f"other-{n}", "title": f"Council news {n}", "text": f"The council met on day {n}."}
    for n in range(6)
]


def _asked(tmp_path: Path, seed: str, question: str) -> Any:
    corpus = tmp_path / "corpus.jsonl"
    if not corpus.exists():
        corpus.write_text("".join(json.dumps(a) + "\n" for a in RULE_ARTICLES), "utf-8")
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-c", ASK_SCRIPT, str(tmp_path / "store.db"), str(corpus), question],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(out.stdout)


def test_the_same_question_gets_the_same_answer_in_every_process(tmp_path: Path) -> None:
    """One store, one question, four hash seeds: one answer."""
    question = "Why did Dirk Kempthorne change the endangered species rule?"
    answers = [_asked(tmp_path, seed, question) for seed in ("1", "2", "3", "4")]
    assert answers[0][0], answers[0]
    assert all(a == answers[0] for a in answers[1:]), answers


AFFINITY_SCRIPT = """
import random
from newsbrief.stories.cluster import Group, StreamingClusterer

# Two groups of full texts that share a few hundred terms, their weights as a group's sums
# of unit vectors have them.
r = random.Random(7)
one = {f"term{i}": r.random() / 10 for i in range(400)}
two = {f"term{i}": r.random() / 10 for i in range(200, 600)}
a = Group(id="a", vector=one, norm2=4.0, size=3)
b = Group(id="b", vector=two, norm2=5.0, size=4)
score = StreamingClusterer().affinity(a, b)
a.absorb(b)
print(repr(score), repr(a.norm2))
"""


def test_affinities_do_not_depend_on_hash_order() -> None:
    """The terms two groups share come in an order that follows the process's string hashes;
    a float sum in that order differed in its last bits from one process to the next, so two
    runs over the same articles (on one engine or on two) could break a tie or pass a bar
    differently, and end with different stories."""
    outputs = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        out = subprocess.run(
            [sys.executable, "-c", AFFINITY_SCRIPT],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        outputs.add(out.stdout.strip())
    assert len(outputs) == 1, outputs


BASELINE_SCRIPT = """
import hashlib, json, sys
from pathlib import Path
from newsbrief.eval.summaries import lead_cases, load_articles
from newsbrief.summarize.baselines import BackgroundIdf, centroid_summary
from newsbrief.summarize.candidates import candidates

articles = load_articles(Path(sys.argv[1]))
background = BackgroundIdf.from_articles(articles)
summaries = [
    centroid_summary(case.articles, candidates(case.articles), 100, background)
    for case in lead_cases(articles, 12)
]
print(hashlib.sha256(json.dumps(summaries).encode()).hexdigest())
"""


def _centroid_summaries(data: Path, seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-c", BASELINE_SCRIPT, str(data / "ecbplus-dev.jsonl")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return out.stdout.strip()


def test_the_centroid_baseline_does_not_depend_on_hash_order(shared_data: Path) -> None:
    # `eval summaries` compares the write-up with baselines: their figures must repeat too.
    # Summed in set order, two sentences' centroid values differed in the last bit between
    # processes and one case's summary changed with the hash seed.
    assert _centroid_summaries(shared_data, "1") == _centroid_summaries(shared_data, "2")
