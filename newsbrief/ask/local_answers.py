"""Who, where and when in sentences of other languages, which the English rules cannot see.

The English rules find a person or a place as a run of capitals (A-Z) after an English
preposition, and a time as an English date. Other languages write these their own way:

- Latin scripts with accents ("Łódź", "İstanbul") and their own prepositions ("à Paris",
  "en Madrid", "w Warszawie", "İstanbul'da"), weekdays and months ("am Dienstag", "mardi");
- Cyrillic has capitals, inflected after a preposition ("в Москве");
- Arabic has no capitals: a person is named after a title or a verb of saying ("وقال محافظ
  البنك حسن عبد الله"), a place is a country or city CLDR names in Arabic (Babel);
- Chinese and Japanese have no capitals and no spaces: with the ``cjk`` extra, the
  segmenters tag names of people, places and organisations (jieba's ``nr``/``ns``/``nt``,
  Janome's 人名/地域/組織); without it, a place is a country or city CLDR names, and a person
  a few characters beside a title ("行长潘功胜", "植田総裁").

A sentence is read this way only when it is not English (its function words say so), so
English answers are unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsbrief.text.multilingual import fold, script_language
from newsbrief.text.wordlists import calendar_words, core_function_words, function_words

Span = tuple[int, int]

LISTED = ("de", "fr", "es", "it", "pt", "nl", "pl", "tr", "ru", "ar", "zh", "ja")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
_CAPITALISED = re.compile(r"[^\W\d_][\w\-]*(?:['’][^\W\d_]+)?", re.UNICODE)

# Words before a place, by language ("in", "at", "to", "from", "near"): a capitalised word
# after one is where something happened.
_PLACE_BEFORE = {
    "de": "in im am bei nach aus nahe vor",
    "fr": "à au aux en dans près de depuis vers",
    "es": "en a desde cerca hacia",
    "it": "a in nel nella nei presso da vicino",
    "pt": "em no na nos nas perto de para",
    "nl": "in te bij nabij naar uit",
    "pl": "w we na pod koło przy do z ze",
    "ru": "в во на из под около у близ возле",
}  # fmt: skip
# Turkish marks place with a suffix: "İstanbul'da", "Ankara'dan".
_TURKISH_PLACE = re.compile(r"['’](?:da|de|ta|te|dan|den|tan|ten|ya|ye|a|e)$", re.IGNORECASE)
# Titles a person's name follows (Arabic, Chinese) or precedes (Japanese).
_ARABIC_TITLES = frozenset(
    """رئيس الرئيس رئيسة وزير الوزير وزيرة محافظ المحافظ المتحدث متحدث الناطق السفير الملك
    الأمير الشيخ الدكتور السيد السيدة النائب الجنرال قائد القائد مدير المدير المستشار الأمين
    المدرب اللاعب المرشح القاضي العمدة""".split()
)
_ARABIC_SAYING = frozenset("قال قالت أعلن أعلنت أكد أكدت صرح صرحت ذكر أضاف أوضح".split())
# The particles that end a name (jusText's Arabic list holds given names: "حسن", "عبد").
_ARABIC_PARTICLES = frozenset(
    """في من إلى على عن مع أن إن لا لم لن ما هذا هذه ذلك التي الذي الذين قد كان كانت هو هي
    هم أو ثم بعد قبل حتى منذ عند لدى بين خلال يوم إنه أنه""".split()
)
_ARABIC_NAME_LINKS = frozenset("عبد أبو بن ابن".split())
_CHINESE_TITLE = re.compile(
    r"(?:总统|主席|行长|部长|总理|发言人|首相|市长|省长|总裁|董事长|局长|院长|大使|主任|"
    r"外长|教练|法官|总经理)([\u4e00-\u9fff]{2,3}?)(?=表示|说|称|宣布|指出|认为|强调|在|于|"
    r"周|日|对|[^\u4e00-\u9fff])"
)
_JAPANESE_TITLE = re.compile(
    r"([\u4e00-\u9fff]{2,4})(?=氏|総裁|首相|大臣|社長|長官|知事|市長|大統領|議長|監督|選手|"
    r"容疑者|被告|会長)"
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_CJK_DATE = re.compile(
    r"\d{1,2}月\d{1,2}日|\d{1,2}日|\d{1,2}月|(?:周|星期|礼拜)[一二三四五六日天]|[月火水木金土日]曜日?"
)
_CLOCK = re.compile(r"(?<!\d)\d{1,2}[:.h]\d\d(?!\d)|\d{1,2}\s?(?:Uhr|h)\b|\d{1,2}時")


def spans(sentence: str, question: str, kind: str) -> list[Span]:
    """Who (``kind`` "who"), where or when in a sentence not written in English, leaving out
    what the question already says; empty for English sentences and other kinds."""
    if kind not in ("who", "where", "when"):
        return []
    language = sentence_language(sentence)
    if language is None:
        return []
    if kind == "when":
        found = _times(sentence, language)
    elif language in ("zh", "ja"):
        found = _cjk_spans(sentence, language, kind)
    elif language == "ar":
        found = _arabic_people(sentence) if kind == "who" else _gazetteer(sentence, "ar")
    else:
        found = _capitalised(sentence, language, kind)
    return [span for span in found if not _asked(sentence[span[0] : span[1]], question)]


def sentence_language(sentence: str) -> str | None:
    """The listed language a sentence is written in; None for English or when none tells."""
    script = script_language(sentence)
    if script is not None:
        return script
    if _ARABIC.search(sentence):
        return "ar"
    if _CYRILLIC.search(sentence):
        return "ru"
    # Lower-case words of two letters or more: a stray letter ("p. m.") tells nothing.
    # Each language's stoplist holds some English words ("in", "man"): only words of one list
    # and not the other count, and it takes two.
    words = [w for w in _WORD.findall(sentence) if w[0].islower() and len(w) > 1]
    english = function_words("en")
    best, best_count = None, 1
    for language in LISTED[:8]:
        own = function_words(language)
        theirs = sum(w in own and w not in english for w in words)
        theirs += min(2, len(set(sentence) & _OWN_LETTERS.get(language, set())))
        ours = sum(w in english and w not in own for w in words)
        if theirs > max(ours, best_count):
            best, best_count = language, theirs
    return best


# Letters only one listed language writes (of those in Latin script): a short sentence has
# few function words, and its letters tell too.
_OWN_LETTERS = {"pl": set("ąęłńśźżŁŚŻ"), "tr": set("ığşİŞĞ"), "es": set("ñ¿¡"), "pt": set("ãõ")}


@lru_cache(maxsize=32)
def _function(language: str) -> frozenset[str]:
    """A language's core function words and the short words of its longer stoplist (the
    longer words there include names: "London", "Paris")."""
    short = {w for w in function_words(language) if len(w) <= 3}
    return core_function_words(language) | frozenset(short)


def _asked(answer: str, question: str) -> bool:
    """Whether every word of a candidate answer is in the question, in any inflection: a
    word's first five letters (or all of a shorter one) stand for it."""
    if script_language(answer) is not None:
        return answer in question
    asked = {_root(w) for w in _WORD.findall(question)}
    words = [_root(w) for w in _WORD.findall(answer)]
    return bool(words) and all(w in asked for w in words)


def _root(word: str) -> str:
    return fold(word)[:5]


# Latin and Cyrillic scripts: capitals --------------------------------------------------------


def _capitalised(sentence: str, language: str, kind: str) -> list[Span]:
    """Runs of capitalised words, not a lone word opening the sentence nor a function word;
    for "where", those after a preposition of place (or, in Turkish, with a suffix of place);
    for "who", the others."""
    before = frozenset(_PLACE_BEFORE.get(language, "").split())
    core = _function(language)
    calendar = calendar_words(language)
    tokens = list(_CAPITALISED.finditer(sentence))
    out: list[Span] = []
    i = 0
    while i < len(tokens):
        token = tokens[i].group(0)
        if not token[0].isupper() or token.lower() in core or token.lower() in calendar:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(tokens)
            and tokens[j + 1].group(0)[0].isupper()
            and _adjacent(sentence, tokens[j], tokens[j + 1])
        ):
            j += 1
        span = (tokens[i].start(), tokens[j].end())
        prefix = tokens[i - 1].group(0).lower() if i > 0 else ""
        placed = prefix in before and _adjacent(sentence, tokens[i - 1], tokens[i])
        placed = placed or bool(language == "tr" and _TURKISH_PLACE.search(tokens[j].group(0)))
        opening = i == 0 and j == 0
        if not opening and (placed if kind == "where" else not placed):
            out.append(span)
        i = j + 1
    return out


def _adjacent(sentence: str, a: re.Match[str], b: re.Match[str]) -> bool:
    return sentence[a.end() : b.start()].strip() == ""


# Arabic --------------------------------------------------------------------------------------


def _bare(word: str) -> str:
    """An Arabic word without a leading "and" ("وقال" -> "قال")."""
    return word[1:] if word[:1] in ("و", "ف") and len(word) > 3 else word


def _arabic_people(sentence: str) -> list[Span]:
    """Names after a title or a verb of saying, past the definite words of the title ("محافظ
    البنك حسن عبد الله": the bank's governor, Hassan Abdallah): Arabic names are written
    without the article, but for the second word of a compound ("عبد الله")."""
    tokens = list(_WORD.finditer(sentence))
    core = _ARABIC_PARTICLES
    out: list[Span] = []
    for i, token in enumerate(tokens):
        bare = _bare(token.group(0))
        if bare not in _ARABIC_TITLES and bare not in _ARABIC_SAYING:
            continue
        j = i + 1
        while (
            j < len(tokens)
            and j <= i + 3
            and (_definite(tokens[j].group(0)) or _bare(tokens[j].group(0)) in _ARABIC_TITLES)
        ):
            j += 1
        k = j
        while k < len(tokens) and k < j + 4:
            word = tokens[k].group(0)
            linked = k > j and tokens[k - 1].group(0) in _ARABIC_NAME_LINKS
            # "عبد الله", and a family name ending the name before a particle: "أمين الناصر إن"
            last = k > j and (k + 1 == len(tokens) or tokens[k + 1].group(0) in core)
            if word in core or _bare(word) in _ARABIC_SAYING:
                break
            if _definite(word) and not (linked or last):
                break
            if _bare(word) in _ARABIC_TITLES:
                break
            k += 1
        if k > j:
            out.append((tokens[j].start(), tokens[k - 1].end()))
    return sorted(set(out))


def _definite(word: str) -> bool:
    return word.startswith(("ال", "وال", "بال", "لل", "فال"))


# Chinese and Japanese ------------------------------------------------------------------------


def _cjk_spans(sentence: str, language: str, kind: str) -> list[Span]:
    tagged = _tagged(sentence, language)
    if tagged is not None:
        wanted = _PEOPLE_TAGS if kind == "who" else _PLACE_TAGS
        found = [span for span, tag in tagged if tag in wanted]
        return found + (_gazetteer(sentence, language) if kind == "where" else [])
    if kind == "where":
        return _gazetteer(sentence, language)
    title = _CHINESE_TITLE if language == "zh" else _JAPANESE_TITLE
    return [m.span(1) for m in title.finditer(sentence)]


_PEOPLE_TAGS = frozenset({"person", "organisation"})
_PLACE_TAGS = frozenset({"place"})
_JIEBA_TAGS = {
    "nr": "person",
    "nrfg": "person",
    "nrt": "person",
    "ns": "place",
    "nt": "organisation",
}
_JANOME_TAGS = {"人名": "person", "地域": "place", "組織": "organisation"}


def _tagged(sentence: str, language: str) -> list[tuple[Span, str]] | None:
    """Names in a Chinese or Japanese sentence with what they name, by the segmenter's part
    of speech; adjacent parts of one name (a surname and a given name) joined; None without
    the ``cjk`` extra."""
    pieces: list[tuple[str, str]] = []
    if language == "zh":
        try:
            import jieba.posseg
        except ImportError:
            return None
        from newsbrief.text.segment import available

        available("zh")  # quiets jieba's notices
        pieces = [(p.word, _JIEBA_TAGS.get(p.flag, "")) for p in jieba.posseg.cut(sentence)]
    else:
        from newsbrief.text.segment import _janome

        tokenizer = _janome()
        if tokenizer is None:
            return None
        for token in tokenizer.tokenize(sentence):
            kind = token.part_of_speech.split(",")
            tag = _JANOME_TAGS.get(kind[2], "") if kind[1] == "固有名詞" else ""
            pieces.append((token.surface, tag))
    out: list[tuple[Span, str]] = []
    at = 0
    for word, tag in pieces:
        start = sentence.find(word, at)
        if start < 0:
            continue
        at = start + len(word)
        if not tag:
            continue
        if out and out[-1][1] == tag and out[-1][0][1] == start:
            out[-1] = ((out[-1][0][0], at), tag)
        else:
            out.append(((start, at), tag))
    return out


# places CLDR names, and times ----------------------------------------------------------------


def _gazetteer(sentence: str, language: str) -> list[Span]:
    pattern = _places(language)
    return [] if pattern is None else [m.span("place") for m in pattern.finditer(sentence)]


@lru_cache(maxsize=16)
def _places(language: str) -> re.Pattern[str] | None:
    """Countries, continents and the cities CLDR names time zones after, in a language."""
    try:
        from babel import Locale, UnknownLocaleError

        locale = Locale.parse(language)
        names = {n for c, n in locale.territories.items() if c != "001" and len(n) > 1}
        names |= {str(z["city"]) for z in locale.time_zones.values() if z.get("city")}
    except (ImportError, ValueError, UnknownLocaleError):
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    if language in ("zh", "ja"):
        return re.compile(f"(?P<place>{alternatives})")
    # Arabic joins "in", "and" and "to" to the word: "بالقاهرة", "وموسكو".
    prefix = "(?:و|ف)?(?:ب|ل)?" if language == "ar" else ""
    return re.compile(rf"(?<!\w){prefix}(?P<place>{alternatives})(?!\w)")


def _times(sentence: str, language: str) -> list[Span]:
    """Weekdays, months and years, as the language writes them ("am Dienstag", "12 мая",
    "19日"), and clock times."""
    calendar = calendar_words(language)
    out = [m.span() for m in _WORD.finditer(sentence) if m.group(0).lower().rstrip(".") in calendar]
    out += [m.span() for m in _YEAR.finditer(sentence)]
    out += [m.span() for m in _CLOCK.finditer(sentence)]
    if language in ("zh", "ja"):
        out += [m.span() for m in _CJK_DATE.finditer(sentence)]
    return sorted(set(out))
