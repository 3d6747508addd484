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


def test_direction_overrides_cannot_change_what_a_headline_shows():
    # Shown as "10 stores are missing" while the characters say "01": the override goes, so
    # what is shown is what every check read.
    spoofed = "Bank robbed in Paris \u202egnissim era serots 01\u202c today"
    assert repair.repair_text(spoofed) == "Bank robbed in Paris gnissim era serots 01 today"
    assert repair.repair_line(spoofed) == repair.repair_text(spoofed)
    isolated = "Witnesses \u2066three\u2069 saw \u202aLRE\u202c and \u202bRLE\u202c"
    assert repair.repair_text(isolated) == "Witnesses three saw LRE and RLE"
    # Marks reorder nothing and right-to-left text is left as written.
    arabic = "قال \u200fالمتحدث\u200e إن 20 شخصا أصيبوا \u061c"
    assert repair.repair_text(arabic) == arabic.strip()


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        # Chinese and Japanese write their punctuation full-width: it stays as written.
        (
            "新华社北京12月3日电：国家统计局周三（3日）发布数据，前11个月出口增长５．２％。",
            "新华社北京12月3日电：国家统计局周三（3日）发布数据，前11个月出口增长5.2%。",
        ),
        ("记者问：“这是真的吗？”他说：是的！", "记者问：“这是真的吗？”他说：是的！"),
        (
            "東京（共同）＝政府は３日、新たな対策を発表した。",
            "東京（共同）＝政府は3日、新たな対策を発表した。",
        ),
        # Mojibake of Chinese (UTF-8 read as Windows-1252) is still undone, full-width comma
        # and all; full-width Latin letters and digits in CJK text are read as ASCII.
        ("é¦™æ¸¯ï¼Œ12æœˆ3æ—¥", "香港，12月3日"),
        ("华为（Ｈｕａｗｅｉ）２０２４年营收：", "华为（Huawei）2024年营收："),
        # Outside CJK text full-width forms are folded as before.
        ("ＬＯＵＤ ＮＯＩＳＥＳ！ in MÃ¼nchen", "LOUD NOISES! in München"),
    ],
)
def test_full_width_punctuation_is_kept_in_cjk_text(damaged: str, repaired: str) -> None:
    assert repair.repair_text(damaged) == repaired
