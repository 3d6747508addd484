"""Digests and articles in other languages and shapes: Chinese and Japanese text (no spaces,
no capitals), newsletters copied as plain text, dates written with other languages' months.

Every text here is written for these tests.
"""
# ruff: noqa: E501 - Chinese paragraphs have no spaces to wrap at

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from newsbrief.eval.text import _norm, evaluate_text
from newsbrief.ingest.files import read_file
from newsbrief.models import Article
from newsbrief.summarize.keyphrases import _names
from newsbrief.text.common_words import not_in_english
from newsbrief.text.digests import _names_issue
from newsbrief.text.sentences import split_sentences
from newsbrief.text.stamps import is_stamp
from newsbrief.text.structure import HEADING, ITEM, blocks_from_plain
from newsbrief.text.tokens import count_words
from newsbrief.text.wordlists import is_junk_topic

SEEN = datetime(2025, 7, 1, tzinfo=UTC)


def articles(path: Path) -> list[Article]:
    return [a for a in read_file(path, SEEN) if isinstance(a, Article)]


CHINESE_NEWSLETTER = """\
---
title: '港口周报 #12'
---
本周的周报介绍了三条新闻，并列出了常规栏目。

## 新闻

- **<!--new-crane-->****东港启用新型起重机：**东港本周启用了两台新型电动起重机，每小时可装卸四十个集装箱。港务局表示，新设备将把船舶等待时间缩短一半。旧起重机将在明年运往北岛的小港口继续使用。

- **<!--night-ferry-->****夜间渡轮恢复运营：**连接北岛和南岛的夜间渡轮在停运三个月后恢复运营。运营公司称，票价与去年相同，每晚两班。停运期间，渡轮的两台发动机都已更换，船上还增加了六十个座位。

- **<!--pilot-strike-->****引航员罢工结束：**持续一周的引航员罢工周三结束。双方同意在明年春季之前重新谈判工资。罢工期间，约有三十艘货船在港外等待进港，部分货物改由南岛港口卸货。

## 常规栏目

*本周在东港、北岛和南岛的其他变化。*

- 东港码头 #3 的照明系统已经更换。这项工作由港务局完成，费用为十二万元。
- 北岛售票处的营业时间延长到晚上九点。南岛售票处不变。
"""


def test_a_chinese_newsletter_of_bold_led_entries_is_split(tmp_path):
    # Anchors left in the bold as comments, a full-width colon, no spaces between words, no
    # capitals: each entry is still a story, and the regular section's items are not.
    path = tmp_path / "port-weekly-zh.md"
    path.write_text(CHINESE_NEWSLETTER, encoding="utf-8")
    found = articles(path)
    assert [a.title for a in found] == ["东港启用新型起重机", "夜间渡轮恢复运营", "引航员罢工结束"]
    assert "每小时可装卸四十个集装箱" in found[0].text


CHINESE_ARTICLE = """\
---
title: 东港扩建工程进入第二阶段
---
东港扩建工程本周进入第二阶段，港务局计划在两年内新建四个泊位，并扩大集装箱堆场。

## 新泊位

东港将新建四个深水泊位，每个泊位可停靠大型集装箱船。港务局说，扩建后东港的年吞吐量将增加三成。

## 堆场扩建

东港的集装箱堆场将向南扩建，新增面积约二十公顷。扩建期间，东港码头照常运营。
"""


def test_a_chinese_article_with_subheadings_stays_one(tmp_path):
    # The counter-case: one subject (the port's expansion) through both sections.
    path = tmp_path / "port-expansion-zh.md"
    path.write_text(CHINESE_ARTICLE, encoding="utf-8")
    (article,) = articles(path)
    assert article.title == "东港扩建工程进入第二阶段"


PLAIN_NEWSLETTER = """\
Cette semaine, deux nouvelles et nos rubriques habituelles.
Nouvelles
- Fermeture du pont de Lorient : Le pont de Lorient fermera du 3 au 14 mars pour des travaux \
sur ses câbles. La mairie a prévu une navette gratuite entre les deux rives toutes les vingt \
minutes pendant la fermeture.
Les cyclistes pourront traverser à pied en poussant leur vélo.
- Nouvel horaire des marchés de Vannes : Les marchés couverts de Vannes ouvriront désormais à \
sept heures au lieu de huit, à la demande des producteurs. Le samedi, ils resteront ouverts \
jusqu'à quatorze heures pendant tout l'été.
Rubriques habituelles
- Le musée de la pêche prolonge son exposition sur les phares jusqu'en juin.
- La bibliothèque de Quimper recrute deux bénévoles pour son atelier de lecture.
"""


def test_a_plain_text_newsletter_keeps_its_named_entries(tmp_path):
    # A newsletter exported as plain text in a JSONL record: its bold is gone, but each entry
    # still opens on its name, a colon and sentences of its own, under a bare rubric line.
    record = {"title": "Lettre du Morbihan #41", "text": PLAIN_NEWSLETTER}
    path = tmp_path / "lettre.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    found = articles(path)
    assert [a.title for a in found] == [
        "Fermeture du pont de Lorient",
        "Nouvel horaire des marchés de Vannes",
    ]
    assert found[0].text.startswith("Le pont de Lorient fermera")


def test_a_plain_text_article_leading_into_named_entries_stays_one(tmp_path):
    # The counter-case: the article's own paragraph announces the entries ("Voici les
    # mesures :"), so they are its list, whatever their names.
    text = (
        "Le conseil municipal a voté le budget de la ville jeudi soir, après trois heures de "
        "débat. Le maire a dit que la dette baisserait d'un dixième.\n"
        "Voici les principales mesures :\n"
        "- Cantines moins chères : Le repas coûtera un euro de moins dans les écoles "
        "primaires. La mesure vaut dès la rentrée de septembre pour toutes les familles.\n"
        "- Nouvelles pistes cyclables : Douze kilomètres de pistes seront tracés le long du "
        "canal. Les travaux commenceront au printemps et dureront deux ans.\n"
    )
    record = {"title": "Le budget de la ville adopté", "text": text}
    path = tmp_path / "budget.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (article,) = articles(path)
    assert "Cantines moins chères" in article.text


def test_a_line_between_an_item_and_a_named_entry_is_no_heading():
    # A link line left under a nested list ("Read the guide") sits inside the list.
    text = (
        "# Changes\n\n"
        "- **Filters**: Filters can now be set per project. Each project keeps its own list.\n"
        "    - one nested point about filters\n\n"
        "    [Read the guide](./guide.md)\n\n"
        "- **Exports**: Exports now run every night. They are kept for thirty days.\n"
    )
    blocks = blocks_from_plain(text, markdown=True)
    assert not any(b.kind == HEADING and b.text == "Read the guide" for b in blocks)


def test_chinese_and_japanese_words_are_counted_without_spaces():
    assert count_words("改进全节点启动时的功能协商") == 7
    assert count_words("BIP340 Schnorr 密钥和签名的更新") == 2 + 4
    assert count_words("Port strike ends") == 3


def test_a_japanese_text_is_read_without_a_japanese_word_list():
    # wordfreq cuts Japanese with MeCab, an optional C library: without it, a Japanese word
    # is of unknown frequency, and reading the text goes on.
    assert not_in_english("落とし穴", "ja") is False


def test_a_latin_name_ends_where_the_script_changes():
    found = _names("Kubernetesが強力でありながら時にイライラさせられる。私はKubernetesを試した。")
    assert found == ["Kubernetes", "Kubernetes"]


def test_light_verbs_and_function_words_of_chinese_and_japanese_are_no_topics():
    assert is_junk_topic("する", "ja") and is_junk_topic("使用", "zh")
    assert not is_junk_topic("落とし穴", "ja") and not is_junk_topic("起重机", "zh")


def test_dates_in_other_languages_are_stamps():
    assert is_stamp("3. März 2024") and is_stamp("Aktualisiert am 3. März 2024")
    assert is_stamp("12 décembre 2025") and is_stamp("3 de mayo de 2024")
    assert not is_stamp("Set 3 of the test") and not is_stamp("Out 2 weeks")


def test_an_issue_is_named_by_a_date_in_any_language_but_not_by_a_label():
    assert _names_issue("Wochenrückblick – 3. März 2024")
    assert _names_issue("Lettre hebdomadaire — 12 décembre 2025")
    # A label before a date dates a change to one article: no periodical's issue.
    assert not _names_issue("Update: March 3, 2024")
    assert not _names_issue("Correction — 3 May 2024")


def test_an_article_titled_by_an_update_label_stays_one(tmp_path):
    # The counter-case of the issue rule: the two sections share the title's subject words
    # only through "bridge", and an "Update:" title names no issue to split by.
    text = (
        "---\ntitle: 'Update: March 3, 2024'\n---\n"
        "## Bridge closure moved\n\n"
        "The closure of the harbour bridge moves from Monday to Wednesday, the council said. "
        "Buses will run across the old bridge instead during the works.\n\n"
        "## Ferry timetable\n\n"
        "The ferry adds two late crossings while the harbour bridge is shut. Tickets bought "
        "for the bridge buses are valid on the ferry as well.\n"
    )
    path = tmp_path / "update.md"
    path.write_text(text, encoding="utf-8")
    assert len(articles(path)) == 1


def test_a_day_written_with_an_ordinal_dot_ends_no_sentence():
    assert split_sentences("Die Zahlen vom 3. Dezember 2006 bis zum 30. Dezember sind da.") == [
        "Die Zahlen vom 3. Dezember 2006 bis zum 30. Dezember sind da."
    ]
    # The counter-case: a number that ends a sentence before an English month's name.
    assert split_sentences("The score was 3. March begins tomorrow.") == [
        "The score was 3.",
        "March begins tomorrow.",
    ]


def test_a_sentence_leading_into_its_list_makes_a_short_story(tmp_path):
    # In a numbered issue, a section whose only text is a lead-in to its figures is a story.
    text = (
        "# Harbour News #7\n\n"
        "## New cranes at the east quay\n\n"
        "Two electric cranes went into service at the east quay this week. The port says they "
        "halve the time ships wait to be unloaded.\n\n"
        "## Ferry strike over\n\n"
        "The week-long strike of ferry pilots ended on Wednesday. Both sides agreed to talk "
        "about wages again in the spring.\n\n"
        "## Cargo figures\n\n"
        "Changes in cargo handled from 3 September to 31 December:\n\n"
        "- Containers: +1,204 (18,230 -> 19,434)\n"
        "- Bulk: +310 tonnes (4,100 -> 4,410)\n"
    )
    path = tmp_path / "harbour.md"
    path.write_text(text, encoding="utf-8")
    titles = [a.title for a in articles(path)]
    assert titles == ["New cranes at the east quay", "Ferry strike over", "Cargo figures"]


def test_the_text_measure_reads_chinese_headings(tmp_path):
    # A heading in Chinese characters is known by its words, not by nothing: else every
    # cited sentence without Latin letters would "be" that heading.
    assert _norm("行动项") != ""
    files = {"port-weekly-zh.md": CHINESE_NEWSLETTER}
    labels = {
        "port-weekly-zh.md": {
            "stories": 3,
            "headings": ["港口周报 #12", "新闻", "常规栏目", "本周在东港、北岛和南岛的其他变化。"],
            "items": ["东港码头 #3 的照明系统已经更换。", "北岛售票处的营业时间延长到晚上九点。"],
        }
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "expected.json").write_text(json.dumps({"files": labels}), encoding="utf-8")
    report = evaluate_text(tmp_path, home=tmp_path / "home")
    assert report["failures"]["story_count"] == 0, report["details"]
    assert report["failures"]["headings"] == 0, report["details"]


def test_items_of_a_plain_text_list_stay_items():
    blocks = blocks_from_plain(PLAIN_NEWSLETTER)
    assert any(b.kind == ITEM and b.text.startswith("Le musée de la pêche") for b in blocks)


def test_a_named_entry_opens_on_a_capital_of_any_alphabet():
    text = (
        "Новости\n"
        "- Закрытие моста : Мэрия закрывает мост через реку с третьего по четырнадцатое марта "
        "для ремонта тросов. На время ремонта между берегами будет ходить бесплатный автобус "
        "каждые двадцать минут.\n"
    )
    blocks = blocks_from_plain(text)
    assert any(b.kind == HEADING and b.entry and b.text == "Закрытие моста" for b in blocks)
    # The counter-case: what follows the colon opens in lower case, a sentence's own clause.
    lower = "- Закрытие моста : мэрия " + "закрывает мост " * 15 + "сегодня. Потом откроет.\n"
    assert not any(b.kind == HEADING and b.entry for b in blocks_from_plain(lower))
