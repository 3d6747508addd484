"""`newsbrief eval conflicts`: precision and recall of shown disagreements against gold."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsbrief.cli import cli
from newsbrief.eval.conflicts import evaluate_conflicts, numbers

DAY = "2024-05-01T"
ARTICLES = [
    ("a", "acme", DAY + "08:00Z", "Acme agreed to buy Beta for $2.1 billion, the companies said."),
    ("b", "acme", DAY + "09:00Z", "The deal, valued at $2.4 billion, is the largest this year."),
    ("c", "acme", DAY + "10:00Z", "Beta makes parts for cars in Ohio and Texas."),
    ("d", "quake", DAY + "08:00Z", "The earthquake killed 12 people in the mountain villages."),
    ("e", "quake", DAY + "09:00Z", "The earthquake killed 12 people, officials said on Monday."),
]


def _claim(value, article, text):
    return {"value": value, "articles": [article], "text": text}


GOLD = [
    {"id": "g1", "story": "acme", "split": "dev", "quantity": "deal price", "kind": "contradiction",
     "claims": [_claim("$2.1 billion", "a", ARTICLES[0][3]),
                _claim("$2.4 billion", "b", ARTICLES[1][3])]},
    {"id": "g2", "story": "quake", "split": "check", "quantity": "death toll", "kind": "consistent",
     "claims": [_claim("12", "d", ARTICLES[3][3]), _claim("12", "e", ARTICLES[4][3])]},
    {"id": "g3", "story": "quake", "split": "check", "quantity": "people missing", "kind": "update",
     "claims": [_claim("three", "d", "x"), _claim("five", "e", "y")]},
]  # fmt: skip


def write(tmp_path):
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        "".join(
            json.dumps(
                {
                    "id": i,
                    "label": label,
                    "published": when,
                    "title": "",
                    "text": text,
                    "source": f"{i}.example",
                }
            )
            + "\n"
            for i, label, when, text in ARTICLES
        )
    )
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(g) + "\n" for g in GOLD))
    return gold, articles


def test_shown_disagreements_are_matched_to_the_gold_ones(tmp_path):
    report = evaluate_conflicts(*write(tmp_path))
    assert report["shown"] == 1 and report["shown_right"] == 1
    assert report["precision"] == 1.0
    assert report["recall"] == 0.5  # the deal price found, the missing-people update not
    assert report["kinds"]["contradiction"]["recall"] == 1.0
    assert report["kinds"]["update"]["recall"] == 0.0
    assert report["splits"]["dev"]["recall"] == 1.0
    assert report["splits"]["check"]["recall"] == 0.0
    [shown] = report["shown_conflicts"]
    assert shown["matched"]["id"] == "g1" and shown["story"] == "acme"


def test_a_conflict_shown_on_a_quantity_labelled_rounding_is_wrong(tmp_path):
    gold, articles = write(tmp_path)
    items = [json.loads(line) for line in gold.read_text().splitlines()]
    items[0]["kind"] = "rounding"
    gold.write_text("".join(json.dumps(item) + "\n" for item in items))
    report = evaluate_conflicts(gold, articles)
    assert report["shown"] == 1 and report["shown_right"] == 0
    assert report["precision"] == 0.0
    assert report["wrongly_shown"]["rounding"] == 1
    assert report["gold_disagreements"] == 1


def test_numbers_of_written_values():
    assert numbers("$2.4 billion") == {2.4}
    assert numbers("seven") == {7}
    assert numbers("as many as 20, 000") == {20000}
    assert numbers("about 60 metres (200 feet)") == {60, 200}


def test_the_command_prints_figures_and_refuses_bad_input(tmp_path):
    gold, articles = write(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", "conflicts", str(gold), str(articles)])
    assert result.exit_code == 0, result.output
    assert "precision 1.000  recall 0.500" in result.output
    result = runner.invoke(cli, ["eval", "conflicts", str(gold), str(articles), "--json"])
    assert json.loads(result.output)["recall"] == 0.5
    result = runner.invoke(cli, ["eval", "conflicts", str(tmp_path / "none.jsonl"), str(articles)])
    assert result.exit_code == 2 and "no such file" in result.output
    gold.write_text('{"id": "x", "story": "acme", "kind": "wrong", "claims": []}\n')
    result = runner.invoke(cli, ["eval", "conflicts", str(gold), str(articles)])
    assert result.exit_code == 2 and "line 1 needs a kind" in result.output


def test_same_event_pairs_are_stories_and_each_quantity_counts_in_its_own_split(tmp_path):
    gold, articles = write(tmp_path)
    pairs = tmp_path / "pairs.jsonl"
    pair = {
        "id": "111_222",
        "lang_a": "en",
        "lang_b": "en",
        "overall": 1.0,
        "a": {"title": "Quake", "text": "The earthquake killed 12 people, officials said."},
        "b": {"title": "Quake", "text": "The earthquake killed 19 people, officials said."},
    }
    other = dict(pair, id="333_444", overall=3.5)  # not one event: left out
    german = dict(pair, id="555_666", lang_a="de")  # not English: left out
    pairs.write_text("".join(json.dumps(p) + "\n" for p in (pair, other, german)))
    items = [json.loads(line) for line in gold.read_text().splitlines()]
    items.append(
        {
            "id": "h1",
            "story": "111_222",
            "split": "heldout",
            "quantity": "death toll",
            "kind": "contradiction",
            "claims": [_claim("12", "111", "x"), _claim("19", "222", "y")],
        }
    )
    items.append(
        {
            "id": "h2",
            "story": "acme",
            "split": "heldout",
            "quantity": "workers",
            "kind": "contradiction",
            "claims": [_claim("3", "a", "x"), _claim("4", "b", "y")],
        }
    )
    gold.write_text("".join(json.dumps(item) + "\n" for item in items))  # fmt: skip
    report = evaluate_conflicts(gold, articles, pairs)
    assert report["left_out"] == 0
    assert report["splits"]["heldout"]["recall"] == 0.5  # the pair's toll, not the workers
    assert report["splits"]["heldout"]["shown"] == 1
    assert report["splits"]["dev"]["shown"] == 1  # the deal price, in a story with h2
    only_articles = evaluate_conflicts(gold, articles)
    assert only_articles["left_out"] == 1 and "1 quantities" in only_articles["text"]
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", "conflicts", str(gold), str(articles), str(pairs)])
    assert result.exit_code == 0 and "heldout: precision 1.000  recall 0.500" in result.output


def test_errors_lists_missed_and_wrong_disagreements_of_one_split(tmp_path):
    gold, articles = write(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", "conflicts", str(gold), str(articles), "--errors"])
    assert result.exit_code == 0, result.output
    assert "missed\tcheck\tg3\tpeople missing" in result.output
    assert "    three: x" in result.output
    args = ["eval", "conflicts", str(gold), str(articles), "--errors", "--split", "dev"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0 and "g3" not in result.output
    result = runner.invoke(cli, [*args[:-1], "nosuch"])
    assert result.exit_code == 2 and "no split named 'nosuch'" in result.output


def test_errors_list_a_wrong_disagreement_with_its_sentences(tmp_path):
    gold, articles = write(tmp_path)
    items = [json.loads(line) for line in gold.read_text().splitlines()]
    items[0]["kind"] = "rounding"
    gold.write_text("".join(json.dumps(item) + "\n" for item in items))
    result = CliRunner().invoke(cli, ["eval", "conflicts", str(gold), str(articles), "--errors"])
    assert "wrong\tdev\tg1\trounding" in result.output
    assert ARTICLES[1][3] in result.output
    report = evaluate_conflicts(gold, articles)
    assert [m["id"] for m in report["missed"]] == ["g3"]
