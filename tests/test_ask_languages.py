"""Questions asked in other languages: the question word is read in English, the rest is
searched for as asked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsbrief.ask.answers import ask
from newsbrief.ask.languages import english_question
from newsbrief.ingest.files import make_article
from newsbrief.store import Store
from newsbrief.stories.pipeline import process

NOW = datetime(2026, 12, 6, 12, tzinfo=UTC)
BUDGET = (
    "Haushalt 2025: Lindner verteidigt Sparkurs",
    "Nach der Abstimmung im Bundestag verteidigte Finanzminister Christian Lindner den "
    "Haushalt für 2025. Die Ausgaben seien solide finanziert, sagte Lindner am Freitag in "
    "Berlin. Die Opposition sprach von einem Haushalt der Kürzungen. Der Bundesrat muss dem "
    "Etat noch zustimmen.",
)


def test_question_words_in_english_and_function_words_dropped():
    assert english_question("Wer ist der Finanzminister?") == "who Finanzminister?"
    assert english_question("Wie viele Menschen wurden evakuiert?").startswith("how many")
    assert english_question("¿Cuándo llegó el huracán a Cuba?").startswith("when")
    assert english_question("Wie is de burgemeester van Amsterdam?").startswith("who")  # Dutch
    assert english_question("Где прошла встреча?").startswith("where")


def test_english_questions_are_unchanged():
    for question in ("Who won the election?", "What did Merkel say about the heist?"):
        assert english_question(question) == question


def test_a_german_question_about_a_german_story_is_answered(tmp_path):
    with Store(tmp_path / "s.db") as store:
        article = make_article(
            article_id="de1",
            title=BUDGET[0],
            text=BUDGET[1],
            url="https://example.de/1",
            source="example.de",
            published=NOW - timedelta(days=1),
            seen_at=NOW,
        )
        article.language = "de"
        store.add_article(article)
        process(store, embedder=False)
        answer = ask(store, "Wer ist der Finanzminister?", now=NOW)
    assert answer.found
    assert answer.question == "Wer ist der Finanzminister?"
    assert "Lindner" in " ".join(s.text for s in answer.answer)
