"""Questions asked in another language, put as the English rules of `ask` read them.

The rules that tell what a question asks for (who, when, how much ...) are written for English.
A question in another listed language is recognised by its function words, its question word
is put in English ("Wer" -> "who", "Wie viel" -> "how much", "¿Cuándo" -> "when") and its
function words are dropped; its other words (names, nouns, figures) stay as they are, so the
archive is searched for them in the question's language: a German question finds German
reports.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsbrief.text.multilingual import script_language
from newsbrief.text.tokens import any_words
from newsbrief.text.wordlists import core_function_words, function_words

# Question words and phrases by language, and the English the rules read.
_ASKING: dict[str, dict[str, str]] = {
    "de": {
        "wie viele": "how many", "wie viel": "how much", "wie hoch": "how high",
        "wie alt": "how old", "wie lange": "how long", "wie groß": "how big", "wer": "who",
        "wen": "who", "wem": "who", "wann": "when", "wo": "where", "wohin": "where",
        "warum": "why", "weshalb": "why", "wieso": "why", "was": "what", "welche": "which",
        "welcher": "which", "welches": "which", "welchen": "which", "wie": "how",
    },
    "fr": {
        "combien de": "how many", "combien": "how much", "quel âge": "how old", "qui": "who",
        "quand": "when", "où": "where", "pourquoi": "why", "quel": "which", "quelle": "which",
        "quels": "which", "quelles": "which", "qu'est-ce que": "what", "que": "what",
        "comment": "how",
    },
    "es": {
        "cuántos": "how many", "cuántas": "how many", "cuánto": "how much",
        "cuánta": "how much", "quién": "who", "quiénes": "who", "cuándo": "when",
        "dónde": "where", "por qué": "why", "qué": "what", "cuál": "which", "cuáles": "which",
        "cómo": "how",
    },
    "it": {
        "quanti": "how many", "quante": "how many", "quanto": "how much", "quanta": "how much",
        "chi": "who", "quando": "when", "dove": "where", "perché": "why", "che cosa": "what",
        "cosa": "what", "quale": "which", "quali": "which", "come": "how",
    },
    "pt": {
        "quantos": "how many", "quantas": "how many", "quanto": "how much", "quanta": "how much",
        "quem": "who", "quando": "when", "onde": "where", "por que": "why", "por quê": "why",
        "o que": "what", "qual": "which", "quais": "which", "como": "how",
    },
    "nl": {
        "hoeveel": "how many", "hoe oud": "how old", "hoe lang": "how long", "wie": "who",
        "wanneer": "when", "waar": "where", "waarom": "why", "wat": "what", "welke": "which",
        "welk": "which", "hoe": "how",
    },
    "pl": {
        "ile": "how many", "kto": "who", "kiedy": "when", "gdzie": "where",
        "dlaczego": "why", "czemu": "why", "co": "what", "który": "which", "która": "which",
        "które": "which", "jaki": "which", "jaka": "which", "jakie": "which", "jak": "how",
    },
    "tr": {
        "ne zaman": "when", "ne kadar": "how much", "kaç": "how many", "kim": "who",
        "nerede": "where", "neden": "why", "niçin": "why", "niye": "why", "hangi": "which",
        "ne": "what",
    },
    "ru": {
        "сколько": "how many", "кто": "who", "когда": "when", "где": "where",
        "почему": "why", "зачем": "why", "что": "what", "какой": "which", "какая": "which",
        "какое": "which", "какие": "which", "какую": "which", "каких": "which",
        "каком": "which", "какого": "which", "который": "which", "каков": "what",
        "какова": "what", "каково": "what", "каковы": "what", "кого": "who", "кому": "who",
        "куда": "where", "откуда": "where", "как": "how",
    },
    "ar": {
        "كم عدد": "how many", "كم": "how much", "من هو": "who", "من هي": "who", "من": "who",
        "متى": "when", "أين": "where", "اين": "where", "لماذا": "why", "ماذا": "what",
        "ما هو": "what", "ما هي": "what", "ما": "what", "أي": "which", "كيف": "how",
        "هل": "did",
    },
}  # fmt: skip
# Chinese and Japanese write no spaces: their question words are found inside the question,
# longest first, and the rest is cut into words (text/segment.py).
_ASKING_UNSPACED: dict[str, dict[str, str]] = {
    "zh": {
        "多少钱": "how much", "多少名": "how many", "多少人": "how many", "多少个": "how many",
        "多少位": "how many", "多少家": "how many", "多少": "how much", "几个": "how many",
        "几": "how many",
        "什么时候": "when", "何时": "when", "哪一天": "when", "谁": "who", "哪里": "where",
        "在哪": "where", "哪儿": "where", "为什么": "why", "为何": "why", "什么": "what",
        "哪个": "which", "哪些": "which", "怎么": "how", "如何": "how", "是否": "did",
    },
    "ja": {
        "いくら": "how much", "どのくらい": "how much", "何人": "how many", "いくつ": "how many",
        "いつ": "when", "誰": "who", "だれ": "who", "どこ": "where", "なぜ": "why",
        "どうして": "why", "何": "what", "なに": "what", "どの": "which", "どう": "how",
    },
}  # fmt: skip
_WORD = re.compile(r"[^\W_][\w'’\-]*", re.UNICODE)


def english_question(question: str) -> str:
    """The question as the English rules read it; an English question (or one in no listed
    language) unchanged."""
    unspaced = script_language(question)
    if unspaced is not None:
        return _unspaced_question(question, unspaced)
    words = _WORD.findall(question)
    language = _language(tuple(w.lower() for w in words))
    if language is None:
        return question
    asking = _ASKING[language]
    # A stoplist of the language's most frequent words holds some that a question asks about
    # ("газа", "долларов"): only its short words and the core function words are dropped.
    listed = core_function_words(language) | {w for w in function_words(language) if len(w) <= 3}
    out: list[str] = []
    asked: list[str] = []  # the first question word in English, and what stands for its verb
    lows = [w.lower() for w in words]
    i = 0
    while i < len(words):
        pair = " ".join(lows[i : i + 2])
        size = 2 if len(lows) > i + 1 and pair in asking else 1 if lows[i] in asking else 0
        if size:
            english = asking[" ".join(lows[i : i + size])]
            counted = _counted(english, words[i + size : i + size + 1], language)
            if asked or language not in _ASKED_LAST:
                out += [english, *counted]
            else:
                asked = [english, *counted]
            i += size + (counted[:1] not in ([], ["did"]))  # a noun put in lower case: taken
            continue
        if lows[i] not in listed or (words[i][0].isupper() and i > 0) or words[i][0].isdigit():
            out.append(words[i])
        i += 1
    # Turkish puts the question word before the verb, at the end ("Projeyi kim açıkladı?"):
    # the English rules read it first.
    return " ".join([*asked, *out]) + "?"


_ASKED_LAST = frozenset({"tr"})


# Words that end a Russian verb ("стоит", "заплатил", "потратили"): after "сколько" a verb
# asks for an amount, a noun ("сколько человек") for a count of it.
_RUSSIAN_VERB = re.compile(r"(?:ет|ит|ут|ют|ат|ят|ал|ала|ало|али|ил|ила|ило|или|ел|ела|ели|ся|сь)$")


def _counted(asked: str, following: list[str], language: str) -> list[str]:
    """What follows "how much" or "how many" for the English rules, which take the noun after
    it as what the figure counts ("how many pirates"). An amount is any sum of money, share
    or scaled figure, whatever verb follows ("Wie viel zahlt ...", "Combien a payé ...",
    "Сколько стоит ..."): "did" stands for the verb. A German noun after "wie viele" is
    written in lower case, as the English rules read nouns ("Wie viele Menschen" -> "how many
    menschen"); a German verb there ("Wie viele wurden ...") counts anything.
    """
    if asked not in ("how much", "how many") or not following:
        return []
    word = following[0]
    if asked == "how much" or (language == "de" and word[:1].islower()):
        return ["did"]
    if language == "ru" and _RUSSIAN_VERB.search(word.lower()):
        return ["did"]
    if language == "de":
        return [word.lower()]
    return []


def _unspaced_question(question: str, language: str) -> str:
    """A Chinese or Japanese question with its question word in English first, then its
    words ("央行释放多少资金？" -> "how much 央行 释放 资金?")."""
    asking = _ASKING_UNSPACED[language]
    found = [(question.find(word), word) for word in asking if word in question]
    rest, english = question, []
    for _, word in sorted(found, key=lambda f: (f[0], -len(f[1]))):
        if word in rest:  # not inside a longer question word already taken
            rest = rest.replace(word, " ")
            english.append(asking[word])
    kept = [w for w in any_words(rest, language) if w not in english]
    return " ".join([*english[:1], *kept]) + "?"


@lru_cache(maxsize=256)
def _language(words: tuple[str, ...]) -> str | None:
    """The listed language whose question words and function words the question uses most;
    None for English (its own function words outnumber) or when it asks in none of them."""
    pairs = {" ".join(words[i : i + 2]) for i in range(len(words) - 1)}
    asked = [lang for lang, asking in _ASKING.items() if (set(words) | pairs) & asking.keys()]
    if not asked:
        return None  # no listed language's question word: the stoplists need not be read
    best, best_score = None, sum(w in function_words("en") for w in words)
    for language in asked:
        asking = _ASKING[language]
        listed = function_words(language)
        score = sum(w in listed or w in asking for w in words)
        if score > best_score:
            best, best_score = language, score
    return best
