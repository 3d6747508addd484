"""Plain ASCII text skips ftfy in a repair: ftfy would leave it unchanged, and the rest of the
repair is the same either way."""

from __future__ import annotations

import random
import string

import ftfy
import pytest

from newsbrief.text import repair

# Printable ASCII, tab and line break, without "&" (an entity) and the other control characters.
PLAIN_CHARACTERS = "".join(c for c in string.printable if c not in "&\r\x0b\x0c")


def test_ftfy_leaves_the_text_the_fast_path_skips_unchanged():
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(PLAIN_CHARACTERS) for _ in range(40))
        assert repair._PLAIN.fullmatch(text)
        assert ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=True) == text


def test_what_ftfy_would_change_is_not_plain():
    for text in ["Tom &amp; Jerry", "line\r\nbreak", "bell\x07", "M\u00c3\u00bcnchen", "a\x0cb"]:
        assert not repair._PLAIN.fullmatch(text)
    assert repair.repair_text("Tom &amp; Jerry said , raising$ 3 billion") == (
        "Tom & Jerry said, raising $3 billion"
    )


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        # Copy damage between Latin letters: gone, with the zero-width space and soft hyphen.
        ("Micro\u200dsoft and Goo\u200cgle", "Microsoft and Google"),
        ("Zero\u200bwidth soft\u00adhyphen", "Zerowidth softhyphen"),
        # Spelling: Persian's non-joiner, a Devanagari conjunct's joiner, emoji sequences.
        ("آتش\u200cسوزی بزرگ در تهران", "آتش\u200cسوزی بزرگ در تهران"),
        ("क्\u200dष", "क्\u200dष"),
        ("coder 👩\u200d💻 and 🏳️\u200d🌈", "coder 👩\u200d💻 and 🏳️\u200d🌈"),
    ],
)
def test_joiners_are_kept_where_they_spell(damaged, repaired):
    assert repair.repair_line(damaged) == repaired
    assert repair.repair_text(damaged) == repaired
