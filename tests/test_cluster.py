from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsbrief.models import Article
from newsbrief.store import Store
from newsbrief.stories.pipeline import process
from newsbrief.text.tokens import stem

T0 = datetime(2024, 3, 4, 8, tzinfo=UTC)
WIRE = (
    "Armed robbers disguised as women stole jewels worth 85 million euros from the Harry "
    "Winston store on Avenue Montaigne in central Paris on Thursday, police said. The four men "
    "entered the shop shortly before closing time, forced staff to open display cases and fled "
    "with rings, necklaces and watches. Police said no one was hurt in the robbery, one of the "
    "largest jewellery thefts in French history."
)


def article(
    aid: str,
    title: str,
    text: str,
    when: datetime | None,
    source: str = "x",
    seen: datetime | None = None,
) -> Article:
    from newsbrief.ingest.files import make_article

    if seen is None:  # imported a month after T0, or when it was published if later
        seen = max(T0 + timedelta(days=30), when or T0)

    return make_article(
        article_id=aid,
        title=title,
        text=text,
        url=f"https://{source}/{aid}",
        source=source,
        published=when,
        seen_at=seen,
    )


def cluster(store: Store, articles: list[Article]) -> dict[str, str]:
    for a in articles:
        store.add_article(a)
    process(store, embedder=False)
    return store.story_of([a.id for a in articles])


def test_syndicated_copies_are_one_report(tmp_path):
    with Store(tmp_path / "s.db") as store:
        copies = [
            article("w1", "Robbers steal $100m of jewels in Paris", WIRE, T0, "wire.com"),
            article("w2", "Robbers steal $100m of jewels in Paris", WIRE, T0, "paper-a.com"),
            article(
                "w3", "Paris jewel heist nets robbers millions", WIRE + " Updated.", T0, "b.com"
            ),
        ]
        stories = cluster(store, copies)
        assert len(set(stories.values())) == 1
        reports = store.report_ids(["w1", "w2", "w3"])
        assert reports == {"w1": "w1", "w2": "w1", "w3": "w1"}


def test_a_story_growing_over_three_days_keeps_its_id(tmp_path):
    day = [
        ("Earthquake of magnitude 6.1 strikes Qeshm island in Iran",
         "An earthquake of magnitude 6.1 struck Qeshm island in southern Iran, killing at least "
         "ten people in the villages of Qeshm and destroying hundreds of homes, officials said."),
        ("Qeshm earthquake death toll rises as rescuers search villages",
         "Rescuers searched the rubble of villages on Qeshm island in southern Iran after the "
         "magnitude 6.1 earthquake; the death toll rose to thirteen, the Red Crescent said."),
        ("Iran sends aid to Qeshm island after deadly earthquake",
         "Iran sent tents, food and medical teams to Qeshm island where the magnitude 6.1 "
         "earthquake destroyed homes and killed thirteen people in several villages."),
    ]  # fmt: skip
    path = tmp_path / "s.db"
    ids = []
    for n, (title, text) in enumerate(day):
        with Store(path) as store:  # a separate run each day
            stories = cluster(store, [article(f"q{n}", title, text, T0 + timedelta(days=n))])
            ids.append(stories[f"q{n}"])
    assert ids[0] == ids[1] == ids[2]
    with Store(path) as store:
        [story] = store.stories()
        assert story.article_ids == ["q0", "q1", "q2"]


QUAKE_A = [
    ("Magnitude 6.1 earthquake strikes Qeshm island in southern Iran",
     "An earthquake of magnitude 6.1 struck Qeshm island in the Strait of Hormuz on Sunday, "
     "killing at least ten people in the villages of Tourian and Ramkan, the governor of "
     "Hormozgan province said."),
    ("Qeshm quake kills ten, flattens villages",
     "Ten people died when a 6.1-magnitude quake hit Qeshm island, Iranian state television "
     "said, and rescue teams from Bandar Abbas reached Tourian and Ramkan by boat."),
    ("Rescuers reach Tourian after Qeshm earthquake",
     "Red Crescent teams from Bandar Abbas reached Tourian, the village on Qeshm island worst "
     "hit by Sunday's magnitude 6.1 earthquake, the Hormozgan governor said."),
]  # fmt: skip
QUAKE_B = [
    ("Earthquake of magnitude 5.4 hits Bam region in Kerman province",
     "A magnitude 5.4 earthquake struck near Bam in Kerman province in south-eastern Iran on "
     "Sunday, injuring 24 people and damaging the old citadel, the Kerman governor said."),
    ("Bam quake injures 24 in Kerman",
     "Twenty-four people were injured when a 5.4-magnitude quake shook Bam, in Kerman "
     "province, and cracked walls of the Arg-e Bam citadel, Iranian officials said."),
    ("Kerman governor: Bam earthquake damaged citadel",
     "The Kerman governor said the magnitude 5.4 earthquake near Bam damaged the Arg-e Bam "
     "citadel and injured 24 people; rescue teams from Kerman reached the town."),
]  # fmt: skip


def test_look_alike_events_stay_apart(tmp_path):
    """Two earthquakes in Iran on the same day: same kind of event, different places."""
    items = []
    for n, (a, b) in enumerate(zip(QUAKE_A, QUAKE_B, strict=True)):
        items.append(article(f"a{n}", *a, T0 + timedelta(hours=n)))
        items.append(article(f"b{n}", *b, T0 + timedelta(hours=n, minutes=30)))
    with Store(tmp_path / "s.db") as store:
        stories = cluster(store, items)
    assert len({stories[f"a{n}"] for n in range(3)}) == 1
    assert len({stories[f"b{n}"] for n in range(3)}) == 1
    assert stories["a0"] != stories["b0"]


@pytest.mark.parametrize(
    "title,text",
    [
        ("Breaking news", ""),
        ("Live updates", ""),
        ("Update", ""),
        ("", "x"),
        ("Séisme: la terre tremble sur l'île de Qeshm", "Un séisme a frappé l'île de Qeshm."),
        ("地震", "伊朗南部发生地震"),
    ],
)
def test_odd_items_do_not_corrupt_stories(tmp_path, title, text):
    heist = [
        article("h1", "Robbers steal jewels worth 85 million euros in Paris", WIRE, T0),
        article("h2", "Paris jewellery heist: robbers dressed as women", WIRE[:300], T0),
    ]
    with Store(tmp_path / "s.db") as store:
        base = cluster(store, heist)
        odd = article("odd", title or text, text, T0 + timedelta(hours=1))
        stories = cluster(store, [odd])
        assert stories["odd"] != base["h1"]  # nothing in common: its own story
        assert store.story_of(["h1", "h2"]) == base


def test_a_date_years_ahead_leaves_the_article_undated_and_it_clusters(tmp_path):
    seen = T0 + timedelta(days=30)
    with Store(tmp_path / "s.db") as store:
        a = article("f1", "Robbers steal jewels worth 85 million euros in Paris", WIRE,
                    seen + timedelta(days=3650), seen=seen)  # fmt: skip
        assert a.published is None  # not its import time: that would show it as breaking news
        stories = cluster(store, [a])
        assert "f1" in stories


def test_a_date_hours_ahead_is_a_clock_slip_and_becomes_the_import_time():
    seen = T0 + timedelta(days=30)
    a = article("f2", "Robbers steal jewels in Paris", WIRE, seen + timedelta(hours=5), seen=seen)
    assert a.published == seen
    b = article("f3", "Robbers steal jewels in Paris", WIRE, seen - timedelta(hours=5), seen=seen)
    assert b.published == seen - timedelta(hours=5)


def test_an_event_of_the_same_kind_weeks_later_is_a_new_story(tmp_path):
    first = article("e1", "Fire destroys Waitrose supermarket in Wellington",
                    "A fire destroyed the Waitrose supermarket in Wellington, Somerset, on "
                    "Sunday; firefighters fought the blaze for hours.", T0)  # fmt: skip
    later = article("e2", "Fire destroys Waitrose supermarket in Banstead",
                    "A fire destroyed the Waitrose supermarket in Banstead, Surrey, on Monday; "
                    "firefighters fought the blaze for hours.",
                    T0 + timedelta(days=40))  # fmt: skip
    with Store(tmp_path / "s.db") as store:
        stories = cluster(store, [first, later])
    assert stories["e1"] != stories["e2"]


HEIST_A = [
    ("Robbers dressed as women steal jewels from Harry Winston in Paris",
     "Four armed robbers, some disguised as women, stole jewels worth 85 million euros from the "
     "Harry Winston store on Avenue Montaigne in Paris, police said. The robbers forced staff "
     "to open the display cases of rings, necklaces and watches and fled."),
    ("Harry Winston robbed of 85 million euros in jewels",
     "Police in Paris said robbers wearing wigs and women's clothing stole 85 million euros of "
     "rings, necklaces and watches from the Harry Winston jewellery store on Avenue Montaigne."),
    ("Paris police hunt gang that robbed Harry Winston",
     "Detectives in Paris are hunting four robbers who disguised themselves as women to steal "
     "85 million euros of jewels from the Harry Winston store on Avenue Montaigne, police said."),
]  # fmt: skip
HEIST_B = [
    ("Thieves ram car into Paris jewellery store on Place Vendome",
     "Thieves rammed a car through the window of a jewellery store on Place Vendome in Paris "
     "and stole rings, necklaces and watches worth 2 million euros, police said. The thieves "
     "set fire to the car and fled on motorbikes."),
    ("Ram-raid on Place Vendome jeweller nets 2 million euros",
     "Police in Paris said thieves drove a car into a jewellery store on Place Vendome, grabbed "
     "rings, necklaces and watches worth 2 million euros and escaped on motorbikes."),
    ("Paris police seek motorbike gang after Vendome ram-raid",
     "Detectives in Paris are looking for thieves who rammed a car into a Place Vendome "
     "jewellery store, stole 2 million euros of jewels and set the car on fire, police said."),
]  # fmt: skip


def test_look_alike_events_with_headline_only_items_stay_apart(tmp_path):
    """Two Paris jewel raids, undated (years apart), each with full texts, plus headlines that
    fit either: the full-text stories stay apart."""
    items = [article(f"a{n}", *item, None) for n, item in enumerate(HEIST_A)]
    items += [article(f"b{n}", *item, None) for n, item in enumerate(HEIST_B)]
    shorts = [
        ("a-short1", "Robbers steal jewels from Paris jewellery store"),
        ("a-short2", "Paris jewellery store robbed of rings and watches"),
        ("b-short1", "Robbers steal jewels from jewellery store in Paris"),
        ("b-short2", "Paris jewellery store robbed: rings, watches stolen"),
    ]
    items += [article(aid, title, "", None) for aid, title in shorts]
    with Store(tmp_path / "s.db") as store:
        stories = cluster(store, items)
    assert len({stories[f"a{n}"] for n in range(3)}) == 1
    assert len({stories[f"b{n}"] for n in range(3)}) == 1
    assert stories["a0"] != stories["b0"]


CLIMB_A = [
    "A British climber died on Mt Cook on Tuesday after a fall near Mount Sefton bivvy, police "
    "said. Inspector Dave Gaskin said Robert Buckley, 32, fell about 300 metres while climbing "
    "with a friend, who raised the alarm from Mt Cook Village.",
    "Rescuers recovered the body of Robert Buckley from Mt Cook on Wednesday. Dave Gaskin said "
    "the weather had made the recovery slow and that the climber was experienced.",
    "Police named the climber killed on Mt Cook as Robert Buckley. Gaskin said the fall "
    "happened in steep terrain below Mount Sefton and the alpine rescue team was called.",
]
CLIMB_B = [
    "Police Inspector Dave Gaskin said the man who died in Aoraki Mount Cook National Park was "
    "Mr Buckley, an English climber living in New Zealand, who fell on Tuesday afternoon near "
    "the Sefton bivvy.",
    "The climber who fell to his death in Aoraki Mount Cook National Park was named as Mr "
    "Buckley. Police Inspector Dave Gaskin said a helicopter crew found him on Wednesday.",
    "A climbing accident in Aoraki Mount Cook National Park killed Mr Buckley, police said. "
    "Inspector Gaskin said the pair had set out from the Sefton hut early on Tuesday.",
]
CLIMB_C = [
    "A French climber died on Mont Blanc on Tuesday after a fall near the Gouter hut, police in "
    "Chamonix said. Captain Jean Dupont said Pierre Martin, 41, fell about 300 metres while "
    "climbing with a friend.",
    "Rescuers recovered the body of Pierre Martin from Mont Blanc on Wednesday. Jean Dupont said "
    "the weather had made the recovery slow and that the climber was experienced.",
    "Police in Chamonix named the climber killed on Mont Blanc as Pierre Martin. Dupont said the "
    "fall happened in steep terrain below the Gouter hut.",
]


def test_the_names_check_matches_the_variants_of_a_name():
    """Reports write one name many ways ("Mt Cook", "Aoraki Mount Cook National Park"; "Dave
    Gaskin", "Police Inspector Dave Gaskin"): the names check compares the words of names, so
    two groups of one event pass it, while a look-alike event elsewhere does not."""
    from newsbrief.stories.cluster import Group, StreamingClusterer, features

    clusterer = StreamingClusterer()
    sets = {"a": CLIMB_A, "b": CLIMB_B, "c": CLIMB_C}
    items = {
        k: [article(f"{k}{n}", t[:60], t, T0) for n, t in enumerate(v)] for k, v in sets.items()
    }
    for group_items in items.values():
        for item in group_items:
            clusterer.observe(features(item))

    def group(key: str) -> Group:
        out = Group(id=key)
        for item in items[key]:
            out.absorb(clusterer.single(item, features(item)))
        return out

    a, b, c = group("a"), group("b"), group("c")
    assert clusterer._names_factor(a, b) == 1.0
    assert clusterer._names_factor(a, c) < 0.5


CHALLENGER = (
    "The space shuttle Challenger blew apart 73 seconds after it lifted off from the Kennedy "
    "Space Center in Florida on Tuesday morning, killing its crew of seven. NASA said it had no "
    "indication of what went wrong and suspended all shuttle flights."
)
COLUMBIA = (
    "The space shuttle Columbia broke apart over Texas on Saturday morning, 16 minutes before it "
    "was due to land at the Kennedy Space Center, killing the seven astronauts aboard. NASA "
    "grounded the remaining shuttles."
)
CHALLENGER_LATER = (
    "President Ronald Reagan spoke to the nation about the loss of the shuttle Challenger and "
    "said the space programme would go on, with more shuttle flights and more crews."
)


def test_a_lone_report_whose_headline_names_its_own_is_held_apart():
    """The first reports of two look-alike events are written alike; each headline names its
    own ("Challenger", "Columbia") and the other side never mentions it: their closeness
    counts half, alone or beside a group. A later report of one event names the first one's
    shuttle: it counts whole."""
    from newsbrief.stories.cluster import StreamingClusterer, _names_apart, features

    clusterer = StreamingClusterer()
    items = [
        article("a", "Space shuttle Challenger explodes after liftoff", CHALLENGER, None),
        article("b", "Shuttle Columbia breaks up over Texas", COLUMBIA, None),
        article("c", "Reagan mourns Challenger crew", CHALLENGER_LATER, None),
    ]
    raws = [features(item) for item in items]
    for raw in raws:
        clusterer.observe(raw)
    a, b, c = (clusterer.single(item, raw) for item, raw in zip(items, raws, strict=True))
    assert a.headline_names == {stem("challenger")}
    assert b.headline_names == {stem("columbia")}  # "Texas" is a common word in English
    held, joined = clusterer.affinity(a, b), clusterer.affinity(a, c)
    clusterer.params = replace(clusterer.params, names_apart=1.0)
    assert clusterer.affinity(a, b) >= 1.0 > held
    assert held == pytest.approx(0.5 * clusterer.affinity(a, b))
    assert clusterer.affinity(a, c) == joined
    # A group of the first event's reports and the other event's lone report: the same.
    group = a.copy()
    group.absorb(c)
    assert group.headline_names == {stem("challenger")}
    assert _names_apart(group, b) and _names_apart(b, group)
    assert not _names_apart(a, c)


def test_a_grown_story_is_scored_again_before_weaker_pairs():
    """A headline that names only the story's subject is far from each tight cluster of
    paraphrases but close to the story they form: it joins that story, not another headline
    that shares two words with it a little more than it shares with each cluster."""
    from newsbrief.stories.cluster import Group, StreamingClusterer

    def headlines(gid: str, size: int, weights: dict[str, float]) -> Group:
        norm = sum(w * w for w in weights.values()) ** 0.5
        unit = {t: w / norm for t, w in weights.items()}
        vector = {t: size * w for t, w in unit.items()}
        return Group(id=gid, vector=vector, norm2=size * size, size=size, short=size)

    clusterer = StreamingClusterer()
    groups = [
        headlines("f1", 3, {"snowden": 0.6, "sxsw": 0.8}),  # three identical headlines
        headlines("f2", 3, {"snowden": 0.6, "encryption": 0.8}),
        headlines("x", 1, {"snowden": 0.2, "praise": 0.693, "privacy": 0.693}),
        headlines("y", 1, {"praise": 0.094, "privacy": 0.094, "brussels": 0.991}),
    ]
    for group in groups:
        clusterer.load_fragment(group, "s" + group.id)
    f1, f2, x, y = groups
    assert clusterer.affinity(x, f1) < 1 <= clusterer.affinity(x, y)
    together = f1.copy("f12")
    together.absorb(f2)
    assert clusterer.affinity(x, together) > clusterer.affinity(x, y)
    formed = sorted(sorted(g) for g in clusterer._agglomerate(["f1", "f2", "x", "y"]))
    assert formed == [["f1", "f2", "x"], ["y"]]


def test_two_headlines_sharing_one_word_are_not_one_story(tmp_path):
    items = [
        article("a", "Snowden Inc.", "", T0),
        article("b", "Netflix, Inc. shares climb", "", T0 + timedelta(minutes=5)),
        article("c", "Snowden speaks at SXSW festival", "", T0 + timedelta(minutes=10)),
        article("d", "Snowden speaks to SXSW festival by video", "", T0 + timedelta(minutes=15)),
    ]
    with Store(tmp_path / "s.db") as store:
        stories = cluster(store, items)
    assert stories["a"] != stories["b"]
    assert stories["c"] == stories["d"]


def test_two_headlines_sharing_an_events_own_word_are_one_story(tmp_path):
    # One word that English keeps for one thing (a bank's name, "tsunami") is what headlines
    # of one event share most often; one everyday word ("final", "shares") is a coincidence.
    items = [
        article("a", "Lehman Brothers files for bankruptcy", "", T0),
        article("b", "Barclays buys Lehman business", "", T0 + timedelta(minutes=30)),
        article("c", "Orchestra plays its final concert", "", T0 + timedelta(minutes=40)),
        article("d", "Cup final goes to extra time", "", T0 + timedelta(minutes=50)),
    ]
    with Store(tmp_path / "s.db") as store:
        stories = cluster(store, items)
    assert stories["a"] == stories["b"]
    assert stories["c"] != stories["d"]


def test_two_headlines_sharing_a_weekday_are_not_one_story(tmp_path):
    # A capitalised weekday is read as a term and as a name ("thursday", "@thursday"): two
    # things in common, as the rule asks, that any two events of one week may have.
    items = [
        article("a", "Storm closes schools Thursday", "", T0),
        article("b", "Thursday vote on budget delayed", "", T0 + timedelta(minutes=20)),
    ]
    with Store(tmp_path / "s.db") as store:
        stories = cluster(store, items)
    assert stories["a"] != stories["b"]


def test_a_possessive_is_the_name_however_short():
    # "GM's" once became "gm'", so "GM's recall" and "GM recall" shared only "recall".
    assert stem("gm's") == "gm" == stem("gm")
    assert stem("snowden's") == "snowden"
    assert stem("investors'") == stem("investors") == "investor"
    assert stem("quakes") == "quake" and stem("press") == "press"


HEADLINES = [
    "Stocks fall as investors weigh Fed rate outlook",
    "Earthquake shakes Tokyo, no tsunami warning issued",
    "Apple unveils new iPhone at California event",
    "Oil prices climb after OPEC output cut",
    "Police arrest suspect in Paris jewel robbery",
]


def test_a_full_text_weighs_its_words_the_same_however_many_headlines_are_counted():
    """How many headline-only items a store holds must not change a full text's weights."""
    from newsbrief.stories.cluster import StreamingClusterer, features

    def weights(copies: int) -> dict[str, float]:
        clusterer = StreamingClusterer()
        reports = [article(f"q{i}", t, x, T0) for i, (t, x) in enumerate(QUAKE_A + QUAKE_B)]
        for item in reports:
            clusterer.observe(features(item), short=False)
        for n in range(copies):
            for i, title in enumerate(HEADLINES):
                clusterer.observe(features(article(f"h{n}.{i}", title, "", T0)), short=True)
        return clusterer.vector(features(reports[0]))

    few, many = weights(40), weights(400)
    assert few.keys() == many.keys()
    for term, weight in few.items():
        assert many[term] == pytest.approx(weight, rel=1e-9), term


def test_a_kind_seen_only_a_few_times_borrows_the_other_kinds_frequencies():
    from newsbrief.stories.cluster import KIND_PRIOR_DOCS, StreamingClusterer

    clusterer = StreamingClusterer()
    for n in range(200):
        clusterer.observe({"quake": 1.0, f"word{n}": 1.0}, short=False)
    clusterer.observe({"quake": 1.0}, short=True)
    # One headline says nothing of how common "quake" is among headlines: the full texts'
    # frequency (every one of them) weighs KIND_PRIOR_DOCS documents' worth.
    expected = math.log((1 + 1 + KIND_PRIOR_DOCS) / (1 + 1 + KIND_PRIOR_DOCS)) + 1.0
    assert clusterer.idf("quake", short=True) == pytest.approx(expected)
    assert clusterer.idf("word7", short=True) > clusterer.idf("quake", short=True)


def test_the_demo_stories_are_the_same_among_a_thousand_headlines(tmp_path, shared_data):
    """The demo corpus's full texts, alone and streamed after a thousand real headline-only
    items (UCI): each report lands with the same reports either way."""
    from newsbrief.demo import corpus_path
    from newsbrief.stories.actions import cluster_file

    demo = corpus_path().read_text(encoding="utf-8").splitlines()
    headlines = (shared_data / "uci-news-dev.jsonl").read_text(encoding="utf-8").splitlines()
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join(headlines[:1000] + demo) + "\n", encoding="utf-8")

    def partition(file) -> set[frozenset[str]]:
        with Store(tmp_path / f"{file.stem}.db") as store:
            stories = dict(cluster_file(store, file, False))
        ids = {json.loads(line)["id"] for line in demo}
        groups: dict[str, set[str]] = {}
        for article_id, story in stories.items():
            if article_id in ids:
                groups.setdefault(story, set()).add(article_id)
        return {frozenset(g) for g in groups.values()}

    alone = partition(corpus_path())
    assert len(alone) > 10
    assert partition(mixed) == alone


def test_an_idf_asked_for_follows_the_counts_when_they_change():
    from newsbrief.stories.cluster import StreamingClusterer

    clusterer = StreamingClusterer()
    for n in range(10):
        clusterer.observe({"quake": 1.0, f"word{n}": 1.0})
    before = clusterer.idf("quake")
    assert clusterer.idf("quake") == before  # asked again: the same figure
    for n in range(10):
        clusterer.observe({f"other{n}": 1.0})
    assert clusterer.idf("quake") > before  # rarer among more documents
    clusterer.df = {"quake": 1}  # counts restored from a store replace the ones seen
    assert clusterer.idf("quake") == pytest.approx(math.log(21 / 2) + 1.0)


def test_no_demo_story_mixes_events_of_different_years(tmp_path):
    """Each topic of the demo corpus holds two events of one kind in different years (labels
    ``N_ecb`` and ``N_ecbplus``): no story of the demo may hold reports of both."""
    from newsbrief.demo import corpus_path
    from newsbrief.stories.actions import cluster_file

    rows = [json.loads(line) for line in corpus_path().read_text(encoding="utf-8").splitlines()]
    label = {row["id"]: row["label"] for row in rows}
    with Store(tmp_path / "demo.db") as store:
        stories = dict(cluster_file(store, corpus_path(), False))
    labels: dict[str, set[str]] = {}
    for article_id, story in stories.items():
        labels.setdefault(story, set()).add(label[article_id])
    assert len(labels) > 10
    assert [sorted(found) for found in labels.values() if len(found) > 1] == []


def test_two_small_groups_assume_the_cohesion_of_two_reports_of_one_event():
    """A lone report judged against an established story assumes a story's mean similarity;
    two groups both too small to measure assume that of two reports of one event, which two
    look-alike events' reports seldom reach."""
    from newsbrief.stories.cluster import Group, Params, StreamingClusterer

    params = Params()
    clusterer = StreamingClusterer(params)
    lone = Group(id="a", size=1, norm2=1.0)
    story = Group(id="s", size=20, norm2=20 + 2 * 190 * 0.35)  # 190 pairs at 0.35 on average
    assert clusterer.cohesion(lone, lone) == pytest.approx(params.prior_pair)
    assert clusterer.cohesion(lone) == pytest.approx(params.prior_cohesion)
    assert clusterer.cohesion(lone, story) == pytest.approx(params.prior_cohesion, abs=0.002)
    # An established story's own cohesion is measured, whoever it is compared with.
    assert clusterer.cohesion(story, lone) == pytest.approx(clusterer.cohesion(story), abs=0.002)
    assert clusterer.cohesion(story) == pytest.approx(0.35, abs=0.003)


def test_words_english_uses_for_anything_are_no_ones_name():
    """The names check compares the words of names that say whose and where: a weekday, a
    title or a word opening a sentence is as common to two look-alike events as to one."""
    from newsbrief.stories.cluster import features, specific

    for word in ("saturday", "president", "however", "police", "general"):
        assert not specific(word), word
    for word in ("klitschko", "thompson", "rahman", "qeshm", "dargahan"):
        assert specific(word), word
    item = article(
        "k1",
        "Klitschko stops Thompson to keep his titles",
        "Wladimir Klitschko stopped Tony Thompson in the sixth round on Saturday in Berne. "
        "However, Thompson said he would fight on. President Vitali Klitschko watched. "
        + "The champion dominated the fight from the first bell. "
        * 4,
        T0,
    )
    found = features(item)
    assert {"#klitschko", "#thompson", "#wladimir"} <= set(found)
    assert not {"#saturday", "#however", "#president"} & set(found)


@pytest.mark.parametrize(
    "text,published,expected",
    [
        ("Reid, who was in rehab in 2005, checked in again in 2008.", None, 2008),
        # A later year than the report's own is a plan, not a date.
        (
            "He signed a deal in 2008 that runs through 2016.",
            datetime(2008, 12, 23, tzinfo=UTC),
            2008,
        ),
        ("Nothing dated here, only $2,013 and model 2013-X and 1.2013.", None, None),
        ("The 2013 season opener; the team last won in 1999.", None, 2013),
    ],
)
def test_the_latest_year_a_report_names_up_to_its_own(text, published, expected):
    from newsbrief.stories.cluster import latest_year

    item = article("y1", "Title", text, published)
    assert latest_year(text, item) == expected


def test_a_similarity_file_is_read_as_labelled_articles(tmp_path):
    """Every text of a rated-pairs file is an undated article; texts joined by pairs rated as
    one event share a label, through chains of pairs; every other text stands alone."""
    from newsbrief.eval.clustering import load_labelled, pairwise

    def side(title: str) -> dict[str, str]:
        return {"title": title, "text": title + " " + "words " * 30}

    rows = [
        {
            "id": "1_2",
            "lang_a": "en",
            "lang_b": "en",
            "a": side("A"),
            "b": side("B"),
            "overall": 1.0,
        },
        {
            "id": "2_3",
            "lang_a": "en",
            "lang_b": "de",
            "a": side("B"),
            "b": side("C"),
            "overall": 2.0,
        },
        {
            "id": "4_5",
            "lang_a": "en",
            "lang_b": "en",
            "a": side("D"),
            "b": side("E"),
            "overall": 3.5,
        },
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    articles = {r["id"]: r for r in load_labelled(path)}
    assert sorted(articles) == ["1", "2", "3", "4", "5"]
    assert articles["1"]["label"] == articles["2"]["label"] == articles["3"]["label"]
    assert len({articles[k]["label"] for k in "345"}) == 3
    assert articles["3"]["language"] == "de" and articles["1"]["published"] is None
    # Pairwise: two look-alike pairs merged cost little in B-cubed and half the precision.
    gold = ["x", "x", "y", "y"]
    assert pairwise(gold, ["s", "s", "s", "s"]) == {"precision": round(2 / 6, 4), "recall": 1.0}
    assert pairwise(gold, ["s", "t", "u", "v"]) == {"precision": 1.0, "recall": 0.0}


def test_eval_clustering_scores_pairs_per_file_alone_and_mixed(tmp_path):
    from click.testing import CliRunner

    from newsbrief.cli import cli

    quakes = [
        {"id": f"q{n}", "title": title, "text": text, "label": "quake", "published": None}
        for n, (title, text) in enumerate(QUAKE_A)
    ]
    pairs = [
        {
            "id": "7_8",
            "lang_a": "en",
            "lang_b": "en",
            "a": {"title": "Robbers steal jewels in Paris", "text": WIRE},
            "b": {"title": "Paris jewel raid", "text": WIRE.replace("Thursday", "Friday")},
            "overall": 1.0,
        }
    ]
    first, second = tmp_path / "quakes.jsonl", tmp_path / "pairs.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in quakes), encoding="utf-8")
    second.write_text("".join(json.dumps(r) + "\n" for r in pairs), encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["eval", "clustering", str(first), str(second), "--json", "--semantic", "off"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    by_name = {Path(f["file"]).name: f for f in report["files"]}
    assert by_name["pairs.jsonl"]["articles"] == 2
    for entry in report["files"]:
        assert set(entry["pairs"]) == {"alone", "mixed"}
        assert entry["pairs"]["mixed"]["precision"] == 1.0


STORM = [
    ("Hurricane strikes Louisiana coast, New Orleans floods",
     "A hurricane came ashore in southeast Louisiana, flooding parts of New Orleans and "
     "cutting power to hundreds of thousands of homes, officials said. Levees were tested as "
     "the storm surge pushed into coastal towns, and residents were told to stay off the roads."),
    ("New Orleans under water as hurricane passes",
     "Water rose in the streets of New Orleans after a hurricane struck the Louisiana coast, "
     "cutting power to hundreds of thousands of homes. Officials told residents to stay off "
     "the roads while the storm surge receded from coastal towns."),
]  # fmt: skip


def test_undated_reports_do_not_bridge_dated_reports_years_apart(tmp_path):
    """Two hurricanes over one city sixteen years apart, each reported by dated reports, and
    undated reports that fit either: whatever joins the undated ones, the dated reports of the
    two years never end in one story."""
    old, new = datetime(2005, 8, 29, 18, tzinfo=UTC), datetime(2021, 8, 30, 4, tzinfo=UTC)
    items = [article(f"old{n}", *r, old + timedelta(hours=n)) for n, r in enumerate(STORM)]
    items += [article(f"new{n}", *r, new + timedelta(hours=n)) for n, r in enumerate(STORM)]
    items += [article(f"undated{n}", *report, None) for n, report in enumerate(STORM * 2)]
    with Store(tmp_path / "s.db") as store:
        stories = cluster(store, items)
    assert {stories["old0"], stories["old1"]}.isdisjoint({stories["new0"], stories["new1"]})


def test_a_figure_is_one_term_whole():
    """A magnitude, a rate, a time of day or a version is one term: cut at its points, every
    figure shared its pieces ("8", "000") and two quakes of 7.8 and 7.3 shared "7"."""
    from newsbrief.stories.cluster import _terms

    terms = _terms("A 7.8 quake at 3:32 killed 8,000; rates of 0.25 to 0.5; iOS 7.0.6 and 2,4.")
    assert {"7.8", "3:32", "8000", "0.25", "0.5", "7.0.6", "2,4"} <= set(terms)
    assert not {"8", "000", "32", "25"} & set(terms)


def test_full_texts_of_one_event_fade_little_within_the_window():
    """Full texts name the people, places and figures of their event: a report two and a half
    days after the first (a toll risen, a funeral) is as recognisable as one on the day, so
    closeness fades by a factor e per nine days, not per three (within the 72-hour window)."""
    from newsbrief.stories.cluster import StreamingClusterer, features, is_short

    clusterer = StreamingClusterer()
    first = article("f0", *QUAKE_A[0], T0)
    for a in (first, *(article(f"o{n}", *r, None) for n, r in enumerate(QUAKE_B))):
        clusterer.observe(features(a), is_short(a))

    def closeness(hours: float) -> float:
        later = article("f1", *QUAKE_A[1], T0 + timedelta(hours=hours))
        a, b = (clusterer.single(x, features(x)) for x in (first, later))
        return clusterer.affinity(a, b)

    assert closeness(60) / closeness(0) == pytest.approx(math.exp(-60 / 216), rel=1e-6)
    assert closeness(60) / closeness(0) > 0.75  # per three days: 0.43
    assert closeness(73) == 0.0  # the window still bounds it
