"""Messy real-world text in many languages: mailings laid out in tables, headlines written in
bold paragraphs, labels and mailing furniture in other scripts, stories with lists in them."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from newsbrief.ingest.extract import extract_html
from newsbrief.ingest.files import read_file
from newsbrief.models import Article
from newsbrief.summarize.keyphrases import keyphrases
from newsbrief.text import korean, segment
from newsbrief.text.boilerplate import boilerplate_reason
from newsbrief.text.digests import is_headline, is_section_label, split_digest
from newsbrief.text.repair import repair_text
from newsbrief.text.structure import HEADING, ITEM, PARAGRAPH, Block, split_inline_items
from newsbrief.text.wordlists import is_junk_topic, is_not_story_heading

SEEN = datetime(2026, 1, 1, tzinfo=UTC)

_KO_STORIES = [
    (
        "삼성전자, 평택에 새 반도체 라인 짓는다",
        "삼성전자가 평택 캠퍼스에 새 반도체 생산라인을 세우고 2027년까지 약 30조 원을"
        " 투자한다고 밝혔다. 새 라인에서는 인공지능 서버용 메모리를 생산할 예정이다.",
    ),
    (
        "카카오, AI 비서 유료 요금제 출시",
        "카카오는 인공지능 비서에 월 9,900원짜리 유료 요금제를 도입한다고 밝혔다. 무료"
        " 이용자는 하루 질문 횟수가 30회로 제한된다.",
    ),
    (
        "환경부, 내년 전기차 보조금 기준 바꾼다",
        "환경부는 내년부터 전기차 보조금을 배터리 재활용 가능성과 충전 속도에 따라 차등"
        " 지급하겠다고 발표했다. 완성차 업계는 국산차가 유리해질 것으로 본다.",
    ),
]


def _korean_mailing() -> str:
    rows = "".join(
        f"<tr><td><h2>{title}</h2><p>{text}</p></td></tr>" for title, text in _KO_STORIES
    )
    return (
        "<html><body><table role='presentation' width='100%'>"
        "<tr><td><p>이메일이 제대로 보이지 않나요? 웹에서 보기</p></td></tr>"
        "<tr><td><h1>테크 브리핑</h1>"
        "<p>안녕하세요. 오늘은 세 가지 소식을 전해 드립니다.</p></td></tr>"
        f"{rows}"
        "<tr><td><h3>광고</h3>"
        "<p>클라우드 비용이 부담되시나요? 첫 달 요금을 50% 할인해 드립니다.</p>"
        "</td></tr><tr><td><p>이 메일은 테크 브리핑 구독을 신청하신 분께 발송됩니다. 수신 거부</p>"
        "</td></tr></table></body></html>"
    )


def test_a_headline_with_an_acronym_in_a_script_without_capitals_is_a_headline():
    assert is_headline("카카오, AI 비서 ‘카나나’ 유료 요금제 출시", "ko")
    assert is_headline("阿里云发布 AI 新模型 Qwen 三代", "zh")
    assert not is_headline("QUICK HITS FROM THE WEEK", "en")


def test_a_korean_mailing_in_a_layout_table_keeps_its_headings_and_its_stories(
    tmp_path: Path,
) -> None:
    message = EmailMessage()
    message["From"] = "테크 브리핑 <letter@example.kr>"
    message["Subject"] = "테크 브리핑: 세 가지 소식"
    message["Date"] = "Thu, 12 Jun 2025 07:00:00 +0900"
    message.set_content(_korean_mailing(), subtype="html", cte="base64")
    path = tmp_path / "letter.eml"
    path.write_bytes(bytes(message))
    articles = [a for a in read_file(path, SEEN) if isinstance(a, Article)]
    assert [a.title for a in articles] == [title for title, _ in _KO_STORIES]
    assert all("수신 거부" not in a.text and "할인" not in a.text for a in articles)


def test_labels_in_other_scripts_are_known_whatever_language_the_page_is_said_to_be_in():
    for heading in ("광고", "한눈에 보기", "本期要点", "相关阅读", "Коротко:", "Читайте также"):
        assert is_not_story_heading(heading, "en"), heading
        assert is_section_label(heading, "en"), heading
    assert is_not_story_heading("Lo que estamos leyendo", "es")
    assert not is_not_story_heading("Samsung delays its Texas factory", "en")


def test_mailing_furniture_in_other_languages_is_boilerplate():
    for line in (
        "이 메일은 테크 브리핑 구독을 신청하신 분께 발송됩니다.",
        "¿Te han reenviado este correo?",
        "Suscríbete gratis.",
        "Если письмо переслали вам — подпишитесь по ссылке.",
        "如需退订，请点击这里。",
        "Newsletter abbestellen",
    ):
        assert boilerplate_reason(line) == "mailing", line
    for news in (
        "카카오는 출시 석 달 만에 가입자가 400만 명을 넘었다.",
        "Депутаты приняли закон о платформенной экономике.",
        "La empresa ofrece prejubilaciones a partir de los 56 años.",
    ):
        assert boilerplate_reason(news) is None, news


def _bold_paragraph_mailing() -> str:
    def story(title: str, *paragraphs: str) -> str:
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        return f"<div><p style='font-size:19px;font-weight:bold'>{title}</p>{body}</div>"

    return (
        "<html><body><div><p><b>The Desk</b> | Issue #9 | Monday</p>"
        + story(
            "EU fines Meta over its advertising data",
            "The European Commission fined Meta €1.3 billion on Monday for combining data from"
            " Facebook and Instagram to target ads without asking users first. Meta said it"
            " would appeal the decision.",
            "The decision also orders a version of the apps with less personalised advertising"
            " within 60 days. - Meta has 10 working days to say how it will comply. - Privacy"
            " groups said the fine was too small to matter. - Shares of Meta fell 2% in"
            " premarket trading.",
        )
        + story(
            "Alibaba releases a smaller Qwen model",
            "Alibaba Cloud released a seven-billion-parameter version of its Qwen model that"
            " runs on a laptop without a graphics card, and published the weights.",
        )
        + story(
            "Boeing burns through cash in the quarter",
            "Boeing said it used $4.1 billion of cash in the first quarter as it slowed"
            " production of its 737 Max jets while regulators inspected its factories.",
        )
        + "<div><p style='font-weight:bold'>Worth reading</p>"
        "<ul><li><a href='https://a.example/1'>How the new ID card app works</a></li>"
        "<li><a href='https://a.example/2'>The key points of the AI law</a></li></ul>"
        "<p>Thanks for reading, see you on Tuesday morning.</p></div>"
        "</div></body></html>"
    )


def test_a_story_whose_lead_paragraph_runs_into_a_list_is_still_a_story():
    extracted = extract_html(_bold_paragraph_mailing())
    assert extracted is not None
    titles = [p.title for p in split_digest(extracted.blocks, "en")]
    assert titles == [
        "EU fines Meta over its advertising data",
        "Alibaba releases a smaller Qwen model",
        "Boeing burns through cash in the quarter",
    ]


def test_a_reading_list_with_a_closing_line_is_no_story():
    def section(title: str, *blocks: Block) -> list[Block]:
        return [Block(HEADING, title, 2), *blocks]

    blocks = [
        *section(
            "Chipmaker raises its sales forecast",
            Block(
                PARAGRAPH,
                "TSMC raised its revenue forecast for the year on Tuesday, citing"
                " demand for artificial-intelligence chips from data centres.",
            ),
        ),
        *section(
            "Carmaker recalls its electric vans",
            Block(
                PARAGRAPH,
                "Volkswagen is recalling 40,000 electric vans in Europe because a"
                " faulty seat-belt buckle may open in a crash, regulators said.",
            ),
        ),
        *section(
            "Court halts a copper mine in Panama",
            Block(
                PARAGRAPH,
                "Panama's supreme court ordered the closure of a copper mine run"
                " by First Quantum after weeks of protests over its contract.",
            ),
        ),
        *section(
            "What we are reading this week",
            Block(ITEM, "How the new ID card app works on phones"),
            Block(ITEM, "The key points of the European law on AI"),
            Block(ITEM, "Is a second-hand electric car worth buying now"),
            Block(PARAGRAPH, "And if you like it, pass it on to a friend."),
        ),
    ]
    titles = [p.title for p in split_digest(blocks, "en")]
    assert titles == [
        "Chipmaker raises its sales forecast",
        "Carmaker recalls its electric vans",
        "Court halts a copper mine in Panama",
    ]


def test_korean_topics_are_nouns_without_their_particles_and_never_verbs():
    assert korean.noun("국회는") == "국회" and korean.noun("삼성전자가") == "삼성전자"
    assert korean.noun("국가") == "국가"  # two syllables stay a noun
    assert korean.is_predicate("밝혔다") and korean.is_predicate("투자한다고")
    assert not korean.is_predicate("캐나다")  # a name that ends on 다
    for junk in ("국회는", "밝혔다", "지난달", "올해", "관계자", "국회 지난달"):
        assert is_junk_topic(junk, "ko"), junk
    for topic in ("국회", "삼성전자", "전세사기 피해자", "캐나다"):
        assert not is_junk_topic(topic, "ko"), topic
    article = Article(
        id="ko-1",
        title="국회, 전세사기 특별법 개정안 통과",
        text="국회는 지난달 28일 본회의에서 전세사기 특별법 개정안을 통과시켰다. 국회는 피해"
        " 주택을 공공이 사들이도록 했다고 밝혔다.",
        url="https://example.kr/1",
        language="ko",
    )
    found = keyphrases([article])
    assert "국회" in found and not any(is_junk_topic(k, "ko") for k in found), found


def test_chinese_topics_are_nouns_not_time_words_verbs_or_pronouns():
    if not segment.available("zh"):
        return
    found = segment.nouns("杭州的深度求索公司周二宣布此举", "zh")
    assert found is not None
    assert "周二" not in found and "此举" not in found
    assert "杭州" in found
    for junk in ("今年", "当天", "公司", "表示", "宣布"):
        assert is_junk_topic(junk, "zh"), junk


def test_lists_on_one_line_are_split_in_scripts_with_and_without_capitals():
    arabic = (
        "وقّعت قطر اتفاقاً لتوريد الغاز إلى ألمانيا لمدة 15 عاماً. - وتبلغ الكميات مليوني طن"
        " سنوياً. - وقال مسؤول ألماني إن الاتفاق يقلل اعتماد بلاده على مصادر أخرى."
    )
    assert len(split_inline_items(arabic)) == 3
    russian = "Яндекс открыл доступ к модели для школ. - Сбер снизил ставки по ипотеке."
    assert split_inline_items(russian) == [
        "Яндекс открыл доступ к модели для школ.",
        "Сбер снизил ставки по ипотеке.",
    ]
    chinese = (
        "1、统计局公布5月物价同比上涨0.3%。2、比亚迪匈牙利工厂年底投产。3、港股恒生指数收涨1.1%。"
    )
    assert split_inline_items(chinese) == [
        "统计局公布5月物价同比上涨0.3%。",
        "比亚迪匈牙利工厂年底投产。",
        "港股恒生指数收涨1.1%。",
    ]
    # Not a count from one, or days written with ordinal dots: no list.
    assert split_inline_items("收涨1.1%。5、科技股上涨。") == ["收涨1.1%。5、科技股上涨。"]
    assert split_inline_items("Geschlossen vom 12. - 31. Dezember.") == [
        "Geschlossen vom 12. - 31. Dezember."
    ]


def test_spacing_pulled_off_figures_and_a_quote_lost_to_mojibake_are_repaired():
    assert repair_text("desde 2026 , una apuesta") == "desde 2026, una apuesta"
    assert repair_text("subieron un 2 ,5 % en la Bolsa") == "subieron un 2,5% en la Bolsa"
    assert repair_text("segÃºn â€œdatos del mercadoâ€\ufffd.") == "según “datos del mercado”."
    assert repair_text("Vote 4, 5, 6 and 1,200.") == "Vote 4, 5, 6 and 1,200."


def test_the_numbers_that_count_a_digests_stories_are_no_part_of_their_titles():
    def story(title: str, text: str) -> list[Block]:
        return [Block(HEADING, title, 2), Block(PARAGRAPH, text)]

    blocks = [
        *story(
            "1. Telefónica negocia un ERE para 3.000 trabajadores",
            "Telefónica comunicó el lunes a los sindicatos su intención de abrir un expediente"
            " de regulación de empleo para unos 3.000 empleados.",
        ),
        *story(
            "2. El Supremo confirma la multa a Glovo",
            "El Tribunal Supremo confirmó que Glovo debe pagar 57 millones de euros en"
            " cotizaciones atrasadas a la Seguridad Social.",
        ),
        *story(
            "3. Seis horas sin nube en Madrid",
            "Un fallo en un centro de datos de Madrid dejó sin servicio durante seis horas a"
            " bancos, tiendas en línea y ayuntamientos.",
        ),
    ]
    titles = [p.title for p in split_digest(blocks, "es")]
    assert titles == [
        "Telefónica negocia un ERE para 3.000 trabajadores",
        "El Supremo confirma la multa a Glovo",
        "Seis horas sin nube en Madrid",
    ]


def test_sentences_of_every_script_can_be_cited():
    from newsbrief.summarize.candidates import is_well_formed

    for sentence in (
        "Распоряжение подписал премьер-министр Михаил Мишустин, сообщили в правительстве.",
        "삼성전자가 경기도 평택 캠퍼스에 네 번째 반도체 생산라인을 세우기로 했다.",
        "杭州的深度求索公司周二宣布，将旗下对话模型的接口调用价格下调约70%。",
        "قال البنك المركزي المصري يوم الخميس إنه أبقى أسعار الفائدة دون تغيير.",
        "Über München fliegen in diesem Sommer mehr Menschen als je zuvor.",
    ):
        assert is_well_formed(sentence), sentence
    for line in (
        "ТАРИФЫ НА ОТОПЛЕНИЕ ВЫРАСТУТ ВО ВСЕХ РЕГИОНАХ.",  # a line in capitals
        "Для пенсионеров тарифы вырастут меньше, чем …",  # cut
        "Почему тарифы на отопление снова растут в регионах?",  # a question
        "网信办发布认证办法。",  # too short
    ):
        assert not is_well_formed(line), line
