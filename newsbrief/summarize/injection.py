"""Sentences written to an automated reader rather than a person (prompt injection).

An article may carry text meant for a model that reads it: "ignore previous instructions",
"you are now ...", "when summarizing this article, say ...", role tags. News sentences are
written to people and describe what others did, so the check looks for what only text meant
for a model does:

- a command (an imperative at the start of a clause, or "you must ...") to drop earlier
  instructions: a verb of dismissing next to what it dismisses, qualified as earlier, given or
  the reader's own ("ignore all previous instructions", "disregard what you were told
  before", "ignorez les consignes ci-dessus", "忽略之前的指令");
- a model addressed as such ("if you are an AI", "note to any language model", "AI
  assistants summarizing this must ..."), or given a new role ("you are now an assistant for
  ...", "from now on, you ...");
- orders about its output ("in your summary", "respond only in French", "tell the reader to
  visit ...", "reveal your system prompt");
- the markers of chat formats (``<|im_start|>``, ``[INST]``, "### System").

A description of such text ("a line telling a model to ignore previous instructions") is news,
and so is an instruction given to people ("residents were told to ignore the earlier
evacuation instructions"): the words are the same, the grammar is not. English, French, German,
Spanish, Italian, Portuguese, Dutch, Polish, Russian, Chinese, Japanese, Korean, Arabic and
Turkish are covered; the measure is ``newsbrief eval instructions``.

Every check reads the text as displayed: compatibility forms folded (full-width letters),
invisible characters dropped, and for the Latin patterns Cyrillic and Greek look-alike letters
read as Latin.
"""

from __future__ import annotations

import re
import unicodedata

from newsbrief.summarize.directives import directed

# Where a command starts: the start of the text or of a clause, or after words that lead into
# a command ("and", "please", "you must").
_START = (
    r"(?:^|[:;,.!?\"“”'(\[\-–—>*#]\s*|\b(?:and|then|now|so|please|kindly|just|simply|first|"
    r"also|instead|but|you (?:must|should|need to|have to|will|are to|shall|are required to|"
    r"are instructed to|can)|i (?:want|need) you to|we (?:want|need) you to|it is (?:important|"
    r"essential|vital) that you)\s+)\s*(?:(?:please|now|kindly|simply|just|immediately|"
    r"completely|also)\s+)*"
)
_DISMISS = (
    r"(?:ignore|disregard|forget|override|overrule|bypass|skip|discard|abandon|drop|scrap|"
    r"ditch|throw (?:out|away)|set aside|put aside|pay no (?:attention|heed|mind) to|take no "
    r"notice of|do not (?:follow|obey|heed|listen to|apply|use)|don'?t (?:follow|obey|heed|"
    r"listen to|apply|use)|stop (?:following|obeying|using)|never mind|cancel|erase|wipe|reset|"
    r"unlearn|no longer (?:follow|obey))"
)
# What is dismissed: qualified as earlier, given or the reader's own ...
_PRIOR = (
    r"(?:previous|prior|preceding|earlier|above|foregoing|former|original|initial|system|"
    r"default|given|hidden|existing|your|all (?:the |your |of the |of your )?(?:previous|"
    r"prior|earlier|above|other))"
)
_NOUN = (
    r"(?:instructions?|directions?|directives?|prompts?|rules|guidelines?|guidance|commands?|"
    r"orders|context|constraints?|programming|training|settings|polic(?:y|ies)|restrictions?|"
    r"limitations?|safeguards?|guardrails?|filters?|tasks?|messages?|text|content|"
    r"conversation)"
)
# ... or a word that only instructions to a model are ("the instructions", "any prompt").
_STRONG = r"(?:instructions?|prompts?|directives?|programming|guardrails?|system message)"
_GIVEN = (
    r"(?:you (?:were|have been|'ve been|are) (?:given|told|sent|provided|shown|asked)|you "
    r"(?:received|got|had|have|read)|(?:that |which )?(?:came|come|comes|went|appear(?:s|ed)?) "
    r"(?:before|above|earlier)|above|before|so far|until now|up to (?:now|here|this point)|"
    r"earlier|previously)"
)
_TOLD = (
    r"(?:(?:all |of )*(?:what|everything|anything|all)\s+(?:that\s+)?(?:you(?:'ve| have| were|"
    r"'re| are)?\s+(?:been\s+)?(?:told|given|asked|instructed|taught|said|read)|i (?:said|told|"
    r"wrote)|we (?:said|told|wrote)|(?:was|has been) (?:said|written|stated)|(?:came|comes|"
    r"appears|is written) (?:before|above|earlier)|above|before|prior|previously|earlier|so far|"
    r"until now|up to (?:now|here|this point))|the above)"
)
_W = r"(?:\W+[\w'-]+){0,3}?\W+"  # a few words between

_ENGLISH = [
    # dropping earlier instructions
    rf"{_START}{_DISMISS}{_W}(?:{_PRIOR}{_W}{_NOUN}|{_STRONG}\b|{_NOUN}\W+(?:that\s+)?{_GIVEN})",
    rf"{_START}{_DISMISS}\W+{_TOLD}",
    # a model addressed as such
    r"\b(?:if|when|whenever|since) you(?:'re| are) (?:an? |the )?(?:ai|artificial intelligence|"
    r"(?:large )?language model|llm|bot|chatbot|assistant|ai assistant|model|machine|program|"
    r"summari[sz]er|crawler|automated|gpt|claude|gemini)\b",
    r"\b(?:note|message|instructions?|reminder|memo|attention) (?:to|for) "
    r"(?:the |any |all |every )?(?:ai|assistants?|models?|language models?|llms?|"
    r"summari[sz]ers?|chatbots?|bots?|"
    r"automated (?:readers?|systems?|agents?|tools?)|crawlers?)\b",
    r"\bdear (?:ai|assistant|model|language model|chatbot|summari[sz]er|llm|gpt|claude|gemini|"
    r"bot)\b",
    r"\b(?:any|all|every|each) (?:ai|artificial intelligence|(?:large )?language models?|llms?|"
    r"chatbots?|bots?|(?:ai )?assistants?|summari[sz]ers?|crawlers?|models?|automated "
    r"(?:readers?|systems?|agents?|tools?))s? (?:that (?:reads?|processe?s|summari[sz]es?)|"
    r"reading|processing|summari[sz]ing|parsing|ingesting|scraping|analy[sz]ing|seeing|"
    r"rewriting|translating)\b",
    r"\b(?:ai|assistant|language model|llm|summari[sz]er|chatbot|bot|model|automated "
    r"(?:reader|system|agent)|crawler|gpt|claude|gemini)s?\s*[:,]\s*(?:please\s+)?(?:ignore|"
    r"write|say|state|respond|reply|output|include|add|translate|report|mention|tell|recommend|"
    r"call|describe|praise|note|remember|summari[sz]e|do not|don'?t|never|always|only|you)\b",
    r"\b(?:ai(?: assistant)?|language model|llm|summari[sz]er|chatbot|model|assistant)s?\b"
    r"[^.]{0,40}?\b(?:must|should|shall|are instructed to|are required to|need to|have to)\s+"
    r"(?:now\s+|always\s+|only\s+|also\s+)?(?:say|state|write|report|include|mention|claim|"
    r"ignore|output|respond|answer|tell|add|translate|summari[sz]e|call|describe|label|"
    r"portray|present|praise|recommend|advise|refer|treat|rate|promote|conclude|insist)\b",
    r"\b(?:as|being) an? (?:ai|artificial intelligence|(?:large )?language model|llm|ai "
    r"assistant|chatbot|assistant)\b,? you\b",
    # a new role
    r"\byou are now (?:(?:an?|the|my|our)\s+(?:[\w-]+\s+){0,3}?(?:assistant|ai|bot|chatbot|"
    r"model|agent|advertis\w*|marketer|sales\w*|promoter|character|persona|version|mode|"
    r"spokes\w*|adviser|advisor|writer)\b|in (?:developer|god|admin|jailbreak|unrestricted|"
    r"unfiltered|debug) mode|(?-i:[A-Z]{3,})\b)",
    r"\byou are no longer (?:an? |bound|restricted|required|limited)",
    r"\bfrom (?:now|this point|here) on,? (?:you|your)\b",
    r"\byour (?:new|real|actual|true|only) (?:task|role|job|goal|objective|instructions?|"
    r"purpose|mission|rules?|prompt|system prompt|orders|directives?)\b",
    r"\bnew (?:instructions?|rules|task|directives?|system prompt|policy)\s*:",
    rf"{_START}pretend (?:that )?(?:you(?:'re| are)|to be)\b",
    rf"{_START}(?:act|behave|respond|answer|reply|roleplay|role-play|pose) (?:as|like) (?:if you "
    r"(?:were|are) )?(?:an?|the|my)\b[^.]{0,60}\b(?:readers?|users?|audience|summary|answer|"
    r"response|output|prompt)\b",
    # orders about the output
    r"\b(?:in|into|to|for|within|from|throughout) your (?:summary|summaries|answers?|responses?|"
    r"output|repl(?:y|ies)|write-?ups?|briefings?|digest|recap|overview|translations?|"
    r"headlines?)\b",
    r"\byour (?:summary|answer|response|output|reply|write-?up|briefing|translation) (?:must|"
    r"should|shall|will|needs to|has to)\b",
    r"\bmake sure (?:that )?your (?:summary|answer|response|output|reply|write-?up|briefing)\b",
    r"\b(?:when|while|before|after|if|whenever) (?:you(?:'re| are)? )?(?:summari[sz](?:e|ing)|"
    r"(?:writing|reporting) (?:about|on)|processing|reading|rewriting|translating|describing)"
    r" (?:this|the following|these|the above)\b",
    rf"{_START}(?:summari[sz]e|rewrite|paraphrase|translate|describe|portray|present|frame|"
    r"characteri[sz]e|depict|report) (?:this|the following|the above|the) (?:article|story|text|"
    r"page|passage|document|content|piece|post|news|company|product|report|event)\b[^.]{0,60}?"
    r"\bas\b",
    rf"{_START}(?:summari[sz]e|rewrite|paraphrase) (?:this|the following|the above) ",
    r"\b(?:respond|reply|answer|write|output|translate|speak|talk|continue)\b[^.]{0,40}\b(?:in|"
    r"into|using)\s+(?:french|german|spanish|italian|portuguese|russian|chinese|japanese|arabic|"
    r"dutch|english|korean|turkish|polish|hindi|pirate|capital letters|all caps|uppercase|"
    r"json|markdown|code|emojis?|rhymes?|verse)\b",
    # (not "tell your audience": said to a broadcaster, a model has readers and users)
    rf"{_START}tell (?:the |all |any |every )?(?:readers?|users?|subscribers|people reading)\b",
    rf"{_START}(?:include|insert|add|append|put|embed|place) (?:this|the following|the|a|our|my)"
    r" (?:link|url|web address|hyperlink|address|sentence|line|text|phrase|disclaimer|message|"
    r"slogan|promo(?:tion)?(?: code)?|coupon)\b",
    r"\b(?:reveal|print|show|output|repeat|display|leak|disclose|dump|recite|tell me|give me|"
    r"copy) (?:your|the (?:system|hidden|initial|original|secret|full|exact)) (?:system )?"
    r"(?:prompts?|instructions|rules|configuration|guidelines|directives)\b",
    r"\bthe (?:system|hidden|initial|original|secret) (?:prompt|instructions) (?:you|that you)"
    r" (?:were|have been|'ve been) given\b",
    rf"{_START}(?:repeat|print|output|copy|reproduce|recite) (?:the |all (?:the )?|everything )?"
    r"(?:text|words|content|lines|messages?|everything)? ?(?:above|before|preceding)",
    # earlier instructions declared void
    rf"\b(?:your (?:[\w-]+ ){{0,2}}{_NOUN}|{_NOUN} (?:that |which )?you(?:'ve| have)? "
    r"(?:were given|received|got|had|were told|read|follow))\b[^.]{0,40}?\b(?:no longer "
    r"(?:apply|applies|valid|matter|count|stand)|(?:are|is) (?:now )?(?:void|null|cancell?ed|"
    r"revoked|obsolete|invalid|superseded|outdated|overridden|suspended|replaced)|"
    r"(?:do|does) not apply|have been (?:replaced|revoked|cancell?ed|updated|overridden))",
    # a model called by name at the start of a sentence
    r"^\W*(?:(?:attention|hey|hello|hi|dear|calling|listen|psst|to|for|note to),?\s+(?:all\s+|"
    r"any\s+|every\s+|the\s+)?|(?:all|any|every)\s+)(?:ai|artificial intelligence|language|"
    r"large language|automated)?\s?(?:models?|assistants?|ais|llms?|chatbots?|bots?|"
    r"summari[sz]ers?|crawlers?|agents?|readers?|systems?)\s*[:!,]",
    r"^\W*(?:hey |hi |hello |dear |ok |okay )?(?:chatgpt|gpt-?\d\w*|claude|gemini|copilot|llama|"
    r"bard|grok|mistral)\s*[:,!]",
    r"\b(?:enable|enter|activate|switch to|turn on) (?:the )?(?:developer|god|admin|jailbreak|"
    r"dan|unrestricted|unfiltered|debug) mode\b",
    r"\b(?:begin|start|here are|below are|these are|following are|the following are) (?:your |"
    r"the )?(?:new|updated|real|actual) (?:instructions|rules|task|orders|directives|prompt)\b",
    r"\bend of (?:the )?(?:article|text|document|input|context|user input|data)\b\W+(?:new|"
    r"begin|start|system|now|instructions?)\b",
    rf"{_START}(?:respond|reply|answer) (?:only |just )?with (?:the words?|only|just|[\"'“])",
    rf"{_START}(?:show|tell|give|send) (?:me|us) (?:the |your |all )?(?:[\w-]+ )?"
    rf"{_STRONG}\b[^.]{{0,30}}\b(?:you (?:were|have been|'ve been) given|you (?:received|got|"
    r"follow|have)|given to you|at the start|above)",
    # the markers of chat formats
    r"<\|?\s*/?\s*(?:system|assistant|user|im_start|im_end|instructions?|article|"
    r"endoftext)\b|\[/?INST\]|\[/?SYS\]|<<\s*/?SYS\s*>>|#{2,}\s*(?:instructions?|system|"
    r"assistant|user)\b|^\s*(?:system|assistant)\s*:|</?\s*(?:instructions?|system|prompt)\s*>",
]

# Other languages: a command (the verb of dismissing at the start of a clause, or after
# "please"/"and") near what it dismisses, qualified as earlier, given or the reader's own; the
# word order of each language decides which comes first.
_LATIN_START = (
    r"(?:^|[:;,.!?\"“”'«»(\[\-–—]\s*|\b(?:et|puis|maintenant|alors|veuillez|merci de|tu dois|"
    r"vous devez|und|dann|jetzt|nun|bitte|du musst|sie müssen|y|luego|ahora|por favor|debes|"
    r"e|poi|ora|adesso|per favore|devi|e|depois|agora|por favor|deve|en|dan|nu|alsjeblieft|"
    r"graag|i|teraz|proszę|a)\s+)\s*"
)


def _dismissal(start: str, verbs: str, prior: str, nouns: str, told: str) -> str:
    return (
        rf"{start}(?:{verbs})\b(?:\W+[\w'’-]+){{0,4}}?\W+(?:(?:{prior})\b(?:\W+[\w'’-]+){{0,3}}?"
        rf"\W+(?:{nouns})|(?:{nouns})(?:\W+[\w'’-]+){{0,4}}?\W+(?:{prior})\b|(?:{told}))"
    )


_OTHER = [
    # French
    _dismissal(
        _LATIN_START,
        r"ignore[zs]?|ignorer|oublie[zs]?|oublier|ne (?:tiens|tenez) (?:pas|plus) compte|"
        r"ne (?:pas|plus) tenir compte|faire abstraction|(?:fais|faites) "
        r"(?:abstraction|fi)|néglige[zs]?|passe[zs]? outre|écarte[zs]?|ne (?:suis|suivez) (?:pas|"
        r"plus)|n[’']obéis(?:sez)? (?:pas|plus)|laisse[zs]? tomber",
        r"précédent\w*|antérieur\w*|ci-dessus|plus haut|initial\w*|originel\w*|d[’']origine|"
        r"reçu\w*|donné\w*|du système|système|toutes|tous|tes|vos",
        r"instructions?|consignes?|directives?|règles?|indications?|ordres?|prompts?|invites?|"
        r"commandes?",
        r"tout ce qu[e’']|tout ce qui (?:précède|est au-dessus)|ce qui précède",
    ),
    r"\bsi (?:vous êtes|tu es) (?:une? |l[’'])(?:ia|intelligence artificielle|assistant|modèle|"
    r"robot|chatbot|ai)\b",
    r"\b(?:(?:tu es|vous êtes) (?:maintenant|désormais|à présent|dorénavant) (?:une?|l[’'])|"
    r"(?:à partir de maintenant|désormais|dorénavant),? (?:tu|vous) (?:es|êtes|dois|devez|vas|"
    r"allez|réponds|répondez)\b)",
    r"\b(?:note|message|consigne)s? (?:pour|à|aux) (?:l[’']|les |tout |toute )?(?:ia|"
    r"assistants?|modèles?|intelligences? artificielles?|robots?)\b",
    r"\bdans (?:ton|votre) (?:résumé|réponse|synthèse|texte|article)\b",
    r"\b(?:réponds|répondez|écris|écrivez|rédige[sz]?)\b[^.]{0,30}\ben (?:anglais|français|"
    r"allemand|espagnol|italien|chinois|russe|japonais|arabe|pirate)\b",
    # German
    _dismissal(
        r"(?:^|[:;,.!?\"“”'„«»(\[\-–—]\s*|\b(?:und|dann|jetzt|nun|bitte|du musst|sie müssen|"
        r"ihr müsst)\s+)\s*",
        r"ignorier(?:e|t)?|ignorieren sie|vergiss|vergesst|vergessen sie|missachte(?:t)?|"
        r"missachten sie|übergehe?|übergehen sie|verwirf|verwerft|verwerfen sie",
        r"vorherig\w*|vorig\w*|bisherig\w*|früher\w*|obig\w*|vorangegangen\w*|vorstehend\w*|"
        r"ursprünglich\w*|alle|sämtliche|deine|ihre|eure|system\w*",
        r"anweisung\w*|instruktion\w*|regeln?|vorgaben?|befehle?|anordnung\w*|richtlinien?|"
        r"hinweise?|prompts?|systemprompt",
        r"alles,? was (?:dir|ihnen|euch) (?:vorher |zuvor |bisher |oben )?(?:gesagt|"
        r"aufgetragen|befohlen|mitgeteilt|vorgegeben)|alles (?:oben|bisherige|vorherige)",
    ),
    r"(?:^|[:;,.!?]\s*|\bbitte\s+)(?:beachte|befolge|berücksichtige|beachten sie|befolgen sie)"
    r"\b[^.]{0,40}\b(?:vorherig\w*|bisherig\w*|obig\w*|ursprünglich\w*)\b[^.]{0,30}\bnicht\b",
    r"(?:^|[:;,.!?]\s*|\bbitte\s+)(?:alle |sämtliche |die |deine |ihre )?(?:vorherig|vorig|"
    r"bisherig|obig|vorangegangen|ursprünglich|früher)\w* (?:anweisung|instruktion|regel|vorgabe|"
    r"befehl|richtlinie)\w* (?:ignorieren|vergessen|missachten|nicht (?:mehr )?(?:beachten|"
    r"befolgen))\b",
    r"\bwenn (?:du|sie) (?:eine|ein) (?:ki|künstliche intelligenz|sprachmodell|assistent|bot|"
    r"chatbot|ai)\b[^.]{0,20}\b(?:bist|sind)\b",
    r"\b(?:(?:du bist|sie sind) (?:jetzt|ab jetzt|nun|ab sofort) (?:ein|eine)\b|(?:ab jetzt|"
    r"von nun an|ab sofort),? (?:bist du|du bist|antwortest du|sollst du|musst du)\b)",
    r"\b(?:hinweis|nachricht|notiz|anweisung)(?:en)? (?:an|für) (?:die |alle |jede[ns]? )?"
    r"(?:ki|sprachmodell|ki-assistent|assistent|chatbot|bot)\w*",
    r"\bin (?:deiner|ihrer|eurer) (?:zusammenfassung|antwort)\b",
    r"\b(?:antworte|antwortet|antworten sie|schreibe?|schreiben sie)\b[^.]{0,30}\b(?:auf|in) "
    r"(?:englisch|deutsch|französisch|spanisch|italienisch|russisch|chinesisch)\b",
    # Spanish
    _dismissal(
        _LATIN_START,
        r"ignora|ignore|ignoren|ignorad|ignorar|olvida|olvide|olviden|olvidad|olvidar|"
        r"(?:haz|haga|hagan) caso "
        r"omiso|no (?:sigas|siga|sigan|hagas caso|haga caso|obedezcas|obedezca|tengas en cuenta|"
        r"tenga en cuenta)|descarta|descarte|omite|omita|desatiende|desestima|(?:pasa|pase) por "
        r"alto",
        r"anteriores?|previas?|previos?|precedentes?|de arriba|originales?|iniciales?|todas|"
        r"todos|tus|sus|del sistema|recibidas",
        r"instrucci[oó]n(?:es)?|indicaciones?|[oó]rdenes|reglas?|normas?|directrices|"
        r"consignas?|prompts?|comandos?",
        r"(?:todo )?lo que (?:te|le|les|os) (?:han |hayan )?(?:dijeron|dicho|indicaron|pidieron|"
        r"ordenaron|indicado|pedido|ordenado)|todo lo anterior|lo anterior",
    ),
    r"\bsi (?:eres|es usted|sos) (?:una?|el|la) (?:ia|inteligencia artificial|asistente|modelo|"
    r"bot|chatbot|ai)\b",
    r"\b(?:ahora|a partir de ahora|de ahora en adelante|desde ahora),? (?:eres|tú eres|serás|"
    r"debes|responderás|usted es)\b",
    r"\bnota para (?:la |el |los |las |cualquier )?(?:ia|asistentes?|modelos?|inteligencia "
    r"artificial|bots?)\b",
    r"\ben (?:tu|su) (?:resumen|respuesta)\b",
    r"\b(?:responde|responda|contesta|conteste|escribe|escriba)\b[^.]{0,30}\ben (?:inglés|"
    r"ingles|francés|alemán|chino|ruso|pirata)\b",
    # Italian
    _dismissal(
        _LATIN_START,
        r"ignora|ignorate|ignori|ignorare|dimentica|dimenticate|dimentichi|dimenticare|"
        r"non (?:seguire|seguite|segua|"
        r"tenere conto|considerare)|trascura|tralascia|lascia perdere|disattendi",
        r"precedenti|anteriori|sopra|iniziali|originali|tutte|tutti|tue|tuoi|di sistema|"
        r"ricevute",
        r"istruzion[ei]|indicazioni|regole|direttive|ordini|consegne|prompts?|comandi",
        r"(?:tutto )?(?:ciò|quello|quanto) che ti (?:è|e) stato detto|tutto quanto (?:sopra|"
        r"detto)|quanto sopra",
    ),
    r"\bse sei (?:un[’'] ?|una |un )(?:ia|intelligenza artificiale|assistente|modello|bot|"
    r"chatbot|ai)\b",
    r"\b(?:d[’']ora in poi|da ora in poi|da adesso|ora),? (?:sei|tu sei|devi|risponderai)\b",
    r"\b(?:nel tuo riassunto|nella tua risposta|nel tuo testo)\b",
    r"\brispondi\b[^.]{0,30}\bin (?:inglese|francese|tedesco|spagnolo|cinese|russo)\b",
    # Portuguese
    _dismissal(
        _LATIN_START,
        r"ignore|ignora|ignorem|ignorar|esqueça|esqueca|esquece|esqueçam|esquecer|desconsidere|"
        r"desconsidera|desconsiderar|"
        r"n[ãa]o (?:siga|sigas|obedeça|obedeca|considere)|descarte|despreze",
        r"anteriores|prévias|previas|acima|originais|iniciais|todas|todos|suas|seus|tuas|teus|"
        r"do sistema|recebidas",
        r"instruç(?:ões|ão)|instrucoes|regras|orientações|orientacoes|ordens|diretrizes|"
        r"comandos|prompts?",
        r"tudo (?:o )?que (?:lhe|te|você|voce|vocês|lhes) (?:foi dito|disseram|foi pedido|"
        r"pediram)|tudo acima|tudo o que foi dito",
    ),
    r"\bse (?:você é|voce e|és|tu és) (?:uma?|o|a) (?:ia|inteligência artificial|assistente|"
    r"modelo|bot|chatbot|ai)\b",
    r"\b(?:agora|a partir de agora|de agora em diante),? (?:você é|voce e|és|tu és|você deve|"
    r"deves|você será)\b",
    r"\b(?:no seu resumo|na sua resposta|no teu resumo|na tua resposta)\b",
    r"\b(?:responda|responde|escreva|escreve)\b[^.]{0,30}\bem (?:inglês|ingles|francês|"
    r"espanhol|alemão|chinês)\b",
    # Dutch
    _dismissal(
        _LATIN_START,
        r"negeer|negeert|vergeet|sla|volg",
        r"eerdere|vorige|voorgaande|bovenstaande|oorspronkelijke|alle|je|jouw|uw",
        r"instructies?|opdrachten?|regels?|richtlijnen|aanwijzingen|prompts?|bevelen",
        r"alles wat (?:je|jou|u) (?:eerder |eerst )?(?:is |werd )?(?:verteld|gezegd|opgedragen)",
    ),
    r"\b(?:vanaf nu|voortaan),? (?:ben je|je bent|moet je|zul je|bent u)\b",
    r"\bals (?:je|jij|u) een (?:ai|ki|taalmodel|assistent|bot|chatbot)\b",
    r"\bin (?:je|jouw|uw) (?:samenvatting|antwoord)\b",
    # Polish
    _dismissal(
        _LATIN_START,
        r"zignoruj(?:cie)?|ignoruj(?:cie)?|zapomnij(?:cie)?|nie (?:stosuj|wykonuj|słuchaj)|"
        r"pomiń|pomijaj",
        r"poprzedni\w*|wcześniejsz\w*|powyższ\w*|wszystk\w*|twoje|swoje",
        r"instrukcj\w*|polece\w*|zasad\w*|reguł\w*|wskazów\w*",
        r"(?:o )?wszystki\w*,? co (?:ci|wam|pani|panu) (?:wcześniej |przedtem )?(?:powiedziano|"
        r"kazano|mówiono)",
    ),
    r"\bjeśli jesteś (?:ai|si|sztuczną inteligencją|asystentem|modelem|botem)\b",
    # Turkish: object first, then the verb
    r"\b(?:önceki|yukarıdaki|tüm|bütün|eski|verilen)\b[^.]{0,40}\b(?:talimat|kural|komut|"
    r"yönerge)\w*\b[^.]{0,20}\b(?:yok say|görmezden gel|unut|dikkate alma|uyma)\w*",
    r"\beğer (?:bir )?(?:yapay zeka|ai|asistan|dil modeli)(?:ysan|san)\b",
]

# Scripts without the look-alike folding (Cyrillic, CJK, Hangul, Arabic).
_START_CJK = r"(?:^|[。！？；，、,:：\s!?;]|请|請|现在|現在|那么|然后|然後)\s*"
_NATIVE = [
    # Russian
    _dismissal(
        r"(?:^|[:;,.!?\"“”'«»(\[\-–—]\s*|\b(?:и|теперь|пожалуйста|а)\s+)\s*",
        r"игнорируй(?:те)?|проигнорируй(?:те)?|забудь(?:те)?|не обращай(?:те)? внимания на|"
        r"не следуй(?:те)?|не выполняй(?:те)?|отбрось(?:те)?|пренебреги(?:те)?",
        r"предыдущ\w*|прежн\w*|ранее|вышеизложенн\w*|выше|все|всё|свои|твои|ваши|исходн\w*|"
        r"системн\w*|данные|полученные",
        r"инструкци\w*|указани\w*|правил\w*|команд\w*|распоряжени\w*|промпт\w*|установк\w*",
        r"(?:о )?(?:всё|все|том),? что (?:тебе|вам) (?:раньше |ранее |до этого )?(?:говорили|"
        r"сказали|было сказано|велели|поручили)",
    ),
    r"(?:^|[.!?:]\s*)(?:теперь|с этого момента|отныне),? ты\b",
    r"\bесли ты (?:[-—]\s*)?(?:ии|искусственный интеллект|ассистент|бот|чат-бот|языковая "
    r"модель|нейросеть|ai)\b",
    r"\bв (?:своём|своем|твоём|твоем|вашем) (?:резюме|ответе|кратком изложении|пересказе)\b",
    # Chinese
    rf"{_START_CJK}(?:忽略|忽视|忽視|无视|無視|忘记|忘記|忘掉|忘了|不要理会|不要理會|别理会|"
    r"不要遵守|不要遵循|不必遵守|别管|不用管|抛开|拋開|抛弃|放弃|跳过|覆盖|不再遵守)"
    r".{0,12}?(?:之前|以前|先前|此前|上面|上述|以上|前面|原来|原來|原有|原先|所有|全部|你的|"
    r"您的|系统|系統|收到的)"
    r".{0,10}?(?:指令|指示|说明|說明|规则|規則|提示|要求|命令|设定|設定|规定|規定|约束|約束)",
    r"(?:如果|假如|若)(?:你|您)是(?:一个|一個|一名)?(?:人工智能|AI|ai|语言模型|語言模型|"
    r"助手|机器人|機器人|大模型|聊天机器人)",
    r"(?:从现在开始|從現在開始|从现在起|從現在起|从今以后|現在起)[，,]?\s*(?:你|您)",
    r"(?:你|您)现在是|(?:你|您)現在是",
    r"在(?:你|您)的(?:摘要|总结|總結|回答|回复|回覆|答案)(?:中|里|裡)",
    r"(?:只|请|請)用.{1,4}(?:回答|回复|回覆|写|寫)",
    r"(?:给|給)(?:人工智能|AI|ai|语言模型|助手)的(?:提示|说明|指令|留言)",
    # Japanese: object, then the verb in the imperative or the request form
    r"(?:以前|これまで|今まで|前|上記|上|先ほど|元|すべて|全て|システム)の?.{0,8}?(?:指示|命令|"
    r"指令|ルール|規則|プロンプト|設定|説明).{0,8}?(?:無視して|無視しろ|無視せよ|忘れて|忘れろ|"
    r"従わないで|破棄して)",
    r"(?:あなたは|君は)(?:今から|これから|今後)|(?:今から|これから)(?:あなた|君)は",
    r"(?:もし)?(?:あなた|君)が(?:AI|ai|人工知能|言語モデル|アシスタント)",
    r"(?:要約|回答|返答|まとめ)(?:では|で|に|の中で).{0,40}(?:ください|しなさい|せよ)",
    # Korean
    r"(?:이전|앞의|위의|모든|기존|앞서).{0,12}(?:지시|지침|명령|규칙|프롬프트|안내).{0,8}"
    r"(?:무시하|잊어)",
    r"(?:당신|너)(?:은|는) 이제",
    # Arabic
    r"(?:^|[.:،؛!?]\s*|\bو)(?:تجاهل|تجاهلي|تجاهلوا|انس|انسَ|لا تتبع|لا تلتزم)\b.{0,30}"
    r"(?:التعليمات|الأوامر|القواعد|الإرشادات|التوجيهات)",
    r"(?:إذا|إن) كنت (?:ذكاءً اصطناعيًا|ذكاء اصطناعي|مساعد|نموذج)",
]

# What each pattern above cannot match without (lower-case pieces of text, in the order of
# the patterns): a pattern runs only on a sentence that holds one of its pieces, which keeps the
# check fast (most news sentences hold none); see ``_Checks`` for how pieces are found.
_MODEL = (
    "ai ", "ais ", "model", "assistant", "llm", "bot", "chatbot", "summar", "crawler",
    "automated", "agent",
)  # fmt: skip
_DISMISS_WORDS = (
    "ignor", "disregard", "forget", "overr", "bypass", "skip", "discard", "abandon", "drop",
    "scrap", "ditch", "throw", "aside", "attention", "heed", "mind", "notice", "follow", "obey",
    "listen", "apply", "use", "stop", "cancel", "erase", "wipe", "reset", "unlearn",
)  # fmt: skip
_ENGLISH_NEEDS: list[tuple[str, ...]] = [
    _DISMISS_WORDS, _DISMISS_WORDS, ("you",), ("note", "message", "instruction", "reminder",
    "memo", "attention"), ("dear",), _MODEL, (*_MODEL, "gpt", "claude", "gemini"), _MODEL,
    _MODEL, ("you",), ("you",), ("you",), ("your",), ("new",), ("pretend",), ("act", "behave",
    "respond", "answer", "reply", "role", "pose"), ("your",), ("your",), ("your",), ("summar",
    "writing", "reporting", "processing", "reading", "rewriting", "translating", "describing"),
    ("summar", "rewrite", "paraphrase", "translate", "describe", "portray", "present", "frame",
    "characteri", "depict", "report"), ("summar", "rewrite", "paraphrase"), ("respond",
    "reply", "answer", "write", "output", "translate", "speak", "talk", "continue"), ("tell",),
    ("include", "insert", "add", "append", "put", "embed", "place"), ("reveal", "print", "show",
    "output", "repeat", "display", "leak", "disclose", "dump", "recite", "tell", "give",
    "copy"), ("prompt", "instructions"), ("repeat", "print", "output", "copy", "reproduce",
    "recite"), ("your", "you"), (*_MODEL, "ais", "reader", "system"), ("gpt", "chatgpt",
    "claude", "gemini", "copilot", "llama", "bard", "grok", "mistral"), ("mode",), ("new",
    "updated", "real", "actual"), ("end of",), ("respond", "reply", "answer"), ("show", "tell",
    "give", "send"), ("<", "[", "#", "system", "assistant"),
]  # fmt: skip
_OTHER_NEEDS: list[tuple[str, ...]] = [
    ("ignor", "oubli", "compte", "abstraction", " fi", "néglig", "outre", "écart", "suis",
    "suivez", "obéi", "tomber"), ("vous êtes", "tu es"), ("tu ", "vous "), ("ia", "assistant",
    "modèle", "intelligence", "robot"), ("dans ton", "dans votre"), ("répond", "écri",
    "rédige"), ("ignorier", "vergiss", "vergesst", "vergessen", "missacht", "überge", "verwirf",
    "verwerf"), ("beacht", "befolg", "berücksicht"), ("ignorieren", "vergessen", "missachten",
    "beachten", "befolgen"), ("wenn",), ("du bist", "sie sind", "ab jetzt", "von nun an",
    "ab sofort"), ("hinweis", "nachricht", "notiz", "anweisung"), ("in deiner", "in ihrer",
    "in eurer"), ("antwort", "schreib"), ("ignor", "olvid", "omiso", "no sig", "no hag",
    "no obedez", "no teng", "descart", "omit", "desatiend", "desestim", "por alto"), ("si ",),
    ("ahora",), ("nota para",), ("en tu ", "en su "), ("respond", "contest", "escrib"),
    ("ignor", "dimentic", "non ", "trascura", "tralascia", "lascia perdere", "disattendi"),
    ("se sei",), ("ora ",), ("nel tuo", "nella tua"), ("rispondi",), ("ignor", "esque",
    "desconsider", "não ", "nao ", "descart", "desprez"), ("se ",), ("agora",), ("no seu",
    "na sua", "no teu", "na tua"), ("respond", "escrev"), ("negeer", "vergeet", "sla", "volg"),
    ("vanaf nu", "voortaan"), ("als ",), ("in je", "in jouw", "in uw"), ("zignoruj", "ignoruj",
    "zapomnij", "nie ", "pomiń", "pomijaj"), ("jeśli",), ("yok say", "görmezden", "unut",
    "dikkate alma", "uyma"), ("eğer",),
]  # fmt: skip
_NATIVE_NEEDS: list[tuple[str, ...]] = [
    ("игнорир", "проигнорир", "забудь", "не обращай", "не следуй", "не выполняй", "отбрось",
    "пренебреги"), ("ты",), ("если ты",), ("в своём", "в своем", "в твоём", "в твоем",
    "в вашем"), ("忽略", "忽视", "忽視", "无视", "無視", "忘记", "忘記", "忘掉", "忘了", "不要理",
    "别理", "不要遵", "不必遵", "别管", "不用管", "抛开", "拋開", "抛弃", "放弃", "跳过", "覆盖",
    "不再遵"), ("如果", "假如", "若"), ("从现在", "從現在", "从今以后", "現在起"), ("现在是",
    "現在是"), ("在你的", "在您的"), ("用",), ("给", "給"), ("無視", "忘れ", "従わない",
    "破棄"), ("あなたは", "君は", "今から", "これから"), ("あなたが", "君が"), ("ください",
    "しなさい", "せよ"), ("무시하", "잊어"), ("이제",), ("تجاهل", "انس", "لا تتبع", "لا تلتزم"),
    ("كنت",),
]  # fmt: skip


class _Checks:
    """Patterns, each run only when the text holds one of its pieces.

    A piece in Latin or Cyrillic letters is looked up by the words of the text: "ai " (with a
    space) is the word "AI", "ignor" any word that starts so, "end of" the word "end". Other
    pieces (Chinese, Japanese, Korean, Arabic, "<", "[") are looked for anywhere in the text.
    """

    def __init__(self, patterns: list[str], needs: list[tuple[str, ...]]) -> None:
        assert len(patterns) == len(needs), "one tuple of needed pieces per pattern"
        # Compiled when first needed: compiling all of them took most of the time importing
        # this module, which every command that may write a summary pays.
        self.sources = patterns
        self.patterns: dict[int, re.Pattern[str]] = {}
        self.words: dict[str, set[int]] = {}
        self.starts: dict[str, set[int]] = {}
        self.anywhere: dict[str, set[int]] = {}
        for i, group in enumerate(needs):
            for piece in group:
                piece = piece.strip(" ") if " " in piece.strip(" ") else piece.lstrip(" ")
                if not (piece[0].isalpha() and ord(piece[0]) < 0x530):
                    self.anywhere.setdefault(piece, set()).add(i)
                elif " " in piece:
                    self.words.setdefault(piece.split(" ")[0], set()).add(i)
                else:
                    self.starts.setdefault(piece, set()).add(i)
        # Every opening of a piece: a word is read letter by letter only while it still opens
        # one (most words stop after a letter or two, where each length was tried).
        self.openings = {piece[:end] for piece in self.starts for end in range(1, len(piece) + 1)}

    def match(self, text: str) -> bool:
        low = text.lower()
        todo: set[int] = set()
        for word in set(_WORD.findall(low)):
            if word in self.words:
                todo |= self.words[word]
            for end in range(1, len(word) + 1):
                opening = word[:end]
                if opening not in self.openings:
                    break
                if opening in self.starts:
                    todo |= self.starts[opening]
        for piece, checks in self.anywhere.items():
            if piece in low:
                todo |= checks
        return any(self._pattern(i).search(text) for i in sorted(todo))

    def _pattern(self, index: int) -> re.Pattern[str]:
        if index not in self.patterns:
            self.patterns[index] = re.compile(self.sources[index], re.IGNORECASE | re.MULTILINE)
        return self.patterns[index]


_WORD = re.compile(r"\w+")
_LATIN = _Checks(_ENGLISH + _OTHER, _ENGLISH_NEEDS + _OTHER_NEEDS)
_NATIVE_CHECKS = _Checks(_NATIVE, _NATIVE_NEEDS)


# Letters of other scripts drawn like Latin ones (Unicode's confusables for the Latin letters
# a model reads the same way): an instruction spelt with them must still be recognised.
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁһӏԛԝАВЕКМНОРСТХІЈЅαονιρυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdhlqwABEKMHOPCTXIJSaovipuxABEZHIKMNOPTYX",
)


def displayed(text: str) -> str:
    """Text as shown: compatibility forms folded (full-width, ligatures), invisible format
    characters (zero-width spaces and joiners, direction marks) dropped, any run of spaces
    made one."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return re.sub(r"[^\S\n]+", " ", text)


def as_read(text: str) -> str:
    """Text as a reader of Latin script sees it: ``displayed``, and look-alike letters of other
    scripts read as Latin."""
    return displayed(text).translate(_LOOKALIKES)


def addresses_reader(sentence: str) -> bool:
    """Whether a sentence of an article is written to an automated reader, not a person."""
    shown = displayed(sentence)
    if shown.isascii():
        return _LATIN.match(shown) or directed(shown)
    read = shown.translate(_LOOKALIKES)
    return (
        _LATIN.match(read)
        or _NATIVE_CHECKS.match(shown)
        or directed(read)
        or (read != shown and directed(shown))
    )
