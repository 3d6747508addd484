"""Newsletter layouts: status lines, lists of one, markup left in Markdown sources, stories
written as list entries, run-in labels of plain-text items, ranked rows.

Every text here is written for these tests.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from newsbrief.eval.text import evaluate_text
from newsbrief.ingest.files import read_file
from newsbrief.models import Article
from newsbrief.text.boilerplate import boilerplate_reason
from newsbrief.text.status import is_status_line
from newsbrief.text.structure import HEADING, ITEM, blocks_from_plain

SEEN = datetime(2025, 7, 1, tzinfo=UTC)


def articles(path: Path) -> list[Article]:
    return [a for a in read_file(path, SEEN) if isinstance(a, Article)]


def evaluate(folder: Path, files: dict[str, str], labels: dict[str, dict]) -> dict:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "expected.json").write_text(json.dumps({"files": labels}), encoding="utf-8")
    return evaluate_text(folder, home=folder / "home")


def test_status_lines_are_no_facts_in_any_language():
    for line in [
        "Updated 3 hours ago · Read time: 4 min",
        "*Updated 2 hours ago · 3 min read*",
        "Estimated reading time: 5 minutes",
        "Nov 27, 2005 · 4-minute read",
        "Listen to this article (4 min)",
        "Lesezeit: 4 Minuten",
        "Aktualisiert vor 3 Stunden",
        "Mis à jour il y a 3 heures",
        "Tiempo de lectura: 4 minutos",
    ]:
        assert is_status_line(line), line
        assert boilerplate_reason(line) in ("status line", "time stamp"), line
    # Sentences that hold minutes, hours or "ago" are news.
    for sentence in [
        "The meeting ran for 4 minutes.",
        "Prices rose 4% three hours ago.",
        "Updated guidance came 3 hours ago",
        "Il y a 3 heures, le gouvernement a annoncé un plan.",
    ]:
        assert not is_status_line(sentence), sentence
        assert boilerplate_reason(sentence) is None, sentence


STATUS_PAGE = """\
Chipmaker cuts prices of its data-centre processors

Updated 3 hours ago · Read time: 4 min

4 min read · Updated 2 hours ago.

The chipmaker cut the list prices of its data-centre processors by 12% on Tuesday, the company
said in a statement.

Analysts said the cut would pressure rivals in the server market, where prices had held for
two years.
"""


def test_a_status_line_is_never_cited(tmp_path):
    report = evaluate(
        tmp_path,
        {"chips.txt": STATUS_PAGE},
        {"chips.txt": {"stories": 1, "headings": ["Updated 3 hours ago · Read time: 4 min",
                                                   "4 min read · Updated 2 hours ago.",
                                                   "Read time:"], "items": []}},
    )  # fmt: skip
    assert report["failures"]["headings"] == 0, report["details"]
    assert report["cited_sentences"] >= 2


LIST_OF_ONE = """\
Chipmaker cuts prices

The chipmaker cut prices on Tuesday, the company said in a statement on its website.

The company named one reason:

- Demand for servers fell

Analysts said the cut would pressure rivals in the server market for the rest of the year.
"""

TWO_NUMBERED_STORIES = """\
1. Nvidia cuts prices

Nvidia cut prices of its chips on Monday, the company said.

2. Rates held in Europe

The central bank held rates on Thursday, its president said.
"""


def test_a_list_of_one_item_stays_an_item():
    blocks = blocks_from_plain(LIST_OF_ONE)
    assert [b.kind for b in blocks if b.text == "Demand for servers fell"] == [ITEM]
    # Two lone numbered lines over their paragraphs are the headlines of a plain-text digest.
    headings = [b.text for b in blocks_from_plain(TWO_NUMBERED_STORIES) if b.kind == HEADING]
    assert headings == ["Nvidia cuts prices", "Rates held in Europe"]
