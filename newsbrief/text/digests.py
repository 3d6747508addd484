"""Titles of structured texts, and digests split into their stories.

A newsletter, an email or a page often carries several stories, each under its own heading
with its own paragraphs. Imported whole, its stories never join the reports they belong to. A
text is a digest when, at one heading level, it holds at least two *story sections* (a
headline-like heading over prose) that are about different subjects; each becomes an article
(title = heading, text = its paragraphs). An article with subheadings stays one article: its
sections share their subject ("Nvidia", "prices", "chips" run through all of them) or its
headings are section labels ("Why it matters", "What happens next?"). Overview, takeaway,
keyword, sponsor and link-list sections are not stories and are dropped from a digest.

Two layouts are told by structure rather than by subject. Headline sections grouped under date
headings ("May 2024", "April 2024") are a log of announcements, a "what's new" page or a
changelog: each is its own story even though all of them speak of the same product. Sections
that hold only list items, with no paragraph under any of them, are a briefing of one-line
items grouped by category ("Arts and culture", "Law and crime"): one article, as a bulleted
briefing without headings is.

A bulleted briefing without headings (each item opening with a bold headline) is read the same
way, with the bold lead-ins as headings.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from dataclasses import dataclass, replace
from itertools import pairwise

from newsbrief.text import korean
from newsbrief.text.boilerplate import clean_sentence
from newsbrief.text.sentences import split_sentences
from newsbrief.text.stamps import is_stamp
from newsbrief.text.structure import HEADING, ITEM, ITEM_LABEL_LEVEL, PARAGRAPH, Block
from newsbrief.text.tokens import count_words, words
from newsbrief.text.wordlists import (
    calendar_words,
    function_words,
    is_known_label,
    is_not_story_heading,
    normal_label,
    section_labels,
)

MIN_STORY_WORDS = 12  # prose under a heading for it to be a story, not a label or a link
MIN_HEADLINE_WORDS, MAX_HEADLINE_WORDS = 3, 25
SAME_SUBJECT = 0.1  # median closest-section overlap at or above which sections share a subject
MIN_STORY_SHARE = 0.5  # story sections must hold at least this share of the prose
MIN_SENTENCE_WORDS = 5  # a sentence of its own makes a short headline section a digest's story
MIN_DATE_GROUPS = 2  # date headings over the stories for them to be a log of announcements
SENTENCE_ENDS = (".", "!", "?", "。")  # the ideographic full stop ends a Chinese or Japanese one
LONG_ITEM_WORDS = 25  # a list item this long is an entry written in sentences, not a one-liner


@dataclass
class Part:
    """One story of a digest."""

    title: str
    blocks: list[Block]
    anchor: str


def is_section_label(heading: str, language: str = "en") -> bool:
    """A heading that says what kind of text follows ("Why it matters?"), not its subject."""
    label = normal_label(heading)
    if not label:
        return True
    if label in section_labels(language):
        return True
    tokens = heading.split()
    if heading.rstrip().endswith(("?", "？")) and count_words(heading) <= 8:
        # A question with no name or figure in it is generic: "How did we get here?"
        specific = any(t[:1].isupper() or any(c.isdigit() for c in t) for t in tokens[1:])
        return not specific
    return False


def _is_not_story(heading: str, language: str) -> bool:
    return is_not_story_heading(heading, language)


def _prose(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.kind in (PARAGRAPH, ITEM)]


def _word_count(blocks: list[Block]) -> int:
    return sum(count_words(b.text) for b in _prose(blocks))


def document_title(
    blocks: list[Block], given: str, language: str = "en"
) -> tuple[str, list[Block]]:
    """(title, body): the given title, else the first heading that is a headline, else the
    first line; a heading that repeats the title is taken out of the body.

    A section label or a question heading that the text repeats in kind ("What is the AI
    Act?" over "Why does it matter?") opens the body; it is no title.
    """
    body = list(blocks)
    first = next((i for i, b in enumerate(body) if b.kind == HEADING), None)
    lead_heading = first is not None and not _prose(body[:first])
    if given:
        if lead_heading and first is not None and _same_text(body[first].text, given):
            del body[first]
        return given, body
    if lead_heading and first is not None:
        heading = body[first].text
        questions = sum(
            1 for b in body if b.kind == HEADING and b.text.rstrip().endswith(("?", "？"))
        )
        is_title = not is_section_label(heading, language) and not (
            heading.rstrip().endswith(("?", "？")) and questions >= 2
        )
        if is_title and count_words(heading) <= MAX_HEADLINE_WORDS:
            del body[first]
            return heading, body
    prose = _prose(body)
    if not prose:
        return (body[0].text if body else ""), body
    first_sentence = next(iter(split_sentences(prose[0].text)), prose[0].text)
    return first_sentence[:300], body


def _same_text(a: str, b: str) -> bool:
    return words(a) == words(b)


# sections and subjects ---------------------------------------------------------------------


@dataclass
class _Section:
    heading: Block
    blocks: list[Block]


def _sections(blocks: list[Block], level: int, language: str) -> list[_Section]:
    """Sections opened by headings of ``level``; a higher heading, or the heading of an
    overview, source list or sponsor block at any level, closes a section."""
    out: list[_Section] = []
    current: _Section | None = None
    for block in blocks:
        closes = block.kind == HEADING and _is_not_story(block.text, language)
        if block.kind == HEADING and (block.level <= level or closes):
            current = _Section(block, []) if block.level == level else None
            if current is not None:
                out.append(current)
            continue
        if current is not None:
            current.blocks.append(block)
    return out


_META_SEPARATOR = re.compile(r"\s[·|•/]\s|[·|]")


def is_headline(heading: str, language: str = "en") -> bool:
    """A heading that reads as a story's headline: a few words of text, not a label, a date,
    a byline, a name alone or a line in capitals."""
    if is_section_label(heading, language) or _is_not_story(heading, language):
        return False
    if not MIN_HEADLINE_WORDS <= count_words(heading) <= MAX_HEADLINE_WORDS:
        return False
    if heading.rstrip().endswith(
        (".", ":", ";", ",", "?", "：", "；", "，", "？")
    ) and not heading.endswith("..."):
        # A sentence, a list's lead-in, or a question: explainers and interviews ask them
        return False
    if _META_SEPARATOR.search(heading) or heading.lstrip().startswith(("Q:", "A:")):
        return False  # "Text: Jane Doe · 11 October", "Home | News"
    if _in_capitals(heading) or is_stamp(heading):
        return False  # a line in capitals
    return clean_sentence(heading) is not None  # no byline, credit, stamp or call to action


def _in_capitals(line: str) -> bool:
    """Whether every letter of a line is a capital ("QUICK HITS"). Letters of scripts without
    capitals (Korean, Chinese, Arabic) are no capitals: "카카오, AI 비서 유료화" is a headline
    with an acronym in it, not a line in capitals."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _is_story(section: _Section, language: str) -> bool:
    if not is_headline(section.heading.text, language):
        return False
    prose = _prose(section.blocks)
    words = _word_count(section.blocks)
    if words < MIN_STORY_WORDS:
        return False
    # A section that is mostly a list of one-liners is a roundup's rubric ("Updates from Rust
    # Core": merged changes, one line each), however its few sentences read; a story of a
    # newsletter written as a list entry runs to sentences of its own, and counts as prose.
    one_liners = sum(
        count_words(b.text)
        for b in prose
        if b.kind == ITEM and count_words(b.text) < LONG_ITEM_WORDS
    )
    if one_liners > words / 2 and not _opens_on_its_report(section):
        return False
    # A list of short items is a table of contents, a keyword list or a link list.
    return any(count_words(b.text) >= 8 for b in prose)


_TERM = re.compile(r"[^\W\d_][\w'’-]*")
# An address written out ("<http://behindubuntu.org/interviews/>", "www.example.com/news")
# names no subject: its "http", "www" and "org" would make every story of a digest that
# gives its links look like every other.
_ADDRESS = re.compile(r"<?\b(?:https?://|www\.)\S+", re.IGNORECASE)
PREFIX = 6  # letters a word is known by: a stemmer for any language, crude but even-handed


def _subject(section: _Section, language: str) -> set[str]:
    """The section's content words, each cut to its first letters (any script)."""
    text = section.heading.text + ". " + " ".join(b.text for b in _prose(section.blocks))
    text = _ADDRESS.sub(" ", text)
    stop = function_words(language)
    # A Korean noun is written with its particle ("환경부는") and a clause ends on its verb
    # ("밝혔다", "said"): the noun is the term, and verbs say nothing of the subject.
    found = (korean.noun(w.lower()) for w in _TERM.findall(text) if not korean.is_predicate(w))
    # Two Hangul syllables make a word ("국회", "평택"), as two Latin letters do not.
    return {
        w[:PREFIX]
        for w in found
        if (len(w) > 2 or (len(w) == 2 and korean.is_hangul(w))) and w not in stop
    }


def subject_overlap(stories: list[_Section], language: str) -> float:
    """How much the sections share their subject: the median, over sections, of the cosine
    between its terms (words and names) and those of the section closest to it."""
    subjects = [_subject(s, language) for s in stories]
    closest = []
    for i, terms in enumerate(subjects):
        best = 0.0
        for j, other in enumerate(subjects):
            if i != j and terms and other:
                best = max(best, len(terms & other) / math.sqrt(len(terms) * len(other)))
        closest.append(best)
    return statistics.median(closest)


def _without_overview(stories: list[_Section], language: str) -> list[_Section]:
    """The sections less an opening one that touches on two or more of the others ("This
    week: a chip plant in Arizona, a price cut for speech models and a court ruling"): an
    issue's overview under its masthead, not a story."""
    if len(stories) < 3:
        return stories
    subjects = [_subject(s, language) for s in stories]
    first = subjects[0]
    touched = sum(
        1
        for other in subjects[1:]
        if first
        and other
        and len(first & other) / math.sqrt(len(first) * len(other)) >= SAME_SUBJECT
    )
    return stories[1:] if touched >= 2 else stories


def _different_subjects(stories: list[_Section], language: str) -> bool:
    return subject_overlap(stories, language) < SAME_SUBJECT


def _with_lead_headings(blocks: list[Block]) -> list[Block]:
    """Bold lead-ins that are headlines ("**Fed holds rates.** The bank ...") as headings."""
    out: list[Block] = []
    for block in blocks:
        lead = block.lead
        if block.kind != HEADING and lead and not lead.endswith((":", "：")):
            rest = block.text[len(lead) :].strip() if block.text.startswith(lead) else block.text
            rest = rest.lstrip("—–-: ") if rest[:1] in "—–-:" else rest  # a linked lead's dash
            out.append(Block(HEADING, lead.rstrip(".").strip(), 7))
            if rest:
                out.append(replace(block, text=rest, lead=None, kind=PARAGRAPH))
        else:
            out.append(block)
    return out


def split_digest(blocks: list[Block], language: str = "en", title: str = "") -> list[Part]:
    """The stories of a digest, one per story section; [] when the text is one article.

    ``title`` is the text's own title: sections that all carry one of its words are about
    the one subject it names ("How a small team rebuilt the city's bus timetable" over
    sections that each speak of the timetable), as a digest's sections are not.
    """
    subject = _title_terms(title, language)
    rubrics = _rubric_stories(blocks, language)
    if rubrics and not _share_title_subject(rubrics, subject, language):
        return _parts(rubrics)
    for candidate in (blocks, _with_lead_headings(blocks)):
        parts = _split_at_best_level(candidate, language, subject, title)
        if parts:
            return parts
    return _parts(_report_items(blocks, language, subject, title))


MIN_REPORT_SENTENCES = 2  # sentences of a list item for it to be a report, not a one-liner


def _report_items(
    blocks: list[Block], language: str, subject: set[str], title: str
) -> list[_Section]:
    """A list without headlines whose items are each a report ("• The European Central Bank
    cut ... Lagarde said ... • Boeing delivered ... • A magnitude 6.1 earthquake ..."), on one
    line or one a line, as stories headed by their first sentences; [] for any other text.

    Decided by structure as headed stories are: every item of the text is written in
    sentences (two or more, as long as an entry is), the items hold most of its prose, and
    they are about different subjects. A briefing of one-line items stays one article, and
    so does a list of one story's details, whose items share its subject."""
    items = [b for b in blocks if b.kind == ITEM]
    if len(items) < 2 or any(b.kind == HEADING and not b.inferred for b in blocks):
        return []
    firsts = []
    for item in items:
        sentences = split_sentences(item.text)
        if len(sentences) < MIN_REPORT_SENTENCES or count_words(item.text) < LONG_ITEM_WORDS:
            return []
        firsts.append(sentences[0])
    if _word_count(items) < MIN_STORY_SHARE * _word_count(blocks):
        return []
    stories = [
        _Section(Block(HEADING, first.rstrip(".").strip(), ITEM_LABEL_LEVEL), [item])
        for first, item in zip(firsts, items, strict=True)
    ]
    if not _different_subjects(stories, language):
        return []
    if _share_title_subject(stories, subject, language) or _share_title_number(stories, title):
        return []
    return stories


def _title_terms(title: str, language: str) -> set[str]:
    """The content words of a headline, cut as ``_subject`` cuts them. A title with a number in
    it names an issue ("Bitcoin Optech Newsletter #344", "Week Ending June 16, 2024", "This
    Week in Matrix 2024-06-14"), and the field it names runs through every story of the
    issue: no subject of one article, so no terms."""
    if any(c.isdigit() for c in title):
        return set()
    stop = function_words(language) | calendar_words(language)
    found = (w.lower() for w in _TERM.findall(title))
    return {w[:PREFIX] for w in found if len(w) > 2 and w not in stop}


def _share_title_subject(stories: list[_Section], subject: set[str], language: str) -> bool:
    """Whether one word of the title runs through two thirds of the sections or more."""
    if not subject or len(stories) < 2:
        return False
    needed = max(2, math.ceil(2 * len(stories) / 3))
    terms = [_subject(s, language) for s in stories]
    return any(sum(1 for t in terms if word in t) >= needed for word in subject)


_ISSUE_NUMBER = re.compile(r"#\s?\d+\b")
_MASTHEAD_SEPARATOR = re.compile(r"\s[—–|-]\s|:\s")


def _names_issue(title: str) -> bool:
    """Whether a title names an issue of a periodical: its masthead and a number
    ("KWN #26", "Bitcoin Optech Newsletter #344") or a date set off from it ("Tor Weekly News
    — February 25th, 2015", "AI Briefing - 2026-01-12"). A headline that ends on a date it
    runs into ("Registry frozen from the 3rd of April 2023") names no issue."""
    if _ISSUE_NUMBER.search(title):
        return True
    parts = _MASTHEAD_SEPARATOR.split(title)
    masthead = parts[0].strip()
    # A label before the date ("Update: March 3, 2024", "Correction — 3 May") dates a change
    # to one article; it names no periodical.
    return (
        len(parts) > 1 and bool(masthead) and not is_known_label(masthead) and is_stamp(parts[-1])
    )


_NUMBER = re.compile(r"\d[\w.,-]*\w|\d")


def _share_title_number(stories: list[_Section], title: str) -> bool:
    """Whether every section's heading repeats a number of the title: "What's in 1.50.0
    stable" and "Contributors to 1.50.0" under "Announcing Rust 1.50.0" are parts of the one
    release the title names. An issue's number or date ("Week Ending June 12, 2022") is not
    repeated over its stories."""
    numbers = set(_NUMBER.findall(title))
    return bool(numbers) and all(numbers & set(_NUMBER.findall(s.heading.text)) for s in stories)


# rubrics ------------------------------------------------------------------------------------

RUBRIC_MAX_WORDS = 6  # a rubric names a kind of news ("Featured PRs"), it is no headline
MIN_RUBRICS = 3


def _rubric_stories(blocks: list[Block], language: str) -> list[_Section]:
    """The stories of a digest laid out in rubrics, [] when the text is not one.

    A weekly digest often files its news under standing rubrics ("Developer News", "Release
    Schedule", "Featured PRs", "Other Merges"): some rubrics hold text of their own, some
    open straight on headed stories (a rubric heading, then "### #4412: compact snapshots
    ..." and its paragraphs), some hold only one-line items or nothing. Such a text is a
    digest: each headed story is a story, and so is each rubric with text of its own (unless
    that text is only a note about the rubric); the rubrics of one-liners are the digest's
    lists, not stories. A standing rubric must be there: one that opens on its headed stories
    with no text of its own before them (a feature's section introduces its subsections), or
    one with nothing under it (a feature has no empty section); and a second mark beside it:
    another standing rubric, or a rubric of one-liners (a feature's sections are prose). A
    rubric of text beside rubrics of one-liners is not enough: a roundup such as This Week in
    Rust writes a few sentences over its lists. All the sections at the rubrics' level must
    have short, unpunctuated names: a question or a headline opens an explainer's section.
    """
    levels = sorted({b.level for b in blocks if b.kind == HEADING and _written_heading(b)})
    for level in levels:
        sections = [s for s in _sections(blocks, level, language) if _written_heading(s.heading)]
        if len(sections) < MIN_RUBRICS:
            continue
        if not all(_is_rubric_name(s.heading.text, language) for s in sections):
            continue
        stories: list[_Section] = []
        standing = lists = 0
        for section in sections:
            headed = _headed_stories(section, language)
            if headed:
                stories += headed
                standing += 1
            elif not section.blocks:
                standing += 1  # a standing rubric with no news this time
            elif _is_list_rubric(section):
                lists += 1
            elif _says_something(section, language) and not _notes_itself(section):
                stories.append(section)
        if standing and standing + lists >= 2 and len(stories) >= 2:
            return stories
    return []


def _notes_itself(section: _Section) -> bool:
    """Whether a rubric's only text is a note about the rubric ("Sadly, there was no
    suggestion for this week's Crate of the Week.", "Änderungen in Feisty werden in dieser
    Woche ausgesetzt."): a short text that names its own rubric speaks of the newsletter, not
    of news."""
    prose = _prose(section.blocks)
    if _word_count(section.blocks) >= LONG_ITEM_WORDS or len(prose) > 2:
        return False
    name = " ".join(words(section.heading.text)).lower()
    return (
        bool(name)
        and f" {name} " in f" {' '.join(words(' '.join(b.text for b in prose))).lower()} "
    )


def _written_heading(block: Block) -> bool:
    """A heading the text writes as one: no label taken off an item or a paragraph."""
    return block.level < ITEM_LABEL_LEVEL and not block.entry


def _is_rubric_name(heading: str, language: str) -> bool:
    if not 1 <= count_words(heading) <= RUBRIC_MAX_WORDS or is_stamp(heading):
        return False
    if heading.rstrip().endswith((".", "?", "!", ":", ";", ",")):
        return False
    return not _is_not_story(heading, language) and any(c.isalpha() for c in heading)


def _headed_stories(section: _Section, language: str) -> list[_Section]:
    """The headed stories a rubric opens on: its first block is a heading of a lower level,
    and each heading of that level has a story's text under it."""
    first = section.blocks[0] if section.blocks else None
    if first is None or first.kind != HEADING or not _written_heading(first):
        return []
    subsections = _sections(section.blocks, first.level, language)
    return [s for s in subsections if _is_headed_story(s, language)]


def _is_headed_story(section: _Section, language: str) -> bool:
    """A named entry under a rubric ("KEP-647: APIServer Tracing") with prose of its own: a
    name of two words is enough there, where a digest's headline needs three."""
    heading = section.heading.text
    if count_words(heading) > MAX_HEADLINE_WORDS or heading.rstrip().endswith(("?", ":")):
        return False
    if is_section_label(heading, language) or _is_not_story(heading, language):
        return False
    if _word_count(section.blocks) < MIN_STORY_WORDS:
        return False
    if _mostly_one_liners(section.blocks) and not _leads_its_list(section):
        return False
    return _says_something(section, language)


def _opens_on_its_report(section: _Section) -> bool:
    """Whether a section opens on a paragraph as long as a report's lead ("The European
    Commission fined Meta €1.3 billion on Monday for ...") before its list: the list then
    gives the story's details ("- Meta has 10 working days to ..."), where a roundup's rubric
    opens on a line about its list ("123 pull requests were merged last week")."""
    first = next((b for b in section.blocks if b.kind != HEADING), None)
    return (
        first is not None and first.kind == PARAGRAPH and count_words(first.text) >= LONG_ITEM_WORDS
    )


def _leads_its_list(section: _Section) -> bool:
    """Whether a named entry opens on a paragraph of its own before its list ("Nach einer
    sehr langen Lücke ist der Community Council ... zusammengekommen." over the decisions and
    the new members): the list is the entry's, as a rubric's bare list of one-liners is not."""
    first = next((b for b in section.blocks if b.kind != HEADING), None)
    return (
        first is not None
        and first.kind == PARAGRAPH
        and count_words(first.text) >= MIN_SENTENCE_WORDS
    )


def _mostly_one_liners(blocks: list[Block]) -> bool:
    words = _word_count(blocks)
    one_liners = sum(
        count_words(b.text)
        for b in _prose(blocks)
        if b.kind == ITEM and count_words(b.text) < LONG_ITEM_WORDS
    )
    return one_liners > words / 2


def _is_list_rubric(section: _Section) -> bool:
    """A rubric of one-line items ("Other Merges"), or of nothing at all (an empty "*")."""
    prose = _prose(section.blocks)
    return _word_count(section.blocks) < MIN_SENTENCE_WORDS or (
        bool(prose) and _mostly_one_liners(section.blocks)
    )


def _leads_into_its_list(section: _Section) -> bool:
    """Whether a sentence of the section leads into the section's own list ("Changes in
    Rosetta from 3 September to 31 December:" over its figures): it says the story's one
    thing, the list gives the rest."""
    prose = _prose(section.blocks)
    return any(
        block.kind == PARAGRAPH
        and block.text.rstrip().endswith(":")
        and count_words(block.text) >= MIN_SENTENCE_WORDS
        and after.kind == ITEM
        for block, after in pairwise(prose)
    )


def _says_something(section: _Section, language: str) -> bool:
    """Whether a section has a sentence of its own: a rubric of text, or a headed story."""
    if is_section_label(section.heading.text, language):
        return False
    if _leads_into_its_list(section):
        return True
    for block in _prose(section.blocks):
        for sentence in split_sentences(block.text):
            if count_words(sentence) >= MIN_SENTENCE_WORDS and sentence.rstrip().endswith(
                SENTENCE_ENDS
            ):
                return True
    return False


def _split_at_best_level(
    blocks: list[Block], language: str, subject: set[str], title: str = ""
) -> list[Part]:
    total = _word_count(blocks)
    best: list[_Section] = []
    for level in sorted({b.level for b in blocks if b.kind == HEADING}):
        sections = _with_announced_lists(_sections(blocks, level, language), language)
        stories = [s for s in sections if _is_story(s, language)]
        if len(stories) < 2 or len(stories) < len(best):
            continue
        if not any(b.kind == PARAGRAPH for s in stories for b in s.blocks) and not (
            _listed_entries(stories, blocks)
        ):
            continue  # one-line items grouped by category: a briefing, not a digest
        if any(s.heading.entry and not _opens_a_section(blocks, s.heading) for s in stories):
            continue  # a list the article's own text leads into: the article's list
        dated = _under_dates(blocks, level, stories)
        issue = _names_issue(title)
        # Entries of a list, each written in sentences under a bold headline (a newsletter's
        # "- **Title:** text ..."), are one story each whatever words they share, as the
        # entries of a log under dates are: the writer listed them one by one. So are the
        # headline sections of an issue (a title "Tor Weekly News — February 25th, 2015"):
        # a periodical's stories share its field's words (two releases reported in one issue
        # both "announced" a "release" to "download").
        listed = _listed_entries(stories, blocks)
        if not (dated or listed):
            stories = _without_overview(stories, language)
            # Two sections need to be further apart than several, also when two are left
            # once an opening section is set aside as an overview.
            if (
                not issue
                and len(stories) == 2
                and subject_overlap(stories, language) >= SAME_SUBJECT / 2
            ):
                continue
        # As many sections above as entries below them: the entries, each under its own
        # headline, are the stories; the sections are the rubrics that hold them.
        if (
            len(stories) < 2
            or len(stories) < len(best)
            or (len(stories) == len(best) and not listed)
        ):
            continue
        held = sum(_word_count(s.blocks) for s in stories)
        if held < MIN_STORY_SHARE * (_competing_words(blocks, stories) if listed else total):
            continue
        if not (dated or listed or issue) and _share_title_subject(stories, subject, language):
            continue
        if not (dated or listed) and _share_title_number(stories, title):
            continue
        if dated or listed or issue or _different_subjects(stories, language):
            best = _with_short_stories(sections, stories, dated or issue, language)
    return _parts(best)


def _competing_words(blocks: list[Block], stories: list[_Section]) -> int:
    """The words of the stories and of the paragraphs outside them. A newsletter that lists
    its news as entries goes on to lists of one-paragraph items (releases, merged changes):
    those lists are no article's prose, however long, and do not outweigh the entries."""
    inside = {id(b) for s in stories for b in s.blocks}
    outside = [b for b in blocks if b.kind == PARAGRAPH and id(b) not in inside]
    return sum(_word_count(s.blocks) for s in stories) + _word_count(outside)


_ENUMERATOR = re.compile(r"^\(?(\d{1,2})[.)]\s+(?=\S)")


def _counted(headings: list[str]) -> bool:
    """Whether the headings are numbered 1, 2, 3 ... in order ("1. Telefónica negocia ..."):
    the numbers count the digest's stories and are no part of their headlines. A heading that
    opens on a day ("3. März: ...") is not one of a count from 1."""
    numbers = [_ENUMERATOR.match(h) for h in headings]
    return len(headings) >= 2 and all(
        m is not None and int(m.group(1)) == i for i, m in enumerate(numbers, start=1)
    )


def _parts(stories: list[_Section]) -> list[Part]:
    counted = _counted([s.heading.text for s in stories])
    parts = []
    used: set[str] = set()
    for section in stories:
        anchor = section.heading.anchor or slug(section.heading.text)
        base, n = anchor, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        title = section.heading.text
        title = _ENUMERATOR.sub("", title) if counted else title
        parts.append(Part(title.rstrip(":").strip(), section.blocks, anchor))
    return parts


def _listed_entries(stories: list[_Section], blocks: list[Block]) -> bool:
    """Whether every story is a list entry under its bold headline, written in two sentences
    or more of its own (the lists open sections of their own: see ``_opens_a_section``)."""
    return all(
        s.heading.entry
        and _word_count(s.blocks) >= LONG_ITEM_WORDS
        and sum(len(split_sentences(b.text)) for b in _prose(s.blocks)) >= 2
        for s in stories
    )


def _opens_a_section(blocks: list[Block], entry: Block) -> bool:
    """Whether an entry's headline follows another entry of its list, or a heading written as
    one (a rubric such as "News", not a plain line taken for a heading) with at most one line
    of description between them. A list that an article's own paragraphs lead into ("These
    are the main measures:") is that article's list, not a newsletter's."""
    at = next(i for i, b in enumerate(blocks) if b is entry)
    between = 0
    items = False  # whether list items lie between the entry and the block looked at
    for block in reversed(blocks[:at]):
        if block.kind == HEADING and block.level <= entry.level:
            if block.entry and block.level == entry.level:
                return True  # the list goes on
            if block.inferred:
                # A plain line taken for a heading opens the list only right above it, and
                # not as a lead-in ("These are the main measures:"): a plain-text copy of a
                # newsletter keeps its rubric ("News") as a bare line over the entries.
                return between == 0 and not block.lead_in
            return between <= 1
        if block.kind == HEADING:
            continue  # a label inside the entry before (its nested list's labels)
        if block.kind == PARAGRAPH and block.text.rstrip().endswith(":") and not items:
            return False  # (a lead-in with items after it announced those items)
        items = items or block.kind == ITEM
        between += 1
    return False


def _with_announced_lists(sections: list[_Section], language: str) -> list[_Section]:
    """Sections whose text ends on a lead-in ("Fine-tuning is now available in:") with the
    headed lists that follow it ("East US 2", "Switzerland West") taken in: those headings
    label the parts of the list the lead-in announces, at the lead-in's own heading level."""
    out: list[_Section] = []
    for section in sections:
        previous = out[-1] if out else None
        if (
            previous is not None
            and _announces_list(previous)
            and section.blocks[:1]
            and section.blocks[0].kind == ITEM
            and not _is_story(section, language)
        ):
            previous.blocks.extend([section.heading, *section.blocks])
            continue
        out.append(_Section(section.heading, list(section.blocks)))
    return out


def _announces_list(section: _Section) -> bool:
    """Whether the section's text ends on a lead-in, or on the list that follows one."""
    for block in reversed(section.blocks):
        if block.kind == PARAGRAPH:
            return block.text.rstrip().endswith(":")
        if block.kind == HEADING and block.level <= section.heading.level:
            return True  # a list taken in already: the lead-in may announce another
    return False  # (a run-in label inside the section's own list announces nothing)


def _under_dates(blocks: list[Block], level: int, stories: list[_Section]) -> bool:
    """Whether each story sits under a date heading of a higher level, and the stories under
    two dates or more: a log of announcements, whose entries share their product's words."""
    parent: Block | None = None
    dates: set[str] = set()
    by_heading = {id(s.heading) for s in stories}
    for block in blocks:
        if block.kind != HEADING:
            continue
        if block.level < level:
            parent = block
        elif id(block) in by_heading:
            if parent is None or not is_stamp(parent.text):
                return False
            dates.add(parent.text)
    return len(dates) >= MIN_DATE_GROUPS


def _with_short_stories(
    sections: list[_Section], stories: list[_Section], dated: bool, language: str
) -> list[_Section]:
    """The stories, with the digest's short headline sections after the first story that say
    one thing in a sentence of their own ("Fine-tuning now supports multi-turn chat training
    examples.").
    Under date headings any entry with such a sentence is one, whatever its heading ("GPT-4",
    "New Regions"): a log names its entries, it does not write headlines for them."""
    chosen = {id(s) for s in stories}
    first = next(i for i, s in enumerate(sections) if id(s) in chosen)
    return [
        s
        for i, s in enumerate(sections)
        if id(s) in chosen
        or (
            i > first  # a masthead or an intro comes before the first story
            and not _is_story(s, language)  # an overview set aside stays aside
            and _is_short_story(s, dated, language)
        )
    ]


def _is_short_story(section: _Section, dated: bool, language: str) -> bool:
    heading = section.heading.text
    if dated:
        if is_section_label(heading, language) or _is_not_story(heading, language):
            return False
    elif not is_headline(heading, language):
        return False
    if _leads_into_its_list(section):
        return True
    if not dated and _mostly_one_liners(section.blocks):
        # A reading list with a closing line after it ("Y si te gusta, compártelo."): the
        # sentence is the mailing's, the section a list of links.
        return False
    for block in _prose(section.blocks):
        for sentence in split_sentences(block.text):
            if count_words(sentence) >= MIN_SENTENCE_WORDS and sentence.rstrip().endswith(
                SENTENCE_ENDS
            ):
                return True
    return False


_SLUG = re.compile(r"[^\w]+")


def slug(text: str) -> str:
    """A fragment for a heading: lower case, words joined by hyphens."""
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _SLUG.sub("-", plain).strip("-")[:60] or "section"
