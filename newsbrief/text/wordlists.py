"""Words by language: function words, calendar words, units, section headings.

Topics and titles must never be a stopword, a weekday, a unit or a section label, in whatever
language the article is written. The lists come from well-kept sources where one exists: the
stoplists jusText ships (frequent function words of Wikipedia in about 100 languages; jusText
comes with trafilatura) and Babel's CLDR month and weekday names for every locale, and its
names of numbers and units ("миллиардов", "процентов") for the languages whose units are not
written here. What no library lists (the labels newsletters put over sections, and the units
and magnitudes of a few languages, whose CLDR names hold words news uses otherwise, "hour") is
written here, one table per language: a language is supported by adding its row.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from newsbrief.text import korean, morphology
from newsbrief.text.tokens import STOPWORDS

DEFAULT_LANGUAGE = "en"

# ISO 639-1 code -> jusText's stoplist name.
_JUSTEXT_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "tr": "Turkish", "ru": "Russian",
    "ar": "Arabic", "sv": "Swedish", "da": "Danish", "fi": "Finnish", "cs": "Czech",
    "uk": "Ukrainian", "ro": "Romanian", "hu": "Hungarian", "el": "Greek", "ko": "Korean",
}  # fmt: skip

# The core function words of each language: articles, pronouns, prepositions, conjunctions,
# auxiliaries. jusText's lists (below) are longer but are drawn from Wikipedia and hold names
# ("London", "Paris", "Deutschland"): they judge only words written in lower case.
_CORE = {
    "de": """der die das den dem des ein eine einen einem einer eines und oder aber doch denn
        nicht kein keine ich du er sie es wir ihr man sich mit von zu zum zur im in an am auf aus
        bei nach vor über unter für gegen ohne um durch bis seit als wie wenn dass ob ist sind
        war waren wird werden wurde wurden hat haben hatte hatten sein soll sollen kann können
        muss müssen auch noch schon nur sehr mehr so da hier dort dies diese dieser dieses
        jener welche welcher was wer wo mein meine meinen meinem meiner meines seine seinen
        seinem seiner ihre ihren ihrem ihrer unser unsere unseren angesichts laut""",
    "fr": """le la les l' un une des du de d' au aux et ou mais donc car ni ne pas plus je tu il
        elle on nous vous ils elles se ce cet cette ces qui que quoi dont où en dans sur sous
        pour par avec sans chez entre vers est sont été être a ont avait avoir fait aussi très
        comme si leur leurs son sa ses mon ma mes notre nos votre vos""",
    "es": """el la los las lo un una unos unas y o pero ni no de del al a en con sin por para
        sobre entre hasta desde que quien cual como cuando donde es son fue fueron ser estar
        está están ha han había se su sus mi mis tu tus nuestro nuestra muy más también ya
        este esta estos estas ese esa eso""",
    "it": """il lo la i gli le un uno una e o ma né non di del della dei delle a al alla da
        dal in nel nella con su sul per tra fra che chi cui come quando dove è sono era erano
        essere stato ha hanno aveva si suo sua suoi sue mio mia molto più anche già questo
        questa quello quella""",
    "pl": """w we z ze na do od po przez dla o i a ale lub albo oraz czy nie tak jak że się
        jest są był była było byli były być będzie według przy pod nad przed za u bez ten ta to
        te tego tej tym ci ich jego jej niektóre niektórzy który która które którzy co
        gdy kiedy gdzie już też także tylko bardzo""",
    "tr": """ve ile veya ya bir bu şu o da de ki için gibi ama fakat ancak çok daha en
        kadar sonra önce göre olarak olan oldu ise değil var yok her bazı""",
    # Arabic has no capitals, so jusText's list (which holds "مصر" and "دولار") cannot be
    # limited to lower-case words: its function words are listed here, with the forms that
    # join "and" ("و") to them.
    "ar": """في فى من إلى الى إلي الي على علي عن مع أن إن ان لا لم لن ما هذا هذه ذلك تلك التي
        التى الذي الذين قد كان كانت يكون هو هي هم نحن أنا أو او ثم بعد قبل حتى منذ عند لدى
        بين خلال كل كما أي أيضا أيضاً لكن بل إذا اذا وقد وفي ومن وهو وهي وأن وإن وعلى وإلى
        ولا وما وكان وكانت عليه عليها فيه فيها منه منها به بها له لها لهم أنه انه إنه أنها
        انها ضد حول دون غير مثل نحو""",
    # Chinese and Japanese have no capitals either, and a segmenter gives their light verbs
    # and function words as words ("する", "进行"): these never name a subject.
    "zh": """的 了 是 在 和 与 及 或 等 这 那 这些 那些 这个 那个 一个 我们 你们 他们 它们 可以
        进行 通过 以及 其他 已经 没有 如果 因为 所以 但是 然后 对于 关于 由于 之后 之前 以后
        目前 同时 此外 使用 公司 企业 报告 记者 消息 人士 方面 问题 情况 有关 相关 部门 机构
        负责人 表示 宣布 认为 指出 称 据悉""",
    # Korean has no capitals either, and jusText's Korean list is a frequency list that holds
    # nouns news is about ("캠퍼스", "반도체"): its function words are listed here, with the
    # nouns that only stand in for others ("것", "수", "등") and verbs of saying.
    "ko": """그 이 저 그것 이것 것 수 등 및 또 또는 그리고 하지만 그러나 그런데 또한 즉 및 이번
        지난 현재 당시 이날 최근 관련 대한 대해 위해 위한 통해 따라 따르면 함께 가장 더 약 중
        때 후 전 간 각 새 모든 다른 같은 있는 없는 하는 한 된 되는 것으로 것이다 있다 없다
        했다 한다 밝혔다 말했다 설명했다 전했다 덧붙였다 이라고 라고 여러분 회사 관계자 업계
        이용자 사용자 고객 고객사 정부 당국 기업 업체 전문가 관계 기자 발표 예정 계획 경우
        가운데 이상 이하 정도 기존 일부 대부분""",
    "ja": """する される させる なる ある いる できる 行う おる れる られる こと もの ため よう
        とき ところ これ それ あれ この その あの ここ そこ など まで から より""",
}
# Languages whose function words are the core list alone (see _CORE).
_CORE_ONLY = frozenset({"ko"})
# Words jusText's English list holds that are names of what news is about, not function words.
_NOT_FUNCTION = {"en": frozenset("war world music film city police court army".split())}

# Magnitudes, units and currencies: a figure's words, never a topic on their own.
_UNITS = {
    "en": """billion billions million millions trillion trillions thousand thousands hundred
        hundreds bn mn tn percent pct cent per dollar dollars euro euros pound pounds yen yuan
        rupee rupees won franc francs usd eur gbp cent cents km kilometer kilometers kilometre
        kilometres mile miles meter meters metre metres foot feet inch inches kg kilogram
        kilograms ton tons tonne tonnes mph gallon gallons barrel barrels acre acres hectare
        hectares degree degrees celsius fahrenheit percentage point points share shares""",
    "de": """milliarde milliarden million millionen billion billionen tausend prozent euro
        dollar mrd mio kilometer meter tonnen grad punkte""",
    "fr": """milliard milliards million millions mille pour cent euros dollars kilomètres
        mètres tonnes degrés points""",
    "es": """millón millones mil billón billones por ciento euros dólares kilómetros metros
        toneladas grados puntos""",
    "it": """miliardo miliardi milione milioni mila per cento euro dollari chilometri metri
        tonnellate gradi punti""",
}
# Adverbs and connectives that open sentences ("However, ...") and so look like names.
_ADVERBS = {
    "en": """however meanwhile moreover furthermore nevertheless nonetheless therefore thus
        hence instead otherwise still yet also already again even though although despite
        overall currently recently previously finally additionally separately similarly
        likewise indeed perhaps maybe nearly almost about approximately reportedly allegedly
        earlier later today tonight yesterday tomorrow now then here there""",
    "de": "jedoch allerdings außerdem zudem trotzdem dennoch bereits inzwischen heute gestern",
    "fr": """cependant toutefois néanmoins pourtant ainsi aussi déjà aujourd'hui hier désormais
        maintenant ici""",
    "es": "sin embargo además también todavía ya hoy ayer ahora aquí",
    "it": "tuttavia inoltre anche già oggi ieri ora adesso qui",
}
# Calendar words Babel does not give: relative days and seasons.
_CALENDAR_EXTRA = {
    "en": "today tonight yesterday tomorrow weekend spring summer autumn fall winter quarter "
    "quarters",
    "de": "heute gestern morgen wochenende monat monats monate monaten woche wochen",
    "fr": "aujourd'hui hier demain week-end semaine semaines mois année années",
    "es": "hoy ayer mañana semana semanas mes meses hora horas",
    "it": "oggi ieri domani settimana settimane mese mesi ora ore",
    "ko": """오늘 어제 내일 올해 지난해 작년 내년 지난달 이달 다음달 지난주 이번주
        다음주 주말 연말 연초""",
    "zh": """今天 昨天 明天 今年 去年 明年 本月 上月 下月 本周 上周 下周 当天 当日
        近日 日前 周末 年底 年初""",
}
# Abbreviations that news writes with a stop and that a name pattern reads without it:
# US state and title abbreviations in the AP style ("Cupertino, Calif.").
_ABBREVIATIONS = {
    "en": """ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss
        mo mont neb nev okla ore pa tenn tex va vt wash wis wyo gov sen rep gen lt col sgt
        capt cmdr adm supt det insp jan feb mar apr jun jul aug sep sept oct nov dec corp inc
        ltd co bros jr sr st mt ft""",
}
# Labels newsletters and explainers put over sections: they say what kind of text follows,
# not what it is about. Written without punctuation, in lower case.
_SECTION_LABELS = {
    "en": """what's happening|what is happening|what happened|what we know|what we don't know|
        why it matters|why does it matter|why this matters|why it's important|what it means|
        what does it mean|what this means|what's next|what happens next|what comes next|
        the big picture|big picture|the bottom line|bottom line|key takeaways|takeaways|
        key points|the takeaway|takeaway|tl dr|tldr|summary|overview|in brief|briefly|
        background|context|the details|details|the news|the latest|latest|our take|
        between the lines|zoom in|zoom out|go deeper|driving the news|state of play|
        by the numbers|yes but|the catch|catch up quick|the gist|in short|analysis|
        sources|references|further reading|read more|related|related stories|keywords|
        tags|topics|in this issue|in today's issue|today's issue|contents|table of contents|
        top stories|today's top stories|the rundown|quick hits|also today|in other news|
        more news|elsewhere|sponsored|sponsor|presented by|together with|from our sponsors|
        advertisement|partner content|feedback|share this|subscribe|about us|about|faq|
        timeline|introduction|conclusion|the story so far|how we got here|what to watch|
        what to know|need to know|key facts|facts|at a glance|quick take|one more thing|
        update|editor's note|editors' note|editor's update|correction|clarification""",
    "de": """worum es geht|was passiert ist|warum das wichtig ist|was das bedeutet|wie es
        weitergeht|hintergrund|zusammenfassung|überblick|das wichtigste|quellen|mehr zum thema|
        schlagwörter|fazit|aktualisierung|anmerkung der redaktion|korrektur""",
    "fr": """ce qu'il faut savoir|pourquoi c'est important|ce que cela signifie|et après|
        contexte|résumé|en bref|sources|à lire aussi|mots-clés|l'essentiel|mise à jour|
        note de la rédaction|rectificatif""",
    "es": """qué está pasando|por qué importa|qué significa|qué sigue|contexto|resumen|
        en breve|fuentes|lee también|palabras clave|lo esencial|actualización|
        nota del editor|nota de la redacción|corrección|en resumen|lo que estamos leyendo|
        lo más leído|recomendaciones""",
    "ru": """главное|коротко|кратко|итоги|контекст|подробности|источники|читайте также|
        реклама|что случилось|почему это важно|что дальше""",
    "ko": """한눈에 보기|핵심 정리|요약|주요 뉴스|광고|관련 기사|함께 읽기|더 읽을거리|배경""",
    "zh": """本期要点|要点|摘要|导读|相关阅读|延伸阅读|推荐阅读|广告|推广|背景|小结""",
    "ja": """要点|まとめ|関連記事|広告|背景""",
    "ar": """باختصار|اقرأ أيضا|اقرأ أيضاً|إعلان|خلفية|ملخص""",
}
# Section labels that mark what is not a story: overviews, keywords, sponsors, link lists.
_NOT_STORY_LABELS = {
    "en": """summary|overview|key takeaways|takeaways|key points|the takeaway|tl dr|tldr|
        in brief|in short|at a glance|sources|references|further reading|read more|related|
        related stories|related news|related articles|keywords|tags|topics|in this issue|
        in today's issue|today's issue|
        contents|table of contents|sponsored|sponsor|presented by|together with|
        from our sponsors|advertisement|partner content|feedback|share this|subscribe|
        about us|about|faq|quick links|links|tools|jobs|events|one more thing|
        in case you missed it|icymi|also worth reading|worth reading|more to read""",
    "de": "zusammenfassung|überblick|das wichtigste|quellen|mehr zum thema|schlagwörter",
    "fr": "résumé|en bref|sources|à lire aussi|mots-clés|l'essentiel",
    "es": """resumen|en breve|fuentes|lee también|palabras clave|lo esencial|en resumen|
        lo que estamos leyendo|lo más leído|recomendaciones""",
    "ru": "главное|коротко|кратко|итоги|источники|читайте также|реклама",
    "ko": "한눈에 보기|핵심 정리|요약|주요 뉴스|광고|관련 기사|함께 읽기|더 읽을거리",
    "zh": "本期要点|要点|摘要|导读|相关阅读|延伸阅读|推荐阅读|广告|推广",
    "ja": "要点|まとめ|関連記事|広告",
    "ar": "باختصار|اقرأ أيضا|اقرأ أيضاً|إعلان|ملخص",
}

# Headings that open a sponsor's block, whatever follows ("Together with Cloudly").
_SPONSOR_OPENINGS = {
    "en": "together with|presented by|sponsored by|brought to you by|in partnership with|"
    "a message from|a word from|from our partner|partner",
    "de": "anzeige|präsentiert von|in zusammenarbeit mit",
    "fr": "publicité|présenté par|en partenariat avec",
    "es": "publicidad|presentado por|en colaboración con",
}

_SPACE = re.compile(r"\s+")
_LABEL_CHARS = re.compile(r"[^\w\s'-]")


def _split(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in text.split())


def _labels(table: dict[str, str], language: str) -> frozenset[str]:
    return frozenset(
        " ".join(part.split()) for part in table.get(language, "").split("|") if part.strip()
    )


def normal_label(text: str) -> str:
    """A heading as the label tables write it: lower case, no punctuation, one space."""
    text = text.replace("’", "'").replace(";", " ").lower()
    return _SPACE.sub(" ", _LABEL_CHARS.sub(" ", text)).strip()


def language_of(code: str | None) -> str:
    return (code or DEFAULT_LANGUAGE).split("-")[0].lower()


@lru_cache(maxsize=64)
def function_words(language: str) -> frozenset[str]:
    words: set[str] = set()
    if language == "en":
        words |= STOPWORDS
    name = _JUSTEXT_NAMES.get(language)
    if language in _CORE_ONLY:
        return frozenset(_split(_CORE[language]))
    if name:
        try:
            import justext

            words |= {w.lower() for w in justext.get_stoplist(name)}
        except (ImportError, ValueError):  # pragma: no cover - jusText comes with trafilatura
            pass
    return frozenset(words - _NOT_FUNCTION.get(language, frozenset()))


@lru_cache(maxsize=64)
def core_function_words(language: str) -> frozenset[str]:
    """The short list of a language's function words (English: the project's stopwords)."""
    return STOPWORDS if language == "en" else _split(_CORE.get(language, ""))


@lru_cache(maxsize=64)
def calendar_words(language: str) -> frozenset[str]:
    words = set(_split(_CALENDAR_EXTRA.get(language, "")))
    try:
        from babel import Locale, UnknownLocaleError
        from babel.dates import get_day_names, get_month_names

        locale = Locale.parse(language)
        for width in ("wide", "abbreviated"):
            months = get_month_names(width, locale=locale)
            days = get_day_names(width, locale=locale)
            words |= {str(n).lower().rstrip(".") for n in [*months.values(), *days.values()]}
    except (ImportError, ValueError, UnknownLocaleError):
        pass
    if language != "en":
        words |= calendar_words("en")  # English dates appear in every language's news
    return frozenset(words)


@lru_cache(maxsize=2)
def calendar_names(kind: str) -> frozenset[str]:
    """The names of the months (``kind`` "months") or of the weekdays ("days"), wide and
    abbreviated, in every language the project reads: "märz", "décembre", "dic", "outubro"."""
    names: set[str] = set()
    try:
        from babel import Locale, UnknownLocaleError
        from babel.dates import get_day_names, get_month_names
    except ImportError:  # pragma: no cover - babel comes with the project
        return frozenset()
    read = get_month_names if kind == "months" else get_day_names
    for language in _JUSTEXT_NAMES:
        try:
            locale = Locale.parse(language)
        except (ValueError, UnknownLocaleError):  # pragma: no cover
            continue
        for width in ("wide", "abbreviated"):
            names |= {str(n).lower().rstrip(".") for n in read(width, locale=locale).values()}
    return frozenset(names)


@lru_cache(maxsize=64)
def unit_words(language: str) -> frozenset[str]:
    # A language of its own row keeps it; CLDR's names speak for the others.
    words = _split(_UNITS[language]) if language in _UNITS else _cldr_units(language)
    return words | _split(_UNITS["en"]) if language != "en" else words


# Units whose CLDR names are figures' words in news: the rows of the English list above.
_CLDR_UNITS = (
    "concentr-percent", "length-kilometer", "length-meter", "length-mile", "length-foot",
    "mass-kilogram", "mass-tonne", "area-hectare",
    "volume-barrel", "temperature-celsius", "temperature-fahrenheit",
    "speed-kilometer-per-hour", "speed-mile-per-hour",
)  # fmt: skip
_PLACEHOLDER = re.compile(r"\{\d\}|[0#.,\u00a4'%]")


@lru_cache(maxsize=64)
def _cldr_units(language: str) -> frozenset[str]:
    """Magnitudes, units and currencies in the language, from Babel's CLDR data: the words of
    its long and short compact numbers ("миллиардов", "млрд", "مليون", "करोड़", "亿"), of
    its names of units ("процентов", "χιλιόμετρα") and of its currencies' names in every
    plural form ("долларов", "рублей"). Any language CLDR describes, with no table here."""
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:  # pragma: no cover - babel comes with the project
        return frozenset()
    try:
        data = Locale.parse(language)._data
    except (ValueError, UnknownLocaleError):
        return frozenset()
    texts: list[str] = []
    for width in ("long", "short"):
        for forms in data.get("compact_decimal_formats", {}).get(width, {}).values():
            texts.extend(pattern.pattern for pattern in forms.values())
    units = data.get("unit_patterns", {})
    for unit in _CLDR_UNITS:
        for width in ("long", "short"):
            texts.extend(str(text) for text in units.get(unit, {}).get(width, {}).values())
    return frozenset(
        word.strip(".").lower()
        for text in texts
        for word in _PLACEHOLDER.sub(" ", text).split()
        if len(word.strip(".")) > 1 or not word.isascii()
    )


@lru_cache(maxsize=64)
def adverbs(language: str) -> frozenset[str]:
    return _split(_ADVERBS.get(language, ""))


@lru_cache(maxsize=64)
def abbreviations(language: str) -> frozenset[str]:
    return _split(_ABBREVIATIONS.get(language, "")) | _split(_ABBREVIATIONS["en"])


def _other_script_labels(table: dict[str, str]) -> frozenset[str]:
    """The labels of every language written in a script other than Latin ("광고", "要点",
    "Коротко"): no word of another language looks like them, and the language a page is
    said to be in is often wrong for a mailing with no ``lang`` (Korean read as English)."""
    return frozenset(
        label
        for language in table
        for label in _labels(table, language)
        if any(c.isalpha() and not _LATIN.match(c) for c in label)
    )


_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")


@lru_cache(maxsize=64)
def section_labels(language: str) -> frozenset[str]:
    return (
        _labels(_SECTION_LABELS, language)
        | _labels(_SECTION_LABELS, "en")
        | _other_script_labels(_SECTION_LABELS)
    )


@lru_cache(maxsize=64)
def not_story_labels(language: str) -> frozenset[str]:
    return (
        _labels(_NOT_STORY_LABELS, language)
        | _labels(_NOT_STORY_LABELS, "en")
        | _other_script_labels(_NOT_STORY_LABELS)
    )


def is_not_story_heading(heading: str, language: str) -> bool:
    """An overview, keyword, source, link-list or sponsor heading: what follows is no story."""
    label = normal_label(heading)
    if label in not_story_labels(language):
        return True
    openings = _labels(_SPONSOR_OPENINGS, language) | _labels(_SPONSOR_OPENINGS, "en")
    return any(label == o or label.startswith(o + " ") for o in openings)


@lru_cache(maxsize=1)
def _all_labels() -> frozenset[str]:
    found: set[str] = set()
    for table in (_SECTION_LABELS, _NOT_STORY_LABELS):
        for language in table:
            found |= _labels(table, language)
    return frozenset(found)


def is_known_label(text: str) -> bool:
    """A section label of any language the tables know ("Why it matters", "Hintergrund")."""
    return normal_label(text) in _all_labels()


# Endings of adverbs and finite verbs that no noun of the language has: English "-ly" and
# "-ed"; Spanish preterite ("anunció", "aseguraron"), future ("costará"), imperfect plural
# ("tenían") and conditional ("habría", "podría") forms and adverbs ("nuevamente",
# "finalmente"); Portuguese preterite ("anunciou", "afirmaram"); Russian reflexive verbs
# ("открылся", "изменится", "соблюдались": a noun ends so hardly ever); Polish present and
# past forms of verbs ("czekają", "pokazuje", "zauważył", "przyszedł", "odpowiedział",
# "zaliczyli"), infinitives ("śpiewać") and adverbial participles ("oklaskując"); Turkish
# tenses ("gidiyor", "bekleniyor", "sürerken", "sıkışmıştır", "ayrıldı", "çarptı",
# "açıkladı") and participles ("bulunduğunu"); French past historic, imperfect plural,
# future and present plural forms ("diminuèrent", "comptaient", "rencontrera", "diminuent",
# "montent") and adverbs ("temporairement", "récemment"); Italian conditional and past
# plural forms ("dovrebbero", "dissero") and adverbs ("geneticamente").
_VERB_ENDINGS = {
    "en": ("ly", "ed"),
    "es": (
        "ó", "aron", "ieron", "ará", "erá", "irá", "arán", "erán", "irán", "ían", "bría",
        "dría", "amente", "lmente", "rmente", "temente", "zmente",
    ),
    "pt": ("ou", "aram", "eram", "iram"),
    "ru": ("ся", "сь", "ется", "ются"),
    "uk": ("ся", "сь"),
    "pl": (
        "ają", "eją", "ują", "ował", "owała", "owali", "ywał", "iwał", "ała", "iła", "yła", "ył",
        "edł", "edział", "nął", "yli", "ili", "ieli", "jąc", "ać", "ić", "yć", "eć", "ąć",
        "liwie", "uje",
    ),
    "tr": (
        "yor", "yordu", "yorlar", "mış", "miş", "muş", "müş", "mıştır", "miştir", "muştur",
        "müştür", "acak", "ecek", "arken", "erken", "ldı", "ldi", "ldu", "ldü", "rdı", "rdi",
        "rdu", "rdü", "ştı", "şti", "ştu", "ştü", "ptı", "pti", "ttı", "tti", "ladı", "ledi",
        "dığını", "diğini", "duğunu", "tığını", "tiğini", "tuğunu", "tüğünü",
    ),
    "fr": (
        "èrent", "aient", "erait", "eraient", "era", "eront", "ira", "iront", "endra", "endront",
        "uent", "ntent", "ptent", "ssent", "airement", "ivement", "ellement", "iquement",
        "amment", "emment", "eusement", "ièrement",
    ),
    "it": (
        "ebbero", "ebbe", "arono", "erono", "irono", "ava", "avano", "eva", "evano", "amente",
        "lmente", "rmente", "temente",
    ),
}  # fmt: skip
# Nouns that end as a verb form of their language does.
_NOT_VERBS = {
    "ru": frozenset("ось лось гусь русь смесь взвесь рысь высь спесь карась".split()),
    "uk": frozenset("вісь гусь русь суміш".split()),
    "pl": frozenset("siła skała pała mogiła żyła sieć płeć nić".split()),
    "fr": frozenset("caméra opéra choléra ère sera".split()),
    "it": frozenset("lava cava fava leva ottava".split()),
}
# Languages whose finite verb endings no name has, written with a capital or not.
_CAPITAL_VERBS = frozenset({"es"})
_EDGE_MARKS = ".,;:!?\"'“”‘’()[]«»"
_POSSESSIVE = re.compile(r"\w(?:['’]s|s['’])$")
_NUMBER = re.compile(r"^[\d.,:/%$€£-]+$")


# Turkish and Azerbaijani write a name's case ending after an apostrophe ("Muğla'da",
# "İran'ın"): the name is the topic, not the name in one of its cases.
_SUFFIXED = re.compile(r"\w['’]\w+$")
_SUFFIXING = frozenset({"tr", "az"})


def without_suffix(name: str, language: str | None) -> str:
    """A Turkish name without its case ending ("Muğla'daki" -> "Muğla"); other names as given."""
    if language_of(language) not in _SUFFIXING:
        return name
    return " ".join(re.sub(r"['’]\w+$", "", w) for w in name.split())


def is_verb_form(word: str, language: str) -> bool:
    """Whether a lower-case word ends as only a finite verb or adverb of the language does."""
    endings = _VERB_ENDINGS.get(language, ())
    return word.endswith(endings) and word not in _NOT_VERBS.get(language, frozenset())


def _junk_word(word: str, language: str, lower_case: bool) -> bool:
    """A word no topic may be: a number, a calendar word, a unit, an adverb, an abbreviation,
    a core function word, or, written in lower case, any frequent function word."""
    if len(word) < 2 or _NUMBER.match(word):
        return True
    if language in _SUFFIXING and _SUFFIXED.search(word):
        return True
    if language == "ar" and word.startswith(("لل", "وال", "بال", "كال", "فال")) and len(word) > 5:
        # "للعميد", "للجميع": the preposition li- and the article, "to the ..."; "بالنيابة":
        # bi- and the article, "on behalf"; "والصناعة": "and" and the article, "and the
        # ...": a phrase's second half, never a topic's start.
        return True
    if language == "ar" and word.endswith(_ARABIC_PRONOUNS) and len(word) > ARABIC_PRONOUN_MIN:
        return True  # "عمرها", "عودتهم": "her age", "their return", a clause's words
    if korean.has_particle(word) or korean.is_predicate(word):
        return True  # "국회는" is the noun and its particle, "밝혔다" a verb
    if (
        word in core_function_words(language)
        or word in calendar_words(language)
        or word in unit_words(language)
        or word in adverbs(language)
        or word in abbreviations(language)
    ):
        return True
    return lower_case and word in function_words(language)


# A preposition, negation or pronoun elided onto the next word ("d'arbitrage", "n'ont",
# "all'inizio"): a phrase that opens on one is the end of a clause, not a topic. (The article
# "l'" opens noun phrases: "l'euforia iniziale".)
_ELIDED_OPENINGS = {
    "fr": ("d'", "n'", "qu'", "s'", "j'", "m'", "c'", "jusqu'", "lorsqu'", "puisqu'"),
    "it": ("d'", "c'", "all'", "dell'", "nell'", "dall'", "sull'", "quest'", "dev'"),
}
# Infinitive endings of a lone lower-case word ("apuñalar", "descubrir", "prendere",
# "ricostruire"): a verb names no subject. Spanish "-ar" nouns are short or written with an
# accent ("mar", "lugar", "dólar"); the long ones and Italian "-iere" nouns are kept apart.
_INFINITIVES = {"es": ("ar", "er", "ir"), "it": ("are", "ere", "ire")}
INFINITIVE_MIN = 7  # letters
_NOT_INFINITIVES = {
    "es": frozenset("bienestar titular alquiler militar amanecer atardecer".split()),
    "it": frozenset("potere dovere piacere sapere affare altare".split()),
}
_ACCENTED = re.compile(r"[áéíóúàèìòù]")


def _opens_clause(word: str, language: str) -> bool:
    """A phrase's first word that cannot open a noun phrase: an elided preposition or
    negation ("d'arbitrage", "n'ont") or a number word ("cinco heridos", "sette round")."""
    if word.startswith(_ELIDED_OPENINGS.get(language, ())):
        return True
    return word in number_words(language)


def is_infinitive(word: str, language: str) -> bool:
    """A lower-case word that ends as only an infinitive of the language does."""
    if len(word) < INFINITIVE_MIN or _ACCENTED.search(word) or word.endswith("iere"):
        return False
    endings = _INFINITIVES.get(language, ())
    return word.endswith(endings) and word not in _NOT_INFINITIVES.get(language, frozenset())


@lru_cache(maxsize=32)
def number_words(language: str) -> frozenset[str]:
    """The language's words for small numbers ("cinco", "sette"), from the figure reader."""
    from newsbrief.text.figure_words import number_words as figures

    return figures(language)


# Pronouns written onto a noun ("عمرها", her age; "عودتهم", their return): a topic names a
# subject, not someone's thing in a sentence.
_ARABIC_PRONOUNS = ("ها", "هم", "هما", "هن")
ARABIC_PRONOUN_MIN = 3  # letters: "مها" is a name
# Turkish case endings no noun phrase has: the accusative after a possessive ("bulgularını",
# "önlemlerini": an object of a verb), the locative after one ("ifadesinde": "in his
# statement", an adverbial) and two genitives in a row ("partilerin ekseriyetinin": each asks
# for a noun after it).
_TURKISH_OBJECT = ("ını", "ini", "unu", "ünü", "ında", "inde", "unda", "ünde")
_TURKISH_GENITIVE = ("ın", "in", "un", "ün")
TURKISH_CASE_MIN = 6  # letters: "mini", "yeni"


def _turkish_clause(words: list[str], lower_case: list[bool]) -> bool:
    """A phrase in lower case that holds an object or ends on a second genitive."""
    cased = [w for w, low in zip(words, lower_case, strict=True) if low]
    if any(w.endswith(_TURKISH_OBJECT) and len(w) >= TURKISH_CASE_MIN for w in cased):
        return True
    return len(cased) == len(words) == 2 and all(
        w.endswith(_TURKISH_GENITIVE) and len(w) >= TURKISH_CASE_MIN for w in words
    )


# The future marker "sa-" on an imperfect verb ("ستنتج", will produce; "سيعقد", will hold).
_ARABIC_FUTURE = ("ست", "سي", "سن", "سأ")
ARABIC_FUTURE_MIN = 5  # letters: "ستة" (six) and "سير" (walk) are nouns


def _arabic_clause(words: list[str]) -> bool:
    """A definite noun followed by an indefinite future verb is a sentence, "the station will
    produce" ("المحطة ستنتج"), not a noun phrase: Arabic noun phrases put no verb second."""
    return any(
        a.startswith("ال") and b.startswith(_ARABIC_FUTURE) and len(b) >= ARABIC_FUTURE_MIN
        for a, b in pairwise(words)
    )


@lru_cache(maxsize=32)
def language_names(language: str) -> frozenset[str]:
    """The one-word names of languages in the given language, in lower case ("german",
    "chinese"; "deutsch"), from Babel's CLDR data: of the languages CLDR has a locale for."""
    try:
        from babel import Locale, UnknownLocaleError
        from babel.localedata import locale_identifiers

        names = Locale.parse(language).languages
        codes = {code.split("_")[0] for code in locale_identifiers()}
    except (ImportError, ValueError, UnknownLocaleError):
        return frozenset()
    return frozenset(
        name.lower() for code, name in names.items() if code in codes and " " not in name
    )


# The endings English makes a people's adjective with from its country's name ("Taiwan" ->
# "Taiwanese", "Israel" -> "Israeli", "Russia" -> "Russian", "Italy" -> "Italian").
_DEMONYM_ENDINGS = ("ese", "ian", "ean", "an", "ish", "i")
MIN_PLACE_STEM = 3


# The adjectives of peoples English does not make by an ending from one CLDR name: from a
# country's name of two words ("United States", "South Korea"), of another root ("Britain",
# "France", "the Netherlands"), or from a region's name ("the Americas").
_IRREGULAR_DEMONYMS = frozenset(
    "american british english scottish welsh irish french dutch flemish swiss greek thai "
    "spanish danish swedish finnish polish turkish filipino korean arab cypriot czech slovak "
    "lao".split()
)


@lru_cache(maxsize=1)
def _place_stems() -> frozenset[str]:
    """The one-word country, territory and world-region names of CLDR (Babel), in lower case,
    whole and without a final vowel or "y" ("china" and "chin", "italy" and "ital", "africa"
    and "afric"). Countries have letter codes, regions digit codes ("world" is none)."""
    try:
        from babel import Locale

        names = Locale.parse("en").territories
    except (ImportError, ValueError):
        return frozenset()
    out: set[str] = set()
    for code, name in names.items():
        region = code.isdigit() and name[0].isupper()
        if not (code.isalpha() or region) or " " in name or "-" in name:
            continue
        low = name.lower()
        out.add(low)
        if low[-1] in "aeiouy":
            out.add(low[:-1])
    return frozenset(w for w in out if len(w) >= MIN_PLACE_STEM)


def is_demonym(word: str) -> bool:
    """Whether an English word is the adjective of a country's people ("Taiwanese",
    "Israeli", "Canadian"): a country's name, or its name less a final vowel, and one of the
    endings English makes such adjectives with. Told from the names, not from a list of
    adjectives, so that it holds for every country CLDR names."""
    low = word.lower()
    if low in _IRREGULAR_DEMONYMS:
        return True
    stems = _place_stems()
    return any(low.endswith(ending) and low[: -len(ending)] in stems for ending in _DEMONYM_ENDINGS)


# Words that say what a figure measures (the figure reader's words for an amount of money:
# revenue, profit, loss, a value or a cost, in newsbrief.text.numbers), which any company's
# report holds: alone, they say what a number is, not what a story is about.
_MEASURE_ROLES = ("revenue", "profit", "loss", "value", "budget")


@lru_cache(maxsize=1)
def _measure_nouns() -> frozenset[str]:
    from newsbrief.text.numbers import ROLES

    verbs_and_participles = ("ed", "ing")
    return frozenset(
        w
        for role in _MEASURE_ROLES
        for w in ROLES.get(role, ())
        if not w.endswith(verbs_and_participles) and w not in ("lost", "spend")
    )


@lru_cache(maxsize=1)
def _quantity_words() -> frozenset[str]:
    from newsbrief.text.numbers import quantity_words

    return quantity_words()


def is_junk_topic(topic: str, language: str | None = None) -> bool:
    """Whether a topic or tag says nothing: a stopword, weekday, month, unit, lone adverb or
    verb form, abbreviation or possessive, in the given language (English by default).

    A name (capitalised words) is junk only when every word is; a phrase in lower case is junk
    when it starts or ends with such a word ("last week", "billion deal").
    """
    lang = language_of(language)
    tokens = topic.split()
    if not tokens or any(_POSSESSIVE.search(t.strip(_EDGE_MARKS)) for t in tokens):
        return True
    norm = [t.strip(_EDGE_MARKS).lower().replace("’", "'") for t in tokens]
    if any(not w for w in norm):
        return True
    lower = [t[:1].islower() for t in tokens]
    if morphology.judges(lang) and morphology.is_not_noun_phrase(norm, lower):
        return True
    if lower[0] and _opens_clause(norm[0], lang):
        return True
    if lang == "tr" and _turkish_clause(norm, lower):
        return True
    if len(norm) == 1:
        if _junk_word(norm[0], lang, lower[0]):
            return True
        if lower[0] and is_infinitive(norm[0], lang):
            return True
        if norm[0] in language_names(lang):
            return True  # "German", "Chinese": an adjective of a name or a language, no subject
        if lang == "en" and (
            is_demonym(norm[0]) or norm[0] in _measure_nouns() or norm[0] in _quantity_words()
        ):
            # "Taiwanese" beside "Taiwan", "revenue" in any company's report, "Sixty" that
            # opens a sentence: a people's adjective, what a figure measures or an amount
            # names no subject alone.
            return True
        # A lone lower-case adverb or verb form ("capsized", "anunció") names no subject, nor
        # does a verb that opens a sentence where no name ends so ("Afirmó", "Aseguraron").
        return (lower[0] or lang in _CAPITAL_VERBS) and is_verb_form(norm[0], lang)
    if all(_junk_word(w, lang, low) for w, low in zip(norm, lower, strict=True)):
        return True
    # A phrase holding a verb is a clause, not a topic: "авиашоу покинуло", "czekają
    # niecierpliwie", "değişmesi bekleniyor". (English "-ed" words are often adjectives:
    # "armed forces" stays.)
    if lang != "en" and any(
        low and is_verb_form(w, lang) for w, low in zip(norm, lower, strict=True)
    ):
        return True
    if lang == "ar" and _arabic_clause(norm):
        return True
    if not any(c.isupper() or c.islower() for c in topic):
        # A script without capitals (Korean, Chinese, Arabic) tells no name from a phrase: a
        # phrase that opens or ends on a date or a function word ("국회 지난달") is no topic.
        return _junk_word(norm[0], lang, False) or _junk_word(norm[-1], lang, False)
    if not any(lower):
        # A name: "New York", "State Department"; not one that runs into the article or
        # preposition of the next phrase ("España El").
        return lang != "en" and norm[-1] in core_function_words(lang)
    return _junk_word(norm[0], lang, False) or _junk_word(norm[-1], lang, False)
