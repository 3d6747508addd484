"""The answer check of `newsbrief eval ask`: the accepted answer, cited to the right story."""

from __future__ import annotations

import json

import pytest

from newsbrief.ask.results import Answer
from newsbrief.eval.ask import answered_right, evaluate_ask, load_questions, normal
from newsbrief.models import Sentence


def test_numbers_names_and_punctuation_compare_as_written():
    assert normal("$30, 000") == normal("30,000") == " 30000 "
    assert normal("O 'Brien") == normal("O’Brien")
    assert " 9 3 " in normal("deadlocked at 9-3.")
    assert normal("8.49") in normal("alerted at 8.49pm.") and normal("7") not in normal("7pm1")


def test_an_answer_counts_only_with_the_answer_and_the_right_story_in_one_sentence():
    answer = Answer(
        question="Where did she go to rehab?",
        found=True,
        answer=[
            Sentence("She checked into the Betty Ford Center.", ["other-event"]),
            Sentence("Her lawyer spoke in court on Thursday.", ["gold-1"]),
        ],
    )
    assert not answered_right(answer, ["Betty Ford"], {"gold-1", "gold-2"})
    answer.answer.append(Sentence("She is at Betty Ford, a source said.", ["x", "gold-2"]))
    assert answered_right(answer, ["Betty Ford"], {"gold-1", "gold-2"})
    assert not answered_right(answer, ["Promises"], {"gold-1", "gold-2"})


def test_a_question_file_with_a_bad_line_is_refused(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "1", "question": "Who?", "story": null}\nnot json\n')
    with pytest.raises(ValueError, match=r"q\.jsonl:2: invalid JSON"):
        load_questions(path)
    path.write_text('{"id": "1", "question": "Who?"}\n')
    with pytest.raises(ValueError, match="line 1"):
        load_questions(path)


def test_answer_and_decline_accuracy_by_split(tmp_path):
    archive = tmp_path / "a.jsonl"
    rows = [
        {"id": "h1", "title": "Harbour board approves budget", "label": "harbour",
         "text": "The harbour board approved a budget of 12 million euros on Monday, its chair "
                 "Anna Berg said."},
        {"id": "f1", "title": "Ferry workers strike over pay", "label": "ferry",
         "text": "Ferry workers went on strike on Tuesday over pay, the union said."},
    ]  # fmt: skip
    archive.write_text("\n".join(json.dumps(r) for r in rows))
    questions = tmp_path / "q.jsonl"
    items = [
        {"id": "a1", "question": "How big is the budget the harbour board approved?",
         "story": "harbour", "answers": ["12 million"], "split": "dev"},
        {"id": "a2", "question": "Why did the ferry workers strike?", "story": "ferry",
         "answers": ["pay"], "split": "check"},
        {"id": "n1", "question": "Who won the 2022 World Cup final in Qatar?", "story": None,
         "answers": [], "split": "check"},
    ]  # fmt: skip
    questions.write_text("\n".join(json.dumps(i) for i in items))
    report = evaluate_ask([str(archive)], questions)
    assert report["answer_accuracy"] == 1.0 and report["answers_checked"] == 2
    assert report["decline_accuracy"] == 1.0
    assert report["splits"]["check"]["no_answer_questions"] == 1
    assert report["splits"]["dev"]["answerable"] == 1
    assert report["splits"]["dev"]["declined_answerable"] == 0.0
    assert report["splits"]["dev"]["recall_at_5"] == 1.0
    assert report["splits"]["check"]["recall_at_5"] == 1.0
    assert "answer accuracy 1.000" in report["text"]
