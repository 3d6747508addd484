"""Digest layouts told by structure: a dated log of announcements, a briefing of one-line
items under category headings, a list's lead-in over headed lists, a line inside a list.

Every text here is written for these tests.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newsbrief.eval.text import held_items
from newsbrief.ingest.files import read_file
from newsbrief.models import Article
from newsbrief.text.structure import HEADING, blocks_from_plain

SEEN = datetime(2025, 7, 1, tzinfo=UTC)

WHATS_NEW = """\
# What's new in Larkspeech

This page lists the latest releases of the Larkspeech transcription service.

## June 2025

### Larkspeech 3 model released

Larkspeech 3 is the new default transcription model of the Larkspeech service. It lowers the
word error rate on noisy phone calls by a fifth compared with Larkspeech 2.

### Diarization is now available in two new regions

Speaker diarization of the Larkspeech service is now available in:

### Canada Central

- `larkspeech-3` (0601)
- `larkspeech-2` (1204)

### Brazil South

- `larkspeech-3` (0601)
- `larkspeech-2` (1204)

Check the regions page for the latest availability of each Larkspeech model in each region.

### Batch jobs

Larkspeech batch jobs now accept audio files of up to four hours.

## May 2025

### Larkspeech 2 price cut

The price of the Larkspeech 2 transcription model falls by 30 percent in every region from
the first of May.

### Larkspeech SDK for Go

A Go client library for the Larkspeech transcription service is now in public preview, with
streaming support.

### Preview features

[!INCLUDE [preview](./includes/preview.md)]
"""

BRIEFING = """\
<html><head><title>Daily events: 3 March 2025</title></head><body>
<p><b>Business and economy</b></p>
<ul><li>Glencore agrees to buy a copper mine in Zambia from a Canadian rival for
$1.2 billion. (Reuters)</li>
<li>Japan's trade surplus narrows for the third month as car exports to Europe fall.
(Kyodo)</li></ul>
<p><b>Science and technology</b></p>
<ul><li>A Chinese rocket places four weather satellites in orbit from a launch pad on
Hainan island. (Xinhua)</li>
<li>Researchers in Zurich report a battery electrode that survives ten thousand charging
cycles. (AP)</li></ul>
<p><b>Sports and games</b></p>
<ul><li>Kenyan runner Ruth Chepngetich wins the Tokyo Marathon in two hours and sixteen
minutes. (AFP)</li>
<li>Norway's Magnus Carlsen withdraws from the Dutch chess tournament in Wijk aan Zee after
a dispute over the dress code. (BBC)</li></ul>
</body></html>
"""


def _read(tmp_path: Path, name: str, text: str) -> list[Article]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    found = list(read_file(path, SEEN))
    assert all(isinstance(a, Article) for a in found), found
    return [a for a in found if isinstance(a, Article)]


def test_a_dated_log_of_announcements_on_one_product_is_one_article_per_entry(tmp_path):
    articles = _read(tmp_path, "whats-new.md", WHATS_NEW)
    assert [a.title for a in articles] == [
        "Larkspeech 3 model released",
        "Diarization is now available in two new regions",
        "Batch jobs",
        "Larkspeech 2 price cut",
        "Larkspeech SDK for Go",
    ]
    # The regions the lead-in announces are the entry's own list, not entries.
    regions = articles[1].text
    assert "Canada Central" in regions and "Brazil South" in regions
    assert "Check the regions page" in regions
    # Every entry speaks of Larkspeech: without the date headings over them, the sections
    # share their subject and stay one article.
    undated = WHATS_NEW.replace("## June 2025\n", "").replace("## May 2025\n", "")
    (whole,) = _read(tmp_path, "undated.md", undated)
    assert whole.title == "What's new in Larkspeech"


def test_one_line_items_under_category_headings_are_one_briefing(tmp_path):
    (briefing,) = _read(tmp_path, "events.html", BRIEFING)
    assert briefing.title not in {"Business and economy", "Science and technology"}
    assert "Glencore" in briefing.text and "Carlsen" in briefing.text
    # The same categories over paragraphs of their own are a digest's stories.
    stories = BRIEFING.replace("<ul><li>", "<p>").replace("</li></ul>", "</p>")
    stories = stories.replace("</li>\n<li>", " ")
    assert len(_read(tmp_path, "stories.html", stories)) == 3


def test_a_line_between_two_items_stays_in_the_list():
    text = (
        "### Responsible AI\n\n"
        "- **New models**\n\n"
        "    - **Jailbreak detection**: Jailbreak attacks are prompts that try to break rules.\n\n"
        "    [Configure content filters](./how-to/content-filters.md)\n\n"
        "- **Blocklists**: Customers can now block a list of their own terms.\n"
    )
    headings = [b.text for b in blocks_from_plain(text, markdown=True) if b.kind == HEADING]
    assert headings == ["Responsible AI", "Jailbreak detection", "Blocklists"]  # and labels
    # A short line before a list still labels it.
    labelled = blocks_from_plain("Key takeaways\n\n- Prices fell.\n- Stocks rose.\n")
    assert [b.text for b in labelled if b.kind == HEADING] == ["Key takeaways"]


def test_an_item_labelled_twice_is_one_item_of_a_sentence():
    same = "No recent updates found in the last 14 days."
    assert len(held_items(same, [same, same])) == 1
    two = "Oil prices fell on Monday. Gold prices rose to a record."
    assert len(held_items(two, ["Oil prices fell on Monday", "Gold prices rose to a record"])) == 2
    assert held_items("Copper was flat.", ["Oil prices fell on Monday"]) == set()


JEKYLL_POST = """\
---
layout: post
title: "Weekly model notes: Qwen, Mistral and a court ruling"
date: 2025-06-27
tags:
  - weekly
  - models
---

Mistral released a small reasoning model under an open licence on Tuesday, and said it runs
on a single graphics card.
"""


def test_a_metadata_header_gives_title_and_date_and_is_no_text(tmp_path):
    (post,) = _read(tmp_path, "post.md", JEKYLL_POST)
    assert post.title == "Weekly model notes: Qwen, Mistral and a court ruling"
    assert post.published == datetime(2025, 6, 27, tzinfo=UTC)
    assert "layout" not in post.text and post.text.startswith("Mistral released")
    pelican = "Title: Notes from the field\nDate: 2024-03-02\nCategory: Notes\n\n" + (
        "Farmers in Kenya began using a drought model built by a Nairobi start-up this spring."
    )
    (note,) = _read(tmp_path, "note.md", pelican)
    assert (note.title, note.published) == (
        "Notes from the field",
        datetime(2024, 3, 2, tzinfo=UTC),
    )
    assert "Category" not in note.text
    # A rule over prose, or a first paragraph that opens on a label, is no header.
    ruled = "---\nThe council voted on Monday to close the old bridge for repairs.\n---\n"
    assert "council voted" in _read(tmp_path, "ruled.txt", ruled)[0].text
    label = "Note: the figures below are provisional.\nExports rose by 4 percent in May.\n"
    (provisional,) = _read(tmp_path, "label.txt", label)
    assert "provisional" in provisional.title + provisional.text


# A weekly development digest in standing rubrics: two rubrics of text, two that open on
# headed stories, two of one-liners or of nothing.
RUBRIC_DIGEST = """\
---
layout: post
title: Week Ending May 4, 2025
date: 2025-05-06 10:00:00 -0000
---

## Project News

The spring contributor meeting moves to Thursday, May 8, to avoid the public holiday. Agenda
items go in the shared planning document by Wednesday evening.

## Release Schedule

**Next Deadline: Feature freeze, May 15th**

Harbor 2.4.0-beta.1 is out for testing. Please file regressions against the beta milestone
before the freeze.

## Featured Changes

### [#4412: storage: compact snapshots in the background](https://example.org/pull/4412)

Snapshot compaction used to block writes for several seconds on large clusters. This change
moves compaction to a background worker with its own rate limit, so writes go on while old
snapshots are merged.

### [#4398: scheduler: spread replicas across zones](https://example.org/pull/4398)

New deployments now place their replicas in different availability zones unless the
operator opts out. Clusters with a single zone are not affected.

## Proposal of the Week

### [HEP-91: Signed Artifacts](https://example.org/hep/91)

This proposal would sign every release binary and container image with a key held by the
release team, and publish the signatures next to the downloads. It is tracked for alpha in
the next release.

## Other Merges

* Fix a race in the [lease renewer](https://example.org/pull/4420)
* [Stop logging tokens](https://example.org/pull/4417) at debug level
* The CLI [prints the cluster name](https://example.org/pull/4415) in its prompt

## Deprecated

*
"""

# A feature whose sections share its subject: one section introduces two subsections, and
# the last section is a list of one-liners.
FEATURE_WITH_LIST = """\
# How a small team rebuilt the city's bus timetable

Four developers at the city's transport office spent a year rebuilding the bus timetable
that riders check on their phones, and the city council now wants the same for the trams.

## The old timetable

The old timetable was a set of spreadsheets that drivers' unions and planners edited by hand.
Bus stop names were spelled three different ways, and trips changed without notice.

## Starting from the data

The team began by collecting every bus trip recorded by the vehicles' own location devices
over two months.

### Cleaning stop names

Each bus stop got one name and one number, agreed with the drivers and written on the signs
at the stops themselves.

### Matching trips to buses

The recorded trips were matched to the planned ones, which showed where the timetable had
promised departures that no bus could make.

## What riders noticed

Riders noticed fewer missed connections at the central station, and complaints about the
timetable fell by a third in the first month after the change.

## Timeline

* March: first data collected
* June: stop names agreed
* September: new timetable published
"""


def test_a_digest_in_rubrics_is_one_article_per_rubric_of_text_and_headed_story(tmp_path):
    articles = _read(tmp_path, "week.md", RUBRIC_DIGEST)
    assert [a.title for a in articles] == [
        "Project News",
        "Release Schedule",
        "#4412: storage: compact snapshots in the background",
        "#4398: scheduler: spread replicas across zones",
        "HEP-91: Signed Artifacts",
    ]
    assert "Harbor 2.4.0-beta.1" in articles[1].text
    assert all("lease renewer" not in a.text for a in articles)  # the one-liners' rubric
    assert len({a.id for a in articles}) == 5
    # A digest of one project, whose every story names it, is still a digest: its title
    # names an issue (a number), not the subject of one article.
    harbor = RUBRIC_DIGEST
    for before, after in (
        ("title: Week Ending May 4, 2025", "title: Harbor development notes, week 19"),
        ("The spring contributor", "The Harbor spring contributor"),
        ("Snapshot compaction used", "Harbor snapshot compaction used"),
        ("New deployments now", "New Harbor deployments now"),
        ("sign every release binary", "sign every Harbor release binary"),
    ):
        assert before in harbor
        harbor = harbor.replace(before, after)
    assert len(_read(tmp_path, "harbor.md", harbor)) == 5
    # Without its rubric of one-liners, two rubrics that open straight on their headed
    # stories still mark the layout (a feature's sections introduce their subsections).
    no_lists = RUBRIC_DIGEST.split("## Other Merges")[0]
    assert [a.title for a in _read(tmp_path, "no-lists.md", no_lists)] == [
        a.title for a in articles
    ]
    # One such rubric alone marks nothing: the rubrics of text are no stories.
    one_mark = no_lists.split("## Proposal of the Week")[0]
    assert "Project News" not in [a.title for a in _read(tmp_path, "one-mark.md", one_mark)]


def test_a_feature_with_subsections_and_a_list_stays_one_article(tmp_path):
    (feature,) = _read(tmp_path, "feature.md", FEATURE_WITH_LIST)
    assert feature.title == "How a small team rebuilt the city's bus timetable"
    assert "Matching trips to buses" in feature.text and "Stop names agreed" in feature.text
    # Subsections that open their section straight away are still a feature's, when its
    # sections have headlines rather than a roundup's short rubric names.
    direct = FEATURE_WITH_LIST.replace(
        "The team began by collecting every bus trip recorded by the vehicles' own location "
        "devices\nover two months.\n\n",
        "",
    )
    assert len(_read(tmp_path, "direct.md", direct)) == 1


def test_a_bold_label_with_its_colon_outside_is_a_label(tmp_path):
    text = "- **Blocklists**: Customers can now block a list of their own terms.\n"
    blocks = blocks_from_plain(text, markdown=True)
    assert [(b.kind, b.text) for b in blocks] == [
        (HEADING, "Blocklists"),
        ("item", "Customers can now block a list of their own terms."),
    ]
    # A log's entry that ends on such labelled items does not take in the next month's
    # entry, whose text opens on a list: a label inside a list announces nothing.
    log = (
        "# What's new in Larkspeech\n\n## June 2025\n\n### New safety filters for transcripts\n\n"
        "Two new filters screen every transcript of the Larkspeech service before it is "
        "returned to the customer who asked for it.\n\n"
        "- **Blocklists**: Customers can now block a list of their own terms. The list is "
        "checked before every transcript is returned, and a word on it is replaced by stars in "
        "the text that the customer receives.\n"
        "- **Profanity filter**: A filter for profane words is now on by default. It can be "
        "turned off for each project on its settings page, where the list of the words it "
        "removes can also be read.\n"
        "## May 2025\n\n### New fine-tuning models\n\n"
        "- `larkspeech-2` can now be fine-tuned on recordings of your own callers.\n"
        "- Fine-tuning is limited to two regions for now.\n\n"
        "### Larkspeech 2 price cut\n\n"
        "The price of the Larkspeech 2 model falls by 30 percent in every region from May.\n"
    )
    titles = [a.title for a in _read(tmp_path, "log.md", log)]
    assert "New fine-tuning models" in titles and "New safety filters for transcripts" in titles


def test_the_text_evaluation_reads_a_label_spaced_from_its_colon():
    from newsbrief.eval.text import _opens_on_label

    assert _opens_on_label("Blocklists : Customers can now block terms.", ["blocklists"])
    assert _opens_on_label("Blocklists: Customers can now block terms.", ["blocklists"])
    assert not _opens_on_label("Blocklists are lists of terms.", ["blocklists"])


TENSOR_MD = """\
# The Weekly Tensor, issue 81

Good morning. This week: a chip deal, a court ruling and two papers worth your time.

## Industry

**Arm signs a licensing deal with a Saudi chip start-up.** The British chip designer will
license its server cores to Alat, which plans a plant near Riyadh by 2027. Terms were not
disclosed.

**A Paris court fines a dating app for sharing location data.** The app must pay 2 million
euros and delete the data of users outside France within three months, the court ruled on
Tuesday.

## Research

[Sparse mixtures for speech](https://example.org/paper1) — Researchers in Zurich trained a
speech recogniser whose experts each handle one accent. It cut errors on Scottish English by a
fifth.

[Rain forecasts from radar alone](https://example.org/paper2) — A model trained only on radar
images predicts rain two hours ahead better than the weather service's own model, the authors
report.

## Quick hits

* Nvidia's shares rose 4 percent on Monday.
* A new open model tops a coding benchmark.
"""

TENSOR_HTML = """\
<html><head><title>The Weekly Tensor, issue 81</title></head><body>
<table><tr><td>
<h1>The Weekly Tensor, issue 81</h1>
<p>Good morning. This week: a chip deal, a court ruling and two papers worth your time.</p>
<h2>Industry</h2>
<p><b>Arm signs a licensing deal with a Saudi chip start-up.</b> The British chip designer will
license its server cores to Alat, which plans a plant near Riyadh by 2027. Terms were not
disclosed.</p>
<p><strong>A Paris court fines a dating app for sharing location data.</strong> The app must
pay 2 million euros and delete the data of users outside France within three months, the court
ruled on Tuesday.</p>
<h2>Research</h2>
<p><a href="https://example.org/paper1">Sparse mixtures for speech</a> — Researchers in Zurich
trained a speech recogniser whose experts each handle one accent. It cut errors on Scottish
English by a fifth.</p>
<p><a href="https://example.org/paper2">Rain forecasts from radar alone</a>: A model trained
only on radar images predicts rain two hours ahead better than the weather service's own model,
the authors report.</p>
<p><a href="https://example.org/openai">OpenAI</a> said on Monday that it would open an office
in Seoul next year.</p>
<h2>Quick hits</h2>
<ul><li>Nvidia's shares rose 4 percent on Monday.</li><li>A new open model tops a coding
benchmark.</li></ul>
<p>You received this e-mail because you subscribed. <a href="#">Unsubscribe</a></p>
</td></tr></table></body></html>
"""

TENSOR_TITLES = [
    "Arm signs a licensing deal with a Saudi chip start-up",
    "A Paris court fines a dating app for sharing location data",
    "Sparse mixtures for speech",
    "Rain forecasts from radar alone",
]


def test_entries_led_by_a_bold_or_linked_headline_under_rubrics_are_stories(tmp_path):
    for name, text in (("tensor.md", TENSOR_MD), ("tensor.html", TENSOR_HTML)):
        articles = _read(tmp_path, name, text)
        assert [a.title for a in articles] == TENSOR_TITLES, name
        # The headline is the title, not the first words of the text.
        assert articles[2].text.startswith("Researchers in Zurich"), name
        assert all("Nvidia's shares" not in a.text for a in articles), name
    # A link that opens a sentence, with no dash or colon after it, leads nothing.
    (block,) = blocks_from_plain("[OpenAI](https://example.org) said it would open an office.")
    assert block.lead is None and block.text.startswith("OpenAI said")


RUBRIC_DIGEST_HTML = """\
<html><head><title>Week Ending May 4, 2025</title></head><body>
<article>
<h1>Week Ending May 4, 2025</h1>
<h2>Project News</h2>
<p>The spring contributor meeting moves to Thursday, May 8, to avoid the public holiday. Agenda
items go in the shared planning document by Wednesday evening.</p>
<h2>Release Schedule</h2>
<p><strong>Next Deadline: Feature freeze, May 15th</strong></p>
<p>Harbor 2.4.0-beta.1 is out for testing. Please file regressions against the beta milestone
before the freeze.</p>
<h2>Featured Changes</h2>
<h3><a href="https://example.org/pull/4412">#4412: storage: compact snapshots in the
background</a></h3>
<p>Snapshot compaction used to block writes for several seconds on large clusters. This change
moves compaction to a background worker with its own rate limit, so writes go on while old
snapshots are merged.</p>
<h3><a href="https://example.org/pull/4398">#4398: scheduler: spread replicas across
zones</a></h3>
<p>New deployments now place their replicas in different availability zones unless the operator
opts out. Clusters with a single zone are not affected.</p>
<h2>Proposal of the Week</h2>
<h3><a href="https://example.org/hep/91">HEP-91: Signed Artifacts</a></h3>
<p>This proposal would sign every release binary and container image with a key held by the
release team, and publish the signatures next to the downloads. It is tracked for alpha in the
next release.</p>
<h2>Other Merges</h2>
<ul><li>Fix a race in the <a href="https://example.org/pull/4420">lease renewer</a></li>
<li><a href="https://example.org/pull/4417">Stop logging tokens</a> at debug level</li>
<li>The CLI <a href="https://example.org/pull/4415">prints the cluster name</a> in its
prompt</li></ul>
<h2>Deprecated</h2>
<ul><li></li></ul>
</article></body></html>

"""


def test_a_digest_in_rubrics_sent_as_html_is_read_the_same(tmp_path):
    articles = _read(tmp_path, "week.html", RUBRIC_DIGEST_HTML)
    assert [a.title for a in articles] == [
        "Project News",
        "Release Schedule",
        "#4412: storage: compact snapshots in the background",
        "#4398: scheduler: spread replicas across zones",
        "HEP-91: Signed Artifacts",
    ]
    assert all("lease renewer" not in a.text for a in articles)


# An issue of a community newsletter: headline sections that share the project's words (two
# of them report releases), then a section of one-paragraph news under a short name.
NEWSLETTER_ISSUE = """\
---
title: "Harbor Weekly — March 4th, 2025"
---

Welcome to the ninth issue of Harbor Weekly, the newsletter that covers what is happening
in the Harbor community.

Harbor 2.4.0-beta.1 is out
==========================

Mira Okafor announced the first beta release of Harbor 2.4, with background snapshot
compaction and a new warning for operators who run without backups. Download your copy
from the release page, but note that this is a beta release and bugs are expected.

Dockside 1.3 is out
===================

The Dockside team announced version 1.3 of its desktop client for Harbor. This release
brings offline mode, a simpler installer on Mac and Linux, and support for the new Harbor
beta. Download your copy from the website or use the built-in updater.

Harbor talk wins the community award
====================================

The talk that Jonas Reyes gave at the spring conference on running Harbor in hospitals won
the community award of the Open Infrastructure Foundation on Friday. The jury praised its
account of a year of outages and how the team learned from them.

Miscellaneous news
==================

Priya Nair released a security advisory for the Harbor web console. Operators who enabled
the console before February should upgrade to 2.3.7 as soon as possible.

The organisers of the autumn Harbor summit issued a call for talks, which closes on
April 15th.

* * * * *

This issue of Harbor Weekly has been assembled by Mira Okafor.
"""


def test_an_issue_of_a_newsletter_is_one_article_per_headline_section(tmp_path):
    articles = _read(tmp_path, "issue.md", NEWSLETTER_ISSUE)
    assert [a.title for a in articles] == [
        "Harbor 2.4.0-beta.1 is out",
        "Dockside 1.3 is out",
        "Harbor talk wins the community award",
        "Miscellaneous news",
    ]
    assert "Welcome to the ninth issue" not in " ".join(a.text for a in articles)
    # The same sections under an article's headline are one article: what the sections
    # share ("announced", "release", "download your copy") is then one subject.
    article = NEWSLETTER_ISSUE.replace(
        "Harbor Weekly — March 4th, 2025", "How the Harbor project ships its releases"
    )
    assert len(_read(tmp_path, "article.md", article)) == 1


RELEASE_ANNOUNCEMENT = """\
---
title: "Announcing Harbor 2.4.0"
---

The Harbor team is happy to announce a new version of Harbor, 2.4.0. Harbor is a storage
service for container images that teams run on their own machines.

## What's in 2.4.0

This release moves snapshot compaction to a background worker, so writes go on while old
snapshots are merged, and it spreads replicas across availability zones unless the
operator opts out. Clusters with a single zone are not affected. The command line tool now
prints the cluster name in its prompt, and tokens are no longer logged at debug level.

## Contributors to 2.4.0

Many people came together to create Harbor 2.4.0. We could not have done it without all
of you.
"""


def test_a_release_whose_sections_repeat_its_number_stays_one_article(tmp_path):
    (release,) = _read(tmp_path, "release.md", RELEASE_ANNOUNCEMENT)
    assert release.title == "Announcing Harbor 2.4.0"
    assert "background worker" in release.text


# A week in rubrics with no headed story: two rubrics of text, an empty rubric, rubrics of
# one-liners, and a rubric whose only text is a note about itself.
WEEK_WITHOUT_HEADED_STORIES = """\
---
title: Week Ending May 11, 2025
---

## Project News

The spring contributor meeting moved to Thursday to avoid the public holiday, and the
recording is now online. Agenda items for the next meeting go in the shared planning
document by Wednesday evening.

## Release Schedule

Harbor 2.4.0-beta.2 is out for testing, with fixes for the two regressions found in the
first beta. Please file regressions against the beta milestone before the feature freeze on
May 15th.

## Featured Changes

## Proposal of the Week

There is no Proposal of the Week this week. Check back next week!

## Other Merges

* Fix a race in the [lease renewer](https://example.org/pull/4420)
* [Stop logging tokens](https://example.org/pull/4417) at debug level
* The CLI [prints the cluster name](https://example.org/pull/4415) in its prompt
"""

# A roundup: a welcome, a rubric of a few sentences over its list, rubrics of one-liners.
ROUNDUP = """\
---
title: Harbor Links 57
---

Hello and welcome to another issue of Harbor Links, a weekly summary of the project and its
community.

## Posts

* [Running Harbor on a laptop](https://example.org/a). A guide for beginners.
* [Harbor and the hospital network](https://example.org/b).

## Call for Participation

Always wanted to contribute but did not know where to start? Every week we highlight some
tasks from the community for you to pick and get started, and some of them have mentors.

* [easy] [Add error explanations](https://example.org/c)
* [medium] [Make the installer smarter](https://example.org/d)

## Upcoming Events

* 6/1. Harbor community meeting
* 6/8. Harbor Berlin meetup
"""


def test_a_week_in_rubrics_without_headed_stories(tmp_path):
    articles = _read(tmp_path, "week.md", WEEK_WITHOUT_HEADED_STORIES)
    # The empty rubric marks a week's standing rubrics; the note about its own rubric is no
    # story, and the rubric of one-liners is the week's list.
    assert [a.title for a in articles] == ["Project News", "Release Schedule"]
    # Without the empty rubric nothing but rubrics of one-liners stand beside the rubrics of
    # text: a roundup's few sentences over its lists are no stories either.
    assert len(_read(tmp_path, "roundup.md", ROUNDUP)) == 1
    no_empty = WEEK_WITHOUT_HEADED_STORIES.replace("## Featured Changes\n\n", "")
    assert len(_read(tmp_path, "no-empty.md", no_empty)) == 1


def test_a_named_entry_that_leads_into_its_list_is_a_story(tmp_path):
    members = "\n".join(f"-   Member {name}" for name in "Ada Ben Cleo Dev Eli Fay Gus Hal".split())
    entry = (
        "After a long gap the council met on 12 December and settled several open questions.\n"
        "\n-   The code of conduct was confirmed\n-   The forum rules were confirmed\n\n"
        f"The council welcomes its new members:\n\n{members}\n"
    )
    week = WEEK_WITHOUT_HEADED_STORIES.replace(
        "## Featured Changes\n\n",
        f"## Featured Changes\n\n### Community Council Meeting\n\n{entry}\n"
        "### Snapshot compaction\n\nSnapshot compaction used to block writes for several "
        "seconds on large clusters, and now runs in the background.\n\n",
    )
    titles = [a.title for a in _read(tmp_path, "week.md", week)]
    assert "Community Council Meeting" in titles and "Snapshot compaction" in titles


def test_markdown_left_by_a_converter_reads_as_its_text():
    text = (
        "Intro line of the issue, which says what is in it.\n\n</p>\n<div\n"
        'style="border: 1px solid; float: right;">\n\n</p>\n'
        "General News\n------------\n\n</p>\n### Interview with Ben\n\n</p>\n"
        "How much time do \\*you\\* spend? Join \\#ubuntu-women, the poster costs \\$5, see "
        '[the page](http://example.org/ "title"){.external\n.free}. In Rust `Option<T>` '
        "stays.\n\n"
        "[http://example.org/poster.jpg](http://example.org/poster.jpg){.external .free}\n\n"
        "The quiz runs on Friday nights in the trivia channel.\n"
    )
    blocks = blocks_from_plain(text, markdown=True)
    assert [(b.kind, b.text) for b in blocks if b.kind == HEADING] == [
        (HEADING, "General News"),
        (HEADING, "Interview with Ben"),
    ]
    joined = " ".join(b.text for b in blocks)
    assert "<" not in joined.replace("Option<T>", "") and "{." not in joined
    assert "How much time do *you* spend? Join #ubuntu-women, the poster costs $5" in joined
    assert "Option<T>" in joined


def test_a_span_of_days_written_with_ordinal_dots_is_no_list():
    text = "Ausgabe 26 für den 12. - 31. Dezember 2006. In dieser Ausgabe geht es um das Quiz."
    assert [b.kind for b in blocks_from_plain(text)] == ["paragraph"]
    one_line = "Sales fell 12%, the chipmaker said. - By cutting prices, the company hopes to win."
    assert len(blocks_from_plain(one_line)) == 2
