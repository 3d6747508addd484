"""The words around a figure, by language, as the English figure reader reads them.

Disagreements are found by reading each figure with what it measures: a toll ("20 dead"), an
amount of money and its currency, a share, a magnitude. That reader
(:mod:`newsbrief.text.numbers`) knows English words. For a report in another language, a
sentence is *glossed* before it is read: figures are written the English way
(:func:`newsbrief.text.localised.numbers`: "11,2" -> "11.2", "19.000" -> "19,000"), and the
words that say what a figure is ("Tote", "muertos", "погибли", "Prozent", "mil millones",
"mindestens", "Stärke") are replaced by their English words. Other words are left as they are:
the gloss is read for its figures only and is never shown.

One table per language, a few words for each kind a briefing compares, written as the
language's news writes them (inflected forms listed: no stemmer is needed to find them). A
language is read by adding its row; :data:`LANGUAGES` lists those that have one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsbrief.text import localised

# English word -> the words and phrases of each language that mean it there, "|" between them.
_TABLE: dict[str, dict[str, str]] = {
    "de": {
        "rose": "stieg|steigt|gestiegen|erhöhte sich|kletterte",
        "also read": "lesen sie auch|lies auch|auch interessant|mehr zum thema",
        "dead": "tote|toten|todesopfer|todesopfern|getötet|getötete|getöteten|ums leben|"
        "starben|gestorben|umgekommen|tot",
        "injured": "verletzte|verletzten|verletzt|verwundet|verwundete|schwerverletzte|"
        "schwerverletzten",
        "missing": "vermisste|vermissten|vermisst|werden vermisst",
        "evacuated": "evakuiert|evakuierte|evakuierten|in sicherheit gebracht",
        "arrested": "festgenommen|festnahmen|verhaftet|verhaftete|festgenommene",
        "people": "menschen|personen|leute|einwohner",
        "percent": "prozent|prozentpunkte",
        "magnitude": "stärke|magnitude",
        "at least": "mindestens|wenigstens|zumindest",
        "more than": "mehr als",  # "über" is also "about" (the subject)
        "about": "etwa|rund|ungefähr|ca\\.|circa|gut",
        "nearly": "fast|knapp|beinahe|nahezu",
        "up to": "bis zu",
        "million": "millionen|million|mio\\.?",
        "billion": "milliarden|milliarde|mrd\\.?",
        "dollars": "us-dollar|dollar",
        "euros": "euro",
        "pounds": "pfund",
        "loss": "verlust|verluste",
        "profit": "gewinn",
        "deal": "übernahme|kaufpreis|kauf",
        "and": "und",
        "two": "zwei", "three": "drei", "four": "vier", "five": "fünf", "six": "sechs",
        "seven": "sieben", "eight": "acht", "nine": "neun", "ten": "zehn", "eleven": "elf",
        "twelve": "zwölf", "twenty": "zwanzig", "dozens": "dutzende",
    },
    "es": {
        "rose": "aumentó|ascendió|asciende|subió|se elevó",
        "also read": "también te puede interesar|te puede interesar|lee también|lea también|"
        "te recomendamos",
        "dead": "muertos|muertas|muerto|muerta|murieron|fallecidos|fallecidas|fallecieron|"
        "han fallecido|han muerto|víctimas mortales|muertes|la vida",
        "injured": "heridos|heridas|herido|lesionados|lesionadas",
        "missing": "desaparecidos|desaparecidas",
        "evacuated": "evacuados|evacuadas|evacuadas|desalojados|desalojadas|damnificados",
        "arrested": "detenidos|detenidas|arrestados|arrestadas|capturados",
        "people": "personas|habitantes|residentes",
        "percent": "por ciento",
        "magnitude": "magnitud",
        "at least": "al menos|por lo menos|como mínimo",
        "more than": "más de",
        "about": "unos|unas|alrededor de|cerca de|aproximadamente",
        "nearly": "casi",
                "thousand": "mil",
        "million": "millones|millón",
        "billion": "mil millones|millardos",
        "dollars": "dólares|dólar",
        "euros": "euros",
        "pounds": "libras",
        "loss": "pérdida|pérdidas",
        "profit": "ganancias|beneficio|beneficios",
        "deal": "compra|adquisición",
        "and": "y|e",
        "two": "dos", "three": "tres", "four": "cuatro", "five": "cinco", "six": "seis",
        "seven": "siete", "eight": "ocho", "nine": "nueve", "ten": "diez", "eleven": "once",
        "twelve": "doce", "twenty": "veinte", "dozens": "decenas",
    },
    "fr": {
        "rose": "s'élève|s'est élevé|a grimpé|grimpe|est passé",
        "also read": "à lire aussi|lire aussi|voir aussi",
        "dead": "morts|mortes|tués|tuées|décès|décédés|ont péri|ont trouvé la mort",
        "injured": "blessés|blessées|blessé|blessée",
        "missing": "disparus|disparues",
        "evacuated": "évacués|évacuées|évacuées|déplacés|sinistrés",
        "arrested": "interpellés|interpellées|arrêtés|arrêtées|interpellations|arrestations",
        "people": "personnes|habitants",
        "percent": "pour cent|pourcents?",
        "magnitude": "magnitude",
        "at least": "au moins",
        "more than": "plus de",
        "about": "environ|quelque|près de",
        "nearly": "presque|quasiment",
        "up to": "jusqu'à|jusqu’à",
        "million": "millions|million",
        "billion": "milliards|milliard|mds",
        "dollars": "dollars|dollar",
        "euros": "euros|euro",
        "pounds": "livres sterling|livres",
        "loss": "perte|pertes",
        "profit": "bénéfice|bénéfices",
        "deal": "rachat|acquisition",
        "and": "et",
        "two": "deux", "three": "trois", "four": "quatre", "five": "cinq", "six": "six",
        "seven": "sept", "eight": "huit", "ten": "dix", "eleven": "onze", "twelve": "douze",
        "twenty": "vingt", "dozens": "dizaines",
    },
    "it": {
        "rose": "è salito|è salita|sale|salito|salita|aumentato",
        "also read": "leggi anche|potrebbe interessarti",
        "dead": "morti|morto|morta|uccisi|uccise|deceduti|decedute|hanno perso la vita",
        "injured": "feriti|ferite|ferito|ferita",
        "missing": "dispersi|disperse|scomparsi",
        "evacuated": "evacuati|evacuate|sfollati|sfollate",
        "arrested": "arrestati|arrestate|arresti|fermati",
        "people": "persone|abitanti",
        "percent": "per cento|percento",
        "magnitude": "magnitudo",
        "at least": "almeno",
        "more than": "più di|oltre",
        "about": "circa|intorno a|quasi",
        "up to": "fino a",
        "million": "milioni|milione|mln",
        "billion": "miliardi|miliardo|mld",
        "dollars": "dollari|dollaro",
        "euros": "euro",
        "pounds": "sterline",
        "loss": "perdita|perdite",
        "profit": "utile|utili|profitti",
        "deal": "acquisizione|acquisto",
        "and": "e|ed",
        "two": "due", "three": "tre", "four": "quattro", "five": "cinque", "seven": "sette",
        "eight": "otto", "nine": "nove", "ten": "dieci", "eleven": "undici", "twelve": "dodici",
        "twenty": "venti", "dozens": "decine",
    },
    "pt": {
        "rose": "subiu|aumentou|sobe",
        "also read": "leia também|veja também|leia mais",
        "dead": "mortos|mortas|morreram|mortes|vítimas fatais|óbitos",
        "injured": "feridos|feridas|ferido",
        "missing": "desaparecidos|desaparecidas",
        "evacuated": "evacuados|evacuadas|desalojados|desabrigados",
        "arrested": "detidos|detidas|presos|presas",
        "people": "pessoas|habitantes",
        "percent": "por cento",
        "magnitude": "magnitude",
        "at least": "pelo menos|no mínimo",
        "more than": "mais de",
        "about": "cerca de|aproximadamente|uns|umas",
        "nearly": "quase",
                "thousand": "mil",
        "million": "milhões|milhão",
        "billion": "bilhões|bilhão|mil milhões",
        "dollars": "dólares|dólar",
        "euros": "euros",
        "pounds": "libras",
        "loss": "prejuízo|perda",
        "profit": "lucro",
        "deal": "compra|aquisição",
        "and": "e",
        "two": "dois|duas", "three": "três", "four": "quatro", "five": "cinco", "six": "seis",
        "seven": "sete", "eight": "oito", "nine": "nove", "ten": "dez", "eleven": "onze",
        "twelve": "doze", "twenty": "vinte", "dozens": "dezenas",
    },
    "ru": {
        "rose": "возросло|возросла|возросло до|увеличилось|выросло",
        "also read": "читайте также|смотрите также",
        "dead": "погибли|погибло|погиб|погибших|погибшими|жертв|жертвами|убиты|убито|"
        "умерли|скончались|погибшие",
        "injured": "ранены|ранено|раненых|ранеными|пострадали|пострадавших|пострадавшие|"
        "получили ранения",
        "missing": "пропали без вести|пропавших без вести|пропавшими без вести|пропали|"
        "пропавших",
        "evacuated": "эвакуированы|эвакуировано|эвакуировали|эвакуированных",
        "arrested": "задержаны|задержано|задержали|арестованы|арестовано|задержанных",
        "people": "человек|людей|жителей",
        "percent": "процентов|процента|процент",
        "magnitude": "магнитудой|магнитуда|магнитуды",
        "at least": "по меньшей мере|по крайней мере|не менее",
        "more than": "более|свыше|больше",
        "about": "около|примерно|порядка",
        "nearly": "почти",
        "thousand": "тысяч|тысячи|тыс\\.",
        "million": "миллионов|миллиона|миллион|млн",
        "billion": "миллиардов|миллиарда|миллиард|млрд",
        "dollars": "долларов|доллара|доллар",
        "euros": "евро",
        "rubles": "рублей|рубля|рубль",
        "and": "и",
        "two": "два|две", "three": "три", "four": "четыре", "five": "пять", "six": "шесть",
        "seven": "семь", "eight": "восемь", "nine": "девять", "ten": "десять",
        "twenty": "двадцать", "dozens": "десятки",
    },
    "ar": {
        "rose": "ارتفع|ارتفعت",
        "also read": "اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا",
        "dead": "قتيلا|قتيلاً|قتلى|قتيل|وفاة|وفيات|لقوا حتفهم|لقي حتفه|مصرع",
        "injured": "جريحا|جريحاً|جرحى",  # "مصاب" is as often "infected"
        "missing": "مفقودا|مفقوداً|مفقودين",
        "evacuated": "إجلاء|نازحا|نازحين",
        "arrested": "اعتقال|معتقلا|معتقلين|القبض على",
        "people": "شخصا|شخصاً|أشخاص",
        "percent": "بالمئة|بالمائة|في المئة|في المائة",
        "magnitude": "بقوة",
        "at least": "على الأقل",
        "more than": "أكثر من|أزيد من",
        "about": "نحو|حوالي|قرابة",
        "thousand": "ألف|آلاف",
        "million": "مليون|ملايين",
        "billion": "مليار|مليارات",
        "dollars": "دولار|دولارا|دولاراً",
        "euros": "يورو",
        "and": "و",
    },
}  # fmt: skip

LANGUAGES = frozenset(_TABLE)
_NUMBERS = "two three four five six seven eight nine ten eleven twelve twenty dozens".split()


def number_words(language: str) -> frozenset[str]:
    """The language's words for small numbers and "dozens" ("cinco", "sette", "dutzende")."""
    row = _TABLE.get(language, {})
    return frozenset(w for key in _NUMBERS for w in row.get(key, "").split("|") if w)


# Arabic-Indic and Persian digits, as ASCII digits: "١٣٥٩" -> "1359".
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# An age written onto a noun: German "der 84-Jährige", "einen 19-jährigen Mann".
_GERMAN_AGE = re.compile(r"(\d{1,3})-[Jj]ährige[nmrs]?\b")
_DECIMAL_MARK = re.compile(r"(\d)[.,](\d)")


@lru_cache(maxsize=16)
def _pattern(language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern of every word and phrase of a language's row (longest first, so "mil
    millones" is read before "mil"), and each one's English word."""
    english: dict[str, str] = {}
    for word, alternatives in _TABLE[language].items():
        for phrase in alternatives.split("|"):
            english.setdefault(phrase, word)
    ordered = sorted(english, key=len, reverse=True)
    alternatives = "|".join(p if "\\" in p or "?" in p else re.escape(p) for p in ordered)
    return re.compile(rf"(?<![\w\-])(?:{alternatives})(?![\w\-])", re.IGNORECASE), english


def _english(match: re.Match[str], english: dict[str, str]) -> str:
    found = match.group(0).lower()
    if found in english:
        return english[found]
    for phrase, word in english.items():  # the few written as patterns ("mio\\.?")
        if ("\\" in phrase or "?" in phrase) and re.fullmatch(phrase, found):
            return word
    return found


def gloss(sentence: str, language: str) -> str:
    """The sentence with its figures and the words around them as English writes them; a
    sentence of English or of a language without a row, as it is. A word of the language that
    English spells like one of its cue words ("die", "also") is written as a neutral word."""
    if language not in _TABLE:
        return sentence
    text = localised.numbers(sentence.translate(_DIGITS), language)
    text = _GERMAN_AGE.sub(r"\1-year-old", text) if language == "de" else text
    pattern, english = _pattern(language)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(_untranslated(text[last : match.start()], language))
        pieces.append(_english(match, english))
        last = match.end()
    pieces.append(_untranslated(text[last:], language))
    return _DAY_DOT.sub(r"\1 \2", "".join(pieces))


_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_MONTH_NAMES = "|".join(m.capitalize() for m in localised.ENGLISH_MONTHS)
_DAY_DOT = re.compile(rf"\b(\d{{1,2}})\.\s*({_MONTH_NAMES})\b")  # "am 6. June": a date
NEUTRAL = "x"  # what a word spelt like an English cue word is read as


def _untranslated(text: str, language: str) -> str:
    """Words the table does not hold: months in English, cue look-alikes neutral."""
    from newsbrief.text.multilingual import fold
    from newsbrief.text.numbers import cue_words

    months, cues = _months(language), cue_words()

    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        folded = fold(word)
        if folded in months:
            return months[folded]
        return NEUTRAL if word.lower() in cues else word

    return _WORD.sub(one, text)


@lru_cache(maxsize=16)
def _months(language: str) -> dict[str, str]:
    """Folded month names of the language (CLDR, every form) -> the English name."""
    english = set(localised.ENGLISH_MONTHS)
    return {w: e.capitalize() for w, e in localised.word_map(language).items() if e in english}


def points_elsewhere(gloss_text: str) -> bool:
    """A pointer to another story ("También te puede interesar: Reportan siete muertos ..."):
    its figures are that story's."""
    return "also read" in gloss_text


def past_month(gloss_text: str) -> bool:
    """A month named with no day before it ("a finales de October", "im March"): a time
    before the story's, as the English reading takes "in February"."""
    for match in re.finditer(rf"\b(?:{_MONTH_NAMES})\b", gloss_text):
        before = gloss_text[max(0, match.start() - 8) : match.start()]
        after = gloss_text[match.end() : match.end() + 4]
        if not re.search(r"\d\.?\s*(?:de\s+|del\s+|du\s+|di\s+)?$", before) and not re.match(
            r"\s*\d{1,2}\b(?!\d)", after
        ):
            return True
    return False


ENGLISH_NOUNS = frozenset({"people"})  # the counted nouns a gloss writes in English
