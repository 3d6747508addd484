from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from conftest import FIXTURES, run_process, write_jsonl

from newsbrief.store import DB_NAME, Store

ROWS = [
    {"id": "a1", "title": "Quake hits Qeshm island", "text": "A strong quake hit Qeshm.",
     "url": "https://example.org/a1?utm_source=x", "source": "example.org",
     "published": "2008-09-10T08:00:00Z", "label": "q"},
    {"id": "a2", "title": "Earthquake on Qeshm", "text": "Villages were destroyed.",
     "url": None, "source": None, "published": None, "label": "q"},
]  # fmt: skip


def articles(home: Path) -> list[sqlite3.Row]:
    with Store(home / DB_NAME) as store:
        return list(store.conn.execute("SELECT * FROM articles ORDER BY rowid"))


def test_import_jsonl_then_again_adds_nothing(run, home, tmp_path):
    file = write_jsonl(tmp_path / "a.jsonl", ROWS)
    first = run("import", str(file))
    assert first.exit_code == 0, first.output
    assert "added 2, already present 0, failed 0" in first.output
    second = run("import", str(file))
    assert "added 0, already present 2, failed 0" in second.output
    rows = articles(home)
    assert [r["id"] for r in rows] == ["a1", "a2"]
    assert rows[0]["canonical_url"] == "https://example.org/a1"
    assert rows[0]["published"] == "2008-09-10T08:00:00+00:00"
    assert rows[1]["published"] is None and rows[1]["first_seen"]  # undated: import time


def test_import_text_markdown_and_html(run, home):
    for name in ("quake.txt", "heist.md", "page.html"):
        result = run("import", str(FIXTURES / "files" / name))
        assert "added 1" in result.output, result.output
    rows = {r["title"]: r for r in articles(home)}
    assert "Strong earthquake shakes island of Qeshm" in rows
    assert rows["Strong earthquake shakes island of Qeshm"]["text"].startswith("A magnitude 5.9")
    assert "Robbers steal jewels worth millions from Paris store" in rows  # '#' stripped
    page = rows["Navy foils pirate attack in Gulf of Aden"]
    assert "captured 23 pirates" in page["text"]
    assert "Subscribe" not in page["text"] and "All rights reserved" not in page["text"]


def test_import_folder_recursively_and_idempotently(run, tmp_path):
    folder = tmp_path / "news"
    shutil.copytree(FIXTURES / "files", folder / "nested")
    write_jsonl(folder / "more.jsonl", ROWS)
    first = run("import", str(folder))
    assert "added 5, already present 0, failed 0" in first.output
    again = run("import", str(folder))
    assert "added 0, already present 5, failed 0" in again.output


def test_bad_inputs_are_named_and_the_rest_still_imports(run, home, tmp_path):
    good = write_jsonl(tmp_path / "good.jsonl", ROWS)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "b1", "title": "Fine article", "text": "Body."}\n'
        "{not json\n"
        '{"id": "b3", "text": ""}\n'
        '["a list"]\n',
        encoding="utf-8",
    )
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes((FIXTURES / "binary.txt").read_bytes())
    missing = tmp_path / "missing.jsonl"
    result = run("import", str(bad), str(empty), str(binary), str(missing), str(good))
    assert result.exit_code == 0
    assert "added 3, already present 0, failed 6" in result.stdout
    errors = result.stderr.splitlines()
    assert f"failed: {bad}:2: invalid JSON" in errors[0]
    assert f"failed: {bad}:3: article has neither title nor text" == errors[1]
    assert f"failed: {bad}:4: expected a JSON object" == errors[2]
    assert errors[3] == f"failed: {empty}: empty file"
    assert errors[4] == f"failed: {binary}: not a text file (binary, or its charset unknown)"
    assert errors[5] == f"failed: {missing}: no such file or folder"
    assert {r["id"] for r in articles(home)} == {"b1", "a1", "a2"}


def test_a_missing_input_is_one_error_line_exit_2_and_no_data_folder(tmp_path):
    home = tmp_path / "home"
    missing = tmp_path / "nothing-here.txt"
    result = run_process("--home", str(home), "import", str(missing))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: {missing}: no such file or folder"]
    assert result.stdout == ""
    assert not home.exists()


def test_only_failures_exit_2_with_the_failures_listed(run, tmp_path):
    file = write_jsonl(tmp_path / "bad.jsonl", [{"text": 5}, {"title": True}])
    result = run("import", str(file))
    assert result.exit_code == 2
    assert f"failed: {file}:1: field 'text' must be a string, not the number 5" in result.stderr
    assert f"failed: {file}:2: field 'title' must be a string, not true/false" in result.stderr
    assert "nothing imported (2 failed)" in result.stderr


def test_unsupported_file_type_is_reported(run, tmp_path):
    file = tmp_path / "data.csv"
    file.write_text("a,b\n", encoding="utf-8")
    result = run("import", str(file))
    assert result.exit_code == 2
    assert f"{file}: unsupported file type .csv" in result.stderr


def test_fields_of_the_wrong_type_are_refused_by_line_and_the_others_import(run, home, tmp_path):
    rows = [
        {"id": "ok1", "title": "Fine", "text": "Body."},
        {"id": "n1", "text": 5},
        {"id": "n2", "title": "Listed", "text": "Body.", "source": ["a", "b"]},
        {"id": "n3", "title": "Dated", "text": "Body.", "published": 20130918},
        {"id": "n4", "title": "Linked", "text": "Body.", "url": {"href": "x"}},
        {"id": 7, "title": "A numbered id is fine", "text": "Body.", "label": 3},
        {"id": True, "title": "A true id is not", "text": "Body."},
    ]
    file = write_jsonl(tmp_path / "typed.jsonl", rows)
    result = run("import", str(file))
    assert result.exit_code == 0
    assert "added 2, already present 0, failed 5" in result.stdout
    assert result.stderr.splitlines() == [
        f"failed: {file}:2: field 'text' must be a string, not the number 5",
        f"failed: {file}:3: field 'source' must be a string, not a list",
        f"failed: {file}:4: field 'published' must be a string, not the number 20130918",
        f"failed: {file}:5: field 'url' must be a string, not an object",
        f"failed: {file}:7: field 'id' must be a string or a whole number, not true/false",
    ]
    got = {r["id"]: r for r in articles(home)}
    assert set(got) == {"ok1", "7"} and got["7"]["label"] == "3"


def test_a_date_a_feed_would_write_is_read_and_an_unreadable_one_is_named(run, home, tmp_path):
    rows = [
        {
            "id": "d1",
            "title": "Quake",
            "text": "Body.",
            "published": "Mon, 13 Jul 2009 10:00:00 GMT",
        },
        {"id": "d2", "title": "Fire", "text": "Body.", "published": "the day before yesterday"},
        {"id": "d3", "title": "Flood", "text": "Body.", "published": "2009-07-13 12:30"},
    ]
    file = write_jsonl(tmp_path / "dated.jsonl", rows)
    result = run("import", str(file))
    assert result.exit_code == 0 and "added 3, already present 0, failed 0" in result.stdout
    # Kept, undated rather than dated by its import, and the reader is told which line.
    assert result.stderr.splitlines() == [
        f"note: {file}:2: field 'published' 'the day before yesterday' is not a date; "
        "imported as undated"
    ]
    got = {r["id"]: r for r in articles(home)}
    assert got["d1"]["published"].startswith("2009-07-13T10:00:00")
    assert got["d2"]["published"] is None
    assert got["d3"]["published"].startswith("2009-07-13T12:30:00")


def test_a_date_stamp_is_no_headline(run, home, tmp_path):
    rows = [
        {"id": "s1", "title": "DECEMBER 16, 2008",
         "text": "Herald: Sox make offer to Teixeira\nMichael Silverman reports the offer.",
         "url": None, "source": None, "published": None},
        {"id": "s2", "title": "Posted: Nov 27, 2005 8: 20 AM ET Last Updated: Nov 27, 2005",
         "text": "Updated 11 / 27 / 2005 3: 41 PM\n\nStrong earthquake jolts southern Iran\n"
                 "The quake was felt in Oman.",
         "url": None, "source": None, "published": None},
        # A stamp with nothing that could be a headline after it stays the title.
        {"id": "s3", "title": "March 11, 2014, 8:57 pm", "text": "",
         "url": None, "source": None, "published": None},
    ]  # fmt: skip
    assert run("import", str(write_jsonl(tmp_path / "s.jsonl", rows))).exit_code == 0
    page = (
        "21 July 2013 Last updated at 11: 11 GMT\n\nWaitrose fire in Wellington tackled\n\nCrews.\n"
    )
    (tmp_path / "page.txt").write_text(page)
    assert run("import", str(tmp_path / "page.txt")).exit_code == 0
    got = {r["id"]: r for r in articles(home)}
    assert got["s1"]["title"] == "Herald: Sox make offer to Teixeira"
    assert got["s1"]["text"] == "Michael Silverman reports the offer."
    assert got["s2"]["title"] == "Strong earthquake jolts southern Iran"
    assert got["s2"]["text"] == "The quake was felt in Oman."
    assert got["s3"]["title"] == "March 11, 2014, 8:57 pm"
    titles = {r["title"] for r in got.values()}
    assert "Waitrose fire in Wellington tackled" in titles


def test_stamps_and_headlines_are_told_apart():
    from newsbrief.text.stamps import is_stamp

    for stamp in ("27 NOVEMBER, 2005", "11 / 28 / 05", "9 / 10 / 2010 @ 1: 19PM",
                  "10: 24 AM, MON 22 JUL 2013", "Last Updated: Monday, 28 November 2005",
                  "updated 8: 41 p. m. EST, Tue March 3, 2009", "8: 24am:"):  # fmt: skip
        assert is_stamp(stamp), stamp
    for headline in ("2013 Oscars: the winners", "Dow up 2.5% on jobs data", "Breaking news",
                     "Arch Madness: Creighton 65, Drake 5", "Apollo 11 at 50", "24",
                     "Live updates: March 3 primaries"):  # fmt: skip
        assert not is_stamp(headline), headline
