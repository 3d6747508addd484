"""The structure of an instruction aimed at the program reading an article.

``injection`` knows the phrases attacks are built from. This module knows their grammar, so that
a new wording of a known move is still seen. An instruction to a model names something only a
model has (its prompt and instructions, the summary or answer it writes, the conversation it is
in) or names the model itself, and gives an order about it: an imperative at the start of a
clause, a modal ("must", "should", "is required to"), a request ("it would help if"), or a
declaration that its instructions are void. News can hold every one of these words, but it
reports them: orders to people are attributed ("the agency said", "according to", "under the
new rules") or given to third parties ("officials told residents to ..."), and instructions that
were cancelled belong to a ministry, not to "you".

Each language has a ``Grammar``: word lists for the parts. The rules combine the parts the same
way in every language:

- the reader's instructions (second person, or "the text above this line") said to be void;
- a command or a second-person request to show the reader's prompt or instructions;
- a command, modal or second-person order about the summary or answer the reader writes, or
  about how to slant it ("so that it recommends ...");
- a command to put a link, a web address or an advertisement into what the reader writes;
- a model, assistant or summariser told what to do, or text declared to be for it;
- a new identity or task given to the reader ("your role is now ...", "for the rest of this
  conversation ...", "the user wants you to ...").

A sentence in a reported frame is news, whatever it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

_WORD = re.compile(r"\w+")
_URL = r"(?:https?://|www\.|\b[\w-]+\.(?:example|com|net|org|io|co|info|biz|xyz|shop|news|ly)\b)"


@dataclass(frozen=True)
class Grammar:
    """How one language says the parts of an instruction to a model (regular expressions,
    matched on lower-case text)."""

    you: str  # the reader addressed: second-person pronouns and possessives
    command: str  # an imperative at the start of a clause, or please / you must
    model: str  # the reader named as a program
    prompt: str  # the reader's own instructions
    prior: str  # instructions qualified as earlier ("the previous rules")
    output: str  # what the reader writes
    reveal: str  # verbs of showing, in the imperative or infinitive
    insert: str  # verbs of putting text in
    void: str  # said of instructions: cancelled, no longer in force
    modal: str  # "must", "should", "is required to"
    role: str  # a new identity or task: "your role is now to", "the user wants you to"
    slant: str  # how to shape the output: "so that", "in a way that", "and nothing else"
    deixis: str  # the text itself or the conversation: "this page", "above this line"
    report: str  # a reported frame: "the agency said", "according to"
    link: str = _URL  # a link, an address or an advertisement
    script: str = r"[a-z]"  # a letter of the language's script
    # words one of which a sentence must hold for the grammar to be tried (Latin scripts: the
    # commonest words of the language, or those the parts are built on); empty: try always
    cue: frozenset[str] = frozenset()

    @cached_property
    def compiled(self) -> dict[str, re.Pattern[str]]:
        return {
            name: re.compile(getattr(self, name))
            for name in (
                "you", "command", "model", "prompt", "prior", "output", "reveal", "insert", "void",
                "modal", "role", "slant", "deixis", "report", "link",
            )
        }  # fmt: skip

    @cached_property
    def anchor(self) -> re.Pattern[str]:
        """Any of the parts that every rule needs one of (most sentences hold none)."""
        names = ("model", "prompt", "prior", "output", "role", "slant", "link")
        return re.compile("|".join(f"(?:{getattr(self, name)})" for name in names))

    @cached_property
    def letters(self) -> re.Pattern[str]:
        return re.compile(self.script)

    def parts(self, low: str, words: set[str] | None = None) -> set[str]:
        if self.cue and not self.cue & (words if words is not None else set(_WORD.findall(low))):
            return set()
        if not self.letters.search(low) or not self.anchor.search(low):
            return set()
        return {name for name, pattern in self.compiled.items() if pattern.search(low)}


def instructs(parts: set[str]) -> bool:
    """Whether the parts found in a sentence make an instruction to the reader."""
    if "report" in parts:
        return False
    reader = bool(parts & {"you", "deixis"})
    order = bool(parts & {"command", "you", "modal"})
    return (
        # its instructions declared void
        ("void" in parts and "prompt" in parts and (reader or "command" in parts))
        # earlier instructions declared void, and a new order given
        or ("void" in parts and "prior" in parts and (reader or "command" in parts))
        # asked to show its prompt
        or ("reveal" in parts and "prompt" in parts and order)
        # an order about what it writes, or how to shape it
        or ("output" in parts and bool(parts & {"command", "modal"}))
        or ("slant" in parts and "command" in parts)
        # a new identity or task
        or ("role" in parts and (reader or "command" in parts))
        # a link or an advertisement put into what it writes
        or ("insert" in parts and "link" in parts and (order or "model" in parts))
        # the model itself told what to do, or the text declared to be for it
        or "model" in parts
    )


# --- English -------------------------------------------------------------------------------

_EN_VERBS = (
    r"write|rewrite|phrase|word|frame|condense|summari[sz]e|paraphrase|describe|portray|present|"
    r"call|label|say|state|claim|mention|include|add|insert|append|put|place|embed|cite|credit|"
    r"quote|close|end|begin|start|open|finish|conclude|recommend|promote|praise|blame|omit|"
    r"leave out|drop|skip|remove|delete|hide|change|overwrite|replace|update|treat|consider|"
    r"rate|respond|reply|answer|output|print|show|reveal|repeat|copy|dump|list|share|display|"
    r"disclose|recite|restate|reproduce|echo|tell|give|speak|talk|act|behave|roleplay|role-play|"
    r"pretend|imagine|let (?:the |your )?(?:readers?|users?|audience) know|"
    r"switch|become|stop|ignore|disregard|forget|discard|abandon|override|bypass|make sure|"
    r"be sure|ensure|remember|note|do not|don'?t|never|always|only"
)
_CLAUSE = (
    r"(?:^|[:;.!?\"“”(\[\-–—>*]\s*|\b(?:and|then|now|so|also|instead|but)\s+|,\s*(?=(?:do not|"
    r"don'?t|never|always|only|make sure|be sure)\b))"
)

ENGLISH = Grammar(
    you=r"\b(?:you|your|yours|yourself)\b",
    command=(
        rf"{_CLAUSE}\s*(?:(?:please|kindly|now|just|simply|also|first|always|then)\s+)*"
        rf"(?:{_EN_VERBS})\b(?!\s+(?:by|of|is|are|was|were|has|have|had)\b)"
        r"|\b(?:could|would|can|will) you\b|\bi (?:need|want) you to\b"
        r"|\bit (?:would|will) (?:be (?:great|good|nice|best|helpful)|help) if\b"
        r"|\b(?:requests?|asks?|wants?|demands?|requires?) that\b"
    ),
    model=(
        r"\b(?:(?:large )?language models?|llms?|(?:ai|automated|summari[sz]ing|artificial "
        r"intelligence) (?:systems?|tools?|agents?|readers?|assistants?|models?|software|"
        r"programs?)|ais|chatbots?|bots?|summari[sz]ers?|crawlers?|models?|assistants?)\b"
        r"(?:\s+(?:\w+\s+)?(?:reading|parsing|processing|summari[sz]ing|crawling|scraping|"
        r"ingesting|analy[sz]ing|seeing|handling)\s+(?:this|these|the following)\b"
        r"|\s+(?:(?:are|is) (?:kindly |hereby |politely )?(?:asked|requested|instructed|required|"
        r"expected|told|supposed|meant)|(?:should|must|shall|need to|have to|has to|could|"
        r"would)\s+(?:\w+\s+)?(?:write|say|state|mention|include|add|cite|credit|omit|skip|"
        r"report|treat|describe|call|point|recommend|rate|ignore|flag|tell|put|answer|reply|"
        r"respond|summari[sz]e))\b)"
        r"|\b(?:(?:read|processed|parsed|summari[sz]ed|seen|crawled) by|(?:for|to)(?: the| any|"
        r" all| every)?) (?:an? |the |any )?(?:(?:(?:ai|automated|large) )?(?:language models?|"
        r"models?|ai|llms?|bots?|chatbots?|assistants?|summari[sz]ers?)|(?:ai|automated) "
        r"(?:readers?|tools?|systems?|agents?))\b(?:,?\s+not\b|\s+only\b|\s*:)"
        r"|\b(?:if|when|whenever) (?:this|the)(?: (?:text|page|article|story|post))? (?:is|gets) "
        r"(?:being )?(?:read|processed|parsed|summari[sz]ed|seen|crawled) by (?:an? |the |any )?"
        r"(?:(?:ai|automated|large) )?(?:language models?|models?|ai|llms?|bots?|chatbots?|"
        r"assistants?|summari[sz]ers?|(?:ai|automated) (?:readers?|tools?|systems?|agents?))\b"
    ),
    prompt=(
        r"\b(?:system (?:prompt|message|instructions?)|(?:your|hidden|secret|initial|original|"
        r"underlying) (?:[\w-]+ )?(?:prompt|instructions?|rules|guidelines|configuration|"
        r"directives?|programming|settings|context|constraints|policy|policies|orders)|"
        r"(?:prompt|instructions?|rules|guidelines|guidance|configuration|directives?|"
        r"directions|orders|context|constraints|restrictions|programming|policy)\b[^.;:]{0,30}?"
        r"\b(?:you|your)\b|(?:instructions?|rules|guidelines|directions|directives?|orders|"
        r"guidance|constraints) (?:that|which) (?:precede|came before|come before|appear above)"
        r"|(?:everything|all|anything|whatever|what) (?:[\w-]+ ){0,3}?(?:above|before|earlier|"
        r"previously)|(?:everything|all|anything|whatever|what) (?:the user |you )?(?:were |was |"
        r"have been |'ve been )?(?:told|asked|given|instructed)(?: you)?)\b"
        r"|\bthe (?:prompt|instructions) you\b"
    ),
    prior=(
        r"\b(?:previous|prior|preceding|earlier|original|initial|above) (?:\w+ )"
        r"{0,2}?(?:instructions?|directions|directives?|rules|guidelines|guidance|orders|prompts?|"
        r"context|constraints|commands)\b"
    ),
    output=(
        r"\b(?:(?:your|the|any|every|each|this|a) (?:[\w-]+ ){0,2}?(?:summary|summaries|recap|"
        r"digest|briefing|overview|write-?up|synopsis|headline|bullet points?)\b"
        r"(?! (?:judge?ments?|"
        r"executions?|offen[cs]es?|dismissals?|proceedings?|trials?|convictions?))|your (?:[\w-]+ )"
        r"{0,2}?(?:answer|response|reply|output)\b|(?:summaries|recaps|digests|briefings) (?:of|"
        r"from|about) (?:this|these)\b(?! (?:of|by|from|released|published|issued) (?!this\b)"
        r"(?:the |a |an |its |his |her |their )?\w)"
        r"|(?:whatever|anything|everything|when|whenever|before|if) you (?:write|produce|"
        r"generate|output|say|summari[sz]e|condense|cite|quote|answer|reply|respond)|you "
        r"(?:write|produce|generate|condense|summari[sz]e|cite)\b[^.]{0,30}\b(?:this|the "
        r"following)|(?:write|sum|wrap) up this)\b"
    ),
    reveal=(
        r"\b(?:show|reveal|print|output|dump|list|share|display|repeat|quote|copy|recite|restate|"
        r"reproduce|echo|"
        r"disclose|leak|paste|expose|give me|tell me|write out|spell out)\b"
    ),
    insert=(
        r"\b(?:add|include|insert|append|put|place|embed|cite|credit|mention|close|end|finish|"
        r"let (?:the |your )?(?:readers?|users?|audience) know|point (?:readers|users|people)|"
        r"direct (?:readers|users|people)|send (?:readers|"
        r"users|people))\b"
    ),
    void=(
        r"\b(?:(?:are|is|were|was|be|been|being) (?:now |hereby |all |henceforth )?(?:cancell?ed|"
        r"revoked|withdrawn|void|null|nullified|lifted|rescinded|annulled|superseded|"
        r"overridden|invalid|obsolete|suspended|reset|disregarded|ignored|set aside|replaced|"
        r"cleared|deleted|removed)|(?:ignore|disregard|forget|discard|drop|abandon|override|bypass|"
        r"overrule|scrap|erase|wipe|unlearn)\b|no longer (?:apply|applies|bind|binds|count|"
        r"counts|valid|in "
        r"force|matter|hold|stand)|(?:to be|should be|can be|may be|must be) (?:\w+ )?"
        r"(?:treated as|considered|regarded as|seen as)? ?(?:void|null|cancell?ed|invalid|"
        r"disregarded|ignored|revoked)|set aside|stop (?:following|applying|obeying|using|"
        r"observing|honou?ring))\b"
    ),
    modal=(
        # (not "must be read", "should be appealed": procedure, not an order about wording)
        r"\b(?:must|should|shall|needs? to|has to|have to|is to|are to|ought to|(?:is|are) "
        r"(?:required|expected|supposed|obliged) to)\b(?!\s+(?:not\s+)?be\s+(?!written|phrased|"
        r"framed|worded|presented|kept|limited|titled|in\b|positive|negative|short|brief)\w)"
    ),
    role=(
        r"\byour (?:new |real |only |actual |true )?(?:role|task|job|goal|purpose|mission|"
        r"function|objective|persona) (?:is|will be)(?: now)? to\b|\b(?:take on|adopt|assume|"
        r"play) the (?:persona|role|character|voice|identity) of\b|\b(?:for|during|throughout) "
        r"(?:the (?:rest|remainder) of )?this (?:conversation|chat|session)\b|\b(?:the )?(?:user|"
        r"operator|developer|administrator|admin|owner)s? (?:actually |really )?(?:wants?|needs?|"
        r"asks?|would like|requires?) you to\b|\b(?:imagine|pretend|suppose) (?:that )?you(?:'re|"
        r" are| were)\b[^.]{0,40}\b(?:ai|model|bot|chatbot|assistant|no (?:rules|restrictions|"
        r"limits|filters)|unfiltered|unrestricted)\b"
    ),
    slant=(
        r"\b(?:and nothing else|nothing (?:else|more)|with (?:only |just )?the (?:single )?word|"
        r"so that (?:it|the|readers|people|your|everyone|users)|in a way that|in such a way|"
        r"such that (?:it|readers)|to make (?:it|readers|the \w+) (?:look|seem|sound|appear))\b"
    ),
    deixis=(
        r"\b(?:this|these|the following) (?:article|page|text|story|report|piece|document|"
        r"paragraph|passage|post|line|feed|site|section|note|content|conversation|chat|session|"
        r"message|input|data|sentence)s?\b|\b(?:above|below|before|after) this (?:point|line|"
        r"sentence|paragraph)\b"
    ),
    report=(
        r"(?:[,\"”’]\s*(?:[\w'’.-]+\s+){0,6}?(?:said|says|told|tells|warned|warns|urged|urges|"
        r"added|adds|advised|advises|admitted|admits|announced|wrote|writes|stated|explained|"
        r"insisted|noted|pleaded|recommended|ordered|asked|invites|reported|according)\b"
        r"|^\W*(?!(?:" + _EN_VERBS + r"|you|your|if|when|whenever|whatever|it|this|the summary|"
        r"any|every|each|everything|anything|all|what)\b)(?:[\w'’.-]+\s+){0,5}?(?:said|says|told|warned|urged|advised|admitted|"
        r"announced|wrote|writes|stated|explained|claimed|complained|denied|showed|found|"
        r"reported|revealed|asked|ordered|instructed|pleaded|insisted|confirmed|noted|argued|"
        r"believes?|thinks?)\b"
        r"|\b(?:can|could|may|will be able to) (?:ask|instruct|tell|get|have) (?:the|an?|their|"
        r"its|his|her) "
        r"|\baccording to\b|\bunder (?:the |a )?(?:new )?(?:law|laws|rules|guidelines|"
        r"regulations?|policy|code|agreement)\b"
        r"|(?<!you )(?<!you have )(?<!you've )\b(?:was|were|had been) (?:told|asked|"
        r"instructed|ordered|urged|advised|found)\b)"
    ),
    cue=frozenset(
        "you your yours yourself summary summaries recap digest briefing overview write up "
        "synopsis headline headlines bullet prompt prompts instruction instructions rules "
        "guidelines guidance configuration directive directives directions orders context "
        "constraints restrictions programming policy model models assistant assistants ai ais "
        "llm llms chatbot chatbots bot bots summarizer summarizers summariser summarisers "
        "summarising summarizing crawler crawlers automated language system conversation chat "
        "session persona role character user users operator developer nothing word way such "
        "make so above before earlier previously told asked given instructed http https www "
        "example com net org io co info biz xyz shop news ly".split()
    ),
)


def _start(words: str, lead: str = "") -> str:
    """An imperative among ``words`` at the start of a clause (after ``lead`` words too)."""
    after = rf"|\b(?:{lead})\s+" if lead else ""
    return rf"(?:^|[:;.!?\"“”«»„(\[\-–—]\s*{after})\s*(?:{words})\b"


FRENCH = Grammar(
    you=r"\b(?:tu|te|toi|ton|ta|tes|vous|votre|vos)\b|\bt['’]",
    command=_start(
        r"rédige[sz]?|écri[st]|écrivez|résume[sz]?|ajoute[sz]?|insère[sz]?|inclu[st]|incluez|"
        r"mentionne[sz]?|affiche[sz]?|montre[sz]?|révèle[sz]?|donne[sz]?|imprime[sz]?|"
        r"répète[sz]?|copie[sz]?|présente[sz]?|décri[st]|décrivez|recommande[zs]?|ignore[sz]?|"
        r"oublie[sz]?|réponds|répondez|fais|faites|dis|dites|obéis|obéissez|suis|suivez|"
        r"ne (?:mentionne|dis|parle)\w*",
        "et|puis|maintenant|alors|veuillez|merci de",
    )
    + r"|\b(?:tu dois|vous devez)\b",
    model=(
        r"\b(?:ia|intelligences? artificielles?|modèles? de langage|assistants?|chatbots?)\s+"
        r"(?:qui (?:lit|lisent|résument?|traitent?)|lisant|résumant|traitant)\s+(?:ce|cet|cette|"
        r"ces)\b|\b(?:ia|modèles? de langage|chatbots?)\s+(?:doi(?:t|vent)|devr(?:a|ont|ait|"
        r"aient))\b"
    ),
    prompt=(
        r"\b(?:prompt système|invite système|message système|(?:instructions?|consignes?|"
        r"directives?|règles?|configuration|prompt)\b[^.;:]{0,30}?(?:\b(?:te|vous|ton|ta|tes|"
        r"votre|vos)\b|\bt['’])|(?:ton|ta|tes|votre|vos) (?:\w+ )?(?:instructions?|consignes?|"
        r"directives?|règles?|configuration|prompt))"
    ),
    prior=(
        r"\b(?:instructions?|consignes?|directives?|règles?|ordres) (?:\w+ )?(?:précédente?s?|"
        r"antérieure?s?|initiale?s?|d['’]origine|ci-dessus)"
    ),
    output=(
        r"\b(?:(?:le|la|ton|ta|votre|chaque|tout|toute|du|au) (?:\w+ )?(?:résumé|synthèse|"
        r"compte rendu)|(?:ta|votre) (?:\w+ )?réponse)\b"
    ),
    reveal=(
        r"\b(?:affiche[zs]?|montre[zs]?|révèle[zs]?|donne[zs]?|imprime[zs]?|répète[zs]?|"
        r"copie[zs]?|divulgue[zs]?|dévoile[zs]?)\b"
    ),
    insert=r"\b(?:ajoute[zs]?|insère[zs]?|inclu[st]|incluez|mets|mettez|cite[zs]?|mentionne[zs]?)\b",
    void=(
        r"\b(?:(?:sont|est|soient) (?:\w+ )?(?:annulée?s?|révoquée?s?|caduques?|nulles?|levée?s?|"
        r"abrogée?s?|invalidée?s?|remplacée?s?)|ne (?:comptent|compte|valent|vaut) plus|ne "
        r"s['’]appliquent plus|sans effet|ignore[zs]?|oublie[zs]?)\b"
    ),
    modal=r"\b(?:doi[st]|doivent|devr\w+|il faut)\b",
    role=(
        r"\b(?:ton|votre) (?:nouveau |nouvelle |vrai |seul )?(?:rôle|tâche|mission|travail|"
        r"objectif) (?:est|sera)\b|\b(?:fais|faites) semblant d['’]être\b|\bjoue[zs]? le rôle de\b"
    ),
    slant=r"\b(?:de (?:manière|façon|sorte) (?:à|que|qu['’])|et rien d['’]autre|rien de plus)",
    deixis=(
        r"\b(?:cet(?:te)? (?:article|page|texte|conversation|discussion|session)|ce (?:texte|"
        r"document|paragraphe|message|site)|ci-dessus|ci-dessous)\b"
    ),
    report=(
        r"\b(?:a|ont|avait|avaient) (?:dit|déclaré|annoncé|indiqué|précisé|conseillé|publié|"
        r"révélé|affirmé|expliqué|souligné|ordonné|demandé|montré)\b|\bselon\b|\bd['’]après\b"
    ),
    cue=frozenset(
        "le la les des du une est et ce cet cette ces vous tu te ton ta tes votre vos qui que "
        "pour dans avec sur au aux ne pas moi".split()
    ),
)

GERMAN = Grammar(
    you=r"\b(?:du|dich|dir|dein\w*|euch|eure?\w*)\b",
    command=_start(
        r"schreibe?|schreibt|formuliere|fasse|gib|zeige?|zeigt|nenne|liste|wiederhole|kopiere|"
        r"füge|ergänze|nimm|erwähne|empfiehl|lobe|beschreibe|stelle|ignoriere|vergiss|antworte|"
        r"sage?|verrate|drucke",
        "und|dann|jetzt|nun|bitte",
    )
    + r"|\b(?:du musst|du sollst)\b",
    model=(
        r"\b(?:ki|künstliche intelligenz|sprachmodell\w*|chatbots?|ki-assistent\w*)\s+(?:soll|"
        r"sollen|sollte|sollten|muss|müssen)\b|\b(?:ki|sprachmodell\w*|chatbots?|assistent\w*)\s+"
        r"(?:die|der|das)\s+(?:diesen|diese|dieses)\b"
    ),
    prompt=(
        r"\b(?:system-?prompt\w*|systemanweisung\w*|systemnachricht\w*|(?:anweisung\w*|"
        r"instruktion\w*|regeln?|vorgaben?|befehle?|richtlinien?|konfiguration)\b[^.;:]{0,30}?"
        r"\b(?:du|dich|dir|dein\w*|euch)\b|(?:dein\w*|eure?\w*) (?:\w+ )?(?:anweisung\w*|"
        r"instruktion\w*|regeln?|vorgaben?|befehle?|richtlinien?|konfiguration|prompts?))"
    ),
    prior=(
        r"\b(?:vorherig\w*|vorig\w*|bisherig\w*|früher\w*|obig\w*|ursprünglich\w*) (?:\w+ )?"
        r"(?:anweisung\w*|instruktion\w*|regeln?|vorgaben?|befehle?|richtlinien?)"
    ),
    output=(
        r"\b(?:(?:die|deine|eure|jede|eine|der|deiner) (?:\w+ )?zusammenfassung|(?:deine|eure|"
        r"deiner) (?:\w+ )?(?:antwort|ausgabe))\b"
    ),
    reveal=r"\b(?:zeig\w*|gib|verrate\w*|nenne\w*|wiederhole\w*|kopiere\w*|drucke\w*)\b",
    insert=r"\b(?:füge\w*|ergänze\w*|nimm\w*|erwähne\w*|setze\w*|verlinke\w*)\b",
    void=(
        r"\b(?:(?:sind|ist) (?:\w+ )?(?:aufgehoben|ungültig|nichtig|widerrufen|annulliert|"
        r"außer kraft)|gelten (?:\w+ ){0,3}?nicht mehr|gilt (?:\w+ ){0,3}?nicht mehr|"
        r"ignoriere\w*|vergiss)\b"
    ),
    modal=r"\b(?:musst|sollst|muss|müssen|soll|sollen)\b",
    role=(
        r"\b(?:deine|eure) (?:neue |wahre |einzige )?(?:rolle|aufgabe|mission) (?:ist|lautet)\b|"
        r"\btu so,? als\b"
    ),
    slant=r"\b(?:so,? dass|sodass|derart,? dass|und sonst nichts|nichts weiter)\b",
    deixis=(
        r"\b(?:diese[nmrs]? (?:artikel|seite|text|dokument|absatz|gespräch|unterhaltung|"
        r"sitzung|nachricht)|obige[nmrs]?)\b"
    ),
    report=(
        r"\b(?:sagte|sagten|teilte\w* mit|erklärte\w*|berichtete\w*|warnte\w*|forderte\w*|"
        r"zeigten|zeigte|laut|nach angaben)\b|\bruf(?:t|en) \w+ \w+ auf\b"
    ),
    cue=frozenset(
        "der das und ist nicht du dich dir dein deine deinen deiner sie ein eine zu mit auf für "
        "den dem des bitte".split()
    ),
)

SPANISH = Grammar(
    you=r"\b(?:tú|tu|tus|te|ti|usted|contigo|os|vuestr\w*|recibiste)\b",
    command=_start(
        r"escribe|redacta|resume|añade|agrega|incluye|inserta|pon|menciona|muestra|revela|"
        r"imprime|repite|copia|di|describe|presenta|recomienda|ignora|olvida|responde|contesta|"
        r"obedece|sigue|haz|omite|elimina|comparte|enumera",
        "y|luego|ahora|por favor|a partir de ahora",
    )
    + r"|\b(?:debes|tienes que)\b",
    model=(
        r"\b(?:ia|inteligencia artificial|modelos? de lenguaje|asistentes?|chatbots?)\s+(?:que "
        r"(?:lea|lean|lee|leen|resum\w+|proces\w+)|leyendo|resumiendo|procesando)\s+(?:este|"
        r"esta|estos|estas)\b|\b(?:ia|modelos? de lenguaje|chatbots?)\s+(?:debe|deben|deberá|"
        r"deberán|debería|deberían)\b"
    ),
    prompt=(
        r"\b(?:prompt (?:de|del) sistema|mensaje (?:de|del) sistema|(?:instrucciones|"
        r"instrucción|órdenes|reglas?|normas?|indicaciones|directrices|configuración|prompt)\b"
        r"[^.;:]{0,30}?\b(?:te|tu|tus|usted|recibiste|os)\b|(?:tus|tu|vuestras?) (?:\w+ )?"
        r"(?:instrucciones|órdenes|reglas|normas|indicaciones|directrices|configuración|prompt))"
    ),
    prior=(
        r"\b(?:instrucciones|órdenes|reglas|normas|indicaciones|directrices) (?:\w+ )?"
        r"(?:anteriores|previas|iniciales|originales|de arriba)"
    ),
    output=r"\b(?:(?:el|tu|su|cada|cualquier) (?:\w+ )?resumen|tu (?:\w+ )?respuesta)\b",
    reveal=r"\b(?:muestra|revela|imprime|repite|copia|enseña|comparte|enumera)\b",
    insert=r"\b(?:añade|agrega|incluye|inserta|pon|menciona|cita)\b",
    void=(
        r"\b(?:(?:quedan|queda|están|está|son|es) (?:\w+ )?(?:sin efecto|anulad[ao]s?|"
        r"cancelad[ao]s?|revocad[ao]s?|inválid[ao]s?|derogad[ao]s?)|ya no (?:son válid[ao]s|"
        r"valen|aplican|se aplican|cuentan|rigen)|ignora|olvida|descarta)\b"
    ),
    modal=r"\b(?:debes|debe|deben|tienes que|tiene que)\b",
    role=(
        r"\b(?:tu) (?:nuevo |nueva |verdadero |único )?(?:papel|rol|tarea|trabajo|misión|"
        r"objetivo) (?:es|será)\b|\b(?:finge|imagina) (?:que )?eres\b"
    ),
    slant=r"\b(?:de (?:modo|manera|forma) que|de tal (?:modo|manera|forma)|y nada más)\b",
    deixis=(
        r"\b(?:est[ea] (?:artículo|página|texto|documento|párrafo|conversación|sesión|mensaje))\b"
    ),
    report=(
        r"\b(?:dijo|dijeron|afirmó|declaró|anunció|explicó|aseguró|advirtió|informó|pidieron|"
        r"pidió|recomendó|según|reveló|revelaron)\b"
    ),
    cue=frozenset("el la los las de del que y en un una es tu tus te por para con su lo".split()),
)

ITALIAN = Grammar(
    you=r"\b(?:tu|ti|te|tuo|tua|tuoi|tue|voi|vi|vostr\w*)\b",
    command=_start(
        r"scrivi|riassumi|aggiungi|includi|inserisci|metti|menziona|mostra|rivela|stampa|ripeti|"
        r"copia|descrivi|presenta|raccomanda|ignora|dimentica|rispondi|segui|fai|ometti|elimina|"
        r"condividi|elenca|fingi",
        "e|poi|ora|adesso|per favore",
    )
    + r"|\b(?:devi)\b",
    model=(
        r"\b(?:ia|intelligenza artificiale|modelli? linguistic\w*|assistenti?|chatbot)\s+(?:che "
        r"(?:legge|leggono|riassum\w+|elabor\w+)|leggendo)\s+(?:questo|questa|questi|queste)\b|"
        r"\b(?:ia|modelli? linguistic\w*|chatbot)\s+(?:deve|devono|dovrà|dovranno|dovrebbe|"
        r"dovrebbero)\b"
    ),
    prompt=(
        r"\b(?:prompt di sistema|messaggio di sistema|(?:istruzion[ei]|regole|indicazioni|"
        r"direttive|ordini|configurazione|prompt)\b[^.;:]{0,30}?\b(?:ti|te|tuo|tua|tuoi|tue|vi)\b|"
        r"(?:tuo|tua|tuoi|tue|vostr\w*) (?:\w+ )?(?:istruzion[ei]|regole|indicazioni|direttive|"
        r"prompt|configurazione))"
    ),
    prior=(
        r"\b(?:istruzion[ei]|regole|indicazioni|direttive|ordini) (?:\w+ )?(?:precedenti|"
        r"anteriori|iniziali|originali)\b"
    ),
    output=r"\b(?:(?:il|tuo|ogni|qualsiasi|nel) (?:\w+ )?riassunto|tua (?:\w+ )?risposta)\b",
    reveal=r"\b(?:mostra|rivela|stampa|ripeti|copia|elenca|condividi)\b",
    insert=r"\b(?:aggiungi|includi|inserisci|metti|menziona|cita)\b",
    void=(
        r"\b(?:(?:sono|è) (?:state |stati |stata |stato )?(?:annullat[eiao]|revocat[eiao]|"
        r"cancellat[eiao]|abrogat[eiao]|nulle|nulli|superat[eiao])|non (?:valgono|vale) più|"
        r"ignora|dimentica)\b"
    ),
    modal=r"\b(?:devi|deve|devono)\b",
    role=(
        r"\b(?:il tuo|la tua) (?:nuovo |nuova |vero |vera )?(?:ruolo|compito|lavoro|missione|"
        r"obiettivo) (?:è|sarà)\b|\bfingi di essere\b|\bfai finta di essere\b"
    ),
    slant=r"\b(?:in modo (?:da|che)|in maniera (?:da|che)|e nient['’]altro)",
    deixis=(
        r"\b(?:quest[oa] (?:articolo|pagina|testo|documento|paragrafo|conversazione|sessione|"
        r"messaggio))\b"
    ),
    report=(
        r"\b(?:ha (?:detto|dichiarato|annunciato|spiegato|ordinato|raccomandato|chiesto)|hanno "
        r"(?:detto|dichiarato|annunciato|chiesto)|secondo)\b"
    ),
    cue=frozenset(
        "il lo la gli le di del della che e un una è per con tu ti tuo tua non sono".split()
    ),
)

PORTUGUESE = Grammar(
    you=r"\b(?:você|voce|vocês|tu|te|ti|teu|tua|teus|tuas|lhe)\b",
    command=_start(
        r"escreva|escreve|redija|resuma|adicione|acrescente|inclua|insira|coloque|mencione|"
        r"mostre|mostra|revele|imprima|repita|copie|diga|descreva|apresente|recomende|ignore|"
        r"esqueça|esqueca|responda|siga|faça|omita|elimine|compartilhe|liste|finja",
        "e|depois|agora|por favor",
    ),
    model=(
        r"\b(?:ia|inteligência artificial|modelos? de linguagem|assistentes?|chatbots?)\s+(?:que "
        r"(?:lê|leem|resum\w+|process\w+)|lendo)\s+(?:este|esta|estes|estas)\b"
    ),
    prompt=(
        r"\b(?:prompt do sistema|mensagem do sistema|(?:instruç(?:ões|ão)|instrucoes|regras|"
        r"orientações|orientacoes|ordens|diretrizes|configuração|prompt)\b[^.;:]{0,30}?\b(?:você|"
        r"voce|te|lhe|teu|tua|teus|tuas|recebeu)\b|(?:suas|seus|tuas|teus) (?:\w+ )?"
        r"(?:instruç(?:ões|"
        r"ão)|regras|orientações|diretrizes|ordens|prompt|configuração))"
    ),
    prior=(
        r"\b(?:instruç(?:ões|ão)|regras|orientações|ordens|diretrizes) (?:\w+ )?(?:anteriores|"
        r"prévias|iniciais|originais)\b"
    ),
    output=r"\b(?:(?:o|no|seu|teu|cada|qualquer) (?:\w+ )?resumo|(?:sua|tua) (?:\w+ )?resposta)\b",
    reveal=r"\b(?:mostre|mostra|revele|revela|imprima|repita|copie|liste|compartilhe)\b",
    insert=r"\b(?:adicione|acrescente|inclua|insira|coloque|mencione|cite)\b",
    void=(
        r"\b(?:(?:foram|estão|são|está|é|foi) (?:\w+ )?(?:cancelad[ao]s?|anulad[ao]s?|"
        r"revogad[ao]s?|inválid[ao]s?|sem efeito)|não (?:valem|vale|se aplicam) mais|ignore|"
        r"esqueça|esqueca|desconsidere)\b"
    ),
    modal=r"\b(?:deve|devem|deves|tem que|tens que)\b",
    role=(
        r"\b(?:seu|sua|teu|tua) (?:nov[oa] |verdadeir[oa] )?(?:papel|função|tarefa|trabalho|"
        r"missão|objetivo) (?:é|será)\b|\bfinja (?:que é|ser)\b"
    ),
    slant=r"\b(?:de (?:modo|forma|maneira) (?:que|a)|e nada mais)\b",
    deixis=(
        r"\b(?:est[ea] (?:artigo|página|texto|documento|parágrafo|conversa|sessão|mensagem))\b"
    ),
    report=(
        r"\b(?:disse|disseram|afirmou|declarou|anunciou|explicou|informou|segundo|orientou|"
        r"mandou|pediu|pediram|revelou)\b"
    ),
    cue=frozenset(
        "o os as de do da que e em um uma é você te seu sua para com não no na lhe".split()
    ),
)

DUTCH = Grammar(
    you=r"\b(?:je|jij|jou|jouw|u|uw|jullie)\b",
    command=_start(
        r"schrijf|vat|voeg|neem|noem|toon|geef|herhaal|kopieer|beschrijf|presenteer|beveel|"
        r"negeer|vergeet|antwoord|volg|verwijder|deel|zeg|prijs",
        "en|dan|nu|alsjeblieft|graag",
    ),
    model=(
        r"\b(?:ai|ki|taalmodellen|taalmodel|assistenten|chatbots?)\s+(?:die (?:dit|deze) \w+ "
        r"(?:lezen|leest|verwerken|samenvatten)|moeten|moet)\b"
    ),
    prompt=(
        r"\b(?:systeemprompt|systeembericht|(?:instructies?|regels?|richtlijnen|opdrachten?|"
        r"aanwijzingen|configuratie|prompt)\b[^.;:]{0,30}?\b(?:je|jij|jou|jouw|u|uw)\b|(?:je|"
        r"jouw|uw) (?:\w+ )?(?:instructies?|regels?|richtlijnen|opdrachten?|prompt|"
        r"configuratie))"
    ),
    prior=(
        r"\b(?:eerdere|vorige|voorgaande|oorspronkelijke) (?:\w+ )?(?:instructies?|regels?|"
        r"richtlijnen|opdrachten?|aanwijzingen)\b"
    ),
    output=r"\b(?:(?:de|je|jouw|uw|elke) (?:\w+ )?samenvatting|(?:je|jouw|uw) (?:\w+ )?antwoord)\b",
    reveal=r"\b(?:toon|geef|herhaal|kopieer|deel|onthul)\b",
    insert=r"\b(?:voeg|neem|noem|plaats|zet|vermeld)\b",
    void=(
        r"\b(?:(?:zijn|is) (?:\w+ )?(?:ingetrokken|vervallen|ongeldig|geannuleerd|opgeheven)|"
        r"gelden niet meer|negeer|vergeet)\b"
    ),
    modal=r"\b(?:moet|moeten|dien je)\b",
    role=(
        r"\b(?:je|jouw|uw) (?:nieuwe |echte )?(?:rol|taak|opdracht|missie|doel) is\b|"
        r"\bdoe alsof\b"
    ),
    slant=r"\b(?:zo dat|zodat|zodanig dat|en verder niets)\b",
    deixis=r"\b(?:dit (?:artikel|document|bericht|gesprek)|deze (?:pagina|tekst|alinea|sessie))\b",
    report=r"\b(?:zei|zeiden|meldde|verklaarde|aldus|volgens|vroeg|vroegen)\b",
    cue=frozenset("de het een en van je jij jouw u uw niet dat die op voor met".split()),
)

POLISH = Grammar(
    you=r"\b(?:ty|ci|cię|ciebie|tobie|twój|twoj\w*|wy|wam|wasz\w*)\b",
    command=_start(
        r"napisz|pisz|streść|dodaj|dołącz|wstaw|umieść|wspomnij|pokaż|ujawnij|wypisz|wydrukuj|"
        r"powtórz|skopiuj|powiedz|opisz|przedstaw|poleć|zignoruj|ignoruj|zapomnij|odpowiedz|"
        r"wykonaj|pomiń|usuń|udostępnij|wymień|udawaj|podaj",
        "i|teraz|proszę",
    ),
    model=(
        r"\b(?:ai|si|sztuczna inteligencja|modele? językow\w*|chatboty?)\s+(?:musi|muszą|"
        r"powinn\w+)\b"
    ),
    prompt=(
        r"\b(?:prompt\w* systemow\w*|systemow\w* prompt\w*|(?:instrukcj\w*|polece\w*|zasad\w*|"
        r"reguł\w*|wytyczn\w*|konfiguracj\w*|prompt\w*)\b[^.;:]{0,30}?\b(?:ci|cię|tobie|twoj\w*|"
        r"twój)\b|(?:twoj\w*|twój|swoj\w*|swój) (?:\w+ )?(?:instrukcj\w*|polece\w*|zasad\w*|"
        r"reguł\w*|prompt\w*|konfiguracj\w*))"
    ),
    prior=(
        r"\b(?:poprzedni\w*|wcześniejsz\w*|dotychczasow\w*) (?:\w+ )?(?:instrukcj\w*|polece\w*|"
        r"zasad\w*|reguł\w*|wytyczn\w*)"
    ),
    output=r"\b(?:streszczeni\w*|podsumowani\w*|(?:twoj\w*|twój) (?:\w+ )?odpowied\w*)",
    reveal=r"\b(?:pokaż|ujawnij|wypisz|wydrukuj|powtórz|skopiuj|wymień|udostępnij|podaj)\b",
    insert=r"\b(?:dodaj|dołącz|wstaw|umieść|wspomnij|zamieść)\b",
    void=(
        r"\b(?:(?:są|jest) (?:\w+ )?(?:anulowan\w*|unieważnion\w*|odwołan\w*|nieważn\w*|"
        r"uchylon\w*)|(?:już )?nie obowiązuj\w*|zignoruj|ignoruj|zapomnij)"
    ),
    modal=r"\b(?:musisz|powinieneś|powinnaś|masz)\b",
    role=r"\b(?:twoj\w*|twój) (?:now\w* )?(?:rol\w*|zadani\w*|misj\w*) (?:jest|to)\b|\budawaj\b",
    slant=r"\b(?:tak,? (?:aby|żeby|by)|w taki sposób|i nic więcej)\b",
    deixis=(
        r"\b(?:ten (?:artykuł|tekst|dokument|akapit)|ta (?:strona|rozmowa|sesja)|tej (?:stronie|"
        r"rozmowie)|tego (?:artykułu|tekstu))\b"
    ),
    report=(
        r"\b(?:powiedział\w*|oświadczył\w*|poinformował\w*|ogłosił\w*|zaapelował\w*|według|"
        r"podał\w*|odmówił\w*)"
    ),
    cue=frozenset("nie jest się że ci twój twoje swój od jak oraz dla".split()),
)

TURKISH = Grammar(
    you=r"\b(?:sen|sana|seni|senin|siz|size|sizi|sizin)\b",
    command=(
        r"(?:^|[;:.!?]\s*|\bartık\s+|\bbundan sonra\s+)(?:\S+\s+){0,5}?(?:yaz|yazdır|göster|ekle|"
        r"belirt|öv|unut|söyle|listele|tekrarla|kopyala|özetle|anlat|yanıtla|paylaş|tavsiye et|"
        r"dahil et|yok say|görmezden gel)\s*[.!]?\s*$"
    ),
    model=r"\b(?:yapay zeka|dil modeli|asistan|sohbet botu)\w*\s+(?:bu (?:metni|sayfayı)\s+okuyan)",
    prompt=(
        r"\bsistem (?:istem\w*|komut\w*|mesaj\w*|talimat\w*)|\b(?:sana|size) verilen (?:\w+ )?"
        r"(?:talimat\w*|kural\w*|komut\w*|yönerge\w*)|\b(?:senin|sizin) (?:\w+ )?(?:talimat\w*|"
        r"kural\w*|istem\w*)"
    ),
    prior=r"\b(?:önceki|eski|yukarıdaki|ilk) (?:\w+ )?(?:talimat\w*|kural\w*|komut\w*|yönerge\w*)",
    output=r"\b(?:özet\w*|yanıtın\w*|cevabın\w*)",
    reveal=r"\b(?:göster|yazdır|açıkla|listele|tekrarla|kopyala|paylaş)\b",
    insert=r"\b(?:ekle|dahil et|belirt|koy)\b",
    void=r"\b(?:iptal edil\w*|geçersiz\w*|kaldırıl\w*|yok say\w*|unut\w*|görmezden gel\w*)",
    modal=r"\b(?:zorundasın|mutlaka)\b",
    role=r"\b(?:artık sen|sen artık|yeni rolün|yeni görevin)\b",
    slant=r"\b(?:olacak şekilde|olacak biçimde)\b",
    deixis=r"\bbu (?:makale|metin|sayfa|yazı|konuşma)\w*",
    report=r"\b(?:dedi|açıkladı|bildirdi|istedi|göre|belirtti|duyurdu)\b",
    cue=frozenset("ve bir bu da de ile için sen sana tüm önceki artık değil".split()),
)

RUSSIAN = Grammar(
    you=r"\b(?:ты|тебе|тебя|тобой|твой|твоя|твоё|твое|твои|твоих|вы|вам|вас|ваш\w*)\b",
    command=_start(
        r"(?:выведи|покажи|напиши|раскрой|перечисли|повтори|скопируй|добавь|вставь|включи|"
        r"укажи|сообщи|игнорируй|проигнорируй|забудь|отвечай|ответь|пиши|опиши|представь|"
        r"притворись|упомяни|сделай|составь|перескажи|удали|пропусти|рекомендуй|назови)(?:те)?",
        "и|теперь|пожалуйста|а",
    )
    + r"|\b(?:ты должен|ты должна|вы должны)\b",
    model=(
        r"\b(?:ии|нейросет\w*|языков\w* модел\w*|чат-бот\w*|ассистент\w*)\s+(?:должн\w*|"
        r"обязан\w*)\b"
    ),
    prompt=(
        r"\b(?:системн\w* (?:промпт\w*|подсказк\w*|инструкци\w*|сообщени\w*)|(?:инструкци\w*|"
        r"указани\w*|правил\w*|промпт\w*|установк\w*|настройк\w*)\b[^.;:]{0,30}?\b(?:тебе|"
        r"тебя|вам|вас|твои\w*|ваш\w*)\b|(?:твои\w*|твой|ваш\w*|свои|свой|своих) (?:\w+ )?"
        r"(?:инструкци\w*|указани\w*|правил\w*|промпт\w*|установк\w*|настройк\w*|системн\w*))"
    ),
    prior=(
        r"\b(?:предыдущ\w*|прежн\w*|исходн\w*) (?:\w+ )?(?:инструкци\w*|указани\w*|правил\w*|"
        r"команд\w*|распоряжени\w*)"
    ),
    output=r"\b(?:резюме|пересказ\w*|краткое изложение|сводк\w*|(?:твой|ваш|свой) ответ\w*)",
    reveal=r"\b(?:выведи|покажи|раскрой|перечисли|повтори|скопируй|распечатай|назови)(?:те)?\b",
    insert=r"\b(?:добавь|вставь|включи|укажи|упомяни|размести)(?:те)?\b",
    void=(
        r"\b(?:отменен\w*|отменён\w*|недействительн\w*|аннулирован\w*|больше не действу\w*|"
        r"утратил\w* силу|игнорируй\w*|проигнорируй\w*|забудь\w*)"
    ),
    modal=r"\b(?:должен|должна|должны|обязан\w*)\b",
    role=(
        r"\b(?:твоя|ваша) (?:новая |настоящая )?(?:роль|задача|цель|миссия)\b|\bпритворись\b|"
        r"\bпредставь,? что ты\b"
    ),
    slant=r"\b(?:так,? чтобы|таким образом,? чтобы|и больше ничего|и ничего больше)\b",
    deixis=(
        r"\bэт(?:а|у|ой|от|ом|ого) (?:стать\w*|страниц\w*|текст\w*|документ\w*|абзац\w*|"
        r"разговор\w*|сесси\w*|сообщени\w*)"
    ),
    report=(
        r"\b(?:заявил\w*|сообщил\w*|сказал\w*|по словам|по данным|призвал\w*|объявил\w*|"
        r"рассказал\w*|заставил\w*|показал\w*)"
    ),
    script=r"[а-яё]",
)

CHINESE = Grammar(
    you=r"你|您",
    command=(
        r"(?:^|[。！？；：:，,!?;\s])(?:请|請)|^\W*把|(?:^|[。！？；：:!?;])\s*(?:输出|輸出|显示|顯示|"
        r"展示|告诉|告訴|写|寫|加入|插入|添加|附上|忽略|忘记|忘記|回答|推荐|推薦|描述|在(?:摘要|总结|"
        r"總結|回答|回复))"
    ),
    model=(
        r"(?:人工智能|AI|ai|语言模型|語言模型|大模型|助手|聊天机器人|聊天機器人)(?:在|正在)?(?:阅读|"
        r"閱讀|处理|處理|总结|總結)(?:本|这|這)"
    ),
    prompt=(
        r"系统提示|系統提示|提示词|提示詞|(?:给|給)(?:你|您)的.{0,6}(?:指令|指示|说明|說明|规则|規則|"
        r"设定|設定|要求)|(?:你|您)(?:的|收到的).{0,6}(?:指令|指示|说明|說明|规则|規則|设定|設定|提示)"
    ),
    prior=(
        r"(?:之前|以前|先前|此前|上面|上述|以上|原来|原有)的?.{0,4}(?:指令|指示|规则|規則|说明|說明|"
        r"设定|設定)"
    ),
    output=r"摘要|总结|總結|回答|回复|回覆",
    reveal=r"输出|輸出|显示|顯示|展示|告诉我|告訴我|打印|复述|複述|公开|公開",
    insert=r"加入|插入|添加|附上|放入",
    void=r"作废|作廢|无效|無效|取消|废除|廢除|失效|不再有效|忽略|忘记|忘記|无视|無視",
    modal=r"必须|必須|应该|應該|务必|務必",
    role=r"(?:你|您)的新?(?:角色|任务|任務|工作)是|扮演|假装你是|假裝你是",
    slant=r"使其|让它|讓它|以便",
    deixis=r"(?:本|这篇|這篇|这个|這個|此)(?:文章|页面|頁面|文本|段落|对话|對話|会话|會話)|上文",
    report=r"表示|据|據|报道|報道|发现|發現|公布|宣布|指出",
    link=_URL + r"|链接|鏈接|广告|廣告",
    script=r"[\u4e00-\u9fff]",
)

JAPANESE = Grammar(
    you=r"あなた|君|きみ|お前",
    command=r"ください|下さい|しろ|せよ|しなさい|なさい",
    model=(
        r"(?:AI|ai|人工知能|言語モデル|アシスタント|チャットボット)(?:の(?:皆さん|方)へ|へ(?:の)?"
        r"(?:指示|メッセージ|お願い)?[:：、])"
    ),
    prompt=r"システムプロンプト|(?:あなた|君)(?:へ|に|が受け取った|の).{0,6}(?:指示|命令|ルール|規則|設定)",
    prior=r"(?:これまで|今まで|以前|先ほど|上記|元)の?.{0,6}(?:指示|命令|ルール|規則|設定)",
    output=r"要約|回答|返答|まとめ",
    reveal=r"表示|出力|見せ|教え|公開|開示",
    insert=r"加え|入れ|挿入|追加|記載",
    void=r"無効|取り消|撤回|破棄|解除|無視|忘れ",
    modal=r"なければならない|べき|必ず",
    role=r"(?:あなた|君)は(?:今から|これから|今後)|(?:今から|これから)(?:あなた|君)は|ふりをして",
    slant=r"ように(?:書|して|まとめ)",
    deixis=r"この(?:文章|記事|ページ|テキスト|会話)|上記",
    report=r"と(?:発表|述べ|報じ|話し|説明)|によると|報告した|明らかにした|呼びかけた|発表した",
    link=_URL + r"|リンク|広告",
    script=r"[\u3040-\u30ff\u4e00-\u9fff]",
)

KOREAN = Grammar(
    you=r"당신|너는|너의|네가|귀하",
    command=r"(?:세요|십시오|하라|해라|주세요)\s*(?:[.!。]|$)",
    model=r"(?:AI|인공지능|언어 ?모델|어시스턴트|챗봇)(?:에게|들에게|는|들은)?\s?[:：,]",
    prompt=(
        r"시스템 프롬프트|프롬프트|(?:당신|너)(?:에게|의|가 받은).{0,6}"
        r"(?:지시|지침|명령|규칙|설정)"
    ),
    prior=r"(?:이전|앞의|위의|기존|앞서)의?.{0,6}(?:지시|지침|명령|규칙|안내)",
    output=r"요약|답변|응답",
    reveal=r"출력|보여|공개|알려|표시",
    insert=r"넣|추가|포함|삽입",
    void=r"무효|취소|철회|폐기|무시|잊어",
    modal=r"해야 한다|해야 합니다|반드시",
    role=r"(?:당신|너)(?:은|는) 이제|인 척",
    slant=r"하도록|되도록",
    deixis=r"이 (?:글|기사|페이지|문서|대화)",
    report=r"밝혔다|말했다|전했다|따르면|했다고|당부했다|발표했다",
    link=_URL + r"|링크|광고",
    script=r"[\uac00-\ud7af]",
)

ARABIC = Grammar(
    you=r"أنت|لك\b|بك\b|عليك|إليك",
    command=(
        r"(?:^|[.:،؛!?\s])(?:اكتب|اكشف|أظهر|اعرض|أضف|تجاهل|انس|أجب|قل|صف|اذكر|أدرج|ضع|لخص|امدح|"
        r"روج)(?=\s|$|[.،:])"
    ),
    model=r"(?:أيها|إلى|الى) (?:الذكاء الاصطناعي|النموذج|المساعد|روبوت)(?=\s*[:،,!])",
    prompt=(
        r"موجه النظام|تعليمات النظام|(?:التعليمات|الأوامر|القواعد|الإرشادات|التوجيهات).{0,20}"
        r"(?:الخاصة بك|لك\b|إليك|المعطاة لك)"
    ),
    prior=r"(?:التعليمات|الأوامر|القواعد|الإرشادات|التوجيهات) ?(?:السابقة|الأصلية|الأولى)",
    output=r"الملخص|ملخصك|إجابتك|ردك",
    reveal=r"اكشف|أظهر|اعرض|اطبع|كرر|انسخ",
    insert=r"أضف|أدرج|ضع|اذكر",
    void=r"إلغاء|ألغيت|أُلغيت|ملغاة|لاغية|باطلة|لم تعد سارية|تجاهل|انس",
    modal=r"يجب|عليك أن|ينبغي",
    role=r"دورك (?:الآن|الجديد)|تظاهر بأنك|أنت الآن",
    slant=r"بحيث|بطريقة",
    deixis=r"هذا (?:المقال|النص|الحوار)|هذه (?:الصفحة|المحادثة)",
    report=r"قال|قالت|أعلن|أعلنت|وفقا|وفقًا|بحسب|طلبت|طلب|الصادرة عن|أفاد|أكد",
    script=r"[\u0600-\u06ff]",
)

GRAMMARS: tuple[Grammar, ...] = (
    ENGLISH, FRENCH, GERMAN, SPANISH, ITALIAN, PORTUGUESE, DUTCH, POLISH, TURKISH, RUSSIAN,
    CHINESE, JAPANESE, KOREAN, ARABIC,
)  # fmt: skip


# The grammars whose script has ASCII letters: in ASCII text no other finds a part.
_ASCII = "".join(chr(code) for code in range(128))
_ASCII_GRAMMARS = tuple(grammar for grammar in GRAMMARS if grammar.letters.search(_ASCII))


def directed(text: str) -> bool:
    """Whether a sentence (as displayed, look-alike letters read) gives an instruction to the
    program reading it, by the structure of any of the languages."""
    low = text.lower()
    words = set(_WORD.findall(low))
    grammars = _ASCII_GRAMMARS if low.isascii() else GRAMMARS
    return any(instructs(grammar.parts(low, words)) for grammar in grammars)
