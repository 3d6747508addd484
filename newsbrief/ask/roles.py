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
