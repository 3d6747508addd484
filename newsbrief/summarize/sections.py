"""Which section a sentence belongs in: what's next, background, or why it matters.

Each sentence is read for the time it speaks of and the work it does, from its verb forms and
time expressions rather than its topic:

- **What's next** looks forward: future and intention forms ("will", "is expected to", "plans
  to", "is set to", "is due to"), scheduled events ("a hearing next week", "the vote on
  Tuesday" when that day is after the report), and dates later than the report itself.
- **Beyond the headlines** looks back or steps aside: past perfect ("had been", "had won"),
  years before the report, "previously", "last year", "ago", "since 2005", "the first time
  since", "the latest in a series", and descriptions of who someone or something is.
- **Why it matters** weighs the news: consequences ("means", "could lead to"), risks and
  concerns, rarity ("only the third emergency patch in the last three years", "a record"), a
  reason the writer draws ("that's why"), and who is affected.

These readings keep sentences where they belong:

- **Tense and time, not words alone.** A year or a day before the report, past perfect that is
  not reported speech or part of the event's own sequence ("had been dropped off ... when he
  fell"), habitual present ("usually", "typically"), a career record ("his 16th in a row") and
  a sentence that says what something is ("Promises is a celeb favorite"), how often something
  happens ("it's not uncommon for"), a run of seasons, what was expected before the news and
  the setting the news comes in ("This comes at a time of ...") look back, and so does a month
  told in the past two or more months before the report ("said in March they would ...", in a
  December report: a past statement, not a plan). The past tense is a verb's: not a word
  that only ends like one ("need", "hundred"), a compound ("American-led"), a name ("Ahmed")
  or a participle after "is" and an adverb ("are already used"); and what a speaker notes or
  explains ("She noted that similar methods are already used") is read as its clause. "will" said
  to the reader ("you will need", "users will experience") describes, it does not look ahead,
  and a speaker's own refusal ("We will not accept ...") is a stance taken now.
- **The lead reports the news.** An article's first sentence is *What's happening* unless the
  evidence against is twice as strong: "Microsoft released a critical patch" is the event, not
  why it matters, and "announced that she would host next year" is the announcement. A lead
  that opens on what is to come ("Bush will miss the last two games") is what's next.
- **Who judges.** A sentence whose subject is those who judge the news ("Critics say the poll
  is a sham") weighs it, even as a lead; so does seeing something as something ("saw the step
  as necessary") and a named thing's change acting on others ("Bush's absence leaves ...").
- **A sentence leaves *What's happening* on cues that place or weigh it, not on words that
  describe the event.** A past perfect alone most often orders the event's own steps ("the fire
  had started in the roof"), a superlative, a severity or a cause describes the event ("the
  biggest heist", "in critical condition", "delayed because the lights failed"), and "former"
  or "history" name a role or a scale: each counts half, or nothing, until another cue joins
  it. An earlier year told in the past ("had won an Academy Award in 1998") dates the event
  itself, enough even in a lead. Thanks, condolences, apologies and appeals for information
  ("Police would like to thank the community ... affected", "Anyone with information is asked
  to call") are said to people and weigh nothing.
- **Roundup lines are not write-up sentences of any section.** A line of other stories ("More:
  ...", "Also on the blog: ...", "Also read: ...", "Previously: ...", items joined by "|" or
  "•") gets no section evidence.

A sentence goes to the section with the strongest evidence (a judgement before an outlook when
they are as strong: "many will be at higher risk" warns), or to *What's happening* when none is
strong enough; a sentence is never in two sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from newsbrief.summarize.candidates import Candidate

THRESHOLD = 1.0  # evidence a sentence needs to leave "What's happening"
GENERAL_PRESENT = 1.0  # as strong as a date: how things are is background
LEAD_THRESHOLD = 2.0  # the same for an article's first sentence, which reports the news

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}

_NEXT_STRONG = re.compile(
    r"\b(?:will|won't|shall|'ll)\s+(?!not\s+(?:say|comment))\w+|"
    r"\b(?:is|are|'s|'re)\s+(?:not\s+)?(?:expected|set|scheduled|due|slated|poised|likely|going|"
    r"planning|preparing|hoping|aiming|about)\s+to\b|"
    r"\b(?:plans?|planned|intends?|aims?|vow(?:s|ed)?|pledged?|hopes?|"
    r"expects?|seeks?|wants?)\s+to\b|"
    # A promise as a verb; "fulfills the academy's promise to shake up the show" is a noun.
    r"(?<!'s )(?<!\bthe )(?<!\bits )(?<!\bhis )(?<!\bher )(?<!\btheir )\bpromised?\s+to\b|"
    r"\b(?:is|are)\s+to\s+(?:be|face|appear|meet|decide|vote|rule|announce|return|take)\b|"
    r"\bnext\s+(?:week|month|year|season|step|steps|round|meeting|phase|move|stage|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"\blater\s+(?:this|in the|next)\s+(?:week|month|year|season|day)\b|"
    r"\b(?:upcoming|tomorrow|deadline|forthcoming)\b|"
    r"\bin the (?:coming|next) (?:days|weeks|months|years|hours)\b|"
    r"\b(?:yet to|has yet to|have yet to|remains to be seen|awaits?|awaiting|pending)\b|"
    r"\bfaces? (?:up to|a maximum|a possible|possible|life in)\b|"
    r"\b(?:hearing|trial|vote|sentencing|meeting|election|ruling|decision|summit|talks)\s+"
    r"(?:is|are|was|has been|have been)\s+(?:set|scheduled|planned|expected|due)\b",
    re.IGNORECASE,
)
_NEXT_WEAK = re.compile(
    r"\b(?:would|could|may|might)\s+(?:be|face|have|take|lead|go|come|need|decide|vote|"
    r"resume|return|begin|start|open|close|announce)\b|\bif\b|\bonce\b|\bwhen\s+\w+\s+will\b",
    re.IGNORECASE,
)
# The past perfect orders steps: in news most often the event's own ("had been dropped off ...
# when he fell"), so alone it is half the evidence of a date.
_PAST_PERFECT = re.compile(
    r"\bhad\s+(?:been|\w+ed|won|lost|made|taken|given|seen|done|gone|become|begun|run|held|"
    r"led|left|met|paid|said|told|known|shown|built|brought|thought)\b",
    re.IGNORECASE,
)
PAST_PERFECT = 0.5
_BACK_STRONG = re.compile(
    r"\b(?:previously(?!\s+(?:unknown|undisclosed|unreported|unseen|unpublished))|formerly|"
    r"originally|historically|traditionally|once again)\b|"
    r"\b(?:last|the previous|the past|this past)\s+(?:year|month|decade|season|off-?season|week|"
    r"time|century|summer|winter|spring|fall|autumn)\b|"
    r"\b(?:earlier|since|back)\s+(?:this|last|in)\b(?!\s+the\s+(?:day|morning|evening|afternoon))|\b\w+\s+(?:years?|decades?|months?)\s+ago\b|"
    r"\bthe (?:first|second|third|latest|last) (?:time )?(?:since|in a series|of several)\b|"
    # "in the past 24 hours" counts up to now (rarity); "in the past" alone looks back.
    r"\bthe latest in\b|\bin the past\b(?!\s+(?:\d+|few|several|two|three|four|five|six|"
    r"seven|eight|nine|ten|twelve)\b)|\bhas (?:long|often|repeatedly|never)\b|"
    r"\bfor (?:years|decades|centuries|generations)\b|\b(?:was|were) (?:founded|established|"
    r"built|born|created|elected|appointed|named|first)\b|\bbest known\b|\bknown for\b",
    re.IGNORECASE,
)
_MATTERS_STRONG = re.compile(
    r"\b(?:means|meaning that|so that|in order to|as a result|consequently|"
    r"impact(?:s|ed)?|affect(?:s|ed|ing)?|significan(?:t|ce)|important(?:ly)?|"
    # "a threat to" and "warned that" weigh; "a telephoned bomb threat" and "a call with a similar
    # warning" are events.
    r"risks?|threats? (?:to|of|for)|threatens?|concerns?|concerned|consequences?|implications?|"
    r"could (?:lead|mean|affect|cost|hurt|harm|threaten|undermine|force|trigger|delay)|"
    r"raises? (?:questions|concerns|fears|doubts)|worr(?:y|ies|ied)|fears?|"
    r"crisis|unprecedented|at stake|blow to|boost(?:s|ed)? (?:to|for)|setback|"
    r"warn(?:s|ed)?|warning (?:that|of|about|against)|vulnerable|"
    r"undermin(?:e|es|ed|ing)|jeopardi[sz]e|"
    r"first-ever|most serious|"
    # "a record of 9-14" is a tally, not a record broken.
    r"(?:a|an) (?:record(?! of\b)|all-time)|record[- ](?:high|low|number)|for the first time)\b",
    re.IGNORECASE,
)
# Half the evidence: a cause ("because") most often tells how the event came about, a severity
# ("critical") rates it, a degree ("significantly short of") measures it and a superlative ("the
# biggest heist") describes it; with another cue they weigh the news.
_MATTERS_HALF = re.compile(
    r"\b(?:because|critical|significantly|"
    r"(?:the )?(?:biggest|largest|worst|deadliest|highest|lowest))\b",
    re.IGNORECASE,
)
MATTERS_HALF = 0.5
_MATTERS_WEAK = re.compile(
    r"\b(?:economy|economic|jobs|prices|costs?|safety|security|health|public|consumers|"
    r"customers|users|residents|families|millions|thousands|nationwide|global|worldwide|"
    r"industry|market|markets|investors|voters|patients|students)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{1,2})\b",
    re.IGNORECASE,
)
# A year as a time ("in 2005", "since 2005", "May 2005"), not a name ("Windows 2000").
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(
    r"(?:\b(?:in|since|from|until|till|by|of|during|before|after|early|late|mid|around|"
    r"circa|year|season|" + "|".join(_MONTHS) + r")\.?\s+|,\s|\()(1[89]\d\d|20\d\d)\b",
    re.IGNORECASE,
)
# Past perfect after a verb of saying is reported speech about the news, not background.
_REPORTED = re.compile(
    r"\b(?:said|says|told|announced|confirmed|reported|added|revealed|revealing|noted|"
    r"explained|saying)\b[^.;]{0,80}?\bhad\b|"
    # A speaker's own account ("I wish I had pressed charges") is what they say now.
    r"\b(?:I|we)\b[^.;]{0,40}?\bhad\b",
    re.I,
)
# Past perfect followed by what happened next in the same sentence is the event's own sequence.
# "He had refused a Breathalyzer test and was given a blood test instead" goes on in the past.
_SEQUENCE = re.compile(
    r"\bhad\b[^.;]{0,80}?\b(?:when|until|before|then|and (?:was|were|then))\b", re.I
)
# Looking back without a date: habits, records, what something is or was.
_BACK_MORE = re.compile(
    r"\b(?:usually|typically|generally|normally|routinely|customarily)\b|"
    r"\b(?:\d+(?:st|nd|rd|th)|\w+teenth) century\b|\bturned out to be\b|\ball-time\b|"
    r"\b(?:became|become) (?:famous|known|a star|a household name)\b|\brose to fame\b|"
    r"\b(?:has|have|had) spent \w+ (?:years|seasons|decades)\b|"
    r"\bcompared (?:to|with) (?:a|an|the|just|only)?\s*\S+ (?:in|during|a year|last)\b|"
    r"\bcareer(?:-best|-high)?\b|\bin a row\b|\bstraight (?:wins|victories|losses|games)\b|"
    r"\b\d+(?:st|nd|rd|th) (?:victory|win|title|defeat|loss|season|term|appearance)\b|"
    r"\b(?:is|are|was|were) (?:\d+-\d+|one of the)\b|"
    r"\b(?:dating|dates|traces?|traced) back\b|"
    # Where a thing began: "The rule change has its origins in a May announcement".
    r"\b(?:has|have|had) (?:its|their) (?:origins?|roots) in\b|"
    r"\bover the (?:years|decades)\b|\bprior to\b|"
    r"\blast (?:january|february|march|april|june|july|august|september|october|november|"
    r"december)\b|"
    r"\bin the (?:1[89]|20)\d0'?s\b|\bthe (?:1[89]|20)\d0'?s\b|"
    r"\b(?:after being|had been|was) (?:convicted|jailed|imprisoned|acquitted)\b|"
    r"\bwas in (?:prison|jail|office|charge)\b|"
    # A life told: "grew up in Ohio", "began her career as", "served as mayor".
    r"\b(?:grew up|graduated|(?:began|started) (?:his|her|their) (?:career|life)|"
    r"(?:served|worked) as|went on to|rose through)\b|"
    # How often a thing happens: "it's not uncommon for artists to give up the rights".
    r"\b(?:is|it's|was|are|were)\s+(?:not\s+)?(?:uncommon|common|rare|unusual|typical)\s+"
    r"(?:for|to)\b|"
    # A run of seasons is a record: "the second straight year that Bush took steps backward".
    r"\b(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+(?:straight|consecutive)\s+"
    r"(?:year|season|time|month|week|game)s?\b|"
    # What was expected before the news: "Wall Street predicted $2.52 a share".
    r"\b(?:wall street|analysts|economists|forecasters)\s+(?:had\s+)?(?:predicted|expected|"
    r"forecast|estimated|anticipated)\b|"
    # A name for a thing: "it is called 'pigeon breeder's lung'", "the term often used is".
    r"\b(?:is|are|was|were) (?:called|termed|known as|referred to as)\b|"
    r"\bthe term (?:\w+ )?(?:used|for)\b",
    re.IGNORECASE,
)
# The wider situation the event comes in: "This comes at a time of growing anger over ...",
# "The move came amid ...": the frame of the whole sentence, stronger than the words in it.
# Only as the main clause: in "Microsoft released a patch, a move that comes amid attacks"
# the release is the news.
_SETTING = re.compile(
    r"^(?:(?!that\b|which\b|who\b)[\w'-]+\s+){1,4}(?:comes?|came)\s+"
    r"(?:at a time|amid|against (?:a|the) backdrop)\b",
    re.IGNORECASE,
)
# "X is a / the / home to ...": a sentence that says what a named thing is.
_DEFINES = re.compile(
    # "This is something I knew" points back at the news; it does not define a thing.
    r"^(?!(?:This|That|It|These|Those|There|Here)\b)(?:The\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s+(?:is|are)\s+"
    r"(?:a|an|the|home to|known (?:for|as)|located|based|considered|someone|something|"
    r"among)\b"
)
# A clause set off by commas that tells who someone is ("Rahman, a former champion who won
# in 2001, showed ..."): its history describes a person, the sentence is about the main clause.
_APPOSITIVE = re.compile(r",\s+(?:who|whose|which|a|an|the|now)\b[^,;]{0,160},")
# A year after a possessive or article is a date too ("his 2006 accident").
_OWN_YEAR = re.compile(r"\b(?:his|her|its|their|the|a)\s+(?:1[89]\d\d|20\d\d)\b", re.IGNORECASE)
# The year every match of ``_YEAR`` and ``_OWN_YEAR`` ends on: most sentences with a digit hold
# none, and this plain search is cheaper than trying their words at every position.
_YEAR_DIGITS = re.compile(r"(?:1[89]\d\d|20\d\d)\b")
_AGO = re.compile(r"\b(?:\w+|\d+)\s+(?:years?|decades?)\s+ago\b", re.IGNORECASE)
# Past tense, to tell a dated past event from a year in a name or a plan.
_IRREGULAR_PAST = (
    "was were had did said told went came took made got gave began became won lost left led "
    "met ran saw fell found held kept paid spent stood struck thought wrote brought bought sold "
    "sent built caught chose drove fought flew grew heard knew meant rode rose sat shot spoke "
    "stole taught threw woke wore beat"
)
_IRREGULAR_WORDS = frozenset(_IRREGULAR_PAST.split())
_PAST = re.compile(
    r"(?:\b([\w']+)\s+)?(?<![\w-])(?:" + _IRREGULAR_PAST.replace(" ", "|") + r"|\w+ed)\b",
    re.IGNORECASE,
)
# Words ending in -ed that are not verbs in the past: base forms ("need", "exceed"), nouns and
# adjectives ("hundred", "sacred"). "agreed", "freed", "guaranteed" stay past.
_ED_NOT_PAST = frozenset(
    "need feed seed speed breed bleed proceed exceed succeed indeed heed weed deed greed steed "
    "embed shed bed red hundred sacred naked wicked rugged kindred beloved ragged crooked "
    "jagged wretched".split()
)
# A participle after a present form of "be" and an adverb is not the past: "methods are
# already used", "the page is automatically populated".
_PRESENT_BE = frozenset("is are am be been being 's 're".split())
# A word ending in -ed after these is a participle, not a verb in the past tense: an adjective
# ("via infected droplets", "the added cost") or a passive infinitive ("need to be canned").
# After "is" or "has" it still tells of an event ("is asked to call", "has checked into").
_NOT_PAST_AFTER = frozenset(
    "a an the this that these those his her its their our my your some any no every each "
    "of in on at by via with for from into onto as than be already newly well more most less "
    "least very".split()
)


def _has_past(text: str) -> bool:
    """Whether the text has a verb in the simple past ("won", "was", "announced").

    Not a compound's participle ("American-led", "state-owned"), a word that only ends like
    one ("need", "hundred"), a capitalised -ed word (a name, "Ahmed", "United", or an opening
    participle, "Surprised, he ..."), nor a participle after "is/are" and an adverb ("are
    already used")."""
    for match in _PAST.finditer(text):
        raw = match.group(0).split()[-1]
        word = raw.lower()
        before = (match.group(1) or "").lower()
        if not word.endswith("ed") or word in _IRREGULAR_WORDS:
            return True
        if word in _ED_NOT_PAST or before in _NOT_PAST_AFTER:
            continue
        if raw[0].isupper():
            continue
        if _is_adverb(before) and _word_before(text, match.start(0)) in _PRESENT_BE:
            continue
        return True
    return False


_ADVERBS = frozenset("already also still just not never often always now ever yet".split())


def _is_adverb(word: str) -> bool:
    return word in _ADVERBS or (word.endswith("ly") and len(word) > 4)


def _word_before(text: str, end: int) -> str:
    """The word that ends before position ``end`` of the text, lower-cased ("" if none)."""
    found = re.findall(r"[\w']+", text[:end])
    return found[-1].lower() if found else ""


_ANNOUNCED = re.compile(
    r"\b(?:announce[sd]?|says?|said|confirm(?:s|ed)?|reveal(?:s|ed)?|unveil(?:s|ed)?|tells?|"
    r"told|reports?|reported)\b",
    re.IGNORECASE,
)
# "X is the only starter left right now" says how things stand, not what X is.
_NOW = re.compile(
    r"\b(?:now|currently|today|tonight|still|so far)\b|"
    r"\bthis (?:week|month|year|season|edition|issue|time)\b",
    re.IGNORECASE,
)
_SIMPLE_PRESENT = re.compile(
    r"\b(?:is|are|remains?|isn't|aren't|doesn't|don't|does|do|allows|provides|offers|"
    r"includes|shows|gives|takes|keeps|makes|comes|uses|requires|needs|contains|lets|helps|"
    r"works|sits|lies|serves|holds|runs|owns|employs|operates|produces|sells|describes|"
    r"represents|covers|follows|depends|tends?|exists?|belongs?|take place|occurs|means|called)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“”]|\b(?:said|says|told|according to|stated|added)\b", re.IGNORECASE)
# A general fact is still general when a source is named for it ("According to the CDC, the
# plague is treatable"); said or quoted, it is someone's statement about the news.
_SAID = re.compile(r"[\"“”]|\b(?:said|says|told|stated|added)\b", re.IGNORECASE)
# The news's own present: ongoing ("is recovering"), perfect ("has been patched"), figures of
# the day ("down 2.6 percent"), and the writer or reader speaking.
_ONGOING = re.compile(
    r"\b(?:is|are|am|'s|'re)\s+(?:not\s+)?(?:still\s+)?\w+ing\b|\b(?:has|have|'ve)\b|%|"
    r"\bper ?cent\b",
    re.IGNORECASE,
)
_PERSONAL = re.compile(r"\b(?:you|we|I)\b")
_OWN_AUX = re.compile(r"\b(?:was|were|is|are)\s+$", re.IGNORECASE)
_NOT_FINITE = re.compile(r"\b(?:was|were)\s+\w+ing\b|\bhaving\s+(?:\w+ly\s+)?\w+", re.IGNORECASE)
# A month as a date ("in April", "Oct. 19", "last March"); "May" only with a capital.
_MONTH_NAMED = re.compile(
    r"\b(?:(?i:january|february|march|april|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)|May)\b\.?(?:\s+\d{1,2}\b)?"
)
_WEEKDAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight)\b",
    re.IGNORECASE,
)
_SCHEDULE = re.compile(
    r"\b(?:takes? place|stops|opens|begins|starts|runs|arrives|kicks off|is (?:set|scheduled))\b",
    re.IGNORECASE,
)
_FUTURE_PLAIN = re.compile(r"\b(?:will|'ll|would)\b", re.IGNORECASE)
# The reader addressed: "you will need" describes or instructs, it does not look ahead.
_READER = re.compile(r"\byou(?:'ll|'re|r)?\b|\busers will\b|\bthose who\b", re.IGNORECASE)
# A speaker's own refusal ("We will not accept attempts to assert unlawful claims", "I will
# never bring dishonor to ...") is a stance taken now, not a plan: the guide's what's happening.
_STANCE = re.compile(
    r"\b(?:I|[Ww]e)\s+(?:will|shall)\s+(?:not|never)\b|\b(?:I|[Ww]e)\s+won't\b|"
    r"\b(?:I|[Ww]e)'ll\s+never\b"
)
_NEXT_MORE = re.compile(
    r"\b(?:whether to|(?:considering|deciding)(?: \w+){0,2} whether)\b|"
    r"\b(?:would|will) (?:have to )?(?:not )?be (?:\w+ed|filed|held|made|brought|heard|known|"
    r"cut|shut|set|taken|given|chosen|sold|built|paid|put)\b|"
    r"\b(?:remaining|looming|ahead of (?:the|a|next|his|her|their))\b|"
    r"\badvances? to (?:play|face|meet)\b|"
    r"\b(?:working|work|works) (?:to|on) (?:develop|fix|restore|resolve|finali[sz]e|build)\b|"
    r"\bin the process of\b|\b(?:should|may|might|could) (?:ease|improve|recover|rise|fall|"
    r"drop|slow|weaken|strengthen|end|resume|reopen|begin|start|be in for)\b",
    re.IGNORECASE,
)
_MATTERS_MORE = re.compile(
    r"\b(?:critics|experts|analysts|observers|opponents|advocates|economists|brokerages) "
    r"(?:\w+ )?(?:say|said|argue|argued|warn|warned|believe|fear|called|contend|are of the view)\b|"
    r"\b(?:an|one) example of\b|\ba sign (?:of|that)\b|\b(?:a|an) (?:big|major|huge|serious) "
    r"(?:loss|step|blow|win|victory|problem)\b|\bkey step\b|\bnews for\b|"
    r"\b(?:problem|opportunity) (?:for|and)\b|\bopportunit(?:y|ies)\b|"
    r"\b(?:strengthen|weaken|strength to|more strength)\b|\badvised to\b|"
    r"\bcost (?:him|her|them|it|us) (?:his|her|their|its|our|the)\b|"
    r"\bput (?:them|him|her|it|us) (?:into|in|out of)\b|\b(?:would|will) require\b|"
    r"\b(?:harder|easier|better|worse) (?:for|to)\b|\bgives? (?:\w+ ){0,2}(?:a chance|an edge)\b|"
    r"\bthe problem is\b|\b(?:is|are|was|were) seen as\b|\btestimony to\b|\bbetter off\b|"
    r"\b(?:catastrophic|disastrous)\b|"
    # Rarity, a count within a span up to now: "only the third emergency patch in the last three
    # years", "the second quake to hit the island in the past 24 hours".
    r"\bthe (?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\b[^.;]{0,60}?\b(?:in|within) "
    r"(?:the )?(?:past|last) (?:\d+|two|three|four|five|six|seven|eight|nine|ten|few|several)\b|"
    # A reason drawn by the writer: "and that's why the host fulfills the academy's promise".
    r"\b(?:that's|that is|this is|which is) (?:exactly |precisely )?why\b|"
    # Advice to those affected: "Windows users can download the fix", "residents should".
    r"\b(?:users|customers|residents|consumers|patients|drivers|travell?ers|owners|parents|"
    r"anyone) (?:can|should|must|are (?:advised|urged|encouraged) to)\b",
    re.IGNORECASE,
)
# A sentence whose subject is those who judge the news ("Critics say the poll is a sham")
# reports a judgement, not the event, even as an article's first sentence.
_JUDGES_OPEN = re.compile(
    r"^(?:but |however,? )?(?:many |some |most )?(?:critics|experts|analysts|observers|"
    r"opponents|advocates|economists)\b",
    re.IGNORECASE,
)
# Seeing something as something is a judgement of it: "saw the step as necessary to prove",
# "identified SBI and ICICI Bank as its key beneficiaries".
_FRAMED = re.compile(
    r"\b(?:sees?|saw|views?|viewed|regards?|regarded|identif(?:y|ies|ied))\s+"
    r"(?:[\w'-]+\s+){1,5}as\s+(?:a|an|the|its|their|necessary|key|vital|essential|crucial|"
    r"proof|evidence)\b",
    re.IGNORECASE,
)
# What a named thing's change does to others: "Bush's absence leaves the Saints short".
_CONSEQUENCE = re.compile(
    r"^(?:The\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?'s\s+(?:\w+\s+){1,2}?"
    r"(?:leaves|means|puts|forces|costs|deprives|hands|spells)\b"
)
# Thanks, condolences, apologies and appeals for information are the news's own furniture, said
# to people, weighing nothing: "Police would like to thank the community ... affected", "Anyone with
# information is asked to call".
_COURTESY = re.compile(
    r"\b(?:(?:would|wish(?:es)?|want(?:s)?) to (?:\w+ )?thank|thank(?:s|ed)? (?:the|all|everyone|"
    r"those|our|their|his|her|them|you)|(?:offer(?:s|ed)?|send(?:s)?|extend(?:s|ed)?) "
    r"(?:\w+ )?(?:condolences|sympathies|thoughts)|(?:our|their) (?:thoughts|prayers|"
    r"condolences) (?:are|go)|anyone (?:with|who has) (?:any )?information|"
    r"(?:is|are) (?:being )?(?:asked|urged|encouraged) to (?:call|contact|ring|come forward)|"
    r"appeal(?:s|ed|ing)? (?:for|to) (?:witnesses|anyone|information|the public)|"
    r"regrets? (?:any|the) inconvenience|apologi[sz](?:e|es|ed) (?:for|to))",
    re.IGNORECASE,
)
# A line of other stories, as digests and blogs carry: no section's sentence.
_ROUNDUP = re.compile(
    r"^(?:more|also|related|see also|read more|elsewhere|in other news|also on [\w ]+|"
    r"more from [\w ]+|around the web|what we're reading|top stories|also read|read also|"
    r"read|watch|listen|don't miss|recommended|trending|further reading|previously|"
    r"you (?:may|might) also like|editor's picks?|most popular|popular now|latest)\s*[:—–-]|"
    r"(?:\s[|•·]\s.*){2,}",
    re.IGNORECASE,
)


@dataclass
class Evidence:
    next: float = 0.0
    background: float = 0.0
    matters: float = 0.0

    lead: bool = False  # the article's first sentence

    def section(self) -> str:
        # On a tie a judgement wins over an outlook: "many will be at higher risk" warns.
        best = max(
            ("why_it_matters", self.matters),
            ("whats_next", self.next),
            ("beyond_the_headlines", self.background),
            key=lambda pair: pair[1],
        )
        needed = LEAD_THRESHOLD if self.lead else THRESHOLD
        return best[0] if best[1] >= needed else "what_is_happening"


_MONTH_ALONE = re.compile(
    r"\b(?:in|since|until|by|last|early|late|mid|mid-|back in|during|of)\s+"
    r"(January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?(?!\s*\d)"
)
# The time of a plan, not of the telling: "decided to close the plant in March".
_PLAN_BEFORE = re.compile(r"\bto\s+(?!the\b|a\b|an\b|his\b|her\b|their\b)\w+[^.;,]{0,40}$")
_MONTHS_BACK = {0: 0.0, 1: 0.5}  # months before the report -> background; more: 1.0


def _months_before(text: str, published: datetime) -> int:
    """How many months before the report the latest month the sentence names in a time
    phrase lies ("in March", "last October"; not "March 3", not "March 2009", not a verb)."""
    gaps = [
        (published.month - _MONTHS[m.group(1).lower()]) % 12
        for m in _MONTH_ALONE.finditer(text)
        if not _PLAN_BEFORE.search(text[: m.start()])
    ]
    return min(gaps, default=0)


def _date_offset(text: str, published: datetime | None) -> int:
    """+1 if the sentence names a day after the report, -1 if before, -2 if two or more months
    before, 0 if neither or unknown."""
    if published is None or not _may_match(text, _DATE_PIECES):
        return 0
    for match in _DATE.finditer(text):
        month = _MONTHS[match.group(1).lower()]
        day = int(match.group(2))
        if not 1 <= day <= 31:
            continue
        mentioned = (month, day)
        reported = (published.month, published.day)
        if mentioned > reported and month - published.month <= 6:
            return 1
        if mentioned < reported:
            return -2 if published.month - month >= 2 else -1
    return 0


# Words without which a pattern cannot match: a cheap test before the regular expression.
_TRIGGERS = {
    _NEXT_STRONG: ("will", "won't", "shall", "'ll", "expected", "set ", "scheduled", "due",
                   "slated", "poised", "likely", "going", "planning", "preparing", "hoping",
                   "aiming", "about to", "plan", "intend", "aim", "vow", "pledge", "promise",
                   "hope", "expect", "seek", "want", "face", "faces", " is to ", " are to ",
                   "next ", "later ", "upcoming", "tomorrow", "deadline", "forthcoming",
                   "coming", "yet to", "remains to", "await", "pending"),
    _NEXT_WEAK: ("would", "could", "may ", "might", "if ", "once", "when"),
    _BACK_STRONG: ("previously", "formerly", "originally", "historically",
                   "traditionally", "once again", "last ", "previous", "past", "earlier",
                   "since", "back ", " ago", "first", "second", "third", "latest", "has long",
                   "has often", "has repeatedly", "has never", "for years", "for decades",
                   "for centuries", "for generations", "was ", "were ", "known", "this past"),
    _MATTERS_STRONG: ("mean", "so that", "in order", "as a result", "consequen",
                      "impact", "affect", "significan", "important", "risk", "threat",
                      "concern", "implication", "could ", "raise", "worr", "fear", "crisis",
                      "unprecedented", "at stake", "blow to", "boost", "setback",
                      "warn", "vulnerable", "undermin", "jeopardi", "first-ever", "most serious",
                      "record", "all-time", "first time"),
}  # fmt: skip


# Pieces of text in lower case one of which every match of a pattern holds: on ASCII text a
# pattern is not tried when none is there (``_may_match``). Trying a long alternation of words
# at every position of a sentence is most of the cost of placing it, and most sentences hold
# no such cue. Each piece is taken from the pattern's branches as they are written.
_DATE_PIECES = tuple(sorted({month[:3] for month in _MONTHS}))  # "sep" for "sept", "september"
_AGO_PIECES = ("ago",)
_COURTESY_PIECES = (
    "thank", "condolences", "sympathies", "thoughts", "prayers", "information", "asked", "urged",
    "encouraged", "appeal", "inconvenience", "apologi",
)  # fmt: skip
_BACK_STRONG_PIECES = (
    "previously", "formerly", "originally", "historically", "traditionally", "once again",
    "last", "previous", "past", "earlier", "since", "back", "ago", "in a series", "of several",
    "the latest in", "has long", "has often", "has repeatedly", "has never", "for years",
    "for decades", "for centuries", "for generations", "founded", "established", "built",
    "born", "created", "elected", "appointed", "named", "first", "best known", "known for",
)  # fmt: skip
_BACK_MORE_PIECES = (
    "usually", "typically", "generally", "normally", "routinely", "customarily", "century",
    "turned out to be", "all-time", "became", "become", "rose to fame", "spent", "compared",
    "career", "in a row", "straight", "victory", "win", "title", "defeat", "loss", "season",
    "term", "appearance", "one of the", "-",  # "was 10-2": a digit, a dash and a digit
    "back", "origin", "roots", "over the", "prior to", "last", "the 18", "the 19", "the 20",
    "convicted", "jailed", "imprisoned", "acquitted", "was in", "grew up", "graduated", "began",
    "started", "served as", "worked as", "went on to", "rose through", "common", "rare",
    "unusual", "typical", "consecutive", "predicted", "expected", "forecast", "estimated",
    "anticipated", "called", "termed", "known as", "referred to as", "the term",
)  # fmt: skip


def _may_match(text: str, pieces: tuple[str, ...], low: str | None = None) -> bool:
    """Whether the text holds one of the pieces a pattern's every match holds (``low``: the text
    in lower case, when already made). Only ASCII text is tested: its lower case is exactly what
    a case-blind pattern matches, while other letters may match ASCII ones ("ſ" is an "s")."""
    if not text.isascii():
        return True
    low = text.lower() if low is None else low
    return any(piece in low for piece in pieces)


# Triggers that are the start of words ("significan" for significant, significance).
_STEMS = (
    "consequen", "significan", "worr", "undermin", "jeopardi", "implication", "affect",
    "threat", "concern", "histor", "previous", "expect", "plan", "intend", "promis",
)  # fmt: skip
_TRIGGER_WORDS = {
    pattern: frozenset(re.findall(r"[a-z']+", " ".join(triggers)))
    for pattern, triggers in _TRIGGERS.items()
}
_WORD = re.compile(r"[a-z']+")


class _Words:
    """The words of a text, for the cheap trigger test before a pattern; whether a word opens
    with one of the stems is worked out once for all the patterns tested."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = text.lower()
        self.words = set(_WORD.findall(self.low))
        self._stems: bool | None = None

    def any_stem(self) -> bool:
        if self._stems is None:
            self._stems = any(w.startswith(_STEMS) for w in self.words)
        return self._stems


def _count(pattern: re.Pattern[str], text: str, vocabulary: _Words) -> int:
    """Matches of a pattern, skipping the expensive search when no trigger word occurs."""
    if _TRIGGER_WORDS[pattern].isdisjoint(vocabulary.words) and not vocabulary.any_stem():
        return 0
    pieces = _PIECES.get(pattern)
    if pieces is not None and not _may_match(text, pieces, vocabulary.low):
        return 0
    return len(pattern.findall(text))


_PIECES = {_BACK_STRONG: _BACK_STRONG_PIECES}


def _back_more(words: _Words) -> int:
    """Matches of ``_BACK_MORE`` in the text the words were read from."""
    if not _may_match(words.text, _BACK_MORE_PIECES, words.low):
        return 0
    return len(_BACK_MORE.findall(words.text))


def evidence(cand: Candidate) -> Evidence:
    reading = _Reading(cand)
    ev = reading.ev
    if reading.furniture:
        return ev
    ev.next = reading.outlook()
    ev.background = reading.history()
    ev.matters = reading.weight()
    reading.dated()
    reading.weigh_outlook()
    return ev


def is_background(cand: Candidate, history: int = 0) -> bool:
    """Whether ``evidence(cand)`` places the sentence *Beyond the headlines*, with ``history``
    more background cues counted after it (a caller's own). The outlook and the weight are read
    only when the background is strong enough to win: most sentences have little, and for a
    check of every figure-bearing sentence of a large story this is half the work. Each step is
    the one ``evidence`` takes, so the figures compared are the same."""
    reading = _Reading(cand)
    ev = reading.ev
    if reading.furniture:
        ev.background += history
        return ev.section() == "beyond_the_headlines"
    if not ev.lead:
        ev.next = reading.outlook()  # a general present counts only without an outlook
    ev.background = reading.history()
    reading.dated()
    if ev.background + history < (LEAD_THRESHOLD if ev.lead else THRESHOLD):
        return False  # under the threshold, whatever the other sections weigh
    ev = evidence(cand)
    ev.background += history
    return ev.section() == "beyond_the_headlines"


class _Reading:
    """One sentence read for section evidence, step by step: ``evidence`` takes every step,
    ``is_background`` stops once the history is too weak to place the sentence."""

    def __init__(self, cand: Candidate) -> None:
        # Curly apostrophes as straight ones, so "they’ll" reads like "they'll".
        self.text = text = cand.text.replace("’", "'").replace("‘", "'")
        self.published = cand.when
        self.ev = Evidence(lead=cand.position <= 1 and not _JUDGES_OPEN.match(text))
        self.furniture = bool(
            _ROUNDUP.search(text) or (_may_match(text, _COURTESY_PIECES) and _COURTESY.search(text))
        )
        self._vocabulary: _Words | None = None
        # Background is read in the main clause; what an aside says about someone counts a third.
        self.main = _APPOSITIVE.sub(",", text) if not self.furniture else text

    @property
    def vocabulary(self) -> _Words:
        if self._vocabulary is None:
            self._vocabulary = _Words(self.text)
        return self._vocabulary

    def outlook(self) -> float:
        text, vocabulary = self.text, self.vocabulary
        found = 1.0 * _count(_NEXT_STRONG, text, vocabulary) + 0.4 * _count(
            _NEXT_WEAK, text, vocabulary
        )
        found += 1.0 * len(_NEXT_MORE.findall(text))
        if found and _READER.search(text):
            found -= 1.0  # said to the reader: a description or an instruction
        if found:
            found = max(0.0, found - 1.0 * len(_STANCE.findall(text)))
        return found

    def history(self) -> float:
        """Background evidence before dates and years (``dated``); reads ``ev.next`` when the
        sentence is not a lead."""
        text, main, ev = self.text, self.main, self.ev
        aside = " ".join(m.group(0) for m in _APPOSITIVE.finditer(text))
        main_words = _Words(main)
        found = 1.0 * _count(_BACK_STRONG, main, main_words)
        if "had" in main_words.words and not (_REPORTED.search(main) or _SEQUENCE.search(main)):
            # Reported speech ("said it had ...") and the event's own sequence are the news.
            found += PAST_PERFECT * min(1, len(_PAST_PERFECT.findall(main)))
        found += 1.0 * _back_more(main_words)
        if aside:
            aside_words = _Words(aside)
            found += (_count(_BACK_STRONG, aside, aside_words) + _back_more(aside_words)) / 3
        if _SETTING.search(main):
            found += 2.0
        if _may_match(text, _AGO_PIECES) and _AGO.search(text):
            found += 1.0  # "two years ago" dates the sentence as plainly as a year
        if _DEFINES.search(text) and not _FUTURE_PLAIN.search(text) and not _NOW.search(text):
            found += 1.0
        if not ev.lead and not ev.next and _general_present(_explained(text)):
            found += GENERAL_PRESENT
        return found

    def weight(self) -> float:
        text = self.text
        found = 1.0 * _count(_MATTERS_STRONG, text, self.vocabulary) + 0.3 * len(
            _MATTERS_WEAK.findall(text)
        )
        found += 1.0 * len(_MATTERS_MORE.findall(text))
        found += MATTERS_HALF * len(_MATTERS_HALF.findall(text))
        found += 1.0 * (bool(_FRAMED.search(text)) + bool(_CONSEQUENCE.search(text)))
        return found

    def dated(self) -> None:
        """Days, months and years the sentence names, against the report's date: adds to the
        outlook or the history."""
        text, main, ev, published = self.text, self.main, self.ev, self.published
        offset = _date_offset(text, published) if _DIGIT.search(text) else 0
        if offset > 0:
            ev.next += 1.0
        elif offset < 0:
            # A day of this month or the last may still be the story's own; one told in the past
            # months before the report ("was arrested on Oct. 19", in December) is an earlier
            # event.
            ev.background += 1.0 if offset == -2 and _has_past(main) else 0.5
        elif published is None and not ev.lead and _dated_past(main):
            # News names a day of this week by its weekday ("on Tuesday") and an earlier one by
            # its month ("in April", "on Oct. 19"): without the report's own date, a month told
            # in the past tense is most often an earlier event.
            ev.background += 1.0
        elif (
            published is not None
            and not ev.lead
            and _has_past(main)
            and not _WEEKDAY.search(main)  # "voted on Tuesday to close it in March": the news
            and not _SCHEDULE.search(main)
        ):
            # With the report's date, a month told in the past is placed: "officials said in
            # March they planned to expand it", in a December report, is a statement of months
            # ago, not what comes next; the month before the report is still this story's time.
            ev.background += _MONTHS_BACK.get(_months_before(main, published), 1.0)
        years: list[int] = []
        if _YEAR_DIGITS.search(main):  # (no year, no match of either)
            years = [int(y) for y in _YEAR.findall(main)]
            years += [int(m.group(0)[-4:]) for m in _OWN_YEAR.finditer(main)]
        if published is not None:
            if any(y < published.year for y in years):
                # An earlier year told in the past dates the event itself ("had won an Academy
                # Award in 1998"): enough even in a lead.
                ev.background += 2.0 if _has_past(main) and not _SAID.search(main) else 1.0
            if any(y > published.year for y in years):
                ev.next += 1.0
        elif years and _has_past(text) and not _FUTURE_PLAIN.search(text):
            # Undated: a year told in the past tense is most often an earlier event.
            ev.background += 1.0

    def weigh_outlook(self) -> None:
        text, ev = self.text, self.ev
        if ev.next and ev.background:
            # Reported history with a future in it ("had said it would") is background.
            ev.next -= 0.5
        if ev.next and _framed_event(text):
            ev.next *= 0.5  # "With a month remaining in office, the administration loosened ..."
        if ev.next and not ev.lead and _outlook_after_event(text):
            ev.next *= 0.5  # "Crews brought the blaze under control, but it is expected to burn"
        if ev.lead and ev.next:
            ev.next *= _lead_outlook(text)


def _lead_outlook(text: str) -> float:
    """How much a lead's future counts: fully when the sentence opens on it ("Bush will miss
    the last two games", "Austria will invite architects"), half when an event or an
    announcement comes first ("Lohan has checked into rehab and will remain there",
    "producers announced that DeGeneres would return next year")."""
    found = [m.start() for m in (_NEXT_STRONG.search(text), _NEXT_MORE.search(text)) if m]
    if not found:
        return 1.0
    # Only a finite verb in the past tells of an event: "was considering whether" and "Having
    # bought the house, Austria will ..." still open on what is to come.
    # The outlook's own auxiliary ("was considering whether") is not an event before it.
    before = _OWN_AUX.sub("", _NOT_FINITE.sub(" ", text[: min(found)]))
    if _has_past(before) or _ANNOUNCED.search(before):
        return 0.5
    if _ANNOUNCING_AFTER.search(text[min(found) :]):
        # The announcement told last ("Jackman will host the Oscars, the Academy announced on
        # Friday") is the news as much as told first.
        return 0.5
    return LEAD_THRESHOLD / THRESHOLD


# An opening phrase that only sets the time ("With just over a month remaining in office, the
# Bush administration loosened ...") frames an event told in the past: the main clause after it
# is the news, not what is to come.
_OPENING_FRAME = re.compile(
    r"^(?:with|as|ahead of|before|after|during|days|weeks|months)\b[^,;]{0,80},\s+", re.IGNORECASE
)


def _framed_event(text: str) -> bool:
    """Whether every outlook cue of the sentence lies in an opening phrase that sets the time,
    and the main clause after it tells an event in the past."""
    frame = _OPENING_FRAME.match(text)
    if frame is None:
        return False
    rest = text[frame.end() :]
    outlook = (_NEXT_STRONG, _NEXT_MORE, _NEXT_WEAK, _FUTURE_PLAIN)
    return _has_past(rest) and not any(cue.search(rest) for cue in outlook)


# Two clauses joined: the first is the sentence's main clause ("The cable system went down on
# Saturday, and the downtime may last a few days" reports the event). A speaker's words ("said
# the area will remain closed") are a statement of what comes next, not an event before it.
_JOINED = re.compile(r"(?:,\s*|\s)(?:and|but)\s+(?!that\b)|;\s*", re.IGNORECASE)
_SAYING = re.compile(
    r"\b(?:said|says|told|announced|confirmed|reported|added|stated|explained|noted|claimed|"
    r"insisted|warned|wrote)\b",
    re.IGNORECASE,
)


def _outlook_after_event(text: str) -> bool:
    """Whether the sentence's outlook comes only in a clause joined after an event told in the
    past, not as anyone's words."""
    found = [m.start() for m in (_NEXT_STRONG.search(text), _NEXT_MORE.search(text),
                                 _NEXT_WEAK.search(text)) if m]  # fmt: skip
    if not found:
        return False
    joins = list(_JOINED.finditer(text, 0, min(found)))
    if not joins:
        return False
    head = text[: joins[-1].start()]
    return _has_past(head) and not _SAYING.search(head) and not _FUTURE_PLAIN.search(head)


_ANNOUNCING_AFTER = re.compile(
    r",\s+(?:[\w'.-]+\s+){1,8}(?:announced|confirmed|unveiled|revealed)\b", re.IGNORECASE
)


# A speaker who notes or explains presents what follows as a given fact, not as a reaction:
# "She noted that similar methods are already used to save trauma victims" states how things
# are, as the clause alone would.
_EXPLAINS = re.compile(
    r"^(?:[\w.'-]+\s+){1,5}(?:noted|notes|explained|explains|pointed out|points out)\s+"
    r"(?:that\s+)?(?=[\w'-]+\s)",
    re.IGNORECASE,
)


def _explained(text: str) -> str:
    """The clause a speaker notes or explains, unquoted; else the text itself."""
    found = _EXPLAINS.match(text)
    if found is None or _QUOTED.search(text[found.end() :]) or '"' in text or "“" in text:
        return text
    return text[found.end() :]


def _general_present(text: str) -> bool:
    """A statement of how things are or work: the simple present alone, neither quoted nor
    reported, about no moment ("It is highly contagious", "Elections take place by secret
    ballot", "The term of office is five years"); not the present of the news itself ("sales
    are down 2.6 percent", "he is recovering", "it has been patched", "now")."""
    return (
        _SIMPLE_PRESENT.search(text) is not None
        and not _has_past(text)
        and not _FUTURE_PLAIN.search(text)
        and not _SAID.search(text)
        and not _ONGOING.search(text)
        and not _NOW.search(text)
        and not _PERSONAL.search(text)
    )


def _dated_past(text: str) -> bool:
    return (
        _MONTH_NAMED.search(text) is not None
        and _WEEKDAY.search(text) is None
        and _has_past(text)
        and _FUTURE_PLAIN.search(text) is None
        and _QUOTED.search(text) is None  # "..., he told reporters on Nov. 5": the news
        and _SCHEDULE.search(text) is None  # "the tour stops in Ohio on July 22": to come
    )


def classify(cand: Candidate) -> str:
    return evidence(cand).section()
