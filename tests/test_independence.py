"""Copies of one report count once, and write-ups quote the original, not a spun or bait copy."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from newsbrief.briefing.assemble import build_briefing
from newsbrief.ingest.files import make_article
from newsbrief.models import Article, BriefStory
from newsbrief.store import Store
from newsbrief.stories.dedupe import Deduper, content_hash, is_near_copy, original
from newsbrief.stories.pipeline import process
from newsbrief.text.tokens import words

T0 = datetime(2024, 3, 4, 8, tzinfo=UTC)

TITLE = "Armed robbers dressed as women steal jewels worth 85 million euros in Paris"
TEXT = (
    "Armed robbers disguised as women stole jewels worth 85 million euros from the Harry "
    "Winston store on Avenue Montaigne in central Paris on Thursday, police said.\n"
    "The four men entered the shop shortly before closing time, forced staff to open display "
    "cases and fled with rings, necklaces and watches.\n"
    "Police said no one was hurt in the robbery, one of the largest jewellery thefts in French "
    "history.\n"
    "Two of the robbers wore wigs and women's clothes, and one of them carried a handgun, "
    "according to a police source.\n"
    "The same store was robbed of jewels worth 10 million euros in October, and investigators "
    "are looking at whether the two raids are linked."
)
NEWSLETTER = (
    "\nSign up for our free morning newsletter and get the day's top stories delivered to your "
    "inbox every day.\n"
    "Follow Daily Digest on Twitter, Facebook and Instagram for the latest breaking news from "
    "Paris and around the world.\n"
    "Have a news tip? Email our newsroom at tips@dailydigest.example or call us any time.\n"
    "Copyright 2024 Daily Digest Media Group. All rights reserved. This material may not be "
    "published, broadcast or redistributed."
)
SPUN_TITLE = "Armed thieves clad as females swipe gems valued at 85 million euros in Paris"
SPUN = (
    "Armed thieves clad as females pilfered gems valued at 85 million euros from the Harry "
    "Winston boutique on Avenue Montaigne in downtown Paris on Thursday, law enforcement "
    "stated.\n"
    "The four males went into the store right before closing hour, compelled employees to "
    "unlock showcases and escaped with bands, chokers and timepieces.\n"
    "Law enforcement stated nobody was injured in the heist, among the biggest jewelry "
    "burglaries in French past.\n"
    "Two of the thieves donned hairpieces and ladies' garments, and one of them held a pistol, "
    "based on a police insider.\n"
    "The identical shop was burgled of gems valued at 10 million euros in October, and "
    "detectives are examining whether the two heists are connected."
)
BAIT_TITLE = "You Won't Believe What These Robbers Wore To Steal 85 Million Euros Of Jewels!"
BAIT = (
    "You won't believe how easy it was for these robbers to walk out with a fortune in "
    "diamonds.\n"
    "Armed robbers disguised as women stole jewels worth 85 million euros from the Harry "
    "Winston store on Avenue Montaigne in central Paris on Thursday, police said.\n"
    "The four men entered the shop shortly before closing time, forced staff to open display "
    "cases and fled with rings, necklaces and watches.\n"
    "Here's everything you need to know about the shocking heist that has left the whole of "
    "Paris stunned and talking.\n"
    "Police said no one was hurt in the robbery, one of the largest jewellery thefts in French "
    "history.\n"
    "Two of the robbers wore wigs and women's clothes, and one of them carried a handgun, "
    "according to a police source."
)
OTHER_TITLE = "Paris jewellery raid: police hunt gang after Harry Winston robbery"
OTHER = (
    "French police were hunting a gang of four men on Friday after a raid on the Harry Winston "
    "jewellery store in Paris in which they took rings, necklaces and watches.\n"
    "Investigators said the robbers, some wearing wigs and dresses, knew the layout of the shop "
    "well and were inside for less than fifteen minutes.\n"
    "The prosecutor's office said the jewels taken were worth more than 80 million euros, a "
    "figure the company has not confirmed.\n"
    "Staff were held at gunpoint before the men escaped on foot towards the Seine, a police "
    "source said."
)


def _article(aid: str, title: str, text: str, outlet: str, hours: float) -> Article:
    return make_article(
        article_id=aid,
        title=title,
        text=text,
        url=f"https://{outlet}/{aid}",
        source=outlet,
        published=T0 + timedelta(hours=hours),
        seen_at=T0 + timedelta(days=1),
    )


def _brief(tmp_path, articles: list[Article]) -> tuple[dict[str, str], BriefStory]:
    with Store(tmp_path / "s.db") as store:
        for article in articles:
            store.add_article(article)
        process(store, embedder=False)
        reports = store.report_ids([a.id for a in articles])
        briefing = build_briefing(
            store, since=T0 - timedelta(days=1), now=T0 + timedelta(days=1), record=False
        )
    [story] = [s for s in briefing.stories if "orig" in {r.id for r in s.sources}]
    return reports, story


def _independent(story: BriefStory) -> int:
    """What the story should count: its reports other than the copies (the unrelated report
    may or may not join the story; that is clustering's call)."""
    return 1 + ("other" in {r.id for r in story.sources})


def _written(story: BriefStory) -> list[tuple[str, list[str]]]:
    """Every sentence of the write-up (summary, sections, key facts) with its citations."""
    out = [(s.text, s.cites) for s in story.writeup.summary + story.writeup.key_facts]
    for name in story.writeup.sections.__dataclass_fields__:
        out += [(s.text, s.cites) for s in getattr(story.writeup.sections, name)]
    return out


def _in(sentence: str, text: str) -> bool:
    return " ".join(words(sentence)) in " ".join(words(text))


@pytest.mark.parametrize("copy_first", [False, True])
def test_an_exact_copy_with_newsletter_boilerplate_is_the_same_report(tmp_path, copy_first):
    articles = [
        _article("orig", TITLE, TEXT, "wire.example", 1 if copy_first else 0),
        _article("copy", TITLE, TEXT + NEWSLETTER, "digest.example", 0 if copy_first else 1),
        _article("other", OTHER_TITLE, OTHER, "paper.example", 2),
    ]
    reports, story = _brief(tmp_path, articles)
    assert reports["orig"] == reports["copy"] != reports["other"]
    assert story.independent_reports == _independent(story)
    for text, _ in _written(story):
        assert "newsletter" not in text and "Copyright" not in text


def test_boilerplate_taken_away_and_a_few_words_swapped_are_still_one_report(tmp_path):
    swapped = (
        TEXT.replace("stole", "took")
        .replace("central Paris", "the heart of Paris")
        .replace("shortly", "just")
        .replace("fled", "escaped")
        .replace("largest", "biggest")
    )
    articles = [
        _article("orig", TITLE, TEXT + NEWSLETTER, "wire.example", 0),
        _article("plain", TITLE, TEXT, "plain.example", 1),
        _article("swapped", TITLE, swapped, "swap.example", 2),
        _article("other", OTHER_TITLE, OTHER, "paper.example", 3),
    ]
    reports, story = _brief(tmp_path, articles)
    assert reports["orig"] == reports["plain"] == reports["swapped"] != reports["other"]
    assert story.independent_reports == _independent(story)


@pytest.mark.parametrize("spun_first", [False, True])
def test_a_spun_copy_counts_once_and_is_never_quoted(tmp_path, spun_first):
    articles = [
        _article("orig", TITLE, TEXT, "wire.example", 1 if spun_first else 0),
        _article("spun", SPUN_TITLE, SPUN, "spinner.example", 0 if spun_first else 1),
        _article("other", OTHER_TITLE, OTHER, "paper.example", 2),
    ]
    reports, story = _brief(tmp_path, articles)
    assert reports["orig"] == reports["spun"] != reports["other"]
    assert story.independent_reports == _independent(story)
    assert story.writeup.headline != SPUN_TITLE
    written = _written(story)
    assert written
    for text, cites in written:
        assert not _in(text, SPUN) or _in(text, TEXT), text
        assert cites != ["spun"]


@pytest.mark.parametrize("bait_first", [False, True])
def test_a_clickbait_copy_supplies_no_bullet_and_no_headline(tmp_path, bait_first):
    articles = [
        _article("orig", TITLE, TEXT, "wire.example", 1 if bait_first else 0),
        _article("bait", BAIT_TITLE, BAIT, "clicks.example", 0 if bait_first else 1),
        _article("other", OTHER_TITLE, OTHER, "paper.example", 2),
    ]
    reports, story = _brief(tmp_path, articles)
    assert reports["orig"] == reports["bait"] != reports["other"]
    assert story.independent_reports == _independent(story)
    assert story.writeup.headline != BAIT_TITLE
    for text, _ in _written(story):
        assert "believe" not in text and "everything you need" not in text
        assert _in(text, TEXT) or _in(text, OTHER), text
    # A sentence the copy carries word for word still cites both outlets.
    assert any(set(cites) >= {"orig", "bait"} for _, cites in _written(story))


def test_different_reports_of_one_event_stay_independent():
    assert not is_near_copy(TEXT, OTHER)
    # A digest that carries a short report whole among other items is not a copy of it.
    short = "\n".join(TEXT.split("\n")[:2])
    items = [
        f"The city council of Town {n} approved a budget of {n} million euros for new "
        f"schools on Tuesday, its mayor said after a long debate."
        for n in range(2, 12)
    ]
    digest = short + "\n" + "\n".join(items)
    assert not is_near_copy(short, digest)


def test_the_original_is_told_from_its_copies():
    orig = _article("orig", TITLE, TEXT, "wire.example", 5)
    spun = _article("spun", SPUN_TITLE, SPUN, "spinner.example", 0)
    bait = _article("bait", BAIT_TITLE, BAIT, "clicks.example", 0)
    edited = _article("edited", TITLE, TEXT.replace("shortly", "just"), "paper.example", 6)
    assert original([spun, orig]).id == "orig"
    assert original([bait, orig]).id == "orig"
    assert original([bait, spun, orig, edited]).id == "orig"
    # Copies worded alike: the earliest is the original.
    assert original([edited, orig]).id == "orig"


def test_a_copy_in_a_later_run_is_found_through_the_store(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.add_article(_article("orig", TITLE, TEXT, "wire.example", 0))
        process(store, embedder=False)
    with Store(path) as store:  # a new process: signatures and texts come from the store
        store.add_article(_article("spun", SPUN_TITLE, SPUN, "spinner.example", 1))
        process(store, embedder=False)
        assert store.report_ids(["spun"]) == {"spun": "orig"}


def test_a_signature_of_an_older_store_without_sentence_keys_still_loads():
    deduper = Deduper()
    deduper.add(_article("a", TITLE, TEXT, "wire.example", 0))
    blob = deduper.signatures["a"]
    fresh = Deduper()
    fresh.load("a", "a", blob[: 64 * 4])  # the word-shingle signature alone, as stored before
    fresh.load("b", "b", blob)
    assert fresh.add(_article("c", TITLE, TEXT + " Updated.", "x.example", 1)) in {"a", "b"}


# A report, a copy of it with a channel's boilerplate, and another report of the same event,
# in scripts other than Latin: copies are found, and texts with no Latin word are not all one.
OTHER_SCRIPTS = {
    "ru": (
        "Крупный пожар уничтожил склад логистической компании в Подмосковье в понедельник "
        "вечером.\nПо данным МЧС, площадь пожара составила пять тысяч квадратных метров.\n"
        "На месте работали сорок пожарных расчётов, пострадавших нет.\nПричины возгорания "
        "выясняются, возбуждено уголовное дело.",
        "\nПодписывайтесь на наш канал, чтобы первыми узнавать новости. Все права защищены.",
        "Вечером в понедельник в Подмосковье сгорело складское здание. Огонь охватил большую "
        "площадь, сообщают спасатели.\nЛюди не пострадали.\nСледователи начали проверку, "
        "рассматриваются версии поджога и короткого замыкания.",
    ),
    "ar": (
        "دمر حريق كبير مستودعا لشركة لوجستية في القاهرة مساء الاثنين.\nوقالت الحماية المدنية "
        "إن الحريق أتى على مساحة خمسة آلاف متر مربع.\nوشارك في إخماد الحريق أربعون سيارة "
        "إطفاء ولم تقع إصابات.\nوتحقق السلطات في أسباب الحريق وفتحت النيابة تحقيقا.",
        "\nتابعونا على قناتنا لمعرفة آخر الأخبار أولا بأول. جميع الحقوق محفوظة للناشر.",
        "اندلعت النيران مساء الاثنين في مخزن بالعاصمة المصرية.\nوهرعت فرق الإطفاء إلى المكان "
        "وسيطرت على النيران بعد ساعات.\nوأكد مصدر أمني عدم وجود ضحايا، فيما بدأت النيابة "
        "التحقيق في الواقعة.",
    ),
    "zh": (
        "周一晚间，北京郊区一座物流仓库发生大火，仓库被完全烧毁。\n消防部门表示，过火面积约五千平方米。\n"
        "现场共出动四十辆消防车，没有人员伤亡。\n火灾原因正在调查中，警方已经立案。",
        "\n欢迎关注我们的公众号，第一时间获取最新新闻。版权所有，未经授权不得转载。",
        "北京郊区周一晚上一处仓储设施起火。\n救援人员经过数小时扑救控制了火势。\n"
        "据当地官员介绍，事故未造成人员伤亡，相关部门已介入调查。",
    ),
}


@pytest.mark.parametrize("language", sorted(OTHER_SCRIPTS))
def test_copies_in_other_scripts_count_once_and_other_reports_stay_apart(tmp_path, language):
    text, boilerplate, other = OTHER_SCRIPTS[language]
    title, other_title = text.split("\n")[0][:40], other.split("\n")[0][:40]
    articles = [
        _article("orig", title, text, "wire.example", 0),
        _article("copy", title, text + boilerplate, "channel.example", 1),
        _article("other", other_title, other, "paper.example", 2),
    ]
    with Store(tmp_path / "s.db") as store:
        for article in articles:
            store.add_article(article)
        process(store, embedder=False)
        reports = store.report_ids([a.id for a in articles])
    assert reports["orig"] == reports["copy"] != reports["other"]


def test_texts_with_no_latin_word_have_their_own_hash():
    assert content_hash("Пожар на складе", "Склад сгорел") != content_hash("Наводнение", "Дом")
    assert content_hash("火灾", "仓库被烧毁") != content_hash("洪水", "房屋被淹")
    # English text hashes as before: the same words in the same order, whatever the case.
    assert content_hash("A fire", "The store burned.") == content_hash("a FIRE", "the store burned")


def test_a_spun_copy_in_another_language_is_told_from_its_original():
    # A spinner swaps German words for rarer ones ("stahlen" -> "entwendeten"): the original
    # is the plainer wording in its own language, not the earlier text.
    text = (
        "Bewaffnete Räuber stahlen am Donnerstag in Paris Schmuck im Wert von 85 Millionen "
        "Euro aus einem Geschäft.\nDie Polizei sagte, niemand sei verletzt worden.\nDie Täter "
        "flohen mit Ringen, Ketten und Uhren."
    )
    spun = (
        "Bewaffnete Banditen entwendeten am Donnerstag in Paris Geschmeide im Wert von 85 "
        "Millionen Euro aus einer Boutique.\nDie Gendarmerie verlautbarte, niemand sei "
        "versehrt worden.\nDie Delinquenten entkamen mit Reifen, Colliers und Chronometern."
    )
    orig = replace(_article("orig", "Räuber stehlen Schmuck in Paris", text, "a.example", 5),
                   language="de")  # fmt: skip
    copy = replace(_article("spun", "Banditen entwenden Geschmeide", spun, "b.example", 0),
                   language="de")  # fmt: skip
    assert original([copy, orig]).id == "orig"
