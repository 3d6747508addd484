"""Story clustering: articles join stories in publication order; stories re-form as they grow.

Each article becomes a unit TF-IDF vector in which the headline, the lead and the names of
people, places and organisations weigh most (IDF is learned from everything seen, so no training
corpus is needed). A group of articles is kept as the sum of its vectors, so its size, centroid
and *cohesion* (the mean similarity of its articles to one another) are known without keeping
the articles.

Two levels of groups:

- a *fragment* is a tight group that streaming builds: an article joins the fragment it clearly
  belongs to (``Params.join_margin``) or starts one. Fragments never mix events.
- a *story* is a set of fragments. :meth:`StreamingClusterer.consolidate` re-forms the stories
  around the fragments that changed, from scratch, merging fragments best pair first. So stories
  merge when they turn out to be one, and a story that drifted splits, because an earlier
  grouping is never final. Ids are stable: a story keeps its id while it keeps most of its
  articles, and a merge keeps the older id.

Whether two groups report one event is one decision, ``affinity >= 1``, made two ways and
blended by the share of headline-only items (the smaller of the two groups' shares):

- full text: *relative closeness* (as in CHAMELEON, Karypis et al. 1999): the groups' mean
  cross-similarity against their own cohesion. Two look-alike events (two earthquakes, two
  rehab stays) share much vocabulary, but each is far more similar to itself than to the other;
  one event split in two is as similar across the halves as within them. A group too small
  to measure its own cohesion assumes one; two such groups with no time to go by are also held
  to their measured contrast (:meth:`StreamingClusterer.contrast`), which keeps its scale
  whatever else the store holds.
- headline-only: centroid cosine. Paraphrased headlines of one event form tight sub-groups of
  near-identical wording, so their cross-similarity is low against their cohesion, while the
  headlines of different events share almost nothing.

Time: groups whose dated articles lie further apart than the window never join (a later event
of the same kind is a new story), and affinity fades with the gap between them: per day for
headlines and per nine days for full texts, or faster after a burst of headlines that went
quiet (:meth:`StreamingClusterer.pace`). A group whose reports give their time and a group
whose reports give none are less likely to be one event the more undated reports there are
(:meth:`StreamingClusterer.time_unknown`): two look-alike events years apart, one reported by
dated feeds and pages and one by undated files, stay apart.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from newsbrief.models import Article
from newsbrief.text import multilingual
from newsbrief.text.language import MIN_CHARS, detect_language
from newsbrief.text.tokens import FIGURE, STOPWORDS, figure_term, names, stem
from newsbrief.text.wordlists import function_words

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

TITLE_WEIGHT = 3.0
NAME_WEIGHT = 1.5
NAME_TOKEN_WEIGHT = 1.0  # a word of a name, counted once per article (see features())
LEAD_WORDS = 150  # the lead carries the event; later paragraphs drift into background
SHORT_WORDS = 25  # an item with less body text than this is headline-only
MAX_GROUP_TERMS = 600  # a group keeps its heaviest terms; the tail only adds noise and memory
CANDIDATE_TERMS = 12  # rarest terms of an article used to find candidate fragments
MERGE_TERMS = 20  # heaviest terms of a fragment used to find fragments it may group with
CROSS_NAMES = 10  # and its rarest names, when reports in other languages may be its story
MIN_INFORMATIVE = 2  # an article needs this many informative terms to join anything
SHORTLIST = 40  # fragments scored as the home of an article, or as neighbours of a fragment
LAZY_FLOOR = 0.5  # pairs scored at least this are queued in consolidation (the bar is 1)
# Two headline-only groups this small that share a single word are not one story: one shared
# word between two headlines is a coincidence more often than an event ("Snowden Inc." and
# "Netflix, Inc. news").
FEW_HEADLINES = 2
# Zipf frequency in English from which a word of a name is a common word ("Saturday" 4.9,
# "Smith" 4.9, "Police" 5.3), not one that tells two events apart ("Thompson" 4.3, "Rahman" 3.3).
COMMON_NAME_WORD = 4.5
YEAR_WEIGHT = 1.0  # the latest year a full text names, as one term ("^2013")
# How many documents' worth of the other kind's term frequencies a kind's IDF borrows (see
# StreamingClusterer.idf).
KIND_PRIOR_DOCS = 30

# Words that say how an item is presented, not what happened: a headline made only of these
# ("Breaking news", "Live updates", "Watch") must not pull an item into a story.
PRESENTATION_WORDS = frozenset(
    """
    breaking news live update updates updated latest video videos watch photo photos gallery
    exclusive report reports analysis opinion review recap highlights listen podcast read
    more today tonight newsletter briefing brief roundup top stories story headlines world
    """.split()
)

# A figure is one term, whole (see ``text/tokens.FIGURE``).
_WORD = re.compile(r"\d+(?:[.,:]\d+)+|[^\W_][\w'’\-]*[^\W_]|[^\W_]", re.UNICODE)
_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


@dataclass(frozen=True)
class Params:
    """The method's constants, chosen on both dev sets together (README, "How stories form")."""

    merge_full: float = 0.6  # relative closeness at which full-text groups are one story
    merge_short: float = 0.125  # centroid cosine at which headline groups are one story
    prior_cohesion: float = 0.2  # cohesion assumed of a group too small to measure its own
    prior_weight: float = 3.0  # in pairs of articles: how soon a group's own cohesion counts
    # Two groups both too small to measure their own cohesion assume that of two reports of
    # one event instead (see StreamingClusterer.cohesion): ECB+ dev pairs of reports of one
    # event have a median cosine of 0.33, pairs of look-alike events 0.10. Chosen among 0.2,
    # 0.3 and 0.35 on ECB+ dev, the demo corpus and three samples of small groups drawn from
    # ECB+ dev as the look-alike stress set is (README, "How stories form").
    prior_pair: float = 0.3
    join_margin: float = 3.0  # an article joins a fragment only at affinity >= this
    window: timedelta = timedelta(hours=72)  # dated groups further apart never join
    # Two groups whose dated reports lie further apart than this never join, however few of
    # their reports are dated: undated reports that join both must not bridge two events
    # years apart (see dated_gap_hours).
    dated_apart: timedelta = timedelta(days=365)
    decay_hours: float = 24.0  # headline groups: affinity falls by a factor e per this gap
    # ... unless the earlier group's own pace is faster: a burst of headlines that went quiet
    # has ended (see StreamingClusterer.pace). Its time scale is pace_spreads standard
    # deviations of its reports' times, shrunk towards decay_hours by pace_prior reports'
    # worth, and never below pace_floor_hours.
    pace_spreads: float = 3.0
    pace_prior: float = 3.0
    pace_floor_hours: float = 6.0
    # Full texts name enough people, places and figures to recognise an event days later (a
    # toll risen, a funeral, a deal signed): time counts for less, a factor e per nine days,
    # so within the window it takes at most a quarter (the window still bounds it). Per three
    # days, follow-ups two or three days after the first report fell below the bar.
    decay_hours_full: float = 216.0
    merge_semantic: float = 0.5  # embedding cosine at which groups are one story
    # Full texts in no common language share few words: there the multilingual model's
    # embeddings count for crosslingual_weight. Its cosine, taken less each language's centre
    # (StreamingClusterer.centred_cosine), counts 0 at crosslingual_floor and 1 (one story)
    # at merge_crosslingual. Chosen on the tuning three quarters of the SemEval-2022 dev
    # pairs (README, "Stories across languages"; BENCHMARKS.md).
    crosslingual_floor: float = 0.1
    merge_crosslingual: float = 0.3
    crosslingual_weight: float = 0.85
    # Full texts in one language other than English: two reports in one language still share
    # words and style, so the scale starts higher there; the model counts for less, beside
    # words that are shared. Chosen on the tuning pairs as well.
    monolingual_floor: float = 0.2
    merge_monolingual: float = 0.4
    monolingual_weight: float = 0.7
    # A language's centre is its full texts' mean embedding shrunk towards the mean over all
    # languages by this many texts' worth (and that mean towards nothing the same way), so a
    # store of a few reports is barely moved. Not tuned.
    centre_prior: float = 10.0
    semantic_weight: float = 0.5  # share of the embedding signal when embeddings are used
    # Two established full-text groups (names_min_size articles or more each) whose names
    # (people, places, organisations) are less alike than names_cosine are closer in words
    # than in who and where: two look-alike events. Their closeness is scaled down in
    # proportion. The names are compared word by word, so that variants of one name match
    # (ECB+ dev F1 0.889 without the check; whole names at 0.5: 0.921; words at 0.375, 0.4,
    # 0.425, 0.45: 0.928, 0.932, 0.931, 0.926).
    names_cosine: float = 0.4
    names_min_size: int = 2
    # A group whose reports mostly give their time (a publication time, else a date at their
    # top or in their address) and a group of n reports none of which gives any: nothing
    # vouches that they are of the same days, so their affinity counts undated_factor ** sqrt(n)
    # (see StreamingClusterer.time_unknown). Chosen on ECB+ dev and the demo corpus
    # (BENCHMARKS.md, "Streaming clustering at scale").
    undated_factor: float = 0.85
    # Two full-text groups of two or three reports (no more pairs than the prior's weight),
    # one or both of which give no time at all (the other's dates cannot be compared with
    # it): nothing but their words can say they are one event, and
    # a cosine prior does not (the scale of cosines moves with the IDF, which moves with what
    # else the store holds). Their cross-similarity must reach contrast times their own,
    # measured (see StreamingClusterer.contrast). Chosen on halves of ECB+ dev's events (2-3
    # reports each: about one in ten measures below 0.83, and half of look-alike pairs below
    # 0.41); 0.85, or groups up to four reports, lowered ECB+ dev (BENCHMARKS.md).
    contrast: float = 0.8
    # A lone full text and a group whose headlines name nobody and nowhere the other side
    # mentions ("Challenger" and "Columbia", "Charlie Hebdo" and "Bataclan", "Ukraine" and
    # "Capitol"): the first reports of two look-alike events are written alike, and each
    # names its own. Their closeness counts names_apart (see _names_apart). 0.6 and 0.5 tried
    # on the fourth and fifth look-alike sets (BENCHMARKS.md).
    names_apart: float = 0.5


class Embedder(Protocol):
    # True for a model trained on many languages: its embeddings compare full texts in
    # different languages, and nothing else (see StreamingClusterer.affinity).
    multilingual: bool

    def embed(self, texts: list[str]) -> list[list[float]]:
        """Unit-length sentence embeddings."""
        ...


def story_id_for(article_id: str) -> str:
    """Stable story id: derived from the id of the story's first article."""
    return "s" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


# features ----------------------------------------------------------------------------------


def _terms(text: str) -> list[str]:
    out = []
    for word in _WORD.findall(text):
        word = word.lower().replace("’", "'")
        if FIGURE.fullmatch(word):
            out.append(figure_term(word))
            continue
        if len(word) > 1 and word not in STOPWORDS:
            out.append(stem(word))
    return out


def lead(article: Article) -> str:
    return " ".join(article.text.split()[:LEAD_WORDS])


def is_short(article: Article) -> bool:
    return word_count(article.text) < SHORT_WORDS


_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words of a text; Chinese and Japanese, written without spaces, count a word for every two
    characters (a Chinese report of 300 characters is a full text, not a headline)."""
    count = len(text.split())
    if not text.isascii():
        count += len(_CJK_CHAR.findall(text)) // 2
    return count


def _is_title_case(title: str) -> bool:
    """Headline Style Capitalises Every Word, so capitals there do not mark names."""
    found = [w for w in _TITLE_WORD.findall(title) if w.lower() not in STOPWORDS]
    return len(found) >= 3 and sum(w[0].isupper() for w in found) > 0.7 * len(found)


def language(article: Article, body: str) -> str:
    """The language a full text is read in: as given, else as detected; English when unknown.

    A headline-only item is too short to tell its language by, and imports guess one for it
    (UCI dev headlines read in their guessed languages: F1 0.911 -> 0.896): it is read in that
    language only when its own words bear it out (:func:`short_language`).
    """
    given = (article.language or "").split("-")[0].lower()
    if is_short(article):
        return short_language(f"{article.title}\n{article.text}", given)
    return given or _detected(f"{article.title}\n{body}")


_LATIN = re.compile(r"[A-Za-z]")


def short_language(text: str, given: str = "") -> str:
    """The language a short text is read in: Chinese or Japanese by their script; else the
    given (or detected) language when the text uses more of that language's function words
    than of English's ("Lindner verteidigt den Haushalt im Bundestag"), or is not written in
    Latin letters at all; English otherwise ("Fed official says weak data caused by weather"
    stays English whatever an import guessed)."""
    script = multilingual.script_language(text)
    if script is not None:
        return script
    latin = bool(_LATIN.search(text))
    # Another script says much by itself: even a few words of it are worth identifying.
    guess = given or _detected(text, min_chars=MIN_CHARS if latin else 1)
    if guess == "en" or not latin:
        return guess
    own, english = function_words(guess), function_words("en")
    found = [w.lower() for w in _WORD.findall(text)]
    theirs = sum(w in own and w not in english for w in found)
    ours = sum(w in english and w not in own for w in found)
    return guess if theirs > ours else "en"


@lru_cache(maxsize=256)
def _detected(text: str, min_chars: int = MIN_CHARS) -> str:
    """Detection is the slow part of reading an article: an article's features and its group
    of one ask for it in turn."""
    return detect_language(text, min_chars) or "en"


def features(article: Article) -> dict[str, float]:
    """Weighted term counts of an article: headline, lead, and the names in them."""
    vec: dict[str, float] = defaultdict(float)
    body = lead(article)
    lang = language(article, body)
    english = lang == "en"
    title = article.title
    if not english:
        title, body = multilingual.english_text(title, lang), multilingual.english_text(body, lang)

    def terms(text: str) -> list[str]:
        return _terms(text) if english else multilingual.terms(text, lang)

    for term in terms(title):
        if term not in PRESENTATION_WORDS:
            vec[term] += TITLE_WEIGHT
    for term in terms(body):
        vec[term] += 1.0
    if english:
        named = body if _is_title_case(article.title) else article.title + ".\n" + body
        found = names(named)
        keys = [" ".join(stem(w) for w in name.lower().split()) for name in found]
        # The names check compares what only an event has: a word English uses for anything
        # ("Saturday", "President", "However" opening a sentence) is no one's name.
        own = [" ".join(stem(w) for w in name.lower().split() if specific(w)) for name in found]
    else:
        keys = multilingual.names(title + ".\n" + body, lang)
        own = keys
    keys = [key for key in keys if key not in PRESENTATION_WORDS]
    for key in keys:
        vec["@" + key] += NAME_WEIGHT
    if not is_short(article):
        year = latest_year(f"{article.title}\n{body}", article)
        if year is not None:
            vec["^" + str(year)] = YEAR_WEIGHT
        # The words of the names, each with its own IDF, for the names check (which judges
        # full-text groups only): reports write one name many ways ("Mt Cook", "Aoraki Mount
        # Cook"; "Dave Gaskin", "Police Inspector Dave Gaskin"), and a rare word such as a
        # surname matches them where whole names do not.
        for key in own:
            for word in key.split():
                if len(word) > 2 and word not in STOPWORDS and word not in PRESENTATION_WORDS:
                    vec["#" + word] = NAME_TOKEN_WEIGHT
    return dict(vec)


_YEAR = re.compile(r"(?<![\w.,/-])(19[0-9]{2}|20[0-9]{2})(?![\w/-]|[.,][0-9])")


def latest_year(text: str, article: Article) -> int | None:
    """The latest year a report's lead names, up to the year it was written (when known) or
    first seen: a report is rarely older than a year it names as past or present, so reports
    of one event mostly name the same latest year, and two look-alike events years apart name
    different ones (ECB+ dev: the same for 52% of pairs of reports of one event that name a
    year, 2% of pairs of look-alike events). A later year is a plan ("a contract through
    2016"), not a date."""
    when = article.published or article.written or article.when
    ceiling = when.year if when is not None else 9999
    years = [int(y) for y in _YEAR.findall(text) if int(y) <= ceiling]
    return max(years) if years else None


def specific(word: str) -> bool:
    """A word of a name that says whose or where: not one that English text uses for
    anything ("saturday", "president", "general", "police"): those are as common to two
    look-alike events as to one (wordfreq's Zipf frequency, at most ``COMMON_NAME_WORD``)."""
    return zipf_english(word.split("-")[-1].strip("'’")) < COMMON_NAME_WORD


@lru_cache(maxsize=65536)
def zipf_english(word: str) -> float:
    from wordfreq import zipf_frequency  # loads its word lists: only when names are read

    return float(zipf_frequency(word, "en"))


def embedding_text(article: Article) -> str:
    return f"{article.title}. {lead(article)}"


# groups ------------------------------------------------------------------------------------


EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def epoch_hours(when: datetime) -> float:
    """Hours since EPOCH: small enough that sums of squares stay exact in a float."""
    return (when - EPOCH).total_seconds() / 3600


def _earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    return b if a is None else a if b is None else min(a, b)


def _latest(a: datetime | None, b: datetime | None) -> datetime | None:
    return b if a is None else a if b is None else max(a, b)


@dataclass
class Group:
    """A group of articles as clustering sees it: the sum of their unit vectors, and times."""

    id: str
    vector: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0  # squared length of the full sum (kept exact when terms are pruned)
    size: int = 0
    short: int = 0  # headline-only members
    dated: int = 0  # members with a publication time
    written: int = 0  # members without one that give a date of their own (top lines, address)
    first: datetime | None = None  # earliest and latest publication time of dated members
    last: datetime | None = None
    hours: float = 0.0  # sum of the publication times of dated members (hours since EPOCH)
    hours2: float = 0.0  # and of their squares: the spread of the times, from sums alone
    seen: datetime | None = None  # latest time a member was published or first seen
    created: datetime | None = None  # earliest such time: the older story keeps its id
    first_article: str = ""  # id of its earliest article
    embedding: list[float] | None = None  # sum of member embeddings (semantic extra)
    languages: frozenset[str] = frozenset()  # languages its full texts were read in
    headline_names: frozenset[str] = frozenset()  # of its full texts (see own_headline_names)
    version: int = 0  # bumped on every change, so queued scores can tell they are stale

    def absorb(self, other: Group) -> None:
        """Add another group's articles (its sums) into this one."""
        if other.headline_names:
            self.headline_names = self.headline_names | other.headline_names
        dot = _dot(self.vector, other.vector)
        self.norm2 += other.norm2 + 2 * dot
        for term, weight in other.vector.items():
            self.vector[term] = self.vector.get(term, 0.0) + weight
        self.size += other.size
        self.short += other.short
        self.dated += other.dated
        self.written += other.written
        self.first = _earliest(self.first, other.first)
        self.last = _latest(self.last, other.last)
        self.hours += other.hours
        self.hours2 += other.hours2
        self.seen = _latest(self.seen, other.seen)
        if other.created is not None and (self.created is None or other.created < self.created):
            self.first_article = other.first_article or self.first_article
        self.created = _earliest(self.created, other.created)
        self.first_article = self.first_article or other.first_article
        self.languages |= other.languages
        if other.embedding is not None:
            if self.embedding is None:
                self.embedding = list(other.embedding)
            else:
                pairs = zip(self.embedding, other.embedding, strict=True)
                self.embedding = [x + y for x, y in pairs]
        self.version += 1

    def prune(self) -> set[str]:
        """Keep the heaviest terms; returns the terms dropped."""
        if len(self.vector) <= MAX_GROUP_TERMS * 1.5:
            return set()
        keep = dict(heapq.nlargest(MAX_GROUP_TERMS, self.vector.items(), key=lambda kv: kv[1]))
        dropped = set(self.vector) - set(keep)
        self.vector = keep
        # A big story's headline names stay as many as its terms: those it still weighs.
        self.headline_names = frozenset(n for n in self.headline_names if "#" + n in keep)
        return dropped

    def copy(self, new_id: str | None = None) -> Group:
        return Group(
            id=new_id or self.id,
            vector=dict(self.vector),
            norm2=self.norm2,
            size=self.size,
            short=self.short,
            dated=self.dated,
            written=self.written,
            first=self.first,
            last=self.last,
            hours=self.hours,
            hours2=self.hours2,
            seen=self.seen,
            created=self.created,
            first_article=self.first_article,
            embedding=list(self.embedding) if self.embedding is not None else None,
            languages=self.languages,
            headline_names=self.headline_names,
        )


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    # Two groups share few of their terms: intersecting the keys (in C) first is far cheaper
    # than looking up every term of one in the other, and map keeps the products in C. The
    # intersection's order follows the process's string hashes (PYTHONHASHSEED), and a float
    # sum's last bits follow its order: fsum's sum is exact before it is rounded, so every
    # process (and every engine's run) gets the same affinities, and the same ties and merges
    # from them.
    common = a.keys() & b.keys()
    return math.fsum(map(operator.mul, map(a.__getitem__, common), map(b.__getitem__, common)))


def _within(group: Group) -> float:
    """The mean similarity of a group's articles to one another (0 for a group of one)."""
    pairs = group.size * (group.size - 1) / 2
    return max(group.norm2 - group.size, 0.0) / 2 / pairs if pairs else 0.0


def _cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    na = math.sqrt(sum(x * x for x in a)) or 1.0
    nb = math.sqrt(sum(y * y for y in b)) or 1.0
    return dot / (na * nb)


def gap_hours(a: Group, b: Group) -> float | None:
    """Hours between the dated spans of two groups (0 when they overlap), or None.

    None unless dates are the norm in both groups: one date among undated articles may be
    wrong (a date taken from the text, a clamped future date) and must not veto the words.
    """
    if 2 * a.dated < a.size or 2 * b.dated < b.size:
        return None
    if a.first is None or a.last is None or b.first is None or b.last is None:
        return None
    gap = max(b.first - a.last, a.first - b.last, timedelta(0))
    return gap.total_seconds() / 3600


def dated_gap_hours(a: Group, b: Group) -> float | None:
    """Hours between the dated reports of two groups (0 when their spans overlap), however
    few of their reports are dated; None unless both hold a dated report."""
    if a.first is None or a.last is None or b.first is None or b.last is None:
        return None
    gap = max(b.first - a.last, a.first - b.last, timedelta(0))
    return gap.total_seconds() / 3600


def _top(ids: list[str], slots: NDArray[np.intp], scores: NDArray[np.float64], n: int) -> set[str]:
    """The ids of the ``n`` best-scoring slots (ties at the last place: the smaller ids), as
    the first ``n`` of a ranking by (score descending, id) would give them."""
    import numpy as np

    if len(slots) <= n:
        return {ids[slot] for slot in slots.tolist()}
    cut = len(scores) - n
    bar = np.partition(scores, cut)[cut]  # the n-th largest score
    chosen = {ids[slot] for slot in slots[scores > bar].tolist()}
    tied = sorted(ids[slot] for slot in slots[scores == bar].tolist())
    chosen.update(tied[: n - len(chosen)])
    return chosen


class _SlotTimes:
    """The dated span of each fragment slot, in whole microseconds since EPOCH, so the window
    is checked for all candidates at once; ``timed`` is False where :func:`gap_hours` gives
    None (the group's dates are not the norm)."""

    def __init__(self) -> None:
        # Made at the first fragment: a clusterer that only compares pairs (similarity) never
        # loads numpy for them.
        self.timed: NDArray[np.bool_] | None = None
        self.first: NDArray[np.int64] | None = None
        self.last: NDArray[np.int64] | None = None

    def set(self, slot: int, group: Group) -> None:
        import numpy as np

        if self.timed is None or self.first is None or self.last is None:
            self.timed = np.zeros(64, dtype=bool)
            self.first = np.zeros(64, dtype=np.int64)
            self.last = np.zeros(64, dtype=np.int64)
        if slot >= len(self.timed):
            grow = max(2 * len(self.timed), slot + 1) - len(self.timed)
            self.timed = np.concatenate([self.timed, np.zeros(grow, dtype=bool)])
            self.first = np.concatenate([self.first, np.zeros(grow, dtype=np.int64)])
            self.last = np.concatenate([self.last, np.zeros(grow, dtype=np.int64)])
        span = _span(group)
        self.timed[slot] = span is not None
        if span is not None:
            self.first[slot], self.last[slot] = span

    def within(
        self, near: Group, slots: NDArray[np.intp], window_hours: float
    ) -> NDArray[np.bool_]:
        """Which slots' fragments are within the window of ``near`` (as gap_hours would say)."""
        import numpy as np

        span = _span(near)
        if span is None or self.timed is None or self.first is None or self.last is None:
            return np.ones(len(slots), dtype=bool)
        first, last = self.first[slots], self.last[slots]
        gap = np.maximum(np.maximum(first - span[1], span[0] - last), 0)
        # As timedelta.total_seconds() / 3600: microseconds (exact in a float below 2**53)
        # over 10**6, then over 3600, each rounded once, so the same floats as gap_hours.
        hours = gap.astype(np.float64) / 1e6 / 3600
        return ~self.timed[slots] | (hours <= window_hours)


_MICROSECOND = timedelta(microseconds=1)


def _span(group: Group) -> tuple[int, int] | None:
    """A group's dated span in microseconds since EPOCH, or None where gap_hours gives None."""
    if 2 * group.dated < group.size or group.first is None or group.last is None:
        return None
    return _microseconds(group.first), _microseconds(group.last)


def _microseconds(when: datetime) -> int:
    if when.tzinfo is None:  # a time given without its zone is read as UTC
        when = when.replace(tzinfo=UTC)
    return (when - EPOCH) // _MICROSECOND


def _headlines(group: Group) -> bool:
    """Whether a group is mostly headline-only items: its terms are weighed as theirs."""
    return 2 * group.short > group.size


WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))


def _shares_enough(a: Group, b: Group) -> bool:
    """Whether two small headline groups share more than a coincidence: two terms, or one word
    that English does not use for anything (an event's own name: "Lehman", "tsunami", "SVB";
    not "final", "killed", "Inc."). A weekday is no term in common: a capitalised one is read
    as a term and as a name ("thursday", "@thursday"), and any two events have one."""
    common = {t for t in a.vector.keys() & b.vector.keys() if t.lstrip("@") not in WEEKDAYS}
    if len(common) >= 2:
        return True
    return any(t[0].isalpha() and specific(t) for t in common)


def own_headline_names(article: Article, raw: dict[str, float]) -> frozenset[str]:
    """Words of the names a full text's headline gives (a place, a person, a shuttle) that say
    whose or where: the headline's terms that are words of its names (``#`` terms of
    :func:`features`), less its first word, which a headline capitalises whatever it is
    ("Gunmen kill 12 ...", "Divers recover ...")."""
    words = _terms(" ".join(article.title.split()[1:]))
    return frozenset(w for w in words if "#" + w in raw)


def _names_apart(a: Group, b: Group) -> bool:
    """A lone full text and a group of full texts (or another lone one) none of whose
    headlines names anyone or anywhere the other side mentions (in its headlines or leads),
    while both sides' headlines name someone: each is about its own. A later report of one
    event mostly names the first report's place or people ("Reagan ... the shuttle
    Challenger"), or the first names the later one's; one name in common is enough ("Mat
    Maid" and "Matanuska Maid Dairy"). Two groups of two or more have the names check
    (``Params.names_cosine``)."""
    if min(a.size, b.size) != 1 or a.short or b.short:
        return False
    if not a.headline_names or not b.headline_names:
        return False
    return not (a.headline_names & b.vector.keys() or b.headline_names & a.vector.keys())


def apart(a: Group, b: Group) -> bool:
    """Two groups whose full texts are known to share no language."""
    return bool(a.languages and b.languages and not a.languages & b.languages)


def model_judges(a: Group, b: Group) -> bool:
    """Whether a multilingual model's embeddings count for two groups: full texts in no common
    language, or full texts not all in English. English stories are judged by their words
    alone, as without the model."""
    return apart(a, b) or bool(a.languages and b.languages and a.languages | b.languages != _EN)


_EN = frozenset(["en"])


def _older(a: Group, b: Group) -> bool:
    """Whether ``a`` is the older of two groups (ties: the smaller id)."""
    return (a.created is None, a.created, a.id) <= (b.created is None, b.created, b.id)


_BELOW = -1.0  # kept for a pair scored below the floor it was queued with


class _Scores:
    """Affinities of pairs of groups, kept from one consolidation to the next.

    A group is known by its makeup, given a number: a fragment as it is in memory (its id and
    version: the version changes with every article it takes), or the merge of two makeups,
    the keeper first. One makeup is one group to the last bit (its sums are added in the same
    order), so two makeups score the same whenever they meet. What a consolidation used is
    kept for the next; the rest is dropped, so memory stays that of one consolidation.
    """

    LIMIT = 1 << 32  # makeup numbers per clusterer before it starts over (pairs share a key)

    def __init__(self) -> None:
        self.names: dict[tuple[object, ...], int] = {}
        self.scores: dict[int, float] = {}
        self._names_before: dict[tuple[object, ...], int] = {}
        self._scores_before: dict[int, float] = {}
        self._next = 0

    def start(self) -> None:
        """A consolidation begins: keep what the last one used, as the older generation."""
        if self._next >= self.LIMIT:
            self.names, self.scores, self._next = {}, {}, 0
        self._names_before, self.names = self.names, {}
        self._scores_before, self.scores = self.scores, {}

    def fragment(self, fid: str, version: int) -> int:
        return self._name(("fragment", fid, version))

    def merged(self, keep: int, gone: int) -> int:
        return self._name(("merged", keep, gone))

    def finish(self) -> None:
        """A consolidation ended: what it did not use is dropped."""
        self._names_before, self._scores_before = {}, {}

    def _name(self, makeup: tuple[object, ...]) -> int:
        number = self.names.get(makeup)
        if number is None:
            number = self._names_before.pop(makeup, None)
            if number is None:
                number, self._next = self._next, self._next + 1
            self.names[makeup] = number
        return number

    def older(self) -> dict[int, float]:
        """The last consolidation's scores not yet used in this one (take them out as used)."""
        return self._scores_before

    @classmethod
    def pair(cls, a: int, b: int) -> int:
        """The key of a pair of makeups in ``scores``."""
        return a * cls.LIMIT + b


# the clusterer -----------------------------------------------------------------------------


@dataclass
class Consolidation:
    """What a consolidation changed."""

    story_of: dict[str, str] = field(default_factory=dict)  # fragment -> story, when changed
    merged: dict[str, str] = field(default_factory=dict)  # story that ended -> story it joined
    split: dict[str, str] = field(default_factory=dict)  # new story -> story it split from


class StreamingClusterer:
    """Assigns articles to fragments as they stream in and groups fragments into stories."""

    def __init__(
        self,
        params: Params | None = None,
        embedder: Embedder | None = None,
        exists: Callable[[str], bool] | None = None,
    ) -> None:
        """``exists`` tells whether a story id was ever used (in a store), so none is reused."""
        self.params = params or Params()
        self.embedder = embedder
        self.exists = exists
        # IDFs asked for since the counts last changed, for full texts and for headlines: a
        # run counts its articles first, then asks for the same terms' IDFs again and again.
        self._idfs: tuple[dict[str, float], dict[str, float]] = ({}, {})
        # Each fragment's heaviest terms (with its version then), worked out from those IDFs.
        self._heavy_terms: dict[str, tuple[int, list[str]]] = {}
        self.df: dict[str, int] = defaultdict(int)  # documents of either kind with a term
        self.docs = 0
        self.short_df: dict[str, int] = defaultdict(int)  # headline-only documents with it
        self.short_docs = 0
        self.fragments: dict[str, Group] = {}
        self.story_of: dict[str, str] = {}  # fragment id -> story id
        # term -> slots of the fragments holding it. A slot is a small number standing for a
        # fragment in memory (``_slot_ids[slot]`` is its id; a forgotten fragment's slot is
        # given to the next new one), so a lookup sums the weights of its terms' fragments in
        # numpy rather than one fragment at a time (see :meth:`_shortlist`).
        self.index: dict[str, set[int]] = defaultdict(set)
        self._slots: dict[str, int] = {}  # fragment id -> slot
        self._slot_ids: list[str] = []
        self._free_slots: list[int] = []
        self._times = _SlotTimes()
        self.taken: set[str] = set()  # story ids in use or used before: never given again
        # Sums and counts of the multilingual model's embeddings of full texts, by language
        # (see :meth:`centre`).
        self.language_sums: dict[str, list[float]] = {}
        self.language_counts: dict[str, int] = defaultdict(int)
        # Centres worked out since an embedding was last counted.
        self._centres: dict[frozenset[str], list[float] | None] = {}
        # Affinities of pairs of groups in the last consolidation and this one: nothing that
        # affinity reads changes but the groups and the language centres (which forget them).
        self._scores = _Scores()

    # vectors ---------------------------------------------------------------------------------

    # The document counts: setting any of them forgets the IDFs worked out from them.
    @property
    def docs(self) -> int:
        return self._docs

    @docs.setter
    def docs(self, value: int) -> None:
        self._docs = value
        self._forget_idfs()

    @property
    def short_docs(self) -> int:
        return self._short_docs

    @short_docs.setter
    def short_docs(self, value: int) -> None:
        self._short_docs = value
        self._forget_idfs()

    @property
    def df(self) -> dict[str, int]:
        return self._df

    @df.setter
    def df(self, value: dict[str, int]) -> None:
        self._df = value
        self._forget_idfs()

    @property
    def short_df(self) -> dict[str, int]:
        return self._short_df

    @short_df.setter
    def short_df(self, value: dict[str, int]) -> None:
        self._short_df = value
        self._forget_idfs()

    def _forget_idfs(self) -> None:
        for known in self._idfs:
            if known:
                known.clear()
        if self._heavy_terms:
            self._heavy_terms.clear()

    def idf(self, term: str, short: bool = False) -> float:
        """Inverse document frequency of a term among documents of one kind (see
        :meth:`_idf`), worked out once while the counts stay the same."""
        known = self._idfs[short]
        value = known.get(term)
        if value is None:
            value = known[term] = self._idf(term, short)
        return value

    def _idf(self, term: str, short: bool) -> float:
        """Inverse document frequency of a term among documents of one kind.

        Full texts and headline-only items are counted apart: how many headlines a store
        holds must not change how a full text's words weigh against one another (with one
        count for both, 2,989 headlines made topic words such as "earthquake" weigh more
        against names in ECB+'s full texts, and look-alike events came closer). The other
        kind lends its frequencies as a prior worth at most ``KIND_PRIOR_DOCS`` documents, so
        that a kind seen only a few times is still weighed sensibly: with fewer documents of
        the other kind than that, the two kinds are simply counted together.
        """
        n_all, df_all = self.docs, self.df.get(term, 0)
        n_short, df_short = self.short_docs, self.short_df.get(term, 0)
        if short:
            n_own, df_own, n_other, df_other = n_short, df_short, n_all - n_short, df_all - df_short
        else:
            n_own, df_own, n_other, df_other = n_all - n_short, df_all - df_short, n_short, df_short
        # The loan shrinks as the kind's own documents grow: a kind seen thousands of times
        # has frequencies of its own, which the other kind must not shift.
        lent = min(KIND_PRIOR_DOCS, n_other) * KIND_PRIOR_DOCS / (KIND_PRIOR_DOCS + n_own)
        prior = lent * df_other / n_other if n_other else 0.0
        return math.log((1 + n_own + lent) / (1 + df_own + prior)) + 1.0

    def observe(self, raw: dict[str, float], short: bool = False) -> None:
        """Count an article's terms in the document frequencies (``short``: headline-only)."""
        self._forget_idfs()
        self.docs += 1
        for term in raw:
            self.df[term] += 1
        if short:
            self.short_docs += 1
            for term in raw:
                self.short_df[term] += 1

    def observe_embedding(self, languages: frozenset[str], total: list[float], count: int) -> None:
        """Count ``count`` full texts in one language whose embeddings sum to ``total`` in
        the language's centre (a group in several languages is not counted)."""
        if len(languages) != 1 or count <= 0:
            return
        (lang,) = languages
        self._centres.clear()
        self._scores = _Scores()
        known = self.language_sums.get(lang)
        self.language_sums[lang] = (
            total[:] if known is None else [x + y for x, y in zip(known, total, strict=True)]
        )
        self.language_counts[lang] += count

    def observe_article_embedding(self, article: Article, embedding: list[float] | None) -> None:
        """Count a full text's embedding by the multilingual model in its language's centre."""
        multilingual = self.embedder is not None and self.embedder.multilingual
        if embedding is not None and multilingual and not is_short(article):
            self.observe_embedding(frozenset([language(article, lead(article))]), embedding, 1)

    def centre(self, languages: frozenset[str]) -> list[float] | None:
        """Where the multilingual model puts any report in these languages, whatever it says:
        the mean embedding of the full texts seen in each, shrunk towards the mean over all
        languages by ``centre_prior`` texts' worth (itself shrunk towards nothing the same
        way, so a store of a few reports is barely moved), averaged over the languages."""
        if languages not in self._centres:
            self._centres[languages] = self._centre(languages)
        return self._centres[languages]

    def _centre(self, languages: frozenset[str]) -> list[float] | None:
        if not languages or not self.language_sums:
            return None
        k = self.params.centre_prior
        dims = len(next(iter(self.language_sums.values())))
        total = [math.fsum(v[i] for v in self.language_sums.values()) for i in range(dims)]
        overall = [x / (sum(self.language_counts.values()) + k) for x in total]
        out = [0.0] * dims
        for lang in sorted(languages):
            own, n = self.language_sums.get(lang, [0.0] * dims), self.language_counts.get(lang, 0)
            for i in range(dims):
                out[i] += (own[i] + k * overall[i]) / (n + k) / len(languages)
        return out

    def centred_cosine(self, a: Group, b: Group) -> float:
        """Cosine of two groups' mean embeddings, each less its languages' centre.

        A multilingual model places every report in one language near every other: two
        unrelated Chinese reports are closer than a Chinese report and its English
        translation may be. Less the centre of each language, what is left is what the
        report says (BENCHMARKS.md, "Pair similarity across languages")."""
        ea, eb = a.embedding, b.embedding
        if ea is None or eb is None:
            return 0.0
        ca, cb = self.centre(a.languages), self.centre(b.languages)
        na, nb = max(a.size - a.short, 1), max(b.size - b.short, 1)
        if ca is None or cb is None:
            return _cosine(ea, eb)
        return _cosine(
            [x / na - c for x, c in zip(ea, ca, strict=True)],
            [y / nb - c for y, c in zip(eb, cb, strict=True)],
        )

    def vector(self, raw: dict[str, float], short: bool = False) -> dict[str, float]:
        """Unit TF-IDF vector (sublinear term frequency) of weighted term counts."""
        out = {t: (1.0 + math.log(c) if c >= 1 else c) * self.idf(t, short) for t, c in raw.items()}
        norm = math.sqrt(sum(v * v for v in out.values())) or 1.0
        return {t: v / norm for t, v in out.items()}

    def informative(self, raw: dict[str, float], short: bool = False) -> bool:
        """Enough rare-enough terms (in under about half of all documents) to say what."""
        limit = math.log(2.0) + 1.0
        return sum(1 for t in raw if self.idf(t, short) > limit) >= MIN_INFORMATIVE

    # the decision ----------------------------------------------------------------------------

    def cohesion(self, group: Group, partner: Group | None = None) -> float:
        """Mean similarity between a group's articles, shrunk towards the prior when small.

        The prior is the mean similarity of a story's reports (``prior_cohesion``), which
        holds when the partner is an established story that a lone report may join. Two
        groups both too small to measure show nothing of what their event's reports look
        like: the prior is then that of two reports of one event (``prior_pair``), more
        than two look-alike events' reports reach, so that two small look-alike groups do
        not start one story on the words of their kind."""
        p = self.params
        pairs = group.size * (group.size - 1) / 2
        own = max(group.norm2 - group.size, 0.0) / 2  # the sum of pairwise similarities
        prior = p.prior_cohesion
        if partner is not None:
            partner_pairs = partner.size * (partner.size - 1) / 2
            unknown = p.prior_weight / (partner_pairs + p.prior_weight)
            prior += (p.prior_pair - p.prior_cohesion) * unknown
        return (own + prior * p.prior_weight) / (pairs + p.prior_weight)

    def affinity(self, a: Group, b: Group) -> float:
        """How surely two groups report one event: >= 1 means they do."""
        p = self.params
        gap = gap_hours(a, b)
        if gap is not None and gap > p.window.total_seconds() / 3600:
            return 0.0
        far = dated_gap_hours(a, b)
        if far is not None and far > p.dated_apart.total_seconds() / 3600:
            return 0.0
        dot = _dot(a.vector, b.vector)
        if not a.size or not b.size:
            return 0.0
        # Headline comparison counts only as far as both sides are headlines: a few
        # headline-only items in a group of full texts must not judge it by centroid cosine,
        # which is high between any two full-text groups on one topic (ECB+ dev: two Paris
        # jewel raids years apart merged that way; F1 0.913 -> 0.921 with the smaller share).
        short_share = min(a.short / a.size, b.short / b.size)
        few = short_share > 0.0 and max(a.size, b.size) <= FEW_HEADLINES
        if few and not _shares_enough(a, b):
            dot = 0.0  # the words say nothing; embeddings, when used, still may
        score = 0.0
        if short_share < 1.0:
            cross = dot / (a.size * b.size)
            closeness = cross / math.sqrt(self.cohesion(a, b) * self.cohesion(b, a))
            closeness /= p.merge_full
            if self._undated_pair(a, b):
                closeness = min(closeness, self.contrast(a, b, cross))
            score += (1.0 - short_share) * closeness
        if short_share > 0.0:
            cosine = dot / math.sqrt(max(a.norm2 * b.norm2, 1e-12))
            score += short_share * cosine / p.merge_short
        multilingual = self.embedder is not None and self.embedder.multilingual
        ea, eb = a.embedding, b.embedding
        if ea is not None and eb is not None and not multilingual and short_share > 0.0:
            # Embeddings help where words are few: paraphrased headlines. Full texts share
            # enough names and figures, and there the embeddings of two look-alike events are
            # close (dev F1 0.889 -> 0.841 when blended for full texts too), so they count in
            # proportion to the headline-only share. Embedding cosines live on their own
            # scale: each signal is divided by its own threshold first, then they are blended.
            semantic = _cosine(ea, eb) / p.merge_semantic
            weight = p.semantic_weight * short_share
            score = (1 - weight) * score + weight * semantic
        elif ea is not None and eb is not None and multilingual and model_judges(a, b):
            # Full texts in no common language meet only on names, figures and places: the
            # multilingual model's embeddings count as well, on their own scale. Within one
            # language other than English, words are judged less surely (stemmers and
            # stoplists are rougher, and Arabic writes a word many ways): the model counts
            # there too, for less.
            if apart(a, b):
                floor, bar, share = (
                    p.crosslingual_floor,
                    p.merge_crosslingual,
                    p.crosslingual_weight,
                )
            else:
                floor, bar, share = p.monolingual_floor, p.merge_monolingual, p.monolingual_weight
            semantic = max(self.centred_cosine(a, b) - floor, 0.0) / (bar - floor)
            weight = share * (1.0 - short_share)
            score = (1 - weight) * score + weight * semantic
        if score >= 1.0 and short_share < 0.5 and min(a.size, b.size) >= p.names_min_size:
            score *= self._names_factor(a, b)
        if score >= 1.0 and _names_apart(a, b):
            score *= p.names_apart
        score *= self.time_unknown(a, b)
        if gap:
            earlier = a if a.first is not None and b.first is not None and a.first <= b.first else b
            decay = short_share * self.pace(earlier) + (1.0 - short_share) * p.decay_hours_full
            if decay:  # a scale of 0 turns the fading off
                score *= math.exp(-gap / decay)
        return score

    def _undated_pair(self, a: Group, b: Group) -> bool:
        """Two small full-text groups of 2 or more reports each, one or both giving no time, too
        small for their own cohesion to outweigh the prior (see :meth:`contrast`)."""
        if not self.params.contrast or a.short or b.short:
            return False
        if a.dated + a.written and b.dated + b.written:
            return False  # times count where both give any (window, fading)
        limit = self.params.prior_weight
        return all(g.size >= 2 and g.size * (g.size - 1) / 2 <= limit for g in (a, b))

    def contrast(self, a: Group, b: Group, cross: float) -> float:
        """How alike two groups' reports are across, against how alike each group's reports
        are among themselves (measured, with no prior), over ``Params.contrast``: >= 1 when
        the words say they are one event.

        What tells two look-alike events apart is what each event's reports share and the
        other's lack (a toll, a magnitude, a village; a secretary's name, a weekday): it
        makes each group's reports closer to one another than to the other group's. Two
        halves of one event are about as close across as within. The ratio keeps its scale
        whatever else the store holds, where cosines do not: among thousands of unrelated
        headlines a kind's words ("quake", "island") are as rare as an event's own, and every
        cosine of the two groups rises (two quakes on one island: cross 0.20 -> 0.29, within
        0.27-0.30 -> 0.36-0.39; the ratio 0.70 -> 0.77).
        """
        within = math.sqrt(_within(a) * _within(b))
        return cross / within / self.params.contrast if within > 0 else math.inf

    def time_unknown(self, a: Group, b: Group) -> float:
        """1, or less when one group's reports say when they were written and none of the
        other's do.

        Two reports of one kind of event (two patches of one browser, two quakes on one
        island) can be as alike in words as two reports of one event; their times tell them
        apart, but only where both have times. Reports of one event mostly share how they came
        (feeds and pages that carry dates, or files that carry none), so a group of n reports
        none of which gives a date, beside a group whose reports mostly do, is less likely to be
        the same event the more reports it holds: the factor is ``undated_factor ** sqrt(n)``
        (reports of one outlet or wire lack dates together, so they count for less than n
        independent ones). An undated report still joins a dated story by its words alone,
        needing only a little more of them.
        """
        timed_a, timed_b = a.dated + a.written, b.dated + b.written
        if 2 * timed_a > a.size and timed_b == 0:
            undated = b.size
        elif 2 * timed_b > b.size and timed_a == 0:
            undated = a.size
        else:
            return 1.0
        return float(self.params.undated_factor ** math.sqrt(undated))

    def pace(self, group: Group) -> float:
        """The hours of silence (by a factor e) after which a headline group has gone quiet.

        A burst of many headlines within an hour or two is an event that was reported and then
        went quiet: another burst on the same subject a day later is the next event (Tuesday's
        market close after Monday's; a criminal probe the day after an internal one). A story
        whose reports come hours apart keeps the default, ``decay_hours``: a lone headline
        every twelve hours still continues it. So the scale is ``pace_spreads`` standard
        deviations of the group's publication times, shrunk towards the default by
        ``pace_prior`` reports' worth (a few reports say little about a pace), within
        ``[pace_floor_hours, decay_hours]``.
        """
        p = self.params
        n = group.dated
        if n == 0:
            return p.decay_hours
        mean = group.hours / n
        variance = max(group.hours2 / n - mean * mean, 0.0)
        own = p.pace_spreads * p.pace_spreads * variance
        scale = math.sqrt((n * own + p.pace_prior * p.decay_hours**2) / (n + p.pace_prior))
        return min(p.decay_hours, max(p.pace_floor_hours, scale))

    def _names_factor(self, a: Group, b: Group) -> float:
        """1, or less when two established groups are about different people and places."""
        p = self.params
        na = {t: w for t, w in a.vector.items() if t[0] == "#"}
        nb = {t: w for t, w in b.vector.items() if t[0] == "#"}
        if not na or not nb:
            return 1.0
        norm = math.sqrt(sum(w * w for w in na.values()) * sum(w * w for w in nb.values()))
        cosine = _dot(na, nb) / norm if norm else 0.0
        return 1.0 if cosine >= p.names_cosine else cosine / p.names_cosine

    # streaming -------------------------------------------------------------------------------

    def add(
        self,
        article: Article,
        raw: dict[str, float] | None = None,
        embedding: list[float] | None = None,
        counted: bool = False,
    ) -> str:
        """Put an article in a fragment and return the fragment's id (``story_of`` has its story).

        ``raw``: its :func:`features` if already computed. ``counted``: its terms are already
        in the document frequencies (see :meth:`observe`).
        """
        if raw is None:
            raw = features(article)
        if not counted:
            self.observe(raw, is_short(article))
        if embedding is None and self.wants_embedding(article):
            embedding = self.embedder.embed([embedding_text(article)])[0]  # type: ignore[union-attr]
            self.observe_article_embedding(article, embedding)
        single = self.single(article, raw, embedding)
        fragment = self._best(single) if self.informative(raw, is_short(article)) else None
        if fragment is None:
            fragment = "f" + story_id_for(article.id)[1:]
            self.fragments[fragment] = Group(id=fragment)
            self.story_of[fragment] = self._new_story_id(article.id)
        group = self.fragments[fragment]
        group.absorb(single)
        slot = self._slot(fragment)
        self._times.set(slot, group)
        for term in group.prune():
            self._unindex(slot, term)
        for term in group.vector:
            self.index[term].add(slot)
        return fragment

    def wants_embedding(self, article: Article) -> bool:
        """Whether the embedder, if any, embeds this article: a multilingual model compares
        full texts only."""
        if self.embedder is None:
            return False
        return not (self.embedder.multilingual and is_short(article))

    def single(
        self, article: Article, raw: dict[str, float], embedding: list[float] | None = None
    ) -> Group:
        """An article as a group of one."""
        hours = epoch_hours(article.published) if article.published is not None else 0.0
        short = is_short(article)
        languages = frozenset() if short else frozenset([language(article, lead(article))])
        return Group(
            id=article.id,
            vector=self.vector(raw, short),
            norm2=1.0,
            size=1,
            short=int(short),
            # Only a real publication time dates an article for clustering: the time an
            # import first saw it says nothing about when the event happened.
            dated=int(article.published is not None),
            written=int(article.published is None and article.written is not None),
            first=article.published,
            last=article.published,
            hours=hours,
            hours2=hours * hours,
            seen=article.when,
            created=article.when,
            first_article=article.id,
            embedding=list(embedding) if embedding is not None else None,
            languages=languages,
            headline_names=frozenset() if short else own_headline_names(article, raw),
        )

    def _new_story_id(self, article_id: str) -> str:
        sid, n = story_id_for(article_id), 1
        while sid in self.taken or (self.exists is not None and self.exists(sid)):
            n += 1
            sid = story_id_for(f"{article_id}#{n}")
        self.taken.add(sid)
        return sid

    def _best(self, single: Group) -> str | None:
        known = [t for t in single.vector if t in self.index]
        short = _headlines(single)
        rare = sorted(known, key=lambda t: (-self.idf(t, short), t))[:CANDIDATE_TERMS]
        best, best_score = None, self.params.join_margin
        for fid in sorted(self._shortlist(single.vector, rare, single)):
            score = self.affinity(single, self.fragments[fid])
            if score >= best_score:
                best, best_score = fid, score
        return best

    def _shortlist(self, vector: dict[str, float], terms: list[str], near: Group) -> set[str]:
        """The fragments that share the most weight of ``terms`` with ``vector``, in the window.

        Scoring only these keeps the cost per article flat as the store grows: a fragment that
        shares little of an article's rarest, heaviest terms is not the one it belongs to.
        """
        import numpy as np

        short = _headlines(near)
        postings: list[NDArray[np.intp]] = []
        weights: list[NDArray[np.float64]] = []
        for term in terms:
            members = self.index.get(term)
            if members:
                postings.append(np.fromiter(members, np.intp, len(members)))
                weights.append(np.full(len(members), vector[term] * self.idf(term, short)))
        if not postings:
            return set()
        slots = np.concatenate(postings)
        # bincount adds each slot's weights in the order given, term by term: the same sums,
        # to the last bit, as adding them one fragment at a time.
        shared = np.bincount(slots, np.concatenate(weights), len(self._slot_ids)).astype(
            np.float64, copy=False
        )
        present = np.bincount(slots, None, len(self._slot_ids)) > 0
        own = self._slots.get(near.id)
        if own is not None:
            present[own] = False
        found = np.flatnonzero(present)
        within = self._times.within(near, found, self.params.window.total_seconds() / 3600)
        found = found[within]
        return _top(self._slot_ids, found, shared[found], SHORTLIST)

    def _slot(self, fragment: str) -> int:
        """The slot of a fragment in memory, given one if it has none."""
        slot = self._slots.get(fragment)
        if slot is None:
            if self._free_slots:
                slot = self._free_slots.pop()
                self._slot_ids[slot] = fragment
            else:
                slot = len(self._slot_ids)
                self._slot_ids.append(fragment)
            self._slots[fragment] = slot
        return slot

    def _unindex(self, slot: int, term: str) -> None:
        members = self.index.get(term)
        if members is not None:
            members.discard(slot)
            if not members:
                del self.index[term]

    # consolidation ---------------------------------------------------------------------------

    def _neighbours(self, fragment: Group) -> set[str]:
        """Fragments sharing one of its heaviest terms, within the window of its time."""
        # Groups further apart than the window can never be one story: leaving them out keeps
        # the region of a consolidation to the stories of the same days.
        return self._shortlist(fragment.vector, self._heavy(fragment), fragment)

    def _heavy(self, fragment: Group) -> list[str]:
        """A fragment's heaviest terms (and rarest names, with a multilingual model), kept
        while it and the counts stay the same: each consolidation of a run asks again."""
        known = self._heavy_terms.get(fragment.id)
        mine = self.fragments.get(fragment.id) is fragment
        if known is not None and known[0] == fragment.version and mine:
            return known[1]
        short = _headlines(fragment)
        heavy = heapq.nlargest(
            MERGE_TERMS, fragment.vector, key=lambda t: fragment.vector[t] * self.idf(t, short)
        )
        if fragment.languages and self.embedder is not None and self.embedder.multilingual:
            # A report in another language shares few of its heaviest words, but often a
            # name: its rarest names find it too (the model then judges the pair).
            names = [t for t in fragment.vector if t[0] == "@" and t not in heavy]
            heavy += heapq.nsmallest(CROSS_NAMES, names, key=lambda t: (self.df.get(t, 0), t))
        if mine:
            self._heavy_terms[fragment.id] = (fragment.version, heavy)
        return heavy

    def consolidate(self, touched: Iterable[str]) -> Consolidation:
        """Re-form the stories around the touched stories; returns what changed.

        The region is every fragment of the touched stories and of the stories next to them;
        its fragments are grouped from scratch, best pair first, and each group takes a story
        id: a story keeps its id in the group that holds most of its articles, the older story
        first; a group left without one is a new story (split off, or never seen).
        """
        # Neighbours of a fragment, found once: the region and the grouping both ask, and
        # neither changes a fragment (the grouping works on copies).
        memo: dict[str, set[str]] = {}

        def neighbours(fid: str) -> set[str]:
            if fid not in memo:
                memo[fid] = self._neighbours(self.fragments[fid])
            return memo[fid]

        region = self._region(set(touched), neighbours)
        groups = self._agglomerate(sorted(region), neighbours)
        return self._name(groups)

    def _region(self, touched: set[str], neighbours: Callable[[str], set[str]]) -> set[str]:
        members: dict[str, list[str]] = defaultdict(list)
        for fid, sid in self.story_of.items():
            if fid in self.fragments:
                members[sid].append(fid)
        region: set[str] = set()
        for sid in touched:
            for fid in members.get(sid, ()):
                region.add(fid)
                for other in neighbours(fid):
                    region.update(members.get(self.story_of[other], ()))
        return region

    def _agglomerate(
        self, fragment_ids: list[str], neighbours: Callable[[str], set[str]] | None = None
    ) -> list[list[str]]:
        """Group fragments best pair first while a pair has affinity >= 1.

        Scores are queued once per pair and refreshed lazily: after a merge, a queued pair
        that involves a changed group is scored again when it reaches the top, rather than
        every pair of the grown group being scored at once (quadratic in big regions). A
        grown group can be closer to a neighbour than any of its parts was (a headline that
        names only "Snowden" is far from each tight cluster of paraphrases, and close to the
        story they form), so the merged group is also scored, at once, against the groups
        next to the fragments it took in; otherwise a weaker pair queued earlier (that
        headline and another sharing one word with it) would be merged first.
        """
        if neighbours is None:
            neighbours = lambda fid: self._neighbours(self.fragments[fid])  # noqa: E731
        groups = {fid: self.fragments[fid].copy() for fid in fragment_ids}
        members = {fid: [fid] for fid in fragment_ids}
        in_region = set(fragment_ids)
        owner = {fid: fid for fid in fragment_ids}  # fragment -> group holding it now
        heap: list[tuple[float, str, str, int, int]] = []
        scored: set[tuple[str, str, int, int]] = set()

        # Consolidations of one run re-form regions that mostly overlap, merging the same
        # fragments in the same order where nothing changed: scores are kept by the groups'
        # makeup (see _Scores).
        memo = self._scores
        memo.start()
        scores, older = memo.scores, memo.older()
        makeup = {fid: memo.fragment(fid, self.fragments[fid].version) for fid in fragment_ids}

        def push(a: str, b: str, floor: float) -> None:
            a, b = min(a, b), max(a, b)
            ga, gb = groups[a], groups[b]
            key = (a, b, ga.version, gb.version)
            if key in scored:
                return
            scored.add(key)
            # The lookups are written out here: this runs for every pair of a region.
            pair = _Scores.pair(makeup[a], makeup[b])
            score = scores.get(pair)
            if score is None:
                score = older.pop(pair, None) if older else None
                if score is None:
                    score = self.affinity(ga, gb)
                # Only compared with the floor: one float for every pair below it.
                scores[pair] = score if score >= floor else _BELOW
            if score >= floor:
                heapq.heappush(heap, (-score, a, b, ga.version, gb.version))

        near: dict[str, set[str]] = defaultdict(set)  # fragment -> neighbours, both ways
        for fid in fragment_ids:
            for other in neighbours(fid) & in_region:
                near[fid].add(other)
                near[other].add(fid)
                if fid < other:
                    # Queued a little below the bar: a pair can pass it once a group grows.
                    push(fid, other, LAZY_FLOOR)
        while heap:
            negative, a, b, va, vb = heapq.heappop(heap)
            ra, rb = owner[a], owner[b]
            if ra == rb:
                continue
            fresh = (ra, rb) == (a, b) and (groups[a].version, groups[b].version) == (va, vb)
            if not fresh:
                push(ra, rb, LAZY_FLOOR)  # stale: score the pair as it is now
                continue
            if -negative < 1.0:
                continue
            keep, gone = (ra, rb) if _older(groups[ra], groups[rb]) else (rb, ra)
            groups[keep].absorb(groups.pop(gone))
            makeup[keep] = memo.merged(makeup[keep], makeup[gone])
            for fid in members[gone]:
                owner[fid] = keep
            taken_in = members.pop(gone)
            members[keep].extend(taken_in)
            for other in sorted({owner[o] for fid in taken_in for o in near[fid]} - {keep}):
                push(keep, other, LAZY_FLOOR)
        memo.finish()
        return list(members.values())

    def _name(self, groups: list[list[str]]) -> Consolidation:
        """Give each group a story id, keeping ids stable; record merges and splits."""
        out = Consolidation()
        share: dict[str, Counter[int]] = defaultdict(Counter)  # old story -> group -> articles
        created: dict[str, tuple[bool, datetime | None, str]] = {}
        for n, group in enumerate(groups):
            for fid in group:
                frag = self.fragments[fid]
                sid = self.story_of[fid]
                share[sid][n] += frag.size
                key = (frag.created is None, frag.created, sid)
                created[sid] = min(created.get(sid, key), key)
        named: dict[int, str] = {}
        for sid in sorted(share, key=lambda s: created[s]):
            # Most of its articles, ties to the lower group number: deterministic.
            n = max(share[sid], key=lambda g: (share[sid][g], -g))
            if n not in named:
                named[n] = sid
        for n, group in enumerate(groups):
            if n not in named:
                first = min(
                    (self.fragments[f] for f in group),
                    key=lambda g: (g.created is None, g.created, g.id),
                )
                named[n] = self._new_story_id(first.first_article or first.id)
        for n, group in enumerate(groups):
            for fid in group:
                if self.story_of[fid] != named[n]:
                    out.story_of[fid] = named[n]
        kept = set(named.values())
        for sid, parts in share.items():
            if sid not in kept:
                largest = max(parts, key=lambda g: (parts[g], -g))
                out.merged[sid] = named[largest]
        for n, sid in named.items():
            if sid not in share:
                origins = Counter[str]()
                for fid in groups[n]:
                    origins[self.story_of[fid]] += self.fragments[fid].size
                origin = origins.most_common(1)[0][0]
                if origin in kept and origin != sid:
                    out.split[sid] = origin
        self.story_of.update(out.story_of)
        return out

    # state -----------------------------------------------------------------------------------

    def load_fragment(self, fragment: Group, story_id: str) -> None:
        self.fragments[fragment.id] = fragment
        if self._scores.names:
            self._scores = _Scores()  # known by version: a fragment loaded again starts over
        if (
            fragment.embedding is not None
            and self.embedder is not None
            and self.embedder.multilingual
        ):
            self.observe_embedding(
                fragment.languages, fragment.embedding, fragment.size - fragment.short
            )
        self.story_of[fragment.id] = story_id
        self.taken.add(story_id)
        slot = self._slot(fragment.id)
        self._times.set(slot, fragment)
        for term in fragment.vector:
            self.index[term].add(slot)

    def forget_before(self, cutoff: datetime, keep: set[str] | None = None) -> list[str]:
        """Drop fragments quiet since before ``cutoff`` (except ``keep``): no new dated
        article can join them."""
        keep = keep or set()
        gone = [
            f.id
            for f in self.fragments.values()
            if f.seen is not None and f.seen < cutoff and f.id not in keep
        ]
        for fid in gone:
            fragment = self.fragments.pop(fid)
            self.story_of.pop(fid, None)
            self._heavy_terms.pop(fid, None)
            slot = self._slots.pop(fid)
            for term in fragment.vector:
                self._unindex(slot, term)
            self._free_slots.append(slot)
        return gone


def load_embedder(mode: str = "auto") -> Embedder | None:
    """The sentence-embedding model of the semantic or multilingual extra, or None.

    ``mode`` is the ``semantic`` setting: ``off``; ``auto`` uses the semantic extra's model
    when it is installed; ``on`` requires it; ``multilingual`` requires the multilingual
    extra's (never chosen by itself: it reads every full text, about 0.3 s of a core each).
    The model is loaded once per process.
    """
    if mode == "off":
        return None
    if mode not in _EMBEDDERS:
        _EMBEDDERS[mode] = _load(mode)
    return _EMBEDDERS[mode]


_EMBEDDERS: dict[str, Embedder | None] = {}


def _load(mode: str) -> Embedder | None:
    from newsbrief import semantic

    kind: Callable[[], Embedder]
    kind = semantic.E5Embedder if mode == "multilingual" else semantic.MiniLMEmbedder
    try:
        return kind()
    except (ImportError, OSError) as exc:
        if mode == "multilingual":
            raise RuntimeError(
                "semantic = multilingual, but the multilingual extra is not installed "
                "(pip install 'newsbrief[multilingual]')"
            ) from exc
        if mode == "on":
            raise RuntimeError(
                "semantic = on, but the semantic extra is not installed "
                "(pip install torch==2.13.0 'newsbrief[semantic]')"
            ) from exc
    return None
