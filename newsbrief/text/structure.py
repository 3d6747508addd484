"""The structure of a text: headings, paragraphs and list items, whatever the input.

News arrives as HTML pages, feed fragments, Markdown newsletters, plain-text digests and JSONL
records. Each is read into the same ``Block`` list: a heading labels what follows it, a list
item is a unit of its own (never run together with its neighbours into one "sentence"), and
tables, figures, captions and code are not prose and are left out.

Stored article text keeps that structure in plain lines: one paragraph or list item per line,
and a heading as a line starting with ``## `` (``HEADING_MARK``). Every reader of sentences goes
through ``split_paragraphs``, which skips heading lines, so a heading is never cited as a fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from newsbrief.text.repair import repair_line, repair_text
from newsbrief.text.wordlists import is_known_label

HEADING_MARK = "## "
PARAGRAPH, ITEM, HEADING = "paragraph", "item", "heading"


@dataclass(frozen=True)
class Block:
    kind: str  # PARAGRAPH, ITEM or HEADING
    text: str
    level: int = 0  # 1-6 for headings (1 the highest), 0 otherwise
    anchor: str | None = None  # the id a page gives the heading, for links to it
    lead: str | None = None  # a bold lead-in that opens the paragraph ("**Fed holds.** ...")
    entry: bool = False  # a heading that is the bold lead of a list entry ("- **Title:** ...")
    inferred: bool = False  # a heading told from a plain line's shape, not written as one
    lead_in: bool = False  # an inferred heading that was a line ending on a colon


# plain text --------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SETEXT = re.compile(r"^(?:=+|-+)\s*$")
_RULE = re.compile(r"^(?:[-*_=~]\s*){3,}$")
_TABLE_ROW = re.compile(r"^\|.*\|\s*$|^[^|]+(?:\s\|\s[^|]*){2,}$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")
_BULLET = re.compile(
    r"^(?:(?:[•·▪●◦‣∙■□➢➤►✓✔→*+\-–—]|\(?\d{1,2}[.)]|\(?[a-h][.)])\s+|\d{1,2}、)(?=\S)"
)
_NUMBERED = re.compile(r"^\(?(\d{1,2})[.)]\s+")
_BOLD_LEAD = re.compile(r"^(?:\*\*|__)(?P<lead>[^*_\n]{2,200}?)(?:\*\*|__)\s*(?P<rest>.*)$")
# A paragraph that opens on a linked headline and a dash or colon ("[Rain forecasts from radar
# alone](https://...) — A model trained ..."): the link is the entry's headline, as a bold
# lead is. A link that opens a sentence ("[OpenAI](...) said ...") has no such separator.
_LINK_LEAD = re.compile(
    r"^\[(?P<lead>[^\[\]]{2,200})\]\([^()\s]*\)\s*(?:[—–-]|:)\s+(?P<rest>\S.*)$"
)
_LEAD_SEPARATOR = re.compile(r"^\s*(?:[—–-]|:)\s+(?=\S)")
_MD_LINK = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]+)\]\([^)]*\)")
_MD_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")  # "[text][ref]", "[BIP158][]"
_MD_LINK_DEFINITION = re.compile(r"^\[[^\[\]]+\]:\s*\S+")  # "[4]: https://..." (not text)
_MD_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
# What a site generator or a page leaves in a Markdown source: template tags, comments, code.
_SOURCE_ONLY = re.compile(
    r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}|<!--.*?-->|"
    r"<(script|style)\b.*?</\1\s*>|\{%.*?%\}|\{\{.*?\}\}",
    re.DOTALL | re.IGNORECASE,
)
# Raw HTML left in a Markdown source by a converter (a wiki page turned into Markdown keeps
# "</p>", "<div class=...>" and "<br>"): a Markdown reader shows the text, not the tags. Tags
# that hold blocks end a paragraph; the others only mark up words. Only HTML's own tag names
# are tags: "ManuallyDrop<T>" or "Option<Vec<i32>>" in a text about code are words.
_HTML_BLOCK_TAG = re.compile(
    r"</?(?:p|div|blockquote|table|thead|tbody|tfoot|tr|td|th|ul|ol|li|dl|dt|dd|h[1-6]|hr|"
    r"section|article|header|footer|aside|center|figure|figcaption|pre|nav|main)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_HTML_INLINE_TAG = re.compile(
    r"</?(?:span|b|i|u|s|em|strong|a|font|sup|sub|small|big|code|img|br|abbr|cite|mark|q|"
    r"del|ins|kbd|tt|wbr)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
# Attributes a converter (Pandoc) writes after a link or a heading: "{.external .free}",
# "{#intro}". Only ids and classes: a brace of words is text.
_MD_ATTRIBUTES = re.compile(r"\{\s*(?:[.#][\w-]+\s*)+\}")
# A bold run holding only a comment ("**<!--anchor-->****Title:** ..."): gone with the
# comment, else its marks, left empty, would hide the bold lead after it.
_EMPTY_BOLD = re.compile(r"(\*\*|__)\s*<!--.*?-->\s*\1", re.DOTALL)
# A backslash escape ("\*Sie\*", "\#ubuntu", "\$5") stands for the mark itself, never
# for emphasis, a heading or a list. Each escaped mark is kept as a character of the private
# use area while the lines are read, and given back in the blocks.
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ESCAPE_BASE = 0xE000
_ESCAPED = re.compile("[\ue021-\ue07e]")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*")
# End punctuation, perhaps before closing quotes or brackets (detokenised copies put a space
# between: 'he said. "').
# (The ideographic full stop and comma end Chinese and Japanese sentences and clauses.)
_TERMINAL = re.compile(r"[.!?…;,:。、！？；，：](?:\s?[\"'”’)\]」』])*\s*$")
# A list written on one line: a bullet sign anywhere, or a dash, star or number right after the
# end of a sentence ("... the chipmaker said. - By cutting prices, ...").
_INLINE_BULLET = re.compile(r"\s+[•▪●◦‣■➢➤►]\s+(?=\S)")
# Tags, keywords and menus: short pieces between middle dots or bars ("OpenAI · Waymo · chips").
_TAG_SEPARATOR = re.compile(r"\s+[·|]\s+")
TAG_MAX_WORDS = 4
# What an item opens on: a capital of any alphabet, a digit, or a letter of a script that has
# no capitals (Arabic, Hebrew, Devanagari, Thai, Korean, Chinese, Japanese), where any word can
# open a sentence ("... 2026. - وتبلغ الكميات ...").
_OPENS = (
    r"[A-Z0-9\u00c0-\u00de\u0391-\u03a9\u0400-\u042f\u0590-\u06ff\u0900-\u097f"
    r"\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
)
_ENDS = ".!?…。！？؟"  # the ends of a sentence, in the scripts that write others
_INLINE_DASH = re.compile(
    rf"(?<=[{_ENDS}])([\"'”’)\]]*)\s+[-–—*]\s+(?=(?:\*\*|__)?[\"“‘(\[«]?{_OPENS})"
)
_INLINE_NUMBER = re.compile(
    rf"(?<=[{_ENDS}:])([\"'”’)\]]*)\s+\(?(\d{{1,2}})[.)]\s+(?=[\"“‘(\[«]?{_OPENS})"
)
# Chinese and Japanese number items with an enumeration comma and no space: "...。2、比亚迪..."
_INLINE_CJK_NUMBER = re.compile(r"(?<=[。！？；;])()\s*(\d{1,2})、(?=\S)")
_CJK_NUMBERED = re.compile(r"^(\d{1,2})、")
_INLINE_LETTER = re.compile(r"(?<=[.!?…:;,])([\"'”’)\]]*)\s+\(([a-h])\)\s+(?=[\"“‘(\[]?[A-Z0-9])")
_CODE_FENCE = re.compile(r"^(?:```|~~~)")
HEADING_MAX_WORDS = 20
# A picture's credit under its caption ("Image: Doc Searls.", "Photo by Jane Doe"): copied
# pages keep the caption and its credit as lines of their own between a headline and its text.
# A sentence about photos ("Photos by the police showed the damage.") is no credit.
_IMAGE_CREDIT = re.compile(
    r"^(?:photo|image|picture|illustration|graphic|photograph)s?"
    r"(?:(?:\s+(?:credit|by|courtesy))?\s*:\s*\S|\s+(?:by|courtesy of)\s+\S+(?:\s+\S+){0,3}$)",
    re.IGNORECASE,
)
# A whole line in brackets that is no sentence: a stage direction, an editor's note or a
# missing picture's placeholder ("(Music)", "(Image missing from Commons: image; log)"), not
# prose or a heading. An aside that is a sentence ("(He was not hurt.)") stays.
_NOTE_LINE = re.compile(r"^(?:\([^()]{0,119}[^().!?…]\)|\[[^\[\]]{0,119}[^\[\].!?…]\])$")
NOTE_MAX_WORDS = CREDIT_MAX_WORDS = 12
_ADDRESS_LINE = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.IGNORECASE)


def is_heading_line(line: str) -> bool:
    return line.startswith(HEADING_MARK)


def strip_markup(text: str) -> str:
    """Markdown links (inline and by reference), images and emphasis to their plain words."""
    if "[" in text:
        text = _MD_LINK.sub(lambda m: m.group(1) or "", text)
        text = _MD_REF_LINK.sub(lambda m: m.group(1), text)
    if "*" in text or "__" in text:
        text = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
    if "_" in text:
        text = _MD_UNDERSCORE.sub(lambda m: m.group(1), text)
    return text


def strip_source_only(text: str) -> str:
    """A Markdown source without what only its generator reads: template tags
    ("{% include references.md %}", "{{ page.title }}"), comments, scripts, link
    definitions ("[4]: https://..."), raw HTML tags and a converter's attributes."""
    if "{" in text or "<" in text:
        text = _SOURCE_ONLY.sub("", _EMPTY_BOLD.sub("", text))
    if "<" in text:
        text = _HTML_INLINE_TAG.sub("", _HTML_BLOCK_TAG.sub("\n\n", text))
    if "{" in text:
        text = _MD_ATTRIBUTES.sub("", text)
    if "]:" in text:
        text = "\n".join(
            "" if _MD_LINK_DEFINITION.match(line.strip()) else line for line in text.split("\n")
        )
    return text


def split_inline_items(text: str) -> list[str]:
    """A paragraph that holds a list written on one line, as its items (markers dropped)."""
    pieces = [p for p in _INLINE_BULLET.split(text) if p.strip()]
    tags = [p for p in _TAG_SEPARATOR.split(text) if p.strip()]
    if len(tags) >= 3 and all(len(t.split()) <= TAG_MAX_WORDS for t in tags):
        return [t.strip() for t in tags]
    out: list[str] = []
    for piece in pieces:
        piece = _INLINE_DASH.sub(lambda m, whole=piece: _dash_break(m, whole), piece)
        piece = _split_inline_numbers(piece)
        out.extend(p.strip() for p in piece.split("\n") if p.strip())
    return [_strip_bullet(p) for p in out] or [text]


def _dash_break(match: re.Match[str], text: str) -> str:
    """A line break for a dash after a sentence's end, but none for a dash between two
    numbers: "12. - 31. Dezember" is a span of days written with ordinal dots."""
    before = text[: match.start()].rstrip(".")
    if (
        not match.group(1)
        and before[-1:].isdigit()
        and text[match.end() : match.end() + 1].isdigit()
    ):
        return match.group(0)
    return match.group(1) + "\n"


def _split_inline_numbers(text: str) -> str:
    """Numbered items on one line, when they count up ("1. ... 2. ... 3. ...", or "2) ... 3)"
    after a first item whose number opened the line), and lettered ones ("(a) ...; (b) ...")."""
    text = _split_counted(text, list(_INLINE_NUMBER.finditer(text)), int, _NUMBERED.match(text))
    if "、" in text:
        found = list(_INLINE_CJK_NUMBER.finditer(text))
        text = _split_counted(text, found, int, _CJK_NUMBERED.match(text))
    return _split_counted(text, list(_INLINE_LETTER.finditer(text)), _letter_rank, None)


def _letter_rank(letter: str) -> int:
    return ord(letter) - ord("a") + 1


def _split_counted(
    text: str, found: list[re.Match[str]], rank: Any, first: re.Match[str] | None
) -> str:
    if not found:
        return text
    # The count goes on from a number that opens the text, else from the first marker found:
    # a single marker ("ranked No. 1. The team ...") is no list.
    expected = rank(first.group(1)) + 1 if first else rank(found[0].group(2))
    if first is None and rank is _letter_rank and expected != 1:
        return text  # lettered items start at (a)
    cuts = []
    for match in found:
        if rank(match.group(2)) != expected:
            return text
        cuts.append(match)
        expected += 1
    if len(cuts) + (1 if first else 0) < 2:
        return text
    out, last = [], 0
    for match in cuts:
        out.append(text[last : match.start()] + match.group(1))
        last = match.end()
    out.append(text[last:])
    return "\n".join(piece.strip().removesuffix(";").rstrip() for piece in out)


def _strip_bullet(text: str) -> str:
    match = _BULLET.match(text)
    return text[match.end() :].strip() if match else text.strip()


def _looks_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped text (plain-text email): paragraphs are runs of lines between blank ones."""
    filled = [len(line) for line in lines if line.strip()]
    if len(filled) < 6 or not any(not line.strip() for line in lines):
        return False
    filled.sort()
    median = filled[len(filled) // 2]
    return 45 <= median <= 80 and filled[int(len(filled) * 0.9)] <= 100


def blocks_from_plain(text: str, markdown: bool = False) -> list[Block]:
    """Blocks of plain text or light Markdown (a line is a paragraph unless hard-wrapped)."""
    if markdown:
        text = _MD_ESCAPE.sub(lambda m: chr(_ESCAPE_BASE + ord(m.group(1))), text)
        text = strip_source_only(text)
    lines = repair_text(text).split("\n")
    wrapped = markdown or _looks_wrapped(lines)
    blocks: list[Block] = []
    buffer: list[str] = []
    in_code = False
    after_blank = True  # whether the line before this one was blank

    def flush() -> None:
        if buffer:
            blocks.extend(_line_blocks(" ".join(buffer)))
            buffer.clear()

    rows = ranked_rows(lines)
    for index, raw in enumerate(lines):
        line = raw.strip()
        row = rows.get(index)
        if row is not None:
            if row != "more":
                flush()  # a row opens an item of its own, its rank the list's number
                line = "- " + _RANK.sub("", line, count=1)
            buffer.append(line)
            if row == "last":
                flush()
            after_blank = False
            continue
        if _CODE_FENCE.match(line):
            flush()
            in_code = not in_code
            continue
        if in_code:
            continue
        if not line:
            flush()
            after_blank = True
            continue
        if _is_aside(line):
            flush()
            after_blank = False
            continue
        if _IMAGE_CREDIT.match(line) and len(line.split()) <= CREDIT_MAX_WORDS:
            flush()
            if not after_blank:
                _drop_caption(blocks)
            after_blank = False
            continue
        after_blank = False
        if _SETEXT.match(line) and len(buffer) == 1 and blocks_end_ok(buffer[0]):
            level = 1 if line.startswith("=") else 2
            blocks.append(Block(HEADING, _clean(buffer[0]), level))
            buffer.clear()
            continue
        if _RULE.match(line) or _TABLE_RULE.match(line) or _TABLE_ROW.match(line):
            flush()
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            flush()
            blocks.append(Block(HEADING, _clean(heading.group(2)), len(heading.group(1))))
            continue
        if _BULLET.match(line):
            flush()
            buffer.append(line)
            if not wrapped:
                flush()
            continue
        buffer.append(line)
        if not wrapped:
            flush()
    flush()
    if markdown:
        blocks = [_unescaped(b) for b in blocks]
    return promote_headings(_without_captions(blocks))


def _unescaped(block: Block) -> Block:
    """The block with the marks its source escaped given back."""
    if not _ESCAPED.search(block.text + (block.lead or "")):
        return block
    lead = _unescape(block.lead) if block.lead else None
    return replace(block, text=_unescape(block.text), lead=lead)


def _unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(ord(m.group()) - _ESCAPE_BASE), text)


_RANK = re.compile(r"^(\d{1,3})\s+(?=[^\W\d_])")
MIN_RANKED_ROWS = 3  # ranks in a row for lines to be a ranked list ("1 ...", "2 ...", "3 ...")
MAX_ROW_LINES = 6  # lines a row's comment may run on for before the next rank


def ranked_rows(lines: list[str]) -> dict[int, str]:
    """Lines that open on ranks counting up one by one ("1 The Gray Man ...", "2 Hunter Moore
    ...", "3 ..."), as a top ten's table copied as text gives them: each is a row of a ranked
    list ("row"; the last one "last"), and the lines between two rows, a comment running on,
    belong to the row above ("more")."""
    ranks = [_line_rank(line) for line in lines]
    marks: dict[int, str] = {}
    i = 0
    while i < len(lines):
        rows = _ranked_run(lines, ranks, i)
        if len(rows) < MIN_RANKED_ROWS:
            i += 1
            continue
        for row, following in pairwise(rows):
            marks[row] = "row"
            marks.update({j: "more" for j in range(row + 1, following)})
        marks[rows[-1]] = "last"
        i = rows[-1] + 1
    return marks


def _line_rank(line: str) -> int | None:
    found = _RANK.match(line.strip())
    return int(found.group(1)) if found else None


def _ranked_run(lines: list[str], ranks: list[int | None], start: int) -> list[int]:
    """Indices of the rows of a ranked list that starts at ``start`` ([] when none does)."""
    rank = ranks[start]
    if rank is None:
        return []
    rows = [start]
    j = start + 1
    while j < len(lines) and j - rows[-1] <= MAX_ROW_LINES:
        if ranks[j] == rank + 1:
            rows.append(j)
            rank += 1
        elif ranks[j] is not None or _BULLET.match(lines[j].strip()):
            break
        j += 1
    return rows


def _is_aside(line: str) -> bool:
    return bool(_NOTE_LINE.match(line)) and len(line.split()) <= NOTE_MAX_WORDS


def _heading_like(block: Block) -> bool:
    """A short paragraph with no end punctuation: a headline or a caption, not prose."""
    n = len(block.text.split())
    return (
        block.kind == PARAGRAPH
        and not block.lead
        and 0 < n <= HEADING_MAX_WORDS
        and (not _TERMINAL.search(block.text))
    )


def _drop_caption(blocks: list[Block]) -> None:
    """Take out the line right above a picture's credit when it is a caption: a short line
    under a headline (or a heading), which the headline's text follows."""
    if len(blocks) < 2:
        return
    caption, above = blocks[-1], blocks[-2]
    short = caption.kind == PARAGRAPH and len(caption.text.split()) <= HEADING_MAX_WORDS
    if short and (above.kind == HEADING or _heading_like(above)):
        blocks.pop()


def _without_captions(blocks: list[Block]) -> list[Block]:
    """A headline, a shorter unpunctuated line, then prose: the second line is the caption of
    a picture (or a standfirst) set between the headline and its text, and would otherwise be
    taken for the heading of that text."""
    from newsbrief.text.stamps import is_stamp  # stamps reads this module's heading mark

    out: list[Block] = []
    for i, block in enumerate(blocks):
        above = out[-1] if out else None
        below = blocks[i + 1] if i + 1 < len(blocks) else None
        if (
            above is not None
            and below is not None
            and _heading_like(above)
            and _heading_like(block)
            and not is_stamp(block.text)  # a dateline under a title is no caption,
            and not is_stamp(above.text)  # nor is a headline under a time stamp
            and len(block.text.split()) < len(above.text.split())
            and below.kind == PARAGRAPH
            and _TERMINAL.search(below.text)
            and len(below.text.split()) > len(above.text.split())
        ):
            continue
        out.append(block)
    return out


def blocks_end_ok(line: str) -> bool:
    return len(line.split()) <= HEADING_MAX_WORDS


def _clean(text: str) -> str:
    return " ".join(strip_markup(text).split())


def _line_blocks(line: str) -> list[Block]:
    """One line of text: a list item, a labelled or bold-led paragraph, or a paragraph."""
    entries = _inline_entries(line)
    if entries:
        return [block for entry in entries for block in _line_blocks("- " + entry)]
    kind = ITEM if _BULLET.match(line) else PARAGRAPH
    line = _strip_bullet(line) if kind == ITEM else line
    lead = None
    linked = _LINK_LEAD.match(line) if kind == PARAGRAPH else None
    if linked:
        lead = _clean(linked.group("lead"))
        return _with_label(kind, _clean(f"{lead} — {linked.group('rest')}"), lead)
    bold = _BOLD_LEAD.match(line)
    if bold:
        lead = _clean(bold.group("lead"))
        rest = bold.group("rest")
        if rest.startswith(_COLONS) and not lead.endswith(_COLONS):
            # "**Blocklists**: Customers can ..." is "**Blocklists:** Customers can ...": a
            # run-in label whose colon was left outside the bold, not "Blocklists : ...".
            lead, rest = lead + ":", rest[1:].lstrip()
        line = lead + " " + rest if rest else lead
    return _with_label(kind, _clean(line), lead)


MIN_LED_ENTRIES = 2


def _inline_entries(line: str) -> list[str]:
    """The entries of a list written on one line whose entries open on bold headlines
    ("• **Toyota recalls SUVs** Toyota is ... • **Kenya lifts ban** ..."), markup kept, so
    that each keeps its headline as the same list written one entry a line does; [] for any
    other line."""
    if "**" not in line and "__" not in line:
        return []
    pieces = split_inline_items(_strip_bullet(line) if _BULLET.match(line) else line)
    led = sum(1 for piece in pieces if _BOLD_LEAD.match(piece))
    return pieces if len(pieces) > 1 and led >= MIN_LED_ENTRIES else []


# A colon, as Latin text writes it and as Chinese and Japanese do (full-width).
_COLONS = (":", "：")
_LABEL = re.compile(r"^(?P<label>[^\W\d][^:：.!?？]{1,40})[:：]\s*(?P<rest>.*)$")


def _with_label(kind: str, text: str, lead: str | None) -> list[Block]:
    """The blocks of one paragraph or item; a label that opens it ("**Why it matters:**",
    "The details:") becomes a heading of its own, and a list on one line its items."""
    label = None
    if lead and lead.endswith(_COLONS):
        label = lead
    else:
        found = _LABEL.match(text)
        if found and is_known_label(found.group("label")):
            label = text[: found.start("rest")].rstrip()
    out: list[Block] = []
    if label and text.startswith(label):
        out.append(
            Block(HEADING, label.rstrip(":：").strip(), 6, entry=kind == ITEM and bool(lead))
        )
        text, lead = capitalized(text[len(label) :].strip()), None
    pieces = split_inline_items(text) if text else []
    for i, piece in enumerate(pieces):
        out.append(Block(ITEM if (kind == ITEM or i > 0 or len(pieces) > 1) else kind, piece))
    if lead and len(out) > 0 and out[0].kind != HEADING:
        out[0] = replace(out[0], lead=lead)
    return out


_NAMED_ENTRY = re.compile(
    r"^(?P<name>[^\W\d_][^.!?;:。！？；：\"“”]{2,150}?)\s?(?::\s+|：\s*)(?P<rest>\S.*)$"
)
NAMED_ENTRY_MAX_WORDS = 16
NAMED_ENTRY_MIN_WORDS = 25  # an entry written in sentences, as a digest's story is


def _named_entry(text: str) -> str | None:
    """The name that opens a list entry written without markup ("- Disclosure of a past LN
    flaw : Matt Morehouse posted ... It was fixed ..."), with its colon, or None. The bold of
    a newsletter's "- **Title:** text" is lost in a plain-text copy; the entry keeps its shape:
    a short unpunctuated name, a colon, then sentences that open on a capital, two or more."""
    from newsbrief.text.sentences import split_sentences  # (sentences reads this module)

    found = _NAMED_ENTRY.match(text)
    if not found or len(found.group("name").split()) > NAMED_ENTRY_MAX_WORDS:
        return None
    rest = found.group("rest")
    if not (rest[:1].isupper() or rest[:1].isdigit()):
        return None  # (a capital of any alphabet: "Мэрия закрыла ...")
    if len(rest.split()) < NAMED_ENTRY_MIN_WORDS or len(split_sentences(rest)) < 2:
        return None
    return text[: found.start("rest")].rstrip()


def _is_plain_heading(block: Block, following: Block | None) -> bool:
    """A short line with no end punctuation right before a paragraph labels that paragraph,
    and a known section label ("Sources", "Related news") is one wherever it stands."""
    if block.kind == PARAGRAPH and not block.lead and is_known_label(block.text):
        return True
    if block.kind == HEADING or following is None:
        return False
    if following.kind == HEADING and not following.entry:
        return False  # (a line over the named entries of a list heads them)
    words = block.text.split()
    if not words or len(words) > HEADING_MAX_WORDS or block.lead:
        return False
    if _ADDRESS_LINE.match(block.text):
        return False  # a link written out on a line of its own labels nothing
    ends_open = not _TERMINAL.search(block.text)
    question = block.text.endswith(("?", "？")) and len(words) <= 12
    label = block.text.endswith(_COLONS) and len(words) <= 6
    if not (ends_open or question or label):
        return False
    # The paragraph it labels is prose: longer than the heading, or several lines of items.
    return len(following.text.split()) > len(words) or following.kind == ITEM or following.entry


def _stands_alone(blocks: list[Block], i: int) -> bool:
    """Whether block ``i`` is an item with no item before it and a paragraph after it."""
    before = blocks[i - 1] if i else None
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    return (
        blocks[i].kind == ITEM
        and (before is None or before.kind != ITEM)
        and (following is not None and following.kind == PARAGRAPH)
    )


def promote_headings(blocks: list[Block]) -> list[Block]:
    """Lines that act as headings in text with no markup: short, unpunctuated, then prose.

    A numbered or bulleted line stands for a heading only when it stands alone between
    paragraphs, and others do too (a plain-text digest: "1. Nvidia cuts prices" then its
    paragraph, "2. ..."); items next to items are a list, and a lone item a list of one.
    """
    out = _with_named_entries(list(blocks))
    alone = {i for i in range(len(out)) if _stands_alone(out, i)}
    for i, block in enumerate(out):
        following = out[i + 1] if i + 1 < len(out) else None
        before = out[i - 1] if i else None
        kinds = (before.kind if before else None, following.kind if following else None)
        if kinds in ((ITEM, ITEM), (ITEM, HEADING)):
            # A line between two items of a list goes on the list, and so does one between
            # an item and the next named entry ("Configure content filters" under a nested
            # list): neither is a heading.
            continue
        # One lone item is a list of one ("The company named one reason: - Demand fell"), not
        # a digest's headline: those come at least two to a text.
        if block.kind == ITEM and (i not in alone or len(alone) < 2):
            continue
        if _is_plain_heading(block, following):
            lead_in = block.text.rstrip().endswith(_COLONS)
            out[i] = Block(
                HEADING, block.text.rstrip(":：").strip(), 3, inferred=True, lead_in=lead_in
            )
    return _with_item_labels(out)


_ITEM_LABEL = re.compile(r"^(?P<label>[^\W\d][^:：.!?？]{0,80}?)\s?(?::\s+|：\s*)(?P<rest>\S.*)$")
ITEM_LABEL_MAX_WORDS = 8
ITEM_LABEL_LEVEL = 7  # below any heading a text writes: a label inside a story's list


def _item_label(block: Block) -> tuple[str, str] | None:
    """(label, rest) of an item that opens on a run-in label ("Etherpad cleanup: For ...")."""
    if block.kind != ITEM:
        return None
    found = _ITEM_LABEL.match(block.text)
    if not found or len(found.group("label").split()) > ITEM_LABEL_MAX_WORDS:
        return None
    rest = found.group("rest")
    return (found.group("label"), rest) if len(rest.split()) >= 3 else None


def _with_named_entries(blocks: list[Block]) -> list[Block]:
    """List entries written without markup that open on their name and a colon, each on its
    own (see ``_named_entry``), with the name as the entry's heading, as the bold name of
    "- **Title:** text" is. Items next to other labelled items are a list of labelled items
    instead (see ``_with_item_labels``)."""
    out: list[Block] = []
    for i, block in enumerate(blocks):
        name = _named_entry(block.text) if block.kind == ITEM and not block.lead else None
        neighbours = [blocks[j] for j in (i - 1, i + 1) if 0 <= j < len(blocks)]
        if name is None or any(_item_label(n) for n in neighbours):
            out.append(block)
            continue
        out.append(Block(HEADING, name.rstrip(":：").strip(), 6, entry=True))
        out.append(replace(block, text=capitalized(block.text[len(name) :].strip())))
    return out


def _with_item_labels(blocks: list[Block]) -> list[Block]:
    """Items of one list that open, two or more of them, on a run-in label ("Birthday mode:
    This limited-time campaign ...") have those labels as headings of their own: a label names
    the item, it is no part of its first sentence. One item alone with a colon is a sentence
    ("Officials said: ..."), so the pattern must repeat within the list."""
    labels = [_item_label(b) for b in blocks]
    out: list[Block] = []
    for i, block in enumerate(blocks):
        label = labels[i]
        neighbours = [labels[j] for j in (i - 1, i + 1) if 0 <= j < len(blocks)]
        if label is None or not any(n is not None for n in neighbours):
            out.append(block)
            continue
        out.append(Block(HEADING, label[0].strip(), ITEM_LABEL_LEVEL))
        out.append(replace(block, text=capitalized(label[1]), lead=None))
    return out


def capitalized(text: str) -> str:
    """The text with its first letter in capitals, once a label before it is taken off ("se
    recomienda ..." after "Actualización:"); a word written with inner capitals ("iPhone")
    stays as written."""
    first = text.split(" ", 1)[0]
    if text[:1].islower() and not any(c.isupper() for c in first[1:]):
        return text[0].upper() + text[1:]
    return text


# HTML ----------------------------------------------------------------------------------------

_SKIP_TAGS = {
    "script", "style", "noscript", "template", "svg", "table", "figure", "figcaption",
    "caption", "nav", "form", "button", "iframe", "select", "textarea", "pre", "code",
    "title", "graphic", "object", "video", "audio", "img",
}  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote",
    "ul", "ol", "dl", "dt", "dd", "center", "body", "html", "hr", "address", "details",
    "summary", "list", "quote", "doc", "td", "th", "tr", "tbody",
}  # fmt: skip
_HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BOLD_TAGS = {"strong", "b"}


class _HtmlReader:
    """Walks an element tree (lxml HTML or trafilatura's XML) and collects blocks."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.kind = PARAGRAPH
        self.lead: str | None = None
        self.link_lead: str | None = None  # a link that opens the block (a lead if a dash follows)
        self.lead_open = True  # no text yet in this block: a bold run here is a lead

    def flush(self) -> None:
        text = " ".join("".join(self.parts).split())
        self.parts = []
        lead = self.lead or _linked_lead(text, self.link_lead)
        if text:
            for block in _line_blocks_html(text, self.kind, lead):
                self.blocks.append(block)
        self.kind, self.lead, self.lead_open = PARAGRAPH, None, True
        self.link_lead = None

    def add_text(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            if text.strip():
                self.lead_open = False

    def walk(self, element: Any) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag == "table" and _is_layout_table(element):
            self.flush()
            self._children(element)
            self.flush()
            self.add_text(element.tail)
            return
        if not tag or tag in _SKIP_TAGS or _is_hidden(element):
            if tag in _SKIP_TAGS:
                self.parts.append(" ")
            self.add_text(element.tail)
            return
        level = _heading_level(element, tag)
        if level:
            self.flush()
            text = repair_line(element.text_content() if hasattr(element, "text_content") else
                               "".join(element.itertext()))  # fmt: skip
            if text:
                self.blocks.append(Block(HEADING, text, level, _anchor(element)))
            self.add_text(element.tail)
            return
        if tag in ("li", "item"):
            self.flush()
            self.kind = ITEM
            self._children(element)
            self.flush()
        elif tag in ("br", "lb"):
            self.flush()
        elif tag in _BLOCK_TAGS:
            self.flush()
            self._children(element)
            self.flush()
        elif tag in _BOLD_TAGS or (tag == "hi" and "#b" in (element.get("rend") or "")):
            starts = self.lead_open
            before = len(self.parts)
            self._children(element)
            if starts and self.lead is None:
                self.lead = " ".join("".join(self.parts[before:]).split()) or None
        elif tag in ("a", "ref") and self.lead_open and self.kind == PARAGRAPH:
            before = len(self.parts)
            self._children(element)
            self.link_lead = " ".join("".join(self.parts[before:]).split()) or None
        else:
            self._children(element)
        self.add_text(element.tail)

    def _children(self, element: Any) -> None:
        self.add_text(element.text)
        for child in element:
            self.walk(child)


def _is_layout_table(element: Any) -> bool:
    """A table that lays out an email or page (it holds paragraphs, headings or long text),
    not one of figures."""
    if element.find(".//p") is not None or element.find(".//table") is not None:
        return True
    if any(element.find(f".//{h}") is not None for h in _HEADING_TAGS):
        return True
    return any(len(" ".join(cell.itertext()).split()) > 30 for cell in element.iter("td"))


def _is_hidden(element: Any) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or element.get("hidden") is not None


def _heading_level(element: Any, tag: str) -> int:
    if tag in _HEADING_TAGS:
        return _HEADING_TAGS[tag]
    if tag == "head":  # trafilatura's heading, rend="h2"
        rend = element.get("rend") or "h2"
        return int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
    return 0


def _anchor(element: Any) -> str | None:
    found = element.get("id")
    if found:
        return str(found)
    for child in element.iter():
        if child is not element and isinstance(child.tag, str) and child.get("id"):
            return str(child.get("id"))
    return None


def _linked_lead(text: str, link: str | None) -> str | None:
    """The link that opens a paragraph, when a dash or colon follows it: its headline."""
    if not link or not text.startswith(link):
        return None
    return link if _LEAD_SEPARATOR.match(text[len(link) :]) else None


def _line_blocks_html(text: str, kind: str, lead: str | None) -> list[Block]:
    text = repair_line(text)
    pieces = split_inline_items(text)
    out = [Block(ITEM if (kind == ITEM or len(pieces) > 1) else PARAGRAPH, p) for p in pieces if p]
    if out and lead:
        out[0] = replace(out[0], lead=repair_line(lead))
    return out


def blocks_from_html(html: str) -> list[Block]:
    """Blocks of an HTML document or fragment (a feed item, an email)."""
    if not html or not html.strip():
        return []
    from lxml import etree  # only when there is HTML to read
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return blocks_from_plain(html)
    reader = _HtmlReader()
    body = root.find("body") if root.tag == "html" else None
    reader.walk(body if body is not None else root)
    reader.flush()
    return promote_headings(reader.blocks)


def blocks_from_tree(tree: Any) -> list[Block]:
    """Blocks of trafilatura's XML body (head, p, list/item, quote; tables and images out)."""
    reader = _HtmlReader()
    reader.walk(tree)
    reader.flush()
    return reader.blocks


# text as stored ----------------------------------------------------------------------------


def render(blocks: list[Block]) -> str:
    """The stored text of blocks: one unit per line, headings marked."""
    lines = []
    for block in blocks:
        if block.kind == HEADING:
            lines.append(HEADING_MARK + block.text)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def blocks_of_stored(text: str) -> list[Block]:
    """Blocks of stored article text (the inverse of ``render``)."""
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if is_heading_line(line):
            out.append(Block(HEADING, line[len(HEADING_MARK) :].strip(), 2))
        else:
            out.append(Block(PARAGRAPH, line))
    return out


def structured_text(text: str, markdown: bool = False) -> str:
    """Plain text (a file, a JSONL record, a feed's text) in the stored structured form."""
    return render(blocks_from_plain(text, markdown=markdown))
