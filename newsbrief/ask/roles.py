"""Who did what to whom: the roles a question gives its people, checked against the reports.

Three premises a question can carry that a story's reports may not support, each of which
would make an answer from that story confirm something that did not happen:

- a role the question names ("John Jenkin's ex-girlfriend", "the lawyer for the officers"):
  a story whose reports never speak of such a person does not answer it, however many of the
  question's names it holds (Jenkin killed his mother and sister; Gomes, of another story,
  his ex-girlfriend);
- the order of doer and done-to ("did Rahman knock out Klitschko?"): a story whose sentences
  say only that the second did it to the first reverses the question;
- an age of the asked person ("How old was Rahman when Klitschko stopped him?"): an age
  written on another person the question names ("the 32-year-old Klitschko") is not it.

Everything here is rules over the words of the question and the sentences; nothing is learned.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from newsbrief.ask.question import PERSON_NOUNS, Question, singular
from newsbrief.text.numbers import ROLE_OF, figures

Stemmer = Callable[[str], str]

# Person nouns too general to be a premise: any story of people has a man, a victim, a player.
_GENERAL = frozenset(
    """person people man woman men women boy girl teen teenager child children suspect victim
    victims member members leader official officials player players star worker workers
    employee employees candidate candidates""".split()
)
# Other words reports use for one role ("Rep. Nick Rahall" for a congressman).
_SAME_ROLE: dict[str, frozenset[str]] = {
    k: frozenset(v.split())
    for k, v in {
        "congressman": "congressman congresswoman rep representative lawmaker",
        "representative": "representative rep spokesman spokeswoman spokesperson publicist",
        "rep": "representative rep spokesman spokeswoman spokesperson publicist",
        "spokesman": "spokesman spokeswoman spokesperson representative rep publicist",
        "publicist": "publicist spokesman spokeswoman spokesperson representative rep",
        "lawyer": "lawyer attorney counsel defender",
        "attorney": "lawyer attorney counsel defender prosecutor",
        "prosecutor": "prosecutor prosecutors attorney",
        "doctor": "doctor dr physician surgeon",
        "ceo": "ceo chief executive president",
        "executive": "executive executives president ceo chief manager",
        "boss": "boss chief head leader",
        "lineman": "lineman linemen tackle guard",
        "referee": "referee ref",
        "girlfriend": "girlfriend partner",
        "boyfriend": "boyfriend partner",
        "wife": "wife widow spouse",
        "husband": "husband widower spouse",
    }.items()
}


def asked_roles(question: Question) -> list[tuple[frozenset[str], frozenset[str]]]:
    """The roles of people the question names in its focus ("ex-girlfriend", "lawyer",
    "executives"), each as the words reports may write it with and the words joined before it
    ("ex"); general ones left out."""
    out = []
    for phrase in question.focus:
        parts = phrase.replace("'s", "").split("-")
        head = singular(parts[-1])
        if head in PERSON_NOUNS and head not in _GENERAL:
            # "ex-girlfriend": a girlfriend of today is not one
            out.append((_SAME_ROLE.get(head, frozenset()) | {head}, frozenset(parts[:-1])))
    return out


def unsupported_roles(
    question: Question, said: Iterable[str] | set[str], stem: Stemmer
) -> list[str]:
    """The question's roles that no report of a story speaks of (``said``: the stems of the
    story's words the question's search found)."""
    held = set(said)
    return [
        "/".join(sorted(role))
        for role, prefix in asked_roles(question)
        if not any(stem(word) in held for word in role)
        or not all(stem(word) in held for word in prefix)
    ]


# "did X verb Y": the question's doer is the name before its verb, the done-to the one after.
_DID = re.compile(r"\b(?:did|does|do)\s+(.+)$", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be|get|got)\s+(?:\w+\s+)?$", re.I)


def doer_and_done_to(question: Question, verb: str | None) -> tuple[str, str] | None:
    """(surname of the doer, surname of the done-to) of "did X verb Y" questions that name both
    ("In which round did Hasim Rahman knock out Wladimir Klitschko?"), lower-case."""
    match = _DID.search(question.text)
    if verb is None or match is None:
        return None
    rest = match.group(1).lower()
    at = re.search(rf"\b{re.escape(verb)}\b", rest)
    if at is None:
        return None
    before = [n for n in question.names if n.split()[-1] in rest[: at.start()]]
    after = [n for n in question.names if n.split()[-1] in rest[at.end() :]]
    if len(before) != 1 or len(after) != 1 or before == after:
        return None
    return _surname(before[0]), _surname(after[0])


def _surname(name: str) -> str:
    return name.split()[-1].removesuffix("'s").removesuffix("’s")


def reversed_roles(
    sentences: Sequence[str], roles: tuple[str, str], verb: str, stem: Stemmer
) -> bool:
    """The story's sentences that say the verb make the question's done-to its doer, and none
    makes the question's doer the doer: "Klitschko had knocked down Rahman" for "did Rahman
    knock out Klitschko?". The doer is the first of the two names in the sentence, before the
    verb, or the one after "by" in a passive ("Rahman was stopped by Klitschko")."""
    doer, done_to = roles
    term = stem(verb)
    turned = kept = 0
    for sentence in sentences:
        who = _doer(sentence, {doer, done_to}, term, stem)
        if who is None:
            continue
        # Only a sentence about the two counts: "Rahman ... since knocking out Lennox Lewis"
        # says nothing of who knocked out whom between Rahman and Klitschko.
        other = done_to if who == doer else doer
        if other in _surnames(sentence) or _OBJECT_PRONOUN.search(sentence):
            turned += who == done_to
            kept += who == doer
    return turned > 0 and kept == 0


_OBJECT_PRONOUN = re.compile(r"\b(?:him|her)\b", re.IGNORECASE)


def _surnames(sentence: str) -> set[str]:
    return {_surname(word.lower()) for word in _TOKEN.findall(sentence)}


_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _doer(sentence: str, names: set[str], term: str, stem: Stemmer) -> str | None:
    tokens = [(m.start(), m.group(0)) for m in _TOKEN.finditer(sentence)]
    verbs = [at for at, word in tokens if stem(word.lower()) == term]
    if not verbs:
        return None
    at = verbs[0]
    found = [(pos, _surname(w.lower())) for pos, w in tokens if _surname(w.lower()) in names]
    if not found:
        return None
    if _PASSIVE.search(sentence[:at]):
        by = re.match(r"\S+\s+(?:\w+\s+)?by\s+(?:[A-Z]\w*\s+)*?([A-Z][\w'’-]*)", sentence[at:])
        name = _surname(by.group(1).lower()) if by else None
        return name if name in names else None
    first = [name for pos, name in found if pos < at]
    return first[0] if first else None


def age_of_another(sentence: str, span: tuple[int, int], others: set[str]) -> bool:
    """The age at ``span`` is written on another person the question names: "the 32-year-old
    Klitschko", "Klitschko, 36,", "Klitschko was 36"; ``others``: their surnames, lower-case."""
    text = sentence[span[0] : span[1]]
    named = re.match(r"([A-Z][\w'’-]*)\.?,\s+\d", text)  # "Klitschko, 36,"
    if named:
        return _surname(named.group(1).lower()) in others
    if text.endswith("old"):  # "the 32-year-old Klitschko", "32-year-old WBO champion Klitschko"
        after = re.match(r"\s+(?:[a-zA-Z.'’-]+\s+){0,3}?([A-Z][\w'’-]*)", sentence[span[1] :])
        if after:
            return _surname(after.group(1).lower()) in others
    before = re.search(r"([A-Z][\w'’-]*)\s+$", sentence[max(0, span[0] - 40) : span[0]])
    return bool(before and _surname(before.group(1).lower()) in others)  # "Klitschko was 36"


# Tolls a count can be of: a count of the injured does not answer how many died.
_TOLLS = ("deaths", "injuries", "arrests", "missing", "displaced", "rescued")


def asked_toll(question: Question) -> str | None:
    """The toll a "how many" question asks for: the first toll word of the question ("How many
    people died in the quake that injured five?": deaths; the rest describes the event)."""
    for word in _TOKEN.findall(question.text.lower()):
        role = ROLE_OF.get(word)
        if role in _TOLLS:
            return role
    return None


def counts_another_toll(sentence: str, spans: Sequence[tuple[int, int]], toll: str) -> bool:
    """Every count the sentence offers as the answer is of another toll: "injuring five
    people" for "How many people died?". A count whose role the words around it do not say
    may still be the asked one."""
    counts = [f for f in figures(sentence) if f.kind == "count"]
    roles = []
    for start, end in spans:
        over = [f for f in counts if f.start < end and start < f.end]
        roles.append(over[0].role if over else "")
    return bool(roles) and all(role in _TOLLS and role != toll for role in roles)


_WHO_DID = re.compile(r"^who\s+([a-z]{3,})\s+(.+)$", re.IGNORECASE)
_NOT_NAMES = frozenset("the a an his her their its this that these those".split())


def done_to_of_who(question: Question, verb: str | None) -> str | None:
    """The surname of whom a "who" question says the act was done to: "Kaminski" of "Who fired
    Ian Kaminski as coach?"; none when no name follows the verb at once."""
    match = _WHO_DID.match(question.text)
    if verb is None or match is None or match.group(1).lower() != verb.lower():
        return None
    rest = match.group(2)
    for name in question.names:
        if rest.lower().startswith(name):
            return _surname(name)
    return None


def done_to_another(sentences: Sequence[str], done_to: str, verb: str, stem: Stemmer) -> bool:
    """The story's sentences that say the verb say it was done to someone else, and none to
    the asked one: "The 76ers fired coach Maurice Cheeks ... replaced by Tony DiLeo" for "Who
    fired Tony DiLeo?". The one it was done to is the first name after the verb, or in a
    passive ("Cheeks was fired by ...") the name before it."""
    term = stem(verb)
    others = kept = 0
    for sentence in sentences:
        for name in _done_to(sentence, term, stem):
            kept += name == done_to
            others += name != done_to
    return others > 0 and kept == 0


def _done_to(sentence: str, term: str, stem: Stemmer) -> list[str]:
    out = []
    tokens = list(_TOKEN.finditer(sentence))
    for i, match in enumerate(tokens):
        if stem(match.group(0).lower()) != term:
            continue
        if _PASSIVE.search(sentence[: match.start()]):
            before = [t.group(0) for t in tokens[max(0, i - 4) : i] if t.group(0)[0].isupper()]
            if before:
                out.append(_surname(before[-1].lower()))
            continue
        run: list[str] = []
        for token in tokens[i + 1 : i + 7]:
            word = token.group(0)
            if word[0].isupper() and word.lower() not in _NOT_NAMES:
                run.append(word)
            elif run:
                break
        if run:
            out.append(_surname(run[-1].lower()))
    return out


# Irregular verbs, each with its past and participle: a report says "threw" where the question
# asks "did he throw", and the stems of the two differ.
_IRREGULAR = """arise arose arisen|bear bore born borne|beat beaten|become became|begin began begun|
bet|bite bit bitten|bleed bled|blow blew blown|break broke broken|breed bred|bring brought|
build built|buy bought|catch caught|choose chose chosen|come came|cut|deal dealt|dig dug|
do did done|draw drew drawn|drink drank drunk|drive drove driven|eat ate eaten|fall fell fallen|
feed fed|feel felt|fight fought|find found|flee fled|fly flew flown|forbid forbade forbidden|
forgive forgave forgiven|freeze froze frozen|get got gotten|give gave given|go went gone|
grow grew grown|hang hung|have had|hear heard|hide hid hidden|hit|hold held|hurt|keep kept|
know knew known|lay laid|lead led|leave left|lend lent|let|light lit|lose lost|make made|
mean meant|meet met|pay paid|put|quit|read|ride rode ridden|ring rang rung|rise rose risen|
run ran|say said|see saw seen|seek sought|sell sold|send sent|set|shake shook shaken|
shine shone|shoot shot|shut|sing sang sung|sink sank sunk|sit sat|sleep slept|slide slid|
speak spoke spoken|spend spent|spin spun|split|spread|stand stood|steal stole stolen|
stick stuck|sting stung|strike struck stricken|swear swore sworn|sweep swept|swim swam swum|
swing swung|take took taken|teach taught|tear tore torn|tell told|think thought|
throw threw thrown|understand understood|wake woke woken|wear wore worn|weep wept|win won|
wind wound|withdraw withdrew withdrawn|write wrote written"""
_FORMS = [frozenset(group.split()) for group in _IRREGULAR.replace("\n", "").split("|")]


def verb_stems(verb: str, stem: Stemmer) -> frozenset[str]:
    """The stems of every form of a verb: "throw", "threw" and "thrown" for "throw"."""
    low = verb.lower()
    forms = next((group for group in _FORMS if low in group), frozenset({low}))
    return frozenset(stem(form) for form in forms)
