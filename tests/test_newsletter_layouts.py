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


SITE_SOURCE = """\
---
title: 'Harbour Weekly #12'
layout: newsletter
---
This week's issue covers a new crane at the container terminal.

{% include references.md %}
{% comment %}<script>
// count of items: 1
</script>{% endcomment %}

## News

- **New crane at the container terminal:** the port [announced][port news] a crane that
  lifts 80 tonnes, _the largest_ on the [river][]. It enters service in [May][may].

[port news]: https://example.org/news/crane
[may]: https://example.org/calendar
<!-- next week: the lock repairs -->
"""


def test_a_markdown_sources_template_tags_link_references_and_emphasis_are_no_text(tmp_path):
    path = tmp_path / "harbour.md"
    path.write_text(SITE_SOURCE, encoding="utf-8")
    (article,) = articles(path)
    assert "{%" not in article.text and "<script" not in article.text
    assert "<!--" not in article.text and "https://" not in article.text
    assert "announced a crane that lifts 80 tonnes, the largest on the river." in article.text
    # The label taken off, the entry's text opens like a sentence.
    assert "It enters service in May." in article.text
    assert "The port announced" in article.text


BULLETIN = """\
Harbour Authority Bulletin 3

Highlights
- Night pilotage: Pilots now guide ships into the harbour at night for the first time since 2019.
- Quay repairs: Work on the north quay ends in April, two months early, the authority said.
Other news
- Ferry timetable: The summer timetable adds two crossings a day from June.
- Fees: Berth fees rise by 4% from July, the first rise in three years.
"""

ONE_COLON = """\
Harbour reopens after storm

- The port authority said on Monday that the harbour would reopen.
- Officials said: the backlog of ships will take a week to clear, and pilots will work nights.
"""


def test_run_in_labels_of_list_items_are_headings_not_part_of_the_sentence():
    blocks = blocks_from_plain(BULLETIN)
    labels = [b.text for b in blocks if b.kind == HEADING and b.level == 7]
    assert labels == ["Night pilotage", "Quay repairs", "Ferry timetable", "Fees"]
    items = [b.text for b in blocks if b.kind == ITEM]
    assert items[0].startswith("Pilots now guide ships") and items[3].startswith("Berth fees")
    # A colon in one item alone is part of its sentence.
    one = blocks_from_plain(ONE_COLON)
    assert not [b for b in one if b.kind == HEADING and b.level == 7]


def test_an_editors_update_label_is_no_part_of_a_cited_sentence(tmp_path):
    text = (
        "# Harbour fees rise\n\n_**Update**: There is a newer version of this article._\n\n"
        "Berth fees at the harbour rise by 4% from July, the port authority said on Monday.\n\n"
        "Shipping lines said the rise would be passed on to customers within weeks.\n"
    )
    report = evaluate(
        tmp_path,
        {"fees.md": text},
        {"fees.md": {"stories": 1, "headings": ["Update"], "items": []}},
    )
    assert report["failures"]["headings"] == 0, report["details"]


ROUNDUP = """\
# This Week in Harbours 40

Welcome to another issue of the weekly roundup, edited by volunteers.

# News from the Community

Readers sent these links from ports around the continent lately.

- Rotterdam opens a new cruise terminal.
- Hamburg tests electric tugs.
- Antwerp measures its noise levels.
- Le Havre adds a rail link.
- Genoa dredges the old basin.
- Valencia trials a tide gauge.

# Decisions of the Board

Twelve motions were passed in the last two weeks by the members.

- raise berth fees (breaking change!)
- allow pilotage in winter
- fix the ferry timetable
- publish minutes within a week
- appoint a new pilot chief
- close the old quay

# Upcoming Events in Spring

Volunteers organise these meetings, and anyone may come along to them.

- Mar 3. Lisbon: dockside walk.
- Mar 9. Oslo: open day at the lock.
- Mar 17. Bergen: maritime film night.
- Apr 2. Cadiz: regatta briefing.
- Apr 8. Riga: port museum tour.
- Apr 20. Malta: harbour cleanup.
"""


def test_a_roundup_whose_sections_are_lists_of_one_liners_stays_one_article(tmp_path):
    # Each section opens on a sentence and is about something else, but is a list of
    # one-liners: a rubric of a roundup, not a story.
    path = tmp_path / "roundup.md"
    path.write_text(ROUNDUP, encoding="utf-8")
    assert len(articles(path)) == 1


ENTRIES = """\
---
title: 'Lighthouse Weekly #88'
---
This week's newsletter covers a fix for a lens fault, a debate about lamp colours and a
proposal for fog signals.

## News

- **Fix for a lens fault in older lighthouse controllers:**
  A keeper reported a fault in older lighthouse controllers that can stop the lens turning at
  dusk. Keepers are urged to update the controllers to version 4.2 before winter.

  The lighthouse board says other controllers found and fixed the same fault in 2021.

- **Debate about lamp colours in lighthouse lanterns:**
  Several keepers argued on the lighthouse list about whether lanterns should switch to white
  lamps. The first post describes the cost of red filters. A second post says white lamps
  confuse ships near harbours with bright quays.

## Proposals

- **Fog signals for lighthouses without keepers:**
  An engineer proposed a guide to fog signals for lighthouses that no keeper staffs. It splits
  the work into four steps, from survey to testing, and asks lighthouse owners for comments.
"""

LABELLED_ITEMS = """\
# Lighthouse controller 4.2 released

The lighthouse board released version 4.2 of its lantern controller on Monday, with three
changes that keepers had asked for.

- **Lens check:** The controller checks the lens turns before dusk.
- **Lamp colours:** Keepers can now set a red or a white lamp from the panel.
- **Fog signal:** The horn sounds when visibility falls under one mile.

The board said older controllers will get the changes next year.
"""


def test_newsletter_entries_under_bold_headlines_are_one_article_each(tmp_path):
    path = tmp_path / "lighthouse.md"
    path.write_text(ENTRIES, encoding="utf-8")
    found = articles(path)
    # Every entry speaks of lighthouses, keepers and lamps: the words they share do not make
    # them one story, the list they are written as makes them three.
    assert [a.title for a in found] == [
        "Fix for a lens fault in older lighthouse controllers",
        "Debate about lamp colours in lighthouse lanterns",
        "Fog signals for lighthouses without keepers",
    ]
    assert found[0].text.startswith("A keeper reported a fault")
    # One-sentence items under bold labels inside an article are that article's list.
    labelled = tmp_path / "release.md"
    labelled.write_text(LABELLED_ITEMS, encoding="utf-8")
    assert [a.title for a in articles(labelled)] == ["Lighthouse controller 4.2 released"]


RANKED = """\
Most-read harbour stories

The week's five most-read stories on the harbour site, with the editors' notes:

Rank Story Views Note
1 Night pilotage returns 48,210 Pilots guide ships in after dark for the first time since 2019.
2 Berth fees rise 31,877 The first rise in three years takes effect in July.
3 Lighthouse sold 29,004 A buyer from Bergen paid for the old light.
The keepers' cottage
was not part of the sale
4 Ferry timetable 17,650 Two more crossings a day from June.
5 Storm damage 12,093 The north quay lost a crane in the gale.

3 people were hurt when the crane fell, the harbour master said on Friday.
"""


def test_lines_that_open_on_ranks_counting_up_are_a_ranked_list():
    blocks = blocks_from_plain(RANKED)
    items = [b.text for b in blocks if b.kind == ITEM]
    assert len(items) == 5
    assert items[0] == (
        "Night pilotage returns 48,210 Pilots guide ships in after dark for the first time "
        "since 2019."
    )
    # A comment that runs on over lines stays with its row, and is no heading.
    assert items[2].endswith("The keepers' cottage was not part of the sale")
    assert not [b for b in blocks if b.kind == HEADING and "sale" in b.text]
    # A sentence that opens on a number, after the list, is a sentence.
    assert blocks[-1].kind == "paragraph" and blocks[-1].text.startswith("3 people were hurt")


ARTICLE_WITH_LIST = """\
# Parliament passes the budget after a night of votes

Parliament passed the government's budget early on Friday after a night of votes, ending a
month of talks between the coalition parties. The finance minister said the plan would cut the
deficit by a fifth over two years while raising spending on schools.

These are the main measures:

- **Higher credit for families with children:** Families receive 300 euros more a year for each
  child. The credit rises again in 2027, when it is also paid to students under 25 who live
  with their parents.
- **Cheaper medicines for pensioners:** Pensioners pay no more than 10 euros a month for
  prescribed medicines. Pharmacies get the difference from the state within a month.
- **New tax on short flights:** Flights under 500 kilometres carry a tax of 15 euros a ticket.
  Airlines say fares will rise and that some routes to small airports may close.
- **More teachers in rural schools:** The state hires 4,000 teachers for village schools over
  three years. Unions welcomed the plan but said the salaries would not draw young teachers.

The president is expected to sign the law next week.
"""


def test_a_list_an_article_leads_into_stays_in_the_article(tmp_path):
    # Entries under bold headlines about different things, but announced by the article's
    # own paragraph: the article's list, not a newsletter's stories.
    path = tmp_path / "budget.md"
    path.write_text(ARTICLE_WITH_LIST, encoding="utf-8")
    (article,) = articles(path)
    assert article.title == "Parliament passes the budget after a night of votes"
    assert "Pensioners pay no more than 10 euros a month" in article.text
