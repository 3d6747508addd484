"""Who, what, when, where, how much and how many, asked in each listed language about a report
in that language: answered from it, with the thing asked for; a question about something the
archive does not hold is declined.

Each language has one small report (written for these tests: a company's plan, who announced
it, where, on which day, its cost and its jobs) and questions written as a reader would ask
them. A question's words are those of the report in the same form: a word in another
inflection is not matched (see README, "Ask the news").
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsbrief.ask import local_answers
from newsbrief.ask.answers import ask
from newsbrief.ask.languages import english_question
from newsbrief.ingest.files import make_article
from newsbrief.store import Store
from newsbrief.stories.pipeline import process

NOW = datetime(2026, 12, 6, 12, tzinfo=UTC)

# language: (title, text, {question: what the answer says}, a question to decline)
CASES: dict[str, tuple[str, str, dict[str, str], str]] = {
    "de": (
        "Siemens baut neues Werk in Leipzig",
        "Der Konzern Siemens baut ein neues Werk in Leipzig. Vorstandschef Roland Busch "
        "stellte die Pläne am Dienstag vor. Das Werk kostet 2,4 Mrd. Euro. Dort sollen 1.200 "
        "Arbeitsplätze entstehen. Die Produktion soll 2027 beginnen.",
        {
            "Wer stellte die Pläne vor?": "Roland Busch",
            "Wo baut Siemens das neue Werk?": "Leipzig",
            "Wann stellte Busch die Pläne vor?": "Dienstag",
            "Wie viel kostet das Werk?": "2,4 Mrd. Euro",
            "Wie viele Arbeitsplätze sollen entstehen?": "1.200",
        },
        "Wer gewann das Finale in Wimbledon?",
    ),
    "fr": (
        "Airbus ouvre une usine à Toulouse",
        "Le constructeur Airbus ouvrira une nouvelle usine à Toulouse. Le président Guillaume "
        "Faury a annoncé le projet mardi. La nouvelle usine coûtera 1,5 milliard d'euros. La "
        "nouvelle usine emploiera 800 salariés. La production commencera en 2026.",
        {
            "Qui a annoncé le projet ?": "Guillaume Faury",
            "Où Airbus ouvrira une nouvelle usine ?": "Toulouse",
            "Quand Guillaume Faury a annoncé le projet ?": "mardi",
            "Combien coûtera la nouvelle usine ?": "1,5 milliard",
            "Combien de salariés emploiera la nouvelle usine ?": "800",
        },
        "Qui a gagné le Tour de France ?",
    ),
    "es": (
        "Iberdrola invertirá en Valencia",
        "La eléctrica Iberdrola invertirá en una planta solar en Valencia. El presidente "
        "Ignacio Galán presentó el proyecto el lunes. La inversión será de 500 millones de "
        "euros. La planta solar creará 300 empleos. Las obras empezarán en 2025.",
        {
            "¿Quién presentó el proyecto?": "Ignacio Galán",
            "¿Dónde invertirá Iberdrola en una planta solar?": "Valencia",
            "¿Cuándo presentó Galán el proyecto?": "lunes",
            "¿Cuánto será la inversión?": "500 millones",
            "¿Cuántos empleos creará la planta solar?": "300",
        },
        "¿Quién ganó la Liga?",
    ),
    "it": (
        "Fincantieri apre un cantiere a Genova",
        "Il gruppo Fincantieri aprirà un nuovo cantiere a Genova. L'amministratore delegato "
        "Pierroberto Folgiero ha presentato il piano venerdì. Il nuovo cantiere costerà 700 "
        "milioni di euro. Nel cantiere saranno assunti 450 operai. I lavori inizieranno nel 2026.",
        {
            "Chi ha presentato il piano?": "Pierroberto Folgiero",
            "Dove aprirà Fincantieri il nuovo cantiere?": "Genova",
            "Quando ha presentato il piano Folgiero?": "venerdì",
            "Quanto costerà il nuovo cantiere?": "700 milioni",
            "Quanti operai saranno assunti?": "450",
        },
        "Chi ha vinto il campionato?",
    ),
    "pt": (
        "Embraer abre fábrica em Évora",
        "A fabricante Embraer vai abrir uma nova fábrica em Évora. O presidente Francisco "
        "Gomes Neto anunciou o investimento na quinta-feira. A nova fábrica vai custar 200 "
        "milhões de euros. Na fábrica serão criados 600 empregos. A produção começa em 2026.",
        {
            "Quem anunciou o investimento?": "Francisco Gomes Neto",
            "Onde a Embraer vai abrir a nova fábrica?": "Évora",
            "Quando Gomes Neto anunciou o investimento?": "quinta-feira",
            "Quanto vai custar a nova fábrica?": "200 milhões",
            "Quantos empregos serão criados?": "600",
        },
        "Quem venceu o campeonato?",
    ),
    "nl": (
        "ASML bouwt nieuwe fabriek in Eindhoven",
        "Het chipbedrijf ASML bouwt een nieuwe fabriek in Eindhoven. Topman Christophe "
        "Fouquet maakte de plannen woensdag bekend. De nieuwe fabriek kost 1,2 miljard euro. "
        "Er komen 2.000 banen bij. De bouw begint in 2026.",
        {
            "Wie maakte de plannen bekend?": "Christophe Fouquet",
            "Waar bouwt ASML de nieuwe fabriek?": "Eindhoven",
            "Wanneer maakte Fouquet de plannen bekend?": "woensdag",
            "Hoeveel kost de nieuwe fabriek?": "1,2 miljard",
            "Hoeveel banen komen er bij?": "2.000",
        },
        "Wie won de Tour?",
    ),
    "pl": (
        "Orlen zbuduje instalację w Gdańsku",
        "Koncern Orlen zbuduje nową instalację w Gdańsku. Prezes Ireneusz Fąfara przedstawił "
        "plan w czwartek. Inwestycja będzie kosztować 3 mld zł. W Gdańsku powstanie 500 "
        "miejsc pracy. Budowa ruszy w 2026 roku.",
        {
            "Kto przedstawił plan?": "Ireneusz Fąfara",
            "Gdzie Orlen zbuduje nową instalację?": "Gdańsku",
            "Kiedy Fąfara przedstawił plan?": "czwartek",
            "Ile będzie kosztować inwestycja?": "3 mld",
            "Ile miejsc pracy powstanie?": "500",
        },
        "Kto wygrał mecz?",
    ),
    "tr": (
        "Türk Hava Yolları İzmir'de bakım tesisi açacak",
        "Türk Hava Yolları İzmir'de yeni bir bakım tesisi açacak. Genel Müdür Bilal Ekşi "
        "projeyi salı günü açıkladı. Tesis 250 milyon dolara mal olacak. Yeni tesiste 900 kişi "
        "çalışacak. İnşaat 2026 yılında başlayacak.",
        {
            "Projeyi kim açıkladı?": "Bilal Ekşi",
            "Türk Hava Yolları yeni bakım tesisi nerede açacak?": "İzmir",
            "Genel Müdür projeyi ne zaman açıkladı?": "salı",
            "Tesis ne kadar dolara mal olacak?": "250 milyon",
            "Yeni tesiste kaç kişi çalışacak?": "900",
        },
        "Maçı kim kazandı?",
    ),
    "ru": (
        "«Газпром» построит завод в Казани",
        "Компания «Газпром» построит новый завод в Казани. Глава компании Алексей Миллер "
        "представил проект в понедельник. Строительство обойдётся в 90 миллиардов рублей. На "
        "заводе будут работать 1500 человек. Завод откроется в 2027 году.",
        {
            "Кто представил проект?": "Алексей Миллер",
            "Где «Газпром» построит новый завод?": "Казани",
            "Когда Миллер представил проект?": "понедельник",
            "Во сколько обойдётся строительство?": "90 миллиардов рублей",
            "Сколько человек будут работать на заводе?": "1500",
        },
        "Кто выиграл чемпионат?",
    ),
    "ar": (
        "أرامكو تبني مصفاة جديدة في الرياض",
        "تبني شركة أرامكو مصفاة جديدة في الرياض. وقال الرئيس التنفيذي أمين الناصر إن المشروع "
        "سيبدأ يوم الأحد. وتبلغ تكلفة المشروع 5 مليار دولار. ويبلغ عدد الوظائف الجديدة 3000 "
        "وظيفة. ومن المتوقع أن يكتمل المشروع في عام 2028.",
        {
            "من قال إن المشروع سيبدأ؟": "أمين الناصر",
            "أين تبني أرامكو مصفاة جديدة؟": "الرياض",
            "متى سيبدأ المشروع؟": "الأحد",
            "كم تبلغ تكلفة المشروع؟": "5 مليار دولار",
            "كم عدد الوظائف الجديدة؟": "3000",
        },
        "من فاز بكأس العالم؟",
    ),
    "zh": (
        "比亚迪在深圳建设新工厂",
        "比亚迪将在深圳建设一座新工厂。董事长王传福周三宣布了这一计划。比亚迪表示，这座新工厂的投资总额为50亿元。"
        "这座新工厂将雇用3000名员工，主要生产电池。工厂预计2026年投产。",
        {
            "谁宣布了这一计划？": "王传福",
            "比亚迪在哪里建设新工厂？": "深圳",
            "王传福什么时候宣布了这一计划？": "周三",
            "新工厂投资多少钱？": "50亿元",
            "工厂将雇用多少名员工？": "3000",
        },
        "谁赢得了世界杯？",
    ),
    "ja": (
        "トヨタが名古屋に新工場を建設",
        "トヨタ自動車は名古屋に新しい工場を建設すると発表した。豊田章男会長が月曜日に計画を"
        "明らかにした。新工場への投資額は3000億円となる見通しだ。新工場では約2500人が働く予定だ。工場は2027年に"
        "稼働する。",
        {
            "誰が計画を明らかにしたのですか？": "豊田章男",
            "トヨタ自動車はどこに新しい工場を建設するのですか？": "名古屋",
            "豊田章男会長はいつ計画を明らかにしたのですか？": "月曜日",
            "新工場への投資額はいくらですか？": "3000億円",
            "新工場では何人が働くのですか？": "2500",
        },
        "誰がワールドカップで優勝したのですか？",
    ),
}


def _store_with(tmp_path, language: str) -> Store:  # type: ignore[no-untyped-def]
    title, text, _, _ = CASES[language]
    store = Store(tmp_path / f"{language}.db")
    article = make_article(
        article_id=f"{language}1", title=title, text=text, url=f"https://example.org/{language}",
        source="example.org", published=NOW - timedelta(days=1), seen_at=NOW,
    )  # fmt: skip
    article.language = language
    store.add_article(article)
    process(store, embedder=False)
    return store


@pytest.mark.parametrize("language", sorted(CASES))
def test_questions_in_each_language_are_answered_or_declined(tmp_path, language):
    if language in ("zh", "ja"):
        pytest.importorskip("jieba", reason="the cjk extra is not installed")
        pytest.importorskip("janome", reason="the cjk extra is not installed")
    _, _, asked, unanswerable = CASES[language]
    wrong = []
    with _store_with(tmp_path, language) as store:
        for question, expected in asked.items():
            answer = ask(store, question, now=NOW)
            said = " ".join(s.text for s in answer.answer)
            if not answer.found or expected not in said:
                wrong.append(f"{question} -> {said or answer.note}")
        declined = ask(store, unanswerable, now=NOW)
    assert wrong == []
    assert not declined.found, unanswerable


def _said(sentence: str, question: str, kind: str) -> list[str]:
    return [sentence[a:b] for a, b in local_answers.spans(sentence, question, kind)]


def test_people_and_places_are_told_apart_in_scripts_without_latin_capitals():
    russian = "Глава компании Алексей Миллер представил проект в Казани."
    assert _said(russian, "who представил проект?", "who") == ["Алексей Миллер"]
    assert _said(russian, "where представил проект?", "where") == ["Казани"]
    # A name the question gives is not its answer, in whatever case it is written.
    assert _said(russian, "who Алексеем Миллером представлен?", "who") == []
    arabic = "وقال محافظ البنك حسن عبد الله إن القرار يهدف إلى كبح التضخم في القاهرة."
    assert _said(arabic, "who محافظ البنك?", "who") == ["حسن عبد الله"]
    assert _said(arabic, "where القرار?", "where") == ["القاهرة"]
    assert _said(arabic.replace("حسن عبد الله", "أمين الناصر"), "who?", "who") == ["أمين الناصر"]
    turkish = "Genel Müdür Bilal Ekşi projeyi İzmir'de salı günü açıkladı."
    assert _said(turkish, "who projeyi açıkladı?", "who") == ["Genel Müdür Bilal Ekşi"]
    assert _said(turkish, "where projeyi açıkladı?", "where") == ["İzmir'de"]
    assert _said(turkish, "when projeyi açıkladı?", "when") == ["salı"]


def test_english_sentences_are_left_to_the_english_rules():
    sentence = "Mayor Ed Lee spoke in Boston on Tuesday."
    for kind in ("who", "where", "when"):
        assert local_answers.spans(sentence, f"{kind} spoke?", kind) == []


def test_how_much_is_any_amount_whatever_verb_follows():
    # "Wie viel zahlt ...": the verb is no noun the figure must count.
    assert english_question("Wie viel zahlt Siemens für Altair?").startswith("how much did ")
    assert english_question("Combien a payé Siemens ?").startswith("how much did ")
    # A German noun after "wie viele" is what is counted; Turkish asks last, read first.
    assert english_question("Wie viele Menschen wurden evakuiert?").startswith("how many menschen")
    assert english_question("Projeyi kim açıkladı?").startswith("who ")
    assert english_question("工厂将雇用多少名员工？").startswith("how many")
